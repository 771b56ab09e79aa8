"""The small pieces every part of the render context is made of: missing values, money,
dates, people and the to-do callouts of empty sections."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markupsafe import Markup

from crmplan.i18n import _, format_money, span
from crmplan.markdown import code
from crmplan.model.base import Person
from crmplan.plan.load import LoadedPlan
from crmplan.render.breaks import breakable
from crmplan.render.environment import MarkdownSafe
from crmplan.render.model.base import Part, Todo

DASH = "—"


def money(value: float | None, currency: str) -> str:
    return DASH if value is None else format_money(value, currency)


def day_text(day: dt.date | None) -> str:
    return day.isoformat() if day else DASH


def period_text(start: dt.date | None, end: dt.date | None) -> str | None:
    """``2025-03-03 – 2026-09-30`` (``~`` in Korean, ``至`` in Chinese); None when neither
    end is known."""
    if start is None and end is None:
        return None
    return span(day_text(start), day_text(end))


def todo(loaded: LoadedPlan, section: str, step: int | None = None) -> Todo:
    """A to-do callout: the plan section to fill, in plain text, Markdown and HTML."""
    file = Path(loaded.name).name
    if step is None:
        message = _("This part has no data yet: fill {section} in {file}.")
    else:
        message = _("Step {number} has no data yet: fill {section} in {file}.")
    mark = loaded.source.key(_where(loaded, section))
    return Todo(
        step=step,
        section=section,
        location=f"{loaded.name}:{mark.line}:{mark.column}",
        line=mark.line,
        column=mark.column,
        text=message.format(number=step, section=f"'{section}'", file=file),
        md=MarkdownSafe(message.format(number=step, section=code(section), file=code(file))),
        html=Markup(message.format(
            number=step, section=f"<code>{breakable(section)}</code>",
            file=f"<code>{breakable(file)}</code>")),
    )


def _where(loaded: LoadedPlan, section: str) -> tuple[str | int, ...]:
    """The plan path of ``section`` as far as the plan writes it: ``kpis[csat].baseline``
    is the KPI ``csat`` (its baseline missing), ``goals.vision`` the goals."""
    path: list[str | int] = []
    data: object = loaded.data
    for part in section.split(" ")[0].split("."):
        name, _bracket, ident = part.partition("[")
        if not isinstance(data, dict) or name not in data:
            break
        path.append(name)
        data = data[name]
        ident = ident.rstrip("]")
        if ident and isinstance(data, list):
            index = next((i for i, item in enumerate(data)
                          if isinstance(item, dict) and item.get("id") == ident), None)
            if index is None:
                break
            path.append(index)
            data = data[index]
        elif ident or part.endswith("[]"):
            break
    return tuple(path)


def parts(loaded: LoadedPlan, prefix: str, entries: list[tuple[str, str, str | None]]
          ) -> tuple[Part, ...]:
    """Labelled texts of a section; a missing one is a to-do naming its field."""
    return tuple(Part(label=label, text=text,
                      todo=None if text else todo(loaded, f"{prefix}.{key}"))
                 for key, label, text in entries)


def person(who: Person | None) -> str | None:
    """``Name (role)``, or None; ``Name, role (detail)`` where the role has brackets of its
    own, so that no bracket is nested in another."""
    if who is None:
        return None
    if not who.role:
        return who.name
    if any(bracket in who.role for bracket in "(（"):
        return _("{name}, {role}").format(name=who.name, role=who.role)
    return _("{name} ({role})").format(name=who.name, role=who.role)
