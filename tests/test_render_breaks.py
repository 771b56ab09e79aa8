"""The line breaks made explicit for the PDF engine: Korean words joined, identifiers breakable
after ``_``, and nothing else of the document changed."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmplan.render.breaks import WORD_JOINER, print_breaks, unjoined

J = WORD_JOINER


def test_korean_words_are_joined_and_break_only_at_their_spaces() -> None:
    assert print_breaks("<td>우선순위 높음</td>") == f"<td>우{J}선{J}순{J}위 높{J}음</td>"


def test_digits_and_latin_letters_stay_with_their_korean_word() -> None:
    assert print_breaks("<p>12개월 CRM을</p>") == f"<p>12{J}개{J}월 CRM{J}을</p>"


def test_an_identifier_breaks_after_its_underscores() -> None:
    assert print_breaks("<td>no_show_rate</td>") == "<td>no_<wbr>show_<wbr>rate</td>"
    assert print_breaks("<td>_lead trail_ a_</td>") == "<td>_lead trail_ a_</td>"


@pytest.mark.parametrize("figure", [
    "2026年3月6日", "2025年11月", "11月20日", "36万元", "+0.43万元", "1,965.43元",
    "-1.62小时", "3.2倍", "83.9%",
])
def test_a_chinese_date_or_figure_stays_whole_with_its_unit(figure: str) -> None:
    """A reader of the Chinese PDFs found "36万|元", "每月-1.62|小时", "2025年11月|20日"."""
    assert print_breaks(f"<td>按{figure}，共计</td>") == f"<td>按{J.join(figure)}，共计</td>"


def test_a_monthly_pace_breaks_after_its_every_month_and_nowhere_in_it() -> None:
    pace = J.join("-1.62小时")
    assert print_breaks("<td>每月-1.62小时</td>") == f"<td>每{J}月<wbr>{pace}</td>"
    assert print_breaks("<td>每月的</td>") == "<td>每月的</td>"


def test_chinese_and_english_text_is_left_as_it_is() -> None:
    text = "<p>客户细分 and customers, 加权比较</p><td>权重</td>"
    assert print_breaks(text) == text


def test_a_short_chinese_word_in_a_table_header_stays_whole() -> None:
    assert print_breaks('<th class="num">权重</th><th>试用 与用友U8集成（订单）</th>') == (
        f'<th class="num">权{J}重</th><th>试{J}用 与{J}用{J}友U8集{J}成（订{J}单）</th>'
    )
    assert print_breaks("<th>功能需求说明书</th>") == "<th>功能需求说明书</th>"


def test_tags_attributes_styles_and_charts_are_never_changed() -> None:
    html = (
        '<p title="우선순위 no_show_rate">가나</p><style>.a_b{content:"가나"}</style>'
        "<svg><text>가나 a_b</text><title>가나</title></svg><!-- 가나 a_b -->"
        '<svg viewBox="0 0 1 1"/><b>다라</b>'
    )
    assert print_breaks(html) == (
        f'<p title="우선순위 no_show_rate">가{J}나</p>'
        '<style>.a_b{content:"가나"}</style>'
        "<svg><text>가나 a_b</text><title>가나</title></svg>"
        f'<!-- 가나 a_b --><svg viewBox="0 0 1 1"/><b>다{J}라</b>'
    )


@pytest.mark.slow
@given(st.text(alphabet="가나다라 ab_1<>/=\"'xy客户年月日万元每周.,+-%\n", max_size=60))
def test_only_joiners_and_breaks_are_added(text: str) -> None:
    """Whatever the document, taking out what was added gives it back byte for byte."""
    added = print_breaks(f"<p>{text}</p>")
    assert unjoined(re.sub(r"(?<=[_月周年季])<wbr>", "", added)) == f"<p>{text}</p>"
