"""Catalogue KPIs from the orders: each KPI's standard computation over the plan's period.

What a KPI is computed from is the catalogue's (:mod:`crmplan.model.catalogue`:
which counts, divided by which, resting on which customers); this module
holds how each count is taken from the data, and how far back it needs it.

A period ends on the as-of date and starts the same calendar day one period
earlier (excluded): a year up to 2026-03-31 is 2025-04-01 to 2026-03-31. The
previous period is the one before it. Every count and total comes from
``buyers`` (:mod:`.summary`), one row per customer.
The SQL returns counts and exact sums only; every ratio is taken here in
decimal arithmetic, so every engine gives the same figure to the last digit.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from crmplan.data.engine import Engine
from crmplan.kpi.progress import kpi_period, kpi_spec, period_after
from crmplan.model.catalogue import EXTRA_FIGURES, KPI_CATALOGUE, Computation, Count, Format
from crmplan.model.catalogue import measure as catalogue_measure
from crmplan.model.kpis import Kpi, Period
from crmplan.plan.source import PlanPath


class Reach(enum.Enum):
    """How far back the data must go for a count: from the period's first day, from the
    first day of the period before, from the day before the period (or every customer would
    look new), or not at all (the whole history, whatever it holds)."""

    PERIOD = "period"
    PREVIOUS = "previous"
    DAY_BEFORE = "day_before"
    HISTORY = "history"


REACH = {
    Count.ACTIVE: Reach.PERIOD, Count.REPEAT: Reach.PERIOD, Count.PREVIOUS: Reach.PREVIOUS,
    Count.RETAINED: Reach.PREVIOUS, Count.LOST: Reach.PREVIOUS, Count.NEW: Reach.DAY_BEFORE,
    Count.ORDERS: Reach.PERIOD, Count.NET_REVENUE: Reach.PERIOD,
    Count.WEEKS: Reach.PERIOD, Count.CUSTOMERS: Reach.HISTORY,
    Count.LIFETIME_NET_REVENUE: Reach.HISTORY,
}


@dataclass(frozen=True)
class Window:
    """The period a figure covers: ``start`` excluded, ``end`` (the as-of date) included."""

    period: Period
    start: dt.date
    end: dt.date
    previous: dt.date  # start of the period before, excluded


@dataclass(frozen=True)
class Figure:
    """A computed figure, or why there is none."""

    measure: str
    kpi: str | None
    path: PlanPath | None
    window: Window | None
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    population: int
    status: str  # computed, suppressed, not_computable
    reason: str = ""


def period_start(day: dt.date, period: Period) -> dt.date:
    """The (excluded) start of the period that ends on ``day``: the same calendar day one
    period earlier (the 31st becomes a shorter month's last day)."""
    return period_after(day, period, -1)


def window(as_of: dt.date, period: Period) -> Window:
    start = period_start(as_of, period)
    return Window(period, start, as_of, period_start(start, period))


def date_sql(day: dt.date) -> str:
    return f"DATE '{day.isoformat()}'"


def _flag(condition: str) -> str:
    return f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)"


def buyer_columns(as_of: dt.date, periods: Iterable[Period]) -> list[str]:
    """The columns of ``buyers`` the KPIs read: the first order, and for each period its
    orders, order revenue and refunds, and the orders of the period before."""
    found = ["MIN(CASE WHEN amount >= 0 THEN order_date END) AS first_order"]
    for period in sorted(set(periods), key=list(Period).index):
        w, k = window(as_of, period), period.value
        s, p = date_sql(w.start), date_sql(w.previous)
        found += [
            f"COUNT(CASE WHEN amount >= 0 AND order_date > {s} THEN 1 END) AS n_cur_{k}",
            f"SUM(CASE WHEN amount >= 0 AND order_date > {s} THEN amount ELSE 0 END) "
            f"AS rev_cur_{k}",
            f"SUM(CASE WHEN amount < 0 AND order_date > {s} THEN amount ELSE 0 END) "
            f"AS ref_cur_{k}",
            f"COUNT(CASE WHEN amount >= 0 AND order_date > {p} AND order_date <= {s} THEN 1 "
            f"END) AS n_prev_{k}"]
    return found


def period_counts(engine: Engine, w: Window) -> dict[str, Decimal]:
    """Customers and orders of the period and the one before, the period's order revenue
    and refunds: sums over ``buyers`` (whose rows stop at the as-of date). Refunds of
    customers without an order up to the as-of date are left out of every figure, as the
    segments leave them out (see :func:`refund_only_customers`)."""
    s, k = date_sql(w.start), w.period.value
    names = ("active", "repeat", "previous", "retained", "new", "orders", "revenue", "refunds")
    row = engine.rows(
        f"SELECT {_flag(f'n_cur_{k} > 0')}, {_flag(f'n_cur_{k} > 1')}, "
        f"{_flag(f'n_prev_{k} > 0')}, {_flag(f'n_prev_{k} > 0 AND n_cur_{k} > 0')}, "
        f"{_flag(f'first_order > {s}')}, SUM(n_cur_{k}), SUM(rev_cur_{k}), SUM(ref_cur_{k}) "
        "FROM buyers WHERE n_orders > 0")[0]
    return {n: Decimal(v or 0) for n, v in zip(names, row, strict=True)}


