"""Round-trip plan edits: reliability cases 19 and 25-33, plus property tests."""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import functools
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from crmplan.errors import ChangedOnDiskError, PlanError, UsageError, WriteRefusedError
from crmplan.plan import edit, emit
from crmplan.plan.edit import EditablePlan
from crmplan.plan.emit import Layout, emit_block, emit_flow, emit_scalar, entry_lines


def load(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


def write(folder: Path, text: str | bytes, name: str = "plan.yaml") -> Path:
    path = folder / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def edited(text: str, action: str, path: tuple[str | int, ...], value: Any) -> str:
    plan = EditablePlan(text.encode())
    getattr(plan, action)(path, value)
    return plan.text


def changes(old: str, new: str) -> list[tuple[str, list[str], list[str]]]:
    """The non-equal line blocks between two texts: (tag, old lines, new lines)."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return [
        (tag, a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    ]


SNAPSHOT = {"date": dt.date(2024, 3, 1), "value": 0.1}

# ------------------------------------------------------------------ case 19, 25: BOM, CRLF


def test_bom_is_kept(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbfname: Shop\nkpis:\n  - id: nps\n")
    plan = EditablePlan.read(path)
    assert plan.has_bom and plan.text.startswith("name")
    plan.append_item(("kpis",), {"id": "csat"})
    assert plan.save() is True
    data = path.read_bytes()
    assert data == b"\xef\xbb\xbfname: Shop\nkpis:\n  - id: nps\n  - id: csat\n"


def test_no_bom_is_added(tmp_path: Path) -> None:
    path = write(tmp_path, "name: Shop\n")
    plan = EditablePlan.read(path)
    plan.set_value(("name",), "Store")
    plan.save()
    assert path.read_bytes() == b"name: Store\n"


def test_crlf_file_keeps_crlf_on_every_line(tmp_path: Path) -> None:
    text = "name: Shop  # the client\r\nkpis:\r\n- id: nps\r\n  snapshots: []\r\nsegments: {}\r\n"
    path = write(tmp_path, text)
    plan = EditablePlan.read(path)
    assert plan.newline == "\r\n"
    plan.append_item(("kpis",), {"id": "csat", "snapshots": [SNAPSHOT]})
    plan.set_value(("name",), "Store")
    plan.set_value(("owner",), {"name": "Kim", "roles": ["lead", "analyst"]})
    plan.append_item(("kpis", 0, "snapshots"), SNAPSHOT)
    plan.save()
    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") == 16
    assert b"\r\n\r\n" not in data
    assert load(data.decode())["owner"] == {"name": "Kim", "roles": ["lead", "analyst"]}


def test_crlf_file_without_final_newline(tmp_path: Path) -> None:
    path = write(tmp_path, "name: Shop\r\ntags:\r\n- a")
    plan = EditablePlan.read(path)
    plan.append_item(("tags",), "b")
    plan.save()
    assert path.read_bytes() == b"name: Shop\r\ntags:\r\n- a\r\n- b"


def test_mostly_lf_file_gets_lf(tmp_path: Path) -> None:
    plan = EditablePlan(b"a: 1\r\nb: 2\nc: 3\n")
    assert plan.newline == "\n"
    plan.set_value(("d",), 4)
    assert plan.text == "a: 1\r\nb: 2\nc: 3\nd: 4\n"


# ------------------------------------------------------------------ case 26: only the target lines

ODD = """\
# Client plan  -- keep this header
schema_version: '1'   # quoted on purpose
name: "Shop & Co"
description: LONG
kpis:
    -   id: nps    # four-space mappings, wide dash
        name: 'Net Promoter Score'
        snapshots:
        -   {date: 2024-01-01, value: 31}
        -   date: 2024-02-01
            value: 33.5   # February
        target: {value: 40, by: 2024-12-31}
    -   id: csat
        snapshots: []
segments:
  - id: vip
    tags: [gold, 'platinum', "diamond"]
    notes: |
      Markdown notes
      # not a comment

  # a comment line before the next key
journeys:
- id: onboarding
  stages:
  - awareness
  - consideration
"""


LONG = (
    "This is a deliberately long line that goes well past eighty columns,"
    " so a dumper would wrap it somewhere."
)
ODD = ODD.replace("LONG", LONG)
assert len(LONG) > 80


def assert_only_inserted(old: str, new: str, inserted: list[str]) -> None:
    """``new`` is ``old`` with ``inserted`` lines added in one place, nothing else."""
    assert changes(old, new) == [("insert", [], [line + "\n" for line in inserted])]


def assert_one_line_changed(old: str, new: str, before: str, after: str) -> None:
    assert changes(old, new) == [("replace", [before + "\n"], [after + "\n"])]


def test_append_to_block_list_with_four_space_indent() -> None:
    new = edited(ODD, "append_item", ("kpis", 0, "snapshots"), SNAPSHOT)
    assert_only_inserted(ODD, new, ["        -   date: 2024-03-01", "            value: 0.1"])
    assert new.index("value: 0.1") < new.index("target:")


def test_an_empty_placeholder_becomes_block_lines_like_the_files_own() -> None:
    """``snapshots: []`` from a scaffold takes its first item in block style, never as a
    flow line that grows with every entry."""
    new = edited(ODD, "append_item", ("kpis", 1, "snapshots"), SNAPSHOT)
    assert changes(ODD, new) == [("replace", ["        snapshots: []\n"], [
        "        snapshots:\n", "        - date: 2024-03-01\n", "          value: 0.1\n"])]
    text = "log: []   # reviews held\ntask_force: {}  # scores\nname: x\n"
    new = edited(text, "append_item", ("log",), {"date": dt.date(2026, 1, 5)})
    assert new == "log:   # reviews held\n  - date: 2026-01-05\ntask_force: {}  # scores\nname: x\n"
    new = edited(text, "append_item", ("task_force", "scores"), {"member": "kim"})
    assert new == ("log: []   # reviews held\ntask_force:  # scores\n  scores:\n"
                   "    - member: kim\nname: x\n")
    new = edited(text, "set_value", ("task_force", "scale"), {"min": 1, "max": 5})
    assert new.startswith("log: []   # reviews held\ntask_force:  # scores\n  scale:\n")


def test_a_long_entry_among_flow_items_is_written_in_block_style() -> None:
    text = ("kpis:\n  - id: nps\n    snapshots:\n      - {date: 2024-01-01, value: 1}\n")
    long_source = {**SNAPSHOT, "source": "The quarterly relationship survey, weighted by "
                   "segment, second wave"}
    new = edited(text, "append_item", ("kpis", 0, "snapshots"), long_source)
    assert_only_inserted(text, new, [
        "      - date: 2024-03-01", "        value: 0.1", "        source: The quarterly "
        "relationship survey, weighted by segment, second wave"])


@pytest.mark.parametrize("text", [
    "Retention moves too slowly for the VIP segment: the reminder campaign reached only half "
    "of the customers it was meant to reach.  Two  spaces, a \"quote\" and a \\ backslash.",
    "客户旅程中的每个触点都应该有负责人和关键绩效指标，" * 6,
    " " * 150 + "x",
])
def test_a_long_text_is_wrapped_within_the_width_and_reads_back(text: str) -> None:
    for lines in (entry_lines("summary", text, 4, Layout()),
                  emit.item_lines(text, 6, Layout())):
        assert len(lines) > 1 and max(emit.columns(line) for line in lines) <= emit.WIDTH
        assert load("x:\n" + "\n".join(lines) + "\n")["x"] in ({"summary": text}, [text])


def test_append_to_flow_lists() -> None:
    new = edited(ODD, "append_item", ("segments", 0, "tags"), "silver, old")
    assert_one_line_changed(
        ODD,
        new,
        "    tags: [gold, 'platinum', \"diamond\"]",
        '    tags: [gold, \'platinum\', "diamond", "silver, old"]',
    )


def test_append_to_a_block_list_of_flow_mappings_writes_a_flow_mapping() -> None:
    text = ("kpis:\n  - id: nps\n    snapshots:\n"
            "      - {date: 2024-01-01, value: 1}   # first\n    target: {value: 2}\n")
    new = edited(text, "append_item", ("kpis", 0, "snapshots"), SNAPSHOT)
    assert_only_inserted(text, new, ["      - {date: 2024-03-01, value: 0.1}"])
    assert new.index("# first") < new.index("0.1") < new.index("target")


def test_append_to_indentless_list() -> None:
    new = edited(ODD, "append_item", ("journeys", 0, "stages"), "loyalty")
    assert_only_inserted(ODD, new, ["  - loyalty"])
    assert new.endswith("  - consideration\n  - loyalty\n")


def test_append_a_mapping_to_the_top_list() -> None:
    item = {"id": "win-back", "stages": ["lapsed", "returned"]}
    new = edited(ODD, "append_item", ("journeys",), item)
    assert_only_inserted(ODD, new, ["- id: win-back", "  stages:", "  - lapsed", "  - returned"])


def test_new_key_goes_after_a_block_scalar_and_before_trailing_comments() -> None:
    new = edited(ODD, "set_value", ("segments", 0, "offer"), "free shipping")
    assert_only_inserted(ODD, new, ["    offer: free shipping"])
    assert new.index("# not a comment") < new.index("offer:") < new.index("# a comment line")
    assert load(new)["segments"][0]["notes"] == "Markdown notes\n# not a comment\n"


def test_set_scalars_changes_one_line_and_keeps_comments() -> None:
    new = edited(ODD, "set_value", ("kpis", 0, "snapshots", 1, "value"), 34.25)
    assert_one_line_changed(
        ODD, new, "            value: 33.5   # February", "            value: 34.25   # February"
    )
    new = edited(ODD, "set_value", ("schema_version",), "2")
    assert_one_line_changed(
        ODD,
        new,
        "schema_version: '1'   # quoted on purpose",
        'schema_version: "2"   # quoted on purpose',
    )


def test_set_value_inside_flow_mapping() -> None:
    new = edited(ODD, "set_value", ("kpis", 0, "target", "value"), 45)
    assert_one_line_changed(
        ODD,
        new,
        "        target: {value: 40, by: 2024-12-31}",
        "        target: {value: 45, by: 2024-12-31}",
    )
    new = edited(ODD, "set_value", ("kpis", 0, "target", "note"), "stretch: yes")
    assert 'target: {value: 40, by: 2024-12-31, note: "stretch: yes"}' in new


def test_long_lines_are_not_wrapped() -> None:
    long_text = "word " * 40 + "end"
    new = edited(ODD, "set_value", ("description",), long_text)
    assert f"description: {long_text}\n" in new
    assert len(changes(ODD, new)) == 1


def test_set_block_value_on_a_key_with_a_scalar() -> None:
    text = "owner: nobody   # fill in\nname: x\n"
    new = edited(text, "set_value", ("owner",), {"name": "Kim", "email": "kim@example.com"})
    assert new == "owner:   # fill in\n  name: Kim\n  email: kim@example.com\nname: x\n"


def test_set_replaces_a_block_scalar() -> None:
    new = edited(ODD, "set_value", ("segments", 0, "notes"), "short")
    assert load(new)["segments"][0]["notes"] == "short"
    assert changes(ODD, new) == [
        (
            "replace",
            ["    notes: |\n", "      Markdown notes\n", "      # not a comment\n"],
            ["    notes: short\n"],
        )
    ]


def test_empty_value_becomes_a_list_or_a_value() -> None:
    text = "kpis:\n  - id: nps\n    snapshots:   # none yet\n    name: NPS\n"
    new = edited(text, "append_item", ("kpis", 0, "snapshots"), SNAPSHOT)
    assert new == (
        "kpis:\n  - id: nps\n    snapshots:   # none yet\n"
        "      - date: 2024-03-01\n        value: 0.1\n    name: NPS\n"
    )
    new = edited(text, "set_value", ("kpis", 0, "snapshots"), "n/a")
    assert new == "kpis:\n  - id: nps\n    snapshots: n/a   # none yet\n    name: NPS\n"


def test_missing_list_key_is_created_with_the_mapping_indentation() -> None:
    text = "kpis:\n    - id: nps\n      name: NPS\n"
    new = edited(text, "append_item", ("kpis", 0, "snapshots"), SNAPSHOT)
    assert new == text + "      snapshots:\n          - date: 2024-03-01\n            value: 0.1\n"


def test_plan_text_from_text_renders_but_cannot_save() -> None:
    plan = EditablePlan.from_text("client:\n  name: Example\n", name="examples/plan.yaml")
    plan.set_value(("client", "name"), "Kim & Park")
    assert plan.render_bytes() == b"client:\n  name: Kim & Park\n"
    with pytest.raises(ValueError, match="not read from a file"):
        plan.save()
    with pytest.raises(UsageError, match=r"^examples/plan\.yaml:2:3: client\.x does not exist"):
        plan.set_value(("client", "x", "y"), 1)


def test_file_without_final_newline() -> None:
    new = edited("a: 1\nb: [x]", "set_value", ("c",), 2)
    assert new == "a: 1\nb: [x]\nc: 2"


# ------------------------------------------------------------------ case 27: trailing comments


def test_trailing_comment_of_the_last_item_stays_on_its_line() -> None:
    text = "tags:\n  - a\n  - b  # the last one\nnext: 1\n"
    new = edited(text, "append_item", ("tags",), "c")
    assert new == "tags:\n  - a\n  - b  # the last one\n  - c\nnext: 1\n"


def test_comment_lines_after_the_last_item_stay_below_the_new_item() -> None:
    text = "tags:\n  - a   # first\n  # - b (dropped)\n\n# next section\nnext: 1\n"
    new = edited(text, "append_item", ("tags",), "c")
    assert new == "tags:\n  - a   # first\n  - c\n  # - b (dropped)\n\n# next section\nnext: 1\n"


def test_trailing_comment_of_a_nested_last_value_stays() -> None:
    text = "kpis:\n- id: nps\n  snapshots:\n  - {date: 2024-01-01, value: 1}  # first\n"
    new = edited(text, "append_item", ("kpis",), {"id": "csat"})
    assert new == text + "- id: csat\n"


# ------------------------------------------------------------------ case 28: floats


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (0.1, "0.1"),
        (33.5, "33.5"),
        (3.0, "3.0"),
        (-0.25, "-0.25"),
        (1e-7, "1.0e-07"),
        (1.5e-7, "1.5e-07"),
        (1e16, "1.0e+16"),
        (0.1 + 0.2, "0.30000000000000004"),
        (2, "2"),
    ],
)
def test_float_text_is_deterministic(number: float, text: str) -> None:
    assert emit_scalar(number) == text
    assert load(f"v: {text}")["v"] == number


@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_nan_and_infinity_are_refused(number: float) -> None:
    with pytest.raises(ValueError, match="finite"):
        emit_scalar(number)
    plan = EditablePlan(b"kpis: []\n")
    with pytest.raises(UsageError, match="finite"):
        plan.append_item(("kpis",), {"value": number})
    assert plan.text == "kpis: []\n"


def test_same_edit_same_bytes(tmp_path: Path) -> None:
    outputs = []
    for name in ("a.yaml", "b.yaml"):
        path = write(tmp_path, ODD, name)
        plan = EditablePlan.read(path)
        plan.append_item(("kpis", 0, "snapshots"), {"date": dt.date(2024, 4, 1), "value": 1 / 3})
        plan.save()
        outputs.append(path.read_bytes())
    assert outputs[0] == outputs[1]
    assert b"value: 0.3333333333333333\n" in outputs[0]


# ------------------------------------------------------------------ the emitter


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("hello world", "hello world"),
        ("한국어 고객", "한국어 고객"),
        ("C:\\path", "C:\\path"),
        ("a:b", "a:b"),
        ("yes", '"yes"'),
        ("No", '"No"'),
        ("null", '"null"'),
        ("~", '"~"'),
        ("", '""'),
        ("12", '"12"'),
        ("1.0", '"1.0"'),
        ("0o17", '"0o17"'),
        ("12:30", '"12:30"'),
        ("2024-01-01", '"2024-01-01"'),
        (" padded", '" padded"'),
        ("a: b", '"a: b"'),
        ("a #b", '"a #b"'),
        ("#tag", '"#tag"'),
        ("- item", '"- item"'),
        ("*ref", '"*ref"'),
        ("...", '"..."'),
        ("ends:", '"ends:"'),
        ('say "hi"\n', '"say \\"hi\\"\\n"'),
        ("tab\there", '"tab\\there"'),
        ("\u202eevil", '"\\u202eevil"'),
        ("line\u2028sep", '"line\\u2028sep"'),
        ("\x85", '"\\u0085"'),
        (None, "null"),
        (True, "true"),
        (False, "false"),
        (-12, "-12"),
        (dt.date(2024, 3, 1), "2024-03-01"),
    ],
)
def test_emit_scalar(value: Any, text: str) -> None:
    assert emit_scalar(value) == text
    assert load(f"v: {text}")["v"] == value


def test_flow_context_quotes_flow_indicators() -> None:
    assert emit_scalar("a,b") == "a,b"
    assert emit_scalar("a,b", flow=True) == '"a,b"'
    assert emit_flow({"k": ["a]", "b"], "m": {}}) == '{k: ["a]", b], m: {}}'


def test_emit_block_nested() -> None:
    value = {"id": "vip", "tags": ["a", "b"], "offer": {"kind": "discount", "rate": 0.1}, "e": []}
    assert emit_block(value, 2, Layout(indent=4, sequence_indent=0, dash_offset=2)) == [
        "  id: vip",
        "  tags:",
        "  - a",
        "  - b",
        "  offer:",
        "      kind: discount",
        "      rate: 0.1",
        "  e: []",
    ]
    assert emit_block([[1, 2], {"a": 1}], 0) == ["- - 1", "  - 2", "- a: 1"]


def test_unsupported_values_are_type_errors() -> None:
    with pytest.raises(TypeError):
        emit_scalar(object())
    with pytest.raises(TypeError):
        emit_scalar(dt.datetime(2024, 1, 1, 12, 0))
    with pytest.raises(TypeError):
        EditablePlan(b"a: 1\n").set_value(("a",), {1: "x"})


def test_lone_surrogate_is_refused() -> None:
    with pytest.raises(ValueError, match="surrogate"):
        emit_scalar("\ud800")


def test_subclasses_are_written_as_their_plain_values() -> None:
    import enum

    class Unit(str, enum.Enum):
        PERCENT = "percent"

    class Ratio(float):
        pass

    new = edited("unit: count\n", "set_value", ("unit",), Unit.PERCENT)
    assert new == "unit: percent\n"
    new = edited("rates: []\n", "append_item", ("rates",), (Ratio(0.5), Unit.PERCENT))
    assert new == "rates:\n  - - 0.5\n    - percent\n"


# ------------------------------------------------------------------ refusals


@pytest.mark.parametrize(("text", "where"), [
    ("base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n", "3:3"),
    ("a:\n  - x\nb: *y\n", "3:4"),
    ("a: [1\n", "2:1"),
    ("a: &a [*a]\n", "1:8"),
    ("a: 1\nb: \"\\x85\"\n", "2:4"),
])
def test_a_plan_the_loader_refuses_is_not_edited(text: str, where: str) -> None:
    plan = EditablePlan(text.encode())
    with pytest.raises(PlanError) as info:
        plan.set_value(("a",), 2)
    assert f"{info.value.issues[0].line}:{info.value.issues[0].column}" == where
    assert plan.text == text


@pytest.mark.parametrize("value", ["a\x85b", "a\u2028b", 10**31])
def test_values_the_loader_would_refuse_are_not_written(value: Any) -> None:
    plan = EditablePlan(b"a: 1\n")
    with pytest.raises((WriteRefusedError, UsageError)):
        plan.set_value(("a",), value)
    assert plan.text == "a: 1\n"


@pytest.mark.parametrize(
    ("text", "action", "path", "message"),
    [
        ("a: &x [1]\nb: *x\n", "append_item", ("b",), "anchor, alias or merge key"),
        ("a: &x [1]\nb: *x\n", "append_item", ("a",), "anchor, alias or merge key"),
        ("tags: [a]\nlast: &z {k: 1}\n", "set_value", ("new",), "anchor"),
        ("a: 1\n", "set_value", ("b", "c"), "b does not exist"),
        ("a: {b: 1}\n", "set_value", ("a", "x", "y"), "a.x does not exist"),
        ("a: text\n", "append_item", ("a",), "a is a single value, not a list"),
        ("a: [1]\n", "set_value", ("a", "b"), "a is a list, not a mapping"),
        ("a: [1]\n", "set_value", ("a", 3), "a has 1 item\\(s\\); there is no item 3"),
        ("a: {b: 1}\n", "set_value", ("a", 0), "a is a mapping, not a list"),
        ("a:\n  b: 1\n", "set_value", ("a",), "a mapping written in block style"),
        ("a:\n  - 1\n", "set_value", ("a", 0), "with a list or mapping"),
        ("- a\n", "set_value", ("a",), "not a mapping"),
        ("", "set_value", ("a",), "not a mapping"),
        ("a: 1\rb: 2\n", "set_value", ("a",), "lone carriage return"),
    ],
)
def test_unsupported_edits_are_usage_errors(
    text: str, action: str, path: tuple[str | int, ...], message: str
) -> None:
    plan = EditablePlan(text.encode())
    value: Any = {"k": [1]} if "list or mapping" in message else 1
    with pytest.raises(UsageError, match=message) as info:
        getattr(plan, action)(path, value)
    assert not isinstance(info.value, WriteRefusedError)
    assert plan.text == text


def test_invalid_utf8_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="UTF-8"):
        EditablePlan(b"name: \xe9\n")


def test_unreadable_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"(?i)no such file"):
        EditablePlan.read(tmp_path / "missing.yaml")
    os.mkfifo(tmp_path / "fifo.yaml")
    with pytest.raises(UsageError, match="not a regular file"):
        EditablePlan.read(tmp_path / "fifo.yaml")


def test_edit_that_does_not_verify_is_refused_with_a_diff(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "tags:\n  - a\nnext: 1\n")
    plan = EditablePlan.read(path)

    def sloppy(doc: Any, line: int, lines: list[str]) -> Any:
        return edit._Splice(0, 0, "extra: 1\n")

    monkeypatch.setattr(edit, "_insert_lines", sloppy)
    with pytest.raises(WriteRefusedError) as info:
        plan.append_item(("tags",), "b")
    assert "+extra: 1" in info.value.diff and info.value.exit_code == 2
    assert plan.text == "tags:\n  - a\nnext: 1\n" and plan.save() is False
    assert path.read_bytes() == b"tags:\n  - a\nnext: 1\n"


def test_type_change_does_not_verify(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in (edit, emit):
        monkeypatch.setattr(module, "emit_scalar", lambda value, flow=False: "true")
    plan = EditablePlan(b"a: 0\n")
    with pytest.raises(WriteRefusedError):
        plan.set_value(("a",), 1)


# ------------------------------------------------------------------ saving: cases 29, 31, 32


def test_save_without_changes_writes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\n")
    before = path.stat().st_mtime_ns
    plan = EditablePlan.read(path)
    assert plan.changed is False and plan.save() is False
    plan.set_value(("a",), 1)
    assert plan.changed is False and plan.save() is False
    assert path.stat().st_mtime_ns == before


def test_save_twice(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\n")
    plan = EditablePlan.read(path)
    plan.set_value(("a",), 2)
    assert plan.save() is True
    plan.set_value(("b",), 3)
    assert plan.save() is True
    assert path.read_bytes() == b"a: 2\nb: 3\n"


def test_changed_on_disk_between_read_and_save(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\n")
    plan = EditablePlan.read(path)
    plan.set_value(("a",), 2)
    path.write_bytes(b"a: 1\nb: someone else\n")
    with pytest.raises(ChangedOnDiskError, match="changed on disk"):
        plan.save()
    assert path.read_bytes() == b"a: 1\nb: someone else\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


def test_ctrl_c_during_save_leaves_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, ODD)
    plan = EditablePlan.read(path)
    plan.append_item(("journeys",), {"id": "x"})

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        plan.save()
    assert path.read_text() == ODD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


def test_symlinked_plan_keeps_link_and_mode(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    real = write(tmp_path / "repo", "name: Shop\n")
    real.chmod(0o640)
    link = tmp_path / "plan.yaml"
    link.symlink_to(real)
    plan = EditablePlan.read(link)
    plan.set_value(("name",), "Store")
    plan.save()
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_bytes() == b"name: Store\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


# ------------------------------------------------------------------ properties

NAMES = st.sampled_from(["id", "name", "value", "note", "owner", "kind", "rate", "due"])
TEXT = st.text(  # what a plan can hold: the loader refuses control characters and separators
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
                           blacklist_characters="\ufeff", whitelist_characters="\t\n"),
    max_size=20,
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(),
    TEXT,
    st.sampled_from(["yes", "no", "1.0", "2024-01-01", "a: b", "", "~", "x, y", "é 한"]),
)
ITEMS = st.dictionaries(NAMES, SCALARS, min_size=1, max_size=3)
TAGS = st.lists(st.sampled_from(["gold", "a, b", "yes", "12", "x: y", "#1", "한"]), max_size=3)
BLOCK_SCALAR_LINES = ["first line", "  indented", "# not a comment"]
BLOCK_SCALARS = {
    "|": "first line\n  indented\n# not a comment\n",
    "|-": "first line\n  indented\n# not a comment",
    "|+": "first line\n  indented\n# not a comment\n\n",
}


@st.composite
def renderings(draw: st.DrawFn, value: Any, flow: bool) -> str:
    """``value`` (a scalar) written in one of the ways a person might write it."""
    if isinstance(value, str):
        options = [emit_scalar(value, flow=flow)]
        if value.isprintable() and value:
            options.append("'" + value.replace("'", "''") + "'")
        return draw(st.sampled_from(options))
    if value is None:
        return draw(st.sampled_from(["null", "~", "Null"] + ([] if flow else [""])))
    if isinstance(value, bool):
        return draw(st.sampled_from([str(value).lower(), str(value)]))
    if isinstance(value, float):
        return repr(value).replace("e", draw(st.sampled_from(["e", "E"])))
    return emit_scalar(value)


@dataclass(frozen=True)
class Style:
    """How a generated document is indented and commented."""

    indent: int
    seq_indent: int
    offset: int
    comments: bool


@st.composite
def documents(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """A random plan (lists of items) and a hand-written-looking YAML text for it."""
    indent = draw(st.sampled_from([2, 4]))
    style = Style(
        indent,
        draw(st.sampled_from([0, indent])),
        draw(st.sampled_from([2, 4])),
        draw(st.booleans()),
    )
    data: dict[str, Any] = {}
    lines = ["# a plan"] if style.comments else []
    for key in draw(
        st.lists(st.sampled_from(["kpis", "segments", "offers"]), min_size=1, unique=True)
    ):
        items = draw(st.lists(ITEMS, max_size=3))
        if not items or draw(st.booleans()):
            lines.append(f"{key}: [{', '.join(_flow_item(draw, item) for item in items)}]")
            data[key] = items
            continue
        lines.append(f"{key}:" + ("   # list" if style.comments else ""))
        data[key] = [_block_item(draw, item, lines, style) for item in items]
        if lines[-1]:  # a blank line after a |+ scalar would belong to it
            lines.extend(draw(st.sampled_from([[], [""], ["# after " + key]])))
    text = "\n".join(lines) + "\n"
    assert load(text) == data, text
    return data, text


def _flow_item(draw: st.DrawFn, item: dict[str, Any]) -> str:
    pairs = (f"{k}: {draw(renderings(v, True))}" for k, v in item.items())
    return "{" + ", ".join(pairs) + "}"


def _block_item(draw: st.DrawFn, item: dict[str, Any], lines: list[str], style: Style) -> Any:
    """Write one list item (maybe with a nested list and a block scalar); return its data."""
    entries: list[tuple[str, Any]] = list(item.items())
    if draw(st.booleans()):
        entries.append(("tags", draw(TAGS)))
    if draw(st.booleans()):
        entries.append(("notes", draw(st.sampled_from(sorted(BLOCK_SCALARS)))))
    entries = draw(st.permutations(entries))
    column = style.seq_indent + style.offset
    dash = " " * style.seq_indent + "-" + " " * (style.offset - 1)
    result = {}
    for n, (field, value) in enumerate(entries):
        first, *rest = _field_lines(draw, field, value, column, style)
        lines.extend([(dash if n == 0 else " " * column) + first, *rest])
        result[field] = BLOCK_SCALARS[value] if field == "notes" else value
    return result


def _field_lines(draw: st.DrawFn, field: str, value: Any, column: int, style: Style) -> list[str]:
    note = "  # note" if style.comments and draw(st.booleans()) else ""
    if field == "notes":
        body = [" " * (column + style.indent) + line for line in BLOCK_SCALAR_LINES]
        blank = [""] if value == "|+" or draw(st.booleans()) else []
        return [f"notes: {value}{note}", *body, *blank]
    if field == "tags":
        if not value or draw(st.booleans()):
            return [f"tags: [{', '.join(emit_scalar(v, flow=True) for v in value)}]{note}"]
        dash = " " * (column + style.seq_indent) + "- "
        return [f"tags:{note}", *(dash + draw(renderings(v, False)) for v in value)]
    text = draw(renderings(value, False))
    return [f"{field}: {text}{note}" if text else f"{field}:{note}"]


@st.composite
def edits(draw: st.DrawFn, data: dict[str, Any]) -> tuple[str, tuple[str | int, ...], Any]:
    """A random append or set, on an existing or a new key."""
    items = [(k, i) for k in data for i in range(len(data[k]))]
    choice = draw(st.sampled_from(["append", "append_new", "tags", "set", "set_new"]))
    if choice == "append":
        return "append_item", (draw(st.sampled_from(list(data))),), draw(ITEMS)
    if choice == "append_new" or not items:
        return "append_item", ("brand_new",), draw(ITEMS)
    key, index = draw(st.sampled_from(items))
    if choice == "tags":
        return "append_item", (key, index, "tags"), draw(TEXT)
    if choice == "set_new":
        return "set_value", ("title",), draw(SCALARS)
    fields = [f for f in data[key][index] if f != "tags"]
    return "set_value", (key, index, draw(st.sampled_from([*fields, "extra"]))), draw(SCALARS)


def _apply(data: dict[str, Any], action: str, path: tuple[str | int, ...], value: Any) -> Any:
    expected = copy.deepcopy(data)
    parent = expected
    for key in path[:-1]:
        parent = parent[key]
    if action == "set_value":
        parent[path[-1]] = value
    else:
        parent.setdefault(path[-1], []).append(value)
    return expected


def _placeholder_opened(old: list[str], new: list[str]) -> bool:
    """``key: []  # c`` replaced by ``key:  # c`` and the lines of what was added."""
    import re

    return len(old) == 1 and re.sub(r"\s*(\[\]|\{\})", "", old[0], count=1) == new[0]


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), documents(), st.booleans())
def test_random_edit_changes_only_its_target(
    data: st.DataObject, document: tuple[dict[str, Any], str], crlf: bool
) -> None:
    plan_data, text = document
    if crlf:
        text = text.replace("\n", "\r\n")
    action, path, value = data.draw(edits(plan_data))
    plan = EditablePlan(text.encode())
    getattr(plan, action)(path, value)
    new = plan.text
    assert load(new.replace("\r\n", "\n")) == _apply(plan_data, action, path, value)
    diff = changes(text, new)
    assert len(diff) == 1 or (diff == [] and new == text)
    for tag, old_lines, new_lines in diff:
        assert tag == "insert" or (tag == "replace" and len(new_lines) == 1) or (
            _placeholder_opened(old_lines, new_lines))
    if crlf:
        assert new.count("\n") == new.count("\r\n")
    else:
        assert "\r" not in new


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_emitted_strings_round_trip(text: str) -> None:
    assert load(f"v: {emit_scalar(text)}") == {"v": text}
    assert load(f"v: [{emit_scalar(text, flow=True)}, x]") == {"v": [text, "x"]}
    assert load(f"{emit_scalar(text)}: 1") == {text: 1}


