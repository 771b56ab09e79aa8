"""crmplan.quoting: a value of any size is quoted in a message of readable size."""

from __future__ import annotations

import json
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
                                            ("zh", "…（共 900,000 个字符）")])
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
