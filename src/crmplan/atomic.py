"""Writing files so that a crash, a full disk or Ctrl-C never leaves half a file.

Done the way python-atomicwrites does it: the new bytes go to a temporary
file ``.NAME.XXXXXXXX.tmp`` in the same folder as the target, are flushed and
fsynced, then ``os.replace`` swaps them in (or ``os.link`` when the target
must not exist) and the folder is fsynced. The temporary file is removed on
any exception, KeyboardInterrupt included. One left behind by a process that
was killed (SIGKILL, a power cut) is removed by the next write of the same
target, once it is older than the process that writes: a younger one may be
another writer's, at work right now.

Two kinds of target:

- The plan (:func:`atomic_write`): a symlinked plan is followed, so the link
  survives and the file it points to is replaced.
- An output (:func:`write_new_file`, :func:`write_files`): a symlink where the
  output goes is replaced by the new file with ``force``, and never written
  through; the file it pointed to stays as it was.

A file replaced keeps its mode, and its owner and group whenever the process
may set them (root, or a group the user belongs to; a user who writes a
group-writable file of someone else's becomes its owner, as with any editor
that saves atomically). A read-only file is never written: one the user may
not write, or with no write bit at all (root included), is refused, exit 2.

:func:`write_files` writes a set of files all or none: every temporary file
first, then the swaps, each replaced file kept as a hard link (a copy where the
file system has none) until every swap is done. A failure puts every file back
as it was. Only a crash between the first swap and the last (SIGKILL, a power
cut) can leave some files new and others old; the earlier versions are then in
the ``.NAME.XXXXXXXX.tmp`` files, until the next write removes them.

Each write tells :mod:`crmplan.interrupts` when it begins to put files in
place: from then on crmplan's Ctrl-C handler lets it finish.

OS errors become :class:`~crmplan.errors.UsageError` naming the path and the
reason; the original file is untouched.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import os
import re
import secrets
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from crmplan import interrupts
from crmplan.errors import ChangedOnDiskError, UsageError, os_reason
from crmplan.i18n import _
from crmplan.quoting import shown_path

__all__ = [
    "FileState",
    "atomic_write",
    "check_output",
    "check_writable",
    "process_start",
    "remove_stale_temps",
    "write_files",
    "write_new_file",
]

_IMPORTED = time.time()
# the random part of a temporary file's name: tempfile.mkstemp's eight characters
_RANDOM = "abcdefghijklmnopqrstuvwxyz0123456789_"
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS}


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
        info = _stat(target, follow=True)
        _refuse_special(path, info)
        _refuse_read_only(path, target, info)
        remove_stale_temps(target)
        with _temp_file(target, data, info) as temp:
            if expected is not None:
                _check_unchanged(path, target, expected)
            interrupts.commit()
            os.replace(temp, target)  # noqa: PTH105 - the documented atomic primitive
        _sync_folder(target.parent)


def check_writable(path: Path) -> None:
    """Refuse (exit 2) a file that crmplan may not replace: check a plan before any work."""
    target = Path(os.path.realpath(path))
    with _os_errors(path):
        _refuse_read_only(path, target, _stat(target, follow=True))


def check_output(path: Path) -> None:
    """Refuse (exit 2) what ``--force`` must not replace at ``path``: check an output before
    any work. See :func:`write_new_file`."""
    with _os_errors(path):
        _refuse_special(path, _stat(path, follow=False))


def write_new_file(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path``, which must not exist (unless ``force``).

    The file appears complete or not at all, and a file created by someone
    else in the meantime is never overwritten (``os.link`` refuses it). With
    ``force``, a regular file or a symlink at ``path`` is replaced (the symlink
    itself, never written through); anything else (a folder, a named pipe, a
    device, a socket, a symlink to one of those or into ``/proc``, as
    ``/dev/stdout`` is) is refused.
    """
    if force:
        _replace_output(path, data)
        return
    if os.path.lexists(path):
        raise _exists(path)
    with _os_errors(path):
        remove_stale_temps(path)
        with _temp_file(path, data, None) as temp:
            interrupts.commit()
            try:
                os.link(temp, path)
            except FileExistsError:
                raise _exists(path) from None
        _sync_folder(path.parent)


