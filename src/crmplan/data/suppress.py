"""Which segments are hidden: those of too few customers, and those hidden so they stay hidden.

``segment compute`` shows two tables of the same customers: the RFM segments
and the plan's segments (with ``(no segment)``). A segment of fewer customers
than ``min_customers`` is hidden; but the total, the shares and the other
table let a reader work out sums of segments: the total minus the visible
segments of a table is the sum of its hidden ones, and a plan segment made
of RFM segments minus the visible ones among them is the sum of the others.

So each sum a reader can form is found as linear algebra: the customers are
split into *parts* (one per RFM segment and plan segment they belong to, the
parts without a customer known to be empty), every figure shown is a sum
over parts (the total; each visible segment), and a set of hidden segments
can be worked out when the sum of their parts lies in the span of the sums
shown (exact rational arithmetic). Hidden segments are added, the smallest
first, until no set of hidden segments of one table that can be worked out

- holds fewer than ``min_customers`` customers, or
- holds a segment of too few customers whose annual or net revenue is all of
  the set's (the others' adding up to zero would give it away).

If even hiding every segment leaves such a set, the totals are withheld too.
The figures of a segment (revenue, reach, consent, orders, scores) are all
sums over the same parts, so a segment whose customers cannot be worked out
keeps every other figure hidden as well.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import product

MAX_FREE = 12  # sets that can be worked out: looked at through 2 ** MAX_FREE combinations

Vector = dict[int, Fraction]
CellId = tuple[int, str]  # (table: 0 for RFM segments, 1 for the plan's, segment key)


@dataclass(frozen=True)
class Cell:
    """A segment of a table: its customers and the sums that must not be given away."""

    table: int
    key: str
    customers: int
    sums: tuple[Decimal, ...] = ()

    @property
    def id(self) -> CellId:
        return (self.table, self.key)


@dataclass(frozen=True)
class Hiding:
    """The segments hidden for having too few customers, those hidden with them, and whether
    the totals may be shown."""

    primary: frozenset[CellId]
    complementary: frozenset[CellId]
    totals: bool = True


def hide(cells: Sequence[Cell], parts: dict[tuple[str, str], int], threshold: int) -> Hiding:
    """The hiding for ``cells`` (segments with at least one customer), whose customers fall
    into ``parts``: ``{(RFM segment, plan segment or ''): customers}`` (without plan segments
    every plan key is '')."""
    primary = frozenset(c.id for c in cells if c.customers < threshold)
    hidden, totals = set(primary), True
    disclosure = Disclosure(cells, parts, threshold, primary)
    while found := disclosure.count(hidden, totals):
        chosen = disclosure.choose(hidden, totals, found)
        if chosen is None:  # every segment is hidden already
            if not totals:
                break
            totals = False
        else:
            hidden.add(chosen)
    return Hiding(primary, frozenset(hidden - primary), totals)


class Disclosure:
    """What a choice of hidden cells gives away: the parts, the cells over them, and the
    sets of hidden cells whose figures could be worked out from the rest."""

    def __init__(self, cells: Sequence[Cell], parts: dict[tuple[str, str], int],
                 threshold: int, primary: frozenset[CellId]) -> None:
        self.cells = {c.id: c for c in cells}
        self.threshold = threshold
        self.primary = primary
        names = sorted(k for k, n in parts.items() if n > 0)
        self.size = len(names)
        # each segment as the parts it is made of: an RFM segment's parts have its key first,
        # a plan segment's second
        self.members: dict[CellId, Vector] = {
            c.id: {i: Fraction(1) for i, part in enumerate(names) if part[c.table] == c.key}
            for c in cells}

    def count(self, hidden: set[CellId], totals: bool) -> int:
        """How many sets of hidden segments give something away."""
        shown = [self.members[c] for c in self.cells if c not in hidden]
        if totals:
            shown.append({i: Fraction(1) for i in range(self.size)})
        span = Span(shown)
        return sum(self._table_count(span, sorted(c for c in hidden if c[0] == table))
                   for table in (0, 1))

    def choose(self, hidden: set[CellId], totals: bool, found: int) -> CellId | None:
        """The smallest visible segment whose hiding gives less away; else the smallest."""
        visible = sorted((c for c in self.cells.values() if c.id not in hidden),
                         key=lambda c: (c.customers, c.table, c.key))
        for cell in visible:
            if self.count(hidden | {cell.id}, totals) < found:
                return cell.id
        return visible[0].id if visible else None

    def _table_count(self, span: Span, hidden: list[CellId]) -> int:
        if not hidden:
            return 0
        sets = workable_sets(span, [self.members[c] for c in hidden])
        if sets is None:
            return 1  # too many to look at: count it as a problem, so more is hidden
        return sum(1 for s in sets if self._gives_away([hidden[i] for i in s]))

    def _gives_away(self, cells: list[CellId]) -> bool:
        if sum(self.cells[c].customers for c in cells) < self.threshold:
            return True
        return any(_sole(self.cells[p].sums, [self.cells[c].sums for c in cells if c != p])
                   for p in cells if p in self.primary)


def _sole(own: tuple[Decimal, ...], others: list[tuple[Decimal, ...]]) -> bool:
    """Whether a set's sum of some figure is all ``own``'s: the others' adds up to zero."""
    return any(sum((o[i] for o in others), Decimal(0)) == 0 for i in range(len(own)))


class Span:
    """The sums a reader can form: vectors over the parts in echelon form, exact."""

    def __init__(self, vectors: Iterable[Vector] = ()) -> None:
        self.rows: list[tuple[int, Vector, Vector]] = []  # pivot, vector, combination
        for vector in vectors:
            self.add(vector, {})

    def add(self, vector: Vector, combination: Vector) -> Vector | None:
        """Add ``vector`` (made as ``combination`` of the hidden sets); return the
        combination that gives zero when it is in the span already."""
        vector, combination = dict(vector), dict(combination)
        for pivot, row, made in self.rows:
            factor = vector.get(pivot)
            if factor:
                _subtract(vector, row, factor)
                _subtract(combination, made, factor)
        if not vector:
            return combination
        pivot = min(vector)
        lead = vector[pivot]
        self.rows.append((pivot, {k: v / lead for k, v in vector.items()},
                          {k: v / lead for k, v in combination.items()}))
        self.rows.sort(key=lambda r: r[0])
        return None

    def copy(self) -> Span:
        copied = Span()
        copied.rows = list(self.rows)
        return copied


def _subtract(target: Vector, row: Vector, factor: Fraction) -> None:
    for key, value in row.items():
        left = target.get(key, Fraction(0)) - factor * value
        if left:
            target[key] = left
        else:
            target.pop(key, None)


def workable_sets(span: Span, hidden: list[Vector]) -> list[frozenset[int]] | None:
    """Every set of ``hidden`` (by index) whose sum lies in ``span``: a reader can work it
    out. None when there are too many independent ones to look at."""
    span = span.copy()
    free: dict[int, Vector] = {}
    for index, vector in enumerate(hidden):
        found = span.add(vector, {index: Fraction(1)})
        if found is not None:  # this set, with earlier independent ones, is in the span
            free[index] = found
    if len(free) > MAX_FREE:
        return None
    sets = []
    for choice in product((0, 1), repeat=len(free)):
        total: Vector = {}
        for take, vector in zip(choice, free.values(), strict=True):
            if take:
                _subtract(total, vector, Fraction(-1))
        if total and all(v == 1 for v in total.values()):
            sets.append(frozenset(total))
    return sets
