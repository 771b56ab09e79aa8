"""The software comparison, the Mermaid KPI trend and the SVG charts."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmplan.model.strategy import Software
from crmplan.render import charts
from crmplan.render.layout import Block, Box, text_width
from crmplan.render.xychart import (
    AXIS_FONT,
    AXIS_WIDTH,
    INIT,
    INVISIBLE,
    categories,
    number,
    trend_chart,
    unseen,
)
from crmplan.software import compare

NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$")  # xychart.jison's NUMBER_WITH_DECIMAL
QUOTED = re.compile(r'^"[^"\n]*"$')
ROOT = Path(__file__).parents[1]


def test_weighted_totals_ranks_and_exclusions() -> None:
    software = Software.model_validate({
        "scale": {"min": 0, "max": 5},
        "capabilities": [{"id": "a", "name": "A", "weight": 3, "required": True},
                         {"id": "b", "name": "B", "weight": 1}],
        "candidates": [{"id": "x", "name": "X", "scores": {"a": 4, "b": 3}},
                       {"id": "y", "name": "Y", "scores": {"a": 5, "b": 0}},
                       {"id": "z", "name": "Z", "scores": {"a": 0, "b": 5}},
                       {"id": "w", "name": "W", "scores": {"b": 5}}],
        "decision": {"candidate": "x", "date": dt.date(2026, 1, 1), "rationale": "r"}})
    result = {c.id: c for c in compare(software).candidates}
    assert result["x"].total == 15 and result["y"].total == 15 and result["x"].max_total == 20
    assert (result["x"].rank, result["y"].rank) == (1, 1)  # a tie shares the rank
    assert result["z"].excluded and result["w"].excluded and result["z"].rank is None
    assert result["x"].chosen and result["x"].share_pct == 75


def test_trend_chart_follows_the_xychart_grammar() -> None:
    text = trend_chart('Name "with" quotes %% and\nnewline <b>', "%",
                       [(dt.date(2026, 1, 1), 27.5), (dt.date(2026, 2, 1), -3.25)], 1234567.0)
    lines = text.splitlines()
    assert lines[0] == INIT and json.loads(INIT[len("%%{init: "):-len("}%%")])
    assert lines[1] == "xychart-beta"
    assert QUOTED.match(lines[2].split("title ", 1)[1])
    assert "%%" not in text.split("\n", 1)[1] and "<" not in text
    categories = lines[3].split("x-axis ", 1)[1].strip("[]").split(", ")
    assert all(QUOTED.match(c) for c in categories)
    axis = re.match(r'^    y-axis "[^"]*" (\S+) --> (\S+)$', lines[4])
    assert axis and all(NUMBER.match(v) for v in axis.groups())
    assert float(axis.group(2)) > 1234567  # the axis reaches the target
    for line in lines[5:]:
        values = line.split("line ", 1)[1].strip("[]").split(", ")
        assert all(NUMBER.match(v) for v in values), line
    assert len(lines) == 6  # one line: Mermaid could tell a second one by colour alone


@pytest.mark.parametrize("count", [2, 12, 40, 200])
def test_trend_chart_writes_the_dates_that_fit_and_hides_the_rest(count: int) -> None:
    days = [dt.date(2025, 1, 1) + dt.timedelta(days=3 * n) for n in range(count)]
    names = categories(days)
    assert len(set(names)) == count  # Mermaid merges categories of one name
    shown = [n for n, name in enumerate(names) if name == days[n].isoformat()]
    hidden = [name for name in names if name not in {d.isoformat() for d in days}]
    assert all(set(name) <= set(INVISIBLE) for name in hidden)
    assert count - 1 in shown and 0 in shown  # the latest and the first
    band = AXIS_WIDTH / count
    width = text_width("2025-01-01", AXIS_FONT)
    assert all(band * (b - a) >= width + 8 for a, b in itertools.pairwise(shown))
    assert len(shown) >= min(count, 5)
    text = trend_chart("Rate", "%", [(d, 1.0) for d in days], None)
    assert all(f'"{name}"' in text for name in names)


def test_invisible_category_names_are_distinct() -> None:
    assert len({unseen(n) for n in range(5000)}) == 5000


def test_numbers_are_plain_decimals() -> None:
    assert [number(v) for v in (27.5, 3.0, -0.0, 1e-7, 1234567.891)] == [
        "27.5", "3", "0", "0", "1234567.891"]


def test_svg_escapes_text_and_has_fixed_decimals() -> None:
    svg = charts.gap_bars("g", '<script>"x"</script>', "d",
                          [charts.Bar("<b>kpi</b>", 33.333333, "at_risk", "n")])
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&lt;b&gt;kpi" in svg
    assert 'viewBox="0 0 720.0 48.0"' in svg and 'width="100%"' in svg
    assert re.search(r'<title id="g-t">', svg) and re.search(r'<desc id="g-d">', svg)
    assert not re.search(r"\d\.\d{2,}", svg)


# -- labels that never overlap -------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"
NAMES = st.lists(st.sampled_from([
    "Before", "the", "visit", "Consideration", "Regular", "customers", "첫", "접촉",
    "사후관리", "멤버십", "재방문", "고객", "VIP", "新能源与半导体设备", "潜在客户",
    "战略OEM大客户", "（样品）",
    "Supercalifragilisticexpialidocious", "42%", "&", "<b>", "\"x\"",
]), min_size=1, max_size=8).map(" ".join)


def texts(markup: str) -> list[tuple[str, Box]]:
    """Every ``<text>`` of a chart: its words, and its box as the layout measures it."""
    root = ElementTree.fromstring(str(markup))
    found = []
    for node in root.iter(f"{SVG}text"):
        spans = list(node.iter(f"{SVG}tspan"))
        lines = tuple(s.text or "" for s in spans) if spans else (node.text or "",)
        label = Block(lines, float(node.get("font-size", "12")), node.get("font-weight") == "bold")
        x, y = float(node.get("x", "0")), float(node.get("y", "0"))
        turned = "rotate(-90" in node.get("transform", "")
        box = label.turned_box(x, y) if turned else label.box(x, y, node.get("text-anchor",
                                                                              "start"))
        found.append((" ".join(lines), box))
    return found


def check_labels(markup: str) -> list[str]:
    """No two texts overlap, each lies inside the chart, none is cut; the texts' words."""
    width, height = (float(v) for v in
                     re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', str(markup)).groups())
    found = texts(markup)
    for words, box in found:
        assert box.within(Box(-0.5, -0.5, width + 0.5, height + 0.5)), (words, box, width)
        assert "…" not in words
    for (a, box_a), (b, box_b) in itertools.combinations(found, 2):
        assert not box_a.overlaps(box_b), (a, box_a, b, box_b)
    return [words for words, _box in found]


def flat(text: str) -> str:
    return "".join(text.split())


def series(count: int, days: int, start: dt.date = dt.date(2025, 1, 1)) -> list[charts.TrendPoint]:
    return [charts.TrendPoint(start + dt.timedelta(days=days * n), 20 + (n * 7) % 11,
                              f"{20 + (n * 7) % 11}.0%") for n in range(count)]


@pytest.mark.parametrize("count", [2, 12, 40, 200])
@pytest.mark.parametrize("days", [1, 7, 30, 91])
@pytest.mark.parametrize("with_target", [True, False])
def test_trend_dates_and_values_never_overlap(count: int, days: int, with_target: bool) -> None:
    points = series(count, days)
    target = charts.TrendPoint(points[-1].day + dt.timedelta(days=270), 33, "target 33%")
    words = check_labels(charts.trend("t", "Repeat purchase rate", "d", points,
                                      target if with_target else None))
    assert points[-1].day.isoformat() in words  # the latest date is always written
    assert points[-1].label in words  # and the latest value
    assert ("target 33%" in words) == with_target  # the legend, when there are two series


def test_trend_dates_level_when_they_fit_and_turned_when_they_do_not() -> None:
    level = charts.trend("t", "k", "d", series(4, 91), None)
    assert "rotate(" not in level and level.count("2025-") + level.count("2026-") >= 4
    close = charts.trend("t", "k", "d", [charts.TrendPoint(dt.date(2026, 6, 1), 1, "1"),
                                         charts.TrendPoint(dt.date(2026, 6, 10), 2, "2")],
                         charts.TrendPoint(dt.date(2026, 12, 31), 3, "target 3"))
    assert "rotate(-90" in close  # 2026-06-01 and 2026-06-10 side by side would overlap
    words = check_labels(close)
    assert {"2026-06-01", "2026-06-10", "2026-12-31"} <= set(words)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2000), st.floats(-1e6, 1e6)), min_size=2, max_size=60,
                unique_by=lambda p: p[0]),
       st.none() | st.tuples(st.integers(0, 2400), st.floats(-1e6, 1e6)), NAMES)
