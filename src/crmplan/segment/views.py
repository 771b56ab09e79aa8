"""What a segment analysis is made of: plain, frozen data, with no behaviour of its own.

Every number is a raw figure from the plan or computed from it; formatting for
people happens in the report and the command. ``location`` is always
``file:line:col`` (1-based) of the plan item the data comes from.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, replace

from crmplan.findings import Issue, Severity, kept
from crmplan.segment.economics import Programme, Simulated
from crmplan.segment.lift import Lift


class Reach(str, enum.Enum):
    """Whether a segment's customers can be contacted one by one (the method's first check)."""

    CONTACTABLE = "contactable"  # a share above 0 is stated
    UNKNOWN = "unknown"  # the plan does not state the share
    NONE = "none"  # 0% contactable, or a segment of 0 customers


@dataclass(frozen=True)
class CriterionInfo:
    """A scoring criterion as the analysis uses it."""

    id: str
    name: str  # plan text, or an English default to pass through ``_()`` (``default``)
    weight: float
    default: bool
    axis: str | None  # the matrix axis it feeds: "value", "ease" or None
    path: tuple[str | int, ...]


@dataclass(frozen=True)
class OfferView:
    """One offer, and which of the terms the method asks for it leaves out."""

    id: str
    index: int
    product: str
    payment_terms: str | None
    delivery_terms: str | None
    service_terms: str | None
    missing: tuple[str, ...]  # "payment_terms", "delivery_or_service_terms"
    location: str


@dataclass(frozen=True)
class SegmentView:
    """A segment's definition, reach (step 1) and value (step 2)."""

    id: str
    name: str
    definition: str
    index: int
    existing_customers: bool | None
    size: int | None
    contactable_pct: float | None
    consented_pct: float | None
    reachable: int | None  # customers who can be contacted individually
    reach: Reach
    revenue_share_pct: float | None
    annual_revenue: float | None
    long_term_value: float | None  # of one customer
    total_long_term_value: float | None  # of the whole segment
    value_note: str | None
    offers: tuple[OfferView, ...]
    campaigns: tuple[str, ...]
    location: str
    purchase_timing: str | None = None  # when its customers buy
    programme: Programme | None = None  # its programme's cost against its reachable value

    @property
    def targetable(self) -> bool:
        return self.reach is Reach.CONTACTABLE


@dataclass(frozen=True)
class CriterionScore:
    """The task force's scores of one segment on one criterion."""

    criterion: str
    scores: tuple[tuple[str, float], ...]  # (member id, score), in the plan's member order
    mean: float | None  # over the members who scored
    low: float | None
    high: float | None

    @property
    def spread(self) -> float | None:
        return None if self.low is None or self.high is None else self.high - self.low


@dataclass(frozen=True)
class Ranked:
    """A segment's place in the ranking (``rank`` None: nobody scored it)."""

    segment: str
    rank: int | None
    tied: bool
    total: float | None  # weighted sum of the member means
    max_total: float
    score: float | None  # the total as a weighted mean, on the task force's scale
    members: int  # members with a sheet for the segment
    complete: bool  # every criterion has at least one score
    criteria: tuple[CriterionScore, ...]
    first_sheet: int | None  # index of the segment's first sheet under task_force.scores


@dataclass(frozen=True)
class Missing:
    """A member's missing scores for one segment (``whole_sheet``: no sheet at all)."""

    member: str
    segment: str
    criteria: tuple[str, ...]
    whole_sheet: bool


@dataclass(frozen=True)
class WeightCheck:
    """The leaders after moving one criterion's weight by ``change_pct`` percent."""

    criterion: str
    change_pct: int
    weight: float
    leaders: tuple[str, ...]
    changed: bool


@dataclass(frozen=True)
class Sensitivity:
    """Does the top of the ranking hold when any weight moves by the step?"""

    step_pct: int
    leaders: tuple[str, ...]
    checks: tuple[WeightCheck, ...]

    @property
    def stable(self) -> bool:
        return not any(check.changed for check in self.checks)


@dataclass(frozen=True)
class Point:
    """A segment on the priority matrix; coordinates in [0, 1]."""

    segment: str
    name: str
    ease: float
    value: float
    quadrant: str
    parts: tuple[tuple[str, float], ...]  # (component id, its 0-1 value), for the record