@settings(max_examples=100, deadline=None)
@given(
    st.recursive(
        SCALARS,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(NAMES, inner, max_size=3),
        max_leaves=8,
    )
)
def test_emitted_values_round_trip(value: Any) -> None:
    assert load(f"v: {emit_flow(value)}") == {"v": value}
    lines = entry_lines("v", value, 0, Layout(indent=3, sequence_indent=0, dash_offset=3))
    assert load("\n".join(lines)) == {"v": value}


def test_replacing_a_flow_list_with_a_comment_inside_is_refused() -> None:
    plan = EditablePlan(b"tags: [a,   # keep me\n b]\n")
    with pytest.raises(UsageError, match="a comment is written inside it"):
        plan.set_value(("tags",), ["x"])
    assert plan.text == "tags: [a,   # keep me\n b]\n"


# ------------------------------------------------------------------ write-backs stay readable


def _uncommented(text: str, first: str) -> str:
    """The scaffold with the commented-out block that starts with ``first`` made live."""
    lines = text.split("\n")
    start = lines.index(first)
    end = lines.index("", start)
    lines[start:end] = [line[2:] for line in lines[start:end]]
    return "\n".join(lines)


LONG_FINDING = ("Retention moves too slowly for the VIP segment: the reminder campaign reached "
                "only half of the customers it was meant to reach this quarter, and nobody "
                "followed up by phone.")
