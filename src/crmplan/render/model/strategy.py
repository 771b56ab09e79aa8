"""Steps 6 and 7 of the strategy: the strategy itself (data, privacy, approach per
segment, resources, buy-in) and the choice of software."""

from __future__ import annotations

from crmplan.render.model.base import Part
from crmplan.render.model.record import Record

# -- step 6 ----------------------------------------------------------------------------------


class Approach(Record):
    """How one segment is approached."""

    segment: str
    """The segment's name (its id when the plan has no such segment)."""
    approach: str
    """The approach."""
    channels: str
    """Its channels, joined in the document's language; ``—`` when none."""


class Strategy(Record):
    """Step 6: the strategy. With no strategy in the plan every list is empty and every
    text null (step 6's to-do says what to fill)."""

    summary: str | None
    """The strategy in a paragraph."""
    data_handling: tuple[Part, ...]
    """Collection, storage, management, use across departments and sharing of customer
    data."""
    single_customer_view: str
    """Whether every department sees one record per customer: ``yes``, ``no`` or ``—``."""
    regimes: tuple[str, ...]
    """The privacy regimes that apply, in the document's language."""
    privacy: tuple[Part, ...]
    """Consent, retention and deletion, security, privacy officer."""
    approaches: tuple[Approach, ...]
    """The approach per segment."""
    resources: tuple[Part, ...]
    """Talent, time and budget."""
    budget_note: str | None
    """A note on the budget."""
    executive_buy_in: str | None
    """How the executives back the strategy."""
    sponsor: str | None
    """The engagement's executive sponsor, ``Name (role)``."""


# -- step 7 ----------------------------------------------------------------------------------


class SystemInUse(Record):
    """A system the client uses today, as found."""

    name: str
    """What staff call it."""
    kind: str
    """What it is (CRM, booking, medical records, messaging, spreadsheet, ...), in the
    document's language."""
    holds: str
    """What it holds; ``—`` when not said."""
    users: str
    """Who uses it, joined; ``—`` when not said."""
    integrates: str
    """Whether it shares customer data with the other systems: ``yes``, ``no`` or ``—``."""
    grows: str
    """Whether it can grow with the business: ``yes``, ``partly``, ``no``, ``unknown`` or
    ``—``."""
    note: str | None
    """What the answers rest on."""


class Capability(Record):
    """A capability the software must or should have."""

    name: str
    """Its name."""
    weight: str
    """Its weight in the comparison."""
    required: bool
    """True when a candidate without it is excluded."""
    built_in: bool
    """True for one of the criteria crmplan builds in (the CRM must-haves, vendor fit, the
    criteria of a journey-management tool)."""


class Candidate(Record):
    """A CRM product compared, with its scores and result."""

    name: str
    """The product's name."""
    vendor: str
    """Its vendor; ``—`` when not given."""
    scores: tuple[str, ...]
    """Its score per capability, in the order of ``capabilities``; ``—`` when not
    scored."""
    total: str
    """Its weighted total."""
    max_total: str
    """The highest weighted total the scale allows."""
    share: str
    """Its total as a share of the highest, formatted."""
    share_pct: float
    """The same share as a number, 0 to 100, one decimal."""
    rank: str
    """Its rank; ``—`` when excluded."""
    excluded: bool
    """True when it lacks a required capability."""
    missing: str
    """The required capabilities it lacks, joined; empty when none."""
    first_year: str
    """Its cost in the first year (licence, implementation, training, extras); ``—`` when
    unknown."""
    licence: str
    """Its licence per year; ``—`` when unknown."""
    cost_note: str | None
    """A note on its costs."""
    chosen: bool
    """True for the candidate the plan's decision chose."""
    keeps: str | None
    """For the option of keeping a system in use: that system's name; else null."""


class CandidateDetail(Record):
    """What the comparison table leaves out of a candidate, in the same order."""

    name: str
    """The product's name."""
    support: str | None
    """The vendor's support and training."""
    notes: str | None
    """Anything else."""
    demo: str
    """Whether a demo was held: ``yes`` or ``no``."""
    trial: str
    """Whether a trial was run: ``yes`` or ``no``."""


class Decision(Record):
    """The software chosen, and why."""

    candidate: str
    """The name of the candidate chosen."""
    date: str
    """When it was decided, ``YYYY-MM-DD``."""
    rationale: str
    """Why."""


class Software(Record):
    """Step 7: the weighted comparison of CRM products and the decision; empty with no
    comparison in the plan."""

    scale: str
    """The scoring scale, ``1–5``; ``—`` with no comparison."""
    capabilities: tuple[Capability, ...]
    """The capabilities, in the plan's order."""
    candidates: tuple[Candidate, ...]
    """The candidates, in the plan's order."""
    details: tuple[CandidateDetail, ...]
    """Support, notes, demo and trial of each candidate, in the same order."""
    decision: Decision | None
    """The decision; null when none was made."""
    systems: tuple[SystemInUse, ...]
    """The systems the client uses today, as found (the CRM maturity stage rests on
    them)."""