@dataclass(frozen=True)
class Matrix:
    points: tuple[Point, ...]
    unplaced: tuple[str, ...]  # segments with nothing to place them by on an axis


@dataclass(frozen=True)
class ResultView:
    date: dt.date
    revenue: float | None
    cost: float | None
    uplift: float | None  # metric in the treated group minus the comparison group
    responses: int | None = None
    conversions: int | None = None
    treated: float | None = None  # the metric in the treated group
    comparison: float | None = None  # the metric in the comparison group
    lift: Lift | None = None  # with its confidence interval: a rate, both groups' sizes
    decision: str | None = None  # what was decided from it
    note: str | None = None
    rate: bool = False  # the metric is a rate (percent): a lift can get its interval
    money: bool = False  # the metric is counted in money

    @property
    def covered(self) -> bool | None:
        if self.revenue is None or self.cost is None:
            return None
        return self.revenue >= self.cost

    @property
    def roi_pct(self) -> float | None:
        """Return on the measured cost: (revenue - cost) / cost, in percent."""
        if self.revenue is None or not self.cost:
            return None
        return (self.revenue - self.cost) / self.cost * 100


@dataclass(frozen=True)
class CampaignView:
    """A campaign's economics and how its effect will be measured."""

    id: str
    index: int
    name: str
    segment: str
    offer: str | None
    test: bool
    start: dt.date | None
    end: dt.date | None
    cost: float | None
    expected_return: float | None
    metric: str
    revenue_metric: bool  # the metric is counted in money
    method: str
    comparison_group: str
    measure_start: dt.date
    measure_end: dt.date
    revenue_conversion: str | None
    value_per_unit: float | None
    results: tuple[ResultView, ...]
    location: str
    simulated: Simulated | None = None  # the measurement simulated before it runs
    hypothesis: str | None = None  # what it set out to show
    offer_product: str | None = None  # the product of its offer
    metric_name: str = ""  # the metric's name in the active language

    @property
    def net(self) -> float | None:
        if self.cost is None or self.expected_return is None:
            return None
        return self.expected_return - self.cost

    @property
    def planned_covers_cost(self) -> bool | None:
        """Whether the expected return covers the planned cost."""
        net = self.net
        return None if net is None else net >= 0

    @property
    def measured(self) -> ResultView | None:
        """The latest result with both its revenue and its cost measured."""
        return max((r for r in self.results if r.covered is not None), key=lambda r: r.date,
                   default=None)

    @property
    def covers_cost(self) -> bool | None:
        """Whether it covers its cost: on the measured figures once they exist, else on
        the planned ones."""
        measured = self.measured
        return measured.covered if measured else self.planned_covers_cost


@dataclass(frozen=True)
class Analysis:
    """Everything computed from the plan, before the rules look at it."""

    plan: str
    client: str
    currency: str
    scale: tuple[int, int]
    criteria: tuple[CriterionInfo, ...]
    segments: tuple[SegmentView, ...]
    ranking: tuple[Ranked, ...]
    missing: tuple[Missing, ...]
    sensitivity: Sensitivity
    matrix: Matrix
    campaigns: tuple[CampaignView, ...]
    members: tuple[tuple[str, str], ...]  # (id, name), in plan order
    sheets: int
    disagreement_spread: float  # members disagree when their scores are this far apart

    @property
    def leaders(self) -> tuple[str, ...]:
        return tuple(r.segment for r in self.ranking if r.rank == 1)

    def segment(self, ident: str) -> SegmentView:
        return next(s for s in self.segments if s.id == ident)


@dataclass(frozen=True)
class SegmentReport:
    """The analysis and the findings of every rule."""

    analysis: Analysis
    findings: tuple[Issue, ...]  # each about the segment named by its subject, if any

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def exit_code(self, strict: bool) -> int:
        """1 when there is an error (or, under ``strict``, a warning), else 0."""
        failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return 1 if any(f.severity in failing for f in self.findings) else 0

    def without(self, ignored: frozenset[str]) -> SegmentReport:
        """The report without the findings of the rules in ``ignored`` (codes)."""
        return replace(self, findings=kept(self.findings, ignored))
