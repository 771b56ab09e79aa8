"""The assessment core (crmplan.assess): what to do first, maturity, readiness, questions.

Plans are built in each test from a few parameters (see the helpers below), loaded
with ``load_bytes`` and assessed with ``engine.assess``. Positions are 1-based
``line:col`` as the user sees them in an editor.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations, product
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from crmplan import i18n
from crmplan.analysis import PlanAnalysis
from crmplan.assess import rules
from crmplan.assess.engine import NOT_READY, Report, recommend
from crmplan.assess.facts import Fact, Status
from crmplan.assess.report import to_data, to_markdown
from crmplan.plan.load import load_bytes, load_plan

EXAMPLES = Path(__file__).parents[1] / "examples"
HEAD = "schema_version: 1\nclient:\n  name: Acme\n"  # three lines; what follows starts at line 4
RANK = {NOT_READY: 0, "journey_first": 1, "crm_kpi_first": 2, "both": 3}
KPI_IDS = ("retention_rate", "conversion_rate", "repeat_purchase_rate",
           "first_contact_resolution", "avg_order_value")
BASELINE = "baseline: {value: 10, as_of: 2026-01-01, source: CRM}"
TARGET = "target: {value: 12, by: 2026-12-31}"


pytestmark = pytest.mark.usefixtures("english")


# -- building plans ---------------------------------------------------------------------


class Condition(NamedTuple):
    """An exclusion condition: what it rules out, whether confirmed, whether it applies."""

    excludes: str
    confirmed: bool = True
    applies: bool | None = False


NOT_APPLYING = Condition("journey")  # confirmed, does not hold: rules nothing out


def journey(stages: int, touchpoints: Sequence[tuple[int, bool]] = ()) -> str:
    """One journey with stages s1..sN, one line each; touchpoints are (stage number, owned).

    Lines: ``journeys:``, ``- id``, ``name``, ``stages:``, the stages, then
    ``touchpoints:`` and one line per touchpoint.
    """
    lines = ["journeys:", "  - id: vip", "    name: VIP journey", "    stages:"]
    lines += [f"      - {{id: s{n}, name: Stage {n}}}" for n in range(1, stages + 1)]
    if touchpoints:
        lines.append("    touchpoints:")
    for number, (stage, owned) in enumerate(touchpoints, 1):
        owner = ", owner: Kim" if owned else ""
        lines.append(f"      - {{id: t{number}, name: Touchpoint {number}, stage: s{stage}, "
                     f"channel: web{owner}}}")
    return "\n".join(lines) + "\n"


def kpis(rows: Sequence[tuple[bool, bool]]) -> str:
    """One catalogue KPI per row (has a baseline, has a target), one line each after ``kpis:``."""
    lines = ["kpis:"]
    for kpi_id, (baseline, target) in zip(KPI_IDS, rows, strict=False):
        parts = [f"id: {kpi_id}", *([BASELINE] if baseline else []), *([TARGET] if target else [])]
        lines.append("  - {" + ", ".join(parts) + "}")
    return "\n".join(lines) + "\n"


def assessment(*, essential: int = 1, optional: int = 1,
               exclusions: Sequence[Condition] = (NOT_APPLYING,),
               stated: Mapping[str, str] | None = None, questions: Sequence[str] = ()) -> str:
    """``assessment:`` with stated answers (one line each), criteria, conditions, questions."""
    lines = ["assessment:"]
    lines += [f"  {name}: {{answer: {answer}}}" for name, answer in (stated or {}).items()]
    if essential or optional:
        lines += ["  criteria:",
                  f"    essential: [{', '.join(f'must {n}' for n in range(essential))}]",
                  f"    optional: [{', '.join(f'nice {n}' for n in range(optional))}]"]
    if exclusions:
        lines.append("  exclusion_conditions:")
    for number, c in enumerate(exclusions, 1):
        applies = "" if c.applies is None else f", applies: {str(c.applies).lower()}"
        lines.append(f"    - {{description: Condition {number}, excludes: {c.excludes}, "
                     f"confirmed: {str(c.confirmed).lower()}{applies}}}")
    if questions:
        lines.append("  verification_questions:")
        lines += [f"    - {json.dumps(q)}" for q in questions]
    return "\n".join(lines) + "\n"


def plan(*sections: str) -> str:
    return HEAD + "".join(sections)


def run(text: str) -> Report:
    return PlanAnalysis(load_bytes(text.encode("utf-8"), "plan.yaml")).assessment


def as_json(report: Report) -> str:
    return json.dumps(to_data(report, explain=True), sort_keys=True, ensure_ascii=False)


def evidence(report: Report, fact: str) -> list[str]:
    return [f"{p.location} {p.text}" for p in report.facts[fact].proofs]


ORGANIZED = journey(2, [(1, True), (2, True)])
DISORGANIZED = journey(3, [(1, False)])
STANDARDS = kpis([(True, True), (True, True)])
NO_STANDARDS = kpis([(False, False), (False, False)])
READY = assessment()


# -- the decision: gates ------------------------------------------------------------------


def test_not_ready_when_criteria_are_not_separated() -> None:
    report = run(plan(assessment(optional=0), ORGANIZED, STANDARDS))
    r = report.recommendation
    assert r.id == NOT_READY
    assert [(c.fact, c.status, c.met) for c in r.reasons] == [
        ("criteria_separated", Status.PARTLY, False)]
    assert [f"{p.location} {p.text}" for p in r.reasons[0].proofs] == [
        "plan.yaml:5:3 1 essential and 0 optional criteria written"]
    assert r.next_step == ""
    assert report.next_steps[-1] == (
        "Resolve first: essential criteria are not yet separated from optional ones")


def test_not_ready_without_any_criteria_or_condition() -> None:
    report = run(plan(ORGANIZED, STANDARDS))
    assert report.recommendation.id == NOT_READY
    assert [c.fact for c in report.recommendation.reasons] == [
        "criteria_separated", "exclusions_confirmed"]
    assert report.facts["exclusions_confirmed"].status is Status.NO


def test_not_ready_when_an_exclusion_condition_is_unconfirmed() -> None:
    conditions = [NOT_APPLYING, Condition("crm_kpi", confirmed=False, applies=None)]
    report = run(plan(assessment(exclusions=conditions), ORGANIZED, STANDARDS))
    r = report.recommendation
    assert r.id == NOT_READY
    assert [(c.fact, c.status) for c in r.reasons] == [("exclusions_confirmed", Status.PARTLY)]
    assert [f"{p.location} {p.text}" for p in r.reasons[0].proofs] == [
        "plan.yaml:8:3 1 of 2 exclusion conditions confirmed",
        "plan.yaml:9:7 confirmed, does not apply: Condition 1",
        "plan.yaml:10:7 not confirmed yet: Condition 2",
    ]
    assert "Resolve first: not every exclusion condition has been confirmed with the client" in (
        report.next_steps)


# -- the decision: what to do first ----------------------------------------------------------


def test_journey_first_when_touchpoints_are_not_organized() -> None:
    report = run(plan(READY, DISORGANIZED, NO_STANDARDS))
    r = report.recommendation
    assert r.id == "journey_first"
    assert r.title == "Map the customer journey first"  # the plan has no VIP segment
    assert [(c.fact, c.status, c.met) for c in r.reasons] == [
        ("touchpoints_organized", Status.NO, False)]
    assert evidence(report, "touchpoints_organized") == [
        "plan.yaml:10:1 1 of 3 stages have touchpoints",
        "plan.yaml:15:9 stage 's2' (Stage 2) has no touchpoint",
        "plan.yaml:16:9 stage 's3' (Stage 3) has no touchpoint",
        "plan.yaml:10:1 0 of 1 touchpoints have an owner",
        "plan.yaml:18:9 touchpoint 't1' (Touchpoint 1) has no owner",
    ]
    assert r.excluded == ()
    assert report.next_steps[-1] == rules.ORDER[0].next_step


SEGMENTS = "segments:\n  - {{id: {id}, name: {name}, definition: Their customers}}\n"


@pytest.mark.parametrize(("segment_id", "name", "title"), [
    ("vip", "Top spenders", "Map the VIP customer journey first"),
    ("top", "Premium members", "Map the VIP customer journey first"),
    ("top", "VIP 멤버십", "Map the VIP customer journey first"),
    ("oem", "Strategic OEM accounts", "Map the customer journey first"),
])
def test_the_journey_first_title_names_vip_only_for_vip_customers(
        segment_id: str, name: str, title: str) -> None:
    """A B2B client without VIP customers is not told to map a VIP journey."""
    segments = SEGMENTS.format(id=segment_id, name=name)
    report = run(plan(READY, DISORGANIZED, NO_STANDARDS, segments))
    assert (report.recommendation.id, report.recommendation.title) == ("journey_first", title)


def test_partly_organized_touchpoints_still_put_the_journey_first() -> None:
    # every stage mapped, but only 2 of 3 touchpoints owned (needs 90%): partly, not yes
    text = plan(READY, journey(2, [(1, True), (2, True), (2, False)]), NO_STANDARDS)
    report = run(text)
    assert report.facts["touchpoint_owners"].status is Status.PARTLY
    assert report.facts["stages_mapped"].status is Status.YES
    assert report.recommendation.id == "journey_first"


def test_crm_kpi_first_when_touchpoints_are_organized_but_kpis_lack_standards() -> None:
    half = kpis([(True, True), (True, False), (False, True), (False, False)])
    report = run(plan(READY, ORGANIZED, half))
    r = report.recommendation
    assert r.id == "crm_kpi_first"
    assert [(c.fact, c.status, c.met) for c in r.reasons] == [
        ("touchpoints_organized", Status.YES, True),
        ("improvement_standards", Status.PARTLY, False),
    ]
    assert evidence(report, "improvement_standards") == [
        "plan.yaml:19:1 2 of 4 KPIs have a baseline",
        "plan.yaml:22:5 KPI 'repeat_purchase_rate' lacks a baseline",
        "plan.yaml:23:5 KPI 'first_contact_resolution' lacks a baseline",
        "plan.yaml:19:1 2 of 4 KPIs have a target",
        "plan.yaml:21:5 KPI 'conversion_rate' lacks a target",
        "plan.yaml:23:5 KPI 'first_contact_resolution' lacks a target",
    ]
    assert report.next_steps[-1] == rules.ORDER[1].next_step


def test_both_when_both_pillars_are_in_place() -> None:
    report = run(plan(READY, ORGANIZED, STANDARDS))
    r = report.recommendation
    assert r.id == "both"
    assert [(c.fact, c.met) for c in r.reasons] == [
        ("touchpoints_organized", True), ("improvement_standards", True)]
    assert report.next_steps[-1] == rules.ORDER[2].next_step


# -- the decision: exclusion conditions ----------------------------------------------------


@pytest.mark.parametrize(("pillars", "excludes", "expected"), [
    ((DISORGANIZED, NO_STANDARDS), "journey", "crm_kpi_first"),
    ((ORGANIZED, NO_STANDARDS), "crm_kpi", "journey_first"),
    ((ORGANIZED, STANDARDS), "journey", "crm_kpi_first"),
    ((ORGANIZED, STANDARDS), "crm_kpi", "journey_first"),
], ids=["journey excluded", "crm_kpi excluded", "both minus journey", "both minus crm_kpi"])
def test_an_excluded_choice_gives_way_to_the_alternative(
        pillars: tuple[str, str], excludes: str, expected: str) -> None:
    conditions = [NOT_APPLYING, Condition(excludes, applies=True)]
    report = run(plan(assessment(exclusions=conditions), *pillars))
    assert report.recommendation.id == expected
    assert report.recommendation.excluded == (excludes,)
    assert report.next_steps[-1] == next(c.next_step for c in rules.ORDER if c.id == expected)


@pytest.mark.parametrize("condition", [
    Condition("journey", applies=False), Condition("journey", applies=None),
    Condition("journey", confirmed=False, applies=True),
], ids=["confirmed, not applying", "confirmed, applies unset", "unconfirmed"])
def test_only_a_confirmed_applying_condition_excludes(condition: Condition) -> None:
    report = run(plan(assessment(exclusions=[condition]), DISORGANIZED, NO_STANDARDS))
    assert report.recommendation.excluded == ()
    expected = "journey_first" if condition.confirmed else NOT_READY
    assert report.recommendation.id == expected


@pytest.mark.parametrize("pillars", [
    (DISORGANIZED, NO_STANDARDS), (ORGANIZED, NO_STANDARDS), (ORGANIZED, STANDARDS)],
    ids=["journey_first", "crm_kpi_first", "both"])
def test_every_option_excluded_is_not_ready(pillars: tuple[str, str]) -> None:
    for conditions in ([Condition("both", applies=True)],
                       [Condition("journey", applies=True), Condition("crm_kpi", applies=True)]):
        report = run(plan(assessment(exclusions=conditions), *pillars))
        assert report.recommendation.id == NOT_READY, conditions
        assert report.recommendation.excluded == tuple(sorted(c.excludes for c in conditions))
        assert report.recommendation.next_step == ""


# -- the decision: stated answers and contradictions -----------------------------------------


@pytest.mark.parametrize(("organized", "standards", "expected"), [
    ("no", "no", "journey_first"),
    ("partly", "yes", "journey_first"),
    ("unknown", "yes", "journey_first"),
    ("yes", "no", "crm_kpi_first"),
    ("yes", "partly", "crm_kpi_first"),
    ("yes", "yes", "both"),
])
def test_stated_answers_decide_when_the_plan_has_no_journeys_or_kpis(
        organized: str, standards: str, expected: str) -> None:
    stated = {"touchpoints_organized": organized, "improvement_standards": standards}
    report = run(plan(assessment(stated=stated)))
    assert report.recommendation.id == expected
    fact = report.facts["touchpoints_organized"]
    assert (fact.stated, fact.derived) == (Status[organized.upper()], None)
    assert evidence(report, "touchpoints_organized") == [
        f"plan.yaml:5:3 assessment.touchpoints_organized: {organized}",
        "plan.yaml:1:1 no journey is mapped yet", "plan.yaml:1:1 no touchpoint is mapped yet"]
    assert report.contradictions == ()


def test_without_journeys_kpis_or_answers_the_journey_comes_first() -> None:
    report = run(plan(READY))
    assert report.facts["touchpoints_organized"].status is Status.UNKNOWN
    assert report.recommendation.id == "journey_first"


PLAN_CONTRADICTS = HEAD + """\
journeys:
  - id: vip
    name: VIP journey
    stages:
      - {id: first_visit, name: First visit}
      - {id: treatment, name: Treatment}
      - {id: aftercare, name: Aftercare}
