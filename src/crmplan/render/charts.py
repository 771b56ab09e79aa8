"""The four charts of the HTML deliverables, as inline SVG built from numbers.

- :func:`gap_bars`: each KPI's share of the planned move from baseline to
  target that is done, coloured by its status (step 5);
- :func:`trend`: a KPI's dated figures as a line over time, with its target
  as a dashed line (step 2 and the review report);
- :func:`emotion_curve`: a journey's emotion touchpoint by touchpoint, as-is
  and to-be, on stage bands (step 4 and the journey map);
- :func:`priority_matrix`: segments placed by ease (x) and value (y), with
  the four quadrants (step 3).

Inputs are numbers and already translated, already formatted labels; the
charts only place them, through :mod:`crmplan.render.layout`, so that no two
texts overlap: names wrap instead of being cut, date labels are thinned or
turned upright, value labels and segment names take the first free place
around their point (with a leader line when it is not next to it), stage
names that do not fit side by side are stacked. Every chart with more than
one series has a legend, and its series differ in dash and marker as well as
in colour; every colour meets WCAG AA against the background it is drawn on
(3:1 for lines and marks, 4.5:1 for text). Everything is escaped in
:mod:`crmplan.render.svg`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from crmplan.i18n import labelled
from crmplan.render import layout, svg
from crmplan.render.layout import ASCENT, Block, Box, block, single, wrap

BACKGROUND = "#ffffff"
STATUS_COLOURS = {"on_track": "#2e7d32", "at_risk": "#8a5300", "off_track": "#c62828",
                  "no_data": "#6b7280"}
INK, MUTED, GRID, ACCENT, TO_BE = "#1f2933", "#5f6b7a", "#d9dde3", "#1d4e89", "#2e7d32"
BAND = "#eef2f7"  # every other stage of a journey
TRACK = "#eceef1"  # the whole length of a gap bar
QUADRANT_FILLS = ("#e3efe5", "#eef2f7", "#f4f4f4", "#fbf1e0")
TEXT = 11  # the font size of a chart's labels
GAP = 4.0  # the least room between two labels
MIDLINE = 0.36  # the middle of a line's small letters above its baseline, in em


@dataclass(frozen=True)
class Series:
    """One line of a chart, as its legend shows it."""

    name: str
    colour: str
    dash: str
    marker: str  # circle, square or diamond


def legend(series: Sequence[Series], left: float, right: float, top: float
           ) -> tuple[list[str], float]:
    """The legend in rows from ``top``: a sample of each line with its marker, and its
    name; the elements and the y below the last row."""
    blocks = [block(s.name, right - left - 40, TEXT, hard=right - left - 40) for s in series]
    starts = layout.flow([34 + b.width for b in blocks], left, right, 18)
    body: list[str] = []
    bottom = top
    rows = [0.0] * (max((row for _x, row in starts), default=0) + 1)
    for b, (_x, row) in zip(blocks, starts, strict=True):
        rows[row] = max(rows[row], b.height)
    for s, b, (x, row) in zip(series, blocks, starts, strict=True):
        y = top + sum(rows[:row]) + GAP * row + ASCENT * TEXT
        middle = y - MIDLINE * TEXT
        body += [svg.line(x, middle, x + 28, middle, s.colour, width=2, dash=s.dash),
                 svg.marker(s.marker, x + 14, middle, 3.5, s.colour),
                 svg.block(x + 34, y, b)]
        bottom = max(bottom, y - ASCENT * TEXT + b.height)
    return body, bottom


def _around(label: Block, x: float, y: float, distances: Sequence[float], *,
            beside: bool = False) -> list[tuple[float, float, str]]:
    """Where a label may go around the point (x, y): above, below, right, left (``beside``:
    right, left, above, below), then the corners, at each distance in turn; each as (x,
    first baseline, anchor)."""
    first = ASCENT * label.size
    level = y - label.height / 2 + first
    found: list[tuple[float, float, str]] = []
    for d in distances:
        above, below = y - d - label.height + first, y + d + first
        sides = [(x + d, level, "start"), (x - d, level, "end")]
        ends = [(x, above, "middle"), (x, below, "middle")]
        corners = [(x + d * 0.7, above, "start"), (x - d * 0.7, above, "end"),
                   (x + d * 0.7, below, "start"), (x - d * 0.7, below, "end")]
        found += (sides + ends if beside else ends + sides) + corners
    return found


def _dot(x: float, y: float, radius: float) -> Box:
    return Box(x - radius, y - radius, x + radius, y + radius)


# -- gap bars --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One KPI's bar: its label, the share done (None: unknown), status and a value text."""

    label: str
    share_pct: float | None
    status: str
    note: str


