"""Step 3 and the implementation method: personas, segments, offers, scoring, campaigns."""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import Field

from crmplan.model.base import (
    Channel,
    Date,
    Evidence,
    Flag,
    Id,
    Model,
    Money,
    Name,
    Number,
    Percent,
    Scale,
    Score,
    Text,
    Weight,
    Whole,
    described,
    items,
    required,
)
from crmplan.model.data import SegmentRule


class Persona(Model):
    """A customer archetype built from data, surveys and interviews."""

    id: Id = required("Identifier journeys and segments refer to.")
    name: Name = required("A short, memorable name.")
    description: Text | None = described("Who this customer is.")
    segment: Id | None = described("The segment the persona belongs to.")
    goals: list[Text] = items("What the customer wants to achieve.")
    needs: list[Text] = items("What the customer needs from the client.")
    pain_points: list[Text] = items("What frustrates the customer today.")
    behaviours: list[Text] = items("How the customer behaves (habits, channels, timing).")
    decision_process: Text | None = described("How the customer decides to buy.")
    channels: list[Channel] = items("Channels the customer prefers.")
    evidence: list[Evidence] = items("Where the persona comes from: researched or assumed.")


class SegmentBasis(str, enum.Enum):
    """What a segment is cut by."""

    DEMOGRAPHIC = "demographic"
    GEOGRAPHIC = "geographic"
    BEHAVIOURAL = "behavioural"
    NEEDS = "needs"
    VALUE = "value"
    RFM = "rfm"
    CLUSTER = "cluster"


class Offer(Model):
    """What a segment is offered: the product, and the terms around it."""

    id: Id = required("Identifier campaigns refer to.")
    product: Text = required("The product or service offered.")
    payment_terms: Text | None = described("Price, instalments, discounts, deposits.")
    delivery_terms: Text | None = described("How and when it is delivered.")
    service_terms: Text | None = described("Service promised around it (aftercare, support).")
    notes: Text | None = described("Anything else about the offer.")
    price: Money | None = described(
        "What one customer pays when taking the offer; a campaign's simulation values a "
        "conversion at it.")


class Segment(Model):
    """A group of customers with shared traits, behaviour, needs or value."""

    id: Id = required("Identifier scores, campaigns and journeys refer to.")
    name: Name = required("Display name.")
    definition: Text = required("Who belongs to the segment, precisely enough to select them.")
    basis: list[SegmentBasis] = items("What the segment is cut by.")
    existing_customers: Flag | None = described(
        "True for existing customers, false for prospects."
    )
    size: Annotated[Whole, Field(ge=0)] | None = described("Number of customers in the segment.")
    contactable_pct: Percent | None = described(
        "Share of the segment that can be contacted individually, in percent."
    )
    consented_pct: Percent | None = described(
        "Share of the segment with marketing consent, in percent."
    )
    revenue_share_pct: Percent | None = described(
        "Share of the client's revenue the segment brings, in percent."
    )
    annual_revenue: Money | None = described("Revenue the segment brings per year.")
    long_term_value: Money | None = described(
        "Estimated long-term value of one customer of the segment."
    )
    value_note: Text | None = described("How the value figures were estimated.")
    rule: SegmentRule | None = described(
        "Who belongs to the segment, computed from the order export by "
        "`crmplan segment compute`.")
    personas: list[Id] = items("Personas that belong to the segment.")
    offers: list[Offer] = items("Offers developed for the segment.")
    purchase_timing: Text | None = described(
        "When the segment's customers buy: the season, cycle, life event or time since the "
        "last purchase.")
    programme_cost: Money | None = described(
        "What the segment's programme (its offers, campaigns and service) costs per year; "
        "the segment must be large enough to pay for it.")


class Criterion(Model):
    """A priority factor the task force scores each segment on."""

    id: Id = required("Identifier used in score sheets.")
    name: Name = required("Display name.")
    weight: Weight = described("Relative weight of the criterion.", 1.0)
    description: Text | None = described("What a high score means.")


class Member(Model):
    """A task-force member who scores segments."""

    id: Id = required("Identifier used in score sheets.")
    name: Name = required("Full name.")
    role: Name | None = described("Role or department.")


