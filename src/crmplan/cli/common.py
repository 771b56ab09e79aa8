"""What every command module of the CLI shares: option types, checks and conversions.

Nothing here imports more than typer and the language registry (standard library
only), so that ``crmplan --help`` stays quick;
the core is imported inside each command function.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

from crmplan.cli.help import (
    N_,
    HelpCommand,
    asks_help,
    translated,
    usage_pieces,
    without_lang,
    write_commands,
    write_params,
    write_text,
    write_usage,
)
from crmplan.languages import CODES, METAVAR

OUTPUT_FORMATS = ("text", "json")
REPORT_FORMATS = ("text", "json", "md")

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


def bad_value(message: str, option: str | None = None) -> typer.BadParameter:
    """A value crmplan refuses, in its own words (already cut to a readable length, so the
    error handler leaves it whole)."""
    error = typer.BadParameter(message, param_hint=f"'{option}'" if option else None)
    error.crmplan_wrote_it = True  # type: ignore[attr-defined]
    return error


def one_of(*choices: str) -> Any:
    """An option callback that refuses values outside ``choices`` with a plain message."""

    def check(value: str | None) -> str | None:
        if value is not None and value not in choices:
            from crmplan.i18n import _
            from crmplan.quoting import shown

            raise bad_value(_("'{value}' is not one of: {choices}").format(
                value=shown(value), choices=", ".join(choices)))
        return value

    return check


class DefaultCommandGroup(TyperGroup):
    """A command group whose first command runs when no other is named.

    ``crmplan baseline examples/x`` runs ``crmplan baseline show examples/x``,
    while ``crmplan baseline record ...`` runs ``record``; ``--help`` stays the
    group's own, and shows the default command's arguments and options too.
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if asks_help(ctx, args):  # the language asked is already active
            args = without_lang(args)
        elif not args or args[0] not in self.commands:
            args = [next(iter(self.commands)), *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        default = next(iter(self.commands.values()))
        write_usage(ctx, formatter, [usage_pieces(default, ctx),
                                     translated("COMMAND [ARGS]...")])

    def format_help(self, ctx: Any, formatter: Any) -> None:
        name = next(iter(self.commands))
        self.format_usage(ctx, formatter)
        write_text(self.help, formatter)
        write_text(translated(
            "Without a command, '{command}' runs, with these arguments and options:")
            .format(command=f"{ctx.command_path} {name}"), formatter, translate=False)
        write_params(self.commands[name], ctx, formatter)
        write_commands(list(self.commands.items()), formatter)


def command_group(name: str, help_text: str) -> typer.Typer:
    """A sub-command group (``crmplan NAME ...``) whose first command is the default;
    ``help_text`` is marked with ``N_`` where it is written."""
    return typer.Typer(cls=DefaultCommandGroup, name=name, help=help_text,
                       add_completion=False, pretty_exceptions_enable=False,
                       rich_markup_mode=None)


def command(app: typer.Typer, name: str, help_text: str, **settings: Any
            ) -> Callable[[F], F]:
    """``@command(app, "record", N_("..."))``: a command of ``app`` with crmplan's help."""
    decorator: Callable[[F], F] = app.command(name, cls=HelpCommand, help=help_text,
                                              **settings)
    return decorator


PlanArg = Annotated[
    Path, typer.Argument(help=N_("The plan file or client folder (default: here)."),
                         show_default=False, metavar="PATH")
]
PlanOpt = Annotated[
    Path, typer.Option("--plan", "-p", help=N_("The plan file or client folder (default: "
                                               "here)."), show_default=False, metavar="PATH")
]
LangOpt = Annotated[
    str | None,
    typer.Option("--lang", callback=one_of(*CODES), show_default=False, metavar=METAVAR,
                 help=N_("Language of messages (default: CRMPLAN_LANG, then the plan's "
                         "client.language for a report on a plan, then the system's).")),
]
FormatOpt = Annotated[
    str, typer.Option("--format", "-f", callback=one_of(*OUTPUT_FORMATS),
                      metavar="|".join(OUTPUT_FORMATS), help=N_("Output format."))
]
ReportFormatOpt = Annotated[
    str, typer.Option("--format", "-f", callback=one_of(*REPORT_FORMATS),
                      metavar="|".join(REPORT_FORMATS), help=N_("Output format."))
]


def parse_date(text: str | None, option: str = "--date") -> dt.date | None:
    """``YYYY-MM-DD`` from an option, or a usage error naming the option."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        from crmplan.i18n import _
        from crmplan.quoting import shown

        raise bad_value(_("'{value}' is not a date; write YYYY-MM-DD").format(
            value=shown(text)), option) from None


AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help=N_("The day the figures are computed for "
                                                "(default: the latest order date in the "
                                                "data)."),
                             metavar="YYYY-MM-DD", show_default=False)
]
EngineOpt = Annotated[
    str | None, typer.Option("--engine", help=N_(
        "Where the SQL runs: duckdb (embedded, the default), a DuckDB database file "
        "(duckdb:///warehouse.duckdb), a warehouse's connection URL, e.g. "
        "postgresql://user@host/db, or Apache Spark: spark:local (this computer) or a "
        "cluster's master, e.g. spark://host:7077."), metavar="ENGINE", show_default=False)
]
MemoryOpt = Annotated[
    str | None, typer.Option("--memory-limit", help=N_(
        "Memory the embedded engine may use before it spills to disk, e.g. 512MB, 4GB or "
        "50% (default 1GB)."), metavar="SIZE", show_default=False)
]


def checked(check: Callable[[str], T], text: str | None, option: str) -> T | None:
    """``text`` through a command's own check (``check``), which raises a crmplan usage
    error; here that error becomes a usage error naming the option, as the framework shows
    its own, with the error's hint after it."""
    if text is None:
        return None
    from crmplan.errors import UsageError

    try:
        return check(text)
    except UsageError as exc:
        from crmplan.i18n import _

        message = _("{message}; {hint}").format(message=exc.message, hint=exc.hint) \
            if exc.hint else exc.message
        raise bad_value(message, option) from None


def number(text: str, name: str) -> float:
    """A number typed on the command line (``12.5``, ``-3``), or a usage error that says
    what to write instead (``12,5``: the decimal separator is a point)."""
    from crmplan.numbers import read_number

    value = checked(read_number, text, name)
    assert value is not None
    return value
