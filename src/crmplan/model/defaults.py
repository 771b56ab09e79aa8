"""The frameworks' defaults: journey stages and task-force criteria (the KPI catalogue is
:mod:`crmplan.model.catalogue`).

Display names are English source strings; wrap them in ``i18n._`` when showing them.
"""

from __future__ import annotations

from dataclasses import dataclass

from crmplan.i18n import N_


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
