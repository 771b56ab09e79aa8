"""Speed targets of the plan-file issue, measured with the installed ``crmplan`` command.

    python benchmarks/bench_plan_file.py

1. ``crmplan --help`` within 1.5x of ``python -c "import typer"``;
2. ``crmplan validate`` on the largest example within 0.25 s wall;
3. a generated 1 MiB plan validates in under 10 s with peak memory under 300 MB.

It also times a write-back on that plan (``baseline record``, end to end) and the
check every write-back makes before it saves: the new text loaded as a whole plan.

Each command runs as a fresh process (as a user runs it); the figure is the
median of several runs. Memory is the child's peak resident set size
(``ru_maxrss``). Record the printed table in docs/performance.md.
"""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate_plan import generate

ROOT = Path(__file__).parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*/plan.yaml"))


def crmplan() -> list[str]:
    found = shutil.which("crmplan", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "crmplan"]


def timed(command: list[str], runs: int) -> tuple[float, int]:
    """Median wall seconds over ``runs`` and the largest peak RSS in MB."""
    times = []
    peak = 0
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        times.append(time.perf_counter() - start)
        peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    return statistics.median(times), peak // 1024


PHASES = """
import time
t0 = time.perf_counter()
import crmplan.cli
t1 = time.perf_counter()
import typer._adapters
t2 = time.perf_counter()
from crmplan.model import Plan
t3 = time.perf_counter()
from pathlib import Path
from crmplan.plan.reader import read_plan
from crmplan.plan.yamltree import parse_yaml
from crmplan.plan.references import check_plan
text = read_plan(Path(PATH))
parsed = parse_yaml(text.text, text.name)
t4 = time.perf_counter()
plan = Plan.model_validate(parsed.data)
check_plan(plan.model_dump(exclude_unset=True), parsed.source)
t5 = time.perf_counter()
print(f"import crmplan.cli {t1-t0:.3f} s, typer's parameter adapters {t2-t1:.3f} s, "
      f"plan models {t3-t2:.3f} s, read+parse {t4-t3:.3f} s, schema+references {t5-t4:.3f} s")
"""


def phases(path: Path) -> str:
    """Where one validate of ``path`` spends its time, measured inside a fresh process."""
    code = PHASES.replace("PATH", repr(str(path)))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    return done.stdout.strip() or done.stderr.strip()


RECHECK = """
import statistics, time
from pathlib import Path
from crmplan.plan.load import load_bytes
data = Path(PATH).read_bytes()
times = []
for _ in range(5):
    start = time.perf_counter()
    load_bytes(data, "plan.yaml")
    times.append(time.perf_counter() - start)
print(f"{statistics.median(times):.3f}")
"""


def recheck(path: Path) -> str:
    """The median time of the check before a save (the whole plan loaded from its bytes)."""
    code = RECHECK.replace("PATH", repr(str(path)))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    return done.stdout.strip() or done.stderr.strip()


def write_back(path: Path, runs: int) -> float:
    """Median wall seconds of ``baseline record`` on ``path``, each run writing a new value."""
    times = []
    for run in range(runs):
        start = time.perf_counter()
        subprocess.run([*crmplan(), "baseline", "record", "custom_kpi_0", str(41 + run),
                        "--date", "2025-02-15", "--replace", "--plan", str(path)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    rows = []
    typer_s, _ = timed([sys.executable, "-c", "import typer"], 15)
    help_s, _ = timed([*crmplan(), "--help"], 15)
    rows.append(("python -c 'import typer'", typer_s, "", ""))
    rows.append(("crmplan --help", help_s, f"{help_s / typer_s:.2f}x typer", "<= 1.5x"))
    largest = max(EXAMPLES, key=lambda p: p.stat().st_size)
    validate_s, _ = timed([*crmplan(), "validate", str(largest)], 9)
    rows.append((f"validate {largest.parent.name} ({largest.stat().st_size // 1024} KiB)",
                 validate_s, "", "<= 0.25 s"))
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "plan.yaml"
        big.write_text(generate(1_040_000), encoding="utf-8")
        big_s, big_mb = timed([*crmplan(), "validate", str(big)], 3)
        rows.append((f"validate generated plan ({big.stat().st_size // 1024} KiB)", big_s,
                     f"peak {big_mb} MB", "< 10 s, < 300 MB"))
        rows.append(("baseline record on it", write_back(big, 3),
                     f"of which the check before saving: {recheck(big)} s", ""))
    print(f"python {sys.version.split()[0]} on {sys.platform}")
    print("phases of one validate:", phases(largest))
    print("| measurement | median wall | note | target |")
    print("|---|---|---|---|")
    for name, seconds, note, target in rows:
        print(f"| {name} | {seconds:.3f} s | {note} | {target} |")


if __name__ == "__main__":
    main()
