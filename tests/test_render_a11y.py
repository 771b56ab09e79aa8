"""Every HTML document of every example, for both audiences, read as a screen reader and a
phone read it: axe-core (WCAG 2.1 A and AA, plus the best-practice rules for heading order
and empty table headers) finds nothing, and the browser's own layout breaks no word inside,
overlaps no two chart labels and draws no chart text under 9 px on a 390 px phone.

axe-core comes bundled in the ``axe-playwright-python`` package of the test extra; Chromium
is Debian's (``/usr/bin/chromium``), as in tests/test_render_browser.py.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from render_helpers import EXAMPLES, loaded_example, render_loaded
from test_render_browser import ARGS, CHROMIUM, _overlap

DOCUMENTS = ("strategy", "assessment", "journey-map", "review")
AUDIENCES = ("client", "team")
PHONE, DESKTOP = 390, 1280
AXE_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a",
                                                   "wcag21aa", "best-practice"]}}
BEST_PRACTICES_KEPT = {"heading-order", "empty-table-header"}
SMALLEST_CHART_TEXT = 9.0  # px, at a phone's width
BROKEN_ON_A_PHONE = 5  # the most words a document may break inside at 390 px

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
    for example, audience in itertools.product(EXAMPLES, AUDIENCES):
        loaded = loaded_example(example)
        for name, data in render_loaded(loaded, ("html",), audience=audience).items():
            path = folder / f"{example}-{audience}-{name}"
            path.write_bytes(data)
            found[f"{example}/{audience}/{name.removesuffix('.html')}"] = path
    return found


def _page(browser: Any, path: Path, width: int) -> Any:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(path.as_uri(), wait_until="load")
    return page


# The client's version of every document of every example; the team's version (the same
# pages with the plan's ids and lines added) of one example, to keep CI within its time.
AXE_CASES = [(document, example, audience)
             for document, example, audience in itertools.product(DOCUMENTS, EXAMPLES, AUDIENCES)
             if audience == "client" or example == "aesthetic-clinic-ko"]


@pytest.mark.slow
@pytest.mark.parametrize(("document", "example", "audience"), AXE_CASES)
def test_axe_finds_no_violation(browser: Any, documents: dict[str, Path], example: str,
                                document: str, audience: str) -> None:
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    for width in (DESKTOP, PHONE):
        page = _page(browser, documents[f"{example}/{audience}/{document}"], width)
        found = axe.run(page, options=AXE_RULES).response["violations"]
        page.close()
        kept = [v for v in found
                if "best-practice" not in v["tags"] or v["id"] in BEST_PRACTICES_KEPT]
        assert kept == [], (width, [(v["id"], v["help"], [n["target"] for n in v["nodes"]])
                                    for v in kept])


# The words of the page's text, by the browser's own word segmenter in the document's
# language, that the layout breaks over two lines: Latin and Hangul words only (Chinese breaks
# between characters by design), in text a reader sees (not in a closed <details>, not
# visually hidden, not a chart's text, which lays itself out).
BROKEN_WORDS = r"""() => {
  const words = new Intl.Segmenter(document.documentElement.lang, {granularity: 'word'});
  const letters = /[\p{Script=Latin}\p{Script=Hangul}]/u;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const broken = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('svg, .visually-hidden')) continue;
    for (const w of words.segment(node.data)) {
      if (!w.isWordLike || w.segment.length < 2 || !letters.test(w.segment)) continue;
      const range = document.createRange();
      range.setStart(node, w.index);
      range.setEnd(node, w.index + w.segment.length);
      const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
                                                      .map(r => Math.round(r.bottom)));
      if (lines.size > 1) broken.push(w.segment);
    }
  }
  return broken;
}"""

# Every text of every chart as drawn: its box on the page, and its font size in pixels (the
# SVG's font size times the chart's scale).
CHART_TEXTS = """() => [...document.querySelectorAll('svg.chart')].flatMap((svg, chart) => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text')].map(t => {
    const r = t.getBoundingClientRect();
    return {chart, words: t.textContent, left: r.left, top: r.top, right: r.right,
            bottom: r.bottom, px: parseFloat(t.getAttribute('font-size')) * scale};
  });
})"""


@pytest.mark.slow
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("example", EXAMPLES)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_words_whole_and_chart_labels_apart_and_readable(
        browser: Any, documents: dict[str, Path], example: str, document: str,
        audience: str) -> None:
    for width in (DESKTOP, PHONE):
        page = _page(browser, documents[f"{example}/{audience}/{document}"], width)
        broken = page.evaluate(BROKEN_WORDS)
        texts = page.evaluate(CHART_TEXTS)
        page.close()
        assert len(broken) <= (0 if width == DESKTOP else BROKEN_ON_A_PHONE), (width, broken)
        for a, b in itertools.combinations(texts, 2):
            assert a["chart"] != b["chart"] or not _overlap(a, b), (width, a, b)
        if width == PHONE:
            small = [t for t in texts if t["px"] < SMALLEST_CHART_TEXT]
            assert small == [], small
