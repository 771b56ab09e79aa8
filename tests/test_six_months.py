"""Six months of a programme, commit by commit: what was decided and what was achieved.

A plan is kept in git from the engagement's start: the baseline, monthly figures (one
computed by crmplan between figures from the client's report), a measured campaign, a
review with owned actions, a second review. At month 6 the review document must give
management the period's account: each KPI since the previous review and since the start,
the campaign's lift with its uncertainty and its ROI, the actions overdue, what changed
since the start, and the change of method that a spike in the figures really is.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crmplan.cli import app

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("english"),
              pytest.mark.skipif(shutil.which("git") is None, reason="needs git")]

START = """\
schema_version: 1
client:
  name: Acme Distribution
  currency: USD
engagement:
  start: 2025-01-06
kpis:
  - id: repeat_purchase_rate
    baseline: {value: 28, as_of: 2025-01-06, source: ERP report, method: reported}
    target: {value: 35, by: 2025-12-31}
goals:
  smart:
    - {id: g_repeat, statement: Raise the repeat purchase rate to 35% in 2025,
       kpi: repeat_purchase_rate}
segments:
  - id: dormant
    name: Dormant distributors
    definition: No order in the last 90 days
    offers:
      - {id: restock, product: Restocking bundle, payment_terms: Net 60}
campaigns:
  - id: restock_test
    name: Restocking test
    segment: dormant
    offer: restock
    hypothesis: A restocking bundle brings dormant distributors back to ordering.
    cost: 4000
    expected_return: 6000
    measurement:
      metric: repeat_purchase_rate
      method: holdout
      comparison_group: 400 distributors held out at random
      start: 2025-04-07
      end: 2025-05-30
"""

SNAPSHOT = "      - {{date: {date}, value: {value}, source: {source}, method: {method}}}\n"
RESULT = """\
    results:
      - date: 2025-06-06
        metric_value: 38.5
        comparison_value: 31.0
        treated_size: 400
        comparison_size: 400
        revenue: 12000
        cost: 4000
        decision: Roll the bundle out to every dormant distributor.
"""


def _git(root: Path, *args: str, day: str) -> None:
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp,
           "GIT_AUTHOR_NAME": "Lead", "GIT_AUTHOR_EMAIL": "lead@example.com",
           "GIT_COMMITTER_NAME": "Lead", "GIT_COMMITTER_EMAIL": "lead@example.com"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _commit(root: Path, message: str, day: str) -> None:
    _git(root, "add", "plan.yaml", day=day)
    _git(root, "commit", "-q", "-m", message, day=day)


def _add_figure(plan: Path, date: str, value: float, source: str, method: str) -> None:
    text = plan.read_text(encoding="utf-8")
    line = SNAPSHOT.format(date=date, value=value, source=source, method=method)
    if "    snapshots:\n" not in text:
        line = "    snapshots:\n" + line
    plan.write_text(text.replace("goals:\n", line + "goals:\n", 1), encoding="utf-8")


def _record_review(runner: CliRunner, plan: Path, *args: str) -> None:
    result = runner.invoke(app, ["review", "record", "--plan", str(plan), *args])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def programme(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The client folder after six months of commits."""
    root = tmp_path_factory.mktemp("acme")
    plan = root / "plan.yaml"
    runner = CliRunner()
    _git(root, "init", "-q", day="2025-01-06")
    plan.write_text(START, encoding="utf-8")
    _commit(root, "Baseline", "2025-01-06")
    _git(root, "tag", "start", day="2025-01-06")
    for date, value, source, method in (
            ("2025-01-31", 28.6, "ERP report", "reported"),
            ("2025-02-28", 29.4, "ERP report", "reported"),
            ("2025-03-31", 33.9, "orders export", "computed_standard")):
        _add_figure(plan, date, value, source, method)
        _commit(root, f"Figures of {date[:7]}", date)
    _record_review(runner, plan, "--date", "2025-04-01", "--reviewers", "Lead",
                   "--decisions", "Run the restocking test with a 400-distributor holdout",
                   "--actions", "Draw the holdout at random", "--owner", "Mei Chen",
                   "--due", "2025-04-04",
                   "--actions", "Agree the ERP and crmplan definitions", "--owner", "Tom Li",
                   "--due", "2025-05-15")
    _commit(root, "First review", "2025-04-01")
    text = plan.read_text(encoding="utf-8").replace(
        "          status: open\n", "          status: done\n", 1)
    plan.write_text(text.replace("      end: 2025-05-30\n", "      end: 2025-05-30\n" + RESULT),
                    encoding="utf-8")
    _commit(root, "The restocking test's result", "2025-06-06")
    _add_figure(plan, "2025-06-30", 32.5, "ERP report", "reported")
    _commit(root, "Figures of 2025-06", "2025-06-30")
    _record_review(runner, plan, "--date", "2025-07-01", "--reviewers", "Lead",
                   "--findings", "The restocking bundle works", "--actions",
                   "Roll the bundle out", "--owner", "Mei Chen", "--due", "2025-09-30")
    _commit(root, "Second review", "2025-07-01")
    return root


