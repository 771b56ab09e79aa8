"""The root of a plan: ``schema_version`` and one optional section per part of the work."""

from __future__ import annotations

from typing import Literal

from crmplan.model.activity import ActivityPlan
from crmplan.model.base import Model, RuleCode, described, items, required
from crmplan.model.customers import Campaign, Persona, Segment, TaskForce
from crmplan.model.data import Data
from crmplan.model.engagement import Client, Engagement, Goals
from crmplan.model.governance import Assessment, Decision, Reviews, Team
from crmplan.model.journey import Journey
from crmplan.model.kpis import Kpi, Observation
from crmplan.model.strategy import Rollout, Software, Sop, Strategy, System

SCHEMA_VERSION = 1


class Checks(Model):
    """How crmplan checks this plan: the rules whose findings it does not report."""

    ignore: list[RuleCode] = items(
        "Codes of the rules not to report for this plan, e.g. CRM401 (docs/rules.md lists "
        "them). Warnings, notes and the findings of the reports may be silenced; errors "
        "that make the plan unreadable or invalid may not.")


class Plan(Model):
    """One client's CRM strategy plan."""

    schema_version: Literal[1] = required("Version of the plan format; this crmplan reads 1.")
    client: Client = required("The client.")
    engagement: Engagement | None = described("The consulting engagement.")
    assessment: Assessment | None = described("What to do first: journey design or CRM/KPI work.")
    systems: list[System] = items(
        "The systems the client uses today (CRM, booking, EMR, messaging, spreadsheets), "
        "as found; the CRM maturity stage is judged on them.")
    goals: Goals | None = described("Step 1: SMART goals, vision, obstacles.")
    kpis: list[Kpi] = items("Step 2: KPIs with baseline, target and snapshots.")
    qualitative_baseline: list[Observation] = items(
        "Step 2: what the figures do not show: strengths and weaknesses of today's "
        "processes, from customer feedback and service records.")
    personas: list[Persona] = items("Customer personas.")
    segments: list[Segment] = items("Step 3: customer segments with value and offers.")
    task_force: TaskForce | None = described(
        "Task-force scoring that decides which segment to attack first."
    )
    journeys: list[Journey] = items("Step 4: customer journeys.")
    campaigns: list[Campaign] = items("Campaigns, each with a measurement plan.")
    strategy: Strategy | None = described("Step 6: the CRM strategy.")
    software: Software | None = described("Step 7: CRM software selection.")
    rollout: Rollout | None = described("Step 8: sharing and executing the strategy.")
    team: Team | None = described(
        "Organization and team: the core team, working groups per journey stage, shared "
        "tools and meetings across departments.")
    sops: list[Sop] = items("Step 9: standard operating procedures.")
    activity_plan: ActivityPlan | None = described(
        "The detailed activity plan of the implementation."
    )
    reviews: Reviews | None = described("Step 10: review cadence and review log.")
    decisions: list[Decision] = items("Decisions recorded, with their evidence.")
    data: Data | None = described(
        "The client's order and customer exports that baselines and segments are computed "
        "from.")
    checks: Checks | None = described(
        "Which of crmplan's rules this plan silences (docs/validate.md).")
