"""The journey map as terminal lines: ``(text, style)`` pairs that ``crmplan.output`` prints.

Pure: nothing here prints. Plan text is kept as plain text (the output module
never reads it as markup). The emotion curve uses plain characters and fits a
narrow terminal: a name column of :data:`NAME_CELLS` cells (wide Korean and
Chinese characters count two), then the scale from -2 to +2.
"""

from __future__ import annotations

import unicodedata

from crmplan import names
from crmplan.findings import Issue
from crmplan.i18n import _, aside, between, colon, join, ngettext
from crmplan.journey import labels
from crmplan.journey.data import (
    JourneyMap,
    JourneyReport,
    OpportunityView,
    PainPointView,
    PersonaView,
    StageView,
    TouchpointView,
)
from crmplan.journey.rules import COVERAGE_RULES

Line = tuple[str, str | None]
NAME_CELLS = 26
STEP = 4  # columns between two points of the scale
SCALE = "-2  -1   0  +1  +2"  # each mark sits under the second character of its label
AS_IS, TO_BE, BOTH, GRID, LINK = "o", "*", "@", ".", "-"


def report_lines(report: JourneyReport) -> list[Line]:
    """Every journey, then the plan-wide gaps and a summary line."""
    lines: list[Line] = []
    if not report.journeys:
        lines.append((_("No journey is mapped yet."), "yellow"))
    for number, journey in enumerate(report.journeys):
        lines += [("", None)] if number else []  # a blank line between journeys
        lines += journey_lines(journey)
    if report.findings:
        lines += [("", None), (_("Plan-wide coverage gaps"), "bold")]
        lines += findings_lines(report.findings)
    return [*lines, ("", None), summary(report)]


def summary(report: JourneyReport) -> Line:
    """``2 journeys, 22 touchpoints, 3 coverage gaps``."""
    count = len(report.all_findings)
    touchpoints = sum(len(j.touchpoints) for j in report.journeys)
    text = _("{journeys}, {touchpoints}, {gaps}").format(
        journeys=ngettext("{n} journey", "{n} journeys", len(report.journeys)).format(
            n=len(report.journeys)),
        touchpoints=ngettext("{n} touchpoint", "{n} touchpoints", touchpoints).format(
            n=touchpoints),
        gaps=ngettext("{n} coverage gap", "{n} coverage gaps", count).format(n=count))
    return (text, "yellow" if count else "green")


def journey_lines(journey: JourneyMap) -> list[Line]:
    """One journey: who it is for, the map stage by stage, the curve, rankings, gaps."""
    lines: list[Line] = [(_("Journey map: {name} ({id})").format(
        name=journey.name, id=journey.id), "bold")]
    if journey.segment:
        lines.append(("  " + _("segment: {name}").format(name=journey.segment.name), None))
    lines += persona_lines(journey.persona)
    for number, stage in enumerate(journey.stages, 1):
        lines += stage_lines(number, len(journey.stages), stage)
    lines += curve_lines(journey) + pain_lines(journey.pain_points)
    lines += opportunity_lines(journey.opportunities)
    lines += [("", None), (_("Coverage gaps"), "bold")]
    return lines + (findings_lines(journey.findings) or [("  " + _("none"), "green")])


def persona_lines(persona: PersonaView | None) -> list[Line]:
    if persona is None:
        return [("  " + _("persona: none named"), "yellow")]
    kind = _("researched") if persona.researched else _("not researched")
    lines: list[Line] = [("  " + _("persona: {name} ({id})").format(
        name=persona.name, id=persona.id), None), ("    " + _("evidence: {sources} ({kind})")
        .format(sources=join(names.evidence(e) for e in persona.evidence) or _("not stated"),
                kind=kind),
        None if persona.researched else "yellow")]
    for title, items in ((_("goals"), persona.goals), (_("needs"), persona.needs),
                         (_("pain points"), persona.pain_points)):
        heading = "    " + title + colon().rstrip()
        lines += [(heading, None), *[(f"      - {item}", None) for item in items]
                  ] if items else []
    if persona.decision_process:
        lines.append(("    " + _("decision process: {text}").format(
            text=persona.decision_process), None))
    return lines


def stage_lines(number: int, total: int, stage: StageView) -> list[Line]:
    count = ngettext("{n} touchpoint", "{n} touchpoints", len(stage.touchpoints)).format(
        n=len(stage.touchpoints))
    lines: list[Line] = [("", None), (_("Stage {number} of {total}: {name} ({id}), {count}, "
                                        "emotion {emotion}").format(
        number=number, total=total, name=stage.name, id=stage.id, count=count,
        emotion=labels.emotion(stage.emotion, stage.emotion_to_be)), "bold")]
    if stage.description:
        lines.append(("  " + stage.description, "dim"))
    if not stage.touchpoints:
        lines.append(("  " + _("no touchpoint in this stage"), "yellow"))
    for touchpoint in stage.touchpoints:
        lines += touchpoint_lines(touchpoint)
    return lines


