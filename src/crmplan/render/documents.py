"""The documents beside the strategy: the assessment memo, the journey map, the review."""

from __future__ import annotations

import datetime as dt
from typing import Any

from crmplan import names
from crmplan.analysis import PlanAnalysis
from crmplan.assess.engine import Report as Assessment
from crmplan.assess.facts import Status
from crmplan.assess.report import status_label, to_data
from crmplan.findings import Issue
from crmplan.i18n import _, format_date, join
from crmplan.journey import labels as journey_labels
from crmplan.journey.data import JourneyMap, JourneyReport, PersonaView, StageView
from crmplan.journey.rules import COVERAGE_RULES
from crmplan.kpi.progress import STATUS_NAMES
from crmplan.plan.load import LoadedPlan
from crmplan.render import leads
from crmplan.render.parts import DASH, Data
from crmplan.render.sections import journey_summary, kpi_trend
from crmplan.review.report import goal_row, kpi_row, schedule_text
from crmplan.review.status import ReviewStatus, active_decisions

STATUSES = {s.name.lower(): s for s in Status}


def build(analysis: PlanAnalysis) -> Data:
    """``assessment``, ``journey_map`` and ``review`` of the context."""
    return {"assessment": assessment(analysis.loaded, analysis.assessment),
            "journey_map": journey_map(analysis.journeys),
            "review": review(analysis.loaded, analysis.review)}


# -- the assessment memo ---------------------------------------------------------------------


def assessment(loaded: LoadedPlan, report: Assessment) -> Data:
    data = to_data(report)
    _label_statuses(data)
    a = loaded.plan.assessment
    data["lead"] = _(leads.ASSESSMENT_LEAD)
    data["inputs"] = {
        "essential": list(a.criteria.essential) if a and a.criteria else [],
        "optional": list(a.criteria.optional) if a and a.criteria else [],
        "exclusions": [{"description": c.description, "excludes": c.excludes.value,
                        "state": _exclusion_state(c.confirmed, c.applies),
                        "note": c.note} for c in (a.exclusion_conditions if a else [])],
        "bottlenecks": list(a.bottlenecks) if a else [],
        "recurring_questions": list(a.recurring_questions) if a else [],
        "materials": list(a.materials) if a else [],
    }
    return data


def _label_statuses(value: Any) -> None:
    """Add ``status_text`` (yes, partly, ... in the active language) next to each status."""
    if isinstance(value, dict):
        if value.get("status") in STATUSES:
            value["status_text"] = status_label(STATUSES[value["status"]])
        for inner in value.values():
            _label_statuses(inner)
    elif isinstance(value, list):
        for inner in value:
            _label_statuses(inner)


def _exclusion_state(confirmed: bool, applies: bool | None) -> str:
    if not confirmed:
        return _("not confirmed yet")
    return _("confirmed: applies") if applies else _("confirmed: does not apply")


# -- the journey map -------------------------------------------------------------------------


def journey_map(report: JourneyReport) -> Data:
    return {"lead": _(leads.JOURNEY_LEAD),
            "journeys": [_journey(j) for j in report.journeys],
            "findings": _findings(report.findings)}


def _journey(journey: JourneyMap) -> Data:
    data = journey_summary(journey)
    data["persona_detail"] = _persona(journey.persona)
    data["stage_list"] = [_stage(n, s) for n, s in enumerate(journey.stages, 1)]
    data["pains"] = [{"rank": p.rank, "description": p.description,
                      "touchpoint": p.touchpoint.name, "stage": p.stage_name,
                      "severity": p.severity, "score": journey_labels.score(p.score),
                      "opportunities": join(p.opportunities) or DASH}
                     for p in journey.pain_points]
    data["opportunities"] = [{"rank": o.rank, "description": o.description,
                              "quadrant": _(o.quadrant.name), "impact": o.impact,
                              "effort": o.effort, "status": journey_labels.status(o.status),
                              "owner": o.owner or DASH} for o in journey.opportunities]
    data["findings"] = _findings(journey.findings)
    return data


def _persona(persona: PersonaView | None) -> Data | None:
    if persona is None:
        return None
    return {"name": persona.name, "description": persona.description,
            "goals": list(persona.goals), "needs": list(persona.needs),
            "pain_points": list(persona.pain_points),
            "decision_process": persona.decision_process,
            "evidence": _("researched") if persona.researched else _("not researched")}


def _stage(number: int, stage: StageView) -> Data:
    return {"number": number, "name": stage.name, "description": stage.description,
            "emotion": journey_labels.emotion(stage.emotion, stage.emotion_to_be),
            "touchpoints": [{
                "name": t.name, "channel": names.channel(t.channel),
                "goal": t.customer_goal or DASH,
                "thoughts": t.thoughts or DASH,
                "emotion": journey_labels.emotion(t.emotion, t.emotion_to_be),
                "barriers": list(t.barriers), "owner": t.owner or DASH,
                "kpis": journey_labels.kpis(t.kpis), "evidence": journey_labels.evidence(t)}
                for t in stage.touchpoints]}


def _findings(findings: tuple[Issue, ...]) -> list[Data]:
    groups = []
    for coverage in COVERAGE_RULES:
        found = [f for f in findings if f.rule == coverage.rule]
        if found:
            groups.append({"title": _(coverage.title), "count": len(found),
                           "entries": [{"location": f.location, "message": f.message}
                                       for f in found]})
    return groups


# -- the review report -----------------------------------------------------------------------


def review(loaded: LoadedPlan, status: ReviewStatus) -> Data:
    rows = []
    for index, (kpi, row) in enumerate(zip(loaded.plan.kpis, status.kpis, strict=True)):
        cells: Data = dict(zip(("kpi", "then", "latest", "change", "target", "status"),
                               kpi_row(status, row), strict=True))
        cells.update(name=kpi.name or _(row.now.spec.name), status_key=row.now.status.value,
                     trend=kpi_trend(loaded, index, kpi, row.now))
        rows.append(cells)
    return {
        "lead": _(leads.REVIEW_LEAD),
        "as_of": format_date(status.as_of) if status.as_of > dt.date.min else DASH,
        "schedule": schedule_text(status), "overdue": status.schedule.overdue_days > 0,
        "kpis": rows,
        "goals": [dict(zip(("goal", "statement", "where", "status"), goal_row(status, g),
                           strict=True)) for g in status.goals],
        "actions": [{"id": a.id, "text": a.text, "owner": a.owner or DASH,
                     "due": a.due.isoformat() if a.due else DASH, "overdue": a.overdue,
                     "review": a.review.isoformat()} for a in status.actions],
        "decisions": [{"date": d.date.isoformat(), "summary": d.summary,
                       "source": d.source.value} for d in active_decisions(status.decisions)],
        "findings": [{"location": i.location, "message": i.message} for i in status.findings],
        "status_names": {s.value: _(n) for s, n in STATUS_NAMES.items()},
    }
