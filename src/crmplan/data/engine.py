"""Where the SQL runs: the embedded DuckDB (nothing to install or start) or a warehouse.

Every query is written once in DuckDB's dialect. On DuckDB it runs as it is
and each named step (``define``) becomes a temporary table, computed once. On
a warehouse, reached through SQLAlchemy with a connection URL, the steps are
sent as common table expressions in front of each query, and SQLGlot turns
the whole statement into the warehouse's dialect (PostgreSQL, BigQuery,
Snowflake, Spark...).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from crmplan.errors import UsageError
from crmplan.i18n import _

if TYPE_CHECKING:
    import duckdb
    import sqlalchemy

EMBEDDED = "duckdb"
DATABASE_URL = "duckdb:///"  # then a database file's path, as SQLAlchemy reads sqlite:///
DEFAULT_MEMORY_LIMIT = "1GB"
# SQLAlchemy's dialect names and the SQLGlot dialects they speak.
DIALECTS = {
    "postgresql": "postgres", "bigquery": "bigquery", "snowflake": "snowflake",
    "databricks": "databricks", "hive": "spark", "sparksql": "spark", "spark": "spark",
    "redshift": "redshift", "mysql": "mysql", "mariadb": "mysql", "mssql": "tsql",
    "trino": "trino", "oracle": "oracle", "duckdb": "duckdb", "clickhouse": "clickhouse",
}

Row = tuple[Any, ...]


class Engine(Protocol):
    """What the computations need from an engine."""

    name: str
    embedded: bool
    dialect: str

    def define(self, name: str, sql: str, keep: bool = True) -> None:
        """Name the result of ``sql`` so that later queries can read it as a table;
        ``keep=False``: a step read once or twice, not worth storing (a view)."""

    def rows(self, sql: str) -> list[Row]:
        """Every row of a query."""

    def columns(self, relation: str) -> list[tuple[str, str]]:
        """The (name, type) of each column of a table or a defined step."""


def quote(name: str) -> str:
    """A column name as a quoted identifier (any text the client's export uses)."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A string literal."""
    return "'" + text.replace("'", "''") + "'"


@dataclass
class DuckDBEngine:
    """The embedded engine: an in-memory DuckDB that spills to a private temporary folder."""

    connection: duckdb.DuckDBPyConnection
    temp_dir: str
    database: str | None = None  # a DuckDB database file whose tables the sources name
    name: str = EMBEDDED
    embedded: bool = True
    dialect: str = "duckdb"

    def define(self, name: str, sql: str, keep: bool = True) -> None:
        kind = "TABLE" if keep else "VIEW"
        self.connection.execute(f"CREATE OR REPLACE TEMP {kind} {name} AS {sql}")

    def rows(self, sql: str) -> list[Row]:
        return self.connection.execute(sql).fetchall()

    def columns(self, relation: str) -> list[tuple[str, str]]:
        return [(str(r[0]), str(r[1])) for r in self.rows(f"DESCRIBE SELECT * FROM {relation}")]


@dataclass
class WarehouseEngine:
    """A database reached by a SQLAlchemy connection URL; the steps travel as CTEs."""

    connection: sqlalchemy.Connection
    dialect: str
    name: str
    embedded: bool = False
    steps: list[tuple[str, str]] = field(default_factory=list)

    def define(self, name: str, sql: str, keep: bool = True) -> None:
        self.steps = [s for s in self.steps if s[0] != name] + [(name, sql)]

    def statement(self, sql: str) -> str:
        """The query with every step in front of it, in the warehouse's dialect."""
        import sqlglot

        if self.steps:
            sql = "WITH " + ", ".join(f"{n} AS ({s})" for n, s in self.steps) + " " + sql
        return str(sqlglot.transpile(sql, read="duckdb", write=self.dialect)[0])

    def rows(self, sql: str) -> list[Row]:
        result = self.connection.exec_driver_sql(self.statement(sql))
        return [tuple(r) for r in result.fetchall()]

    def columns(self, relation: str) -> list[tuple[str, str]]:
        result = self.connection.exec_driver_sql(self.statement(
            f"SELECT * FROM {relation} WHERE 1 = 0"))
        return [(str(k), "") for k in result.keys()]  # noqa: SIM118 (a Result, not a dict)


@contextmanager
def connect(url: str | None, memory_limit: str | None = None) -> Iterator[Engine]:
    """The engine named by ``url`` (``duckdb``, the default, or a connection URL)."""
    if url is None or url == EMBEDDED:
        with _duckdb(None, memory_limit) as embedded:
            yield embedded
        return
    if url.startswith("duckdb:"):
        with _duckdb(str(database_path(url)), memory_limit) as embedded:
            yield embedded
        return
    with _warehouse(url) as warehouse:
        yield warehouse


def database_path(url: str) -> Path:
    """The DuckDB database file of ``url``, which must exist (nothing is ever created).

    As in SQLAlchemy's URLs, the path follows the third slash: ``duckdb:///wh.duckdb`` is
    read from the working directory, ``duckdb:////data/wh.duckdb`` is an absolute path.
    """
    forms = _("duckdb:///name.duckdb is read from the working directory; an absolute path "
              "takes a fourth slash: duckdb:////path/to/name.duckdb")
    written = url.removeprefix(DATABASE_URL) if url.startswith(DATABASE_URL) else ""
    if not written:
        raise UsageError(_("'{url}' names no DuckDB database file").format(url=url), forms)
    path = Path(written)
    try:
        exists, folder = path.exists(), path.is_dir()
    except OSError as exc:  # a name too long, a loop of links
        raise UsageError(_("{name}: cannot read: {reason}").format(
            name=written, reason=exc.strerror)) from None
    if not exists:
        rooted = Path("/" + written)
        hint = (_("for the absolute path {path}, write four slashes: {url}").format(
            path=rooted, url=DATABASE_URL + "/" + written)
            if not path.is_absolute() and rooted.exists() else forms)
        raise UsageError(_("no DuckDB database at {path}").format(path=path.absolute()), hint)
    if folder:
        raise UsageError(_("{path} is a folder, not a DuckDB database file").format(
            path=path.absolute()), forms)
    return path


@contextmanager
def _duckdb(database: str | None, memory_limit: str | None) -> Iterator[DuckDBEngine]:
    duckdb = _require("duckdb", "data")
    temp_dir = tempfile.mkdtemp(prefix="crmplan-duckdb-")
    try:
        connection = duckdb.connect(database or ":memory:", read_only=database is not None,
                                    config=_settings(temp_dir, memory_limit))
    except duckdb.Error as exc:
        shutil.rmtree(temp_dir, ignore_errors=True)
        reason = _first_line(exc)
        raise UsageError(_("cannot open the DuckDB database {path}: {reason}").format(
            path=database, reason=reason) if database else _(
            "cannot start the embedded DuckDB: {reason}").format(reason=reason)) from None
    try:
        connection.execute("SET TimeZone = 'UTC'")  # timestamps become dates the same way
        yield DuckDBEngine(connection, temp_dir, database)
    finally:
        connection.close()
        shutil.rmtree(temp_dir, ignore_errors=True)


def _settings(temp_dir: str, memory_limit: str | None) -> dict[str, Any]:
    return {
        "memory_limit": memory_limit or DEFAULT_MEMORY_LIMIT,
        "temp_directory": temp_dir,
        "threads": os.cpu_count() or 1,
        "enable_external_access": True,  # the export files; extensions are never downloaded
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
    }


@contextmanager
def _warehouse(url: str) -> Iterator[WarehouseEngine]:
    sqlalchemy = _require("sqlalchemy", "warehouse")
    try:
        engine = sqlalchemy.create_engine(_with_driver(url))
    except Exception as exc:  # an unknown scheme or a driver that is not installed
        raise UsageError(_("cannot use the engine URL: {reason}").format(
            reason=_first_line(exc)), _("see docs/data.md for the URLs crmplan knows")) from None
    name = engine.dialect.name
    if name not in DIALECTS:
        raise UsageError(_("crmplan cannot write SQL for the '{name}' database").format(
            name=name))
    try:
        connection = engine.connect()
    except Exception as exc:
        raise UsageError(_("cannot connect to the warehouse: {reason}").format(
            reason=_first_line(exc))) from None
    try:
        yield WarehouseEngine(connection, DIALECTS[name], name)
    finally:
        connection.close()
        engine.dispose()


def _with_driver(url: str) -> str:
    """``postgresql://`` uses psycopg 3 (the driver the warehouse extra installs)."""
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url.removeprefix(scheme)
    return url


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _require(module: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise UsageError(_("this command needs the {extra} extra of crmplan").format(
            extra=extra), _("install it: pip install 'crmplan[{extra}]'").format(
            extra=extra)) from None


