"""What each kind of workbook holds: its columns, one row per thing of the plan, and the
drop-down lists, in the active language (the plan's, when a command activates it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from crmplan import names
from crmplan.baseline.record import plain_number
from crmplan.i18n import _
from crmplan.kpi.progress import kpi_spec
from crmplan.model.base import Channel, Evidence
from crmplan.model.catalogue import catalogue_entry
from crmplan.model.defaults import DEFAULT_STAGES
from crmplan.model.journey import Journey, Touchpoint
from crmplan.model.plan import Plan
from crmplan.segment.engine import criteria_of
from crmplan.sheet.model import CellValue, Column, ColumnType, Kind, Row, Sheet, Workbook

BLANK_TOUCHPOINT_ROWS = 30  # empty rows under the touchpoints, for new ones
ID_SEPARATOR = "/"  # a touchpoint's row id: journey id / touchpoint id
# the touchpoint fields a sheet column stands for, in the sheet's order
TOUCHPOINT_FIELDS = ("stage", "name", "channel", "owner", "customer_goal", "thoughts",
                     "emotion", "emotion_to_be", "barriers", "kpis", "evidence",
                     "evidence_note")
EMOTION_LOW, EMOTION_HIGH = -2, 2


def workbook(plan: Plan, kind: Kind, member: str | None = None) -> Workbook:
    """The workbook of ``kind`` for ``plan`` (scores: every member, or only ``member``)."""
    if kind is Kind.TOUCHPOINTS:  # a sheet only where there is something to fill in
        sheets: tuple[Sheet, ...] = (touchpoint_sheet(plan),) if plan.journeys else ()
    elif kind is Kind.SCORES:
        sheets = score_sheets(plan, member) if plan.segments else ()
    else:
        sheets = (kpi_sheet(plan),) if plan.kpis else ()
    return Workbook(kind, plan_identity(plan), plan.client.language.value, sheets,
                    instructions(kind))


def plan_identity(plan: Plan) -> str:
    """What names the plan a workbook belongs to: its client."""
    return plan.client.name


# -- touchpoints ---------------------------------------------------------------------------


def stage_names(journey: Journey) -> list[tuple[str, str]]:
    """(id, name) of the journey's stages, the method's default stages when it lists none."""
    if journey.stages:
        return [(s.id, s.name) for s in journey.stages]
    return [(d.id, _(d.name)) for d in DEFAULT_STAGES]


def touchpoint_columns(plan: Plan) -> tuple[Column, ...]:
    """The touchpoint sheet's columns, with their drop-down lists."""
    stages = _unique(pair for j in plan.journeys for pair in stage_names(j))
    owners = _unique((t.owner, t.owner) for j in plan.journeys for t in j.touchpoints
                     if t.owner)
    emotions = tuple((str(e), str(e)) for e in range(EMOTION_LOW, EMOTION_HIGH + 1))
    text = ColumnType.TEXT
    return (
        Column("journey", _("Journey"), 24, ColumnType.CHOICE,
               note=_("The journey the touchpoint belongs to."),
               choices=tuple((j.id, j.name) for j in plan.journeys)),
        Column("stage", _("Stage"), 18, ColumnType.NAME, choices=stages,
               note=_("The stage of the journey the touchpoint is in.")),
        Column("name", _("Touchpoint"), 32, ColumnType.NAME,
               note=_("The moment the customer meets the company, in a few words.")),
        Column("channel", _("Channel"), 16, ColumnType.CHOICE, choices=tuple(
            (c.value, names.channel(c.value)) for c in Channel)),
        Column("owner", _("Owner"), 24, ColumnType.NAME, choices=owners, strict=False,
               note=_("Who on the company's side owns the touchpoint.")),
        Column("customer_goal", _("Customer goal"), 36, text,
               note=_("What the customer wants at this moment.")),
        Column("thoughts", _("Thoughts"), 36, text,
               note=_("What the customer thinks, in their own words.")),
        Column("emotion", _("Emotion (as-is)"), 12, ColumnType.WHOLE, choices=emotions,
               note=_("How the customer feels today: -2 very negative to 2 very positive."),
               low=EMOTION_LOW, high=EMOTION_HIGH),
        Column("emotion_to_be", _("Emotion (to-be)"), 12, ColumnType.WHOLE, choices=emotions,
               note=_("How the customer should feel once the touchpoint is redesigned."),
               low=EMOTION_LOW, high=EMOTION_HIGH),
        Column("barriers", _("Pain points"), 40, ColumnType.LINES,
               note=_("What stops the customer, one per line (Alt+Enter in Excel).")),
        Column("kpis", _("KPIs"), 24, ColumnType.IDS,
               note=_("KPIs that measure the touchpoint: their ids, separated by commas.")),
        Column("evidence", _("Evidence"), 16, ColumnType.CHOICE, choices=tuple(
            (e.value, names.evidence(e.value)) for e in Evidence)),
        Column("evidence_note", _("Evidence note"), 32, text,
               note=_("The study, report or interview behind it.")),
    )


