"""A segment report as plain data (the stable JSON fields) and as Markdown.

JSON carries raw numbers: the plan's figures as written, computed figures
(means, totals, coordinates) rounded to :data:`DIGITS` decimals. Field names
are documented in docs/segment.md and change only with the schema name.
"""

from __future__ import annotations

from typing import Any

from crmplan.findings import Severity, severity_label
from crmplan.i18n import _, join, labelled
from crmplan.markdown import cell, code, table
from crmplan.segment import checks, labels
from crmplan.segment.mermaid import quadrant_chart
from crmplan.segment.rules import AXES, QUADRANTS
from crmplan.segment.views import (
    CampaignView,
    OfferView,
    Ranked,
    ResultView,
    SegmentReport,
    SegmentView,
)

SCHEMA = "crmplan.segment/1"
DIGITS = 4


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, DIGITS)


def to_data(report: SegmentReport) -> dict[str, Any]:
    """The report with stable field names."""
    a = report.analysis
    targeted = {s.id for s in checks.targeted(a)}
    return {
        "schema": SCHEMA,
        "plan": a.plan,
        "client": a.client,
        "currency": a.currency,
        "segments": [_segment(s, s.id in targeted) for s in a.segments],
        "task_force": {
            "scale": {"min": a.scale[0], "max": a.scale[1]},
            "criteria": [{"id": c.id, "name": labels.criterion_name(c), "weight": c.weight,
                          "default": c.default,
                          "axis": c.axis} for c in a.criteria],
            "members": [{"id": ident, "name": name} for ident, name in a.members],
            "sheets": a.sheets,
            "disagreement_spread": a.disagreement_spread,
        },
        "ranking": [_ranked(r) for r in a.ranking],
        "missing_scores": [{"member": m.member, "segment": m.segment,
                            "criteria": list(m.criteria), "whole_sheet": m.whole_sheet}
                           for m in a.missing],
        "sensitivity": _sensitivity(report),
        "matrix": _matrix(report),
        "campaigns": [_campaign(c) for c in a.campaigns],
        "findings": [{"rule": f.rule.name, "code": f.code, "level": f.severity.value,
                      "message": f.message, "hint": f.hint, "location": f.location,
                      "path": f.path, "segment": f.subject or None} for f in report.findings],
        "counts": {"errors": report.count(Severity.ERROR),
                   "warnings": report.count(Severity.WARNING),
                   "notes": report.count(Severity.NOTE)},
    }


def _segment(s: SegmentView, targeted: bool) -> dict[str, Any]:
    return {
        "id": s.id, "name": s.name, "definition": s.definition,
        "existing_customers": s.existing_customers, "size": s.size,
        "contactable_pct": s.contactable_pct, "consented_pct": s.consented_pct,
        "reachable": s.reachable, "reach": s.reach.value, "targetable": s.targetable,
        "revenue_share_pct": s.revenue_share_pct, "annual_revenue": s.annual_revenue,
        "long_term_value": s.long_term_value, "total_long_term_value": s.total_long_term_value,
        "value_note": s.value_note, "targeted": targeted,
        "offers": [_offer(o) for o in s.offers], "campaigns": list(s.campaigns),
        "location": s.location, "purchase_timing": s.purchase_timing,
        "programme": None if s.programme is None else {
            "cost": s.programme.cost, "reachable": s.programme.reachable,
            "value_per_customer": s.programme.value_per_customer,
            "reachable_value": _round(s.programme.reachable_value),
            "break_even": s.programme.break_even, "pays": s.programme.pays},
    }


def _offer(o: OfferView) -> dict[str, Any]:
    return {"id": o.id, "product": o.product, "payment_terms": o.payment_terms,
            "delivery_terms": o.delivery_terms, "service_terms": o.service_terms,
            "complete": not o.missing, "missing": list(o.missing), "location": o.location}


def _ranked(r: Ranked) -> dict[str, Any]:
    return {
        "segment": r.segment, "rank": r.rank, "tied": r.tied, "total": _round(r.total),
        "max_total": _round(r.max_total), "score": _round(r.score), "members": r.members,
        "complete": r.complete,
        "criteria": [{"id": c.criterion, "mean": _round(c.mean), "low": c.low, "high": c.high,
                      "spread": c.spread,
                      "scores": [{"member": m, "score": s} for m, s in c.scores]}
                     for c in r.criteria],
    }


def _sensitivity(report: SegmentReport) -> dict[str, Any]:
    s = report.analysis.sensitivity
    return {"step_pct": s.step_pct, "leaders": list(s.leaders), "stable": s.stable,
            "checks": [{"criterion": c.criterion, "change_pct": c.change_pct,
                        "weight": _round(c.weight), "leaders": list(c.leaders),
                        "changed": c.changed} for c in s.checks]}


