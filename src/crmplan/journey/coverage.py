"""What a journey map is missing, gap by gap, each at the plan line it concerns.

These findings answer the first question of an engagement, "are the customer
touchpoints organized?" (stages mapped, every touchpoint owned, measured and
researched), so they work on the plan's models alone: ``crmplan assess`` can
count them as well as ``crmplan journey`` lists them. The rules are listed in
:data:`crmplan.journey.rules.COVERAGE_RULES`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

from crmplan import rules
from crmplan.findings import Issue, Rule
from crmplan.i18n import N_, _
from crmplan.journey.rules import CLOSED, RULE_ORDER
from crmplan.model.base import Evidence
from crmplan.model.defaults import DEFAULT_STAGES
from crmplan.model.journey import Journey, Touchpoint
from crmplan.plan.load import LoadedPlan
from crmplan.plan.source import PlanPath


class StageInfo(NamedTuple):
    """A journey's stage: the plan's own, or a default one (then ``path`` is the journey's)."""

    id: str
    name: str
    description: str | None
    default: bool
    path: PlanPath


def stages(journey: Journey, index: int) -> list[StageInfo]:
    """The journey's stages in order; the five default ones when it lists none."""
    if journey.stages:
        return [StageInfo(s.id, s.name, s.description, False, ("journeys", index, "stages", n))
                for n, s in enumerate(journey.stages)]
    return [StageInfo(s.id, _(s.name), None, True, ("journeys", index))
            for s in DEFAULT_STAGES]


def researched(evidence: Evidence | None) -> bool:
    """Survey, interview, analytics, observation or staff; not ``assumed``, not missing."""
    return evidence is not None and evidence is not Evidence.ASSUMED


def coverage(loaded: LoadedPlan, indexes: list[int] | None = None) -> tuple[Issue, ...]:
    """The gaps of the journeys at ``indexes`` (all by default), then those of the personas
    when every journey is looked at."""
    chosen = range(len(loaded.plan.journeys)) if indexes is None else indexes
    found = [f for j in chosen for f in journey_findings(loaded, j)]
    return tuple(found + (persona_findings(loaded) if indexes is None else []))


def journey_findings(loaded: LoadedPlan, index: int) -> list[Issue]:
    """Every gap of one journey, rule by rule, each rule's in the plan's order."""
    journey = loaded.plan.journeys[index]
    found = [*_customer(loaded, journey, index), *_stages(loaded, journey, index),
             *_touchpoints(loaded, journey, index), *_pain_points(loaded, journey, index),
             *_opportunities(loaded, journey, index)]
    return sorted(found, key=lambda f: RULE_ORDER[f.rule])  # stable: plan order within a rule


def persona_findings(loaded: LoadedPlan) -> list[Issue]:
    """Personas no journey is drawn for (a journey for their segment does not count)."""
    drawn = {j.persona for j in loaded.plan.journeys}
    return [loaded.finding(rules.PERSONA_WITHOUT_JOURNEY, ("personas", i), _(
        "persona '{id}' ({name}) has no journey").format(id=p.id, name=p.name), subject=p.id)
        for i, p in enumerate(loaded.plan.personas) if p.id not in drawn]


def _customer(loaded: LoadedPlan, journey: Journey, index: int) -> list[Issue]:
    if journey.persona or journey.segment:
        return []
    return [loaded.finding(rules.JOURNEY_WITHOUT_CUSTOMER, ("journeys", index), _(
        "journey '{id}' names neither a persona nor a segment").format(id=journey.id),
        subject=journey.id)]


def _stages(loaded: LoadedPlan, journey: Journey, index: int) -> list[Issue]:
    used = {t.stage for t in journey.touchpoints}
    return [loaded.finding(rules.STAGE_WITHOUT_TOUCHPOINTS, s.path, _(
        "stage '{id}' ({name}) has no touchpoint").format(id=s.id, name=s.name), subject=s.id)
        for s in stages(journey, index) if s.id not in used]


_TouchpointTest = Callable[[Touchpoint], bool]
_TOUCHPOINT_RULES: tuple[tuple[Rule, _TouchpointTest, str], ...] = (
    (rules.TOUCHPOINT_WITHOUT_OWNER, lambda t: t.owner is None,
     N_("touchpoint '{id}' ({name}) has no owner")),
    (rules.TOUCHPOINT_WITHOUT_KPI, lambda t: not t.kpis,
     N_("touchpoint '{id}' ({name}) is measured by no KPI")),
    (rules.TOUCHPOINT_WITHOUT_EVIDENCE, lambda t: t.evidence is None,
     N_("touchpoint '{id}' ({name}) does not say where its knowledge comes from")),
    (rules.TOUCHPOINT_ASSUMED, lambda t: t.evidence is Evidence.ASSUMED,
     N_("touchpoint '{id}' ({name}) is assumed, not researched")),
    (rules.TOUCHPOINT_WITHOUT_EMOTION, lambda t: t.emotion is None,
     N_("touchpoint '{id}' ({name}) has no emotion")),
)


def _touchpoints(loaded: LoadedPlan, journey: Journey, index: int) -> Iterator[Issue]:
    for rule, missing, message in _TOUCHPOINT_RULES:
        for t, touchpoint in enumerate(journey.touchpoints):
            if missing(touchpoint):
                yield loaded.finding(rule, ("journeys", index, "touchpoints", t), _(
                    message).format(id=touchpoint.id, name=touchpoint.name),
                    subject=touchpoint.id)


def _pain_points(loaded: LoadedPlan, journey: Journey, index: int) -> list[Issue]:
    addressed = {o.pain_point for o in journey.opportunities}
    return [loaded.finding(rules.PAIN_POINT_WITHOUT_OPPORTUNITY,
                           ("journeys", index, "pain_points", n), _(
        "pain point '{id}' is addressed by no opportunity").format(id=p.id), subject=p.id)
        for n, p in enumerate(journey.pain_points) if p.id not in addressed]


def _opportunities(loaded: LoadedPlan, journey: Journey, index: int) -> list[Issue]:
    return [loaded.finding(rules.OPPORTUNITY_WITHOUT_OWNER,
                           ("journeys", index, "opportunities", n), _(
        "opportunity '{id}' has no owner").format(id=o.id), subject=o.id)
        for n, o in enumerate(journey.opportunities)
        if o.owner is None and o.status not in CLOSED]
