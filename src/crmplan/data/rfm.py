"""RFM scores, the named RFM segments and the plan's own segment rules, as SQL.

Every customer with at least one order up to the as-of date gets three
scores from 1 to 5: recency (the date of the last order: later is better),
frequency (the number of orders) and monetary value (net revenue, refunds
taken off). A score is a quintile by rank, and ties are never split:

    score = 1 + floor(5 × (rank − 1) / customers)

where ``rank`` is 1 plus the number of customers with a strictly worse
value. Customers with the same value always get the same score, whatever
their ids or the order of the export, on every engine. A tie that straddles
a quintile's edge takes the lower score (when most customers bought once,
they all get frequency 1, and the next score taken is higher).

The named segment comes from the recency and frequency scores (:data:`GRID`).
Customer-level rows never leave the engine: only each segment's counts and
sums do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from crmplan.data.engine import Engine, literal
from crmplan.data.kpis import date_sql
from crmplan.i18n import N_
from crmplan.kpi.progress import add_months
from crmplan.model.customers import Segment
from crmplan.model.data import Range, RfmSegmentName

SCORES = 5
_N = RfmSegmentName
# GRID[recency - 1][frequency - 1]: the segment map widely used in RFM analysis, with
# recency 1 / frequency 1 called lost rather than hibernating.
GRID: tuple[tuple[RfmSegmentName, ...], ...] = (
    (_N.LOST, _N.HIBERNATING, _N.AT_RISK, _N.AT_RISK, _N.CANT_LOSE),
    (_N.HIBERNATING, _N.HIBERNATING, _N.AT_RISK, _N.AT_RISK, _N.CANT_LOSE),
    (_N.ABOUT_TO_SLEEP, _N.ABOUT_TO_SLEEP, _N.NEED_ATTENTION, _N.LOYAL, _N.LOYAL),
    (_N.PROMISING, _N.POTENTIAL_LOYALISTS, _N.POTENTIAL_LOYALISTS, _N.LOYAL, _N.LOYAL),
    (_N.NEW, _N.POTENTIAL_LOYALISTS, _N.POTENTIAL_LOYALISTS, _N.CHAMPIONS, _N.CHAMPIONS),
)
SEGMENT_NAMES = {
    _N.CHAMPIONS: N_("Champions"), _N.LOYAL: N_("Loyal"),
    _N.POTENTIAL_LOYALISTS: N_("Potential loyalists"), _N.NEW: N_("New customers"),
    _N.PROMISING: N_("Promising"), _N.NEED_ATTENTION: N_("Need attention"),
    _N.ABOUT_TO_SLEEP: N_("About to sleep"), _N.AT_RISK: N_("At risk"),
    _N.CANT_LOSE: N_("Can't lose them"), _N.HIBERNATING: N_("Hibernating"),
    _N.LOST: N_("Lost"),
}
ORDER = tuple(SEGMENT_NAMES)  # best first, as reports list them


@dataclass(frozen=True)
class Group:
    """A segment's aggregates: never a customer-level value."""

    key: str
    customers: int
    net_revenue: Decimal
    recent_revenue: Decimal
    contactable: int | None
    consented: int | None
    orders: int
    recency_days: int
    r: int
    f: int
    m: int


def _scores(value: str) -> str:
    """Each value's score, one row per distinct value (``v``, ``score``): ``rank − 1`` is the
    number of customers with a smaller value, counted from the number with each value (what
    ``RANK()`` gives, without sorting every customer)."""
    at_least = "CAST(SUM(g.c) OVER (ORDER BY g.v DESC ROWS UNBOUNDED PRECEDING) AS BIGINT)"
    return (f"SELECT g.v, 1 + ({SCORES} * (t.n - {at_least})) // t.n AS score "
            f"FROM (SELECT {value} AS v, COUNT(*) AS c FROM rfm_buyers GROUP BY {value}) AS g "
            "CROSS JOIN (SELECT COUNT(*) AS n FROM rfm_buyers) AS t")


def buyer_columns(as_of: dt.date) -> list[str]:
    """The columns of ``buyers`` the scores read besides orders and net revenue: the last
    order, and the net revenue of the year to the as-of date."""
    year = date_sql(add_months(as_of, -12))
    return ["MAX(CASE WHEN amount >= 0 THEN order_date END) AS last_order",
            f"SUM(CASE WHEN order_date > {year} THEN amount ELSE 0 END) AS recent_revenue"]


