"""The loader (crmplan.plan.load): every trap of reliability.md cases 1-24, located exactly.

Each test names the case it covers. Positions are 1-based ``line:col`` as the
user sees them in an editor; messages are checked by their key words.
"""

from __future__ import annotations

import io
import os
import stat
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmplan.errors import Issue, PlanError, Severity, UsageError
from crmplan.languages import CODES
from crmplan.model.catalogue import KPI_CATALOGUE
from crmplan.model.engagement import Industry
from crmplan.model.plan import Plan
from crmplan.plan.load import LoadedPlan, load_bytes, load_plan
from crmplan.plan.reader import MAX_PLAN_BYTES
from crmplan.validation import validate_file

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("*/plan.yaml"))
HEAD = "schema_version: 1\nclient:\n  name: Acme\n"  # three lines; what follows starts at line 4
SEGMENTS = HEAD + """\
segments:
  - id: vip
    name: VIP
    definition: Top spenders
    offers:
      - id: gift
        product: Gift box
  - id: new
    name: New
    definition: First order this year
"""  # segments end at line 13


def load(text: str | bytes) -> LoadedPlan:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return load_bytes(raw, "plan.yaml")


def problems(text: str | bytes) -> list[Issue]:
    with pytest.raises(PlanError) as caught:
        load(text)
    return caught.value.issues


def the_problem(text: str | bytes) -> Issue:
    found = problems(text)
    assert len(found) == 1, [f"{i.location}: {i.message}" for i in found]
    return found[0]


def where(issue: Issue) -> str:
    return issue.location


# -- the happy path ------------------------------------------------------------------


def test_minimal_plan_loads(minimal_plan: str) -> None:
    loaded = load(minimal_plan)
    assert loaded.plan.client.name == "Acme"
    assert loaded.plan.schema_version == 1
    assert loaded.warnings == []
    assert loaded.name == "plan.yaml"


def test_load_plan_reads_a_file_and_a_folder(
    tmp_path: Path, build_tree: Callable[..., Path], minimal_plan: str
) -> None:
    build_tree(tmp_path, {"client/plan.yaml": minimal_plan, "client/data/x.csv": b"a,b\n"})
    by_file = load_plan(tmp_path / "client" / "plan.yaml")
    by_folder = load_plan(tmp_path / "client")
    assert by_file.plan == by_folder.plan
    assert by_folder.name == str(tmp_path / "client" / "plan.yaml")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_examples_validate_without_errors_or_warnings_of_their_own(path: Path) -> None:
    """No problem of the plan itself; the reports' findings (coverage gaps, a SMART test,
    an overdue action) are the work the examples show."""
    assert load_plan(path).warnings == []
    result = validate_file(path)
    assert [f"{i.location}: {i.message}" for i in result.issues
            if i.code[3] not in "5678"] == []


def test_examples_exist() -> None:
    assert len(EXAMPLES) == 3


# -- case 1, 2: duplicate keys ---------------------------------------------------------


def test_1_duplicate_top_level_key_is_an_error_at_the_second() -> None:
    issue = the_problem(HEAD + "client:\n  name: Other\n")
    assert where(issue) == "plan.yaml:4:1"
    assert "duplicate key 'client'" in issue.message
    assert "line 2" in issue.message


def test_1_duplicate_nested_key_neither_first_nor_last_wins() -> None:
    issue = the_problem(HEAD + "  industry: retail\n  name: Other\n")
    assert where(issue) == "plan.yaml:5:3"
    assert "duplicate key 'name'" in issue.message
    assert "line 3" in issue.message


def test_1_duplicate_key_in_a_flow_mapping() -> None:
    issue = the_problem("schema_version: 1\nclient: {name: A, name: B}\n")
    assert where(issue) == "plan.yaml:2:19"
    assert "duplicate key 'name'" in issue.message


@pytest.mark.parametrize("quoted", ["'name'", '"name"'])
def test_2_quoted_and_plain_key_are_the_same_key(quoted: str) -> None:
    issue = the_problem(f"{HEAD}  {quoted}: Other\n")
    assert where(issue) == "plan.yaml:4:3"
    assert "duplicate key 'name'" in issue.message


# -- case 3, 4, 5: unknown, missing, wrong type ----------------------------------------


def test_3_typo_at_the_top_is_an_unknown_field_with_did_you_mean() -> None:
    found = problems("schema_version: 1\nclinet:\n  name: Acme\n")
    unknown = [i for i in found if "unknown field" in i.message]
    assert len(unknown) == 1
    assert where(unknown[0]) == "plan.yaml:2:1"
    assert unknown[0].message == "unknown field 'clinet'"
    assert unknown[0].path == "clinet"
    assert unknown[0].hint == "did you mean 'client'?"


def test_3_typo_deep_inside_segments_and_offers() -> None:
    text = SEGMENTS.replace("        product: Gift box\n",
                            "        product: Gift box\n        paymnt_terms: 3 instalments\n")
    issue = the_problem(text)
    assert where(issue) == "plan.yaml:11:9"
    assert issue.message == "unknown field 'paymnt_terms'"
    assert issue.path == "segments[vip].offers[gift].paymnt_terms"
    assert issue.hint == "did you mean 'payment_terms'?"


def test_3_unknown_field_without_a_close_match_lists_the_allowed_ones() -> None:
    issue = the_problem(HEAD + "  zzz: 1\n")
    assert where(issue) == "plan.yaml:4:3"
    assert "fields allowed here:" in issue.hint
    assert "industry" in issue.hint


def test_4_missing_field_is_reported_at_the_parent_mapping() -> None:
    issue = the_problem("schema_version: 1\nclient:\n  industry: retail\n")
    assert where(issue) == "plan.yaml:2:1"
    assert issue.message == "required field 'name' is missing"
    assert issue.path == "client"
    assert issue.hint == "add 'name:' here"


def test_4_missing_field_in_a_list_item_is_reported_at_the_item() -> None:
    issue = the_problem(HEAD + "segments:\n  - id: vip\n    name: VIP\n")
    assert where(issue) == "plan.yaml:5:5"
    assert issue.message == "required field 'definition' is missing"
    assert issue.path == "segments[vip]"


