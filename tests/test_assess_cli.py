"""``crmplan assess`` through the CLI runner: formats, languages, exit codes, ``--record``."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conftest import as_json
from crmplan.cli import app
from crmplan.plan.load import load_plan

# A plan whose touchpoints are not organized (the stated answer decides: no journeys yet).
PLAN = """\
schema_version: 1
client:
  name: Acme Clinic  # a client
engagement:
  internal_manager: {name: Min-ji Park}
assessment:
  touchpoints_organized: {answer: no, note: "desk | phone <script>alert(1)</script>"}
  criteria: {essential: [budget], optional: ['speed']}
  exclusion_conditions:
    - {description: Code freeze, excludes: crm_kpi, confirmed: true, applies: false}
  verification_questions: ["Who owns the <b>desk</b> | phone?"]
# the end
"""
KEYS = {"schema", "plan", "judged_on", "recommendation", "selection_criteria", "contradictions",
        "maturity", "readiness", "failure_causes", "verification_questions", "next_steps",
        "decision", "assumptions", "findings"}
EARLIER = """\
decisions:
  - id: manual
    date: 2026-01-02
    summary: Chosen by hand
  - id: old-assess
    date: 2026-02-01
    source: assess
    summary: Not ready to choose yet
    status: superseded
    superseded_by: assess-2026-03-01
  - id: assess-2026-03-01
    date: 2026-03-01
    source: assess
    summary: Map the journey first  # the last one
"""



def assess(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(app, ["assess", *map(str, args)])


def test_record_cuts_a_long_note_in_the_evidence_to_what_a_plan_holds(
        runner: CliRunner, plan_file: Path) -> None:
    note = "w" * 19_990  # the most a plan's text holds, less the rest of the evidence line
    plan_file.write_text(PLAN.replace('"desk | phone <script>alert(1)</script>"', note))
    result = assess(runner, plan_file, "--record", "--date", "2026-05-01")
    assert result.exit_code == 0, result.output
    [decision] = load_plan(plan_file).plan.decisions  # loads: every text within its limit
    assert all(len(line) <= 20_000 for line in decision.evidence)
    assert any(re.search(r"^\S+ assessment\.touchpoints_organized: no \(w+… \(2\d,\d{3} "
                         r"characters\)$", line) for line in decision.evidence)



def inserted_only(before: str, after: str) -> list[str]:
    """The lines ``after`` adds to ``before``; fails if anything else changed."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    assert all(tag == "insert" for tag, *_ in changes), changes
    return [line for _tag, _i1, _i2, j1, j2 in changes for line in new[j1:j2]]


# -- formats -------------------------------------------------------------------------------


def test_text_names_the_recommendation_with_file_line_evidence(
        runner: CliRunner, plan_file: Path) -> None:
    result = assess(runner, plan_file)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "What to do first (draft): Map the customer journey first"
    assert f"    {plan_file}:7:3  assessment.touchpoints_organized: no (desk | phone " \
           "<script>alert(1)</script>)" in lines
    assert "  - Meet the internal execution manager (Min-ji Park) to confirm scope, priorities " \
           "and inspection standards." in lines
    assert "CRM maturity: stage 0 of 4" in lines
    assert "Rule trail: every fact and what it rests on" not in lines
    assert "Rule trail: every fact and what it rests on" in assess(
        runner, plan_file, "--explain").stdout


def test_json_has_the_schema_and_documented_keys(runner: CliRunner, plan_file: Path) -> None:
    result = assess(runner, plan_file, "--format", "json")
    assert result.exit_code == 0, result.output
    data = as_json(result)
    assert data["schema"] == "crmplan.assess/1"
    assert set(data) == KEYS
    assert data["recommendation"]["id"] == "journey_first"
    assert data["recommendation"]["reasons"][0]["evidence"][0]["location"] == f"{plan_file}:7:3"
    assert data["maturity"]["stage"] == 0
    assert data["verification_questions"][0] == "Who owns the <b>desk</b> | phone?"
    explained = as_json(assess(runner, plan_file, "-f", "json", "--explain"))
    assert set(explained) == {*KEYS, "facts"}
    assert explained["facts"]["touchpoints_organized"]["stated"] == "no"
    assert {k: v for k, v in explained.items() if k != "facts"} == data


