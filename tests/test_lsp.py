"""The language server's parts without the protocol: where the cursor stands, what is
completed there, where ids are defined and named, renames, hover, and the hints that carry
their one fix."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmplan.analysis import PlanAnalysis
from crmplan.findings import FixHint
from crmplan.lsp.completion import Kind, suggestions
from crmplan.lsp.context import cursor_at
from crmplan.lsp.document import PlanDocument
from crmplan.lsp.hover import hover_text, subject_at
from crmplan.lsp.layout import Layout
from crmplan.lsp.symbols import Index, RenameRefused
from crmplan.lsp.text import Span, Spot, lines_of, token_span
from crmplan.plan.edit import EditablePlan
from crmplan.plan.load import load_plan
from crmplan.plan.reader import decode_plan
from crmplan.plan.yamltree import parse_yaml
from crmplan.validation import validate_text

pytestmark = pytest.mark.usefixtures("english")

PLAN = """\
schema_version: 1
client: {name: Acme, language: en}
segments:
  - id: vip  # the best customers
    name: VIP
    definition: Bought more than 3 times.
  - id: new
    name: New
    definition: First order this year.
personas:
  - id: p1
    name: Jo
    segment: vip
journeys:
  - id: j1
    name: First order
    segment: vip
    touchpoints:
      - id: tp1
        name: Web
        stage: awareness
        channel: web
        kpis: [nps]
      - id: tp2
        name: Mail
        stage: purchase
        channel: email
kpis:
  - id: nps
"""


def _spot(text: str, needle: str, shift: int = 0, nth: int = 0) -> Spot:
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    offset += shift
    line = text.count("\n", 0, offset)
    return Spot(line, offset - (text.rfind("\n", 0, offset) + 1))


def test_the_cursor_path_is_read_from_the_indentation() -> None:
    at = cursor_at(PLAN, _spot(PLAN, "awareness", 3))
    assert at.path == ("journeys", 0, "touchpoints", 0, "stage") and at.prefix == "awa"
    assert cursor_at(PLAN, _spot(PLAN, "nps]", 1)).path == (
        "journeys",
        0,
        "touchpoints",
        0,
        "kpis",
        0,
    )
    key = cursor_at(PLAN, _spot(PLAN, "channel: email", 3))
    assert key.parent == ("journeys", 0, "touchpoints", 1) and key.key is None
    assert key.siblings == {"id", "name", "stage"}


SHAPES = """\
journeys:
  - id: j1
    "name": First order
    description: |
      stage: not a key
      - nor an item
    touchpoints:
      - id: tp1
        # channel: a comment
        kpis: [nps,
               re]
        stage: awareness

kpis:
  - id: nps