def define_scores(engine: Engine, as_of: dt.date) -> None:
    """``rfm``: one row per buying customer, with its scores and named segment."""
    a = date_sql(as_of)
    engine.define("rfm_buyers", "SELECT customer_id, last_order, n_orders, net_revenue, "
                  "recent_revenue FROM buyers WHERE n_orders > 0", keep=False)
    for letter, value in (("r", "last_order"), ("f", "n_orders"), ("m", "net_revenue")):
        engine.define(f"rfm_{letter}", _scores(value), keep=False)
    # a buyer has a last order, orders and a net revenue (never NULL): each joins its score
    scored = (f"SELECT b.*, DATE_DIFF('day', b.last_order, {a}) AS recency_days, "
              "r.score AS r, f.score AS f, m.score AS m FROM rfm_buyers AS b "
              "JOIN rfm_r AS r ON r.v = b.last_order JOIN rfm_f AS f ON f.v = b.n_orders "
              "JOIN rfm_m AS m ON m.v = b.net_revenue")
    engine.define("rfm", f"SELECT s.*, {_segment_case()} AS rfm_segment FROM ({scored}) AS s")


def _segment_case() -> str:
    whens = [f"WHEN r = {r} AND f = {f} THEN {literal(name.value)}"
             for r, row in enumerate(GRID, 1) for f, name in enumerate(row, 1)]
    return "CASE " + " ".join(whens) + " END"


def rule_case(segments: list[Segment]) -> str | None:
    """The plan segment of each customer: the first, in plan order, whose rule it meets."""
    whens = [f"WHEN {_conditions(s)} THEN {literal(s.id)}" for s in segments if s.rule]
    return "CASE " + " ".join(whens) + " END" if whens else None


def _conditions(segment: Segment) -> str:
    rule = segment.rule
    assert rule is not None
    found = [_range(column, r) for column, r in (
        ("n_orders", rule.orders), ("net_revenue", rule.revenue),
        ("recency_days", rule.recency_days), ("recent_revenue", rule.recent_revenue))
        if r is not None]
    if rule.rfm:
        found.append(f"rfm_segment IN ({', '.join(literal(n.value) for n in rule.rfm)})")
    return " AND ".join(c for c in found if c) or "1 = 1"


def _range(column: str, bounds: Range) -> str:
    parts = [f"{column} >= {_number(bounds.min)}" if bounds.min is not None else "",
             f"{column} <= {_number(bounds.max)}" if bounds.max is not None else ""]
    return " AND ".join(p for p in parts if p)


def _number(value: float) -> str:
    return repr(float(value)) if not float(value).is_integer() else str(int(value))


def groups(engine: Engine, key: str, reach: bool, consent: bool) -> list[Group]:
    """Each group's size and sums (``key`` is an expression over ``rfm``); ``reach`` and
    ``consent``: whether the customer export tells who can be contacted and who agreed."""
    joined = reach or consent
    sums = ("SUM(COALESCE(k.contactable, 0)), SUM(COALESCE(k.consent, 0))" if joined
            else "0, 0")
    join = " LEFT JOIN customers AS k ON k.customer_id = x.customer_id" if joined else ""
    rows = engine.rows(
        f"SELECT g, COUNT(*), SUM(net_revenue), SUM(recent_revenue), {sums}, SUM(n_orders), "
        "SUM(recency_days), SUM(r), SUM(f), SUM(m) "
        f"FROM (SELECT x.*, {key} AS g FROM rfm AS x) AS x{join} GROUP BY g")
    found = [Group("" if row[0] is None else str(row[0]), _int(row[1]), _dec(row[2]),
                   _dec(row[3]), _int(row[4]) if reach else None,
                   _int(row[5]) if consent else None,
                   *(_int(v) for v in row[6:11])) for row in rows]
    return sorted(found, key=lambda g: g.key)


def parts(engine: Engine, key: str) -> dict[tuple[str, str], int]:
    """Customers by RFM segment and by group (``key`` as in :func:`groups`; '' for none)."""
    rows = engine.rows(f"SELECT s, g, COUNT(*) FROM (SELECT rfm_segment AS s, {key} AS g "
                       "FROM rfm) AS x GROUP BY s, g")
    return {(str(s), "" if g is None else str(g)): _int(n) for s, g, n in rows}


def _int(value: object) -> int:
    return int(value or 0)  # type: ignore[call-overload, no-any-return]


def _dec(value: object) -> Decimal:
    return Decimal(value or 0)  # type: ignore[arg-type]


def score_edges(engine: Engine) -> dict[str, list[tuple[int, int, Decimal]]]:
    """For each score: how many customers have it and the lowest value it starts at."""
    found: dict[str, list[tuple[int, int, Decimal]]] = {}
    for letter, value in (("r", "recency_days"), ("f", "n_orders"), ("m", "net_revenue")):
        edge = "MAX" if letter == "r" else "MIN"  # a higher R means fewer days
        rows = engine.rows(f"SELECT {letter}, COUNT(*), {edge}({value}) FROM rfm "
                           f"GROUP BY {letter} ORDER BY {letter}")
        found[letter] = [(_int(s), _int(n), _dec(v)) for s, n, v in rows]
    return found
