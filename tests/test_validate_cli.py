"""``crmplan validate`` through the CLI runner: wiring, exit codes, text and JSON output."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from conftest import as_json
from crmplan.cli import app
from crmplan.commands import validate as validate_command
from crmplan.validation import validate_file

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("*/plan.yaml"))
HEAD = "schema_version: 1\nclient:\n  name: Acme\n"
TYPO = "schema_version: 1\nclinet:\n  name: Acme\n"
BILLION_LAUGHS = "".join(
    f"{name}: &{name} [{', '.join(['*' + prev] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)

# Every bad input of reliability.md cases 1-24 (and a few more): exit 1, never a traceback.
BAD_PLANS: dict[str, bytes | str] = {
    "duplicate key": HEAD + "client:\n  name: B\n",
    "quoted duplicate key": HEAD + "  'name': B\n",
    "typo": TYPO,
    "missing field": "schema_version: 1\nclient:\n  industry: retail\n",
    "wrong type": HEAD + "segments:\n  - id: v\n    name: V\n    definition: d\n    size: ten\n",
    "alias bomb": BILLION_LAUGHS,
    "recursive alias": "a: &a [*a]\n",
    "deep nesting": "[" * 5000,
    "huge integer": HEAD + "segments:\n  - id: v\n    name: V\n    definition: d\n"
                           "    size: " + "9" * 5000 + "\n",
    "nan": HEAD + "kpis:\n  - id: nps\n    baseline:\n      value: .nan\n"
                  "      as_of: 2025-01-01\n      source: s\n",
    "yaml 1.1": "%YAML 1.1\n---\n" + HEAD,
    "version-like name": "schema_version: 1\nclient:\n  name: 1.10\n",
    "python tag": "schema_version: 1\nclient:\n  name: !!python/object/apply:os.system [id]\n",
    "custom tag": "schema_version: 1\nclient:\n  name: !custom x\n",
    "two documents": HEAD + "---\n" + HEAD,
    "empty": "",
    "comments only": "# nothing\n",
    "list at the top": "- a\n",
    "scalar at the top": "hello\n",
    "tab": "schema_version: 1\nclient:\n\tname: Acme\n",
    "latin-1": "schema_version: 1\nclient:\n  name: Café\n".encode("latin-1"),
    "utf-16": HEAD.encode("utf-16"),
    "nul": "schema_version: 1\nclient:\n  name: A\x00\n",
    "escape": "schema_version: 1\nclient:\n  name: A\x1b[2J\n",
    "nel": "schema_version: 1\nclient:\n  name: A\x85\n",
    "escaped nel": 'schema_version: 1\nclient:\n  name: "A\\x85"\n',
    "escaped surrogate": 'schema_version: 1\nclient:\n  name: "A\\ud800"\n',
    "lone cr": "schema_version: 1\rclient:\r",
    "number key": HEAD + "1: x\n",
    "null key": HEAD + "~: x\n",
    "complex key": HEAD + "? [a]\n: x\n",
    "bool key": HEAD + "true: x\n",
    "newer schema": "schema_version: 2\nclient:\n  name: Acme\n",
    "no schema_version": "client:\n  name: Acme\n",
    "quoted schema_version": "schema_version: '1'\nclient:\n  name: Acme\n",
    "unknown segment": HEAD + "kpis:\n  - id: nps\ncampaigns:\n  - id: c\n    name: C\n"
                              "    segment: vip\n    measurement:\n      metric: nps\n"
                              "      method: holdout\n      comparison_group: g\n"
                              "      start: 2025-01-01\n      end: 2025-02-01\n",
    "quoted score": HEAD + "segments:\n  - id: v\n    name: V\n    definition: d\n"
                           "task_force:\n  members:\n    - id: a\n      name: A\n  scores:\n"
                           "    - member: a\n      segment: v\n      scores: {speed: '9'}\n",
    "flow list as name": "schema_version: 1\nclient:\n  name: [/]\n",
}


@pytest.fixture
def plan_dir(tmp_path: Path, build_tree: Callable[..., Path], minimal_plan: str) -> Path:
    """A client folder holding the minimal plan; ``tmp_path`` holds other files."""
    return build_tree(tmp_path / "acme", {"plan.yaml": minimal_plan, "data/.keep": b""})


def validate(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(app, ["validate", *map(str, args)])



def test_the_command_runs_the_real_validator() -> None:
    # Importing the command module here, at collection, also keeps a test that patches
    # crmplan.validation.validate_file before the module's first import from leaking.
    assert vars(validate_command)["validate_file"] is validate_file


# -- exit codes --------------------------------------------------------------------------


def test_valid_plan_exits_0(runner: CliRunner, plan_dir: Path) -> None:
    result = validate(runner, plan_dir / "plan.yaml")
    assert result.exit_code == 0, result.output
    # ten empty steps (CRM401), no activity plan (CRM440), no review scheduled (CRM802)
    assert f"{plan_dir / 'plan.yaml'}: valid (0 errors, 12 warnings)" in result.output
    assert "Client: Acme (en)" in result.output


def test_plan_problems_exit_1_with_file_line_col(
    runner: CliRunner, tmp_path: Path, build_tree: Callable[..., Path]
) -> None:
    build_tree(tmp_path, {"plan.yaml": TYPO})
    result = validate(runner, tmp_path / "plan.yaml")
    assert result.exit_code == 1
    name = tmp_path / "plan.yaml"
    assert f"{name}:2:1: error: clinet: unknown field 'clinet'" in result.output
    assert "hint: did you mean 'client'?" in result.output
    assert f"{name}:1:1: error: required field 'client' is missing" in result.output
    assert "not valid (2 errors, 0 warnings)" in result.output


@pytest.mark.parametrize("target", ["missing.yaml", "empty-folder", "/dev/zero", "huge.yaml"])
def test_usage_problems_exit_2(
    runner: CliRunner, tmp_path: Path, build_tree: Callable[..., Path], target: str
) -> None:
    build_tree(tmp_path, {"empty-folder/data/x.csv": b"a\n", "huge.yaml": "a: 1\n"})
    (tmp_path / "huge.yaml").write_bytes(b"#" * (1024 * 1024 + 1))
    path = target if target.startswith("/") else tmp_path / target
    result = validate(runner, path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("crmplan: error: ")
    assert "Traceback" not in result.output


def test_fifo_exits_2_without_blocking(
    runner: CliRunner, fifo: Path, within: Callable[[float, Callable[[], Any]], Any]
) -> None:
    result = within(10, lambda: validate(runner, fifo))
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr


def test_no_arguments_validates_plan_yaml_here(
    runner: CliRunner, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(plan_dir)
    result = validate(runner)
    assert result.exit_code == 0, result.output
    assert "plan.yaml: valid" in result.output


# -- --strict and warnings -----------------------------------------------------------------


def test_strict_turns_the_empty_steps_of_a_minimal_plan_into_exit_1(
    runner: CliRunner, plan_dir: Path
) -> None:
    assert validate(runner, plan_dir).exit_code == 0
    result = validate(runner, "--strict", plan_dir)
    assert result.exit_code == 1
    assert "warning: goals.smart: step 1 (Define goals) is still empty" in result.output
    # the ten empty steps, no activity plan, no review scheduled, and the parts of the
    # documents that would be to-dos without being a whole step (render --strict refuses
    # them too)
    assert "not valid (4 errors, 12 warnings)" in result.output


def test_bidi_warning_fails_only_under_strict(
    runner: CliRunner, tmp_path: Path, build_tree: Callable[..., Path]
) -> None:
    build_tree(tmp_path, {"plan.yaml": "schema_version: 1\nclient:\n  name: Ac\u202eme\n"})
    path = tmp_path / "plan.yaml"
    result = validate(runner, "--format", "json", path)
    assert result.exit_code == 0
    [bidi] = [i for i in as_json(result)["files"][0]["issues"] if "U+202E" in i["message"]]
    assert (bidi["line"], bidi["column"], bidi["severity"]) == (3, 11, "warning")
    assert validate(runner, "--strict", path).exit_code == 1


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_examples_are_valid_with_only_what_the_reports_find(runner: CliRunner,
                                                             path: Path) -> None:
    """The examples have no problem of their own: what validate lists is what the journey
    map, the segments, the SMART check and the review show (coverage gaps to work on)."""
    result = validate(runner, "--format", "json", path)
    assert result.exit_code == 0, result.output
    report = as_json(result)["files"][0]
    assert report["valid"] is True and report["errors"] == 0
    assert {i["code"][3] for i in report["issues"]} <= {"5", "6", "7", "8"}


# -- JSON output ---------------------------------------------------------------------------


def test_json_output_has_line_column_and_message(
    runner: CliRunner, tmp_path: Path, build_tree: Callable[..., Path]
) -> None:
    build_tree(tmp_path, {"plan.yaml": TYPO})
    result = validate(runner, "--format", "json", tmp_path / "plan.yaml")
    assert result.exit_code == 1
    report = as_json(result)
    [file] = report["files"]
    assert file["file"] == str(tmp_path / "plan.yaml")
    assert file["valid"] is False
    assert file["errors"] == 2
    assert file["summary"] is None
    assert [(i["line"], i["column"], i["message"]) for i in file["issues"]] == [
        (1, 1, "required field 'client' is missing"),
        (2, 1, "unknown field 'clinet'"),
    ]
    assert file["issues"][1]["hint"] == "did you mean 'client'?"
    assert file["issues"][1]["path"] == "clinet"
    assert file["issues"][1]["severity"] == "error"


def test_json_output_of_a_valid_plan(runner: CliRunner, plan_dir: Path) -> None:
    result = validate(runner, "-f", "json", plan_dir)
    assert result.exit_code == 0
    [file] = as_json(result)["files"]
    assert file["valid"] is True
    assert file["summary"]["client"] == "Acme"
    assert all(isinstance(i["line"], int) and isinstance(i["column"], int)
               for i in file["issues"])
    assert {i["severity"] for i in file["issues"]} == {"warning"}


# -- folders and several paths -------------------------------------------------------------


def test_a_folder_stands_for_its_plan_yaml(runner: CliRunner, plan_dir: Path) -> None:
    result = validate(runner, "--format", "json", plan_dir)
    assert result.exit_code == 0
    assert as_json(result)["files"][0]["file"] == str(plan_dir / "plan.yaml")


def test_several_paths_at_once(
    runner: CliRunner, tmp_path: Path, build_tree: Callable[..., Path], plan_dir: Path
) -> None:
    build_tree(tmp_path, {"bad/plan.yaml": TYPO})
    result = validate(runner, "--format", "json", plan_dir, tmp_path / "bad")
    assert result.exit_code == 1
    files = as_json(result)["files"]
    assert [(f["file"], f["valid"]) for f in files] == [
        (str(plan_dir / "plan.yaml"), True), (str(tmp_path / "bad" / "plan.yaml"), False)]
    both_valid = validate(runner, plan_dir, plan_dir / "plan.yaml")
    assert both_valid.exit_code == 0
    assert both_valid.output.count(": valid (") == 2


def test_an_unreadable_path_does_not_hide_the_others(
    runner: CliRunner, tmp_path: Path, plan_dir: Path
) -> None:
    missing = tmp_path / "missing.yaml"
    result = validate(runner, "--format", "json", plan_dir, missing)
    assert result.exit_code == 2
    files = as_json(result)["files"]
    assert [(f["valid"], f["unreadable"]) for f in files] == [
        (True, None), (False, f"{missing}: no such file")]
    text = validate(runner, plan_dir, missing)
    assert text.exit_code == 2
    assert ": valid (" in text.output and "no such file" in text.output


def test_warnings_keep_the_order_of_the_steps(runner: CliRunner, plan_dir: Path) -> None:
    result = validate(runner, "--format", "json", plan_dir)
    steps = [i["message"] for i in as_json(result)["files"][0]["issues"] if i["code"] == "CRM401"]
    assert [int(m.split(" ")[1]) for m in steps] == list(range(1, 11))


# -- never a traceback -----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("name", list(BAD_PLANS))
def test_bad_plans_exit_1_without_a_traceback(
    runner: CliRunner, tmp_path: Path, build_tree: Callable[..., Path], name: str
) -> None:
    build_tree(tmp_path, {"plan.yaml": BAD_PLANS[name]})
    for args in ([], ["--strict"], ["--format", "json"]):
        result = validate(runner, *args, tmp_path)
        assert result.exit_code == 1, (name, result.output)
        assert "Traceback" not in result.output
        assert "internal error" not in result.output
    assert as_json(result)["files"][0]["errors"] >= 1
    text = validate(runner, tmp_path).output
    assert f"{tmp_path / 'plan.yaml'}:" in text
    assert ": error: " in text


def test_escape_sequences_never_reach_the_terminal(
    runner: CliRunner, tmp_path: Path, build_tree: Callable[..., Path]
) -> None:
    build_tree(tmp_path, {"plan.yaml": BAD_PLANS["escape"]})
    result = validate(runner, tmp_path)
    assert result.exit_code == 1
    assert "\x1b" not in result.output
    assert ":3:10: error: control character U+001B" in result.output


def test_rich_markup_in_plan_text_is_printed_as_written(
    runner: CliRunner, tmp_path: Path, build_tree: Callable[..., Path]
) -> None:
    build_tree(tmp_path, {"plan.yaml": "schema_version: 1\nclient:\n  name: '[/] [bold]x'\n"
                                       "  '[red]': 1\n"})
    result = validate(runner, tmp_path)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "unknown field '[red]'" in result.output
    (tmp_path / "plan.yaml").write_text(
        "schema_version: 1\nclient:\n  name: '[/] [bold]x'\n", encoding="utf-8")
    result = validate(runner, tmp_path)
    assert result.exit_code == 0
    assert "Client: [/] [bold]x (en)" in result.output


def test_a_message_never_spans_lines(
    runner: CliRunner, tmp_path: Path, build_tree: Callable[..., Path]
) -> None:
    build_tree(tmp_path, {"plan.yaml": 'schema_version: 1\nclient: {name: X}\n'
                                       '"x\\nplan.yaml:1:1: error: forged": 1\n'})
    result = validate(runner, tmp_path)
    assert result.exit_code == 1
    assert not any(line.startswith("plan.yaml:1:1") for line in result.output.splitlines())


# -- rule codes ------------------------------------------------------------------------------

# The rule each bad plan breaks (docs/rules.md): every finding carries one code.
BAD_PLAN_CODES = {
    "duplicate key": {"CRM117"}, "quoted duplicate key": {"CRM117"},
    "typo": {"CRM201", "CRM203"}, "missing field": {"CRM201"}, "wrong type": {"CRM202"},
    "alias bomb": {"CRM115"}, "recursive alias": {"CRM114"}, "deep nesting": {"CRM115"},
    "huge integer": {"CRM119"}, "nan": {"CRM119"}, "yaml 1.1": {"CRM112"},
    "version-like name": {"CRM202"}, "python tag": {"CRM113"}, "custom tag": {"CRM113"},
    "two documents": {"CRM111"}, "empty": {"CRM120"}, "comments only": {"CRM120"},
    "list at the top": {"CRM121"}, "scalar at the top": {"CRM121"}, "tab": {"CRM110"},
    "latin-1": {"CRM101"}, "utf-16": {"CRM101"}, "nul": {"CRM102"}, "escape": {"CRM102"},
    "nel": {"CRM102"}, "escaped nel": {"CRM102"}, "escaped surrogate": {"CRM102"},
    "lone cr": {"CRM103"}, "number key": {"CRM116"}, "null key": {"CRM116"},
    "complex key": {"CRM116"}, "bool key": {"CRM116"}, "newer schema": {"CRM122"},
    "no schema_version": {"CRM201"}, "quoted schema_version": {"CRM123"},
    "unknown segment": {"CRM302"}, "quoted score": {"CRM202"}, "flow list as name": {"CRM202"},
}
DOC = (Path(__file__).parents[1] / "docs" / "validate.md").read_text(encoding="utf-8")


def test_every_bad_plan_has_its_expected_rule() -> None:
    assert set(BAD_PLAN_CODES) == set(BAD_PLANS)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(BAD_PLANS))
def test_each_problem_names_the_code_of_its_rule(
    runner: CliRunner, tmp_path: Path, build_tree: Callable[..., Path], name: str
) -> None:
    build_tree(tmp_path, {"plan.yaml": BAD_PLANS[name]})
    issues = as_json(validate(runner, "--format", "json", tmp_path))["files"][0]["issues"]
    assert {i["code"] for i in issues} == BAD_PLAN_CODES[name]
    lines = [line for line in validate(runner, tmp_path).output.splitlines()
             if ": error: " in line]
    assert len(lines) == len(issues)
    assert all(line.endswith(f"  [{i['code']}]") for line, i in zip(lines, issues, strict=True))


def test_the_code_ends_the_line_as_mypy_shows_it(
    runner: CliRunner, tmp_path: Path, build_tree: Callable[..., Path]
) -> None:
    build_tree(tmp_path, {"plan.yaml": TYPO})
    lines = validate(runner, tmp_path / "plan.yaml").output.splitlines()
    assert f"{tmp_path / 'plan.yaml'}:2:1: error: clinet: unknown field 'clinet'  [CRM203]" \
        in lines


def test_a_plan_problem_of_any_command_has_its_code_in_json(
    runner: CliRunner, tmp_path: Path, build_tree: Callable[..., Path]
) -> None:
    build_tree(tmp_path, {"plan.yaml": TYPO})
    result = runner.invoke(app, ["journey", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["schema"] == "crmplan.problems/1"
    assert [i["code"] for i in data["issues"]] == ["CRM201", "CRM203"]


# -- silencing a rule ------------------------------------------------------------------------


# a minimal plan has its ten steps to fill (CRM401), no activity plan yet (CRM440), no
# review scheduled (CRM802) and, under --strict, the documents' to-dos (CRM403)
@pytest.mark.parametrize("ignore", [["--ignore", "CRM401,CRM802,CRM403,CRM440"],
                                    ["--ignore", "crm401,CRM402,crm802,CRM403,crm440"],
                                    ["--ignore", "CRM104", "--ignore", "CRM401", "--ignore",
                                     "CRM802,CRM403", "--ignore", "CRM440"]])
def test_ignore_silences_a_rule(runner: CliRunner, plan_dir: Path, ignore: list[str]) -> None:
    result = validate(runner, "--strict", *ignore, plan_dir)
    assert result.exit_code == 0, result.output
    assert "valid (0 errors, 0 warnings)" in result.output
    assert "[CRM401]" not in result.output


def test_ignore_leaves_the_other_rules(
    runner: CliRunner, tmp_path: Path, build_tree: Callable[..., Path], minimal_plan: str
) -> None:
    build_tree(tmp_path, {"plan.yaml": minimal_plan.replace("Acme", "Ac\u202eme")})
    result = validate(runner, "--strict", "--ignore", "CRM401,CRM802,CRM403", "-f", "json",
                      tmp_path)
    assert result.exit_code == 1
    assert sorted(i["code"] for i in as_json(result)["files"][0]["issues"]) == [
        "CRM104", "CRM440"]


def test_ignore_applies_to_a_plan_that_does_not_load(
    runner: CliRunner, tmp_path: Path, build_tree: Callable[..., Path]
) -> None:
    build_tree(tmp_path, {"plan.yaml": "schema_version: 1\nclient:\n  name: Ac\u202eme\n"
                                       "  industy: retail\n"})
    codes = [i["code"] for i in as_json(validate(runner, "-f", "json", tmp_path))[
        "files"][0]["issues"]]
    assert codes == ["CRM104", "CRM203"]
    result = validate(runner, "--ignore", "CRM104", "-f", "json", tmp_path)
    assert [i["code"] for i in as_json(result)["files"][0]["issues"]] == ["CRM203"]


@pytest.mark.parametrize(("code", "message"), [
    ("CRM203", "--ignore CRM203: rule CRM203 (unknown_field) cannot be silenced"),
    ("CRM110", "--ignore CRM110: rule CRM110 (yaml_syntax) cannot be silenced"),
    ("CRM2O3", "--ignore CRM2O3: no rule has this code"),
    ("E501", "--ignore E501: no rule has this code"),
])
def test_ignore_refuses_what_it_cannot_silence_with_exit_2(
    runner: CliRunner, plan_dir: Path, code: str, message: str
) -> None:
    result = validate(runner, "--ignore", f"CRM401,{code}", plan_dir)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"crmplan: error: {message}\n    hint: ")


def _documented(after: str, fence: str) -> str:
    """The first block fenced ``fence`` after the heading ``after`` in docs/validate.md."""
    section = DOC.split(after, 1)[1]
    return section.split(f"```{fence}\n", 1)[1].split("```", 1)[0]


def test_the_documented_plan_setting_silences_the_empty_steps(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/validate.md, "Silencing a rule": the plan setting and the output shown."""
    shown = _documented("## Silencing a rule", "text")
    command, expected = shown.split("\n", 1)
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["init", "acme-clinic", "--client", "Acme Clinic", "--lang",
                               "en", "--industry", "healthcare"]).exit_code == 0
    plan = tmp_path / "acme-clinic" / "plan.yaml"
    assert validate(runner, "--strict", plan.parent).exit_code == 1
    with plan.open("a", encoding="utf-8") as handle:
        handle.write(_documented("## Silencing a rule", "yaml"))
    result = runner.invoke(app, command.removeprefix("$ crmplan ").split())
    assert (result.exit_code, result.output) == (0, expected)


