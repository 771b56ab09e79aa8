"""The segment method's rule tables (crmplan.segment.rules), entry by entry: default
weights, ties, the sensitivity step, disagreement, the priority matrix's axes, midpoint and
quadrants, and every finding with its check, message and hint.

Each table has an expectation here, written from docs/segment.md; a test enumerates the
rule table against it (a rule added without its expectation fails), and each expected
number is tested at its boundary, where moving it moves the ranking, the quadrant or the
finding a reader sees. tests/test_segment.py triggers the findings on whole plans.
"""

from __future__ import annotations

import pytest

from crmplan import rules as registry
from crmplan.i18n import _
from crmplan.segment import labels, matrix, rules, scoring
from crmplan.segment.engine import criteria_of
from segment_plans import build, load, report, segment

pytestmark = pytest.mark.usefixtures("english")

# -- weights, ties, sensitivity, disagreement ---------------------------------------------

# the default criteria's weights: short-term profit is the aim, the others weigh half
DEFAULT_WEIGHTS = {
    "short_term_profit": 2.0,
    "speed": 1.0,
    "customer_interest": 1.0,
    "explosive_response": 1.0,
    "long_term_value": 1.0,
    "data_availability": 1.0,
}


def test_the_default_criteria_weigh_as_the_method_says() -> None:
    criteria = criteria_of(load(build(criteria=None)).plan)
    assert {c.id: c.weight for c in criteria} == DEFAULT_WEIGHTS
    assert rules.DEFAULT_WEIGHTS == {"short_term_profit": 2.0}


@pytest.mark.parametrize(("apart", "tied"), [(4e-10, True), (4e-9, False)])
def test_totals_equal_to_nine_decimals_are_ties(apart: float, tied: bool) -> None:
    totals: dict[str, float | None] = {"a": 1.0, "b": 1.0 + apart}
    assert scoring.leaders(totals) == (("a", "b") if tied else ("b",))
    assert [t for _s, _r, t in scoring.ranks(totals)] == [tied, tied]


def test_each_weight_moves_by_ten_percent_to_test_the_lead() -> None:
    text = build(
        [segment("x"), segment("y")],
        criteria=[("p", 1), ("q", 1)],
        members=["m"],
        sheets=[("m", "x", {"p": 5, "q": 1}), ("m", "y", {"p": 1, "q": 4.9})],
    )
    result = report(text)
    assert result.analysis.sensitivity.step_pct == 10
    assert [c.change_pct for c in result.analysis.sensitivity.checks] == [10, -10, 10, -10]


@pytest.mark.parametrize(("high", "disagree"), [(4.0, True), (3.97, False)])
def test_members_disagree_from_half_the_scales_width(high: float, disagree: bool) -> None:
    """On a 1-5 scale half the width is 2: scores 2 and 4 disagree, 2 and 3.97 do not."""
    text = build(
        [segment("x")], sheets=[("a", "x", {"p": 2, "q": 3}), ("b", "x", {"p": high, "q": 3})]
    )
    found = [f.rule for f in report(text).findings if f.rule == registry.DISAGREEMENT]
    assert found == ([registry.DISAGREEMENT] if disagree else [])


# -- the priority matrix ---------------------------------------------------------------------

# axis -> (its label, low end, high end, criteria, figures)
AXES = {
    "ease": (
        "Ease of execution",
        "Hard to execute",
        "Easy to execute",
        ("speed", "data_availability"),
        ("contactable_share",),
    ),
    "value": (
        "Value",
        "Low value",
        "High value",
        ("short_term_profit", "long_term_value"),
        ("revenue_share", "segment_long_term_value"),
    ),
}


def test_every_axis_has_its_expectation() -> None:
    assert [(a.id, _(a.label), _(a.low), _(a.high), a.criteria, a.figures) for a in rules.AXES] == [
        (axis, *row) for axis, row in AXES.items()
    ]


def test_each_default_criterion_feeds_its_axis_and_each_axis_its_figures() -> None:
    criteria = criteria_of(load(build(criteria=None)).plan)
    on_axis = {axis: tuple(c.id for c in criteria if c.axis == axis) for axis in AXES}
    assert on_axis == {axis: row[3] for axis, row in AXES.items()}
    sources = labels.axis_sources(report(build([segment("x")], criteria=None)).analysis)
    assert [label for label, _names in sources] == [row[0] for row in AXES.values()]
    assert [names.count(",") for _label, names in sources] == [2, 3]


# (easy, valuable) -> (quadrant, Mermaid's number, its label)
QUADRANTS = {
    (True, True): ("attack_first", 1, "Attack first"),
    (False, True): ("prepare", 2, "Prepare, then attack"),
    (False, False): ("later", 3, "Later"),
    (True, False): ("quick_test", 4, "Quick tests"),
}


