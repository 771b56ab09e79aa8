"""``assess --record``: keep the recommendation, its evidence and the facts it rests on (the
client's state on the day) in the plan's decision log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from crmplan.assess.engine import Report
from crmplan.assess.report import status_label, status_name
from crmplan.errors import UsageError
from crmplan.i18n import _, labelled
from crmplan.model.base import TEXT_LIMIT
from crmplan.model.governance import DecisionSource, DecisionStatus
from crmplan.plan.edit import EditablePlan
from crmplan.plan.load import LoadedPlan
from crmplan.quoting import shown


def decision_entry(report: Report, day: dt.date, taken: set[str]) -> dict[str, Any]:
    """The decision to append: dated, sourced from assess, with its evidence."""
    ident = f"assess-{day.isoformat()}"
    number = 2
    while ident in taken:
        ident = f"assess-{day.isoformat()}-{number}"
        number += 1
    reasons = report.recommendation.reasons
    return {
        "id": ident,
        "date": day,
        "source": DecisionSource.ASSESS.value,
        "summary": _(report.recommendation.title),
        "rationale": "; ".join(labelled(_(c.label), status_label(c.status)) for c in reasons),
        "answer": report.recommendation.id,
        # a proof quotes the plan: a note of the plan's longest makes a line longer than that
        "evidence": [shown(f"{p.location} {p.text}", TEXT_LIMIT)
                     for c in reasons for p in c.proofs[:3]],
        "facts": {fact.id: status_name(fact.status)
                  for fact in sorted(report.facts.values(), key=lambda f: f.id)},
        "status": DecisionStatus.ACTIVE.value,
    }


def record(loaded: LoadedPlan, path: Path, report: Report, day: dt.date) -> str:
    """Append the decision, mark earlier assess decisions superseded, save atomically."""
    if day > dt.date.today():
        raise UsageError(_("{date} is in the future").format(date=day.isoformat()),
                         _("record a decision once it has been taken"))
    plan = EditablePlan.read(path)
    decisions = loaded.plan.decisions
    entry = decision_entry(report, day, {d.id for d in decisions})
    plan.append_item(("decisions",), entry)
    for index, decision in enumerate(decisions):
        if decision.source is DecisionSource.ASSESS and decision.status is DecisionStatus.ACTIVE:
            plan.set_value(("decisions", index, "status"), DecisionStatus.SUPERSEDED.value)
            plan.set_value(("decisions", index, "superseded_by"), entry["id"])
    plan.save()
    return str(entry["id"])
