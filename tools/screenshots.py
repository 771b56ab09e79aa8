"""Render each bundled example and save pictures of its strategy document under docs/images:
at a laptop's width (the top of the document and its three charts) and at a phone's (390 px:
the top, and step 5 with its chart and its table turned into cards).

Run by hand after changing the templates or the stylesheet, then look at the
pictures and commit them (docs/render.md shows them):

    python tools/screenshots.py

It needs Debian's Chromium (``apt-get install chromium``; fonts-noto-cjk for
Hangul and Chinese) and Playwright for Python from the test extra; nothing is
downloaded.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from crmplan.analysis import PlanAnalysis
from crmplan.i18n import activate
from crmplan.plan.load import load_plan
from crmplan.render.context import build_context
from crmplan.render.engine import render_documents

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTH, HEIGHT = 1100, 1800
PHONE, PHONE_HEIGHT = 390, 844  # an iPhone 14's CSS viewport
PHONE_PART = 1500  # the most of a section a phone picture shows, in CSS pixels


def strategy_html(example: str) -> bytes:
    loaded = load_plan(ROOT / "examples" / example)
    lang = loaded.plan.client.language.value
    activate(lang)
    return render_documents(build_context(PlanAnalysis(loaded), lang, None), ("html",), lang,
                            None)["strategy.html"]


def phone(browser: Any, page_file: Path, example: str) -> None:
    """The top of the strategy, and the start of step 5, as a 390 px phone shows them."""
    page = browser.new_page(viewport={"width": PHONE, "height": PHONE_HEIGHT},
                            device_scale_factor=2)
    page.goto(page_file.as_uri(), wait_until="load")
    target = ROOT / "docs" / "images" / f"{example}-phone.png"
    page.screenshot(path=str(target))
    print(target.relative_to(ROOT))
    box = page.locator("#step-5").bounding_box()
    if box is not None:
        target = ROOT / "docs" / "images" / f"{example}-phone-gaps.png"
        clip = {"x": 0, "y": box["y"], "width": PHONE,
                "height": min(box["height"], PHONE_PART)}
        page.screenshot(path=str(target), full_page=True, clip=clip)
        print(target.relative_to(ROOT))
    page.close()


def main() -> int:
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.stderr.write("no chromium: apt-get install chromium fonts-noto-cjk\n")
        return 1
    examples = sorted(p.name for p in (ROOT / "examples").iterdir()
                      if (p / "plan.yaml").is_file())
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        for example in examples:
            page_file = Path(folder) / f"{example}.html"
            page_file.write_bytes(strategy_html(example))
            page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
            page.goto(page_file.as_uri(), wait_until="load")
            for suffix, part in (("strategy", None), ("matrix", "#step-3 figure"),
                                 ("gaps", "#step-5 figure"), ("journey", "#step-4 figure")):
                target = ROOT / "docs" / "images" / f"{example}-{suffix}.png"
                if part is None:
                    page.screenshot(path=str(target))
                else:
                    page.locator(part).first.screenshot(path=str(target))
                print(target.relative_to(ROOT))
            page.close()
            phone(browser, page_file, example)
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
