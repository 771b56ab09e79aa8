"""Whether a segment can pay for its programme, and what a campaign is expected to bring
before it runs: plain arithmetic over the plan's figures.

- A segment's programme pays when the long-term value of the customers it can reach covers
  what the programme costs a year: ``reachable × long_term_value >= programme_cost``. The
  break-even is the number of those customers whose value covers the cost. A segment whose
  whole reachable value falls short is too small to target economically.
- A campaign's simulation: ``audience × response rate`` customers respond,
  ``responses × conversion rate`` buy, and each brings the offer's price (or the
  simulation's ``value_per_conversion``); the revenue is set against the campaign's cost,
  and shown beside the results once they are recorded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from crmplan.model.customers import Campaign, Segment


@dataclass(frozen=True)
class Programme:
    """A segment's programme against the value it can reach."""

    cost: float
    reachable: int | None  # customers it can contact one by one (its size when not stated)
    value_per_customer: float | None
    break_even: int | None  # customers whose value covers the cost

    @property
    def reachable_value(self) -> float | None:
        if self.reachable is None or self.value_per_customer is None:
            return None
        return self.reachable * self.value_per_customer

    @property
    def pays(self) -> bool | None:
        """None when the size or the value per customer is not known."""
        value = self.reachable_value
        return None if value is None else value >= self.cost


@dataclass(frozen=True)
class Simulated:
    """A campaign's measurement simulated before it runs."""

    audience: int | None
    responses: float | None
    conversions: float | None
    value_per_conversion: float | None
    revenue: float | None
    cost: float | None

    @property
    def covers_cost(self) -> bool | None:
        if self.revenue is None or self.cost is None:
            return None
        return self.revenue >= self.cost


def reachable(segment: Segment) -> int | None:
    """Customers who can be contacted individually (the segment's size when the share is
    not stated)."""
    if segment.size is None:
        return None
    share = 100.0 if segment.contactable_pct is None else segment.contactable_pct
    return math.floor(segment.size * share / 100 + 0.5)


def programme(segment: Segment) -> Programme | None:
    """The segment's programme against its reachable value; None without a programme cost."""
    if segment.programme_cost is None:
        return None
    value = segment.long_term_value
    even = math.ceil(segment.programme_cost / value) if value else None
    return Programme(segment.programme_cost, reachable(segment), value, even)


def simulate(campaign: Campaign, segment: Segment | None) -> Simulated | None:
    """The simulated responses, conversions and revenue; None without a simulation."""
    sim = campaign.simulation
    if sim is None:
        return None
    audience = sim.audience if sim.audience is not None else (
        reachable(segment) if segment else None)
    responses = None if audience is None else audience * sim.response_rate_pct / 100
    conversions = None if responses is None else responses * sim.conversion_rate_pct / 100
    value = sim.value_per_conversion if sim.value_per_conversion is not None else (
        _offer_price(campaign, segment))
    revenue = None if conversions is None or value is None else conversions * value
    return Simulated(audience, responses, conversions, value, revenue, campaign.cost)


def _offer_price(campaign: Campaign, segment: Segment | None) -> float | None:
    if segment is None or campaign.offer is None:
        return None
    offer = next((o for o in segment.offers if o.id == campaign.offer), None)
    return offer.price if offer else None