def gap_bars(ident: str, title: str, description: str, bars: list[Bar]) -> Markup:
    """Horizontal bars, 0% to 100% of the planned move (beyond 100% is cut at the end);
    a KPI's name and its note wrap to as many lines as they need."""
    width, left, right = 720.0, 230.0, 170.0
    track = width - left - right
    body: list[str] = []
    y = 8.0
    for bar in bars:
        name = block(bar.label, left - 16, TEXT + 1, hard=left - 16)
        note = block(bar.note, right - 12, TEXT, hard=right - 12)
        row = max(30.0, name.height + 10, note.height + 10)
        middle = y + row / 2
        share = 0.0 if bar.share_pct is None else min(100.0, max(0.0, bar.share_pct))
        body += [svg.block(left - 8, middle - name.height / 2 + ASCENT * name.size, name,
                           anchor="end"),
                 svg.rect(left, middle - 8, track, 16, TRACK, rx=3),
                 svg.rect(left, middle - 8, track * share / 100, 16,
                          STATUS_COLOURS.get(bar.status, MUTED), rx=3),
                 svg.block(left + track + 8, middle - note.height / 2 + ASCENT * TEXT, note,
                           css="muted")]
        y += row
    frame = [svg.line(left, 4, left, y + 4, GRID),
             svg.line(left + track, 4, left + track, y + 4, GRID, dash="3 3")]
    return svg.document(ident, title, description, width, y + 10, frame + body)


# -- a KPI's trend ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    day: dt.date
    value: float
    label: str  # the value as a reader reads it (27.5%)


@dataclass(frozen=True)
class _Frame:
    """Where the plot is, and how a day and a value map onto it."""

    left: float
    top: float
    width: float
    height: float
    first: dt.date
    span: int
    low: float
    high: float

    def x(self, day: dt.date) -> float:
        return self.left + self.width * (day - self.first).days / self.span

    def y(self, value: float) -> float:
        return self.top + self.height * (self.high - value) / (self.high - self.low)

    @property
    def bottom(self) -> float:
        return self.top + self.height


TREND_WIDTH = 640.0
VALUE_LABELS = 24  # the most values a trend tries to write beside their points


def trend(ident: str, title: str, description: str, points: list[TrendPoint],
          target: TrendPoint | None) -> Markup:
    """A KPI over time: its figures joined by a line with round markers, its target dashed
    with a diamond on its deadline; dates on the axis thinned or turned so none overlaps,
    values placed where they overlap nothing; a legend when there is a target."""
    every = [*points, *([target] if target else [])]
    days = [p.day for p in every]
    low, high = _padded(min(p.value for p in every), max(p.value for p in every))
    frame = _Frame(48.0, 26.0, TREND_WIDTH - 96, 150.0, min(days),
                   max(1, (max(days) - min(days)).days), low, high)
    body, marks = _trend_lines(frame, points, target)
    body += _value_labels(frame, points, marks)
    axis, bottom = _date_axis(frame, [p.day for p in points], target.day if target else None)
    body += axis
    if target:
        entries, bottom = legend([Series(title, ACCENT, "", "circle"),
                                  Series(target.label, TO_BE, "6 4", "diamond")],
                                 frame.left, TREND_WIDTH - 8, bottom + 10)
        body += entries
    return svg.document(ident, title, description, TREND_WIDTH, bottom + 8, body)


