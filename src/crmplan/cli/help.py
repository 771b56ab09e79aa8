"""Help a consultant can navigate: translated, with word metavars, nothing cut short.

Every help text of the command line is marked with :func:`N_` where it is written
(pybabel extracts it) and translated when the help is shown, in the language the
top-level group activated before any option was parsed (:mod:`crmplan.cli.errors`).
The help of a command group also shows the arguments and options of its default
command (``crmplan review --help`` shows ``--since``), and the commands are listed
with their whole description, in the order of the work.

Only typer is imported at the top, so that ``crmplan --help`` stays quick; gettext
(:mod:`crmplan.i18n`, standard library only) is imported when help is written.
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from typer.core import TyperCommand

F = TypeVar("F", bound=Callable[..., Any])

# The order of the work, as the README's table of commands lists them: crmplan --help too.
COMMAND_ORDER = ("init", "validate", "assess", "baseline", "journey", "segment", "sheet",
                 "review", "render", "schema", "lsp")

# Choices that are not fixed in the command line's own code (the industries of the plan
# format, the bundled examples): shown in the help when it is written, by option.
CHOICES: dict[str, Callable[[], Sequence[str]]] = {}

# Values a help text names as a placeholder (``{csv_columns}``) that are defined in the
# core, not in the command line's code: filled in when the help is written, by name.
FIELDS: dict[str, Callable[[], str]] = {}


def N_(text: str) -> str:
    """Mark a help text for translation; :func:`translated` translates it when shown."""
    return text


def described(help_text: str) -> Callable[[F], F]:
    """Give a command its help text (marked with :func:`N_`), as its docstring would."""

    def mark(function: F) -> F:
        function.__doc__ = help_text
        return function

    return mark


def translated(text: str) -> str:
    """``text`` in the active language (the words of the framework's help included)."""
    from crmplan.i18n import _

    return _(text)


def filled(text: str) -> str:
    """``text`` with its placeholders (names of :data:`FIELDS`) filled in."""
    names = {name for _text, name, _spec, _conversion in string.Formatter().parse(text) if name}
    return text.format(**{name: FIELDS[name]() for name in names}) if names else text


# The framework's own words in a help page, marked here so that they are translated.
FRAMEWORK_WORDS = (N_("Usage:"), N_("Arguments"), N_("Options"), N_("Commands"),
                   N_("[OPTIONS]"), N_("COMMAND [ARGS]..."), N_("Show this message and exit."),
                   N_("Without a command, '{command}' runs, with these arguments and options:"))


def asks_help(ctx: Any, args: list[str]) -> bool:
    """Whether ``args`` ask for the help of the command being parsed, ``--lang`` aside
    (``crmplan review --lang ko --help``: the language is active already)."""
    rest = without_lang(args)
    return bool(rest) and rest[0] in ctx.help_option_names


def without_lang(args: list[str]) -> list[str]:
    """``args`` without ``--lang CODE`` (or ``--lang=CODE``)."""
    kept, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("--lang="):
            kept.append(arg)
    return kept


def columns(text: str) -> int:
    """The columns ``text`` takes on a terminal: a Korean or Chinese character takes two."""
    return sum(map(_columns_of, text))


def _columns_of(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def wrap(text: str, width: int) -> list[str]:
    """``text`` cut into lines of at most ``width`` columns: after a space, or between two
    Chinese or Japanese characters (Korean, like English, breaks between words), else
    anywhere."""
    lines: list[str] = []
    line, used, cut = "", 0, 0
    for ch in text:
        if line and used + _columns_of(ch) > width:
            head, rest = (line[:cut], line[cut:]) if cut else (line, "")
            lines.append(head.rstrip())
            line, cut = rest.lstrip(), 0
            used = columns(line)
        line += ch
        used += _columns_of(ch)
        if ch == " " or (len(line) > 1 and _breakable(line[-2]) and _breakable(ch)):
            cut = len(line) if ch == " " else len(line) - 1
    return [*lines, line.rstrip()] if line.strip() or not lines else lines


def _breakable(ch: str) -> bool:
    """A wide character a line may break before or after: not a Korean syllable."""
    return unicodedata.east_asian_width(ch) in "WF" and not "\uac00" <= ch <= "\ud7a3"


@contextmanager
def section(formatter: Any, title: str) -> Iterator[None]:
    """A titled section (``Options:``, ``选项：``) whose lines are indented."""
    formatter.write_paragraph()
    heading = translated("{title}:").format(title=title)
    formatter.write(" " * formatter.current_indent + heading + "\n")
    with formatter.indentation():
        yield


def write_records(formatter: Any, records: Sequence[tuple[str, str]]) -> None:
    """Terms and their descriptions in two columns, wrapped by columns, not characters."""
    indent = " " * formatter.current_indent
    first = min(max((columns(term) for term, _ in records), default=0), 30) + 2
    room = max(20, formatter.width - formatter.current_indent - first)
    for term, text in records:
        lines = wrap(text, room) if text else [""]
        if columns(term) + 2 > first:
            formatter.write(f"{indent}{term}\n")
            lead = [" " * first + line for line in lines]
        else:
            pad = " " * (first - columns(term))
            lead = [term + pad + lines[0], *(" " * first + line for line in lines[1:])]
        formatter.write("".join(f"{indent}{line}".rstrip() + "\n" for line in lead))


class HelpCommand(TyperCommand):
    """A command whose help is crmplan's: translated, with word metavars."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        write_usage(ctx, formatter, [usage_pieces(self, ctx)])
        write_text(self.help, formatter)
        write_params(self, ctx, formatter)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [usage_pieces(self, ctx)]

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        write_usage(ctx, formatter, [usage_pieces(self, ctx)])


def usage_pieces(command: Any, ctx: Any) -> str:
    """``[OPTIONS] KPI VALUE``, ``[OPTIONS] [PATH]...``: options, then the arguments."""
    pieces = [translated("[OPTIONS]")]
    for param in command.get_params(ctx):
        if param.param_type_name != "argument":
            continue
        name = metavar(param)
        name = name if param.required else f"[{name}]"
        pieces.append(name + ("..." if param.nargs != 1 else ""))
    return " ".join(pieces)


def metavar(param: Any) -> str:
    """The word a parameter's value is shown as: its metavar, else its name in capitals."""
    return str(param.metavar or (param.name or "").upper())


def write_usage(ctx: Any, formatter: Any, forms: list[str]) -> None:
    """``Usage: crmplan baseline record [OPTIONS] KPI VALUE``, one line per form."""
    prefix = translated("Usage:")
    prefix += "" if prefix.endswith("\uff1a") else " "  # a full-width colon has its space
    lines = [prefix + ctx.command_path + " " + forms[0]]
    lines += [" " * columns(prefix) + ctx.command_path + " " + form for form in forms[1:]]
    formatter.write("\n".join(lines) + "\n")


def write_text(text: str | None, formatter: Any, *, translate: bool = True) -> None:
    """A paragraph, indented and wrapped by columns."""
    if text:
        formatter.write_paragraph()
        with formatter.indentation():
            indent = " " * formatter.current_indent
            width = max(20, formatter.width - formatter.current_indent)
            body = translated(text) if translate else text
            formatter.write("".join(f"{indent}{line}\n" for line in wrap(body, width)))


def write_params(command: Any, ctx: Any, formatter: Any, *, own_help: bool = True) -> None:
    """The arguments, then the options of ``command``, each with its translated help."""
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    if not own_help:
        params = [p for p in params if p.name != "help"]
    arguments = [argument_record(p) for p in params if p.param_type_name == "argument"]
    options = [option_record(p) for p in params if p.param_type_name == "option"]
    for title, records in ((translated("Arguments"), arguments),
                           (translated("Options"), options)):
        if records:
            with section(formatter, title):
                write_records(formatter, records)


def argument_record(param: Any) -> tuple[str, str]:
    name = metavar(param) + ("..." if param.nargs != 1 else "")
    return name, _help_of(param)


def option_record(param: Any) -> tuple[str, str]:
    names = ", ".join(sorted(param.opts, key=len))
    if not param.is_flag:
        names += " " + metavar(param)
    return names, _help_of(param)


def _help_of(param: Any) -> str:
    """The parameter's help, its choices when they are not in its metavar, its default and
    whether it is required."""
    text = filled(translated(param.help)) if param.help else ""
    extra = []
    long_name = max(getattr(param, "opts", [""]), key=len)
    if long_name in CHOICES:
        extra.append(translated(N_("one of: {choices}")).format(
            choices=", ".join(CHOICES[long_name]())))
    default = param.default
    if getattr(param, "show_default", False) is True and default not in (None, False, (), []):
        extra.append(translated(N_("default: {default}")).format(default=default))
    if param.required:
        extra.append(translated(N_("required")))
    return "  ".join([text, *(f"[{e}]" for e in extra)]).strip()


def write_commands(commands: Sequence[tuple[str, Any]], formatter: Any) -> None:
    """Each command with its whole description, translated, in the order given."""
    records = [(name, translated(command.help or "")) for name, command in commands
               if not command.hidden]
    if records:
        with section(formatter, translated("Commands")):
            write_records(formatter, records)
