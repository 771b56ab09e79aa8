"""The software comparison, the Mermaid KPI trend and the SVG charts."""

from __future__ import annotations

import datetime as dt
import re

from crmplan.model.strategy import Software
from crmplan.render import charts
from crmplan.render.xychart import number, trend_chart
from crmplan.software import compare

NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$")  # xychart.jison's NUMBER_WITH_DECIMAL
QUOTED = re.compile(r'^"[^"\n]*"$')


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
    assert lines[0] == "xychart-beta"
    assert QUOTED.match(lines[1].split("title ", 1)[1])
    assert "%%" not in text and "<" not in text
    categories = lines[2].split("x-axis ", 1)[1].strip("[]").split(", ")
    assert all(QUOTED.match(c) for c in categories)
    axis = re.match(r'^    y-axis "[^"]*" (\S+) --> (\S+)$', lines[3])
    assert axis and all(NUMBER.match(v) for v in axis.groups())
    for line in lines[4:]:
        values = line.split("line ", 1)[1].strip("[]").split(", ")
        assert all(NUMBER.match(v) for v in values), line


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
