"""The decision in force: what ``assess --record`` logged, and the progress since.

The first question of an engagement is answered about the client as found. Once
``crmplan assess --record`` has logged a decision, that decision is the answer in force:
the facts recorded with it are the client's starting state, and the plan's facts of
today are compared with them as the loop's progress. Today's facts may give another
answer (the journey-first work is done, say); the decision stays in force until a new one
is recorded, which supersedes it and keeps it in the history.

Before any decision is recorded, the answer is a draft.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crmplan.assess import rules
from crmplan.assess.facts import Fact, Status
from crmplan.i18n import _, language
from crmplan.languages import CODES
from crmplan.model.base import Answer
from crmplan.model.governance import Decision, DecisionSource, DecisionStatus

STATUSES = {Answer.YES: Status.YES, Answer.PARTLY: Status.PARTLY, Answer.NO: Status.NO,
            Answer.UNKNOWN: Status.UNKNOWN}
ANSWERS = {status: answer for answer, status in STATUSES.items()}
# the pillars come first in the progress, then the other facts in the rules' order
PILLARS = tuple(c.missing.fact for c in rules.ORDER if c.missing is not None)


@dataclass(frozen=True)
class Recorded:
    """An assess decision of the plan's log, as it was recorded."""

    id: str
    date: dt.date
    answer: str | None  # journey_first, crm_kpi_first, both, not_ready; None when unknown
    summary: str
    rationale: str | None
    evidence: tuple[str, ...]
    facts: dict[str, Status]  # the client's state on the day; empty for an older entry
    active: bool
    superseded_by: str | None


@dataclass(frozen=True)
class Movement:
    """A fact that moved between the decision and today."""

    fact: str
    then: Status
    now: Status

    @property
    def forward(self) -> bool:
        return self.now > self.then


@dataclass(frozen=True)
class DecisionState:
    """The answer in force and how the plan moved since; a draft before any decision."""

    in_force: Recorded | None
    history: tuple[Recorded, ...]  # every assess decision, oldest first, in force included
    today: str  # the answer today's facts give
    progress: tuple[Movement, ...]
    done: str  # the work of the answer in force, once its pillar holds ("" otherwise)
    next_step: str  # what the seeds give next, from today's facts (an English text)
    stage_then: int | None  # the maturity stage on the day of the decision
    readiness_then: int | None

    @property
    def draft(self) -> bool:
        """No decision is recorded: the answer is the rules' on today's facts."""
        return self.in_force is None

    @property
    def differs(self) -> bool:
        """Today's facts give another answer than the one in force (for the consultant)."""
        return self.in_force is not None and self.in_force.answer is not None and (
            self.in_force.answer != self.today)

    def explains(self, fact: Fact) -> bool:
        """The decision recorded the fact as it was stated, or the plan moved since: the
        stated answer is the client as found, and the change since is progress. A fact the
        plan already showed otherwise on the decision's day stays a contradiction."""
        if self.in_force is None or fact.stated is None:
            return False
        then = self.in_force.facts.get(fact.id)
        return then is not None and (then == fact.stated or then != fact.status)


def recorded(decision: Decision) -> Recorded:
    """A decision of the log, with its answer read from the summary when it predates the
    ``answer`` field."""
    answer = decision.answer.value if decision.answer else answer_of(decision.summary)
    return Recorded(decision.id, decision.date, answer, decision.summary, decision.rationale,
                    tuple(decision.evidence),
                    {fact: STATUSES[value] for fact, value in decision.facts.items()},
                    decision.status is DecisionStatus.ACTIVE, decision.superseded_by)


def answer_of(summary: str) -> str | None:
    """The answer whose title, in any language, is ``summary``; None for a summary written
    by hand."""
    titles = [(c.id, c.title) for c in rules.ORDER] + [
        ("journey_first", rules.VIP_JOURNEY_TITLE), ("not_ready", rules.NOT_READY_TITLE),
        *rules.FORMER_TITLES]
    for code in CODES:
        with language(code):
            for ident, title in titles:
                if _(title) == summary.strip():
                    return ident
    return None


def assess_decisions(decisions: list[Decision]) -> tuple[Recorded, ...]:
    """The plan's assess decisions, oldest first (the log's order among equal dates)."""
    found = [recorded(d) for d in decisions if d.source is DecisionSource.ASSESS]
    return tuple(sorted(found, key=lambda d: d.date))


def in_force(history: tuple[Recorded, ...]) -> Recorded | None:
    """The newest assess decision still active."""
    active = [d for d in history if d.active]
    return active[-1] if active else None


def movements(then: dict[str, Status], now: dict[str, Fact]) -> tuple[Movement, ...]:
    """The facts whose status changed, pillars first, then in the order of ``now``."""
    moved = [Movement(fact, then[fact], now[fact].status) for fact in now
             if fact in then and then[fact] != now[fact].status]
    order: dict[str, int] = {}
    for fact in (*PILLARS, *now):
        order.setdefault(fact, len(order))
    return tuple(sorted(moved, key=lambda m: order[m.fact]))


def done_text(decision: Recorded | None, facts: dict[str, Fact]) -> str:
    """``The journey-first work is done`` once the pillar the decision built now holds."""
    if decision is None or decision.answer is None:
        return ""
    choice = next((c for c in rules.ORDER if c.id == decision.answer), None)
    if choice is None or choice.missing is None or not choice.done:
        return ""
    fact = facts.get(choice.missing.fact)
    return choice.done if fact is not None and fact.status >= choice.missing.status else ""
