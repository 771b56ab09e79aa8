"""Recording dated KPI figures in the plan: checked first, written together, atomically.

``baseline record`` writes one figure and ``baseline import`` many; both go
through :func:`plan_figures`, which checks every figure against the plan
before anything is written, and :func:`write_figures`, which edits the plan
with the round-trip writer (comments and formatting kept) and saves once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path

from crmplan import rules
from crmplan.errors import UsageError
from crmplan.findings import Rule
from crmplan.i18n import _
from crmplan.kpi.progress import kpi_spec
from crmplan.model.base import LARGEST, TEXT_LIMIT
from crmplan.model.kpis import FigureMethod, Kpi
from crmplan.plan.edit import EditablePlan
from crmplan.plan.load import LoadedPlan
from crmplan.plan.reader import FORBIDDEN_CHARACTERS
from crmplan.quoting import closest, shown

MAX_TEXT = TEXT_LIMIT  # as the plan's text fields


@dataclass(frozen=True)
class NewFigure:
    """A dated KPI value to record as a snapshot; ``row`` is its CSV row, if any."""

    kpi: str
    date: dt.date
    value: float
    source: str | None = None
    note: str | None = None
    row: int = 0
    method: str | None = None  # how it was obtained (model: FigureMethod)


@dataclass(frozen=True)
class Refusal:
    """Why a figure cannot be recorded: the field at fault, the message, the fix."""

    figure: NewFigure
    field: str
    message: str
    hint: str = ""
    rule: Rule = dataclasses.field(kw_only=True)


@dataclass(frozen=True)
class Write:
    """One edit: append a snapshot, or replace the one at ``index``; or, with ``baseline``,
    write (or replace) the KPI's baseline."""

    kpi_index: int
    figure: NewFigure
    index: int | None = None
    baseline: bool = False


@dataclass
class Batch:
    """What recording a list of figures would do, and what stops it."""

    writes: list[Write] = field(default_factory=list)
    unchanged: list[NewFigure] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)


def plan_figures(loaded: LoadedPlan, figures: list[NewFigure], *, replace: bool,
                 today: dt.date, as_baseline: bool = False,
                 before_baseline: bool = False) -> Batch:
    """Check every figure; nothing is written when any is refused. With ``as_baseline``, a
    figure of a KPI without a baseline (or dated the baseline's day) is its baseline. A
    figure dated before its KPI's baseline is refused unless ``before_baseline``."""
    batch = Batch()
    kpis = {k.id: i for i, k in enumerate(loaded.plan.kpis)}
    seen: dict[tuple[str, dt.date], NewFigure] = {}
    for figure in figures:
        refusals = _check(figure, kpis, loaded.plan.kpis, today)
        if not refusals and not before_baseline:
            refusals += _before_baseline(figure, loaded.plan.kpis[kpis[figure.kpi]])
        earlier = seen.setdefault((figure.kpi, figure.date), figure)
        if earlier is not figure:
            refusals.append(Refusal(figure, "date", _(
                "a second figure for KPI '{kpi}' on {date} (first in row {row})").format(
                    kpi=figure.kpi, date=figure.date.isoformat(), row=earlier.row),
                rule=rules.REPEATED_FIGURE))
        if refusals:
            batch.refusals += refusals
        else:
            kpi, index = loaded.plan.kpis[kpis[figure.kpi]], kpis[figure.kpi]
            if as_baseline and (kpi.baseline is None or kpi.baseline.as_of == figure.date):
                _place_baseline(batch, kpi, index, figure, replace)
            else:
                _place(batch, kpi, index, figure, replace, by_value=as_baseline)
    return batch


def _check(figure: NewFigure, kpis: dict[str, int], plan_kpis: list[Kpi], today: dt.date
           ) -> list[Refusal]:
    if figure.kpi not in kpis:
        return [_unknown_kpi(figure, sorted(kpis))]
    found = _value_problems(figure, plan_kpis[kpis[figure.kpi]])
    if figure.date > today:
        found.append(Refusal(figure, "date", _("{date} is in the future").format(
            date=figure.date.isoformat()), _("record a figure once it has been measured"),
            rule=rules.FIGURE_IN_FUTURE))
    found += [r for name in ("source", "note") if (r := _text_problem(figure, name))]
    return found


