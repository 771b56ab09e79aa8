"""The table of the render context in docs/templates.md, generated from the model.

Every field of :class:`~crmplan.render.model.top.RenderContext` is walked
recursively: one row per field, with its path as a template reads it
(``baseline.kpis[].trend.svg``), its type and its description, the string
written under the field in its class. A to-do, which many parts hold, has a
table of its own. ``tests/test_render_model.py`` fails when the page is out of
date, and rewrites it under ``CRMPLAN_REFRESH_DOCS=1``.
"""

from __future__ import annotations

import ast
import functools
import inspect
import itertools
import sys
import types
from typing import Any, Union, get_args, get_origin, get_type_hints

from markupsafe import Markup

from crmplan.render.environment import MarkdownSafe
from crmplan.render.model.base import Todo
from crmplan.render.model.record import Record
from crmplan.render.model.top import RenderContext

BEGIN = "<!-- generated from src/crmplan/render/model: do not edit by hand -->"
END = "<!-- end of the generated table -->"
HEADER = ["| field | type | what it holds |", "|---|---|---|"]
TYPE_NAMES: dict[Any, str] = {str: "text", int: "whole number", float: "number",
                              bool: "true or false", Markup: "HTML", MarkdownSafe: "Markdown"}


def reference() -> str:
    """The generated part of the page: the table of the context, then that of a to-do."""
    return "\n".join([*HEADER, *_rows(RenderContext, ""), "", "Each to-do:", "", *HEADER,
                      *_rows(Todo, "")]) + "\n"


def refreshed(page: str) -> str:
    """``page`` with its generated part, between :data:`BEGIN` and :data:`END`, replaced."""
    head, found, rest = page.partition(BEGIN + "\n")
    _old, ended, tail = rest.partition(END)
    if not (found and ended):
        raise ValueError(f"the page has no {BEGIN} … {END} part")
    return f"{head}{BEGIN}\n{reference()}{END}{tail}"


def records(root: type[Record] = RenderContext) -> list[type[Record]]:
    """``root`` and every record class its fields hold, each once, in the order met."""
    found = [root]
    for kind in get_type_hints(root).values():
        item = _item(kind)
        if _is_record(item) and item not in found:
            found += [r for r in records(item) if r not in found]
    return found


def undocumented(cls: type[Record]) -> list[str]:
    """``Class`` without a docstring, ``Class.field`` without a description."""
    tree = _class_tree(cls.__module__, cls.__qualname__)
    missing = [] if ast.get_docstring(tree) else [cls.__name__]
    docs = descriptions(cls)
    return missing + [f"{cls.__name__}.{name}" for name in cls.__record_fields__
                      if not docs.get(name)]


def descriptions(cls: type[Record]) -> dict[str, str]:
    """Each field's description: the string under it in its class, on one line."""
    found: dict[str, str] = {}
    for klass in reversed([k for k in cls.__mro__ if issubclass(k, Record) and k is not Record]):
        body = _class_tree(klass.__module__, klass.__qualname__).body
        for field, node in itertools.pairwise(body):
            if (isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name)
                    and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
                    and isinstance(node.value.value, str)):
                found[field.target.id] = " ".join(inspect.cleandoc(node.value.value).split())
    return found


@functools.cache
def _module_tree(module: str) -> ast.Module:
    return ast.parse(inspect.getsource(sys.modules[module]))


def _class_tree(module: str, name: str) -> ast.ClassDef:
    """The class's definition in its module's source."""
    for node in _module_tree(module).body:
        if isinstance(node, ast.ClassDef) and node.name == name:
            return node
    raise LookupError(f"class {name} not found in {module}")


def _rows(cls: type[Record], prefix: str) -> list[str]:
    docs = descriptions(cls)
    rows = []
    for name, kind in get_type_hints(cls).items():
        if name not in cls.__record_fields__:
            continue
        item = _item(kind)
        path = prefix + name + ("[]" if _listed(kind) else "")
        text = docs.get(name, "").replace("``", "`").replace("|", "\\|")
        rows.append(f"| `{path}` | {_type_text(kind)} | {text} |")
        if _is_record(item) and item is not Todo:
            rows += _rows(item, path + ".")
    return rows


def _type_text(kind: Any) -> str:
    args = [a for a in get_args(kind) if a is not type(None)]
    if _optional(kind):
        return f"{_type_text(args[0])} or null"
    if get_origin(kind) is tuple:
        return "list of " + {"object": "objects", "to-do": "to-dos"}.get(
            _type_text(args[0]), _type_text(args[0]))
    if kind is Todo:
        return "to-do"
    if _is_record(kind):
        return "object"
    return TYPE_NAMES[kind]


def _optional(kind: Any) -> bool:
    return get_origin(kind) in (Union, types.UnionType) and type(None) in get_args(kind)


def _listed(kind: Any) -> bool:
    return get_origin(kind) is tuple


def _item(kind: Any) -> Any:
    """The record or value a field holds, through ``| None`` and ``tuple[...]``."""
    while _optional(kind) or _listed(kind):
        kind = next(a for a in get_args(kind) if a is not type(None))
    return kind


def _is_record(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, Record)