assessment:
  touchpoints_organized: {answer: yes, note: workshop inventory}
  criteria: {essential: [budget], optional: [speed]}
  exclusion_conditions:
    - {description: Code freeze, excludes: journey, confirmed: true, applies: false}
"""


def test_the_plan_wins_over_a_stated_answer_and_the_contradiction_is_reported() -> None:
    report = run(PLAN_CONTRADICTS)
    assert report.recommendation.id == "journey_first"
    [fact] = report.contradictions
    assert (fact.id, fact.status, fact.stated, fact.derived) == (
        "touchpoints_organized", Status.NO, Status.YES, Status.NO)
    expected = [
        "plan.yaml:12:3 assessment.touchpoints_organized: yes (workshop inventory)",
        "plan.yaml:4:1 0 of 3 stages have touchpoints",
        "plan.yaml:8:9 stage 'first_visit' (First visit) has no touchpoint",
        "plan.yaml:9:9 stage 'treatment' (Treatment) has no touchpoint",
        "plan.yaml:10:9 stage 'aftercare' (Aftercare) has no touchpoint",
        "plan.yaml:4:1 no touchpoint is mapped yet",
    ]
    assert [f"{p.location} {p.text}" for p in fact.proofs] == expected
    [data] = to_data(report)["contradictions"]
    assert (data["fact"], data["stated"], data["plan_shows"]) == (
        "touchpoints_organized", "yes", "no")
    assert [f"{e['location']} {e['text']}" for e in data["evidence"]] == expected
    assert "- touchpoints_organized: stated yes, the plan shows no" in to_markdown(report)
    assert rules.QUESTIONS["touchpoints_organized"] in report.questions


def test_a_stated_no_the_plan_disproves_is_reported_as_no() -> None:
    stated = {"improvement_standards": "no"}
    report = run(plan(assessment(stated=stated), ORGANIZED, STANDARDS))
    assert report.recommendation.id == "both"
    [fact] = report.contradictions
    assert (fact.id, fact.stated, fact.derived) == ("improvement_standards", Status.NO,
                                                    Status.YES)
    [data] = to_data(report)["contradictions"]
    assert (data["stated"], data["plan_shows"]) == ("no", "yes")


@pytest.mark.parametrize(("stated", "shown"), [("partly", "no"), ("no", "partly"),
                                               ("unknown", "yes")])
def test_only_a_disagreement_about_yes_is_a_contradiction(stated: str, shown: str) -> None:
    pillars = {"no": DISORGANIZED, "partly": journey(2, [(1, False), (2, True)]),
               "yes": ORGANIZED}
    report = run(plan(assessment(stated={"touchpoints_organized": stated}), pillars[shown]))
    assert report.facts["touchpoints_organized"].status is Status[shown.upper()]
    assert report.contradictions == ()


def test_a_stated_no_for_staff_and_materials_is_not_ignored() -> None:
    text = plan(assessment(stated={"staff_and_materials": "no"}),
                "engagement:\n  internal_manager: {name: Min-ji Park}\n")
    text = text.replace("  criteria:", "  materials: [price list]\n  criteria:")
    fact = run(text).facts["staff_and_materials"]
    assert fact.status is Status.NO


# -- maturity --------------------------------------------------------------------------------

STAGE_NEEDS = {
    1: ["customer_database", "automated_communication"],
    2: ["single_customer_view", "cross_functional_team"],
    3: ["cross_functional_team", "sops_owned", "satisfaction_measured", "rollout_by_department"],
    4: ["personas_researched", "offers_per_segment", "purchase_timing_known",
        "customer_goals_known", "prices_known", "value_binds"],
}


def maturity_plan(holds: set[str], team: str = "no") -> str:
    """A plan where exactly the facts in ``holds`` are yes; ``team`` is the stated team answer."""
    strategy = ["strategy:", "  data_handling:",
                f"    single_customer_view: {str('single_customer_view' in holds).lower()}"]
    lines = [*strategy, "assessment:", f"  cross_functional_team: {{answer: {team}}}"]
    systems = [system for fact, system in [
        ("customer_database", "  - {id: crm, name: Clinic CRM, kind: crm}"),
        ("automated_communication", "  - {id: kakao, name: KakaoTalk channel, kind: messaging}"),
    ] if fact in holds]
    lines += ["systems:", *systems] if systems else []
    if "sops_owned" in holds:
        lines += ["sops:", "  - {id: sop1, title: Intake, owner: Lee}"]
    if "rollout_by_department" in holds:
        lines += ["rollout:", "  phases:", "    - {id: p1, department: Service}",
                  "    - {id: p2, department: Marketing}"]
    if "personas_researched" in holds:
        lines += ["personas:", "  - {id: pe1, name: Busy parent, evidence: [survey]}"]
    segment = "  - {id: vip, name: VIP, definition: Top spenders"
    segment += ", offers: [{id: o1, product: Care plan}]" if "offers_per_segment" in holds else ""
    segment += ", long_term_value: 5000" if "value_binds" in holds else ""
    segment += ", purchase_timing: Every spring" if "purchase_timing_known" in holds else ""
    lines += ["segments:", segment + "}"]
    if "customer_goals_known" in holds:
        lines += ["journeys:", "  - id: j1", "    name: J", "    stages: [{id: s1, name: S}]",
                  "    touchpoints:", "      - {id: t1, name: T, stage: s1, channel: web, "
                  "customer_goal: Book fast}"]
    kpi_lines = [kpi for fact, kpi in [
        ("satisfaction_measured", "  - {id: csat, " + BASELINE + "}"),
        ("prices_known", "  - {id: avg_order_value, " + BASELINE + "}"),
        ("value_binds", "  - {id: retention_rate, " + BASELINE + "}")] if fact in holds]
    lines += ["kpis:", *kpi_lines] if kpi_lines else []
    return HEAD + "\n".join(lines) + "\n"


def stages_of(holds: set[str], team: str = "no") -> tuple[int, list[bool]]:
    report = run(maturity_plan(holds, team))
    assert [[c.fact for c in s.checks] for s in report.stages] == list(STAGE_NEEDS.values())
    return report.stage, [s.met for s in report.stages]


def up_to(stage: int) -> set[str]:
    return {fact for number in range(1, stage + 1) for fact in STAGE_NEEDS[number]}


@pytest.mark.parametrize("stage", [0, 1, 2, 3, 4])
def test_the_maturity_stage_is_the_last_of_the_stages_met_in_a_row(stage: int) -> None:
    team = "yes" if stage >= 3 else "partly" if stage == 2 else "no"
    assert stages_of(up_to(stage), team) == (stage, [n <= stage for n in range(1, 5)])


@pytest.mark.parametrize(("stage", "need"), [
    (stage, need) for stage, needs in STAGE_NEEDS.items() for need in needs
    if need != "cross_functional_team"])
def test_each_need_of_a_stage_is_required(stage: int, need: str) -> None:
    reached, met = stages_of(up_to(4) - {need}, "yes")
    assert reached == stage - 1
    assert not met[stage - 1]


def test_a_partly_cross_functional_team_reaches_stage_two_only() -> None:
    assert stages_of(up_to(4), "partly") == (2, [True, True, False, True])
    assert stages_of(up_to(4), "no") == (1, [True, False, False, True])


def test_meeting_stage_four_but_not_stage_two_is_stage_one() -> None:
    holds = up_to(4) - {"single_customer_view"}
    assert stages_of(holds, "yes") == (1, [True, False, True, True])


def test_meeting_later_stages_without_the_first_is_stage_zero() -> None:
    assert stages_of(up_to(4) - {"customer_database"}, "yes") == (0, [False, True, True, True])


CANDIDATES_ONLY = HEAD + """\
strategy:
  data_handling: {storage: One customer database, single_customer_view: true}
