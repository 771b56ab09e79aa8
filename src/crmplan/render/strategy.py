"""Steps 6 to 10 and the activity plan, from the plan's strategy sections (the types are
in :mod:`crmplan.render.model.strategy` and :mod:`crmplan.render.model.operations`)."""

from __future__ import annotations

import datetime as dt

from crmplan.i18n import N_, _, join, ngettext, pgettext, span, times
from crmplan.kpi.progress import add_months
from crmplan.model.activity import RoiEstimate, Sourcing, TeamRole
from crmplan.model.strategy import Costs, PrivacyRegime, SopArea
from crmplan.model.strategy import Sop as PlanSop
from crmplan.names import name as value_name
from crmplan.plan.load import LoadedPlan
from crmplan.render.leads import ACTIVITY_LEAD
from crmplan.render.model.operations import (
    Activity,
    Assignment,
    Communication,
    DecisionInForce,
    FeedbackChannel,
    LoggedAction,
    LoggedReview,
    Phase,
    Reviews,
    Roi,
    Rollout,
    Sop,
    SystemRequirement,
    Training,
)
from crmplan.render.model.strategy import (
    Approach,
    Candidate,
    CandidateDetail,
    Decision,
    Software,
    Strategy,
    SystemInUse,
)
from crmplan.render.model.strategy import Capability as CapabilityRow
from crmplan.render.parts import DASH, day_text, money, parts, period_text, person, todo
from crmplan.review.report import schedule_text
from crmplan.review.status import ReviewStatus, active_decisions, is_overdue
from crmplan.segment.labels import Figures
from crmplan.software import CandidateResult, CapabilityInfo, Comparison

REGIMES = {
    PrivacyRegime.GDPR: N_("GDPR (European Union)"),
    PrivacyRegime.CCPA: N_("CCPA (California)"),
    PrivacyRegime.PIPA: N_("PIPA (Korea's Personal Information Protection Act)"),
    PrivacyRegime.PIPL: N_("PIPL (China's Personal Information Protection Law)"),
    PrivacyRegime.OTHER: N_("other regimes"),
}
SOP_AREAS = {SopArea.DATA_ENTRY: N_("data entry"), SopArea.DATA_UPDATE: N_("data updates"),
             SopArea.REPORTING: N_("reporting"), SopArea.ANALYSIS: N_("analysis"),
             SopArea.SERVICE: N_("service"), SopArea.OTHER: N_("other")}
ROLES = {TeamRole.LEAD: N_("lead"), TeamRole.SUPPORT: N_("supporting"),
         TeamRole.DOWNSTREAM: N_("downstream")}
SOURCING = {Sourcing.BUILD: N_("build"), Sourcing.BUY: N_("buy"),
            Sourcing.OUTSOURCE: N_("outsource")}


def strategy(loaded: LoadedPlan) -> Strategy:
    if loaded.plan.strategy is None:  # step 6's own to-do says it all
        return Strategy(summary=None, data_handling=(), single_customer_view=DASH,
                        regimes=(), privacy=(), approaches=(), resources=(),
                        budget_note=None, executive_buy_in=None, sponsor=None)
    s = loaded.plan.strategy
    d, p, r = s.data_handling, s.privacy, s.resources
    engagement = loaded.plan.engagement
    names = {seg.id: seg.name for seg in loaded.plan.segments}
    # whether the single customer view is built: 구축 완료 / 미구축, 已实现 / 未实现
    view = {True: pgettext("single customer view", "yes"),
            False: pgettext("single customer view", "no"), None: DASH}
    return Strategy(
        summary=s.summary,
        data_handling=parts(loaded, "strategy.data_handling", [
            ("collection", _("Collection"), d.collection if d else None),
            ("storage", _("Storage"), d.storage if d else None),
            ("management", _("Management"), d.management if d else None),
            ("usage", _("Use across departments"), d.usage if d else None),
            ("sharing", _("Sharing"), d.sharing if d else None)]),
        single_customer_view=view[d.single_customer_view if d else None],
        regimes=tuple(_(REGIMES[regime]) for regime in (p.regimes if p else [])),
        privacy=parts(loaded, "strategy.privacy", [
            ("consent", _("Consent"), p.consent if p else None),
            ("retention", _("Retention and deletion"), p.retention if p else None),
            ("security", _("Security"), p.security if p else None),
            ("officer", _("Privacy officer"), p.officer if p else None)]),
        approaches=tuple(Approach(segment=names.get(a.segment, a.segment), approach=a.approach,
                                  channels=join(value_name(c) for c in a.channels) or DASH)
                         for a in s.segment_approaches),
        resources=parts(loaded, "strategy.resources", [
            ("talent", _("Talent"), r.talent if r else None),
            ("time", _("Time"), r.time if r else None),
            ("budget", _("Budget"), money(r.budget, loaded.plan.client.currency)
             if r and r.budget is not None else None)]),
        budget_note=r.budget_note if r else None,
        executive_buy_in=s.executive_buy_in,
        sponsor=person(engagement.executive_sponsor) if engagement else None,
    )


