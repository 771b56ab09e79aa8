"""The client's version of the render context: what the consultant hands over.

The team's version is the context as :func:`~crmplan.render.context.build_context` builds
it, with every to-do, plan location, contradiction and finding. :func:`for_client` takes
out what only the team works with, so that no template, built-in or the user's, can show
it to the client:

- every to-do callout (``todo`` fields are null; the context's ``todos`` keep the list, for
  ``--strict`` and the warnings of what is left out);
- a step that is not filled (as ``crmplan validate`` counts it) and has nothing else to
  show, the activity plan or the disclaimer with no data is marked ``omitted``, and the
  templates leave its section and its line of the contents out; a step not filled that
  has something to show (KPIs without a baseline, the systems in use without candidates,
  the decisions without a review) shows it, without the to-do;
- a labelled text with nothing in it is dropped from its list;
- the assessment's contradictions and team notes, the journey map's coverage gaps (and the
  line of its lead that announces them) and the review's findings are empty; the review's
  changelog (``render --since``) keeps only the number of changes of each step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from crmplan.i18n import _
from crmplan.render.leads import JOURNEY_LEAD_CLIENT
from crmplan.render.model.assessment import Assessment, TeamNotes
from crmplan.render.model.base import Part, Todo
from crmplan.render.model.journeys import JourneyMap
from crmplan.render.model.record import Record
from crmplan.render.model.review import Review
from crmplan.render.model.top import RenderContext

R = TypeVar("R", bound=Record)


def replaced(record: R, **changes: Any) -> R:
    """``record`` with ``changes`` to its fields."""
    return type(record)(**{**dict(record), **changes})


# what each step shows besides its to-do, as its templates show it
SHOWS: dict[int, Callable[[RenderContext], bool]] = {
    1: lambda c: bool(c.goals.vision or c.goals.obstacles or c.goals.smart
                      or c.practice.business_problems or c.practice.stakeholders),
    2: lambda c: bool(c.baseline.kpis or c.practice.qualitative),
    3: lambda c: bool(c.segments.rows or c.segments.ranking or c.segments.matrix
                      or c.segments.offers or c.segments.personas or c.practice.campaigns),
    4: lambda c: bool(c.journeys),
    5: lambda c: bool(c.gaps.problems or any(r.status_key != "no_data"
                                             for r in c.gaps.rows)),
    6: lambda c: bool(c.strategy.summary or c.strategy.approaches),
    7: lambda c: bool(c.software.systems or c.software.candidates),
    8: lambda c: bool(c.rollout.phases or c.rollout.trainings or c.rollout.feedback
                      or c.practice.adjustments or c.practice.team.core_team
                      or c.practice.team.working_groups),
    9: lambda c: bool(c.sops),
    10: lambda c: bool(c.reviews.log or c.reviews.decisions
                       or len(c.assessment.answer.history) > 1),
}


def for_client(context: RenderContext) -> RenderContext:
    """The client's version of ``context`` (its ``audience`` becomes ``client``)."""
    steps = tuple(replaced(s, omitted=s.todo is not None and not SHOWS[s.number](context))
                  for s in context.steps)
    marked = replaced(
        context, audience="client", steps=steps,
        activity=replaced(context.activity, omitted=context.activity.todo is not None),
        disclaimer=replaced(context.disclaimer, omitted=context.disclaimer.text is None),
        assessment=_assessment(context.assessment),
        journey_map=_journey_map(context.journey_map),
        review=_review(context.review))
    stripped = cast(RenderContext, _without_todos(marked))
    return replaced(stripped, todos=context.todos)


def _review(review: Review) -> Review:
    """The review without its findings, and its changelog as counts by step: each change
    is worded with plan paths and ids, which the client's version never shows."""
    changes = review.changes
    if changes is not None:
        changes = replaced(changes, steps=tuple(replaced(s, changes=()) for s in changes.steps))
    return replaced(review, findings=(), changes=changes)


def _without_todos(value: object) -> object:
    """``value`` with every to-do null and every labelled text without text dropped."""
    if isinstance(value, Todo):
        return None
    if isinstance(value, Record):
        return type(value)(**{name: _without_todos(getattr(value, name))
                              for name in value.__record_fields__})
    if isinstance(value, tuple):
        return tuple(_without_todos(item) for item in value
                     if not (isinstance(item, Part) and item.text is None))
    return value


def _assessment(assessment: Assessment) -> Assessment:
    team = assessment.team
    return replaced(assessment, contradictions=(), team=TeamNotes(
        today_differs=False, today_title=team.today_title, findings=(), evidence=()))


def _journey_map(journey_map: JourneyMap) -> JourneyMap:
    return replaced(journey_map, lead=_(JOURNEY_LEAD_CLIENT), findings=(), journeys=tuple(
        replaced(j, findings=()) for j in journey_map.journeys))
