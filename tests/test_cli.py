"""The CLI edge: version, help, exit codes for internal errors and interruptions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from crmplan import __version__
from crmplan.cli import app
from crmplan.cli.common import command_group

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"crmplan {__version__}"


def test_help_lists_the_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("init", "validate", "schema"):
        assert command in result.output


def test_unknown_command_is_usage_error() -> None:
    result = runner.invoke(app, ["frobnicate"])
    assert result.exit_code == 2


def test_unknown_option_is_usage_error() -> None:
    result = runner.invoke(app, ["validate", "--frobnicate"])
    assert result.exit_code == 2


def _break_validation(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> None:
    def boom(*_args: object) -> None:
        raise exc

    monkeypatch.setattr("crmplan.commands.validate.validate_file", boom)


def test_internal_error_exits_3_with_one_line_and_a_log(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _break_validation(monkeypatch, RuntimeError("secret client data"))
    result = runner.invoke(app, ["validate", "plan.yaml"])
    assert result.exit_code == 3
    assert "internal error (RuntimeError)" in result.output
    assert "Traceback" not in result.output
    log = tmp_path / "crmplan" / "crmplan.log"
    assert "Traceback" in log.read_text(encoding="utf-8")


def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _break_validation(monkeypatch, RuntimeError("boom"))
    result = runner.invoke(app, ["--debug", "validate", "plan.yaml"])
    assert result.exit_code == 3
    assert "Traceback" in result.output


def test_traceback_never_shows_local_variables(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    def boom(*_args: object) -> None:
        client_secret = "VIP customer phone 010-1234-5678"  # noqa: F841
        raise RuntimeError("boom")

    monkeypatch.setattr("crmplan.commands.validate.validate_file", boom)
    result = runner.invoke(app, ["--debug", "validate", "plan.yaml"])
    log = (tmp_path / "crmplan" / "crmplan.log").read_text(encoding="utf-8")
    assert "010-1234-5678" not in result.output
    assert "010-1234-5678" not in log


def test_ctrl_c_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    _break_validation(monkeypatch, KeyboardInterrupt())
    result = runner.invoke(app, ["validate", "plan.yaml"])
    assert result.exit_code == 130


def test_console_script_runs_as_a_process(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "crmplan", "validate", str(tmp_path / "none")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "no such file" in done.stderr
    assert "Traceback" not in done.stderr


EXAMPLE = Path(__file__).parents[1] / "examples" / "online-retailer-en"


def test_a_full_disk_is_a_usage_error_not_a_bug() -> None:
    with open("/dev/full", "w") as full:  # noqa: PTH123 - a device, not a path to build
        done = subprocess.run([sys.executable, "-m", "crmplan", "validate", str(EXAMPLE)],
                              stdout=full, stderr=subprocess.PIPE, text=True, check=False)
    assert done.returncode == 2
    assert "cannot write the output" in done.stderr
    assert "internal error" not in done.stderr


def test_a_closed_pipe_ends_quietly_like_sigpipe() -> None:
    process = subprocess.Popen([sys.executable, "-m", "crmplan", "schema"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # closed before crmplan has written anything
    assert process.wait(timeout=30) == 141
    assert b"Traceback" not in process.stderr.read()


def test_bad_choices_are_named_plainly() -> None:
    result = runner.invoke(app, ["validate", "--lang", "fr"])
    assert result.exit_code == 2
    assert "'fr' is not one of: ko, en, zh" in result.output
    assert "Value error" not in result.output


def _group_with_default() -> typer.Typer:
    group = command_group("things", "Things.")

    @group.command("show")
    def show(path: str = typer.Argument("."), output: str = typer.Option("text", "--format")
             ) -> None:
        typer.echo(f"show {path} {output}")

    @group.command("add")
    def add(name: str) -> None:
        typer.echo(f"add {name}")

    root = typer.Typer()
    root.add_typer(group)

    @root.command("other")
    def other() -> None:  # a second command, so that typer keeps "things" as a group
        pass

    return root


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["things"], "show . text"),
        (["things", "plan.yaml"], "show plan.yaml text"),
        (["things", "--format", "json"], "show . json"),
        (["things", "show", "x"], "show x text"),
        (["things", "add", "vip"], "add vip"),
    ],
)
def test_a_group_runs_its_first_command_unless_another_is_named(
        args: list[str], expected: str) -> None:
    result = runner.invoke(_group_with_default(), args)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == expected


def test_a_group_keeps_its_own_help() -> None:
    result = runner.invoke(_group_with_default(), ["things", "--help"])
    assert result.exit_code == 0
    assert "add" in result.output and "show" in result.output


def test_option_errors_are_in_the_language_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["baseline", "compute", "examples/online-retailer-en",
                                 "--lang", "zh", "--memory-limit", "lots"])
    assert result.exit_code == 2 and "不是内存大小" in result.output
    result = runner.invoke(app, ["baseline", "compute", "examples/online-retailer-en",
                                 "--as-of", "2025-13-01", "--lang=zh"])
    assert result.exit_code == 2 and "不是日期" in result.output
    monkeypatch.setenv("CRMPLAN_LANG", "ko")
    result = runner.invoke(app, ["review", "examples/online-retailer-en", "--as-of", "2025-13"])
    assert result.exit_code == 2 and "날짜가 아닙니다" in result.output


def _every_parameter() -> list[tuple[str, typer.models.ParamMeta]]:
    import inspect

    from typer.utils import get_params_from_function

    found = []
    for info in [*app.registered_commands, *(c for g in app.registered_groups
                                             for c in g.typer_instance.registered_commands)]:
        assert info.callback is not None
        for name, meta in get_params_from_function(info.callback).items():
            found.append((f"{info.callback.__module__}.{info.callback.__name__}:{name}", meta))
    assert len(found) > 40 and inspect.isfunction(_every_parameter)
    return found


def test_every_value_a_user_types_is_read_by_crmplan() -> None:
    """The framework reads text, paths and flags; crmplan reads numbers and dates itself, so
    that a decimal comma or a slash in a date gets crmplan's answer, not a parser's."""
    from pathlib import Path as PathType

    allowed = {str, bool, PathType, str | None, PathType | None, list[str], list[str] | None,
               list[PathType] | None, list[PathType]}
    wrong = [name for name, meta in _every_parameter()
             if typer.models.ParamMeta and _bare(meta.annotation) not in allowed]
    assert wrong == []


def _bare(annotation: object) -> object:
    import typing

    return typing.get_args(annotation)[0] if typing.get_origin(annotation) is typing.Annotated \
        else annotation


def test_a_crmplan_message_about_an_option_is_never_cut() -> None:
    """The message of a checked option is crmplan's, already short: nothing in it is taken
    for a long quoted value (an apostrophe in "computer's" once cut it)."""
    result = runner.invoke(app, ["baseline", "compute", "examples/online-retailer-en",
                                 "--memory-limit", "5XB"])
    assert result.exit_code == 2
    assert "…" not in result.output and "such as 50%" in result.output


# -- help a consultant can navigate ----------------------------------------------------------

HELP_PAGES = [[], ["init"], ["validate"], ["assess"], ["baseline"], ["baseline", "show"],
              ["baseline", "record"], ["baseline", "import"], ["baseline", "export"],
              ["baseline", "compute"], ["journey"], ["segment"], ["segment", "score"],
              ["segment", "compute"], ["review"], ["review", "record"], ["render"], ["schema"]]


def _help(*args: str, lang: str = "en") -> str:
    result = CliRunner().invoke(app, [*args, "--help"], env={"CRMPLAN_LANG": lang})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(("group", "options"), [
    ("review", ["--since REF", "--as-of YYYY-MM-DD", "--strict", "PATH"]),
    ("baseline", ["--as-of YYYY-MM-DD", "--strict", "-f, --format text|json|md"]),
    ("segment", ["--strict", "-f, --format text|json|md"]),
])
def test_a_groups_help_shows_the_options_of_its_default_command(
        group: str, options: list[str]) -> None:
    """`review --help` listed only its subcommands; `--since` was under `review show --help`."""
    text = _help(group)
    assert f"Usage: crmplan {group} [OPTIONS] [PATH]" in text
    assert f"Without a command, 'crmplan {group} show' runs" in text
    for option in options:
        assert option in text, option
    assert "Commands:" in text and "  show " in text


@pytest.mark.parametrize("args", [["review", "--help", "--lang", "ko"],
                                  ["review", "--lang", "ko", "--help"],
                                  ["review", "--lang=ko", "-h"]])
def test_a_groups_help_follows_lang_before_or_after_help(args: list[str]) -> None:
    """`review --lang ko --help` showed the help of `review show`, not the group's."""
    text = CliRunner().invoke(app, args).output
    assert "사용법: crmplan review [옵션] [PATH]" in text and "--since REF" in text
    assert "record " in text.split("명령:")[1]


