"""Steps 1 to 5 of the strategy document, from the baseline, segment and journey analyses
(the types are in :mod:`crmplan.render.model.goals`, ``segments`` and ``journeys``)."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from crmplan import names
from crmplan.baseline.problems import PRIORITY_NAMES
from crmplan.baseline.problems import Problem as BaselineProblem
from crmplan.baseline.report import (
    BaselineReport,
    definition_text,
    gap_row,
    problem_row,
)
from crmplan.baseline.report import summary_text as gap_summary
from crmplan.baseline.smart import LETTER_NAMES, SmartCheck
from crmplan.i18n import N_, _, labelled
from crmplan.journey.data import JourneyMap, JourneyReport
from crmplan.kpi.progress import Progress, figures, method_changes, status_words
from crmplan.kpi.values import share_text, value_text
from crmplan.model.engagement import ObstacleKind
from crmplan.model.kpis import Kpi, Unit
from crmplan.plan.load import LoadedPlan
from crmplan.render import charts
from crmplan.render.environment import MarkdownSafe
from crmplan.render.model.base import Figures, Trend
from crmplan.render.model.goals import (
    Baseline,
    BaselineKpi,
    GapRow,
    Gaps,
    GoalFinding,
    Goals,
    Letter,
    LetterCheck,
    Obstacle,
    Problem,
    SmartGoal,
    Vision,
)
from crmplan.render.model.journeys import JourneySummary, OpportunitySummary, PainSummary
from crmplan.render.model.segments import (
    Criterion,
    Matrix,
    Offer,
    Persona,
    Placed,
    Ranked,
    SegmentRow,
    Segments,
)
from crmplan.render.parts import DASH, todo
from crmplan.render.svg import chart_id
from crmplan.render.xychart import trend_chart
from crmplan.segment import labels as seg_labels
from crmplan.segment.mermaid import quadrant_chart
from crmplan.segment.rules import AXES, QUADRANTS
from crmplan.segment.views import Analysis, SegmentView

OBSTACLE_NAMES = {
    ObstacleKind.NEW_CUSTOMERS: N_("new customers"), ObstacleKind.RETENTION: N_("retention"),
    ObstacleKind.BAD_FIT: N_("bad-fit customers"), ObstacleKind.SERVICE: N_("service"),
    ObstacleKind.DATA: N_("data"), ObstacleKind.OPERATIONS: N_("operations"),
    ObstacleKind.OTHER: N_("other"),
}


# -- step 1 ----------------------------------------------------------------------------------


def goals(loaded: LoadedPlan, report: BaselineReport) -> Goals:
    g = loaded.plan.goals
    vision = g.vision if g else None
    horizons = ((_("In two years"), vision.two_years if vision else None),
                (_("In five years"), vision.five_years if vision else None),
                (_("In ten years"), vision.ten_years if vision else None))
    units = {p.spec.id: p.spec.unit for p in report.gaps}
    names = kpi_names(report)
    return Goals(
        vision=tuple(Vision(label=label, text=text) for label, text in horizons if text),
        vision_todo=None if vision else todo(loaded, "goals.vision"),
        obstacles=tuple(Obstacle(id=o.id, description=o.description,
                                 kind=_(OBSTACLE_NAMES[o.kind]))
                        for o in (g.obstacles if g else [])),
        letters=tuple(Letter(letter=letter.value, name=_(name))
                      for letter, name in LETTER_NAMES.items()),
        smart=tuple(_goal(loaded, check, units, names) for check in report.goals),
    )


def kpi_names(report: BaselineReport) -> dict[str, str]:
    """Each KPI's name in the document's language (its id when it has none), by id."""
    return {g.spec.id: _(g.spec.name) for g in report.gaps}


def _goal(loaded: LoadedPlan, check: SmartCheck, units: dict[str, Unit | None],
          names: dict[str, str]) -> SmartGoal:
    goal = next(g for g in (loaded.plan.goals.smart if loaded.plan.goals else [])
                if g.id == check.goal)
    unit = units.get(check.kpi or "")
    return SmartGoal(
        id=check.goal, statement=check.statement, kpi=check.kpi or DASH,
        kpi_name=names.get(check.kpi or "", check.kpi or DASH),
        label=names.get(check.kpi or "", check.statement),
        target=value_text(check.target, unit, loaded.plan.client.currency),
        by=check.deadline.isoformat() if check.deadline else DASH,
        scope=goal.scope, business_goal=goal.business_goal,
        letters=tuple(LetterCheck(letter=letter.value, ok=ok)
                      for letter, ok in check.passed.items()),
        passed=check.is_smart,
        findings=tuple(GoalFinding(message=f.message, hint=f.hint) for f in check.findings))


# -- step 2 ----------------------------------------------------------------------------------


def baseline(loaded: LoadedPlan, report: BaselineReport) -> Baseline:
    rows = tuple(_kpi(loaded, report, index, kpi, gap) for index, (kpi, gap) in
                 enumerate(zip(report.kpis, report.gaps, strict=True)))
    return Baseline(kpis=rows, summary=gap_summary(report))


def _kpi(loaded: LoadedPlan, report: BaselineReport, index: int, kpi: Kpi, gap: Progress
         ) -> BaselineKpi:
    row = gap_row(report, gap)
    return BaselineKpi(
        id=kpi.id, name=kpi.name or _(gap.spec.name),
        definition=definition_text(kpi.definition) if kpi.definition else None,
        owner=kpi.owner, baseline=row[1], latest=row[2], target=row[3],
        source=kpi.baseline.source if kpi.baseline else None,
        status=status_label(gap), status_key=gap.status.value,
        notes=kpi.notes, trend=kpi_trend(loaded, index, kpi, gap),
        todo=None if kpi.baseline else todo(loaded, f"kpis[{kpi.id}].baseline"))


def status_label(gap: Progress) -> str:
    return status_words(gap)


def kpi_trend(loaded: LoadedPlan, index: int, kpi: Kpi, gap: Progress) -> Trend | None:
    """The KPI's figures up to the day it is judged on, as an SVG line and a Mermaid
    xychart (whose title names the target: it draws one line); None under two figures."""
    last = gap.current.date if gap.current else dt.date.min
    points = [p for p in figures(kpi, index) if p.date <= last]
    if len({p.date for p in points}) < 2:
        return None
    currency, unit = loaded.plan.client.currency, gap.spec.unit
    name = kpi.name or _(gap.spec.name)
    changed = {p.path for p in method_changes(points)}
    series = [charts.TrendPoint(p.date, p.value, _method_marked(
        value_text(p.value, unit, currency), p.path in changed)) for p in points]
    aim = None if gap.target is None else _("target {value}").format(
        value=value_text(gap.target, unit, currency))
    target = charts.TrendPoint(gap.deadline, gap.target, aim) if (
        aim and gap.target is not None and gap.deadline) else None
    description = _("{count} figures from {first} to {last}").format(
        count=len(points), first=points[0].date.isoformat(), last=points[-1].date.isoformat())
    unit_name = _(names.UNIT_NAMES[unit.value]) if unit else ""
    heading = f"{name} · {aim}" if aim else name
    if changed:  # Mermaid draws no marker on a point: the title carries it
        heading += " · " + _("◆ method changed")
    rows = [(p.day.isoformat(), p.label) for p in [*series, *([target] if target else [])]]
    table = Figures(caption=name, headers=(_("Date"), _("value")), numeric=(False, True),
                    rows=tuple(rows))
    return Trend(svg=charts.trend(chart_id("trend", index), name, description, series, target),
                 figures=table,
                 mermaid=MarkdownSafe(trend_chart(heading, unit_name,
                                                  [(p.date, p.value) for p in points],
                                                  gap.target)))


def _method_marked(label: str, changed: bool) -> str:
    """A point's label, marked when its figure was obtained another way than the one
    before it."""
    return _("{value} ◆ method changed").format(value=label) if changed else label


# -- step 3 ----------------------------------------------------------------------------------


def segments(loaded: LoadedPlan, a: Analysis) -> Segments:
    f = seg_labels.Figures(a.currency)
    names = {s.id: s.name for s in a.segments}
    ranked = [r for r in a.ranking if r.rank is not None]
    return Segments(
        rows=tuple(_segment(s, f) for s in a.segments),
        criteria=tuple(Criterion(name=seg_labels.criterion_name(c), weight=f.number(c.weight))
                       for c in a.criteria),
        ranking=tuple(Ranked(rank=seg_labels.rank_label(r), name=names[r.segment],
                             total=seg_labels.total_cell(r, f), max_total=f.score(r.max_total),
                             score=f.score(r.score), members=seg_labels.members_cell(r, a))
                      for r in ranked),
        basis=seg_labels.ranking_basis(a),
        sensitivity=seg_labels.sensitivity_summary(a, by_name=True),
        ranking_todo=None if ranked else todo(loaded, "task_force.scores"),
        matrix=_matrix(a),
        offers=tuple(Offer(segment=s.name, product=o.product, payment=o.payment_terms or DASH,
                           delivery=o.delivery_terms or DASH, service=o.service_terms or DASH)
                     for s in a.segments for o in s.offers),
        personas=tuple(Persona(name=p.name, description=p.description,
                               segment=names.get(p.segment or "", DASH))
                       for p in loaded.plan.personas),
    )


def _segment(s: SegmentView, f: seg_labels.Figures) -> SegmentRow:
    return SegmentRow(
        id=s.id, name=s.name, definition=s.definition,
        existing=seg_labels.yes_no(s.existing_customers), size=f.count(s.size),
        contactable=f.pct(s.contactable_pct), consented=f.pct(s.consented_pct),
        reachable=f.count(s.reachable), revenue_share=f.pct(s.revenue_share_pct),
        annual_revenue=f.money(s.annual_revenue), long_term_value=f.money(s.long_term_value))


def _matrix(a: Analysis) -> Matrix | None:
    if not a.matrix.points:
        return None
    ease, value = AXES
    quadrants = {q.number: _(q.label) for q in QUADRANTS}
    labels = charts.MatrixLabels(_(ease.low), _(ease.high), _(value.low), _(value.high),
                                 (quadrants[1], quadrants[2], quadrants[3], quadrants[4]))
    points = [charts.MatrixPoint(p.name, p.ease, p.value) for p in a.matrix.points]
    title = _("Priority matrix")
    description = _("{count} segments placed by ease of execution and value").format(
        count=len(points))
    return Matrix(
        svg=charts.priority_matrix("matrix", title, description, points, labels),
        mermaid=MarkdownSafe(quadrant_chart(a.matrix, title)),
        figures=Figures(caption=title, headers=(_("segment"), _("quadrant"),
                                                _(ease.label), _(value.label)),
                        numeric=(False, False, True, True),
                        rows=tuple((p.name, seg_labels.quadrant_label(p.quadrant),
                                    f"{p.ease:.2f}", f"{p.value:.2f}")
                                   for p in a.matrix.points)),
        placed=tuple(Placed(name=p.name, quadrant=seg_labels.quadrant_label(p.quadrant),
                            ease=f"{p.ease:.2f}", value=f"{p.value:.2f}")
                     for p in a.matrix.points),
        unplaced=tuple(s.name for s in a.segments if s.id in a.matrix.unplaced))


# -- step 4 ----------------------------------------------------------------------------------


def journey_summary(journey: JourneyMap) -> JourneySummary:
    from crmplan.journey.mermaid import diagram, rows

    return JourneySummary(
        id=journey.id, name=journey.name,
        persona=journey.persona.name if journey.persona else None,
        segment=journey.segment.name if journey.segment else None,
        stages=len(journey.stages), touchpoints=len(journey.touchpoints),
        curve=emotion_curve(journey), curve_figures=curve_figures(journey),
        diagram=MarkdownSafe(diagram(journey)),
        diagram_rows=tuple(MarkdownSafe(row) for row in rows(journey)),
        pains=tuple(PainSummary(rank=p.rank, description=p.description,
                                touchpoint=p.touchpoint.name, stage=p.stage_name,
                                severity=p.severity) for p in journey.pain_points[:5]),
        opportunities=tuple(OpportunitySummary(rank=o.rank, description=o.description,
                                               quadrant=_(o.quadrant.name),
                                               owner=o.owner or DASH)
                            for o in journey.opportunities[:5]))


def emotion_curve(journey: JourneyMap) -> Markup | None:
    stages = [charts.CurveStage(s.name, len(s.touchpoints)) for s in journey.stages]
    points = [charts.CurvePoint(p.name, p.emotion, p.emotion_to_be) for p in journey.curve()]
    if not points:
        return None
    description = _("Emotion from -2 to +2 at {count} touchpoints, today and once "
                    "redesigned").format(count=len(points))
    return charts.emotion_curve(chart_id("curve", journey.id), journey.name, description,
                                stages, points, (_("As-is"), _("To-be")))


def curve_figures(journey: JourneyMap) -> Figures | None:
    """The emotion curve's figures, touchpoint by touchpoint; None with no chart."""
    rows = tuple((s.name, t.name, _signed(t.emotion), _signed(t.emotion_to_be))
                 for s in journey.stages for t in s.touchpoints)
    if not rows:
        return None
    return Figures(caption=journey.name,
                   headers=(_("stage"), _("touchpoint"), _("As-is"), _("To-be")),
                   numeric=(False, False, True, True), rows=rows)


