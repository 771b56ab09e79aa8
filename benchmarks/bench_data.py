"""Speed of ``baseline compute`` + ``segment compute`` on 10 million orders, against the
same figures written by hand (DuckDB SQL, a Polars lazy query) and against pandas.

    pip install pandas pyarrow polars   # for the comparisons only
    python benchmarks/bench_data.py [--orders 10000000] [--customers 1000000] [--runs 3]

Generates the exports as Parquet in a temporary folder (about 170 MB for 10
million orders; check ``df -h`` first) in a separate process, writes a plan
that reads them, then runs, ``--runs`` times in turn: both crmplan commands
(``--format json``), each command's figures written by hand as plain DuckDB
SQL and as one Polars lazy query (``data_by_hand.py``: crmplan's definitions
without its checks), and a straightforward pandas implementation, each as a
fresh process (wall time and the child's peak resident memory). It checks
that the hand-written figures are crmplan's, to the cent, and prints the
table recorded in docs/performance.md: every run, the median, crmplan's cost
over the faster hand-written query, and pandas over crmplan. The folder is
deleted afterwards.

The generator runs in its own process: a child started by a process that
holds DuckDB's tables reports the parent's pages in its own peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

GENERATOR = Path(__file__).parent / "generate_orders.py"
BY_HAND = Path(__file__).parent / "data_by_hand.py"

PLAN = """\
schema_version: 1
client: {name: Benchmark, currency: USD}
kpis:
  - id: retention_rate
  - id: churn_rate
  - id: repeat_purchase_rate
  - id: avg_order_value
  - id: cltv
  - id: new_customers_per_week
data:
  orders:
    file: data/orders.parquet
    columns: {customer_id: customer_id, order_date: order_date, amount: amount,
              order_id: order_id, status: status}
  customers:
    file: data/customers.parquet
    columns: {customer_id: customer_id, consent: marketing_consent, contact: [email, phone]}
    consent_values: ["Y"]
"""

# The same figures as crmplan's definitions, written as one would in a notebook.
PANDAS = """
import sys, pandas as pd
root = sys.argv[1]
o = pd.read_parquet(root + "/data/orders.parquet")
c = pd.read_parquet(root + "/data/customers.parquet")
o = o[o["status"].str.lower() != "cancelled"]
o = o.drop_duplicates(["order_id", "customer_id", "order_date", "amount"])
o["order_date"] = pd.to_datetime(o["order_date"])
a = o["order_date"].max()
s, p, y = a - pd.DateOffset(years=1), a - pd.DateOffset(years=2), a - pd.DateOffset(years=1)
orders, refunds = o[o["amount"] >= 0], o[o["amount"] < 0]
cur = orders[orders["order_date"] > s]
prev = orders[(orders["order_date"] > p) & (orders["order_date"] <= s)]
n_cur = cur.groupby("customer_id").size()
active, repeat = len(n_cur), int((n_cur > 1).sum())
prev_ids = set(prev["customer_id"].unique())
retained = len(prev_ids & set(n_cur.index))
first = orders.groupby("customer_id")["order_date"].min()
new = int((first > s).sum())
aov = cur["amount"].sum() / len(cur)
net = o.groupby("customer_id")["amount"].sum()
cltv = net[net.index.isin(first.index)].mean()
ref = refunds[refunds["order_date"] > s]["amount"].sum()
per = pd.DataFrame({"last": orders.groupby("customer_id")["order_date"].max(),
                    "n": orders.groupby("customer_id").size(), "m": net})
per = per.dropna(subset=["last"])
per["recent"] = o[o["order_date"] > y].groupby("customer_id")["amount"].sum()
per["recent"] = per["recent"].fillna(0)
count = len(per)
for col in ("last", "n", "m"):
    per[col + "_s"] = 1 + (5 * (per[col].rank(method="min") - 1)) // count
grid = {(1, 1): "lost"}
per["segment"] = [grid.get((r, f), "other") for r, f in zip(per["last_s"], per["n_s"])]
c["contactable"] = (c["email"].fillna("") != "") | (c["phone"].fillna("") != "")
c["consent"] = c["marketing_consent"] == "Y"
j = per.join(c.set_index("customer_id")[["contactable", "consent"]], how="left")
out = j.groupby("segment").agg(size=("n", "size"), revenue=("recent", "sum"),
                                value=("m", "mean"), reach=("contactable", "mean"),
                                consent=("consent", "mean"))
