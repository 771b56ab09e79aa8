"""The figures of ``baseline compute`` and ``segment compute``, written by hand.

    python benchmarks/data_by_hand.py ROOT {baseline,segment} {duckdb,polars}

What an analyst would write for the benchmark's exports (``ROOT/data/orders.parquet``
and ``customers.parquet``, made by ``generate_orders.py``): plain DuckDB SQL, or one
Polars lazy query, with crmplan's definitions (docs/data.md) and none of its checks.
It knows the exports' column names, reads amounts as integer cents, leaves out
cancelled rows and takes the latest order date as the as-of date; it hashes no
file, counts no problem (missing values, duplicate ids, customers without an
order) and never looks for repeated order ids, since these exports have none.
It prints the counts and sums the figures are made of, as JSON, for
``bench_data.py`` to compare with crmplan's own output.
"""

from __future__ import annotations

import json
import sys
from typing import Any

# the RFM segment of each (recency score, frequency score): crmplan's map (docs/data.md)
GRID = (
    ("lost", "hibernating", "at_risk", "at_risk", "cant_lose"),
    ("hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"),
    ("about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"),
    ("promising", "potential_loyalists", "potential_loyalists", "loyal", "loyal"),
    ("new", "potential_loyalists", "potential_loyalists", "champions", "champions"),
)
SEGMENT = ["segment", "customers", "net", "recent", "contactable", "consented", "orders",
           "days", "r", "f", "m"]

DUCKDB_ORDERS = """
CREATE TEMP VIEW o AS SELECT customer_id, order_date,
    CAST(round(amount * 100) AS BIGINT) AS cents
  FROM read_parquet('{root}/data/orders.parquet') WHERE lower(status) <> 'cancelled';
CREATE TEMP TABLE w AS SELECT d, CAST(d - INTERVAL 1 YEAR AS DATE) AS s,
    CAST(d - INTERVAL 2 YEAR AS DATE) AS p FROM (SELECT max(order_date) AS d FROM o);
"""

DUCKDB_BASELINE = """
WITH b AS (
  SELECT customer_id, count(*) FILTER (cents >= 0) AS n, sum(cents) AS net,
    min(order_date) FILTER (cents >= 0) AS first,
    count(*) FILTER (cents >= 0 AND order_date > s) AS n_cur,
    count(*) FILTER (cents >= 0 AND order_date > p AND order_date <= s) AS n_prev,
    sum(cents) FILTER (order_date > s) AS period_net
  FROM o, w GROUP BY customer_id)
SELECT count(*) FILTER (n_cur > 0) AS active, count(*) FILTER (n_cur > 1) AS repeat,
  count(*) FILTER (n_prev > 0) AS previous,
  count(*) FILTER (n_prev > 0 AND n_cur > 0) AS retained,
  count(*) FILTER (first > s) AS new, sum(n_cur) AS orders,
  sum(period_net) FILTER (n > 0) AS net_revenue,
  count(*) FILTER (n > 0) AS customers, sum(net) FILTER (n > 0) AS lifetime_net
FROM b, w
"""

DUCKDB_SEGMENTS = """
CREATE TEMP TABLE g AS
WITH b AS (
  SELECT customer_id, max(order_date) FILTER (cents >= 0) AS last,
    count(*) FILTER (cents >= 0) AS n, sum(cents) AS net,
    coalesce(sum(cents) FILTER (order_date > s), 0) AS recent
  FROM o, w GROUP BY customer_id HAVING count(*) FILTER (cents >= 0) > 0),
s AS (
  SELECT b.*, date_diff('day', last, d) AS days,
    1 + 5 * (rank() OVER (ORDER BY last) - 1) // count(*) OVER () AS r,
    1 + 5 * (rank() OVER (ORDER BY n) - 1) // count(*) OVER () AS f,
    1 + 5 * (rank() OVER (ORDER BY net) - 1) // count(*) OVER () AS m
  FROM b, w)
SELECT s.*, grid.segment FROM s JOIN ({grid}) AS grid(r, f, segment) USING (r, f);
SELECT segment, count(*), sum(net), sum(recent),
  sum(CASE WHEN coalesce(email, '') <> '' OR coalesce(phone, '') <> '' THEN 1 ELSE 0 END),
  sum(CASE WHEN lower(trim(marketing_consent)) = 'y' THEN 1 ELSE 0 END),
  sum(n), sum(days), sum(r), sum(f), sum(m)
FROM g LEFT JOIN read_parquet('{root}/data/customers.parquet') AS c USING (customer_id)
GROUP BY segment ORDER BY segment;
SELECT r, count(*), max(days) FROM g GROUP BY r ORDER BY r;
SELECT f, count(*), min(n) FROM g GROUP BY f ORDER BY f;
SELECT m, count(*), min(net) FROM g GROUP BY m ORDER BY m;
"""


def by_duckdb(root: str, command: str) -> dict[str, Any]:
    import duckdb

    db = duckdb.connect()
    db.execute(DUCKDB_ORDERS.format(root=root))
    if command == "baseline":
        cursor = db.execute(DUCKDB_BASELINE)
        names = [c[0] for c in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))
    grid = " UNION ALL ".join(f"SELECT {r}, {f}, '{name}'" for r, row in enumerate(GRID, 1)
                              for f, name in enumerate(row, 1))
    statements = [s for s in DUCKDB_SEGMENTS.format(root=root, grid=grid).split(";")
                  if s.strip()]
    db.execute(statements[0])
    segments, *edges = (db.execute(s).fetchall() for s in statements[1:])
    return _segments(segments, edges)