def _trend_lines(frame: _Frame, points: list[TrendPoint], target: TrendPoint | None
                 ) -> tuple[list[str], list[Box]]:
    """The axes, the target line, the figures' line and markers; and the boxes of the
    marks a value label must not cover."""
    body = [svg.line(frame.left, frame.top, frame.left, frame.bottom, MUTED),
            svg.line(frame.left, frame.bottom, frame.left + frame.width, frame.bottom, MUTED)]
    marks: list[Box] = []
    if target:
        ty = frame.y(target.value)
        body += [svg.line(frame.left, ty, frame.left + frame.width, ty, TO_BE, width=1.5,
                          dash="6 4"),
                 svg.marker("diamond", frame.x(target.day), ty, 4.5, TO_BE,
                            label=labelled(target.day.isoformat(), target.label))]
        marks += [Box(frame.left, ty - 1.5, frame.left + frame.width, ty + 1.5),
                  _dot(frame.x(target.day), ty, 6.5)]
    radius = min(3.5, max(1.5, frame.width / max(1, len(points)) / 3))
    path = [(frame.x(p.day), frame.y(p.value)) for p in points]
    body.append(svg.polyline(path, ACCENT, width=2.5))
    marks += _along(path)
    for p in points:
        body.append(svg.circle(frame.x(p.day), frame.y(p.value), radius, ACCENT,
                               label=labelled(p.day.isoformat(), p.label)))
        marks.append(_dot(frame.x(p.day), frame.y(p.value), radius + 1))
    return body, marks


def _along(path: list[tuple[float, float]], every: float = 4.0) -> list[Box]:
    """Small boxes along a line, so that a label is not written across it."""
    boxes: list[Box] = []
    for (x1, y1), (x2, y2) in itertools.pairwise(path):
        steps = max(1, int(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 / every))
        boxes += [_dot(x1 + (x2 - x1) * n / steps, y1 + (y2 - y1) * n / steps, 1.5)
                  for n in range(steps + 1)]
    return boxes


def _value_labels(frame: _Frame, points: list[TrendPoint], marks: list[Box]) -> list[str]:
    """The figures' values, the latest first, then the first, the highest, the lowest and
    the others spread out: each where it overlaps no mark and no other value; a value with
    no free place is left to the marker's tooltip."""
    order = [len(points) - 1, 0]
    order += [max(range(len(points)), key=lambda i: points[i].value),
              min(range(len(points)), key=lambda i: points[i].value)]
    order = list(dict.fromkeys(order + layout.spread(len(points))))[:VALUE_LABELS]
    labels = [single(points[i].label, TEXT, bold=i == len(points) - 1) for i in order]
    options = [_around(label, frame.x(points[i].day), frame.y(points[i].value), (9.0, 18.0))
               for label, i in zip(labels, order, strict=True)]
    bounds = Box(0, 0, TREND_WIDTH, frame.bottom - 1)
    chosen = layout.place([[lab.box(x, y, a) for x, y, a in opts]
                    for lab, opts in zip(labels, options, strict=True)], list(marks), bounds,
                   GAP)
    return [svg.block(opts[c][0], opts[c][1], lab, anchor=opts[c][2])
            for lab, opts, c in zip(labels, options, chosen, strict=True) if c is not None]


