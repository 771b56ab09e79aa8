"""The KPI catalogue, defined once: every built-in KPI and all crmplan knows about it.

An entry of :data:`KPI_CATALOGUE` says what the KPI means, its unit, which way
it improves, the values it can take, what it tells about the customers, how
its figures are written and how it is computed from the client's order
exports, or that it cannot be. Everything else is derived from it: the
model's :class:`CatalogueKpi` and with it the JSON Schema, the KPIs
``baseline compute`` computes (:mod:`crmplan.data.kpis` holds the SQL of each
:class:`Count`, not a list of KPIs), the facts ``assess`` derives from a
plan's KPIs, and the list in the outline ``crmplan init`` writes.
tests/test_registries.py fails when a KPI lacks a translated name, a formula
for what it counts, or its place in the schema.

Display names are English source strings; wrap them in ``i18n._`` when showing them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crmplan.i18n import N_
from crmplan.model.base import registry_enum
from crmplan.model.units import Direction, Period, Unit


class Topic(str, enum.Enum):
    """What a KPI tells about the customers; ``assess`` asks the plan's KPIs by topic."""

    ACQUISITION = "acquisition"  # new customers, and their way to a first purchase
    RETENTION = "retention"  # customers who stay and buy again
    SPENDING = "spending"  # what customers pay
    SATISFACTION = "satisfaction"  # what customers think of the client
    SERVICE = "service"  # how the client answers them


class Format(str, enum.Enum):
    """How a figure is written."""

    PERCENT = "percent"  # a share of 0-100 with two decimals: 46.38%
    MONEY = "money"  # in the client's currency: ₩1,500,000
    NUMBER = "number"  # two decimals: 2.57
    WHOLE = "whole"  # a whole number: 1,204


class Count(str, enum.Enum):
    """What crmplan counts or sums in the order exports (:mod:`crmplan.data.kpis` holds the
    SQL of each), over the period that ends on the as-of date unless it says otherwise."""

    ACTIVE = "active"  # customers with an order in the period
    REPEAT = "repeat"  # customers with two or more orders in the period
    PREVIOUS = "previous"  # customers with an order in the period before
    RETAINED = "retained"  # customers of the period before who also ordered in this one
    LOST = "lost"  # customers of the period before without an order in this one
    NEW = "new"  # customers whose first order falls in the period
    ORDERS = "orders"  # orders of the period (refunds are not orders)
    # order revenue less refunds of the period: every revenue figure is net of refunds (a
    # gross one beside it would give away the refunds' sum, which may be withheld)
    NET_REVENUE = "net_revenue"
    WEEKS = "weeks"  # the period's length in weeks
    CUSTOMERS = "customers"  # customers with an order up to the as-of date (whole history)
    LIFETIME_NET_REVENUE = "lifetime_net_revenue"  # their net revenue (whole history)


@dataclass(frozen=True)
class Computation:
    """A figure from the order exports: ``of`` divided by ``per`` (``of`` itself when
    ``per`` is None), resting on the customers counted by ``over``: a figure of fewer
    customers than the plan's threshold is not shown."""

    of: Count
    per: Count | None
    over: Count

    @property
    def counts(self) -> tuple[Count, ...]:
        return (self.of, self.over) if self.per is None else (self.of, self.per, self.over)


@dataclass(frozen=True, kw_only=True)
class Measure:
    """A figure crmplan shows: its id, its name, how it is written, and how it is computed
    from the order exports (None: the exports cannot give it)."""

    id: str
    name: str
    fmt: Format
    computed: Computation | None


@dataclass(frozen=True, kw_only=True)
class CatalogueEntry(Measure):
    """A built-in KPI: what it means, its unit, which way is better, what it tells about,
    its possible values, and the period it is measured over when the plan names none
    (None: the plan's ``data.period``, else a quarter).

    The periods are common practice: a relationship NPS is surveyed each quarter;
    satisfaction after contact, conversion, response time, first-contact resolution and
    cart abandonment are reported each month. The KPIs computed from the exports keep
    the plan's ``data.period``, the window ``baseline compute`` counts over."""

    meaning: str
    unit: Unit
    direction: Direction
    topic: Topic
    minimum: float | None
    maximum: float | None
    period: Period | None = None


def _per(of: Count, per: Count) -> Computation:
    """``of`` per ``per``, resting on the customers counted by ``per``."""
    return Computation(of, per, per)


