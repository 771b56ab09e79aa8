"""The segment analysis as the report and the documents read it (crmplan.segment.engine).

Each test builds a small plan, runs :func:`analyse` and checks the figures, words and
places the reader is shown: the order of the findings, the task force's scale and
criteria, each segment's reach and value, each offer and campaign, each result's lift.
"""

from __future__ import annotations

import pytest

from crmplan.findings import Severity
from crmplan.i18n import language
from crmplan.segment.engine import analyse
from crmplan.segment.lift import rate_lift
from crmplan.segment.views import Reach, ResultView
from segment_plans import build, campaign, load, offer, report, segment, where

PLAIN = "schema_version: 1\nclient: {name: Acme, currency: EUR, language: en}\n"


def test_findings_come_errors_first_then_warnings_then_notes_each_in_rule_order() -> None:
    text = build(
        [segment("x", contactable_pct=None), segment("y", offers=[offer("o")])],
        sheets=[
            ("a", "x", {"p": 1, "q": 3}),
            ("b", "x", {"p": 5, "q": 3}),
            ("a", "y", {"p": 1, "q": 1}),
        ],
        campaigns=[campaign("c", "y", offer="o", measurement={"revenue_conversion": None})],
    )
    found = [(f.severity, f.rule.name) for f in report(text).findings]
    # the rules run 601 contactable_unknown ... 606 disagreement ... 614 conversion_missing
    assert found == [
        (Severity.ERROR, "conversion_missing"),
        (Severity.WARNING, "contactable_unknown"),
        (Severity.WARNING, "missing_scores"),
        (Severity.WARNING, "top_not_targetable"),
        (Severity.WARNING, "top_without_offer"),
        (Severity.NOTE, "disagreement"),
        (Severity.NOTE, "top_without_campaign"),
    ]


def test_a_finding_carries_its_message_and_hint_and_the_segment_it_is_about() -> None:
    text = build(
        [segment("x", contactable_pct=None)],
        sheets=[("a", "x", {"p": 3, "q": 3})],
    )
    by_rule = {f.rule.name: f for f in report(text).findings}
    unknown, missing = by_rule["contactable_unknown"], by_rule["missing_scores"]
    assert (unknown.subject, unknown.message, unknown.hint) == (
        "x",
        "segment 'x' is not targetable yet: its contactable share is not stated",
        "check how many of its customers can be contacted individually and write contactable_pct",
    )
    # about a member, not a segment: no subject
    assert (missing.subject, missing.hint) == (
        "",
        "totals use the mean of the members who scored; complete the sheets to rank on the "
        "whole task force",
    )


# -- the plan, the task force, the criteria ---------------------------------------------


def test_the_analysis_names_the_plan_the_client_and_the_task_force() -> None:
    text = build(
        [segment("x")],
        scale=(0, 10),
        sheets=[("a", "x", {"p": 7, "q": 7}), ("b", "x", {"p": 2, "q": 7})],
    )
    with language("en"):
        analysis = analyse(load(text, "acme.yaml")).analysis
    assert (analysis.plan, analysis.client, analysis.currency) == ("acme.yaml", "Acme", "USD")
    assert (analysis.scale, analysis.disagreement_spread) == ((0, 10), 5.0)
    assert (analysis.members, analysis.sheets) == ((("a", "Member a"), ("b", "Member b")), 2)


def test_a_plan_without_a_task_force_is_scored_on_one_to_five_with_the_default_criteria() -> None:
    text = PLAIN + "segments:\n  - {id: x, name: Segment x, definition: Everyone}\n"
    analysis = report(text).analysis
    assert (analysis.scale, analysis.disagreement_spread) == ((1, 5), 2.0)
    assert (analysis.members, analysis.sheets, analysis.currency) == ((), 0, "EUR")
    assert [(c.id, c.name, c.weight, c.default, c.axis, c.path) for c in analysis.criteria] == [
        (
            "short_term_profit",
            "Short-term profitability (test covers its cost)",
            2.0,
            True,
            "value",
            ("task_force",),
        ),
        ("speed", "Speed to execute", 1.0, True, "ease", ("task_force",)),
        ("customer_interest", "Customer interest", 1.0, True, None, ("task_force",)),
        ("explosive_response", "Chance of an explosive response", 1.0, True, None, ("task_force",)),
        ("long_term_value", "Long-term value", 1.0, True, "value", ("task_force",)),
        ("data_availability", "Data availability", 1.0, True, "ease", ("task_force",)),
    ]
    assert [(r.segment, r.rank) for r in analysis.ranking] == [("x", None)]


