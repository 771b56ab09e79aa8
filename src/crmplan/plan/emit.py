"""A small deterministic YAML emitter for the fragments an edit writes into a plan.

Strings are written plain only when both YAML 1.2 and 1.1 readers would take
them back as the same string; otherwise double-quoted with every unprintable
character escaped. Floats use the shortest text that reloads to the same value.
A text that would make its line longer than :data:`WIDTH` columns (a wide
character counts two) is written double-quoted over several lines, each ending
in an escaped line break, so that a git diff of the plan stays readable.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

__all__ = [
    "STR_TAG",
    "Layout",
    "child_column",
    "emit_block",
    "emit_flow",
    "emit_scalar",
    "entry_lines",
    "fits",
    "inline",
    "is_block",
    "item_lines",
    "plain_data",
]

STR_TAG = "tag:yaml.org,2002:str"
WIDTH = 100  # the longest line an edit writes, in columns, when it can help it
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = frozenset(",[]{}:")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_RESOLVERS = (VersionedResolver(version=(1, 2)), VersionedResolver(version=(1, 1)))


@dataclass(frozen=True)
class Layout:
    """How new block YAML is indented.

    ``indent``: columns a nested mapping is indented under its key;
    ``sequence_indent``: columns a list's ``-`` is indented under its key (0 is
    allowed); ``dash_offset``: columns from ``-`` to the item's content (>= 2).
    """

    indent: int = 2
    sequence_indent: int = 2
    dash_offset: int = 2


def emit_scalar(value: Any, *, flow: bool = False) -> str:
    """One scalar as YAML text that reloads to the same value and type.

    Strings are plain when that is safe, else double-quoted with escapes;
    ``flow`` also quotes strings holding flow indicators. NaN and infinities
    raise ValueError.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        return _emit_float(value)
    if isinstance(value, dt.datetime):
        raise TypeError("a date and time cannot be written into a plan; use a date")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return _emit_str(str.__str__(value), flow)
    raise TypeError(f"cannot write a {type(value).__name__} into a plan")


def emit_flow(value: Any) -> str:
    """``value`` in flow style: ``{a: 1, b: [x, y]}``."""
    if isinstance(value, Mapping):
        pairs = (f"{emit_scalar(k, flow=True)}: {emit_flow(v)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(emit_flow(v) for v in value) + "]"
    return emit_scalar(value, flow=True)


def emit_block(value: Any, column: int, layout: Layout = Layout()) -> list[str]:
    """A mapping or list as block YAML lines (no line ends), content at ``column``."""
    if isinstance(value, Mapping):
        return [line for k, v in value.items() for line in entry_lines(k, v, column, layout)]
    if isinstance(value, list | tuple):
        return [line for item in value for line in item_lines(item, column, layout)]
    raise TypeError("emit_block needs a mapping or a list")


def _emit_float(value: float) -> str:
    """The shortest text that reloads to ``value``, with a ``.`` before any exponent."""
    if not math.isfinite(value):
        raise ValueError(f"{value} is not a finite number")
    text = repr(float(value))
    mantissa, exp_mark, exponent = text.partition("e")
    if exp_mark and "." not in mantissa:
        mantissa += ".0"
    return mantissa + exp_mark + exponent


def _emit_str(text: str, flow: bool) -> str:
    return text if _plain_is_safe(text, flow) else _double_quoted(text)


def _plain_is_safe(text: str, flow: bool) -> bool:
    """True if ``text`` written plain reloads as the same string (YAML 1.2 and 1.1)."""
    if not text or text != text.strip() or not text.isprintable():
        return False
    if text[0] in _INDICATORS or text.startswith(("---", "...")) or text.endswith(":"):
        return False
    if ": " in text or " #" in text or (flow and not _FLOW_INDICATORS.isdisjoint(text)):
        return False
    return all(r.resolve(ScalarNode, text, (True, False)) == STR_TAG for r in _RESOLVERS)