"""


def _at(text: str, needle: str, shift: int = 0):  # type: ignore[no-untyped-def]
    return cursor_at(text, _spot(text, needle, shift), parse_yaml(SHAPES, "plan.yaml"))


def test_the_cursor_path_is_read_from_the_parse() -> None:
    touchpoint = ("journeys", 0, "touchpoints", 0)
    assert _at(SHAPES, "stage: not", 3).free and _at(SHAPES, "- nor", 4).free
    assert _at(SHAPES, "channel: a", 9).free  # in a comment
    assert _at(SHAPES, "re]", 2).path == (*touchpoint, "kpis", 1)
    assert _at(SHAPES, "nps,", 2).path == (*touchpoint, "kpis", 0)
    quoted = _at(SHAPES, '"name"')
    assert quoted.parent == ("journeys", 0) and quoted.siblings == {
        "id",
        "description",
        "touchpoints",
    }
    stage = _at(SHAPES, "awareness", 3)
    assert stage.path == (*touchpoint, "stage") and stage.prefix == "awa"
    assert not _at(SHAPES, "awareness", 3).free
    # after the last key, at the touchpoint's column: a key of the touchpoint
    after = SHAPES.replace("awareness\n", "awareness\n        \n", 1)
    key = _at(after, "awareness\n        ", 18)
    assert key.parent == touchpoint and key.siblings == {"id", "kpis", "stage"}


def test_a_line_typed_since_the_last_parse_is_read_against_it() -> None:
    half = SHAPES.replace("        stage: awareness", "        stage: [aw", 1)  # not YAML
    at = _at(half, "[aw", 3)
    assert at.path == ("journeys", 0, "touchpoints", 0, "stage", 0) and at.prefix == "aw"
    added = SHAPES.replace("  - id: nps\n", "  - id: nps\n  - \n", 1)  # a line added
    item = _at(added, "  - \n", 4)
    assert (item.parent, item.item) == (("kpis",), 1)
    below = added + "jour"  # a line added at the end, below the added one
    last = cursor_at(below, Spot(below.count("\n"), 4), parse_yaml(SHAPES, "plan.yaml"))
    assert last.parent == () and last.siblings == {"journeys", "kpis"}


def test_completion_of_references_keys_and_values() -> None:
    data = parse_yaml(PLAN, "plan.yaml").data
    stages = suggestions(cursor_at(PLAN, _spot(PLAN, "awareness", 9)), data)
    assert {s.label for s in stages} == {
        "awareness",
        "consideration",
        "purchase",
        "retention",
        "advocacy",
    }  # the default stages
    segments = suggestions(cursor_at(PLAN, _spot(PLAN, "segment: vip", 9)), data)
    assert [(s.label, s.kind, s.documentation) for s in segments] == [
        ("new", Kind.ID, "New"),
        ("vip", Kind.ID, "VIP"),
    ]
    channels = suggestions(cursor_at(PLAN, _spot(PLAN, "channel: web", 9)), data)
    assert "email" in {s.label for s in channels}
    keys = suggestions(cursor_at(PLAN, _spot(PLAN, "channel: email", 0)), data)
    assert "owner" in {s.label for s in keys} and "stage" not in {s.label for s in keys}


def test_references_definition_and_rename_of_a_segment() -> None:
    parsed = parse_yaml(PLAN, "plan.yaml")
    index = Index(PLAN, parsed.data, parsed.source)
    named = index.at(_spot(PLAN, "segment: vip", 10))
    assert named is not None and named.ident == "vip" and not named.defines
    definition = index.definition(named)
    assert definition is not None and definition.span.start == _spot(PLAN, "vip")
    assert len(index.same(named)) == 3
    edits = index.rename(named, "loyal")
    renamed = PLAN
    for edit in sorted(edits, key=lambda e: e.span, reverse=True):
        lines = lines_of(renamed)
        start = sum(len(x) + 1 for x in lines[: edit.span.start.line]) + edit.span.start.character
        end = sum(len(x) + 1 for x in lines[: edit.span.end.line]) + edit.span.end.character
        renamed = renamed[:start] + edit.new + renamed[end:]
    assert renamed == PLAN.replace("vip", "loyal")  # the comment after the id stays too
    with pytest.raises(RenameRefused, match="already used"):
        index.rename(named, "new")
    with pytest.raises(RenameRefused, match="not a valid id"):
        index.rename(named, "two words")


def test_a_default_stage_is_named_but_cannot_be_renamed() -> None:
    parsed = parse_yaml(PLAN, "plan.yaml")
    index = Index(PLAN, parsed.data, parsed.source)
    stage = index.at(_spot(PLAN, "awareness", 2))
    assert stage is not None and stage.entity is None
    with pytest.raises(RenameRefused, match="not defined in the plan"):
        index.rename(stage, "seeing")


def test_the_writer_renames_values_and_keys_in_one_checked_edit() -> None:
    text = "a: x  # keep\nb: {x: 1, y: 2}\nc: [x, 'x']\n"
    editable = EditablePlan.from_text(text)
    done = editable.rename([("a",), ("c", 0), ("c", 1)], [("b", "x")], "z")
    assert editable.text == "a: z  # keep\nb: {z: 1, y: 2}\nc: [z, z]\n"
    assert [(r.start, r.end, r.new) for r in done] == [
        (3, 4, "z"),
        (17, 18, "z"),
        (33, 34, "z"),
        (36, 39, "z"),
    ]


@pytest.mark.slow
def test_hover_on_a_kpi_of_an_example() -> None:
    example = Path(__file__).parents[1] / "examples" / "online-retailer-en" / "plan.yaml"
    text = example.read_text(encoding="utf-8")
    analysis = PlanAnalysis(load_plan(example))
    found = subject_at(text, _spot(text, "kpis: [cart_abandonment_rate", 9))
    assert found is not None
    kpi = hover_text(analysis, found[0])
    assert kpi is not None and "status: at risk" in kpi
    assert subject_at(text, _spot(text, "schema_version", 2)) is None


def test_a_document_keeps_its_last_good_analysis() -> None:
    document = PlanDocument("file:///plan.yaml", "plan.yaml", PLAN)
    assert document.analysis is not None
    good = document.analysis
    broken = PLAN.replace("name: VIP", "name: [VIP")
    document.update(broken)
    assert document.current.analysis is None and document.analysis is good
    expected = validate_text(decode_plan(broken.encode("utf-8"), "plan.yaml")).issues
    assert [f.issue for f in document.current.findings] == expected and expected
    assert document.data() is good.loaded.data


def test_a_hint_with_one_fix_carries_it() -> None:
    hint = FixHint("did you mean 'vip'?", "vip")
    assert hint == "did you mean 'vip'?" and hint.fix == "vip"
    assert copy.deepcopy(hint).fix == pickle.loads(pickle.dumps(hint)).fix == "vip"


def test_a_token_is_a_quoted_scalar_a_key_or_a_plain_scalar() -> None:
    lines = ["a: 'it''s' # c", "b: plain text  # c", "c: [x, y]"]
    assert token_span(lines, 0, 3) == Span(Spot(0, 3), Spot(0, 10))
    assert token_span(lines, 1, 0) == Span(Spot(1, 0), Spot(1, 1))
    assert token_span(lines, 1, 3) == Span(Spot(1, 3), Spot(1, 13))
    assert token_span(lines, 2, 7) == Span(Spot(2, 7), Spot(2, 8))


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab:- []{},'\"#\n\t\u00e9")), max_size=80),
    st.integers(0, 10),
    st.integers(0, 20),
)
def test_no_text_or_position_makes_the_cursor_or_completion_fail(
    text: str, line: int, character: int
) -> None:
    cursor = cursor_at(text, Spot(line, character))
    suggestions(cursor, None)
    against = cursor_at(SHAPES[:40] + text, Spot(line, character), parse_yaml(SHAPES, "p.yaml"))
    suggestions(against, {"kpis": [{"id": "nps"}]})
    suggestions(cursor, {"segments": [{"id": "vip"}], "journeys": "x"})
    token_span(lines_of(text), line, character)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, SHAPES.count("\n")),
    st.integers(0, 4),
    st.lists(st.sampled_from(["", "    x", "  - y", "kpis:", "        stage: aw"]), max_size=4),
)
def test_a_line_both_texts_share_is_placed_on_itself(
    start: int, removed: int, added: list[str]
) -> None:
    good = lines_of(SHAPES)
    now = good[:start] + added + good[start + removed :]
    layout = Layout(parse_yaml(SHAPES, "plan.yaml"), now)
    for number, row in enumerate(now):
        at = layout.line(number)
        assert 0 <= at.number <= len(good)
        if at.same:
            assert good[at.number] == row
