"""Whether an export's header row names its columns, told by the shapes of its values.

An export saved without a header row has a customer's id, e-mail address or
phone number where the column names should be; one saved with a title above
the header (``Orders export for jane@example.com``) has a title there. Such a
row is never shown: each value is named by its kind (``e-mail``, ``date``,
``text with an e-mail``...), so the user learns that the header is missing or
lower down without a customer's data on the screen, in JSON or in a log.

A header row is taken for data when it lacks a column the plan maps and

- has a value that no one writes as a column name (an e-mail address, a web
  address, a date, a number, a phone number, an id such as ``C-0042`` or
  ``900101-1234567``), or text that holds one (a title naming a person's
  address or phone), or
- none of the mapped columns is in it, and it has a code (letters and
  digits) and the next row has values of the same kinds in every column.

A row that lacks a mapped column and holds only words is a header with a
typo in it (or in the plan): its names are listed, as they help.
"""

from __future__ import annotations

import re
import unicodedata

from crmplan import rules
from crmplan.errors import Issue, PlanError
from crmplan.i18n import N_, _, join

SHOWN = 20  # kinds named in a message; the rest counted
EMPTY, EMAIL, WEB, DATE, PHONE, NUMBER, CODE, TEXT = (
    N_("empty"), N_("e-mail"), N_("web address"), N_("date"), N_("phone number"),
    N_("number"), N_("code"), N_("text"))
DATA_KINDS = frozenset((EMAIL, WEB, DATE, PHONE, NUMBER))
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_WEB = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)
_DATES = (
    re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}([ T]\d{1,2}:\d{2}.*)?$"),
    re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}( \d{1,2}:\d{2}.*)?$"),
    re.compile(r"^\d{4}\s*[년年]\s*\d{1,2}\s*[월月]\s*\d{1,2}\s*[일日]"),
)
_PHONE = re.compile(r"^\+?[\d\s().-]+$")
_NUMBER = re.compile(r"^[-+]?\(?[-+]?\d[\d.,' ]*\)?%?$")
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")
# data inside a longer text (a title row): the kind shown for the text, and how it is found
_INSIDE = (
    # tried only where a word starts: the same matches, without trying every position of a
    # long word again (quadratic: minutes for a column name of 100,000 characters)
    (N_("text with an e-mail"), re.compile(r"(?<![^@\s])[^@\s]+@[^@\s]+\.[^@\s]+")),
    (N_("text with a web address"), re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)),
    (N_("text with a date"), re.compile(
        r"(?<!\d)(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|"
        r"\d{4}\s*[년年]\s*\d{1,2}\s*[월月])(?!\d)")),
    (N_("text with a phone number"), re.compile(r"(?<![\w-])\+?\d(?:[\s().-]*\d){6,}")),
)
TEXT_WITH_ID = N_("text with an id")
_TOKEN = re.compile(r"[^\s,;:()\[\]<>\"'/]+")


def kind(value: str) -> str:
    """What a value looks like (untranslated: pass it through ``_``)."""
    text = value.strip()
    if not text:
        return EMPTY
    if _EMAIL.match(text):
        return EMAIL
    if _WEB.match(text):
        return WEB
    if any(p.match(text) for p in _DATES):
        return DATE
    digits = len(_DIGIT.findall(text))
    if _PHONE.match(text) and digits >= 7 and (
            text.startswith("+") or len(re.findall(r"\d[\s().-]+\d", text)) >= 2):
        return PHONE
    if _NUMBER.match("".join(c for c in text if unicodedata.category(c) != "Sc").strip()):
        return NUMBER
    if digits and (_LETTER.search(text) or not re.search(r"\s", text)):
        return CODE  # letters and digits (A1, Address 2), or digits and marks (900101-12)
    return TEXT


def shown_kind(value: str) -> str:
    """The kind a message names for a value: a text that holds data says which
    (untranslated)."""
    found = kind(value)
    if found not in (TEXT, CODE) or _id_like(value):
        return found
    for name, pattern in _INSIDE:
        if pattern.search(value):
            return name
    return TEXT_WITH_ID if any(_id_like(t) for t in _TOKEN.findall(value)) else found


def holds_data(value: str) -> bool:
    """Whether a value is, or holds, something no one writes as a column name."""
    if kind(value) in DATA_KINDS or _id_like(value):
        return True
    return shown_kind(value) != kind(value)


def looks_like_data(first: list[str], second: list[str] | None) -> bool:
    """Whether ``first`` holds values rather than column names (``second``: the next row)."""
    if any(holds_data(v) for v in first):
        return True
    kinds = [kind(v) for v in first]
    return CODE in kinds and second is not None and [kind(v) for v in second] == kinds


def _id_like(value: str) -> bool:
    """A code of three digits or more without a space, as ids are (``C-0042``); column names
    seldom are."""
    text = value.strip()
    return kind(text) == CODE and len(_DIGIT.findall(text)) >= 3 and not re.search(r"\s", text)


def check(name: str, first: list[str], second: list[str] | None, mapped: list[str],
          row: int = 1) -> None:
    """Stop with an error at ``name``:``row``:1 when the header row (``row``) is data or a
    title, not the columns' names: it lacks a mapped column and holds values no header
    has, or none of the mapped columns and the next row's kinds."""
    found = set(mapped).intersection(first)
    if not mapped or found == set(mapped):
        return
    if not any(holds_data(v) for v in first) and (found or not looks_like_data(first, second)):
        return  # words only: a header with a typo, whose names help
    kinds = [_(shown_kind(v)) for v in first]
    listed = join(kinds[:SHOWN]) + (" …" if len(kinds) > SHOWN else "")
    raise PlanError([Issue(name, row, 1, _(
        "the header row (row {row}) does not look like one: it holds values that look like "
        "data ({kinds})").format(row=row, kinds=listed), hint=_(
            "if a title or other rows come above the header, remove them or name the header's "
            "row in the source: header_row: {next}; if the file has no header row, add one "
            "that names the columns as the plan maps them: {columns}").format(
            next=row + 1, columns=join(mapped)), rule=rules.NO_HEADER_ROW)])
