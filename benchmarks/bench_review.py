"""Speed of ``crmplan review --since``: a plan with 2,000 touchpoints within 1 s wall.

    python benchmarks/bench_review.py

A temporary git repository holds two commits of a generated plan with 2,000
touchpoints (and 20 KPIs with 24 snapshots each); the second records new
snapshots and adds touchpoints. The script times, each as a fresh process,
``crmplan review --since HEAD~1`` as text and as JSON, ``crmplan review``
without ``--since``, and ``crmplan validate`` (one load of the plan) for
comparison: ``--since`` loads the plan twice, once as it is and once from git.
Record the printed table in docs/performance.md.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_plan_file import crmplan, timed
from generate_plan import HEADER, journey, kpi

TARGET_S = 1.0
RUNS = 5


def plan(touchpoints: int, kpis: int = 20) -> str:
    return HEADER + "".join(kpi(i, 24) for i in range(kpis)) + journey(touchpoints)


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        repo = Path(folder)
        path = repo / "plan.yaml"
        git(repo, "init", "-q")
        path.write_text(plan(1990), encoding="utf-8")
        git(repo, "add", "plan.yaml")
        git(repo, "-c", "user.email=b@example.com", "-c", "user.name=b", "commit", "-qm", "one")
        path.write_text(plan(2000), encoding="utf-8")
        git(repo, "-c", "user.email=b@example.com", "-c", "user.name=b", "commit", "-qam", "two")
        size = path.stat().st_size // 1024
        print(f"python {sys.version.split()[0]} on {sys.platform}; plan of 2,000 touchpoints, "
              f"{size} KiB; median of {RUNS} fresh processes")
        print()
        print("| command | median wall | peak memory | target | met |")
        print("|---|---|---|---|---|")
        for name, args in (("review --since HEAD~1", ["review", str(path), "--since", "HEAD~1"]),
                           ("review --since HEAD~1 -f json",
                            ["review", str(path), "--since", "HEAD~1", "-f", "json"]),
                           ("review", ["review", str(path)]),
                           ("validate", ["validate", str(path)])):
            seconds, mb = timed([*crmplan(), *args], RUNS)
            target = f"<= {TARGET_S} s" if "--since" in name else ""
            met = ("yes" if seconds <= TARGET_S else "**no**") if target else ""
            print(f"| crmplan {name} | {seconds:.3f} s | {mb} MB | {target} | {met} |")


if __name__ == "__main__":
    main()
