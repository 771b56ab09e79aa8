"""What the method asks a valid plan to hold beyond its steps (crmplan.method), as validate
reports it: the activity plan."""

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

