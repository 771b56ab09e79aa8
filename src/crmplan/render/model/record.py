"""The base of every part of the render context: :class:`Record`, a frozen dataclass made
cheaply.

A record class lists its fields as annotations, each with the string that describes it
under it, and no decorator::

    class Client(Record):
        \"\"\"The client the plan is for.\"\"\"

        name: str
        \"\"\"The client's name, as on the deliverables.\"\"\"

Type checkers treat it as a frozen, keyword-only dataclass (PEP 681,
``dataclass_transform``): a missing, unknown or positional argument, a value of the wrong
type or an assignment is an error for mypy. At run time :class:`RecordType` gives each
class a slot per field, and :class:`Record` one ``__init__`` for all, which takes every
field by keyword and nothing else; assigning or deleting a field raises
:class:`~dataclasses.FrozenInstanceError`. :func:`dataclasses.dataclass` would do the same
but compiles five or six methods per class: for the seventy classes of the context that
is about 40 ms more at each start of ``crmplan render``, against 1 ms or so here.
"""

from __future__ import annotations

import sys
from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from dataclasses import FrozenInstanceError
from typing import Any, ClassVar

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # pragma: no cover
    from typing_extensions import dataclass_transform


class RecordType(type):
    """The class of a record class: its fields are its annotations (``ClassVar`` aside),
    after those of its bases, each with a slot. (The model's modules use ``from __future__
    import annotations``, so the annotations are in the class body's namespace.)"""

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]
                ) -> RecordType:
        own = tuple(field for field, kind in namespace.get("__annotations__", {}).items()
                    if "ClassVar" not in str(kind).partition("[")[0])
        inherited = tuple(f for base in bases for f in getattr(base, "__record_fields__", ()))
        namespace["__slots__"] = own
        namespace["__record_fields__"] = (*inherited, *own)
        return super().__new__(mcs, name, bases, namespace)


@dataclass_transform(kw_only_default=True, frozen_default=True)
class Record(metaclass=RecordType):
    """A part of the render context: frozen fields that a template reads by attribute
    (``row.name``) or, like the plain dict it replaced, as a read-only mapping of its
    fields (``row["name"]``, ``row.get("name")``, ``row.items()``, ``"name" in row``,
    ``row is mapping``). Only fields are keys; none starts with ``_``.

    It is no subclass of :class:`Mapping` (only registered as one), so checking whether a
    value is a record stays as fast as for any class: the sandbox does it at every
    attribute a template reads (:meth:`~crmplan.render.sandbox.LimitedSandbox.getattr`).
    """

    __record_fields__: ClassVar[tuple[str, ...]]

    def __init__(self, **fields: Any) -> None:
        names = self.__record_fields__
        if len(fields) != len(names) or not all(name in fields for name in names):
            raise TypeError(_wrong_fields(type(self), names, fields))
        for name in names:
            object.__setattr__(self, name, fields[name])

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __repr__(self) -> str:
        shown = ", ".join(f"{f}={getattr(self, f)!r}" for f in self.__record_fields__)
        return f"{type(self).__name__}({shown})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in self.__record_fields__)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, f) for f in self.__record_fields__))

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuilt, (type(self), dict(self))

    # -- read as a mapping -------------------------------------------------------------------

    def __getitem__(self, key: str) -> Any:
        if key in self.__record_fields__:
            return getattr(self, key)
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self.__record_fields__)

    def __len__(self) -> int:
        return len(self.__record_fields__)

    def __contains__(self, key: object) -> bool:
        return key in self.__record_fields__

    def keys(self) -> KeysView[str]:
        return KeysView(self)

    def items(self) -> ItemsView[str, Any]:
        return ItemsView(self)

    def values(self) -> ValuesView[Any]:
        return ValuesView(self)

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key) if key in self.__record_fields__ else default


def _wrong_fields(cls: type, names: tuple[str, ...], given: dict[str, Any]) -> str:
    missing = [n for n in names if n not in given]
    unknown = [n for n in given if n not in names]
    return f"{cls.__name__}() " + "; ".join(
        [*([f"missing {', '.join(map(repr, missing))}"] if missing else []),
         *([f"unexpected {', '.join(map(repr, unknown))}"] if unknown else [])])


def _rebuilt(cls: type[Record], fields: dict[str, Any]) -> Record:
    """A record again from its fields (for :mod:`copy` and :mod:`pickle`)."""
    return cls(**fields)


Mapping.register(Record)
