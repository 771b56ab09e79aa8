"""What the method asks a valid plan to hold beyond its steps (crmplan.method), as validate
reports it: the activity plan, the disclaimer's excluded promises, the built-in software
criteria."""

from __future__ import annotations

import pytest

from crmplan.findings import Issue
from crmplan.method import method_warnings
from crmplan.plan.load import load_bytes

pytestmark = pytest.mark.usefixtures("english")

HEAD = "schema_version: 1\nclient:\n  name: Acme\n"
ACTIVITY = """\
activity_plan:
  organization: [{who: Kim, what: Run the pilot}]
  measurement_loop: Results feed the next quarter's plan.
  communication: [{channel: email, message: Welcome back}]
  response_model: {contact: Email first}
  system_requirements: [{id: crm, requirement: One customer record}]
  change_management: {training: Two sessions per team}
  roi_estimate: {horizon_years: 3}
  data_management: {cleaning: De-duplicate yearly}
"""


def warnings(text: str) -> list[Issue]:
    return method_warnings(load_bytes(text.encode("utf-8"), "plan.yaml"))


def shown(issues: list[Issue]) -> list[str]:
    return [f"{i.location} {i.code} {i.message} | {i.hint}" for i in issues]


# -- the activity plan -----------------------------------------------------------------------


def test_a_plan_without_activity_plan_is_warned() -> None:
    assert shown(warnings(HEAD)) == [
        "plan.yaml:1:1 CRM440 the plan has no activity plan, and the method skips none of its "
        "parts | add 'activity_plan' with: organization, measurement_loop, communication, "
        "response_model, system_requirements, change_management, roi_estimate, "
        "data_management"]


def test_an_activity_plan_that_skips_parts_names_them() -> None:
    text = HEAD + ACTIVITY.replace("  roi_estimate: {horizon_years: 3}\n", "").replace(
        "  measurement_loop: Results feed the next quarter's plan.\n", "")
    assert shown(warnings(text)) == [
        "plan.yaml:4:1 CRM440 the activity plan leaves out: measurement_loop, roi_estimate | "
        "fill every part: the method skips none of them"]
    assert warnings(HEAD + ACTIVITY) == []


# -- seed 000: the disclaimer names every promise never made ---------------------------------

DISCLAIMER = HEAD + ACTIVITY + "engagement:\n  disclaimer: Results vary; nothing is guaranteed.\n"


@pytest.mark.parametrize(("industry", "listed", "left_out"), [
    (None, "[revenue, conversion]", "exposure in AI search results"),
    ("healthcare", "[revenue, conversion, ai_search_exposure]", "treatment outcomes"),
    ("beauty_wellness", "[]", "revenue, conversion rates, treatment outcomes, exposure in AI "
                                "search results"),
])
def test_a_disclaimer_that_leaves_a_promise_out_is_warned(
        industry: str | None, listed: str, left_out: str) -> None:
    text = DISCLAIMER.replace("name: Acme\n", f"name: Acme\n  industry: {industry}\n"
                              if industry else "name: Acme\n")
    [warning] = warnings(text + f"  excluded_promises: {listed}\n")
    assert warning.code == "CRM441"
    assert warning.message == f"the disclaimer does not exclude every promise: {left_out} " \
                              "left out"
    assert warning.path == "engagement.excluded_promises"


def test_a_disclaimer_that_excludes_every_promise_passes() -> None:
    retail = DISCLAIMER + "  excluded_promises: [revenue, conversion, ai_search_exposure]\n"
    assert warnings(retail) == []
    clinic = retail.replace("name: Acme\n", "name: Acme\n  industry: healthcare\n").replace(
        "ai_search_exposure]", "ai_search_exposure, treatment_outcomes]")
    assert warnings(clinic) == []
    assert warnings(HEAD + ACTIVITY) == []  # no disclaimer written yet: CRM402 is its rule


# -- seeds 001 and 004: the built-in criteria of a software comparison -----------------------

BUILT_IN = ("contacts_in_one_place", "interaction_view", "satisfaction_surveys",
            "multichannel_outreach", "realtime_analysis", "vendor_culture_fit",
            "customer_data_management", "process_automation", "analytics_reporting",
            "integration")


def software(ids: tuple[str, ...]) -> str:
    lines = ["software:", "  capabilities:"]
    lines += [f"    - {{id: {ident}, name: {ident.replace('_', ' ')}}}" for ident in ids]
    return HEAD + ACTIVITY + "\n".join(lines) + "\n"


def test_a_comparison_that_leaves_out_the_crm_must_haves_is_warned() -> None:
    found = warnings(software(("pipeline", *BUILT_IN[6:])))
    assert [(w.code, w.message) for w in found] == [(
        "CRM442", "the software comparison leaves out: Contacts and accounts managed in one "
        "place, Every customer interaction in one unified view, Customer satisfaction surveys, "
        "Outreach on every channel: phone, email, text, web, in person, Data analysed in real "
        "time, A vendor whose support, culture and values fit the client")]
    assert found[0].hint == "add a capability with the id contacts_in_one_place, " \
                            "interaction_view, satisfaction_surveys, multichannel_outreach, " \
                            "realtime_analysis, vendor_culture_fit, weighted as it matters"


def test_a_comparison_that_leaves_out_a_journey_tool_criterion_is_warned() -> None:
    found = warnings(software(BUILT_IN[:9]))
    assert [(w.code, w.message) for w in found] == [(
        "CRM443", "the software comparison leaves out: Integration with the systems in use, "
                  "and room to extend")]
    assert warnings(software(BUILT_IN)) == []


def test_without_capabilities_the_built_in_criteria_are_compared() -> None:
    from crmplan.software import compare

    loaded = load_bytes((HEAD + ACTIVITY + "software:\n  candidates:\n    - id: keep\n"
                         "      name: Keep the booking system\n      keeps_system: booking\n"
                         "      scores: {vendor_culture_fit: 5, integration: 1}\n"
                         "systems:\n  - {id: booking, name: Booking, kind: booking}\n"
                         ).encode("utf-8"), "plan.yaml")
    assert method_warnings(loaded) == []
    assert loaded.plan.software is not None
    result = compare(loaded.plan.software)
    assert [c.id for c in result.capabilities] == list(BUILT_IN[:6] + BUILT_IN[6:])
    assert all(c.default and c.weight == 1 for c in result.capabilities)
    [keep] = result.candidates
    assert (keep.keeps_system, keep.total, keep.max_total) == ("booking", 6, 50)
