"""Writing the rendered documents: all of them or none, each file atomically."""

from __future__ import annotations

import contextlib
from pathlib import Path

from crmplan.atomic import check_output, write_files
from crmplan.errors import UsageError, os_reason
from crmplan.i18n import _
from crmplan.quoting import shown_path


def existing(out: Path, names: list[str]) -> list[str]:
    """Which of ``names`` already exist in ``out`` (a dangling link counts)."""
    return [name for name in names if (out / name).exists() or (out / name).is_symlink()]


def check_target(out: Path, names: list[str], force: bool) -> None:
    """Refuse a folder that is a file, or files that exist, unless ``force``; even with it,
    anything in place of a document that is not a regular file or a symlink to one."""
    if out.exists() and not out.is_dir():
        raise UsageError(_("{path} is not a folder").format(path=shown_path(out)))
    found = existing(out, names) if out.is_dir() else []
    if found and not force:
        raise UsageError(_("{path}: these files exist already: {files}; nothing was "
                           "written").format(path=shown_path(out), files=", ".join(found)),
                         hint=_("use --force to replace them, or choose another --out"))
    for name in found:
        check_output(out / name)


def write_documents(out: Path, files: dict[str, bytes], force: bool) -> list[Path]:
    """Write every file into ``out`` (created if needed), all or none.

    Every document goes to a temporary file in ``out`` first, then each is moved
    into place; on a failure the documents already there are as they were, and
    a folder made for them is removed again. With ``force`` a symlink in place
    of a document is replaced, never written through.
    """
    check_target(out, list(files), force)
    made = _make_folder(out)
    paths = {out / name: data for name, data in files.items()}
    try:
        write_files(paths, force=force)
    except BaseException:
        for folder in made:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return list(paths)


def _make_folder(out: Path) -> list[Path]:
    """Create ``out`` and its missing parents; the folders made, deepest first."""
    missing = [folder for folder in (out, *out.parents) if not folder.exists()]
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(_("cannot create {path}: {reason}").format(
            path=shown_path(out), reason=os_reason(exc))) from None
    return missing
