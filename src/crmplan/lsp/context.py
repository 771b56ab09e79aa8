"""Where the cursor stands in a plan: the path of what it writes (``journeys``, 0,
``touchpoints``, 3, ``stage``), read from the parse of the plan's last good text plus the
line being typed.

A plan being typed is often not YAML yet (``stage:`` with half a value, a list item with
nothing after its dash), so the line under the cursor is read as written, and everything
around it from the parse (:mod:`crmplan.lsp.layout`): a list written over several lines in
brackets, a ``|`` or ``>`` text holding ``key:``, comments and quoted keys are what YAML
says they are. Only while no version of the text has been YAML is the path read from the
indentation of the lines above, as an editor's eye reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crmplan.lsp.layout import Layout, Line
from crmplan.lsp.text import Spot, lines_of
from crmplan.plan.source import PlanPath
from crmplan.plan.yamltree import ParsedYaml

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
    ``siblings`` the keys already written beside the cursor's; ``free``: the cursor is in
    free text (a comment, a text over several lines), where nothing is completed."""

    parent: PlanPath
    key: str | None
    item: int | None
    prefix: str
    siblings: frozenset[str]
    free: bool = False

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


_NOWHERE = Cursor((), None, None, "", frozenset())


def cursor_at(text: str, spot: Spot, parsed: ParsedYaml | None = None) -> Cursor:
    """The cursor's place at ``spot`` (0-based line and character) of ``text``, the
    editor's; ``parsed``: the last version of the text that was YAML (None: there is
    none, and the indentation is read instead)."""
    lines = lines_of(text)
    if not 0 <= spot.line < len(lines):
        return _NOWHERE
    if parsed is None:
        return _by_indentation(text, lines, spot)
    return _from_parse(Layout(parsed, lines), lines, spot)


def _from_parse(layout: Layout, lines: list[str], spot: Spot) -> Cursor:
    row = lines[spot.line][: spot.character]
    prefix = _typed(row)
    if _in_comment(row):
        return Cursor((), None, None, prefix, frozenset(), free=True)
    at = layout.line(spot.line)
    across = layout.flow_across(at)
    if across is not None:  # inside brackets opened on a line above
        flow = _flow_part(layout.good[across.start : layout.offset(at.number)] + row)
        if flow is not None:
            return _in_flow(across.path, flow, prefix)
    whole = lines[spot.line]
    written = len(whole) - len(whole.lstrip(" ")) if whole.strip() else spot.character
    indent = layout.text_indent(at)
    if indent is not None and written >= indent:  # a line of a text over several lines
        return Cursor((), None, None, prefix, frozenset(), free=True)
    flow = _flow_part(row)
    if flow is not None:  # inside brackets opened on this line
        outer = _in_block(layout, at, row[: flow.start], "") if flow.start else _NOWHERE
        return _in_flow(outer.path, flow, prefix)
    return _in_block(layout, at, row, prefix)


def _in_block(layout: Layout, at: Line, row: str, prefix: str) -> Cursor:
    """The cursor after ``row`` in block style: its dashes and key read from the row, what
    holds them from the parse."""
    own = elements(row)
    if not own:
        column = len(row) - len(row.lstrip(" "))
        parent = _holder(layout, at, column, dash=False)
        return Cursor(parent, None, None, prefix, layout.keys_beside(parent, at))
    path = _holder(layout, at, own[0].column, dash=own[0].key is None)
    dashes = [e for e in own if e.key is None]
    if dashes:  # the item the first dash opens, then the first of each inner list
        path = (*path, len(layout.entries_before(path, at)), *(0 for _ in dashes[1:]))
    last = own[-1]
    if last.key is not None:
        return Cursor(path, last.key, None, prefix, frozenset())
    item = path[-1]
    assert isinstance(item, int)
    return Cursor(path[:-1], None, item, prefix, frozenset())


def _holder(layout: Layout, at: Line, column: int, *, dash: bool) -> PlanPath:
    """The path of the collection a key (or a dash) written at ``column`` of ``at`` goes
    into: an open mapping (list) at that column, else the value of the last entry of the
    innermost collection left of it."""
    candidates = layout.open_at(at, column)
    same = [c for c in candidates if c.column == column and c.mapping != dash]
    if same:
        return same[-1].path
    if dash:  # `key:` then `- item` at the key's column: the list is the key's value
        beside = [c for c in candidates if c.column == column]
        if beside and (entries := layout.entries_before(beside[-1].path, at)):
            return (*beside[-1].path, entries[-1])
    left = [c for c in candidates if c.column < column]
    if not left:
        return ()
    entries = layout.entries_before(left[-1].path, at)
    return (*left[-1].path, entries[-1]) if entries else left[-1].path


def _in_comment(row: str) -> bool:
    """Whether the end of ``row`` is in a comment (a ``#`` outside quotes, at the start
    or after a space)."""
    quote = ""
    for column, char in enumerate(row):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"" and (column == 0 or row[column - 1] in " \t[{,:"):
            quote = char
        elif char == "#" and (column == 0 or row[column - 1] in " \t"):
            return True
    return False


def _by_indentation(text: str, lines: list[str], spot: Spot) -> Cursor:
    """The cursor's place read from the indentation of the lines above (no parse)."""
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
            else _NOWHERE
        )
        return _in_flow(outer.path, flow, prefix)
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
    """The flow collections open at the end of ``row`` (which may run over several
    lines: the rest of a line after a comment's ``#`` is skipped)."""
    stack: list[list[object]] = []  # [bracket, column, items, key, keys]
    quote = ""
    comment = False
    for column, char in enumerate(row):
        before = row[column - 1] if column else "\n"
        if comment:
            comment = char != "\n"
        elif quote:
            quote = "" if char == quote else quote
        elif char in "'\"" and before in " \t\n[{,:":
            quote = char
        elif char == "#" and before in " \t\n":
            comment = True
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


def _in_flow(outer: PlanPath, flow: _Flow, prefix: str) -> Cursor:
    """The cursor inside the flow collections that open at ``outer``."""
    path = list(outer)
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
