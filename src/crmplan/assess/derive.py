"""Deriving every fact of an assessment from a loaded plan.

Each function looks at one part of the plan and returns facts with the lines
they rest on; :func:`derive_facts` collects them all by id. Thresholds for
"yes" and "partly" are written where each fact is derived.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from crmplan.assess.client import GROUPS, integrated_view
from crmplan.assess.facts import (
    SPEEDS,
    Fact,
    Finder,
    Proof,
    Status,
    combine,
    share_status,
    stated_answer,
    weakest,
)
from crmplan.findings import Issue, Rule
from crmplan.i18n import _, aside, format_percent, pgettext
from crmplan.model.base import Evidence
from crmplan.model.catalogue import Topic, catalogue_entry
from crmplan.model.governance import ExclusionCondition
from crmplan.model.kpis import names_a_system
from crmplan.plan.load import LoadedPlan
from crmplan.plan.source import PlanPath
from crmplan.rules import (
    STAGE_WITHOUT_TOUCHPOINTS,
    TOUCHPOINT_ASSUMED,
    TOUCHPOINT_WITHOUT_EMOTION,
    TOUCHPOINT_WITHOUT_EVIDENCE,
    TOUCHPOINT_WITHOUT_KPI,
    TOUCHPOINT_WITHOUT_OWNER,
)


def derive_facts(
    loaded: LoadedPlan, journey_gaps: Sequence[Issue], on: dt.date | None = None
) -> dict[str, Fact]:
    """Every fact the rules may ask about, by id; ``journey_gaps`` are the journey map's
    coverage gaps of every journey, in the map's order; ``on`` is the day the plan is judged
    on (for what must be recent)."""
    find = Finder(loaded, journey_gaps, on=on)
    facts: list[Fact] = []
    for group in (
        _journey,
        _standards,
        _data,
        _decision,
        _organization,
        _customers,
        _operations,
        *GROUPS,
    ):
        facts += group(find)
    found = {fact.id: fact for fact in facts}
    found["data_readiness"] = _data_readiness(find, found)
    return found


def _fact(find: Finder, fact_id: str, status: Status, path: PlanPath, text: str) -> Fact:
    return Fact(fact_id, status, (find.at(path, text),))


def _presence(find: Finder, fact_id: str, present: bool, path: PlanPath, yes: str, no: str) -> Fact:
    return _fact(find, fact_id, Status.YES if present else Status.NO, path, yes if present else no)


def _stated_only(find: Finder, name: str) -> Fact:
    stated, proofs = stated_answer(find, name)
    return combine(name, None, [], stated, proofs)


# -- the journey --------------------------------------------------------------------------


def _journey(find: Finder) -> list[Fact]:
    plan = find.loaded.plan
    gaps = list(find.journey_gaps)
    stages = _stages_mapped(find, gaps)
    owners = _touchpoint_share(
        find, gaps, "touchpoint_owners", {TOUCHPOINT_WITHOUT_OWNER}, _("an owner"), (0.9, 0.5)
    )
    evidence = _touchpoint_share(
        find,
        gaps,
        "touchpoint_evidence",
        {TOUCHPOINT_WITHOUT_EVIDENCE, TOUCHPOINT_ASSUMED},
        _("researched evidence"),
        (0.7, 0.3),
    )
    kpis = _touchpoint_share(
        find, gaps, "touchpoint_kpis", {TOUCHPOINT_WITHOUT_KPI}, _("a linked KPI"), (0.7, 0.3)
    )
    emotions = _touchpoint_share(
        find, gaps, "touchpoint_emotions", {TOUCHPOINT_WITHOUT_EMOTION}, _("an emotion"), (0.8, 0.4)
    )
    pains = _presence(
        find,
        "pain_points_recorded",
        any(j.pain_points for j in plan.journeys),
        ("journeys",),
        _("pain points are recorded"),
        _("no pain point recorded"),
    )
    opportunities = _presence(
        find,
        "opportunities_recorded",
        any(j.opportunities for j in plan.journeys),
        ("journeys",),
        _("opportunities are recorded"),
        _("no opportunity recorded"),
    )
    stated, stated_proofs = stated_answer(find, "touchpoints_organized")
    derived = weakest([stages.status, owners.status]) if plan.journeys else None
    organized = combine(
        "touchpoints_organized",
        derived,
        [*stages.proofs[:4], *owners.proofs[:4]],
        stated,
        stated_proofs,
    )
    return [stages, owners, evidence, kpis, emotions, pains, opportunities, organized]


def _gap_proofs(gaps: list[Issue], rules: set[Rule]) -> list[Proof]:
    """One proof per touchpoint or stage the journey map finds lacking, in the map's order."""
    seen: dict[tuple[str, str], Proof] = {}
    for gap in gaps:
        if gap.rule in rules:
            seen.setdefault((gap.path, gap.subject), Proof(gap.location, gap.message))
    return list(seen.values())


