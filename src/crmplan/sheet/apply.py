"""A compared workbook turned into edits of the plan's text, checked by the plan's own
rules before anything is saved.

Each edit goes through :class:`~crmplan.plan.edit.EditablePlan` (only the lines it means
to change; block style, comments and order kept). The edited text is then loaded as a
whole plan: every problem the loader finds is reported at the cell it comes from, with
the message and hint ``validate`` gives.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any

from crmplan import rules
from crmplan.baseline.csvfile import escape
from crmplan.baseline.record import NewFigure, Write, apply_figures, plan_figures
from crmplan.errors import Issue, PlanError, UsageError
from crmplan.findings import Rule
from crmplan.i18n import _
from crmplan.plan.edit import EditablePlan, KeyPath
from crmplan.plan.load import LoadedPlan, load_bytes
from crmplan.plan.source import display_path
from crmplan.plan.yamldoc import checked_data
from crmplan.quoting import shown
from crmplan.sheet import tables
from crmplan.sheet.cells import Value, shown_value
from crmplan.sheet.compare import Cell, Comparison, Edit, NewRow, compare
from crmplan.sheet.model import Column, Kind, Row, Sheet
from crmplan.sheet.workbook import ReadBook, cell_issue

_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Op:
    """One edit of the plan's text and the cells it comes from (by the key under
    ``path`` they fill; "" for the value at ``path`` itself)."""

    path: KeyPath
    value: Any
    append: bool
    cells: dict[str, Cell]


@dataclass(frozen=True)
class Change:
    """A line of the change report: what, which field, the old and the new value."""

    subject: str
    field: str
    old: str
    new: str


@dataclass
class Outcome:
    """What the import does (or, in a dry run, would do) to the plan."""

    kind: Kind
    added: list[str] = field(default_factory=list)  # new rows: touchpoints, figures
    changes: list[Change] = field(default_factory=list)
    cleared: list[Change] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged_figures: int = 0
    extra_sheets: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.changes)


class Importer:
    """A workbook read back into one plan: compared, turned into edits, checked."""

    def __init__(self, book: ReadBook, loaded: LoadedPlan, *, replace: bool,
                 today: dt.date) -> None:
        self.book, self.loaded, self.replace, self.today = book, loaded, replace, today
        self.ops: list[Op] = []
        self.issues: list[Issue] = list(book.issues)
        self.outcome = Outcome(book.meta.kind, extra_sheets=list(book.extra))
        self._figure_writes: list[Write] = []

    def run(self, editable: EditablePlan) -> Outcome:
        """Make every edit in ``editable`` (not saved); PlanError with every problem."""
        self._check_identity()
        exported, now = self._sheets()
        found = compare(self.book, exported, now, replace=self.replace)
        self.issues += found.issues
        self._report_left_alone(found, exported)
        {Kind.TOUCHPOINTS: self._touchpoints, Kind.SCORES: self._scores,
         Kind.KPIS: self._kpis}[self.book.meta.kind](found, editable)
        if self.issues:
            raise PlanError(self.issues)
        self._apply(editable)
        return self.outcome

    # -- the workbook and the plan -----------------------------------------------------

    def _check_identity(self) -> None:
        mine = tables.plan_identity(self.loaded.plan)
        if self.book.meta.plan != mine:
            raise UsageError(_("{book} was exported from the plan of '{theirs}', not from this "
                               "plan ('{mine}')").format(book=self.book.name,
                                                         theirs=shown(self.book.meta.plan),
                                                         mine=shown(mine)),
                             _("import it into the plan it was exported from"))

    def _sheets(self) -> tuple[list[Sheet], list[Sheet]]:
        """The sheets as exported (from the hidden sheet) and as the plan has them now."""
        meta = self.book.meta
        now = {s.key: s for s in tables.workbook(self.loaded.plan, meta.kind).sheets}
        exported = []
        for sheet in meta.sheets:
            current = now.get(sheet.key)
            columns = {c.key: c for c in current.columns} if current else {}
            cols = tuple(columns.get(k) or Column(k, h, 10, editable=False)
                         for k, h in zip(sheet.columns, sheet.headers, strict=True))
            rows = tuple(Row(i, tuple(v)) for (key, i), v in meta.rows.items()
                         if key == sheet.key)
            exported.append(Sheet(sheet.key, sheet.title, cols, rows,
                                  current.blank_rows if current else 0))
        return exported, [_as_stored(s) for s in now.values()]

    def _report_left_alone(self, found: Comparison, exported: list[Sheet]) -> None:
        headers = {(s.title, c.key): c.header for s in exported for c in s.columns}
        self.outcome.deleted = [f"{sheet}: {row_id}" for sheet, row_id in found.deleted]
        self.outcome.cleared = [Change(e.row_id, headers.get((e.at.sheet, e.key), e.key),
                                       shown_value(e.old), "") for e in found.cleared]

    def _issue(self, cell: Cell, message: str, hint: str, rule: Rule) -> None:
        self.issues.append(cell_issue(self.book.name, cell.sheet, cell.row, cell.column,
                                      message, hint, rule=rule))

    def _change(self, edit: Edit, subject: str, header: str) -> None:
        self.outcome.changes.append(Change(subject, header, shown_value(edit.old),
                                           shown_value(edit.new)))

    # -- touchpoints ---------------------------------------------------------------------

    def _touchpoints(self, found: Comparison, _editable: EditablePlan) -> None:
        headers = {c.key: c.header for c in tables.touchpoint_columns(self.loaded.plan)}
        places = {j.id + tables.ID_SEPARATOR + t.id: (ji, ti)
                  for ji, j in enumerate(self.loaded.plan.journeys)
                  for ti, t in enumerate(j.touchpoints)}
        for edit in found.edits:
            ji, ti = places[edit.row_id]
            if edit.key == "journey":
                self._issue(edit.at, _("a touchpoint cannot move to another journey here"),
                            _("undo the change; move it in the plan itself"),
                            rules.SHEET_LOCKED_CHANGED)
                continue
            self._touchpoint_edit(ji, ti, edit)
            self._change(edit, edit.row_id, headers[edit.key])
        added: dict[int, list[str]] = {}
        for row in found.new_rows:
            self._new_touchpoint(row, added)

    def _touchpoint_edit(self, ji: int, ti: int, edit: Edit) -> None:
        journey = self.loaded.plan.journeys[ji]
        path: KeyPath = ("journeys", ji, "touchpoints", ti, edit.key)
        value = _plan_value(edit.new)
        if edit.key == "stage":
            value = _stage_id(journey, str(value))
        if isinstance(value, list) and getattr(journey.touchpoints[ti], edit.key):
            self.ops += [Op(path, item, True, {"": edit.at}) for item in value]
            return
        self.ops.append(Op(path, value, False, {"": edit.at}))

    def _new_touchpoint(self, row: NewRow, added: dict[int, list[str]]) -> None:
        ji = self._journey_of(row)
        if ji is None:
            return
        journey = self.loaded.plan.journeys[ji]
        name = row.cells["name"].value
        names = [t.name for t in journey.touchpoints] + added.setdefault(ji, [])
        if name in names:
            self._issue(row.cells["name"], _("journey '{journey}' already has a touchpoint "
                                             "'{name}'").format(journey=journey.name,
                                                                name=shown(name)),
                        _("give each touchpoint its own name"), rules.SHEET_DUPLICATE_ROW)
            return
        added[ji].append(str(name))
        entry: dict[str, Any] = {"id": self._new_id(journey, str(name or ""), len(added[ji]))}
        for key in ("name", *tables.TOUCHPOINT_FIELDS):
            value = row.cells[key].value if key in row.cells else None
            if value is not None and key not in entry:
                entry[key] = _stage_id(journey, str(value)) if key == "stage" \
                    else _plan_value(value)
        entry = {k: entry[k] for k in _MODEL_ORDER if k in entry}
        self.ops.append(Op(("journeys", ji, "touchpoints"), entry, True,
                           dict(row.cells) | {"": row.cells["name"]}))
        self.outcome.added.append(f"{journey.id}{tables.ID_SEPARATOR}{entry['id']}: "
                                  f"{name or ''}")

    def _journey_of(self, row: NewRow) -> int | None:
        journeys = self.loaded.plan.journeys
        value = row.cells["journey"].value
        if value is None and len(journeys) == 1:
            return 0
        for index, journey in enumerate(journeys):
            if value in (journey.id, journey.name):
                return index
        known = ", ".join(j.name for j in journeys)
        self._issue(row.cells["journey"], _("'{journey}' is not a journey of the plan").format(
            journey=shown(value or "")), _("choose one of: {journeys}").format(journeys=known),
            rules.SHEET_BAD_CELL)
        return None

    def _new_id(self, journey: Any, name: str, count: int) -> str:
        """``tp_`` and the name's ASCII words, or a number; unique in the journey."""
        taken = {t.id for t in journey.touchpoints} | {
            op.value["id"] for op in self.ops if isinstance(op.value, dict) and "id" in op.value}
        stem = "tp_" + (_SLUG.sub("_", name.casefold()).strip("_")[:40] or
                        str(len(journey.touchpoints) + count))
        candidate, number = stem, 2
        while candidate in taken:
            candidate, number = f"{stem}_{number}", number + 1
        return candidate

    # -- scores --------------------------------------------------------------------------

    def _scores(self, found: Comparison, _editable: EditablePlan) -> None:
        members = {s.title: s.key.removeprefix("member:") for s in self.book.meta.sheets}
        task_force = self.loaded.plan.task_force
        sheets = {(s.member, s.segment): i for i, s in
                  enumerate(task_force.scores if task_force else [])}
        new: dict[tuple[str, str], Op] = {}
        headers = {c.key: c.header for c in tables.score_columns(self.loaded.plan)}
        for edit in found.edits:
            member = members[edit.at.sheet]
            self._score_edit(member, edit, sheets.get((member, edit.row_id)), new)
            self._change(edit, f"{edit.at.sheet}: {edit.row_id}", headers.get(edit.key,
                                                                               edit.key))
        self.ops += new.values()

    def _score_edit(self, member: str, edit: Edit, index: int | None,
                    new: dict[tuple[str, str], Op]) -> None:
        criterion = edit.key.removeprefix("score:")
        where: tuple[str, ...] = ("note",) if edit.key == "note" else ("scores", criterion)
        if index is not None:
            self.ops.append(Op(("task_force", "scores", index, *where), edit.new, False,
                               {"": edit.at}))
            return
        op = new.setdefault((member, edit.row_id), Op(("task_force", "scores"), {
            "member": member, "segment": edit.row_id, "scores": {}}, True, {}))
        if edit.key == "note":
            op.value["note"] = edit.new
        else:
            op.value["scores"][criterion] = edit.new
        op.cells[".".join(where)] = edit.at
        op.cells.setdefault("", edit.at)

    # -- KPIs ----------------------------------------------------------------------------

    def _kpis(self, found: Comparison, editable: EditablePlan) -> None:
        rows: dict[str, dict[str, Cell]] = {}
        for edit in found.edits:
            rows.setdefault(edit.row_id, {})[edit.key] = edit.at
        figures, cells = [], {}
        for kpi, row in rows.items():
            figure = self._figure(kpi, row)
            if figure is not None:
                figures.append(figure)
                cells[(kpi, figure.row)] = row
        batch = plan_figures(self.loaded, figures, replace=self.replace, today=self.today)
        for refusal in batch.refusals:
            row = cells[(refusal.figure.kpi, refusal.figure.row)]
            key = {"note": "figure_note"}.get(refusal.field, refusal.field)
            self._issue(row.get(key) or next(iter(row.values())), refusal.message,
                        refusal.hint, refusal.rule)
        self.outcome.unchanged_figures = len(batch.unchanged)
        self._figure_writes = batch.writes
        for write in batch.writes:
            figure = write.figure
            self.outcome.added.append(f"{figure.kpi}: {figure.date.isoformat()} "
                                      f"{shown_value(figure.value)}")
            row = cells[(figure.kpi, figure.row)]
            self.ops.append(Op(("kpis", write.kpi_index), None, False,
                               {"": row.get("value") or next(iter(row.values()))}))

    def _figure(self, kpi: str, row: dict[str, Cell]) -> NewFigure | None:
        date, value = row.get("date"), row.get("value")
        if date is None or value is None:
            missing = "date" if date is None else "value"
            self._issue(next(iter(row.values())), _("a new figure needs its {what}").format(
                what=_("date") if missing == "date" else _("value")),
                _("fill in both the date and the value, or neither"), rules.SHEET_BAD_CELL)
            return None
        assert isinstance(date.value, dt.date) and isinstance(value.value, int | float)
        source, note = row.get("source"), row.get("figure_note")
        return NewFigure(kpi, date.value, float(value.value),
                         str(source.value) if source else None,
                         str(note.value) if note else None, date.row)

    # -- writing and checking ------------------------------------------------------------

    def _apply(self, editable: EditablePlan) -> None:
        if self.book.meta.kind is Kind.KPIS:
            apply_figures(editable, self._figure_writes)
        for op in self.ops:
            if op.value is None:
                continue
            try:
                (editable.append_item if op.append else editable.set_value)(op.path, op.value)
            except UsageError as exc:
                cell = op.cells[""] if "" in op.cells else next(iter(op.cells.values()))
                self._issue(cell, exc.message, exc.hint, rules.SHEET_BAD_CELL)
        if not self.issues and editable.changed:
            self._check(editable)
        if self.issues:
            raise PlanError(self.issues)

    def _check(self, editable: EditablePlan) -> None:
        """Load the edited text as a plan; each problem goes to the cell it comes from."""
        try:
            load_bytes(editable.render_bytes(), self.loaded.name)
        except PlanError as exc:
            data = checked_data(self.loaded.name, editable.text.replace("\r\n", "\n"))
            cells = self._cells_by_path(data)
            for issue in exc.issues:
                self.issues.append(self._located(issue, cells))

    def _cells_by_path(self, data: Any) -> list[tuple[str, Cell]]:
        found = []
        appended: dict[KeyPath, int] = {}
        for op in self.ops:
            if op.append:
                appended[op.path] = appended.get(op.path, 0) + 1
        seen: dict[KeyPath, int] = {}
        for op in self.ops:
            path = op.path
            if op.append:  # the items appended are the list's last ones, in order
                index = _length(data, path) - appended[path] + seen.get(path, 0)
                seen[path] = seen.get(path, 0) + 1
                path = (*path, index)
            found += [(display_path((*path, *k.split(".")) if k else path, data), c)
                      for k, c in op.cells.items()]
        return sorted(found, key=lambda pair: -len(pair[0]))

    def _located(self, issue: Issue, cells: list[tuple[str, Cell]]) -> Issue:
        for path, cell in cells:
            if issue.path == path or issue.path.startswith((path + ".", path + "[")):
                return cell_issue(self.book.name, cell.sheet, cell.row, cell.column,
                                  f"{issue.path}: {issue.message}", issue.hint,
                                  rule=issue.rule)
        return issue


_MODEL_ORDER = ("id", "name", "stage", "channel", "customer_goal", "thoughts", "emotion",
                "emotion_to_be", "barriers", "owner", "kpis", "evidence", "evidence_note")


def _as_stored(sheet: Sheet) -> Sheet:
    """The sheet's text as the workbook stores it (escaped), to compare like with like."""
    rows = tuple(Row(r.id, tuple(escape(v) if isinstance(v, str) else v for v in r.values))
                 for r in sheet.rows)
    return replace(sheet, rows=rows)


def _plan_value(value: Value) -> Any:
    """A cell's value as the plan writes it."""
    return list(value) if isinstance(value, tuple) else value


def _stage_id(journey: Any, value: str) -> str:
    for key, name in tables.stage_names(journey):
        if value.casefold() in (key.casefold(), name.casefold()):
            return key
    return value


def _length(data: Any, path: KeyPath) -> int:
    for key in path:
        data = data[key]
    return len(data) if isinstance(data, list) else 0

