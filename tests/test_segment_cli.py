"""``crmplan segment`` and ``crmplan segment score`` through the CLI runner."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conftest import as_json
from crmplan.cli import app
from crmplan.plan.load import load_plan
from segment_plans import where

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("*/plan.yaml"))

PLAN = """\
schema_version: 1
client:
  name: Acme Outdoor  # the client
  language: en
  currency: USD
kpis:
  - id: repeat_purchase_rate
  - id: nps
segments:
  - id: vip
    name: "VIP [/] members | top"
    definition: "Customers with 3+ orders <b>and</b> $600+"
    existing_customers: true
    size: 1000
    contactable_pct: 90
    revenue_share_pct: 40
    annual_revenue: 500000
    long_term_value: 2000
    offers:
      - id: care
        product: Early access
        payment_terms: Full price
        delivery_terms: Free two-day shipping
  - id: new
    name: New buyers
    definition: One order in the last year
    size: 4000
task_force:
  criteria:
    - {id: short_term_profit, name: Short-term profit, weight: 2}
    - {id: speed, name: Speed, weight: 1}
  members:
    - {id: ann, name: Ann Lee}
    - {id: bo, name: Bo Kim}
  scores:
    - member: ann
      segment: vip
      scores: {short_term_profit: 5, speed: 4}
    - member: bo
      segment: vip
      scores: {short_term_profit: 3, speed: 4}
    - member: ann
      segment: new
      scores: {short_term_profit: 2}
campaigns:
  - id: early
    name: Early access test
    segment: vip
    offer: care
    test: true
    start: 2026-03-02
    end: 2026-03-29
    cost: 20000
    expected_return: 50000
    measurement:
      metric: nps
      method: holdout
      comparison_group: 10% of VIPs, no message
      start: 2026-03-02
      end: 2026-04-30
      revenue_conversion: One NPS point keeps 3 VIPs a year
    simulation: {response_rate_pct: 20, conversion_rate_pct: 25}
"""
KEYS = {"schema", "plan", "client", "currency", "segments", "task_force", "ranking",
        "missing_scores", "sensitivity", "matrix", "campaigns", "findings", "counts"}



def segment(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(app, ["segment", *map(str, args)])



def changed_lines(before: str, after: str) -> list[tuple[str, list[str], list[str]]]:
    """(operation, old lines, new lines) of every difference."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [(tag, old[i1:i2], new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            if tag != "equal"]


# -- the report ---------------------------------------------------------------------------


def test_text_report(runner: CliRunner, plan_file: Path) -> None:
    result = segment(runner, plan_file)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"""\
Segments of Acme Outdoor ({plan_file})

Reach and value
  vip: VIP [/] members | top — Customers with 3+ orders <b>and</b> $600+
  new: New buyers — One order in the last year

  segment  customers  contactable  reachable  consented  targetable
  vip          1,000          90%        900          –  yes
  new          4,000            –          –          –  not yet: share unknown

  segment  revenue share  annual revenue  value per customer  segment long-term value
  vip                40%        $500,000           $2,000.00               $2,000,000
  new                  –               –                   –                        –

Task-force ranking
  Scale 1-5; 2 members, 3 score sheets. A total is the weighted sum of the mean score of \
the members who scored each criterion.
  C1 Short-term profit ×2
  C2 Speed ×1

  rank  segment  total  out of  mean score  members  C1  C2
  1     vip         12      15           4      2/2   4   4
  2     new         6*      15           2      1/2   2   –
  * a criterion nobody scored: the total is the weighted mean of the scored criteria times \
all the weights

Missing scores
  ann: new (speed)
  bo: new

Sensitivity of the top
  Moving any weight by 10%, up or down, keeps vip at the top.

Offers of the targeted segments
  vip / care
    product: Early access
    payment terms: Full price
    delivery terms: Free two-day shipping
    service terms: –

Campaigns
  early: Early access test (test campaign; vip / care)
    cost $20,000, expected return $50,000, net $30,000: covers its cost
    measured by nps, holdout group, 2026-03-02 – 2026-04-30
    comparison group: 10% of VIPs, no message
    revenue conversion: One NPS point keeps 3 VIPs a year
    simulated: 900 contacted, 180 respond, 45 buy, revenue – against a cost of $20,000

Priority matrix (0 to 1)
  Ease of execution: Speed, contactable share
  Value: Short-term profit, revenue share, segment long-term value
  segment  Ease of execution  Value  quadrant
  vip                   0.83   0.92  Attack first
  Not placed (nothing to place them by): new

Findings
  {plan_file}:24:5: warning: segment 'new' is not targetable yet: its contactable share is \
not stated  [CRM601]
      hint: check how many of its customers can be contacted individually and write \
contactable_pct
  {plan_file}:33:7: warning: member 'ann' has not scored 1 segment(s) in full: new (speed)  [CRM605]
      hint: totals use the mean of the members who scored; complete the sheets to rank on \
the whole task force
  {plan_file}:34:7: warning: member 'bo' has not scored 1 segment(s) in full: new  [CRM605]
      hint: totals use the mean of the members who scored; complete the sheets to rank on \
the whole task force
  {plan_file}:10:5: warning: targeted segment 'vip' does not say when its customers buy  \
[CRM641]
      hint: write purchase_timing: the season, cycle or event that brings them to buy
  {plan_file}:36:7: note: members disagree on 'short_term_profit' for segment 'vip': ann 5, \
bo 3  [CRM606]
      hint: discuss the reasons before the ranking is final
{plan_file}: 0 errors, 4 warnings, 1 note
"""


