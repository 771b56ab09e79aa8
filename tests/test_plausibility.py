"""Values that fit the types but cannot be right (crmplan.plausibility): validate warns."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from crmplan.cli import app
from crmplan.errors import PlanError
from crmplan.plan.load import load_bytes
from crmplan.plausibility import plausibility_warnings

pytestmark = pytest.mark.usefixtures("english")

HEAD = "schema_version: 1\nclient: {name: Acme, language: en}\n"
NO_SHOWS = HEAD + """\
kpis:
  - id: no_show_rate
    unit: percent
    direction: lower
    baseline: {value: 12.4, as_of: 2026-01-15, source: EMR}
    target: {value: 9, by: 2026-12-31}
    snapshots:
      - {date: 2025-01-01, value: 12.5}
      - {date: 2026-03-01, value: 11.1}
"""


def warnings(text: str) -> list[tuple[int, str, str, str]]:
    loaded = load_bytes(text.encode(), "plan.yaml")
    return [(i.line, i.code, i.message, i.hint) for i in plausibility_warnings(loaded)]


def test_a_snapshot_before_its_baseline_is_a_located_warning() -> None:
    """A year typo (2025 for 2026) no longer passes silently."""
    [(line, code, message, hint)] = warnings(NO_SHOWS)
    assert (line, code) == (10, "CRM330")
    assert message == ("KPI 'no_show_rate': the figure of 2025-01-01 is dated before the "
                       "baseline (2026-01-15), so no report counts it")
    assert "check the year" in hint


@pytest.mark.parametrize("target", ["15", "12.4"])
def test_a_target_no_better_than_its_baseline_is_a_warning(target: str) -> None:
    text = NO_SHOWS.replace("value: 9, by", f"value: {target}, by").replace(
        "2025-01-01, value: 12.5", "2026-02-01, value: 12.5")
    [(line, code, message, _hint)] = warnings(text)
    assert (line, code) == (8, "CRM331")
    assert message == (f"KPI 'no_show_rate': the target {target}% is no better than the "
                       "baseline 12.4% (lower is better)")


def test_a_target_dated_before_its_baseline_is_an_error() -> None:
    text = NO_SHOWS.replace("by: 2026-12-31", "by: 2025-12-31")
    with pytest.raises(PlanError) as caught:
        load_bytes(text.encode(), "plan.yaml")
    [issue] = caught.value.issues
    assert (issue.line, issue.code, issue.path) == (8, "CRM307", "kpis[no_show_rate].target.by")
    assert issue.message == ("KPI 'no_show_rate': the target's date 2025-12-31 is not after "
                             "the baseline's 2026-01-15")


SEGMENTS = HEAD + """\
segments:
  - {id: vip, name: VIP, definition: Top, contactable_pct: 90, consented_pct: 0.71,
     revenue_share_pct: 35}
  - {id: new, name: New, definition: First order, contactable_pct: 60}
