"""Where a long identifier may break in an HTML deliverable.

A plan's ids (``repeat_purchase_rate``) and file locations have no space: a browser
either lets them run past a phone's width or, with ``overflow-wrap: anywhere``, cuts
them at any letter. :func:`breakable` offers the browser a break (``<wbr>``) after each
``_`` and ``/`` instead, so an id wraps between its words and every other word of the
page stays whole.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_AFTER = re.compile(r"([_/])(?=[^_/])")


def breakable(value: object) -> Markup:
    """``value`` escaped, with a ``<wbr>`` after each ``_`` or ``/`` inside it."""
    return Markup(_AFTER.sub(r"\1<wbr>", str(escape(value))))
