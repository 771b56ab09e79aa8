"""``crmplan review``: schedule, KPIs since the last review, findings, git changelog, record."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from crmplan.analysis import PlanAnalysis
from crmplan.cli import app
from crmplan.kpi.progress import add_months
from crmplan.plan.load import load_bytes, load_plan
from crmplan.review.changes import changes
from crmplan.review.report import kpi_row

EXAMPLES = Path(__file__).parent.parent / "examples"

PLAN = """\
schema_version: 1
client: {name: Acme}
engagement: {start: 2025-01-10}
kpis:
  - id: retention_rate
    definition: {counts: Customers kept, period: month}
    baseline: {value: 50, as_of: 2025-01-01, source: CRM}
    target: {value: 60, by: 2026-12-31}
    snapshots:
      - {date: 2025-05-31, value: 52, source: CRM}
      - {date: 2025-08-31, value: 54, source: CRM}
goals:
  smart:
    - {id: g_keep, statement: Keep more customers, kpi: retention_rate, target: 58}
journeys:
  - id: main
    name: Main
    touchpoints:
      - {id: tp_letter, name: Renewal letter, stage: retention, channel: post}
    pain_points:
      - {id: pp_late, touchpoint: tp_letter, description: Arrives late}
sops:
  - {id: sop_entry, title: Data entry, owner: Kim, last_reviewed: 2025-01-15}
  - {id: sop_report, title: Monthly report}
campaigns:
  - id: c_winback
    name: Win-back
    segment: lapsed
    measurement: {metric: retention_rate, method: holdout, comparison_group: 10% holdout,
                  start: 2025-03-01, end: 2025-04-30}
segments:
  - {id: lapsed, name: Lapsed, definition: No order for a year, size: 1000}
reviews:
  cadence_months: 6
  log:
    - date: 2025-06-15  # the mid-year review
      reviewers: [Kim, Lee]
      findings: [Retention moves too slowly.]
      actions:
        - {id: a_letter, text: Send the letter earlier., owner: Lee, due: 2025-07-31}
        - {id: a_done, text: Done already., status: done}
decisions:
  - {id: dec_first, date: 2025-01-20, source: assess, summary: Journey first}
