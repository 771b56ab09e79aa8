"""Customer journeys: each in short for step 4 of the strategy, and in full for the
journey map document."""

from __future__ import annotations

from markupsafe import Markup

from crmplan.render.environment import MarkdownSafe
from crmplan.render.model.base import Figures
from crmplan.render.model.record import Record

# -- step 4 ----------------------------------------------------------------------------------


class PainSummary(Record):
    """One of a journey's five most urgent pain points."""

    rank: int
    """Its rank, 1 for the most urgent."""
    description: str
    """The pain point."""
    touchpoint: str
    """The name of the touchpoint where it happens."""
    stage: str
    """The name of that touchpoint's stage."""
    severity: int
    """Its severity, 1 to 5."""


class OpportunitySummary(Record):
    """One of a journey's first five opportunities."""

    rank: int
    """Its rank, 1 first."""
    description: str
    """The opportunity."""
    quadrant: str
    """Its cell of the impact/effort matrix (``quick win``, ...), in the document's
    language."""
    owner: str
    """Who takes it on; ``—`` when nobody yet."""


class JourneySummary(Record):
    """A customer journey in short."""

    id: str
    """The journey's id in the plan."""
    name: str
    """Its name."""
    persona: str | None
    """The name of its persona."""
    segment: str | None
    """The name of its segment."""
    stages: int
    """How many stages it has."""
    touchpoints: int
    """How many touchpoints it has."""
    curve: Markup | None
    """The emotion at each touchpoint, today and once redesigned, as SVG; null when no
    touchpoint has one."""
    curve_figures: Figures | None
    """The same emotions as a table, touchpoint by touchpoint; null with the chart."""
    diagram: MarkdownSafe
    """The journey as one Mermaid ``journey`` diagram, for Markdown (each touchpoint once,
    its to-be emotion in its name; as wide as it has touchpoints)."""
    diagram_rows: tuple[MarkdownSafe, ...]
    """The same journey cut into Mermaid diagrams of at most five touchpoints each, in
    order, each as wide as GitHub's page: one code block each."""
    pains: tuple[PainSummary, ...]
    """Its five most urgent pain points."""
    opportunities: tuple[OpportunitySummary, ...]
    """Its first five opportunities."""


# -- the journey map -------------------------------------------------------------------------


class PersonaDetail(Record):
    """The persona a journey is lived by."""

    name: str
    """Its name."""
    description: str | None
    """Who it is."""
    goals: tuple[str, ...]
    """What it wants."""
    needs: tuple[str, ...]
    """What it needs."""
    pain_points: tuple[str, ...]
    """What bothers it."""
    decision_process: str | None
    """How it decides."""
    evidence: str
    """``researched`` or ``not researched``, in the document's language."""


class Touchpoint(Record):
    """A touchpoint of a stage."""

    name: str
    """Its name."""
    channel: str
    """Its channel, in the document's language."""
    goal: str
    """What the customer wants there; ``—`` when not stated."""
    thoughts: str
    """What the customer thinks there; ``—`` when not stated."""
    emotion: str
    """The emotion there, -2 to +2: ``-1``, or ``-1 → +1`` once redesigned; ``?`` when
    unknown."""
    barriers: tuple[str, ...]
    """What stands in the customer's way."""
    owner: str
    """Who is responsible for it; ``—`` when nobody."""
    kpis: str
    """The KPIs that measure it and how they stand: ``KPI name (at risk, 18% to go)``."""
    evidence: str
    """What its description rests on: ``analytics (researched)``, ``not stated``, ..."""


class Stage(Record):
    """A stage of a journey and its touchpoints."""

    number: int
    """Its number in the journey, from 1."""
    name: str
    """Its name."""
    description: str | None
    """What happens in it."""
    emotion: str
    """The mean emotion of its touchpoints, as for a touchpoint."""
    touchpoints: tuple[Touchpoint, ...]
    """Its touchpoints, in order."""


class Pain(Record):
    """A pain point of a journey, ranked by its score."""

    rank: int
    """Its rank, 1 for the most urgent."""
    description: str
    """The pain point."""
    touchpoint: str
    """The name of the touchpoint where it happens."""
    stage: str
    """The name of that touchpoint's stage."""
    severity: int
    """Its severity, 1 to 5."""
    score: str
    """How its score adds up: ``20 = severity 10 + emotion 4 + barriers 2 + KPI 4``."""
    opportunities: str
    """The ids of the opportunities that answer it; ``—`` when none."""


class Opportunity(Record):
    """An opportunity of a journey, in the order they are taken on."""

    rank: int
    """Its rank, 1 first."""
    description: str
    """The opportunity."""
    quadrant: str
    """Its cell of the impact/effort matrix (``quick win``, ...), in the document's
    language."""
    impact: int
    """Its impact, 1 to 5."""
    effort: int
    """Its effort, 1 to 5."""
    status: str
    """Where it stands (``idea``, ``planned``, ...), in the document's language."""
    owner: str
    """Who takes it on; ``—`` when nobody yet."""


class FindingEntry(Record):
    """A gap in the journey map."""

    location: str
    """``file:line:column`` of what it is about."""
    message: str
    """What is missing."""


class FindingGroup(Record):
    """The gaps one coverage rule found."""

    title: str
    """What the rule checks, in the document's language."""
    count: int
    """How many gaps it found."""
    entries: tuple[FindingEntry, ...]
    """The gaps."""


class Journey(Record):
    """A customer journey in full."""

    id: str
    """The journey's id in the plan."""
    name: str
    """Its name."""
    persona: str | None
    """The name of its persona."""
    segment: str | None
    """The name of its segment."""
    stages: int
    """How many stages it has."""
    touchpoints: int
    """How many touchpoints it has."""
    curve: Markup | None
    """The emotion at each touchpoint, today and once redesigned, as SVG; null when no
    touchpoint has one."""
    curve_figures: Figures | None
    """The same emotions as a table, touchpoint by touchpoint; null with the chart."""
    diagram: MarkdownSafe
    """The journey as one Mermaid ``journey`` diagram, for Markdown (each touchpoint once,
    its to-be emotion in its name; as wide as it has touchpoints)."""
    diagram_rows: tuple[MarkdownSafe, ...]
    """The same journey cut into Mermaid diagrams of at most five touchpoints each, in
    order, each as wide as GitHub's page: one code block each."""
    pains: tuple[Pain, ...]
    """All its pain points, most urgent first."""
    opportunities: tuple[Opportunity, ...]
    """All its opportunities, in the order they are taken on."""
    persona_detail: PersonaDetail | None
    """Its persona in full; null when it has none."""
    stage_list: tuple[Stage, ...]
    """Its stages, in order."""
    findings: tuple[FindingGroup, ...]
    """The gaps found in this journey, by rule (the team's version only: empty in the
    client's)."""


class JourneyMap(Record):
    """The journey map document."""

    lead: str
    """The sentence that introduces the document."""
    journeys: tuple[Journey, ...]
    """The journeys, in full."""
    findings: tuple[FindingGroup, ...]
    """The gaps found outside any one journey (in the personas), by rule (the team's version
    only: empty in the client's)."""