LONG_CJK = ("客户旅程中的每个触点都应该有负责人和关键绩效指标，" * 4
            + "재방문율을 높이는 방법을 찾는다.")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ko", "en", "zh"])
def test_what_commands_add_to_a_fresh_plan_is_block_style_and_short(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """``init`` writes ``log: []``, ``decisions: []``, ``snapshots: []``: what assess --record,
    review record, baseline record and segment score add goes on block lines of at most 100
    characters, indented like its neighbours, and nothing else of the plan changes."""
    from typer.testing import CliRunner

    from crmplan.cli import app

    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["init", "client", "--client", "Acme", "--lang", lang]
                         ).exit_code == 0
    plan = tmp_path / "client" / "plan.yaml"
    text = _uncommented(plan.read_text(encoding="utf-8"), "# kpis:")
    plan.write_text(_uncommented(text, "# segments:"), encoding="utf-8")  # and task_force
    assert "\ntask_force: {}" in plan.read_text(encoding="utf-8")
    before = plan.read_text(encoding="utf-8")
    today = dt.date.today().isoformat()
    for args in (["assess", "--record"],
                 ["review", "record", "--findings", LONG_FINDING, "--decisions", LONG_CJK,
                  "--actions", LONG_FINDING, "--reviewers", "Kim"],
                 ["baseline", "record", "avg_response_time", "8.5", "--date", today,
                  "--source", LONG_FINDING],
                 ["segment", "score", "vip", "speed=4", "--member", "kim"]):
        result = runner.invoke(app, [*args, "--plan" if args[0] != "assess" else "client",
                                     *(["client"] if args[0] != "assess" else [])])
        if args[0] == "segment":  # no member yet: refused, nothing written
            assert result.exit_code == 2, result.output
            continue
        assert result.exit_code == 0, (args, result.output)
    after = plan.read_text(encoding="utf-8")
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    removed = [line[2:] for line in diff if line.startswith("- ")]
    added = [line[2:] for line in diff if line.startswith("+ ")]
    assert sorted(removed) == sorted(["  log: []", "decisions: []"] + [
        line for line in before.splitlines() if line.lstrip().startswith("snapshots: []")])
    assert added and max(emit.columns(line) for line in added) <= 100, max(added, key=len)
    assert not any(line.lstrip().startswith(("- {", "log: [{", "decisions: [{"))
                   for line in added)
    assert "  log:" in added and "decisions:" in added
    assert any(line.startswith("    - date: ") for line in added)  # under log, block style
    assert any(line.startswith("  - id: ") for line in added)  # under decisions