def _stages_mapped(find: Finder, gaps: list[Issue]) -> Fact:
    from crmplan.journey.coverage import stages

    total = sum(len(stages(j, i)) for i, j in enumerate(find.loaded.plan.journeys))
    if total == 0:
        return _fact(find, "stages_mapped", Status.NO, ("journeys",), _("no journey is mapped yet"))
    missing = _gap_proofs(gaps, {STAGE_WITHOUT_TOUCHPOINTS})
    summary = find.at(
        ("journeys",),
        _("{mapped} of {total} stages have touchpoints").format(
            mapped=total - len(missing), total=total
        ),
    )
    return Fact(
        "stages_mapped",
        share_status(total - len(missing), total, 1.0, 0.5),
        (summary, *missing[:6]),
    )


def _touchpoint_share(
    find: Finder,
    gaps: list[Issue],
    fact_id: str,
    rules: set[Rule],
    what: str,
    limits: tuple[float, float],
) -> Fact:
    total = sum(len(j.touchpoints) for j in find.loaded.plan.journeys)
    if total == 0:
        return _fact(find, fact_id, Status.NO, ("journeys",), _("no touchpoint is mapped yet"))
    missing = _gap_proofs(gaps, rules)
    good = total - len(missing)
    summary = find.at(
        ("journeys",),
        _("{good} of {total} touchpoints have {what}").format(good=good, total=total, what=what),
    )
    return Fact(fact_id, share_status(good, total, *limits), (summary, *missing[:6]))


# -- improvement standards: KPIs ----------------------------------------------------------


def _kpi_share(find: Finder, fact_id: str, test: Callable[[Any], bool], what: str) -> Fact:
    kpis = find.loaded.plan.kpis
    if not kpis:
        return _fact(find, fact_id, Status.NO, ("kpis",), _("no KPI is defined yet"))
    missing = [
        find.at(("kpis", i), _("KPI '{id}' lacks {what}").format(id=k.id, what=what))
        for i, k in enumerate(kpis)
        if not test(k)
    ]
    good = len(kpis) - len(missing)
    summary = find.at(
        ("kpis",),
        _("{good} of {total} KPIs have {what}").format(good=good, total=len(kpis), what=what),
    )
    return Fact(fact_id, share_status(good, len(kpis), 0.8, 0.4), (summary, *missing[:6]))


def _standards(find: Finder) -> list[Fact]:
    baselines = _kpi_share(find, "kpi_baselines", lambda k: k.baseline is not None, _("a baseline"))
    targets = _kpi_share(find, "kpi_targets", lambda k: k.target is not None, _("a target"))
    sources = _kpi_share(find, "kpi_sources", _has_source, _("a source system"))
    satisfaction = _presence(
        find,
        "satisfaction_measured",
        any(_about(k, Topic.SATISFACTION) and k.baseline for k in find.loaded.plan.kpis),
        ("kpis",),
        _("satisfaction (CSAT or NPS) has a baseline"),
        _("no satisfaction KPI (CSAT or NPS) with a baseline"),
    )
    stated, stated_proofs = stated_answer(find, "improvement_standards")
    derived = weakest([baselines.status, targets.status]) if find.loaded.plan.kpis else None
    standards = combine(
        "improvement_standards",
        derived,
        [*baselines.proofs[:4], *targets.proofs[:4]],
        stated,
        stated_proofs,
    )
    return [baselines, targets, sources, satisfaction, standards]


def _has_source(kpi: Any) -> bool:
    """A named source system: ``none yet`` and the like name none (names_a_system)."""
    return names_a_system(kpi.definition.source_system if kpi.definition else None) or (
        kpi.baseline is not None and names_a_system(kpi.baseline.source)
    )