"""
AS_OF = dt.date(2026, 1, 20)


def status(text: str = PLAN, as_of: dt.date = AS_OF):  # type: ignore[no-untyped-def]
    return PlanAnalysis(load_bytes(text.encode(), "plan.yaml"), as_of).review


def messages(text: str = PLAN, as_of: dt.date = AS_OF) -> list[str]:
    return [f"{i.line}: {i.message}" for i in status(text, as_of).findings]


# -- the schedule --------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "months", "expected"), [
    (dt.date(2025, 6, 15), 6, dt.date(2025, 12, 15)),
    (dt.date(2025, 8, 31), 6, dt.date(2026, 2, 28)),
    (dt.date(2024, 8, 31), 6, dt.date(2025, 2, 28)),
    (dt.date(2023, 8, 31), 6, dt.date(2024, 2, 29)),
    (dt.date(2025, 12, 1), 1, dt.date(2026, 1, 1)),
])
def test_months_are_added_as_a_calendar_counts_them(day: dt.date, months: int,
                                                     expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_the_next_review_is_due_a_cadence_after_the_last() -> None:
    schedule = status().schedule
    assert (schedule.last, schedule.due, schedule.overdue_days) == (
        dt.date(2025, 6, 15), dt.date(2025, 12, 15), 36)
    assert "33: the review due on 2025-12-15 is 36 days overdue" in messages()


def test_a_review_not_yet_due_is_no_finding() -> None:
    assert status(as_of=dt.date(2025, 12, 15)).schedule.overdue_days == 0
    assert not any("review due" in m for m in messages(as_of=dt.date(2025, 12, 1)))


def test_without_a_review_the_first_is_due_a_cadence_after_the_engagement_start() -> None:
    text = PLAN.split("reviews:")[0] + "decisions: []\n"
    schedule = status(text).schedule
    assert (schedule.last, schedule.due) == (None, dt.date(2025, 7, 10))


def test_without_a_review_or_a_start_no_review_is_scheduled() -> None:
    text = PLAN.split("reviews:")[0].replace("engagement: {start: 2025-01-10}\n", "")
    assert status(text).schedule.due is None
    assert any("no review is scheduled" in m for m in messages(text))


def test_reviews_logged_after_the_day_looked_at_do_not_count() -> None:
    assert status(as_of=dt.date(2025, 6, 1)).schedule.last is None


# -- KPIs, goals, findings -----------------------------------------------------------------


def test_each_kpi_is_shown_now_and_at_the_last_review() -> None:
    [row] = status().kpis
    assert row.then is not None and (row.then.date, row.then.value) == (dt.date(2025, 5, 31), 52)
    assert row.now.current is not None and row.now.current.value == 54
    assert row.change == 2


def test_a_figure_older_than_one_and_a_half_periods_is_stale() -> None:
    assert status(as_of=dt.date(2025, 10, 15)).kpis[0].stale_days == 0  # 45 days, limit 46
    assert status(as_of=dt.date(2025, 10, 17)).kpis[0].stale_days == 1
    assert any("the latest figure (2025-08-31) is stale for a KPI measured per month" in m
               for m in messages())


def test_a_kpi_without_a_period_is_stale_after_one_and_a_half_quarters() -> None:
    text = PLAN.replace(", period: month", "")
    assert status(text, as_of=dt.date(2026, 1, 16)).kpis[0].stale_days == 0  # 138 days
    assert status(text, as_of=dt.date(2026, 1, 17)).kpis[0].stale_days == 1


def test_a_goal_is_judged_against_its_own_target() -> None:
    [goal] = status().goals
    assert goal.progress is not None and goal.progress.target == 58


def test_sops_without_owner_never_reviewed_or_past_their_date_are_findings() -> None:
    found = messages()
    assert "23: SOP 'sop_entry' was due for review on 2025-07-15" in found
    assert "24: SOP 'sop_report' has no owner" in found
    assert "24: SOP 'sop_report' has never been reviewed" in found


def test_open_actions_are_listed_and_overdue_ones_are_findings() -> None:
    actions = status().actions
    assert [(a.id, a.overdue) for a in actions] == [("a_letter", True)]
    assert "40: action 'a_letter' was due on 2025-07-31 and is not done" in messages()


def test_a_campaign_past_its_measurement_without_results_is_a_finding() -> None:
    assert "26: campaign 'c_winback' ended its measurement on 2025-04-30 and has no recorded " \
           "result" in messages()
    with_result = PLAN.replace("end: 2025-04-30}", "end: 2025-04-30}\n    results: "
                               "[{date: 2025-05-15, revenue: 1200}]")
    assert not any("c_winback" in m for m in messages(with_result))


# -- the CLI -------------------------------------------------------------------------------


def invoke(runner: CliRunner, *args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def test_text_report(runner: CliRunner, plan_file: Path) -> None:
    code, out = invoke(runner, "review", plan_file, "--as-of", "2026-01-20")
    assert code == 0
    assert ("As of 2026-01-20: last review 2025-06-15 · every 6 months · next due 2025-12-15 "
            "(36 days overdue)") in out
    assert ("retention_rate: 52% on 2025-05-31 → 54% on 2025-08-31 (+2 pts); +4 pts since "
            "50% on 2025-01-01; 60% by 2026-12-31;") in out
    assert "a_letter: Send the letter earlier. (Lee, due 2025-07-31): open, overdue" in out
    assert "2025-01-20 [assess] dec_first: Journey first" in out


def test_strict_fails_on_findings(runner: CliRunner, plan_file: Path) -> None:
    assert invoke(runner, "review", plan_file, "--as-of", "2026-01-20", "--strict")[0] == 1


def test_json_and_markdown(runner: CliRunner, plan_file: Path) -> None:
    code, out = invoke(runner, "review", plan_file, "--as-of", "2026-01-20", "-f", "json")
    data = json.loads(out)
    assert code == 0 and data["schema"] == "crmplan.review/1"
    assert data["schedule"] == {"cadence_months": 6, "last_review": "2025-06-15",
                                "next_due": "2025-12-15", "overdue_days": 36}
    assert data["kpis"][0]["change_since_review"] == 2 and data["kpis"][0]["stale"] is True
    assert data["since"] is None
    code, out = invoke(runner, "review", plan_file, "--as-of", "2026-01-20", "-f", "md")
    assert code == 0 and out.startswith(f"# Strategy review: {plan_file}\n")
    assert "| retention_rate | 52% on 2025-05-31 | 54% on 2025-08-31 | +2 pts |" in out


def test_the_same_day_gives_the_same_bytes(runner: CliRunner, plan_file: Path) -> None:
    args = ("review", plan_file, "--as-of", "2026-01-20", "-f", "json")
    assert invoke(runner, *args) == invoke(runner, *args)


# -- --since: the plan's git history -------------------------------------------------------


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True,
                          text=True).stdout.strip()


@pytest.fixture
def history(plan_file: Path) -> Path:
    """A repository with three commits of the plan, tagged v1 and v2."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = plan_file.parent.parent
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "test@example.com")
    git(repo, "config", "user.name", "Test")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first plan")
    git(repo, "tag", "v1")
    text = plan_file.read_text().replace(
        "      - {date: 2025-08-31, value: 54, source: CRM}\n",
        "      - {date: 2025-08-31, value: 54, source: CRM}\n"
        "      - {date: 2025-11-30, value: 55.5, source: CRM}\n")
    text = text.replace("target: 58}", "target: 57, by: 2026-06-30}")
    text = text.replace("      - {id: pp_late, touchpoint: tp_letter, description: Arrives late}\n",
                        "      - {id: pp_wording, touchpoint: tp_letter, description: Unclear}\n")
    plan_file.write_text(text)
    git(repo, "commit", "-q", "-am", "new figures")
    git(repo, "tag", "v2")
    text = text.replace("last_reviewed: 2025-01-15}", "last_reviewed: 2025-12-01}")
    text = text.replace("{id: sop_report, title: Monthly report}",
                        "{id: sop_report, title: Monthly report, owner: Park}")
    plan_file.write_text(text)
    git(repo, "commit", "-q", "-am", "SOPs reviewed")
    return repo


