"""``crmplan baseline``: the report, and figures recorded, imported and exported."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from crmplan.baseline.csvfile import escape, export_figures, parse_figures
from crmplan.cli import app
from crmplan.plan.load import load_bytes, load_plan

EXAMPLES = Path(__file__).parents[1] / "examples"

PLAN = """\
schema_version: 1
client:
  name: Acme
  currency: EUR
# The KPIs of the 2026 plan
kpis:
  - id: retention_rate   # the board's favourite
    definition: {counts: Customers kept over twelve months, source_system: CRM}
    baseline: {value: 50, as_of: 2025-01-01, source: "CRM export"}
    target: {value: 60, by: 2026-01-01}
    snapshots:
      - {date: 2025-07-02, value: 53, source: CRM}   # mid-year
  - id: churn_rate
    baseline:
      value: 20
      as_of: 2025-01-01
      source: 'Finance, monthly close'
    target: {value: 10, by: 2026-01-01}
goals:
  smart:
    - {id: g_keep, statement: Keep more customers, kpi: retention_rate, scope: All,
       business_goal: Grow}
    - {id: g_churn, statement: Lose fewer customers, kpi: churn_rate}
journeys:
  - id: main
    name: Main journey
    touchpoints:
      - {id: tp_renewal, name: Renewal letter, stage: retention, channel: post,
         kpis: [retention_rate]}
    pain_points:
      - {id: pp_late, touchpoint: tp_renewal, description: "The letter | arrives late",
         severity: 3}