"""


def test_a_share_written_as_a_fraction_gets_the_likely_value() -> None:
    [(line, code, message, hint)] = warnings(SEGMENTS)
    assert (line, code) == (4, "CRM332")
    assert message == ("0.71 reads as 0.71%, but the other shares here are written as "
                       "percentages (0-100)")
    assert hint == "write 71 if you mean 71 percent"


def test_a_kpi_figure_written_as_a_fraction_is_told_too() -> None:
    text = NO_SHOWS.replace("2025-01-01, value: 12.5", "2026-02-01, value: 0.12")
    [(line, code, _message, hint)] = warnings(text)
    assert (line, code, hint) == (10, "CRM332", "write 12 if you mean 12 percent")


def test_small_shares_in_a_plan_of_small_shares_are_not_fractions() -> None:
    """A monthly churn of 0.8% is a percentage: nothing says the plan writes fractions."""
    text = NO_SHOWS.replace("12.4", "0.9").replace("12.5", "0.95").replace("11.1", "0.8") \
        .replace("value: 9,", "value: 0.5,")
    assert [w for w in warnings(text) if w[1] == "CRM332"] == []


def test_validate_reports_them_and_passes_without_strict(runner: CliRunner,
                                                         tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(NO_SHOWS, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(plan)])
    assert result.exit_code == 0 and "[CRM330]" in result.output
    assert runner.invoke(app, ["validate", str(plan), "--strict"]).exit_code == 1


# -- a property: nothing validate calls valid is judged on nonsense -------------------------
#
# Plans are drawn with every bounded value mostly within its bounds and sometimes just
# around them, and every date near the others (a figure a year before its baseline, a
# target dated on its baseline's day), so that most plans validate and reach the reports.

# a KPI of each kind: catalogue or custom, either direction, percent, score and count
KINDS: dict[str, tuple[dict[str, str], float, float]] = {
    "churn_rate": ({}, 0, 100),
    "retention_rate": ({}, 0, 100),
    "nps": ({}, -100, 100),
    "no_show_rate": ({"unit": "percent", "direction": "lower"}, 0, 100),
    "visits": ({"unit": "count", "direction": "higher"}, 0, 5000),
}
DAYS = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31))
PERIODS = st.sampled_from([None, "day", "week", "month", "quarter", "half_year", "year"])


def often(within: st.SearchStrategy[Any], around: st.SearchStrategy[Any], odds: int = 8
          ) -> st.SearchStrategy[Any]:
    """``within`` mostly, ``around`` (the bounds' edges and past them) once in ``odds``: a
    plan holds many values, and one out of bounds is enough to stop it at validate."""
    return st.sampled_from(range(odds)).flatmap(lambda n: around if n == odds - 1 else within)


def values(low: float, high: float) -> st.SearchStrategy[float]:
    return often(st.floats(low, high, allow_nan=False).map(lambda v: round(v, 1)),
                 st.sampled_from([low - 1, low - 0.1, low, 0.71, high, high + 0.1, high + 40]))


def after(day: dt.date, within: st.SearchStrategy[int], around: st.SearchStrategy[int]
          ) -> st.SearchStrategy[dt.date]:
    return often(within, around).map(lambda n: day + dt.timedelta(days=n))


@st.composite
def kpis(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    fields, low, high = KINDS[kind]
    as_of = draw(DAYS)
    typo = st.sampled_from([-365, -366, -730, -1, 0])  # a year mistyped, the day before
    snapshots = draw(st.lists(st.fixed_dictionaries({
        "date": after(as_of, st.integers(1, 800), st.integers(-800, -1) | typo),
        "value": values(low, high)}), max_size=4, unique_by=lambda f: f["date"]))
    first, second = draw(values(low, high)), draw(values(low, high))
    if draw(often(st.just(True), st.just(False), 4)):  # most targets improve on the baseline
        first, second = sorted((first, second), reverse=fields.get(
            "direction", "lower" if kind == "churn_rate" else "higher") == "lower")
    kpi = {"id": kind, **fields,
           "baseline": {"value": first, "as_of": as_of, "source": "CRM"},
           "target": {"value": second,
                      "by": draw(after(as_of, st.integers(1, 900), st.integers(-400, 0)))},
           "snapshots": snapshots}
    period = draw(PERIODS)
    return {**kpi, "definition": {"period": period}} if period else kpi


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    chosen = draw(st.lists(st.sampled_from(sorted(KINDS)), min_size=1, max_size=3,
                           unique=True))
    drawn = [draw(kpis(kind)) for kind in chosen]
    start = draw(DAYS)
    goals = [{"id": f"g_{k['id']}", "statement": "Move it", "kpi": k["id"],
              "target": draw(values(*KINDS[k["id"]][1:])),
              "by": draw(after(start, st.integers(60, 900), st.integers(-700, 0)))}
             for k in drawn if draw(st.booleans())]
    return {
        "schema_version": 1,
        "client": {"name": "Acme", "language": "en"},
        "engagement": {"start": start},
        "goals": {"smart": goals},
        "kpis": drawn,
        "sops": [{"id": "entry", "title": "Data entry",
                  "last_reviewed": draw(after(start, st.integers(-400, 400), st.just(0))),
                  "review_every_months": draw(often(st.integers(1, 60),
                                                    st.sampled_from([-6, -1, 0, 61])))}],
        "reviews": {"cadence_months": draw(often(st.integers(1, 12),
                                                 st.sampled_from([-6, -1, 0, 13, 24]))),
                    "log": [{"date": d, "reviewers": ["Kim"]} for d in draw(st.lists(
                        after(start, st.integers(30, 700), st.integers(-700, 0)),
                        max_size=1))]},
    }


def _text(data: dict[str, Any]) -> str:
    from crmplan.plan.emit import emit_block

    return "\n".join(emit_block(data, 0)) + "\n"


def _judged_on_nonsense(loaded: Any, day: dt.date | None, codes: set[str]) -> None:
    """What a report would show on ``day``, against what validate told."""
    from crmplan.analysis import PlanAnalysis
    from crmplan.kpi.progress import (
        JUDGED,
        counted_figures,
        improvement,
        pace_per_month,
        period_after,
    )
    from crmplan.review.report import kpi_row, schedule_text

    analysis = PlanAnalysis(loaded, day)
    review = analysis.review
    assert 1 <= review.schedule.cadence_months <= 12  # never every -6 months
    assert not re.search(r"(?<![\w-])-\d", schedule_text(review))  # nor -183 days
    assert all(1 <= sop.review_every_months <= 60 for sop in loaded.plan.sops)
    for index, (kpi, p) in enumerate(zip(loaded.plan.kpis, analysis.kpis, strict=True)):
        assert kpi.baseline is not None and kpi.target is not None
        used = counted_figures(kpi, index, analysis.on)
        assert all(f.date >= kpi.baseline.as_of for f in used)  # nothing before the baseline
        assert p.current is None or p.current.date >= kpi.baseline.as_of
        if p.pace is not None:  # a pace only from the baseline on, over one period at least
            assert p.pace == pace_per_month(used)
            assert used[-1].date >= period_after(kpi.baseline.as_of, p.spec.period)
        if p.status in JUDGED:  # judged only toward a target better than the baseline
            assert improvement(p.spec, kpi.target.value - kpi.baseline.value) > 0
            assert kpi.target.by > kpi.baseline.as_of
        if any(s.date < kpi.baseline.as_of for s in kpi.snapshots):
            assert "CRM330" in codes  # a figure before its baseline is told
        if improvement(p.spec, kpi.target.value - kpi.baseline.value) <= 0:
            assert "CRM331" in codes  # a target behind its baseline is told
    for kpi, row in zip(loaded.plan.kpis, review.kpis, strict=True):
        assert kpi.baseline is not None  # the review compares from the baseline on too
        assert row.then is None or row.then.date >= kpi.baseline.as_of, kpi_row(review, row)
    for goal in review.goals:
        g = goal.progress
        if g is not None and g.status in JUDGED and g.baseline is not None:
            if improvement(g.spec, (g.target or 0) - g.baseline.value) <= 0:
                assert "CRM706" in codes  # a goal's target behind the baseline is told
            if g.deadline is not None and g.deadline <= g.baseline.date:
                assert "CRM711" in codes  # so is a deadline before the baseline


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), DAYS)
def test_validate_never_calls_valid_a_plan_a_report_judges_on_nonsense(
        tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any], day: dt.date) -> None:
    """Whatever validate lets pass without an error is never judged, on the plan's own day
    or any other, with a cadence below one month, a figure (a pace, a latest value) from
    before the baseline, or a course toward a target behind the baseline or dated before
    it; and where such figures are in the plan, validate warns about them."""
    from crmplan.plan.load import load_plan
    from crmplan.validation import validate_file

    plan = tmp_path_factory.mktemp("plan") / "plan.yaml"
    plan.write_text(_text(data), encoding="utf-8")
    result = validate_file(plan)
    if result.errors:
        return
    codes = {i.code for i in result.issues}
    loaded = load_plan(plan)
    for on in (None, day):
        _judged_on_nonsense(loaded, on, codes)
