"""What a review checks beyond the figures (crmplan.review.upkeep): SOP refreshers, feedback
from every level, adjustments after launch, the changes outside the client, journeys
re-walked."""

from __future__ import annotations

import datetime as dt

import pytest

from crmplan.plan.load import load_bytes
from crmplan.review.upkeep import outside_factors, upkeep_findings

pytestmark = pytest.mark.usefixtures("english")

DAY = dt.date(2026, 6, 30)
PLAN = """\
schema_version: 1
client:
  name: Acme
journeys:
  - {id: j, name: J, last_walked: 2025-11-01}
  - {id: k, name: K}
rollout:
  phases:
    - {id: p1, department: Service, start: 2026-01-05, end: 2026-03-31}
  feedback_channels:
    - {id: f, name: Help channel, levels: [frontline]}
sops:
  - {id: s1, title: Intake, last_refresher: 2025-11-15, refresher_every_months: 6}
  - {id: s2, title: Reports, refresher_every_months: 12}
  - {id: s3, title: Consent}
reviews:
  cadence_months: 6
  log:
    - date: 2026-05-20
      external_factors:
        - {kind: technology, change: The EMR vendor opened an API}
"""


def found(text: str, day: dt.date = DAY) -> list[tuple[str, str, str]]:
    loaded = load_bytes(text.encode("utf-8"), "plan.yaml")
    return [(i.location, i.code, i.message) for i in upkeep_findings(loaded, day)]


def test_every_upkeep_gap_is_a_review_finding() -> None:
    assert found(PLAN) == [
        ("plan.yaml:5:22", "CRM844", "journey 'j' was last re-walked on 2025-11-01, more than "
                                     "6 months ago"),
        ("plan.yaml:6:5", "CRM844", "journey 'k' does not say when it was last re-walked"),
        ("plan.yaml:10:3", "CRM841", "no feedback channel hears managers, executives"),
        ("plan.yaml:9:7", "CRM842", "rollout phase 'p1' ended on 2026-03-31 and no adjustment "
                                    "to workflows, data fields or reports is recorded since its "
                                    "launch"),
        ("plan.yaml:13:29", "CRM840", "SOP 's1': refresher training was due on 2026-05-15"),
        ("plan.yaml:14:5", "CRM840", "SOP 's2' has no refresher training on record"),
        ("plan.yaml:19:7", "CRM843", "the review of 2026-05-20 weighed no change in customer "
                                     "expectations, market"),
    ]


KEPT_UP = {
    "last_walked: 2025-11-01}": "last_walked: 2026-04-01}",
    "  - {id: k, name: K}": "  - {id: k, name: K, last_walked: 2026-05-02}",
    "levels: [frontline]": "levels: [frontline, manager, executive]",
    "  feedback_channels:": "  adjustments:\n    - {date: 2026-02-02, area: workflow, "
                            "change: Tickets route by order}\n  feedback_channels:",
    "last_refresher: 2025-11-15": "last_refresher: 2026-02-15",
    "  - {id: s2, title: Reports, refresher_every_months: 12}":
        "  - {id: s2, title: Reports, refresher_every_months: 12, last_refresher: 2026-01-10}",
    "        - {kind: technology, change: The EMR vendor opened an API}":
        "        - {kind: technology, change: The EMR vendor opened an API}\n"
        "        - {kind: customer_expectations, change: Patients book by chat}\n"
        "        - {kind: market, change: A rival opened next door}",
}


def test_a_plan_kept_up_to_date_has_none() -> None:
    text = PLAN
    for old, new in KEPT_UP.items():
        text = text.replace(old, new)
    assert found(text) == []
    loaded = load_bytes(text.encode("utf-8"), "plan.yaml")
    assert [f.kind.value for f in outside_factors(loaded, DAY)] == [
        "technology", "customer_expectations", "market"]
    assert outside_factors(loaded, dt.date(2026, 5, 1)) == ()  # before the review was held