def test_5_wrong_type_is_reported_at_the_value() -> None:
    issue = the_problem(SEGMENTS.replace("    definition: Top spenders\n",
                                         "    definition: Top spenders\n    size: ten\n"))
    assert where(issue) == "plan.yaml:8:11"
    assert "expected a whole number" in issue.message
    assert "'ten'" in issue.message
    assert issue.path == "segments[vip].size"


def test_5_kpi_target_ten_is_not_a_number() -> None:
    issue = the_problem(HEAD + "kpis:\n  - id: nps\n    target:\n      value: ten\n"
                               "      by: 2026-03-31\n")
    assert where(issue) == "plan.yaml:7:14"
    assert "expected a number" in issue.message
    assert issue.path == "kpis[nps].target.value"
    assert "digits" in issue.hint


def test_empty_value_is_located_after_its_key_not_on_the_next_line() -> None:
    issue = the_problem("schema_version: 1\nclient:\n")
    assert where(issue) == "plan.yaml:2:7"
    assert "expected a mapping of fields, got nothing (null)" in issue.message
    issue = the_problem(HEAD + "segments:\n  - id: vip\n    name: VIP\n    definition:\n"
                               "kpis: []\n")
    assert where(issue) == "plan.yaml:7:15"
    assert issue.path == "segments[vip].definition"
    assert issue.hint == "write a value or remove the key"


# -- case 6, 7, 8, 9: hostile structure -------------------------------------------------

BILLION_LAUGHS = "".join(
    f"{name}: &{name} [{', '.join(['*' + prev] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)


def test_6_alias_bomb_is_rejected_with_flat_memory(minimal_plan: str) -> None:
    assert 250 <= len(BILLION_LAUGHS) <= 450
    load(minimal_plan)  # import everything before measuring
    tracemalloc.start()
    try:
        with pytest.raises(PlanError) as caught:
            load(BILLION_LAUGHS)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024
    [issue] = caught.value.issues
    assert "expands to more than 1,000,000 values" in issue.message
    assert where(issue) == "plan.yaml:7:8"


def test_6_alias_bomb_used_as_a_key_is_not_printed_whole() -> None:
    text = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    found = problems(text + "? *b\n: 1\n")  # the schema's findings come with it
    assert [(where(i), i.message) for i in found if i.line == 3] == [
        ("plan.yaml:3:3", "a key must be text, not a list or mapping")]
    assert max(len(i.message) for i in found) < 200


@pytest.mark.parametrize(("text", "position"), [
    ("a: &a [*a]\n", "1:8"),
    ("a: &a\n  b: *a\n", "2:6"),
    ("a: &a {b: [1, {c: *a}]}\n", "1:19"),
])
def test_7_recursive_alias_is_an_error_not_none(text: str, position: str) -> None:
    issue = the_problem(text)
    assert where(issue) == f"plan.yaml:{position}"
    assert "recursive alias" in issue.message


def test_7_alias_without_anchor() -> None:
    issue = the_problem(HEAD + "kpis: *nowhere\n")
    assert where(issue) == "plan.yaml:4:7"
    assert "has no anchor &nowhere" in issue.message


def test_anchors_and_aliases_within_limits_still_work() -> None:
    loaded = load(SEGMENTS + "personas:\n  - id: p1\n    name: P\n    goals: &g [save, win]\n"
                             "    needs: *g\n")
    assert loaded.plan.personas[0].needs == ["save", "win"]


@pytest.mark.parametrize(("text", "position"), [
    ("[" * 5000, "1:65"),
    ("a: " + "[" * 5000 + "]" * 5000, "1:67"),
    ("{a: " * 5000, "1:257"),
    ("".join(" " * i + "a:\n" for i in range(5000)), "65:65"),
])
@pytest.mark.slow
def test_8_deep_nesting_is_too_deep_not_a_recursion_error(text: str, position: str) -> None:
    issue = the_problem(text)
    assert where(issue) == f"plan.yaml:{position}"
    assert "nesting too deep" in issue.message


def test_9_huge_integer_is_a_clean_error() -> None:
    text = SEGMENTS.replace("    definition: Top spenders\n",
                            "    definition: Top spenders\n    size: " + "9" * 5000 + "\n")
    issue = the_problem(text)
    assert where(issue) == "plan.yaml:8:11"
    assert "5000 digits is too large" in issue.message
    assert "quotes" in issue.hint


@pytest.mark.parametrize("number", ["1e400", "-1e400", "0." + "0" * 5000 + "1"])
def test_9_huge_or_overlong_float_is_a_clean_error(number: str) -> None:
    issue = the_problem(HEAD + f"kpis:\n  - id: nps\n    target:\n      value: {number}\n"
                               "      by: 2026-03-31\n")
    assert where(issue) == "plan.yaml:7:14"
    assert "too large" in issue.message or "too long" in issue.message


# -- case 10, 11, 12: numbers and versions that YAML reads differently -----------------

BASELINE = HEAD + """\
kpis:
  - id: nps
    baseline:
      value: {value}
      as_of: 2025-01-31
      source: Survey
"""


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "+.INF"])
def test_10_nan_and_inf_are_rejected_as_kpi_values(value: str) -> None:
    issue = the_problem(BASELINE.format(value=value))
    assert where(issue) == "plan.yaml:7:14"
    assert f"'{value}' is not a finite number" == issue.message


@pytest.mark.parametrize("value", ["'nan'", '"inf"', "'-Infinity'"])
def test_10_quoted_nan_and_inf_are_rejected_too(value: str) -> None:
    issue = the_problem(BASELINE.format(value=value))
    assert where(issue) == "plan.yaml:7:14"
    assert "expected a number, got the text" in issue.message  # scalars are strict
    assert issue.path == "kpis[nps].baseline.value"


@pytest.mark.parametrize("directive", ["%YAML 1.1", "%TAG !e! tag:example.com,2000:"])
def test_11_yaml_1_1_header_and_tag_directives_are_rejected(directive: str) -> None:
    issue = the_problem(f"{directive}\n---\n{HEAD}client_note: no\n")
    assert where(issue) == "plan.yaml:1:1"
    assert directive.split()[0] in issue.message


