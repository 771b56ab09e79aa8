"""Mutation testing of the modules that decide what a client reads.

Run it after any change to a module in MODULES (or to its tests):

    python tools/mutation.py                     # every module, one after the other
    python tools/mutation.py assess/rules.py     # one module
    python tools/mutation.py kpi/progress.py --show-survivors

Each module is mutated in a temporary copy of the checkout (the checkout is never
written), one module at a time, with only the test files MODULES lists for it and at most
two worker processes:

- its functions by mutmut (function bodies: operators, constants, calls, returns);
- its top-level tables and constants by tools/table_mutants.py, which mutmut skips.

It prints one line per module, ``MODULE mutants killed survived score``: ``survived``
counts the survivors not listed as equivalent, and the score is killed / (mutants -
equivalent). A survivor judged equivalent is listed in a test file, one comment a line:

    # equivalent mutant: kpi/progress.py x_status__mutmut_7 — <why no test can tell>

It exits 1 when a module scores under 95% or cannot be measured (its tests fail
unmutated), 2 on bad usage, 130 on Ctrl-C.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import math
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import table_mutants

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path("src/crmplan")
RUNNER = Path(__file__).with_name("mutation_runner.py")
THRESHOLD = 95.0
CLEAN_TIMEOUT = 3600
MAX_WORKERS = 2
# Every run leaves out the tests marked slow: end-to-end runs and long hypothesis searches
# that the fast tests of the same module already cover, and that would turn a module's
# minutes into hours. pytest's cache stays off, so no run reorders another.
PYTEST_OPTIONS = ("-p", "no:cacheprovider", "-m", "not slow")

# Each decision module and the test files that pin it, the quickest and most pointed first
# (a mutant's run stops at its first failing test).
MODULES: dict[str, tuple[str, ...]] = {
    # what to do first, readiness, maturity, the recommendation
    "assess/rules.py": ("tests/test_assess_rules.py", "tests/test_assess.py"),
    "assess/engine.py": ("tests/test_assess_engine.py", "tests/test_assess.py"),
    "assess/decision.py": ("tests/test_assess_decision.py", "tests/test_assess.py"),
    "assess/derive.py": ("tests/test_assess_derive.py", "tests/test_assess.py"),
    # KPI status: on track, at risk, off track; a KPI's figures as the reader sees them
    "kpi/progress.py": ("tests/test_kpi_progress.py",),
    "kpi/values.py": ("tests/test_kpi_values.py",),
    "baseline/smart.py": ("tests/test_baseline_smart.py",),
    "baseline/problems.py": (
        "tests/test_baseline_problem_rules.py",
        "tests/test_baseline_problems.py",
    ),
    # the data KPIs' periods, counts (DuckDB on a nine-row export) and figures
    "data/kpis.py": ("tests/test_data_kpis.py",),
    # the journey map: pain points and opportunities ranked, coverage gaps
    "journey/rules.py": (
        "tests/test_journey_rules.py",
        "tests/test_journey_build.py",
        "tests/test_journey.py",
    ),
    "journey/build.py": ("tests/test_journey_build.py", "tests/test_journey.py"),
    "journey/coverage.py": ("tests/test_journey_build.py", "tests/test_journey.py"),
    "journey/data.py": ("tests/test_journey_build.py", "tests/test_journey.py"),
    # segment rank, the priority matrix, the findings, the task force's scores
    "segment/rules.py": ("tests/test_segment_rules.py", "tests/test_segment.py"),
    "segment/engine.py": ("tests/test_segment_engine.py", "tests/test_segment.py"),
    "segment/matrix.py": ("tests/test_segment_matrix.py", "tests/test_segment.py"),
    "segment/checks.py": ("tests/test_segment_checks.py", "tests/test_segment.py"),
    "segment/scoring.py": ("tests/test_segment_scoring.py", "tests/test_segment.py"),
    "segment/score.py": ("tests/test_segment_score.py", "tests/test_segment_cli.py"),
    # a campaign's lift against its control group, its interval, whether it can be tested
    "segment/lift.py": ("tests/test_segment_lift.py",),
    # a segment's programme against its reachable value; a campaign's simulated revenue
    "segment/economics.py": ("tests/test_segment_economics.py", "tests/test_segment.py"),
    # the six-month review: what is due and overdue, stale figures, KPIs since the last review
    "review/upkeep.py": ("tests/test_review_upkeep.py", "tests/test_review.py"),
    "review/status.py": ("tests/test_review_status.py", "tests/test_review.py"),
    # the lossless writer: every edit a command makes to a client's plan
    "plan/edit.py": ("tests/test_edit.py", "tests/test_edit_safety.py"),
}

EQUIVALENT_MARK = re.compile(r"^\s*#\s*equivalent mutant:")
EQUIVALENT = re.compile(
    r"^\s*#\s*equivalent mutant:\s+(?P<module>\S+)\s+(?P<mutant>\S+)"
    r"\s+(?:—|--)\s+(?P<reason>\S.*)$"
)

# mutmut's statuses, as this score counts them
KILLED = frozenset({"killed", "timeout", "segfault", "caught by type check"})
SURVIVED = frozenset({"survived", "no tests", "suspicious"})


@dataclass(frozen=True)
class Equivalent:
    """A survivor a test file lists as equivalent, with the reason it gives."""

    module: str
    mutant: str
    reason: str
    where: str


@dataclass
class Outcome:
    """Every mutant of one module and what its tests did with it."""

    module: str
    status: dict[str, str] = field(default_factory=dict)  # mutant name -> killed|survived
    diffs: dict[str, str] = field(default_factory=dict)  # a survivor's diff
    error: str = ""

    def survivors(self) -> list[str]:
        return [name for name, status in self.status.items() if status == "survived"]


@dataclass(frozen=True)
class Tally:
    """The numbers of one module's line."""

    module: str
    mutants: int
    killed: int
    survived: int
    equivalent: int

    @property
    def score(self) -> float | None:
        counted = self.mutants - self.equivalent
        return None if counted == 0 else 100.0 * self.killed / counted

    def line(self) -> str:
        """``MODULE mutants killed survived score``, then the equivalents and the verdict
        when there is one to say: ``(3 equivalent)``, ``under 95%``."""
        score = "n/a" if self.score is None else f"{self.score:.1f}%"
        line = f"{self.module} {self.mutants} {self.killed} {self.survived} {score}"
        if self.equivalent:
            line += f" ({self.equivalent} equivalent)"
        return line if self.passes else f"{line} under {THRESHOLD:.0f}%"

    @property
    def passes(self) -> bool:
        return self.score is None or self.score >= THRESHOLD


