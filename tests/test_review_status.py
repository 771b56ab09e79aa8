"""The six-month review's verdicts (crmplan.review.status), each on its boundary: a review
due exactly today, a figure stale by exactly its limit, an action due today, a review held
on the day judged."""

from __future__ import annotations

import datetime as dt

import pytest

from crmplan.analysis import PlanAnalysis
from crmplan.plan.load import load_bytes
from crmplan.review.report import schedule_text
from crmplan.review.status import ReviewStatus, active_decisions

pytestmark = pytest.mark.usefixtures("english")

# The index goal_figures takes only names the goal's place for the SMART check's findings:
# equivalent mutant: review/status.py x__goals__mutmut_9 — the review reads no goal's path

PLAN = """\
schema_version: 1
client: {name: Acme}
engagement: {start: 2025-01-10}
reviews:
  cadence_months: 6
  log:
    - date: 2025-06-15
      external_factors:
        - {kind: technology, change: A booking app}
        - {kind: customer_expectations, change: Replies within the hour}
        - {kind: market, change: A rival opened}
"""


def status(text: str = PLAN, as_of: dt.date = dt.date(2025, 12, 15)) -> ReviewStatus:
    return PlanAnalysis(load_bytes(text.encode(), "plan.yaml"), as_of).review


def findings(text: str = PLAN, as_of: dt.date = dt.date(2025, 12, 15)) -> list[str]:
    return [f"{i.location} {i.code} {i.message} | {i.hint}" for i in status(text, as_of).findings]


# -- the schedule --------------------------------------------------------------------------


def test_a_review_due_today_is_not_overdue() -> None:
    schedule = status().schedule
    assert (schedule.cadence_months, schedule.last, schedule.due, schedule.overdue_days) == (
        6,
        dt.date(2025, 6, 15),
        dt.date(2025, 12, 15),
        0,
    )
    assert findings() == []


def test_a_review_one_day_late_is_one_day_overdue() -> None:
    assert status(as_of=dt.date(2025, 12, 16)).schedule.overdue_days == 1
    assert findings(as_of=dt.date(2025, 12, 16)) == [
        "plan.yaml:4:1 CRM801 the review due on 2025-12-15 is 1 day overdue | hold the review, "
        "then log it with 'crmplan review record'"
    ]


def test_a_monthly_review_one_day_late_reads_in_the_singular() -> None:
    text = PLAN.replace("cadence_months: 6", "cadence_months: 1")
    assert schedule_text(status(text, dt.date(2025, 7, 16))) == (
        "last review 2025-06-15 · every 1 month · next due 2025-07-15 (1 day overdue)"
    )
    assert schedule_text(status(text, dt.date(2025, 7, 17))) == (
        "last review 2025-06-15 · every 1 month · next due 2025-07-15 (2 days overdue)"
    )
    assert schedule_text(status(as_of=dt.date(2025, 12, 15))) == (
        "last review 2025-06-15 · every 6 months · next due 2025-12-15"
    )


def test_without_a_reviews_section_the_first_review_is_due_six_months_after_the_start() -> None:
    text = PLAN.split("reviews:")[0]
    schedule = status(text, dt.date(2025, 7, 11)).schedule
    assert (schedule.cadence_months, schedule.last, schedule.due, schedule.overdue_days) == (
        6,
        None,
        dt.date(2025, 7, 10),
        1,
    )
    assert findings(text, dt.date(2025, 7, 11)) == [
        "plan.yaml:1:1 CRM801 the review due on 2025-07-10 is 1 day overdue | hold the review, "
        "then log it with 'crmplan review record'"
    ]


def test_the_latest_review_held_counts_whatever_its_place_in_the_log() -> None:
    text = PLAN.replace("cadence_months: 6", "cadence_months: 3").replace(
        "    - date: 2025-06-15\n", "    - {date: 2025-09-01}\n    - date: 2025-06-15\n"
    )
    assert status(text, dt.date(2025, 9, 1)).schedule.due == dt.date(2025, 12, 1)
    assert status(text, dt.date(2025, 8, 31)).schedule.due == dt.date(2025, 9, 15)


