"""The pieces several parts of the render context share: to-dos, labelled texts, KPI
trends."""

from __future__ import annotations

from markupsafe import Markup

from crmplan.render.environment import MarkdownSafe
from crmplan.render.model.record import Record


class Todo(Record):
    """A to-do callout: a part of the plan that is still empty, and where to fill it."""

    step: int | None
    """The step the callout stands for (1 to 10); null for a part within a step."""
    section: str
    """The plan section to fill, as a path: ``goals.vision``, ``kpis[repeat_rate].baseline``."""
    location: str
    """``file:line:column`` of the section's top-level key in the plan file."""
    line: int
    """The line of ``location``."""
    column: int
    """The column of ``location``."""
    text: str
    """The callout's sentence in plain text."""
    md: MarkdownSafe
    """The callout's sentence in Markdown, escaped (section and file as code)."""
    html: Markup
    """The callout's sentence in HTML, escaped (section and file as code)."""


class Part(Record):
    """One labelled text of a section (data handling, privacy, ...); empty, it is a to-do."""

    label: str
    """The part's label in the document's language."""
    text: str | None
    """The part's text from the plan; null when it is missing."""
    todo: Todo | None
    """The to-do when the text is missing, else null."""


class Figures(Record):
    """The figures a chart draws, as a table: what a screen reader reads instead of the
    picture, and what a reader checks it against."""

    caption: str
    """What the table holds (the chart's title)."""
    headers: tuple[str, ...]
    """The column headings, in the document's language."""
    numeric: tuple[bool, ...]
    """For each column, whether it holds figures (aligned right)."""
    rows: tuple[tuple[str, ...], ...]
    """The rows, each cell formatted as the chart labels it."""


class Trend(Record):
    """A KPI's figures over time as a chart, up to the day it is judged on."""

    svg: Markup
    """The line chart as SVG, for HTML."""
    figures: Figures
    """The same figures as a table (dated values, then the target on its deadline)."""
    mermaid: MarkdownSafe
    """The same chart as a Mermaid ``xychart-beta``, for Markdown."""
