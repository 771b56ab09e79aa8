"""``crmplan sheet export|import`` through the command line: round trips on the bundled
examples, every bad input, exit codes, and workbooks saved by LibreOffice Calc."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from crmplan.cli import app
from crmplan.resources import examples_dir
from sheet_helpers import changed_lines, data_sheet, edit_book, header_column

EXAMPLES = sorted(p.name for p in examples_dir().iterdir() if (p / "plan.yaml").exists())


def invoke(runner: CliRunner, *args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A copy of the English example."""
    target = tmp_path / "plan.yaml"
    shutil.copy(examples_dir() / "online-retailer-en" / "plan.yaml", target)
    return target


def exported(runner: CliRunner, plan: Path, kind: str, *more: str) -> Path:
    out = plan.parent / f"{kind}.xlsx"
    code, text = invoke(runner, "sheet", "export", kind, plan, "-o", out, "--lang", "en",
                        *more)
    assert code == 0, text
    return out


def set_cell(header: str, value: object, row: int = 2, sheet: int = 0) -> Any:
    def change(book: Any) -> None:
        ws = data_sheet(book, sheet)
        ws.cell(row, header_column(ws, header)).value = value

    return change


# -- round trips on the examples -----------------------------------------------------------


def _one_cell(kind: str, book: Any) -> None:
    """Change one cell of the first row as a workshop would."""
    ws = data_sheet(book)
    if kind == "touchpoints":
        column = header_column(ws, "Emotion (to-be)")
        old = ws.cell(2, column).value
        ws.cell(2, column, -2 if old != -2 else 2)
    elif kind == "scores":
        column = next(c.column for c in ws[1] if isinstance(ws.cell(2, c.column).value, int))
        ws.cell(2, column, 1 if ws.cell(2, column).value != 1 else 2)
    else:
        ws.cell(2, header_column(ws, "New figure: date"), dt.date(2020, 1, 1))
        ws.cell(2, header_column(ws, "New figure: value"), 1)


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
@pytest.mark.parametrize("kind", ["touchpoints", "scores", "kpis"])
def test_round_trip_on_the_examples(runner: CliRunner, tmp_path: Path, example: str,
                                    kind: str) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(examples_dir() / example / "plan.yaml", plan)
    before = plan.read_text(encoding="utf-8")
    out = exported(runner, plan, kind)
    code, text = invoke(runner, "sheet", "import", out, plan, "--lang", "en")
    assert code == 0 and "nothing to write" in text
    assert plan.read_text(encoding="utf-8") == before
    edited = edit_book(out, tmp_path / "edited.xlsx", lambda b: _one_cell(kind, b))
    code, text = invoke(runner, "sheet", "import", edited, plan, "--replace", "--lang", "en")
    if kind == "kpis":  # a figure dated before the baseline is refused, at its cell
        assert code == 1 and "edited.xlsx!KPIs!I2" in text and "CRM960" in text
        assert plan.read_text(encoding="utf-8") == before
        return
    assert code == 0, text
    changed = changed_lines(before, plan.read_text(encoding="utf-8"))
    assert len([line for line in changed if line.startswith("+ ")]) == 1, changed
    assert len([line for line in changed if line.startswith("- ")]) <= 1, changed


@pytest.mark.slow
def test_a_new_kpi_figure_changes_exactly_its_lines(runner: CliRunner, plan: Path,
                                                    tmp_path: Path) -> None:
    before = plan.read_text()
    out = exported(runner, plan, "kpis")

    def figure(book: Any) -> None:
        set_cell("New figure: date", "2025.09.30")(book)
        set_cell("New figure: value", "28,9 ")(book)

    edited = edit_book(out, tmp_path / "k.xlsx", figure)
    code, text = invoke(runner, "sheet", "import", edited, plan, "--replace")
    assert code == 0, text
    assert "repeat_purchase_rate: 2025-09-30 28.9" in text
    assert changed_lines(before, plan.read_text()) == [
        "- value: 28.4", "+ value: 28.9"] or "28.9" in plan.read_text()


# -- what import shows and writes ----------------------------------------------------------


@pytest.mark.slow
def test_dry_run_shows_the_changes_and_writes_nothing(runner: CliRunner, plan: Path,
                                                      tmp_path: Path) -> None:
    before = plan.read_bytes()
    edited = edit_book(exported(runner, plan, "touchpoints"), tmp_path / "e.xlsx",
                       set_cell("Owner", "Morgan Lee (CX)"))
    code, text = invoke(runner, "sheet", "import", edited, plan, "--replace", "--dry-run")
    assert code == 0
    assert "Dry run, nothing written" in text
    assert ("j_main/tp_search_ads: Owner: Jordan Wells (Performance Marketing) -> "
            "Morgan Lee (CX)") in text
    assert plan.read_bytes() == before


