"""Atomic writes: reliability cases 29-33 (crash, read-only/full disk, changed on disk,
symlinks and modes, refused overwrite)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from crmplan import atomic
from crmplan.atomic import FileState, atomic_write, write_new_file
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
        (errno.ENOSPC, "No space left on device"),
        (errno.EACCES, "Permission denied"),
        (errno.EROFS, "Read-only file system"),
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
    with pytest.raises(UsageError, match="Permission denied"):
        atomic_write(plan, NEW)
    assert plan.read_bytes() == ORIGINAL


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder(plan: Path) -> None:
    plan.parent.chmod(0o500)
    try:
        with pytest.raises(UsageError, match="Permission denied"):
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
    with pytest.raises(UsageError, match="No space left on device"):
        write_new_file(tmp_path / "out.html", NEW)
    assert _names(tmp_path) == []
