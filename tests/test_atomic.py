"""Atomic writes: reliability cases 29-33 (crash, read-only/full disk, changed on disk,
symlinks and modes, refused overwrite) and 43-46 (a symlink at an output, a set of files
written all or none, a read-only file, owner and group, stale temporary files)."""

from __future__ import annotations

import errno
import os
import re
import stat
import time
from pathlib import Path
from typing import Any

import pytest

from crmplan import atomic
from crmplan.atomic import FileState, atomic_write, check_writable, write_files, write_new_file
from crmplan.errors import ChangedOnDiskError, UsageError

ORIGINAL = b"name: original\n"
NEW = b"name: new\n"


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_bytes(ORIGINAL)
    return path


def _raise(exc: BaseException) -> Any:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise exc

    return fail


def test_replaces_the_content_and_leaves_no_temp_file(plan: Path) -> None:
    atomic_write(plan, NEW)
    assert plan.read_bytes() == NEW
    assert _names(plan.parent) == ["plan.yaml"]


def test_temp_file_is_hidden_next_to_the_target(
    plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Path] = []
    real_replace = os.replace

    def spy(src: str, dst: str) -> None:
        seen.append(Path(src))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    atomic_write(plan, NEW)
    [temp] = seen
    assert temp.parent == plan.parent
    assert temp.name.startswith(".") and temp.name.endswith(".tmp")


def test_new_file_gets_the_default_mode(tmp_path: Path) -> None:
    old_umask = os.umask(0o027)
    try:
        atomic_write(tmp_path / "new.yaml", NEW)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o640


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o664])
def test_mode_is_kept(plan: Path, mode: int) -> None:
    plan.chmod(mode)
    atomic_write(plan, NEW)
    assert stat.S_IMODE(plan.stat().st_mode) == mode


def test_symlink_survives_and_its_target_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "plan.yaml"
    target.write_bytes(ORIGINAL)
    target.chmod(0o640)
    link = tmp_path / "plan.yaml"
    link.symlink_to(target)
    atomic_write(link, NEW)
    assert link.is_symlink()
    assert link.resolve() == target.resolve()
    assert target.read_bytes() == NEW
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _names(tmp_path / "real") == ["plan.yaml"]


@pytest.mark.parametrize("function", ["replace", "fsync"])
@pytest.mark.parametrize("exc", [KeyboardInterrupt(), RuntimeError("boom")])
def test_interrupted_write_leaves_the_original(
    plan: Path, monkeypatch: pytest.MonkeyPatch, function: str, exc: BaseException
) -> None:
    monkeypatch.setattr(os, function, _raise(exc))
    with pytest.raises(type(exc)):
        atomic_write(plan, NEW)
    assert plan.read_bytes() == ORIGINAL
    assert _names(plan.parent) == ["plan.yaml"]


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "no space left on the disk"),
        (errno.EACCES, "permission denied"),
        (errno.EROFS, "the file system is read-only"),
    ],
)
def test_os_errors_become_usage_errors(
    plan: Path, monkeypatch: pytest.MonkeyPatch, code: int, reason: str
) -> None:
    monkeypatch.setattr(os, "fsync", _raise(OSError(code, os.strerror(code))))
    with pytest.raises(UsageError) as info:
        atomic_write(plan, NEW)
    assert info.value.exit_code == 2
    assert str(plan) in info.value.message and reason in info.value.message
    assert plan.read_bytes() == ORIGINAL
    assert _names(plan.parent) == ["plan.yaml"]


def test_temp_file_that_cannot_be_created_is_a_usage_error(
    plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        atomic.tempfile, "mkstemp", _raise(PermissionError(errno.EACCES, "Permission denied"))
    )
    with pytest.raises(UsageError, match="permission denied"):
        atomic_write(plan, NEW)
    assert plan.read_bytes() == ORIGINAL


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder(plan: Path) -> None:
    plan.parent.chmod(0o500)
    try:
        with pytest.raises(UsageError, match="permission denied"):
            atomic_write(plan, NEW)
    finally:
        plan.parent.chmod(0o700)
    assert plan.read_bytes() == ORIGINAL


