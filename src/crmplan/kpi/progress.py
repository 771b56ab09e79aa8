"""A KPI's figures: what it is, where it stands, how far from its target, and how fast it moves.

Pure arithmetic over the plan's models, shared by ``baseline``, ``journey``,
``review`` and ``render``: every one of them judges a KPI by :func:`progress`,
on a day it names (:func:`plan_day` unless the user names another), so two
reports of the same day never disagree. Which way a KPI improves matters
everywhere: for churn or response time a fall is progress.

A KPI is judged only on what is known. Figures dated before its baseline are
left out (``validate`` warns about them); a pace, and the projection made from
it, needs figures that span at least one of the KPI's own periods from the
baseline (:func:`kpi_period`): before that the KPI is "too early to judge",
with the day its next figure is due. A KPI without a target, without a
baseline, with only its baseline, or with a target that does not improve on
its baseline says so instead of being on or off track.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from dataclasses import dataclass, replace
from itertools import pairwise

from crmplan.i18n import N_, _
from crmplan.model.catalogue import KPI_CATALOGUE, possible_values
from crmplan.model.kpis import Direction, FigureMethod, Kpi, Period, Unit
from crmplan.model.plan import Plan
from crmplan.plan.source import PlanPath

DAYS_PER_MONTH = 365.2425 / 12

# How the pace so far compares with the pace needed: at least ON_TRACK_RATIO of
# the needed pace is on track, at least AT_RISK_RATIO is at risk, less is off track.
ON_TRACK_RATIO = 1.0
AT_RISK_RATIO = 0.5
# The ratio is compared at this many decimals: the least-squares pace of a KPI keeping
# exactly the pace needed can come out a rounding error short of it (0.9999999999999999).
RATIO_DIGITS = 9


DIRECTION_NAMES = {Direction.HIGHER: N_("higher"), Direction.LOWER: N_("lower")}

# The period a KPI is judged over when neither its definition, the catalogue nor the
# plan's data section names one: a quarter, the period most client reports use.
DEFAULT_PERIOD = Period.QUARTER
PERIOD_MONTHS = {Period.MONTH: 1, Period.QUARTER: 3, Period.HALF_YEAR: 6, Period.YEAR: 12}
# The most days each period can last (a half year from July 1 lasts 184).
PERIOD_DAYS = {Period.DAY: 1, Period.WEEK: 7, Period.MONTH: 31, Period.QUARTER: 92,
               Period.HALF_YEAR: 184, Period.YEAR: 366}


class TrackStatus(str, enum.Enum):
    """Where a KPI is heading, projected from its dated figures, or what is missing to say.

    The values are stable (JSON output, docs/baseline.md lists them)."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"  # no figure at all
    # what is known when the KPI cannot be judged yet
    TOO_EARLY = "too_early"  # figures over less than one of its periods from the baseline
    BASELINE_ONLY = "baseline_only"  # a baseline, no figure after it yet
    NO_BASELINE = "no_baseline"  # figures, but no baseline to measure from
    NO_TARGET = "no_target"  # figures, but no target (or no deadline)
    TARGET_NOT_AN_IMPROVEMENT = "target_not_an_improvement"  # validate warns (CRM331)


STATUS_NAMES = {
    TrackStatus.ON_TRACK: N_("on track"),
    TrackStatus.AT_RISK: N_("at risk"),
    TrackStatus.OFF_TRACK: N_("off track"),
    TrackStatus.NO_DATA: N_("no data"),
    TrackStatus.TOO_EARLY: N_("too early to judge"),
    TrackStatus.BASELINE_ONLY: N_("baseline only"),
    TrackStatus.NO_BASELINE: N_("figure without baseline"),
    TrackStatus.NO_TARGET: N_("no target"),
    TrackStatus.TARGET_NOT_AN_IMPROVEMENT: N_("target no better than baseline"),
}
# The statuses that judge the KPI's course; the others say what is missing to judge it.
JUDGED = frozenset({TrackStatus.ON_TRACK, TrackStatus.AT_RISK, TrackStatus.OFF_TRACK})


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
    period: Period = DEFAULT_PERIOD


