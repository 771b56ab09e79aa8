"""Choosing the engine: a DuckDB database file, and what a wrong ``--engine`` or
``--memory-limit`` tells the user (exit 2, how to write it)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.data_cases import PLAN, csv_text, write_client
from typer.testing import CliRunner

from crmplan.cli import app

duckdb = pytest.importorskip("duckdb")

TYPED = {"orders": 'CAST("Date" AS DATE) AS "Date", CAST("Total" AS DECIMAL(12, 2)) AS "Total"',
         "customers": ""}


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def table_plan(orders: str = "sales.orders", customers: str = "sales.customers") -> str:
    """The test plan with both a file and a table for each export."""
    return (PLAN.replace("    file: data/orders.csv\n",
                         f"    file: data/orders.csv\n    table: {orders}\n")
            .replace("    file: data/customers.csv\n",
                     f"    file: data/customers.csv\n    table: {customers}\n"))


def warehouse(root: Path, typed: bool = True) -> Path:
    """A DuckDB database holding the client's two exports as ``sales.orders`` and
    ``sales.customers`` (dates and amounts typed, or every column as text)."""
    path = root / "warehouse.duckdb"
    with duckdb.connect(str(path)) as db:
        db.execute("CREATE SCHEMA sales")
        for name in ("orders", "customers"):
            csv = str(root / "data" / f"{name}.csv").replace("'", "''")
            columns = f"* REPLACE ({TYPED[name]})" if typed and TYPED[name] else "*"
            db.execute(f"CREATE TABLE sales.{name} AS SELECT {columns} FROM "
                       f"read_csv('{csv}', all_varchar = true)")
    return path


def compute(command: str, root: Path, *extra: str) -> dict[str, Any]:
    result = run(command, "compute", str(root), "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


@pytest.mark.parametrize("typed", [True, False], ids=["typed", "text"])
@pytest.mark.parametrize("command", ["baseline", "segment"])
def test_tables_of_a_duckdb_database_give_the_figures_of_the_files(
        tmp_path: Path, command: str, typed: bool) -> None:
    root = write_client(tmp_path, table_plan())
    database = warehouse(root, typed)
    from_files = compute(command, root)
    from_tables = compute(command, root, "--engine", f"duckdb:///{database}")
    assert [s["name"] for s in from_tables["sources"]] == ["sales.orders", "sales.customers"]
    assert [s["rows"] for s in from_tables["sources"]] == [s["rows"] for s in
                                                           from_files["sources"]]
    for data in (from_files, from_tables):
        data.pop("sources")
    assert from_files == from_tables
    assert from_tables.get("figures") or from_tables.get("rfm")


def test_unreadable_values_of_a_table_are_counted_without_row_numbers(tmp_path: Path) -> None:
    orders = csv_text("No,Customer,Date,Total,State", [
        ("1", "x", "31.07.2024", "10", ""), ("2", "x", "2024-07-31", "ten", ""),
        ("3", "x", "2024-07-31", "5", "")])
    root = write_client(tmp_path, table_plan(), orders=orders)
    database = warehouse(root, typed=False)
    from_files = compute("baseline", root)
    from_tables = compute("baseline", root, "--engine", f"duckdb:///{database}")
    counts = [{p["rule"]: p["count"] for p in data["problems"]}
              for data in (from_files, from_tables)]
    assert counts[0] == counts[1] and counts[0]["bad_date"] == counts[0]["bad_amount"] == 1
    # a table's rows have no numbers to cite: examples come from export files only
    assert [p["examples"] for p in from_tables["problems"]] == [[]] * len(counts[1])
    assert any(p["examples"] for p in from_files["problems"])


def test_an_empty_table_is_a_data_problem_at_its_source(tmp_path: Path) -> None:
    root = write_client(tmp_path, table_plan())
    database = warehouse(root)
    with duckdb.connect(str(database)) as db:
        db.execute("DELETE FROM sales.orders")
    result = run("baseline", "compute", str(root), "--engine", f"duckdb:///{database}")
    assert result.exit_code == 1
    line = PLAN.splitlines().index("  orders:") + 1
    assert f"plan.yaml:{line}:3: error: data.orders: table sales.orders has no rows" in \
        result.output


def test_a_relative_database_path_is_read_from_the_working_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_client(tmp_path, table_plan())
    warehouse(root)
    monkeypatch.chdir(root)
    result = run("baseline", "compute", str(root), "--engine", "duckdb:///warehouse.duckdb")
    assert result.exit_code == 0, result.output
    assert "table sales.orders" in result.output
    assert "engine: duckdb (warehouse.duckdb)" in result.output


def test_an_absolute_path_with_three_slashes_is_told_to_take_four(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_client(tmp_path, table_plan())
    database = warehouse(root)
    monkeypatch.chdir(tmp_path)
    url = "duckdb:///" + str(database).lstrip("/")
    result = run("baseline", "compute", str(root), "--engine", url)
    assert result.exit_code == 2, result.output
    assert "no DuckDB database" in result.output
    assert "duckdb:////" + str(database).lstrip("/") in result.output


def test_a_missing_database_is_an_error_and_is_not_created(tmp_path: Path) -> None:
    root = write_client(tmp_path, table_plan())
    missing = tmp_path / "nothing.duckdb"
    result = run("baseline", "compute", str(root), "--engine", f"duckdb:///{missing}")
    assert result.exit_code == 2, result.output
    assert f"no DuckDB database at {missing}" in result.output
    assert not missing.exists()
    folder = run("baseline", "compute", str(root), "--engine", f"duckdb:///{tmp_path}")
    assert folder.exit_code == 2 and "a folder" in folder.output


def test_a_file_that_is_not_a_duckdb_database(tmp_path: Path) -> None:
    root = write_client(tmp_path, table_plan())
    result = run("baseline", "compute", str(root), "--engine",
                 f"duckdb:///{root / 'data' / 'orders.csv'}")
    assert result.exit_code == 2, result.output
    assert "cannot open the DuckDB database" in result.output


def test_a_misspelled_table_in_a_duckdb_database(tmp_path: Path) -> None:
    plan = table_plan(orders="sales.order")
    root = write_client(tmp_path, plan)
    database = warehouse(root)
    result = run("baseline", "compute", str(root), "--engine", f"duckdb:///{database}")
    assert result.exit_code == 1, result.output
    line = plan.splitlines().index("    table: sales.order") + 1
    assert f"plan.yaml:{line}:5: error:" in result.output
    assert "cannot read table 'sales.order'" in result.output
    assert "check the table name" in result.output


def test_a_refused_query_without_a_column_to_blame_names_the_tables(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from crmplan.data import kpis
    from crmplan.data.engine import QueryError

    def refuse(*args: object) -> None:
        raise QueryError("numeric field overflow")

    monkeypatch.setattr(kpis, "lifetime_counts", refuse)
    plan = table_plan()
    root = write_client(tmp_path, plan)
    database = warehouse(root)
    result = run("baseline", "compute", str(root), "--engine", f"duckdb:///{database}")
    assert result.exit_code == 1, result.output
    line = plan.splitlines().index("    table: sales.orders") + 1
    assert f"plan.yaml:{line}:5: error:" in result.output
    assert "table sales.orders, table sales.customers: numeric field overflow" in result.output


def test_sources_without_a_table_are_read_from_their_files_and_the_header_says_so(
        tmp_path: Path) -> None:
    root = write_client(tmp_path)
    database = warehouse(root)
    result = run("baseline", "compute", str(root), "--engine", f"duckdb:///{database}")
    assert result.exit_code == 0, result.output
    assert "source: data/orders.csv sha256:" in result.output
    assert "engine: duckdb (files: no source names a table of warehouse.duckdb)" in \
        result.output


@pytest.mark.parametrize("installed", [True, False], ids=["sqlalchemy", "no-sqlalchemy"])
@pytest.mark.parametrize("url", ["foo", "", "warehouse.duckdb", "postgresql:/db",
                                 "analyst:hunter2@db.internal/crm"])
def test_what_is_not_a_connection_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      url: str, installed: bool) -> None:
    if not installed:  # crmplan[data] without the warehouse extra
        monkeypatch.setitem(sys.modules, "sqlalchemy", None)
    root = write_client(tmp_path)
    result = run("baseline", "compute", str(root), "--engine", url)
    assert result.exit_code == 2, result.output
    assert "is not a connection URL" in result.output
    assert "postgresql://user@host/db" in result.output
    assert "extra" not in result.output and "hunter2" not in result.output


@pytest.mark.parametrize("limit", ["lots", "100000", "1.5 parsecs", "-1GB", "", "150%", "0%",
                                   "0GB"])
def test_a_memory_limit_that_is_not_a_size(tmp_path: Path, limit: str) -> None:
    root = write_client(tmp_path)
    result = run("segment", "compute", str(root), "--memory-limit", limit)
    assert result.exit_code == 2, result.output
    assert "--memory-limit" in result.output
    assert "1GB" in result.output and "512MB" in result.output
    assert "Parser Error" not in result.output


@pytest.mark.parametrize("limit", ["512MB", "2 GB", "1.5GiB", "80%"])
def test_memory_limits_that_are_sizes(tmp_path: Path, limit: str) -> None:
    root = write_client(tmp_path)
    assert run("segment", "compute", str(root), "--memory-limit", limit).exit_code == 0


def test_too_little_memory_is_a_usage_error(tmp_path: Path) -> None:
    root = write_client(tmp_path)
    result = run("segment", "compute", str(root), "--memory-limit", "1KB")
    assert result.exit_code == 2, result.output
    assert "--memory-limit" in result.output


@pytest.mark.parametrize(("url", "package"), [
    ("mysql://analyst:hunter2@db.internal/crm", "pip install mysqlclient"),
    ("mssql+pyodbc://analyst:hunter2@dsn", "pip install pyodbc"),
    ("bigquery://my-project/sales", "pip install sqlalchemy-bigquery"),
    ("snowflake://analyst:hunter2@acme/CRM", "pip install snowflake-sqlalchemy"),
])
def test_a_dialect_whose_driver_is_missing_names_the_package(
        tmp_path: Path, url: str, package: str) -> None:
    pytest.importorskip("sqlalchemy")
    root = write_client(tmp_path)
    result = run("baseline", "compute", str(root), "--engine", url)
    assert result.exit_code == 2, result.output
    assert package in result.output
    assert "hunter2" not in result.output


def test_a_database_crmplan_does_not_know(tmp_path: Path) -> None:
    pytest.importorskip("sqlalchemy")
    root = write_client(tmp_path)
    result = run("baseline", "compute", str(root), "--engine", "nosuchdb://host/db")
    assert result.exit_code == 2, result.output
    assert "'nosuchdb'" in result.output and "postgresql" in result.output
    result = run("baseline", "compute", str(root), "--engine", "postgresql+nosuch://host/db")
    assert result.exit_code == 2, result.output
    assert "no driver 'nosuch' for postgresql" in result.output


def test_a_refused_connection_names_the_host_never_the_password(tmp_path: Path) -> None:
    pytest.importorskip("sqlalchemy")
    pytest.importorskip("psycopg")
    root = write_client(tmp_path, table_plan())
    result = run("baseline", "compute", str(root), "--engine",
                 "postgresql://analyst:hunter2@127.0.0.1:1/crm")
    assert result.exit_code == 2, result.output
    assert "cannot connect to the warehouse at 127.0.0.1:1" in result.output
    assert "hunter2" not in result.output


@pytest.mark.parametrize("kind", ["fifo", "device"])
@pytest.mark.slow
def test_a_database_that_is_not_a_regular_file_is_refused_unopened(
        tmp_path: Path, kind: str) -> None:
    import os
    import subprocess

    root = write_client(tmp_path, table_plan())
    if kind == "fifo":
        target = tmp_path / "warehouse.duckdb"
        os.mkfifo(target)
    else:
        target = Path("/dev/null")
    # in a process of its own: opening a FIFO would wait for a writer for ever
    done = subprocess.run([sys.executable, "-m", "crmplan", "segment", "compute", str(root),
                           "--engine", f"duckdb:///{target}"], capture_output=True, text=True,
                          timeout=20)
    assert done.returncode == 2, done.stderr
    assert f"{target} is not a regular file, so not a DuckDB database" in done.stderr


class _Interrupting:
    """A DuckDB connection whose close() is interrupted by Ctrl-C."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def execute(self, sql: str) -> Any:
        return self.connection.execute(sql)

    def close(self) -> None:
        self.connection.close()
        raise KeyboardInterrupt