activity_plan:
  communication: [{channel: email, message: Hi}]
software:
  candidates: [{id: hub, name: HubSpot}]
  decision: {candidate: hub, date: 2026-02-01, rationale: Best fit}
"""


def test_maturity_is_judged_on_the_systems_in_use_never_on_candidates() -> None:
    report = run(CANDIDATES_ONLY)
    assert report.stage == 0
    assert {f: report.facts[f].status for f in ("customer_database", "automated_communication")
            } == {"customer_database": Status.UNKNOWN, "automated_communication": Status.UNKNOWN}
    assert evidence(report, "customer_database") == [
        "plan.yaml:1:1 the systems in use today are not recorded"]
    assert [i.code for i in report.findings if i.code == "CRM453"] == ["CRM453"]
    in_use = CANDIDATES_ONLY + """\
systems:
  - {id: sheet, name: Patient list, kind: spreadsheet, integrates: false}
  - {id: kakao, name: KakaoTalk channel, kind: messaging}
"""
    report = run(in_use)
    assert report.facts["customer_database"].status is Status.PARTLY
    assert evidence(report, "customer_database") == [
        "plan.yaml:12:5 customer records are kept by hand in Patient list"]
    assert report.facts["automated_communication"].status is Status.YES
    assert report.stage == 0
    report = run(in_use.replace("kind: spreadsheet", "kind: emr"))
    assert report.stage == 1 and report.stages[0].met


# -- journey-management readiness ----------------------------------------------------------

READINESS_PLAN = HEAD + """\
engagement:
  executive_sponsor: {name: Jun Seo}
