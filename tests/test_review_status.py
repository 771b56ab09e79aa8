"""The six-month review's verdicts (crmplan.review.status), each on its boundary: a review
due exactly today, a figure stale by exactly its limit, an action due today, a review held
on the day judged."""

from __future__ import annotations

import datetime as dt

import pytest

from crmplan.analysis import PlanAnalysis
from crmplan.plan.load import load_bytes
from crmplan.review.report import schedule_text
from crmplan.review.status import ReviewStatus

pytestmark = pytest.mark.usefixtures("english")

PLAN = """\
schema_version: 1
client: {name: Acme}
engagement: {start: 2025-01-10}
reviews:
  cadence_months: 6
  log:
    - date: 2025-06-15
      external_factors:
        - {kind: technology, change: A booking app}
        - {kind: customer_expectations, change: Replies within the hour}
        - {kind: market, change: A rival opened}
"""


def status(text: str = PLAN, as_of: dt.date = dt.date(2025, 12, 15)) -> ReviewStatus:
    return PlanAnalysis(load_bytes(text.encode(), "plan.yaml"), as_of).review


def findings(text: str = PLAN, as_of: dt.date = dt.date(2025, 12, 15)) -> list[str]:
    return [f"{i.location} {i.code} {i.message} | {i.hint}" for i in status(text, as_of).findings]


# -- the schedule --------------------------------------------------------------------------


def test_a_review_due_today_is_not_overdue() -> None:
    schedule = status().schedule
    assert (schedule.cadence_months, schedule.last, schedule.due, schedule.overdue_days) == (
        6,
        dt.date(2025, 6, 15),
        dt.date(2025, 12, 15),
        0,
    )
    assert findings() == []


def test_a_review_one_day_late_is_one_day_overdue() -> None:
    assert status(as_of=dt.date(2025, 12, 16)).schedule.overdue_days == 1
    assert findings(as_of=dt.date(2025, 12, 16)) == [
        "plan.yaml:4:1 CRM801 the review due on 2025-12-15 is 1 day overdue | hold the review, "
        "then log it with 'crmplan review record'"
    ]


def test_a_monthly_review_one_day_late_reads_in_the_singular() -> None:
    text = PLAN.replace("cadence_months: 6", "cadence_months: 1")
    assert schedule_text(status(text, dt.date(2025, 7, 16))) == (
        "last review 2025-06-15 · every 1 month · next due 2025-07-15 (1 day overdue)"
    )
    assert schedule_text(status(text, dt.date(2025, 7, 17))) == (
        "last review 2025-06-15 · every 1 month · next due 2025-07-15 (2 days overdue)"
    )
    assert schedule_text(status(as_of=dt.date(2025, 12, 15))) == (
        "last review 2025-06-15 · every 6 months · next due 2025-12-15"
    )
