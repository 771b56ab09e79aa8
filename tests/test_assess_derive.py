"""The facts an assessment derives from a plan (crmplan.assess.derive).

The seed rule turns on two of them: ``touchpoints_organized`` (the touchpoints are
listed stage by stage, each with an owner) and ``improvement_standards`` (the KPIs have
baselines and targets). Each fact is pinned here on small plans: its status exactly on
the thresholds where it changes, and the evidence lines (``file:line:col`` and the words)
the consultant reads.
"""

from __future__ import annotations

import datetime as dt

import pytest

from crmplan.analysis import PlanAnalysis
from crmplan.assess.derive import derive_facts
from crmplan.assess.facts import Fact, Status
from crmplan.i18n import language
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


def test_every_fact_is_filed_under_its_own_id() -> None:
    text = journey(2, owned=1) + kpis((True, False)) + segments((100, 80)) + conditions(True)
    facts = derived(text)
    assert len(facts) > 40
    assert [(key, fact.id) for key, fact in facts.items() if fact.id != key] == []


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


ON_THRESHOLDS = [
    (fact, knob, count, expected)
    for fact, knob, yes, partly in SHARES
    for count, expected in [(yes, YES), (yes - 1, PARTLY), (partly, PARTLY), (partly - 1, NO)]
]


@pytest.mark.parametrize(
    ("fact", "knob", "count", "expected"),
    ON_THRESHOLDS,
    ids=[f"{fact}-{count}-of-10" for fact, _k, count, _e in ON_THRESHOLDS],
)
def test_a_touchpoint_share_is_yes_and_partly_exactly_from_its_thresholds(
    fact: str, knob: str, count: int, expected: Status
) -> None:
    assert status(journey(10, **{knob: count}), fact) is expected


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
    ("good", "expected"), [(5, YES), (4, YES), (3, PARTLY), (2, PARTLY), (1, NO), (0, NO)]
)
@pytest.mark.parametrize("fact", ["kpi_baselines", "kpi_targets"])
def test_a_kpi_share_is_yes_from_four_in_five_and_partly_from_two_in_five(
    fact: str, good: int, expected: Status
) -> None:
    rows = [
        (n < good or fact == "kpi_targets", n < good or fact == "kpi_baselines") for n in range(5)
    ]
    assert status(kpis(*rows), fact) is expected


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


@pytest.mark.parametrize(
    ("lang", "yes", "no"),
    [
        ("ko", "통합 고객 뷰: 구축 완료", "통합 고객 뷰: 미구축"),
        ("zh", "统一客户视图：已实现", "统一客户视图：未实现"),
    ],
)
def test_the_single_customer_view_is_said_as_built_or_not_in_the_clients_language(
    lang: str, yes: str, no: str
) -> None:
    # "yes" and "no" of a single customer view have words of their own, not a bare yes or no
    said = {}
    for view in ("true", "false"):
        with language(lang):
            said[view] = evidence(
                f"strategy:\n  data_handling: {{single_customer_view: {view}}}\n",
                "single_customer_view",
            )
    assert said == {"true": [f"plan.yaml:5:19 {yes}"], "false": [f"plan.yaml:5:19 {no}"]}


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


# -- the decision: criteria, exclusions, alignment, speed, staff and materials -------------


@pytest.mark.parametrize(
    ("criteria", "expected", "proof"),
    [
        ("{essential: [a, b], optional: [c]}", YES, "2 essential and 1 optional criteria written"),
        (
            "{essential: [a, b], optional: []}",
            PARTLY,
            "2 essential and 0 optional criteria written",
        ),
        ("{essential: [], optional: [c]}", PARTLY, "0 essential and 1 optional criteria written"),
        ("{essential: [], optional: []}", NO, "0 essential and 0 optional criteria written"),
    ],
)
def test_criteria_are_separated_when_both_essential_and_optional_ones_are_written(
    criteria: str, expected: Status, proof: str
) -> None:
    text = f"assessment:\n  criteria: {criteria}\n"
    assert (status(text, "criteria_separated"), evidence(text, "criteria_separated")) == (
        expected,
        [f"plan.yaml:5:3 {proof}"],
    )


