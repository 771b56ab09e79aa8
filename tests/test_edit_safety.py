"""The lossless writer's own guarantees, pinned edge by edge (plan/edit.py).

Every write path users reach (baseline record, review record, segment score, sheet
import, the language server's rename, assess --record) goes through
:class:`~crmplan.plan.edit.EditablePlan`. These tests hold the parts the ordinary edits
never exercise: replacing a flow collection, the verification that refuses an edit
which strays (fed edits built to be wrong on purpose), renames, and the whole-plan check
before a save.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmplan.atomic import FileState
from crmplan.errors import UsageError, WriteRefusedError
from crmplan.plan import edit
from crmplan.plan.edit import EditablePlan, Replacement
from crmplan.plan.emit import emit_flow
from crmplan.plan.yamldoc import Doc, parse_document

REFUSED = "plan.yaml: the edit would change more than intended; nothing was written"
BY_HAND = "Make this change by hand; the diff shows what crmplan would have written."


def doc_of(text: str) -> Doc:
    return parse_document("plan.yaml", text, "\r\n" if "\r\n" in text else "\n")


def write(folder: Path, text: str) -> Path:
    path = folder / "plan.yaml"
    path.write_bytes(text.encode())
    return path


def set_value(text: str, path: tuple[str | int, ...], value: Any) -> str:
    plan = EditablePlan.from_text(text, name="plan.yaml")
    plan.set_value(path, value)
    return plan.text


# ------------------------------------------------------------------ replacing a flow collection


@pytest.mark.parametrize(
    ("text", "path", "value", "expected"),
    [
        # the list is rewritten in flow style; what follows it on its line stays
        (
            "tags: [a, b]  # keep\nnext: 1\n",
            ("tags",),
            ["x", "y, z"],
            'tags: [x, "y, z"]  # keep\nnext: 1\n',
        ),
        (
            "segments:\n  - id: vip\n    tags: [gold, 'platinum']\n    size: 3\n",
            ("segments", 0, "tags"),
            ["silver"],
            "segments:\n  - id: vip\n    tags: [silver]\n    size: 3\n",
        ),
        (
            "target: {value: 40, by: 2024-12-31}  # goal\n",
            ("target",),
            {"value": 45, "note": "a: b"},
            'target: {value: 45, note: "a: b"}  # goal\n',
        ),
        # a flow list written over two lines, without a comment in it, becomes one line
        ("tags: [a,\n  b]\nnext: 1\n", ("tags",), ["x"], "tags: [x]\nnext: 1\n"),
        # a '#' inside a quoted item on one line is not a comment
        ('tags: ["#1", b]\nnext: 1\n', ("tags",), ["x"], "tags: [x]\nnext: 1\n"),
        # nested flow collections inside a flow collection
        ("a: {b: [1, 2], c: 3}\n", ("a", "b"), [4], "a: {b: [4], c: 3}\n"),
        ("a: [[1, 2], 3]\n", ("a", 0), {"k": "v"}, "a: [{k: v}, 3]\n"),
        # emptied, or replaced by a single value
        ("tags: [a, b]\n", ("tags",), [], "tags: []\n"),
        ("tags: [a, b]\n", ("tags",), "none", "tags: none\n"),
    ],
    ids=[
        "list",
        "nested-list",
        "mapping",
        "two-lines",
        "hash-in-quotes",
        "in-flow-mapping",
        "in-flow-list",
        "emptied",
        "by-a-value",
    ],
)
def test_a_flow_collection_is_replaced_in_flow_style_and_nothing_else_changes(
    text: str, path: tuple[str | int, ...], value: Any, expected: str
) -> None:
    assert set_value(text, path, value) == expected


def test_replacing_a_flow_list_end_to_end_writes_only_its_bytes(tmp_path: Path) -> None:
    text = "# plan\r\nname: Shop  # client\r\ntags: [gold, silver]   # tiers\r\nnext: 1\r\n"
    path = write(tmp_path, text)
    plan = EditablePlan.read(path)
    plan.set_value(("tags",), ["gold", "silver", "bronze"])
    assert plan.save() is True
    assert path.read_bytes() == text.replace("silver]", "silver, bronze]").encode()


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("tags: [a,   # keep me\n b]\n", "1:7"),
        ("x: 1\ntarget: {value: 40,  # stretch\n  by: 2024-12-31}\n", "2:9"),
    ],
)
def test_a_flow_collection_with_a_comment_inside_is_left_to_the_user(text: str, where: str) -> None:
    key = "tags" if text.startswith("tags") else "target"
    plan = EditablePlan.from_text(text, name="plan.yaml")
    with pytest.raises(UsageError) as info:
        plan.set_value((key,), ["x"])
    assert info.value.message == (
        f"plan.yaml:{where}: cannot replace {key}: a comment is written inside it"
    )
    assert info.value.hint == "Edit this part of the plan by hand."
    assert plan.text == text


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: [&x 1, *x]\n", "1:5"),
        ("a:\n  b: {c: &x 1, d: *x}\n", "2:10"),
    ],
)
def test_a_flow_collection_holding_an_anchor_is_not_replaced(text: str, where: str) -> None:
    plan = EditablePlan.from_text(text, name="plan.yaml")
    path = ("a",) if text.startswith("a: [") else ("a", "b")
    with pytest.raises(UsageError) as info:
        plan.set_value(path, [2])
    dotted = ".".join(str(p) for p in path)
    assert info.value.message == (
        f"plan.yaml:{where}: cannot edit {dotted}: it uses a YAML anchor, alias or merge key"
    )
    assert plan.text == text


def test_a_block_collection_is_not_replaced() -> None:
    for text, kind in (("a:\n  - 1\n", "a list"), ("a:\n  b: 1\n", "a mapping")):
        with pytest.raises(UsageError) as info:
            set_value(text, ("a",), [2])
        assert info.value.message == (
            f"plan.yaml:2:3: cannot replace a: it is {kind} written in block style"
        )


# ------------------------------------------------------------------ the safety net, fed wrong edits


@dataclass(frozen=True)
class Straying(edit._Splice):
    """A splice that also rewrites text outside the region it declares."""

    old: str = ""
    stray: str = ""

    def apply(self, text: str) -> str:
        return super().apply(text).replace(self.old, self.stray)


def _refusal(call: Callable[[], object], name: str = "plan.yaml") -> WriteRefusedError:
    with pytest.raises(WriteRefusedError) as info:
        call()
    assert info.value.message == REFUSED.replace("plan.yaml", name, 1)
    assert info.value.hint == BY_HAND
    assert info.value.exit_code == 2
    return info.value


def test_a_splice_that_strays_outside_its_region_is_refused() -> None:
    """Only the comment changes outside the splice: the data is as intended, the bytes are not."""
    text = "a: 1  # keep\nb: 2  # also keep\n"
    doc = doc_of(text)
    splice = Straying(3, 4, "5", old="# also keep", stray="# lost")
    refused = _refusal(lambda: edit._verified(doc, splice, edit._setting(("a",), 5)))
    assert "-b: 2  # also keep\n" in refused.diff and "+b: 2  # lost\n" in refused.diff
    assert refused.diff.startswith("--- plan.yaml (now)\n+++ plan.yaml (after the edit)\n")
    # the same splice, keeping to its region, is accepted
    kept = edit._verified(doc, edit._Splice(3, 4, "5"), edit._setting(("a",), 5))
    assert kept == "a: 5  # keep\nb: 2  # also keep\n"


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("3", 2),  # another value
        ("true", 1),  # another type that compares equal in Python
        ("1.0", 1),
        ("'1'", 1),
        ("[1]", [1, 2]),  # a shorter list
        ("[1, 2, 3]", [1, 2]),
        ("{k: 1}", {"k": 1, "j": 2}),
        ("{j: 2, k: 1}", {"k": 1, "j": 2}),  # the same keys in another order
        ("{k: [true]}", {"k": [1]}),  # a nested type change
        ("{k: {j: 2}}", {"k": {"j": 3}}),
    ],
    ids=[
        "value",
        "bool-for-int",
        "float-for-int",
        "str-for-int",
        "shorter",
        "longer",
        "missing-key",
        "key-order",
        "nested-type",
        "nested-value",
    ],
)
def test_a_splice_that_writes_something_else_than_meant_is_refused(
    written: str, value: Any
) -> None:
    text = "a: 0\nz: 9\n"
    doc = doc_of(text)
    _refusal(lambda: edit._verified(doc, edit._Splice(3, 4, written), edit._setting(("a",), value)))


def test_the_whole_document_rewritten_in_another_key_order_is_refused() -> None:
    text = "a: 1\nb: 2\n"
    doc = doc_of(text)

    def unchanged(data: Any) -> None:
        return None

    _refusal(lambda: edit._verified(doc, edit._Splice(0, len(text), "b: 2\na: 1\n"), unchanged))
    _refusal(
        lambda: edit._verified_all(
            doc, [edit._Splice(0, len(text), "b: 2\na: 1\n")], [unchanged], [()]
        )
    )


def _raises(error: type[Exception]) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        raise error("the change does not fit the data")

    return change


@pytest.mark.parametrize(
    "change",
    [
        edit._setting(("missing", "key"), 1),  # KeyError
        edit._setting(("list", 5), 1),  # IndexError
        edit._setting(("list", "key"), 1),  # TypeError
        edit._renaming(("list", 0), "b"),  # AttributeError
        _raises(LookupError),
    ],
    ids=["key", "index", "type", "attribute", "lookup"],
)
def test_a_change_that_does_not_fit_the_data_is_refused(change: Callable[[Any], None]) -> None:
    doc = doc_of("a: 0\nlist: [x]\n")
    _refusal(lambda: edit._verified(doc, edit._Splice(3, 4, "1"), change))
    _refusal(lambda: edit._verified_all(doc, [edit._Splice(3, 4, "1")], [change], [("a",)]))


def test_a_splice_that_breaks_the_yaml_is_refused() -> None:
    doc = doc_of("a: 0\nb: 1\n")
    refused = _refusal(
        lambda: edit._verified(doc, edit._Splice(3, 4, "[1"), edit._setting(("a",), [1]))
    )
    assert "+a: [1\n" in refused.diff
    _refusal(
        lambda: edit._verified_all(
            doc, [edit._Splice(3, 4, "[1")], [edit._setting(("a",), [1])], [("a",)]
        )
    )


def test_verifying_leaves_the_parsed_document_as_it_was() -> None:
    """The expected data is a copy: the change never reaches the document it compares with."""
    doc = doc_of("a: {b: [1]}\nc: 2\n")
    before = {"a": {"b": [1]}, "c": 2}
    edit._verified(doc, edit._Splice(8, 9, "1, 3"), edit._appending(("a", "b"), 3))
    assert doc.data == before
    edit._verified_all(
        doc, [edit._Splice(8, 9, "4")], [edit._setting(("a", "b", 0), 4)], [("a", "b", 0)]
    )
    assert doc.data == before
    _refusal(lambda: edit._verified(doc, edit._Splice(8, 9, "9"), edit._setting(("c",), 9)))
    assert doc.data == before


def test_an_appended_or_set_value_is_a_copy_of_the_callers() -> None:
    value = {"k": [1]}
    data: dict[str, Any] = {"a": [], "b": None}
    edit._appending(("a",), value)(data)
    edit._appending(("b",), value)(data)
    edit._setting(("c",), value)(data)
    value["k"].append(2)
    assert data == {"a": [{"k": [1]}], "b": [{"k": [1]}], "c": {"k": [1]}}


@pytest.mark.parametrize(
    ("old", "new", "splice", "same"),
    [
        ("abcdef", "abXYef", edit._Splice(2, 4, "XY"), True),
        ("abcdef", "abXef", edit._Splice(2, 4, "X"), True),  # shorter
        ("abcdef", "abXYZef", edit._Splice(2, 4, "XYZ"), True),  # longer
        ("abcdef", "abcXdef", edit._Splice(3, 3, "X"), True),  # an insertion
        ("abcdef", "aBXYef", edit._Splice(2, 4, "XY"), False),  # the byte just before
        ("abcdef", "abXYEf", edit._Splice(2, 4, "XY"), False),  # the byte just after
        ("abcdef", "XbXYef", edit._Splice(2, 4, "XY"), False),  # the first byte
        ("abcdef", "abXYeF", edit._Splice(2, 4, "XY"), False),  # the last byte
        ("abcdef", "abXYef!", edit._Splice(2, 4, "XY"), False),  # a byte added at the end
        ("abcdef", "abXYe", edit._Splice(2, 4, "XY"), False),  # the last byte lost
    ],
)
def test_outside_unchanged_compares_every_byte_around_the_splice(
    old: str, new: str, splice: edit._Splice, same: bool
) -> None:
    assert edit._outside_unchanged(old, new, splice) is same


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (1, 1, True),
        (1, True, False),
        (True, 1, False),
        (1, 1.0, False),
        ("1", 1, False),
        (None, None, True),
        (None, "", False),
        (dt.date(2024, 1, 1), dt.date(2024, 1, 1), True),
        (dt.date(2024, 1, 1), dt.date(2024, 1, 2), False),
        ([1, 2], [1, 2], True),
        ([1, 2], [2, 1], False),
        ([1, 2], [1], False),
        ([1], [1, 2], False),
        ([1], [True], False),
        ({"a": 1, "b": 2}, {"a": 1, "b": 2}, True),
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}, False),
        ({"a": 1}, {"a": 1, "b": 2}, False),
        ({"a": 1, "b": 2}, {"a": 1}, False),
        ({"a": 1}, {"b": 1}, False),
        ({"a": 1}, {"a": True}, False),
        ({"a": [{"b": 1}]}, {"a": [{"b": 1}]}, True),
        ({"a": [{"b": 1}]}, {"a": [{"b": 1.0}]}, False),
        ([], {}, False),
    ],
)
def test_same_compares_types_lengths_and_key_order(a: Any, b: Any, same: bool) -> None:
    assert edit._same(a, b) is same


SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.text("ab", max_size=2))
VALUES = st.recursive(
    SCALAR,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from("abc"), inner, max_size=3)
    ),
    max_leaves=6,
)


@settings(max_examples=30, deadline=None)
@given(VALUES, VALUES)
def test_same_is_equality_of_the_yaml_written(a: Any, b: Any) -> None:
    """Two values are the same exactly when they would be written as the same YAML."""
    assert edit._same(a, b) is (emit_flow(a) == emit_flow(b))
    assert edit._same(a, a)


def lines(key: str) -> st.SearchStrategy[str]:
    """A few lines around the edited one: comments, blanks and other entries."""
    line = st.sampled_from(["# note", "", "{k}1: 1  # c", "{k}2: [1, 2]", "{k}3: {{k: v}}"])
    return st.lists(line, max_size=3, unique=True).map(
        lambda found: "".join(text.format(k=key) + "\n" for text in found)
    )


ITEMS = st.lists(
    st.one_of(st.integers(-99, 99), st.sampled_from(["a, b", "#1", "한", "x: y"])),
    min_size=1,
    max_size=3,
)


@settings(max_examples=25, deadline=None)
@given(
    before=lines("b"),
    after=lines("a"),
    old=ITEMS,
    new=st.one_of(
        ITEMS, st.dictionaries(st.sampled_from(["k", "j"]), st.integers(0, 9), max_size=2)
    ),
    tail=st.sampled_from(["", "   # tiers"]),
    crlf=st.booleans(),
)
def test_replacing_a_flow_collection_changes_only_its_bytes(
    before: str, after: str, old: list[Any], new: Any, tail: str, crlf: bool
) -> None:
    """Whatever surrounds ``tags: [...]``, only the brackets and what they hold change."""
    text = f"{before}tags: {emit_flow(old)}{tail}\n{after}"
    if crlf:
        text = text.replace("\n", "\r\n")
    new_text = set_value(text, ("tags",), new)
    start = text.index("tags: ") + len("tags: ")
    assert new_text == text[:start] + emit_flow(new) + text[start + len(emit_flow(old)) :]


# ------------------------------------------------------------------ several splices at once


def test_several_splices_apply_from_the_end_whatever_order_they_come_in() -> None:
    doc = doc_of("a: x\nb: xx\nc: x\n")
    splices = [edit._Splice(14, 15, "longer"), edit._Splice(3, 4, "yyy"), edit._Splice(8, 10, "z")]
    changes = [
        edit._setting(("c",), "longer"),
        edit._setting(("a",), "yyy"),
        edit._setting(("b",), "z"),
    ]
    assert (
        edit._verified_all(doc, splices, changes, [("c",), ("a",), ("b",)])
        == "a: yyy\nb: z\nc: longer\n"
    )


def test_adjacent_splices_are_allowed_overlapping_ones_refused() -> None:
    doc = doc_of("k: ab\n")
    adjacent = [edit._Splice(4, 5, "d"), edit._Splice(3, 4, "c")]
    assert edit._verified_all(doc, adjacent, [edit._setting(("k",), "cd")], [("k",)]) == "k: cd\n"
    overlapping = [edit._Splice(3, 5, "cd"), edit._Splice(4, 5, "d")]
    refused = _refusal(
        lambda: edit._verified_all(doc, overlapping, [edit._setting(("k",), "cd")], [("k",)])
    )
    assert refused.diff == ""  # nothing was spliced: there is no text to show


# ------------------------------------------------------------------ renames


def test_rename_writes_every_value_and_key_and_says_where_in_the_old_text() -> None:
    text = (
        "segments:\n  - id: vip   # top\n  - id: new\nscores:\n  vip: 4\n  new: 2\n"
        "refs: [vip, 'vip']\n"
    )
    plan = EditablePlan.from_text(text, name="plan.yaml")
    done = plan.rename(
        [("refs", 1), ("segments", 0, "id"), ("refs", 0)], [("scores", "vip")], "loyal"
    )
    assert plan.text == (
        "segments:\n  - id: loyal   # top\n  - id: new\nscores:\n  loyal: 4\n"
        "  new: 2\nrefs: [loyal, loyal]\n"
    )
    assert done == [
        Replacement(18, 21, "loyal"),
        Replacement(52, 55, "loyal"),
        Replacement(75, 78, "loyal"),
        Replacement(80, 85, "loyal"),
    ]
    assert [text[r.start : r.end] for r in done] == ["vip", "vip", "vip", "'vip'"]


def test_a_rename_that_needs_quotes_gets_them_in_its_context() -> None:
    plan = EditablePlan.from_text("a: x\nb: {x: 1}\nc:\n  x: 2\n", name="plan.yaml")
    plan.rename([("a",)], [("b", "x"), ("c", "x")], "y, z")
    assert plan.text == 'a: y, z\nb: {"y, z": 1}\nc:\n  y, z: 2\n'


@pytest.mark.parametrize(
    ("values", "keys", "message"),
    [
        ([("c",)], [], "plan.yaml:3:4: cannot rename c: it is not a single value"),
        ([("b", "q")], [], "plan.yaml:2:4: cannot rename b.q: it is not a single value"),
        ([], [("b", "q")], "plan.yaml: b.q does not exist"),
    ],
)
def test_a_rename_of_what_is_not_there_or_not_one_value_is_refused(
    values: list[tuple[str, ...]], keys: list[tuple[str, ...]], message: str
) -> None:
    text = "a: x\nb: {x: 1}\nc: [x]\n"
    plan = EditablePlan.from_text(text, name="plan.yaml")
    with pytest.raises(UsageError) as info:
        plan.rename(list(values), list(keys), "z")
    assert info.value.message == message and not isinstance(info.value, WriteRefusedError)
    assert plan.text == text


def test_rename_key_keeps_the_value_its_place_and_its_comments() -> None:
    text = "scores:\n  a: 1\n  vip:   # top\n    - 4\n  z: 2\nflow: {vip: 1, b: 2}\n"
    plan = EditablePlan.from_text(text, name="plan.yaml")
    plan.rename_key(("scores", "vip"), "loyal")
    plan.rename_key(("flow", "vip"), "x: y")
    assert plan.text == (
        'scores:\n  a: 1\n  loyal:   # top\n    - 4\n  z: 2\nflow: {"x: y": 1, b: 2}\n'
    )


def test_rename_key_refuses_a_missing_key_and_a_clash() -> None:
    text = "scores:\n  a: 1\n  b: 2\n"
    plan = EditablePlan.from_text(text, name="plan.yaml")
    with pytest.raises(UsageError) as info:
        plan.rename_key(("scores", "c"), "d")
    assert info.value.message == "plan.yaml: scores.c does not exist"
    with pytest.raises(UsageError):  # two keys 'b': the loader refuses, nothing is kept
        plan.rename_key(("scores", "a"), "b")
    assert plan.text == text


# ------------------------------------------------------------------ the plan text itself


@pytest.mark.parametrize(
    ("data", "newline"),
    [
        (b"a: 1\r\nb: 2\n", "\n"),  # half the line ends are CRLF: LF wins the tie
        (b"a: 1\r\nb: 2\r\nc: 3\n", "\r\n"),  # most are CRLF
        (b"a: 1\r\n", "\r\n"),
        (b"a: 1", "\n"),
    ],
)
def test_the_newline_style_is_the_one_most_lines_use(data: bytes, newline: str) -> None:
    assert EditablePlan(data).newline == newline


def test_a_plan_text_is_named_after_its_file_or_not_at_all(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\n")
    assert EditablePlan.read(path).name == str(path)
    assert EditablePlan(b"a: 1\n").name == "<plan>"
    assert EditablePlan(b"a: 1\n", name="x.yaml").name == "x.yaml"
    with pytest.raises(UsageError) as info:
        EditablePlan(b"a: 1\n").set_value(("a", "b"), 1)
    assert info.value.message.startswith("<plan>:1:4: ")


def test_a_read_only_plan_is_refused_before_any_work_unless_only_read(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\n")
    path.chmod(0o444)
    try:
        plan = EditablePlan.read(path, writing=False)
        plan.set_value(("a",), 2)
        assert plan.render_bytes() == b"a: 2\n"
        with pytest.raises(UsageError):
            EditablePlan.read(path)
    finally:
        path.chmod(0o644)
    assert path.read_bytes() == b"a: 1\n"


def test_a_value_the_emitter_cannot_write_is_a_usage_error_naming_it() -> None:
    plan = EditablePlan.from_text("a: 1\n", name="plan.yaml")
    with pytest.raises(UsageError) as info:
        plan.set_value(("a",), float("nan"))
    assert info.value.message == "plan.yaml: cannot write a: nan is not a finite number"
    assert plan.text == "a: 1\n"


VALID_PLAN = """\
schema_version: 1
client:
  name: Acme   # kept