def _matrix(report: SegmentReport) -> dict[str, Any]:
    m = report.analysis.matrix
    return {
        "x": AXES[0].id, "y": AXES[1].id,
        "axes": [{"id": a.id, "label": _(a.label), "criteria": list(a.criteria),
                  "figures": list(a.figures)} for a in AXES],
        "quadrants": [{"id": q.id, "number": q.number, "label": _(q.label), "easy": q.easy,
                       "valuable": q.valuable} for q in QUADRANTS],
        "points": [{"segment": p.segment, "name": p.name, "ease": _round(p.ease),
                    "value": _round(p.value), "quadrant": p.quadrant,
                    "parts": {name: _round(v) for name, v in p.parts}} for p in m.points],
        "unplaced": list(m.unplaced),
    }


def _campaign(c: CampaignView) -> dict[str, Any]:
    return {
        "id": c.id, "name": c.name, "segment": c.segment, "offer": c.offer, "test": c.test,
        "start": _date(c.start), "end": _date(c.end), "cost": c.cost,
        "expected_return": c.expected_return, "net": c.net, "covers_cost": c.covers_cost,
        "measurement": {
            "metric": c.metric, "revenue_metric": c.revenue_metric, "method": c.method,
            "comparison_group": c.comparison_group, "start": c.measure_start.isoformat(),
            "end": c.measure_end.isoformat(), "revenue_conversion": c.revenue_conversion,
            "value_per_unit": c.value_per_unit},
        "planned_covers_cost": c.planned_covers_cost,
        "results": [result_data(r) for r in c.results],
        "location": c.location,
        "simulation": None if c.simulated is None else {
            "audience": c.simulated.audience, "responses": _round(c.simulated.responses),
            "conversions": _round(c.simulated.conversions),
            "value_per_conversion": c.simulated.value_per_conversion,
            "revenue": _round(c.simulated.revenue), "covers_cost": c.simulated.covers_cost},
    }


def result_data(r: ResultView) -> dict[str, Any]:
    """A campaign result as plain data: the segment and review reports share it."""
    lift = r.lift
    return {"date": r.date.isoformat(), "revenue": r.revenue, "cost": r.cost,
            "covered": r.covered, "roi_pct": _round(r.roi_pct), "uplift": _round(r.uplift),
            "treated": r.treated, "comparison": r.comparison,
            "lift": None if lift is None else {
                "treated_size": lift.treated_size, "comparison_size": lift.comparison_size,
                "points": _round(lift.points), "low": _round(lift.low),
                "high": _round(lift.high), "p_value": _round(lift.p_value),
                "significant": lift.significant},
            "responses": r.responses, "conversions": r.conversions, "decision": r.decision}


def _date(day: Any) -> str | None:
    return None if day is None else str(day.isoformat())


# -- Markdown -----------------------------------------------------------------------------


def to_markdown(report: SegmentReport) -> str:
    """The segment priority report as GitHub-flavoured Markdown, with the matrix chart."""
    a = report.analysis
    figures = labels.Figures(a.currency)
    lines = ["# " + labelled(_("Segments"), cell(a.client)), "", code(a.plan)]
    for part in (_segments_md, _ranking_md, _sensitivity_md, _offers_md, _campaigns_md,
                 _matrix_md, _findings_md):
        lines += ["", *part(report, figures)]
    return "\n".join(lines).rstrip() + "\n"


def _segments_md(report: SegmentReport, f: labels.Figures) -> list[str]:
    a = report.analysis
    rows = [[f"{s.name} ({s.id})", f.count(s.size), f.pct(s.contactable_pct),
             f.count(s.reachable), f.pct(s.consented_pct), f.pct(s.revenue_share_pct),
             f.money(s.annual_revenue), f.money(s.long_term_value),
             f.money(s.total_long_term_value), labels.reach_label(s)] for s in a.segments]
    head = [_("segment"), _("customers"), _("contactable"), _("reachable"), _("consented"),
            _("revenue share"), _("annual revenue"), _("value per customer"),
            _("segment long-term value"), _("targetable")]
    definitions = [f"- **{cell(s.id)}**: {cell(s.definition)}" for s in a.segments]
    timing = [f"- **{cell(s.id)}**: " + cell(_("buys {timing}").format(timing=s.purchase_timing))
              for s in a.segments if s.purchase_timing]
    programmes = [f"- **{cell(s.id)}**: {cell(labels.programme_text(s.programme, f))}"
                  for s in a.segments if s.programme]
    return ["## " + _("Reach and value"), "", *table(head, rows), "", *definitions,
            *(["", *timing] if timing else []), *(["", *programmes] if programmes else [])]


