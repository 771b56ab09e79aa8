"""How often an SOP is reviewed and refreshed, as step 9 of the strategy writes it: one
month is a month, in every language."""

from __future__ import annotations

import datetime as dt

import pytest

from crmplan import i18n
from crmplan.model.strategy import Sop
from crmplan.render.practice import _refresher
from crmplan.render.strategy import _sop

DAY = dt.date(2026, 4, 30)


@pytest.mark.parametrize(("months", "en", "ko", "zh"), [
    (1, "every 1 month", "1개월마다", "每1个月"),
    (6, "every 6 months", "6개월마다", "每6个月"),
])
def test_an_sops_review_cadence_agrees_with_its_number(months: int, en: str, ko: str,
                                                       zh: str) -> None:
    sop = Sop.model_validate({"id": "s", "title": "Intake", "review_every_months": months})
    for code, expected in (("en", en), ("ko", ko), ("zh", zh)):
        with i18n.language(code):
            assert _sop(sop, None, DAY).every == expected, code


@pytest.mark.parametrize(("last", "months", "expected"), [
    (None, 1, "every 1 month, none held yet"),
    (None, 3, "every 3 months, none held yet"),
    (dt.date(2026, 2, 12), 1, "last 2026-02-12, every 1 month, next 2026-03-12"),
    (dt.date(2026, 2, 12), 6, "last 2026-02-12, every 6 months, next 2026-08-12"),
])
def test_a_refresher_cadence_agrees_with_its_number(last: dt.date | None, months: int,
                                                    expected: str) -> None:
    with i18n.language("en"):
        assert _refresher(last, months) == expected
