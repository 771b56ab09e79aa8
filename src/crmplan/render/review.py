"""The review report's part of the render context: the period measured, the previous
review's decisions and actions, the campaigns as results, and what changed since a
revision."""

from __future__ import annotations

import datetime as dt

from crmplan.i18n import NP_, _, format_date
from crmplan.kpi.progress import STATUS_NAMES
from crmplan.model.governance import ActionStatus, DecisionSource
from crmplan.model.kpis import Kpi
from crmplan.plan.load import LoadedPlan
from crmplan.render import leads
from crmplan.render.model.review import (
    ChangedStep,
    Changes,
    PreviousReview,
    Review,
    ReviewAction,
    ReviewCampaign,
    ReviewDecision,
    ReviewFinding,
    ReviewGoal,
    ReviewKpi,
    StatusNames,
)
from crmplan.render.parts import DASH
from crmplan.render.sections import kpi_trend
from crmplan.review.changes import Since
from crmplan.review.report import (
    action_status_name,
    changes_by_step,
    goal_row,
    kpi_row,
    kpis_heading,
    schedule_text,
    then_heading,
)
from crmplan.review.status import (
    GoalSinceReview,
    KpiSinceReview,
    ReviewStatus,
    active_decisions,
)
from crmplan.segment import labels
from crmplan.segment.views import Analysis, CampaignView

# Where a decision was taken, beside it in the review: a stage of the work, not a document.
SOURCE_NAMES = {DecisionSource.ASSESS: NP_("decision source", "assessment"),
                DecisionSource.REVIEW: NP_("decision source", "strategy review")}


def review(loaded: LoadedPlan, status: ReviewStatus, segments: Analysis,
           since: Since | None = None) -> Review:
    """The review report on ``status.as_of``; with ``since``, what changed since then."""
    return Review(
        lead=_(leads.REVIEW_LEAD),
        as_of=format_date(status.as_of) if status.as_of > dt.date.min else DASH,
        schedule=schedule_text(status), overdue=status.schedule.overdue_days > 0,
        kpis=tuple(_review_kpi(loaded, status, index, kpi, row) for index, (kpi, row) in
                   enumerate(zip(loaded.plan.kpis, status.kpis, strict=True))),
        kpis_title=kpis_heading(status), then_title=then_heading(status),
        goals=tuple(_review_goal(status, g) for g in status.goals),
        actions=tuple(_action(a.id, a.text, a.owner, a.due, a.overdue, a.review, a.status)
                      for a in status.older_actions),
        previous=_previous(status),
        campaigns=campaigns(segments),
        changes=changes(since),
        decisions=tuple(ReviewDecision(date=d.date.isoformat(), summary=d.summary,
                                       source=d.source.value,
                                       source_name=_(SOURCE_NAMES[d.source])
                                       if d.source in SOURCE_NAMES else "")
                        for d in active_decisions(status.decisions)),
        findings=tuple(ReviewFinding(location=i.location, message=i.message)
                       for i in status.findings),
        status_names=StatusNames(**{s.value: _(n) for s, n in STATUS_NAMES.items()}),
    )


def _action(ident: str, text: str, owner: str | None, due: dt.date | None, overdue: bool,
            review_date: dt.date, status: ActionStatus) -> ReviewAction:
    return ReviewAction(id=ident, text=text, owner=owner or DASH,
                        due=due.isoformat() if due else DASH, overdue=overdue,
                        review=review_date.isoformat(), status=action_status_name(status),
                        status_key=status.value)


def _previous(status: ReviewStatus) -> PreviousReview | None:
    previous = status.previous
    if previous is None:
        return None
    return PreviousReview(date=previous.date.isoformat(), decisions=previous.decisions,
                          actions=tuple(_action(a.id, a.text, a.owner, a.due, a.overdue,
                                                previous.date, a.status)
                                        for a in previous.actions))


def campaigns(segments: Analysis) -> tuple[ReviewCampaign, ...]:
    """Every campaign as a result, in plan order."""
    f = labels.Figures(segments.currency)
    names = {s.id: s.name for s in segments.segments}
    return tuple(_campaign(c, f, names) for c in segments.campaigns)


def _campaign(c: CampaignView, f: labels.Figures, names: dict[str, str]) -> ReviewCampaign:
    latest = max(c.results, key=lambda r: r.date, default=None)
    return ReviewCampaign(
        name=c.name, hypothesis=c.hypothesis or DASH,
        segment=names.get(c.segment, c.segment), offer=c.offer_product or DASH,
        method=_("{method}, on {metric}").format(method=labels.method_label(c.method),
                                                 metric=c.metric_name),
        result=labels.result_text(latest, f, decision=False) if latest
        else _("no result recorded yet"),
        covers=labels.covers_text(c),
        decision=(latest.decision if latest and latest.decision else DASH))


def changes(since: Since | None) -> Changes | None:
    """The changelog of ``review --since`` grouped by step, for a document."""
    if since is None:
        return None
    return Changes(ref=since.ref, commit=since.commit[:12], steps=tuple(
        ChangedStep(title=title, count=len(found), changes=tuple(c.text for c in found))
        for title, found in changes_by_step(since)))


def _review_kpi(loaded: LoadedPlan, status: ReviewStatus, index: int, kpi: Kpi,
                row: KpiSinceReview) -> ReviewKpi:
    code, then, latest, change, since_start, target, state = kpi_row(status, row)
    return ReviewKpi(kpi=code, then=then, latest=latest, change=change,
                     since_start=since_start, target=target, status=state,
                     name=kpi.name or _(row.now.spec.name), status_key=row.now.status.value,
                     trend=kpi_trend(loaded, index, kpi, row.now))


def _review_goal(status: ReviewStatus, goal: GoalSinceReview) -> ReviewGoal:
    code, statement, where, state = goal_row(status, goal)
    return ReviewGoal(goal=code, statement=statement, where=where, status=state)