def test_a_monthly_cadence_reads_in_the_singular() -> None:
    text = PLAN.replace("cadence_months: 6", "cadence_months: 1")
    assert found(text)[0] == (
        "plan.yaml:5:22",
        "CRM844",
        "journey 'j' was last re-walked on 2025-11-01, more than 1 month ago",
    )


# -- each check on its boundary ----------------------------------------------------------------


def plan(*sections: str) -> str:
    return "schema_version: 1\nclient:\n  name: Acme\n" + "".join(sections)


def messages(text: str, day: dt.date = DAY) -> list[str]:
    return [message for _, _, message in found(text, day)]


JOURNEY = "journeys:\n  - {id: j, name: J, last_walked: 2025-12-31}\n"


@pytest.mark.parametrize(
    ("reviews", "day", "late"),
    [
        ("", dt.date(2026, 6, 30), False),  # six months by default: due exactly today
        ("", dt.date(2026, 7, 1), True),
        ("reviews: {cadence_months: 3}\n", dt.date(2026, 3, 31), False),
        ("reviews: {cadence_months: 3}\n", dt.date(2026, 4, 1), True),
    ],
)
def test_a_journey_is_due_a_re_walk_a_cadence_after_the_last(
    reviews: str, day: dt.date, late: bool
) -> None:
    months = 3 if reviews else 6
    expected = [
        f"journey 'j' was last re-walked on 2025-12-31, more than {months} months ago"
    ]
    assert messages(plan(JOURNEY, reviews), day) == (expected if late else [])


def test_every_level_heard_is_no_finding_and_each_level_missing_is_named() -> None:
    channel = "rollout:\n  feedback_channels:\n    - {id: f, name: Desk, levels: [%s]}\n"
    assert messages(plan(channel % "frontline, manager, executive")) == []
    assert messages(plan(channel % "manager")) == [
        "no feedback channel hears frontline staff, executives"]
    assert messages(plan(channel % "frontline, manager")) == [
        "no feedback channel hears executives"]
    assert messages(plan("rollout:\n  feedback_channels: []\n")) == [
        "no feedback channel hears frontline staff, managers, executives"]
    assert messages(plan()) == []  # no rollout yet: nothing to hear


PHASES = """\
rollout:
  phases:
    - {id: p2, department: Sales, start: 2026-04-01, end: 2026-05-31}
    - {id: p1, department: Service, start: 2026-01-05, end: 2026-03-31}
    - {id: p3, department: Shop, start: 2026-06-01, end: 2026-06-30}
  feedback_channels:
    - {id: f, name: Desk, levels: [frontline, manager, executive]}
"""


@pytest.mark.parametrize(
    ("adjusted", "day", "expected"),
    [
        (None, dt.date(2026, 3, 31), []),  # the first phase ends today: not ended yet
        (None, dt.date(2026, 4, 1), ["p1", "2026-03-31"]),
        ("2026-01-04", dt.date(2026, 4, 1), ["p1", "2026-03-31"]),  # before its launch
        ("2026-01-05", dt.date(2026, 4, 1), []),  # on the day it launched
        ("2026-03-31", DAY, []),  # the earliest phase to end is the one that counts
    ],
)
def test_an_ended_phase_needs_an_adjustment_since_its_launch(
    adjusted: str | None, day: dt.date, expected: list[str]
) -> None:
    text = PHASES
    if adjusted:
        text = text.replace(
            "  feedback_channels:",
            f"  adjustments:\n    - {{date: {adjusted}, area: workflow, change: Routing}}\n"
            "  feedback_channels:",
        )
    wanted = [
        f"rollout phase '{expected[0]}' ended on {expected[1]} and no adjustment to workflows, "
        "data fields or reports is recorded since its launch"
    ] if expected else []
    assert messages(plan(text), day) == wanted


