"""The typed render context (crmplan.render.model): every part frozen and described, read
as a mapping too, its values of the declared types, and docs/templates.md's table of it
generated from the code.

After changing the model, refresh the page with
``CRMPLAN_REFRESH_DOCS=1 python -m pytest tests/test_render_model.py`` and read the diff.
"""

from __future__ import annotations

import copy
import dataclasses
import os
import pickle
import types
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

import pytest
from markupsafe import Markup

from conftest import MINIMAL_PLAN
from crmplan.analysis import PlanAnalysis
from crmplan.plan.load import LoadedPlan, load_plan
from crmplan.render.context import build_context
from crmplan.render.environment import MarkdownSafe
from crmplan.render.model.base import Todo
from crmplan.render.model.record import Record
from crmplan.render.model.reference import BEGIN, END, records, refreshed, undocumented
from crmplan.render.model.top import RenderContext
from render_helpers import EXAMPLES, ROOT, loaded_example

PAGE = ROOT / "docs" / "templates.md"
MAPPING_READS = {"keys", "items", "values", "get"}


class Undescribed(Record):
    described: str
    """A field with a description."""
    bare: int


def test_templates_doc_shows_the_render_context() -> None:
    text = PAGE.read_text(encoding="utf-8")
    expected = refreshed(text)
    if os.environ.get("CRMPLAN_REFRESH_DOCS") and text != expected:
        PAGE.write_text(expected, encoding="utf-8")
        return
    assert text == expected, ("docs/templates.md is out of date: "
                              "CRMPLAN_REFRESH_DOCS=1 python -m pytest tests/test_render_model.py")


def test_the_generated_table_has_a_row_per_field_and_its_description() -> None:
    page = PAGE.read_text(encoding="utf-8")
    table = page[page.index(BEGIN):page.index(END)]
    assert "| `baseline.kpis[].trend.svg` | HTML | The line chart as SVG, for HTML. |" in table
    assert "| `software.decision` | object or null | The decision; null when none was " \
           "made. |" in table
    assert "| `steps[].todo` | to-do or null |" in table
    assert "| `todos[]` | list of to-dos |" in table
    assert "| `html` | HTML | The callout's sentence in HTML" in table  # the to-do's own table
    assert "steps[].todo.md" not in table  # a to-do is described once


def test_a_page_without_the_generated_part_is_refused() -> None:
    with pytest.raises(ValueError, match="generated"):
        refreshed("# Templates\n")


def test_every_part_and_field_is_described() -> None:
    assert [entry for cls in records() for entry in undocumented(cls)] == []


def test_a_field_without_description_is_found() -> None:
    assert undocumented(Undescribed) == ["Undescribed", "Undescribed.bare"]


def test_every_part_is_reached_from_the_top() -> None:
    found = set(records())
    assert {RenderContext, Todo} <= found
    assert len(found) > 60


@pytest.mark.parametrize("cls", records(), ids=lambda c: c.__name__)
def test_a_part_is_a_record_with_a_slot_per_field(cls: type[Record]) -> None:
    assert all("__slots__" in vars(k) for k in cls.__mro__ if k is not object)
    assert [s for k in cls.__mro__ for s in vars(k).get("__slots__", ())] == list(
        cls.__record_fields__)
    assert list(get_type_hints(cls)) == ["__record_fields__", *cls.__record_fields__]


@pytest.mark.parametrize("cls", records(), ids=lambda c: c.__name__)
def test_a_part_offers_only_its_fields_and_the_mapping_reads(cls: type[Record]) -> None:
    """No field is private or hides a mapping read; nothing public to call but those reads."""
    fields = set(cls.__record_fields__)
    assert [f for f in fields if f.startswith("_")] == []
    assert fields & MAPPING_READS == set()
    public = {name for name in dir(cls) if not name.startswith("_")}
    assert public <= fields | MAPPING_READS


def _todo() -> Todo:
    return Todo(step=None, section="goals.vision", location="plan.yaml:1:1", line=1, column=1,
                text="fill it", md=MarkdownSafe("fill it"), html=Markup("fill it"))


