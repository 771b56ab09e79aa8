"""An assessment as plain data (the stable JSON fields) and as Markdown."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from crmplan.assess.decision import PILLARS, DecisionState, Movement, Recorded
from crmplan.assess.engine import Check, Report, StageResult
from crmplan.assess.facts import Proof, Status
from crmplan.assess.rules import FACT_LABELS
from crmplan.i18n import _, aside, join, labelled, sentence
from crmplan.markdown import cell, table

SCHEMA = "crmplan.assess/1"


def status_name(status: Status) -> str:
    """``yes``, ``partly``, ``no`` or ``unknown``."""
    return status.name.lower()


def status_label(status: Status) -> str:
    """The status in the active language."""
    return {Status.YES: _("yes"), Status.PARTLY: _("partly"), Status.NO: _("no"),
            Status.UNKNOWN: _("unknown")}[status]


def to_data(report: Report, explain: bool = False) -> dict[str, Any]:
    """The report with stable field names; ``explain`` adds every fact."""
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "plan": report.plan,
        "judged_on": report.judged_on.isoformat() if report.judged_on else None,
        "recommendation": {
            "id": report.recommendation.id,
            "title": _(report.recommendation.title),
            "reasons": [_check(c) for c in report.recommendation.reasons],
            "excluded_options": list(report.recommendation.excluded),
        },
        "selection_criteria": [
            {"number": c.number, "title": _(c.title), "checks": [_check(k) for k in c.checks]}
            for c in report.criteria],
        "contradictions": [
            {"fact": f.id, "stated": status_name(f.stated or Status.UNKNOWN),
             "plan_shows": status_name(f.derived or Status.UNKNOWN),
             "evidence": [_proof(p) for p in f.proofs]} for f in report.contradictions],
        "maturity": {
            "stage": report.stage,
            "stages": [{"number": s.number, "name": _(s.name), "met": s.met,
                        "reached": s.number <= report.stage,
                        "status": stage_status(s, report.stage),
                        "checks": [_check(c) for c in s.checks]} for s in report.stages],
        },
        "readiness": {
            "overall": report.readiness,
            "areas": [{"id": a.id, "name": _(a.name), "score": a.score,
                       "checks": [_check(c) for c in a.checks]} for a in report.areas],
        },
        "failure_causes": [{"id": f.id, "title": _(f.title),
                            "evidence": [_proof(p) for p in f.proofs]}
                           for f in report.failure_causes],
        "verification_questions": list(report.questions),
        "next_steps": list(report.next_steps),
        "decision": decision_data(report.decision),
        "assumptions": [_check(c) for c in report.assumptions],
        "findings": [issue.to_json() for issue in report.findings],
    }
    if explain:
        data["facts"] = {
            fact.id: {"status": status_name(fact.status),
                      "stated": None if fact.stated is None else status_name(fact.stated),
                      "evidence": [_proof(p) for p in fact.proofs]}
            for fact in sorted(report.facts.values(), key=lambda f: f.id)}
    return data


def decision_data(state: DecisionState) -> dict[str, Any]:
    """The answer in force and the progress since, with stable field names."""
    current = state.in_force
    return {
        "state": "draft" if state.draft else "recorded",
        "in_force": _recorded(current) if current else None,
        "today": state.today,
        "differs": state.differs,
        "progress": [{"fact": m.fact, "label": fact_label(m.fact), "then": status_name(m.then),
                      "now": status_name(m.now)} for m in state.progress],
        "done": _(state.done) if state.done else None,
        "next_step": _(state.next_step) if state.next_step else None,
        "stage_then": state.stage_then,
        "readiness_then": state.readiness_then,
        "history": [_recorded(d) for d in state.history],
    }


def _recorded(decision: Recorded) -> dict[str, Any]:
    return {"id": decision.id, "date": decision.date.isoformat(), "answer": decision.answer,
            "summary": decision.summary, "rationale": decision.rationale,
            "evidence": list(decision.evidence), "active": decision.active,
            "superseded_by": decision.superseded_by,
            "facts": {fact: status_name(status) for fact, status in decision.facts.items()}}


# -- sentences shared by the text, the memo and the deliverables ---------------------------

_LOCATED = re.compile(r"^(\S+:\d+:\d+) (.+)$", re.DOTALL)


def split_evidence(text: str) -> tuple[str | None, str]:
    """A recorded evidence line as (``file:line:col`` or None, what it says)."""
    found = _LOCATED.match(text)
    return (found.group(1), found.group(2)) if found else (None, text)


_STATED = re.compile(r"^assessment\.([a-z_]+): (yes|partly|no|unknown|fast|moderate|slow)\b(.*)$",
                     re.DOTALL)
_SPOKEN = {"yes": Status.YES, "partly": Status.PARTLY, "no": Status.NO, "unknown": Status.UNKNOWN}


def plain_evidence(text: str) -> str:
    """A recorded evidence line as a client reads it: without its plan location, and a stated
    answer (``assessment.touchpoints_organized: no (...)``) in words of the language."""
    text = split_evidence(text)[1]
    found = _STATED.match(text)
    if found is None:
        return text
    name, answer, rest = found.groups()
    said = status_label(_SPOKEN[answer]) if answer in _SPOKEN else _(answer)
    return labelled(fact_label(name), said) + rest


def fact_label(fact: str) -> str:
    """What a fact is about, in the active language (its id when it has no label)."""
    return _(FACT_LABELS[fact]) if fact in FACT_LABELS else fact


def movement_text(movement: Movement, day: str) -> str:
    """``touchpoints organized: partly at the decision on 2026-03-12, yes now``; ``day`` is
    the decision's date as the reader's text writes it."""
    return labelled(fact_label(movement.fact), _(
        "{then} at the decision on {date}, {now} now").format(
            then=status_label(movement.then), date=day, now=status_label(movement.now)))


def short_movement_text(movement: Movement) -> str:
    """``KPI baselines: no → partly``, for a list headed by the decision's date."""
    return labelled(fact_label(movement.fact), _("{then} → {now}").format(
        then=status_label(movement.then), now=status_label(movement.now)))


