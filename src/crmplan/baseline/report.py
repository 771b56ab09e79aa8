"""The baseline report: gap table, SMART check and problem list, as data and as Markdown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from crmplan.baseline.groundwork import groundwork_findings
from crmplan.baseline.problems import PRIORITY_NAMES, Problem, problems
from crmplan.baseline.smart import LETTER_NAMES, SmartCheck
from crmplan.findings import Issue, kept
from crmplan.i18n import _, aside, join, labelled, ngettext
from crmplan.journey.data import JourneyReport
from crmplan.kpi.progress import (
    JUDGED,
    STATUS_NAMES,
    Figure,
    Progress,
    TrackStatus,
    status_words,
)
from crmplan.kpi.values import change_text, figures_size, pace_text, share_text, value_text
from crmplan.markdown import cell, table
from crmplan.model.kpis import PERIOD_NAMES, Definition, Kpi
from crmplan.plan.load import LoadedPlan
from crmplan.plan.source import PlanPath

SCHEMA = "crmplan.baseline/1"


@dataclass(frozen=True)
class BaselineReport:
    """Everything ``crmplan baseline`` shows about one plan."""

    plan: str
    as_of: dt.date
    currency: str
    kpis: tuple[Kpi, ...]
    gaps: tuple[Progress, ...]
    goals: tuple[SmartCheck, ...]
    problems: tuple[Problem, ...]
    locations: dict[PlanPath, str]
    findings: tuple[Issue, ...] = ()  # steps 1 and 2 beyond the SMART check (groundwork)

    def count(self, status: TrackStatus) -> int:
        return sum(1 for g in self.gaps if g.status is status)

    def without(self, ignored: frozenset[str]) -> BaselineReport:
        """The report without the findings of the rules in ``ignored`` (codes): silenced
        SMART tests neither fail their letter nor make a problem."""
        return replace(self, goals=tuple(g.without(ignored) for g in self.goals),
                       problems=tuple(p for p in self.problems if p.code not in ignored),
                       findings=kept(self.findings, ignored))


def baseline_report(loaded: LoadedPlan, as_of: dt.date, gaps: Sequence[Progress],
                    goals: Sequence[SmartCheck], journeys: JourneyReport) -> BaselineReport:
    """The gap table (``gaps``: every KPI's standing on ``as_of``, in plan order), the SMART
    check of every goal and the merged problem list."""
    locations = {f.path: loaded.location(f.path) for g in gaps
                 for f in (g.baseline, g.current) if f is not None}
    return BaselineReport(loaded.name, as_of, loaded.plan.client.currency,
                          tuple(loaded.plan.kpis),
                          tuple(gaps), tuple(goals), tuple(problems(loaded, gaps, goals, journeys)),
                          locations, tuple(groundwork_findings(loaded)))


def where(report: BaselineReport, figure: Figure | None) -> str:
    """``plan.yaml:12:5`` of a baseline or snapshot."""
    return report.locations.get(figure.path, "") if figure else ""


# -- JSON ------------------------------------------------------------------------------------


def to_data(report: BaselineReport) -> dict[str, Any]:
    """The report with stable field names (docs/baseline.md lists them)."""
    return {
        "schema": SCHEMA,
        "plan": report.plan,
        "as_of": report.as_of.isoformat(),
        "currency": report.currency,
        "summary": {status.value: report.count(status) for status in TrackStatus},
        "kpis": [_kpi_data(report, kpi, gap) for kpi, gap in zip(report.kpis, report.gaps,
                                                                   strict=True)],
        "goals": [_goal_data(goal) for goal in report.goals],
        "problems": [_problem_data(p) for p in report.problems],
        "findings": [issue.to_json() for issue in report.findings],
    }


def _kpi_data(report: BaselineReport, kpi: Kpi, gap: Progress) -> dict[str, Any]:
    spec, definition = gap.spec, kpi.definition
    return {
        "id": spec.id, "name": _(spec.name), "catalogue": spec.catalogue,
        "unit": spec.unit.value if spec.unit else None, "direction": spec.direction.value,
        "definition": definition.model_dump(mode="json", exclude_none=True) if definition
        else None,
        "baseline": _figure_data(report, gap.baseline),
        "current": _figure_data(report, gap.current),
        "target": None if gap.target is None else {"value": gap.target,
                                                   "by": _date(gap.deadline)},
        "snapshots": len(kpi.snapshots),
        "gap": _rounded(gap.gap), "relative_gap_pct": _rounded(gap.relative_gap_pct),
        "progress_pct": _rounded(gap.progress_pct),
        "needed_pace_per_month": _rounded(gap.needed_pace),
        "pace_per_month": _rounded(gap.pace), "projected": _rounded(gap.projected),
        "reached": gap.reached,
        "status": gap.status.value,
        "period": gap.spec.period.value,
        "next_figure_due": _date(gap.next_due),
    }


def _rounded(value: float | None) -> float | None:
    """A derived figure to four decimals: 2.7, not 2.6999999999999993."""
    return None if value is None else round(value, 4) + 0.0


def _figure_data(report: BaselineReport, figure: Figure | None) -> dict[str, Any] | None:
    if figure is None:
        return None
    return {"value": figure.value, "date": figure.date.isoformat(), "source": figure.source,
            "location": where(report, figure)}


def _date(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _goal_data(goal: SmartCheck) -> dict[str, Any]:
    return {"id": goal.goal, "statement": goal.statement, "kpi": goal.kpi,
            "target": goal.target, "by": _date(goal.deadline),
            "smart": {letter.value: ok for letter, ok in goal.passed.items()},
            "findings": [f.to_json() for f in goal.findings]}


def _problem_data(problem: Problem) -> dict[str, Any]:
    return {"priority": problem.priority.name.lower(), "kind": problem.kind,
            "ref": problem.ref, "text": problem.text, "location": problem.location,
            "kpis": list(problem.kpis)}


# -- Markdown --------------------------------------------------------------------------------


def to_markdown(report: BaselineReport) -> str:
    """Step 5's gap table, the SMART check and the problem list as GitHub Markdown."""
    title = labelled(_("Baseline and gaps"), report.plan)
    lines = [f"# {cell(title)}", "", as_of_text(report), "", summary_text(report), ""]
    lines += table([_("KPI"), _("baseline"), _("latest"), _("target"), _("gap"), _("achieved"),
                    _("pace needed"), _("pace so far"), _("status")],
                   [gap_row(report, gap) for gap in report.gaps])
    lines += _heading(_("SMART goals"))
    lines += table([_("goal"), *(_(name) for name in LETTER_NAMES.values())],
                   [[g.goal, *("✓" if ok else "✗" for ok in g.passed.values())]
                    for g in report.goals])
    findings = [f for g in report.goals for f in g.findings] + list(report.findings)
    lines += [""] + [f"- {cell(f.location)}: {cell(f.message)} ({cell(f.hint)}) `{f.code}`"
                     for f in findings]
    lines += _heading(_("Problems to solve"))
    lines += table([_("priority"), _("from"), _("problem"), _("where")],
                   [problem_row(p) for p in report.problems])
    return "\n".join(lines).rstrip() + "\n"


def _heading(title: str) -> list[str]:
    return ["", f"## {cell(title)}", ""]


def as_of_text(report: BaselineReport) -> str:
    """``As of 2026-04-30``: the day every KPI is judged on."""
    return _("As of {date}").format(date=report.as_of.isoformat())


def summary_text(report: BaselineReport) -> str:
    """``8 KPIs (on track: 1, at risk: 3, off track: 1, baseline only: 3)``: the three
    judgements always, the other statuses when a KPI has them."""
    counts = join(labelled(_(STATUS_NAMES[s]), str(report.count(s))) for s in TrackStatus
                  if s in JUDGED or report.count(s))
    kpis = ngettext("{n} KPI", "{n} KPIs", len(report.gaps)).format(n=len(report.gaps))
    return _("{kpis} ({counts})").format(kpis=kpis, counts=counts)


def gap_row(report: BaselineReport, gap: Progress) -> list[str]:
    """One KPI's row of the gap table, formatted for the active language."""
    unit, money, size = gap.spec.unit, report.currency, figures_size(gap)
    target = value_text(gap.target, unit, money)
    if gap.deadline:
        target = _("{value} by {date}").format(value=target, date=gap.deadline.isoformat())
    return [gap.spec.id + aside(_(gap.spec.name)), _figure_text(gap.baseline, unit, money),
            _figure_text(gap.current, unit, money), target,
            change_text(gap.gap, unit, money, size), share_text(gap.progress_pct),
            pace_text(gap.needed_pace, unit, money, size), pace_text(gap.pace, unit, money, size),
            status_text(gap)]



def _figure_text(figure: Figure | None, unit: Any, currency: str) -> str:
    if figure is None:
        return "—"
    return _("{value} on {date}").format(value=value_text(figure.value, unit, currency),
                                          date=figure.date.isoformat())


def status_text(gap: Progress) -> str:
    """``on track``, ``on track (target reached)``, ``too early to judge (next figure due
    ...)``: the words every report uses (:func:`~crmplan.kpi.progress.status_words`)."""
    return status_words(gap)


def problem_row(problem: Problem) -> list[str]:
    kind = {"kpi": _("KPI {id}"), "pain_point": _("touchpoint {id}"),
            "goal": _("goal {id}")}[problem.kind]
    return [_(PRIORITY_NAMES[problem.priority]), kind.format(id=problem.ref), problem.text,
            problem.location]


def definition_text(definition: Definition) -> str:
    """What a KPI counts, its ratio, period and source, in one line; each part's own final
    full stop is dropped before the separator."""
    ratio = f"{definition.numerator} / {definition.denominator}" if (
        definition.numerator and definition.denominator) else None
    period = _("per {period}").format(period=_(PERIOD_NAMES[definition.period])) if (
        definition.period) else None
    parts = [definition.counts, ratio, period, definition.source_system]
    return _("; ").join(p.rstrip(".。") for p in parts if p)
