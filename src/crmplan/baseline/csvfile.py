"""KPI figures as CSV: read every row before anything is written, export safely for spreadsheets.

Columns: ``kpi``, ``date``, ``value``, ``source``, ``note``, ``kind``
(``baseline`` or ``snapshot``; empty means snapshot) and ``method`` (how the figure
was obtained, as ``baseline record --method`` takes it; empty means not said). A
problem is reported at ``file:row:column``, the column being the field's number as a
spreadsheet counts it. Exported text that a spreadsheet would run as a formula is prefixed with
``'``, which reading strips again, so an export reads back as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from crmplan import rules
from crmplan.baseline.record import NewFigure, method_problem, number_text, unknown_kpi
from crmplan.errors import Issue, UsageError
from crmplan.i18n import N_, _
from crmplan.kpi.progress import figures
from crmplan.languages import guess_encodings
from crmplan.model.kpis import FigureMethod, Kpi
from crmplan.numbers import MAX_DIGITS, NUMBER, number_problem
from crmplan.plan.load import LoadedPlan
from crmplan.plan.reader import BOM, FileKind, read_bytes
from crmplan.quoting import closest, shown

COLUMNS = ("kpi", "date", "value", "source", "note", "kind", "method")
REQUIRED = ("kpi", "date", "value")
KINDS = ("snapshot", "baseline")
CSV_FILE = FileKind(N_("a CSV file"), 10 * 1024 * 1024, N_("name the CSV file"),
                    N_("split the file into smaller ones"))
# OWASP: a cell starting with one of these is run as a formula by spreadsheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")
_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")


@dataclass(frozen=True)
class Row:
    """A CSV row that parsed: the figure, and whether it claims to be the baseline."""

    figure: NewFigure
    baseline: bool


@dataclass
class ParsedCsv:
    """The rows that parsed, the problems of those that did not, and the columns' places."""

    rows: list[Row]
    issues: list[Issue]
    columns: dict[str, int] = field(default_factory=dict)

    def column(self, name: str) -> int:
        """The 1-based number of a column (1 if the file has no such column)."""
        return self.columns.get(name, 0) + 1


def read_figures(path: Path, name: str, encoding: str | None = None,
                 language: str | None = None) -> ParsedCsv:
    """Every row of the CSV file, read as ``encoding`` (default UTF-8, with or without a
    BOM); problems of the file as a whole raise UsageError. A file that is not UTF-8 is
    refused with the encoding it seems to be in (``language``'s spreadsheet encoding
    first, :func:`crmplan.languages.guess_encoding`)."""
    raw = read_bytes(path, name, CSV_FILE)
    codec = checked_encoding(encoding) if encoding else "utf-8-sig"
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return ParsedCsv([], [Issue(name, line, 1, _("cannot read this file as {encoding}")
                                    .format(encoding=encoding or "UTF-8"),
                                    hint=_encoding_hint(raw, language),
                                    rule=rules.DATA_ENCODING)])
    return parse_figures(text.lstrip("\ufeff"), name)


def checked_encoding(encoding: str) -> str:
    """The codec named ``encoding``; UsageError when Python knows none by that name."""
    import codecs

    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise UsageError(_("unknown encoding '{encoding}'").format(
            encoding=shown(encoding)), _(
            "name an encoding such as utf-8, cp949 (Korean Excel), gb18030 (Chinese Excel) "
            "or cp1252 (Western Excel)")) from None


def _encoding_hint(raw: bytes, language: str | None) -> str:
    found = guess_encodings(raw, language)
    if not found:
        return _("save the file as CSV UTF-8, or name its encoding with --encoding")
    if len(found) == 1:
        return _("it reads as {encoding}: add --encoding {encoding}, or save the file as "
                 "CSV UTF-8").format(encoding=found[0])
    return _("it reads as {encodings}: add --encoding with the one the file was saved in, "
             "or save the file as CSV UTF-8").format(encodings=_(" or ").join(found))


def parse_figures(text: str, name: str) -> ParsedCsv:
    """Parse CSV text (header first) into figures, reporting every bad row."""
    parsed = ParsedCsv([], [])
    records = _records(text, name, parsed.issues)
    header = next(records, None)
    if header is None:
        parsed.issues.append(Issue(name, 1, 1, _("the file is empty; the first row names the "
                                                 "columns: {columns}").format(
            columns=",".join(COLUMNS)), rule=rules.EMPTY_DATA))
        return parsed
    columns = _columns(header[1], name, parsed.issues)
    if columns is None:
        return parsed
    parsed.columns = columns
    for line, fields in records:
        row = _row(fields, columns, name, line, parsed.issues)
        if row is not None:
            parsed.rows.append(row)
    return parsed


