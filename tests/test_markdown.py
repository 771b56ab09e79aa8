"""Markdown cells: plan text renders as text on GitHub, whatever it holds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmplan.markdown import cell, table
from gfm_helpers import markup, shown_text


@pytest.mark.parametrize(("text", "expected"), [
    ("a | b", "a \\| b"),
    ("two\nlines", "two lines"),
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ("# not a heading", "\\# not a heading"),
    ("- not a list", "\\- not a list"),
    ("+5 pts", "\\+5 pts"),
    ("> not a quote", "&gt; not a quote"),
    ("`code`", "\\`code\\`"),
    ("1. not a list", "1\\. not a list"),
    ("2) not a list", "2\\) not a list"),
    ("70.2% on 2026-03-31", "70.2% on 2026-03-31"),
    ("38.75", "38.75"),
    ("3.5 (3-4)", "3.5 (3-4)"),
    ("-5", "\\-5"),
    ("12 months", "12 months"),
    ("[click](javascript:alert(5))", "\\[click\\](javascript:alert(5))"),
    ("![t](https://evil.example/p.png)", "\\!\\[t\\](https\\://evil.example/p.png)"),
    ("[ref]: https://evil.example", "\\[ref\\]: https\\://evil.example"),
    ("<https://evil.example>", "&lt;https\\://evil.example&gt;"),
    ("\\[x\\](https://evil.example)", "\\\\\\[x\\\\\\](https\\://evil.example)"),
    # what GitHub's autolink extension would make a link
    ("www.evil-bank.example", "www\\.evil-bank.example"),
    ("(WWW.evil.example)", "(WWW\\.evil.example)"),
    ("https://evil.example/login", "https\\://evil.example/login"),
    ("see HTTP://x.example or ftp://x.example", "see HTTP\\://x.example or ftp\\://x.example"),
    ("help@evil.example", "help&#x2060;@evil.example"),
    ("mailto:a.b+c@evil.example", "mailto:a.b+c&#x2060;@evil.example"),
    ("x@www.evil.example", "x&#x2060;@www\\.evil.example"),
    ("mailto:@www.www.", "mailto:&#x2060;@www\\.www\\."),  # a scheme with no name before "@"
    ("xmpp:@evil.example", "xmpp:&#x2060;@evil.example"),
    # and what it would not: left as it is
    ("awww.example xhttps://x.example ssh://x.example", "awww.example xhttps://x.example "
                                                      "ssh://x.example"),
    ("user@localhost, @handle, 10:30", "user@localhost, @handle, 10:30"),
    ("a \\| b", "a \\\\\\| b"),
])
def test_a_cell_escapes_what_markdown_would_interpret(text: str, expected: str) -> None:
    assert cell(text) == expected


@pytest.mark.parametrize("text", ["mailto:@www.www.", "xmpp:@evil.example", "x mailto:@a.b"])
def test_a_mail_scheme_without_a_name_is_no_link(text: str) -> None:
    """Found by the property below: GitHub linked 'mailto:@www.www.' to mailto:@www.www."""
    assert markup(f"x\n\n{cell(text)}\n") == []


def test_a_backslash_never_comes_before_a_digit() -> None:
    """CommonMark escapes punctuation only: '\\7' would show the backslash."""
    assert "\\7" not in cell("70.2%")


def test_a_number_in_a_table_cell_needs_no_escape() -> None:
    assert table(["x"], [["5.5 h"], ["+2 pts"], ["-3.5%"], ["# not a heading"]])[2:] == [
        "| 5.5 h |", "| +2 pts |", "| -3.5% |", "| \\# not a heading |"]


def test_a_table_escapes_every_cell() -> None:
    assert table(["a|b"], [["<b>x</b>"]]) == ["| a\\|b |", "|---|", "| &lt;b&gt;x&lt;/b&gt; |"]


PIECES = ["www.", "www", "http", "https", "ftp", "mailto:", "xmpp:", ":", "//", "://", "@",
          ".", "a", "Z", "9", "evil", "example", "-", "+", "_", "*", "~", "[", "]", "(",
          ")", "!", "<", ">", "\\", "`", "|", "#", "&", ";", "#64", "1.", " ", "\n", "é",
          "/", "\u3000"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join), st.booleans())
def test_no_plan_text_becomes_a_link_or_markup_on_github(text: str, in_table: bool) -> None:
    """Whatever the plan holds, GitHub shows it as text: no link, image or raw HTML."""
    markdown = "\n".join(table(["h"], [[text]])) if in_table else f"x\n\n{cell(text)}\n"
    assert markup(markdown) == [], markdown
    if not set(text) & set("*_~"):  # emphasis and strikethrough aside, every character shows
        assert shown_text(markdown).endswith(" ".join(text.split())), markdown
