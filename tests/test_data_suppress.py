"""Complementary suppression: no hidden segment can be worked out from what is shown.

The reader of ``segment compute`` has the total customers and annual revenue (or can
work them out from a visible segment's share), every visible segment's figures, and,
from ``baseline compute``, the whole history's net revenue. The tests play that reader.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.data_cases import csv_text
from typer.testing import CliRunner

from crmplan.cli import app
from crmplan.data import report, rfm
from crmplan.data.compute import SegmentResult, SegmentRow, hide_segments
from crmplan.data.load import Dataset
from crmplan.data.suppress import Cell, hide
from crmplan.model.data import Data

pytest.importorskip("duckdb")  # the commands' part; the rule itself needs nothing

D = Decimal
ORDERS = {"file": "o.csv", "columns": {"customer_id": "c", "order_date": "d", "amount": "a"}}


def cells(*sizes: tuple[str, int, int]) -> list[Cell]:
    """RFM segments (key, customers, annual revenue); net revenue twice the annual."""
    return [Cell(0, k, n, (D(r), D(2 * r))) for k, n, r in sizes]


def parts_of(found: list[Cell]) -> dict[tuple[str, str], int]:
    return {(c.key, ""): c.customers for c in found}


def test_one_small_segment_takes_the_next_smallest_with_it() -> None:
    found = cells(("a", 5, 100), ("b", 14, 70), ("c", 50, 10), ("d", 30, 10))
    hiding = hide(found, parts_of(found), 10)
    assert hiding.primary == {(0, "a")} and hiding.complementary == {(0, "b")}
    assert hiding.totals


def test_the_hidden_ones_hold_together_at_least_the_threshold() -> None:
    found = cells(("a", 3, 100), ("b", 4, 70), ("c", 12, 10), ("d", 30, 10))
    hiding = hide(found, parts_of(found), 10)
    assert hiding.primary == {(0, "a"), (0, "b")} and hiding.complementary == {(0, "c")}


def test_a_segment_without_revenue_does_not_hide_another_ones() -> None:
    # a and b bought nothing in the year: a's annual revenue would be the hidden total, 0
    found = cells(("a", 5, 0), ("b", 14, 0), ("c", 50, 10), ("d", 30, 10))
    hiding = hide(found, parts_of(found), 10)
    assert hiding.complementary == {(0, "d")}


def test_a_plan_segment_made_of_rfm_segments_gives_none_of_them_away() -> None:
    # best = a + c: with c shown, best - c would be a
    found = [*cells(("a", 5, 3), ("b", 14, 7), ("c", 50, 1), ("d", 30, 1)),
             Cell(1, "best", 55, (D(4), D(8))), Cell(1, "lapsed", 30, (D(1), D(2))),
             Cell(1, "", 14, (D(7), D(14)))]
    parts = {("a", "best"): 5, ("b", ""): 14, ("c", "best"): 50, ("d", "lapsed"): 30}
    hiding = hide(found, parts, 10)
    assert (0, "c") in hiding.complementary or (1, "best") in hiding.complementary
    assert not _in_span(found, parts, hiding, [(0, "a")])


def test_too_few_customers_in_all_withholds_the_totals() -> None:
    found = cells(("a", 3, 10), ("b", 4, 10))
    hiding = hide(found, parts_of(found), 10)
    assert hiding.complementary == set() and not hiding.totals


# -- the reader of the JSON report --------------------------------------------------------------


def _result(sizes: list[tuple[int, int, int]], threshold: int) -> SegmentResult:
    data = Data.model_validate({"min_customers": threshold, "orders": ORDERS})
    result = SegmentResult(Dataset("duckdb", data))
    groups = {name.value: rfm.Group(name.value, n, D(net) / 100, D(recent) / 100, None, None,
                                    n, n, n, n, n)
              for name, (n, recent, net) in zip(rfm.ORDER, sizes, strict=False) if n}
    result.customers = sum(g.customers for g in groups.values())
    result.recent_revenue = sum((g.recent_revenue for g in groups.values()), D(0))
    result.net_revenue = sum((g.net_revenue for g in groups.values()), D(0))
    result.rfm = [SegmentRow(n.value, n.value, groups.get(n.value), n.value in groups
                             and groups[n.value].customers < threshold) for n in rfm.ORDER]
    hide_segments(result, {(k, ""): g.customers for k, g in groups.items()})
    return result


def _reader(shown: dict[str, Any]) -> tuple[float, float] | None:
    """What the hidden segments hold together, as the reader works it out: customers and
    annual revenue (None when nothing gives the totals)."""
    visible = [r for r in shown["rfm"] if not r["suppressed"] and not r["empty"]]
    customers, revenue = shown["customers"], shown["annual_revenue"]
    if customers is None and visible:  # the totals again, from a share
        customers = visible[0]["customers"] * 100 / visible[0]["customers_pct"]
    if revenue is None:
        revenue = next((r["annual_revenue"] * 100 / r["revenue_share_pct"] for r in visible
                        if r["revenue_share_pct"]), None)
    if customers is None or revenue is None:
        return None
    return (customers - sum(r["customers"] for r in visible),
            revenue - sum(r["annual_revenue"] for r in visible))


MEANS = ("mean_orders", "mean_recency_days", "mean_r", "mean_f", "mean_m")
SIZE = st.one_of(st.just(0), st.integers(1, 12), st.integers(1, 400))
CENTS = st.one_of(st.just(0), st.integers(-50_000, 5_000_000))


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(SIZE, CENTS, CENTS), min_size=11, max_size=11), st.integers(1, 40))
def test_no_hidden_segment_is_the_total_minus_the_visible_ones(
        sizes: list[tuple[int, int, int]], threshold: int) -> None:
    result = _result(sizes, threshold)
    shown = report.segment_data(result)
    small = [(n, D(recent) / 100, D(net) / 100) for n, recent, net in sizes
             if n and n < threshold]
    found = _reader(shown)
    if found is None:
        assert all(r["suppressed"] or r["empty"] for r in shown["rfm"])
        return
    # the net revenue of the whole history, from baseline compute, minus the visible ones'
    # (value per customer times customers: taken exactly here, a stronger reader)
    net_left = result.net_revenue - sum((r.group.net_revenue for r in result.rfm
                                         if r.group is not None and not r.suppressed), D(0))
    for customers, recent, net in small:
        assert abs(found[0] - customers) > 0.5
        assert abs(found[1] - float(recent)) > 0.005 and net_left != net
    for row in result.rfm:  # a segment hidden with them: never alone either
        assert not row.complementary or row.group is None or \
            abs(found[0] - row.group.customers) > 0.5
    hidden = [r.group.customers for r in result.rfm if r.group is not None and r.suppressed]
    assert not hidden or sum(hidden) >= threshold
    assert not hidden or all(s["customers"] is None for e in shown["scores"].values() for s in e)
    # a mean times the customers is a sum, which the segment definitions and the score edges
    # can split between hidden segments (an F score of 1 in Promising, 5 in Can't lose)
    assert not hidden or all(r[k] is None for r in shown["rfm"] for k in MEANS)


# -- two tables of the same customers ------------------------------------------------------------

PRIME = (1 << 61) - 1


def _in_span(found: list[Cell], parts: dict[tuple[str, str], int], hiding: Any,
             targets: list[tuple[int, str]]) -> bool:
    """Whether the sum of ``targets`` is a combination of what is shown, worked out apart
    from crmplan's own arithmetic (Gaussian elimination modulo a large prime)."""
    names = sorted(k for k, n in parts.items() if n)
    hidden = hiding.primary | hiding.complementary

    def vector(ids: list[tuple[int, str]]) -> list[int]:
        return [sum(1 for t, k in ids if (r, p)[t] == k) for r, p in names]

    rows = [vector([c.id]) for c in found if c.id not in hidden]
    if hiding.totals:
        rows.append([1] * len(names))
    return _rank([*rows, vector(targets)]) == _rank(rows)


