"""Where the SQL runs: the embedded DuckDB (nothing to install or start) or a warehouse.

Every query is written once in DuckDB's dialect. On DuckDB it runs as it is
and each named step (``define``) becomes a temporary table, computed once. On
a warehouse, reached through SQLAlchemy with a connection URL, the steps are
sent as common table expressions in front of each query, and SQLGlot turns
the whole statement into the warehouse's dialect (PostgreSQL, BigQuery,
Snowflake, Spark...).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from crmplan.errors import CrmplanError, UsageError, os_reason
from crmplan.i18n import _
from crmplan.quoting import shown, shown_path, shown_within

if TYPE_CHECKING:
    import duckdb
    import sqlalchemy

EMBEDDED = "duckdb"
DATABASE_URL = "duckdb:///"  # then a database file's path, as SQLAlchemy reads sqlite:///
URL_EXAMPLE = "postgresql://user@host/db"
DEFAULT_MEMORY_LIMIT = "1GB"
# what DuckDB's memory_limit takes: 512MB, 1.5GB, 4GiB, 2G, or a share of the memory (50%)
MEMORY_LIMIT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]i?B|[KMGT]|B|%)\s*$", re.IGNORECASE)
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
# SQLAlchemy's dialect names and the SQLGlot dialects they speak.
DIALECTS = {
    "postgresql": "postgres", "bigquery": "bigquery", "snowflake": "snowflake",
    "databricks": "databricks", "hive": "spark", "sparksql": "spark", "spark": "spark",
    "redshift": "redshift", "mysql": "mysql", "mariadb": "mysql", "mssql": "tsql",
    "trino": "trino", "oracle": "oracle", "duckdb": "duckdb", "clickhouse": "clickhouse",
}
# The package of a SQLAlchemy dialect that SQLAlchemy does not ship.
DIALECT_PACKAGES = {
    "bigquery": "sqlalchemy-bigquery", "snowflake": "snowflake-sqlalchemy",
    "databricks": "databricks-sqlalchemy", "redshift": "sqlalchemy-redshift", "trino": "trino",
    "clickhouse": "clickhouse-sqlalchemy", "hive": "'pyhive[hive]'",
}
# The package of a driver (DB-API module) that a dialect imports.
DRIVERS = {
    "MySQLdb": "mysqlclient", "pymysql": "PyMySQL", "mysql": "mysql-connector-python",
    "mariadb": "mariadb", "pyodbc": "pyodbc", "pymssql": "pymssql", "oracledb": "oracledb",
    "cx_Oracle": "cx_Oracle", "psycopg": "'crmplan[warehouse]'", "psycopg2": "psycopg2-binary",
    "pg8000": "pg8000", "asyncpg": "asyncpg", "redshift_connector": "redshift_connector",
}

Row = tuple[Any, ...]


class QueryError(CrmplanError):
    """The engine refused a query over the client's tables: a name, a type or a value of
    theirs (:func:`crmplan.data.load.explained` finds which and where the plan names it).
    ``data``: a value could not be converted (its text is the client's data)."""

    exit_code = 1

    def __init__(self, reason: str, data: bool = False) -> None:
        self.reason = reason
        self.data = data
        super().__init__(reason)


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
        """The (name, type) of each column of a table or a defined step; a table the engine
        cannot read is a :class:`QueryError`."""

    def probe(self, sql: str) -> QueryError | None:
        """Why the engine refuses ``sql``, a query over a source's relation alone (none of
        the defined steps), or None when it runs."""


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
        import duckdb

        try:
            found = self.rows(f"DESCRIBE SELECT * FROM {relation}")
        except duckdb.CatalogException as exc:  # a table the database does not have
            raise QueryError(_first_line(exc)) from None
        return [(str(r[0]), str(r[1])) for r in found]

    def probe(self, sql: str) -> QueryError | None:
        import duckdb

        try:
            self.rows(sql)
        except duckdb.Error as exc:
            return QueryError(_first_line(exc), isinstance(exc, duckdb.ConversionException))
        return None


@dataclass
class WarehouseEngine:
    """A database reached by a SQLAlchemy connection URL; the steps travel as CTEs."""

    connection: sqlalchemy.Connection
    dialect: str
    name: str
    embedded: bool = False
    steps: list[tuple[str, str]] = field(default_factory=list)
    host: str = ""  # where the URL points, for messages (never the user or password)
    password: str | None = field(default=None, repr=False)  # masked in the driver's messages

    def define(self, name: str, sql: str, keep: bool = True) -> None:
        self.steps = [s for s in self.steps if s[0] != name] + [(name, sql)]

    def statement(self, sql: str) -> str:
        """The query with every step in front of it, in the warehouse's dialect."""
        import sqlglot

        if self.steps:
            sql = "WITH " + ", ".join(f"{n} AS ({s})" for n, s in self.steps) + " " + sql
        return str(sqlglot.transpile(sql, read="duckdb", write=self.dialect)[0])

    def rows(self, sql: str) -> list[Row]:
        return [tuple(r) for r in self._run(self.statement(sql)).fetchall()]

    def columns(self, relation: str) -> list[tuple[str, str]]:
        result = self._run(self.statement(f"SELECT * FROM {relation} WHERE 1 = 0"))
        return [(str(k), "") for k in result.keys()]  # noqa: SIM118 (a Result, not a dict)

    def probe(self, sql: str) -> QueryError | None:
        import sqlglot

        try:
            self._run(str(sqlglot.transpile(sql, read="duckdb", write=self.dialect)[0]))
        except QueryError as exc:
            return exc
        return None

    def _run(self, statement: str) -> sqlalchemy.CursorResult[Any]:
        """The statement's result; what the warehouse refuses is a :class:`QueryError`, or a
        usage error when the warehouse itself failed (a lost connection, a timeout)."""
        from sqlalchemy import exc as errors

        try:
            # without parameters, so that a driver never reads a % of the SQL as a placeholder
            return self.connection.exec_driver_sql(
                statement, execution_options={"no_parameters": True})
        except errors.DBAPIError as exc:
            with contextlib.suppress(Exception):  # PostgreSQL refuses more until then
                self.connection.rollback()
            reason = _reason(exc, self.password)
            if exc.connection_invalidated or isinstance(
                    exc, (errors.OperationalError, errors.InternalError, errors.InterfaceError)):
                raise UsageError(_("the warehouse at {host} stopped the query: {reason}").format(
                    host=shown(self.host), reason=shown_within(reason)), _(
                    "check that the warehouse can be reached and has the resources, then run "
                    "again")) from None
            raise QueryError(reason, isinstance(exc, errors.DataError)) from None


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
    if not _URL.match(url):
        raise not_a_url(url)
    with _warehouse(url) as warehouse:
        yield warehouse


def not_a_url(url: str) -> UsageError:
    """``--engine`` is neither ``duckdb`` nor ``scheme://...``."""
    return UsageError(_("{url} is not a connection URL").format(url=_shown(url)), _(
        "name duckdb (the embedded engine), a DuckDB database file (duckdb:///warehouse.duckdb), "
        "a warehouse's URL, e.g. {example}, or Spark: spark:local or spark://host:7077").format(
        example=URL_EXAMPLE))


def _shown(url: str) -> str:
    """The text given, quoted, with what comes before an ``@`` (a password) left out."""
    return "'" + shown("…@" + url.rsplit("@", 1)[1] if "@" in url else url) + "'"


def database_path(url: str) -> Path:
    """The DuckDB database file of ``url``, which must exist and be a regular file (nothing is
    ever created, nor a FIFO or device opened).

    As in SQLAlchemy's URLs, the path follows the third slash: ``duckdb:///wh.duckdb`` is
    read from the working directory, ``duckdb:////data/wh.duckdb`` is an absolute path.
    """
    forms = _("duckdb:///name.duckdb is read from the working directory; an absolute path "
              "takes a fourth slash: duckdb:////path/to/name.duckdb")
    written = url.removeprefix(DATABASE_URL) if url.startswith(DATABASE_URL) else ""
    if not written:
        raise UsageError(_("'{url}' names no DuckDB database file").format(url=shown(url)), forms)
    path = Path(written)
    try:
        exists, folder, regular = path.exists(), path.is_dir(), path.is_file()
    except OSError as exc:  # a name too long, a loop of links
        raise UsageError(_("{name}: cannot read: {reason}").format(
            name=shown_path(written), reason=os_reason(exc))) from None
    if not exists:
        rooted = Path("/" + written)
        hint = (_("for the absolute path {path}, write four slashes: {url}").format(
            path=shown_path(rooted), url=shown_path(DATABASE_URL + "/" + written))
            if not path.is_absolute() and rooted.exists() else forms)
        raise UsageError(_("no DuckDB database at {path}").format(
            path=shown_path(path.absolute())), hint)
    if folder:
        raise UsageError(_("{path} is a folder, not a DuckDB database file").format(
            path=shown_path(path.absolute())), forms)
    if not regular:  # a FIFO would keep DuckDB waiting for a writer, a device is no database
        raise UsageError(_("{path} is not a regular file, so not a DuckDB database").format(
            path=shown_path(path.absolute())), forms)
    return path


@contextmanager
def _duckdb(database: str | None, memory_limit: str | None) -> Iterator[DuckDBEngine]:
    duckdb = require("duckdb", "data")
    with private_folder() as temp_dir:
        connection = _connect(duckdb, database, memory_limit, temp_dir)
        try:
            connection.execute("SET TimeZone = 'UTC'")  # timestamps become dates the same way
            yield DuckDBEngine(connection, temp_dir, database)
        except duckdb.OutOfMemoryException as exc:
            raise _out_of_memory(exc, memory_limit) from None
        finally:
            connection.close()


def _connect(module: Any, database: str | None, memory_limit: str | None,
             temp_dir: str) -> duckdb.DuckDBPyConnection:
    try:
        connection: duckdb.DuckDBPyConnection = module.connect(
            database or ":memory:", read_only=database is not None,
            config=_settings(temp_dir, memory_limit))
    except module.OutOfMemoryException as exc:
        raise _out_of_memory(exc, memory_limit) from None
    except module.Error as exc:
        reason = _first_line(exc)
        raise UsageError(_("cannot open the DuckDB database {path}: {reason}").format(
            path=shown_path(database), reason=shown_within(reason)) if database else _(
            "cannot start the embedded DuckDB: {reason}").format(reason=reason)) from None
    return connection


@contextmanager
def private_folder(prefix: str = "crmplan-duckdb-") -> Iterator[str]:
    """The engine's own temporary folder (DuckDB spills to it, Excel sheets and re-encoded
    files are copied to it), removed however the run ends: an error, or Ctrl-C at any moment
    from its making to its removal. Its name is known before it exists, and a removal that
    Ctrl-C cuts short is done again (crmplan raises Ctrl-C once; a second one ends the
    process at once, as a kill would)."""
    folder: Path | None = None
    try:
        while folder is None:
            folder = Path(tempfile.gettempdir()) / f"{prefix}{secrets.token_hex(8)}"
            try:
                folder.mkdir(0o700)
            except FileExistsError:  # another's, however unlikely: never removed
                folder = None
        yield str(folder)
    finally:
        try:
            _remove(folder)
        finally:
            _remove(folder)  # again, when Ctrl-C cut the first one short


def _remove(folder: Path | None) -> None:
    if folder is not None and folder.exists():
        shutil.rmtree(folder, ignore_errors=True)


def _out_of_memory(exc: Exception, memory_limit: str | None) -> UsageError:
    return UsageError(_("the embedded engine needs more memory than --memory-limit {limit}: "
                        "{reason}").format(limit=memory_limit or DEFAULT_MEMORY_LIMIT,
                                           reason=_first_line(exc)),
                      _("give it more, e.g. --memory-limit 4GB"))


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
    sqlalchemy = require("sqlalchemy", "warehouse")
    try:
        parsed = sqlalchemy.make_url(_with_driver(url))
    except sqlalchemy.exc.ArgumentError:
        raise not_a_url(url) from None
    engine = _create_engine(sqlalchemy, parsed)
    name = engine.dialect.name
    if name not in DIALECTS:
        raise UsageError(_("crmplan cannot write SQL for the '{name}' database").format(
            name=name), _known())
    try:
        connection = engine.connect()
    except Exception as exc:  # the DB-API's OperationalError, or a dialect's own
        engine.dispose()
        raise UsageError(_("cannot connect to the warehouse at {host}: {reason}").format(
            host=shown(_host(parsed)), reason=shown_within(_reason(exc, parsed.password))),
            _("check that the warehouse runs and can be reached from here, and the URL's "
              "user, password and database")) from None
    try:
        yield WarehouseEngine(connection, DIALECTS[name], name, host=_host(parsed),
                              password=parsed.password)
    finally:
        connection.close()
        engine.dispose()


def _create_engine(sqlalchemy: Any, parsed: sqlalchemy.URL) -> sqlalchemy.Engine:
    """SQLAlchemy's engine for the URL; a dialect or driver that is not installed is named
    with the package to install."""
    name = parsed.get_backend_name()
    try:
        return sqlalchemy.create_engine(parsed)  # type: ignore[no-any-return]
    except ModuleNotFoundError as exc:  # the dialect's driver
        module = (exc.name or "").split(".")[0]
        raise UsageError(_("the {name} URL needs the Python module '{module}', which is not "
                           "installed").format(name=name, module=module),
                         _("install the driver: pip install {package}").format(
                             package=DRIVERS.get(module, module))) from None
    except sqlalchemy.exc.NoSuchModuleError:
        driver = parsed.drivername.partition("+")[2]
        if driver and name not in DIALECT_PACKAGES:
            raise UsageError(_("SQLAlchemy has no driver '{driver}' for {name}").format(
                driver=shown(driver), name=name), _("write {name}:// for its usual driver").format(
                name=name)) from None
        if name in DIALECT_PACKAGES or name in DIALECTS:
            package = DIALECT_PACKAGES.get(name)
            raise UsageError(_("the {name} URL needs SQLAlchemy's {name} dialect, which is not "
                               "installed").format(name=name), _(
                "install it: pip install {package}").format(package=package) if package else _(
                "install the SQLAlchemy dialect package of {name}").format(name=name)) from None
        raise UsageError(_("crmplan does not know the database kind '{name}'").format(
            name=shown(parsed.drivername)), _known()) from None
    except Exception as exc:  # arguments in the URL's query that the dialect refuses
        raise UsageError(_("cannot use the engine URL: {reason}").format(
            reason=shown_within(_reason(exc, parsed.password))),
            _("see docs/data.md for the URLs crmplan knows")) from None


def _known() -> str:
    names = ", ".join(sorted(n for n in DIALECTS if n != EMBEDDED))
    return _("crmplan writes SQL for: {names} (see docs/data.md)").format(names=names)


def _host(url: sqlalchemy.URL) -> str:
    """Where the URL points, without user or password: ``db.internal:5432``."""
    if not url.host:
        return url.get_backend_name()
    return f"{url.host}:{url.port}" if url.port else str(url.host)


def _reason(exc: Exception, password: str | None) -> str:
    """The driver's first line (SQLAlchemy's wrapper names the class and the SQL); a password
    that the driver repeats is masked."""
    text = _first_line(getattr(exc, "orig", None) or exc)
    return text.replace(password, "***") if password else text


def _with_driver(url: str) -> str:
    """``postgresql://`` uses psycopg 3 (the driver the warehouse extra installs)."""
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url.removeprefix(scheme)
    return url


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def require(module: str, extra: str) -> Any:
    """The module, or a usage error naming the extra of crmplan that installs it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise UsageError(_("this command needs the {extra} extra of crmplan").format(
            extra=extra), _("install it: pip install 'crmplan[{extra}]'").format(
            extra=extra)) from None


