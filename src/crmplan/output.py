"""The one module that prints: rich for people, JSON for machines.

Plan text reaching the terminal is never interpreted as markup, and control
characters (escape sequences) are stripped, so a segment called ``[/]`` or
``\\x1b[2J`` prints as text.
"""

from __future__ import annotations

import contextvars
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cache, wraps
from typing import TYPE_CHECKING, Any, TypeVar

from crmplan.errors import Issue, OutputError, Severity, os_reason
from crmplan.findings import severity_label
from crmplan.i18n import _, colon, labelled

if TYPE_CHECKING:
    from rich.console import Console

# newlines too (one message, one line), and bidirectional controls, which reorder text
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_F = TypeVar("_F", bound=Callable[..., None])


@contextmanager
def _writing() -> Iterator[None]:
    """Turn a failed write (full disk, closed pipe) into OutputError, never a crash."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise OutputError(_("the output was closed early"), broken_pipe=True) from None
    except OSError as exc:
        raise OutputError(_("cannot write the output: {reason}").format(
            reason=os_reason(exc))) from None


def _guarded(function: _F) -> _F:
    @wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> None:
        with _writing():
            function(*args, **kwargs)

    return guarded  # type: ignore[return-value]


def clean(text: object) -> str:
    """Text safe for a terminal: control characters shown as their code, never run."""
    return _CONTROL.sub(_shown_code, str(text))


def _shown_code(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_FORMAT: contextvars.ContextVar[str] = contextvars.ContextVar("crmplan_format", default="text")


def use_format(name: str) -> None:
    """The format of this command's report; with ``json``, plan problems are JSON too."""
    _FORMAT.set(name)


def json_wanted() -> bool:
    return _FORMAT.get() == "json"


def plain(stderr: bool = False) -> bool:
    """Whether rich would write no styles to this stream: then crmplan writes the text
    itself, byte for byte what rich writes, without importing rich.

    Rich's own rules (``Console.is_terminal``, ``is_dumb_terminal``, ``color_system``):
    ``TTY_COMPATIBLE=0``/``1`` decides first, then ``FORCE_COLOR`` (set and not empty:
    a terminal), then whether the stream is a terminal; ``TERM=dumb`` or ``unknown`` on
    a terminal has no colours either. ``NO_COLOR`` keeps bold and dim, so rich prints.
    Inside IDLE or Jupyter rich decides.
    """
    if "idlelib" in sys.modules or "IPython" in sys.modules:
        return console(stderr).color_system is None
    terminal = _is_terminal(sys.stderr if stderr else sys.stdout)
    return not terminal or os.environ.get("TERM", "").lower() in ("dumb", "unknown")


def _is_terminal(stream: Any) -> bool:
    tty_compatible = os.environ.get("TTY_COMPATIBLE", "")
    if tty_compatible in ("0", "1"):
        return tty_compatible == "1"
    force_color = os.environ.get("FORCE_COLOR")
    if force_color is not None:
        return force_color != ""
    isatty = getattr(stream, "isatty", None)
    try:
        return False if isatty is None else bool(isatty())
    except ValueError:  # a closed stream
        return False


def _write_plain(text: str, stderr: bool) -> None:
    (sys.stderr if stderr else sys.stdout).write(text)


