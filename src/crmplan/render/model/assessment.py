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
    excluded_names: tuple[str, ...]
    """The same options by name, in the document's language."""


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
    """True when the plan meets its needs."""
    reached: bool
    """True when the client is at this stage or above: its needs and those of every stage
    below it are met."""
    status: str
    """What the reader sees: met, not yet, or its needs met but not reached (a stage below
    comes first), in the document's language."""
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
    option: str
    """The same option by name, in the document's language."""
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


class RecordedDecision(Record):
    """An assess decision of the plan's log, as it was recorded."""

    date: str
    """When it was taken, ``YYYY-MM-DD``."""
    date_text: str
    """The same date, formatted for the language."""
    summary: str
    """The answer as it was recorded."""
    rationale: str | None
    """Why, as recorded."""
    evidence: tuple[str, ...]
    """What it rested on, as recorded, without the plan locations."""
    active: bool
    """True for the decision in force."""
    state: str
    """``in force``, or ``superseded``, in the document's language."""


class AnswerInForce(Record):
    """What to do first as agreed with the client: the recorded decision in force and the
    progress since, or, before any decision, today's answer marked as a draft."""

    draft: bool
    """True when no decision is recorded: the answer is the rules' on today's facts."""
    title: str
    """The decision's answer as recorded, or today's answer for a draft."""
    decision: RecordedDecision | None
    """The decision in force; null for a draft."""
    progress: tuple[str, ...]
    """What moved since the decision, one sentence each: the pillars, the maturity stage,
    the readiness, then every other fact."""
    headline: tuple[str, ...]
    """The same without the other facts: the pillars, the maturity stage, the readiness."""
    summary: tuple[str, ...]
    """What the client's version shows: the headline, then how many other facts moved
    forward, and each that moved back."""
    next: str | None
    """The work done and the next step the method gives; null for a draft."""
    history: tuple[RecordedDecision, ...]
    """Every recorded decision of the assessment, oldest first, the one in force last."""


class TeamFinding(Record):
    """A finding of the assessment, for the team: where, what, and its rule."""

    location: str
    """``file:line:column`` it is about."""
    message: str
    """What is found."""
    hint: str
    """How to fix it."""
    code: str
    """The rule's code (``CRM450``)."""


class TeamNotes(Record):
    """What only the team's version of the deliverables shows: whether today's facts would
    give another answer than the decision in force, the findings, the evidence with its
    plan locations (the contradictions are ``assessment.contradictions``)."""

    today_differs: bool
    """True when today's facts would give another answer than the decision in force."""
    today_title: str
    """The answer today's facts give."""
    findings: tuple[TeamFinding, ...]
    """The assessment's findings, with their rule codes."""
    evidence: tuple[Proof, ...]
    """The decision's evidence as recorded, with the plan locations (empty for a draft)."""


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
    """Stated answers the plan contradicts that no recorded decision explains: for the
    team's version only (empty in the client's)."""
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
    answer: AnswerInForce
    """What to do first as agreed: the decision in force and the progress since."""
    assumptions: tuple[Check, ...]
    """The three assumptions the four stages of CRM warn about, each checked against the
    plan."""
    team: TeamNotes
    """What only the team's version shows (empty in the client's)."""
