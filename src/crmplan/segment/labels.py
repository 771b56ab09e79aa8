"""Words and figures of a segment report for people, in the active language and locale.

Shared by the Markdown report and the terminal report, so that both say the
same thing the same way. JSON carries raw numbers instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from crmplan.i18n import _, format_money, format_number, format_percent, join, ngettext, span
from crmplan.segment.economics import Programme, Simulated
from crmplan.segment.lift import CONFIDENCE, Lift
from crmplan.segment.rules import AXES, QUADRANTS
from crmplan.segment.views import (
    Analysis,
    CampaignView,
    CriterionInfo,
    CriterionScore,
    OfferView,
    Ranked,
    Reach,
    ResultView,
    SegmentView,
)

DASH = "–"


def half_up(value: float, digits: int) -> float:
    """``value`` rounded half up at ``digits`` decimals, as its shortest text reads it.

    ``0.825`` is stored as 0.82499999...; people (and the matrix chart) expect 0.83.
    """
    step = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP))


SCORE_DIGITS = 1  # 30.1 and 3.8, never 30.125 beside 3.77: one precision for every score


@dataclass(frozen=True)
class Figures:
    """Formats the report's figures: money in the plan's currency, numbers per locale."""

    currency: str

    def money(self, value: float | None) -> str:
        return DASH if value is None else format_money(value, self.currency)

    def pct(self, value: float | None) -> str:
        return DASH if value is None else format_percent(value)

    def number(self, value: float | None, digits: int = 2) -> str:
        return DASH if value is None else format_number(half_up(value, digits), digits=digits)

    def score(self, value: float | None) -> str:
        """A task-force score, total or mean, with the one decimal a reader compares on."""
        return self.number(value, SCORE_DIGITS)

    def count(self, value: int | None) -> str:
        return DASH if value is None else format_number(value, digits=0)


def criterion_name(criterion: CriterionInfo) -> str:
    """The plan's own name, or the default criterion's name translated."""
    return _(criterion.name) if criterion.default else criterion.name


def reach_label(segment: SegmentView) -> str:
    return {Reach.CONTACTABLE: _("yes"), Reach.UNKNOWN: _("not yet: share unknown"),
            Reach.NONE: _("no: nobody contactable")}[segment.reach]


def yes_no(value: bool | None) -> str:
    return DASH if value is None else _("yes") if value else _("no")


def rank_label(ranked: Ranked) -> str:
    """``1``, ``=2`` for a tie, or a dash for a segment nobody scored."""
    if ranked.rank is None:
        return DASH
    return f"={ranked.rank}" if ranked.tied else str(ranked.rank)


def total_cell(ranked: Ranked, figures: Figures) -> str:
    """The total with one decimal; ``*`` marks a rescaled, incomplete total."""
    text = figures.score(ranked.total)
    return text + "*" if ranked.total is not None and not ranked.complete else text


def incomplete_legend(analysis: Analysis) -> str | None:
    if all(r.complete or r.total is None for r in analysis.ranking):
        return None
    return _("* a criterion nobody scored: the total is the weighted mean of the scored "
             "criteria times all the weights")


def members_cell(ranked: Ranked, analysis: Analysis) -> str:
    return f"{ranked.members}/{len(analysis.members)}"


def score_cell(score: CriterionScore, figures: Figures) -> str:
    """``4.3 (3-5)``: the members' mean and their lowest and highest score."""
    if score.mean is None:
        return DASH
    if score.low == score.high:
        return figures.score(score.mean)
    return f"{figures.score(score.mean)} ({figures.score(score.low)}-" \
           f"{figures.score(score.high)})"


def offer_terms(offer: OfferView) -> list[tuple[str, str]]:
    return [(_("product"), offer.product),
            (_("payment terms"), offer.payment_terms or DASH),
            (_("delivery terms"), offer.delivery_terms or DASH),
            (_("service terms"), offer.service_terms or DASH)]