def test_11_plans_are_read_as_yaml_1_2_no_stays_text_017_is_decimal() -> None:
    loaded = load(HEAD + "personas:\n  - id: p\n    name: no\n    goals: [yes, off]\n")
    assert loaded.plan.personas[0].name == "no"
    assert loaded.plan.personas[0].goals == ["yes", "off"]
    issue = the_problem(HEAD + "personas:\n  - id: p\n    name: P\n    goals: [017]\n")
    assert where(issue) == "plan.yaml:7:13"
    assert issue.message == "expected text, got the number 17"
    assert issue.hint == "put it in quotes to keep it as written: '017'"


def test_12_version_like_number_where_text_is_expected_suggests_quotes() -> None:
    issue = the_problem("schema_version: 1\nclient:\n  name: 1.10\n")
    assert where(issue) == "plan.yaml:3:9"
    assert issue.path == "client.name"
    assert "expected text" in issue.message
    assert issue.hint == "put it in quotes to keep it as written: '1.10'"


def test_12_quoted_version_loads_as_text() -> None:
    assert load("schema_version: 1\nclient:\n  name: '1.10'\n").plan.client.name == "1.10"


# -- case 13: tags -----------------------------------------------------------------------


@pytest.mark.parametrize(("value", "tag", "position"), [
    ("!!python/object/apply:os.system ['echo pwned']", "!!python/object/apply:os.system",
     "3:9"),
    ("!!python/name:os.system", "!!python/name:os.system", "3:9"),
    ("!custom Acme", "!custom", "3:9"),
    ("!!str Acme", "!!str", "3:9"),
    ("! Acme", "!", "3:9"),
    ("!<tag:yaml.org,2002:str> Acme", "!!str", "3:9"),
    ("!!binary aGk=", "!!binary", "3:9"),
])
def test_13_any_tag_is_rejected_and_never_run(
    monkeypatch: pytest.MonkeyPatch, value: str, tag: str, position: str
) -> None:
    def never(*_args: Any) -> int:
        raise AssertionError("os.system was called")

    monkeypatch.setattr(os, "system", never)
    issue = the_problem(f"schema_version: 1\nclient:\n  name: {value}\n")
    assert where(issue) == f"plan.yaml:{position}"
    assert f"tags such as '{tag}' are not allowed" in issue.message


@pytest.mark.parametrize(("text", "position"), [
    ("schema_version: 1\nclient: !!map\n  name: Acme\n", "2:9"),
    ("schema_version: 1\nkpis: !!seq []\n", "2:7"),
    ("!!omap\nschema_version: 1\n", "1:1"),
])
def test_13_tags_on_collections_are_rejected(text: str, position: str) -> None:
    issue = the_problem(text)
    assert where(issue) == f"plan.yaml:{position}"
    assert "tags such as" in issue.message


# -- case 14, 15, 16: the document as a whole ------------------------------------------


@pytest.mark.parametrize(("text", "position"), [
    (HEAD + "---\n" + HEAD, "4:1"),
    ("---\n" + HEAD + "---\n", "5:1"),
    (HEAD + "...\n---\nmore: 1\n", "5:1"),
])
def test_14_several_documents_are_a_clean_error(text: str, position: str) -> None:
    issue = the_problem(text)
    assert where(issue) == f"plan.yaml:{position}"
    assert "second YAML document" in issue.message


@pytest.mark.parametrize("text", ["", "\n\n", "# only\n# comments\n", "   \n# x\n", "---\n"])
def test_15_empty_file_or_comments_only_is_an_empty_plan(text: str) -> None:
    issue = the_problem(text)
    assert where(issue) == "plan.yaml:1:1"
    assert "empty plan" in issue.message
    assert "schema_version: 1" in issue.hint


@pytest.mark.parametrize("text", ["- a\n- b\n", "hello\n", "42\n", "[schema_version, 1]\n",
                                  "# a list\n- schema_version\n", "'quoted'\n"])
def test_16_list_or_scalar_at_the_top_expects_a_mapping(text: str) -> None:
    issue = the_problem(text)
    assert where(issue) == "plan.yaml:1:1"
    assert "expected a mapping" in issue.message


# -- case 17-21: characters and bytes ----------------------------------------------------


@pytest.mark.parametrize(("text", "position"), [
    ("schema_version: 1\nclient:\n\tname: Acme\n", "3:1"),
    ("schema_version: 1\nclient:\n  name: Acme\n\t  industry: retail\n", "4:1"),
    ("schema_version: 1\nclient:\n  name: Acme\n  \tindustry: retail\n", "4:3"),
    ("schema_version: 1\nclient:\n  name:\tAcme\n", "3:8"),
    ("schema_version: 1\nclient:\n  name: A\tB\n", "3:10"),  # pasted from a spreadsheet
])
def test_17_tab_indentation_is_a_syntax_error_with_a_hint(text: str, position: str) -> None:
    issue = the_problem(text)
    assert where(issue) == f"plan.yaml:{position}"
    assert issue.message.startswith("YAML syntax error")
    assert "\\t" in issue.message
    assert issue.hint.startswith("YAML does not allow tabs here")


@pytest.mark.parametrize(("text", "position"), [
    ('schema_version: 1\nclient:\n  name: "Acme\n  industry: retail\n', "3:9"),
    ("schema_version: 1\nclient:\n  name: 'Acme\n", "3:9"),
])
def test_17_an_unclosed_quote_is_reported_where_it_opens(text: str, position: str) -> None:
    issue = the_problem(text)
    assert (where(issue), issue.message) == (f"plan.yaml:{position}",
                                             "this quoted text is never closed")


def test_17_other_syntax_errors_are_located() -> None:
    issue = the_problem("schema_version: 1\nclient:\n  name: [Acme\n")
    assert where(issue) == "plan.yaml:4:1"
    assert issue.message.startswith("YAML syntax error")


