"""The same definitions on DuckDB and on Apache Spark give the same figures.

Spark runs in local mode, started by crmplan itself (``crmplan.data.spark.start``, the
way ``--engine spark:local`` starts it) once for the module; the test exports become
global temporary views (``global_temp.orders``), typed as a warehouse holds them, which
every Spark session of the process can read. These tests need PySpark (``pip install
'crmplan[spark]'``) and Java; without either they are skipped on a developer's machine,
and fail where ``CRMPLAN_TEST_SPARK=required`` says they must run (``.ci/run`` sets it).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from tests.data_cases import CUSTOMERS, ORDERS, PLAN, SECRETS, write_client
from typer.testing import CliRunner

from crmplan.cli import app
from crmplan.data import spark


def _missing() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return "PySpark is not installed (pip install 'crmplan[spark]')"
    if spark.java() is None:
        return "Java is not installed (Spark needs a Java runtime)"
    return None


MISSING = _missing()
REQUIRED = os.environ.get("CRMPLAN_TEST_SPARK") == "required"
needs_spark = pytest.mark.skipif(MISSING is not None and not REQUIRED,
                                 reason=f"{MISSING}; CI runs these tests (.ci/run installs both)")
ENGINE = "spark:local"


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Spark on this computer, holding the test exports as typed global temporary views."""
    if MISSING is not None:
        pytest.fail(f"CRMPLAN_TEST_SPARK=required, but {MISSING}")
    from pyspark.sql import SparkSession

    # a shuffle of a dozen rows needs no more partitions than cores (Spark's default: 200)
    context = spark.start("local[2]", str(tmp_path_factory.mktemp("spark")),
                          {"spark.sql.shuffle.partitions": "2"})
    session = SparkSession(context)
    orders = session.createDataFrame(
        [(o, c, dt.date.fromisoformat(d), Decimal(a), s or None) for o, c, d, a, s in ORDERS],
        "No string, Customer string, Date date, Total decimal(12, 2), State string")
    orders.createOrReplaceGlobalTempView("orders")
    session.createDataFrame(CUSTOMERS, "Id string, Email string, Phone string, OptIn string"
                            ).createOrReplaceGlobalTempView("customers")
    # the dates again, written as text the German way (15.06.2024)
    orders.selectExpr("No", "Customer", "date_format(Date, 'dd.MM.yyyy') AS Date", "Total",
                      "State").createOrReplaceGlobalTempView("orders_text")
    try:
        yield session
    finally:
        context.stop()


def _plan(orders: str = "global_temp.orders") -> str:
    return (PLAN.replace("    file: data/orders.csv\n",
                         f"    file: data/orders.csv\n    table: {orders}\n")
            .replace("    file: data/customers.csv\n",
                     "    file: data/customers.csv\n    table: global_temp.customers\n"))