def test_no_criteria_written_is_no() -> None:
    assert evidence("", "criteria_separated") == [
        "plan.yaml:1:1 0 essential and 0 optional criteria written"
    ]
    assert status("", "criteria_separated") is NO


def conditions(*confirmed: bool | None) -> str:
    """Exclusion conditions c1..cN: confirmed and applying (True), confirmed and not
    applying (None), not confirmed (False); one line each from line 6."""
    lines = ["assessment:", "  exclusion_conditions:"]
    for n, state in enumerate(confirmed, 1):
        said = {True: "confirmed: true, applies: true", None: "confirmed: true", False: ""}[state]
        lines.append(f"    - {{description: Condition {n}, excludes: journey, {said}}}")
    return "\n".join(lines).replace(", }", "}") + "\n"


@pytest.mark.parametrize(
    ("confirmed", "expected"),
    [((True, None), YES), ((True, False), PARTLY), ((False, False), NO)],
)
def test_exclusions_are_confirmed_only_when_every_condition_is(
    confirmed: tuple[bool | None, ...], expected: Status
) -> None:
    assert status(conditions(*confirmed), "exclusions_confirmed") is expected


def test_each_exclusion_condition_says_what_became_of_it() -> None:
    assert evidence(conditions(True, None, False), "exclusions_confirmed") == [
        "plan.yaml:5:3 2 of 3 exclusion conditions confirmed",
        "plan.yaml:6:7 confirmed, applies: Condition 1",
        "plan.yaml:7:7 confirmed, does not apply: Condition 2",
        "plan.yaml:8:7 not confirmed yet: Condition 3",
    ]


@pytest.mark.parametrize(
    ("text", "where"), [("", "1:1"), ("assessment:\n  bottlenecks: [Approvals wait]\n", "4:1")]
)
def test_no_exclusion_condition_identified_is_no(text: str, where: str) -> None:
    assert (status(text, "exclusions_confirmed"), evidence(text, "exclusions_confirmed")) == (
        NO,
        [f"plan.yaml:{where} no exclusion condition has been identified"],
    )


def smart_goals(total: int, linked: int) -> str:
    """SMART goals g1..gN; the first ``linked`` serve a business goal (odd) or an obstacle."""
    lines = ["goals:", "  obstacles: [{id: churn, description: Customers leave}]", "  smart:"]
    for n in range(1, total + 1):
        link = ""
        if n <= linked:
            link = ", business_goal: Grow revenue" if n % 2 else ", obstacles: [churn]"
        lines.append(f"    - {{id: g{n}, statement: Goal {n}{link}}}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("linked", "expected"), [(5, YES), (4, YES), (3, PARTLY), (2, PARTLY), (1, NO), (0, NO)]
)
def test_goals_are_aligned_from_four_in_five_partly_from_two_in_five(
    linked: int, expected: Status
) -> None:
    text = smart_goals(5, linked)
    assert status(text, "business_goals_aligned") is expected
    assert evidence(text, "business_goals_aligned") == [
        f"plan.yaml:6:3 {linked} of 5 SMART goals name the business goal or obstacle they serve"
    ]


def test_without_smart_goals_alignment_is_the_consultants_answer() -> None:
    fact = derived(stated("business_goals_aligned", "partly"))["business_goals_aligned"]
    assert (fact.status, fact.derived, [p.text for p in fact.proofs]) == (
        PARTLY,
        None,
        ["assessment.business_goals_aligned: partly (asked the team)"],
    )