"""


def invoke(runner: CliRunner, *args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


# -- the report ----------------------------------------------------------------------------


def test_text_shows_each_kpi_its_figures_and_where_they_stand(
        runner: CliRunner, plan_file: Path) -> None:
    code, out = invoke(runner, "baseline", plan_file)
    assert code == 0
    assert "2 KPIs (on track: 0, at risk: 0, off track: 1, baseline only: 1)" in out
    assert "retention_rate (Retention rate): off track" in out
    assert f"53% on 2025-07-02 (CRM)  {plan_file}:12:9" in out
    assert "+7 pts (+13.2%); 30% of the planned move done" in out
    assert "needed +1.16 pts/month, so far +0.5 pts/month; projected 56.02% at the deadline" in out
    assert "churn_rate (Churn rate): baseline only" in out
    assert "-10 pts (-50%); 0% of the planned move done" in out
    assert out.count("(Finance, monthly close)") == 1  # the baseline is also the latest figure


def test_text_lists_smart_findings_with_their_lines_and_the_problems(
        runner: CliRunner, plan_file: Path) -> None:
    code, out = invoke(runner, "baseline", plan_file)
    assert code == 0
    assert "S M A R T  g_keep: Keep more customers" in out
    assert "· · A · T  g_churn: Lose fewer customers" in out
    assert f"{plan_file}:23:7: warning: goals.smart[g_churn]: not specific: it does not say" in out
    lines = out.splitlines()
    first = lines.index("Problems to solve, most urgent first:")
    assert lines[first + 1].strip().startswith("1. [high] KPI retention_rate")
    assert any("touchpoint tp_renewal: The letter | arrives late" in line for line in lines)


def test_strict_exits_1_when_a_goal_fails_the_smart_check(
        runner: CliRunner, plan_file: Path) -> None:
    assert invoke(runner, "baseline", plan_file, "--strict")[0] == 1
    smart = plan_file.read_text().replace(
        "- {id: g_churn, statement: Lose fewer customers, kpi: churn_rate}", "")
    plan_file.write_text(smart)
    assert invoke(runner, "baseline", plan_file, "--strict")[0] == 0


def test_json_has_stable_fields_and_raw_numbers(runner: CliRunner, plan_file: Path) -> None:
    code, out = invoke(runner, "baseline", plan_file, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert (data["schema"], data["currency"]) == ("crmplan.baseline/1", "EUR")
    assert data["summary"] == {"on_track": 0, "at_risk": 0, "off_track": 1, "no_data": 0,
                               "too_early": 0, "baseline_only": 1, "no_baseline": 0,
                               "no_target": 0, "target_not_an_improvement": 0}
    kpi = data["kpis"][0]
    assert sorted(kpi) == sorted([
        "id", "name", "catalogue", "unit", "direction", "definition", "baseline", "current",
        "target", "snapshots", "gap", "relative_gap_pct", "progress_pct",
        "needed_pace_per_month", "pace_per_month", "projected", "reached", "status", "period",
        "next_figure_due"])
    assert kpi["current"] == {"value": 53, "date": "2025-07-02", "source": "CRM",
                              "location": f"{plan_file}:12:9"}
    assert kpi["gap"] == 7 and kpi["status"] == "off_track"
    assert data["goals"][1]["smart"] == {"S": False, "M": False, "A": True, "R": False,
                                         "T": True}
    assert data["problems"][0]["kind"] == "kpi"


def test_the_same_plan_gives_the_same_bytes(runner: CliRunner, plan_file: Path) -> None:
    for output in ("json", "md", "text"):
        assert invoke(runner, "baseline", plan_file, "-f", output) == invoke(
            runner, "baseline", plan_file, "-f", output)


def test_markdown_tables_escape_plan_text(runner: CliRunner, plan_file: Path) -> None:
    code, out = invoke(runner, "baseline", plan_file, "--format", "md")
    assert code == 0
    assert out.startswith(f"# Baseline and gaps: {plan_file}\n")
    assert "| retention_rate (Retention rate) | 50% on 2025-01-01 | 53% on 2025-07-02 |" in out
    assert "The letter \\| arrives late" in out
    assert "| g_churn | ✗ | ✗ | ✓ | ✗ | ✓ |" in out


def test_money_and_hours_are_formatted_for_the_locale(runner: CliRunner, tmp_path: Path
                                                      ) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("schema_version: 1\nclient: {name: Acme, language: ko, currency: KRW}\n"
                    "kpis:\n  - id: avg_order_value\n"
                    "    baseline: {value: 1500000, as_of: 2025-01-01, source: POS}\n"
                    "  - id: avg_response_time\n"
                    "    baseline: {value: 5.5, as_of: 2025-01-01, source: Kakao}\n",
                    encoding="utf-8")
    code, out = invoke(runner, "baseline", plan, "-f", "md")
    assert code == 0
    assert "150만 원" in out and "5.5시간" in out


def test_a_plan_with_errors_exits_1(runner: CliRunner, plan_file: Path) -> None:
    plan_file.write_text(PLAN.replace("value: 53", "value: 153"))
    code, out = invoke(runner, "baseline", plan_file)
    assert code == 1
    assert "153 is not a possible value of KPI 'retention_rate' (0 to 100)" in out


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()))
def test_every_example_reports_every_kpi(runner: CliRunner, example: str) -> None:
    code, out = invoke(runner, "baseline", EXAMPLES / example, "-f", "json")
    data = json.loads(out)
    assert code == 0
    assert len(data["kpis"]) == len(load_plan(EXAMPLES / example).plan.kpis)
    assert data["problems"], "every example has problems to solve"


# -- record --------------------------------------------------------------------------------


def test_record_appends_one_line_and_leaves_every_other_byte(
        runner: CliRunner, plan_file: Path) -> None:
    code, out = invoke(runner, "baseline", "record", "retention_rate", "55.5", "--date",
                       "2025-10-01", "--source", "CRM", "--plan", plan_file)
    assert code == 0, out
    before, after = PLAN.splitlines(keepends=True), plan_file.read_text().splitlines(True)
    assert after == [*before[:12],
                     "      - {date: 2025-10-01, value: 55.5, source: CRM}\n", *before[12:]]


def test_record_creates_the_snapshots_list_and_keeps_crlf(
        runner: CliRunner, plan_file: Path) -> None:
    plan_file.write_bytes(PLAN.replace("\n", "\r\n").encode())
    code, _out = invoke(runner, "baseline", "record", "churn_rate", "18", "--date",
                        "2025-06-30", "--plan", plan_file)
    assert code == 0
    text = plan_file.read_bytes().decode()
    assert "    target: {value: 10, by: 2026-01-01}\r\n    snapshots:\r\n" in text
    assert "      - date: 2025-06-30\r\n        value: 18\r\n" in text
    assert text.count("\r\n") == text.count("\n")
    assert load_plan(plan_file).plan.kpis[1].snapshots[0].value == 18


def test_record_refuses_a_second_figure_for_a_date_unless_replace(
        runner: CliRunner, plan_file: Path) -> None:
    args = ["baseline", "record", "retention_rate", "54", "--date", "2025-07-02", "--plan",
            plan_file]
    code, out = invoke(runner, *args)
    assert code == 2
    assert "already has a figure for 2025-07-02: 53" in out and "--replace" in out
    assert plan_file.read_text() == PLAN
    code, _out = invoke(runner, *args, "--replace")
    assert code == 0
    assert plan_file.read_text() == PLAN.replace("value: 53, source", "value: 54, source")


def test_recording_the_same_figure_again_changes_nothing(
        runner: CliRunner, plan_file: Path) -> None:
    code, out = invoke(runner, "baseline", "record", "retention_rate", "53", "--date",
                       "2025-07-02", "--source", "CRM", "--plan", plan_file)
    assert code == 0 and "nothing to do" in out
    assert plan_file.read_text() == PLAN


@pytest.mark.parametrize(("args", "message"), [
    (["retention_rte", "50"], "unknown KPI 'retention_rte'"),
    (["retention_rate", "101"], "101 is not a possible value of KPI 'retention_rate'"),
    (["retention_rate", "nan"], "'nan' is not a finite number"),
    (["retention_rate", "1e400"], "'1e400' is not a finite number"),
    (["retention_rate", "50", "--date", "2999-01-01"], "2999-01-01 is in the future"),
    (["retention_rate", "50", "--source", "a\x07b"], "control character U+0007"),
    (["retention_rate", "fifty"], "'fifty' is not a number; write a number such as 12.5"),
    (["retention_rate", "50", "--date", "01/02/2025"], "is not a date; write YYYY-MM-DD"),
])
def test_record_refuses_bad_figures_with_exit_2(runner: CliRunner, plan_file: Path,
                                                args: list[str], message: str) -> None:
    code, out = invoke(runner, "baseline", "record", *args, "--plan", plan_file)
    assert code == 2
    assert message in out
    assert plan_file.read_text() == PLAN


@pytest.mark.parametrize(("value", "message", "hint"), [
    ("12,5", "'12,5' is not a number: the decimal separator is a point", "write 12.5"),
    ("12.5%", "'12.5%' is not a number: leave out the percent sign", "write 12.5"),
    ("1,234.5", "'1,234.5' is not a number: leave out the thousands separators",
     "write 1234.5"),
    ("fifty", "'fifty' is not a number", "write a number such as 12.5 or -3"),
])
def test_record_says_how_to_write_a_number_in_its_own_words(
        runner: CliRunner, plan_file: Path, value: str, message: str, hint: str) -> None:
    code, out = invoke(runner, "baseline", "record", "retention_rate", value, "--plan",
                       plan_file)
    assert code == 2
    assert message in out and hint in out
    assert "Input should be" not in out and "unable to parse" not in out
    assert plan_file.read_text() == PLAN


def test_a_figure_before_the_baseline_is_refused_unless_asked(
        runner: CliRunner, plan_file: Path, tmp_path: Path) -> None:
    """A year typo against the baseline's year is refused; --before-baseline records it."""
    code, out = invoke(runner, "baseline", "record", "retention_rate", "48", "--date",
                       "2024-12-01", "--plan", plan_file)
    assert code == 2 and plan_file.read_text() == PLAN
    assert "2024-12-01 is before the baseline of KPI 'retention_rate' (2025-01-01)" in out
    assert "--before-baseline" in out
    csv_file = write_csv(tmp_path, "kpi,date,value\nchurn_rate,2024-06-30,21\n")
    code, out = invoke(runner, "baseline", "import", csv_file, "--plan", plan_file)
    assert code == 1 and "[CRM960]" in out and plan_file.read_text() == PLAN
    assert invoke(runner, "baseline", "import", csv_file, "--before-baseline", "--plan",
                  plan_file)[0] == 0
    code, _out = invoke(runner, "baseline", "record", "retention_rate", "48", "--date",
                        "2024-12-01", "--before-baseline", "--plan", plan_file)
    assert code == 0 and "{date: 2024-12-01, value: 48}" in plan_file.read_text()


