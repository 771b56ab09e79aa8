"""What a workshop workbook holds, as data: its sheets, their columns and rows."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

CellValue = str | int | float | dt.date | None
FORMAT = "crmplan.sheet/1"  # the layout of the hidden sheet; a new layout gets a new number


class Kind(str, enum.Enum):
    """What a workbook gathers."""

    TOUCHPOINTS = "touchpoints"
    SCORES = "scores"
    KPIS = "kpis"


class ColumnType(str, enum.Enum):
    """How a column's cells are read back."""

    TEXT = "text"
    NAME = "name"  # a one-line text
    CHOICE = "choice"  # one of a fixed list (drop-down); the label or the id is accepted
    WHOLE = "whole"  # a whole number (emotions)
    NUMBER = "number"  # a score, a KPI figure
    LINES = "lines"  # a list, one item per line
    IDS = "ids"  # a list of ids, separated by commas or lines
    DATE = "date"


@dataclass(frozen=True)
class Column:
    """One column: its stable key, its header in the plan's language, how it is read.

    ``choices`` are (id, label) pairs offered in a drop-down; ``strict`` says whether
    the drop-down refuses other values (owners are only suggestions). A column that is
    not ``editable`` is shown for reference and locked.
    """

    key: str
    header: str
    width: int
    type: ColumnType = ColumnType.TEXT
    editable: bool = True
    note: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    strict: bool = True
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Row:
    """A row of plan data: its id (how it is matched back) and one value per column."""

    id: str
    values: tuple[CellValue, ...]


@dataclass(frozen=True)
class Sheet:
    """One sheet: a stable key (``touchpoints``, ``member:kim``), its title, its columns
    and rows; ``blank_rows`` empty rows follow for new entries (none where rows cannot be
    added)."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    blank_rows: int = 0

    def column(self, key: str) -> int:
        """The index of a column by its key."""
        return next(i for i, c in enumerate(self.columns) if c.key == key)


@dataclass(frozen=True)
class Workbook:
    """A whole workbook: what it gathers, the plan it comes from, its sheets, and the
    instructions shown on the first sheet."""

    kind: Kind
    plan: str  # the plan's identity: its client's name
    language: str
    sheets: tuple[Sheet, ...]
    instructions: tuple[str, ...] = field(default=())
