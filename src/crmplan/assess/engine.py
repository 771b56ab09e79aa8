"""Apply the rules of :mod:`crmplan.assess.rules` to a plan's facts; pure, deterministic."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from crmplan.assess import rules
from crmplan.assess.decision import (
    DecisionState,
    assess_decisions,
    done_text,
    in_force,
    movements,
)
from crmplan.assess.derive import derive_facts
from crmplan.assess.facts import Fact, Proof, Status
from crmplan.assess.findings import assess_findings
from crmplan.findings import Issue, kept
from crmplan.i18n import _
from crmplan.plan.load import LoadedPlan

NOT_READY = "not_ready"
_SCORES = {Status.YES: 1.0, Status.PARTLY: 0.5}


@dataclass(frozen=True)
class Check:
    """One rule's need, checked against a fact."""

    label: str
    fact: str
    status: Status
    met: bool
    proofs: tuple[Proof, ...]


@dataclass(frozen=True)
class Recommendation:
    """What to do first, why, and what blocks or excludes the alternatives."""

    id: str
    title: str
    reasons: tuple[Check, ...]
    excluded: tuple[str, ...]
    next_step: str


@dataclass(frozen=True)
class CriterionResult:
    number: int
    title: str
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class StageResult:
    number: int
    name: str
    met: bool
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class AreaResult:
    id: str
    name: str
    score: int
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class FailureResult:
    id: str
    title: str
    proofs: tuple[Proof, ...]


@dataclass(frozen=True)
class Report:
    """The whole assessment of one plan."""

    plan: str
    recommendation: Recommendation
    criteria: tuple[CriterionResult, ...]
    contradictions: tuple[Fact, ...]
    stage: int
    stages: tuple[StageResult, ...]
    readiness: int
    areas: tuple[AreaResult, ...]
    failure_causes: tuple[FailureResult, ...]
    questions: tuple[str, ...]
    next_steps: tuple[str, ...]
    facts: dict[str, Fact]
    decision: DecisionState
    assumptions: tuple[Check, ...]
    findings: tuple[Issue, ...]
    judged_on: dt.date | None = None
    """The day the plan was judged on (time-bound facts, such as a journey re-walked within
    the review cadence, hold on this day); None when the plan records no date."""


def assess(loaded: LoadedPlan, journey_gaps: Sequence[Issue], on: dt.date | None = None
           ) -> Report:
    """Assess a loaded plan: recommendation, maturity stage, readiness, questions, the
    decision in force and the progress since; ``journey_gaps`` are the journey map's
    coverage gaps, in the map's order; ``on`` the day the plan is judged on."""
    facts = derive_facts(loaded, journey_gaps, on)
    stages = tuple(_stage(stage, facts) for stage in rules.STAGES)
    areas = tuple(_area(area, facts) for area in rules.AREAS)
    recommendation = _for_the_client(recommend(facts, _excluded_options(loaded)), loaded)
    decision = _decision(loaded, facts, recommendation)
    contradictions = tuple(f for f in facts.values()
                           if f.contradicted and not decision.explains(f))
    return Report(
        plan=loaded.name,
        recommendation=recommendation,
        criteria=tuple(_criterion(c, facts) for c in rules.CRITERIA),
        contradictions=contradictions,
        stage=_reached(stages),
        stages=stages,
        readiness=_overall(areas),
        areas=areas,
        failure_causes=tuple(_failures(facts, bool(loaded.plan.journeys))),
        questions=_questions(loaded, facts, contradictions),
        next_steps=_next_steps(loaded, recommendation),
        facts=facts,
        decision=decision,
        assumptions=tuple(check(_(title), rules.Need(fact), facts)
                          for fact, title, _hint in rules.ASSUMPTIONS),
        findings=kept(tuple(assess_findings(loaded, facts)), loaded.ignored),
        judged_on=on if on is not None and on != dt.date.min else None,
    )


def _decision(loaded: LoadedPlan, facts: dict[str, Fact], today: Recommendation
              ) -> DecisionState:
    history = assess_decisions(loaded.plan.decisions)
    current = in_force(history)
    then = current.facts if current else {}
    stage_then, readiness_then = _state_then(then)
    return DecisionState(
        in_force=current, history=history, today=today.id,
        progress=movements(then, facts), done=done_text(current, facts),
        next_step=today.next_step, stage_then=stage_then, readiness_then=readiness_then)


def _state_then(then: dict[str, Status]) -> tuple[int | None, int | None]:
    """The maturity stage and readiness the recorded facts gave on the day."""
    if not then:
        return None, None
    facts = {fact: Fact(fact, status) for fact, status in then.items()}
    stages = tuple(_stage(stage, facts) for stage in rules.STAGES)
    return _reached(stages), _overall(tuple(_area(area, facts) for area in rules.AREAS))


def _overall(areas: tuple[AreaResult, ...]) -> int:
    return _rounded(sum(a.score for a in areas) / len(areas))


def check(label: str, need: rules.Need, facts: dict[str, Fact]) -> Check:
    """Whether ``need`` holds, with the fact's status and proofs."""
    fact = facts.get(need.fact, Fact(need.fact, Status.UNKNOWN))
    return Check(label, need.fact, fact.status, fact.status >= need.status, fact.proofs)