def _about(kpi: Any, topic: Topic) -> bool:
    """Whether the KPI is a catalogue KPI about ``topic`` (satisfaction, spending, ...)."""
    entry = catalogue_entry(kpi.id, kpi.catalogue)
    return entry is not None and entry.topic is topic


# -- data readiness -----------------------------------------------------------------------


def _data(find: Finder) -> list[Fact]:
    contactable = _contactable(find)
    data_handling = find.loaded.plan.strategy.data_handling if find.loaded.plan.strategy else None
    view = data_handling.single_customer_view if data_handling else None
    single_view = _fact(
        find,
        "single_customer_view",
        Status.UNKNOWN if view is None else Status.YES if view else Status.NO,
        ("strategy", "data_handling", "single_customer_view"),
        _("single customer view: {answer}").format(
            answer=_("not stated")
            if view is None
            else pgettext("single customer view", "yes")
            if view
            else pgettext("single customer view", "no")
        ),
    )
    if view is None:
        single_view = integrated_view(find) or single_view
    management = (
        find.loaded.plan.activity_plan.data_management if (find.loaded.plan.activity_plan) else None
    )
    cleaning = _presence(
        find,
        "data_cleaning",
        bool(management and management.cleaning),
        ("activity_plan", "data_management"),
        _("data cleaning is planned"),
        _("no data cleaning is planned"),
    )
    privacy = find.loaded.plan.strategy.privacy if find.loaded.plan.strategy else None
    regimes = _presence(
        find,
        "privacy_regimes",
        bool(privacy and privacy.regimes),
        ("strategy", "privacy"),
        _("privacy regimes are named"),
        _("no privacy regime is named"),
    )
    return [contactable, single_view, cleaning, regimes]


def _data_readiness(find: Finder, facts: dict[str, Fact]) -> Fact:
    """Reachable customers and sourced KPIs; the consultant's answer where the plan is silent."""
    parts = [facts["contactable_data"], facts["kpi_sources"], facts["single_customer_view"]]
    stated, stated_proofs = stated_answer(find, "data_readiness")
    # the part that decides comes first, so that a short list of evidence shows it
    ordered = sorted(parts, key=lambda part: (part.status is Status.UNKNOWN, part.status))
    proofs = [proof for part in ordered for proof in part.proofs[:2]]
    return combine(
        "data_readiness", weakest(p.status for p in parts), proofs, stated, stated_proofs
    )


def _contactable(find: Finder) -> Fact:
    # each segment with a size above 0 and a contactable share: (index, id, size, share)
    sized = [
        (i, s.id, s.size, s.contactable_pct)
        for i, s in enumerate(find.loaded.plan.segments)
        if s.contactable_pct is not None and s.size
    ]
    if not sized:
        return _fact(
            find,
            "contactable_data",
            Status.UNKNOWN,
            ("segments",),
            _("no segment states its size and contactable share"),
        )
    people = sum(size for _i, _id, size, _pct in sized)
    reachable = sum(size * pct / 100 for _i, _id, size, pct in sized)
    share = 100 * reachable / people
    status = Status.YES if share >= 70 else Status.PARTLY if share >= 40 else Status.NO
    low = [
        find.at(
            ("segments", i, "contactable_pct"),
            _("segment '{id}': {share} can be contacted individually").format(
                id=ident, share=format_percent(pct)
            ),
        )
        for i, ident, _size, pct in sized
        if pct < 40
    ]
    summary = find.at(
        ("segments",),
        _("{share} of segment customers can be contacted individually").format(
            share=format_percent(share)
        ),
    )
    return Fact("contactable_data", status, (summary, *low[:4]))


# -- the decision itself ------------------------------------------------------------------


def _decision(find: Finder) -> list[Fact]:
    assessment = find.loaded.plan.assessment
    criteria = assessment.criteria if assessment else None
    essential = bool(criteria and criteria.essential)
    optional = bool(criteria and criteria.optional)
    separated = _fact(
        find,
        "criteria_separated",
        Status.YES
        if essential and optional
        else Status.PARTLY
        if essential or optional
        else Status.NO,
        ("assessment", "criteria"),
        _("{essential} essential and {optional} optional criteria written").format(
            essential=len(criteria.essential) if criteria else 0,
            optional=len(criteria.optional) if criteria else 0,
        ),
    )
    return [
        separated,
        _exclusions(find),
        _business_alignment(find),
        _speed(find),
        _stated_only(find, "customer_experience"),
        _materials(find),
    ]


