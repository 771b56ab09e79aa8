"""The priority matrix as a Mermaid ``quadrantChart``, safe whatever the plan's names hold.

What Mermaid's quadrant grammar (``quadrant.jison``) accepts, and what this
module does about it:

- a point's coordinates must be ``1``, ``0`` or ``0.`` followed by digits: no
  ``1.00``, no ``-0``, no exponent; they are written with two decimals
  (rounded half up), ``0`` and ``1`` bare;
- every text is written in double quotes, whose content may hold anything but
  ``"``: quotes become ``'``; a backtick right after the opening quote would
  start a Markdown string, so backticks become ``'`` too;
- ``%%`` starts a comment or an ``%%{init}%%`` directive anywhere in the
  text, so a run of ``%`` becomes one; ``#name;`` is turned into an HTML
  entity by Mermaid, so such a ``#`` becomes ``＃``;
- a line break ends a statement: newlines and every control character
  become spaces; ``<`` and ``>`` become ``‹`` and ``›`` so that Mermaid's
  HTML sanitizer keeps the text instead of dropping what looks like a tag.
"""

from __future__ import annotations

import re

from crmplan.i18n import _
from crmplan.segment.labels import half_up
from crmplan.segment.rules import AXES, QUADRANTS
from crmplan.segment.views import Matrix

MAX_LABEL = 60
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_PERCENTS = re.compile(r"%{2,}")
_ENTITY = re.compile(r"#(?=\w+;)")
_REPLACE = str.maketrans({'"': "'", "`": "'", "<": "‹", ">": "›"})


def coordinate(value: float) -> str:
    """``value`` clamped to [0, 1] as Mermaid's lexer reads it: ``0``, ``1`` or ``0.xx``."""
    hundredths = round(half_up(min(1.0, max(0.0, value)), 2) * 100)
    if hundredths <= 0:
        return "0"
    if hundredths >= 100:
        return "1"
    return f"0.{hundredths:02d}"


def label(text: str, fallback: str = "?") -> str:
    """``text`` as a double-quoted Mermaid string that cannot break the chart."""
    clean = _CONTROL.sub(" ", text).translate(_REPLACE)
    clean = _ENTITY.sub("＃", _PERCENTS.sub("%", clean))
    clean = " ".join(clean.split())
    if len(clean) > MAX_LABEL:
        clean = clean[: MAX_LABEL - 1].rstrip() + "…"
    return f'"{clean or label(fallback)[1:-1]}"'


def quadrant_chart(matrix: Matrix, title: str = "") -> str:
    """The Mermaid ``quadrantChart`` text of the matrix: x is ease, y is value."""
    ease, value = AXES
    lines = ["quadrantChart"]
    if title:
        lines.append(f"    title {label(title)[1:-1]}")
    lines += [
        f"    x-axis {label(_(ease.low))} --> {label(_(ease.high))}",
        f"    y-axis {label(_(value.low))} --> {label(_(value.high))}",
    ]
    lines += [f"    quadrant-{q.number} {label(_(q.label))}"
              for q in sorted(QUADRANTS, key=lambda q: q.number)]
    lines += [f"    {label(p.name, p.segment)}: [{coordinate(p.ease)}, {coordinate(p.value)}]"
              for p in matrix.points]
    return "\n".join(lines) + "\n"
