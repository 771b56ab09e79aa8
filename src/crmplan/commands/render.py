"""``crmplan render``: the deliverables of a plan, written as Markdown and HTML files, in the
client's version or the team's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from crmplan import output
from crmplan.errors import Issue, PlanError, UsageError, os_reason
from crmplan.i18n import _, active_language, join
from crmplan.plan.language import load_in_language, report_language
from crmplan.plan.load import LoadedPlan
from crmplan.quoting import PATH_LIMIT, shown, shown_path
from crmplan.rules import PART_LEFT_OUT, PART_TO_DO

if TYPE_CHECKING:
    from crmplan.analysis import PlanAnalysis
    from crmplan.render.model.base import Todo
    from crmplan.render.model.top import RenderContext
    from crmplan.review.changes import Since

RENDER_FORMATS = ("md", "html", "pdf", "pptx")
AUDIENCES = ("client", "team")


def run(path: Path, *, fmt: str, lang: str | None, out: Path, templates: Path | None,
        strict: bool, force: bool, day: dt.date | None, audience: str = "client",
        since: str | None = None, paper: str = "a4",
        deck_template: Path | None = None) -> int:
    """Render every document in the formats ``fmt`` lists (``md,html,pdf,pptx``) for
    ``audience``, printed on ``paper``; under ``strict``, refuse a plan with an empty step.
    The client's version leaves out each part with no data, and says so. With ``since`` (a
    git revision), the review and the strategy's step 10 say what changed since then (the
    changelog of ``review --since``)."""
    from crmplan.analysis import PlanAnalysis
    from crmplan.render.context import build_context, in_plan_folder
    from crmplan.render.dates import document_date
    from crmplan.render.engine import file_names, render_documents
    from crmplan.render.write import check_target, write_documents

    formats = formats_of(fmt)
    if "pdf" in formats:
        from crmplan.render.pdf import engine

        engine()  # says what to install before the plan is read
    deck = deck_wanted(formats, deck_template)
    plan_path, loaded = load_in_language(path, lang)
    language = report_language(lang, loaded)
    user_dir = user_templates(templates)
    day = document_date(plan_path, loaded.plan, day)
    analysis = PlanAnalysis(in_plan_folder(loaded), day)
    context = build_context(analysis, language, day, audience,
                            _since(plan_path, since, loaded), paper=paper)
    if strict and context.todos and PART_TO_DO.code not in loaded.ignored:
        raise PlanError(todo_issues(loaded, context.todos))
    formats = tuple(f for f in formats if f != "pptx")
    check_target(out, file_names(formats) + deck_file(deck), force)
    files = render_documents(context, formats, language, user_dir)
    if deck:
        files.update(render_deck(context, analysis, deck_template, day))
    if audience == "client" and PART_LEFT_OUT.code not in loaded.ignored:
        omitted = {s.number for s in context.steps if s.omitted}
        output.print_issues([_left_out(loaded, t, omitted) for t in context.todos])
    for written in write_documents(out, files, force):
        output.line(_("wrote {path}").format(path=shown_path(written)))
    return 0


def _since(plan_path: Path, ref: str | None, loaded: LoadedPlan) -> Since | None:
    if ref is None:
        return None
    from crmplan.review.history import since

    return since(plan_path, ref, loaded)


def formats_of(text: str) -> tuple[str, ...]:
    """``md,html,pdf`` as a tuple in the order given; an unknown or empty list is a usage
    error."""
    chosen = tuple(dict.fromkeys(p.strip() for p in text.split(",") if p.strip()))
    unknown = [p for p in chosen if p not in RENDER_FORMATS]
    formats, together = join(RENDER_FORMATS), ",".join(RENDER_FORMATS)
    if not chosen:
        raise UsageError(_("no format given; write one of {formats}, or several separated "
                           "by commas ({together})").format(formats=formats, together=together))
    if unknown:
        raise UsageError(_("'{value}' is not a format render writes; write one of {formats}, or "
                           "several separated by commas ({together})").format(
            value=shown(unknown[0]), formats=formats, together=together))
    return chosen


def deck_wanted(formats: tuple[str, ...], template: Path | None) -> bool:
    """Whether the deck is asked for; python-pptx must be installed, and a
    ``--deck-template`` comes with it and must be a readable file."""
    from crmplan.render.deck import EXTRA, available

    if "pptx" not in formats:
        if template is not None:
            raise UsageError(_("--deck-template is for the deck: add pptx to --format"))
        return False
    if not available():
        raise UsageError(_("--format pptx needs python-pptx, which is not installed"),
                         hint=_("install it with: pip install '{extra}'").format(extra=EXTRA))
    if template is not None and not template.is_file():
        raise UsageError(_("--deck-template {path}: not a file").format(
            path=shown(template, PATH_LIMIT)))
    return True


def deck_file(deck: bool) -> list[str]:
    """``deck.pptx`` when the deck is asked for."""
    from crmplan.render.deck import DECK_FILE

    return [DECK_FILE] if deck else []


def render_deck(context: RenderContext, analysis: PlanAnalysis, template: Path | None,
                day: dt.date | None) -> dict[str, bytes]:
    """The deck, by its file name."""
    from crmplan.render.deck import DECK_FILE
    from crmplan.render.deck.build import build_deck

    return {DECK_FILE: build_deck(context, analysis, template, day)}


def user_templates(folder: Path | None) -> Path | None:
    """The ``--templates`` folder, which must be a readable folder."""
    if folder is None:
        return None
    try:
        readable = folder.is_dir() and any(True for _entry in folder.iterdir()) is not None
    except OSError as exc:
        raise UsageError(_("--templates {path}: cannot read: {reason}").format(
            path=shown(folder, PATH_LIMIT), reason=os_reason(exc))) from None
    if not readable:
        raise UsageError(_("--templates {path}: not a folder").format(
            path=shown(folder, PATH_LIMIT)))
    return folder


def todo_issues(loaded: LoadedPlan, todos: Sequence[Todo] | None = None) -> list[Issue]:
    """Every part of the documents that would be a to-do (what ``--strict`` refuses), from
    the context's ``todos`` or, without them, from the plan judged on its own day."""
    if todos is None:
        from crmplan.analysis import PlanAnalysis
        from crmplan.render.context import build_context, in_plan_folder

        todos = build_context(PlanAnalysis(in_plan_folder(loaded)), active_language(), None,
                              "team").todos
    return [_issue(loaded, t) for t in todos]


def _issue(loaded: LoadedPlan, todo: Todo) -> Issue:
    return Issue(loaded.name, todo.line, todo.column, todo.text, path=todo.section,
                 rule=PART_TO_DO)


def _left_out(loaded: LoadedPlan, todo: Todo, omitted: set[int]) -> Issue:
    """The warning for a to-do the client's version leaves out, at the plan section; a step
    in ``omitted`` is left out whole."""
    if todo.step is None:
        message = _("no data yet: the client's version leaves this part out")
    elif todo.step in omitted:
        message = _("step {number} has no data yet: the client's version leaves it out, "
                    "and its line in the contents").format(number=todo.step)
    else:
        message = _("step {number} is not filled yet: the client's version shows what it "
                    "has, without the to-do").format(number=todo.step)
    return Issue(loaded.name, todo.line, todo.column, message, path=todo.section,
                 hint=_("fill it in, or render --audience team to see the to-do"),
                 rule=PART_LEFT_OUT)
