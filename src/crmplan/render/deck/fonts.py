"""The language of every run, and the East Asian typeface for Korean and Chinese.

Each run, paragraph end and default run property of the slides and the charts gets the
language's tag (``lang="ko-KR"``), so spelling and line breaking follow it; for Korean
and Chinese also an ``a:ea`` typeface, so a Hangul or Chinese character is set in a face
that has it even where the theme names none."""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx.presentation import Presentation as Deck

from crmplan.languages import entry
from crmplan.render.deck.theme import A

PROPERTIES = ("rPr", "defRPr", "endParaRPr")
# what follows a:ea inside a run's properties (ECMA-376 CT_TextCharacterProperties)
AFTER_EA = {
    f"{{{A}}}{name}" for name in ("cs", "sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst")
}


def mark(deck: Deck, lang: str) -> None:
    """Tag every text of ``deck``'s slides, notes and charts with ``lang``."""
    for slide in deck.slides:
        _mark(slide._element, lang)
        if slide.has_notes_slide:
            _mark(slide.notes_slide._element, lang)
        for shape in slide.shapes:
            if shape.has_chart:
                _mark(shape.chart._chartSpace, lang)


def _mark(root: Any, lang: str) -> None:
    face, tag = entry(lang).east_asian_face, entry(lang).tag
    for name in PROPERTIES:
        for props in root.iter(f"{{{A}}}{name}"):
            props.set("lang", tag)
            if face is not None:
                _east_asian(props, face)


def _east_asian(props: Any, face: str) -> None:
    found = props.find(f"{{{A}}}ea")
    if found is None:
        found = etree.Element(f"{{{A}}}ea")
        following = next((child for child in props if child.tag in AFTER_EA), None)
        if following is None:
            props.append(found)
        else:
            following.addprevious(found)
    found.set("typeface", face)
