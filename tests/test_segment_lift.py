"""A campaign's lift and its uncertainty (crmplan.segment.lift)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmplan.languages import guess_encodings
from crmplan.segment.lift import rate_lift, wilson


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


def test_small_groups_get_an_interval_but_no_z_test() -> None:
    lift = rate_lift(50.0, 8, 25.0, 8)
    assert lift.p_value is None
    assert not lift.significant
    assert -100 <= lift.low < lift.points < lift.high <= 100


@given(st.integers(0, 200), st.integers(1, 200), st.integers(0, 200), st.integers(1, 200))
def test_the_interval_holds_the_difference_and_stays_in_bounds(
        x1: int, n1: int, x2: int, n2: int) -> None:
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
