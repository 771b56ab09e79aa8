"""Export files on the embedded engine: found, checked, hashed and opened as DuckDB relations.

Each file becomes a relation named after its role with a ``_row`` column: the
row as a spreadsheet counts it (the header is row 1) for CSV and Excel, the
record's number for Parquet. Excel sheets are copied to a CSV file in the
engine's private temporary folder first (DuckDB's own Excel reader is an
extension that would be downloaded at run time).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crmplan import rules
from crmplan.data import header
from crmplan.data.engine import DuckDBEngine, literal, quote
from crmplan.errors import Issue, PlanError, UsageError, os_reason
from crmplan.findings import Rule
from crmplan.i18n import N_, _
from crmplan.model.data import FileFormat, Source
from crmplan.plan.reader import FileKind, check_file
from crmplan.quoting import PATH_LIMIT, shown

DATA_FILE = FileKind(N_("a data file"), 1 << 40, N_("name the export file, e.g. data/orders.csv"),
                     N_("split the export into smaller files"))
EXTENSIONS = {".csv": FileFormat.CSV, ".txt": FileFormat.CSV, ".tsv": FileFormat.CSV,
              ".parquet": FileFormat.PARQUET, ".pq": FileFormat.PARQUET,
              ".xlsx": FileFormat.EXCEL, ".xlsm": FileFormat.EXCEL}
HASH_DIGITS = 12
_CSV_LINE = re.compile(r"Line: (\d+)")
_QUOTED = re.compile(r"""(?<!\w)(['"])(.*?)\1(?!\w)""")


class SettingProblem(Exception):
    """A setting of the source (``key``: its key in the plan) that does not fit the file:
    :mod:`.load` reports it at that setting's line."""

    def __init__(self, key: str, message: str, hint: str, rule: Rule) -> None:
        super().__init__(message)
        self.key, self.message, self.hint, self.rule = key, message, hint, rule


@dataclass(frozen=True)
class DataFile:
    """An export file: where it is, how it is shown, its format and content hash."""

    role: str
    path: Path
    name: str
    format: FileFormat
    size: int
    sha256: str


def resolve(plan_path: Path, source: Source, role: str) -> DataFile:
    """The file of ``source``, relative to the plan's folder, checked and hashed."""
    assert source.file is not None
    path = Path(source.file).expanduser()
    if not path.is_absolute():
        path = plan_path.parent / path
    name = source.file
    size = check_file(path, name, DATA_FILE)
    return DataFile(role, path, name, file_format(source, path), size, file_hash(path, name))


def file_format(source: Source, path: Path) -> FileFormat:
    """The source's ``format``, else the one its extension names."""
    if source.format is not None:
        return source.format
    found = EXTENSIONS.get(path.suffix.lower())
    if found is None:
        raise UsageError(_("{name}: cannot tell the file's format from its name").format(
            name=shown(source.file, PATH_LIMIT)), _("add format: csv, parquet or excel to the "
                                                    "source"))
    return found


def file_hash(path: Path, name: str) -> str:
    """The first 12 hex digits of the file's SHA-256."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError as exc:
        raise UsageError(_("{name}: cannot read: {reason}").format(
            name=name, reason=os_reason(exc))) from None
    return digest.hexdigest()[:HASH_DIGITS]


def open_file(engine: DuckDBEngine, file: DataFile, source: Source) -> None:
    """Make the file readable as the relation ``<role>_file`` (columns as in the file)."""
    import duckdb

    relation = f"{file.role}_file"
    try:
        if file.format is FileFormat.PARQUET:
            select = (f"SELECT file_row_number + 1 AS _row, * EXCLUDE (file_row_number) "
                      f"FROM read_parquet({literal(str(file.path))}, file_row_number = true)")
            engine.connection.execute(f"CREATE OR REPLACE TEMP VIEW {relation} AS {select}")
            return
        if file.format is FileFormat.EXCEL:
            path = _excel_as_csv(engine, file, source)
        elif source.encoding and not _is_utf8(source.encoding):
            check_encoding(file, source, source.encoding)
            path = _utf8_copy(engine, file, source.encoding)
        else:
            path = file.path
        engine.define(relation, _text_select(path, file, source))
    except duckdb.OutOfMemoryException:
        raise  # not the file's fault: the engine tells the user of --memory-limit
    except duckdb.Error as exc:
        raise PlanError([_read_issue(file, exc)]) from None


def _delimiter(file: DataFile, source: Source) -> str:
    """The separator of the file's fields: a character, or ``whitespace``."""
    delimiter = (source.delimiter or ",") if file.format is FileFormat.CSV else ","
    return "\t" if delimiter == "tab" else delimiter


def _text_select(path: Path, file: DataFile, source: Source) -> str:
    delimiter = _delimiter(file, source)
    if delimiter == "whitespace":
        return _whitespace_select(path, file, source)
    row = source.header_row
    first, second = _first_rows(path, file, delimiter, row)
    if hint := separator_hint(first):  # before DuckDB stops at the first ragged row
        raise PlanError([Issue(file.name, row, 1, _("the header row has a single column"),
                               hint=hint, rule=rules.ONE_COLUMN_HEADER)])
    names = _header(file, source, first, second)
    columns = ", ".join(f"{literal(c)}: 'VARCHAR'" for c in names)
    return (f"SELECT row_number() OVER () + {row} AS _row, * FROM read_csv("
            f"{literal(str(path))}, columns = {{{columns}}}, header = true, skip = {row - 1}, "
            f"auto_detect = false, delim = {literal(delimiter)}, quote = '\"', escape = '\"', "
            "strict_mode = true)")


def separator_hint(header: list[str]) -> str:
    """A header read as one column that holds another separator: say which to name."""
    if len(header) != 1:
        return ""
    for mark, name in ((";", ";"), ("\t", "tab"), ("|", "|")):
        if mark in header[0]:
            return _("the header is one column: the file seems separated by '{mark}'; add "
                     "delimiter: '{name}' to the source").format(mark=name, name=name)
    return ""


def _is_utf8(encoding: str) -> bool:
    import codecs

    return codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")


def check_encoding(file: DataFile, source: Source, encoding: str) -> None:
    """A UTF-8 file named in another encoding: its first row, read as the encoding, lacks a
    column the plan maps, and read as UTF-8 has them all (and its first 64 KiB are UTF-8)."""
    mapped = set(mapped_columns(source))
    with file.path.open("rb") as handle:
        head = handle.read(1 << 16)
    where = (_delimiter(file, source), source.header_row)
    if not mapped or mapped <= _head_cells(head, encoding, *where):
        return
    if mapped <= _head_cells(head, "utf-8-sig", *where, "strict"):
        raise SettingProblem("encoding", _(
            "{name} is UTF-8, not {encoding}: its first row names the mapped columns only "
            "when read as UTF-8").format(name=file.name, encoding=encoding), _(
            "remove encoding: {encoding} from the source").format(encoding=encoding),
            rules.DATA_ENCODING)


def _head_cells(head: bytes, encoding: str, delimiter: str, row: int,
                errors: str = "replace") -> set[str]:
    """The cells of line ``row`` of ``head`` read as ``encoding`` (none if it cannot be;
    ``errors``: "strict" for none if a byte of ``head`` is not of the encoding)."""
    import codecs

    try:
        text = codecs.getincrementaldecoder(encoding)(errors).decode(head)  # not final: a
    except (UnicodeError, LookupError):  # character cut at the end; a codec that refuses
        return set()
    lines = text.lstrip("\ufeff").splitlines()
    line = lines[row - 1] if len(lines) >= row else ""
    if delimiter == "whitespace":
        return set(line.split())
    return set(next(csv.reader([line], delimiter=delimiter), []))


def _utf8_copy(engine: DuckDBEngine, file: DataFile, encoding: str) -> Path:
    """The file in UTF-8 in the engine's private temporary folder, decoded a megabyte at a
    time; a byte sequence the encoding cannot read is an error at its line."""
    import codecs

    target = Path(engine.temp_dir) / f"{file.role}.utf-8.csv"
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    line = 1
    with file.path.open("rb") as source, target.open("w", encoding="utf-8", newline="") as out:
        while chunk := source.read(1 << 20):
            try:
                out.write(decoder.decode(chunk))
            except UnicodeError as exc:  # a decode error, or a codec's own (no BOM)
                line += chunk.count(b"\n", 0, max(getattr(exc, "start", 0), 0))
                raise PlanError([_encoding_issue(file, line, encoding)]) from None
            line += chunk.count(b"\n")
        try:
            out.write(decoder.decode(b"", final=True))
        except UnicodeError:
            raise PlanError([_encoding_issue(file, line, encoding)]) from None
    return target


def _encoding_issue(file: DataFile, line: int, encoding: str) -> Issue:
    return Issue(file.name, line, 1, _("cannot read this file as {encoding}").format(
        encoding=encoding), hint=_encoding_hint(), rule=rules.DATA_ENCODING)


def _encoding_hint(path: Path | None = None, language: str | None = None) -> str:
    """How to read a file that is not UTF-8; with its ``path``, the encoding it seems to
    be in (:func:`crmplan.languages.guess_encoding`, ``language``'s tried first)."""
    found = _guess(path, language) if path else ()
    if found:
        return _("it reads as {encodings}: name the one it was saved in in the source "
                 "(encoding: {encoding}), or save the file as CSV UTF-8").format(
            encodings=_(" or ").join(found), encoding=found[0])
    return _("save it as CSV UTF-8, or name its encoding in the source: encoding: cp949 "
             "(Korean Excel), encoding: gb18030 (Chinese Excel)")


def _guess(path: Path, language: str | None) -> tuple[str, ...]:
    """The encodings the first 64 KiB of ``path`` read in, cut at a line's end."""
    from crmplan.languages import guess_encodings

    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    return guess_encodings(head[: head.rfind(b"\n") + 1] or head, language)


def _first_rows(path: Path, file: DataFile, delimiter: str, row: int
                ) -> tuple[list[str], list[str] | None]:
    """The header row (line ``row``) and the row after it (read here, so that a ragged row
    is an error, not a guess)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for _line in range(row - 1):  # lines, as DuckDB skips them
                handle.readline()
            reader = csv.reader(handle, delimiter=delimiter, strict=True)
            first = next(reader, None)
            second = _next_row(reader)
    except UnicodeDecodeError:
        raise PlanError([Issue(file.name, 1, 1, _("cannot read this file as UTF-8"),
                               hint=_encoding_hint(path), rule=rules.DATA_ENCODING)]) from None
    except csv.Error as exc:
        raise PlanError([Issue(file.name, row, 1, _("cannot read the header row: {reason}")
                               .format(reason=exc), rule=rules.UNREADABLE_DATA)]) from None
    if not first or not any(c.strip() for c in first):
        raise PlanError([_no_header(file, row)])
    return first, second


def _no_header(file: DataFile, row: int) -> Issue:
    """The file ends, or holds an empty row, where the header should be."""
    message = _("the file is empty; the first row names the columns") if row == 1 else _(
        "row {row}, the header row the source names, is empty or missing").format(row=row)
    return Issue(file.name, row, 1, message, rule=rules.EMPTY_DATA)


def _next_row(reader: Any) -> list[str] | None:
    """The row after the header, or None (a row DuckDB reports at its line if broken)."""
    try:
        return next(reader, None)
    except (csv.Error, UnicodeDecodeError):
        return None


def _header(file: DataFile, source: Source, first: list[str],
            second: list[str] | None) -> list[str]:
    """The columns' names: the header row, unless it holds data (:mod:`.header`); a column
    without a name is called ``(column N)``."""
    mapped, row = mapped_columns(source), source.header_row
    header.check(file.name, first, second, mapped, row)
    return _unique_names(file, [c or f"(column {n})" for n, c in enumerate(first, 1)], mapped,
                         row)


def mapped_columns(source: Source) -> list[str]:
    """The client's columns the plan maps for ``source``."""
    from crmplan.data.typed import customer_fields, order_fields
    from crmplan.model.data import CustomerSource, OrderSource

    if isinstance(source, OrderSource):
        return [f.column for f in order_fields(source, ())]
    if isinstance(source, CustomerSource):
        return [f.column for f in customer_fields(source, ())]
    return []


def _unique_names(file: DataFile, names: list[str], mapped: list[str], row: int) -> list[str]:
    """The names, each once; a repeated one is named only if the plan maps it (the row may
    be a customer's data), else told by its columns' numbers."""
    seen: dict[str, int] = {}
    for number, name in enumerate(names, 1):
        if name in seen:
            message = _("column '{name}' appears twice in the header").format(name=shown(name)) \
                if name in mapped else _("columns {first} and {second} of the header row have "
                                         "the same name").format(first=seen[name],
                                                                 second=number)
            raise PlanError([Issue(file.name, row, number, message,
                                   rule=rules.DUPLICATE_COLUMN)])
        seen[name] = number
    return names


def _whitespace_select(path: Path, file: DataFile, source: Source) -> str:
    """Fields separated by runs of spaces (fixed-width exports): each line split."""
    row = source.header_row
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        for _line in range(row - 1):
            handle.readline()
        first, second = handle.readline().split(), handle.readline().split()
    if not first:
        raise PlanError([_no_header(file, row)])
    mapped = mapped_columns(source)
    header.check(file.name, first, second or None, mapped, row)
    names = _unique_names(file, first, mapped, row)
    lines = (f"SELECT row_number() OVER () AS _row, string_split_regex(trim(line, ' \t\r'), "
             f"'\\s+') AS f FROM read_csv({literal(str(path))}, columns = {{'line': 'VARCHAR'}}, "
             f"header = false, auto_detect = false, delim = '\x1e', quote = '', escape = '')")
    fields = ", ".join(f"f[{i}] AS {quote(name)}" for i, name in enumerate(names, 1))
    return f"SELECT _row, {fields} FROM ({lines}) AS lines WHERE _row > {row}"


def _excel_as_csv(engine: DuckDBEngine, file: DataFile, source: Source) -> Path:
    """The sheet's cells as text in a CSV file (dates as YYYY-MM-DD)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(file.path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise PlanError([_workbook_issue(file, 1, exc)]) from None
    if source.sheet is not None and source.sheet not in book.sheetnames:
        raise PlanError([Issue(file.name, 1, 1, _("the workbook has no sheet '{sheet}'; it has: "
                                                  "{sheets}").format(
            sheet=shown(source.sheet), sheets=", ".join(map(shown, book.sheetnames))),
            rule=rules.WRONG_SHEET)])
    sheet = book[source.sheet] if source.sheet else _data_sheet(book, file, source)
    target = Path(engine.temp_dir) / f"{file.role}.csv"
    rows = 0
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        try:  # openpyxl reads a cell when the loop reaches it, and may fail there
            for cells in sheet.iter_rows(values_only=True):
                writer.writerow([_cell_text(c) for c in cells])
                rows += 1
        except Exception as exc:
            raise PlanError([_workbook_issue(file, rows + 1, exc)]) from None
        finally:
            book.close()
    return target


def _workbook_issue(file: DataFile, row: int, exc: Exception) -> Issue:
    """openpyxl's reason at the row it failed on; a value it quotes is shown by its shape."""
    return Issue(file.name, row, 1, _("cannot read the workbook: {reason}").format(
        reason=unquoted(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)),
        rule=rules.UNREADABLE_DATA)


def unquoted(reason: str) -> str:
    """A library's reason with each value it quotes (``'...'`` or ``"..."``) shown by its
    shape: it may be a cell of the client's (``could not convert string to float: 'x'``)."""
    from crmplan.data.clean import shape

    return _QUOTED.sub(lambda m: m.group(1) + shape(m.group(2)) + m.group(1), reason)


def _data_sheet(book: Any, file: DataFile, source: Source) -> Any:
    """The first sheet; when its header lacks the customer id column and another sheet's
    has it, an error that names that sheet (a workbook often opens on a cover sheet)."""
    first = book.worksheets[0]
    column = getattr(getattr(source, "columns", None), "customer_id", None)
    row = source.header_row
    if column is None or len(book.worksheets) == 1 or column in _header_cells(first, row):
        return first
    for other in book.worksheets[1:]:
        if column in _header_cells(other, row):
            raise PlanError([Issue(file.name, 1, 1, _(
                "the first sheet '{first}' has no column '{column}'; sheet '{sheet}' has it")
                .format(first=shown(first.title), column=shown(column),
                        sheet=shown(other.title)),
                hint=_("name it in the source: sheet: {sheet}").format(sheet=other.title),
                rule=rules.WRONG_SHEET)])
    return first


def _header_cells(sheet: Any, row: int) -> list[str]:
    try:
        for cells in sheet.iter_rows(values_only=True, min_row=row, max_row=row):
            return [_cell_text(c) for c in cells]
    except Exception:  # a cell openpyxl cannot read: reported when the sheet is read
        pass
    return []


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_issue(file: DataFile, exc: Exception) -> Issue:
    """DuckDB's reason, at its line, without the line's content (it may hold personal data)."""
    text = str(exc)
    found = _CSV_LINE.search(text)
    lines = [line.strip() for line in io.StringIO(text)]
    reason = next((line for line in lines if line.startswith("Expected Number of Columns")),
                  lines[0] if lines else type(exc).__name__)
    reason = unquoted(reason.split("Original Line")[0].strip())
    line = int(found.group(1)) if found else 1
    if "unicode" in text.lower():  # DuckDB reads CSV as UTF-8 only
        return Issue(file.name, line, 1, _("cannot read this file as UTF-8"),
                     hint=_encoding_hint(), rule=rules.DATA_ENCODING)
    return Issue(file.name, line, 1, _("cannot read this file: {reason}").format(reason=reason),
                 rule=rules.UNREADABLE_DATA)
