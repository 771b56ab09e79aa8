"""A workbook as Excel bytes (or one sheet as CSV): made for the people who fill it in,
and the same bytes for the same plan.

The first sheet explains the work; each data sheet has a frozen header row in the plan's
language with a note per column, widths that fit the text, a hidden and locked id column,
drop-down lists for every fixed value, and grey locked cells for what is only shown. Plan
text that a spreadsheet would run as a formula is escaped as ``baseline export`` escapes
it. A hidden sheet records what was exported (the plan, each row's values), which
``sheet import`` compares with the plan and the filled-in sheet.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import unicodedata
import zipfile
from typing import Any

from crmplan.baseline.csvfile import escape
from crmplan.i18n import _
from crmplan.plan.reader import BOM
from crmplan.sheet.model import FORMAT, CellValue, Column, ColumnType, Sheet, Workbook

META_SHEET = "_crmplan"  # what was exported, hidden
LISTS_SHEET = "_lists"  # the drop-down lists' values, hidden
FIXED_TIME = dt.datetime(2000, 1, 1)  # the workbook's created and modified time
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
# what an .xlsx (XML 1.0) cannot hold; the plan refuses these too, so none is ever lost
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
HEADER_FILL, LOCKED_FILL = "FF1F4E79", "FFEDEDED"
MAX_WIDTH, MIN_WIDTH = 60, 8
LINE_HEIGHT, MAX_LINES = 15, 8  # points per line of text, lines a row grows to


def to_xlsx(book: Workbook) -> bytes:
    """The workbook as .xlsx bytes, identical for an identical workbook."""
    from openpyxl import Workbook as Excel

    excel = Excel()
    _register_styles(excel)
    _instructions(excel.active, book)
    lists = _Lists(excel.create_sheet(LISTS_SHEET))
    for sheet in book.sheets:
        _data_sheet(excel.create_sheet(_safe_title(sheet.title)), sheet, lists)
    lists.ws.sheet_state = "hidden"
    _meta(excel.create_sheet(META_SHEET), book)
    _properties(excel, book)
    buffer = io.BytesIO()
    excel.save(buffer)
    return _fixed_zip(buffer.getvalue())


def fingerprint(book: Workbook) -> str:
    """A digest of everything exported: the same plan data gives the same fingerprint."""
    payload = json.dumps([[s.key, [[r.id, [_json(v) for v in r.values]] for r in s.rows]]
                          for s in book.sheets], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def _json(value: CellValue) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _safe_title(title: str) -> str:
    """A sheet title Excel accepts: 31 characters, none of ``[]:*?/\\``."""
    return re.sub(r"[\[\]:*?/\\]", "_", title)[:31] or "_"


# -- the sheets ----------------------------------------------------------------------------


def _instructions(ws: Any, book: Workbook) -> None:
    from openpyxl.styles import Alignment, Font

    ws.title = _safe_title(_("Instructions"))
    ws["A1"] = escape(book.plan)
    ws["A1"].font = Font(bold=True, size=14)
    for index, text in enumerate(book.instructions, start=3):
        ws.cell(index, 1, escape(text)).alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 100


class _Lists:
    """The hidden sheet of drop-down values: one column per distinct list."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.ranges: dict[tuple[tuple[str, str], ...], str] = {}

    def range(self, choices: tuple[tuple[str, str], ...]) -> str:
        """The cell range holding ``choices``' labels, written once per distinct list."""
        if choices not in self.ranges:
            letter = _letter(len(self.ranges) + 1)
            for row, (_id, label) in enumerate(choices, start=1):
                self.ws.cell(row, len(self.ranges) + 1, escape(label)).data_type = "s"
            self.ranges[choices] = f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(choices)}"
        return self.ranges[choices]


