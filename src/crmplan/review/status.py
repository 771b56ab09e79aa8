"""The twice-yearly review: what is due, what moved since the last review, what is overdue.

Everything is judged on one day, ``as_of`` (today unless the user names
another), so a review report is reproducible for that day. The rules that make
something overdue or stale are the tables below.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from crmplan import rules
from crmplan.baseline.smart import goal_figures
from crmplan.findings import Issue, kept
from crmplan.i18n import _, ngettext
from crmplan.kpi.progress import (
    PERIOD_DAYS,
    Figure,
    Progress,
    add_months,
    counted_figures,
    plan_period,
    progress,
)
from crmplan.model.governance import (
    Action,
    ActionStatus,
    Decision,
    DecisionStatus,
    ExternalFactor,
)
from crmplan.model.kpis import PERIOD_NAMES
from crmplan.plan.load import LoadedPlan
from crmplan.plan.source import PlanPath
from crmplan.review.upkeep import outside_factors, upkeep_findings

DEFAULT_CADENCE_MONTHS = 6
# A KPI's latest figure is stale once it is older than this many of its periods (the
# KPI's period: its definition's, the catalogue's, the plan's data.period, else a quarter;
# crmplan.kpi.progress.kpi_period).
STALE_AFTER_PERIODS = 1.5


@dataclass(frozen=True)
class Schedule:
    """The last review, when the next is due, and whether it is overdue."""

    cadence_months: int
    last: dt.date | None
    due: dt.date | None
    overdue_days: int


@dataclass(frozen=True)
class KpiSinceReview:
    """A KPI now and at the previous review (the latest before the day judged on, so a
    review held that day is compared with the one before); before any, now and at its
    start (``from_baseline``): its baseline, else its first figure since the engagement
    began. ``since_start`` is the whole programme's movement, review after review."""

    now: Progress
    then: Figure | None
    change: float | None
    stale_days: int
    from_baseline: bool
    start: Figure | None
    since_start: float | None


@dataclass(frozen=True)
class ActionState:
    """An action agreed at a review, and what became of it."""

    id: str
    text: str
    owner: str | None
    due: dt.date | None
    status: ActionStatus
    overdue: bool  # open or in progress past its due date


@dataclass(frozen=True)
class ReviewOutcome:
    """The previous review: what it decided, and where each of its actions stands."""

    date: dt.date
    decisions: tuple[str, ...]
    actions: tuple[ActionState, ...]


@dataclass(frozen=True)
class GoalSinceReview:
    """A goal's KPI against the goal's own target, now."""

    goal: str
    statement: str
    kpi: str | None
    progress: Progress | None


@dataclass(frozen=True)
class OpenAction:
    """An action agreed at an earlier review that is not done yet."""

    id: str
    text: str
    owner: str | None
    due: dt.date | None
    review: dt.date
    overdue: bool
    status: ActionStatus = ActionStatus.OPEN


@dataclass(frozen=True)
class ReviewStatus:
    """Everything a review looks at, on ``as_of``."""

    plan: str
    as_of: dt.date
    currency: str
    schedule: Schedule
    kpis: tuple[KpiSinceReview, ...]
    goals: tuple[GoalSinceReview, ...]
    actions: tuple[OpenAction, ...]
    decisions: tuple[Decision, ...]
    findings: tuple[Issue, ...]
    external: tuple[ExternalFactor, ...] = ()  # what the last review weighed outside the client
    previous: ReviewOutcome | None = None  # the review before the day judged on

    @property
    def older_actions(self) -> tuple[OpenAction, ...]:
        """The actions still pending but the previous review's (listed with it): those of
        earlier reviews, and of a review held on the day judged."""
        previous = self.previous.date if self.previous else None
        return tuple(a for a in self.actions if a.review != previous)

    def without(self, ignored: frozenset[str]) -> ReviewStatus:
        """The status without the findings of the rules in ``ignored`` (codes)."""
        return replace(self, findings=kept(self.findings, ignored))


def review_status(loaded: LoadedPlan, as_of: dt.date, standings: Sequence[Progress]
                  ) -> ReviewStatus:
    """The plan's review status on ``as_of``; ``standings`` is every KPI judged on that
    day, in plan order (:mod:`crmplan.analysis`)."""
    schedule = _schedule(loaded, as_of)
    previous = _previous(loaded, as_of)
    since = previous.date if previous else None
    kpis = tuple(_kpi(loaded, i, now, since, as_of) for i, now in enumerate(standings))
    actions = tuple(_open_actions(loaded, as_of))
    findings = [*_schedule_findings(loaded, schedule), *_stale_findings(loaded, kpis),
                *_sop_findings(loaded, as_of), *_action_findings(loaded, actions),
                *_campaign_findings(loaded, as_of), *upkeep_findings(loaded, as_of)]
    return ReviewStatus(loaded.name, as_of, loaded.plan.client.currency, schedule, kpis,
                        tuple(_goals(loaded, as_of, standings)), actions,
                        tuple(loaded.plan.decisions),
                        tuple(sorted(findings, key=lambda i: (i.line, i.column))),
                        outside_factors(loaded, as_of), previous)


