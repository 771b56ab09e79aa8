"""Building the deck: the slides as data, then drawn on the template and packaged."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from crmplan.analysis import PlanAnalysis
from crmplan.render.deck import draw, fonts, package, theme
from crmplan.render.deck.outline import slides
from crmplan.render.deck.spec import Slide
from crmplan.render.model.top import RenderContext


def deck_slides(context: RenderContext, analysis: PlanAnalysis) -> list[Slide]:
    """The slides of the deck, as data, in order."""
    return slides(context, analysis)


def build_deck(
    context: RenderContext, analysis: PlanAnalysis, template: Path | None, day: dt.date | None
) -> bytes:
    """``deck.pptx`` of the plan, on the firm's ``template`` or the built-in theme, its
    package dated ``day`` (the document date; the plan's own day without one)."""
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
