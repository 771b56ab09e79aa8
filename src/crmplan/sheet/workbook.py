"""Reading a workbook back, safely: size and archive checks before openpyxl opens it,
formulas' saved values only, and what the export recorded in the hidden sheet.

A file that is not a workbook, is password-protected, too large, or expands to far more
than it weighs (a zip bomb) is a usage error (exit 2) before any cell is read. Problems
of cells are :class:`~crmplan.errors.Issue` s located at ``book.xlsx!Sheet!C7``.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crmplan import rules
from crmplan.errors import Issue, UsageError
from crmplan.findings import Rule
from crmplan.i18n import N_, _
from crmplan.plan.reader import FileKind, read_bytes
from crmplan.quoting import shown_path
from crmplan.sheet.model import FORMAT, Kind
from crmplan.sheet.xlsx import META_SHEET

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_EXPANDED_BYTES = 200 * 1024 * 1024  # what the archive's files may hold, uncompressed
MAX_RATIO = 200  # how much larger than its compressed size a large part may be
MAX_PARTS = 10_000
MAX_ROWS = 100_000
SHEET_FILE = FileKind(N_("an Excel workbook"), MAX_FILE_BYTES, N_("name the .xlsx file"),
                      N_("keep only the sheets crmplan exported, or split the file"))
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted workbook, or an old .xls


@dataclass(frozen=True)
class SheetMeta:
    """One exported sheet: its key, its title, its columns' keys and headers."""

    key: str
    title: str
    columns: tuple[str, ...]
    headers: tuple[str, ...]


@dataclass
class Meta:
    """What the export recorded: kind, plan, fingerprint, sheets and each row's values."""

    kind: Kind
    plan: str
    language: str
    fingerprint: str
    sheets: list[SheetMeta] = field(default_factory=list)
    rows: dict[tuple[str, str], list[Any]] = field(default_factory=dict)


@dataclass
class Grid:
    """A sheet's cells: (row number, values) of each non-empty row, 1-based."""

    title: str
    rows: list[tuple[int, list[Any]]]


@dataclass
class ReadBook:
    """A workbook read back: where it came from, what the export recorded, its sheets."""

    name: str
    meta: Meta
    grids: dict[str, Grid]
    issues: list[Issue]
    extra: list[str]  # sheets the export did not make


def cell_name(row: int, column: int) -> str:
    """``C7`` of row 7, column 3."""
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(column)}{row}"


def cell_issue(book: str, sheet: str, row: int, column: int, message: str, hint: str = "",
               *, rule: Rule) -> Issue:
    """A problem located at ``book.xlsx!Sheet!C7``."""
    return Issue(f"{book}!{sheet}", row, column, message, hint=hint, rule=rule,
                 cell=cell_name(row, column))


def read_book(path: Path) -> ReadBook:
    """Open the workbook at ``path`` after every check, and read what the import needs."""
    name = path.name
    raw = read_bytes(path, str(path), SHEET_FILE)
    _check_archive(raw, str(path))
    values, formulas = _open(raw, str(path), True), _open(raw, str(path), False)
    meta = _meta(values, str(path))
    book = ReadBook(name, meta, {}, [], [])
    exported = {s.title for s in meta.sheets}
    for sheet in meta.sheets:
        if sheet.title in values.sheetnames:
            try:  # openpyxl parses a sheet while it is read, and may fail there
                book.grids[sheet.title] = _grid(values[sheet.title], formulas[sheet.title],
                                                name, book.issues)
            except Exception as exc:  # whatever a damaged sheet makes openpyxl raise
                raise _unreadable(str(path), exc) from None
    book.extra = [t for t in values.sheetnames if t not in exported and not t.startswith("_")
                  and t != values.sheetnames[0]]
    return book