def _date_axis(frame: _Frame, days: list[dt.date], deadline: dt.date | None
               ) -> tuple[list[str], float]:
    """A tick at each figure's date, and the dates that fit: the latest, the first and the
    deadline first, then the others spread out; level when those three fit so, else turned
    upright. The elements and the y below the labels."""
    stops = sorted(set(days) | ({deadline} if deadline else set()))
    must = {stops.index(max(days)), stops.index(min(days))}
    must |= {stops.index(deadline)} if deadline else set()
    order = list(dict.fromkeys([stops.index(max(days)), stops.index(min(days)),
                                *must, *layout.spread(len(stops))]))
    labels = [single(day.isoformat(), TEXT) for day in stops]
    base = frame.bottom + 6
    level = [_clamped(lab.box(frame.x(day), base + ASCENT * TEXT, "middle"))
             for lab, day in zip(labels, stops, strict=True)]
    kept = layout.thin(level, order, GAP + 2)
    body = [svg.line(frame.x(day), frame.bottom, frame.x(day), frame.bottom + 4, MUTED)
            for day in sorted(set(days))]
    if must <= set(kept):
        body += [svg.block((level[i].left + level[i].right) / 2, base + ASCENT * TEXT,
                           labels[i], anchor="middle", css="muted") for i in kept]
        return body, base + labels[0].height
    lift = MIDLINE * TEXT
    upright = [_clamped(lab.turned_box(frame.x(day) + lift, base))
               for lab, day in zip(labels, stops, strict=True)]
    kept = layout.thin(upright, order, 2.0)
    body += [svg.block(upright[i].left + ASCENT * TEXT, base, labels[i], anchor="end",
                       css="muted", turned=True) for i in kept]
    return body, base + max(lab.width for lab in labels)


def _clamped(box: Box, left: float = 2.0, right: float = TREND_WIDTH - 2) -> Box:
    """The box moved sideways, as little as it takes, to lie between left and right."""
    if box.left < left:
        return box.moved(left - box.left, 0)
    if box.right > right:
        return box.moved(right - box.right, 0)
    return box


def _padded(low: float, high: float) -> tuple[float, float]:
    """The value range with a tenth of room on each side (a flat line gets ±1)."""
    if high == low:
        return low - 1, high + 1
    room = (high - low) / 10
    return low - room, high + room


# -- a journey's emotion ---------------------------------------------------------------------


@dataclass(frozen=True)
class CurveStage:
    name: str
    touchpoints: int


@dataclass(frozen=True)
class CurvePoint:
    label: str
    as_is: int | None
    to_be: int | None


CURVE_WIDTH = 720.0


def emotion_curve(ident: str, title: str, description: str, stages: list[CurveStage],
                  points: list[CurvePoint], legend_names: tuple[str, str]) -> Markup:
    """Emotion -2 to +2 per touchpoint, in stage bands; as-is solid with round markers,
    to-be dashed with square ones. A stage's name wraps within its band and, where it
    still does not fit beside its neighbours, moves up a row."""
    left, plot_w, plot_h = 34.0, CURVE_WIDTH - 44, 160.0
    step = plot_w / max(1, len(points))
    scale = [(v, single(f"{v:+d}" if v else "0", TEXT), plot_h * (2 - v) / 4 + 4)
             for v in (2, 1, 0, -1, -2)]
    names, top = _stage_names(stages, left, step,
                              [label.box(left - 6, dy, "end") for _v, label, dy in scale])

    def x(index: int) -> float:
        return left + step * (index + 0.5)

    def y(emotion: int) -> float:
        return top + plot_h * (2 - emotion) / 4

    body = _stage_bands(stages, left, top, step, plot_h)
    body += [svg.line(left, y(v), left + plot_w, y(v), GRID, dash="" if v == 0 else "2 4")
             for v, _label, _dy in scale]
    body += [svg.block(left - 6, top + dy, label, anchor="end", css="muted")
             for _v, label, dy in scale]
    body += [svg.block(bx, by + top, label, anchor="middle") for bx, by, label in names]
    body += _curve(points, x, y, "as_is", Series("", INK, "", "circle"))
    body += _curve(points, x, y, "to_be", Series("", TO_BE, "6 4", "square"))
    entries, bottom = legend([Series(legend_names[0], INK, "", "circle"),
                              Series(legend_names[1], TO_BE, "6 4", "square")],
                             left, CURVE_WIDTH - 8, top + plot_h + 14)
    return svg.document(ident, title, description, CURVE_WIDTH, bottom + 8, body + entries)


