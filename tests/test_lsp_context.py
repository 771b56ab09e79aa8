"""Completion knows where the cursor stands from what YAML says, not from the indentation:
a list in brackets over two lines, a ``|`` or ``>`` text holding ``key:`` or ``- ``, a
comment, a quoted key. Driven over standard input and output (tests/lsp_client.py) on the
three examples, on copies with a broken reference, and while the line is half-typed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lsp_client import LspClient

ROOT = Path(__file__).parents[1]
EXAMPLES = sorted(p.parent.name for p in (ROOT / "examples").glob("*/plan.yaml"))
pytestmark = pytest.mark.slow  # each test talks to a server process


@pytest.fixture(scope="module")
def server() -> Iterator[LspClient]:
    client = LspClient()
    client.initialize(initializationOptions={"lang": "en"})
    yield client
    if client.process.poll() is None:
        client.close()


class Probe:
    """An example with a touchpoint of every shape put before its first touchpoint, and
    where the probes stand in it."""

    def __init__(self, example: str, broken: bool) -> None:
        text = (ROOT / "examples" / example / "plan.yaml").read_text(encoding="utf-8")
        first = re.compile(r"^( +)- id: \w+\n(?:.*\n)*? +stage: (\w+)", re.M).search(
            text, text.index("touchpoints:")
        )
        assert first is not None
        section = re.search(r"^kpis:\n((?:[ #].*\n|\n)*)", text, re.M)
        assert section is not None
        self.kpis = re.findall(r"^  - id: (\w+)", section.group(1), re.M)
        dash, stage = first.group(1), first.group(2)
        key = dash + "  "
        self.rows = [
            f"{dash}- id: tp_probe",
            f'{key}"name": Probe',
            f'{key}"stage": {stage}',
            f"{key}thoughts: |",
            f"{key}  stage: not a key",
            f"{key}  channel: nor this",
            f"{key}customer_goal: >",
            f"{key}  - not a list item",
            f"{key}# channel: a comment, not a key",
            f"{key}kpis: [{self.kpis[0]},",
            f"{key}  {self.kpis[1]}]",
            f"{key}channel: email",
            key,
        ]
        at = first.start()
        self.before = text[:at].count("\n")
        self.text = text[:at] + "\n".join(self.rows) + "\n" + text[at:]
        if broken:  # a reference misspelt elsewhere: the plan is still YAML
            self.text = re.sub(r"(segment: \w+)", r"\1x", self.text, count=1)

    def spot(self, row: int, before: str = "") -> tuple[int, int]:
        """Row ``row`` of the probe, at its end or just before ``before``."""
        text = self.rows[row]
        return self.before + row, text.rindex(before) if before else len(text)


def _labels(answer: dict[str, Any]) -> list[str]:
    return [item["label"] for item in answer["items"]]


def _complete(server: LspClient, uri: str, spot: tuple[int, int]) -> list[str]:
    return _labels(server.at("textDocument/completion", uri, *spot))


@pytest.mark.parametrize("broken", [False, True], ids=["as is", "a broken reference"])
@pytest.mark.parametrize("example", EXAMPLES)
def test_the_cursors_place_follows_the_yaml(
    server: LspClient, example: str, broken: bool, tmp_path: Path
) -> None:
    probe = Probe(example, broken)
    uri = server.open(tmp_path / "plan.yaml", probe.text)
    server.diagnostics(uri)
    # a text over several lines: nothing to complete, whatever it holds
    assert _complete(server, uri, probe.spot(4)) == []  # `stage: not a key` inside |
    assert _complete(server, uri, probe.spot(5)) == []  # `channel: nor this` inside |
    assert _complete(server, uri, probe.spot(7)) == []  # `- not a list item` inside >
    assert _complete(server, uri, probe.spot(8)) == []  # a comment
    # the second line of a list in brackets: the plan's KPIs
    second = _complete(server, uri, probe.spot(10, probe.kpis[1][2:]))
    assert set(probe.kpis) <= set(second)
    # a quoted key's value
    stages = _complete(server, uri, probe.spot(2))
    assert stages and all(":" not in label for label in stages)
    assert re.search(r'"stage": (\w+)', probe.rows[2]).group(1) in stages  # type: ignore[union-attr]
    # a new key: the keys not written yet, the quoted ones counted as written
    keys = _complete(server, uri, probe.spot(12))
    assert "owner" in keys and "evidence" in keys
    assert not {"id", "name", "stage", "thoughts", "customer_goal", "kpis", "channel"} & set(keys)


@pytest.mark.parametrize("example", EXAMPLES)
def test_a_half_typed_line_is_read_against_the_last_text_that_was_yaml(
    server: LspClient, example: str, tmp_path: Path
) -> None:
    probe = Probe(example, broken=False)
    uri = server.open(tmp_path / "plan.yaml", probe.text)
    server.diagnostics(uri)
    line, _character = probe.spot(10)
    lines = probe.text.split("\n")
    lines[line] = lines[line].rstrip("]")[:-3]  # `  repea`: the bracket not closed yet
    half = "\n".join(lines)
    server.change(uri, 2, half)
    shown = server.diagnostics(uri, version=2)
    assert any(d["source"] == "crmplan" and d["severity"] == 1 for d in shown)  # not YAML
    second = _complete(server, uri, (line, len(lines[line])))
    assert set(probe.kpis) <= set(second)
    lines.insert(line + 2, lines[line + 2][: len(probe.rows[12])] + "ow")  # a new key typed
    server.change(uri, 3, "\n".join(lines))
    keys = _complete(server, uri, (line + 2, len(lines[line + 2])))
    assert "owner" in keys and "name" not in keys and "kpis" not in keys
