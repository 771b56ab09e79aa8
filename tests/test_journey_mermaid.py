"""``crmplan journey --format mermaid``: a diagram that parses, whatever the names hold.

:func:`parse` below is a small re-implementation of Mermaid's ``journey``
grammar (its Jison lexer rules, tried in order, the first that matches wins,
case-insensitive; then the statement sequence). It refuses anything our
output must never contain, such as a comment that would swallow part of a
line, so a diagram it accepts is read by Mermaid as we meant it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from crmplan import i18n
from crmplan.analysis import PlanAnalysis
from crmplan.journey.data import JourneyMap, KpiLink, StageView, TouchpointView
from crmplan.journey.mermaid import INIT, ROW, WORD_JOINER, diagram, rows, safe, signed, task_name
from crmplan.kpi.progress import TrackStatus, progress
from crmplan.model.kpis import Kpi
from crmplan.plan.load import load_bytes
from crmplan.render.layout import text_width

# Mermaid's journey lexer, rule by rule, in its order. ``None`` is skipped text.
LEXER = [(re.compile(pattern, re.IGNORECASE), token) for pattern, token in (
    (r"%%(?!\{)[^\n]*", "comment"),
    (r"[^}]%%[^\n]*", "comment"),
    (r"\n+", "NEWLINE"),
    (r"\s+", None),
    (r"#[^\n]*", "comment"),
    (r"journey", "journey"),
    (r"title\s[^#\n;]+", "title"),
    (r"accTitle\s*:\s*", "acc_title"),
    (r"accDescr\s*:\s*", "acc_descr"),
    (r"accDescr\s*\{\s*", "acc_descr_multiline"),
    (r"section\s[^#:\n;]+", "section"),
    (r"[^#:\n;]+", "taskName"),
    (r":[^#\n;]+", "taskData"),
    (r":", ":"),
    (r".", "INVALID"),
)]
# The shapes our lines take (a stricter check than the grammar itself).
LINE_SHAPES = [re.compile(p) for p in (
    r"journey",
    r" {4}title [^#:;%\n]+",
    r" {4}section [^#:;%\n]+",
    r" {6}[^#:;%\s][^#:;%\n]*: [1-5]: [^#:;%,\n]+",
)]


@dataclass
class Parsed:
    title: str = ""
    sections: list[tuple[str, list[tuple[str, int, list[str]]]]] = field(default_factory=list)


def tokens(text: str) -> Iterator[tuple[str, str]]:
    at = 0
    while at < len(text):
        match, token = next((m, t) for m, t in ((p.match(text, at), t) for p, t in LEXER) if m)
        at = match.end()
        if token is not None:
            yield token, match.group()


def parse(text: str) -> Parsed:
    """The diagram as Mermaid reads it; AssertionError where Mermaid would not."""
    found = list(tokens(text))
    assert found[0] == ("journey", "journey"), found[:1]
    parsed = Parsed()
    rest = iter(found[1:])
    for token, value in rest:
        if token == "NEWLINE":
            continue
        if token == "title":
            assert not parsed.title and not parsed.sections, "a second title: " + value
            parsed.title = value[6:]
        elif token == "section":
            parsed.sections.append((value[8:], []))
        else:
            assert token == "taskName", (token, value)
            data_token, data = next(rest)
            assert data_token == "taskData", (data_token, data)
            parsed.sections[-1][1].append(_task(value, data))
    return parsed


def _task(name: str, data: str) -> tuple[str, int, list[str]]:
    pieces = data[1:].split(":")  # as journeyDb.addTask splits it
    assert len(pieces) == 2, data
    score = int(pieces[0])
    assert 1 <= score <= 5
    return name, score, [actor.strip() for actor in pieces[1].split(",")]


def check(text: str) -> Parsed:
    """Both checks: every line has an allowed shape, and the grammar accepts the whole.
    The first line is our layout directive (``%%{`` opens a directive, not a comment)."""
    assert text.endswith("\n")
    directive, rest = text.split("\n", 1)
    assert directive == INIT and json.loads(INIT[len("%%{init: "):-len("}%%")])
    for line in rest.splitlines():
        assert any(shape.fullmatch(line) for shape in LINE_SHAPES), repr(line)
    return parse(rest)


def visible(text: str) -> str:
    return text.replace(WORD_JOINER, "")


pytestmark = pytest.mark.usefixtures("english")


# -- the grammar check itself ------------------------------------------------------------


def test_the_checker_reads_mermaids_own_example() -> None:
    text = ("journey\n    title My working day\n    section Go to work\n"
            "      Make tea: 5: Me\n      Do work: 1: Me, Cat\n")
    assert parse(text) == Parsed("My working day", [
        ("Go to work", [("Make tea", 5, ["Me"]), ("Do work", 1, ["Me", "Cat"])])])


@pytest.mark.parametrize("line", [
    "      Pay: 50% off: 3: As-is",  # a second ':' splits the task data
    "      a%% note: 3: As-is",  # Mermaid reads a comment and drops the task
    "      Call # back: 3: As-is",  # '#' starts a comment
    "      Journey start: 3: As-is",  # read as the keyword journey
    "      Title deed: 3: As-is",  # read as a title
    "      One; two: 3: As-is",  # ';' ends the statement
])
def test_the_checker_refuses_what_mermaid_misreads(line: str) -> None:
    with pytest.raises(AssertionError):
        check(f"{INIT}\njourney\n    title T\n    section S\n{line}\n")


# -- names made safe ---------------------------------------------------------------------

HOSTILE = [
    "Pay: now", "A; B", "#1 priority", "50% off", "%% comment", "%%{init: {}}%%",
    'He said "hi"', "It's", "back\\slash\\", "two\nlines", "  leading spaces",
    "carriage\r\nreturn", "tab\there", "상담: 예약 #1", "咨询；报价：第1步", "😀 emoji: 🎉",
    "journey", "Journey planning", "TITLE case", "section x", "accTitle: x",
    "accDescr { x }", "<script>alert(1)</script>", "a,b", ":", "#", "x\u2028y", "}%%",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_are_safe_and_keep_their_words(name: str) -> None:
    value = task_name(name)
    assert not set(value) & set("#:;%\n\r<>")
    assert value == value.strip() and "  " not in value
    back = str.maketrans("：；＃％＜＞", ":;#%<>")
    original = " ".join(re.sub("[\x00-\x1f\x7f-\x9f]", " ", name).split())
    assert visible(value).translate(back) == original.translate(back)


# a KPI with no figure yet, as every touchpoint of a made-up journey is measured by
NPS_STANDING = progress(Kpi.model_validate({"id": "nps"}), 0)


def make_journey(name: str, stage_names: list[str], names: list[str],
                 emotions: list[tuple[int | None, int | None]]) -> JourneyMap:
    stages = []
    for s, stage_name in enumerate(stage_names):
        touchpoints = tuple(
            TouchpointView(f"t{s}_{n}", tp_name, f"s{s}", "web", None, None, today, to_be, (),
                           None, (KpiLink("nps", "NPS", TrackStatus.NO_DATA, None, 1, NPS_STANDING,
                                                   "USD"),), None,
                           False, None, (), (), "plan.yaml:1:1")
            for n, (tp_name, (today, to_be)) in enumerate(zip(names, emotions, strict=False)))
        stages.append(StageView(f"s{s}", stage_name, None, False, touchpoints, None, None,
                                "plan.yaml:1:1"))
    return JourneyMap("j", name, None, None, tuple(stages), (), (), (), "plan.yaml:1:1")


def shown(name: str, ident: str, to_be: int | None) -> str:
    """A touchpoint's task name as the diagram should write it, without word joiners."""
    if to_be is None:
        return visible(task_name(name, ident))
    return visible(task_name(f"{safe(name, ident)} · to-be {signed(to_be)}", ident))


def test_every_hostile_name_yields_a_diagram_that_parses() -> None:
    emotions = [(e % 5 - 2, (e + 2) % 5 - 2) for e in range(len(HOSTILE))]
    text = diagram(make_journey("Title: VIP #1; 100%", HOSTILE[:3], HOSTILE, emotions))
    parsed = check(text)
    assert parsed.title == "Title： VIP ＃1； 100％"
    assert [visible(s) for s, _tasks in parsed.sections] == [safe(n) for n in HOSTILE[:3]]
    tasks = parsed.sections[0][1]
    assert [visible(t) for t, _s, _a in tasks] == [
        shown(n, f"t0_{i}", to_be) for i, (n, (_now, to_be)) in enumerate(
            zip(HOSTILE, emotions, strict=True))]  # each touchpoint once
    assert [(score, actors) for _t, score, actors in tasks[:2]] == [(1, ["As-is"]),
                                                                    (2, ["As-is"])]


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=40),
       st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=3),
       st.lists(st.text(min_size=1, max_size=30), max_size=6),
       st.lists(st.tuples(st.none() | st.integers(-2, 2), st.none() | st.integers(-2, 2)),
                min_size=6, max_size=6))