def touchpoint_lines(t: TouchpointView) -> list[Line]:
    emotion = _("emotion {emotion}").format(emotion=labels.emotion(t.emotion, t.emotion_to_be))
    facts = [t.name + aside(t.id), names.channel(t.channel), emotion]
    lines: list[Line] = [("  • " + between().join(facts), None)]
    if t.customer_goal:
        lines.append(("      " + _("goal: {text}").format(text=t.customer_goal), None))
    if t.thoughts:
        lines.append(("      " + _("thinks: {text}").format(text=t.thoughts), None))
    if t.barriers:
        lines.append(("      " + _("barriers: {items}").format(items=_("; ").join(t.barriers)),
                      None))
    owner = t.owner or _("none")
    lines.append(("      " + _("owner: {owner} · KPIs: {kpis} · evidence: {evidence}").format(
        owner=owner, kpis=labels.kpis(t.kpis), evidence=labels.evidence(t)),
        None if t.owner and t.kpis and t.researched else "yellow"))
    return lines


# -- the emotion curve --------------------------------------------------------------------


def cells(text: str) -> int:
    """Terminal cells ``text`` takes: wide (Korean, Chinese, emoji) 2, combining 0."""
    return sum(_cell(c) for c in text)


def _cell(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def fit(text: str, width: int) -> str:
    """``text`` cut with "…" and padded with spaces to exactly ``width`` cells."""
    used = cells(text)
    if used > width:
        kept, used = [], 1  # the "…"
        for char in text:
            if used + _cell(char) > width:
                break
            kept.append(char)
            used += _cell(char)
        text = "".join(kept) + "…"
    return text + " " * (width - used)


def scale(today: int | None, to_be: int | None) -> str:
    """The marks of one touchpoint on the scale from -2 to +2."""
    row = [" "] * len(SCALE)
    for point in range(-2, 3):
        row[_column(point)] = GRID
    if today is not None and to_be is not None:
        low, high = sorted((_column(today), _column(to_be)))
        row[low + 1:high] = LINK * (high - low - 1)
    if today is not None and today == to_be:
        row[_column(today)] = BOTH
        return "".join(row)
    for value, mark in ((today, AS_IS), (to_be, TO_BE)):
        if value is not None:
            row[_column(value)] = mark
    return "".join(row)


def _column(emotion: int) -> int:
    return (emotion + 2) * STEP + 1


def curve_lines(journey: JourneyMap) -> list[Line]:
    """The as-is and to-be curve, stage by stage, one row per touchpoint."""
    lines: list[Line] = [("", None), (_("Emotion curve"), "bold"), (
        "  " + _("o as-is, * to-be, @ both; -2 very negative to +2 very positive"), "dim"),
        ("    " + " " * NAME_CELLS + "  " + SCALE, "dim")]
    for stage in journey.stages:
        lines.append((f"  {stage.name}", "bold"))
        lines += [(f"    {fit(t.name, NAME_CELLS)}  {scale(t.emotion, t.emotion_to_be)}  "
                   f"{labels.emotion(t.emotion, t.emotion_to_be)}", None)
                  for t in stage.touchpoints]
    return lines


# -- rankings and gaps --------------------------------------------------------------------


def pain_lines(pains: tuple[PainPointView, ...]) -> list[Line]:
    if not pains:
        return []
    lines: list[Line] = [("", None), (_("Pain points, most urgent first"), "bold")]
    for p in pains:
        lines += [(f"  {p.rank}. {p.id}  " + _("score {score}").format(
            score=labels.score(p.score)), None),
            ("     " + _("at {touchpoint} ({id}), {stage}; severity {severity}").format(
                touchpoint=p.touchpoint.name, id=p.touchpoint.id, stage=p.stage_name,
                severity=p.severity), "dim"),
            (f"     {p.description}", None)]
        if p.opportunities:
            lines.append(("     " + _("opportunities: {ids}").format(
                ids=join(p.opportunities)), "dim"))
    return lines


def opportunity_lines(opportunities: tuple[OpportunityView, ...]) -> list[Line]:
    if not opportunities:
        return []
    lines: list[Line] = [("", None), (_("Opportunities, quick wins first"), "bold")]
    for o in opportunities:
        lines += [(f"  {o.rank}. {o.id}  " + _(
            "{quadrant} · impact {impact}, effort {effort} · {status} · owner: {owner}").format(
            quadrant=_(o.quadrant.name), impact=o.impact, effort=o.effort,
            status=labels.status(o.status), owner=o.owner or _("none")),
            None if o.open else "dim"), (f"     {o.description}", None if o.open else "dim")]
    return lines


def findings_lines(findings: tuple[Issue, ...]) -> list[Line]:
    """The gaps grouped by rule, in the rules' order, each with its plan line and its
    rule's code at the end, as mypy shows codes."""
    lines: list[Line] = []
    for coverage in COVERAGE_RULES:
        found = [f for f in findings if f.rule == coverage.rule]
        if found:
            lines.append(("  " + _(coverage.title) + aside(str(len(found))), "yellow"))
            lines += [(f"    {f.location}  {f.message}  [{f.code}]", None) for f in found]
    return lines
