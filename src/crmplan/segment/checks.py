"""The checks behind :data:`crmplan.segment.rules.RULES`: each finds the hits of one rule.

A check reads the :class:`~crmplan.segment.views.Analysis` and yields a
:class:`Hit` per occurrence: where in the plan it is, and the values its
rule's message is filled with. Checks never print and never format numbers
for a locale.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from crmplan.plan.source import PlanPath
from crmplan.segment.views import Analysis, CampaignView, Reach, SegmentView

MAX_LISTED = 5  # a finding lists at most this many names, then "and N more"
_METHOD_WITHOUT_CONTROL = "pre_post"


@dataclass(frozen=True)
class Hit:
    """One occurrence of a rule: the plan path it points at and the message's values."""

    path: PlanPath
    values: dict[str, str] = field(default_factory=dict)
    segment: str | None = None


def listed(names: list[str]) -> str:
    """``a, b, c`` or ``a, b, c, d, e (+3)``."""
    shown = ", ".join(names[:MAX_LISTED])
    return shown if len(names) <= MAX_LISTED else f"{shown} (+{len(names) - MAX_LISTED})"


def plain(number: float) -> str:
    """``4`` for a whole number, else the shortest text (``3.5``)."""
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def _segment_hit(segment: SegmentView, **values: str) -> Hit:
    return Hit(("segments", segment.index), {"segment": segment.id, **values}, segment.id)


def _campaign_hit(campaign: CampaignView, *path: str | int, **values: str) -> Hit:
    return Hit(
        ("campaigns", campaign.index, *path), {"campaign": campaign.id, **values}, campaign.segment
    )


# -- step 1 ---------------------------------------------------------------------------


def contactable_unknown(analysis: Analysis) -> Iterator[Hit]:
    for segment in analysis.segments:
        if segment.reach is Reach.UNKNOWN:
            yield _segment_hit(segment)


def not_contactable(analysis: Analysis) -> Iterator[Hit]:
    for segment in analysis.segments:
        if segment.reach is Reach.NONE:
            yield _segment_hit(segment)


def no_segments(analysis: Analysis) -> Iterator[Hit]:
    if not analysis.segments:
        yield Hit(())


# -- the task force -------------------------------------------------------------------


def weights_all_zero(analysis: Analysis) -> Iterator[Hit]:
    if analysis.criteria and not any(c.weight for c in analysis.criteria):
        yield Hit(("task_force", "criteria"))


def no_scores(analysis: Analysis) -> Iterator[Hit]:
    if analysis.segments and not analysis.sheets:
        yield Hit(("task_force",))


def missing_scores(analysis: Analysis) -> Iterator[Hit]:
    if not analysis.sheets:
        return  # reported once, as no_scores
    for index, (member, _name) in enumerate(analysis.members):
        gaps = [m for m in analysis.missing if m.member == member]
        if gaps:
            names = [
                m.segment if m.whole_sheet else f"{m.segment} ({', '.join(m.criteria)})"
                for m in gaps
            ]
            yield Hit(
                ("task_force", "members", index),
                {"member": member, "count": str(len(gaps)), "segments": listed(names)},
            )


def disagreement(analysis: Analysis) -> Iterator[Hit]:
    for ranked in analysis.ranking:
        for score in ranked.criteria:
            spread = score.spread
            # the threshold is above 0: a scale's max is above its min
            if spread is not None and spread >= analysis.disagreement_spread:
                scores = ", ".join(f"{m} {plain(s)}" for m, s in score.scores)
                yield Hit(
                    ("task_force", "scores", ranked.first_sheet or 0),
                    {"criterion": score.criterion, "segment": ranked.segment, "scores": scores},
                    ranked.segment,
                )


# -- the top of the ranking -----------------------------------------------------------


def _leaders(analysis: Analysis) -> list[SegmentView]:
    return [analysis.segment(ident) for ident in analysis.leaders]


def top_tied(analysis: Analysis) -> Iterator[Hit]:
    leaders = _leaders(analysis)
    if len(leaders) > 1:
        yield Hit(("segments", leaders[0].index), {"segments": listed([s.id for s in leaders])})


def top_sensitive(analysis: Analysis) -> Iterator[Hit]:
    sensitivity = analysis.sensitivity
    changes = [
        f"{c.criterion} {c.change_pct:+d}% -> {', '.join(c.leaders)}"
        for c in sensitivity.checks
        if c.changed
    ]
    if changes:
        first = analysis.segment(sensitivity.leaders[0])
        yield _segment_hit(first, step=str(sensitivity.step_pct), changes=listed(changes))


def top_not_targetable(analysis: Analysis) -> Iterator[Hit]:
    for segment in _leaders(analysis):
        if not segment.targetable:
            yield _segment_hit(segment)


def top_without_offer(analysis: Analysis) -> Iterator[Hit]:
    for segment in _leaders(analysis):
        if not segment.offers:
            yield _segment_hit(segment)


