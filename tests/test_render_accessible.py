"""The HTML deliverables' structure for screen readers and phones, read from the rendered
markup without a browser: captioned tables with scoped, non-empty headers and labelled cells,
headings that never skip a level, a table of figures behind every chart, charts that know the
width at which their text stays readable, ids that break between their parts, and status
colours that meet WCAG AA. The browser's view of the same is tests/test_render_a11y.py."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from crmplan.render.breaks import breakable
from crmplan.render.svg import READABLE_PX, readable_width
from render_helpers import EXAMPLES, loaded_example, render_loaded

STYLESHEET = Path(__file__).parents[1] / "templates" / "render" / "style.css.j2"


class _Outline(HTMLParser):
    """What a screen reader meets: tables with their captions, headers and cells; headings
    in order; charts and the tables of figures beside them."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, object]] = []
        self.headings: list[int] = []
        self.charts = 0
        self.figure_tables = 0
        self._open: list[dict[str, object]] = []
        self._cell: list[str] | None = None
        self._figure = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            table: dict[str, object] = {"classes": found.get("class") or "", "first": None,
                                        "headers": [], "cells": []}
            self.tables.append(table)
            self._open.append(table)
        elif self._open and self._open[-1]["first"] is None:
            self._open[-1]["first"] = tag
        if tag in ("th", "td") and self._open:
            self._cell = []
            key = "headers" if tag == "th" else "cells"
            self._open[-1][key].append((found, self._cell))  # type: ignore[attr-defined]
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "figure":
            self._figure = True
        if tag == "svg" and "chart" in (found.get("class") or ""):
            self.charts += 1
        if tag == "details" and self._figure:
            self.figure_tables += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._open:
            self._open.pop()
        if tag in ("th", "td"):
            self._cell = None
        if tag == "figure":
            self._figure = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture(scope="module")
def outlines() -> dict[str, _Outline]:
    found = {}
    for example, audience in itertools.product(EXAMPLES, ("client", "team")):
        for name, data in render_loaded(loaded_example(example), ("html",),
                                        audience=audience).items():
            outline = _Outline()
            outline.feed(data.decode("utf-8"))
            found[f"{example}/{audience}/{name}"] = outline
    return found


@pytest.mark.slow
def test_every_table_is_captioned_with_scoped_headers_and_labelled_cells(
        outlines: dict[str, _Outline]) -> None:
    tables = 0
    for document, outline in outlines.items():
        for table in outline.tables:
            tables += 1
            assert table["first"] == "caption", (document, table)
            for attrs, text in table["headers"]:  # type: ignore[attr-defined]
                assert attrs.get("scope") in ("col", "row"), (document, attrs)
                assert "".join(text).strip(), (document, "an empty header cell")
            if "stack" in str(table["classes"]):  # a card on a phone: each cell says what it is
                for attrs, _text in table["cells"]:  # type: ignore[attr-defined]
                    assert attrs.get("data-label"), (document, attrs)
    assert tables > 100


@pytest.mark.slow
def test_headings_never_skip_a_level_and_every_chart_has_its_figures(
        outlines: dict[str, _Outline]) -> None:
    charts = 0
    for document, outline in outlines.items():
        levels = outline.headings
        assert levels[0] == 1, document
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, (document, before, after)
        assert outline.figure_tables == outline.charts, document
        charts += outline.charts
    assert charts > 20


@pytest.mark.slow
@given(st.text(alphabet="ab_/.<&'\" 한中", max_size=30))
def test_an_id_breaks_after_its_separators_and_reads_the_same(text: str) -> None:
    shown = str(breakable(text))
    assert shown.replace("<wbr>", "") == str(escape(text))  # nothing else changes
    for separator in "_/":
        for piece in shown.split(separator)[1:]:  # after each separator, a break or another
            assert piece == "" or piece.startswith(("<wbr>", "_", "/"))


def test_an_id_breaks_between_its_words() -> None:
    assert str(breakable("repeat_purchase_rate")) == "repeat_<wbr>purchase_<wbr>rate"
    assert str(breakable("examples/plan.yaml:3:1")) == "examples/<wbr>plan.yaml:3:1"
    assert str(breakable("<b>_x")) == "&lt;b&gt;_<wbr>x"


def test_a_chart_keeps_the_width_at_which_its_smallest_text_is_readable() -> None:
    body = ['<text font-size="11.0">a</text>', '<text font-size="12.0">b</text>']
    width = readable_width(720, body)
    assert 11 * width / 720 >= READABLE_PX > 11 * (width - 2) / 720
    assert readable_width(720, ["<rect/>"]) == 0  # no text: nothing to keep readable


@pytest.mark.slow
def test_every_chart_in_the_documents_names_its_readable_width(
        outlines: dict[str, _Outline]) -> None:
    for example in EXAMPLES:
        html = render_loaded(loaded_example(example), ("html",))["strategy.html"].decode()
        for svg in re.findall(r"<svg [^>]*>", html):
            width = float(re.search(r'viewBox="0 0 ([0-9.]+)', svg).group(1))  # type: ignore[union-attr]
            readable = int(re.search(r"--readable: (\d+)px", svg).group(1))  # type: ignore[union-attr]
            assert readable * 11 / width >= READABLE_PX, svg


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_stylesheets_text_colours_meet_wcag_aa_on_every_background() -> None:
    colours = dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6})", STYLESHEET.read_text()))
    for text, ground in itertools.product(("ink", "muted", "accent", "good", "warn", "bad"),
                                          ("paper", "soft", "accent-soft", "todo")):
        assert _contrast(colours[text], colours[ground]) >= 4.5, (text, ground)