def test_no_review_and_no_start_date_is_said_with_its_fix() -> None:
    text = PLAN.split("reviews:")[0].replace("engagement: {start: 2025-01-10}\n", "")
    schedule = status(text).schedule
    assert (schedule.last, schedule.due, schedule.overdue_days) == (None, None, 0)
    assert findings(text) == [
        "plan.yaml:1:1 CRM802 no review is logged and the engagement has no start date, so no "
        "review is scheduled | set engagement.start, or log the first review"
    ]


# -- KPIs since the last review ----------------------------------------------------------------

KPIS = """\
kpis:
  - id: retention_rate
    definition: {counts: Customers kept, period: week}
    baseline: {value: 50, as_of: 2025-01-01, source: CRM}
    target: {value: 60, by: 2026-12-31}
    snapshots:
      - {date: 2025-05-31, value: 52, source: CRM}
      - {date: 2025-06-15, value: 53, source: CRM}
      - {date: 2025-08-31, value: 55, source: CRM}
"""


def with_kpis(kpis: str = KPIS, plan: str = PLAN) -> str:
    return plan.replace("reviews:\n", kpis + "reviews:\n")


@pytest.mark.parametrize(
    ("day", "stale_days"),
    [
        (dt.date(2025, 9, 10), 0),  # 10 days after the latest figure: one and a half weeks
        (dt.date(2025, 9, 11), 1),
        (dt.date(2025, 9, 20), 10),
    ],
)
def test_a_weekly_figure_is_stale_after_ten_days(day: dt.date, stale_days: int) -> None:
    assert status(with_kpis(), day).kpis[0].stale_days == stale_days


def test_a_stale_figure_is_a_finding_that_names_its_period() -> None:
    assert findings(with_kpis(), dt.date(2025, 9, 11)) == [
        "plan.yaml:5:5 CRM803 KPI 'retention_rate': the latest figure (2025-08-31) is stale "
        "for a KPI measured per week | record this period's figure with 'crmplan baseline "
        "record'"
    ]
    assert findings(with_kpis(), dt.date(2025, 9, 10)) == []


def test_a_kpi_is_compared_with_its_last_figure_before_the_previous_review() -> None:
    """The review of 2025-06-15 saw 53 (the figure of that day); 55 now."""
    [row] = status(with_kpis(), dt.date(2025, 9, 1)).kpis
    assert row.then is not None and (row.then.date, row.then.value) == (dt.date(2025, 6, 15), 53)
    assert (row.change, row.from_baseline) == (2, False)
    assert row.start is not None and (row.start.date, row.start.value) == (dt.date(2025, 1, 1), 50)
    assert row.since_start == 5


def test_before_any_review_a_kpi_is_compared_with_its_baseline() -> None:
    [row] = status(with_kpis(), dt.date(2025, 6, 14)).kpis
    assert row.then is not None and (row.then.value, row.from_baseline) == (50, True)
    assert (row.change, row.since_start) == (2, 2)  # 52 now


def test_without_a_baseline_the_start_is_the_first_figure_since_the_engagement_began() -> None:
    kpis = (
        KPIS.replace("    baseline: {value: 50, as_of: 2025-01-01, source: CRM}\n", "")
        .replace("2025-05-31", "2025-01-09")
        .replace("2025-06-15, value: 53", "2025-01-10, value: 53")
    )
    [row] = status(with_kpis(kpis), dt.date(2025, 9, 1)).kpis
    assert row.start is not None and (row.start.date, row.start.value) == (
        dt.date(2025, 1, 10),
        53,
    )  # the figure of the day before the start is left out
    assert row.start.path == ("kpis", 0, "snapshots", 1)
    assert row.since_start == 2
    no_start = with_kpis(kpis).replace("engagement: {start: 2025-01-10}\n", "")
    [row] = status(no_start, dt.date(2025, 9, 1)).kpis
    assert row.start is not None and (row.start.date, row.start.value) == (dt.date(2025, 1, 9), 52)


def test_a_kpi_without_figures_is_neither_stale_nor_moved() -> None:
    kpis = "kpis:\n  - id: retention_rate\n    definition: {counts: Customers kept, period: week}\n"
    [row] = status(with_kpis(kpis), dt.date(2025, 9, 1)).kpis
    assert (row.then, row.change, row.stale_days, row.start, row.since_start) == (
        None,
        None,
        0,
        None,
        None,
    )