def _before_baseline(figure: NewFigure, kpi: Kpi) -> list[Refusal]:
    """A figure dated before the KPI's baseline: most often the year mistyped."""
    if kpi.baseline is None or figure.date >= kpi.baseline.as_of:
        return []
    return [Refusal(figure, "date", _(
        "{date} is before the baseline of KPI '{kpi}' ({as_of}); reports would not count it")
        .format(date=figure.date.isoformat(), kpi=kpi.id, as_of=kpi.baseline.as_of.isoformat()),
        _("check the date (often the year); to record it anyway, add --before-baseline"),
        rule=rules.FIGURE_BEFORE_BASELINE_REFUSED)]


def _unknown_kpi(figure: NewFigure, known: list[str]) -> Refusal:
    return Refusal(figure, "kpi", *unknown_kpi(figure.kpi, known), rule=rules.FIGURE_UNKNOWN_KPI)


def unknown_kpi(kpi: str, known: list[str]) -> tuple[str, str]:
    """The message and hint for a KPI id the plan does not define."""
    close = closest(kpi, known)
    hint = (_("did you mean '{id}'?").format(id=close) if close else
            _("known: {ids}").format(ids=", ".join(known[:12])) if known else
            _("none is defined yet"))
    return _("unknown KPI '{id}'").format(id=shown(kpi)), hint


def _value_problems(figure: NewFigure, kpi: Kpi) -> list[Refusal]:
    if not math.isfinite(figure.value):
        return [Refusal(figure, "value", _("the value must be a finite number"),
                        rule=rules.IMPOSSIBLE_FIGURE)]
    if abs(figure.value) > LARGEST:
        return [Refusal(figure, "value", _("{value} is larger than any plan figure can be")
                        .format(value=number_text(figure.value)),
                        _("check the figure and its unit"), rule=rules.IMPOSSIBLE_FIGURE)]
    spec = kpi_spec(kpi)
    low, high = spec.minimum, spec.maximum
    if (low is None or figure.value >= low) and (high is None or figure.value <= high):
        return []
    return [Refusal(figure, "value", _(
        "{value} is not a possible value of KPI '{kpi}' ({low} to {high})").format(
            value=number_text(figure.value), kpi=kpi.id,
            low="…" if low is None else number_text(low),
            high="…" if high is None else number_text(high)),
        _("check the figure and its unit (percentages are written 0-100)"),
        rule=rules.IMPOSSIBLE_FIGURE)]


def _text_problem(figure: NewFigure, name: str) -> Refusal | None:
    text = getattr(figure, name)
    if text is None:
        return None
    if not text.strip() or len(text) > MAX_TEXT:
        return Refusal(figure, name, _("the {field} must hold 1 to {limit} characters").format(
            field=name, limit=MAX_TEXT), rule=rules.BAD_FIGURE_TEXT)
    bad = FORBIDDEN_CHARACTERS.search(text)
    if bad:
        return Refusal(figure, name, _("the {field} holds the control character U+{code:04X}")
                       .format(field=name, code=ord(bad.group())), rule=rules.BAD_FIGURE_TEXT)
    return None


def _place_baseline(batch: Batch, kpi: Kpi, kpi_index: int, figure: NewFigure,
                    replace: bool) -> None:
    """The first figure of a KPI is its baseline; one for the baseline's own date replaces
    it (with ``replace``) or is the same."""
    existing = kpi.baseline
    if existing is None:
        batch.writes.append(Write(kpi_index, figure, baseline=True))
    elif existing.value == figure.value:  # the same figure (from a new file, perhaps)
        batch.unchanged.append(figure)
    elif replace:  # index 0: the baseline there is replaced key by key
        batch.writes.append(Write(kpi_index, figure, 0, baseline=True))
    else:
        batch.refusals.append(Refusal(figure, "date", _(
            "KPI '{kpi}' already has a baseline for {date}: {value}, not {new}").format(
                kpi=figure.kpi, date=figure.date.isoformat(), value=number_text(existing.value),
                new=number_text(figure.value)),
            _("use --replace to overwrite it"), rule=rules.FIGURE_CONFLICT))