@pytest.mark.parametrize("args", [["--help", "--lang", "zh"], ["--lang", "zh", "--help"],
                                  ["--lang=zh", "-h"]])
def test_crmplans_own_help_follows_lang(args: list[str]) -> None:
    """`crmplan --lang zh --help` answered 'No such option: --lang'."""
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("用法：crmplan [选项] 命令 [参数]...")


def test_a_commands_help_follows_lang() -> None:
    text = CliRunner().invoke(app, ["baseline", "record", "--lang", "zh", "--help"]).output
    assert "用法：crmplan baseline record [选项] KPI VALUE" in text  # no space after "："
    assert "[可选值：" in CliRunner().invoke(app, ["init", "--lang", "zh", "--help"]).output


def test_fixed_choices_are_listed() -> None:
    text = _help("init")
    assert "--industry INDUSTRY" in text and "healthcare," in text and "b2b_services" in text
    assert "--example EXAMPLE" in text and "online-retailer-en" in text
    assert "--lang ko|en|zh" in text
    assert "-f, --format text|json|md" in _help("assess")
    assert "-f, --format text|json|md|mermaid" in _help("journey")
    assert "-f, --format md,html" in _help("render")


@pytest.mark.parametrize("page", HELP_PAGES, ids=lambda p: " ".join(p) or "crmplan")
def test_every_metavar_reads_as_a_word(page: list[str]) -> None:
    text = _help(*page)
    for shape in ("<", "list[", "{", "}"):
        assert shape not in text, (shape, text)


