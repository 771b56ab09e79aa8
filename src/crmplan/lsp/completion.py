"""Completion: the keys the plan format allows where the cursor is, with their
descriptions; a field's fixed values; and the plan's own ids where a reference is
expected (the one list of references, :data:`crmplan.plan.references.REFERENCES`)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from crmplan.i18n import _
from crmplan.lsp.context import Cursor
from crmplan.lsp.fields import fields_of, fixed_values, item_is_mapping, model_at
from crmplan.model.catalogue import catalogue_entry
from crmplan.plan.references import KEYS, REFERENCES, Reference
from crmplan.plan.source import PlanPath


class Kind(str, enum.Enum):
    """What a suggestion completes."""

    KEY = "key"
    VALUE = "value"
    ID = "id"


@dataclass(frozen=True)
class Suggestion:
    """One completion: what is shown, what is inserted, and what it is."""

    label: str
    kind: Kind
    detail: str = ""
    documentation: str = ""
    insert: str = ""
    order: int = 0


def suggestions(cursor: Cursor, data: Any) -> list[Suggestion]:
    """What may be written where ``cursor`` stands; ``data`` is the plan's data as last
    read (the ids it defines), or None. Nothing in free text (a comment, a text over
    several lines)."""
    if cursor.free:
        return []
    if cursor.key is None and cursor.item is None:
        return _keys(cursor.parent, cursor.siblings, data)
    if cursor.key is None and cursor.item is not None and item_is_mapping(cursor.parent):
        return _keys(cursor.path, frozenset(), data)  # `- |`: the item's first key
    return _values(cursor.path, data)


def _keys(parent: PlanPath, written: frozenset[str], data: Any) -> list[Suggestion]:
    reference = _reference(parent, keys=True)
    if reference is not None:  # a mapping keyed by ids (score sheets)
        return [_as_key(s) for s in _ids(reference, (*parent, ""), data)]
    model = model_at(parent)
    if model is None:
        return []
    return [
        Suggestion(
            f.name,
            Kind.KEY,
            f.kind + (" · " + _("required") if f.required else ""),
            f.description,
            f"{f.name}: ",
            order,
        )
        for order, f in enumerate(fields_of(model))
        if f.name not in written
    ]


def _as_key(suggestion: Suggestion) -> Suggestion:
    return Suggestion(
        suggestion.label,
        Kind.KEY,
        suggestion.detail,
        suggestion.documentation,
        f"{suggestion.label}: ",
        suggestion.order,
    )


def _values(path: PlanPath, data: Any) -> list[Suggestion]:
    reference = _reference(path, keys=False)
    if reference is not None:
        return _ids(reference, path, data)
    return [
        Suggestion(value, Kind.VALUE, insert=value, order=order)
        for order, value in enumerate(fixed_values(path))
    ]


def _reference(path: PlanPath, *, keys: bool) -> Reference | None:
    """The reference written at ``path``; with ``keys``, whose keys below ``path`` are."""
    for reference in REFERENCES:
        pattern = reference.pattern
        if keys != (pattern[-1] == KEYS):
            continue
        if keys:
            pattern = pattern[:-1]
        if len(pattern) == len(path) and all(
            p == k or (p == "*" and isinstance(k, int)) for p, k in zip(pattern, path, strict=True)
        ):
            return reference
    return None


def _ids(reference: Reference, path: PlanPath, data: Any) -> list[Suggestion]:
    """The ids ``reference`` may name at ``path``, each with the name of its item."""
    if not isinstance(data, dict):
        return []
    try:
        items = {item["id"]: item for item in _items(reference, path, data)}
        allowed = reference.targets(data, path) or set()
    except (LookupError, TypeError):  # the path is beyond what the data holds yet
        return []
    what = _(reference.what)
    named = [Suggestion(ident, Kind.ID, what, _name(items.get(ident)), ident) for ident in allowed]
    ordered = sorted(named, key=lambda s: (s.label not in items, s.label))
    return [
        Suggestion(s.label, s.kind, s.detail, s.documentation, s.insert, order)
        for order, s in enumerate(ordered)
    ]


def _items(reference: Reference, path: PlanPath, data: dict[str, Any]) -> list[Any]:
    found = []
    for item_path in reference.targets.where(data, path):
        node: Any = data
        for key in item_path:
            node = node[key]
        found.append(node)
    return found


def _name(item: Any) -> str:
    """The item's name; a catalogue KPI without one has the catalogue's, translated."""
    if not isinstance(item, dict):
        return ""
    name = item.get("name")
    if isinstance(name, str):
        return name
    catalogue = item.get("catalogue")
    entry = catalogue_entry(str(item.get("id")), catalogue if isinstance(catalogue, str) else None)
    return _(entry.name) if entry is not None else ""
