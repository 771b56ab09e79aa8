"""The date of a document (crmplan.render.dates): ``--date``, else the plan's last commit,
else its latest dated entry; never the clock's date."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import MINIMAL_PLAN
from crmplan.cli import app
from crmplan.plan.load import load_plan
from crmplan.render import dates
from crmplan.render.dates import document_date, last_commit_date

pytestmark = [pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
              pytest.mark.slow]  # each runs git, and most the command line

DATED = MINIMAL_PLAN + """\
sops:
  - id: intake
    title: Intake
    area: data_entry
    owner: Ana
    last_reviewed: 2026-01-10
"""


def git(folder: Path, *args: str, day: str = "2026-03-02T09:30:00+09:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": day, "GIT_COMMITTER_DATE": day,
           "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.com",
           "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.com"}
    env.pop("GIT_DIR", None)
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True,
                   env=env)


def committed(folder: Path, text: str, day: str) -> Path:
    """A git repository in ``folder`` whose one commit, on ``day``, holds the plan."""
    git(folder, "init", "-q")
    plan = folder / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    git(folder, "add", "plan.yaml")
    git(folder, "commit", "-q", "-m", "plan", day=day)
    return plan


def title_date(folder: Path, *options: str) -> str | None:
    """The date row of the strategy's title block, as ``crmplan render`` writes it."""
    result = CliRunner().invoke(app, ["render", str(folder), "--out", str(folder / "out"),
                                      "--format", "md", "--force", *options])
    assert result.exit_code == 0, result.output
    text = (folder / "out" / "strategy.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| Date |")]
    return rows[0] if rows else None


def test_a_committed_plan_is_dated_by_its_last_commit(tmp_path: Path) -> None:
    plan = committed(tmp_path, DATED, "2026-03-02T23:30:00+09:00")
    assert last_commit_date(plan) == dt.date(2026, 3, 2)  # the committer's own day
    assert title_date(tmp_path) == "| Date | March 2, 2026 |"


def test_a_later_commit_that_changes_another_file_leaves_the_date(tmp_path: Path) -> None:
    committed(tmp_path, DATED, "2026-03-02T10:00:00+00:00")
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    git(tmp_path, "add", "notes.md")
    git(tmp_path, "commit", "-q", "-m", "notes", day="2026-06-01T10:00:00+00:00")
    assert title_date(tmp_path) == "| Date | March 2, 2026 |"


def test_outside_a_repository_the_latest_dated_entry_dates_it(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(DATED, encoding="utf-8")
    assert last_commit_date(tmp_path / "plan.yaml") is None
    assert title_date(tmp_path) == "| Date | January 10, 2026 |"


def test_the_date_option_wins_over_the_commit(tmp_path: Path) -> None:
    committed(tmp_path, DATED, "2026-03-02T10:00:00+00:00")
    assert title_date(tmp_path, "--date", "2026-05-04") == "| Date | May 4, 2026 |"


def test_an_entry_dated_after_the_last_commit_dates_the_plan(tmp_path: Path) -> None:
    """Changes not committed yet: the commit's date, or the plan's latest entry if later."""
    plan = committed(tmp_path, DATED, "2026-03-02T10:00:00+00:00")
    plan.write_text(DATED.replace("2026-01-10", "2026-04-20"), encoding="utf-8")
    assert title_date(tmp_path) == "| Date | April 20, 2026 |"
    plan.write_text(DATED.replace("2026-01-10", "2026-02-20"), encoding="utf-8")
    assert title_date(tmp_path) == "| Date | March 2, 2026 |"


def test_a_plan_never_committed_in_a_repository_is_dated_by_its_entries(
        tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "plan.yaml").write_text(DATED, encoding="utf-8")
    assert last_commit_date(tmp_path / "plan.yaml") is None
    assert title_date(tmp_path) == "| Date | January 10, 2026 |"


def test_without_git_the_entries_date_the_plan(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    plan = committed(tmp_path, DATED, "2026-03-02T10:00:00+00:00")
    monkeypatch.setattr(dates.shutil, "which", lambda _name: None)
    assert document_date(plan, load_plan(plan).plan) == dt.date(2026, 1, 10)


def test_a_plan_with_no_date_anywhere_shows_none_never_today(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    assert document_date(tmp_path / "plan.yaml", load_plan(tmp_path / "plan.yaml").plan) \
        is None
    assert title_date(tmp_path) is None


def test_git_is_asked_read_only_and_takes_no_lock(tmp_path: Path) -> None:
    plan = committed(tmp_path, DATED, "2026-03-02T10:00:00+00:00")
    before = sorted(p.relative_to(tmp_path) for p in (tmp_path / ".git").rglob("*"))
    stamp = (tmp_path / ".git" / "index").stat().st_mtime_ns
    assert last_commit_date(plan) == dt.date(2026, 3, 2)
    assert sorted(p.relative_to(tmp_path) for p in (tmp_path / ".git").rglob("*")) == before
    assert (tmp_path / ".git" / "index").stat().st_mtime_ns == stamp


def test_the_review_and_the_flags_are_judged_on_the_documents_date(tmp_path: Path) -> None:
    """The commit's date is the day the SOP review falls due on: the document flags it."""
    committed(tmp_path, DATED.replace("owner: Ana", "owner: Ana\n    review_every_months: 3"),
              "2026-06-01T10:00:00+00:00")
    title_date(tmp_path)
    strategy = (tmp_path / "out" / "strategy.md").read_text(encoding="utf-8")
    assert "next review: 2026-04-10 **review overdue**" in strategy