reviews:
  log:
    - {date: 2025-01-01, findings: [Churn is up.]}
"""


@pytest.mark.parametrize(
    ("blank", "listed"),
    [
        (
            3,
            "reviews.log[1].reviewers[0]: must not be blank; reviews.log[1].reviewers[1]: must not "
            "be blank; reviews.log[1].reviewers[2]: must not be blank",
        ),
        (
            4,
            "reviews.log[1].reviewers[0]: must not be blank; reviews.log[1].reviewers[1]: must not "
            "be blank; reviews.log[1].reviewers[2]: must not be blank; and 1 more",
        ),
    ],
)
def test_a_refused_save_lists_three_problems_and_counts_the_rest(
    tmp_path: Path, blank: int, listed: str
) -> None:
    path = write(tmp_path, VALID_PLAN)
    plan = EditablePlan.read(path)
    plan.append_item(("reviews", "log"), {"date": dt.date(2025, 2, 1), "reviewers": [" "] * blank})
    with pytest.raises(WriteRefusedError) as info:
        plan.save()
    assert info.value.message == (
        f"{path}: after this change the plan would not load ({listed}); nothing was written"
    )
    assert info.value.hint == "the plan is as it was; give values the plan can hold"
    assert path.read_text() == VALID_PLAN
    assert plan.changed  # the edit is still held, so the user can see what was refused


def test_a_refused_edit_end_to_end_leaves_the_file_and_the_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A flow list written back with one item too many is caught before anything is saved."""
    text = "tags: [gold, silver]  # tiers\nnext: 1\n"
    path = write(tmp_path, text)
    plan = EditablePlan.read(path)
    monkeypatch.setattr(edit, "emit_flow", lambda value: "[gold, silver, extra]")
    refused = _refusal(lambda: plan.set_value(("tags",), ["gold"]), str(path))
    assert "+tags: [gold, silver, extra]  # tiers\n" in refused.diff
    assert plan.text == text and plan.changed is False and plan.save() is False
    assert path.read_bytes() == text.encode()


