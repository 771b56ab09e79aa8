"""KPI arithmetic: gaps, pace and status, whichever way the KPI improves."""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmplan.i18n import _
from crmplan.kpi.progress import (
    AT_RISK_RATIO,
    DIRECTION_NAMES,
    JUDGED,
    ON_TRACK_RATIO,
    PERIOD_DAYS,
    KpiSpec,
    Progress,
    TrackStatus,
    add_months,
    counted_figures,
    figures,
    improvement,
    kpi_period,
    kpi_spec,
    method_changes,
    months_between,
    pace_per_month,
    period_after,
    plan_day,
    plan_period,
    progress,
    status_words,
    track_status,
    walked_in_time,
)
from crmplan.model.kpis import Direction, FigureMethod, Kpi, Period, Unit
from crmplan.model.plan import Plan
from crmplan.plan.load import load_bytes

D = dt.date


def kpi(kpi_id: str = "retention_rate", baseline: tuple[str, float] | None = ("2025-01-01", 50),
        target: tuple[float, str] | None = (60, "2026-01-01"),
        snapshots: list[tuple[str, float]] | None = None, **extra: Any) -> Kpi:
    data: dict[str, Any] = {"id": kpi_id, **extra}
    if baseline:
        data["baseline"] = {"as_of": D.fromisoformat(baseline[0]), "value": float(baseline[1]),
                            "source": "CRM"}
    if target:
        data["target"] = {"value": float(target[0]), "by": D.fromisoformat(target[1])}
    data["snapshots"] = [{"date": D.fromisoformat(day), "value": float(value)}
                         for day, value in snapshots or []]
    return Kpi.model_validate(data)


def test_the_catalogue_fills_in_unit_direction_and_bounds() -> None:
    spec = kpi_spec(kpi("churn_rate"))
    assert (spec.unit, spec.direction, spec.minimum, spec.maximum) == (
        Unit.PERCENT, Direction.LOWER, 0, 100)
    assert spec.name == "Churn rate"


def test_a_catalogue_kpi_under_another_id_and_a_custom_kpi() -> None:
    aliased = kpi_spec(kpi("vip_nps", catalogue="nps"))
    assert (aliased.catalogue, aliased.minimum, aliased.maximum) == ("nps", -100, 100)
    custom = kpi_spec(kpi("returns", unit="percent", direction="lower", name="Return rate"))
    assert (custom.catalogue, custom.direction, custom.name) == (None, Direction.LOWER,
                                                                 "Return rate")


def test_declared_bounds_win_over_the_catalogue() -> None:
    spec = kpi_spec(kpi("csat", bounds={"min": 1.0, "max": 5.0}))
    assert (spec.minimum, spec.maximum) == (1, 5)


def test_gap_and_progress_for_a_kpi_that_improves_upwards() -> None:
    result = progress(kpi(snapshots=[("2025-07-02", 55)]), 0)
    assert result.current is not None and result.current.value == 55
    assert result.gap == 5
    assert result.relative_gap_pct == pytest.approx(100 * 5 / 55)
    assert result.progress_pct == pytest.approx(50)
    assert not result.reached


def test_gap_and_progress_for_a_kpi_that_improves_downwards() -> None:
    result = progress(kpi("churn_rate", baseline=("2025-01-01", 20), target=(10, "2026-01-01"),
                          snapshots=[("2025-07-02", 16)]), 0)
    assert result.gap == -6
    assert result.progress_pct == pytest.approx(40)
    assert improvement(result.spec, result.gap) == 6  # six points still to cut


def test_reaching_the_target_from_either_side() -> None:
    upward = progress(kpi(snapshots=[("2025-06-01", 61)]), 0)
    downward = progress(kpi("churn_rate", baseline=("2025-01-01", 20), target=(10, "2026-01-01"),
                            snapshots=[("2025-06-01", 9)]), 0)
    for result in (upward, downward):
        assert result.reached and result.status is TrackStatus.ON_TRACK
        assert result.needed_pace is None


def test_a_zero_baseline_has_no_relative_gap_but_a_gap() -> None:
    result = progress(kpi("new_customers_per_week", baseline=("2025-01-01", 0),
                          target=(40, "2026-01-01")), 0)
    assert result.gap == 40
    assert result.relative_gap_pct is None
    assert result.progress_pct == 0


def test_a_negative_baseline_is_measured_from_its_size() -> None:
    result = progress(kpi("nps", baseline=("2025-01-01", -20), target=(10, "2026-01-01")), 0)
    assert result.gap == 30
    assert result.relative_gap_pct == pytest.approx(150)


def test_a_target_equal_to_the_baseline_has_no_progress_share() -> None:
    result = progress(kpi(baseline=("2025-01-01", 60), target=(60, "2026-01-01"),
                          snapshots=[("2025-06-01", 58)]), 0)
    assert result.progress_pct is None
    assert result.gap == 2


def test_with_only_its_baseline_a_kpi_is_baseline_only() -> None:
    result = progress(kpi(), 0)
    assert result.pace is None
    assert result.needed_pace == pytest.approx(10 / months_between(D(2025, 1, 1), D(2026, 1, 1)))
    assert result.status is TrackStatus.BASELINE_ONLY
    assert progress(kpi(target=None), 0).status is TrackStatus.BASELINE_ONLY


