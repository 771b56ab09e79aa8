"""Every analysis of one plan, each computed at most once, and only when first read.

A command or the render context reads a plan's analyses from one
:class:`PlanAnalysis`, never by calling an analysis itself: the journey map
that the problem list ranks is the journey map the document draws, and every
KPI is judged once, on one day, by one rule (:func:`crmplan.kpi.progress.progress`),
so the baseline, the journey, the review and the documents never disagree
about it. The analyses depend on each other only through this object, in one
direction: KPIs, then goals and journeys, then the baseline's problem list and
the assessment.

Each analysis is imported when it is first read, so a command pays the import of
the analyses it reads only (``crmplan segment`` never imports the assessment).
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import TYPE_CHECKING

from crmplan.kpi.progress import Progress, plan_day, plan_period, progress
from crmplan.plan.load import LoadedPlan

if TYPE_CHECKING:
    from crmplan.assess.engine import Report as Assessment
    from crmplan.baseline.report import BaselineReport
    from crmplan.baseline.smart import SmartCheck
    from crmplan.journey.data import JourneyReport
    from crmplan.review.status import ReviewStatus
    from crmplan.segment.views import SegmentReport
    from crmplan.software import Comparison

__all__ = ["PlanAnalysis"]


class PlanAnalysis:
    """The analyses of ``loaded``, judged on the day ``on`` (default: the plan's latest
    dated entry, :func:`~crmplan.kpi.progress.plan_day`; never today's date)."""

    def __init__(self, loaded: LoadedPlan, on: dt.date | None = None) -> None:
        self.loaded = loaded
        self.on = on if on is not None else plan_day(loaded.plan)

    @cached_property
    def kpis(self) -> tuple[Progress, ...]:
        """Every KPI against its baseline and target on :attr:`on`, in plan order."""
        default = plan_period(self.loaded.plan)
        return tuple(progress(kpi, index, on=self.on, plan_default=default)
                     for index, kpi in enumerate(self.loaded.plan.kpis))

    @cached_property
    def goals(self) -> tuple[SmartCheck, ...]:
        """The SMART check of every goal."""
        from crmplan.baseline.smart import check_goals

        return tuple(check_goals(self.loaded, self.kpis))

    @cached_property
    def journeys(self) -> JourneyReport:
        """Every journey map, with its rankings and coverage gaps."""
        from crmplan.journey.build import build_report

        return build_report(self.loaded, self.kpis)

    @cached_property
    def baseline(self) -> BaselineReport:
        """Step 5: the gap table, the SMART check and the problems the strategy must solve."""
        from crmplan.baseline.report import baseline_report

        return baseline_report(self.loaded, self.on, self.kpis, self.goals, self.journeys)

    @cached_property
    def assessment(self) -> Assessment:
        """What to do first, the CRM maturity stage and the journey readiness."""
        from crmplan.assess.engine import assess

        return assess(self.loaded, [f for j in self.journeys.journeys for f in j.findings],
                      self.on)

    @cached_property
    def segments(self) -> SegmentReport:
        """Segments, the task force's ranking, the priority matrix and campaigns."""
        from crmplan.segment.engine import analyse

        return analyse(self.loaded)

    @cached_property
    def review(self) -> ReviewStatus:
        """The review on :attr:`on`: what is due, what moved, what is overdue."""
        from crmplan.review.status import review_status

        return review_status(self.loaded, self.on, self.kpis)

    @cached_property
    def software(self) -> Comparison | None:
        """The weighted comparison of the CRM software candidates, if the plan has any."""
        from crmplan.software import compare

        software = self.loaded.plan.software
        return compare(software) if software is not None else None