def _replace_output(path: Path, data: bytes) -> None:
    """Put ``data`` at ``path`` whatever is there: a symlink itself is replaced."""
    with _os_errors(path):
        info = _stat(path, follow=False)
        _refuse_special(path, info)
        _refuse_read_only(path, path, info)
        remove_stale_temps(path)
        with _temp_file(path, data, info) as temp:
            interrupts.commit()
            os.replace(temp, path)  # noqa: PTH105 - replaces a symlink, not its target
        _sync_folder(path.parent)


# --------------------------------------------------------------------------- several files


@dataclass
class _Swap:
    """One file of :func:`write_files`: where it goes, its temporary file, the old one."""

    path: Path
    data: bytes
    temp: Path | None = None
    backup: Path | None = None
    moved: bool = False


def write_files(files: dict[Path, bytes], *, force: bool = False) -> None:
    """Write every file, or none: on any failure every file is as it was before.

    Without ``force`` no file may exist; with it, each is replaced (a symlink
    itself, never its target). A read-only file is refused before anything is
    written.
    """
    swaps = [_Swap(path, data) for path, data in files.items()]
    at = swaps[0].path if swaps else Path()
    try:
        for swap in swaps:
            at = swap.path
            _prepare(swap, force)
        interrupts.commit()  # Ctrl-C (crmplan's handler) no longer stops the command
        for swap in swaps:
            at = swap.path
            _move(swap, force)
        for folder in dict.fromkeys(s.path.parent for s in swaps):
            _sync_folder(folder)
    except BaseException as exc:
        _abandon(swaps, at, exc)
    _discard(swaps)


def _prepare(swap: _Swap, force: bool) -> None:
    """The checks, then the new bytes in a fsynced temporary file next to the target."""
    info = _stat(swap.path, follow=False)
    if info is not None and not force:
        raise _exists(swap.path)
    _refuse_special(swap.path, info)
    _refuse_read_only(swap.path, swap.path, info)
    remove_stale_temps(swap.path)
    swap.temp = _make_temp(swap.path, swap.data, info)


def _move(swap: _Swap, force: bool) -> None:
    """Swap the temporary file in; a file replaced is kept as a backup until the end."""
    assert swap.temp is not None
    if not force:
        try:
            os.link(swap.temp, swap.path)
        except FileExistsError:
            raise _exists(swap.path) from None
        swap.moved = True
        return
    if os.path.lexists(swap.path):
        swap.backup = _backup(swap.path)
    swap.moved = True  # before the swap, so that Ctrl-C right after it is undone too
    os.replace(swap.temp, swap.path)  # noqa: PTH105 - the documented atomic primitive
    swap.temp = None


def _backup(path: Path) -> Path:
    """A second name for ``path`` (a hard link; a copy where there are none)."""
    for _attempt in range(100):
        backup = _temp_name(path)
        try:
            os.link(path, backup, follow_symlinks=False)
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno not in _NO_HARD_LINKS or os.path.lexists(backup):
                raise
            _copy(path, backup)
        return backup
    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))


def _copy(path: Path, backup: Path) -> None:
    """Copy ``path`` (a symlink as a symlink) with its mode; nothing is left on a failure."""
    try:
        shutil.copy2(path, backup, follow_symlinks=False)
    except BaseException:
        with contextlib.suppress(OSError):
            backup.unlink()
        raise


def _abandon(swaps: list[_Swap], at: Path, exc: BaseException) -> NoReturn:
    """Put every file back as it was, remove the temporary files, and say what happened."""
    stuck = _undo(swaps)
    _discard(swaps, keep_moved=True)
    if stuck:
        raise _not_restored(at, exc, stuck) from exc
    if isinstance(exc, OSError):
        raise _os_error(at, exc) from exc
    raise exc


def _undo(swaps: list[_Swap]) -> list[_Swap]:
    """Undo every swap done, last first; the swaps that could not be undone."""
    stuck = []
    for swap in reversed(swaps):
        if not swap.moved:
            continue
        try:
            if swap.backup is not None:
                _restore(swap.backup, swap.path)
                swap.backup = None
            else:
                swap.path.unlink(missing_ok=True)  # a new file (or a swap that failed)
            swap.moved = False
        except OSError:
            stuck.append(swap)
    return stuck[::-1]


