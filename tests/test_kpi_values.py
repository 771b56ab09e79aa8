"""KPI values as every report and deliverable writes them: the unit, the sign of a change,
points for a percentage, a pace per month, in each language."""

from __future__ import annotations

import pytest

from crmplan import i18n
from crmplan.kpi.values import change_text, pace_text, share_text, value_text
from crmplan.model.kpis import Unit

# (unit, value, English, Korean, Chinese)
VALUES = [
    (None, None, "—", "—", "—"),
    (Unit.CURRENCY, 1_500_000, "₩1,500,000", "150만 원", "₩1,500,000"),
    (Unit.PERCENT, 27.5, "27.5%", "27.5%", "27.5%"),
    (Unit.PERCENT, 12.3456, "12.35%", "12.35%", "12.35%"),  # two decimals, never more
    (Unit.HOURS, 10.8, "10.8 h", "10.8시간", "10.8小时"),
    (Unit.MINUTES, 12, "12 min", "12분", "12分钟"),
    (Unit.DAYS, 3, "3 days", "3일", "3天"),
    (Unit.SCORE, 1234.5, "1,234.5", "1,234.5", "1,234.5"),
    (Unit.COUNT, 1234, "1,234", "1,234", "1,234"),
    (Unit.RATIO, 1.25, "1.25", "1.25", "1.25"),
    (None, 0, "0", "0", "0"),
]


@pytest.mark.parametrize(("unit", "value", "en", "ko", "zh"), VALUES)
def test_a_value_is_written_in_its_unit(unit: Unit | None, value: float | None, en: str,
                                        ko: str, zh: str) -> None:
    for code, expected in (("en", en), ("ko", ko), ("zh", zh)):
        with i18n.language(code):
            assert value_text(value, unit, "KRW") == expected, code


# (unit, change, English, Korean, Chinese): a rise carries its plus sign, a fall its minus,
# no change neither; a percentage moves by points
CHANGES = [
    (Unit.PERCENT, 2.7, "+2.7 pts", "+2.7%p", "+2.7个百分点"),
    (Unit.PERCENT, -2.7, "-2.7 pts", "-2.7%p", "-2.7个百分点"),
    (Unit.PERCENT, 0, "0 pts", "0%p", "0个百分点"),
    (Unit.CURRENCY, 150, "+$150.00", "+US$150.00", "+US$150.00"),
    (Unit.CURRENCY, -150, "-$150.00", "-US$150.00", "-US$150.00"),
    (Unit.CURRENCY, 0, "$0.00", "US$0.00", "US$0.00"),
    (Unit.HOURS, 1.5, "+1.5 h", "+1.5시간", "+1.5小时"),
    (Unit.MINUTES, -3, "-3 min", "-3분", "-3分钟"),
    (Unit.DAYS, -1.5, "-1.5 days", "-1.5일", "-1.5天"),
    (Unit.SCORE, 0.5, "+0.5", "+0.5", "+0.5"),
    (None, 0.01, "+0.01", "+0.01", "+0.01"),
    (None, None, "—", "—", "—"),
]


@pytest.mark.parametrize(("unit", "change", "en", "ko", "zh"), CHANGES)
def test_a_change_carries_its_sign_and_unit(unit: Unit | None, change: float | None, en: str,
                                            ko: str, zh: str) -> None:
    for code, expected in (("en", en), ("ko", ko), ("zh", zh)):
        with i18n.language(code):
            assert change_text(change, unit, "USD") == expected, code


@pytest.mark.parametrize(("unit", "pace", "en", "ko", "zh"), [
    (Unit.PERCENT, 1.25, "+1.25 pts/month", "월 +1.25%p", "每月+1.25个百分点"),
    (Unit.MINUTES, -3, "-3 min/month", "월 -3분", "每月-3分钟"),
    (Unit.CURRENCY, 20, "+$20.00/month", "월 +US$20.00", "每月+US$20.00"),
    (None, None, "—", "—", "—"),
])
def test_a_pace_is_a_change_per_month(unit: Unit | None, pace: float | None, en: str, ko: str,
                                      zh: str) -> None:
    for code, expected in (("en", en), ("ko", ko), ("zh", zh)):
        with i18n.language(code):
            assert pace_text(pace, unit, "USD") == expected, code


@pytest.mark.parametrize(("share", "expected"), [
    (42.4, "42%"), (42.6, "43%"), (100, "100%"), (0, "0%"), (None, "—"),
])
def test_a_share_is_a_whole_percentage_of_0_to_100(share: float | None,
                                                   expected: str) -> None:
    with i18n.language("en"):
        assert share_text(share) == expected


# equivalent mutant: kpi/values.py x_share_text__mutmut_4 — digits=None: the pattern reads 0
