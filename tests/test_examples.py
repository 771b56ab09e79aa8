"""The bundled examples: complete plans that every later command is shown on."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from crmplan.languages import CODES
from crmplan.model.plan import Plan
from crmplan.plan.load import load_plan
from crmplan.resources import example_names, examples_dir

ROOT = Path(__file__).parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*/plan.yaml"))


def test_one_example_per_language() -> None:
    languages = sorted(load_plan(path).plan.client.language.value for path in EXAMPLES)
    assert languages == sorted(CODES)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_example_fills_every_section(path: Path) -> None:
    plan = load_plan(path).plan
    # checks is how crmplan checks a plan, not a part of the strategy: an example needs none
    empty = [name for name in Plan.model_fields if not getattr(plan, name) and name != "checks"]
    assert empty == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_example_fills_every_part_of_the_activity_plan_and_assessment(path: Path) -> None:
    plan = load_plan(path).plan
    for section in (plan.activity_plan, plan.assessment, plan.strategy, plan.engagement):
        assert section is not None
        empty = [name for name in type(section).model_fields if not getattr(section, name)]
        assert empty == [], type(section).__name__


def test_examples_ship_with_the_package() -> None:
    assert example_names() == sorted(p.parent.name for p in EXAMPLES)
    assert (examples_dir() / "online-retailer-en" / "plan.yaml").is_file()


def test_pre_commit_hook_runs_validate() -> None:
    hooks = YAML(typ="safe", pure=True).load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hooks[0]["id"] == "crmplan-validate"
    assert hooks[0]["entry"] == "crmplan validate"
    assert hooks[0]["language"] == "python"
