"""The segment analysis core: ranking arithmetic, ties, sensitivity, rules, matrix."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmplan.errors import PlanError
from crmplan.findings import Severity
from crmplan.i18n import language
from crmplan.segment import rules
from crmplan.segment.engine import analyse
from crmplan.segment.report import to_data
from crmplan.segment.scoring import Board, Sheet, rank, weighted_total
from crmplan.segment.views import Reach
from segment_plans import build, campaign, load, offer, report, rules_found, segment, where

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("*/plan.yaml"))


def ranking(text: str) -> list[tuple[str, int | None, bool, float | None]]:
    return [(r.segment, r.rank, r.tied, r.total) for r in report(text).analysis.ranking]


# -- the arithmetic ---------------------------------------------------------------------


def test_total_is_the_weighted_sum_of_the_members_mean_scores() -> None:
    text = build([segment("x")], sheets=[("a", "x", {"p": 4, "q": 2}),
                                         ("b", "x", {"p": 2, "q": 5})])
    ranked = report(text).analysis.ranking[0]
    # p: mean 3 x weight 2; q: mean 3.5 x weight 1
    assert (ranked.total, ranked.max_total, ranked.members, ranked.complete) == (9.5, 15, 2, True)
    assert ranked.score == pytest.approx(9.5 / 3)
    assert [(c.criterion, c.mean, c.low, c.high, c.spread) for c in ranked.criteria] == [
        ("p", 3, 2, 4, 2), ("q", 3.5, 2, 5, 3)]


def test_a_member_without_a_sheet_is_left_out_of_the_mean_and_reported() -> None:
    text = build([segment("x"), segment("y")], members=("a", "b", "c"), sheets=[
        ("a", "x", {"p": 5, "q": 5}),
        ("a", "y", {"p": 4, "q": 4}), ("b", "y", {"p": 4, "q": 4}),
        ("c", "y", {"p": 4, "q": 4})])
    result = report(text)
    assert ranking(text) == [("x", 1, False, 15), ("y", 2, False, 12)]
    assert [(m.member, m.segment, m.whole_sheet) for m in result.analysis.missing] == [
        ("b", "x", True), ("c", "x", True)]
    messages = [f.message for f in result.findings if f.rule.name == "missing_scores"]
    assert messages == ["member 'b' has not scored 1 segment(s) in full: x",
                        "member 'c' has not scored 1 segment(s) in full: x"]


def test_a_criterion_nobody_scored_is_rescaled_and_the_segment_marked_incomplete() -> None:
    text = build([segment("x")], sheets=[("a", "x", {"p": 4}), ("b", "x", {"p": 2})])
    ranked = report(text).analysis.ranking[0]
    # only p (weight 2, mean 3) was scored: weighted mean 3 times all weights (3) is 9
    assert (ranked.total, ranked.complete) == (9, False)
    gaps = [(m.member, m.criteria, m.whole_sheet) for m in report(text).analysis.missing]
    assert gaps == [("a", ("q",), False), ("b", ("q",), False)]
    assert "x (q)" in next(f.message for f in report(text).findings
                           if f.rule.name == "missing_scores")


def test_weights_change_the_order() -> None:
    sheets = [("a", "x", {"p": 5, "q": 1}), ("a", "y", {"p": 1, "q": 4})]
    segments = [segment("x"), segment("y")]
    assert ranking(build(segments, criteria=[("p", 2), ("q", 1)], members=["a"],
                         sheets=sheets)) == [("x", 1, False, 11), ("y", 2, False, 6)]
    assert ranking(build(segments, criteria=[("p", 1), ("q", 2)], members=["a"],
                         sheets=sheets)) == [("y", 1, False, 9), ("x", 2, False, 7)]


def test_ties_share_a_rank_and_keep_plan_order() -> None:
    text = build([segment("b"), segment("a"), segment("c"), segment("d")], members=["m"],
                 sheets=[("m", "a", {"p": 4, "q": 2}), ("m", "b", {"p": 3, "q": 4}),
                         ("m", "c", {"p": 1, "q": 1})])
    # a and b both total 10; b comes first in the plan; d has no score at all
    assert ranking(text) == [("b", 1, True, 10), ("a", 1, True, 10), ("c", 3, False, 3),
                             ("d", None, False, None)]
    result = report(text)
    assert result.analysis.leaders == ("b", "a")
    assert "the top of the ranking is a tie: b, a" in [f.message for f in result.findings]


def test_totals_equal_in_arithmetic_are_ties_even_when_floats_differ() -> None:
    criteria = [("p", 0.1), ("q", 0.2), ("r", 0.3)]
    text = build([segment("x"), segment("y")], criteria=criteria, members=["m"],
                 sheets=[("m", "x", {"p": 1, "q": 1, "r": 5}),
                         ("m", "y", {"p": 1, "q": 4, "r": 3})])
    assert 0.1 + 0.2 * 4 + 0.3 * 3 != 0.1 + 0.2 + 0.3 * 5  # 1.7999999999999998 against 1.8
    assert [(s, r, t) for s, r, t, _total in ranking(text)] == [("x", 1, True), ("y", 1, True)]


def test_default_criteria_and_weights_apply_when_the_plan_lists_none() -> None:
    scores = {"short_term_profit": 5, "speed": 1}
    text = build([segment("x")], criteria=None, members=["m"], sheets=[("m", "x", scores)])
    analysis = report(text).analysis
    assert [(c.id, c.weight, c.default) for c in analysis.criteria] == [
        ("short_term_profit", 2.0, True), ("speed", 1.0, True), ("customer_interest", 1.0, True),
        ("explosive_response", 1.0, True), ("long_term_value", 1.0, True),
        ("data_availability", 1.0, True)]
    # (2 x 5 + 1 x 1) over the scored weight 3, times all weights 7
    assert analysis.ranking[0].total == pytest.approx(7 * 11 / 3)


def test_all_weights_zero_is_an_error() -> None:
    text = build([segment("x")], criteria=[("p", 0), ("q", 0)], members=["m"],
                 sheets=[("m", "x", {"p": 3, "q": 3})])
    result = report(text)
    assert "weights_all_zero" in rules_found(result)
    assert result.exit_code(strict=False) == 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=1, max_size=6),
       st.floats(0, 10), st.floats(0, 10))
def test_a_complete_total_is_exactly_the_weighted_sum(
        rows: list[tuple[int, int]], wp: float, wq: float) -> None:
    sheets = tuple(Sheet(f"m{i}", "x", {"p": p, "q": q}, i) for i, (p, q) in enumerate(rows))
    board = Board(("p", "q"), (wp, wq), ("x",), tuple(s.member for s in sheets), sheets, 5)
    mean_p = sum(p for p, _q in rows) / len(rows)
    mean_q = sum(q for _p, q in rows) / len(rows)
    assert rank(board)[0].total == wp * mean_p + wq * mean_q


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=2, max_size=6),
       st.randoms(use_true_random=False))
def test_the_order_of_sheets_in_the_plan_does_not_change_the_ranking(
        rows: list[tuple[int, int]], shuffle: random.Random) -> None:
    segments = [segment(f"s{i}") for i in range(len(rows))]
    sheets = [(m, f"s{i}", {"p": p + (m == "b"), "q": q})
              for i, (p, q) in enumerate(rows) for m in ("a", "b") if p + (m == "b") <= 5]
    shuffled = sheets[:]
    shuffle.shuffle(shuffled)
    assert ranking(build(segments, sheets=sheets)) == ranking(build(segments, sheets=shuffled))


def test_weighted_total_of_nothing_scored_is_none() -> None:
    assert weighted_total((None, None), (1, 2)) is None
    assert weighted_total((None, 3.0), (1, 0)) == 0.0  # scored, but only on a weight of 0


# -- disagreement and sensitivity --------------------------------------------------------


def test_members_disagree_from_half_the_scale() -> None:
    text = build([segment("x")], sheets=[("a", "x", {"p": 2, "q": 3}),
                                         ("b", "x", {"p": 4, "q": 4})])
    notes = [f for f in report(text).findings if f.rule.name == "disagreement"]
    assert [(n.severity, n.message) for n in notes] == [
        (Severity.NOTE, "members disagree on 'p' for segment 'x': a 2, b 4")]
    assert notes[0].location == where(text, "{member: a, segment: x")  # its first sheet


def test_a_narrow_lead_is_sensitive_to_a_ten_percent_weight_change() -> None:
    text = build([segment("x"), segment("y")], criteria=[("p", 1), ("q", 1)], members=["m"],
                 sheets=[("m", "x", {"p": 5, "q": 1}), ("m", "y", {"p": 1, "q": 4.9})])
    sensitivity = report(text).analysis.sensitivity
    assert sensitivity.leaders == ("x",) and not sensitivity.stable
    changed = [(c.criterion, c.change_pct, c.leaders) for c in sensitivity.checks if c.changed]
    # q up: x 6.1 against y 6.39; p down: x 5.5 against y 5.8
    assert changed == [("p", -10, ("y",)), ("q", 10, ("y",))]
    assert [c.weight for c in sensitivity.checks] == pytest.approx([1.1, 0.9, 1.1, 0.9])
    note = next(f for f in report(text).findings if f.rule.name == "top_sensitive")
    assert note.message == "the top changes when a weight moves by 10%: p -10% -> y, q +10% -> y"


def test_leaders_after_a_weight_move_are_listed_in_plan_order() -> None:
    # before: z 9.3, y 9.2, x 9; with q's weight 2.2: x 9.8, y 9.8, z 9.73
    text = build([segment("x"), segment("z"), segment("y")], criteria=[("p", 1), ("q", 2)],
                 members=["m"], sheets=[("m", "x", {"p": 1, "q": 4}),
                                        ("m", "z", {"p": 5, "q": 2.15}),
                                        ("m", "y", {"p": 3.2, "q": 3})])
    analysis = report(text).analysis
    assert [r.segment for r in analysis.ranking] == ["z", "y", "x"]
    moved = next(c for c in analysis.sensitivity.checks
                 if c.criterion == "q" and c.change_pct == 10)
    assert moved.leaders == ("x", "y")  # plan order, as every tie


def test_a_wide_lead_holds() -> None:
    text = build([segment("x"), segment("y")], members=["m"],
                 sheets=[("m", "x", {"p": 5, "q": 4}), ("m", "y", {"p": 2, "q": 2})])
    sensitivity = report(text).analysis.sensitivity
    assert sensitivity.stable and len(sensitivity.checks) == 4
    assert sensitivity.step_pct == rules.SENSITIVITY_STEP_PCT == 10


# -- reach, value and offers --------------------------------------------------------------


def test_reach_and_value_of_each_segment() -> None:
    text = build([segment("x", size=1001, contactable_pct=50, long_term_value=20),
                  segment("u", contactable_pct=None), segment("z", contactable_pct=0)],
                 members=[])
    by_id = {s.id: s for s in report(text).analysis.segments}
    assert (by_id["x"].reachable, by_id["x"].reach, by_id["x"].total_long_term_value) == (
        501, Reach.CONTACTABLE, 20020)  # 500.5 rounds half up
    assert (by_id["u"].reach, by_id["u"].targetable) == (Reach.UNKNOWN, False)
    assert (by_id["z"].reach, by_id["z"].reachable) == (Reach.NONE, 0)
    findings = [(f.rule.name, f.subject, f.location) for f in report(text).findings
                if f.rule.name in ("contactable_unknown", "not_contactable")]
    assert findings == [("contactable_unknown", "u", where(text, "{id: u")),
                        ("not_contactable", "z", where(text, "{id: z"))]


def test_a_top_ranked_segment_without_an_offer_is_a_warning() -> None:
    text = build([segment("x"), segment("y", offers=[offer("o")])], members=["m"],
                 sheets=[("m", "x", {"p": 5, "q": 5}), ("m", "y", {"p": 1, "q": 1})])
    result = report(text)
    finding = next(f for f in result.findings if f.rule.name == "top_without_offer")
    assert (finding.severity, finding.message, finding.path) == (
        Severity.WARNING, "top-ranked segment 'x' has no offer", "segments[x]")
    assert result.exit_code(strict=False) == 0 and result.exit_code(strict=True) == 1


def test_an_offer_of_a_targeted_segment_needs_payment_and_delivery_or_service_terms() -> None:
    bare = {"id": "bare", "product": "Gift"}
    text = build([segment("x", offers=[bare, offer("full")]),
                  segment("y", offers=[bare])], members=["m"],
                 sheets=[("m", "x", {"p": 5, "q": 5}), ("m", "y", {"p": 1, "q": 1})])
    found = [(f.subject, f.message, f.path) for f in report(text).findings
             if f.rule.name == "offer_incomplete"]
    # y is neither the top nor the target of a campaign: its offer is not checked
    assert found == [("x", "offer 'bare' of targeted segment 'x' names no payment terms and "
                           "delivery or service terms", "segments[x].offers[bare]")]


def test_a_top_segment_of_prospects_is_noted() -> None:
    text = build([segment("x", existing_customers=False, offers=[offer("o")])], members=["m"],
                 sheets=[("m", "x", {"p": 5, "q": 5})])
    assert {"top_is_prospects", "top_without_campaign"} <= set(rules_found(report(text)))


# -- campaigns ----------------------------------------------------------------------------


def test_a_campaign_without_a_measurement_plan_is_refused_at_load() -> None:
    bare = {"id": "c", "name": "C", "segment": "x"}
    with pytest.raises(PlanError) as raised:
        load(build([segment("x")], campaigns=[bare]))
    text = build([segment("x")], campaigns=[bare])
    assert [(f"plan.yaml:{i.line}:{i.column}", i.message) for i in raised.value.issues] == [
        (where(text, "{id: c"), "required field 'measurement' is missing")]


@pytest.mark.parametrize("missing", ["metric", "method", "comparison_group", "start", "end"])
def test_every_part_of_the_measurement_plan_is_required(missing: str) -> None:
    measured = campaign("c", "x")
    del measured["measurement"][missing]
    with pytest.raises(PlanError) as raised:
        load(build([segment("x")], campaigns=[measured]))
    assert [i.message for i in raised.value.issues] == [
        f"required field '{missing}' is missing"]


def test_a_non_revenue_metric_without_a_revenue_conversion_is_an_error() -> None:
    kpis = [{"id": "repeat_purchase_rate"}, {"id": "avg_order_value"}]
    plain = campaign("c", "x", measurement={"revenue_conversion": None})
    money = campaign("m", "x", measurement={"metric": "avg_order_value",
                                            "revenue_conversion": None})
    text = build([segment("x", offers=[offer("o")])], kpis=kpis, campaigns=[plain, money])
    result = report(text)
    errors = [(f.message, f.location) for f in result.findings if f.severity is Severity.ERROR]
    assert errors == [("campaign 'c' measures 'repeat_purchase_rate', not revenue, and states "
                       "no revenue conversion", where(text, "measurement: {metric: repeat"))]
    assert result.exit_code(strict=False) == 1


@pytest.mark.parametrize(("fields", "rule"), [
    ({"test": True, "cost": 500, "expected_return": 300}, "test_does_not_cover_cost"),
    ({"cost": None}, "return_not_stated"),
    ({"measurement": {"method": "pre_post"}}, "no_control_group"),
    ({"measurement": {"end": "2026-01-20"}}, "measurement_misses_campaign"),
    ({"measurement": {"start": "2026-01-10"}}, "measurement_misses_campaign"),
    ({"results": [{"date": "2026-03-01", "revenue": 50, "cost": 90}]}, "result_below_cost"),
])
def test_campaign_rules(fields: dict[str, object], rule: str) -> None:
    measured = campaign("c", "x", offer="o", **fields)
    text = build([segment("x", offers=[offer("o")])], campaigns=[measured])
    campaign_rules = [r for r in rules_found(report(text)) if r not in (
        "top_without_campaign", "no_scores")]
    assert campaign_rules == [rule]


def test_a_well_planned_campaign_raises_nothing() -> None:
    text = build([segment("x", offers=[offer("o")])], members=["m"],
                 sheets=[("m", "x", {"p": 3, "q": 3})],
                 campaigns=[campaign("c", "x", offer="o", test=True)])
    result = report(text)
    assert result.findings == ()
    view = result.analysis.campaigns[0]
    assert (view.net, view.covers_cost, view.revenue_metric) == (200, True, False)


def test_a_campaign_without_an_offer_on_an_unreachable_segment() -> None:
    text = build([segment("x", contactable_pct=0)], campaigns=[campaign("c", "x")])
    assert {"campaign_without_offer", "campaign_not_targetable"} <= set(
        rules_found(report(text)))


# -- the matrix ---------------------------------------------------------------------------


def test_matrix_axes_follow_the_documented_components() -> None:
    criteria = [("short_term_profit", 1), ("speed", 1), ("long_term_value", 1),
                ("data_availability", 1)]
    text = build(
        [segment("x", contactable_pct=60, revenue_share_pct=40, long_term_value=10),
         segment("y", contactable_pct=100, revenue_share_pct=10, long_term_value=5),
         segment("z", contactable_pct=None)],
        criteria=criteria, members=["m"],
        sheets=[("m", "x", {"short_term_profit": 5, "speed": 1, "long_term_value": 3,
                            "data_availability": 3}),
                ("m", "y", {"short_term_profit": 1, "speed": 5, "long_term_value": 1,
                            "data_availability": 5})])
    points = {p.segment: p for p in report(text).analysis.matrix.points}
    # x ease: task force (1+3)/2 on 1-5 is 0.25, contactable 0.6 -> 0.425
    # x value: task force (5+3)/2 is 0.75, revenue share 1.0, long-term value 1.0 -> 0.9167
    assert (points["x"].ease, points["x"].value) == (pytest.approx(0.425), pytest.approx(
        (0.75 + 1 + 1) / 3))
    assert points["x"].quadrant == "prepare"
    assert points["y"].ease == pytest.approx(1.0) and points["y"].quadrant == "quick_test"
    # z: contactable share unknown, but no score on the ease criteria either
    assert report(text).analysis.matrix.unplaced == ("z",)


# -- determinism and the examples ---------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_examples_give_the_same_bytes_every_time(path: Path) -> None:
    with language("en"):
        first = json.dumps(to_data(analyse(load(path.read_text(encoding="utf-8")))))
        again = json.dumps(to_data(analyse(load(path.read_text(encoding="utf-8")))))
    assert first == again


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_examples_are_clean_and_ranked(path: Path) -> None:
    result = report(path.read_text(encoding="utf-8"))
    assert result.exit_code(strict=True) == 0
    assert all(r.rank is not None and r.complete for r in result.analysis.ranking)
    assert result.analysis.sensitivity.stable


# -- seed 001: a segment large enough to pay for its programme ---------------------------------


def test_a_segment_whose_reachable_value_does_not_cover_its_programme_is_too_small() -> None:
    small = segment("x", size=200, contactable_pct=50, long_term_value=80,
                    programme_cost=9000)
    large = segment("y", size=2000, long_term_value=80, programme_cost=9000)
    result = report(build([small, large]))
    [finding] = [f for f in result.findings if f.rule.name == "segment_too_small"]
    assert finding.message == "segment 'x' is too small for its programme: its reachable " \
                              "customers are worth 8000 USD, the programme costs 9000 USD a year"
    assert finding.code == "CRM640"
    x, y = result.analysis.segments
    assert (x.programme.reachable, x.programme.break_even, x.programme.pays) == (100, 113, False)
    assert (y.programme.reachable, y.programme.pays) == (1600, True)


def test_a_targeted_segment_that_does_not_say_when_it_buys_is_a_finding() -> None:
    timed = segment("x", offers=[offer("o")])
    untimed = {k: v for k, v in timed.items() if k != "purchase_timing"}
    text = build([untimed], campaigns=[campaign("c", "x", offer="o")])
    assert "purchase_timing_unknown" in rules_found(report(text))
    assert "purchase_timing_unknown" not in rules_found(report(build(
        [timed], campaigns=[campaign("c", "x", offer="o")])))


# -- seed 003: the measurement simulated before the campaign runs ------------------------------


def test_a_campaign_is_simulated_from_the_segment_and_the_offer() -> None:
    text = build([segment("x", offers=[offer("o", price=50)])], campaigns=[campaign(
        "c", "x", offer="o", cost=400, simulation={"response_rate_pct": 10,
                                                   "conversion_rate_pct": 25},
        results=[{"date": "2026-03-01", "revenue": 1200, "cost": 390, "responses": 90,
                  "conversions": 21}])])
    result = report(text)
    sim = result.analysis.campaigns[0].simulated
    assert sim is not None
    # 1,000 customers, 80% contactable: 800 contacted, 80 respond, 20 buy at the offer's 50
    assert (sim.audience, sim.responses, sim.conversions, sim.revenue, sim.covers_cost) == (
        800, 80, 20, 1000, True)
    assert "campaign_not_simulated" not in rules_found(result)
    plain_campaign = campaign("c", "x", offer="o")
    del plain_campaign["simulation"]
    [finding] = [f for f in report(build([segment("x", offers=[offer("o")])],
                                         campaigns=[plain_campaign])).findings
                 if f.rule.name == "campaign_not_simulated"]
    assert (finding.code, finding.message) == (
        "CRM642", "campaign 'c' has no simulation of its measurement")
