"""What changed in the strategy between two versions of the plan, in words, not as a text diff.

Every section of the plan is compared. What a reviewer asks first is worded here: a
KPI's new figure with its status then and now, a target or a goal changed, a pain
point resolved, a result recorded, a review held, a decision taken. Everything else,
down to a task-force score or a software candidate's cost, is worded field by field by
:mod:`crmplan.review.walk`. The report groups the changes by the ten steps.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from crmplan import names
from crmplan.i18n import N_, _, aside, join
from crmplan.kpi.progress import STATUS_NAMES, Progress, plan_period, progress
from crmplan.kpi.values import value_text
from crmplan.model.plan import Plan
from crmplan.review.walk import Shape, differences

T = TypeVar("T")

# Which step each section of the plan belongs to; 0 for what comes before the steps.
# tests/test_review.py fails when a section of the plan is missing here.
SECTION_STEPS: dict[str, int] = {
    "schema_version": 0, "client": 0, "engagement": 0, "assessment": 0, "checks": 0,
    "goals": 1, "kpis": 2, "data": 2, "qualitative_baseline": 2, "personas": 3,
    "segments": 3, "task_force": 3, "campaigns": 3, "journeys": 4, "strategy": 6,
    "systems": 7, "software": 7, "rollout": 8, "team": 8, "activity_plan": 8, "sops": 9,
    "reviews": 10, "decisions": 10,
}
BEFORE_THE_STEPS = N_("The client, the engagement and what to do first")


@dataclass(frozen=True)
class Change:
    """One change of the strategy: its section, what kind, the id it is about, in words."""

    section: str
    kind: str
    ref: str
    text: str

    @property
    def step(self) -> int:
        """The step the change belongs to (0: before the steps)."""
        return SECTION_STEPS.get(self.section, 0)


@dataclass(frozen=True)
class Since:
    """What changed in the strategy since a git revision: the revision as given, the
    commit it names, and the changes."""

    ref: str
    commit: str
    changes: tuple[Change, ...]


def changes(old: Plan, new: Plan) -> list[Change]:
    """Every change from ``old`` to ``new``, section by section, in the plan's order: first
    what :data:`SAID` words, then everything else field by field."""
    found: list[Change] = []
    for compare in (_goals, _kpis, _segments, _journeys, _campaigns, _sops, _decisions,
                    _reviews):
        found += compare(old, new)
    before, after = old.model_dump(), new.model_dump()
    for section in Plan.model_fields:
        found += [Change(section, f.kind, f.where, f.text) for f in differences(
            section, before.get(section), after.get(section), _said)]
    return sorted(found, key=lambda c: list(Plan.model_fields).index(c.section))


# What the comparers below word, by shape ("*" for an item of a list): a whole item
# added or removed (ITEMS), or everything under a field (FIELDS).
SAID_ITEMS = frozenset({("goals", "smart", "*"), ("kpis", "*"), ("segments", "*"),
                        ("journeys", "*"), ("journeys", "*", "touchpoints", "*"),
                        ("journeys", "*", "pain_points", "*"),
                        ("journeys", "*", "opportunities", "*"), ("campaigns", "*"),
                        ("campaigns", "*", "results", "*"), ("sops", "*"), ("decisions", "*"),
                        ("reviews", "log", "*")})
SAID_FIELDS = frozenset({
    *(("goals", "smart", "*", f) for f in ("statement", "kpi", "target", "by")),
    *(("kpis", "*", f) for f in ("target", "baseline", "snapshots")),
    *(("segments", "*", f) for f in ("size", "contactable_pct", "revenue_share_pct",
                                      "long_term_value")),
    *(("journeys", "*", "opportunities", "*", f) for f in ("status", "owner")),
    *(("sops", "*", f) for f in ("owner", "last_reviewed", "review_every_months", "steps")),
    ("decisions", "*", "status"),
})


def _said(shape: Shape, whole: bool) -> bool:
    return shape in SAID_ITEMS if whole else shape in SAID_FIELDS


def _by_id(items: Iterable[T]) -> dict[str, T]:
    return {getattr(item, "id"): item for item in items}  # noqa: B009 - any model with an id


def _added_removed(section: str, old: Sequence[Any], new: Sequence[Any],
                   name: Callable[[Any], str]) -> list[Change]:
    before, after = _by_id(old), _by_id(new)
    found = [Change(section, "added", i, _("added: {name}").format(name=name(item)))
             for i, item in after.items() if i not in before]
    found += [Change(section, "removed", i, _("removed: {name}").format(name=name(item)))
              for i, item in before.items() if i not in after]
    return found


def _field_changes(section: str, ref: str, old: Any, new: Any, fields: dict[str, str]
                   ) -> list[Change]:
    found = []
    for field, label in fields.items():
        before, after = getattr(old, field), getattr(new, field)
        if before != after:
            found.append(Change(section, "changed", ref, _("{item}: {what} {old} → {new}").format(
                item=ref, what=_(label), old=_shown(before), new=_shown(after))))
    return found


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, enum.Enum):
        return names.name(value)
    return str(value)


# -- sections --------------------------------------------------------------------------------


def _goals(old: Plan, new: Plan) -> list[Change]:
    before = old.goals.smart if old.goals else []
    after = new.goals.smart if new.goals else []
    found = _added_removed("goals", before, after, lambda g: g.id + aside(g.statement))
    was = _by_id(before)
    for goal in after:
        if goal.id in was:
            found += _field_changes("goals", goal.id, was[goal.id], goal, {
                "statement": N_("statement"), "kpi": N_("KPI"), "target": N_("target"),
                "by": N_("deadline")})
    return found


def _kpis(old: Plan, new: Plan) -> list[Change]:
    found = _added_removed("kpis", old.kpis, new.kpis, lambda k: k.id)
    was = {k.id: (i, k) for i, k in enumerate(old.kpis)}
    for index, kpi in enumerate(new.kpis):
        if kpi.id not in was:
            continue
        old_index, old_kpi = was[kpi.id]
        if old_kpi.target != kpi.target:
            found.append(Change("kpis", "changed", kpi.id, _("{kpi}: target {old} → {new}").format(
                kpi=kpi.id, old=_target(old_kpi), new=_target(kpi))))
        if old_kpi.baseline != kpi.baseline:
            found.append(Change("kpis", "changed", kpi.id, _("{kpi}: baseline changed").format(
                kpi=kpi.id)))
        found += _movement(progress(old_kpi, old_index, plan_default=plan_period(old)),
                           progress(kpi, index, plan_default=plan_period(new)),
                           new.client.currency)
    return found


def _target(kpi: Any) -> str:
    if kpi.target is None:
        return "—"
    return _("{value} by {date}").format(value=_shown(kpi.target.value),
                                          date=kpi.target.by.isoformat())


def _movement(then: Progress, now: Progress, currency: str) -> list[Change]:
    if now.current is None or (then.current is not None and then.current == now.current):
        return []
    unit = now.spec.unit
    before = value_text(then.current.value, unit, currency) if then.current else "—"
    text = _("{kpi}: {old} → {new} ({date}), {status}").format(
        kpi=now.spec.id, old=before, new=value_text(now.current.value, unit, currency),
        date=now.current.date.isoformat(), status=_status_move(then, now))
    return [Change("kpis", "moved", now.spec.id, text)]


def _status_move(then: Progress, now: Progress) -> str:
    if then.status is now.status:
        return _(STATUS_NAMES[now.status])
    return f"{_(STATUS_NAMES[then.status])} → {_(STATUS_NAMES[now.status])}"


def _segments(old: Plan, new: Plan) -> list[Change]:
    found = _added_removed("segments", old.segments, new.segments, lambda s: s.name)
    was = _by_id(old.segments)
    for segment in new.segments:
        if segment.id in was:
            found += _field_changes("segments", segment.id, was[segment.id], segment, {
                "size": N_("size"), "contactable_pct": N_("contactable share"),
                "revenue_share_pct": N_("revenue share"),
                "long_term_value": N_("long-term value")})
    return found


def _journeys(old: Plan, new: Plan) -> list[Change]:
    found = _added_removed("journeys", old.journeys, new.journeys, lambda j: j.name)
    was = _by_id(old.journeys)
    for journey in new.journeys:
        if journey.id in was:
            found += _journey_changes(was[journey.id], journey)
    return found


def _journey_changes(old: Any, new: Any) -> list[Change]:
    def named(kind: str) -> Callable[[Any], str]:
        return lambda item: _("{kind} {id} in {journey}").format(
            kind=_(kind), id=item.id, journey=new.id)

    found = _added_removed("journeys", old.touchpoints, new.touchpoints, named(N_("touchpoint")))
    pains = _added_removed("journeys", old.pain_points, new.pain_points, named(N_("pain point")))
    found += [c if c.kind == "added" else Change(c.section, "resolved", c.ref, _(
        "resolved: pain point {id} in {journey}").format(id=c.ref, journey=new.id))
        for c in pains]
    found += _added_removed("journeys", old.opportunities, new.opportunities,
                            named(N_("opportunity")))
    was = _by_id(old.opportunities)
    for opportunity in new.opportunities:
        if opportunity.id in was:
            found += _field_changes("journeys", opportunity.id, was[opportunity.id],
                                    opportunity, {"status": N_("status"), "owner": N_("owner")})
    return found


def _campaigns(old: Plan, new: Plan) -> list[Change]:
    found = _added_removed("campaigns", old.campaigns, new.campaigns, lambda c: c.name)
    was = _by_id(old.campaigns)
    for campaign in new.campaigns:
        if campaign.id in was and len(campaign.results) > len(was[campaign.id].results):
            found.append(Change("campaigns", "changed", campaign.id, _(
                "{id}: result recorded on {date}").format(
                    id=campaign.id, date=campaign.results[-1].date.isoformat())))
    return found


def _sops(old: Plan, new: Plan) -> list[Change]:
    found = _added_removed("sops", old.sops, new.sops, lambda s: s.title)
    was = _by_id(old.sops)
    for sop in new.sops:
        if sop.id in was:
            found += _field_changes("sops", sop.id, was[sop.id], sop, {
                "owner": N_("owner"), "last_reviewed": N_("last reviewed"),
                "review_every_months": N_("review every (months)")})
            if was[sop.id].steps != sop.steps:
                found.append(Change("sops", "changed", sop.id, _("{id}: steps rewritten").format(
                    id=sop.id)))
    return found


def _decisions(old: Plan, new: Plan) -> list[Change]:
    found = _added_removed("decisions", old.decisions, new.decisions, lambda d: d.summary)
    was = _by_id(old.decisions)
    for decision in new.decisions:
        if decision.id in was:
            found += _field_changes("decisions", decision.id, was[decision.id], decision,
                                    {"status": N_("status")})
    return found


def _reviews(old: Plan, new: Plan) -> list[Change]:
    before = {r.date for r in old.reviews.log} if old.reviews else set()
    after = new.reviews.log if new.reviews else []
    return [Change("reviews", "added", r.date.isoformat(), _(
        "review held on {date} by {reviewers}").format(
            date=r.date.isoformat(), reviewers=join(r.reviewers) or "—"))
        for r in after if r.date not in before]
