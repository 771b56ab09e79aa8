"""The rules that turn export rows into orders, written once as SQL for every engine.

In order:

1. A row without a customer id, a readable date or a readable amount is left
   out and counted (with example rows on the embedded engine).
2. A row whose status is one of the cancelled values is left out and counted.
3. A row with a negative amount is a refund: it is never an order, and its
   amount is taken off the customer's revenue on the refund's date.
4. Without an order id, every other row is one order (two rows on one day
   are two orders). With an order id, rows that repeat an order id with the
   same customer, date and amount are duplicates, counted and read once;
   the remaining rows of one id are the lines of one order: their amounts
   are added up and the earliest date is the order's. An order id used by
   two customers cannot be told apart and is left out, and counted.

The result is the relation ``orders`` (``customer_id``, ``order_date``,
``amount``; a refund has a negative amount) and ``customers``, one row per
customer id of the customer export.

The export is read once, into ``order_values`` (the typed fields the rules
need, nothing else); every later step reads that. One pass over it
(:class:`Survey`) counts every problem of rules 1 to 3 and finds the days the
orders cover. Rule 4 only has work for order ids that repeat, so it looks at
those alone: when no order id repeats (a clean export), ``orders`` is the
valid rows as they are. On DuckDB the repeated ids are looked for among the
ids whose hash repeats, and amounts are kept in 64 bits when every one fits.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from crmplan import rules
from crmplan.data.engine import DuckDBEngine, Engine, literal, quote
from crmplan.data.kpis import date_sql
from crmplan.findings import Rule
from crmplan.i18n import _
from crmplan.model.data import DEFAULT_CANCELLED, OrderSource

EXAMPLES = 3
MAX_SHAPE = 40
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
HASH = "hash({})"  # DuckDB's 64-bit hash of a value (tests make it collide)
AMOUNT_64 = "DECIMAL(18, 4)"  # every amount under 10^14 (typed.AMOUNT holds any)
_VALID = "customer_id IS NOT NULL AND order_date IS NOT NULL AND amount IS NOT NULL"


@dataclass(frozen=True)
class Tally:
    """How often a cleaning rule dealt with something in the data, with example rows."""

    rule: Rule
    count: int
    examples: tuple[tuple[int, str], ...] = ()
    amount: Decimal | None = None
    customers: int = 0  # whose rows make up ``amount``


def shape(text: str) -> str:
    """How a value of the client's is shown: digits as 9, letters as a, the rest as
    written (``31.07.2026`` is ``99.99.9999``)."""
    if not text:
        return _("(empty)")
    return _DIGIT.sub("9", _LETTER.sub("a", text[:MAX_SHAPE]))


def cancelled_case(source: OrderSource) -> str:
    values = source.cancelled_values or list(DEFAULT_CANCELLED)
    listed = ", ".join(literal(v.lower()) for v in values)
    return f"CASE WHEN status IN ({listed}) THEN 1 ELSE 0 END"


@dataclass(frozen=True)
class Survey:
    """What one pass over ``order_values`` tells: the problem counts (``counts``, as
    :func:`order_problems` reads them), the valid rows after the as-of date, the first and
    last day of ``order_rows``, and whether rule 4 had order ids to look at."""

    counts: tuple[Any, ...]
    later: int  # orders after the as-of date
    first_day: dt.date | None
    last_day: dt.date | None
    repeats: bool = False
    later_refunds: int = 0  # refunds after the as-of date


def define_orders(engine: Engine, source: OrderSource, shortcut: bool = True,
                  as_of: dt.date | None = None) -> Survey:
    """Define ``order_values``, ``order_rows`` (valid, not cancelled, up to ``as_of``) and
    ``orders``, and survey the rows (:class:`Survey`). ``shortcut=False`` takes rule 4's way
    even when no order id repeats (the tests compare). A row after ``as_of`` is left out
    before rule 4, so a line dated later never joins an earlier order."""
    has_id = source.columns.order_id is not None
    order_id = "order_id, " if has_id else ""
    counts, cutoff = _define_values(engine, f"SELECT customer_id, {order_id}order_date, "
                                    f"{{amount}} AS amount, {cancelled_case(source)} AS "
                                    "cancelled FROM orders_typed", as_of)
    until = f" AND order_date <= {date_sql(cutoff)}" if cutoff else ""
    survey = Survey(counts[:8], int(counts[8] or 0), _day(counts[10]), _day(counts[11]),
                    later_refunds=int(counts[9] or 0))
    engine.define("order_rows", f"SELECT customer_id, {order_id}order_date, amount "
                  f"FROM order_values WHERE {_VALID} AND cancelled = 0{until}", keep=False)
    rows = "SELECT customer_id, order_date, amount FROM order_rows"
    if not has_id or not _rule_4(engine, shortcut):
        engine.define("orders", rows, keep=False)
        return survey
    engine.define("order_lines", "SELECT DISTINCT r.order_id, r.customer_id, r.order_date, "
                  "r.amount FROM order_rows AS r JOIN repeated_ids AS i "
                  "ON i.order_id = r.order_id WHERE r.amount >= 0")
    engine.define("orders", (
        f"{rows} AS r WHERE order_id IS NULL OR amount < 0 OR NOT EXISTS "
        "(SELECT 1 FROM repeated_ids AS i WHERE i.order_id = r.order_id) "
        "UNION ALL SELECT MIN(customer_id) AS customer_id, MIN(order_date) AS order_date, "
        "SUM(amount) AS amount FROM order_lines GROUP BY order_id "
        "HAVING COUNT(DISTINCT customer_id) = 1"))
    # lines added up move an order to its earliest line's date, shared ids leave: the days
    # ``orders`` covers are its own
    first, last = engine.rows("SELECT MIN(order_date), MAX(order_date) FROM orders")[0]
    return replace(survey, first_day=_day(first), last_day=_day(last), repeats=True)


def _cutoff(engine: Engine, as_of: dt.date | None) -> dt.date | None:
    """The last day counted: ``as_of``, else the latest *order* date (a refund dated after
    the last order is a refund after the as-of date, never the as-of date itself); None
    without any order."""
    if as_of is not None:
        return as_of
    return _day(engine.rows(f"SELECT MAX(order_date) FROM order_values WHERE {_VALID} "
                            "AND cancelled = 0 AND amount >= 0")[0][0])


def _rule_4(engine: Engine, shortcut: bool) -> bool:
    """Define ``repeated_ids``, the order ids of more than one order row (an order or a
    refund without an id is an order on its own); whether rule 4 has work to do (always,
    without ``shortcut``)."""
    ids = "FROM order_rows WHERE amount >= 0 AND order_id IS NOT NULL"
    among = ""
    if engine.embedded:
        # first on DuckDB: sorting the ids' 64-bit hashes is quicker than grouping the ids,
        # and equal ids have equal hashes, so every repeated id is among the few ids whose
        # hash repeats (none in a clean export). The hashes are of every row's id, which
        # reads the id alone: a superset of the order rows' ids, narrowed below.
        engine.define("repeated_hashes", "SELECT DISTINCT h FROM (SELECT h, LAG(h) OVER "
                      f"(ORDER BY h) AS p FROM (SELECT {HASH.format('order_id')} AS h "
                      "FROM order_values WHERE order_id IS NOT NULL) AS x) AS y WHERE h = p")
        if shortcut and not engine.rows("SELECT COUNT(*) FROM repeated_hashes")[0][0]:
            return False
        among = f" AND {HASH.format('order_id')} IN (SELECT h FROM repeated_hashes)"
    engine.define("repeated_ids", f"SELECT order_id, COUNT(*) AS n {ids}{among} "
                  "GROUP BY order_id HAVING COUNT(*) > 1")
    return not shortcut or bool(engine.rows("SELECT COUNT(*) FROM repeated_ids")[0][0])


def _survey_sql(cutoff: dt.date | None) -> str:
    """One pass over ``order_values``: the counts of :func:`order_problems`, the valid
    orders and refunds after the last day counted, and the first and last day of the order
    rows up to it."""
    kept = f"{_VALID} AND cancelled = 0"
    until = f" AND order_date <= {date_sql(cutoff)}" if cutoff else ""
    after = f"{kept} AND order_date > {date_sql(cutoff)}" if cutoff else "1 = 0"
    return ("SELECT COUNT(*), "
            + ", ".join(f"SUM(CASE WHEN {c} THEN 1 ELSE 0 END)" for c in (
                "customer_id IS NULL", "order_date IS NULL", "amount IS NULL",
                f"{_VALID} AND cancelled = 1", f"{kept} AND amount < 0"))
            + f", SUM(CASE WHEN {kept} AND amount < 0 THEN amount END), "
            f"COUNT(DISTINCT CASE WHEN {kept} AND amount < 0 THEN customer_id END), "
            f"SUM(CASE WHEN {after} AND amount >= 0 THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN {after} AND amount < 0 THEN 1 ELSE 0 END), "
            f"MIN(CASE WHEN {kept}{until} THEN order_date END), "
            f"MAX(CASE WHEN {kept}{until} THEN order_date END) FROM order_values")


def _define_values(engine: Engine, select: str, as_of: dt.date | None
                   ) -> tuple[tuple[Any, ...], dt.date | None]:
    """``order_values``, the row of the survey over it (:func:`_survey_sql`) and the last
    day counted (:func:`_cutoff`): on DuckDB with amounts as 64-bit decimals (``AMOUNT_64``)
    when they all fit, which sums and groups faster; the same values, or the 128-bit ones
    otherwise."""
    if isinstance(engine, DuckDBEngine):
        import duckdb

        try:
            engine.define("order_values", select.format(amount=f"CAST(amount AS {AMOUNT_64})"))
            return _survey(engine, as_of)
        except duckdb.ConversionException:
            pass  # an amount of 10^14 or more (or a value the cast below refuses as well)
    engine.define("order_values", select.format(amount="amount"))
    return _survey(engine, as_of)


def _survey(engine: Engine, as_of: dt.date | None) -> tuple[tuple[Any, ...], dt.date | None]:
    cutoff = _cutoff(engine, as_of)
    return tuple(engine.rows(_survey_sql(cutoff))[0]), cutoff


def _day(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def define_customers(engine: Engine) -> None:
    """One row per customer id: contactable if any of its rows is, consenting only if every
    one does (a withdrawal in one row wins: the export does not say which row is newer)."""
    engine.define("customers", (
        "SELECT customer_id, MAX(contactable) AS contactable, MIN(consent) AS consent, "
        "MIN(first_seen) AS first_seen FROM customers_typed WHERE customer_id IS NOT NULL "
        "GROUP BY customer_id"))


def order_problems(engine: Engine, columns: dict[str, str], survey: Survey,
                   examples: bool) -> tuple[int, list[Tally]]:
    """The number of rows, and every problem the rules dealt with, from the counts of the
    ``survey`` (``examples``: whether the rows have numbers to cite, as an export file's
    have)."""
    row = survey.counts
    rows = int(row[0])
    found = [
        _tally(engine, rules.MISSING_CUSTOMER, row[1], "customer_id IS NULL", None, examples),
        _tally(engine, rules.BAD_DATE, row[2], "order_date IS NULL", columns.get("order_date"),
               examples),
        _tally(engine, rules.BAD_AMOUNT, row[3], "amount IS NULL", columns.get("amount"),
               examples),
        Tally(rules.CANCELLED, int(row[4] or 0)),
        Tally(rules.REFUNDS, int(row[5] or 0), amount=row[6], customers=int(row[7] or 0)),
    ]
    if survey.repeats:
        found += _order_id_problems(engine)
    return rows, [p for p in found if p.count]


def _tally(engine: Engine, rule: Rule, count: int | None, condition: str,
           column: str | None, examples: bool) -> Tally:
    if not count or not examples:
        return Tally(rule, int(count or 0))
    text = f"CAST(f.{quote(column)} AS VARCHAR)" if column else "''"
    found = engine.rows(
        f"SELECT t._row, COALESCE({text}, '') FROM orders_typed AS t "
        f"JOIN orders_file AS f ON f._row = t._row WHERE t.{condition} "
        f"ORDER BY t._row LIMIT {EXAMPLES}")
    return Tally(rule, int(count), tuple((int(r), str(v)) for r, v in found))


def _order_id_problems(engine: Engine) -> list[Tally]:
    """Duplicates, orders of several lines and shared ids: all among the repeated ids (an
    id of one row is one line of one customer)."""
    row = engine.rows(
        "SELECT (SELECT SUM(n) FROM repeated_ids) - (SELECT COUNT(*) FROM order_lines), "
        "(SELECT COUNT(*) FROM (SELECT order_id FROM order_lines GROUP BY order_id "
        "HAVING COUNT(*) > 1 AND COUNT(DISTINCT customer_id) = 1) AS a), "
        "(SELECT COUNT(*) FROM (SELECT order_id FROM order_lines GROUP BY order_id "
        "HAVING COUNT(DISTINCT customer_id) > 1) AS b)")[0]
    return [Tally(rules.DUPLICATE_ROWS, int(row[0] or 0)),
            Tally(rules.ORDER_LINES, int(row[1] or 0)),
            Tally(rules.SHARED_ORDER_IDS, int(row[2] or 0))]


def customer_problems(engine: Engine) -> tuple[int, list[Tally]]:
    """Rows of the customer export, and what does not match between the two exports (a
    buyer: a customer with an order up to the as-of date, from ``buyers``)."""
    # both relations have one row per customer id, so one join tells both differences
    row = engine.rows(
        "SELECT (SELECT COUNT(*) FROM customers_typed), "
        "(SELECT COUNT(*) FROM customers_typed WHERE customer_id IS NULL), "
        "(SELECT COUNT(*) FROM customers_typed WHERE customer_id IS NOT NULL) - k.n, "
        "k.n - m.n, b.n - m.n "
        "FROM (SELECT COUNT(*) AS n FROM customers) AS k, "
        "(SELECT COUNT(*) AS n FROM buyers WHERE n_orders > 0) AS b, "
        "(SELECT COUNT(*) AS n FROM customers AS c JOIN buyers AS o "
        "ON o.customer_id = c.customer_id WHERE o.n_orders > 0) AS m")[0]
    found = [Tally(rules.CUSTOMER_WITHOUT_ID, int(row[1] or 0)),
             Tally(rules.DUPLICATE_CUSTOMERS, int(row[2] or 0)),
             Tally(rules.CUSTOMERS_WITHOUT_ORDERS, int(row[3] or 0)),
             Tally(rules.UNKNOWN_CUSTOMERS, int(row[4] or 0))]
    return int(row[0]), [p for p in found if p.count]