@pytest.mark.parametrize(("codes", "found"), [
    ("[CRM401, CRM203]", [("CRM309", "rule CRM203 (unknown_field) cannot be silenced")]),
    ("[CRM777]", [("CRM308", "no rule has the code CRM777")]),
    ("[crm401]", [("CRM206", "'crm401' is not a rule code")]),
])
def test_the_plan_setting_refuses_what_it_cannot_silence(
    runner: CliRunner, plan_dir: Path, minimal_plan: str, codes: str,
    found: list[tuple[str, str]]
) -> None:
    (plan_dir / "plan.yaml").write_text(minimal_plan + f"checks:\n  ignore: {codes}\n",
                                        encoding="utf-8")
    result = validate(runner, "-f", "json", plan_dir)
    assert result.exit_code == 1
    issues = as_json(result)["files"][0]["issues"]
    assert [(i["code"], i["message"]) for i in issues] == found
    assert issues[0]["path"].startswith("checks.ignore[")


def test_the_plan_setting_and_ignore_add_up(
    runner: CliRunner, tmp_path: Path, build_tree: Callable[..., Path], minimal_plan: str
) -> None:
    build_tree(tmp_path, {"plan.yaml": minimal_plan.replace("Acme", "Ac\u202eme")
                          + "checks:\n  ignore: [CRM401, CRM802, CRM403, CRM440]\n"})
    assert validate(runner, "--strict", tmp_path).exit_code == 1  # the bidi warning
    assert validate(runner, "--strict", "--ignore", "CRM104", tmp_path).exit_code == 0


