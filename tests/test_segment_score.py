"""``crmplan segment score`` through its core (crmplan.segment.score): what is checked before a
byte is written, what the refusal says, and what lands in the plan.

The CLI wiring, the byte-for-byte edits and the exit codes are in tests/test_segment_cli.py;
these tests pin each decision on its edge (the scale's ends, the sheet a refusal points at,
the number types written) through the core API, which is where the decisions are made.
"""

from __future__ import annotations

import pytest

from crmplan.errors import UsageError
from crmplan.i18n import language
from crmplan.plan.edit import EditablePlan
from crmplan.plan.load import LoadedPlan
from crmplan.segment.score import (
    MAX_NOTE,
    Change,
    ScoreEdit,
    apply,
    check_note,
    commit,
    parse_scores,
    plan_edit,
)
from segment_plans import build, load, segment, where

pytestmark = pytest.mark.usefixtures("english")

# Without a task force, plan_edit stops at the member (none is defined), so the scale and
# the sheets are only read from a plan that has one; "\n\t" are control characters, so
# padding that string with letters changes nothing.
# equivalent mutant: segment/score.py x__check_scores__mutmut_6 — `or True`: unreachable
# equivalent mutant: segment/score.py x__check_scores__mutmut_7 — scale (2, 5): unreachable
# equivalent mutant: segment/score.py x__check_scores__mutmut_8 — scale (1, 6): unreachable
# equivalent mutant: segment/score.py x__find_sheet__mutmut_3 — `or True`: unreachable
# equivalent mutant: segment/score.py x__control__mutmut_9 — "XX\n\tXX": X is no control

SHEETS = [("a", "x", {"p": 4, "q": 2}), ("b", "x", {"p": 3}), ("b", "y", {"q": 5})]


def plan(
    scale: tuple[int, int] = (1, 5), sheets: list[tuple[str, str, dict[str, float]]] | None = None
) -> tuple[str, LoadedPlan]:
    text = build(
        [segment("x"), segment("y")],
        members=("a", "b"),
        sheets=SHEETS if sheets is None else sheets,
        scale=scale,
    )
    return text, load(text)


def refusal(loaded: LoadedPlan, *args: str, **options: object) -> UsageError:
    with pytest.raises(UsageError) as caught:
        plan_edit(loaded, *args, **options)  # type: ignore[arg-type]
    return caught.value


# -- the scale: both ends are scores, one step beyond is not ----------------------------


@pytest.mark.parametrize(
    ("scale", "score"),
    [
        ((1, 5), "1"),
        ((1, 5), "5"),
        ((0, 10), "0"),
        ((0, 10), "10"),
        ((0, 10), "0.0"),
        ((-2, 2), "-2"),
    ],
)
def test_a_score_on_either_end_of_the_scale_is_written(scale: tuple[int, int], score: str) -> None:
    _text, loaded = plan(scale, sheets=[])
    edit = plan_edit(loaded, "x", "a", [f"p={score}"])
    assert edit.changes == (Change("p", None, float(score)),)


@pytest.mark.parametrize(
    ("scale", "score", "message"),
    [
        ((1, 5), "0.9", "p=0.9 is outside the scale 1-5"),
        ((1, 5), "5.1", "p=5.1 is outside the scale 1-5"),
        ((0, 10), "-1", "p=-1 is outside the scale 0-10"),
        ((0, 10), "11", "p=11 is outside the scale 0-10"),
        ((0, 10), "10.5", "p=10.5 is outside the scale 0-10"),
    ],
)
def test_a_score_beyond_the_plans_scale_is_refused_with_that_scale(
    scale: tuple[int, int], score: str, message: str
) -> None:
    _text, loaded = plan(scale, sheets=[])
    error = refusal(loaded, "x", "a", [f"p={score}"])
    assert (error.message, error.hint) == (message, "the scale is set under task_force.scale")


def test_every_score_is_checked_not_only_the_first() -> None:
    _text, loaded = plan(sheets=[])
    assert refusal(loaded, "x", "a", ["p=3", "q=9"]).message == "q=9 is outside the scale 1-5"
    assert refusal(loaded, "x", "a", ["p=3", "r=2"]).message == "unknown criterion 'r'"


# -- what is given --------------------------------------------------------------------------


def test_whole_numbers_stay_whole_and_decimals_stay_decimal() -> None:
    found = parse_scores(["p=4", " q = 3.5 ", "r=-1", "s=2.0"])
    assert found == [("p", 4), ("q", 3.5), ("r", -1), ("s", 2.0)]
    assert [type(v) for _k, v in found] == [int, float, int, float]