def _restore(backup: Path, path: Path) -> None:
    """Put ``backup`` back at ``path``. When both are still the same file (the swap failed)
    only the backup goes: renaming a hard link onto its twin would do nothing at all."""
    try:
        same = os.path.samestat(os.lstat(backup), os.lstat(path))
    except FileNotFoundError:  # nothing at path: the backup goes back
        same = False
    if same:
        backup.unlink()
    else:
        os.replace(backup, path)  # noqa: PTH105


def _discard(swaps: list[_Swap], *, keep_moved: bool = False) -> None:
    """Remove the temporary files and the backups (but, with ``keep_moved``, the backup of
    a file still swapped in after a failure: it holds the earlier version)."""
    for swap in swaps:
        names = [swap.temp]
        if not (keep_moved and swap.moved):
            names.append(swap.backup)
        for name in names:
            if name is not None:
                with contextlib.suppress(OSError):
                    name.unlink()


def _not_restored(at: Path, exc: BaseException, stuck: list[_Swap]) -> UsageError:
    reason = os_reason(exc)
    kept = [shown_path(s.backup) for s in stuck if s.backup is not None]
    message = _("cannot write {path}: {reason}; {files} could not be put back as they were, "
                "every other file is as it was").format(
        path=shown_path(at), reason=reason, files=", ".join(shown_path(s.path) for s in stuck))
    return UsageError(message, _("the earlier versions are kept as {backups}").format(
        backups=", ".join(kept)) if kept else "")


# --------------------------------------------------------------------------- temporary files


@contextlib.contextmanager
def _temp_file(target: Path, data: bytes, info: os.stat_result | None) -> Iterator[Path]:
    """A fsynced temporary copy of ``data`` next to ``target``, always removed afterwards."""
    temp = _make_temp(target, data, info)
    try:
        yield temp
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def _make_temp(target: Path, data: bytes, info: os.stat_result | None) -> Path:
    """``data`` in a new fsynced file next to ``target``, with the mode, owner and group of
    ``info`` (the file it replaces, if a regular file); removed again on any failure."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        mode = _default_mode()
        if info is not None and stat.S_ISREG(info.st_mode):
            _keep_owner(temp, info)
            mode = stat.S_IMODE(info.st_mode)
        temp.chmod(mode)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return temp


def _temp_name(target: Path) -> Path:
    """A name for a temporary file of ``target`` (not yet created)."""
    random = "".join(secrets.choice(_RANDOM) for _index in range(8))
    return target.with_name(f".{target.name}.{random}.tmp")


def remove_stale_temps(target: Path) -> None:
    """Remove the temporary files of ``target`` that a killed crmplan left behind.

    Only regular files named as crmplan names them (``.NAME.XXXXXXXX.tmp``) and
    last modified before this process started; a younger one may belong to a
    write under way in another process. Nothing is said when one cannot go.
    """
    own = re.compile(rf"\.{re.escape(target.name)}\.[a-z0-9_]{{8}}\.tmp")
    started = process_start()
    try:
        with os.scandir(target.parent) as found:
            entries = [entry for entry in found if own.fullmatch(entry.name)]
    except OSError:
        return
    for entry in entries:
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and info.st_mtime < started:
                Path(entry.path).unlink()


@functools.cache
def process_start() -> float:
    """When this process started, in seconds since the epoch (Linux: from /proc, to within
    a clock tick; elsewhere: when crmplan was imported, a moment later)."""
    try:
        fields = Path("/proc/self/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
        since_boot = int(fields[19]) / os.sysconf("SC_CLK_TCK")
        uptime = time.clock_gettime(time.CLOCK_BOOTTIME)
    except (OSError, ValueError, IndexError, AttributeError):
        return _IMPORTED
    return min(_IMPORTED, time.time() - (uptime - since_boot))


# --------------------------------------------------------------------------- file details


def _stat(path: Path, *, follow: bool) -> os.stat_result | None:
    """``path``'s status (of a symlink itself unless ``follow``), or None if nothing is there."""
    try:
        return os.stat(path, follow_symlinks=follow)  # noqa: PTH116 - follow_symlinks
    except FileNotFoundError:
        return None


def _refuse_read_only(path: Path, target: Path, info: os.stat_result | None) -> None:
    """Refuse a regular file the user may not write, or with no write bit for anybody (a
    rename does not ask the file's permission, and root may write anything)."""
    if info is None or not stat.S_ISREG(info.st_mode):
        return
    effective = os.access in os.supports_effective_ids
    if info.st_mode & 0o222 and os.access(target, os.W_OK, effective_ids=effective):
        return
    raise UsageError(_("{path} is read-only; nothing was written").format(path=shown_path(path)),
                     hint=_read_only_hint(path, target))


