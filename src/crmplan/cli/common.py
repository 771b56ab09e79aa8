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
from typer.core import TyperCommand, TyperGroup

from crmplan.languages import CHOICES_TEXT, CODES, METAVAR

OUTPUT_FORMATS = ("text", "json")
REPORT_FORMATS = ("text", "json", "md")

T = TypeVar("T")


def one_of(*choices: str) -> Any:
    """An option callback that refuses values outside ``choices`` with a plain message."""

    def check(value: str | None) -> str | None:
        if value is not None and value not in choices:
            from crmplan.i18n import _
            from crmplan.quoting import shown

            raise typer.BadParameter(_("'{value}' is not one of: {choices}").format(
                value=shown(value), choices=", ".join(choices)))
        return value

    return check


def N_(text: str) -> str:
    """Mark an option's help for translation (``pybabel extract -k N_``); the help is
    translated when it is shown (:class:`LocalizedCommand`). The same as
    :func:`crmplan.i18n.N_`, without importing gettext's catalogs at start-up."""
    return text


class LocalizedCommand(TyperCommand):
    """A command whose help (its own and each option's) is shown in the user's language
    (``--lang``, else ``CRMPLAN_LANG``, then the locale) where the catalogs translate it;
    a text they do not translate stays English."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        texts: list[Any] = [self, *self.params]
        kept = [getattr(item, "help", None) for item in texts]
        try:
            for item, text in zip(texts, kept, strict=True):
                if text:
                    item.help = _translated(text)
            super().format_help(ctx, formatter)
        finally:
            for item, text in zip(texts, kept, strict=True):
                if text:
                    item.help = text

    def get_short_help_str(self, limit: int = 45) -> str:
        if self.short_help or not self.help:
            return super().get_short_help_str(limit)
        kept = self.help
        try:
            self.help = _translated(kept)
            return super().get_short_help_str(limit)
        finally:
            self.help = kept


def _translated(text: str) -> str:
    """``text`` (its lines joined) in the active language, or as it is when untranslated."""
    from crmplan.i18n import _

    joined = " ".join(text.split())
    if (found := _(joined)) != joined:
        return found
    template = joined.replace(CHOICES_TEXT, "{choices}")  # --lang's help names the languages
    if template != joined and (found := _(template)) != template:
        return found.format(choices=CHOICES_TEXT)
    return text


class DefaultCommandGroup(TyperGroup):
    """A command group whose first command runs when no other is named.

    ``crmplan baseline examples/x`` runs ``crmplan baseline show examples/x``,
    while ``crmplan baseline record ...`` runs ``record``; ``--help`` stays the
    group's own.
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        first = args[0] if args else None
        if first is None or (first not in self.commands and first not in ctx.help_option_names):
            args = [next(iter(self.commands)), *args]
        return super().parse_args(ctx, args)


def command_group(name: str, help_text: str) -> typer.Typer:
    """A sub-command group (``crmplan NAME ...``) whose first command is the default."""
    return typer.Typer(cls=DefaultCommandGroup, name=name, help=help_text,
                       add_completion=False, pretty_exceptions_enable=False,
                       rich_markup_mode=None)


PlanArg = Annotated[
    Path, typer.Argument(help=N_("The plan file or client folder (default: here)."),
                         show_default=False)
]
PlanOpt = Annotated[
    Path, typer.Option("--plan", "-p", help="The plan file or client folder (default: here).",
                       show_default=False)
]
LANG_HELP = N_("Language of messages: {choices} (default: CRMPLAN_LANG, then the plan's "
               "client.language for a report on a plan, then the system's).")
LangOpt = Annotated[
    str | None,
    typer.Option("--lang", callback=one_of(*CODES), show_default=False, metavar=METAVAR,
                 help=LANG_HELP.format(choices=CHOICES_TEXT)),
]
FormatOpt = Annotated[
    str, typer.Option("--format", "-f", callback=one_of(*OUTPUT_FORMATS),
                      help="Output format: text or json.")
]
ReportFormatOpt = Annotated[
    str, typer.Option("--format", "-f", callback=one_of(*REPORT_FORMATS),
                      help="Output format: text, json or md.")
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

        raise typer.BadParameter(_("'{value}' is not a date; write YYYY-MM-DD").format(
            value=shown(text)), param_hint=f"'{option}'") from None


AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="The day the figures are computed for, "
                             "YYYY-MM-DD (default: the latest order date in the data).",
                             metavar="YYYY-MM-DD", show_default=False)
]
EngineOpt = Annotated[
    str | None, typer.Option("--engine", help="Where the SQL runs: duckdb (embedded, the "
                             "default), a DuckDB database file (duckdb:///warehouse.duckdb), "
                             "a warehouse's connection URL, e.g. postgresql://user@host/db, "
                             "or Apache Spark: spark:local (this computer) or a cluster's "
                             "master, e.g. spark://host:7077.", show_default=False)
]
MemoryOpt = Annotated[
    str | None, typer.Option("--memory-limit", help="Memory the embedded engine may use "
                             "before it spills to disk, e.g. 512MB, 4GB or 50% (default 1GB).",
                             show_default=False)
]


def checked(check: Callable[[str], T], text: str | None, option: str) -> T | None:
    """``text`` through a command's own check (``check``), which raises a crmplan usage
    error; here that error becomes a usage error naming the option, as the framework shows
    its own."""
    if text is None:
        return None
    from crmplan.errors import UsageError

    try:
        return check(text)
    except UsageError as exc:
        raise typer.BadParameter(exc.message, param_hint=f"'{option}'") from None
