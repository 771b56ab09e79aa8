"""Generate large, valid plans for the benchmarks (deterministic: the same size gives the same
text).

    python benchmarks/generate_plan.py --bytes 1048000 > /tmp/big-plan.yaml
    python benchmarks/generate_plan.py --task-force 1000 > /tmp/task-force.yaml
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


# Six default criteria (the matrix reads four of them) and two of the plan's own.
CRITERIA = ("short_term_profit", "speed", "customer_interest", "explosive_response",
            "long_term_value", "data_availability", "margin", "fit")
SHORT_CRITERIA = tuple("abcdefgh")


def task_force(segments: int, members: int = 10, short: bool = False) -> str:
    """A plan whose task force of ``members`` scores ``segments`` segments on 8 criteria.

    Every member scores every segment, except that member 0 skips every 50th
    segment and member 1 leaves out one criterion of every 40th, so the missing-score
    rules have work to do; members agree within one point, except on every 100th
    segment (a disagreement to report). ``short`` uses one-letter criterion ids, so that 1,000
    segments fit in a plan file of at most 1 MiB (the matrix then has only plan
    figures to go by).
    """
    ids = SHORT_CRITERIA if short else CRITERIA
    lines = [HEADER.replace("kpis:\n", "kpis:\n  - {id: repeat_purchase_rate}\n"), "segments:"]
    lines += [f"  - {{id: s{i}, name: S{i}, definition: d, size: {100 + i}, "
              f"contactable_pct: {40 + i % 60}, revenue_share_pct: {i % 7 / 10}, "
              f"long_term_value: {100 + i % 300}}}" for i in range(segments)]
    lines += ["task_force:", "  criteria:"]
    lines += [f"  - {{id: {c}, name: {c}, weight: {1 + k % 3 / 2}}}" for k, c in enumerate(ids)]
    lines += ["  members:", *[f"  - {{id: m{m}, name: M{m}}}" for m in range(members)]]
    lines.append("  scores:")
    for i in range(segments):
        for m in range(members):
            if m == 0 and i % 50 == 0:
                continue
            scores = ", ".join(f"{c}: {_score(i, m, k)}" for k, c in enumerate(ids)
                               if not (m == 1 and i % 40 == 0 and k == 7))
            lines.append(f"  - {{member: m{m}, segment: s{i}, scores: {{{scores}}}}}")
    return "\n".join(lines) + "\n"


def _score(segment: int, member: int, criterion: int) -> int:
    """Members mostly agree (within one point); on every 100th segment one member does not."""
    base = ((segment * 2654435761 + criterion * 40503) % 2**32 >> 16) % 4 + 1  # not periodic
    if segment % 100 == 0 and member == 9 and criterion == 0:
        return 5 if base < 3 else 1
    return base + (segment + member + criterion) % 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bytes", type=int, default=1_040_000)
    parser.add_argument("--task-force", type=int, metavar="SEGMENTS",
                        help="a plan of SEGMENTS segments scored by 10 members on 8 criteria")
    parser.add_argument("--short", action="store_true",
                        help="with --task-force: one-letter criterion ids (fits in 1 MiB)")
    args = parser.parse_args()
    if args.task_force:
        sys.stdout.write(task_force(args.task_force, short=args.short))
    else:
        sys.stdout.write(generate(args.bytes))


if __name__ == "__main__":
    main()
