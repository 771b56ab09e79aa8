"""Step 5's problem tables entry by entry: each KPI status, each severity, each priority's
name and each status's words, and the fields every problem carries to the reader.

The plan-level order is in tests/test_baseline_problems.py; here the functions are fed
figures built by hand so that every table entry is checked on its own.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from crmplan.baseline import problems as p
from crmplan.baseline.problems import Priority
from crmplan.kpi.progress import TrackStatus

pytestmark = pytest.mark.usefixtures("english")

# status -> (priority, the words the reader sees for a KPI named "Retention rate")
KPI_EXPECTED: dict[TrackStatus, tuple[Priority, str]] = {
    TrackStatus.OFF_TRACK: (
        Priority.HIGH, "Retention rate: will miss its target at the pace recorded so far"),
    TrackStatus.AT_RISK: (
        Priority.MEDIUM, "Retention rate: may miss its target at the pace recorded so far"),
    TrackStatus.NO_DATA: (
        Priority.MEDIUM, "Retention rate: no figure is recorded, so the gap is unknown"),
    TrackStatus.BASELINE_ONLY: (
        Priority.MEDIUM, "Retention rate: only the baseline is recorded; record the next "
                         "figure to see its pace"),
    TrackStatus.NO_BASELINE: (
        Priority.MEDIUM, "Retention rate: figures without a baseline, so nothing shows "
                         "where it started"),
    TrackStatus.NO_TARGET: (
        Priority.MEDIUM, "Retention rate: no target, so nothing says how far it must move"),
    TrackStatus.TARGET_NOT_AN_IMPROVEMENT: (
        Priority.MEDIUM, "Retention rate: its target is no better than its baseline"),
}
NO_PROBLEM = (TrackStatus.ON_TRACK, TrackStatus.TOO_EARLY)


class Loaded:
    """The one thing the problem list asks of a loaded plan: where a path is."""

    def location(self, path: tuple[str | int, ...]) -> str:
        return "plan.yaml:" + ".".join(map(str, path))


def gap(status: TrackStatus, *, ident: str = "retention_rate", reached: bool = False,
        gap_pct: float | None = -12.5, pace: float | None = 0.4) -> Any:
    spec = SimpleNamespace(id=ident, name="Retention rate")
    return SimpleNamespace(status=status, reached=reached, spec=spec,
                           relative_gap_pct=gap_pct, pace=pace)


def test_every_status_has_its_expectation_and_no_other() -> None:
    assert set(p.KPI_PRIORITY) == set(KPI_EXPECTED)
    assert set(p.STATUS_TEXT) == set(KPI_EXPECTED)
    assert set(TrackStatus) == set(KPI_EXPECTED) | set(NO_PROBLEM)


@pytest.mark.parametrize("status", list(KPI_EXPECTED))
def test_a_kpi_problem_carries_its_priority_words_place_weight_and_kpi(
        status: TrackStatus) -> None:
    priority, words = KPI_EXPECTED[status]
    (problem,) = p._kpi_problems(Loaded(), [gap(TrackStatus.ON_TRACK), gap(status)])  # type: ignore[arg-type]
    assert (problem.priority, problem.kind, problem.ref) == (priority, "kpi", "retention_rate")
    assert problem.text == words
    assert problem.location == "plan.yaml:kpis.1"
    assert (problem.weight, problem.kpis, problem.code) == (12.5, ("retention_rate",), "")


@pytest.mark.parametrize("status", NO_PROBLEM)
def test_a_kpi_on_track_or_too_early_is_no_problem(status: TrackStatus) -> None:
    assert p._kpi_problems(Loaded(), [gap(status)]) == []  # type: ignore[arg-type]


def test_a_reached_target_is_no_problem_whatever_the_status() -> None:
    assert p._kpi_problems(Loaded(), [gap(TrackStatus.OFF_TRACK, reached=True)]) == []  # type: ignore[arg-type]


def test_an_unknown_gap_weighs_nothing() -> None:
    (problem,) = p._kpi_problems(Loaded(), [gap(TrackStatus.AT_RISK, gap_pct=None)])  # type: ignore[arg-type]
    assert problem.weight == 0.0


def test_a_deadline_passed_without_a_pace_says_so() -> None:
    assert p._kpi_text(gap(TrackStatus.OFF_TRACK, pace=None)) == (
        "Retention rate: the deadline passed before the target was reached")
    assert p._kpi_text(gap(TrackStatus.AT_RISK, pace=None)) == KPI_EXPECTED[
        TrackStatus.AT_RISK][1]


def test_each_priority_is_named() -> None:
    assert p.PRIORITY_NAMES == {Priority.HIGH: "high", Priority.MEDIUM: "medium",
                                Priority.LOW: "low"}


# severity -> priority, with no KPI off track; one level up (at most high) with one
SEVERITY_EXPECTED = {5: (Priority.HIGH, Priority.HIGH), 4: (Priority.HIGH, Priority.HIGH),
                     3: (Priority.MEDIUM, Priority.HIGH), 2: (Priority.LOW, Priority.MEDIUM),
                     1: (Priority.LOW, Priority.MEDIUM)}


def journeys(severity: int, statuses: tuple[TrackStatus, ...]) -> Any:
    links = tuple(SimpleNamespace(id=f"k{n}", status=s) for n, s in enumerate(statuses))
    pain = SimpleNamespace(severity=severity, description="Waiting at the desk",
                           location="plan.yaml:12:9", score=SimpleNamespace(total=7.5),
                           touchpoint=SimpleNamespace(id="tp_desk", kpis=links))
    return SimpleNamespace(journeys=[SimpleNamespace(pain_points=[pain])])


def test_every_severity_has_its_expectation() -> None:
    assert set(p.SEVERITY_PRIORITY) == set(SEVERITY_EXPECTED)


@pytest.mark.parametrize("severity", list(SEVERITY_EXPECTED))
def test_a_pain_points_priority_follows_its_severity_and_its_kpis(severity: int) -> None:
    alone, raised = SEVERITY_EXPECTED[severity]
    at_risk = (TrackStatus.AT_RISK, TrackStatus.ON_TRACK)
    (problem,) = p._pain_problems(journeys(severity, at_risk))
    assert problem.priority == alone
    assert (problem.kind, problem.ref, problem.text, problem.location) == (
        "pain_point", "tp_desk", "Waiting at the desk", "plan.yaml:12:9")
    assert (problem.weight, problem.kpis) == (7.5, ("k0", "k1"))
    off = (TrackStatus.ON_TRACK, TrackStatus.OFF_TRACK)
    assert p._pain_problems(journeys(severity, off))[0].priority == raised


def test_a_goal_problem_carries_the_smart_findings_words_place_kpi_and_code() -> None:
    finding = SimpleNamespace(message="names no deadline", location="plan.yaml:30:5",
                              code="CRM362")
    checks = [SimpleNamespace(goal="g_retention", kpi="retention_rate",
                              findings=[finding, finding]),
              SimpleNamespace(goal="g_vague", kpi=None, findings=[finding])]
    found = p._goal_problems(checks)  # type: ignore[arg-type]
    assert len(found) == 3
    first = found[0]
    assert (first.priority, first.kind, first.ref, first.text, first.location) == (
        Priority.MEDIUM, "goal", "g_retention", "names no deadline", "plan.yaml:30:5")
    assert (first.weight, first.kpis, first.code) == (0.0, ("retention_rate",), "CRM362")
    assert found[2].kpis == ()


def test_a_problem_weighs_nothing_unless_told() -> None:
    made = p.Problem(Priority.LOW, "goal", "g", "text", "plan.yaml:1:1")
    assert (made.weight, made.kpis, made.code) == (0.0, (), "")
