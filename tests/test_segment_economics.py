"""Whether a segment can pay for its programme and what a campaign's simulation brings
(crmplan.segment.economics): the figures the strategy's segment and campaign pages print."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from crmplan.model.customers import Campaign, Segment
from crmplan.segment.economics import Programme, Simulated, programme, reachable, simulate

MEASUREMENT = {
    "metric": "repeat_purchase_rate",
    "method": "holdout",
    "comparison_group": "Random 10% held out",
    "start": dt.date(2026, 1, 5),
    "end": dt.date(2026, 2, 15),
    "revenue_conversion": "One point is 40 orders",
}


def a_segment(**fields: Any) -> Segment:
    """1,000 customers, 80% of them contactable, offered ``o`` at 50 unless told."""
    base: dict[str, Any] = {
        "id": "x",
        "name": "Segment x",
        "definition": "Everyone",
        "size": 1000,
        "contactable_pct": 80,
        "offers": [{"id": "o", "product": "A bundle", "price": 50}],
    }
    return Segment.model_validate({**base, **fields})


def a_campaign(simulation: dict[str, Any] | None = None, **fields: Any) -> Campaign:
    """A campaign on segment ``x`` with offer ``o``, costing 400, 10% responding and a
    quarter of those buying unless told."""
    base: dict[str, Any] = {
        "id": "c",
        "name": "Campaign c",
        "segment": "x",
        "offer": "o",
        "cost": 400,
        "measurement": MEASUREMENT,
        "simulation": {"response_rate_pct": 10, "conversion_rate_pct": 25, **(simulation or {})},
    }
    return Campaign.model_validate({**base, **fields})


# -- who can be reached -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "contactable", "expected"),
    [
        (1000, 80, 800),
        (1000, None, 1000),  # no share stated: the whole segment
        (5, 50, 3),  # 2.5 customers: half a customer rounds up
        (3, 50, 2),  # 1.5
        (7, 30, 2),  # 2.1
        (1, 49, 0),  # 0.49
        (1, 50, 1),  # 0.5
        (0, 80, 0),
        (None, 80, None),  # no size: nobody can say
    ],
)
def test_the_reachable_customers_are_the_contactable_share_of_the_size(
    size: int | None, contactable: float | None, expected: int | None
) -> None:
    assert reachable(a_segment(size=size, contactable_pct=contactable)) == expected


# -- whether a segment pays for its programme -------------------------------------------------


def test_no_programme_without_a_programme_cost() -> None:
    assert programme(a_segment(long_term_value=80)) is None


def test_a_programme_that_the_reachable_value_covers_pays() -> None:
    """800 reachable customers worth 80 each: 64,000 against a cost of 9,000."""
    found = programme(a_segment(long_term_value=80, programme_cost=9000))
    assert found == Programme(9000, 800, 80, 113)  # 9,000 / 80 = 112.5 customers
    assert (found.reachable_value, found.pays) == (64000, True)


def test_a_programme_exactly_covered_pays_and_its_break_even_is_exact() -> None:
    """100 reachable customers worth 90 each cover a cost of 9,000 exactly."""
    found = programme(
        a_segment(size=100, contactable_pct=None, long_term_value=90, programme_cost=9000)
    )
    assert found is not None
    assert (found.break_even, found.reachable_value, found.pays) == (100, 9000, True)


def test_a_programme_short_by_one_customer_does_not_pay() -> None:
    found = programme(
        a_segment(size=99, contactable_pct=None, long_term_value=90, programme_cost=9000)
    )
    assert found is not None
    assert (found.break_even, found.reachable_value, found.pays) == (100, 8910, False)


@pytest.mark.parametrize(
    "fields",
    [
        {"size": None, "long_term_value": 80},  # nobody knows how many can be reached
        {"long_term_value": None},  # nobody knows what a customer is worth
        {"size": None, "long_term_value": None},
    ],
)
def test_whether_a_programme_pays_is_unknown_without_size_or_value(fields: dict[str, Any]) -> None:
    found = programme(a_segment(programme_cost=9000, **fields))
    assert found is not None
    assert (found.reachable_value, found.pays) == (None, None)


def test_a_customer_worth_nothing_has_no_break_even() -> None:
    found = programme(a_segment(long_term_value=0, programme_cost=9000))
    assert found == Programme(9000, 800, 0, None)
    assert found.pays is False


# -- a campaign's simulation ----------------------------------------------------------------


def test_no_simulation_no_figures() -> None:
    assert simulate(a_campaign().model_copy(update={"simulation": None}), a_segment()) is None


def test_a_campaign_is_simulated_on_the_reachable_customers_at_the_offers_price() -> None:
    """800 contacted, 80 respond, 20 buy at 50: 1,000 against a cost of 400."""
    found = simulate(a_campaign(), a_segment())
    assert found == Simulated(800, 80, 20, 50, 1000, 400)
    assert found is not None and found.covers_cost is True


def test_the_simulations_own_audience_and_value_come_before_the_segments() -> None:
    """2,000 contacted, 200 respond, 50 buy at 30 each: 1,500."""
    found = simulate(a_campaign({"audience": 2000, "value_per_conversion": 30}), a_segment())
    assert found == Simulated(2000, 200, 50, 30, 1500, 400)


@pytest.mark.parametrize(("cost", "covers"), [(1000, True), (1001, False)])
def test_a_revenue_equal_to_the_cost_covers_it_and_one_less_does_not(
    cost: float, covers: bool
) -> None:
    found = simulate(a_campaign(cost=cost), a_segment())  # a revenue of 1,000
    assert found is not None and found.covers_cost is covers


def test_without_the_segment_only_the_simulations_own_figures_count() -> None:
    assert simulate(a_campaign(), None) == Simulated(None, None, None, None, None, 400)
    assert simulate(a_campaign({"audience": 100}), None) == Simulated(100, 10, 2.5, None, None, 400)
    assert simulate(a_campaign({"audience": 100, "value_per_conversion": 40}), None) == (
        Simulated(100, 10, 2.5, 40, 100, 400)
    )


def test_a_segment_of_unknown_size_gives_no_audience() -> None:
    found = simulate(a_campaign(), a_segment(size=None))
    assert found == Simulated(None, None, None, 50, None, 400)
    assert found is not None and found.covers_cost is None


@pytest.mark.parametrize(
    ("offer", "offers", "value"),
    [
        (
            "o",
            [
                {"id": "n", "product": "Other", "price": 70},
                {"id": "o", "product": "A bundle", "price": 50},
            ],
            50,
        ),  # the campaign's own offer
        ("o", [{"id": "n", "product": "Other", "price": 70}], None),  # an offer the segment lacks
        (None, [{"id": "o", "product": "A bundle", "price": 50}], None),  # no offer named
        ("o", [{"id": "o", "product": "A bundle"}], None),  # an offer without a price
    ],
)
def test_a_conversion_is_valued_at_the_price_of_the_campaigns_offer(
    offer: str | None, offers: list[dict[str, Any]], value: float | None
) -> None:
    found = simulate(a_campaign(offer=offer), a_segment(offers=offers))
    assert found is not None
    assert (found.value_per_conversion, found.revenue) == (
        value,
        None if value is None else 20 * value,
    )


def test_a_campaign_without_a_cost_cannot_say_whether_it_covers_it() -> None:
    found = simulate(a_campaign(cost=None), a_segment())
    assert found is not None
    assert (found.revenue, found.cost, found.covers_cost) == (1000, None, None)
