"""Every rule of an assessment, as data: read this file to know how crmplan concludes.

- :data:`GATES` and :data:`ORDER`: what to do first, following the selection
  criteria in order (essential vs optional criteria, alignment with business
  goals, exclusion conditions, verification questions).
- :data:`STAGES`: the four stages of CRM maturity and what each needs.
- :data:`AREAS`: the six areas of journey-management readiness.
- :data:`FAILURE_CAUSES`: the common reasons journey programmes fail.
- :data:`QUESTIONS`: the pre-consultation question asked when a fact is unknown.
- :data:`ASSUMPTIONS`: the three assumptions of the four stages, each tested by a fact.
- :data:`FACT_LABELS`: what each fact is about, for the progress since a decision.

Each rule names facts (see :mod:`crmplan.assess.derive`) and the status it
needs: ``Need("kpi_targets")`` holds when the fact is ``yes``,
``Need("cross_functional_team", PARTLY)`` when it is at least ``partly``.
docs/assess.md explains each rule in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass

from crmplan.assess.facts import Status
from crmplan.i18n import N_

YES, PARTLY = Status.YES, Status.PARTLY


@dataclass(frozen=True)
class Need:
    """A fact that must be at least ``status``."""

    fact: str
    status: Status = YES


@dataclass(frozen=True)
class Gate:
    """A condition for choosing at all; when it fails, the answer is "not ready"."""

    id: str
    need: Need
    reason: str


@dataclass(frozen=True)
class Choice:
    """An answer to "what first?"; chosen when the pillar it builds is missing."""

    id: str
    title: str
    pillar: str
    missing: Need | None
    excluded_by: str
    next_step: str
    done: str = ""  # said once the pillar it builds holds, after the decision chose it


@dataclass(frozen=True)
class Criterion:
    """One of the selection criteria walked in order, and the facts it looks at."""

    number: int
    title: str
    facts: tuple[str, ...]


@dataclass(frozen=True)
class Stage:
    """A stage of CRM maturity and what it takes."""

    number: int
    name: str
    needs: tuple[tuple[str, Need], ...]


@dataclass(frozen=True)
class Area:
    """An area of journey-management readiness and its checklist."""

    id: str
    name: str
    items: tuple[tuple[str, Need], ...]


@dataclass(frozen=True)
class FailureCause:
    """A common failure cause, flagged when ``fact`` is at most ``status``; a cause about
    the journey map (``needs_map``) only once a map exists (a map cannot have been left
    un-updated before it was drawn)."""

    id: str
    title: str
    fact: str
    status: Status = Status.NO
    needs_map: bool = False


CRITERIA: tuple[Criterion, ...] = (
    Criterion(1, N_("Separate essential criteria from optional ones"), ("criteria_separated",)),
    Criterion(2, N_("Align priorities with the business goals"),
              ("business_goals_aligned", "customer_experience", "bottlenecks_known",
               "data_readiness", "decision_speed")),
    Criterion(3, N_("Confirm the conditions that exclude an option"), ("exclusions_confirmed",)),
    Criterion(4, N_("Prepare verification questions for the pre-consultation"),
              ("staff_and_materials",)),
)

GATES: tuple[Gate, ...] = (
    Gate("criteria_not_separated", Need("criteria_separated"),
         N_("essential criteria are not yet separated from optional ones")),
    Gate("exclusions_unconfirmed", Need("exclusions_confirmed"),
         N_("not every exclusion condition has been confirmed with the client")),
)

# The answers in their order of progress: the first whose pillar is missing wins.
ORDER: tuple[Choice, ...] = (
    Choice("journey_first", N_("Map the customer journey first"),
           N_("customer touchpoints are organized: listed by stage, each with an owner"),
           Need("touchpoints_organized"), "journey",
           N_("inventory every touchpoint stage by stage, give each an owner, and record "
              "what customers want and feel there"), N_("The journey-first work is done")),
    Choice("crm_kpi_first", N_("Put CRM data and KPIs in order first"),
           N_("there is a standard for improving them: KPIs with baselines and targets"),
           Need("improvement_standards"), "crm_kpi",
           N_("give every KPI a definition, a dated baseline with its source and a target, "
              "and link KPIs to the touchpoints they measure"), N_("The CRM/KPI work is done")),
    Choice("both", N_("Run journey and CRM/KPI work as one improvement loop"), "", None, "both",
           N_("improve the touchpoints with the weakest KPIs first and review the loop at "
              "every strategy review")),
)
NOT_READY_TITLE = N_("Not ready to choose yet")
# The journey-first answer for a client whose segments include its best customers: the
# journey of the VIP (premium) customers is the one to map first.
VIP_JOURNEY_TITLE = N_("Map the VIP customer journey first")
VIP_WORDS = ("vip", "premium", "프리미엄", "贵宾", "高端")
# Titles earlier versions wrote into a decision's summary, still read as their answer: the
# English ones, and the Korean and Chinese wordings the catalogs have since replaced.
FORMER_TITLES = (
    ("journey_first", "Map the (VIP) customer journey first"),
    ("crm_kpi_first", "CRM 데이터와 KPI 정비를 먼저 한다"),
    ("both", "고객 여정 작업과 CRM/KPI 작업을 하나의 개선 루프로 운영"),
    ("both", "고객 여정 작업과 CRM/KPI 작업을 하나의 개선 루프로 운영한다"),
    ("not_ready", "아직 결정할 준비가 되지 않음"),
    ("not_ready", "아직 선택할 준비가 되지 않음"),
    ("crm_kpi_first", "从完善 CRM 数据和 KPI 入手"),
    ("crm_kpi_first", "先完善 CRM 数据和 KPI"),
    ("both", "将客户旅程与 CRM/KPI 工作作为同一个改进闭环推进"),
    ("both", "将客户旅程工作与 CRM/KPI 工作作为同一个改进循环来推进"),
    ("not_ready", "尚不具备选择条件"),
)

STAGES: tuple[Stage, ...] = (
    Stage(1, N_("Technology: manual work automated"), (
        (N_("a customer database"), Need("customer_database")),
        (N_("automated communications"), Need("automated_communication")),
    )),
    Stage(2, N_("Integration: units linked, customer information shared"), (
        (N_("a single customer view across departments"), Need("single_customer_view")),
        (N_("a cross-functional team"), Need("cross_functional_team", PARTLY)),
    )),
    Stage(3, N_("Process: the organization works around customer relationships"), (
        (N_("a cross-functional team in place"), Need("cross_functional_team")),
        (N_("owned SOPs"), Need("sops_owned")),
        (N_("effectiveness judged by customer satisfaction"), Need("satisfaction_measured")),
        (N_("a rollout across departments"), Need("rollout_by_department")),
    )),
    Stage(4, N_("Customer-centric: customers understood first, systems designed after"), (
        (N_("personas built from research"), Need("personas_researched")),
        (N_("what customers will buy: an offer per segment"), Need("offers_per_segment")),
        (N_("when they buy: the purchase timing of each segment"),
         Need("purchase_timing_known")),
        (N_("what creates value for them: what they want at each stage"),
         Need("customer_goals_known")),
        (N_("how much they will pay"), Need("prices_known")),
        (N_("whether the value binds them: long-term value and retention measured"),
         Need("value_binds")),
    )),
)

AREAS: tuple[Area, ...] = (
    Area("goals", N_("Strategic goals and vision"), (
        (N_("goals serve named business goals or obstacles"), Need("business_goals_aligned")),
        (N_("satisfaction is measured"), Need("satisfaction_measured")),
        (N_("the business problems to solve are named"), Need("strategic_goals_clear")),
    )),
    Area("customers", N_("Customer understanding and personas"), (
        (N_("personas rest on research"), Need("personas_researched")),
        (N_("the customer experience is understood"), Need("customer_experience")),
    )),
    Area("journey", N_("Current journey map"), (
        (N_("every stage has touchpoints"), Need("stages_mapped")),
        (N_("emotions are recorded"), Need("touchpoint_emotions")),
        (N_("pain points are recorded"), Need("pain_points_recorded")),
        (N_("opportunities are recorded"), Need("opportunities_recorded")),
        (N_("touchpoints rest on research, not assumptions"), Need("touchpoint_evidence")),
        (N_("maps are re-walked within the review cadence"), Need("journeys_rewalked")),
    )),
    Area("data", N_("Technology and data foundation"), (
        (N_("a single customer view"), Need("single_customer_view")),
        (N_("data cleaning is planned"), Need("data_cleaning")),
        (N_("privacy regimes are named"), Need("privacy_regimes")),
        (N_("KPIs name their source system"), Need("kpi_sources")),
        (N_("the team can analyse customer data"), Need("analytics_skills")),
    )),
    Area("organization", N_("Organization and team"), (
        (N_("a cross-functional team"), Need("cross_functional_team")),
        (N_("every touchpoint has an owner"), Need("touchpoint_owners")),
        (N_("trainings are planned"), Need("trainings_planned")),
        (N_("executives support the work"), Need("executive_support")),
        (N_("a core team across departments"), Need("core_team")),
        (N_("a working group for each journey stage"), Need("working_groups")),
        (N_("shared tools and regular meetings across departments"), Need("collaboration")),
    )),
    Area("metrics", N_("Metrics and optimization"), (
        (N_("KPIs have baselines"), Need("kpi_baselines")),
        (N_("KPIs have targets"), Need("kpi_targets")),
        (N_("touchpoints are linked to KPIs"), Need("touchpoint_kpis")),
        (N_("feedback flows back from customers and staff"), Need("feedback_channels")),
        (N_("the strategy is reviewed"), Need("reviews_held")),
    )),
)

FAILURE_CAUSES: tuple[FailureCause, ...] = (
    FailureCause("data_silos", N_("data silos: no single customer view"),
                 "single_customer_view"),
    FailureCause("departmental_walls", N_("departmental walls: no cross-functional team"),
                 "cross_functional_team"),
    FailureCause("no_executive_support", N_("no executive support"), "executive_support"),
    FailureCause("no_clear_goals", N_("no clear strategic goals: the business problems are "
                                      "not named"), "strategic_goals_clear"),
    FailureCause("map_never_updated", N_("a map made once and never re-walked"),
                 "journeys_rewalked", needs_map=True),
    FailureCause("no_metric_system", N_("no metric system to prove ROI: KPIs without baselines"),
                 "kpi_baselines"),
)

QUESTIONS: dict[str, str] = {
    "touchpoints_organized": N_("Who owns each customer touchpoint today, and is there a list "
                                "of them by stage?"),
    "improvement_standards": N_("Which figures does the client already track, since when, "
                                "and against which targets?"),
    "data_readiness": N_("Can each customer be contacted individually, and from which "
                         "system do the figures come?"),
    "staff_and_materials": N_("Who will carry out the work internally, and which current "
                              "materials can we see?"),
    "criteria_separated": N_("Which criteria must the choice meet, and which are nice to "
                             "have?"),
    "exclusions_confirmed": N_("Which conditions would rule out journey work or CRM/KPI "
                               "work right now?"),
    "business_goals_aligned": N_("Which business goal should this work serve first: "
                                 "satisfaction, churn, conversion or lifetime value?"),
    "decision_speed": N_("How quickly can the client decide, and who signs off?"),
    "customer_experience": N_("Which recurring customer questions and complaints reach "
                              "staff most often?"),
    "cross_functional_team": N_("Which departments will sit in the working group, and who "
                                "leads it?"),
    "executive_support": N_("Which executive sponsors the work, and how involved are they?"),
    "single_customer_view": N_("Do all departments see the same customer record?"),
    "contactable_data": N_("How many customers in each segment can be reached individually, "
                           "with consent?"),
    "customer_database": N_("Which systems does the client use today for customer records, "
                            "bookings and messages, and do they share data?"),
    "analytics_skills": N_("Who can turn customer data into insight today, and with which "
                           "tools?"),
}

# The three assumptions the four stages of CRM warn about, each tested against the plan by
# the fact named (docs/assess.md says how): when the fact is ``no``, the assessment reports
# the rule's finding.
ASSUMPTIONS: tuple[tuple[str, str, str], ...] = (
    ("tests_past_behaviour", N_("Past behaviour predicts future behaviour"),
     N_("test segments cut on past behaviour with a campaign measured against a control "
        "group")),
    ("tests_lasting_value", N_("A value proposition lasts"),
     N_("weigh the market and customers' expectations at each strategy review")),
    ("tests_retention", N_("Better relationships guarantee retention"),
     N_("measure retention itself: a retention, churn or repeat-purchase KPI with a "
        "baseline and figures since")),
)

# What each fact is about, for the progress since a decision.
FACT_LABELS: dict[str, str] = {
    "touchpoints_organized": N_("touchpoints organized"),
    "improvement_standards": N_("a standard for improvement (KPI baselines and targets)"),
    "stages_mapped": N_("journey stages mapped"),
    "touchpoint_owners": N_("touchpoint owners"),
    "touchpoint_evidence": N_("touchpoints resting on research"),
    "touchpoint_kpis": N_("touchpoints linked to KPIs"),
    "touchpoint_emotions": N_("emotions recorded"),
    "pain_points_recorded": N_("pain points recorded"),
    "opportunities_recorded": N_("opportunities recorded"),
    "kpi_baselines": N_("KPI baselines"),
    "kpi_targets": N_("KPI targets"),
    "kpi_sources": N_("KPI source systems"),
    "satisfaction_measured": N_("satisfaction measured"),
    "contactable_data": N_("customers contactable individually"),
    "single_customer_view": N_("a single customer view"),
    "data_cleaning": N_("data cleaning planned"),
    "privacy_regimes": N_("privacy regimes named"),
    "data_readiness": N_("data readiness"),
    "criteria_separated": N_("essential and optional criteria separated"),
    "exclusions_confirmed": N_("exclusion conditions confirmed"),
    "business_goals_aligned": N_("priorities aligned with the business goals"),
    "decision_speed": N_("decision speed"),
    "customer_experience": N_("the customer experience understood"),
    "staff_and_materials": N_("execution staff and materials"),
    "cross_functional_team": N_("a cross-functional team"),
    "executive_support": N_("executive support"),
    "rollout_by_department": N_("a rollout department by department"),
    "trainings_planned": N_("trainings planned"),
    "feedback_channels": N_("feedback channels"),
    "personas_researched": N_("personas resting on research"),
    "offers_per_segment": N_("an offer per segment"),
    "prices_known": N_("what customers pay"),
    "value_binds": N_("long-term value and retention measured"),
    "customer_goals_known": N_("what customers want at each stage"),
    "sops_owned": N_("owned SOPs"),
    "reviews_held": N_("strategy reviews held"),
    "bottlenecks_known": N_("operational bottlenecks written down"),
    "customer_database": N_("a customer database in use"),
    "automated_communication": N_("automated communications in use"),
    "systems_can_grow": N_("systems in use that can grow with the business"),
    "purchase_timing_known": N_("when customers buy"),
    "core_team": N_("a core team across departments"),
    "working_groups": N_("working groups per journey stage"),
    "collaboration": N_("shared tools and meetings across departments"),
    "analytics_skills": N_("data-analysis capability"),
    "analytics_capability": N_("data-analysis capability"),
    "strategic_goals_clear": N_("the business problems to solve named"),
    "journeys_rewalked": N_("journey maps re-walked in time"),
    "tests_past_behaviour": N_("past behaviour tested against a control group"),
    "tests_lasting_value": N_("the value proposition weighed against the market"),
    "tests_retention": N_("retention measured, not assumed"),
}

NEXT_STEPS: tuple[str, ...] = (
    N_("Gather the client's current materials and the questions customers ask again and "
       "again."),
    N_("Meet the internal execution manager ({manager}) to confirm scope, priorities and "
       "inspection standards."),
)
