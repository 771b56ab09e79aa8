"""The assessment's findings: what the plan should still show about the client as found, its
organization and the assumptions it rests on, each a rule of :mod:`crmplan.rules`.

They follow from the facts (:mod:`crmplan.assess.client`) and are reported by
``crmplan assess``, located where the plan should say it.
"""

from __future__ import annotations

from collections.abc import Iterator

from crmplan import rules
from crmplan.assess.client import journey_stages
from crmplan.assess.facts import Fact, Finder, Status
from crmplan.findings import Issue
from crmplan.i18n import N_, _
from crmplan.model.base import Answer
from crmplan.plan.load import LoadedPlan

_ASSUMPTIONS = (
    ("tests_past_behaviour", rules.ASSUMES_PAST_BEHAVIOUR, ("segments",),
     N_("segments cut on past behaviour are taken to predict what customers will do next, "
        "and nothing tests it")),
    ("tests_lasting_value", rules.ASSUMES_LASTING_VALUE, ("reviews",),
     N_("the offers' value is taken to last: no review weighs the market or customers' "
        "expectations")),
    ("tests_retention", rules.ASSUMES_RELATIONSHIPS_RETAIN, ("kpis",),
     N_("better relationships are taken to keep customers: retention itself is not "
        "measured")),
)


def assess_findings(loaded: LoadedPlan, facts: dict[str, Fact]) -> Iterator[Issue]:
    """Every finding, in the order of the rules' codes."""
    yield from _assumptions(loaded, facts)
    yield from _systems(loaded)
    yield from _organization(loaded, facts)


def _assumptions(loaded: LoadedPlan, facts: dict[str, Fact]) -> Iterator[Issue]:
    from crmplan.assess.rules import ASSUMPTIONS

    hints = {fact: hint for fact, _title, hint in ASSUMPTIONS}
    for fact, rule, path, message in _ASSUMPTIONS:
        if facts[fact].status is Status.NO:
            yield loaded.finding(rule, path, _(message), _(hints[fact]))


def _systems(loaded: LoadedPlan) -> Iterator[Issue]:
    systems = loaded.plan.systems
    if not systems:
        yield loaded.finding(rules.SYSTEMS_NOT_RECORDED, ("systems",), _(
            "the systems the client uses today are not recorded, so the CRM maturity stage "
            "cannot be judged"), _("list them under 'systems': name, kind, what each holds, "
                                   "who uses it, whether it integrates"))
        return
    for index, system in enumerate(systems):
        answer = system.grows_with_business
        if answer in (None, Answer.NO, Answer.UNKNOWN):
            message = _("system '{id}' cannot grow with the business") if answer is Answer.NO \
                else _("system '{id}' does not say whether it can grow with the business")
            yield loaded.finding(rules.SYSTEM_CANNOT_GROW, ("systems", index),
                                 message.format(id=system.id), _(
                "plan its replacement, or state 'grows_with_business' once checked"))


def _organization(loaded: LoadedPlan, facts: dict[str, Fact]) -> Iterator[Issue]:
    if facts["analytics_skills"].status in (Status.NO, Status.UNKNOWN):
        yield loaded.finding(rules.ANALYTICS_NOT_READY, ("assessment", "analytics_capability"), _(
            "nobody is known to turn customer data into insight"), _(
            "state assessment.analytics_capability, and plan the skills or tools it lacks"))
    if facts["collaboration"].status is Status.NO:
        yield loaded.finding(rules.NO_COLLABORATION, ("team",), _(
            "no shared tool or regular meeting brings the departments together"), _(
            "record them under team.shared_tools and team.meetings"))
    if facts["core_team"].status is Status.NO:
        yield loaded.finding(rules.NO_CORE_TEAM, ("team", "core_team"), _(
            "no core team brings two or more departments together"), _(
            "name its members and their departments under team.core_team"))
    yield from _working_groups(loaded)
    if facts["strategic_goals_clear"].status is not Status.YES:
        yield loaded.finding(rules.GOALS_UNCLEAR, ("goals", "business_problems"), _(
            "the business problems the work must solve are not clear"), _(
            "name them under goals.business_problems and give each a SMART goal"))


def _working_groups(loaded: LoadedPlan) -> Iterator[Issue]:
    team = loaded.plan.team
    owned = {g.stage for g in team.working_groups} if team else set()
    stages = journey_stages(Finder(loaded))
    if stages and not owned:
        yield loaded.finding(rules.STAGE_WITHOUT_WORKING_GROUP, ("team",), _(
            "no working group owns a journey stage"), _(
            "form one working group per stage under team.working_groups"))
        return
    for stage, name in stages:
        if stage not in owned:
            yield loaded.finding(rules.STAGE_WITHOUT_WORKING_GROUP, ("team", "working_groups"), _(
                "journey stage '{stage}' ({name}) has no working group").format(
                    stage=stage, name=name), _("give it a working group with members from "
                                               "several departments"))
