"""The assessment engine (crmplan.assess.engine) on facts set by hand.

tests/test_assess.py derives the facts from whole plans; here every fact is given its
status directly (``derive_facts`` is replaced), so that each rule of the engine is
pinned on its own: the gates and the order of the answers, the words the consultant and
the client read (titles, next steps), the four selection criteria, the four maturity
stages exactly on each need's status, the six readiness areas and their rounding, the
failure causes and the questions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence

import pytest

from crmplan.assess import engine, rules
from crmplan.assess.derive import derive_facts
from crmplan.assess.engine import NOT_READY, Check, Recommendation, Report, check, recommend
from crmplan.assess.facts import Fact, Proof, Status
from crmplan.findings import Issue
from crmplan.plan.load import LoadedPlan, load_bytes

pytestmark = pytest.mark.usefixtures("english")

NO, PARTLY, YES, UNKNOWN = Status.NO, Status.PARTLY, Status.YES, Status.UNKNOWN
HEAD = "schema_version: 1\nclient:\n  name: Acme\n"
FACTS = tuple(derive_facts(load_bytes(HEAD.encode(), "plan.yaml"), ()))
MATERIALS = "Gather the client's current materials and the questions customers ask again and again."
MANAGER = (
    "Meet the internal execution manager ({manager}) to confirm scope, priorities and "
    "inspection standards."
)
JOURNEY_STEP = (
    "inventory every touchpoint stage by stage, give each an owner, and record what "
    "customers want and feel there"
)
KPI_STEP = (
    "give every KPI a definition, a dated baseline with its source and a target, and link "
    "KPIs to the touchpoints they measure"
)
LOOP_STEP = (
    "improve the touchpoints with the weakest KPIs first and review the loop at every "
    "strategy review"
)


def proof(fact: str) -> Proof:
    return Proof(f"plan.yaml:{len(fact)}:1", f"what shows {fact}")


def facts_of(statuses: Mapping[str, Status], default: Status = YES) -> dict[str, Fact]:
    """Every fact an assessment derives, at ``default`` unless ``statuses`` says otherwise."""
    return {
        name: Fact(name, statuses.get(name, default), (proof(name),))
        for name in (*FACTS, *statuses)
    }


@pytest.fixture
def given(monkeypatch: pytest.MonkeyPatch) -> Iterator[GivenFacts]:
    yield GivenFacts(monkeypatch)


class GivenFacts:
    """Assess a plan whose facts are the ones given, whatever the plan shows; the engine
    must ask for them with the plan, the journey map's gaps and the day it was given."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch

    def __call__(
        self, statuses: Mapping[str, Status], default: Status = YES, text: str = ""
    ) -> Report:
        return assessed(self.monkeypatch, facts_of(statuses, default), text)


GAPS: list[Issue] = []
DAY = dt.date(2026, 5, 4)


def loaded(text: str = "") -> LoadedPlan:
    return load_bytes((HEAD + text).encode(), "plan.yaml")


def assessed(monkeypatch: pytest.MonkeyPatch, facts: dict[str, Fact], text: str = "") -> Report:
    plan = loaded(text)

    def derive(asked: LoadedPlan, gaps: Sequence[Issue], on: dt.date | None) -> dict[str, Fact]:
        assert (asked, gaps, on) == (plan, GAPS, DAY) and gaps is GAPS
        return facts

    monkeypatch.setattr(engine, "derive_facts", derive)
    report = engine.assess(plan, GAPS, DAY)
    assert (report.plan, report.facts) == ("plan.yaml", facts)
    return report


def at(status: Status, *names: str) -> dict[str, Status]:
    return dict.fromkeys(names, status)


# -- check: a need against a fact ---------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "need", "met"),
    [
        (YES, YES, True),
        (PARTLY, YES, False),
        (PARTLY, PARTLY, True),
        (NO, PARTLY, False),
        (UNKNOWN, PARTLY, False),
    ],
)
def test_a_need_is_met_when_the_fact_is_at_least_the_status_it_asks(
    status: Status, need: Status, met: bool
) -> None:
    facts = facts_of({"kpi_targets": status})
    assert check("targets", rules.Need("kpi_targets", need), facts) == Check(
        "targets", "kpi_targets", status, met, (proof("kpi_targets"),)
    )


