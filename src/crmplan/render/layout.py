"""Where a chart's words go: how wide a text is, where it wraps, and boxes that never overlap.

Pure functions of numbers and strings, in the SVG's user units, so the charts
lay their labels out before drawing them and the tests can check every layout:

- :func:`text_width` measures a text with a width table: DejaVu Sans's
  advances for ASCII (the widest of the common sans-serif faces, so a label
  measured here fits in any of them), a full em for a full-width character
  (Hangul, Chinese, Japanese, full-width forms), a generous default for the
  rest;
- :func:`wrap` breaks a text into lines no wider than a width: at spaces
  (Korean between eojeol, as Latin between words) and between two Chinese or
  Japanese characters, never before closing or after opening punctuation; a
  word wider than the width keeps its own line, whole: nothing is cut;
- :class:`Block` is a label of one or more lines, and its :class:`Box` at a
  point, for each text anchor and for a label turned a quarter left;
- :func:`thin` keeps the axis labels that fit, in an order of preference;
  :func:`place` gives each label the first of its candidate boxes that stays
  inside the chart and overlaps no box already taken; :func:`flow` lays a
  legend's entries out in rows.

A text's box runs from its font's ascent above the first baseline to its
descent below the last: :data:`ASCENT` and :data:`DESCENT` are those of Noto
Sans CJK, the tallest face the stylesheet names, so boxes that do not overlap
here do not overlap in a browser either.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# DejaVu Sans advance widths in hundredths of an em, for the characters 32 (space) to 126.
_REGULAR = (
    32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 34, 34, 84, 84, 84, 53, 100, 68, 69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56,
    86, 75, 79, 60, 79, 69, 63, 61, 73, 68, 99, 69, 61, 69, 39, 34, 39, 84, 50, 50, 61, 63, 55,
    63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52,
    64, 34, 64, 84)
_BOLD = (
    35, 46, 52, 84, 70, 100, 87, 31, 46, 46, 52, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70,
    70, 70, 70, 40, 40, 84, 84, 84, 58, 100, 77, 76, 73, 83, 68, 68, 82, 84, 37, 37, 77, 64,
    100, 84, 85, 73, 85, 77, 72, 68, 81, 77, 110, 77, 72, 73, 46, 37, 46, 84, 50, 50, 67, 72,
    59, 72, 68, 44, 72, 71, 34, 34, 67, 34, 104, 71, 69, 72, 72, 49, 60, 48, 71, 65, 92, 65, 65,
    58, 71, 37, 71, 84)
WIDE = 1.0  # a full-width character, in em
OTHER = 0.9  # a character neither in the table nor full width, in em
ASCENT, DESCENT = 1.16, 0.29  # above the baseline and below it, in em
LINE = 1.25  # from one baseline to the next, in em
CLOSING = set("、。，．：；？！）」』】〉》〕］｝”’・ー…,.;:!?)]}%")
OPENING = set("（「『【〈《〔［｛“‘([{")


@functools.lru_cache(maxsize=4096)
def char_width(char: str, bold: bool = False) -> float:
    """One character's advance, in em."""
    code = ord(char)
    if 32 <= code <= 126:
        return (_BOLD if bold else _REGULAR)[code - 32] / 100
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return WIDE
    base = unicodedata.normalize("NFKD", char)[:1]
    if base and base != char and 32 <= ord(base) <= 126:
        return char_width(base, bold)
    return OTHER


@functools.lru_cache(maxsize=8192)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """How wide ``text`` is at font size ``size``, in the same units."""
    return sum(char_width(c, bold) for c in text) * size