def test_a_saved_plan_can_be_edited_and_saved_again_without_a_false_alarm(tmp_path: Path) -> None:
    path = write(tmp_path, VALID_PLAN)
    plan = EditablePlan.read(path)
    plan.set_value(("client", "name"), "Acme Korea")
    assert plan.save() is True and plan.changed is False
    plan.set_value(("client", "name"), "Acme Asia")
    assert plan.save() is True
    assert path.read_text() == VALID_PLAN.replace("Acme ", "Acme Asia ")


# ------------------------------------------------------------------ where each kind of edit goes


@pytest.mark.parametrize(
    ("text", "action", "path", "value", "expected"),
    [
        # an empty list inside a flow collection is filled in flow style
        ("a: {b: [], c: 1}\n", "append_item", ("a", "b"), 2, "a: {b: [2], c: 1}\n"),
        ("a: [{}]\n", "set_value", ("a", 0, "k"), 1, "a: [{k: 1}]\n"),
        # an empty list that is a list item, or on the line below its key, is no placeholder
        ("list:\n  - []\n", "append_item", ("list", 0), "x", "list:\n  - [x]\n"),
        ("a:\n  []\n", "append_item", ("a",), "x", "a:\n  [x]\n"),
        ("{}\n", "set_value", ("a",), 1, "{a: 1}\n"),
        # a null list item inside a flow list becomes the list asked for
        ("l: [~, 1]\n", "append_item", ("l", 0), "x", "l: [[x], 1]\n"),
        ("l: [1, null]  # c\n", "append_item", ("l", 1), "x", "l: [1, [x]]  # c\n"),
        # a folded block scalar is replaced up to its last line, as a literal one is
        ("a: >\n  folded\n  text\nb: 1\n", "set_value", ("a",), "x", "a: x\nb: 1\n"),
        # an empty value under a key takes a list or mapping on the lines below, comment kept
        ("a:   # c\nb: 1\n", "set_value", ("a",), {"k": 1}, "a:   # c\n  k: 1\nb: 1\n"),
        ("a: x   # c\nb: 1\n", "set_value", ("a",), ["k"], "a:   # c\n  - k\nb: 1\n"),
        ("l:\n  -\n  - 2\n", "set_value", ("l", 0), 1, "l:\n  - 1\n  - 2\n"),
        # a kept-blank block scalar is replaced up to its text: the blank line stays outside
        ("a: |+\n  x\n\nb: 1\n", "set_value", ("a",), "z", "a: z\n\nb: 1\n"),
        ("a: word\n  continued\nb: 1\n", "set_value", ("a",), "x", "a: x\nb: 1\n"),
        ("a:\nb: 1\n", "set_value", ("a",), 1, "a: 1\nb: 1\n"),
        ("a: {b: , c: 1}\n", "set_value", ("a", "b"), 2, "a: {b: 2 , c: 1}\n"),
        # a value is quoted as its place needs: in flow, a comma must be
        ("a: [x]\n", "set_value", ("a", 0), "y, z", 'a: ["y, z"]\n'),
        ("a: x\n", "set_value", ("a",), "y, z", "a: y, z\n"),
    ],
    ids=[
        "empty-list-in-flow",
        "empty-mapping-in-flow",
        "empty-list-item",
        "empty-list-below-key",
        "empty-top",
        "null-flow-item",
        "null-last-flow-item",
        "folded",
        "empty-to-mapping",
        "scalar-to-list",
        "empty-list-item-set",
        "kept-blank-block",
        "multi-line-plain",
        "empty-value",
        "empty-in-flow",
        "quoted-in-flow",
        "plain-in-block",
    ],
)
def test_each_edit_writes_its_bytes_where_the_value_is(
    text: str, action: str, path: tuple[str | int, ...], value: Any, expected: str
) -> None:
    plan = EditablePlan.from_text(text, name="plan.yaml")
    getattr(plan, action)(path, value)
    assert plan.text == expected