@example("journey", ["section"], ["title x", "%%", "accDescr {"], [(0, 1)] * 6)
def test_any_names_yield_a_diagram_that_parses(
        title: str, stage_names: list[str], names: list[str],
        emotions: list[tuple[int | None, int | None]]) -> None:
    parsed = check(diagram(make_journey(title, stage_names, names, emotions)))
    assert len(parsed.sections) == len(stage_names)
    expected = [(shown(n, f"t0_{i}", to_be) if today is not None else shown(n, f"t0_{i}", None),
                 (today if today is not None else to_be) + 3,
                 ["As-is"] if today is not None else ["To-be"])
                for i, (n, (today, to_be)) in enumerate(zip(names, emotions, strict=False))
                if today is not None or to_be is not None]
    assert [(visible(t), score, actors) for t, score, actors in parsed.sections[0][1]] == \
        expected


# -- scores and the to-be curve ------------------------------------------------------------


def test_each_touchpoint_is_drawn_once_with_its_to_be_in_its_name() -> None:
    plan = {
        "schema_version": 1, "client": {"name": "Acme"},
        "journeys": [{"id": "j", "name": "VIP", "stages": [
            {"id": "a", "name": "First contact"}, {"id": "b", "name": "Referral"}],
            "touchpoints": [
                {"id": "t1", "name": "Call", "stage": "a", "channel": "phone", "emotion": -2,
                 "emotion_to_be": 1},
                {"id": "t2", "name": "Visit", "stage": "a", "channel": "in_person",
                 "emotion": 2},
                {"id": "t3", "name": "Ask", "stage": "a", "channel": "kakaotalk",
                 "emotion_to_be": 0},
                {"id": "t4", "name": "Unknown", "stage": "a", "channel": "web"},
                {"id": "t5", "name": "Email", "stage": "a", "channel": "email",
                 "emotion": 0, "emotion_to_be": -1}]}]}
    loaded = load_bytes(json.dumps(plan).encode(), "plan.yaml")
    text = diagram(PlanAnalysis(loaded).journeys.journeys[0])
    assert text == (
        f"{INIT}\n"
        "journey\n"
        "    title VIP\n"
        "    section First contact\n"
        "      Call · to-be +1: 1: As-is\n"
        "      Visit: 5: As-is\n"
        "      Ask: 3: To-be\n"
        "      Email · to-be -1: 3: As-is\n"
        "    section Referral\n")
    check(text)


