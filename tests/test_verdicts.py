"""One readiness score and one maturity story in every output: ``assess``, the assessment
memo, the strategy, the deck and ``review`` judge a plan on the same day by the same rules,
and a stage above the first unmet one reads as not reached wherever the stages are listed."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crmplan.analysis import PlanAnalysis
from crmplan.assess.engine import StageResult
from crmplan.assess.facts import Status
from crmplan.assess.report import progress_lines, stage_status, to_data, to_markdown
from crmplan.cli import app
from crmplan.i18n import _, activate, format_date, language
from crmplan.kpi.progress import add_months, plan_day
from crmplan.plan.load import LoadedPlan
from crmplan.rules import JOURNEY_NOT_REWALKED
from render_helpers import EXAMPLES, ROOT, deck_loaded, loaded_example, render_loaded


def _days(loaded: LoadedPlan) -> list[dt.date]:
    """The plan's own day, and the last day the oldest re-walk is in time and the next."""
    plan = loaded.plan
    months = plan.reviews.cadence_months if plan.reviews else 6
    walked = min(j.last_walked for j in plan.journeys if j.last_walked)
    due = add_months(walked, months)
    return [plan_day(plan), due, due + dt.timedelta(days=1)]


def _score_line(score: int) -> str:
    return _("Journey-management readiness: {score}/100").format(score=score)


# -- one rule for a journey's age (the rule itself: tests/test_kpi_progress.py) -----------------


@pytest.mark.slow
@pytest.mark.parametrize("name", EXAMPLES)
def test_assess_and_review_agree_on_the_journeys_on_every_day(name: str) -> None:
    loaded = loaded_example(name)
    verdicts = []
    for day in _days(loaded):
        analysis = PlanAnalysis(loaded, day)
        fresh = analysis.assessment.facts["journeys_rewalked"].status is Status.YES
        warned = any(f.rule is JOURNEY_NOT_REWALKED for f in analysis.review.findings)
        assert fresh is not warned, (name, day)
        verdicts.append(fresh)
    assert verdicts[1:] == [True, False]  # the boundary: in time on the due day, late after


# -- one score in every output ----------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("name", EXAMPLES)
def test_assess_memo_strategy_and_deck_show_one_score_on_each_day(name: str) -> None:
    loaded = loaded_example(name)
    scores = set()
    for day in _days(loaded):
        report = PlanAnalysis(loaded, day).assessment
        assert report.judged_on == day
        assert to_data(report)["readiness"]["overall"] == report.readiness
        assert to_data(report)["judged_on"] == day.isoformat()
        files = render_loaded(loaded, formats=("md",), day=day)
        memo = files["assessment.md"].decode("utf-8")
        assert _score_line(report.readiness) in memo and _score_line(report.readiness) in (
            to_markdown(report)
        )
        strategy = files["strategy.md"].decode("utf-8")
        headline = progress_lines(report.decision, report.stage, report.readiness,
                                  every_fact=False, day_text=format_date)
        assert all(line in strategy for line in headline)
        assert any(str(report.readiness) in line for line in headline)
        _pptx, slides, analysis = deck_loaded(loaded, day=day)
        assert analysis.assessment.readiness == report.readiness
        title = next(s.title for s in slides if s.key == "maturity")
        assert (
            _("CRM maturity at stage {stage} of 4; journey readiness {score} of 100").format(
                stage=report.stage, score=report.readiness
            )
            == title
        )
        scores.add(report.readiness)
    assert len(scores) > 1  # the day matters: a journey past its cadence lowers the score


