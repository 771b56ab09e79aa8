"""The documents beside the strategy: the assessment memo, the journey map, the review."""

from __future__ import annotations

from pathlib import Path

from crmplan import names
from crmplan.assess.decision import PILLARS, DecisionState, Recorded
from crmplan.assess.engine import Check as EngineCheck
from crmplan.assess.engine import Report
from crmplan.assess.facts import Proof as EngineProof
from crmplan.assess.facts import Status
from crmplan.assess.report import (
    SCHEMA,
    fact_label,
    next_text,
    plain_evidence,
    progress_lines,
    short_movement_text,
    split_evidence,
    stage_status,
    status_label,
    status_name,
)
from crmplan.findings import Issue
from crmplan.i18n import N_, _, format_date, join, labelled, ngettext
from crmplan.journey import labels as journey_labels
from crmplan.journey.data import JourneyMap, JourneyReport, PersonaView, StageView
from crmplan.journey.rules import COVERAGE_RULES
from crmplan.model.governance import Option
from crmplan.plan.load import LoadedPlan
from crmplan.render import leads
from crmplan.render.model.assessment import (
    AnswerInForce,
    Assessment,
    AssessmentInputs,
    Check,
    Contradiction,
    Exclusion,
    FailureCause,
    Maturity,
    MaturityStage,
    Proof,
    Readiness,
    ReadinessArea,
    Recommendation,
    RecordedDecision,
    SelectionCriterion,
    TeamFinding,
    TeamNotes,
)
from crmplan.render.model.journeys import (
    FindingEntry,
    FindingGroup,
    Journey,
    JourneySummary,
    Opportunity,
    Pain,
    PersonaDetail,
    Stage,
    Touchpoint,
)
from crmplan.render.model.journeys import JourneyMap as JourneyMapDocument
from crmplan.render.parts import DASH

# -- the assessment memo ---------------------------------------------------------------------

OPTION_NAMES = {Option.JOURNEY: N_("journey work"), Option.CRM_KPI: N_("CRM/KPI work"),
                Option.BOTH: N_("both journey and CRM/KPI work")}


def assessment(loaded: LoadedPlan, report: Report) -> Assessment:
    """The memo: the fields of ``crmplan assess --format json``
    (:func:`crmplan.assess.report.to_data`), each status also in the active language, and
    the inputs the plan gives."""
    r = report.recommendation
    return Assessment(
        schema=SCHEMA, plan=report.plan,
        recommendation=Recommendation(
            id=r.id, title=_(r.title), reasons=_checks(r.reasons),
            excluded_options=tuple(r.excluded),
            excluded_names=tuple(_(OPTION_NAMES[Option(o)]) for o in r.excluded)),
        selection_criteria=tuple(SelectionCriterion(number=c.number, title=_(c.title),
                                                    checks=_checks(c.checks))
                                 for c in report.criteria),
        contradictions=tuple(Contradiction(
            fact=f.id, stated=status_name(f.stated or Status.UNKNOWN),
            plan_shows=status_name(f.derived or Status.UNKNOWN), evidence=_proofs(f.proofs))
            for f in report.contradictions),
        maturity=Maturity(stage=report.stage, stages=tuple(
            MaturityStage(number=s.number, name=_(s.name), met=s.met,
                          reached=s.number <= report.stage,
                          status=stage_status(s, report.stage), checks=_checks(s.checks))
            for s in report.stages)),
        readiness=Readiness(overall=report.readiness, areas=tuple(
            ReadinessArea(id=a.id, name=_(a.name), score=a.score, checks=_checks(a.checks))
            for a in report.areas)),
        failure_causes=tuple(FailureCause(id=f.id, title=_(f.title), evidence=_proofs(f.proofs))
                             for f in report.failure_causes),
        verification_questions=tuple(report.questions), next_steps=tuple(report.next_steps),
        lead=_(leads.ASSESSMENT_LEAD), inputs=_inputs(loaded), answer=answer_in_force(report),
        assumptions=_checks(report.assumptions), team=_team(report))


def answer_in_force(report: Report) -> AnswerInForce:
    """The decision in force, its evidence as recorded (without plan locations) and the
    progress since; today's answer as a draft before any decision."""
    state = report.decision
    current = state.in_force
    if current is None:
        return AnswerInForce(draft=True, title=_(report.recommendation.title), decision=None,
                             progress=(), headline=(), summary=(), next=None, history=())
    headline = tuple(progress_lines(state, report.stage, report.readiness, every_fact=False,
                                    day_text=format_date))
    return AnswerInForce(
        draft=False, title=current.summary, decision=_recorded(current),
        progress=tuple(progress_lines(state, report.stage, report.readiness,
                                      day_text=format_date)),
        headline=headline, summary=headline + progress_summary(state),
        next=next_text(state) or None, history=tuple(_recorded(d) for d in state.history))


def progress_summary(state: DecisionState) -> tuple[str, ...]:
    """The other facts that moved since the decision, as a client reads them: how many moved
    forward, and each that moved back."""
    if state.in_force is None or not state.in_force.facts:
        return ()
    others = [m for m in state.progress if m.fact not in PILLARS]
    forward = sum(1 for m in others if m.forward)
    lines = [ngettext("{count} other point of the assessment moved forward",
                      "{count} other points of the assessment moved forward",
                      forward).format(count=forward)] if forward else []
    return (*lines, *(labelled(_("moved back"), short_movement_text(m))
                      for m in others if not m.forward))


def _recorded(decision: Recorded) -> RecordedDecision:
    return RecordedDecision(
        date=decision.date.isoformat(), date_text=format_date(decision.date),
        summary=decision.summary, rationale=decision.rationale,
        evidence=tuple(plain_evidence(e) for e in decision.evidence),
        active=decision.active, state=_("in force") if decision.active else _("superseded"))


