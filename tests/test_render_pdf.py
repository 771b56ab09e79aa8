"""``crmplan render --format pdf``: each document of the three examples typeset by WeasyPrint,
as the client receives it.

The PDF itself (read with pypdf): its pages are A4 or Letter, every font is embedded and the
Korean and Chinese documents carry a CJK font, its bookmarks are its headings, its metadata
names the document, the consultant and the language, the same plan gives the same bytes,
and its text and page count match the golden files ``tests/golden/<example>/client/
<document>.pdf.txt`` (refresh them with ``CRMPLAN_REFRESH_GOLDEN=1``, then read the diff).

The layout (WeasyPrint's boxes, page by page): no page ends with a heading, no table cell
breaks a line inside a word, the Korean and Chinese software comparison fits one page, and
the SMART table gives the goal's sentence the room and its five letter columns only theirs.
Without WeasyPrint, ``--format pdf`` says what to install and exits 2.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from crmplan.cli import app
from crmplan.kpi.progress import STATUS_NAMES
from crmplan.languages import entry as language_entry
from render_helpers import EXAMPLES, ROOT, loaded_example, render_loaded

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("weasyprint", reason="the extra crmplan[pdf] is not installed")

from crmplan.render.breaks import unjoined  # noqa: E402
from crmplan.render.pdf import layout, written  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"
DOCUMENTS = ("strategy", "assessment", "journey-map", "review")
A4, LETTER = (595.3, 841.9), (612.0, 792.0)
HEADINGS = ("h1", "h2", "h3")  # what becomes a bookmark (h4 titles a card)
CJK = {"ko": "aesthetic-clinic-ko", "zh": "b2b-manufacturer-zh"}


@dataclass(frozen=True)
class Printed:
    """A document as the client receives it: its HTML, its layout, its PDF."""

    lang: str
    html: str
    pages: Any
    pdf: bytes

    def reader(self) -> Any:
        return pypdf.PdfReader(io.BytesIO(self.pdf))


@pytest.fixture(scope="module")
def printed() -> dict[str, Printed]:
    """Every document of every example, by ``example/document``."""
    found = {}
    for example in EXAMPLES:
        loaded = loaded_example(example)
        lang = loaded.plan.client.language.value
        files = render_loaded(loaded, ("html",))
        for document in DOCUMENTS:
            html = files[f"{document}.html"].decode("utf-8")
            pages = layout(html)
            found[f"{example}/{document}"] = Printed(lang, html, pages, written(pages, html))
    return found


def test_a_missing_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint fails
    plan = ROOT / "examples" / "online-retailer-en"
    result = CliRunner().invoke(
        app,
        [
            "render",
            str(plan),
            "--out",
            str(tmp_path / "out"),
            "--format",
            "html,pdf",
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 2, result.output
    assert "pip install 'crmplan[pdf]'" in result.output
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()  # nothing was written


def test_the_message_is_in_the_users_language(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    plan = ROOT / "examples" / "aesthetic-clinic-ko"
    result = CliRunner().invoke(
        app,
        ["render", str(plan), "--out", str(tmp_path / "out"), "--format", "pdf", "--lang", "ko"],
    )
    assert result.exit_code == 2
    assert "PDF" in result.output and "pip install 'crmplan[pdf]'" in result.output
    assert "needs the PDF engine" not in result.output  # translated


def test_the_engine_fetches_no_file_and_no_address(tmp_path: Path) -> None:
    """A template that points at a file or a web address gets nothing: the PDF holds no
    picture (a fetched one would be an image XObject of the page)."""
    from PIL import Image  # WeasyPrint's own dependency

    from crmplan.render.pdf import to_pdf

    picture = tmp_path / "secret.png"
    Image.new("RGB", (9, 9), "red").save(picture)  # WeasyPrint would embed it as an XObject
    html = (
        f'<html lang="en"><body><p>before</p><img src="{picture.as_uri()}">'
        '<img src="https://example.com/logo.png"><p>after</p></body></html>'
    )
    reader = pypdf.PdfReader(io.BytesIO(to_pdf(html)))
    page = reader.pages[0]
    assert "before" in page.extract_text() and "after" in page.extract_text()
    assert not page["/Resources"].get("/XObject")


@pytest.mark.slow
def test_the_command_writes_a_pdf_on_letter_paper(tmp_path: Path) -> None:
    plan = tmp_path / "retailer"
    shutil.copytree(ROOT / "examples" / "online-retailer-en", plan)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        [
            "render",
            str(plan),
            "--out",
            str(out),
            "--format",
            "pdf",
            "--paper",
            "letter",
            "--date",
            "2026-03-31",
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{d}.pdf" for d in DOCUMENTS)
    reader = pypdf.PdfReader(out / "assessment.pdf")
    assert {_size(page) for page in reader.pages} == {LETTER}
    assert reader.metadata["/CreationDate"] == "D:20260331"


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_text_and_page_count_match_the_golden_file(
    printed: dict[str, Printed], example: str, document: str
) -> None:
    reader = printed[f"{example}/{document}"].reader()
    text = f"pages: {len(reader.pages)}\n" + "".join(
        f"\n--- page {number} ---\n{page.extract_text().rstrip()}\n"
        for number, page in enumerate(reader.pages, 1)
    )
    golden = GOLDEN / example / "client" / f"{document}.pdf.txt"
    if os.environ.get("CRMPLAN_REFRESH_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.read_text(encoding="utf-8") == text, (
        "out of date: CRMPLAN_REFRESH_GOLDEN=1 python -m pytest tests/test_render_pdf.py"
    )


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
def test_pages_are_a4_and_text_is_searchable(printed: dict[str, Printed], example: str) -> None:
    for document in DOCUMENTS:
        reader = printed[f"{example}/{document}"].reader()
        assert {_size(page) for page in reader.pages} == {A4}
        text = "".join(page.extract_text() for page in reader.pages)
        assert "\u2060" not in text  # the word joiners are not in the text a reader copies
    strategy = printed[f"{example}/strategy"].reader()
    title = re.search(r"<h1>(.*?)</h1>", printed[f"{example}/strategy"].html)
    assert title and _plain(title.group(1)) in strategy.pages[0].extract_text()


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
def test_every_font_is_embedded_and_cjk_has_its_font(
    printed: dict[str, Printed], example: str
) -> None:
    for document in DOCUMENTS:
        item = printed[f"{example}/{document}"]
        fonts = dict(_fonts(item.reader()))
        assert fonts, document
        assert [name for name, embedded in fonts.items() if not embedded] == [], document
        if item.lang in CJK:
            assert any("CJK" in name for name in fonts), (document, sorted(fonts))


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
def test_bookmarks_are_the_headings(printed: dict[str, Printed], example: str) -> None:
    for document in DOCUMENTS:
        item = printed[f"{example}/{document}"]
        bookmarks = [_plain(title) for title in _titles(item.reader().outline)]
        assert bookmarks == _headings(item.html), document


@pytest.mark.slow
def test_a_kpi_and_a_stage_are_bookmarked_by_their_names_without_the_badge(
    printed: dict[str, Printed],
) -> None:
    """A reader looking for a KPI in the PDF's outline finds its name, not "off track"."""
    example = "online-retailer-en"
    item = printed[f"{example}/strategy"]
    strategy = [_plain(t) for t in _titles(item.reader().outline)]
    named = re.findall(r'<div class="kpi"><h3 data-bookmark="([^"]*)"', item.html)
    kpis = [_plain(name) for name in named]
    assert len(kpis) == len(loaded_example(example).plan.kpis)
    assert all(name in strategy for name in kpis)
    badges = tuple(STATUS_NAMES.values())
    assert not [t for t in strategy if any(t.endswith(b) for b in badges)]
    journey = [_plain(t) for t in _titles(printed[f"{example}/journey-map"].reader().outline)]
    assert not [t for t in journey if "emotion" in t]


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
def test_metadata_names_the_document_the_consultant_and_the_language(
    printed: dict[str, Printed], example: str
) -> None:
    item = printed[f"{example}/strategy"]
    reader = item.reader()
    meta = reader.metadata
    title = re.search(r"<title>(.*?)</title>", item.html)
    consultant = loaded_example(example).plan.engagement.consultant
    assert title and meta["/Title"] == _plain(title.group(1))
    assert consultant and consultant.name in meta["/Author"]
    # the document's language tag, as its <html lang> says it (ko-KR, zh-CN, en-US)
    assert reader.trailer["/Root"]["/Lang"] == (language_entry(item.lang).tag or item.lang)
    assert meta["/CreationDate"] == meta["/ModDate"]
    assert re.fullmatch(r"D:\d{8}", meta["/CreationDate"])


