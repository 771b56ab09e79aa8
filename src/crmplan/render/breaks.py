"""Where the lines of a deliverable may break.

A plan's ids (``repeat_purchase_rate``) and file locations have no space: a browser
either lets them run past a phone's width or, with ``overflow-wrap: anywhere``, cuts
them at any letter. :func:`breakable` offers the browser a break (``<wbr>``) after each
``_`` and ``/`` instead, so an id wraps between its words and every other word of the
page stays whole.

The PDF's typesetter needs more. Browsers wrap Korean between eojeol (words) under
``word-break: keep-all``; WeasyPrint does not honour it and breaks between any two
Hangul syllables, so "우선순위" can end a line as "우선|순위". :func:`print_breaks`
rewrites the text of a rendered HTML document for the PDF engine only: a word joiner
(U+2060, no width, no glyph, not extracted as text) between the syllables, digits and
Latin letters of one word ("12개월"), so Korean breaks only at its spaces; a short Chinese
word in a table header kept whole; a Chinese date or figure with its unit kept whole
("2025年11月20日", "36万元", "-1.62小时"); and a ``<wbr>`` after each ``_`` inside an
identifier that has none yet. Chinese text otherwise breaks between characters, as it should. Only
text between tags changes, never a tag, an attribute, the style sheet or an SVG chart
(whose text never wraps).
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_AFTER = re.compile(r"([_/])(?=[^_/])")


def breakable(value: object) -> Markup:
    """``value`` escaped, with a ``<wbr>`` after each ``_`` or ``/`` inside it."""
    return Markup(_AFTER.sub(r"\1<wbr>", str(escape(value))))


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
# a table header cell; in one, a Chinese word of two to four characters ("权重", "试用")
# stays whole, so a narrow column of figures does not stack its header a character a line
_HEADER = re.compile(r"<(/?)th\b", re.IGNORECASE)
_HAN_WORD = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,4}(?![\u4e00-\u9fff])")
# "每月" (每周, 每年, 每季) before a figure: one word, and the place the line breaks ("每月" above
# "-1.62小时", not "每" above "月-1.62小时")
_HAN_EVERY = re.compile(r"每[月周年季](?=[+\-\d])")
# a Chinese date ("2026年3月6日", "11月20日") or a figure with a short unit ("36万元", "-1.62小时"):
# one word, which a line never splits ("36万|元", "2025年11月|20日"); "+4.1个百分点" may still
# break before 百分点, or a table of rates grows past its page
_HAN_FIGURE = re.compile(
    r"\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日"
    r"|[+\-]?\d[\d,.]*(?:万元|亿元|元|小时|分钟|天|倍|%)"
)


def print_breaks(html: str) -> str:
    """``html`` with the line breaks a PDF engine needs made explicit in its text: Korean
    joined within words (in a document of any language: Hangul is always Korean), a short
    Chinese word in a table header joined, identifiers breakable after ``_``."""
    pieces = _MARKUP.split(html)
    raw, header = 0, 0  # how deep in raw content, and in header cells
    for index, piece in enumerate(pieces):
        if index % 2:  # markup
            raw += _step(_RAW, piece)
            header += _step(_HEADER, piece)
        elif raw <= 0 and piece:
            pieces[index] = _flowing(piece, header > 0)
    return "".join(pieces)


def _step(element: re.Pattern[str], tag: str) -> int:
    """+1 when ``tag`` opens ``element``, -1 when it closes it, else (a self-closing tag)
    0."""
    if not (match := element.match(tag)) or tag.endswith("/>"):
        return 0
    return -1 if match.group(1) else 1


def _flowing(text: str, header: bool) -> str:
    text = _HANGUL_PAIR.sub(WORD_JOINER, text)
    text = _HAN_FIGURE.sub(lambda figure: WORD_JOINER.join(figure.group()), text)
    text = _HAN_EVERY.sub(lambda every: WORD_JOINER.join(every.group()) + "<wbr>", text)
    if header:
        text = _HAN_WORD.sub(lambda word: WORD_JOINER.join(word.group()), text)
    return _ID_JOINT.sub("<wbr>", text)


def unjoined(text: str) -> str:
    """``text`` without the word joiners :func:`print_breaks` put in it."""
    return text.replace(WORD_JOINER, "")