def _team(report: Report) -> TeamNotes:
    current = report.decision.in_force
    return TeamNotes(
        today_differs=report.decision.differs, today_title=_(report.recommendation.title),
        findings=tuple(TeamFinding(location=i.location, message=i.message, hint=i.hint,
                                   code=i.code) for i in report.findings),
        evidence=tuple(Proof(location=in_folder(at or ""), text=text) for at, text in (
            split_evidence(e) for e in (current.evidence if current else ()))))


def in_folder(location: str) -> str:
    """A recorded ``path/plan.yaml:12:5`` as ``plan.yaml:12:5``: relative to the plan's
    folder, whatever path it was recorded under."""
    file, _sep, mark = location.partition(":")
    return f"{Path(file).name}:{mark}" if mark else location


def _checks(checks: tuple[EngineCheck, ...]) -> tuple[Check, ...]:
    """Each check; one that names only its fact (a selection criterion's) is labelled with
    what the fact is about."""
    return tuple(Check(label=fact_label(c.fact) if c.label == c.fact else _(c.label),
                       fact=c.fact, status=status_name(c.status), met=c.met,
                       evidence=_proofs(c.proofs), status_text=status_label(c.status))
                 for c in checks)


def _proofs(proofs: tuple[EngineProof, ...]) -> tuple[Proof, ...]:
    return tuple(Proof(location=p.location, text=p.text) for p in proofs)


def _inputs(loaded: LoadedPlan) -> AssessmentInputs:
    a = loaded.plan.assessment
    criteria = a.criteria if a else None
    return AssessmentInputs(
        essential=tuple(criteria.essential) if criteria else (),
        optional=tuple(criteria.optional) if criteria else (),
        exclusions=tuple(Exclusion(description=c.description, excludes=c.excludes.value,
                                   option=_(OPTION_NAMES[c.excludes]),
                                   state=_exclusion_state(c.confirmed, c.applies), note=c.note)
                         for c in (a.exclusion_conditions if a else [])),
        bottlenecks=tuple(a.bottlenecks) if a else (),
        recurring_questions=tuple(a.recurring_questions) if a else (),
        materials=tuple(a.materials) if a else (),
    )


def _exclusion_state(confirmed: bool, applies: bool | None) -> str:
    if not confirmed:
        return _("not confirmed yet")
    return _("confirmed: applies") if applies else _("confirmed: does not apply")


# -- the journey map -------------------------------------------------------------------------


def journey_map(report: JourneyReport, summaries: tuple[JourneySummary, ...]
                ) -> JourneyMapDocument:
    """The journey map; ``summaries`` are step 4's, one per journey, whose charts it reuses."""
    return JourneyMapDocument(lead=_(leads.JOURNEY_LEAD),
                      journeys=tuple(_journey(j, s) for j, s in
                                     zip(report.journeys, summaries, strict=True)),
                      findings=_findings(report.findings))


def _journey(journey: JourneyMap, summary: JourneySummary) -> Journey:
    return Journey(
        id=summary.id, name=summary.name, persona=summary.persona, segment=summary.segment,
        stages=summary.stages, touchpoints=summary.touchpoints, curve=summary.curve,
        curve_figures=summary.curve_figures,
        diagram=summary.diagram, diagram_rows=summary.diagram_rows,
        pains=tuple(Pain(rank=p.rank, description=p.description, touchpoint=p.touchpoint.name,
                         stage=p.stage_name, severity=p.severity,
                         score=journey_labels.score(p.score),
                         opportunities=join(p.opportunities) or DASH)
                    for p in journey.pain_points),
        opportunities=tuple(Opportunity(
            rank=o.rank, description=o.description, quadrant=_(o.quadrant.name),
            impact=o.impact, effort=o.effort, status=journey_labels.status(o.status),
            owner=o.owner or DASH) for o in journey.opportunities),
        persona_detail=_persona(journey.persona),
        stage_list=tuple(_stage(n, s) for n, s in enumerate(journey.stages, 1)),
        findings=_findings(journey.findings))


def _persona(persona: PersonaView | None) -> PersonaDetail | None:
    if persona is None:
        return None
    return PersonaDetail(
        name=persona.name, description=persona.description, goals=persona.goals,
        needs=persona.needs, pain_points=persona.pain_points,
        decision_process=persona.decision_process,
        evidence=_("researched") if persona.researched else _("not researched"))


def _stage(number: int, stage: StageView) -> Stage:
    return Stage(
        number=number, name=stage.name, description=stage.description,
        emotion=journey_labels.emotion(stage.emotion, stage.emotion_to_be),
        touchpoints=tuple(Touchpoint(
            name=t.name, channel=names.channel(t.channel), goal=t.customer_goal or DASH,
            thoughts=t.thoughts or DASH,
            emotion=journey_labels.emotion(t.emotion, t.emotion_to_be), barriers=t.barriers,
            owner=t.owner or DASH, kpis=journey_labels.kpis(t.kpis, by_name=True),
            evidence=journey_labels.evidence(t)) for t in stage.touchpoints))


def _findings(findings: tuple[Issue, ...]) -> tuple[FindingGroup, ...]:
    groups = []
    for coverage in COVERAGE_RULES:
        found = [f for f in findings if f.rule == coverage.rule]
        if found:
            groups.append(FindingGroup(
                title=_(coverage.title), count=len(found),
                entries=tuple(FindingEntry(location=f.location, message=f.message)
                              for f in found)))
    return tuple(groups)