def test_a_goal_without_a_kpi_has_no_progress() -> None:
    goals = (
        "goals:\n  smart:\n    - {id: g_keep, statement: Keep more, kpi: retention_rate, "
        "target: 58}\n    - {id: g_new, statement: Win more}\n"
    )
    goals_status = status(with_kpis(KPIS + goals), dt.date(2025, 9, 1)).goals
    assert [(g.goal, g.statement, g.kpi) for g in goals_status] == [
        ("g_keep", "Keep more", "retention_rate"),
        ("g_new", "Win more", None),
    ]
    assert goals_status[0].progress is not None and goals_status[0].progress.target == 58
    assert goals_status[1].progress is None


# -- SOPs, actions, campaigns, decisions --------------------------------------------------------

SOPS = """\
sops:
  - {id: sop_entry, title: Entry, owner: Kim, last_reviewed: 2025-03-31, review_every_months: 3}
  - {id: sop_report, title: Monthly report}
"""


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2025, 6, 30), []),  # due exactly today
        (
            dt.date(2025, 7, 1),
            [
                "plan.yaml:5:5 CRM806 SOP 'sop_entry' was due for review on 2025-06-30 "
                "| review it and set 'last_reviewed:'"
            ],
        ),
    ],
)
def test_an_sop_is_overdue_the_day_after_its_review_falls_due(
    day: dt.date, expected: list[str]
) -> None:
    found = [f for f in findings(with_kpis(SOPS), day) if "sop_entry" in f]
    assert found == expected


def test_an_sop_without_owner_or_review_gets_both_findings() -> None:
    assert [f for f in findings(with_kpis(SOPS), dt.date(2025, 6, 30)) if "sop_report" in f] == [
        "plan.yaml:6:5 CRM804 SOP 'sop_report' has no owner | name who keeps it current under "
        "'owner:'",
        "plan.yaml:6:5 CRM805 SOP 'sop_report' has never been reviewed | review it and set "
        "'last_reviewed:'",
    ]


ACTIONS = """\
    - date: 2025-03-01
      actions:
        - {id: a_old, text: Clean the list., owner: Lee, due: 2025-04-30, status: in_progress}
        - {id: a_kept, text: Keep the list., owner: Lee, due: 2025-04-30, status: done}
    - date: 2025-06-15
      decisions: [Journey first.]
      actions:
        - {id: a_today, text: Send the letter., owner: Lee, due: 2025-09-01}
        - {id: a_nobody, text: Call back., due: 2025-12-31}
        - {id: a_someday, text: Ask the shop., owner: Kim}
        - {id: a_never, text: Think., status: dropped}
        - {id: a_loose, text: Start., status: in_progress}
"""


def with_actions(text: str = PLAN) -> str:
    return text.replace("    - date: 2025-06-15\n", ACTIONS)


def test_pending_actions_are_listed_with_the_review_that_agreed_them() -> None:
    actions = status(with_actions(), dt.date(2025, 9, 1)).actions
    assert [(a.id, a.review, a.due, a.overdue, a.status.value) for a in actions] == [
        ("a_old", dt.date(2025, 3, 1), dt.date(2025, 4, 30), True, "in_progress"),
        ("a_today", dt.date(2025, 6, 15), dt.date(2025, 9, 1), False, "open"),  # due today
        ("a_nobody", dt.date(2025, 6, 15), dt.date(2025, 12, 31), False, "open"),
        ("a_someday", dt.date(2025, 6, 15), None, False, "open"),
        ("a_loose", dt.date(2025, 6, 15), None, False, "in_progress"),
    ]
    assert [(a.text, a.owner) for a in actions[:2]] == [
        ("Clean the list.", "Lee"),
        ("Send the letter.", "Lee"),
    ]
    assert [a.overdue for a in status(with_actions(), dt.date(2025, 9, 2)).actions] == [
        True,
        True,
        False,
        False,
        False,
    ]


