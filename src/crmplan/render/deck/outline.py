"""Which slides the deck has, in order, for the client or the team.

A step with no data has no slide in the client's version (the command lists it on the
terminal, as for the other documents); the team's version shows a to-do slide in its
place, with where to fill it in the plan."""

from __future__ import annotations

from collections.abc import Callable

from crmplan.analysis import PlanAnalysis
from crmplan.i18n import _, labelled, ngettext
from crmplan.render.deck import closing, middle, opening
from crmplan.render.deck.spec import Slide
from crmplan.render.model.base import Todo
from crmplan.render.model.top import RenderContext

Build = Callable[[RenderContext, PlanAnalysis], list[Slide]]


def _one(build: Callable[[RenderContext], Slide | None]) -> Build:
    return lambda c, _a: [s for s in (build(c),) if s is not None]


def _one_with(build: Callable[[RenderContext, PlanAnalysis], Slide | None]) -> Build:
    return lambda c, a: [s for s in (build(c, a),) if s is not None]


# (the step the slides show, or None; how they are built), in the deck's order
SECTIONS: tuple[tuple[int | None, Build], ...] = (
    (None, lambda c, _a: [opening.cover(c), opening.decision(c), opening.maturity(c)]),
    (1, _one(opening.goals)),
    (2, lambda c, a: opening.kpis(c, a) + opening.trends(c, a)),
    (3, lambda c, a: _one_with(middle.matrix)(c, a) + _one_with(middle.ranking)(c, a)),
    (4, middle.journeys),
    (5, _one(middle.problems)),
    (6, _one(closing.strategy)),
    (7, _one_with(closing.software)),
    (8, _one(closing.rollout)),
    (None, lambda c, _a: closing.activity(c)),
    (10, _one(closing.reviews)),
    (None, _one(closing.disclaimer)),
)


def slides(context: RenderContext, analysis: PlanAnalysis) -> list[Slide]:
    """Every slide of the deck, in order."""
    found: list[Slide] = []
    for step, build in SECTIONS:
        todo = context.steps[step - 1].todo if step else None
        built = build(context, analysis)
        if todo is not None and context.audience == "team":
            found.append(todo_slide(context, step or 0, todo))
        found += built
    if context.audience == "team":
        found += _other_todos(context)
    return found


def todo_slide(context: RenderContext, step: int, todo: Todo) -> Slide:
    """The team's slide for a step the plan does not fill yet."""
    title = _("To do: {step}").format(step=context.steps[step - 1].title)
    return Slide(
        f"todo-{step}",
        title,
        step=step,
        kind="todo",
        bullets=(todo.text,),
        notes=(labelled(_("Plan"), todo.location),),
    )


def _other_todos(context: RenderContext) -> list[Slide]:
    """One to-do slide for the parts within steps that are still empty (a KPI without a
    baseline, the activity plan, the disclaimer), each with where to fill it."""
    parts = [t for t in context.todos if t.step is None]
    if not parts:
        return []
    title = ngettext(
        "To do: {count} part of the plan is still empty",
        "To do: {count} parts of the plan are still empty",
        len(parts),
    ).format(count=len(parts))
    return [
        Slide(
            "todo-parts",
            title,
            kind="todo",
            bullets=tuple(t.text for t in parts),
            notes=tuple(labelled(t.section, t.location) for t in parts),
        )
    ]