def test_json_has_the_schema_and_documented_fields(runner: CliRunner, plan_file: Path) -> None:
    result = segment(runner, plan_file, "--format", "json")
    assert result.exit_code == 0, result.output
    data = as_json(result)
    assert set(data) == KEYS and data["schema"] == "crmplan.segment/1"
    assert [(r["segment"], r["rank"], r["tied"], r["total"], r["complete"])
            for r in data["ranking"]] == [("vip", 1, False, 12, True), ("new", 2, False, 6, False)]
    assert data["ranking"][0]["criteria"][0] == {
        "id": "short_term_profit", "mean": 4, "low": 5 - 2, "high": 5, "spread": 2,
        "scores": [{"member": "ann", "score": 5}, {"member": "bo", "score": 3}]}
    assert data["segments"][0]["name"] == "VIP [/] members | top"
    assert data["segments"][0]["reachable"] == 900 and data["segments"][1]["reach"] == "unknown"
    assert data["missing_scores"] == [
        {"member": "ann", "segment": "new", "criteria": ["speed"], "whole_sheet": False},
        {"member": "bo", "segment": "new", "criteria": ["short_term_profit", "speed"],
         "whole_sheet": True}]
    assert data["sensitivity"]["stable"] is True and len(data["sensitivity"]["checks"]) == 4
    assert data["matrix"]["points"][0]["quadrant"] == "attack_first"
    assert data["campaigns"][0]["covers_cost"] is True
    assert data["counts"] == {"errors": 0, "warnings": 4, "notes": 1}
    assert data["findings"][0]["location"] == f"{plan_file}:24:5"


def test_same_plan_same_bytes(runner: CliRunner, plan_file: Path) -> None:
    for output in ("text", "json", "md"):
        assert segment(runner, plan_file, "-f", output).stdout == segment(
            runner, plan_file, "-f", output).stdout


def test_markdown_escapes_plan_text_and_draws_the_matrix(
        runner: CliRunner, plan_file: Path) -> None:
    result = segment(runner, plan_file, "-f", "md")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "# Segments: Acme Outdoor"
    assert "- **vip**: Customers with 3+ orders &lt;b&gt;and&lt;/b&gt; $600+" in lines
    assert any(line.startswith("| VIP \\[/\\] members \\| top (vip) | 1,000 | 90% |")
               for line in lines)
    chart = lines[lines.index("```mermaid") + 1: lines.index("```", lines.index("```mermaid"))]
    assert chart[0] == "quadrantChart"
    assert chart[-1] == '    "VIP [/] members | top": [0.83, 0.92]'
    assert lines[-1] == f"{plan_file}: 0 errors, 4 warnings, 1 note"


