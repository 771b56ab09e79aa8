"""The priority matrix as a Mermaid quadrantChart: only text Mermaid's grammar accepts."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from crmplan.i18n import language
from crmplan.segment.mermaid import coordinate, label, quadrant_chart
from crmplan.segment.views import Matrix, Point

# Mermaid's quadrant lexer (quadrant.jison): point_x and point_y are (1)|(0(.\d+)?);
# a "..." string is [^"]*; a `"` followed by a backtick opens a Markdown string.
POINT = re.compile(r'^    "(?P<label>[^"`][^"]*|)": \[(?P<x>1|0(\.\d+)?), (?P<y>1|0(\.\d+)?)\]$')
HOSTILE = [
    'He said "hi"', "a: [0.1, 0.2]", "x]] ; y", '%%{init: {"theme": "dark"}}%%', "`md`",
    "<script>alert(1)</script>", "#quot; #35;", '서하 "VIP"\n멤버십', "战略OEM：大客户: A/B",
    "tab\there\rand\x1b[2J", "line\u2028separator", "   ", "(brackets) {braces} [list]",
]


def chart(names: list[str]) -> str:
    points = tuple(Point(f"s{i}", name, i / max(1, len(names)), 1 - i / max(1, len(names)),
                         "later", ()) for i, name in enumerate(names))
    with language("en"):
        return quadrant_chart(Matrix(points, ()))


@pytest.mark.parametrize(("value", "text"), [
    (0, "0"), (1, "1"), (0.5, "0.50"), (0.125, "0.13"), (0.994, "0.99"), (0.995, "1"),
    (0.004, "0"), (0.005, "0.01"), (-0.2, "0"), (1.7, "1"), (1e-12, "0"), (0.0999999, "0.10"),
])
def test_coordinates_are_0_1_or_two_decimals(value: float, text: str) -> None:
    assert coordinate(value) == text


@given(st.floats(allow_nan=False))
def test_any_coordinate_is_one_mermaid_reads(value: float) -> None:
    text = coordinate(value)
    assert re.fullmatch(r"1|0|0\.\d\d", text) and text not in ("0.00", "1.00")
    if 0 <= value <= 1:
        assert math.isclose(float(text), value, abs_tol=0.005 + 1e-9)


@given(st.text())
@example("%%%{init}%%")
@example('"`x`"')
def test_any_label_is_a_safe_quoted_string(name: str) -> None:
    text = label(name)
    inner = text[1:-1]
    assert text.startswith('"') and text.endswith('"') and '"' not in inner
    assert "`" not in inner and "%%" not in inner and not re.search(r"#\w+;", inner)
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029<>]", inner)
    assert inner == inner.strip() and len(inner) <= 60


def test_hostile_names_give_only_valid_point_lines() -> None:
    text = chart(HOSTILE)
    points = [line for line in text.splitlines() if line.startswith('    "')]
    assert len(points) == len(HOSTILE)
    assert all(POINT.match(line) for line in points), points
    assert "%%" not in text
    assert points[0] == "    \"He said 'hi'\": [0, 1]"
    assert '"a: [0.1, 0.2]"' in points[1]
    assert "\"‹script›alert(1)‹/script›\"" in points[5]
    assert "\"＃quot; ＃35;\"" in points[6]
    assert "\"서하 'VIP' 멤버십\"" in points[7]
    assert "\"战略OEM：大客户: A/B\"" in points[8]
    assert points[11].startswith('    "s11":')  # nothing left of the name: the segment's id


def test_the_chart_names_its_axes_and_quadrants() -> None:
    assert chart(["VIP"]).splitlines() == [
        "quadrantChart",
        '    x-axis "Hard to execute" --> "Easy to execute"',
        '    y-axis "Low value" --> "High value"',
        '    quadrant-1 "Attack first"',
        '    quadrant-2 "Prepare, then attack"',
        '    quadrant-3 "Later"',
        '    quadrant-4 "Quick tests"',
        '    "VIP": [0, 1]',
    ]


def test_translated_axis_labels_are_quoted_too() -> None:
    with language("ko"):
        text = quadrant_chart(Matrix((), ()))
    assert all(line.count('"') in (0, 2, 4) for line in text.splitlines())
