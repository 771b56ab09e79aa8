"""The executive deck: ``crmplan render --format pptx`` writes ``deck.pptx``.

A steering-committee deck built from the same render context and analyses as the other
deliverables: each slide titled with its message, in the plan's language; native charts
whose data PowerPoint can edit; the evidence in the speaker notes; the firm's template
or a built-in theme. :mod:`.outline` says which slides, :mod:`.opening`,
:mod:`.middle` and :mod:`.closing` build them as data (:mod:`.spec`), :mod:`.draw`
and :mod:`.charts` lay them out, :mod:`.fonts` and :mod:`.package` finish the file.

python-pptx is an optional extra (``crmplan[pptx]``); :func:`available` says whether it
is installed, and nothing here imports it until a deck is built.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crmplan.analysis import PlanAnalysis
    from crmplan.render.deck.spec import Slide
    from crmplan.render.model.top import RenderContext

DECK_FILE = "deck.pptx"
EXTRA = "crmplan[pptx]"


def available() -> bool:
    """True when python-pptx is installed."""
    return importlib.util.find_spec("pptx") is not None


def deck_slides(context: RenderContext, analysis: PlanAnalysis) -> list[Slide]:
    """The slides of the deck, as data, in order."""
    from crmplan.render.deck.outline import slides

    return slides(context, analysis)


def build_deck(
    context: RenderContext, analysis: PlanAnalysis, template: Path | None, day: dt.date | None
) -> bytes:
    """``deck.pptx`` of the plan, on the firm's ``template`` or the built-in theme, its
    package dated ``day`` (the document date; the plan's own day without one)."""
    import io

    from crmplan.render.deck import draw, fonts, package, theme

    deck = theme.presentation(template, context.lang)
    cover, body = theme.layouts(deck)
    website = context.client.website
    for spec in deck_slides(context, analysis):
        layout = cover if spec.kind == "cover" else body
        draw.add_slide(deck, layout, spec, website if spec.kind == "cover" else None)
    fonts.mark(deck, context.lang)
    stamp = day or analysis.on
    package.properties(deck, context, stamp)
    buffer = io.BytesIO()
    deck.save(buffer)
    return package.reproducible(buffer.getvalue(), stamp)
