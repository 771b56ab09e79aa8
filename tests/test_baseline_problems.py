"""Step 5's problem list: priorities by source, one order across KPIs, pain points and goals."""

from __future__ import annotations

import pytest

from crmplan.analysis import PlanAnalysis
from crmplan.baseline.problems import Priority
from crmplan.plan.load import load_bytes

HEAD = "schema_version: 1\nclient:\n  name: Acme\n"


pytestmark = pytest.mark.usefixtures("english")


def listed(text: str) -> list[tuple[str, str, str]]:
    loaded = load_bytes((HEAD + text).encode(), "plan.yaml")
    return [(p.priority.name, p.kind, p.ref) for p in PlanAnalysis(loaded).baseline.problems]


def kpi(kpi_id: str, latest: float, direction: str = "") -> str:
    return (f"  - {{id: {kpi_id}, {direction}baseline: {{value: 50, as_of: 2025-01-01, "
            f"source: CRM}}, target: {{value: 60, by: 2026-01-01}}, "
            f"snapshots: [{{date: 2025-07-02, value: {latest}}}]}}\n")


def test_kpis_by_status_and_none_on_track() -> None:
    text = "kpis:\n" + kpi("retention_rate", 55) + kpi("conversion_rate", 54) + kpi(
        "repeat_purchase_rate", 51) + "  - {id: csat}\n"
    assert listed(text) == [("HIGH", "kpi", "repeat_purchase_rate"),
                            ("MEDIUM", "kpi", "conversion_rate"), ("MEDIUM", "kpi", "csat")]


def test_a_reached_target_is_no_problem() -> None:
    assert listed("kpis:\n" + kpi("retention_rate", 61)) == []


def journey(pains: list[tuple[str, int]], emotion: dict[str, int] | None = None,
            kpis: dict[str, str] | None = None) -> str:
    lines = ["journeys:", "  - id: j", "    name: J", "    touchpoints:"]
    for tp, _severity in pains:
        extra = "".join([f", emotion: {emotion[tp]}" if emotion and tp in emotion else "",
                         f", kpis: [{kpis[tp]}]" if kpis and tp in kpis else ""])
        lines.append(f"      - {{id: {tp}, name: {tp}, stage: purchase, channel: web{extra}}}")
    lines.append("    pain_points:")
    lines += [f"      - {{id: p_{tp}, touchpoint: {tp}, description: Pain at {tp}, "
              f"severity: {severity}}}" for tp, severity in pains]
    return "\n".join(lines) + "\n"


def test_a_pain_points_priority_follows_its_severity() -> None:
    assert listed(journey([("a", 1), ("b", 3), ("c", 5), ("d", 4)])) == [
        ("HIGH", "pain_point", "c"), ("HIGH", "pain_point", "d"),
        ("MEDIUM", "pain_point", "b"), ("LOW", "pain_point", "a")]


def test_a_kpi_off_track_raises_its_touchpoints_pain_points() -> None:
    text = "kpis:\n" + kpi("retention_rate", 51) + journey(
        [("a", 3), ("b", 1)], kpis={"a": "retention_rate", "b": "retention_rate"})
    assert [p for p in listed(text) if p[1] == "pain_point"] == [
        ("HIGH", "pain_point", "a"), ("MEDIUM", "pain_point", "b")]


def test_pain_points_of_one_priority_keep_the_journey_maps_order() -> None:
    """The customer's worse emotion at 'b' puts it before 'a', as the journey map ranks them."""
    text = journey([("a", 3), ("b", 3)], emotion={"a": 1, "b": -2})
    assert listed(text) == [("MEDIUM", "pain_point", "b"), ("MEDIUM", "pain_point", "a")]


def test_within_a_priority_kpis_come_before_pain_points_and_goals() -> None:
    text = ("kpis:\n" + kpi("retention_rate", 54) + journey([("a", 3)]) +
            "goals:\n  smart:\n    - {id: g, statement: Keep, kpi: retention_rate}\n")
    kinds = [(p, k) for p, k, _r in listed(text)]
    assert kinds[:2] == [("MEDIUM", "kpi"), ("MEDIUM", "pain_point")]
    assert {k for p, k in kinds[2:]} == {"goal"}
    assert all(p == Priority.MEDIUM.name for p, _k in kinds)
