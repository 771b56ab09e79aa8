"""The segment findings, check by check (crmplan.segment.checks), each on its edge.

Every test builds the smallest plan that sits just under, on or just over the edge of
one check and reads the finding as a reader meets it: its severity, the segment it is
about, the plan path and line it points at, and its message with the figures filled in.
tests/test_segment.py runs the same findings on fuller plans; tests/test_segment_rules.py
holds the rule table (each finding's check, message and hint) entry by entry.
"""

from __future__ import annotations

from typing import Any

import pytest

from crmplan.findings import Issue, Severity
from crmplan.segment import checks
from segment_plans import build, campaign, offer, report, segment, where

# -- how a finding is read -----------------------------------------------------------------


def found(text: str, rule: str) -> list[Issue]:
    return [f for f in report(text).findings if f.rule.name == rule]


def seen(text: str, rule: str) -> list[tuple[Severity, str, str, str]]:
    """Each finding of ``rule``: its severity, its segment, its plan path, its message."""
    return [(f.severity, f.subject, f.path, f.message) for f in found(text, rule)]


def on_campaign(*campaigns: dict[str, Any], **fields: Any) -> str:
    """A plan of one targetable segment ``x`` with an offer ``o``, and ``campaigns``."""
    return build([segment("x", offers=[offer("o")], **fields)], campaigns=campaigns)


# -- what a finding lists ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "text"),
    [
        ([], ""),
        (["a"], "a"),
        (["a", "b", "c", "d"], "a, b, c, d"),
        (["a", "b", "c", "d", "e"], "a, b, c, d, e"),  # exactly MAX_LISTED: all of them
        (["a", "b", "c", "d", "e", "f"], "a, b, c, d, e (+1)"),
        (["a", "b", "c", "d", "e", "f", "g", "h"], "a, b, c, d, e (+3)"),
    ],
)
def test_a_finding_lists_five_names_then_how_many_more(names: list[str], text: str) -> None:
    assert checks.listed(names) == text


@pytest.mark.parametrize(
    ("number", "text"),
    [(4, "4"), (4.0, "4"), (0.0, "0"), (-2.0, "-2"), (3.5, "3.5"), (0.25, "0.25"), (1e-3, "0.001")],
)
def test_a_figure_is_shown_whole_when_it_is_whole(number: float, text: str) -> None:
    assert checks.plain(number) == text


# -- step 1 -------------------------------------------------------------------------------------


def test_a_plan_without_segments_says_so_at_its_top() -> None:
    text = build([])
    assert seen(text, "no_segments") == [(Severity.WARNING, "", "", "the plan has no segments yet")]
    assert found(text, "no_segments")[0].location == "plan.yaml:1:1"


# -- the task force --------------------------------------------------------------------------


def test_weights_all_zero_is_an_error_on_the_criteria() -> None:
    text = build(
        [segment("x")],
        criteria=[("p", 0), ("q", 0)],
        members=["m"],
        sheets=[("m", "x", {"p": 3, "q": 3})],
    )
    assert seen(text, "weights_all_zero") == [
        (
            Severity.ERROR,
            "",
            "task_force.criteria",
            "every criterion weighs 0, so the ranking cannot tell segments apart",
        )
    ]
    assert found(text, "weights_all_zero")[0].location == where(text, "criteria:")


@pytest.mark.parametrize("weights", [(("p", 0), ("q", 0.01)), (("p", 0.01), ("q", 0))])
def test_one_weight_above_zero_ranks(weights: tuple[tuple[str, float], ...]) -> None:
    text = build(
        [segment("x")], criteria=weights, members=["m"], sheets=[("m", "x", {"p": 3, "q": 3})]
    )
    assert found(text, "weights_all_zero") == []


def test_the_default_criteria_weigh_more_than_zero() -> None:
    assert found(build([segment("x")], criteria=None), "weights_all_zero") == []


def test_a_task_force_that_has_scored_nothing_is_told_at_the_task_force() -> None:
    text = build([segment("x")], members=["a", "b"])
    assert seen(text, "no_scores") == [
        (Severity.WARNING, "", "task_force", "the task force has not scored any segment yet")
    ]
    assert found(text, "no_scores")[0].location == where(text, "task_force:")
    assert found(build([]), "no_scores") == []  # no segments: no_segments says it