def test_since_a_tag_writes_a_changelog_of_the_strategy(
        runner: CliRunner, plan_file: Path, history: Path) -> None:
    code, out = invoke(runner, "review", plan_file, "--since", "v1", "--as-of", "2026-01-20")
    assert code == 0, out
    commit = git(history, "rev-parse", "v1")
    assert f"Changes since v1 ({commit[:12]}):" in out
    for line in ("g_keep: target 58 → 57", "g_keep: deadline — → 2026-06-30",
                 "retention_rate: 54% → 55.5% (2025-11-30), on track",
                 "added: pain point pp_wording in main",
                 "resolved: pain point pp_late in main",
                 "sop_entry: last reviewed 2025-01-15 → 2025-12-01",
                 "sop_report: owner — → Park"):
        assert line in out, line


def test_since_a_commit_or_a_branch(runner: CliRunner, plan_file: Path, history: Path) -> None:
    commit = git(history, "rev-parse", "v2")
    code, out = invoke(runner, "review", plan_file, "--since", commit[:8], "-f", "json")
    data = json.loads(out)
    assert code == 0 and data["since"]["commit"] == commit
    assert [c["ref"] for c in data["since"]["changes"]] == ["sop_entry", "sop_report"]
    branch = git(history, "rev-parse", "--abbrev-ref", "HEAD")
    code, out = invoke(runner, "review", plan_file, "--since", branch, "-f", "json")
    assert json.loads(out)["since"]["changes"] == []


def test_an_unknown_ref_is_a_usage_error(runner: CliRunner, plan_file: Path,
                                         history: Path) -> None:
    for ref in ("v9", "--help", "HEAD~10", "v1:plan.yaml"):
        code, out = invoke(runner, "review", plan_file, f"--since={ref}")
        assert code == 2, (ref, out)
        assert "is not a commit, branch or tag of this repository" in out


def test_a_plan_absent_at_the_ref_is_a_usage_error(runner: CliRunner, plan_file: Path,
                                                   history: Path) -> None:
    other = history / "other" / "plan.yaml"
    other.parent.mkdir()
    other.write_text(PLAN)
    code, out = invoke(runner, "review", other, "--since", "v1")
    assert code == 2 and "other/plan.yaml did not exist at v1" in out