@pytest.mark.parametrize(
    ("speed", "expected"),
    [("fast", YES), ("moderate", PARTLY), ("slow", NO), ("unknown", UNKNOWN)],
)
def test_decision_speed_is_the_consultants_answer(speed: str, expected: Status) -> None:
    text = f"assessment:\n  decision_speed: {{answer: {speed}, note: board meets monthly}}\n"
    assert (status(text, "decision_speed"), evidence(text, "decision_speed")) == (
        expected,
        [f"plan.yaml:5:3 assessment.decision_speed: {speed} (board meets monthly)"],
    )
    bare = f"assessment:\n  decision_speed: {{answer: {speed}}}\n"
    assert evidence(bare, "decision_speed") == [f"plan.yaml:5:3 assessment.decision_speed: {speed}"]


def test_decision_speed_not_stated_is_unknown_without_evidence() -> None:
    fact = derived("")["decision_speed"]
    assert (fact.status, fact.proofs) == (UNKNOWN, ())


MANAGER = "engagement:\n  internal_manager: {name: Park}\n"
MATERIALS = "assessment:\n  materials: [Last year's CRM report, Call logs]\n"


@pytest.mark.parametrize(
    ("text", "expected", "proof"),
    [
        (MANAGER + MATERIALS, YES, "4:1 internal execution manager: Park; materials gathered: 2"),
        (MANAGER, PARTLY, "4:1 internal execution manager: Park; materials gathered: 0"),
        (MATERIALS, PARTLY, "1:1 internal execution manager: none named; materials gathered: 2"),
        (
            "engagement:\n  executive_sponsor: {name: Lee}\n",
            NO,
            "4:1 internal execution manager: none named; materials gathered: 0",
        ),
        ("", NO, "1:1 internal execution manager: none named; materials gathered: 0"),
    ],
)
def test_staff_and_materials_need_an_internal_manager_and_the_clients_materials(
    text: str, expected: Status, proof: str
) -> None:
    assert (status(text, "staff_and_materials"), evidence(text, "staff_and_materials")) == (
        expected,
        [f"plan.yaml:{proof}"],
    )


@pytest.mark.parametrize(("answer", "expected"), [("no", NO), ("partly", PARTLY), ("yes", YES)])
def test_a_stated_answer_on_staff_and_materials_can_only_lower_what_the_plan_shows(
    answer: str, expected: Status
) -> None:
    text = MANAGER + MATERIALS.replace("assessment:\n", stated("staff_and_materials", answer))
    fact = derived(text)["staff_and_materials"]
    assert (fact.status, fact.stated, fact.derived) == (expected, Status[answer.upper()], expected)


# -- the organization ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "proof"),
    [
        (
            "engagement:\n  executive_sponsor: {name: Lee}\n",
            UNKNOWN,
            "plan.yaml:4:1 executive sponsor: Lee",
        ),
        (
            "engagement:\n  internal_manager: {name: Park}\n",
            NO,
            "plan.yaml:4:1 executive sponsor: none named",
        ),
        ("", NO, "plan.yaml:1:1 executive sponsor: none named"),
    ],
)
def test_without_a_sponsor_there_is_no_executive_support_with_one_the_answer_decides(
    text: str, expected: Status, proof: str
) -> None:
    assert (status(text, "executive_support"), evidence(text, "executive_support")) == (
        expected,
        [proof],
    )
    answered = derived(stated("executive_support", "partly") + text)["executive_support"]
    assert answered.status is (PARTLY if expected is UNKNOWN else NO)


@pytest.mark.parametrize(
    ("phases", "expected", "proof"),
    [
        (
            "[{id: p1, department: Sales}, {id: p2, department: Service}]",
            YES,
            "the rollout goes department by department",
        ),
        (
            "[{id: p1, department: Sales}, {id: p2, department: Sales}]",
            NO,
            "no rollout across departments is planned",
        ),
        ("[]", NO, "no rollout across departments is planned"),
    ],
)
def test_a_rollout_goes_across_at_least_two_departments(
    phases: str, expected: Status, proof: str
) -> None:
    text = f"rollout:\n  phases: {phases}\n"
    assert (status(text, "rollout_by_department"), evidence(text, "rollout_by_department")) == (
        expected,
        [f"plan.yaml:4:1 {proof}"],
    )


