"""Steps 1 and 2 beyond the SMART check (crmplan.baseline.groundwork): goals set with
stakeholders from several departments, and a qualitative baseline beside the figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from crmplan.baseline.groundwork import groundwork_findings
from crmplan.cli import app
from crmplan.plan.load import load_bytes

pytestmark = pytest.mark.usefixtures("english")

PLAN = """\
schema_version: 1
client:
  name: Acme
goals:
  smart: [{id: g, statement: Keep more members}]
  stakeholders:
    - {name: Kim, department: Service}
kpis:
  - {id: retention_rate, baseline: {value: 61, as_of: 2026-01-05, source: CRM}}
"""


def found(text: str) -> list[tuple[str, str, str]]:
    loaded = load_bytes(text.encode("utf-8"), "plan.yaml")
    return [(i.location, i.code, i.message) for i in groundwork_findings(loaded)]


def test_goals_set_by_one_department_and_figures_alone_are_findings() -> None:
    assert found(PLAN) == [
        ("plan.yaml:6:3", "CRM740", "the goals were set with stakeholders from 1 department(s), "
                                    "not from each department they concern"),
        ("plan.yaml:8:1", "CRM741", "the baseline has figures but no qualitative record of "
                                    "today's strengths and weaknesses")]


def test_stakeholders_of_two_departments_and_a_qualitative_baseline_pass() -> None:
    text = PLAN.replace("    - {name: Kim, department: Service}\n",
                        "    - {name: Kim, department: Service}\n"
                        "    - {name: Lee, department: Marketing}\n") + (
        "qualitative_baseline:\n  - {topic: Calls, observation: Callers wait at lunch, "
        "source: Staff interviews}\n")
    assert found(text) == []


def test_baseline_reports_them(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    text = runner.invoke(app, ["baseline", str(path)]).stdout
    assert "the goals were set with stakeholders from 1 department(s), not from each " \
           "department they concern  [CRM740]" in text
    data = runner.invoke(app, ["baseline", str(path), "-f", "json"]).stdout
    assert '"code": "CRM741"' in data
