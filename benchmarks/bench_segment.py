"""Speed target of ``crmplan segment``: 1,000 segments x 10 members x 8 criteria ranked,
with the sensitivity check, within 1 s wall.

    python benchmarks/bench_segment.py

The plan comes from ``generate_plan.py --task-force 1000``: 1,000 segments, 10
members, 8 criteria (the six defaults and two of the plan's own), 9,980 score
sheets with a few gaps. It is about 1.9 MB, more than a plan file may hold
(1 MiB), so it is loaded in memory once (not timed) and each phase of the
analysis is then timed in the same process: the median of RUNS runs, and the
first run apart (it includes importing what the phase needs).

For the whole command as a user runs it, it also times ``crmplan segment``
as a fresh process: on the largest example, as text and JSON (median of
EXAMPLE_RUNS), and with ``--format json`` on the same task force written with
one-letter criterion ids (``--short``), which fits in a plan file; loading
that plan is most of it. Record the printed tables in docs/performance.md.
"""

from __future__ import annotations

import io
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from bench_plan_file import crmplan, timed
from generate_plan import task_force

ROOT = Path(__file__).parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*/plan.yaml"))
SEGMENTS = 1000
TARGET_S = 1.0
RUNS = 7
COMMAND_RUNS = 3
EXAMPLE_RUNS = 11


def measure(function: Callable[[], Any]) -> tuple[float, float]:
    """(first run, median of the runs after it), in seconds."""
    times = []
    for _ in range(RUNS + 1):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times[0], statistics.median(times[1:])


def phases() -> list[tuple[str, float, float]]:
    from crmplan.commands.segment import print_report
    from crmplan.i18n import activate
    from crmplan.plan.load import load_bytes
    from crmplan.segment import engine, scoring
    from crmplan.segment.report import to_data, to_markdown

    start = time.perf_counter()
    loaded = load_bytes(task_force(SEGMENTS).encode("utf-8"), "task-force.yaml")
    load_s = time.perf_counter() - start
    activate("en")
    criteria = engine.criteria_of(loaded.plan)
    board = engine.board_of(loaded.plan, criteria)
    report = engine.analyse(loaded)

    def rank_and_sensitivity() -> None:
        scoring.sensitivity(board, scoring.rank(board), 10)

    def text() -> None:
        with redirect_stdout(io.StringIO()):
            print_report(report)

    rows = [("load the plan in memory (not part of the target)", load_s, load_s)]
    rows.append(("rank + sensitivity check (scoring.rank, scoring.sensitivity)",
                 *measure(rank_and_sensitivity)))
    rows.append(("the whole analysis (engine.analyse: also reach, matrix, campaigns, findings)",
                 *measure(lambda: engine.analyse(loaded))))
    rows.append(("JSON (to_data, json.dumps)",
                 *measure(lambda: json.dumps(to_data(report), sort_keys=True))))
    rows.append(("Markdown (to_markdown)", *measure(lambda: to_markdown(report))))
    rows.append(("text report (rich, to a buffer)", *measure(text)))
    return rows


def command() -> tuple[float, int, int]:
    """Median wall seconds and peak MB of the command; the plan file's size."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(task_force(SEGMENTS, short=True), encoding="utf-8")
        seconds, mb = timed([*crmplan(), "segment", str(path), "--format", "json"],
                            COMMAND_RUNS)
        return seconds, mb, path.stat().st_size


def examples() -> list[tuple[str, float, int]]:
    largest = max(EXAMPLES, key=lambda p: p.stat().st_size)
    label = f"{largest.parent.name} ({largest.stat().st_size // 1024} KiB)"
    rows = []
    for name, extra in (("validate", None), ("segment", []), ("segment --format json",
                                                              ["--format", "json"])):
        command = [*crmplan(), "validate", str(largest)] if extra is None else [
            *crmplan(), "segment", str(largest), *extra]
        seconds, mb = timed(command, EXAMPLE_RUNS)
        rows.append((f"`crmplan {name}` on {label}", seconds, mb))
    return rows


def main() -> None:
    # Fresh processes first: a child forked while this process holds the big plan in
    # memory would report this process's pages as its own peak memory.
    example_rows = examples()
    seconds, mb, size = command()
    print(f"python {sys.version.split()[0]} on {sys.platform}")
    print()
    print(f"{SEGMENTS} segments x 10 members x 8 criteria, in one process "
          f"(median of {RUNS} runs after the first):")
    print()
    print("| phase | first run | median | target | met |")
    print("|---|---|---|---|---|")
    for index, (name, first, median) in enumerate(phases()):
        target = f"<= {TARGET_S} s" if index in (1, 2) else ""
        met = ("yes" if median <= TARGET_S else "**no**") if target else ""
        print(f"| {name} | {first:.3f} s | {median:.3f} s | {target} | {met} |")
    print()
    print(f"Fresh processes (median of {EXAMPLE_RUNS}, or {COMMAND_RUNS} for the task force):")
    print()
    print("| command | median wall | peak memory |")
    print("|---|---|---|")
    for name, wall, peak in example_rows:
        print(f"| {name} | {wall:.3f} s | {peak} MB |")
    print(f"| `crmplan segment --format json` on the task force, plan file of {size // 1024} "
          f"KiB | {seconds:.2f} s | {mb} MB |")


if __name__ == "__main__":
    main()