_PCT, _H, _L = Unit.PERCENT, Direction.HIGHER, Direction.LOWER
KPI_CATALOGUE: dict[str, CatalogueEntry] = {
    e.id: e
    for e in (
        CatalogueEntry(
            id="retention_rate", name=N_("Retention rate"),
            meaning=N_("customers kept over a period"), unit=_PCT, direction=_H,
            minimum=0, maximum=100, topic=Topic.RETENTION, fmt=Format.PERCENT,
            computed=_per(Count.RETAINED, Count.PREVIOUS)),
        CatalogueEntry(
            id="churn_rate", name=N_("Churn rate"),
            meaning=N_("customers lost over a period"), unit=_PCT, direction=_L,
            minimum=0, maximum=100, topic=Topic.RETENTION, fmt=Format.PERCENT,
            computed=_per(Count.LOST, Count.PREVIOUS)),
        CatalogueEntry(
            id="csat", name=N_("Customer satisfaction (CSAT)"),
            meaning=N_("customer satisfaction score"), unit=Unit.SCORE, direction=_H,
            minimum=0, maximum=None, topic=Topic.SATISFACTION, fmt=Format.NUMBER,
            period=Period.MONTH, computed=None),
        CatalogueEntry(
            id="nps", name=N_("Net promoter score (NPS)"),
            meaning=N_("promoters minus detractors"), unit=Unit.SCORE, direction=_H,
            minimum=-100, maximum=100, topic=Topic.SATISFACTION, fmt=Format.NUMBER,
            period=Period.QUARTER, computed=None),
        CatalogueEntry(
            id="conversion_rate", name=N_("Conversion rate"),
            meaning=N_("leads or consultations that buy"), unit=_PCT, direction=_H,
            minimum=0, maximum=100, topic=Topic.ACQUISITION, fmt=Format.PERCENT,
            period=Period.MONTH, computed=None),
        CatalogueEntry(
            id="repeat_purchase_rate", name=N_("Repeat purchase rate"),
            meaning=N_("customers who buy again"), unit=_PCT, direction=_H,
            minimum=0, maximum=100, topic=Topic.RETENTION, fmt=Format.PERCENT,
            computed=_per(Count.REPEAT, Count.ACTIVE)),
        CatalogueEntry(
            id="avg_order_value", name=N_("Average order value"),
            meaning=N_("revenue per order"), unit=Unit.CURRENCY, direction=_H,
            minimum=0, maximum=None, topic=Topic.SPENDING, fmt=Format.MONEY,
            computed=Computation(Count.NET_REVENUE, Count.ORDERS, Count.ACTIVE)),
        CatalogueEntry(
            id="avg_response_time", name=N_("Average response time"),
            meaning=N_("time to first answer"), unit=Unit.HOURS, direction=_L,
            minimum=0, maximum=None, topic=Topic.SERVICE, fmt=Format.NUMBER,
            period=Period.MONTH, computed=None),
        CatalogueEntry(
            id="first_contact_resolution", name=N_("First-contact resolution"),
            meaning=N_("issues solved at first contact"), unit=_PCT, direction=_H,
            minimum=0, maximum=100, topic=Topic.SERVICE, fmt=Format.PERCENT,
            period=Period.MONTH, computed=None),
        CatalogueEntry(
            id="cltv", name=N_("Customer lifetime value"),
            meaning=N_("value of a customer over the relationship"), unit=Unit.CURRENCY,
            direction=_H, minimum=0, maximum=None, topic=Topic.SPENDING, fmt=Format.MONEY,
            computed=Computation(Count.LIFETIME_NET_REVENUE, Count.CUSTOMERS,
                                 Count.CUSTOMERS)),
        CatalogueEntry(
            id="new_customers_per_week", name=N_("New customers per week"),
            meaning=N_("acquisition pace"), unit=Unit.COUNT, direction=_H,
            minimum=0, maximum=None, topic=Topic.ACQUISITION, fmt=Format.NUMBER,
            computed=Computation(Count.NEW, Count.WEEKS, Count.NEW)),
        CatalogueEntry(
            id="cart_abandonment_rate", name=N_("Cart abandonment rate"),
            meaning=N_("started but unfinished purchases"), unit=_PCT, direction=_L,
            minimum=0, maximum=100, topic=Topic.ACQUISITION, fmt=Format.PERCENT,
            period=Period.MONTH, computed=None),
    )
}

# Figures ``baseline compute`` shows beside the plan's KPIs: no KPI of the catalogue.
EXTRA_FIGURES: dict[str, Measure] = {
    m.id: m
    for m in (
        Measure(id="active_customers", name=N_("Active customers"), fmt=Format.WHOLE,
                computed=Computation(Count.ACTIVE, None, Count.ACTIVE)),
        Measure(id="purchase_frequency", name=N_("Purchase frequency"), fmt=Format.NUMBER,
                computed=_per(Count.ORDERS, Count.ACTIVE)),
        Measure(id="revenue_per_customer", name=N_("Revenue per customer"), fmt=Format.MONEY,
                computed=_per(Count.NET_REVENUE, Count.ACTIVE)),
    )
}

if TYPE_CHECKING:
    class CatalogueKpi(str, enum.Enum):
        ...
else:
    CatalogueKpi = registry_enum(
        "CatalogueKpi",
        "The built-in KPI catalogue; custom KPIs declare their own unit and direction.",
        KPI_CATALOGUE, __name__)


def measure(measure_id: str) -> Measure | None:
    """The catalogue KPI or extra figure of ``measure_id``, if there is one."""
    return KPI_CATALOGUE.get(measure_id) or EXTRA_FIGURES.get(measure_id)


def catalogue_entry(kpi_id: str, catalogue: str | None = None) -> CatalogueEntry | None:
    """The catalogue KPI a plan's KPI is: its ``catalogue``, else its id; None for a custom
    KPI."""
    return KPI_CATALOGUE.get(catalogue or kpi_id)


# What a unit allows when neither the plan nor the catalogue says: a percentage
# is a share (0-100), a count is never negative.
UNIT_LIMITS: dict[Unit, tuple[float | None, float | None]] = {
    Unit.PERCENT: (0, 100),
    Unit.COUNT: (0, None),
}


def possible_values(catalogue_id: str | None, unit: Unit | None, low: float | None,
                    high: float | None) -> tuple[float | None, float | None]:
    """The lowest and highest value a KPI can take: the plan's bounds, else the catalogue's,
    else what its unit allows."""
    entry = KPI_CATALOGUE.get(catalogue_id or "")
    unit = unit or (entry.unit if entry else None)
    unit_low, unit_high = UNIT_LIMITS.get(unit, (None, None)) if unit else (None, None)
    if entry:
        unit_low, unit_high = entry.minimum, entry.maximum
    return (low if low is not None else unit_low, high if high is not None else unit_high)
