"""An export's cells never reach a message: a missing header row, and every other data error.

Each case writes a client folder whose exports hold distinctive personal data in every
column, breaks it one way, and runs both data commands in text and JSON: none of the
values may appear on stdout or stderr.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.data_cases import PLAN, write_client
from typer.testing import CliRunner

from crmplan.cli import app
from crmplan.data import header

pytest.importorskip("duckdb")

ID, EMAIL, PHONE, NAME = "PIIQX7731", "zq.pii7731@example.org", "+82-10-7731-0042", "Kim Zqvirt"
RRN = "900101-1773121"  # a resident registration number
SECRETS = [ID, EMAIL, PHONE, NAME, RRN, "7731", "Zqvirt", "zq.pii", "1773121"]
TITLE = f"Orders export for {EMAIL} by {NAME}"
ORDER = f"O-7731,{ID},2024-03-01,77.31,{NAME}\n"
CUSTOMER = f"{ID},{EMAIL},{PHONE},yes\n"
ORDERS_HEADER = "No,Customer,Date,Total,State\n"

Setup = Callable[[Path], None]


def _write(name: str, text: str | bytes) -> Setup:
    def setup(data: Path) -> None:
        target = data / name
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
    return setup


def _workbook(rows: list[list[object]], broken_cell: bool = False) -> Setup:
    def setup(data: Path) -> None:
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        with zipfile.ZipFile(buffer) as source, \
                zipfile.ZipFile(data / "orders.xlsx", "w") as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if broken_cell and item.filename == "xl/worksheets/sheet1.xml":
                    # a number cell that holds text: openpyxl fails while reading it
                    content = content.replace(b"<v>77.31</v>", f"<v>{NAME} {ID}</v>".encode())
                target.writestr(item, content)
    return setup


def _parquet_named_by_a_row() -> Setup:
    def setup(data: Path) -> None:
        import duckdb

        names = ", ".join(f"{n} AS \"{v}\"" for n, v in enumerate([ID, EMAIL, PHONE, "No"]))
        duckdb.sql(f"COPY (SELECT {names}) TO '{data / 'orders.parquet'}' (FORMAT parquet)")
    return setup


XLSX = PLAN.replace("data/orders.csv", "data/orders.xlsx")
CASES: dict[str, tuple[str, Setup]] = {
    "orders without a header row": (PLAN, _write("orders.csv", ORDER * 3)),
    "customers without a header row": (PLAN, _write("customers.csv", CUSTOMER * 2)),
    "no header row, an empty cell": (PLAN, _write("customers.csv", f"{ID},{EMAIL},,yes\n")),
    "no header row, a value twice": (PLAN, _write("customers.csv", f"{ID},{NAME},{NAME},y\n")),
    "no header row, whitespace": (
        PLAN.replace("    file: data/orders.csv\n",
                     "    file: data/orders.csv\n    delimiter: whitespace\n"),
        _write("orders.csv", f"O-7731 {ID} 2024-03-01 77.31 {EMAIL}\n" * 2)),
    "a workbook without a header row": (
        XLSX, _workbook([["O-7731", ID, "2024-03-01", 77.31, NAME]] * 2)),
    "a workbook cell openpyxl cannot read": (
        XLSX, _workbook([["No", "Customer", "Date", "Total", "State"],
                         ["O-7731", ID, "2024-03-01", 77.31, NAME]], broken_cell=True)),
    "a workbook without the sheet named": (
        XLSX.replace("    file: data/orders.xlsx\n",
                     "    file: data/orders.xlsx\n    sheet: Orders\n"),
        _workbook([["O-7731", ID, "2024-03-01", 77.31, NAME]])),
    "a title row above the header": (PLAN, _write("orders.csv", f"{TITLE},,,,\n"
                                                  + ORDERS_HEADER + ORDER * 2)),
    "a title row of one cell": (PLAN, _write("orders.csv", f'"{TITLE}"\n' + ORDERS_HEADER
                                             + ORDER * 2)),
    "no header row, a mapped column name first": (
        PLAN, _write("orders.csv", f"No,{EMAIL},{PHONE},{RRN},{NAME}\n" + ORDER * 2)),
    "a workbook with a title row": (
        XLSX, _workbook([[TITLE], ["No", "Customer", "Date", "Total", "State"],
                         ["O-7731", ID, "2024-03-01", 77.31, NAME]])),
    "a workbook without a header row, a mapped column name first": (
        XLSX, _workbook([["No", EMAIL, PHONE, RRN, NAME], ["O-7731", ID, "2024-03-01", 77.31,
                                                            NAME]])),
    "a parquet file whose column names are a customer's row": (
        PLAN.replace("data/orders.csv", "data/orders.parquet"), _parquet_named_by_a_row()),
    "unreadable dates, amounts, statuses": (PLAN, _write("orders.csv", ORDERS_HEADER + (
        f"O-1,{ID},{EMAIL},5,{NAME}\nO-2,{ID},2024-01-01,{PHONE},\n"
        f"O-3,{ID},2024-01-02,{NAME},\nO-4,{NAME},2024-01-03,7,{PHONE}\n"))),
    "a ragged row": (PLAN, _write("orders.csv", ORDERS_HEADER + f"O-1,{ID},x,5,,{EMAIL}\n")),
    "an unclosed quote": (PLAN, _write("orders.csv", ORDERS_HEADER + f'O-1,{ID},x,5,"{NAME}\n')),
    "a quote inside a header cell": (PLAN, _write("orders.csv", f'No,"Customer"{NAME},Date\n')),
    "bytes that are not UTF-8": (PLAN, _write("orders.csv", ORDERS_HEADER.encode()
                                              + f"O-1,{ID},".encode() + b"\xff\xfe,5,\n")),
    "bytes that are not cp949": (
        PLAN.replace("    file: data/orders.csv\n",
                     "    file: data/orders.csv\n    encoding: cp949\n"),
        _write("orders.csv", ORDERS_HEADER.encode() + f"O-1,{ID},".encode() + b"\xff\xff\n")),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_no_cell_of_an_export_reaches_any_output(tmp_path: Path, case: str) -> None:
    plan, setup = CASES[case]
    root = write_client(tmp_path, plan)
    setup(root / "data")
    runner = CliRunner()
    for command in ("baseline", "segment"):
        for fmt in ("text", "json"):
            result = runner.invoke(app, [command, "compute", str(root), "--format", fmt])
            assert result.exit_code in (0, 1), result.output
            shown = result.stdout + result.stderr
            assert [s for s in SECRETS if s in shown] == [], shown


def test_a_file_without_a_header_row_is_told_by_the_shapes_of_its_first_row(
        tmp_path: Path) -> None:
    root = write_client(tmp_path)
    (root / "data" / "customers.csv").write_text(CUSTOMER, encoding="utf-8")
    result = CliRunner().invoke(app, ["segment", "compute", str(root)])
    assert result.exit_code == 1
    assert ("data/customers.csv:1:1: error: the header row (row 1) does not look like one: it "
            "holds values that look like data (code, e-mail, phone number, text)"
            ) in result.output
    assert "if the file has no header row, add one that names the columns as the plan maps " \
        "them: Id, OptIn, Email, Phone" in result.output


@pytest.mark.parametrize("case", ["a title row above the header", "a workbook with a title row"])
def test_a_title_row_is_told_by_its_kinds_with_the_setting_that_skips_it(
        tmp_path: Path, case: str) -> None:
    plan, setup = CASES[case]
    root = write_client(tmp_path, plan)
    setup(root / "data")
    result = CliRunner().invoke(app, ["baseline", "compute", str(root)])
    assert result.exit_code == 1
    name = "orders.xlsx" if "workbook" in case else "orders.csv"
    assert (f"data/{name}:1:1: error: the header row (row 1) does not look like one: it "
            "holds values that look like data (text with an e-mail") in result.output
    assert "remove them or name the header's row in the source: header_row: 2" in result.output


def test_header_row_reads_an_export_below_its_title_rows(tmp_path: Path) -> None:
    from tests.data_cases import ORDERS, csv_text

    expected = _figures(write_client(tmp_path / "plain"))
    orders = f"{TITLE},,,,\n,,,,\n" + csv_text("No,Customer,Date,Total,State", ORDERS)
    root = write_client(tmp_path / "titled", PLAN.replace(
        "    file: data/orders.csv\n", "    file: data/orders.csv\n    header_row: 3\n"),
        orders=orders)
    assert _figures(root) == expected
    # a row the rules leave out is numbered as the file numbers it
    (root / "data" / "orders.csv").write_text(orders + "Z1,CUST-z,xx,1.00,\n",
                                             encoding="utf-8")
    shown = CliRunner().invoke(app, ["baseline", "compute", str(root)]).output
    assert f"e.g. row {len(ORDERS) + 4}: aa" in shown


def test_header_row_reads_a_workbook_below_its_title_rows(tmp_path: Path) -> None:
    from tests.data_cases import ORDERS

    expected = _figures(write_client(tmp_path / "plain"))
    root = write_client(tmp_path / "titled", XLSX.replace(
        "    file: data/orders.xlsx\n", "    file: data/orders.xlsx\n    header_row: 2\n"))
    _workbook([[TITLE], ["No", "Customer", "Date", "Total", "State"],
               *[list(o) for o in ORDERS]])(root / "data")
    assert _figures(root) == expected


def _figures(root: Path) -> dict[str, object]:
    import json

    result = CliRunner().invoke(app, ["baseline", "compute", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    return {f["kpi"] or f["measure"]: f["value"] for f in json.loads(result.output)["figures"]}


def test_a_header_with_a_typo_in_the_plan_still_lists_the_columns(tmp_path: Path) -> None:
    root = write_client(tmp_path, PLAN.replace("customer_id: Customer", "customer_id: Custmer"))
    result = CliRunner().invoke(app, ["baseline", "compute", str(root)])
    assert result.exit_code == 1
    assert "its columns are: No, Customer, Date, Total, State" in result.output
    assert "did you mean 'Customer'?" in result.output


def test_a_header_with_an_unnamed_column_is_read(tmp_path: Path) -> None:
    from tests.data_cases import ORDERS, csv_text

    orders = csv_text("No,Customer,Date,Total,State,", [(*o, "") for o in ORDERS])
    result = CliRunner().invoke(app, ["baseline", "compute", str(write_client(
        tmp_path, orders=orders))])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("value", "kind"), [
    ("", "empty"), ("a.b@example.com", "e-mail"), ("https://acme.example", "web address"),
    ("2024-03-01", "date"), ("2024-03-01 10:00:00", "date"), ("01.03.2024", "date"),
    ("2024년 3월 1일", "date"), ("2024年3月1日", "date"), ("+82 10 1234 5678", "phone number"),
    ("010-5555-0101", "phone number"), ("(02) 555-0101", "phone number"), ("12.50", "number"),
    ("-1,234.56", "number"), ("₩12,000", "number"), ("(12.50)", "number"), ("7", "number"),
    ("C-0042", "code"), ("Address 2", "code"), ("Kundennummer", "text"), ("E-Mail", "text"),
    ("고객 번호", "text"), ("订单日期", "text"), ("900101-1234567", "code"),
])
def test_the_kind_of_a_value(value: str, kind: str) -> None:
    assert header.kind(value) == kind


@pytest.mark.parametrize(("value", "kind"), [
    ("Orders export for jane.doe@example.org by Kim", "text with an e-mail"),
    ("see https://shop.example/orders", "text with a web address"),
    ("Exported 2024-03-01 10:00", "text with a date"),
    ("Call +82 10 9876 5432", "text with a phone number"),
    ("Orders of C-0042", "text with an id"),
    ("Address 2", "code"), ("Order date", "text"), ("jane.doe@example.org", "e-mail"),
])
def test_the_kind_a_message_names(value: str, kind: str) -> None:
    assert header.shown_kind(value) == kind


@pytest.mark.parametrize(("first", "second", "data"), [
    (["Customer", "Date", "Total"], ["C-0042", "2024-01-01", "5"], False),
    (["Kundennummer", "Bestelldatum", "Address 2"], None, False),
    (["C-0042", "Kim", "yes"], None, True),  # an id
    (["A1", "Kim", "yes"], ["B7", "Lee", "no"], True),  # codes, then the same kinds again
    (["Line1", "Name"], ["12", "Lee"], False),
    (["Kim", "Seoul"], ["Lee", "Busan"], False),  # words only: a header, told apart by none
    (["Orders export for jane.doe@example.org", "", ""], ["No", "Date", "Total"], True),
])
def test_a_first_row_of_data(first: list[str], second: list[str] | None, data: bool) -> None:
    assert header.looks_like_data(first, second) is data


# The e-mail inside a text is looked for only where a word starts (a search from every
# position of a long word was quadratic: 200 s for a column name of 100,000 characters).
# Where any position matches, the start of its word matches too: the answers are the same.
_EVERY_POSITION = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@given(st.text(alphabet="ab@. \t-_1", max_size=40))
def test_an_email_inside_a_text_is_found_as_from_every_position(text: str) -> None:
    inside = {str(name): pattern for name, pattern in header._INSIDE}
    found = inside["text with an e-mail"].search(text)
    assert bool(found) == bool(_EVERY_POSITION.search(text))
