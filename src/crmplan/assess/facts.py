"""The facts an assessment rests on, each with its status and the plan lines behind it.

A fact is derived from what the plan shows (a journey's stages, its touchpoints'
owners, the KPIs' baselines) or taken from the consultant's stated answer
under ``assessment``. Where the plan shows something, the plan wins, and a
stated answer that says otherwise is reported as a contradiction.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from crmplan.findings import Issue
from crmplan.i18n import aside
from crmplan.model.base import Answer
from crmplan.model.governance import Factor, Speed
from crmplan.plan.load import LoadedPlan
from crmplan.plan.source import PlanPath


class Status(enum.IntEnum):
    """How far a fact holds; ordered, so that "at least partly" can be asked."""

    UNKNOWN = -1
    NO = 0
    PARTLY = 1
    YES = 2

    def __bool__(self) -> bool:
        """Every status is a value, NO included: ``stated or default`` must not drop a NO."""
        return True


@dataclass(frozen=True)
class Proof:
    """One line of the plan a fact rests on."""

    location: str
    text: str


@dataclass(frozen=True)
class Fact:
    """A fact with its status, where it comes from, and the lines that show it."""

    id: str
    status: Status
    proofs: tuple[Proof, ...] = ()
    stated: Status | None = None
    derived: Status | None = None

    @property
    def contradicted(self) -> bool:
        """The consultant's answer and the plan disagree on whether the fact fully holds."""
        if self.stated is None or self.derived is None or Status.UNKNOWN in (
                self.stated, self.derived):
            return False
        return self.stated != self.derived and Status.YES in (self.stated, self.derived)


@dataclass
class Finder:
    """Turns plan paths into ``file:line:col`` locations; holds the journey map's gaps."""

    loaded: LoadedPlan
    journey_gaps: Sequence[Issue] = ()
    proofs: list[Proof] = field(default_factory=list)
    on: dt.date | None = None  # the day the plan is judged on

    def at(self, path: PlanPath, text: str) -> Proof:
        return Proof(self.loaded.location(path), text)


def share_status(part: int, whole: int, yes: float, partly: float) -> Status:
    """YES when ``part/whole`` reaches ``yes``, PARTLY when it reaches ``partly``."""
    if whole == 0:
        return Status.UNKNOWN
    share = part / whole
    return Status.YES if share >= yes else Status.PARTLY if share >= partly else Status.NO


_ANSWERS = {Answer.YES: Status.YES, Answer.PARTLY: Status.PARTLY, Answer.NO: Status.NO,
            Answer.UNKNOWN: Status.UNKNOWN}
SPEEDS = {Speed.FAST: Status.YES, Speed.MODERATE: Status.PARTLY, Speed.SLOW: Status.NO,
           Speed.UNKNOWN: Status.UNKNOWN}


def stated_answer(find: Finder, name: str) -> tuple[Status | None, list[Proof]]:
    assessment = find.loaded.plan.assessment
    factor: Factor | None = getattr(assessment, name, None) if assessment else None
    if factor is None:
        return None, []
    text = f"assessment.{name}: {factor.answer.value}" + (aside(factor.note) if factor.note
                                                          else "")
    return _ANSWERS[factor.answer], [find.at(("assessment", name), text)]


def combine(fact_id: str, derived: Status | None, derived_proofs: Sequence[Proof],
             stated: Status | None, stated_proofs: Sequence[Proof]) -> Fact:
    """The plan wins over the statement; with neither, the fact is unknown."""
    status: Status = Status.UNKNOWN
    if derived is not None and derived is not Status.UNKNOWN:
        status = derived
    elif stated is not None:
        status = stated
    return Fact(fact_id, status, (*stated_proofs, *derived_proofs), stated, derived)


def weakest(statuses: Iterable[Status]) -> Status | None:
    known = [s for s in statuses if s is not Status.UNKNOWN]
    return min(known) if known else None
