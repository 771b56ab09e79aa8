"""Plan text can never become markup: HTML is autoescaped, Markdown cells escaped.

reliability.md cases 34 (script, attribute breakouts), 35 (javascript: links,
refused by the model), 36 (Markdown injection) and 42 (Markdown link and image
syntax in plan text, shown as text).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from crmplan.errors import PlanError
from crmplan.plan.load import load_plan
from render_helpers import render_loaded, render_text

HOSTILE = '<script>alert(1)</script>" onmouseover="x" </script><img src=x onerror=alert(2)>'

PLAN = f"""\
schema_version: 1
client:
  name: '{HOSTILE}'
engagement:
  scope: '| a | b |'
  disclaimer: "# Heading\\n- item <b>bold</b>"
goals:
  vision:
    two_years: '{HOSTILE}'
  smart:
    - id: g1
      statement: "| broken | table\\nsecond line"
      kpi: nps
kpis:
  - id: nps
    baseline: {{value: 10, as_of: 2026-01-01, source: '{HOSTILE}'}}
    target: {{value: 30, by: 2026-12-31}}
    snapshots:
      - {{date: 2026-03-01, value: 15}}
segments:
  - id: s1
    name: '<img src=x onerror=alert(3)>'
    definition: '# not a heading'
    size: 100
    contactable_pct: 50
journeys:
  - id: j1
    name: '</script><script>alert(4)</script>'
    touchpoints:
      - {{id: t1, name: '"><svg onload=alert(5)>', stage: awareness, channel: web,
          emotion: -1, emotion_to_be: 1}}
"""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return render_text(tmp_path_factory.mktemp("hostile"), PLAN)


@pytest.mark.parametrize("name", ["strategy.html", "assessment.html", "journey-map.html",
                                  "review.html"])
def test_html_never_carries_the_plans_markup(rendered: dict[str, str], name: str) -> None:
    html = rendered[name]
    assert "<script" not in html.lower()
    assert "<img" not in html and "<svg onload" not in html  # tags only as escaped text
    assert 'onmouseover="' not in html  # the quote that would close an attribute is escaped
    assert "&lt;script&gt;" in html or name == "review.html"


def test_html_starts_with_the_content_security_policy(rendered: dict[str, str]) -> None:
    head = rendered["strategy.html"].split("<head>", 1)[1]
    first = head.strip().splitlines()[0]
    assert first.startswith('<meta http-equiv="Content-Security-Policy"')
    assert "default-src 'none'" in first


@pytest.mark.parametrize("name", ["strategy.html", "journey-map.html", "review.html"])
def test_html_requests_nothing(rendered: dict[str, str], name: str) -> None:
    html = rendered[name]
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert not re.search(r"""(src|href)=["'](?!#|https://)""", html)
    assert "url(" not in html


def test_every_attribute_is_quoted(rendered: dict[str, str]) -> None:
    tags = re.findall(r"<[a-zA-Z][^>]*>", rendered["strategy.html"])
    bare = [re.sub(r'"[^"]*"', '""', t) for t in tags]  # quoted values put aside
    unquoted = [t for t in bare if re.search(r"\s[a-z-]+=[^\"]", t)]
    assert unquoted == []


