"""Writing files so that a crash, a full disk or Ctrl-C never leaves half a file.

Done the way python-atomicwrites does it: the new bytes go to a temporary
file in the same folder as the real target, are flushed and fsynced, then
``os.replace`` swaps them in (or ``os.link`` when the target must not exist)
and the folder is fsynced. A symlinked target is followed, so the link
survives and the file it points to is replaced, keeping its mode. The
temporary file is removed on any exception, KeyboardInterrupt included.

OS errors become :class:`~crmplan.errors.UsageError` naming the path and the
reason; the original file is untouched.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from crmplan.errors import ChangedOnDiskError, UsageError
from crmplan.i18n import _

__all__ = ["FileState", "atomic_write", "write_new_file"]


@dataclass(frozen=True)
class FileState:
    """What a file looked like when it was read: size, modification time, content hash."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: Path, data: bytes) -> FileState:
        """The state of ``path`` now, for ``data`` just read from it."""
        info = path.stat()
        return cls(info.st_size, info.st_mtime_ns, hashlib.sha256(data).hexdigest())


def atomic_write(path: Path, data: bytes, *, expected: FileState | None = None) -> None:
    """Replace ``path`` (or the file its symlink points to) with ``data``, atomically.

    With ``expected``, the target is checked just before the swap and
    :class:`ChangedOnDiskError` is raised if it no longer matches.
    """
    target = Path(os.path.realpath(path))
    with _os_errors(path):
        mode = _mode_for(target)
        with _temp_file(target, data, mode) as temp:
            if expected is not None:
                _check_unchanged(path, target, expected)
            os.replace(temp, target)  # noqa: PTH105 - the documented atomic primitive
        _sync_folder(target.parent)


def write_new_file(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path``, which must not exist (unless ``force``).

    The file appears complete or not at all, and a file created by someone
    else in the meantime is never overwritten (``os.link`` refuses it).
    """
    if force:
        atomic_write(path, data)
        return
    if os.path.lexists(path):
        raise _exists(path)
    with _os_errors(path), _temp_file(path, data, _default_mode()) as temp:
        try:
            os.link(temp, path)
        except FileExistsError:
            raise _exists(path) from None
    with _os_errors(path):
        _sync_folder(path.parent)


@contextlib.contextmanager
def _temp_file(target: Path, data: bytes, mode: int) -> Iterator[Path]:
    """A fsynced temporary copy of ``data`` next to ``target``, always removed afterwards."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temp.chmod(mode)
        yield temp
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def _check_unchanged(path: Path, target: Path, expected: FileState) -> None:
    """Raise :class:`ChangedOnDiskError` unless ``target`` still matches ``expected``."""
    try:
        current = FileState.of(target, target.read_bytes())
    except FileNotFoundError:
        current = None
    if current != expected:
        raise ChangedOnDiskError(
            _("{path} changed on disk since it was read; nothing was written.").format(path=path),
            hint=_("Re-run the command."),
        )


def _mode_for(target: Path) -> int:
    """The permission bits of ``target``, or the default for a new file."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return _default_mode()


def _default_mode() -> int:
    """``0o666`` minus the process umask, as ``open()`` would create a file."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """fsync a folder so that a rename in it survives a power cut (POSIX only)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _os_errors(path: Path) -> Iterator[None]:
    """Turn an ``OSError`` into a :class:`UsageError` naming ``path`` and the reason."""
    try:
        yield
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UsageError(
            _("cannot write {path}: {reason}").format(path=path, reason=reason),
            hint=_("Nothing was changed. Check the folder's permissions and free space."),
        ) from exc


def _exists(path: Path) -> UsageError:
    return UsageError(_("{path} exists; nothing was written").format(path=path))