# -- the schedule ------------------------------------------------------------------------------


def _schedule(loaded: LoadedPlan, as_of: dt.date) -> Schedule:
    reviews = loaded.plan.reviews
    cadence = reviews.cadence_months if reviews else DEFAULT_CADENCE_MONTHS
    dates = [r.date for r in reviews.log if r.date <= as_of] if reviews else []
    last = max(dates, default=None)
    start = last or (loaded.plan.engagement.start if loaded.plan.engagement else None)
    due = add_months(start, cadence) if start else None
    overdue = max(0, (as_of - due).days) if due else 0
    return Schedule(cadence, last, due, overdue)


def _schedule_findings(loaded: LoadedPlan, schedule: Schedule) -> list[Issue]:
    if schedule.overdue_days and schedule.due:
        # the reviews section, else the top of the plan (a finding's path falls back to the
        # nearest part the plan has)
        return [loaded.finding(rules.REVIEW_OVERDUE, ("reviews",), ngettext(
            "the review due on {due} is {days} day overdue",
            "the review due on {due} is {days} days overdue", schedule.overdue_days).format(
                due=schedule.due.isoformat(), days=schedule.overdue_days),
            _("hold the review, then log it with 'crmplan review record'"))]
    if schedule.due is None:
        return [loaded.finding(rules.REVIEW_NOT_SCHEDULED, (), _(
            "no review is logged and the engagement has no start date, so no review is "
            "scheduled"), _("set engagement.start, or log the first review"))]
    return []


# -- KPIs and goals ----------------------------------------------------------------------------


def _kpi(loaded: LoadedPlan, index: int, now: Progress, last: dt.date | None, as_of: dt.date
         ) -> KpiSinceReview:
    kpi = loaded.plan.kpis[index]
    # a figure dated before the baseline counts for nothing here either
    earlier = counted_figures(kpi, index, last) if last else []
    start = now.baseline or _first_since_start(loaded, index, as_of)
    then = earlier[-1] if earlier else start  # no review (or none since): the start
    current = now.current
    change = current.value - then.value if current and then else None
    since_start = current.value - start.value if current and start else None
    return KpiSinceReview(now, then, change, _stale_days(now, as_of), not earlier, start,
                          since_start)


def _first_since_start(loaded: LoadedPlan, index: int, as_of: dt.date) -> Figure | None:
    """Without a baseline: the KPI's first figure since the engagement began."""
    engagement = loaded.plan.engagement
    begun = engagement.start if engagement and engagement.start else dt.date.min
    found = [f for f in counted_figures(loaded.plan.kpis[index], index, as_of)
             if f.date >= begun]
    return found[0] if found else None


def _stale_days(now: Progress, as_of: dt.date) -> int:
    """Days past the point where the latest figure counts as stale; 0 when it is fresh."""
    if now.current is None:
        return 0
    limit = round(STALE_AFTER_PERIODS * PERIOD_DAYS[now.spec.period])
    return max(0, (as_of - now.current.date).days - limit)


def _stale_findings(loaded: LoadedPlan, kpis: tuple[KpiSinceReview, ...]) -> list[Issue]:
    return [loaded.finding(rules.STALE_KPI, ("kpis", index), _(
        "KPI '{kpi}': the latest figure ({date}) is stale for a KPI measured per {period}")
        .format(kpi=k.now.spec.id, date=k.now.current.date.isoformat(),
                period=_(PERIOD_NAMES[k.now.spec.period])),
        _("record this period's figure with 'crmplan baseline record'"))
        for index, k in enumerate(kpis) if k.stale_days and k.now.current]


def _goals(loaded: LoadedPlan, as_of: dt.date, standings: Sequence[Progress]
           ) -> list[GoalSinceReview]:
    goals = loaded.plan.goals.smart if loaded.plan.goals else []
    found = []
    for index, goal in enumerate(goals):
        figures_ = goal_figures(loaded, goal, index, standings)
        kpi_index = next((i for i, k in enumerate(loaded.plan.kpis) if k.id == goal.kpi), None)
        now = None if kpi_index is None else progress(
            loaded.plan.kpis[kpi_index], kpi_index, target=figures_.target,
            deadline=figures_.deadline, on=as_of, plan_default=plan_period(loaded.plan))
        found.append(GoalSinceReview(goal.id, goal.statement, goal.kpi, now))
    return found


