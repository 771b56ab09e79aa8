"""Facts about the client as found and the organization around the work, derived from the
plan like those of :mod:`crmplan.assess.derive`:

- the systems in use today (``systems``): the customer database, automated
  communications, an integrated view, whether they can grow with the business;
- customers: when they buy;
- organization and team (``team``): a core team across departments, a working group
  per journey stage, shared tools and meetings; the team's analytics capability;
  the business problems the work must solve; journeys re-walked in time;
- the three assumptions the four stages of CRM warn about, each tested against the plan.

:data:`GROUPS` lists the functions; each returns facts with the lines they rest on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from crmplan.assess.facts import (
    Fact,
    Finder,
    Proof,
    Status,
    combine,
    share_status,
    stated_answer,
)
from crmplan.i18n import _
from crmplan.kpi.progress import walked_in_time
from crmplan.model.base import Answer
from crmplan.model.catalogue import Topic, catalogue_entry
from crmplan.model.customers import MeasurementMethod, SegmentBasis
from crmplan.model.governance import ExternalKind
from crmplan.model.kpis import Kpi
from crmplan.model.strategy import System, SystemKind
from crmplan.names import name as value_name
from crmplan.plan.source import PlanPath

# Systems that keep customer records; a spreadsheet keeps them by hand.
RECORD_KINDS = frozenset({SystemKind.CRM, SystemKind.BOOKING, SystemKind.EMR, SystemKind.POS,
                          SystemKind.ECOMMERCE, SystemKind.ERP, SystemKind.HELPDESK,
                          SystemKind.MARKETING_AUTOMATION})
MESSAGE_KINDS = frozenset({SystemKind.MESSAGING, SystemKind.MARKETING_AUTOMATION})
BEHAVIOUR_BASES = frozenset({SegmentBasis.RFM, SegmentBasis.BEHAVIOURAL, SegmentBasis.VALUE})
CONTROLLED = frozenset({MeasurementMethod.HOLDOUT, MeasurementMethod.AB_TEST,
                        MeasurementMethod.MATCHED_COMPARISON})
LOOKS_OUTSIDE = frozenset({ExternalKind.MARKET, ExternalKind.CUSTOMER_EXPECTATIONS})
ANSWERS = {Answer.YES: Status.YES, Answer.PARTLY: Status.PARTLY, Answer.NO: Status.NO,
           Answer.UNKNOWN: Status.UNKNOWN}
DEFAULT_CADENCE_MONTHS = 6


def _one(find: Finder, fact_id: str, status: Status, path: PlanPath, text: str) -> Fact:
    return Fact(fact_id, status, (find.at(path, text),))


def _graded(both: bool, one: bool) -> Status:
    return Status.YES if both else Status.PARTLY if one else Status.NO


# -- the systems in use -----------------------------------------------------------------------


def _systems(find: Finder) -> list[Fact]:
    systems = find.loaded.plan.systems
    if not systems:
        unknown = find.at(("systems",), _("the systems in use today are not recorded"))
        return [Fact(f, Status.UNKNOWN, (unknown,)) for f in (
            "customer_database", "automated_communication", "systems_can_grow")]
    return [_database(find, systems), _messaging(find, systems), _growth(find, systems)]


def _system_proof(find: Finder, index: int, system: System, text: str) -> Proof:
    return find.at(("systems", index), text.format(name=system.name))


def _database(find: Finder, systems: list[System]) -> Fact:
    records = [(i, s) for i, s in enumerate(systems) if s.kind in RECORD_KINDS]
    if records:
        return Fact("customer_database", Status.YES, tuple(
            _system_proof(find, i, s, _("{name} keeps customer records")) for i, s in records[:3]))
    sheets = [(i, s) for i, s in enumerate(systems) if s.kind is SystemKind.SPREADSHEET]
    if sheets:
        return Fact("customer_database", Status.PARTLY, tuple(
            _system_proof(find, i, s, _("customer records are kept by hand in {name}"))
            for i, s in sheets[:3]))
    return _one(find, "customer_database", Status.NO, ("systems",),
                _("no system in use keeps customer records"))


def _messaging(find: Finder, systems: list[System]) -> Fact:
    sending = [(i, s) for i, s in enumerate(systems) if s.kind in MESSAGE_KINDS]
    if sending:
        return Fact("automated_communication", Status.YES, tuple(
            _system_proof(find, i, s, _("{name} sends customer messages")) for i, s in sending[:3]))
    return _one(find, "automated_communication", Status.NO, ("systems",),
                _("no system in use sends customer messages"))


def _growth(find: Finder, systems: list[System]) -> Fact:
    """The weakest known answer, once every system has one; ``no`` as soon as one says so."""
    proofs = tuple(find.at(("systems", i, "grows_with_business"), _(
        "{name} can grow with the business: {answer}").format(
            name=s.name, answer=value_name(s.grows_with_business)))
        for i, s in enumerate(systems) if s.grows_with_business is not None)
    statuses = [ANSWERS[s.grows_with_business] if s.grows_with_business else Status.UNKNOWN
                for s in systems]
    known = [status for status in statuses if status is not Status.UNKNOWN]
    status = Status.NO if Status.NO in known else (
        min(known) if known and len(known) == len(statuses) else Status.UNKNOWN)
    return Fact("systems_can_grow", status, proofs or (find.at(("systems",), _(
        "no system in use says whether it can grow with the business")),))


def integrated_view(find: Finder) -> Fact | None:
    """Whether the record-keeping systems share data, when the plan states no single view."""
    records = [(i, s) for i, s in enumerate(find.loaded.plan.systems)
               if s.kind in RECORD_KINDS | {SystemKind.SPREADSHEET}]
    if not records:
        return None
    linked = [r for r in records if r[1].integrates]
    status = Status.YES if len(records) == 1 or len(linked) == len(records) else (
        Status.PARTLY if linked else Status.NO)
    return _one(find, "single_customer_view", status, ("systems",), _(
        "{linked} of {total} systems holding customers share their data").format(
            linked=len(linked), total=len(records)))


# -- customers: when they buy -----------------------------------------------------------------


def _timing(find: Finder) -> list[Fact]:
    segments = find.loaded.plan.segments
    timed = [s for s in segments if s.purchase_timing]
    if not segments:
        return [_one(find, "purchase_timing_known", Status.NO, ("segments",),
                     _("no segment is defined yet"))]
    return [_one(find, "purchase_timing_known", share_status(len(timed), len(segments), 0.8, 0.4),
                 ("segments",), _("{good} of {total} segments say when their customers "
                                  "buy").format(good=len(timed), total=len(segments)))]


# -- organization and team --------------------------------------------------------------------


def _team(find: Finder) -> list[Fact]:
    team = find.loaded.plan.team
    departments = {m.department.casefold() for m in team.core_team} if team else set()
    core = _one(find, "core_team", Status.YES if len(departments) >= 3 else Status.PARTLY
                if len(departments) == 2 else Status.NO, ("team", "core_team"), _(
        "the core team brings {count} departments together").format(count=len(departments)))
    tools = bool(team and team.shared_tools)
    meetings = bool(team and any(len(m.departments) >= 2 for m in team.meetings))
    collaboration = _one(find, "collaboration", _graded(tools and meetings, tools or meetings),
                         ("team",), _("shared tools: {tools}; meetings across departments: "
                                      "{meetings}").format(
        tools=_("yes") if tools else _("no"), meetings=_("yes") if meetings else _("no")))
    stated, proofs = stated_answer(find, "analytics_capability")
    analytics = combine("analytics_skills", None, [], stated, proofs)
    return [core, _working_groups(find), collaboration, analytics]


def journey_stages(find: Finder) -> list[tuple[str, str]]:
    """Every stage of every journey, (id, name), each id once, in the plan's order."""
    from crmplan.journey.coverage import stages

    found: dict[str, str] = {}
    for index, journey in enumerate(find.loaded.plan.journeys):
        for stage in stages(journey, index):
            found.setdefault(stage.id, stage.name)
    return list(found.items())