@pytest.mark.slow
def test_links_are_kept(printed: dict[str, Printed]) -> None:
    reader = printed["online-retailer-en/strategy"].reader()
    annotations = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])]
    uris = {a["/A"].get("/URI") for a in annotations if "/A" in a}
    internal = [a for a in annotations if "/Dest" in a or a.get("/A", {}).get("/D")]
    assert any(str(uri).startswith("https://") for uri in uris), uris  # the client's website
    assert internal  # the contents link to their sections


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
def test_the_same_plan_gives_the_same_pdf(printed: dict[str, Printed], example: str) -> None:
    again = render_loaded(loaded_example(example), ("pdf",))
    assert again["assessment.pdf"] == printed[f"{example}/assessment"].pdf
    assert again["review.pdf"] == printed[f"{example}/review"].pdf


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
def test_no_page_ends_with_a_heading(printed: dict[str, Printed], example: str) -> None:
    for document in DOCUMENTS:
        pages = printed[f"{example}/{document}"].pages.pages
        ending = [
            (number, text)
            for number, page in enumerate(pages[:-1], 1)
            if (text := _last_heading(page._page_box))
        ]
        assert ending == [], f"{document}: a page ends with a heading: {ending}"


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
def test_no_table_cell_breaks_inside_a_word(printed: dict[str, Printed], example: str) -> None:
    checked, broken = 0, []
    for document in DOCUMENTS:
        pages = printed[f"{example}/{document}"].pages.pages
        for page in pages:
            for cell in _boxes(page._page_box, "TableCellBox"):
                for lines, source in _paragraphs(cell):
                    found, count = _word_breaks(lines, source)
                    checked += count
                    broken += [f"{document}: {b}" for b in found]
    assert checked > 20  # the tables do wrap, and the test looked at where
    assert broken == []


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
def test_every_table_keeps_within_the_page_margins(printed: dict[str, Printed],
                                                   example: str) -> None:
    """The KPI tables of the Chinese strategy and review ran 3.5 mm past the right margin."""
    beyond = []
    for document in DOCUMENTS:
        for number, page in enumerate(printed[f"{example}/{document}"].pages.pages, 1):
            box = page._page_box
            right = box.content_box_x() + box.width
            beyond += [(document, number, _line_text(cell)[0][:20])
                       for cell in _boxes(box, "TableCellBox")
                       if cell.position_x + cell.margin_width() > right + 0.5]
    assert beyond == []


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
def test_no_table_is_left_with_its_header_alone_at_a_page_foot(printed: dict[str, Printed],
                                                                example: str) -> None:
    """A heading and a table's header row at the foot of a page, its rows on the next, is
    what a client notices first; the header row repeats over every later page instead."""
    alone = []
    for document in DOCUMENTS:
        for number, page in enumerate(printed[f"{example}/{document}"].pages.pages, 1):
            for table in _boxes(page._page_box, "TableBox"):
                rows = [row for group in _boxes(table, "TableRowGroupBox")
                        if not group.is_header for row in group.children]
                alone += [] if rows else [(document, number)]
    assert alone == []


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
def test_a_status_reads_on_one_line(printed: dict[str, Printed], example: str) -> None:
    """목표 미달 예상 and 偏离目标 were split over two and three lines in narrow columns."""
    split = []
    for document in DOCUMENTS:
        for page in printed[f"{example}/{document}"].pages.pages:
            for badge in (box for box in _boxes(page._page_box, "InlineBlockBox")
                          if _has_class(box, "badge")):
                lines = list(_boxes(badge, "LineBox"))
                split += [] if len(lines) == 1 else [(document, _line_text(lines[0])[0])]
    assert split == []