# -- SOPs, actions, campaigns ------------------------------------------------------------------


def _sop_findings(loaded: LoadedPlan, as_of: dt.date) -> list[Issue]:
    found = []
    for index, sop in enumerate(loaded.plan.sops):
        path = ("sops", index)
        if not sop.owner:
            found.append(loaded.finding(rules.SOP_WITHOUT_OWNER, path, _(
                "SOP '{id}' has no owner").format(id=sop.id),
                _("name who keeps it current under 'owner:'")))
        if sop.last_reviewed is None:
            found.append(loaded.finding(rules.SOP_NEVER_REVIEWED, path, _(
                "SOP '{id}' has never been reviewed").format(
                id=sop.id), _("review it and set 'last_reviewed:'")))
        elif (due := add_months(sop.last_reviewed, sop.review_every_months)) < as_of:
            found.append(loaded.finding(rules.SOP_REVIEW_OVERDUE, path, _(
                "SOP '{id}' was due for review on {due}").format(id=sop.id, due=due.isoformat()),
                _("review it and set 'last_reviewed:'")))
    return found


def _open_actions(loaded: LoadedPlan, as_of: dt.date) -> list[OpenAction]:
    """The actions pending on ``as_of``: those of the reviews held by then."""
    reviews = loaded.plan.reviews.log if loaded.plan.reviews else []
    return [OpenAction(a.id, a.text, a.owner, a.due, review.date, is_overdue(a, as_of),
                       a.status)
            for review in reviews if review.date <= as_of
            for a in review.actions if a.status in _PENDING]


_PENDING = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


def is_overdue(action: Action, as_of: dt.date) -> bool:
    """Open or in progress, and past its due date."""
    return action.status in _PENDING and action.due is not None and action.due < as_of


def _previous(loaded: LoadedPlan, as_of: dt.date) -> ReviewOutcome | None:
    """The latest review before ``as_of`` (a review held on ``as_of`` is the one being
    written: it follows up the one before), with what became of its actions."""
    reviews = loaded.plan.reviews.log if loaded.plan.reviews else []
    before = [r for r in reviews if r.date < as_of]
    if not before:
        return None
    review = max(before, key=lambda r: r.date)
    return ReviewOutcome(review.date, tuple(review.decisions), tuple(
        ActionState(a.id, a.text, a.owner, a.due, a.status, is_overdue(a, as_of))
        for a in review.actions))


def _action_findings(loaded: LoadedPlan, actions: tuple[OpenAction, ...]) -> list[Issue]:
    where = _action_paths(loaded)
    unowned = [loaded.finding(rules.ACTION_UNOWNED, where[a.id], _(
        "action '{id}' has no {missing}").format(id=a.id, missing=_(" and no ").join(
            word for value, word in ((a.owner, _("owner")), (a.due, _("due date")))
            if value is None)), _("agree who does it by when: 'owner:' and 'due:'"))
        for a in actions if a.owner is None or a.due is None]
    return unowned + [loaded.finding(rules.ACTION_OVERDUE, where[a.id], _(
        "action '{id}' was due on {due} and is not done")
                           .format(id=a.id, due=a.due.isoformat()),
                           _("mark it done or dropped, or agree a new date"))
            for a in actions if a.overdue and a.due]


def _action_paths(loaded: LoadedPlan) -> dict[str, PlanPath]:
    reviews = loaded.plan.reviews.log if loaded.plan.reviews else []
    return {a.id: ("reviews", "log", r, "actions", i) for r, review in enumerate(reviews)
            for i, a in enumerate(review.actions)}


def _campaign_findings(loaded: LoadedPlan, as_of: dt.date) -> list[Issue]:
    return [loaded.finding(rules.CAMPAIGN_WITHOUT_RESULT, ("campaigns", index), _(
        "campaign '{id}' ended its measurement on {end} and has no recorded result").format(
            id=c.id, end=c.measurement.end.isoformat()),
        _("record what it achieved under 'results:'"))
        for index, c in enumerate(loaded.plan.campaigns)
        if c.measurement.end < as_of and not c.results]


def active_decisions(decisions: tuple[Decision, ...]) -> list[Decision]:
    """Decisions that still hold, newest first."""
    return sorted((d for d in decisions if d.status is DecisionStatus.ACTIVE),
                  key=lambda d: d.date, reverse=True)
