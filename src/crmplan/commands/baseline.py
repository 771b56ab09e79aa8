"""``crmplan baseline``: every KPI against its target, the SMART check, the problems to solve."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from crmplan import output
from crmplan.analysis import PlanAnalysis
from crmplan.baseline.report import (
    BaselineReport,
    as_of_text,
    definition_text,
    gap_row,
    problem_row,
    status_text,
    summary_text,
    to_data,
    to_markdown,
    where,
)
from crmplan.baseline.smart import LETTER_NAMES
from crmplan.i18n import _, aside, format_percent, labelled
from crmplan.kpi.progress import Progress
from crmplan.kpi.values import change_text, figures_size, value_text
from crmplan.model.kpis import Kpi
from crmplan.plan.language import load_in_language

_STYLE = {"on_track": "green", "at_risk": "yellow", "off_track": "red"}  # the others: dim


def run(path: Path, *, fmt: str, lang: str | None, strict: bool,
        as_of: dt.date | None = None) -> int:
    """Print the baseline report, every KPI judged on ``as_of`` (default: the plan's latest
    date); 1 under ``strict`` when a goal fails the SMART check."""
    output.use_format(fmt)
    _path, loaded = load_in_language(path, lang)
    report = PlanAnalysis(loaded, as_of).baseline.without(loaded.ignored)
    if fmt == "json":
        output.print_json(to_data(report))
    elif fmt == "md":
        output.write(to_markdown(report))
    else:
        _print_text(report)
    failed = any(not goal.is_smart for goal in report.goals)
    return 1 if strict and failed else 0


def _print_text(report: BaselineReport) -> None:
    output.line(labelled(_("Baseline and gaps"), report.plan), style="bold")
    output.line(as_of_text(report))
    output.line(summary_text(report))
    for kpi, gap in zip(report.kpis, report.gaps, strict=True):
        _print_kpi(report, kpi, gap)
    _print_goals(report)
    if report.findings:
        output.line()
        output.print_issues(list(report.findings))
    _print_problems(report)


def _print_kpi(report: BaselineReport, kpi: Kpi, gap: Progress) -> None:
    row = gap_row(report, gap)
    output.line()
    output.line(labelled(row[0], status_text(gap)),
                style="bold " + _STYLE.get(gap.status.value, "dim"))
    if kpi.definition:
        _field(_("definition"), definition_text(kpi.definition))
    if gap.current is None:
        _field(_("baseline"), _("not recorded yet"))
    latest = gap.current if gap.current is not gap.baseline else None
    for label, figure in ((_("baseline"), gap.baseline), (_("latest"), latest)):
        if figure:
            text = _("{value} on {date}").format(
                value=value_text(figure.value, gap.spec.unit, report.currency),
                date=figure.date.isoformat())
            source = aside(figure.source, after=text) if figure.source else ""
            _field(label, text + source + "  " + where(report, figure))
    _field(_("target"), row[3])
    if gap.gap is not None:
        _field(_("gap"), _gap_text(report, gap))
    if gap.needed_pace is not None or gap.pace is not None:
        _field(_("pace"), _pace_text(report, gap, row))


def _field(label: str, text: str) -> None:
    output.line(f"  {output.padded(label, 12)} {text}")


def _gap_text(report: BaselineReport, gap: Progress) -> str:
    text = change_text(gap.gap, gap.spec.unit, report.currency, figures_size(gap))
    if gap.relative_gap_pct is not None:
        sign = "+" if gap.relative_gap_pct > 0 else ""
        text += aside(sign + format_percent(gap.relative_gap_pct))
    if gap.progress_pct is not None:
        text += _("; ") + _("{share} of the planned move done").format(
            share=format_percent(gap.progress_pct, digits=0))
    return text


def _pace_text(report: BaselineReport, gap: Progress, row: list[str]) -> str:
    text = _("needed {needed}, so far {pace}").format(needed=row[6], pace=row[7])
    if gap.projected is not None:
        text += _("; ") + _("projected {value} at the deadline").format(
            value=value_text(gap.projected, gap.spec.unit, report.currency))
    return text


def _print_goals(report: BaselineReport) -> None:
    if not report.goals:
        return
    output.line()
    output.line(_("SMART goals:"), style="bold")
    for goal in report.goals:
        letters = " ".join(letter.value if ok else "·" for letter, ok in goal.passed.items())
        output.line(f"  {letters}  {goal.goal}: {goal.statement}",
                    style=None if goal.is_smart else "yellow")
    output.print_issues([f for goal in report.goals for f in goal.findings])
    output.line("  " + "  ".join(f"{letter.value} = {_(name)}"
                                 for letter, name in LETTER_NAMES.items()), style="dim")


def _print_problems(report: BaselineReport) -> None:
    if not report.problems:
        return
    output.line()
    output.line(_("Problems to solve, most urgent first:"), style="bold")
    for number, problem in enumerate(report.problems, 1):
        priority, source, text, location = problem_row(problem)
        output.line(f"  {number:>2}. [{priority}] {labelled(source, text)}")
        output.line(f"      {location}", style="dim")
