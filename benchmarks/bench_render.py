"""Speed targets of ``crmplan render``, measured with the installed ``crmplan`` command.

    python benchmarks/bench_render.py

1. ``crmplan render`` of the largest example (``examples/b2b-manufacturer-zh``,
   Markdown and HTML, eight files) within 0.5 s wall;
2. ``crmplan render`` of a generated plan of 200 segments and 2,000
   touchpoints (``generate_plan.generate``) within 3 s wall.

Each command runs as a fresh process, the median of several runs. Then each
plan is rendered in one process, phase by phase (load, context, Markdown,
HTML), the median of the runs after a first one, to show where the time goes.
Record the printed tables in docs/performance.md.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_plan_file import crmplan, timed
from generate_plan import generate

ROOT = Path(__file__).parents[1]
LARGEST = ROOT / "examples" / "b2b-manufacturer-zh"
RUNS = 5
PHASE_RUNS = 3


def command(plan: Path, out: Path, runs: int) -> tuple[float, int]:
    """Median wall seconds and peak MB of ``crmplan render`` over ``runs`` fresh processes."""
    return timed([*crmplan(), "render", str(plan), "--out", str(out), "--force"], runs)


def phases(plan: Path) -> dict[str, float]:
    from crmplan.analysis import PlanAnalysis
    from crmplan.i18n import activate
    from crmplan.plan.load import load_plan
    from crmplan.render.context import build_context
    from crmplan.render.engine import render_documents

    found: dict[str, list[float]] = {}
    for run in range(PHASE_RUNS + 1):
        t0 = time.perf_counter()
        loaded = load_plan(plan)
        lang = loaded.plan.client.language.value
        activate(lang)
        t1 = time.perf_counter()
        context = build_context(PlanAnalysis(loaded), lang, None)
        t2 = time.perf_counter()
        render_documents(context, ("md",), lang, None)
        t3 = time.perf_counter()
        render_documents(context, ("html",), lang, None)
        t4 = time.perf_counter()
        if run:  # the first run also imports and compiles the templates
            for name, value in (("load", t1 - t0), ("context", t2 - t1), ("markdown", t3 - t2),
                                ("html", t4 - t3)):
                found.setdefault(name, []).append(value)
    return {name: statistics.median(values) for name, values in found.items()}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big" / "plan.yaml"
        big.parent.mkdir()
        big.write_text(generate(0), encoding="utf-8")
        size = big.stat().st_size // 1024
        largest, largest_mb = command(LARGEST, Path(folder) / "out1", RUNS)
        generated, generated_mb = command(big.parent, Path(folder) / "out2", PHASE_RUNS)
        print("| command (fresh process, median) | wall | peak | target |")
        print("|---|---|---|---|")
        print(f"| render {LARGEST.name}, md + html | {largest:.3f} s | {largest_mb} MB | 0.5 s |")
        print(f"| render generated plan ({size} KiB), md + html | {generated:.3f} s | "
              f"{generated_mb} MB | 3 s |")
        for name, plan in ((LARGEST.name, LARGEST), (f"generated ({size} KiB)", big.parent)):
            print(f"\n{name}: " + ", ".join(f"{k} {v:.3f} s" for k, v in phases(plan).items()))


if __name__ == "__main__":
    main()
