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
    command_group,
    parse_date,
)

app = command_group("baseline", "SMART goals, KPI baselines against targets, the gap table; "
                    "record, import and export KPI figures.")


@app.command("show")
def show(
    path: PlanArg = Path(),
    output: ReportFormatOpt = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when a goal fails the "
                                         "SMART check.")] = False,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Judge every KPI on this day, YYYY-MM-DD (default: the latest date "
        "the plan records).", metavar="YYYY-MM-DD", show_default=False)] = None,
    lang: LangOpt = None,
) -> None:
    """Every KPI against its baseline and target, the SMART check and the problems to solve."""
    from crmplan.commands.baseline import run

    raise typer.Exit(run(path, fmt=output, lang=lang, strict=strict,
                         as_of=parse_date(as_of, "--as-of")))


ReplaceOpt = Annotated[
    bool, typer.Option("--replace", help="Overwrite a figure already recorded for that date.")
]


# "-5" is a value here, not an option: an NPS or a change can be negative
@app.command("record", context_settings={"ignore_unknown_options": True})
def record(
    kpi: Annotated[str, typer.Argument(help="The KPI's id under kpis.")],
    value: Annotated[float, typer.Argument(help="The measured value (percentages as 0-100).")],
    date: Annotated[str | None, typer.Option("--date", help="When it was measured, YYYY-MM-DD "
                                             "(default: today).", show_default=False)] = None,
    source: Annotated[str | None, typer.Option("--source", help="Where the figure comes "
                                               "from.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Anything a reader should "
                                             "know.")] = None,
    replace: ReplaceOpt = False,
    plan: PlanOpt = Path(),
    lang: LangOpt = None,
) -> None:
    """Append a dated figure to a KPI's snapshots; the rest of the plan stays as it is."""
    from crmplan.commands.baseline_record import run

    raise typer.Exit(run(plan, fmt="text", lang=lang, kpi=kpi, value=value,
                         day=parse_date(date), source=source, note=note, replace=replace))


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="CSV file with columns kpi, date, value, "
                                         "source, note, kind.")],
    replace: ReplaceOpt = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check every row and say what "
                                          "would change; write nothing.")] = False,
    plan: PlanOpt = Path(),
    lang: LangOpt = None,
) -> None:
    """Record the snapshots of a CSV file: every row is checked first, then all are written."""
    from crmplan.commands.baseline_import import run

    raise typer.Exit(run(plan, fmt="text", lang=lang, file=file, replace=replace,
                         dry_run=dry_run))


@app.command("export")
def export(
    path: PlanArg = Path(),
    csv: Annotated[bool, typer.Option("--csv", help="CSV, UTF-8 with a BOM for spreadsheets "
                                      "(the default, and for now the only format).")] = True,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead "
                                             "of standard output.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace --out if it exists.")] = False,
) -> None:
    """Every baseline and snapshot as CSV, safe to open in a spreadsheet."""
    from crmplan.commands.baseline_export import run

    raise typer.Exit(run(path, fmt="text", lang=None, out=out, force=force))


@app.command("compute")
def compute(
    path: PlanArg = Path(),
    as_of: AsOfOpt = None,
    record: Annotated[bool, typer.Option("--record", help="Record each computed KPI, dated "
                                         "the as-of date: as its baseline when it has none, "
                                         "else as a snapshot.")] = False,
    replace: ReplaceOpt = False,
    kpi: Annotated[list[str] | None, typer.Option("--kpi", help="Only this KPI (repeat the "
                                                  "option for more).", metavar="ID",
                                                  show_default=False)
                   ] = None,
    engine: EngineOpt = None,
    memory_limit: MemoryOpt = None,
    output: ReportFormatOpt = "text",
    lang: LangOpt = None,
) -> None:
    """KPIs computed from the plan's order and customer exports, beside the recorded ones."""
    from crmplan.commands.baseline_compute import checked_as_of, checked_memory_limit, run

    raise typer.Exit(run(path, fmt=output, lang=lang,
                         as_of=checked(checked_as_of, as_of, "--as-of"),
                         record=record, replace=replace, kpis=kpi or [], engine=engine,
                         memory_limit=checked(checked_memory_limit, memory_limit,
                                              "--memory-limit")))
