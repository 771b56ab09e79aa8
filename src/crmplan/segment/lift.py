"""A campaign's lift over its comparison group, with its uncertainty.

A campaign measured on a rate (a repurchase rate, a conversion rate) compares the
share of the treated group that did something with the share of the comparison
group (the holdout, the control group, or the period before). With both groups'
sizes, the difference of the two shares gets a 95% confidence interval and a
significance test:

- the interval is Newcombe's hybrid score interval (Newcombe 1998, method 10),
  built from each group's Wilson score interval: it stays inside -100..100 points
  and keeps its coverage for small groups and rates near 0 or 100%, where the
  textbook (Wald) interval fails;
- the test is the two-proportion z-test with the pooled rate, reported only when
  every cell of the 2x2 table expects at least five customers (below that the
  normal approximation is not to be trusted, and only the interval is given).

The normal quantiles come from Python's own :class:`statistics.NormalDist`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

CONFIDENCE = 0.95
# the two-proportion z-test needs this many expected customers in every cell
MIN_EXPECTED = 5
_NORMAL = NormalDist()


@dataclass(frozen=True)
class Lift:
    """The treated group's rate against the comparison group's, in percentage points."""

    treated_pct: float
    comparison_pct: float
    treated_size: int
    comparison_size: int
    points: float  # treated minus comparison
    low: float  # the confidence interval of ``points``
    high: float
    p_value: float | None  # None when the groups are too small for the z-test

    @property
    def relative_pct(self) -> float | None:
        """The lift as a share of the comparison group's rate; None when that rate is 0."""
        return None if self.comparison_pct == 0 else self.points / self.comparison_pct * 100

    @property
    def significant(self) -> bool:
        """True when the interval leaves out zero: the groups differ at 95% confidence."""
        return self.low > 0 or self.high < 0


def rate_lift(treated_pct: float, treated_size: int, comparison_pct: float,
              comparison_size: int) -> Lift:
    """The lift of two rates (in percent) measured on groups of the given sizes."""
    p1, p2 = treated_pct / 100, comparison_pct / 100
    z = _NORMAL.inv_cdf(0.5 + CONFIDENCE / 2)
    l1, u1 = wilson(p1, treated_size, z)
    l2, u2 = wilson(p2, comparison_size, z)
    d = p1 - p2
    low = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return Lift(treated_pct, comparison_pct, treated_size, comparison_size, d * 100,
                low * 100, high * 100, _p_value(p1, treated_size, p2, comparison_size))


def wilson(p: float, n: int, z: float) -> tuple[float, float]:
    """The Wilson score interval of a share ``p`` observed on ``n`` customers."""
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def _p_value(p1: float, n1: int, p2: float, n2: int) -> float | None:
    """The two-sided p-value of the pooled two-proportion z-test; None when a cell of the
    2x2 table expects fewer than :data:`MIN_EXPECTED` customers."""
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    if min(n1, n2) * min(pooled, 1 - pooled) < MIN_EXPECTED:
        return None
    error = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return 2 * (1 - _NORMAL.cdf(abs(p1 - p2) / error))