@pytest.mark.parametrize(
    ("pair", "message", "hint"),
    [
        ("=4", "'=4' is not criterion=score", "write each score as criterion=score, e.g. speed=4"),
        ("p4", "'p4' is not criterion=score", "write each score as criterion=score, e.g. speed=4"),
        ("p=", "'p=': the score must be a number such as 4 or 3.5", ""),
        ("p=4.", "'p=4.': the score must be a number such as 4 or 3.5", ""),
        (
            "p=4%",
            "'p=4%': the score must be a number such as 4 or 3.5",
            "write 4 (percentages as 0-100)",
        ),
        ("p=4 5", "'p=4 5': the score must be a number such as 4 or 3.5", ""),
        ("p=x4", "'p=x4': the score must be a number such as 4 or 3.5", ""),
        ("p=4=5", "'p=4=5': the score must be a number such as 4 or 3.5", ""),
    ],
)
def test_a_pair_that_is_not_a_score_is_refused(pair: str, message: str, hint: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_scores([pair])
    assert (caught.value.message, caught.value.hint) == (message, hint)


def test_no_score_at_all_is_refused() -> None:
    _text, loaded = plan()
    assert refusal(loaded, "x", "a", []).message == "give at least one criterion=score"


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (("z", "a"), "unknown segment 'z'", "known: x, y"),
        (("xx", "a"), "unknown segment 'xx'", "did you mean 'x'?"),
        (("x", "zed"), "unknown task-force member 'zed'", "known: a, b"),
        (("x", "Member c"), "unknown task-force member 'Member c'", "known: a, b"),
    ],
)
def test_an_unknown_segment_or_member_names_the_known_ones(
    args: tuple[str, str], message: str, hint: str
) -> None:
    _text, loaded = plan()
    error = refusal(loaded, *args, ["p=3"])
    assert (error.message, error.hint) == (message, hint)


def test_a_member_is_found_by_id_or_by_name() -> None:
    _text, loaded = plan()
    assert plan_edit(loaded, "y", "Member a", ["p=2"]).member == "a"
    assert plan_edit(loaded, "y", "b", ["p=2"]).member == "b"


def test_an_unknown_criterion_names_the_plans_criteria() -> None:
    _text, loaded = plan()
    error = refusal(loaded, "x", "a", ["zzz=3"])
    assert (error.message, error.hint) == ("unknown criterion 'zzz'", "known: p, q")
    text = build([segment("x")], criteria=None, members=("a",))
    error = refusal(load(text), "x", "a", ["speedy=3"])
    assert (error.message, error.hint) == ("unknown criterion 'speedy'", "did you mean 'speed'?")


def test_a_plan_without_segments_says_none_is_defined() -> None:
    text = build([], members=("a",))
    error = refusal(load(text), "x", "a", ["p=3"])
    assert (error.message, error.hint) == ("unknown segment 'x'", "none is defined yet")


# -- the note -----------------------------------------------------------------------------


def test_a_note_of_exactly_the_limit_is_kept_one_more_is_refused() -> None:
    assert check_note("n" * MAX_NOTE) == "n" * MAX_NOTE
    with pytest.raises(UsageError) as caught:
        check_note("n" * (MAX_NOTE + 1))
    assert caught.value.message == f"the note is longer than {MAX_NOTE} characters"


@pytest.mark.parametrize("note", ["tab\tand\nline", "Fast to launch", "한국어 메모", "Xmas offer"])
def test_a_note_of_plain_text_is_kept(note: str) -> None:
    assert check_note(note) == note


@pytest.mark.parametrize("note", ["a\rb", "a\x00b", "a\u2028b", "a\u2029b", "a\x7fb"])
def test_a_note_with_a_control_character_is_refused(note: str) -> None:
    with pytest.raises(UsageError) as caught:
        check_note(note)
    assert caught.value.message == "the note holds a control character"


# -- overwriting: refused, pointing at the very sheet, unless replace -------------------


def test_the_refusal_points_at_the_sheet_that_holds_the_scores() -> None:
    text, loaded = plan()
    error = refusal(loaded, "x", "b", ["p=5", "q=1"])
    at = where(text, "{member: b, segment: x")
    assert error.message == f"member 'b' already gave segment 'x' p=3 ({at})"
    assert error.hint == "add --replace to overwrite"
    assert at != where(text, "{member: a, segment: x")


