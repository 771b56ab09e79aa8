"""``review record``: log a review, its decisions and actions, with the round-trip writer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from crmplan.errors import UsageError
from crmplan.i18n import _, format_number
from crmplan.model.base import NAME_LIMIT, TEXT_LIMIT
from crmplan.model.governance import DecisionSource, DecisionStatus
from crmplan.plan.edit import EditablePlan
from crmplan.plan.load import LoadedPlan
from crmplan.plan.reader import FORBIDDEN_CHARACTERS
from crmplan.quoting import shown

# what the plan holds of each option's values: a reviewer is a name, the rest are texts
_LIMITS = {"reviewers": NAME_LIMIT, "findings": TEXT_LIMIT, "decisions": TEXT_LIMIT,
           "actions": TEXT_LIMIT, "owners": NAME_LIMIT}


@dataclass(frozen=True)
class ReviewEntry:
    """What the user says of a review."""

    date: dt.date
    reviewers: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    supersede: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)  # the nth action's owner
    dues: list[dt.date] = field(default_factory=list)  # the nth action's due date


def record_review(loaded: LoadedPlan, plan: EditablePlan, entry: ReviewEntry,
                  today: dt.date) -> list[str]:
    """Append the review (and its decisions to the decision log); return the new decision ids."""
    _check(loaded, entry, today)
    decision_ids = _decision_ids(loaded, entry)
    if loaded.plan.reviews is None:  # the plan's first review: its section too
        plan.set_value(("reviews",), {"log": [review_item(entry)]})
    else:
        plan.append_item(("reviews", "log"), review_item(entry))
    for ident, text in zip(decision_ids, entry.decisions, strict=True):
        plan.append_item(("decisions",), _decision(ident, entry.date, text))
    index = {d.id: i for i, d in enumerate(loaded.plan.decisions)}
    for ident in entry.supersede:
        plan.set_value(("decisions", index[ident], "status"), DecisionStatus.SUPERSEDED.value)
        plan.set_value(("decisions", index[ident], "superseded_by"), decision_ids[0])
    plan.save()
    return decision_ids


def review_item(entry: ReviewEntry) -> dict[str, Any]:
    """The entry under ``reviews.log``: date, reviewers, findings, decisions, actions."""
    item: dict[str, Any] = {"date": entry.date}
    for key in ("reviewers", "findings", "decisions"):
        if getattr(entry, key):
            item[key] = list(getattr(entry, key))
    if entry.actions:
        stamp = entry.date.strftime("%Y_%m_%d")
        item["actions"] = [_action(f"a_{stamp}_{n}", text, entry, n - 1)
                           for n, text in enumerate(entry.actions, 1)]
    return item


def _action(ident: str, text: str, entry: ReviewEntry, index: int) -> dict[str, Any]:
    """An action as logged: id, text, its owner and due date when given, open."""
    action: dict[str, Any] = {"id": ident, "text": text}
    if entry.owners:
        action["owner"] = entry.owners[index]
    if entry.dues:
        action["due"] = entry.dues[index]
    action["status"] = "open"
    return action


def _decision(ident: str, day: dt.date, text: str) -> dict[str, Any]:
    return {"id": ident, "date": day, "source": DecisionSource.REVIEW.value, "summary": text,
            "status": DecisionStatus.ACTIVE.value}


def _decision_ids(loaded: LoadedPlan, entry: ReviewEntry) -> list[str]:
    taken = {d.id for d in loaded.plan.decisions}
    found: list[str] = []
    number = 1
    while len(found) < len(entry.decisions):
        ident = f"review-{entry.date.isoformat()}" + (f"-{number}" if number > 1 else "")
        if ident not in taken:
            found.append(ident)
        number += 1
    return found


def _check(loaded: LoadedPlan, entry: ReviewEntry, today: dt.date) -> None:
    if entry.date > today:
        raise UsageError(_("{date} is in the future").format(date=entry.date.isoformat()),
                         _("log a review once it has been held"))
    logged = {r.date for r in loaded.plan.reviews.log} if loaded.plan.reviews else set()
    if entry.date in logged:
        raise UsageError(_("a review on {date} is already logged").format(
            date=entry.date.isoformat()), _("edit that entry in the plan itself"))
    if not (entry.reviewers or entry.findings or entry.decisions or entry.actions):
        raise UsageError(_("a review needs at least one reviewer, finding, decision or action"),
                         _("add --reviewers, --findings, --decisions or --actions"))
    for key, limit in _LIMITS.items():
        for text in getattr(entry, key):
            _check_text("--" + key.rstrip("s") if key == "owners" else "--" + key, text, limit)
    _check_pairs(entry)
    _check_supersede(loaded, entry)


def _check_pairs(entry: ReviewEntry) -> None:
    """``--owner`` and ``--due`` go with the ``--actions`` in the order given: one each per
    action, or none."""
    for option, given in (("--owner", entry.owners), ("--due", entry.dues)):
        if given and len(given) != len(entry.actions):
            raise UsageError(_("{count} {option} for {actions} --actions").format(
                count=len(given), option=option, actions=len(entry.actions)), _(
                "give one {option} per action, in the order of --actions").format(
                option=option))


def _check_text(option: str, text: str, limit: int) -> None:
    """A value the plan can hold: some text, no longer than ``limit``, no control character."""
    if not text.strip():
        raise UsageError(_("{option}: a value holds no text").format(option=option),
                         _("give each {option} some text, or leave it out").format(option=option))
    if len(text) > limit:
        raise UsageError(_("{option}: a value of {count} characters is longer than the {limit} "
                           "a plan holds").format(option=option, count=format_number(
                               len(text), digits=0), limit=format_number(limit, digits=0)),
                         _("shorten it, or keep the full text in a document the plan names"))
    bad = FORBIDDEN_CHARACTERS.search(text)
    if bad:
        raise UsageError(_("{option}: a value holds the control character U+{code:04X}").format(
            option=option, code=ord(bad.group())), _("write it as plain text; line breaks are "
                                                     "fine"))


def _check_supersede(loaded: LoadedPlan, entry: ReviewEntry) -> None:
    if entry.supersede and not entry.decisions:
        raise UsageError(_("a superseded decision needs the decision that replaces it"),
                         _("add the new decision with --decisions"))
    active = {d.id for d in loaded.plan.decisions if d.status is DecisionStatus.ACTIVE}
    known = {d.id for d in loaded.plan.decisions}
    for ident in entry.supersede:
        if ident not in known:
            raise UsageError(_("unknown decision '{id}'").format(id=shown(ident)),
                             _("known: {ids}").format(ids=", ".join(sorted(known)) or "—"))
        if ident not in active:
            raise UsageError(_("decision '{id}' is already superseded").format(id=ident))