def top_is_prospects(analysis: Analysis) -> Iterator[Hit]:
    for segment in _leaders(analysis):
        if segment.existing_customers is False:
            yield _segment_hit(segment)


def top_without_campaign(analysis: Analysis) -> Iterator[Hit]:
    for segment in _leaders(analysis):
        if not segment.campaigns:
            yield _segment_hit(segment)


# -- offers ---------------------------------------------------------------------------


def targeted(analysis: Analysis) -> list[SegmentView]:
    """Segments a campaign aims at, and the top of the ranking, in plan order."""
    leaders = set(analysis.leaders)
    return [s for s in analysis.segments if s.campaigns or s.id in leaders]


def offer_incomplete(analysis: Analysis) -> Iterator[Hit]:
    from crmplan.i18n import _

    words = {
        "payment_terms": _("payment terms"),
        "delivery_or_service_terms": _("delivery or service terms"),
    }
    for segment in targeted(analysis):
        for offer in segment.offers:
            if offer.missing:
                yield Hit(
                    ("segments", segment.index, "offers", offer.index),
                    {
                        "segment": segment.id,
                        "offer": offer.id,
                        "missing": _(" and ").join(words[m] for m in offer.missing),
                    },
                    segment.id,
                )


# -- campaigns ------------------------------------------------------------------------


def conversion_missing(analysis: Analysis) -> Iterator[Hit]:
    for campaign in analysis.campaigns:
        if not campaign.revenue_metric and not campaign.revenue_conversion:
            yield _campaign_hit(campaign, "measurement", metric=campaign.metric)


def return_not_stated(analysis: Analysis) -> Iterator[Hit]:
    from crmplan.i18n import _

    for campaign in analysis.campaigns:
        missing = [
            word
            for value, word in (
                (campaign.cost, _("cost")),
                (campaign.expected_return, _("expected return")),
            )
            if value is None
        ]
        if missing:
            yield _campaign_hit(campaign, missing=_(" and ").join(missing))


def test_does_not_cover_cost(analysis: Analysis) -> Iterator[Hit]:
    for campaign in analysis.campaigns:
        # once a result is measured, result_below_cost judges the measured figures
        if campaign.test and campaign.measured is None and campaign.planned_covers_cost is False:
            yield _campaign_hit(campaign, "expected_return")


def measurement_misses_campaign(analysis: Analysis) -> Iterator[Hit]:
    for c in analysis.campaigns:
        late = c.start is not None and c.measure_start > c.start
        early = c.end is not None and c.measure_end < c.end
        if late or early:
            yield _campaign_hit(
                c,
                "measurement",
                start=_day(c.start),
                end=_day(c.end),
                measure_start=c.measure_start.isoformat(),
                measure_end=c.measure_end.isoformat(),
            )


def _day(day: object) -> str:
    return "…" if day is None else str(day)


def no_control_group(analysis: Analysis) -> Iterator[Hit]:
    for campaign in analysis.campaigns:
        if campaign.method == _METHOD_WITHOUT_CONTROL:
            yield _campaign_hit(campaign, "measurement", "method")


def campaign_without_offer(analysis: Analysis) -> Iterator[Hit]:
    for campaign in analysis.campaigns:
        if campaign.offer is None:
            yield _campaign_hit(campaign, segment=campaign.segment)


def campaign_not_targetable(analysis: Analysis) -> Iterator[Hit]:
    for campaign in analysis.campaigns:
        if not analysis.segment(campaign.segment).targetable:
            yield _campaign_hit(campaign, "segment", segment=campaign.segment)


def result_below_cost(analysis: Analysis) -> Iterator[Hit]:
    for campaign in analysis.campaigns:
        for index, result in enumerate(campaign.results):
            if result.covered is False:
                yield _campaign_hit(campaign, "results", index, date=result.date.isoformat())


# -- the programme, when customers buy, the simulation -----------------------------------------


def segment_too_small(analysis: Analysis) -> Iterator[Hit]:
    for segment in analysis.segments:
        p = segment.programme
        if p is not None and p.pays is False and p.reachable_value is not None:
            yield Hit(
                ("segments", segment.index, "programme_cost"),
                {
                    "segment": segment.id,
                    "value": f"{plain(round(p.reachable_value))} {analysis.currency}",
                    "cost": f"{plain(round(p.cost))} {analysis.currency}",
                },
                segment.id,
            )


def purchase_timing_unknown(analysis: Analysis) -> Iterator[Hit]:
    for segment in targeted(analysis):
        if not segment.purchase_timing:
            yield _segment_hit(segment)


def campaign_not_simulated(analysis: Analysis) -> Iterator[Hit]:
    for campaign in analysis.campaigns:
        if campaign.simulated is None:
            yield _campaign_hit(campaign)
