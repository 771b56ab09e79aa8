"""What a KPI is counted in, which way it improves, and the period it is measured over."""

from __future__ import annotations

import enum


class Unit(str, enum.Enum):
    """What a KPI's values are counted in."""

    PERCENT = "percent"
    SCORE = "score"
    COUNT = "count"
    CURRENCY = "currency"
    HOURS = "hours"
    MINUTES = "minutes"
    DAYS = "days"
    RATIO = "ratio"


class Direction(str, enum.Enum):
    """Which way a KPI improves."""

    HIGHER = "higher"
    LOWER = "lower"


class Period(str, enum.Enum):
    """The period a KPI is measured over."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"
