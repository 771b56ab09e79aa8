"""The SMART check: each letter's tests, with the line of the goal and a suggested fix."""

from __future__ import annotations

import pytest

from crmplan import i18n
from crmplan.analysis import PlanAnalysis
from crmplan.baseline.smart import Letter, SmartCheck
from crmplan.errors import PlanError
from crmplan.plan.load import load_bytes

HEAD = "schema_version: 1\nclient:\n  name: Acme\n"
DEFINED = "definition: {counts: Customers who bought again}"
BASELINE = "baseline: {value: 50, as_of: 2025-01-01, source: CRM}"
TARGET = "target: {value: 60, by: 2026-01-01}"
SMART_GOAL = ("{id: g1, statement: Keep more customers, kpi: retention_rate, scope: VIP, "
              "business_goal: Grow revenue}")


pytestmark = pytest.mark.usefixtures("english")


def plan(goal: str = SMART_GOAL, kpi: str | None = None) -> str:
    kpi = kpi if kpi is not None else f"{{id: retention_rate, {DEFINED}, {BASELINE}, {TARGET}}}"
    return HEAD + f"kpis:\n  - {kpi}\ngoals:\n  smart:\n    - {goal}\n"


def check(text: str) -> SmartCheck:
    [result] = list(PlanAnalysis(load_bytes(text.encode("utf-8"), "plan.yaml")).goals)
    return result


def failed(result: SmartCheck) -> str:
    return "".join(letter.value for letter, ok in result.passed.items() if not ok)


def messages(result: SmartCheck) -> list[str]:
    return [f"{i.line}:{i.column} {i.path}: {i.message} | {i.hint}" for i in result.findings]


def test_a_goal_with_everything_is_smart() -> None:
    result = check(plan())
    assert result.is_smart and result.findings == ()
    assert (result.target, result.deadline.isoformat() if result.deadline else None) == (
        60, "2026-01-01")


def test_specific_needs_a_kpi_and_a_scope() -> None:
    result = check(plan("{id: g1, statement: Keep more customers, business_goal: Grow, "
                        "by: 2026-01-01}"))
    assert failed(result) == "SM"  # without a KPI there is no target either
    assert messages(result)[:2] == [
        "8:7 goals.smart[g1]: not specific: no KPI measures this goal "
        "| name the KPI under 'kpi:' (an id under kpis)",
        "8:7 goals.smart[g1]: not specific: it does not say who or what it covers "
        "| add 'scope:' with the segment, channel or region",
    ]
    assert "without a KPI nothing measures it" in messages(result)[2]


def test_measurable_needs_a_definition_a_baseline_and_a_target() -> None:
    result = check(plan(kpi="{id: retention_rate}"))
    assert failed(result) == "MT"
    assert [m.split(": ", 2)[-1].split(" | ")[0] for m in messages(result)] == [
        "KPI 'retention_rate' does not say what it counts",
        "KPI 'retention_rate' has no baseline",
        "no target value is set",
        "it has no deadline",
    ]
    assert all(i.path == "goals.smart[g1].kpi" for i in result.findings[:2])


def test_a_rate_defined_by_numerator_and_denominator_is_measurable() -> None:
    kpi = (f"{{id: retention_rate, definition: {{numerator: kept, denominator: all}}, "
           f"{BASELINE}, {TARGET}}}")
    assert check(plan(kpi=kpi)).passed[Letter.MEASURABLE]


def test_a_numerator_alone_does_not_define_a_rate() -> None:
    kpi = f"{{id: retention_rate, definition: {{numerator: kept}}, {BASELINE}, {TARGET}}}"
    assert not check(plan(kpi=kpi)).passed[Letter.MEASURABLE]


def test_the_goals_own_target_and_deadline_win_over_the_kpis() -> None:
    goal = SMART_GOAL[:-1] + ", target: 58, by: 2025-10-01}"
    result = check(plan(goal))
    assert (result.target, str(result.deadline)) == (58, "2025-10-01")


def test_a_target_that_does_not_improve_on_the_baseline_is_not_achievable() -> None:
    goal = SMART_GOAL.replace("retention_rate", "churn_rate")
    kpi = (f"{{id: churn_rate, {DEFINED}, baseline: {{value: 10, as_of: 2025-01-01, "
           f"source: CRM}}, target: {{value: 12, by: 2026-01-01}}}}")
    result = check(plan(goal, kpi))
    assert failed(result) == "A"
    assert messages(result) == [
        "8:7 goals.smart[g1]: not achievable: the target does not improve on the baseline "
        "(lower is better) | check the target and the KPI's direction"]


