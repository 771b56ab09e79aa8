"""Every change between two versions of a plan section, field by field, in words.

:mod:`crmplan.review.changes` words what a reviewer asks first (a KPI's new figure
and status, a pain point resolved, a review held); this module words everything
else, so that no change of any section goes unsaid. Lists of items with ids (or
another key: a score sheet's member and segment, a dated entry's date) are compared
item by item; an item added or removed is one line, however much it holds; a
changed value is one line with the old and the new value.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from crmplan import names
from crmplan.i18n import _, aside
from crmplan.quoting import shown

Shape = tuple[str, ...]  # a path with "*" for every list item, to match what is covered
Covered = Callable[[Shape, bool], bool]  # (shape, whole item?) -> said elsewhere
NAME_KEYS = ("name", "title", "summary", "statement", "description", "text")


@dataclass(frozen=True)
class Found:
    """One change: its kind (added, removed, changed), where, and in words."""

    kind: str
    where: str
    text: str


def differences(section: str, old: Any, new: Any, covered: Covered) -> list[Found]:
    """Every change of ``section`` from ``old`` to ``new`` (plain data), except what
    ``covered`` says another line words."""
    return list(_diff(section, (section,), old, new, covered))


def _diff(where: str, shape: Shape, old: Any, new: Any, covered: Covered) -> Iterator[Found]:
    if covered(shape, False) or _same(old, new) or (_empty(old) and _empty(new)):
        return
    if old is None or new is None or type(old) is not type(new):
        yield _whole(where, old, new)
    elif isinstance(new, dict):
        for key in [*new, *(k for k in old if k not in new)]:
            yield from _diff(f"{where}.{key}", (*shape, key), old.get(key), new.get(key),
                             covered)
    elif isinstance(new, list):
        yield from _lists(where, shape, old, new, covered)
    else:
        yield _whole(where, old, new)


def _same(old: Any, new: Any) -> bool:
    return type(old) is type(new) and old == new


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, (list, dict)) and not value)


def _whole(where: str, old: Any, new: Any) -> Found:
    """A value added, removed or replaced: a section, list or mapping by its name, a plain
    value with the old and the new (``—`` for none)."""
    if not isinstance(old, (dict, list)) and not isinstance(new, (dict, list)):
        return Found("changed", where, _("{where}: {old} → {new}").format(
            where=where, old=value_text(old), new=value_text(new)))
    if _empty(old):
        return Found("added", where, _("added: {item}").format(item=where + _named(new)))
    if _empty(new):
        return Found("removed", where, _("removed: {item}").format(item=where + _named(old)))
    return Found("changed", where, _("{where}: {old} → {new}").format(
        where=where, old=value_text(old), new=value_text(new)))


def _lists(where: str, shape: Shape, old: list[Any], new: list[Any], covered: Covered
           ) -> Iterator[Found]:
    key = _key_of(old, new)
    if key is None:
        yield from _values(where, old, new)
        return
    before, after = {key(i): i for i in old}, {key(i): i for i in new}
    item_shape = (*shape, "*")
    for ref, item in after.items():
        if ref not in before:
            if not covered(item_shape, True):
                yield Found("added", f"{where}[{ref}]", _("added: {item}").format(
                    item=f"{where}[{ref}]" + _named(item)))
        else:
            yield from _diff(f"{where}[{ref}]", item_shape, before[ref], item, covered)
    for ref, item in before.items():
        if ref not in after and not covered(item_shape, True):
            yield Found("removed", f"{where}[{ref}]", _("removed: {item}").format(
                item=f"{where}[{ref}]" + _named(item)))


def _key_of(old: list[Any], new: list[Any]) -> Callable[[Any], str] | None:
    """How the items of a list are told apart: an id, a member and a segment, a date (one
    that no two items of either version share)."""
    items = old + new
    if not items or not all(isinstance(i, dict) for i in items):
        return None
    for fields in (("id",), ("member", "segment"), ("date",)):
        if all(all(f in i for f in fields) for i in items):
            key = _joined(fields)
            if all(len({key(i) for i in side}) == len(side) for side in (old, new)):
                return key
    return None


def _joined(fields: tuple[str, ...]) -> Callable[[Any], str]:
    def key(item: Any) -> str:
        return "/".join(value_text(item[f]) for f in fields)

    return key


def _values(where: str, old: list[Any], new: list[Any]) -> Iterator[Found]:
    """A list without keys: what was added and what was removed, value by value."""
    if not all(isinstance(v, (str, int, float, enum.Enum)) for v in old + new):
        yield Found("changed", where, _("{where}: changed").format(where=where))
        return
    for value in new:
        if value not in old:
            yield Found("added", where, _("{where}: added {value}").format(
                where=where, value=value_text(value)))
    for value in old:
        if value not in new:
            yield Found("removed", where, _("{where}: removed {value}").format(
                where=where, value=value_text(value)))


def _named(item: Any) -> str:
    """`` (VIP customers)`` after an item with a name, title or summary."""
    if isinstance(item, dict):
        name = next((item[k] for k in NAME_KEYS if isinstance(item.get(k), str)), None)
        if name:
            return aside(shown(name))
    return ""


def value_text(value: Any) -> str:
    """A value as a changelog shows it: a date as YYYY-MM-DD, 3 for 3.0, an enum by its
    name in the language, a long text cut short, a list or mapping by its size."""
    if value is None:
        return "—"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, enum.Enum):
        return names.name(value)
    if isinstance(value, (list, dict)):
        return _("{count} entries").format(count=len(value))
    return shown(str(value))
