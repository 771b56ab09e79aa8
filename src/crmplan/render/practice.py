"""What the method asks beyond each step's core, from the plan and the segment analysis (the
types are in :mod:`crmplan.render.model.practice`)."""

from __future__ import annotations

import datetime as dt

from crmplan.i18n import _, aside, format_date, join, labelled, ngettext, pgettext
from crmplan.kpi.progress import add_months
from crmplan.method import software_criteria_left_out
from crmplan.names import name as value_name
from crmplan.plan.load import LoadedPlan
from crmplan.render.model.practice import (
    Adjustment,
    CampaignForecast,
    Heard,
    Observation,
    Outside,
    Practice,
    Programme,
    Rewalk,
    SopUpkeep,
    Team,
    Timing,
    WorkingGroup,
)
from crmplan.render.parts import DASH, day_text
from crmplan.segment import labels
from crmplan.segment.views import Analysis


def practice(loaded: LoadedPlan, segments: Analysis, on: dt.date) -> Practice:
    """What the method asks beyond each step's core; an SOP's refresher is judged on
    ``on``, the document's date."""
    plan = loaded.plan
    goals = plan.goals
    engagement = plan.engagement
    return Practice(
        stakeholders=tuple(s.name + aside(s.department) for s in goals.stakeholders)
        if goals else (),
        business_problems=tuple(value_name(p) for p in goals.business_problems) if goals else (),
        qualitative=tuple(Observation(topic=o.topic, observation=o.observation, source=o.source,
                                      as_of=day_text(o.as_of)) for o in plan.qualitative_baseline),
        timing=tuple(Timing(segment=s.name, timing=s.purchase_timing)
                     for s in plan.segments if s.purchase_timing),
        programmes=_programmes(segments), campaigns=_campaigns(segments),
        rewalks=tuple(Rewalk(journey=j.name, last_walked=format_date(j.last_walked)
                             if j.last_walked else DASH) for j in plan.journeys),
        criteria_left_out=tuple(_(c.name) for c in software_criteria_left_out(loaded)),
        team=_team(loaded), adjustments=_adjustments(loaded), heard=_heard(loaded),
        sops=_sops(loaded, on), outside=_outside(loaded),
        no_guarantee=tuple(value_name(p) for p in engagement.excluded_promises)
        if engagement else ())


def _programmes(a: Analysis) -> tuple[Programme, ...]:
    f = labels.Figures(a.currency)
    return tuple(Programme(segment=s.name, text=labels.programme_text(s.programme, f),
                           pays=s.programme.pays) for s in a.segments if s.programme)


def _campaigns(a: Analysis) -> tuple[CampaignForecast, ...]:
    f = labels.Figures(a.currency)
    names = {s.id: s.name for s in a.segments}
    return tuple(CampaignForecast(
        name=c.name, segment=names.get(c.segment, c.segment),
        simulated=labels.simulation_text(c.simulated, f) if c.simulated else DASH,
        results=tuple(labels.result_text(r, f) for r in c.results),
        covers=c.simulated.covers_cost if c.simulated else None) for c in a.campaigns)


def _team(loaded: LoadedPlan) -> Team:
    team = loaded.plan.team
    if team is None:
        return Team(core_team=(), working_groups=(), shared_tools=(), meetings=())
    stages = {s.id: s.name for j in loaded.plan.journeys for s in j.stages}
    return Team(
        core_team=tuple(m.name + aside(m.department) for m in team.core_team),
        working_groups=tuple(WorkingGroup(stage=stages.get(g.stage, g.stage),
                                          lead=g.lead or DASH, members=join(g.members) or DASH)
                             for g in team.working_groups),
        shared_tools=tuple(team.shared_tools),
        meetings=tuple(pgettext("between facts", " · ").join(
            [m.name, *([join(m.departments)] if m.departments else []),
             *([m.frequency] if m.frequency else [])]) for m in team.meetings))


def _adjustments(loaded: LoadedPlan) -> tuple[Adjustment, ...]:
    rollout = loaded.plan.rollout
    return tuple(Adjustment(date=a.date.isoformat(), area=value_name(a.area), change=a.change,
                            reason=a.reason or DASH)
                 for a in (rollout.adjustments if rollout else []))


def _heard(loaded: LoadedPlan) -> tuple[Heard, ...]:
    rollout = loaded.plan.rollout
    return tuple(Heard(channel=c.name, levels=join(map(value_name, c.levels)) or DASH)
                 for c in (rollout.feedback_channels if rollout else []))


def _sops(loaded: LoadedPlan, on: dt.date) -> tuple[SopUpkeep, ...]:
    return tuple(SopUpkeep(title=s.title, visual_aids=tuple(s.visual_aids),
                           location=s.location or DASH,
                           refresher=_refresher(s.last_refresher, s.refresher_every_months),
                           refresher_overdue=bool(
                               s.last_refresher and s.refresher_every_months and add_months(
                                   s.last_refresher, s.refresher_every_months) < on))
                 for s in loaded.plan.sops)


def _refresher(last: dt.date | None, months: int | None) -> str:
    if months is None:
        return DASH
    if last is None:
        return ngettext("every {months} month, none held yet",
                        "every {months} months, none held yet", months).format(months=months)
    return ngettext("last {last}, every {months} month, next {next}",
                    "last {last}, every {months} months, next {next}", months).format(
        last=last.isoformat(), months=months, next=add_months(last, months).isoformat())


def _outside(loaded: LoadedPlan) -> tuple[Outside, ...]:
    log = loaded.plan.reviews.log if loaded.plan.reviews else []
    return tuple(Outside(date=r.date.isoformat(), factors=tuple(
        labelled(value_name(f.kind), f.change + (aside(f.effect) if f.effect else ""))
        for f in r.external_factors)) for r in log if r.external_factors)
