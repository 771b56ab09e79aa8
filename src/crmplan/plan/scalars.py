"""Turning YAML 1.2 scalars into the values a plan holds, and refusing the rest.

Integers of more than 30 digits, NaN and infinities, and impossible dates are
refused with a message; a timestamp with a time of day stays text.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import Any

from crmplan.i18n import _
from crmplan.quoting import shown

MAX_INT_DIGITS = 30
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class BadScalar(Exception):
    """A scalar YAML resolved but a plan cannot hold; carries the message and a hint."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def _to_int(text: str) -> int:
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    body = digits.lstrip("+-")
    if len(body) > MAX_INT_DIGITS:
        raise BadScalar(_("number with {n} digits is too large for a plan").format(
            n=len(body)), _("put it in quotes if it is an identifier"))
    base = {"0x": 16, "0o": 8, "0b": 2}.get(body[:2].lower(), 10)
    try:
        return sign * int(body[2:] if base != 10 else body, base)
    except ValueError:
        raise BadScalar(_("'{text}' is not a number").format(text=shown(text)),
                        _("put it in quotes if it is text")) from None


def _to_float(text: str) -> float:
    if "nan" in text.lower() or "inf" in text.lower():
        raise BadScalar(_("'{text}' is not a finite number").format(text=shown(text)))
    if len(text) > 64:
        raise BadScalar(_("number '{text}…' is too long").format(text=text[:20]))
    try:
        value = float(text.replace("_", ""))
    except ValueError:
        raise BadScalar(_("'{text}' is not a number").format(text=shown(text)),
                        _("put it in quotes if it is text")) from None
    if value in (float("inf"), float("-inf")):
        raise BadScalar(_("'{text}' is too large a number").format(text=shown(text)))
    return value


def _to_bool(text: str) -> bool:
    return text.lower() == "true"


def _to_null(_text: str) -> None:
    return None


def _to_date(text: str) -> dt.date | str:
    match = _DATE.match(text)
    if match is None:
        return text  # a timestamp with a time of day stays text
    year, month, day = (int(part) for part in match.groups())
    if year < 1:
        raise BadScalar(_("'{text}' is not a valid date: there is no year 0").format(
            text=shown(text)), _("write dates as YYYY-MM-DD"))
    if not 1 <= month <= 12:
        raise BadScalar(_("'{text}' is not a valid date: there is no month {month}").format(
            text=shown(text), month=month), _("write dates as YYYY-MM-DD"))
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise BadScalar(_("'{text}' is not a valid date: {year}-{month:02d} has {days} days")
                        .format(text=shown(text), year=year, month=month, days=days))
    return dt.date(year, month, day)


def _to_str(text: str) -> str:
    return text


CONVERTERS = {
    "str": _to_str,
    "int": _to_int,
    "float": _to_float,
    "bool": _to_bool,
    "null": _to_null,
    "timestamp": _to_date,
}


def non_text_key_message(key: Any) -> str:
    if key is None:
        return _("a key must be text; '~' or an empty key reads as null")
    text = str(key).lower() if isinstance(key, bool) else str(key)
    return _("a key must be text; {key} reads as a {kind}").format(
        key=shown(text), kind=_kind_name(key))


def _kind_name(value: Any) -> str:
    if isinstance(value, bool):
        return _("true/false value")
    if isinstance(value, (int, float)):
        return _("number")
    if isinstance(value, dt.date):
        return _("date")
    return _("value")


@functools.cache
def _implicit_resolvers() -> dict[Any, list[tuple[str, Any]]]:
    """YAML 1.2's rules for plain scalars, by first character, as ruamel.yaml has them."""
    from ruamel.yaml.resolver import VersionedResolver

    table = VersionedResolver(version=None).versioned_resolver
    return {key: list(rules) for key, rules in table.items()}


@functools.lru_cache(maxsize=4096)
def scalar_kind(value: str) -> str:
    """What a plain scalar is under YAML 1.2 (``int``, ``float``, ``bool``, ``null``,
    ``timestamp``, ``str``...): ruamel.yaml's own resolution, with its table read once."""
    table = _implicit_resolvers()
    for tag, pattern in [*table.get(value[:1], []), *table.get(None, [])]:
        if pattern.match(value):
            return str(tag).rsplit(":", 1)[-1]
    return "str"


# Chinese and Japanese characters and the full-width punctuation written between them.
_CJK = "\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff0f" \
       "\uff1a-\uff1f\uff5b-\uff65"
_CJK_PUNCTUATION = "\u3001\u3002\u300a-\u3011\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f"
_FOLDED_SPACE = re.compile(
    rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])|(?<=[{_CJK_PUNCTUATION}])[ \t]+(?=\S)")


def unfolded(text: str) -> str:
    """Text of a scalar written over several lines, without the spaces folding left in CJK.

    YAML joins the lines of a folded (``>``) or multi-line plain scalar with a space,
    which English wants and Chinese does not: ``10个触点，\\n每个`` reads ``10个触点，每个``,
    not ``10个触点， 每个``. A space between two Chinese or Japanese characters, or after
    full-width punctuation, is dropped; Korean, which spaces its words, keeps every space.
    """
    return _FOLDED_SPACE.sub("", text)