@pytest.mark.parametrize(("raw", "position"), [
    ("schema_version: 1\nclient:\n  name: Café\n".encode("latin-1"), "3:12"),
    ("schema_version: 1\nclient:\n  name: 서울 Café\n".encode().replace(
        "é".encode(), b"\xe9"), "3:15"),
    (b"\xff" + HEAD.encode(), "1:1"),
])
def test_18_latin1_bytes_are_invalid_utf8_at_line_and_column(raw: bytes, position: str) -> None:
    issue = the_problem(raw)
    assert where(issue) == f"plan.yaml:{position}"
    assert issue.message.startswith("invalid UTF-8")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_18_utf16_is_named(encoding: str) -> None:
    issue = the_problem(HEAD.encode(encoding))
    assert where(issue) == "plan.yaml:1:1"
    assert issue.message == "the plan is UTF-16; save it as UTF-8"


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be"])
def test_18_utf32_is_named_utf32_not_utf16(encoding: str) -> None:
    issue = the_problem(HEAD.encode(encoding))
    assert where(issue) == "plan.yaml:1:1"
    assert issue.message == "the plan is UTF-32; save it as UTF-8"


def test_19_utf8_bom_is_accepted_and_remembered(minimal_plan: str) -> None:
    raw = b"\xef\xbb\xbf" + minimal_plan.encode()
    loaded = load(raw)
    assert loaded.plan.client.name == "Acme"
    assert loaded.text.had_bom
    assert loaded.text.raw == raw


def test_19_bom_does_not_shift_positions() -> None:
    issue = the_problem(b"\xef\xbb\xbf" + (HEAD + "  nme: x\n").encode())
    assert where(issue) == "plan.yaml:4:3"


def test_19_a_second_bom_inside_the_text_is_rejected() -> None:
    issue = the_problem(b"\xef\xbb\xbf\xef\xbb\xbf" + HEAD.encode())
    assert where(issue) == "plan.yaml:1:1"
    assert "byte order mark" in issue.message


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b",
                                  "\u2028", "\u2029"])
def test_20_raw_control_characters_are_rejected_where_they_stand(char: str) -> None:
    issue = the_problem(f"schema_version: 1\nclient:\n  name: Ac{char}me\n")
    assert where(issue) == "plan.yaml:3:11"
    assert f"U+{ord(char):04X}" in issue.message


@pytest.mark.parametrize(("escape", "code"), [
    ("\\x85", "U+0085"), ("\\0", "U+0000"), ("\\e", "U+001B"), ("\\x07", "U+0007"),
    ("\\u009b", "U+009B"), ("\\N", "U+0085"), ("\\L", "U+2028"),
])
def test_20_control_characters_written_as_escapes_are_rejected(escape: str, code: str) -> None:
    issue = the_problem(f'schema_version: 1\nclient:\n  name: "Ac{escape}me"\n')
    assert where(issue) == "plan.yaml:3:9"
    assert code in issue.message
    assert "escape sequence" in issue.message


def test_20_tab_newline_and_crlf_are_allowed() -> None:
    loaded = load('schema_version: 1\r\nclient:\r\n  name: "Ac\\tme"\r\n')
    assert loaded.plan.client.name == "Ac\tme"


def test_20_crlf_file_positions_count_lines_not_bytes() -> None:
    issue = the_problem("schema_version: 1\r\nclient:\r\n  name: Acme\r\n  nme: x\r\n")
    assert where(issue) == "plan.yaml:4:3"


def test_20_lone_carriage_return_is_rejected() -> None:
    found = problems("schema_version: 1\rclient:\n  name: Acme\n")
    assert where(found[0]) == "plan.yaml:1:18"
    assert "carriage return" in found[0].message


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\ud83d\\ude00"])
def test_21_escaped_lone_surrogate_is_rejected(escape: str) -> None:
    issue = the_problem(f'schema_version: 1\nclient:\n  name: "Ac{escape}me"\n')
    assert where(issue) == "plan.yaml:3:9"
    assert "lone surrogate" in issue.message


def test_22_bidi_override_in_a_name_is_a_warning_and_the_plan_loads() -> None:
    loaded = load("schema_version: 1\nclient:\n  name: Ac\u202eme\n")
    assert loaded.plan.client.name == "Ac\u202eme"
    [warning] = loaded.warnings
    assert warning.severity is Severity.WARNING
    assert where(warning) == "plan.yaml:3:11"
    assert "U+202E" in warning.message


def test_22_bidi_warning_is_kept_next_to_errors() -> None:
    found = problems("schema_version: 1\nclient:\n  name: Ac\u2066me\n  nme: x\n")
    assert [(i.location, i.severity) for i in found] == [
        ("plan.yaml:3:11", Severity.WARNING), ("plan.yaml:4:3", Severity.ERROR)]


# -- case 23: what is refused before reading ---------------------------------------------


Forbid = Callable[[], None]


@pytest.fixture
def forbid_reading(monkeypatch: pytest.MonkeyPatch) -> Forbid:
    """Call it once the files are written: from then on, opening a file fails the test."""

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("the file was opened for reading")

    def forbid() -> None:
        for name in ("open", "read_bytes", "read_text"):
            monkeypatch.setattr(Path, name, refuse)

    return forbid


