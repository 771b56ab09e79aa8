"""``crmplan init``: scaffold a client folder, never overwriting anything."""

from __future__ import annotations

from pathlib import Path

from crmplan import output
from crmplan.errors import UsageError
from crmplan.i18n import _, activate
from crmplan.scaffold import ScaffoldRequest, existing_files, scaffold


def run(directory: Path, *, client: str, lang: str, industry: str | None,
        example: str | None) -> None:
    """Write the client folder's files; refuse (exit 2) if any of them exists."""
    from crmplan.atomic import write_new_file

    activate(lang)
    if directory.exists() and not directory.is_dir():
        raise UsageError(_("{path} exists and is not a folder").format(path=directory))
    files = scaffold(ScaffoldRequest(client, lang, industry, example))
    clashes = existing_files(directory, list(files))
    if clashes:
        raise UsageError(
            _("{path} already has {files}; nothing was written").format(
                path=directory, files=", ".join(clashes)),
            hint=_("choose a new folder, or move those files away first"))
    for name, data in files.items():
        target = directory / name
        _make_folder(target.parent)
        write_new_file(target, data)
    output.line(_("Created {path} for {client}:").format(path=directory, client=client),
                style="green")
    for name in files:
        output.line(f"  {directory / name}")
    output.line(_("Next: edit {plan}, then run: crmplan validate {folder}").format(
        plan=directory / "plan.yaml", folder=directory))


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(_("cannot create {path}: {reason}").format(
            path=folder, reason=exc.strerror)) from None
