"""What steps 1 and 2 ask beyond the SMART check and the figures: the goals set with
stakeholders from several departments, and a qualitative baseline beside the figures.

Each check returns findings of a rule of :mod:`crmplan.rules`, reported by
``crmplan baseline``.
"""

from __future__ import annotations

from crmplan import rules
from crmplan.findings import Issue
from crmplan.i18n import _
from crmplan.plan.load import LoadedPlan

MIN_DEPARTMENTS = 2  # goals set by one department alone are neither comprehensive nor shared


def groundwork_findings(loaded: LoadedPlan) -> list[Issue]:
    """The findings of steps 1 and 2 about the plan as a whole, in step order."""
    return [*_stakeholders(loaded), *_qualitative(loaded)]


def _stakeholders(loaded: LoadedPlan) -> list[Issue]:
    goals = loaded.plan.goals
    if goals is None or not goals.smart:
        return []
    departments = {s.department.casefold() for s in goals.stakeholders}
    if len(departments) >= MIN_DEPARTMENTS:
        return []
    where = ("goals", "stakeholders") if goals.stakeholders else ("goals",)
    return [loaded.finding(rules.GOALS_WITHOUT_STAKEHOLDERS, where, _(
        "the goals were set with stakeholders from {count} department(s), not from each "
        "department they concern").format(count=len(departments)), _(
        "name the people from sales, marketing, service, IT, ... who set them under "
        "goals.stakeholders"))]


def _qualitative(loaded: LoadedPlan) -> list[Issue]:
    plan = loaded.plan
    if plan.qualitative_baseline or not any(k.baseline for k in plan.kpis):
        return []
    return [loaded.finding(rules.NO_QUALITATIVE_BASELINE, ("kpis",), _(
        "the baseline has figures but no qualitative record of today's strengths and "
        "weaknesses"), _("write what customer feedback and service records show under "
                         "qualitative_baseline"))]
