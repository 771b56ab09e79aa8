"""``crmplan baseline ...``: show the KPIs against their targets, record and exchange figures."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crmplan.cli.common import (
    AsOfOpt,
    EngineOpt,
    LangOpt,
    MemoryOpt,
    PlanArg,
    PlanOpt,
    ReportFormatOpt,
    checked,
    command,
    command_group,
    number,
    parse_date,
)
from crmplan.cli.help import FIELDS, N_


def _csv_columns() -> str:
    from crmplan.commands.baseline_import import columns
    from crmplan.i18n import join

    return join(columns()[0])


def _csv_required() -> str:
    from crmplan.commands.baseline_import import columns
    from crmplan.i18n import join

    return join(columns()[1])


FIELDS.update({"csv_columns": _csv_columns, "csv_required": _csv_required})

app = command_group("baseline", N_("SMART goals, KPI baselines against targets, the gap "
                                   "table; record, import and export KPI figures."))


@command(app, "show", N_("Every KPI against its baseline and target, the SMART check and the "
                         "problems to solve."))
def show(
    path: PlanArg = Path(),
    output: ReportFormatOpt = "text",
    strict: Annotated[bool, typer.Option("--strict", help=N_(
        "Exit 1 when a goal fails the SMART check."))] = False,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help=N_("Judge every KPI on this day (default: the latest date the plan "
                           "records)."), metavar="YYYY-MM-DD", show_default=False)] = None,
    lang: LangOpt = None,
) -> None:
    """The baseline report (the group's default command)."""
    from crmplan.commands.baseline import run

    raise typer.Exit(run(path, fmt=output, lang=lang, strict=strict,
                         as_of=parse_date(as_of, "--as-of")))


ReplaceOpt = Annotated[
    bool, typer.Option("--replace", help=N_("Overwrite a figure already recorded for that "
                                            "date."))
]
BeforeBaselineOpt = Annotated[
    bool, typer.Option("--before-baseline", help=N_(
        "Record a figure dated before its KPI's baseline too (refused otherwise: it is most "
        "often a mistyped year, and no report counts it)."))
]


# "-5" is a value here, not an option: an NPS or a change can be negative
@command(app, "record", N_("Append a dated figure to a KPI's snapshots; the rest of the plan "
                           "stays as it is."),
         context_settings={"ignore_unknown_options": True})
def record(
    kpi: Annotated[str, typer.Argument(help=N_("The KPI's id under kpis."), metavar="KPI",
                                       show_default=False)],
    value: Annotated[str, typer.Argument(help=N_(
        "The measured value, with a point before the decimals (percentages as 0-100)."),
        metavar="VALUE", show_default=False)],
    date: Annotated[str | None, typer.Option("--date", help=N_(
        "When it was measured (default: today)."), metavar="YYYY-MM-DD",
        show_default=False)] = None,
    source: Annotated[str | None, typer.Option("--source", help=N_(
        "Where the figure comes from."), metavar="TEXT", show_default=False)] = None,
    note: Annotated[str | None, typer.Option("--note", help=N_(
        "Anything a reader should know."), metavar="TEXT", show_default=False)] = None,
    method: Annotated[str | None, typer.Option("--method", help=N_(
        "How it was obtained: reported (by a system or report), computed_standard or "
        "computed_plan (by crmplan, with its standard or the plan's definition), or "
        "estimated; a change from the figure before is flagged."), metavar="METHOD",
        show_default=False)] = None,
    replace: ReplaceOpt = False,
    before_baseline: BeforeBaselineOpt = False,
    plan: PlanOpt = Path(),
    lang: LangOpt = None,
) -> None:
    """Record one figure."""
    from crmplan.commands.baseline_record import run

    raise typer.Exit(run(plan, fmt="text", lang=lang, kpi=kpi, value=number(value, "VALUE"),
                         day=parse_date(date), source=source, note=note, replace=replace,
                         before_baseline=before_baseline, method=method))


@command(app, "import", N_("Record the snapshots of a CSV file: every row is checked first, "
                           "then all are written."))
def import_(
    file: Annotated[Path, typer.Argument(help=N_(
        "CSV file with the columns {csv_columns} ({csv_required} must be filled in; the "
        "others may be empty or left out)."), metavar="FILE",
        show_default=False)],
    replace: ReplaceOpt = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=N_(
        "Check every row and say what would change; write nothing."))] = False,
    before_baseline: BeforeBaselineOpt = False,
    encoding: Annotated[str | None, typer.Option("--encoding", help=N_(
        "The file's encoding when it is not UTF-8: cp949 (Korean Excel), gb18030 (Chinese "
        "Excel), cp1252 (Western Excel)."), metavar="ENCODING", show_default=False)] = None,
    plan: PlanOpt = Path(),
    lang: LangOpt = None,
) -> None:
    """Record the figures of a CSV file."""
    from crmplan.commands.baseline_import import run

    raise typer.Exit(run(plan, fmt="text", lang=lang, file=file, replace=replace,
                         dry_run=dry_run, before_baseline=before_baseline,
                         encoding=encoding))


@command(app, "export", N_("Every baseline and snapshot as CSV, safe to open in a "
                           "spreadsheet."))
def export(
    path: PlanArg = Path(),
    csv: Annotated[bool, typer.Option("--csv", help=N_(
        "CSV, UTF-8 with a BOM for spreadsheets (the default, and for now the only "
        "format)."))] = True,
    out: Annotated[Path | None, typer.Option("--out", "-o", help=N_(
        "Write to this file instead of standard output."), metavar="FILE",
        show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("Replace --out if it "
                                                           "exists."))] = False,
) -> None:
    """Export the figures as CSV."""
    from crmplan.commands.baseline_export import run

    raise typer.Exit(run(path, fmt="text", lang=None, out=out, force=force))


@command(app, "compute", N_("KPIs computed from the plan's order and customer exports, "
                            "beside the recorded ones."))
def compute(
    path: PlanArg = Path(),
    as_of: AsOfOpt = None,
    record: Annotated[bool, typer.Option("--record", help=N_(
        "Record each computed KPI, dated the as-of date: as its baseline when it has none, "
        "else as a snapshot."))] = False,
    replace: ReplaceOpt = False,
    kpi: Annotated[list[str] | None, typer.Option("--kpi", help=N_(
        "Only this KPI (repeat the option for more)."), metavar="KPI",
        show_default=False)] = None,
    engine: EngineOpt = None,
    memory_limit: MemoryOpt = None,
    output: ReportFormatOpt = "text",
    lang: LangOpt = None,
) -> None:
    """KPIs computed from the exports."""
    from crmplan.commands.baseline_compute import checked_as_of, checked_memory_limit, run

    raise typer.Exit(run(path, fmt=output, lang=lang,
                         as_of=checked(checked_as_of, as_of, "--as-of"),
                         record=record, replace=replace, kpis=kpi or [], engine=engine,
                         memory_limit=checked(checked_memory_limit, memory_limit,
                                              "--memory-limit")))