def test_without_a_target_the_status_is_no_target() -> None:
    result = progress(kpi(target=None, snapshots=[("2025-03-01", 52), ("2025-06-01", 54)]), 0)
    assert result.status is TrackStatus.NO_TARGET
    assert result.gap is None


def test_figures_without_a_baseline_say_so_and_are_not_judged() -> None:
    result = progress(kpi(baseline=None, snapshots=[("2025-03-01", 52), ("2025-06-01", 54)]), 0)
    assert result.gap == 6 and result.progress_pct is None
    assert result.status is TrackStatus.NO_BASELINE
    assert result.pace is None and result.projected is None


@pytest.mark.parametrize("target", [45.0, 50.0])
def test_a_target_no_better_than_the_baseline_is_never_on_track(target: float) -> None:
    """Target 15 against a baseline of 12.4 on a lower-is-better KPI was "on track (target
    reached)"; a target that does not improve on the baseline is not judged at all."""
    result = progress(kpi(target=(target, "2026-01-01"), snapshots=[("2025-07-02", 55)]), 0)
    assert result.status is TrackStatus.TARGET_NOT_AN_IMPROVEMENT
    assert not result.reached
    churn = progress(kpi("churn_rate", baseline=("2025-01-01", 12.4), target=(15, "2026-01-01"),
                         snapshots=[("2025-04-01", 11.1)]), 0)
    assert churn.status is TrackStatus.TARGET_NOT_AN_IMPROVEMENT
    assert churn.progress_pct is None  # no "-50% of the planned move done" toward 15


def test_a_kpi_is_too_early_to_judge_within_one_of_its_periods() -> None:
    """A monthly KPI with a baseline on 11-30 and one figure on 12-05 was projected to 0% at
    the deadline; within one month of its baseline nothing is projected."""
    monthly = {"definition": {"period": "month"}}
    early = progress(kpi("churn_rate", baseline=("2025-11-30", 20), target=(10, "2026-06-30"),
                         snapshots=[("2025-12-05", 19)], **monthly), 0)
    assert early.status is TrackStatus.TOO_EARLY
    assert early.next_due == D(2025, 12, 30)
    assert early.pace is None and early.projected is None
    assert early.needed_pace is not None  # what is needed is known; the pace is not
    later = progress(kpi("churn_rate", baseline=("2025-11-30", 20), target=(10, "2026-06-30"),
                         snapshots=[("2025-12-05", 19), ("2025-12-31", 18)], **monthly), 0)
    assert later.status is TrackStatus.ON_TRACK and later.next_due is None


@pytest.mark.parametrize(("definition", "catalogue", "plan", "expected"), [
    ("week", "nps", Period.YEAR, Period.WEEK),  # the definition first
    (None, "nps", Period.YEAR, Period.QUARTER),  # then the catalogue
    (None, "retention_rate", Period.YEAR, Period.YEAR),  # then the plan's data.period
    (None, "retention_rate", None, Period.QUARTER),  # then a quarter
])
def test_a_kpis_period_comes_from_its_definition_the_catalogue_or_the_plan(
        definition: str | None, catalogue: str, plan: Period | None, expected: Period) -> None:
    extra = {"definition": {"period": definition}} if definition else {}
    assert kpi_period(kpi(catalogue, **extra), plan) is expected


def test_a_figure_before_the_baseline_is_left_out_of_the_judgement() -> None:
    """A snapshot dated 2025-01-01 against a 2026 baseline (a year typo) would make the pace
    nonsense; it counts for nothing (validate warns about it)."""
    typo = progress(kpi("churn_rate", baseline=("2026-01-15", 12.4), target=(10, "2026-12-31"),
                        snapshots=[("2025-01-01", 12.5)]), 0)
    assert typo.status is TrackStatus.BASELINE_ONLY
    assert typo.current is not None and typo.current.date == D(2026, 1, 15)


def test_without_any_figure_everything_is_unknown() -> None:
    result = progress(kpi(baseline=None), 0)
    assert result.current is None and result.gap is None and result.pace is None
    assert result.status is TrackStatus.NO_DATA


def test_the_current_figure_is_the_latest_by_date_not_by_position() -> None:
    result = progress(kpi(snapshots=[("2025-09-01", 58), ("2025-03-01", 52)]), 0)
    assert result.current is not None
    assert (result.current.value, result.current.path) == (58, ("kpis", 0, "snapshots", 0))


def test_the_pace_is_the_least_squares_slope_per_month() -> None:
    # 50, 52, 54 a month apart (30.44 days) is 2 a month
    month = dt.timedelta(days=30.436875)
    days = [D(2025, 1, 1), D(2025, 1, 1) + month, D(2025, 1, 1) + 2 * month]
    result = progress(kpi(snapshots=[(days[1].isoformat(), 52), (days[2].isoformat(), 54)],
                          definition={"period": "month"}), 0)
    assert result.pace == pytest.approx(2, rel=0.02)


def test_one_date_gives_no_pace() -> None:
    result = progress(kpi(snapshots=[("2025-01-01", 51)]), 0)
    assert result.pace is None