def _stage_names(stages: list[CurveStage], left: float, step: float, scale: list[Box]
                 ) -> tuple[list[tuple[float, float, Block]], float]:
    """Each stage's name above its band, as (x, first baseline relative to the plot's top,
    label), and the plot's top: the names wrap at their band's width and take the lowest
    row where they overlap no other name, nor the scale's labels (``scale``, relative to
    the plot's top too)."""
    taken: list[Box] = list(scale)
    placed: list[tuple[float, float, Block]] = []
    start = left
    for stage in stages:
        band = step * stage.touchpoints
        if band:
            label = block(stage.name, max(band - 6, 48.0), TEXT, bold=True,
                          hard=CURVE_WIDTH / 2)
            centre = min(max(start + band / 2, label.width / 2 + 2),
                         CURVE_WIDTH - 2 - label.width / 2)
            room = int(sum(box.height + 2 * GAP for box in taken) / 6) + 2
            rows = [label.box(centre, -8 - label.height + ASCENT * TEXT - 6 * n, "middle")
                    for n in range(room)]
            n = layout.place([rows], taken, Box(0, -1e9, CURVE_WIDTH, 0), GAP)[0] or 0
            placed.append((centre, rows[n].top + ASCENT * TEXT, label))
        start += band
    top = 8 - min((box.top for box in taken), default=-8.0)
    return placed, top


def _stage_bands(stages: list[CurveStage], left: float, top: float, step: float,
                 height: float) -> list[str]:
    body: list[str] = []
    start = left
    for n, stage in enumerate(stages):
        band = step * stage.touchpoints
        if n % 2 == 0 and band:
            body.append(svg.rect(start, top, band, height, BAND))
        start += band
    return body


def _curve(points: list[CurvePoint], x: Callable[[int], float], y: Callable[[int], float],
           field: str, series: Series) -> list[str]:
    body: list[str] = []
    run: list[tuple[float, float]] = []
    for index, point in enumerate(points):
        value = getattr(point, field)
        if value is None:
            body += _run(run, series)
            run = []
            continue
        run.append((x(index), y(value)))
        body.append(svg.marker(series.marker, x(index), y(value), 3.5, series.colour,
                               label=labelled(f"{index + 1}. {point.label}", f"{value:+d}")))
    return _run(run, series) + body


def _run(run: list[tuple[float, float]], series: Series) -> list[str]:
    return [svg.polyline(run, series.colour, dash=series.dash)] if len(run) > 1 else []


# -- the priority matrix ---------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixPoint:
    label: str
    ease: float  # 0-1
    value: float  # 0-1


@dataclass(frozen=True)
class MatrixLabels:
    x_low: str
    x_high: str
    y_low: str
    y_high: str
    quadrants: tuple[str, str, str, str]  # top right, top left, bottom left, bottom right


MATRIX_SIZE, MATRIX_LEFT, MATRIX_TOP, MATRIX_RIGHT = 360.0, 14.0, 12.0, 160.0
MATRIX_NAME = 200.0  # the widest a segment's name grows before a word in it is broken
MATRIX_DISTANCES = (11.0, 22.0, 36.0, 54.0, 76.0, 100.0, 130.0, 165.0)