def recommend(facts: dict[str, Fact], excluded: set[str]) -> Recommendation:
    """The first answer whose pillar is missing, unless a gate fails or it is excluded."""
    gates = [check(gate.reason, gate.need, facts) for gate in rules.GATES]
    failed = tuple(g for g in gates if not g.met)
    if failed:
        return _not_ready(failed, excluded)
    reasons: list[Check] = []
    for choice in rules.ORDER:
        if choice.missing is not None:
            reasons.append(check(choice.pillar, choice.missing, facts))
        if choice.missing is None or not reasons[-1].met:
            return _pick(choice, tuple(reasons), excluded)
    raise AssertionError("the last choice always applies")  # pragma: no cover


def _for_the_client(recommendation: Recommendation, loaded: LoadedPlan) -> Recommendation:
    """Journey-first names the VIP journey where the plan's segments include VIP customers."""
    if recommendation.id == "journey_first" and serves_vip(loaded):
        return replace(recommendation, title=rules.VIP_JOURNEY_TITLE)
    return recommendation


def serves_vip(loaded: LoadedPlan) -> bool:
    """Whether a segment of the plan is of VIP or premium customers (by its id or name)."""
    return any(word in f"{segment.id} {segment.name}".lower()
               for segment in loaded.plan.segments for word in rules.VIP_WORDS)


def _pick(choice: rules.Choice, reasons: tuple[Check, ...], excluded: set[str]
          ) -> Recommendation:
    if not _is_excluded(choice, excluded):
        return Recommendation(choice.id, choice.title, reasons, tuple(sorted(excluded)),
                              choice.next_step)
    for other in rules.ORDER:
        if other.id != "both" and not _is_excluded(other, excluded):
            return Recommendation(other.id, other.title, reasons, tuple(sorted(excluded)),
                                  other.next_step)
    return _not_ready(reasons, excluded)


def _is_excluded(choice: rules.Choice, excluded: set[str]) -> bool:
    """Ruled out by its own condition, by one on both options, or (for both) on either pillar."""
    return "both" in excluded or choice.excluded_by in excluded or (
        choice.excluded_by == "both" and bool(excluded))


def _not_ready(reasons: tuple[Check, ...], excluded: set[str]) -> Recommendation:
    return Recommendation(NOT_READY, rules.NOT_READY_TITLE, reasons, tuple(sorted(excluded)),
                          "")


def _excluded_options(loaded: LoadedPlan) -> set[str]:
    assessment = loaded.plan.assessment
    conditions = assessment.exclusion_conditions if assessment else []
    return {c.excludes.value for c in conditions if c.confirmed and c.applies}


def _criterion(criterion: rules.Criterion, facts: dict[str, Fact]) -> CriterionResult:
    checks = tuple(check(fact, rules.Need(fact), facts) for fact in criterion.facts)
    return CriterionResult(criterion.number, criterion.title, checks)


def _stage(stage: rules.Stage, facts: dict[str, Fact]) -> StageResult:
    checks = tuple(check(label, need, facts) for label, need in stage.needs)
    return StageResult(stage.number, stage.name, all(c.met for c in checks), checks)


def _reached(stages: tuple[StageResult, ...]) -> int:
    reached = 0
    for stage in stages:
        if not stage.met:
            break
        reached = stage.number
    return reached


def _area(area: rules.Area, facts: dict[str, Fact]) -> AreaResult:
    checks = tuple(check(label, need, facts) for label, need in area.items)
    score = sum(_SCORES.get(c.status, 0.0) for c in checks) / len(checks)
    return AreaResult(area.id, area.name, _rounded(100 * score), checks)


def _rounded(score: float) -> int:
    """Half up, as a reader rounds: 62.5 is 63 (``round`` would give 62 but 88 for 87.5)."""
    return math.floor(score + 0.5)


def _failures(facts: dict[str, Fact], has_map: bool) -> list[FailureResult]:
    return [FailureResult(cause.id, cause.title, facts[cause.fact].proofs)
            for cause in rules.FAILURE_CAUSES
            if cause.fact in facts and Status.NO <= facts[cause.fact].status <= cause.status
            and (has_map or not cause.needs_map)]


def _questions(loaded: LoadedPlan, facts: dict[str, Fact], contradictions: tuple[Fact, ...]
               ) -> tuple[str, ...]:
    asked = [_(text) for fact_id, text in rules.QUESTIONS.items()
             if fact_id in facts and (facts[fact_id].status in (Status.UNKNOWN, Status.PARTLY)
                                      or facts[fact_id] in contradictions)]
    prepared = loaded.plan.assessment.verification_questions if loaded.plan.assessment else []
    return tuple(dict.fromkeys([*prepared, *asked]))


def _next_steps(loaded: LoadedPlan, recommendation: Recommendation) -> tuple[str, ...]:
    """Materials and recurring questions, the internal manager, then the choice's own step."""
    engagement = loaded.plan.engagement
    manager = engagement.internal_manager.name if engagement and engagement.internal_manager \
        else _("to be named")
    steps = [_(rules.NEXT_STEPS[0]), _(rules.NEXT_STEPS[1]).format(manager=manager)]
    if recommendation.next_step:
        steps.append(_(recommendation.next_step))
    if recommendation.id == NOT_READY:
        steps += [_("Resolve first: {reason}").format(reason=_(c.label))
                  for c in recommendation.reasons if not c.met]
    return tuple(steps)
