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

from crmplan.render.layout import text_width, wrap

EMU_PER_PT = 12700
INSET_X, INSET_Y = 91440, 45720  # a text frame's default margins, in EMU
SAFETY = 1.12  # measured widths are taken this much wider
LINE_SPACING = 1.2  # from one baseline to the next, in em
PARAGRAPH_GAP = 0.3  # extra space after a paragraph, in em
ELLIPSIS = "…"


@dataclass(frozen=True)
class Fitted:
    """What goes into a box: its paragraphs at ``size`` points, and what did not fit."""

    paragraphs: tuple[str, ...]
    size: float
    rest: tuple[str, ...]


def lines(text: str, width: int, size: float, bold: bool = False) -> tuple[str, ...]:
    """``text`` wrapped to a box ``width`` EMU wide at ``size`` points."""
    usable = (width - 2 * INSET_X) / EMU_PER_PT / SAFETY
    return wrap(text, usable, size, bold, hard=usable)


def height_of(paragraphs: Sequence[str], width: int, size: float, bold: bool = False) -> float:
    """The height, in EMU, that ``paragraphs`` take in a box ``width`` EMU wide."""
    count = sum(len(lines(p, width, size, bold)) for p in paragraphs)
    gaps = max(len(paragraphs) - 1, 0) * PARAGRAPH_GAP
    return (count * LINE_SPACING + gaps) * size * EMU_PER_PT + 2 * INSET_Y


def fit(
    paragraphs: Sequence[str], width: int, height: int, sizes: Sequence[float], bold: bool = False
) -> Fitted:
    """``paragraphs`` at the largest of ``sizes`` at which they fit the box; at the
    smallest, cut: the paragraphs that fit whole, the lines of the next that fit (ending
    in an ellipsis), and the rest apart."""
    for size in sizes:
        if height_of(paragraphs, width, size, bold) <= height:
            return Fitted(tuple(paragraphs), size, ())
    return _cut(paragraphs, width, height, sizes[-1], bold)


def _cut(paragraphs: Sequence[str], width: int, height: int, size: float, bold: bool) -> Fitted:
    kept: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if height_of([*kept, paragraph], width, size, bold) <= height:
            kept.append(paragraph)
            continue
        head = _head(kept, paragraph, width, height, size, bold)
        if head is not None:
            kept.append(head)
        return Fitted(tuple(kept), size, tuple(paragraphs[index:]))
    return Fitted(tuple(kept), size, ())


def _head(
    kept: list[str], paragraph: str, width: int, height: int, size: float, bold: bool
) -> str | None:
    """The longest start of ``paragraph`` that, with an ellipsis, fits under ``kept``."""
    wrapped = lines(paragraph, width, size, bold)
    for count in range(len(wrapped) - 1, 0, -1):
        head = _shortened(paragraph, wrapped[:count], width, size, bold)
        if head and height_of([*kept, head], width, size, bold) <= height:
            return head
    return None


def _shortened(text: str, first: Sequence[str], width: int, size: float, bold: bool) -> str:
    """``text`` up to the end of the lines ``first``, with an ellipsis that stays on the
    last of them."""
    end = 0
    for line in first:
        end = text.find(line, end) + len(line)
    head = text[:end].rstrip()
    usable = (width - 2 * INSET_X) / EMU_PER_PT / SAFETY
    last = first[-1]
    while head and text_width(last + ELLIPSIS, size, bold) > usable:
        head, last = head[:-1].rstrip(), last[:-1]
    return head + ELLIPSIS if head else ""
