"""The ten steps of a CRM strategy, and which part of a plan fills each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from crmplan.i18n import N_
from crmplan.model.plan import Plan


@dataclass(frozen=True)
class Step:
    """One step of the strategy: its number, name, plan section and fill test."""

    number: int
    name: str
    section: str
    filled: Callable[[Plan], bool]


def _goals(plan: Plan) -> bool:
    return plan.goals is not None and bool(plan.goals.smart)


def _baseline(plan: Plan) -> bool:
    return any(kpi.baseline is not None for kpi in plan.kpis)


def _segments(plan: Plan) -> bool:
    return bool(plan.segments)


def _journey(plan: Plan) -> bool:
    return any(journey.touchpoints for journey in plan.journeys)


def _gaps(plan: Plan) -> bool:
    return any(kpi.baseline is not None and kpi.target is not None for kpi in plan.kpis)


def _strategy(plan: Plan) -> bool:
    return plan.strategy is not None


def _software(plan: Plan) -> bool:
    return plan.software is not None and bool(plan.software.candidates)


def _rollout(plan: Plan) -> bool:
    return plan.rollout is not None and bool(plan.rollout.phases or plan.rollout.trainings)


def _sops(plan: Plan) -> bool:
    return bool(plan.sops)


def _review(plan: Plan) -> bool:
    return plan.reviews is not None and bool(plan.reviews.log)


TEN_STEPS: tuple[Step, ...] = (
    Step(1, N_("Define goals"), "goals.smart", _goals),
    Step(2, N_("Record the baseline"), "kpis[].baseline", _baseline),
    Step(3, N_("Refine customer segments"), "segments", _segments),
    Step(4, N_("Document the customer journey"), "journeys[].touchpoints", _journey),
    Step(5, N_("Put the pieces together"), "kpis[].baseline + kpis[].target", _gaps),
    Step(6, N_("Create the CRM strategy"), "strategy", _strategy),
    Step(7, N_("Choose the CRM software"), "software.candidates", _software),
    Step(8, N_("Share the strategy and execute"), "rollout", _rollout),
    Step(9, N_("Adjust and write SOPs"), "sops", _sops),
    Step(10, N_("Review and revise"), "reviews.log", _review),
)