def test_the_plans_criteria_keep_their_name_weight_axis_and_place() -> None:
    text = build(
        [segment("x")],
        criteria=[("speed", 1), ("short_term_profit", 3), ("p", 0.5)],
        members=["m"],
        sheets=[("m", "x", {"speed": 2, "short_term_profit": 4, "p": 5})],
    )
    criteria = report(text).analysis.criteria
    assert [(c.id, c.name, c.weight, c.default, c.axis, c.path) for c in criteria] == [
        ("speed", "Criterion speed", 1.0, False, "ease", ("task_force", "criteria", 0)),
        (
            "short_term_profit",
            "Criterion short_term_profit",
            3.0,
            False,
            "value",
            ("task_force", "criteria", 1),
        ),
        ("p", "Criterion p", 0.5, False, None, ("task_force", "criteria", 2)),
    ]


def test_a_segment_points_at_its_first_score_sheet() -> None:
    text = build(
        [segment("x"), segment("y")],
        members=["a", "b"],
        sheets=[
            ("a", "y", {"p": 3, "q": 3}),
            ("b", "y", {"p": 3, "q": 3}),
            ("b", "x", {"p": 2, "q": 2}),
            ("a", "x", {"p": 2, "q": 2}),
        ],
    )
    ranking = {r.segment: r.first_sheet for r in report(text).analysis.ranking}
    assert ranking == {"y": 0, "x": 2}


# -- segments and offers ------------------------------------------------------------------


def test_a_segment_shows_every_figure_the_plan_gives_it_where_it_is_written() -> None:
    described = segment(
        "x",
        size=400,
        contactable_pct=25,
        consented_pct=60,
        revenue_share_pct=30,
        annual_revenue=90000,
        long_term_value=150,
        value_note="Three years of orders",
        existing_customers=True,
    )
    text = build([segment("w"), described], members=[])
    x = report(text).analysis.segment("x")
    assert (x.id, x.name, x.definition, x.index, x.existing_customers) == (
        "x",
        "Segment x",
        "Everyone",
        1,
        True,
    )
    assert (x.size, x.contactable_pct, x.consented_pct, x.reachable, x.reach) == (
        400,
        25,
        60,
        100,
        Reach.CONTACTABLE,
    )
    assert (x.revenue_share_pct, x.annual_revenue, x.long_term_value) == (30, 90000, 150)
    assert (x.total_long_term_value, x.value_note, x.purchase_timing) == (
        60000,
        "Three years of orders",
        "Every spring",
    )
    assert x.location == where(text, "{id: x")


def test_a_segment_lists_the_campaigns_aimed_at_it_in_plan_order() -> None:
    text = build(
        [segment("x", offers=[offer("o")]), segment("y", offers=[offer("o")])],
        members=[],
        campaigns=[
            campaign("c2", "x", offer="o"),
            campaign("c1", "y", offer="o"),
            campaign("c0", "x", offer="o"),
        ],
    )
    analysis = report(text).analysis
    assert [(s.id, s.campaigns) for s in analysis.segments] == [
        ("x", ("c2", "c0")),
        ("y", ("c1",)),
    ]