def test_the_refusal_lists_every_score_it_would_overwrite() -> None:
    text, loaded = plan()
    error = refusal(loaded, "x", "a", ["p=1", "q=2"], note="later")
    at = where(text, "{member: a, segment: x")
    assert error.message == f"member 'a' already gave segment 'x' p=4 ({at})"
    error = refusal(loaded, "x", "a", ["q=2.5", "p=1"])
    assert error.message == f"member 'a' already gave segment 'x' q=2, p=4 ({at})"


def test_a_note_already_there_is_not_replaced_without_replace() -> None:
    text = build([segment("x")], members=("a",), sheets=[("a", "x", {"p": 4})]).replace(
        "scores: {p: 4}}", "scores: {p: 4}, note: First view}"
    )
    error = refusal(load(text), "x", "a", ["p=4"], note="Second view")
    assert error.message.startswith("member 'a' already gave segment 'x' note='First view' (")


def test_replace_overwrites_and_keeps_unchanged_scores_apart() -> None:
    _text, loaded = plan()
    edit = plan_edit(loaded, "x", "a", ["p=5", "q=2"], replace=True)
    assert edit == ScoreEdit("plan.yaml", "x", "a", 0, (Change("p", 4, 5),), ("q",))
    assert not edit.new_sheet


def test_new_scores_on_an_existing_sheet_need_no_replace() -> None:
    _text, loaded = plan()
    edit = plan_edit(loaded, "x", "b", ["q=1"], note="Data is thin")
    assert (edit.sheet, edit.changes) == (
        1,
        (Change("q", None, 1), Change("note", None, "Data is thin", note=True)),
    )


def test_a_member_without_a_sheet_for_the_segment_gets_a_new_one() -> None:
    _text, loaded = plan()
    edit = plan_edit(loaded, "y", "a", ["q=3"])
    assert (edit.sheet, edit.new_sheet, edit.changes) == (None, True, (Change("q", None, 3),))


def test_the_sheet_is_found_by_member_and_segment_together() -> None:
    _text, loaded = plan()
    assert plan_edit(loaded, "y", "b", ["p=1"]).sheet == 2
    assert plan_edit(loaded, "x", "b", ["q=1"]).sheet == 1


# -- what lands in the plan ------------------------------------------------------------------


def saved(text: str, edit: ScoreEdit) -> str:
    editable = EditablePlan.from_text(text, name="plan.yaml")
    apply(editable, edit)
    return editable.render_bytes().decode("utf-8")


def test_a_new_sheet_holds_the_scores_and_the_note() -> None:
    text, loaded = plan()
    edit = plan_edit(loaded, "y", "a", ["q=3", "p=4.5"], note="Worth a test")
    written = load(saved(text, edit)).plan.task_force.scores[3]  # type: ignore[union-attr]
    assert (written.member, written.segment, written.scores, written.note) == (
        "a",
        "y",
        {"q": 3, "p": 4.5},
        "Worth a test",
    )


def test_changes_to_an_existing_sheet_land_in_that_sheet() -> None:
    text, loaded = plan()
    edit = plan_edit(loaded, "x", "b", ["p=1", "q=2"], note="Changed my mind", replace=True)
    sheets = load(saved(text, edit)).plan.task_force.scores  # type: ignore[union-attr]
    assert [(s.member, s.segment, s.scores, s.note) for s in sheets] == [
        ("a", "x", {"p": 4, "q": 2}, None),
        ("b", "x", {"p": 1, "q": 2}, "Changed my mind"),
        ("b", "y", {"q": 5}, None),
    ]


def test_nothing_to_change_writes_nothing() -> None:
    _text, loaded = plan()
    edit = plan_edit(loaded, "x", "a", ["p=4"])
    assert (edit.changes, edit.unchanged) == ((), ("p",))
    assert commit(EditablePlan.from_text("", name="plan.yaml"), edit) is False


def test_the_refusal_is_translated() -> None:
    _text, loaded = plan()
    with language("ko"), pytest.raises(UsageError) as caught:
        plan_edit(loaded, "x", "a", ["p=9"])
    assert "p=9" in caught.value.message
    assert "outside the scale" not in caught.value.message


def test_the_known_ids_are_cut_at_twelve() -> None:
    text = build([segment(f"s{n:02}") for n in range(14)], members=("a",))
    error = refusal(load(text), "zzzzzz", "a", ["p=3"])
    assert error.hint == "known: " + ", ".join(f"s{n:02}" for n in range(12))


def test_a_plan_without_a_task_force_has_no_member_to_score() -> None:
    text = build([segment("x")]).split("task_force:")[0]
    error = refusal(load(text), "x", "a", ["p=3"])
    assert (error.message, error.hint) == ("unknown task-force member 'a'", "none is defined yet")