def refund_only_customers(engine: Engine) -> tuple[int, Decimal]:
    """Customers whose rows up to the as-of date are refunds only, and those refunds: the
    order refunded is not in the data (older than the export, or another customer id)."""
    row = engine.rows("SELECT COUNT(*), SUM(net_revenue) FROM buyers WHERE n_orders = 0")[0]
    return int(row[0] or 0), Decimal(row[1] or 0)


def lifetime_counts(engine: Engine) -> dict[str, Decimal]:
    """Customers with an order up to the as-of date, and their net revenue."""
    row = engine.rows("SELECT COUNT(*), SUM(net_revenue) FROM buyers WHERE n_orders > 0")[0]
    return {"customers": Decimal(row[0] or 0), "net": Decimal(row[1] or 0)}


@dataclass(frozen=True)
class Request:
    """A figure to compute: which measure, over which period, for which plan KPI."""

    measure: str
    period: Period
    kpi: str | None = None
    path: PlanPath | None = None


def requests(kpis: list[Kpi], default: Period) -> tuple[list[Request], list[Request]]:
    """The plan KPIs crmplan can compute, then the extra figures; and the others."""
    found: list[Request] = []
    others: list[Request] = []
    for index, kpi in enumerate(kpis):
        catalogue = kpi_spec(kpi).catalogue
        entry = KPI_CATALOGUE.get(catalogue or "")
        request = Request(catalogue or kpi.id, kpi_period(kpi, default), kpi.id, ("kpis", index))
        (found if entry and entry.computed else others).append(request)
    return found + [Request(m, default) for m in EXTRA_FIGURES], others


def computation(measure: str) -> Computation:
    """How ``measure`` (a computable catalogue KPI or an extra figure) is computed."""
    found = catalogue_measure(measure)
    assert found is not None and found.computed is not None, measure
    return found.computed


def figure(request: Request, w: Window, counts: dict[str, Decimal],
           life: dict[str, Decimal], first_day: dt.date | None, threshold: int) -> Figure:
    """One figure from the counts, suppressed under the threshold, or not computable."""
    how = computation(request.measure)
    values = count_values(w, counts, life)
    numerator, population = values[how.of], int(values[how.over])
    denominator = values[how.per] if how.per else None
    shown = w if any(REACH[c] is not Reach.HISTORY for c in how.counts) else None
    reason = not_computable(how, w, first_day, denominator)
    if reason or population < threshold:
        status = "not_computable" if reason else "suppressed"
        return Figure(request.measure, request.kpi, request.path, shown, None, None, None,
                      population, status, reason)
    value = numerator if denominator is None else numerator / denominator
    if figure_format(request.measure) is Format.PERCENT:
        value *= 100
    return Figure(request.measure, request.kpi, request.path, shown, value, numerator,
                  denominator, population, "computed")


def figure_format(measure: str) -> Format:
    """How a figure of ``measure`` is written (a number for a measure crmplan does not
    know)."""
    found = catalogue_measure(measure)
    return found.fmt if found else Format.NUMBER


def count_values(w: Window, c: dict[str, Decimal], life: dict[str, Decimal]
                 ) -> dict[Count, Decimal]:
    """Every count of the catalogue, from the counts of the period (:func:`period_counts`)
    and of the whole history (:func:`lifetime_counts`)."""
    return {
        Count.ACTIVE: c["active"], Count.REPEAT: c["repeat"], Count.PREVIOUS: c["previous"],
        Count.RETAINED: c["retained"], Count.LOST: c["previous"] - c["retained"],
        Count.NEW: c["new"], Count.ORDERS: c["orders"],
        Count.NET_REVENUE: c["revenue"] + c["refunds"],
        Count.WEEKS: Decimal((w.end - w.start).days) / 7,
        Count.CUSTOMERS: life["customers"], Count.LIFETIME_NET_REVENUE: life["net"],
    }


def not_computable(how: Computation, w: Window, first_day: dt.date | None,
                   denominator: Decimal | None) -> str:
    """Why a figure cannot be computed ("" when it can): no order at all, data starting after
    the first day one of its counts needs (see :class:`Reach`), or an empty period."""
    if first_day is None:
        return "no_orders"
    # the data must cover the whole period: at least its first day (see Reach)
    one = dt.timedelta(days=1)
    starts = {Reach.PERIOD: w.start + one, Reach.PREVIOUS: w.previous + one,
              Reach.DAY_BEFORE: w.start}
    needed = [starts[REACH[c]] for c in how.counts if REACH[c] in starts]
    if needed and first_day > min(needed):
        return "before_data"
    if denominator is not None and denominator == 0:
        return "empty_period"
    return ""


def rounded(value: Decimal, digits: int) -> float:
    """Half up, as a person rounds (never banker's rounding)."""
    return float(value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))
