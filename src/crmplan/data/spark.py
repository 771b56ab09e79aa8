"""Apache Spark as an engine: the same definitions, run by Spark SQL on this computer or on
a cluster.

``--engine spark:local`` runs Spark on this computer (every core); ``spark://host:7077``
reaches a standalone cluster's master, and ``spark:`` followed by any master URL Spark
takes reaches the others (``spark:yarn``, ``spark:k8s://https://host:6443``). crmplan
starts Spark's driver in its own process (client mode, as ``spark-submit`` does), so
Java must be installed; the cluster's own settings (executors and their memory, the
metastore that knows the tables, credentials) come from Spark's configuration
(``spark-defaults.conf`` in ``SPARK_CONF_DIR``), as for any Spark application.

Sources are read from their ``table:`` in Spark's catalog, and the statements are
SQLGlot's Spark translation of the DuckDB SQL. Each step is a temporary view of a
session of crmplan's own, named with a prefix so that it never hides a table of the
catalog; a step kept (``order_values``, ``buyers``, ``rfm``...) is cached by Spark, in
the executors' memory. Only the aggregates of each query come back to crmplan. The
driver's Java process writes nothing to the terminal: its log goes to the run's private
folder, which is removed at the end, and Spark's Python loggers are silenced, so that no
value of the client's data reaches a message.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crmplan.data.clean import shape
from crmplan.data.engine import QueryError, private_folder, require
from crmplan.errors import UsageError
from crmplan.i18n import _
from crmplan.quoting import shown, shown_within

SCHEME = "spark:"
STEP = "crmplan_{}"  # the temporary view of a step
# the master URLs Spark takes (after spark:), and spark://host:port as it is
_MASTER = re.compile(r"^(local(\[(\d+|\*)(,\d+)?\])?|yarn|k8s://\S+|spark://\S+)$")
# conditions of a value that cannot be read as its type: the client's data is in the message
_DATA = ("CAST_", "NUMERIC_VALUE_OUT_OF_RANGE", "DATETIME_", "INVALID_FRACTION",
         "ARITHMETIC_OVERFLOW", "DECIMAL_PRECISION")
_QUOTED_TYPE = re.compile(r'"([A-Z][A-Z0-9_]*(\(\d+(, ?\d+)?\))?)"')
_SINGLE_QUOTED = re.compile(r"'((?:[^']|'')*)'")
# Spark's own configuration for a run of crmplan: its settings, not the cluster's
SETTINGS = {
    "spark.app.name": "crmplan",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.ansi.enabled": "true",  # a value that cannot be cast is an error, as elsewhere
    "spark.sql.session.timeZone": "UTC",  # timestamps become dates the same way as on DuckDB
}


def is_spark(url: str) -> bool:
    """Whether ``--engine`` names Spark."""
    return url.startswith(SCHEME)


def master(url: str) -> str:
    """Spark's master URL: ``spark://host:7077`` as it is, ``spark:local`` is every core of
    this computer, ``spark:<master>`` any other master URL."""
    found = url if url.startswith("spark://") else url.removeprefix(SCHEME)
    found = "local[*]" if found == "local" else found
    if not _MASTER.match(found):
        raise UsageError(_("'{url}' names no Spark master").format(url=shown(url)), _(
            "write spark:local (Spark on this computer), spark://host:7077 (a standalone "
            "cluster), spark:yarn or spark:k8s://https://host:port"))
    return found


@dataclass
class SparkEngine:
    """A Spark session of crmplan's own; the steps are its temporary views."""

    session: Any  # pyspark.sql.SparkSession
    master: str
    name: str = "spark"
    embedded: bool = False
    dialect: str = "spark"
    steps: set[str] = field(default_factory=set)

    def define(self, name: str, sql: str, keep: bool = True) -> None:
        self.steps.add(name)
        view, statement = STEP.format(name), self.statement(sql)
        self._run(f"DROP VIEW IF EXISTS {view}")  # a step defined again (and its cache)
        self._run(f"CACHE LAZY TABLE {view} AS {statement}" if keep
                  else f"CREATE TEMPORARY VIEW {view} AS {statement}")

    def statement(self, sql: str, steps: bool = True) -> str:
        """``sql`` in Spark's dialect, every step read from its temporary view."""
        import sqlglot
        from sqlglot import exp

        tree = sqlglot.parse_one(sql, read="duckdb")
        if steps:
            for table in tree.find_all(exp.Table):
                if not table.db and table.name in self.steps:
                    table.set("this", exp.to_identifier(STEP.format(table.name)))
        return tree.sql(dialect="spark")

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self._run(self.statement(sql)).collect()]

    def columns(self, relation: str) -> list[tuple[str, str]]:
        found = self._run(self.statement(f"SELECT * FROM {relation} WHERE 1 = 0", False))
        return [(str(c), "") for c in found.columns]

    def probe(self, sql: str) -> QueryError | None:
        try:
            self._run(self.statement(sql, False)).collect()
        except QueryError as exc:
            return exc
        return None

    def _run(self, statement: str) -> Any:
        """The statement's result (a DataFrame; Spark runs it when it is collected): what
        Spark refuses is a :class:`QueryError`, a failure of Spark itself a usage error."""
        try:
            frame = self.session.sql(statement)
            if statement.startswith(("CACHE", "DROP", "CREATE")):
                return frame
            return _Collected(frame, self)
        except Exception as exc:
            raise self.failed(exc) from None

    def failed(self, exc: BaseException) -> Exception:
        """What the exception is for the user: a query refused (a name, a type, a value of
        the client's) or Spark stopped."""
        condition = _condition(exc)
        if condition and condition.startswith(_DATA):
            return QueryError(_masked(exc), data=True)
        if condition and _is_analysis(exc):
            return QueryError(_first_line(exc))
        return UsageError(_("Spark at {master} stopped the query: {reason}").format(
            master=shown(self.master), reason=shown_within(_first_line(exc))), _(
            "check that the Spark cluster runs, can be reached from here and has the "
            "resources, then run again"))