def test_a_decimal_comma_in_a_csv_says_which_number_to_write(
        runner: CliRunner, plan_file: Path, tmp_path: Path) -> None:
    csv_file = write_csv(tmp_path, "kpi,date,value\nchurn_rate,2025-10-01,\"16,5\"\n")
    code, out = invoke(runner, "baseline", "import", csv_file, "--plan", plan_file)
    assert code == 1
    assert "the decimal separator is a point" in out and "write 16.5" in out


# -- import and export ---------------------------------------------------------------------


def write_csv(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "figures.csv"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_import_writes_every_row_at_once(runner: CliRunner, plan_file: Path,
                                         tmp_path: Path) -> None:
    csv_file = write_csv(tmp_path, "\ufeffKPI,Date,Value,Source\r\n"
                                   "retention_rate,2025-10-01,55,CRM\r\n"
                                   "churn_rate,2025/07/01,16.5,'=Finance\r\n")
    code, out = invoke(runner, "baseline", "import", csv_file, "--plan", plan_file)
    assert code == 0, out
    assert "2 added, 0 replaced, 0 already recorded" in out
    plan = load_plan(plan_file).plan
    assert [(s.value, s.source) for s in plan.kpis[1].snapshots] == [(16.5, "=Finance")]


def test_a_bad_csv_reports_every_bad_row_and_changes_nothing(
        runner: CliRunner, plan_file: Path, tmp_path: Path) -> None:
    csv_file = write_csv(tmp_path, "kpi,date,value,source\n"
                                   "retention_rate,2025-10-01,55,CRM\n"
                                   "retention_rat,2025-10-01,55,CRM\n"
                                   "churn_rate,2025-13-01,16,CRM\n"
                                   "churn_rate,2025-10-01,16\n"
                                   "churn_rate,2025-11-01,\"1,6\",CRM\n"
                                   "retention_rate,2025-10-01,56,CRM\n"
                                   'churn_rate,2025-12-01,15,"never closed\n')
    code, out = invoke(runner, "baseline", "import", csv_file, "--plan", plan_file)
    assert code == 1
    assert [line.split(": error: ")[0].rsplit(":", 2)[-2:] for line in out.splitlines()
            if ": error: " in line] == [["3", "1"], ["4", "2"], ["5", "4"], ["6", "3"],
                                        ["7", "2"], ["8", "1"]]
    assert "did you mean 'retention_rate'?" in out
    assert "a second figure for KPI 'retention_rate' on 2025-10-01 (first in row 2)" in out
    assert plan_file.read_text() == PLAN


@pytest.mark.parametrize(("text", "message"), [
    ("kpi,date,value,value\nnps,2025-01-01,1,2\n", "1:4: error: column 'value' appears twice"),
    ("kpi,date\nnps,2025-01-01\n", "1:1: error: missing columns: value"),
    ("kpi,dat,value\n", "did you mean 'date'?"),
    ("", "the file is empty"),
    ("kpi,date,value\nretention_rate,2025-10-01," + "9" * 200_000 + "\n",
     "2:1: error: cannot read this row: field larger than field limit"),
    (b"kpi,date,value\nretention_rate,2025-10-01,5\xff\n",
     "2:1: error: cannot read this file as UTF-8"),
])
def test_broken_files_are_reported_at_row_and_column(
        runner: CliRunner, plan_file: Path, tmp_path: Path, text: str | bytes,
        message: str) -> None:
    code, out = invoke(runner, "baseline", "import", write_csv(tmp_path, text), "--plan",
                       plan_file)
    assert code == 1
    assert message in out
    assert plan_file.read_text() == PLAN


def test_import_of_a_missing_file_or_a_folder_is_a_usage_error(
        runner: CliRunner, plan_file: Path, tmp_path: Path) -> None:
    assert invoke(runner, "baseline", "import", tmp_path / "none.csv", "-p", plan_file)[0] == 2
    assert invoke(runner, "baseline", "import", tmp_path, "-p", plan_file)[0] == 2


@pytest.mark.slow
def test_an_import_that_would_take_the_plan_over_1_mib_is_refused(
        runner: CliRunner, plan_file: Path, tmp_path: Path) -> None:
    line = "# " + "p" * 97 + "\n"  # a plan of 1,040,000 bytes, most of them comments
    padded = PLAN + line * ((1_040_000 - len(PLAN)) // len(line))
    plan_file.write_text(padded)
    assert invoke(runner, "validate", plan_file)[0] == 0
    csv_file = write_csv(tmp_path, "kpi,date,value,source,note\n"
                                   f"retention_rate,2025-08-02,50,CRM,{'n' * 19_999}\n")
    code, out = invoke(runner, "baseline", "import", csv_file, "-p", plan_file)
    assert code == 2, out[:500]
    assert "the plan would grow to 1,06" in out and "nothing was written" in out
    assert len(out) < 500
    assert plan_file.read_text() == padded


def test_dry_run_checks_and_writes_nothing(runner: CliRunner, plan_file: Path,
                                           tmp_path: Path) -> None:
    csv_file = write_csv(tmp_path, "kpi,date,value\nretention_rate,2025-10-01,55\n")
    code, out = invoke(runner, "baseline", "import", csv_file, "--dry-run", "-p", plan_file)
    assert code == 0 and "Dry run, nothing written: 1 added" in out
    assert plan_file.read_text() == PLAN


def test_export_neutralizes_formulas_and_keeps_numbers(runner: CliRunner, plan_file: Path
                                                       ) -> None:
    plan_file.write_text(PLAN.replace('source: "CRM export"', 'source: "=HYPERLINK(1)"')
                         .replace("value: 20\n", "value: -0\n"))
    result = runner.invoke(app, ["baseline", "export", str(plan_file)])
    data = result.stdout_bytes
    assert result.exit_code == 0
    assert data.startswith(b"\xef\xbb\xbfkpi,date,value,source,note,kind,method\r\n")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[1] == "retention_rate,2025-01-01,50,'=HYPERLINK(1),,baseline,"
    assert lines[2] == "retention_rate,2025-07-02,53,CRM,,snapshot,"


def test_export_to_a_file_refuses_to_overwrite_without_force(
        runner: CliRunner, plan_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    out.write_text("mine")
    code, text = invoke(runner, "baseline", "export", plan_file, "-o", out)
    assert code == 2 and "--force" in text and out.read_text() == "mine"
    assert invoke(runner, "baseline", "export", plan_file, "-o", out, "--force")[0] == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfkpi,")


def test_export_with_force_replaces_a_symlink_and_never_writes_its_target(
        runner: CliRunner, plan_file: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.csv"
    elsewhere.write_text("someone else's file")
    link = tmp_path / "out.csv"
    link.symlink_to(elsewhere)
    assert invoke(runner, "baseline", "export", plan_file, "-o", link, "--force")[0] == 0
    assert elsewhere.read_text() == "someone else's file"
    assert not link.is_symlink() and link.read_bytes().startswith(b"\xef\xbb\xbfkpi,")


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_export_with_force_refuses_a_fifo_or_a_device(
        runner: CliRunner, plan_file: Path, tmp_path: Path, kind: str) -> None:
    out = tmp_path / "out.csv"
    if kind == "fifo":
        os.mkfifo(out)
    elif os.geteuid() == 0:  # the null device's numbers, on a node made here
        os.mknod(out, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    else:
        pytest.skip("only root may make a device node")
    before = stat.S_IFMT(out.lstat().st_mode)
    code, text = invoke(runner, "baseline", "export", plan_file, "-o", out, "--force")
    assert code == 2, text
    assert "out.csv is a" in text and "not a regular file; nothing was written" in text
    assert "Wrote" not in text
    assert stat.S_IFMT(out.lstat().st_mode) == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_an_export_imports_back_into_a_plan_without_snapshots(
        runner: CliRunner, plan_file: Path, tmp_path: Path) -> None:
    exported = write_csv(tmp_path, runner.invoke(app, ["baseline", "export",
                                                       str(plan_file)]).stdout_bytes)
    bare = PLAN.replace("    snapshots:\n      - {date: 2025-07-02, value: 53, source: CRM}"
                        "   # mid-year\n", "")
    plan_file.write_text(bare)
    code, out = invoke(runner, "baseline", "import", exported, "-p", plan_file)
    assert code == 0, out
    assert "1 added, 0 replaced, 0 already recorded, 2 baseline rows matching the plan" in out
    snapshots = load_plan(plan_file).plan.kpis[0].snapshots
    assert [(s.date.isoformat(), s.value, s.source) for s in snapshots] == [
        ("2025-07-02", 53, "CRM")]


def test_the_method_column_is_written_with_the_figure_and_exported_again(
        runner: CliRunner, plan_file: Path, tmp_path: Path) -> None:
    """A figure computed from the exports after months of reported ones says so: the change
    of method is flagged wherever the KPI is judged, so an import must carry it."""
    csv_file = write_csv(tmp_path, "kpi,date,value,method\n"
                                   "retention_rate,2025-10-01,55,Computed_Standard\n")
    code, out = invoke(runner, "baseline", "import", csv_file, "-p", plan_file)
    assert code == 0, out
    snapshot = load_plan(plan_file).plan.kpis[0].snapshots[-1]
    assert snapshot.method is not None and snapshot.method.value == "computed_standard"
    exported = runner.invoke(app, ["baseline", "export", str(plan_file)]).stdout_bytes
    assert "retention_rate,2025-10-01,55,,,snapshot,computed_standard" in exported.decode(
        "utf-8-sig").splitlines()


def test_an_unknown_method_is_located_and_nothing_is_written(
        runner: CliRunner, plan_file: Path, tmp_path: Path) -> None:
    csv_file = write_csv(tmp_path, "kpi,method,date,value\n"
                                   "retention_rate,guessed,2025-10-01,55\n")
    code, out = invoke(runner, "baseline", "import", csv_file, "-p", plan_file)
    assert code == 1 and ":2:2: error: 'guessed' is not a method" in out
    assert "write one of reported, computed_standard, computed_plan, estimated" in out
    assert plan_file.read_text() == PLAN


def test_a_baseline_row_that_differs_from_the_plan_is_refused(
        runner: CliRunner, plan_file: Path, tmp_path: Path) -> None:
    csv_file = write_csv(tmp_path, "kpi,date,value,kind\nretention_rate,2025-01-01,51,"
                                   "baseline\n")
    code, out = invoke(runner, "baseline", "import", csv_file, "-p", plan_file)
    assert code == 1 and "differs from the baseline of KPI 'retention_rate'" in out


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'quoted", "plain"])
def test_escaped_text_reads_back_as_it_was(text: str) -> None:
    assert escape(text) != text or not text.startswith(("=", "+", "-", "@", "\t", "\r", "'"))


_text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp")),
                max_size=30).filter(
    lambda t: t.strip() == t and bool(t))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=_text, value=st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: round(v, 4)))
def test_export_then_parse_gives_back_every_figure(source: str, value: float) -> None:
    quoted = json.dumps(source, ensure_ascii=False)
    plan = (PLAN.replace('source: "CRM export"', f"source: {quoted}")
            .replace("retention_rate", "score_x")
            .replace("    definition:", "    unit: score\n    direction: higher\n"
                     "    definition:", 1)
            .replace("value: 53", f"value: {value!r}"))
    kpis = load_bytes(plan.encode(), "plan.yaml").plan.kpis
    parsed = parse_figures(export_figures(kpis).decode("utf-8-sig"), "x.csv")
    assert parsed.issues == []
    assert [(r.figure.kpi, r.figure.value, r.figure.source, r.baseline) for r in parsed.rows][
        :2] == [("score_x", 50, source, True), ("score_x", value, "CRM", False)]


def test_a_smart_rule_the_plan_silences_fails_no_letter_and_makes_no_problem(
        runner: CliRunner, plan_file: Path) -> None:
    plan_file.write_text(PLAN + "checks:\n  ignore: [CRM702, CRM703, CRM709]\n",
                         encoding="utf-8")
    code, out = invoke(runner, "baseline", plan_file, "--strict")
    assert code == 0, out
    assert "S M A R T  g_churn: Lose fewer customers" in out
    assert "[CRM70" not in out and "goal g_churn" not in out
    data = json.loads(invoke(runner, "baseline", plan_file, "-f", "json")[1])
    assert [g["findings"] for g in data["goals"]] == [[], []]
    assert [p["kind"] for p in data["problems"]] == ["kpi", "pain_point", "kpi"]


def test_smart_findings_carry_their_codes(runner: CliRunner, plan_file: Path) -> None:
    data = json.loads(invoke(runner, "baseline", plan_file, "-f", "json")[1])
    assert [f["code"] for f in data["goals"][1]["findings"]] == ["CRM702", "CRM703", "CRM709"]
    markdown = invoke(runner, "baseline", plan_file, "-f", "md")[1]
    assert "(add 'scope:' with the segment, channel or region) `CRM702`" in markdown


def test_import_reads_a_chinese_excel_csv_named_with_encoding(
        runner: CliRunner, plan_file: Path, tmp_path: Path) -> None:
    """What Chinese Excel saves (GBK) is refused as UTF-8 with the encoding it reads in,
    and read with --encoding."""
    csv_file = tmp_path / "figures.csv"
    csv_file.write_bytes("kpi,date,value,source\nretention_rate,2025-10-01,55,客户系统\n"
                         .encode("gbk"))
    code, out = invoke(runner, "baseline", "import", csv_file, "--plan", plan_file)
    assert code == 1
    assert "figures.csv:2:1: error: cannot read this file as UTF-8" in out
    assert "it reads as cp949 or gb18030: add --encoding with the one" in out
    assert plan_file.read_text() == PLAN
    code, out = invoke(runner, "baseline", "import", csv_file, "--plan", plan_file,
                       "--encoding", "gb18030")
    assert code == 0, out
    assert load_plan(plan_file).plan.kpis[0].snapshots[-1].source == "客户系统"


def test_import_with_an_unknown_encoding_is_a_usage_error(
        runner: CliRunner, plan_file: Path, tmp_path: Path) -> None:
    csv_file = write_csv(tmp_path, "kpi,date,value\nretention_rate,2025-10-01,55\n")
    code, out = invoke(runner, "baseline", "import", csv_file, "--plan", plan_file,
                       "--encoding", "klingon")
    assert code == 2
    assert "unknown encoding 'klingon'" in out
    assert plan_file.read_text() == PLAN


def test_record_says_how_a_figure_was_obtained(runner: CliRunner, plan_file: Path) -> None:
    """--method is written with the figure; a change from the figure before is flagged."""
    code, out = invoke(runner, "baseline", "record", "churn_rate", "18", "--date", "2025-03-01",
                       "--method", "reported", "--plan", plan_file)
    assert code == 0, out
    code, out = invoke(runner, "baseline", "record", "churn_rate", "15", "--date", "2025-04-01",
                       "--method", "computed_standard", "--plan", plan_file)
    assert code == 0, out
    snapshots = load_plan(plan_file).plan.kpis[1].snapshots
    assert [(s.value, s.method and s.method.value) for s in snapshots] == [
        (18, "reported"), (15, "computed_standard")]
    code, out = invoke(runner, "baseline", plan_file, "--as-of", "2025-04-01")
    assert "judged across a change of method on 2025-04-01" in out
    before = plan_file.read_text()
    code, out = invoke(runner, "baseline", "record", "churn_rate", "14", "--date", "2025-05-01",
                       "--method", "guessed", "--plan", plan_file)
    assert code == 2
    assert "'guessed' is not a method" in out
    assert plan_file.read_text() == before