def progress_lines(state: DecisionState, stage: int, readiness: int, every_fact: bool = True,
                   day_text: Callable[[dt.date], str] = dt.date.isoformat) -> list[str]:
    """Every line of the progress since the decision in force: the pillars that moved, the
    maturity stage and readiness, then (with ``every_fact``) the other facts that moved.
    ``day_text`` writes the decision's date: ISO in a report, as the prose around it in a
    document (2025년 7월 31일)."""
    if state.in_force is None:
        return []
    if not state.in_force.facts:
        return [_("the decision was recorded without the client's facts of the day, so the "
                  "progress since is not measured")]
    day = day_text(state.in_force.date)
    lines = [movement_text(m, day) for m in state.progress if m.fact in PILLARS]
    if state.stage_then is not None and state.stage_then != stage:
        lines.append(_("CRM maturity: stage {then} at the decision on {date}, stage {now} "
                       "now").format(then=state.stage_then, date=day, now=stage))
    if state.readiness_then is not None and state.readiness_then != readiness:
        lines.append(_("journey-management readiness: {then}/100 at the decision on {date}, "
                       "{now}/100 now").format(then=state.readiness_then,
                                               date=day, now=readiness))
    if not every_fact:
        return lines
    return lines + [short_movement_text(m) for m in state.progress if m.fact not in PILLARS]


def next_text(state: DecisionState) -> str:
    """``The journey-first work is done. Next: ...`` (or only the next step)."""
    step = _("Next: {step}").format(step=_(state.next_step)) if state.next_step else ""
    if state.done:
        return _("{done}. {next}").format(done=_(state.done), next=step) if step else _(
            state.done)
    return step


def decided_text(decision: Recorded) -> str:
    """``decided on 2025-07-31 (decision 'dec_journey_first'), in force``."""
    return _("decided on {date} (decision '{id}'), in force").format(
        date=decision.date.isoformat(), id=decision.id)


def _check(check: Check) -> dict[str, Any]:
    return {"label": _(check.label), "fact": check.fact, "status": status_name(check.status),
            "met": check.met, "evidence": [_proof(p) for p in check.proofs]}


def _proof(proof: Proof) -> dict[str, str]:
    return {"location": proof.location, "text": proof.text}


def to_markdown(report: Report, explain: bool = False) -> str:
    """The assessment memo as GitHub-flavoured Markdown."""
    r = report.recommendation
    title = labelled(_("Assessment"), cell(report.plan))
    lines = [f"# {title}", "", *_answer_md(report)]
    lines += ["- " + labelled(cell(_(c.label)), f"**{status_label(c.status)}**")
              + aside(cell(_evidence_text(c.proofs))) for c in r.reasons]
    if r.excluded:
        lines.append("- " + _("excluded by a confirmed condition: {options}").format(
            options=join(r.excluded)))
    lines += _progress_md(report)
    lines += _heading(_("Selection criteria"))
    for criterion in report.criteria:
        lines.append(f"{criterion.number}. " + labelled(cell(_(criterion.title)), _("; ").join(
            f"{c.fact} **{status_label(c.status)}**" for c in criterion.checks)))
    if report.contradictions:
        lines += _heading(_("Contradictions"))
        lines += ["- " + labelled(f.id, _("stated {stated}, the plan shows {shown}").format(
            stated=status_label(f.stated or Status.UNKNOWN),
            shown=status_label(f.derived or Status.UNKNOWN))) for f in report.contradictions]
    lines += _maturity_md(report) + _readiness_md(report)
    lines += _list_md(_("Common failure causes"), [_(f.title) for f in report.failure_causes])
    lines += _list_md(_("Assumptions the plan tests"), [
        labelled(c.label, status_label(c.status)) for c in report.assumptions])
    lines += _list_md(_("Findings"), [f"{i.location} {i.message} `{i.code}`"
                                      for i in report.findings])
    lines += _list_md(_("Verification questions"), list(report.questions))
    lines += _list_md(_("Next steps"), list(report.next_steps))
    if explain:
        lines += _heading(_("Rule trail"))
        lines += table([_("fact"), _("status"), _("evidence")], [
            [f.id, status_label(f.status), _evidence_text(f.proofs)]
            for f in sorted(report.facts.values(), key=lambda f: f.id)])
    return "\n".join(lines).rstrip() + "\n"