def test_unchanged_file_passes_the_check(plan: Path) -> None:
    state = FileState.of(plan, plan.read_bytes())
    atomic_write(plan, NEW, expected=state)
    assert plan.read_bytes() == NEW


def test_file_changed_on_disk_is_not_overwritten(plan: Path) -> None:
    state = FileState.of(plan, plan.read_bytes())
    plan.write_bytes(b"name: edited by someone else\n")
    with pytest.raises(ChangedOnDiskError, match="changed on disk since it was read"):
        atomic_write(plan, NEW, expected=state)
    assert plan.read_bytes() == b"name: edited by someone else\n"
    assert _names(plan.parent) == ["plan.yaml"]


def test_file_touched_on_disk_counts_as_changed(plan: Path) -> None:
    state = FileState.of(plan, plan.read_bytes())
    os.utime(plan, ns=(state.mtime_ns + 10**9, state.mtime_ns + 10**9))
    with pytest.raises(ChangedOnDiskError):
        atomic_write(plan, NEW, expected=state)
    assert plan.read_bytes() == ORIGINAL


def test_file_deleted_on_disk_counts_as_changed(plan: Path) -> None:
    state = FileState.of(plan, plan.read_bytes())
    plan.unlink()
    with pytest.raises(ChangedOnDiskError):
        atomic_write(plan, NEW, expected=state)
    assert _names(plan.parent) == []


def test_file_state_records_size_time_and_hash(plan: Path) -> None:
    state = FileState.of(plan, ORIGINAL)
    assert state.size == len(ORIGINAL)
    assert state.mtime_ns == plan.stat().st_mtime_ns
    assert state.sha256 == FileState.of(plan, ORIGINAL).sha256 != FileState.of(plan, NEW).sha256


def test_write_new_file_creates_the_file(tmp_path: Path) -> None:
    write_new_file(tmp_path / "out.html", NEW)
    assert (tmp_path / "out.html").read_bytes() == NEW
    assert _names(tmp_path) == ["out.html"]


def test_write_new_file_refuses_an_existing_file(plan: Path) -> None:
    with pytest.raises(UsageError, match="exists; nothing was written") as info:
        write_new_file(plan, NEW)
    assert info.value.exit_code == 2
    assert plan.read_bytes() == ORIGINAL
    assert _names(plan.parent) == ["plan.yaml"]


def test_write_new_file_refuses_a_dangling_symlink(tmp_path: Path) -> None:
    link = tmp_path / "out.html"
    link.symlink_to(tmp_path / "missing")
    with pytest.raises(UsageError, match="exists"):
        write_new_file(link, NEW)
    assert not (tmp_path / "missing").exists()


def test_write_new_file_never_overwrites_a_file_created_meanwhile(
    plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic.os.path, "lexists", lambda _path: False)
    with pytest.raises(UsageError, match="exists"):
        write_new_file(plan, NEW)
    assert plan.read_bytes() == ORIGINAL
    assert _names(plan.parent) == ["plan.yaml"]


def test_write_new_file_with_force_replaces_atomically(plan: Path) -> None:
    plan.chmod(0o640)
    write_new_file(plan, NEW, force=True)
    assert plan.read_bytes() == NEW
    assert stat.S_IMODE(plan.stat().st_mode) == 0o640
    assert _names(plan.parent) == ["plan.yaml"]


def test_write_new_file_interrupted_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "link", _raise(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        write_new_file(tmp_path / "out.html", NEW)
    assert _names(tmp_path) == []


def test_write_new_file_disk_full_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "fsync", _raise(OSError(errno.ENOSPC, "No space left on device")))
    with pytest.raises(UsageError, match="no space left on the disk"):
        write_new_file(tmp_path / "out.html", NEW)
    assert _names(tmp_path) == []


# -- outputs: a symlink is replaced, never written through (reliability case 43) ------------


