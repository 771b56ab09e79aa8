"""Speed target of the executive deck, measured with the installed ``crmplan`` command.

    python benchmarks/bench_deck.py

``crmplan render --format pptx`` of the largest example
(``examples/b2b-manufacturer-zh``) within 2 s wall. In the same run, as the reference
the machine's load moves together with, ``crmplan validate`` of the same plan: the
ratio of the two says how much the deck costs beyond reading the plan, whatever the
machine's speed at the time.

Each command runs as a fresh process, the median of several runs, with the peak
resident memory. Then the deck is built in one process phase by phase (the analyses and
context, the slides as data, drawing with python-pptx and saving, making the archive
reproducible), the median of the runs after a first one. Record the printed tables in
docs/performance.md.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_plan_file import crmplan, timed

ROOT = Path(__file__).parents[1]
LARGEST = ROOT / "examples" / "b2b-manufacturer-zh"
TARGET_S = 2.0
RUNS = 5
PHASE_RUNS = 3


def commands(out: Path) -> list[tuple[str, float, int]]:
    deck = [*crmplan(), "render", str(LARGEST), "--out", str(out), "--format", "pptx", "--force"]
    validate = [*crmplan(), "validate", str(LARGEST)]
    rows = []
    for name, command in (("render --format pptx", deck), ("validate (reference)", validate)):
        wall, peak = timed(command, RUNS)
        rows.append((name, wall, peak))
    return rows


def phases() -> dict[str, float]:
    from crmplan.analysis import PlanAnalysis
    from crmplan.i18n import activate
    from crmplan.plan.load import load_plan
    from crmplan.render.context import build_context
    from crmplan.render.deck import draw, fonts, package, theme
    from crmplan.render.deck.build import deck_slides

    found: dict[str, list[float]] = {}
    for run in range(PHASE_RUNS + 1):
        marks = [time.perf_counter()]
        loaded = load_plan(LARGEST / "plan.yaml")
        lang = loaded.plan.client.language.value
        activate(lang)
        analysis = PlanAnalysis(loaded)
        context = build_context(analysis, lang, None)
        marks.append(time.perf_counter())
        slides = deck_slides(context, analysis)
        marks.append(time.perf_counter())
        deck = theme.presentation(None, lang)
        cover, body = theme.layouts(deck)
        for spec in slides:
            draw.add_slide(deck, cover if spec.kind == "cover" else body, spec, None)
        fonts.mark(deck, lang)
        buffer = io.BytesIO()
        deck.save(buffer)
        marks.append(time.perf_counter())
        package.reproducible(buffer.getvalue(), analysis.on)
        marks.append(time.perf_counter())
        names = (
            "load, analyses, context",
            "slides as data",
            "draw and save (python-pptx)",
            "reproducible archive",
        )
        if run:  # the first run also imports python-pptx and the analyses
            for name, a, b in zip(names, marks, marks[1:], strict=False):
                found.setdefault(name, []).append(b - a)
    return {name: statistics.median(values) for name, values in found.items()}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        rows = commands(Path(folder))
    deck_wall, reference = rows[0][1], rows[1][1]
    print("| command (fresh process, median) | wall | peak | target | met |")
    print("|---|---|---|---|---|")
    for name, wall, peak in rows:
        target = f"{TARGET_S} s" if name.startswith("render") else ""
        met = ("yes" if wall <= TARGET_S else "**no**") if target else ""
        print(f"| {name} | {wall:.2f} s | {peak} MB | {target} | {met} |")
    print(f"\nratio render --format pptx / validate: {deck_wall / reference:.2f}x\n")
    print("| phase, in one process (median after a first run) | seconds |")
    print("|---|---|")
    for name, seconds in phases().items():
        print(f"| {name} | {seconds:.3f} |")


if __name__ == "__main__":
    main()