def test_missing_scores_name_each_member_and_each_gap() -> None:
    """Member a lacks one whole sheet; member b lacks one whole sheet and one criterion of
    another: both gaps are counted and named, each on the member's own line."""
    text = build(
        [segment("y"), segment("x")],
        members=["a", "b", "c"],
        sheets=[
            ("a", "x", {"p": 2, "q": 3}),
            ("b", "x", {"p": 4}),
            ("c", "x", {"p": 3, "q": 3}),
            ("c", "y", {"p": 3, "q": 3}),
        ],
    )
    assert seen(text, "missing_scores") == [
        (
            Severity.WARNING,
            "",
            "task_force.members[a]",
            "member 'a' has not scored 1 segment(s) in full: y",
        ),
        (
            Severity.WARNING,
            "",
            "task_force.members[b]",
            "member 'b' has not scored 2 segment(s) in full: y, x (q)",
        ),
    ]
    assert [f.location for f in found(text, "missing_scores")] == [
        where(text, "{id: a, name: Member a"),
        where(text, "{id: b, name: Member b"),
    ]


def test_a_sheet_missing_several_criteria_names_them_all() -> None:
    text = build(
        [segment("x")],
        criteria=[("p", 1), ("q", 1), ("r", 1)],
        members=["a", "b"],
        sheets=[("a", "x", {"p": 2, "q": 3, "r": 3}), ("b", "x", {"q": 4})],
    )
    assert [f.message for f in found(text, "missing_scores")] == [
        "member 'b' has not scored 1 segment(s) in full: x (p, r)"
    ]


def test_a_member_missing_six_sheets_lists_five_and_counts_all() -> None:
    ids = ["s1", "s2", "s3", "s4", "s5", "s6"]
    text = build(
        [segment(i) for i in ids],
        members=["a", "b"],
        sheets=[("a", i, {"p": 3, "q": 3}) for i in ids],
    )
    assert [f.message for f in found(text, "missing_scores")] == [
        "member 'b' has not scored 6 segment(s) in full: s1, s2, s3, s4, s5 (+1)"
    ]


def test_missing_scores_wait_for_the_first_sheet() -> None:
    """Before anyone scores, no_scores says it once rather than once per member."""
    text = build([segment("x")], members=["a", "b"])
    assert found(text, "missing_scores") == []
    assert [f.message for f in found(text, "no_scores")] == [
        "the task force has not scored any segment yet"
    ]


# Scores ``low`` and ``high`` from two members on criterion p of one segment.
def disagreeing(low: float, high: float, scale: tuple[int, int] = (1, 5)) -> str:
    return build(
        [segment("z"), segment("x")],
        scale=scale,
        sheets=[
            ("a", "z", {"p": scale[0], "q": scale[0]}),
            ("a", "x", {"p": low, "q": scale[1]}),
            ("b", "x", {"p": high, "q": scale[1]}),
        ],
    )


@pytest.mark.parametrize(
    ("scale", "low", "high", "scores"),
    [
        ((1, 5), 2, 4, "a 2, b 4"),  # on the threshold: half of the scale's width of 4
        ((1, 5), 1.5, 4.5, "a 1.5, b 4.5"),
        ((0, 10), 0, 5, "a 0, b 5"),  # a wider scale: half of 10
        ((0, 10), 2.5, 7.5, "a 2.5, b 7.5"),
        ((-3, 3), -1.5, 1.5, "a -1.5, b 1.5"),
        ((1, 2), 1, 1.5, "a 1, b 1.5"),  # the narrowest scale: half a point
    ],
)
def test_members_disagree_from_half_the_scales_width(
    scale: tuple[int, int], low: float, high: float, scores: str
) -> None:
    text = disagreeing(low, high, scale)
    assert seen(text, "disagreement") == [
        (
            Severity.NOTE,
            "x",
            "task_force.scores[1]",
            f"members disagree on 'p' for segment 'x': {scores}",
        )
    ]
    # the segment's first sheet, not the first sheet of the plan
    assert found(text, "disagreement")[0].location == where(text, "{member: a, segment: x")


@pytest.mark.parametrize(
    ("scale", "low", "high"),
    [
        ((1, 5), 2, 3.99),
        ((1, 5), 3, 3),
        ((0, 10), 0, 4.99),
        ((-3, 3), -1.5, 1.49),
        ((1, 2), 1, 1.49),
    ],
)
def test_members_just_under_half_the_scale_agree(
    scale: tuple[int, int], low: float, high: float
) -> None:
    assert found(disagreeing(low, high, scale), "disagreement") == []


def test_each_criterion_members_disagree_on_is_a_note_of_its_own() -> None:
    text = build(
        [segment("x")], sheets=[("a", "x", {"p": 1, "q": 5}), ("b", "x", {"p": 5, "q": 1})]
    )
    assert [f.message for f in found(text, "disagreement")] == [
        "members disagree on 'p' for segment 'x': a 1, b 5",
        "members disagree on 'q' for segment 'x': a 5, b 1",
    ]