def _place(batch: Batch, kpi: Kpi, kpi_index: int, figure: NewFigure, replace: bool,
           by_value: bool = False) -> None:
    """Append it, or replace (with ``replace``) the snapshot of the same date. A computed
    figure (``by_value``) equal to the one there is the same, whatever its source says."""
    same = [i for i, s in enumerate(kpi.snapshots) if s.date == figure.date]
    if not same:
        batch.writes.append(Write(kpi_index, figure))
        return
    existing = kpi.snapshots[same[0]]
    if existing.value == figure.value and (by_value or (
            (figure.source or None) == existing.source and (
                figure.note is None or figure.note == existing.note))):
        batch.unchanged.append(figure)
    elif replace:
        batch.writes.append(Write(kpi_index, figure, same[0]))
    else:
        batch.refusals.append(Refusal(figure, "date", _(
            "KPI '{kpi}' already has a figure for {date}: {value}").format(
                kpi=figure.kpi, date=figure.date.isoformat(), value=number_text(existing.value)),
            _("use --replace to overwrite it"), rule=rules.FIGURE_CONFLICT))


def write_figures(path: Path, plan: EditablePlan, writes: list[Write]) -> None:
    """Make every edit, then save once (atomically); nothing is written if an edit fails."""
    apply_figures(plan, writes)
    plan.save()


def apply_figures(plan: EditablePlan, writes: list[Write]) -> None:
    """Make every edit in the plan's text (not saved yet)."""
    for write in writes:
        if write.baseline:
            _write_baseline(plan, write)
            continue
        base = ("kpis", write.kpi_index, "snapshots")
        if write.index is None:
            plan.append_item(base, snapshot_entry(write.figure))
            continue
        for key, value in snapshot_entry(write.figure).items():
            if key != "date":
                plan.set_value((*base, write.index, key), value)


def _write_baseline(plan: EditablePlan, write: Write) -> None:
    base = ("kpis", write.kpi_index, "baseline")
    entry = snapshot_entry(write.figure)
    entry = {"value": entry["value"], "as_of": write.figure.date,
             **{k: v for k, v in entry.items() if k in ("source", "note", "method")}}
    if write.index is None:
        plan.set_value(base, entry)
        return
    for key, value in entry.items():
        plan.set_value((*base, key), value)


def figure_method(text: str | None) -> str | None:
    """A figure's method as given (``--method``); UsageError for one the plan cannot hold."""
    if text is None or text in FigureMethod._value2member_map_:
        return text
    raise UsageError(*method_problem(text))


def method_problem(text: str) -> tuple[str, str]:
    """What is wrong with ``text`` as a figure's method, and the fix: (message, hint)."""
    return (_("'{value}' is not a method").format(value=shown(text)), _(
        "write one of {methods}").format(methods=", ".join(m.value for m in FigureMethod)))


def snapshot_entry(figure: NewFigure) -> dict[str, object]:
    """The snapshot as it is written in the plan: date, value, then source, note and
    method."""
    entry: dict[str, object] = {"date": figure.date, "value": plain_number(figure.value)}
    if figure.source:
        entry["source"] = figure.source
    if figure.note:
        entry["note"] = figure.note
    if figure.method:
        entry["method"] = figure.method
    return entry


def plain_number(value: float) -> int | float:
    """30 rather than 30.0, as a person writes it."""
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else float(value)


def number_text(value: float) -> str:
    """A number as it is written in a plan or a CSV file: ``30``, ``27.5``, ``-0.25``."""
    return str(plain_number(value))
