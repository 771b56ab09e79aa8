"""The priority matrix: value against ease of execution, each on a 0-1 scale.

Each axis of :data:`crmplan.segment.rules.AXES` is the plain mean of the
components a segment has:

- one task-force component: the mean scores of the axis's criteria, weighted
  by the criteria's weights, placed on 0-1 by the scale (min 0, max 1);
- one component per plan figure of :data:`FIGURES`.

A segment with no component on an axis is not placed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from crmplan.segment.rules import AXES, MIDPOINT, QUADRANTS, Axis
from crmplan.segment.views import CriterionInfo, Matrix, Point, Ranked, SegmentView

Largest = dict[str, float | None]  # figure id -> its largest value among the segments
Figure = Callable[[SegmentView, Largest], float | None]


def _relative(value: float | None, largest: float | None) -> float | None:
    """``value`` against the largest of all segments (None when unknown or all are 0)."""
    if value is None or not largest:
        return None
    return value / largest


def _contactable_share(segment: SegmentView, _largest: Largest) -> float | None:
    return None if segment.contactable_pct is None else segment.contactable_pct / 100


def _revenue_share(segment: SegmentView, largest: Largest) -> float | None:
    return _relative(segment.revenue_share_pct, largest["revenue_share"])


def _segment_long_term_value(segment: SegmentView, largest: Largest) -> float | None:
    return _relative(segment.total_long_term_value, largest["segment_long_term_value"])


# id -> how the figure becomes a 0-1 component
FIGURES: dict[str, Figure] = {
    "contactable_share": _contactable_share,  # contactable_pct / 100
    "revenue_share": _revenue_share,  # revenue_share_pct / the largest segment's
    "segment_long_term_value": _segment_long_term_value,  # size x value / the largest's
}


def _largest(segments: Sequence[SegmentView]) -> Largest:
    def top(values: list[float | None]) -> float | None:
        return max((v for v in values if v is not None), default=None)

    return {"revenue_share": top([s.revenue_share_pct for s in segments]),
            "segment_long_term_value": top([s.total_long_term_value for s in segments])}


def _task_force_part(axis: Axis, criteria: Sequence[CriterionInfo], ranked: Ranked | None,
                     scale: tuple[int, int]) -> float | None:
    if ranked is None:
        return None
    low, high = scale
    pairs = [(c.weight, s.mean) for c, s in zip(criteria, ranked.criteria, strict=True)
             if c.id in axis.criteria and s.mean is not None]
    weight = sum(w for w, _m in pairs)
    if not pairs or not weight:
        return None
    mean = sum(w * m for w, m in pairs if m is not None) / weight
    return (mean - low) / (high - low)


def _parts(axis: Axis, segment: SegmentView, largest: Largest,
           criteria: Sequence[CriterionInfo], ranked: Ranked | None,
           scale: tuple[int, int]) -> list[tuple[str, float]]:
    found = [("task_force", _task_force_part(axis, criteria, ranked, scale))]
    found += [(name, FIGURES[name](segment, largest)) for name in axis.figures]
    return [(name, _clamp(value)) for name, value in found if value is not None]


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def quadrant(ease: float, value: float) -> str:
    """The id of the quadrant a point falls in; the midpoint counts as high."""
    easy, valuable = ease >= MIDPOINT, value >= MIDPOINT
    return next(q.id for q in QUADRANTS if q.easy == easy and q.valuable == valuable)


def build(segments: Sequence[SegmentView], criteria: Sequence[CriterionInfo],
          ranking: Sequence[Ranked], scale: tuple[int, int]) -> Matrix:
    """Every segment placed on the matrix, or listed as unplaced, in plan order."""
    by_id = {r.segment: r for r in ranking}
    largest = _largest(segments)
    ease_axis, value_axis = AXES
    points: list[Point] = []
    unplaced: list[str] = []
    for segment in segments:
        ranked = by_id.get(segment.id)
        ease = _parts(ease_axis, segment, largest, criteria, ranked, scale)
        value = _parts(value_axis, segment, largest, criteria, ranked, scale)
        if not ease or not value:
            unplaced.append(segment.id)
            continue
        x, y = _mean(ease), _mean(value)
        parts = tuple((f"{ease_axis.id}.{n}", v) for n, v in ease) + tuple(
            (f"{value_axis.id}.{n}", v) for n, v in value)
        points.append(Point(segment.id, segment.name, x, y, quadrant(x, y), parts))
    return Matrix(tuple(points), tuple(unplaced))


def _mean(parts: list[tuple[str, float]]) -> float:
    return sum(v for _n, v in parts) / len(parts)
