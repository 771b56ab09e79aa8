"""The review report: how the KPIs, goals and actions stand since the last review."""

from __future__ import annotations

from crmplan.render.model.base import Trend
from crmplan.render.model.record import Record


class ReviewKpi(Record):
    """A KPI since the last review."""

    kpi: str
    """The KPI's id."""
    then: str
    """Its figure at the last review (before any review, its baseline) and the figure's
    date; ``—`` when none."""
    latest: str
    """Its latest figure and the figure's date; ``—`` when none."""
    change: str
    """The change since then."""
    since_start: str
    """The whole programme's movement: the change since the KPI's start (its baseline,
    else its first figure since the engagement began) and that figure, ``+4.5 pts since
    28% on 2026-01-05``; ``—`` without figures."""
    target: str
    """Its target and deadline; ``—`` when none."""
    status: str
    """Its status in the document's language (``too early to judge (next figure due
    ...)``, ``on track (target reached)``); ``, stale`` when no figure is recent."""
    name: str
    """Its name: the plan's, else the catalogue's in the document's language."""
    status_key: str
    """Its status as a key: ``on_track``, ``at_risk``, ``off_track``, ``no_data``,
    ``too_early``, ``baseline_only``, ``no_baseline``, ``no_target`` or
    ``target_not_an_improvement``."""
    trend: Trend | None
    """Its figures as a chart; null under two dated figures."""


class ReviewGoal(Record):
    """A SMART goal since the last review."""

    goal: str
    """The goal's id."""
    statement: str
    """The goal in one sentence."""
    where: str
    """Where its KPI stands: ``31% of 35% by 2026-12-31``; ``—`` without a KPI."""
    status: str
    """Its KPI's status in the document's language."""


class ReviewAction(Record):
    """An action still open from a review."""

    id: str
    """The action's id in the plan."""
    text: str
    """The action."""
    owner: str
    """Who does it; ``—`` when nobody yet."""
    due: str
    """When it is due, ``YYYY-MM-DD``; ``—`` when not set."""
    overdue: bool
    """True when its due date has passed."""
    review: str
    """The date of the review that agreed on it, ``YYYY-MM-DD``."""
    status: str
    """Where it stands in the document's language: ``open``, ``in progress``, ``done`` or
    ``dropped``."""
    status_key: str
    """The same as a key: ``open``, ``in_progress``, ``done`` or ``dropped``."""


class PreviousReview(Record):
    """The review before the day the document judges: what it decided, and what became of
    each of its actions."""

    date: str
    """Its date, ``YYYY-MM-DD``."""
    decisions: tuple[str, ...]
    """What it decided."""
    actions: tuple[ReviewAction, ...]
    """The actions it agreed, each with its owner, due date and status now."""


class ReviewCampaign(Record):
    """A campaign as a result: what it set out to show and what it achieved."""

    name: str
    """The campaign's name."""
    hypothesis: str
    """What it set out to show; ``—`` when the plan does not say."""
    segment: str
    """The segment it targeted (its name)."""
    offer: str
    """The offer's product; ``—`` without an offer."""
    method: str
    """How its effect is measured (``holdout group``, ``A/B test``, ...) and on which
    metric."""
    result: str
    """The latest result in words: both groups, the lift with its 95% confidence interval
    and significance, revenue, cost and ROI; ``no result recorded yet`` before one."""
    covers: str
    """Whether it covers its cost, on the measured figures once they exist."""
    decision: str
    """What was decided from the result; ``—`` when nothing is recorded."""


class ChangedStep(Record):
    """The changes of one of the ten steps (or of what comes before them)."""

    title: str
    """``Step 3: Refine customer segments``."""
    count: int
    """How many changes."""
    changes: tuple[str, ...]
    """Each change in words (the team's version only: empty in the client's, which names
    no plan paths or ids)."""


class Changes(Record):
    """What changed in the strategy since a git revision (``render --since``), from the
    same code as ``review --since``."""

    ref: str
    """The revision as given (``v1``, ``HEAD~3``)."""
    commit: str
    """The commit it names, shortened to 12 characters."""
    steps: tuple[ChangedStep, ...]
    """The changes grouped by step, steps without a change left out."""


class ReviewDecision(Record):
    """A decision in force."""

    date: str
    """When it was made, ``YYYY-MM-DD``."""
    summary: str
    """The decision."""
    source: str
    """What produced it: ``assess``, ``review`` or ``manual``."""
    source_name: str
    """The same in the document's language (``assessment``, ``strategy review``); empty for
    a decision written into the plan by hand."""


class ReviewFinding(Record):
    """Something the review found to act on: an SOP overdue for review, an action past its
    date, ..."""

    location: str
    """``file:line:column`` of what it is about."""
    message: str
    """What it found."""


class StatusNames(Record):
    """The name of each KPI status in the document's language, by key (``status_names[
    k.status_key]``)."""

    on_track: str
    """``on track``."""
    at_risk: str
    """``at risk``."""
    off_track: str
    """``off track``."""
    no_data: str
    """``no data``."""
    too_early: str
    """``too early to judge``."""
    baseline_only: str
    """``baseline only``."""
    no_baseline: str
    """``figure without baseline``."""
    no_target: str
    """``no target``."""
    target_not_an_improvement: str
    """``target no better than baseline``."""


class Review(Record):
    """The review report."""

    lead: str
    """The sentence that introduces the report."""
    as_of: str
    """The day the figures are judged on, formatted for the language; ``—`` when none."""
    schedule: str
    """The review schedule in one line: the last review, how often, when the next is due."""
    overdue: bool
    """True when the next review is overdue."""
    kpis: tuple[ReviewKpi, ...]
    """The KPIs, in the plan's order."""
    kpis_title: str
    """The title of the KPI table: since the last review, or since the baseline before any
    review is logged."""
    then_title: str
    """The heading of the column each KPI is compared with: ``at the last review``, or
    ``baseline`` before any review is logged."""
    goals: tuple[ReviewGoal, ...]
    """The SMART goals."""
    actions: tuple[ReviewAction, ...]
    """The actions still open or in progress, but those of the previous review (which
    are under ``previous``): an earlier review's, or the review held on the day judged."""
    previous: PreviousReview | None
    """The previous review, its decisions and what became of its actions; null at the
    first review."""
    campaigns: tuple[ReviewCampaign, ...]
    """Every campaign, as a result."""
    changes: Changes | None
    """What changed since ``render --since REF``; null without ``--since``."""
    decisions: tuple[ReviewDecision, ...]
    """The decisions in force."""
    findings: tuple[ReviewFinding, ...]
    """What the review found to act on (the team's version only: empty in the client's)."""
    status_names: StatusNames
    """The names of the statuses."""
