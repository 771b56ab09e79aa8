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
need, nothing else); every later step reads that. Rule 4 only has work for
order ids that repeat, so it looks at those alone: when no order id repeats
(a clean export), ``orders`` is the valid rows as they are. On DuckDB the
repeated ids are looked for among the ids whose hash repeats, and amounts are
kept in 64 bits when every one fits.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

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


def define_orders(engine: Engine, source: OrderSource, shortcut: bool = True,
                  as_of: dt.date | None = None) -> bool:
    """Define ``order_values``, ``order_rows`` (valid, not cancelled, up to ``as_of``) and
    ``orders``; return whether rule 4 had order ids to look at (lines to add up,
    duplicates, shared ids). ``shortcut=False`` takes that way even when no order id
    repeats (the tests compare). A row after ``as_of`` is left out before rule 4, so a line
    dated later never joins an earlier order."""
    has_id = source.columns.order_id is not None
    order_id = "order_id, " if has_id else ""
    _define_values(engine, f"SELECT customer_id, {order_id}order_date, {{amount}} AS amount, "
                   f"{cancelled_case(source)} AS cancelled FROM orders_typed")
    until = f" AND order_date <= {date_sql(as_of)}" if as_of else ""
    engine.define("order_rows", f"SELECT customer_id, {order_id}order_date, amount "
                  f"FROM order_values WHERE {_VALID} AND cancelled = 0{until}", keep=False)
    rows = "SELECT customer_id, order_date, amount FROM order_rows"
    if not has_id:
        engine.define("orders", rows, keep=False)
        return False
    # the order ids rule 4 has to look at: those of more than one row (an order or a refund
    # without an id is an order on its own)
    ids = "FROM order_rows WHERE amount >= 0 AND order_id IS NOT NULL"
    among = ""
    if engine.embedded:
        # first on DuckDB: sorting the ids' 64-bit hashes is quicker than grouping the ids,
        # and equal ids have equal hashes, so every repeated id is among the few ids whose
        # hash repeats (none in a clean export)
        engine.define("repeated_hashes", "SELECT DISTINCT h FROM (SELECT h, LAG(h) OVER "
                      f"(ORDER BY h) AS p FROM (SELECT {HASH.format('order_id')} AS h {ids}) "
                      "AS x) AS y WHERE h = p")
        if shortcut and not engine.rows("SELECT COUNT(*) FROM repeated_hashes")[0][0]:
            engine.define("orders", rows, keep=False)
            return False
        among = f" AND {HASH.format('order_id')} IN (SELECT h FROM repeated_hashes)"
    engine.define("repeated_ids", f"SELECT order_id, COUNT(*) AS n {ids}{among} "
                  "GROUP BY order_id HAVING COUNT(*) > 1")
    repeats = bool(engine.rows("SELECT COUNT(*) FROM repeated_ids")[0][0])
    if not repeats and shortcut:
        engine.define("orders", rows, keep=False)
        return False
    engine.define("order_lines", "SELECT DISTINCT r.order_id, r.customer_id, r.order_date, "
                  "r.amount FROM order_rows AS r JOIN repeated_ids AS i "
                  "ON i.order_id = r.order_id WHERE r.amount >= 0")
    engine.define("orders", (
        f"{rows} AS r WHERE order_id IS NULL OR amount < 0 OR NOT EXISTS "
        "(SELECT 1 FROM repeated_ids AS i WHERE i.order_id = r.order_id) "
        "UNION ALL SELECT MIN(customer_id) AS customer_id, MIN(order_date) AS order_date, "
        "SUM(amount) AS amount FROM order_lines GROUP BY order_id "
        "HAVING COUNT(DISTINCT customer_id) = 1"))
    return True


def _define_values(engine: Engine, select: str) -> None:
    """``order_values``: on DuckDB with amounts as 64-bit decimals (``AMOUNT_64``) when they
    all fit, which sums and groups faster; the same values, or the 128-bit ones otherwise."""
    if isinstance(engine, DuckDBEngine):
        import duckdb

        try:
            engine.define("order_values", select.format(amount=f"CAST(amount AS {AMOUNT_64})"))
            return
        except duckdb.ConversionException:
            pass  # an amount of 10^14 or more (or a value the cast below refuses as well)
    engine.define("order_values", select.format(amount="amount"))


def define_customers(engine: Engine) -> None:
    """One row per customer id: contactable if any of its rows is, consenting only if every
    one does (a withdrawal in one row wins: the export does not say which row is newer)."""
    engine.define("customers", (
        "SELECT customer_id, MAX(contactable) AS contactable, MIN(consent) AS consent, "
        "MIN(first_seen) AS first_seen FROM customers_typed WHERE customer_id IS NOT NULL "
        "GROUP BY customer_id"))


def order_problems(engine: Engine, source: OrderSource, columns: dict[str, str],
                   repeats: bool, examples: bool) -> tuple[int, list[Tally]]:
    """The number of rows, and every problem the rules dealt with (``repeats``: whether an
    order id repeats, as :func:`define_orders` found; ``examples``: whether the rows have
    numbers to cite, as an export file's have)."""
    row = engine.rows(
        "SELECT COUNT(*), "
        + ", ".join(f"SUM(CASE WHEN {c} THEN 1 ELSE 0 END)" for c in (
            "customer_id IS NULL", "order_date IS NULL", "amount IS NULL",
            f"{_VALID} AND cancelled = 1", f"{_VALID} AND cancelled = 0 AND amount < 0"))
        + f", SUM(CASE WHEN {_VALID} AND cancelled = 0 AND amount < 0 THEN amount END), "
        f"COUNT(DISTINCT CASE WHEN {_VALID} AND cancelled = 0 AND amount < 0 "
        "THEN customer_id END) FROM order_values")[0]
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
    if repeats:
        found += _order_id_problems(engine)
    return rows, [p for p in found if p.count]


def later_rows(engine: Engine, as_of: dt.date) -> int:
    """Valid rows, not cancelled, dated after ``as_of``: left out by :func:`define_orders`."""
    return int(engine.rows(f"SELECT COUNT(*) FROM order_values WHERE {_VALID} AND "
                           f"cancelled = 0 AND order_date > {date_sql(as_of)}")[0][0] or 0)


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
