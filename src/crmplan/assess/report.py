"""An assessment as plain data (the stable JSON fields) and as Markdown."""

from __future__ import annotations

from typing import Any

from crmplan.assess.engine import Check, Report
from crmplan.assess.facts import Proof, Status
from crmplan.i18n import _, aside, join, labelled
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
    }
    if explain:
        data["facts"] = {
            fact.id: {"status": status_name(fact.status),
                      "stated": None if fact.stated is None else status_name(fact.stated),
                      "evidence": [_proof(p) for p in fact.proofs]}
            for fact in sorted(report.facts.values(), key=lambda f: f.id)}
    return data


def _check(check: Check) -> dict[str, Any]:
    return {"label": _(check.label), "fact": check.fact, "status": status_name(check.status),
            "met": check.met, "evidence": [_proof(p) for p in check.proofs]}


def _proof(proof: Proof) -> dict[str, str]:
    return {"location": proof.location, "text": proof.text}


def to_markdown(report: Report, explain: bool = False) -> str:
    """The assessment memo as GitHub-flavoured Markdown."""
    r = report.recommendation
    title = labelled(_("Assessment"), cell(report.plan))
    lines = [f"# {title}", "", f"## {cell(_(r.title))}", ""]
    lines += ["- " + labelled(cell(_(c.label)), f"**{status_label(c.status)}**")
              + aside(cell(_evidence_text(c.proofs))) for c in r.reasons]
    if r.excluded:
        lines.append("- " + _("excluded by a confirmed condition: {options}").format(
            options=join(r.excluded)))
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
    lines += _list_md(_("Verification questions"), list(report.questions))
    lines += _list_md(_("Next steps"), list(report.next_steps))
    if explain:
        lines += _heading(_("Rule trail"))
        lines += table([_("fact"), _("status"), _("evidence")], [
            [f.id, status_label(f.status), _evidence_text(f.proofs)]
            for f in sorted(report.facts.values(), key=lambda f: f.id)])
    return "\n".join(lines).rstrip() + "\n"


def _maturity_md(report: Report) -> list[str]:
    lines = _heading(_("CRM maturity: stage {stage} of 4").format(stage=report.stage))
    rows = [[str(s.number), _(s.name), _("met") if s.met else _("not yet"),
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
