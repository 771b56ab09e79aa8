"""``crmplan lsp`` driven over standard input and output by a real LSP client
(tests/lsp_client.py), on the three examples and on broken copies: what an editor sees is
what ``crmplan validate`` finds, and every request is answered."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crmplan.analysis import PlanAnalysis
from crmplan.i18n import language
from crmplan.lsp.fields import fields_of
from crmplan.model.journey import Touchpoint
from crmplan.plan.load import load_plan
from crmplan.validation import validate_file
from lsp_client import LspClient
from plan_edits import edited

ROOT = Path(__file__).parents[1]
EXAMPLES = sorted(p.parent.name for p in (ROOT / "examples").glob("*/plan.yaml"))
RETAILER = ROOT / "examples" / "online-retailer-en" / "plan.yaml"
CLINIC = ROOT / "examples" / "aesthetic-clinic-ko" / "plan.yaml"
pytestmark = pytest.mark.slow  # each test talks to a server process


@pytest.fixture(scope="module")
def server() -> Iterator[LspClient]:
    client = LspClient()
    client.initialize(initializationOptions={"lang": "en"})
    yield client
    if client.process.poll() is None:
        client.close()


def _findings(diagnostics: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        (
            d["range"]["start"]["line"] + 1,
            d["range"]["start"]["character"] + 1,
            d.get("code"),
            d["severity"],
            d["data"]["message"],
            d["data"]["hint"],
        )
        for d in diagnostics
    ]


_SEVERITY = {"error": 1, "warning": 2, "note": 3}


def _expected(text: str) -> list[tuple[Any, ...]]:
    """What ``crmplan validate`` finds in ``text`` saved as a file, in English, as the
    diagnostics carry it."""
    with tempfile.TemporaryDirectory() as folder, language("en"):
        path = Path(folder) / "plan.yaml"
        path.write_bytes(text.encode("utf-8"))
        result = validate_file(path)
    return [
        (i.line, i.column, i.code, _SEVERITY[i.severity.value], i.message, i.hint)
        for i in result.issues
    ]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _find(text: str, pattern: str, after: str = "") -> tuple[int, int]:
    """(line, character) of the first match of ``pattern``'s group 1 (after ``after``)."""
    start = text.index(after) if after else 0
    match = re.compile(pattern, re.M).search(text, start)
    assert match is not None, pattern
    offset = match.start(1)
    return text.count("\n", 0, offset), offset - (text.rfind("\n", 0, offset) + 1)


