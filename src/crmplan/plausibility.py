"""Values that fit the plan's types but cannot be what was meant: ``validate``'s warnings.

The schema takes a snapshot dated 2025-01-01 against a 2026 baseline, a target of
15 against a baseline of 12.4 for churn, or a consented share of 0.71 in a plan
whose other shares are 35 and 90. Each is most likely a typing mistake, and each
would make a report say something wrong; the reports themselves leave such a figure
out or do not judge such a target (:mod:`crmplan.kpi.progress`), and ``validate``
says why, at the line to fix.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator
from typing import Any

import annotated_types
from pydantic import BaseModel

from crmplan import rules
from crmplan.findings import Issue
from crmplan.i18n import _
from crmplan.kpi.progress import DIRECTION_NAMES, improvement, kpi_spec
from crmplan.kpi.values import value_text
from crmplan.model.kpis import Kpi, Unit
from crmplan.plan.load import LoadedPlan
from crmplan.plan.source import PlanPath

Share = tuple[PlanPath, float]


def plausibility_warnings(loaded: LoadedPlan) -> list[Issue]:
    """Every value of the plan that fits its type but is most likely a mistake."""
    found: list[Issue] = []
    for index, kpi in enumerate(loaded.plan.kpis):
        found += _before_baseline(loaded, index, kpi)
        found += _target_not_better(loaded, index, kpi)
    found += _fractions(loaded, list(_percent_fields(loaded.plan, ())))
    for index, kpi in enumerate(loaded.plan.kpis):
        found += _fractions(loaded, _kpi_percentages(index, kpi))
    return found


def _before_baseline(loaded: LoadedPlan, index: int, kpi: Kpi) -> list[Issue]:
    if kpi.baseline is None:
        return []
    start = kpi.baseline.as_of
    return [loaded.finding(rules.FIGURE_BEFORE_BASELINE, ("kpis", index, "snapshots", i), _(
        "KPI '{kpi}': the figure of {date} is dated before the baseline ({as_of}), so no "
        "report counts it").format(kpi=kpi.id, date=s.date.isoformat(), as_of=start.isoformat()),
        _("check the year; a figure measured before the baseline belongs in the baseline's "
          "note, not in the snapshots"))
        for i, s in enumerate(kpi.snapshots) if s.date < start]


def _target_not_better(loaded: LoadedPlan, index: int, kpi: Kpi) -> list[Issue]:
    if kpi.baseline is None or kpi.target is None:
        return []
    spec = kpi_spec(kpi)
    if improvement(spec, kpi.target.value - kpi.baseline.value) > 0:
        return []
    currency = loaded.plan.client.currency
    return [loaded.finding(rules.KPI_TARGET_NOT_AN_IMPROVEMENT, ("kpis", index, "target"), _(
        "KPI '{kpi}': the target {target} is no better than the baseline {baseline} "
        "({direction} is better)").format(
            kpi=kpi.id, target=value_text(kpi.target.value, spec.unit, currency),
            baseline=value_text(kpi.baseline.value, spec.unit, currency),
            direction=_(DIRECTION_NAMES[spec.direction])),
        _("check the target, the baseline and the KPI's direction"))]


# -- shares written as fractions ---------------------------------------------------------------


def _fractions(loaded: LoadedPlan, shares: list[Share]) -> list[Issue]:
    """The shares between 0 and 1 of a group whose shares are mostly above 1."""
    small = [(path, value) for path, value in shares if 0 < value < 1]
    large = [value for _path, value in shares if value > 1]
    if not small or len(large) <= len(small):
        return []
    return [loaded.finding(rules.SHARE_AS_FRACTION, path, _(
        "{value} reads as {value}%, but the other shares here are written as percentages "
        "(0-100)").format(value=_number(value)),
        _("write {percent} if you mean {percent} percent").format(percent=_number(value * 100)))
        for path, value in small]


def _number(value: float) -> str:
    return f"{value:.10g}"


def _kpi_percentages(index: int, kpi: Kpi) -> list[Share]:
    """A KPI's figures and target, when it counts in percent."""
    if kpi_spec(kpi).unit is not Unit.PERCENT:
        return []
    found: list[Share] = []
    if kpi.baseline:
        found.append((("kpis", index, "baseline", "value"), kpi.baseline.value))
    if kpi.target:
        found.append((("kpis", index, "target", "value"), kpi.target.value))
    found += [(("kpis", index, "snapshots", i, "value"), s.value)
              for i, s in enumerate(kpi.snapshots)]
    return found


def _percent_fields(model: BaseModel, path: PlanPath) -> Iterator[Share]:
    """Every value of a field typed as a percentage (0-100), anywhere in the plan."""
    percent = _percent_names(type(model))
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from _percent_fields(value, (*path, name))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _percent_fields(item, (*path, name, i))
        elif isinstance(value, float) and name in percent:
            yield (*path, name), value


@functools.cache
def _percent_names(model: type[BaseModel]) -> frozenset[str]:
    """The fields of ``model`` typed as a percentage: read once per model (an editor
    checks the plan again at every change)."""
    return frozenset(name for name, info in model.model_fields.items()
                     if _is_percent(info.metadata, info.annotation))


def _is_percent(metadata: list[Any], annotation: Any) -> bool:
    found = [*metadata, *(m for a in typing.get_args(annotation) for m in _annotated(a))]
    return any(isinstance(m, annotated_types.Ge) and m.ge == 0 for m in found) and any(
        isinstance(m, annotated_types.Le) and m.le == 100 for m in found)


def _annotated(annotation: Any) -> list[Any]:
    if typing.get_origin(annotation) is not typing.Annotated:
        return []
    found: list[Any] = []
    for item in typing.get_args(annotation)[1:]:
        found += getattr(item, "metadata", [item])
    return found
