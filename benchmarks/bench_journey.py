"""Speed target of ``crmplan journey``, measured with the installed ``crmplan`` command.

    python benchmarks/bench_journey.py

Target: a journey of 5,000 touchpoints mapped within 1 s wall, in every format.
The plan is generated (``generate_plan.journey_plan``: one journey, 5,000
touchpoints in flow style to stay under the 1 MiB plan cap, 500 pain points,
500 opportunities, gaps for every coverage rule).

1. Each format as a user runs it: a fresh process per command, the median of
   a few runs, with the child's peak resident set size; ``crmplan validate``
   on the same plan is the floor every command pays to load it.
2. Where one run goes: each phase is timed inside a fresh process (the plan
   loaded once, then the map built and every format written to /dev/null),
   the figure for each phase the median over several such processes. The
   1 s target is checked against the journey's own work: building the map
   plus writing one format.

Also times ``crmplan journey`` on the largest example. Record the printed
tables in docs/performance.md.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_plan_file import crmplan, timed
from generate_plan import journey_plan

ROOT = Path(__file__).parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*/plan.yaml"))
TOUCHPOINTS = 5_000
TARGET_S = 1.0
RUNS = 3
EXAMPLE_RUNS = 11
PHASE_RUNS = 3
FORMATS = ("text", "json", "md", "mermaid")

PHASES = """
import os, sys, time
from pathlib import Path
t0 = time.perf_counter()
from crmplan.plan.load import load_plan
loaded = load_plan(Path(PATH))
t1 = time.perf_counter()
from crmplan import output
from crmplan.journey.mermaid import diagram
from crmplan.journey.report import to_data, to_markdown
from crmplan.journey.text import report_lines
from crmplan.analysis import PlanAnalysis
t2 = time.perf_counter()
report = PlanAnalysis(loaded).journeys
t3 = time.perf_counter()
real, sys.stdout = sys.stdout, open(os.devnull, "w", encoding="utf-8")
output.lines(report_lines(report))
t4 = time.perf_counter()
output.print_json(to_data(report))
t5 = time.perf_counter()
output.write(to_markdown(report))
t6 = time.perf_counter()
output.write(diagram(report.journeys[0]))
t7 = time.perf_counter()
sys.stdout = real
marks = [t0, t1, t2, t3, t4, t5, t6, t7]
names = ["load", "import_journey", "build", "text", "json", "md", "mermaid"]
print(" ".join(f"{n}={b - a:.6f}" for n, a, b in zip(names, marks, marks[1:])))
"""

PHASE_NAMES = {
    "load": "load the plan: read, parse YAML, schema, references (what validate does)",
    "import_journey": "import the journey modules",
    "build": "build the map: stages, KPI links, rankings, coverage gaps",
    "text": "write text (the map, the curve, rankings, gaps)",
    "json": "write --format json",
    "md": "write --format md",
    "mermaid": "write --format mermaid",
}


def phases(path: Path) -> dict[str, float]:
    """Median seconds of each phase, each run a fresh process."""
    code = PHASES.replace("PATH", repr(str(path)))
    samples: dict[str, list[float]] = {name: [] for name in PHASE_NAMES}
    for _ in range(PHASE_RUNS):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=False)
        if done.returncode != 0:
            raise SystemExit(done.stderr.strip() or done.stdout.strip())
        for pair in done.stdout.split():
            name, seconds = pair.split("=")
            samples[name].append(float(seconds))
    return {name: statistics.median(values) for name, values in samples.items()}


def end_to_end(path: Path, label: str, runs: int) -> list[tuple[str, float, str]]:
    rows = []
    seconds, mb = timed([*crmplan(), "validate", str(path)], runs)
    rows.append((f"validate {label}", seconds, f"peak {mb} MB"))
    for output in FORMATS:
        seconds, mb = timed([*crmplan(), "journey", str(path), "--format", output], runs)
        rows.append((f"journey --format {output} {label}", seconds, f"peak {mb} MB"))
    return rows


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "plan.yaml"
        plan.write_text(journey_plan(TOUCHPOINTS), encoding="utf-8")
        size = plan.stat().st_size // 1024
        rows = end_to_end(plan, f"{TOUCHPOINTS:,} touchpoints ({size} KiB)", RUNS)
        timings = phases(plan)
    largest = max(EXAMPLES, key=lambda p: p.stat().st_size)
    seconds, mb = timed([*crmplan(), "journey", str(largest)], EXAMPLE_RUNS)
    rows.append((f"journey {largest.parent.name}", seconds, f"peak {mb} MB"))
    print(f"python {sys.version.split()[0]} on {sys.platform}")
    print()
    print("| measurement | median wall | note |")
    print("|---|---|---|")
    for name, wall, note in rows:
        print(f"| {name} | {wall:.3f} s | {note} |")
    print()
    print(f"Where one run on {TOUCHPOINTS:,} touchpoints goes (median of {PHASE_RUNS} fresh "
          "processes):")
    print()
    print("| phase | time |")
    print("|---|---|")
    for name, seconds in timings.items():
        print(f"| {PHASE_NAMES[name]} | {1000 * seconds:.0f} ms |")
    print()
    print(f"| the journey's own work (build + one format) | time | within {TARGET_S} s |")
    print("|---|---|---|")
    for output in FORMATS:
        work = timings["import_journey"] + timings["build"] + timings[output]
        met = "yes" if work <= TARGET_S else "**no**"
        print(f"| {output} | {1000 * work:.0f} ms | {met} |")


if __name__ == "__main__":
    main()
