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


# -- each test on and around its edge ---------------------------------------------------------

# Baseline 2025-01-01 and a figure on 2025-07-02, 182 days apart; a deadline on 2025-12-31 is
# 182 days after the figure, so the pace needed over the pace so far is the ratio of the two
# moves: from 50 to 52 so far, then to the target.
HALVES_KPI = ("{{id: {kpi}, {defined}, baseline: {{value: {base}, as_of: 2025-01-01, "
              "source: CRM}}, target: {{value: {target}, by: 2025-12-31}}, "
              "snapshots: [{{date: 2025-07-02, value: {latest}}}]}}")


def halves(target: float, latest: float = 52, base: float = 50,
           kpi: str = "retention_rate") -> SmartCheck:
    return check(plan(SMART_GOAL.replace("retention_rate", kpi), HALVES_KPI.format(
        kpi=kpi, defined=DEFINED, base=base, target=target, latest=latest)))


@pytest.mark.parametrize(("target", "message"), [
    (56, None),
    (58, None),  # exactly three times the pace so far: still within the trend
    (58.02, "it needs 3.0 times the pace recorded so far"),
    (61, "it needs 4.5 times the pace recorded so far"),
])
def test_a_target_up_to_three_times_the_trend_is_achievable(target: float,
                                                            message: str | None) -> None:
    result = halves(target)
    assert result.passed[Letter.ACHIEVABLE] is (message is None)
    if message:
        assert messages(result) == [
            f"8:7 goals.smart[g1]: not achievable: {message} | set a nearer target or a "
            "later deadline, or write down what will speed the KPI up"]


@pytest.mark.parametrize(("target", "latest", "achievable"), [
    (12, 16, True),  # 4 down so far, 4 to go
    (14, 18, True),  # 2 down so far, 4 to go
    (12, 18, True),  # 2 down, 6 to go: exactly three times
    (11.9, 19, False),  # 1 down, 7.1 to go: more than three times the pace
    (10, 21, False),  # churn rose: away from the target
])
def test_a_churn_target_is_judged_against_its_falling_trend(target: float, latest: float,
                                                           achievable: bool) -> None:
    assert halves(target, latest, base=20, kpi="churn_rate").passed[Letter.ACHIEVABLE] \
        is achievable


def test_figures_that_stand_still_do_not_reach_the_target() -> None:
    result = halves(55, latest=50)
    assert not result.passed[Letter.ACHIEVABLE]
    assert [f.rule.code for f in result.findings] == ["CRM707"]


def test_a_reached_target_needs_no_pace() -> None:
    assert halves(52, latest=52).is_smart  # reached on the day of the latest figure
    assert halves(51, latest=52).is_smart


def test_a_deadline_on_the_day_of_the_latest_figure_asks_no_pace() -> None:
    text = plan(SMART_GOAL[:-1] + ", by: 2025-07-02}", HALVES_KPI.format(
        kpi="retention_rate", defined=DEFINED, base=50, target=60, latest=51))
    assert check(text).passed[Letter.ACHIEVABLE]  # the review says it is off track


@pytest.mark.parametrize(("by", "time_bound"), [
    ("2024-12-31", False), ("2025-01-01", False),  # the baseline's own day is not after it
    ("2025-01-02", True),
])
def test_the_deadline_must_fall_after_the_baseline_day(by: str, time_bound: bool) -> None:
    assert check(plan(SMART_GOAL[:-1] + f", by: {by}}}")).passed[Letter.TIME_BOUND] \
        is time_bound


def test_a_goal_of_zero_is_a_target() -> None:
    """Churn down to 0: a target of zero is the goal's target, not a missing one."""
    goal = SMART_GOAL.replace("retention_rate", "churn_rate")[:-1] + ", target: 0}"
    kpi = (f"{{id: churn_rate, {DEFINED}, baseline: {{value: 10, as_of: 2025-01-01, "
           f"source: CRM}}, target: {{value: 5, by: 2026-01-01}}}}")
    result = check(plan(goal, kpi))
    assert (result.target, result.is_smart) == (0, True)


