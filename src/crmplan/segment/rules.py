"""Every rule of ``crmplan segment``, as data: read this file to know how it concludes.

The method is the implementation method of ``seeds/003_aa3ebdc9c46cd8f6.txt``:
check per segment whether customers can be contacted one by one, estimate
each segment's long-term value, let a task force score the priority factors
member by member, develop an offer (product, payment, delivery and service
terms) for the chosen segment, and plan no campaign whose effect is not
measured.

- :data:`DEFAULT_WEIGHTS`: weights of the default criteria (the criteria
  themselves are :data:`crmplan.model.defaults.DEFAULT_CRITERIA`);
- :data:`TIE_DIGITS`, :data:`SENSITIVITY_STEP_PCT`, :data:`DISAGREEMENT_SHARE`:
  how ties, the sensitivity check and disagreement are decided;
- :data:`AXES` and :data:`QUADRANTS`: the priority matrix;
- :data:`RULES`: every finding, with its rule (code, name and severity in
  :mod:`crmplan.rules`), message and hint; each names the check in
  :mod:`crmplan.segment.checks` that finds it.

docs/segment.md explains each rule in plain words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from crmplan import rules as registry
from crmplan.findings import Rule
from crmplan.i18n import N_
from crmplan.segment import checks
from crmplan.segment.views import Analysis

# The method names short-term profitability as the aim of matching offers to
# segments (a test campaign that covers its own cost); the other factors are
# "other considerations", so they weigh half as much until the plan says otherwise.
DEFAULT_WEIGHTS: dict[str, float] = {"short_term_profit": 2.0}
OTHER_DEFAULT_WEIGHT = 1.0

TIE_DIGITS = 9  # totals equal to this many decimals are ties (float sums differ at 1e-15)
SENSITIVITY_STEP_PCT = 10  # each weight moves by +10% and -10%, one at a time
DISAGREEMENT_SHARE = 0.5  # members disagree when their spread is half the scale's width


@dataclass(frozen=True)
class Axis:
    """An axis of the priority matrix and what feeds it.

    ``criteria``: task-force criteria (by id) whose mean scores, weighted by the
    criteria's weights and scaled to 0-1 on the scale, make one component;
    ``figures``: plan figures that make one component each (see
    :data:`crmplan.segment.matrix.FIGURES`). An axis is the plain mean of the
    components a segment has.
    """

    id: str
    label: str
    low: str
    high: str
    criteria: tuple[str, ...]
    figures: tuple[str, ...]


AXES: tuple[Axis, ...] = (
    Axis("ease", N_("Ease of execution"), N_("Hard to execute"), N_("Easy to execute"),
         ("speed", "data_availability"), ("contactable_share",)),
    Axis("value", N_("Value"), N_("Low value"), N_("High value"),
         ("short_term_profit", "long_term_value"),
         ("revenue_share", "segment_long_term_value")),
)
MIDPOINT = 0.5  # a coordinate at the midpoint counts as high


@dataclass(frozen=True)
class Quadrant:
    """A quadrant of the matrix: Mermaid's number (1 top right, counter-clockwise)."""

    id: str
    number: int
    easy: bool
    valuable: bool
    label: str


QUADRANTS: tuple[Quadrant, ...] = (
    Quadrant("attack_first", 1, True, True, N_("Attack first")),
    Quadrant("prepare", 2, False, True, N_("Prepare, then attack")),
    Quadrant("later", 3, False, False, N_("Later")),
    Quadrant("quick_test", 4, True, False, N_("Quick tests")),
)


@dataclass(frozen=True)
class RuleCheck:
    """A finding: when ``check`` returns hits, each becomes one finding of ``rule``.

    ``message`` and ``hint`` are templates filled with the hit's values.
    """

    rule: Rule
    message: str
    hint: str
    check: Callable[[Analysis], Iterable[checks.Hit]]