def test_any_trend_keeps_its_labels_apart(figures: list[tuple[int, float]],
                                          target: tuple[int, float] | None, name: str) -> None:
    start = dt.date(2024, 1, 1)
    points = [charts.TrendPoint(start + dt.timedelta(days=d), v, f"{v:,.1f}")
              for d, v in sorted(figures)]
    goal = None if target is None else charts.TrendPoint(
        start + dt.timedelta(days=target[0]), target[1], f"target {target[1]:,.1f}")
    words = check_labels(charts.trend("t", name, "d", points, goal))
    assert points[-1].day.isoformat() in words


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(NAMES, st.floats(0, 1), st.floats(0, 1)), max_size=14),
       st.tuples(NAMES, NAMES, NAMES, NAMES))
def test_segment_names_never_cover_the_quadrants_or_each_other(
        segments: list[tuple[str, float, float]], quadrants: tuple[str, str, str, str]) -> None:
    labels = charts.MatrixLabels("Hard to execute", "Easy to execute", "Low value",
                                 "High value", quadrants)
    markup = charts.priority_matrix("m", "t", "d", [charts.MatrixPoint(n, e, v)
                                                    for n, e, v in segments], labels)
    words = [flat(w) for w in check_labels(markup)]
    for name in quadrants:
        assert flat(name) in words
    for name, _e, _v in segments:  # segments whose markers touch share a label
        assert any(flat(name) in w for w in words)
    for words_, box in texts(markup)[4:]:  # no name or axis label under a point
        assert not any(box.overlaps(dot) for dot in dots(markup)), words_