def _segments(segments: list[Any], edges: list[list[Any]]) -> dict[str, Any]:
    return {"segments": {row[0]: dict(zip(SEGMENT[1:], row[1:], strict=True))
                         for row in segments},
            "scores": {letter: [list(row) for row in rows]
                       for letter, rows in zip("rfm", edges, strict=True)}}


def _polars_orders(root: str) -> tuple[Any, Any]:
    """The orders in cents, each with the as-of date and the starts of this period and the
    one before (``d``, ``s``, ``p``): the frame and the module."""
    import polars as pl

    o = (pl.scan_parquet(f"{root}/data/orders.parquet")
         .filter(pl.col("status").str.to_lowercase() != "cancelled")
         .select("customer_id", "order_date",
                 cents=(pl.col("amount") * 100).round().cast(pl.Int64)))
    days = o.select(d=pl.col("order_date").max()).with_columns(
        s=pl.col("d").dt.offset_by("-1y"), p=pl.col("d").dt.offset_by("-2y"))
    return o.join(days, how="cross"), pl


def by_polars_baseline(root: str) -> dict[str, Any]:
    o, pl = _polars_orders(root)
    sale, cur = pl.col("cents") >= 0, pl.col("order_date") > pl.col("s")
    prev = (pl.col("order_date") > pl.col("p")) & ~cur
    b = o.group_by("customer_id").agg(
        n=sale.sum(), net=pl.col("cents").sum(),
        first=pl.col("order_date").filter(sale).min(), n_cur=(sale & cur).sum(),
        n_prev=(sale & prev).sum(), period_net=pl.col("cents").filter(cur).sum(),
        s=pl.col("s").first())
    buyer = pl.col("n") > 0
    found = b.select(
        active=(pl.col("n_cur") > 0).sum(), repeat=(pl.col("n_cur") > 1).sum(),
        previous=(pl.col("n_prev") > 0).sum(),
        retained=((pl.col("n_prev") > 0) & (pl.col("n_cur") > 0)).sum(),
        new=(pl.col("first") > pl.col("s")).sum(), orders=pl.col("n_cur").sum(),
        net_revenue=pl.col("period_net").filter(buyer).sum(), customers=buyer.sum(),
        lifetime_net=pl.col("net").filter(buyer).sum()).collect()
    return found.to_dicts()[0]  # type: ignore[no-any-return]


def by_polars_segments(root: str) -> dict[str, Any]:
    o, pl = _polars_orders(root)
    sale = pl.col("cents") >= 0
    b = (o.group_by("customer_id").agg(
        last=pl.col("order_date").filter(sale).max(), n=sale.sum(), net=pl.col("cents").sum(),
        recent=pl.col("cents").filter(pl.col("order_date") > pl.col("s")).sum(),
        d=pl.col("d").first()).filter(pl.col("n") > 0))

    def score(column: str) -> Any:
        return 1 + 5 * (pl.col(column).rank("min") - 1) // pl.len()

    grid = pl.LazyFrame([(r, f, name) for r, row in enumerate(GRID, 1)
                         for f, name in enumerate(row, 1)],
                        schema={"r": pl.Int64, "f": pl.Int64, "segment": pl.String},
                        orient="row")
    g = b.with_columns(days=(pl.col("d") - pl.col("last")).dt.total_days(),
                       r=score("last").cast(pl.Int64), f=score("n").cast(pl.Int64),
                       m=score("net").cast(pl.Int64)).join(grid, on=["r", "f"])
    c = pl.scan_parquet(f"{root}/data/customers.parquet").select(
        "customer_id",
        contactable=((pl.col("email").fill_null("") != "")
                     | (pl.col("phone").fill_null("") != "")).cast(pl.Int64),
        consented=(pl.col("marketing_consent").str.strip_chars().str.to_lowercase() == "y"
                   ).cast(pl.Int64))
    segments = g.join(c, on="customer_id", how="left").group_by("segment").agg(
        customers=pl.len(), net=pl.col("net").sum(), recent=pl.col("recent").sum(),
        contactable=pl.col("contactable").sum(), consented=pl.col("consented").sum(),
        orders=pl.col("n").sum(), days=pl.col("days").sum(), r=pl.col("r").sum(),
        f=pl.col("f").sum(), m=pl.col("m").sum()).sort("segment")
    edges = [g.group_by(letter).agg(pl.len(), edge).sort(letter) for letter, edge in (
        ("r", pl.col("days").max()), ("f", pl.col("n").min()), ("m", pl.col("net").min()))]
    found = pl.collect_all([segments, *edges])  # one plan: the shared part runs once
    return _segments(found[0].rows(), [frame.rows() for frame in found[1:]])


def main() -> None:
    root, command, engine = sys.argv[1:4]
    if engine == "duckdb":
        found = by_duckdb(root, command)
    elif command == "baseline":
        found = by_polars_baseline(root)
    else:
        found = by_polars_segments(root)
    print(json.dumps(found, default=str, sort_keys=True))


if __name__ == "__main__":
    main()
