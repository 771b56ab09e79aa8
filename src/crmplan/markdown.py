"""Markdown that renders as meant on GitHub, whatever the plan's text holds.

A table cell escapes ``|``, turns newlines into spaces and escapes raw HTML
(``<img onerror>``), and text never starts a heading or a list by accident.
Plan text never becomes a link or an image either: ``[``, ``]`` and ``!`` are
escaped, and so is ``<`` (as ``&lt;``), which would start an autolink; a
backslash is escaped as well, so that plan text cannot undo an escape.
"""

from __future__ import annotations

import html
import re

_LEADING_MARK = re.compile(r"^[#>*+\-=]")
_LEADING_NUMBER = re.compile(r"^(\d+)([.)])(?=\s|$)")  # "1. text" starts a list; "3.5" does not
_CELL_MARK = re.compile(r"^[#*]")
# a backslash too: one in the plan before "]" would otherwise cancel the escape of "]"
_INLINE_MARKS = str.maketrans({"\\": "\\\\", "|": "\\|", "`": "\\`", "[": "\\[",
                               "]": "\\]", "!": "\\!"})


def cell(text: object, *, line_start: bool = True) -> str:
    """``text`` safe inside a table cell or a line of Markdown.

    ``line_start=False`` is for table cells, where "1." cannot start a list.
    """
    value = html.escape(" ".join(str(text).split()), quote=False)
    value = value.translate(_INLINE_MARKS)  # no table break, code span, link or image
    if not line_start:  # in a table cell only a heading mark or emphasis could mislead
        return _CELL_MARK.sub(lambda m: "\\" + m.group(), value)
    value = _LEADING_MARK.sub(lambda m: "\\" + m.group(), value)
    # "1. x" would start a list: escape the dot, since a backslash before a digit shows as-is
    return _LEADING_NUMBER.sub(lambda m: m.group(1) + "\\" + m.group(2), value)


def code(text: str) -> str:
    """``text`` as a code span, or as escaped text if a backtick in it would end the span."""
    if "`" in text or "\n" in text:
        return cell(text, line_start=False)
    return f"`{text}`"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A GitHub table; every cell escaped."""
    lines = ["| " + " | ".join(cell(h) for h in header) + " |",
             "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c, line_start=False) for c in row) + " |" for row in rows]
    return lines
