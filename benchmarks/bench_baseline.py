"""Speed of ``crmplan baseline``: 500 KPIs x 100 snapshots within 1 s wall.

    python benchmarks/bench_baseline.py

500 KPIs with 100 snapshots each take about 3 MB of YAML, three times the
1 MiB a plan file may hold, so the target is measured in two parts:

1. the baseline analysis itself (gap table, pace, status, SMART check,
   problem list, and rendering as JSON, Markdown and text) on a plan of
   500 x 100 built in memory, the median of several runs in this process;
2. the whole command, as a fresh process, on the largest plan with 100
   snapshots per KPI that fits in 1 MiB, as text and with ``--format json``.

Record the printed tables in docs/performance.md.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from bench_plan_file import crmplan, timed
from generate_plan import HEADER, kpi

TARGET_S = 1.0
KPIS, SNAPSHOTS = 500, 100
RUNS = 7
PLAN_CAP = 1024 * 1024


def plan_data(kpis: int, snapshots: int) -> dict[str, Any]:
    """A valid plan of ``kpis`` custom KPIs with ``snapshots`` each, and a goal per KPI."""
    start = dt.date(2020, 1, 1)
    return {
        "schema_version": 1,
        "client": {"name": "Benchmark Retail Co."},
        "kpis": [{
            "id": f"kpi_{k}", "unit": "percent", "direction": "higher" if k % 2 else "lower",
            "definition": {"counts": "Customers who did the measured thing"},
            "baseline": {"value": 40.0, "as_of": start, "source": "CRM"},
            "target": {"value": 55.0 if k % 2 else 25.0, "by": dt.date(2030, 1, 1)},
            "snapshots": [{"date": start + dt.timedelta(days=14 * (s + 1)),
                           "value": 40.0 + (s % 7) - 3, "source": "monthly report"}
                          for s in range(snapshots)],
        } for k in range(kpis)],
        "goals": {"smart": [{"id": f"g_{k}", "statement": "Move the KPI", "kpi": f"kpi_{k}",
                             "scope": "All customers", "business_goal": "Grow"}
                            for k in range(kpis)]},
    }


def analysis_seconds() -> dict[str, float]:
    """Median seconds of each part of the analysis of a 500 x 100 plan built in memory."""
    from crmplan.analysis import PlanAnalysis
    from crmplan.baseline.report import to_data, to_markdown
    from crmplan.commands.baseline import _print_text
    from crmplan.model.plan import Plan
    from crmplan.output import print_json
    from crmplan.plan.load import LoadedPlan
    from crmplan.plan.reader import PlanText
    from crmplan.plan.source import SourceMap

    data = plan_data(KPIS, SNAPSHOTS)
    loaded = LoadedPlan(Plan.model_validate(data), data, SourceMap("plan.yaml"),
                        PlanText("plan.yaml", "", False, b""))
    samples: dict[str, list[float]] = {"analysis": [], "json": [], "md": [], "text": []}
    for _ in range(RUNS):
        t0 = time.perf_counter()
        report = PlanAnalysis(loaded).baseline
        t1 = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            print_json(to_data(report))
            t2 = time.perf_counter()
            to_markdown(report)
            t3 = time.perf_counter()
            _print_text(report)
            t4 = time.perf_counter()
        for name, (a, b) in zip(samples, [(t0, t1), (t1, t2), (t2, t3), (t3, t4)], strict=True):
            samples[name].append(b - a)
    return {name: statistics.median(values) for name, values in samples.items()}


def capped_plan(snapshots: int) -> tuple[str, int]:
    """The largest generated plan with ``snapshots`` per KPI under the 1 MiB cap."""
    text, count = HEADER, 0
    while True:
        more = kpi(count, snapshots)
        if len((text + more).encode()) > PLAN_CAP - 1024:
            return text, count
        text, count = text + more, count + 1


def main() -> None:
    print(f"python {sys.version.split()[0]} on {sys.platform}")
    print()
    parts = analysis_seconds()
    total = parts["analysis"] + parts["json"]
    print(f"Analysis of {KPIS} KPIs x {SNAPSHOTS} snapshots, built in memory "
          f"(median of {RUNS}):")
    print()
    print("| part | time |")
    print("|---|---|")
    for name, seconds in parts.items():
        print(f"| {name} | {seconds:.3f} s |")
    met = "yes" if total <= TARGET_S else "**no**"
    print(f"| analysis + JSON (target <= {TARGET_S} s) | {total:.3f} s, met: {met} |")
    print()
    text, count = capped_plan(SNAPSHOTS)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(text, encoding="utf-8")
        size = path.stat().st_size // 1024
        print(f"The whole command on the largest plan under 1 MiB: {count} KPIs x "
              f"{SNAPSHOTS} snapshots, {size} KiB (median of {RUNS} fresh processes):")
        print()
        print("| command | median wall | peak memory |")
        print("|---|---|---|")
        for extra in ([], ["--format", "json"]):
            seconds, mb = timed([*crmplan(), "baseline", str(path), *extra], RUNS)
            print(f"| crmplan baseline {' '.join(extra)} | {seconds:.3f} s | {mb} MB |")
        validate_s, validate_mb = timed([*crmplan(), "validate", str(path)], RUNS)
        print(f"| crmplan validate (loading alone) | {validate_s:.3f} s | {validate_mb} MB |")


if __name__ == "__main__":
    main()
