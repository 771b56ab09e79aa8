"""A real office suite opens every example's deck: LibreOffice Impress, headless,
converts it to PDF, with a page per slide and every slide's title in its text.

LibreOffice comes from Debian (.ci/run installs ``libreoffice-impress``); without it
the test is skipped, unless ``CRMPLAN_TEST_OFFICE=required`` (CI) makes that a failure."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from render_helpers import EXAMPLES, deck_loaded, loaded_example

pptx = pytest.importorskip("pptx")
pypdf = pytest.importorskip("pypdf")

from pptx import Presentation  # noqa: E402

SOFFICE = shutil.which("soffice")


def squeezed(text: str) -> str:
    """``text`` without white space or the ellipsis of a cut title, as PDF text may break
    lines anywhere."""
    return re.sub(r"\s+|…", "", text)


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[list[str], Path]]:
    if SOFFICE is None:
        if os.environ.get("CRMPLAN_TEST_OFFICE") == "required":
            pytest.fail(
                "LibreOffice (soffice) is required here: apt-get install libreoffice-impress"
            )
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("decks")
    titles = {}
    for example in EXAMPLES:
        data = deck_loaded(loaded_example(example))[0]
        (folder / f"{example}.pptx").write_bytes(data)
        deck = Presentation(io.BytesIO(data))
        titles[example] = [s.shapes.title.text_frame.text for s in deck.slides]
    profile = tmp_path_factory.mktemp("profile")
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *(str(folder / f"{e}.pptx") for e in EXAMPLES),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {e: (titles[e], folder / f"{e}.pdf") for e in EXAMPLES}


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
def test_libreoffice_shows_every_slide_and_title(
    converted: dict[str, tuple[list[str], Path]], example: str
) -> None:
    titles, pdf = converted[example]
    reader = pypdf.PdfReader(str(pdf))
    assert len(reader.pages) == len(titles)
    for page, title in zip(reader.pages, titles, strict=True):
        assert squeezed(title) in squeezed(page.extract_text())
