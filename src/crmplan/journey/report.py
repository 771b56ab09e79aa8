"""The journey map as plain data (the stable JSON fields) and as Markdown."""

from __future__ import annotations

from collections import Counter
from typing import Any

from crmplan import names
from crmplan.findings import Issue
from crmplan.i18n import _, aside, colon, join, labelled
from crmplan.journey import labels
from crmplan.journey.data import (
    JourneyMap,
    JourneyReport,
    KpiLink,
    OpportunityView,
    PainPointView,
    PersonaView,
    StageView,
    TouchpointView,
)
from crmplan.journey.mermaid import rows as diagram_rows
from crmplan.journey.rules import COVERAGE_RULES
from crmplan.markdown import cell, table

SCHEMA = "crmplan.journey/1"


def to_data(report: JourneyReport) -> dict[str, Any]:
    """The report with stable field names (documented in docs/journey.md)."""
    findings = report.all_findings
    return {
        "schema": SCHEMA,
        "plan": report.plan,
        "journey": report.selected,
        "journeys": [_journey(j) for j in report.journeys],
        "personas": [_persona(p) for p in report.personas],
        "findings": [_finding(f, None) for f in report.findings],
        "summary": {
            "journeys": len(report.journeys),
            "touchpoints": sum(len(j.touchpoints) for j in report.journeys),
            "findings": len(findings),
            "findings_by_rule": dict(Counter(f.rule.name for f in findings)),
        },
    }


def _journey(journey: JourneyMap) -> dict[str, Any]:
    return {
        "id": journey.id, "name": journey.name, "location": journey.location,
        "persona": journey.persona.id if journey.persona else None,
        "segment": {"id": journey.segment.id, "name": journey.segment.name}
        if journey.segment else None,
        "stages": [_stage(s) for s in journey.stages],
        "pain_points": [_pain(p) for p in journey.pain_points],
        "opportunities": [_opportunity(o) for o in journey.opportunities],
        "findings": [_finding(f, journey.id) for f in journey.findings],
    }


def _stage(stage: StageView) -> dict[str, Any]:
    return {"id": stage.id, "name": stage.name, "description": stage.description,
            "default": stage.default, "location": stage.location,
            "emotion": stage.emotion, "emotion_to_be": stage.emotion_to_be,
            "touchpoints": [_touchpoint(t) for t in stage.touchpoints]}


def _touchpoint(t: TouchpointView) -> dict[str, Any]:
    return {"id": t.id, "name": t.name, "stage": t.stage, "channel": t.channel,
            "customer_goal": t.customer_goal, "thoughts": t.thoughts,
            "emotion": t.emotion, "emotion_to_be": t.emotion_to_be,
            "barriers": list(t.barriers), "owner": t.owner,
            "kpis": [_kpi(k) for k in t.kpis],
            "evidence": t.evidence, "researched": t.researched,
            "evidence_note": t.evidence_note, "pain_points": list(t.pain_points),
            "opportunities": list(t.opportunities), "location": t.location}


def _kpi(link: KpiLink) -> dict[str, Any]:
    remaining = None if link.remaining_pct is None else round(link.remaining_pct, 1)
    return {"id": link.id, "name": link.name, "status": link.status.value,
            "remaining_pct": remaining, "points": link.points}


def _pain(p: PainPointView) -> dict[str, Any]:
    return {"rank": p.rank, "id": p.id, "description": p.description,
            "severity": p.severity, "evidence": p.evidence, "touchpoint": p.touchpoint.id,
            "stage": p.touchpoint.stage,
            "score": {"total": p.score.total, "severity": p.score.severity,
                      "emotion": p.score.emotion, "barriers": p.score.barriers,
                      "kpi": p.score.kpi},
            "opportunities": list(p.opportunities), "location": p.location}


def _opportunity(o: OpportunityView) -> dict[str, Any]:
    return {"rank": o.rank, "id": o.id, "description": o.description,
            "touchpoint": o.touchpoint, "pain_point": o.pain_point, "impact": o.impact,
            "effort": o.effort, "quadrant": o.quadrant.id, "status": o.status, "open": o.open,
            "owner": o.owner, "location": o.location}


def _persona(p: PersonaView) -> dict[str, Any]:
    return {"id": p.id, "name": p.name, "description": p.description, "segment": p.segment,
            "goals": list(p.goals), "needs": list(p.needs), "pain_points": list(p.pain_points),
            "decision_process": p.decision_process, "channels": list(p.channels),
            "evidence": list(p.evidence), "researched": p.researched,
            "journeys": list(p.journeys), "location": p.location}


