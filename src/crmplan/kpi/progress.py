"""A KPI's figures: what it is, where it stands, how far from its target, and how fast it moves.

Pure arithmetic over the plan's models, shared by ``baseline``, ``journey``,
``review`` and ``render``: every one of them judges a KPI by :func:`progress`,
on a day it names (:func:`plan_day` unless the user names another), so two
reports of the same day never disagree. Which way a KPI improves matters
everywhere: for churn or response time a fall is progress.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from crmplan.i18n import N_
from crmplan.model.catalogue import KPI_CATALOGUE, possible_values
from crmplan.model.kpis import Direction, Kpi, Unit
from crmplan.model.plan import Plan
from crmplan.plan.source import PlanPath

DAYS_PER_MONTH = 365.2425 / 12

# How the pace so far compares with the pace needed: at least ON_TRACK_RATIO of
# the needed pace is on track, at least AT_RISK_RATIO is at risk, less is off track.
ON_TRACK_RATIO = 1.0
AT_RISK_RATIO = 0.5


DIRECTION_NAMES = {Direction.HIGHER: N_("higher"), Direction.LOWER: N_("lower")}


class TrackStatus(str, enum.Enum):
    """Where a KPI is heading, projected from its dated figures."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"


STATUS_NAMES = {
    TrackStatus.ON_TRACK: N_("on track"),
    TrackStatus.AT_RISK: N_("at risk"),
    TrackStatus.OFF_TRACK: N_("off track"),
    TrackStatus.NO_DATA: N_("no data"),
}


@dataclass(frozen=True)
class KpiSpec:
    """A KPI with the catalogue's defaults filled in."""

    id: str
    name: str
    unit: Unit | None
    direction: Direction
    minimum: float | None
    maximum: float | None
    catalogue: str | None


@dataclass(frozen=True)
class Figure:
    """One dated value of a KPI and where in the plan it stands."""

    date: dt.date
    value: float
    source: str | None
    path: PlanPath


@dataclass(frozen=True)
class Progress:
    """A KPI's position against its baseline and target, and its pace."""

    spec: KpiSpec
    baseline: Figure | None
    current: Figure | None
    target: float | None
    deadline: dt.date | None
    gap: float | None
    relative_gap_pct: float | None
    progress_pct: float | None
    needed_pace: float | None
    pace: float | None
    projected: float | None
    reached: bool
    status: TrackStatus


def plan_day(plan: Plan) -> dt.date:
    """The day a plan is judged on when the user names none: the latest date it records.

    Never today: the same plan must give the same report and document on any day.
    ``date.min`` for a plan that records no date at all.
    """
    dates = [f.date for k in plan.kpis for f in k.snapshots]
    dates += [k.baseline.as_of for k in plan.kpis if k.baseline]
    dates += [r.date for r in plan.reviews.log] if plan.reviews else []
    dates += [s.last_reviewed for s in plan.sops if s.last_reviewed]
    dates += [d.date for d in plan.decisions]
    dates += [r.date for c in plan.campaigns for r in c.results]
    return max(dates, default=dt.date.min)


def kpi_spec(kpi: Kpi) -> KpiSpec:
    """The KPI's name, unit, direction and possible values, from the plan or the catalogue."""
    catalogue_id = kpi.catalogue.value if kpi.catalogue else kpi.id
    entry = KPI_CATALOGUE.get(catalogue_id)
    low, high = possible_values(catalogue_id, kpi.unit, kpi.bounds.min if kpi.bounds else None,
                                kpi.bounds.max if kpi.bounds else None)
    return KpiSpec(
        id=kpi.id,
        name=kpi.name or (entry.name if entry else kpi.id),
        unit=kpi.unit or (entry.unit if entry else None),
        direction=kpi.direction or (entry.direction if entry else Direction.HIGHER),
        minimum=low,
        maximum=high,
        catalogue=entry.id if entry else None,
    )


def figures(kpi: Kpi, index: int) -> list[Figure]:
    """The baseline and every snapshot, oldest first (a tie keeps the plan's order)."""
    found = []
    if kpi.baseline:
        found.append(Figure(kpi.baseline.as_of, kpi.baseline.value, kpi.baseline.source,
                            ("kpis", index, "baseline")))
    found += [Figure(s.date, s.value, s.source, ("kpis", index, "snapshots", i))
              for i, s in enumerate(kpi.snapshots)]
    return sorted(found, key=lambda f: f.date)