def _data_sheet(ws: Any, sheet: Sheet, lists: _Lists) -> None:
    from openpyxl.styles import Protection

    _header(ws, sheet)
    last = len(sheet.rows) + sheet.blank_rows + 1
    for number, row in enumerate(sheet.rows, start=2):
        ws.cell(number, 1, escape(row.id))
        for index, (column, value) in enumerate(zip(sheet.columns, row.values, strict=True)):
            _value_cell(ws.cell(number, index + 2), column, value)
    for number in range(len(sheet.rows) + 2, last + 1):
        for index, column in enumerate(sheet.columns):
            _value_cell(ws.cell(number, index + 2), column, None)
    ws.cell(1, 1).protection = Protection(locked=True)
    ws.column_dimensions["A"].hidden = True
    widths = [_width(sheet, index) for index in range(len(sheet.columns))]
    for index, column in enumerate(sheet.columns):
        _validation(ws, lists, column, index + 2, last)
        ws.column_dimensions[_letter(index + 2)].width = widths[index]
    for number, row in enumerate(sheet.rows, start=2):
        ws.row_dimensions[number].height = LINE_HEIGHT * _lines(row.values, widths)
    ws.freeze_panes = "C2"
    _printing(ws)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _printing(ws: Any) -> None:
    """Printed for a workshop table: landscape, one page wide, the header on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def _header(ws: Any, sheet: Sheet) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    ws.cell(1, 1, "id")
    for index, column in enumerate(sheet.columns, start=2):
        cell = ws.cell(1, index, escape(column.header))
        cell.font = Font(bold=True, color="FFFFFFFF")
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        if column.note:
            cell.comment = Comment(column.note, "crmplan", width=300, height=90)
    ws.row_dimensions[1].height = 32


def _value_cell(cell: Any, column: Column, value: CellValue) -> None:
    if isinstance(value, str):
        cell.value = escape(_NOT_XML.sub("\ufffd", value))
        cell.data_type = "s"
    else:
        cell.value = value
    cell.style = _style_name(column)


def _style_name(column: Column) -> str:
    """One named style per kind of cell, registered once: far quicker than setting the
    alignment, protection, fill and format of each cell."""
    centred = column.type in (ColumnType.NUMBER, ColumnType.WHOLE, ColumnType.DATE)
    wrapped = column.type in (ColumnType.TEXT, ColumnType.LINES)
    return f"crmplan {'locked' if not column.editable else 'open'} " \
           f"{'centred' if centred else 'wrapped' if wrapped else 'plain'}" \
           f"{' date' if column.type is ColumnType.DATE else ''}"


def _register_styles(excel: Any) -> None:
    from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill, Protection

    for editable in (True, False):
        for layout in ("centred", "wrapped", "plain"):
            for date in (False, True):
                name = f"crmplan {'open' if editable else 'locked'} {layout}" + (
                    " date" if date else "")
                style = NamedStyle(name=name, number_format="yyyy-mm-dd" if date else
                                   "General", font=Font(name="Calibri", size=11))
                style.alignment = Alignment(wrap_text=layout == "wrapped", vertical="top",
                                            horizontal="center" if layout == "centred"
                                            else None)
                style.protection = Protection(locked=not editable)
                if not editable:
                    style.fill = PatternFill("solid", fgColor=LOCKED_FILL)
                excel.add_named_style(style)


def _validation(ws: Any, lists: _Lists, column: Column, number: int, last: int) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    if not column.editable or last < 2:
        return
    if column.choices:
        rule = DataValidation(type="list", allow_blank=True, formula1=lists.range(column.choices))
    elif column.type is ColumnType.DATE:
        rule = DataValidation(type="date", operator="greaterThan", formula1="1",
                              allow_blank=True)
    else:
        return
    rule.showErrorMessage = True
    rule.errorStyle = "stop" if column.strict else "warning"
    rule.error = _("Choose a value from the list.") if column.strict else _(
        "This value is not in the list; it is checked when the file is read back.")
    ws.add_data_validation(rule)
    rule.add(f"{_letter(number)}2:{_letter(number)}{last}")


def _letter(number: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(number))


def _width(sheet: Sheet, index: int) -> float:
    """Wide enough for the header and the longest line of the column, within limits."""
    column = sheet.columns[index]
    texts = [column.header] + [str(r.values[index]) for r in sheet.rows
                               if r.values[index] is not None]
    widest = max(_display_width(line) for text in texts for line in text.splitlines() or [""])
    return float(min(MAX_WIDTH, max(MIN_WIDTH, column.width if column.editable else 0,
                                    widest + 2)))


def _lines(values: tuple[CellValue, ...], widths: list[float]) -> int:
    """How many lines the row's tallest wrapped cell takes (spreadsheets do not measure a
    row until it is edited), at most :data:`MAX_LINES`."""
    tallest = 1
    for value, width in zip(values, widths, strict=True):
        if isinstance(value, str):
            lines = sum(1 + _display_width(line) // max(int(width) - 1, 1)
                        for line in value.splitlines() or [""])
            tallest = max(tallest, lines)
    return min(tallest, MAX_LINES)


def _display_width(text: str) -> int:
    """Columns a text takes: two for each wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _meta(ws: Any, book: Workbook) -> None:
    rows: list[list[str]] = [["format", FORMAT], ["kind", book.kind.value],
                             ["plan", book.plan], ["language", book.language],
                             ["fingerprint", fingerprint(book)]]
    for sheet in book.sheets:
        rows.append(["sheet", sheet.key, _safe_title(sheet.title),
                     json.dumps([c.key for c in sheet.columns]),
                     json.dumps([c.header for c in sheet.columns], ensure_ascii=False)])
        rows.extend(["row", sheet.key, row.id, json.dumps(  # as the cells hold them
            [_json(escape(v) if isinstance(v, str) else v) for v in row.values],
            ensure_ascii=False)] for row in sheet.rows)
    for number, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            ws.cell(number, column, escape(value)).data_type = "s"
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


def _properties(excel: Any, book: Workbook) -> None:
    from openpyxl.packaging.custom import StringProperty

    props = excel.properties
    props.creator = props.lastModifiedBy = "crmplan"
    props.created = props.modified = FIXED_TIME
    props.title = book.plan
    for name, value in (("crmplan.format", FORMAT), ("crmplan.kind", book.kind.value),
                        ("crmplan.plan", book.plan),
                        ("crmplan.fingerprint", fingerprint(book))):
        excel.custom_doc_props.append(StringProperty(name=name, value=value))


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with fixed entry times and modified date, so equal workbooks are
    equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            target.writestr(zipfile.ZipInfo(info.filename, _ZIP_TIME), content,
                            compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


# -- CSV -----------------------------------------------------------------------------------


def to_csv(sheet: Sheet) -> bytes:
    """One sheet as CSV (UTF-8 with a BOM, for spreadsheets): the id, then every column."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["id", *(escape(c.header) for c in sheet.columns)])
    for row in sheet.rows:
        writer.writerow([escape(row.id), *(_csv_cell(v) for v in row.values)])
    return BOM + buffer.getvalue().encode("utf-8")


def _csv_cell(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return escape(value) if isinstance(value, str) else str(value)
