"""The smallest SVG writer the charts need: numbers in, escaped text, fixed decimals.

Every coordinate is written with one decimal (:func:`num`), so the same data
always gives the same bytes; every text goes through :func:`esc`, so a plan's
name can never open a tag or an attribute. A chart is one ``<svg>`` with a
``viewBox`` and ``width="100%"`` (it shrinks to a phone's width), a
``<title>`` and a ``<desc>`` for screen readers, and nothing that loads
anything: no ``href``, no external font, no script.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

_ID = re.compile(r"[^A-Za-z0-9_-]")
MAX_LABEL = 40


def num(value: float) -> str:
    """A coordinate with one decimal; never ``-0.0``."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def esc(text: object) -> str:
    """Text safe inside an element or a double-quoted attribute."""
    return html.escape(" ".join(str(text).split()), quote=True)


def short(text: str, limit: int = MAX_LABEL) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    clean = " ".join(text.split())
    return clean if len(clean) <= limit else clean[: limit - 1].rstrip() + "…"


def chart_id(*parts: object) -> str:
    """An id made of letters, digits, ``-`` and ``_`` only (a plan's id may hold ``.``)."""
    return _ID.sub("-", "-".join(str(p) for p in parts))


def text(x: float, y: float, content: str, *, anchor: str = "start", size: int = 12,
         css: str = "", weight: str = "") -> str:
    """A ``<text>`` element; ``css`` is a class name of the document's stylesheet."""
    attrs = f' class="{esc(css)}"' if css else ""
    if weight:
        attrs += f' font-weight="{esc(weight)}"'
    return (f'<text x="{num(x)}" y="{num(y)}" font-size="{size}" text-anchor="{anchor}"'
            f'{attrs}>{esc(content)}</text>')


def rect(x: float, y: float, width: float, height: float, fill: str, *,
         rx: float = 0, opacity: float = 1) -> str:
    extra = f' rx="{num(rx)}"' if rx else ""
    if opacity < 1:
        extra += f' fill-opacity="{num(opacity)}"'
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


def document(ident: str, title: str, description: str, width: float, height: float,
             body: list[str]) -> Markup:
    """The whole ``<svg>``, marked safe for an autoescaping template (it was escaped here)."""
    ident = chart_id(ident)
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {num(width)} '
            f'{num(height)}" width="100%" role="img" aria-labelledby="{ident}-t {ident}-d">'
            f'<title id="{ident}-t">{esc(title)}</title>'
            f'<desc id="{ident}-d">{esc(description)}</desc>')
    return Markup(head + "".join(body) + "</svg>")