def test_outside_git_only_since_fails(runner: CliRunner, plan_file: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(plan_file.parent.parent))
    assert invoke(runner, "review", plan_file)[0] == 0
    code, out = invoke(runner, "review", plan_file, "--since", "v1")
    assert code == 2 and "is not in a git repository" in out


def test_changes_between_two_plans_in_words() -> None:
    old = load_bytes(PLAN.encode(), "old").plan
    new_text = (PLAN.replace("size: 1000", "size: 1200")
                .replace("decisions:\n", "decisions:\n  - {id: dec_two, date: 2026-01-10, "
                         "summary: Both}\n"))
    found = changes(old, load_bytes(new_text.encode(), "new").plan)
    assert [(c.section, c.kind, c.text) for c in found] == [
        ("segments", "changed", "lapsed: size 1000 → 1200"),
        ("decisions", "added", "added: Both"),
    ]


def test_every_section_of_the_plan_has_a_step_in_the_changelog() -> None:
    from crmplan.model.plan import Plan
    from crmplan.review.changes import SECTION_STEPS

    assert sorted(Plan.model_fields) == sorted(SECTION_STEPS)


def _example(name: str = "online-retailer-en"):  # type: ignore[no-untyped-def]
    return load_plan(EXAMPLES / name / "plan.yaml").plan


def _edited(data: dict[str, Any]):  # type: ignore[no-untyped-def]
    from crmplan.model.plan import Plan

    return Plan.model_validate({k: v for k, v in data.items() if v is not None})


def test_the_changelog_covers_the_whole_strategy_in_one_line_per_change() -> None:
    """Goals, the strategy, software candidates, rollout, the activity plan, segments and
    their task-force scores, the journeys: each change is one readable line, old → new."""
    old = _example()
    data = old.model_dump()
    data["goals"]["vision"]["two_years"] = "The outdoor brand families recommend first"
    data["strategy"]["resources"]["budget"] = 500000.0
    data["software"]["candidates"][0]["costs"]["license_per_year"] = 99000.0
    data["rollout"]["phases"][0]["department"] = "Sales"
    data["activity_plan"] = None
    data["segments"][0]["offers"][0]["payment_terms"] = "Pay monthly"
    data["task_force"]["scores"][0]["scores"]["speed"] = 2
    data["journeys"][0]["touchpoints"][0]["emotion"] = 2
    data["engagement"]["end"] = None
    found = changes(old, _edited(data))
    assert [(c.step, c.section, c.text) for c in found] == [
        (0, "engagement", "engagement.end: 2026-09-30 → —"),
        (1, "goals", "goals.vision.two_years: Every department works from one customer "
                     "record; a third of cu… (133 characters) → The outdoor brand families "
                     "recommend first"),
        (3, "segments", "segments[premium].offers[off_premium_early_access].payment_terms: "
                        "Full price; double Trail Points during the window. → Pay monthly"),
        (3, "task_force", "task_force.scores[priya/premium].scores.speed: 3 → 2"),
        (4, "journeys", "journeys[j_main].touchpoints[tp_search_ads].emotion: 0 → 2"),
        (6, "strategy", "strategy.resources.budget: 640000 → 500000"),
        (7, "software", "software.candidates[harbor].costs.license_per_year: 96000 → 99000"),
        (8, "rollout", "rollout.phases[ph1_service].department: Customer Service → Sales"),
        (8, "activity_plan", "removed: activity_plan"),
    ]


def test_a_small_change_gives_a_small_changelog_and_added_items_one_line_each() -> None:
    old = _example("aesthetic-clinic-ko")
    data = old.model_dump()
    data["personas"] = data["personas"][1:]
    data["segments"].append({"id": "new_vip", "name": "New VIP", "definition": "Joined 2026"})
    data["reviews"]["cadence_months"] = 4
    found = changes(old, _edited(data))
    assert [(c.kind, c.text) for c in found] == [
        ("removed", f"removed: personas[{old.personas[0].id}] ({old.personas[0].name})"),
        ("added", "added: New VIP"),
        ("changed", "reviews.cadence_months: 6 → 4"),
    ]


