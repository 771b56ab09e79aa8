"""Render each bundled example and save pictures of its strategy document under docs/images:
at a laptop's width (the top of the document and its three charts) and at a phone's (390 px:
the top, and step 5 with its chart and its table turned into cards), and two pages of its
PDF side by side (the contents, and the page of the weighted software comparison).

Run by hand after changing the templates or the stylesheet, then look at the
pictures and commit them (docs/render.md shows them):

    python tools/screenshots.py

It needs Debian's Chromium (``apt-get install chromium``; fonts-noto-cjk for
Hangul and Chinese), Playwright for Python and the PDF extra from the test extra, and
``pdftoppm`` (``apt-get install poppler-utils``); nothing is downloaded.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PIL import Image
from playwright.sync_api import sync_playwright

from crmplan.analysis import PlanAnalysis
from crmplan.i18n import activate
from crmplan.plan.load import load_plan
from crmplan.render.context import build_context
from crmplan.render.dates import document_date
from crmplan.render.engine import render_documents

ROOT = Path(__file__).resolve().parents[1]
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTH, HEIGHT = 1100, 1800
PDF_DPI = 60
PHONE, PHONE_HEIGHT = 390, 844  # an iPhone 14's CSS viewport
PHONE_PART = 1500  # the most of a section a phone picture shows, in CSS pixels


def strategy_html(example: str) -> bytes:
    """The client's strategy, dated as the golden files are (the plan's latest entry)."""
    loaded = load_plan(ROOT / "examples" / example)
    lang = loaded.plan.client.language.value
    activate(lang)
    day = document_date(None, loaded.plan)
    context = build_context(PlanAnalysis(loaded, day), lang, day)
    return render_documents(context, ("html",), lang, None)["strategy.html"]


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def _comparison_page(pages: list[Any]) -> int:
    """The number of the first page that holds the weighted software comparison."""
    for number, page in enumerate(pages, 1):
        for box in _boxes(page._page_box):
            element = getattr(box, "element", None)
            if element is not None and "comparison" in (element.get("class") or "").split():
                return number
    return 2


def pdf_pages(example: str, html: bytes, folder: Path) -> Path:
    """The strategy's PDF: its first page and its comparison, side by side, as one PNG."""
    from crmplan.render.pdf import layout, written

    text = html.decode("utf-8")
    pages = layout(text)
    pdf = folder / f"{example}.pdf"
    pdf.write_bytes(written(pages, text))
    pictures = []
    for number in (1, _comparison_page(pages.pages)):
        stem = folder / f"{example}-{number}"
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(PDF_DPI),
                "-png",
                "-singlefile",
                "-f",
                str(number),
                "-l",
                str(number),
                str(pdf),
                str(stem),
            ],
            check=True,
        )
        pictures.append(Image.open(f"{stem}.png"))
    width, height = pictures[0].size
    sheet = Image.new("RGB", (2 * width + 36, height + 24), "#c9ced6")
    for index, picture in enumerate(pictures):
        sheet.paste(picture, (12 + index * (width + 12), 12))
    target = ROOT / "docs" / "images" / f"{example}-pdf.png"
    sheet.save(target, optimize=True)
    return target


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
    if shutil.which("pdftoppm") is None:
        sys.stderr.write("no pdftoppm: apt-get install poppler-utils\n")
        return 1
    examples = sorted(p.name for p in (ROOT / "examples").iterdir() if (p / "plan.yaml").is_file())
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        for example in examples:
            page_file = Path(folder) / f"{example}.html"
            html = strategy_html(example)
            page_file.write_bytes(html)
            print(pdf_pages(example, html, Path(folder)).relative_to(ROOT))
            page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
            page.goto(page_file.as_uri(), wait_until="load")
            for suffix, part in (
                ("strategy", None),
                ("matrix", "#step-3 figure"),
                ("gaps", "#step-5 figure"),
                ("journey", "#step-4 figure"),
            ):
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