# ------------------------------------------------------------------ the whole plan, re-checked

VALID_PLAN = """\
schema_version: 1
client:
  name: Acme   # kept
reviews:
  log:
    - {date: 2025-01-01, findings: [Churn is up.]}
"""


def test_a_write_after_which_the_plan_would_not_load_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, VALID_PLAN)
    plan = EditablePlan.read(path)
    plan.append_item(("reviews", "log"), {"date": dt.date(2025, 2, 1), "reviewers": [" "]})
    with pytest.raises(WriteRefusedError) as info:
        plan.save()
    assert info.value.exit_code == 2
    message = info.value.message
    assert message.startswith(f"{path}: after this change the plan would not load "
                              "(reviews.log[1].reviewers[0]: ")
    assert message.endswith("); nothing was written")
    assert path.read_text() == VALID_PLAN
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


@pytest.mark.slow
def test_a_write_that_would_take_the_plan_over_its_size_limit_is_refused(tmp_path: Path
                                                                          ) -> None:
    path = write(tmp_path, VALID_PLAN)
    plan = EditablePlan.read(path)
    plan.append_item(("reviews", "log"), {"date": dt.date(2025, 2, 1),
                                          "findings": ["x" * 20_000] * 53})
    # each finding is wrapped on lines of at most 100 columns: some 1,2xx,xxx bytes
    with pytest.raises(WriteRefusedError, match=r"the plan would grow to 1,\d{3},\d{3} bytes, "
                                                r"over the 1 MiB a plan may hold; nothing was "
                                                r"written"):
        plan.save()
    assert path.read_text() == VALID_PLAN


