"""Shortcuts taken for speed give the figures of the general way, on data that takes them.

- No order id repeats: ``orders`` is the valid rows as they are (rule 4 skipped).
- On DuckDB, repeated order ids are looked for among the ids whose hash repeats.
- On DuckDB, amounts are kept in 64 bits when every one fits.
- RFM scores come from the count of customers with each value, not from ``RANK()``.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import pytest
from tests.data_cases import CUSTOMERS, PLAN, csv_text, write_client
from typer.testing import CliRunner

from crmplan.cli import app
from crmplan.data import clean, engine, rfm

duckdb = pytest.importorskip("duckdb")

HEADER = "No,Customer,Date,Total,State"
Row = tuple[str, str, str, str, str]


def _orders(seed: int, repeats: bool) -> list[Row]:
    """Orders of 40 customers over two years with refunds, cancellations and ties; with
    ``repeats``, duplicate rows, orders of several lines and ids shared by two customers."""
    rng = random.Random(seed)
    rows: list[Row] = []
    for number in range(300):
        day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(731))
        rows.append((f"O{number:04d}", f"CUST-SECRET-{rng.randrange(40):02d}", day.isoformat(),
                     f"{rng.choice([5, 10, 25, 40, 99.99, rng.randrange(1, 50000) / 100]):.2f}",
                     rng.choice(["", "", "", "paid", "Cancelled"])))
    for number, (_o, customer, day, amount, _s) in enumerate(rng.sample(rows, 20)):
        rows.append((f"R{number:04d}", customer, day, f"-{amount}", ""))
    if repeats:
        rows += rng.sample(rows, 15)  # the same row twice
        rows += [(o, c, d, f"{float(a) + 1:.2f}", s) for o, c, d, a, s in rng.sample(rows, 15)]
        rows += [(o, "CUST-SECRET-zz", d, a, s) for o, _c, d, a, s in rng.sample(rows, 5)]
    rng.shuffle(rows)
    return rows


def _client(root: Path, rows: list[Row], fmt: str) -> Path:
    write_client(root, orders=csv_text(HEADER, rows))
    if fmt == "parquet":  # typed columns (dates, numbers), as the benchmark reads them
        data = root / "data"
        duckdb.sql(f"COPY (SELECT * FROM read_csv('{data / 'orders.csv'}', header = true)) "
                   f"TO '{data / 'orders.parquet'}' (FORMAT parquet)")
        (root / "plan.yaml").write_text(PLAN.replace("data/orders.csv", "data/orders.parquet"),
                                        encoding="utf-8")
    return root


def _figures(root: Path) -> dict[str, Any]:
    found = {}
    for command in ("baseline", "segment"):
        result = CliRunner().invoke(app, [command, "compute", str(root), "--format", "json"])
        assert result.exit_code == 0, result.output
        found[command] = json.loads(result.output)
    return found


@pytest.fixture
def steps(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the steps the embedded engine defines, in order."""
    names: list[str] = []
    define = engine.DuckDBEngine.define

    def spy(self: engine.DuckDBEngine, name: str, sql: str, keep: bool = True) -> None:
        names.append(name)
        define(self, name, sql, keep)

    monkeypatch.setattr(engine.DuckDBEngine, "define", spy)
    return names


def _general_way(monkeypatch: pytest.MonkeyPatch) -> None:
    original = clean.define_orders
    monkeypatch.setattr(clean, "define_orders",
                        lambda e, source, **kw: original(e, source, shortcut=False, **kw))


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
@pytest.mark.parametrize("seed", [1, 2])
def test_without_repeated_order_ids_the_shortcut_gives_the_general_figures(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, steps: list[str], fmt: str,
        seed: int) -> None:
    root = _client(tmp_path, _orders(seed, repeats=False), fmt)
    shortcut = _figures(root)
    assert "repeated_ids" not in steps and "order_lines" not in steps  # rule 4 skipped
    steps.clear()
    _general_way(monkeypatch)
    general = _figures(root)
    assert "order_lines" in steps
    assert shortcut == general
    assert shortcut["baseline"]["figures"] and shortcut["segment"]["rfm"]


@pytest.mark.parametrize("repeats", [False, True])
def test_colliding_hashes_find_the_same_repeated_ids(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, steps: list[str],
        repeats: bool) -> None:
    root = _client(tmp_path, _orders(3, repeats), "csv")
    hashed = _figures(root)
    # every id of the same length collides: all rows become candidates, and grouping
    # them must find exactly the repeated ids again
    monkeypatch.setattr(clean, "HASH", "length({})")
    steps.clear()
    colliding = _figures(root)
    assert "repeated_ids" in steps
    assert hashed == colliding
    codes = {p["rule"] for p in hashed["baseline"]["problems"]}
    assert ({"duplicate_rows", "order_lines", "shared_order_ids"} <= codes) is repeats


