"""Step 10 and the what-to-do-first decision: reviews, decision log, assessment inputs."""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import Field

from crmplan.model.base import (
    Answer,
    Date,
    Flag,
    Id,
    Model,
    Name,
    Text,
    Whole,
    described,
    items,
    required,
)


class ActionStatus(str, enum.Enum):
    """Where a review action stands."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class Action(Model):
    """An action agreed at a review."""

    id: Id = required("Identifier.")
    text: Text = required("What is to be done.")
    owner: Name | None = described("Who does it.")
    due: Date | None = described("By when.")
    status: ActionStatus = described(
        "Where it stands: open, in_progress, done or dropped.", ActionStatus.OPEN)


class ExternalKind(str, enum.Enum):
    """What kind of change outside the client a review looks at."""

    TECHNOLOGY = "technology"
    CUSTOMER_EXPECTATIONS = "customer_expectations"
    MARKET = "market"
    REGULATION = "regulation"
    OTHER = "other"


class ExternalFactor(Model):
    """A change outside the client that bears on the strategy."""

    kind: ExternalKind = required(
        "technology, customer_expectations, market, regulation or other.")
    change: Text = required("What changed.")
    effect: Text | None = described("What it means for the strategy.")


class Review(Model):
    """One strategy review: who took part, what was found and decided."""

    date: Date = required("The day of the review.")
    reviewers: list[Name] = items("Who took part.")
    findings: list[Text] = items("What the review found.")
    decisions: list[Text] = items("What was decided.")
    actions: list[Action] = items("Actions agreed.")
    external_factors: list[ExternalFactor] = items(
        "Changes in technology, customer expectations and the market the review weighed.")


class Reviews(Model):
    """Step 10: review and revise at least twice a year."""

    cadence_months: Annotated[Whole, Field(ge=1, le=12)] = described("Months between reviews.", 6)
    log: list[Review] = items("Reviews held, oldest first.")


class DecisionSource(str, enum.Enum):
    """What produced a decision."""

    ASSESS = "assess"
    REVIEW = "review"
    MANUAL = "manual"


class DecisionStatus(str, enum.Enum):
    """Whether a decision still holds."""

    ACTIVE = "active"
    SUPERSEDED = "superseded"


class RecordedAnswer(str, enum.Enum):
    """The answer to "what first?" an assess decision recorded."""

    JOURNEY_FIRST = "journey_first"
    CRM_KPI_FIRST = "crm_kpi_first"
    BOTH = "both"
    NOT_READY = "not_ready"


class Decision(Model):
    """A recorded decision and the evidence it rests on."""

    id: Id = required("Identifier.")
    date: Date = required("When it was decided.")
    source: DecisionSource = described("What produced it.", DecisionSource.MANUAL)
    summary: Text = required("The decision in one sentence.")
    rationale: Text | None = described("Why.")
    evidence: list[Text] = items("The facts it rests on (with plan locations).")
    status: DecisionStatus = described("Whether it still holds.", DecisionStatus.ACTIVE)
    superseded_by: Id | None = described("The decision that replaced it.")
    answer: RecordedAnswer | None = described(
        "For a decision of assess: the answer recorded (journey_first, crm_kpi_first, both, "
        "not_ready).")
    facts: dict[Id, Answer] = described(
        "For a decision of assess: every fact of the assessment as found on the day "
        "(yes, partly, no, unknown): the client's starting state.", default_factory=dict)


class Factor(Model):
    """A fact about the client the consultant has checked, with a short evidence note."""

    answer: Answer = required("yes, partly, no or unknown.")
    note: Text | None = described("What the answer rests on.")


class Speed(str, enum.Enum):
    """How quickly the client decides."""

    FAST = "fast"
    MODERATE = "moderate"
    SLOW = "slow"
    UNKNOWN = "unknown"


class DecisionSpeed(Model):
    """The client's internal decision-making speed."""

    answer: Speed = required("fast, moderate, slow or unknown.")
    note: Text | None = described("What the answer rests on.")


class Option(str, enum.Enum):
    """The two pillars whose order the assessment decides: journey design and CRM/KPI work."""

    JOURNEY = "journey"
    CRM_KPI = "crm_kpi"
    BOTH = "both"


class ExclusionCondition(Model):
    """A condition that rules an option out, to be confirmed before choosing."""

    description: Text = required("The condition.")
    excludes: Option = required("The option it rules out: journey, crm_kpi or both.")
    confirmed: Flag = described("Whether it has been checked with the client.", False)
    applies: Flag | None = described("Once confirmed: whether the condition holds.")
    note: Text | None = described("What the check found.")


class Criteria(Model):
    """Selection criteria, essential separated from optional."""

    essential: list[Text] = items("Criteria the choice must meet.")
    optional: list[Text] = items("Criteria that are nice to have.")


class Assessment(Model):
    """The inputs for deciding what to do first (journey or CRM/KPI), each with an evidence note."""

    touchpoints_organized: Factor | None = described(
        "Are the customer touchpoints inventoried, owned and mapped to stages?"
    )
    improvement_standards: Factor | None = described(
        "Is there a standard (KPIs with baselines and targets) for improving them?"
    )
    data_readiness: Factor | None = described("Is customer data clean, integrated and usable?")
    staff_and_materials: Factor | None = described(
        "Are internal execution staff and materials ready?"
    )
    customer_experience: Factor | None = described("Is the customer experience understood?")
    business_goals_aligned: Factor | None = described(
        "Are the priorities aligned with the business goals?"
    )
    executive_support: Factor | None = described("Do executives actively support the work?")
    cross_functional_team: Factor | None = described(
        "Is there a cross-functional team across departments?"
    )
    decision_speed: DecisionSpeed | None = described("Internal decision-making speed.")
    analytics_capability: Factor | None = described(
        "Can the team turn customer data into insight (skills, tools, people)?")
    criteria: Criteria | None = described("Selection criteria, essential vs optional.")
    exclusion_conditions: list[ExclusionCondition] = items("Conditions that rule an option out.")
    bottlenecks: list[Text] = items("Operational bottlenecks seen.")
    recurring_questions: list[Text] = items("Questions customers ask again and again.")
    materials: list[Text] = items("Current materials gathered from the client.")
    verification_questions: list[Text] = items(
        "Questions prepared for the pre-consultation."
    )


class TeamMember(Model):
    """A member of the cross-department core team."""

    name: Name = required("Full name.")
    department: Name = required("Their department.")
    role: Name | None = described("Their role in the team.")


class WorkingGroup(Model):
    """A working group that owns one stage of the customer journey."""

    id: Id = required("Identifier.")
    stage: Id = required("The journey stage it owns (a stage id of a journey).")
    lead: Name | None = described("Who leads it.")
    members: list[Name] = items("Who is in it, from several departments.")


class Meeting(Model):
    """A regular meeting across departments."""

    name: Name = required("Display name.")
    departments: list[Name] = items("The departments that attend.")
    frequency: Name | None = described("How often it meets (weekly, monthly).")


class Team(Model):
    """Organization and team: who leads the journey work across departments, and how they
    work together."""

    core_team: list[TeamMember] = items(
        "The core team: representatives of marketing, sales, service, product, IT, ...")
    working_groups: list[WorkingGroup] = items("Working groups, one per journey stage.")
    shared_tools: list[Text] = items("Tools every department shares (project boards, "
                                     "shared documents).")
    meetings: list[Meeting] = items("Regular meetings across departments.")
