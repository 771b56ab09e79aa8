"""Steps 8 to 10 of the strategy (rollout, operating procedures, reviews) and the
activity plan that follows them."""

from __future__ import annotations

from crmplan.render.model.base import Part, Todo
from crmplan.render.model.record import Record

# -- step 8 ----------------------------------------------------------------------------------


class Phase(Record):
    """A phase of the rollout: one department at a time."""

    number: int
    """Its number, from 1."""
    department: str
    """The department it covers."""
    period: str
    """``start – end``; ``—`` when neither is known."""
    scope: str | None
    """What it covers."""
    benefits: tuple[str, ...]
    """What the department gains."""


class Training(Record):
    """A workshop or training session."""

    audience: str
    """Who it is for."""
    topic: str
    """What it teaches."""
    date: str
    """When, ``YYYY-MM-DD``; ``—`` when not planned yet."""
    owner: str
    """Who runs it; ``—`` when nobody yet."""


class FeedbackChannel(Record):
    """A channel through which users report on the CRM."""

    name: str
    """The channel."""
    frequency: str
    """How often it is read; ``—`` when not said."""
    owner: str
    """Who reads it; ``—`` when nobody yet."""


class Rollout(Record):
    """Step 8: how the CRM is rolled out."""

    phases: tuple[Phase, ...]
    """The phases, in order."""
    trainings: tuple[Training, ...]
    """Workshops and training."""
    feedback: tuple[FeedbackChannel, ...]
    """Feedback channels."""


# -- step 9 ----------------------------------------------------------------------------------


class Sop(Record):
    """Step 9: a standard operating procedure."""

    title: str
    """Its title."""
    area: str
    """What it governs (``data entry``, ``reporting``, ...), in the document's language."""
    owner: str
    """Who keeps it up to date; ``—`` when nobody yet."""
    steps: tuple[str, ...]
    """Its steps, in order."""
    last_reviewed: str
    """When it was last reviewed, ``YYYY-MM-DD``; ``—`` when never."""
    next_review: str
    """When it is next due for review, ``YYYY-MM-DD``; ``—`` when never reviewed."""
    every: str
    """How often it is reviewed: ``every 6 months``."""
    review_overdue: bool
    """True when its next review is past on the document's date."""


# -- step 10 ---------------------------------------------------------------------------------


class LoggedAction(Record):
    """An action a review agreed on."""

    text: str
    """The action."""
    owner: str
    """Who does it; ``—`` when nobody yet."""
    due: str
    """When it is due, ``YYYY-MM-DD``; ``—`` when not set."""
    status: str
    """``open``, ``done`` or ``dropped``, in the document's language."""
    overdue: bool
    """True when it is still open after its due date, on the document's date."""


class LoggedReview(Record):
    """A review held, as the plan's log records it."""

    date: str
    """When it was held, ``YYYY-MM-DD``."""
    reviewers: str
    """Who took part, joined; ``—`` when not recorded."""
    findings: tuple[str, ...]
    """What it found."""
    decisions: tuple[str, ...]
    """What it decided."""
    actions: tuple[LoggedAction, ...]
    """What it agreed to do."""


class DecisionInForce(Record):
    """A decision of the plan still in force."""

    date: str
    """When it was made, ``YYYY-MM-DD``."""
    summary: str
    """The decision."""
    rationale: str | None
    """Why."""
    evidence: tuple[str, ...]
    """What it rests on."""


class Reviews(Record):
    """Step 10: how and when the strategy is reviewed, and what the reviews decided."""

    schedule: str
    """The review schedule in one line: the last review, how often, when the next is due."""
    log: tuple[LoggedReview, ...]
    """The reviews held, in the plan's order."""
    decisions: tuple[DecisionInForce, ...]
    """The decisions in force (none replaced by a later one)."""


# -- the activity plan -----------------------------------------------------------------------


class Assignment(Record):
    """Who in the organisation does what in the activity plan."""

    who: str
    """The person or team."""
    what: str
    """What they do."""
    by: str
    """By when, ``YYYY-MM-DD``; ``—`` when not set."""
    role: str
    """``lead``, ``supporting`` or ``downstream``, in the document's language."""


class Communication(Record):
    """A line of the communication plan."""

    segment: str
    """The name of the segment it addresses; ``—`` when none."""
    channel: str
    """The channel, in the document's language."""
    message: str
    """The message."""
    script: str
    """The script; ``—`` when none."""
    creative: str
    """The creative; ``—`` when none."""


class SystemRequirement(Record):
    """What the systems must do, and how it is sourced."""

    requirement: str
    """The requirement."""
    sourcing: str
    """``build``, ``buy`` or ``outsource``, in the document's language; ``—`` when
    open."""
    notes: str
    """Notes; ``—`` when none."""


class Roi(Record):
    """The long-term return on investment the plan expects."""

    horizon: str
    """Over how long: ``5 years``; ``—`` when not set."""
    investment: str
    """The investment, in the plan's currency; ``—`` when unknown."""
    expected_return: str
    """The return expected, in the plan's currency; ``—`` when unknown."""
    multiple: str
    """The return as a multiple of the investment: ``3.2×``; ``—`` when unknown."""
    assumptions: tuple[str, ...]
    """The assumptions to test."""
    tracking: str | None
    """How the return is tracked."""


class Activity(Record):
    """The activity plan, part by part; with none in the plan, only ``todo`` and ``lead``
    are set and every list is empty."""

    todo: Todo | None
    """The to-do when the plan has no activity plan, else null (always null in the client's
    version)."""
    omitted: bool
    """True in the client's version when the plan has no activity plan: the part and its
    line of the contents are left out."""
    lead: str
    """The sentence that introduces the part."""
    organization: tuple[Assignment, ...]
    """Who does what."""
    measurement_loop: str | None
    """How results are measured and fed back."""
    communication: tuple[Communication, ...]
    """The communication plan."""
    response_model: tuple[Part, ...]
    """Contact, transaction, delivery, service and continued contact."""
    systems: tuple[SystemRequirement, ...]
    """The system requirements."""
    change: tuple[Part, ...]
    """Training, migration and change agents."""
    roi: Roi | None
    """The ROI estimate; null when the plan has none."""
    data: tuple[Part, ...]
    """Cleaning old data, acquiring new data, keeping it accurate."""