assessment:
  business_goals_aligned: {answer: partly}
  customer_experience: {answer: yes}
  cross_functional_team: {answer: partly}
  executive_support: {answer: yes}
  analytics_capability: {answer: partly}
goals:
  business_problems: [churn]
kpis:
  - {id: csat, baseline: {value: 4.1, as_of: 2026-01-05, source: survey}}
  - {id: conversion_rate, definition: {source_system: CRM}, target: {value: 30, by: 2026-12-31}}
  - {id: retention_rate, target: {value: 60, by: 2026-12-31}}
journeys:
  - id: vip
    name: VIP journey
    stages:
      - {id: s1, name: Booking}
      - {id: s2, name: Visit}
      - {id: s3, name: Aftercare}
      - {id: s4, name: Referral}
    touchpoints:
      - {id: t1, name: Call, stage: s1, channel: phone, owner: Kim, emotion: 1, evidence: survey,
         kpis: [csat]}
      - {id: t2, name: Desk, stage: s2, channel: in_person, owner: Lee, evidence: assumed}
      - {id: t3, name: Message, stage: s3, channel: kakaotalk}
    pain_points:
      - {id: wait, touchpoint: t2, description: Long wait at the desk}
strategy:
  privacy: {regimes: [pipa]}
activity_plan:
  data_management: {cleaning: De-duplicate records yearly}