def priority_matrix(ident: str, title: str, description: str, points: list[MatrixPoint],
                    labels: MatrixLabels) -> Markup:
    """Segments by ease (x) and value (y) on 0-1, the quadrants split at the middle. A
    segment's name wraps (segments whose markers touch share a label, a name a line), and
    takes the first place around its point that covers no quadrant or axis label, no
    other name and no point, joined to its point by a leader line that crosses no text
    when it is not next to it; names with no such place are listed below the chart, each
    joined to its point."""
    size, left, top = MATRIX_SIZE, MATRIX_LEFT, MATRIX_TOP
    width, half = left + size + MATRIX_RIGHT, size / 2
    corners = ((left + half, top), (left, top), (left, top + half), (left + half, top + half))
    body = [svg.rect(cx, cy, half, half, fill)
            for (cx, cy), fill in zip(corners, QUADRANT_FILLS, strict=True)]
    marks = [_dot(left + size * p.ease, top + size * (1 - p.value), 6) for p in points]
    fixed = [_quadrant_label(block(name, half - 16, TEXT, hard=half - 16), cx, cy, marks)
             for (cx, cy), name in zip(corners, labels.quadrants, strict=True)]
    fixed += _matrix_axis_labels(labels)
    body += [svg.block(x, y, lab, anchor=a, css="muted") for x, y, lab, a in fixed]
    body += [svg.line(left, top + size, left + size, top + size, MUTED),
             svg.line(left, top, left, top + size, MUTED)]
    taken = [lab.box(x, y, a) for x, y, lab, a in fixed]
    named, bottom = _segment_names(points, taken, max(b.bottom for b in taken))
    return svg.document(ident, title, description, width, bottom + 8, body + named)


def _quadrant_label(label: Block, left: float, top: float, marks: list[Box]
                    ) -> tuple[float, float, Block, str]:
    """A quadrant's name at the top of its quadrant, in the middle, else at a corner or at
    the bottom, wherever no point's marker covers it."""
    half, first = MATRIX_SIZE / 2, ASCENT * TEXT
    high, low = top + 8 + first, top + half - 8 - label.height + first
    options = [(left + half / 2, y, a) if a == "middle" else
               (left + 8 if a == "start" else left + half - 8, y, a)
               for y in (high, low) for a in ("middle", "start", "end")]
    free = [(x, y, a) for x, y, a in options
            if not any(label.box(x, y, a).overlaps(mark, GAP) for mark in marks)]
    x, y, anchor = (free or options)[0]
    return x, y, label, anchor


def _matrix_axis_labels(labels: MatrixLabels) -> list[tuple[float, float, Block, str]]:
    size, left, top = MATRIX_SIZE, MATRIX_LEFT, MATRIX_TOP
    below = top + size + 6 + ASCENT * TEXT
    beside = left + size + 6
    y_high = block(labels.y_high, MATRIX_RIGHT - 10, TEXT, hard=MATRIX_RIGHT - 10)
    y_low = block(labels.y_low, MATRIX_RIGHT - 10, TEXT, hard=MATRIX_RIGHT - 10)
    return [(left, below, block(labels.x_low, size / 2 - 8, TEXT, hard=size / 2 - 8), "start"),
            (left + size, below, block(labels.x_high, size / 2 - 8, TEXT, hard=size / 2 - 8),
             "end"),
            (beside, top + ASCENT * TEXT, y_high, "start"),
            (beside, top + size - y_low.height + ASCENT * TEXT, y_low, "start")]


def _segment_names(points: list[MatrixPoint], taken: list[Box], floor: float
                   ) -> tuple[list[str], float]:
    """Each point and its name; and the y below everything drawn. ``taken`` holds the
    boxes of the quadrant and axis labels."""
    size, left, top = MATRIX_SIZE, MATRIX_LEFT, MATRIX_TOP
    dots = [(left + size * p.ease, top + size * (1 - p.value)) for p in points]
    shared = _clusters(dots, [p.label for p in points])
    spots = list(shared)
    names = [Block(tuple(line for label in labels
                         for line in wrap(label, 130, TEXT, hard=MATRIX_NAME)), TEXT)
             for labels in shared.values()]
    rows = _rows_below(names, floor + 10)
    words = list(taken)  # what a leader line must not cross
    taken += [_dot(x, y, 6) for x, y in dots]
    body = [svg.circle(x, y, 5, ACCENT, label=p.label)
            for p, (x, y) in zip(points, dots, strict=True)]
    bottom = floor
    for name, (px, py) in zip(names, spots, strict=True):
        x, y, anchor, lead = _free_place(name, px, py, _name_places(name, px, py, floor, rows),
                                         taken, words)
        box = name.box(x, y, anchor)
        taken.append(box)
        words.append(box)
        if lead:
            ends = _leader(px, py, box)
            body.append(svg.line(*ends[0], *ends[1], MUTED, width=0.8))
            taken += _along(list(ends))
        body.append(svg.block(x, y, name, anchor=anchor))
        bottom = max(bottom, box.bottom)
    return body, bottom


