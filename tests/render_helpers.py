"""Shared by the render tests: render an example or a plan text in memory."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from crmplan.analysis import PlanAnalysis
from crmplan.i18n import activate
from crmplan.plan.load import LoadedPlan, load_plan
from crmplan.render.context import build_context, in_plan_folder
from crmplan.render.dates import document_date
from crmplan.render.engine import render_documents
from crmplan.render.sandbox import Limits

ROOT = Path(__file__).parents[1]
EXAMPLES = sorted(p.name for p in (ROOT / "examples").iterdir() if (p / "plan.yaml").is_file())


def loaded_example(name: str) -> LoadedPlan:
    """The example as ``crmplan render examples/NAME`` reads it from the repository's top
    folder: its locations name ``examples/NAME/plan.yaml``, wherever the checkout is."""
    loaded = load_plan(ROOT / "examples" / name / "plan.yaml",
                       display_name=f"examples/{name}/plan.yaml")
    activate(loaded.plan.client.language.value)
    return loaded


def render_loaded(loaded: LoadedPlan, formats: tuple[str, ...] = ("md", "html"),
                  user_dir: Path | None = None, limits: Limits | None = None,
                  day: dt.date | None = None, audience: str = "client") -> dict[str, bytes]:
    """Every document as ``crmplan render`` writes it for ``audience``, dated as it dates
    them without git (``--date``, else the plan's latest dated entry), in the plan's
    language."""
    lang = loaded.plan.client.language.value
    activate(lang)
    day = document_date(None, loaded.plan, day)
    context = build_context(PlanAnalysis(in_plan_folder(loaded), day), lang, day, audience)
    return render_documents(context, formats, lang, user_dir, limits)


def render_text(tmp: Path, text: str, **options: object) -> dict[str, str]:
    path = tmp / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    files = render_loaded(load_plan(path), **options)  # type: ignore[arg-type]
    return {name: data.decode("utf-8") for name, data in files.items()}


def deck_loaded(loaded: LoadedPlan, audience: str = "client", template: Path | None = None,
                day: dt.date | None = None) -> tuple[bytes, list[Any], PlanAnalysis]:
    """The deck as ``crmplan render --format pptx`` writes it, the slides it was built
    from (as data) and the analyses it read."""
    from crmplan.render.deck.build import build_deck, deck_slides

    lang = loaded.plan.client.language.value
    activate(lang)
    day = document_date(None, loaded.plan, day)
    analysis = PlanAnalysis(in_plan_folder(loaded), day)
    context = build_context(analysis, lang, day, audience)
    return (build_deck(context, analysis, template, day), deck_slides(context, analysis),
            analysis)
