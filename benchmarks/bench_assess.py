"""Speed target of ``crmplan assess``, measured with the installed ``crmplan`` command.

    python benchmarks/bench_assess.py

``crmplan assess`` on the largest example (``examples/b2b-manufacturer-zh``),
as text and with ``--format json``, within 0.3 s wall. For comparison it also
times ``python -c "import typer"`` and ``crmplan validate`` on the same plan
(assess loads the plan exactly as validate does).

Each command runs as a fresh process (as a user runs it); the figure is the
median of several runs, with the child's peak resident set size. Then it
prints where one assess spends its time: each phase is timed inside a fresh
process, and the figure for each phase is the median over several such
processes. Record the printed tables in docs/performance.md.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_plan_file import crmplan, timed

ROOT = Path(__file__).parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*/plan.yaml"))
TARGET_S = 0.3
RUNS = 11
PHASE_RUNS = 7

# One assess, split into phases, in the order the command runs them. Rendering
# writes to /dev/null; the timings go to the real standard output as name=seconds.
PHASES = """
import time
t0 = time.perf_counter()
import crmplan.cli
t1 = time.perf_counter()
import typer._adapters
t2 = time.perf_counter()
from crmplan.commands import assess as command
from crmplan.assess import engine
from crmplan.assess.derive import derive_facts
from crmplan.assess.report import to_data
from crmplan.analysis import PlanAnalysis
t3 = time.perf_counter()
import os, sys
from pathlib import Path
from crmplan import output
from crmplan.i18n import activate
from crmplan.plan.load import load_plan, resolve_plan_path
loaded = load_plan(resolve_plan_path(Path(PATH)))
activate(loaded.plan.client.language.value)
t4 = time.perf_counter()
gaps = [f for j in PlanAnalysis(loaded).journeys.journeys for f in j.findings]
facts = derive_facts(loaded, gaps)
t5 = time.perf_counter()
engine.derive_facts = lambda _loaded, _gaps: facts  # evaluate the rules on the facts above
report = engine.assess(loaded, gaps)
t6 = time.perf_counter()
real, sys.stdout = sys.stdout, open(os.devnull, "w", encoding="utf-8")
output.print_json(to_data(report))
t7 = time.perf_counter()
command._print_text(report, False)
t8 = time.perf_counter()
sys.stdout = real
marks = [t0, t1, t2, t3, t4, t5, t6, t7, t8]
names = ["import_cli", "typer_adapters", "import_assess", "load", "derive", "evaluate",
         "render_json", "render_text"]
print(" ".join(f"{n}={b - a:.6f}" for n, a, b in zip(names, marks, marks[1:])))
"""

PHASE_NAMES = {
    "import_cli": "import crmplan.cli (typer, click)",
    "typer_adapters": "typer's parameter conversion (it builds on pydantic)",
    "import_assess": "import the assess command (plan models, rules, engine)",
    "load": "load the plan: read, parse YAML, schema, references",
    "derive": "derive the facts (derive.py)",
    "evaluate": "evaluate the rules (engine.py)",
    "render_json": "render --format json (to_data, json.dumps)",
    "render_text": "render text (rich, imported here)",
}


def phases(path: Path) -> dict[str, float]:
    """Median seconds of each phase of one assess of ``path``, each run a fresh process."""
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


def main() -> None:
    largest = max(EXAMPLES, key=lambda p: p.stat().st_size)
    label = f"{largest.parent.name} ({largest.stat().st_size // 1024} KiB)"
    rows = []
    start_s, _ = timed([sys.executable, "-c", "pass"], RUNS)
    rows.append(("python -c 'pass' (interpreter start)", start_s, "", "", ""))
    typer_s, _ = timed([sys.executable, "-c", "import typer"], RUNS)
    rows.append(("python -c 'import typer'", typer_s, "", "", ""))
    validate_s, validate_mb = timed([*crmplan(), "validate", str(largest)], RUNS)
    rows.append((f"validate {label}", validate_s, f"peak {validate_mb} MB", "", ""))
    for name, extra in (("assess", []), ("assess --format json", ["--format", "json"])):
        seconds, mb = timed([*crmplan(), "assess", str(largest), *extra], RUNS)
        met = "yes" if seconds <= TARGET_S else "**no**"
        rows.append((f"{name} {label}", seconds, f"peak {mb} MB", f"<= {TARGET_S} s", met))
    print(f"python {sys.version.split()[0]} on {sys.platform}")
    print()
    print("| measurement | median wall | note | target | met |")
    print("|---|---|---|---|---|")
    for name, seconds, note, target, met in rows:
        print(f"| {name} | {seconds:.3f} s | {note} | {target} | {met} |")
    print()
    timings = phases(largest)
    print(f"Where one assess of {largest.parent.name} goes (median of {PHASE_RUNS} fresh "
          "processes):")
    print()
    print("| phase | time |")
    print("|---|---|")
    for name, seconds in timings.items():
        print(f"| {PHASE_NAMES[name]} | {1000 * seconds:.1f} ms |")
    text_run = sum(s for name, s in timings.items() if name != "render_json")
    print(f"| sum for a text run (all but render json; interpreter start not included) | "
          f"{1000 * text_run:.1f} ms |")


if __name__ == "__main__":
    main()
