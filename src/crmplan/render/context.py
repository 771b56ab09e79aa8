"""The render context: everything the templates show, as plain data.

:func:`build_context` runs every analysis once (assess, baseline, segment,
journey, review, the software comparison) and turns the results into dicts,
lists, strings and numbers, already translated and formatted for the locale.
Templates only lay the data out; a user's template sees nothing it could call.
Charts come ready-made: ``svg`` fields are escaped SVG (``Markup``), ``mermaid``
fields Mermaid source for Markdown (:class:`MarkdownSafe`).

docs/templates.md lists every field. Keys never repeat a dict method's name
(``items``, ``values``...), since ``row.items`` would find the method.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from crmplan.analysis import PlanAnalysis
from crmplan.i18n import N_, _, format_date, labelled
from crmplan.model.engagement import Industry
from crmplan.plan.load import LoadedPlan
from crmplan.render import documents, leads, sections, strategy
from crmplan.render.parts import Data, period_text, person, todo
from crmplan.steps import TEN_STEPS


def build_context(analysis: PlanAnalysis, lang: str, day: dt.date | None) -> Data:
    """The whole context of every document, for a plan loaded in ``lang``'s messages;
    ``day`` is the date on the title page (none when not given)."""
    loaded = analysis.loaded
    plan = loaded.plan
    file = Path(loaded.name).name
    context: Data = {
        "lang": lang,
        "plan_file": file,
        "date": format_date(day) if day else None,
        "client": _client(loaded),
        "engagement": _engagement(loaded),
        "steps": [_step(loaded, s.number, s.name, s.section, s.filled(plan))
                  for s in TEN_STEPS],
        "disclaimer": _disclaimer(loaded),
    }
    context.update(sections.build(analysis))
    context.update(strategy.build(analysis))
    context["activity"] = strategy.activity(loaded)
    context.update(documents.build(analysis))
    context["todos"] = collect_todos(context)
    return context


def collect_todos(context: Data) -> list[Data]:
    """Every to-do callout the documents show, in document order (nested ones too)."""
    found: list[Data] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if {"section", "md", "html", "location"} <= value.keys():
                found.append(value)
                return
            for key in value:
                if key != "todos":
                    walk(value[key])
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(context)
    unique = {(t["section"], t["step"]): t for t in found}
    return list(unique.values())


def _client(loaded: LoadedPlan) -> Data:
    client = loaded.plan.client
    return {"name": client.name, "industry": _industry(client.industry),
            "website": client.website, "country": client.country,
            "currency": client.currency}


INDUSTRY_NAMES = {
    Industry.HEALTHCARE: N_("Healthcare"), Industry.BEAUTY_WELLNESS: N_("Beauty and wellness"),
    Industry.RETAIL: N_("Retail"), Industry.ECOMMERCE: N_("E-commerce"),
    Industry.HOSPITALITY: N_("Hospitality"),
    Industry.FINANCIAL_SERVICES: N_("Financial services"),
    Industry.EDUCATION: N_("Education"), Industry.B2B_MANUFACTURING: N_("B2B manufacturing"),
    Industry.B2B_SERVICES: N_("B2B services"), Industry.SOFTWARE: N_("Software"),
    Industry.OTHER: N_("Other"),
}


def _industry(industry: Industry | None) -> str | None:
    return _(INDUSTRY_NAMES[industry]) if industry else None


def _engagement(loaded: LoadedPlan) -> Data:
    e = loaded.plan.engagement
    if e is None:
        return {"consultant": None, "firm": None, "sponsor": None, "manager": None,
                "period": None, "scope": None}
    return {"consultant": person(e.consultant), "firm": e.firm,
            "sponsor": person(e.executive_sponsor), "manager": person(e.internal_manager),
            "period": period_text(e.start, e.end), "scope": e.scope}


def _step(loaded: LoadedPlan, number: int, name: str, section: str, filled: bool) -> Data:
    return {"number": number, "name": _(name), "anchor": f"step-{number}",
            "title": labelled(_("Step {number}").format(number=number), _(name)),
            "lead": _(leads.STEP_LEADS[number]), "section": section,
            "todo": None if filled else todo(loaded, section, number)}


def _disclaimer(loaded: LoadedPlan) -> Data:
    e = loaded.plan.engagement
    text = e.disclaimer if e else None
    return {"text": text, "lead": _(leads.DISCLAIMER_LEAD),
            "todo": None if text else todo(loaded, "engagement.disclaimer")}
