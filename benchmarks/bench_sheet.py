"""Speed targets of ``crmplan sheet export`` and ``crmplan sheet import``, measured with the
installed ``crmplan`` command.

    python benchmarks/bench_sheet.py

1. On the largest example (``examples/b2b-manufacturer-zh``): export and import (of the
   workbook as exported, so the import does every check and writes nothing) of the
   touchpoints and of the scores, within 2 s each;
2. on a generated plan with 2,000 touchpoints: export and import of the touchpoint sheet
   within 5 s each.

Each command runs as a fresh process, as a user runs it; the figure is the median of
several runs. ``crmplan validate`` on the same plan is measured in the same run, and each
figure is printed as a ratio to it too, so a slower machine shows as such. Record the
printed table in docs/performance.md.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_plan_file import crmplan, timed
from generate_plan import journey_plan

ROOT = Path(__file__).parents[1]
LARGEST = ROOT / "examples" / "b2b-manufacturer-zh" / "plan.yaml"
RUNS = 3
TOUCHPOINTS = 2_000


def measure(plan: Path, kinds: tuple[str, ...], target: float) -> list[tuple[str, float, float]]:
    """(what, seconds, ratio to validate) of each export and import of ``kinds``."""
    cli = crmplan()
    reference, _peak = timed([*cli, "validate", str(plan)], RUNS)
    rows = [(f"validate {plan.parent.name}", reference, 1.0)]
    for kind in kinds:
        book = plan.parent / f"{kind}.xlsx"
        export = [*cli, "sheet", "export", kind, str(plan), "-o", str(book), "--force"]
        seconds, _peak = timed(export, RUNS)
        rows.append((f"sheet export {kind}", seconds, seconds / reference))
        seconds, _peak = timed([*cli, "sheet", "import", str(book), str(plan)], RUNS)
        rows.append((f"sheet import {kind} (unchanged)", seconds, seconds / reference))
    for what, seconds, ratio in rows:
        met = "" if what.startswith("validate") else ("yes" if seconds <= target else "NO")
        print(f"| {what} | {seconds:.2f} s | {ratio:.2f}x | {met} |")
    return rows


def main() -> None:
    print("| command | median wall | ratio to validate | met |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        largest = folder / "largest" / "plan.yaml"
        largest.parent.mkdir()
        shutil.copy(LARGEST, largest)
        measure(largest, ("touchpoints", "scores"), 2.0)
        generated = folder / "touchpoints" / "plan.yaml"
        generated.parent.mkdir()
        generated.write_text(journey_plan(TOUCHPOINTS), encoding="utf-8")
        measure(generated, ("touchpoints",), 5.0)


if __name__ == "__main__":
    main()
