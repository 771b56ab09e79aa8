"""Step 4 and journey readiness: journeys, stages, touchpoints, pain points, opportunities."""

from __future__ import annotations

import enum

from crmplan.model.base import (
    Channel,
    Date,
    Emotion,
    Evidence,
    Id,
    Level,
    Model,
    Name,
    Text,
    described,
    items,
    required,
)


class Stage(Model):
    """A stage of the journey, in the order the customer lives it."""

    id: Id = required("Identifier touchpoints refer to.")
    name: Name = required("Display name.")
    description: Text | None = described("What happens in this stage.")


class Touchpoint(Model):
    """A moment where the customer meets the client, seen from the customer's side."""

    id: Id = required("Identifier pain points and opportunities refer to.")
    name: Name = required("Display name.")
    stage: Id = required("The stage it belongs to (id under the journey's stages).")
    channel: Channel = required("The channel it happens in.")
    customer_goal: Text | None = described("What the customer wants at this moment.")
    thoughts: Text | None = described("What the customer thinks, in their words.")
    emotion: Emotion | None = described(
        "How the customer feels today: -2 (very negative) to 2 (very positive)."
    )
    emotion_to_be: Emotion | None = described(
        "How the customer should feel once the touchpoint is redesigned (-2 to 2)."
    )
    barriers: list[Text] = items("What stops the customer from reaching their goal.")
    owner: Name | None = described("Who on the client's side owns the touchpoint.")
    kpis: list[Id] = items("KPIs that measure the touchpoint (ids under kpis).")
    evidence: Evidence | None = described("Where this knowledge comes from: researched or assumed.")
    evidence_note: Text | None = described("The study, report or interview behind it.")


class PainPoint(Model):
    """A point where complaints cluster."""

    id: Id = required("Identifier opportunities refer to.")
    touchpoint: Id = required("The touchpoint where it happens.")
    description: Text = required("What goes wrong for the customer.")
    severity: Level = described("How much it hurts, 1 (mild) to 5 (severe).", 3)
    evidence: Evidence | None = described("Where this knowledge comes from.")


class OpportunityStatus(str, enum.Enum):
    """Where an improvement opportunity stands."""

    IDEA = "idea"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class Opportunity(Model):
    """An improvement to the journey, ranked by impact and effort."""

    id: Id = required("Identifier.")
    description: Text = required("What would change.")
    touchpoint: Id | None = described("The touchpoint it improves.")
    pain_point: Id | None = described("The pain point it removes.")
    impact: Level = described("Expected impact, 1 (small) to 5 (large).", 3)
    effort: Level = described("Effort needed, 1 (small) to 5 (large).", 3)
    owner: Name | None = described("Who drives it.")
    status: OpportunityStatus = described("Where it stands.", OpportunityStatus.IDEA)


class Journey(Model):
    """One customer journey, for a persona or a segment; several can coexist."""

    id: Id = required("Identifier.")
    name: Name = required("Display name.")
    persona: Id | None = described("The persona whose journey this is.")
    segment: Id | None = described("The segment whose journey this is.")
    stages: list[Stage] = items(
        "Stages in order; when empty: awareness, consideration, purchase, retention, advocacy."
    )
    touchpoints: list[Touchpoint] = items("Touchpoints, each in a stage.")
    pain_points: list[PainPoint] = items("Where complaints cluster.")
    opportunities: list[Opportunity] = items("Improvements, with impact, effort and owner.")
    last_walked: Date | None = described(
        "When the journey was last re-walked with the people who run it; a map not "
        "re-walked within the review cadence is flagged.")