def improvement(spec: KpiSpec, change: float) -> float:
    """A change in the KPI's value as progress: positive is better, whichever the direction."""
    return change if spec.direction is Direction.HIGHER else -change


def months_between(start: dt.date, end: dt.date) -> float:
    """Calendar months from ``start`` to ``end`` (negative when ``end`` is earlier)."""
    return (end - start).days / DAYS_PER_MONTH


def pace_per_month(points: list[Figure]) -> float | None:
    """The least-squares slope of the figures, in units per month; None under two dates."""
    if len({p.date for p in points}) < 2:
        return None
    xs = [months_between(points[0].date, p.date) for p in points]
    ys = [p.value for p in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def progress(kpi: Kpi, index: int, *, on: dt.date | None = None, target: float | None = None,
             deadline: dt.date | None = None) -> Progress:
    """Where the KPI at ``kpis[index]`` stands on the day ``on`` and where it is heading.

    Figures measured after ``on`` are left out, and the time left runs from that
    day (or from the latest figure, if later), so a deadline passed before it
    without the target reached is off track. Without ``on``, the KPI is judged on
    the day of its latest figure. ``target`` and ``deadline`` replace the KPI's
    own (a goal may set its own).
    """
    spec = kpi_spec(kpi)
    points = [p for p in figures(kpi, index) if on is None or p.date <= on]
    baseline = next((p for p in points if p.path[-1] == "baseline"), None)
    current = points[-1] if points else None
    if target is None:
        target = kpi.target.value if kpi.target else None
    if deadline is None:
        deadline = kpi.target.by if kpi.target else None
    if current is None or target is None or deadline is None:
        return _without_target(spec, baseline, current, target, deadline, points)
    return _against_target(spec, baseline, current, target, deadline, points, on)


def _without_target(spec: KpiSpec, baseline: Figure | None, current: Figure | None,
                    target: float | None, deadline: dt.date | None,
                    points: list[Figure]) -> Progress:
    return Progress(spec, baseline, current, target, deadline, gap=None, relative_gap_pct=None,
                    progress_pct=None, needed_pace=None, pace=pace_per_month(points),
                    projected=None, reached=False, status=TrackStatus.NO_DATA)


def _against_target(spec: KpiSpec, baseline: Figure | None, current: Figure, target: float,
                    deadline: dt.date, points: list[Figure], on: dt.date | None) -> Progress:
    gap = target - current.value
    reached = improvement(spec, gap) <= 0
    to_deadline = months_between(current.date, deadline)
    months_left = to_deadline if on is None else months_between(max(on, current.date),
                                                                 deadline)
    pace = pace_per_month(points)
    needed = gap / months_left if months_left > 0 and not reached else None
    projected = _within(spec, current.value + pace * to_deadline) if (
        pace is not None and to_deadline > 0) else None
    return Progress(
        spec, baseline, current, target, deadline, gap=gap,
        relative_gap_pct=100 * gap / abs(current.value) if current.value else None,
        progress_pct=_achieved_pct(baseline, current, target),
        needed_pace=needed, pace=pace, projected=projected, reached=reached,
        status=track_status(spec, reached, months_left, needed, pace),
    )


def _within(spec: KpiSpec, value: float) -> float:
    """A projected value kept inside the values the KPI can take (no -61 hours)."""
    if spec.minimum is not None:
        value = max(value, spec.minimum)
    if spec.maximum is not None:
        value = min(value, spec.maximum)
    return value


def _achieved_pct(baseline: Figure | None, current: Figure, target: float) -> float | None:
    """How much of the planned move from baseline to target is done, in percent."""
    if baseline is None or target == baseline.value:
        return None
    return 100 * (current.value - baseline.value) / (target - baseline.value) + 0.0  # no -0


def track_status(spec: KpiSpec, reached: bool, months_left: float, needed: float | None,
                 pace: float | None) -> TrackStatus:
    """On track when the pace so far keeps up with the pace needed (see the ratios above)."""
    if reached:
        return TrackStatus.ON_TRACK
    if months_left <= 0:
        return TrackStatus.OFF_TRACK  # the deadline passed before the target was reached
    if pace is None or needed is None:
        return TrackStatus.NO_DATA
    ratio = improvement(spec, pace) / improvement(spec, needed)
    if ratio >= ON_TRACK_RATIO:
        return TrackStatus.ON_TRACK
    return TrackStatus.AT_RISK if ratio >= AT_RISK_RATIO else TrackStatus.OFF_TRACK
