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
charts only place them. Everything is escaped in :mod:`crmplan.render.svg`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from crmplan.i18n import labelled
from crmplan.render import svg

STATUS_COLOURS = {"on_track": "#2e7d32", "at_risk": "#b26a00", "off_track": "#c62828",
                  "no_data": "#8a8f98"}
INK, MUTED, GRID, ACCENT, TO_BE = "#1f2933", "#6b7280", "#d9dde3", "#1d4e89", "#2e7d32"


@dataclass(frozen=True)
class Bar:
    """One KPI's bar: its label, the share done (None: unknown), status and a value text."""

    label: str
    share_pct: float | None
    status: str
    note: str


def gap_bars(ident: str, title: str, description: str, bars: list[Bar]) -> Markup:
    """Horizontal bars, 0% to 100% of the planned move (beyond 100% is cut at the end)."""
    width, left, right, row = 720.0, 230.0, 170.0, 30.0
    track = width - left - right
    body = [svg.line(left, 6, left, 12 + row * len(bars), GRID),
            svg.line(left + track, 6, left + track, 12 + row * len(bars), GRID, dash="3 3")]
    for n, bar in enumerate(bars):
        y = 12 + n * row
        share = 0.0 if bar.share_pct is None else min(100.0, max(0.0, bar.share_pct))
        body += [svg.text(left - 8, y + 15, svg.short(bar.label, 34), anchor="end"),
                 svg.rect(left, y + 4, track, 16, GRID, rx=3, opacity=0.5),
                 svg.rect(left, y + 4, track * share / 100, 16,
                          STATUS_COLOURS.get(bar.status, MUTED), rx=3),
                 svg.text(left + track + 8, y + 15, svg.short(bar.note, 28), size=11,
                          css="muted")]
    return svg.document(ident, title, description, width, 18 + row * len(bars), body)


@dataclass(frozen=True)
class TrendPoint:
    day: dt.date
    value: float
    label: str  # the value as a reader reads it (27.5%)


def trend(ident: str, title: str, description: str, points: list[TrendPoint],
          target: TrendPoint | None) -> Markup:
    """A KPI over time: its figures joined by a line, its target dashed."""
    width, height, left, top, bottom = 640.0, 220.0, 70.0, 18.0, 36.0
    plot_w, plot_h = width - left - 90, height - top - bottom
    days = [p.day for p in points] + ([target.day] if target else [])
    values = [p.value for p in points] + ([target.value] if target else [])
    low, high = _padded(min(values), max(values))
    first, span = min(days), max(1, (max(days) - min(days)).days)

    def x(day: dt.date) -> float:
        return left + plot_w * (day - first).days / span

    def y(value: float) -> float:
        return top + plot_h * (high - value) / (high - low)

    body = [svg.line(left, top, left, top + plot_h, GRID),
            svg.line(left, top + plot_h, left + plot_w, top + plot_h, GRID)]
    if target:
        body += [svg.line(left, y(target.value), left + plot_w, y(target.value), TO_BE,
                          dash="6 4"),
                 svg.text(left + plot_w + 6, y(target.value) + 4, target.label, size=11,
                          css="good")]
    body.append(svg.polyline([(x(p.day), y(p.value)) for p in points], ACCENT))
    body += [svg.circle(x(p.day), y(p.value), 3.5, ACCENT, label=labelled(str(p.day), p.label))
             for p in points]
    body += _trend_labels(points, x, y, top + plot_h)
    return svg.document(ident, title, description, width, height, body)


def _trend_labels(points: list[TrendPoint], x: Callable[[dt.date], float],
                  y: Callable[[float], float], base: float) -> list[str]:
    first, last = points[0], points[-1]
    labels = [svg.text(x(first.day), base + 16, first.day.isoformat(), size=11, css="muted"),
              svg.text(x(first.day) - 6, y(first.value) + 4, first.label, anchor="end",
                       size=11)]
    if last is not first:
        labels += [svg.text(x(last.day), base + 16, last.day.isoformat(), anchor="end",
                            size=11, css="muted"),
                   svg.text(x(last.day), y(last.value) - 9, last.label, anchor="middle",
                            size=11, weight="bold")]
    return labels


def _padded(low: float, high: float) -> tuple[float, float]:
    """The value range with a tenth of room on each side (a flat line gets ±1)."""
    if high == low:
        return low - 1, high + 1
    room = (high - low) / 10
    return low - room, high + room


@dataclass(frozen=True)
class CurveStage:
    name: str
    touchpoints: int


@dataclass(frozen=True)
class CurvePoint:
    label: str
    as_is: int | None
    to_be: int | None