@pytest.mark.slow
@pytest.mark.parametrize("lang", sorted(CJK))
def test_the_software_comparison_fits_one_page(printed: dict[str, Printed], lang: str) -> None:
    pages = printed[f"{CJK[lang]}/strategy"].pages.pages
    holding = [
        number
        for number, page in enumerate(pages, 1)
        if any(_has_class(box, "comparison") for box in _boxes(page._page_box, "TableBox"))
    ]
    assert len(holding) == 1, holding


def _smart_table(example: str, paper: str) -> Any:
    """The SMART table of the example's strategy laid out alone on ``paper``, with the
    document's style sheet: its table box."""
    html = render_loaded(loaded_example(example), ("html",), paper=paper)["strategy.html"]
    text = html.decode("utf-8")
    head = re.search(r"<head>.*?</head>", text, re.DOTALL)
    table = re.search(r'<div class="table-wrap"[^>]*><table class="stack smart">.*?</table></div>',
                      text, re.DOTALL)
    assert head and table, "the strategy has a SMART table"
    pages = layout(f"<!DOCTYPE html><html>{head[0]}<body><main>{table[0]}</main></body></html>")
    return next(box for page in pages.pages for box in _boxes(page._page_box, "TableBox"))


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("example", EXAMPLES)
def test_the_smart_goal_takes_the_room_and_the_letters_only_theirs(example: str,
                                                                   paper: str) -> None:
    """The goal's sentence wraps at a reader's width, not every few characters; each of the
    five letter columns is as wide as its letter or mark and its padding."""
    table = _smart_table(example, paper)
    rows = list(_boxes(table, "TableRowBox"))
    assert len(rows) >= 2  # the heading and a goal at least
    goal = rows[0].children[0]
    assert goal.element.get("class") == "goal"
    assert goal.border_width() >= 0.4 * table.width
    letters = [c for c in rows[0].children if c.element.get("class") == "letter"]
    assert len(letters) == 5
    for column, head in enumerate(letters):
        index = rows[0].children.index(head)
        cells = [row.children[index] for row in rows if len(row.children) > index]
        needed = max(text.width for cell in cells for text in _boxes(cell, "TextBox"))
        assert head.width <= needed + 0.5, (column, head.width, needed)