def method_label(method: str) -> str:
    return {"holdout": _("holdout group"), "ab_test": _("A/B test"),
            "matched_comparison": _("matched comparison group"),
            "pre_post": _("before and after")}.get(method, method)


def quadrant_label(quadrant: str) -> str:
    return next(_(q.label) for q in QUADRANTS if q.id == quadrant)


def axis_sources(analysis: Analysis) -> list[tuple[str, str]]:
    """Per axis, what feeds it in this plan: criteria names and plan figures."""
    figure_names = {"contactable_share": _("contactable share"),
                    "revenue_share": _("revenue share"),
                    "segment_long_term_value": _("segment long-term value")}
    found = []
    for axis in AXES:
        names = [criterion_name(c) for c in analysis.criteria if c.axis == axis.id]
        names += [figure_names[f] for f in axis.figures]
        found.append((_(axis.label), join(names)))
    return found


def ranking_basis(analysis: Analysis) -> str:
    """How the ranking was made: the scale, who scored, and what a total is."""
    members, sheets = len(analysis.members), analysis.sheets
    return _("Scale {low}-{high}; {members}, {sheets}. A total is the weighted sum of the mean "
             "score of the members who scored each criterion.").format(
        low=analysis.scale[0], high=analysis.scale[1],
        members=ngettext("{n} member", "{n} members", members).format(n=members),
        sheets=ngettext("{n} score sheet", "{n} score sheets", sheets).format(n=sheets))


def sensitivity_summary(analysis: Analysis, by_name: bool = False) -> str:
    """One sentence: does the top hold when any weight moves by the step? ``by_name`` names
    the segments at the top, else their ids."""
    s = analysis.sensitivity
    if not s.leaders:
        return _("No ranking yet, so nothing to test.")
    top = ", ".join(analysis.segment(i).name if by_name else i for i in s.leaders)
    if s.stable:
        return _("Moving any weight by {step}%, up or down, keeps {top} at the top.").format(
            step=s.step_pct, top=top)
    return _("The top ({top}) changes when a weight moves by {step}%.").format(
        step=s.step_pct, top=top)


def campaign_period(campaign: CampaignView) -> str:
    return span(campaign.measure_start.isoformat(), campaign.measure_end.isoformat())


def counts_line(errors: int, warnings: int, notes: int) -> str:
    """``1 error, 2 warnings, 0 notes`` in the active language."""
    return _("{errors}, {warnings}, {notes}").format(
        errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
        warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
        notes=ngettext("{n} note", "{n} notes", notes).format(n=notes))


# -- the programme and the simulation ----------------------------------------------------------


def programme_text(p: Programme, f: Figures) -> str:
    """``programme 9,000,000 a year: 1,200 reachable customers worth 54,000,000; 200 of them
    cover it``, or why it cannot be told."""
    if p.reachable is None or p.value_per_customer is None:
        return _("programme {cost} a year: its size or value per customer is not known").format(
            cost=f.money(p.cost))
    text = _("programme {cost} a year: {reachable} reachable customers worth {value}; "
             "{even} of them cover it").format(
        cost=f.money(p.cost), reachable=f.count(p.reachable), value=f.money(p.reachable_value),
        even=f.count(p.break_even))
    return text if p.pays else _("{text}: too small for its programme").format(text=text)


def simulation_text(s: Simulated, f: Figures) -> str:
    """``simulated: 1,200 contacted, 96 respond, 24 buy, revenue 7,200,000 against a cost of
    3,000,000``."""
    return _("simulated: {audience} contacted, {responses} respond, {conversions} buy, "
             "revenue {revenue} against a cost of {cost}").format(
        audience=f.count(s.audience), responses=f.number(s.responses, 0),
        conversions=f.number(s.conversions, 0), revenue=f.money(s.revenue),
        cost=f.money(s.cost))


