"""Steps 9 and 10 and the review report flag what is overdue on the document's date
(crmplan.render.strategy, crmplan.render.practice): an SOP's review, its refresher
training, a review's action; in both versions, in Markdown and in HTML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import MINIMAL_PLAN
from render_helpers import render_text

PLAN = MINIMAL_PLAN + """\
sops:
  - id: intake
    title: Intake
    area: data_entry
    owner: Ana
    last_reviewed: 2025-09-01
    review_every_months: 6
    last_refresher: 2025-10-01
    refresher_every_months: 3
  - id: reporting
    title: Monthly report
    area: reporting
    owner: Bo
    last_reviewed: 2026-02-01
    review_every_months: 6
    last_refresher: 2026-02-01
    refresher_every_months: 6
reviews:
  log:
    - date: 2026-01-15
      reviewers: [Ana]
      actions:
        - {id: a1, text: Call the vendor, owner: Ana, due: 2026-02-01, status: open}
        - {id: a2, text: Write the brief, owner: Bo, due: 2026-06-01, status: open}
        - {id: a3, text: Close the old list, owner: Bo, due: 2026-01-20, status: done}
"""
DAY = dt.date(2026, 4, 1)


@pytest.mark.parametrize("audience", ["client", "team"])
def test_overdue_sops_and_actions_carry_a_flag_in_markdown(tmp_path: Path,
                                                           audience: str) -> None:
    files = render_text(tmp_path, PLAN, formats=("md",), day=DAY, audience=audience)
    strategy, review = files["strategy.md"], files["review.md"]
    assert "next review: 2026-03-01 **review overdue**" in strategy
    assert "next review: 2026-08-01\n" in strategy  # the other SOP is on time
    assert "next 2026-01-01 **refresher overdue**" in strategy
    assert "next 2026-08-01\n" in strategy
    assert "- Call the vendor (Ana, 2026-02-01, open) **overdue**" in strategy
    assert "- Write the brief (Bo, 2026-06-01, open)\n" in strategy
    assert "- Close the old list (Bo, 2026-01-20, done)\n" in strategy
    assert "| Call the vendor | Ana | 2026-02-01 **overdue** |" in review
    assert "**Intake** — next review: 2026-03-01 **review overdue**; refresher training: " \
           "last 2025-10-01, every 3 months, next 2026-01-01 **refresher overdue**" in review
    assert "Monthly report" not in review


@pytest.mark.parametrize("audience", ["client", "team"])
def test_overdue_sops_and_actions_carry_a_flag_in_html(tmp_path: Path, audience: str) -> None:
    files = render_text(tmp_path, PLAN, formats=("html",), day=DAY, audience=audience)
    strategy, review = files["strategy.html"], files["review.html"]
    flag = '<strong class="badge status-off_track flag">{}</strong>'
    assert "next review: 2026-03-01 " + flag.format("review overdue") in strategy
    assert "next 2026-01-01 " + flag.format("refresher overdue") in strategy
    assert "(Ana, 2026-02-01, open)</span> " + flag.format("overdue") in strategy
    assert strategy.count(flag.format("overdue")) == 1
    assert review.count(flag.format("overdue")) == 1
    assert flag.format("review overdue") in review and flag.format("refresher overdue") in review


def test_nothing_is_flagged_before_its_date(tmp_path: Path) -> None:
    files = render_text(tmp_path, PLAN, day=dt.date(2025, 12, 1))
    assert "overdue" not in files["strategy.md"] + files["review.md"]
    assert "flag" not in files["strategy.html"] + files["review.html"]


def test_the_korean_and_chinese_flags_read_natively(tmp_path: Path) -> None:
    for lang, review, refresher in (("ko", "검토 기한 경과", "보수 교육 기한 경과"),
                                    ("zh", "复核已逾期", "复训已逾期")):
        text = PLAN.replace("name: Acme", f"name: Acme\n  language: {lang}")
        strategy = render_text(tmp_path, text, formats=("md",), day=DAY)["strategy.md"]
        assert f"**{review}**" in strategy and f"**{refresher}**" in strategy
