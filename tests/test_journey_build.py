"""What the journey map carries into every output (crmplan.journey.build, .coverage, .data):
each field of each view, the pain points' scores part by part, and the gaps' rules.

tests/test_journey.py walks through the behaviours a consultant sees; these tests pin the
whole view of one journey with every field filled, so that a field dropped or swapped on
its way to the map, the memo or the deck fails here first.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from crmplan import i18n
from crmplan.analysis import PlanAnalysis
from crmplan.journey import labels, rules
from crmplan.journey.build import chosen, mean, only
from crmplan.journey.coverage import coverage, researched, stages
from crmplan.journey.data import CurvePoint, JourneyReport, KpiLink, PersonaView, SegmentRef
from crmplan.kpi.progress import TrackStatus
from crmplan.model.base import Evidence
from crmplan.plan.load import LoadedPlan
from test_journey import NPS, journey, loaded, touchpoint

pytestmark = pytest.mark.usefixtures("english")

# _TouchpointTest is a type alias: only mypy reads its parameters.
# equivalent mutant: journey/coverage.py _TouchpointTest__ast_1 — type alias, read by mypy only
# A journey without a persona looks up None, which no persona id is; the index that ends the
# sort keys only restates the plan's order, which sorted() keeps anyway (it is stable).
# equivalent mutant: journey/build.py x__journey__mutmut_50 — personas.get(None) is None
# equivalent mutant: journey/build.py x__pain_points__mutmut_20 — stable sort keeps plan order
# equivalent mutant: journey/build.py x__opportunities__mutmut_11 — stable sort keeps plan order

PERSONAS = [
    {
        "id": "p1",
        "name": "Busy VIP",
        "description": "Buys twice a year",
        "segment": "vip",
        "goals": ["Save time"],
        "needs": ["Fast delivery"],
        "pain_points": ["Waiting"],
        "decision_process": "Compares two shops",
        "channels": ["web", "email"],
        "evidence": ["assumed", "interview"],
    },
    {"id": "p2", "name": "Lapsed buyer", "evidence": ["assumed"]},
]
JOURNEY = {
    "id": "j",
    "name": "VIP journey",
    "persona": "p1",
    "segment": "vip",
    "stages": [
        {"id": "find", "name": "Find", "description": "Looks around"},
        {"id": "buy", "name": "Buy"},
        {"id": "keep", "name": "Keep"},
    ],
    "touchpoints": [
        {
            "id": "ad",
            "name": "Ad",
            "stage": "find",
            "channel": "web",
            "customer_goal": "See offers",
            "thoughts": "Is it for me?",
            "emotion": -1,
            "emotion_to_be": 1,
            "barriers": ["Slow page"],
            "owner": "Kim",
            "kpis": ["nps"],
            "evidence": "survey",
            "evidence_note": "Q1 survey",
        },
        {
            "id": "pay",
            "name": "Pay",
            "stage": "buy",
            "channel": "in_person",
            "emotion": -2,
            "barriers": ["Queue", "Card refused"],
            "owner": "Lee",
            "evidence": "assumed",
        },
        {
            "id": "mail",
            "name": "Mail",
            "stage": "buy",
            "channel": "email",
            "emotion": 1,
            "emotion_to_be": 2,
            "kpis": ["nps", "nps"],
        },
    ],
    "pain_points": [
        {
            "id": "slow",
            "touchpoint": "ad",
            "description": "Page is slow",
            "severity": 2,
            "evidence": "analytics",
        },
        {"id": "queue", "touchpoint": "pay", "description": "Long queue", "severity": 4},
        {"id": "spam", "touchpoint": "mail", "description": "Too many mails", "severity": 1},
    ],
    "opportunities": [
        {
            "id": "tills",
            "description": "More tills",
            "pain_point": "queue",
            "impact": 3,
            "effort": 4,
            "status": "done",
        },
        {
            "id": "cache",
            "description": "Faster page",
            "touchpoint": "ad",
            "pain_point": "slow",
            "impact": 4,
            "effort": 2,
            "status": "planned",
            "owner": "Kim",
        },
        {
            "id": "digest",
            "description": "Weekly digest",
            "touchpoint": "mail",
            "impact": 2,
            "effort": 1,
        },
    ],
}
SEGMENTS = [{"id": "vip", "name": "VIP", "definition": "Top spenders"}]


def plan() -> LoadedPlan:
    return loaded(JOURNEY, personas=PERSONAS, segments=SEGMENTS)


def report(source: LoadedPlan | None = None) -> JourneyReport:
    return PlanAnalysis(source or plan()).journeys


# -- the map --------------------------------------------------------------------------------


def test_the_journey_names_its_persona_and_segment_and_where_it_is_written() -> None:
    source = plan()
    journey = report(source).journeys[0]
    assert (journey.id, journey.name, journey.segment) == (
        "j",
        "VIP journey",
        SegmentRef("vip", "VIP"),
    )
    assert journey.persona == report(source).personas[0]
    assert journey.location == source.location(("journeys", 0))


def test_every_field_of_a_touchpoint() -> None:
    source = plan()
    ad, pay, mail = report(source).journeys[0].touchpoints
    link = KpiLink("nps", "Net promoter score (NPS)", TrackStatus.TOO_EARLY, 100.0, 1 + 2,
                   PlanAnalysis(source).kpis[0], "USD")
    assert (
        ad.id,
        ad.name,
        ad.stage,
        ad.channel,
        ad.customer_goal,
        ad.thoughts,
        ad.emotion,
        ad.emotion_to_be,
        ad.barriers,
        ad.owner,
        ad.kpis,
        ad.evidence,
        ad.researched,
        ad.evidence_note,
        ad.pain_points,
        ad.opportunities,
    ) == (
        "ad",
        "Ad",
        "find",
        "web",
        "See offers",
        "Is it for me?",
        -1,
        1,
        ("Slow page",),
        "Kim",
        (link,),
        "survey",
        True,
        "Q1 survey",
        ("slow",),
        ("cache",),
    )
    assert (
        pay.channel,
        pay.owner,
        pay.kpis,
        pay.evidence,
        pay.researched,
        pay.pain_points,
        pay.opportunities,
        pay.customer_goal,
        pay.evidence_note,
    ) == ("in_person", "Lee", (), "assumed", False, ("queue",), (), None, None)
    assert (mail.kpis, mail.evidence, mail.researched, mail.opportunities) == (
        (link, link),
        None,
        False,
        ("digest",),
    )
    assert [t.location for t in (ad, pay, mail)] == [
        source.location(("journeys", 0, "touchpoints", n)) for n in range(3)
    ]


def test_a_kpi_with_its_own_name_keeps_it() -> None:
    named = {**NPS, "name": "Store NPS"}
    source = loaded(JOURNEY, personas=PERSONAS, segments=SEGMENTS, kpis=[named])
    assert report(source).journeys[0].touchpoints[0].kpis[0].name == "Store NPS"


def test_every_field_of_a_stage() -> None:
    source = plan()
    find, buy, keep = report(source).journeys[0].stages
    assert (
        find.id,
        find.name,
        find.description,
        find.default,
        find.emotion,
        find.emotion_to_be,
    ) == ("find", "Find", "Looks around", False, -1.0, 1.0)
    assert [t.id for t in buy.touchpoints] == ["pay", "mail"]
    assert (buy.emotion, buy.emotion_to_be) == (-0.5, 0.0)  # pay keeps -2 when not redesigned
    assert (keep.touchpoints, keep.emotion, keep.emotion_to_be) == ((), None, None)
    assert [s.location for s in (find, buy, keep)] == [
        source.location(("journeys", 0, "stages", n)) for n in range(3)
    ]


def test_the_curve_runs_through_the_stages_in_order() -> None:
    assert report().journeys[0].curve() == (
        CurvePoint("find", "ad", "Ad", -1, 1),
        CurvePoint("buy", "pay", "Pay", -2, None),
        CurvePoint("buy", "mail", "Mail", 1, 2),
    )


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1, 2], 1.5),
        ([-2], -2.0),
        ([None, 1], 1.0),
        ([], None),
        ([2, 2, 1], 1.67),
        ([0, 0, 1], 0.33),
    ],
)
def test_mean(values: list[int | None], expected: float | None) -> None:
    assert mean(values) == expected


# -- pain points: ranked by their score, part by part ------------------------------------


def test_every_field_of_a_pain_point_and_its_score() -> None:
    source = plan()
    pains = report(source).journeys[0].pain_points
    # queue: severity 4 x 2, emotion -2 gives 4, two barriers, no KPI counts as no data (1)
    # slow: 2 x 2, emotion -1 gives 2, one barrier, nps too early (1) with 100% to go (2)
    # spam: 1 x 2, emotion 1 gives nothing, no barrier, the worse of its KPIs (3)
    assert [(p.rank, p.id, p.score, p.score.total) for p in pains] == [
        (1, "queue", rules.PainScore(8, 4, 2, 1), 15),
        (2, "slow", rules.PainScore(4, 2, 1, 3), 10),
        (3, "spam", rules.PainScore(2, 0, 0, 3), 5),
    ]
    queue, slow, spam = pains
    assert (
        slow.description,
        slow.severity,
        slow.evidence,
        slow.stage_name,
        slow.touchpoint.id,
        slow.opportunities,
    ) == ("Page is slow", 2, "analytics", "Find", "ad", ("cache",))
    assert (queue.evidence, queue.stage_name, queue.opportunities) == (None, "Buy", ("tills",))
    assert spam.opportunities == ()
    assert [p.location for p in (slow, queue, spam)] == [
        source.location(("journeys", 0, "pain_points", n)) for n in range(3)
    ]


@pytest.mark.parametrize(
    ("emotion", "points"), [(-2, 4), (-1, 2), (0, 0), (1, 0), (2, 0), (None, 0)]
)
def test_todays_emotion_adds_points_only_when_it_is_negative(
    emotion: int | None, points: int
) -> None:
    assert rules.pain_score(3, emotion, 0, [0]).emotion == points


@pytest.mark.parametrize(("barriers", "points"), [(0, 0), (2, 2), (3, 3), (4, 3)])
def test_barriers_count_up_to_three(barriers: int, points: int) -> None:
    assert rules.pain_score(3, None, barriers, [0]).barriers == points


@pytest.mark.parametrize(("kpis", "points"), [([], 1), ([0], 0), ([0, 5, 2], 5), ([2, 1], 2)])
def test_the_worst_linked_kpi_counts_and_no_kpi_counts_as_no_data(
    kpis: list[int], points: int
) -> None:
    assert rules.pain_score(3, None, 0, kpis).kpi == points


@pytest.mark.parametrize(
    ("status", "remaining", "points"),
    [
        (TrackStatus.OFF_TRACK, None, 3),
        (TrackStatus.AT_RISK, 10.0, 3),
        (TrackStatus.ON_TRACK, 0.0, 0),
        (TrackStatus.NO_DATA, 25.0, 3),
        (TrackStatus.TOO_EARLY, 9.99, 1),
        (TrackStatus.BASELINE_ONLY, None, 1),
    ],
)
def test_a_linked_kpi_adds_its_heading_and_its_gap(
    status: TrackStatus, remaining: float | None, points: int
) -> None:
    assert rules.kpi_points(status, remaining) == points


def test_equal_scores_keep_the_plans_order() -> None:
    score = rules.PainScore(2, 0, 0, 1)
    assert sorted(
        [
            rules.pain_order(score, 1),
            rules.pain_order(score, 0),
            rules.pain_order(rules.PainScore(4, 0, 0, 1), 2),
        ]
    ) == [(-5, 2), (-3, 0), (-3, 1)]


@pytest.mark.parametrize(("emotion", "score"), [(-2, 1), (0, 3), (2, 5)])
def test_mermaid_draws_emotions_on_its_one_to_five_scale(emotion: int, score: int) -> None:
    assert rules.mermaid_score(emotion) == score


# -- opportunities ---------------------------------------------------------------------------


def test_every_field_of_an_opportunity() -> None:
    source = plan()
    ranked = report(source).journeys[0].opportunities
    assert [(o.rank, o.id, o.quadrant.id, o.open, o.status) for o in ranked] == [
        (1, "cache", "quick_win", True, "planned"),
        (2, "digest", "fill_in", True, "idea"),
        (3, "tills", "reconsider", False, "done"),
    ]
    cache, digest, tills = ranked
    assert (
        cache.description,
        cache.touchpoint,
        cache.pain_point,
        cache.impact,
        cache.effort,
        cache.owner,
    ) == ("Faster page", "ad", "slow", 4, 2, "Kim")
    assert (digest.touchpoint, digest.pain_point, digest.owner) == ("mail", None, None)
    assert [o.location for o in (tills, cache, digest)] == [
        source.location(("journeys", 0, "opportunities", n)) for n in range(3)
    ]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ((5, 1, "idea"), (4, 1, "idea")),  # the larger margin first
        ((5, 2, "idea"), (4, 1, "idea")),  # equal margin: the larger impact first
        ((1, 5, "idea"), (5, 1, "done")),  # open before closed, whatever the quadrant
        ((1, 5, "idea"), (5, 1, "dropped")),
        ((5, 5, "planned"), (3, 1, "in_progress")),
    ],
)  # major project before fill-in
def test_opportunity_order(a: tuple[int, int, str], b: tuple[int, int, str]) -> None:
    from crmplan.model.journey import OpportunityStatus

    first = rules.opportunity_order(a[0], a[1], OpportunityStatus(a[2]), 9)
    second = rules.opportunity_order(b[0], b[1], OpportunityStatus(b[2]), 0)
    assert first < second


# -- personas --------------------------------------------------------------------------------


def test_every_field_of_a_persona() -> None:
    source = plan()
    busy, lapsed = report(source).personas
    assert busy == PersonaView(
        id="p1",
        name="Busy VIP",
        description="Buys twice a year",
        segment="vip",
        goals=("Save time",),
        needs=("Fast delivery",),
        pain_points=("Waiting",),
        decision_process="Compares two shops",
        channels=("web", "email"),
        evidence=("assumed", "interview"),
        researched=True,
        journeys=("j",),
        location=source.location(("personas", 0)),
    )
    assert (lapsed.researched, lapsed.journeys, lapsed.evidence) == (False, (), ("assumed",))
    assert lapsed.location == source.location(("personas", 1))


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        (None, False),
        (Evidence.ASSUMED, False),
        (Evidence.SURVEY, True),
        (Evidence.INTERVIEW, True),
        (Evidence.ANALYTICS, True),
    ],
)
def test_researched(evidence: Evidence | None, expected: bool) -> None:
    assert researched(evidence) is expected


# -- gaps ------------------------------------------------------------------------------------


def test_the_gaps_of_the_full_journey_in_rule_order() -> None:
    source = plan()
    found = report(source).all_findings
    assert [(f.rule.name, f.subject, f.message) for f in found] == [
        ("stage_without_touchpoints", "keep", "stage 'keep' (Keep) has no touchpoint"),
        ("touchpoint_without_owner", "mail", "touchpoint 'mail' (Mail) has no owner"),
        ("touchpoint_without_kpi", "pay", "touchpoint 'pay' (Pay) is measured by no KPI"),
        (
            "touchpoint_without_evidence",
            "mail",
            "touchpoint 'mail' (Mail) does not say where its knowledge comes from",
        ),
        ("touchpoint_assumed", "pay", "touchpoint 'pay' (Pay) is assumed, not researched"),
        (
            "pain_point_without_opportunity",
            "spam",
            "pain point 'spam' is addressed by no opportunity",
        ),
        ("opportunity_without_owner", "digest", "opportunity 'digest' has no owner"),
        ("persona_without_journey", "p2", "persona 'p2' (Lapsed buyer) has no journey"),
    ]
    assert [f.location for f in found] == [
        source.location(path)
        for path in (
            ("journeys", 0, "stages", 2),
            ("journeys", 0, "touchpoints", 2),
            ("journeys", 0, "touchpoints", 1),
            ("journeys", 0, "touchpoints", 2),
            ("journeys", 0, "touchpoints", 1),
            ("journeys", 0, "pain_points", 2),
            ("journeys", 0, "opportunities", 2),
            ("personas", 1),
        )
    ]


def test_a_touchpoint_without_an_emotion_is_a_gap_with_its_own_words() -> None:
    source = loaded(
        {
            **JOURNEY,
            "touchpoints": [*JOURNEY["touchpoints"], touchpoint("calm", "find", emotion=None)],
        },
        personas=PERSONAS,
        segments=SEGMENTS,
    )
    found = [f for f in coverage(source) if f.rule.name == "touchpoint_without_emotion"]
    assert [(f.subject, f.message) for f in found] == [
        ("calm", "touchpoint 'calm' (Touchpoint calm) has no emotion")
    ]


def test_coverage_of_chosen_journeys_leaves_the_personas_out() -> None:
    source = loaded(
        JOURNEY,
        {**JOURNEY, "id": "k", "persona": None, "segment": None},
        personas=PERSONAS,
        segments=SEGMENTS,
    )
    first = coverage(source, [1])[0]
    assert (first.rule.name, first.path, first.message) == (
        "journey_without_customer",
        "journeys[k]",
        "journey 'k' names neither a persona nor a segment",
    )
    assert (first.file, first.line, first.column) == (
        "plan.yaml",
        source.source.key(("journeys", 1)).line,
        source.source.key(("journeys", 1)).column,
    )
    assert first.line != source.source.key(("journeys", 0)).line
    assert "persona_without_journey" not in [f.rule.name for f in coverage(source, [0, 1])]
    assert [f.rule.name for f in coverage(source)][-1] == "persona_without_journey"
    assert coverage(source, []) == ()


def test_default_stages_are_named_in_the_language_and_point_at_the_journey() -> None:
    infos = stages(plan().plan.journeys[0], 0)
    assert [(s.id, s.default, s.path) for s in infos] == [
        ("find", False, ("journeys", 0, "stages", 0)),
        ("buy", False, ("journeys", 0, "stages", 1)),
        ("keep", False, ("journeys", 0, "stages", 2)),
    ]
    bare = loaded(
        {**JOURNEY, "stages": [], "touchpoints": [], "pain_points": [], "opportunities": []},
        personas=PERSONAS,
        segments=SEGMENTS,
    )
    infos = stages(bare.plan.journeys[0], 3)
    assert infos[0] == ("awareness", "Awareness", None, True, ("journeys", 3))


def test_a_report_without_some_rules_keeps_the_others() -> None:
    full = report()
    kept = full.without(
        frozenset(
            {f.rule.code for f in full.all_findings if f.rule.name == "persona_without_journey"}
        )
    )
    assert [f.rule.name for f in kept.all_findings] == [
        f.rule.name for f in full.all_findings if f.rule.name != "persona_without_journey"
    ]
    assert kept.findings == () and kept.journeys[0].findings == full.journeys[0].findings
    assert full.without(frozenset()) == full
    assert replace(full, findings=()).all_findings == full.journeys[0].findings


def test_a_journey_rule_left_out_leaves_each_journey_without_it() -> None:
    full = report()
    assumed = next(f.rule for f in full.all_findings if f.rule.name == "touchpoint_assumed")
    kept = full.without(frozenset({assumed.code}))
    assert [f.rule.name for f in kept.journeys[0].findings] == [
        f.rule.name for f in full.journeys[0].findings if f.rule != assumed
    ]
    assert len(kept.journeys[0].findings) == len(full.journeys[0].findings) - 1
    assert kept.findings == full.findings


def test_the_plan_name_and_selection_of_the_whole_report() -> None:
    full = report()
    assert (full.plan, full.selected) == ("plan.yaml", None)


def test_one_journey_chosen_keeps_the_plans_name() -> None:
    source = loaded(JOURNEY, {**JOURNEY, "id": "k"}, personas=PERSONAS, segments=SEGMENTS)
    one = only(source, report(source), "k")
    assert (one.plan, one.selected, [j.id for j in one.journeys]) == ("plan.yaml", "k", ["k"])
    assert (chosen(source, None), chosen(source, "k")) == ([0, 1], [1])


# -- a KPI beside its touchpoint reads as in the strategy's gap table ---------------------------

CONVERSION = {"id": "conversion_rate", "name": "Consultation to treatment",
              "baseline": {"value": 42, "as_of": "2025-06-30", "source": "EMR"},
              "target": {"value": 50, "by": "2026-12-31"},
              "snapshots": [{"date": "2026-03-31", "value": 44.5}]}
VALUE = {"id": "clv", "name": "Lifetime value", "unit": "currency", "direction": "higher",
         "baseline": {"value": 316_000, "as_of": "2025-03-31", "source": "ERP"},
         "target": {"value": 360_000, "by": "2027-06-30"},
         "snapshots": [{"date": "2026-03-31", "value": 331_200}]}


@pytest.mark.parametrize(("kpi", "lang", "expected"), [
    # a rate's gap is in points, as the gap table writes it, never a share of the rate
    (CONVERSION, "en", "Consultation to treatment (off track, +5.5 pts to go)"),
    (CONVERSION, "ko", "Consultation to treatment(목표 미달 예상, 목표까지 +5.5%p)"),
    (CONVERSION, "zh", "Consultation to treatment（偏离目标，距目标还差+5.5个百分点）"),
    # money as the figures are written: whole dollars beside $331,200
    (VALUE, "en", "Lifetime value (at risk, +$28,800 to go)"),
    # the target passed: the status alone, no gap
    ({**NPS, "snapshots": [{"date": "2026-03-01", "value": 41}]}, "en",
     "Net promoter score (NPS) (on track)"),
])
def test_a_touchpoints_kpi_gives_the_gap_of_the_strategys_table(
        kpi: dict[str, object], lang: str, expected: str) -> None:
    source = loaded(journey(touchpoints=[touchpoint("tp", kpis=[kpi["id"]])]), kpis=[kpi])
    link = report(source).journeys[0].stages[0].touchpoints[0].kpis[0]
    with i18n.language(lang):
        assert labels.kpi(link, by_name=True) == expected