def _interrupt_after(call: Any) -> Any:
    def interrupted(*args: Any, **kwargs: Any) -> Any:
        call(*args, **kwargs)
        raise KeyboardInterrupt
    return interrupted


@pytest.mark.parametrize("moment", ["making the folder", "connecting", "closing",
                                    "removing the folder"])
def test_ctrl_c_at_any_moment_leaves_no_temporary_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, moment: str) -> None:
    import os
    import shutil
    import tempfile

    from crmplan.data import engine

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    connect = duckdb.connect
    if moment == "making the folder":
        monkeypatch.setattr(os, "mkdir", _interrupt_after(os.mkdir))
    elif moment == "connecting":
        monkeypatch.setattr(duckdb, "connect", _interrupt_after(connect))
    elif moment == "closing":
        monkeypatch.setattr(duckdb, "connect", lambda *a, **k: _Interrupting(connect(*a, **k)))
    else:
        rmtree = shutil.rmtree
        calls: list[str] = []

        def interrupted_once(path: str, **kwargs: Any) -> None:
            calls.append(path)
            if len(calls) == 1:  # Ctrl-C before anything is removed
                raise KeyboardInterrupt
            rmtree(path, **kwargs)
        monkeypatch.setattr(shutil, "rmtree", interrupted_once)
    with pytest.raises(KeyboardInterrupt), engine.connect(None) as found:
        assert isinstance(found, engine.DuckDBEngine)
        assert Path(found.temp_dir).is_dir()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_ctrl_c_during_segment_compute_leaves_no_temporary_folder(tmp_path: Path) -> None:
    import os
    import shutil
    import signal
    import subprocess
    import time

    example = Path(__file__).parents[1] / "examples" / "online-retailer-en"
    shutil.copytree(example, tmp_path / "acme")
    temp = tmp_path / "temp"
    temp.mkdir()
    command = [sys.executable, "-m", "crmplan", "segment", "compute", str(tmp_path / "acme")]
    env = dict(os.environ, TMPDIR=str(temp))
    start = time.monotonic()
    subprocess.run(command, env=env, capture_output=True, check=True)
    took = time.monotonic() - start
    for step in range(12):  # Ctrl-C across the run, from start-up to the end
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
        time.sleep(took * (0.35 + 0.06 * step))
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
        assert process.returncode in (0, 130), err
        assert list(temp.iterdir()) == [], (step, err)
