"""The decision in force (crmplan.assess.decision): which recorded answer holds, what it
recorded, how the plan moved since, and when its work is done.

Each function is tested on values built here (decisions of the plan's log, facts with a
status), so that every branch the consultant and the client read is pinned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pytest

from crmplan import i18n
from crmplan.assess import rules
from crmplan.assess.decision import (
    ANSWERS,
    PILLARS,
    STATUSES,
    DecisionState,
    Movement,
    Recorded,
    answer_of,
    assess_decisions,
    done_text,
    in_force,
    movements,
    recorded,
)
from crmplan.assess.facts import Fact, Status
from crmplan.model.base import Answer
from crmplan.model.governance import Decision, DecisionSource, DecisionStatus

pytestmark = pytest.mark.usefixtures("english")

DAY = dt.date(2026, 3, 2)
NO, PARTLY, YES, UNKNOWN = Status.NO, Status.PARTLY, Status.YES, Status.UNKNOWN


def logged(
    ident: str = "d1",
    *,
    day: dt.date = DAY,
    summary: str = "Decided by hand",
    source: DecisionSource = DecisionSource.ASSESS,
    status: DecisionStatus = DecisionStatus.ACTIVE,
    answer: str | None = None,
    facts: Mapping[str, str] | None = None,
    superseded_by: str | None = None,
) -> Decision:
    """A decision of the plan's log, as the plan model reads it."""
    return Decision.model_validate(
        {
            "id": ident,
            "date": day,
            "source": source,
            "summary": summary,
            "status": status,
            "answer": answer,
            "facts": dict(facts or {}),
            "superseded_by": superseded_by,
            "rationale": "the touchpoints have no owner",
            "evidence": ["plan.yaml:4:3 no owner"],
        }
    )


def kept(
    answer: str | None = "journey_first", facts: Mapping[str, Status] | None = None
) -> Recorded:
    """A recorded assess decision with the facts it logged."""
    return Recorded("d1", DAY, answer, "summary", None, (), dict(facts or {}), True, None)


def state(current: Recorded | None, today: str = "journey_first") -> DecisionState:
    return DecisionState(
        in_force=current,
        history=(current,) if current else (),
        today=today,
        progress=(),
        done="",
        next_step="",
        stage_then=None,
        readiness_then=None,
    )


def fact(ident: str, status: Status, stated: Status | None = None) -> Fact:
    return Fact(ident, status, stated=stated)


# -- reading a decision of the log --------------------------------------------------------


def test_a_recorded_decision_keeps_every_field_and_reads_its_facts_as_statuses() -> None:
    decision = recorded(
        logged(
            answer="crm_kpi_first",
            superseded_by="d2",
            facts={
                "touchpoints_organized": "yes",
                "improvement_standards": "partly",
                "kpi_targets": "no",
                "decision_speed": "unknown",
            },
        )
    )
    assert decision == Recorded(
        "d1",
        DAY,
        "crm_kpi_first",
        "Decided by hand",
        "the touchpoints have no owner",
        ("plan.yaml:4:3 no owner",),
        {
            "touchpoints_organized": YES,
            "improvement_standards": PARTLY,
            "kpi_targets": NO,
            "decision_speed": UNKNOWN,
        },
        True,
        "d2",
    )


def test_a_superseded_decision_is_not_active() -> None:
    assert not recorded(logged(status=DecisionStatus.SUPERSEDED)).active


def test_the_answer_field_wins_over_the_summary() -> None:
    decision = logged(answer="both", summary="Map the customer journey first")
    assert recorded(decision).answer == "both"


def test_an_older_decision_without_the_answer_field_is_read_from_its_summary() -> None:
    assert recorded(logged(summary="Put CRM data and KPIs in order first")).answer == (
        "crm_kpi_first"
    )


def test_the_statuses_and_answers_map_one_to_one() -> None:
    assert STATUSES == {
        Answer.YES: YES,
        Answer.PARTLY: PARTLY,
        Answer.NO: NO,
        Answer.UNKNOWN: UNKNOWN,
    }
    assert {answer: status for status, answer in ANSWERS.items()} == STATUSES


# -- the answer a summary names -----------------------------------------------------------