@pytest.mark.parametrize(
    ("text", "action", "path", "message"),
    [
        ("a: {b: 1}\n", "append_item", ("a",), "plan.yaml:1:4: a is a mapping, not a list"),
        (
            "a: [1, &x 2]\n",
            "append_item",
            ("a",),
            "plan.yaml:1:8: cannot edit a: it uses a YAML anchor, alias or merge key",
        ),
        (
            "a: word\n  continued\nb: 1\n",
            "set_value",
            ("a",),
            "plan.yaml:1:4: cannot replace a with a list or mapping here",
        ),
        (
            "a: |\n  x\nb: 1\n",
            "set_value",
            ("a",),
            "plan.yaml:1:4: cannot replace a with a list or mapping here",
        ),
        (
            "a:\n  word\nb: 1\n",
            "set_value",
            ("a",),
            "plan.yaml:2:3: cannot replace a with a list or mapping here",
        ),
        (
            "l:\n  -\n",
            "append_item",
            ("l", 0),
            "plan.yaml:2:4: cannot replace l[0] with a list or mapping here",
        ),
        ("l:\n  - a\n", "rename_key", ("l", 0), "plan.yaml: l[0] does not exist"),
    ],
)
def test_an_edit_the_writer_cannot_make_names_the_place_and_changes_nothing(
    text: str, action: str, path: tuple[str | int, ...], message: str
) -> None:
    plan = EditablePlan.from_text(text, name="plan.yaml")
    value: Any = "b" if action == "rename_key" else {"k": 1} if action == "set_value" else 3
    with pytest.raises(UsageError) as info:
        getattr(plan, action)(path, value)
    assert info.value.message == message and not isinstance(info.value, WriteRefusedError)
    assert plan.text == text