def _check_archive(raw: bytes, name: str) -> None:
    """Refuse what is not a workbook, or would expand to far more than it weighs."""
    if raw.startswith(_OLE):
        raise UsageError(_("{name}: the workbook is password-protected, or an old .xls "
                           "file").format(name=shown_path(name)),
                         _("save it as .xlsx without a password, then import it again"))
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _not_a_workbook(name) from None
    if "xl/workbook.xml" not in {p.filename for p in parts}:
        raise _not_a_workbook(name)
    expanded = sum(p.file_size for p in parts)
    bomb = any(p.file_size > 1024 * 1024 and p.file_size > MAX_RATIO * max(p.compress_size, 1)
               for p in parts)
    if len(parts) > MAX_PARTS or expanded > MAX_EXPANDED_BYTES or bomb:
        raise UsageError(_("{name}: the workbook would expand to {size:,} bytes, far more "
                           "than it weighs; it is refused unread").format(
                               name=shown_path(name), size=expanded),
                         _("open it in a spreadsheet, keep the exported sheets and save "
                           "it again"))


def _not_a_workbook(name: str) -> UsageError:
    return UsageError(_("{name}: not an Excel workbook (.xlsx)").format(name=shown_path(name)),
                      _("export the sheet with crmplan sheet export, fill it in, and save "
                        "it as .xlsx"))


def _open(raw: bytes, name: str, data_only: bool) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(raw), read_only=True, data_only=data_only)
    except Exception as exc:  # whatever a damaged file makes openpyxl raise
        raise _unreadable(name, exc) from None


def _unreadable(name: str, exc: Exception) -> UsageError:
    return UsageError(_("{name}: cannot read the workbook: {reason}").format(
        name=shown_path(name), reason=type(exc).__name__),
        _("open it in a spreadsheet and save it again as .xlsx"))


def _grid(values: Any, formulas: Any, book: str, issues: list[Issue]) -> Grid:
    grid = Grid(values.title, [])
    pairs = zip(values.iter_rows(), formulas.iter_rows(), strict=False)
    for number, (cells, written) in enumerate(pairs, start=1):
        if number > MAX_ROWS:
            issues.append(cell_issue(book, values.title, number, 1, _(
                "the sheet has more than {limit:,} rows").format(limit=MAX_ROWS), _(
                "delete the empty rows at the bottom, or split the sheet"),
                rule=rules.SHEET_TOO_LARGE))
            break
        row = [c.value for c in cells]
        for column, cell in enumerate(written, start=1):
            if getattr(cell, "data_type", None) == "f" and (
                    column > len(row) or row[column - 1] is None):
                issues.append(cell_issue(book, values.title, number, column, _(
                    "a formula without a saved value"), _(
                    "type the value itself, or open and save the file in a spreadsheet so "
                    "it stores the formula's result"), rule=rules.SHEET_FORMULA))
        if any(v is not None and str(v).strip() for v in row):
            grid.rows.append((number, row))
    return grid


def _meta(values: Any, name: str) -> Meta:
    if META_SHEET not in values.sheetnames:
        raise _not_exported(name)
    rows = [[c.value for c in cells] for cells in values[META_SHEET].iter_rows()]
    head = {str(r[0]): str(r[1]) for r in rows if len(r) > 1 and r[0] and r[0] != "sheet"
            and r[0] != "row"}
    try:
        if head.get("format") != FORMAT:
            raise ValueError(head.get("format"))
        meta = Meta(Kind(head["kind"]), head["plan"], head["language"], head["fingerprint"])
        for row in rows:
            _meta_row(meta, [str(v) if v is not None else "" for v in row])
    except (KeyError, ValueError, IndexError):
        raise _not_exported(name) from None
    return meta


def _meta_row(meta: Meta, row: list[str]) -> None:
    from crmplan.baseline.csvfile import unescape

    row = [unescape(v) for v in row]
    if row[0] == "sheet":
        meta.sheets.append(SheetMeta(row[1], row[2], tuple(json.loads(row[3])),
                                     tuple(json.loads(row[4]))))
    elif row[0] == "row":
        meta.rows[(row[1], row[2])] = json.loads(row[3])


def _not_exported(name: str) -> UsageError:
    return UsageError(_("{name}: this workbook was not exported by crmplan, or its hidden "
                        "sheet was changed").format(name=shown_path(name)),
                      _("export a new one with crmplan sheet export and copy the answers "
                        "into it"))
