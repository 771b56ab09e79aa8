"""Where each part of a plan stands in its file, so every message can name file:line:col."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from crmplan.quoting import shown

PathKey = str | int
PlanPath = tuple[PathKey, ...]


class Mark(NamedTuple):
    """A 1-based position in the plan file, plus the character offset of the text.

    A named tuple rather than a dataclass: a large plan has hundreds of thousands.
    """

    line: int
    column: int
    offset: int = 0  # the character offset (not "index", which a tuple has as a method)


START = Mark(1, 1, 0)


@dataclass
class SourceMap:
    """Positions of the keys and values of a loaded plan, by key path.

    ``keys[path]`` is where the key of ``path`` is written, ``values[path]``
    where its value starts and ``ends[path]`` where a scalar value ends.
    """

    file: str
    text: str = ""
    keys: dict[PlanPath, Mark] = field(default_factory=dict)
    values: dict[PlanPath, Mark] = field(default_factory=dict)
    ends: dict[PlanPath, Mark] = field(default_factory=dict)

    def value(self, path: Sequence[PathKey]) -> Mark:
        """Where the value at ``path`` starts (or the nearest enclosing one)."""
        return self._nearest(self.values, tuple(path))

    def key(self, path: Sequence[PathKey]) -> Mark:
        """Where the key of ``path`` is written (list items: where the item starts)."""
        path = tuple(path)
        while path:
            if path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return START

    def snippet(self, path: Sequence[PathKey]) -> str | None:
        """The source text of the scalar at ``path``, as the user wrote it."""
        path = tuple(path)
        if path not in self.values or path not in self.ends:
            return None
        return self.text[self.values[path].offset : self.ends[path].offset]

    def _nearest(self, table: dict[PlanPath, Mark], path: PlanPath) -> Mark:
        while path:
            if path in table:
                return table[path]
            path = path[:-1]
        return table.get((), START)


def display_path(path: Sequence[PathKey], data: Any) -> str:
    """``segments[vip].offer.payment_terms``: list items named by their id when they have one.

    Keys and ids are the user's: each is shown cut to a readable length (:func:`shown`)."""
    parts: list[str] = []
    node = data
    for key in path:
        if isinstance(key, int):
            item = node[key] if isinstance(node, list) and 0 <= key < len(node) else None
            ident = item.get("id") if isinstance(item, dict) else None
            parts.append(f"[{shown(ident)}]" if isinstance(ident, str) and ident else f"[{key}]")
            node = item
        else:
            parts.append(f".{shown(key)}" if parts else shown(key))
            node = node.get(key) if isinstance(node, dict) else None
    return "".join(parts)
