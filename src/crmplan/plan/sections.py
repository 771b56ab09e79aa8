"""A plan read again at every change, one top-level section at a time.

An editor sends the whole text at every keystroke, and most of it is what it was. A
:class:`SectionCache` splits the text where a top-level key starts a line (``client:``,
``journeys:``), reads each section on its own and keeps what it read; the next text
reads again only the sections whose text changed, and the marks of the sections after
the change are moved when they are asked for (:class:`~crmplan.plan.source.JoinedMarks`).

The result is what :func:`~crmplan.plan.yamltree.parse_yaml` reads from the whole text:
the same data, marks and problems (tests/test_sections.py compares the two on random
edits of the examples). Where splitting might read the text differently, the whole text
is read by :func:`~crmplan.plan.yamltree.parse_yaml` instead: a tab, a line break other
than ``\\n``, a line starting in column 1 that is neither a key, a comment nor a list item
(flow style at the top, directives, document markers, complex keys, tags, a text
continued there); a section that does not read cleanly on its own (any problem or
warning, whose message and position are the whole text's to give; an anchor or an
alias, which may reach across sections); a top-level key written twice; more values
than a plan may hold.
"""

from __future__ import annotations

import re
from itertools import pairwise

from crmplan.plan.source import JoinedMarks, Part, PathKey, SourceMap
from crmplan.plan.yamltree import MAX_NODES, CleanParse, ParsedYaml, parse_clean, parse_yaml

_UNSAFE = re.compile("[\t\r\x85\u2028\u2029\ufeff]")
_COLUMN_ONE = re.compile(r"^[^ \n]", re.MULTILINE)
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*[ ]*:(?:[ \n]|\Z)")
_WITHIN = re.compile(r"#|-(?:[ \n]|\Z)")  # a comment, an item of a list under its key


def section_starts(text: str) -> list[int] | None:
    """Where each top-level section of ``text`` starts (the first at 0, with the comments
    before its key), or None where reading the sections one by one may not be safe."""
    if _UNSAFE.search(text):
        return None
    keys = []
    for line in _COLUMN_ONE.finditer(text):
        at = line.start()
        if _KEY.match(text, at):
            keys.append(at)
        elif not _WITHIN.match(text, at):
            return None
    return [0, *keys[1:]] if keys else None


class SectionCache:
    """The sections of the last two texts read (two, so that an undo reads nothing)."""

    def __init__(self) -> None:
        self._kept: dict[str, CleanParse] = {}
        self._before: dict[str, CleanParse] = {}

    def parse(self, text: str, name: str) -> ParsedYaml:
        """What :func:`~crmplan.plan.yamltree.parse_yaml` reads from ``text``."""
        text = text.replace("\r\n", "\n")
        starts = section_starts(text)
        joined = self._joined(text, name, starts) if starts is not None else None
        return joined if joined is not None else parse_yaml(text, name)

    def _joined(self, text: str, name: str, starts: list[int]) -> ParsedYaml | None:
        pieces = [text[a:b] for a, b in pairwise([*starts, len(text)])]
        read: dict[str, CleanParse] = {}
        clean = True
        for piece in pieces:
            found = read.get(piece) or self._kept.get(piece) or self._before.get(piece)
            if found is None and clean:  # after a failure the whole text is read anyway
                found = parse_clean(piece, name)
                clean = found is not None
            if found is not None:
                read[piece] = found
        self._before, self._kept = self._kept, read
        if not clean:
            return None
        return _join(text, name, starts, [read[p] for p in pieces])


def _join(text: str, name: str, starts: list[int], parts: list[CleanParse]) -> ParsedYaml | None:
    """The sections' readings as the reading of the whole text; None if they disagree with
    it (a key written twice, too many values)."""
    data: dict[PathKey, object] = {}
    tables: tuple[dict[PathKey, Part], ...] = ({}, {}, {})
    nodes, line, previous = 1, 0, 0
    for start, part in zip(starts, parts, strict=True):
        if not isinstance(part.data, dict) or len(part.data) != 1:
            return None
        ((key, value),) = part.data.items()
        if key in data:
            return None
        data[key] = value
        line += text.count("\n", previous, start)
        previous = start
        source = part.source
        for table, marks in zip(tables, (source.keys, source.values, source.ends), strict=True):
            table[key] = Part(marks, line, start)
        nodes += part.nodes - 1
    if nodes > MAX_NODES:
        return None
    first = parts[0].source
    keys, values, ends = (
        JoinedMarks(mine, table)
        for mine, table in zip((first.keys, first.values, first.ends), tables, strict=True)
    )
    return ParsedYaml(data, SourceMap(name, text, keys, values, ends))
