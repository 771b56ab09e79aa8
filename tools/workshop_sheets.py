"""Make the workbooks and pictures docs/workshops.md shows: each kind of sheet exported from
the English example, filled in as the workshop in the page fills it, and each pictured.

Run by hand after changing what a sheet holds, look at the pictures, and commit them
(tests/test_docs.py imports the filled workbooks the page imports):

    python tools/workshop_sheets.py

It needs LibreOffice Calc and poppler's pdftoppm (``apt-get install libreoffice-calc
poppler-utils``): Calc prints each workbook to PDF, pdftoppm turns a page into PNG.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

from crmplan.i18n import activate
from crmplan.plan.load import load_plan
from crmplan.sheet.model import Kind
from crmplan.sheet.tables import workbook
from crmplan.sheet.xlsx import to_xlsx

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "workshops"
EXAMPLE = ROOT / "examples" / "online-retailer-en" / "plan.yaml"


def column(sheet: Any, header: str) -> int:
    return next(c.column for c in sheet[1] if c.value == header)


def touchpoint_workshop(book: Any) -> None:
    """The journey workshop: an owner named, a pain point added, a feeling re-rated, and a
    touchpoint nobody had listed."""
    sheet = book["Touchpoints"]
    sheet.cell(13, column(sheet, "Owner")).value = "Marcus Lee (Customer Service)"
    pains = sheet.cell(12, column(sheet, "Pain points"))
    pains.value = f"{pains.value}\nNo status message while the refund is processed."
    sheet.cell(10, column(sheet, "Emotion (to-be)")).value = 2
    new = {"Journey": "First purchase to repeat customer", "Stage": "Purchase",
           "Touchpoint": "Delivery-day courier call", "Channel": "Phone",
           "Owner": "Marcus Lee (Customer Service)",
           "Customer goal": "Be home, or reroute the parcel, without a missed delivery.",
           "Emotion (as-is)": -1, "Emotion (to-be)": 1, "Evidence": "Staff"}
    for header, value in new.items():
        sheet.cell(18, column(sheet, header)).value = value


def score_workshop(book: Any) -> None:
    """Two members re-score after the segment workshop, each on their own sheet."""
    priya, tom = book["Priya Raman"], book["Tom Alvarez"]
    priya.cell(5, column(priya, "Speed to execute")).value = 5
    priya.cell(5, column(priya, "Note")).value = ("The win-back journey reuses the cart "
                                                  "reminder flow: it can start this month.")
    tom.cell(3, column(tom, "Customer interest")).value = "3,5"


def kpi_workshop(book: Any) -> None:
    """Two departments report their latest figures."""
    sheet = book["KPIs"]
    for row, (day, value, source) in {2: (dt.date(2026, 6, 30), 29.1, "Shopify report"),
                                      3: ("2026-06-30", "124,6", "Shopify report")}.items():
        sheet.cell(row, column(sheet, "New figure: date")).value = day
        sheet.cell(row, column(sheet, "New figure: value")).value = value
        sheet.cell(row, column(sheet, "Source")).value = source


WORKSHOPS: dict[Kind, Callable[[Any], None]] = {
    Kind.TOUCHPOINTS: touchpoint_workshop, Kind.SCORES: score_workshop, Kind.KPIS: kpi_workshop}


CROPS = {Kind.TOUCHPOINTS: (140, 200, 1500, 560), Kind.SCORES: (140, 200, 2100, 260),
         Kind.KPIS: (140, 200, 2100, 330)}  # x, y, width, height at 200 dpi


def picture(book: Path, png: Path, folder: Path, crop: tuple[int, int, int, int]) -> None:
    """The top left of the workbook's first data sheet, as Calc prints it."""
    profile = (folder / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(book)], check=True,
                   capture_output=True, env={**os.environ, "HOME": str(folder)})
    pdf = folder / (book.stem + ".pdf")
    x, y, width, height = crop
    subprocess.run(["pdftoppm", "-png", "-r", "200", "-f", "2", "-l", "2", "-singlefile",
                    "-x", str(x), "-y", str(y), "-W", str(width), "-H", str(height),
                    str(pdf), str(png.with_suffix(""))], check=True)


def main() -> None:
    activate("en")
    plan = load_plan(EXAMPLE).plan
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        for kind, fill in WORKSHOPS.items():
            blank = folder / f"{kind.value}.xlsx"
            blank.write_bytes(to_xlsx(workbook(plan, kind)))
            book = openpyxl.load_workbook(blank)
            fill(book)
            filled = OUT / f"{kind.value}-filled.xlsx"
            book.save(filled)
            picture(filled, OUT / f"{kind.value}.png", folder, CROPS[kind])
            print(f"wrote {filled.relative_to(ROOT)} and its picture")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
