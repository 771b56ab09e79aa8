"""An export's cells never reach a message: a missing header row, and every other data error.

Each case writes a client folder whose exports hold distinctive personal data in every
column, breaks it one way, and runs both data commands in text and JSON: none of the
values may appear on stdout or stderr.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.data_cases import PLAN, write_client
from typer.testing import CliRunner

from crmplan.cli import app
from crmplan.data import header

pytest.importorskip("duckdb")

ID, EMAIL, PHONE, NAME = "PIIQX7731", "zq.pii7731@example.org", "+82-10-7731-0042", "Kim Zqvirt"
SECRETS = [ID, EMAIL, PHONE, NAME, "7731", "Zqvirt", "zq.pii"]
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
    assert ("data/customers.csv:1:1: error: the first row looks like data, not column names "
            "(its values: code, e-mail, phone number, text); the file seems to have no header "
            "row") in result.output
    assert "add a header row that names the columns, as the plan maps them: Id, OptIn, " \
        "Email, Phone" in result.output


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
    ("고객 번호", "text"), ("订单日期", "text"),
])
def test_the_kind_of_a_value(value: str, kind: str) -> None:
    assert header.kind(value) == kind


@pytest.mark.parametrize(("first", "second", "data"), [
    (["Customer", "Date", "Total"], ["C-0042", "2024-01-01", "5"], False),
    (["Kundennummer", "Bestelldatum", "Address 2"], None, False),
    (["C-0042", "Kim", "yes"], None, True),  # an id
    (["A1", "Kim", "yes"], ["B7", "Lee", "no"], True),  # codes, then the same kinds again
    (["Line1", "Name"], ["12", "Lee"], False),
    (["Kim", "Seoul"], ["Lee", "Busan"], False),  # words only: a header, told apart by none
])
def test_a_first_row_of_data(first: list[str], second: list[str] | None, data: bool) -> None:
    assert header.looks_like_data(first, second) is data
