"""The deck's first slides: the cover, the decision, the starting state, the goals and the
KPIs. Every figure is read from the render context or the plan's analyses, never
recomputed."""

from __future__ import annotations

from crmplan.analysis import PlanAnalysis
from crmplan.i18n import _, aside, between, join, labelled
from crmplan.kpi.progress import Progress, TrackStatus, figures
from crmplan.kpi.values import value_text
from crmplan.render.deck.figures import scale
from crmplan.render.deck.spec import Chart, Series, Slide
from crmplan.render.model.assessment import Check, Proof
from crmplan.render.model.top import RenderContext

KPIS_PER_SLIDE = 4
HEADLINE_TRENDS = 3


def cover(context: RenderContext) -> Slide:
    """The client, the engagement, who presents it and when."""
    e = context.engagement
    lines = [
        _("CRM strategy for the steering committee"),
        labelled(_("Consultant"), e.consultant) if e.consultant else "",
        e.firm or "",
        context.date or "",
    ]
    notes = (
        _("Every figure in this deck is the plan's as of {date}.").format(
            date=context.review.as_of
        ),
        labelled(_("Scope"), e.scope) if e.scope else "",
    )
    return Slide(
        "cover",
        context.client.name,
        kind="cover",
        notes=tuple(n for n in notes if n),
        subtitle=tuple(line for line in lines if line),
    )


def decision(context: RenderContext) -> Slide:
    """What to do first, the facts it rests on and the next steps (the assessment)."""
    a = context.assessment
    facts = [labelled(c.label, c.status_text) for c in a.recommendation.reasons[:3]]
    steps = [labelled(_("Next"), s) for s in a.next_steps[:3]]
    return Slide(
        "decision", a.answer.title, bullets=(*facts, *steps), notes=_decision_notes(context)
    )


def _decision_notes(context: RenderContext) -> tuple[str, ...]:
    answer = context.assessment.answer
    notes = (
        [_("Draft: no decision is recorded yet; this is the answer today's facts give.")]
        if answer.draft
        else []
    )
    if answer.decision:
        d = answer.decision
        notes.append(labelled(_("Decision recorded"), d.date_text))
        notes += [d.rationale or "", *d.evidence]
    notes += list(answer.summary)
    notes += _checks(context, context.assessment.recommendation.reasons)
    return tuple(n for n in notes if n)


def _checks(context: RenderContext, checks: tuple[Check, ...]) -> list[str]:
    """Each check with its status, and the plan lines it rests on for the team."""
    return [labelled(c.label, c.status_text) + _where(context, c.evidence) for c in checks]


def _where(context: RenderContext, proofs: tuple[Proof, ...]) -> str:
    if context.audience != "team" or not proofs:
        return ""
    return aside(join(p.location for p in proofs))


def maturity(context: RenderContext) -> Slide:
    """The CRM maturity stage and the six-area journey-management readiness as bars."""
    m, r = context.assessment.maturity, context.assessment.readiness
    title = _("CRM maturity at stage {stage} of 4; journey readiness {score} of 100").format(
        stage=m.stage, score=r.overall
    )
    chart = Chart(
        "bar",
        _("Journey-management readiness (0–100)"),
        tuple(a.name for a in r.areas),
        (Series(_("Readiness"), tuple(float(a.score) for a in r.areas)),),
        number_format="0",
        bounds=(0.0, 100.0),
    )
    stages = [
        _("Stage {number}: {name}").format(number=s.number, name=s.name) + aside(s.status)
        for s in m.stages
    ]
    notes = [c for s in m.stages for c in _checks(context, s.checks)]
    notes += [c for a in r.areas for c in _checks(context, a.checks)]
    return Slide("maturity", title, bullets=tuple(stages), charts=(chart,), notes=tuple(notes))


def goals(context: RenderContext) -> Slide | None:
    """The SMART goals and their check."""
    smart = context.goals.smart
    if not smart:
        return None
    passed = sum(1 for g in smart if g.passed)
    title = _("{passed} of {count} goals pass the SMART check").format(
        passed=passed, count=len(smart)
    )
    bullets = tuple(
        _goal_line(g.label, g.target, g.by, g.passed, [c.letter for c in g.letters if not c.ok])
        for g in smart
    )
    notes = tuple(labelled(g.label, g.statement) for g in smart)
    notes += tuple(
        labelled(g.label, f.message + (aside(f.hint) if f.hint else ""))
        for g in smart
        for f in g.findings
    )
    return Slide("goals", title, step=1, bullets=bullets, notes=notes)