@pytest.mark.parametrize(
    ("latest", "expected"),
    [
        (55.0, TrackStatus.ON_TRACK),  # 5 in 6 months, 5 to go in 6: keeps pace
        (54.0, TrackStatus.AT_RISK),  # 4 in 6 months, 6 to go in 6: two thirds of the pace
        (53.5, TrackStatus.AT_RISK),
        (53.0, TrackStatus.OFF_TRACK),  # 3 in 6 months, 7 to go in 6: 0.43 of the pace
        (48.0, TrackStatus.OFF_TRACK),  # moving the wrong way
    ],
)
def test_the_status_compares_the_pace_so_far_with_the_pace_needed(
        latest: float, expected: TrackStatus) -> None:
    result = progress(kpi(snapshots=[("2025-07-02", latest)]), 0)
    assert result.status is expected


def test_status_words_say_what_is_known() -> None:
    early = progress(kpi(snapshots=[("2025-02-01", 51)]), 0)
    assert status_words(early) == "too early to judge (next figure due 2025-04-01)"
    assert status_words(progress(kpi(snapshots=[("2025-06-01", 61)]), 0)) == \
        "on track (target reached)"
    assert status_words(progress(kpi(), 0)) == "baseline only"
    assert status_words(progress(kpi(baseline=None, snapshots=[("2025-06-01", 1)]), 0)) == \
        "figure without baseline"


def test_the_status_of_a_downward_kpi_uses_its_direction() -> None:
    falling = progress(kpi("churn_rate", baseline=("2025-01-01", 20), target=(10, "2026-01-01"),
                           snapshots=[("2025-07-02", 15)]), 0)
    rising = progress(kpi("churn_rate", baseline=("2025-01-01", 20), target=(10, "2026-01-01"),
                          snapshots=[("2025-07-02", 22)]), 0)
    assert falling.status is TrackStatus.ON_TRACK
    assert rising.status is TrackStatus.OFF_TRACK


def test_a_deadline_passed_before_the_target_was_reached_is_off_track() -> None:
    result = progress(kpi(snapshots=[("2026-02-01", 59)]), 0)
    assert result.status is TrackStatus.OFF_TRACK
    assert result.needed_pace is None


def test_the_projection_extends_the_pace_to_the_deadline() -> None:
    result = progress(kpi(snapshots=[("2025-07-02", 55)]), 0)
    assert result.projected == pytest.approx(60, abs=0.1)


_values = st.floats(min_value=-1000, max_value=1000, allow_nan=False)


@given(base=_values, latest=_values, target=_values, lower=st.booleans())
def test_flipping_the_direction_and_the_signs_gives_the_same_status(
        base: float, latest: float, target: float, lower: bool) -> None:
    """A KPI that improves downwards is the mirror image of one that improves upwards."""
    def status(sign: float, direction: str) -> TrackStatus:
        return progress(kpi("custom", baseline=("2025-01-01", sign * base),
                            target=(sign * target, "2026-01-01"),
                            snapshots=[("2025-06-01", sign * latest)], unit="score",
                            direction=direction), 0).status

    assert status(1, "higher") is status(-1, "lower")


@given(st.lists(st.tuples(st.integers(0, 700), _values), min_size=2, max_size=8))
def test_the_pace_does_not_depend_on_the_order_the_figures_are_written_in(
        points: list[tuple[int, float]]) -> None:
    start = D(2025, 1, 1)
    snapshots = [((start + dt.timedelta(days=day)).isoformat(), value) for day, value in points]
    forward = pace_per_month(figures(kpi(baseline=None, snapshots=snapshots), 0))
    backward = pace_per_month(figures(kpi(baseline=None, snapshots=snapshots[::-1]), 0))
    if forward is None:
        assert backward is None
    else:
        assert backward == pytest.approx(forward, abs=1e-6)


def test_pace_per_month_needs_two_dates() -> None:
    assert pace_per_month([]) is None


def test_a_projection_stays_within_the_values_the_kpi_can_take() -> None:
    result = progress(kpi("avg_response_time", baseline=("2025-01-01", 10),
                          target=(5, "2026-01-01"), snapshots=[("2025-02-01", 4)]), 0)
    assert result.projected == 0  # the trend would give about -61 hours


def test_judged_on_a_later_day_the_time_left_runs_from_that_day() -> None:
    plan_kpi = kpi(snapshots=[("2025-07-02", 55)])
    later = progress(plan_kpi, 0, on=D(2025, 10, 1))
    assert later.needed_pace == pytest.approx(5 / months_between(D(2025, 10, 1), D(2026, 1, 1)))
    assert progress(plan_kpi, 0, on=D(2026, 2, 1)).status is TrackStatus.OFF_TRACK


# -- the status on and around each threshold, whichever way the KPI improves ----------------

UP = kpi_spec(kpi())
DOWN = kpi_spec(kpi("churn_rate"))
EPSILON = 1e-6


def _status(spec: KpiSpec, ratio: float, needed: float = 2.0,
            months_left: float = 6.0) -> TrackStatus:
    """The status of a KPI that moves at ``ratio`` times the pace it needs (signs follow the
    KPI's direction)."""
    sign = 1 if spec.direction is Direction.HIGHER else -1
    return track_status(spec, False, months_left, sign * needed, sign * ratio * needed)


@pytest.mark.parametrize("spec", [UP, DOWN], ids=["higher", "lower"])
@pytest.mark.parametrize(("ratio", "expected"), [
    (1.5, TrackStatus.ON_TRACK),
    (ON_TRACK_RATIO + EPSILON, TrackStatus.ON_TRACK),
    (ON_TRACK_RATIO, TrackStatus.ON_TRACK),  # keeping up exactly is on track
    (ON_TRACK_RATIO - EPSILON, TrackStatus.AT_RISK),
    (AT_RISK_RATIO + EPSILON, TrackStatus.AT_RISK),
    (AT_RISK_RATIO, TrackStatus.AT_RISK),  # half the pace needed is still at risk
    (AT_RISK_RATIO - EPSILON, TrackStatus.OFF_TRACK),
    (0.0, TrackStatus.OFF_TRACK),  # standing still
    (-1.0, TrackStatus.OFF_TRACK),  # moving away from the target
])
def test_the_status_on_each_side_of_each_threshold(spec: KpiSpec, ratio: float,
                                                   expected: TrackStatus) -> None:
    assert _status(spec, ratio) is expected


def test_the_thresholds_are_the_whole_pace_and_half_of_it() -> None:
    """The ratios every report explains to a client: on track keeps the pace needed, at
    risk keeps at least half of it."""
    assert (ON_TRACK_RATIO, AT_RISK_RATIO) == (1.0, 0.5)


@pytest.mark.parametrize("spec", [UP, DOWN], ids=["higher", "lower"])
@pytest.mark.parametrize(("months_left", "expected"), [
    (-1.0, TrackStatus.OFF_TRACK),  # the deadline has passed
    (0.0, TrackStatus.OFF_TRACK),  # the deadline is today
    (EPSILON, TrackStatus.ON_TRACK),  # a day left is time left
    (0.5, TrackStatus.ON_TRACK),
    (1.0, TrackStatus.ON_TRACK),
])
def test_a_deadline_is_off_track_only_once_it_has_come(spec: KpiSpec, months_left: float,
                                                       expected: TrackStatus) -> None:
    assert _status(spec, 1.2, months_left=months_left) is expected


@pytest.mark.parametrize("spec", [UP, DOWN], ids=["higher", "lower"])
def test_a_reached_target_is_on_track_even_after_its_deadline(spec: KpiSpec) -> None:
    assert track_status(spec, True, -3.0, None, None) is TrackStatus.ON_TRACK


@pytest.mark.parametrize(("pace", "needed"), [(None, 1.0), (1.0, None), (None, None)])
def test_without_a_pace_or_a_need_a_kpi_with_time_left_is_too_early(
        pace: float | None, needed: float | None) -> None:
    assert track_status(UP, False, 3.0, needed, pace) is TrackStatus.TOO_EARLY


# Baseline 2025-01-01, a figure on 2025-07-02 and the deadline on 2025-12-31: the figure
# sits 182 days after the baseline and 182 days before the deadline, so the pace so far
# and the pace needed span the same time and their ratio is the ratio of the two moves.
HALVES = {"baseline_day": "2025-01-01", "figure_day": "2025-07-02", "deadline": "2025-12-31"}


def _halves(kpi_id: str, base: float, latest: float, target: float) -> Progress:
    return progress(kpi(kpi_id, baseline=(HALVES["baseline_day"], base),
                        target=(target, HALVES["deadline"]),
                        snapshots=[(HALVES["figure_day"], latest)]), 0)


@pytest.mark.parametrize(("kpi_id", "base", "latest", "target", "words"), [
    ("retention_rate", 50, 55, 60, "on track"),  # 5 done, 5 to go: exactly the pace
    ("retention_rate", 50, 54, 58, "on track"),
    ("retention_rate", 50, 54, 58.01, "at risk"),  # a hair short of the pace
    ("retention_rate", 50, 54, 62, "at risk"),  # 4 done, 8 to go: exactly half the pace
    ("retention_rate", 50, 54, 62.01, "off track"),
    ("churn_rate", 20, 15, 10, "on track"),
    ("churn_rate", 20, 16, 12, "on track"),
    ("churn_rate", 20, 16, 11.99, "at risk"),
    ("churn_rate", 20, 16, 8, "at risk"),
    ("churn_rate", 20, 16, 7.99, "off track"),
])
def test_a_kpi_exactly_on_a_threshold_reads_as_the_threshold_says(
        kpi_id: str, base: float, latest: float, target: float, words: str) -> None:
    """Keeping exactly the pace needed was "at risk": the least-squares pace came out a
    rounding error short of the pace needed."""
    assert status_words(_halves(kpi_id, base, latest, target)) == words


def test_a_deadline_on_the_day_of_the_latest_figure_is_off_track_without_a_projection() -> None:
    result = progress(kpi(snapshots=[("2025-07-02", 58)], target=(60, "2025-07-02")), 0)
    assert status_words(result) == "off track"
    assert (result.needed_pace, result.projected, result.reached) == (None, None, False)
    assert result.gap == 2


