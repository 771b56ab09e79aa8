"""Wording a native reader of Korean and Chinese checks: the verdict of a lift, the
precision of task-force scores, separators and counters in the catalogs."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest

from crmplan import i18n
from crmplan.segment.labels import Figures, lift_text, score_cell, total_cell
from crmplan.segment.lift import rate_lift
from crmplan.segment.views import CriterionScore, Ranked, ResultView
from test_language import catalog_texts


def _result(size: int) -> ResultView:
    lift = rate_lift(50.0, size, 25.0, size)
    return ResultView(
        date=dt.date(2026, 2, 15),
        revenue=None,
        cost=None,
        uplift=lift.points,
        treated=50.0,
        comparison=25.0,
        lift=lift,
        rate=True,
    )


@pytest.mark.parametrize(
    ("code", "no_test", "verdict"),
    [
        ("en", "too few customers for a significance test", "significant"),
        ("zh", "客户数过少，无法做显著性检验", "不显著"),
        ("ko", "", "유의하지 않음"),
    ],
)
def test_a_lift_without_a_test_gives_no_verdict(code: str, no_test: str, verdict: str) -> None:
    with i18n.language(code):
        small = lift_text(_result(8), Figures("CNY"))
        large = lift_text(_result(400), Figures("CNY"))
    assert verdict not in small
    assert no_test in small
    assert "p < 0.001" in large


def test_task_force_scores_have_one_decimal() -> None:
    """30.1 and 3.8 side by side, never 30.125 beside 3.77."""
    f = Figures("KRW")
    mean = CriterionScore("c1", (("m1", 3.25), ("m2", 4.25)), 3.75, 3.25, 4.25)
    ranked = Ranked("vip", 2, False, 30.125, 40.0, 3.7656, 4, True, (mean,), 0)
    assert total_cell(ranked, f) == "30.1"
    assert total_cell(replace(ranked, complete=False), f) == "30.1*"
    assert score_cell(mean, f) == "3.8 (3.3-4.3)"
    assert (f.score(ranked.score), f.score(ranked.max_total)) == ("3.8", "40")


def test_korean_running_text_has_no_semicolon() -> None:
    """Korean separates with a comma or a middle dot, never ``유효; 결정 근거``."""
    assert [t for t in catalog_texts("ko") if "; " in t or t.endswith(";")] == []


def test_korean_headings_do_not_repeat_themselves() -> None:
    assert [t for t in catalog_texts("ko") if "위 순위" in t] == []


def test_korean_overdue_review_names_its_date_as_the_due_date() -> None:
    with i18n.language("ko"):
        text = i18n.ngettext(
            "the review due on {due} is {days} day overdue",
            "the review due on {due} is {days} days overdue",
            144,
        ).format(due="2026-07-16", days=144)
    assert text == "리뷰 예정일(2026-07-16)로부터 144일이 지났습니다"


# 位 counts people: a customer that is a firm is not one (试验组48位); 个客户 fits both.
PERSON_COUNTER = re.compile(r"\{[a-z_]+\}位(?!数)|客户\{[a-z_]+\}位")


def test_chinese_counts_customers_without_a_counter_for_people() -> None:
    assert [t for t in catalog_texts("zh") if PERSON_COUNTER.search(t)] == []
