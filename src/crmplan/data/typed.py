"""From the client's columns to crmplan's: each export as a relation of typed fields.

``orders_typed`` has ``customer_id``, ``order_id`` (text), ``order_date``
(date), ``amount`` (decimal), ``status`` (lower case) and ``channel``;
``customers_typed`` has ``customer_id``, ``first_seen``, ``contactable`` and
``consent`` (1, 0, or NULL when the export has no such column). A value that
cannot be read becomes NULL and is counted (:mod:`.quality`).

On the embedded engine text is parsed with the source's date format and
separators; on a warehouse the columns are expected typed already (dates as
dates, amounts as numbers) and are cast with the warehouse's own rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from crmplan import rules
from crmplan.data.engine import Engine, literal, quote
from crmplan.errors import Issue, PlanError
from crmplan.i18n import _, join
from crmplan.model.data import (
    DEFAULT_CONSENT,
    CustomerSource,
    OrderSource,
    Source,
)
from crmplan.plan.load import LoadedPlan
from crmplan.plan.source import PlanPath
from crmplan.quoting import closest, shown

AMOUNT = "DECIMAL(32, 4)"  # exact sums on every engine (BigQuery allows 28 digits before 4)
_TEMPORAL = ("DATE", "TIMESTAMP")
_NUMERIC = ("DECIMAL", "DOUBLE", "FLOAT", "REAL", "INTEGER", "BIGINT", "SMALLINT", "TINYINT",
            "HUGEINT", "UBIGINT", "UINTEGER", "USMALLINT", "UTINYINT", "NUMERIC")


@dataclass(frozen=True)
class Field:
    """A field crmplan reads: its name, the client's column and where the plan maps it."""

    name: str
    column: str
    path: PlanPath


@dataclass(frozen=True)
class Parsing:
    """How a source's text is read, and the types of its columns (empty on a warehouse);
    ``numbered``: the relation is an export file's, with the row numbers of :mod:`.files`
    (a table has none)."""

    source: Source
    types: dict[str, str]
    embedded: bool
    currency: str
    numbered: bool = False


def order_fields(source: OrderSource, base: PlanPath) -> list[Field]:
    """The mapped order fields, required ones first."""
    c = source.columns
    named = [("customer_id", c.customer_id), ("order_date", c.order_date),
             ("amount", c.amount), ("order_id", c.order_id), ("status", c.status),
             ("channel", c.channel)]
    return [Field(n, col, (*base, "columns", n)) for n, col in named if col is not None]


def customer_fields(source: CustomerSource, base: PlanPath) -> list[Field]:
    """The mapped customer fields, contact columns as ``contact[i]``."""
    c = source.columns
    named = [("customer_id", c.customer_id), ("first_seen", c.first_seen),
             ("consent", c.consent)]
    found = [Field(n, col, (*base, "columns", n)) for n, col in named if col is not None]
    return found + [Field(f"contact[{i}]", col, (*base, "columns", "contact", i))
                    for i, col in enumerate(c.contact)]


def check_columns(loaded: LoadedPlan, fields: list[Field], found: list[str],
                  where: str) -> None:
    """Every mapped column must exist: name the missing ones, what was expected and found."""
    found = [c for c in found if c != "_row"]  # crmplan's own row number, not the client's
    issues = [_missing(loaded, f, found, where) for f in fields if f.column not in found]
    if issues:
        raise PlanError(issues)


def _missing(loaded: LoadedPlan, field: Field, found: list[str], where: str) -> Issue:
    """The mapped column is not there: the columns that are, unless one looks like data
    (a header row that is a customer's row): then their kinds, and no name at all."""
    from crmplan.data import header

    if any(header.holds_data(c) for c in found):
        return loaded.finding(rules.MISSING_COLUMN, field.path, _(
            "{where} has no column '{column}' for {field}; its column names look like data, "
            "so only their kinds are shown: {kinds}").format(
            where=where, column=shown(field.column), field=field.name,
            kinds=join([_(header.shown_kind(c)) for c in found[:40]])))
    folded = [shown(c) for c in found if c.casefold() == field.column.casefold()]
    close = folded[0] if folded else closest(field.column, found)
    hint = _("did you mean '{name}'?").format(name=close) if close else ""
    message = _("{where} has no column '{column}' for {field}; its columns are: {columns}")
    return loaded.finding(rules.MISSING_COLUMN, field.path, message.format(
        where=where, column=shown(field.column), field=field.name,
        columns=", ".join(map(shown, found[:40])) + (" …" if len(found) > 40 else "")), hint)


def orders_select(relation: str, fields: list[Field], parsing: Parsing) -> str:
    """The typed order relation over the export's relation."""
    by_name = {f.name: f.column for f in fields}
    parts = [
        f"{_text(by_name['customer_id'])} AS customer_id",
        f"{_text(by_name['order_id']) if 'order_id' in by_name else 'NULL'} AS order_id",
        f"{_date(by_name['order_date'], parsing)} AS order_date",
        f"{_amount(by_name['amount'], parsing)} AS amount",
        f"{_lower(by_name['status']) if 'status' in by_name else 'NULL'} AS status",
        f"{_text(by_name['channel']) if 'channel' in by_name else 'NULL'} AS channel",
    ]
    return _select(parts, relation, parsing)