def test_a_fact_nobody_derived_is_unknown_and_not_met() -> None:
    assert check("x", rules.Need("nowhere", NO), {}) == Check("x", "nowhere", UNKNOWN, False, ())


# A check reads the status and proofs of the fact it stands in for, never its id:
# equivalent mutant: assess/engine.py x_check__mutmut_6 — the stand-in fact's id is never read


# -- what to do first: the gates ----------------------------------------------------------

GATE_FACTS = [gate.need.fact for gate in rules.GATES]


@pytest.mark.parametrize("gate", rules.GATES, ids=[g.id for g in rules.GATES])
@pytest.mark.parametrize("status", [PARTLY, NO, UNKNOWN])
def test_a_gate_short_of_yes_makes_the_answer_not_ready(gate: rules.Gate, status: Status) -> None:
    answer = recommend(facts_of({gate.need.fact: status}), set())
    assert answer == Recommendation(
        NOT_READY,
        "Not ready to choose yet",
        (Check(gate.reason, gate.need.fact, status, False, (proof(gate.need.fact),)),),
        (),
        "",
    )


def test_the_gates_are_the_decision_checklist_in_words() -> None:
    assert [(g.need.fact, g.reason) for g in rules.GATES] == [
        ("criteria_separated", "essential criteria are not yet separated from optional ones"),
        (
            "exclusions_confirmed",
            "not every exclusion condition has been confirmed with the client",
        ),
    ]


def test_every_failed_gate_is_a_reason_in_the_gates_order() -> None:
    answer = recommend(facts_of(at(NO, *GATE_FACTS)), {"journey"})
    assert [(c.fact, c.met) for c in answer.reasons] == [(f, False) for f in GATE_FACTS]
    assert answer.excluded == ("journey",)


# -- what to do first: the order of the answers -------------------------------------------


@pytest.mark.parametrize(
    ("organized", "standards", "answer", "title", "step"),
    [
        (NO, NO, "journey_first", "Map the customer journey first", JOURNEY_STEP),
        (PARTLY, YES, "journey_first", "Map the customer journey first", JOURNEY_STEP),
        (UNKNOWN, YES, "journey_first", "Map the customer journey first", JOURNEY_STEP),
        (YES, PARTLY, "crm_kpi_first", "Put CRM data and KPIs in order first", KPI_STEP),
        (YES, NO, "crm_kpi_first", "Put CRM data and KPIs in order first", KPI_STEP),
        (YES, YES, "both", "Run journey and CRM/KPI work as one improvement loop", LOOP_STEP),
    ],
)
def test_the_first_missing_pillar_decides_the_answer_its_title_and_its_step(
    organized: Status, standards: Status, answer: str, title: str, step: str
) -> None:
    facts = facts_of({"touchpoints_organized": organized, "improvement_standards": standards})
    chosen = recommend(facts, set())
    assert (chosen.id, chosen.title, chosen.next_step, chosen.excluded) == (
        answer,
        title,
        step,
        (),
    )
    pillars = [(c.label, c.fact, c.status, c.met, c.proofs) for c in chosen.reasons]
    expected = [
        (
            "customer touchpoints are organized: listed by stage, each with an owner",
            "touchpoints_organized",
            organized,
            organized is YES,
            (proof("touchpoints_organized"),),
        ),
        (
            "there is a standard for improving them: KPIs with baselines and targets",
            "improvement_standards",
            standards,
            standards is YES,
            (proof("improvement_standards"),),
        ),
    ]
    assert pillars == expected[: 1 if answer == "journey_first" else 2]


# -- exclusion conditions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("organized", "standards", "excluded", "answer", "title", "step"),
    [
        (NO, NO, {"journey"}, "crm_kpi_first", "Put CRM data and KPIs in order first", KPI_STEP),
        (YES, NO, {"crm_kpi"}, "journey_first", "Map the customer journey first", JOURNEY_STEP),
        (YES, YES, {"journey"}, "crm_kpi_first", "Put CRM data and KPIs in order first", KPI_STEP),
        (YES, YES, {"crm_kpi"}, "journey_first", "Map the customer journey first", JOURNEY_STEP),
        (NO, NO, {"crm_kpi"}, "journey_first", "Map the customer journey first", JOURNEY_STEP),
    ],
)
def test_an_excluded_answer_gives_way_to_the_other_pillar_with_its_own_words(
    organized: Status,
    standards: Status,
    excluded: set[str],
    answer: str,
    title: str,
    step: str,
) -> None:
    facts = facts_of({"touchpoints_organized": organized, "improvement_standards": standards})
    chosen = recommend(facts, excluded)
    assert (chosen.id, chosen.title, chosen.next_step, chosen.excluded) == (
        answer,
        title,
        step,
        tuple(excluded),
    )
    # the reasons stay those of the answer the rules gave before the exclusion
    walked = ["touchpoints_organized", "improvement_standards"][: 1 if organized is NO else 2]
    assert [(c.fact, c.met) for c in chosen.reasons] == [
        (fact, facts[fact].status is YES) for fact in walked
    ]


