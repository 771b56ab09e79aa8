"""The task force's ranking arithmetic (crmplan.segment.scoring) on its edges, through
:class:`~crmplan.segment.scoring.Board` alone: no plan to load, so each case is a line.

tests/test_segment.py checks the same arithmetic through whole plans and the findings a
consultant reads; these tests pin what those leave open: competition ranks past a tie, the
sheet a segment points at, a member missing several sheets, an unscored segment's figures,
each weight moved up and down.
"""

from __future__ import annotations

import pytest

from crmplan.segment.scoring import (
    Board,
    Sheet,
    leaders,
    missing,
    rank,
    ranks,
    sensitivity,
    tie_key,
    weighted_total,
)
from crmplan.segment.views import CriterionScore, Missing, Ranked, WeightCheck

# The first segment always sets `place` (position 0), so its starting value is never read;
# a sheet's member is always a known member (the plan is validated first), so the default of
# member_order.get is never used; `lists` has one list per criterion, so zip never truncates.
# equivalent mutant: segment/scoring.py x_ranks__mutmut_14 — place = None: never read
# equivalent mutant: segment/scoring.py x_ranks__mutmut_15 — place = 1: never read
# equivalent mutant: segment/scoring.py x_criterion_scores__mutmut_12 — get default None: unused
# equivalent mutant: segment/scoring.py x_criterion_scores__mutmut_14 — get without default
# equivalent mutant: segment/scoring.py x_criterion_scores__mutmut_15 — get default 1: unused
# equivalent mutant: segment/scoring.py x_criterion_scores__mutmut_25 — zip strict=None
# equivalent mutant: segment/scoring.py x_criterion_scores__mutmut_28 — zip without strict
# equivalent mutant: segment/scoring.py x_criterion_scores__mutmut_29 — zip strict=False
# Scores and Means are type aliases: only mypy reads their parameters.
# equivalent mutant: segment/scoring.py Scores__ast_1 — type alias, read by mypy only
# equivalent mutant: segment/scoring.py Scores__ast_2 — type alias, read by mypy only
# equivalent mutant: segment/scoring.py Means__ast_1 — type alias, read by mypy only
# equivalent mutant: segment/scoring.py Means__ast_2 — type alias, read by mypy only


def board(
    *sheets: tuple[str, str, dict[str, float]],
    segments: tuple[str, ...] = ("x", "y"),
    members: tuple[str, ...] = ("a", "b"),
    weights: tuple[float, ...] = (2.0, 1.0),
    scale_max: int = 5,
) -> Board:
    return Board(
        ("p", "q"),
        weights,
        segments,
        members,
        tuple(Sheet(m, s, v, i) for i, (m, s, v) in enumerate(sheets)),
        scale_max,
    )


# -- totals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("means", "weights", "total"),
    [
        ((4.0, 2.0), (2.0, 1.0), 10.0),  # complete: the weighted sum
        ((4.0, None), (2.0, 1.0), 12.0),  # 2 x 4 over the scored weight 2, times all weights 3
        ((None, 2.0), (2.0, 1.0), 6.0),
        ((4.0, None), (0.0, 1.0), 0.0),  # scored only on a weight of 0: nothing to scale from
        ((None, None), (2.0, 1.0), None),
        ((3.0, 5.0), (0.0, 0.0), 0.0),
    ],
)
def test_weighted_total(
    means: tuple[float | None, ...], weights: tuple[float, ...], total: float | None
) -> None:
    assert weighted_total(means, weights) == total


def test_a_weight_without_a_mean_is_a_bug_not_a_shorter_sum() -> None:
    with pytest.raises(ValueError):
        weighted_total((4.0,), (2.0, 1.0))
    with pytest.raises(ValueError):
        weighted_total((4.0, 2.0, 1.0), (2.0, 1.0))


def test_a_tie_is_equal_to_nine_decimals() -> None:
    assert tie_key(1.7999999999999998) == tie_key(1.8) == 1.8
    assert tie_key(1.800000001) != tie_key(1.8)


# -- ranks -------------------------------------------------------------------------------


def test_ranks_are_competition_ranks_ties_share_and_the_next_skips() -> None:
    totals: dict[str, float | None] = {
        "a": 3.0,
        "b": 5.0,
        "c": 3.0,
        "d": None,
        "e": 1.0,
        "f": 1.0,
        "g": 0.5,
    }
    assert ranks(totals) == [
        ("b", 1, False),
        ("a", 2, True),
        ("c", 2, True),
        ("e", 4, True),
        ("f", 4, True),
        ("g", 6, False),
        ("d", None, False),
    ]