def tally(outcome: Outcome, equivalents: Iterable[Equivalent]) -> Tally:
    """Count ``outcome``: a survivor listed as equivalent counts as neither killed nor
    survived; a listed mutant that was killed (or no longer exists) changes nothing."""
    listed = {e.mutant for e in equivalents if e.module == outcome.module}
    survivors = set(outcome.survivors())
    killed = sum(status == "killed" for status in outcome.status.values())
    return Tally(
        outcome.module,
        len(outcome.status),
        killed,
        len(survivors - listed),
        len(survivors & listed),
    )


def parse_equivalents(text: str, where: str) -> tuple[list[Equivalent], list[str]]:
    """The equivalent mutants a test file lists, and the lines that try to but are
    malformed (each as ``where:line: text``)."""
    found: list[Equivalent] = []
    malformed: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not EQUIVALENT_MARK.match(line):
            continue
        match = EQUIVALENT.search(line)
        if match is None:
            malformed.append(f"{where}:{number}: {line.strip()}")
        else:
            found.append(
                Equivalent(
                    match["module"], match["mutant"], match["reason"].strip(), f"{where}:{number}"
                )
            )
    return found, malformed


def equivalents_in(root: Path) -> tuple[list[Equivalent], list[str]]:
    """Every equivalent mutant listed under ``root``/tests."""
    found: list[Equivalent] = []
    malformed: list[str] = []
    for path in sorted((root / "tests").rglob("*.py")):
        more, bad = parse_equivalents(path.read_text("utf-8"), str(path.relative_to(root)))
        found += more
        malformed += bad
    return found, malformed + _misplaced(found)