def _answer_md(report: Report) -> list[str]:
    """The answer in force with its decision and recorded evidence, or today's draft."""
    state, r = report.decision, report.recommendation
    current = state.in_force
    if current is None:
        return [f"## {cell(_(r.title))}", "", "_" + cell(_(
            "Draft: no decision is recorded yet; record it with 'crmplan assess --record' once "
            "the client agrees.")) + "_", ""]
    lines = [f"## {cell(current.summary)}", "", cell(sentence(decided_text(current))), ""]
    lines += ["- " + cell(text) + (f" `{cell(at)}`" if at else "")
              for at, text in map(split_evidence, current.evidence)]
    today = _("Today's facts give the same answer.") if not state.differs else _(
        "Today's facts would give another answer: {title}. The decision stays in force until "
        "a new one is recorded.").format(title=_(r.title))
    return [*lines, "", "**" + cell(today) + "**", ""]


def _progress_md(report: Report) -> list[str]:
    state = report.decision
    if state.in_force is None:
        return []
    lines = _heading(_("Progress since the decision"))
    moved = progress_lines(state, report.stage, report.readiness)
    lines += [f"- {cell(line)}" for line in moved] or [cell(_("Nothing has moved yet."))]
    step = next_text(state)
    lines += ["", cell(step)] if step else []
    earlier = [d for d in state.history if d is not state.in_force]
    if earlier:
        lines += ["", "**" + cell(_("Earlier decisions")) + "**", ""]
        lines += [f"- {d.date.isoformat()} {cell(d.summary)}" + aside(cell(history_state(d)))
                  for d in earlier]
    return lines


def history_state(decision: Recorded) -> str:
    """``superseded by 'assess-2026-09-01'``, or ``in force``."""
    if decision.active:
        return _("in force")
    if decision.superseded_by:
        return _("superseded by '{id}'").format(id=decision.superseded_by)
    return _("superseded")


def stage_status(stage: StageResult, reached: int) -> str:
    """How a reader sees ``stage`` when the client has reached stage ``reached``: met, not
    yet, or its needs met but not reached, since a stage is reached only once every stage
    below it is."""
    if stage.number <= reached:
        return _("met")
    if stage.met:
        return _("needs met, not reached: stage {first} comes first").format(first=reached + 1)
    return _("not yet")


def judged_text(report: Report) -> str | None:
    """Which day the maturity and the readiness hold on, for a reader comparing reports."""
    if report.judged_on is None:
        return None
    return _("judged as of {date}, the date the plan's documents carry").format(
        date=report.judged_on.isoformat())


def _maturity_md(report: Report) -> list[str]:
    lines = _heading(_("CRM maturity: stage {stage} of 4").format(stage=report.stage))
    if judged_text(report):
        lines += [f"_{judged_text(report)}_", ""]
    rows = [[str(s.number), _(s.name), stage_status(s, report.stage),
             join(_(c.label) for c in s.checks if not c.met)] for s in report.stages]
    return lines + table([_("stage"), _("name"), _("status"), _("missing")], rows)


def _readiness_md(report: Report) -> list[str]:
    title = _("Journey-management readiness: {score}/100").format(score=report.readiness)
    lines = _heading(title)
    rows = [[_(a.name), str(a.score), join(_(c.label) for c in a.checks if not c.met)]
            for a in report.areas]
    return lines + table([_("area"), _("score"), _("to do")], rows)


def _list_md(title: str, items: list[str]) -> list[str]:
    if not items:
        return []
    return [*_heading(title), *[f"- {cell(item)}" for item in items]]


def _heading(title: str) -> list[str]:
    return ["", f"## {cell(title)}", ""]


def _evidence_text(proofs: tuple[Proof, ...]) -> str:
    return _("; ").join(f"{p.location} {p.text}" for p in proofs[:3]) or _("no evidence")