def test_an_item_among_flow_mappings_is_a_flow_mapping_up_to_the_width_exactly() -> None:
    """The new item's line may be 100 columns long, not 101."""
    text = "l:\n  - {k: 1}\n"
    room = 100 - len("  - {k: ") - len("}")
    fitting = EditablePlan.from_text(text)
    fitting.append_item(("l",), {"k": "x" * room})
    assert fitting.text == text + "  - {k: " + "x" * room + "}\n"
    assert max(len(line) for line in fitting.text.splitlines()) == 100
    too_long = EditablePlan.from_text(text)
    too_long.append_item(("l",), {"k": "x" * (room + 1)})
    assert too_long.text == text + "  - k: " + "x" * (room + 1) + "\n"


def test_a_wide_dash_is_kept_for_the_new_item() -> None:
    text = "l:\n  -   {k: 1}\n"
    plan = EditablePlan.from_text(text)
    plan.append_item(("l",), {"k": 2})
    assert plan.text == text + "  -   {k: 2}\n"


def test_an_oversized_plan_is_refused_before_it_is_read() -> None:
    message = edit._load_problem(b"x" * (2**20 + 1), "plan.yaml")
    assert message == (
        "plan.yaml: the plan would grow to 1,048,577 bytes, over the 1 MiB a plan may hold; "
        "nothing was written"
    )


