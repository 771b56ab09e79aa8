"""``crmplan render``: the deliverables of a plan, written as Markdown and HTML files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from crmplan import output
from crmplan.errors import Issue, PlanError, UsageError
from crmplan.i18n import _
from crmplan.plan.language import load_in_language, report_language
from crmplan.plan.load import LoadedPlan
from crmplan.quoting import PATH_LIMIT, shown, shown_path
from crmplan.rules import PART_TO_DO

RENDER_FORMATS = ("md", "html")


def run(path: Path, *, fmt: str, lang: str | None, out: Path, templates: Path | None,
        strict: bool, force: bool, day: dt.date | None) -> int:
    """Render every document in the formats ``fmt`` lists (``md,html``); under ``strict``,
    refuse a plan with an empty step."""
    from crmplan.analysis import PlanAnalysis
    from crmplan.render.context import build_context
    from crmplan.render.engine import file_names, render_documents
    from crmplan.render.write import check_target, write_documents

    formats = formats_of(fmt)
    _plan_path, loaded = load_in_language(path, lang)
    language = report_language(lang, loaded)
    user_dir = user_templates(templates)
    context = build_context(PlanAnalysis(loaded, day), language, day)
    if strict and context["todos"] and PART_TO_DO.code not in loaded.ignored:
        raise PlanError([_issue(loaded, t) for t in context["todos"]])
    check_target(out, file_names(formats), force)
    files = render_documents(context, formats, language, user_dir)
    for written in write_documents(out, files, force):
        output.line(_("wrote {path}").format(path=shown_path(written)))
    return 0


def formats_of(text: str) -> tuple[str, ...]:
    """``md,html`` as a tuple in the order given; an unknown or empty list is a usage error."""
    chosen = tuple(dict.fromkeys(p.strip() for p in text.split(",") if p.strip()))
    unknown = [p for p in chosen if p not in RENDER_FORMATS]
    if unknown or not chosen:
        raise UsageError(_("'{value}' is not a list of: {choices}").format(
            value=shown(text), choices=", ".join(RENDER_FORMATS)))
    return chosen


def user_templates(folder: Path | None) -> Path | None:
    """The ``--templates`` folder, which must be a readable folder."""
    if folder is None:
        return None
    try:
        readable = folder.is_dir() and any(True for _entry in folder.iterdir()) is not None
    except OSError as exc:
        raise UsageError(_("--templates {path}: cannot read: {reason}").format(
            path=shown(folder, PATH_LIMIT), reason=exc.strerror or exc)) from None
    if not readable:
        raise UsageError(_("--templates {path}: not a folder").format(
            path=shown(folder, PATH_LIMIT)))
    return folder


def _issue(loaded: LoadedPlan, todo: dict[str, object]) -> Issue:
    message = str(todo["text"])
    return Issue(loaded.name, int(str(todo["line"])), int(str(todo["column"])), message,
                 path=str(todo["section"]), rule=PART_TO_DO)
