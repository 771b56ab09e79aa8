"""Where the lines of a printed document may break, for a typesetter that ignores the CSS
that says so.

Browsers wrap Korean between eojeol (words) under ``word-break: keep-all``; WeasyPrint
does not honour it and breaks between any two Hangul syllables, so "우선순위" can end a
line as "우선|순위". :func:`print_breaks` rewrites the text of a rendered HTML document
for the PDF engine: a word joiner (U+2060, no width, no glyph, not extracted as text)
between the syllables, digits and Latin letters of one word ("12개월"), so Korean breaks
only at its spaces, and a ``<wbr>`` after each ``_`` inside an identifier
(``no_show_rate``), so a long id breaks there rather than in the middle of a word.
Chinese needs nothing: it breaks between characters, as it should. Only text between
tags changes, never a tag, an attribute, the style sheet or an SVG chart (whose text
never wraps).
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"
# a tag, a comment or a declaration: never changed
_MARKUP = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
# elements whose content is not flowing text
_RAW = re.compile(r"<(/?)(style|script|svg|title)\b", re.IGNORECASE)
# a Hangul syllable (U+AC00-U+D7A3) beside another or beside a letter or digit, as in
# "우선순위", "12개월", "CRM을": one eojeol, joined
_HANGUL_PAIR = re.compile(
    r"(?<=[\uac00-\ud7a3])(?=[0-9A-Za-z\uac00-\ud7a3])"
    r"|(?<=[0-9A-Za-z])(?=[\uac00-\ud7a3])"
)
# an underscore between two letters or digits: a place to break an identifier
_ID_JOINT = re.compile(r"(?<=\w_)(?=\w)")


def print_breaks(html: str) -> str:
    """``html`` with the line breaks a PDF engine needs made explicit in its text: Korean
    joined within words (in a document of any language: Hangul is always Korean),
    identifiers breakable after ``_``."""
    pieces = _MARKUP.split(html)
    raw_depth = 0
    for index, piece in enumerate(pieces):
        if index % 2:  # markup
            if match := _RAW.match(piece):
                closing = bool(match.group(1)) or piece.endswith("/>")
                raw_depth = max(0, raw_depth - 1) if closing else raw_depth + 1
            continue
        if raw_depth == 0 and piece:
            pieces[index] = _flowing(piece)
    return "".join(pieces)


def _flowing(text: str) -> str:
    return _ID_JOINT.sub("<wbr>", _HANGUL_PAIR.sub(WORD_JOINER, text))


def unjoined(text: str) -> str:
    """``text`` without the word joiners :func:`print_breaks` put in it."""
    return text.replace(WORD_JOINER, "")
