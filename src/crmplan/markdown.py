"""Markdown that renders as meant on GitHub, whatever the plan's text holds.

A table cell escapes ``|``, turns newlines into spaces and escapes raw HTML
(``<img onerror>``), and text never starts a heading or a list by accident.
Plan text never becomes a link or an image either: ``[``, ``]`` and ``!`` are
escaped, and so is ``<`` (as ``&lt;``), which would start an autolink; a
backslash is escaped as well, so that plan text cannot undo an escape.

GitHub's autolink extension (cmark-gfm's) also makes plain text a link: a URL
(``http://``, ``https://``, ``ftp://``), ``www.`` and an e-mail address. The
``:`` of such a scheme and the ``.`` after ``www`` are escaped with a backslash;
an ``@`` cannot be (GitHub joins the text back together before it looks for
addresses), so an invisible word joiner (U+2060, written ``&#x2060;``) goes
before the ``@`` of an address, and of ``mailto:@...`` or ``xmpp:@...``, which
GitHub links even with no name before the ``@``. Other text is left as it is.
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
# what cmark-gfm's autolink extension looks for; it reads ASCII letters and digits only
_URL_SCHEME = re.compile(r"(?<![a-z])(https?|ftp):(?=//)", re.IGNORECASE | re.ASCII)
_WWW = re.compile(r"(?<![a-z0-9])(www)\.", re.IGNORECASE | re.ASCII)
_ADDRESS_AT = re.compile(r"(?<=[a-z0-9.+_:-])@(?=[a-z0-9_-]*\.[a-z0-9])",
                         re.IGNORECASE | re.ASCII)
WORD_JOINER = "&#x2060;"


def cell(text: object, *, line_start: bool = True) -> str:
    """``text`` safe inside a table cell or a line of Markdown.

    ``line_start=False`` is for table cells, where "1." cannot start a list.
    """
    value = html.escape(" ".join(str(text).split()), quote=False)
    value = value.translate(_INLINE_MARKS)  # no table break, code span, link or image
    value = no_autolink(value)
    if not line_start:  # in a table cell only a heading mark or emphasis could mislead
        return _CELL_MARK.sub(lambda m: "\\" + m.group(), value)
    value = _LEADING_MARK.sub(lambda m: "\\" + m.group(), value)
    # "1. x" would start a list: escape the dot, since a backslash before a digit shows as-is
    return _LEADING_NUMBER.sub(lambda m: m.group(1) + "\\" + m.group(2), value)


def no_autolink(text: str) -> str:
    """``text`` (Markdown) with nothing GitHub's autolink extension would make a link."""
    if "@" in text:  # first: "www." may follow the "@"
        text = _ADDRESS_AT.sub(WORD_JOINER + "@", text)
    if "." in text:
        text = _WWW.sub(r"\1\\.", text)
    return _URL_SCHEME.sub(r"\1\\:", text) if "://" in text else text


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
