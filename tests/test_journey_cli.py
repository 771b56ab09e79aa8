"""``crmplan journey`` through the CLI runner: formats, languages, exit codes, the curve."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conftest import as_json
from crmplan import output
from crmplan.analysis import PlanAnalysis
from crmplan.cli import app
from crmplan.journey.mermaid import INIT
from crmplan.journey.text import NAME_CELLS, cells, curve_lines, fit, scale
from crmplan.plan.load import load_plan
from test_journey_mermaid import check

EXAMPLES = Path(__file__).parents[1] / "examples"
PLAN = """\
schema_version: 1
client:
  name: Acme Clinic
  language: en
personas:
  - id: vip
    name: Busy VIP
    goals: [No waiting]
    decision_process: Trusts the coordinator
    evidence: [interview]
  - {id: newcomer, name: Newcomer}
journeys:
  - id: vip_journey
    name: VIP journey
    persona: vip
    stages:
      - {id: contact, name: First contact}
      - {id: care, name: Aftercare}
    touchpoints:
      - id: kakao
        name: "KakaoTalk [/] inquiry"
        stage: contact
        channel: kakaotalk
        customer_goal: A quick answer
        emotion: -1
        emotion_to_be: 1
        barriers: [Nobody answers after 6 pm]
        owner: Front desk
        kpis: [nps]
        evidence: analytics
    pain_points:
      - {id: pp_slow, touchpoint: kakao, description: Replies take half a day, severity: 4}
    opportunities:
      - {id: op_template, description: Reply templates, pain_point: pp_slow, impact: 4,
         effort: 2}
kpis:
  - id: nps
    baseline: {value: 30, as_of: 2026-01-01, source: survey}
    target: {value: 45, by: 2026-12-31}
"""
TEXT = """\
Journey map: VIP journey (vip_journey)
  persona: Busy VIP (vip)
    evidence: interview (researched)
    goals:
      - No waiting
    decision process: Trusts the coordinator

Stage 1 of 2: First contact (contact), 1 touchpoint, emotion -1 → +1
  • KakaoTalk [/] inquiry (kakao) · KakaoTalk · emotion -1 → +1
      goal: A quick answer
      barriers: Nobody answers after 6 pm
      owner: Front desk · KPIs: nps (baseline only, +15 to go) · evidence: analytics (researched)

Stage 2 of 2: Aftercare (care), 0 touchpoints, emotion ?
  no touchpoint in this stage

Emotion curve
  o as-is, * to-be, @ both; -2 very negative to +2 very positive
                                -2  -1   0  +1  +2
  First contact
    KakaoTalk [/] inquiry        .   o-------*   .  -1 → +1
  Aftercare

Pain points, most urgent first
  1. pp_slow  score 14 = severity 8 + emotion 2 + barriers 1 + KPI 3
     at KakaoTalk [/] inquiry (kakao), First contact; severity 4
     Replies take half a day
     opportunities: op_template

Opportunities, quick wins first
  1. op_template  quick win · impact 4, effort 2 · idea · owner: none
     Reply templates

Coverage gaps
  Stages without touchpoints (1)
    {plan}:18:9  stage 'care' (Aftercare) has no touchpoint  [CRM502]
  Open opportunities without an owner (1)
    {plan}:34:9  opportunity 'op_template' has no owner  [CRM509]

Plan-wide coverage gaps
  Personas without a journey (1)
    {plan}:11:5  persona 'newcomer' (Newcomer) has no journey  [CRM510]

