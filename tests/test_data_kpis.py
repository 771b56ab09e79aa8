"""The data KPIs' periods and counts: each window's dates, each count taken from a tiny
in-memory export through the DuckDB engine, each figure from its counts, computed by hand."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmplan.data import kpis, summary
from crmplan.data.engine import DuckDBEngine
from crmplan.data.kpis import Figure, Request, Window, figure, window
from crmplan.model.catalogue import EXTRA_FIGURES, Computation, Count, Format
from crmplan.model.kpis import Kpi, Period

duckdb = pytest.importorskip("duckdb")

D = dt.date

# -- the periods ------------------------------------------------------------------------------


@pytest.mark.parametrize(("as_of", "period", "start", "previous"), [
    # a year up to a month end, and across a leap day
    ("2026-03-31", Period.YEAR, "2025-03-31", "2024-03-31"),
    ("2024-12-31", Period.YEAR, "2023-12-31", "2022-12-31"),
    ("2024-02-29", Period.YEAR, "2023-02-28", "2022-02-28"),
    ("2025-02-28", Period.YEAR, "2024-02-28", "2023-02-28"),
    # half years and quarters that end on a 31st start on a shorter month's last day
    ("2024-08-31", Period.HALF_YEAR, "2024-02-29", "2023-08-29"),
    ("2025-06-30", Period.HALF_YEAR, "2024-12-30", "2024-06-30"),
    ("2024-05-31", Period.QUARTER, "2024-02-29", "2023-11-29"),
    ("2025-01-15", Period.QUARTER, "2024-10-15", "2024-07-15"),  # across the new year
    # months: the 31st, a leap February, the new year
    ("2024-03-31", Period.MONTH, "2024-02-29", "2024-01-29"),
    ("2023-03-31", Period.MONTH, "2023-02-28", "2023-01-28"),
    ("2026-01-31", Period.MONTH, "2025-12-31", "2025-11-30"),
    ("2026-01-10", Period.MONTH, "2025-12-10", "2025-11-10"),
    # weeks and days count days, across a year end and a leap day
    ("2026-01-03", Period.WEEK, "2025-12-27", "2025-12-20"),
    ("2024-03-01", Period.WEEK, "2024-02-23", "2024-02-16"),
    ("2024-03-01", Period.DAY, "2024-02-29", "2024-02-28"),
    ("2026-01-01", Period.DAY, "2025-12-31", "2025-12-30"),
])
def test_each_window_starts_the_same_calendar_day_one_period_earlier(
        as_of: str, period: Period, start: str, previous: str) -> None:
    assert window(D.fromisoformat(as_of), period) == Window(
        period, D.fromisoformat(start), D.fromisoformat(as_of), D.fromisoformat(previous))


MONTHS = {Period.MONTH: 1, Period.QUARTER: 3, Period.HALF_YEAR: 6, Period.YEAR: 12}
# the shortest and longest each period can be, in days
LENGTHS = {Period.DAY: (1, 1), Period.WEEK: (7, 7), Period.MONTH: (28, 31),
           Period.QUARTER: (89, 92), Period.HALF_YEAR: (181, 184), Period.YEAR: (365, 366)}
_days = st.dates(D(1901, 1, 1), D(9998, 12, 31))


@settings(max_examples=60, deadline=None)
@given(as_of=_days, period=st.sampled_from(list(Period)))
def test_a_window_is_one_period_long_and_follows_the_one_before(as_of: dt.date,
                                                                period: Period) -> None:
    w = window(as_of, period)
    shortest, longest = LENGTHS[period]
    assert shortest <= (w.end - w.start).days <= longest
    assert shortest <= (w.start - w.previous).days <= longest
    assert window(w.start, period).start == w.previous  # the period before ends at the start
    if period in MONTHS:
        months = (as_of.year - w.start.year) * 12 + as_of.month - w.start.month
        assert months == MONTHS[period]
        last = calendar.monthrange(w.start.year, w.start.month)[1]
        assert w.start.day == min(as_of.day, last)  # the same day, or the month's last


def test_a_date_is_written_as_a_sql_date_literal() -> None:
    assert kpis.date_sql(D(2024, 2, 29)) == "DATE '2024-02-29'"


def test_buyer_columns_take_each_period_once_in_the_periods_order() -> None:
    found = kpis.buyer_columns(D(2024, 12, 31), [Period.YEAR, Period.MONTH, Period.YEAR,
                                                  Period.WEEK])
    assert found[0] == "MIN(CASE WHEN amount >= 0 THEN order_date END) AS first_order"
    assert [c.rsplit(" AS ", 1)[1] for c in found[5:]] == [  # the same SQL for the same plan
        "n_cur_month", "rev_cur_month", "ref_cur_month", "n_prev_month",
        "n_cur_year", "rev_cur_year", "ref_cur_year", "n_prev_year"]
    assert found[1].endswith(" AS n_cur_week")
    assert "order_date > DATE '2024-11-30'" in found[5]
    assert found[8] == ("COUNT(CASE WHEN amount >= 0 AND order_date > DATE '2024-10-30' AND "
                        "order_date <= DATE '2024-11-30' THEN 1 END) AS n_prev_month")


# -- the counts, through the DuckDB engine --------------------------------------------------

# The month is 2024-12-01..12-31; the one before ends on 11-30 and starts the same calendar
# day a month earlier: 10-31..11-30.
AS_OF = D(2024, 12, 31)
ORDERS = [
    ("a", "2024-11-15", "10"), ("a", "2024-12-10", "30"), ("a", "2024-12-31", "20"),
    ("a", "2024-12-20", "-5"),  # a refund in the period
    ("b", "2024-11-30", "40"),  # the last day of the month before: lost
    ("c", "2024-12-01", "50"),  # the period's first day, and c's first order: new
    ("d", "2024-10-30", "60"),  # the day before the month before: neither month
    ("d", "2025-01-01", "70"),  # after the as-of date: nowhere
    ("e", "2024-12-05", "-15"),  # a refund of an order the data does not hold
]


@pytest.fixture
def engine() -> Iterator[DuckDBEngine]:
    """``orders`` and ``buyers`` of :data:`ORDERS` as of :data:`AS_OF`, for months and
    years."""
    with duckdb.connect() as connection:
        found = DuckDBEngine(connection, temp_dir="")
        rows = ", ".join(f"('{c}', DATE '{d}', CAST({a} AS DECIMAL(12, 2)))"
                         for c, d, a in ORDERS)
        found.define("orders", "SELECT * FROM (VALUES " + rows + ") AS t(customer_id, "
                     "order_date, amount)")
        summary.define_buyers(found, AS_OF, kpis.buyer_columns(AS_OF, [Period.MONTH,
                                                                        Period.YEAR]))
        yield found


def test_the_counts_of_a_month_and_of_the_month_before(engine: DuckDBEngine) -> None:
    assert kpis.period_counts(engine, window(AS_OF, Period.MONTH)) == {
        "active": 2,  # a and c
        "repeat": 1,  # a, twice
        "previous": 2,  # a and b (d's order is a day too early)
        "retained": 1,  # a
        "new": 1,  # c (b's first order is the day before the period)
        "orders": 3,  # a's two and c's
        "revenue": Decimal("100.00"),  # 30 + 20 + 50
        "refunds": Decimal("-5.00"),  # a's; e has no order, so no part in any figure
    }


def test_the_counts_of_a_year_in_the_same_data(engine: DuckDBEngine) -> None:
    assert kpis.period_counts(engine, window(AS_OF, Period.YEAR)) == {
        "active": 4, "repeat": 1, "previous": 0, "retained": 0, "new": 4, "orders": 6,
        "revenue": Decimal("210.00"), "refunds": Decimal("-5.00")}


def test_the_lifetime_counts_and_the_refunds_without_an_order(engine: DuckDBEngine) -> None:
    assert kpis.lifetime_counts(engine) == {"customers": 4, "net": Decimal("205.00")}
    assert kpis.refund_only_customers(engine) == (1, Decimal("-15.00"))


def test_no_orders_at_all_count_zero(engine: DuckDBEngine) -> None:
    summary.define_buyers(engine, D(2000, 1, 1), kpis.buyer_columns(D(2000, 1, 1),
                                                                     [Period.MONTH]))
    assert set(kpis.period_counts(engine, window(D(2000, 1, 1), Period.MONTH)).values()) == {0}
    assert kpis.lifetime_counts(engine) == {"customers": 0, "net": 0}
    assert kpis.refund_only_customers(engine) == (0, 0)


# -- the figures from the counts --------------------------------------------------------------

MONTH = window(AS_OF, Period.MONTH)
COUNTS = {"active": Decimal(8), "repeat": Decimal(2), "previous": Decimal(10),
          "retained": Decimal(7), "new": Decimal(3), "orders": Decimal(12),
          "revenue": Decimal(600), "refunds": Decimal(-60)}
LIFE = {"customers": Decimal(40), "net": Decimal(5000)}
FIRST_DAY = D(2020, 1, 1)


def computed(measure: str, w: Window = MONTH, counts: dict[str, Decimal] = COUNTS,
             first_day: dt.date | None = FIRST_DAY, threshold: int = 1) -> Figure:
    found = figure(Request(measure, w.period, "vip_" + measure, ("kpis", 2)), w, counts, LIFE,
                   first_day, threshold)
    assert (found.measure, found.kpi, found.path) == (measure, "vip_" + measure, ("kpis", 2))
    return found


def test_every_count_of_the_catalogue_from_the_period_and_the_history() -> None:
    values = kpis.count_values(MONTH, COUNTS, LIFE)
    assert {c.value: v for c, v in values.items()} == {
        "active": 8, "repeat": 2, "previous": 10, "retained": 7,
        "lost": 3,  # of the period before, not back in this one
        "new": 3, "orders": 12,
        "net_revenue": 540,  # refunds taken off
        "weeks": Decimal(31) / 7,
        "customers": 40, "lifetime_net_revenue": 5000}


@pytest.mark.parametrize(("measure", "value", "numerator", "denominator", "population"), [
    ("retention_rate", Decimal(70), 7, 10, 10),  # a percentage: times 100
    ("churn_rate", Decimal(30), 3, 10, 10),
    ("repeat_purchase_rate", Decimal(25), 2, 8, 8),
    ("avg_order_value", Decimal(45), 540, 12, 8),  # money: as it is
    ("new_customers_per_week", Decimal(3) / (Decimal(31) / 7), 3, Decimal(31) / 7, 3),
    ("cltv", Decimal(125), 5000, 40, 40),
    ("active_customers", Decimal(8), 8, None, 8),  # a count, divided by nothing
    ("purchase_frequency", Decimal("1.5"), 12, 8, 8),
    ("revenue_per_customer", Decimal("67.5"), 540, 8, 8),
])
def test_each_figure_from_its_counts(measure: str, value: Decimal, numerator: int,
                                     denominator: Any, population: int) -> None:
    found = computed(measure)
    assert (found.status, found.value, found.numerator, found.denominator,
            found.population, found.reason) == (
        "computed", value, numerator, denominator, population, "")


def test_a_lifetime_figure_covers_no_window_and_a_period_figure_its_own() -> None:
    assert computed("cltv").window is None
    assert computed("retention_rate").window == MONTH


@pytest.mark.parametrize(("threshold", "status"), [
    (9, "computed"), (10, "computed"),  # ten customers of the month before: enough for ten
    (11, "suppressed"),
])
def test_a_figure_of_fewer_customers_than_the_threshold_is_suppressed(threshold: int,
                                                                      status: str) -> None:
    found = computed("retention_rate", threshold=threshold)
    assert (found.status, found.population) == (status, 10)
    if status == "suppressed":
        assert (found.value, found.numerator, found.denominator, found.reason) == (
            None, None, None, "")


# The first day the data must hold for each reach, for the month up to 2024-12-31: the
# period's first day, the first day of the period before (10-31), or the day before the period.
@pytest.mark.parametrize(("measure", "needed"), [
    ("repeat_purchase_rate", D(2024, 12, 1)),
    ("avg_order_value", D(2024, 12, 1)),
    ("retention_rate", D(2024, 10, 31)),
    ("churn_rate", D(2024, 10, 31)),
    ("new_customers_per_week", D(2024, 11, 30)),  # else every customer would look new
])
def test_data_must_start_by_the_first_day_a_figure_needs(measure: str,
                                                         needed: dt.date) -> None:
    assert computed(measure, first_day=needed).status == "computed"
    late = computed(measure, first_day=needed + dt.timedelta(days=1))
    assert (late.status, late.reason, late.value) == ("not_computable", "before_data", None)
    assert late.window == MONTH and late.population == COUNTS[
        "previous" if "rate" in measure and "repeat" not in measure else
        "new" if "new" in measure else "active"]


def test_a_lifetime_figure_never_needs_an_earlier_start() -> None:
    assert computed("cltv", first_day=AS_OF).status == "computed"


def test_without_any_order_nothing_is_computable() -> None:
    found = computed("cltv", first_day=None)
    assert (found.status, found.reason) == ("not_computable", "no_orders")


def test_an_empty_period_has_no_rate_rather_than_a_division_by_zero() -> None:
    empty = dict(COUNTS, previous=Decimal(0), retained=Decimal(0))
    found = computed("retention_rate", counts=empty, threshold=0)
    assert (found.status, found.reason, found.population) == ("not_computable",
                                                              "empty_period", 0)
    assert computed("active_customers", counts=dict(COUNTS, active=Decimal(0)),
                    threshold=0).value == 0  # a count of nobody is a figure: zero


def test_the_format_of_a_figure_and_of_a_measure_crmplan_does_not_know() -> None:
    assert kpis.figure_format("retention_rate") is Format.PERCENT
    assert kpis.figure_format("cltv") is Format.MONEY
    assert kpis.figure_format("active_customers") is Format.WHOLE
    assert kpis.figure_format("returns") is Format.NUMBER


def test_a_measure_without_a_computation_is_a_bug_not_a_figure() -> None:
    with pytest.raises(AssertionError, match="nps"):
        kpis.computation("nps")


def _kpi(kpi_id: str, **extra: Any) -> Kpi:
    return Kpi.model_validate({"id": kpi_id, **extra})


def test_requests_take_the_computable_kpis_with_their_periods_then_the_extra_figures() -> None:
    plan_kpis = [_kpi("retention_rate"), _kpi("nps"), _kpi("returns", unit="percent"),
                 _kpi("vip_churn", catalogue="churn_rate", definition={"period": "month"})]
    found, others = kpis.requests(plan_kpis, Period.YEAR)
    assert found == [
        Request("retention_rate", Period.YEAR, "retention_rate", ("kpis", 0)),
        Request("churn_rate", Period.MONTH, "vip_churn", ("kpis", 3)),
        *(Request(m, Period.YEAR) for m in EXTRA_FIGURES)]
    assert others == [Request("nps", Period.QUARTER, "nps", ("kpis", 1)),
                      Request("returns", Period.YEAR, "returns", ("kpis", 2))]


@pytest.mark.parametrize(("value", "digits", "expected"), [
    (Decimal("2.345"), 2, 2.35),  # half up, as a person rounds
    (Decimal("0.125"), 2, 0.13),  # not to the even 0.12
    (Decimal("2.5"), 0, 3.0),
    (Decimal("-2.5"), 0, -3.0),  # away from zero
    (Decimal("46.3849"), 2, 46.38),
    (Decimal(1) / 3, 4, 0.3333),
])
def test_figures_are_rounded_half_up(value: Decimal, digits: int, expected: float) -> None:
    assert kpis.rounded(value, digits) == expected


# SQL reads its keywords and unquoted names in any case; the names and the row are one list
# equivalent mutant: data/kpis.py x_period_counts__mutmut_28 — lower-case SQL reads the same
# equivalent mutant: data/kpis.py x_period_counts__mutmut_29 — upper-case SQL reads the same
# equivalent mutant: data/kpis.py x_refund_only_customers__mutmut_4 — lower-case SQL, same
# equivalent mutant: data/kpis.py x_refund_only_customers__mutmut_5 — upper-case SQL, same
# equivalent mutant: data/kpis.py x_lifetime_counts__mutmut_4 — lower-case SQL reads the same
# equivalent mutant: data/kpis.py x_lifetime_counts__mutmut_5 — upper-case SQL reads the same
# equivalent mutant: data/kpis.py x_period_counts__mutmut_36 — zip strict=None: 8 names, 8 sums
# equivalent mutant: data/kpis.py x_period_counts__mutmut_39 — zip unstrict: 8 names, 8 sums
# equivalent mutant: data/kpis.py x_period_counts__mutmut_40 — zip strict=False: 8 names, 8 sums
# equivalent mutant: data/kpis.py x_requests__mutmut_9 — no catalogue KPI is named "XXXX" or ""
# equivalent mutant: data/kpis.py x_rounded__mutmut_8 — quantize reads only 2E-2's exponent


# The first day each count needs the data to hold, for the month up to 2024-12-31 (None: it
# counts whatever history there is).
FIRST_DAY_NEEDED = {
    Count.ACTIVE: D(2024, 12, 1), Count.REPEAT: D(2024, 12, 1), Count.ORDERS: D(2024, 12, 1),
    Count.NET_REVENUE: D(2024, 12, 1), Count.WEEKS: D(2024, 12, 1),
    Count.PREVIOUS: D(2024, 10, 31), Count.RETAINED: D(2024, 10, 31),
    Count.LOST: D(2024, 10, 31),
    Count.NEW: D(2024, 11, 30),  # the day before: a customer of that day is not new
    Count.CUSTOMERS: None, Count.LIFETIME_NET_REVENUE: None,
}


@pytest.mark.parametrize("count", list(Count))
def test_each_count_needs_the_data_from_its_own_first_day(count: Count) -> None:
    alone = Computation(count, None, count)
    needed = FIRST_DAY_NEEDED[count]
    if needed is None:
        assert kpis.REACH[count] is kpis.Reach.HISTORY
        assert kpis.not_computable(alone, MONTH, AS_OF, None) == ""
        return
    assert kpis.not_computable(alone, MONTH, needed, None) == ""
    assert kpis.not_computable(alone, MONTH, needed + dt.timedelta(days=1), None) == \
        "before_data"