def test_actor_names_follow_the_language_and_stay_safe() -> None:
    journey = make_journey("J", ["S"], ["T", "U"], [(0, 1), (None, 1)])
    for lang in ("ko", "zh"):
        with i18n.language(lang):
            parsed = check(diagram(journey))
        tasks = parsed.sections[0][1]
        actors = [a for _t, _s, a in tasks]
        assert actors[0] != ["As-is"] and actors[0] != actors[1]
        assert "to-be" not in tasks[0][0] and tasks[0][0].startswith("T")


# -- diagrams as wide as GitHub's page -------------------------------------------------------

# Mermaid's journey layout (user-journey/journeyRenderer.ts) under our directive: tasks
# side by side, each "width" wide and "taskMargin" apart, after "leftMargin" (widened by
# the actors' legend when a name in it is wider than half of it), inside "diagramMarginX"s.
GITHUB = 900  # about the width of a Markdown file's page on github.com, in pixels
LEGEND_FONT = 16  # Mermaid's default font size, the legend's


def mermaid_width(text: str) -> float:
    config = json.loads(INIT[len("%%{init: "):-len("}%%")])["journey"]
    parsed = parse(text.split("\n", 1)[1])
    tasks = sum(len(t) for _s, t in parsed.sections)
    actors = {a for _s, ts in parsed.sections for _t, _sc, names in ts for a in names}
    legend = max((text_width(a, LEGEND_FONT) for a in actors), default=0.0)
    left = config["leftMargin"] + (legend if legend > config["leftMargin"] - legend else 0)
    last = (tasks - 1) * (config["width"] + config["taskMargin"]) + left
    return max(left + last + 3 * config["diagramMarginX"] + config["taskMargin"],
               last + config["width"] + config["diagramMarginX"])