def _read_only_hint(path: Path, target: Path) -> str:
    """How to make ``path`` writable: its mode, unless its whole file system is read-only."""
    if _on_read_only_system(target):
        return _("the file system that holds it is mounted read-only, which no permission "
                 "changes; copy the folder to a writable place, or mount it read-write")
    return _("make it writable (chmod u+w {path}) if crmplan should change it").format(
        path=shown_path(path))


def _on_read_only_system(path: Path) -> bool:
    """Whether the file system that holds ``path`` is mounted read-only (POSIX)."""
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs (Windows)
        return False


def _refuse_special(path: Path, info: os.stat_result | None) -> None:
    """Refuse anything but a regular file or a symlink (``info``: of ``path`` itself), and a
    symlink that leads to a named pipe, a device or a socket, or into ``/proc``: replacing
    ``/dev/stdout`` would take it from the system."""
    if info is None or stat.S_ISREG(info.st_mode):
        return
    hint = _("crmplan writes regular files only; choose another path")
    if not stat.S_ISLNK(info.st_mode):
        raise UsageError(_("{path} is {kind}, not a regular file; nothing was written").format(
            path=shown_path(path), kind=_kind(info.st_mode)), hint)
    kind = _("a file a running process holds open") if _in_proc(path) else _linked_kind(path)
    if kind:
        raise UsageError(_("{path} is a link to {kind}; nothing was written").format(
            path=shown_path(path), kind=kind), hint)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("a special file")


def _linked_kind(link: Path) -> str | None:
    """What a symlink leads to, if that must not be replaced: None for a regular file, a
    folder, or nothing (a dangling link, a loop)."""
    try:
        mode = os.stat(link).st_mode  # noqa: PTH116 - follows the link, as meant
    except OSError:
        return None
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else _kind(mode)


def _in_proc(path: Path) -> bool:
    """Whether ``path``, or a link it leads through, is in ``/proc``: a process's open file
    (``/dev/stdout`` is ``/proc/self/fd/1``), not a name to replace."""
    current = path
    for _step in range(40):  # as the system follows links
        folder = Path(os.path.realpath(current.parent))
        if folder.parts[:2] == ("/", "proc"):
            return True
        if not current.is_symlink():
            return False
        current = current.parent / current.readlink()
    return False


def _keep_owner(temp: Path, info: os.stat_result) -> None:
    """Give ``temp`` the owner and group of ``info`` where allowed (else the group only)."""
    if os.name != "posix":
        return
    now = temp.stat()
    if (now.st_uid, now.st_gid) == (info.st_uid, info.st_gid):
        return
    try:
        os.chown(temp, info.st_uid, info.st_gid)
    except OSError:
        with contextlib.suppress(OSError):
            os.chown(temp, -1, info.st_gid)


def _check_unchanged(path: Path, target: Path, expected: FileState) -> None:
    """Raise :class:`ChangedOnDiskError` unless ``target`` still matches ``expected``."""
    try:
        current = FileState.of(target, target.read_bytes())
    except FileNotFoundError:
        current = None
    if current != expected:
        raise ChangedOnDiskError(
            _("{path} changed on disk since it was read; nothing was written.").format(
                path=shown_path(path)),
            hint=_("Re-run the command."),
        )


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
        raise _os_error(path, exc) from exc


# The errors a wrong path causes, which no permission or free space mends.
_PATH_ERRORS = frozenset({errno.ENOENT, errno.ENOTDIR, errno.ENAMETOOLONG, errno.ELOOP})


def _os_error(path: Path, exc: OSError) -> UsageError:
    reason = os_reason(exc)
    return UsageError(
        _("cannot write {path}: {reason}").format(path=shown_path(path), reason=reason),
        hint=_("Nothing was changed. The file system is mounted read-only: write somewhere "
               "else, or mount it read-write.") if exc.errno == errno.EROFS else
        _("Nothing was changed. Check the path.") if exc.errno in _PATH_ERRORS else
        _("Nothing was changed. Check the folder's permissions and free space."),
    )


def _exists(path: Path) -> UsageError:
    return UsageError(_("{path} exists; nothing was written").format(path=shown_path(path)))