def test_a_record_reads_as_a_read_only_mapping() -> None:
    todo = _todo()
    assert isinstance(todo, Mapping)
    assert todo["section"] == todo.get("section") == "goals.vision"
    assert list(todo) == list(todo.keys()) == list(Todo.__record_fields__)
    assert len(todo) == 8 and "line" in todo and "nothing" not in todo
    assert dict(todo.items())["column"] == 1 and list(todo.values())[1] == "goals.vision"
    assert todo.get("nothing", 7) == 7 and todo.get("__class__") is None
    with pytest.raises(KeyError):
        todo["__class__"]



def test_a_record_is_frozen_and_compares_by_value() -> None:
    todo = _todo()
    with pytest.raises(dataclasses.FrozenInstanceError):
        todo.section = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del todo.section  # type: ignore[misc]
    with pytest.raises(AttributeError):
        todo.other = 1  # type: ignore[attr-defined]
    assert not hasattr(todo, "__dict__")
    again = Todo(**dict(todo))
    assert again == todo and hash(again) == hash(todo) and again is not todo
    assert Todo(**dict(todo, line=2)) != todo and todo != dict(todo)
    assert copy.deepcopy(todo) == pickle.loads(pickle.dumps(todo)) == todo
    assert repr(todo).startswith("Todo(step=None, section='goals.vision', location=")


def test_a_record_takes_its_fields_by_keyword_only() -> None:
    with pytest.raises(TypeError, match=r"^Todo\(\) missing 'html'$"):
        Todo(**{k: v for k, v in _todo().items() if k != "html"})
    with pytest.raises(TypeError, match="positional"):
        Todo(None, "a", "b", 1, 1, "c", "d", "e")  # type: ignore[misc]
    with pytest.raises(TypeError, match=r"^Todo\(\) unexpected 'other'$"):
        Todo(**dict(_todo()), other=1)
    with pytest.raises(TypeError, match=r"^Todo\(\) missing 'md'; unexpected 'mark'$"):
        Todo(**{("mark" if k == "md" else k): v for k, v in _todo().items()})


# -- the values are of the declared types ----------------------------------------------------


def _wrong_types(value: Any, kind: Any, path: str) -> list[str]:
    """Where ``value`` is not of the type ``kind`` (through records, tuples, ``| None``)."""
    if get_origin(kind) in (Union, types.UnionType):
        if value is None:
            return [] if type(None) in get_args(kind) else [f"{path}: None"]
        kind = next(a for a in get_args(kind) if a is not type(None))
    if get_origin(kind) is tuple:
        if not isinstance(value, tuple):
            return [f"{path}: {type(value).__name__}, not a tuple"]
        return [w for i, item in enumerate(value)
                for w in _wrong_types(item, get_args(kind)[0], f"{path}[{i}]")]
    if (type(value) is bool and kind is not bool) or not isinstance(value, kind):
        return [f"{path}: {type(value).__name__}, not {kind.__name__}"]
    if isinstance(value, Record):
        return [w for name, inner in get_type_hints(type(value)).items()
                if name in value.__record_fields__
                for w in _wrong_types(getattr(value, name), inner, f"{path}.{name}")]
    return []


def _minimal(tmp_path: Path) -> LoadedPlan:
    (tmp_path / "plan.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    return load_plan(tmp_path / "plan.yaml")


@pytest.mark.parametrize("example", [*EXAMPLES, "minimal"])
def test_every_value_is_of_its_declared_type(example: str, tmp_path: Path) -> None:
    loaded = _minimal(tmp_path) if example == "minimal" else loaded_example(example)
    context = build_context(PlanAnalysis(loaded), "en", None)
    assert _wrong_types(context, RenderContext, "context") == []


def test_a_value_of_the_wrong_type_is_found() -> None:
    wrong = Todo(**dict(_todo(), line="1"))
    assert _wrong_types(wrong, Todo, "todo") == ["todo.line: str, not int"]
    assert _wrong_types((1, None), tuple[int, ...], "x") == ["x[1]: NoneType, not int"]
