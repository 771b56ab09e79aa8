"""``crmplan review ...``: the strategy review, and logging one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crmplan.cli.common import (
    LangOpt,
    PlanArg,
    PlanOpt,
    ReportFormatOpt,
    command_group,
    parse_date,
)

app = command_group("review", "The twice-yearly strategy review: what is due, what moved, "
                    "what changed since a git revision; log a review.")


@app.command("show")
def show(
    path: PlanArg = Path(),
    since: Annotated[str | None, typer.Option(
        "--since", help="A git revision (tag, branch, commit): also list what changed in the "
        "strategy since then.", show_default=False)] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Judge what is due and overdue on this day, YYYY-MM-DD (default: "
        "today).", show_default=False)] = None,
    output: ReportFormatOpt = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when something is overdue "
                                         "or missing.")] = False,
    lang: LangOpt = None,
) -> None:
    """The review: schedule, KPIs and goals since the last review, open actions, decisions."""
    from crmplan.commands.review import run

    raise typer.Exit(run(path, fmt=output, lang=lang, since=since,
                         as_of=parse_date(as_of, "--as-of"), strict=strict))


@app.command("record")
def record(
    date: Annotated[str | None, typer.Option("--date", help="The day of the review, "
                                             "YYYY-MM-DD (default: today).",
                                             show_default=False)] = None,
    reviewers: Annotated[list[str] | None, typer.Option(
        "--reviewers", help="Who took part (repeat for each).", show_default=False)] = None,
    findings: Annotated[list[str] | None, typer.Option(
        "--findings", help="What the review found (repeat for each).",
        show_default=False)] = None,
    decisions: Annotated[list[str] | None, typer.Option(
        "--decisions", help="What was decided (repeat); each joins the decision log.",
        show_default=False)] = None,
    actions: Annotated[list[str] | None, typer.Option(
        "--actions", help="Actions agreed (repeat); each is logged as open.",
        show_default=False)] = None,
    supersede: Annotated[list[str] | None, typer.Option(
        "--supersede", help="A decision id this review replaces (repeat).",
        show_default=False)] = None,
    plan: PlanOpt = Path(),
    lang: LangOpt = None,
) -> None:
    """Log a review in the plan; the rest of the file stays as it is."""
    from crmplan.commands.review_record import run

    raise typer.Exit(run(plan, fmt="text", lang=lang, day=parse_date(date),
                         reviewers=reviewers or [], findings=findings or [],
                         decisions=decisions or [], actions=actions or [],
                         supersede=supersede or []))
