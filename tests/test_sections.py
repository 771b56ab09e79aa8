"""A plan read section by section (crmplan.plan.sections) is read exactly as the whole
text is: the same data, the same marks in the same order, the same problems; and only
the sections that changed are read again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmplan.errors import PlanError
from crmplan.plan import sections, yamltree
from crmplan.plan.reader import decode_plan
from crmplan.plan.sections import SectionCache, section_starts
from crmplan.plan.source import JoinedMarks, Mark, Part
from crmplan.validation import validate_text
from plan_edits import edited

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("*/plan.yaml"))


def reading(parse: Any, text: str) -> Any:
    """Everything a parse says about ``text``: data, each table of marks with its order,
    the problems and warnings; or the problems it raises."""
    yamltree._RECENT.clear()  # each side reads the text itself
    try:
        parsed = parse(text, "plan.yaml")
    except PlanError as exc:
        return ("refused", exc.issues)
    source = parsed.source
    tables = [list(t.items()) for t in (source.keys, source.values, source.ends)]
    return parsed.data, tables, parsed.issues, parsed.warnings, source.text


def same_as_whole(cache: SectionCache, text: str) -> None:
    assert reading(cache.parse, text) == reading(yamltree.parse_yaml, text)


# -- pieces of plan-like YAML, some of which must not be split ---------------------------
SAFE = [
    "client:\n  name: Acme\n",
    "kpis:\n  - id: a\n    value: 1\n  - id: b\n",
    "notes: |\n  one\n\n  two\n",
    "goals:\n- vision: one\n- vision: two\n",  # a list under its key, in column 1
    "# a comment in column 1\n",
    "\n",
    "empty:\n",
    "flow: [a, b]  # c\n",
    "text: 'quoted'\n",
    "long: one\n  two\n",
    "n: 12.5\n",
]
UNSAFE = [
    "a: &x 1\nb: *x\n",  # an alias across sections
    "{a: 1}\n",  # flow style at the top
    "tab:\tx\n",
    "---\n",
    "%YAML 1.2\n",
    "? k\n: v\n",
    'q: "open\nr: x"\n',  # a quoted text continued where a key seems to start
    "client:\n  name: again\n",  # a key written twice, with the first piece
    "bad: [1,\nc: 2]\n",
    "x: 1\n y: 2\n",
    "when: 2025-13-45\n",
    "bare line\n",
]


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(SAFE + UNSAFE), min_size=1, max_size=8),
    st.lists(st.sampled_from(SAFE + UNSAFE), max_size=3),
)
def test_any_text_reads_as_the_whole_text(pieces: list[str], changed: list[str]) -> None:
    """Whatever the pieces (safe to split or not), and after a change of some of them."""
    cache = SectionCache()
    text = "schema_version: 1\n" + "".join(pieces)
    same_as_whole(cache, text)
    same_as_whole(cache, text + "".join(changed))
    same_as_whole(cache, "".join(changed) + text)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "{a: 1}\n",
        "a: 1\n\tb: 2\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\na: 2\n",
        "a: 1\n? b\n: 2\n",
        "a: 1\r\nb: 2\r\n",
        "# only a comment\n",
        "",
        "a: 1\nb: 'x\nc: y'\n",
    ],
)
def test_a_text_that_may_not_be_split_is_read_whole(text: str) -> None:
    same_as_whole(SectionCache(), text)


def test_where_sections_start() -> None:
    text = "# top\n\nschema_version: 1\nclient:\n  name: A\n# c\ngoals:\n- x\n"
    assert section_starts(text) == [0, text.index("client:"), text.index("goals:")]
    for unsafe in ("a: 1\n\tb: 2\n", "a: 1\n[b]\n", "a: 1\n---\n", "# none\n", "a: 1\rb: 2"):
        assert section_starts(unsafe) is None


def test_only_the_changed_section_is_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    real = sections.parse_clean

    def counted(text: str, name: str) -> Any:
        read.append(text)
        return real(text, name)

    monkeypatch.setattr(sections, "parse_clean", counted)
    cache = SectionCache()
    text = "schema_version: 1\nclient:\n  name: Acme\nkpis:\n  - id: a\n"
    cache.parse(text, "plan.yaml")
    assert len(read) == 3
    read.clear()
    edited = text.replace("Acme", "Acme Corp")
    assert cache.parse(edited, "plan.yaml").data["client"] == {"name": "Acme Corp"}
    assert read == ["client:\n  name: Acme Corp\n"]
    read.clear()
    cache.parse(text, "plan.yaml")  # an undo reads nothing
    assert read == []


def test_joined_marks_behave_as_a_dict() -> None:
    first = {(): Mark(1, 1, 0), ("a",): Mark(1, 4, 3)}
    second = {(): Mark(1, 1, 0), ("b",): Mark(1, 4, 3), ("b", 0): Mark(2, 5, 9)}
    joined = JoinedMarks(first, {"a": Part(first, 0, 0), "b": Part(second, 3, 20)})
    expected = {
        (): Mark(1, 1, 0),
        ("a",): Mark(1, 4, 3),
        ("b",): Mark(4, 4, 23),
        ("b", 0): Mark(5, 5, 29),
    }
    assert dict(joined) == expected and list(joined) == list(expected)
    assert list(joined.items()) == list(expected.items())
    assert len(joined) == 4 and ("b", 0) in joined and ("c",) not in joined
    assert joined.get(("b", 1)) is None and joined == expected


EDIT = st.tuples(
    st.integers(0, 5),
    st.integers(0, 10_000),
    st.sampled_from(["a", "é", "中", "x: 1", "- ", " ", "'", "#"]),
)


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(EXAMPLES), st.lists(EDIT, min_size=1, max_size=3))
def test_edits_of_the_examples_read_as_the_whole_text(
    path: Path, edits: list[tuple[int, int, str]]
) -> None:
    """Each version of a document read with the sections of the last ones."""
    cache = SectionCache()
    text = path.read_text(encoding="utf-8")
    with pytest.MonkeyPatch.context() as env:
        env.delenv(yamltree.CHECK_FAST_PATH)  # libyaml against itself: quicker
        cache.parse(text, "plan.yaml")
        for kind, n, typed in edits:
            text = edited(text, kind, n, typed)
            same_as_whole(cache, text)


@pytest.mark.slow
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(EXAMPLES), st.lists(EDIT, min_size=1, max_size=2))
def test_validate_finds_the_same_with_the_sections_of_the_last_versions(
    path: Path, edits: list[tuple[int, int, str]]
) -> None:
    cache = SectionCache()
    text = path.read_text(encoding="utf-8")
    with pytest.MonkeyPatch.context() as env:
        env.delenv(yamltree.CHECK_FAST_PATH)
        validate_text(decode_plan(text.encode(), "plan.yaml"), sections=cache)
        for kind, n, typed in edits:
            text = edited(text, kind, n, typed)
            plan_text = decode_plan(text.encode(), "plan.yaml")
            yamltree._RECENT.clear()
            whole = validate_text(plan_text)
            yamltree._RECENT.clear()
            assert validate_text(plan_text, sections=cache) == whole
