"""The render context: everything the templates show, as typed, read-only data.

:func:`build_context` reads every analysis of a :class:`PlanAnalysis` (each
computed once) and turns the results into a :class:`RenderContext`
(:mod:`crmplan.render.model`): frozen records, tuples, strings and numbers,
already translated and formatted for the locale. Templates only lay the data
out; a user's template sees nothing it could call to change it. Charts come
ready-made: ``svg`` fields are escaped SVG (``Markup``), ``mermaid`` fields
Mermaid source for Markdown (:class:`MarkdownSafe`).

docs/templates.md lists every field, generated from the model. No field repeats
a mapping method's name (``items``, ``values``...), since a record is read as a
mapping too (a test checks).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from crmplan.analysis import PlanAnalysis
from crmplan.i18n import N_, _, format_date, labelled
from crmplan.model.engagement import Industry
from crmplan.plan.load import LoadedPlan
from crmplan.render import documents, leads, sections, strategy
from crmplan.render.audience import for_client
from crmplan.render.model.base import Todo
from crmplan.render.model.record import Record
from crmplan.render.model.top import Client, Disclaimer, Engagement, RenderContext, Step
from crmplan.render.parts import period_text, person, todo
from crmplan.render.practice import practice
from crmplan.render.review import review
from crmplan.review.changes import Since
from crmplan.steps import TEN_STEPS


def build_context(analysis: PlanAnalysis, lang: str, day: dt.date | None,
                  audience: str = "client", since: Since | None = None,
                  paper: str = "a4") -> RenderContext:
    """The whole context of every document, for a plan loaded in ``lang``'s messages and
    judged on ``analysis.on``; ``day`` is the date on the title page (none when not given),
    ``audience`` ``client`` or ``team`` (:mod:`crmplan.render.audience`); ``since``, what
    changed since a revision (``render --since``); ``paper`` the printed page (``a4`` or
    ``letter``)."""
    loaded, report, on = analysis.loaded, analysis.baseline, analysis.on
    journeys = tuple(sections.journey_summary(j) for j in analysis.journeys.journeys)
    context = RenderContext(
        lang=lang, audience=audience, plan_file=Path(loaded.name).name,
        date=format_date(day) if day else None, issued=day.isoformat() if day else None,
        paper=paper, client=_client(loaded), engagement=_engagement(loaded),
        steps=tuple(_step(loaded, s.number, s.name, s.section, s.filled(loaded.plan))
                    for s in TEN_STEPS),
        disclaimer=_disclaimer(loaded),
        goals=sections.goals(loaded, report), baseline=sections.baseline(loaded, report),
        segments=sections.segments(loaded, analysis.segments.analysis), journeys=journeys,
        gaps=sections.gaps(report, analysis.journeys),
        strategy=strategy.strategy(loaded), software=strategy.software(loaded, analysis.software),
        rollout=strategy.rollout(loaded), sops=strategy.sops(loaded, on),
        reviews=strategy.reviews(loaded, analysis.review), activity=strategy.activity(loaded),
        assessment=documents.assessment(loaded, analysis.assessment),
        journey_map=documents.journey_map(analysis.journeys, journeys),
        review=review(loaded, analysis.review, analysis.segments.analysis, since),
        practice=practice(loaded, analysis.segments.analysis, on),
        todos=())
    context = RenderContext(**dict(context, todos=collect_todos(context)))
    return for_client(context) if audience == "client" else context


def in_plan_folder(loaded: LoadedPlan) -> LoadedPlan:
    """``loaded`` named by its file name alone, so that every location a document shows
    (``plan.yaml:12:5``) is relative to the plan's folder, however the path was given."""
    name = Path(loaded.name).name
    return replace(loaded, source=replace(loaded.source, file=name),
                   text=replace(loaded.text, name=name))


def collect_todos(value: object) -> tuple[Todo, ...]:
    """Every to-do callout in ``value`` (the context or any part of it), in document order,
    nested ones too; each plan section once."""
    found: dict[tuple[str, int | None], Todo] = {}

    def walk(value: object) -> None:
        if isinstance(value, Todo):
            found[value.section, value.step] = value
        elif isinstance(value, Record):
            for name in value.__record_fields__:
                if name != "todos":
                    walk(getattr(value, name))
        elif isinstance(value, tuple):
            for item in value:
                walk(item)

    walk(value)
    return tuple(found.values())


def _client(loaded: LoadedPlan) -> Client:
    client = loaded.plan.client
    return Client(name=client.name, industry=_industry(client.industry),
                  website=client.website, country=client.country, currency=client.currency)


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


def _engagement(loaded: LoadedPlan) -> Engagement:
    e = loaded.plan.engagement
    if e is None:
        return Engagement(consultant=None, firm=None, sponsor=None, manager=None, period=None,
                          scope=None)
    return Engagement(consultant=person(e.consultant), firm=e.firm,
                      sponsor=person(e.executive_sponsor), manager=person(e.internal_manager),
                      period=period_text(e.start, e.end), scope=e.scope)


def _step(loaded: LoadedPlan, number: int, name: str, section: str, filled: bool) -> Step:
    return Step(number=number, name=_(name), anchor=f"step-{number}",
                title=labelled(_("Step {number}").format(number=number), _(name)),
                lead=_(leads.STEP_LEADS[number]), section=section,
                todo=None if filled else todo(loaded, section, number), omitted=False)


def _disclaimer(loaded: LoadedPlan) -> Disclaimer:
    e = loaded.plan.engagement
    text = e.disclaimer if e else None
    return Disclaimer(text=text, lead=_(leads.DISCLAIMER_LEAD),
                      todo=None if text else todo(loaded, "engagement.disclaimer"), omitted=False)