def test_an_action_without_owner_or_date_and_an_overdue_one_are_findings() -> None:
    assert [f for f in findings(with_actions(), dt.date(2025, 9, 2)) if "action" in f] == [
        "plan.yaml:9:11 CRM807 action 'a_old' was due on 2025-04-30 and is not done | mark it "
        "done or dropped, or agree a new date",
        "plan.yaml:14:11 CRM807 action 'a_today' was due on 2025-09-01 and is not done | mark it "
        "done or dropped, or agree a new date",
        "plan.yaml:15:11 CRM809 action 'a_nobody' has no owner | agree who does it by when: "
        "'owner:' and 'due:'",
        "plan.yaml:16:11 CRM809 action 'a_someday' has no due date | agree who does it by when: "
        "'owner:' and 'due:'",
        "plan.yaml:18:11 CRM809 action 'a_loose' has no owner and no due date | agree who does "
        "it by when: 'owner:' and 'due:'",
    ]


def test_the_previous_review_is_the_last_before_the_day_judged() -> None:
    """A review held on the day judged is the one being written: it follows up the one
    before."""
    previous = status(with_actions(), dt.date(2025, 6, 15)).previous
    assert previous is not None
    assert (previous.date, previous.decisions) == (dt.date(2025, 3, 1), ())
    assert [
        (a.id, a.text, a.owner, a.due, a.status.value, a.overdue) for a in previous.actions
    ] == [
        ("a_old", "Clean the list.", "Lee", dt.date(2025, 4, 30), "in_progress", True),
        ("a_kept", "Keep the list.", "Lee", dt.date(2025, 4, 30), "done", False),  # done
    ]
    later = status(with_actions(), dt.date(2025, 6, 16))
    assert later.previous is not None
    assert (later.previous.date, later.previous.decisions) == (
        dt.date(2025, 6, 15),
        ("Journey first.",),
    )
    assert [a.id for a in later.older_actions] == ["a_old"]
    assert status(with_actions(), dt.date(2025, 3, 1)).previous is None


def test_on_the_day_of_a_review_every_pending_action_is_an_older_one() -> None:
    assert [a.id for a in status(with_actions(), dt.date(2025, 6, 15)).older_actions] == [
        "a_today",
        "a_nobody",
        "a_someday",
        "a_loose",
    ]


def test_actions_of_a_review_not_yet_held_on_the_day_judged_are_not_pending() -> None:
    """Judged on 2025-03-01, the review of 2025-06-15 has not happened: its actions are not
    listed, nor found overdue or unowned."""
    judged = status(with_actions(), dt.date(2025, 3, 1))
    assert [a.id for a in judged.actions] == ["a_old"]
    assert [a.id for a in judged.older_actions] == ["a_old"]
    assert not any("action" in f for f in findings(with_actions(), dt.date(2025, 3, 1)))


CAMPAIGN = """\
campaigns:
  - id: c_winback
    name: Win-back
    segment: lapsed
    measurement: {metric: retention_rate, method: holdout, comparison_group: 10% holdout,
                  start: 2025-03-01, end: 2025-04-30}
segments:
  - {id: lapsed, name: Lapsed, definition: No order for a year, size: 1000}
"""


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2025, 4, 30), []),  # the measurement ends today
        (
            dt.date(2025, 5, 1),
            [
                "plan.yaml:14:5 CRM808 campaign 'c_winback' ended its measurement on "
                "2025-04-30 and has no recorded result | record what it achieved under "
                "'results:'"
            ],
        ),
    ],
)
def test_a_campaign_without_a_result_is_a_finding_the_day_after_its_measurement(
    day: dt.date, expected: list[str]
) -> None:
    assert [f for f in findings(with_kpis(KPIS + CAMPAIGN), day) if "CRM808" in f] == expected


def test_findings_come_in_the_plans_order_and_a_silenced_rule_leaves() -> None:
    judged = status(with_kpis(KPIS + SOPS), dt.date(2026, 1, 1))
    assert [(i.line, i.code) for i in judged.findings] == [
        (5, "CRM803"),
        (14, "CRM806"),
        (15, "CRM804"),
        (15, "CRM805"),
        (16, "CRM801"),
    ]
    assert [i.code for i in judged.without(frozenset({"CRM804", "CRM803"})).findings] == [
        "CRM806",
        "CRM805",
        "CRM801",
    ]


