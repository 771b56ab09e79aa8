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
    DONE = "done"
    DROPPED = "dropped"


class Action(Model):
    """An action agreed at a review."""

    id: Id = required("Identifier.")
    text: Text = required("What is to be done.")
    owner: Name | None = described("Who does it.")
    due: Date | None = described("By when.")
    status: ActionStatus = described("Where it stands.", ActionStatus.OPEN)


class Review(Model):
    """One strategy review: who took part, what was found and decided."""

    date: Date = required("The day of the review.")
    reviewers: list[Name] = items("Who took part.")
    findings: list[Text] = items("What the review found.")
    decisions: list[Text] = items("What was decided.")
    actions: list[Action] = items("Actions agreed.")


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
    criteria: Criteria | None = described("Selection criteria, essential vs optional.")
    exclusion_conditions: list[ExclusionCondition] = items("Conditions that rule an option out.")
    bottlenecks: list[Text] = items("Operational bottlenecks seen.")
    recurring_questions: list[Text] = items("Questions customers ask again and again.")
    materials: list[Text] = items("Current materials gathered from the client.")
    verification_questions: list[Text] = items(
        "Questions prepared for the pre-consultation."
    )