def test_a_plan_exactly_at_the_size_limit_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"schema_version: 1\nclient:\n  name: Acme\n"
    monkeypatch.setattr(edit, "MAX_PLAN_BYTES", len(data))
    assert edit._load_problem(data, "plan.yaml") is None
    monkeypatch.setattr(edit, "MAX_PLAN_BYTES", len(data) - 1)
    assert edit._load_problem(data, "plan.yaml") == (
        f"plan.yaml: the plan would grow to {len(data)} bytes, over the 0 MiB a plan may hold; "
        "nothing was written"
    )


def test_a_problem_without_a_place_is_listed_by_its_message_alone() -> None:
    assert edit._load_problem(b"[]\n", "plan.yaml") == (
        "plan.yaml: after this change the plan would not load (expected a mapping of sections "
        "at the top of the plan, found a list or a single value); nothing was written"
    )


def test_a_plan_with_a_bom_is_written_back_with_it(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    plan = EditablePlan.read(path, writing=False)
    assert plan.has_bom and plan.text == "a: 1\n" and not plan.changed
    plan.set_value(("a",), 2)
    assert plan.changed and plan.render_bytes() == b"\xef\xbb\xbfa: 2\n"
    assert EditablePlan(b"a: 1\n").render_bytes() == b"a: 1\n"


def test_invalid_utf8_names_the_plan() -> None:
    with pytest.raises(UsageError) as info:
        EditablePlan(b"a: \xff\n", name="plan.yaml")
    assert info.value.message == "plan.yaml: cannot edit: not valid UTF-8"


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (PermissionError(13, "Permission denied"), "permission denied"),
        (OSError("the disk went away"), "the disk went away"),
    ],
)
def test_a_plan_that_cannot_be_looked_at_after_reading_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, reason: str
) -> None:
    path = write(tmp_path, "a: 1\n")

    def unreadable(cls: object, path: Path, data: bytes) -> None:
        raise error

    monkeypatch.setattr(FileState, "of", classmethod(unreadable))
    with pytest.raises(UsageError) as info:
        EditablePlan.read(path)
    assert info.value.message == f"cannot read {path}: {reason}"
    assert type(info.value) is UsageError and info.value.exit_code == 2


