"""From a loaded plan to a segment report: views of the plan, the ranking, the rules.

:func:`analyse` is pure and deterministic: the same plan gives the same report.
It expects the messages' language to be active (:func:`crmplan.i18n.activate`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from crmplan.findings import Issue, Severity
from crmplan.i18n import _
from crmplan.kpi.progress import kpi_spec
from crmplan.model.customers import Campaign, CampaignResult, Offer, Segment, TaskForce
from crmplan.model.defaults import DEFAULT_CRITERIA
from crmplan.model.kpis import Unit
from crmplan.model.plan import Plan
from crmplan.plan.load import LoadedPlan
from crmplan.plan.source import PlanPath
from crmplan.segment import economics, matrix, rules, scoring
from crmplan.segment.checks import Hit
from crmplan.segment.lift import rate_lift
from crmplan.segment.views import (
    Analysis,
    CampaignView,
    CriterionInfo,
    OfferView,
    Reach,
    ResultView,
    SegmentReport,
    SegmentView,
)


def analyse(loaded: LoadedPlan) -> SegmentReport:
    """Segments, ranking, sensitivity, matrix, campaigns and findings of a loaded plan.

    Findings come errors first, then warnings, then notes; within a severity, in the
    order of the rules (stable sort), each rule's hits in plan order.
    """
    analysis = build_analysis(loaded)
    order = list(Severity)  # errors, warnings, notes: as the severities are declared
    found = sorted(findings(loaded, analysis), key=lambda f: order.index(f.severity))
    return SegmentReport(analysis, tuple(found))


def build_analysis(loaded: LoadedPlan) -> Analysis:
    """Everything the rules look at, computed from the plan."""
    plan, where = loaded.plan, _Locator(loaded)
    criteria = criteria_of(plan)
    segments = tuple(_segment(s, i, plan, where) for i, s in enumerate(plan.segments))
    board = board_of(plan, criteria)
    ranking = scoring.rank(board)
    scale = _scale(plan)
    return Analysis(
        plan=loaded.name,
        client=plan.client.name,
        currency=plan.client.currency,
        scale=scale,
        criteria=criteria,
        segments=segments,
        ranking=ranking,
        missing=scoring.missing(board),
        sensitivity=scoring.sensitivity(board, ranking, rules.SENSITIVITY_STEP_PCT),
        matrix=matrix.build(segments, criteria, ranking, scale),
        campaigns=tuple(_campaign(c, i, plan, where) for i, c in enumerate(plan.campaigns)),
        members=tuple((m.id, m.name) for m in _task_force(plan).members),
        sheets=len(board.sheets),
        disagreement_spread=rules.DISAGREEMENT_SHARE * (scale[1] - scale[0]),
    )


class _Locator:
    """``file:line:col`` of plan paths."""

    def __init__(self, loaded: LoadedPlan) -> None:
        self.loaded = loaded

    def __call__(self, path: PlanPath) -> str:
        mark = self.loaded.source.key(path)
        return f"{self.loaded.name}:{mark.line}:{mark.column}"


def _task_force(plan: Plan) -> TaskForce:
    return plan.task_force or TaskForce()


def _scale(plan: Plan) -> tuple[int, int]:
    scale = plan.task_force.scale if plan.task_force else None
    return (scale.min, scale.max) if scale else (1, 5)


# -- criteria and the score board ----------------------------------------------------------


def _axis(criterion: str) -> str | None:
    return next((a.id for a in rules.AXES if criterion in a.criteria), None)


def criteria_of(plan: Plan) -> tuple[CriterionInfo, ...]:
    """The plan's criteria, or the method's defaults with their default weights."""
    listed = plan.task_force.criteria if plan.task_force else []
    if listed:
        return tuple(
            CriterionInfo(c.id, c.name, c.weight, False, _axis(c.id), ("task_force", "criteria", i))
            for i, c in enumerate(listed)
        )
    return tuple(
        CriterionInfo(
            d.id,
            d.name,
            rules.DEFAULT_WEIGHTS.get(d.id, rules.OTHER_DEFAULT_WEIGHT),
            True,
            _axis(d.id),
            ("task_force",),
        )
        for d in DEFAULT_CRITERIA
    )


def board_of(plan: Plan, criteria: tuple[CriterionInfo, ...]) -> scoring.Board:
    task_force = plan.task_force
    sheets = tuple(
        scoring.Sheet(s.member, s.segment, dict(s.scores), i)
        for i, s in enumerate(task_force.scores if task_force else [])
    )
    members = tuple(m.id for m in task_force.members) if task_force else ()
    return scoring.Board(
        tuple(c.id for c in criteria),
        tuple(c.weight for c in criteria),
        tuple(s.id for s in plan.segments),
        members,
        sheets,
        _scale(plan)[1],
    )


# -- segments and offers ----------------------------------------------------------------


def _reach(segment: Segment) -> Reach:
    if segment.contactable_pct is None:
        return Reach.UNKNOWN
    return Reach.NONE if segment.contactable_pct == 0 or segment.size == 0 else Reach.CONTACTABLE


def _reachable(segment: Segment) -> int | None:
    if segment.size is None or segment.contactable_pct is None:
        return None
    return math.floor(segment.size * segment.contactable_pct / 100 + 0.5)


def _segment(segment: Segment, index: int, plan: Plan, where: _Locator) -> SegmentView:
    total = (
        segment.long_term_value * segment.size
        if segment.long_term_value is not None and segment.size is not None
        else None
    )
    offers = tuple(
        _offer(o, j, where(("segments", index, "offers", j))) for j, o in enumerate(segment.offers)
    )
    return SegmentView(
        segment.id,
        segment.name,
        segment.definition,
        index,
        segment.existing_customers,
        segment.size,
        segment.contactable_pct,
        segment.consented_pct,
        _reachable(segment),
        _reach(segment),
        segment.revenue_share_pct,
        segment.annual_revenue,
        segment.long_term_value,
        total,
        segment.value_note,
        offers,
        tuple(c.id for c in plan.campaigns if c.segment == segment.id),
        where(("segments", index)),
        segment.purchase_timing,
        economics.programme(segment),
    )


def _offer(offer: Offer, index: int, location: str) -> OfferView:
    missing = []
    if offer.payment_terms is None:
        missing.append("payment_terms")
    if offer.delivery_terms is None and offer.service_terms is None:
        missing.append("delivery_or_service_terms")
    return OfferView(
        offer.id,
        index,
        offer.product,
        offer.payment_terms,
        offer.delivery_terms,
        offer.service_terms,
        tuple(missing),
        location,
    )


# -- campaigns ----------------------------------------------------------------------------


def _result(result: CampaignResult, unit: Unit | None) -> ResultView:
    """A recorded result; a rate measured on groups of known size gets its lift."""
    treated, comparison = result.metric_value, result.comparison_value
    rate = unit is Unit.PERCENT
    lift = (
        rate_lift(treated, result.treated_size, comparison, result.comparison_size)
        if rate
        and treated is not None
        and comparison is not None
        and result.treated_size
        and result.comparison_size
        else None
    )
    return ResultView(
        result.date,
        result.revenue,
        result.cost,
        _uplift(treated, comparison),
        result.responses,
        result.conversions,
        treated,
        comparison,
        lift,
        result.decision,
        result.note,
        rate,
        unit is Unit.CURRENCY,
    )


def _campaign(campaign: Campaign, index: int, plan: Plan, where: _Locator) -> CampaignView:
    """A campaign as the report shows it. A loaded plan's references are checked: its
    segment and the KPI it measures are in the plan."""
    m = campaign.measurement
    metric = kpi_spec(next(k for k in plan.kpis if k.id == m.metric))
    results = tuple(_result(r, metric.unit) for r in campaign.results)
    segment = next(s for s in plan.segments if s.id == campaign.segment)
    return CampaignView(
        campaign.id,
        index,
        campaign.name,
        campaign.segment,
        campaign.offer,
        campaign.test,
        campaign.start,
        campaign.end,
        campaign.cost,
        campaign.expected_return,
        m.metric,
        metric.unit is Unit.CURRENCY,
        m.method.value,
        m.comparison_group,
        m.start,
        m.end,
        m.revenue_conversion,
        m.value_per_unit,
        results,
        where(("campaigns", index)),
        economics.simulate(campaign, segment),
        campaign.hypothesis,
        _offer_product(segment, campaign.offer),
        _(metric.name),
    )


def _offer_product(segment: Segment, offer: str | None) -> str | None:
    found = next((o for o in segment.offers if o.id == offer), None)
    return found.product if found else None


def _uplift(treated: float | None, comparison: float | None) -> float | None:
    return None if treated is None or comparison is None else treated - comparison


# -- findings -----------------------------------------------------------------------------


def findings(loaded: LoadedPlan, analysis: Analysis) -> Iterable[Issue]:
    """Every rule's hits as findings, in the order of the rules."""
    for rule in rules.RULES:
        for hit in rule.check(analysis):
            yield _finding(rule, hit, loaded)


def _finding(rule: rules.RuleCheck, hit: Hit, loaded: LoadedPlan) -> Issue:
    return loaded.finding(
        rule.rule,
        hit.path,
        _(rule.message).format(**hit.values),
        _(rule.hint).format(**hit.values),
        subject=hit.segment or "",
    )