RULES: tuple[RuleCheck, ...] = (
    # -- step 1: can the segment be reached one by one? ------------------------------
    RuleCheck(registry.CONTACTABLE_UNKNOWN,
        N_("segment '{segment}' is not targetable yet: its contactable share is not stated"),
        N_("check how many of its customers can be contacted individually and write "
           "contactable_pct"), checks.contactable_unknown),
    RuleCheck(registry.NOT_CONTACTABLE,
        N_("segment '{segment}' is not targetable: none of its customers can be contacted "
           "individually"),
        N_("collect contact data first, or leave the segment out of the ranking"),
        checks.not_contactable),
    # -- the task force ---------------------------------------------------------------
    RuleCheck(registry.WEIGHTS_ALL_ZERO,
        N_("every criterion weighs 0, so the ranking cannot tell segments apart"),
        N_("give the criteria that matter a weight above 0"), checks.weights_all_zero),
    RuleCheck(registry.NO_SCORES, N_("the task force has not scored any segment yet"),
        N_("record scores with: crmplan segment score SEGMENT --member ID criterion=score"),
        checks.no_scores),
    RuleCheck(registry.MISSING_SCORES,
        N_("member '{member}' has not scored {count} segment(s) in full: {segments}"),
        N_("totals use the mean of the members who scored; complete the sheets to rank "
           "on the whole task force"), checks.missing_scores),
    RuleCheck(registry.DISAGREEMENT,
        N_("members disagree on '{criterion}' for segment '{segment}': {scores}"),
        N_("discuss the reasons before the ranking is final"), checks.disagreement),
    # -- the top of the ranking -------------------------------------------------------
    RuleCheck(registry.TOP_TIED, N_("the top of the ranking is a tie: {segments}"),
        N_("the task force has to choose; the report lists tied segments in plan order"),
        checks.top_tied),
    RuleCheck(registry.TOP_SENSITIVE,
        N_("the top changes when a weight moves by {step}%: {changes}"),
        N_("the lead is narrow; confirm the weights before choosing"), checks.top_sensitive),
    RuleCheck(registry.TOP_NOT_TARGETABLE,
        N_("top-ranked segment '{segment}' cannot be contacted individually yet"),
        N_("a campaign needs customers it can reach one by one"), checks.top_not_targetable),
    RuleCheck(registry.TOP_WITHOUT_OFFER, N_("top-ranked segment '{segment}' has no offer"),
        N_("develop an offer for it: the product, payment terms, delivery and service terms"),
        checks.top_without_offer),
    RuleCheck(registry.TOP_IS_PROSPECTS,
        N_("top-ranked segment '{segment}' is prospects, not existing customers"),
        N_("existing customers are usually cheaper to reach and richer in data; state why "
           "acquisition comes first"), checks.top_is_prospects),
    RuleCheck(registry.TOP_WITHOUT_CAMPAIGN,
        N_("top-ranked segment '{segment}' has no campaign yet"),
        N_("plan a test campaign that covers its own cost, with its measurement"),
        checks.top_without_campaign),
    # -- offers -----------------------------------------------------------------------
    RuleCheck(registry.OFFER_INCOMPLETE,
        N_("offer '{offer}' of targeted segment '{segment}' names no {missing}"),
        N_("an offer is more than the product: state payment terms and delivery or "
           "service terms"), checks.offer_incomplete),
    # -- campaigns --------------------------------------------------------------------
    RuleCheck(registry.CONVERSION_MISSING,
        N_("campaign '{campaign}' measures '{metric}', not revenue, and states no revenue "
           "conversion"),
        N_("write measurement.revenue_conversion: how one unit of the metric turns into "
           "revenue (and value_per_unit)"), checks.conversion_missing),
    RuleCheck(registry.RETURN_NOT_STATED,
        N_("campaign '{campaign}' states no {missing}, so nobody can tell whether it covers "
           "its cost"), N_("write the planned cost and the expected return"),
        checks.return_not_stated),
    RuleCheck(registry.TEST_DOES_NOT_COVER_COST,
        N_("test campaign '{campaign}' is expected to return less than it costs"),
        N_("a test campaign should cover its own cost: change the offer, the cost or the "
           "segment"), checks.test_does_not_cover_cost),
    RuleCheck(registry.MEASUREMENT_MISSES_CAMPAIGN,
        N_("campaign '{campaign}' runs {start} to {end}, but its effect is measured only "
           "{measure_start} to {measure_end}"),
        N_("measure over the whole campaign"), checks.measurement_misses_campaign),
    RuleCheck(registry.NO_CONTROL_GROUP,
        N_("campaign '{campaign}' is measured before and after, without a group left "
           "untouched"),
        N_("a holdout or a matched comparison group separates the campaign's effect from "
           "the season's"), checks.no_control_group),
    RuleCheck(registry.CAMPAIGN_WITHOUT_OFFER,
        N_("campaign '{campaign}' names no offer of segment '{segment}'"),
        N_("name the offer the campaign carries (campaigns[].offer)"),
        checks.campaign_without_offer),
    RuleCheck(registry.CAMPAIGN_NOT_TARGETABLE,
        N_("campaign '{campaign}' targets segment '{segment}', which cannot be contacted "
           "individually"), N_("check the segment's contact data first"),
        checks.campaign_not_targetable),
    RuleCheck(registry.RESULT_BELOW_COST,
        N_("campaign '{campaign}' returned less than it cost in the result of {date}"),
        N_("feed what was learned into the next plan"), checks.result_below_cost),
    RuleCheck(registry.NO_SEGMENTS, N_("the plan has no segments yet"),
        N_("add segments with their size, contactable share and value"),
        checks.no_segments),
    # -- the programme, when customers buy, the simulation ----------------------------
    RuleCheck(registry.SEGMENT_TOO_SMALL,
        N_("segment '{segment}' is too small for its programme: its reachable customers are "
           "worth {value}, the programme costs {cost} a year"),
        N_("cut the programme's cost, widen the segment, or merge it with another"),
        checks.segment_too_small),
    RuleCheck(registry.PURCHASE_TIMING_UNKNOWN,
        N_("targeted segment '{segment}' does not say when its customers buy"),
        N_("write purchase_timing: the season, cycle or event that brings them to buy"),
        checks.purchase_timing_unknown),
    RuleCheck(registry.CAMPAIGN_NOT_SIMULATED,
        N_("campaign '{campaign}' has no simulation of its measurement"),
        N_("simulate it before it runs: write simulation.response_rate_pct and "
           "conversion_rate_pct (the segment's size and the offer's price do the rest)"),
        checks.campaign_not_simulated),
)