def _apply(text: str, edits: list[dict[str, Any]]) -> str:
    """The text after ``edits`` (LSP TextEdits; the examples are in the BMP, so UTF-16
    units are characters)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def offset(position: dict[str, int]) -> int:
        return starts[position["line"]] + position["character"]

    for edit in sorted(edits, key=lambda e: offset(e["range"]["start"]), reverse=True):
        text = (
            text[: offset(edit["range"]["start"])]
            + edit["newText"]
            + text[offset(edit["range"]["end"]) :]
        )
    return text


def test_initialize_announces_every_feature(server: LspClient) -> None:
    answer = LspClient()
    try:
        capabilities = answer.initialize()["capabilities"]
    finally:
        assert answer.close() == 0
    assert capabilities["completionProvider"]["triggerCharacters"]
    for feature in (
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "renameProvider",
        "codeActionProvider",
        "textDocumentSync",
    ):
        assert capabilities[feature], feature


@pytest.mark.parametrize("example", EXAMPLES)
def test_diagnostics_of_each_example_are_validates_findings(
    server: LspClient, example: str
) -> None:
    path = ROOT / "examples" / example / "plan.yaml"
    uri = server.open(path)
    with language("en"):
        result = validate_file(path)
    expected = [
        (i.line, i.column, i.code, _SEVERITY[i.severity.value], i.message, i.hint)
        for i in result.issues
    ]
    assert expected  # the examples carry the warnings the reports make
    assert _findings(server.diagnostics(uri)) == expected


BROKEN = {
    "an unknown segment": ("segment: one_time", "segment: one_tme"),
    "a misspelt KPI of a goal": ("kpi: repeat_purchase_rate", "kpi: repeat_purchse_rate"),
    "a touchpoint in a stage that is not there": ("stage: awareness", "stage: awarenes"),
    "half-typed YAML": ("schema_version: 1\n", "schema_version: 1\nclient: [unclosed\n"),
    "a date written with slashes": ("start: 2025-03-03", "start: '2025/3/3'"),
    "a wrong type": ("schema_version: 1", "schema_version: '1'"),
    "a control character": ("schema_version: 1", "schema_version: 1\x07"),
    "no plan at all": (None, ""),
    "a list at the top": (None, "- a\n- b\n"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_diagnostics_of_a_broken_copy_are_validates_findings(
    server: LspClient, case: str, tmp_path: Path
) -> None:
    text = RETAILER.read_text(encoding="utf-8")
    old, new = BROKEN[case]
    broken = new if old is None else text.replace(old, new, 1)
    assert broken != text
    uri = server.open(tmp_path / "plan.yaml", text)  # an unsaved document: no file at all
    server.diagnostics(uri)
    server.change(uri, 2, broken)
    shown = server.diagnostics(uri, version=2)
    assert _findings(shown) == _expected(broken)
    assert shown and any(d["severity"] == 1 for d in shown)


def test_a_single_fix_is_offered_and_applying_it_clears_the_finding(
    server: LspClient, tmp_path: Path
) -> None:
    text = RETAILER.read_text(encoding="utf-8").replace("segment: one_time", "segment: one_tme", 1)
    uri = server.open(tmp_path / "plan.yaml", text)
    shown = server.diagnostics(uri)
    unknown = [d for d in shown if d["code"] == "CRM302"]
    assert len(unknown) == 1
    actions = server.call(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": unknown[0]["range"],
            "context": {"diagnostics": shown},
        },
    )
    assert [a["title"] for a in actions] == ["did you mean 'one_time'?"]
    fixed = _apply(text, actions[0]["edit"]["changes"][uri])
    assert fixed == RETAILER.read_text(encoding="utf-8")
    server.change(uri, 2, fixed)
    assert not [d for d in server.diagnostics(uri, version=2) if d["code"] == "CRM302"]


def test_a_date_written_year_first_is_fixed_to_the_iso_form(
    server: LspClient, tmp_path: Path
) -> None:
    text = RETAILER.read_text(encoding="utf-8").replace("start: 2025-03-03", "start: '2025/3/3'", 1)
    uri = server.open(tmp_path / "plan.yaml", text)
    shown = server.diagnostics(uri)
    actions = server.call(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": shown[0]["range"],
            "context": {"diagnostics": shown},
        },
    )
    fixes = [a for a in actions if a["edit"]["changes"][uri][0]["newText"] == "2025-03-03"]
    assert len(fixes) == 1
    assert _apply(text, fixes[0]["edit"]["changes"][uri]) == RETAILER.read_text(encoding="utf-8")


def _labels(answer: dict[str, Any]) -> list[str]:
    return [item["label"] for item in answer["items"]]


def test_completion_offers_the_plans_ids_where_a_reference_is_expected(server: LspClient) -> None:
    text = RETAILER.read_text(encoding="utf-8")
    uri = server.open(RETAILER)
    server.diagnostics(uri)
    line, _char = _find(text, r"^\s+stage: (awareness)")
    stages = _labels(server.at("textDocument/completion", uri, line, len(_lines(text)[line])))
    assert stages == ["advocacy", "awareness", "consideration", "purchase", "retention"]
    line, char = _find(text, r"kpis: \[(\w)")
    kpis = _labels(server.at("textDocument/completion", uri, line, char))
    assert "cart_abandonment_rate" in kpis and "repeat_purchase_rate" in kpis
    line, char = _find(text, r"^\s+segment: (\w)", after="\npersonas:")
    segments = server.at("textDocument/completion", uri, line, char)["items"]
    assert {s["label"] for s in segments} == {"premium", "loyal", "one_time", "lapsed", "prospects"}
    assert all(s["detail"] == "segment" for s in segments)


def test_completion_offers_keys_with_their_descriptions_and_fixed_values(
    server: LspClient, tmp_path: Path
) -> None:
    text = RETAILER.read_text(encoding="utf-8")
    line, _char = _find(text, r"^(    touchpoints:)")
    typed = text.split("\n")
    typed[line + 1 : line + 1] = ["      - id: tp_new", "        stage: awareness", "        own"]
    line += 3
    half = "\n".join(typed)
    uri = server.open(tmp_path / "plan.yaml", half)
    server.diagnostics(uri)
    keys = server.at("textDocument/completion", uri, line, len(typed[line]))["items"]
    owner = next(k for k in keys if k["label"] == "owner")
    assert owner["documentation"]["value"] == "Who on the client's side owns the touchpoint."
    assert owner["insertText"] == "owner: "
    assert not {"id", "stage"} & {k["label"] for k in keys}  # written already
    line, _char = _find(half, r"^\s+channel: (\w+)")
    channels = _labels(server.at("textDocument/completion", uri, line, len(typed[line])))
    assert {"email", "kakaotalk", "in_person"} <= set(channels)


def test_definition_and_references_of_a_kpi(server: LspClient) -> None:
    text = RETAILER.read_text(encoding="utf-8")
    uri = server.open(RETAILER)
    server.diagnostics(uri)
    line, char = _find(text, r"kpis: \[(cart_abandonment_rate)")
    target = server.at("textDocument/definition", uri, line, char + 3)
    defined = _find(text, r"^\s+- id: (cart_abandonment_rate)\b", after="\nkpis:")
    assert (target["range"]["start"]["line"], target["range"]["start"]["character"]) == defined
    found = server.at(
        "textDocument/references", uri, line, char, context={"includeDeclaration": True}
    )
    lines = _lines(text)
    shown = {
        (
            r["range"]["start"]["line"],
            lines[r["range"]["start"]["line"]][
                r["range"]["start"]["character"] : r["range"]["end"]["character"]
            ],
        )
        for r in found
    }
    assert {word for _line, word in shown} == {"cart_abandonment_rate"}
    assert defined[0] in {line for line, _word in shown} and len(shown) >= 3
    without = server.at(
        "textDocument/references", uri, line, char, context={"includeDeclaration": False}
    )
    assert len(without) == len(found) - 1


@pytest.mark.parametrize("example", EXAMPLES)
def test_rename_of_a_segment_changes_its_id_and_every_reference_only(
    server: LspClient, example: str
) -> None:
    path = ROOT / "examples" / example / "plan.yaml"
    text = path.read_text(encoding="utf-8")
    uri = server.open(path)
    server.diagnostics(uri)
    line, char = _find(text, r"^\s+- id: (\w+)", after="\nsegments:")
    old = re.match(r"\w+", _lines(text)[line][char:]).group()  # type: ignore[union-attr]
    edit = server.at("textDocument/rename", uri, line, char, newName="renamed_segment")
    edits = edit["changes"][uri]
    assert len(edits) >= 2 and all(e["newText"] == "renamed_segment" for e in edits)
    renamed = _apply(text, edits)
    assert re.sub(rf"\b{old}\b", "renamed_segment", renamed) == re.sub(
        rf"\b{old}\b", "renamed_segment", text
    )  # nothing else changed
    assert _codes(renamed) == _codes(text)  # no reference left dangling


def _codes(text: str) -> list[str]:
    return sorted(str(f[2]) for f in _expected(text))


def test_rename_of_a_criterion_renames_the_keys_of_every_score_sheet(server: LspClient) -> None:
    text = RETAILER.read_text(encoding="utf-8")
    uri = server.open(RETAILER)
    server.diagnostics(uri)
    line, char = _find(text, r"criteria:\n\s+- id: (\w+)", after="\ntask_force:")
    edits = server.at("textDocument/rename", uri, line, char, newName="profit_now")["changes"][uri]
    renamed = _apply(text, edits)
    assert len(edits) > 10 and _codes(renamed) == _codes(text)


def test_rename_refuses_an_id_in_use_and_an_invalid_one(server: LspClient) -> None:
    text = RETAILER.read_text(encoding="utf-8")
    uri = server.open(RETAILER)
    server.diagnostics(uri)
    line, char = _find(text, r"^\s+- id: (\w+)", after="\nsegments:")
    for name, says in (("loyal", "already used"), ("no spaces", "not a valid id")):
        answer = server.request(
            "textDocument/rename",
            {
                "textDocument": {"uri": uri},
                "position": {"line": line, "character": char},
                "newName": name,
            },
        )
        assert says in answer["error"]["message"]


def test_hover_shows_the_figures_of_the_analysis(server: LspClient) -> None:
    text = RETAILER.read_text(encoding="utf-8")
    uri = server.open(RETAILER)
    server.diagnostics(uri)
    line, char = _find(text, r"kpis: \[(cart_abandonment_rate)")
    kpi = server.at("textDocument/hover", uri, line, char)["contents"]["value"]
    assert "**Cart abandonment rate**" in kpi
    assert (
        "baseline 71.8% (2025-03-31) → latest 67.6% (2026-03-31) → target 64% by 2026-12-31" in kpi
        and "status: at risk" in kpi
    )
    line, char = _find(text, r"^\s+- id: (premium)", after="\nsegments:")
    segment = server.at("textDocument/hover", uri, line, char)["contents"]["value"]
    ranking = PlanAnalysis(load_plan(RETAILER)).segments.analysis.ranking
    rank = next(r.rank for r in ranking if r.segment == "premium")
    assert "size: 9,400 customers" in segment and "31% of revenue" in segment
    assert f"task-force rank: {rank} of {len(ranking)}" in segment
    line, char = _find(text, r"^\s+- id: (\w+)", after="touchpoints:")
    touchpoint = server.at("textDocument/hover", uri, line, char)["contents"]["value"]
    assert "owner:" in touchpoint and "as is →" in touchpoint and "KPIs:" in touchpoint


def test_hover_speaks_the_editors_language() -> None:
    client = LspClient()
    try:
        client.initialize(locale="ko-KR")
        text = CLINIC.read_text(encoding="utf-8")
        uri = client.open(CLINIC)
        client.diagnostics(uri)
        line, char = _find(text, r"^\s+- id: (\w+)", after="\nsegments:")
        hover = client.at("textDocument/hover", uri, line, char)["contents"]["value"]
        assert "세그먼트" in hover and "size" not in hover
    finally:
        assert client.close() == 0


def _new_key_line(path: Path) -> tuple[str, int, int]:
    """The example's text with a new touchpoint before its first one, the cursor on a
    blank line for its next key."""
    text = path.read_text(encoding="utf-8")
    line, char = _find(text, r"^ *- (id): \w+", after="touchpoints:")
    lines = _lines(text)
    lines[line:line] = [" " * (char - 2) + "- id: tp_new", " " * char]
    return "\n".join(lines), line + 1, char


def _described(client: LspClient, path: Path, tmp_path: Path) -> tuple[dict[str, str], str]:
    """The keys offered for a touchpoint of the example at ``path`` with their
    documentation, and the first diagnostic's message, as the editor gets them."""
    text, line, char = _new_key_line(path)
    uri = client.open(tmp_path / "plan.yaml", text)
    shown = client.diagnostics(uri)
    keys = client.at("textDocument/completion", uri, line, char)["items"]
    assert keys
    return {k["label"]: k["documentation"]["value"] for k in keys}, shown[0]["message"]


