"""The one finding type (crmplan.findings): a rule's code and severity, where, what, the fix."""

from __future__ import annotations

import dataclasses

import pytest

from crmplan import errors, rules
from crmplan.findings import Issue, Severity, kept, severity_label
from crmplan.i18n import language

ISSUE = Issue("plan.yaml", 4, 3, "unknown field 'industy'", "client.industy",
              "did you mean 'industry'?", rule=rules.UNKNOWN_FIELD)


def test_an_issue_takes_its_code_and_severity_from_its_rule() -> None:
    assert (ISSUE.code, ISSUE.severity, ISSUE.location) == (
        "CRM203", Severity.ERROR, "plan.yaml:4:3")
    assert Issue("p", 1, 1, "m", rule=rules.EMPTY_STEP).severity is Severity.WARNING
    assert Issue("p", 1, 1, "m", rule=rules.DISAGREEMENT).severity is Severity.NOTE


def test_an_issue_cannot_be_made_without_a_rule() -> None:
    with pytest.raises(TypeError):
        Issue("plan.yaml", 1, 1, "m")  # type: ignore[call-arg]


def test_the_json_of_an_issue_has_its_code() -> None:
    assert ISSUE.to_json() == {"file": "plan.yaml", "line": 4, "column": 3,
                               "severity": "error", "path": "client.industy",
                               "message": "unknown field 'industy'",
                               "hint": "did you mean 'industry'?", "code": "CRM203"}


def test_kept_leaves_out_the_silenced_rules_only() -> None:
    other = dataclasses.replace(ISSUE, rule=rules.EMPTY_STEP)
    assert kept([ISSUE, other], frozenset({"CRM401"})) == (ISSUE,)
    assert kept((ISSUE, other), frozenset()) == (ISSUE, other)


def test_errors_reexports_the_one_finding_type() -> None:
    assert errors.Issue is Issue and errors.Severity is Severity


@pytest.mark.parametrize(("lang", "labels"), [("en", ["error", "warning", "note"]),
                                              ("ko", ["오류", "경고", "참고"])])
def test_severities_are_named_in_the_active_language(lang: str, labels: list[str]) -> None:
    with language(lang):
        assert [severity_label(s) for s in Severity] == labels
