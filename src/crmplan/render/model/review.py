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
    """The actions still open."""
    decisions: tuple[ReviewDecision, ...]
    """The decisions in force."""
    findings: tuple[ReviewFinding, ...]
    """What the review found to act on (the team's version only: empty in the client's)."""
    status_names: StatusNames
    """The names of the statuses."""
