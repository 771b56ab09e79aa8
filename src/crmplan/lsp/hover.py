"""Hover: what a KPI, a segment or a touchpoint the cursor stands on is, with the figures
of :class:`~crmplan.analysis.PlanAnalysis` (the ones the reports and documents show)."""

from __future__ import annotations

from dataclasses import dataclass

from crmplan.analysis import PlanAnalysis
from crmplan.i18n import _, format_money, format_number, format_percent
from crmplan.kpi.progress import Figure, Progress, status_words
from crmplan.kpi.values import value_text
from crmplan.lsp.context import cursor_at
from crmplan.lsp.text import Span, Spot, word_at
from crmplan.model.catalogue import catalogue_entry
from crmplan.model.journey import Touchpoint
from crmplan.plan.references import REFERENCES, Ids, ids
from crmplan.plan.source import PlanPath
from crmplan.plan.yamltree import ParsedYaml
from crmplan.quoting import shown

KPIS, SEGMENTS, TOUCHPOINTS = ids("kpis"), ids("segments"), ids("journeys", "J", "touchpoints")


@dataclass(frozen=True)
class Subject:
    """A KPI, segment or touchpoint named at the cursor (``kinds``: which of the three
    lists its id is in); ``journey``: the journey a touchpoint is in."""

    kind: Ids
    ident: str
    journey: int | None


def subject_at(
    text: str, spot: Spot, parsed: ParsedYaml | None = None
) -> tuple[Subject, Span] | None:
    """The KPI, segment or touchpoint whose id the cursor stands on, defined or named;
    ``parsed``: the last version of the text that was YAML (see :func:`cursor_at`)."""
    found = word_at(text, spot)
    if found is None:
        return None
    word, span = found
    path = cursor_at(text, span.end, parsed).path
    journey = (
        path[1] if len(path) > 1 and path[0] == "journeys" and isinstance(path[1], int) else None
    )
    for kind in (KPIS, SEGMENTS, TOUCHPOINTS):
        if _defines(kind, path) or _names(kind, path):
            return Subject(kind, word, journey), span
    return None


def _defines(kind: Ids, path: PlanPath) -> bool:
    pattern = (*kind.pattern, "*", "id")
    return _matches(pattern, path)


def _names(kind: Ids, path: PlanPath) -> bool:
    return any(
        reference.targets == kind and _matches(reference.pattern, path) for reference in REFERENCES
    )


def _matches(pattern: tuple[str | int, ...], path: PlanPath) -> bool:
    return len(pattern) == len(path) and all(
        p == k or (p in ("*", "J") and isinstance(k, int))
        for p, k in zip(pattern, path, strict=True)
    )


def hover_text(analysis: PlanAnalysis, subject: Subject) -> str | None:
    """Markdown about ``subject``, in the active language; None if the plan has no such id."""
    if subject.kind == KPIS:
        progress = next((p for p in analysis.kpis if p.spec.id == subject.ident), None)
        return _kpi_text(analysis, progress) if progress else None
    if subject.kind == SEGMENTS:
        return _segment_text(analysis, subject.ident)
    return _touchpoint_text(analysis, subject)


def _kpi_text(analysis: PlanAnalysis, p: Progress) -> str:
    spec = p.spec
    currency = analysis.loaded.plan.client.currency
    entry = catalogue_entry(spec.id, spec.catalogue)
    lines = [_heading(_(spec.name), spec.id, _("KPI"))]
    if entry is not None:
        lines.append(_(entry.meaning))
    target = (
        _("{value} by {date}").format(
            value=value_text(p.target, spec.unit, currency), date=p.deadline.isoformat()
        )
        if p.deadline
        else value_text(p.target, spec.unit, currency)
    )
    lines.append(
        _("baseline {baseline} → latest {latest} → target {target}").format(
            baseline=_figure(p.baseline, spec, currency),
            latest=_figure(p.current if p.current is not p.baseline else None, spec, currency),
            target=target,
        )
    )
    lines.append(_("status: {status}").format(status=status_words(p)))
    return "\n\n".join(lines)


def _figure(figure: Figure | None, spec: object, currency: str) -> str:
    if figure is None:
        return "—"
    unit = getattr(spec, "unit", None)
    return _("{value} ({date})").format(
        value=value_text(figure.value, unit, currency), date=figure.date.isoformat()
    )


def _segment_text(analysis: PlanAnalysis, ident: str) -> str | None:
    report = analysis.segments.analysis
    view = next((s for s in report.segments if s.id == ident), None)
    if view is None:
        return None
    lines = [_heading(view.name, view.id, _("segment"))]
    lines.append(
        _("size: {size}").format(
            size=_("{count} customers").format(count=format_number(view.size, digits=0))
            if view.size is not None
            else "—"
        )
    )
    value = [
        _("{amount} a year").format(amount=format_money(view.annual_revenue, report.currency))
        if view.annual_revenue is not None
        else "",
        _("{share} of revenue").format(share=format_percent(view.revenue_share_pct))
        if view.revenue_share_pct is not None
        else "",
    ]
    lines.append(_("value: {value}").format(value=" · ".join(v for v in value if v) or "—"))
    ranked = next((r for r in report.ranking if r.segment == ident), None)
    if ranked is not None and ranked.rank is not None:
        lines.append(
            _("task-force rank: {rank} of {count}").format(
                rank=ranked.rank, count=len(report.ranking)
            )
        )
    else:
        lines.append(_("task-force rank: not scored yet"))
    return "\n\n".join(lines)


def _touchpoint_text(analysis: PlanAnalysis, subject: Subject) -> str | None:
    journeys = analysis.loaded.plan.journeys
    chosen = (
        [journeys[subject.journey]]
        if subject.journey is not None and subject.journey < len(journeys)
        else []
    ) + list(journeys)
    point: Touchpoint | None = next(
        (t for j in chosen for t in j.touchpoints if t.id == subject.ident), None
    )
    if point is None:
        return None
    lines = [
        _heading(point.name, point.id, _("touchpoint")),
        _("owner: {owner}").format(owner=point.owner or "—"),
        _("emotion: {as_is} as is → {to_be} to be").format(
            as_is=_emotion(point.emotion), to_be=_emotion(point.emotion_to_be)
        ),
        _("KPIs: {kpis}").format(kpis=", ".join(map(shown, point.kpis)) or "—"),
    ]
    return "\n\n".join(lines)


def _heading(name: str, ident: str, what: str) -> str:
    """``**Cart abandonment rate** `cart_abandonment_rate` · KPI``: the name, the id, the
    kind (translated by the caller)."""
    return f"**{name}** `{ident}` · {what}"


def _emotion(value: int | None) -> str:
    return "—" if value is None else f"{value:+d}" if value else "0"