@pytest.mark.parametrize("lang", ["ko", "zh"])
def test_lang_translates_the_report(runner: CliRunner, plan_file: Path, lang: str) -> None:
    english = segment(runner, plan_file, "--lang", "en").stdout.splitlines()
    other = segment(runner, plan_file, "--lang", lang).stdout.splitlines()
    assert other[0] != english[0] and other[2] != english[2]
    assert len(other) == len(english)


# -- exit codes ---------------------------------------------------------------------------


def test_warnings_exit_1_only_under_strict(runner: CliRunner, plan_file: Path) -> None:
    assert segment(runner, plan_file).exit_code == 0
    assert segment(runner, plan_file, "--strict").exit_code == 1


def test_an_unmeasured_revenue_effect_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.replace("      revenue_conversion: One NPS point keeps 3 VIPs a year\n",
                                 ""), encoding="utf-8")
    result = segment(runner, path)
    assert result.exit_code == 1
    assert f"  {path}:55:5: error: campaign 'early' measures 'nps', not revenue, and states " \
           "no revenue conversion  [CRM614]" in result.stdout.splitlines()


@pytest.mark.parametrize(("old", "new", "at", "message"), [
    ("scores: {short_term_profit: 5, speed: 4}", "scores: {short_term_profit: 7, speed: 4}",
     "7, speed", "task_force.scores[0].scores.short_term_profit: score 7 is outside the "
     "scale 1-5  [CRM303]"),
    ("- member: bo", "- member: bob", "bob",
     "task_force.scores[1].member: unknown task-force member 'bob'  [CRM302]"),
    ("scores: {short_term_profit: 2}", "scores: {short_term_profit: 2, sped: 1}", "sped",
     "task_force.scores[2].scores.sped: unknown criterion 'sped'  [CRM302]"),
    ("    measurement:\n", "    measurement_plan:\n", "measurement_plan",
     "campaigns[early].measurement_plan: unknown field 'measurement_plan'  [CRM203]"),
])
def test_plan_problems_exit_1_with_file_line_col(
        runner: CliRunner, tmp_path: Path, old: str, new: str, at: str, message: str) -> None:
    path = tmp_path / "plan.yaml"
    text = PLAN.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    result = segment(runner, path)
    assert result.exit_code == 1
    assert f"{where(text, at, str(path))}: error: {message}" in result.output.splitlines()
    assert "Task-force ranking" not in result.output


def test_a_campaign_without_a_measurement_plan_exits_1(runner: CliRunner, tmp_path: Path
                                                       ) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.split("    measurement:\n")[0], encoding="utf-8")
    result = segment(runner, path)
    assert result.exit_code == 1
    assert f"{path}:46:5: error: campaigns[early]: required field 'measurement' is missing" \
        "  [CRM201]" in result.output.splitlines()


def test_bad_usage_exits_2(runner: CliRunner, plan_file: Path, tmp_path: Path) -> None:
    assert segment(runner, tmp_path / "missing").exit_code == 2
    assert segment(runner, plan_file, "--format", "html").exit_code == 2
    result = segment(runner, "score", "vip", "speed=4", "--plan", plan_file)
    assert result.exit_code == 2  # --member is required
    assert "Traceback" not in result.output


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
@pytest.mark.parametrize("output", ["text", "json", "md"])
def test_examples_report_cleanly(runner: CliRunner, path: Path, output: str) -> None:
    result = segment(runner, path, "--format", output, "--strict")
    assert result.exit_code == 0, result.output


# -- segment score ------------------------------------------------------------------------

BLOCK = """\
schema_version: 1
client:
  name: 'Acme'   # odd quoting, kept
  language: en
segments:
  - {id: vip, name: "VIP", definition: 'Top spenders'}
  - id: new
    name: New
    definition: New buyers
task_force:
  scale: {min: 1, max: 5}
  members:
    - id: ann
      name: Ann Lee
    - {id: bo, name: 'Bo Kim'}
  scores:
    - member: ann   # Ann's sheet
      segment: vip
      scores:
        short_term_profit: 4     # strong margin
        speed: "3"
      note: 'Fast to launch'
    # sheets of the next workshop go below
decisions: []  # the end
"""


def score(runner: CliRunner, path: Path, *args: str) -> Result:
    return runner.invoke(app, ["segment", "score", *args, "--plan", str(path)])


@pytest.fixture
def block_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_bytes(BLOCK.replace('speed: "3"', "speed: 3").encode("utf-8"))
    return path