def test_a_goal_is_judged_on_its_own_kpis_figures() -> None:
    """Two KPIs: the goal on the second is judged on the second's trend, not the first's."""
    flat = f"{{id: churn_rate, {DEFINED}, {BASELINE}, {TARGET}}}"
    moving = HALVES_KPI.format(kpi="retention_rate", defined=DEFINED, base=50, target=61,
                               latest=52)
    result = check(plan(kpi=f"{flat}\n  - {moving}"))
    assert (result.kpi, result.target, str(result.deadline)) == ("retention_rate", 61,
                                                                 "2025-12-31")
    assert "it needs 4.5 times the pace recorded so far" in messages(result)[0]


def test_without_a_kpi_no_target_or_trend_is_asked() -> None:
    result = check(plan("{id: g1, statement: Keep, scope: VIP, business_goal: Grow, "
                        "by: 2026-01-01}"))
    assert [f.rule.code for f in result.findings] == ["CRM701", "CRM703"]
    assert (result.kpi, result.target) == (None, None)


def test_a_silenced_test_does_not_fail_its_letter() -> None:
    result = halves(61)
    code = result.findings[0].rule.code
    assert not result.is_smart
    quiet = result.without(frozenset({code}))
    assert quiet.is_smart and quiet.findings == ()
    assert result.without(frozenset({"CRM999"})) == result
    assert list(quiet.passed) == list(Letter)  # in SMART's order


def test_exactly_three_times_the_pace_is_achievable_whatever_the_rounding() -> None:
    """30 to 32 in 205 days, then 6 more in the next 205: three times the pace, which the
    least-squares pace, a rounding error short, made 'more than three times'."""
    kpi = (f"{{id: retention_rate, {DEFINED}, baseline: {{value: 30, as_of: 2025-01-01, "
           "source: CRM}, target: {value: 38, by: 2026-02-15}, "
           "snapshots: [{date: 2025-07-25, value: 32}]}")
    assert check(plan(kpi=kpi)).passed[Letter.ACHIEVABLE]


NO_KPI_GOAL = "{id: g1, statement: Keep, scope: VIP, business_goal: Grow, by: 2026-01-01}"


@pytest.mark.parametrize(("text", "letters", "expected"), [
    (plan(NO_KPI_GOAL), "SM", [
        "8:7 goals.smart[g1]: not specific: no KPI measures this goal | name the KPI under "
        "'kpi:' (an id under kpis)",
        "8:7 goals.smart[g1]: not measurable: without a KPI nothing measures it | name the KPI "
        "first; its definition and baseline make it measurable"]),
    (plan(kpi=f"{{id: retention_rate, {BASELINE}, {TARGET}}}"), "M", [
        "8:48 goals.smart[g1].kpi: not measurable: KPI 'retention_rate' does not say what it "
        "counts | give the KPI a definition: 'counts:', or 'numerator:' and 'denominator:'"]),
    (plan(kpi=f"{{id: retention_rate, {DEFINED}, {TARGET}}}"), "M", [
        "8:48 goals.smart[g1].kpi: not measurable: KPI 'retention_rate' has no baseline | "
        "record the current value with its date and source under the KPI's 'baseline:'"]),
    (plan(SMART_GOAL[:-1] + ", by: 2026-01-01}", f"{{id: retention_rate, {DEFINED}, "
          f"{BASELINE}}}"), "M", [
        "8:7 goals.smart[g1]: not measurable: no target value is set | add 'target:' to the "
        "goal or a target to its KPI"]),
    (plan(kpi=f"{{id: retention_rate, {DEFINED}, {BASELINE}, {TARGET}, "
              "snapshots: [{date: 2025-07-02, value: 48}]}"), "A", [
        "8:7 goals.smart[g1]: not achievable: the recorded figures move away from the target "
        "| explain what will turn the trend, or set a nearer target"]),
    (plan(SMART_GOAL.replace(", business_goal: Grow revenue", "")), "R", [
        "8:7 goals.smart[g1]: not relevant: it names neither an obstacle nor a business goal "
        "| add 'obstacles:' (ids under goals.obstacles) or 'business_goal:'"]),
    (plan(SMART_GOAL[:-1] + ", target: 60}", f"{{id: retention_rate, {DEFINED}, "
          f"{BASELINE}}}"), "T", [
        "8:7 goals.smart[g1]: not time-bound: it has no deadline | add 'by:' to the goal or a "
        "target date to its KPI"]),
], ids=["no_kpi", "no_definition", "no_baseline", "no_target", "away", "no_purpose",
        "no_deadline"])
