"""docs/segment.md shows the real output of the examples: rerun each command and compare."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crmplan import i18n
from crmplan.cli import app

ROOT = Path(__file__).parents[1]
DOC = (ROOT / "docs" / "segment.md").read_text(encoding="utf-8")
TEXT = re.findall(r"```text\n\$ (crmplan segment examples/\S+)\n(.*?)```", DOC, re.S)
MARKDOWN = re.search(r"\$ (crmplan segment examples/\S+ --format md)\n```\n\n````markdown\n"
                     r"(.*?)````", DOC, re.S)


@pytest.fixture(autouse=True)
def _at_the_root(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.chdir(ROOT)  # the documented paths are relative to the repository
    yield
    i18n.activate("en")


def run(command: str) -> str:
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_page_shows_every_example() -> None:
    assert sorted(c.split("/")[1] for c, _out in TEXT) == sorted(
        p.name for p in (ROOT / "examples").iterdir() if (p / "plan.yaml").is_file())
    assert MARKDOWN is not None


@pytest.mark.parametrize(("command", "shown"), TEXT, ids=[c for c, _o in TEXT])
def test_documented_text_output_is_real(command: str, shown: str) -> None:
    assert run(command) == shown


def test_documented_markdown_output_is_real() -> None:
    assert MARKDOWN is not None
    assert run(MARKDOWN.group(1)) == MARKDOWN.group(2)