def test_a_deadline_days_after_the_latest_figure_is_judged_by_the_pace() -> None:
    """Ten days before the deadline a KPI far ahead of the pace needed is on track."""
    result = progress(kpi(snapshots=[("2025-07-02", 59.9)], target=(60, "2025-07-12")), 0)
    assert status_words(result) == "on track"
    assert result.projected == pytest.approx(59.9 + 9.9 / 182 * 10)  # the pace for ten days


def test_a_deadline_on_the_day_of_the_latest_figure_with_the_target_reached() -> None:
    result = progress(kpi(snapshots=[("2025-07-02", 60)], target=(60, "2025-07-02")), 0)
    assert status_words(result) == "on track (target reached)"
    assert result.gap == 0 and result.progress_pct == 100


@pytest.mark.parametrize(("figure_day", "judged"), [
    ("2025-03-31", False),  # a day short of a quarter after the baseline
    ("2025-04-01", True),  # exactly a quarter: the pace is known
])
def test_a_pace_needs_exactly_one_period_from_the_baseline(figure_day: str,
                                                           judged: bool) -> None:
    result = progress(kpi(snapshots=[(figure_day, 53)]), 0)
    assert (result.pace is not None) is judged
    assert (result.status is TrackStatus.TOO_EARLY) is not judged
    assert result.next_due == (None if judged else D(2025, 4, 1))


# -- the period arithmetic: month ends, leap days, year boundaries --------------------------


@pytest.mark.parametrize(("day", "months", "expected"), [
    ("2025-01-15", 1, "2025-02-15"),
    ("2024-01-31", 1, "2024-02-29"),  # a leap February
    ("2025-01-31", 1, "2025-02-28"),
    ("2100-01-31", 1, "2100-02-28"),  # a century is no leap year
    ("2000-01-31", 1, "2000-02-29"),  # unless it divides by 400
    ("2024-02-29", 12, "2025-02-28"),
    ("2024-02-29", 48, "2028-02-29"),
    ("2025-11-30", 3, "2026-02-28"),  # across the new year, to a short month
    ("2025-12-31", 1, "2026-01-31"),
    ("2025-12-15", 12, "2026-12-15"),
    ("2025-12-15", 13, "2027-01-15"),
    ("2025-05-31", 0, "2025-05-31"),
    ("2026-01-15", -1, "2025-12-15"),  # backwards across the new year
    ("2024-03-31", -1, "2024-02-29"),
    ("2025-03-31", -13, "2024-02-29"),
    ("2025-01-01", -12, "2024-01-01"),
])
def test_add_months_keeps_the_day_or_takes_the_months_last(day: str, months: int,
                                                           expected: str) -> None:
    assert add_months(D.fromisoformat(day), months) == D.fromisoformat(expected)


_days = st.dates(D(1901, 1, 1), D(9000, 12, 31))


@settings(max_examples=60, deadline=None)
@given(day=_days, months=st.integers(-120, 120))
def test_add_months_moves_by_whole_calendar_months(day: dt.date, months: int) -> None:
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day == min(day.day, calendar.monthrange(moved.year, moved.month)[1])
    if day.day <= 28:  # every month has the day: there and back again
        assert add_months(moved, -months) == day


@pytest.mark.parametrize(("period", "expected"), [
    (Period.DAY, "2024-03-01"), (Period.WEEK, "2024-03-07"), (Period.MONTH, "2024-03-29"),
    (Period.QUARTER, "2024-05-29"), (Period.HALF_YEAR, "2024-08-29"),
    (Period.YEAR, "2025-02-28"),
])
def test_one_period_after_a_leap_day(period: Period, expected: str) -> None:
    assert period_after(D(2024, 2, 29), period) == D.fromisoformat(expected)


@pytest.mark.parametrize(("period", "count", "expected"), [
    (Period.DAY, -1, "2025-12-31"), (Period.WEEK, -2, "2025-12-18"),
    (Period.MONTH, -2, "2025-11-01"), (Period.QUARTER, -1, "2025-10-01"),
    (Period.HALF_YEAR, 2, "2027-01-01"), (Period.YEAR, -1, "2025-01-01"),
])
def test_periods_before_and_after_across_the_new_year(period: Period, count: int,
                                                      expected: str) -> None:
    assert period_after(D(2026, 1, 1), period, count) == D.fromisoformat(expected)


def test_months_between_counts_average_calendar_months() -> None:
    assert months_between(D(2025, 1, 1), D(2026, 1, 1)) == pytest.approx(365 / (365.2425 / 12))
    assert months_between(D(2026, 1, 1), D(2025, 1, 1)) == pytest.approx(-365 / 30.436875)
    assert months_between(D(2025, 1, 1), D(2025, 1, 1)) == 0


# -- what a KPI is, which figures count ------------------------------------------------------


def test_a_custom_kpi_without_unit_or_direction_improves_upwards_under_its_id() -> None:
    spec = kpi_spec(kpi("visits"), Period.MONTH)
    assert (spec.id, spec.name, spec.unit, spec.direction, spec.catalogue, spec.period) == (
        "visits", "visits", None, Direction.HIGHER, None, Period.MONTH)
    assert (spec.minimum, spec.maximum) == (None, None)


def test_a_custom_percentage_can_only_be_0_to_100() -> None:
    spec = kpi_spec(kpi("returns", unit="percent", direction="lower"))
    assert (spec.unit, spec.minimum, spec.maximum) == (Unit.PERCENT, 0, 100)


