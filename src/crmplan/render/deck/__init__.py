"""The executive deck: ``crmplan render --format pptx`` writes ``deck.pptx``.

A steering-committee deck built from the same render context and analyses as the other
deliverables: each slide titled with its message, in the plan's language; native charts
whose data PowerPoint can edit; the evidence in the speaker notes; the firm's template
or a built-in theme. :mod:`.outline` says which slides, :mod:`.opening`,
:mod:`.middle` and :mod:`.closing` build them as data (:mod:`.spec`), :mod:`.draw`
and :mod:`.charts` lay them out, :mod:`.fonts` and :mod:`.package` finish the file.

python-pptx is an optional extra (``crmplan[pptx]``); :func:`available` says whether it
is installed; :mod:`.build` (which imports it) builds the deck.
"""

from __future__ import annotations

import importlib.util

DECK_FILE = "deck.pptx"
EXTRA = "crmplan[pptx]"


def available() -> bool:
    """True when python-pptx is installed."""
    return importlib.util.find_spec("pptx") is not None
