"""Mutants of what a module defines at its top level: its tables and constants.

mutmut mutates function bodies only, yet crmplan keeps most of its decisions as data
(``assess/rules.py``, ``journey/rules.py``, ``segment/rules.py``, thresholds such as
``ON_TRACK_RATIO``). This module makes the mutants a reader of such a table fears, each a
small edit of the source text so that its diff reads like a typo:

- a boolean flipped, a number moved by one (a float by 0.01: a threshold's boundary);
- a row of a table dropped (an element of a tuple, list or set, an entry of a dict);
- a field of a row swapped for the same field of another row (a string, a name or an
  enum member: ``Need("sops_owned")`` -> ``Need("personas_researched")``);
- a comparison operator turned into its neighbour (``<`` -> ``<=``, ``in`` -> ``not in``).

A mutant is named after the table it changes and its number in that table
(``STAGES__ast_12``), so that a name stays the same while the table's other entries change
little, as mutmut names a function's mutants (``x_assess__mutmut_12``).
"""

from __future__ import annotations

import ast
import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field

COMPARE_SWAPS: dict[type[ast.cmpop], tuple[type[ast.cmpop], ...]] = {
    ast.Lt: (ast.LtE,),
    ast.LtE: (ast.Lt,),
    ast.Gt: (ast.GtE,),
    ast.GtE: (ast.Gt,),
    ast.Eq: (ast.NotEq,),
    ast.NotEq: (ast.Eq,),
    ast.In: (ast.NotIn,),
    ast.NotIn: (ast.In,),
    ast.Is: (ast.IsNot,),
    ast.IsNot: (ast.Is,),
}
COMPARE_TEXT: dict[type[ast.cmpop], str] = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.In: "in",
    ast.NotIn: "not in",
    ast.Is: "is",
    ast.IsNot: "is not",
}
FLOAT_STEP = 0.01
TRANSPARENT_CALLS = frozenset({"N_", "_"})
COLLECTIONS = (ast.Tuple, ast.List, ast.Set)


@dataclass(frozen=True)
class Edit:
    """Replace the bytes ``start:end`` of the module with ``text``."""

    start: int
    end: int
    text: str
    description: str


@dataclass(frozen=True)
class Mutant:
    """One mutant: its name, the line it changes, what it does, the mutated module."""

    name: str
    line: int
    description: str
    source: str

    def diff(self, original: str, path: str) -> str:
        """The mutant as a unified diff against ``original``, one line of context."""
        lines = difflib.unified_diff(
            original.splitlines(),
            self.source.splitlines(),
            fromfile=path,
            tofile=path,
            n=1,
            lineterm="",
        )
        return "\n".join(lines)


@dataclass
class _Slot:
    """The values found at one place of a table's rows (the second argument of every
    ``Need(...)`` of a table, say): each occurrence can be swapped for another value."""

    occurrences: list[tuple[int, int, str]] = field(default_factory=list)

    def distinct(self) -> list[str]:
        return list(dict.fromkeys(text for _, _, text in self.occurrences))


class _Source:
    """The module's text, addressed as the ``ast`` addresses it: lines and UTF-8 columns."""

    def __init__(self, text: str) -> None:
        self.data = text.encode("utf-8")
        self.starts = [0]
        for line in self.data.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))

    def span(self, node: ast.AST) -> tuple[int, int]:
        start = self.starts[node.lineno - 1] + node.col_offset  # type: ignore[attr-defined]
        end_line, end_col = node.end_lineno, node.end_col_offset  # type: ignore[attr-defined]
        return start, self.starts[end_line - 1] + end_col

    def text(self, start: int, end: int) -> str:
        return self.data[start:end].decode("utf-8")

    def line(self, offset: int) -> int:
        return next(n for n, start in enumerate(self.starts[1:], 1) if offset < start)

    def apply(self, edit: Edit) -> str:
        return (self.data[: edit.start] + edit.text.encode("utf-8") + self.data[edit.end :]).decode(
            "utf-8"
        )


