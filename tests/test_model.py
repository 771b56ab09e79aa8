"""The plan model (crmplan.model): every bound a field declares holds, and is located."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel
from tests.model_walk import Bounds, constrained, plan_with

from crmplan import rules
from crmplan.errors import PlanError
from crmplan.model import base
from crmplan.plan.load import load_bytes

OUT_OF_RANGE = {rules.OUT_OF_RANGE.code, rules.TOO_LONG.code}


def _outside(found: Bounds) -> list[Any]:
    """Values just outside each of the field's bounds."""
    step = 1 if found.whole else 0.5
    kind = int if found.whole else float
    values: list[Any] = []
    if found.ge is not None:
        values.append(kind(found.ge - step))
    if found.le is not None:
        values.append(kind(found.le + step))
    if found.max_length is not None:
        values.append("x" * (found.max_length + 1))
    return [[v] for v in values] if found.listed else values


CASES = [(model, field, value) for model, field, found in constrained()
         for value in _outside(found)]


def _case_id(case: tuple[type[BaseModel], str, Any]) -> str:
    model, field, value = case
    one = value[0] if isinstance(value, list) else value
    shown = f"{len(one)} characters" if isinstance(one, str) else one
    return f"{model.__name__}.{field}={shown}"


def test_the_walk_finds_the_bounds_that_were_lost() -> None:
    """The fields whose bounds pydantic once dropped are among those walked."""
    fields = {(m.__name__, f): b for m, f, b in constrained()}
    assert (fields[("Reviews", "cadence_months")].ge, fields[("Reviews", "cadence_months")].le) \
        == (1, 12)
    assert fields[("Sop", "review_every_months")].ge == 1
    assert fields[("Segment", "size")].ge == 0
    assert fields[("RoiEstimate", "horizon_years")].le == 30


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_every_declared_bound_is_enforced_and_located(
        case: tuple[type[BaseModel], str, Any]) -> None:
    model, field, value = case
    _data, text = plan_with(model, field, value)
    with pytest.raises(PlanError) as caught:
        load_bytes(text.encode(), "plan.yaml")
    line = 1 + next(i for i, row in reversed(list(enumerate(text.splitlines())))
                    if row.lstrip(" -").startswith(f"{field}:"))
    found = [i for i in caught.value.issues
             if i.code in OUT_OF_RANGE and i.line in (line, line + 1)]
    assert found, (text[-300:], [(i.location, i.code, i.message) for i in caught.value.issues])
    assert found[0].path.split(".")[-1].split("[")[0] == field


def test_the_schema_declares_the_narrow_bounds() -> None:
    from crmplan.schema_docs import json_schema

    defs = json_schema()["$defs"]
    assert defs["Reviews"]["properties"]["cadence_months"]["minimum"] == 1
    assert defs["Reviews"]["properties"]["cadence_months"]["maximum"] == 12
    assert defs["Sop"]["properties"]["review_every_months"]["minimum"] == 1


def test_bounds_given_to_a_field_helper_are_refused() -> None:
    """A field's own bounds would lose to its type's: the helpers refuse them."""
    with pytest.raises(TypeError, match="annotation"):
        base.described("Months.", 6, ge=1)
    with pytest.raises(TypeError, match="annotation"):
        base.required("Months.", le=12)
