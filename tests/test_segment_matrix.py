"""The priority matrix placed from its parts: each figure, the task force, the midpoint.

Segments and scores are built by hand (the matrix reads only the fields below), so each
test moves one input and watches where the point lands.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from crmplan.segment import matrix
from crmplan.segment.rules import MIDPOINT

# zip(strict=True) in _task_force_part: the ranking holds one score per criterion, always.
# equivalent mutant: segment/matrix.py Largest__ast_1 — a type alias: never read at run time
# equivalent mutant: segment/matrix.py Largest__ast_2 — a type alias: never read at run time
# equivalent mutant: segment/matrix.py Figure__ast_2 — a type alias: never read at run time
# equivalent mutant: segment/matrix.py Figure__ast_3 — a type alias: never read at run time
# equivalent mutant: segment/matrix.py x__task_force_part__mutmut_6 — lengths match
# equivalent mutant: segment/matrix.py x__task_force_part__mutmut_9 — lengths match
# equivalent mutant: segment/matrix.py x__task_force_part__mutmut_10 — lengths match
# equivalent mutant: segment/matrix.py x_build__mutmut_12 — ease reads no largest value

SCALE = (1, 5)


def segment(ident: str, *, contactable: float | None = None, revenue: float | None = None,
            value: float | None = None) -> Any:
    return SimpleNamespace(id=ident, name=f"Segment {ident}", contactable_pct=contactable,
                           revenue_share_pct=revenue, total_long_term_value=value)


def criterion(ident: str, weight: float = 1.0) -> Any:
    return SimpleNamespace(id=ident, weight=weight)


def ranked(ident: str, means: list[float | None]) -> Any:
    return SimpleNamespace(segment=ident,
                           criteria=[SimpleNamespace(mean=m) for m in means])


CRITERIA = [criterion("speed"), criterion("data_availability"),
            criterion("short_term_profit"), criterion("long_term_value")]


def parts(point: Any) -> dict[str, float]:
    return dict(point.parts)


def test_the_midpoint_counts_as_high_on_both_axes() -> None:
    assert matrix.quadrant(MIDPOINT, MIDPOINT) == "attack_first"
    assert matrix.quadrant(MIDPOINT, MIDPOINT - 1e-9) == "quick_test"
    assert matrix.quadrant(MIDPOINT - 1e-9, MIDPOINT) == "prepare"
    assert matrix.quadrant(MIDPOINT - 1e-9, MIDPOINT - 1e-9) == "later"


def test_a_component_is_held_within_zero_and_one() -> None:
    assert matrix._clamp(1.5) == 1.0
    assert matrix._clamp(-0.5) == 0.0
    assert matrix._clamp(0.25) == 0.25


def test_each_figure_is_placed_against_the_largest_segments() -> None:
    """Revenue share and long-term value each divide by their own largest: a segment
    first on one and last on the other shows which figure fed which part."""
    a = segment("a", contactable=80, revenue=40, value=1_000)
    b = segment("b", contactable=20, revenue=10, value=4_000)
    built = matrix.build([a, b], [], [], SCALE)
    first, second = built.points
    assert parts(first) == {"ease.contactable_share": 0.8, "value.revenue_share": 1.0,
                            "value.segment_long_term_value": 0.25}
    assert parts(second) == {"ease.contactable_share": 0.2, "value.revenue_share": 0.25,
                             "value.segment_long_term_value": 1.0}
    assert (first.ease, first.value, first.quadrant) == (0.8, 0.625, "attack_first")
    assert (second.ease, second.value, second.quadrant) == (0.2, 0.625, "prepare")
    assert (first.segment, first.name) == ("a", "Segment a")


def test_the_task_forces_part_is_its_weighted_mean_on_the_scale() -> None:
    criteria = [criterion("speed", 3), criterion("data_availability", 1),
                criterion("short_term_profit", 1), criterion("long_term_value", 1)]
    scored = ranked("a", [5, 1, 3, None])
    point = matrix.build([segment("a")], criteria, [scored], SCALE).points[0]
    # ease: (3x5 + 1x1) / 4 = 4 on 1-5 -> 0.75; value: 3 -> 0.5 (long-term value unscored)
    assert parts(point) == {"ease.task_force": 0.75, "value.task_force": 0.5}


def test_criteria_weighing_nothing_give_no_task_force_part() -> None:
    criteria = [criterion(c.id, 0) for c in CRITERIA]
    built = matrix.build([segment("a")], criteria, [ranked("a", [5, 5, 5, 5])], SCALE)
    assert built.points == () and built.unplaced == ("a",)


def test_an_unplaced_segment_does_not_stop_the_ones_after_it() -> None:
    nothing = segment("first")
    known = segment("second", contactable=50, revenue=20, value=100)
    built = matrix.build([nothing, known], [], [], SCALE)
    assert built.unplaced == ("first",)
    assert [p.segment for p in built.points] == ["second"]