def test_each_failed_test_says_what_is_wrong_and_how_to_fix_it(
        text: str, letters: str, expected: list[str], request: pytest.FixtureRequest) -> None:
    result = check(text)
    assert (failed(result), messages(result)) == (letters, expected)
    assert [f.rule.code for f in result.findings] == CODES[request.node.callspec.id]


# the rule of each test: its code in the plan's 'ignore:' and in every report
CODES = {"no_kpi": ["CRM701", "CRM703"], "no_definition": ["CRM703"],
         "no_baseline": ["CRM704"], "no_target": ["CRM705"], "away": ["CRM707"],
         "no_purpose": ["CRM709"], "no_deadline": ["CRM710"]}


@pytest.mark.parametrize(("text", "codes"), [
    (plan(SMART_GOAL.replace(", scope: VIP", "")), ["CRM702"]),
    (plan(SMART_GOAL[:-1] + ", target: 40}"), ["CRM706"]),
    (plan(kpi=HALVES_KPI.format(kpi="retention_rate", defined=DEFINED, base=50, target=61,
                                latest=52)), ["CRM708"]),
    (plan(SMART_GOAL[:-1] + ", by: 2024-12-31}"), ["CRM711"]),
])
def test_the_other_tests_rules(text: str, codes: list[str]) -> None:
    assert [f.rule.code for f in check(text).findings] == codes


def _kpi(base: float, target: float, by: str, *snapshots: tuple[str, float]) -> str:
    shots = ", ".join(f"{{date: {d}, value: {v}}}" for d, v in snapshots)
    return (f"{{id: retention_rate, {DEFINED}, baseline: {{value: {base}, as_of: 2025-01-01, "
            f"source: CRM}}, target: {{value: {target}, by: {by}}}, snapshots: [{shots}]}}")


@pytest.mark.parametrize(("goal_target", "snapshot", "code"), [
    (50, 55, "CRM706"),  # equal to the baseline: no improvement
    (60, 48, "CRM707"),
    (61, 52, "CRM708"),
])
def test_an_achievability_finding_points_at_the_goals_own_target(
        goal_target: float, snapshot: float, code: str) -> None:
    text = (HEAD + f"kpis:\n  - {_kpi(50, 60, '2025-12-31', ('2025-07-02', snapshot))}\n"
            "goals:\n  smart:\n    - id: g1\n      statement: Keep\n"
            "      kpi: retention_rate\n      scope: VIP\n      business_goal: Grow\n"
            f"      target: {goal_target}\n")
    result = check(text)
    assert [(f.rule.code, f.path, f.line) for f in result.findings] == [
        (code, "goals.smart[g1].target", 13)]
    assert result.statement == "Keep"


@pytest.mark.parametrize(("kpi", "codes"), [
    # 18 days left, 8 to go at a third of a point a month
    (_kpi(50, 60, "2025-07-20", ("2025-07-02", 52)), ["CRM708"]),
    # half a point to go on figures that stand still
    (_kpi(50, 50.5, "2025-12-31", ("2025-07-02", 50)), ["CRM707"]),
    # the target reached, though the latest figures fell back to it
    (_kpi(50, 55, "2025-12-31", ("2025-04-01", 70), ("2025-12-01", 55)), []),
])
def test_the_pace_needed_near_the_deadline_and_the_target(kpi: str, codes: list[str]) -> None:
    assert [f.rule.code for f in check(plan(kpi=kpi)).findings] == codes


def test_a_plan_without_goals_has_nothing_to_check() -> None:
    loaded = load_bytes((HEAD + "kpis:\n  - {id: retention_rate}\n").encode(), "plan.yaml")
    assert list(PlanAnalysis(loaded).goals) == []
