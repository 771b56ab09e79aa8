"""Markdown that renders as meant on GitHub, whatever the plan's text holds.

A table cell escapes ``|``, turns newlines into spaces and escapes raw HTML
(``<img onerror>``), and text never starts a heading or a list by accident.
"""

from __future__ import annotations

import html
import re

_LEADING = re.compile(r"^[#>*+\-=]")
_ORDERED = re.compile(r"^(\d+)([.)])(?=\s|$)")  # "1. text" starts a list; "3.5" does not


def cell(text: object) -> str:
    """``text`` safe inside a table cell or a line of Markdown."""
    value = html.escape(" ".join(str(text).split()), quote=False)
    value = value.replace("|", "\\|").replace("`", "\\`")
    value = _ORDERED.sub(lambda m: m.group(1) + "\\" + m.group(2), value)
    return _LEADING.sub(lambda m: "\\" + m.group(), value)


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A GitHub table; every cell escaped."""
    lines = ["| " + " | ".join(cell(h) for h in header) + " |",
             "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines
