"""Step 3 of the strategy, from the segment analysis: the segments, the task force's
ranking, the priority matrix, the offers and the personas."""

from __future__ import annotations

from markupsafe import Markup

from crmplan.render.environment import MarkdownSafe
from crmplan.render.model.base import Figures, Todo
from crmplan.render.model.record import Record


class SegmentRow(Record):
    """A segment and its figures, formatted for the document's language."""

    id: str
    """The segment's id in the plan."""
    name: str
    """Its name."""
    definition: str
    """Who belongs to it."""
    existing: str
    """Whether it is made of existing customers: ``yes``, ``no`` or ``—``."""
    size: str
    """How many customers it has; ``—`` when unknown."""
    contactable: str
    """The share of them that can be contacted; ``—`` when unknown."""
    consented: str
    """The share of them that consented to marketing; ``—`` when unknown."""
    reachable: str
    """How many can be contacted one by one; ``—`` when unknown."""
    revenue_share: str
    """Its share of the revenue; ``—`` when unknown."""
    annual_revenue: str
    """Its revenue in a year, in the plan's currency; ``—`` when unknown."""
    long_term_value: str
    """The long-term value of one of its customers; ``—`` when unknown."""


class Criterion(Record):
    """A criterion of the task force's ranking."""

    name: str
    """Its name."""
    weight: str
    """Its weight."""


class Ranked(Record):
    """A segment's place in the ranking."""

    rank: str
    """Its rank: ``1``, or ``=2`` for a tie."""
    name: str
    """The segment's name."""
    total: str
    """Its weighted total; ``*`` marks a total rescaled over the criteria scored."""
    max_total: str
    """The highest total the scale allows."""
    score: str
    """Its mean score."""
    members: str
    """How many task-force members scored it, of how many: ``3/4``."""


class Placed(Record):
    """A segment placed on the priority matrix."""

    name: str
    """The segment's name."""
    quadrant: str
    """Its quadrant, in the document's language."""
    ease: str
    """Its ease of execution, 0 to 1 with two decimals."""
    value: str
    """Its value, 0 to 1 with two decimals."""


class Matrix(Record):
    """The priority matrix: segments by ease of execution and value."""

    svg: Markup
    """The matrix as SVG, for HTML."""
    mermaid: MarkdownSafe
    """The matrix as a Mermaid ``quadrantChart``, for Markdown."""
    figures: Figures
    """The same placements as a table: segment, quadrant, ease and value."""
    placed: tuple[Placed, ...]
    """The segments on the matrix."""
    unplaced: tuple[str, ...]
    """The names of the segments left off it (no figure for an axis)."""


class Offer(Record):
    """An offer to a segment and its terms."""

    segment: str
    """The segment's name."""
    product: str
    """What is offered."""
    payment: str
    """The payment terms; ``—`` when none."""
    delivery: str
    """The delivery terms; ``—`` when none."""
    service: str
    """The service terms; ``—`` when none."""


class Persona(Record):
    """A persona of the plan."""

    name: str
    """Its name."""
    description: str | None
    """Who it is."""
    segment: str
    """The name of the segment it belongs to; ``—`` when none."""


class Segments(Record):
    """Step 3: the segments and how they are prioritised."""

    rows: tuple[SegmentRow, ...]
    """The segments, in the plan's order."""
    criteria: tuple[Criterion, ...]
    """The ranking's criteria and their weights."""
    ranking: tuple[Ranked, ...]
    """The segments someone scored, best first."""
    basis: str
    """How the ranking was made: the scale, who scored, what a total is."""
    sensitivity: str
    """Whether the top of the ranking holds when a weight moves, in one sentence."""
    ranking_todo: Todo | None
    """The to-do when nobody scored the segments yet, else null."""
    matrix: Matrix | None
    """The priority matrix; null when no segment can be placed."""
    offers: tuple[Offer, ...]
    """The offers of every segment."""
    personas: tuple[Persona, ...]
    """The personas."""
