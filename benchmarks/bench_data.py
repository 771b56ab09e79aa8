"""Speed of ``baseline compute`` + ``segment compute`` on 10 million orders, against pandas.

    pip install pandas pyarrow          # for the comparison only
    python benchmarks/bench_data.py [--orders 10000000] [--customers 1000000]

Generates the exports as Parquet in a temporary folder (about 200 MB; check
``df -h`` first), writes a plan that reads them, runs both crmplan commands
as fresh processes (wall time and the child's peak resident memory), then a
straightforward pandas implementation of the same figures in a fresh
process, and prints the table recorded in docs/performance.md. The folder is
deleted afterwards.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate_orders import generate

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
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="crmplan-bench-"))
    try:
        start = time.perf_counter()
        generate(root / "data", args.customers, args.orders, "parquet", "en", "2023-01-01",
                 "2025-12-31", 3.0, 0.42)
        print(f"generated in {time.perf_counter() - start:.1f} s")
        (root / "plan.yaml").write_text(PLAN, encoding="utf-8")
        crmplan = shutil.which("crmplan") or "crmplan"
        rows = []
        for command in ("baseline", "segment"):
            wall, peak = timed([crmplan, command, "compute", "."], root)
            rows.append((f"crmplan {command} compute", wall, peak))
        wall, peak = timed([sys.executable, "-c", PANDAS, str(root)], root)
        rows.append(("pandas, the same figures", wall, peak))
        ours = rows[0][1] + rows[1][1]
        print("| run | wall | peak memory |\n|---|---|---|")
        for name, wall, peak in rows:
            print(f"| {name} | {wall:.2f} s | {peak} MB |")
        print(f"| crmplan, both commands | {ours:.2f} s | |")
        print(f"pandas / crmplan: {rows[2][1] / ours:.1f}x")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