@pytest.mark.parametrize(
    "excluded",
    [{"both"}, {"journey", "crm_kpi"}, {"both", "journey"}],
    ids=["both", "each pillar", "both and journey"],
)
@pytest.mark.parametrize("organized", [NO, YES])
def test_with_every_option_excluded_the_answer_is_not_ready_with_the_pillars_as_reasons(
    excluded: set[str], organized: Status
) -> None:
    facts = facts_of({"touchpoints_organized": organized, "improvement_standards": NO})
    chosen = recommend(facts, excluded)
    assert (chosen.id, chosen.title, chosen.next_step, chosen.excluded) == (
        NOT_READY,
        "Not ready to choose yet",
        "",
        tuple(sorted(excluded)),
    )
    assert chosen.reasons[0].fact == "touchpoints_organized"


# The fallback skips "both" by name, but "both" is excluded whenever any option is, so
# it could never be offered there anyway:
# equivalent mutant: assess/engine.py x__pick__mutmut_20 — "both" -> "XXbothXX": excluded anyway
# equivalent mutant: assess/engine.py x__pick__mutmut_21 — "both" -> "BOTH": excluded anyway


# The last answer of the rules needs no missing pillar, so the loop always returns and the
# assertion after it (a guard for a rule table edited wrongly) is never reached:
# equivalent mutant: assess/engine.py x_recommend__mutmut_36 — message -> None: unreachable
# equivalent mutant: assess/engine.py x_recommend__mutmut_37 — message -> "XX..XX": unreachable
# equivalent mutant: assess/engine.py x_recommend__mutmut_38 — message upper-cased: unreachable


def test_the_excluded_options_are_listed_in_alphabetical_order() -> None:
    chosen = recommend(facts_of({}), {"journey", "crm_kpi"})
    assert chosen.excluded == ("crm_kpi", "journey")


# -- what the client reads: the title, the next steps -------------------------------------


OEM = "segments:\n  - {id: oem, name: Strategic accounts, definition: The largest buyers}\n"
VIP = "segments:\n  - {id: vip, name: Top spenders, definition: The best customers}\n"
PREMIUM = "segments:\n  - {id: top, name: PREMIUM members, definition: The best customers}\n"


@pytest.mark.parametrize(
    ("text", "organized", "excluded", "title"),
    [
        (VIP, NO, "", "Map the VIP customer journey first"),
        (PREMIUM, NO, "", "Map the VIP customer journey first"),
        ("", NO, "", "Map the customer journey first"),
        (OEM, NO, "", "Map the customer journey first"),
        (VIP, YES, "", "Put CRM data and KPIs in order first"),
        (VIP, NO, "journey", "Put CRM data and KPIs in order first"),
        (VIP, YES, "crm_kpi", "Map the VIP customer journey first"),
    ],
    ids=[
        "vip",
        "premium",
        "no segment",
        "no vip",
        "vip, kpis first",
        "journey excluded",
        "kpis excluded",
    ],
)
def test_the_journey_answer_names_the_vip_journey_only_where_the_plan_serves_vip_customers(
    given: GivenFacts, text: str, organized: Status, excluded: str, title: str
) -> None:
    condition = (
        "assessment:\n  exclusion_conditions:\n    - {description: Rules it out, "
        f"excludes: {excluded}, confirmed: true, applies: true}}\n"
        if excluded
        else ""
    )
    statuses = {"touchpoints_organized": organized, "improvement_standards": NO}
    report = given(statuses, text=text + condition)
    assert report.recommendation.title == title


