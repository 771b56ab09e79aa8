"""The facts an assessment derives from a plan (crmplan.assess.derive).

The seed rule turns on two of them: ``touchpoints_organized`` (the touchpoints are
listed stage by stage, each with an owner) and ``improvement_standards`` (the KPIs have
baselines and targets). Each fact is pinned here on small plans: its status exactly on
the thresholds where it changes, and the evidence lines (``file:line:col`` and the words)
the consultant reads.
"""

from __future__ import annotations

import pytest

from crmplan.analysis import PlanAnalysis
from crmplan.assess.derive import derive_facts
from crmplan.assess.facts import Fact, Status
from crmplan.plan.load import load_bytes

pytestmark = pytest.mark.usefixtures("english")

HEAD = "schema_version: 1\nclient:\n  name: Acme\n"  # three lines: a plan's text starts at 4
NO, PARTLY, YES, UNKNOWN = Status.NO, Status.PARTLY, Status.YES, Status.UNKNOWN
BASELINE = "baseline: {value: 10, as_of: 2026-01-01, source: CRM}"
TARGET = "target: {value: 12, by: 2026-12-31}"


def derived(text: str) -> dict[str, Fact]:
    """Every fact of the plan ``HEAD + text``, with the journey map's gaps as assess has them."""
    loaded = load_bytes((HEAD + text).encode(), "plan.yaml")
    analysis = PlanAnalysis(loaded)
    gaps = [gap for journey in analysis.journeys.journeys for gap in journey.findings]
    return derive_facts(loaded, gaps, analysis.on)


def status(text: str, fact: str) -> Status:
    return derived(text)[fact].status


def evidence(text: str, fact: str) -> list[str]:
    return [f"{p.location} {p.text}" for p in derived(text)[fact].proofs]


def journey(
    touchpoints: int = 0,
    *,
    stages: int = 1,
    mapped: int = 0,
    owned: int = 0,
    researched: int = 0,
    assumed: int = 0,
    measured: int = 0,
    felt: int = 0,
) -> str:
    """One journey: ``stages`` stages s1..sN, ``touchpoints`` touchpoints spread over the
    first ``mapped`` stages (all when 0); the first ``owned`` have an owner, the first
    ``researched`` researched evidence and the next ``assumed`` assumed evidence, the
    first ``measured`` a KPI, the first ``felt`` an emotion. Line 4 is ``journeys:``,
    the stages are lines 8.., the touchpoints follow ``touchpoints:``."""
    lines = ["journeys:", "  - id: vip", "    name: VIP journey", "    stages:"]
    lines += [f"      - {{id: s{n}, name: Stage {n}}}" for n in range(1, stages + 1)]
    if touchpoints:
        lines.append("    touchpoints:")
    spread = mapped or stages
    for n in range(1, touchpoints + 1):
        parts = [f"id: t{n}", f"name: Touchpoint {n}", f"stage: s{(n - 1) % spread + 1}"]
        parts += ["channel: web", *(["owner: Kim"] if n <= owned else [])]
        if n <= researched:
            parts.append("evidence: interview")
        elif n <= researched + assumed:
            parts.append("evidence: assumed")
        parts += [*(["kpis: [retention_rate]"] if n <= measured else [])]
        parts += [*(["emotion: 1"] if n <= felt else [])]
        lines.append("      - {" + ", ".join(parts) + "}")
    kpi = ["kpis:", f"  - {{id: retention_rate, {BASELINE}, {TARGET}}}"] if measured else []
    return "\n".join(lines + kpi) + "\n"


def kpis(*rows: tuple[bool, bool]) -> str:
    """KPIs k1..kN, one line each after ``kpis:`` (line 4): (has a baseline, has a target)."""
    lines = ["kpis:"]
    for n, (baseline, target) in enumerate(rows, 1):
        parts = [
            f"id: k{n}",
            "unit: count",
            "direction: higher",
            *([BASELINE] if baseline else []),
            *([TARGET] if target else []),
        ]
        lines.append("  - {" + ", ".join(parts) + "}")
    return "\n".join(lines) + "\n"


def stated(name: str, answer: str) -> str:
    return f"assessment:\n  {name}: {{answer: {answer}, note: asked the team}}\n"


# -- the journey: stages and touchpoints ---------------------------------------------------


@pytest.mark.parametrize(("mapped", "expected"), [(4, YES), (3, PARTLY), (2, PARTLY), (1, NO)])
def test_every_stage_must_have_a_touchpoint_half_of_them_is_partly(
    mapped: int, expected: Status
) -> None:
    assert status(journey(mapped, stages=4, mapped=mapped), "stages_mapped") is expected


