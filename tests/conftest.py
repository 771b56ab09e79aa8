"""Shared helpers: build file trees from a dict, and the smallest valid plan."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

MINIMAL_PLAN = """\
schema_version: 1
client:
  name: Acme
"""


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` ({relative path: text or bytes}) under ``root``; return ``root``.

    Text is written as UTF-8 exactly as given (no newline translation), bytes as they are.
    """
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
    return root


Tree = Callable[[Path, dict[str, str | bytes]], Path]
T = TypeVar("T")


@pytest.fixture
def build_tree() -> Tree:
    """``build_tree(tmp_path, {"plan.yaml": "...", "data/x.csv": b"..."})`` writes the files."""
    return write_tree


@pytest.fixture
def minimal_plan() -> str:
    """The text of the smallest valid plan."""
    return MINIMAL_PLAN


@pytest.fixture(autouse=True)
def _no_user_cache(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """An internal error writes its traceback under XDG_CACHE_HOME: keep it out of ~."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    # messages in English unless a test or a plan asks for another language
    for name in ("CRMPLAN_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    # loaded plans are not kept between loads, except where a test turns the cache on
    # (tests/test_plan_cache.py); each test has a cache folder of its own anyway
    monkeypatch.setenv("CRMPLAN_NO_CACHE", "1")
    # every plan a test parses with libyaml is parsed by the pure parser too, and compared
    monkeypatch.setenv("CRMPLAN_CHECK_FAST_PATH", "1")


@pytest.fixture(autouse=True)
def _fresh_parses() -> None:
    """A test parses afresh: the parses a run shares (crmplan.plan.yamltree) are dropped,
    so a test that changes how a text is parsed (the fast path off) sees that change."""
    from crmplan.plan import yamltree

    yamltree._RECENT.clear()


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """``--lang`` activates a language for the rest of the process: put English back."""
    yield
    from crmplan import i18n

    i18n.activate("en")


@pytest.fixture
def english() -> Iterator[None]:
    """Messages in English for the test; a module opts in with
    ``pytestmark = pytest.mark.usefixtures("english")``."""
    from crmplan import i18n

    with i18n.language("en"):
        yield


@pytest.fixture
def plan_file(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """The test module's ``PLAN`` written as ``acme/plan.yaml`` in a fresh folder."""
    return write_tree(tmp_path / "acme", {"plan.yaml": request.module.PLAN}) / "plan.yaml"


def as_json(result: Any) -> dict[str, Any]:
    """What a command printed on standard output, read as JSON (a mapping)."""
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture
def runner() -> Any:
    """typer's runner, to run crmplan as a user does: ``runner.invoke(app, [...])``."""
    from typer.testing import CliRunner

    return CliRunner()


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    """A named pipe called plan.yaml; a reader left blocked on it is released afterwards."""
    path = tmp_path / "plan.yaml"
    os.mkfifo(path)
    yield path
    try:  # if crmplan opened the pipe, it waits for a writer: give it one, then EOF
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        return  # nobody is reading it
    os.close(fd)


def call_within(seconds: float, function: Callable[[], T]) -> T:
    """Run ``function`` in a thread; fail the test (instead of hanging) if it blocks."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = function()
        except BaseException as exc:  # handed back to the test below
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"still running after {seconds} s: it must not block")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]  # type: ignore[no-any-return]


@pytest.fixture
def within() -> Callable[[float, Callable[[], Any]], Any]:
    """``within(5, lambda: load_plan(path))``: the call's result, or a failure if it blocks."""
    return call_within


# -- the slow marker ---------------------------------------------------------------------------
# A test that takes more than a second carries @pytest.mark.slow, so that
# `python -m pytest -m "not slow"` gives a quick run. The summary names any that do not
# (a reminder, not a failure: a loaded machine makes any test slow now and then).
SLOW_SECONDS = 1.0
_unmarked: list[tuple[str, float]] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and report.duration > SLOW_SECONDS and "slow" not in report.keywords:
        _unmarked.append((report.nodeid, report.duration))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _unmarked:
        terminalreporter.write_sep("-", f"over {SLOW_SECONDS:g} s without @pytest.mark.slow")
        for nodeid, seconds in sorted(_unmarked, key=lambda item: -item[1]):
            terminalreporter.write_line(f"{seconds:6.2f}s {nodeid}")
