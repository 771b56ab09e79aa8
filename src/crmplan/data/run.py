"""What ``baseline compute`` and ``segment compute`` share: a run over the client's exports.

The plan is opened (editable when the command records), the engine connected,
the exports read and the rules applied, then the command's figures computed,
all before anything is shown or written. Also here: the checks of
``--as-of`` and ``--memory-limit``, and the data section both reports end with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from crmplan.data import report
from crmplan.data.engine import MEMORY_LIMIT, Engine, connect
from crmplan.data.load import EARLIEST_AS_OF, Columns, Dataset, Step, explained, open_dataset
from crmplan.errors import UsageError
from crmplan.i18n import _
from crmplan.markdown import cell
from crmplan.plan.edit import EditablePlan
from crmplan.plan.language import load_in_language, open_for_edit
from crmplan.plan.load import LoadedPlan
from crmplan.quoting import shown

T = TypeVar("T")

ProgressBar = Callable[[int], AbstractContextManager[Step]]  # output.progress


@dataclass(frozen=True)
class DataRun:
    """Which plan, in which language, over which data and engine."""

    path: Path
    lang: str | None
    as_of: dt.date | None
    record: bool
    engine: str | None
    memory_limit: str | None


@dataclass(frozen=True)
class Computed(Generic[T]):
    """The plan's file, its editable text (when recording), the plan, the figures."""

    plan_path: Path
    editable: EditablePlan | None
    loaded: LoadedPlan
    result: T


def compute_from_data(run: DataRun, steps: int, progress: ProgressBar,
                      columns: Callable[[LoadedPlan], Columns],
                      compute: Callable[[Engine, LoadedPlan, Dataset, Step], T]) -> Computed[T]:
    """Open the plan, read the data (``progress`` shows the ``steps``), compute."""
    editable = None
    if run.record:
        plan_path, editable, loaded = open_for_edit(run.path, run.lang)
    else:
        plan_path, loaded = load_in_language(run.path, run.lang)
    with progress(steps) as step, _connect(run) as engine:
        dataset = open_dataset(engine, loaded, plan_path, run.as_of, step, columns(loaded))
        with explained(engine, loaded, dataset):  # a warehouse casts a column when it is read
            result = compute(engine, loaded, dataset, step)
    return Computed(plan_path, editable, loaded, result)


def _connect(run: DataRun) -> AbstractContextManager[Engine]:
    """The engine ``--engine`` names: Spark (:mod:`.spark`), else DuckDB or a warehouse."""
    if run.engine is not None:
        from crmplan.data import spark

        if spark.is_spark(run.engine):
            return spark.connect(run.engine)
    return connect(run.engine, run.memory_limit)


def checked_memory_limit(text: str) -> str:
    """``--memory-limit`` as DuckDB takes it (a size or a share of the memory), or a usage
    error."""
    found = MEMORY_LIMIT.match(text)
    amount = float(found.group(1)) if found else 0
    if found and amount > 0 and not (text.strip().endswith("%") and amount > 100):
        return text
    raise UsageError(_("'{value}' is not an amount of memory; write a size such as 1GB, 512MB "
                       "or 4GiB, or a share of the computer's memory such as 50%").format(
                           value=shown(text)))


def checked_as_of(text: str) -> dt.date:
    """``--as-of`` as a date no earlier than :data:`EARLIEST_AS_OF`, or a usage error."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(_("'{value}' is not a date; write YYYY-MM-DD").format(
            value=shown(text))) from None
    if day < EARLIEST_AS_OF:
        raise UsageError(_("'{value}' is before {earliest}, the earliest as-of date").format(
            value=text, earliest=EARLIEST_AS_OF.isoformat()))
    return day


def header_lines(dataset: Dataset) -> list[tuple[str, str | None]]:
    """Where the figures come from, as lines of text with their style."""
    return [(line, "dim") for line in report.header_lines(dataset)]


def problem_section(dataset: Dataset, currency: str) -> list[tuple[str, str | None]]:
    """The data section of the text report: what was left out or corrected, and why."""
    lines = report.problem_lines(dataset, currency)
    return [("", None), (_("Data"), "bold"),
            *(("  " + line, None) for line in lines or [_("no problem found in the data")])]


def problems_markdown(dataset: Dataset, currency: str) -> list[str]:
    """The data section of the Markdown report."""
    lines = report.problem_lines(dataset, currency) or [_("no problem found in the data")]
    return ["## " + _("Data"), "", *(f"- {cell(line.strip())}" for line in lines)]