# -- the top of the ranking ----------------------------------------------------------------


def test_a_tie_at_the_top_names_the_tied_segments_at_the_first() -> None:
    text = build(
        [segment("z"), segment("x"), segment("y")],
        members=["m"],
        sheets=[
            ("m", "z", {"p": 1, "q": 1}),
            ("m", "x", {"p": 4, "q": 4}),
            ("m", "y", {"p": 4, "q": 4}),
        ],
    )
    assert seen(text, "top_tied") == [
        (Severity.NOTE, "", "segments[x]", "the top of the ranking is a tie: x, y")
    ]
    assert found(text, "top_tied")[0].location == where(text, "{id: x")


def test_a_single_leader_is_no_tie() -> None:
    text = build(
        [segment("x"), segment("y")],
        members=["m"],
        sheets=[("m", "x", {"p": 4, "q": 4}), ("m", "y", {"p": 4, "q": 3.9})],
    )
    assert found(text, "top_tied") == []


def test_a_lead_that_a_weight_move_turns_into_a_tie_names_both_leaders() -> None:
    """p's weight down by 10%: x 0.9 x 5 + 1 = 5.5 and y 0.9 x 1 + 4.6 = 5.5."""
    text = build(
        [segment("x"), segment("y")],
        criteria=[("p", 1), ("q", 1)],
        members=["m"],
        sheets=[("m", "x", {"p": 5, "q": 1}), ("m", "y", {"p": 1, "q": 4.6})],
    )
    assert seen(text, "top_sensitive") == [
        (
            Severity.NOTE,
            "x",
            "segments[x]",
            "the top changes when a weight moves by 10%: p -10% -> x, y",
        )
    ]


def test_a_leader_that_cannot_be_contacted_is_named_and_the_others_are_not() -> None:
    text = build(
        [segment("y", contactable_pct=0), segment("x", contactable_pct=None)],
        members=["m"],
        sheets=[("m", "y", {"p": 1, "q": 1}), ("m", "x", {"p": 5, "q": 5})],
    )
    assert seen(text, "top_not_targetable") == [
        (
            Severity.WARNING,
            "x",
            "segments[x]",
            "top-ranked segment 'x' cannot be contacted individually yet",
        )
    ]
    assert found(text, "top_not_targetable")[0].location == where(text, "{id: x")


# -- campaigns ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "missing"),
    [
        ({"cost": None}, "cost"),
        ({"expected_return": None}, "expected return"),
        ({"cost": None, "expected_return": None}, "cost and expected return"),
    ],
)
def test_a_campaign_that_states_no_cost_or_no_return(fields: dict[str, Any], missing: str) -> None:
    text = on_campaign(campaign("c", "x", offer="o", **fields))
    assert seen(text, "return_not_stated") == [
        (
            Severity.WARNING,
            "x",
            "campaigns[c]",
            f"campaign 'c' states no {missing}, so nobody can tell whether it covers its cost",
        )
    ]
    assert found(text, "return_not_stated")[0].location == where(text, "{id: c")


def test_a_cost_and_a_return_of_zero_are_stated() -> None:
    text = on_campaign(campaign("c", "x", offer="o", cost=0, expected_return=0))
    assert found(text, "return_not_stated") == []


def test_each_campaign_is_judged_on_its_own_figures() -> None:
    text = on_campaign(
        campaign("c", "x", offer="o"), campaign("d", "x", offer="o", expected_return=None)
    )
    assert [f.message for f in found(text, "return_not_stated")] == [
        "campaign 'd' states no expected return, so nobody can tell whether it covers its cost"
    ]


@pytest.mark.parametrize(
    ("test", "expected_return", "results", "flagged"),
    [
        (True, 499.99, [], True),  # just under its cost of 500
        (True, 500, [], False),  # on its cost: it covers it
        (True, 500.01, [], False),
        (False, 100, [], False),  # not a test: only a test has to cover its own cost
        # a measured result (revenue and cost): result_below_cost judges the measured figures
        (True, 100, [{"date": "2026-03-01", "revenue": 900, "cost": 500}], False),
        (True, 100, [{"date": "2026-03-01", "revenue": 90, "cost": 500}], False),
        # a result without its cost is not measured: the plan's figures still count
        (True, 100, [{"date": "2026-03-01", "revenue": 900}], True),
    ],
)
def test_a_test_campaign_must_expect_to_cover_its_cost(
    test: bool, expected_return: float, results: list[dict[str, Any]], flagged: bool
) -> None:
    text = on_campaign(
        campaign(
            "c",
            "x",
            offer="o",
            test=test,
            cost=500,
            expected_return=expected_return,
            results=results or None,
        )
    )
    expected = [
        (
            Severity.WARNING,
            "x",
            "campaigns[c].expected_return",
            "test campaign 'c' is expected to return less than it costs",
        )
    ]
    assert seen(text, "test_does_not_cover_cost") == (expected if flagged else [])