# --- reading a PDF --------------------------------------------------------------------------


def _size(page: Any) -> tuple[float, float]:
    return round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)


def _fonts(reader: Any) -> Iterator[tuple[str, bool]]:
    """Each font of each page: its name and whether its file is in the PDF."""
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described["/FontDescriptor"].get_object()
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            yield str(font["/BaseFont"]), embedded


def _titles(outline: list[Any]) -> Iterator[str]:
    for entry in outline:
        if isinstance(entry, list):
            yield from _titles(entry)
        else:
            yield entry.title


class _HeadingText(HTMLParser):
    """The text of each h1-h3 of an HTML document, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HEADINGS:
            label = dict(attrs).get("data-bookmark")  # the name alone, without its badge
            self._open = label is None
            self.found.append(label or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in HEADINGS:
            self._open = False

    def handle_data(self, data: str) -> None:
        if self._open:
            self.found[-1] += data


def _headings(html: str) -> list[str]:
    parser = _HeadingText()
    parser.feed(html.split("<body>", 1)[1])
    return [_plain(text) for text in parser.found]


def _plain(text: str) -> str:
    text = re.sub(r"<[^>]+>", "", unjoined(text))
    text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    return " ".join(text.replace("&#39;", "'").replace("&#34;", '"').split())


# --- reading a layout ---------------------------------------------------------------------


def _boxes(box: Any, kind: str) -> Iterator[Any]:
    if type(box).__name__ == kind:
        yield box
    for child in getattr(box, "children", ()):
        if type(child).__name__ != "MarginBox":
            yield from _boxes(child, kind)


def _has_class(box: Any, name: str) -> bool:
    element = getattr(box, "element", None)
    return element is not None and name in (element.get("class") or "").split()


def _texts(box: Any, heading: str | None = None) -> Iterator[tuple[str | None, str]]:
    """Each piece of text or picture (a chart) in ``box`` in reading order, with the heading
    it belongs to."""
    tag, kind = getattr(box, "element_tag", None), type(box).__name__
    if tag in ("h1", "h2", "h3", "h4") and kind == "BlockBox":
        heading = tag
    if kind == "TextBox" and box.text.strip():
        yield heading, unjoined(box.text)
    if kind.endswith("ReplacedBox"):
        yield heading, "[chart]"
    for child in getattr(box, "children", ()):
        if type(child).__name__ != "MarginBox":
            yield from _texts(child, heading)


def _last_heading(page_box: Any) -> str:
    """The heading's text when the last text on the page is a heading's, else ''."""
    texts = list(_texts(page_box))
    if not texts or texts[-1][0] is None:
        return ""
    heading = texts[-1][0]
    return " ".join(text for tag, text in texts[-3:] if tag == heading)


def _paragraphs(cell: Any) -> Iterator[tuple[list[Any], str]]:
    """Each block of lines in ``cell`` with the text of its element (what the lines hold)."""
    lines = [child for child in cell.children if type(child).__name__ == "LineBox"]
    if lines and len(lines) == len(cell.children):
        yield lines, "".join(cell.element.itertext())
        return
    for child in cell.children:
        if type(child).__name__ not in ("LineBox", "TextBox"):
            yield from _paragraphs(child)


_WORD = re.compile(r"[A-Za-z0-9\uac00-\ud7a3]")


def _line_text(line: Any) -> tuple[str, bool]:
    """The line's text and whether it ends with a forced break (``<br>``)."""
    texts = [unjoined(box.text) for box in _boxes(line, "TextBox")]
    forced = any(getattr(box, "element_tag", None) == "br" for box in line.children)
    return "".join(texts), forced


def _word_breaks(lines: list[Any], source: str) -> tuple[list[str], int]:
    """Where a line of ``lines`` breaks inside a word of ``source``, and how many breaks were
    looked at: a break must fall at a space, after ``_``, ``-`` or ``/``, or beside a Chinese
    character, never between two Latin letters or digits or two Hangul syllables."""
    spaced = unjoined(source).replace("\u00ad", "")
    solid = [i for i, char in enumerate(spaced) if not char.isspace()]
    texts = [_line_text(line) for line in lines]
    if "".join(re.sub(r"\s", "", t) for t, _ in texts) != "".join(spaced[i] for i in solid):
        return [], 0  # text the source does not show as it is (generated content)
    broken, position, count = [], 0, 0
    for text, forced in texts[:-1]:
        position += len(re.sub(r"\s", "", text))
        if forced or position == 0 or position >= len(solid):
            continue
        count += 1
        before, after = solid[position - 1], solid[position]
        left, right = spaced[before], spaced[after]
        if after - before == 1 and _WORD.match(left) and _WORD.match(right):
            broken.append(
                f"{spaced[max(0, before - 12) : before + 1]}|{spaced[after : after + 12]}"
            )
    return broken, count