def emotion_curve(ident: str, title: str, description: str, stages: list[CurveStage],
                  points: list[CurvePoint], legend: tuple[str, str]) -> Markup:
    """Emotion -2 to +2 per touchpoint, in stage bands; as-is solid, to-be dashed."""
    width, left, top = 720.0, 34.0, 40.0
    plot_w, plot_h = width - left - 10, 160.0
    step = plot_w / max(1, len(points))

    def x(index: int) -> float:
        return left + step * (index + 0.5)

    def y(emotion: int) -> float:
        return top + plot_h * (2 - emotion) / 4

    body = _stage_bands(stages, left, top, step, plot_h)
    body += [svg.line(left, y(v), left + plot_w, y(v), GRID, dash="" if v == 0 else "2 4")
             for v in (2, 1, 0, -1, -2)]
    body += [svg.text(left - 6, y(v) + 4, f"{v:+d}" if v else "0", anchor="end", size=11,
                      css="muted") for v in (2, 1, 0, -1, -2)]
    body += _curve(points, x, y, "as_is", INK, "")
    body += _curve(points, x, y, "to_be", TO_BE, "6 4")
    body += _legend(legend, left, top + plot_h + 26)
    return svg.document(ident, title, description, width, top + plot_h + 36, body)


def _stage_bands(stages: list[CurveStage], left: float, top: float, step: float,
                 height: float) -> list[str]:
    body: list[str] = []
    start = left
    for n, stage in enumerate(stages):
        band = step * stage.touchpoints
        if n % 2 == 0 and band:
            body.append(svg.rect(start, top, band, height, "#eef2f7"))
        if band:
            limit = max(4, int(band / 8))
            body.append(svg.text(start + band / 2, top - 10, svg.short(stage.name, limit),
                                 anchor="middle", size=11, weight="bold"))
        start += band
    return body


def _curve(points: list[CurvePoint], x: Callable[[int], float], y: Callable[[int], float],
           field: str, colour: str, dash: str) -> list[str]:
    body: list[str] = []
    run: list[tuple[float, float]] = []
    for index, point in enumerate(points):
        value = getattr(point, field)
        if value is None:
            body += _run(run, colour, dash)
            run = []
            continue
        run.append((x(index), y(value)))
        body.append(svg.circle(x(index), y(value), 3.5, colour,
                               label=labelled(f"{index + 1}. {point.label}", f"{value:+d}")))
    return _run(run, colour, dash) + body


def _run(run: list[tuple[float, float]], colour: str, dash: str) -> list[str]:
    return [svg.polyline(run, colour, dash=dash)] if len(run) > 1 else []


def _legend(legend: tuple[str, str], left: float, y: float) -> list[str]:
    as_is, to_be = legend
    return [svg.line(left, y - 4, left + 24, y - 4, INK, width=2),
            svg.text(left + 30, y, as_is, size=11),
            svg.line(left + 150, y - 4, left + 174, y - 4, TO_BE, width=2, dash="6 4"),
            svg.text(left + 180, y, to_be, size=11)]


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


def priority_matrix(ident: str, title: str, description: str, points: list[MatrixPoint],
                    labels: MatrixLabels) -> Markup:
    """Segments by ease (x) and value (y) on 0-1, the quadrants split at the middle."""
    size, left, top = 360.0, 40.0, 12.0
    width, height = left + size + 150, top + size + 40
    half = size / 2
    corners = ((left + half, top), (left, top), (left, top + half), (left + half, top + half))
    fills = ("#e3efe5", "#eef2f7", "#f4f4f4", "#fbf1e0")
    body = [svg.rect(cx, cy, half, half, fill) for (cx, cy), fill in zip(corners, fills,
                                                                          strict=True)]
    body += [svg.text(cx + half / 2, cy + 18, svg.short(name, 26), anchor="middle", size=11,
                      css="muted") for (cx, cy), name in zip(corners, labels.quadrants,
                                                             strict=True)]
    body += _matrix_axes(labels, left, top, size)
    for point in points:
        px, py = left + size * point.ease, top + size * (1 - point.value)
        body += [svg.circle(px, py, 5, ACCENT, label=point.label),
                 svg.text(px + 8, py + 4, svg.short(point.label, 24), size=11)]
    return svg.document(ident, title, description, width, height, body)


def _matrix_axes(labels: MatrixLabels, left: float, top: float, size: float) -> list[str]:
    bottom = top + size
    return [svg.line(left, bottom, left + size, bottom, MUTED),
            svg.line(left, top, left, bottom, MUTED),
            svg.text(left, bottom + 16, labels.x_low, size=11, css="muted"),
            svg.text(left + size, bottom + 16, labels.x_high, anchor="end", size=11,
                     css="muted"),
            svg.text(left + size + 6, bottom - 4, labels.y_low, size=11, css="muted"),
            svg.text(left + size + 6, top + 10, labels.y_high, size=11, css="muted")]
