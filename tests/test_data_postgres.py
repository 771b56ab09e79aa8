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


def test_a_missing_column_on_the_warehouse(tmp_path: Path, schema: str) -> None:
    assert URL is not None
    root = write_client(tmp_path, _plan(schema).replace("amount: Total", "amount: Totals"))
    result = CliRunner().invoke(app, ["baseline", "compute", str(root), "--engine", URL])
    assert result.exit_code == 1
    assert "no column 'Totals'" in result.output