reviews:
  log:
    - {date: 2026-03-01}
"""


def test_readiness_scores_each_area_and_the_overall_mean() -> None:
    report = run(READINESS_PLAN)
    statuses = {a.id: [c.status.name.lower() for c in a.checks] for a in report.areas}
    assert statuses == {
        "goals": ["partly", "yes", "partly"],
        "customers": ["no", "yes"],
        "journey": ["partly", "no", "yes", "no", "partly", "unknown"],
        "data": ["unknown", "yes", "yes", "partly", "partly"],
        "organization": ["partly", "partly", "no", "yes", "no", "no", "no"],
        "metrics": ["no", "partly", "partly", "no", "yes"],
    }
    # yes = 1, partly = 0.5, otherwise 0; the mean of an area's checks times 100, rounded
    # half up: 2/3, 1/2, 2/6, 3/5, 2/7, 2/5; overall (279 / 6 = 46.5) -> 47
    assert {a.id: a.score for a in report.areas} == {
        "goals": 67, "customers": 50, "journey": 33, "data": 60, "organization": 29,
        "metrics": 40}
    assert report.readiness == 47
    assert [(a["id"], a["score"]) for a in to_data(report)["readiness"]["areas"]][3] == (
        "data", 60)


def test_failure_causes_flag_facts_that_are_no_not_unknown() -> None:
    assert [f.id for f in run(READINESS_PLAN).failure_causes] == ["no_metric_system"]
    walls = HEAD + (
        "strategy:\n  data_handling: {single_customer_view: false}\n"
        "assessment:\n  cross_functional_team: {answer: no}\n" + NO_STANDARDS)
    report = run(walls)
    assert [f.id for f in report.failure_causes] == [
        "data_silos", "departmental_walls", "no_executive_support", "no_clear_goals",
        "no_metric_system"]
    assert [f"{p.location} {p.text}" for p in report.failure_causes[0].proofs] == [
        "plan.yaml:5:19 single customer view: no"]
    assert [f.id for f in run(HEAD).failure_causes] == [
        "no_executive_support", "no_clear_goals", "no_metric_system"]


def test_no_map_cause_before_a_map_exists() -> None:
    """Month 0: no journey is mapped, so no map can have been left un-updated; once a map
    exists and says nothing of its last walk, the cause is raised."""
    assert "map_never_updated" not in [c.id for c in run(HEAD).failure_causes]
    mapped = HEAD + "journeys:\n  - {id: j, name: J}\n"
    assert run(mapped).facts["journeys_rewalked"].status is Status.UNKNOWN
    assert "map_never_updated" not in [c.id for c in run(mapped).failure_causes]
    stale = HEAD + "reviews: {cadence_months: 6, log: [{date: 2026-06-30}]}\n" \
        "journeys:\n  - {id: j, name: J, last_walked: 2025-10-01}\n"
    assert "map_never_updated" in [c.id for c in run(stale).failure_causes]


def test_a_confirmed_condition_without_applies_does_not_apply() -> None:
    """confirmed: true without applies: rules nothing out, and says so."""
    conditions = [Condition("journey", confirmed=True, applies=None),
                  Condition("crm_kpi", confirmed=True, applies=True)]
    report = run(plan(assessment(exclusions=conditions), ORGANIZED, STANDARDS))
    texts = [p.text for p in report.facts["exclusions_confirmed"].proofs]
    assert texts == ["2 of 2 exclusion conditions confirmed",
                     "confirmed, does not apply: Condition 1",
                     "confirmed, applies: Condition 2"]
    assert report.recommendation.id == "journey_first"


# -- verification questions and next steps -------------------------------------------------


def test_questions_for_unknown_and_partly_facts_follow_the_prepared_ones_without_repeats(
) -> None:
    duplicate = rules.QUESTIONS["single_customer_view"]
    prepared = ["Who signs off the budget?", duplicate, "Who signs off the budget?"]
    stated = {"business_goals_aligned": "yes", "decision_speed": "slow",
              "cross_functional_team": "partly"}
    report = run(plan(assessment(stated=stated, questions=prepared)))
    q = rules.QUESTIONS
    assert report.questions == (
        "Who signs off the budget?", duplicate,
        q["touchpoints_organized"], q["improvement_standards"], q["customer_experience"],
        q["cross_functional_team"], q["contactable_data"], q["customer_database"],
        q["analytics_skills"],
    )


def test_questions_are_asked_in_the_active_language_and_still_deduplicated() -> None:
    with i18n.language("ko"):
        report = run(plan(assessment(questions=[i18n._(rules.QUESTIONS["decision_speed"])])))
    assert len(report.questions) == len(set(report.questions))


def test_next_steps_name_the_internal_manager() -> None:
    text = plan(READY, DISORGANIZED, "engagement:\n  internal_manager: {name: Min-ji Park}\n")
    steps = run(text).next_steps
    assert steps == (
        "Gather the client's current materials and the questions customers ask again and again.",
        "Meet the internal execution manager (Min-ji Park) to confirm scope, priorities and "
        "inspection standards.",
        rules.ORDER[0].next_step,
    )
    assert "(to be named)" in run(plan(READY)).next_steps[1]


# -- the examples ----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "expected", "excluded", "stage"), [
    ("aesthetic-clinic-ko", "journey_first", (), 1),
    ("online-retailer-en", "crm_kpi_first", ("journey",), 1),
    ("b2b-manufacturer-zh", "both", (), 2),
])
def test_the_examples_give_their_documented_recommendation(
        name: str, expected: str, excluded: tuple[str, ...], stage: int) -> None:
    report = PlanAnalysis(load_plan(EXAMPLES / name / "plan.yaml")).assessment
    assert report.recommendation.id == expected
    assert report.recommendation.excluded == excluded
    assert report.stage == stage


def test_the_retailer_puts_kpis_first_because_journey_work_is_excluded() -> None:
    report = PlanAnalysis(load_plan(EXAMPLES / "online-retailer-en" / "plan.yaml")).assessment
    assert [(c.fact, c.met) for c in report.recommendation.reasons] == [
        ("touchpoints_organized", True), ("improvement_standards", False)]


# -- properties ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Knobs:
    """A plan's readiness, knob by knob; a higher value is always at least as ready.

    Four touchpoints over four stages, five KPIs, and a fixed world of exclusion
    conditions (what each rules out, whether it holds) that are confirmed in order.
    Improving one knob never worsens another fact by construction: mapping more
    stages moves the same touchpoints (owners unchanged) rather than adding new ones.
    """

    stages_mapped: int  # 1..4 of the four stages hold a touchpoint
    owners: int  # 0..4 of the four touchpoints have an owner
    baselines: int  # 0..5 of the five KPIs have a baseline
    targets: int  # 0..5 of the five KPIs have a target
    criteria: int  # 0 none, 1 essential only, 2 essential and optional
    confirmed: int  # how many of the conditions are confirmed (the first ones)
    conditions: tuple[tuple[str, bool], ...]  # (excludes, applies once confirmed)
    stated: str  # the stated touchpoints/standards answer; the plan overrides it

    def limit(self, knob: str) -> int:
        limits = {"stages_mapped": 4, "owners": 4, "baselines": 5, "targets": 5, "criteria": 2,
                  "confirmed": len(self.conditions)}
        return limits[knob]

    def text(self) -> str:
        placed = [(min(i, self.stages_mapped - 1) + 1, i < self.owners) for i in range(4)]
        conditions = [Condition(excludes, i < self.confirmed, applies if i < self.confirmed
                                else None) for i, (excludes, applies) in
                      enumerate(self.conditions)]
        stated = {"touchpoints_organized": self.stated, "improvement_standards": self.stated}
        return plan(
            assessment(essential=int(self.criteria >= 1), optional=int(self.criteria >= 2),
                       exclusions=conditions, stated=stated),
            journey(4, placed),
            kpis([(i < self.baselines, i < self.targets) for i in range(5)]))


KNOBS = ("stages_mapped", "owners", "baselines", "targets", "criteria", "confirmed")
FAST = settings(max_examples=50, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def level(low: int, high: int) -> st.SearchStrategy[int]:
    """A knob's value, with both ends drawn often: that is where the statuses change."""
    return st.one_of(st.just(low), st.just(high), st.integers(low, high))