def _touchpoint_fields(lang: str) -> dict[str, str]:
    with language(lang):
        return {f.name: f.description for f in fields_of(Touchpoint)}


def test_a_korean_plan_in_a_korean_editor_is_described_in_korean(tmp_path: Path) -> None:
    client = LspClient(env={"CRMPLAN_LANG": ""})
    try:
        client.initialize(locale="ko-KR")
        keys, diagnostic = _described(client, CLINIC, tmp_path)
    finally:
        assert client.close() == 0
    korean = _touchpoint_fields("ko")
    assert korean["owner"] == "고객사에서 이 접점을 책임지는 담당자."
    assert keys == {name: korean[name] for name in keys}
    assert re.search("[가-힣]", diagnostic), diagnostic  # the same language as the findings


def test_a_chinese_plan_in_an_english_editor_follows_the_diagnostics(tmp_path: Path) -> None:
    client = LspClient(env={"CRMPLAN_LANG": ""})
    try:
        client.initialize(locale="en-US")
        chinese = ROOT / "examples" / "b2b-manufacturer-zh" / "plan.yaml"
        keys, diagnostic = _described(client, chinese, tmp_path)
    finally:
        assert client.close() == 0
    english = _touchpoint_fields("en")
    assert keys == {name: english[name] for name in keys}
    assert not re.search("[\u4e00-\u9fff]", diagnostic.split("'")[0]), diagnostic


