"""``crmplan review record``: log a review in the plan; the rest of the file stays as it is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from crmplan import output
from crmplan.i18n import _
from crmplan.plan.edit import EditablePlan
from crmplan.plan.language import load_in_language
from crmplan.quoting import shown_path
from crmplan.review.record import ReviewEntry, record_review


def run(path: Path, *, fmt: str, lang: str | None, day: dt.date | None, reviewers: list[str],
        findings: list[str], decisions: list[str], actions: list[str],
        supersede: list[str], owners: list[str] | None = None,
        dues: list[dt.date] | None = None) -> int:
    """Log the review of ``day`` (default today), its decisions and its actions (the nth
    with the nth of ``owners`` and ``dues``, when given)."""
    output.use_format(fmt)
    today = dt.date.today()
    entry = ReviewEntry(day or today, reviewers, findings, decisions, actions, supersede,
                        owners or [], dues or [])
    plan_path, loaded = load_in_language(path, lang)
    plan = EditablePlan.read(plan_path)
    logged = record_review(loaded, plan, entry, today)
    output.line(_("Logged the review of {date} in {file}").format(
        date=entry.date.isoformat(), file=shown_path(plan_path)), style="green")
    for ident in logged:
        output.line("  " + _("decision '{id}' added to the decision log").format(id=ident))
    return 0