def test_the_report_groups_the_changes_by_the_ten_steps(
        runner: CliRunner, plan_file: Path, history: Path) -> None:
    text = plan_file.read_text().replace("  cadence_months: 6\n", "  cadence_months: 4\n")
    text = text.replace("name: Lapsed,", "name: Lapsed customers,")
    plan_file.write_text(text)
    code, out = invoke(runner, "review", plan_file, "--since", "v1", "--as-of", "2026-01-20")
    assert code == 0, out
    changelog = out.split("Changes since v1")[1]
    for title in ("Step 1: Define goals", "Step 2: Record the baseline",
                  "Step 3: Refine customer segments", "Step 10: Review and revise"):
        assert f"\n  {title}\n" in changelog, title
    assert changelog.index("Step 3") < changelog.index("Step 9") < changelog.index("Step 10")
    assert "segments[lapsed].name: Lapsed → Lapsed customers" in changelog
    assert "reviews.cadence_months: 6 → 4" in changelog
    _code, out = invoke(runner, "review", plan_file, "--since", "v1", "-f", "json")
    steps = {c["ref"]: c["step"] for c in json.loads(out)["since"]["changes"]}
    assert steps["reviews.cadence_months"] == 10 and steps["segments[lapsed].name"] == 3


# -- review record -------------------------------------------------------------------------


def test_record_appends_the_review_and_leaves_the_rest(runner: CliRunner, plan_file: Path
                                                       ) -> None:
    code, out = invoke(runner, "review", "record", "--date", "2026-01-15", "--reviewers", "Kim",
                       "--reviewers", "Lee", "--findings", "Retention at 55.5%.",
                       "--decisions", "Keep the letter test.", "--actions", "Draft letter v2.",
                       "--supersede", "dec_first", "--plan", plan_file)
    assert code == 0, out
    lines, before = plan_file.read_text().splitlines(), PLAN.splitlines()
    assert lines[:41] == before[:41]
    assert lines[41:53] == [
        "    - date: 2026-01-15", "      reviewers:", "        - Kim", "        - Lee",
        "      findings:", "        - Retention at 55.5%.", "      decisions:",
        "        - Keep the letter test.", "      actions:", "        - id: a_2026_01_15_1",
        "          text: Draft letter v2.", "          status: open"]
    assert lines[53:] == [
        "decisions:",
        "  - {id: dec_first, date: 2025-01-20, source: assess, summary: Journey first, "
        "status: superseded, superseded_by: review-2026-01-15}",
        # a flow mapping like the one before it would not fit in 100 columns: block style
        "  - id: review-2026-01-15", "    date: 2026-01-15", "    source: review",
        "    summary: Keep the letter test.", "    status: active"]
    plan = load_plan(plan_file).plan
    first, second = plan.decisions
    assert (first.status.value, first.superseded_by) == ("superseded", "review-2026-01-15")
    assert (second.id, second.source.value, second.summary) == (
        "review-2026-01-15", "review", "Keep the letter test.")


@pytest.mark.parametrize(("args", "message"), [
    (["--date", "2025-06-15", "--findings", "x"], "a review on 2025-06-15 is already logged"),
    (["--date", "2999-01-01", "--findings", "x"], "is in the future"),
    (["--date", "2026-01-15"], "needs at least one reviewer, finding, decision or action"),
    (["--date", "2026-01-15", "--findings", "x", "--supersede", "dec_first"],
     "needs the decision that replaces it"),
    (["--date", "2026-01-15", "--decisions", "x", "--supersede", "dec_frst"],
     "unknown decision 'dec_frst'"),
])
def test_record_refuses_what_it_cannot_log(runner: CliRunner, plan_file: Path,
                                           args: list[str], message: str) -> None:
    code, out = invoke(runner, "review", "record", *args, "--plan", plan_file)
    assert code == 2 and message in out
    assert plan_file.read_text() == PLAN


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--reviewers", "", "--reviewers: a value holds no text"),
    ("--reviewers", "  ", "--reviewers: a value holds no text"),
    ("--findings", "", "--findings: a value holds no text"),
    ("--findings", " ", "--findings: a value holds no text"),
    ("--decisions", "", "--decisions: a value holds no text"),
    ("--actions", "\t", "--actions: a value holds no text"),
    ("--reviewers", "K" * 201, "--reviewers: a value of 201 characters is longer than the 200 "
                               "a plan holds"),
    ("--findings", "x" * 20_001, "--findings: a value of 20,001 characters is longer than the "
                                 "20,000 a plan holds"),
    ("--decisions", "x" * 20_001, "--decisions: a value of 20,001 characters"),
    ("--actions", "x" * 120_000, "--actions: a value of 120,000 characters"),
    ("--findings", "a\x01b", "--findings: a value holds the control character U+0001"),
], ids=lambda value: value[:12] if isinstance(value, str) else value)
def test_record_refuses_an_empty_or_overlong_value_up_front(
        runner: CliRunner, plan_file: Path, option: str, value: str, message: str) -> None:
    code, out = invoke(runner, "review", "record", "--date", "2026-01-15", "--reviewers", "Kim",
                       option, value, "--plan", plan_file)
    assert code == 2, out
    assert message in out and len(out) < 500
    assert plan_file.read_text() == PLAN
    load_plan(plan_file)  # still loads (validate adds the campaign the segment report refuses)


