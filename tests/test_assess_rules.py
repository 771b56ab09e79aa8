"""The assessment's rule tables (crmplan.assess.rules), entry by entry.

Each table has an expectation table here, written from the method (docs/assess.md), and
two kinds of test: the rule table and the expectation table list the same entries (a rule
added without its expectation fails), and each expected entry moves the verdict a reader
sees when its fact moves: the maturity stage, an area's readiness score, a failure cause,
a question, the recommendation. The facts are given directly (every fact ``yes`` but the
ones a test moves), so each test reads one rule; tests/test_assess.py derives the facts
from plans.

tools/mutation.py measures these tests on assess/rules.py (docs/contributing.md, "Mutation
testing").
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import SimpleNamespace

import pytest

from crmplan import rules as registry
from crmplan.assess import engine, rules
from crmplan.assess.decision import answer_of, done_text
from crmplan.assess.derive import derive_facts
from crmplan.assess.engine import NOT_READY, Report
from crmplan.assess.facts import Fact, Status
from crmplan.assess.report import fact_label
from crmplan.i18n import _
from crmplan.plan.load import LoadedPlan, load_bytes

pytestmark = pytest.mark.usefixtures("english")

YES, PARTLY, NO, UNKNOWN = Status.YES, Status.PARTLY, Status.NO, Status.UNKNOWN
HEAD = "schema_version: 1\nclient:\n  name: Acme\n"
MAPPED = HEAD + "journeys:\n  - {id: j, name: J}\n"


def excluding(*options: str) -> str:
    """A plan whose confirmed conditions rule out ``options`` (journey, crm_kpi, both)."""
    lines = [
        f"    - {{description: No {o}, excludes: {o}, confirmed: true, applies: true}}"
        for o in options
    ]
    return HEAD + "assessment:\n  exclusion_conditions:\n" + "\n".join(lines) + "\n"


@functools.cache
def loaded(text: str) -> LoadedPlan:
    return load_bytes(text.encode("utf-8"), "plan.yaml")


@functools.cache
def every_fact() -> tuple[str, ...]:
    """Every fact the assessment derives, by id."""
    return tuple(derive_facts(loaded(HEAD), []))


def assessed(changes: Mapping[str, Status] | None = None, plan: str = HEAD) -> Report:
    """The assessment of ``plan`` with every fact ``yes`` but ``changes``."""
    moved = changes or {}
    facts = {fact: Fact(fact, moved.get(fact, YES)) for fact in every_fact()}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "derive_facts", lambda *_args: facts)
        return engine.assess(loaded(plan), ())


def below(status: Status) -> Status:
    return Status(status - 1)


def half_up(share: float) -> int:
    return int(100 * share + 0.5)


@pytest.fixture(scope="module", autouse=True)
def _loaded_once() -> None:
    """Load the plans and the languages before the first test, not inside it."""
    for plan in (HEAD, MAPPED):
        assessed(plan=plan)


def test_with_every_fact_yes_nothing_holds_the_client_back() -> None:
    report = assessed()
    assert (report.stage, report.readiness) == (4, 100)
    assert report.failure_causes == report.questions == ()
    assert report.recommendation.id == "both"


# -- the four stages of CRM maturity -------------------------------------------------------

# stage -> (a word of its name, {need: (fact, the least status that meets it)})
STAGES: dict[int, tuple[str, dict[str, tuple[str, Status]]]] = {
    1: (
        "Technology",
        {
            "a customer database": ("customer_database", YES),
            "automated communications": ("automated_communication", YES),
        },
    ),
    2: (
        "Integration",
        {
            "a single customer view across departments": ("single_customer_view", YES),
            "a cross-functional team": ("cross_functional_team", PARTLY),
        },
    ),
    3: (
        "Process",
        {
            "a cross-functional team in place": ("cross_functional_team", YES),
            "owned SOPs": ("sops_owned", YES),
            "effectiveness judged by customer satisfaction": ("satisfaction_measured", YES),
            "a rollout across departments": ("rollout_by_department", YES),
        },
    ),
    4: (
        "Customer-centric",
        {
            "personas built from research": ("personas_researched", YES),
            "what customers will buy: an offer per segment": ("offers_per_segment", YES),
            "when they buy: the purchase timing of each segment": ("purchase_timing_known", YES),
            "what creates value for them: what they want at each stage": (
                "customer_goals_known",
                YES,
            ),
            "how much they will pay": ("prices_known", YES),
            "whether the value binds them: long-term value and retention measured": (
                "value_binds",
                YES,
            ),
        },
    ),
}
STAGE_NEEDS = [
    (number, label, fact, least)
    for number, (_word, needs) in STAGES.items()
    for label, (fact, least) in needs.items()
]


def test_every_need_of_every_stage_has_its_expectation() -> None:
    assert [
        (
            s.number,
            s.name.split(":")[0],
            [(label, need.fact, need.status) for label, need in s.needs],
        )
        for s in rules.STAGES
    ] == [
        (number, word, [(label, fact, least) for label, (fact, least) in needs.items()])
        for number, (word, needs) in STAGES.items()
    ]


@pytest.mark.parametrize(("stage", "label", "fact", "least"), STAGE_NEEDS)
def test_a_need_met_exactly_holds_and_one_step_short_stops_its_stage(
    stage: int, label: str, fact: str, least: Status
) -> None:
    assert assessed({fact: least}).stages[stage - 1].met
    report = assessed({fact: below(least)})
    assert report.stage == stage - 1
    shown = report.stages[stage - 1]
    assert (shown.number, shown.met) == (stage, False)
    assert [(c.label, c.fact, c.status) for c in shown.checks if not c.met] == [
        (label, fact, below(least))
    ]


@pytest.mark.parametrize("stage", [1, 2, 3, 4])
def test_a_stage_is_reached_when_it_and_every_stage_before_it_are_met(stage: int) -> None:
    later = {fact for number, _label, fact, _least in STAGE_NEEDS if number > stage}
    report = assessed(dict.fromkeys(later - {"cross_functional_team"}, NO))
    assert report.stage == stage
    assert [s.name.split(":")[0] for s in report.stages[:stage]] == [
        STAGES[n][0] for n in range(1, stage + 1)
    ]


# -- the six areas of readiness ------------------------------------------------------------

# area -> (a word of its name, {item: fact})
AREAS: dict[str, tuple[str, dict[str, str]]] = {
    "goals": (
        "Strategic",
        {
            "goals serve named business goals or obstacles": "business_goals_aligned",
            "satisfaction is measured": "satisfaction_measured",
            "the business problems to solve are named": "strategic_goals_clear",
        },
    ),
    "customers": (
        "personas",
        {
            "personas rest on research": "personas_researched",
            "the customer experience is understood": "customer_experience",
        },
    ),
    "journey": (
        "journey map",
        {
            "every stage has touchpoints": "stages_mapped",
            "emotions are recorded": "touchpoint_emotions",
            "pain points are recorded": "pain_points_recorded",
            "opportunities are recorded": "opportunities_recorded",
            "touchpoints rest on research, not assumptions": "touchpoint_evidence",
            "maps are re-walked within the review cadence": "journeys_rewalked",
        },
    ),
    "data": (
        "data foundation",
        {
            "a single customer view": "single_customer_view",
            "data cleaning is planned": "data_cleaning",
            "privacy regimes are named": "privacy_regimes",
            "KPIs name their source system": "kpi_sources",
            "the team can analyse customer data": "analytics_skills",
        },
    ),
    "organization": (
        "Organization",
        {
            "a cross-functional team": "cross_functional_team",
            "every touchpoint has an owner": "touchpoint_owners",
            "trainings are planned": "trainings_planned",
            "executives support the work": "executive_support",
            "a core team across departments": "core_team",
            "a working group for each journey stage": "working_groups",
            "shared tools and regular meetings across departments": "collaboration",
        },
    ),
    "metrics": (
        "Metrics",
        {
            "KPIs have baselines": "kpi_baselines",
            "KPIs have targets": "kpi_targets",
            "touchpoints are linked to KPIs": "touchpoint_kpis",
            "feedback flows back from customers and staff": "feedback_channels",
            "the strategy is reviewed": "reviews_held",
        },
    ),
}
AREA_ITEMS = [
    (area, label, fact) for area, (_word, items) in AREAS.items() for label, fact in items.items()
]


def test_every_item_of_every_area_has_its_expectation() -> None:
    assert [
        (a.id, [(label, need.fact, need.status) for label, need in a.items]) for a in rules.AREAS
    ] == [
        (area, [(label, fact, YES) for label, fact in items.items()])
        for area, (_word, items) in AREAS.items()
    ]


@pytest.mark.parametrize(("area", "label", "fact"), AREA_ITEMS)
@pytest.mark.parametrize(("status", "points"), [(NO, 0.0), (PARTLY, 0.5), (UNKNOWN, 0.0)])
def test_an_item_below_yes_lowers_its_area_and_only_its_area(
    area: str, label: str, fact: str, status: Status, points: float
) -> None:
    report = assessed({fact: status})
    size = len(AREAS[area][1])
    expected = dict.fromkeys(AREAS, 100) | {area: half_up((size - 1 + points) / size)}
    assert {a.id: a.score for a in report.areas} == expected
    assert report.readiness == int(sum(expected.values()) / len(expected) + 0.5)
    shown = next(a for a in report.areas if a.id == area)
    assert [c.label for c in shown.checks if c.status is not YES] == [label]


def test_the_areas_are_named_in_their_order() -> None:
    assert [(a.id, AREAS[a.id][0] in a.name) for a in assessed().areas] == [
        (area, True) for area in AREAS
    ]


# -- the common failure causes -------------------------------------------------------------

# cause -> (a word of its title, the fact, whether only a drawn map can have the cause)
FAILURES: dict[str, tuple[str, str, bool]] = {
    "data_silos": ("silos", "single_customer_view", False),
    "departmental_walls": ("walls", "cross_functional_team", False),
    "no_executive_support": ("executive", "executive_support", False),
    "no_clear_goals": ("strategic goals", "strategic_goals_clear", False),
    "map_never_updated": ("re-walked", "journeys_rewalked", True),
    "no_metric_system": ("ROI", "kpi_baselines", False),
}


def test_every_failure_cause_has_its_expectation() -> None:
    assert [(c.id, c.fact, c.status, c.needs_map) for c in rules.FAILURE_CAUSES] == [
        (cause, fact, NO, needs_map) for cause, (_word, fact, needs_map) in FAILURES.items()
    ]


@pytest.mark.parametrize(
    ("cause", "word", "fact", "needs_map"), [(cause, *row) for cause, row in FAILURES.items()]
)
def test_a_cause_is_flagged_when_its_fact_is_no_and_only_then(
    cause: str, word: str, fact: str, needs_map: bool
) -> None:
    flagged = assessed({fact: NO}, MAPPED).failure_causes
    assert [(f.id, word in f.title) for f in flagged] == [(cause, True)]
    for status in (PARTLY, UNKNOWN):
        assert assessed({fact: status}, MAPPED).failure_causes == ()
    before_a_map = [f.id for f in assessed({fact: NO}).failure_causes]
    assert before_a_map == ([] if needs_map else [cause])


def test_the_causes_are_listed_in_their_order() -> None:
    every = {fact: NO for _word, fact, _map in FAILURES.values()}
    assert [f.id for f in assessed(every, MAPPED).failure_causes] == list(FAILURES)


# -- the selection criteria, walked in order ----------------------------------------------

# criterion -> (a word of its title, its facts)
CRITERIA: dict[int, tuple[str, tuple[str, ...]]] = {
    1: ("essential", ("criteria_separated",)),
    2: (
        "business goals",
        (
            "business_goals_aligned",
            "customer_experience",
            "bottlenecks_known",
            "data_readiness",
            "decision_speed",
        ),
    ),
    3: ("exclude", ("exclusions_confirmed",)),
    4: ("verification questions", ("staff_and_materials",)),
}


def test_every_criterion_has_its_expectation() -> None:
    assert [(c.number, c.facts) for c in rules.CRITERIA] == [
        (number, facts) for number, (_word, facts) in CRITERIA.items()
    ]


@pytest.mark.parametrize(
    ("number", "fact"),
    [(number, fact) for number, (_w, facts) in CRITERIA.items() for fact in facts],
)
def test_a_criterion_shows_each_of_its_facts_unmet(number: int, fact: str) -> None:
    report = assessed({fact: PARTLY})
    assert [(c.number, CRITERIA[c.number][0] in c.title) for c in report.criteria] == [
        (n, True) for n in CRITERIA
    ]
    assert [
        (c.number, check.fact) for c in report.criteria for check in c.checks if not check.met
    ] == [(number, fact)]


# -- the pre-consultation questions --------------------------------------------------------

# fact -> words of the question asked while the fact is unknown or partly known
QUESTIONS: dict[str, str] = {
    "touchpoints_organized": "owns each customer touchpoint",
    "improvement_standards": "Which figures",
    "data_readiness": "contacted individually",
    "staff_and_materials": "carry out the work internally",
    "criteria_separated": "nice to have",
    "exclusions_confirmed": "rule out",
    "business_goals_aligned": "Which business goal",
    "decision_speed": "signs off",
    "customer_experience": "complaints",
    "cross_functional_team": "working group",
    "executive_support": "executive sponsors",
    "single_customer_view": "same customer record",
    "contactable_data": "with consent",
    "customer_database": "bookings and messages",
    "analytics_skills": "into insight",
}


def test_every_question_has_its_expectation() -> None:
    assert list(rules.QUESTIONS) == list(QUESTIONS)


@pytest.mark.parametrize(("fact", "words"), QUESTIONS.items())
def test_a_question_is_asked_while_its_fact_is_unknown_or_partly_known(
    fact: str, words: str
) -> None:
    for status in (UNKNOWN, PARTLY):
        asked = assessed({fact: status}).questions
        assert len(asked) == 1
        assert words in asked[0]
    for status in (NO, YES):
        assert assessed({fact: status}).questions == ()


def test_the_questions_are_asked_in_their_order() -> None:
    asked = assessed(dict.fromkeys(QUESTIONS, UNKNOWN)).questions
    assert [
        words in question for words, question in zip(QUESTIONS.values(), asked, strict=True)
    ] == [True] * len(asked)


# -- what to do first ----------------------------------------------------------------------

# gate -> (its fact, words of the reason shown)
GATES: dict[str, tuple[str, str]] = {
    "criteria_not_separated": ("criteria_separated", "essential criteria"),
    "exclusions_unconfirmed": ("exclusions_confirmed", "exclusion condition"),
}


def test_every_gate_has_its_expectation() -> None:
    assert [(g.id, g.need.fact, g.need.status) for g in rules.GATES] == [
        (gate, fact, YES) for gate, (fact, _words) in GATES.items()
    ]


@pytest.mark.parametrize(("fact", "words"), GATES.values())
def test_a_gate_short_of_yes_means_not_ready_and_says_why(fact: str, words: str) -> None:
    for status in (PARTLY, NO, UNKNOWN):
        report = assessed({fact: status})
        chosen = report.recommendation
        assert (chosen.id, _(chosen.title)) == (NOT_READY, "Not ready to choose yet")
        assert [words in c.label for c in chosen.reasons] == [True]
        assert words in report.next_steps[-1]
        assert report.next_steps[-1].startswith("Resolve first: ")


# choice -> (words of its title, of its pillar, its pillar's fact, the option that excludes
# it, words of its next step, what is said once its pillar holds)
ORDER: dict[str, tuple[str, str, str | None, str, str, str]] = {
    "journey_first": (
        "customer journey first",
        "touchpoints are organized",
        "touchpoints_organized",
        "journey",
        "inventory every touchpoint",
        "The journey-first work is done",
    ),
    "crm_kpi_first": (
        "KPIs in order first",
        "standard for improving",
        "improvement_standards",
        "crm_kpi",
        "give every KPI a definition",
        "The CRM/KPI work is done",
    ),
    "both": ("one improvement loop", "", None, "both", "weakest KPIs first", ""),
}


def test_every_choice_has_its_expectation() -> None:
    assert [(c.id, c.missing.fact if c.missing else None, c.excluded_by) for c in rules.ORDER] == [
        (choice, row[2], row[3]) for choice, row in ORDER.items()
    ]


@pytest.mark.parametrize(
    ("changes", "chosen"),
    [
        ({"touchpoints_organized": PARTLY}, "journey_first"),
        ({"touchpoints_organized": NO, "improvement_standards": NO}, "journey_first"),
        ({"improvement_standards": PARTLY}, "crm_kpi_first"),
        ({}, "both"),
    ],
)
def test_the_first_choice_whose_pillar_is_short_of_yes_is_chosen(
    changes: dict[str, Status], chosen: str
) -> None:
    report = assessed(changes)
    title, pillar, fact, _excluded, step, _done = ORDER[chosen]
    made = report.recommendation
    assert made.id == chosen
    assert title in _(made.title)
    assert step in _(made.next_step) and step in report.next_steps[-1]
    walked = list(ORDER.values())[: list(ORDER).index(chosen) + 1]
    pillars = [row[1] for row in walked if row[2] is not None]
    assert [p in c.label for c, p in zip(made.reasons, pillars, strict=True)] == [True] * len(
        pillars
    )
    assert [c.met for c in made.reasons] == [c.fact != fact for c in made.reasons]
    assert pillar in {row[1] for row in walked}


@pytest.mark.parametrize(
    ("changes", "excluded", "chosen"),
    [
        ({"touchpoints_organized": NO}, ("journey",), "crm_kpi_first"),
        ({"improvement_standards": NO}, ("crm_kpi",), "journey_first"),
        ({}, ("journey",), "crm_kpi_first"),
        ({}, ("crm_kpi",), "journey_first"),
        ({"touchpoints_organized": NO}, ("both",), NOT_READY),
        ({"touchpoints_organized": NO}, ("journey", "crm_kpi"), NOT_READY),
    ],
)
def test_a_choice_ruled_out_by_a_condition_gives_way(
    changes: dict[str, Status], excluded: tuple[str, ...], chosen: str
) -> None:
    made = assessed(changes, excluding(*excluded)).recommendation
    assert (made.id, made.excluded) == (chosen, tuple(sorted(excluded)))


@pytest.mark.parametrize("choice", ORDER)
def test_a_choice_is_read_back_from_its_title_and_says_when_its_work_is_done(choice: str) -> None:
    made = next(c for c in rules.ORDER if c.id == choice)
    assert answer_of(_(made.title)) == choice
    _title, _pillar, fact, _excluded, _step, done = ORDER[choice]
    decision = SimpleNamespace(answer=choice)
    holds = {fact: Fact(fact, YES)} if fact else {}
    assert done_text(decision, holds) == done  # type: ignore[arg-type]
    if fact:
        assert done_text(decision, {fact: Fact(fact, PARTLY)}) == ""  # type: ignore[arg-type]


# a title an earlier version wrote into a decision's summary -> the answer it stands for
FORMER: dict[str, str] = {
    "Map the (VIP) customer journey first": "journey_first",
    "CRM 데이터와 KPI 정비를 먼저 한다": "crm_kpi_first",
    "고객 여정 작업과 CRM/KPI 작업을 하나의 개선 루프로 운영": "both",
    "고객 여정 작업과 CRM/KPI 작업을 하나의 개선 루프로 운영한다": "both",
    "아직 결정할 준비가 되지 않음": "not_ready",
    "아직 선택할 준비가 되지 않음": "not_ready",
    "从完善 CRM 数据和 KPI 入手": "crm_kpi_first",
    "先完善 CRM 数据和 KPI": "crm_kpi_first",
    "将客户旅程与 CRM/KPI 工作作为同一个改进闭环推进": "both",
    "将客户旅程工作与 CRM/KPI 工作作为同一个改进循环来推进": "both",
    "尚不具备选择条件": "not_ready",
}


@pytest.mark.parametrize(("title", "answer"), FORMER.items())
def test_a_title_written_by_an_earlier_version_is_still_read(title: str, answer: str) -> None:
    """A Korean plan whose decision was recorded before the wording changed keeps its
    answer: the decision is not taken for one written by hand."""
    assert answer_of(title) == answer
    assert answer_of(f"  {title}\n") == answer


def test_every_former_title_has_its_expectation() -> None:
    assert {title: ident for ident, title in rules.FORMER_TITLES} == FORMER


@pytest.mark.parametrize("word", ["vip", "premium", "프리미엄", "贵宾", "高端"])
def test_each_vip_word_names_the_vip_journey(word: str) -> None:
    segment = SimpleNamespace(id="s1", name=f"Our {word.upper()} customers")
    assert engine.serves_vip(SimpleNamespace(plan=SimpleNamespace(segments=[segment])))  # type: ignore[arg-type]
    assert list(rules.VIP_WORDS) == ["vip", "premium", "프리미엄", "贵宾", "高端"]


# -- the three assumptions, next steps, the labels of facts -------------------------------

# fact -> (words of the assumption, words of the hint its finding gives)
ASSUMPTIONS: dict[str, tuple[str, str]] = {
    "tests_past_behaviour": ("Past behaviour", "control group"),
    "tests_lasting_value": ("value proposition", "market"),
    "tests_retention": ("retention", "repeat-purchase KPI"),
}


def test_every_assumption_has_its_expectation() -> None:
    assert [fact for fact, _title, _hint in rules.ASSUMPTIONS] == list(ASSUMPTIONS)


@pytest.mark.parametrize(("fact", "words"), ASSUMPTIONS.items())
def test_an_untested_assumption_is_unmet_with_its_hint(fact: str, words: tuple[str, str]) -> None:
    report = assessed({fact: NO})
    assert [(words[0] in c.label, c.met) for c in report.assumptions if c.fact == fact] == [
        (True, False)
    ]
    assert [c.fact for c in report.assumptions if not c.met] == [fact]
    assumed = {
        registry.ASSUMES_PAST_BEHAVIOUR,
        registry.ASSUMES_LASTING_VALUE,
        registry.ASSUMES_RELATIONSHIPS_RETAIN,
    }
    assert [words[1] in (f.hint or "") for f in report.findings if f.rule in assumed] == [True]


def test_the_next_steps_start_with_the_materials_then_the_manager() -> None:
    steps = assessed().next_steps
    assert "current materials" in steps[0]
    assert "internal execution manager (to be named)" in steps[1]


def test_every_fact_reads_as_its_own_label() -> None:
    labels = {fact: fact_label(fact) for fact in every_fact()}
    assert [fact for fact, label in labels.items() if label == fact] == []
    assert len(set(labels.values())) == len(labels)
    # the former name of analytics_skills, still read in decisions recorded before
    assert fact_label("analytics_capability") == labels["analytics_skills"]
    assert set(rules.FACT_LABELS) == {*every_fact(), "analytics_capability"}
