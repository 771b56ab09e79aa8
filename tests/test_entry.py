"""crmplan.entry: reliability.md case 47, Ctrl-C at any moment of a real process: 130, quietly.

Each test starts crmplan as a user does (the console script, or ``python -m crmplan``)
and sends SIGINT at a chosen moment. Python reports every import it finishes
(``PYTHONPROFILEIMPORTTIME``), so a delay counts from the moment ``crmplan.entry``,
crmplan's first module, is loaded: before that the process is still Python's own
start-up (the interpreter, the console script's ``import re``), which no program
written in Python can change.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(sys.platform == "win32", reason="SIGINT is POSIX")]

EXAMPLE = Path(__file__).parents[1] / "examples" / "online-retailer-en"
FIRST_MODULE = re.compile(r"^import time:.*\|\s*crmplan\.entry$")
IMPORT_TIME = re.compile(r"^import time:")
# from crmplan's first line: during imports (typer is loaded in the first tenth of a
# second), during the render, and after it has finished (about a second here)
DELAYS = (0.0, 0.02, 0.06, 0.15, 0.3, 0.6, 1.5)


def _command(console_script: bool) -> list[str]:
    found = shutil.which("crmplan", path=str(Path(sys.executable).parent))
    return [found] if console_script and found else [sys.executable, "-m", "crmplan"]


class _Process:
    """crmplan running, its output read line by line as it comes."""

    def __init__(self, args: list[str], read_stdout: bool = True,
                 interrupt_on: Callable[[str], bool] = lambda _line: False,
                 interrupt_delay: float = 0.0, import_times: bool = True) -> None:
        env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1" if import_times else ""}
        self.popen = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True, encoding="utf-8", env=env)
        self.started = threading.Event()
        self.interrupt_on = interrupt_on
        self.interrupt_delay = interrupt_delay
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        assert self.popen.stdout is not None and self.popen.stderr is not None
        self.readers = [self._read(self.popen.stderr, self.stderr, self._watch)]
        if read_stdout:
            self.readers.append(self._read(self.popen.stdout, self.stdout, self._interrupt_on))

    def _read(self, stream: IO[str], lines: list[str],
              watch: Callable[[str], None]) -> threading.Thread:
        def read() -> None:
            for line in stream:
                lines.append(line)
                watch(line.rstrip("\n"))
            self.started.set()  # ended before crmplan started: nothing left to wait for

        thread = threading.Thread(target=read, daemon=True)
        thread.start()
        return thread

    def _watch(self, line: str) -> None:
        if FIRST_MODULE.match(line):
            self.started.set()

    def _interrupt_on(self, line: str) -> None:
        if self.interrupt_on(line):
            threading.Event().wait(self.interrupt_delay)
            if self.popen.poll() is None:
                self.popen.send_signal(signal.SIGINT)

    def interrupt_after(self, delay: float) -> None:
        """SIGINT ``delay`` seconds after crmplan's first module is loaded, if still running."""
        assert self.started.wait(timeout=60)
        try:
            self.popen.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            self.popen.send_signal(signal.SIGINT)

    def finish(self) -> tuple[int, str]:
        """The exit code and standard error, without Python's import report."""
        code = self.popen.wait(timeout=60)
        if self.popen.stdout is not None and len(self.readers) == 1:  # never read
            self.popen.stdout.close()
        for reader in self.readers:
            reader.join(timeout=60)
        return code, "".join(line for line in self.stderr if not IMPORT_TIME.match(line))


def _assert_clean(code: int, stderr: str) -> None:
    assert code in (0, 130), (code, stderr)
    assert "Traceback" not in stderr, stderr
    assert "Exception ignored" not in stderr, stderr
    if code == 130:
        assert stderr.splitlines()[-1] == "crmplan: interrupted", stderr


@pytest.mark.parametrize("delay", DELAYS)
def test_ctrl_c_at_any_moment_of_a_render_exits_130_without_a_traceback(
    delay: float, tmp_path: Path
) -> None:
    console_script = DELAYS.index(delay) % 2 == 0
    process = _Process([*_command(console_script), "render", str(EXAMPLE),
                        "--out", str(tmp_path / "out")])
    process.interrupt_after(delay)
    _assert_clean(*process.finish())


def test_ctrl_c_as_a_render_ends_exits_cleanly(tmp_path: Path) -> None:
    """SIGINT 0 to 10 ms after the last document is reported: the command returning, the
    interpreter shutting down (where Python printed "Exception ignored" or died by the signal)."""
    processes = [_Process([*_command(True), "render", str(EXAMPLE), "--out", str(tmp_path / name)],
                          interrupt_on=lambda line: line.endswith("review.html"),  # the last
                          interrupt_delay=after, import_times=False)
                 for name, after in (("a", 0.0), ("b", 0.003), ("c", 0.01))]  # all at once
    for process in processes:
        code, stderr = process.finish()
        assert process.stdout and process.stdout[-1].rstrip().endswith("review.html")
        _assert_clean(code, stderr)


