"""``crmplan assess``: what to do first, the maturity stage and readiness, with evidence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from crmplan import output
from crmplan.analysis import PlanAnalysis
from crmplan.assess.engine import Check, Report
from crmplan.assess.report import (
    decided_text,
    history_state,
    judged_text,
    next_text,
    progress_lines,
    split_evidence,
    stage_status,
    status_label,
    to_data,
    to_markdown,
)
from crmplan.i18n import _, aside, join, labelled
from crmplan.plan.language import load_in_language
from crmplan.quoting import shown_path

_STYLE = {"yes": "green", "partly": "yellow", "no": "red", "unknown": "dim"}


def run(path: Path, *, fmt: str, lang: str | None, explain: bool, record: bool,
        day: dt.date | None) -> int:
    """Assess the plan as of ``day`` and print the report; with ``record``, log the decision
    in the plan (dated ``day``, default today). Without ``day`` the plan is judged on the
    day its documents are dated (:func:`~crmplan.render.dates.document_date`), so the score
    and the maturity are those ``crmplan render`` writes."""
    from crmplan.render.dates import document_date

    output.use_format(fmt)
    plan_path, loaded = load_in_language(path, lang)
    if record:
        from crmplan.atomic import check_writable

        check_writable(plan_path)  # before any work
    judged_on = document_date(plan_path, loaded.plan, day)
    report = PlanAnalysis(loaded, judged_on).assessment
    recorded = None
    if record:
        from crmplan.assess.record import record as record_decision

        recorded = record_decision(loaded, plan_path, report, day or dt.date.today())
    if fmt == "json":
        output.print_json(to_data(report, explain))
    elif fmt == "md":
        output.write(to_markdown(report, explain))
    else:
        _print_text(report, explain)
    if recorded:
        output.line(_("Recorded as decision '{id}' in {file}").format(
            id=recorded, file=shown_path(plan_path)),
                    style="green", stderr=fmt != "text")
    return 0


def _print_text(report: Report, explain: bool) -> None:
    r = report.recommendation
    _print_answer(report)
    for check in r.reasons:
        _print_check(check, "  ")
    if r.excluded:
        output.line("  " + _("excluded by a confirmed condition: {options}").format(
            options=join(r.excluded)))
    _print_progress(report)
    output.line()
    output.line(_("Selection criteria, in order:"), style="bold")
    for criterion in report.criteria:
        output.line(f"  {criterion.number}. {_(criterion.title)}")
        for check in criterion.checks:
            _print_check(check, "     ", label=check.fact)
    _print_contradictions(report)
    _print_maturity(report)
    _print_readiness(report)
    _print_list(_("Common failure causes seen in the plan:"),
                [_(f.title) for f in report.failure_causes])
    _print_list(_("Assumptions the plan tests:"),
                [labelled(c.label, status_label(c.status)) for c in report.assumptions])
    if report.findings:
        output.line()
        output.line(_("Findings:"), style="bold")
        output.print_issues(list(report.findings))
    _print_list(_("Verification questions for the pre-consultation:"), list(report.questions))
    _print_list(_("Next steps:"), list(report.next_steps))
    if explain:
        _print_trail(report)


def _print_answer(report: Report) -> None:
    """The answer in force and the decision it rests on, or today's answer as a draft."""
    state, r = report.decision, report.recommendation
    current = state.in_force
    if current is None:
        output.line(_("What to do first (draft): {title}").format(title=_(r.title)),
                    style="bold")
        output.line("  " + _("no decision is recorded yet: record this answer with 'crmplan "
                             "assess --record' once the client agrees"), style="yellow")
        return
    output.line(_("What to do first: {title}").format(title=current.summary), style="bold")
    output.line("  " + decided_text(current) + _("; it rested on:"))
    for at, text in map(split_evidence, current.evidence):
        output.line("    - " + text + (aside(at) if at else ""), style="dim")
    if state.differs:
        output.line("  " + _("today's facts would give another answer: {title}; the decision "
                             "stays in force until 'crmplan assess --record' records a new "
                             "one").format(title=_(r.title)), style="yellow")
    else:
        output.line("  " + _("today's facts give the same answer:"))


def _print_progress(report: Report) -> None:
    state = report.decision
    if state.in_force is None:
        return
    output.line()
    output.line(_("Progress since the decision of {date}:").format(
        date=state.in_force.date.isoformat()), style="bold")
    moved = progress_lines(state, report.stage, report.readiness)
    for line in moved or [_("nothing has moved yet")]:
        output.line("  " + line)
    if next_text(state):
        output.line("  " + next_text(state), style="green")
    for decision in state.history:
        if decision is not state.in_force:
            output.line("  " + _("earlier decision of {date}: {summary}").format(
                date=decision.date.isoformat(), summary=decision.summary)
                + aside(history_state(decision)), style="dim")


def _print_check(check: Check, indent: str, label: str | None = None) -> None:
    name = status_label(check.status)
    output.line(indent + labelled(label or _(check.label), name),
                style=_STYLE[check.status.name.lower()])
    for proof in check.proofs[:3]:
        output.line(f"{indent}  {proof.location}  {proof.text}", style="dim")


def _print_contradictions(report: Report) -> None:
    if not report.contradictions:
        return
    output.line()
    output.line(_("Stated answers the plan contradicts:"), style="bold yellow")
    for fact in report.contradictions:
        output.line("  " + _("{fact}: stated {stated}, the plan shows {shown}").format(
            fact=fact.id, stated=status_label(fact.stated or fact.status),
            shown=status_label(fact.derived or fact.status)))
        for proof in fact.proofs[:3]:
            output.line(f"    {proof.location}  {proof.text}", style="dim")


def _print_maturity(report: Report) -> None:
    output.line()
    output.line(_("CRM maturity: stage {stage} of 4").format(stage=report.stage), style="bold")
    if judged_text(report):
        output.line("  " + (judged_text(report) or ""), style="dim")
    for stage in report.stages:
        reached = stage.number <= report.stage
        note = aside(stage_status(stage, report.stage)) if stage.met and not reached else ""
        output.line(f"  {'✓' if reached else '·'} {stage.number}. {_(stage.name)}" + note,
                    style=None if reached else "dim")
        if stage.number == report.stage + 1:
            for check in stage.checks:
                if not check.met:
                    output.line("      " + _("missing for this stage: {item}").format(
                        item=_(check.label)), style="yellow")


def _print_readiness(report: Report) -> None:
    output.line()
    output.line(_("Journey-management readiness: {score}/100").format(score=report.readiness),
                style="bold")
    for area in report.areas:
        todo = join(_(c.label) for c in area.checks if not c.met)
        output.line(f"  {area.score:>3}  {_(area.name)}" + (f" — {todo}" if todo else ""))


def _print_list(title: str, items: list[str]) -> None:
    if not items:
        return
    output.line()
    output.line(title, style="bold")
    for item in items:
        output.line(f"  - {item}")


def _print_trail(report: Report) -> None:
    output.line()
    output.line(_("Rule trail: every fact and what it rests on"), style="bold")
    for fact in sorted(report.facts.values(), key=lambda f: f.id):
        status = status_label(fact.status)
        if fact.stated is not None:
            status = _("{status} (stated: {answer})").format(
                status=status, answer=status_label(fact.stated))
        output.line("  " + labelled(fact.id, status), style=_STYLE[fact.status.name.lower()])
        for proof in fact.proofs:
            output.line(f"    {proof.location}  {proof.text}", style="dim")
