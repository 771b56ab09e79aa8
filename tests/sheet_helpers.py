"""Workbooks for the sheet tests: export one, change cells as a person would, save it."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl


def edit_book(source: Path, target: Path, change: Callable[[Any], None]) -> Path:
    """Open ``source`` as a spreadsheet user would, ``change`` it, save it as ``target``."""
    book = openpyxl.load_workbook(source)
    change(book)
    book.save(target)
    return target


def data_sheet(book: Any, index: int = 0) -> Any:
    """The ``index``-th sheet the client fills in (after the instructions and the lists)."""
    return book[[t for t in book.sheetnames if not t.startswith("_")][index + 1]]


def header_column(sheet: Any, header: str) -> int:
    """The 1-based column whose header is ``header``."""
    return next(c.column for c in sheet[1] if c.value == header)


def changed_lines(before: str, after: str) -> list[str]:
    """The lines removed and added between two texts (``-`` and ``+``)."""
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines())
            if line.startswith(("- ", "+ "))]