class ScoreSheet(Model):
    """One member's scores for one segment, criterion by criterion."""

    member: Id = required("The member who scored (id under task_force.members).")
    segment: Id = required("The segment scored (id under segments).")
    scores: dict[Id, Score] = required("Score per criterion id, on the task force's scale.")
    note: Text | None = described("The member's reasoning.")


class TaskForce(Model):
    """The task force: criteria with weights, members, and each member's scores."""

    scale: Scale = described("The scoring scale.", default_factory=Scale)
    criteria: list[Criterion] = items(
        "Priority criteria; when empty, the defaults apply: short-term profitability, "
        "speed, customer interest, explosive response, long-term value, data availability."
    )
    members: list[Member] = items("The members who score.")
    scores: list[ScoreSheet] = items("Score sheets, one per member and segment.")


class MeasurementMethod(str, enum.Enum):
    """How a campaign's effect is measured."""

    HOLDOUT = "holdout"
    AB_TEST = "ab_test"
    MATCHED_COMPARISON = "matched_comparison"
    PRE_POST = "pre_post"


class Measurement(Model):
    """How a campaign's effect will be measured."""

    metric: Id = required("The KPI the campaign moves (id under kpis).")
    method: MeasurementMethod = required("How the effect is isolated.")
    comparison_group: Text = required("The holdout or comparison group, and its size.")
    start: Date = required("First day of the measurement period.")
    end: Date = required("Last day of the measurement period.")
    revenue_conversion: Text | None = described(
        "For a non-revenue effect (satisfaction, visits): how it converts into revenue."
    )
    value_per_unit: Money | None = described("Revenue worth one unit of the metric.")


class CampaignResult(Model):
    """What a campaign achieved, recorded after it ran."""

    date: Date = required("When the result was measured.")
    metric_value: Number | None = described("The metric's value in the treated group.")
    comparison_value: Number | None = described(
        "The metric's value in the comparison group (the holdout, the control group, or the "
        "period before for a before/after comparison).")
    treated_size: Annotated[Whole, Field(ge=1)] | None = described(
        "Customers in the treated group: with the comparison group's size, the lift of a "
        "rate gets its confidence interval.")
    comparison_size: Annotated[Whole, Field(ge=1)] | None = described(
        "Customers in the comparison group.")
    revenue: Money | None = described("Revenue attributed to the campaign.")
    cost: Money | None = described("What the campaign actually cost.")
    note: Text | None = described("What was learned.")
    responses: Annotated[Whole, Field(ge=0)] | None = described("Customers who responded.")
    conversions: Annotated[Whole, Field(ge=0)] | None = described("Customers who bought.")
    decision: Text | None = described("What was decided from the result.")


class Simulation(Model):
    """The measurement simulated before the campaign runs: responses, conversions, revenue."""

    response_rate_pct: Percent = required("Share of the customers contacted who respond.")
    conversion_rate_pct: Percent = required("Share of those who respond who buy.")
    audience: Annotated[Whole, Field(ge=0)] | None = described(
        "Customers contacted (default: the segment's customers who can be contacted "
        "individually).")
    value_per_conversion: Money | None = described(
        "Revenue of one customer who buys (default: the offer's price).")
    note: Text | None = described("Where the rates come from.")


class Campaign(Model):
    """A campaign aimed at one segment; it is not planned until its measurement is."""

    id: Id = required("Identifier.")
    name: Name = required("Display name.")
    segment: Id = required("The segment targeted (id under segments).")
    offer: Id | None = described("The offer used (id under the segment's offers).")
    hypothesis: Text | None = described(
        "What the campaign is to show: which behaviour of the segment the offer changes, "
        "and by how much.")
    channels: list[Channel] = items("Channels the campaign uses.")
    start: Date | None = described("First day.")
    end: Date | None = described("Last day.")
    test: Flag = described("True for a test campaign meant to cover its own cost.", False)
    cost: Money | None = described("Planned cost.")
    expected_return: Money | None = described("Expected revenue (or revenue equivalent).")
    measurement: Measurement = required(
        "The measurement plan; a campaign whose effect is not measured is not planned."
    )
    results: list[CampaignResult] = items("Results recorded after the campaign ran.")
    simulation: Simulation | None = described(
        "The measurement simulated before the campaign runs, shown beside the results.")