ENGLISH_TITLES = [
    ("Map the customer journey first", "journey_first"),
    ("Map the VIP customer journey first", "journey_first"),
    ("Map the (VIP) customer journey first", "journey_first"),
    ("Put CRM data and KPIs in order first", "crm_kpi_first"),
    ("Run journey and CRM/KPI work as one improvement loop", "both"),
    ("Not ready to choose yet", "not_ready"),
]


@pytest.mark.parametrize(("summary", "answer"), ENGLISH_TITLES)
def test_every_title_a_decision_was_recorded_under_names_its_answer(
    summary: str, answer: str
) -> None:
    assert answer_of(summary) == answer


@pytest.mark.parametrize(
    ("summary", "answer"),
    [
        ("고객 여정 설계부터 시작", "journey_first"),
        ("VIP 고객 여정 설계부터 시작", "journey_first"),
        ("아직 결정할 준비가 되지 않았습니다", "not_ready"),
        ("从梳理客户旅程入手", "journey_first"),
        ("从梳理VIP客户旅程入手", "journey_first"),
        ("暂不具备做出选择的条件", "not_ready"),
    ],
)
def test_a_title_recorded_in_korean_or_chinese_names_its_answer_in_any_language(
    summary: str, answer: str
) -> None:
    for code in ("en", "ko", "zh"):
        with i18n.language(code):
            assert answer_of(summary) == answer


@pytest.mark.parametrize(
    "summary", ["  Not ready to choose yet\n", "\tMap the customer journey first "]
)
def test_spaces_around_a_recorded_title_do_not_hide_its_answer(summary: str) -> None:
    assert answer_of(summary) is not None


@pytest.mark.parametrize(
    "summary", ["Start with the journey", "Map the customer journey", "", "not ready to choose yet"]
)
def test_a_summary_written_by_hand_names_no_answer(summary: str) -> None:
    assert answer_of(summary) is None


# -- the history and the decision in force ------------------------------------------------


def test_only_assess_decisions_are_in_the_history_oldest_first_log_order_on_a_tie() -> None:
    log = [
        logged("late", day=dt.date(2026, 5, 1)),
        logged("manual", day=dt.date(2026, 1, 1), source=DecisionSource.MANUAL),
        logged("first", day=dt.date(2026, 2, 1)),
        logged("review", day=dt.date(2026, 1, 2), source=DecisionSource.REVIEW),
        logged("second", day=dt.date(2026, 2, 1)),
    ]
    assert [d.id for d in assess_decisions(log)] == ["first", "second", "late"]


def test_the_decision_in_force_is_the_newest_active_one() -> None:
    history = assess_decisions(
        [
            logged("a", day=dt.date(2026, 1, 1)),
            logged("b", day=dt.date(2026, 2, 1)),
            logged("c", day=dt.date(2026, 3, 1)),
            logged("d", day=dt.date(2026, 4, 1), status=DecisionStatus.SUPERSEDED),
        ]
    )
    current = in_force(history)
    assert current is not None and current.id == "c"


def test_without_an_active_decision_nothing_is_in_force_and_the_answer_is_a_draft() -> None:
    history = assess_decisions([logged(status=DecisionStatus.SUPERSEDED)])
    assert in_force(history) is None
    assert in_force(()) is None
    assert state(None).draft
    assert not state(kept()).draft


# -- whether today's facts give another answer --------------------------------------------


@pytest.mark.parametrize(
    ("current", "today", "differs"),
    [
        (None, "crm_kpi_first", False),
        (kept(None), "crm_kpi_first", False),
        (kept("journey_first"), "journey_first", False),
        (kept("journey_first"), "crm_kpi_first", True),
        (kept("not_ready"), "both", True),
    ],
)
def test_today_differs_only_from_a_known_answer_in_force(
    current: Recorded | None, today: str, differs: bool
) -> None:
    assert state(current, today).differs is differs


# -- which contradictions the decision explains -------------------------------------------


