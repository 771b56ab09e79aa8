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
- one statement per line, after an ``%%{init}%%`` directive.

What Mermaid does not do, and this module does instead:

- its x axis is a category axis that writes every category's name, however
  many there are: with many dated figures the dates overlap. Only the dates
  that fit side by side are written (the latest, the first, then others
  spread out, measured as Mermaid's axis spaces them); every other category
  is named by a run of invisible characters (zero-width spaces and joiners,
  :func:`unseen`), distinct for each, since Mermaid merges categories of one
  name;
- its default colours draw a first line so pale it barely shows: the
  directive sets the line to the documents' dark blue;
- it has no legend, no dash and no marker, so a second line could only be
  told by its colour: the chart draws the figures alone, with the target in
  its title, and the y axis reaches the target so the way left shows.
"""

from __future__ import annotations

import datetime as dt

from crmplan.render.layout import Box, spread, text_width, thin
from crmplan.segment.mermaid import label

INDENT = "    "
LINE_COLOUR = "#1d4e89"
INIT = ('%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "'
        + LINE_COLOUR + '"}}}}%%')
AXIS_WIDTH = 560.0  # the width Mermaid's default chart gives its x axis's categories
AXIS_FONT = 14.0  # and the size of their names
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060")


def number(value: float) -> str:
    """``value`` as the xychart lexer reads a number: ``27.5``, ``-3``, ``0.125``."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def unseen(index: int) -> str:
    """A category name no one sees, distinct for each index: its digits in base four,
    written with four invisible characters."""
    digits = INVISIBLE[index % 4]
    while index >= 4:
        index = index // 4 - 1
        digits = INVISIBLE[index % 4] + digits
    return digits


def categories(days: list[dt.date]) -> list[str]:
    """The x axis's names: the dates that fit side by side, invisible names between."""
    band = AXIS_WIDTH / max(1, len(days))
    boxes = [Box(band * (n + 0.5) - text_width(d.isoformat(), AXIS_FONT) / 2, 0,
                 band * (n + 0.5) + text_width(d.isoformat(), AXIS_FONT) / 2, 1)
             for n, d in enumerate(days)]
    kept = set(thin(boxes, spread(len(days)), 8.0))
    names: list[str] = []
    for n, day in enumerate(days):  # a date twice would merge two categories
        names.append(day.isoformat() if n in kept and day.isoformat() not in names
                     else unseen(n))
    return names


def trend_chart(title: str, unit: str, points: list[tuple[dt.date, float]],
                target: float | None) -> str:
    """The Mermaid source of one KPI's trend, ending with a newline; ``title`` names the
    target when there is one."""
    values = [v for _d, v in points] + ([target] if target is not None else [])
    low, high = min(values), max(values)
    room = (high - low) / 10 if high > low else 1.0
    lines = [INIT, "xychart-beta", f"{INDENT}title {label(title)}",
             f"{INDENT}x-axis [" + ", ".join(label(c) for c in categories(
                 [d for d, _v in points])) + "]",
             f"{INDENT}y-axis {label(unit or '-')} {number(low - room)} --> "
             f"{number(high + room)}",
             f"{INDENT}line [" + ", ".join(number(v) for _d, v in points) + "]"]
    return "\n".join(lines) + "\n"
