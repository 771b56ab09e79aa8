"""``crmplan review``: the twice-yearly review, and what changed since a git revision."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from crmplan import output
from crmplan.analysis import PlanAnalysis
from crmplan.i18n import _, aside, labelled
from crmplan.model.governance import ActionStatus, DecisionSource, DecisionStatus
from crmplan.names import name as value_name
from crmplan.plan.language import load_in_language
from crmplan.review.changes import Since
from crmplan.review.report import (
    action_status_name,
    campaign_results,
    changes_by_step,
    goal_row,
    kpi_row,
    kpis_heading,
    schedule_text,
    to_data,
    to_markdown,
)
from crmplan.review.status import ReviewStatus, active_decisions
from crmplan.segment.views import Analysis


def run(path: Path, *, fmt: str, lang: str | None, since: str | None, as_of: dt.date | None,
        strict: bool) -> int:
    """Print the review as of ``as_of`` (default today), with what changed since the git
    revision ``since``; 1 under ``strict`` when something is overdue or missing."""
    output.use_format(fmt)
    plan_path, loaded = load_in_language(path, lang)
    changed = None
    if since is not None:
        from crmplan.review.history import since as since_revision

        changed = since_revision(plan_path, since, loaded)
    analysis = PlanAnalysis(loaded, as_of or dt.date.today())
    status = analysis.review.without(loaded.ignored)
    segments = analysis.segments.analysis
    if fmt == "json":
        output.print_json(to_data(status, changed, segments))
    elif fmt == "md":
        output.write(to_markdown(status, changed, segments))
    else:
        _print_text(status, changed, segments)
    return 1 if strict and status.findings else 0


def _print_text(status: ReviewStatus, since: Since | None, segments: Analysis) -> None:
    output.line(labelled(_("Strategy review"), status.plan), style="bold")
    output.line(_("As of {date}: {schedule}").format(date=status.as_of.isoformat(),
                                                     schedule=schedule_text(status)),
                style="red" if status.schedule.overdue_days else None)
    _section(_("{title}:").format(title=kpis_heading(status)))
    for row in status.kpis:
        kpi, then, latest, change, moved_since, target, state = kpi_row(status, row)
        moved = _("{then} → {latest} ({change})").format(then=then, latest=latest,
                                                        change=change)
        parts = [moved] + ([moved_since] if status.previous and moved_since != "—" else [])
        output.line("  " + labelled(kpi, _("; ").join([*parts, target, state])))
    _section(_("Goals:"))
    for goal in status.goals:
        ident, statement, where, state = goal_row(status, goal)
        output.line("  " + labelled(ident, _("; ").join([where, state])))
        output.line(f"      {statement}", style="dim")
    _print_actions(status)
    if segments.campaigns:
        _section(_("Campaigns and their results:"))
        for name, text in campaign_results(segments):
            output.line("  " + labelled(name, text))
    _print_external(status)
    _print_decisions(status)
    if status.findings:
        _section(_("Findings:"))
        output.print_issues(list(status.findings))
    if since is not None:
        _print_changes(since)


def _section(title: str) -> None:
    output.line()
    output.line(title, style="bold")


def _print_actions(status: ReviewStatus) -> None:
    _print_previous(status)
    _section(_("Open actions from earlier reviews:"))
    if not status.older_actions:
        output.line("  " + _("none"))
    for action in status.older_actions:
        _print_action(action.id, action.text, action.owner, action.due, action.status,
                      action.overdue)


def _print_previous(status: ReviewStatus) -> None:
    """What the previous review decided, and what became of each of its actions."""
    previous = status.previous
    if previous is None:
        return
    _section(_("Decided at the review of {date}:").format(date=previous.date.isoformat()))
    for decision in previous.decisions:
        output.line(f"  - {decision}")
    for a in previous.actions:
        _print_action(a.id, a.text, a.owner, a.due, a.status, a.overdue)


def _print_action(ident: str, text: str, owner: str | None, due: dt.date | None,
                  status: ActionStatus, overdue: bool) -> None:
    line = _("{text} ({owner}, due {date}): {status}").format(
        text=text, owner=owner or "—", date=due.isoformat() if due else "—",
        status=action_status_name(status))
    if overdue:
        line = _("{action}, overdue").format(action=line)
    output.line("  " + labelled(ident, line), style="yellow" if overdue else None)


def _print_external(status: ReviewStatus) -> None:
    """What the last review weighed outside the client: technology, expectations, market."""
    if not status.external:
        return
    _section(_("Changes outside the client, at the last review:"))
    for factor in status.external:
        text = factor.change + (aside(factor.effect) if factor.effect else "")
        output.line("  " + labelled(value_name(factor.kind), text))


def _print_decisions(status: ReviewStatus) -> None:
    _section(_("Decisions in force:"))
    decisions = active_decisions(status.decisions)
    if not decisions:
        output.line("  " + _("none"))
    for decision in decisions:
        output.line(f"  {decision.date.isoformat()} [{decision.source.value}] "
                    + labelled(decision.id, decision.summary))
    _print_history(status)


def _print_history(status: ReviewStatus) -> None:
    """The assess decisions a later one superseded: what to do first, as it was decided."""
    earlier = sorted((d for d in status.decisions if d.source is DecisionSource.ASSESS
                      and d.status is DecisionStatus.SUPERSEDED), key=lambda d: d.date)
    if not earlier:
        return
    _section(_("Earlier decisions on what to do first:"))
    for decision in earlier:
        replaced = _(" (superseded by '{id}')").format(id=decision.superseded_by) \
            if decision.superseded_by else ""
        output.line(f"  {decision.date.isoformat()} " + labelled(decision.id, decision.summary)
                    + replaced, style="dim")


def _print_changes(since: Since) -> None:
    _section(_("Changes since {ref} ({commit}):").format(ref=since.ref,
                                                       commit=since.commit[:12]))
    if not since.changes:
        output.line("  " + _("none"))
    for section, found in changes_by_step(since):
        output.line("  " + section, style="bold")
        for change in found:
            output.line(f"    - {change.text}")