def test_force_replaces_a_symlink_and_never_writes_its_target(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_bytes(ORIGINAL)
    elsewhere.chmod(0o600)
    link = tmp_path / "out.md"
    link.symlink_to(elsewhere)
    write_new_file(link, NEW, force=True)
    assert elsewhere.read_bytes() == ORIGINAL
    assert not link.is_symlink() and link.read_bytes() == NEW
    assert stat.S_IMODE(link.stat().st_mode) == atomic._default_mode()
    assert _names(tmp_path) == ["elsewhere.md", "out.md"]


def test_force_replaces_a_dangling_symlink(tmp_path: Path) -> None:
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "missing" / "file.md")
    write_new_file(link, NEW, force=True)
    assert not link.is_symlink() and link.read_bytes() == NEW


def test_write_files_replaces_symlinks_and_never_writes_their_targets(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").write_bytes(ORIGINAL)
    (tmp_path / "a.md").symlink_to(tmp_path / "elsewhere")
    write_files({tmp_path / "a.md": NEW, tmp_path / "b.md": NEW}, force=True)
    assert (tmp_path / "elsewhere").read_bytes() == ORIGINAL
    assert not (tmp_path / "a.md").is_symlink() and (tmp_path / "a.md").read_bytes() == NEW


# -- read-only files, owner and group (reliability case 45) -----------------------------------


def test_a_read_only_plan_is_refused_even_for_root(plan: Path) -> None:
    plan.chmod(0o444)
    with pytest.raises(UsageError, match="is read-only; nothing was written") as info:
        atomic_write(plan, NEW)
    assert info.value.exit_code == 2 and "chmod u+w" in info.value.hint
    with pytest.raises(UsageError, match="is read-only; nothing was written"):
        check_writable(plan)
    assert plan.read_bytes() == ORIGINAL and stat.S_IMODE(plan.stat().st_mode) == 0o444
    assert _names(plan.parent) == ["plan.yaml"]


def test_a_plan_the_user_may_not_write_is_refused(
    plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "access", lambda *_args, **_kwargs: False)
    with pytest.raises(UsageError, match="read-only"):
        atomic_write(plan, NEW)
    assert plan.read_bytes() == ORIGINAL


def test_a_read_only_file_behind_a_symlinked_plan_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_bytes(ORIGINAL)
    target.chmod(0o444)
    (tmp_path / "plan.yaml").symlink_to(target)
    with pytest.raises(UsageError, match="read-only"):
        atomic_write(tmp_path / "plan.yaml", NEW)
    assert target.read_bytes() == ORIGINAL


def test_a_read_only_output_is_refused_even_with_force(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(ORIGINAL)
    (tmp_path / "a.md").chmod(0o444)
    with pytest.raises(UsageError, match="read-only"):
        write_new_file(tmp_path / "a.md", NEW, force=True)
    with pytest.raises(UsageError, match="read-only"):
        write_files({tmp_path / "b.md": NEW, tmp_path / "a.md": NEW}, force=True)
    assert (tmp_path / "a.md").read_bytes() == ORIGINAL
    assert _names(tmp_path) == ["a.md"]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another user")
@pytest.mark.parametrize("write", ["plan", "output"])
def test_owner_group_and_mode_are_kept(plan: Path, write: str) -> None:
    os.chown(plan, 65534, 65534)
    plan.chmod(0o604)
    if write == "plan":
        atomic_write(plan, NEW)
    else:
        write_new_file(plan, NEW, force=True)
    info = plan.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (65534, 65534, 0o604)
    assert plan.read_bytes() == NEW


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another user")
def test_a_plan_whose_owner_cannot_be_kept_is_still_written(
    plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.chown(plan, 65534, 65534)
    calls: list[tuple[int, int]] = []

    def chown(_path: Any, uid: int, gid: int) -> None:  # as a user who may not give files away
        calls.append((uid, gid))
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "chown", chown)
    atomic_write(plan, NEW)
    assert plan.read_bytes() == NEW
    assert calls == [(65534, 65534), (-1, 65534)]


# -- temporary files left by a killed write (reliability case 46) -----------------------------


def _age(path: Path, seconds: float) -> Path:
    when = time.time() - seconds
    os.utime(path, (when, when))
    return path


def test_stale_temporary_files_of_the_target_are_removed(plan: Path) -> None:
    folder = plan.parent
    for name in (".plan.yaml.k2x9_a7q.tmp", ".plan.yaml.0f3a9c1e.tmp"):
        (folder / name).write_bytes(ORIGINAL)
        _age(folder / name, 3600)
    atomic_write(plan, NEW)
    assert _names(folder) == ["plan.yaml"]


def test_only_crmplans_own_stale_files_are_removed(plan: Path) -> None:
    folder = plan.parent
    (folder / "sub.tmp").mkdir()
    kept = [".other.yaml.k2x9_a7q.tmp", ".plan.yaml.k2x9_a7q.bak", "plan.yaml.k2x9_a7q.tmp",
            ".plan.yaml.toolongname.tmp", ".plan.yaml.tmp", ".plan.yaml.a.b.c.d.tmp"]
    for name in kept:
        (folder / name).write_bytes(b"x")
        _age(folder / name, 3600)
    (folder / ".plan.yaml.linkxxxx.tmp").symlink_to(folder / "sub.tmp")
    (folder / ".plan.yaml.folder_x.tmp").mkdir()
    atomic_write(plan, NEW)
    assert _names(folder) == sorted([*kept, ".plan.yaml.folder_x.tmp", ".plan.yaml.linkxxxx.tmp",
                                     "plan.yaml", "sub.tmp"])


def test_a_fresh_temporary_file_of_a_running_writer_is_kept(plan: Path) -> None:
    fresh = plan.parent / ".plan.yaml.k2x9_a7q.tmp"
    fresh.write_bytes(ORIGINAL)  # written after this process started: someone is writing
    atomic_write(plan, NEW)
    write_new_file(plan, NEW, force=True)
    assert fresh.exists()


def test_stale_temporary_files_are_removed_by_every_kind_of_write(tmp_path: Path) -> None:
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / f".{name}.k2x9_a7q.tmp").write_bytes(ORIGINAL)
        _age(tmp_path / f".{name}.k2x9_a7q.tmp", 3600)
    write_new_file(tmp_path / "a.md", NEW)
    write_new_file(tmp_path / "b.md", NEW, force=True)
    write_files({tmp_path / "c.md": NEW})
    assert _names(tmp_path) == ["a.md", "b.md", "c.md"]


def test_temporary_names_match_the_cleanup_pattern(
    plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        seen.append(Path(src).name)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    atomic_write(plan, NEW)
    write_files({plan: ORIGINAL}, force=True)
    assert len(seen) == 2
    assert all(re.fullmatch(r"\.plan\.yaml\.[a-z0-9_]{8}\.tmp", name) for name in seen), seen


def test_process_start_is_when_this_process_began() -> None:
    started = atomic.process_start()
    assert started <= atomic._IMPORTED <= time.time()
    assert time.time() - started < 24 * 3600


# -- a set of files: all or none (reliability case 44) ----------------------------------------


@pytest.fixture
def docs(tmp_path: Path) -> dict[Path, bytes]:
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_bytes(ORIGINAL + name.encode())
    return {tmp_path / name: NEW + name.encode() for name in ("a.md", "b.md", "c.md")}


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_write_files_writes_every_file(docs: dict[Path, bytes]) -> None:
    write_files(docs, force=True)
    assert _contents(next(iter(docs)).parent) == {p.name: d for p, d in docs.items()}


def test_write_files_refuses_existing_files_without_force(docs: dict[Path, bytes]) -> None:
    folder = next(iter(docs)).parent
    (folder / "a.md").unlink()
    before = _contents(folder)
    with pytest.raises(UsageError, match=r"b\.md exists; nothing was written"):
        write_files(docs)
    assert _contents(folder) == before


def test_write_files_on_a_full_disk_changes_nothing(
    docs: dict[Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = next(iter(docs)).parent
    before = _contents(folder)
    real_fsync, calls = os.fsync, []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(UsageError, match=r"cannot write .*b\.md: no space left") as info:
        write_files(docs, force=True)
    assert info.value.hint.startswith("Nothing was changed")
    assert _contents(folder) == before


@pytest.mark.parametrize("exc", [OSError(errno.EIO, "Input/output error"), KeyboardInterrupt()])
def test_write_files_puts_every_file_back_when_a_move_fails(
    docs: dict[Path, bytes], monkeypatch: pytest.MonkeyPatch, exc: BaseException
) -> None:
    folder = next(iter(docs)).parent
    before = _contents(folder)
    real_replace, moves = os.replace, []

    def replace(src: Any, dst: Any) -> None:
        moves.append(dst)
        if len(moves) == 3:
            raise exc
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(UsageError if isinstance(exc, OSError) else KeyboardInterrupt):
        write_files(docs, force=True)
    assert _contents(folder) == before


def test_write_files_undoes_a_move_interrupted_right_after_it_was_made(
    docs: dict[Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = next(iter(docs)).parent
    before = _contents(folder)
    real_replace, moves = os.replace, []

    def replace(src: Any, dst: Any) -> None:
        moves.append(dst)
        real_replace(src, dst)
        if len(moves) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        write_files(docs, force=True)
    assert _contents(folder) == before


def test_write_files_keeps_copies_where_there_are_no_hard_links(
    docs: dict[Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = next(iter(docs)).parent
    (folder / "elsewhere").write_bytes(ORIGINAL)
    (folder / "b.md").unlink()
    (folder / "b.md").symlink_to(folder / "elsewhere")
    before = _contents(folder)
    monkeypatch.setattr(os, "link", _raise(PermissionError(errno.EPERM, "Not permitted")))
    real_replace, moves = os.replace, []

    def replace(src: Any, dst: Any) -> None:
        moves.append(dst)
        if len(moves) == 3:
            raise OSError(errno.EIO, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(UsageError, match="Input/output error"):
        write_files(docs, force=True)
    assert _contents(folder) == before
    assert (folder / "b.md").is_symlink()
    write_files(docs, force=True)
    assert (folder / "elsewhere").read_bytes() == ORIGINAL
    assert _contents(folder) == {"elsewhere": ORIGINAL, **{p.name: d for p, d in docs.items()}}


def test_write_files_without_force_takes_back_the_files_it_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_link, links = os.link, []

    def link(src: Any, dst: Any, **kwargs: Any) -> None:
        links.append(dst)
        if len(links) == 2:
            Path(dst).write_bytes(b"someone else's")  # created meanwhile
        real_link(src, dst, **kwargs)

    monkeypatch.setattr(os, "link", link)
    with pytest.raises(UsageError, match=r"b\.md exists; nothing was written"):
        write_files({tmp_path / "a.md": NEW, tmp_path / "b.md": NEW})
    assert _contents(tmp_path) == {"b.md": b"someone else's"}


def test_write_files_says_which_files_could_not_be_put_back(
    docs: dict[Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = next(iter(docs)).parent
    real_replace, moves = os.replace, []

    def replace(src: Any, dst: Any) -> None:  # the third move fails, and so does putting back
        moves.append(dst)
        if len(moves) >= 3:
            raise OSError(errno.EIO, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(UsageError) as info:
        write_files(docs, force=True)
    message = info.value.message
    assert "c.md: Input/output error" in message
    assert "a.md" in message and "b.md" in message and "could not be put back" in message
    left = _contents(folder)
    assert left["a.md"] == NEW + b"a.md" and left["c.md"] == ORIGINAL + b"c.md"
    backups = [name for name in left if name.endswith(".tmp")]
    assert sorted(left[name] for name in backups) == [ORIGINAL + b"a.md", ORIGINAL + b"b.md"]
    assert all(name in info.value.hint for name in backups)


# --------------------------------------------------------------------------- special files


def _special(folder: Path, kind: str) -> Path:
    """A named pipe, a device node (the null device's numbers, made here: root only), a
    socket or a folder named ``out.csv`` in ``folder``."""
    path = folder / "out.csv"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        if os.geteuid() != 0:
            pytest.skip("only root may make a device node")
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    elif kind == "socket":
        import socket

        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        server.close()
    else:
        path.mkdir()
    return path


def _kind_of(path: Path) -> int:
    return stat.S_IFMT(path.lstat().st_mode)


SPECIAL = ["fifo", "device", "socket", "folder"]


@pytest.mark.parametrize("kind", SPECIAL)
@pytest.mark.parametrize("write", ["one", "set"])
def test_force_refuses_what_is_not_a_regular_file_and_leaves_it(
        tmp_path: Path, kind: str, write: str) -> None:
    path = _special(tmp_path, kind)
    before = _kind_of(path)
    other = tmp_path / "other.md"
    with pytest.raises(UsageError, match=r"out\.csv is .*, not a regular file; nothing was "
                                         r"written"):
        if write == "one":
            write_new_file(path, NEW, force=True)
        else:
            write_files({other: NEW, path: NEW}, force=True)
    assert _kind_of(path) == before
    assert _names(tmp_path) == ["out.csv"]  # no temporary file, and the other file not made


@pytest.mark.parametrize("kind", ["fifo", "device", "socket"])
def test_force_refuses_a_symlink_to_what_is_not_a_regular_file(tmp_path: Path,
                                                              kind: str) -> None:
    target = _special(tmp_path, kind).rename(tmp_path / "special")
    link = tmp_path / "out.csv"
    link.symlink_to(target)
    with pytest.raises(UsageError, match=r"out\.csv is a link to .*; nothing was written"):
        write_new_file(link, NEW, force=True)
    assert link.is_symlink() and _kind_of(target) != stat.S_IFREG


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_force_refuses_a_link_to_a_file_a_process_holds_open(tmp_path: Path) -> None:
    """/dev/stdout is such a link: replacing it would take it from the system."""
    held = tmp_path / "held.csv"
    with held.open("wb") as handle:
        link = tmp_path / "stdout"
        link.symlink_to(f"/proc/self/fd/{handle.fileno()}")
        for path in (link, Path(f"/proc/self/fd/{handle.fileno()}")):
            with pytest.raises(UsageError, match="nothing was written"):
                write_new_file(path, NEW, force=True)
    assert link.is_symlink() and held.read_bytes() == b""


def test_a_plan_that_is_not_a_regular_file_is_never_replaced(tmp_path: Path) -> None:
    path = _special(tmp_path, "fifo")
    with pytest.raises(UsageError, match="not a regular file"):
        atomic_write(path, NEW)
    assert _kind_of(path) == stat.S_IFIFO


# --------------------------------------------------------------------------- read-only file system


def _read_only_file_system(monkeypatch: pytest.MonkeyPatch) -> None:
    """The file system is mounted read-only: nobody may write, whatever the modes say."""
    real = os.statvfs

    def statvfs(path: Any) -> Any:
        found = real(path)
        return os.statvfs_result((*found[:8], found.f_flag | os.ST_RDONLY, *found[9:]))

    monkeypatch.setattr(os, "statvfs", statvfs)
    monkeypatch.setattr(os, "access", lambda *_args, **_kwargs: False)


def test_a_plan_on_a_read_only_file_system_is_refused_with_its_reason(
        plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _read_only_file_system(monkeypatch)
    with pytest.raises(UsageError, match="read-only; nothing was written") as info:
        check_writable(plan)
    assert "chmod" not in info.value.hint
    assert "file system" in info.value.hint and "mounted read-only" in info.value.hint
    assert plan.read_bytes() == ORIGINAL


def test_a_write_the_file_system_refuses_as_read_only_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "open", _raise(OSError(errno.EROFS, os.strerror(errno.EROFS))))
    with pytest.raises(UsageError,
                       match=r"cannot write .*out\.csv: the file system is read-only") as info:
        write_new_file(tmp_path / "out.csv", NEW)
    assert "permissions and free space" not in info.value.hint
    assert "file system" in info.value.hint and "read-only" in info.value.hint