def _unique(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    seen: dict[str, str] = {}
    for key, label in pairs:
        seen.setdefault(key, label)
    return tuple(seen.items())


def touchpoint_sheet(plan: Plan) -> Sheet:
    """Every touchpoint of every journey, in the plan's order."""
    rows = tuple(_touchpoint_row(j, t) for j in plan.journeys for t in j.touchpoints)
    return Sheet("touchpoints", _("Touchpoints"), touchpoint_columns(plan), rows,
                 BLANK_TOUCHPOINT_ROWS if plan.journeys else 0)


def _touchpoint_row(journey: Journey, touchpoint: Touchpoint) -> Row:
    stages = dict(stage_names(journey))
    values: list[CellValue] = [journey.name]
    for key in TOUCHPOINT_FIELDS:
        values.append(_touchpoint_cell(touchpoint, key, stages))
    return Row(journey.id + ID_SEPARATOR + touchpoint.id, tuple(values))


def _touchpoint_cell(touchpoint: Touchpoint, key: str, stages: dict[str, str]) -> CellValue:
    value: Any = getattr(touchpoint, key)
    if value is None or value == []:
        return None
    shown: dict[str, Callable[[Any], CellValue]] = {
        "stage": lambda v: stages.get(v, v),
        "channel": lambda v: names.channel(v.value),
        "evidence": lambda v: names.evidence(v.value),
        "barriers": "\n".join,
        "kpis": ", ".join,
    }
    return shown[key](value) if key in shown else value


# -- scores --------------------------------------------------------------------------------


def score_sheets(plan: Plan, member: str | None = None) -> tuple[Sheet, ...]:
    """One sheet per task-force member (or only ``member``): segments down, criteria
    across, the member's scores filled in where the plan has them."""
    members = plan.task_force.members if plan.task_force else []
    return tuple(_member_sheet(plan, m.id, m.name) for m in members
                 if member is None or member in (m.id, m.name))


def score_columns(plan: Plan) -> tuple[Column, ...]:
    """The segment's name, then one column per criterion, then the member's note."""
    scale = plan.task_force.scale if plan.task_force else None
    low, high = (scale.min, scale.max) if scale else (1, 5)
    choices = tuple((str(v), str(v)) for v in range(low, high + 1))
    columns = [Column("segment", _("Segment"), 28, ColumnType.NAME, editable=False)]
    for criterion in criteria_of(plan):
        title = _(criterion.name) if criterion.default else criterion.name
        note = _("{criterion}: score from {low} (worst) to {high} (best).").format(
            criterion=title, low=low, high=high)
        columns.append(Column("score:" + criterion.id, title, 16,
                              ColumnType.NUMBER, note=note, choices=choices, strict=False,
                              low=low, high=high))
    columns.append(Column("note", _("Note"), 40, ColumnType.TEXT,
                          note=_("Your reasoning, in a sentence or two.")))
    return tuple(columns)


def _member_sheet(plan: Plan, member: str, name: str) -> Sheet:
    columns = score_columns(plan)
    sheets = {s.segment: s for s in plan.task_force.scores if s.member == member} \
        if plan.task_force else {}
    rows = []
    for segment in plan.segments:
        sheet = sheets.get(segment.id)
        values: list[CellValue] = [segment.name]
        for column in columns[1:-1]:
            score = sheet.scores.get(column.key.removeprefix("score:")) if sheet else None
            values.append(None if score is None else plain_number(score))
        values.append(sheet.note if sheet else None)
        rows.append(Row(segment.id, tuple(values)))
    return Sheet("member:" + member, name, columns, tuple(rows))


# -- KPIs ----------------------------------------------------------------------------------


def kpi_columns() -> tuple[Column, ...]:
    """What the plan holds of each KPI (locked), then a new dated figure to fill in."""
    number = ColumnType.NUMBER
    return (
        Column("name", _("KPI"), 28, ColumnType.NAME, editable=False),
        Column("definition", _("Definition"), 40, editable=False),
        Column("unit", _("Unit"), 10, editable=False),
        Column("baseline", _("Baseline"), 12, number, editable=False),
        Column("baseline_date", _("Baseline date"), 14, ColumnType.DATE, editable=False),
        Column("target", _("Target"), 12, number, editable=False),
        Column("target_date", _("Target date"), 14, ColumnType.DATE, editable=False),
        Column("date", _("New figure: date"), 16, ColumnType.DATE,
               note=_("When the new figure was measured (YYYY-MM-DD).")),
        Column("value", _("New figure: value"), 16, number,
               note=_("The measured value; percentages as 0-100.")),
        Column("source", _("Source"), 24, ColumnType.NAME,
               note=_("Where the figure comes from (system, report, survey).")),
        Column("figure_note", _("Note"), 32, note=_("Anything a reader should know.")),
    )


def kpi_sheet(plan: Plan) -> Sheet:
    """One row per KPI, the new-figure columns empty."""
    rows = []
    for kpi in plan.kpis:
        spec = kpi_spec(kpi)
        entry = catalogue_entry(kpi.id, kpi.catalogue.value if kpi.catalogue else None)
        definition = (kpi.definition.counts if kpi.definition else None) or (
            _(entry.meaning) if entry else None)
        base, target = kpi.baseline, kpi.target
        rows.append(Row(kpi.id, (
            spec.name, definition, _(names.UNIT_NAMES[spec.unit.value]) if spec.unit else None,
            plain_number(base.value) if base else None, base.as_of if base else None,
            plain_number(target.value) if target else None, target.by if target else None,
            None, None, None, None)))
    return Sheet("kpis", _("KPIs"), kpi_columns(), tuple(rows))


# -- instructions --------------------------------------------------------------------------


def instructions(kind: Kind) -> tuple[str, ...]:
    """The first sheet's text: what to fill in, and what not to touch."""
    what = {
        Kind.TOUCHPOINTS: _("List every moment the customer meets the company, journey by "
                            "journey and stage by stage: who owns it, what the customer "
                            "wants, thinks and feels there today and should feel tomorrow, "
                            "and what gets in the way. Add new touchpoints in the empty rows "
                            "at the bottom."),
        Kind.SCORES: _("Each member scores every segment on every criterion on their own "
                       "sheet, without looking at the others' sheets; the scores are summed "
                       "afterwards. The header notes explain each criterion and the scale."),
        Kind.KPIS: _("For each KPI, enter the latest figure your department measured: its "
                     "date, the value, and where it comes from. The baseline and the target "
                     "are shown for reference."),
    }[kind]
    return (
        what,
        _("Fill in only the white cells; grey cells are shown for reference. Drop-down "
          "lists offer the values the plan accepts."),
        _("Do not rename or delete the sheets or the header row, and do not reorder rows "
          "between sheets: each row is matched back by a hidden identifier."),
        _("A row deleted here is not deleted from the plan; tell the consultant instead."),
        _("Send the file back as it is; it is read back into the plan, and every problem is "
          "reported by its cell."),
    )