def test_markdown_renders_headings_and_escapes_the_plan_text(
        runner: CliRunner, plan_file: Path) -> None:
    result = assess(runner, plan_file, "--format", "md")
    assert result.exit_code == 0, result.output
    text = result.stdout
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# Assessment: " + str(plan_file), "## Map the customer journey first",
        "## Selection criteria", "## CRM maturity: stage 0 of 4",
        "## Journey-management readiness: 0/100", "## Common failure causes",
        "## Assumptions the plan tests", "## Findings", "## Verification questions",
        "## Next steps"]
    assert "<script>" not in text and "<b>" not in text
    assert "desk \\| phone &lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "- Who owns the &lt;b&gt;desk&lt;/b&gt; \\| phone?" in text
    assert "## Rule trail" in assess(runner, plan_file, "-f", "md", "--explain").stdout


def test_text_and_markdown_report_a_stated_no_the_plan_contradicts(
        runner: CliRunner, plan_file: Path) -> None:
    kpis = ("kpis:\n  - {id: nps, baseline: {value: 12, as_of: 2026-01-05, source: survey},\n"
            "     target: {value: 30, by: 2026-12-31}}\n")
    plan_file.write_text(PLAN.replace("  criteria:", "  improvement_standards: {answer: no}\n"
                                      "  criteria:") + kpis, encoding="utf-8")
    text = assess(runner, plan_file).stdout
    assert "  improvement_standards: stated no, the plan shows yes" in text.splitlines()
    assert f"    {plan_file}:8:3  assessment.improvement_standards: no" in text.splitlines()
    markdown = assess(runner, plan_file, "-f", "md").stdout
    assert "- improvement_standards: stated no, the plan shows yes" in markdown.splitlines()


# -- languages -----------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "header"), [("ko", "| 단계 |"), ("zh", "| 阶段 |")])
def test_lang_changes_the_labels(runner: CliRunner, plan_file: Path, lang: str,
                                 header: str) -> None:
    english = assess(runner, plan_file, "-f", "md", "--lang", "en").stdout
    other = assess(runner, plan_file, "-f", "md", "--lang", lang).stdout
    assert "| stage |" in english
    assert header in other and "| stage |" not in other
    # the plan's own text is never translated
    assert "Who owns the &lt;b&gt;desk&lt;/b&gt; \\| phone?" in other
    # JSON field names and ids stay the same in every language
    data = as_json(assess(runner, plan_file, "-f", "json", "--lang", lang))
    assert set(data) == KEYS and data["recommendation"]["id"] == "journey_first"


@pytest.mark.parametrize("lang", ["ko", "zh"])
def test_lang_translates_the_recommendation(runner: CliRunner, plan_file: Path,
                                            lang: str) -> None:
    english = assess(runner, plan_file, "--lang", "en").stdout.splitlines()
    other = assess(runner, plan_file, "--lang", lang).stdout.splitlines()
    assert other[0] != english[0]


# -- exit codes ----------------------------------------------------------------------------


def test_a_plan_with_errors_exits_1_with_located_issues(
        runner: CliRunner, tmp_path: Path, build_tree: Callable[..., Path]) -> None:
    build_tree(tmp_path, {"plan.yaml": "schema_version: 1\nclinet:\n  name: Acme\n"})
    name = tmp_path / "plan.yaml"
    result = assess(runner, name)
    assert result.exit_code == 1
    assert f"{name}:2:1: error: clinet: unknown field 'clinet'" in result.output
    assert f"{name}:1:1: error: required field 'client' is missing" in result.output
    assert "What to do first" not in result.output


def test_a_missing_path_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = assess(runner, tmp_path / "missing")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("crmplan: error: ")


@pytest.mark.parametrize("option", [["--format", "pdf"], ["--lang", "fr"],
                                    ["--date", "2026-13-01"], ["--date", "01/05/2026"]])
def test_bad_options_exit_2(runner: CliRunner, plan_file: Path, option: list[str]) -> None:
    result = assess(runner, plan_file, "--record", *option)
    assert result.exit_code == 2, result.output
    assert plan_file.read_text(encoding="utf-8") == PLAN


# -- --record ------------------------------------------------------------------------------