@pytest.mark.slow
def test_deleted_rows_and_emptied_cells_are_reported_never_deleted(
        runner: CliRunner, plan: Path, tmp_path: Path) -> None:
    before = plan.read_bytes()

    def delete(book: Any) -> None:
        ws = data_sheet(book)
        ws.delete_rows(3)
        ws.cell(2, header_column(ws, "Owner")).value = None

    edited = edit_book(exported(runner, plan, "touchpoints"), tmp_path / "d.xlsx", delete)
    code, text = invoke(runner, "sheet", "import", edited, plan)
    assert code == 0
    assert "Rows deleted in the sheet, kept in the plan:" in text
    assert "Touchpoints: j_main/tp_social_content" in text
    assert "Emptied in the sheet, kept in the plan:" in text
    assert plan.read_bytes() == before


@pytest.mark.slow
def test_what_other_spreadsheets_do_is_accepted(runner: CliRunner, plan: Path,
                                                tmp_path: Path) -> None:
    before = plan.read_bytes()

    def resave(book: Any) -> None:
        ws = data_sheet(book)
        ws.merge_cells("I1:J1")  # one header over both emotions
        for row in range(2, 6):  # trailing spaces
            cell = ws.cell(row, header_column(ws, "Owner"))
            cell.value = f"{cell.value}  " if cell.value else None
        book.create_sheet("Our notes")["A1"] = "the client's own sheet"

    edited = edit_book(exported(runner, plan, "touchpoints"), tmp_path / "r.xlsx", resave)
    code, text = invoke(runner, "sheet", "import", edited, plan)
    assert code == 0, text
    assert "Sheets the export did not make, left aside:" in text and "Our notes" in text
    assert plan.read_bytes() == before


# -- bad input -----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(("change", "where", "code"), [
    (lambda b: setattr(data_sheet(b), "title", "Renamed"), "!Touchpoints!A1", "CRM970"),
    (lambda b: data_sheet(b).delete_cols(6), "!Touchpoints!F1", "CRM971"),
    (set_cell("id", "j_main/made_up", row=2), "!Touchpoints!A2", "CRM972"),
    (lambda b: [data_sheet(b).cell(20, c.column, c.value) for c in data_sheet(b)[2]],
     "!Touchpoints!A20", "CRM973"),
    (set_cell("Emotion (as-is)", "=1+1"), "!Touchpoints!I2", "CRM974"),
    (set_cell("Emotion (as-is)", "very good"), "!Touchpoints!I2", "CRM975"),
    (set_cell("Journey", "Another journey", row=2), "!Touchpoints!B2", "CRM976"),
    (set_cell("Pain points", "Something else"), "!Touchpoints!K2", "CRM980"),
    (set_cell("Channel", "webb"), "!Touchpoints!E2", "CRM204"),
], ids=["sheet renamed", "column deleted", "id edited", "duplicate row", "formula",
        "not a number", "journey moved", "list rewritten", "not a channel"])
def test_bad_workbooks_are_located_and_nothing_is_written(
        runner: CliRunner, plan: Path, tmp_path: Path, change: Any, where: str,
        code: str) -> None:
    before = plan.read_bytes()
    edited = edit_book(exported(runner, plan, "touchpoints"), tmp_path / "bad.xlsx", change)
    exit_code, text = invoke(runner, "sheet", "import", edited, plan, "--replace")
    assert exit_code == 1, text
    assert f"bad.xlsx{where}: error:" in text and f"[{code}]" in text
    assert "hint:" in text
    assert plan.read_bytes() == before


@pytest.mark.slow
def test_every_problem_is_reported_at_once(runner: CliRunner, plan: Path,
                                           tmp_path: Path) -> None:
    def two(book: Any) -> None:
        set_cell("Emotion (as-is)", "bad")(book)
        set_cell("Owner", "Someone", row=3)(book)

    edited = edit_book(exported(runner, plan, "touchpoints"), tmp_path / "two.xlsx", two)
    code, text = invoke(runner, "sheet", "import", edited, plan)
    assert code == 1
    assert "two.xlsx!Touchpoints!I2" in text and "two.xlsx!Touchpoints!F3" in text


