"""Walking the plan model: every model a plan can hold, the bounds its fields declare, and
the smallest plan that holds a value at any field (the text a user would write)."""

from __future__ import annotations

import datetime as dt
import enum
import math
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from crmplan.model.base import EMAIL_PATTERN, ID_PATTERN, RULE_CODE_PATTERN
from crmplan.model.plan import Plan
from crmplan.plan.emit import emit_block

# How the path to a model goes: a field, and whether it holds a list, a mapping of ids or
# the model itself.
Step = tuple[str, str]  # (field, "one" | "list" | "dict")

SAMPLE_TEXT = {ID_PATTERN: "x1", EMAIL_PATTERN: "a@b.co", RULE_CODE_PATTERN: "CRM401",
               r"^[A-Z]{3}$": "USD", r"^[A-Z]{2}$": "US"}
DAY = dt.date(2026, 1, 15)


@dataclass(frozen=True)
class Bounds:
    """The narrowest bounds a field declares, anywhere in its annotation or its Field."""

    ge: float | None = None
    le: float | None = None
    max_length: int | None = None
    whole: bool = False
    listed: bool = False  # a list of such values


def _unwrap(annotation: Any) -> Iterator[Any]:
    """Every type an annotation can hold, through Optional, Annotated, list and dict."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _unwrap(typing.get_args(annotation)[0])
    elif origin in (typing.Union, types.UnionType, list, dict):
        for arg in typing.get_args(annotation):
            yield from _unwrap(arg)
    else:
        yield annotation


def _metadata(annotation: Any) -> Iterator[Any]:
    """Every constraint of an annotation, the Annotated ones of nested types included."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        yield from _metadata(base)
        for item in extra:
            yield from (item.metadata if isinstance(item, FieldInfo) else [item])
    elif origin in (typing.Union, types.UnionType, list):
        for arg in typing.get_args(annotation):
            yield from _metadata(arg)


def models() -> dict[type[BaseModel], tuple[Step, ...]]:
    """Every model a plan can hold, with the shortest path from the plan to it."""
    found: dict[type[BaseModel], tuple[Step, ...]] = {Plan: ()}
    queue: list[type[BaseModel]] = [Plan]
    while queue:
        model = queue.pop(0)
        for name, info in model.model_fields.items():
            kind = _kind(info.annotation)
            for inner in _unwrap(info.annotation):
                if isinstance(inner, type) and issubclass(inner, BaseModel) and inner not in found:
                    found[inner] = (*found[model], (name, kind))
                    queue.append(inner)
    return found


def _kind(annotation: Any) -> str:
    for origin in (typing.get_origin(a) for a in [annotation, *typing.get_args(annotation)]):
        if origin is list:
            return "list"
        if origin is dict:
            return "dict"
    return "one"


def bounds(info: FieldInfo) -> Bounds:
    """The narrowest bounds of a field: what the model declares for it."""
    ge = le = length = None
    whole = any(t is int for t in _unwrap(info.annotation))
    for item in [*info.metadata, *_metadata(info.annotation)]:
        if isinstance(item, annotated_types.Ge):
            ge = item.ge if ge is None else max(ge, item.ge)
        elif isinstance(item, annotated_types.Le):
            le = item.le if le is None else min(le, item.le)
        elif isinstance(item, annotated_types.MaxLen):
            length = item.max_length if length is None else min(length, item.max_length)
    union = typing.get_origin(info.annotation) in (typing.Union, types.UnionType)
    options = [a for a in typing.get_args(info.annotation) if a is not type(None)] if union \
        else [info.annotation]
    listed = all(typing.get_origin(a) is list for a in options)
    return Bounds(ge, le, length, whole, listed)  # type: ignore[arg-type]


def constrained() -> Iterator[tuple[type[BaseModel], str, Bounds]]:
    """Every field of every model with bounds on its values or its length."""
    for model in models():
        for name, info in model.model_fields.items():
            found = bounds(info)
            if (found.ge, found.le, found.max_length) != (None, None, None):
                yield model, name, found


def sample(info: FieldInfo) -> Any:
    """A value the field accepts."""
    annotation = info.annotation
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)[0]
    inner = next(_unwrap(annotation))
    if typing.get_origin(annotation) is list:
        return []
    if typing.get_origin(annotation) is dict:
        return {}
    return _sample_of(inner, [*info.metadata, *_metadata(annotation)])


def _sample_of(kind: Any, metadata: list[Any]) -> Any:
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return minimal(kind)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return next(iter(kind)).value
    if kind is dt.date:
        return DAY
    if kind is bool:
        return True
    if kind in (int, float):
        low = next((m.ge for m in metadata if isinstance(m, annotated_types.Ge)), 0)
        return kind(max(low, 1)) if low > -math.inf else kind(1)
    patterns = [getattr(m, "pattern", None) for m in metadata]
    return next((SAMPLE_TEXT[p] for p in patterns if p in SAMPLE_TEXT), "text")


def minimal(model: type[BaseModel]) -> dict[str, Any]:
    """The required fields of ``model``, each with a value it accepts."""
    data = {name: sample(info) for name, info in model.model_fields.items()
            if info.is_required()}
    if model is Plan:
        data["client"] = {"name": "Acme", "language": "en"}
    return data


def plan_with(model: type[BaseModel], field: str, value: Any) -> tuple[dict[str, Any], str]:
    """The smallest plan holding ``value`` at ``field`` of a ``model``, and its YAML text."""
    path = models()[model]
    leaf = {**minimal(model), field: value}
    data: Any = leaf
    for name, kind in reversed(path):
        parent_model = _model_at(path[: path.index((name, kind))])
        wrapped = [data] if kind == "list" else {"k1": data} if kind == "dict" else data
        data = {**minimal(parent_model), name: wrapped}
    return data, "\n".join(emit_block(data, 0)) + "\n"


def _model_at(path: tuple[Step, ...]) -> type[BaseModel]:
    return next(m for m, p in models().items() if p == path)