def _rank(rows: list[list[int]]) -> int:
    rows = [[v % PRIME for v in row] for row in rows]
    rank = 0
    for column in range(len(rows[0]) if rows else 0):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][column]), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        inverse = pow(rows[rank][column], PRIME - 2, PRIME)
        rows[rank] = [v * inverse % PRIME for v in rows[rank]]
        for i in range(len(rows)):
            if i != rank and rows[i][column]:
                factor = rows[i][column]
                rows[i] = [(a - factor * b) % PRIME for a, b in zip(rows[i], rows[rank],
                                                                      strict=True)]
        rank += 1
    return rank


RFM_KEYS = ["champions", "loyal", "new", "at_risk", "lost", "hibernating"]
PLAN_KEYS = ["best", "lapsed", "vip", ""]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.tuples(st.sampled_from(RFM_KEYS), st.sampled_from(PLAN_KEYS)),
                       st.integers(1, 40), min_size=1, max_size=12),
       st.integers(2, 25))
def test_no_small_set_of_hidden_segments_follows_from_the_other_table(
        parts: dict[tuple[str, str], int], threshold: int) -> None:
    found = []
    for table in (0, 1):
        totals: dict[str, int] = {}
        for key, n in parts.items():
            totals[key[table]] = totals.get(key[table], 0) + n
        found += [Cell(table, k, n, (D(n), D(n))) for k, n in sorted(totals.items())]
    hiding = hide(found, parts, threshold)
    size = {c.id: c.customers for c in found}
    for table in (0, 1):
        small = sorted(c for c in hiding.primary if c[0] == table)
        for count in range(1, len(small) + 1):
            for chosen in combinations(small, count):
                if sum(size[c] for c in chosen) < threshold:
                    assert not _in_span(found, parts, hiding, list(chosen)), chosen


