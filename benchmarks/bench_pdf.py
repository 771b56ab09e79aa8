"""Speed of ``crmplan render --format pdf``, against ``crmplan validate`` of the same plan
measured in the same run.

    python benchmarks/bench_pdf.py

Target: the PDF of the largest example's strategy (``examples/b2b-manufacturer-zh``) within
5 s on the 2-core machine the project is built on.

1. ``crmplan validate`` of the example, a fresh process each time (median of 5): the
   reference, so a busy machine shows as a slower reference rather than as a slower PDF;
2. ``crmplan render --format pdf`` of the example (all four documents), a fresh process
   each time (median of 3), with its CPU time;
3. in one process, the strategy alone, phase by phase (median of 3 runs after a first one
   that loads the fonts): the HTML, WeasyPrint's layout, and writing the PDF (fonts
   subset and embedded).

Each figure is printed with its ratio to the reference. Record the tables in
docs/performance.md.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_plan_file import crmplan, timed

ROOT = Path(__file__).parents[1]
LARGEST = ROOT / "examples" / "b2b-manufacturer-zh"
TARGET_S = 5.0


def cpu_of(command: list[str], runs: int) -> float:
    """Median CPU seconds (user + system) of ``command`` over ``runs`` fresh processes."""
    found = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        found.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(found)


def phases(runs: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of each phase of the strategy's PDF, in this process."""
    from crmplan.analysis import PlanAnalysis
    from crmplan.i18n import activate
    from crmplan.plan.load import load_plan
    from crmplan.render.context import build_context
    from crmplan.render.engine import render_documents
    from crmplan.render.pdf import layout, written

    found: dict[str, list[tuple[float, float]]] = {}
    for run in range(runs + 1):
        t0 = (time.perf_counter(), time.process_time())
        loaded = load_plan(LARGEST / "plan.yaml")
        lang = loaded.plan.client.language.value
        activate(lang)
        context = build_context(PlanAnalysis(loaded), lang, None)
        html = render_documents(context, ("html",), lang, None)["strategy.html"].decode()
        t1 = (time.perf_counter(), time.process_time())
        pages = layout(html)
        t2 = (time.perf_counter(), time.process_time())
        written(pages, html)
        t3 = (time.perf_counter(), time.process_time())
        if run:  # the first run also imports WeasyPrint and reads the fonts
            for name, start, end in (
                ("plan and HTML", t0, t1),
                ("layout", t1, t2),
                ("PDF written", t2, t3),
                ("strategy PDF", t1, t3),
            ):
                found.setdefault(name, []).append((end[0] - start[0], end[1] - start[1]))
    return {
        name: (statistics.median(v[0] for v in values), statistics.median(v[1] for v in values))
        for name, values in found.items()
    }


def main() -> None:
    validate = [*crmplan(), "validate", str(LARGEST)]
    with tempfile.TemporaryDirectory() as folder:
        render = [*crmplan(), "render", str(LARGEST), "--out", folder, "--format", "pdf", "--force"]
        reference, _ = timed(validate, 5)
        wall, peak = timed(render, 3)
        cpu = cpu_of(render, 1)
        reference_cpu = cpu_of(validate, 3)
    parts = phases(3)
    print(
        f"crmplan validate {LARGEST.name} (reference): {reference:.3f} s wall, "
        f"{reference_cpu:.3f} s CPU\n"
    )
    print("| measured | wall | x validate | CPU | x validate | target |")
    print("|---|---|---|---|---|---|")
    print(
        f"| render --format pdf, four documents, fresh process | {wall:.2f} s | "
        f"{wall / reference:.1f}x | {cpu:.2f} s | {cpu / reference_cpu:.1f}x | |"
    )
    for name, (spent, busy) in parts.items():
        target = f"{TARGET_S:.0f} s" if name == "strategy PDF" else ""
        print(
            f"| strategy: {name} | {spent:.2f} s | {spent / reference:.1f}x | {busy:.2f} s | "
            f"{busy / reference_cpu:.1f}x | {target} |"
        )
    print(f"\npeak memory of the render: {peak} MB")


if __name__ == "__main__":
    main()
