"""The three examples rendered in both formats for both audiences, byte for byte:
``tests/golden/<example>/client/`` and ``.../team/``.

After a change of templates or analyses, refresh the golden files and read the diff:

    CRMPLAN_REFRESH_GOLDEN=1 python -m pytest tests/test_render_golden.py
    git diff tests/golden/
"""

from __future__ import annotations

import os
import re

import pytest

from render_helpers import EXAMPLES, ROOT, loaded_example, render_loaded

GOLDEN = ROOT / "tests" / "golden"
AUDIENCES = ("client", "team")


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("example", EXAMPLES)
def test_every_document_matches_its_golden_file(example: str, audience: str) -> None:
    files = render_loaded(loaded_example(example), audience=audience)
    folder = GOLDEN / example / audience
    if os.environ.get("CRMPLAN_REFRESH_GOLDEN"):
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)
    shipped = sorted(p.name for p in folder.iterdir()
                     if not p.name.endswith(".pdf.txt"))  # tests/test_render_pdf.py
    assert shipped == sorted(files), "CRMPLAN_REFRESH_GOLDEN=1 python -m pytest " \
                                     "tests/test_render_golden.py"
    changed = [name for name, data in files.items() if (folder / name).read_bytes() != data]
    assert changed == [], "out of date: CRMPLAN_REFRESH_GOLDEN=1 python -m pytest " \
                          "tests/test_render_golden.py"


def test_every_golden_file_is_compared() -> None:
    """Nothing under tests/golden but the documents of each example and audience, and the
    text of the client's PDFs (tests/test_render_pdf.py)."""
    found = sorted(str(p.relative_to(GOLDEN)) for p in GOLDEN.rglob("*") if p.is_file())
    names = ("assessment", "journey-map", "review", "strategy")
    expected = [f"{e}/{a}/{n}.{f}" for e in EXAMPLES for a in AUDIENCES
                for n in names for f in ("html", "md")]
    expected += [f"{e}/client/{n}.pdf.txt" for e in EXAMPLES for n in names]
    assert found == sorted(expected)


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
def test_the_same_plan_gives_the_same_bytes(example: str) -> None:
    assert render_loaded(loaded_example(example)) == render_loaded(loaded_example(example))


def test_the_client_documents_show_no_rule_code() -> None:
    """Codes are for the consultant's reports; the client's documents never show one."""
    shown = [f"{path.relative_to(GOLDEN)}: {match.group()}"
             for path in sorted(GOLDEN.glob("*/client/*.*"))
             if (match := re.search(r"CRM\d{3}", path.read_text(encoding="utf-8")))]
    assert shown == []