print(active, repeat, retained, new, round(aov, 2), round(cltv, 2), ref, len(out))
"""


COMMANDS = ("baseline", "segment")
BY_HAND_ENGINES = {"duckdb": "DuckDB SQL by hand", "polars": "Polars lazy query by hand"}


@dataclass(frozen=True)
class Run:
    """One fresh process: wall seconds, CPU seconds (user + system, every thread), peak MB."""

    wall: float
    cpu: float
    peak: int

    def __add__(self, other: Run) -> Run:
        return Run(self.wall + other.wall, self.cpu + other.cpu, max(self.peak, other.peak))


Runs = dict[str, list[Run]]


def timed(command: list[str], cwd: Path, out: Path) -> Run:
    """This child's wall and CPU time and its own peak resident memory; its output to
    ``out``."""
    with out.open("wb") as handle:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=handle)
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{command[0]} failed with exit code {child.returncode}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024)


def _commands(root: Path) -> dict[str, list[str]]:
    """Every timed command by its row name: crmplan's, then by hand, then pandas."""
    crmplan = shutil.which("crmplan") or "crmplan"
    found = {f"crmplan {c} compute": [crmplan, c, "compute", ".", "--format", "json"]
             for c in COMMANDS}
    for engine, label in BY_HAND_ENGINES.items():
        found.update({f"{label}, {c}": [sys.executable, str(BY_HAND), str(root), c, engine]
                      for c in COMMANDS})
    found["pandas, the same figures"] = [sys.executable, "-c", PANDAS, str(root)]
    return found


def _machine() -> str:
    from importlib.metadata import version

    load = " / ".join(f"{v:.2f}" for v in os.getloadavg())
    found = []
    for name in ("duckdb", "polars", "pandas"):
        try:
            found.append(f"{name} {version(name)}")
        except Exception:  # a comparison library that is not installed
            found.append(f"{name} missing")
    return (f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
            f"{', '.join(found)}; load average (1/5/15 min) {load}")


def _compile_crmplan() -> None:
    """crmplan's modules compiled to bytecode, as pip install does for a wheel (an editable
    install under PYTHONDONTWRITEBYTECODE would compile them in every run)."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("crmplan")
    if spec is not None and spec.origin is not None:
        compileall.compile_dir(str(Path(spec.origin).parent), quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000_000)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    _compile_crmplan()
    root = Path(tempfile.mkdtemp(prefix="crmplan-bench-"))
    try:
        start = time.perf_counter()
        subprocess.run([sys.executable, str(GENERATOR), str(root / "data"), "--customers",
                        str(args.customers), "--orders", str(args.orders), "--format", "parquet",
                        "--start", "2023-01-01", "--end", "2025-12-31", "--scale", "3.0",
                        "--seed", "0.42"], check=True, stderr=subprocess.DEVNULL)
        print(f"{args.orders:,} orders, {args.customers:,} customers, generated in "
              f"{time.perf_counter() - start:.1f} s")
        print(f"before: {_machine()}")
        (root / "plan.yaml").write_text(PLAN, encoding="utf-8")
        commands = _commands(root)
        runs: Runs = {name: [] for name in commands}
        for run in range(args.runs):  # in turn, so that each sees the same machine
            for index, (name, command) in enumerate(commands.items()):
                runs[name].append(timed(command, root, root / f"out-{index}-{run}.json"))
        print(f"after: {_machine()}")
        print(_check(root, list(commands)))
        _report(runs)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _check(root: Path, names: list[str]) -> str:
    """That the figures written by hand are crmplan's (from the first run of each)."""
    def read(name: str) -> dict[str, object]:
        return json.loads((root / f"out-{names.index(name)}-0.json").read_text("utf-8"))

    crmplan = {"baseline": _baseline(read("crmplan baseline compute")),
               "segment": _segments(read("crmplan segment compute"))}
    for label in BY_HAND_ENGINES.values():
        for command in COMMANDS:
            hand = read(f"{label}, {command}")
            found = _hand_baseline(hand) if command == "baseline" else _hand_segments(hand)
            if found != crmplan[command]:
                wrong = sorted(k for k in set(found) | set(crmplan[command])
                               if found.get(k) != crmplan[command].get(k))
                raise SystemExit(f"{label}, {command}: not crmplan's figures: {wrong[:10]}")
    return "figures: crmplan's, DuckDB SQL's and Polars' are the same, to the cent"


def _cents(value: object) -> int:
    return round(float(value) * 100)  # type: ignore[arg-type]


def _baseline(found: dict[str, object]) -> dict[str, object]:
    """The counts behind crmplan's figures: money in cents."""
    by = {f["measure"]: f for f in found["figures"]}  # type: ignore[attr-defined]
    return {"retained": by["retention_rate"]["numerator"],
            "previous": by["retention_rate"]["denominator"],
            "repeat": by["repeat_purchase_rate"]["numerator"],
            "active": by["repeat_purchase_rate"]["denominator"],
            "net_revenue": _cents(by["avg_order_value"]["numerator"]),
            "orders": by["avg_order_value"]["denominator"],
            "lifetime_net": _cents(by["cltv"]["numerator"]),
            "customers": by["cltv"]["denominator"],
            "new": by["new_customers_per_week"]["numerator"]}