def customers_select(relation: str, fields: list[Field], source: CustomerSource,
                     parsing: Parsing) -> str:
    """The typed customer relation over the export's relation."""
    by_name = {f.name: f.column for f in fields}
    contact = [f.column for f in fields if f.name.startswith("contact[")]
    first_seen = _date(by_name["first_seen"], parsing) if "first_seen" in by_name else "NULL"
    values = source.consent_values or list(DEFAULT_CONSENT)
    consent = (f"CASE WHEN {_lower(by_name['consent'])} IN "
               f"({', '.join(literal(v.lower()) for v in values)}) THEN 1 ELSE 0 END"
               if "consent" in by_name else "NULL")
    reach = (" OR ".join(f"COALESCE({_text(c)}, '') <> ''" for c in contact))
    contactable = f"CASE WHEN {reach} THEN 1 ELSE 0 END" if contact else "NULL"
    parts = [f"{_text(by_name['customer_id'])} AS customer_id",
             f"{first_seen} AS first_seen", f"{contactable} AS contactable",
             f"{consent} AS consent"]
    return _select(parts, relation, parsing)


DATE_FIELDS = ("order_date", "first_seen")


def field_sql(field: Field, parsing: Parsing) -> str:
    """How one field is read, as in :func:`orders_select` and :func:`customers_select`."""
    if field.name in DATE_FIELDS:
        return _date(field.column, parsing)
    if field.name == "amount":
        return _amount(field.column, parsing)
    return _text(field.column)


def _select(parts: list[str], relation: str, parsing: Parsing) -> str:
    row = "_row" if parsing.numbered else "NULL"
    return f"SELECT {row} AS _row, " + ", ".join(parts) + f" FROM {relation}"


def _text(column: str) -> str:
    """The column as text without the spaces around it, NULL when empty. Trimming copies
    every value, so only a value that starts or ends with a space is trimmed (the same
    result, about a third quicker on millions of rows)."""
    text = f"CAST({quote(column)} AS VARCHAR)"
    return (f"CASE WHEN {text} LIKE ' %' OR {text} LIKE '% ' THEN NULLIF(TRIM({text}), '') "
            f"ELSE NULLIF({text}, '') END")


def _lower(column: str) -> str:
    return f"LOWER({_text(column)})"


def kind_of(parsing: Parsing, column: str) -> str:
    """``date``, ``number`` or ``text``: how the engine holds the column."""
    declared = parsing.types.get(column, "").upper()
    if declared.startswith(_TEMPORAL):
        return "date"
    if declared.startswith(_NUMERIC):
        return "number"
    return "text" if parsing.embedded else "typed"


def _date(column: str, parsing: Parsing) -> str:
    kind = kind_of(parsing, column)
    if kind in ("date", "typed"):
        return f"CAST({quote(column)} AS DATE)"
    return date_parser(parsing.source)(f"TRIM(CAST({quote(column)} AS VARCHAR))")


def date_parser(source: Source) -> Callable[[str], str]:
    """How text becomes a date on the embedded engine (NULL when it cannot)."""
    if source.date_format:
        fmt = literal(source.date_format)
        return lambda text: f"CAST(TRY_STRPTIME({text}, {fmt}) AS DATE)"
    return lambda text: (f"COALESCE(TRY_CAST({text} AS DATE), "
                         f"CAST(TRY_CAST({text} AS TIMESTAMP) AS DATE))")


def _amount(column: str, parsing: Parsing) -> str:
    kind = kind_of(parsing, column)
    if kind in ("number", "typed"):
        return f"CAST({quote(column)} AS {AMOUNT})"
    if kind == "date":
        return "NULL"
    return amount_parser(parsing.source, parsing.currency)(quote(column))


def amount_parser(source: Source, currency: str) -> Callable[[str], str]:
    """How text becomes an amount: currency signs, the plan's currency code and spaces are
    dropped, the thousands separator removed, the decimal separator read, ``(12)`` is -12."""
    def parse(text: str) -> str:
        bare = (f"regexp_replace(CAST({text} AS VARCHAR), "
                f"'[\\p{{Sc}}\\s\\x{{00A0}}\\x{{202F}}]|{currency}', '', 'g')")
        if source.thousands_separator:
            bare = f"replace({bare}, {literal(source.thousands_separator)}, '')"
        if source.decimal_separator != ".":
            bare = f"replace({bare}, {literal(source.decimal_separator)}, '.')"
        signed = (f"CASE WHEN starts_with({bare}, '(') AND ends_with({bare}, ')') "
                  f"THEN '-' || substr({bare}, 2, length({bare}) - 2) ELSE {bare} END")
        return f"TRY_CAST({signed} AS {AMOUNT})"
    return parse


def source_types(engine: Engine, relation: str) -> dict[str, str]:
    """Column name to type, as the engine sees the export."""
    return dict(engine.columns(relation))