@pytest.mark.parametrize(
    ("text", "manager"),
    [("", "to be named"), ("engagement:\n  internal_manager: {name: Park Jiwoo}\n", "Park Jiwoo")],
    ids=["no manager", "a manager"],
)
def test_a_chosen_answer_gives_the_two_seed_steps_then_its_own(
    given: GivenFacts, text: str, manager: str
) -> None:
    report = given(at(NO, "touchpoints_organized"), text=text)
    assert report.next_steps == (MATERIALS, MANAGER.format(manager=manager), JOURNEY_STEP)


def test_not_ready_keeps_the_two_seed_steps_and_adds_one_per_failed_gate(
    given: GivenFacts,
) -> None:
    report = given(at(NO, *GATE_FACTS))
    assert report.next_steps == (
        MATERIALS,
        MANAGER.format(manager="to be named"),
        "Resolve first: essential criteria are not yet separated from optional ones",
        "Resolve first: not every exclusion condition has been confirmed with the client",
    )
    assert report.recommendation.title == "Not ready to choose yet"


def test_not_ready_by_exclusion_asks_to_resolve_only_the_pillars_that_are_missing(
    given: GivenFacts,
) -> None:
    text = (
        "assessment:\n  exclusion_conditions:\n    - {description: No budget this year, "
        "excludes: both, confirmed: true, applies: true}\n"
    )
    report = given({"touchpoints_organized": YES, "improvement_standards": NO}, text=text)
    assert report.recommendation.id == NOT_READY
    assert report.next_steps == (
        MATERIALS,
        MANAGER.format(manager="to be named"),
        "Resolve first: there is a standard for improving them: KPIs with baselines and targets",
    )


# -- the four selection criteria ----------------------------------------------------------


CRITERIA = [
    (1, "Separate essential criteria from optional ones", ["criteria_separated"]),
    (
        2,
        "Align priorities with the business goals",
        [
            "business_goals_aligned",
            "customer_experience",
            "bottlenecks_known",
            "data_readiness",
            "decision_speed",
        ],
    ),
    (3, "Confirm the conditions that exclude an option", ["exclusions_confirmed"]),
    (4, "Prepare verification questions for the pre-consultation", ["staff_and_materials"]),
]


def test_the_four_selection_criteria_are_walked_in_order_with_the_facts_each_reviews(
    given: GivenFacts,
) -> None:
    report = given({})
    assert [(c.number, c.title, [k.fact for k in c.checks]) for c in report.criteria] == CRITERIA


@pytest.mark.parametrize("status", [YES, PARTLY, NO, UNKNOWN])
def test_each_criterion_shows_its_facts_status_and_holds_only_on_yes(
    given: GivenFacts, status: Status
) -> None:
    report = given({}, default=status)
    for criterion in report.criteria:
        for fact_check in criterion.checks:
            assert fact_check == Check(
                fact_check.fact, fact_check.fact, status, status is YES, (proof(fact_check.fact),)
            )


# -- the four maturity stages --------------------------------------------------------------


STAGE_NEEDS = [(stage.number, label, need) for stage in rules.STAGES for label, need in stage.needs]


def below(status: Status) -> Status:
    return Status(status - 1)


@pytest.mark.parametrize(
    ("number", "label", "need"),
    STAGE_NEEDS,
    ids=[f"{n}-{need.fact}" for n, _l, need in STAGE_NEEDS],
)
def test_each_need_of_a_stage_holds_exactly_at_its_status(
    given: GivenFacts, number: int, label: str, need: rules.Need
) -> None:
    held = given({})
    assert held.stage == 4 and all(s.met for s in held.stages)
    short = given({need.fact: below(need.status)})
    stage = short.stages[number - 1]
    assert not stage.met
    assert [c.label for c in stage.checks if not c.met] == [label]
    assert short.stage == number - 1


@pytest.mark.parametrize(
    ("fact", "stage"),
    [
        ("sops_owned", 2),
        ("personas_researched", 3),
        ("customer_database", 0),
        ("single_customer_view", 1),
        ("value_binds", 3),
    ],
)
def test_a_partly_fact_a_stage_needs_in_full_stops_the_climb(
    given: GivenFacts, fact: str, stage: int
) -> None:
    assert given({fact: PARTLY}).stage == stage


def test_a_partly_cross_functional_team_is_enough_for_stage_two_not_for_three(
    given: GivenFacts,
) -> None:
    report = given({"cross_functional_team": PARTLY})
    assert [s.met for s in report.stages] == [True, True, False, True]
    assert report.stage == 2


