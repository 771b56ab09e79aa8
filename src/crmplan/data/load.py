"""Open the plan's data sources on an engine and apply the cleaning rules, once per run.

Afterwards the engine holds ``orders``, ``buyers`` (one row per customer,
:mod:`.summary`) and, with a customer export, ``customers``; :class:`Dataset`
says where they came from, what the rules dealt with, and the dates the data
covers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from crmplan import rules
from crmplan.data import clean, files, summary, typed
from crmplan.data.engine import DuckDBEngine, Engine, QueryError, quote
from crmplan.data.kpis import refund_only_customers
from crmplan.errors import Issue, PlanError, UsageError
from crmplan.findings import Rule
from crmplan.i18n import _, aside, join, labelled
from crmplan.model.data import CustomerSource, Data, OrderSource, Source
from crmplan.plan.load import LoadedPlan
from crmplan.plan.source import PlanPath
from crmplan.quoting import shown, shown_path

Step = Callable[[str], None]
EMPTY_AS_OF = dt.date(2000, 1, 1)  # no order at all: nothing is computed from it
# the earliest as-of date: a period and the one before it, counted back, stay in the calendar
# (no export holds orders of the 19th century; a date before it is a typing or format slip)
EARLIEST_AS_OF = dt.date(1900, 1, 1)
_TABLE_PART = re.compile(r"^[A-Za-z_][A-Za-z0-9_$-]*$")
_QUOTED = re.compile(r'"([^"]*)"')


@dataclass(frozen=True)
class SourceInfo:
    """Where an export was read: its file (with content hash) or table, and its rows."""

    role: str
    name: str
    sha256: str | None
    rows: int

    @property
    def from_file(self) -> bool:
        """An export file (whose rows have numbers), not a table."""
        return self.sha256 is not None

    @property
    def label(self) -> str:
        """``data/orders.csv sha256:1a2b3c4d5e6f`` or ``table sales.orders``."""
        if self.sha256:
            return f"{self.name} sha256:{self.sha256}"
        return _("table {name}").format(name=self.name)


@dataclass(frozen=True)
class Opened:
    """A source as the engine reads it: the relation, the fields mapped and how they are
    parsed (what a refused query is checked against)."""

    info: SourceInfo
    base: PlanPath
    relation: str
    fields: list[typed.Field]
    parsing: typed.Parsing


@dataclass
class Dataset:
    """What a run read: sources, problems found, and the dates the orders cover."""

    engine: str
    data: Data
    database: str | None = None  # the name of the DuckDB database file named by --engine
    sources: list[SourceInfo] = field(default_factory=list)
    problems: list[tuple[str, clean.Tally]] = field(default_factory=list)
    as_of: dt.date = dt.date.min
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    after_as_of: int = 0
    has_customers: bool = False
    opened: list[Opened] = field(default_factory=list, repr=False)
    ignored: frozenset[str] = frozenset()  # codes of the rules the plan silences

    @property
    def shown_problems(self) -> list[tuple[str, clean.Tally]]:
        """The problems the reports list: those of rules the plan does not silence."""
        return [(role, p) for role, p in self.problems if p.rule.code not in self.ignored]

    @property
    def has_reach(self) -> bool:
        return self.has_customers and bool(self.customer_source.columns.contact)

    @property
    def has_consent(self) -> bool:
        return self.has_customers and self.customer_source.columns.consent is not None

    @property
    def customer_source(self) -> CustomerSource:
        assert self.data.customers is not None
        return self.data.customers

    @property
    def engine_text(self) -> str:
        """The engine, and the DuckDB database if one was named: ``duckdb (wh.duckdb)``, or
        ``duckdb (files: ...)`` when every source was read from its file instead."""
        if self.database is None:
            return self.engine
        if any(not s.from_file for s in self.sources):
            return self.engine + aside(shown_path(self.database))
        return self.engine + aside(_("files: no source names a table of {database}").format(
            database=shown_path(self.database)))

    def source_text(self) -> str:
        """Every source and the engine, as a recorded figure names them."""
        return ", ".join([s.label for s in self.sources] + [self.engine])


Columns = Callable[[Dataset], list[str]]


def plan_data(loaded: LoadedPlan) -> Data:
    """The plan's ``data`` section, or a usage error that says how to write one."""
    if loaded.plan.data is None:  # a problem of the plan, for this command: exit 1
        raise PlanError([Issue(loaded.name, 1, 1, _("the plan has no data section"),
                               hint=_("describe the order export under data.orders (see "
                                      "docs/data.md)"), rule=rules.NO_DATA_SECTION)])
    return loaded.plan.data