def test_the_unmapped_stages_are_cited_up_to_six_after_the_count() -> None:
    text = journey(1, stages=8, mapped=1)
    assert evidence(text, "stages_mapped") == [
        "plan.yaml:4:1 1 of 8 stages have touchpoints",
        *(f"plan.yaml:{7 + n}:9 stage 's{n}' (Stage {n}) has no touchpoint" for n in range(2, 8)),
    ]


def test_no_journey_is_no_stage_mapped() -> None:
    assert (status("", "stages_mapped"), evidence("", "stages_mapped")) == (
        NO,
        ["plan.yaml:1:1 no journey is mapped yet"],
    )


def test_a_journey_without_touchpoints_maps_none_of_its_stages() -> None:
    text = journey(stages=2)
    assert (status(text, "stages_mapped"), evidence(text, "stages_mapped")[0]) == (
        NO,
        "plan.yaml:4:1 0 of 2 stages have touchpoints",
    )


SHARES = [
    # fact, the counter, (yes at, partly at): status on and just under each threshold
    ("touchpoint_owners", "owned", 9, 5),
    ("touchpoint_evidence", "researched", 7, 3),
    ("touchpoint_kpis", "measured", 7, 3),
    ("touchpoint_emotions", "felt", 8, 4),
]


@pytest.mark.parametrize(("fact", "knob", "yes", "partly"), SHARES, ids=[s[0] for s in SHARES])
def test_a_touchpoint_share_is_yes_and_partly_exactly_from_its_thresholds(
    fact: str, knob: str, yes: int, partly: int
) -> None:
    statuses = [
        status(journey(10, **{knob: count}), fact)
        for count in (10, yes, yes - 1, partly, partly - 1, 0)
    ]
    assert statuses == [YES, YES, PARTLY, PARTLY, NO, NO]


@pytest.mark.parametrize(
    ("fact", "knob", "what", "missing"),
    [
        ("touchpoint_owners", "owned", "an owner", "has no owner"),
        (
            "touchpoint_evidence",
            "researched",
            "researched evidence",
            "does not say where its knowledge comes from",
        ),
        ("touchpoint_kpis", "measured", "a linked KPI", "is measured by no KPI"),
        ("touchpoint_emotions", "felt", "an emotion", "has no emotion"),
    ],
)
def test_a_touchpoint_share_cites_the_count_then_up_to_six_touchpoints_lacking_it(
    fact: str, knob: str, what: str, missing: str
) -> None:
    text = journey(9, **{knob: 1})
    assert evidence(text, fact) == [
        f"plan.yaml:4:1 1 of 9 touchpoints have {what}",
        *(f"plan.yaml:{9 + n}:9 touchpoint 't{n}' (Touchpoint {n}) {missing}" for n in range(2, 8)),
    ]


def test_assumed_evidence_is_not_researched_evidence() -> None:
    text = journey(2, researched=1, assumed=1)
    assert status(text, "touchpoint_evidence") is PARTLY
    assert evidence(text, "touchpoint_evidence")[1] == (
        "plan.yaml:11:9 touchpoint 't2' (Touchpoint 2) is assumed, not researched"
    )


@pytest.mark.parametrize(
    "fact", ["touchpoint_owners", "touchpoint_evidence", "touchpoint_kpis", "touchpoint_emotions"]
)
def test_without_a_touchpoint_no_share_can_be_judged(fact: str) -> None:
    text = journey(stages=2)
    assert (status(text, fact), evidence(text, fact)) == (
        NO,
        ["plan.yaml:4:1 no touchpoint is mapped yet"],
    )


@pytest.mark.parametrize(
    ("fact", "field", "yes", "no"),
    [
        (
            "pain_points_recorded",
            "pain_points",
            "pain points are recorded",
            "no pain point recorded",
        ),
        (
            "opportunities_recorded",
            "opportunities",
            "opportunities are recorded",
            "no opportunity recorded",
        ),
    ],
)
def test_pain_points_and_opportunities_are_recorded_or_not(
    fact: str, field: str, yes: str, no: str
) -> None:
    bare = journey(1)
    assert (status(bare, fact), evidence(bare, fact)) == (NO, [f"plan.yaml:4:1 {no}"])
    lines = bare.splitlines()
    lines.insert(3, f"    {field}: [{{id: p1, touchpoint: t1, description: Waiting too long}}]")
    recorded = "\n".join(lines) + "\n"
    assert (status(recorded, fact), evidence(recorded, fact)) == (YES, [f"plan.yaml:4:1 {yes}"])