def test_a_javascript_link_is_refused_by_the_model(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("schema_version: 1\nclient:\n  name: A\n  website: javascript:alert(1)\n",
                    encoding="utf-8")
    with pytest.raises(PlanError):
        load_plan(path)
    path.write_text("schema_version: 1\nclient:\n  name: A\n  website: data:text/html,x\n",
                    encoding="utf-8")
    with pytest.raises(PlanError):
        load_plan(path)


def test_markdown_escapes_tables_html_and_leading_marks(rendered: dict[str, str]) -> None:
    md = rendered["strategy.md"]
    assert "<script>" not in md and "<img" not in md and "<b>" not in md
    assert "\\| broken \\| table second line" in md  # a pipe and a newline in a cell
    assert "\\# not a heading" in md  # in a table cell a leading # is escaped
    assert not re.search(r"^# Heading", md, re.MULTILINE)  # nor can it start a heading
    assert not re.search(r"^- item", md, re.MULTILINE)


def test_markdown_table_rows_keep_their_columns(rendered: dict[str, str]) -> None:
    rows = [line for line in rendered["strategy.md"].splitlines()
            if line.startswith("| ") and "broken" in line]
    assert rows, "the goal's row is in the SMART table"
    unescaped = re.sub(r"\\\|", "", rows[0])
    assert unescaped.count("|") == 10  # 9 columns


LINK = "[click](javascript:alert(5))"
IMAGE = "![t](https://evil.example/p.png)"
HTTPS = "[here](https://evil.example/l)"  # markdown-it drops a javascript: link by itself
UNDONE = "\\[undo\\](https://evil.example/u)"  # the plan's own backslash before [ and ]
AUTOLINK = "<https://evil.example/a>"
LINKS = f"{LINK} {IMAGE} {HTTPS} {UNDONE} {AUTOLINK}"

LINK_PLAN = f"""\
schema_version: 1
client:
  name: '{LINKS}'
  website: https://client.example/
engagement:
  consultant: {{name: '{IMAGE}'}}
  firm: '{LINK}'
  scope: '{LINKS}'
  disclaimer: '{IMAGE}'
goals:
  vision:
    two_years: '{LINKS}'
  smart:
    - id: g1
      statement: '{LINKS}'
      kpi: nps
kpis:
  - id: nps
    baseline: {{value: 10, as_of: 2026-01-01, source: '{LINKS}'}}
    target: {{value: 30, by: 2026-12-31}}
    snapshots:
      - {{date: 2026-03-01, value: 15, source: '{IMAGE}'}}
segments:
  - id: s1
    name: '{LINKS}'
    definition: '{LINKS}'
    size: 100
    contactable_pct: 50
journeys:
  - id: j1
    name: '{LINKS}'
    touchpoints:
      - {{id: t1, name: '{LINKS}', stage: awareness, channel: web,
          emotion: -1, emotion_to_be: 1}}
    pain_points:
      - {{id: p1, touchpoint: t1, description: '{LINKS}'}}
"""


def links_and_images(markdown: str) -> list[str]:
    """What a CommonMark renderer (with GitHub's tables) makes a link, an image or raw HTML."""
    from markdown_it import MarkdownIt

    found: list[str] = []
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    while tokens:
        token = tokens.pop()
        if token.type in ("link_open", "image", "html_inline", "html_block"):
            found.append(f"{token.type} {token.attrs} {token.content}")
        tokens.extend(token.children or [])
    return found


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return render_text(tmp_path_factory.mktemp("links"), LINK_PLAN, formats=("md",))


@pytest.mark.parametrize("name", ["strategy.md", "assessment.md", "journey-map.md",
                                  "review.md"])
def test_markdown_shows_link_and_image_syntax_as_text(linked: dict[str, str],
                                                      name: str) -> None:
    assert links_and_images(linked[name]) == []
    assert f"{LINK} {IMAGE}" in shown_text(linked[name])


def shown_text(markdown: str) -> str:
    """The text a reader sees once the Markdown is rendered."""
    from markdown_it import MarkdownIt

    parts: list[str] = []
    for token in MarkdownIt("commonmark").enable("table").parse(markdown):
        parts += [c.content for c in token.children or [] if c.type == "text"]
    return " ".join(parts)


@pytest.mark.parametrize("command", ["review", "journey", "segment"])
def test_every_markdown_report_shows_link_syntax_as_text(
        tmp_path: Path, runner: Any, command: str) -> None:
    from crmplan.cli import app

    plan = tmp_path / "plan.yaml"
    plan.write_text(LINK_PLAN, encoding="utf-8")
    result = runner.invoke(app, [command, str(plan), "--format", "md"])
    assert result.exit_code in (0, 1), result.output
    assert links_and_images(result.stdout) == []
    assert LINK in shown_text(result.stdout)


def test_a_template_still_links_the_clients_website(tmp_path: Path) -> None:
    folder = tmp_path / "brand"
    folder.mkdir()
    (folder / "review.md.j2").write_text(
        "[{{ client.name }}]({{ client.website }})\n", encoding="utf-8")
    markdown = render_text(tmp_path, LINK_PLAN, formats=("md",), user_dir=folder)
    assert links_and_images(markdown["review.md"]) == [
        "link_open {'href': 'https://client.example/'} "]


def test_a_plan_file_name_cannot_end_the_code_span_of_a_to_do(tmp_path: Path) -> None:
    path = tmp_path / "`[click](elsewhere.html)`.yaml"
    path.write_text("schema_version: 1\nclient: {name: A}\n", encoding="utf-8")
    files = render_loaded(load_plan(path), ("md",))
    markdown = files["strategy.md"].decode("utf-8")
    assert "fill `goals.smart` in" in markdown
    assert links_and_images(markdown) == []
