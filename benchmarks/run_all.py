"""Every speed target in one table: each command against ``import typer`` and the floor.

    python benchmarks/run_all.py            # the table (about 15 minutes on 2 shared cores)
    python benchmarks/run_all.py --rounds 3 # quicker, noisier
    python benchmarks/run_all.py --scripts  # then each bench_*.py in turn, with its own table

Every figure is the CPU time (user + system) of a fresh process, as a user runs the
command, the median over several rounds. In each round every command of a group runs
once, one after another, so the references (``python -c "import typer"`` and the floor
script, :mod:`floor`) are measured under the same load as the commands they are
compared with: on a shared machine the absolute figures move by a fifth from run to run,
the ratios much less.

Each command runs cold, with the cache of loaded plans off (``CRMPLAN_NO_CACHE=1``), and
warm, with the cache primed by one run before the round starts. The plans: the largest
example (``examples/b2b-manufacturer-zh``), a generated plan with 2,000 touchpoints in a
git repository of two commits (``review --since``), generated plans of 1x and 10x the
largest example's size (linearity), and a generated plan of 1,000 KiB (write-back).
``--data`` also runs ``bench_data.py`` (10 million orders: about ten minutes more).
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_plan_file import crmplan
from bench_review import git
from bench_review import plan as review_plan
from generate_plan import HEADER, generate, journey, kpi, segments

ROOT = Path(__file__).parents[1]
LARGEST = max(ROOT.glob("examples/*/plan.yaml"), key=lambda p: p.stat().st_size)
TYPER = "import typer"
FLOOR = "floor"


@dataclass(frozen=True)
class Command:
    name: str
    argv: Callable[[int], list[str]]  # the command line of the n-th run
    warm: bool = True  # also measured with the cache primed


def cpu_seconds(argv: list[str], env: dict[str, str]) -> float:
    """CPU time of one fresh process running ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                   check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(commands: list[Command], rounds: int, cache: Path) -> dict[str, float]:
    """Median CPU seconds of each command, cold and warm (``name`` / ``name, warm``)."""
    cold = {**os.environ, "CRMPLAN_NO_CACHE": "1", "XDG_CACHE_HOME": str(cache)}
    warm = {**os.environ, "CRMPLAN_NO_CACHE": "", "XDG_CACHE_HOME": str(cache)}
    runs: dict[str, list[float]] = {}
    counter = itertools.count()
    for command in commands:  # prime the cache (and the compiled templates)
        if command.warm:
            cpu_seconds(command.argv(next(counter)), warm)
    for _ in range(rounds):
        for command in commands:
            runs.setdefault(command.name, []).append(
                cpu_seconds(command.argv(next(counter)), cold))
            if command.warm:
                runs.setdefault(command.name + ", warm", []).append(
                    cpu_seconds(command.argv(next(counter)), warm))
    return {name: statistics.median(times) for name, times in runs.items()}


def references(plan: Path) -> list[Command]:
    return [Command(TYPER, lambda _n: [sys.executable, "-c", "import typer"], warm=False),
            Command(FLOOR, lambda _n: [sys.executable, str(Path(__file__).parent / "floor.py"),
                                       str(plan)], warm=False)]


def reads(folder: Path, review_repo: Path) -> list[Command]:
    out = folder / "out"
    return [
        Command("crmplan --help", lambda _n: [*crmplan(), "--help"], warm=False),
        Command("validate, largest example", lambda _n: [*crmplan(), "validate", str(LARGEST)]),
        Command("assess, largest example", lambda _n: [*crmplan(), "assess", str(LARGEST)]),
        Command("render (md + html), largest example", lambda n: [
            *crmplan(), "render", str(LARGEST), "--out", str(out / str(n))]),
        # the executive deck (crmplan[pptx]); target: within 2 s wall (bench_deck.py)
        Command("render --format pptx, largest example", lambda n: [
            *crmplan(), "render", str(LARGEST), "--out", str(out / f"deck-{n}"), "--format",
            "pptx"]),
        Command("review --since, 2,000 touchpoints", lambda _n: [
            *crmplan(), "review", str(review_repo / "plan.yaml"), "--since", "HEAD~1"]),
    ]


def review_repository(folder: Path) -> Path:
    """A git repository whose plan has 2,000 touchpoints, in two commits."""
    repo = folder / "review"
    repo.mkdir()
    path = repo / "plan.yaml"
    git(repo, "init", "-q")
    path.write_text(review_plan(1990), encoding="utf-8")
    git(repo, "add", "plan.yaml")
    who = ["-c", "user.email=b@example.com", "-c", "user.name=b"]
    git(repo, *who, "commit", "-qm", "one")
    path.write_text(review_plan(2000), encoding="utf-8")
    git(repo, *who, "commit", "-qam", "two")
    return repo


