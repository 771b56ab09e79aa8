"""How a message quotes what the user wrote: a value of any size, in a line of readable size.

A plan, an export or an option can hold a value of a megabyte, and a message
that quotes it whole is a megabyte long, in the terminal and in the JSON
output alike. Every message that shows a value from the user (a plan's text, a
key, an id, a column or a cell of an export, an option) passes it through
:func:`shown`, every path through :func:`shown_path`, and every "did you
mean" finds its suggestion with :func:`closest`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SHOWN_LIMIT = 80  # characters of a value a message shows whole
_LEAST = 10  # characters of a cut value's start shown, however small the limit
PATH_LIMIT = 300  # characters of a file's path: a path is read as a whole, a value is not


def shown(value: object, limit: int = SHOWN_LIMIT) -> str:
    """``value`` as a message quotes it: whole up to ``limit`` characters, else as much of
    its start as fits in ``limit`` with an ellipsis and its length (``aaaa… (900,000
    characters)``, in the active language). What it returns it returns unchanged."""
    text = value if isinstance(value, str) else str(value)
    if len(text) <= limit:
        return text
    from crmplan.i18n import _, format_number

    cut = _("{start}… ({count} characters)")
    count = format_number(len(text), digits=0)
    room = limit - len(cut.format(start="", count=count))
    return cut.format(start=text[: max(room, _LEAST)], count=count)


def shown_path(path: object) -> str:
    """A file's path as a message shows it: whole up to :data:`PATH_LIMIT` characters."""
    return shown(path, PATH_LIMIT)


def closest(value: object, candidates: Iterable[str]) -> str | None:
    """The candidate ``value`` most likely meant (difflib's ratio at least 0.6), as
    :func:`shown` quotes it; None if none is close.

    A value more than three times as long as the longest candidate cannot reach that
    ratio, and is not compared (a megabyte would take seconds).
    """
    options = list(candidates)
    text = value if isinstance(value, str) else str(value)
    if not options or len(text) > 3 * max(len(option) for option in options):
        return None
    import difflib

    close = difflib.get_close_matches(text, options, n=1, cutoff=0.6)
    return shown(close[0]) if close else None


_LONG = SHOWN_LIMIT + 1
_QUOTED_OR_WORD = re.compile(rf"'([^']{{{_LONG},}})'|\"([^\"]{{{_LONG},}})\"|(\S{{{_LONG},}})")


def shown_within(message: str) -> str:
    """A message crmplan did not write (the command-line framework's: ``No such option:
    --x``, ``'x' is not a valid float``) with each long quoted value or word cut by
    :func:`shown`."""
    return _QUOTED_OR_WORD.sub(_cut, message)


def _cut(match: re.Match[str]) -> str:
    single, double, word = match.groups()
    if single is not None:
        return "'" + shown(single) + "'"
    if double is not None:
        return '"' + shown(double) + '"'
    return shown(word)