def test_the_stage_reached_is_the_last_of_an_unbroken_run_from_the_first(
    given: GivenFacts,
) -> None:
    report = given({"single_customer_view": NO, "sops_owned": NO})
    assert [s.met for s in report.stages] == [True, False, False, True]
    assert report.stage == 1
    assert given({}, default=NO).stage == 0


def test_the_stages_are_named_in_words(given: GivenFacts) -> None:
    assert [(s.number, s.name) for s in given({}).stages] == [
        (1, "Technology: manual work automated"),
        (2, "Integration: units linked, customer information shared"),
        (3, "Process: the organization works around customer relationships"),
        (4, "Customer-centric: customers understood first, systems designed after"),
    ]


# -- the six readiness areas ---------------------------------------------------------------


AREA_FACTS = {area.id: [need.fact for _label, need in area.items] for area in rules.AREAS}


def test_the_six_areas_are_named_and_scored_on_their_own_checklists(given: GivenFacts) -> None:
    report = given({})
    assert [(a.id, a.name, [c.fact for c in a.checks]) for a in report.areas] == [
        (area.id, area.name, AREA_FACTS[area.id]) for area in rules.AREAS
    ]
    assert [a.name for a in report.areas] == [
        "Strategic goals and vision",
        "Customer understanding and personas",
        "Current journey map",
        "Technology and data foundation",
        "Organization and team",
        "Metrics and optimization",
    ]
    assert [a.score for a in report.areas] == [100] * 6 and report.readiness == 100


@pytest.mark.parametrize("area", rules.AREAS, ids=[a.id for a in rules.AREAS])
@pytest.mark.parametrize(
    ("status", "worth"), [(YES, 1.0), (PARTLY, 0.5), (NO, 0.0), (UNKNOWN, 0.0)]
)
def test_each_item_of_an_area_counts_one_half_or_nothing(
    given: GivenFacts, area: rules.Area, status: Status, worth: float
) -> None:
    first = area.items[0][1].fact
    report = given({first: status})
    size = len(area.items)
    expected = int(100 * (size - 1 + worth) / size + 0.5)
    scores = {a.id: a.score for a in report.areas}
    assert scores[area.id] == expected
    others = [a.score for a in report.areas if a.id != area.id and first not in AREA_FACTS[a.id]]
    assert set(others) <= {100}


@pytest.mark.parametrize(
    ("statuses", "score"),
    [
        ({"personas_researched": PARTLY}, 75),  # 1.5 / 2
        ({"personas_researched": PARTLY, "customer_experience": NO}, 25),  # 0.5 / 2
        ({"business_goals_aligned": PARTLY, "satisfaction_measured": NO}, 50),  # 1.5 / 3
        ({"business_goals_aligned": NO, "satisfaction_measured": NO}, 33),  # 1 / 3
        ({"business_goals_aligned": PARTLY, "satisfaction_measured": PARTLY}, 67),  # 2 / 3
    ],
)
def test_area_scores_are_rounded_as_a_reader_rounds(
    given: GivenFacts, statuses: dict[str, Status], score: int
) -> None:
    area = "customers" if "personas_researched" in statuses else "goals"
    assert {a.id: a.score for a in given(statuses).areas}[area] == score


def test_the_overall_readiness_is_the_mean_of_the_six_areas(given: GivenFacts) -> None:
    report = given({"personas_researched": PARTLY, "customer_experience": NO})
    assert [a.score for a in report.areas] == [100, 25, 100, 100, 100, 100]
    assert report.readiness == 88  # 525 / 6 = 87.5
    assert given({}, default=NO).readiness == 0


def test_a_mean_ending_in_a_half_rounds_up_not_to_the_even_number(given: GivenFacts) -> None:
    statuses = {
        "personas_researched": PARTLY,
        **at(NO, *AREA_FACTS["organization"], *AREA_FACTS["metrics"]),
    }
    report = given(statuses)
    assert [a.score for a in report.areas] == [100, 75, 100, 100, 0, 0]
    assert report.readiness == 63  # 375 / 6 = 62.5, which round() would make 62


# -- failure causes ------------------------------------------------------------------------