def test_rows_hold_every_touchpoint_once_in_order_each_within_githubs_width() -> None:
    names = [f"Touchpoint number {n} with a fairly long name" for n in range(17)]
    journey = make_journey("J", ["S"], names, [(n % 5 - 2, 1) for n in range(17)])
    parts = rows(journey)
    parsed = [check(part) for part in parts]
    assert [len(p.sections[0][1]) for p in parsed] == [4, 4, 4, 5]  # as even as can be
    assert [visible(t) for p in parsed for _s, ts in p.sections for t, _sc, _a in ts] == [
        shown(n, f"t0_{i}", 1) for i, n in enumerate(names)]
    assert parsed[0].title == "J" and not parsed[1].title
    assert all(mermaid_width(part) <= GITHUB for part in parts)
    assert mermaid_width(diagram(journey)) > 2000  # the one diagram would be unreadable


@pytest.mark.parametrize("lang", ["en", "ko", "zh"])
def test_a_row_of_the_most_touchpoints_fits_githubs_width(lang: str) -> None:
    journey = make_journey("J", ["S"], ["T"] * ROW, [(0, 1)] * ROW)
    with i18n.language(lang):
        part, = rows(journey)
    assert mermaid_width(part) <= GITHUB


def test_a_plan_with_hostile_names_through_the_loader() -> None:
    names = ["Call: back #2", "예약; 확인", "报价：第1步", "  journey 😀", "a\nb", "50%% off"]
    plan = {"schema_version": 1, "client": {"name": "Acme"},
            "journeys": [{"id": "j", "name": "VIP; #1", "touchpoints": [
                {"id": f"t{n}", "name": name, "stage": "awareness", "channel": "web",
                 "emotion": 0} for n, name in enumerate(names)]}]}
    loaded = load_bytes(json.dumps(plan, ensure_ascii=False).encode(), "plan.yaml")
    parsed = check(diagram(PlanAnalysis(loaded).journeys.journeys[0]))
    assert [visible(t) for t, _s, _a in parsed.sections[0][1]] == [
        "Call： back ＃2", "예약； 확인", "报价：第1步", "journey 😀", "a b", "50％％ off"]
    assert [s for s, _t in parsed.sections] == ["Awareness", "Consideration", "Purchase",
                                                "Retention", "Advocacy"]
