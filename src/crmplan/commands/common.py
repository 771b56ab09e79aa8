"""What the commands that read one plan share."""

from __future__ import annotations

from pathlib import Path

from crmplan.i18n import activate, chosen_language, language_from_environment
from crmplan.plan.load import LoadedPlan, load_plan, resolve_plan_path


def load_in_language(path: Path, lang: str | None) -> tuple[Path, LoadedPlan]:
    """The plan's file and the plan, loaded with messages in the user's language.

    The plan's problems are told in ``--lang`` or the user's language; once the
    plan is read, the report is written in ``--lang``, else ``CRMPLAN_LANG``,
    else the plan's own language (a deliverable is in the client's language
    unless the user asks otherwise).
    """
    plan_path = resolve_plan_path(path)
    activate(lang or language_from_environment())
    loaded = load_plan(plan_path)
    activate(lang or chosen_language() or loaded.plan.client.language.value)
    return plan_path, loaded
