"""How large a value a template operation would build, told before it runs.

The sandbox (:mod:`crmplan.render.sandbox`) refuses an operation whose result
would pass the size limit; these functions give it the result's size, or an
upper bound of it, from the operation's inputs alone. Where the size of the
result is at most a few times that of the inputs, the sandbox checks the
result once built; what is estimated here is where one input multiplies
another: a string inserted at every line, word, tab, field or character, and
a list, tuple or mapping turned into text, which prints every string it holds
as often as it holds it.

Every count stops soon after passing ``limit``, so telling that a value is too
large never takes longer than reading ``limit`` characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from jinja2.runtime import Undefined
from jinja2.utils import Namespace

# every character that ends a line for str.splitlines
_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_WHITESPACE = re.compile(r"\s")
_WORD = re.compile(r"\S+")
_NUMBER = re.compile(r"\d+")
_DYNAMIC_WIDTH = {  # a width or precision taken from the arguments: '%*d', '{0:{1}}'
    "%": re.compile(r"%[^a-zA-Z%]*\*"),
    "{": re.compile(r"\{[^{}]*\{"),
}
LIPSUM_WORD = 16  # the longest word of Jinja's lorem ipsum, with its comma and space
LINK_MARKUP = 64  # what urlize adds around a link besides its rel, target and address


def text_size(value: Any, limit: int) -> int:
    """About ``len(str(value))``: a string's length; for a list, tuple, set or mapping,
    every string, number and bracket it holds, a string once for every time it is held.
    Counting stops once past ``limit``."""
    if isinstance(value, (str, bytes, bytearray)):
        return len(value)
    total = 0
    waiting = [value]
    while waiting and total <= limit:
        total += _own_size(waiting.pop(), waiting)
    return total


def _own_size(item: Any, waiting: list[Any]) -> int:
    """What ``item`` prints as by itself; what it holds goes to ``waiting``."""
    if isinstance(item, (str, bytes, bytearray)):
        return len(item) + 4  # quotes, a comma and a space
    if isinstance(item, (bool, float, type(None), Undefined)):
        return 24
    if isinstance(item, int):
        return item.bit_length() // 3 + 2
    if isinstance(item, Mapping):
        waiting.extend(item.keys())
        waiting.extend(item.values())
        return 2 + 4 * len(item)
    if isinstance(item, Collection):
        waiting.extend(item)
        return 2 + 2 * len(item)
    if isinstance(item, Namespace):
        waiting.append(object.__getattribute__(item, "_Namespace__attrs"))
        return 12
    body = getattr(item, "_body_stream", None)  # an imported template prints its output
    if isinstance(body, list):
        return sum(len(chunk) for chunk in body)
    return len(str(item))


def format_size(pattern: str | bytes, args: Iterable[Any], limit: int, marker: str = "%"
                ) -> int:
    """An upper bound of ``pattern % args`` (``marker`` ``%``) or ``pattern.format(*args)``
    (``marker`` ``{``): each field of the pattern at most as long as the longest argument,
    padded to the widest width."""
    text = pattern.decode("latin-1") if isinstance(pattern, bytes) else pattern
    values = list(args)
    longest = max((text_size(v, limit) for v in values), default=0)
    widest = max((int(m.group()) for m in _NUMBER.finditer(text)), default=0)
    if _DYNAMIC_WIDTH[marker].search(text):
        widest = max([widest, *(abs(v) for v in _numbers(values))])
    return len(text) + text.count(marker) * (longest + widest)


def _numbers(values: list[Any]) -> list[int]:
    found = [v for v in values if isinstance(v, int)]
    for value in values:
        if isinstance(value, (tuple, list)):
            found += [v for v in value if isinstance(v, int)]
    return found


def format_arguments(right: Any) -> list[Any]:
    """The arguments ``pattern % right`` formats: a tuple's items, a mapping's values."""
    if isinstance(right, tuple):
        return list(right)
    if isinstance(right, Mapping):
        return list(right.values())
    return [right]


def replace_size(text: str | bytes, old: Any, new: Any, count: Any = -1) -> int:
    """The exact length of ``text.replace(old, new, count)``."""
    if not isinstance(old, type(text)) or not isinstance(new, type(text)):
        return len(text)
    found = text.count(old)  # type: ignore[arg-type]
    if isinstance(count, int) and 0 <= count < found:
        found = count
    return len(text) + found * max(0, len(new) - len(old))


def join_size(separator: Any, parts: Collection[Any], limit: int) -> int:
    """An upper bound of ``separator.join(parts)``, every part as text."""
    total = text_size(separator, limit) * max(0, len(parts) - 1)
    for part in parts:
        total += text_size(part, limit)
        if total > limit:
            break
    return total


def lines(text: str) -> int:
    """How many lines ``text.splitlines()`` gives, at most."""
    return _LINE_BREAK.subn("", text)[1] + 1


def words(text: str) -> int:
    """How many words (runs of characters other than whitespace) ``text`` holds."""
    return _WORD.subn("", text)[1]


def indent_size(text: str, width: Any = 4, first: bool = False, blank: bool = False,
                *_: Any) -> int:
    """An upper bound of ``text | indent(width, first, blank)``: every line indented."""
    indention = len(width) if isinstance(width, str) else max(0, int(width))
    return len(text) + 1 + lines(text) * (indention + 1)


def wordwrap_size(text: str, width: int = 79, break_long_words: bool = True,
                  wrapstring: Any = None, *_: Any, **__: Any) -> int:
    """An upper bound of ``text | wordwrap(width, ..., wrapstring)``: a line ends at a
    line break, a space, a hyphen or every ``width`` characters, and the wrapping
    string goes between every two lines."""
    breaks = lines(text) + _WHITESPACE.subn("", text)[1] + text.count("-")
    wrapped = min(len(text), breaks + len(text) // max(1, width)) + 1
    return len(text) + wrapped * len(wrapstring if isinstance(wrapstring, str) else "\n")


def urlize_size(text: str, trim_url_limit: Any = None, nofollow: bool = False,
                target: Any = None, rel: Any = None, *_: Any, **__: Any) -> int:
    """An upper bound of ``text | urlize(...)``: each word a link, with its attributes."""
    extra = len(str(target or "")) + len(str(rel or "")) + LINK_MARKUP
    return 2 * len(text) + words(text) * extra


def expandtabs_size(text: str | bytes, tabsize: Any = 8) -> int:
    """An upper bound of ``text.expandtabs(tabsize)``."""
    tab = "\t" if isinstance(text, str) else b"\t"
    size = tabsize if isinstance(tabsize, int) else 8
    return len(text) + text.count(tab) * max(0, size)  # type: ignore[arg-type]


def translate_size(text: str | bytes, table: Any, limit: int) -> int:
    """An upper bound of ``text.translate(table)``: each character its longest
    replacement."""
    if isinstance(text, bytes) or not isinstance(table, (Mapping, list, tuple)):
        return len(text)
    values = table.values() if isinstance(table, Mapping) else table
    longest = max((text_size(v, limit) for v in values if v is not None), default=1)
    return len(text) * max(1, longest)


def json_size(value: Any, indent: Any, limit: int) -> int:
    """An upper bound of ``value | tojson(indent)``: its text, and with an indent one line
    per value, indented as deep as the deepest."""
    size = text_size(value, limit)
    if indent is None or size > limit:
        return size
    step = len(indent) if isinstance(indent, str) else max(0, int(indent))
    values, depth = _shape(value, limit)
    return size + values * (1 + depth * step)


def _shape(value: Any, limit: int) -> tuple[int, int]:
    """How many values ``value`` holds (itself included) and how deep they nest."""
    values, deepest = 0, 0
    waiting = [(value, 1)]
    while waiting and values <= limit:
        item, depth = waiting.pop()
        values, deepest = values + 1, max(deepest, depth)
        if isinstance(item, Mapping):
            waiting.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, Collection) and not isinstance(item, (str, bytes)):
            waiting.extend((v, depth + 1) for v in item)
    return values, deepest


def sum_size(items: Collection[Any], start: Any, pick: Callable[[Any], Any] | None) -> int:
    """How many items ``items | sum(start=[])`` collects: the lists added up."""
    if not isinstance(start, (list, tuple)):
        return 0
    total = len(start)
    for item in items:
        part = pick(item) if pick else item
        total += len(part) if isinstance(part, (list, tuple)) else 0
    return total


def gettext_size(patterns: list[Any], variables: Mapping[str, Any], limit: int) -> int:
    """An upper bound of a translated label with its variables put in."""
    return max((format_size(p, variables.values(), limit, "%") for p in patterns
                if isinstance(p, str)), default=0)


def lipsum_size(n: Any = 5, html: Any = True, min: Any = 20, max: Any = 100) -> int:
    """An upper bound of ``lipsum(n, html, min, max)``: paragraphs of words."""
    paragraphs = n if isinstance(n, int) else 5
    most = max if isinstance(max, int) else 100
    return paragraphs * (most * LIPSUM_WORD + 16)