@pytest.mark.parametrize(
    ("size", "share", "reach", "reachable"),
    [
        (0, 50, Reach.NONE, 0),  # nobody to contact
        (1, 50, Reach.CONTACTABLE, 1),  # one customer, half a customer rounds up
        (3, 0, Reach.NONE, 0),
        (None, 50, Reach.CONTACTABLE, None),  # a share without a size: no count
        (1000, None, Reach.UNKNOWN, None),
        (999, 50, Reach.CONTACTABLE, 500),  # 499.5 rounds half up
        (1001, 49.9, Reach.CONTACTABLE, 499),  # 499.499 rounds down
    ],
)
def test_reach_and_the_customers_who_can_be_contacted(
    size: int | None, share: float | None, reach: Reach, reachable: int | None
) -> None:
    text = build([segment("x", size=size, contactable_pct=share)], members=[])
    x = report(text).analysis.segment("x")
    assert (x.reach, x.reachable) == (reach, reachable)


@pytest.mark.parametrize(("size", "value"), [(None, 20), (100, None)])
def test_a_segments_total_value_needs_both_its_size_and_its_value(
    size: int | None, value: float | None
) -> None:
    text = build([segment("x", size=size, long_term_value=value)], members=[])
    assert report(text).analysis.segment("x").total_long_term_value is None


def test_an_offer_shows_its_terms_the_ones_it_lacks_and_where_it_is() -> None:
    offers = [
        offer("full", service_terms="Free returns"),
        {"id": "bare", "product": "Gift"},
        offer("paid", delivery_terms=None, service_terms="Set up on site"),
        offer("unpaid", payment_terms=None),
    ]
    text = build([segment("w"), segment("x", offers=offers)], members=[])
    shown = [
        (o.id, o.index, o.product, o.payment_terms, o.delivery_terms, o.service_terms, o.missing)
        for o in report(text).analysis.segment("x").offers
    ]
    assert shown == [
        ("full", 0, "A bundle", "Pay later", "Next day", "Free returns", ()),
        ("bare", 1, "Gift", None, None, None, ("payment_terms", "delivery_or_service_terms")),
        ("paid", 2, "A bundle", "Pay later", None, "Set up on site", ()),
        ("unpaid", 3, "A bundle", None, "Next day", None, ("payment_terms",)),
    ]
    locations = [o.location for o in report(text).analysis.segment("x").offers]
    assert locations == [where(text, f"{{id: {o}") for o in ("full", "bare", "paid", "unpaid")]


# -- campaigns and their results ----------------------------------------------------------


def test_a_campaign_shows_its_plan_its_offer_and_where_it_is() -> None:
    planned = campaign(
        "c",
        "x",
        offer="o2",
        hypothesis="Lapsed buyers come back for a bundle",
        measurement={"value_per_unit": 40},
    )
    segments = [segment("w"), segment("x", offers=[offer("o1"), offer("o2", product="A kit")])]
    text = build(segments, members=[], campaigns=[campaign("b", "w"), planned])
    view = report(text).analysis.campaigns[1]
    assert (view.id, view.index, view.name, view.segment, view.offer) == (
        "c",
        1,
        "Campaign c",
        "x",
        "o2",
    )
    assert (view.hypothesis, view.offer_product, view.comparison_group) == (
        "Lapsed buyers come back for a bundle",
        "A kit",
        "Random 10% held out",
    )
    assert (view.metric, view.method, view.value_per_unit) == (
        "repeat_purchase_rate",
        "holdout",
        40,
    )
    assert view.location == where(text, "{id: c,")


def test_a_campaign_on_an_offer_the_segment_lacks_or_none_shows_no_product() -> None:
    text = build(
        [segment("x", offers=[offer("o")])],
        members=[],
        campaigns=[campaign("c", "x")],
    )
    assert report(text).analysis.campaigns[0].offer_product is None


def test_a_campaigns_simulation_reaches_the_customers_of_its_own_segment() -> None:
    small = segment("w", size=100, contactable_pct=50, offers=[offer("o", price=10)])
    large = segment("x", size=1000, contactable_pct=50, offers=[offer("o", price=10)])
    text = build([small, large], members=[], campaigns=[campaign("c", "x", offer="o")])
    simulated = report(text).analysis.campaigns[0].simulated
    assert simulated is not None and simulated.audience == 500