def test_record_appends_a_decision_and_leaves_every_other_byte(
        runner: CliRunner, plan_file: Path) -> None:
    result = assess(runner, plan_file, "--record", "--date", "2026-05-01")
    assert result.exit_code == 0, result.output
    assert f"Recorded as decision 'assess-2026-05-01' in {plan_file}" in result.stdout
    after = plan_file.read_text(encoding="utf-8")
    added = inserted_only(PLAN, after)
    assert added[:6] == [
        "decisions:\n",
        "  - id: assess-2026-05-01\n",
        "    date: 2026-05-01\n",
        "    source: assess\n",
        "    summary: Map the customer journey first\n",
        "    rationale: \"customer touchpoints are organized: listed by stage, each with an "
        "owner: no\"\n",
    ]
    assert added[-1] == "    status: active\n"
    # a new top-level key goes after the last content line, above the trailing comment
    assert after == PLAN.replace("# the end\n", "".join(added) + "# the end\n")
    [decision] = load_plan(plan_file).plan.decisions
    assert decision.evidence[0] == f"{plan_file}:7:3 assessment.touchpoints_organized: no " \
                                   "(desk | phone <script>alert(1)</script>)"


def test_record_supersedes_the_active_assess_decision_only(
        runner: CliRunner, plan_file: Path) -> None:
    before = PLAN + EARLIER
    plan_file.write_text(before, encoding="utf-8")
    result = assess(runner, plan_file, "-f", "json", "--record", "--date", "2026-05-01")
    assert result.exit_code == 0, result.output
    assert as_json(result)["recommendation"]["id"] == "journey_first"  # stdout stays JSON
    assert "Recorded as decision 'assess-2026-05-01'" in result.stderr
    after = plan_file.read_text(encoding="utf-8")
    added = inserted_only(before, after)
    assert added[:2] == ["    status: superseded\n", "    superseded_by: assess-2026-05-01\n"]
    assert after.index("superseded_by: assess-2026-05-01\n") > after.index("# the last one")
    decisions = {d.id: d for d in load_plan(plan_file).plan.decisions}
    assert list(decisions) == ["manual", "old-assess", "assess-2026-03-01", "assess-2026-05-01"]
    states = {i: (d.status.value, d.superseded_by) for i, d in decisions.items()}
    assert states == {
        "manual": ("active", None),
        "old-assess": ("superseded", "assess-2026-03-01"),
        "assess-2026-03-01": ("superseded", "assess-2026-05-01"),
        "assess-2026-05-01": ("active", None),
    }


def test_a_second_record_on_the_same_day_gets_a_new_id(
        runner: CliRunner, plan_file: Path) -> None:
    for _ in range(2):
        result = assess(runner, plan_file, "--record", "--date", "2026-05-01")
        assert result.exit_code == 0, result.output
    assert "Recorded as decision 'assess-2026-05-01-2'" in result.stdout
    plan = load_plan(plan_file).plan
    assert [(d.id, d.status.value, d.superseded_by) for d in plan.decisions] == [
        ("assess-2026-05-01", "superseded", "assess-2026-05-01-2"),
        ("assess-2026-05-01-2", "active", None),
    ]
    validated = runner.invoke(app, ["validate", str(plan_file)])
    assert validated.exit_code == 0, validated.output
    assert "valid (0 errors" in validated.output


def test_record_keeps_crlf_line_ends(runner: CliRunner, plan_file: Path) -> None:
    before = PLAN.replace("\n", "\r\n")
    plan_file.write_bytes(before.encode("utf-8"))
    result = assess(runner, plan_file, "--record", "--date", "2026-05-01")
    assert result.exit_code == 0, result.output
    after = plan_file.read_bytes().decode("utf-8")
    assert "\n" not in after.replace("\r\n", "")
    assert inserted_only(before, after)[0] == "decisions:\r\n"


def test_record_refuses_a_date_in_the_future(runner: CliRunner, plan_file: Path) -> None:
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["assess", str(plan_file), "--record", "--date", "2999-01-01"])
    assert result.exit_code == 2 and "2999-01-01 is in the future" in result.output
    assert plan_file.read_bytes() == before


# -- the decision in force: an engagement walked from the start ------------------------------