def open_dataset(engine: Engine, loaded: LoadedPlan, plan_path: Path, as_of: dt.date | None,
                 step: Step, columns: Columns = lambda dataset: []) -> Dataset:
    """Read the exports, apply the rules; ``as_of`` defaults to the latest order date.
    ``buyers`` gets the ``columns`` the command's figures read (:mod:`.summary`)."""
    data = plan_data(loaded)
    database = engine.database if isinstance(engine, DuckDBEngine) else None
    dataset = Dataset(engine.name, data, Path(database).name if database else None,
                      ignored=loaded.ignored)
    with explained(engine, loaded, dataset):
        step(_("reading the orders"))
        _open_orders(engine, loaded, plan_path, data.orders, dataset, step, as_of)
        _refuse_before_1900(loaded, dataset, as_of)
        summary.define_buyers(engine, dataset.as_of, columns(dataset))
        refunders, refunded = refund_only_customers(engine)
        if refunders:
            dataset.problems.append(("orders", clean.Tally(
                rules.REFUNDS_WITHOUT_ORDERS, refunders, amount=refunded, customers=refunders)))
        if data.customers is not None:
            step(_("reading the customers"))
            _open_customers(engine, loaded, plan_path, data.customers, dataset)
    _refuse_empty(loaded, dataset)
    return dataset


def _refuse_before_1900(loaded: LoadedPlan, dataset: Dataset, as_of: dt.date | None) -> None:
    """Orders that all precede :data:`EARLIEST_AS_OF` give no as-of date to count periods
    back from: their dates are misread."""
    last = dataset.last_day
    if as_of is not None or last is None or last >= EARLIEST_AS_OF:
        return
    name = next((s.name for s in dataset.sources if s.role == "orders"), "")
    raise PlanError([_issue(loaded, rules.ORDERS_BEFORE_1900, (
        "data", "orders", "columns", "order_date"), _(
        "the latest order of {where} is dated {date}, before {earliest}").format(
        where=name, date=last.isoformat(), earliest=EARLIEST_AS_OF.isoformat()), _(
        "check the column's dates and the source's date_format, or give --as-of"))])


def _refuse_empty(loaded: LoadedPlan, dataset: Dataset) -> None:
    """An export without a row is a problem of the data, at the source in the plan: every
    figure from it would be missing, not zero."""
    issues = [_issue(loaded, rules.EMPTY_DATA, ("data", s.role), (
        _("{where} has no rows below its header") if s.from_file
        else _("{where} has no rows")).format(where=_where(s)),
        _("export it again with its rows, or name the export that holds them"))
        for s in dataset.sources if s.rows == 0]
    if issues:
        raise PlanError(issues)


def _open_orders(engine: Engine, loaded: LoadedPlan, plan_path: Path, source: OrderSource,
                 dataset: Dataset, step: Step, as_of: dt.date | None) -> None:
    opened = _open(engine, loaded, plan_path, source, "orders", dataset)
    fields, info = opened.fields, opened.info
    engine.define("orders_typed", typed.orders_select(opened.relation, fields, opened.parsing),
                  keep=False)
    step(_("cleaning the orders"))
    survey = clean.define_orders(engine, source, as_of=as_of)
    rows, problems = clean.order_problems(engine, {f.name: f.column for f in fields},
                                          survey, info.from_file)
    dataset.sources.append(SourceInfo(info.role, info.name, info.sha256, rows))
    dataset.problems += [("orders", p) for p in problems]
    _dates(dataset, survey, as_of)


