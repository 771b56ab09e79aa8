"""Step 2 of the strategy: KPIs with their definition, baseline, target and snapshots.

Unit, Direction and Period are defined in :mod:`crmplan.model.units` (the catalogue
needs them too) and imported from here as well.
"""

from __future__ import annotations

import enum

from pydantic import model_validator

from crmplan.i18n import N_
from crmplan.model.base import (
    Date,
    Id,
    Model,
    Name,
    Number,
    Text,
    check_order,
    described,
    items,
    required,
)
from crmplan.model.catalogue import CatalogueKpi
from crmplan.model.units import Direction as Direction
from crmplan.model.units import Period as Period
from crmplan.model.units import Unit as Unit

PERIOD_NAMES = {
    Period.DAY: N_("day"),
    Period.WEEK: N_("week"),
    Period.MONTH: N_("month"),
    Period.QUARTER: N_("quarter"),
    Period.HALF_YEAR: N_("half year"),
    Period.YEAR: N_("year"),
}


# What people write for a source system that is not there yet, in the languages of
# crmplan (compared without case, spaces and punctuation): it names no system.
NO_SYSTEM_YET = frozenset(
    {
        "none",
        "noneyet",
        "nosystem",
        "nosystemyet",
        "na",
        "n/a",
        "tbd",
        "tbc",
        "tba",
        "unknown",
        "notyet",
        "notknown",
        "notdecided",
        "tobedecided",
        "tobeconfirmed",
        "nothing",
        "pending",
        "notapplicable",
        "-",
        "?",
        "없음",
        "아직없음",
        "미정",
        "모름",
        "해당없음",
        "미확인",
        "추후결정",
        "정해지지않음",
        "시스템없음",
        "无",
        "暂无",
        "没有",
        "未定",
        "待定",
        "未知",
        "不详",
        "尚无",
        "待确认",
        "无系统",
        "尚未确定",
    }
)
_IGNORED = str.maketrans("", "", " \t.,;:!()（），。、；：！'\"")


def names_a_system(text: str | None) -> bool:
    """True when ``text`` names where a figure comes from, not that nothing does yet
    (``none yet``, ``미정``, ``暂无``)."""
    if text is None:
        return False
    key = text.lower().translate(_IGNORED)
    return bool(key) and key not in NO_SYSTEM_YET


class Definition(Model):
    """Exactly what a KPI counts, so that it can be measured again the same way."""

    counts: Text | None = described("What is counted, in plain words.")
    numerator: Text | None = described("For a rate: what is counted on top.")
    denominator: Text | None = described("For a rate: what it is divided by.")
    period: Period | None = described("The period each value covers.")
    source_system: Text | None = described(
        "Where the figure comes from: CRM, sales records, service logs, campaign results."
    )


class FigureMethod(str, enum.Enum):
    """How a KPI figure was obtained; a change between consecutive figures is a change of
    method, not necessarily a change in the business."""

    REPORTED = "reported"
    COMPUTED_STANDARD = "computed_standard"
    COMPUTED_PLAN = "computed_plan"
    ESTIMATED = "estimated"


_METHOD = N_(
    "How the figure was obtained: reported (by a system or report), computed_standard "
    "(by crmplan, with its standard definition), computed_plan (by crmplan, with the "
    "plan's definition) or estimated."
)


class Baseline(Model):
    """The KPI's value when the strategy started, with its source and date."""

    value: Number = required("The measured value.")
    as_of: Date = required("The date the value was measured.")
    source: Text = required("Where the value comes from (system, report, survey).")
    note: Text | None = described("Anything a reader should know about the figure.")
    method: FigureMethod | None = described(_METHOD)


class Target(Model):
    """Where the KPI should be, and by when."""

    value: Number = required("The value to reach.")
    by: Date = required("The deadline.")
    note: Text | None = described("Why this target.")


class Snapshot(Model):
    """A dated measurement of the KPI after the baseline."""

    date: Date = required("The date the value was measured.")
    value: Number = required("The measured value.")
    source: Text | None = described("Where the value comes from.")
    note: Text | None = described("Anything a reader should know about the figure.")
    method: FigureMethod | None = described(_METHOD)


class Bounds(Model):
    """The values a KPI can take at all (a rate is 0-100, NPS is -100..100).

    Without bounds, a catalogue KPI takes the catalogue's; a custom KPI in
    percent is 0-100 and one that counts is never negative.
    """

    min: Number | None = described(
        "Lowest possible value (default: the catalogue's; 0 for percent and count units)."
    )
    max: Number | None = described(
        "Highest possible value, not below min (default: the catalogue's; 100 for percent units)."
    )

    @model_validator(mode="after")
    def _ordered(self) -> Bounds:
        check_order(self.min, self.max)
        return self


class Kpi(Model):
    """A key performance indicator: a catalogue KPI or a custom one."""

    id: Id = required(
        "Identifier; a catalogue id (retention_rate, nps, ...) makes it a catalogue KPI."
    )
    catalogue: CatalogueKpi | None = described(
        "The catalogue KPI this one is, when its id differs from the catalogue id."
    )
    name: Name | None = described("Display name (defaults to the catalogue name).")
    unit: Unit | None = described("Unit of the values (required for custom KPIs).")
    direction: Direction | None = described(
        "Whether higher or lower is better (required for custom KPIs)."
    )
    bounds: Bounds | None = described("The values the KPI can take at all.")
    definition: Definition | None = described("Exactly what is counted.")
    owner: Name | None = described("Who reports the KPI.")
    baseline: Baseline | None = described("The value when the strategy started.")
    target: Target | None = described("The value to reach, and by when.")
    snapshots: list[Snapshot] = items("Dated measurements after the baseline.")
    notes: Text | None = described("Free notes about the KPI.")


class Observation(Model):
    """Step 2's qualitative baseline: what the figures do not show about today's processes."""

    topic: Name = required("What it is about (a process, a touchpoint, a team).")
    observation: Text = required("What was found: a strength or a weakness of today's way.")
    source: Text = required("Where it comes from: customer feedback, service logs, interviews.")
    as_of: Date | None = described("When it was observed.")
