"""Building the journey map of a loaded plan: pure, deterministic, no printing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from crmplan.errors import UsageError
from crmplan.i18n import _
from crmplan.journey import rules
from crmplan.journey.coverage import StageInfo, journey_findings, persona_findings, researched
from crmplan.journey.coverage import stages as stage_list
from crmplan.journey.data import (
    JourneyMap,
    JourneyReport,
    KpiLink,
    OpportunityView,
    PainPointView,
    PersonaView,
    SegmentRef,
    StageView,
    TouchpointView,
)
from crmplan.kpi.progress import Progress, improvement
from crmplan.model.customers import Persona
from crmplan.model.journey import Journey, Touchpoint
from crmplan.plan.load import LoadedPlan
from crmplan.plan.source import PlanPath
from crmplan.quoting import closest, shown


def build_report(loaded: LoadedPlan, kpis: Sequence[Progress]) -> JourneyReport:
    """Every journey of the plan, with personas and gaps; ``kpis`` is every KPI's standing
    (:func:`crmplan.kpi.progress.progress`, in plan order), shown beside its touchpoints."""
    personas = tuple(_persona(loaded, i, p) for i, p in enumerate(loaded.plan.personas))
    by_id = {p.id: p for p in personas}
    links = _KpiLinks(loaded, kpis)
    maps = tuple(_journey(loaded, j, links, by_id) for j in range(len(loaded.plan.journeys)))
    return JourneyReport(loaded.name, None, maps, personas, tuple(persona_findings(loaded)))


def only(loaded: LoadedPlan, report: JourneyReport, journey_id: str | None) -> JourneyReport:
    """The report of every journey, or of ``journey_id`` alone: that journey's persona only
    and no plan-wide gaps (personas without a journey concern the whole plan)."""
    if journey_id is None:
        return report
    maps = tuple(report.journeys[i] for i in chosen(loaded, journey_id))
    own = tuple(m.persona for m in maps if m.persona is not None)
    return JourneyReport(report.plan, journey_id, maps, own, ())


def chosen(loaded: LoadedPlan, journey_id: str | None) -> list[int]:
    """The indexes of the journeys to show; an unknown id is a usage error."""
    ids = [j.id for j in loaded.plan.journeys]
    if journey_id is None:
        return list(range(len(ids)))
    if journey_id in ids:
        return [ids.index(journey_id)]
    close = closest(journey_id, ids)
    hint = (_("did you mean '{id}'?").format(id=close) if close
            else _("its journeys: {ids}").format(ids=", ".join(ids)) if ids
            else _("it has no journey yet"))
    raise UsageError(_("{file}: no journey '{id}' in this plan").format(
        file=loaded.name, id=shown(journey_id)), hint=hint)


class _KpiLinks:
    """Each linked KPI's standing, computed once however many touchpoints name it."""

    def __init__(self, loaded: LoadedPlan, standings: Sequence[Progress]) -> None:
        self._kpis = {k.id: (i, k) for i, k in enumerate(loaded.plan.kpis)}
        self._standings = standings
        self._currency = loaded.plan.client.currency
        self._links: dict[str, KpiLink] = {}

    def __call__(self, kpi_id: str) -> KpiLink:
        if kpi_id not in self._links:
            self._links[kpi_id] = self._link(kpi_id)
        return self._links[kpi_id]

    def _link(self, kpi_id: str) -> KpiLink:
        index, kpi = self._kpis[kpi_id]
        found = self._standings[index]
        remaining = None if found.relative_gap_pct is None else max(
            0.0, improvement(found.spec, found.relative_gap_pct))
        name = kpi.name or _(found.spec.name)
        return KpiLink(kpi_id, name, found.status, remaining,
                       rules.kpi_points(found.status, remaining), found, self._currency)


def _journey(loaded: LoadedPlan, index: int, kpis: _KpiLinks,
             personas: dict[str, PersonaView]) -> JourneyMap:
    journey = loaded.plan.journeys[index]
    links = _Links(journey)
    touchpoints = [_touchpoint(loaded, ("journeys", index, "touchpoints", t), tp, kpis, links)
                   for t, tp in enumerate(journey.touchpoints)]
    stages = _stages(loaded, stage_list(journey, index), touchpoints)
    return JourneyMap(
        id=journey.id, name=journey.name,
        persona=personas.get(journey.persona) if journey.persona else None,
        segment=_segment(loaded, journey.segment),
        stages=stages,
        pain_points=_pain_points(loaded, journey, index, links, touchpoints, stages),
        opportunities=_opportunities(loaded, journey, index),
        findings=tuple(journey_findings(loaded, index)),
        location=loaded.location(("journeys", index)))