def test_every_quadrant_has_its_expectation() -> None:
    assert [(q.id, q.number, q.easy, q.valuable, _(q.label)) for q in rules.QUADRANTS] == [
        (ident, number, easy, valuable, label)
        for (easy, valuable), (ident, number, label) in QUADRANTS.items()
    ]


@pytest.mark.parametrize(
    ("point", "cell"),
    [
        ((0.5, 0.5), (True, True)),
        ((0.49, 0.5), (False, True)),
        ((0.49, 0.49), (False, False)),
        ((0.5, 0.49), (True, False)),
    ],
)
def test_the_midpoint_counts_as_high(point: tuple[float, float], cell: tuple[bool, bool]) -> None:
    ident, _number, label = QUADRANTS[cell]
    assert matrix.quadrant(*point) == ident
    assert labels.quadrant_label(ident) == label


# -- the findings ----------------------------------------------------------------------------

# rule -> (the check that finds it, words of its message, words of its hint)
RULES = {
    registry.CONTACTABLE_UNKNOWN: ("contactable_unknown", "not targetable yet", "contactable_pct"),
    registry.NOT_CONTACTABLE: ("not_contactable", "none of its customers", "contact data"),
    registry.WEIGHTS_ALL_ZERO: ("weights_all_zero", "weighs 0", "weight above 0"),
    registry.NO_SCORES: ("no_scores", "not scored any segment", "crmplan segment score"),
    registry.MISSING_SCORES: ("missing_scores", "in full", "complete the sheets"),
    registry.DISAGREEMENT: ("disagreement", "members disagree", "discuss the reasons"),
    registry.TOP_TIED: ("top_tied", "is a tie", "tied segments in plan order"),
    registry.TOP_SENSITIVE: ("top_sensitive", "weight moves by {step}%", "confirm the weights"),
    registry.TOP_NOT_TARGETABLE: ("top_not_targetable", "cannot be contacted", "reach one by one"),
    registry.TOP_WITHOUT_OFFER: ("top_without_offer", "has no offer", "develop an offer"),
    registry.TOP_IS_PROSPECTS: ("top_is_prospects", "prospects", "acquisition comes first"),
    registry.TOP_WITHOUT_CAMPAIGN: (
        "top_without_campaign",
        "no campaign yet",
        "covers its own cost",
    ),
    registry.OFFER_INCOMPLETE: ("offer_incomplete", "names no {missing}", "more than the product"),
    registry.CONVERSION_MISSING: (
        "conversion_missing",
        "no revenue conversion",
        "revenue_conversion",
    ),
    registry.RETURN_NOT_STATED: (
        "return_not_stated",
        "covers its cost",
        "planned cost and the expected return",
    ),
    registry.TEST_DOES_NOT_COVER_COST: (
        "test_does_not_cover_cost",
        "less than it costs",
        "change the offer",
    ),
    registry.MEASUREMENT_MISSES_CAMPAIGN: (
        "measurement_misses_campaign",
        "measured only",
        "whole campaign",
    ),
    registry.NO_CONTROL_GROUP: ("no_control_group", "before and after", "holdout"),
    registry.CAMPAIGN_WITHOUT_OFFER: (
        "campaign_without_offer",
        "names no offer",
        "campaigns[].offer",
    ),
    registry.CAMPAIGN_NOT_TARGETABLE: (
        "campaign_not_targetable",
        "targets segment",
        "contact data first",
    ),
    registry.RESULT_BELOW_COST: ("result_below_cost", "returned less", "next plan"),
    registry.NO_SEGMENTS: ("no_segments", "no segments yet", "size, contactable share"),
    registry.SEGMENT_TOO_SMALL: ("segment_too_small", "too small", "cut the programme"),
    registry.PURCHASE_TIMING_UNKNOWN: (
        "purchase_timing_unknown",
        "when its customers buy",
        "purchase_timing",
    ),
    registry.CAMPAIGN_NOT_SIMULATED: (
        "campaign_not_simulated",
        "no simulation",
        "response_rate_pct",
    ),
}


def test_every_finding_has_its_check_message_and_hint_in_the_order_reported() -> None:
    assert [
        (r.rule, r.check.__name__, words[1] in r.message, words[2] in r.hint)
        for r, words in zip(rules.RULES, RULES.values(), strict=True)
    ] == [(rule, check, True, True) for rule, (check, _m, _h) in RULES.items()]


def test_a_finding_reported_carries_the_message_and_hint_of_its_rule() -> None:
    found = [*report(build()).findings, *report(build([segment("x")])).findings]
    assert {registry.NO_SEGMENTS, registry.NO_SCORES} <= {f.rule for f in found}
    for finding in found:
        _check, message, hint = RULES[finding.rule]
        assert message in finding.message
        assert hint in (finding.hint or "")
