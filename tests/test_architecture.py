"""The package's shape: no import cycle, imports only downwards through the layers, and
each analysis of a plan computed once per render.

The layers, lowest first: the base utilities, the plan's models, reading the plan, the
analyses, the documents, the language server, the commands, the command line. A module
may import from its own layer or a lower one; only the commands and the command line
print.
"""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from render_helpers import ROOT, loaded_example, render_loaded

PACKAGE = ROOT / "src" / "crmplan"

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("base", ("crmplan", "crmplan.errors", "crmplan.i18n", "crmplan.quoting",
              "crmplan.markdown", "crmplan.resources", "crmplan.atomic", "crmplan.interrupts",
              "crmplan.languages", "crmplan.findings", "crmplan.rules", "crmplan.numbers",
              "crmplan.hangul")),
    ("model", ("crmplan.model",)),
    ("plan", ("crmplan.plan",)),
    ("analyses", ("crmplan.kpi", "crmplan.assess", "crmplan.baseline", "crmplan.journey",
                  "crmplan.segment", "crmplan.review", "crmplan.data", "crmplan.sheet",
                  "crmplan.software",
                  "crmplan.steps", "crmplan.names", "crmplan.validation", "crmplan.scaffold",
                  "crmplan.schema_docs", "crmplan.plausibility", "crmplan.method",
                  "crmplan.analysis")),
    ("render", ("crmplan.render",)),
    ("editor", ("crmplan.lsp",)),
    ("commands", ("crmplan.commands", "crmplan.output")),
    ("cli", ("crmplan.cli", "crmplan.entry", "crmplan.__main__")),
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache
def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(name: str, path: Path) -> Iterator[str]:
    """Every crmplan module ``name`` imports, at its top or inside a function."""
    known = modules()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[:len(package.split(".")) - node.level + 1],
                                 *([base] if base else [])])
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                yield target


@functools.cache
def graph() -> dict[str, frozenset[str]]:
    return {name: frozenset(imported(name, path)) for name, path in modules().items()}


def layer(name: str) -> int:
    best = (-1, -1)  # (length of the matching prefix, layer)
    for number, (_label, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (name == prefix or name.startswith(prefix + ".")) and len(prefix) > best[0]:
                best = (len(prefix), number)
    assert best[1] >= 0, f"{name} belongs to no layer: add it to LAYERS"
    return best[1]


def cycles(edges: dict[str, frozenset[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while (top := stack.pop()) != node:
                component.append(top)
            component.append(node)
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def package_of(name: str) -> str:
    return ".".join(name.split(".")[:2])


def test_every_module_belongs_to_a_layer() -> None:
    for name in modules():
        layer(name)


def test_no_module_imports_a_higher_layer() -> None:
    wrong = [f"{name} ({LAYERS[layer(name)][0]}) imports {other} ({LAYERS[layer(other)][0]})"
             for name, targets in graph().items() for other in sorted(targets)
             if layer(other) > layer(name)]
    assert wrong == []


def test_no_import_cycle_between_modules() -> None:
    assert cycles(graph()) == []


def test_no_import_cycle_between_packages() -> None:
    packages: dict[str, set[str]] = defaultdict(set)
    for name, targets in graph().items():
        packages[package_of(name)] |= {package_of(t) for t in targets
                                       if package_of(t) != package_of(name)}
    assert cycles({k: frozenset(v) for k, v in packages.items()}) == []


def test_only_the_commands_and_the_command_line_print() -> None:
    printing = sorted(name for name, targets in graph().items() if "crmplan.output" in targets)
    assert [n for n in printing if layer(n) < layer("crmplan.commands")] == []


def test_the_checks_see_a_cycle_and_a_wrong_layer() -> None:
    assert cycles({"a": frozenset({"b"}), "b": frozenset({"a"}), "c": frozenset()}) == [
        ["a", "b"]]
    assert layer("crmplan.model.kpis") < layer("crmplan.plan.load") < layer("crmplan.kpi")


# -- each analysis once ----------------------------------------------------------------------

# The analyses PlanAnalysis computes, by the name crmplan.analysis imports them under.
ANALYSES = ("progress", "check_goals", "build_report", "baseline_report", "assess", "analyse",
            "review_status", "compare")
ANALYSIS_MODULES = ("crmplan.analysis", "crmplan.baseline.smart", "crmplan.journey.build",
                    "crmplan.baseline.report", "crmplan.assess.engine", "crmplan.segment.engine",
                    "crmplan.review.status", "crmplan.software")


def test_only_the_analysis_layer_runs_an_analysis() -> None:
    """Commands and documents read a PlanAnalysis; none calls an analysis of its own."""
    callers = []
    for name, path in modules().items():
        if layer(name) <= layer("crmplan.analysis"):
            continue  # the analyses call their own parts
        tree = ast.parse(path.read_text(encoding="utf-8"))
        callers += [f"{name}:{node.lineno} {node.func.id}" for node in ast.walk(tree)
                    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ANALYSES[1:]]
    assert callers == []


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many times each analysis runs, counted where it is defined (crmplan.analysis
    imports each when it is first read)."""
    import importlib

    calls: dict[str, int] = defaultdict(int)

    def counting(key: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[key] += 1
            return function(*args, **kwargs)
        return wrapper

    for key, module in zip(ANALYSES, ANALYSIS_MODULES, strict=True):
        where = importlib.import_module(module)
        monkeypatch.setattr(where, key, counting(key, getattr(where, key)))
    return calls


@pytest.mark.parametrize("example", ["aesthetic-clinic-ko", "online-retailer-en",
                                     "b2b-manufacturer-zh"])
def test_a_render_runs_each_analysis_once(example: str, counted: dict[str, int]) -> None:
    loaded = loaded_example(example)
    render_loaded(loaded)
    expected = {"progress": len(loaded.plan.kpis), "check_goals": 1, "build_report": 1,
                "baseline_report": 1, "assess": 1, "analyse": 1, "review_status": 1,
                "compare": 1 if loaded.plan.software else 0}
    assert dict(counted) == {key: n for key, n in expected.items() if n}


@pytest.mark.slow
@pytest.mark.parametrize(("command", "absent"), [
    ("segment", ("crmplan.assess", "crmplan.journey", "crmplan.review", "crmplan.render")),
    ("journey", ("crmplan.assess", "crmplan.segment", "crmplan.render")),
    ("validate", ("crmplan.assess", "crmplan.render")),
])
def test_a_command_imports_only_the_analyses_it_reads(command: str,
                                                      absent: tuple[str, ...]) -> None:
    code = ("import sys\nfrom crmplan.cli import main\nsys.argv = ['crmplan', *sys.argv[1:]]\n"
            "code = main()\nprint(' '.join(sorted(sys.modules)), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code, command,
                           str(ROOT / "examples" / "online-retailer-en")],
                          capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    loaded = done.stderr.split()
    assert [m for m in loaded if m.startswith(absent)] == []