# -- the seed rule's first pillar: touchpoints organized ----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (journey(2, stages=2, owned=2), YES),
        (journey(2, stages=2, owned=1), PARTLY),  # owners partly
        (journey(3, stages=4, mapped=3, owned=3), PARTLY),  # stages partly
        (journey(4, stages=4, mapped=2, owned=4), PARTLY),  # half the stages
        (journey(4, stages=4, mapped=1, owned=4), NO),  # a quarter of the stages
        (journey(4, stages=1, owned=1), NO),  # a quarter of the owners
        (journey(stages=2), NO),  # stages, no touchpoint
    ],
)
def test_touchpoints_are_organized_only_as_far_as_both_stages_and_owners_go(
    text: str, expected: Status
) -> None:
    assert status(text, "touchpoints_organized") is expected


def test_the_organization_of_touchpoints_cites_four_lines_of_stages_and_four_of_owners() -> None:
    text = journey(10, stages=8, mapped=1)
    stages = [
        "plan.yaml:4:1 1 of 8 stages have touchpoints",
        *(f"plan.yaml:{7 + n}:9 stage 's{n}' (Stage {n}) has no touchpoint" for n in (2, 3, 4)),
    ]
    owners = [
        "plan.yaml:4:1 0 of 10 touchpoints have an owner",
        *(
            f"plan.yaml:{16 + n}:9 touchpoint 't{n}' (Touchpoint {n}) has no owner"
            for n in (1, 2, 3)
        ),
    ]
    assert evidence(text, "touchpoints_organized") == [*stages, *owners]


@pytest.mark.parametrize("answer", ["yes", "partly", "no", "unknown"])
def test_without_a_journey_the_consultants_answer_decides_the_first_pillar(answer: str) -> None:
    fact = derived(stated("touchpoints_organized", answer))["touchpoints_organized"]
    assert (fact.status, fact.stated, fact.derived) == (Status[answer.upper()],) * 2 + (None,)
    assert [f"{p.location} {p.text}" for p in fact.proofs] == [
        f"plan.yaml:5:3 assessment.touchpoints_organized: {answer} (asked the team)",
        "plan.yaml:1:1 no journey is mapped yet",
        "plan.yaml:1:1 no touchpoint is mapped yet",
    ]


def test_with_a_journey_the_plan_wins_over_the_consultants_answer() -> None:
    text = stated("touchpoints_organized", "yes") + journey(2, stages=2, owned=0)
    fact = derived(text)["touchpoints_organized"]
    assert (fact.status, fact.stated, fact.derived, fact.contradicted) == (NO, YES, NO, True)
    assert [p.text for p in fact.proofs][:2] == [
        "assessment.touchpoints_organized: yes (asked the team)",
        "2 of 2 stages have touchpoints",
    ]


def test_nothing_known_of_the_touchpoints_is_unknown() -> None:
    fact = derived("")["touchpoints_organized"]
    assert (fact.status, fact.stated, fact.derived) == (UNKNOWN, None, None)


# -- the seed rule's second pillar: a standard for improvement ----------------------------


@pytest.mark.parametrize(
    ("fact", "index"), [("kpi_baselines", 0), ("kpi_targets", 1)], ids=["baselines", "targets"]
)
def test_a_kpi_share_is_yes_from_four_in_five_and_partly_from_two_in_five(
    fact: str, index: int
) -> None:
    def share(good: int) -> Status:
        rows = [(n < good or index == 1, n < good or index == 0) for n in range(5)]
        return status(kpis(*rows), fact)

    assert [share(good) for good in (5, 4, 3, 2, 1, 0)] == [YES, YES, PARTLY, PARTLY, NO, NO]


def test_a_kpi_share_cites_the_count_then_up_to_six_kpis_lacking_it() -> None:
    text = kpis(*[(False, True)] * 8)
    assert evidence(text, "kpi_baselines") == [
        "plan.yaml:4:1 0 of 8 KPIs have a baseline",
        *(f"plan.yaml:{4 + n}:5 KPI 'k{n}' lacks a baseline" for n in range(1, 7)),
    ]
    assert evidence(text, "kpi_targets") == ["plan.yaml:4:1 8 of 8 KPIs have a target"]


