"""The presentation a deck starts from: the firm's template (``--deck-template``) or a
clean built-in theme made in code from python-pptx's blank presentation, widened to
16:9, with a sober palette and the East Asian typeface of the plan's language.

Korean and Chinese need an East Asian face (``a:ea``) in the theme, or PowerPoint and
LibreOffice fall back to whatever face they find: the built-in theme names the
language's, and a firm's theme that names none gets it too."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any, cast

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.presentation import Presentation as Deck
from pptx.slide import SlideLayout
from pptx.util import Emu

from crmplan.errors import UsageError, os_reason
from crmplan.i18n import _
from crmplan.languages import entry
from crmplan.quoting import PATH_LIMIT, shown

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WIDE, HIGH, OLD_WIDE = 12192000, 6858000, 9144000  # 16:9 and python-pptx's 4:3, in EMU
PALETTE = {
    "dk2": "1F3A5F",
    "lt2": "EEF1F5",
    "accent1": "1F5F99",
    "accent2": "E07A1F",
    "accent3": "6B7A8F",
    "accent4": "3A7D44",
    "accent5": "9E2A2B",
    "accent6": "5B8DB8",
}
TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


def presentation(template: Path | None, lang: str) -> Deck:
    """The firm's template with its slides taken out, or the built-in theme."""
    deck = _firm(template) if template else _built_in()
    _theme_fonts(deck, lang, keep=template is not None)
    return deck


def _firm(template: Path) -> Deck:
    try:
        deck = Presentation(str(template))
    except (
        OSError,
        ValueError,
        KeyError,
        zipfile.BadZipFile,
        PackageNotFoundError,
        etree.LxmlError,
    ) as exc:
        reason = os_reason(exc)
        raise UsageError(
            _("--deck-template {path}: not a PowerPoint presentation (.pptx): {reason}").format(
                path=shown(template, PATH_LIMIT), reason=shown(str(reason))
            ),
            hint=_("give a .pptx saved by PowerPoint or LibreOffice Impress"),
        ) from None
    ids = deck.slides._sldIdLst
    for slide_id in list(ids):
        deck.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)
    return deck


def _built_in() -> Deck:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(WIDE), Emu(HIGH)
    master = deck.slide_masters[0]
    for owner in (master, *master.slide_layouts):
        for shape in owner.placeholders:
            if shape._element.xpath("./p:spPr/a:xfrm"):
                shape.left = Emu(round(shape.left * WIDE / OLD_WIDE))
                shape.width = Emu(round(shape.width * WIDE / OLD_WIDE))
    _edit_theme(deck, _palette)
    return deck


def _palette(theme: Any) -> None:
    for name, colour in PALETTE.items():
        for slot in theme.iterfind(f".//{{{A}}}clrScheme/{{{A}}}{name}"):
            for child in list(slot):
                slot.remove(child)
            etree.SubElement(slot, f"{{{A}}}srgbClr", val=colour)


def _theme_fonts(deck: Deck, lang: str, keep: bool) -> None:
    face = entry(lang).east_asian_face
    if face is None:
        return

    def set_face(theme: Any) -> None:
        for ea in theme.iterfind(f".//{{{A}}}fontScheme/*/{{{A}}}ea"):
            if not (keep and ea.get("typeface")):
                ea.set("typeface", face)

    _edit_theme(deck, set_face)


def _edit_theme(deck: Deck, edit: Any) -> None:
    """Apply ``edit`` to the XML of every master's theme."""
    for master in deck.slide_masters:
        part = master.part.part_related_by(RT.THEME)
        theme = etree.fromstring(part.blob)
        edit(theme)
        part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def layouts(deck: Deck) -> tuple[SlideLayout, SlideLayout]:
    """The layouts of the cover (the first with a centred title, else the first) and of
    the other slides (a title and the fewest other placeholders)."""
    all_layouts = list(deck.slide_masters[0].slide_layouts)
    titled = [lay for lay in all_layouts if _title_of(lay) is not None]
    if not titled:
        raise UsageError(
            _("the deck template has no layout with a title placeholder"),
            hint=_("add a Title Only layout to the template's slide master"),
        )
    cover = next(
        (lay for lay in titled if _title_of(lay) == PP_PLACEHOLDER.CENTER_TITLE), titled[0]
    )
    body = min(titled, key=lambda lay: (len(lay.placeholders), all_layouts.index(lay)))
    return cover, body


def _title_of(layout: SlideLayout) -> Any:
    return next(
        (
            p.placeholder_format.type
            for p in cast(Any, layout).placeholders
            if p.placeholder_format.type in TITLE_TYPES
        ),
        None,
    )
