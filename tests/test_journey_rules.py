"""The journey's rule tables (crmplan.journey.rules), entry by entry: how a pain point
scores, where an opportunity falls in the impact/effort matrix and in which order, which
coverage gaps are listed under which heading, how an emotion becomes Mermaid's score.

Each table has an expectation here, written from docs/journey.md; a test enumerates the
rule table against it (a rule added without its expectation fails), and each expected
entry, at its boundary, moves the score, the quadrant or the order a reader sees.
tests/test_journey.py checks the same rules on whole plans.
"""

from __future__ import annotations

import pytest

from crmplan import rules as registry
from crmplan.i18n import _
from crmplan.journey import rules
from crmplan.kpi.progress import TrackStatus
from crmplan.model.journey import OpportunityStatus

pytestmark = pytest.mark.usefixtures("english")


def score(
    severity: int = 1, emotion: int | None = None, barriers: int = 0, kpis: list[int] | None = None
) -> rules.PainScore:
    return rules.pain_score(severity, emotion, barriers, [] if kpis is None else kpis)


# -- pain points -----------------------------------------------------------------------------


@pytest.mark.parametrize(("severity", "points"), [(1, 2), (2, 4), (3, 6), (4, 8), (5, 10)])
def test_severity_weighs_twice(severity: int, points: int) -> None:
    assert score(severity=severity).severity == points


# today's emotion at the touchpoint -> points
EMOTION_POINTS = {-2: 4, -1: 2, 0: 0, 1: 0, 2: 0, None: 0}


# EMOTION_POINTS has no None key: without its guard, pain_score gives the same 0
# equivalent mutant: journey/rules.py x_pain_score__mutmut_11 — .get(None, 0) is 0 as well
@pytest.mark.parametrize(("emotion", "points"), EMOTION_POINTS.items())
def test_only_a_negative_emotion_adds_points(emotion: int | None, points: int) -> None:
    assert score(emotion=emotion).emotion == points


def test_every_emotion_rule_has_its_expectation() -> None:
    assert {e: p for e, p in EMOTION_POINTS.items() if p} == rules.EMOTION_POINTS


@pytest.mark.parametrize(("barriers", "points"), [(0, 0), (1, 1), (2, 2), (3, 3), (4, 3), (9, 3)])
def test_a_barrier_adds_a_point_up_to_three(barriers: int, points: int) -> None:
    assert score(barriers=barriers).barriers == points


# where the linked KPI is heading -> points; every status not named counts as no data
KPI_STATUS_POINTS = {
    TrackStatus.OFF_TRACK: 3,
    TrackStatus.AT_RISK: 2,
    TrackStatus.NO_DATA: 1,
    TrackStatus.ON_TRACK: 0,
}


@pytest.mark.parametrize("status", list(TrackStatus))
def test_each_kpi_status_has_its_points(status: TrackStatus) -> None:
    assert rules.kpi_points(status, None) == KPI_STATUS_POINTS.get(status, 1)


def test_a_pain_point_without_a_linked_kpi_counts_as_no_data_and_the_worst_kpi_counts() -> None:
    assert score().kpi == KPI_STATUS_POINTS[TrackStatus.NO_DATA]
    assert score(kpis=[0, 5, 2]).kpi == 5


# the share of the current value still to improve -> points; the limits belong to the
# higher band
GAP_POINTS = [(None, 0), (0.0, 0), (9.99, 0), (10.0, 1), (24.99, 1), (25.0, 2), (80.0, 2)]


@pytest.mark.parametrize(("remaining", "points"), GAP_POINTS)
def test_the_gap_still_to_close_adds_points_from_its_limit_on(
    remaining: float | None, points: int
) -> None:
    assert rules.gap_points(remaining) == points
    assert rules.kpi_points(TrackStatus.ON_TRACK, remaining) == points


def test_the_total_adds_the_parts_and_ranks_highest_first_then_plan_order() -> None:
    high, low = score(3, -2, 4, [3]), score(1)
    assert (high.total, low.total) == (6 + 4 + 3 + 3, 2 + 1)
    assert sorted([(low, 0), (high, 1), (low, 2)], key=lambda s: rules.pain_order(*s)) == [
        (high, 1),
        (low, 0),
        (low, 2),
    ]