def test_a_kpi_under_another_id_takes_its_catalogue_entrys_period() -> None:
    assert kpi_period(kpi("vip_nps", catalogue="nps"), Period.YEAR) is Period.QUARTER
    assert kpi_spec(kpi("vip_nps", catalogue="nps"), Period.YEAR).period is Period.QUARTER


def test_the_plans_period_judges_a_kpi_that_names_none() -> None:
    """A retention rate judged by year: a figure a quarter after its baseline is too early."""
    plan_kpi = kpi(snapshots=[("2025-04-01", 53)])
    assert progress(plan_kpi, 0).status is TrackStatus.ON_TRACK  # by quarter: judged
    yearly = progress(plan_kpi, 0, plan_default=Period.YEAR)
    assert (yearly.spec.period, yearly.status, yearly.next_due) == (
        Period.YEAR, TrackStatus.TOO_EARLY, D(2026, 1, 1))


def _with_methods(*points: tuple[str, float, str | None]) -> Kpi:
    """A KPI whose baseline is the first point and snapshots the others, each with its
    method."""
    def figure(day: str, value: float, method: str | None) -> dict[str, Any]:
        return {"date": D.fromisoformat(day), "value": value, "method": method}
    first, *rest = points
    return Kpi.model_validate({
        "id": "retention_rate", "target": {"value": 60.0, "by": D(2026, 1, 1)},
        "baseline": {"as_of": D.fromisoformat(first[0]), "value": first[1], "source": "CRM",
                     "method": first[2]},
        "snapshots": [{**figure(*p), "source": f"export {i}"} for i, p in enumerate(rest)]})


def test_figures_keep_their_source_method_and_place_in_the_plan() -> None:
    found = figures(_with_methods(("2025-01-01", 50, "reported"),
                                  ("2025-06-01", 54, "computed_standard")), 3)
    assert [(f.date, f.value, f.source, f.path, f.method) for f in found] == [
        (D(2025, 1, 1), 50, "CRM", ("kpis", 3, "baseline"), FigureMethod.REPORTED),
        (D(2025, 6, 1), 54, "export 0", ("kpis", 3, "snapshots", 0),
         FigureMethod.COMPUTED_STANDARD)]


@pytest.mark.parametrize(("first", "second", "changed"), [
    ("reported", "computed_standard", True),
    ("reported", "reported", False),
    (None, "reported", False),  # an unknown method is no known change
    ("reported", None, False),
    (None, None, False),
])
def test_a_change_of_method_needs_both_methods_known_and_different(
        first: str | None, second: str | None, changed: bool) -> None:
    plan_kpi = _with_methods(("2025-01-01", 50, first), ("2025-07-02", 55, second))
    assert bool(method_changes(figures(plan_kpi, 0))) is changed
    words = status_words(progress(plan_kpi, 0))
    assert words == ("on track, judged across a change of method on 2025-07-02" if changed
                     else "on track")


def test_the_latest_change_of_method_is_the_one_reported() -> None:
    plan_kpi = _with_methods(("2025-01-01", 50, "reported"), ("2025-04-01", 52, "estimated"),
                             ("2025-07-02", 55, "computed_plan"))
    result = progress(plan_kpi, 0)
    assert result.method_change is not None and result.method_change.date == D(2025, 7, 2)
    assert result.status is TrackStatus.ON_TRACK  # the change is said, not judged


@pytest.mark.parametrize(("on", "latest"), [
    (D(2025, 6, 30), D(2025, 6, 1)),
    (D(2025, 7, 1), D(2025, 7, 1)),  # a figure of the day judged counts
    (D(2025, 7, 2), D(2025, 7, 1)),
    (D(2025, 1, 1), D(2025, 1, 1)),  # on the baseline's day, the baseline alone
])
def test_judged_on_a_day_only_the_figures_up_to_it_count(on: dt.date, latest: dt.date) -> None:
    plan_kpi = kpi(snapshots=[("2025-06-01", 53), ("2025-07-01", 55)])
    assert [f.date for f in counted_figures(plan_kpi, 0, on)][-1] == latest
    result = progress(plan_kpi, 0, on=on)
    assert result.current is not None and result.current.date == latest


def test_a_figure_on_the_baselines_day_counts_and_one_before_it_does_not() -> None:
    plan_kpi = kpi(snapshots=[("2024-12-31", 40), ("2025-01-01", 51)])
    assert [f.value for f in counted_figures(plan_kpi, 0)] == [50, 51]


def test_without_a_baseline_every_figure_counts() -> None:
    plan_kpi = kpi(baseline=None, snapshots=[("1990-01-01", 40), ("2025-01-01", 51)])
    assert [f.value for f in counted_figures(plan_kpi, 0)] == [40, 51]


def test_a_target_or_deadline_given_for_a_goal_replaces_the_kpis() -> None:
    plan_kpi = kpi(snapshots=[("2025-07-02", 55)])
    goal = progress(plan_kpi, 0, target=70, deadline=D(2026, 7, 1))
    assert (goal.target, goal.deadline, goal.gap) == (70, D(2026, 7, 1), 15)
    assert goal.needed_pace == pytest.approx(15 / months_between(D(2025, 7, 2), D(2026, 7, 1)))