def _exclusions(find: Finder) -> Fact:
    assessment = find.loaded.plan.assessment
    conditions = assessment.exclusion_conditions if assessment else []
    if not conditions:
        return _fact(
            find,
            "exclusions_confirmed",
            Status.NO,
            ("assessment",),
            _("no exclusion condition has been identified"),
        )
    each = [
        find.at(("assessment", "exclusion_conditions", i), _condition_state(c))
        for i, c in enumerate(conditions)
    ]
    confirmed = sum(1 for c in conditions if c.confirmed)
    summary = find.at(
        ("assessment", "exclusion_conditions"),
        _("{confirmed} of {total} exclusion conditions confirmed").format(
            confirmed=confirmed, total=len(conditions)
        ),
    )
    status = share_status(confirmed, len(conditions), 1.0, 0.01)
    return Fact("exclusions_confirmed", status, (summary, *each))


def _condition_state(condition: ExclusionCondition) -> str:
    """What became of one exclusion condition: a confirmed condition rules its option out
    only when it says ``applies: true``; confirmed without it, it does not apply."""
    if not condition.confirmed:
        text = _("not confirmed yet: {condition}")
    elif condition.applies:
        text = _("confirmed, applies: {condition}")
    else:
        text = _("confirmed, does not apply: {condition}")
    return text.format(condition=condition.description)


def _business_alignment(find: Finder) -> Fact:
    goals = find.loaded.plan.goals.smart if find.loaded.plan.goals else []
    linked = [g for g in goals if g.business_goal or g.obstacles]
    derived = share_status(len(linked), len(goals), 0.8, 0.4) if goals else None
    text = _("{linked} of {total} SMART goals name the business goal or obstacle they serve")
    proofs = (
        [find.at(("goals", "smart"), text.format(linked=len(linked), total=len(goals)))]
        if goals
        else []
    )
    stated, stated_proofs = stated_answer(find, "business_goals_aligned")
    return combine("business_goals_aligned", derived, proofs, stated, stated_proofs)


def _speed(find: Finder) -> Fact:
    assessment = find.loaded.plan.assessment
    speed = assessment.decision_speed if assessment else None
    if speed is None:
        return Fact("decision_speed", Status.UNKNOWN)
    text = f"assessment.decision_speed: {speed.answer.value}" + (
        aside(speed.note) if speed.note else ""
    )
    return _fact(
        find, "decision_speed", SPEEDS[speed.answer], ("assessment", "decision_speed"), text
    )


def _materials(find: Finder) -> Fact:
    plan = find.loaded.plan
    manager = plan.engagement.internal_manager if plan.engagement else None
    materials = plan.assessment.materials if plan.assessment else []
    derived = (
        Status.YES
        if manager and materials
        else Status.PARTLY
        if (manager or materials)
        else Status.NO
    )
    proof = find.at(
        ("engagement",),
        _("internal execution manager: {manager}; materials gathered: {count}").format(
            manager=manager.name if manager else _("none named"), count=len(materials)
        ),
    )
    stated, stated_proofs = stated_answer(find, "staff_and_materials")
    return combine(
        "staff_and_materials",
        weakest([derived, stated or Status.UNKNOWN]),
        [proof],
        stated,
        stated_proofs,
    )


# -- organization --------------------------------------------------------------------------


def _organization(find: Finder) -> list[Fact]:
    plan = find.loaded.plan
    rollout = plan.rollout
    departments = {p.department for p in rollout.phases} if rollout else set()
    sponsor = plan.engagement.executive_sponsor if plan.engagement else None
    stated, stated_proofs = stated_answer(find, "executive_support")
    support = combine(
        "executive_support",
        None if sponsor else Status.NO,
        [
            find.at(
                ("engagement",),
                _("executive sponsor: {name}").format(
                    name=sponsor.name if sponsor else _("none named")
                ),
            )
        ],
        stated,
        stated_proofs,
    )
    return [
        _stated_only(find, "cross_functional_team"),
        support,
        _presence(
            find,
            "rollout_by_department",
            len(departments) >= 2,
            ("rollout",),
            _("the rollout goes department by department"),
            _("no rollout across departments is planned"),
        ),
        _presence(
            find,
            "trainings_planned",
            bool(rollout and rollout.trainings),
            ("rollout",),
            _("trainings are planned"),
            _("no training is planned"),
        ),
        _presence(
            find,
            "feedback_channels",
            bool(rollout and rollout.feedback_channels),
            ("rollout",),
            _("feedback channels exist"),
            _("no feedback channel exists"),
        ),
    ]