@pytest.mark.parametrize(
    ("then", "now", "explained"),
    [
        ({"decision_speed": NO}, fact("decision_speed", YES, stated=NO), True),  # as stated
        ({"decision_speed": PARTLY}, fact("decision_speed", YES, stated=NO), True),  # moved
        ({"decision_speed": YES}, fact("decision_speed", YES, stated=NO), False),  # shown then
        ({}, fact("decision_speed", YES, stated=NO), False),  # not recorded
        ({"decision_speed": NO}, fact("decision_speed", YES), False),  # nothing stated
    ],
)
def test_a_decision_explains_a_stated_answer_it_recorded_or_the_plan_moved_since(
    then: dict[str, Status], now: Fact, explained: bool
) -> None:
    assert state(kept(facts=then)).explains(now) is explained


def test_a_draft_explains_no_contradiction() -> None:
    assert not state(None).explains(fact("decision_speed", YES, stated=NO))


# -- the progress since the decision ------------------------------------------------------


def test_a_movement_is_forward_only_when_the_fact_got_stronger() -> None:
    assert Movement("kpi_targets", NO, PARTLY).forward
    assert Movement("kpi_targets", UNKNOWN, NO).forward
    assert not Movement("kpi_targets", YES, PARTLY).forward
    assert not Movement("kpi_targets", PARTLY, PARTLY).forward


def test_the_progress_lists_changed_facts_pillars_first_then_in_the_facts_order() -> None:
    then = {
        "kpi_targets": NO,
        "reviews_held": NO,
        "improvement_standards": NO,
        "touchpoints_organized": YES,
        "sops_owned": PARTLY,
        "gone": NO,
    }
    now = {
        name: fact(name, status)
        for name, status in [
            ("reviews_held", YES),
            ("sops_owned", PARTLY),
            ("kpi_targets", YES),
            ("improvement_standards", PARTLY),
            ("touchpoints_organized", PARTLY),
            ("new_fact", YES),
        ]
    }
    assert movements(then, now) == (
        Movement("touchpoints_organized", YES, PARTLY),
        Movement("improvement_standards", NO, PARTLY),
        Movement("reviews_held", NO, YES),
        Movement("kpi_targets", NO, YES),
    )


def test_the_pillars_are_the_facts_the_answers_build_in_their_order() -> None:
    assert PILLARS == ("touchpoints_organized", "improvement_standards")


def test_nothing_moved_is_no_progress() -> None:
    assert movements({"kpi_targets": NO}, {"kpi_targets": fact("kpi_targets", NO)}) == ()
    assert movements({}, {"kpi_targets": fact("kpi_targets", YES)}) == ()


# -- the work of the answer in force is done ----------------------------------------------


@pytest.mark.parametrize(
    ("answer", "facts", "done"),
    [
        ("journey_first", {"touchpoints_organized": YES}, "The journey-first work is done"),
        ("crm_kpi_first", {"improvement_standards": YES}, "The CRM/KPI work is done"),
        ("journey_first", {"touchpoints_organized": PARTLY}, ""),
        ("crm_kpi_first", {"improvement_standards": PARTLY, "touchpoints_organized": YES}, ""),
        ("journey_first", {"improvement_standards": YES}, ""),  # its pillar is not derived
        ("both", {"touchpoints_organized": YES, "improvement_standards": YES}, ""),
        ("not_ready", {"touchpoints_organized": YES, "improvement_standards": YES}, ""),
        (None, {"touchpoints_organized": YES, "improvement_standards": YES}, ""),
    ],
)
def test_done_is_said_once_the_pillar_the_decision_built_holds(
    answer: str | None, facts: dict[str, Status], done: str
) -> None:
    now = {name: fact(name, status) for name, status in facts.items()}
    assert done_text(kept(answer), now) == done


def test_without_a_decision_no_work_is_done() -> None:
    assert done_text(None, {"touchpoints_organized": fact("touchpoints_organized", YES)}) == ""


# Without a done text the answer's own text is returned, and it is empty, so leaving the
# check out changes nothing:
# equivalent mutant: assess/decision.py x_done_text__mutmut_10 — or -> and: returns "" anyway


def test_a_choice_without_a_done_text_says_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    silent = tuple(
        rules.Choice(c.id, c.title, c.pillar, c.missing, c.excluded_by, c.next_step)
        for c in rules.ORDER
    )
    monkeypatch.setattr(rules, "ORDER", silent)
    organized = {"touchpoints_organized": fact("touchpoints_organized", YES)}
    assert done_text(kept("journey_first"), organized) == ""