def _open_customers(engine: Engine, loaded: LoadedPlan, plan_path: Path,
                    source: CustomerSource, dataset: Dataset) -> None:
    opened = _open(engine, loaded, plan_path, source, "customers", dataset)
    info = opened.info
    engine.define("customers_typed", typed.customers_select(opened.relation, opened.fields,
                                                            source, opened.parsing))
    clean.define_customers(engine)
    rows, problems = clean.customer_problems(engine)
    dataset.sources.append(SourceInfo(info.role, info.name, info.sha256, rows))
    dataset.problems += [("customers", p) for p in problems]
    dataset.has_customers = True


def _open(engine: Engine, loaded: LoadedPlan, plan_path: Path, source: Source, role: str,
          dataset: Dataset) -> Opened:
    """The source's relation with its columns checked against the plan's mapping."""
    base = ("data", role)
    relation, info = _relation(engine, loaded, plan_path, source, role, base)
    try:
        types = typed.source_types(engine, relation)
    except QueryError as exc:  # a table the engine does not have, or may not read
        raise PlanError([_issue(loaded, rules.UNKNOWN_TABLE, (*base, "table"), _(
            "cannot read table '{table}': {reason}").format(table=shown(info.name),
                                                            reason=exc.reason),
            _("check the table name (table, schema.table or catalog.schema.table) and that "
              "the engine's user may read it"))]) from None
    parsing = typed.Parsing(source, types, engine.embedded,
                            loaded.plan.client.currency or "XXX", info.from_file)
    fields = (typed.order_fields(source, base) if isinstance(source, OrderSource)
              else typed.customer_fields(source, base) if isinstance(source, CustomerSource)
              else [])
    typed.check_columns(loaded, fields, list(parsing.types), _where(info))
    opened = Opened(info, base, relation, fields, parsing)
    dataset.opened.append(opened)
    return opened


@contextmanager
def explained(engine: Engine, loaded: LoadedPlan, dataset: Dataset) -> Iterator[None]:
    """A query the engine refused (:class:`QueryError`), told as a problem of the plan: each
    mapped column of a table that the engine cannot read as its field, at its mapping."""
    try:
        yield
    except QueryError as exc:
        raise PlanError(_refused(engine, loaded, dataset, exc)) from None


def _refused(engine: Engine, loaded: LoadedPlan, dataset: Dataset,
             exc: QueryError) -> list[Issue]:
    """Every field whose reading the engine refuses on its own; else the engine's reason at
    the first table."""
    tables = [o for o in dataset.opened if not o.info.from_file]
    issues = []
    for opened in tables:
        for f in opened.fields:
            found = engine.probe(f"SELECT COUNT({typed.field_sql(f, opened.parsing)}) "
                                 f"FROM {opened.relation}")
            if found is not None:
                issues.append(_field_issue(loaded, opened, f, found))
    if issues:
        return issues
    where = (*tables[0].base, "table") if tables else ("data", "orders")
    return [_issue(loaded, rules.QUERY_REFUSED, where, _(
        "the engine refused a query over {tables}: {reason}").format(
        tables=join(_where(o.info) for o in tables) or _("the sources"),
        reason=_reason(exc)), _("check that each mapped column holds what its field needs "
                                "(dates as dates, amounts as numbers)"))]


def _field_issue(loaded: LoadedPlan, opened: Opened, f: typed.Field,
                 exc: QueryError) -> Issue:
    if f.name in typed.DATE_FIELDS:
        message = _("{where}: column '{column}' for {field} cannot be read as a date: {reason}")
        hint = _("the warehouse column must be a date, or convert it (a view that parses the "
                 "text, named in table:)")
    elif f.name == "amount":
        message = _("{where}: column '{column}' for {field} cannot be read as a number: "
                    "{reason}")
        hint = _("the warehouse column must be a number, or convert it (a view that parses "
                 "the text, named in table:)")
    else:
        message = _("{where}: column '{column}' for {field} cannot be read as text: {reason}")
        hint = _("map a column that holds text or numbers")
    return _issue(loaded, rules.COLUMN_TYPE, f.path, message.format(
        where=_where(opened.info), column=f.column, field=f.name, reason=_reason(exc)), hint)


