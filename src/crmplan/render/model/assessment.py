"""The assessment memo: what to do first (journey design or CRM/KPI work) and why, the
CRM maturity, the journey-management readiness and the inputs the assessment rests on.

Its fields are those of ``crmplan assess --format json`` (``schema``, ``plan``, ...),
with every status also in the document's language (``status_text``)."""

from __future__ import annotations

from crmplan.render.model.record import Record


class Proof(Record):
    """A line of the plan a fact rests on."""

    location: str
    """``file:line:column`` of the line."""
    text: str
    """What the line says, in short."""


class Check(Record):
    """A fact the assessment checked, and how it stands."""

    label: str
    """What is checked, in the document's language."""
    fact: str
    """The fact's id (as in ``crmplan assess --explain``)."""
    status: str
    """``yes``, ``partly``, ``no`` or ``unknown``."""
    met: bool
    """True when the check passes."""
    evidence: tuple[Proof, ...]
    """The lines of the plan it rests on."""
    status_text: str
    """The status in the document's language."""


class Recommendation(Record):
    """What to do first, and why."""

    id: str
    """``journey``, ``crm_kpi``, ``both`` or ``not_ready``."""
    title: str
    """The recommendation in the document's language."""
    reasons: tuple[Check, ...]
    """The checks that led to it."""
    excluded_options: tuple[str, ...]
    """The options a confirmed condition rules out (``journey``, ``crm_kpi``)."""


class SelectionCriterion(Record):
    """A selection criterion, in the order they are applied."""

    number: int
    """Its number, from 1."""
    title: str
    """What it asks, in the document's language."""
    checks: tuple[Check, ...]
    """The facts it looks at."""


class Contradiction(Record):
    """A fact the plan states one way and shows another."""

    fact: str
    """The fact's id."""
    stated: str
    """What the plan states: ``yes``, ``partly``, ``no`` or ``unknown``."""
    plan_shows: str
    """What the rest of the plan shows, likewise."""
    evidence: tuple[Proof, ...]
    """The lines of the plan it shows in."""


class MaturityStage(Record):
    """A stage of CRM maturity."""

    number: int
    """Its number, 1 to 4."""
    name: str
    """Its name, in the document's language."""
    met: bool
    """True when the plan meets it."""
    checks: tuple[Check, ...]
    """What it takes."""


class Maturity(Record):
    """The client's CRM maturity."""

    stage: int
    """The highest stage met, 0 to 4."""
    stages: tuple[MaturityStage, ...]
    """The four stages."""


class ReadinessArea(Record):
    """An area of journey-management readiness."""

    id: str
    """Its id."""
    name: str
    """Its name, in the document's language."""
    score: int
    """Its score, 0 to 100."""
    checks: tuple[Check, ...]
    """What it takes."""


class Readiness(Record):
    """How ready the client is to manage customer journeys."""

    overall: int
    """The overall score, 0 to 100."""
    areas: tuple[ReadinessArea, ...]
    """The areas and their scores."""


class FailureCause(Record):
    """A common cause of failed CRM projects that the plan shows."""

    id: str
    """Its id."""
    title: str
    """The cause, in the document's language."""
    evidence: tuple[Proof, ...]
    """The lines of the plan it shows in."""


class Exclusion(Record):
    """A condition that rules an option out."""

    description: str
    """The condition."""
    excludes: str
    """The option it rules out: ``journey``, ``crm_kpi`` or ``both``."""
    state: str
    """Whether it is confirmed and applies, in the document's language."""
    note: str | None
    """What the check found."""


class AssessmentInputs(Record):
    """What the consultant gathered for the assessment, from the plan."""

    essential: tuple[str, ...]
    """The criteria the choice must meet."""
    optional: tuple[str, ...]
    """The criteria that are nice to have."""
    exclusions: tuple[Exclusion, ...]
    """The conditions that rule an option out."""
    bottlenecks: tuple[str, ...]
    """The operational bottlenecks seen."""
    recurring_questions: tuple[str, ...]
    """The questions customers ask again and again."""
    materials: tuple[str, ...]
    """The materials gathered from the client."""


class Assessment(Record):
    """The assessment memo."""

    schema: str
    """The version of these fields, as in the JSON output: ``crmplan.assess/1``."""
    plan: str
    """The plan file, as the assessment names it."""
    recommendation: Recommendation
    """What to do first."""
    selection_criteria: tuple[SelectionCriterion, ...]
    """The selection criteria, in order."""
    contradictions: tuple[Contradiction, ...]
    """The facts the plan states one way and shows another."""
    maturity: Maturity
    """The CRM maturity."""
    readiness: Readiness
    """The journey-management readiness."""
    failure_causes: tuple[FailureCause, ...]
    """The common failure causes the plan shows."""
    verification_questions: tuple[str, ...]
    """Questions to ask the client to verify the assessment."""
    next_steps: tuple[str, ...]
    """What to do next, in order."""
    lead: str
    """The sentence that introduces the memo."""
    inputs: AssessmentInputs
    """What the assessment rests on."""