# -- through the command ---------------------------------------------------------------------

PLAN = """\
schema_version: 1
client: {name: Acme, currency: USD}
segments:
  - {id: few, name: Few, definition: Five orders or more., rule: {orders: {min: 5}}}
  - {id: some, name: Some, definition: Two orders or more., rule: {orders: {min: 2}}}
data:
  min_customers: 10
  orders:
    file: data/orders.csv
    columns: {customer_id: Customer, order_date: Date, amount: Total}
"""


def _client(root: Path) -> Path:
    """35 customers: 3 with five orders (too few to show), 12 with two, 20 with one."""
    rows = []
    for number, orders in enumerate([5] * 3 + [2] * 12 + [1] * 20):
        for n in range(orders):
            day = dt.date(2024, 1, 1) + dt.timedelta(days=7 * number + 40 * n)
            rows.append((f"C{number:03d}", day.isoformat(), f"{10 + number}.{n}5"))
    (root / "data").mkdir(parents=True)
    (root / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (root / "data" / "orders.csv").write_text(csv_text("Customer,Date,Total", rows),
                                              encoding="utf-8")
    return root


def test_a_plan_segment_that_would_give_a_small_one_away_is_hidden_everywhere(
        tmp_path: Path) -> None:
    root = _client(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["segment", "compute", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    plan = {r["segment"]: r for r in shown["plan"]}
    assert plan["few"]["suppression"] == "fewer_customers"
    assert plan["some"]["suppression"] == "complementary" and plan["some"]["customers"] is None
    # the total minus the visible plan rows is both hidden segments, never 'few' alone
    assert shown["customers"] - shown["unassigned"]["customers"] == 15
    text = runner.invoke(app, ["segment", "compute", str(root)]).output
    markdown = runner.invoke(app, ["segment", "compute", str(root), "--format", "md"]).output
    for out in (text, markdown):
        assert "some" in out and "hidden" in out and "<10" in out
        assert "Segments marked hidden are not shown either, as their figures would give " \
            "the smaller ones away." in out
    recorded = runner.invoke(app, ["segment", "compute", str(root), "--record"])
    assert recorded.exit_code == 0, recorded.output
    assert "not recorded (no customer, or not shown: fewer than 10 customers, or hidden " \
        "with such a segment): few, some" in recorded.output
    assert "size:" not in (root / "plan.yaml").read_text(encoding="utf-8")


def test_the_bundled_example_gives_no_hidden_segment_away(tmp_path: Path) -> None:
    import shutil

    example = Path(__file__).parents[1] / "examples" / "online-retailer-en"
    shutil.copytree(example, tmp_path / "acme")
    plan = tmp_path / "acme" / "plan.yaml"

    def compute() -> dict[str, Any]:
        done = CliRunner().invoke(app, ["segment", "compute", str(plan), "--format", "json"])
        assert done.exit_code == 0, done.output
        data: dict[str, Any] = json.loads(done.output)
        return data

    shown = compute()
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "\ndata:\n", "\ndata:\n  min_customers: 1\n", 1), encoding="utf-8")
    every = {r["segment"]: r for r in compute()["rfm"]}
    hidden = [every[r["segment"]] for r in shown["rfm"] if r["suppressed"]]
    assert any(r["suppression"] == "fewer_customers" for r in shown["rfm"])
    found = _reader(shown)
    assert found is not None
    for segment in hidden:
        assert abs(found[0] - segment["customers"]) > 0.5
        assert abs(found[1] - segment["annual_revenue"]) > 0.005


def test_with_fewer_customers_in_all_than_the_threshold_no_total_is_shown(
        tmp_path: Path) -> None:
    from tests.data_cases import PLAN as CASES_PLAN
    from tests.data_cases import write_client

    root = write_client(tmp_path, CASES_PLAN.replace("min_customers: 1", "min_customers: 100"))
    runner = CliRunner()
    shown = json.loads(runner.invoke(app, ["segment", "compute", str(root), "--format",
                                           "json"]).output)
    assert shown["customers"] is None and shown["annual_revenue"] is None
    text = runner.invoke(app, ["segment", "compute", str(root)]).output
    assert "Figures of fewer than 100 customers are not shown, nor the number of customers " \
        "with an order" in text


def _by_f_score(plan: Path) -> None:
    """The example's plan segments, each the customers of one F score (its edges are at 1,
    3, 4, 5 and 6 orders): the table of the plan says how many customers have each."""
    text = plan.read_text(encoding="utf-8")
    for segment, orders in (("premium", 6), ("loyal", 5), ("one_time", 4), ("lapsed", 3),
                            ("prospects", 1)):
        text = text.replace(f"  - id: {segment}\n",
                            f"  - id: {segment}\n    rule: {{orders: {{min: {orders}}}}}\n", 1)
    plan.write_text(text, encoding="utf-8")


def _split_by_f(shown: dict[str, Any]) -> dict[str, float] | None:
    """The hidden RFM segments' customers, worked out from the mean F scores: the plan's rows
    give the total of F, the visible RFM rows theirs, and a segment of the grid whose F is
    one score (Promising 1, Can't lose 5) makes two hidden ones two equations."""
    rows = [*shown["plan"], *([shown["unassigned"]] if shown["unassigned"] else [])]
    visible = [r for r in shown["rfm"] if not r["suppressed"] and not r["empty"]]
    hidden = [r["segment"] for r in shown["rfm"] if r["suppressed"]]
    if any(r["mean_f"] is None for r in rows + visible) or len(hidden) != 2:
        return None
    f_of = {}
    for key in hidden:
        scores = {f for row in rfm.GRID for f, name in enumerate(row, 1) if name.value == key}
        if len(scores) != 1:
            return None
        f_of[key] = scores.pop()
    customers = sum(r["customers"] for r in rows) - sum(r["customers"] for r in visible)
    f_sum = sum(r["customers"] * r["mean_f"] for r in rows) - sum(
        r["customers"] * r["mean_f"] for r in visible)
    (a, fa), (b, fb) = f_of.items()
    if fa == fb:
        return None
    first = (f_sum - fb * customers) / (fa - fb)
    return {a: first, b: customers - first}


@pytest.mark.slow
def test_the_mean_scores_give_no_hidden_segment_away(tmp_path: Path) -> None:
    """Plan segments that split the example's customers by F score, and
    the RFM segments' mean F, gave Can't lose (7 customers) and Promising (14) away."""
    import shutil

    example = Path(__file__).parents[1] / "examples" / "online-retailer-en"
    shutil.copytree(example, tmp_path / "acme")
    plan = tmp_path / "acme" / "plan.yaml"
    _by_f_score(plan)
    runner = CliRunner()

    def compute() -> dict[str, Any]:
        done = runner.invoke(app, ["segment", "compute", str(plan), "--format", "json"])
        assert done.exit_code == 0, done.output
        data: dict[str, Any] = json.loads(done.output)
        return data

    shown = compute()
    assert [r["segment"] for r in shown["rfm"] if r["suppressed"]] == ["promising", "cant_lose"]
    assert all(r[k] is None for r in [*shown["rfm"], *shown["plan"]] for k in MEANS)
    text = runner.invoke(app, ["segment", "compute", str(plan)]).output
    assert "While a segment is hidden, no segment's mean orders, days since the last order " \
        "and R/F/M scores are shown" in text
    found = _split_by_f(shown)
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "\ndata:\n", "\ndata:\n  min_customers: 1\n", 1), encoding="utf-8")
    every = {r["segment"]: r["customers"] for r in compute()["rfm"]}
    assert every["cant_lose"] == 7 and every["promising"] == 14
    assert found is None or any(abs(found[k] - every[k]) > 0.5 for k in found)
