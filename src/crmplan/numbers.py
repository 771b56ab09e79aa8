"""Reading a number a user typed (a command's argument, a CSV cell), in crmplan's words.

A plan's numbers are YAML's: a point before the decimals, no thousands separator, no
percent sign. What a user types often has one of those, so the message says which,
and what to write instead.
"""

from __future__ import annotations

import math
import re

from crmplan.errors import UsageError
from crmplan.i18n import _
from crmplan.quoting import shown

NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
MAX_DIGITS = 40  # longer is a paste gone wrong, not a figure


def read_number(text: str) -> float:
    """``text`` as a finite number; a :class:`UsageError` saying what to write otherwise."""
    cleaned = text.strip()
    if NUMBER.match(cleaned) and len(cleaned) <= MAX_DIGITS:
        value = float(cleaned)
        if math.isfinite(value):
            return value
    raise UsageError(*number_problem(text))


def number_problem(text: str) -> tuple[str, str]:
    """Why ``text`` is not a number a plan can hold, and what to write: (message, hint)."""
    cleaned = text.strip()
    quoted = shown(text)
    if cleaned.endswith("%") and NUMBER.match(cleaned[:-1].strip()):
        return (_("'{text}' is not a number: leave out the percent sign").format(text=quoted),
                _("write {number} (percentages as 0-100)").format(number=cleaned[:-1].strip()))
    if _THOUSANDS.match(cleaned):
        plain = cleaned.replace(",", "")
        return (_("'{text}' is not a number: leave out the thousands separators").format(
            text=quoted), _("write {number}").format(number=plain))
    if NUMBER.match(cleaned) or cleaned.lower().lstrip("+-") in ("nan", "inf", "infinity"):
        return (_("'{text}' is not a finite number").format(text=quoted),
                _("write a number such as 12.5 or -3"))
    if _DECIMAL_COMMA.match(cleaned):
        dotted = cleaned.replace(",", ".")
        return (_("'{text}' is not a number: the decimal separator is a point").format(
            text=quoted), _("write {number}").format(number=dotted))
    return (_("'{text}' is not a number").format(text=quoted),
            _("write a number such as 12.5 or -3"))
