"""The frameworks' defaults: journey stages and task-force criteria (the KPI catalogue is
:mod:`crmplan.model.catalogue`).

Display names are English source strings; wrap them in ``i18n._`` when showing them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from crmplan.i18n import N_

if TYPE_CHECKING:
    from crmplan.model.engagement import Industry, Promise


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

# The comparison of CRM software: criteria built in, used when a plan lists no capability of
# its own, and checked by validate when it does. A capability whose id is one of these
# stands for it.
# The five must-haves of a CRM and the fit of the vendor (the ten steps, step 7).
MUST_HAVE_CRITERIA: tuple[DefaultItem, ...] = (
    DefaultItem("contacts_in_one_place", N_("Contacts and accounts managed in one place")),
    DefaultItem("interaction_view", N_("Every customer interaction in one unified view")),
    DefaultItem("satisfaction_surveys", N_("Customer satisfaction surveys")),
    DefaultItem("multichannel_outreach",
                N_("Outreach on every channel: phone, email, text, web, in person")),
    DefaultItem("realtime_analysis", N_("Data analysed in real time")),
    DefaultItem("vendor_culture_fit",
                N_("A vendor whose support, culture and values fit the client")),
)
# The four criteria of a CRM tool for customer journey management.
TOOL_CRITERIA: tuple[DefaultItem, ...] = (
    DefaultItem("customer_data_management", N_("Comprehensive customer data management")),
    DefaultItem("process_automation", N_("Flexible process automation")),
    DefaultItem("analytics_reporting", N_("Strong analytics and reporting")),
    DefaultItem("integration", N_("Integration with the systems in use, and room to extend")),
)
SOFTWARE_CRITERIA: tuple[DefaultItem, ...] = MUST_HAVE_CRITERIA + TOOL_CRITERIA


def promises_to_exclude(industry: Industry | None) -> tuple[Promise, ...]:
    """The promises a disclaimer must exclude: revenue, conversion and exposure in AI search
    results always; treatment outcomes for a client that treats people (healthcare, beauty
    and wellness)."""
    from crmplan.model.engagement import Industry, Promise

    treats = industry in (Industry.HEALTHCARE, Industry.BEAUTY_WELLNESS)
    return tuple(p for p in Promise if treats or p is not Promise.TREATMENT_OUTCOMES)