def _misplaced(found: list[Equivalent]) -> list[str]:
    """The comments that name a module MODULES does not list, or a mutant another comment
    lists already."""
    wrong = [f"{e.where}: {e.module} is not a module of MODULES" for e in found
             if e.module not in MODULES]
    first: dict[tuple[str, str], str] = {}
    for e in found:
        if (e.module, e.mutant) in first:
            wrong.append(f"{e.where}: {e.module} {e.mutant} is listed already, at "
                         f"{first[e.module, e.mutant]}")
        first.setdefault((e.module, e.mutant), e.where)
    return wrong


# -- the copy the mutants run in ------------------------------------------------------------


def checkout_files(root: Path) -> list[str]:
    """The checkout as git sees it: tracked and untracked files, ignored ones left out."""
    listed = subprocess.run(
        ["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    return sorted(name for name in listed.split("\0") if name and (root / name).is_file())


def copy_checkout(root: Path, files: list[str], destination: Path) -> Path:
    for name in files:
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target)
    return destination


def test_environment(copy: Path) -> dict[str, str]:
    """The copy's own sources first on the path, one hash seed for every run."""
    return {**os.environ, "PYTHONPATH": str(copy / "src"), "PYTHONHASHSEED": "0"}


def run_tests(copy: Path, tests: tuple[str, ...]) -> tuple[int, str]:
    """pytest on ``tests`` in ``copy``, stopping at the first failure: (exit code, output)."""
    command = [sys.executable, "-m", "pytest", "-x", "-q", *PYTEST_OPTIONS, *tests]
    done = subprocess.run(
        command,
        cwd=copy,
        env=test_environment(copy),
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


class RunnerStopped(RuntimeError):
    """The process that forks the test runs is gone (killed, or out of memory)."""


class Runner:
    """tools/mutation_runner.py in one copy: runs the tests afresh on request, forked from
    a process that has imported pytest and the libraries once."""

    def __init__(self, copy: Path, tests: tuple[str, ...]) -> None:
        self.copy = copy
        self.process = subprocess.Popen(
            [sys.executable, str(RUNNER), *tests],
            cwd=copy,
            env=test_environment(copy),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def run(self, module: Path, timeout: float) -> int:
        """pytest's exit code with ``module`` as it is now in the copy; -1 past
        ``timeout`` seconds. The module's bytecode is dropped first: a mutant of the same
        size, written in the same second, would otherwise run the previous one's."""
        for compiled in (self.copy / module).parent.glob(f"__pycache__/{module.stem}.*.pyc"):
            compiled.unlink()
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(f"{math.ceil(timeout)}\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise RunnerStopped(f"the test runner in {self.copy} stopped")
        return int(answer)

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


@contextmanager
def runners(copies: list[Path], tests: tuple[str, ...]) -> Iterator[list[Runner]]:
    started = [Runner(copy, tests) for copy in copies]
    try:
        yield started
    finally:
        for runner in started:
            runner.close()


# -- the tables and constants: tools/table_mutants.py ---------------------------------------


def table_outcome(
    module: str,
    workers: list[Runner],
    timeout: float,
    show: bool,
    say: Callable[[str], None],
) -> Outcome:
    """Each mutant of ``module``'s tables run against its tests, spread over ``workers``."""
    path = PACKAGE / module
    original = (workers[0].copy / path).read_text("utf-8")
    mutants = table_mutants.mutants(original)
    say(f"{module}: {len(mutants)} mutants of its tables")
    free: queue.Queue[Runner] = queue.Queue()
    for worker in workers:
        free.put(worker)

    def run(mutant: table_mutants.Mutant) -> str:
        worker = free.get()
        try:
            with _mutated(worker.copy / path, mutant.source, original):
                code = worker.run(path, timeout)
            return "survived" if code == 0 else "killed"
        finally:
            free.put(worker)

    outcome = Outcome(module)
    with ThreadPoolExecutor(max_workers=len(workers)) as pool:
        for done, (mutant, status) in enumerate(
            zip(mutants, pool.map(run, mutants), strict=True), 1
        ):
            if done % 25 == 0:
                say(f"{module}: {done} of {len(mutants)} table mutants run")
            outcome.status[mutant.name] = status
            if status == "survived" and show:
                outcome.diffs[mutant.name] = f"# {mutant.description}\n" + mutant.diff(
                    original, f"src/crmplan/{module}"
                )
    return outcome


@contextmanager
def _mutated(path: Path, source: str, original: str) -> Iterator[None]:
    path.write_text(source, "utf-8")
    try:
        yield
    finally:
        path.write_text(original, "utf-8")


# -- the functions: mutmut --------------------------------------------------------------------


def has_functions(source: str) -> bool:
    """Whether mutmut has anything to mutate: a function or a method."""
    return any(
        isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        for node in ast.walk(ast.parse(source))
    )


def mutmut_config(module: str, tests: tuple[str, ...], copy: Path) -> str:
    """The [tool.mutmut] table for one module: only it mutated, only its tests run, and
    the files the tests read beside the package copied along."""
    beside = sorted({path.name for path in copy.iterdir()} - {"src", "tests"})
    lines = [
        "[tool.mutmut]",
        'source_paths = ["src"]',
        f"only_mutate = [{json.dumps(str(PACKAGE / module))}]",
        f"pytest_add_cli_args_test_selection = {json.dumps(list(tests))}",
        f"pytest_add_cli_args = {json.dumps(list(PYTEST_OPTIONS))}",
        f"also_copy = {json.dumps(beside)}",
    ]
    return "\n".join(lines) + "\n"


def mutmut_outcome(
    module: str, copy: Path, tests: tuple[str, ...], workers: int, show: bool
) -> Outcome:
    """mutmut on ``module``'s functions in ``copy``; each mutant's mutmut status."""
    from mutmut.stats import status_by_exit_code

    pyproject = copy / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text("utf-8") + "\n" + mutmut_config(module, tests, copy), "utf-8"
    )
    mutmut = [str(Path(sys.executable).with_name("mutmut"))]
    environment = {**os.environ, "PYTHONHASHSEED": "0"}
    environment.pop("PYTHONPATH", None)
    done = subprocess.run(
        [*mutmut, "run", "--max-children", str(workers)],
        cwd=copy,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    outcome = Outcome(module)
    meta = copy / "mutants" / PACKAGE / (module + ".meta")
    if done.returncode != 0 or not meta.is_file():
        outcome.error = "mutmut failed: " + _tail(done.stdout + done.stderr)
        return outcome
    prefix = ".".join(("crmplan", *Path(module).with_suffix("").parts)) + "."
    codes = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
    for name, code in sorted(codes.items()):
        status = status_by_exit_code[code]
        short = name.removeprefix(prefix)
        outcome.status[short] = (
            "killed" if status in KILLED else "survived" if status in SURVIVED else status
        )
        if show and outcome.status[short] == "survived":
            shown = subprocess.run(
                [*mutmut, "show", name],
                cwd=copy,
                env=environment,
                capture_output=True,
                text=True,
                check=False,
            )
            outcome.diffs[short] = shown.stdout.strip()
    unfinished = sorted({s for s in outcome.status.values() if s not in ("killed", "survived")})
    if unfinished:
        outcome.error = "mutmut left mutants unchecked: " + ", ".join(unfinished)
    return outcome


def _tail(text: str, lines: int = 12) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


# -- one module, start to end -----------------------------------------------------------------


def measure(
    module: str, files: list[str], workers: int, show: bool, say: Callable[[str], None]
) -> Outcome:
    """Both kinds of mutant of ``module``, in copies of the checkout made for it alone."""
    tests = MODULES[module]
    missing = [test for test in tests if test not in files]
    if missing:
        return Outcome(module, error="test files missing: " + ", ".join(missing))
    with tempfile.TemporaryDirectory(prefix="crmplan-mutation-") as temporary:
        copies = [copy_checkout(ROOT, files, Path(temporary) / f"copy{n}") for n in range(workers)]
        try:
            with runners(copies, tests) as started:
                outcome = _tables_if_clean(module, started, show, say)
        except RunnerStopped as stopped:
            return Outcome(module, error=str(stopped))
        if outcome.error:
            return outcome
        source = (copies[0] / PACKAGE / module).read_text("utf-8")
        if has_functions(source):
            say(f"{module}: mutmut on its functions")
            functions = mutmut_outcome(module, copies[0], tests, workers, show)
            outcome.status.update(functions.status)
            outcome.diffs.update(functions.diffs)
            outcome.error = functions.error
    return outcome


def _tables_if_clean(
    module: str, workers: list[Runner], show: bool, say: Callable[[str], None]
) -> Outcome:
    """The table mutants, once the tests pass unmutated; a mutant's run may take ten times
    as long as the clean one (a minute at least) before it counts as looping."""
    started = time.monotonic()
    if workers[0].run(PACKAGE / module, timeout=CLEAN_TIMEOUT) != 0:
        code, output = run_tests(workers[0].copy, MODULES[module])
        return Outcome(
            module, error=f"tests fail unmutated (pytest exit {code}):\n" + _tail(output)
        )
    timeout = max(60.0, 10 * (time.monotonic() - started))
    return table_outcome(module, workers, timeout, show, say)


def report(outcomes: list[Outcome], equivalents: list[Equivalent], show: bool) -> int:
    """Print the table (and the survivors); the exit code the run ends with."""
    failed = False
    for outcome in outcomes:
        if outcome.error:
            print(f"{outcome.module} not measured: {outcome.error}")
            failed = True
            continue
        counts = tally(outcome, equivalents)
        print(counts.line())
        failed |= not counts.passes
    for outcome in outcomes:
        failed |= _report_equivalents(outcome, equivalents)
        if show:
            listed = {e.mutant for e in equivalents if e.module == outcome.module}
            for name in outcome.survivors():
                if name not in listed:
                    print(f"\n## {outcome.module} {name}\n{outcome.diffs.get(name, '')}")
    return 1 if failed else 0


def _report_equivalents(outcome: Outcome, equivalents: list[Equivalent]) -> bool:
    """Name each comment that lists a mutant of ``outcome`` that is killed or no longer
    exists; whether there was one (the run then fails: the list must stay true)."""
    if outcome.error:
        return False
    stale = False
    for e in (e for e in equivalents if e.module == outcome.module):
        status = outcome.status.get(e.mutant)
        if status != "survived":
            state = "no longer exists" if status is None else "is killed"
            print(f"{e.where}: equivalent mutant {e.module} {e.mutant} {state}: drop the comment")
            stale = True
    return stale


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "modules",
        nargs="*",
        metavar="MODULE",
        help="a decision module, as assess/rules.py or src/crmplan/assess/rules.py "
        "(default: every one, in turn)",
    )
    parser.add_argument(
        "--show-survivors", action="store_true", help="print each survivor as a short diff"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=MAX_WORKERS,
        choices=(1, 2),
        help=f"worker processes, 1 or 2 (default: {MAX_WORKERS}; 1 on a machine others share)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    options = arguments(argv)
    options.modules = [m.removeprefix(f"{PACKAGE}/") for m in options.modules]
    unknown = [m for m in options.modules if m not in MODULES]
    if unknown:
        print(
            f"unknown module: {', '.join(unknown)}; one of: {', '.join(MODULES)}", file=sys.stderr
        )
        return 2
    if importlib.util.find_spec("mutmut") is None:
        print(
            "mutmut is not installed; it comes with the test extra: pip install '.[test]'",
            file=sys.stderr,
        )
        return 2
    equivalents, malformed = equivalents_in(ROOT)
    if malformed:
        print(
            "malformed equivalent-mutant comments (expected "
            "'# equivalent mutant: MODULE MUTANT — reason'):",
            *malformed,
            sep="\n",
            file=sys.stderr,
        )
        return 2
    files = checkout_files(ROOT)

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    outcomes = [
        measure(module, files, options.workers, options.show_survivors, say)
        for module in options.modules or MODULES
    ]
    return report(outcomes, equivalents, options.show_survivors)


def _stop(signum: int, _frame: object) -> None:
    """Stopped from outside: leave as Ctrl-C does, removing the temporary copies."""
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _stop)
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