def test_a_phase_without_a_start_counts_from_its_end() -> None:
    text = PHASES.replace("start: 2026-01-05, ", "").replace(
        "  feedback_channels:",
        "  adjustments:\n    - {date: 2026-03-30, area: report, change: A new report}\n"
        "  feedback_channels:",
    )
    assert messages(plan(text), dt.date(2026, 4, 1)) == [
        "rollout phase 'p1' ended on 2026-03-31 and no adjustment to workflows, data fields or "
        "reports is recorded since its launch"
    ]
    assert messages(plan(text.replace("2026-03-30", "2026-03-31")), dt.date(2026, 4, 1)) == []


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 5, 15), []),  # the refresher falls due today
        (dt.date(2026, 5, 16), ["SOP 's1': refresher training was due on 2026-05-15"]),
    ],
)
def test_a_refresher_is_overdue_the_day_after_it_falls_due(
    day: dt.date, expected: list[str]
) -> None:
    sops = (
        "sops:\n  - {id: s1, title: Intake, last_refresher: 2025-11-15, "
        "refresher_every_months: 6}\n  - {id: s3, title: Consent, last_refresher: 2020-01-01}\n"
    )
    assert messages(plan(sops), day) == expected


REVIEWS = """\
reviews:
  log:
    - date: 2026-05-20
      external_factors:
        - {kind: technology, change: An API}
        - {kind: customer_expectations, change: Chat}
        - {kind: market, change: A rival}
    - date: 2026-02-01
      external_factors:
        - {kind: market, change: Prices fell}
"""


def test_the_last_review_held_is_the_one_that_must_weigh_the_outside() -> None:
    """The log is not in date order: the review of 2026-05-20 is the last one."""
    assert messages(plan(REVIEWS), dt.date(2026, 5, 20)) == []  # held today
    assert messages(plan(REVIEWS), dt.date(2026, 5, 19)) == [
        "the review of 2026-02-01 weighed no change in technology, customer expectations"
    ]
    assert messages(plan(REVIEWS), dt.date(2026, 1, 31)) == []  # none held yet
    loaded = load_bytes(plan(REVIEWS).encode("utf-8"), "plan.yaml")
    assert [(f.kind.value, f.change) for f in outside_factors(loaded, dt.date(2026, 5, 19))] == [
        ("market", "Prices fell")
    ]


def test_of_two_phases_ending_the_same_day_the_first_in_the_plan_counts() -> None:
    text = """\
rollout:
  phases:
    - {id: late, department: Sales, start: 2026-02-01, end: 2026-03-31}
    - {id: early, department: Service, start: 2026-01-05, end: 2026-03-31}
  adjustments:
    - {date: 2026-01-20, area: workflow, change: Routing}
  feedback_channels:
    - {id: f, name: Desk, levels: [frontline, manager, executive]}
"""
    assert messages(plan(text)) == [
        "rollout phase 'late' ended on 2026-03-31 and no adjustment to workflows, data fields or "
        "reports is recorded since its launch"
    ]


def test_every_sop_with_a_cadence_is_checked_whatever_comes_before_it() -> None:
    sops = """\
sops:
  - {id: s0, title: Consent, last_refresher: 2020-01-01}
  - {id: s1, title: Intake, refresher_every_months: 6}
  - {id: s2, title: Reports, last_refresher: 2025-11-15, refresher_every_months: 6}
"""
    assert messages(plan(sops)) == [
        "SOP 's1' has no refresher training on record",
        "SOP 's2': refresher training was due on 2026-05-15",
    ]


def test_each_upkeep_finding_says_how_to_fix_it() -> None:
    loaded = load_bytes(PLAN.encode("utf-8"), "plan.yaml")
    hints = {(i.code, i.message.split("'")[1] if "'" in i.message else ""): i.hint
             for i in upkeep_findings(loaded, DAY)}
    walk = "walk it again with the people who run it, and set 'last_walked:'"
    refresher = "hold one and set 'last_refresher:'"
    assert hints == {
        ("CRM844", "j"): walk,
        ("CRM844", "k"): walk,
        ("CRM841", ""): "give a channel the levels it hears: "
        "'levels: [frontline, manager, executive]'",
        ("CRM842", "p1"): "record what was changed after launch, and why, under "
        "rollout.adjustments",
        ("CRM840", "s1"): refresher,
        ("CRM840", "s2"): refresher,
        ("CRM843", ""): "record what changed outside the client under the review's "
        "'external_factors:'",
    }