def _working_groups(find: Finder) -> Fact:
    team = find.loaded.plan.team
    owned = {g.stage for g in team.working_groups} if team else set()
    stages = journey_stages(find)
    if not stages:
        return _one(find, "working_groups", Status.NO, ("journeys",),
                    _("no journey is mapped yet"))
    covered = [s for s, _name in stages if s in owned]
    return _one(find, "working_groups", share_status(len(covered), len(stages), 1.0, 0.5),
                ("team", "working_groups"), _(
        "{good} of {total} journey stages have a working group").format(
            good=len(covered), total=len(stages)))


def _goals_clear(find: Finder) -> list[Fact]:
    goals = find.loaded.plan.goals
    problems = bool(goals and goals.business_problems)
    smart = bool(goals and goals.smart)
    return [_one(find, "strategic_goals_clear", _graded(problems and smart, problems or smart),
                 ("goals", "business_problems"), _(
        "business problems named: {problems}; SMART goals: {smart}").format(
            problems=len(goals.business_problems) if goals else 0,
            smart=len(goals.smart) if goals else 0))]


def _rewalked(find: Finder) -> list[Fact]:
    """Every journey re-walked within the review cadence before the day judged on."""
    plan = find.loaded.plan
    if not plan.journeys:
        return [_one(find, "journeys_rewalked", Status.NO, ("journeys",),
                     _("no journey is mapped yet"))]
    dated = [(i, j) for i, j in enumerate(plan.journeys) if j.last_walked]
    if not dated:
        return [_one(find, "journeys_rewalked", Status.UNKNOWN, ("journeys",),
                     _("no journey says when it was last re-walked"))]
    months = plan.reviews.cadence_months if plan.reviews else DEFAULT_CADENCE_MONTHS
    # the plan's day, or the latest re-walk when the plan records no later date
    day = max(find.on or dt.date.min, *(j.last_walked for _i, j in dated if j.last_walked))
    recent = [(i, j) for i, j in dated if j.last_walked and walked_in_time(
        j.last_walked, day, months)]
    stale = [find.at(("journeys", i, "last_walked"), _(
        "journey '{id}' was last re-walked on {date}").format(
            id=j.id, date=j.last_walked.isoformat() if j.last_walked else ""))
        for i, j in dated if (i, j) not in recent]
    status = share_status(len(recent), len(plan.journeys), 1.0, 0.5)
    summary = find.at(("journeys",), _(
        "{good} of {total} journeys were re-walked within {months} months").format(
            good=len(recent), total=len(plan.journeys), months=months))
    return [Fact("journeys_rewalked", status, (summary, *stale[:4]))]


