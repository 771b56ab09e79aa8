"""KPI values as a reader expects them: 27.5%, +2.7 pts, ₩1,500,000, 10.8 h, per locale."""

from __future__ import annotations

from crmplan.i18n import _, format_money, format_number, format_percent
from crmplan.kpi.progress import Progress
from crmplan.model.kpis import Unit


def value_text(value: float | None, unit: Unit | None, currency: str) -> str:
    """A KPI value in its unit; an em dash when there is none."""
    if value is None:
        return "—"
    if unit is Unit.CURRENCY:
        return format_money(value, currency)
    if unit is Unit.PERCENT:
        return format_percent(value, digits=2)
    return _unit_suffix(format_number(value), unit)


def change_text(change: float | None, unit: Unit | None, currency: str,
                among: float | None = None) -> str:
    """A signed change in the KPI's unit; percentages change by points. A change of money
    is written as the KPI's figures are (``among``: see ``figures_size``)."""
    if change is None:
        return "—"
    sign = "+" if change > 0 else ""
    if unit is Unit.CURRENCY:
        return sign + format_money(change, currency, among=among)
    number = sign + format_number(change)
    if unit is Unit.PERCENT:
        return _("{value} pts").format(value=number)
    return _unit_suffix(number, unit)


def pace_text(pace: float | None, unit: Unit | None, currency: str,
              among: float | None = None) -> str:
    """A change per month, money written as the KPI's figures are (``among``)."""
    if pace is None:
        return "—"
    return _("{change}/month").format(change=change_text(pace, unit, currency, among))


def figures_size(progress: Progress) -> float | None:
    """The largest of a KPI's figures (its baseline, latest figure, target): the size its
    changes of money are written at, so a monthly pace of 1,965 yuan beside 33.12万元 reads
    0.2万元 and 1,965.43 nowhere."""
    figures = (progress.baseline, progress.current)
    values = [progress.target, *(figure.value for figure in figures if figure)]
    return max((abs(value) for value in values if value is not None), default=None)


def share_text(share: float | None) -> str:
    """A share in percent (0-100, not 0-1), or an em dash."""
    if share is None:
        return "—"
    return format_percent(share, digits=0)


def unit_affixes(unit: Unit | None) -> tuple[str, str]:
    """What comes before and after a number of ``unit`` (``""`` and ``" h"``; ``""`` and
    ``"%"``); money has its own rule (:func:`crmplan.i18n.money_unit`)."""
    if unit is Unit.PERCENT:
        return "", "%"
    before, _value, after = _unit_pattern(unit).partition("{value}")
    return before, after


def _unit_pattern(unit: Unit | None) -> str:
    if unit is Unit.HOURS:
        return _("{value} h")
    if unit is Unit.MINUTES:
        return _("{value} min")
    if unit is Unit.DAYS:
        return _("{value} days")
    return "{value}"


def _unit_suffix(number: str, unit: Unit | None) -> str:
    return _unit_pattern(unit).format(value=number)
