"""The cache of loaded plans (crmplan.plan.cache): a hit only for the same bytes, name,
language and library versions; any problem with an entry is a normal load; an invalid
plan is never kept; the cache never changes what a command prints or writes."""

from __future__ import annotations

import hashlib
import os
import pickle
import shlex
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crmplan import i18n
from crmplan.cli import app
from crmplan.errors import PlanError
from crmplan.plan import cache, load
from crmplan.plan.load import LoadedPlan, load_bytes, load_plan
from render_helpers import EXAMPLES, ROOT, render_loaded

GOLDEN = ROOT / "tests" / "golden"
# the smallest valid plan, with a warning (a bidirectional control character in a comment)
PLAN = "schema_version: 1\nclient:\n  name: Acme\n# \u202e\n".encode()


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The cache turned on; the names of the plans actually loaded (cache misses)."""
    monkeypatch.setenv(cache.NO_CACHE, "")
    done: list[str] = []
    real = load._load_uncached

    def counted(text: load.PlanText) -> LoadedPlan:
        done.append(text.name)
        return real(text)

    monkeypatch.setattr(load, "_load_uncached", counted)
    yield done


def entries() -> list[Path]:
    return sorted(cache.folder().glob("*.plan"))


def same(one: LoadedPlan, other: LoadedPlan) -> bool:
    return (one.plan == other.plan and one.data == other.data and one.source == other.source
            and one.text == other.text and one.warnings == other.warnings)


def test_the_same_bytes_are_loaded_once(loads: list[str]) -> None:
    first = load_bytes(PLAN, "plan.yaml")
    again = load_bytes(PLAN, "plan.yaml")
    assert loads == ["plan.yaml"]
    assert len(entries()) == 1
    assert same(first, again)
    assert again.location(("client", "name")) == first.location(("client", "name")) \
        == "plan.yaml:3:3"
    assert [w.line for w in again.warnings] == [4]


@pytest.mark.parametrize("change", ["byte", "name", "language", "crmplan", "python",
                                    "pydantic", "pydantic-core"])
def test_anything_the_plan_depends_on_misses(change: str, loads: list[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    import pydantic
    import pydantic_core

    import crmplan

    load_bytes(PLAN, "plan.yaml")
    raw, name = PLAN, "plan.yaml"
    if change == "byte":
        raw = PLAN.replace(b"name:", b"name: ", 1)
    elif change == "name":
        name = "other/plan.yaml"
    elif change == "language":
        monkeypatch.setattr(i18n, "active_language", lambda: "ko")
        monkeypatch.setattr(cache, "active_language", lambda: "ko")
    else:
        where, attribute = {"crmplan": (crmplan, "__version__"), "python": (sys, "version"),
                            "pydantic": (pydantic, "VERSION"),
                            "pydantic-core": (pydantic_core, "__version__")}[change]
        monkeypatch.setattr(where, attribute, getattr(where, attribute) + ".1")
    loaded = load_bytes(raw, name)
    assert loads == ["plan.yaml", name]
    assert len(entries()) == 2
    assert loaded.name == name


def test_messages_in_another_language_are_kept_apart(loads: list[str]) -> None:
    raw = PLAN
    with i18n.language("ko"):
        korean = load_bytes(raw, "plan.yaml").warnings
        assert load_bytes(raw, "plan.yaml").warnings == korean
    english = load_bytes(raw, "plan.yaml").warnings
    assert loads == ["plan.yaml", "plan.yaml"]
    assert [w.message for w in english] != [w.message for w in korean]


def _damage(kind: str, entry: Path) -> None:
    data = entry.read_bytes()
    header = len(cache.FORMAT) + hashlib.sha256().digest_size
    if kind == "truncated":
        entry.write_bytes(data[: len(data) // 2])
    elif kind == "corrupt":
        entry.write_bytes(data[:-10] + bytes(b ^ 0xFF for b in data[-10:]))
    elif kind == "empty":
        entry.write_bytes(b"")
    elif kind == "unreadable":  # a folder where the file was: reading it fails, even as root
        entry.unlink()
        entry.mkdir()
    elif kind == "other format":
        entry.write_bytes(b"crmplan-plan-cache 0\n" + data[len(cache.FORMAT):])
    elif kind in ("wrong type", "another plan"):
        other = ({"plan": 1} if kind == "wrong type"
                 else load_bytes(PLAN + b"# another\n", "plan.yaml"))
        payload = pickle.dumps(other)
        entry.write_bytes(data[: len(cache.FORMAT)] + hashlib.sha256(payload).digest()
                          + payload)
    assert len(data) > header


@pytest.mark.parametrize("kind", ["truncated", "corrupt", "empty", "unreadable",
                                  "other format", "wrong type", "another plan"])
def test_a_damaged_entry_is_a_normal_load(kind: str, loads: list[str]) -> None:
    first = load_bytes(PLAN, "plan.yaml")
    (entry,) = entries()
    _damage(kind, entry)
    again = load_bytes(PLAN, "plan.yaml")
    assert loads[-1] == "plan.yaml" and len(loads) == (3 if kind == "another plan" else 2)
    assert same(first, again)


class _Payload:
    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self) -> tuple[Callable[[str], int], tuple[str]]:
        return (os.system, (self.command,))


def test_a_tampered_entry_runs_nothing(loads: list[str], tmp_path: Path) -> None:
    load_bytes(PLAN, "plan.yaml")
    (entry,) = entries()
    proof = tmp_path / "ran"
    payload = pickle.dumps(_Payload(f"touch {shlex.quote(str(proof))}"))
    entry.write_bytes(cache.FORMAT + hashlib.sha256(payload).digest() + payload)
    assert load_bytes(PLAN, "plan.yaml").plan.client.name
    assert not proof.exists()
    assert loads == ["plan.yaml", "plan.yaml"]


def test_an_invalid_plan_is_never_kept(loads: list[str]) -> None:
    broken = PLAN.replace(b"schema_version: 1", b"schema_version: 1\nclient: twice", 1)
    for _ in range(2):
        with pytest.raises(PlanError):
            load_bytes(broken, "plan.yaml")
    assert loads == ["plan.yaml", "plan.yaml"]
    assert entries() == []


def test_the_cache_is_off_with_the_environment_variable(
        loads: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.NO_CACHE, "1")
    load_bytes(PLAN, "plan.yaml")
    load_bytes(PLAN, "plan.yaml")
    assert loads == ["plan.yaml", "plan.yaml"]
    assert not cache.folder().exists()


@pytest.mark.slow
def test_the_cache_is_off_with_the_root_option(loads: list[str], tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples" / "online-retailer-en", tmp_path / "plan")
    runner = CliRunner()
    for _ in range(2):
        result = runner.invoke(app, ["--no-cache", "validate", str(tmp_path / "plan")])
        assert result.exit_code == 0, result.output
    assert len(loads) == 2
    assert entries() == []


def test_a_folder_that_cannot_be_written_is_a_normal_load(
        loads: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert load_bytes(PLAN, "plan.yaml").plan.client.name
    assert load_bytes(PLAN, "plan.yaml").plan.client.name
    assert loads == ["plan.yaml", "plan.yaml"]


def test_the_folder_is_pruned_least_recently_used_first(loads: list[str]) -> None:
    for number in range(4):
        load_bytes(PLAN + f"# {number}\n".encode(), "plan.yaml")
    found = entries()
    for age, entry in enumerate(sorted(found, key=lambda p: p.stat().st_mtime)):
        os.utime(entry, (1_000_000 + age, 1_000_000 + age))
    load_bytes(PLAN + b"# 0\n", "plan.yaml")  # a hit: now the most recently used
    size = found[0].stat().st_size
    cache.prune(cache.folder(), limit=2 * size + size // 2)
    kept = entries()
    assert len(kept) == 2
    hit = load_bytes(PLAN + b"# 0\n", "plan.yaml")
    assert hit.plan.client.name and loads.count("plan.yaml") == 4


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
def test_the_documents_of_a_plan_read_back_are_the_golden_files(
        example: str, loads: list[str]) -> None:
    path = ROOT / "examples" / example / "plan.yaml"
    load_plan(path)
    warm = load_plan(path)
    assert loads == [str(path)]
    for audience in ("client", "team"):
        files = render_loaded(warm, audience=audience)
        folder = GOLDEN / example / audience
        assert {name: (folder / name).read_bytes() for name in files} == files


COMMANDS = ["validate {plan}", "assess {plan} --format json", "baseline {plan}",
            "journey {plan}", "segment {plan}", "review {plan}", "review {plan} --since HEAD",
            "render {plan} --out {out}"]


@pytest.mark.slow
def test_a_warm_cache_changes_no_output(loads: list[str], tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(ROOT / "examples" / "aesthetic-clinic-ko", plan)
    git = ["git", "-C", str(plan), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "plan"], check=True)
    runner = CliRunner()
    for command in COMMANDS:
        runs = []
        out = tmp_path / "out"
        for _ in range(2):
            result = runner.invoke(app, shlex.split(command.format(plan=plan, out=out)))
            written = {p.name: p.read_bytes() for p in out.iterdir()} if out.exists() else {}
            shutil.rmtree(out, ignore_errors=True)
            runs.append((result.exit_code, result.output, written))
        assert runs[0] == runs[1], command
    assert len(loads) == 2  # the plan in its folder and at HEAD; every other load a hit
