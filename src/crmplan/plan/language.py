"""The plan a command works on, opened in the user's language.

Which language crmplan speaks is decided here and nowhere else. ``lang`` is
``--lang`` as given (None when it was not):

- about a plan crmplan has read (a report, a deliverable, a message once the
  plan is loaded): ``--lang``, else ``CRMPLAN_LANG``, else the plan's own
  ``client.language`` (:func:`report_language`);
- before a plan is read, or for a command that checks several (validate) or
  creates one (init): ``--lang``, else ``CRMPLAN_LANG``, else the system's
  locale (:func:`user_language`);
- in an editor (``crmplan lsp``): ``--lang``, else ``CRMPLAN_LANG``, else the
  editor's setting or its own language, else the system's (:func:`editor_language`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from crmplan.i18n import activate, chosen_language, language_from_environment
from crmplan.languages import CODES
from crmplan.plan.load import LoadedPlan, load_bytes, load_plan, resolve_plan_path

if TYPE_CHECKING:
    from crmplan.plan.edit import EditablePlan


def user_language(lang: str | None) -> str:
    """``--lang``, else the user's language from the environment."""
    return lang or language_from_environment()


def editor_language(lang: str | None, *editor: str | None) -> str:
    """In an editor (``crmplan lsp``): ``--lang``, else ``CRMPLAN_LANG``, else the editor's
    choices in the order given (its crmplan setting, its own language) when crmplan speaks
    them, else the system's locale."""
    for choice in (lang, chosen_language(), *editor):
        if choice in CODES:
            return choice
    return language_from_environment()


def report_language(lang: str | None, loaded: LoadedPlan) -> str:
    """``--lang``, else ``CRMPLAN_LANG``, else the plan's own language."""
    return lang or chosen_language() or loaded.plan.client.language.value


def load_in_language(path: Path, lang: str | None) -> tuple[Path, LoadedPlan]:
    """The plan's file and the plan, loaded with messages in the user's language.

    The plan's problems are told in ``--lang`` or the user's language; once the
    plan is read, the report is written in :func:`report_language` (a
    deliverable is in the client's language unless the user asks otherwise).
    """
    plan_path = resolve_plan_path(path)
    activate(user_language(lang))
    loaded = load_plan(plan_path)
    activate(report_language(lang, loaded))
    return plan_path, loaded


def open_for_edit(path: Path, lang: str | None, *, writing: bool = True,
                  ) -> tuple[Path, EditablePlan, LoadedPlan]:
    """The plan's file, its editable text, and the plan loaded from that very text; a plan
    that cannot be written is refused here, unless not ``writing`` (a dry run)."""
    from crmplan.plan.edit import EditablePlan  # only the commands that write need it

    plan_path, loaded = load_in_language(path, lang)  # every check of a plan
    editable = EditablePlan.read(plan_path, writing=writing)
    if editable.render_bytes() != loaded.text.raw:  # changed between the two reads
        loaded = load_bytes(editable.render_bytes(), str(plan_path))
    return plan_path, editable, loaded
