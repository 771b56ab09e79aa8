"""The review report as plain data (the stable JSON fields) and as Markdown."""

from __future__ import annotations

import datetime as dt
from typing import Any

from crmplan import names
from crmplan.i18n import _, aside, between, labelled, ngettext
from crmplan.kpi.progress import STATUS_NAMES, Figure, TrackStatus, status_words
from crmplan.kpi.values import change_text, figures_size, value_text
from crmplan.markdown import cell, table
from crmplan.model.governance import ActionStatus
from crmplan.model.units import Unit
from crmplan.review.changes import BEFORE_THE_STEPS, Change, Since
from crmplan.review.status import GoalSinceReview, KpiSinceReview, ReviewStatus
from crmplan.segment.labels import Figures, result_text
from crmplan.segment.report import result_data
from crmplan.segment.views import Analysis
from crmplan.steps import TEN_STEPS

SCHEMA = "crmplan.review/1"


def _date(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def to_data(status: ReviewStatus, since: Since | None,
            segments: Analysis | None = None) -> dict[str, Any]:
    """The review with stable field names (docs/review.md lists them); with ``segments``,
    each campaign's recorded results."""
    s = status.schedule
    return {
        "schema": SCHEMA, "plan": status.plan, "as_of": status.as_of.isoformat(),
        "schedule": {"cadence_months": s.cadence_months, "last_review": _date(s.last),
                     "next_due": _date(s.due), "overdue_days": s.overdue_days},
        "kpis": [_kpi_data(k) for k in status.kpis],
        "goals": [_goal_data(g) for g in status.goals],
        "open_actions": [{"id": a.id, "text": a.text, "owner": a.owner, "due": _date(a.due),
                          "review": a.review.isoformat(), "overdue": a.overdue,
                          "status": a.status.value}
                         for a in status.actions],
        "previous_review": None if status.previous is None else {
            "date": status.previous.date.isoformat(),
            "decisions": list(status.previous.decisions),
            "actions": [{"id": a.id, "text": a.text, "owner": a.owner, "due": _date(a.due),
                         "status": a.status.value, "overdue": a.overdue}
                        for a in status.previous.actions]},
        "external_factors": [{"kind": f.kind.value, "change": f.change, "effect": f.effect}
                             for f in status.external],
        "decisions": [{"id": d.id, "date": d.date.isoformat(), "source": d.source.value,
                       "summary": d.summary, "status": d.status.value,
                       "superseded_by": d.superseded_by} for d in status.decisions],
        "campaigns": [] if segments is None else [
            {"id": c.id, "name": c.name, "segment": c.segment, "hypothesis": c.hypothesis,
             "results": [result_data(r) for r in c.results]} for c in segments.campaigns],
        "findings": [i.to_json() for i in status.findings],
        "since": None if since is None else {
            "ref": since.ref, "commit": since.commit,
            "changes": [{"section": c.section, "step": c.step, "kind": c.kind, "ref": c.ref,
                         "text": c.text} for c in since.changes]},
    }


def _kpi_data(row: KpiSinceReview) -> dict[str, Any]:
    now = row.now
    then = None if row.then is None else {"value": row.then.value,
                                          "date": row.then.date.isoformat()}
    change = None if row.change is None else round(row.change, 4) + 0.0
    return {"id": now.spec.id, "name": _(now.spec.name),
            "at_last_review": None if row.from_baseline else then,
            "start": None if row.start is None else {"value": row.start.value,
                                                     "date": row.start.date.isoformat()},
            "change_since_start": None if row.since_start is None else round(
                row.since_start, 4) + 0.0,
            "latest": None if now.current is None else {
                "value": now.current.value, "date": now.current.date.isoformat(),
                "source": now.current.source},
            "change_since_review": None if row.from_baseline else change,
            "compared_with": None if row.then is None else (
                "baseline" if row.from_baseline else "last_review"),
            "change": change,
            "target": now.target, "by": _date(now.deadline), "status": now.status.value,
            "next_figure_due": _date(now.next_due), "stale": row.stale_days > 0}


def _goal_data(goal: GoalSinceReview) -> dict[str, Any]:
    p = goal.progress
    return {"id": goal.goal, "statement": goal.statement, "kpi": goal.kpi,
            "target": p.target if p else None, "by": _date(p.deadline) if p else None,
            "latest": p.current.value if p and p.current else None,
            "status": p.status.value if p else "no_data"}


# -- shared wording ----------------------------------------------------------------------------


def schedule_text(status: ReviewStatus) -> str:
    """``last review 2026-04-14 · every 6 months · next due 2026-10-14 (48 days overdue)``."""
    s = status.schedule
    last = _("last review {date}").format(date=s.last.isoformat()) if s.last else _(
        "no review logged yet")
    parts = [last, ngettext("every {months} month", "every {months} months",
                            s.cadence_months).format(months=s.cadence_months)]
    if s.due:
        parts.append(_("next due {date}").format(date=s.due.isoformat()))
    text = between().join(parts)
    if s.overdue_days:
        text = ngettext("{schedule} ({days} day overdue)", "{schedule} ({days} days overdue)",
                        s.overdue_days).format(schedule=text, days=s.overdue_days)
    return text


def kpi_row(status: ReviewStatus, row: KpiSinceReview) -> list[str]:
    """KPI, at the previous review (or its start), latest, change since then, change since
    the start, target, status."""
    now, unit, money = row.now, row.now.spec.unit, status.currency
    then = figure_text(status, row.then)
    if row.then and row.from_baseline and status.previous:  # no figure at the review
        then += aside(_("baseline") if row.then is now.baseline else _("first figure"))
    target = _("{value} by {date}").format(value=value_text(now.target, unit, money),
                                           date=now.deadline.isoformat()) \
        if now.target is not None and now.deadline else "—"
    state = status_words(now)
    if row.stale_days:
        state = _("{status}, stale").format(status=state)
    return [now.spec.id, then, figure_text(status, now.current),
            change_text(row.change, unit, money, figures_size(now)), since_start_text(status, row),
            target,
            state]


def figure_text(status: ReviewStatus, figure: Figure | None) -> str:
    """``32.5% on 2026-06-30``; ``—`` for no figure."""
    if figure is None:
        return "—"
    return _("{value} on {date}").format(value=value_text(
        figure.value, figure_unit(status, figure), status.currency), date=figure.date.isoformat())


def figure_unit(status: ReviewStatus, figure: Figure) -> Unit | None:
    index = figure.path[1]
    return status.kpis[index].now.spec.unit if isinstance(index, int) else None


def since_start_text(status: ReviewStatus, row: KpiSinceReview) -> str:
    """The whole programme's movement: ``+4.5 pts since 28% on 2026-01-05``; the same as
    the change when the KPI is compared with its start anyway."""
    if row.since_start is None or row.start is None:
        return "—"
    return _("{change} since {start}").format(
        change=change_text(row.since_start, row.now.spec.unit, status.currency,
                           figures_size(row.now)),
        start=figure_text(status, row.start))


def kpis_heading(status: ReviewStatus) -> str:
    """The title of the KPI table: since the previous review, or since the start (the
    baseline) at the first review."""
    if status.previous:
        return _("KPIs since the review of {date}").format(
            date=status.previous.date.isoformat())
    return _("KPIs since the baseline (the first review)")


def then_heading(status: ReviewStatus) -> str:
    """The column of the figure the KPI is compared with."""
    return _("at the last review") if status.previous else _("baseline")


def goal_row(status: ReviewStatus, goal: GoalSinceReview) -> list[str]:
    p = goal.progress
    if p is None:
        return [goal.goal, goal.statement, "—", _(STATUS_NAMES[TrackStatus.NO_DATA])]
    unit = p.spec.unit
    where = _("{value} of {target} by {date}").format(
        value=value_text(p.current.value if p.current else None, unit, status.currency),
        target=value_text(p.target, unit, status.currency),
        date=p.deadline.isoformat() if p.deadline else "—")
    if p.baseline is not None and p.current is not None and p.current is not p.baseline:
        where = _("{where}, from {start}").format(where=where, start=figure_text(
            status, p.baseline))
    return [goal.goal, goal.statement, where, status_words(p)]


def changes_by_step(since: Since) -> list[tuple[str, list[Change]]]:
    """The changes grouped by the ten steps (what comes before them first), steps without
    a change left out."""
    return [(step_title(number), [c for c in since.changes if c.step == number])
            for number in range(len(TEN_STEPS) + 1)
            if any(c.step == number for c in since.changes)]


def step_title(number: int) -> str:
    """``Step 3: Refine customer segments``; 0 for what comes before the steps."""
    if number == 0:
        return _(BEFORE_THE_STEPS)
    return labelled(_("Step {number}").format(number=number), _(TEN_STEPS[number - 1].name))


# -- Markdown ----------------------------------------------------------------------------------


def campaign_results(segments: Analysis) -> list[tuple[str, str]]:
    """Each campaign's name and its latest result in words (lift, ROI, decision), or that
    none is recorded yet."""
    f = Figures(segments.currency)
    found = []
    for c in segments.campaigns:
        latest = max(c.results, key=lambda r: r.date, default=None)
        found.append((c.name, result_text(latest, f) if latest else _(
            "no result recorded yet")))
    return found


def to_markdown(status: ReviewStatus, since: Since | None,
                segments: Analysis | None = None) -> str:
    """The review report as GitHub Markdown; with ``segments``, each campaign's result."""
    title = labelled(_("Strategy review"), status.plan)
    lines = [f"# {cell(title)}", "", cell(_("As of {date}: {schedule}").format(
        date=status.as_of.isoformat(), schedule=schedule_text(status)))]
    lines += _heading(kpis_heading(status))
    lines += table([_("KPI"), then_heading(status), _("latest"), _("change"),
                    _("since the start"), _("target"), _("status")],
                   [kpi_row(status, k) for k in status.kpis])
    lines += _heading(_("Goals"))
    lines += table([_("goal"), _("statement"), _("where it stands"), _("status")],
                   [goal_row(status, g) for g in status.goals])
    lines += _previous_md(status)
    lines += _heading(_("Open actions"))
    lines += table([_("action"), _("what"), _("owner"), _("due"), _("status")],
                   [[a.id, a.text, a.owner or "—", due_text(a.due, a.overdue),
                     action_status_name(a.status)]
                    for a in status.older_actions]) if status.older_actions else [_("none")]
    if segments is not None and segments.campaigns:
        lines += _heading(_("Campaigns and their results"))
        lines += [f"- **{cell(name)}**: {cell(text)}" for name, text in campaign_results(segments)]
    lines += _heading(_("Findings"))
    lines += [f"- {cell(i.location)}: {cell(i.message)} `{i.code}`" for i in status.findings] or [
        _("none")]
    if since is not None:
        lines += _heading(_("Changes since {ref} ({commit})").format(
            ref=since.ref, commit=since.commit[:12]))
        for section, found in changes_by_step(since):
            lines += ["", f"### {cell(section)}", "", *[f"- {cell(c.text)}" for c in found]]
        if not since.changes:
            lines.append(_("none"))
    return "\n".join(lines).rstrip() + "\n"


def _previous_md(status: ReviewStatus) -> list[str]:
    previous = status.previous
    if previous is None:
        return []
    lines = _heading(_("Decided at the review of {date}").format(
        date=previous.date.isoformat()))
    lines += [f"- {cell(d)}" for d in previous.decisions] or [_("none")]
    if previous.actions:
        lines += ["", *table([_("action"), _("what"), _("owner"), _("due"), _("status")], [
            [a.id, a.text, a.owner or "—", due_text(a.due, a.overdue),
             action_status_name(a.status)] for a in previous.actions])]
    return lines


def action_status_name(status: ActionStatus) -> str:
    """``open``, ``in progress``, ``done``, ``dropped`` in the active language."""
    return names.name(status)


def due_text(due: dt.date | None, overdue: bool) -> str:
    if due is None:
        return "—"
    return _("{date} (overdue)").format(date=due.isoformat()) if overdue else due.isoformat()


def _heading(title: str) -> list[str]:
    return ["", f"## {cell(title)}", ""]
