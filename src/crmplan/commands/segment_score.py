"""``crmplan segment score``: one member's scores for one segment, written into the plan."""

from __future__ import annotations

from pathlib import Path

from crmplan import output
from crmplan.i18n import _, activate, labelled
from crmplan.plan.language import report_language
from crmplan.quoting import shown_path
from crmplan.segment import checks
from crmplan.segment.score import ScoreEdit, commit, plan_edit, read_for_edit


def run(path: Path, *, fmt: str, lang: str | None, segment: str, member: str,
        scores: list[str], note: str | None, replace: bool) -> int:
    """Write the scores (``criterion=score``) and say what changed."""
    output.use_format(fmt)
    text, loaded = read_for_edit(path)
    activate(report_language(lang, loaded))
    edit = plan_edit(loaded, segment, member, scores, note, replace)
    if not commit(text, edit):
        output.line(_("Nothing to write: member '{member}' already gave segment '{segment}' "
                      "these scores.").format(member=edit.member, segment=edit.segment))
        return 0
    _print_edit(edit)
    return 0


def _print_edit(edit: ScoreEdit) -> None:
    title = _("New score sheet of member '{member}' for segment '{segment}' in {file}:") \
        if edit.new_sheet else _("Scores of member '{member}' for segment '{segment}' "
                                 "updated in {file}:")
    output.line(title.format(member=edit.member, segment=edit.segment,
                            file=shown_path(edit.file)),
                style="green")
    for change in edit.changes:
        was = "" if change.old is None else " " + _("(was {old})").format(
            old=checks.plain(change.old) if not change.note else change.old)
        shown = change.new if change.note else checks.plain(change.new)
        output.line("  " + labelled(change.key, f"{shown}{was}"))
    for key in edit.unchanged:
        output.line("  " + _("{key}: unchanged").format(key=key), style="dim")