# -- the three assumptions --------------------------------------------------------------------


def _assumptions(find: Finder) -> list[Fact]:
    return [_past_behaviour(find), _lasting_value(find), _relationships_retain(find)]


def _past_behaviour(find: Finder) -> Fact:
    """Segments cut on past behaviour, tested forward against a control group."""
    plan = find.loaded.plan
    if not plan.segments:
        return _one(find, "tests_past_behaviour", Status.UNKNOWN, ("segments",),
                    _("no segment is defined yet"))
    behaviour = {s.id for s in plan.segments if s.rule or BEHAVIOUR_BASES & set(s.basis)}
    if not behaviour:
        return _one(find, "tests_past_behaviour", Status.YES, ("segments",),
                    _("no segment rests on past behaviour alone"))
    tested = [(i, c) for i, c in enumerate(plan.campaigns)
              if c.segment in behaviour and c.measurement.method in CONTROLLED]
    if not tested:
        return _one(find, "tests_past_behaviour", Status.NO, ("segments",), _(
            "{count} segments rest on past behaviour and no campaign tests them against a "
            "control group").format(count=len(behaviour)))
    done = [(i, c) for i, c in tested if c.results]
    index, campaign = (done or tested)[0]
    text = _("campaign '{id}' tested a behaviour-based segment against a control group, "
             "and its results are recorded") if done else _(
        "campaign '{id}' tests a behaviour-based segment against a control group")
    return _one(find, "tests_past_behaviour", Status.YES if done else Status.PARTLY,
                ("campaigns", index, "measurement", "method"), text.format(id=campaign.id))


def _lasting_value(find: Finder) -> Fact:
    """Offers whose value is weighed against the market and customers' expectations."""
    plan = find.loaded.plan
    if not any(s.offers for s in plan.segments):
        return _one(find, "tests_lasting_value", Status.UNKNOWN, ("segments",),
                    _("no offer is made yet"))
    log = plan.reviews.log if plan.reviews else []
    for index, review in reversed(list(enumerate(log))):
        kinds = {f.kind for f in review.external_factors}
        if kinds & LOOKS_OUTSIDE:
            return _one(find, "tests_lasting_value", Status.YES,
                        ("reviews", "log", index, "external_factors"), _(
                "the review of {date} weighed the market or customer expectations").format(
                    date=review.date.isoformat()))
    return _one(find, "tests_lasting_value", Status.NO, ("reviews",), _(
        "offers are made, and no review has weighed the market or customer expectations"))


def _relationships_retain(find: Finder) -> Fact:
    """Relationship work is measured by retention itself, not taken to produce it."""
    plan = find.loaded.plan
    work = bool(plan.campaigns) or any(j.opportunities for j in plan.journeys) or any(
        _topic(k) is Topic.SATISFACTION for k in plan.kpis)
    if not work:
        return _one(find, "tests_retention", Status.UNKNOWN, ("kpis",),
                    _("no relationship work is planned yet"))
    retention = [(i, k) for i, k in enumerate(plan.kpis)
                 if _topic(k) is Topic.RETENTION and k.baseline]
    followed = [(i, k) for i, k in retention if k.snapshots]
    if followed or retention:
        index, kpi = (followed or retention)[0]
        text = _("retention is measured by KPI '{id}', with figures since its baseline") \
            if followed else _("retention is measured by KPI '{id}'")
        return _one(find, "tests_retention", Status.YES if followed else Status.PARTLY,
                    ("kpis", index), text.format(id=kpi.id))
    return _one(find, "tests_retention", Status.NO, ("kpis",), _(
        "relationship work is planned, and no retention, churn or repeat-purchase KPI has a "
        "baseline"))


def _topic(kpi: Kpi) -> Topic | None:
    entry = catalogue_entry(kpi.id, kpi.catalogue)
    return entry.topic if entry else None


GROUPS: tuple[Callable[[Finder], list[Fact]], ...] = (
    _systems, _timing, _team, _goals_clear, _rewalked, _assumptions)
