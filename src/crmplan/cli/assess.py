"""``crmplan assess``: the options; the work is in :mod:`crmplan.commands.assess`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crmplan.cli.common import LangOpt, PlanArg, ReportFormatOpt, parse_date
from crmplan.cli.help import N_, described


@described(N_("What to do first (journey or CRM/KPI), the CRM maturity stage and journey "
              "readiness."))
def assess(
    path: PlanArg = Path(),
    output: ReportFormatOpt = "text",
    explain: Annotated[
        bool, typer.Option("--explain", help=N_("Show every fact and the lines it rests on."))
    ] = False,
    record: Annotated[
        bool, typer.Option("--record", help=N_("Log the recommendation in the plan's "
                                               "decisions."))
    ] = False,
    date: Annotated[
        str | None, typer.Option("--date", help=N_(
            "The day the plan is judged on and the date of a recorded decision (default: "
            "the date its documents carry; a decision: today)."), metavar="YYYY-MM-DD",
                                 show_default=False)
    ] = None,
    lang: LangOpt = None,
) -> None:
    from crmplan.commands.assess import run

    raise typer.Exit(run(path, fmt=output, lang=lang, explain=explain, record=record,
                         day=parse_date(date)))