def _finding(f: Issue, journey: str | None) -> dict[str, Any]:
    return {"rule": f.rule.name, "code": f.code, "journey": journey, "subject": f.subject,
            "message": f.message, "location": f.location}


# -- Markdown -----------------------------------------------------------------------------


def to_markdown(report: JourneyReport) -> str:
    """The journey map as GitHub-flavoured Markdown, with Mermaid diagrams of each journey."""
    lines = ["# " + labelled(_("Customer journeys"), cell(report.plan))]
    if not report.journeys:
        lines += ["", cell(_("No journey is mapped yet."))]
    for journey in report.journeys:
        lines += _journey_md(journey)
    lines += _findings_md("## " + _("Plan-wide coverage gaps"), report.findings)
    return "\n".join(lines).rstrip() + "\n"


def _journey_md(journey: JourneyMap) -> list[str]:
    lines = ["", "## " + labelled(_("Journey"), f"{cell(journey.name)} (`{journey.id}`)"), ""]
    if journey.segment:
        lines.append("- " + _("segment: {name}").format(name=cell(journey.segment.name)))
    for row in diagram_rows(journey):  # diagrams as wide as GitHub's page, one after another
        lines += ["", "```mermaid", row.rstrip("\n"), "```"]
    lines += _persona_md(journey.persona)
    for number, stage in enumerate(journey.stages, 1):
        lines += _stage_md(number, stage)
    lines += _pains_md(journey.pain_points) + _opportunities_md(journey.opportunities)
    return lines + _findings_md("### " + _("Coverage gaps"), journey.findings)


def _persona_md(persona: PersonaView | None) -> list[str]:
    if persona is None:
        return []
    kind = _("researched") if persona.researched else _("not researched")
    lines = ["", "### " + labelled(_("Persona"), cell(persona.name)), "",
             "- " + _("evidence: {sources} ({kind})").format(
                 sources=join(names.evidence(e) for e in persona.evidence) or _("not stated"),
                 kind=kind)]
    for title, items in ((_("goals"), persona.goals), (_("needs"), persona.needs),
                         (_("pain points"), persona.pain_points)):
        heading = f"- {title}{colon().rstrip()}"
        lines += [heading, *[f"  - {cell(item)}" for item in items]] if items else []
    if persona.decision_process:
        lines.append("- " + _("decision process: {text}").format(
            text=cell(persona.decision_process)))
    return lines


def _stage_md(number: int, stage: StageView) -> list[str]:
    title = f"### {number}. {cell(stage.name)} — " + _("emotion {emotion}").format(
        emotion=labels.emotion(stage.emotion, stage.emotion_to_be))
    if not stage.touchpoints:
        return ["", title, "", cell(_("No touchpoint in this stage."))]
    header = [_("touchpoint"), _("channel"), _("customer goal"), _("thoughts"), _("emotion"),
              _("barriers"), _("owner"), _("KPIs"), _("evidence")]
    rows = [[t.name, names.channel(t.channel), t.customer_goal or "", t.thoughts or "",
             labels.emotion(t.emotion, t.emotion_to_be), _("; ").join(t.barriers),
             t.owner or "—", labels.kpis(t.kpis), labels.evidence(t)] for t in stage.touchpoints]
    return ["", title, "", *table(header, rows)]


def _pains_md(pains: tuple[PainPointView, ...]) -> list[str]:
    if not pains:
        return []
    rows = [[str(p.rank), p.description, p.touchpoint.name + aside(p.stage_name),
             str(p.severity), labels.score(p.score), join(p.opportunities) or "—"]
            for p in pains]
    return ["", "### " + _("Pain points, most urgent first"), "", *table(
        ["#", _("pain point"), _("touchpoint"), _("severity"), _("score"),
         _("opportunities")], rows)]


def _opportunities_md(opportunities: tuple[OpportunityView, ...]) -> list[str]:
    if not opportunities:
        return []
    rows = [[str(o.rank), o.description, _(o.quadrant.name), str(o.impact), str(o.effort),
             labels.status(o.status), o.owner or "—"] for o in opportunities]
    return ["", "### " + _("Opportunities, quick wins first"), "", *table(
        ["#", _("opportunity"), _("impact/effort"), _("impact"), _("effort"), _("status"),
         _("owner")], rows)]


def _findings_md(title: str, findings: tuple[Issue, ...]) -> list[str]:
    if not findings:
        return []
    lines = ["", title]
    for coverage in COVERAGE_RULES:
        found = [f for f in findings if f.rule == coverage.rule]
        if found:
            lines += ["", f"**{_(coverage.title)}** ({len(found)}) `{coverage.rule.code}`", ""]
            lines += [f"- {cell(f.location)}: {cell(f.message)}" for f in found]
    return lines