@pytest.mark.slow
def test_record_that_would_take_the_plan_over_1_mib_is_refused(
        runner: CliRunner, plan_file: Path) -> None:
    findings = [arg for _ in range(53) for arg in ("--findings", "x" * 20_000)]
    code, out = invoke(runner, "review", "record", "--date", "2026-01-15", *findings,
                       "--plan", plan_file)
    assert code == 2, out[:500]
    assert "over the 1 MiB a plan may hold; nothing was written" in out and len(out) < 500
    assert plan_file.read_text() == PLAN


def test_a_deadline_passed_before_the_review_day_without_the_target_is_off_track() -> None:
    text = PLAN.replace("by: 2026-12-31}", "by: 2025-12-31}")
    after = status(text).kpis[0].now  # 2026-01-20: the deadline has passed
    assert (after.status.value, after.needed_pace) == ("off_track", None)
    before = status(text, as_of=dt.date(2025, 11, 30)).kpis[0].now
    assert before.needed_pace == pytest.approx(6 / (31 / 30.436875))  # a month to go
    [goal] = status(text.replace("target: 58}", "target: 58, by: 2025-12-31}")).goals
    assert goal.progress is not None and goal.progress.status.value == "off_track"


def test_the_figure_at_the_last_review_is_never_one_from_before_the_baseline() -> None:
    """A snapshot with a mistyped year (2024 for 2025) before a review logged before the
    baseline was shown as the figure 'at the last review', and the change measured from it."""
    text = PLAN.replace("- date: 2025-06-15  # the mid-year review",
                        "- date: 2024-12-15  # the mid-year review").replace(
        "      - {date: 2025-05-31, value: 52, source: CRM}\n",
        "      - {date: 2024-05-31, value: 20, source: CRM}\n")
    [row] = status(text).kpis
    assert row.then is not None and row.then.date == dt.date(2025, 1, 1)  # the baseline
    assert row.from_baseline and row.change == pytest.approx(4)
    assert "50% on 2025-01-01 (baseline)" in "\n".join(
        " | ".join(kpi_row(status(text), r)) for r in status(text).kpis)
    [row] = status(text.replace("2024-12-15  #", "2025-03-15  #")).kpis
    assert row.then is not None and row.then.date == dt.date(2025, 1, 1)
    assert not row.from_baseline


# -- one rule for a KPI's status ---------------------------------------------------------------


def statuses(runner: CliRunner, *args: str) -> list[str]:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return [kpi["status"] for kpi in json.loads(result.stdout)["kpis"]]


@pytest.mark.slow
@pytest.mark.parametrize("example", ["aesthetic-clinic-ko", "online-retailer-en",
                                     "b2b-manufacturer-zh"])