def result_text(r: ResultView, f: Figures, decision: bool = True) -> str:
    """``result of 2026-03-31: 38.5% against 31% in the comparison group, lift +7.5 points
    (95% confidence interval +0.9 to +14 points, p = 0.026); 102 responded, 31 bought;
    revenue 9,300,000, cost 2,800,000, ROI 232.1%; decided: ...`` (the decision left out
    without ``decision``, for a document that shows it apart)."""
    parts = [part for part in (lift_text(r, f), _reached(r, f), roi_text(r, f)) if part]
    if r.decision and decision:
        parts.append(_("decided: {decision}").format(decision=r.decision))
    return _("result of {date}: {parts}").format(date=r.date.isoformat(),
                                                 parts=_("; ").join(parts) or DASH)


def lift_text(r: ResultView, f: Figures) -> str:
    """The measured metric in both groups and the lift, with its uncertainty when known."""
    if r.treated is None or r.comparison is None or r.uplift is None:
        return ""
    if r.lift is None and not r.rate:
        shown = f.money if r.money else f.number
        difference = shown(r.uplift)
        return _("{treated} against {comparison} in the comparison group, a difference of "
                 "{lift}").format(treated=shown(r.treated), comparison=shown(r.comparison),
                                  lift=difference if r.uplift < 0 else "+" + difference)
    if r.lift is None:
        return _("{treated} against {comparison} in the comparison group, a difference of "
                 "{lift} points (the groups' sizes are not recorded, so its uncertainty is "
                 "unknown)").format(treated=f.pct(r.treated), comparison=f.pct(
                     r.comparison), lift=signed(r.uplift, f))
    lift = r.lift
    return _("{treated} of {n_treated} against {comparison} of {n_comparison} in the "
             "comparison group, lift {lift} points ({level} confidence interval {low} to "
             "{high} points, {test})").format(level=f.pct(CONFIDENCE * 100),
        treated=f.pct(lift.treated_pct), n_treated=f.count(lift.treated_size),
        comparison=f.pct(lift.comparison_pct), n_comparison=f.count(lift.comparison_size),
        lift=signed(lift.points, f), low=signed(lift.low, f), high=signed(lift.high, f),
        test=_significance(lift, f))


def _significance(lift: Lift, f: Figures) -> str:
    """The test and its verdict, or only that there is no test: no verdict without one."""
    if lift.p_value is None:
        return _("too few customers for a significance test")
    if lift.p_value < 0.001:
        test = _("p < {p}").format(p=f.number(0.001, 3))
    else:
        test = _("p = {p}").format(p=f.number(lift.p_value, 3))
    verdict = _("significant") if lift.significant else _("not significant")
    return _("{test}: {verdict}").format(test=test, verdict=verdict)


def _reached(r: ResultView, f: Figures) -> str:
    if r.responses is None and r.conversions is None:
        return ""
    return _("{responses} responded, {conversions} bought").format(
        responses=f.count(r.responses), conversions=f.count(r.conversions))


def roi_text(r: ResultView, f: Figures) -> str:
    """``revenue 9,300,000, cost 2,800,000, ROI 232.1%`` on the measured figures."""
    if r.revenue is None and r.cost is None:
        return ""
    return _("revenue {revenue}, cost {cost}, ROI {roi}").format(
        revenue=f.money(r.revenue), cost=f.money(r.cost), roi=f.pct(r.roi_pct))


def covers_text(c: CampaignView) -> str:
    """Whether the campaign covers its cost, and on which figures."""
    if c.measured is not None:
        return (_("covers its cost on the measured figures") if c.measured.covered
                else _("does not cover its cost on the measured figures"))
    return {True: _("covers its cost"), False: _("does not cover its cost"),
            None: _("cannot tell whether it covers its cost")}[c.planned_covers_cost]


def signed(value: float, f: Figures) -> str:
    """``+7.5``, ``-0.3``, ``0``: a change with its sign."""
    text = f.number(value, 1)
    return text if text.startswith(("-", "−")) or half_up(value, 1) == 0 else "+" + text