def _double_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar; anything unprintable is escaped."""
    return '"' + "".join(_escape(ch) for ch in text) + '"'


def _escape(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if ch.isprintable():
        return ch
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        raise ValueError(f"a lone surrogate U+{code:04X} cannot be written")
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def is_block(value: Any) -> bool:
    """True for a non-empty mapping or list (written on lines of its own)."""
    return isinstance(value, Mapping | list | tuple) and len(value) > 0


def inline(value: Any) -> str:
    """A scalar or an empty collection, on the current line."""
    if isinstance(value, Mapping | list | tuple):
        return emit_flow(value)
    return emit_scalar(value)


def child_column(value: Any, column: int, layout: Layout) -> int:
    step = layout.indent if isinstance(value, Mapping) else layout.sequence_indent
    return column + step


def entry_lines(key: Any, value: Any, column: int, layout: Layout) -> list[str]:
    """``key: value`` at ``column``; a non-empty collection goes on the lines below, a
    long text over several lines."""
    if not isinstance(key, str):
        raise TypeError("plan keys must be text")
    head = " " * column + emit_scalar(key) + ":"
    if is_block(value):
        return [head, *emit_block(value, child_column(value, column, layout), layout)]
    return _scalar_line(head + " ", value, column + layout.indent)


def item_lines(value: Any, dash_column: int, layout: Layout) -> list[str]:
    """``- value`` with the dash at ``dash_column``; collections in compact form."""
    dash = " " * dash_column + "-" + " " * (layout.dash_offset - 1)
    if not is_block(value):
        return _scalar_line(dash, value, dash_column + layout.dash_offset)
    content = dash_column + layout.dash_offset
    lines = emit_block(value, content, layout)
    return [dash + lines[0][content:], *lines[1:]]


def columns(text: str) -> int:
    """How many columns ``text`` takes in a terminal or an editor (a wide character, as
    Korean or Chinese, takes two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fits(line: str) -> bool:
    """True when ``line`` is no longer than :data:`WIDTH` columns."""
    return columns(line) <= WIDTH


def _scalar_line(prefix: str, value: Any, indent: int) -> list[str]:
    """``prefix`` and the value on one line, or a long text wrapped from there."""
    line = prefix + inline(value)
    if fits(line) or not isinstance(value, str):
        return [line]
    return wrapped(prefix, str.__str__(value), indent)


def wrapped(prefix: str, text: str, indent: int) -> list[str]:
    """``text`` double-quoted after ``prefix``, its lines within :data:`WIDTH` columns where
    a line can be cut: after a space when there is one, else anywhere (Korean and
    Chinese have no spaces to wait for). Each line but the last ends in an escaped line
    break (``\\``), which YAML reads as nothing; no line after the first starts with a
    space, which YAML would drop."""
    tokens = [_escape(ch) for ch in text]
    lines: list[str] = []
    current, start = prefix + '"', 0
    while start < len(tokens):
        end = _cut(tokens, start, WIDTH - columns(current) - 2)
        current += "".join(tokens[start:end])
        start = end
        if start < len(tokens):
            lines.append(current + "\\")
            current = " " * indent + ("\\x20" if tokens[start] == " " else tokens[start])
            start += 1
    return [*lines, current + '"']


def _cut(tokens: list[str], start: int, room: int) -> int:
    """Where the line from ``tokens[start]`` ends: the last space that fits, else as many
    tokens as fit (at least one)."""
    used, end, space = 0, start, None
    while end < len(tokens) and used + columns(tokens[end]) <= max(room, 1):
        used += columns(tokens[end])
        end += 1
        if tokens[end - 1] == " ":
            space = end
    if end == len(tokens):
        return end
    return space if space is not None and space > start else max(end, start + 1)


def plain_data(value: Any) -> Any:
    """A copy of ``value`` made of exact built-in types (str enums become str, tuples lists).

    Raises TypeError for what a plan cannot hold, ValueError for NaN or a lone surrogate.
    """
    if isinstance(value, Mapping):
        return {_plain_key(k): plain_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_data(v) for v in value]
    emit_scalar(value)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str.__str__(value)
    return dt.date(value.year, value.month, value.day)


def _plain_key(key: Any) -> str:
    if not isinstance(key, str):
        raise TypeError("plan keys must be text")
    return str(plain_data(key))