def test_a_plan_saved_where_its_state_cannot_be_read_back_still_saves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The write is done; only the check for a later change on disk has nothing to go on."""
    path = write(tmp_path, "a: 1\n")
    plan = EditablePlan.read(path)
    plan.set_value(("a",), 2)

    class Unreadable:
        @classmethod
        def of(cls, path: Path, data: bytes) -> None:
            raise OSError("gone")

    monkeypatch.setattr(edit, "FileState", Unreadable)  # the write itself checks as before
    assert plan.save() is True and path.read_bytes() == b"a: 2\n"
    assert plan._state is None


LAYOUT = "b:\n- x\nc:\n    d: 1\n    e:\n        f: 2\n"  # lists at the key's column, maps by 4


@pytest.mark.parametrize(
    ("text", "action", "path", "value", "expected"),
    [
        ("log: []  # c\nx: 1\n", "set_value", ("log",), [{"a": 1}], "log:  # c\n  - a: 1\nx: 1\n"),
        (
            LAYOUT + "log: []\n",
            "append_item",
            ("log",),
            {"k": 1, "j": {"m": 1}},
            LAYOUT + "log:\n- k: 1\n  j:\n      m: 1\n",
        ),
        (LAYOUT + "log: {}\n", "set_value", ("log",), {"k": 1}, LAYOUT + "log:\n    k: 1\n"),
        (
            LAYOUT + "log: x\n",
            "set_value",
            ("log",),
            {"k": 1, "j": {"m": 1}},
            LAYOUT + "log:\n    k: 1\n    j:\n        m: 1\n",
        ),
        ("a:\nb: 1\n", "set_value", ("a",), {"k": 1}, "a:\n  k: 1\nb: 1\n"),
        ("a:\n  b: {}\n", "set_value", ("a", "b", "c"), 1, "a:\n  b:\n    c: 1\n"),
        ("a: {x: 1, y: 2, w: 3}\n", "set_value", ("a", "z"), 4, "a: {x: 1, y: 2, w: 3, z: 4}\n"),
        ("t: {x: 1}\n", "set_value", ("t", "a, b"), 2, 't: {x: 1, "a, b": 2}\n'),
        (
            "a:\n  b:\n    c: 1\n    d: 2\n",
            "rename_key",
            ("a", "b", "c"),
            "z",
            "a:\n  b:\n    z: 1\n    d: 2\n",
        ),
    ],
    ids=[
        "set-placeholder",
        "placeholder-layout",
        "mapping-placeholder-layout",
        "scalar-layout",
        "empty-no-comment",
        "deep-placeholder",
        "third-flow-entry",
        "flow-key-quoted",
        "deep-rename",
    ],
)
def test_new_block_lines_follow_the_files_own_layout(
    text: str, action: str, path: tuple[str | int, ...], value: Any, expected: str
) -> None:
    plan = EditablePlan.from_text(text, name="plan.yaml")
    getattr(plan, action)(path, value)
    assert plan.text == expected


@pytest.mark.parametrize(
    ("text", "action", "path", "message"),
    [
        ("l:\n  - a\n  - &x b\n", "append_item", ("l",), "3:5: cannot edit l"),
        ("a: {x: &v 1}\n", "set_value", ("a", "y"), "1:8: cannot edit a.y"),
        ("&k vip: 1\n", "rename_key", ("vip",), "1:1: cannot edit vip"),
    ],
)
def test_an_anchor_where_the_new_text_goes_is_refused(
    text: str, action: str, path: tuple[str | int, ...], message: str
) -> None:
    plan = EditablePlan.from_text(text, name="plan.yaml")
    with pytest.raises(UsageError) as info:
        getattr(plan, action)(path, "x" if action == "rename_key" else 1)
    assert info.value.message == f"plan.yaml:{message}: it uses a YAML anchor, alias or merge key"
    assert plan.text == text


def test_a_rename_in_a_crlf_plan_keeps_its_line_ends() -> None:
    plan = EditablePlan(b"a: x\r\nb: [x]\r\n")
    done = plan.rename([("a",), ("b", 0)], [], "z")
    assert plan.text == "a: z\r\nb: [z]\r\n" and [r.start for r in done] == [3, 10]


def test_a_plan_text_without_a_name_is_called_plan() -> None:
    plan = EditablePlan.from_text("a: 1\n")
    with pytest.raises(UsageError) as info:
        plan.set_value(("a", "b"), 1)
    assert info.value.message == "<plan>:1:4: a is a single value, not a mapping"
    with pytest.raises(ValueError, match=r"^this plan text was not read from a file$"):
        plan.save()


def test_problems_beyond_three_are_counted() -> None:
    data = VALID_PLAN + "    - {date: 2025-02-01, reviewers: [' ', ' ', ' ', ' ', ' ']}\n"
    assert edit._load_problem(data.encode(), "plan.yaml") == (
        "plan.yaml: after this change the plan would not load (reviews.log[1].reviewers[0]: must "
        "not be blank; reviews.log[1].reviewers[1]: must not be blank; "
        "reviews.log[1].reviewers[2]: must not be blank; and 2 more); nothing was written"
    )


# Survivors no test can tell from the writer (counted by tools/mutation.py): a
# placeholder always has a node and a key; locate refuses an anchored value before
# any splice; a block scalar ends lines below its indicator; the YAML reader turns
# CRLF into LF; _same compares lengths before zip; codec names ignore case; both composers
# mark an empty value just after its colon, on the key's line (so implicit or not, the
# splice starts at the colon).
# equivalent mutant: plan/edit.py x__placeholder_to_block__mutmut_2 — _is_placeholder ensures both
# equivalent mutant: plan/edit.py x__placeholder_to_block__mutmut_5 — locate refused the anchor
# equivalent mutant: plan/edit.py x__placeholder_to_block__mutmut_6 — locate refused the anchor
# equivalent mutant: plan/edit.py x__placeholder_to_block__mutmut_7 — locate refused the anchor
# equivalent mutant: plan/edit.py x__replace_scalar__mutmut_26 — None is as falsy as False
# equivalent mutant: plan/edit.py x__scalar_to_block__mutmut_8 — | never ends on its own line
# equivalent mutant: plan/edit.py x__scalar_to_block__mutmut_9 — > never ends on its own line
# equivalent mutant: plan/edit.py x__rename_splice__mutmut_2 — no value means no key
# equivalent mutant: plan/edit.py x__rename_splice__mutmut_3 — key None fails isinstance too
# equivalent mutant: plan/edit.py x__verified__mutmut_8 — the name labels a caught error
# equivalent mutant: plan/edit.py x__verified_all__mutmut_24 — the name labels a caught error
# equivalent mutant: plan/edit.py x__verified__mutmut_18 — YAML reads CRLF as LF
# equivalent mutant: plan/edit.py x__verified_all__mutmut_34 — YAML reads CRLF as LF
# equivalent mutant: plan/edit.py x__same__mutmut_25 — lengths are compared first
# equivalent mutant: plan/edit.py x__same__mutmut_28 — lengths are compared first
# equivalent mutant: plan/edit.py x__same__mutmut_29 — lengths are compared first
# equivalent mutant: plan/edit.py xǁEditablePlanǁrename__mutmut_4 — a rename writes no line end
# equivalent mutant: plan/edit.py xǁEditablePlanǁ_check_whole__mutmut_9 — only truthiness is read
# equivalent mutant: plan/edit.py x__load_problem__mutmut_21 — the name labels positions only
# equivalent mutant: plan/edit.py x__load_problem__mutmut_40 — English forms are the same
# equivalent mutant: plan/edit.py xǁEditablePlanǁfrom_text__mutmut_11 — codec names ignore case
# equivalent mutant: plan/edit.py xǁEditablePlanǁrender_bytes__mutmut_7 — codec names ignore case
# equivalent mutant: plan/edit.py xǁEditablePlanǁ_check_whole__mutmut_14 — codec names ignore case
# equivalent mutant: plan/edit.py x__decode__mutmut_3 — codec names ignore case
# equivalent mutant: plan/edit.py x__scalar_to_block__mutmut_2 — empty marks sit at the colon
# equivalent mutant: plan/edit.py x__scalar_to_block__mutmut_3 — empty marks sit at the colon
# equivalent mutant: plan/edit.py x__scalar_to_block__mutmut_39 — empty marks sit at the colon
# equivalent mutant: plan/edit.py x__verified__mutmut_10 — sections only spare a re-read
# equivalent mutant: plan/edit.py x__verified__mutmut_13 — sections only spare a re-read
# equivalent mutant: plan/edit.py x__copied_along__mutmut_2 — copies precede every change
# equivalent mutant: plan/edit.py x__copied_along__mutmut_3 — copies precede every change
# equivalent mutant: plan/edit.py x__copied_along__mutmut_4 — copies precede every change
# equivalent mutant: plan/edit.py x__copied_along__mutmut_7 — copies precede every change
# equivalent mutant: plan/edit.py x__copied_along__mutmut_9 — copies precede every change
# equivalent mutant: plan/edit.py x__copied_along__mutmut_10 — copies precede every change
# equivalent mutant: plan/edit.py _Change__ast_1 — a type alias: mypy --strict reads it, no run does
