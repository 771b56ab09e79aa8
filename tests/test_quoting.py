"""crmplan.quoting: a value of any size is quoted in a message of readable size."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from tests.data_cases import PLAN, write_client

from crmplan.cli import app
from crmplan.i18n import language
from crmplan.quoting import SHOWN_LIMIT, closest, shown, shown_within

HUGE = "a" * 900_000
CUT = "… (900,000 characters)"
SHORT = 2_000  # characters: a message, its location and its hint, with room to spare


def test_a_short_value_is_shown_whole() -> None:
    assert shown("vip") == "vip"
    assert shown("x" * SHOWN_LIMIT) == "x" * SHOWN_LIMIT
    assert shown(12.5) == "12.5"


def test_a_long_value_shows_its_start_and_its_length_within_the_limit() -> None:
    text = shown(HUGE)
    assert text.startswith("aaaa") and text.endswith(CUT)
    assert len(text) <= SHOWN_LIMIT
    assert shown(text) == text  # what it returns, it returns unchanged
    assert shown("x" * 50, 40) == "x" * 23 + "… (50 characters)"


@pytest.mark.parametrize(("code", "note"), [("ko", "… (900,000자)"),
                                            ("zh", "…（共900,000个字符）")])
def test_the_length_is_said_in_the_language_of_the_messages(code: str, note: str) -> None:
    with language(code):
        text = shown(HUGE)
    assert text.endswith(note) and len(text) <= SHOWN_LIMIT


def test_did_you_mean_finds_a_close_name_and_never_compares_a_huge_one() -> None:
    assert closest("ecomerce", ["retail", "ecommerce"]) == "ecommerce"
    assert closest("zzz", ["retail", "ecommerce"]) is None
    started = time.perf_counter()
    assert closest(HUGE, ["retail", "ecommerce"]) is None
    assert time.perf_counter() - started < 0.05


def test_a_frameworks_message_has_its_long_values_cut() -> None:
    message = shown_within(f"No such command '{HUGE}'. No such option: --{HUGE}")
    assert message == f"No such command '{shown(HUGE)}'. No such option: {shown('--' + HUGE)}"
    assert shown_within("No such command 'valdate'.") == "No such command 'valdate'."


def _validate(runner: Any, path: Path, output: str) -> str:
    result = runner.invoke(app, ["validate", str(path), "--format", output])
    assert result.exit_code == 1, result.output[:500]
    return str(result.output)


def _assert_short(output: str, messages: int) -> None:
    assert len(output) < SHORT * messages, output[:500]
    assert CUT in output


@pytest.mark.parametrize(("plan", "messages"), [
    # a value in an enum field
    (f"schema_version: 1\nclient:\n  name: Acme\n  industry: {HUGE}\n", 1),
    # an unknown key (an explicit key: a plain one is limited to 1,024 characters by YAML)
    (f"schema_version: 1\nclient:\n  name: Acme\n  ? {HUGE}\n  : 1\n", 1),
    # an id in a reference: not an id, and no segment of that name
    ("schema_version: 1\nclient:\n  name: Acme\nsegments:\n  - {id: vip, name: VIP, "
     f"definition: Top.}}\npersonas:\n  - {{id: p, name: P, segment: {HUGE}}}\n", 2),
], ids=["enum", "unknown-key", "reference"])
@pytest.mark.parametrize("output", ["text", "json"])
def test_a_huge_value_in_a_plan_is_quoted_short(runner: Any, tmp_path: Path, plan: str,
                                                messages: int, output: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(plan, encoding="utf-8")
    shown_output = _validate(runner, path, output)
    if output == "json":
        issues = json.loads(shown_output)["files"][0]["issues"]
        assert all(len(json.dumps(issue)) < SHORT for issue in issues)
    _assert_short(shown_output, messages)


def test_the_path_of_an_issue_cuts_a_huge_key(runner: Any, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(f"schema_version: 1\nclient:\n  name: Acme\n  ? {HUGE}\n  : 1\n",
                    encoding="utf-8")
    issue = json.loads(_validate(runner, path, "json"))["files"][0]["issues"][0]
    assert issue["path"] == "client." + shown(HUGE)
    assert issue["message"] == f"unknown field '{shown(HUGE)}'"


OPTION = "b" * 100_000  # a command line holds at most 128 KiB in one argument


@pytest.mark.parametrize("args", [
    ["validate", "--format", OPTION],
    ["assess", "--date", OPTION],
    ["render", ".", "--format", OPTION],
    ["init", "x", "--client", "Acme", "--lang", "en", "--industry", OPTION],
    ["validate", "--" + OPTION],
    [OPTION],
    ["validate", OPTION],
], ids=["one-of", "date", "list", "industry", "no-such-option", "no-such-command", "path"])
def test_a_huge_option_value_is_quoted_short(runner: Any, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch,
                                             args: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert len(result.output) < SHORT, result.output[:500]
    assert "… (100,00" in result.output


def test_a_huge_kpi_option_is_quoted_short(runner: Any, tmp_path: Path) -> None:
    pytest.importorskip("duckdb")
    result = runner.invoke(app, ["baseline", "compute", str(write_client(tmp_path)),
                                 "--kpi", OPTION])
    assert result.exit_code == 2
    assert len(result.output) < SHORT
    assert f"unknown KPI '{shown(OPTION)}'" in result.output


def test_a_huge_column_of_an_export_is_quoted_short(runner: Any, tmp_path: Path) -> None:
    pytest.importorskip("duckdb")
    header = "No,Customer," + "D" * 100_000 + ",Total,State"  # under the CSV field limit
    root = write_client(tmp_path, PLAN, orders=header + "\nA1,c,2024-01-01,1.00,\n")
    for output in ("text", "json"):
        result = runner.invoke(app, ["baseline", "compute", str(root), "--format", output])
        assert result.exit_code == 1
        assert len(result.output) < SHORT, result.output[:500]


# -- every command: a path or an option value of any size, in a line of readable size ------

EXAMPLE = Path(__file__).parents[1] / "examples" / "online-retailer-en"
LONG = "Q" * 100_000  # longer than any path the system takes
PASSWORD = "s3cr3t-pw"
LINE = 700  # characters: a message with two paths cut at 300, or values cut at 80

FAILING = {  # a path or value of 100,000 characters; the command refuses it
    "init folder": ["init", "/tmp/" + LONG, "--client", "X", "--lang", "en"],
    "baseline export --out": ["baseline", "export", "ex", "--out", LONG],
    "baseline export --out folder": ["baseline", "export", "ex", "--out", LONG + "/x.csv"],
    "baseline import file": ["baseline", "import", LONG, "--plan", "ex"],
    "baseline record --plan": ["baseline", "record", "repeat_purchase_rate", "5", "--plan", LONG],
    "baseline compute --engine": ["baseline", "compute", "ex", "--engine",
                                  "postgresql://" + LONG],
    "segment compute --engine": ["segment", "compute", "ex", "--engine",
                                 f"postgresql://crm:{PASSWORD}@{LONG}/db"],
    "segment compute --engine duckdb": ["segment", "compute", "ex", "--engine",
                                        "duckdb:///" + LONG],
    "render --out": ["render", "ex", "--out", LONG],
    "render --templates": ["render", "ex", "--out", "out", "--templates", LONG],
    "review show --since": ["review", "show", "ex", "--since", LONG],
    "review record --plan": ["review", "record", "--findings", "x", "--plan", LONG],
    "segment score --plan": ["segment", "score", "premium", "speed=4", "-m", "priya", "--plan",
                             LONG],
    "assess": ["assess", LONG],
    "journey --journey": ["journey", "ex", "--journey", LONG],
}


@pytest.mark.parametrize("command", list(FAILING))
def test_a_huge_path_or_value_is_quoted_short_by_every_command(
        runner: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    if "compute" in command:
        pytest.importorskip("duckdb")
    if "postgresql" in " ".join(FAILING[command]):
        pytest.importorskip("sqlalchemy")
    shutil.copytree(EXAMPLE, tmp_path / "ex")
    monkeypatch.chdir(tmp_path)
    if "--since" in FAILING[command]:  # a plan in git, asked for a revision that is not there
        if shutil.which("git") is None:
            pytest.skip("needs git")
        subprocess.run(["git", "init", "-q", "ex"], check=True)
    result = runner.invoke(app, FAILING[command])
    assert result.exit_code == 2, result.output[:500]
    assert len(result.output) < SHORT, result.output[:500]
    assert "… (100,0" in result.output, result.output
    assert PASSWORD not in result.output


LOCATION = re.compile(r"\.yaml:\d+:\d+")


def _deep(root: Path) -> Path:
    """A folder whose path is over a thousand characters long (four names of 250)."""
    folder = root.joinpath(*(letter * 250 for letter in "abcd"))
    folder.mkdir(parents=True)
    return folder


SUCCEEDING = {  # a plan, an output and a client folder in a folder a thousand characters deep
    "init": ["init", "DEEP/new", "--client", "Acme", "--lang", "en"],
    "validate": ["validate", "DEEP/ex"],
    "render": ["render", "DEEP/ex", "--out", "DEEP/out", "--format", "md"],
    "baseline export --out": ["baseline", "export", "DEEP/ex", "--out", "DEEP/export.csv"],
    "baseline record": ["baseline", "record", "repeat_purchase_rate", "5", "--date",
                        "2026-04-15", "--plan", "DEEP/ex"],
    "baseline import": ["baseline", "import", "DEEP/figures.csv", "--plan", "DEEP/ex"],
    "review record": ["review", "record", "--date", "2020-01-01", "--findings", "x", "--plan",
                      "DEEP/ex"],
    "segment score": ["segment", "score", "premium", "speed=4", "-m", "priya", "--replace",
                      "--plan", "DEEP/ex"],
    "assess --record": ["assess", "DEEP/ex", "--record"],
}


@pytest.mark.slow
@pytest.mark.parametrize("command", list(SUCCEEDING))
def test_a_long_path_is_cut_in_what_every_command_says(
        runner: Any, tmp_path: Path, command: str) -> None:
    deep = _deep(tmp_path)
    shutil.copytree(EXAMPLE, deep / "ex")
    (deep / "figures.csv").write_text("kpi,date,value\nrepeat_purchase_rate,2026-05-01,6\n")
    args = [arg.replace("DEEP", str(deep)) for arg in SUCCEEDING[command]]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output[:1000]
    # a finding's or a proof's place, file:line:col, stays whole for editors to follow
    said = [line for line in result.output.splitlines() if not LOCATION.search(line)]
    assert not [line for line in said if str(deep) in line or len(line) > LINE], said