def _signed(emotion: int | None) -> str:
    """An emotion from -2 to +2 as the chart's scale writes it; ``—`` when unknown."""
    if emotion is None:
        return DASH
    return f"{emotion:+d}" if emotion else "0"


# -- step 5 ----------------------------------------------------------------------------------


def gaps(report: BaselineReport, journeys: JourneyReport) -> Gaps:
    names = kpi_names(report)
    targeted = [g for g in report.gaps if g.target is not None]
    bars = [charts.Bar(_(g.spec.name), g.progress_pct, g.status.value,
                       f"{share_text(g.progress_pct)} · {status_label(g)}") for g in targeted]
    description = _("Share of the planned move from baseline to target done, per KPI")
    title = _("Progress towards the targets")
    return Gaps(
        summary=gap_summary(report),
        rows=tuple(_gap(report, g, names[g.spec.id]) for g in report.gaps),
        bars=charts.gap_bars("gap-bars", title, description, bars) if bars else None,
        bars_figures=Figures(caption=title, headers=(_("KPI"), _("done"), _("status")),
                             numeric=(False, True, False),
                             rows=tuple((_(g.spec.name), share_text(g.progress_pct),
                                         status_label(g)) for g in targeted))
        if bars else None,
        problems=tuple(_problem(p, _source(p, names, report, journeys))
                       for p in report.problems),
    )


