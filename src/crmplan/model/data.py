"""The client's own data: order and customer exports, and how their columns map to crmplan's.

``crmplan baseline compute`` and ``crmplan segment compute`` read these sources.
Only the description of the data lives in the plan; the files stay in the
client folder's ``data/`` (ignored by git) or wherever ``file`` points.
"""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import AfterValidator, Field, Strict, model_validator

from crmplan.model.base import Model, Name, Number, check_order, described, items, required
from crmplan.model.kpis import Period

# A column name as the client's export writes it (any text but control characters).
Column = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$")]
Location = Annotated[str, Field(min_length=1, max_length=1_000, pattern=r"^[^\x00-\x1f\x7f]+$")]
Separator = Annotated[str, Field(min_length=1, max_length=1, pattern=r"^[^\x00-\x1f\x7f]$")]
# The strptime codes DuckDB reads (``%-d``: without a leading zero); ``%%`` is a percent sign.
DATE_CODES = frozenset("aAbBcdfgGhHIjmMnpSTuUVwWxXyYzZ%") | {
    "-" + c for c in "dHIjmMSy"}
_DATE_CODE = (r"%(?:-[dHIjmMSy]|[" + "".join(sorted(c for c in DATE_CODES if len(c) == 1))
              + "])")
DATE_FORMAT_PATTERN = rf"^[^%]*{_DATE_CODE}(?:[^%]|{_DATE_CODE})*$"
DateFormat = Annotated[str, Field(min_length=2, max_length=60, pattern=DATE_FORMAT_PATTERN)]
# one character (not a quote or a control character), or one of the names
DELIMITER_PATTERN = r'^(?:[^\x00-\x1f\x7f"]|tab|whitespace)$'
Threshold = Annotated[int, Strict(), Field(ge=1, le=1_000_000)]


def unknown_date_code(text: str) -> str:
    """The first code of a date format that DuckDB does not read (``%Q``, or ``%`` alone at
    the end); '' when there is none."""
    index = 0
    while (index := text.find("%", index)) >= 0:
        dash = text[index + 1:index + 2] == "-"
        code = text[index + 1:index + 3 if dash else index + 2]
        if code not in DATE_CODES:
            return "%" + code
        index += 1 + len(code)
    return ""


def _known_encoding(name: str) -> str:
    import codecs

    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ValueError(f"unknown encoding '{name}'; e.g. utf-8, cp949, gb18030") from None
    if not getattr(info, "_is_text_encoding", True):
        raise ValueError(f"'{name}' is not a text encoding; e.g. utf-8, cp949, gb18030")
    return name


Encoding = Annotated[str, Field(min_length=2, max_length=40, pattern=r"^[A-Za-z0-9_.:-]+$"),
                     AfterValidator(_known_encoding)]

DEFAULT_CANCELLED = ("cancelled", "canceled", "void")
DEFAULT_CONSENT = ("yes", "y", "true", "t", "1", "opt-in", "opted in")


class FileFormat(str, enum.Enum):
    """How a data file is written."""

    CSV = "csv"
    PARQUET = "parquet"
    EXCEL = "excel"


class Source(Model):
    """Where an export is: a file for the embedded engine, a table on a warehouse, or both.

    ``file`` is read when crmplan runs on its embedded engine (the default);
    ``table`` when it runs on a warehouse named with ``--engine URL``.
    """

    file: Location | None = described(
        "The export file, relative to the plan's folder (e.g. data/orders.csv) or absolute.")
    table: Location | None = described(
        "The same data as a table on the warehouse (e.g. sales.orders), for --engine URL.")
    format: FileFormat | None = described(
        "csv, parquet or excel (default: from the file's extension).")
    sheet: Name | None = described("For an Excel file: the sheet to read (default: the first).")
    delimiter: Annotated[str, Field(min_length=1, max_length=10,
                                    pattern=DELIMITER_PATTERN)] | None = described(
        "For a CSV file: the field separator, one character (default ','); 'tab', or "
        "'whitespace' for fields separated by runs of spaces.")
    encoding: Encoding | None = described(
        "For a CSV file: its text encoding (default utf-8, with or without a BOM), e.g. "
        "cp949 as Korean Excel saves CSV, gb18030 as Chinese Excel does.")
    header_row: Annotated[int, Strict(), Field(ge=1, le=1_000)] = described(
        "For a CSV or Excel file: the row that names the columns (default 1); 2 or more when "
        "a title or other rows come above the header.", 1)
    date_format: DateFormat | None = described(
        "How dates are written, in the strftime codes DuckDB reads (e.g. '%d.%m.%Y'; "
        "docs/data.md lists them); default: ISO, YYYY-MM-DD, optionally with a time.")
    decimal_separator: Separator = described(
        "The decimal separator of amounts: '.' (default) or ','.", ".")
    thousands_separator: Separator | None = described(
        "A thousands separator to remove from amounts (e.g. ',' or '.'); default: none, so "
        "1,234 is an unreadable amount rather than a guess.")

    @model_validator(mode="after")
    def _somewhere(self) -> Source:
        if self.file is None and self.table is None:
            raise ValueError("name the export's file, its warehouse table, or both")
        if self.thousands_separator is not None and (
                self.thousands_separator == self.decimal_separator):
            raise ValueError("the thousands and decimal separators must differ")
        return self


