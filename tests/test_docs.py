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
# A command whose Markdown output follows in a block of its own, shown as source:
MARKDOWN = re.compile(r"^```text\n\$ (crmplan [^\n]*)\n```\n\n````markdown\n(.*?)^````$",
                      re.MULTILINE | re.DOTALL)
COMMAND_PAGES = ("baseline.md", "journey.md", "review.md", "segment.md")


def example_of(words: list[str]) -> str:
    """The plan a command line runs on: ``crmplan baseline PATH`` or ``crmplan baseline
    compute PATH`` (a subcommand whose first argument is a plan)."""
    named = [w for w in words[2:] if w.startswith("examples/")]
    if words[1:2] == ["sheet"] and named:  # ``crmplan sheet export KIND examples/x``
        return named[0]
    if len(words) > 3 and words[2].isidentifier():
        return words[3]
    return words[2] if len(words) > 2 else ""


def examples() -> list[tuple[str, str, str]]:
    """(page, command line, expected output) of each block that can be run as it is.

    A block shortened for reading is marked with ``<!-- shortened -->`` on the
    line before it, or leaves lines out with a line ``...``.
    """
    found = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for match in [*BLOCK.finditer(text), *MARKDOWN.finditer(text)]:
            command, expected = match.groups()
            if not expected and MARKDOWN.match(text, match.start()):
                continue  # the output is the Markdown block that follows
            words = shlex.split(command)
            shortened = "\n...\n" in f"\n{expected}" or text[:match.start()].endswith(
                "<!-- shortened -->\n")
            if example_of(words).startswith("examples/") and not shortened:
                found.append((page.name, command, expected))
    return found


@pytest.mark.parametrize(("page", "command", "expected"), examples(),
                         ids=[f"{p}: {c}" for p, c, _e in examples()])
def test_the_documented_output_is_the_real_output(
        page: str, command: str, expected: str, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")  # a command may write
    shutil.copytree(ROOT / "docs" / "workshops", tmp_path / "docs" / "workshops")  # workbooks
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    if os.environ.get("CRMPLAN_REFRESH_DOCS") and result.output != expected:
        path = ROOT / "docs" / page
        text = path.read_text(encoding="utf-8")
        fence = "````" if f"\n{expected}````" in text else "```"
        shown = f"$ {command}\n```\n\n````markdown\n" if fence == "````" else f"$ {command}\n"
        text = text.replace(f"{shown}{expected}{fence}", f"{shown}{result.output}{fence}", 1)
        path.write_text(text, encoding="utf-8")
        return
    assert result.output == expected, (
        f"docs/{page} is out of date: CRMPLAN_REFRESH_DOCS=1 python -m pytest tests/test_docs.py")


@pytest.mark.parametrize("page", COMMAND_PAGES)
def test_each_command_page_shows_every_example(page: str) -> None:
    shown = {example_of(shlex.split(command)).split("/")[1]
             for p, command, _e in examples() if p == page}
    assert shown == {p.name for p in (ROOT / "examples").iterdir() if (p / "plan.yaml").exists()}