@pytest.mark.parametrize("fact", ["kpi_baselines", "kpi_targets", "kpi_sources"])
def test_without_a_kpi_every_kpi_share_is_no(fact: str) -> None:
    assert (status("", fact), evidence("", fact)) == (NO, ["plan.yaml:1:1 no KPI is defined yet"])


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([(True, True)] * 5, YES),
        ([(True, True)] * 4 + [(False, False)], YES),
        ([(True, True)] * 5 + [(True, False)] * 5, PARTLY),  # targets partly
        ([(True, True)] * 5 + [(False, True)] * 5, PARTLY),  # baselines partly
        ([(True, False)] * 5, NO),  # baselines, no target
        ([(False, True)] * 5, NO),  # targets, no baseline
    ],
)
def test_the_standard_for_improvement_is_as_weak_as_baselines_or_targets(
    rows: list[tuple[bool, bool]], expected: Status
) -> None:
    assert status(kpis(*rows), "improvement_standards") is expected


def test_the_standard_for_improvement_cites_four_lines_of_baselines_and_four_of_targets() -> None:
    text = kpis(*[(False, False)] * 5)
    assert evidence(text, "improvement_standards") == [
        "plan.yaml:4:1 0 of 5 KPIs have a baseline",
        *(f"plan.yaml:{4 + n}:5 KPI 'k{n}' lacks a baseline" for n in (1, 2, 3)),
        "plan.yaml:4:1 0 of 5 KPIs have a target",
        *(f"plan.yaml:{4 + n}:5 KPI 'k{n}' lacks a target" for n in (1, 2, 3)),
    ]


@pytest.mark.parametrize("answer", ["yes", "partly", "no"])
def test_without_a_kpi_the_consultants_answer_decides_the_second_pillar(answer: str) -> None:
    fact = derived(stated("improvement_standards", answer))["improvement_standards"]
    assert (fact.status, fact.derived) == (Status[answer.upper()], None)


def test_with_kpis_the_plan_wins_over_the_consultants_answer_on_standards() -> None:
    fact = derived(stated("improvement_standards", "no") + kpis((True, True)))[
        "improvement_standards"
    ]
    assert (fact.status, fact.stated, fact.derived) == (YES, NO, YES)


@pytest.mark.parametrize(
    ("kpi", "expected", "proof"),
    [
        (f"{{id: csat, {BASELINE}}}", YES, "satisfaction (CSAT or NPS) has a baseline"),
        (f"{{id: nps, {BASELINE}}}", YES, "satisfaction (CSAT or NPS) has a baseline"),
        ("{id: csat}", NO, "no satisfaction KPI (CSAT or NPS) with a baseline"),
        (
            f"{{id: retention_rate, {BASELINE}}}",
            NO,
            "no satisfaction KPI (CSAT or NPS) with a baseline",
        ),
    ],
)
def test_satisfaction_is_measured_by_a_csat_or_nps_kpi_with_a_baseline(
    kpi: str, expected: Status, proof: str
) -> None:
    text = f"kpis:\n  - {kpi}\n"
    assert (status(text, "satisfaction_measured"), evidence(text, "satisfaction_measured")) == (
        expected,
        [f"plan.yaml:4:1 {proof}"],
    )


@pytest.mark.parametrize(
    ("kpi", "named"),
    [
        ("{id: csat, definition: {source_system: Zendesk}}", True),
        ("{id: csat, definition: {source_system: none yet}}", False),
        ("{id: csat, baseline: {value: 1, as_of: 2026-01-01, source: Survey tool}}", True),
        ("{id: csat, baseline: {value: 1, as_of: 2026-01-01, source: n/a}}", False),
        ("{id: csat, definition: {counts: scores}}", False),
        ("{id: csat}", False),
    ],
)
def test_a_kpi_names_its_source_in_its_definition_or_its_baseline(kpi: str, named: bool) -> None:
    assert status(f"kpis:\n  - {kpi}\n", "kpi_sources") is (YES if named else NO)


# -- data readiness ------------------------------------------------------------------------


def segments(*rows: tuple[int | None, float | None]) -> str:
    """Segments s1..sN (line 5 on): (size, contactable share in percent)."""
    lines = ["segments:"]
    for n, (size, share) in enumerate(rows, 1):
        parts = [f"id: s{n}", f"name: S{n}", "definition: d"]
        parts += [f"size: {size}"] if size is not None else []
        parts += [f"contactable_pct: {share}"] if share is not None else []
        lines.append("  - {" + ", ".join(parts) + "}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("share", "expected"),
    [(100, YES), (70, YES), (69.5, PARTLY), (40, PARTLY), (39.5, NO), (0, NO)],
)
def test_customers_are_contactable_from_seventy_percent_partly_from_forty(
    share: float, expected: Status
) -> None:
    assert status(segments((200, share)), "contactable_data") is expected