def _render(root: Path, audience: str) -> str:
    out = root / f"out-{audience}"
    result = CliRunner().invoke(app, ["render", str(root / "plan.yaml"), "-o", str(out),
                                      "--format", "md,html", "--since", "start",
                                      "--audience", audience, "--force"])
    assert result.exit_code == 0, result.output
    return (out / "review.md").read_text(encoding="utf-8")


def test_the_review_compares_the_period_and_the_whole_programme(programme: Path) -> None:
    review = _render(programme, "team")
    assert "## KPIs since the review of 2025-04-01" in review
    row = next(line for line in review.splitlines() if line.startswith("| Repeat purchase"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    # since the first review (33.9% on 2025-03-31), and since the baseline (28%)
    assert cells[1:5] == ["33.9% on 2025-03-31", "32.5% on 2025-06-30", "-1.4 pts",
                          "+4.5 pts since 28% on 2025-01-06"]


def test_the_campaign_is_a_result_with_its_lift_and_roi(programme: Path) -> None:
    review = _render(programme, "team")
    campaign = review[review.index("### Restocking test"):]
    assert "- Hypothesis: A restocking bundle brings dormant distributors back" in campaign
    assert ("38.5% of 400 against 31% of 400 in the comparison group, lift +7.5 points "
            "(95% confidence interval +0.9 to +14 points, p = 0.026: significant)") in campaign
    assert "revenue $12,000, cost $4,000.00, ROI 200%" in campaign
    assert "- Cost: covers its cost on the measured figures" in campaign
    assert "- Decision taken: Roll the bundle out to every dormant distributor." in campaign


def test_the_review_json_carries_each_campaigns_result_as_segment_json_does(
        programme: Path) -> None:
    """A dashboard reading ``review --format json`` gets the campaign's lift with its
    interval, the same figures ``segment --format json`` gives."""
    plan = str(programme / "plan.yaml")
    runner = CliRunner()
    review = runner.invoke(app, ["review", plan, "--as-of", "2025-07-02", "-f", "json"])
    segment = runner.invoke(app, ["segment", plan, "-f", "json"])
    assert review.exit_code in (0, 1) and segment.exit_code in (0, 1), review.output
    campaigns = json.loads(review.stdout)["campaigns"]
    assert [c["name"] for c in campaigns] == ["Restocking test"]
    (result,) = campaigns[0]["results"]
    assert campaigns[0]["hypothesis"].startswith("A restocking bundle brings dormant")
    assert result["lift"] == {"treated_size": 400, "comparison_size": 400, "points": 7.5,
                              "low": 0.9006, "high": 14.0089, "p_value": 0.0259,
                              "significant": True}
    assert result["decision"] == "Roll the bundle out to every dormant distributor."
    by_id = {c["id"]: c for c in json.loads(segment.stdout)["campaigns"]}
    assert result == by_id[campaigns[0]["id"]]["results"][0]


def test_the_previous_reviews_actions_are_followed_up_and_flagged_overdue(
        programme: Path) -> None:
    review = _render(programme, "team")
    previous = review[review.index("## Decided at the review of 2025-04-01"):]
    assert "- Run the restocking test with a 400-distributor holdout" in previous
    assert "| Draw the holdout at random | Mei Chen | 2025-04-04 | done |" in previous
    assert ("| Agree the ERP and crmplan definitions | Tom Li | 2025-05-15 **overdue** | open |"
            in previous)


def test_render_since_carries_the_changelog_of_review_since(programme: Path) -> None:
    team = _render(programme, "team")
    changes = team[team.index("## What changed since start"):]
    assert "### Step 2: Record the baseline" in changes
    assert "### Step 10: Review and revise" in changes
    shown = CliRunner().invoke(app, ["review", str(programme / "plan.yaml"), "--since",
                                     "start", "--as-of", "2025-07-01", "--format", "md"])
    assert shown.exit_code == 0, shown.output
    listed = [line for line in shown.output.splitlines() if line.startswith("- ")]
    assert listed and all(line in changes.splitlines() for line in listed
                          if line.startswith("- kpis"))
    client = _render(programme, "client")
    told = client[client.index("## What changed since start"):]
    assert "- Step 2: Record the baseline: " in told
    assert "kpis[" not in client and "plan.yaml" not in client


def test_a_change_of_method_is_flagged_wherever_the_kpi_is_judged(programme: Path) -> None:
    review = _render(programme, "team")
    assert "judged across a change of method on 2025-06-30" in review
    assert "target 35% · ◆ method changed" in review  # the chart's marker
    html = (programme / "out-team" / "review.html").read_text(encoding="utf-8")
    assert "32.5% ◆ method changed" in html  # the SVG chart marks the point itself
    baseline = CliRunner().invoke(app, ["baseline", str(programme / "plan.yaml")])
    assert "judged across a change of method on 2025-06-30" in baseline.output


def test_the_strategys_step_10_counts_the_changes_since_the_revision(programme: Path) -> None:
    _render(programme, "client")
    strategy = (programme / "out-client" / "strategy.md").read_text(encoding="utf-8")
    step_10 = strategy[strategy.index("### What changed since start"):]
    assert "- Step 2: Record the baseline: " in step_10
    restock = strategy[strategy.index("Restocking test"):]
    assert "lift +7.5 points (95% confidence interval +0.9 to +14 points" in restock