def test_a_test_campaign_without_a_planned_cost_is_not_judged_on_it() -> None:
    text = on_campaign(campaign("c", "x", offer="o", test=True, cost=None))
    assert found(text, "test_does_not_cover_cost") == []


# The campaign runs from 2026-01-05 to 2026-02-01 unless a row says otherwise.
@pytest.mark.parametrize(
    ("start", "end", "measured", "runs"),
    [
        ("2026-01-05", "2026-02-01", ("2026-01-05", "2026-02-01"), None),  # exactly its days
        ("2026-01-05", "2026-02-01", ("2026-01-01", "2026-02-28"), None),  # and more
        (
            "2026-01-05",
            "2026-02-01",
            ("2026-01-06", "2026-02-01"),
            "2026-01-05 to 2026-02-01, but its effect is measured only 2026-01-06 to 2026-02-01",
        ),
        (
            "2026-01-05",
            "2026-02-01",
            ("2026-01-05", "2026-01-31"),
            "2026-01-05 to 2026-02-01, but its effect is measured only 2026-01-05 to 2026-01-31",
        ),
        (
            "2026-01-05",
            "2026-02-01",
            ("2026-01-06", "2026-01-31"),
            "2026-01-05 to 2026-02-01, but its effect is measured only 2026-01-06 to 2026-01-31",
        ),
        # a campaign without a first or a last day is judged on the day it states
        (None, "2026-02-01", ("2026-01-20", "2026-02-01"), None),
        (
            None,
            "2026-02-01",
            ("2026-01-20", "2026-01-31"),
            "… to 2026-02-01, but its effect is measured only 2026-01-20 to 2026-01-31",
        ),
        ("2026-01-05", None, ("2026-01-05", "2026-01-10"), None),
        (
            "2026-01-05",
            None,
            ("2026-01-06", "2026-01-10"),
            "2026-01-05 to …, but its effect is measured only 2026-01-06 to 2026-01-10",
        ),
        (None, None, ("2026-03-01", "2026-03-02"), None),
    ],
)
def test_the_measurement_must_cover_the_whole_campaign(
    start: str | None, end: str | None, measured: tuple[str, str], runs: str | None
) -> None:
    text = on_campaign(
        campaign(
            "c",
            "x",
            offer="o",
            start=start,
            end=end,
            measurement={"start": measured[0], "end": measured[1]},
        )
    )
    expected = [(Severity.WARNING, "x", "campaigns[c].measurement", f"campaign 'c' runs {runs}")]
    assert seen(text, "measurement_misses_campaign") == (expected if runs else [])
    if runs:
        assert found(text, "measurement_misses_campaign")[0].location == where(
            text, "measurement: {"
        )


@pytest.mark.parametrize(
    ("method", "flagged"),
    [("pre_post", True), ("holdout", False), ("ab_test", False), ("matched_comparison", False)],
)
def test_only_a_before_and_after_measurement_lacks_a_control_group(
    method: str, flagged: bool
) -> None:
    text = on_campaign(campaign("c", "x", offer="o", measurement={"method": method}))
    expected = [
        (
            Severity.WARNING,
            "x",
            "campaigns[c].measurement.method",
            "campaign 'c' is measured before and after, without a group left untouched",
        )
    ]
    assert seen(text, "no_control_group") == (expected if flagged else [])
    if flagged:
        assert found(text, "no_control_group")[0].location == where(text, "method: pre_post")


@pytest.mark.parametrize(
    ("contactable", "flagged"), [(None, True), (0, True), (0.1, False), (80, False)]
)
def test_a_campaign_needs_a_segment_it_can_contact(
    contactable: float | None, flagged: bool
) -> None:
    text = on_campaign(campaign("c", "x", offer="o"), contactable_pct=contactable)
    expected = [
        (
            Severity.WARNING,
            "x",
            "campaigns[c].segment",
            "campaign 'c' targets segment 'x', which cannot be contacted individually",
        )
    ]
    assert seen(text, "campaign_not_targetable") == (expected if flagged else [])
    if flagged:
        assert found(text, "campaign_not_targetable")[0].location == where(text, "segment: x")


