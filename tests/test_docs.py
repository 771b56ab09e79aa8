"""Every example in docs/ that runs a command on a bundled example shows its real output.

After a change of output, refresh the pages with
``CRMPLAN_REFRESH_DOCS=1 python -m pytest tests/test_docs.py`` and read the diff.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crmplan.cli import app

ROOT = Path(__file__).parents[1]
BLOCK = re.compile(r"^```text\n\$ (crmplan [^\n]*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def examples() -> list[tuple[str, str, str]]:
    """(page, command line, expected output) of each block that can be run as it is.

    Blocks that shorten the output ("…", a line "...") are for reading only.
    """
    found = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        for match in BLOCK.finditer(page.read_text(encoding="utf-8")):
            command, expected = match.groups()
            words = shlex.split(command)
            shortened = "…" in expected or "\n...\n" in f"\n{expected}"
            if len(words) > 2 and words[2].startswith("examples/") and not shortened:
                found.append((page.name, command, expected))
    return found


@pytest.mark.parametrize(("page", "command", "expected"), examples(),
                         ids=[f"{p}: {c}" for p, c, _e in examples()])
def test_the_documented_output_is_the_real_output(
        page: str, command: str, expected: str, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")  # a command may write
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    if os.environ.get("CRMPLAN_REFRESH_DOCS") and result.output != expected:
        path = ROOT / "docs" / page
        text = path.read_text(encoding="utf-8")
        block = f"$ {command}\n{expected}```"
        path.write_text(text.replace(block, f"$ {command}\n{result.output}```", 1),
                        encoding="utf-8")
        return
    assert result.output == expected, (
        f"docs/{page} is out of date: CRMPLAN_REFRESH_DOCS=1 python -m pytest tests/test_docs.py")


def test_some_examples_are_checked() -> None:
    assert {page for page, _c, _e in examples()} >= {"baseline.md"}
