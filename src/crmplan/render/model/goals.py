"""Steps 1, 2 and 5 of the strategy, from the baseline report: the goals, the KPIs with
their figures, and the gap between the figures and the targets."""

from __future__ import annotations

from markupsafe import Markup

from crmplan.render.model.base import Figures, Todo, Trend
from crmplan.render.model.record import Record

# -- step 1 ----------------------------------------------------------------------------------


class Vision(Record):
    """The business at one horizon of the vision."""

    label: str
    """The horizon: ``In two years``, ``In five years``, ``In ten years``."""
    text: str
    """The business at that horizon, from the plan."""


class Obstacle(Record):
    """An obstacle written down in step 1."""

    id: str
    """Its id in the plan."""
    description: str
    """What the obstacle is."""
    kind: str
    """Its kind in the document's language (``new customers``, ``retention``, ...)."""


class Letter(Record):
    """One letter of SMART and what it stands for."""

    letter: str
    """``S``, ``M``, ``A``, ``R`` or ``T``."""
    name: str
    """What it stands for, in the document's language (``specific``, ...)."""


class LetterCheck(Record):
    """Whether a goal passes one letter of SMART."""

    letter: str
    """``S``, ``M``, ``A``, ``R`` or ``T``."""
    ok: bool
    """True when the goal passes it."""


class GoalFinding(Record):
    """Why a goal fails a letter of SMART."""

    message: str
    """What is wrong with the goal."""
    hint: str
    """How to fix it; empty when there is no hint."""


class SmartGoal(Record):
    """A SMART goal and its check."""

    id: str
    """The goal's id in the plan."""
    statement: str
    """The goal in one sentence."""
    kpi: str
    """The id of the KPI that measures it; ``—`` when none."""
    kpi_name: str
    """The name of the KPI that measures it (its id when it has none); ``—`` when none."""
    label: str
    """What the document calls the goal: its KPI's name, else its statement."""
    target: str
    """The target value, formatted with the KPI's unit; ``—`` when none."""
    by: str
    """The deadline, ``YYYY-MM-DD``; ``—`` when none."""
    scope: str | None
    """Who or what the goal covers."""
    business_goal: str | None
    """The business goal it serves."""
    letters: tuple[LetterCheck, ...]
    """The five letters of SMART and whether the goal passes each."""
    passed: bool
    """True when the goal passes all five."""
    findings: tuple[GoalFinding, ...]
    """Why it fails the letters it fails."""


class Goals(Record):
    """Step 1: the vision, the obstacles and the SMART goals."""

    vision: tuple[Vision, ...]
    """The horizons the plan's vision fills, nearest first."""
    vision_todo: Todo | None
    """The to-do when the plan has no vision, else null."""
    obstacles: tuple[Obstacle, ...]
    """The obstacles."""
    letters: tuple[Letter, ...]
    """The five letters of SMART, for a table's heading and legend."""
    smart: tuple[SmartGoal, ...]
    """The SMART goals and their checks."""


# -- step 2 ----------------------------------------------------------------------------------


class BaselineKpi(Record):
    """A KPI with its figures and how it stands."""

    id: str
    """The KPI's id in the plan."""
    name: str
    """Its name: the plan's, else the catalogue's in the document's language."""
    definition: str | None
    """What it counts, its ratio, period and source, in one line; null when not defined."""
    owner: str | None
    """Who is responsible for it."""
    baseline: str
    """The baseline figure and its date; ``—`` when none."""
    latest: str
    """The latest figure and its date; ``—`` when none."""
    target: str
    """The target and its deadline; ``—`` when none."""
    source: str | None
    """Where the baseline figure comes from."""
    status: str
    """Its status in the document's language (``on track``, ``at risk``, ...)."""
    status_key: str
    """Its status as a key: ``on_track``, ``at_risk``, ``off_track`` or ``no_data``."""
    notes: str | None
    """The plan's notes on the KPI."""
    trend: Trend | None
    """Its figures as a chart; null under two dated figures."""
    todo: Todo | None
    """The to-do when the KPI has no baseline, else null."""


class Baseline(Record):
    """Step 2: the KPIs and their figures."""

    kpis: tuple[BaselineKpi, ...]
    """The KPIs, in the plan's order."""
    summary: str
    """How many KPIs there are, and how many have each status, in one line."""


# -- step 5 ----------------------------------------------------------------------------------


class GapRow(Record):
    """One KPI's row of the gap table."""

    kpi: str
    """The KPI's id and name."""
    name: str
    """The KPI's name (its id when it has none)."""
    baseline: str
    """The baseline figure and its date; ``—`` when none."""
    latest: str
    """The latest figure and its date; ``—`` when none."""
    target: str
    """The target and its deadline."""
    gap: str
    """What is left from the latest figure to the target."""
    done: str
    """The share of the planned move from baseline to target done so far."""
    needed: str
    """The pace needed to reach the target in time."""
    pace: str
    """The pace so far."""
    status: str
    """Its status in the document's language."""
    status_key: str
    """Its status as a key: ``on_track``, ``at_risk``, ``off_track`` or ``no_data``."""


class Problem(Record):
    """A problem the strategy must solve, found in the KPIs, the journeys or the goals."""

    priority: str
    """Its priority in the document's language (``high``, ``medium``, ``low``)."""
    source: str
    """What it was found in, by name: ``KPI Repeat purchase rate``, ``touchpoint Cart and
    checkout`` or the goal's KPI (``goal for ...``)."""
    ref: str
    """The id of the KPI, touchpoint or goal it was found in."""
    text: str
    """The problem."""
    location: str
    """``file:line:column`` of what it was found in."""
    priority_key: str
    """Its priority as a key: ``high``, ``medium`` or ``low``."""


class Gaps(Record):
    """Step 5: the current figures against the targets."""

    summary: str
    """How many KPIs there are, and how many have each status, in one line."""
    rows: tuple[GapRow, ...]
    """One row per KPI."""
    bars: Markup | None
    """The progress of each KPI with a target as an SVG bar chart; null when none has one."""
    bars_figures: Figures | None
    """The bars' figures as a table: each KPI's share done and its status; null with the
    chart."""
    problems: tuple[Problem, ...]
    """The problems, most urgent first."""