# -- the customers -------------------------------------------------------------------------


def _customers(find: Finder) -> list[Fact]:
    plan = find.loaded.plan
    personas = plan.personas
    researched = [p for p in personas if p.evidence and set(p.evidence) != {Evidence.ASSUMED}]
    segments = plan.segments
    return [
        _fact(
            find,
            "personas_researched",
            share_status(len(researched), len(personas), 0.8, 0.4) if personas else Status.NO,
            ("personas",),
            _("{good} of {total} personas rest on research").format(
                good=len(researched), total=len(personas)
            ),
        ),
        _presence(
            find,
            "offers_per_segment",
            bool(segments) and all(s.offers for s in segments),
            ("segments",),
            _("every segment has an offer"),
            _("not every segment has an offer"),
        ),
        _prices_known(find),
        _value_binds(find),
        _presence(
            find,
            "customer_goals_known",
            any(t.customer_goal for j in plan.journeys for t in j.touchpoints),
            ("journeys",),
            _("touchpoints record what the customer wants, stage by stage"),
            _("no touchpoint records what the customer wants"),
        ),
    ]


def _prices_known(find: Finder) -> Fact:
    """What customers pay: an offer's payment terms, else a spending KPI's baseline."""
    plan = find.loaded.plan
    for i, segment in enumerate(plan.segments):
        for j, offer in enumerate(segment.offers):
            if offer.payment_terms:
                return _fact(
                    find,
                    "prices_known",
                    Status.YES,
                    ("segments", i, "offers", j, "payment_terms"),
                    _("offer '{offer}' of segment '{segment}' states its payment terms").format(
                        offer=offer.id, segment=segment.id
                    ),
                )
    spending = _kpi_with_baseline(find, Topic.SPENDING)
    if spending is not None:
        return Fact("prices_known", Status.YES, (spending,))
    return _fact(
        find, "prices_known", Status.NO, ("segments",), _("nothing says what customers pay")
    )


def _value_binds(find: Finder) -> Fact:
    """Long-term value per customer and a retention measure, each cited where it is."""
    plan = find.loaded.plan
    valued = next(((i, s) for i, s in enumerate(plan.segments) if s.long_term_value), None)
    value = (
        find.at(
            ("segments", valued[0], "long_term_value"),
            _("segment '{segment}' states its long-term value").format(segment=valued[1].id),
        )
        if valued
        else find.at(("segments",), _("no segment states its long-term value"))
    )
    measured = _kpi_with_baseline(find, Topic.RETENTION)
    retention = measured or find.at(
        ("kpis",), _("no retention, churn or repeat-purchase KPI has a baseline")
    )
    bound = valued is not None and measured is not None
    return Fact("value_binds", Status.YES if bound else Status.NO, (value, retention))


def _kpi_with_baseline(find: Finder, topic: Topic) -> Proof | None:
    """The baseline line of the first catalogue KPI about ``topic`` that has one."""
    for index, kpi in enumerate(find.loaded.plan.kpis):
        if _about(kpi, topic) and kpi.baseline:
            return find.at(
                ("kpis", index, "baseline"), _("KPI '{id}' has a baseline").format(id=kpi.id)
            )
    return None


# -- operations -----------------------------------------------------------------------------


def _operations(find: Finder) -> list[Fact]:
    plan = find.loaded.plan
    owned = [s for s in plan.sops if s.owner]
    reviews = plan.reviews.log if plan.reviews else []
    return [
        _fact(
            find,
            "sops_owned",
            share_status(len(owned), len(plan.sops), 0.8, 0.4) if plan.sops else Status.NO,
            ("sops",),
            _("{good} of {total} SOPs have an owner").format(good=len(owned), total=len(plan.sops)),
        ),
        _presence(
            find,
            "reviews_held",
            bool(reviews),
            ("reviews",),
            _("{count} reviews are logged").format(count=len(reviews)),
            _("no review is logged yet"),
        ),
        _presence(
            find,
            "bottlenecks_known",
            bool(plan.assessment and plan.assessment.bottlenecks),
            ("assessment", "bottlenecks"),
            _("operational bottlenecks are written down"),
            _("no operational bottleneck is written down"),
        ),
    ]
