"""Where each part of a plan stands in its file, so every message can name file:line:col."""

from __future__ import annotations

from array import array
from collections.abc import ItemsView, Iterator, Mapping, Sequence
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
    keys: Mapping[PlanPath, Mark] = field(default_factory=dict)
    values: Mapping[PlanPath, Mark] = field(default_factory=dict)
    ends: Mapping[PlanPath, Mark] = field(default_factory=dict)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled compactly for the plan cache (:mod:`crmplan.plan.cache`): each path once,
        as its parent's number and its last key, and the positions as arrays of numbers;
        read back four times quicker than tuples of paths and named tuples."""
        numbers: dict[PlanPath, int] = {(): 0}
        parents, last = array("i", [-1]), list[PathKey]([""])

        def number(path: PlanPath) -> int:
            found = numbers.get(path)
            if found is None:
                parent = number(path[:-1])
                found = numbers[path] = len(last)
                parents.append(parent)
                last.append(path[-1])
            return found

        tables = []
        for table in (self.keys, self.values, self.ends):
            packed = array("i")
            for path, mark in table.items():
                packed.extend((number(path), *mark))
            tables.append(packed.tobytes())
        return (_source_map, (self.file, self.text, parents.tobytes(), tuple(last), *tables))

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

    def _nearest(self, table: Mapping[PlanPath, Mark], path: PlanPath) -> Mark:
        while path:
            if path in table:
                return table[path]
            path = path[:-1]
        return table.get((), START)


class Part(NamedTuple):
    """The marks of one top-level section read on its own (:mod:`crmplan.plan.sections`),
    and how many lines and characters of the text stand before the section."""

    marks: Mapping[PlanPath, Mark]
    lines: int
    offset: int


class JoinedMarks(Mapping[PlanPath, Mark]):
    """The marks of a text read section by section: a path's mark is looked up in the
    table of its top-level section and moved to where that section stands in the text,
    when asked (moving every mark of every section after an edit would cost as much as
    reading the text again). The root's mark is the first section's."""

    __slots__ = ("_first", "_parts")

    def __init__(self, first: Mapping[PlanPath, Mark], parts: dict[PathKey, Part]) -> None:
        self._first = first
        self._parts = parts

    def __getitem__(self, path: PlanPath) -> Mark:
        if not path:
            return self._first[path]
        marks, lines, offset = self._parts[path[0]]
        mark = marks[path]
        if lines or offset:
            return Mark(mark.line + lines, mark.column, mark.offset + offset)
        return mark

    def __contains__(self, path: object) -> bool:
        if not isinstance(path, tuple) or not path:
            return path == () and () in self._first
        part = self._parts.get(path[0])
        return part is not None and path in part.marks

    def __iter__(self) -> Iterator[PlanPath]:
        if () in self._first:
            yield ()
        for part in self._parts.values():
            yield from (path for path in part.marks if path)

    def __len__(self) -> int:
        root = 1 if () in self._first else 0
        return root + sum(len(part.marks) - (() in part.marks) for part in self._parts.values())

    def items(self) -> ItemsView[PlanPath, Mark]:
        return _JoinedItems(self)

    def moved(self) -> Iterator[tuple[PlanPath, Mark]]:
        """Every path with its mark, section by section (what ``items()`` gives, without
        looking each path up again)."""
        if () in self._first:
            yield (), self._first[()]
        for marks, lines, offset in self._parts.values():
            for path, (line, column, at) in marks.items():
                if path:
                    yield path, Mark(line + lines, column, at + offset)


class _JoinedItems(ItemsView[PlanPath, Mark]):
    _mapping: JoinedMarks

    def __iter__(self) -> Iterator[tuple[PlanPath, Mark]]:
        return self._mapping.moved()


def _source_map(file: str, text: str, parents: bytes, last: tuple[PathKey, ...],
                *tables: bytes) -> SourceMap:
    """A source map read back from its pickled form (:meth:`SourceMap.__reduce__`)."""
    parent_of = array("i")
    parent_of.frombytes(parents)
    paths: list[PlanPath] = [()]
    for parent, key in zip(parent_of[1:], last[1:], strict=True):
        paths.append((*paths[parent], key))
    built = []
    for packed in tables:
        numbers = array("i")
        numbers.frombytes(packed)
        marks = map(Mark._make, zip(numbers[1::4], numbers[2::4], numbers[3::4], strict=True))
        built.append(dict(zip(map(paths.__getitem__, numbers[0::4]), marks, strict=True)))
    return SourceMap(file, text, *built)


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
