"""The CLI's only error handler: every exception becomes a message and an exit code.

:class:`Group` runs each command; what a command raises ends here. The exit
codes are ruff's and mypy's: 0 clean, 1 the plan has problems, 2 bad usage or
an unreadable path or a refused overwrite, 3 an internal bug, 130 interrupted
(and 141, as a shell reports SIGPIPE, when the reader of the output went away).

Only typer is imported at the top, so that ``crmplan --help`` stays quick.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup

if TYPE_CHECKING:
    from crmplan.errors import OutputError

EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130  # the other exit codes belong to the exceptions (crmplan.errors)
EXIT_BROKEN_PIPE = 141  # what a shell reports for a process ended by SIGPIPE


class Group(TyperGroup):
    """Runs a command and turns crmplan's exceptions into messages and exit codes; lists
    the commands in the order of the work, in the language asked."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None,
                     **extra: Any) -> Any:
        from crmplan.i18n import activate, language_asked

        activate(language_asked(list(args)))  # ``crmplan --help`` is written while parsing
        try:
            return super().make_context(info_name, args, parent, **extra)
        except typer.TyperException as exc:  # an unknown option of crmplan itself
            raise _shortened(exc) from None

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        from crmplan.cli.help import asks_help, without_lang

        if asks_help(ctx, args):  # ``crmplan --lang ko --help``: the language is active
            args = without_lang(args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:  # the framework's own Context class is private
        if "crmplan.output" in sys.modules:  # not imported yet: its format is text already
            sys.modules["crmplan.output"].use_format("text")  # until a command asks otherwise
        # options are checked before any command runs: their messages need the language now
        from crmplan.i18n import activate, language_asked

        activate(language_asked([*getattr(ctx, "protected_args", []), *ctx.args]))
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # the process's edge (crmplan.entry) says so
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Exception as exc:  # the single place that handles every error
            if isinstance(exc, typer.TyperException):
                raise _shortened(exc) from None  # the framework prints it (exit 2)
            if _from_cli_framework(exc):
                raise  # exits
            raise typer.Exit(report_exception(exc, _debug(ctx))) from None

    def list_commands(self, ctx: Any) -> list[str]:
        from crmplan.cli.help import COMMAND_ORDER

        known = [name for name in COMMAND_ORDER if name in self.commands]
        return known + [name for name in self.commands if name not in known]

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        from crmplan.cli.help import translated, write_usage

        write_usage(ctx, formatter, [translated("[OPTIONS]") + " "
                                     + translated("COMMAND [ARGS]...")])

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from crmplan.cli.help import write_commands, write_params, write_text

        self.format_usage(ctx, formatter)
        write_text(self.help, formatter)
        write_params(self, ctx, formatter)
        write_commands([(n, self.commands[n]) for n in self.list_commands(ctx)], formatter)


def _shortened(exc: typer.TyperException) -> typer.TyperException:
    """The framework's own message in the language asked, each value it quotes cut to a
    readable length (:mod:`crmplan.cli.usage`)."""
    from crmplan.cli.usage import retold

    return retold(exc)


def _from_cli_framework(exc: Exception) -> bool:
    return isinstance(exc, (typer.Exit, typer.Abort)) or type(exc).__module__.startswith(
        ("typer.", "click."))


def _debug(ctx: Any) -> bool:
    root = ctx.find_root()
    return bool(root.params.get("debug"))


def report_exception(exc: BaseException, debug: bool) -> int:
    """Print what went wrong and return the exit code."""
    from crmplan import output
    from crmplan.errors import CrmplanError, OutputError, PlanError, UsageError, WriteRefusedError

    if isinstance(exc, OutputError):
        return _output_failed(exc)
    if isinstance(exc, PlanError):
        if output.json_wanted():
            output.print_problems_json(exc.issues)
        else:
            output.print_issues(exc.issues)
        return exc.exit_code
    if isinstance(exc, UsageError):
        output.print_usage_error(exc.message, exc.hint,
                                 exc.diff if isinstance(exc, WriteRefusedError) else "")
        return exc.exit_code
    if isinstance(exc, CrmplanError):
        output.print_usage_error(str(exc), "")
        return exc.exit_code
    if isinstance(exc, OSError) and exc.filename is not None:
        return _path_failed(exc)
    return _internal_error(exc, debug)


def _path_failed(exc: OSError) -> int:
    """A path the system refused (too long, a loop of links, ...): the user's to fix (exit 2)."""
    from crmplan import output
    from crmplan.errors import UsageError, os_reason
    from crmplan.i18n import _
    from crmplan.quoting import PATH_LIMIT, shown

    output.print_usage_error(_("cannot use {path}: {reason}").format(
        path=shown(os.fsdecode(exc.filename), PATH_LIMIT), reason=os_reason(exc)),
        _("Nothing was changed. Check the path."))
    return UsageError.exit_code


def _output_failed(exc: OutputError) -> int:
    """Nothing more can go to standard output; say why on standard error, if it is open."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        # point standard output at /dev/null so the interpreter's final flush cannot fail
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    if exc.broken_pipe:
        return EXIT_BROKEN_PIPE
    with contextlib.suppress(OSError):
        sys.stderr.write(f"crmplan: {exc.message}\n")
    return exc.exit_code


def _internal_error(exc: BaseException, debug: bool) -> int:
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    if debug:
        sys.stderr.write(text)
    log = _write_log(text)
    where = f"the full traceback is in {log}" if log else "run again with --debug to see it"
    sys.stderr.write(
        f"crmplan: internal error ({type(exc).__name__}); this is a bug in crmplan, "
        f"not in your plan; {where}. Please report it together with that traceback.\n"
    )
    return EXIT_INTERNAL


def _write_log(text: str) -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    log = Path(base) / "crmplan" / "crmplan.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(text, encoding="utf-8")
    except OSError:
        return None
    return log