def test_the_commands_are_listed_whole_in_the_order_of_the_work() -> None:
    import re

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    order = list(dict.fromkeys(re.findall(r"^\| `crmplan (\w+)", readme, re.M)))
    listed = _help().split("Commands:")[1]
    names = re.findall(r"^  (\w+) ", listed, re.M)
    assert names == order
    assert "…" not in listed and "..." not in listed
    assert "data/." in listed and "of every field." in listed  # the whole description


@pytest.mark.parametrize("lang", ["ko", "zh"])
@pytest.mark.parametrize("page", HELP_PAGES, ids=lambda p: " ".join(p) or "crmplan")
def test_help_is_in_the_language_asked(page: list[str], lang: str) -> None:
    """No English help text, heading or framework word is left in a Korean or Chinese help
    page (only option names, metavars, ids and file names stay as they are written)."""
    text = _help(*page, lang=lang)
    for english in ("Usage:", "Options", "Arguments", "Commands", "Show this message",
                    "The plan file", "default:", "required"):
        assert english not in text, (english, text)
    letters = [w for w in text.split() if w.isalpha() and w.isascii() and w.islower()
               and len(w) > 3]
    assert not [w for w in letters if w in ("the", "when", "with", "from", "this", "that",
                                            "plan's", "every", "each")], text


# -- the framework's own words in a usage error, in the language asked -----------------------

USAGE_ERRORS = {  # what the framework refuses before crmplan runs, and a word of the answer
    "a bad value": (["baseline", "record", "churn_rate", "12,5"], "'VALUE'"),
    "an unknown option": (["review", "--bogus"], "--bogus"),
    "a missing argument": (["baseline", "record"], "'KPI'"),
    "a missing option": (["init", "x"], "'--client'"),
    "an option without its value": (["review", "--as-of"], "'--as-of'"),
    "an extra argument": (["init", "x", "y", "--client", "A", "--lang", "LANG"], "y"),
    "an unknown command": (["nosuch"], "'nosuch'"),
}
FRAMEWORK_ENGLISH = ("Try '", "Error:", "Invalid value", "No such", "Missing", "requires",
                     "unexpected", "Usage:")


@pytest.mark.parametrize("lang", ["ko", "zh"])
@pytest.mark.parametrize("case", list(USAGE_ERRORS))
def test_a_usage_error_is_told_in_the_language_asked(case: str, lang: str) -> None:
    """`baseline record churn_rate 12,5` in Korean answered "Try ... for help." and
    "Error: Invalid value for 'VALUE':" in English around crmplan's Korean advice."""
    args, word = USAGE_ERRORS[case]
    args = [lang if arg == "LANG" else arg for arg in args]
    result = CliRunner().invoke(app, args, env={"CRMPLAN_LANG": lang})
    assert result.exit_code == 2, result.output
    assert not [e for e in FRAMEWORK_ENGLISH if e in result.output], result.output
    assert word in result.output, result.output
    assert (" -h" in result.output) is (case != "an option without its value")


@pytest.mark.parametrize("case", list(USAGE_ERRORS))
def test_a_usage_error_in_english_reads_as_before(case: str) -> None:
    args, word = USAGE_ERRORS[case]
    args = ["en" if arg == "LANG" else arg for arg in args]
    result = CliRunner().invoke(app, args, env={"CRMPLAN_LANG": "en"})
    assert result.exit_code == 2, result.output
    assert result.output.count("Error: ") == 1 and word in result.output
    if case != "an option without its value":  # the framework knows no command there yet
        assert "for help.\n\nError: " in result.output