@st.composite
def knobs(draw: st.DrawFn) -> Knobs:
    conditions = tuple(draw(st.lists(st.tuples(
        st.sampled_from(["journey", "crm_kpi", "both"]), st.booleans()), max_size=2)))
    unconfirmed = draw(level(0, len(conditions)))
    return Knobs(
        stages_mapped=draw(level(1, 4)), owners=draw(level(0, 4)),
        baselines=draw(level(0, 5)), targets=draw(level(0, 5)), criteria=draw(level(0, 2)),
        confirmed=len(conditions) - unconfirmed, conditions=conditions,
        stated=draw(st.sampled_from(["yes", "partly", "no", "unknown"])))


def test_the_same_plan_always_gives_byte_identical_json() -> None:
    text = (EXAMPLES / "online-retailer-en" / "plan.yaml").read_bytes()
    first, second = (as_json(PlanAnalysis(load_bytes(text, "plan.yaml")).assessment)
                     for _ in range(2))
    assert first == second
    loaded = load_bytes(text, "plan.yaml")
    analysis = PlanAnalysis(loaded)
    assert as_json(analysis.assessment) == as_json(PlanAnalysis(loaded).assessment) == first


@pytest.mark.slow
@FAST
@given(knobs())
def test_generated_plans_give_byte_identical_json(k: Knobs) -> None:
    text = k.text()
    assert as_json(run(text)) == as_json(run(text))


DECISION_FACTS = ("criteria_separated", "exclusions_confirmed", "touchpoints_organized",
                  "improvement_standards")
EXCLUSIONS = [set(c) for n in range(4) for c in combinations(("journey", "crm_kpi", "both"), n)]
PILLARS = {"journey_first": {"journey"}, "crm_kpi_first": {"crm_kpi"},
           "both": {"journey", "crm_kpi"}, NOT_READY: set()}


def decide(statuses: tuple[Status, ...], excluded: set[str]) -> str:
    facts = {name: Fact(name, status) for name, status in zip(DECISION_FACTS, statuses,
                                                                strict=True)}
    return recommend(facts, excluded).id


def test_the_rules_never_move_backwards_and_never_pick_an_excluded_option() -> None:
    # every status of the four facts the decision reads, under every set of exclusions
    for excluded in EXCLUSIONS:
        for statuses in product(Status, repeat=len(DECISION_FACTS)):
            chosen = decide(statuses, excluded)
            assert not PILLARS[chosen] & excluded, (statuses, excluded, chosen)
            assert "both" not in excluded or chosen == NOT_READY
            for i, status in enumerate(statuses):
                if status is not Status.YES:
                    better = (*statuses[:i], Status(status + 1), *statuses[i + 1:])
                    assert RANK[decide(better, excluded)] >= RANK[chosen], (
                        statuses, excluded, DECISION_FACTS[i])


BASES = (Knobs(1, 0, 0, 0, 0, 0, (("journey", True),), "unknown"),
         Knobs(2, 3, 2, 4, 1, 1, (("crm_kpi", False), ("both", True)), "yes"))


@pytest.mark.parametrize("knob", KNOBS)
def test_turning_one_knob_up_never_worsens_any_fact(knob: str) -> None:
    for base in BASES:
        start = 1 if knob == "stages_mapped" else 0
        previous: dict[str, Status] = {}
        for value in range(start, base.limit(knob) + 1):
            facts = run(replace(base, **{knob: value}).text()).facts
            statuses = {name: fact.status for name, fact in facts.items()}
            assert [n for n in previous if statuses[n] < previous[n]] == [], (knob, value)
            previous = statuses


