"""Who the plan is for, and step 1 of the strategy: goals, vision and obstacles."""

from __future__ import annotations

import enum

from crmplan.languages import SOURCE_LANGUAGE
from crmplan.model.base import (
    CountryCode,
    CurrencyCode,
    Date,
    Id,
    Language,
    Model,
    Name,
    Number,
    Person,
    Text,
    Url,
    described,
    items,
    required,
)


class Industry(str, enum.Enum):
    """The client's line of business; healthcare clients need a disclaimer."""

    HEALTHCARE = "healthcare"
    BEAUTY_WELLNESS = "beauty_wellness"
    RETAIL = "retail"
    ECOMMERCE = "ecommerce"
    HOSPITALITY = "hospitality"
    FINANCIAL_SERVICES = "financial_services"
    EDUCATION = "education"
    B2B_MANUFACTURING = "b2b_manufacturing"
    B2B_SERVICES = "b2b_services"
    SOFTWARE = "software"
    OTHER = "other"


class Client(Model):
    """The client whose CRM strategy this plan holds."""

    name: Name = required("The client's name as it appears on deliverables.")
    industry: Industry | None = described("The client's line of business.")
    language: Language = described(
        "The language of the deliverables and of the reports on this plan.",
        Language(SOURCE_LANGUAGE),
    )
    currency: CurrencyCode = described(
        "ISO 4217 code of the currency all money amounts are in (KRW, USD, CNY).", "USD"
    )
    country: CountryCode | None = described("ISO 3166 two-letter country code (KR, US, CN).")
    website: Url | None = described("The client's website (https only).")


class Promise(str, enum.Enum):
    """A promise an engagement never makes, and its disclaimer says so."""

    REVENUE = "revenue"
    CONVERSION = "conversion"
    TREATMENT_OUTCOMES = "treatment_outcomes"
    AI_SEARCH_EXPOSURE = "ai_search_exposure"


class Engagement(Model):
    """The consulting engagement: people, dates and the precautions stated to the client."""

    consultant: Person | None = described("The lead consultant.")
    firm: Name | None = described("The consulting firm, if any.")
    executive_sponsor: Person | None = described(
        "The client executive who sponsors the CRM strategy (step 6: executive buy-in)."
    )
    internal_manager: Person | None = described(
        "The client's internal execution manager who confirms scope, priorities and "
        "inspection standards."
    )
    start: Date | None = described("When the engagement started.")
    end: Date | None = described("When the engagement is planned to end.")
    scope: Text | None = described("What the engagement covers, in a sentence or two.")
    disclaimer: Text | None = described(
        "The precautions stated to the client: results vary with the organization, "
        "execution and regulation; no guaranteed revenue or conversion; for healthcare "
        "clients, that the consultant performs no medical acts."
    )
    excluded_promises: list[Promise] = items(
        "The promises the disclaimer excludes: revenue, conversion, ai_search_exposure, and "
        "treatment_outcomes for healthcare and beauty clients; validate warns when one is "
        "left out.")


class Vision(Model):
    """Where the business should be in 2, 5 and 10 years."""

    two_years: Text | None = described("The business in two years.")
    five_years: Text | None = described("The business in five years.")
    ten_years: Text | None = described("The business in ten years.")


class ObstacleKind(str, enum.Enum):
    """The kinds of obstacle step 1 asks about."""

    NEW_CUSTOMERS = "new_customers"
    RETENTION = "retention"
    BAD_FIT = "bad_fit"
    SERVICE = "service"
    DATA = "data"
    OPERATIONS = "operations"
    OTHER = "other"


class Obstacle(Model):
    """Something that stands between the business and its goals."""

    id: Id = required("Identifier goals refer to.")
    description: Text = required("What the obstacle is.")
    kind: ObstacleKind = described("Which kind of obstacle it is.", ObstacleKind.OTHER)


class Goal(Model):
    """A SMART goal: specific, measurable, achievable, relevant, time-bound."""

    id: Id = required("Identifier of the goal.")
    statement: Text = required("The goal in one sentence, as the client would say it.")
    kpi: Id | None = described("The KPI that measures the goal (its id under kpis).")
    scope: Text | None = described("Who or what the goal covers (segment, channel, region).")
    target: Number | None = described(
        "The value of the KPI that means the goal is reached (defaults to the KPI's target)."
    )
    by: Date | None = described("The deadline (defaults to the KPI target's date).")
    obstacles: list[Id] = items("Obstacles the goal addresses (ids under goals.obstacles).")
    business_goal: Text | None = described("The business goal it serves.")


class Stakeholder(Model):
    """Someone from a department of the client who set the goals with the consultant."""

    name: Name = required("Full name.")
    department: Name = required("Their department: sales, marketing, service, IT, ...")
    role: Name | None = described("Job title.")


class BusinessProblem(str, enum.Enum):
    """A business problem the work must solve first: the strategic goal behind it."""

    SATISFACTION = "satisfaction"
    CHURN = "churn"
    CONVERSION = "conversion"
    LIFETIME_VALUE = "lifetime_value"
    ACQUISITION = "acquisition"
    COST_TO_SERVE = "cost_to_serve"
    OTHER = "other"


class Goals(Model):
    """Step 1: SMART goals, the long-term picture and the obstacles."""

    vision: Vision | None = described("The business in 2, 5 and 10 years.")
    obstacles: list[Obstacle] = items("The obstacles written down in step 1.")
    smart: list[Goal] = items("The SMART goals.")
    stakeholders: list[Stakeholder] = items(
        "The people from each department (sales, marketing, service, IT, ...) who set the "
        "goals, so that they are comprehensive and supported.")
    business_problems: list[BusinessProblem] = items(
        "The business problems the work must solve first (satisfaction, churn, conversion, "
        "lifetime_value, acquisition, cost_to_serve, other): the strategic goals.")
