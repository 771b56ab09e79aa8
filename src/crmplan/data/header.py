"""Whether an export's first row names its columns, told by the shapes of its values.

An export saved without a header row has a customer's id, e-mail address or
phone number where the column names should be. Such a row is never shown:
each value is named by its kind (``e-mail``, ``date``, ``number``...), so
the user learns that the header is missing without a customer's data on
the screen, in JSON or in a log.

A first row is taken for data when none of the columns the plan maps is in
it and it has a value that no one writes as a column name (an e-mail
address, a web address, a date, a number, a phone number, an id such as
``C-0042``), or it has a code (letters and digits) and the second row has
values of the same kinds in every column.
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
    return CODE if digits and _LETTER.search(text) else TEXT


def looks_like_data(first: list[str], second: list[str] | None) -> bool:
    """Whether ``first`` holds values rather than column names (``second``: the next row)."""
    kinds = [kind(v) for v in first]
    if DATA_KINDS.intersection(kinds) or any(_id_like(v) for v in first):
        return True
    return CODE in kinds and second is not None and [kind(v) for v in second] == kinds


def _id_like(value: str) -> bool:
    """A code of three digits or more without a space, as ids are (``C-0042``); column names
    seldom are."""
    text = value.strip()
    return kind(text) == CODE and len(_DIGIT.findall(text)) >= 3 and not re.search(r"\s", text)


def check(name: str, first: list[str], second: list[str] | None, mapped: list[str]) -> None:
    """Stop with an error at ``name``:1:1 when the first row is data, not a header."""
    if not mapped or set(mapped).intersection(first) or not looks_like_data(first, second):
        return
    kinds = [_(kind(v)) for v in first]
    shown = join(kinds[:SHOWN]) + (" …" if len(kinds) > SHOWN else "")
    raise PlanError([Issue(name, 1, 1, _(
        "the first row looks like data, not column names (its values: {kinds}); the file "
        "seems to have no header row").format(kinds=shown), hint=_(
            "add a header row that names the columns, as the plan maps them: {columns} "
            "(crmplan finds columns by their names)").format(columns=join(mapped)),
        rule=rules.NO_HEADER_ROW)])
