"""Every rule of ``crmplan journey`` in one place: how pain points and opportunities rank,
which coverage gaps are reported, and how emotions map to Mermaid scores.

docs/journey.md states each rule in plain words; change them together.
"""

from __future__ import annotations

from dataclasses import dataclass

from crmplan import rules
from crmplan.findings import Rule
from crmplan.i18n import N_
from crmplan.kpi.progress import TrackStatus
from crmplan.model.journey import OpportunityStatus

# -- pain points: the higher the score, the more urgent -----------------------------------

SEVERITY_WEIGHT = 2  # the consultant's own judgement weighs most: severity 1-5 gives 2-10
EMOTION_POINTS = {-2: 4, -1: 2}  # how the customer feels today at the touchpoint
BARRIER_CAP = 3  # one point per barrier at the touchpoint, at most three
KPI_STATUS_POINTS = {
    TrackStatus.OFF_TRACK: 3,
    TrackStatus.AT_RISK: 2,
    TrackStatus.NO_DATA: 1,  # nobody can show the touchpoint is fine
    TrackStatus.ON_TRACK: 0,
}
# a KPI that cannot be judged yet (too early, baseline only, ...) counts as no data
KPI_STATUS_POINTS.update({s: KPI_STATUS_POINTS[TrackStatus.NO_DATA] for s in TrackStatus
                          if s not in KPI_STATUS_POINTS})
NO_KPI_POINTS = KPI_STATUS_POINTS[TrackStatus.NO_DATA]  # unmeasured counts as no data
GAP_POINTS = ((25.0, 2), (10.0, 1))  # the share of the current value still to improve


@dataclass(frozen=True)
class PainScore:
    """A pain point's score, part by part, so that a reader can check it."""

    severity: int
    emotion: int
    barriers: int
    kpi: int

    @property
    def total(self) -> int:
        return self.severity + self.emotion + self.barriers + self.kpi


def gap_points(remaining_pct: float | None) -> int:
    """Points for how far the KPI still is from its target, relative to its current value."""
    if remaining_pct is None:
        return 0
    return next((points for limit, points in GAP_POINTS if remaining_pct >= limit), 0)


def kpi_points(status: TrackStatus, remaining_pct: float | None) -> int:
    """One linked KPI: where it is heading, plus how far it still has to go."""
    return KPI_STATUS_POINTS[status] + gap_points(remaining_pct)


def pain_score(severity: int, emotion: int | None, barriers: int,
               kpis: list[int]) -> PainScore:
    """Severity, today's emotion, the barriers, and the worst linked KPI's points."""
    return PainScore(
        severity=SEVERITY_WEIGHT * severity,
        emotion=EMOTION_POINTS.get(emotion, 0) if emotion is not None else 0,
        barriers=min(barriers, BARRIER_CAP),
        kpi=max(kpis) if kpis else NO_KPI_POINTS,
    )


def pain_order(score: PainScore, index: int) -> tuple[int, int]:
    """Highest score first; a tie keeps the plan's order."""
    return (-score.total, index)


# -- opportunities: quick wins first ------------------------------------------------------

HIGH_IMPACT = 4  # impact 4-5 is high
LOW_EFFORT = 2  # effort 1-2 is low


@dataclass(frozen=True)
class Quadrant:
    """A cell of the impact/effort matrix, in the order opportunities are taken on."""

    id: str
    name: str
    high_impact: bool
    low_effort: bool


QUADRANTS = (
    Quadrant("quick_win", N_("quick win"), True, True),
    Quadrant("major_project", N_("major project"), True, False),
    Quadrant("fill_in", N_("fill-in"), False, True),
    Quadrant("reconsider", N_("reconsider"), False, False),
)
CLOSED = frozenset({OpportunityStatus.DONE, OpportunityStatus.DROPPED})


def quadrant(impact: int, effort: int) -> Quadrant:
    """Where ``impact`` and ``effort`` (1-5 each) fall in the matrix."""
    high, low = impact >= HIGH_IMPACT, effort <= LOW_EFFORT
    return next(q for q in QUADRANTS if (q.high_impact, q.low_effort) == (high, low))


def opportunity_order(impact: int, effort: int, status: OpportunityStatus,
                      index: int) -> tuple[int, ...]:
    """Open before done or dropped; then by quadrant; then the widest impact-effort margin,
    the larger impact; a tie keeps the plan's order."""
    cell = QUADRANTS.index(quadrant(impact, effort))
    return (status in CLOSED, cell, effort - impact, -impact, index)


# -- coverage: what is missing from the map -----------------------------------------------


@dataclass(frozen=True)
class CoverageRule:
    """A kind of gap in the map (its rule in :mod:`crmplan.rules`), with the heading it is
    listed under."""

    rule: Rule
    title: str


COVERAGE_RULES = (
    CoverageRule(rules.JOURNEY_WITHOUT_CUSTOMER, N_("Journeys for no persona or segment")),
    CoverageRule(rules.STAGE_WITHOUT_TOUCHPOINTS, N_("Stages without touchpoints")),
    CoverageRule(rules.TOUCHPOINT_WITHOUT_OWNER, N_("Touchpoints without an owner")),
    CoverageRule(rules.TOUCHPOINT_WITHOUT_KPI, N_("Touchpoints without a linked KPI")),
    CoverageRule(rules.TOUCHPOINT_WITHOUT_EVIDENCE, N_("Touchpoints without evidence")),
    CoverageRule(rules.TOUCHPOINT_ASSUMED, N_("Touchpoints known only by assumption")),
    CoverageRule(rules.TOUCHPOINT_WITHOUT_EMOTION, N_("Touchpoints without an emotion")),
    CoverageRule(rules.PAIN_POINT_WITHOUT_OPPORTUNITY,
                 N_("Pain points no opportunity addresses")),
    CoverageRule(rules.OPPORTUNITY_WITHOUT_OWNER, N_("Open opportunities without an owner")),
    CoverageRule(rules.PERSONA_WITHOUT_JOURNEY, N_("Personas without a journey")),
)
RULE_ORDER = {c.rule: number for number, c in enumerate(COVERAGE_RULES)}

# -- Mermaid ------------------------------------------------------------------------------

MERMAID_OFFSET = 3  # emotion -2..2 is Mermaid's score 1..5


def mermaid_score(emotion: int) -> int:
    """Mermaid's integer score 1 (worst) to 5 (best) for an emotion of -2 to 2."""
    return emotion + MERMAID_OFFSET