def test_a_target_far_beyond_the_recorded_trend_is_not_achievable() -> None:
    # 50 -> 51 in six months is 0.17 a month; 9 more in the next six needs 1.5, nine times
    kpi = (f"{{id: retention_rate, {DEFINED}, {BASELINE}, {TARGET}, "
           f"snapshots: [{{date: 2025-07-02, value: 51}}]}}")
    result = check(plan(kpi=kpi))
    assert failed(result) == "A"
    assert "it needs 9.0 times the pace recorded so far" in messages(result)[0]


def test_a_target_within_three_times_the_trend_is_achievable() -> None:
    kpi = (f"{{id: retention_rate, {DEFINED}, {BASELINE}, {TARGET}, "
           f"snapshots: [{{date: 2025-07-02, value: 53}}]}}")  # 7 to go at 3 per half-year
    assert check(plan(kpi=kpi)).passed[Letter.ACHIEVABLE]


def test_figures_moving_away_from_the_target_are_not_achievable() -> None:
    kpi = (f"{{id: retention_rate, {DEFINED}, {BASELINE}, {TARGET}, "
           f"snapshots: [{{date: 2025-07-02, value: 48}}]}}")
    result = check(plan(kpi=kpi))
    assert "the recorded figures move away from the target" in messages(result)[0]


def test_a_reached_target_is_achievable_whatever_the_trend() -> None:
    kpi = (f"{{id: retention_rate, {DEFINED}, {BASELINE}, {TARGET}, "
           f"snapshots: [{{date: 2025-07-02, value: 61}}]}}")
    assert check(plan(kpi=kpi)).is_smart


def test_without_snapshots_the_trend_is_not_judged() -> None:
    assert check(plan()).passed[Letter.ACHIEVABLE]


@pytest.mark.parametrize("value", ["101", "-1"])
def test_an_impossible_target_is_refused_when_the_plan_loads(value: str) -> None:
    goal = SMART_GOAL[:-1] + f", target: {value}}}"
    with pytest.raises(PlanError) as caught:
        check(plan(goal))
    assert "is not a possible value of KPI 'retention_rate'" in caught.value.issues[0].message


def test_relevant_needs_an_obstacle_or_a_business_goal() -> None:
    result = check(plan(SMART_GOAL.replace(", business_goal: Grow revenue", "")))
    assert failed(result) == "R"
    obstacle = HEAD + (f"kpis:\n  - {{id: retention_rate, {DEFINED}, {BASELINE}, {TARGET}}}\n"
                       "goals:\n  obstacles:\n    - {id: o1, description: Churn}\n  smart:\n"
                       "    - {id: g1, statement: Keep, kpi: retention_rate, scope: VIP, "
                       "obstacles: [o1]}\n")
    assert check(obstacle).is_smart


def test_time_bound_needs_a_deadline_after_the_baseline() -> None:
    result = check(plan(SMART_GOAL[:-1] + ", by: 2024-12-31}"))
    assert failed(result) == "T"
    assert messages(result) == [
        "8:110 goals.smart[g1].by: not time-bound: the deadline 2024-12-31 is not after the "
        "baseline date 2025-01-01 | move the deadline after the baseline"]


def test_findings_point_at_the_key_they_are_about_when_it_is_written() -> None:
    text = HEAD + (f"kpis:\n  - {{id: retention_rate, {DEFINED}, {BASELINE}, {TARGET}}}\n"
                   "goals:\n  smart:\n    - id: g1\n      statement: Keep\n"
                   "      kpi: retention_rate\n      scope: VIP\n      business_goal: Grow\n"
                   "      by: 2024-06-30\n")
    [finding] = check(text).findings
    assert (finding.line, finding.column, finding.path) == (13, 7, "goals.smart[g1].by")


def test_every_goal_is_checked_in_plan_order() -> None:
    text = plan() + "    - {id: g2, statement: Second}\n"
    results = list(PlanAnalysis(load_bytes(text.encode("utf-8"), "plan.yaml")).goals)
    assert [r.goal for r in results] == ["g1", "g2"]
    assert failed(results[1]) == "SMRT"


def test_findings_are_written_in_the_active_language() -> None:
    with i18n.language("ko"):
        result = check(plan(SMART_GOAL.replace(", scope: VIP", "")))
    assert result.findings[0].message.startswith(i18n.translations("ko").gettext("specific"))
