"""The workshop workbooks as data: columns, cells read back, determinism, safety checks,
and the import's comparison through the core API."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmplan.errors import PlanError, UsageError
from crmplan.plan.edit import EditablePlan
from crmplan.plan.load import load_bytes
from crmplan.resources import examples_dir
from crmplan.sheet import workbook as reading
from crmplan.sheet.apply import Importer
from crmplan.sheet.cells import Problem, read_cell
from crmplan.sheet.model import Column, ColumnType, Kind
from crmplan.sheet.tables import workbook
from crmplan.sheet.xlsx import META_SHEET, to_csv, to_xlsx
from sheet_helpers import data_sheet, edit_book, header_column

pytestmark = pytest.mark.usefixtures("english")

PLAN = """\
schema_version: 1
client:
  name: Acme
kpis:
  - id: repeat_rate
    name: Repeat rate
    unit: percent
    direction: higher
    baseline: {value: 20, as_of: 2025-01-01, source: CRM}
    snapshots:
      - {date: 2025-04-01, value: 22}
segments:
  - id: vip
    name: VIP
    definition: Top tenth by revenue.
task_force:
  members:
    - id: kim
      name: Kim
  scores:
    - member: kim
      segment: vip
      scores: {speed: 4}
journeys:
  - id: main
    name: Main journey
    touchpoints:
      - id: tp_ads
        name: "=HYPERLINK(\\"x\\")"
        stage: awareness
        channel: search
        owner: Jordan
        emotion: 0
