"""What a review checks beyond the figures: the SOPs' refresher training, feedback from every
level of users, adjustments after launch, the outside world, and journeys re-walked.

Each check returns findings of a rule of :mod:`crmplan.rules`, judged on the review's day.
"""

from __future__ import annotations

import datetime as dt

from crmplan import rules
from crmplan.findings import Issue
from crmplan.i18n import _, join, ngettext
from crmplan.kpi.progress import add_months, walked_in_time  # as the review's schedule counts
from crmplan.model.governance import ExternalFactor, ExternalKind, Review
from crmplan.model.strategy import UserLevel
from crmplan.names import name as value_name
from crmplan.plan.load import LoadedPlan

DEFAULT_CADENCE_MONTHS = 6
# the changes outside the client every review weighs (the ten steps, step 10)
OUTSIDE = (ExternalKind.TECHNOLOGY, ExternalKind.CUSTOMER_EXPECTATIONS, ExternalKind.MARKET)


def upkeep_findings(loaded: LoadedPlan, as_of: dt.date) -> list[Issue]:
    """Every finding of this module, in the plan's order of sections."""
    return [*_journeys(loaded, as_of), *_feedback(loaded), *_adjustments(loaded, as_of),
            *_refreshers(loaded, as_of), *_outside(loaded, as_of)]


def last_review(loaded: LoadedPlan, as_of: dt.date) -> tuple[int, Review] | None:
    """The latest review held on or before ``as_of``, with its index in the log."""
    log = loaded.plan.reviews.log if loaded.plan.reviews else []
    held = [(i, r) for i, r in enumerate(log) if r.date <= as_of]
    return max(held, key=lambda pair: pair[1].date) if held else None


def outside_factors(loaded: LoadedPlan, as_of: dt.date) -> tuple[ExternalFactor, ...]:
    """The changes outside the client the last review weighed."""
    last = last_review(loaded, as_of)
    return tuple(last[1].external_factors) if last else ()


def _journeys(loaded: LoadedPlan, as_of: dt.date) -> list[Issue]:
    reviews = loaded.plan.reviews
    months = reviews.cadence_months if reviews else DEFAULT_CADENCE_MONTHS
    found = []
    for index, journey in enumerate(loaded.plan.journeys):
        if journey.last_walked is None:
            found.append(loaded.finding(rules.JOURNEY_NOT_REWALKED, ("journeys", index), _(
                "journey '{id}' does not say when it was last re-walked").format(id=journey.id),
                _("walk it again with the people who run it, and set 'last_walked:'")))
        elif not walked_in_time(journey.last_walked, as_of, months):
            found.append(loaded.finding(
                rules.JOURNEY_NOT_REWALKED, ("journeys", index, "last_walked"), ngettext(
                    "journey '{id}' was last re-walked on {date}, more than {months} month ago",
                    "journey '{id}' was last re-walked on {date}, more than {months} months "
                    "ago", months).format(id=journey.id, date=journey.last_walked.isoformat(),
                                  months=months),
                _("walk it again with the people who run it, and set 'last_walked:'")))
    return found


def _feedback(loaded: LoadedPlan) -> list[Issue]:
    rollout = loaded.plan.rollout
    if rollout is None:
        return []
    heard = {level for channel in rollout.feedback_channels for level in channel.levels}
    missing = [level for level in UserLevel if level not in heard]
    if not missing:
        return []
    return [loaded.finding(rules.FEEDBACK_LEVEL_MISSING, ("rollout", "feedback_channels"), _(
        "no feedback channel hears {levels}").format(levels=join(map(value_name, missing))),
        _("give a channel the levels it hears: 'levels: [frontline, manager, executive]'"))]


def _adjustments(loaded: LoadedPlan, as_of: dt.date) -> list[Issue]:
    rollout = loaded.plan.rollout
    if rollout is None:
        return []
    # the first phase to have ended (the earlier in the plan on a tie)
    ended = min(((p.end, i) for i, p in enumerate(rollout.phases) if p.end and p.end < as_of),
                default=None)
    if ended is None:
        return []
    end, index = ended
    phase = rollout.phases[index]
    since = phase.start or end
    if any(a.date >= since for a in rollout.adjustments):
        return []
    return [loaded.finding(rules.NO_ADJUSTMENT_AFTER_LAUNCH, ("rollout", "phases", index), _(
        "rollout phase '{id}' ended on {end} and no adjustment to workflows, data fields or "
        "reports is recorded since its launch").format(id=phase.id, end=end.isoformat()),
        _("record what was changed after launch, and why, under rollout.adjustments"))]


def _refreshers(loaded: LoadedPlan, as_of: dt.date) -> list[Issue]:
    found = []
    for index, sop in enumerate(loaded.plan.sops):
        if sop.refresher_every_months is None:
            continue
        if sop.last_refresher is None:
            found.append(loaded.finding(rules.SOP_REFRESHER_OVERDUE, ("sops", index), _(
                "SOP '{id}' has no refresher training on record").format(id=sop.id),
                _("hold one and set 'last_refresher:'")))
            continue
        due = add_months(sop.last_refresher, sop.refresher_every_months)
        if due < as_of:
            found.append(loaded.finding(
                rules.SOP_REFRESHER_OVERDUE, ("sops", index, "last_refresher"), _(
                    "SOP '{id}': refresher training was due on {due}").format(
                        id=sop.id, due=due.isoformat()),
                _("hold one and set 'last_refresher:'")))
    return found


def _outside(loaded: LoadedPlan, as_of: dt.date) -> list[Issue]:
    last = last_review(loaded, as_of)
    if last is None:
        return []
    index, review = last
    weighed = {f.kind for f in review.external_factors}
    missing = [kind for kind in OUTSIDE if kind not in weighed]
    if not missing:
        return []
    return [loaded.finding(rules.EXTERNAL_FACTORS_NOT_REVIEWED, ("reviews", "log", index), _(
        "the review of {date} weighed no change in {kinds}").format(
            date=review.date.isoformat(), kinds=join(map(value_name, missing))),
        _("record what changed outside the client under the review's 'external_factors:'"))]
