"""Text that never overflows its box: measured with a conservative width model, shrunk
to a smaller size when that is enough, else cut to the box with the rest kept for the
speaker notes.

The widths are those of :mod:`crmplan.render.layout` (DejaVu Sans's advances for ASCII,
the widest common sans-serif face; a full em for Hangul and Chinese), with a margin on
top, so a text measured to fit here fits in the theme's font in PowerPoint and
LibreOffice alike."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from crmplan.render.layout import WIDE, atoms, char_width, text_width, wrap

EMU_PER_PT = 12700
INSET_X, INSET_Y = 91440, 45720  # a text frame's default margins, in EMU
SAFETY = 1.12  # measured widths are taken this much wider
LINE_SPACING = 1.2  # from one baseline to the next, in em
PARAGRAPH_GAP = 0.3  # extra space after a paragraph, in em
ELLIPSIS = "…"
# a name in quotes or brackets stays on one line when it is no longer than NAME_LIMIT
QUOTES = {
    "“": "”",
    "‘": "’",
    "'": "'",
    '"': '"',
    "「": "」",
    "『": "』",
    "《": "》",
    "（": "）",
    "(": ")",
}
NAME_LIMIT = 16
MARKS = "，、：；。！？"  # a Chinese line is best broken after one of these
# LibreOffice sets a quarter em apart where Korean or Chinese meets Latin letters or digits
SCRIPT_GAP = 0.25


@dataclass(frozen=True)
class Fitted:
    """What goes into a box: its paragraphs at ``size`` points, each indented by its
    ``indents`` (EMU, for a bullet), and what did not fit."""

    paragraphs: tuple[str, ...]
    size: float
    rest: tuple[str, ...]
    indents: tuple[int, ...] = ()

    def lines(self, width: int, bold: bool = False) -> tuple[tuple[str, ...], ...]:
        """Each paragraph's lines in a box ``width`` EMU wide, as they were measured."""
        return tuple(
            lines(p, width, self.size, bold, _indent(self.indents, i))
            for i, p in enumerate(self.paragraphs)
        )


@lru_cache(maxsize=8192)
def lines(
    text: str, width: int, size: float, bold: bool = False, indent: int = 0
) -> tuple[str, ...]:
    """``text`` wrapped to a box ``width`` EMU wide at ``size`` points, ``indent`` EMU in:
    between words, or Chinese characters, never inside a quoted name that fits a line."""
    usable = (width - 2 * INSET_X - indent) / EMU_PER_PT / SAFETY
    found: list[str] = []
    current = ""
    for piece, spaced in _phrases(text):
        joined = current + (" " if spaced and current else "") + piece
        if current and measure(joined, size, bold) > usable:
            inside = not spaced and _han(current[-1]) and _han(piece[0])
            line, rest = _at_a_mark(current, usable, size, bold) if inside else (current, "")
            found.append(line)
            current = rest + piece
        else:
            current = joined
        if measure(current, size, bold) > usable:  # a word wider than the box
            *whole, current = wrap(current, usable, size, bold, hard=usable)
            found += whole
    if current or not found:
        found.append(current)
    return tuple(found)


def _at_a_mark(line: str, usable: float, size: float, bold: bool) -> tuple[str, str]:
    """A Chinese ``line`` that would end inside a run of characters, cut after its last
    punctuation mark instead when that keeps at least half the line (同时推进 stays
    whole): the line and what moves on to the next."""
    for index in range(len(line) - 2, 0, -1):
        rest = line[index + 1 :]
        if line[index] in MARKS and not any(c.isspace() for c in rest):
            head = line[: index + 1]
            return (head, rest) if measure(head, size, bold) >= usable / 2 else (line, "")
    return line, ""


def _han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


@lru_cache(maxsize=16384)
def measure(text: str, size: float, bold: bool = False) -> float:
    """How wide ``text`` is at ``size`` points, with the space an office suite puts where
    East Asian script meets Latin."""
    wide = [char_width(c) == WIDE for c in text if not c.isspace()]
    meets = sum(1 for a, b in pairwise(wide) if a != b)
    return text_width(text, size, bold) + meets * SCRIPT_GAP * size


def pieces(text: str, wrapped: Sequence[str]) -> tuple[str, ...]:
    """``text`` cut where its lines ``wrapped`` start, each piece keeping the space after it:
    joined, the pieces are ``text`` again. ``(text,)`` when a line is not found in it."""
    starts: list[int] = []
    end = 0
    for line in wrapped:
        start = text.find(line, end)
        if start < 0:
            return (text,)
        starts.append(start)
        end = start + len(line)
    bounds = [0, *starts[1:], len(text)]
    return tuple(text[a:b] for a, b in pairwise(bounds))