def test_a_campaign_on_a_segment_it_cannot_contact_names_that_segment() -> None:
    text = build(
        [segment("x"), segment("y", contactable_pct=0)],
        campaigns=[campaign("c", "x"), campaign("d", "y")],
    )
    assert seen(text, "campaign_not_targetable") == [
        (
            Severity.WARNING,
            "y",
            "campaigns[d].segment",
            "campaign 'd' targets segment 'y', which cannot be contacted individually",
        )
    ]


def test_a_campaign_without_an_offer_names_its_segment() -> None:
    text = build(
        [segment("x", offers=[offer("o")]), segment("y")],
        campaigns=[campaign("c", "x", offer="o"), campaign("d", "y")],
    )
    assert seen(text, "campaign_without_offer") == [
        (Severity.WARNING, "y", "campaigns[d]", "campaign 'd' names no offer of segment 'y'")
    ]
    assert found(text, "campaign_without_offer")[0].location == where(text, "{id: d")


def test_each_result_below_its_cost_is_a_note_with_its_date() -> None:
    results = [
        {"date": "2026-03-01", "revenue": 500, "cost": 500},  # on its cost: covered
        {"date": "2026-04-01", "revenue": 499.99, "cost": 500},
        {"date": "2026-05-01", "revenue": 10},  # no cost measured: not judged
        {"date": "2026-06-01", "revenue": 0, "cost": 1},
    ]
    text = on_campaign(campaign("c", "x", offer="o", results=results))
    assert seen(text, "result_below_cost") == [
        (
            Severity.NOTE,
            "x",
            "campaigns[c].results[1]",
            "campaign 'c' returned less than it cost in the result of 2026-04-01",
        ),
        (
            Severity.NOTE,
            "x",
            "campaigns[c].results[3]",
            "campaign 'c' returned less than it cost in the result of 2026-06-01",
        ),
    ]
    assert [f.location for f in found(text, "result_below_cost")] == [
        where(text, "{date: 2026-04-01"),
        where(text, "{date: 2026-06-01"),
    ]


# -- the programme -----------------------------------------------------------------------------


def too_small(**fields: Any) -> list[tuple[Severity, str, str, str]]:
    """segment_too_small on segment y, after a segment x that pays for its programme."""
    text = build([segment("x", long_term_value=100, programme_cost=10), segment("y", **fields)])
    return seen(text, "segment_too_small")


def worth(value: str, cost: str) -> list[tuple[Severity, str, str, str]]:
    return [
        (
            Severity.WARNING,
            "y",
            "segments[y].programme_cost",
            f"segment 'y' is too small for its programme: its reachable customers are worth "
            f"{value}, the programme costs {cost} a year",
        )
    ]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # 1,000 customers, 80% contactable: 800 reachable, worth 10 each: 8,000
        ({"long_term_value": 10, "programme_cost": 8000.01}, worth("8000 USD", "8000 USD")),
        ({"long_term_value": 10, "programme_cost": 8000}, []),  # on its cost: it pays
        ({"long_term_value": 10, "programme_cost": 7999.99}, []),
        # figures rounded to whole units: 800 x 9.999 is 7,999.2
        ({"long_term_value": 9.999, "programme_cost": 8100.6}, worth("7999 USD", "8101 USD")),
        ({"long_term_value": 10.0006, "programme_cost": 8000.6}, worth("8000 USD", "8001 USD")),
        # the contactable share unknown: the whole segment counts as reachable
        (
            {"long_term_value": 2, "programme_cost": 2500, "contactable_pct": None},
            worth("2000 USD", "2500 USD"),
        ),
        # without a value per customer or a programme, nothing is judged
        ({"programme_cost": 9000}, []),
        ({"long_term_value": 10}, []),
    ],
)
def test_a_segment_whose_reachable_value_misses_its_programme_is_too_small(
    fields: dict[str, Any], expected: list[tuple[Severity, str, str, str]]
) -> None:
    assert too_small(**fields) == expected


def test_a_too_small_segment_points_at_its_programme_cost_in_the_plans_currency() -> None:
    text = build(
        [
            segment("x", long_term_value=100, programme_cost=10),
            segment("y", long_term_value=1, programme_cost=900),
        ]
    ).replace("currency: USD", "currency: EUR")
    [finding] = found(text, "segment_too_small")
    assert finding.message.endswith("worth 800 EUR, the programme costs 900 EUR a year")
    assert finding.location == where(text, "programme_cost: 900")
