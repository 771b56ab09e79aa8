"""What the method asks a valid plan to hold beyond its ten steps: validate's checks of it.

Each check reads the loaded plan and returns warnings of a rule of
:mod:`crmplan.rules`; :func:`method_warnings` runs them all for ``crmplan validate``.

- the activity plan, none of its eight parts skipped (the implementation method);
- the disclaimer's excluded promises (what the engagement never guarantees);
- the built-in criteria of the software comparison (the CRM must-haves, vendor culture
  fit, and the criteria of a CRM tool for journey management).
"""

from __future__ import annotations

from crmplan import rules
from crmplan.findings import Issue
from crmplan.i18n import _, join
from crmplan.model.activity import ActivityPlan
from crmplan.model.defaults import (
    MUST_HAVE_CRITERIA,
    TOOL_CRITERIA,
    DefaultItem,
    promises_to_exclude,
)
from crmplan.names import name as value_name
from crmplan.plan.load import LoadedPlan

ACTIVITY_PARTS: tuple[str, ...] = tuple(ActivityPlan.model_fields)


def method_warnings(loaded: LoadedPlan) -> list[Issue]:
    """Every warning of this module's checks, in the order of the checks."""
    return [*activity_plan_warnings(loaded), *disclaimer_warnings(loaded),
            *software_warnings(loaded)]


def activity_plan_warnings(loaded: LoadedPlan) -> list[Issue]:
    """The activity plan is missing, or leaves out some of its parts."""
    activity = loaded.plan.activity_plan
    if activity is None:
        return [loaded.finding(rules.ACTIVITY_PLAN_INCOMPLETE, (), _(
            "the plan has no activity plan, and the method skips none of its parts"),
            _("add 'activity_plan' with: {parts}").format(parts=", ".join(ACTIVITY_PARTS)))]
    missing = [part for part in ACTIVITY_PARTS if not getattr(activity, part)]
    if not missing:
        return []
    return [loaded.finding(rules.ACTIVITY_PLAN_INCOMPLETE, ("activity_plan",), _(
        "the activity plan leaves out: {parts}").format(parts=", ".join(missing)),
        _("fill every part: the method skips none of them"))]


def disclaimer_warnings(loaded: LoadedPlan) -> list[Issue]:
    """A written disclaimer that does not exclude every promise the engagement never makes."""
    engagement = loaded.plan.engagement
    if engagement is None or not engagement.disclaimer:
        return []
    needed = promises_to_exclude(loaded.plan.client.industry)
    missing = [p for p in needed if p not in engagement.excluded_promises]
    if not missing:
        return []
    return [loaded.finding(rules.PROMISE_NOT_EXCLUDED, ("engagement", "excluded_promises"), _(
        "the disclaimer does not exclude every promise: {promises} left out").format(
            promises=join(value_name(p) for p in missing)),
        _("list them under engagement.excluded_promises: {ids}").format(
            ids=", ".join(p.value for p in missing)))]


def software_criteria_left_out(loaded: LoadedPlan, criteria: tuple[DefaultItem, ...] = (
        *MUST_HAVE_CRITERIA, *TOOL_CRITERIA)) -> list[DefaultItem]:
    """The built-in criteria the plan's capabilities leave out; none when the plan lists no
    capability (the built-in criteria then stand in for them)."""
    software = loaded.plan.software
    if software is None or not software.capabilities:
        return []
    listed = {c.id for c in software.capabilities}
    return [c for c in criteria if c.id not in listed]


def software_warnings(loaded: LoadedPlan) -> list[Issue]:
    """A software comparison whose capabilities leave out a built-in criterion."""
    found = []
    for rule, criteria in ((rules.MUST_HAVE_NOT_COMPARED, MUST_HAVE_CRITERIA),
                           (rules.TOOL_CRITERION_NOT_COMPARED, TOOL_CRITERIA)):
        missing = software_criteria_left_out(loaded, criteria)
        if missing:
            found.append(loaded.finding(rule, ("software", "capabilities"), _(
                "the software comparison leaves out: {criteria}").format(
                    criteria=join(_(c.name) for c in missing)),
                _("add a capability with the id {ids}, weighted as it matters").format(
                    ids=", ".join(c.id for c in missing))))
    return found