def _reason(exc: QueryError) -> str:
    """The engine's reason; a value it quotes is the client's data, shown by its shape."""
    if not exc.data:
        return exc.reason
    return _QUOTED.sub(lambda m: '"' + clean.shape(m.group(1)) + '"', exc.reason)


def _issue(loaded: LoadedPlan, rule: Rule, path: PlanPath, message: str, hint: str) -> Issue:
    return loaded.finding(rule, path, message, hint)


def _where(info: SourceInfo) -> str:
    return info.name if info.sha256 else _("table {name}").format(name=shown(info.name))


def _relation(engine: Engine, loaded: LoadedPlan, plan_path: Path, source: Source, role: str,
              base: tuple[str, ...]) -> tuple[str, SourceInfo]:
    """The relation the export is read from, and how it is named."""
    use_table = not engine.embedded or (
        isinstance(engine, DuckDBEngine) and engine.database is not None and source.table)
    if use_table:
        if source.table is None:
            raise UsageError(_("{where}: no table is named for the {role} on the warehouse")
                             .format(where=loaded.location(base), role=role),
                             _("add table: to the source, e.g. table: sales.{role}").format(
                                 role=role))
        return table_name(source.table, loaded, base), SourceInfo(role, source.table, None, 0)
    if source.file is None:
        raise UsageError(_("{where}: no file is named for the {role}").format(
            where=loaded.location(base), role=role),
            _("add file: to the source, or run on the warehouse with --engine URL"))
    assert isinstance(engine, DuckDBEngine)
    try:
        found = files.resolve(plan_path, source, role)
    except UsageError as exc:  # say where the plan names the file, and where it was looked for
        raise UsageError(labelled(loaded.location((*base, "file")), exc.message),
                         exc.hint or _("a relative file: is read from the plan's folder, "
                                       "{folder}").format(
                                           folder=shown_path(plan_path.parent))) from None
    try:
        files.open_file(engine, found, source)
    except files.SettingProblem as exc:  # a setting that does not fit the file: at its line
        raise PlanError([_issue(loaded, exc.rule, (*base, exc.key), exc.message,
                                exc.hint)]) from None
    return f"{role}_file", SourceInfo(role, found.name, found.sha256, 0)


def table_name(name: str, loaded: LoadedPlan, base: tuple[str, ...]) -> str:
    """``schema.table`` as SQL; a part with a dash (BigQuery projects) is quoted."""
    parts = name.split(".")
    if len(parts) > 3 or not all(_TABLE_PART.match(p) for p in parts):
        raise UsageError(_("{where}: '{name}' is not a table name").format(
            where=loaded.location((*base, "table")), name=shown(name)),
            _("write it as table, schema.table or catalog.schema.table"))
    return ".".join(quote(p) if "-" in p else p for p in parts)


def _dates(dataset: Dataset, survey: clean.Survey, as_of: dt.date | None) -> None:
    dataset.first_day, dataset.last_day = survey.first_day, survey.last_day
    # never today's date: the same data gives the same figures on any day
    dataset.as_of = as_of or dataset.last_day or EMPTY_AS_OF
    # rows after a given as-of date never reach ``orders`` (see clean.define_orders)
    dataset.after_as_of = survey.later
    if dataset.after_as_of:
        dataset.problems.append(("orders", clean.Tally(rules.AFTER_AS_OF, dataset.after_as_of)))
    if survey.later_refunds:
        dataset.problems.append(("orders", clean.Tally(rules.REFUNDS_AFTER_AS_OF,
                                                       survey.later_refunds)))