def _clusters(dots: list[tuple[float, float]], labels: list[str]
              ) -> dict[tuple[float, float], list[str]]:
    """The names by where their label hangs: points whose markers touch share one label,
    at the first one's spot, a name a line."""
    shared: dict[tuple[float, float], list[str]] = {}
    for (x, y), label in zip(dots, labels, strict=True):
        spot = next((s for s in shared if abs(s[0] - x) < 10 and abs(s[1] - y) < 10), (x, y))
        shared.setdefault(spot, []).append(label)
    return shared


Place = tuple[float, float, str, int]  # x, first baseline, anchor; 0 next to the point,
# 1 joined to it by a leader line, 2 a row under the chart (a leader line that may cross)


def _free_place(name: Block, px: float, py: float, options: list[Place], taken: list[Box],
                words: list[Box]) -> Place:
    """The first place where the name overlaps nothing taken, and where the line that
    would join it to its point crosses no other text."""
    bounds = Box(0, 0, MATRIX_LEFT + MATRIX_SIZE + MATRIX_RIGHT, 1e9)
    for option in options:
        x, y, anchor, lead = option
        box = name.box(x, y, anchor)
        if not box.within(bounds) or any(box.overlaps(other, GAP) for other in taken):
            continue
        if lead == 1 and any(dot.overlaps(word) for dot in _along(list(_leader(px, py, box)),
                                                                  2.0) for word in words):
            continue
        return option
    return options[-1]


def _name_places(name: Block, x: float, y: float, floor: float,
                 rows: list[tuple[float, float]]) -> list[Place]:
    """Where a segment's name may go, in order: next to its point, then farther and
    farther from it in sixteen directions (above the axis labels' bottom), then a row
    under the chart."""
    found = [(px, py, a, 0) for px, py, a in _around(name, x, y, MATRIX_DISTANCES[:1],
                                                      beside=True)]
    first = ASCENT * name.size
    for d in MATRIX_DISTANCES[1:]:
        for n in range(16):
            dx, dy = math.cos(math.pi * n / 8), math.sin(math.pi * n / 8)
            anchor = "start" if dx > 0.3 else "end" if dx < -0.3 else "middle"
            top = (y + d * dy if dy > 0.3 else y + d * dy - name.height if dy < -0.3
                   else y + d * dy - name.height / 2)
            found.append((x + d * dx, top + first, anchor, 1))
    return [place for place in found if name.box(*place[:3]).bottom <= floor] + [
        (rx, ry, "start", 2) for rx, ry in rows]


def _rows_below(names: list[Block], floor: float) -> list[tuple[float, float]]:
    """Places under the chart, one per row, enough for every name."""
    tallest = max((n.height for n in names), default=0.0) + GAP
    return [(MATRIX_LEFT + 20, floor + ASCENT * TEXT + tallest * n) for n in range(len(names))]


def _leader(x: float, y: float, box: Box) -> tuple[tuple[float, float], tuple[float, float]]:
    """A line from the point's edge to the nearest point of the label's box."""
    nx, ny = min(max(x, box.left), box.right), min(max(y, box.top), box.bottom)
    length = max(1e-9, ((nx - x) ** 2 + (ny - y) ** 2) ** 0.5)
    return (x + (nx - x) * 6 / length, y + (ny - y) * 6 / length), (nx, ny)