def tables(tree: ast.Module) -> Iterator[tuple[str, ast.expr, ast.stmt]]:
    """Each top-level definition that is data, named, with the top-level statement it is
    in: ``NAME = ...``, a class's ``field: T = default``, and a module-level call such as
    ``TABLE.update({...})``."""
    for statement in tree.body:
        if isinstance(statement, ast.ClassDef):
            for inner in statement.body:
                for name, value in _assigned(inner):
                    yield f"{statement.name}.{name}", value, statement
        elif isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
            yield ast.unparse(statement.value.func), statement.value, statement
        else:
            for name, value in _assigned(statement):
                yield name, value, statement


def _assigned(statement: ast.stmt) -> Iterator[tuple[str, ast.expr]]:
    if isinstance(statement, ast.Assign):
        name = ",".join(ast.unparse(target).replace(" ", "") for target in statement.targets)
        value: ast.expr | None = statement.value
    elif isinstance(statement, ast.AnnAssign):
        name, value = ast.unparse(statement.target), statement.value
    else:
        return
    if value is not None and not (name.startswith("__") and name.endswith("__")):
        yield name, value


class _Table:
    """The edits of one table: walks its value, remembering each field's slot."""

    def __init__(self, source: _Source) -> None:
        self.source = source
        self.edits: list[Edit] = []
        self.slots: dict[str, _Slot] = {}

    def visit(self, node: ast.AST, slot: str, role: str = "field") -> None:
        """``role``: "field" (a value of a row, swapped with its slot's others), "element"
        (an entry of a table, dropped instead), or "row" (a tuple inside a table)."""
        if isinstance(getattr(node, "ctx", None), ast.Store):
            return  # a name bound (``for number, rule in ...``), not a value
        if isinstance(node, ast.Constant):
            self._constant(node, slot, role)
        elif isinstance(node, (ast.Name, ast.Attribute)) and _dotted(node):
            if role == "field":
                self._remember(node, slot)
        elif isinstance(node, COLLECTIONS):
            self._collection(node, slot, row=role == "element")
        elif isinstance(node, ast.Dict):
            self._dict(node, slot)
        elif isinstance(node, ast.Call):
            self._call(node, slot, role)
        else:
            if isinstance(node, ast.Compare):
                self._compare(node)
            for name, child in ast.iter_fields(node):
                for item in child if isinstance(child, list) else [child]:
                    if isinstance(item, ast.AST):
                        self.visit(item, f"{slot}.{name}")

    def _constant(self, node: ast.Constant, slot: str, role: str) -> None:
        start, end = self.source.span(node)
        value = node.value
        if isinstance(value, bool):
            self.edits.append(Edit(start, end, repr(not value), f"{value!r} -> {not value!r}"))
        elif isinstance(value, int):
            for new in (value + 1, value - 1):
                self.edits.append(Edit(start, end, repr(new), f"{value!r} -> {new!r}"))
        elif isinstance(value, float):
            for moved in (round(value + FLOAT_STEP, 10), round(value - FLOAT_STEP, 10)):
                self.edits.append(Edit(start, end, repr(moved), f"{value!r} -> {moved!r}"))
        elif isinstance(value, str) and role == "field":
            self._remember(node, slot)

    def _remember(self, node: ast.expr, slot: str) -> None:
        start, end = self.source.span(node)
        self.slots.setdefault(slot, _Slot()).occurrences.append(
            (start, end, self.source.text(start, end))
        )

    def _collection(self, node: ast.Tuple | ast.List | ast.Set, slot: str, row: bool) -> None:
        if row and isinstance(node, ast.Tuple):  # a record: its values are fields
            for index, element in enumerate(node.elts):
                self.visit(element, f"{slot}[{index}]")
            return
        for index, element in enumerate(node.elts):
            self.edits.append(self._drop(node, index))
            self.visit(element, f"{slot}[*]", role="element")

    def _dict(self, node: ast.Dict, slot: str) -> None:
        for index, (key, value) in enumerate(zip(node.keys, node.values, strict=True)):
            if key is None:
                self.visit(value, f"{slot}{{**}}")
                continue
            self.edits.append(self._drop(node, index))
            self.visit(key, f"{slot}{{key}}", role="element")
            self.visit(value, f"{slot}{{*}}")

    def _call(self, node: ast.Call, slot: str, role: str) -> None:
        """A call's arguments are fields, but a message marked for translation stays what
        it was: ``N_("...")`` as an entry of a table is dropped, not swapped."""
        function = ast.unparse(node.func)
        inner = role if function in TRANSPARENT_CALLS else "field"
        for index, argument in enumerate(node.args):
            self.visit(argument, f"{slot}/{function}({index})", inner)
        for keyword in node.keywords:
            self.visit(keyword.value, f"{slot}/{function}({keyword.arg})")

    def _compare(self, node: ast.Compare) -> None:
        for index, operator in enumerate(node.ops):
            left = node.left if index == 0 else node.comparators[index - 1]
            right = node.comparators[index]
            start, end = self.source.span(left)[1], self.source.span(right)[0]
            for swapped in COMPARE_SWAPS.get(type(operator), ()):
                old, new = COMPARE_TEXT[type(operator)], COMPARE_TEXT[swapped]
                self.edits.append(Edit(start, end, f" {new} ", f"{old} -> {new}"))

    def _drop(self, node: ast.Tuple | ast.List | ast.Set | ast.Dict, index: int) -> Edit:
        """Remove one entry with the comma after it; the last one with the comma before
        it, unless a trailing comma follows it (a tuple of one keeps its comma)."""
        entries = _entries(node)
        first = self.source.span(entries[index][0])[0]
        last = self.source.span(entries[index][-1])[1]
        description = f"drop {_short(self.source.text(first, last))}"
        if len(entries) == 1:
            start, end = self.source.span(node)
            return Edit(start, end, _empty(node), description)
        if index + 1 < len(entries):
            return Edit(first, self.source.span(entries[index + 1][0])[0], "", description)
        after = self.source.text(last, self.source.span(node)[1])
        if after.lstrip().startswith(","):
            return Edit(first, last + after.index(",") + 1, "", description)
        keep = "," if isinstance(node, ast.Tuple) and len(entries) == 2 else ""
        return Edit(self.source.span(entries[index - 1][-1])[1], last, keep, description)

    def swaps(self) -> Iterator[Edit]:
        """Each field replaced by the next distinct value of its slot."""
        for slot in self.slots.values():
            values = slot.distinct()
            if len(values) < 2:  # one value has nothing to swap with
                continue
            for start, end, text in slot.occurrences:
                new = values[(values.index(text) + 1) % len(values)]
                yield Edit(start, end, new, f"{_short(text)} -> {_short(new)}")