def dots(markup: str) -> list[Box]:
    root = ElementTree.fromstring(str(markup))
    return [Box(float(c.get("cx", 0)) - 5, float(c.get("cy", 0)) - 5,
                float(c.get("cx", 0)) + 5, float(c.get("cy", 0)) + 5)
            for c in root.iter(f"{SVG}circle")]


def test_a_quadrant_label_moves_off_a_point_on_it() -> None:
    labels = charts.MatrixLabels("Hard", "Easy", "Low", "High",
                                 ("Attack first", "Prepare, then attack", "Later", "Quick tests"))
    markup = charts.priority_matrix("m", "t", "d", [charts.MatrixPoint("VIP", 0.75, 0.97),
                                                    charts.MatrixPoint("New", 0.25, 0.47)],
                                    labels)
    check_labels(markup)
    quadrant_boxes = [box for words, box in texts(markup)[:4]]
    assert [words for words, _box in texts(markup)[:4]] == list(labels.quadrants)
    assert not any(q.overlaps(dot) for q in quadrant_boxes for dot in dots(markup))


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(NAMES, st.integers(0, 8)), min_size=1, max_size=10),
       st.sampled_from([("As-is", "To-be"), ("현재", "개선 후"), ("现状", "改进后")]))
def test_stage_names_wrap_whole_and_apart(stages: list[tuple[str, int]],
                                          legend: tuple[str, str]) -> None:
    count = sum(n for _name, n in stages)
    points = [charts.CurvePoint(f"t{i}", i % 5 - 2, (i + 1) % 5 - 2) for i in range(count)]
    markup = charts.emotion_curve("c", "t", "d",
                                  [charts.CurveStage(name, n) for name, n in stages], points,
                                  legend)
    words = [flat(w) for w in check_labels(markup)]
    for name, n in stages:
        assert not n or flat(name) in words


def test_a_long_stage_name_wraps_instead_of_being_cut() -> None:
    markup = charts.emotion_curve(
        "c", "t", "d", [charts.CurveStage("Before the visit and the first consultation", 1),
                        charts.CurveStage("Consideration", 1), charts.CurveStage("Visit", 14)],
        [charts.CurvePoint(f"t{i}", 0, 1) for i in range(16)], ("As-is", "To-be"))
    words = check_labels(markup)
    assert "Before the visit and the first consultation" in words and "Consideration" in words


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(NAMES, NAMES), min_size=1, max_size=8))
def test_gap_bar_names_and_notes_wrap_whole(rows: list[tuple[str, str]]) -> None:
    markup = charts.gap_bars("g", "t", "d", [charts.Bar(name, 50, "at_risk", note)
                                             for name, note in rows])
    words = [flat(w) for w in check_labels(markup)]
    for name, note in rows:
        assert flat(name) in words and flat(note) in words


def test_two_series_differ_in_dash_and_marker_and_have_a_legend() -> None:
    curve = charts.emotion_curve("c", "t", "d", [charts.CurveStage("S", 3)],
                                 [charts.CurvePoint(f"t{i}", 0, 1) for i in range(3)],
                                 ("As-is", "To-be"))
    assert {"As-is", "To-be"} <= set(check_labels(curve))
    assert "<polygon" in curve and "<circle" in curve and 'stroke-dasharray="6 4"' in curve
    kpi = charts.trend("t", "Repeat purchase rate", "d", series(5, 30),
                       charts.TrendPoint(dt.date(2026, 1, 1), 40, "target 40%"))
    assert {"Repeat purchase rate", "target 40%"} <= set(check_labels(kpi))
    assert "<polygon" in kpi and "<circle" in kpi and 'stroke-dasharray="6 4"' in kpi


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_colours_meet_wcag_aa_on_every_background_they_are_drawn_on() -> None:
    backgrounds = [charts.BACKGROUND, charts.BAND, charts.TRACK, *charts.QUADRANT_FILLS]
    marks = [charts.INK, charts.ACCENT, charts.TO_BE, charts.MUTED,
             *charts.STATUS_COLOURS.values()]
    for mark, background in itertools.product(marks, backgrounds):
        assert contrast(mark, background) >= 3, (mark, background)
    for text in (charts.INK, charts.MUTED):  # the stylesheet's ink and muted
        for background in backgrounds:
            assert contrast(text, background) >= 4.5, (text, background)
    style = (ROOT / "templates" / "render" / "style.css.j2").read_text("utf-8")
    assert f"--ink: {charts.INK};" in style and f"--muted: {charts.MUTED};" in style