def _hand_baseline(found: dict[str, object]) -> dict[str, object]:
    return {k: (v if k.endswith("net") or k == "net_revenue" else float(v))  # type: ignore[arg-type]
            for k, v in found.items()}


def _segments(found: dict[str, object]) -> dict[str, object]:
    """crmplan's segment figures, as written in its JSON."""
    flat: dict[str, object] = {}
    for row in found["rfm"]:  # type: ignore[attr-defined]
        if row["customers"]:
            key = row["segment"]
            flat |= {f"{key} {k}": row[k] for k in _SEGMENT}
            flat[f"{key} annual_revenue"] = _cents(row["annual_revenue"])
    for letter, rows in found["scores"].items():  # type: ignore[attr-defined]
        for row in rows:
            edge = _cents(row["from"]) if letter == "m" else int(row["from"])
            flat[f"{letter}{row['score']}"] = (row["customers"], edge)
    return flat


_SEGMENT = ("customers", "value_per_customer", "contactable_pct", "consented_pct",
            "mean_orders", "mean_recency_days", "mean_r", "mean_f", "mean_m")


def _hand_segments(found: dict[str, object]) -> dict[str, object]:
    """The hand-written sums as crmplan writes them: means and shares to four decimals."""
    from decimal import ROUND_HALF_UP, Decimal

    def four(value: object, size: int, scale: int = 1) -> float:
        ratio = Decimal(value) * scale / size  # type: ignore[arg-type]
        return float(ratio.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))

    flat: dict[str, object] = {}
    for key, s in found["segments"].items():  # type: ignore[attr-defined]
        n = s["customers"]
        values = (n, four(s["net"], n * 100), four(s["contactable"], n, 100),
                  four(s["consented"], n, 100), four(s["orders"], n), four(s["days"], n),
                  four(s["r"], n), four(s["f"], n), four(s["m"], n))
        flat |= {f"{key} {k}": v for k, v in zip(_SEGMENT, values, strict=True)}
        flat[f"{key} annual_revenue"] = s["recent"]
    for letter, rows in found["scores"].items():  # type: ignore[attr-defined]
        for score, customers, edge in rows:
            flat[f"{letter}{score}"] = (customers, edge)
    return flat


def _median(found: list[Run], what: str) -> float:
    return statistics.median(getattr(r, what) for r in found)


def _report(runs: Runs) -> None:
    """Every run's wall time, the medians of wall and CPU time, the peak memory; then the
    ratios."""
    count = len(next(iter(runs.values())))
    print("| run | " + " | ".join(f"run {i + 1}" for i in range(count))
          + " | median | CPU (median) | peak |")
    print("|---|" + "---|" * (count + 3))
    rows: Runs = {}
    for label in ("crmplan", *BY_HAND_ENGINES.values()):
        names = ([f"crmplan {c} compute" for c in COMMANDS] if label == "crmplan"
                 else [f"{label}, {c}" for c in COMMANDS])
        rows |= {name: runs[name] for name in names}
        both = "crmplan, both commands" if label == "crmplan" else f"{label}, both"
        rows[both] = [a + b for a, b in zip(*(runs[n] for n in names), strict=True)]
    pandas = "pandas, the same figures"
    rows[pandas] = runs[pandas]
    for name, found in rows.items():
        cells = " | ".join(f"{r.wall:.2f} s" for r in found)
        print(f"| {name} | {cells} | {_median(found, 'wall'):.2f} s | "
              f"{_median(found, 'cpu'):.2f} s | {max(r.peak for r in found):,} MB |")
    _ratios(rows)


def _ratio_row(name: str, over: list[Run], under: list[Run]) -> None:
    ratios = " | ".join(f"{a.wall / b.wall:.2f}x" for a, b in zip(over, under, strict=True))
    print(f"| {name} | {ratios} | {_median(over, 'wall') / _median(under, 'wall'):.2f}x | "
          f"{_median(over, 'cpu') / _median(under, 'cpu'):.2f}x | |")


def _ratios(rows: Runs) -> None:
    """crmplan over the faster hand-written query (by median wall time) of each command and
    of both; pandas over crmplan."""
    for command in (*COMMANDS, "both"):
        mine = f"crmplan {command} compute" if command != "both" else "crmplan, both commands"
        hand = min((f"{label}, {command}" for label in BY_HAND_ENGINES.values()),
                   key=lambda name: _median(rows[name], "wall"))
        _ratio_row(f"crmplan / {hand}", rows[mine], rows[hand])
    _ratio_row("pandas / crmplan, both commands", rows["pandas, the same figures"],
               rows["crmplan, both commands"])


if __name__ == "__main__":
    main()
