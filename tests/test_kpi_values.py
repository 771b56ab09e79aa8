"""KPI values as every report and deliverable writes them: the unit, the sign of a change,
points for a percentage, a pace per month, in each language."""

from __future__ import annotations

import datetime as dt

import pytest

from crmplan import i18n
from crmplan.kpi.progress import progress
from crmplan.kpi.values import (
    change_text,
    figures_size,
    pace_text,
    share_text,
    unit_affixes,
    value_text,
)
from crmplan.model.kpis import Kpi, Unit

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


# equivalent mutant: kpi/values.py x_unit_affixes__mutmut_6 — rpartition: each pattern
# has one {value}, so both cut it at the same place
@pytest.mark.parametrize(("unit", "value", "en", "ko", "zh"),
                         [v for v in VALUES if v[0] is not Unit.CURRENCY and v[1] is not None])
def test_a_units_affixes_write_the_value_as_its_text(unit: Unit | None, value: float, en: str,
                                                     ko: str, zh: str) -> None:
    """What a chart's number format puts around a figure is what the text puts around it."""
    for code, expected in (("en", en), ("ko", ko), ("zh", zh)):
        with i18n.language(code):
            before, after = unit_affixes(unit)
            assert expected.startswith(before) and expected.endswith(after), code
            number = expected.removeprefix(before).removesuffix(after)
            assert number.replace(",", "").replace(".", "").isdigit(), (code, number)


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


def _customer_value(baseline: float | None, current: float | None, target: float | None) -> Kpi:
    data: dict[str, object] = {"id": "clv", "name": "Customer lifetime value",
                               "unit": "currency", "direction": "higher"}
    if baseline is not None:
        data["baseline"] = {"as_of": dt.date(2025, 3, 31), "value": baseline, "source": "ERP"}
    if target is not None:
        data["target"] = {"value": target, "by": dt.date(2027, 6, 30)}
    if current is not None:
        data["snapshots"] = [{"date": dt.date(2026, 3, 31), "value": current}]
    return Kpi.model_validate(data)


@pytest.mark.parametrize(("baseline", "current", "target", "size"), [
    (316_000, 331_200, 360_000, 360_000),  # the target is the largest
    (316_000, 400_000, 360_000, 400_000),  # the latest figure passed it
    (-50_000, -20_000, 10_000, 50_000),  # a size, whatever its sign
    (316_000, None, None, 316_000),  # the baseline alone
    (None, None, None, None),  # no figure at all
])
def test_a_kpis_figures_have_the_size_of_the_largest(
    baseline: float | None, current: float | None, target: float | None, size: float | None
) -> None:
    assert figures_size(progress(_customer_value(baseline, current, target), 0)) == size


def test_a_money_pace_beside_figures_in_myriads_is_written_in_them() -> None:
    """zh 42 of the language review: the monthly pace of a lifetime value of 33万元 read
    "每月+1,965.43元" in a column of 万元; it reads as the figures do, without cents."""
    gap = progress(_customer_value(316_000, 331_200, 360_000), 0, on=dt.date(2026, 3, 31))
    assert gap.needed_pace is not None and 1_000 < gap.needed_pace < 10_000
    size = figures_size(gap)
    expected = {"en": "+CN¥1,922/month", "ko": "월 +CN¥1,922", "zh": "每月+0.19万元"}
    for code, text in expected.items():
        with i18n.language(code):
            assert pace_text(gap.needed_pace, Unit.CURRENCY, "CNY", size) == text, code
            assert change_text(gap.gap, Unit.CURRENCY, "CNY", size) == {
                "en": "+CN¥28,800", "ko": "+CN¥28,800", "zh": "+2.88万元"}[code], code