def _phrases(text: str) -> list[tuple[str, bool]]:
    """The unbreakable pieces of ``text`` (:func:`~crmplan.render.layout.atoms`), a short
    quoted or bracketed name (“交付跟踪与延期通知”, （电话查询急单库存）) joined into one."""
    found: list[tuple[str, bool]] = []
    held: list[tuple[str, bool]] = []  # the pieces since an opening mark
    closing = ""
    for piece, spaced in atoms(text):
        if not closing and piece[:1] in QUOTES and QUOTES[piece[0]] not in piece[1:]:
            closing, held = QUOTES[piece[0]], [(piece, spaced)]
        elif closing:
            held.append((piece, spaced))
            if closing in piece:
                found += _joined(held)
                closing, held = "", []
        else:
            found.append((piece, spaced))
    return found + held


def _joined(held: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """``held`` as one piece when it is a short name, else as it was."""
    joined = "".join((" " if spaced and i else "") + p for i, (p, spaced) in enumerate(held))
    return [(joined, held[0][1])] if len(joined) <= NAME_LIMIT else held


def height_of(
    paragraphs: Sequence[str],
    width: int,
    size: float,
    bold: bool = False,
    indents: Sequence[int] = (),
) -> float:
    """The height, in EMU, that ``paragraphs`` take in a box ``width`` EMU wide."""
    count = sum(
        len(lines(p, width, size, bold, _indent(indents, i))) for i, p in enumerate(paragraphs)
    )
    gaps = max(len(paragraphs) - 1, 0) * PARAGRAPH_GAP
    return (count * LINE_SPACING + gaps) * size * EMU_PER_PT + 2 * INSET_Y


def _indent(indents: Sequence[int], index: int) -> int:
    return indents[index] if index < len(indents) else 0


def fit(
    paragraphs: Sequence[str],
    width: int,
    height: int,
    sizes: Sequence[float],
    bold: bool = False,
    indents: Sequence[int] = (),
) -> Fitted:
    """``paragraphs`` (each ``indents`` EMU in) at the largest of ``sizes`` at which they
    fit the box; at the smallest, cut: the paragraphs that fit whole, the lines of the
    next that fit (ending in an ellipsis), and the rest apart."""
    for size in sizes:
        if height_of(paragraphs, width, size, bold, indents) <= height:
            return Fitted(tuple(paragraphs), size, (), tuple(indents))
    return _cut(_Box(width, height, sizes[-1], bold, tuple(indents)), paragraphs)


@dataclass(frozen=True)
class _Box:
    width: int
    height: int
    size: float
    bold: bool
    indents: tuple[int, ...]

    def holds(self, paragraphs: Sequence[str]) -> bool:
        return height_of(paragraphs, self.width, self.size, self.bold, self.indents) <= self.height


def _cut(box: _Box, paragraphs: Sequence[str]) -> Fitted:
    kept: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if box.holds([*kept, paragraph]):
            kept.append(paragraph)
            continue
        head = _head(box, kept, paragraph)
        if head is not None:
            kept.append(head)
        return Fitted(tuple(kept), box.size, tuple(paragraphs[index:]), box.indents[: len(kept)])
    return Fitted(tuple(kept), box.size, (), box.indents[: len(kept)])


def _head(box: _Box, kept: list[str], paragraph: str) -> str | None:
    """The longest start of ``paragraph`` that, with an ellipsis, fits under ``kept``."""
    indent = _indent(box.indents, len(kept))
    wrapped = lines(paragraph, box.width, box.size, box.bold, indent)
    for count in range(len(wrapped) - 1, 0, -1):
        head = _shortened(box, paragraph, wrapped[:count], indent)
        if head and box.holds([*kept, head]):
            return head
    return None


def _shortened(box: _Box, text: str, first: Sequence[str], indent: int) -> str:
    """``text`` up to the end of the lines ``first``, with an ellipsis that stays on the
    last of them."""
    end = 0
    for line in first:
        end = text.find(line, end) + len(line)
    head = text[:end].rstrip()
    usable = (box.width - 2 * INSET_X - indent) / EMU_PER_PT / SAFETY
    last = first[-1]
    while head and measure(last + ELLIPSIS, box.size, box.bold) > usable:
        head, last = head[:-1].rstrip(), last[:-1]
    return head + ELLIPSIS if head else ""