@pytest.mark.parametrize(("target", "deadline"), [(60.0, None), (None, D(2026, 1, 1))])
def test_a_target_without_a_deadline_or_the_reverse_is_no_target(
        target: float | None, deadline: dt.date | None) -> None:
    result = progress(kpi(target=None, snapshots=[("2025-07-02", 55)]), 0, target=target,
                      deadline=deadline)
    assert (result.status, result.target, result.deadline) == (TrackStatus.NO_TARGET, target,
                                                               deadline)
    assert result.spec == kpi_spec(kpi())
    assert status_words(result) == "no target"


# -- every field of a judgement, as the reports read it ---------------------------------------


def test_figures_without_a_baseline_nor_a_target_say_the_baseline_is_missing() -> None:
    result = progress(kpi(baseline=None, target=None, snapshots=[("2025-03-01", 52)]), 0)
    assert status_words(result) == "figure without baseline"
    assert result.current is not None and result.current.value == 52
    assert (result.baseline, result.reached) == (None, False)


def test_a_kpi_without_a_target_keeps_its_baseline_and_latest_figure() -> None:
    result = progress(kpi(target=None, snapshots=[("2025-03-01", 52)]), 0)
    assert result.baseline is not None and result.baseline.value == 50
    assert result.current is not None and result.current.value == 52
    assert result.reached is False and status_words(result) == "no target"


def test_a_judged_kpi_keeps_its_baseline_target_and_deadline() -> None:
    result = progress(kpi(snapshots=[("2025-07-02", 55)]), 0)
    assert result.baseline is not None and result.baseline.value == 50
    assert (result.target, result.deadline) == (60, D(2026, 1, 1))


@pytest.mark.parametrize(("kpi_id", "target", "words"), [
    ("retention_rate", 50.0, "target no better than baseline"),
    ("retention_rate", 50.5, "on track"),  # half a point better is better
    ("retention_rate", 51.0, "on track"),
    ("churn_rate", 50.0, "target no better than baseline"),
    ("churn_rate", 49.5, "off track"),  # a lower churn is better, but 55 moves away
])
def test_any_improvement_on_the_baseline_is_a_target(kpi_id: str, target: float,
                                                     words: str) -> None:
    result = progress(kpi(kpi_id, target=(target, "2026-01-01"),
                          snapshots=[("2025-07-02", 55)]), 0)
    assert status_words(result).startswith(words)


def test_no_move_yet_is_zero_percent_done_never_minus_zero() -> None:
    result = progress(kpi("churn_rate", baseline=("2025-01-01", 20), target=(10, "2026-01-01"),
                          snapshots=[("2025-07-02", 20)]), 0)
    assert result.progress_pct == 0 and math.copysign(1, result.progress_pct or 0) == 1
    assert f"{result.progress_pct:.0f}%" == "0%"


@pytest.fixture(scope="module")
def retailer() -> Plan:
    """The online retailer's plan, a real client's."""
    path = Path(__file__).parent.parent / "examples" / "online-retailer-en" / "plan.yaml"
    return load_bytes(path.read_bytes(), "plan.yaml").plan


LATER = D(2031, 1, 1)


def _later(plan: Plan, where: str) -> Plan:
    """The plan with one date of ``where`` moved to :data:`LATER`."""
    def moved(items: list[Any], field: str) -> list[Any]:
        return [items[0].model_copy(update={field: LATER}), *items[1:]]
    if where == "snapshot":
        snapshots = moved(plan.kpis[0].snapshots, "date")
        return plan.model_copy(update={"kpis": [plan.kpis[0].model_copy(
            update={"snapshots": snapshots}), *plan.kpis[1:]]})
    if where == "baseline":
        first = plan.kpis[0]
        assert first.baseline is not None
        return plan.model_copy(update={"kpis": [first.model_copy(update={
            "baseline": first.baseline.model_copy(update={"as_of": LATER})}),
            *plan.kpis[1:]]})
    if where == "review":
        assert plan.reviews is not None
        return plan.model_copy(update={"reviews": plan.reviews.model_copy(
            update={"log": moved(plan.reviews.log, "date")})})
    if where == "sop":
        return plan.model_copy(update={"sops": moved(plan.sops, "last_reviewed")})
    if where == "decision":
        return plan.model_copy(update={"decisions": moved(plan.decisions, "date")})
    with_results = next(i for i, c in enumerate(plan.campaigns) if c.results)
    campaign = plan.campaigns[with_results]
    campaigns = list(plan.campaigns)
    campaigns[with_results] = campaign.model_copy(
        update={"results": moved(campaign.results, "date")})
    return plan.model_copy(update={"campaigns": campaigns})


def test_a_plan_is_judged_on_the_latest_day_it_records(retailer: Plan) -> None:
    assert plan_day(retailer) == D(2026, 4, 14)
    assert plan_period(retailer) is Period.YEAR  # its data section's


@pytest.mark.parametrize("where", ["snapshot", "baseline", "review", "sop", "decision",
                                   "campaign"])
def test_every_dated_entry_can_be_the_plans_latest_day(retailer: Plan, where: str) -> None:
    assert plan_day(_later(retailer, where)) == LATER