def scaled(times: int) -> str:
    """A generated plan about the largest example's size (84 KiB) times ``times``: KPIs,
    segments and touchpoints all ``times`` as many."""
    return (HEADER + "".join(kpi(i, 24) for i in range(5 * times)) + segments(20 * times)
            + journey(200 * times))


def linear(folder: Path) -> list[Command]:
    commands = []
    for times in (1, 10):
        path = folder / f"plan-{times}x.yaml"
        path.write_text(scaled(times), encoding="utf-8")
        for verb in ("validate", "assess"):
            commands.append(Command(f"{verb}, generated {times}x ({path.stat().st_size // 1024} "
                                    f"KiB)", lambda _n, v=verb, p=path: [*crmplan(), v, str(p)]))
    return commands


def write_back(folder: Path) -> list[Command]:
    path = folder / "big.yaml"
    path.write_text(generate(1_040_000), encoding="utf-8")
    size = path.stat().st_size // 1024
    return [Command(f"validate, generated {size} KiB", lambda _n: [
                *crmplan(), "validate", str(path)], warm=False),
            Command(f"baseline record, generated {size} KiB", lambda n: [
                *crmplan(), "baseline", "record", "custom_kpi_0", str(41 + n % 7),
                "--date", "2025-02-15", "--replace", "--plan", str(path)], warm=False)]


# the targets: measurement -> (the reference it is a ratio of, at most)
TARGETS = {
    "crmplan --help": (TYPER, 1.5),
    "validate, largest example": (FLOOR, 1.1),
    "validate, largest example, warm": (TYPER, 3.5),
    "assess, largest example, warm": (TYPER, 4.0),
    "render (md + html), largest example, warm": (TYPER, 6.0),
    "review --since, 2,000 touchpoints, warm": (TYPER, 10.0),
}


def table(results: dict[str, float]) -> None:
    typer_s, floor_s = results[TYPER], results[FLOOR]
    print("| measurement | median CPU | x `import typer` | x floor | target | met |")
    print("|---|---|---|---|---|---|")
    for name, seconds in results.items():
        target, met = "", ""
        if name in TARGETS:
            reference, limit = TARGETS[name]
            target = f"<= {limit}x {'floor' if reference == FLOOR else 'typer'}"
            met = "yes" if seconds / results[reference] <= limit else "**no**"
        print(f"| {name} | {seconds:.3f} s | {seconds / typer_s:.2f}x | "
              f"{seconds / floor_s:.2f}x | {target} | {met} |")


def growth(results: dict[str, float]) -> None:
    """How the cost above ``import typer`` grows from the 1x plan to the 10x plan."""
    typer_s = results[TYPER]
    for verb in ("validate", "assess"):
        for warm in ("", ", warm"):
            one, ten = (next(s for n, s in results.items()
                             if n.startswith(f"{verb}, generated {x}x") and n.endswith(warm)
                             and (warm or not n.endswith("warm"))) for x in (1, 10))
            print(f"- {verb}{warm}: 10x the plan costs {(ten - typer_s) / (one - typer_s):.1f}x "
                  "above `import typer` (linear: at most 10x)")


def write_back_ratio(results: dict[str, float]) -> None:
    validate = next(s for n, s in results.items() if n.startswith("validate, generated"))
    record = next(s for n, s in results.items() if n.startswith("baseline record"))
    print(f"- baseline record / validate of the same plan: {record / validate:.2f}x "
          "(target: at most 2x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--groups", default="reads,linearity,write-back",
                        help="which tables, comma-separated")
    parser.add_argument("--scripts", action="store_true", help="then run each bench_*.py")
    parser.add_argument("--data", action="store_true", help="bench_data.py too, with --scripts")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} cores; "
          f"median CPU of {args.rounds} rounds; floor: benchmarks/floor.py on "
          f"{LARGEST.parent.name}", flush=True)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        repo = review_repository(folder)
        groups = [("reads", reads(folder, repo), args.rounds, None),
                  ("linearity", linear(folder), args.rounds, growth),
                  ("write-back", write_back(folder), max(3, args.rounds // 2), write_back_ratio)]
        for label, commands, rounds, summary in groups:
            if label not in args.groups.split(","):
                continue
            results = measure(references(LARGEST) + commands, rounds, folder / f"cache-{label}")
            print(f"\n### {label}\n", flush=True)
            table(results)
            if summary is not None:
                print()
                summary(results)
    if args.scripts:
        for script in sorted(Path(__file__).parent.glob("bench_*.py")):
            if script.name == "bench_data.py" and not args.data:
                continue
            print(f"\n### {script.name}\n", flush=True)
            subprocess.run([sys.executable, str(script)], check=False)


if __name__ == "__main__":
    main()