def _entries(node: ast.Tuple | ast.List | ast.Set | ast.Dict) -> list[tuple[ast.expr, ...]]:
    if isinstance(node, ast.Dict):
        return [
            (key, value)
            for key, value in zip(node.keys, node.values, strict=True)
            if key is not None
        ]
    return [(element,) for element in node.elts]


def _empty(node: ast.expr) -> str:
    return {ast.Tuple: "()", ast.List: "[]", ast.Dict: "{}"}.get(type(node), "set()")


def _dotted(node: ast.expr) -> bool:
    """A name or a chain of attributes of a name (``Status.YES``, ``registry.NO_SCORES``)."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)


def _short(text: str, width: int = 48) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 3] + "..."


def mutants(text: str) -> list[Mutant]:
    """Every mutant of the module ``text``'s top-level tables and constants, in the order
    of the tables and, inside a table, of the source; a mutant that would not parse or
    that parses to the same statement is left out (its number is not reused)."""
    source = _Source(text)
    found: list[Mutant] = []
    for name, value, statement in tables(ast.parse(text)):
        table = _Table(source)
        table.visit(value, "")
        edits = sorted([*table.edits, *table.swaps()], key=lambda e: (e.start, e.end))
        start, end = source.span(statement)
        original = _parsed(source.text(start, end))
        for number, edit in enumerate(edits, 1):
            moved = Edit(edit.start - start, edit.end - start, edit.text, edit.description)
            mutated = _Source(source.text(start, end)).apply(moved)
            if _parsed(mutated) not in (None, original):
                found.append(
                    Mutant(
                        f"{name}__ast_{number}",
                        source.line(edit.start),
                        f"{name}: {edit.description}",
                        source.apply(edit),
                    )
                )
    return found


def _parsed(statement: str) -> str | None:
    """A top-level statement as the parser reads it, or None when it does not parse."""
    try:
        return ast.dump(ast.parse(statement))
    except SyntaxError:
        return None
