"""A small client folder whose figures are computed by hand in the tests (see each value).

As of 2024-12-31 with yearly periods: the period is 2024-01-01..2024-12-31,
the previous one 2023-01-01..2023-12-31.
"""

from __future__ import annotations

from pathlib import Path

PLAN = """\
schema_version: 1
client:
  name: Acme
  currency: USD
kpis:
  - id: repeat_purchase_rate
  - id: retention_rate
  - id: churn_rate
  - id: avg_order_value
  - id: new_customers_per_week
  - id: cltv
  - id: nps
segments:
  - id: best
    name: Best customers
    definition: Loyal or champions.
    rule: {rfm: [loyal, champions]}
  - id: lapsed
    name: Lapsed
    definition: Lost ones.
    rule: {rfm: [lost]}
data:
  min_customers: 1
  orders:
    file: data/orders.csv
    columns: {customer_id: Customer, order_date: Date, amount: Total, order_id: No, status: State}
  customers:
    file: data/customers.csv
    columns: {customer_id: Id, consent: OptIn, contact: [Email, Phone]}
"""

# (order id, customer, date, amount, status)
ORDERS = [
    ("A1", "CUST-SECRET-a", "2023-03-01", "100.00", ""),
    ("A2", "CUST-SECRET-a", "2024-02-01", "50.00", ""),
    ("A2", "CUST-SECRET-a", "2024-02-01", "50.00", ""),      # an exact duplicate row
    ("A3", "CUST-SECRET-a", "2024-02-01", "30.00", ""),      # a second order the same day
    ("B1", "CUST-SECRET-b", "2023-05-05", "40.00", ""),
    ("C1", "CUST-SECRET-c", "2024-06-01", "60.00", ""),
    ("C2", "CUST-SECRET-c", "2024-07-01", "-20.00", ""),     # a refund
    ("D1", "CUST-SECRET-d", "2024-12-31", "10.00", ""),      # on the as-of date
    ("E1", "CUST-SECRET-e", "2023-12-31", "25.00", ""),      # last day of the previous year
    ("E2", "CUST-SECRET-e", "2024-01-01", "35.00", ""),      # first day of this year
    ("F1", "CUST-SECRET-f", "2024-03-03", "99.00", "Cancelled"),
    ("G1", "CUST-SECRET-g", "2023-01-01", "5.00", ""),
]
CUSTOMERS = [
    ("CUST-SECRET-a", "secret-a@example.com", "", "yes"),
    ("CUST-SECRET-b", "", "010-5555-0101", "no"),
    ("CUST-SECRET-c", "", "", ""),
    ("CUST-SECRET-d", "secret-d@example.com", "", "YES"),
    ("CUST-SECRET-z", "secret-z@example.com", "", "yes"),
]
SECRETS = ["CUST-SECRET", "secret-a@", "secret-d@", "secret-z@", "010-5555"]


def csv_text(header: str, rows: list[tuple[str, ...]]) -> str:
    return header + "\n" + "".join(",".join(r) + "\n" for r in rows)


def write_client(root: Path, plan: str = PLAN, orders: str | None = None) -> Path:
    """The client folder: plan.yaml, data/orders.csv, data/customers.csv."""
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "plan.yaml").write_text(plan, encoding="utf-8")
    (root / "data" / "orders.csv").write_text(
        orders if orders is not None else csv_text("No,Customer,Date,Total,State", ORDERS),
        encoding="utf-8")
    (root / "data" / "customers.csv").write_text(
        csv_text("Id,Email,Phone,OptIn", CUSTOMERS), encoding="utf-8")
    return root
