"""A KPI's figures on a chart, in the unit the documents write them in: ``68%``,
``20.3시간``, ``31.6万元``, ``$118.40``.

A chart's number format carries the unit (``General"%"``), so the axis and every data
label show it; money is divided into the unit :func:`crmplan.i18n.money_unit` gives
(万元 and 만 원 from 10,000 on), the rule the documents' amounts follow."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from crmplan.i18n import money_unit
from crmplan.kpi.values import unit_affixes
from crmplan.model.units import Unit

GROUPED_FROM = 1000  # from here on, whole numbers with thousands separators


@dataclass(frozen=True)
class Scale:
    """What a chart's values are divided by, the number format of its data labels, and
    that of its axis (whole amounts of money: $140, not $140.00)."""

    divisor: float
    number_format: str
    axis_format: str

    def of(self, value: float | None) -> float | None:
        """``value`` in the chart's unit."""
        return None if value is None else round(value / self.divisor, 6)


def scale(unit: Unit | None, currency: str, values: Iterable[float | None]) -> Scale:
    """The scale of a chart of ``values`` counted in ``unit`` (money in ``currency``)."""
    size = max((abs(v) for v in values if v is not None), default=0.0)
    decimals = None
    if unit is Unit.CURRENCY:
        divisor, before, after, decimals = money_unit(currency, size)
    else:
        divisor, (before, after) = 1.0, unit_affixes(unit)
    if decimals is None and size / divisor >= GROUPED_FROM:
        decimals = 0
    written = _quoted(before) + "{digits}" + _quoted(after)
    return Scale(
        divisor,
        written.format(digits=_digits(decimals)),
        written.format(digits=_digits(0 if decimals else decimals)),
    )


def _digits(decimals: int | None) -> str:
    """A number with ``decimals`` (grouped in thousands), or as it is (``General``)."""
    if decimals is None:
        return "General"
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _quoted(text: str) -> str:
    """``text`` as literal text in a number format."""
    return '"' + text.replace('"', "") + '"' if text else ""
