"""The same definitions on DuckDB and on a real PostgreSQL server give the same figures.

Set CRMPLAN_TEST_POSTGRES_URL (``.ci/run`` starts a server and sets it) to run
these tests; without it they are skipped.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.data_cases import CUSTOMERS, ORDERS, PLAN, write_client
from typer.testing import CliRunner

from crmplan.cli import app

URL = os.environ.get("CRMPLAN_TEST_POSTGRES_URL")
pytestmark = pytest.mark.skipif(
    not URL, reason="CRMPLAN_TEST_POSTGRES_URL is not set (no PostgreSQL server to test on)")


@pytest.fixture
def schema() -> Iterator[str]:
    """A fresh schema holding the test exports as typed tables (dates, numerics)."""
    import psycopg

    assert URL is not None
    name = f"crmplan_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(URL, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {name}")
        db.execute(f'CREATE TABLE {name}.orders ("No" text, "Customer" text, "Date" date, '
                   '"Total" numeric(12, 2), "State" text)')
        db.execute(f'CREATE TABLE {name}.customers ("Id" text, "Email" text, "Phone" text, '
                   '"OptIn" text)')
        with db.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {name}.orders VALUES (%s, %s, %s, %s, %s)",
                               [(o, c, d, a, s or None) for o, c, d, a, s in ORDERS])
            cursor.executemany(f"INSERT INTO {name}.customers VALUES (%s, %s, %s, %s)",
                               CUSTOMERS)
        try:
            yield name
        finally:
            db.execute(f"DROP SCHEMA {name} CASCADE")


def _plan(schema: str) -> str:
    return (PLAN.replace("    file: data/orders.csv\n",
                         f"    file: data/orders.csv\n    table: {schema}.orders\n")
            .replace("    file: data/customers.csv\n",
                     f"    file: data/customers.csv\n    table: {schema}.customers\n"))


def _json(root: Path, command: str, *extra: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, [command, "compute", str(root), "--format", "json",
                                      *extra])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for key in ("engine", "sources"):
        data.pop(key)
    return data  # type: ignore[no-any-return]


@pytest.mark.parametrize("command", ["baseline", "segment"])
def test_duckdb_and_postgresql_give_identical_figures(tmp_path: Path, schema: str,
                                                      command: str) -> None:
    assert URL is not None
    root = write_client(tmp_path, _plan(schema))
    embedded = _json(root, command)
    warehouse = _json(root, command, "--engine", URL)
    # row examples exist on the embedded engine only (a warehouse table has no rows to cite)
    assert embedded == warehouse
    assert embedded.get("figures") or embedded.get("rfm")


def test_a_percent_sign_in_the_plan_reaches_the_warehouse_as_written(
        tmp_path: Path, schema: str) -> None:
    """The driver never reads a % of the SQL as a placeholder (a cancelled value here)."""
    assert URL is not None
    plan = _plan(schema).replace("    columns: {customer_id: Customer,",
                                 '    cancelled_values: [cancelled, "void 100%"]\n'
                                 "    columns: {customer_id: Customer,")
    root = write_client(tmp_path, plan)
    assert _json(root, "baseline") == _json(root, "baseline", "--engine", URL)


def test_a_missing_column_on_the_warehouse(tmp_path: Path, schema: str) -> None:
    assert URL is not None
    root = write_client(tmp_path, _plan(schema).replace("amount: Total", "amount: Totals"))
    result = CliRunner().invoke(app, ["baseline", "compute", str(root), "--engine", URL])
    assert result.exit_code == 1
    assert "no column 'Totals'" in result.output


def _line(plan: str, text: str) -> int:
    return plan.splitlines().index(text) + 1


def test_a_misspelled_table_is_a_problem_of_the_plan(tmp_path: Path, schema: str) -> None:
    assert URL is not None
    plan = _plan(schema).replace(f"table: {schema}.orders", f"table: {schema}.order")
    root = write_client(tmp_path, plan)
    result = CliRunner().invoke(app, ["baseline", "compute", str(root), "--engine", URL])
    assert result.exit_code == 1, result.output
    assert f"plan.yaml:{_line(plan, f'    table: {schema}.order')}:5: error:" in result.output
    assert f"cannot read table '{schema}.order'" in result.output
    assert "does not exist" in result.output
    assert "check the table name" in result.output


@pytest.fixture
def text_dates(schema: str) -> str:
    """The orders again, with dates written as text the German way (15.06.2024)."""
    import psycopg

    assert URL is not None
    with psycopg.connect(URL, autocommit=True) as db:
        db.execute(f'CREATE TABLE {schema}.orders_text AS SELECT "No", "Customer", '
                   f'to_char("Date", \'DD.MM.YYYY\') AS "Date", "Total", "State" '
                   f"FROM {schema}.orders")
    return f"{schema}.orders_text"


@pytest.mark.parametrize("command", ["baseline", "segment"])
def test_a_date_column_held_as_text_names_the_column(tmp_path: Path, schema: str,
                                                     text_dates: str, command: str) -> None:
    assert URL is not None
    plan = _plan(schema).replace(f"table: {schema}.orders", f"table: {text_dates}")
    root = write_client(tmp_path, plan)
    result = CliRunner().invoke(app, [command, "compute", str(root), "--engine", URL])
    assert result.exit_code == 1, result.output
    columns = plan.splitlines().index("    columns: {customer_id: Customer, order_date: Date, "
                                      "amount: Total, order_id: No, status: State}") + 1
    assert f"plan.yaml:{columns}:" in result.output
    assert f"table {text_dates}: column 'Date' for order_date" in result.output
    assert "the warehouse column must be a date, or convert it" in result.output
    assert "2024" not in result.output  # the values are shown by their shape only


def test_an_amount_mapped_to_a_date_column(tmp_path: Path, schema: str) -> None:
    assert URL is not None
    plan = _plan(schema).replace("amount: Total", "amount: Date")
    root = write_client(tmp_path, plan)
    result = CliRunner().invoke(app, ["baseline", "compute", str(root), "--engine", URL])
    assert result.exit_code == 1, result.output
    assert f"table {schema}.orders: column 'Date' for amount" in result.output
    assert "must be a number" in result.output


def test_a_database_that_does_not_exist(tmp_path: Path, schema: str) -> None:
    assert URL is not None
    root = write_client(tmp_path, _plan(schema))
    url = URL.rsplit("/", 1)[0] + "/no_such_database"
    result = CliRunner().invoke(app, ["baseline", "compute", str(root), "--engine", url])
    assert result.exit_code == 2, result.output
    assert "cannot connect to the warehouse at" in result.output
