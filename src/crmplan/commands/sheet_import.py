"""``crmplan sheet import``: a filled-in workshop workbook read back into the plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from crmplan import output
from crmplan.i18n import _, ngettext
from crmplan.plan.language import open_for_edit
from crmplan.quoting import shown_path


def run(path: Path, *, fmt: str, lang: str | None, file: Path, dry_run: bool,
        replace: bool) -> int:
    """Check every cell of ``file`` against the plan at ``path``, show what changes, and
    write it all (or, with ``dry_run``, nothing)."""
    from crmplan.sheet.apply import Importer
    from crmplan.sheet.workbook import read_book

    output.use_format(fmt)
    plan_path, editable, loaded = open_for_edit(path, lang, writing=not dry_run)
    book = read_book(file)
    outcome = Importer(book, loaded, replace=replace, today=dt.date.today()).run(editable)
    if not dry_run and not outcome.empty:
        editable.save()  # before saying it was written
    _print(outcome, book.name, plan_path, dry_run)
    return 0


def _print(outcome: object, book: str, plan_path: Path, dry_run: bool) -> None:
    from crmplan.sheet.apply import Outcome

    assert isinstance(outcome, Outcome)
    if outcome.empty:
        output.line(_("{book}: nothing to write; the plan already holds every answer.")
                    .format(book=book))
    elif dry_run:
        output.line(_("Dry run, nothing written. {book} would change {plan}:").format(
            book=book, plan=shown_path(plan_path)))
    else:
        output.line(_("{book} written into {plan}:").format(book=book,
                                                           plan=shown_path(plan_path)),
                    style="green")
    for text in outcome.added:
        output.line("  + " + text)
    for change in outcome.changes:
        output.line("  ~ " + _change_text(change.subject, change.field, change.old,
                                          change.new))
    _left(_("Emptied in the sheet, kept in the plan:"),
          [f"{c.subject}: {c.field}: {c.old}" for c in outcome.cleared])
    _left(_("Rows deleted in the sheet, kept in the plan:"), outcome.deleted)
    _left(_("Sheets the export did not make, left aside:"), outcome.extra_sheets)
    if outcome.unchanged_figures:
        output.line(ngettext("{count} figure already recorded, left as it is.",
                             "{count} figures already recorded, left as they are.",
                             outcome.unchanged_figures).format(count=outcome.unchanged_figures),
                    style="dim")


def _change_text(subject: str, field: str, old: str, new: str) -> str:
    if not old:
        return _("{subject}: {field}: {new} (new)").format(subject=subject, field=field,
                                                           new=new)
    return _("{subject}: {field}: {old} -> {new}").format(subject=subject, field=field,
                                                         old=old, new=new)


def _left(title: str, lines: list[str]) -> None:
    if not lines:
        return
    output.line(title, style="yellow")
    for text in lines:
        output.line("  " + text)
