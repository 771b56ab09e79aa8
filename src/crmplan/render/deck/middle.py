"""The deck's middle: the segments (the priority matrix and the task force's ranking),
each journey (its emotion curve, pain points and quick wins) and the problems step 5
finds. Figures come from the plan's analyses, words from the render context."""

from __future__ import annotations

from crmplan.analysis import PlanAnalysis
from crmplan.i18n import _, aside, between, join, labelled
from crmplan.journey.data import JourneyMap
from crmplan.render.deck.spec import Chart, Series, Slide
from crmplan.render.model.journeys import JourneySummary
from crmplan.render.model.top import RenderContext
from crmplan.segment.rules import AXES
from crmplan.segment.views import Ranked

PAINS, QUICK_WINS, PROBLEMS = 3, 3, 6


def matrix(context: RenderContext, analysis: PlanAnalysis) -> Slide | None:
    """The segments by ease of execution and value, as an XY scatter with their names."""
    points = analysis.segments.analysis.matrix.points
    if not points:
        return None
    first = [p.name for p in points if p.quadrant == "attack_first"]
    title = (
        _("Attack first: {names} combine high value with ease of execution").format(
            names=join(first)
        )
        if first
        else _("No segment is both valuable and easy yet: {count} placed by value and ease").format(
            count=len(points)
        )
    )
    ease, value = AXES
    chart = Chart(
        "scatter",
        _("Priority matrix"),
        tuple(p.name for p in points),
        (
            Series(_(ease.label), tuple(p.ease for p in points)),
            Series(_(value.label), tuple(p.value for p in points)),
        ),
        number_format="0.00",
        bounds=(0.0, 1.0),
        axis_titles=(_(ease.label), _(value.label)),
    )
    matrix_context = context.segments.matrix
    notes = tuple(
        labelled(p.name, p.quadrant + between() + f"{p.ease} / {p.value}")
        for p in (matrix_context.placed if matrix_context else ())
    )
    return Slide("matrix", title, step=3, charts=(chart,), notes=notes)


def ranking(context: RenderContext, analysis: PlanAnalysis) -> Slide | None:
    """The task force's ranking: each segment's mean score and the widest spread between
    members on any criterion."""
    a = analysis.segments.analysis
    ranked = [r for r in a.ranking if r.rank is not None and r.score is not None]
    if not ranked:
        return None
    names = {s.id: s.name for s in a.segments}
    leaders = [names[r.segment] for r in ranked if r.rank == 1]
    title = _("The task force ranks {names} first").format(names=join(leaders))
    categories = tuple(names[r.segment] for r in ranked)
    chart = Chart(
        "bar",
        _("Task-force score and spread ({low}–{high})").format(low=a.scale[0], high=a.scale[1]),
        categories,
        (
            Series(_("Mean score"), tuple(r.score for r in ranked)),
            Series(_("Widest spread between members"), tuple(_spread(r) for r in ranked)),
        ),
        number_format="0.0",
        bounds=(0.0, float(a.scale[1])),
    )
    s = context.segments
    notes = (
        s.basis,
        s.sensitivity,
        *(
            labelled(r.name, _("{members} members scored").format(members=r.members))
            for r in s.ranking
        ),
    )
    return Slide("ranking", title, step=3, charts=(chart,), notes=tuple(n for n in notes if n))


def _spread(r: Ranked) -> float | None:
    spreads = [c.spread for c in r.criteria if c.spread is not None]
    return max(spreads) if spreads else None


def journeys(context: RenderContext, analysis: PlanAnalysis) -> list[Slide]:
    """One slide per journey: the emotion curve as-is and to-be by stage, the top pain
    points and the quick wins."""
    return [
        _journey(summary, journey)
        for summary, journey in zip(context.journeys, analysis.journeys.journeys, strict=True)
    ]


def _journey(summary: JourneySummary, journey: JourneyMap) -> Slide:
    pains = [
        _("{pain} (at {touchpoint})").format(pain=p.description, touchpoint=p.touchpoint.name)
        for p in journey.pain_points[:PAINS]
    ]
    wins = [
        labelled(_("Quick win"), o.description)
        for o in journey.opportunities
        if o.quadrant.id == "quick_win"
    ][:QUICK_WINS]
    top = journey.pain_points[0].touchpoint.name if journey.pain_points else None
    title = (
        _("{journey}: fix {touchpoint} first, where it hurts most").format(
            journey=journey.name, touchpoint=top
        )
        if top
        else _("{journey}: how customers feel today and once redesigned").format(
            journey=journey.name
        )
    )
    curve = _curve(journey)
    notes = [
        n
        for n in (
            labelled(_("Persona"), summary.persona) if summary.persona else "",
            labelled(_("Segment"), summary.segment) if summary.segment else "",
        )
        if n
    ]
    notes += [
        labelled(
            p.touchpoint.name,
            p.description + aside(_("severity {severity} of 5").format(severity=p.severity)),
        )
        for p in journey.pain_points
    ]
    return Slide(
        f"journey-{journey.id}",
        title,
        step=4,
        bullets=(*pains, *wins),
        charts=(curve,) if curve else (),
        notes=tuple(notes),
    )


def _curve(journey: JourneyMap) -> Chart | None:
    points = journey.curve()
    if not any(p.emotion is not None or p.emotion_to_be is not None for p in points):
        return None
    groups = tuple((s.name, len(s.touchpoints)) for s in journey.stages if s.touchpoints)
    return Chart(
        "line",
        _("Emotion by stage, −2 to +2"),
        tuple(p.name for p in points),
        (
            Series(_("As-is"), tuple(_num(p.emotion) for p in points)),
            Series(_("To-be"), tuple(_num(p.emotion_to_be) for p in points)),
        ),
        number_format="0",
        bounds=(-2.0, 2.0),
        groups=groups,
    )


def _num(value: int | None) -> float | None:
    return None if value is None else float(value)


def problems(context: RenderContext) -> Slide | None:
    """Step 5: the problems the strategy must solve, most urgent first."""
    found = context.gaps.problems
    if not found:
        return None
    high = sum(1 for p in found if p.priority_key == "high")
    title = _("{count} problems for the strategy to solve, {high} of high priority").format(
        count=len(found), high=high
    )
    bullets = tuple(labelled(p.priority, p.text) for p in found[:PROBLEMS])
    team = context.audience == "team"
    notes = tuple(labelled(p.source, p.text) + (aside(p.location) if team else "") for p in found)
    notes += tuple(
        labelled(
            r.name, _("gap {gap}, {done} of the planned move done").format(gap=r.gap, done=r.done)
        )
        for r in context.gaps.rows
        if r.status_key != "no_data"
    )
    return Slide("problems", title, step=5, bullets=bullets, notes=notes)
