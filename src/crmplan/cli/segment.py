"""``crmplan segment`` (the report, the default) and ``crmplan segment score``."""

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
)
from crmplan.cli.help import N_

app = command_group(
    "segment",
    N_("Segments: who can be reached and what they are worth, the task force's ranking, "
       "offers, and campaigns that are measured."))


@command(app, "show", N_("Reach and value of each segment, the ranking with its sensitivity, "
                         "offers, campaigns, the priority matrix and the findings."))
def show(
    path: PlanArg = Path(),
    output: ReportFormatOpt = "text",
    strict: Annotated[bool, typer.Option("--strict", help=N_("Exit 1 on warnings "
                                                             "too."))] = False,
    lang: LangOpt = None,
) -> None:
    """The segment report (the group's default command)."""
    from crmplan.commands.segment import run

    raise typer.Exit(run(path, fmt=output, lang=lang, strict=strict))


@command(app, "score", N_("Write one member's scores for one segment into the plan (the rest "
                          "stays as it was)."))
def score(
    segment: Annotated[str, typer.Argument(help=N_("The segment scored (its id)."),
                                           metavar="SEGMENT", show_default=False)],
    scores: Annotated[list[str], typer.Argument(help=N_(
        "Scores as criterion=score, e.g. speed=4 data_availability=3."),
        metavar="CRITERION=SCORE", show_default=False)],
    member: Annotated[str, typer.Option("--member", "-m", help=N_(
        "The task-force member who scores (id or name)."), metavar="MEMBER",
        show_default=False)],
    note: Annotated[str | None, typer.Option("--note", help=N_(
        "The member's reasoning, kept on the score sheet."), metavar="TEXT",
        show_default=False)] = None,
    replace: Annotated[bool, typer.Option("--replace", help=N_(
        "Overwrite scores (and a note) already in the plan."))] = False,
    plan: PlanOpt = Path(),
    lang: LangOpt = None,
) -> None:
    """Record a member's scores."""
    from crmplan.commands.segment_score import run

    raise typer.Exit(run(plan, fmt="text", lang=lang, segment=segment, member=member,
                         scores=scores, note=note, replace=replace))


@command(app, "compute", N_("RFM scores and segments computed from the order export: size, "
                           "revenue, reach, value."))
def compute(
    path: PlanArg = Path(),
    as_of: AsOfOpt = None,
    record: Annotated[bool, typer.Option("--record", help=N_(
        "Fill the computed figures into the plan's segments that have a rule."))] = False,
    replace: Annotated[bool, typer.Option("--replace", help=N_(
        "Overwrite figures already in the plan."))] = False,
    engine: EngineOpt = None,
    memory_limit: MemoryOpt = None,
    output: ReportFormatOpt = "text",
    lang: LangOpt = None,
) -> None:
    """Segments computed from the exports."""
    from crmplan.commands.segment_compute import checked_as_of, checked_memory_limit, run

    raise typer.Exit(run(path, fmt=output, lang=lang,
                         as_of=checked(checked_as_of, as_of, "--as-of"),
                         record=record, replace=replace, engine=engine,
                         memory_limit=checked(checked_memory_limit, memory_limit,
                                              "--memory-limit")))