@cache
def console(stderr: bool = False) -> Console:
    """The rich console for standard output (or standard error)."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # rich would exit 1, as if the plan had problems
            raise BrokenPipeError

    return _Console(stderr=stderr, highlight=False, soft_wrap=True, emoji=False)


@_guarded
def line(text: str = "", style: str | None = None, stderr: bool = False) -> None:
    """Print one line of plain text (never parsed as markup)."""
    if plain(stderr):
        _write_plain(clean(text) + "\n", stderr)
        return
    from rich.text import Text

    console(stderr).print(Text(clean(text), style=style or ""))


def padded(text: str, width: int, right: bool = False) -> str:
    """``text`` padded to ``width`` terminal columns (Hangul and Chinese take two each)."""
    from rich.cells import cell_len

    space = " " * max(0, width - cell_len(text))
    return space + text if right else text + space


@_guarded
def lines(rows: Iterable[tuple[str, str | None]], stderr: bool = False) -> None:
    """Print many lines of plain text at once, each with its style (a long report).

    Without colours (output to a file or a pipe) the text is written as it is,
    byte for byte what :func:`line` prints, without rich's per-line cost.
    """
    if plain(stderr):
        _write_plain("".join(clean(text) + "\n" for text, _style in rows), stderr)
        return
    from rich.text import Text

    target = console(stderr)
    text = Text()
    for row, style in rows:
        text.append(clean(row), style=style or "")
        text.append("\n")
    target.print(text, end="")


@_guarded
def grid(header: list[str], rows: list[list[str]], right: frozenset[int] = frozenset(),
         indent: str = "  ") -> None:
    """Rows of plain text in aligned columns, the header in bold; ``right``: columns
    aligned right (numbers). Widths are terminal cells, so Korean and Chinese line up."""
    from rich.cells import cell_len

    table = [[clean(value) for value in row] for row in [header, *rows]]
    widths = [max(cell_len(row[i]) for row in table) for i in range(len(header))]
    joined = [indent + "  ".join(padded(value, widths[i], i in right)
                                 for i, value in enumerate(row)).rstrip() for row in table]
    if plain():
        _write_plain("".join(row + "\n" for row in joined), False)
        return
    from rich.text import Text

    text = Text()
    for number, row in enumerate(joined):
        text.append(row, style="bold" if number == 0 else "")
        text.append("\n")
    console().print(text, end="")



@contextmanager
def progress(total: int) -> Iterator[Callable[[str], None]]:
    """A progress bar on standard error, shown only on a terminal; ``step(label)`` marks
    the previous step done and names the next one."""
    if not _is_terminal(sys.stderr) or not console(True).is_terminal:
        yield lambda _label: None
        return
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  TimeElapsedColumn(), console=console(True), transient=True) as bar:
        task = bar.add_task("", total=total)
        started = [False]

        def step(label: str) -> None:
            bar.update(task, advance=1 if started[0] else 0, description=clean(label))
            started[0] = True

        yield step


def issue_line(issue: Issue) -> str:
    """``plan.yaml:4:3: error: segments[vip].size: must be at least 0  [CRM205]``."""
    label = severity_label(issue.severity) + colon()
    return f"{issue.location}: {label}{_body(issue)}{code_tag(issue)}"


SEVERITY_STYLES = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.NOTE: "cyan"}


def code_tag(issue: Issue) -> str:
    """The rule's code at the end of a message line, as mypy shows it: ``  [CRM203]``."""
    return f"  [{issue.code}]"


def _body(issue: Issue) -> str:
    return f"{issue.path}: {issue.message}" if issue.path else issue.message


@_guarded
def print_issues(issues: list[Issue]) -> None:
    """Every issue with its hint, in the order given (sorted by position)."""
    if plain():
        _write_plain("".join(clean(issue_line(issue)) + "\n" + (
            clean("    " + labelled(_("hint"), issue.hint)) + "\n" if issue.hint else "")
            for issue in issues), False)
        return
    from rich.text import Text

    for issue in issues:
        text = Text(clean(issue.location) + ": ", style="bold")
        text.append(severity_label(issue.severity) + colon(), style=SEVERITY_STYLES[issue.severity])
        text.append(clean(_body(issue)))
        text.append(code_tag(issue), style="dim")
        console().print(text)
        if issue.hint:
            line("    " + labelled(_("hint"), issue.hint), style="dim")


@_guarded
def print_usage_error(message: str, hint: str, diff: str = "") -> None:
    """A usage problem (exit 2) on standard error."""
    line("crmplan: " + labelled(_("error"), message), style="red", stderr=True)
    if hint:
        line("    " + labelled(_("hint"), hint), style="dim", stderr=True)
    if diff:
        for row in diff.splitlines():
            line(row, stderr=True)


@_guarded
def print_json(data: Any) -> None:
    """Deterministic JSON (sorted keys, UTF-8) on standard output."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str)
    sys.stdout.write(text + "\n")


@_guarded
def write_bytes(data: bytes) -> None:
    """Bytes as they are (a CSV export) on standard output."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)


@_guarded
def write(text: str) -> None:
    """Text as it is (JSON Schema, Markdown) on standard output."""
    sys.stdout.write(text)


@_guarded
def print_problems_json(issues: list[Issue]) -> None:
    """A plan's problems as JSON, for a command asked for JSON output."""
    print_json({"schema": "crmplan.problems/1", "valid": False,
                "issues": [i.to_json() for i in issues]})
