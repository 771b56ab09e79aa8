"""What the method asks beyond each step's core, shown in the step it belongs to: who set
the goals, the qualitative baseline, whether segments pay for their programmes, campaigns
simulated before they run, journeys re-walked, the team, adjustments after launch, the
SOPs' upkeep, the changes outside the client each review weighed, and the promises the
disclaimer excludes."""

from __future__ import annotations

from crmplan.render.model.record import Record


class Observation(Record):
    """Step 2: what the figures do not show."""

    topic: str
    """What it is about."""
    observation: str
    """What was found."""
    source: str
    """Where it comes from."""
    as_of: str
    """When, ``YYYY-MM-DD``; ``—`` when not said."""


class Timing(Record):
    """Step 3: when a segment's customers buy."""

    segment: str
    """The segment's name."""
    timing: str
    """When they buy."""


class Programme(Record):
    """Step 3: whether a segment is large enough to pay for its programme."""

    segment: str
    """The segment's name."""
    text: str
    """The programme's cost against the value of the customers it can reach, in a
    sentence."""
    pays: bool | None
    """True when the reachable value covers the cost; null when it cannot be told."""


class CampaignForecast(Record):
    """Step 3: a campaign's measurement simulated before it runs, beside its results."""

    name: str
    """The campaign's name."""
    segment: str
    """The name of the segment it targets."""
    simulated: str
    """The simulation in a sentence: contacted, respond, buy, revenue against cost; ``—``
    when not simulated."""
    results: tuple[str, ...]
    """Each recorded result in a sentence, beside the simulation."""
    covers: bool | None
    """True when the simulated revenue covers the cost; null when it cannot be told."""


class Rewalk(Record):
    """Step 4: when a journey was last re-walked."""

    journey: str
    """The journey's name."""
    last_walked: str
    """The date, formatted for the language; ``—`` when not said."""


class WorkingGroup(Record):
    """Step 8: a working group that owns a journey stage."""

    stage: str
    """The stage's name."""
    lead: str
    """Who leads it; ``—`` when nobody yet."""
    members: str
    """Its members, joined; ``—`` when none."""


class Team(Record):
    """Step 8: the core team across departments and how the departments work together."""

    core_team: tuple[str, ...]
    """``Name (department)`` of each member."""
    working_groups: tuple[WorkingGroup, ...]
    """One per journey stage."""
    shared_tools: tuple[str, ...]
    """Tools every department shares."""
    meetings: tuple[str, ...]
    """Regular meetings across departments, each with who attends and how often."""


class Adjustment(Record):
    """Step 8: a change made after launch."""

    date: str
    """When, ``YYYY-MM-DD``."""
    area: str
    """What it changed (workflow, data field, report, ...), in the document's language."""
    change: str
    """The change."""
    reason: str
    """Why; ``—`` when not said."""


class Heard(Record):
    """Step 8: whose feedback a channel gathers."""

    channel: str
    """The channel's name."""
    levels: str
    """Frontline staff, managers, executives, joined; ``—`` when not said."""


class SopUpkeep(Record):
    """Step 9: how staff find an SOP and keep it in hand."""

    title: str
    """The SOP's title."""
    visual_aids: tuple[str, ...]
    """Its flowcharts, screenshots and other aids."""
    location: str
    """Where staff find it; ``—`` when not said."""
    refresher: str
    """Its refresher training: the last, how often, the next; ``—`` when none is planned."""
    refresher_overdue: bool
    """True when its next refresher training is past on the document's date."""


class Outside(Record):
    """Step 10: the changes outside the client a review weighed."""

    date: str
    """The review's date, ``YYYY-MM-DD``."""
    factors: tuple[str, ...]
    """Each change in a sentence: ``market: what changed (what it means)``."""


class Practice(Record):
    """What the method asks beyond each step's core, part by part; each part is empty when
    the plan has none of it."""

    stakeholders: tuple[str, ...]
    """Step 1: who set the goals, ``Name (department)``."""
    business_problems: tuple[str, ...]
    """Step 1: the business problems the work must solve first."""
    qualitative: tuple[Observation, ...]
    """Step 2: the qualitative baseline."""
    timing: tuple[Timing, ...]
    """Step 3: when each segment's customers buy."""
    programmes: tuple[Programme, ...]
    """Step 3: whether each segment can pay for its programme."""
    campaigns: tuple[CampaignForecast, ...]
    """Step 3: each campaign's simulation beside its results."""
    rewalks: tuple[Rewalk, ...]
    """Step 4: when each journey was last re-walked."""
    criteria_left_out: tuple[str, ...]
    """Step 7: the built-in criteria the software comparison leaves out."""
    team: Team
    """Step 8: the core team, working groups, shared tools and meetings."""
    adjustments: tuple[Adjustment, ...]
    """Step 8: the adjustments after launch."""
    heard: tuple[Heard, ...]
    """Step 8: whose feedback each channel gathers."""
    sops: tuple[SopUpkeep, ...]
    """Step 9: visual aids, where staff find each SOP, its refresher training."""
    outside: tuple[Outside, ...]
    """Step 10: the changes outside the client, review by review."""
    no_guarantee: tuple[str, ...]
    """The promises the disclaimer excludes, in the document's language."""