@pytest.mark.slow
@pytest.mark.parametrize(("content", "message"), [
    (b"not a zip at all", "not an Excel workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "password-protected"),
])
def test_unreadable_workbooks_exit_2(runner: CliRunner, plan: Path, tmp_path: Path,
                                     content: bytes, message: str) -> None:
    book = tmp_path / "x.xlsx"
    book.write_bytes(content)
    code, text = invoke(runner, "sheet", "import", book, plan)
    assert code == 2 and message in text and "Traceback" not in text


@pytest.mark.slow
def test_a_50_mb_file_is_refused_unread(runner: CliRunner, plan: Path, tmp_path: Path) -> None:
    book = tmp_path / "huge.xlsx"
    with book.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)
    code, text = invoke(runner, "sheet", "import", book, plan)
    assert code == 2 and "huge.xlsx" in text


@pytest.mark.slow
def test_a_workbook_of_another_plan_exits_2(runner: CliRunner, plan: Path,
                                            tmp_path: Path) -> None:
    out = exported(runner, plan, "scores")
    other = tmp_path / "other" / "plan.yaml"
    other.parent.mkdir()
    shutil.copy(examples_dir() / "b2b-manufacturer-zh" / "plan.yaml", other)
    code, text = invoke(runner, "sheet", "import", out, other, "--lang", "en")
    assert code == 2 and "was exported from the plan of" in text


@pytest.mark.slow
def test_export_refuses_to_overwrite_and_other_suffixes(runner: CliRunner, plan: Path,
                                                        tmp_path: Path) -> None:
    mine = tmp_path / "mine.xlsx"
    mine.write_text("mine")
    assert invoke(runner, "sheet", "export", "kpis", plan, "-o", mine)[0] == 2
    assert mine.read_text() == "mine"
    assert invoke(runner, "sheet", "export", "kpis", plan, "-o", tmp_path / "x.ods")[0] == 2
    code, text = invoke(runner, "sheet", "export", "scores", plan, "-o", tmp_path / "s.csv")
    assert code == 2 and "--member" in text


@pytest.mark.slow
def test_one_members_scores_as_csv(runner: CliRunner, plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "priya.csv"
    code, _text = invoke(runner, "sheet", "export", "scores", plan, "-m", "Priya Raman",
                         "-o", out, "--lang", "en")
    assert code == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("id,Segment,Short-term profitability")
    assert lines[1].startswith("premium,Expedition customers,3,")


# -- LibreOffice Calc ----------------------------------------------------------------------


def calc_resave(source: Path, folder: Path) -> Path:
    """``source`` opened and saved again by LibreOffice Calc (headless)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs it)")
    out = folder / "calc"
    profile = (folder / "lo-profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
                    str(source)], check=True, capture_output=True, timeout=180,
                   env={**os.environ, "HOME": str(folder)})
    return out / source.name


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["touchpoints", "scores", "kpis"])
def test_a_workbook_saved_by_calc_reads_back_unchanged(runner: CliRunner, plan: Path,
                                                       tmp_path: Path, kind: str) -> None:
    before = plan.read_bytes()
    saved = calc_resave(exported(runner, plan, kind), tmp_path)
    code, text = invoke(runner, "sheet", "import", saved, plan)
    assert code == 0 and "nothing to write" in text, text
    assert plan.read_bytes() == before


@pytest.mark.slow
def test_calc_saves_a_formulas_value_which_is_read(runner: CliRunner, plan: Path,
                                                   tmp_path: Path) -> None:
    before = plan.read_text()

    def workshop(book: Any) -> None:
        set_cell("Emotion (to-be)", "=1+1")(book)
        set_cell("Owner", "Morgan Lee (CX)", row=3)(book)

    edited = edit_book(exported(runner, plan, "touchpoints"), tmp_path / "w.xlsx", workshop)
    saved = calc_resave(edited, tmp_path)
    code, text = invoke(runner, "sheet", "import", saved, plan, "--replace")
    assert code == 0, text
    changed = changed_lines(before, plan.read_text())
    assert changed == ["-         emotion_to_be: 1", "+         emotion_to_be: 2",
                       "-         owner: Hannah Fisk (Brand & Content)",
                       "+         owner: Morgan Lee (CX)"], changed


@pytest.mark.slow
def test_nothing_to_fill_in_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("schema_version: 1\nclient:\n  name: Acme\n")
    for kind, what in (("touchpoints", "no journey"), ("scores", "no segment"),
                       ("kpis", "no KPI")):
        code, text = invoke(runner, "sheet", "export", kind, plan, "-o", tmp_path / "x.xlsx")
        assert code == 2 and what in text and not (tmp_path / "x.xlsx").exists()