def test_score_adds_criteria_to_a_sheet_and_leaves_every_other_byte(
        runner: CliRunner, block_file: Path) -> None:
    before = block_file.read_text(encoding="utf-8")
    result = score(runner, block_file, "vip", "data_availability=5", "customer_interest=4.5",
                   "-m", "ann")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Scores of member 'ann' for segment 'vip' updated in {block_file}:",
        "  data_availability: 5", "  customer_interest: 4.5"]
    after = block_file.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        ("insert", [], ["        data_availability: 5\n", "        customer_interest: 4.5\n"])]
    sheet = load_plan(block_file).plan.task_force.scores[0]  # type: ignore[union-attr]
    assert sheet.scores == {"short_term_profit": 4, "speed": 3, "data_availability": 5,
                            "customer_interest": 4.5}


def test_score_creates_the_members_sheet(runner: CliRunner, block_file: Path) -> None:
    before = block_file.read_text(encoding="utf-8")
    result = score(runner, block_file, "new", "speed=2", "--member", "Bo Kim",
                   "--note", "Needs: data first")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == \
        f"New score sheet of member 'bo' for segment 'new' in {block_file}:"
    after = block_file.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [("insert", [], [
        "    - member: bo\n", "      segment: new\n", "      scores:\n", "        speed: 2\n",
        '      note: "Needs: data first"\n'])]
    assert after.index("- member: bo") < after.index("# sheets of the next workshop")


def test_score_refuses_to_overwrite_without_replace(runner: CliRunner, block_file: Path
                                                    ) -> None:
    before = block_file.read_bytes()
    result = score(runner, block_file, "vip", "speed=5", "short_term_profit=4", "-m", "ann")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"crmplan: error: member 'ann' already gave segment 'vip' speed=3 ({block_file}:17:7)" \
        in result.output.splitlines()
    assert "    hint: add --replace to overwrite" in result.output.splitlines()
    assert block_file.read_bytes() == before


def test_score_replaces_with_replace(runner: CliRunner, block_file: Path) -> None:
    before = block_file.read_text(encoding="utf-8")
    result = score(runner, block_file, "vip", "speed=5", "short_term_profit=4", "-m", "ann",
                   "--replace", "--note", "Launch in May")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == [
        "  speed: 5 (was 3)", "  note: Launch in May (was Fast to launch)",
        "  short_term_profit: unchanged"]
    assert changed_lines(before, block_file.read_text(encoding="utf-8")) == [
        ("replace", ["        speed: 3\n", "      note: 'Fast to launch'\n"],
         ["        speed: 5\n", "      note: Launch in May\n"])]


def test_a_note_may_span_lines(runner: CliRunner, block_file: Path) -> None:
    result = score(runner, block_file, "new", "speed=2", "-m", "ann", "--note", "Fast\nbut risky")
    assert result.exit_code == 0, result.output
    assert '      note: "Fast\\nbut risky"\n' in block_file.read_text(encoding="utf-8")
    assert load_plan(block_file).plan.task_force.scores[1].note == (  # type: ignore[union-attr]
        "Fast\nbut risky")


def test_score_that_changes_nothing_writes_nothing(runner: CliRunner, block_file: Path
                                                   ) -> None:
    before = block_file.stat().st_mtime_ns, block_file.read_bytes()
    result = score(runner, block_file, "vip", "speed=3", "-m", "ann")
    assert result.exit_code == 0, result.output
    assert "Nothing to write" in result.stdout
    assert (block_file.stat().st_mtime_ns, block_file.read_bytes()) == before


