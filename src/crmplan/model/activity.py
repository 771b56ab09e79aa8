"""The detailed activity plan of the implementation method: none of it skipped."""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import Field

from crmplan.model.base import (
    Channel,
    Date,
    Id,
    Model,
    Money,
    Name,
    Text,
    Whole,
    described,
    items,
    required,
)


class TeamRole(str, enum.Enum):
    """How a team takes part in an activity."""

    LEAD = "lead"
    SUPPORT = "support"
    DOWNSTREAM = "downstream"


class Assignment(Model):
    """Who does what by when."""

    who: Name = required("Person or team.")
    what: Text = required("The task.")
    by: Date | None = described("Deadline.")
    role: TeamRole = described("Lead, supporting or downstream team.", TeamRole.LEAD)


class Communication(Model):
    """One item of the communication plan."""

    segment: Id | None = described("The segment addressed.")
    channel: Channel = required("The medium.")
    message: Text = required("The message.")
    script: Text | None = described("Script for staff or copy for the message.")
    creative: Text | None = described("The creative (visuals, format).")


class ResponseModel(Model):
    """The customer response model: contact, transaction, delivery, service, continued contact."""

    contact: Text | None = described("How the customer is first contacted.")
    transaction: Text | None = described("How the customer buys.")
    delivery: Text | None = described("How it is delivered.")
    service: Text | None = described("The service that follows.")
    continued_contact: Text | None = described("How contact continues afterwards.")


class Sourcing(str, enum.Enum):
    """How a system requirement is met."""

    BUILD = "build"
    BUY = "buy"
    OUTSOURCE = "outsource"


class SystemRequirement(Model):
    """A system capability the plan needs, and how it is obtained."""

    id: Id = required("Identifier.")
    requirement: Text = required("What the system must do.")
    sourcing: Sourcing | None = described("Build, buy or outsource.")
    notes: Text | None = described("Details.")


class ChangeManagement(Model):
    """Training, data migration and change agents."""

    training: Text | None = described("How staff learn the new way of working.")
    migration: Text | None = described("How existing data and processes move over.")
    change_agents: list[Name] = items("People who champion the change inside the client.")


class RoiEstimate(Model):
    """The long-term ROI estimate, tracked continuously."""

    horizon_years: Annotated[Whole, Field(ge=1, le=30)] | None = described(
        "Years the estimate covers.")
    investment: Money | None = described("Total investment over the horizon.")
    expected_return: Money | None = described("Expected return over the horizon.")
    assumptions: list[Text] = items("Assumptions behind the figures, to be tested.")
    tracking: Text | None = described("How the estimate is tracked against actuals.")


class DataManagement(Model):
    """Keeping customer data accurate: cleaning, acquiring, maintaining."""

    cleaning: Text | None = described("How old data is cleaned and de-duplicated.")
    acquisition: Text | None = described("How new data is acquired.")
    accuracy: Text | None = described("How accuracy is kept over time.")


class ActivityPlan(Model):
    """The detailed activity plan: organization, measurement loop, communication,
    response model, systems, change management, ROI and data management."""

    organization: list[Assignment] = items("Who does what by when, incl. supporting teams.")
    measurement_loop: Text | None = described("How results feed the next plan.")
    communication: list[Communication] = items("Media, scripts and creatives.")
    response_model: ResponseModel | None = described("The customer response model.")
    system_requirements: list[SystemRequirement] = items("Build or outsource.")
    change_management: ChangeManagement | None = described("Training, migration, change agents.")
    roi_estimate: RoiEstimate | None = described("Long-term ROI estimate.")
    data_management: DataManagement | None = described("Data cleaning, acquisition, accuracy.")