# A three-branch dental clinic as found: 6 of its 8 touchpoints have an owner, no KPI has a
# baseline yet, and the consultant stated both.
CLINIC = """\
schema_version: 1
client:
  name: Bright Smile Dental
assessment:
  touchpoints_organized: {answer: partly}
  improvement_standards: {answer: no}
  criteria: {essential: [owners first], optional: [new booking tool]}
  exclusion_conditions:
    - {description: A move of the main branch, excludes: both, confirmed: true, applies: false}
kpis:
  - {id: retention_rate}
  - {id: nps}
journeys:
  - id: patient
    name: Patient journey
    stages: [{id: book, name: Booking}, {id: visit, name: Visit}]
    touchpoints:
      - {id: t1, name: Phone, stage: book, channel: phone, owner: Front desk}
      - {id: t2, name: Web form, stage: book, channel: web, owner: Front desk}
      - {id: t3, name: Reminder, stage: book, channel: sms, owner: Front desk}
      - {id: t4, name: Check-in, stage: visit, channel: in_person, owner: Front desk}
      - {id: t5, name: Chair, stage: visit, channel: in_person, owner: Dentists}
      - {id: t6, name: Billing, stage: visit, channel: in_person, owner: Front desk}
      - {id: t7, name: Aftercare call, stage: visit, channel: phone}
      - {id: t8, name: Review request, stage: visit, channel: email}
"""
OWNED = {"      - {id: t7, name: Aftercare call, stage: visit, channel: phone}":
         "      - {id: t7, name: Aftercare call, stage: visit, channel: phone, owner: Nurses}",
         "      - {id: t8, name: Review request, stage: visit, channel: email}":
         "      - {id: t8, name: Review request, stage: visit, channel: email, owner: Office}"}
MEASURED = {
    "  - {id: retention_rate}": "  - {id: retention_rate, baseline: {value: 61, as_of: "
    "2026-04-01, source: PMS}, target: {value: 70, by: 2026-12-31}}",
    "  - {id: nps}": "  - {id: nps, baseline: {value: 31, as_of: 2026-04-01, source: survey}, "
    "target: {value: 45, by: 2026-12-31}}"}


def edit(plan_file: Path, changes: dict[str, str]) -> None:
    text = plan_file.read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    plan_file.write_text(text, encoding="utf-8")


def render_docs(plan_file: Path, out: Path) -> dict[str, str]:
    result = CliRunner().invoke(app, ["render", str(plan_file), "-o", str(out), "-f", "md",
                                      "--force"])
    assert result.exit_code == 0, result.output
    return {name: (out / f"{name}.md").read_text(encoding="utf-8")
            for name in ("assessment", "strategy", "review")}


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    path = tmp_path / "bright" / "plan.yaml"
    path.parent.mkdir()
    path.write_text(CLINIC, encoding="utf-8")
    return path


@pytest.mark.slow
def test_before_any_decision_the_answer_is_a_draft(runner: CliRunner, clinic: Path,
                                                   tmp_path: Path) -> None:
    lines = assess(runner, clinic).stdout.splitlines()
    assert lines[:2] == [
        "What to do first (draft): Map the customer journey first",
        "  no decision is recorded yet: record this answer with 'crmplan assess --record' once "
        "the client agrees"]
    data = as_json(assess(runner, clinic, "-f", "json"))["decision"]
    assert (data["state"], data["in_force"], data["today"]) == ("draft", None, "journey_first")
    docs = render_docs(clinic, tmp_path / "out")
    assert "_Draft: no decision is recorded yet._" in docs["assessment"]
    assert "**Map the customer journey first** (draft: no decision is recorded yet)" in \
        docs["strategy"]