def test_repeated_order_ids_both_ways(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _client(tmp_path, _orders(4, repeats=True), "parquet")
    found = _figures(root)
    _general_way(monkeypatch)
    assert found == _figures(root)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_amounts_in_64_bits_give_the_figures_of_128_bits(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    root = _client(tmp_path, _orders(5, repeats=True), fmt)
    narrow = _figures(root)
    monkeypatch.setattr(clean, "AMOUNT_64", "DECIMAL(32, 4)")
    assert narrow == _figures(root)


def test_an_amount_over_64_bits_is_read_again_in_128(tmp_path: Path, steps: list[str]) -> None:
    rows = [("A1", "CUST-SECRET-a", "2024-03-01", "123456789012345.67", ""),
            ("B1", "CUST-SECRET-b", "2024-05-05", "40.00", ""),
            ("B2", "CUST-SECRET-b", "2024-05-05", "-0.01", "")]  # a refund on the last order day
    root = write_client(tmp_path, orders=csv_text(HEADER, rows))
    found = {f["kpi"] or f["measure"]: f for f in _figures(root)["baseline"]["figures"]}
    assert steps.count("order_values") == 4  # per command: 64 bits failed, then 128 bits
    assert found["cltv"]["numerator"] == 123456789012385.66  # exact: 1234...5.67 + 39.99
    assert found["cltv"]["value"] == 61728394506192.83


@pytest.mark.slow
def test_rfm_scores_are_the_rank_definition() -> None:
    """score = 1 + floor(5 × (rank − 1) / customers), rank = 1 + customers with a smaller
    value, as RANK() gives it; on random values with many ties, and tiny populations."""
    rng = random.Random(6)
    with engine.connect(None) as e:
        assert isinstance(e, engine.DuckDBEngine)
        for size in (1, 2, 3, 5, 7, 11, 400, 2000):
            spread = rng.choice([1, 3, 50, 10_000])
            rows = [(f"c{i}", rng.randrange(0, 4) if i % 5 else 0, rng.randrange(spread) / 4,
                     dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(spread)))
                    for i in range(size)]
            e.connection.execute("CREATE OR REPLACE TEMP TABLE buyers (customer_id VARCHAR, "
                                 "n_orders BIGINT, net_revenue DECIMAL(38, 4), "
                                 "last_order DATE, recent_revenue DECIMAL(38, 4))")
            e.connection.executemany("INSERT INTO buyers VALUES (?, ?, ?, ?, 0)", rows)
            rfm.define_scores(e, dt.date(2025, 1, 1))
            reference = ("SELECT customer_id, " + ", ".join(
                f"1 + (5 * (RANK() OVER (ORDER BY {v}) - 1)) // COUNT(*) OVER () AS {k}"
                for k, v in (("r", "last_order"), ("f", "n_orders"), ("m", "net_revenue")))
                + " FROM buyers WHERE n_orders > 0")
            differ = e.rows(f"SELECT COUNT(*) FROM rfm FULL JOIN ({reference}) AS x "
                            "USING (customer_id) WHERE rfm.r IS DISTINCT FROM x.r "
                            "OR rfm.f IS DISTINCT FROM x.f OR rfm.m IS DISTINCT FROM x.m")
            assert differ == [(0,)], size
            assert e.rows("SELECT COUNT(*) FROM rfm") == e.rows(
                "SELECT COUNT(*) FROM buyers WHERE n_orders > 0")


def test_customers_are_compared_once(tmp_path: Path) -> None:
    """Customers without an order and buyers missing from the export, from one join."""
    rows = [("A1", "CUST-SECRET-a", "2024-01-01", "10.00", ""),
            ("Q1", "CUST-SECRET-q", "2024-01-02", "10.00", ""),   # not in the export
            ("D1", "CUST-SECRET-d", "2024-01-03", "-5.00", ""),   # a refund only: no order
            ("Z1", "CUST-SECRET-z", "2025-01-01", "10.00", "")]   # after the as-of date
    root = write_client(tmp_path, orders=csv_text(HEADER, rows))
    result = CliRunner().invoke(app, ["baseline", "compute", str(root), "--format", "json",
                                      "--as-of", "2024-12-31"])
    assert result.exit_code == 0, result.output
    problems = {p["rule"]: p["count"] for p in json.loads(result.output)["problems"]}
    assert problems["customers_without_orders"] == len(CUSTOMERS) - 1  # all but a
    assert problems["unknown_customers"] == 1  # q


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_text_trimmed_only_where_a_space_starts_or_ends_it_reads_as_trimmed(
        tmp_path: Path, fmt: str) -> None:
    """Only a value that starts or ends with a space is trimmed (trimming copies every
    value): an export with spaces around its ids and statuses gives the figures of the
    same export without them, and a value of spaces alone is empty."""
    rows = _orders(7, repeats=True)
    padded = [(f" {o}" if i % 3 == 0 else f"{o}  " if i % 3 == 1 else o,
               f"  {c} " if i % 2 else c, d, a, f" {s} " if s else "   ")
              for i, (o, c, d, a, s) in enumerate(rows)]
    padded[0] = ("  ", *padded[0][1:])  # an id of spaces alone: no order id
    rows[0] = ("", *rows[0][1:])
    quoted = [tuple(f'"{v}"' for v in row) for row in padded]  # CSV keeps quoted spaces
    clean = _figures(_client(tmp_path / "clean", rows, fmt))
    spaced = _figures(_client(tmp_path / "spaced", quoted, fmt))  # type: ignore[arg-type]
    for found in (clean, spaced):
        for command in found.values():
            command.pop("sources")
    assert spaced == clean
    assert clean["baseline"]["figures"] and clean["segment"]["rfm"]