@pytest.mark.parametrize(
    ("kpi", "lang", "name", "money"),
    [
        ({"id": "repeat_purchase_rate"}, "en", "Repeat purchase rate", False),
        ({"id": "repeat_purchase_rate"}, "ko", "재구매율", False),
        (
            {"id": "repeat_purchase_rate", "name": "Returning buyers"},
            "en",
            "Returning buyers",
            False,
        ),
        ({"id": "basket", "catalogue": "avg_order_value"}, "ko", "평균 주문 금액", True),
        (
            {"id": "basket", "name": "Basket", "unit": "currency", "direction": "higher"},
            "en",
            "Basket",
            True,
        ),
        ({"id": "visits", "unit": "count", "direction": "higher"}, "en", "visits", False),
    ],
)
def test_a_campaigns_metric_is_named_and_counted_as_its_kpi_is(
    kpi: dict[str, str], lang: str, name: str, money: bool
) -> None:
    measured = campaign("c", "x", measurement={"metric": kpi["id"]})
    text = build([segment("x")], members=[], kpis=[kpi], campaigns=[measured])
    with language(lang):
        view = analyse(load(text)).analysis.campaigns[0]
    assert (view.metric_name, view.revenue_metric) == (name, money)


def result_of(kpi: dict[str, str], **result: object) -> ResultView:
    """The first result of a campaign measured on ``kpi``, as the analysis shows it."""
    recorded = {"date": "2026-03-01", **result}
    measured = campaign("c", "x", measurement={"metric": kpi["id"]}, results=[recorded])
    text = build([segment("x")], members=[], kpis=[kpi], campaigns=[measured])
    return report(text).analysis.campaigns[0].results[0]


RATE = {"id": "repeat_purchase_rate"}
MONEY = {"id": "avg_order_value"}
GROUPS = {"treated_size": 400, "comparison_size": 100}


def test_a_rate_measured_on_groups_of_known_size_gets_its_lift() -> None:
    shown = result_of(
        RATE,
        metric_value=30,
        comparison_value=20,
        **GROUPS,
        revenue=900,
        cost=300,
        responses=120,
        conversions=40,
        decision="Roll out to every segment",
        note="Stronger in the second week",
    )
    assert shown.lift == rate_lift(30, 400, 20, 100)
    assert (shown.treated, shown.comparison, shown.uplift, shown.rate, shown.money) == (
        30,
        20,
        10,
        True,
        False,
    )
    assert (shown.revenue, shown.cost, shown.responses, shown.conversions) == (900, 300, 120, 40)
    assert (str(shown.date), shown.decision, shown.note) == (
        "2026-03-01",
        "Roll out to every segment",
        "Stronger in the second week",
    )


@pytest.mark.parametrize(("treated", "comparison"), [(0, 20), (30, 0)])
def test_a_rate_of_zero_in_either_group_still_gets_its_lift(treated: int, comparison: int) -> None:
    shown = result_of(RATE, metric_value=treated, comparison_value=comparison, **GROUPS)
    assert shown.lift == rate_lift(treated, 400, comparison, 100)
    assert shown.uplift == treated - comparison


@pytest.mark.parametrize(
    "left_out", ["metric_value", "comparison_value", "treated_size", "comparison_size"]
)
def test_a_lift_needs_both_rates_and_both_group_sizes(left_out: str) -> None:
    given = {"metric_value": 30, "comparison_value": 20, **GROUPS}
    del given[left_out]
    shown = result_of(RATE, **given)
    assert shown.lift is None
    both = left_out not in ("metric_value", "comparison_value")
    assert shown.uplift == (10 if both else None)


def test_a_figure_in_money_gets_its_difference_but_no_lift() -> None:
    shown = result_of(MONEY, metric_value=52, comparison_value=48, **GROUPS)
    assert (shown.lift, shown.uplift, shown.rate, shown.money) == (None, 4, False, True)
