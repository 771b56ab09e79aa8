"""Speed of ``baseline compute`` + ``segment compute`` on 10 million orders, against pandas.

    pip install pandas pyarrow          # for the comparison only
    python benchmarks/bench_data.py [--orders 10000000] [--customers 1000000] [--runs 3]

Generates the exports as Parquet in a temporary folder (about 170 MB; check
``df -h`` first) in a separate process, writes a plan that reads them, then
runs, ``--runs`` times in turn, both crmplan commands and a straightforward
pandas implementation of the same figures, each as a fresh process (wall
time and the child's peak resident memory), and prints the table recorded in
docs/performance.md: every run and the median. The folder is deleted
afterwards.

The generator runs in its own process: a child started by a process that
holds DuckDB's tables reports the parent's pages in its own peak memory.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GENERATOR = Path(__file__).parent / "generate_orders.py"

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


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and this child's own peak resident memory in MB."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{command[0]} failed with exit code {child.returncode}")
    return wall, usage.ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000_000)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="crmplan-bench-"))
    try:
        start = time.perf_counter()
        subprocess.run([sys.executable, str(GENERATOR), str(root / "data"), "--customers",
                        str(args.customers), "--orders", str(args.orders), "--format", "parquet",
                        "--start", "2023-01-01", "--end", "2025-12-31", "--scale", "3.0",
                        "--seed", "0.42"], check=True, stderr=subprocess.DEVNULL)
        print(f"generated in {time.perf_counter() - start:.1f} s")
        (root / "plan.yaml").write_text(PLAN, encoding="utf-8")
        crmplan = shutil.which("crmplan") or "crmplan"
        commands = {
            "crmplan baseline compute": [crmplan, "baseline", "compute", "."],
            "crmplan segment compute": [crmplan, "segment", "compute", "."],
            "pandas, the same figures": [sys.executable, "-c", PANDAS, str(root)],
        }
        runs: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
        for _run in range(args.runs):  # in turn, so that each sees the same machine
            for name, command in commands.items():
                runs[name].append(timed(command, root))
        _report(runs)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _report(runs: dict[str, list[tuple[float, int]]]) -> None:
    count = len(next(iter(runs.values())))
    print("| run | " + " | ".join(f"run {i + 1}" for i in range(count)) + " | median | peak |")
    print("|---|" + "---|" * (count + 2))
    names = list(runs)
    both = [a[0] + b[0] for a, b in zip(runs[names[0]], runs[names[1]], strict=True)]
    rows = [(name, [w for w, _m in found], max(m for _w, m in found))
            for name, found in runs.items()]
    rows.insert(2, ("crmplan, both commands", both, max(rows[0][2], rows[1][2])))
    for name, walls, peak in rows:
        cells = " | ".join(f"{w:.2f} s" for w in walls)
        print(f"| {name} | {cells} | {statistics.median(walls):.2f} s | {peak:,} MB |")
    pandas = [w for w, _m in runs[names[2]]]
    ratios = " | ".join(f"{p / b:.1f}x" for p, b in zip(pandas, both, strict=True))
    print(f"| pandas / crmplan | {ratios} | "
          f"{statistics.median(pandas) / statistics.median(both):.1f}x | |")


if __name__ == "__main__":
    main()