def test_a_plan_without_any_date_is_judged_on_the_first_day_there_is() -> None:
    empty = Plan.model_validate({"schema_version": 1, "client": {"name": "Acme"}})
    assert plan_day(empty) == dt.date.min
    assert plan_period(empty) is None


# The least-squares slope is unchanged by shifting every x or y by a constant (the
# deviations from a mean sum to zero); xs and ys are built from the same figures.
# equivalent mutant: kpi/progress.py x_pace_per_month__mutmut_8 — x from points[1]: a shift
# equivalent mutant: kpi/progress.py x_pace_per_month__mutmut_13 — mean_y = sum * len: a shift
# equivalent mutant: kpi/progress.py x_pace_per_month__mutmut_23 — x + mean_x: a shift
# equivalent mutant: kpi/progress.py x_pace_per_month__mutmut_24 — y + mean_y: a shift
# equivalent mutant: kpi/progress.py x_pace_per_month__mutmut_27 — zip strict=None: same lengths
# equivalent mutant: kpi/progress.py x_pace_per_month__mutmut_30 — zip unstrict: same lengths
# equivalent mutant: kpi/progress.py x_pace_per_month__mutmut_31 — zip strict=False: same lengths


@settings(max_examples=50, deadline=None)
@given(days=st.integers(92, 730), base=st.integers(-500, 500), step=st.integers(1, 50),
       lower=st.booleans())
def test_exactly_the_pace_needed_is_on_track_and_half_of_it_at_risk(
        days: int, base: int, step: int, lower: bool) -> None:
    """With the latest figure halfway in time from the baseline to the deadline, a move of
    ``step`` so far and ``step`` to go is exactly the pace needed; ``2 * step`` to go is
    exactly half of it. No rounding of the least-squares pace may tip either status."""
    sign = -1 if lower else 1
    start = D(2025, 1, 1)
    middle, end = start + dt.timedelta(days=days), start + dt.timedelta(days=2 * days)

    def words(to_go: int) -> str:
        return status_words(progress(kpi(
            "custom", baseline=(start.isoformat(), sign * base),
            target=(sign * (base + step + to_go), end.isoformat()),
            snapshots=[(middle.isoformat(), sign * (base + step))], unit="score",
            direction="lower" if lower else "higher"), 0))

    assert (words(step), words(2 * step)) == ("on track", "at risk")


@pytest.mark.parametrize("period", list(Period))
def test_a_periods_days_are_the_most_it_can_last(period: Period) -> None:
    """What staleness is counted in: the longest each period lasts, over four years."""
    start = D(2024, 1, 1)
    days = (start + dt.timedelta(days=n) for n in range(4 * 366))
    assert PERIOD_DAYS[period] == max((period_after(d, period) - d).days for d in days)


def test_every_status_has_its_stable_value_and_its_words() -> None:
    assert {s.value: status_words(_with_status(s)) for s in TrackStatus} == {
        "on_track": "on track", "at_risk": "at risk", "off_track": "off track",
        "no_data": "no data", "too_early": "too early to judge",
        "baseline_only": "baseline only", "no_baseline": "figure without baseline",
        "no_target": "no target",
        "target_not_an_improvement": "target no better than baseline"}
    assert {TrackStatus.ON_TRACK, TrackStatus.AT_RISK, TrackStatus.OFF_TRACK} == JUDGED
    assert (_(DIRECTION_NAMES[Direction.HIGHER]), _(DIRECTION_NAMES[Direction.LOWER])) == (
        "higher", "lower")


def _with_status(status: TrackStatus) -> Progress:
    return replace(progress(kpi(), 0), status=status)


@pytest.mark.parametrize("spec", [UP, DOWN], ids=["higher", "lower"])
def test_a_rounding_error_is_no_shortfall_but_a_hundred_millionth_is(spec: KpiSpec) -> None:
    assert _status(spec, 1 - 1e-10) is TrackStatus.ON_TRACK  # floating-point noise
    assert _status(spec, 1 - 1e-8) is TrackStatus.AT_RISK
    assert _status(spec, 0.5 - 1e-10) is TrackStatus.AT_RISK
    assert _status(spec, 0.5 - 1e-8) is TrackStatus.OFF_TRACK


# equivalent mutant: kpi/progress.py RATIO_DIGITS__ast_2 — 8 digits also tells 1e-8 from noise


# -- a journey re-walked in time: the one rule of assess, the documents and review ------------


@pytest.mark.parametrize(
    ("on", "in_time"),
    [
        (dt.date(2026, 8, 20), True),
        (dt.date(2026, 8, 21), False),
        (dt.date(2026, 2, 20), True),
        (dt.date(2026, 2, 19), True),
    ],
)
def test_a_journey_is_in_time_up_to_the_same_day_cadence_months_later(
    on: dt.date, in_time: bool
) -> None:
    assert walked_in_time(dt.date(2026, 2, 20), on, 6) is in_time


def test_a_re_walk_on_the_last_of_a_long_month_runs_to_the_last_of_a_short_one() -> None:
    assert walked_in_time(dt.date(2025, 8, 31), dt.date(2026, 2, 28), 6)
    assert not walked_in_time(dt.date(2025, 8, 31), dt.date(2026, 3, 1), 6)