# -- validate reports whatever another command would refuse ----------------------------------

REPORTED = HEAD + "  language: en\n"
SEGMENTS = """\
kpis:
  - id: nps
    definition: {counts: Promoters minus detractors}
    baseline: {value: 30, as_of: 2026-01-15, source: Survey}
    target: {value: 45, by: 2026-12-31}
segments:
  - id: vip
    name: VIP
    definition: Top spenders
    size: 400
    contactable_pct: 90
    offers:
      - {id: care, product: Care package}
  - {id: new, name: New, definition: First order this year, size: 900, contactable_pct: 60}
"""
TASK_FORCE = """\
task_force:
  members:
    - {id: ann, name: Ann}
    - {id: bob, name: Bob}
  scores:
    - {member: ann, segment: vip, scores: {short_term_profit: 4, long_term_value: 4}}
"""
CAMPAIGN = """\
campaigns:
  - id: reminder
    name: Reminder
    segment: vip
    offer: care
    cost: 100
    expected_return: 300
    measurement: {metric: nps, method: holdout, comparison_group: A random tenth,
                  start: 2026-02-01, end: 2026-03-31}
"""
ZERO_WEIGHTS = """\
task_force:
  criteria:
    - {id: speed, name: Speed, weight: 0}
"""
JOURNEY = """\
journeys:
  - id: main
    name: Main
    touchpoints:
      - {id: letter, name: Renewal letter, stage: retention, channel: post}
"""
GOAL = """\
goals:
  smart:
    - {id: g1, statement: More promoters, kpi: nps}
"""
REVIEWS = """\
sops:
  - {id: entry, title: Data entry}
reviews:
  log:
    - date: 2026-01-20
      actions:
        - {id: a1, text: Send the survey., due: 2026-02-01}
"""
# plans that make at least one report command fail, with or without --strict
REPORT_PLANS = {
    "campaign without revenue conversion": SEGMENTS + CAMPAIGN,
    "missing score sheets": SEGMENTS + TASK_FORCE,
    "every weight zero": SEGMENTS + ZERO_WEIGHTS,
    "offer without terms": SEGMENTS,
    "journey coverage gaps": SEGMENTS + JOURNEY,
    "goal failing the SMART check": SEGMENTS + GOAL,
    "overdue action and SOP": SEGMENTS + REVIEWS,
    "a KPI without baseline": SEGMENTS.replace("segments:", "  - id: csat\nsegments:"),
    "all of it": SEGMENTS.replace("segments:", JOURNEY + GOAL + "segments:") + TASK_FORCE
                 + CAMPAIGN + REVIEWS,
}


