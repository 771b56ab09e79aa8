"""Each HTML document in a real browser: it loads, logs no error, requests nothing,
fits a phone's width and a desktop's, its charts' words neither overlap nor are cut, and
the strategy prints to A4 with every section.

Debian's Chromium (``/usr/bin/chromium``, installed by .ci/run) is driven with
Playwright for Python; Playwright's own browser download is never used. The
test is skipped, saying why, only where no Chromium is installed.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crmplan.analysis import PlanAnalysis
from render_helpers import EXAMPLES, loaded_example, render_loaded

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DOCUMENTS = ("strategy", "assessment", "journey-map", "review")
WIDTHS = (390, 1280)
SECTIONS = 13  # what to do first, the ten steps, the activity plan, the disclaimer

pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary: install "
                                 "Debian's chromium (apt-get install chromium) to run it"),
              pytest.mark.slow]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("html")
    found = {}
    for example in EXAMPLES:
        for name, data in render_loaded(loaded_example(example), ("html",)).items():
            path = folder / f"{example}-{name}"
            path.write_bytes(data)
            found[f"{example}/{name.removesuffix('.html')}"] = path
    return found


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_loads_cleanly_requests_nothing_and_fits(browser: Any, documents: dict[str, Path],
                                                 example: str, document: str) -> None:
    path = documents[f"{example}/{document}"]
    for width in WIDTHS:
        errors, requests, widest = _open(browser, path, width)
        assert errors == [], (width, errors)
        assert requests == [path.as_uri()], (width, requests)
        assert widest <= width, f"{widest} px wide at a {width} px viewport"


# Every text of every chart: its words, its box on the page, its chart's box, and its font
# size in pixels as drawn (the SVG's font size times the chart's scale).
CHART_TEXTS = """() => [...document.querySelectorAll('svg.chart')].flatMap((svg, chart) => {
  const frame = svg.getBoundingClientRect();
  const scale = frame.width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text')].map(t => {
    const r = t.getBoundingClientRect();
    return {chart, words: t.textContent, left: r.left, top: r.top, right: r.right,
            bottom: r.bottom, frame: [frame.left, frame.top, frame.right, frame.bottom],
            px: parseFloat(t.getAttribute('font-size')) * scale};
  });
})"""
READABLE = 11.0  # the smallest chart text, in pixels, at a desktop's width


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
@pytest.mark.parametrize("document", ("strategy", "journey-map", "review"))
def test_no_chart_label_overlaps_another_or_is_cut(browser: Any, documents: dict[str, Path],
                                                   example: str, document: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(documents[f"{example}/{document}"].as_uri(), wait_until="load")
    texts = page.evaluate(CHART_TEXTS)
    page.close()
    assert texts
    for t in texts:
        left, top, right, bottom = t["frame"]
        assert left - 0.5 <= t["left"] and t["right"] <= right + 0.5, t  # nothing clipped
        assert top - 0.5 <= t["top"] and t["bottom"] <= bottom + 0.5, t
        assert "…" not in t["words"] and t["px"] >= READABLE, t
    for a, b in itertools.combinations(texts, 2):
        if a["chart"] == b["chart"]:
            assert not _overlap(a, b), (a["words"], b["words"])
    if document != "review":
        words = {"".join(t["words"].split()) for t in texts}
        for journey in PlanAnalysis(loaded_example(example)).journeys.journeys:
            for stage in journey.stages:  # every stage's name, whole
                assert not stage.touchpoints or "".join(stage.name.split()) in words, stage.name


def _overlap(a: dict[str, Any], b: dict[str, Any], tolerance: float = 0.5) -> bool:
    return bool(a["left"] < b["right"] - tolerance and b["left"] < a["right"] - tolerance
                and a["top"] < b["bottom"] - tolerance and b["top"] < a["bottom"] - tolerance)


def _open(browser: Any, path: Path, width: int) -> tuple[list[str], list[str], int]:
    """Console errors, requests made and the document's scroll width at ``width`` px."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_timeout(100)
    widest = int(page.evaluate("document.documentElement.scrollWidth"))
    page.close()
    return errors, requests, widest


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
def test_the_strategy_prints_to_a4_with_every_section(browser: Any, documents: dict[str, Path],
                                                      example: str, tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    page = browser.new_page()
    page.goto(documents[f"{example}/strategy"].as_uri(), wait_until="load")
    pdf = tmp_path / "strategy.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True, outline=True, tagged=True)
    page.close()
    reader = pypdf.PdfReader(pdf)
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
    assert len(reader.pages) > SECTIONS  # the cover, the contents, a page per section
    titles = _sections(reader.outline)
    assert len(titles) == SECTIONS, titles


def _sections(outline: list[Any]) -> list[str]:
    """The titles one level below the document's title (its h2 headings)."""
    top = [entry for entry in outline if not isinstance(entry, list)]
    nested = [entry for entry in outline if isinstance(entry, list)]
    if len(top) == 1 and nested:
        return [e.title for e in nested[0] if not isinstance(e, list)]
    return [e.title for e in top]
