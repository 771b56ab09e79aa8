"""libyaml (ruamel.yaml.clib) where it reads a plan exactly as the pure-Python parser does.

libyaml parses about ten times faster than ruamel.yaml's pure-Python parser but
does not read every text the same way: tabs, directives, document markers,
complex keys, empty list items and empty values inside flow collections, a
block scalar whose first lines hold only spaces or whose indicator a comment
touches (``>#``, which libyaml reads and YAML refuses), and a document that is
not a mapping are where the two were seen to differ (docs/performance.md). Only a
text free of all of them takes the fast path, its events brought to the pure
parser's conventions; tests/test_yaml_fast_path.py checks that both paths give
the same data, positions and problems, and the whole test suite parses every
fast-path text both ways (``CRMPLAN_CHECK_FAST_PATH``). Any error on the fast
path is reported by the pure parser instead (crmplan.plan.yamltree).
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Any

from crmplan.plan.source import Mark

_NOT_FAST = re.compile(
    r"\t|^%|^---|^\.\.\."  # tabs, directives, document markers
    r"|^ *(?:- +)*\?(?: |$)"  # a complex key
    r"|^ *(?:- +)*- *(?:#.*)?$"  # an empty list item
    r"|, *[,\]}]|[\[{] *,|: *[,}]"  # an empty entry of a flow collection
    r"|[|>][-+0-9]* *(?:#.*)?\n(?: *\n)*? +$"  # a block scalar opening with blank spaces
    r"|[|>][-+0-9]*#",  # a comment touching a block scalar's indicator: libyaml takes it
    re.MULTILINE)
_FIRST_LINE = re.compile(r"\A(?:[ ]*(?:#[^\n]*)?\n)*[^\s#\-\[{&*!|>'\"?%@`]")


def fast_path_allowed(text: str) -> bool:
    """Whether ``text`` may be parsed by libyaml (installed, and nothing known to differ)."""
    return _clib_available() and _NOT_FAST.search(text) is None and bool(
        _FIRST_LINE.match(text))


@functools.cache
def _clib_available() -> bool:
    try:
        import _ruamel_yaml  # noqa: F401 - the C extension of ruamel.yaml.clib
    except ImportError:
        return False
    return True


class _Positions:
    """Line and column of a character index in the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def mark(self, index: int) -> Mark:
        """The 1-based position of ``index``, as the pure parser's marks give it."""
        line = bisect.bisect_right(self.starts, index) - 1
        return Mark(line + 1, index - self.starts[line] + 1, index)

    def next_token(self, index: int) -> int:
        """Where the next token starts after ``index``: past spaces, line ends, comments."""
        match = _SKIP.match(self.text, index)
        return match.end() if match else index


_SKIP = re.compile(r"(?:[ \n]|#[^\n]*)*")


def fast_events(text: str) -> Any:
    """libyaml's events with the pure parser's styles and positions."""
    from ruamel.yaml import YAML
    from ruamel.yaml.events import ScalarEvent

    where = _Positions(text)
    for event in YAML(typ="safe", pure=False).parse(text):
        start, end = event.start_mark.index, event.end_mark.index
        if isinstance(event, ScalarEvent):
            if event.style == "":
                event.style = None
            if event.value == "" and event.style is None and start == end:
                start = end = where.next_token(start)  # the pure parser puts it there
        event.start_mark, event.end_mark = where.mark(start), where.mark(end)
        yield event