CAUSES = [
    ("data_silos", "data silos: no single customer view", "single_customer_view"),
    ("departmental_walls", "departmental walls: no cross-functional team", "cross_functional_team"),
    ("no_executive_support", "no executive support", "executive_support"),
    (
        "no_clear_goals",
        "no clear strategic goals: the business problems are not named",
        "strategic_goals_clear",
    ),
    ("map_never_updated", "a map made once and never re-walked", "journeys_rewalked"),
    (
        "no_metric_system",
        "no metric system to prove ROI: KPIs without baselines",
        "kpi_baselines",
    ),
]
JOURNEY = "journeys:\n  - {id: j, name: J}\n"


@pytest.mark.parametrize(("cause", "title", "fact"), CAUSES, ids=[c[0] for c in CAUSES])
def test_a_failure_cause_is_flagged_when_its_fact_is_no_with_its_title_and_evidence(
    given: GivenFacts, cause: str, title: str, fact: str
) -> None:
    report = given({fact: NO}, text=JOURNEY)
    assert [(f.id, f.title, f.proofs) for f in report.failure_causes] == [
        (cause, title, (proof(fact),))
    ]


@pytest.mark.parametrize(("cause", "title", "fact"), CAUSES, ids=[c[0] for c in CAUSES])
@pytest.mark.parametrize("status", [PARTLY, UNKNOWN, YES])
def test_a_failure_cause_is_not_flagged_when_its_fact_is_partly_unknown_or_yes(
    given: GivenFacts, cause: str, title: str, fact: str, status: Status
) -> None:
    assert given({fact: status}, text=JOURNEY).failure_causes == ()


def test_the_map_cause_waits_for_a_map_the_others_do_not(given: GivenFacts) -> None:
    statuses = at(NO, *(fact for _c, _t, fact in CAUSES))
    without = [f.id for f in given(statuses).failure_causes]
    assert without == [c for c, _t, _f in CAUSES if c != "map_never_updated"]
    assert [f.id for f in given(statuses, text=JOURNEY).failure_causes] == [
        c for c, _t, _f in CAUSES
    ]


def test_a_failure_cause_whose_fact_was_not_derived_is_not_flagged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    facts = facts_of(at(NO, "single_customer_view"))
    del facts["single_customer_view"]
    assert assessed(monkeypatch, facts).failure_causes == ()


# -- questions for the pre-consultation ---------------------------------------------------


@pytest.mark.parametrize(
    ("status", "asked"), [(UNKNOWN, True), (PARTLY, True), (NO, False), (YES, False)]
)
def test_a_question_is_asked_for_an_unknown_or_partly_fact(
    given: GivenFacts, status: Status, asked: bool
) -> None:
    report = given({"decision_speed": status})
    question = "How quickly can the client decide, and who signs off?"
    assert report.questions == ((question,) if asked else ())


def test_the_prepared_questions_come_first_and_none_is_asked_twice(given: GivenFacts) -> None:
    question = "Do all departments see the same customer record?"
    text = (
        f"assessment:\n  verification_questions:\n    - Who signs the budget?\n    - {question}\n"
    )
    report = given(at(UNKNOWN, "single_customer_view", "decision_speed"), text=text)
    assert report.questions == (
        "Who signs the budget?",
        question,
        "How quickly can the client decide, and who signs off?",
    )


