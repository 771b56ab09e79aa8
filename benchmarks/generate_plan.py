"""Generate large, valid plans for the benchmarks (deterministic: the same size gives the same
text).

    python benchmarks/generate_plan.py --bytes 1048000 > /tmp/big-plan.yaml
"""

from __future__ import annotations

import argparse
import sys

HEADER = """schema_version: 1
client:
  name: Benchmark Retail Co.
  industry: retail
  language: en
  currency: USD
kpis:
"""


def kpi(index: int, snapshots: int) -> str:
    lines = [
        f"  - id: custom_kpi_{index}",
        f"    name: Custom KPI number {index}",
        "    unit: percent",
        "    direction: higher",
        "    definition:",
        "      counts: Customers who did the measured thing in the period",
        "      period: month",
        "      source_system: CRM export",
        "    baseline: {value: 40.5, as_of: 2025-01-31, source: CRM export}",
        "    target: {value: 55, by: 2027-12-31}",
        "    snapshots:",
    ]
    for month in range(snapshots):
        year, mon = 2025 + (month + 1) // 12, (month + 1) % 12 + 1
        lines.append(f"      - {{date: {year}-{mon:02d}-01, value: {40 + month % 10}.5, "
                     f"source: monthly report}}")
    return "\n".join(lines) + "\n"


def journey(touchpoints: int) -> str:
    lines = ["journeys:", "  - id: main", "    name: Main journey", "    touchpoints:"]
    stages = ["awareness", "consideration", "purchase", "retention", "advocacy"]
    for index in range(touchpoints):
        lines += [
            f"      - id: tp_{index}",
            f"        name: \"Touchpoint {index}: \\\"quoted\\\" and # hash\"",
            f"        stage: {stages[index % 5]}",
            "        channel: web",
            "        customer_goal: Find the answer quickly",
            f"        emotion: {index % 5 - 2}",
            "        owner: Service team",
            "        kpis: [custom_kpi_0]",
            "        evidence: survey",
        ]
    return "\n".join(lines) + "\n"


def segments(count: int) -> str:
    lines = ["segments:"]
    for index in range(count):
        lines += [
            f"  - id: seg_{index}",
            f"    name: Segment {index}",
            "    definition: Customers with two or more orders in the last year",
            f"    size: {1000 + index}",
            "    contactable_pct: 72.5",
            "    offers:",
            f"      - id: offer_{index}",
            "        product: Seasonal bundle",
            "        payment_terms: Pay in three instalments",
        ]
    return "\n".join(lines) + "\n"


def journey_plan(touchpoints: int) -> str:
    """A valid plan whose one journey has ``touchpoints`` touchpoints in flow style (to stay
    under the 1 MiB plan cap), a pain point and an opportunity for every tenth, personas
    and KPIs for them to link to; every coverage rule finds something."""
    stages = ["awareness", "consideration", "purchase", "retention", "advocacy"]
    evidence = ["survey", "interview", "analytics", "assumed"]
    lines = [HEADER.rstrip("\n"), kpi(0, 6).rstrip("\n"), kpi(1, 1).rstrip("\n"),
             "personas:", "  - {id: p_main, name: Main persona, goals: [Quick answers]}",
             "  - {id: p_other, name: Persona without a journey}",
             "journeys:", "  - id: main", "    name: Main journey", "    persona: p_main",
             "    touchpoints:"]
    for index in range(touchpoints):
        owner = "" if index % 7 == 0 else ", owner: Team"
        lines.append(
            f"      - {{id: tp_{index}, name: \"TP {index}: 상담 #{index % 9}\", "
            f"stage: {stages[index % 5]}, channel: web, emotion: {index % 5 - 2}, "
            f"emotion_to_be: {min(2, index % 5 - 1)}{owner}, "
            f"kpis: [custom_kpi_{index % 2}], evidence: {evidence[index % 4]}, "
            "barriers: [Slow]}")
    lines.append("    pain_points:")
    lines += [f"      - {{id: pp_{i}, touchpoint: tp_{i * 10}, description: Waits, "
              f"severity: {i % 5 + 1}}}" for i in range(touchpoints // 10)]
    lines.append("    opportunities:")
    lines += [f"      - {{id: op_{i}, description: Faster, pain_point: pp_{i}, "
              f"impact: {i % 5 + 1}, effort: {(i * 3) % 5 + 1}"
              + ("" if i % 3 == 0 else ", owner: Kim") + "}" for i in range(touchpoints // 10)]
    return "\n".join(lines) + "\n"


def generate(target_bytes: int, snapshots: int = 24) -> str:
    """A valid plan of at least ``target_bytes`` (KPIs, then segments and a journey)."""
    text = HEADER + kpi(0, snapshots)
    tail = segments(200) + journey(2000)
    index = 1
    while len(text.encode()) + len(tail.encode()) < target_bytes:
        text += kpi(index, snapshots)
        index += 1
    return text + tail


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bytes", type=int, default=1_040_000)
    args = parser.parse_args()
    sys.stdout.write(generate(args.bytes))


if __name__ == "__main__":
    main()