def _example_copy(tmp_path: Path, name: str) -> Path:
    """The example outside any git repository: its documents are dated by its latest entry."""
    folder = tmp_path / name
    shutil.copytree(ROOT / "examples" / name, folder)
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("name", EXAMPLES)
def test_the_commands_judge_on_the_same_day_by_default_and_on_a_given_date(
    runner: CliRunner, tmp_path: Path, name: str
) -> None:
    folder = _example_copy(tmp_path, name)
    loaded = loaded_example(name)
    for date in (None, _days(loaded)[2]):
        given = ["--date", date.isoformat()] if date else []
        assessed = runner.invoke(app, ["assess", str(folder), "--format", "json", *given])
        assert assessed.exit_code == 0, assessed.output
        data = json.loads(assessed.stdout)
        out = tmp_path / f"out-{date}"
        rendered = runner.invoke(
            app, ["render", str(folder), "--format", "md", "--out", str(out), *given]
        )
        assert rendered.exit_code == 0, rendered.output
        activate(loaded.plan.client.language.value)
        memo = (out / "assessment.md").read_text(encoding="utf-8")
        assert _score_line(data["readiness"]["overall"]) in memo
        assert data["judged_on"] == (date or plan_day(loaded.plan)).isoformat()
        reviewed = runner.invoke(
            app, ["review", str(folder), "--format", "json", "--as-of", data["judged_on"]]
        )
        warned = any(
            f["code"] == JOURNEY_NOT_REWALKED.code for f in json.loads(reviewed.stdout)["findings"]
        )
        explained = runner.invoke(
            app, ["assess", str(folder), "--format", "json", "--explain", *given]
        )
        fresh = json.loads(explained.stdout)["facts"]["journeys_rewalked"]["status"] == "yes"
        assert fresh is not warned


# -- a stage above the first unmet one is not reached -----------------------------------------


def _stage(number: int, met: bool) -> StageResult:
    return StageResult(number, f"stage {number}", met, ())


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "needs met, not reached: stage 2 comes first"),
        ("ko", "요건 충족, 미도달: 2단계 선행 필요"),
        ("zh", "条件已满足，但尚未达到：须先达到第2阶段"),
    ],
)
def test_a_met_stage_above_an_unmet_one_reads_as_not_reached(lang: str, words: str) -> None:
    with language(lang):
        assert stage_status(_stage(4, met=True), reached=1) == words
        assert stage_status(_stage(1, met=True), reached=1) == _("met")
        assert stage_status(_stage(2, met=False), reached=1) == _("not yet")
        assert stage_status(_stage(3, met=True), reached=3) == _("met")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "reached", "first"),
    [
        ("aesthetic-clinic-ko", 1, "요건 충족, 미도달: 2단계 선행 필요"),
        ("b2b-manufacturer-zh", 2, "条件已满足，但尚未达到：须先达到第3阶段"),
        ("online-retailer-en", 1, "needs met, not reached: stage 2 comes first"),
    ],
)
def test_every_output_listing_the_stages_says_stage_four_is_not_reached(
    runner: CliRunner, name: str, reached: int, first: str
) -> None:
    loaded = loaded_example(name)
    report = PlanAnalysis(loaded).assessment
    assert report.stage == reached and report.stages[3].met
    met = _("met")
    files = render_loaded(loaded, formats=("md", "html"))
    memo = files["assessment.md"].decode("utf-8")
    row = next(line for line in memo.splitlines() if line.startswith("| 4 |"))
    assert first in row and f"| {met} |" not in row
    assert first in files["assessment.html"].decode("utf-8")
    _pptx, slides, _analysis = deck_loaded(loaded)
    bullets = next(s.bullets for s in slides if s.key == "maturity")
    assert first in bullets[3] and met not in bullets[3].replace(first, "")
    terminal = runner.invoke(app, ["assess", str(ROOT / "examples" / name)])
    line = next(t for t in terminal.stdout.splitlines() if t.lstrip().startswith("· 4."))
    assert first in line
    stages = json.loads(
        runner.invoke(app, ["assess", str(ROOT / "examples" / name), "-f", "json"]).stdout
    )["maturity"]["stages"]
    assert [s["reached"] for s in stages] == [n <= reached for n in range(1, 5)]
    assert stages[3]["status"] == first
