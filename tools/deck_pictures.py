"""Pictures of a few slides of each example's deck, for docs/render.md.

    python tools/deck_pictures.py

Builds each bundled example's deck (the client's version, dated as outside git),
converts it to PDF with LibreOffice Impress, headless, in a profile of its own, and
turns the chosen slides into PNG files under docs/images/ with pdftoppm (poppler-utils).
Look at every picture before committing it.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from render_helpers import EXAMPLES, deck_loaded, loaded_example  # noqa: E402

SHOWN = ("decision", "maturity", "kpis-1", "matrix", "journey-", "rollout")
WIDTH = 960


def chosen(keys: list[str]) -> list[tuple[int, str]]:
    """The page number and key of each slide to show, the first journey's only."""
    found = []
    for wanted in SHOWN:
        page = next((n for n, key in enumerate(keys, 1) if key.startswith(wanted)), None)
        if page is not None:
            found.append((page, wanted.rstrip("-")))
    return found


def main() -> None:
    images = ROOT / "docs" / "images"
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for example in EXAMPLES:
            data, slides, _analysis = deck_loaded(loaded_example(example))
            (work / f"{example}.pptx").write_bytes(data)
            subprocess.run(
                [
                    "soffice",
                    f"-env:UserInstallation={(work / 'profile').as_uri()}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(work),
                    str(work / f"{example}.pptx"),
                ],
                check=True,
                capture_output=True,
            )
            for page, key in chosen([s.key for s in slides]):
                target = images / f"deck-{example}-{key}"
                subprocess.run(
                    [
                        "pdftoppm",
                        "-png",
                        "-singlefile",
                        "-f",
                        str(page),
                        "-l",
                        str(page),
                        "-scale-to-x",
                        str(WIDTH),
                        "-scale-to-y",
                        "-1",
                        str(work / f"{example}.pdf"),
                        str(target),
                    ],
                    check=True,
                )
                print(f"wrote {target.relative_to(ROOT)}.png")


if __name__ == "__main__":
    main()