@pytest.mark.parametrize(
    ("fact", "field", "item", "yes", "no"),
    [
        (
            "trainings_planned",
            "trainings",
            "{id: t, audience: agents, topic: CRM}",
            "trainings are planned",
            "no training is planned",
        ),
        (
            "feedback_channels",
            "feedback_channels",
            "{id: f, name: Weekly huddle}",
            "feedback channels exist",
            "no feedback channel exists",
        ),
    ],
)
def test_trainings_and_feedback_channels_are_planned_or_not(
    fact: str, field: str, item: str, yes: str, no: str
) -> None:
    planned = f"rollout:\n  {field}: [{item}]\n"
    empty = f"rollout:\n  {field}: []\n"
    assert (status(planned, fact), evidence(planned, fact)) == (YES, [f"plan.yaml:4:1 {yes}"])
    assert (status(empty, fact), evidence(empty, fact)) == (NO, [f"plan.yaml:4:1 {no}"])
    assert status("", fact) is NO


def test_a_cross_functional_team_is_only_ever_the_consultants_answer() -> None:
    assert derived("")["cross_functional_team"].status is UNKNOWN
    fact = derived(stated("cross_functional_team", "partly"))["cross_functional_team"]
    assert (fact.status, fact.derived) == (PARTLY, None)


# -- the customers and the operations ------------------------------------------------------


def personas(*evidences: str) -> str:
    lines = ["personas:"]
    for n, said in enumerate(evidences, 1):
        lines.append(
            f"  - {{id: p{n}, name: P{n}" + (f", evidence: [{said}]" if said else "") + "}"
        )
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("researched", "expected"), [(5, YES), (4, YES), (3, PARTLY), (2, PARTLY), (1, NO)]
)
def test_personas_rest_on_research_from_four_in_five_partly_from_two_in_five(
    researched: int, expected: Status
) -> None:
    text = personas(*["interview"] * researched, *["assumed"] * (5 - researched))
    assert (status(text, "personas_researched"), evidence(text, "personas_researched")) == (
        expected,
        [f"plan.yaml:4:1 {researched} of 5 personas rest on research"],
    )


def test_a_persona_is_researched_by_any_evidence_but_assumed_alone_or_none() -> None:
    text = personas("assumed, survey", "assumed", "")
    assert evidence(text, "personas_researched") == [
        "plan.yaml:4:1 1 of 3 personas rest on research"
    ]
    assert evidence("", "personas_researched") == ["plan.yaml:1:1 0 of 0 personas rest on research"]
    assert status("", "personas_researched") is NO


def sops(total: int, owned: int) -> str:
    lines = ["sops:"]
    for n in range(1, total + 1):
        lines.append(
            f"  - {{id: s{n}, title: SOP {n}" + (", owner: Kim" if n <= owned else "") + "}"
        )
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("owned", "expected"), [(5, YES), (4, YES), (3, PARTLY), (2, PARTLY), (1, NO)]
)
def test_sops_are_owned_from_four_in_five_partly_from_two_in_five(
    owned: int, expected: Status
) -> None:
    text = sops(5, owned)
    assert (status(text, "sops_owned"), evidence(text, "sops_owned")) == (
        expected,
        [f"plan.yaml:4:1 {owned} of 5 SOPs have an owner"],
    )


def test_no_sop_is_no_owned_sop() -> None:
    assert (status("", "sops_owned"), evidence("", "sops_owned")) == (
        NO,
        ["plan.yaml:1:1 0 of 0 SOPs have an owner"],
    )


def test_reviews_held_and_bottlenecks_known_are_present_or_not() -> None:
    text = "reviews: {log: [{date: 2026-03-01}, {date: 2026-06-01}]}\n"
    text += "assessment:\n  bottlenecks: [Approvals wait for the director]\n"
    assert (status(text, "reviews_held"), evidence(text, "reviews_held")) == (
        YES,
        ["plan.yaml:4:1 2 reviews are logged"],
    )
    assert status(text, "bottlenecks_known") is YES
    assert evidence("", "reviews_held") == ["plan.yaml:1:1 no review is logged yet"]
    assert evidence("", "bottlenecks_known") == [
        "plan.yaml:1:1 no operational bottleneck is written down"
    ]
    assert status("", "reviews_held") is status("", "bottlenecks_known") is NO


