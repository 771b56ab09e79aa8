"""``crmplan init``: scaffold a client folder, never overwriting anything."""

from __future__ import annotations

from pathlib import Path

from crmplan import output
from crmplan.errors import UsageError, os_reason
from crmplan.i18n import _, activate
from crmplan.plan.language import user_language
from crmplan.quoting import shown, shown_path
from crmplan.scaffold import ScaffoldRequest, existing_files, scaffold


def run(directory: Path, *, fmt: str, lang: str | None, client: str, industry: str | None,
        example: str | None) -> int:
    """Write the client folder's files, in ``lang`` (the plan's language, and the messages');
    refuse (exit 2) if any of them exists."""
    from crmplan.atomic import write_new_file

    output.use_format(fmt)
    language = user_language(lang)
    activate(language)
    files = scaffold(ScaffoldRequest(client, language, industry, example))
    _check_target(directory, list(files))
    written: list[Path] = []
    try:
        for name, data in files.items():
            target = directory / name
            _make_folder(target.parent)
            write_new_file(target, data)
            written.append(target)
    except BaseException:
        for path in written:  # all or nothing: a half-made folder blocks the next try
            path.unlink(missing_ok=True)
        raise
    output.line(_("Created {path} for {client}:").format(path=shown_path(directory),
                                                          client=shown(client)), style="green")
    for name in files:
        output.line("  " + shown_path(directory / name))
    output.line(_("Next: edit {plan}, then run: crmplan validate {folder}").format(
        plan=shown_path(directory / "plan.yaml"), folder=shown_path(directory)))
    return 0


def _check_target(directory: Path, names: list[str]) -> None:
    """Refuse before writing anything: a file where a folder goes, or a file that exists."""
    try:
        blocked = [str(p) for name in names for p in (directory / name).parents
                   if p.exists() and not p.is_dir()]
        clashes = existing_files(directory, names)
    except OSError as exc:
        raise UsageError(_("cannot use {path}: {reason}").format(
            path=shown_path(directory), reason=os_reason(exc))) from None
    if blocked:
        raise UsageError(_("{path} exists and is not a folder").format(
            path=shown_path(sorted(blocked)[0])))
    if clashes:
        raise UsageError(
            _("{path} already has {files}; nothing was written").format(
                path=shown_path(directory), files=", ".join(clashes)),
            hint=_("choose a new folder, or move those files away first"))


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(_("cannot create {path}: {reason}").format(
            path=shown_path(folder), reason=os_reason(exc))) from None


def industries() -> list[str]:
    """The industries a plan can name, for ``init --help``."""
    from crmplan.model.engagement import Industry

    return [i.value for i in Industry]


def examples() -> list[str]:
    """The bundled examples ``init --example`` starts from, for ``init --help``."""
    from crmplan.resources import example_names

    return list(example_names())
