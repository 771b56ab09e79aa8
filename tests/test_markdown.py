"""Markdown cells render as the plan wrote them, whatever they hold."""

from __future__ import annotations

import pytest

from crmplan.markdown import cell


@pytest.mark.parametrize(("text", "escaped"), [
    ("38.75", "38.75"), ("3.5 (3-4)", "3.5 (3-4)"), ("1. first", "1\\. first"),
    ("2) second", "2\\) second"), ("# title", "\\# title"), ("-5", "\\-5"),
    ("a | b", "a \\| b"), ("<img onerror=x>", "&lt;img onerror=x&gt;"),
])
def test_markdown_cells_escape_block_starts_but_not_decimals(text: str, escaped: str) -> None:
    assert cell(text) == escaped