def test_a_single_segment_is_first_and_not_tied() -> None:
    assert ranks({"x": 0.0}) == [("x", 1, False)]
    assert leaders({"x": 0.0, "y": None}) == ("x",)
    assert leaders({"x": None}) == ()


# -- the ranking of a board --------------------------------------------------------------


def test_every_figure_of_a_scored_and_an_unscored_segment() -> None:
    ranked = rank(
        board(
            ("b", "x", {"p": 2, "q": 4}),
            ("a", "y", {"q": 1}),
            ("a", "x", {"p": 4}),
            segments=("z", "x", "y"),
        )
    )
    x_criteria = (
        CriterionScore("p", (("a", 4), ("b", 2)), 3.0, 2, 4),  # member order
        CriterionScore("q", (("b", 4),), 4.0, 4, 4),
    )
    assert ranked == (
        Ranked("x", 1, False, 10.0, 15.0, 10.0 / 3, 2, True, x_criteria, 0),
        Ranked(
            "y",
            2,
            False,
            3.0,
            15.0,
            1.0,
            1,
            False,
            (
                CriterionScore("p", (), None, None, None),
                CriterionScore("q", (("a", 1),), 1.0, 1, 1),
            ),
            1,
        ),
        Ranked(
            "z",
            None,
            False,
            None,
            15.0,
            None,
            0,
            False,
            (CriterionScore("p", (), None, None, None), CriterionScore("q", (), None, None, None)),
            None,
        ),
    )


def test_the_ceiling_follows_the_scale_and_the_weights() -> None:
    ranked = rank(board(("a", "x", {"p": 10, "q": 10}), weights=(1.5, 0.5), scale_max=10))
    assert (ranked[0].total, ranked[0].max_total, ranked[0].score) == (20.0, 20.0, 10.0)


def test_a_segment_points_at_its_first_sheet_in_the_plan() -> None:
    ranked = rank(
        board(
            ("a", "y", {"p": 1}), ("a", "x", {"p": 3}), ("b", "x", {"p": 5}), ("b", "y", {"p": 2})
        )
    )
    assert [(r.segment, r.first_sheet, r.members) for r in ranked] == [("x", 1, 2), ("y", 0, 2)]


def test_with_every_weight_zero_there_is_no_score_on_the_scale() -> None:
    ranked = rank(board(("a", "x", {"p": 4, "q": 4}), weights=(0.0, 0.0)))
    assert (ranked[0].total, ranked[0].max_total, ranked[0].score) == (0.0, 0.0, None)


# -- who still has to score --------------------------------------------------------------


def test_a_member_missing_several_sheets_is_reported_for_each() -> None:
    found = missing(
        board(
            ("a", "x", {"p": 3, "q": 3}),
            ("a", "y", {"p": 3}),
            segments=("x", "y", "z"),
            members=("a", "b"),
        )
    )
    assert found == (
        Missing("a", "y", ("q",), False),
        Missing("a", "z", ("p", "q"), True),
        Missing("b", "x", ("p", "q"), True),
        Missing("b", "y", ("p", "q"), True),
        Missing("b", "z", ("p", "q"), True),
    )


def test_a_full_board_misses_nothing() -> None:
    assert missing(board(("a", "x", {"p": 1, "q": 1}), segments=("x",), members=("a",))) == ()


# -- sensitivity -------------------------------------------------------------------------


def test_each_weight_moves_up_then_down_and_the_leaders_are_recomputed() -> None:
    # x: 2 x 5 + 1 x 1 = 11; y: 2 x 4 + 1 x 3.2 = 11.2 (y leads by 0.2)
    scored = board(("a", "x", {"p": 5, "q": 1}), ("a", "y", {"p": 4, "q": 3.2}))
    result = sensitivity(scored, rank(scored), 20)
    assert (result.step_pct, result.leaders) == (20, ("y",))
    assert result.checks == (
        WeightCheck("p", 20, pytest.approx(2.4), ("x",), True),  # x 13, y 12.8
        WeightCheck("p", -20, pytest.approx(1.6), ("y",), False),  # x 9, y 9.6
        WeightCheck("q", 20, pytest.approx(1.2), ("y",), False),  # x 11.2, y 11.84
        WeightCheck("q", -20, pytest.approx(0.8), ("x",), True),
    )  # x 10.8, y 10.56
    assert not result.stable


def test_nothing_to_check_when_nobody_scored() -> None:
    empty = board()
    result = sensitivity(empty, rank(empty), 10)
    assert (result.leaders, result.checks, result.stable) == ((), (), True)
