"""What YAML 1.2 refuses but ruamel.yaml and libyaml both let through.

Both parsers read a few texts that the YAML 1.2 specification does not allow
(cases of the YAML test suite, tests/data/yaml-test-suite): a comment written
right after a value with no space before its ``#`` (``"Acme"# x``,
``[a, b]#x``, ``[a,#x``), a lone ``-`` as a value inside brackets, and the
lines of a quoted text or of a ``[...]``/``{...}`` value that goes on over
several lines indented no further than the key it belongs to (or by a tab).
Another reader of the plan (an editor, a YAML library in another language)
would refuse such a plan or read it differently, so crmplan refuses it too,
with the position, on the events both parsers produce.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from crmplan.i18n import _

_FLOW_END = "]}"


class YamlRefused(Exception):
    """A text both parsers read but YAML 1.2 refuses; ``offset`` is where in the text."""

    def __init__(self, offset: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message
        self.hint = hint


@dataclass
class _Flow:
    """The outermost ``[...]`` or ``{...}`` being read."""

    start: int
    need: int  # the spaces its lines after the first need
    quoted: list[tuple[int, int]] = field(default_factory=list)  # quoted texts inside it


class SpecCheck:
    """Fed every parser event in order (offsets of the text); raises YamlRefused."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.blocks: list[int] = []  # indentation of each open block collection
        self.kinds: list[bool] = []  # for each open collection: is it in flow style
        self.flow: _Flow | None = None
        self.depth = 0  # how many flow collections are open
        self.gap_from: int | None = None  # after a value a comment must not touch

    def event(self, event: Any, start: int, end: int) -> None:
        """Check one event; ``start`` and ``end`` are its character offsets."""
        self._check_gap(start)
        name = type(event).__name__
        if name == "ScalarEvent":
            self._scalar(event, start, end)
        elif name in ("SequenceStartEvent", "MappingStartEvent"):
            self._start(bool(event.flow_style), start, end, name == "SequenceStartEvent")
        elif name in ("SequenceEndEvent", "MappingEndEvent"):
            self._end(end)
        else:  # an alias inside brackets is a value too; nothing else is
            self.gap_from = end if self.depth else None

    # -- comments -------------------------------------------------------------
    def _check_gap(self, stop: int) -> None:
        """Between two values: a ``#`` that no space separates from what is before it."""
        begin, self.gap_from = self.gap_from, None
        if begin is None:
            return
        if self.depth == 0:  # in block style only the rest of the line
            line_end = self.text.find("\n", begin)
            stop = min(stop, line_end if line_end >= 0 else len(self.text))
        glued = _glued_comment(self.text, begin, stop)
        if glued is not None:
            raise YamlRefused(glued, _(
                "YAML syntax error: '#' touches what is before it; a comment needs a space "
                "before its '#'"), _(
                "put a space before '#', or put the text in quotes if '#' belongs to it"))

    # -- values ---------------------------------------------------------------
    def _scalar(self, event: Any, start: int, end: int) -> None:
        quoted = event.style in ("'", '"')
        if self.depth and event.style is None and event.value == "-":
            raise YamlRefused(start, _(
                "YAML syntax error: a lone '-' is not a value inside brackets"),
                _("put it in quotes: '-'"))
        if quoted:
            need = self.flow.need if self.flow is not None else self._need()
            _check_quoted_lines(self.text, start, end, need)
            if self.flow is not None:
                self.flow.quoted.append((start, end))
        if quoted or self.depth:
            self.gap_from = end

    def _start(self, flow: bool, start: int, end: int, sequence: bool) -> None:
        if flow:
            if self.depth == 0:
                self.flow = _Flow(start, self._need())
            self.depth += 1
            self.gap_from = end
        else:
            self.blocks.append(self._indentation(end, sequence))
        self.kinds.append(flow)

    def _indentation(self, end: int, sequence: bool) -> int:
        """A block collection's column: its first key, or its first '-', which ends its
        start event (or stands just before the end, for a list written under its key)."""
        if sequence and self.text[end:end + 1] != "-" and self.text[end - 1:end] == "-":
            end -= 1
        return end - (self.text.rfind("\n", 0, end) + 1)

    def _end(self, end: int) -> None:
        if not self.kinds.pop():
            self.blocks.pop()
            return
        self.depth -= 1
        self.gap_from = end
        if self.depth == 0 and self.flow is not None:
            _check_flow_lines(self.text, self.flow, end)
            self.flow = None

    def _need(self) -> int:
        """The spaces that lines of a value here need: one more than its block's indentation."""
        return self.blocks[-1] + 1 if self.blocks else 0


_COMMENT_OR_TEXT = re.compile(r"[^#]*#")


def _glued_comment(text: str, begin: int, stop: int) -> int | None:
    """The offset of the first ``#`` in text[begin:stop] with no space before it."""
    index = begin
    while index < stop:
        found = _COMMENT_OR_TEXT.match(text, index, stop)
        if found is None:
            return None
        sharp = found.end() - 1
        if sharp == 0 or text[sharp - 1] not in " \t\n":
            return sharp
        line_end = text.find("\n", sharp)  # a comment: skip to the end of its line
        if line_end < 0:
            return None
        index = line_end + 1
    return None


def _line_starts(text: str, start: int, end: int) -> list[int]:
    """Offsets of the lines that begin after ``start`` and not after ``end``."""
    starts = []
    index = text.find("\n", start, end)
    while index >= 0:
        starts.append(index + 1)
        index = text.find("\n", index + 1, end)
    return starts


def _line(text: str, begin: int) -> tuple[int, str]:
    """The spaces that indent the line at ``begin``, and what follows them."""
    line_end = text.find("\n", begin)
    line = text[begin: line_end if line_end >= 0 else len(text)]
    body = line.lstrip(" ")
    return len(line) - len(body), body


def _check_quoted_lines(text: str, start: int, end: int, need: int) -> None:
    """A quoted text's following lines: indented by ``need`` spaces at least (YAML 1.2 7.3)."""
    if need == 0:
        return
    for begin in _line_starts(text, start, end):
        spaces, body = _line(text, begin)
        if body and spaces < need:
            raise YamlRefused(begin + spaces, _(
                "YAML syntax error: this line goes on with the quoted text of line {line} "
                "but is indented by {found} spaces; it needs at least {need}").format(
                    line=text.count("\n", 0, start) + 1, found=spaces, need=need),
                _indent_hint())


def _check_flow_lines(text: str, flow: _Flow, end: int) -> None:
    """The lines of a ``[...]`` or ``{...}`` value after its first, as YAML 1.2 7.4 says."""
    closing = end - 1
    for begin in _line_starts(text, flow.start, end):
        if any(first < begin < last for first, last in flow.quoted):
            continue  # inside a quoted text: checked with it
        spaces, body = _line(text, begin)
        content = body.lstrip(" \t")
        if not content or content.startswith("#"):
            continue  # blank lines and comments may stand anywhere
        need = flow.need
        if content[0] in _FLOW_END and begin + spaces + len(body) - len(content) == closing:
            need -= 1  # the closing bracket may stand under the key
        if spaces < need:
            raise YamlRefused(begin + spaces, _(
                "YAML syntax error: this line goes on with the value in brackets of line "
                "{line} but is indented by {found} spaces; it needs at least {need}").format(
                    line=text.count("\n", 0, flow.start) + 1, found=spaces, need=need),
                _indent_hint())


def _indent_hint() -> str:
    return _("indent it with spaces, not tabs, further than the key the value belongs to, "
             "or write the value on one line")
