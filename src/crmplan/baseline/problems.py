"""Step 5: current figures against targets, and the problems the strategy must solve.

The gap table is every KPI's :class:`~crmplan.kpi.progress.Progress`, judged once for the
whole plan (:mod:`crmplan.analysis`). The
problem list merges three sources into one order: KPIs that are not on track,
the journeys' pain points, and the goals that fail the SMART check. The rules
that give each problem its priority are the tables below.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from crmplan.baseline.smart import SmartCheck
from crmplan.i18n import N_, _
from crmplan.journey.data import JourneyReport
from crmplan.kpi.progress import Progress as KpiProgress
from crmplan.kpi.progress import TrackStatus
from crmplan.plan.load import LoadedPlan


class Priority(enum.IntEnum):
    """How soon a problem must be solved."""

    LOW = 1
    MEDIUM = 2
    HIGH = 3


PRIORITY_NAMES = {Priority.HIGH: N_("high"), Priority.MEDIUM: N_("medium"),
                  Priority.LOW: N_("low")}

# A KPI's problem by its status; a KPI on track is no problem, and neither is one too
# early to judge (its figures span less than one of its periods).
KPI_PRIORITY = {TrackStatus.OFF_TRACK: Priority.HIGH, TrackStatus.AT_RISK: Priority.MEDIUM,
                TrackStatus.NO_DATA: Priority.MEDIUM, TrackStatus.BASELINE_ONLY: Priority.MEDIUM,
                TrackStatus.NO_BASELINE: Priority.MEDIUM, TrackStatus.NO_TARGET: Priority.MEDIUM,
                TrackStatus.TARGET_NOT_AN_IMPROVEMENT: Priority.MEDIUM}
# A pain point's problem by its severity (1-5), raised one level when a KPI of its
# touchpoint is off track; pain points of one priority keep the journey map's order
# (its urgency score: severity, emotion, barriers, the KPIs' gaps).
SEVERITY_PRIORITY = {5: Priority.HIGH, 4: Priority.HIGH, 3: Priority.MEDIUM, 2: Priority.LOW,
                     1: Priority.LOW}
# A goal that fails the SMART check cannot steer the strategy until it is fixed.
SMART_PRIORITY = Priority.MEDIUM
# Problems of the same priority: KPIs first, then pain points, then goals.
KIND_ORDER = ("kpi", "pain_point", "goal")


@dataclass(frozen=True)
class Problem:
    """One problem the strategy must solve, and the KPI, touchpoint or goal it comes from."""

    priority: Priority
    kind: str
    ref: str
    text: str
    location: str
    weight: float = 0.0
    kpis: tuple[str, ...] = ()
    code: str = ""  # a goal's: the code of the SMART rule it fails


def problems(loaded: LoadedPlan, gaps: Sequence[KpiProgress], goals: Sequence[SmartCheck],
             journeys: JourneyReport) -> list[Problem]:
    """The KPI gaps, pain points and SMART failures, highest priority first."""
    found = [*_kpi_problems(loaded, gaps), *_pain_problems(journeys), *_goal_problems(goals)]
    order = {p: n for n, p in enumerate(found)}
    return sorted(found, key=lambda p: (-p.priority, KIND_ORDER.index(p.kind), -p.weight,
                                        order[p]))


def _kpi_problems(loaded: LoadedPlan, gaps: Sequence[KpiProgress]) -> list[Problem]:
    return [Problem(KPI_PRIORITY[g.status], "kpi", g.spec.id, _kpi_text(g),
                    loaded.location(("kpis", index)),
                    abs(g.relative_gap_pct or 0), (g.spec.id,))
            for index, g in enumerate(gaps) if g.status in KPI_PRIORITY and not g.reached]


def _kpi_text(gap: KpiProgress) -> str:
    if gap.status is TrackStatus.OFF_TRACK and gap.pace is None:
        return _("{kpi}: the deadline passed before the target was reached").format(
            kpi=_(gap.spec.name))
    return _(STATUS_TEXT[gap.status]).format(kpi=_(gap.spec.name))


STATUS_TEXT = {
    TrackStatus.OFF_TRACK: N_("{kpi}: will miss its target at the pace recorded so far"),
    TrackStatus.AT_RISK: N_("{kpi}: may miss its target at the pace recorded so far"),
    TrackStatus.NO_DATA: N_("{kpi}: no figure is recorded, so the gap is unknown"),
    TrackStatus.BASELINE_ONLY: N_("{kpi}: only the baseline is recorded; record the next "
                                  "figure to see its pace"),
    TrackStatus.NO_BASELINE: N_("{kpi}: figures without a baseline, so nothing shows where "
                                "it started"),
    TrackStatus.NO_TARGET: N_("{kpi}: no target, so nothing says how far it must move"),
    TrackStatus.TARGET_NOT_AN_IMPROVEMENT: N_("{kpi}: its target is no better than its "
                                              "baseline"),
}


def _pain_problems(journeys: JourneyReport) -> list[Problem]:
    """Each pain point, in the order the journey map ranks them (its urgency score)."""
    found = []
    for journey in journeys.journeys:
        for pain in journey.pain_points:
            links = pain.touchpoint.kpis
            priority = SEVERITY_PRIORITY[pain.severity]
            if any(k.status is TrackStatus.OFF_TRACK for k in links):
                priority = Priority(min(priority + 1, Priority.HIGH))
            found.append(Problem(priority, "pain_point", pain.touchpoint.id, pain.description,
                                 pain.location, pain.score.total,
                                 tuple(k.id for k in links)))
    return found


def _goal_problems(goals: Sequence[SmartCheck]) -> list[Problem]:
    return [Problem(SMART_PRIORITY, "goal", check.goal, finding.message, finding.location,
                    0.0, (check.kpi,) if check.kpi else (), finding.code)
            for check in goals for finding in check.findings]
