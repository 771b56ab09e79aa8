"""The pure layout of chart labels: widths, wrapping, thinning and placing without overlap."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmplan.render.layout import (
    Block,
    Box,
    atoms,
    flow,
    place,
    single,
    spread,
    text_width,
    thin,
    wrap,
)

# Latin words, Korean eojeol, Chinese runs with their punctuation, and the odd long word.
WORDS = st.sampled_from([
    "Before", "the", "visit", "Consideration", "Repeat", "purchase", "rate", "No-show",
    "첫", "접촉", "사후관리", "멤버십", "재방문", "시술", "후", "상담→시술", "전환율",
    "技术咨询", "首次解决率", "（样品）", "区域经销商，", "战略OEM大客户", "新能源与半导体设备",
    "Supercalifragilisticexpialidocious", "42%", "2026-03-31", "·", "—", "é", "😀",
])
TEXTS = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)
BOXES = st.builds(lambda x, y, w, h: Box(x, y, x + w, y + h),
                  st.floats(0, 600), st.floats(0, 400), st.floats(1, 120), st.floats(1, 40))


def test_widths_come_from_the_table_and_full_width_is_one_em() -> None:
    assert abs(text_width("0123456789", 10) - 64.0) < 1e-9  # DejaVu Sans digits: 0.64 em
    assert text_width("사후관리", 10) == 40.0 and text_width("区域经销商", 10) == 50.0
    assert text_width("é", 10) == text_width("e", 10)  # an accented letter reads as its base
    assert text_width("W", 10, bold=True) > text_width("W", 10)


def test_korean_breaks_between_words_and_chinese_between_characters() -> None:
    assert wrap("시술 후 72시간 내 확인 연락 완료율", 60, 11) == (
        "시술 후", "72시간 내", "확인 연락", "완료율")
    assert wrap("新能源与半导体设备潜在客户", 60, 11) == ("新能源与半", "导体设备潜", "在客户")
    assert wrap("先准备，再攻坚", 50, 11) == ("先准备，", "再攻坚")  # no line starts with ，
    assert wrap("Consideration", 20, 11) == ("Consideration",)  # a word is never cut


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(TEXTS, st.floats(10, 300), st.sampled_from([9.0, 11.0, 14.0]), st.booleans())
def test_wrapped_lines_fit_and_keep_every_character(text: str, width: float, size: float,
                                                    bold: bool) -> None:
    lines = wrap(text, width, size, bold)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        pieces = atoms(line)
        assert text_width(line, size, bold) <= width or len(pieces) == 1, line
    assert all("…" not in line for line in lines if "…" not in text)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.lists(BOXES, max_size=40), st.floats(0, 8))
def test_thinned_boxes_never_overlap(boxes: list[Box], gap: float) -> None:
    kept = thin(boxes, spread(len(boxes)), gap)
    assert kept == sorted(set(kept))
    for a, b in itertools.combinations(kept, 2):
        assert not boxes[a].overlaps(boxes[b], gap)
    if boxes:
        assert len(boxes) - 1 in kept  # the first in the order is always kept


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(BOXES, min_size=1, max_size=6), max_size=20),
       st.lists(BOXES, max_size=10), st.floats(0, 6))
def test_placed_boxes_stay_inside_and_overlap_nothing(candidates: list[list[Box]],
                                                      obstacles: list[Box],
                                                      gap: float) -> None:
    within = Box(0, 0, 700, 420)
    taken = list(obstacles)
    chosen = place(candidates, taken, within, gap)
    boxes = [options[c] for options, c in zip(candidates, chosen, strict=True) if c is not None]
    assert taken == obstacles + boxes
    for box in boxes:
        assert box.within(within)
        assert not any(box.overlaps(o, gap) for o in obstacles)
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b, gap)


@given(st.integers(0, 300))
def test_spread_orders_every_index_once(count: int) -> None:
    assert sorted(spread(count)) == list(range(count))


@given(st.lists(st.floats(1, 300), max_size=12), st.floats(300, 700))
def test_a_legend_flows_into_rows_that_fit(widths: list[float], right: float) -> None:
    starts = flow(widths, 10, right, 18)
    for (x, _row), width in zip(starts, widths, strict=True):
        assert x + width <= right or x == 10
    rows = [[(x, w) for (x, r), w in zip(starts, widths, strict=True) if r == n]
            for n in range(max((r for _x, r in starts), default=-1) + 1)]
    for entries in rows:
        for (x1, w1), (x2, _w2) in itertools.pairwise(entries):
            assert x1 + w1 < x2


def test_a_block_of_lines_grows_downwards_and_a_turned_one_hangs_below_its_end() -> None:
    one, two = single("Awareness", 11), Block(("Before", "the visit"), 11)
    assert two.box(100, 50).top == one.box(100, 50).top
    assert two.box(100, 50).bottom > one.box(100, 50).bottom
    assert one.box(100, 50, "end").right == 100 and one.box(100, 50, "start").left == 100
    turned = one.turned_box(100, 50)
    assert turned.top == 50 and abs(turned.height - one.width) < 1e-9