# -- opportunities ---------------------------------------------------------------------------

# (impact, effort) at the matrix's borders -> (quadrant, its name)
QUADRANTS = {
    (4, 2): ("quick_win", "quick win"),
    (4, 3): ("major_project", "major project"),
    (3, 2): ("fill_in", "fill-in"),
    (3, 3): ("reconsider", "reconsider"),
}


def test_every_quadrant_has_its_expectation_in_the_order_they_are_taken_on() -> None:
    assert [(q.id, q.high_impact, q.low_effort) for q in rules.QUADRANTS] == [
        (ident, impact >= 4, effort <= 2) for (impact, effort), (ident, _name) in QUADRANTS.items()
    ]


@pytest.mark.parametrize(("cell", "expected"), QUADRANTS.items())
def test_impact_from_4_is_high_and_effort_to_2_is_low(
    cell: tuple[int, int], expected: tuple[str, str]
) -> None:
    found = rules.quadrant(*cell)
    assert (found.id, _(found.name)) == expected


def test_opportunities_are_taken_on_quadrant_by_quadrant() -> None:
    cells = [rules.opportunity_order(i, e, OpportunityStatus.IDEA, 0)[1] for i, e in QUADRANTS]
    assert cells == [0, 1, 2, 3]


# an opportunity's status -> whether it is closed (listed last, needs no owner)
CLOSED = {
    OpportunityStatus.IDEA: False,
    OpportunityStatus.PLANNED: False,
    OpportunityStatus.IN_PROGRESS: False,
    OpportunityStatus.DONE: True,
    OpportunityStatus.DROPPED: True,
}


@pytest.mark.parametrize(("status", "closed"), CLOSED.items())
def test_done_and_dropped_opportunities_come_last(status: OpportunityStatus, closed: bool) -> None:
    assert rules.opportunity_order(4, 2, status, 0)[0] is closed
    assert set(CLOSED) == set(OpportunityStatus)


def test_within_a_quadrant_the_widest_margin_then_the_larger_impact_comes_first() -> None:
    order = sorted(
        [(5, 1, 0), (4, 1, 1), (5, 2, 2), (4, 1, 3)],
        key=lambda o: rules.opportunity_order(o[0], o[1], OpportunityStatus.IDEA, o[2]),
    )
    assert [o[2] for o in order] == [0, 2, 1, 3]


# -- coverage --------------------------------------------------------------------------------

# the gaps in the order they are listed, each with words of its heading
COVERAGE = [
    (registry.JOURNEY_WITHOUT_CUSTOMER, "no persona or segment"),
    (registry.STAGE_WITHOUT_TOUCHPOINTS, "Stages without touchpoints"),
    (registry.TOUCHPOINT_WITHOUT_OWNER, "without an owner"),
    (registry.TOUCHPOINT_WITHOUT_KPI, "linked KPI"),
    (registry.TOUCHPOINT_WITHOUT_EVIDENCE, "without evidence"),
    (registry.TOUCHPOINT_ASSUMED, "assumption"),
    (registry.TOUCHPOINT_WITHOUT_EMOTION, "emotion"),
    (registry.PAIN_POINT_WITHOUT_OPPORTUNITY, "no opportunity addresses"),
    (registry.OPPORTUNITY_WITHOUT_OWNER, "Open opportunities"),
    (registry.PERSONA_WITHOUT_JOURNEY, "Personas without"),
]


def test_every_coverage_rule_is_listed_in_its_order_under_its_heading() -> None:
    shown = [(c.rule, _(c.title)) for c in rules.COVERAGE_RULES]
    assert [
        (rule, words in title)
        for (rule, title), (_rule, words) in zip(shown, COVERAGE, strict=True)
    ] == [(rule, True) for rule, _words in COVERAGE]
    assert {rule: n for n, (rule, _words) in enumerate(COVERAGE)} == rules.RULE_ORDER


# -- Mermaid -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("emotion", "mermaid"), [(-2, 1), (-1, 2), (0, 3), (1, 4), (2, 5)])
def test_an_emotion_is_mermaids_score_from_1_to_5(emotion: int, mermaid: int) -> None:
    assert rules.mermaid_score(emotion) == mermaid