@pytest.mark.slow
@FAST
@example(Knobs(4, 4, 5, 5, 2, 1, (("crm_kpi", False),), "no"))  # both pillars, ready
@example(Knobs(3, 3, 3, 3, 1, 0, (("journey", True),), "yes"))  # one step short everywhere
@given(knobs())
def test_improving_one_fact_never_moves_the_recommendation_backwards(k: Knobs) -> None:
    before = run(k.text()).recommendation.id
    for knob in KNOBS:
        value = getattr(k, knob)
        if value < k.limit(knob):
            after = run(replace(k, **{knob: value + 1}).text()).recommendation.id
            assert RANK[after] >= RANK[before], (knob, before, after)


def test_the_part_that_decides_data_readiness_is_shown_first() -> None:
    text = plan(READY, kpis([(True, True)]), "segments:\n  - {id: s, name: S, definition: d, "
                "size: 100, contactable_pct: 90}\nstrategy:\n  data_handling: "
                "{single_customer_view: false}\n")
    fact = run(text).facts["data_readiness"]
    assert fact.status is Status.NO
    assert [p.text for p in fact.proofs][:2] == [
        "single customer view: no", "90% of segment customers can be contacted individually"]


# -- what counts as a named source system ---------------------------------------------------


@pytest.mark.parametrize("placeholder", ["none yet", "None yet.", "n/a", "미정", "아직 없음",
                                         "暂无", "待定"])
def test_a_source_system_not_there_yet_is_not_a_named_one(placeholder: str) -> None:
    text = HEAD + f"""\
kpis:
  - id: nps
    definition: {{source_system: {placeholder}}}
  - id: csat
    definition: {{source_system: Survey tool}}
"""
    fact = run(text).facts["kpi_sources"]
    assert fact.status is not Status.YES
    assert evidence(run(text), "kpi_sources")[0].endswith("1 of 2 KPIs have a source system")


# -- every fact cites the line it rests on ---------------------------------------------------

CITED = HEAD + """\
assessment:
  bottlenecks: [Calls go unanswered at lunch]
kpis:
  - {id: retention_rate}
  - {id: avg_order_value, baseline: {value: 80, as_of: 2026-01-05, source: Shopify}}
  - {id: churn_rate, baseline: {value: 12, as_of: 2026-01-05, source: CRM}}
segments:
  - {id: new, name: New, definition: First order this year}
  - id: vip
    name: VIP
    definition: Spent over 1000
    long_term_value: 4200
"""


def test_prices_and_value_cite_the_kpi_or_segment_line_they_rest_on() -> None:
    report = run(CITED)
    assert evidence(report, "prices_known") == [
        "plan.yaml:8:27 KPI 'avg_order_value' has a baseline"]
    assert evidence(report, "value_binds") == [
        "plan.yaml:15:5 segment 'vip' states its long-term value",
        "plan.yaml:9:22 KPI 'churn_rate' has a baseline"]
    with_terms = CITED + "    offers:\n      - {id: o, product: Care, payment_terms: Monthly}\n"
    assert evidence(run(with_terms), "prices_known") == [
        "plan.yaml:17:32 offer 'o' of segment 'vip' states its payment terms"]


def test_missing_prices_and_value_cite_the_part_that_lacks_them() -> None:
    report = run(HEAD + "kpis:\n  - {id: retention_rate}\nsegments:\n"
                 "  - {id: new, name: New, definition: First order this year}\n")
    assert evidence(report, "prices_known") == ["plan.yaml:6:1 nothing says what customers pay"]
    assert evidence(report, "value_binds") == [
        "plan.yaml:6:1 no segment states its long-term value",
        "plan.yaml:4:1 no retention, churn or repeat-purchase KPI has a baseline"]


def test_bottlenecks_cite_their_own_key() -> None:
    assert evidence(run(CITED), "bottlenecks_known") == [
        "plan.yaml:5:3 operational bottlenecks are written down"]


# -- seed 002: the three assumptions, each tested against the plan --------------------------

ASSUMING = HEAD + """\
kpis:
  - {id: csat, baseline: {value: 4.1, as_of: 2026-01-05, source: survey}}
  - {id: retention_rate}
segments:
  - id: vip
    name: VIP
    definition: Top spenders
    basis: [rfm]
    offers: [{id: care, product: Care plan}]
campaigns:
  - id: c
    name: Care reminder
    segment: vip
    measurement: {metric: csat, method: pre_post, comparison_group: none,
                  start: 2026-02-01, end: 2026-03-01}
reviews:
  log:
    - date: 2026-03-15
"""
TESTED = {
    "method: pre_post": "method: holdout",
    "  - {id: retention_rate}": "  - {id: retention_rate, baseline: {value: 60, as_of: "
    "2026-01-05, source: CRM}, snapshots: [{date: 2026-03-01, value: 62}]}",
    "    - date: 2026-03-15": "    - date: 2026-03-15\n      external_factors:\n"
    "        - {kind: market, change: A rival launched a loyalty tier}"}


def codes(report: Report) -> list[str]:
    return [f.code for f in report.findings]


def test_the_three_assumptions_are_findings_until_the_plan_tests_them() -> None:
    report = run(ASSUMING)
    assert [(c.fact, c.status) for c in report.assumptions] == [
        ("tests_past_behaviour", Status.NO), ("tests_lasting_value", Status.NO),
        ("tests_retention", Status.NO)]
    assert [c.label for c in report.assumptions] == [
        "Past behaviour predicts future behaviour", "A value proposition lasts",
        "Better relationships guarantee retention"]
    assert {"CRM450", "CRM451", "CRM452"} <= set(codes(report))
    assumption = {f.code: f for f in report.findings}
    assert assumption["CRM450"].message == (
        "segments cut on past behaviour are taken to predict what customers will do next, "
        "and nothing tests it")
    text = ASSUMING
    for old, new in TESTED.items():
        text = text.replace(old, new)
    report = run(text)
    assert [c.status for c in report.assumptions] == [Status.PARTLY, Status.YES, Status.YES]
    assert not {"CRM450", "CRM451", "CRM452"} & set(codes(report))
    assert evidence(report, "tests_lasting_value") == [
        "plan.yaml:22:7 the review of 2026-03-15 weighed the market or customer expectations"]


