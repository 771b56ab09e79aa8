"""One shape for every command: ``cli/<command>.py`` holds its options, ``commands/<command>.py``
its work, behind one signature; the CLI reaches the core only through ``crmplan.commands``."""

from __future__ import annotations

import ast
import importlib
import inspect
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from crmplan.cli import app

SOURCE = Path(__file__).parents[1] / "src" / "crmplan"
# what a CLI module may import from crmplan besides crmplan.cli and crmplan.commands: the
# base utilities, and the output the error handler prints through
BASE = ("crmplan.i18n", "crmplan.errors", "crmplan.quoting", "crmplan.numbers", "crmplan.languages",
        "crmplan.output")
SHARED = ("fmt", "lang")  # the keyword-only parameters every command's run() takes first


def _modules(package: str) -> list[str]:
    return sorted(p.stem for p in (SOURCE / package).glob("*.py") if p.stem != "__init__")


def _crmplan_imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) of every import of crmplan in a file, at any depth."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] if node.module != "crmplan" else [
                f"crmplan.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        yield from ((node.lineno, n) for n in names if n.split(".")[0] == "crmplan")


def _allowed_in_cli(module: str) -> bool:
    return (module.startswith(("crmplan.cli.", "crmplan.commands.")) or module in BASE
            or module in ("crmplan.cli", "crmplan.__version__"))


@pytest.mark.parametrize("name", ["__init__", *_modules("cli")])
def test_the_cli_reaches_the_core_only_through_the_commands(name: str) -> None:
    path = SOURCE / "cli" / f"{name}.py"
    wrong = [f"{path.name}:{line}: {module}" for line, module in _crmplan_imports(path)
             if not _allowed_in_cli(module)]
    assert wrong == []


Leaf = tuple[str, Callable[..., Any]]


def _leaf_commands(group: typer.Typer, prefix: str = "") -> Iterator[Leaf]:
    """(commands module name, Typer function) of every command a user can run."""
    for info in group.registered_commands:
        assert info.callback is not None
        name = info.name or info.callback.__name__.rstrip("_")
        # a group's default command (show) is the group's own module
        yield (prefix.rstrip("_") if name == "show" and prefix else prefix + name), info.callback
    for sub in group.registered_groups:
        assert sub.typer_instance is not None and sub.typer_instance.info.name
        yield from _leaf_commands(sub.typer_instance, sub.typer_instance.info.name + "_")


LEAVES = dict(_leaf_commands(app))


def test_every_command_has_a_commands_module_and_every_module_a_command() -> None:
    assert sorted(LEAVES) == _modules("commands")


def _returns_run(function: Callable[..., Any]) -> bool:
    """Whether a Typer function ends with ``raise typer.Exit(run(...))``."""
    body = ast.parse(textwrap.dedent(inspect.getsource(function))).body[0]
    assert isinstance(body, ast.FunctionDef)
    last = body.body[-1]
    return (isinstance(last, ast.Raise) and isinstance(last.exc, ast.Call)
            and ast.unparse(last.exc.func) == "typer.Exit" and len(last.exc.args) == 1
            and isinstance(last.exc.args[0], ast.Call)
            and ast.unparse(last.exc.args[0].func) == "run")


@pytest.mark.parametrize("name", sorted(LEAVES))
def test_each_command_function_returns_what_run_returns(name: str) -> None:
    assert _returns_run(LEAVES[name])


@pytest.mark.parametrize("name", _modules("commands"))
def test_each_command_runs_with_one_signature(name: str) -> None:
    run = importlib.import_module(f"crmplan.commands.{name}").run
    signature = inspect.signature(run, eval_str=True)
    keywords = [p for p in signature.parameters.values() if p.kind is p.KEYWORD_ONLY]
    shared = SHARED[:1] if name == "schema" else SHARED  # schema reads no plan, speaks no prose
    assert [p.name for p in keywords[:len(shared)]] == list(shared)
    assert keywords[0].annotation is str
    if name != "schema":
        assert keywords[1].annotation == str | None
    positional = [p for p in signature.parameters.values() if p.kind is not p.KEYWORD_ONLY]
    # schema and lsp are given no plan: lsp's plans are the documents the editor opens
    assert len(positional) == (0 if name in ("schema", "lsp") else 1)
    assert signature.return_annotation is int


# render's formats are the files it writes, schema prints no problems, lsp speaks the
# protocol's JSON-RPC: the rest print theirs (a plan's problems too) in the format asked
REPORTS = [name for name in _modules("commands") if name not in ("render", "schema", "lsp")]


@pytest.mark.parametrize("name", REPORTS)
def test_each_command_prints_in_the_format_asked(name: str) -> None:
    run = importlib.import_module(f"crmplan.commands.{name}").run
    calls = [ast.unparse(node) for node in ast.walk(ast.parse(inspect.getsource(run)))
             if isinstance(node, ast.Call)]
    assert "output.use_format(fmt)" in calls


@pytest.mark.parametrize("name", _modules("commands"))
def test_a_command_never_exits_by_itself(name: str) -> None:
    """The exit code is what ``run`` returns; only the CLI knows typer."""
    text = (SOURCE / "commands" / f"{name}.py").read_text(encoding="utf-8")
    imported = {n.split(".")[0] for n in _all_imports(text)}
    assert not imported & {"typer", "click", "sys"}


def _all_imports(text: str) -> Iterator[str]:
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def test_help_loads_no_more_than_the_cli() -> None:
    """``crmplan --help`` stays quick: the core is imported only when a command runs."""
    code = ("import sys, crmplan.cli; print(' '.join(sorted(m for m in sys.modules"
            " if m.split('.')[0] in ('crmplan', 'pydantic', 'ruamel', 'jinja2', 'rich'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    loaded = done.stdout.split()
    # the language registry is standard library only: the --lang choices come from it
    assert [m for m in loaded if not m.startswith("crmplan.cli")] == ["crmplan",
                                                                      "crmplan.languages"]


@pytest.mark.slow
@pytest.mark.parametrize("args", [["--help"], ["review", "--help"], ["baseline", "record",
                                                                     "--help"]])
def test_writing_the_help_loads_only_gettext_more(args: list[str]) -> None:
    """Help is translated when it is written, with gettext alone (and, in Korean, the
    particles its messages choose): none of crmplan's core,
    YAML, templates or rich is imported for it (typer's own parameter conversion imports
    pydantic for a subcommand; ``init --help`` asks the plan format for its industries)."""
    code = ("import sys; from crmplan.cli import main; main(); print(' '.join(sorted(m for m"
            " in sys.modules if m.split('.')[0] in ('crmplan', 'ruamel', 'jinja2', 'rich'))),"
            " file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                          text=True, check=True, env={**os.environ, "CRMPLAN_LANG": "ko"})
    loaded = done.stderr.split()
    assert [m for m in loaded if not m.startswith("crmplan.cli")] == [
        "crmplan", "crmplan.hangul", "crmplan.i18n", "crmplan.languages"]


@pytest.mark.parametrize("name", _modules("commands"))
def test_a_command_leaves_the_choice_of_language_to_plan_language(name: str) -> None:
    """``--lang`` arrives as given; which language is spoken is decided in one place."""
    text = (SOURCE / "commands" / f"{name}.py").read_text(encoding="utf-8")
    for choice in ("client.language", "language_from_environment", "chosen_language",
                   "lang or "):
        assert choice not in text
