"""The smallest SVG writer the charts need: numbers in, escaped text, fixed decimals.

Every coordinate is written with one decimal (:func:`num`), so the same data
always gives the same bytes; every text goes through :func:`esc`, so a plan's
name can never open a tag or an attribute. A chart is one ``<svg>`` with a
``viewBox`` and ``width="100%"`` (it shrinks to a phone's width), a
``<title>`` and a ``<desc>`` for screen readers, and nothing that loads
anything: no ``href``, no external font, no script. A text is never cut: a
label of several lines (:func:`block`) is one ``<text>`` with a ``<tspan>``
per line, laid out by :mod:`crmplan.render.layout`.
"""

from __future__ import annotations

import html
import math
import re

from markupsafe import Markup

from crmplan.render.layout import LINE, Block

_ID = re.compile(r"[^A-Za-z0-9_-]")


def num(value: float) -> str:
    """A coordinate with one decimal; never ``-0.0``."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def esc(text: object) -> str:
    """Text safe inside an element or a double-quoted attribute."""
    return html.escape(" ".join(str(text).split()), quote=True)


def chart_id(*parts: object) -> str:
    """An id made of letters, digits, ``-`` and ``_`` only (a plan's id may hold ``.``)."""
    return _ID.sub("-", "-".join(str(p) for p in parts))


def block(x: float, y: float, label: Block, *, anchor: str = "start", css: str = "",
          turned: bool = False) -> str:
    """A label of one or more lines as one ``<text>``, its first baseline at (x, y); turned:
    a quarter left around that point, hanging below it (anchor ``end``)."""
    attrs = f' class="{esc(css)}"' if css else ""
    if label.bold:
        attrs += ' font-weight="bold"'
    if turned:
        attrs += f' transform="rotate(-90 {num(x)} {num(y)})"'
    first, *rest = label.lines
    spans = [f'<tspan x="{num(x)}" dy="{LINE}em">{esc(line)}</tspan>' for line in rest]
    body = esc(first) if not rest else f'<tspan x="{num(x)}">{esc(first)}</tspan>'
    return (f'<text x="{num(x)}" y="{num(y)}" font-size="{num(label.size)}" '
            f'text-anchor="{anchor}"{attrs}>{body}{"".join(spans)}</text>')


def rect(x: float, y: float, width: float, height: float, fill: str, *,
         rx: float = 0) -> str:
    extra = f' rx="{num(rx)}"' if rx else ""
    return (f'<rect x="{num(x)}" y="{num(y)}" width="{num(max(0.0, width))}" '
            f'height="{num(max(0.0, height))}" fill="{esc(fill)}"{extra}/>')


def line(x1: float, y1: float, x2: float, y2: float, stroke: str, *, width: float = 1,
         dash: str = "") -> str:
    extra = f' stroke-dasharray="{esc(dash)}"' if dash else ""
    return (f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
            f'stroke="{esc(stroke)}" stroke-width="{num(width)}"{extra}/>')


def polyline(points: list[tuple[float, float]], stroke: str, *, width: float = 2,
             dash: str = "") -> str:
    coords = " ".join(f"{num(x)},{num(y)}" for x, y in points)
    extra = f' stroke-dasharray="{esc(dash)}"' if dash else ""
    return (f'<polyline points="{coords}" fill="none" stroke="{esc(stroke)}" '
            f'stroke-width="{num(width)}" stroke-linejoin="round"{extra}/>')


def circle(x: float, y: float, radius: float, fill: str, *, label: str = "") -> str:
    tip = f"<title>{esc(label)}</title>" if label else ""
    return (f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(radius)}" fill="{esc(fill)}">'
            f"{tip}</circle>")


def marker(shape: str, x: float, y: float, radius: float, fill: str, *,
           label: str = "") -> str:
    """A data point: a ``circle``, a ``square`` or a ``diamond`` of this radius."""
    if shape == "circle":
        return circle(x, y, radius, fill, label=label)
    tip = f"<title>{esc(label)}</title>" if label else ""
    r = radius * (0.9 if shape == "square" else 1.25)
    corners = ([(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)]
               if shape == "square" else [(x, y - r), (x + r, y), (x, y + r), (x - r, y)])
    coords = " ".join(f"{num(px)},{num(py)}" for px, py in corners)
    return f'<polygon points="{coords}" fill="{esc(fill)}">{tip}</polygon>'


READABLE_PX = 9.0  # the smallest text a chart may draw, in CSS pixels, however narrow the page
_FONT_SIZE = re.compile(r'font-size="([0-9.]+)"')


def readable_width(width: float, body: list[str]) -> int:
    """The least width, in CSS pixels, at which the chart's smallest text is drawn at
    :data:`READABLE_PX`: the stylesheet keeps the chart that wide and lets it scroll."""
    sizes = [float(size) for part in body for size in _FONT_SIZE.findall(part)]
    return math.ceil(width * READABLE_PX / min(sizes)) + 1 if sizes else 0


def document(ident: str, title: str, description: str, width: float, height: float,
             body: list[str]) -> Markup:
    """The whole ``<svg>``, marked safe for an autoescaping template (it was escaped here);
    its ``--readable`` width is the least one at which its text stays readable."""
    ident = chart_id(ident)
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {num(width)} '
            f'{num(height)}" width="100%" style="--readable: {readable_width(width, body)}px" '
            f'role="img" aria-labelledby="{ident}-t {ident}-d">'
            f'<title id="{ident}-t">{esc(title)}</title>'
            f'<desc id="{ident}-d">{esc(description)}</desc>')
    return Markup(head + "".join(body) + "</svg>")
