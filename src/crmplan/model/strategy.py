"""Steps 6-9: the strategy itself, software selection, rollout and SOPs."""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import Field

from crmplan.model.base import (
    Answer,
    Channel,
    Date,
    Flag,
    Id,
    Model,
    Money,
    Name,
    Scale,
    Score,
    Text,
    Weight,
    Whole,
    described,
    items,
    required,
)


class DataHandling(Model):
    """How customer data is collected, stored, managed and used across departments."""

    collection: Text | None = described("How customer data is collected.")
    storage: Text | None = described("Where it is stored.")
    management: Text | None = described("Who keeps it clean and how.")
    usage: Text | None = described("How departments use it.")
    sharing: Text | None = described("How it is shared between departments.")
    single_customer_view: Flag | None = described(
        "Whether every department sees one integrated record per customer."
    )


class PrivacyRegime(str, enum.Enum):
    """Privacy laws the plan must comply with."""

    GDPR = "gdpr"
    CCPA = "ccpa"
    PIPA = "pipa"
    PIPL = "pipl"
    OTHER = "other"


class Privacy(Model):
    """Privacy and security of customer data."""

    regimes: list[PrivacyRegime] = items(
        "Applicable regimes: gdpr, ccpa, pipa (Korea), pipl (China)."
    )
    consent: Text | None = described("How consent is collected and recorded.")
    retention: Text | None = described("How long data is kept and how it is deleted.")
    security: Text | None = described("Access control and security measures.")
    officer: Name | None = described("The privacy officer responsible.")


class SegmentApproach(Model):
    """How the strategy treats one segment."""

    segment: Id = required("The segment (id under segments).")
    approach: Text = required("What the client does for this segment.")
    channels: list[Channel] = items("Channels used.")


class Resources(Model):
    """Talent, time and money the strategy needs."""

    talent: Text | None = described("People and skills needed.")
    time: Text | None = described("Time needed.")
    budget: Money | None = described("Budget, in the client's currency.")
    budget_note: Text | None = described("What the budget covers.")


class Strategy(Model):
    """Step 6: the CRM strategy."""

    summary: Text | None = described("The strategy in a paragraph.")
    data_handling: DataHandling | None = described("How data is handled across departments.")
    privacy: Privacy | None = described("Privacy and security.")
    segment_approaches: list[SegmentApproach] = items("The approach per segment.")
    resources: Resources | None = described("Talent, time and money.")
    executive_buy_in: Text | None = described("How executive support is secured.")


class SystemKind(str, enum.Enum):
    """What a system in use is."""

    CRM = "crm"
    BOOKING = "booking"
    EMR = "emr"
    POS = "pos"
    ECOMMERCE = "ecommerce"
    ERP = "erp"
    HELPDESK = "helpdesk"
    MESSAGING = "messaging"
    MARKETING_AUTOMATION = "marketing_automation"
    ANALYTICS = "analytics"
    SPREADSHEET = "spreadsheet"
    OTHER = "other"


class System(Model):
    """A system the client uses today, as found: apart from the candidates of step 7."""

    id: Id = required("Identifier; a candidate that keeps this system names it.")
    name: Name = required("The product or file as staff call it.")
    kind: SystemKind = required(
        "crm, booking, emr, pos, ecommerce, erp, helpdesk, messaging, marketing_automation, "
        "analytics, spreadsheet or other.")
    holds: Text | None = described("What it holds: customer records, bookings, orders, ...")
    users: list[Name] = items("Who uses it: teams or roles.")
    integrates: Flag | None = described(
        "Whether it exchanges customer data with the other systems without manual work.")
    grows_with_business: Answer | None = described(
        "Whether it can grow with the business without being replaced: yes, partly, no or "
        "unknown.")
    note: Text | None = described("What the answers rest on.")


class Capability(Model):
    """A capability the CRM software must have, with its weight."""

    id: Id = required("Identifier used in candidates' scores.")
    name: Name = required("Display name.")
    weight: Weight = described("Relative weight.", 1.0)
    required: Flag = described("True if a candidate without it is excluded.", False)


class Costs(Model):
    """What a CRM candidate costs."""

    license_per_year: Money | None = described("Licences or subscription per year.")
    implementation: Money | None = described("One-off implementation cost.")
    training: Money | None = described("Training cost.")
    extras: Money | None = described("Add-ons, integrations, storage and other extra costs.")
    note: Text | None = described("What the figures include.")


