"""The plan format: the shipped JSON Schema and docs/plan-format.md match the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from crmplan.cli import app
from crmplan.resources import schema_file
from crmplan.schema_docs import json_schema, json_schema_text, markdown_reference

ROOT = Path(__file__).parents[1]
REFRESH = "refresh with: crmplan schema > src/crmplan/schema/plan.schema.json && " \
          "crmplan schema -f markdown > docs/plan-format.md"


def test_shipped_schema_is_current() -> None:
    assert schema_file().read_text(encoding="utf-8") == json_schema_text(), REFRESH


def test_plan_format_doc_is_current() -> None:
    doc = (ROOT / "docs" / "plan-format.md").read_text(encoding="utf-8")
    assert doc == markdown_reference(), REFRESH


def test_every_field_has_a_description() -> None:
    schema = json_schema()
    missing = [f"{name}.{field}"
               for name, model in {"Plan": schema, **schema["$defs"]}.items()
               for field, spec in model.get("properties", {}).items()
               if not spec.get("description")]
    assert missing == []


def test_schema_forbids_unknown_keys_everywhere() -> None:
    schema = json_schema()
    objects = [schema, *(d for d in schema["$defs"].values() if d.get("type") == "object")]
    assert all(o.get("additionalProperties") is False for o in objects)


def test_schema_command_prints_json_and_markdown() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    parsed: dict[str, Any] = json.loads(result.output)
    assert parsed["required"] == ["schema_version", "client"]
    result = runner.invoke(app, ["schema", "--format", "markdown"])
    assert result.exit_code == 0
    assert result.output.startswith("# Plan format reference")
    assert "## Touchpoint" in result.output


def test_schema_is_deterministic() -> None:
    assert json_schema_text() == json_schema_text()
    assert markdown_reference() == markdown_reference()
