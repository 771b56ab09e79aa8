"""Writing the rendered documents: all of them or none, each file atomically."""

from __future__ import annotations

from pathlib import Path

from crmplan.atomic import write_new_file
from crmplan.errors import UsageError
from crmplan.i18n import _


def existing(out: Path, names: list[str]) -> list[str]:
    """Which of ``names`` already exist in ``out`` (a dangling link counts)."""
    return [name for name in names if (out / name).exists() or (out / name).is_symlink()]


def check_target(out: Path, names: list[str], force: bool) -> None:
    """Refuse a folder that is a file, or files that exist, unless ``force``."""
    if out.exists() and not out.is_dir():
        raise UsageError(_("{path} is not a folder").format(path=out))
    found = existing(out, names) if out.is_dir() else []
    if found and not force:
        raise UsageError(_("{path}: these files exist already: {files}; nothing was "
                           "written").format(path=out, files=", ".join(found)),
                         hint=_("use --force to replace them, or choose another --out"))


def write_documents(out: Path, files: dict[str, bytes], force: bool) -> list[Path]:
    """Write every file into ``out`` (created if needed); each write is atomic."""
    check_target(out, list(files), force)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(_("cannot create {path}: {reason}").format(
            path=out, reason=exc.strerror or exc)) from None
    written = []
    for name, data in files.items():
        path = out / name
        write_new_file(path, data, force=force)
        written.append(path)
    return written