def _goal_line(label: str, target: str, by: str, passed: bool, failed: list[str]) -> str:
    verdict = _("SMART") if passed else _("fails {letters}").format(letters=join(failed))
    return _("{goal}: {target} by {date} — {verdict}").format(
        goal=label, target=target, date=by, verdict=verdict
    )


def kpis(context: RenderContext, analysis: PlanAnalysis) -> list[Slide]:
    """Each KPI's baseline, latest figure and target as bars, four to a slide."""
    report = analysis.baseline
    shown = [
        (row, gap)
        for row, gap in zip(context.baseline.kpis, report.gaps, strict=True)
        if gap.baseline is not None
    ]
    if not shown:
        return []
    title = _("{on_track} of {count} KPIs on track towards their targets").format(
        on_track=report.count(TrackStatus.ON_TRACK), count=len(report.gaps)
    )
    currency = analysis.loaded.plan.client.currency
    pages = [shown[i : i + KPIS_PER_SLIDE] for i in range(0, len(shown), KPIS_PER_SLIDE)]
    return [
        Slide(
            f"kpis-{n}",
            title + (aside(f"{n}/{len(pages)}") if len(pages) > 1 else ""),
            step=2,
            charts=tuple(_kpi_chart(row.name, row.status, gap, currency) for row, gap in page),
            notes=tuple(
                _kpi_note(row.name, row.baseline, row.latest, row.target, row.source)
                for row, gap in page
            ),
        )
        for n, page in enumerate(pages, start=1)
    ]


def _kpi_chart(name: str, status: str, gap: Progress, currency: str) -> Chart:
    values = (
        gap.baseline.value if gap.baseline else None,
        gap.current.value if gap.current else None,
        gap.target,
    )
    unit = scale(gap.spec.unit, currency, values)
    return Chart(
        "column",
        labelled(name, status),
        (_("Baseline"), _("Latest"), _("Target")),
        (Series(name, tuple(unit.of(v) for v in values)),),
        number_format=unit.number_format,
        axis_format=unit.axis_format,
    )


def _kpi_note(name: str, baseline: str, latest: str, target: str, source: str | None) -> str:
    text = _("{name}: baseline {baseline}, latest {latest}, target {target}").format(
        name=name, baseline=baseline, latest=latest, target=target
    )
    return sourced(text, source)


def sourced(text: str, source: str | None) -> str:
    """``text`` and, after the language's separator, where its figure comes from: a source
    in brackets would nest its own (``(… (workbook v3).)``)."""
    return text + (between() + labelled(_("source"), source) if source else "")


def trends(context: RenderContext, analysis: PlanAnalysis) -> list[Slide]:
    """The headline KPIs (those the goals measure first) over time, actual and target."""
    plan = analysis.loaded.plan
    measured = [g.kpi for g in context.goals.smart]
    order = sorted(
        range(len(plan.kpis)),
        key=lambda i: (
            plan.kpis[i].id not in measured,
            measured.index(plan.kpis[i].id) if plan.kpis[i].id in measured else i,
        ),
    )
    team = context.audience == "team"
    slides = [s for i in order if (s := _trend(analysis, i, team)) is not None]
    return slides[:HEADLINE_TRENDS]


def _trend(analysis: PlanAnalysis, index: int, team: bool) -> Slide | None:
    kpi, gap = analysis.loaded.plan.kpis[index], analysis.baseline.gaps[index]
    last = gap.current.date if gap.current else None
    points = [p for p in figures(kpi, index) if last and p.date <= last]
    if len({p.date for p in points}) < 2:
        return None
    currency, unit = analysis.loaded.plan.client.currency, gap.spec.unit
    name = kpi.name or _(gap.spec.name)
    in_unit = scale(unit, currency, [gap.target, *(p.value for p in points)])
    series = [Series(_("Actual"), tuple(in_unit.of(p.value) for p in points))]
    if gap.target is not None:
        target = in_unit.of(gap.target)
        series.append(Series(_("Target"), tuple(target for _p in points)))
    title = _("{name}: from {first} to {last} against a target of {target}").format(
        name=name,
        first=value_text(points[0].value, unit, currency),
        last=value_text(points[-1].value, unit, currency),
        target=value_text(gap.target, unit, currency),
    )
    notes = tuple(
        labelled(
            p.date.isoformat(),
            sourced(
                value_text(p.value, unit, currency)
                + (aside(analysis.loaded.location(p.path)) if team else ""),
                p.source,
            ),
        )
        for p in points
    )
    chart = Chart(
        "line",
        name,
        tuple(p.date.isoformat() for p in points),
        tuple(series),
        number_format=in_unit.number_format,
        axis_format=in_unit.axis_format,
    )
    return Slide(f"trend-{kpi.id}", title, step=2, charts=(chart,), notes=notes)