@dataclass
class _Collected:
    """A query's result, collected when crmplan reads it; a failure then is told as any."""

    frame: Any
    engine: SparkEngine

    @property
    def columns(self) -> list[str]:
        return list(self.frame.columns)

    def collect(self) -> list[Any]:
        try:
            return list(self.frame.collect())
        except Exception as exc:
            raise self.engine.failed(exc) from None


def _condition(exc: BaseException) -> str | None:
    """Spark's error condition (``CAST_INVALID_INPUT``...), or None for another error."""
    for method in ("getCondition", "getErrorClass"):  # PySpark 4, then 3.5
        get = getattr(exc, method, None)
        if get is not None:
            try:
                found = get()
            except Exception:  # the Java side is gone
                return None
            return str(found) if found else None
    return None


def _is_analysis(exc: BaseException) -> bool:
    """A query Spark refused before running it: an unknown table or column, a type."""
    errors = require("pyspark.errors", "spark")
    return isinstance(exc, (errors.AnalysisException, errors.ParseException))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _masked(exc: BaseException) -> str:
    """The first line of a data error, every value of the client's shown by its shape
    (digits as 9, letters as a): Spark quotes values with single quotes and types with
    double quotes, and names the values among the message's parameters."""
    text = _first_line(exc)
    parameters: dict[str, str] = {}
    get = getattr(exc, "getMessageParameters", None)
    if get is not None:
        try:
            parameters = dict(get() or {})
        except Exception:
            parameters = {}
    for key, value in parameters.items():
        if value and not key.lower().endswith("type") and "config" not in key.lower():
            text = text.replace(value, "'" + shape(value.strip("'")) + "'")
    text = _SINGLE_QUOTED.sub(lambda m: "'" + shape(m.group(1)) + "'", text)
    return _QUOTED_TYPE.sub(r"\1", text)


def java() -> str | None:
    """The Java that Spark's launcher would run: ``JAVA_HOME``'s, else the first on PATH."""
    home = os.environ.get("JAVA_HOME")
    if home:
        found = Path(home) / "bin" / "java"
        return str(found) if found.is_file() else None
    return shutil.which("java")


@contextmanager
def connect(url: str) -> Iterator[SparkEngine]:
    """A session of its own on the Spark named by ``url``: a Spark already running in this
    process is used (and left running), else crmplan starts the driver and stops it."""
    where = master(url)
    with warnings.catch_warnings():  # PySpark's own (the pandas version it finds...)
        warnings.filterwarnings("ignore", module=r"pyspark(\.|$)")
        session = require("pyspark.sql", "spark").SparkSession
        _quiet_python_loggers()
        running = require("pyspark", "spark").SparkContext._active_spark_context
        if running is not None:
            yield _session(session(running).newSession(), where)
            return
        with private_folder("crmplan-spark-") as folder:
            context = start(where, folder)
            try:
                yield _session(session(context).newSession(), where)
            finally:
                with contextlib.suppress(Exception):  # a Java process that ended already
                    context.stop()


def _session(session: Any, where: str) -> SparkEngine:
    for key, value in SETTINGS.items():
        if key.startswith("spark.sql."):
            session.conf.set(key, value)
    return SparkEngine(session, where)


def start(where: str, folder: str, settings: dict[str, str] | None = None) -> Any:
    """Start Spark's driver for ``where`` (a master URL), its Java process quiet: its
    output and log go to ``folder``; ``settings`` add to Spark's own (the tests take fewer
    shuffle partitions). A Java that is missing or that cannot run Spark is a usage
    error."""
    pyspark = require("pyspark", "spark")
    if java() is None:
        raise UsageError(_("Spark needs Java, which is not installed here"), _(
            "install a Java runtime, e.g. apt-get install default-jre-headless, or set "
            "JAVA_HOME"))
    log = Path(folder) / "spark.log"
    conf = pyspark.SparkConf().setMaster(where).setAll([
        *SETTINGS.items(), ("spark.local.dir", folder), *(settings or {}).items()])
    with log.open("ab") as output:
        try:
            gateway = require("pyspark.java_gateway", "spark").launch_gateway(
                conf, popen_kwargs={"stdout": output, "stderr": output})
            context = pyspark.SparkContext(conf=conf, gateway=gateway)
            context.setLogLevel("ERROR")  # a short log: errors only
            return context
        except Exception:
            reason = _last_line(log) or "Spark's Java process ended"
            raise UsageError(_("cannot start Spark ({master}): {reason}").format(
                master=shown(where), reason=shown_within(reason)), _(
                "check the Java version (Spark 4 needs Java 17 or later) and the master "
                "URL")) from None


def _last_line(log: Path) -> str:
    try:
        lines = [line for line in log.read_text("utf-8", "replace").splitlines() if line]
    except OSError:
        return ""
    return lines[-1].strip() if lines else ""


def _quiet_python_loggers() -> None:
    """PySpark's loggers print a refused query's message, values included, on stderr."""
    import importlib

    try:
        logger = importlib.import_module("pyspark.logger").PySparkLogger
    except ImportError:  # PySpark 3.5 has none
        return
    for name in ("SQLQueryContextLogger", "DataFrameQueryContextLogger"):
        logger.getLogger(name).disabled = True
