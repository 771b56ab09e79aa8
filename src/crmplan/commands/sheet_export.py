"""``crmplan sheet export``: a workshop workbook written for the client's team."""

from __future__ import annotations

import os
from pathlib import Path

from crmplan import output
from crmplan.errors import UsageError
from crmplan.i18n import _, ngettext
from crmplan.plan.language import load_in_language
from crmplan.quoting import shown, shown_path


def run(path: Path, *, fmt: str, lang: str | None, kind: str, out: Path,
        member: str | None, force: bool) -> int:
    """Write the workbook of ``kind`` to ``out`` (.xlsx, or .csv for one sheet); an
    existing file is replaced only with ``force``."""
    from crmplan.sheet.model import Kind
    from crmplan.sheet.tables import workbook
    from crmplan.sheet.xlsx import to_csv, to_xlsx

    output.use_format(fmt)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise UsageError(_("{path}: name the file .xlsx (or .csv for one sheet)").format(
            path=shown_path(out)), _("e.g. -o touchpoints.xlsx"))
    _path, loaded = load_in_language(path, lang)
    book = workbook(loaded.plan, Kind(kind), member)
    if not book.sheets:
        raise UsageError(_("there is nothing to export: {what}").format(
            what=_no_sheet(kind, member)), _("add it to the plan first"))
    if suffix == ".csv" and len(book.sheets) > 1:
        raise UsageError(_("a CSV file holds one sheet; this workbook has {count}").format(
            count=len(book.sheets)), _("name one member with --member, or write .xlsx"))
    data = to_csv(book.sheets[0]) if suffix == ".csv" else to_xlsx(book)
    if os.path.lexists(out) and not force:
        raise UsageError(_("{path} exists; nothing was written").format(path=shown_path(out)),
                         _("use --force to replace it"))
    from crmplan.atomic import write_new_file

    write_new_file(out, data, force=force)
    rows = sum(len(s.rows) for s in book.sheets)
    sheets = ngettext("{count} sheet", "{count} sheets", len(book.sheets)).format(
        count=len(book.sheets))
    output.line(_("Wrote {file}: {sheets}, {rows}").format(
        file=shown_path(out), sheets=sheets,
        rows=ngettext("{count} row", "{count} rows", rows).format(count=rows)), style="green")
    return 0


def _no_sheet(kind: str, member: str | None) -> str:
    if kind == "scores" and member:
        return _("no task-force member '{member}'").format(member=shown(member))
    return {"touchpoints": _("the plan has no journey"),
            "scores": _("the plan has no segment or no task-force member")}.get(
                kind, _("the plan has no KPI"))
