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
    command_group,
)

app = command_group(
    "segment",
    "Segments: who can be reached and what they are worth, the task force's ranking, "
    "offers, and campaigns that are measured.")


@app.command("show")
def show(
    path: PlanArg = Path(),
    output: ReportFormatOpt = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too.")] = False,
    lang: LangOpt = None,
) -> None:
    """Reach and value of each segment, the ranking with its sensitivity, offers, campaigns,
    the priority matrix and the findings (the default command)."""
    from crmplan.commands.segment import run

    raise typer.Exit(run(path, fmt=output, lang=lang, strict=strict))


@app.command("score")
def score(
    segment: Annotated[str, typer.Argument(help="The segment scored (its id).",
                                           metavar="SEGMENT", show_default=False)],
    scores: Annotated[list[str], typer.Argument(help="Scores as criterion=score, e.g. "
                                                "speed=4 data_availability=3.",
                                                metavar="CRITERION=SCORE",
                                                show_default=False)],
    member: Annotated[str, typer.Option("--member", "-m", help="The task-force member who "
                                        "scores (id or name).", show_default=False)],
    note: Annotated[str | None, typer.Option("--note", help="The member's reasoning, kept "
                                             "on the score sheet.", show_default=False)] = None,
    replace: Annotated[bool, typer.Option("--replace", help="Overwrite scores (and a note) "
                                          "already in the plan.")] = False,
    plan: PlanOpt = Path(),
    lang: LangOpt = None,
) -> None:
    """Write one member's scores for one segment into the plan (the rest stays as it was)."""
    from crmplan.commands.segment_score import run

    raise typer.Exit(run(plan, fmt="text", lang=lang, segment=segment, member=member,
                         scores=scores, note=note, replace=replace))


@app.command("compute")
def compute(
    path: PlanArg = Path(),
    as_of: AsOfOpt = None,
    record: Annotated[bool, typer.Option("--record", help="Fill the computed figures into "
                                         "the plan's segments that have a rule.")] = False,
    replace: Annotated[bool, typer.Option("--replace", help="Overwrite figures already in "
                                          "the plan.")] = False,
    engine: EngineOpt = None,
    memory_limit: MemoryOpt = None,
    output: ReportFormatOpt = "text",
    lang: LangOpt = None,
) -> None:
    """RFM scores and segments computed from the order export: size, revenue, reach, value."""
    from crmplan.commands.segment_compute import checked_as_of, checked_memory_limit, run

    raise typer.Exit(run(path, fmt=output, lang=lang,
                         as_of=checked(checked_as_of, as_of, "--as-of"),
                         record=record, replace=replace, engine=engine,
                         memory_limit=checked(checked_memory_limit, memory_limit,
                                              "--memory-limit")))
