"""The YAML layer refuses what YAML 1.2 refuses (crmplan.plan.yamlspec, crmplan.plan.yamltree).

Every must-fail case of the YAML test suite (tests/data/yaml-test-suite) goes
through the loader, as a whole plan file and embedded as a value, and must come
back as a YAML error with a line and column: never accepted, never a traceback,
never left to the schema. conftest.py sets CRMPLAN_CHECK_FAST_PATH, so each
text that libyaml may read is read by the pure parser too and compared.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from crmplan.errors import Issue, PlanError, Severity
from crmplan.plan.load import load_bytes
from crmplan.plan.yamltree import parse_yaml

SUITE = Path(__file__).parent / "data" / "yaml-test-suite"
CASES = sorted(SUITE.glob("**/in.yaml"))
HEAD = "schema_version: 1\nclient:\n"
EMBED = HEAD + "  name:\n"  # the case follows, indented by four spaces
# Document-level syntax (directives, document markers) means nothing inside a value.
_DOCUMENT_LEVEL = re.compile(r"^(?:%|---|\.\.\.)", re.MULTILINE)
# Indented under a key, this case's tab-only line is an ordinary line of its block scalar.
_VALID_ONCE_EMBEDDED = {"Y79Y/00"}


def case_id(path: Path) -> str:
    return path.parent.relative_to(SUITE).as_posix()


def embedded(text: str) -> str:
    """The case as the value of ``client.name``."""
    body = text.removeprefix("---\n")
    lines = body.split("\n")
    if body.endswith("\n"):
        lines.pop()
    return EMBED + "".join(f"    {line}\n" if line else "\n" for line in lines)


EMBEDDABLE = [path for path in CASES if case_id(path) not in _VALID_ONCE_EMBEDDED
              and not _DOCUMENT_LEVEL.search(path.read_text(encoding="utf-8")
                                              .removeprefix("---\n"))]


def yaml_errors(text: str) -> list[Issue]:
    """The loader's errors, which must be the YAML layer's, each with a line and column."""
    with pytest.raises(PlanError) as parsed:
        parse_yaml(text, "plan.yaml")
    with pytest.raises(PlanError) as loaded:
        load_bytes(text.encode("utf-8"), "plan.yaml")
    errors = [i for i in loaded.value.issues if i.severity is Severity.ERROR]
    assert errors, "refused without an error"
    assert errors == [i for i in parsed.value.issues if i.severity is Severity.ERROR], \
        "the schema or a later check spoke: the YAML layer let this text through"
    last_line = text.count("\n") + 1
    for issue in errors:
        assert 1 <= issue.line <= last_line and issue.column >= 1, issue
    return errors


def test_the_suite_holds_its_94_must_fail_cases_and_their_licence() -> None:
    assert len(CASES) == 94
    assert "MIT License" in (SUITE / "LICENSE").read_text(encoding="utf-8")
    assert len(EMBEDDABLE) == 74


@pytest.mark.parametrize("path", CASES, ids=case_id)
def test_a_must_fail_case_is_refused_as_yaml(path: Path) -> None:
    yaml_errors(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", EMBEDDABLE, ids=case_id)
def test_a_must_fail_case_embedded_as_a_value_is_refused_as_yaml(path: Path) -> None:
    text = embedded(path.read_text(encoding="utf-8"))
    errors = yaml_errors(text)
    assert errors[0].line >= 3  # inside the value, not at the plan's own lines


# What ruamel.yaml and libyaml read but YAML 1.2 refuses: the test suite's SU5Z, X4QW,
# DK95/01, QB6E, 9JBA, CVW2, YJV2, G5U8, 9C9N and Y79Y/03, written as parts of a plan.
@pytest.mark.parametrize(("body", "position", "words"), [
    ('  name: "Acme"# the client\n', "3:15", "'#' touches what is before it"),
    ("  name: Acme\n  industry: >#x\n    retail\n", "4:14", "found '#'"),
    ('  name: "Acme\n\tCorp"\n', "4:1", "indented by 0 spaces; it needs at least 3"),
    ('  name: "Acme\n  Corp"\n', "4:3", "indented by 2 spaces; it needs at least 3"),
    ("  name: Acme\ngoals: [a, b]#x\n", "4:14", "'#' touches what is before it"),
    ("  name: Acme\ngoals: [a,#x\n  b]\n", "4:11", "'#' touches what is before it"),
    ("  name: Acme\ngoals: [-]\n", "4:9", "a lone '-'"),
    ("  name: Acme\ngoals:\n  - [-, -]\n", "5:6", "a lone '-'"),
    ("  name: Acme\ngoals: [a,\nb]\n", "5:1", "value in brackets of line 4"),
    ("  name: Acme\ngoals: [\n\ta]\n", "5:1", "indented by 0 spaces; it needs at least 1"),
], ids=["SU5Z", "X4QW", "DK95-01", "QB6E", "9JBA", "CVW2", "YJV2", "G5U8", "9C9N", "Y79Y-03"])
def test_what_both_parsers_read_but_yaml_refuses_is_a_located_yaml_error(
        body: str, position: str, words: str) -> None:
    errors = yaml_errors(HEAD + body)
    assert len(errors) == 1
    assert f"{errors[0].line}:{errors[0].column}" == position
    assert errors[0].message.startswith("YAML syntax error")
    assert words in errors[0].message


# The near misses YAML 1.2 allows (each checked with a reader that passes the whole
# test suite): they read as before.
@pytest.mark.parametrize(("body", "value"), [
    ('"Acme" # the client\n', "Acme"),
    ("Acme#1\n", "Acme#1"),
    ('"Acme\n   Corp"\n', "Acme Corp"),
    ('"Acme\n   \tCorp"\n', "Acme Corp"),
    ('"Acme\n\n   Corp"\n', "Acme\nCorp"),
    ("[a#b, c]\n", ["a#b", "c"]),
    ("[-1, -a]\n", [-1, "-a"]),
    ("['-']\n", ["-"]),
    ("[\n    a, # first\n# a comment anywhere\n    b,\n  ]\n", ["a", "b"]),
    ("{\n    a: 1\n  }  # closed under its key\n", {"a": 1}),
])
def test_what_yaml_allows_next_to_those_is_still_read(body: str, value: Any) -> None:
    parsed = parse_yaml(HEAD + "  name: " + body, "plan.yaml")
    assert parsed.data["client"]["name"] == value


def test_a_list_under_its_key_and_a_compact_mapping_get_their_own_indentation() -> None:
    text = 'goals:\n- "a\n b"\n- k: [x,\n   y]\n'
    assert parse_yaml(text, "plan.yaml").data == {"goals": ["a b", {"k": ["x", "y"]}]}
    with pytest.raises(PlanError) as caught:
        parse_yaml('goals:\n- k: [x,\n  y]\n', "plan.yaml")
    assert (caught.value.issues[0].line, caught.value.issues[0].column) == (3, 3)
