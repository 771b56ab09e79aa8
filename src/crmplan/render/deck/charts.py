"""Native PowerPoint charts from :class:`~.spec.Chart` records: the figures go into the
chart's own data (PowerPoint's "Edit Data" opens them), never into a picture."""

from __future__ import annotations

from typing import Any

from pptx.chart.data import CategoryChartData, XyChartData
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
)
from pptx.shapes.shapetree import SlideShapes
from pptx.util import Emu, Pt

from crmplan.render.deck.spec import Area, Chart

TYPES = {
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "scatter": XL_CHART_TYPE.XY_SCATTER,
}
FONT_SIZE = 11


def place(shapes: SlideShapes, area: Area, charts: tuple[Chart, ...]) -> None:
    """``charts`` side by side (two), in a grid (three or four) or alone in ``area``."""
    columns = 1 if len(charts) == 1 else 2
    rows = (len(charts) + columns - 1) // columns
    gap = 137160
    width = (area.width - gap * (columns - 1)) // columns
    height = (area.height - gap * (rows - 1)) // rows
    for index, chart in enumerate(charts):
        row, column = divmod(index, columns)
        draw(
            shapes,
            chart,
            area.left + column * (width + gap),
            area.top + row * (height + gap),
            width,
            height,
        )


def draw(shapes: SlideShapes, chart: Chart, left: int, top: int, width: int, height: int) -> Any:
    """``chart`` as a native chart in the box given, in EMU."""
    data: Any = _data(chart)
    frame: Any = shapes.add_chart(
        TYPES[chart.kind], Emu(left), Emu(top), Emu(width), Emu(height), data
    )
    drawn = frame.chart
    drawn.font.size = Pt(FONT_SIZE)
    drawn.has_title = bool(chart.title)
    if chart.title:
        drawn.chart_title.text_frame.text = chart.title
        drawn.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(FONT_SIZE + 1)
    drawn.has_legend = len(chart.series) > 1 and chart.kind != "scatter"
    if drawn.has_legend:
        drawn.legend.position = XL_LEGEND_POSITION.BOTTOM
        drawn.legend.include_in_layout = False
    _axes(drawn, chart)
    _labels(drawn, chart)
    return drawn


def _data(chart: Chart) -> CategoryChartData | XyChartData:
    if chart.kind == "scatter":
        xy = XyChartData(number_format=chart.number_format)
        series = xy.add_series(chart.series[1].name)
        for x, y in zip(chart.series[0].values, chart.series[1].values, strict=True):
            series.add_data_point(x, y)
        return xy
    data = CategoryChartData(number_format=chart.number_format)
    if chart.groups:
        _grouped(data, chart)
    else:
        data.categories = chart.categories
    for s in chart.series:
        data.add_series(s.name, s.values)
    return data


def _grouped(data: CategoryChartData, chart: Chart) -> None:
    """The categories under their groups: a journey's touchpoints under its stages."""
    names = iter(chart.categories)
    for group, count in chart.groups:
        parent = data.add_category(group)
        for _index in range(count):
            parent.add_sub_category(next(names))


def _axes(drawn: Any, chart: Chart) -> None:
    value = drawn.value_axis
    if chart.bounds is not None:
        value.minimum_scale, value.maximum_scale = chart.bounds
    elif chart.kind in ("bar", "column") and _all_positive(chart):
        value.minimum_scale = 0.0  # a bar's length is its value: bars start at zero
    value.has_major_gridlines = True
    value.tick_labels.number_format = chart.axis_format or chart.number_format
    value.tick_labels.number_format_is_linked = False
    if chart.kind != "scatter":
        # the labels below the plot, not where the value axis crosses zero
        drawn.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
        return
    ease = drawn.category_axis
    ease.minimum_scale, ease.maximum_scale = chart.bounds or (0.0, 1.0)
    for axis, title in zip((ease, value), chart.axis_titles, strict=True):
        axis.has_title = True
        axis.axis_title.text_frame.text = title


def _all_positive(chart: Chart) -> bool:
    return all(v is None or v >= 0 for s in chart.series for v in s.values)


def _labels(drawn: Any, chart: Chart) -> None:
    plot = drawn.plots[0]
    if chart.kind in ("bar", "column"):
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format = chart.number_format
        labels.number_format_is_linked = False
        labels.show_value = True
    elif chart.kind == "scatter":
        marker = plot.series[0].marker
        marker.style, marker.size = XL_MARKER_STYLE.CIRCLE, 9
        sides = _sides(chart)
        for point, name, side in zip(plot.series[0].points, chart.categories, sides, strict=False):
            label = point.data_label
            label.has_text_frame = True
            label.text_frame.text = name
            label.position = side


NEAR = 0.12  # points closer than this on both axes (0-1) would put their labels together


def _sides(chart: Chart) -> list[XL_LABEL_POSITION]:
    """A side for each point's label: right when no other point is near; in a cluster the
    highest point's label above it, the lowest's below, any other's to the left."""
    xs, ys = chart.series[0].values, chart.series[1].values
    points = [(x or 0.0, y or 0.0) for x, y in zip(xs, ys, strict=True)]
    sides = []
    for index, (x, y) in enumerate(points):
        near = [
            q
            for j, q in enumerate(points)
            if j != index and abs(q[0] - x) < NEAR and abs(q[1] - y) < NEAR
        ]
        if not near:
            sides.append(XL_LABEL_POSITION.RIGHT)
        elif all((y, -index) > (q[1], -points.index(q)) for q in near):
            sides.append(XL_LABEL_POSITION.ABOVE)
        elif all((y, -index) < (q[1], -points.index(q)) for q in near):
            sides.append(XL_LABEL_POSITION.BELOW)
        else:
            sides.append(XL_LABEL_POSITION.LEFT)
    return sides