class Candidate(Model):
    """A CRM product under consideration."""

    id: Id = required("Identifier.")
    name: Name = required("Product name.")
    vendor: Name | None = described("Vendor.")
    scores: dict[Id, Score] = described(
        "Score per capability id, on the software scale.", default_factory=dict
    )
    costs: Costs | None = described("What it costs.")
    support: Text | None = described("Vendor support and training offered.")
    demo_done: Flag = described("Whether a demo was held.", False)
    trial_done: Flag = described("Whether a trial was run.", False)
    notes: Text | None = described("Anything else.")
    keeps_system: Id | None = described(
        "For the option of keeping a system in use rather than buying: its id under "
        "systems.")


class SoftwareDecision(Model):
    """The CRM product chosen, and why."""

    candidate: Id = required("The candidate chosen.")
    date: Date = required("When it was decided.")
    rationale: Text = required("Why.")


class Software(Model):
    """Step 7: required capabilities and a weighted comparison of candidates."""

    scale: Scale = described("The scoring scale.", default_factory=lambda: Scale(min=0, max=5))
    capabilities: list[Capability] = items("Required capabilities with weights.")
    candidates: list[Candidate] = items("Products compared.")
    decision: SoftwareDecision | None = described("The choice, once made.")


class Phase(Model):
    """A rollout phase: one department at a time."""

    id: Id = required("Identifier.")
    department: Name = required("The department.")
    start: Date | None = described("First day.")
    end: Date | None = described("Last day.")
    scope: Text | None = described("What is rolled out.")
    benefits: list[Text] = items("What the team gains.")


class Training(Model):
    """A workshop or training for one role."""

    id: Id = required("Identifier.")
    audience: Name = required("The role or team trained.")
    topic: Text = required("What is taught.")
    date: Date | None = described("When.")
    owner: Name | None = described("Who runs it.")


class UserLevel(str, enum.Enum):
    """A level of the organization whose users give feedback on the CRM."""

    FRONTLINE = "frontline"
    MANAGER = "manager"
    EXECUTIVE = "executive"


class FeedbackChannel(Model):
    """A way users of the CRM report what works and what does not."""

    id: Id = required("Identifier.")
    name: Name = required("Display name.")
    frequency: Name | None = described("How often it is read (weekly, monthly).")
    owner: Name | None = described("Who reads it.")
    levels: list[UserLevel] = items(
        "Whose feedback it gathers: frontline, manager, executive.")


class AdjustmentArea(str, enum.Enum):
    """What a post-launch adjustment changes."""

    WORKFLOW = "workflow"
    DATA_FIELD = "data_field"
    REPORT = "report"
    INTEGRATION = "integration"
    INTERFACE = "interface"
    OTHER = "other"


class Adjustment(Model):
    """A change made after launch to a workflow, a data field or a report."""

    date: Date = required("When it was made.")
    area: AdjustmentArea = required(
        "workflow, data_field, report, integration, interface or other.")
    change: Text = required("What changed.")
    reason: Text | None = described("The feedback or figure that led to it.")


class Rollout(Model):
    """Step 8: sharing the strategy and executing it."""

    phases: list[Phase] = items("Phases, one department at a time.")
    trainings: list[Training] = items("Workshops and trainings per role.")
    feedback_channels: list[FeedbackChannel] = items("Feedback loops.")
    adjustments: list[Adjustment] = items(
        "Adjustments after launch to workflows, data fields and reports, oldest first.")


class SopArea(str, enum.Enum):
    """What an SOP governs."""

    DATA_ENTRY = "data_entry"
    DATA_UPDATE = "data_update"
    REPORTING = "reporting"
    ANALYSIS = "analysis"
    SERVICE = "service"
    OTHER = "other"


class Sop(Model):
    """Step 9: a standard operating procedure, owned and reviewed."""

    id: Id = required("Identifier.")
    title: Name = required("Title.")
    area: SopArea = described("What it governs.", SopArea.OTHER)
    owner: Name | None = described("Who keeps it current.")
    steps: list[Text] = items("The steps, in order.")
    last_reviewed: Date | None = described("When it was last reviewed.")
    review_every_months: Annotated[Whole, Field(ge=1, le=60)] = described(
        "How often it is reviewed, in months.", 6)
    visual_aids: list[Text] = items("Flowcharts, screenshots and other visual aids.")
    location: Text | None = described("Where staff find it.")
    last_refresher: Date | None = described("When staff last had refresher training on it.")
    refresher_every_months: Annotated[Whole, Field(ge=1, le=60)] | None = described(
        "How often refresher training is due, in months.")
