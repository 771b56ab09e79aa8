"""Turning an exception into a message and an exit code; the CLI's only error handler."""

from __future__ import annotations

import contextlib
import io
import os
import sys
import traceback
from pathlib import Path

from crmplan.errors import CrmplanError, OutputError, PlanError, UsageError, WriteRefusedError

EXIT_INTERNAL = 3
EXIT_BROKEN_PIPE = 141  # what a shell reports for a process ended by SIGPIPE


def report_exception(exc: BaseException, debug: bool) -> int:
    """Print what went wrong and return the exit code."""
    from crmplan import output

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
    from crmplan.i18n import _
    from crmplan.quoting import PATH_LIMIT, shown

    output.print_usage_error(_("cannot use {path}: {reason}").format(
        path=shown(os.fsdecode(exc.filename), PATH_LIMIT), reason=exc.strerror or exc),
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
