"""The rule registry (crmplan.rules): one code per rule, every rule emitted somewhere, every
finding of a known rule, docs/rules.md generated from it, and silencing a rule."""

from __future__ import annotations

import ast
import os
import re

import pytest

from crmplan import rules
from crmplan.errors import UsageError
from crmplan.findings import FOUNDATIONS, Area, Rule, Severity
from render_helpers import ROOT

PACKAGE = ROOT / "src" / "crmplan"
REGISTRY = PACKAGE / "rules.py"
DOC = ROOT / "docs" / "rules.md"


def declared() -> dict[str, Rule]:
    """Every rule the registry declares, by the name of its constant."""
    return {name: value for name, value in vars(rules).items() if isinstance(value, Rule)}


def test_no_two_rules_share_a_code_or_a_name() -> None:
    found = list(declared().values())
    assert len({r.code for r in found}) == len(found)
    assert len({r.name for r in found}) == len(found)
    assert sorted(rules.RULES.values()) == sorted(found)


def test_codes_have_the_shape_and_the_area_of_their_hundreds() -> None:
    for rule in declared().values():
        assert re.fullmatch(r"CRM[1-9][0-9]{2}", rule.code), rule
        assert re.fullmatch(r"[a-z][a-z0-9_]*", rule.name), rule
        assert rule.summary.endswith(".") and rule.commands, rule
        assert rule.area is rules.AREA_OF_HUNDREDS[rule.code[3]]


@pytest.mark.slow
def test_every_rule_is_emitted_by_some_code_path() -> None:
    """Each rule's constant is used outside the registry (a rule nobody reports is dead)."""
    sources = "\n".join(p.read_text(encoding="utf-8") for p in sorted(PACKAGE.rglob("*.py"))
                        if p != REGISTRY)
    unused = [name for name in declared() if not re.search(rf"\b{name}\b", sources)]
    assert unused == []


def test_no_rule_is_made_outside_the_registry() -> None:
    """A finding can only carry a registered rule: no other module constructs a Rule."""
    made = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path in (REGISTRY, PACKAGE / "findings.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute)):
                name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
                if name == "Rule":
                    made.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert made == []


def test_what_may_be_silenced() -> None:
    for rule in declared().values():
        foundation = rule.severity is Severity.ERROR and rule.area in FOUNDATIONS
        assert rule.silenceable is not foundation, rule
    assert not rules.UNKNOWN_FIELD.silenceable and not rules.YAML_SYNTAX.silenceable
    assert rules.EMPTY_STEP.silenceable and rules.WEIGHTS_ALL_ZERO.silenceable
    assert {Area.FILE, Area.SCHEMA, Area.REFERENCES, Area.DATA} == FOUNDATIONS


def test_rules_doc_is_current() -> None:
    text = rules.reference()
    if os.environ.get("CRMPLAN_REFRESH_DOCS") and (
            not DOC.exists() or DOC.read_text(encoding="utf-8") != text):
        DOC.write_text(text, encoding="utf-8")
    assert DOC.read_text(encoding="utf-8") == text, (
        "docs/rules.md is out of date: CRMPLAN_REFRESH_DOCS=1 python -m pytest tests/test_rules.py")


def test_the_doc_lists_every_code() -> None:
    listed = re.findall(r"^\| (CRM\d{3}) \|", DOC.read_text(encoding="utf-8"), re.MULTILINE)
    assert listed == list(rules.RULES)


# -- --ignore -----------------------------------------------------------------------------------


def test_ignore_takes_repeated_and_comma_separated_codes() -> None:
    assert rules.silenced(["CRM401,CRM503", " crm601 ", "CRM401", ""]) == frozenset(
        {"CRM401", "CRM503", "CRM601"})


@pytest.mark.parametrize(("given", "hint"), [
    ("CRM2O3", "did you mean CRM203 (unknown_field)?"),
    ("empty_step", "did you mean CRM401 (empty_step)?"),
    ("touchpoint-without-owner", "did you mean CRM503 (touchpoint_without_owner)?"),
    ("W291", "the codes are listed in docs/rules.md"),
])
def test_an_unknown_code_is_a_usage_error_with_did_you_mean(given: str, hint: str) -> None:
    with pytest.raises(UsageError) as caught:
        rules.silenced([given])
    assert caught.value.message == f"--ignore {given}: no rule has this code"
    assert caught.value.hint == hint


@pytest.mark.parametrize("code", ["CRM110", "CRM203", "CRM302", "CRM912"])
def test_an_error_that_makes_the_plan_invalid_cannot_be_silenced(code: str) -> None:
    with pytest.raises(UsageError) as caught:
        rules.silenced(["CRM401", code])
    name = rules.RULES[code].name
    assert caught.value.message == f"--ignore {code}: rule {code} ({name}) cannot be silenced"
    assert "fix the plan instead" in caught.value.hint


def test_the_registry_is_read_by_code_and_by_name() -> None:
    assert rules.RULES["CRM203"] is rules.UNKNOWN_FIELD
    assert rules.BY_NAME["unknown_field"] is rules.UNKNOWN_FIELD


@pytest.mark.parametrize("example", ["aesthetic-clinic-ko", "online-retailer-en",
                                     "b2b-manufacturer-zh"])
def test_every_finding_of_the_reports_is_of_a_registered_rule(example: str) -> None:
    from crmplan.analysis import PlanAnalysis
    from render_helpers import loaded_example

    analysis = PlanAnalysis(loaded_example(example))
    found = [*analysis.journeys.all_findings, *analysis.segments.findings,
             *analysis.review.findings, *(f for g in analysis.goals for f in g.findings)]
    assert found
    assert all(rules.RULES.get(f.code) is f.rule for f in found)