@dataclass(frozen=True)
class Box:
    """A rectangle: ``left`` < ``right``, ``top`` < ``bottom`` (y grows downwards)."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        """True when the two boxes come closer than ``gap``."""
        return (self.left < other.right + gap and other.left < self.right + gap
                and self.top < other.bottom + gap and other.top < self.bottom + gap)

    def within(self, other: Box) -> bool:
        return (self.left >= other.left and self.right <= other.right
                and self.top >= other.top and self.bottom <= other.bottom)

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.left + dx, self.top + dy, self.right + dx, self.bottom + dy)

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


def union(boxes: Sequence[Box]) -> Box:
    """The smallest box around all of ``boxes`` (at least one)."""
    return Box(min(b.left for b in boxes), min(b.top for b in boxes),
               max(b.right for b in boxes), max(b.bottom for b in boxes))


@dataclass(frozen=True)
class Block:
    """A label: one or more lines at one font size, drawn as one ``<text>``."""

    lines: tuple[str, ...]
    size: float
    bold: bool = False

    @functools.cached_property
    def width(self) -> float:
        return max((text_width(line, self.size, self.bold) for line in self.lines), default=0.0)

    @functools.cached_property
    def height(self) -> float:
        """From the top of the first line to the bottom of the last."""
        return (ASCENT + DESCENT + LINE * (len(self.lines) - 1)) * self.size

    def box(self, x: float, y: float, anchor: str = "start") -> Box:
        """Its box when its first baseline starts at (``x``, ``y``) with this text anchor."""
        width = self.width
        left = x - {"start": 0.0, "middle": width / 2, "end": width}[anchor]
        top = y - ASCENT * self.size
        return Box(left, top, left + width, top + self.height)

    def turned_box(self, x: float, y: float) -> Box:
        """Its box turned a quarter left (``rotate(-90)``) with its end at (``x``, ``y``):
        it hangs below the point, reading upwards."""
        width = self.width
        below = (DESCENT + LINE * (len(self.lines) - 1)) * self.size
        return Box(x - ASCENT * self.size, y, x + below, y + width)


def single(text: str, size: float, bold: bool = False) -> Block:
    """A one-line label."""
    return Block((" ".join(text.split()),), size, bold)


def _free(char: str) -> bool:
    """A character a line may break before or after: Chinese and Japanese script, not
    Hangul (Korean breaks between words, as Latin does)."""
    if not char or unicodedata.east_asian_width(char) not in ("W", "F"):
        return False
    return not ("\u1100" <= char <= "\u11ff" or "\u3130" <= char <= "\u318f"
                or "\uac00" <= char <= "\ud7a3")


def atoms(text: str) -> list[tuple[str, bool]]:
    """The unbreakable pieces of ``text``, each with whether a space comes before it."""
    found: list[tuple[str, bool]] = []
    for n, word in enumerate(text.split()):
        start = 0
        for i in range(1, len(word)):
            before, after = word[i - 1], word[i]
            if (_free(before) or _free(after)) and after not in CLOSING \
                    and before not in OPENING:
                found.append((word[start:i], n > 0 and start == 0))
                start = i
        found.append((word[start:], n > 0 and start == 0))
    return found


def _pieces(text: str, size: float, bold: bool, hard: float | None) -> list[tuple[str, bool]]:
    """The text's unbreakable pieces; with ``hard``, one wider than that is broken between
    its characters into pieces that fit (the last resort against a line cut short)."""
    found: list[tuple[str, bool]] = []
    for piece, spaced in atoms(text):
        if hard is None or text_width(piece, size, bold) <= hard:
            found.append((piece, spaced))
            continue
        chunk, first = "", True
        for char in piece:
            if chunk and text_width(chunk + char, size, bold) > hard:
                found.append((chunk, spaced and first))
                chunk, first = "", False
            chunk += char
        found.append((chunk, spaced and first))
    return found


def wrap(text: str, width: float, size: float, bold: bool = False,
         hard: float | None = None) -> tuple[str, ...]:
    """``text`` in lines no wider than ``width`` wherever it can break; a piece that cannot
    break and is wider keeps a line of its own, whole, unless it is wider than ``hard``
    too: then it is broken between characters."""
    lines: list[str] = []
    current = ""
    for piece, spaced in _pieces(text, size, bold, hard):
        joined = current + (" " if spaced and current else "") + piece
        if current and text_width(joined, size, bold) > width:
            lines.append(current)
            current = piece
        else:
            current = joined
    if current or not lines:
        lines.append(current)
    return tuple(lines)


def block(text: str, width: float, size: float, bold: bool = False,
          hard: float | None = None) -> Block:
    """``text`` wrapped at ``width`` (and broken inside a word at ``hard``) as a label."""
    return Block(wrap(text, width, size, bold, hard), size, bold)


def spread(count: int) -> list[int]:
    """The indexes 0 to ``count - 1`` in an order that spreads them out: the last, the
    first, then the middle of each gap left, widest gap first."""
    if count <= 0:
        return []
    order = [count - 1] + ([0] if count > 1 else [])
    gaps = [(0, count - 1)]
    while gaps:
        next_gaps: list[tuple[int, int]] = []
        for low, high in gaps:
            if high - low > 1:
                middle = (low + high) // 2
                order.append(middle)
                next_gaps += [(low, middle), (middle, high)]
        gaps = next_gaps
    return order


def thin(boxes: Sequence[Box], order: Sequence[int], gap: float = 0.0) -> list[int]:
    """The indexes of the boxes kept, sorted: each taken in ``order`` and kept when it
    comes no closer than ``gap`` to any box kept before it."""
    kept: list[int] = []
    for index in order:
        if all(not boxes[index].overlaps(boxes[k], gap) for k in kept):
            kept.append(index)
    return sorted(kept)


def place(candidates: Sequence[Sequence[Box]], taken: list[Box], within: Box,
          gap: float = 0.0) -> list[int | None]:
    """For each label in turn, the index of its first candidate box that lies inside
    ``within`` and comes no closer than ``gap`` to a box in ``taken``; None when none does.
    Each box chosen is added to ``taken``."""
    chosen: list[int | None] = []
    for options in candidates:
        found = next((i for i, box in enumerate(options) if box.within(within)
                      and all(not box.overlaps(other, gap) for other in taken)), None)
        if found is not None:
            taken.append(options[found])
        chosen.append(found)
    return chosen


def flow(widths: Sequence[float], left: float, right: float, gap: float
         ) -> list[tuple[float, int]]:
    """Where each of a row of items of these widths starts (x, row), wrapping to a new
    row before an item that would pass ``right``."""
    placed: list[tuple[float, int]] = []
    x, row = left, 0
    for width in widths:
        if x > left and x + width > right:
            x, row = left, row + 1
        placed.append((x, row))
        x += width + gap
    return placed