@pytest.mark.slow
def test_the_recorded_answer_stays_in_force_and_the_progress_is_reported(
        runner: CliRunner, clinic: Path, tmp_path: Path) -> None:
    recorded = assess(runner, clinic, "--record", "--date", "2026-03-12")
    assert recorded.exit_code == 0, recorded.output
    [decision] = load_plan(clinic).plan.decisions
    assert decision.answer is not None and decision.answer.value == "journey_first"
    assert (decision.facts["touchpoints_organized"].value,
            decision.facts["improvement_standards"].value) == ("partly", "no")
    edit(clinic, OWNED)  # the consultant gives the last two touchpoints their owners
    edit(clinic, MEASURED)  # and sets the KPIs' baselines and targets
    text = assess(runner, clinic).stdout
    lines = text.splitlines()
    assert lines[:2] == [
        "What to do first: Map the customer journey first",
        "  decided on 2026-03-12 (decision 'assess-2026-03-12'), in force; it rested on:"]
    assert "  today's facts would give another answer: Run journey and CRM/KPI work as one " \
           "improvement loop; the decision stays in force until 'crmplan assess --record' " \
           "records a new one" in lines
    assert "  touchpoints organized: partly at the decision on 2026-03-12, yes now" in lines
    assert "  a standard for improvement (KPI baselines and targets): no at the decision on " \
           "2026-03-12, yes now" in lines
    assert "  The journey-first work is done. Next: improve the touchpoints with the weakest " \
           "KPIs first and review the loop at every strategy review" in lines
    # the stated "no" the plan now contradicts is the progress the decision explains
    assert "Stated answers the plan contradicts:" not in text
    data = as_json(assess(runner, clinic, "-f", "json"))
    assert data["contradictions"] == []
    assert data["recommendation"]["id"] == "both"
    assert (data["decision"]["state"], data["decision"]["in_force"]["answer"],
            data["decision"]["differs"]) == ("recorded", "journey_first", True)
    assert {m["fact"]: (m["then"], m["now"]) for m in data["decision"]["progress"]}[
        "touchpoints_organized"] == ("partly", "yes")
    docs = render_docs(clinic, tmp_path / "out")
    for name in ("assessment", "strategy"):
        assert "**Map the customer journey first**" in docs[name], name
        assert "Agreed on March 12, 2026." in docs[name], name
        # the date as the sentence above writes it, not 2026-03-12 beside March 12, 2026
        assert "- touchpoints organized: partly at the decision on March 12, 2026, yes now" \
            in docs[name], name
        assert "The journey-first work is done. Next: improve the touchpoints" in docs[name]
        for internal in ("contradicts", "plan.yaml:", "assess-2026-03-12", "would give"):
            assert internal not in docs[name], (name, internal)
    # the evidence as recorded, in words: no plan location, the stated answer as a label
    for name in ("assessment", "strategy"):
        assert "Agreed on March 12, 2026. The decision rested on:" in docs[name], name
        assert "- touchpoints organized: partly\n" in docs[name], name
        assert "- 6 of 8 touchpoints have an owner\n" in docs[name], name


@pytest.mark.slow
def test_recording_again_supersedes_the_decision_and_keeps_the_history(
        runner: CliRunner, clinic: Path, tmp_path: Path) -> None:
    assert assess(runner, clinic, "--record", "--date", "2026-03-12").exit_code == 0
    edit(clinic, OWNED)
    edit(clinic, MEASURED)
    assert assess(runner, clinic, "--record", "--date", "2026-09-01").exit_code == 0
    lines = assess(runner, clinic).stdout.splitlines()
    assert lines[0] == "What to do first: Run journey and CRM/KPI work as one improvement loop"
    assert "  earlier decision of 2026-03-12: Map the customer journey first (superseded " \
           "by 'assess-2026-09-01')" in lines
    history = as_json(assess(runner, clinic, "-f", "json"))["decision"]["history"]
    assert [(d["id"], d["active"]) for d in history] == [
        ("assess-2026-03-12", False), ("assess-2026-09-01", True)]
    review = runner.invoke(app, ["review", str(clinic), "--as-of", "2026-09-02"]).stdout
    assert "Earlier decisions on what to do first:" in review
    assert "  2026-03-12 assess-2026-03-12: Map the customer journey first (superseded " \
           "by 'assess-2026-09-01')" in review.splitlines()
    docs = render_docs(clinic, tmp_path / "out")
    for name in ("assessment", "strategy", "review"):
        assert "Decision history" in docs[name], name
        assert "2026-03-12" in docs[name] and "superseded" in docs[name], name


def test_a_decision_recorded_without_its_facts_still_loads_and_stays_in_force(
        runner: CliRunner, clinic: Path) -> None:
    clinic.write_text(CLINIC + EARLIER.replace("Map the journey first  # the last one",
                                               "Map the (VIP) customer journey first"),
                      encoding="utf-8")
    lines = assess(runner, clinic).stdout.splitlines()
    assert lines[0] == "What to do first: Map the (VIP) customer journey first"
    assert "  the decision was recorded without the client's facts of the day, so the " \
           "progress since is not measured" in lines
    data = as_json(assess(runner, clinic, "-f", "json"))["decision"]
    assert data["in_force"]["answer"] == "journey_first"  # read from the summary
    assert data["differs"] is False
