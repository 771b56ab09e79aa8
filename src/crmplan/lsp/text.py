"""Positions in a plan's text: 0-based lines and characters (code points), and the
extent of the word, key or scalar written at a position."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Spot:
    """A 0-based line and character (a code point) of a text."""

    line: int
    character: int


@dataclass(frozen=True, order=True)
class Span:
    """A stretch of a text, from ``start`` up to (not including) ``end``."""

    start: Spot
    end: Spot

    def holds(self, spot: Spot) -> bool:
        """Whether ``spot`` is inside, or just after the end (where a cursor stands)."""
        return self.start <= spot <= self.end


def lines_of(text: str) -> list[str]:
    """The lines of ``text`` without their line ends (a CR of CRLF included)."""
    return [line.removesuffix("\r") for line in text.split("\n")]


_STOPS = ",[]{}"
BOM = "\ufeff"


def token_span(lines: list[str], line: int, character: int) -> Span:
    """What is written from ``line``:``character`` (0-based) on: a quoted scalar to its
    closing quote, else a key or plain scalar up to ``: ``, ``#``, a flow indicator or the
    line's end. At least one character, where the line has one. ``lines``: the text's
    :func:`lines_of`."""
    if not 0 <= line < len(lines):
        return Span(Spot(line, character), Spot(line, character))
    row = lines[line]
    start = min(max(character, 0), len(row))
    end = (
        _quoted_end(row, start)
        if start < len(row) and row[start] in "'\""
        else (_plain_end(row, start))
    )
    if end == start and start < len(row):
        end = start + 1
    return Span(Spot(line, start), Spot(line, end))


def _quoted_end(row: str, start: int) -> int:
    quote = row[start]
    index = start + 1
    while index < len(row):
        if quote == "'" and row.startswith("''", index):
            index += 2
            continue
        if quote == '"' and row[index] == "\\":
            index += 2
            continue
        if row[index] == quote:
            return index + 1
        index += 1
    return len(row)  # a quoted scalar over several lines: to this line's end


def _plain_end(row: str, start: int) -> int:
    end = start
    while end < len(row):
        char = row[end]
        if char in _STOPS:
            break
        if char == "#" and end > start and row[end - 1] in " \t":
            break
        if char == ":" and (end + 1 == len(row) or row[end + 1] in " \t"):
            break
        end += 1
    return len(row[:end].rstrip()) if end > start else end


def word_at(text: str, spot: Spot) -> tuple[str, Span] | None:
    """The id-like word the cursor stands in or just after (letters, digits, ``_-.``)."""
    lines = lines_of(text)
    if not 0 <= spot.line < len(lines):
        return None
    row = lines[spot.line]
    start = end = min(spot.character, len(row))
    while start > 0 and _in_word(row[start - 1]):
        start -= 1
    while end < len(row) and _in_word(row[end]):
        end += 1
    if start == end:
        return None
    return row[start:end], Span(Spot(spot.line, start), Spot(spot.line, end))


def _in_word(char: str) -> bool:
    return char.isalnum() or char in "_-."