@pytest.mark.parametrize(("args", "message", "hint"), [
    (["vipp", "speed=4", "-m", "ann"], "unknown segment 'vipp'", "did you mean 'vip'?"),
    (["vip", "speed=4", "-m", "anne"], "unknown task-force member 'anne'",
     "did you mean 'ann'?"),
    (["vip", "sped=4", "-m", "ann"], "unknown criterion 'sped'", "did you mean 'speed'?"),
    (["vip", "speed=6", "-m", "ann"], "speed=6 is outside the scale 1-5",
     "the scale is set under task_force.scale"),
    (["vip", "speed=0.5", "-m", "ann"], "speed=0.5 is outside the scale 1-5",
     "the scale is set under task_force.scale"),
    (["vip", "speed=high", "-m", "ann"], "'speed=high': the score must be a number such as 4 "
     "or 3.5", ""),
    (["vip", "speed=3,5", "-m", "ann"], "'speed=3,5': the score must be a number such as 4 "
     "or 3.5", "write 3.5"),
    (["vip", "speed", "-m", "ann"], "'speed' is not criterion=score",
     "write each score as criterion=score, e.g. speed=4"),
    (["vip", "speed=4", "speed=5", "-m", "ann"], "criterion 'speed' is given twice", ""),
    (["vip", "speed=4", "-m", "ann", "--note", " "], "the note is empty",
     "leave --note out to keep the sheet's note"),
    (["vip", "speed=4", "-m", "ann", "--note", "bell\x07"], "the note holds a control character",
     "write it as plain text; line breaks are fine"),
])
def test_score_mistakes_are_usage_errors_and_write_nothing(
        runner: CliRunner, block_file: Path, args: list[str], message: str, hint: str) -> None:
    before = block_file.read_bytes()
    result = score(runner, block_file, *args)
    assert result.exit_code == 2, result.output
    lines = result.output.splitlines()
    assert f"crmplan: error: {message}" in lines
    assert (f"    hint: {hint}" in lines) if hint else not any("hint" in x for x in lines)
    assert "Traceback" not in result.output
    assert block_file.read_bytes() == before


def test_score_keeps_crlf_line_ends_and_a_bom(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    original = b"\xef\xbb\xbf" + BLOCK.replace('speed: "3"', "speed: 3").replace(
        "\n", "\r\n").encode("utf-8")
    path.write_bytes(original)
    result = score(runner, path, "new", "speed=4", "-m", "ann")
    assert result.exit_code == 0, result.output
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\n") == data.count(b"\r\n")
    added = b"    - member: ann\r\n      segment: new\r\n      scores:\r\n        speed: 4\r\n"
    assert data.replace(added, b"") == original


def test_score_creates_the_scores_list(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    text = BLOCK.split("  scores:\n")[0] + "decisions: []\n"
    path.write_text(text, encoding="utf-8")
    result = score(runner, path, "vip", "speed=4", "-m", "bo")
    assert result.exit_code == 0, result.output
    assert changed_lines(text, path.read_text(encoding="utf-8")) == [("insert", [], [
        "  scores:\n", "    - member: bo\n", "      segment: vip\n", "      scores:\n",
        "        speed: 4\n"])]


def test_score_on_a_plan_with_problems_exits_1_and_writes_nothing(
        runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(BLOCK, encoding="utf-8")  # speed: "3" is text, not a score
    result = score(runner, path, "vip", "customer_interest=4", "-m", "ann")
    assert result.exit_code == 1
    assert f"{path}:21:16: error: task_force.scores[0].scores.speed: expected a number, got " \
           "the text '3'  [CRM202]" in result.output.splitlines()
    assert path.read_text(encoding="utf-8") == BLOCK


def test_findings_carry_codes_and_the_plan_can_silence_a_rule(
        runner: CliRunner, plan_file: Path) -> None:
    findings = as_json(segment(runner, plan_file, "-f", "json"))["findings"]
    assert [(f["rule"], f["code"], f["level"]) for f in findings] == [
        ("contactable_unknown", "CRM601", "warning"), ("missing_scores", "CRM605", "warning"),
        ("missing_scores", "CRM605", "warning"), ("purchase_timing_unknown", "CRM641", "warning"),
        ("disagreement", "CRM606", "note")]
    markdown = segment(runner, plan_file, "-f", "md").stdout
    assert "discuss the reasons before the ranking is final `CRM606`" in markdown
    plan_file.write_text(plan_file.read_text(encoding="utf-8")
                         + "checks:\n  ignore: [CRM601, CRM605, CRM641]\n", encoding="utf-8")
    assert segment(runner, plan_file, "--strict").exit_code == 0
    data = as_json(segment(runner, plan_file, "-f", "json"))
    assert [f["code"] for f in data["findings"]] == ["CRM606"]
    assert data["counts"] == {"errors": 0, "warnings": 0, "notes": 1}
