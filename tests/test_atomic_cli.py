"""The plan writer seen from the commands: a read-only plan is refused by every command that
writes the plan back, owner and group are kept, and a write killed with SIGKILL leaves a
temporary file that the next write removes (reliability cases 45 and 46)."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crmplan.cli import app

EXAMPLE = Path(__file__).parents[1] / "examples" / "online-retailer-en"

# Every command that writes the plan back, run on the example's folder ("."), from the
# cheapest refusal to the most work (the computed ones read the client's exports).
WRITE_BACK = {
    "baseline record": ["baseline", "record", "repeat_purchase_rate", "30", "--date",
                        "2025-05-01", "--replace", "--plan", "."],
    "baseline import": ["baseline", "import", "figures.csv", "--replace", "--plan", "."],
    "baseline compute": ["baseline", "compute", ".", "--record", "--replace"],
    "segment compute": ["segment", "compute", ".", "--record", "--replace"],
    "segment score": ["segment", "score", "premium", "speed=4", "-m", "priya", "--replace",
                      "--plan", "."],
    "assess": ["assess", ".", "--record"],
    "review record": ["review", "record", "--date", "2026-01-15", "--reviewers", "Kim",
                      "--plan", "."],
}


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example's folder, made the working folder."""
    folder = tmp_path / "client"
    shutil.copytree(EXAMPLE, folder)
    (folder / "figures.csv").write_text("kpi,date,value\nrepeat_purchase_rate,2025-05-01,30\n")
    monkeypatch.chdir(folder)
    return folder


def _state(path: Path) -> tuple[bytes, int, int, int]:
    info = path.stat()
    return path.read_bytes(), stat.S_IMODE(info.st_mode), info.st_uid, info.st_gid


@pytest.mark.parametrize("command", list(WRITE_BACK))
def test_every_write_back_command_refuses_a_read_only_plan(client: Path, command: str) -> None:
    if "compute" in command:
        pytest.importorskip("duckdb")
    plan = client / "plan.yaml"
    plan.chmod(0o444)
    before = _state(plan)
    result = CliRunner().invoke(app, WRITE_BACK[command])
    assert result.exit_code == 2, result.output
    assert "plan.yaml is read-only; nothing was written" in result.output
    assert "chmod u+w" in result.output
    assert "Segments from the data" not in result.output  # refused before any work
    assert _state(plan) == before
    assert sorted(p.name for p in client.iterdir() if p.name.startswith(".")) == []


@pytest.mark.slow
@pytest.mark.parametrize("command", [c for c in WRITE_BACK if c != "segment compute"])
def test_every_write_back_command_works_on_a_writable_plan(client: Path, command: str) -> None:
    if "compute" in command:
        pytest.importorskip("duckdb")
    plan = client / "plan.yaml"
    before = plan.read_bytes()
    result = CliRunner().invoke(app, WRITE_BACK[command])
    assert result.exit_code == 0, result.output
    assert plan.read_bytes() != before


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another user")
def test_the_plans_owner_group_and_mode_are_kept(client: Path) -> None:
    plan = client / "plan.yaml"
    os.chown(plan, 65534, 65534)
    plan.chmod(0o640)
    result = CliRunner().invoke(app, WRITE_BACK["baseline record"])
    assert result.exit_code == 0, result.output
    _data, mode, uid, gid = _state(plan)
    assert (mode, uid, gid) == (0o640, 65534, 65534)


KILLED_WRITER = """\
import os, sys, time
from collections.abc import Iterator
from pathlib import Path
from crmplan import atomic

def stalled_fsync(fd):  # the data is in the temporary file; the swap has not happened
    print("writing", flush=True)
    time.sleep(60)

os.fsync = stalled_fsync
atomic.atomic_write(Path(sys.argv[1]), Path(sys.argv[1]).read_bytes() * 20)
"""


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_write_killed_with_sigkill_is_cleaned_up_by_the_next_write(client: Path) -> None:
    plan = client / "plan.yaml"
    before = plan.read_bytes()
    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(plan)],
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
    writer.send_signal(signal.SIGKILL)
    assert writer.wait() == -signal.SIGKILL
    [left] = [p for p in client.iterdir() if p.name.startswith(".plan.yaml.")]
    assert left.name.endswith(".tmp") and left.stat().st_size == 20 * len(before)
    assert plan.read_bytes() == before  # the old plan, whole

    time.sleep(0.05)  # a process start time is known to a clock tick (10 ms): start later
    done = subprocess.run([sys.executable, "-m", "crmplan", *WRITE_BACK["baseline record"]],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert not left.exists()
    assert sorted(p.name for p in client.iterdir() if p.name.startswith(".")) == []


@pytest.fixture
def read_only_client(tmp_path: Path) -> Iterator[Path]:
    """The example's folder on a file system mounted read-only (a small tmpfs: root only)."""
    mount_point = tmp_path / "mounted"
    mount_point.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("only root mounts a file system")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount_point)],
                          capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip("this system does not let tests mount a file system")
    try:
        shutil.copytree(EXAMPLE, mount_point / "client")
        subprocess.run(["mount", "-o", "remount,ro", str(mount_point)], check=True)
        yield mount_point / "client"
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)


@pytest.mark.slow
def test_a_read_only_file_system_is_named_not_a_permission(read_only_client: Path) -> None:
    plan = read_only_client / "plan.yaml"
    before = plan.read_bytes()
    runner = CliRunner()
    recorded = runner.invoke(app, [*WRITE_BACK["baseline record"][:-1], str(read_only_client)])
    rendered = runner.invoke(app, ["render", str(read_only_client), "--out",
                                   str(read_only_client / "out"), "--format", "md"])
    exported = runner.invoke(app, ["baseline", "export", str(read_only_client), "--out",
                                   str(read_only_client / "figures.csv")])
    for result in (recorded, rendered, exported):
        assert result.exit_code == 2, result.output
        assert "chmod" not in result.output and "permissions" not in result.output
        assert "read-only" in result.output.lower(), result.output
    assert "mounted read-only" in recorded.output and "mounted read-only" in exported.output
    assert plan.read_bytes() == before