def test_half_typed_text_keeps_completion_and_hover(server: LspClient, tmp_path: Path) -> None:
    text = RETAILER.read_text(encoding="utf-8")
    uri = server.open(tmp_path / "plan.yaml", text)
    server.diagnostics(uri)
    broken = text.replace("schema_version: 1\n", "schema_version: 1\nclient: [unclosed\n", 1)
    server.change(uri, 2, broken)
    shown = server.diagnostics(uri, version=2)
    assert len(shown) == 1 and _findings(shown) == _expected(broken)  # the YAML's error
    line, char = _find(broken, r"kpis: \[(cart_abandonment_rate)")
    hover = server.at("textDocument/hover", uri, line, char)
    assert "Cart abandonment rate" in hover["contents"]["value"]
    line, _char = _find(broken, r"^\s+stage: (awareness)")
    stages = _labels(server.at("textDocument/completion", uri, line, len(_lines(broken)[line])))
    assert "awareness" in stages
    assert server.at("textDocument/definition", uri, line, 10) is None  # not YAML: nowhere


def test_a_request_the_server_cannot_read_is_answered_with_an_error(server: LspClient) -> None:
    answer = server.request("textDocument/completion", {"textDocument": {"uri": 3}})
    assert answer["error"]["code"] == -32602  # invalid params, and the server goes on
    assert (
        server.request(
            "textDocument/hover",
            {
                "textDocument": {"uri": RETAILER.resolve().as_uri()},
                "position": {"line": 0, "character": 0},
            },
        )["result"]
        is None
    )


