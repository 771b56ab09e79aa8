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
    command,
    command_group,
    parse_date,
)
from crmplan.cli.help import N_

app = command_group("review", N_("The twice-yearly strategy review: what is due, what moved, "
                                 "what changed since a git revision; log a review."))


@command(app, "show", N_("The review: schedule, KPIs and goals since the last review, open "
                         "actions, decisions."))
def show(
    path: PlanArg = Path(),
    since: Annotated[str | None, typer.Option("--since", help=N_(
        "A git revision (tag, branch, commit): also list what changed in the strategy since "
        "then."), metavar="REF", show_default=False)] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help=N_(
        "Judge what is due and overdue on this day (default: today)."), metavar="YYYY-MM-DD",
        show_default=False)] = None,
    output: ReportFormatOpt = "text",
    strict: Annotated[bool, typer.Option("--strict", help=N_(
        "Exit 1 when something is overdue or missing."))] = False,
    lang: LangOpt = None,
) -> None:
    """The review report (the group's default command)."""
    from crmplan.commands.review import run

    raise typer.Exit(run(path, fmt=output, lang=lang, since=since,
                         as_of=parse_date(as_of, "--as-of"), strict=strict))


@command(app, "record", N_("Log a review in the plan; the rest of the file stays as it is."))
def record(
    date: Annotated[str | None, typer.Option("--date", help=N_(
        "The day of the review (default: today)."), metavar="YYYY-MM-DD",
        show_default=False)] = None,
    reviewers: Annotated[list[str] | None, typer.Option("--reviewers", help=N_(
        "Who took part (repeat for each)."), metavar="NAME", show_default=False)] = None,
    findings: Annotated[list[str] | None, typer.Option("--findings", help=N_(
        "What the review found (repeat for each)."), metavar="TEXT",
        show_default=False)] = None,
    decisions: Annotated[list[str] | None, typer.Option("--decisions", help=N_(
        "What was decided (repeat); each joins the decision log."), metavar="TEXT",
        show_default=False)] = None,
    actions: Annotated[list[str] | None, typer.Option("--actions", help=N_(
        "Actions agreed (repeat); each is logged as open."), metavar="TEXT",
        show_default=False)] = None,
    owners: Annotated[list[str] | None, typer.Option("--owner", help=N_(
        "Who owns each action (repeat, in the order of --actions)."), metavar="NAME",
        show_default=False)] = None,
    dues: Annotated[list[str] | None, typer.Option("--due", help=N_(
        "When each action is due (repeat, in the order of --actions)."),
        metavar="YYYY-MM-DD", show_default=False)] = None,
    supersede: Annotated[list[str] | None, typer.Option("--supersede", help=N_(
        "A decision id this review replaces (repeat)."), metavar="ID",
        show_default=False)] = None,
    plan: PlanOpt = Path(),
    lang: LangOpt = None,
) -> None:
    """Log a review."""
    from crmplan.commands.review_record import run

    raise typer.Exit(run(plan, fmt="text", lang=lang, day=parse_date(date),
                         reviewers=reviewers or [], findings=findings or [],
                         decisions=decisions or [], actions=actions or [],
                         supersede=supersede or [], owners=owners or [],
                         dues=[d for d in (parse_date(t, "--due") for t in dues or []) if d]))