@pytest.mark.parametrize("size", [MAX_PLAN_BYTES + 1, 50 * 1024 * 1024])
def test_23_large_file_is_refused_before_reading(
    tmp_path: Path, forbid_reading: Forbid, size: int
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("schema_version: 1\n", encoding="utf-8")
    os.truncate(path, size)  # sparse: the disk is not filled
    forbid_reading()
    with pytest.raises(UsageError) as caught:
        load_plan(path)
    assert f"too large ({size:,} bytes)" in caught.value.message
    assert "data/" in caught.value.hint


def test_23_exactly_one_mebibyte_is_still_read(tmp_path: Path, minimal_plan: str) -> None:
    text = minimal_plan + "#" * (MAX_PLAN_BYTES - len(minimal_plan) - 1) + "\n"
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size == MAX_PLAN_BYTES
    assert load_plan(path).plan.client.name == "Acme"


def test_23_dev_zero_is_not_a_regular_file(forbid_reading: Forbid) -> None:
    forbid_reading()
    with pytest.raises(UsageError) as caught:
        load_plan(Path("/dev/zero"))
    assert "not a regular file" in caught.value.message


def test_23_fifo_is_refused_without_blocking(
    fifo: Path, within: Callable[[float, Callable[[], Any]], Any]
) -> None:
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    with pytest.raises(UsageError) as caught:
        within(10, lambda: load_plan(fifo))
    assert "not a regular file" in caught.value.message


def test_23_folder_without_plan_yaml_is_refused(
    tmp_path: Path, forbid_reading: Forbid
) -> None:
    forbid_reading()
    with pytest.raises(UsageError) as caught:
        load_plan(tmp_path)
    assert caught.value.message.endswith(": this folder has no plan.yaml")
    assert caught.value.hint.startswith("create one with: crmplan init ")


def test_23_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        load_plan(tmp_path / "nope.yaml")
    assert "no such file" in caught.value.message


def test_23_symlink_to_a_device_is_refused(tmp_path: Path, forbid_reading: Forbid) -> None:
    link = tmp_path / "plan.yaml"
    link.symlink_to("/dev/zero")
    forbid_reading()
    with pytest.raises(UsageError):
        load_plan(tmp_path)


# -- case 24: keys that are not text ------------------------------------------------------


@pytest.mark.parametrize(("line", "position", "words"), [
    ("1: x\n", "4:1", "1 reads as a number"),
    ("~: x\n", "4:1", "'~' or an empty key reads as null"),
    (": x\n", "4:1", "reads as null"),
    ("true: x\n", "4:1", "true reads as a true/false value"),
    ("1.5: x\n", "4:1", "1.5 reads as a number"),
    ("2025-01-01: x\n", "4:1", "2025-01-01 reads as a date"),
    ("? [a]\n: x\n", "4:3", "not a list or mapping"),
    ("? {a: b}\n: x\n", "4:3", "not a list or mapping"),
    ("  7: x\n", "4:3", "7 reads as a number"),
])
def test_24_non_text_keys_are_errors_with_position(line: str, position: str, words: str) -> None:
    issue = the_problem(HEAD + line)
    assert where(issue) == f"plan.yaml:{position}"
    assert "a key must be text" in issue.message
    assert words in issue.message


def test_24_quoted_number_key_is_text() -> None:
    issue = the_problem(HEAD + "  '1': x\n")
    assert issue.message == "unknown field '1'"


def test_merge_keys_are_not_used_in_plans() -> None:
    issue = the_problem(HEAD + "x: &x {a: 1}\ny:\n  <<: *x\n")
    assert where(issue) == "plan.yaml:6:3"
    assert "'<<' has a special meaning" in issue.message


# -- all problems at once; schema_version ------------------------------------------------


def test_every_schema_problem_is_reported_at_once_sorted_by_position() -> None:
    text = """\
schema_version: 1
client:
  name: Acme
  langauge: en
segments:
  - id: vip
    name: VIP
    definition: Top spenders
    size: ten
kpis:
  - id: nps
    direction: up
"""
    found = problems(text)
    assert [(i.location, i.path) for i in found] == [
        ("plan.yaml:4:3", "client.langauge"),
        ("plan.yaml:9:11", "segments[vip].size"),
        ("plan.yaml:12:16", "kpis[nps].direction"),
    ]
    assert found[0].hint == "did you mean 'language'?"
    assert found[2].message == "'up' is not one of: higher, lower"
    assert found == sorted(found, key=lambda i: (i.line, i.column))


def test_schema_version_2_is_newer_with_an_upgrade_hint() -> None:
    issue = the_problem("schema_version: 2\nclient:\n  name: Acme\n  nme: x\n")
    assert where(issue) == "plan.yaml:1:17"
    assert "schema_version 2, newer than this crmplan reads (1)" in issue.message
    assert "upgrade" in issue.hint


def test_schema_version_missing_is_an_error() -> None:
    issue = the_problem("client:\n  name: Acme\n")
    assert where(issue) == "plan.yaml:1:1"
    assert issue.message == "required field 'schema_version' is missing"


@pytest.mark.parametrize(("value", "position", "words"), [
    ("'1'", "1:17", "the text '1'"),
    ("true", "1:17", "true/false"),
    ("1.0", "1:17", "the number 1.0"),
    ("0", "1:17", "the number 0"),
    ("", "1:15", "nothing (null)"),
])
def test_schema_version_must_be_the_whole_number_1(
    value: str, position: str, words: str
) -> None:
    issue = the_problem(f"schema_version: {value}\nclient:\n  name: Acme\n".replace(": \n", ":\n"))
    assert where(issue) == f"plan.yaml:{position}"
    assert issue.message == f"schema_version must be 1, got {words}"


# -- cross-references ---------------------------------------------------------------------

CAMPAIGN = SEGMENTS + """\
kpis:
  - id: nps
campaigns:
  - id: spring
    name: Spring
    segment: {segment}
    measurement:
      metric: nps
      method: holdout
      comparison_group: 10% held out
      start: 2025-03-01
      end: 2025-04-30
"""


def test_campaign_with_a_known_segment_loads() -> None:
    assert load(CAMPAIGN.format(segment="vip")).plan.campaigns[0].segment == "vip"


def test_unknown_segment_in_a_campaign_with_did_you_mean() -> None:
    issue = the_problem(CAMPAIGN.format(segment="vipp"))
    assert where(issue) == "plan.yaml:19:14"
    assert issue.message == "unknown segment 'vipp'"
    assert issue.path == "campaigns[spring].segment"
    assert issue.hint == "did you mean 'vip'?"


def test_duplicate_ids_in_a_list() -> None:
    issue = the_problem(SEGMENTS + "  - id: vip\n    name: Again\n    definition: Twice\n")
    assert where(issue) == "plan.yaml:14:9"
    assert issue.message == "id 'vip' is used twice in this list (first at line 5)"
    assert issue.hint == "give each item its own id"


TASK_FORCE = SEGMENTS + """\
task_force:
  members:
    - id: ann
      name: Ann
  scores:
    - member: ann
      segment: vip
      scores:
        speed: {score}
        {criterion}: 3
"""


@pytest.mark.parametrize("score", ["7", "0", "5.5"])
def test_score_outside_the_scale(score: str) -> None:
    issue = the_problem(TASK_FORCE.format(score=score, criterion="customer_interest"))
    assert where(issue) == "plan.yaml:22:16"
    assert issue.message.startswith(f"score {score.strip(chr(39))} is outside the scale 1-5")
    assert issue.path == "task_force.scores[0].scores.speed"


def test_score_on_a_custom_scale() -> None:
    text = TASK_FORCE.format(score="9", criterion="customer_interest").replace(
        "task_force:\n", "task_force:\n  scale: {min: 0, max: 10}\n")
    assert load(text).plan.task_force is not None
    text = text.replace("speed: 9", "speed: 11")
    assert "outside the scale 0-10" in the_problem(text).message


def test_unknown_criterion_key_in_a_score_sheet() -> None:
    issue = the_problem(TASK_FORCE.format(score="4", criterion="customer_intrest"))
    assert where(issue) == "plan.yaml:23:9"
    assert issue.message == "unknown criterion 'customer_intrest'"
    assert issue.hint == "did you mean 'customer_interest'?"


def test_touchpoint_in_an_unknown_stage() -> None:
    text = HEAD + """\
journeys:
  - id: main
    name: Main
    touchpoints:
      - id: site
        name: Web site
        stage: awarness
        channel: web
"""
    issue = the_problem(text)
    assert where(issue) == "plan.yaml:10:16"
    assert issue.message == "unknown stage 'awarness'"
    assert issue.path == "journeys[main].touchpoints[site].stage"
    assert issue.hint == "did you mean 'awareness'?"


def test_quoted_numbers_and_dates_are_text_not_values() -> None:
    issue = the_problem(TASK_FORCE.format(score="'4'", criterion="customer_interest"))
    assert where(issue) == "plan.yaml:22:16"
    assert issue.message == "expected a number, got the text '4'"
    issue = the_problem(HEAD + "engagement:\n  start: '2025-03-01'\n  end: 2025-04-01\n")
    assert where(issue) == "plan.yaml:5:10"
    assert issue.message == "expected a date, got the text '2025-03-01'"


def test_schema_and_whole_plan_problems_are_reported_together() -> None:
    text = HEAD + "engagement:\n  start: 2025-03-01\n  end: 2025-01-01\n  scope: 12\n"
    with pytest.raises(PlanError) as raised:
        load(text)
    found = [(where(i), i.message) for i in raised.value.issues]
    assert found == [("plan.yaml:6:8", "'end' is before 'start'"),
                     ("plan.yaml:7:10", "expected text, got the number 12")]


# -- text as written ------------------------------------------------------------------------


@pytest.mark.parametrize(("block", "expected"), [
    (">-\n    Acme\n    Corp\n    Ltd\n", "Acme Corp Ltd"),
    (">\n    Acme\n    Corp\n\n    Ltd\n", "Acme Corp\nLtd\n"),
    ("|-\n    Acme\n    Corp\n", "Acme\nCorp"),
    ("Acme\n    Corp\n", "Acme Corp"),
])
def test_block_and_multiline_scalars_load_as_text(block: str, expected: str) -> None:
    loaded = load(f"schema_version: 1\nclient:\n  name: {block}")
    assert loaded.plan.client.name == expected
    assert "\a" not in loaded.data["client"]["name"]


def test_timestamp_with_time_stays_text_and_dates_become_dates() -> None:
    loaded = load(HEAD + "engagement:\n  start: 2025-03-01\n  scope: 2025-03-01 10:00\n")
    assert loaded.plan.engagement is not None
    assert str(loaded.plan.engagement.start) == "2025-03-01"
    assert loaded.plan.engagement.scope == "2025-03-01 10:00"


# -- hypothesis: never anything but PlanError; load(dump(plan)) == plan --------------------

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
YAMLISH = st.lists(st.sampled_from([
    "schema_version: 1\n", "client:\n", "  name: ", "a", "1", "- ", "[", "]", "{", "}", ",",
    ": ", "? ", "&a ", "*a", "!x ", "'", '"', "\\", "#", "\n", "  ", "\t", "---\n", "...\n",
    "%YAML 1.2\n", "|\n", ">-\n", ".nan", "1e400", "~", "<<: ", "\\x85", "\r", "\u202e",
]), max_size=40).map("".join)


def _loads_or_plan_error(raw: bytes) -> None:
    try:
        load_bytes(raw, "plan.yaml")
    except PlanError as exc:
        assert exc.issues
        assert all(i.line >= 1 and i.column >= 1 for i in exc.issues)


@FUZZ
@given(st.text())
def test_fuzz_any_text_loads_or_raises_plan_error(text: str) -> None:
    _loads_or_plan_error(text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.binary())
def test_fuzz_any_bytes_load_or_raise_plan_error(raw: bytes) -> None:
    _loads_or_plan_error(raw)


@FUZZ
@given(YAMLISH)
def test_fuzz_yaml_like_text_loads_or_raises_plan_error(text: str) -> None:
    _loads_or_plan_error(text.encode("utf-8", "surrogatepass"))


TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"),
                  exclude_characters="\ufeff", include_characters="\t\n"),
    min_size=1, max_size=30,
).filter(str.strip)  # text fields must hold more than spaces
IDS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,10}", fullmatch=True)
NUMBERS = st.floats(allow_nan=False, allow_infinity=False)
KPI_VALUES = st.floats(min_value=0, max_value=100)  # possible for every catalogue KPI
DATES = st.dates()
Fields = dict[str, st.SearchStrategy[Any]]