# -- seed 002: the systems in use, and whether they can grow -------------------------------

SYSTEMS = HEAD + """\
systems:
  - {id: emr, name: EMR, kind: emr, integrates: true, grows_with_business: partly}
  - {id: sheet, name: Member sheet, kind: spreadsheet, integrates: false, grows_with_business: no}
  - {id: kakao, name: KakaoTalk channel, kind: messaging}
"""


def test_a_system_that_cannot_grow_with_the_business_is_a_finding() -> None:
    report = run(SYSTEMS)
    assert report.facts["systems_can_grow"].status is Status.NO
    grow = [f for f in report.findings if f.code == "CRM454"]
    assert [(f.location, f.message) for f in grow] == [
        ("plan.yaml:6:5", "system 'sheet' cannot grow with the business"),
        ("plan.yaml:7:5", "system 'kakao' does not say whether it can grow with the business")]
    assert report.facts["single_customer_view"].status is Status.PARTLY
    assert evidence(report, "single_customer_view") == [
        "plan.yaml:4:1 1 of 2 systems holding customers share their data"]


# -- seed 002: when customers buy ---------------------------------------------------------


def test_stage_four_asks_when_customers_buy() -> None:
    segments = HEAD + "segments:\n  - {id: a, name: A, definition: d, purchase_timing: Spring}\n" \
        "  - {id: b, name: B, definition: d}\n"
    fact = run(segments).facts["purchase_timing_known"]
    assert (fact.status, [p.text for p in fact.proofs]) == (
        Status.PARTLY, ["1 of 2 segments say when their customers buy"])
    assert rules.STAGES[3].needs[2] == ("when they buy: the purchase timing of each segment",
                                         rules.Need("purchase_timing_known"))


# -- seed 004: analytics, collaboration, the core team and working groups, clear goals -------

TEAM = HEAD + """\
assessment:
  analytics_capability: {answer: partly, note: One analyst shared with finance}
goals:
  business_problems: [churn]
  smart: [{id: g, statement: Keep more members}]
journeys:
  - id: j
    name: J
    stages: [{id: s1, name: Booking}, {id: s2, name: Visit}]
team:
  core_team:
    - {name: Kim, department: Service}
    - {name: Lee, department: Marketing}
    - {name: Park, department: IT}
  working_groups:
    - {id: w1, stage: s1, lead: Kim}
  shared_tools: [A shared board]
  meetings:
    - {name: Weekly huddle, departments: [Service, Marketing], frequency: weekly}
"""


def test_the_organization_facts_and_their_findings() -> None:
    report = run(TEAM)
    statuses = {f: report.facts[f].status for f in (
        "analytics_skills", "core_team", "working_groups", "collaboration",
        "strategic_goals_clear")}
    assert statuses == {"analytics_skills": Status.PARTLY, "core_team": Status.YES,
                        "working_groups": Status.PARTLY, "collaboration": Status.YES,
                        "strategic_goals_clear": Status.YES}
    found = [(f.code, f.message) for f in report.findings if f.code >= "CRM455"]
    assert found == [("CRM458", "journey stage 's2' (Visit) has no working group")]
    areas = {a.id: [c.fact for c in a.checks] for a in report.areas}
    assert areas["organization"][-3:] == ["core_team", "working_groups", "collaboration"]
    assert areas["data"][-1] == "analytics_skills" and areas["goals"][-1] == \
        "strategic_goals_clear"


def test_without_a_team_or_clear_goals_each_is_a_finding() -> None:
    report = run(HEAD + "journeys:\n  - {id: j, name: J, stages: [{id: s1, name: S}]}\n")
    found = {f.code: f.message for f in report.findings if f.code >= "CRM455"}
    assert found == {
        "CRM455": "nobody is known to turn customer data into insight",
        "CRM456": "no shared tool or regular meeting brings the departments together",
        "CRM457": "no core team brings two or more departments together",
        "CRM458": "no working group owns a journey stage",
        "CRM459": "the business problems the work must solve are not clear"}
    assert "no_clear_goals" in [c.id for c in report.failure_causes]


def test_a_map_not_re_walked_within_the_cadence_is_a_failure_cause() -> None:
    plan_text = HEAD + "reviews: {cadence_months: 6, log: [{date: 2026-06-30}]}\n" \
        "journeys:\n  - {id: j, name: J, last_walked: 2025-10-01}\n" \
        "  - {id: k, name: K, last_walked: 2026-05-01}\n"
    fact = run(plan_text).facts["journeys_rewalked"]
    assert fact.status is Status.PARTLY
    assert [p.text for p in fact.proofs] == [
        "1 of 2 journeys were re-walked within 6 months",
        "journey 'j' was last re-walked on 2025-10-01"]
    stale = plan_text.replace("2026-05-01", "2025-11-01")
    assert "map_never_updated" in [c.id for c in run(stale).failure_causes]


# -- the decision in force explains a stated answer the plan moved past ---------------------


def decided(facts: Mapping[str, str]) -> str:
    """A decision of assess that recorded ``facts`` as the client's state on its day."""
    lines = ["decisions:", "  - id: d1", "    date: 2026-01-10", "    source: assess",
             "    answer: journey_first", "    summary: Map the journey first", "    facts:"]
    return "\n".join(lines + [f"      {fact}: {status}" for fact, status in facts.items()]) + "\n"


@pytest.mark.parametrize(("then", "shown"), [("no", False), ("partly", False),
                                             ("yes", True)])
def test_a_decision_explains_a_contradiction_once_the_plan_moved_since(
        then: str, shown: bool) -> None:
    # stated "no" as found; the plan shows "yes" today. Recorded "no" (the stated answer) or
    # "partly" (the plan moved since): the movement is progress. Recorded "yes": the plan
    # already said so on the day, and nothing explains the stated "no".
    stated = {"improvement_standards": "no"}
    text = plan(assessment(stated=stated), ORGANIZED, STANDARDS)
    report = run(text + decided({"improvement_standards": then}))
    assert [f.id for f in report.contradictions] == (["improvement_standards"] if shown
                                                     else [])