def software(loaded: LoadedPlan, result: Comparison | None) -> Software:
    sw = loaded.plan.software
    systems = systems_in_use(loaded)
    if sw is None or result is None:
        return Software(scale=DASH, capabilities=(), candidates=(), details=(), decision=None,
                        systems=systems)
    f = Figures(loaded.plan.client.currency)
    costs = {c.id: c.costs for c in sw.candidates}
    kept = {s.id: s.name for s in loaded.plan.systems}
    return Software(
        scale=span(str(sw.scale.min), str(sw.scale.max)),
        capabilities=tuple(CapabilityRow(name=_capability_name(c), weight=f.number(c.weight),
                                         required=c.required, built_in=c.built_in)
                           for c in result.capabilities),
        candidates=tuple(_candidate(c, f, costs[c.id], result.capabilities,
                                    kept.get(c.keeps_system or ""))
                         for c in result.candidates),
        details=tuple(CandidateDetail(name=c.name, support=c.support, notes=c.notes,
                                      demo=_("yes") if c.demo_done else _("no"),
                                      trial=_("yes") if c.trial_done else _("no"))
                      for c in sw.candidates),
        decision=None if sw.decision is None else Decision(
            candidate=next((c.name for c in sw.candidates if c.id == sw.decision.candidate),
                           sw.decision.candidate),
            date=sw.decision.date.isoformat(), rationale=sw.decision.rationale),
        systems=systems,
    )


def systems_in_use(loaded: LoadedPlan) -> tuple[SystemInUse, ...]:
    """The systems the client uses today, as the plan records them."""
    flag = {True: _("yes"), False: _("no"), None: DASH}
    return tuple(SystemInUse(
        name=s.name, kind=value_name(s.kind), holds=s.holds or DASH,
        users=join(s.users) or DASH, integrates=flag[s.integrates],
        grows=value_name(s.grows_with_business) if s.grows_with_business else DASH,
        note=s.note) for s in loaded.plan.systems)


def _capability_name(capability: CapabilityInfo) -> str:
    return _(capability.name) if capability.default else capability.name


def _candidate(c: CandidateResult, f: Figures, costs: Costs | None,
               capabilities: tuple[CapabilityInfo, ...], keeps: str | None) -> Candidate:
    return Candidate(
        name=c.name, vendor=c.vendor or DASH,
        scores=tuple(DASH if s is None else f.number(s) for s in c.scores),
        total=f.number(c.total), max_total=f.number(c.max_total),
        share=f.pct(c.share_pct), share_pct=round(c.share_pct, 1),
        rank=str(c.rank) if c.rank else DASH, excluded=c.excluded,
        missing=join(next(_capability_name(k) for k in capabilities if k.id == m)
                     for m in c.missing_required),
        first_year=f.money(c.first_year_cost), licence=f.money(_licence(costs)),
        cost_note=_cost_note(costs), chosen=c.chosen, keeps=keeps)


def _licence(costs: Costs | None) -> float | None:
    return costs.license_per_year if costs else None


def _cost_note(costs: Costs | None) -> str | None:
    return costs.note if costs else None


def rollout(loaded: LoadedPlan) -> Rollout:
    r = loaded.plan.rollout
    if r is None:
        return Rollout(phases=(), trainings=(), feedback=())
    return Rollout(
        phases=tuple(Phase(number=n, department=p.department,
                           period=period_text(p.start, p.end) or DASH, scope=p.scope,
                           benefits=tuple(p.benefits)) for n, p in enumerate(r.phases, 1)),
        trainings=tuple(Training(audience=t.audience, topic=t.topic, date=day_text(t.date),
                                 owner=t.owner or DASH) for t in r.trainings),
        feedback=tuple(FeedbackChannel(name=c.name, frequency=c.frequency or DASH,
                                       owner=c.owner or DASH) for c in r.feedback_channels),
    )