@pytest.mark.parametrize(
    ("offers", "expected"),
    [(("o1", "o2"), YES), (("o1", ""), NO), ((), NO)],
)
def test_every_segment_needs_an_offer(offers: tuple[str, ...], expected: Status) -> None:
    lines = ["segments:"]
    for n, offer in enumerate(offers, 1):
        made = f", offers: [{{id: {offer}, product: Care}}]" if offer else ""
        lines.append(f"  - {{id: s{n}, name: S{n}, definition: d{made}}}")
    text = "\n".join(lines) + "\n" if offers else ""
    proof = "every segment has an offer" if expected is YES else "not every segment has an offer"
    where = "4:1" if offers else "1:1"
    assert (status(text, "offers_per_segment"), evidence(text, "offers_per_segment")) == (
        expected,
        [f"plan.yaml:{where} {proof}"],
    )


def test_what_customers_want_is_known_once_a_touchpoint_records_it() -> None:
    text = journey(2).replace("channel: web}", "channel: web, customer_goal: Book fast}", 1)
    assert (status(text, "customer_goals_known"), evidence(text, "customer_goals_known")) == (
        YES,
        ["plan.yaml:4:1 touchpoints record what the customer wants, stage by stage"],
    )
    assert evidence(journey(2), "customer_goals_known") == [
        "plan.yaml:4:1 no touchpoint records what the customer wants"
    ]
    assert status(journey(2), "customer_goals_known") is NO


def test_what_customers_pay_is_known_from_a_spending_kpi_when_no_offer_states_it() -> None:
    text = (
        f"kpis:\n  - {{id: retention_rate, {BASELINE}}}\n  - {{id: avg_order_value, {BASELINE}}}\n"
    )
    assert (status(text, "prices_known"), evidence(text, "prices_known")) == (
        YES,
        ["plan.yaml:6:27 KPI 'avg_order_value' has a baseline"],
    )
    assert status("kpis:\n  - {id: avg_order_value}\n", "prices_known") is NO


def test_the_first_offer_with_payment_terms_is_the_one_cited() -> None:
    text = (
        "segments:\n  - {id: a, name: A, definition: d, offers: [{id: o1, product: Care}]}\n"
        "  - {id: b, name: B, definition: d, offers: [{id: o2, product: Care}, "
        "{id: o3, product: Cure, payment_terms: Monthly}, {id: o4, product: X, "
        "payment_terms: Yearly}]}\n"
    )
    assert evidence(text, "prices_known") == [
        "plan.yaml:6:95 offer 'o3' of segment 'b' states its payment terms"
    ]


def test_a_single_stage_and_a_single_touchpoint_are_judged_like_any_other() -> None:
    text = journey(1, owned=1)
    assert evidence(text, "stages_mapped") == ["plan.yaml:4:1 1 of 1 stages have touchpoints"]
    assert evidence(text, "touchpoint_owners") == ["plan.yaml:4:1 1 of 1 touchpoints have an owner"]
    assert status(text, "touchpoints_organized") is YES


def test_touchpoints_of_the_same_id_in_two_journeys_are_each_cited() -> None:
    second = journey(1).replace("journeys:\n", "").replace("id: vip", "id: web")
    text = journey(1) + second.replace("VIP journey", "Web journey")
    assert evidence(text, "touchpoint_owners") == [
        "plan.yaml:4:1 0 of 2 touchpoints have an owner",
        "plan.yaml:10:9 touchpoint 't1' (Touchpoint 1) has no owner",
        "plan.yaml:16:9 touchpoint 't1' (Touchpoint 1) has no owner",
    ]


