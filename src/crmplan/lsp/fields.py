"""What the plan format allows at a path, read from the pydantic models: the fields of a
mapping with their descriptions, and the fixed values (enums) of a value."""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from crmplan.i18n import N_, _
from crmplan.model.plan import Plan
from crmplan.plan.source import PathKey

_NONE = type(None)


@dataclass(frozen=True)
class FieldInfo:
    """One field of a mapping: its name, whether it is required, its description and a
    short word for its type."""

    name: str
    required: bool
    description: str
    kind: str


def annotation_at(path: Sequence[PathKey], root: type[BaseModel] = Plan) -> Any:
    """The type the plan format expects at ``path`` (an int stands for any list item, a
    text under a mapping of values for any key); None where the format has nothing."""
    current: Any = root
    for key in path:
        current = _step(current, key)
        if current is None:
            return None
    return current


def _step(annotation: Any, key: PathKey) -> Any:
    for option in _options(annotation):
        if isinstance(option, type) and issubclass(option, BaseModel):
            if isinstance(key, str) and key in option.model_fields:
                return option.model_fields[key].annotation
            continue
        origin = typing.get_origin(option)
        args = typing.get_args(option)
        if origin in (list, tuple, Sequence) and isinstance(key, int) and args:
            return args[0]
        if origin is dict and isinstance(key, str) and len(args) == 2:
            return args[1]
    return None


def _options(annotation: Any) -> list[Any]:
    """The types an annotation allows: Optional, unions and Annotated unwrapped."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _options(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [o for arg in typing.get_args(annotation) if arg is not _NONE for o in _options(arg)]
    return [annotation]


def model_at(path: Sequence[PathKey]) -> type[BaseModel] | None:
    """The model of the mapping at ``path``, if the format has one there."""
    for option in _options(annotation_at(path)):
        if isinstance(option, type) and issubclass(option, BaseModel):
            return option
    return None


def fields_of(model: type[BaseModel]) -> list[FieldInfo]:
    """The fields of ``model``, in the order the format lists them, each described in the
    active language: the description the JSON Schema carries is the catalog's English
    (``described``, ``required`` and ``items`` of :mod:`crmplan.model.base` mark it)."""
    return [
        FieldInfo(
            name,
            info.is_required(),
            _(info.description) if info.description else "",
            kind_word(info.annotation),
        )
        for name, info in model.model_fields.items()
    ]


def fixed_values(path: Sequence[PathKey]) -> list[str]:
    """The values a field takes from a fixed list (an enum, true/false); empty if free."""
    values: list[str] = []
    for option in _options(annotation_at(path)):
        if isinstance(option, type) and issubclass(option, enum.Enum):
            values += [str(member.value) for member in option]
        elif option is bool:
            values += ["true", "false"]
        elif typing.get_origin(option) is typing.Literal:
            values += [str(arg) for arg in typing.get_args(option)]
    return list(dict.fromkeys(values))


def item_is_mapping(path: Sequence[PathKey]) -> bool:
    """Whether the items of the list at ``path`` are mappings (else scalars)."""
    return model_at((*path, 0)) is not None


def kind_word(annotation: Any) -> str:
    """ "text", "a number", "a date", "a list", an enum's values...: what a value of the
    type is, for a completion's detail (in the active language)."""
    words: list[str] = []
    for option in _options(annotation):
        words.append(_word(option))
    return " | ".join(dict.fromkeys(words))


def _word(option: Any) -> str:
    origin = typing.get_origin(option)
    if origin in (list, tuple):
        return _("a list")
    if origin is dict or (isinstance(option, type) and issubclass(option, BaseModel)):
        return _("a mapping")
    if isinstance(option, type) and issubclass(option, enum.Enum):
        return "|".join(str(member.value) for member in list(option)[:6]) + (
            "|…" if len(option) > 6 else ""
        )
    simple = {
        bool: "true|false",
        int: N_("a whole number"),
        float: N_("a number"),
        str: N_("text"),
        dt.date: N_("a date"),
    }
    return _(simple[option]) if option in simple else getattr(option, "__name__", str(option))