def test_active_decisions_are_the_ones_that_hold_newest_first() -> None:
    decisions = """\
decisions:
  - {id: d_first, date: 2025-01-20, summary: Journey first}
  - {id: d_later, date: 2025-05-02, summary: Data next}
  - {id: d_old, date: 2025-03-01, summary: KPIs first, status: superseded, superseded_by: d_later}
  - {id: d_mid, date: 2025-03-05, summary: Train the staff}
"""
    judged = status(with_kpis(KPIS + decisions), dt.date(2025, 9, 1))
    assert [d.id for d in judged.decisions] == ["d_first", "d_later", "d_old", "d_mid"]
    assert [d.id for d in active_decisions(judged.decisions)] == ["d_later", "d_mid", "d_first"]


def test_the_status_names_the_plan_its_day_and_its_currency() -> None:
    text = PLAN.replace("client: {name: Acme}", "client: {name: Acme, currency: KRW}")
    judged = status(text, dt.date(2025, 9, 1))
    assert (judged.plan, judged.as_of, judged.currency) == (
        "plan.yaml",
        dt.date(2025, 9, 1),
        "KRW",
    )


def test_figures_all_from_before_the_engagement_give_no_start_and_no_change() -> None:
    kpis = KPIS.replace("    baseline: {value: 50, as_of: 2025-01-01, source: CRM}\n", "")
    text = with_kpis(kpis).replace("start: 2025-01-10", "start: 2025-09-01")
    [row] = status(text, dt.date(2025, 6, 14)).kpis  # before any review
    assert row.now.current is not None and row.now.current.value == 52
    assert (row.then, row.change, row.start, row.since_start) == (None, None, None, None)


def test_a_goal_is_judged_on_the_day_with_the_plans_period_and_the_kpis_deadline() -> None:
    kpis = """\
data:
  period: month
  orders:
    file: orders.csv
    columns: {customer_id: customer_id, order_date: order_date, amount: amount}
kpis:
  - id: kept
    name: Customers kept
    definition: {counts: Customers kept}
    unit: percent
    direction: higher
    baseline: {value: 50, as_of: 2025-01-01, source: CRM}
    target: {value: 60, by: 2026-12-31}
    snapshots:
      - {date: 2025-08-31, value: 55, source: CRM}
goals:
  smart:
    - {id: g_keep, statement: Keep more, kpi: kept, target: 58}
"""
    [goal] = status(with_kpis(kpis), dt.date(2025, 9, 1)).goals
    assert goal.progress is not None
    found = goal.progress
    assert (found.spec.period.value, found.target, found.deadline, found.status.value) == (
        "month",
        58,
        dt.date(2026, 12, 31),
        "on_track",
    )


def test_a_figure_recorded_after_the_day_judged_is_not_the_start() -> None:
    kpis = KPIS.replace("    baseline: {value: 50, as_of: 2025-01-01, source: CRM}\n", "").replace(
        "2025-05-31", "2025-01-09"
    )
    [row] = status(with_kpis(kpis), dt.date(2025, 1, 31)).kpis
    assert row.now.current is not None and row.now.current.value == 52  # from before the start
    assert (row.start, row.then, row.since_start) == (None, None, None)


GOAL = """\
kpis:
  - id: retention_rate
  - id: kept
    name: Customers kept
    unit: percent
    direction: higher
    definition: {counts: Customers kept, period: month}
    baseline: {value: 50, as_of: 2025-01-01, source: CRM}
    target: {value: 60, by: 2026-12-31}
    snapshots:
      - {date: 2025-08-31, value: 57.9, source: CRM}
goals:
  smart:
    - {id: g_keep, statement: Keep more, kpi: kept, target: 58, by: 2025-09-15}
"""


def test_a_goal_whose_own_deadline_passed_before_the_day_judged_is_off_track() -> None:
    """The goal's 2025-09-15 passed with 57.9 against 58: off track on 2025-10-01, though on
    the day of the latest figure (2025-08-31) its pace would have reached it in time."""
    [goal] = status(with_kpis(GOAL), dt.date(2025, 10, 1)).goals
    assert goal.progress is not None
    found = goal.progress
    assert (found.target, found.deadline, found.status.value) == (
        58,
        dt.date(2025, 9, 15),
        "off_track",
    )
    assert found.current is not None and found.current.path == ("kpis", 1, "snapshots", 0)
