"""Text fitted to a slide's box: shrunk first, then cut, never over the box, nothing lost."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmplan.render.deck.fit import ELLIPSIS, fit, height_of, lines, pieces

WIDTH, HEIGHT = 4572000, 1828800  # 5 in by 2 in
SIZES = (18, 14, 12)
HANGUL_BOTH = re.compile(r"^[\uac00-\ud7a3]{2}$")  # two syllables: a break inside a word
words = st.lists(
    st.sampled_from(
        [
            "customer",
            "journey",
            "고객",
            "여정을",
            "客户旅程",
            "KPI",
            "a",
            "repeat-purchase",
            "—",
            "지도",
        ]
    ),
    min_size=1,
    max_size=80,
).map(" ".join)


def test_short_text_keeps_the_largest_size() -> None:
    fitted = fit(["Map the VIP journey first"], WIDTH, HEIGHT, SIZES)
    assert fitted.size == 18 and fitted.rest == ()
    assert fitted.paragraphs == ("Map the VIP journey first",)


def test_longer_text_shrinks_before_it_is_cut() -> None:
    text = ["word " * 60]
    assert height_of(text, WIDTH, 18) > HEIGHT
    fitted = fit(text, WIDTH, HEIGHT, SIZES)
    assert fitted.size < 18 and fitted.rest == ()


def test_text_too_long_is_cut_with_the_rest_kept() -> None:
    paragraphs = [
        f"Problem {n}: the checkout asks for the shipping cost too late" for n in range(12)
    ]
    fitted = fit(paragraphs, WIDTH, HEIGHT, SIZES)
    assert fitted.size == 12 and fitted.rest
    assert len(fitted.paragraphs) + len(fitted.rest) - fitted.paragraphs[-1].endswith(
        ELLIPSIS
    ) == len(paragraphs)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(st.lists(words, min_size=1, max_size=8))
def test_what_is_kept_fits_and_nothing_is_lost(paragraphs: list[str]) -> None:
    fitted = fit(paragraphs, WIDTH, HEIGHT, SIZES)
    assert height_of(fitted.paragraphs, WIDTH, fitted.size) <= HEIGHT
    whole = [p for p in fitted.paragraphs if not p.endswith(ELLIPSIS) or p in paragraphs]
    cut = [p for p in fitted.paragraphs if p not in whole]
    assert (
        whole + list(fitted.rest[:1] if cut else []) + list(fitted.rest[1:] if cut else fitted.rest)
        == paragraphs
    )
    for head in cut:
        assert fitted.rest[0].startswith(head.removesuffix(ELLIPSIS))


def test_chinese_breaks_after_a_mark_rather_than_inside_a_word() -> None:
    title = "客户旅程改进与CRM/KPI管理合并为一个改进闭环，同时推进。"
    assert lines(title, 10_000_000, 28, bold=True) == (
        "客户旅程改进与CRM/KPI管理合并为一个改进闭环，",
        "同时推进。",
    )


def test_a_short_quoted_name_stays_on_one_line() -> None:
    title = "VIP 고객 여정: 고객 불편이 가장 큰 '이상 증상 문의'부터 개선"
    wrapped = lines(title, 10_000_000, 28, bold=True)
    assert len(wrapped) == 2 and wrapped[1].startswith("'이상 증상 문의'")


def test_pieces_join_back_to_the_text() -> None:
    text = "첫 방문 후 재방문율을 높이고 카카오톡 1차 응답 시간을 줄인다"
    wrapped = lines(text, 2_500_000, 18)
    assert len(wrapped) > 2 and "".join(pieces(text, wrapped)) == text
    assert all(not HANGUL_BOTH.search(a[-1:] + b[:1]) for a, b in pairwise(pieces(text, wrapped)))


phrases = st.lists(
    st.sampled_from(
        [
            "客户旅程",
            "，",
            "同时推进。",
            "“交付跟踪与延期通知”",
            "고객",
            "재방문율을",
            "'이상 증상'",
            "KPI",
            "2025-09-01至2025-10-31",
            "(RFQ)",
            "—",
            "word",
            "고객 여정을 ",
        ]
    ),
    min_size=1,
    max_size=30,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(phrases, st.sampled_from([1_000_000, 2_500_000, 6_000_000]))
def test_lines_cut_nothing_and_join_back(text: str, width: int) -> None:
    wrapped = lines(text, width, 14)
    cut = pieces(text, wrapped)
    assert "".join(cut) == text
    assert [c.rstrip() for c in cut] == [line.rstrip() for line in wrapped]