def _codes(text: str) -> set[str]:
    """The codes of the findings in a command's output, notes left out (they fail
    nothing)."""
    import re

    from crmplan.findings import Severity
    from crmplan.rules import RULES

    return {c for c in re.findall(r"\[(CRM\d{3})\]", text)
            if RULES[c].severity is not Severity.NOTE}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(REPORT_PLANS))
def test_a_plan_any_command_refuses_is_refused_by_validate(
        runner: CliRunner, tmp_path: Path, name: str) -> None:
    """Every rule that makes a report exit 1 runs in validate too, with its code: a plan
    that fails a report fails validate, and under --strict likewise."""
    from crmplan.analysis import PlanAnalysis
    from crmplan.plan.load import load_plan

    plan = tmp_path / "plan.yaml"
    plan.write_text(REPORTED + REPORT_PLANS[name], encoding="utf-8")
    day = PlanAnalysis(load_plan(plan)).on.isoformat()
    commands = [["segment", str(plan)], ["journey", str(plan)], ["baseline", str(plan)],
                ["review", str(plan), "--as-of", day],
                ["render", str(plan), "--out", str(tmp_path / "out"), "--force"]]
    failed_any = False
    for strict in ([], ["--strict"]):
        checked = runner.invoke(app, ["validate", str(plan), *strict])
        for command in commands:
            result = runner.invoke(app, [*command, *strict])
            assert result.exit_code in (0, 1), result.output
            if result.exit_code == 1:
                failed_any = True
                assert checked.exit_code == 1, (command, strict, checked.output)
                assert _codes(result.output) <= _codes(checked.output), command
    assert failed_any  # each plan shows a rule that fails some command


