"""What the method asks a valid plan to hold beyond its ten steps: validate's checks of it.

Each check reads the loaded plan and returns warnings of a rule of
:mod:`crmplan.rules`; :func:`method_warnings` runs them all for ``crmplan validate``.

- the activity plan, none of its eight parts skipped (the implementation method).
"""

from __future__ import annotations

from crmplan import rules
from crmplan.findings import Issue
from crmplan.i18n import _
from crmplan.model.activity import ActivityPlan
from crmplan.plan.load import LoadedPlan

ACTIVITY_PARTS: tuple[str, ...] = tuple(ActivityPlan.model_fields)


def method_warnings(loaded: LoadedPlan) -> list[Issue]:
    """Every warning of this module's checks, in the order of the checks."""
    return activity_plan_warnings(loaded)


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
