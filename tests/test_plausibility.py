"""Values that fit the types but cannot be right (crmplan.plausibility): validate warns."""

from __future__ import annotations

from pathlib import Path

import pytest
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