def test_baseline_and_review_never_disagree_on_a_kpi_on_the_same_day(example: str) -> None:
    """On any day, `baseline --as-of D` and `review --as-of D` judge each KPI alike; with no
    day, baseline judges on the plan's latest date, which review then agrees with too."""
    runner, plan = CliRunner(), str(EXAMPLES / example)
    loaded = load_plan(EXAMPLES / example / "plan.yaml")
    latest = PlanAnalysis(loaded).on
    days = [latest, dt.date(2025, 9, 30), dt.date(2026, 6, 30), dt.date(2026, 12, 31),
            dt.date(2027, 6, 30)]
    for day in days:
        on = day.isoformat()
        assert statuses(runner, "baseline", plan, "--as-of", on) == statuses(
            runner, "review", plan, "--as-of", on), on
    assert statuses(runner, "baseline", plan) == statuses(
        runner, "review", plan, "--as-of", latest.isoformat())


EARLY = """\
schema_version: 1
client: {name: Acme}
kpis:
  - id: churn_rate
    definition: {counts: Customers lost, period: month}
    baseline: {value: 20, as_of: 2025-11-30, source: CRM}
    target: {value: 10, by: 2026-06-30}
    snapshots:
      - {date: 2025-12-05, value: 19.9, source: CRM}
  - id: nps
    baseline: {value: 30, as_of: 2025-10-01, source: Survey}
    target: {value: 40, by: 2026-12-31}
  - id: csat
    target: {value: 4.5, by: 2026-12-31}
    snapshots:
      - {date: 2025-11-01, value: 4.1}
"""


def test_every_report_and_document_says_the_same_about_a_kpi_on_the_same_day(
        runner: CliRunner, tmp_path: Path) -> None:
    """A monthly KPI five days after its baseline is too early to judge, in the baseline,
    the review and both documents alike; the others say what is known."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(EARLY, encoding="utf-8")
    day = "2025-12-05"
    expected = ["too_early", "baseline_only", "no_baseline"]
    assert statuses(runner, "baseline", str(plan), "--as-of", day) == expected
    assert statuses(runner, "review", str(plan), "--as-of", day) == expected
    baseline = json.loads(runner.invoke(app, ["baseline", str(plan), "-f", "json"]).stdout)
    assert baseline["kpis"][0]["next_figure_due"] == "2025-12-30"
    assert baseline["kpis"][0]["projected"] is None and baseline["kpis"][0]["pace_per_month"] \
        is None
    assert not [p for p in baseline["problems"] if p["ref"] == "churn_rate"]
    result = runner.invoke(app, ["render", str(plan), "--out", str(tmp_path / "out"), "--date",
                                 day, "--format", "md"])
    assert result.exit_code == 0, result.output
    words = "too early to judge (next figure due 2025-12-30)"
    for document in ("strategy.md", "review.md"):
        text = (tmp_path / "out" / document).read_text(encoding="utf-8")
        assert words in text, document
        assert "baseline only" in text and "figure without baseline" in text, document
        assert "| off track" not in text and "(high)" not in text, document
    _code, out = invoke(runner, "review", plan, "--as-of", day)
    assert "churn_rate: 20% on 2025-11-30 → 19.9% on 2025-12-05 (-0.1 pts)" in out
    assert "KPIs since the baseline (the first review):" in out


def test_the_review_document_and_the_baseline_agree_on_the_render_date() -> None:
    from render_helpers import loaded_example

    loaded = loaded_example("aesthetic-clinic-ko")
    for day in (dt.date(2026, 6, 30), None):
        analysis = PlanAnalysis(loaded, day)
        assert [g.status for g in analysis.baseline.gaps] == [
            k.now.status for k in analysis.review.kpis]
def test_findings_carry_codes_and_the_plan_can_silence_a_rule(
        runner: CliRunner, plan_file: Path) -> None:
    _code, out = invoke(runner, "review", plan_file, "--as-of", "2026-01-20", "-f", "json")
    codes = {f["code"] for f in json.loads(out)["findings"]}
    assert "CRM801" in codes and "CRM807" in codes
    assert "  [CRM801]" in invoke(runner, "review", plan_file, "--as-of", "2026-01-20")[1]
    silenced = ", ".join(sorted(codes))
    plan_file.write_text(plan_file.read_text(encoding="utf-8")
                         + f"checks:\n  ignore: [{silenced}]\n", encoding="utf-8")
    assert invoke(runner, "review", plan_file, "--as-of", "2026-01-20", "--strict")[0] == 0
    _code, out = invoke(runner, "review", plan_file, "--as-of", "2026-01-20", "-f", "json")
    assert json.loads(out)["findings"] == []
