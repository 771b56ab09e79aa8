"""The SMART check of every goal, letter by letter (step 1 of the strategy).

Each letter is a short list of tests; a failed test is a finding located at
the goal's line, with a suggested fix. Values a KPI cannot take at all (an
NPS above 100, a rate above 100%, a negative count) are refused when the plan
loads, so they never reach this check; what "achievable" adds here is the
recorded trend.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from crmplan import rules
from crmplan.findings import Issue, Rule, kept
from crmplan.i18n import N_, _
from crmplan.kpi.progress import (
    DIRECTION_NAMES,
    RATIO_DIGITS,
    Progress,
    improvement,
    months_between,
)
from crmplan.model.engagement import Goal
from crmplan.model.kpis import Kpi
from crmplan.plan.load import LoadedPlan
from crmplan.plan.source import PlanPath

# A goal that needs more than this many times the pace recorded so far is far
# beyond the trend.
FAR_BEYOND_TREND = 3.0


class Letter(str, enum.Enum):
    """The five letters of SMART."""

    SPECIFIC = "S"
    MEASURABLE = "M"
    ACHIEVABLE = "A"
    RELEVANT = "R"
    TIME_BOUND = "T"


LETTER_NAMES = {
    Letter.SPECIFIC: N_("specific"),
    Letter.MEASURABLE: N_("measurable"),
    Letter.ACHIEVABLE: N_("achievable"),
    Letter.RELEVANT: N_("relevant"),
    Letter.TIME_BOUND: N_("time-bound"),
}


@dataclass(frozen=True)
class GoalFigures:
    """A goal with the KPI that measures it and the figures the letters are tested on."""

    goal: Goal
    path: PlanPath
    kpi: Kpi | None
    progress: Progress | None
    target: float | None
    deadline: dt.date | None


@dataclass(frozen=True)
class Failure:
    """One failed test: what is wrong, how to fix it, and the key it is about (the rule is
    the test's, :data:`TESTS`)."""

    message: str
    hint: str
    key: str | None = None


@dataclass(frozen=True)
class SmartCheck:
    """The SMART check of one goal."""

    goal: str
    statement: str
    kpi: str | None
    target: float | None
    deadline: dt.date | None
    findings: tuple[Issue, ...]

    @property
    def passed(self) -> dict[Letter, bool]:
        """Each letter, in SMART's order: passed when none of its tests failed."""
        failed = {LETTER_OF[f.rule] for f in self.findings}
        return {letter: letter not in failed for letter in Letter}

    @property
    def is_smart(self) -> bool:
        return all(self.passed.values())

    def without(self, ignored: frozenset[str]) -> SmartCheck:
        """The check without the tests of the rules in ``ignored`` (codes): a silenced test
        does not fail its letter."""
        return replace(self, findings=kept(self.findings, ignored))


def check_goals(loaded: LoadedPlan, kpis: Sequence[Progress]) -> list[SmartCheck]:
    """Every SMART goal of the plan, checked letter by letter; ``kpis`` is every KPI's
    standing, in plan order."""
    goals = loaded.plan.goals.smart if loaded.plan.goals else []
    return [_check(loaded, goal_figures(loaded, goal, index, kpis)) for index, goal in
            enumerate(goals)]


def goal_figures(loaded: LoadedPlan, goal: Goal, index: int, standings: Sequence[Progress]
                 ) -> GoalFigures:
    """The goal's KPI, its standing, and the goal's target and deadline (the goal's own,
    else the KPI's)."""
    kpis = loaded.plan.kpis
    kpi_index = next((i for i, k in enumerate(kpis) if k.id == goal.kpi), None)
    kpi = kpis[kpi_index] if kpi_index is not None else None
    target = goal.target if goal.target is not None else (
        kpi.target.value if kpi and kpi.target else None)
    deadline = goal.by or (kpi.target.by if kpi and kpi.target else None)
    return GoalFigures(goal, ("goals", "smart", index), kpi,
                       standings[kpi_index] if kpi_index is not None else None,
                       target, deadline)


def _check(loaded: LoadedPlan, figures: GoalFigures) -> SmartCheck:
    findings = [_finding(loaded, figures, test, failure) for test in TESTS
                if (failure := test.check(figures)) is not None]
    goal = figures.goal
    return SmartCheck(goal.id, goal.statement, goal.kpi, figures.target, figures.deadline,
                      tuple(findings))


def _finding(loaded: LoadedPlan, figures: GoalFigures, test: SmartTest, failure: Failure
             ) -> Issue:
    path = (*figures.path, failure.key) if failure.key else figures.path
    if failure.key and path not in loaded.source.keys:
        path = figures.path
    message = _("not {letter}: {reason}").format(letter=_(LETTER_NAMES[test.letter]),
                                                  reason=failure.message)
    return loaded.finding(test.rule, path, message, failure.hint)


# -- the tests, letter by letter -------------------------------------------------------------


def _names_a_kpi(f: GoalFigures) -> Failure | None:
    if f.kpi is not None:
        return None
    return Failure(_("no KPI measures this goal"),
                   _("name the KPI under 'kpi:' (an id under kpis)"))


def _has_scope(f: GoalFigures) -> Failure | None:
    if f.goal.scope:
        return None
    return Failure(_("it does not say who or what it covers"),
                   _("add 'scope:' with the segment, channel or region"))


def _kpi_is_defined(f: GoalFigures) -> Failure | None:
    if f.kpi is None:
        return Failure(_("without a KPI nothing measures it"),
                       _("name the KPI first; its definition and baseline make it measurable"))
    definition = f.kpi.definition
    if definition and (definition.counts or (definition.numerator and definition.denominator)):
        return None
    return Failure(_("KPI '{kpi}' does not say what it counts").format(kpi=f.kpi.id),
                   _("give the KPI a definition: 'counts:', or 'numerator:' and "
                     "'denominator:'"), "kpi")


def _kpi_has_baseline(f: GoalFigures) -> Failure | None:
    if f.kpi is None or f.kpi.baseline is not None:
        return None
    return Failure(_("KPI '{kpi}' has no baseline").format(kpi=f.kpi.id),
                   _("record the current value with its date and source under the KPI's "
                     "'baseline:'"), "kpi")


def _has_target(f: GoalFigures) -> Failure | None:
    if f.target is not None or f.kpi is None:
        return None
    return Failure(_("no target value is set"),
                   _("add 'target:' to the goal or a target to its KPI"))


def _improves(f: GoalFigures) -> Failure | None:
    p = f.progress
    if p is None or p.baseline is None or f.target is None:
        return None
    if improvement(p.spec, f.target - p.baseline.value) > 0:
        return None
    return Failure(_("the target does not improve on the baseline ({direction} is better)")
                   .format(direction=_(DIRECTION_NAMES[p.spec.direction])),
                   _("check the target and the KPI's direction"), "target")


def _toward_target(f: GoalFigures) -> Failure | None:
    p = f.progress
    if p is None or p.pace is None or _needed_pace(f) is None:
        return None
    if improvement(p.spec, p.pace) > 0:
        return None
    return Failure(_("the recorded figures move away from the target"),
                   _("explain what will turn the trend, or set a nearer target"), "target")


def _within_trend(f: GoalFigures) -> Failure | None:
    p = f.progress
    needed = _needed_pace(f)
    if p is None or p.pace is None or needed is None:
        return None
    pace, need = improvement(p.spec, p.pace), improvement(p.spec, needed)
    if pace <= 0:
        return None
    times = round(need / pace, RATIO_DIGITS)  # as the status compares paces
    if times <= FAR_BEYOND_TREND:
        return None
    return Failure(_("it needs {times} times the pace recorded so far").format(
        times=f"{times:.1f}"), _("set a nearer target or a later deadline, or write "
                                 "down what will speed the KPI up"), "target")


def _needed_pace(f: GoalFigures) -> float | None:
    p = f.progress
    if p is None or p.current is None or f.target is None or f.deadline is None:
        return None
    months = months_between(p.current.date, f.deadline)
    if months <= 0 or improvement(p.spec, f.target - p.current.value) <= 0:
        return None
    return (f.target - p.current.value) / months


def _serves_a_goal(f: GoalFigures) -> Failure | None:
    if f.goal.obstacles or f.goal.business_goal:
        return None
    return Failure(_("it names neither an obstacle nor a business goal"),
                   _("add 'obstacles:' (ids under goals.obstacles) or 'business_goal:'"))


def _has_deadline(f: GoalFigures) -> Failure | None:
    if f.deadline is not None:
        return None
    return Failure(_("it has no deadline"), _("add 'by:' to the goal or a target date to its "
                                              "KPI"))


def _deadline_after_baseline(f: GoalFigures) -> Failure | None:
    baseline = f.progress.baseline if f.progress else None
    if f.deadline is None or baseline is None or f.deadline > baseline.date:
        return None
    return Failure(_("the deadline {deadline} is not after the baseline date {baseline}")
                   .format(deadline=f.deadline.isoformat(), baseline=baseline.date.isoformat()),
                   _("move the deadline after the baseline"), "by")


@dataclass(frozen=True)
class SmartTest:
    """One test of a letter: a failure is a finding of ``rule``."""

    letter: Letter
    rule: Rule
    check: Callable[[GoalFigures], Failure | None]


TESTS: tuple[SmartTest, ...] = (
    SmartTest(Letter.SPECIFIC, rules.GOAL_WITHOUT_KPI, _names_a_kpi),
    SmartTest(Letter.SPECIFIC, rules.GOAL_WITHOUT_SCOPE, _has_scope),
    SmartTest(Letter.MEASURABLE, rules.KPI_WITHOUT_DEFINITION, _kpi_is_defined),
    SmartTest(Letter.MEASURABLE, rules.KPI_WITHOUT_BASELINE, _kpi_has_baseline),
    SmartTest(Letter.MEASURABLE, rules.GOAL_WITHOUT_TARGET, _has_target),
    SmartTest(Letter.ACHIEVABLE, rules.TARGET_NOT_AN_IMPROVEMENT, _improves),
    SmartTest(Letter.ACHIEVABLE, rules.TREND_AWAY_FROM_TARGET, _toward_target),
    SmartTest(Letter.ACHIEVABLE, rules.TARGET_BEYOND_TREND, _within_trend),
    SmartTest(Letter.RELEVANT, rules.GOAL_WITHOUT_PURPOSE, _serves_a_goal),
    SmartTest(Letter.TIME_BOUND, rules.GOAL_WITHOUT_DEADLINE, _has_deadline),
    SmartTest(Letter.TIME_BOUND, rules.DEADLINE_BEFORE_BASELINE, _deadline_after_baseline),
)
LETTER_OF: dict[Rule, Letter] = {test.rule: test.letter for test in TESTS}