def _gap(report: BaselineReport, gap: Progress, name: str) -> GapRow:
    kpi, base, latest, target, change, done, needed, pace, status = gap_row(report, gap)
    return GapRow(kpi=kpi, name=name, baseline=base, latest=latest, target=target, gap=change,
                  done=done, needed=needed, pace=pace, status=status,
                  status_key=gap.status.value)


def _source(problem: BaselineProblem, kpis: dict[str, str], report: BaselineReport,
            journeys: JourneyReport) -> str:
    """What a problem was found in, by name: the KPI, the touchpoint, the goal's KPI."""
    if problem.kind == "kpi":
        return _("KPI {name}").format(name=kpis.get(problem.ref, problem.ref))
    if problem.kind == "pain_point":
        points = {t.id: t.name for j in journeys.journeys for t in j.touchpoints}
        return _("touchpoint {name}").format(name=points.get(problem.ref, problem.ref))
    goal = next((c for c in report.goals if c.goal == problem.ref), None)
    named = kpis.get(goal.kpi or "") if goal else None
    if named:
        return _("goal for {name}").format(name=named)
    return labelled(_("goal"), goal.statement if goal else problem.ref)


def _problem(problem: BaselineProblem, source: str) -> Problem:
    priority, _kind, text, location = problem_row(problem)
    return Problem(priority=priority, source=source, ref=problem.ref, text=text,
                   location=location, priority_key=PRIORITY_NAMES[problem.priority])