1 journey, 1 touchpoint, 3 coverage gaps
"""



def journey(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(app, ["journey", *map(str, args)])



# -- formats -------------------------------------------------------------------------------


def test_text_is_the_whole_map(runner: CliRunner, plan_file: Path) -> None:
    result = journey(runner, plan_file)
    assert result.exit_code == 0, result.output
    assert result.stdout == TEXT.format(plan=plan_file)


def test_a_folder_stands_for_its_plan(runner: CliRunner, plan_file: Path) -> None:
    assert journey(runner, plan_file.parent).stdout == journey(runner, plan_file).stdout


def test_json_has_the_schema_and_documented_keys(runner: CliRunner, plan_file: Path) -> None:
    result = journey(runner, plan_file, "--format", "json")
    assert result.exit_code == 0, result.output
    data = as_json(result)
    assert data["schema"] == "crmplan.journey/1"
    assert set(data) == {"schema", "plan", "journey", "journeys", "personas", "findings",
                         "summary"}
    j = data["journeys"][0]
    assert set(j) == {"id", "name", "location", "persona", "segment", "stages", "pain_points",
                      "opportunities", "findings"}
    assert set(j["stages"][0]["touchpoints"][0]) == {
        "id", "name", "stage", "channel", "customer_goal", "thoughts", "emotion",
        "emotion_to_be", "barriers", "owner", "kpis", "evidence", "researched",
        "evidence_note", "pain_points", "opportunities", "location"}
    assert j["stages"][0]["touchpoints"][0]["kpis"] == [
        {"id": "nps", "name": "Net promoter score (NPS)", "status": "baseline_only",
         "remaining_pct": 50.0, "points": 3}]
    assert j["opportunities"][0]["quadrant"] == "quick_win"
    assert data["findings"][0]["rule"] == "persona_without_journey"
    assert data["summary"]["findings"] == 3
    assert journey(runner, plan_file, "-f", "json").stdout == result.stdout  # same bytes


def test_markdown_has_the_diagram_and_escapes_plan_text(
        runner: CliRunner, plan_file: Path) -> None:
    result = journey(runner, plan_file, "--format", "md")
    assert result.exit_code == 0, result.output
    headings = [line for line in result.stdout.splitlines() if line.startswith("#")]
    assert headings == [
        f"# Customer journeys: {plan_file}", "## Journey: VIP journey (`vip_journey`)",
        "### Persona: Busy VIP", "### 1. First contact — emotion -1 → +1",
        "### 2. Aftercare — emotion ?", "### Pain points, most urgent first",
        "### Opportunities, quick wins first", "### Coverage gaps",
        "## Plan-wide coverage gaps"]
    fence = result.stdout.split("```mermaid\n", 1)[1].split("```", 1)[0]
    check(fence)


def test_mermaid_is_the_diagram_alone(runner: CliRunner, plan_file: Path) -> None:
    result = journey(runner, plan_file, "--format", "mermaid")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{INIT}\njourney\n    title VIP journey\n    section First contact\n"
        "      KakaoTalk [/] inquiry · to-be +1: 2: As-is\n"
        "    section Aftercare\n")


def test_lang_translates_the_labels_not_the_plan(runner: CliRunner, plan_file: Path) -> None:
    korean = journey(runner, plan_file, "--lang", "ko").stdout
    assert "KakaoTalk [/] inquiry" in korean
    assert "Journey map:" not in korean and "Coverage gaps" not in korean


# -- exit codes -------------------------------------------------------------------------


def test_gaps_are_listed_with_exit_0_and_fail_under_strict(
        runner: CliRunner, plan_file: Path) -> None:
    assert journey(runner, plan_file).exit_code == 0
    strict = journey(runner, plan_file, "--strict")
    assert strict.exit_code == 1
    assert strict.stdout == TEXT.format(plan=plan_file)
    assert journey(runner, plan_file, "--strict", "-f", "json").exit_code == 1


def test_strict_passes_a_map_without_gaps(runner: CliRunner, tmp_path: Path) -> None:
    complete = PLAN.replace("  - {id: newcomer, name: Newcomer}\n", "").replace(
        "      - {id: care, name: Aftercare}\n", "").replace(
        "effort: 2}", "effort: 2, owner: Kim}")
    (tmp_path / "plan.yaml").write_text(complete, encoding="utf-8")
    result = journey(runner, tmp_path, "--strict")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "1 journey, 1 touchpoint, 0 coverage gaps"


def test_an_unknown_journey_is_a_usage_error(runner: CliRunner, plan_file: Path) -> None:
    result = journey(runner, plan_file, "--journey", "vip_jorney")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (f"crmplan: error: {plan_file}: no journey 'vip_jorney' in this "
                             "plan\n    hint: did you mean 'vip_journey'?\n")


def test_one_journey_chosen(runner: CliRunner, plan_file: Path) -> None:
    data = as_json(journey(runner, plan_file, "-j", "vip_journey", "-f", "json"))
    assert data["journey"] == "vip_journey"
    assert data["findings"] == [] and [p["id"] for p in data["personas"]] == ["vip"]


def test_mermaid_needs_one_journey(runner: CliRunner, plan_file: Path) -> None:
    two = PLAN.replace("kpis:\n  - id: nps", "  - {id: second, name: Second}\nkpis:\n"
                       "  - id: nps")
    plan_file.write_text(two, encoding="utf-8")
    result = journey(runner, plan_file, "-f", "mermaid")
    assert result.exit_code == 2
    assert "a Mermaid diagram shows one journey, and this plan has 2" in result.stderr
    assert "choose one with --journey: vip_journey, second" in result.stderr
    assert journey(runner, plan_file, "-f", "mermaid", "-j", "second").exit_code == 0


def test_a_plan_without_journeys(runner: CliRunner, tmp_path: Path,
                                 minimal_plan: str) -> None:
    (tmp_path / "plan.yaml").write_text(minimal_plan, encoding="utf-8")
    result = journey(runner, tmp_path)
    assert result.exit_code == 0
    assert result.stdout == "No journey is mapped yet.\n\n0 journeys, 0 touchpoints, " \
                            "0 coverage gaps\n"
    mermaid = journey(runner, tmp_path, "-f", "mermaid")
    assert mermaid.exit_code == 2 and "there is no journey to draw" in mermaid.stderr


def test_plan_problems_are_printed_as_validate_prints_them(
        runner: CliRunner, plan_file: Path) -> None:
    plan_file.write_text(PLAN.replace("stage: contact", "stage: contcat"), encoding="utf-8")
    result = journey(runner, plan_file)
    assert result.exit_code == 1
    validate = runner.invoke(app, ["validate", str(plan_file)])
    assert result.stdout.splitlines()[0] == validate.stdout.splitlines()[0]
    assert "unknown stage 'contcat'" in result.stdout
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args", [["--format", "svg"], ["--lang", "fr"], ["--nope"]])
def test_bad_options_are_usage_errors(runner: CliRunner, plan_file: Path,
                                      args: list[str]) -> None:
    result = journey(runner, plan_file, *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_a_missing_plan_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = journey(runner, tmp_path)
    assert result.exit_code == 2
    assert "this folder has no plan.yaml" in result.stderr


# -- the emotion curve in a terminal ----------------------------------------------------------


def split_at(row: str, width: int) -> tuple[str, str]:
    """``row`` cut where its first ``width`` terminal cells end."""
    used = 0
    for index, char in enumerate(row):
        if used >= width:
            return row[:index], row[index:]
        used += cells(char)
    return row, ""


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir()))
def test_the_curve_is_aligned_and_fits_a_narrow_terminal(example: str) -> None:
    for journey_map in PlanAnalysis(load_plan(EXAMPLES / example)).journeys.journeys:
        rows = [text for text, style in curve_lines(journey_map) if style is None and text]
        assert len(rows) == len(journey_map.touchpoints)
        for row in rows:
            head, tail = split_at(row, 4 + NAME_CELLS + 2)
            assert cells(head) == 4 + NAME_CELLS + 2 and head.endswith("  "), row
            assert set(tail[:18]) <= set(" .o*@-") and tail[18:20] == "  ", row
            assert cells(row) <= 60, row


@pytest.mark.parametrize(("name", "expected"), [
    ("Short", "Short" + " " * 21),
    ("상담 예약 확인 문자와 준비 안내 메시지", "상담 예약 확인 문자와 준… "),
    ("公众号技术文章与应用案例以及更多内容", "公众号技术文章与应用案例… "),
    ("😀" * 20, "😀" * 12 + "… "),
])
def test_names_are_cut_to_the_column_by_terminal_cells(name: str, expected: str) -> None:
    assert fit(name, NAME_CELLS) == expected
    assert cells(expected) == NAME_CELLS


@pytest.mark.parametrize(("today", "to_be", "marks"), [
    (-1, 1, " .   o-------*   ."),
    (1, -2, " *-----------o   ."),
    (0, 0, " .   .   @   .   ."),
    (2, None, " .   .   .   .   o"),
    (None, -2, " *   .   .   .   ."),
    (None, None, " .   .   .   .   ."),
])
def test_the_scale_marks_as_is_and_to_be(today: int | None, to_be: int | None,
                                         marks: str) -> None:
    assert scale(today, to_be) == marks


ROWS = [("\x1b[2J [bold]x[/] 상담", "bold"), ("plain", None), ("", None)]


def test_many_lines_print_markup_and_escapes_as_text(
        capsys: pytest.CaptureFixture[str]) -> None:
    output.lines(ROWS)
    assert capsys.readouterr().out == "\\x1b[2J [bold]x[/] 상담\nplain\n\n"


def test_many_lines_on_a_colour_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.console import Console

    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, color_system="standard",
                       highlight=False, soft_wrap=True, emoji=False)
    monkeypatch.setattr(output, "console", lambda stderr=False: terminal)
    # a colour terminal, whatever stream the test runner gives stdout
    monkeypatch.setattr(output, "plain", lambda stderr=False: False)
    output.lines(ROWS)
    printed = screen.getvalue()
    assert "\x1b[2J" not in printed and "\\x1b[2J [bold]x[/] 상담" in printed
    assert "\x1b[1m" in printed  # the row's own style
    assert re.sub("\x1b\\[[0-9;]*m", "", printed) == "\\x1b[2J [bold]x[/] 상담\nplain\n\n"


# -- the examples ----------------------------------------------------------------------------


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir()))
@pytest.mark.parametrize("output", ["text", "json", "md"])
def test_every_example_in_every_format(runner: CliRunner, example: str, output: str) -> None:
    result = journey(runner, EXAMPLES / example, "-f", output)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir()))
def test_every_example_journey_as_a_diagram_that_parses(runner: CliRunner,
                                                        example: str) -> None:
    for journey_map in PlanAnalysis(load_plan(EXAMPLES / example)).journeys.journeys:
        result = journey(runner, EXAMPLES / example, "-f", "mermaid", "-j", journey_map.id)
        assert result.exit_code == 0, result.output
        parsed = check(result.stdout)
        assert len(parsed.sections) == len(journey_map.stages)


def test_journeys_are_separated_by_a_blank_line(runner: CliRunner) -> None:
    plan = EXAMPLES / "b2b-manufacturer-zh"
    lines = runner.invoke(app, ["journey", str(plan), "--lang", "en"]).output.splitlines()
    starts = [n for n, line in enumerate(lines) if line.startswith("Journey map: ")]
    assert len(starts) == 2 and lines[starts[1] - 1] == ""


def test_gaps_carry_codes_and_the_plan_can_silence_a_rule(
        runner: CliRunner, plan_file: Path) -> None:
    data = as_json(journey(runner, plan_file, "-f", "json"))
    gaps = [*data["journeys"][0]["findings"], *data["findings"]]
    assert [(g["rule"], g["code"], g["journey"]) for g in gaps] == [
        ("stage_without_touchpoints", "CRM502", "vip_journey"),
        ("opportunity_without_owner", "CRM509", "vip_journey"),
        ("persona_without_journey", "CRM510", None)]
    markdown = journey(runner, plan_file, "-f", "md").stdout
    assert "**Stages without touchpoints** (1) `CRM502`" in markdown
    plan_file.write_text(plan_file.read_text(encoding="utf-8")
                         + "checks:\n  ignore: [CRM502, CRM509, CRM510]\n", encoding="utf-8")
    result = journey(runner, plan_file, "--strict")
    assert result.exit_code == 0
    assert result.stdout.endswith("Coverage gaps\n  none\n\n1 journey, 1 touchpoint, "
                                  "0 coverage gaps\n")
