"""A campaign's lift and its uncertainty (crmplan.segment.lift)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmplan.languages import guess_encodings
from crmplan.segment.lift import Lift, rate_lift, wilson

Z95 = 1.959963984540054  # the normal quantile of a two-sided 95% interval


def test_newcombes_published_interval() -> None:
    """Newcombe (1998), Statistics in Medicine 17:873-890, table II, example (a): 56/70
    against 48/80, method 10 gives 0.0524 to 0.3339."""
    lift = rate_lift(80.0, 70, 60.0, 80)
    assert lift.points == pytest.approx(20.0)
    assert (round(lift.low / 100, 4), round(lift.high / 100, 4)) == (0.0524, 0.3339)
    assert lift.significant


def test_a_holdout_comparison_gets_a_z_test() -> None:
    """38.5% of 400 against 31% of 400: 7.5 points, p about 0.026 (pooled z = 2.23)."""
    lift = rate_lift(38.5, 400, 31.0, 400)
    assert lift.points == pytest.approx(7.5)
    assert lift.p_value == pytest.approx(0.0259, abs=1e-4)
    assert lift.relative_pct == pytest.approx(7.5 / 31 * 100)


def test_a_lift_keeps_both_rates_and_both_sizes_as_given() -> None:
    lift = rate_lift(38.5, 400, 31.0, 300)
    assert (lift.treated_pct, lift.comparison_pct, lift.treated_size, lift.comparison_size) == (
        38.5,
        31.0,
        400,
        300,
    )
    assert (round(lift.points, 4), round(lift.low, 4), round(lift.high, 4)) == (
        7.5,
        0.3468,
        14.4457,
    )
    assert lift.p_value == pytest.approx(0.0399, abs=1e-4)


def test_a_lift_below_the_comparison_is_the_mirror_of_the_lift_above() -> None:
    """31% against 38.5% of 400: -7.5 points, the same p-value as the other way round."""
    lift = rate_lift(31.0, 400, 38.5, 400)
    assert lift.points == pytest.approx(-7.5)
    assert (round(lift.low, 4), round(lift.high, 4)) == (-14.0089, -0.9006)
    assert lift.p_value == pytest.approx(0.0259, abs=1e-4)
    assert lift.significant
    assert lift.relative_pct == pytest.approx(-7.5 / 38.5 * 100)


def test_no_relative_lift_over_a_comparison_rate_of_zero() -> None:
    assert rate_lift(5.0, 200, 0.0, 200).relative_pct is None
    assert rate_lift(0.0, 200, 5.0, 200).relative_pct == pytest.approx(-100.0)


@pytest.mark.parametrize(
    ("low", "high", "significant"),
    [
        (0.0, 5.0, False),  # the interval touches zero: the groups may not differ
        (1e-9, 5.0, True),
        (-5.0, 0.0, False),
        (-5.0, -1e-9, True),
        (-5.0, 5.0, False),
    ],
)
def test_significant_when_the_interval_leaves_out_zero(
    low: float, high: float, significant: bool
) -> None:
    assert Lift(10.0, 10.0, 100, 100, 0.0, low, high, None).significant is significant


@pytest.mark.parametrize(
    ("treated", "n_treated", "comparison", "n_comparison", "p_value"),
    [
        # the fewest expected in a cell is exactly five: 10 customers a group at a pooled 50%
        (50.0, 10, 50.0, 10, 1.0),
        (50.0, 9, 50.0, 9, None),  # 4.5 expected: too few for the z-test
        # the smaller group counts, and the rarer outcome: 97% of 100 leaves 3 expected
        (97.0, 100, 97.0, 100, None),
        (90.0, 100, 94.0, 100, pytest.approx(0.2971, abs=1e-4)),  # 8 expected
        (10.0, 100, 30.0, 10, None),
        (10.0, 100, 30.0, 50, pytest.approx(0.0019, abs=1e-4)),
    ],
)
def test_the_z_test_needs_five_expected_customers_in_every_cell(
    treated: float, n_treated: int, comparison: float, n_comparison: int, p_value: float | None
) -> None:
    assert rate_lift(treated, n_treated, comparison, n_comparison).p_value == p_value


@pytest.mark.parametrize(
    ("count", "size", "low", "high"),
    [
        # Newcombe (1998), Statistics in Medicine 17:857-872, table I, method 3 (Wilson)
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilsons_published_intervals(count: int, size: int, low: float, high: float) -> None:
    found = wilson(count / size, size, Z95)
    assert (round(found[0], 4), round(found[1], 4)) == (low, high)


def test_a_share_of_none_or_all_gets_an_interval_that_ends_exactly_at_0_or_100() -> None:
    """Without the clamp, rounding puts these ends a hair outside 0..1."""
    assert wilson(0.0, 27, Z95)[0] == 0.0
    assert wilson(1.0, 16, Z95)[1] == 1.0


def test_small_groups_get_an_interval_but_no_z_test() -> None:
    lift = rate_lift(50.0, 8, 25.0, 8)
    assert lift.p_value is None
    assert not lift.significant
    assert -100 <= lift.low < lift.points < lift.high <= 100


@given(st.integers(0, 200), st.integers(1, 200), st.integers(0, 200), st.integers(1, 200))
def test_the_interval_holds_the_difference_and_stays_in_bounds(
    x1: int, n1: int, x2: int, n2: int
) -> None:
    p1, p2 = min(x1, n1) / n1 * 100, min(x2, n2) / n2 * 100
    lift = rate_lift(p1, n1, p2, n2)
    assert -100 - 1e-9 <= lift.low <= lift.points + 1e-9
    assert lift.points - 1e-9 <= lift.high <= 100 + 1e-9
    swapped = rate_lift(p2, n2, p1, n1)
    assert swapped.low == pytest.approx(-lift.high) and swapped.high == pytest.approx(-lift.low)


@given(st.floats(0, 1), st.integers(1, 10_000))
def test_wilson_holds_the_share(p: float, n: int) -> None:
    low, high = wilson(p, n, 1.96)
    assert 0 <= low <= p + 1e-12 and p - 1e-12 <= high <= 1


def test_an_export_that_is_not_utf8_is_named_with_the_encodings_it_reads_in() -> None:
    gbk = "客户系统\n".encode("gbk")
    assert guess_encodings(gbk, "zh") == ("gb18030", "cp949")
    assert guess_encodings("고객 시스템\n".encode("cp949"), "ko")[0] == "cp949"
    assert guess_encodings("café\n".encode("cp1252"), "en") == ("cp1252",)
