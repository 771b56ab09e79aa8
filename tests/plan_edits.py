"""The edits people make most in a plan, as an editor sends them (each a whole new
text): shared by the tests of reading a plan section by section and of the language
server."""

from __future__ import annotations

import re

VALUE = re.compile(r"^(\s+[a-z_]+: )([^\s#'\"\[{|>&*!0-9-][^#\n]*)$", re.M)
NUMBER = re.compile(r"^(\s+[a-z_]+: )(\d+(?:\.\d+)?)$", re.M)
ITEM = re.compile(r"^\s+- .*\n", re.M)


def nth(pattern: re.Pattern[str], text: str, n: int) -> re.Match[str]:
    found = list(pattern.finditer(text))
    return found[n % len(found)]


def edited(text: str, kind: int, n: int, typed: str) -> str:
    """A character typed in a value, a comment, a changed number, a new list item, a line
    deleted or a top-level key typed: the kinds of edit an editor sends most."""
    if kind == 0:
        match = nth(VALUE, text, n)
        return text[: match.end()] + typed + text[match.end() :]
    if kind == 1:
        match = nth(ITEM, text, n)
        return text[: match.start()] + "  # " + typed + "\n" + text[match.start() :]
    if kind == 2:
        match = nth(NUMBER, text, n)
        return text[: match.start(2)] + str(n % 97) + text[match.end(2) :]
    if kind == 3:
        match = nth(ITEM, text, n)
        return text[: match.end()] + match.group() + text[match.end() :]
    lines = text.split("\n")
    if kind == 4:
        del lines[n % len(lines)]
    else:
        lines.insert(n % len(lines), typed + ":")
    return "\n".join(lines)