@dataclass(frozen=True)
class Figure:
    """One dated value of a KPI and where in the plan it stands."""

    date: dt.date
    value: float
    source: str | None
    path: PlanPath
    method: FigureMethod | None = None  # how it was obtained, when the plan says


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
    next_due: dt.date | None = None  # too early to judge: when the next figure is due
    # the latest figure obtained another way than the one before it (method_changes)
    method_change: Figure | None = None


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


def plan_period(plan: Plan) -> Period | None:
    """The period the plan gives KPIs whose definition names none (``data.period``)."""
    return plan.data.period if plan.data else None


def kpi_period(kpi: Kpi, plan_default: Period | None = None) -> Period:
    """The period a KPI's figures cover: its definition's, else the catalogue's, else the
    plan's ``data.period``, else :data:`DEFAULT_PERIOD` (the order ``baseline compute``
    follows to choose its window)."""
    entry = KPI_CATALOGUE.get(kpi.catalogue.value if kpi.catalogue else kpi.id)
    return ((kpi.definition.period if kpi.definition else None)
            or (entry.period if entry else None) or plan_default or DEFAULT_PERIOD)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_after(day: dt.date, period: Period, count: int = 1) -> dt.date:
    """The day ``count`` periods after ``day`` (before it when ``count`` is negative):
    calendar months for months and longer, so a quarter after 11-30 is 02-28."""
    if period in PERIOD_MONTHS:
        return add_months(day, count * PERIOD_MONTHS[period])
    return day + dt.timedelta(days=count * PERIOD_DAYS[period])


def kpi_spec(kpi: Kpi, plan_default: Period | None = None) -> KpiSpec:
    """The KPI's name, unit, direction, possible values and period, from the plan or the
    catalogue."""
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
        period=kpi_period(kpi, plan_default),
    )


def figures(kpi: Kpi, index: int) -> list[Figure]:
    """The baseline and every snapshot, oldest first (a tie keeps the plan's order)."""
    found = []
    if kpi.baseline:
        found.append(Figure(kpi.baseline.as_of, kpi.baseline.value, kpi.baseline.source,
                            ("kpis", index, "baseline"), kpi.baseline.method))
    found += [Figure(s.date, s.value, s.source, ("kpis", index, "snapshots", i), s.method)
              for i, s in enumerate(kpi.snapshots)]
    return sorted(found, key=lambda f: f.date)


def counted_figures(kpi: Kpi, index: int, on: dt.date | None = None) -> list[Figure]:
    """The figures a judgement counts: none after ``on``, none before the baseline."""
    start = kpi.baseline.as_of if kpi.baseline else dt.date.min
    return [p for p in figures(kpi, index)
            if start <= p.date and (on is None or p.date <= on)]


def method_changes(points: list[Figure]) -> list[Figure]:
    """The figures obtained another way than the figure before them (both methods known):
    a move across one may be the method's, not the business's."""
    return [b for a, b in pairwise(points)
            if a.method and b.method and a.method is not b.method]


def improvement(spec: KpiSpec, change: float) -> float:
    """A change in the KPI's value as progress: positive is better, whichever the direction."""
    return change if spec.direction is Direction.HIGHER else -change


def walked_in_time(last_walked: dt.date, on: dt.date, months: int) -> bool:
    """Whether a journey last re-walked on ``last_walked`` is still within the review
    cadence of ``months`` on the day ``on``: the one rule that ``assess`` (journeys
    re-walked), the documents and ``review`` (CRM844) judge a journey map's age by."""
    return on <= add_months(last_walked, months)


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
             deadline: dt.date | None = None, plan_default: Period | None = None) -> Progress:
    """Where the KPI at ``kpis[index]`` stands on the day ``on`` and where it is heading.

    Figures measured after ``on``, or before the baseline, are left out, and the
    time left runs from that day (or from the latest figure, if later), so a
    deadline passed before it without the target reached is off track. Without
    ``on``, the KPI is judged on the day of its latest figure. ``target`` and
    ``deadline`` replace the KPI's own (a goal may set its own);
    ``plan_default`` is the plan's period for KPIs that name none
    (:func:`plan_period`).
    """
    spec = kpi_spec(kpi, plan_default)
    points = counted_figures(kpi, index, on)
    baseline = next((p for p in points if p.path[-1] == "baseline"), None)
    current = points[-1] if points else None
    if target is None:
        target = kpi.target.value if kpi.target else None
    if deadline is None:
        deadline = kpi.target.by if kpi.target else None
    changed = method_changes(points)
    if current is None or target is None or deadline is None:
        found = _without_target(spec, baseline, current, target, deadline)
    else:
        found = _against_target(spec, baseline, current, target, deadline, points, on)
    return replace(found, method_change=changed[-1]) if changed else found


