"""``crmplan sheet ...``: workshop workbooks out to the client's team, and back into the
plan."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crmplan.cli.common import LangOpt, PlanArg, command, command_group, one_of
from crmplan.cli.help import N_

KINDS = ("touchpoints", "scores", "kpis")

app = command_group("sheet", N_("Workshop spreadsheets: export the touchpoints, the "
                                "task force's scores or the KPI figures for the client's "
                                "team to fill in, and import them back into the plan."))


@command(app, "export", N_("A workbook for a workshop: touchpoints, each member's scores, "
                           "or new KPI figures (.xlsx, or .csv for one sheet)."))
def export(
    kind: Annotated[str, typer.Argument(help=N_("What the workbook gathers."),
                                        callback=one_of(*KINDS), metavar="|".join(KINDS),
                                        show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help=N_(
        "The file to write: .xlsx, or .csv for a single sheet."), metavar="FILE",
        show_default=False)],
    path: PlanArg = Path(),
    member: Annotated[str | None, typer.Option("--member", "-m", help=N_(
        "Scores: only this task-force member's sheet (id or name)."), metavar="MEMBER",
        show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("Replace --out if it "
                                                           "exists."))] = False,
    lang: LangOpt = None,
) -> None:
    """Export a workshop workbook."""
    from crmplan.commands.sheet_export import run

    raise typer.Exit(run(path, fmt="text", lang=lang, kind=kind, out=out, member=member,
                         force=force))


@command(app, "import", N_("Read a filled-in workbook back into the plan: every cell checked "
                           "first, the changes shown, then all written or none."))
def import_(
    file: Annotated[Path, typer.Argument(help=N_("The workbook (.xlsx) exported by crmplan "
                                                 "sheet export and filled in."),
                                         metavar="FILE", show_default=False)],
    path: PlanArg = Path(),
    dry_run: Annotated[bool, typer.Option("--dry-run", help=N_(
        "Check every cell and show what would change; write nothing."))] = False,
    replace: Annotated[bool, typer.Option("--replace", help=N_(
        "Overwrite values the plan already holds (and figures already recorded)."))] = False,
    lang: LangOpt = None,
) -> None:
    """Import a filled-in workbook."""
    from crmplan.commands.sheet_import import run

    raise typer.Exit(run(path, fmt="text", lang=lang, file=file, dry_run=dry_run,
                         replace=replace))
