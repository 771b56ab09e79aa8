"""What a filled-in workbook changes: each sheet's rows matched back by their hidden ids,
each cell compared with what was exported and with what the plan holds now.

A cell equal to its export changed nothing (even where the plan changed since). A cell
that differs is an addition where the plan held nothing, a replacement otherwise (a
conflict unless ``--replace``); emptied, it is reported and the plan keeps its value. A
row changed in the sheet whose plan values changed since the export is refused: the
sheet was filled in from an older plan. Rows deleted in the sheet are reported, never
deleted from the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from crmplan import rules
from crmplan.baseline.csvfile import unescape
from crmplan.errors import Issue
from crmplan.findings import Rule
from crmplan.i18n import _
from crmplan.quoting import shown
from crmplan.sheet.cells import Problem, Value, read_cell, shown_value
from crmplan.sheet.model import Column, ColumnType, Sheet
from crmplan.sheet.workbook import Grid, ReadBook, SheetMeta, cell_issue

ID_HEADER = "id"


@dataclass(frozen=True)
class Cell:
    """A cell the import reads: where it is, and its value."""

    sheet: str
    row: int
    column: int
    value: Value


@dataclass(frozen=True)
class Edit:
    """One value the sheet changes in an existing row (``old`` None: an addition)."""

    row_id: str
    key: str
    old: Value
    new: Value
    at: Cell


@dataclass(frozen=True)
class NewRow:
    """A row without an id: something new (a touchpoint), its cells by column key."""

    row: int
    sheet: str
    cells: dict[str, Cell]


@dataclass
class Comparison:
    """Everything a workbook changes, what it leaves aside, and what stops it."""

    edits: list[Edit] = field(default_factory=list)
    new_rows: list[NewRow] = field(default_factory=list)
    cleared: list[Edit] = field(default_factory=list)  # emptied in the sheet, kept
    deleted: list[tuple[str, str]] = field(default_factory=list)  # (sheet, row id)
    issues: list[Issue] = field(default_factory=list)


def compare(book: ReadBook, exported: list[Sheet], now: list[Sheet], *,
            replace: bool) -> Comparison:
    """Compare every sheet of ``book`` with its export (``exported``, as the hidden sheet
    recorded it) and with the plan now (``now``)."""
    found = Comparison()
    current = {s.key: s for s in now}
    for meta, sheet in zip(book.meta.sheets, exported, strict=True):
        grid = book.grids.get(meta.title)
        if grid is None:
            found.issues.append(cell_issue(book.name, meta.title, 1, 1, _(
                "the sheet '{sheet}' is missing or was renamed").format(sheet=meta.title),
                _("give the sheet back its name '{sheet}'").format(sheet=meta.title),
                rule=rules.SHEET_MISSING))
            continue
        _SheetComparison(book.name, meta, sheet, current.get(sheet.key), replace,
                         found).run(grid)
    return found


class _SheetComparison:
    """One sheet compared: its header, then row by row."""

    def __init__(self, book: str, meta: SheetMeta, sheet: Sheet, now: Sheet | None,
                 replace: bool, found: Comparison) -> None:
        self.book, self.meta, self.sheet, self.replace, self.found = (
            book, meta, sheet, replace, found)
        self.now = {r.id: r.values for r in now.rows} if now else {}
        self.original = {r.id: r.values for r in sheet.rows}

    def issue(self, row: int, column: int, message: str, hint: str, rule: Rule
              ) -> None:
        self.found.issues.append(cell_issue(self.book, self.meta.title, row, column, message,
                                            hint, rule=rule))

    def run(self, grid: Grid) -> None:
        header = grid.rows[0][1] if grid.rows and grid.rows[0][0] == 1 else []
        places = self._places(header)
        if places is None:
            return
        seen: dict[str, int] = {}
        for number, values in grid.rows:
            if number > 1:
                self._row(number, values, places, seen)
        self.found.deleted += [(self.meta.title, i) for i in self.original if i not in seen]

    def _places(self, header: list[Any]) -> dict[str, int] | None:
        """The 1-based column of the id and of each exported column; None if one is lost."""
        texts = [unescape(str(h)).strip() if h is not None else "" for h in header]
        places: dict[str, int] = {}
        wanted = [(ID_HEADER, ID_HEADER), *zip(self.meta.columns, self.meta.headers,
                                               strict=True)]
        for position, (key, title) in enumerate(wanted, start=1):
            if title.strip() in texts:
                places[key] = texts.index(title.strip()) + 1
            elif position > len(texts) or not texts[position - 1]:  # a merged header cell
                places[key] = position
            else:
                self.issue(1, position, _("the column '{column}' is missing, or its header "
                                          "was changed").format(column=title), _(
                    "give the column back its header '{column}'").format(column=title),
                    rules.SHEET_COLUMN_MISSING)
        return places if len(places) == len(wanted) else None

    def _cells(self, number: int, values: list[Any], places: dict[str, int]
               ) -> dict[str, Cell] | None:
        cells: dict[str, Cell] = {}
        for column in self.sheet.columns:
            place = places[column.key]
            raw = values[place - 1] if place <= len(values) else None
            value = read_cell(column, raw)
            if isinstance(value, Problem):
                self.issue(number, place, value.message, value.hint, rules.SHEET_BAD_CELL)
                return None
            cells[column.key] = Cell(self.meta.title, number, place, value)
        return cells

    def _row(self, number: int, values: list[Any], places: dict[str, int],
             seen: dict[str, int]) -> None:
        place = places[ID_HEADER]
        raw_id = values[place - 1] if place <= len(values) else None
        row_id = unescape(str(raw_id)).strip() if raw_id is not None else ""
        cells = self._cells(number, values, places)
        if cells is None or (not row_id and all(c.value is None for c in cells.values())):
            return
        if not row_id:
            self._new_row(number, cells, place)
        elif row_id not in self.original:
            self.issue(number, place, _("the row's id '{id}' does not come from the "
                                        "export").format(id=shown(row_id)), _(
                "ids are written by crmplan; undo the change, or copy the row's answers into "
                "a row of the export"), rules.SHEET_ROW_ID)
        elif row_id in seen:
            self.issue(number, place, _("this row repeats row {row}").format(
                row=seen[row_id]), _("keep one row per id; delete the copy"),
                rules.SHEET_DUPLICATE_ROW)
        else:
            seen[row_id] = number
            self._existing(row_id, cells)

    def _new_row(self, number: int, cells: dict[str, Cell], id_place: int) -> None:
        if not self.sheet.blank_rows:
            self.issue(number, id_place, _("a row without its id: rows cannot be added to "
                                           "this sheet"), _(
                "add it in the plan, then export the sheet again"), rules.SHEET_ROW_ID)
            return
        self.found.new_rows.append(NewRow(number, self.meta.title, cells))

    def _existing(self, row_id: str, cells: dict[str, Cell]) -> None:
        edits = []
        for index, column in enumerate(self.sheet.columns):
            cell = cells[column.key]
            old = read_cell(column, self.original[row_id][index])
            if isinstance(old, Problem):  # the hidden sheet was edited: no plan value
                old = None
            if cell.value == old:
                continue
            if not column.editable:
                self.issue(cell.row, cell.column, _("this cell is shown for reference only "
                                                    "and was changed"), _(
                    "change it in the plan itself; undo the change here"),
                    rules.SHEET_LOCKED_CHANGED)
                continue
            edits.append(self._edit(row_id, column, old, cell))
        made = [e for e in edits if e is not None]
        if made and self._stale(row_id, made[0]):
            return
        for edit in made:
            self._place(edit)

    def _edit(self, row_id: str, column: Column, old: Value, cell: Cell) -> Edit | None:
        new = cell.value
        if column.type in (ColumnType.LINES, ColumnType.IDS) and old and new:
            assert isinstance(old, tuple) and isinstance(new, tuple)
            if new[: len(old)] != old:
                self.issue(cell.row, cell.column, _("only new lines at the end of this cell "
                                                    "are read back"), _(
                    "add lines at the end; change or remove the others in the plan"),
                    rules.SHEET_LIST_EDIT)
                return None
            return Edit(row_id, column.key, None, new[len(old):], cell)
        return Edit(row_id, column.key, old, new, cell)

    def _stale(self, row_id: str, first: Edit) -> bool:
        """Refuse the row's changes if the plan changed it since the export."""
        now = self.now.get(row_id)
        if now is not None and self._read(now) == self._read(self.original[row_id]):
            return False
        self.issue(first.at.row, first.at.column, _("this row was changed in the plan since "
                                                    "the sheet was exported"), _(
            "export the sheet again and copy the answers into it"), rules.SHEET_STALE)
        return True

    def _read(self, values: tuple[Any, ...]) -> list[Value | Problem]:
        """The values of the columns the sheet may change (what is only shown may change in
        the plan without making the sheet stale)."""
        return [read_cell(c, v) for c, v in zip(self.sheet.columns, values, strict=True)
                if c.editable]

    def _place(self, edit: Edit) -> None:
        if edit.new is None:
            self.found.cleared.append(edit)
        elif edit.old is None or self.replace:
            self.found.edits.append(edit)
        else:
            self.issue(edit.at.row, edit.at.column, _(
                "the plan holds '{old}' here; the sheet says '{new}'").format(
                    old=shown(shown_value(edit.old)), new=shown(shown_value(edit.new))),
                _("add --replace to overwrite the plan's value"), rules.SHEET_CONFLICT)
