"""What GitHub makes of Markdown: cmark-gfm, GitHub's own renderer, with its extensions.

The ``cmarkgfm`` package wraps GitHub's fork of cmark with the extensions github.com
applies (tables, autolinks, strikethrough, task lists, the tag filter). Its autolink
extension is what a CommonMark parser lacks: it makes ``www.example.com``,
``https://example.com`` and ``name@example.com`` in plain text links.
"""

from __future__ import annotations

from html.parser import HTMLParser

import cmarkgfm
from cmarkgfm.cmark import Options

# what GitHub makes of text itself: paragraphs, headings, lists, tables, emphasis, code
PLAIN = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "thead",
         "tbody", "tr", "th", "td", "em", "strong", "del", "code", "pre", "blockquote",
         "hr", "br"}
WORD_JOINER = "\u2060"


def github_html(markdown: str) -> str:
    """The HTML github.com renders ``markdown`` to, raw HTML left in (GitHub sanitises
    it afterwards, but it should not be there at all)."""
    options = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES
    return str(cmarkgfm.github_flavored_markdown_to_html(markdown, options=options))


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.markup: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in PLAIN:
            self.markup.append(f"<{tag} {dict(attrs)}>")

    def handle_comment(self, data: str) -> None:
        self.markup.append(f"<!--{data}-->")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _read(markdown: str) -> _Reader:
    reader = _Reader()
    reader.feed(github_html(markdown))
    reader.close()
    return reader


def markup(markdown: str) -> list[str]:
    """Every link, image and piece of raw HTML GitHub makes of ``markdown``."""
    return _read(markdown).markup


def shown_text(markdown: str) -> str:
    """The text a reader sees on GitHub, spaces collapsed (a word joiner is invisible)."""
    text = "".join(_read(markdown).text).replace(WORD_JOINER, "")
    return " ".join(text.split())