"""


def loaded_plan(text: str = PLAN) -> tuple[EditablePlan, object]:
    editable = EditablePlan.from_text(text, name="plan.yaml")
    return editable, load_bytes(editable.render_bytes(), "plan.yaml")


def export(tmp_path: Path, kind: Kind, text: str = PLAN) -> Path:
    _editable, loaded = loaded_plan(text)
    path = tmp_path / f"{kind.value}.xlsx"
    path.write_bytes(to_xlsx(workbook(loaded.plan, kind)))  # type: ignore[attr-defined]
    return path


def import_into(path: Path, text: str = PLAN, replace: bool = False) -> tuple[str, object]:
    editable, loaded = loaded_plan(text)
    outcome = Importer(reading.read_book(path), loaded, replace=replace,  # type: ignore[arg-type]
                       today=dt.date(2026, 1, 1)).run(editable)
    return editable.text, outcome


# -- export ----------------------------------------------------------------------------------


def test_the_same_plan_gives_the_same_bytes(tmp_path: Path) -> None:
    _editable, loaded = loaded_plan()
    book = workbook(loaded.plan, Kind.TOUCHPOINTS)  # type: ignore[attr-defined]
    assert to_xlsx(book) == to_xlsx(book)


def test_plan_text_is_neutralised_against_formulas(tmp_path: Path) -> None:
    sheet = data_sheet(openpyxl.load_workbook(export(tmp_path, Kind.TOUCHPOINTS)))
    cell = sheet.cell(2, header_column(sheet, "Touchpoint"))
    assert cell.value == "'=HYPERLINK(\"x\")" and cell.data_type == "s"


def test_the_sheet_is_made_for_the_people_filling_it(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(export(tmp_path, Kind.TOUCHPOINTS))
    sheet = data_sheet(book)
    assert book.sheetnames[0] == "Instructions"
    assert book[META_SHEET].sheet_state == "hidden"
    assert sheet.freeze_panes == "C2" and sheet.column_dimensions["A"].hidden
    assert sheet.protection.sheet and sheet["A2"].protection.locked
    assert not sheet.cell(2, header_column(sheet, "Owner")).protection.locked
    assert sheet.cell(1, header_column(sheet, "Emotion (as-is)")).comment is not None
    lists = {str(v.formula1) for v in sheet.data_validations.dataValidation}
    assert len(lists) >= 4 and all(f.startswith("'_lists'!") for f in lists)


def test_scores_have_a_sheet_per_member_and_the_scale_in_the_notes(tmp_path: Path) -> None:
    sheet = data_sheet(openpyxl.load_workbook(export(tmp_path, Kind.SCORES)))
    assert sheet.title == "Kim"
    speed = header_column(sheet, "Speed to execute")
    assert sheet.cell(2, speed).value == 4
    assert "1 (worst) to 5 (best)" in sheet.cell(1, speed).comment.text


def test_a_single_sheet_as_csv_is_escaped() -> None:
    _editable, loaded = loaded_plan()
    data = to_csv(workbook(loaded.plan, Kind.TOUCHPOINTS).sheets[0])  # type: ignore[attr-defined]
    assert data.startswith(b"\xef\xbb\xbfid,Journey,Stage")
    assert "'=HYPERLINK" in data.decode("utf-8-sig")


# -- cells -----------------------------------------------------------------------------------

NUMBER = Column("n", "N", 8, ColumnType.NUMBER)
WHOLE = Column("w", "W", 8, ColumnType.WHOLE, low=-2, high=2)
DATE = Column("d", "D", 8, ColumnType.DATE)


@pytest.mark.parametrize(("raw", "value"), [
    (3, 3), (3.0, 3), ("3,5", 3.5), (" 4 ", 4), ("-0,25", -0.25), ("1e2", 100)])
def test_numbers_from_any_spreadsheet(raw: object, value: float) -> None:
    assert read_cell(NUMBER, raw) == value


@pytest.mark.parametrize("raw", ["1,250", "abc", "12%", "nan"])
def test_what_is_not_a_number_says_what_to_write(raw: str) -> None:
    problem = read_cell(NUMBER, raw)
    assert isinstance(problem, Problem) and problem.hint


@pytest.mark.parametrize("raw", [dt.datetime(2025, 9, 30), "2025-09-30", "2025.09.30",
                                 " 2025/9/30 ", 45930])
def test_dates_as_dates_text_or_serials(raw: object) -> None:
    assert read_cell(DATE, raw) == dt.date(2025, 9, 30)


def test_a_whole_number_refuses_a_fraction() -> None:
    assert isinstance(read_cell(WHOLE, 1.5), Problem)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=-10**12, max_value=10**12))
def test_a_number_read_back_is_the_number_written(value: int) -> None:
    assert read_cell(NUMBER, value) == value
    assert read_cell(NUMBER, str(value)) == value


# -- reading safely --------------------------------------------------------------------------


def test_a_password_protected_workbook_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(UsageError, match="password-protected"):
        reading.read_book(path)


def test_a_zip_bomb_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (8 * 1024 * 1024))
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(UsageError, match="expand"):
        reading.read_book(path)


def test_rows_beyond_the_limit_are_a_located_problem(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_ROWS", 5)
    book = reading.read_book(export(tmp_path, Kind.TOUCHPOINTS))
    assert [i.location for i in book.issues] == ["touchpoints.xlsx!Touchpoints!A6"]


# -- importing -------------------------------------------------------------------------------


@pytest.mark.slow
def test_an_unchanged_workbook_changes_nothing(tmp_path: Path) -> None:
    for kind in Kind:
        text, outcome = import_into(export(tmp_path, kind))
        assert text == PLAN and outcome.empty  # type: ignore[attr-defined]


@pytest.mark.slow
def test_a_new_touchpoint_is_appended_in_block_style(tmp_path: Path) -> None:
    def add(book: object) -> None:
        sheet = data_sheet(book)
        for header, value in (("Journey", "Main journey"), ("Stage", "Purchase"),
                              ("Touchpoint", "Checkout page"), ("Channel", "Web")):
            sheet.cell(3, header_column(sheet, header), value)

    path = edit_book(export(tmp_path, Kind.TOUCHPOINTS), tmp_path / "new.xlsx", add)
    text, _outcome = import_into(path)
    assert text == PLAN + ("      - id: tp_checkout_page\n        name: Checkout page\n"
                           "        stage: purchase\n        channel: web\n")


@pytest.mark.slow
def test_a_replaced_value_is_a_conflict_unless_replace(tmp_path: Path) -> None:
    def owner(book: object) -> None:
        sheet = data_sheet(book)
        sheet.cell(2, header_column(sheet, "Owner"), "Morgan")

    path = edit_book(export(tmp_path, Kind.TOUCHPOINTS), tmp_path / "owner.xlsx", owner)
    with pytest.raises(PlanError) as caught:
        import_into(path)
    assert caught.value.issues[0].code == "CRM977"
    text, _outcome = import_into(path, replace=True)
    assert text == PLAN.replace("owner: Jordan", "owner: Morgan")


@pytest.mark.slow
def test_a_row_changed_in_the_plan_since_the_export_is_refused(tmp_path: Path) -> None:
    def owner(book: object) -> None:
        sheet = data_sheet(book)
        sheet.cell(2, header_column(sheet, "Owner"), "Morgan")

    path = edit_book(export(tmp_path, Kind.TOUCHPOINTS), tmp_path / "owner.xlsx", owner)
    with pytest.raises(PlanError) as caught:
        import_into(path, PLAN.replace("emotion: 0", "emotion: 1"), replace=True)
    assert [i.code for i in caught.value.issues] == ["CRM978"]


@pytest.mark.slow
def test_a_bad_value_gets_the_plans_own_message_at_its_cell(tmp_path: Path) -> None:
    def emotion(book: object) -> None:
        sheet = data_sheet(book)
        sheet.cell(2, header_column(sheet, "Emotion (to-be)"), 7)

    path = edit_book(export(tmp_path, Kind.TOUCHPOINTS), tmp_path / "bad.xlsx", emotion)
    with pytest.raises(PlanError) as caught:
        import_into(path)
    issue = caught.value.issues[0]
    assert issue.location == "bad.xlsx!Touchpoints!J2"
    assert issue.path == "" and "journeys[main].touchpoints[tp_ads].emotion_to_be" in \
        issue.message


@pytest.mark.slow
def test_a_new_score_sheet_for_a_segment_not_yet_scored(tmp_path: Path) -> None:
    text = PLAN.replace("    definition: Top tenth by revenue.\n",
                        "    definition: Top tenth by revenue.\n  - id: new\n    name: New\n"
                        "    definition: First-time buyers.\n")

    def score(book: object) -> None:
        sheet = data_sheet(book)
        sheet.cell(3, header_column(sheet, "Customer interest"), "3,5")

    path = edit_book(export(tmp_path, Kind.SCORES, text), tmp_path / "s.xlsx", score)
    new_text, _outcome = import_into(path, text)
    assert new_text.endswith("    - member: kim\n      segment: new\n      scores:\n"
                             "        customer_interest: 3.5\n" + PLAN.split("      scores: "
                                                                             "{speed: 4}\n")[1])


def test_a_workbook_of_another_plan_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="exported from the plan of 'Acme'"):
        import_into(export(tmp_path, Kind.KPIS), PLAN.replace("name: Acme", "name: Beta"))


@pytest.mark.slow
def test_the_examples_export_every_kind(tmp_path: Path) -> None:
    for example in sorted(examples_dir().iterdir()):
        loaded = load_bytes((example / "plan.yaml").read_bytes(), "plan.yaml")
        for kind in Kind:
            assert workbook(loaded.plan, kind).sheets


PLAN_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
                    min_size=1, max_size=40).filter(lambda t: t.strip() != "")


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(thoughts=st.one_of(PLAN_TEXT, PLAN_TEXT.map(lambda t: "=" + t),
                          PLAN_TEXT.map(lambda t: "'" + t)))
def test_any_plan_text_comes_back_unchanged(tmp_path_factory: pytest.TempPathFactory,
                                            thoughts: str) -> None:
    import json

    quoted = json.dumps(thoughts, ensure_ascii=False)
    text = PLAN.replace("        emotion: 0\n", f"        emotion: 0\n        thoughts: {quoted}\n")
    try:
        loaded_plan(text)
    except PlanError:
        return  # text the plan itself refuses (a noncharacter) never reaches a sheet
    folder = tmp_path_factory.mktemp("any")
    new_text, outcome = import_into(export(folder, Kind.TOUCHPOINTS, text), text)
    assert new_text == text and outcome.empty  # type: ignore[attr-defined]