def _records(text: str, name: str, issues: list[Issue]) -> Iterator[tuple[int, list[str]]]:
    """(first line, fields) of each non-empty record; a broken record ends the file."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            issues.append(Issue(name, start, 1, _("cannot read this row: {reason}").format(
                reason=exc), hint=_("check the quotes: a quoted field must be closed"),
                rule=rules.UNREADABLE_DATA))
            return
        if any(f.strip() for f in fields):
            yield start, fields


def _columns(header: list[str], name: str, issues: list[Issue]) -> dict[str, int] | None:
    before = len(issues)
    names = [unescape(h).strip().lower() for h in header]
    columns: dict[str, int] = {}
    for number, column in enumerate(names, 1):
        if column in columns:
            issues.append(Issue(name, 1, number, _("column '{name}' appears twice").format(
                name=shown(column)), rule=rules.DUPLICATE_COLUMN))
        elif column not in COLUMNS:
            issues.append(_unknown_column(name, number, column))
        columns.setdefault(column, number - 1)
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        issues.append(Issue(name, 1, 1, _("missing columns: {columns}").format(
            columns=", ".join(missing)), hint=_("the first row names the columns: {columns}")
            .format(columns=",".join(COLUMNS)), rule=rules.MISSING_COLUMN))
    return None if len(issues) > before else columns


def _unknown_column(name: str, number: int, column: str) -> Issue:
    close = closest(column, COLUMNS)
    hint = _("did you mean '{id}'?").format(id=close) if close else _(
        "known: {ids}").format(ids=", ".join(COLUMNS))
    return Issue(name, 1, number, _("unknown column '{name}'").format(name=shown(column)),
                 hint=hint, rule=rules.UNKNOWN_COLUMN)


def _row(fields: list[str], columns: dict[str, int], name: str, line: int,
         issues: list[Issue]) -> Row | None:
    if len(fields) != len(columns):
        issues.append(Issue(name, line, min(len(fields), len(columns)) + 1, _(
            "expected {expected} fields, found {found}").format(
                expected=len(columns), found=len(fields)), rule=rules.WRONG_FIELD_COUNT))
        return None
    cells = {column: unescape(fields[index]) for column, index in columns.items()}
    before = len(issues)
    day = _date(cells["date"], name, line, columns["date"] + 1, issues)
    value = _number(cells["value"], name, line, columns["value"] + 1, issues)
    kind = cells.get("kind", "").strip().lower() or "snapshot"
    if kind not in KINDS:
        issues.append(Issue(name, line, columns["kind"] + 1, _(
            "kind must be snapshot or baseline, not '{kind}'").format(kind=kind),
            rule=rules.UNREADABLE_CELL))
    method = _method(cells.get("method", ""), name, line, columns.get("method", 0) + 1, issues)
    if len(issues) > before or day is None or value is None:
        return None
    figure = NewFigure(cells["kpi"].strip(), day, value, cells.get("source") or None,
                       cells.get("note") or None, line, method)
    return Row(figure, kind == "baseline")


def _date(text: str, name: str, line: int, column: int, issues: list[Issue]) -> dt.date | None:
    match = _DATE.match(text.strip())
    try:
        if match:
            return dt.date(*map(int, match.groups()))
    except ValueError:
        pass
    issues.append(Issue(name, line, column, _("'{text}' is not a date").format(text=shown(text)),
                        hint=_("write the date as YYYY-MM-DD"), rule=rules.UNREADABLE_CELL))
    return None


def _method(text: str, name: str, line: int, column: int, issues: list[Issue]) -> str | None:
    """The cell's method (``computed_standard`` …), None when empty."""
    method = text.strip().lower()
    if not method or method in FigureMethod._value2member_map_:
        return method or None
    message, hint = method_problem(text)
    issues.append(Issue(name, line, column, message, hint=hint, rule=rules.UNREADABLE_CELL))
    return None


def _number(text: str, name: str, line: int, column: int, issues: list[Issue]
            ) -> float | None:
    cleaned = text.strip().removesuffix("%").strip()
    if NUMBER.match(cleaned) and len(cleaned) <= MAX_DIGITS:
        return float(cleaned)
    message, hint = number_problem(cleaned if cleaned else text)
    issues.append(Issue(name, line, column, message, hint=hint, rule=rules.UNREADABLE_CELL))
    return None


def baseline_rows(loaded: LoadedPlan, parsed: ParsedCsv, name: str) -> list[Issue]:
    """Rows of kind ``baseline`` must match the plan: a baseline is changed in the plan."""
    baselines = {k.id: k.baseline for k in loaded.plan.kpis}
    issues = []
    for row in parsed.rows:
        figure, baseline = row.figure, baselines.get(row.figure.kpi)
        if not row.baseline:
            continue
        if figure.kpi not in baselines:
            message, hint = unknown_kpi(figure.kpi, sorted(baselines))
            issues.append(Issue(name, figure.row, parsed.column("kpi"), message, hint=hint,
                                rule=rules.FIGURE_UNKNOWN_KPI))
        elif baseline is None or (baseline.as_of, baseline.value) != (figure.date, figure.value):
            issues.append(Issue(name, figure.row, parsed.column("value"), _(
                "this row differs from the baseline of KPI '{kpi}' in the plan").format(
                    kpi=figure.kpi), hint=_("a baseline is changed in the plan itself; "
                                            "import snapshots only"),
                rule=rules.BASELINE_ROW_DIFFERS))
    return issues


# -- export --------------------------------------------------------------------------------


def export_figures(kpis: list[Kpi]) -> bytes:
    """Every KPI's baseline and snapshots, oldest first, as UTF-8 CSV with a BOM for Excel."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for index, kpi in enumerate(kpis):
        for figure in figures(kpi, index):
            note = (kpi.baseline.note if figure.path[-1] == "baseline" and kpi.baseline
                    else kpi.snapshots[int(figure.path[-1])].note)
            kind = "baseline" if figure.path[-1] == "baseline" else "snapshot"
            method = figure.method.value if figure.method else ""
            writer.writerow([escape(kpi.id), figure.date.isoformat(), number_text(figure.value),
                             escape(figure.source or ""), escape(note or ""), kind, method])
    return BOM + buffer.getvalue().encode("utf-8")


def escape(text: str) -> str:
    """Text a spreadsheet shows as text: a leading formula character gets a ``'``."""
    return "'" + text if text.startswith(FORMULA_START) or text.startswith("'") else text


def unescape(text: str) -> str:
    """The text :func:`escape` was given."""
    return text[1:] if text.startswith("'") else text