class _Links:
    """Which pain points and opportunities name each touchpoint and pain point."""

    def __init__(self, journey: Journey) -> None:
        self.pains: dict[str, list[str]] = defaultdict(list)
        self.opportunities: dict[str, list[str]] = defaultdict(list)
        self.remedies: dict[str, list[str]] = defaultdict(list)
        for pain in journey.pain_points:
            self.pains[pain.touchpoint].append(pain.id)
        for opportunity in journey.opportunities:
            if opportunity.touchpoint:
                self.opportunities[opportunity.touchpoint].append(opportunity.id)
            if opportunity.pain_point:
                self.remedies[opportunity.pain_point].append(opportunity.id)


def _segment(loaded: LoadedPlan, segment_id: str | None) -> SegmentRef | None:
    found = next((s for s in loaded.plan.segments if s.id == segment_id), None)
    return SegmentRef(found.id, found.name) if found else None


def _touchpoint(loaded: LoadedPlan, path: PlanPath, tp: Touchpoint, kpis: _KpiLinks,
                links: _Links) -> TouchpointView:
    return TouchpointView(
        id=tp.id, name=tp.name, stage=tp.stage, channel=tp.channel.value,
        customer_goal=tp.customer_goal, thoughts=tp.thoughts,
        emotion=tp.emotion, emotion_to_be=tp.emotion_to_be, barriers=tuple(tp.barriers),
        owner=tp.owner, kpis=tuple(kpis(k) for k in tp.kpis),
        evidence=tp.evidence.value if tp.evidence else None,
        researched=researched(tp.evidence), evidence_note=tp.evidence_note,
        pain_points=tuple(links.pains.get(tp.id, ())),
        opportunities=tuple(links.opportunities.get(tp.id, ())),
        location=loaded.location(path))


def _stages(loaded: LoadedPlan, infos: list[StageInfo],
            touchpoints: list[TouchpointView]) -> tuple[StageView, ...]:
    grouped: dict[str, list[TouchpointView]] = defaultdict(list)
    for touchpoint in touchpoints:
        grouped[touchpoint.stage].append(touchpoint)
    return tuple(StageView(
        id=s.id, name=s.name, description=s.description, default=s.default,
        touchpoints=tuple(grouped[s.id]),
        emotion=mean(t.emotion for t in grouped[s.id]),
        emotion_to_be=mean(t.designed for t in grouped[s.id]),
        location=loaded.location(s.path)) for s in infos)


def mean(values: Iterable[int | None]) -> float | None:
    """The mean of the known values, to two decimals; None when none is known."""
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 2) if known else None


def _pain_points(loaded: LoadedPlan, journey: Journey, j: int, links: _Links,
                 touchpoints: list[TouchpointView],
                 stages: tuple[StageView, ...]) -> tuple[PainPointView, ...]:
    by_id = {t.id: t for t in touchpoints}
    stage_names = {s.id: s.name for s in stages}
    scores = [rules.pain_score(p.severity, by_id[p.touchpoint].emotion,
                               len(by_id[p.touchpoint].barriers),
                               [k.points for k in by_id[p.touchpoint].kpis])
              for p in journey.pain_points]
    order = sorted(range(len(scores)), key=lambda n: rules.pain_order(scores[n], n))
    return tuple(PainPointView(
        rank=rank, id=pain.id, description=pain.description, severity=pain.severity,
        evidence=pain.evidence.value if pain.evidence else None,
        touchpoint=by_id[pain.touchpoint], stage_name=stage_names[by_id[pain.touchpoint].stage],
        score=scores[n], opportunities=tuple(links.remedies.get(pain.id, ())),
        location=loaded.location(("journeys", j, "pain_points", n)))
        for rank, n in enumerate(order, 1) for pain in (journey.pain_points[n],))


def _opportunities(loaded: LoadedPlan, journey: Journey,
                   j: int) -> tuple[OpportunityView, ...]:
    order = sorted(range(len(journey.opportunities)), key=lambda n: rules.opportunity_order(
        journey.opportunities[n].impact, journey.opportunities[n].effort,
        journey.opportunities[n].status, n))
    return tuple(OpportunityView(
        rank=rank, id=o.id, description=o.description, touchpoint=o.touchpoint,
        pain_point=o.pain_point, impact=o.impact, effort=o.effort,
        quadrant=rules.quadrant(o.impact, o.effort), status=o.status.value,
        open=o.status not in rules.CLOSED, owner=o.owner,
        location=loaded.location(("journeys", j, "opportunities", n)))
        for rank, n in enumerate(order, 1) for o in (journey.opportunities[n],))


def _persona(loaded: LoadedPlan, index: int, persona: Persona) -> PersonaView:
    evidence = tuple(e.value for e in persona.evidence)
    return PersonaView(
        id=persona.id, name=persona.name, description=persona.description,
        segment=persona.segment, goals=tuple(persona.goals), needs=tuple(persona.needs),
        pain_points=tuple(persona.pain_points), decision_process=persona.decision_process,
        channels=tuple(c.value for c in persona.channels), evidence=evidence,
        researched=any(researched(e) for e in persona.evidence),
        journeys=tuple(j.id for j in loaded.plan.journeys if j.persona == persona.id),
        location=loaded.location(("personas", index)))
