"""Output to a pipe or a file is written without rich, byte for byte what rich writes."""

from __future__ import annotations

import io
import itertools
import shlex
import shutil
import sys
from pathlib import Path

import pytest
from tests.test_docs import ROOT, examples
from typer.testing import CliRunner

from crmplan import output
from crmplan.cli import app

SETTINGS = {
    "TTY_COMPATIBLE": (None, "", "0", "1", "yes"),
    "FORCE_COLOR": (None, "", "1"),
    "TERM": (None, "dumb", "UNKNOWN", "xterm-256color"),
    "NO_COLOR": (None, "1"),
}


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        if self.closed:
            raise ValueError("I/O operation on closed file")
        return self.tty


@pytest.mark.parametrize("tty", [False, True])
def test_plain_follows_riches_own_rules(tty: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.console import Console

    for values in itertools.product(*SETTINGS.values()):
        for name, value in zip(SETTINGS, values, strict=True):
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        stream = _Stream(tty)
        monkeypatch.setattr(sys, "stdout", stream)
        expected = Console(file=stream).color_system is None
        assert output.plain() is expected, dict(zip(SETTINGS, values, strict=True))


def test_a_closed_stream_is_no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = _Stream(True)
    stream.close()
    monkeypatch.setattr(sys, "stdout", stream)
    for name in ("TTY_COMPATIBLE", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    assert output.plain()


BROKEN = ('schema_version: 1\nclient:\n  name: Acme\n  languag: en\nkpis:\n'
          '  - id: x\n    name: "\\x1b[2J"\n')


def _commands() -> list[str]:
    """Every documented command line, and commands that report plan problems."""
    return [command for _page, command, _expected in examples()] + [
        "crmplan validate broken.yaml", "crmplan assess broken.yaml --format json",
        "crmplan validate examples/b2b-manufacturer-zh --lang zh",
        "crmplan baseline nowhere.yaml"]


def _run(command: str, folder: Path, monkeypatch: pytest.MonkeyPatch
         ) -> tuple[bytes, bytes, int]:
    """The command's output in a fresh copy of the examples (a command may write)."""
    shutil.copytree(ROOT / "examples", folder / "examples")
    (folder / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    return result.stdout_bytes, result.stderr_bytes, result.exit_code


@pytest.mark.slow
def test_every_commands_piped_output_is_riches(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    for number, command in enumerate(_commands()):
        plain = _run(command, tmp_path / f"{number}-plain", monkeypatch)
        with monkeypatch.context() as rich_only:
            rich_only.setattr(output, "plain", lambda stderr=False: False)
            through_rich = _run(command, tmp_path / f"{number}-rich", monkeypatch)
        assert plain == through_rich, command
        assert plain[0] or plain[1], command