def _ranking_md(report: SegmentReport, f: labels.Figures) -> list[str]:
    a = report.analysis
    names = {s.id: s.name for s in a.segments}
    lines = ["## " + _("Task-force ranking"), "", cell(labels.ranking_basis(a)), ""]
    head = [_("rank"), _("segment"), _("total"), _("out of"), _("mean score"), _("members")]
    head += [f"{labels.criterion_name(c)} ×{f.number(c.weight)}" for c in a.criteria]
    rows = [[labels.rank_label(r), f"{names[r.segment]} ({r.segment})", labels.total_cell(r, f),
             f.score(r.max_total), f.score(r.score), labels.members_cell(r, a)]
            + [labels.score_cell(s, f) for s in r.criteria] for r in a.ranking]
    legend = labels.incomplete_legend(a)
    return lines + table(head, rows) + (["", cell(legend)] if legend else []) + _missing_md(
        report)


def _missing_md(report: SegmentReport) -> list[str]:
    missing = report.analysis.missing
    if not missing or not report.analysis.sheets:
        return []
    rows = [[m.member, m.segment, _("whole sheet") if m.whole_sheet else join(m.criteria)]
            for m in missing]
    return ["", "### " + _("Missing scores"), "",
            *table([_("member"), _("segment"), _("missing")], rows)]


def _sensitivity_md(report: SegmentReport, f: labels.Figures) -> list[str]:
    s = report.analysis.sensitivity
    lines = ["## " + _("Sensitivity of the top"), "", labels.sensitivity_summary(report.analysis)]
    changed = [[c.criterion, f"{c.change_pct:+d}%", f.number(c.weight), join(c.leaders)]
               for c in s.checks if c.changed]
    if changed:
        lines += ["", *table([_("criterion"), _("weight change"), _("new weight"),
                                  _("top after the change")], changed)]
    return lines


def _offers_md(report: SegmentReport, f: labels.Figures) -> list[str]:
    rows = [[s.id, o.id, *[value for _label, value in labels.offer_terms(o)]]
            for s in checks.targeted(report.analysis) for o in s.offers]
    head = [_("segment"), _("offer"), _("product"), _("payment terms"), _("delivery terms"),
            _("service terms")]
    body = table(head, rows) if rows else [_("No targeted segment has an offer yet.")]
    return ["## " + _("Offers of the targeted segments"), "", *body]


def _campaigns_md(report: SegmentReport, f: labels.Figures) -> list[str]:
    campaigns = report.analysis.campaigns
    if not campaigns:
        return ["## " + _("Campaigns"), "", _("No campaign is planned yet.")]
    money = [[c.id, c.segment, c.offer or labels.DASH, labels.yes_no(c.test), f.money(c.cost),
              f.money(c.expected_return), f.money(c.net), labels.yes_no(c.covers_cost)]
             for c in campaigns]
    measured = [[c.id, c.metric, labels.method_label(c.method), c.comparison_group,
                 labels.campaign_period(c), c.revenue_conversion or labels.DASH]
                for c in campaigns]
    simulated = [f"- **{cell(c.id)}**: " + "; ".join(
        ([cell(labels.simulation_text(c.simulated, f))] if c.simulated else [])
        + [cell(labels.result_text(r, f)) for r in c.results])
        for c in campaigns if c.simulated or c.results]
    return ["## " + _("Campaigns"), "", *table(
        [_("campaign"), _("segment"), _("offer"), _("test"), _("cost"), _("expected return"),
         _("net"), _("covers its cost")], money), "", "### " + _("Measurement"), "", *table(
        [_("campaign"), _("metric"), _("method"), _("comparison group"), _("period"),
         _("revenue conversion")], measured),
        *(["", "### " + _("Simulation and results"), "", *simulated] if simulated else [])]


def _matrix_md(report: SegmentReport, f: labels.Figures) -> list[str]:
    a = report.analysis
    sources = ["- " + labelled(cell(axis), cell(names))
               for axis, names in labels.axis_sources(a)]
    rows = [[f"{p.name} ({p.segment})", f.number(p.ease), f.number(p.value),
             labels.quadrant_label(p.quadrant)] for p in a.matrix.points]
    lines = ["## " + _("Priority matrix"), "", *sources, "", "```mermaid",
             quadrant_chart(a.matrix).rstrip("\n"), "```", "",
             *table([_("segment"), _(AXES[0].label), _(AXES[1].label), _("quadrant")], rows)]
    if a.matrix.unplaced:
        lines += ["", _("Not placed (nothing to place them by): {segments}").format(
            segments=cell(", ".join(a.matrix.unplaced)))]
    return lines


def _findings_md(report: SegmentReport, f: labels.Figures) -> list[str]:
    a = report.analysis
    lines = ["## " + _("Findings"), ""]
    lines += [f"- **{severity_label(x.severity)}** {code(x.location)} "
              f"{cell(x.message)}" + (f" — {cell(x.hint)}" if x.hint else "") + f" `{x.code}`"
              for x in report.findings] or [_("No findings.")]
    counts = labels.counts_line(report.count(Severity.ERROR), report.count(Severity.WARNING),
                                report.count(Severity.NOTE))
    return [*lines, "", f"{cell(a.plan)}: {counts}"]