def test_a_plan_that_did_not_load_before_is_still_written(tmp_path: Path) -> None:
    """The check keeps a write from breaking a plan; it does not judge one already broken."""
    path = write(tmp_path, "tags: [a]\n")
    plan = EditablePlan.read(path)
    plan.append_item(("tags",), "b")
    assert plan.save() is True
    assert path.read_text() == "tags: [a, b]\n"


def _leaf_paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The key path of every scalar value and every list in ``data``."""
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in _leaf_paths(value, (*path, key))]
    if isinstance(data, list):
        return [path] + [p for i, value in enumerate(data) for p in _leaf_paths(value, (*path, i))]
    return [path]


def _edited(text: str, path: tuple[Any, ...], value: Any, fast: bool,
            monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """The text after the edit, or the refusal's type and message; libyaml's composer or
    the pure one."""
    from crmplan.plan import yamldoc

    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(yamldoc, "fast_compose_allowed", lambda _text: False)
        try:
            plan = EditablePlan.from_text(text, name="plan.yaml")
            target = _example_data(text)
            for key in path:
                target = target[key]
            if isinstance(target, list):
                plan.append_item(path, value)
            else:
                plan.set_value(path, value)
        except (UsageError, PlanError, WriteRefusedError) as exc:
            return type(exc).__name__, str(exc)
        return "edited", plan.text


@functools.cache
def _example_data(text: str) -> Any:
    return YAML(typ="safe", pure=False).load(text)


_EXAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(
    (Path(__file__).parents[1] / "examples").glob("*/plan.yaml"))]


@pytest.mark.slow
@settings(max_examples=5, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(example=st.sampled_from(range(len(_EXAMPLE_TEXTS))), pick=st.integers(0, 10**6),
       value=st.one_of(st.integers(-10**6, 10**6), st.text(max_size=40),
                       st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
                       st.dates()))
def test_libyamls_composer_and_the_pure_one_give_the_same_bytes(
        example: int, pick: int, value: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from crmplan.plan import yamldoc

    text = _EXAMPLE_TEXTS[example]
    assert yamldoc.fast_compose_allowed(text)
    paths = _leaf_paths(_example_data(text))
    path = paths[pick % len(paths)]
    fast = _edited(text, path, value, True, monkeypatch)
    assert fast == _edited(text, path, value, False, monkeypatch)


def test_a_rename_with_an_editors_sections_reads_only_what_it_changed() -> None:
    """The sections the editor read are not read again, and their data (shared with the
    editor's analysis) is left as it was."""
    from crmplan.plan import sections as sections_module
    from crmplan.plan.sections import SectionCache

    text = ("schema_version: 1\nclient:\n  name: Acme\nsegments:\n  - id: vip\n"
            "campaigns:\n  - id: c1\n    segment: vip\nnotes: x\n")
    cache = SectionCache()
    shared = cache.parse(text, "plan.yaml").data
    before = copy.deepcopy(shared)
    read: list[str] = []
    real = sections_module.parse_clean
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sections_module, "parse_clean",
                      lambda piece, name: read.append(piece) or real(piece, name))
        editable = EditablePlan.from_text(text, sections=cache)
        editable.rename([("segments", 0, "id"), ("campaigns", 0, "segment")], [], "top")
    assert editable.text == text.replace("vip", "top")
    assert read == ["segments:\n  - id: top\n", "campaigns:\n  - id: c1\n    segment: top\n"]
    assert shared == before


def test_the_expected_data_copies_only_what_changes() -> None:
    """What the edited text must read as: the lists and mappings along the changed paths
    copied, the rest shared; a value written once and named twice (an alias) is copied
    where it changes only, so that a change through the alias would not match."""
    named_twice = {"ids": ["vip"]}
    data = {"a": named_twice, "b": named_twice, "c": {"d": [1]}}
    expected = edit._copied_along(data, [("a", "ids", 0)])
    expected["a"]["ids"][0] = "top"
    assert data == {"a": {"ids": ["vip"]}, "b": {"ids": ["vip"]}, "c": {"d": [1]}}
    assert expected["b"] is named_twice and expected["c"] is data["c"]
