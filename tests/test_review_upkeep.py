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