def sops(loaded: LoadedPlan, on: dt.date) -> tuple[Sop, ...]:
    """Step 9's SOPs; a review is overdue when its date is past on ``on``, the document's
    date (the rule of ``crmplan review``)."""
    return tuple(_sop(s, add_months(s.last_reviewed, s.review_every_months)
                      if s.last_reviewed else None, on) for s in loaded.plan.sops)


def _sop(s: PlanSop, due: dt.date | None, on: dt.date) -> Sop:
    return Sop(title=s.title, area=_(SOP_AREAS[s.area]), owner=s.owner or DASH,
               steps=tuple(s.steps), last_reviewed=day_text(s.last_reviewed),
               next_review=day_text(due),
               every=ngettext("every {months} month", "every {months} months",
                              s.review_every_months).format(months=s.review_every_months),
               review_overdue=due is not None and due < on)


def reviews(loaded: LoadedPlan, status: ReviewStatus) -> Reviews:
    log = loaded.plan.reviews.log if loaded.plan.reviews else []
    return Reviews(
        schedule=schedule_text(status),
        log=tuple(LoggedReview(
            date=r.date.isoformat(), reviewers=join(r.reviewers) or DASH,
            findings=tuple(r.findings), decisions=tuple(r.decisions),
            actions=tuple(LoggedAction(text=a.text, owner=a.owner or DASH, due=day_text(a.due),
                                       status=value_name(a.status),
                                       overdue=is_overdue(a, status.as_of)) for a in r.actions))
            for r in log),
        decisions=tuple(DecisionInForce(date=d.date.isoformat(), summary=d.summary,
                                        rationale=d.rationale, evidence=tuple(d.evidence))
                        for d in active_decisions(status.decisions)),
    )


def activity(loaded: LoadedPlan) -> Activity:
    """Seed 003's activity plan, part by part; a missing part is a to-do."""
    a = loaded.plan.activity_plan
    if a is None:
        return Activity(todo=todo(loaded, "activity_plan"), omitted=False, lead=_(ACTIVITY_LEAD),
                        organization=(), measurement_loop=None, communication=(),
                        response_model=(), systems=(), change=(), roi=None, data=())
    names = {s.id: s.name for s in loaded.plan.segments}
    rm, cm, dm = a.response_model, a.change_management, a.data_management
    return Activity(
        todo=None, omitted=False, lead=_(ACTIVITY_LEAD),
        organization=tuple(Assignment(who=o.who, what=o.what, by=day_text(o.by),
                                      role=_(ROLES[o.role])) for o in a.organization),
        measurement_loop=a.measurement_loop,
        communication=tuple(Communication(
            segment=names.get(c.segment or "", DASH), channel=value_name(c.channel),
            message=c.message, script=c.script or DASH, creative=c.creative or DASH)
            for c in a.communication),
        response_model=parts(loaded, "activity_plan.response_model", [
            ("contact", _("Contact"), rm.contact if rm else None),
            ("transaction", _("Transaction"), rm.transaction if rm else None),
            ("delivery", _("Delivery"), rm.delivery if rm else None),
            ("service", _("Service"), rm.service if rm else None),
            ("continued_contact", _("Continued contact"), rm.continued_contact if rm
             else None)]),
        systems=tuple(SystemRequirement(
            requirement=s.requirement, sourcing=_(SOURCING[s.sourcing]) if s.sourcing else DASH,
            notes=s.notes or DASH) for s in a.system_requirements),
        change=parts(loaded, "activity_plan.change_management", [
            ("training", _("Training"), cm.training if cm else None),
            ("migration", _("Migration"), cm.migration if cm else None),
            ("change_agents", _("Change agents"), join(cm.change_agents) if cm and
             cm.change_agents else None)]),
        roi=_roi(a.roi_estimate, loaded.plan.client.currency),
        data=parts(loaded, "activity_plan.data_management", [
            ("cleaning", _("Cleaning old data"), dm.cleaning if dm else None),
            ("acquisition", _("Acquiring new data"), dm.acquisition if dm else None),
            ("accuracy", _("Keeping it accurate"), dm.accuracy if dm else None)]),
    )


def _roi(roi: RoiEstimate | None, currency: str) -> Roi | None:
    if roi is None:
        return None
    return Roi(
        horizon=_("{years} years").format(years=roi.horizon_years)
        if roi.horizon_years else DASH,
        investment=money(roi.investment, currency),
        expected_return=money(roi.expected_return, currency),
        multiple=times(f"{roi.expected_return / roi.investment:.1f}") if (
            roi.investment and roi.expected_return is not None) else DASH,
        assumptions=tuple(roi.assumptions), tracking=roi.tracking)
