"""libyaml and the pure-Python parser must read a plan the same way, or libyaml is not used.

Every parse in the test suite runs both ways (conftest.py sets CRMPLAN_CHECK_FAST_PATH),
so each loader test is also a check of the fast path. The tests here add generated
plan-like texts and the cases where the two parsers are known to differ.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmplan.plan import libyaml, scalars, yamltree

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("*/plan.yaml"))
needs_clib = pytest.mark.skipif(not libyaml._clib_available(),
                                reason="ruamel.yaml.clib is not installed")


def outcome(text: str, fast: bool) -> Any:
    builder = yamltree._Builder(text, "plan.yaml", fast=fast)
    builder.run()
    if builder.issues:
        return ("issues", builder.issues)
    source = builder.source
    return builder.root, source.keys, source.values, source.ends, builder.soft


def same_both_ways(text: str) -> None:
    """When libyaml may read ``text`` and succeeds, it must read what the pure parser reads."""
    if not libyaml.fast_path_allowed(text):
        return
    fast = outcome(text, fast=True)
    if fast[0] == "issues":
        return  # errors are always reported by the pure parser
    assert outcome(text, fast=False) == fast


@needs_clib
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_the_examples_take_the_fast_path_and_read_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert libyaml.fast_path_allowed(text)
    assert outcome(text, fast=True) == outcome(text, fast=False)


@pytest.mark.parametrize("text", [
    "name:\tAcme\n",  # libyaml reads Acme, the pure parser refuses the tab
    "a: 1\n\t b: 2\n",
    "%YAML 1.2\n---\na: 1\n",
    "a: 1\n---\nb: 2\n",
    "a: 1\n...\n",
    "? a\n: 1\n",
    "- ? a\n  : 1\n",
    "|\n}\n",  # a block scalar at the top: libyaml reads '' where the pure parser reads '}'
    ">-\na: 1\n",
    "- a\n- b\n",
    "[a, b]\n",
    "'a': 1\n",
    "\"a\": 1\n",
    "&x a: 1\n",
    "a:\n  -\n  -\n",  # empty list items are placed differently
    "a:\n  -   \n",
    "a: {b: , c: 1}\n",  # so are empty entries of flow collections
    "a: [x, , y]\n",
    "id: |\n   \n    more\n",  # libyaml reads it, the pure parser refuses the spaces
    "id: |\n\n   \n    more\n",
])
def test_texts_where_the_parsers_differ_do_not_take_the_fast_path(text: str) -> None:
    assert not libyaml.fast_path_allowed(text)


def test_without_libyaml_everything_takes_the_pure_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(libyaml, "_clib_available", lambda: False)
    text = EXAMPLES[0].read_text(encoding="utf-8")
    assert not libyaml.fast_path_allowed(text)
    assert yamltree.parse_yaml(text, "plan.yaml").data["schema_version"] == 1


@needs_clib
@pytest.mark.parametrize("text", [
    "a:\n",
    "a:",
    "a: \n",
    "a:   # nothing yet\nb: 1\n",
    "a:\n  b:\n  c:   \n",
    "a:\n- x\n-\n- y\n",
    "a: [x, , y]\n",
    "a: {b: , c: 1}\n",
    "a: |\n  one\n\n  two\n\nb: 1\n",
    "a: |-\n    indented\n  less\n",
    "a: >+\n  folded\n  text\n\n\n",
    "a: |2\n    two more\n",
    "a: 'it''s'\nb: \"x\\ny\\u00e9\\x41\\\\\"\n",
    "a: &anchor\n  b: 1\nc: *anchor\n",
    "a: 2025-01-31\nb: 1_000\nc: 0x1F\nd: .5\ne: -.inf\nf: ~\ng: no\n",
    "a: 1   \nb: 2",
    "a: b: c\n",
    "a:\n  - b: 1\n    c: 2\n  -   d: 3\n",
    "a: x # comment\n# another\nb: y\n",
    "키: 값\n名字: 客户\n",
    "a: \"unterminated\n",
    "a: [1, 2\n",
    "a: b\n c\n",
    "a: >\n  x\n y\n",
])
def test_tricky_texts_read_the_same_both_ways(text: str) -> None:
    same_both_ways(text)


# -- generated plan-like texts --------------------------------------------------------------

_words = st.sampled_from(["Acme", "VIP 고객", "客户", "a: b", "x # y", "it's", "50%", "1.5",
                          "2025-01-31", "no", "~", "-1", "", " lead", "trail ", "a\"b",
                          "[x]", "{y}", "*z", "&w", "!t", "|p", ">q", "@", "`", "%"])
_keys = st.sampled_from(["id", "name", "value", "키", "名字", "a b", "x-y", "k1"])


def _scalar(word: str, style: int) -> str:
    if style == 0:
        return word
    if style == 1:
        return "'" + word.replace("'", "''") + "'"
    escaped = word.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped + '"'


@st.composite
def _value(draw: st.DrawFn, indent: int, depth: int) -> list[str]:
    kind = draw(st.integers(0, 7 if depth < 3 else 2))
    pad = " " * indent
    if kind <= 1:
        return [_scalar(draw(_words), draw(st.integers(0, 2)))]
    if kind == 2:
        items = draw(st.lists(_words, max_size=3))
        return ["[" + ", ".join(_scalar(w, 1) for w in items) + "]"]
    if kind == 3:
        return [""]  # an empty value
    if kind == 4:
        chomp = draw(st.sampled_from(["|", "|-", "|+", ">", ">-", ">+"]))
        lines = draw(st.lists(st.sampled_from(["text", "", "  more", "# not a comment",
                                               "end  "]), min_size=1, max_size=4))
        return [chomp, *[(pad + "  " + line) if line else "" for line in lines]]
    if kind == 5:
        return ["", *draw(_mapping(indent + 2, depth + 1))]
    items = draw(st.lists(_value(indent + 2, depth + 1), min_size=1, max_size=3))
    dash = pad + ("  " if kind == 6 else "")
    out = [""]
    for item in items:
        first, *rest = item
        out.append((dash + "- " + first).rstrip() if first else dash + "-")
        out += rest
    return out


@st.composite
def _mapping(draw: st.DrawFn, indent: int, depth: int) -> list[str]:
    keys = draw(st.lists(_keys, min_size=1, max_size=4, unique=True))
    lines = []
    for key in keys:
        first, *rest = draw(_value(indent, depth))
        comment = draw(st.sampled_from(["", "  # note", "   "]))
        lines.append((" " * indent + f"{key}: {first}").rstrip() + comment)
        lines += rest
    return lines


@pytest.mark.slow
@needs_clib
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mapping(0, 0), st.booleans())
def test_generated_plan_like_texts_read_the_same_both_ways(lines: list[str], final: bool
                                                          ) -> None:
    same_both_ways("\n".join(lines) + ("\n" if final else ""))


_plain = st.text(st.sampled_from("0123456789+-._:eExXoObTtrufalsNnYy~ ,abc"), max_size=12)


@given(_plain)
def test_plain_scalars_resolve_as_ruamel_resolves_them(value: str) -> None:
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver

    tag = str(VersionedResolver(version=None).resolve(ScalarNode, value, (True, False)))
    assert scalars.scalar_kind(value) == tag.rsplit(":", 1)[-1]
