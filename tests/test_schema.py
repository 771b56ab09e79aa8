"""The plan format: the shipped JSON Schema and docs/plan-format.md match the models."""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from crmplan.cli import app
from crmplan.resources import examples_dir, schema_file
from crmplan.schema_docs import json_schema, json_schema_text, markdown_reference

ROOT = Path(__file__).parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*/plan.yaml"))
REPO_SCHEMA = "schema/plan.schema.json"
MODELINE = "# yaml-language-server: $schema="
REFRESH = f"refresh with: crmplan schema > {REPO_SCHEMA} && " \
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


def schema_patterns(node: Any) -> list[str]:
    """Every regular expression of a JSON Schema: ``pattern`` values, ``patternProperties`` keys."""
    if isinstance(node, list):
        return [p for item in node for p in schema_patterns(item)]
    if not isinstance(node, dict):
        return []
    found = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
    found += list(node.get("patternProperties", {}))
    return found + [p for value in node.values() for p in schema_patterns(value)]


def test_every_pattern_is_an_ecmascript_unicode_regex_and_a_python_one() -> None:
    regress = pytest.importorskip("regress")  # what check-jsonschema compiles patterns with
    patterns = sorted(set(schema_patterns(json_schema())))
    assert len(patterns) >= 8
    for pattern in patterns:
        regress.Regex(pattern, flags="u")
        re.compile(pattern)


def check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("check_jsonschema")
    return subprocess.run([sys.executable, "-m", "check_jsonschema", *args],
                          capture_output=True, text=True, check=False)


@pytest.mark.slow
def test_check_jsonschema_takes_the_schema_and_every_example(tmp_path: Path) -> None:
    schema = tmp_path / "plan.schema.json"
    result = CliRunner().invoke(app, ["schema"])
    schema.write_text(result.output, encoding="utf-8")
    done = check_jsonschema("--check-metaschema", str(schema))
    assert done.returncode == 0, done.stdout + done.stderr
    done = check_jsonschema("--schemafile", str(schema), *map(str, EXAMPLES))
    assert done.returncode == 0, done.stdout + done.stderr


def modeline_target(plan: Path) -> str:
    first = plan.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE), first
    return first[len(MODELINE):]


def wheel_path(repo_path: str) -> str:
    """Where a file of the repository is inside the wheel, as pyproject.toml lays it out."""
    tomllib = pytest.importorskip("tomllib")
    wheel = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["hatch"]["build"]["targets"]["wheel"]
    for source, target in wheel["force-include"].items():
        if repo_path.startswith(source + "/"):
            return target + repo_path[len(source):]
    for package in wheel["packages"]:  # src/crmplan ships as crmplan
        if repo_path.startswith(package + "/"):
            return package.rsplit("/", 1)[-1] + repo_path[len(package):]
    raise AssertionError(f"{repo_path} is not in the wheel")


@pytest.mark.parametrize("plan", EXAMPLES, ids=lambda p: p.parent.name)
def test_an_examples_schema_modeline_resolves_in_the_repository_and_in_the_wheel(
        plan: Path) -> None:
    target = modeline_target(plan)
    in_repository = (plan.parent / target).resolve()
    assert in_repository == (ROOT / REPO_SCHEMA).resolve()
    assert in_repository.is_file()
    example = wheel_path(plan.relative_to(ROOT).as_posix())
    in_wheel = posixpath.normpath(posixpath.join(posixpath.dirname(example), target))
    assert in_wheel == wheel_path(REPO_SCHEMA) == "crmplan/schema/plan.schema.json"


def test_the_modeline_resolves_where_crmplan_is_installed() -> None:
    """In an installed wheel (as in CI) the examples and the schema are inside the package."""
    for plan in sorted(examples_dir().glob("*/plan.yaml")):
        schema = (plan.parent / modeline_target(plan)).resolve()
        assert schema.read_bytes() == schema_file().read_bytes()