def _without_target(spec: KpiSpec, baseline: Figure | None, current: Figure | None,
                    target: float | None, deadline: dt.date | None) -> Progress:
    if current is None:
        status = TrackStatus.NO_DATA
    elif baseline is None:
        status = TrackStatus.NO_BASELINE
    else:
        status = TrackStatus.BASELINE_ONLY if current is baseline else TrackStatus.NO_TARGET
    return Progress(spec, baseline, current, target, deadline, gap=None, relative_gap_pct=None,
                    progress_pct=None, needed_pace=None, pace=None,
                    projected=None, reached=False, status=status)


def _against_target(spec: KpiSpec, baseline: Figure | None, current: Figure, target: float,
                    deadline: dt.date, points: list[Figure], on: dt.date | None) -> Progress:
    gap = target - current.value
    reached = improvement(spec, gap) <= 0
    to_deadline = months_between(current.date, deadline)
    months_left = to_deadline if on is None else months_between(max(on, current.date),
                                                                 deadline)
    judged_from = period_after(baseline.date, spec.period) if baseline else None
    pace = pace_per_month(points) if judged_from and current.date >= judged_from else None
    needed = gap / months_left if months_left > 0 and not reached else None
    projected = _within(spec, current.value + pace * to_deadline) if (
        pace is not None and to_deadline > 0) else None
    status = _known(spec, baseline, current, target) or track_status(
        spec, reached, months_left, needed, pace)
    return Progress(
        spec, baseline, current, target, deadline, gap=gap,
        relative_gap_pct=100 * gap / abs(current.value) if current.value else None,
        progress_pct=None if status is TrackStatus.TARGET_NOT_AN_IMPROVEMENT else
        _achieved_pct(baseline, current, target),  # no share of a move the wrong way
        needed_pace=needed, pace=pace, projected=projected,
        reached=reached and status in JUDGED, status=status,
        next_due=judged_from if status is TrackStatus.TOO_EARLY else None,
    )


def _known(spec: KpiSpec, baseline: Figure | None, current: Figure, target: float
           ) -> TrackStatus | None:
    """What stops the KPI from being judged, if anything."""
    if baseline is None:
        return TrackStatus.NO_BASELINE
    if improvement(spec, target - baseline.value) <= 0:
        return TrackStatus.TARGET_NOT_AN_IMPROVEMENT
    if current is baseline:
        return TrackStatus.BASELINE_ONLY
    return None


def status_words(p: Progress) -> str:
    """The status as every report and document writes it: ``on track (target reached)``,
    ``too early to judge (next figure due 2026-12-30)``, ``baseline only``; ``, judged
    across a change of method on 2026-03-31`` when the figures' method changed."""
    name = _(STATUS_NAMES[p.status])
    if p.reached:
        name = _("{status} (target reached)").format(status=name)
    elif p.next_due is not None:
        name = _("{status} (next figure due {date})").format(status=name,
                                                            date=p.next_due.isoformat())
    if p.method_change is not None:
        name = _("{status}, judged across a change of method on {date}").format(
            status=name, date=p.method_change.date.isoformat())
    return name


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
    """On track when the pace so far keeps up with the pace needed (see the ratios above);
    too early to judge while the figures span less than one of the KPI's periods."""
    if reached:
        return TrackStatus.ON_TRACK
    if months_left <= 0:
        return TrackStatus.OFF_TRACK  # the deadline passed before the target was reached
    if pace is None or needed is None:
        return TrackStatus.TOO_EARLY
    ratio = round(improvement(spec, pace) / improvement(spec, needed), RATIO_DIGITS)
    if ratio >= ON_TRACK_RATIO:
        return TrackStatus.ON_TRACK
    return TrackStatus.AT_RISK if ratio >= AT_RISK_RATIO else TrackStatus.OFF_TRACK