def _json(root: Path, command: str, *extra: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, [command, "compute", str(root), "--format", "json",
                                      *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


@pytest.mark.slow
@needs_spark
@pytest.mark.parametrize("command", ["baseline", "segment"])
def test_duckdb_and_spark_give_identical_figures(tmp_path: Path, session: Any,
                                                 command: str) -> None:
    root = write_client(tmp_path, _plan())
    embedded, cluster = _json(root, command), _json(root, command, "--engine", ENGINE)
    assert cluster.pop("engine") == "spark"
    assert [(s["name"], s["rows"], s["sha256"]) for s in cluster.pop("sources")] == [
        ("global_temp.orders", 12, None), ("global_temp.customers", 5, None)]
    embedded.pop("engine"), embedded.pop("sources")
    assert embedded == cluster
    assert embedded.get("figures") or embedded.get("rfm")


def _line(plan: str, text: str) -> int:
    return plan.splitlines().index(text) + 1


@pytest.mark.slow
@needs_spark
def test_a_misspelled_table_is_a_problem_of_the_plan(tmp_path: Path, session: Any) -> None:
    plan = _plan("global_temp.order")
    root = write_client(tmp_path, plan)
    result = CliRunner().invoke(app, ["baseline", "compute", str(root), "--engine", ENGINE])
    assert result.exit_code == 1, result.output
    assert f"plan.yaml:{_line(plan, '    table: global_temp.order')}:5: error:" in result.output
    assert "cannot read table 'global_temp.order'" in result.output
    assert "TABLE_OR_VIEW_NOT_FOUND" in result.output
    assert "check the table name" in result.output


@pytest.mark.slow
@needs_spark
def test_a_date_column_held_as_text_names_the_column_never_a_value(
        tmp_path: Path, session: Any) -> None:
    plan = _plan("global_temp.orders_text")
    root = write_client(tmp_path, plan)
    result = CliRunner().invoke(app, ["segment", "compute", str(root), "--engine", ENGINE])
    assert result.exit_code == 1, result.output
    columns = plan.splitlines().index("    columns: {customer_id: Customer, order_date: Date, "
                                      "amount: Total, order_id: No, status: State}") + 1
    assert f"plan.yaml:{columns}:" in result.output
    assert "table global_temp.orders_text: column 'Date' for order_date" in result.output
    assert "'99.99.9999'" in result.output  # the value by its shape
    assert "the warehouse column must be a date, or convert it" in result.output
    for secret in ("2024", "2023", *SECRETS):
        assert secret not in result.output


@pytest.mark.slow
@needs_spark
def test_an_amount_mapped_to_a_date_column(tmp_path: Path, session: Any) -> None:
    root = write_client(tmp_path, _plan().replace("amount: Total", "amount: Date"))
    result = CliRunner().invoke(app, ["baseline", "compute", str(root), "--engine", ENGINE])
    assert result.exit_code == 1, result.output
    assert "table global_temp.orders: column 'Date' for amount" in result.output
    assert "must be a number" in result.output


@pytest.mark.slow
@needs_spark
def test_a_missing_column(tmp_path: Path, session: Any) -> None:
    root = write_client(tmp_path, _plan().replace("amount: Total", "amount: Totals"))
    result = CliRunner().invoke(app, ["baseline", "compute", str(root), "--engine", ENGINE])
    assert result.exit_code == 1, result.output
    assert "no column 'Totals'" in result.output


@pytest.mark.slow
@needs_spark
def test_a_run_of_its_own_prints_crmplan_s_words_only(tmp_path: Path) -> None:
    """``--engine spark:local`` from the command line: Spark's driver starts and stops in
    the process, and neither Java nor Spark's loggers write a line of their own."""
    if MISSING is not None:
        pytest.fail(f"CRMPLAN_TEST_SPARK=required, but {MISSING}")
    root = write_client(tmp_path, _plan("crm.no_such_orders"))
    done = subprocess.run([sys.executable, "-m", "crmplan", "baseline", "compute", str(root),
                           "--engine", ENGINE], capture_output=True, text=True, check=False,
                          timeout=600)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "cannot read table 'crm.no_such_orders'" in done.stdout
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert len(lines) == 2 and lines[1].strip().startswith("hint: check the table name"), lines
    assert not list(Path(os.environ.get("TMPDIR", "/tmp")).glob("crmplan-spark-*/spark.log"))


# Without Java or PySpark, and before Spark starts: exit 2 and crmplan's words.

def _run_without_spark(root: Path, monkeypatch: pytest.MonkeyPatch, *extra: str) -> Any:
    if importlib.util.find_spec("pyspark") is not None:
        from pyspark import SparkContext

        monkeypatch.setattr(SparkContext, "_active_spark_context", None)
    return CliRunner().invoke(app, ["baseline", "compute", str(root), *extra])


@pytest.mark.parametrize("url", ["spark:", "spark:nowhere", "spark:local[two]"])
def test_what_is_not_a_spark_master(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    url: str) -> None:
    root = write_client(tmp_path, _plan())
    result = _run_without_spark(root, monkeypatch, "--engine", url)
    assert result.exit_code == 2, result.output
    assert f"'{url}' names no Spark master" in result.output
    assert "spark:local (Spark on this computer), spark://host:7077" in result.output


@pytest.mark.parametrize(("url", "master"), [
    ("spark:local", "local[*]"), ("spark:local[4]", "local[4]"),
    ("spark://10.0.0.5:7077", "spark://10.0.0.5:7077"), ("spark:yarn", "yarn"),
    ("spark:k8s://https://k8s.internal:6443", "k8s://https://k8s.internal:6443")])
def test_spark_master_urls(url: str, master: str) -> None:
    assert spark.master(url) == master


def test_without_pyspark_the_spark_extra_is_named(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)  # import pyspark.sql fails
    root = write_client(tmp_path, _plan())
    result = _run_without_spark(root, monkeypatch, "--engine", ENGINE)
    assert result.exit_code == 2, result.output
    assert "this command needs the spark extra of crmplan" in result.output
    assert "pip install 'crmplan[spark]'" in result.output


def test_without_java_spark_asks_for_a_java_runtime(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyspark")
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-java"))
    root = write_client(tmp_path, _plan())
    result = _run_without_spark(root, monkeypatch, "--engine", ENGINE)
    assert result.exit_code == 2, result.output
    assert "Spark needs Java, which is not installed here" in result.output
    assert "default-jre-headless" in result.output
