"""A KPI's trend as a Mermaid ``xychart-beta``, which GitHub draws inside Markdown.

What Mermaid's xychart grammar (``xychart.jison``) accepts, and what this
module does about it:

- the title, the axis titles and the x-axis categories are written in double
  quotes, made safe by :func:`crmplan.segment.mermaid.label` (no ``"``, no
  backtick after the opening quote, no ``%%`` comment, no line break, no
  ``<`` or ``>``);
- a data array holds numbers only, as its lexer reads them:
  ``[+-]?(\\d+(\\.\\d+)?|\\.\\d+)``: no thousands separator, no exponent, no
  unit: :func:`number` writes at most four decimals without trailing zeros;
- ``y-axis "title" LOW --> HIGH`` takes two such numbers;
- one statement per line.

The x axis is a category axis: one category per dated figure, in date order
(the HTML chart spaces them by time). The target, when there is one, is a
second ``line`` at the target's value.
"""

from __future__ import annotations

import datetime as dt

from crmplan.segment.mermaid import label

INDENT = "    "


def number(value: float) -> str:
    """``value`` as the xychart lexer reads a number: ``27.5``, ``-3``, ``0.125``."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def trend_chart(title: str, unit: str, points: list[tuple[dt.date, float]],
                target: float | None) -> str:
    """The Mermaid source of one KPI's trend, ending with a newline."""
    values = [v for _d, v in points] + ([target] if target is not None else [])
    low, high = min(values), max(values)
    room = (high - low) / 10 if high > low else 1.0
    lines = ["xychart-beta", f"{INDENT}title {label(title)}",
             f"{INDENT}x-axis [" + ", ".join(label(d.isoformat()) for d, _v in points) + "]",
             f"{INDENT}y-axis {label(unit or '-')} {number(low - room)} --> "
             f"{number(high + room)}",
             f"{INDENT}line [" + ", ".join(number(v) for _d, v in points) + "]"]
    if target is not None:
        lines.append(f"{INDENT}line [" + ", ".join(number(target) for _p in points) + "]")
    return "\n".join(lines) + "\n"
