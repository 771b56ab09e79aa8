"""``crmplan segment score``: write one member's scores for one segment into the plan.

Everything is checked before a byte is written: the segment, the member and
each criterion must exist (a usage error with "did you mean" otherwise), each
score must be a number on the task force's scale, and a score already in the
plan is only overwritten with ``replace``. The edit goes through
:class:`~crmplan.plan.edit.EditablePlan`, so the rest of the file stays
byte-identical, and the edited text must load as a valid plan before it is
saved atomically.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crmplan.errors import UsageError
from crmplan.i18n import _
from crmplan.model.base import TEXT_LIMIT
from crmplan.model.customers import ScoreSheet
from crmplan.numbers import number_problem
from crmplan.plan.edit import EditablePlan, KeyPath
from crmplan.plan.load import LoadedPlan, load_bytes, resolve_plan_path
from crmplan.quoting import closest, shown
from crmplan.segment.checks import plain
from crmplan.segment.engine import criteria_of

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
MAX_NOTE = TEXT_LIMIT  # as any text of a plan
SCORES: KeyPath = ("task_force", "scores")


@dataclass(frozen=True)
class Change:
    """One value written (``old`` None: it was not there before)."""

    key: str
    old: Any
    new: Any
    note: bool = False  # the sheet's note rather than a score


@dataclass(frozen=True)
class ScoreEdit:
    """What ``segment score`` writes: the sheet, and each value that changes."""

    file: str
    segment: str
    member: str
    sheet: int | None  # index under task_force.scores; None: a new sheet is appended
    changes: tuple[Change, ...]
    unchanged: tuple[str, ...]

    @property
    def new_sheet(self) -> bool:
        return self.sheet is None


def parse_scores(pairs: list[str]) -> list[tuple[str, int | float]]:
    """``["speed=4", "interest=3.5"]`` as (criterion, number) pairs; a usage error otherwise."""
    found: dict[str, int | float] = {}
    for pair in pairs:
        key, sep, text = pair.partition("=")
        key, text = key.strip(), text.strip()
        if not sep or not key:
            raise UsageError(_("'{pair}' is not criterion=score").format(pair=shown(pair)),
                             hint=_("write each score as criterion=score, e.g. speed=4"))
        if not _NUMBER.match(text):
            hint = number_problem(text)[1] if "," in text or "%" in text else ""
            raise UsageError(_("'{pair}': the score must be a number such as 4 or 3.5").format(
                pair=shown(pair)), hint=hint)
        if key in found:
            raise UsageError(_("criterion '{criterion}' is given twice").format(
                criterion=shown(key)))
        found[key] = float(text) if "." in text else int(text)
    return list(found.items())


def check_note(note: str) -> str:
    """The note as the plan can hold it: some text, no control characters but line breaks."""
    if not note.strip():
        raise UsageError(_("the note is empty"),
                         hint=_("leave --note out to keep the sheet's note"))
    if len(note) > MAX_NOTE:
        raise UsageError(_("the note is longer than {limit} characters").format(limit=MAX_NOTE))
    if any(_control(ch) for ch in note):
        raise UsageError(_("the note holds a control character"),
                         hint=_("write it as plain text; line breaks are fine"))
    return note


def _control(ch: str) -> bool:
    return (unicodedata.category(ch) == "Cc" and ch not in "\n\t") or ch in "\u2028\u2029"


def _known(what: str, value: str, allowed: list[str]) -> UsageError:
    close = closest(value, allowed)
    if close:
        hint = _("did you mean '{id}'?").format(id=close)
    elif allowed:
        hint = _("known: {ids}").format(ids=", ".join(allowed[:12]))
    else:
        hint = _("none is defined yet")
    return UsageError(_("unknown {what} '{id}'").format(what=what, id=shown(value)), hint=hint)


def _member_id(loaded: LoadedPlan, member: str) -> str:
    members = loaded.plan.task_force.members if loaded.plan.task_force else []
    for m in members:
        if member in (m.id, m.name):
            return m.id
    raise _known(_("task-force member"), member, [m.id for m in members])


def _segment_id(loaded: LoadedPlan, segment: str) -> str:
    known = [s.id for s in loaded.plan.segments]
    if segment not in known:
        raise _known(_("segment"), segment, known)
    return segment


def _check_scores(loaded: LoadedPlan, scores: list[tuple[str, int | float]]) -> None:
    criteria = [c.id for c in criteria_of(loaded.plan)]
    task_force = loaded.plan.task_force
    low, high = (task_force.scale.min, task_force.scale.max) if task_force else (1, 5)
    for key, value in scores:
        if key not in criteria:
            raise _known(_("criterion"), key, criteria)
        if not low <= value <= high:
            raise UsageError(_("{criterion}={score} is outside the scale {low}-{high}").format(
                criterion=key, score=plain(value), low=low, high=high),
                hint=_("the scale is set under task_force.scale"))


def _find_sheet(loaded: LoadedPlan, member: str, segment: str
                ) -> tuple[int, ScoreSheet] | tuple[None, None]:
    sheets = loaded.plan.task_force.scores if loaded.plan.task_force else []
    for index, sheet in enumerate(sheets):
        if sheet.member == member and sheet.segment == segment:
            return index, sheet
    return None, None


def plan_edit(loaded: LoadedPlan, segment: str, member: str, pairs: list[str],
              note: str | None = None, replace: bool = False) -> ScoreEdit:
    """Check the request against the plan and work out each value to write."""
    scores = parse_scores(pairs)
    if not scores:
        raise UsageError(_("give at least one criterion=score"))
    segment, member = _segment_id(loaded, segment), _member_id(loaded, member)
    _check_scores(loaded, scores)
    index, sheet = _find_sheet(loaded, member, segment)
    old = sheet.scores if sheet else {}
    wanted = [Change(k, old.get(k), v) for k, v in scores]
    if note is not None:
        wanted.append(Change("note", sheet.note if sheet else None, check_note(note), note=True))
    changes = tuple(c for c in wanted if c.old != c.new)
    unchanged = tuple(c.key for c in wanted if c.old == c.new)
    refused = [c for c in changes if c.old is not None]
    if refused and not replace:
        raise _refused(loaded, index, member, segment, refused)
    return ScoreEdit(loaded.name, segment, member, index, changes, unchanged)


def _refused(loaded: LoadedPlan, index: int | None, member: str, segment: str,
             refused: list[Change]) -> UsageError:
    mark = loaded.source.key((*SCORES, index or 0))
    values = ", ".join(f"{c.key}={_shown(c.old)}" for c in refused)
    return UsageError(_("member '{member}' already gave segment '{segment}' {values} "
                        "({location})").format(
                            member=shown(member), segment=shown(segment), values=values,
                            location=f"{loaded.name}:{mark.line}:{mark.column}"),
                      hint=_("add --replace to overwrite"))


def _shown(value: Any) -> str:
    return plain(value) if isinstance(value, int | float) else repr(value)


def apply(plan: EditablePlan, edit: ScoreEdit) -> None:
    """Make the edit in the plan's text (not saved yet)."""
    if edit.sheet is None:
        plan.append_item(SCORES, _new_sheet(edit))
        return
    for change in edit.changes:
        where = ("note",) if change.note else ("scores", change.key)
        plan.set_value((*SCORES, edit.sheet, *where), change.new)


def _new_sheet(edit: ScoreEdit) -> dict[str, Any]:
    sheet: dict[str, Any] = {"member": edit.member, "segment": edit.segment,
                             "scores": {c.key: c.new for c in edit.changes if not c.note}}
    for change in edit.changes:
        if change.note:
            sheet["note"] = change.new
    return sheet


def read_for_edit(path: Path) -> tuple[EditablePlan, LoadedPlan]:
    """The plan's text for editing, and that very text loaded and validated."""
    plan_path = resolve_plan_path(path)
    text = EditablePlan.read(plan_path)
    return text, load_bytes(text.render_bytes(), str(plan_path))


def commit(text: EditablePlan, edit: ScoreEdit) -> bool:
    """Make the edit and save atomically (the save refuses a plan that would no longer load);
    False: no change."""
    if not edit.changes:
        return False
    apply(text, edit)
    return text.save()
