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
from gfm_helpers import markup, shown_text
from render_helpers import ROOT, render_loaded, render_text

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
HTTPS = "[here](https://evil.example/l)"
UNDONE = "\\[undo\\](https://evil.example/u)"  # the plan's own backslash before [ and ]
AUTOLINK = "<https://evil.example/a>"
# what GitHub's autolink extension makes a link in plain text
BARE = ("www.evil-bank.example https://evil.example/login help@evil.example "
        "(www.evil.example) HTTPS://EVIL.EXAMPLE ftp://evil.example/f "
        "mailto:help@evil.example xmpp:help@evil.example/x a.b+c_d-e@evil.example")
LINKS = f"{LINK} {IMAGE} {HTTPS} {UNDONE} {AUTOLINK}"
TEXT = f"{LINKS} {BARE}"  # for texts; a name is at most 200 characters
NAME = f"{LINK} {IMAGE} {UNDONE} www.evil-bank.example https://evil.example/login " \
       "help@evil.example"

LINK_PLAN = f"""\
schema_version: 1
client:
  name: '{NAME}'
  website: https://client.example/
engagement:
  consultant: {{name: '{IMAGE}'}}
  firm: '{LINK}'
  scope: '{TEXT}'
  disclaimer: '{IMAGE}'
goals:
  vision:
    two_years: '{TEXT}'
  smart:
    - id: g1
      statement: '{TEXT}'
      kpi: nps
kpis:
  - id: nps
    baseline: {{value: 10, as_of: 2026-01-01, source: '{TEXT}'}}
    target: {{value: 30, by: 2026-12-31}}
    snapshots:
      - {{date: 2026-03-01, value: 15, source: '{IMAGE}'}}
segments:
  - id: s1
    name: '{NAME}'
    definition: '{TEXT}'
    size: 100
    contactable_pct: 50
journeys:
  - id: j1
    name: '{NAME}'
    touchpoints:
      - {{id: t1, name: '{NAME}', stage: awareness, channel: web,
          emotion: -1, emotion_to_be: 1}}
    pain_points:
      - {{id: p1, touchpoint: t1, description: '{TEXT}'}}
"""


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return render_text(tmp_path_factory.mktemp("links"), LINK_PLAN, formats=("md",))


@pytest.mark.parametrize("name", ["strategy.md", "assessment.md", "journey-map.md",
                                  "review.md"])
def test_markdown_shows_link_and_image_syntax_as_text(linked: dict[str, str],
                                                      name: str) -> None:
    assert markup(linked[name]) == []
    assert f"{LINK} {IMAGE}" in shown_text(linked[name])
    assert BARE in shown_text(linked[name])


@pytest.mark.parametrize("command", [["review"], ["journey"], ["segment"], ["assess"],
                                     ["baseline", "show"]])
def test_every_markdown_report_shows_link_syntax_as_text(
        tmp_path: Path, runner: Any, command: list[str]) -> None:
    from crmplan.cli import app

    plan = tmp_path / "plan.yaml"
    plan.write_text(LINK_PLAN, encoding="utf-8")
    result = runner.invoke(app, [*command, str(plan), "--format", "md"])
    assert result.exit_code in (0, 1), result.output
    assert markup(result.stdout) == []
    if command != ["assess"]:  # the memo quotes no plan text
        assert LINK in shown_text(result.stdout)
        assert "www.evil-bank.example https://evil.example/login help@evil.example" in (
            shown_text(result.stdout))


@pytest.mark.slow
@pytest.mark.parametrize("command", [["baseline", "compute"], ["segment", "compute"]])
def test_the_markdown_reports_from_the_data_show_plan_text_as_text(
        tmp_path: Path, runner: Any, command: list[str]) -> None:
    """The data files' names come from the plan, and the report lists them."""
    import shutil

    from crmplan.cli import app

    plan = shutil.copytree(ROOT / "examples" / "online-retailer-en", tmp_path / "ex")
    name = f"{LINK} www.evil-bank.example help@evil.example.csv"
    (plan / "data" / "orders.csv").rename(plan / "data" / name)
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    (plan / "plan.yaml").write_text(text.replace(
        "file: data/orders.csv", f"file: 'data/{name}'"), encoding="utf-8")
    result = runner.invoke(app, [*command, str(plan), "--format", "md"])
    assert result.exit_code in (0, 1), result.output
    assert markup(result.stdout) == []
    assert f"data/{name}" in shown_text(result.stdout)


def test_the_segment_report_shows_the_plans_path_as_it_is(tmp_path: Path, runner: Any) -> None:
    """The path is a code span, where an escape would show as a backslash."""
    from crmplan.cli import app

    plan = tmp_path / "[draft] www.client.example" / "plan.yaml"
    plan.parent.mkdir()
    plan.write_text(LINK_PLAN, encoding="utf-8")
    result = runner.invoke(app, ["segment", str(plan), "--format", "md"])
    assert markup(result.stdout) == []
    assert f"{plan} " in shown_text(result.stdout)
    assert f"{plan}:" in shown_text(result.stdout)  # where each finding is


@pytest.mark.parametrize("golden", sorted((ROOT / "tests" / "golden").glob("*/*/*.md")),
                         ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}/{p.name}")
def test_no_markdown_deliverable_of_the_examples_has_a_link_on_github(golden: Path) -> None:
    """The golden files are what the examples render to (tests/test_render_golden.py)."""
    assert markup(golden.read_text(encoding="utf-8")) == []


def test_a_template_still_links_the_clients_website(tmp_path: Path) -> None:
    folder = tmp_path / "brand"
    folder.mkdir()
    (folder / "review.md.j2").write_text(
        "[{{ client.name }}]({{ client.website }})\n", encoding="utf-8")
    markdown = render_text(tmp_path, LINK_PLAN, formats=("md",), user_dir=folder)
    assert markup(markdown["review.md"]) == ["<a {'href': 'https://client.example/'}>"]


def test_a_plan_file_name_cannot_end_the_code_span_of_a_to_do(tmp_path: Path) -> None:
    path = tmp_path / "`[click](elsewhere.html)`.yaml"
    path.write_text("schema_version: 1\nclient: {name: A}\n", encoding="utf-8")
    files = render_loaded(load_plan(path), ("md",), audience="team")
    markdown = files["strategy.md"].decode("utf-8")
    assert "fill `goals.smart` in" in markdown
    assert markup(markdown) == []
