"""Drawing the slides with python-pptx: the title and the text fitted to their boxes,
native charts (bar, line, XY scatter) whose data PowerPoint can edit, the rollout as a
row of chevrons, and the speaker notes.

Every shape is placed inside the slide, under the layout's title; text that would not
fit is cut at the box and continues in the notes (:mod:`.fit`). Bullets are paragraph
bullets (``a:buChar``) with a hanging indent, so a wrapped line starts under the text.

Where an office suite would break a line inside a word, the lines break where
:func:`~.fit.lines` measured them, with a line break (``a:br``) at the end of each: in
Korean and Chinese text (LibreOffice breaks Korean between any two syllables, Chinese
inside a quoted name) and in a text with a date (``2025-/10-31``). The measure is
conservative, so the office suite never needs to break such a line itself."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as Deck
from pptx.shapes.shapetree import SlideShapes
from pptx.slide import Slide as PptxSlide
from pptx.slide import SlideLayout
from pptx.text.text import TextFrame
from pptx.util import Emu, Pt

from crmplan.i18n import _, labelled
from crmplan.render.deck import charts
from crmplan.render.deck.fit import Fitted, fit, pieces
from crmplan.render.deck.spec import AREA_GAP, Area, Slide, Stop
from crmplan.render.deck.theme import TITLE_TYPES

TITLE_SIZES = (28, 26, 24, 22, 20)
BODY_SIZES = (18, 16, 14, 13, 12)
COVER_SIZES = (20, 18, 16)
GAP = AREA_GAP
BULLETS = ("•", "–")  # the mark of a bullet, of a bullet under it
INDENT = 285750  # a bullet's text starts this far in, in EMU (0.3125 in) per level
DATE = re.compile(r"\d-\d")


def add_slide(deck: Deck, layout: SlideLayout, spec: Slide, website: str | None) -> None:
    """``spec`` as a slide of ``deck`` on ``layout``, with its notes."""
    slide = deck.slides.add_slide(layout)
    _clear(slide)
    notes = list(spec.notes)
    notes += _title(slide, spec.title)
    area = _content_area(deck, slide)
    if spec.kind == "cover":
        notes += _cover(slide, area, spec, website)
    else:
        notes += _content(slide, area, spec)
    _notes(slide, notes)


def _clear(slide: PptxSlide) -> None:
    """Take out every placeholder but the title: the deck places its own boxes."""
    for shape in list(slide.placeholders):
        if shape.placeholder_format.type not in TITLE_TYPES:
            shape._element.getparent().remove(shape._element)


def _title(slide: PptxSlide, title: str) -> list[str]:
    shape = _title_shape(slide)
    fitted = fit([title], shape.width, shape.height, TITLE_SIZES, bold=True)
    _write(shape.text_frame, _broken(fitted, shape.width, bold=True), fitted.size, bold=True)
    return [labelled(_("Full title"), title)] if fitted.rest else []


def _title_shape(slide: PptxSlide) -> Any:
    """The slide's title placeholder (:func:`~.theme.layouts` chose a layout with one)."""
    return slide.shapes.title


def _content_area(deck: Deck, slide: PptxSlide) -> Area:
    width, height = int(deck.slide_width or 0), int(deck.slide_height or 0)
    title = _title_shape(slide)
    margin = width // 20
    top = max(int(title.top) + int(title.height), 0) + GAP
    return Area(margin, top, width - 2 * margin, height - top - margin)


def _cover(slide: PptxSlide, area: Area, spec: Slide, website: str | None) -> list[str]:
    box = slide.shapes.add_textbox(Emu(area.left), Emu(area.top), Emu(area.width), Emu(area.height))
    lines = [*spec.subtitle, *([website] if website else [])]
    fitted = fit(lines, area.width, area.height, COVER_SIZES)
    _write(box.text_frame, _broken(fitted, area.width), fitted.size, align=PP_ALIGN.CENTER)
    box.text_frame.paragraphs[0].runs[0].font.bold = True
    if website and website in fitted.paragraphs:
        run = box.text_frame.paragraphs[fitted.paragraphs.index(website)].runs[0]
        run.hyperlink.address = website
    return _rest(fitted.rest)


