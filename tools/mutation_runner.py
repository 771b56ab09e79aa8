"""Run one module's tests once per mutant, each run in a fresh fork of a warmed-up process.

tools/mutation.py starts one of these per worker, in the worker's copy of the checkout:

    python tools/mutation_runner.py TEST_FILE...

The process imports pytest and crmplan's third-party libraries once; then, for each line
it reads (a timeout in seconds), it forks, the child runs pytest on the test files
(importing crmplan afresh, so the mutant the driver has just written is the one imported),
and it answers pytest's exit code on a line of its own: -1 when the run took longer than
the timeout. Most of a run that stops at its first failing test is start-up; a fork skips
it.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import signal
import sys

from mutation import PYTEST_OPTIONS

PRELOAD = (
    "pytest",
    "hypothesis",
    "pydantic",
    "typer",
    "rich",
    "babel",
    "babel.numbers",
    "jinja2",
    "ruamel.yaml",
    "openpyxl",
    "_pytest.python",
    "_pytest.assertion",
)
OPTIONS = ("-x", "-q", *PYTEST_OPTIONS, "-p", "no:randomly")


def run_once(tests: list[str], timeout: int) -> int:
    """pytest on ``tests`` in a child; its exit code, or -1 past ``timeout`` seconds."""
    child = os.fork()
    if child == 0:  # pragma: no cover - the child never returns
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        signal.alarm(timeout)
        import pytest

        os._exit(int(pytest.main([*OPTIONS, *tests])))
    _, status = os.waitpid(child, 0)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGALRM:
        return -1
    return os.waitstatus_to_exitcode(status)


def main() -> None:
    tests = sys.argv[1:]
    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    for line in sys.stdin:
        print(run_once(tests, int(line)), flush=True)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:  # Ctrl-C reaches the whole process group: the driver says so
        sys.exit(130)