def test_other_yaml_files_get_no_findings(server: LspClient, tmp_path: Path) -> None:
    """Editors start the server for every YAML file: only plans are judged."""
    other = server.open(tmp_path / "docker-compose.yml", "services:\n  web: {image: x}\n")
    plan = server.open(tmp_path / "draft.yaml", "schema_version: 1\n")
    assert [d["code"] for d in server.diagnostics(plan)] == ["CRM201"]  # no client yet
    assert not [
        m
        for m in server.notifications
        if m["method"].endswith("Diagnostics") and m["params"]["uri"] == other
    ]
    server.change(other, 2, "schema_version: 1\n")  # it becomes a plan as it is typed
    assert [d["code"] for d in server.diagnostics(other, version=2)] == ["CRM201"]


def test_shutdown_ends_the_server_with_0() -> None:
    client = LspClient()
    client.initialize()
    assert client.close() == 0


def test_without_pygls_the_command_says_what_to_install() -> None:
    code = (
        "import sys; sys.modules['pygls'] = None; sys.argv = ['crmplan', 'lsp'];"
        " from crmplan.entry import main; main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert done.returncode == 2
    assert "pip install 'crmplan[lsp]'" in done.stderr and "Traceback" not in done.stderr


def _random_edit(rng: random.Random, text: str) -> str:
    """Typing, deleting, pasting a line elsewhere, or breaking the indentation."""
    at = rng.randrange(len(text) + 1)
    kind = rng.randrange(5)
    if kind == 0:
        return (
            text[:at]
            + rng.choice(["a", ":", " ", "-", "\n", "'", "[", "{", "#", "  ", "\t", "é", "😀", "0"])
            + text[at:]
        )
    if kind == 1:
        return text[:at] + text[at + rng.randrange(1, 40) :]
    lines = text.split("\n")
    index = rng.randrange(len(lines))
    if kind == 2:
        lines.insert(rng.randrange(len(lines)), lines[index])
    elif kind == 3:
        lines[index] = lines[index].lstrip() if rng.random() < 0.5 else " " + lines[index]
    else:
        del lines[index]
    return "\n".join(lines)


def test_random_edits_are_all_answered(tmp_path: Path) -> None:
    """Edits of the examples sent as didChange for about half a minute, with requests in
    between: every request is answered, nothing fails, the last text gets validate's
    findings."""
    rng = random.Random(21)
    client = LspClient()
    client.initialize(initializationOptions={"lang": "en"})
    try:
        version, answered = 1, 0
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            text = (ROOT / "examples" / rng.choice(EXAMPLES) / "plan.yaml").read_text(
                encoding="utf-8"
            )
            uri = client.open(tmp_path / str(version) / "plan.yaml", text, version)
            for _step in range(20):
                text = _random_edit(rng, text)
                version += 1
                client.change(uri, version, text)
                lines = text.split("\n")
                line = rng.randrange(len(lines))
                spot = {"line": line, "character": rng.randrange(len(lines[line]) + 1)}
                for method in (
                    "textDocument/completion",
                    "textDocument/hover",
                    "textDocument/definition",
                    "textDocument/references",
                ):
                    more = (
                        {"context": {"includeDeclaration": True}}
                        if method.endswith("references")
                        else {}
                    )
                    answer = client.request(
                        method, {"textDocument": {"uri": uri}, "position": spot, **more}
                    )
                    assert "error" not in answer, (method, answer)
                    answered += 1
            client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        assert answered >= 80  # at least one document of 20 edits, 4 requests after each
        uri = client.open(tmp_path / "last" / "plan.yaml", text, version + 1)
        assert _findings(client.diagnostics(uri)) == _expected(text)
        assert not [m for m in client.logged() if "could not answer" in m]
    finally:
        assert client.close() == 0


def test_each_version_typed_gets_validates_findings(server: LspClient, tmp_path: Path) -> None:
    """Edits typed one after the other in the largest example, each checked with the
    sections the versions before it read (crmplan.plan.sections): every version gets what
    validate finds in that text, and so does the text a rename makes, sent back."""
    path = ROOT / "examples" / "b2b-manufacturer-zh" / "plan.yaml"
    text = path.read_text(encoding="utf-8")
    uri = server.open(tmp_path / "plan.yaml", text)
    server.diagnostics(uri)
    rng, version = random.Random(7), 1
    for _step in range(6):
        text = edited(text, rng.randrange(6), rng.randrange(10_000),
                      rng.choice(["a", "中", " ", "x: 1", "#"]))
        version += 1
        server.change(uri, version, text)
        assert _findings(server.diagnostics(uri, version)) == _expected(text)
    text = path.read_text(encoding="utf-8")
    version += 1
    server.change(uri, version, text)
    server.diagnostics(uri, version)
    line, char = _find(text, r"^\s+- id: (\w+)", after="\nsegments:")
    edits = server.at("textDocument/rename", uri, line, char, newName="renamed_segment")[
        "changes"][uri]
    text = _apply(text, edits)
    version += 1
    server.change(uri, version, text)
    assert _findings(server.diagnostics(uri, version)) == _expected(text)


EXCHANGE = re.compile(r"(<!-- lsp-exchange -->\n```json\n)(.*?)(```)", re.S)


def test_the_exchange_in_the_docs_is_what_the_server_sends(
    server: LspClient, tmp_path: Path
) -> None:
    """docs/editor.md shows a diagnostic and its quick fix as the server sends them."""
    text = RETAILER.read_text(encoding="utf-8").replace("segment: one_time", "segment: one_tme", 1)
    uri = server.open(tmp_path / "plan.yaml", text)
    unknown = [d for d in server.diagnostics(uri) if d["code"] == "CRM302"]
    actions = server.call(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": unknown[0]["range"],
            "context": {"diagnostics": unknown},
        },
    )
    for action in actions:
        action["edit"]["changes"] = {"file:///…/plan.yaml": action["edit"]["changes"][uri]}
    shown = json.dumps(
        {"textDocument/publishDiagnostics": unknown, "textDocument/codeAction": actions},
        indent=2,
        ensure_ascii=False,
    )
    page = ROOT / "docs" / "editor.md"
    now = page.read_text(encoding="utf-8")
    match = EXCHANGE.search(now)
    assert match is not None
    if os.environ.get("CRMPLAN_REFRESH_DOCS"):
        page.write_text(
            now[: match.start(2)] + shown + "\n" + now[match.end(2) :], encoding="utf-8"
        )
        return
    assert match.group(2) == shown + "\n", (
        "docs/editor.md is out of date: CRMPLAN_REFRESH_DOCS=1 python -m pytest "
        "tests/test_lsp_cli.py"
    )
