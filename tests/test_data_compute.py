"""baseline compute and segment compute on small data with figures computed by hand."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from tests.data_cases import PLAN, SECRETS, csv_text, write_client
from typer.testing import CliRunner

from crmplan.cli import app
from crmplan.model.kpis import Period

pytest.importorskip("duckdb")


def run(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args))
    return result


def figures(root: Path, *extra: str) -> dict[str, Any]:
    result = run("baseline", "compute", str(root), "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    return {f["kpi"] or f["measure"]: f for f in data["figures"]} | {"_": data}


def test_every_kpi_as_computed_by_hand(tmp_path: Path) -> None:
    found = figures(write_client(tmp_path))
    assert found["_"]["as_of"] == "2024-12-31"  # the latest order date, not today
    assert found["repeat_purchase_rate"]["value"] == 25.0  # a of a, c, d, e
    assert found["retention_rate"]["value"] == 50.0  # a and e of a, b, e, g
    assert found["churn_rate"]["value"] == 50.0
    assert found["avg_order_value"]["value"] == 33.0  # 185 less 20 refunded, over 5 orders
    assert found["new_customers_per_week"]["value"] == round(2 / (366 / 7), 4)  # c and d
    assert found["cltv"]["value"] == round(335 / 6, 4)  # refund and duplicate taken off
    assert found["active_customers"]["value"] == 4.0
    assert found["purchase_frequency"]["value"] == 1.25
    assert found["revenue_per_customer"]["value"] == 41.25  # (185 - 20) / 4
    assert found["_"]["not_computable"] == ["nps"]
    problems = {p["rule"]: p["count"] for p in found["_"]["problems"]}
    assert problems == {"cancelled": 1, "refunds": 1, "duplicate_rows": 1,
                        "customers_without_orders": 1, "unknown_customers": 2}


def test_a_period_from_the_plan_definition(tmp_path: Path) -> None:
    plan = PLAN.replace("  - id: avg_order_value\n",
                        "  - id: avg_order_value\n    definition: {period: quarter}\n")
    found = figures(write_client(tmp_path, plan))
    assert found["avg_order_value"]["start"] == "2024-09-30"
    assert found["avg_order_value"]["value"] == 10.0  # only d's order


def test_data_that_starts_inside_the_period_is_not_computable(tmp_path: Path) -> None:
    found = figures(write_client(tmp_path), "--as-of", "2023-06-30")
    assert found["retention_rate"]["status"] == "not_computable"
    assert found["retention_rate"]["reason"] == "before_data"
    assert found["cltv"]["value"] == round((100 + 40 + 5) / 3, 4)


UNREADABLE = "No,Customer,Date,Total,State\n1,x,someday,5,\n"  # a row, but no readable order


def test_no_readable_order(tmp_path: Path) -> None:
    found = figures(write_client(tmp_path, orders=UNREADABLE))
    assert {f["status"] for k, f in found.items() if k != "_"} == {"not_computable"}


@pytest.mark.parametrize("fmt", ["text", "json", "md"])
def test_an_export_with_a_header_and_no_rows_is_a_data_problem(tmp_path: Path,
                                                                fmt: str) -> None:
    root = write_client(tmp_path, orders="No,Customer,Date,Total,State\n")
    (root / "data" / "customers.csv").write_text("Id,Email,Phone,OptIn\n", encoding="utf-8")
    before = (root / "plan.yaml").read_bytes()
    lines = PLAN.splitlines()
    for command in ("baseline", "segment"):
        result = run(command, "compute", str(root), "--record", "--format", fmt)
        assert result.exit_code == 1, result.output
        problems = [f"plan.yaml:{lines.index(f'  {name}:') + 1}:3: error: data.{name}: "
                    f"data/{name}.csv has no rows below its header  [CRM903]"
                    for name in ("orders", "customers")]
        assert _problem_lines(result.output, fmt) == problems
        assert "no problem found" not in result.output and "recorded" not in result.output
        assert (root / "plan.yaml").read_bytes() == before


def _problem_lines(shown: str, fmt: str) -> list[str]:
    """The problems a command printed, as text lines, from its text or its JSON
    (crmplan.problems/1 under --format json, as every command prints them)."""
    if fmt != "json":
        return [line[line.index("plan.yaml:"):] for line in shown.splitlines()
                if ": error: " in line]
    data = json.loads(shown)
    assert data["schema"] == "crmplan.problems/1" and data["valid"] is False
    return [f"{Path(i['file']).name}:{i['line']}:{i['column']}: {i['severity']}: "
            f"{i['path']}: {i['message']}  [{i['code']}]" for i in data["issues"]]


def test_one_purchase_and_ties_in_rfm(tmp_path: Path) -> None:
    data = segments(write_client(tmp_path))
    by = {s["segment"]: s for s in data["rfm"]}
    assert by["lost"]["customers"] == 2  # b and g: recency 1, frequency 1
    assert by["loyal"]["customers"] == 1 and by["new"]["customers"] == 1
    assert by["promising"]["customers"] == 1 and by["at_risk"]["customers"] == 1
    assert by["lost"]["contactable_pct"] == 50.0  # b has a phone; g is not in the export
    assert by["lost"]["consented_pct"] == 0.0
    # b and c both have 40 net: a tie gets one score (2), never split by id
    assert data["scores"]["m"] == [{"score": 1, "customers": 2, "from": 5.0},
                                   {"score": 2, "customers": 2, "from": 40.0},
                                   {"score": 4, "customers": 1, "from": 60.0},
                                   {"score": 5, "customers": 1, "from": 180.0}]
    plan = {s["segment"]: s for s in data["plan"]}
    assert plan["best"]["customers"] == 1 and plan["best"]["value_per_customer"] == 180.0


def segments(root: Path, *extra: str) -> Any:
    result = run("segment", "compute", str(root), "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_small_segments_are_suppressed(tmp_path: Path) -> None:
    data = segments(write_client(tmp_path, PLAN.replace("min_customers: 1", "min_customers: 2")))
    by = {s["segment"]: s for s in data["rfm"]}
    from crmplan.data.report import SEGMENT_FIGURES

    assert by["loyal"] == {"segment": "loyal", "suppressed": True,
                           "suppression": "fewer_customers", "empty": False,
                           **dict.fromkeys(SEGMENT_FIGURES)}
    assert set(by["lost"]) == {"segment", "suppressed", "suppression", "empty",
                               *SEGMENT_FIGURES}
    assert by["lost"]["customers"] == 2


@pytest.mark.slow
def test_personal_data_never_leaves_the_engine(tmp_path: Path) -> None:
    root = write_client(tmp_path)
    outputs = [run(*cmd, str(root), "--format", fmt).output
               for cmd in (("baseline", "compute"), ("segment", "compute"))
               for fmt in ("text", "json", "md")]
    assert run("baseline", "compute", str(root), "--record").exit_code == 0
    assert run("segment", "compute", str(root), "--record").exit_code == 0
    outputs.append((root / "plan.yaml").read_text(encoding="utf-8"))
    for text in outputs:
        for secret in SECRETS:
            assert secret not in text


@pytest.mark.slow
def test_record_writes_snapshots_and_segment_figures(tmp_path: Path) -> None:
    root = write_client(tmp_path)
    result = run("baseline", "compute", str(root), "--record")
    assert result.exit_code == 0, result.output
    assert "(baselines: 6, snapshots: 0, already there: 0)" in result.output
    from crmplan.plan.load import load_plan

    kpis = {k.id: k for k in load_plan(root / "plan.yaml").plan.kpis}
    assert kpis["repeat_purchase_rate"].baseline is not None
    assert kpis["repeat_purchase_rate"].baseline.as_of.isoformat() == "2024-12-31"
    assert kpis["repeat_purchase_rate"].baseline.value == 25
    assert "data/orders.csv sha256:" in kpis["repeat_purchase_rate"].baseline.source
    assert kpis["nps"].baseline is None and kpis["cltv"].snapshots == []
    again = run("baseline", "compute", str(root), "--record")
    assert again.exit_code == 0
    assert "(baselines: 0, snapshots: 0, already there: 6)" in again.output
    later = run("baseline", "compute", str(root), "--record", "--as-of", "2025-01-31")
    assert later.exit_code == 0 and "(baselines: 0, snapshots: " in later.output
    assert load_plan(root / "plan.yaml").plan.kpis[0].snapshots[0].date.isoformat() == \
        "2025-01-31"
    assert run("validate", str(root)).exit_code == 0
    result = run("segment", "compute", str(root), "--record")
    assert result.exit_code == 0, result.output
    assert "size: 1" in (root / "plan.yaml").read_text(encoding="utf-8")


def test_a_misnamed_column_is_named_with_what_the_file_has(tmp_path: Path) -> None:
    root = write_client(tmp_path, PLAN.replace("order_date: Date", "order_date: Dates"))
    result = run("baseline", "compute", str(root))
    assert result.exit_code == 1
    assert "plan.yaml:" in result.output
    assert "no column 'Dates' for order_date" in result.output
    assert "No, Customer, Date, Total, State" in result.output
    assert "did you mean 'Date'?" in result.output


def test_unreadable_values_are_counted_with_rows(tmp_path: Path) -> None:
    orders = csv_text("No,Customer,Date,Total,State", [
        ("1", "x", "31.07.2024", "10", ""), ("2", "x", "2024-07-31", "\"1,234\"", ""),
        ("3", "x", "2024-07-31", "5", "")])
    root = write_client(tmp_path, orders=orders)
    result = run("baseline", "compute", str(root))
    assert result.exit_code == 0, result.output
    assert "row 2: 99.99.9999" in result.output
    assert "row 3: 9,999" in result.output


def test_nothing_is_written_when_the_data_is_broken(tmp_path: Path) -> None:
    root = write_client(tmp_path, orders="No,Customer,Date,Total,State\n1,x,2024-01-01,5,,9\n")
    before = (root / "plan.yaml").read_bytes()
    result = run("baseline", "compute", str(root), "--record")
    assert result.exit_code == 1
    assert "data/orders.csv:2:1:" in result.output
    assert (root / "plan.yaml").read_bytes() == before


def test_same_data_same_bytes(tmp_path: Path) -> None:
    root = write_client(tmp_path)
    one = run("segment", "compute", str(root), "--format", "md").output
    assert one == run("segment", "compute", str(root), "--format", "md").output


def test_chinese_report_names_segments_and_punctuates_in_chinese() -> None:
    result = run("segment", "compute", "examples/b2b-manufacturer-zh")
    assert result.exit_code == 0, result.output
    assert "核心价值客户" in result.output and "重要挽留客户" in result.output
    assert "champions" not in result.output and "cant_lose" not in result.output
    assert "data/orders.csv：已取消的订单（已排除）：52" in result.output
    assert "R 1：≤" in result.output and "、2：≤" in result.output
    baseline = run("baseline", "compute", "examples/b2b-manufacturer-zh").output
    assert "无法从这些数据计算：conversion_rate、avg_response_time" in baseline


def test_an_unknown_kpi_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    result = run("baseline", "compute", str(write_client(tmp_path)), "--kpi",
                 "repeat_purchse_rate")
    assert result.exit_code == 2
    assert "unknown KPI 'repeat_purchse_rate'" in result.output
    assert "did you mean 'repeat_purchase_rate'?" in result.output


def test_a_line_dated_after_the_as_of_date_never_joins_an_earlier_order(
        tmp_path: Path) -> None:
    from tests.data_cases import ORDERS

    later_line = ("C1", "CUST-SECRET-c", "2025-02-01", "1000.00", "")  # C1 is dated 2024-06-01
    root = write_client(tmp_path, orders=csv_text("No,Customer,Date,Total,State",
                                                  [*ORDERS, later_line]))
    found = figures(root, "--as-of", "2024-12-31")
    assert found["avg_order_value"]["value"] == round((50 + 30 + 60 - 20 + 10 + 35) / 5, 4)
    assert found["_"]["last_date"] == "2024-12-31"
    assert {"source": "orders", "code": "CRM928", "rule": "after_as_of", "count": 1,
            "amount": None, "examples": []} in found["_"]["problems"]


def test_refunds_of_customers_without_an_order_are_left_out_everywhere(
        tmp_path: Path) -> None:
    from tests.data_cases import ORDERS

    refund = ("R1", "CUST-SECRET-r", "2024-06-01", "-500.00", "")
    root = write_client(tmp_path, orders=csv_text("No,Customer,Date,Total,State",
                                                  [*ORDERS, refund]))
    plain = figures(write_client(tmp_path / "plain"))
    found = figures(root)
    assert found["revenue_per_customer"]["value"] == plain["revenue_per_customer"]["value"]
    assert found["cltv"]["value"] == plain["cltv"]["value"]
    assert {"source": "orders", "code": "CRM929", "rule": "refunds_without_orders",
            "count": 1, "amount": -500.0, "examples": []} in found["_"]["problems"]
    text = run("baseline", "compute", str(root)).output
    assert "customers with refunds but no order in the data, their refunds left out: 1" in text
    assert segments(root)["annual_revenue"] == segments(tmp_path / "plain")["annual_revenue"]


def test_the_summaries_show_the_sum_of_the_refunds(tmp_path: Path) -> None:
    root = write_client(tmp_path)
    line = ("data/orders.csv: refunds (negative amounts), taken off revenue: 1, totalling "
            "-$20.00  [CRM924]")
    for command in ("baseline", "segment"):
        assert f"\n  {line}\n" in run(command, "compute", str(root)).output
        markdown = line.replace("  [CRM924]", " \\[CRM924\\]")  # escaped as Markdown
        assert f"\n- {markdown}\n" in run(command, "compute", str(root), "--format", "md").output
    refunds = [p for p in figures(root)["_"]["problems"] if p["rule"] == "refunds"]
    assert refunds[0]["amount"] == -20.0


def test_a_refund_sum_of_fewer_customers_than_the_threshold_is_not_shown(
        tmp_path: Path) -> None:
    root = write_client(tmp_path, PLAN.replace("min_customers: 1", "min_customers: 2"))
    text = run("baseline", "compute", str(root)).output
    assert "taken off revenue: 1 (their sum is not shown: fewer than 2 customers)" in text
    assert "20.00" not in text
    refunds = [p for p in figures(root)["_"]["problems"] if p["rule"] == "refunds"]
    assert refunds[0]["count"] == 1 and refunds[0]["amount"] is None


def test_no_readable_order_shows_no_invented_period(tmp_path: Path) -> None:
    root = write_client(tmp_path, orders=UNREADABLE)
    text = run("baseline", "compute", str(root)).output
    assert "2000" not in text and "no readable order" in text
    found = figures(root)
    assert {(f["start"], f["end"]) for k, f in found.items() if k != "_"} == {(None, None)}


def test_kpis_are_named_and_the_standard_definitions_said(tmp_path: Path) -> None:
    root = write_client(tmp_path, PLAN.replace("  - id: retention_rate\n",
                                               "  - id: retention_rate\n    name: VIP retention\n"))
    text = run("baseline", "compute", str(root)).output
    assert "retention_rate (VIP retention)" in text
    assert "the plan's own definition texts are not read" in text


def test_a_korean_excel_csv_is_read_with_its_encoding(tmp_path: Path) -> None:
    from tests.data_cases import ORDERS

    header = "번호,고객,날짜,금액,상태"
    plan = PLAN.replace("columns: {customer_id: Customer, order_date: Date, amount: Total, "
                        "order_id: No, status: State}",
                        "columns: {customer_id: 고객, order_date: 날짜, amount: 금액, "
                        "order_id: 번호, status: 상태}")
    root = write_client(tmp_path, plan)
    (root / "data" / "orders.csv").write_bytes(csv_text(header, ORDERS).encode("cp949"))
    refused = run("baseline", "compute", str(root))
    assert refused.exit_code == 1
    assert "data/orders.csv:1:1: error: cannot read this file as UTF-8" in refused.output
    assert "encoding: cp949" in refused.output
    (root / "plan.yaml").write_text(plan.replace("    file: data/orders.csv\n",
                                                 "    file: data/orders.csv\n"
                                                 "    encoding: cp949\n"), encoding="utf-8")
    expected = figures(write_client(tmp_path / "utf-8"))
    found = figures(root)
    assert {k: f["value"] for k, f in found.items() if k != "_"} == \
        {k: f["value"] for k, f in expected.items() if k != "_"}


def test_an_unknown_encoding_is_a_plan_error(tmp_path: Path) -> None:
    root = write_client(tmp_path, PLAN.replace("    file: data/orders.csv\n",
                                               "    file: data/orders.csv\n"
                                               "    encoding: klingon\n"))
    result = run("baseline", "compute", str(root))
    assert result.exit_code == 1 and "unknown encoding 'klingon'" in result.output


def test_a_semicolon_file_gets_the_delimiter_hint(tmp_path: Path) -> None:
    root = write_client(tmp_path, orders="No;Customer;Date;Total;State\nA1;c;2024-01-01;1,5;\n")
    result = run("baseline", "compute", str(root))
    assert result.exit_code == 1
    assert "data/orders.csv:1:1: error: the header row has a single column" in result.output
    assert "add delimiter: ';' to the source" in result.output


def test_the_columns_named_are_the_clients_own(tmp_path: Path) -> None:
    root = write_client(tmp_path, PLAN.replace("amount: Total", "amount: Totl"))
    result = run("baseline", "compute", str(root))
    assert result.exit_code == 1
    assert "its columns are: No, Customer, Date, Total, State" in result.output


def test_a_customer_listed_twice_consents_only_if_every_row_does(tmp_path: Path) -> None:
    from tests.data_cases import CUSTOMERS

    root = write_client(tmp_path)
    rows = [*CUSTOMERS, ("CUST-SECRET-a", "", "", "no")]  # a consented in the first row
    (root / "data" / "customers.csv").write_text(csv_text("Id,Email,Phone,OptIn", rows),
                                                 encoding="utf-8")
    by = {s["segment"]: s for s in segments(root)["rfm"]}
    assert by["loyal"]["customers"] == 1  # a
    assert by["loyal"]["contactable_pct"] == 100.0 and by["loyal"]["consented_pct"] == 0.0


def test_a_plan_without_data_is_a_plan_problem(tmp_path: Path) -> None:
    root = write_client(tmp_path, PLAN[:PLAN.index("data:")])
    result = run("segment", "compute", str(root))
    assert result.exit_code == 1
    assert "plan.yaml:1:1: error: the plan has no data section" in result.output


def test_every_period_has_its_phrase() -> None:
    from crmplan.data.report import WINDOW_NAMES

    assert set(WINDOW_NAMES) == set(Period)


def test_the_markdown_report_has_the_score_edges(tmp_path: Path) -> None:
    text = run("segment", "compute", str(write_client(tmp_path)), "--format", "md").output
    assert "\n- R 1: ≤" in text and "\n- F 1: ≥" in text and "\n- M 1: ≥$" in text


def test_an_as_of_date_before_the_data_names_the_first_order_date(tmp_path: Path) -> None:
    text = run("baseline", "compute", str(write_client(tmp_path)), "--as-of", "2023-06-30").output
    assert "not computable: the data starts on 2023-01-01, after the period's start" in text


def test_recording_again_from_a_changed_file_refuses_only_changed_figures(
        tmp_path: Path) -> None:
    from tests.data_cases import ORDERS

    root = write_client(tmp_path)
    assert run("baseline", "compute", str(root), "--record").exit_code == 0
    changed = [o if o[0] != "D1" else ("D1", o[1], o[2], "12.00", "") for o in ORDERS]
    (root / "data" / "orders.csv").write_text(csv_text("No,Customer,Date,Total,State", changed),
                                              encoding="utf-8")
    result = run("baseline", "compute", str(root), "--record")
    assert result.exit_code == 2
    assert "KPI 'avg_order_value' already has a baseline for 2024-12-31" in result.output
    assert "repeat_purchase_rate" not in result.output.split("nothing was written")[1]
    assert "33, not 33.4" in result.output  # the new value is said


def test_the_recorded_figure_keeps_its_unit_when_none_is_computed(tmp_path: Path) -> None:
    root = write_client(tmp_path)
    assert run("baseline", "compute", str(root), "--record").exit_code == 0
    text = run("baseline", "compute", str(root), "--as-of", "2023-06-30").output
    assert "25% on 2024-12-31" in text and "$" in text.split("avg_order_value")[1].split("\n")[0]


def test_only_a_kpi_that_cannot_be_computed(tmp_path: Path) -> None:
    text = run("baseline", "compute", str(write_client(tmp_path)), "--kpi", "nps").output
    assert "Not computable from these sources: nps" in text
    assert "computed" not in text.split("Not computable")[0]  # no empty table


def test_a_missing_export_is_named_where_the_plan_names_it(tmp_path: Path) -> None:
    root = write_client(tmp_path)
    (root / "data" / "orders.csv").unlink()
    result = run("baseline", "compute", str(root))
    assert result.exit_code == 2
    line = PLAN.splitlines().index("    file: data/orders.csv") + 1
    assert f"plan.yaml:{line}:5: data/orders.csv: no such file" in result.output
    assert "a relative file: is read from the plan's folder" in result.output


def test_a_workbook_that_opens_on_a_cover_sheet_names_the_data_sheet(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from tests.data_cases import ORDERS

    root = write_client(tmp_path, PLAN.replace("file: data/orders.csv", "file: data/orders.xlsx"))
    book = openpyxl.Workbook()
    book.active.title = "Info"
    book.active.append(["exported by ERP"])
    sheet = book.create_sheet("Orders")
    sheet.append(["No", "Customer", "Date", "Total", "State"])
    for row in ORDERS:
        sheet.append(list(row))
    book.save(root / "data" / "orders.xlsx")
    result = run("baseline", "compute", str(root))
    assert result.exit_code == 1
    assert "the first sheet 'Info' has no column 'Customer'; sheet 'Orders' has it" in \
        result.output
    assert "sheet: Orders" in result.output


def test_data_problems_carry_codes_and_the_plan_can_silence_them(tmp_path: Path) -> None:
    root = write_client(tmp_path)
    codes = {p["rule"]: p["code"] for p in figures(root)["_"]["problems"]}
    assert codes == {"cancelled": "CRM923", "refunds": "CRM924", "duplicate_rows": "CRM925",
                     "customers_without_orders": "CRM932", "unknown_customers": "CRM933"}
    assert "data/orders.csv: cancelled orders, left out: 1  [CRM923]\n" in run(
        "baseline", "compute", str(root)).output
    plan = root / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "checks:\n  ignore: [CRM923, CRM933]\n",
                    encoding="utf-8")
    found = figures(root)
    assert [p["code"] for p in found["_"]["problems"]] == ["CRM924", "CRM925", "CRM932"]
    assert found["cltv"]["value"] == round(335 / 6, 4)  # what is computed stays the same
    assert "cancelled orders" not in run("segment", "compute", str(root)).output


def _with_encoding(root: Path, encoding: str) -> None:
    plan = root / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "    file: data/orders.csv\n", f"    file: data/orders.csv\n    encoding: {encoding}\n"),
        encoding="utf-8")


def issues(*args: str) -> list[dict[str, Any]]:
    """The problems a data command reports under --format json (it must exit 1)."""
    result = run(*args, "--format", "json")
    assert result.exit_code == 1, result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)["issues"]
    return found


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp037"])
def test_a_utf8_file_named_in_another_encoding_is_told_so_at_the_encoding(
        tmp_path: Path, encoding: str) -> None:
    root = write_client(tmp_path)
    _with_encoding(root, encoding)
    for command in ("baseline", "segment"):
        [issue] = issues(command, "compute", str(root))
        assert (issue["line"], issue["column"], issue["path"], issue["code"]) == (
            26, 5, "data.orders.encoding", "CRM901")
        assert issue["message"] == (f"data/orders.csv is UTF-8, not {encoding}: its first row "
                                    "names the mapped columns only when read as UTF-8")
        assert issue["hint"] == f"remove encoding: {encoding} from the source"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "punycode"])
def test_a_file_the_encoding_cannot_read_is_an_error_naming_it(tmp_path: Path,
                                                                encoding: str) -> None:
    from tests.data_cases import ORDERS

    rows = [*ORDERS[:2], ("X1", "CUST-x", "2024-01-01", "1.00", "Café"), *ORDERS[2:]]
    root = write_client(tmp_path, orders=csv_text("No,Customer,Date,Total,State", rows))
    (root / "data" / "orders.csv").write_bytes(
        (root / "data" / "orders.csv").read_text(encoding="utf-8").encode("latin-1"))
    _with_encoding(root, encoding)
    result = run("baseline", "compute", str(root))
    assert result.exit_code == 1, result.output
    assert re.search(rf"^data/orders.csv:\d+:1: error: cannot read this file as {encoding} ",
                     result.output, re.MULTILINE), result.output


@pytest.mark.parametrize("day", ["0001-01-01", "0001-12-31", "0002-01-01", "1899-12-31"])
@pytest.mark.parametrize("command", ["baseline", "segment"])
def test_an_as_of_date_before_1900_is_refused(tmp_path: Path, command: str, day: str) -> None:
    result = run(command, "compute", str(write_client(tmp_path)), "--as-of", day)
    assert result.exit_code == 2, result.output
    assert f"'{day}' is before 1900-01-01, the earliest as-of date" in result.output


def test_the_earliest_as_of_date_is_computed(tmp_path: Path) -> None:
    found = figures(write_client(tmp_path), "--as-of", "1900-01-01")
    assert {p["rule"] for p in found["_"]["problems"]} >= {"after_as_of"}


@pytest.mark.parametrize("command", ["baseline", "segment"])
def test_orders_dated_before_1900_are_a_problem_at_the_date_column(
        tmp_path: Path, command: str) -> None:
    from tests.data_cases import ORDERS

    orders = [(o, c, "0001" + d[4:], a, s) for o, c, d, a, s in ORDERS]
    root = write_client(tmp_path, orders=csv_text("No,Customer,Date,Total,State", orders))
    [issue] = issues(command, "compute", str(root))
    assert (issue["line"], issue["path"], issue["code"]) == (
        26, "data.orders.columns.order_date", "CRM916")
    assert issue["message"] == ("the latest order of data/orders.csv is dated 0001-12-31, "
                                "before 1900-01-01")
    assert run(command, "compute", str(root), "--as-of", "2024-12-31").exit_code == 0


def test_the_date_codes_crmplan_allows_are_those_duckdb_reads() -> None:
    import string

    import duckdb

    from crmplan.model.data import DATE_CODES

    def reads(code: str) -> bool:
        try:
            duckdb.sql(f"SELECT TRY_STRPTIME('2024-01-02', '%{code}')").fetchall()
        except duckdb.Error:
            return False
        return True

    letters = string.ascii_letters + string.digits + string.punctuation.replace("'", "")
    tried = set(letters) | {"-" + c for c in letters}
    assert {c for c in tried if reads(c)} == DATE_CODES


def test_a_hidden_refund_sum_is_not_the_difference_of_two_numerators(tmp_path: Path) -> None:
    # the refunds are one customer's (c's -20), fewer than min_customers: their sum is hidden;
    # average order value and revenue per customer, both over the year, must not differ by it
    found = figures(write_client(tmp_path, PLAN.replace("min_customers: 1", "min_customers: 2")))
    refunds = next(p for p in found["_"]["problems"] if p["rule"] == "refunds")
    assert refunds["count"] == 1 and refunds["amount"] is None
    aov, per_customer = found["avg_order_value"], found["revenue_per_customer"]
    assert aov["period"] == per_customer["period"] == "year"
    assert aov["numerator"] == per_customer["numerator"] == 165.0  # 185 of orders, 20 refunded
    assert aov["value"] == 33.0  # over 5 orders


def test_the_default_as_of_date_is_the_latest_order_and_later_refunds_are_refunds(
        tmp_path: Path) -> None:
    """A refund dated after the last order is never the as-of date: it is reported as a
    refund after it (CRM934), and no order is said to come after the as-of date."""
    from tests.data_cases import ORDERS

    refund = ("C3", "CUST-SECRET-c", "2025-01-15", "-30.00", "")
    root = write_client(tmp_path, orders=csv_text("No,Customer,Date,Total,State",
                                                  [*ORDERS, refund]))
    found = figures(root)
    assert found["_"]["as_of"] == "2024-12-31"
    problems = {p["rule"]: p["count"] for p in found["_"]["problems"]}
    assert problems.get("refunds_after_as_of") == 1
    assert "after_as_of" not in problems
    assert found["avg_order_value"]["value"] == figures(write_client(
        tmp_path / "without"))["avg_order_value"]["value"]