def record(required: Fields, optional: Fields | None = None) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(required, optional=optional or {})


def items_with_ids(item: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[list[Any]]:
    return st.lists(item, max_size=3, unique_by=lambda i: str(i["id"]))


KPI = record(
    {"id": st.sampled_from(sorted(KPI_CATALOGUE))},
    {
        "baseline": record({"value": KPI_VALUES, "as_of": DATES, "source": TEXT}),
        "target": record({"value": KPI_VALUES, "by": DATES}),
        "snapshots": st.lists(record({"date": DATES, "value": KPI_VALUES}), max_size=3),
    },
).filter(lambda k: "baseline" not in k or "target" not in k  # a target is dated after
         or k["target"]["by"] > k["baseline"]["as_of"])   # its baseline (CRM307)
OFFER = record({"id": IDS, "product": TEXT}, {"payment_terms": TEXT})
SEGMENT = record(
    {"id": IDS, "name": TEXT, "definition": TEXT},
    {
        "offers": items_with_ids(OFFER),
        "size": st.integers(min_value=0, max_value=10**12),
        "contactable_pct": st.floats(min_value=0, max_value=100),
    },
)
CLIENT = record(
    {"name": TEXT},
    {
        "industry": st.sampled_from([i.value for i in Industry]),
        "language": st.sampled_from(CODES),
        "currency": st.sampled_from(["KRW", "USD", "CNY", "EUR", "JPY"]),
    },
)
PLAN_DATA = record(
    {"schema_version": st.just(1), "client": CLIENT},
    {"kpis": items_with_ids(KPI), "segments": items_with_ids(SEGMENT)},
)


def _dump(data: dict[str, Any]) -> bytes:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue().encode("utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PLAN_DATA)
def test_roundtrip_load_of_dump_is_the_plan(data: dict[str, Any]) -> None:
    loaded = load_bytes(_dump(data), "plan.yaml")
    assert loaded.plan == Plan.model_validate(data)
    assert loaded.data == data
    assert all(i.severity is Severity.WARNING for i in loaded.warnings)


# -- found by a first user --------------------------------------------------------------------


def test_a_bad_date_does_not_hide_the_other_problems() -> None:
    text = HEAD.replace("  name: Acme\n", "  name: Acme\n  industy: retail\n") + (
        "engagement:\n  start: 2026-13-01\n  end: 2026-02-30\n")
    found = [(where(i), i.path, i.message) for i in problems(text)]
    assert found == [
        ("plan.yaml:4:3", "client.industy", "unknown field 'industy'"),
        ("plan.yaml:6:10", "engagement.start",
         "'2026-13-01' is not a valid date: there is no month 13"),
        ("plan.yaml:7:8", "engagement.end",
         "'2026-02-30' is not a valid date: 2026-02 has 28 days"),
    ]


def test_a_duplicate_key_does_not_hide_the_other_problems() -> None:
    found = problems(HEAD + "engagement:\n  scope: a\n  scope: b\n  start: someday\n")
    assert [where(i) for i in found] == ["plan.yaml:6:3", "plan.yaml:7:10"]


def test_an_unknown_segment_does_not_also_fail_its_offer() -> None:
    text = HEAD + """segments:
  - id: vip
    name: VIP
    definition: Top spenders
    offers: [{id: care, product: Care package}]
campaigns:
  - id: c
    name: C
    segment: vips
    offer: care
    measurement: {metric: nps, method: holdout, comparison_group: 10%,
                  start: 2026-01-01, end: 2026-02-01}
kpis: [{id: nps}]
"""
    found = problems(text)
    assert [i.message for i in found] == ["unknown segment 'vips'"]
    wrong_offer = problems(text.replace("segment: vips", "segment: vip").replace(
        "offer: care", "offer: cure"))
    assert [i.message for i in wrong_offer] == ["unknown offer of this segment 'cure'"]


def test_references_resolve_within_their_own_campaign_and_journey() -> None:
    text = HEAD + """segments:
  - {id: vip, name: VIP, definition: Top, offers: [{id: care, product: Care}]}
  - {id: new, name: New, definition: New, offers: [{id: gift, product: Gift}]}
campaigns:
  - {id: a, name: A, segment: vip, offer: care, measurement: {metric: nps, method: holdout,
     comparison_group: 10%, start: 2026-01-01, end: 2026-02-01}}
  - {id: b, name: B, segment: new, offer: care, measurement: {metric: nps, method: holdout,
     comparison_group: 10%, start: 2026-01-01, end: 2026-02-01}}
journeys:
  - id: one
    name: One
    touchpoints: [{id: desk, name: Desk, stage: purchase, channel: in_person}]
    pain_points: [{id: wait, touchpoint: desk, description: Long wait}]
  - id: two
    name: Two
    touchpoints: [{id: web, name: Web, stage: purchase, channel: web}]
    pain_points: [{id: slow, touchpoint: desk, description: Slow}]
kpis: [{id: nps}]
"""
    assert [(i.path, i.message) for i in problems(text)] == [
        ("campaigns[b].offer", "unknown offer of this segment 'care'"),
        ("journeys[two].pain_points[slow].touchpoint",
         "unknown touchpoint of this journey 'desk'")]


@pytest.mark.parametrize(("kpi", "value", "limits"), [
    ("id: nps", "150", "(-100 to 100)"),
    ("id: rpr\n    catalogue: repeat_purchase_rate", "140", "(0 to 100)"),
    ("id: own\n    unit: score\n    direction: higher\n    bounds: {max: 10}", "11",
     "(… to 10)"),
    ("id: own\n    unit: count\n    direction: higher\n    bounds: {max: 10}", "11",
     "(0 to 10)"),
    ("id: own\n    unit: count\n    direction: higher", "-3", "(0 to …)"),
    ("id: own\n    unit: percent\n    direction: lower", "120", "(0 to 100)"),
    ("id: own\n    unit: percent\n    direction: lower\n    bounds: {min: -50}", "-60",
     "(-50 to 100)"),
])
def test_kpi_values_must_be_possible(kpi: str, value: str, limits: str) -> None:
    issue = the_problem(HEAD + f"kpis:\n  - {kpi}\n"
                        f"    baseline: {{value: {value}, as_of: 2026-01-01, source: s}}\n")
    assert issue.message.startswith(f"{value} is not a possible value of KPI")
    assert issue.message.endswith(limits)


@pytest.mark.parametrize(("line", "message", "hint"), [
    ("size: '1350'", "expected a whole number, got the text '1350'",
     "remove the quotes: write 1350 without them"),
    ("contactable_pct: '85'", "expected a number, got the text '85'",
     "remove the quotes: write 85 without them"),
    ("existing_customers: 'true'", "expected true or false, got the text 'true'",
     "remove the quotes: write true without them"),
    ("size: 12.5", "expected a whole number, got the number 12.5",
     "write a whole number, without decimals"),
])
def test_values_written_in_quotes_say_to_remove_them(line: str, message: str, hint: str) -> None:
    issue = the_problem(HEAD + "segments:\n  - id: s\n    name: S\n    definition: D\n"
                        f"    {line}\n")
    assert (issue.message, issue.hint) == (message, hint)


@pytest.mark.parametrize(("field", "message", "hint"), [
    ("currency: usd", "'usd' is not a currency code", "write it in capital letters: USD"),
    ("currency: XYZ", "'XYZ' is not an ISO 4217 currency code (KRW, USD, CNY, ...)", ""),
    ("country: kr", "'kr' is not a country code", "write it in capital letters: KR"),
    ("country: China", "'China' is not a country code",
     "use an ISO 3166 code such as KR, US or CN"),
    ("website: www.acme.example", "only https:// links are allowed; write "
     "https://www.acme.example", ""),
    ("website: 'javascript:alert(1)'", "only https:// links are allowed; write "
     "https://javascript:alert(1)", ""),
    ("name: '   '", "must not be blank", "write a value"),
])
def test_client_fields_explain_what_is_wrong(field: str, message: str, hint: str) -> None:
    text = "schema_version: 1\nclient:\n  name: Acme\n" + f"  {field}\n"
    if field.startswith("name:"):
        text = f"schema_version: 1\nclient:\n  {field}\n"
    issue = the_problem(text)
    assert (issue.message, issue.hint) == (message, hint)


def test_an_email_is_an_address_not_a_link() -> None:
    engagement = "engagement:\n  consultant: {name: Kim, email: %s}\n"
    assert load(HEAD + engagement % "kim@acme.example").plan.engagement is not None
    issue = the_problem(HEAD + engagement % "'mailto:kim@acme.example'")
    assert (issue.message, issue.hint) == (
        "'mailto:kim@acme.example' is not an e-mail address", "write it as name@example.com")


@pytest.mark.parametrize("text", [
    "schema_version: 1\nclient:\n  name: X\n   industry: retail\n",
    "schema_version: 1\nclient:\n  name: X\n language: en\n",
])
def test_indentation_mistakes_get_a_hint(text: str) -> None:
    issue = the_problem(text)
    assert issue.line == 4
    assert issue.hint.startswith("check the indentation here and on the lines above")


def test_a_folder_holding_plan_yml_is_pointed_at_it(tmp_path: Path) -> None:
    (tmp_path / "plan.yml").write_text("schema_version: 1\n", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        load_plan(tmp_path)
    assert caught.value.hint == f"name the plan file: {tmp_path / 'plan.yml'}"


# -- found in review ---------------------------------------------------------------------------


def test_a_list_where_a_kpi_id_goes_is_an_error_not_a_crash() -> None:
    found = problems(HEAD + "kpis: [{id: nps}]\ngoals:\n  smart:\n    - id: g\n"
                     "      statement: s\n      kpi: [nps]\n")
    assert [(where(i), i.message) for i in found] == [
        ("plan.yaml:9:12", "expected text, got a list")]


def test_many_bad_values_are_capped_and_fast() -> None:
    text = "x:\n" + "- 2026-02-30\n" * 5000
    found = problems(text)
    assert len(found) == 500
    assert found[-1].message == "4504 more problems are not listed; fix these first"  # +3 schema


def test_a_complex_key_does_not_move_other_positions() -> None:
    text = "? {client: {currency: x}}\n: 1\nschema_version: 1\nclient:\n  name: X\n\n" \
           "  currency: usd\n"
    assert [where(i) for i in problems(text)] == ["plan.yaml:1:3", "plan.yaml:7:13"]


def test_a_yaml_stage_error_does_not_hide_a_schema_error_at_the_same_place() -> None:
    messages = [i.message for i in problems("1: x\nclient: {name: X}\n")]
    assert "a key must be text; 1 reads as a number" in messages
    assert "required field 'schema_version' is missing" in messages


@pytest.mark.parametrize(("value", "message"), [
    ("0000-01-01", "'0000-01-01' is not a valid date: there is no year 0"),
    ("0b_", "'0b_' is not a number"),
])
def test_odd_scalars_are_located_errors(value: str, message: str) -> None:
    issue = the_problem(HEAD + f"engagement:\n  scope: {value}\n")
    assert (where(issue), issue.message) == ("plan.yaml:5:10", message)


def test_a_path_too_long_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        load_plan(tmp_path / ("a" * 5000))


@pytest.mark.slow
@pytest.mark.parametrize("valid", [True, False])
def test_loading_a_large_plan_puts_the_garbage_collector_back(valid: bool) -> None:
    import gc

    from crmplan.plan.load import GC_FROM_BYTES

    text = EXAMPLES[0].read_bytes()
    padding = b"\n" + b"# padding\n" * (GC_FROM_BYTES // 10)
    raw = text + padding if valid else text + padding + b"client: twice\n"
    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    if valid:
        assert load_bytes(raw, "plan.yaml").plan.client.name
    else:
        with pytest.raises(PlanError):
            load_bytes(raw, "plan.yaml")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == frozen
    assert gc.isenabled()


def test_a_parse_is_shared_for_the_same_text_name_and_language() -> None:
    from crmplan import i18n
    from crmplan.plan.yamltree import parse_yaml

    text = "schema_version: 1\nclient:\n  name: Acme\n"
    first = parse_yaml(text, "plan.yaml")
    assert parse_yaml(text, "plan.yaml") is first
    assert parse_yaml(text.replace("\n", "\r\n"), "plan.yaml") is first  # read as LF
    assert parse_yaml(text, "other.yaml") is not first
    with i18n.language("ko"):
        assert parse_yaml(text, "plan.yaml") is not first
    for number in range(3):  # only the last two are kept
        parse_yaml(text + f"# {number}\n", "plan.yaml")
    assert parse_yaml(text, "plan.yaml") is not first