def _content(slide: PptxSlide, area: Area, spec: Slide) -> list[str]:
    cut: list[str] = []
    if spec.timeline:
        band, area = area.cut(min(area.height // 3, 1371600))
        cut = _timeline(slide.shapes, band, spec.timeline)
    if spec.charts and spec.bullets:
        text, chart_area = area.split(0.4)
        charts.place(slide.shapes, chart_area, spec.charts)
        return cut + _bullets(slide.shapes, text, spec)
    if spec.charts:
        charts.place(slide.shapes, area, spec.charts)
        return cut
    return cut + _bullets(slide.shapes, area, spec)


def _bullets(shapes: SlideShapes, area: Area, spec: Slide) -> list[str]:
    if not spec.bullets:
        return []
    box = shapes.add_textbox(Emu(area.left), Emu(area.top), Emu(area.width), Emu(area.height))
    levels = [spec.level(i) for i in range(len(spec.bullets))] if spec.bulleted else None
    indents = [INDENT * (1 + level) for level in levels or ()]
    fitted = fit(spec.bullets, area.width, area.height, BODY_SIZES, indents=indents)
    _write(box.text_frame, _broken(fitted, area.width), fitted.size, levels=levels)
    return _rest(fitted.rest)


def _rest(rest: tuple[str, ...]) -> list[str]:
    return [_("Continued from the slide:"), *rest] if rest else []


def _timeline(shapes: SlideShapes, band: Area, stops: tuple[Stop, ...]) -> list[str]:
    """The phases as arrows in a row, each with its department and period below it."""
    step = band.width // len(stops)
    arrow = min(band.height // 3, 457200)
    rest: list[str] = []
    for index, stop in enumerate(stops):
        left = band.left + index * step
        shape = shapes.add_shape(
            MSO_SHAPE.CHEVRON if index else MSO_SHAPE.PENTAGON,
            Emu(left),
            Emu(band.top),
            Emu(step),
            Emu(arrow),
        )
        shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        _write(shape.text_frame, ((stop.label,),), 12, bold=True, align=PP_ALIGN.CENTER)
        below = band.height - arrow - GAP // 2
        box = shapes.add_textbox(
            Emu(left), Emu(band.top + arrow + GAP // 2), Emu(step - GAP // 2), Emu(below)
        )
        fitted = fit([stop.department, stop.period], step - GAP // 2, below, (13, 12, 11, 10))
        _write(box.text_frame, _broken(fitted, step - GAP // 2), fitted.size)
        rest += [labelled(stop.label, r) for r in fitted.rest]
    return rest


def _broken(fitted: Fitted, width: int, bold: bool = False) -> tuple[tuple[str, ...], ...]:
    """Each paragraph of ``fitted``: in the lines it was measured in where an office suite
    would break it inside a word (Korean, Chinese, a date), else whole."""
    return tuple(
        pieces(text, wrapped) if _breaks_badly(text) else (text,)
        for text, wrapped in zip(fitted.paragraphs, fitted.lines(width, bold), strict=True)
    )


def _breaks_badly(text: str) -> bool:
    return bool(DATE.search(text)) or any(
        unicodedata.east_asian_width(c) in ("W", "F") for c in text
    )


def _write(
    frame: TextFrame,
    paragraphs: Sequence[Sequence[str]],
    size: float,
    *,
    bold: bool = False,
    align: PP_ALIGN | None = None,
    levels: Sequence[int] | None = None,
) -> None:
    """``paragraphs``, each given as its lines, into ``frame`` as plain runs (no field, no
    link) at ``size``, a line break after each line but the last; with ``levels``, as
    bullets at those levels."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for index, lines in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = ""
        for number, line in enumerate(lines):
            if number:
                paragraph.add_line_break()
            run = paragraph.add_run()
            run.text = line
            run.font.size = Pt(size)
            run.font.bold = bold or None
        if align is not None:
            paragraph.alignment = align
        if index:
            paragraph.space_before = Pt(size * 0.3)
        if levels is not None:
            _bullet(paragraph, levels[index])


def _bullet(paragraph: Any, level: int) -> None:
    """``paragraph`` as a bullet at ``level``: the mark hanging left of its text."""
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", str(INDENT * (1 + level)))
    properties.set("indent", str(-INDENT))
    for name in ("buNone", "buAutoNum", "buChar", "buBlip", "buFont"):
        for old in properties.findall(qn(f"a:{name}")):
            properties.remove(old)
    font = properties.makeelement(qn("a:buFont"), {"typeface": "Arial"})
    mark = properties.makeelement(qn("a:buChar"), {"char": BULLETS[min(level, 1)]})
    following = next(
        (c for c in properties if c.tag in (qn("a:tabLst"), qn("a:defRPr"), qn("a:extLst"))),
        None,
    )
    for element in (font, mark):
        if following is None:
            properties.append(element)
        else:
            following.addprevious(element)


def _notes(slide: PptxSlide, notes: list[str]) -> None:
    frame = slide.notes_slide.notes_text_frame
    if frame is not None:
        _write(frame, tuple((n.replace("\n", " "),) for n in notes if n), 12)
