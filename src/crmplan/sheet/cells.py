"""A cell as the value its column holds, whatever saved the workbook: Excel, LibreOffice
Calc or Google Sheets write numbers, dates and text differently.

Accepted: real dates and dates written as text (2025-03-31, 2025.03.31, 2025/03/31);
numbers, and numbers written as text with a decimal comma where that cannot be read as a
thousands separator (3,5 but not 1,250); spaces around any value; a choice given by its
label in any language or by its id. Text escaped against formula injection on export is
read back as it was.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from crmplan.baseline.csvfile import unescape
from crmplan.baseline.record import number_text, plain_number
from crmplan.i18n import _
from crmplan.numbers import MAX_DIGITS, NUMBER, number_problem
from crmplan.quoting import shown
from crmplan.sheet.model import Column, ColumnType

Value = str | int | float | dt.date | tuple[str, ...] | None
_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\.?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,(\d{1,2}|\d{4,})$")  # 1,250 is a thousand and more
_SEPARATORS = re.compile(r"[,;\n]")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


@dataclass(frozen=True)
class Problem:
    """Why a cell cannot be read as its column asks, and what to write."""

    message: str
    hint: str


def read_cell(column: Column, raw: object) -> Value | Problem:
    """The cell's value as its column holds it (None when empty), or the problem."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raw = str(raw).upper()
    reader = _READERS.get(column.type, _text)
    return reader(column, raw)


def _text(_column: Column, raw: object) -> Value | Problem:
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, float):
        return number_text(raw)
    text = unescape(str(raw)).strip()
    return "\n".join(line.rstrip() for line in text.splitlines()) or None


def _choice(column: Column, raw: object) -> Value | Problem:
    text = _text(column, raw)
    if not isinstance(text, str):
        return text
    folded = text.casefold()
    for key, label in column.choices:
        if folded in (key.casefold(), label.casefold()):
            return key
    return text  # the plan's own rules say what is wrong with it, and what is allowed


def _lines(column: Column, raw: object) -> Value | Problem:
    text = _text(column, raw)
    if not isinstance(text, str):
        return text
    return tuple(line.strip() for line in text.splitlines() if line.strip()) or None


def _ids(column: Column, raw: object) -> Value | Problem:
    text = _text(column, raw)
    if not isinstance(text, str):
        return text
    return tuple(p.strip() for p in _SEPARATORS.split(text) if p.strip()) or None


def _number(_column: Column, raw: object) -> Value | Problem:
    if isinstance(raw, int | float):
        if not math.isfinite(raw):
            return Problem(*number_problem(str(raw)))
        return plain_number(raw)
    text = unescape(str(raw)).strip().replace("\u00a0", "").replace(" ", "")
    if _DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
    if NUMBER.match(text) and len(text) <= MAX_DIGITS and math.isfinite(float(text)):
        return plain_number(float(text))
    return Problem(*number_problem(str(raw)))


def _whole(column: Column, raw: object) -> Value | Problem:
    value = _number(column, raw)
    if isinstance(value, float):
        return Problem(_("'{text}' is not a whole number").format(text=shown(raw)),
                       _("write a whole number from {low} to {high}").format(
                           low=number_text(column.low or 0), high=number_text(column.high or 0)))
    return value


def _date(_column: Column, raw: object) -> Value | Problem:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, int | float) and 1 <= raw < 2_958_466:  # a date saved as its serial
        return _EXCEL_EPOCH + dt.timedelta(days=int(raw))
    match = _DATE.match(unescape(str(raw)).strip())
    try:
        if match:
            return dt.date(*map(int, match.groups()))
    except ValueError:
        pass
    return Problem(_("'{text}' is not a date").format(text=shown(raw)),
                   _("write the date as YYYY-MM-DD"))


_READERS = {ColumnType.CHOICE: _choice, ColumnType.LINES: _lines, ColumnType.IDS: _ids,
            ColumnType.NUMBER: _number, ColumnType.WHOLE: _whole, ColumnType.DATE: _date}


def shown_value(value: Value) -> str:
    """A value as a change report shows it."""
    if isinstance(value, tuple):
        return "; ".join(value)
    if isinstance(value, float | int):
        return number_text(value)
    return "" if value is None else str(value)
