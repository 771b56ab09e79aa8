"""Writing computed figures into the plan: KPI snapshots and the figures of plan segments.

KPI figures go through :mod:`crmplan.baseline.record` (checked first, then one
atomic, comment-preserving save). Segment figures are set on each plan
segment that has a ``rule``; a figure already in the plan that differs is
refused unless ``replace``. A segment under the privacy threshold is skipped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from crmplan.baseline.record import NewFigure, plain_number
from crmplan.data.compute import KpiResult, SegmentResult
from crmplan.data.kpis import figure_format, rounded
from crmplan.data.report import segment_figures
from crmplan.i18n import _
from crmplan.model.catalogue import Format
from crmplan.model.kpis import FigureMethod
from crmplan.plan.edit import EditablePlan

PERCENT_DIGITS = 2


def money_digits(currency: str) -> int:
    from babel.numbers import get_currency_precision

    return int(get_currency_precision(currency))


def kpi_figures(result: KpiResult, currency: str) -> list[NewFigure]:
    """A snapshot for each plan KPI that was computed, dated the as-of date."""
    found = []
    dataset = result.dataset
    for row in result.rows:
        f = row.figure
        if f.kpi is None or f.value is None:
            continue
        money = figure_format(f.measure) is Format.MONEY
        digits = money_digits(currency) if money else PERCENT_DIGITS
        note = _("computed by crmplan baseline compute over the {window}").format(
            window=_window_note(row.figure.window, dataset.as_of))
        found.append(NewFigure(f.kpi, dataset.as_of, rounded(f.value, digits),
                               dataset.source_text(), note,
                               method=FigureMethod.COMPUTED_STANDARD.value))
    return found


def _window_note(window: object, as_of: dt.date) -> str:
    from crmplan.data.kpis import Window

    if isinstance(window, Window):
        return _("period from {start} (excluded) to {end}").format(
            start=window.start.isoformat(), end=window.end.isoformat())
    return _("whole history to {end}").format(end=as_of.isoformat())


@dataclass
class SegmentWrites:
    """What recording the segments does: new values, conflicts, and skipped segments."""

    values: list[tuple[int, str, object]] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    unchanged: int = 0


def segment_writes(result: SegmentResult, currency: str, replace: bool) -> SegmentWrites:
    """Every value to set; a value that differs from the plan's is a conflict (no replace)."""
    writes = SegmentWrites()
    for row in result.plan:
        assert row.segment is not None and row.index is not None
        if row.group is None or row.suppressed:
            writes.skipped.append(row.key)
            continue
        for key, value in _segment_values(row, result, currency).items():
            old = getattr(row.segment, key)
            if old is not None and old == value:
                writes.unchanged += 1
                continue
            if old is not None and not replace and key != "value_note":
                writes.conflicts.append(f"segments[{row.key}].{key}: {plain_number(old)} → "
                                        f"{value}")
            writes.values.append((row.index, key, value))
    return writes


def _segment_values(row: object, result: SegmentResult, currency: str) -> dict[str, object]:
    from crmplan.data.compute import SegmentRow

    assert isinstance(row, SegmentRow) and row.group is not None
    f = segment_figures(row, result)
    money = money_digits(currency)

    def num(key: str, digits: int) -> float | int | None:
        value = f.get(key)
        return None if value is None else plain_number(rounded(Decimal(value), digits))

    values: dict[str, object] = {
        "size": row.group.customers,
        "contactable_pct": num("contactable_pct", PERCENT_DIGITS),
        "consented_pct": num("consented_pct", PERCENT_DIGITS),
        "revenue_share_pct": num("revenue_share_pct", PERCENT_DIGITS),
        "annual_revenue": num("annual_revenue", money),
        "long_term_value": num("value_per_customer", money),
    }
    values = {k: v for k, v in values.items() if v is not None and not (
        k in ("annual_revenue", "long_term_value") and isinstance(v, (int, float)) and v < 0)}
    values["value_note"] = _(
        "Computed by crmplan segment compute as of {as_of} from {sources}: annual revenue is "
        "the net revenue of the year to that day, long-term value the net revenue per "
        "customer over the whole history.").format(
            as_of=result.dataset.as_of.isoformat(), sources=result.dataset.source_text())
    return values


def write_segments(plan: EditablePlan, writes: SegmentWrites) -> None:
    """Set every value, then save once (atomically)."""
    for index, key, value in writes.values:
        plan.set_value(("segments", index, key), value)
    plan.save()
