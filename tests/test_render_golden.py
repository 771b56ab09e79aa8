"""The three examples rendered in both formats, byte for byte.

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


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_document_matches_its_golden_file(example: str) -> None:
    files = render_loaded(loaded_example(example))
    folder = GOLDEN / example
    if os.environ.get("CRMPLAN_REFRESH_GOLDEN"):
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)
    shipped = sorted(p.name for p in folder.iterdir())
    assert shipped == sorted(files), "CRMPLAN_REFRESH_GOLDEN=1 python -m pytest " \
                                     "tests/test_render_golden.py"
    changed = [name for name, data in files.items() if (folder / name).read_bytes() != data]
    assert changed == [], "out of date: CRMPLAN_REFRESH_GOLDEN=1 python -m pytest " \
                          "tests/test_render_golden.py, then read git diff tests/golden/"


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
def test_the_same_plan_gives_the_same_bytes(example: str) -> None:
    assert render_loaded(loaded_example(example)) == render_loaded(loaded_example(example))


def test_the_deliverables_show_no_rule_code() -> None:
    """Codes are for the consultant's reports; the client's documents never show one."""
    shown = [f"{path.relative_to(GOLDEN)}: {match.group()}"
             for path in sorted(GOLDEN.rglob("*.*"))
             if (match := re.search(r"CRM\d{3}", path.read_text(encoding="utf-8")))]
    assert shown == []
