"""The top of the render context: :class:`RenderContext`, and the client, the engagement,
the ten steps and the disclaimer every document shows."""

from __future__ import annotations

from crmplan.render.model.assessment import Assessment
from crmplan.render.model.base import Todo
from crmplan.render.model.goals import Baseline, Gaps, Goals
from crmplan.render.model.journeys import JourneyMap, JourneySummary
from crmplan.render.model.operations import Activity, Reviews, Rollout, Sop
from crmplan.render.model.practice import Practice
from crmplan.render.model.record import Record
from crmplan.render.model.review import Review
from crmplan.render.model.segments import Segments
from crmplan.render.model.strategy import Software, Strategy


class Client(Record):
    """The client the plan is for."""

    name: str
    """The client's name, as on the deliverables."""
    industry: str | None
    """Its line of business in the document's language; null when not given."""
    website: str | None
    """Its website (an https address); null when not given."""
    country: str | None
    """Its ISO 3166 country code (``KR``, ``US``, ``CN``); null when not given."""
    currency: str
    """The ISO 4217 code of the plan's money figures (``KRW``, ``USD``, ``CNY``)."""


class Engagement(Record):
    """Who works on the engagement and when; every field is null when the plan has none."""

    consultant: str | None
    """The lead consultant, ``Name (role)``."""
    firm: str | None
    """The consulting firm."""
    sponsor: str | None
    """The client's executive sponsor, ``Name (role)``."""
    manager: str | None
    """The client's internal manager of the engagement, ``Name (role)``."""
    period: str | None
    """``start – end`` (``—`` for a date not known); null when neither is known."""
    scope: str | None
    """What the engagement covers."""


class Step(Record):
    """One of the ten steps of the strategy: its heading, its lead, its to-do."""

    number: int
    """The step's number, 1 to 10."""
    name: str
    """The step's name in the document's language."""
    anchor: str
    """The HTML id of its section: ``step-1`` … ``step-10``."""
    title: str
    """``Step N: name``, in the document's language."""
    lead: str
    """The sentence under the heading that says what the step is for."""
    section: str
    """The plan section the step is written in (``goals``, ``kpis``, ...)."""
    todo: Todo | None
    """The to-do when the plan has nothing for the step yet, else null (always null in the
    client's version)."""
    omitted: bool
    """True in the client's version when the step has no data: its section and its line
    of the contents are left out."""


class Disclaimer(Record):
    """The precautions and disclaimer that close the strategy."""

    text: str | None
    """The engagement's disclaimer from the plan; null when missing."""
    lead: str
    """The sentence that introduces the part."""
    todo: Todo | None
    """The to-do when the disclaimer is missing, else null (always null in the client's
    version)."""
    omitted: bool
    """True in the client's version when the disclaimer is missing: the part is left out."""


class RenderContext(Record):
    """Everything the templates show, already translated and formatted for the document's
    language. Each document also gets ``document``, its name."""

    lang: str
    """The document's language: ``ko``, ``en`` or ``zh``."""
    audience: str
    """Who the documents are for: ``client`` (no to-do, plan location or internal id; a
    part with no data is left out) or ``team`` (the working version, with the to-dos, plan
    locations, contradictions and findings)."""
    plan_file: str
    """The plan's file name, without its folder."""
    date: str | None
    """The document's date on the title page, formatted for the language: ``--date``, else
    the plan's last commit or latest dated entry (docs/render.md); null when the plan gives
    none."""
    issued: str | None
    """The same date as ``YYYY-MM-DD``, for the metadata of the HTML and the PDF (their
    creation and modification dates); null when the plan gives none."""
    paper: str
    """The printed page: ``a4`` or ``letter`` (``--paper``)."""
    client: Client
    """The client."""
    engagement: Engagement
    """The engagement."""
    steps: tuple[Step, ...]
    """The ten steps, in order."""
    disclaimer: Disclaimer
    """Precautions and disclaimer."""
    goals: Goals
    """Step 1: vision, obstacles and SMART goals."""
    baseline: Baseline
    """Step 2: the KPIs and their figures."""
    segments: Segments
    """Step 3: segments, their ranking, matrix, offers and personas."""
    journeys: tuple[JourneySummary, ...]
    """Step 4: each journey in short."""
    gaps: Gaps
    """Step 5: the gap between the figures and the targets, and the problems it shows."""
    strategy: Strategy
    """Step 6: data handling, privacy, approach per segment, resources, buy-in."""
    software: Software
    """Step 7: the software comparison and the decision."""
    rollout: Rollout
    """Step 8: phases, training and feedback channels."""
    sops: tuple[Sop, ...]
    """Step 9: the standard operating procedures."""
    reviews: Reviews
    """Step 10: the review schedule, the log and the decisions in force."""
    activity: Activity
    """The activity plan that follows the ten steps."""
    assessment: Assessment
    """The assessment memo."""
    journey_map: JourneyMap
    """The journey map document."""
    review: Review
    """The review report."""
    practice: Practice
    """What the method asks beyond each step's core, shown in the step it belongs to."""
    todos: tuple[Todo, ...]
    """Every to-do of the documents, each plan section once, in document order: what
    ``--strict`` refuses, and what the client's version leaves out (its documents show
    none)."""