def test_a_contradicted_fact_is_asked_about_even_when_it_is_yes_or_no(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    facts = facts_of({})
    facts["decision_speed"] = Fact("decision_speed", NO, (), stated=YES, derived=NO)
    report = assessed(monkeypatch, facts)
    assert report.contradictions == (facts["decision_speed"],)
    assert report.questions == ("How quickly can the client decide, and who signs off?",)


# -- the decision in force, and the state it recorded -------------------------------------


def decided(facts: Mapping[str, str]) -> str:
    lines = [
        "decisions:",
        "  - {id: d1, date: 2026-01-10, source: assess, answer: journey_first,",
        "     summary: Map the customer journey first, facts: {"
        + ", ".join(f"{k}: {v}" for k, v in facts.items())
        + "}}",
    ]
    return "\n".join(lines) + "\n"


def test_without_a_decision_the_state_then_is_unknown_and_today_is_a_draft(
    given: GivenFacts,
) -> None:
    state = given(at(NO, "touchpoints_organized")).decision
    assert (state.draft, state.stage_then, state.readiness_then) == (True, None, None)
    assert (state.today, state.next_step) == ("journey_first", JOURNEY_STEP)


def test_the_decision_records_the_stage_and_readiness_of_its_day(given: GivenFacts) -> None:
    then = dict.fromkeys(FACTS, "yes")
    then.update({"sops_owned": "partly", "personas_researched": "no", "customer_experience": "no"})
    state = given({}, text=decided(then)).decision
    assert state.stage_then == 2
    # customers 0, every other area 100 but goals (100) and organization (100): 500 / 6
    assert state.readiness_then == 83
    assert [(m.fact, m.then, m.now) for m in state.progress] == [
        ("customer_experience", NO, YES),
        ("personas_researched", NO, YES),
        ("sops_owned", PARTLY, YES),
    ]
    assert (state.draft, state.today, state.done) == (
        False,
        "both",
        "The journey-first work is done",
    )


def test_a_contradiction_the_decision_explains_is_not_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    facts = facts_of({})
    facts["decision_speed"] = Fact("decision_speed", YES, (), stated=NO, derived=YES)
    report = assessed(monkeypatch, facts, decided({"decision_speed": "no"}))
    assert report.contradictions == ()


def test_the_three_assumptions_are_checked_by_their_facts(given: GivenFacts) -> None:
    report = given({"tests_past_behaviour": NO, "tests_retention": PARTLY})
    assert [(c.label, c.fact, c.status, c.met) for c in report.assumptions] == [
        ("Past behaviour predicts future behaviour", "tests_past_behaviour", NO, False),
        ("A value proposition lasts", "tests_lasting_value", YES, True),
        ("Better relationships guarantee retention", "tests_retention", PARTLY, False),
    ]


@pytest.mark.parametrize(
    ("text", "reported"), [("", True), ("checks: {ignore: [CRM450]}\n", False)]
)
def test_the_findings_come_from_the_facts_less_the_rules_the_plan_silences(
    given: GivenFacts, text: str, reported: bool
) -> None:
    codes = [f.code for f in given({"tests_past_behaviour": NO}, text=text).findings]
    assert ("CRM450" in codes) is reported


def test_the_history_lists_every_assess_decision(given: GivenFacts) -> None:
    state = given({}, text=decided({"decision_speed": "no"})).decision
    assert [d.id for d in state.history] == ["d1"]
    assert state.in_force is not None and state.in_force.id == "d1"


# The stage and readiness on the decision's day are computed from facts rebuilt from the
# recorded statuses; a fact's id is never read there (only its status and proofs):
# equivalent mutant: assess/engine.py x__state_then__mutmut_3 — Fact(None, ...): id never read


@pytest.mark.parametrize(
    ("confirmed", "applies", "answer"),
    [
        ("true", "true", "crm_kpi_first"),
        ("false", "true", "journey_first"),  # not checked with the client yet
        ("true", "false", "journey_first"),
    ],
)
def test_only_a_confirmed_condition_that_applies_excludes_its_option(
    given: GivenFacts, confirmed: str, applies: str, answer: str
) -> None:
    text = (
        "assessment:\n  exclusion_conditions:\n    - {description: Rules it out, "
        f"excludes: journey, confirmed: {confirmed}, applies: {applies}}}\n"
    )
    report = given({"touchpoints_organized": NO, "improvement_standards": NO}, text=text)
    assert report.recommendation.id == answer
    assert report.recommendation.excluded == (("journey",) if answer == "crm_kpi_first" else ())


def test_each_area_checks_its_items_in_the_words_of_its_checklist(given: GivenFacts) -> None:
    report = given({"customer_experience": PARTLY})
    customers = report.areas[1]
    assert [(c.label, c.fact, c.status, c.met) for c in customers.checks] == [
        ("personas rest on research", "personas_researched", YES, True),
        ("the customer experience is understood", "customer_experience", PARTLY, False),
    ]
    assert [[c.label for c in a.checks] for a in report.areas] == [
        [label for label, _need in area.items] for area in rules.AREAS
    ]


@pytest.mark.parametrize(("on", "judged_on"), [
    (DAY, DAY),  # the day given is the day the JSON and the memo name
    (None, None),  # no day given: none is named
    (dt.date.min, None),  # a plan that records no date at all: none is named either
])
def test_the_report_names_the_day_it_judges_on(on: dt.date | None,
                                               judged_on: dt.date | None) -> None:
    assert engine.assess(loaded(), GAPS, on).judged_on == judged_on