def test_a_segment_nobody_can_be_contacted_in_is_cited_at_zero() -> None:
    text = segments((200, 0))
    assert (status(text, "contactable_data"), evidence(text, "contactable_data")) == (
        NO,
        [
            "plan.yaml:4:1 0% of segment customers can be contacted individually",
            "plan.yaml:5:50 segment 's1': 0% can be contacted individually",
        ],
    )


def test_data_readiness_shows_two_lines_of_each_part_at_most() -> None:
    text = segments((300, 90), (100, 30), (100, 20)) + kpis((True, True))
    assert [p.text for p in derived(text)["data_readiness"].proofs] == [
        "64% of segment customers can be contacted individually",
        "segment 's2': 30% can be contacted individually",
        "1 of 1 KPIs have a source system",
        "single customer view: not stated",
    ]


def test_nothing_says_what_customers_pay_without_payment_terms_or_a_spending_baseline() -> None:
    text = "segments:\n  - {id: a, name: A, definition: d, offers: [{id: o1, product: Care}]}\n"
    assert (status(text, "prices_known"), evidence(text, "prices_known")) == (
        NO,
        ["plan.yaml:4:1 nothing says what customers pay"],
    )


def test_value_binds_with_a_long_term_value_and_a_retention_baseline() -> None:
    text = (
        f"kpis:\n  - {{id: avg_order_value, {BASELINE}}}\n  - {{id: churn_rate, {BASELINE}}}\n"
        "segments:\n  - {id: a, name: A, definition: d}\n"
        "  - {id: b, name: B, definition: d, long_term_value: 1200}\n"
    )
    assert (status(text, "value_binds"), evidence(text, "value_binds")) == (
        YES,
        [
            "plan.yaml:9:37 segment 'b' states its long-term value",
            "plan.yaml:6:22 KPI 'churn_rate' has a baseline",
        ],
    )
    without_value = text.replace(", long_term_value: 1200", "")
    assert (status(without_value, "value_binds"), evidence(without_value, "value_binds")) == (
        NO,
        [
            "plan.yaml:7:1 no segment states its long-term value",
            "plan.yaml:6:22 KPI 'churn_rate' has a baseline",
        ],
    )
    without_retention = text.replace(f"  - {{id: churn_rate, {BASELINE}}}\n", "")
    assert (
        status(without_retention, "value_binds"),
        evidence(without_retention, "value_binds"),
    ) == (
        NO,
        [
            "plan.yaml:8:37 segment 'b' states its long-term value",
            "plan.yaml:4:1 no retention, churn or repeat-purchase KPI has a baseline",
        ],
    )


def test_what_must_be_recent_is_judged_on_the_day_given() -> None:
    text = (
        "reviews: {cadence_months: 6}\njourneys:\n  - {id: j, name: J, last_walked: 2026-01-15}\n"
    )
    loaded = load_bytes((HEAD + text).encode(), "plan.yaml")
    on_the_day = derive_facts(loaded, [], dt.date(2026, 6, 30))["journeys_rewalked"]
    a_year_on = derive_facts(loaded, [], dt.date(2027, 1, 31))["journeys_rewalked"]
    assert (on_the_day.status, a_year_on.status) == (YES, NO)


def test_a_kpi_named_its_own_way_counts_as_the_catalogue_kpi_it_is() -> None:
    text = f"kpis:\n  - {{id: guest_score, catalogue: csat, {BASELINE}}}\n"
    assert status(text, "satisfaction_measured") is YES


@pytest.mark.parametrize(
    ("fact", "proof"),
    [
        ("stages_mapped", "no journey is mapped yet"),
        ("touchpoint_owners", "no touchpoint is mapped yet"),
        ("kpi_baselines", "no KPI is defined yet"),
        ("kpi_targets", "no KPI is defined yet"),
    ],
)
def test_an_empty_list_in_the_plan_is_cited_where_it_is_written(fact: str, proof: str) -> None:
    text = "journeys: []\n" if "KPI" not in proof else "kpis: []\n"
    assert (status(text, fact), evidence(text, fact)) == (NO, [f"plan.yaml:4:1 {proof}"])
