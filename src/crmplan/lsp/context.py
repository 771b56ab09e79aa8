"""Where the cursor stands in a plan, read from the indentation of the text alone.

A plan being typed is often not YAML yet (``stage:`` with half a value, a list item
with nothing after its dash), so the path of the cursor (``journeys``, 0,
``touchpoints``, 3, ``stage``) is read from the lines above it, as an editor's eye
reads them, never from a parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crmplan.lsp.text import Spot, lines_of
from crmplan.plan.source import PlanPath

_KEY = re.compile(
    r"""(?P<key>[^\s#'"\-?:,\[\]{}][^#:,\[\]{}]*?|'[^']*'|"[^"]*")"""
    r"[ \t]*:(?:[ \t]|$)"
)
_DASH = re.compile(r"-(?:[ \t]+|$)")


@dataclass(frozen=True)
class Element:
    """A list item's dash, or a mapping key, where it starts on its line."""

    column: int
    key: str | None  # None: a dash


@dataclass(frozen=True)
class Cursor:
    """The cursor's place: the path of the mapping or list it is in, and what it types.

    ``key`` is the key whose value the cursor writes (None: the cursor writes a key, or
    a list item when ``item`` is set); ``prefix`` what is typed of the word so far;
    ``siblings`` the keys already written beside the cursor's."""

    parent: PlanPath
    key: str | None
    item: int | None
    prefix: str
    siblings: frozenset[str]

    @property
    def path(self) -> PlanPath:
        """The path of the value the cursor writes (its key or list item included)."""
        if self.key is not None:
            return (*self.parent, self.key)
        if self.item is not None:
            return (*self.parent, self.item)
        return self.parent


def elements(row: str) -> list[Element]:
    """The dashes and the key that open the line ``row``: ``  - id: x`` holds a dash at 2
    and the key ``id`` at 4. A comment, a blank line or a continued scalar hold none."""
    found: list[Element] = []
    column = len(row) - len(row.lstrip(" "))
    rest = row[column:]
    if not rest or rest.startswith("#"):
        return found
    while (dash := _DASH.match(rest)) is not None:
        found.append(Element(column, None))
        column += dash.end()
        rest = row[column:]
    key = _KEY.match(rest)
    if key is not None:
        found.append(Element(column, _unquoted(key.group("key").strip())))
    return found


def _unquoted(key: str) -> str:
    return key[1:-1] if len(key) >= 2 and key[0] == key[-1] and key[0] in "'\"" else key


def cursor_at(text: str, spot: Spot) -> Cursor:
    """The cursor's place at ``spot`` (0-based line and character)."""
    lines = lines_of(text)
    if not 0 <= spot.line < len(lines):
        return Cursor((), None, None, "", frozenset())
    row = lines[spot.line][: spot.character]
    own = elements(row)
    after_dash = [e for e in own if e.key is None]
    key_here = own[-1] if own and own[-1].key is not None else None
    prefix = _typed(row)
    flow = _flow_part(row)
    if flow is not None:  # inside [...] or {...} on this line
        outer = (
            cursor_at(text[: _offset(lines, spot.line, flow.start)], Spot(spot.line, flow.start))
            if flow.start
            else Cursor((), None, None, "", frozenset())
        )
        return _in_flow(outer, flow, prefix)
    if key_here is not None:  # `key: val|`: the value of key
        start = key_here.column
        parent = _parent_path(lines, spot.line, start, False, own[:-1])
        return Cursor(parent, key_here.key, None, prefix, frozenset())
    if after_dash:  # `- va|`: a list item, or the first key of a mapping in it
        last = after_dash[-1]
        parent = _parent_path(lines, spot.line, last.column, True, after_dash[:-1])
        index = _item_index(lines, spot.line, last.column)
        return Cursor(parent, None, index, prefix, frozenset())
    column = len(row) - len(row.lstrip(" "))
    parent = _parent_path(lines, spot.line, column, False, [])
    return Cursor(parent, None, None, prefix, _siblings(lines, spot.line, column))


@dataclass(frozen=True)
class _Flow:
    """The flow collections open at the cursor, outermost first: ``[`` with the items
    before the cursor, ``{`` with the key whose value the cursor writes (None: a key)."""

    start: int  # where the outermost opens
    opened: tuple[tuple[str, int, str | None], ...]
    keys: frozenset[str]  # the keys written before the cursor in the innermost mapping


def _flow_part(row: str) -> _Flow | None:
    stack: list[list[object]] = []  # [bracket, column, items, key, keys]
    quote = ""
    for column, char in enumerate(row):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"" and (column == 0 or row[column - 1] in " [{,:"):
            quote = char
        elif char == "#" and column > 0 and row[column - 1] == " ":
            break
        elif char in "[{":
            stack.append([char, column, 0, None, set()])
        elif char in "]}" and stack:
            stack.pop()
        elif char == "," and stack:
            top = stack[-1]
            top[2] = int(str(top[2])) + 1
            top[3] = None
        elif char == ":" and stack and stack[-1][0] == "{":
            top = stack[-1]
            start = max(row.rfind("{", 0, column), row.rfind(",", 0, column)) + 1
            key = _unquoted(row[start:column].strip())
            top[3] = key
            keys = top[4]
            assert isinstance(keys, set)
            keys.add(key)
    if not stack:
        return None
    opened = tuple(
        (str(b), int(str(n)), None if k is None else str(k)) for b, _c, n, k, _s in stack
    )
    last = stack[-1][4]
    assert isinstance(last, set)
    return _Flow(int(str(stack[0][1])), opened, frozenset(last))


def _offset(lines: list[str], line: int, character: int) -> int:
    return sum(len(row) + 1 for row in lines[:line]) + character


def _in_flow(outer: Cursor, flow: _Flow, prefix: str) -> Cursor:
    """The cursor inside the flow collections that open after ``outer``'s key."""
    path = list(outer.path)
    for bracket, items, key in flow.opened[:-1]:
        path.append(items if bracket == "[" else str(key))
    bracket, items, key = flow.opened[-1]
    if bracket == "[":
        return Cursor(tuple(path), None, items, prefix, frozenset())
    if key is not None:
        return Cursor(tuple(path), key, None, prefix, frozenset())
    return Cursor(tuple(path), None, None, prefix, flow.keys)


def _typed(row: str) -> str:
    match = re.search(r"[^\s:\[\]{},'\"-][^\s:\[\]{},'\"]*$|$", row)
    word = match.group() if match else ""
    return word


def _parent_path(
    lines: list[str], line: int, column: int, is_dash: bool, inline: list[Element]
) -> PlanPath:
    """The path of what holds an element at ``column`` of ``line``; ``inline``: the dashes
    before it on its own line (``- - x``), innermost last."""
    chain: list[tuple[Element, int]] = [(e, line) for e in reversed(inline)]
    need, dash = (inline[0].column, True) if inline else (column, is_dash)
    for above in range(line - 1, -1, -1):
        if need == 0 and not dash:
            break
        found = elements(lines[above])
        holders = [
            e for e in found if e.column < need or (e.column == need and dash and e.key is not None)
        ]
        if not found or not holders:
            continue
        chain.extend((e, above) for e in reversed(holders))
        need, dash = holders[0].column, holders[0].key is None
    path: list[str | int] = []
    for element, at in reversed(chain):
        path.append(
            element.key if element.key is not None else _item_index(lines, at, element.column)
        )
    return tuple(path)


def _item_index(lines: list[str], line: int, column: int) -> int:
    """Which item of its list the dash at ``column`` of ``line`` opens (0 the first)."""
    index = 0
    for above in range(line - 1, -1, -1):
        found = elements(lines[above])
        if not found:
            continue
        first = found[0]
        if first.column < column or (first.column == column and first.key is not None):
            break
        if first.column == column or any(e.column == column and e.key is None for e in found):
            index += 1
    return index


def _siblings(lines: list[str], line: int, column: int) -> frozenset[str]:
    """The keys written at ``column`` in the same mapping as the cursor's line."""
    keys: set[str] = set()
    for step in (-1, 1):
        at = line + step
        while 0 <= at < len(lines):
            found = [e for e in elements(lines[at]) if e.column <= column]
            if found and (found[0].column < column or found[-1].key is None):
                if found[-1].column == column and found[-1].key is not None:
                    keys.add(found[-1].key)  # `- key:` opens the mapping: still a sibling
                break
            if found and found[-1].key is not None:
                keys.add(found[-1].key)
            at += step
    return frozenset(keys)
