"""Where a plan's collections and texts stand, read from the parse of its last good text:
the ground on which :mod:`crmplan.lsp.context` places the cursor.

The editor's text is usually one keystroke ahead of the last text that was read (and may
not be YAML at all). The two are lined up line by line: the lines both share keep their
place, and a line typed since sits right after the nearest line above it both share. A
question about a line of the editor's text is then asked of the parse: which block
collections are open there, which flow collection spans it, which text over several lines
(a ``|`` or ``>`` block, a folded plain or quoted scalar) it belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from crmplan.lsp.text import lines_of
from crmplan.plan.source import Mark, PlanPath, SourceMap
from crmplan.plan.yamltree import ParsedYaml


@dataclass(frozen=True)
class Collection:
    """A mapping or a list of the parsed text: where it starts and ends (character
    offsets), the column of its first key or dash, and whether it is written in flow
    style (``[...]``, ``{...}``)."""

    path: PlanPath
    mapping: bool
    flow: bool
    column: int
    start: int
    end: int


@dataclass(frozen=True)
class Line:
    """A line of the editor's text placed in the parsed text: the parsed line it stands
    for, and whether that parsed line is the same text (else it was typed since, and only
    what stands around it is known)."""

    number: int
    same: bool


@dataclass(frozen=True)
class _Shape:
    """What a parse says of its text, whatever the editor's text is: built once per parse
    (a completion request asks it again at every keystroke)."""

    parsed: ParsedYaml
    starts: list[int]  # where each line begins
    lines: list[str]
    collections: list[Collection]  # by where they start: the outer before the inner
    paths: frozenset[PlanPath]
    texts: list[tuple[int, int]]  # texts over several lines: first line, end offset


_SHAPES: list[_Shape] = []  # the last parse's


def _shape_of(parsed: ParsedYaml) -> _Shape:
    if _SHAPES and _SHAPES[0].parsed is parsed:
        return _SHAPES[0]
    source = parsed.source
    collections = sorted(_collections(parsed.data, source), key=lambda c: c.start)
    paths = frozenset(c.path for c in collections)
    texts = [
        (start.line - 1, end.offset)
        for path, start in source.values.items()
        if (end := source.ends.get(path)) is not None
        and end.line > start.line
        and path not in paths
    ]
    starts = [0, *(match.end() for match in re.finditer("\n", source.text))]
    shape = _Shape(parsed, starts, lines_of(source.text), collections, paths, texts)
    _SHAPES[:] = [shape]
    return shape


class Layout:
    """The collections and texts of a parsed plan, and the editor's text lined up with it."""

    def __init__(self, parsed: ParsedYaml, lines: list[str]) -> None:
        """``lines``: the editor's text, as :func:`crmplan.lsp.text.lines_of` cuts it."""
        shape = _shape_of(parsed)
        self.source = parsed.source
        self.data = parsed.data
        self.good = parsed.source.text
        self.starts = shape.starts
        self.collections = shape.collections
        self._paths = shape.paths
        self._texts = shape.texts
        self._align(shape.lines, lines)

    def _align(self, good: list[str], now: list[str]) -> None:
        shorter = min(len(good), len(now))
        prefix = 0
        while prefix < shorter and good[prefix] == now[prefix]:
            prefix += 1
        suffix = 0
        while suffix < shorter - prefix and good[-1 - suffix] == now[-1 - suffix]:
            suffix += 1
        self.good_lines, self.now_lines = good, now
        self.prefix, self.suffix = prefix, suffix
        self.shift = len(now) - len(good)
        self.changed = frozenset(  # parsed lines typed over (kept where they read the same)
            number
            for number in range(prefix, len(good) - suffix)
            if self._now(number) != good[number] and self._now(number + self.shift) != good[number]
        )

    def _now(self, number: int) -> str | None:
        return self.now_lines[number] if 0 <= number < len(self.now_lines) else None

    def line(self, number: int) -> Line:
        """Where line ``number`` (0-based) of the editor's text stands in the parsed text:
        a line both share is itself; a line typed since goes right after the nearest line
        above it that both share."""
        if number < self.prefix:
            return Line(number, True)
        if number >= len(self.now_lines) - self.suffix:
            return Line(number - self.shift, True)
        for above in range(number - 1, self.prefix - 1, -1):
            for good in (above, above - self.shift):
                if good not in self.changed and self._good(good) == self.now_lines[above]:
                    return Line(good + 1, False)
        return Line(self.prefix, False)

    def _good(self, number: int) -> str | None:
        return self.good_lines[number] if 0 <= number < len(self.good_lines) else None

    def offset(self, line: int, character: int = 0) -> int:
        """The character offset of a 0-based line and character of the parsed text."""
        if line >= len(self.starts):
            return len(self.good)
        return self.starts[line] + character

    @staticmethod
    def line_of(mark: Mark) -> int:
        """The 0-based line of a mark."""
        return mark.line - 1

    def open_at(self, at: Line, column: int) -> list[Collection]:
        """The block collections that an element written at ``column`` of ``at`` may
        belong to: begun before it, and not ended before its line."""
        begins = self.offset(at.number, column) if at.same else self.offset(at.number) - 1
        line_start = self.offset(at.number)
        return [
            c for c in self.collections if not c.flow and c.start <= begins and c.end >= line_start
        ]

    def flow_across(self, at: Line) -> Collection | None:
        """The outermost flow collection begun on an earlier line and open at ``at``."""
        line_start = self.offset(at.number)
        for collection in self.collections:  # in order: the outermost first
            if collection.flow and collection.start < line_start < collection.end:
                return collection
        return None

    def entries_before(self, path: PlanPath, at: Line) -> list[str | int]:
        """The keys or item numbers of the collection at ``path`` written above ``at``."""
        node = self.node(path)
        if isinstance(node, dict):
            marks = ((key, self.source.keys.get((*path, key))) for key in node)
        elif isinstance(node, list):
            marks = ((index, self.source.values.get((*path, index))) for index in range(len(node)))
        else:
            return []
        return [key for key, mark in marks if mark is not None and self.line_of(mark) < at.number]

    def keys_beside(self, path: PlanPath, at: Line) -> frozenset[str]:
        """The keys of the mapping at ``path``, but those on the cursor's line or typed
        over since."""
        node = self.node(path)
        if not isinstance(node, dict):
            return frozenset()
        skipped = range(at.number, at.number + 1) if at.same else self.changed
        return frozenset(
            key
            for key in node
            if isinstance(key, str)
            and (mark := self.source.keys.get((*path, key))) is not None
            and self.line_of(mark) not in skipped
        )

    def node(self, path: PlanPath) -> Any:
        """The parsed collection at ``path``; None where there is none."""
        if path not in self._paths:
            return None
        node: Any = self.data
        for key in path:
            node = node[key]
        return node

    def text_indent(self, at: Line) -> int | None:
        """Where the lines of a text over several lines begin, when ``at`` is one of its
        lines after the first (the cursor then writes free text); else None."""
        line_start = self.offset(at.number)
        for first, end in self._texts:
            if first < at.number and end > line_start:
                return _indent_after(self.good, self.starts, first, at.number)
        return None


def _collections(data: Any, source: SourceMap) -> Iterator[Collection]:
    """Every mapping and list of the parsed data that has a place in the text."""
    end_of_text = len(source.text)
    stack: list[tuple[PlanPath, Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if not isinstance(node, (dict, list)):
            continue
        start = source.values.get(path)
        end = source.ends.get(path) if path else None
        if start is None or (path and end is None):
            continue  # part of an alias: written elsewhere
        flow = source.text[start.offset : start.offset + 1] in ("[", "{")
        yield Collection(
            path,
            isinstance(node, dict),
            flow,
            start.column - 1,
            start.offset,
            end.offset if end is not None else end_of_text,
        )
        children = node.items() if isinstance(node, dict) else enumerate(node)
        stack.extend(((*path, key), value) for key, value in children)


def _indent_after(text: str, starts: list[int], first: int, upto: int) -> int:
    """The indentation of the first line with text after line ``first``, up to ``upto``."""
    for number in range(first + 1, min(upto + 1, len(starts))):
        end = starts[number + 1] - 1 if number + 1 < len(starts) else len(text)
        row = text[starts[number] : end]
        if row.strip():
            return len(row) - len(row.lstrip(" "))
    return 0
