"""Where the ``crmplan`` process starts: Ctrl-C ends it with exit code 130 at any moment.

The console script and ``python -m crmplan`` start here rather than in
:mod:`crmplan.cli`: importing this module installs the interrupt handler, before
typer and the rest are imported (a tenth of a second or more, during which
Python's own handler printed a traceback). Python's defaults get these moments
wrong, and this module covers each:

- before :func:`main` runs (the console script's own lines), Ctrl-C is noted,
  and :func:`main` stops at once;
- during an import or a command, Ctrl-C raises KeyboardInterrupt: the command
  cleans up on its way out (a write removes its temporary file) and the
  process ends with 130 and one line;
- Ctrl-C that lands in a finaliser or a callback (an import lock's weak
  reference) cannot be raised there: Python prints "Exception ignored" and
  carries on. The process ends at once instead, as a kill would end it (every
  write of crmplan survives a kill);
- once a write has begun to put files in place (:mod:`crmplan.interrupts`),
  Ctrl-C is noted and nothing more: the write finishes, its backups are
  removed and the exit code is the command's, not 130 with the files changed;
- once the command is done and its output flushed, Ctrl-C is blocked: the
  exit code is the command's. (Otherwise the interpreter's shutdown printed
  "Exception ignored in threading._shutdown", or, once it had put the default
  handler back, ended by the signal.)

A second Ctrl-C while the first is being handled ends the process at once.
What comes before this module is imported, the interpreter's own start-up and
the console script's first line (``import re``; some ten to thirty
milliseconds), is Python's: an interrupt then ends the process by the signal,
which a shell reports as 130 too, or with Python's own message.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from types import FrameType

from crmplan import interrupts

EXIT_INTERRUPTED = 130


class _State:
    interrupted = False  # Ctrl-C was pressed
    running = False  # main() has started: an interrupt raises KeyboardInterrupt


def _on_interrupt(_signum: int, _frame: FrameType | None) -> None:
    if _State.interrupted:  # a second Ctrl-C: the first is taking too long
        _say_interrupted()
        os._exit(EXIT_INTERRUPTED)
    _State.interrupted = True
    if _State.running and not interrupts.committed():
        raise KeyboardInterrupt
    # not yet: the console script's own lines run before main(), which stops at once;
    # or too late: a write is putting its files in place, and the command ends as it ends


def _unraisable(args: sys.UnraisableHookArgs) -> None:
    """An interrupt Python could not raise (it landed in a finaliser): end the process now."""
    if args.exc_type is not None and issubclass(args.exc_type, KeyboardInterrupt):
        _say_interrupted()
        os._exit(EXIT_INTERRUPTED)
    sys.__unraisablehook__(args)


# Importing this module is starting crmplan: nothing heavy has been imported yet.
signal.signal(signal.SIGINT, _on_interrupt)
sys.unraisablehook = _unraisable


def main() -> None:
    """Console-script entry point: run the command line, exit with its code."""
    try:
        _State.running = True
        if _State.interrupted:
            raise KeyboardInterrupt
        code = _run()
        _flush()
    except KeyboardInterrupt:
        code = EXIT_INTERRUPTED
    finally:
        _block_interrupts()
    if code == EXIT_INTERRUPTED or (_State.interrupted and not interrupts.committed()):
        _say_interrupted()
        code = EXIT_INTERRUPTED
    sys.exit(code)


def _run() -> int:
    from crmplan.cli import main as run_command_line  # typer and the rest: the slow part

    return run_command_line()


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # closed, or a full disk: reported
            stream.flush()


def _block_interrupts() -> None:
    """From here to the exit, Ctrl-C changes nothing: the outcome is known."""
    while True:
        try:
            if hasattr(signal, "pthread_sigmask"):
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            else:  # Windows
                signal.signal(signal.SIGINT, signal.SIG_IGN)
            return
        except KeyboardInterrupt:  # it arrived just before the block: it counts
            _State.interrupted = True


def _say_interrupted() -> None:
    with contextlib.suppress(OSError, ValueError, RuntimeError):  # RuntimeError: re-entered
        sys.stderr.write(_message() + "\n")
        sys.stderr.flush()


def _message() -> str:
    """``crmplan: interrupted`` in the language of the command line or the environment."""
    try:
        from crmplan.i18n import _, language, language_asked

        with language(language_asked(sys.argv[1:])):
            return "crmplan: " + _("interrupted")
    except Exception:  # the catalogs could not be read: English
        return "crmplan: interrupted"
