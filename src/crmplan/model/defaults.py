"""The frameworks' defaults: KPI catalogue, journey stages, task-force criteria.

Display names are English source strings; wrap them in ``i18n._`` when showing them.
"""

from __future__ import annotations

from dataclasses import dataclass

from crmplan.i18n import N_
from crmplan.model.kpis import Direction, Unit


@dataclass(frozen=True)
class CatalogueEntry:
    """A built-in KPI: what it means, its unit, which way is better, its possible values."""

    id: str
    name: str
    meaning: str
    unit: Unit
    direction: Direction
    minimum: float | None = None
    maximum: float | None = None


_H, _L = Direction.HIGHER, Direction.LOWER
KPI_CATALOGUE: dict[str, CatalogueEntry] = {
    e.id: e
    for e in (
        CatalogueEntry("retention_rate", N_("Retention rate"),
                       N_("customers kept over a period"), Unit.PERCENT, _H, 0, 100),
        CatalogueEntry("churn_rate", N_("Churn rate"),
                       N_("customers lost over a period"), Unit.PERCENT, _L, 0, 100),
        CatalogueEntry("csat", N_("Customer satisfaction (CSAT)"),
                       N_("customer satisfaction score"), Unit.SCORE, _H, 0, None),
        CatalogueEntry("nps", N_("Net promoter score (NPS)"),
                       N_("promoters minus detractors"), Unit.SCORE, _H, -100, 100),
        CatalogueEntry("conversion_rate", N_("Conversion rate"),
                       N_("leads or consultations that buy"), Unit.PERCENT, _H, 0, 100),
        CatalogueEntry("repeat_purchase_rate", N_("Repeat purchase rate"),
                       N_("customers who buy again"), Unit.PERCENT, _H, 0, 100),
        CatalogueEntry("avg_order_value", N_("Average order value"),
                       N_("revenue per order"), Unit.CURRENCY, _H, 0, None),
        CatalogueEntry("avg_response_time", N_("Average response time"),
                       N_("time to first answer"), Unit.HOURS, _L, 0, None),
        CatalogueEntry("first_contact_resolution", N_("First-contact resolution"),
                       N_("issues solved at first contact"), Unit.PERCENT, _H, 0, 100),
        CatalogueEntry("cltv", N_("Customer lifetime value"),
                       N_("value of a customer over the relationship"), Unit.CURRENCY, _H, 0,
                       None),
        CatalogueEntry("new_customers_per_week", N_("New customers per week"),
                       N_("acquisition pace"), Unit.COUNT, _H, 0, None),
        CatalogueEntry("cart_abandonment_rate", N_("Cart abandonment rate"),
                       N_("started but unfinished purchases"), Unit.PERCENT, _L, 0, 100),
    )
}


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


@dataclass(frozen=True)
class DefaultItem:
    """A default stage or criterion: its id and English display name."""

    id: str
    name: str


DEFAULT_STAGES: tuple[DefaultItem, ...] = (
    DefaultItem("awareness", N_("Awareness")),
    DefaultItem("consideration", N_("Consideration")),
    DefaultItem("purchase", N_("Purchase")),
    DefaultItem("retention", N_("Retention")),
    DefaultItem("advocacy", N_("Advocacy")),
)

# The implementation method's priority factors for choosing the segment to attack first.
DEFAULT_CRITERIA: tuple[DefaultItem, ...] = (
    DefaultItem("short_term_profit", N_("Short-term profitability (test covers its cost)")),
    DefaultItem("speed", N_("Speed to execute")),
    DefaultItem("customer_interest", N_("Customer interest")),
    DefaultItem("explosive_response", N_("Chance of an explosive response")),
    DefaultItem("long_term_value", N_("Long-term value")),
    DefaultItem("data_availability", N_("Data availability")),
)