DATA = ("data:\n  orders:\n    file: data/orders.csv\n{setting}"
        "    columns: {{customer_id: c, order_date: d, amount: a}}\n")
SEGMENT = "segments:\n  - id: v\n    name: V\n    definition: d\n    rule: {rule}\n"
# what crmplan cannot use, each refused where it is written, with its rule's code
UNUSABLE: dict[str, tuple[str, str, str]] = {
    "a link without a host": (
        "schema_version: 1\nclient:\n  name: Acme\n  website: 'https://'\n",
        "4:12: error: client.website: a link needs a host after https://, e.g. "
        "https://www.example.com", "CRM210"),
    "a segment rule whose min exceeds its max": (
        HEAD + SEGMENT.format(rule="{orders: {min: 5, max: 2}}"),
        "8:20: error: segments[v].rule.orders: min 5 is greater than max 2", "CRM210"),
    "bounds whose min exceeds its max": (
        HEAD + "kpis:\n  - id: visits\n    unit: count\n    direction: higher\n"
               "    bounds: {min: 100, max: 0}\n",
        "8:13: error: kpis[visits].bounds: min 100 is greater than max 0", "CRM210"),
    "a delimiter of two characters": (
        HEAD + DATA.format(setting="    delimiter: ';;'\n"),
        "7:16: error: data.orders.delimiter: ';;' is not a delimiter", "CRM206"),
    "a date format DuckDB does not know": (
        HEAD + DATA.format(setting="    date_format: '%d.%m.%Y %Q'\n"),
        "7:18: error: data.orders.date_format: '%Q' is not a date code crmplan can read",
        "CRM206"),
    "seconds since 1970": (
        HEAD + DATA.format(setting="    date_format: '%s'\n"),
        "7:18: error: data.orders.date_format: '%s' is not a date code crmplan can read",
        "CRM206"),
    "a lone % at the end": (
        HEAD + DATA.format(setting="    date_format: '%Y%m%'\n"),
        "7:18: error: data.orders.date_format: the format ends in a lone %", "CRM206"),
}


@pytest.mark.parametrize("name", sorted(UNUSABLE))
def test_what_crmplan_cannot_use_is_a_located_error(
    runner: CliRunner, tmp_path: Path, build_tree: Callable[..., Path], name: str
) -> None:
    plan, expected, code = UNUSABLE[name]
    build_tree(tmp_path, {"plan.yaml": plan})
    result = validate(runner, "--format", "json", tmp_path / "plan.yaml")
    assert result.exit_code == 1, result.output
    [issue] = as_json(result)["files"][0]["issues"]
    where, message = expected.split(": error: ")
    path, text = message.split(": ", 1)
    assert (f"{issue['line']}:{issue['column']}", issue["path"], issue["code"]) == (
        where, path, code)
    assert issue["message"] == text
