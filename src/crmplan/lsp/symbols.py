"""Where each id of a plan is defined and where it is named: go to definition, find
references and rename, from the one list of references
(:data:`crmplan.plan.references.REFERENCES`) and where each says its ids are written."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from crmplan.errors import UsageError
from crmplan.i18n import _
from crmplan.lsp.text import BOM, Span, Spot, lines_of, token_span
from crmplan.model.base import ID_PATTERN
from crmplan.plan.edit import EditablePlan
from crmplan.plan.references import KEYS, REFERENCES, Reference, walk
from crmplan.plan.sections import SectionCache
from crmplan.plan.source import Mark, PlanPath, SourceMap
from crmplan.quoting import shown

_ID = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class Occurrence:
    """An id written in the plan: where (``span``, ``path``), which item it names or
    defines (``entity``: that item's path; None when it names no item written in the plan,
    a default stage or an unknown id) and of what kind."""

    ident: str
    span: Span
    path: PlanPath
    entity: PlanPath | None
    what: str
    defines: bool = False
    key: bool = False  # written as a mapping key (a criterion in a score sheet)


@dataclass(frozen=True)
class TextEdit:
    """Replace ``span`` of the text with ``new``."""

    span: Span
    new: str


class RenameRefused(Exception):
    """A rename that cannot be made, with the reason in the user's language."""


class Index:
    """Every occurrence of an id in one version of a plan's text."""

    def __init__(
        self, text: str, data: Any, source: SourceMap, sections: SectionCache | None = None
    ) -> None:
        self.text = text
        self.sections = sections  # the document's: a rename reads only what it changes
        lines = lines_of(text)
        self.occurrences = _occurrences(lines, data, source) if isinstance(data, dict) else []

    def at(self, spot: Spot) -> Occurrence | None:
        """The occurrence the cursor stands in (or just after)."""
        return next((o for o in self.occurrences if o.span.holds(spot)), None)

    def same(self, occurrence: Occurrence) -> list[Occurrence]:
        """Every occurrence of what ``occurrence`` names, the definition first."""
        found = [o for o in self.occurrences if _same_thing(o, occurrence)]
        return sorted(found, key=lambda o: (not o.defines, o.span))

    def definition(self, occurrence: Occurrence) -> Occurrence | None:
        return next((o for o in self.same(occurrence) if o.defines), None)

    def rename(self, occurrence: Occurrence, new: str) -> list[TextEdit]:
        """The edits that rename what ``occurrence`` names to ``new`` everywhere: each
        through the lossless writer, so nothing but the ids changes."""
        _check_new_id(self, occurrence, new)
        same = self.same(occurrence)
        editable = EditablePlan.from_text(self.text, sections=self.sections)
        shift = 1 if self.text.startswith(BOM) else 0  # the writer holds the text without it
        try:
            done = editable.rename(
                [o.path for o in same if not o.key], [o.path for o in same if o.key], new
            )
        except UsageError as exc:  # a refused edit: an anchor, a write that strays
            raise RenameRefused(exc.message) from None
        return [
            TextEdit(
                Span(spot_of(self.text, r.start + shift), spot_of(self.text, r.end + shift)), r.new
            )
            for r in done
        ]


def _same_thing(a: Occurrence, b: Occurrence) -> bool:
    if b.entity is not None:
        return a.entity == b.entity
    return a.entity is None and a.what == b.what and a.ident == b.ident


def _check_new_id(index: Index, occurrence: Occurrence, new: str) -> None:
    if occurrence.entity is None:
        raise RenameRefused(
            _("'{id}' is not defined in the plan, so it cannot be renamed here").format(
                id=shown(occurrence.ident)
            )
        )
    if not _ID.fullmatch(new):
        raise RenameRefused(
            _(
                "'{id}' is not a valid id: use up to 64 letters, digits, "
                "'_', '.' and '-', starting with a letter or digit"
            ).format(id=shown(new))
        )
    taken = [
        o
        for o in index.occurrences
        if o.defines
        and o.ident == new
        and o.entity is not None
        and o.entity[:-1] == occurrence.entity[:-1]
    ]
    if taken:
        raise RenameRefused(
            _("id '{id}' is already used in this list (line {line})").format(
                id=shown(new), line=taken[0].span.start.line + 1
            )
        )


def _occurrences(lines: list[str], data: dict[str, Any], source: SourceMap) -> list[Occurrence]:
    found: dict[PlanPath, Occurrence] = {}
    for reference in REFERENCES:
        for item in _definitions(reference, data):
            ident_path = (*item, "id")
            if ident_path not in found and ident_path in source.values:
                found[ident_path] = Occurrence(
                    _at(data, ident_path),
                    _span(lines, source.values[ident_path]),
                    ident_path,
                    item,
                    reference.what,
                    defines=True,
                )
        for path, value in walk(data, reference.pattern):
            if not isinstance(value, str):
                continue
            key = reference.pattern[-1] == KEYS
            mark = source.keys.get(path) if key else source.values.get(path)
            if mark is None:
                continue
            entity = next(
                (
                    item
                    for item in _targets(reference, data, path)
                    if _at(data, (*item, "id")) == value
                ),
                None,
            )
            found[path] = Occurrence(
                value, _span(lines, mark), path, entity, reference.what, key=key
            )
    return sorted(found.values(), key=lambda o: o.span)


def _definitions(reference: Reference, data: dict[str, Any]) -> Iterator[PlanPath]:
    """The items the reference may name, wherever in the plan it is written."""
    head = reference.pattern[:2]
    prefixes = [path for path, _item in walk(data, head)] if head[-1] == "*" else [head]
    for prefix in prefixes:
        yield from _targets(reference, data, prefix)


def _targets(reference: Reference, data: dict[str, Any], path: PlanPath) -> list[PlanPath]:
    try:
        return reference.targets.where(data, path)
    except (LookupError, TypeError, AttributeError):  # a plan that is not the format's shape
        return []


def _at(data: Any, path: PlanPath) -> Any:
    for key in path:
        data = data[key]
    return data


def _span(lines: list[str], mark: Mark) -> Span:
    return token_span(lines, mark.line - 1, mark.column - 1)


def spot_of(text: str, offset: int) -> Spot:
    """The line and character of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset)
    return Spot(line, offset - (text.rfind("\n", 0, offset) + 1))