def test_the_contactable_share_weighs_each_segment_by_its_size_and_cites_the_low_ones() -> None:
    text = segments((300, 90), (100, 30), (None, 10), (50, 40), (0, 5))
    assert (status(text, "contactable_data"), evidence(text, "contactable_data")) == (
        YES,  # (270 + 30 + 20) of 450 people: 71.1%
        [
            "plan.yaml:4:1 71.1% of segment customers can be contacted individually",
            "plan.yaml:6:50 segment 's2': 30% can be contacted individually",
        ],
    )


def test_at_most_four_low_segments_are_cited() -> None:
    text = segments(*[(10, 5)] * 6)
    assert evidence(text, "contactable_data")[1:] == [
        f"plan.yaml:{4 + n}:49 segment 's{n}': 5% can be contacted individually"
        for n in (1, 2, 3, 4)
    ]


@pytest.mark.parametrize("text", ["", segments((None, 50), (100, None))])
def test_without_a_segment_of_known_size_and_share_reachability_is_unknown(text: str) -> None:
    assert (status(text, "contactable_data"), evidence(text, "contactable_data")) == (
        UNKNOWN,
        [f"plan.yaml:{4 if text else 1}:1 no segment states its size and contactable share"],
    )


@pytest.mark.parametrize(
    ("view", "expected", "said"),
    [("true", YES, "yes"), ("false", NO, "no")],
)
def test_the_single_customer_view_is_what_the_plan_states(
    view: str, expected: Status, said: str
) -> None:
    text = f"strategy:\n  data_handling: {{single_customer_view: {view}}}\n"
    assert (status(text, "single_customer_view"), evidence(text, "single_customer_view")) == (
        expected,
        [f"plan.yaml:5:19 single customer view: {said}"],
    )


def test_a_single_customer_view_not_stated_is_unknown() -> None:
    text = "strategy:\n  data_handling: {}\n"
    assert (status(text, "single_customer_view"), evidence(text, "single_customer_view")) == (
        UNKNOWN,
        ["plan.yaml:5:3 single customer view: not stated"],
    )


@pytest.mark.parametrize(
    ("fact", "text", "expected", "proof"),
    [
        (
            "data_cleaning",
            "activity_plan:\n  data_management: {cleaning: De-duplicate monthly}\n",
            YES,
            "plan.yaml:5:3 data cleaning is planned",
        ),
        (
            "data_cleaning",
            "activity_plan:\n  data_management: {}\n",
            NO,
            "plan.yaml:5:3 no data cleaning is planned",
        ),
        (
            "privacy_regimes",
            "strategy:\n  privacy: {regimes: [pipa]}\n",
            YES,
            "plan.yaml:5:3 privacy regimes are named",
        ),
        (
            "privacy_regimes",
            "strategy:\n  privacy: {regimes: []}\n",
            NO,
            "plan.yaml:5:3 no privacy regime is named",
        ),
    ],
)
def test_data_cleaning_and_privacy_regimes_are_planned_or_not(
    fact: str, text: str, expected: Status, proof: str
) -> None:
    assert (status(text, fact), evidence(text, fact)) == (expected, [proof])


def test_data_readiness_is_its_weakest_part_and_shows_the_deciding_part_first() -> None:
    text = segments((300, 90), (100, 30)) + kpis((True, True))
    text += "strategy:\n  data_handling: {single_customer_view: false}\n"
    assert (status(text, "data_readiness"), evidence(text, "data_readiness")) == (
        NO,
        [
            "plan.yaml:10:19 single customer view: no",
            "plan.yaml:4:1 75% of segment customers can be contacted individually",
            "plan.yaml:6:50 segment 's2': 30% can be contacted individually",
            "plan.yaml:7:1 1 of 1 KPIs have a source system",
        ],
    )


def test_data_readiness_puts_unknown_parts_last_and_ignores_them() -> None:
    text = segments((100, 50)) + kpis((True, True))
    fact = derived(text)["data_readiness"]
    assert fact.status is PARTLY  # contactable partly, sources yes, the view unknown
    assert [p.text for p in fact.proofs] == [
        "50% of segment customers can be contacted individually",
        "1 of 1 KPIs have a source system",
        "single customer view: not stated",
    ]


def test_data_readiness_with_nothing_known_takes_the_consultants_answer() -> None:
    fact = derived(stated("data_readiness", "partly"))["data_readiness"]
    assert (fact.status, fact.stated) == (NO, PARTLY)  # no KPI is a known "no" source