class OrderColumns(Model):
    """The order export's column for each field crmplan reads."""

    customer_id: Column = required("The customer's id (the same id as in the customer export).")
    order_date: Column = required("The date of the order.")
    amount: Column = required(
        "The order's amount in the plan's currency; a negative amount is a refund.")
    order_id: Column | None = described(
        "The order's id: rows with the same id are one order (see docs/data.md).")
    status: Column | None = described("The order's status (cancelled orders are left out).")
    channel: Column | None = described("The channel of the order (web, store, ...).")


class OrderSource(Source):
    """The order export: one row per order (or order line), with a customer, date and amount."""

    columns: OrderColumns = required("Which column holds each field.")
    cancelled_values: list[Name] = items(
        "Status values that mean cancelled, compared without case "
        "(default: cancelled, canceled, void).")


class CustomerColumns(Model):
    """The customer export's column for each field crmplan reads."""

    customer_id: Column = required("The customer's id.")
    first_seen: Column | None = described("When the customer was first seen (sign-up date).")
    consent: Column | None = described("Whether the customer agreed to marketing messages.")
    contact: list[Column] = items(
        "Columns that reach the customer individually (e-mail, phone, address): a customer "
        "with any of them filled in is contactable.")


class CustomerSource(Source):
    """The customer export: one row per customer, with contact fields and consent."""

    columns: CustomerColumns = required("Which column holds each field.")
    consent_values: list[Name] = items(
        "Values of the consent column that mean yes, compared without case "
        "(default: yes, y, true, t, 1, opt-in, opted in).")


class Data(Model):
    """The client's exports that KPI baselines and RFM segments are computed from."""

    orders: OrderSource = required("The order export.")
    customers: CustomerSource | None = described(
        "The customer export (needed for contactable and consented shares).")
    period: Period = described(
        "Period of the figures that are not plan KPIs (active customers, purchase frequency, "
        "revenue per customer), and of a KPI whose definition names none.", Period.YEAR)
    min_customers: Threshold = described(
        "No figure computed from fewer customers than this is shown or recorded.", 10)


class RfmSegmentName(str, enum.Enum):
    """The named RFM segments, from recency and frequency scores (docs/data.md)."""

    CHAMPIONS = "champions"
    LOYAL = "loyal"
    POTENTIAL_LOYALISTS = "potential_loyalists"
    NEW = "new"
    PROMISING = "promising"
    NEED_ATTENTION = "need_attention"
    ABOUT_TO_SLEEP = "about_to_sleep"
    AT_RISK = "at_risk"
    CANT_LOSE = "cant_lose"
    HIBERNATING = "hibernating"
    LOST = "lost"


class Range(Model):
    """Lowest and highest value, both included; either may be left out."""

    min: Number | None = described("The lowest value, included.")
    max: Number | None = described("The highest value, included (not below min).")

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        check_order(self.min, self.max)
        return self


class SegmentRule(Model):
    """Which customers belong to a segment, computed from the order export.

    Every condition given must hold. Segments are tried in plan order and a
    customer belongs to the first whose rule it meets.
    """

    rfm: list[RfmSegmentName] = items("Named RFM segments the customer is in (any of them).")
    orders: Range | None = described("Number of orders in the customer's history.")
    revenue: Range | None = described("Net revenue of the customer's history (refunds taken off).")
    recency_days: Range | None = described("Days from the customer's last order to the as-of date.")
    recent_revenue: Range | None = described(
        "Net revenue in the year up to the as-of date.")

    @model_validator(mode="after")
    def _something(self) -> SegmentRule:
        if not (self.rfm or self.orders or self.revenue or self.recency_days
                or self.recent_revenue):
            raise ValueError("a rule needs at least one condition")
        return self