def _writing_to_a_full_pipe(pid: int) -> bool:
    wchan = Path(f"/proc/{pid}/wchan")
    if not wchan.exists():  # no /proc: give it the time to fill the pipe
        threading.Event().wait(1.0)
        return True
    return "pipe_write" in wchan.read_text(encoding="utf-8")


def test_ctrl_c_while_the_output_is_blocked_exits_130() -> None:
    process = _Process([*_command(False), "schema"], read_stdout=False)  # 140 KB, unread
    assert process.started.wait(timeout=60)
    for _ in range(6000):
        if _writing_to_a_full_pipe(process.popen.pid) or process.popen.poll() is not None:
            break
        threading.Event().wait(0.005)
    process.popen.send_signal(signal.SIGINT)
    code, stderr = process.finish()
    assert code == 130
    _assert_clean(code, stderr)


# Ctrl-C once a write has committed (reliability: "Ctrl-C after a write keeps the write").
# The child is crmplan as the console script starts it, with one system call wrapped so that
# the process sends itself SIGINT right after the n-th use the writer (crmplan.atomic) makes
# of it: the interrupt lands at that exact moment of the write.
INTERRUPTING = """\
import os, signal, sys
import crmplan.entry

call, count = sys.argv.pop(1).split(":")
real, seen = getattr(os, call), []

def by_the_writer():  # called by crmplan.atomic, or by pathlib called by it
    frame = sys._getframe(2)
    for _step in range(2):
        if frame.f_globals.get("__name__") == "crmplan.atomic":
            return True
        frame = frame.f_back
    return False

def interrupting(*args, **kwargs):
    result = real(*args, **kwargs)
    if by_the_writer():
        seen.append(args)
        if len(seen) == int(count):
            os.kill(os.getpid(), signal.SIGINT)
    return result

setattr(os, call, interrupting)
crmplan.entry.main()
"""

DOCUMENTS = ["assessment.md", "journey-map.md", "review.md", "strategy.md"]


def _interrupted_at(moment: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", INTERRUPTING, moment, *args],
                          capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize(("moment", "committed"), [
    ("fsync:2", False),  # the second document's temporary file: nothing is in place yet
    ("link:1", True),  # the first earlier document kept aside: the moves have begun
    ("replace:1", True),  # the first document in place
    ("replace:4", True),  # the last one in place
    ("fsync:5", True),  # the folder synced
    ("unlink:2", True),  # the earlier documents being removed
], ids=lambda value: str(value))
def test_ctrl_c_during_a_render_over_documents_puts_them_back_or_finishes(
        tmp_path: Path, moment: str, committed: bool) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in DOCUMENTS:
        (out / name).write_text("earlier " + name, encoding="utf-8")
    done = _interrupted_at(moment, "render", str(EXAMPLE), "--out", str(out), "--format", "md",
                           "--force")
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in out.iterdir()) == DOCUMENTS  # no temporary file, no backup
    earlier = [n for n in DOCUMENTS if (out / n).read_text(encoding="utf-8").startswith("earlier")]
    if committed:
        assert (done.returncode, done.stderr, earlier) == (0, "", [])
        assert done.stdout.count("wrote ") == len(DOCUMENTS)
    else:
        assert (done.returncode, done.stderr, earlier) == (130, "crmplan: interrupted\n",
                                                           DOCUMENTS)


@pytest.mark.parametrize(("moment", "committed"), [
    ("fsync:1", False),  # the new plan in its temporary file, not yet in place
    ("replace:1", True),  # the new plan in place
    ("fsync:2", True),  # the folder synced
], ids=lambda value: str(value))
def test_ctrl_c_during_a_plan_write_keeps_the_plan_whole_and_says_what_happened(
        tmp_path: Path, moment: str, committed: bool) -> None:
    client = tmp_path / "client"
    shutil.copytree(EXAMPLE, client)
    before = (client / "plan.yaml").read_bytes()
    done = _interrupted_at(moment, "baseline", "record", "repeat_purchase_rate", "5",
                           "--date", "2026-04-15", "--plan", str(client))
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in client.iterdir() if p.name.startswith(".")) == []
    after = (client / "plan.yaml").read_bytes()
    if committed:
        assert (done.returncode, done.stderr) == (0, ""), done.stderr
        assert after != before and "Recorded" in done.stdout
    else:
        assert (done.returncode, done.stderr, after) == (130, "crmplan: interrupted\n", before)
