"""The journey core (crmplan.journey): the map, coverage gaps, rankings, personas, emotions.

Plans are built in each test as Python data, written as JSON (which is YAML) and
loaded with ``load_bytes``; positions are 1-based ``line:col``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmplan import i18n
from crmplan.analysis import PlanAnalysis
from crmplan.errors import UsageError
from crmplan.journey import rules
from crmplan.journey.build import mean, only
from crmplan.journey.coverage import coverage
from crmplan.journey.data import JourneyMap, JourneyReport
from crmplan.journey.report import SCHEMA, to_data, to_markdown
from crmplan.journey.text import report_lines
from crmplan.kpi.progress import TrackStatus
from crmplan.plan.load import LoadedPlan, load_bytes, load_plan

EXAMPLES = Path(__file__).parents[1] / "examples"
DATE = re.compile(r'"(\d{4}-\d{2}-\d{2})"')
DEFAULT_IDS = ["awareness", "consideration", "purchase", "retention", "advocacy"]


pytestmark = pytest.mark.usefixtures("english")


# -- building plans ---------------------------------------------------------------------


def touchpoint(tp_id: str, stage: str = "awareness", **fields: Any) -> dict[str, Any]:
    """A touchpoint that is complete (owner, KPI, researched evidence, emotion) unless
    ``fields`` override or remove (``None``) a field."""
    found = {"id": tp_id, "name": f"Touchpoint {tp_id}", "stage": stage, "channel": "web",
             "emotion": 0, "owner": "Kim", "kpis": ["nps"], "evidence": "survey", **fields}
    return {k: v for k, v in found.items() if v is not None}


def journey(j_id: str = "j", **fields: Any) -> dict[str, Any]:
    found = {"id": j_id, "name": f"Journey {j_id}", "persona": "p1", **fields}
    return {k: v for k, v in found.items() if v is not None}


NPS = {"id": "nps", "baseline": {"value": 10, "as_of": "2026-01-01", "source": "survey"},
       "target": {"value": 40, "by": "2026-12-31"},
       "snapshots": [{"date": "2026-03-01", "value": 20}]}


def loaded(*journeys: dict[str, Any], personas: list[dict[str, Any]] | None = None,
           kpis: list[dict[str, Any]] | None = None,
           segments: list[dict[str, Any]] | None = None) -> LoadedPlan:
    data: dict[str, Any] = {
        "schema_version": 1, "client": {"name": "Acme", "language": "en"},
        "kpis": [NPS] if kpis is None else kpis,
        "personas": [{"id": "p1", "name": "Busy VIP"}] if personas is None else personas,
        "segments": segments or [], "journeys": list(journeys)}
    return load_bytes(as_yaml(data).encode(), "plan.yaml")


def as_yaml(data: dict[str, Any]) -> str:
    """JSON is YAML; dates are written unquoted so that YAML reads them as dates."""
    return DATE.sub(r"\1", json.dumps(data, indent=2, ensure_ascii=False))


def complete(**fields: Any) -> dict[str, Any]:
    """A journey with a touchpoint in each default stage and nothing missing."""
    return journey(touchpoints=[touchpoint(f"t{n}", stage)
                                for n, stage in enumerate(DEFAULT_IDS)], **fields)


def rules_found(report: JourneyReport) -> list[tuple[str, str]]:
    return [(f.rule.name, f.subject) for f in report.all_findings]


# -- the map ------------------------------------------------------------------------------


def test_default_stages_when_the_journey_lists_none() -> None:
    report = PlanAnalysis(loaded(journey(touchpoints=[touchpoint("t1", "purchase")]))).journeys
    stages = report.journeys[0].stages
    assert [s.id for s in stages] == DEFAULT_IDS
    assert [s.name for s in stages] == ["Awareness", "Consideration", "Purchase", "Retention",
                                        "Advocacy"]
    assert all(s.default for s in stages)
    assert [len(s.touchpoints) for s in stages] == [0, 0, 1, 0, 0]


def test_default_stage_names_follow_the_language() -> None:
    with i18n.language("ko"):
        report = PlanAnalysis(loaded(complete())).journeys
    assert report.journeys[0].stages[0].name == i18n.translations("ko").gettext("Awareness")
    assert report.journeys[0].stages[0].name != "Awareness"


def test_own_stages_keep_their_order_and_touchpoints_keep_the_plan_order() -> None:
    own = [{"id": "first_contact", "name": "First contact"},
           {"id": "consultation", "name": "Consultation", "description": "Talk"}]
    report = PlanAnalysis(loaded(journey(stages=own, touchpoints=[
        touchpoint("b", "consultation"), touchpoint("a", "first_contact"),
        touchpoint("c", "consultation")]))).journeys
    stages = report.journeys[0].stages
    assert [(s.id, [t.id for t in s.touchpoints]) for s in stages] == [
        ("first_contact", ["a"]), ("consultation", ["b", "c"])]
    assert stages[1].description == "Talk" and not stages[1].default
    assert [p.touchpoint for p in report.journeys[0].curve()] == ["a", "b", "c"]


def test_to_be_against_as_is_per_touchpoint_and_per_stage() -> None:
    report = PlanAnalysis(loaded(journey(touchpoints=[
        touchpoint("a", emotion=-2, emotion_to_be=1),
        touchpoint("b", emotion=0),  # not redesigned: the designed journey keeps 0
        touchpoint("c", emotion=None, emotion_to_be=2),
        touchpoint("d", emotion=None)]))).journeys
    stage = report.journeys[0].stages[0]
    assert [(t.emotion, t.emotion_to_be, t.designed) for t in stage.touchpoints] == [
        (-2, 1, 1), (0, None, 0), (None, 2, 2), (None, None, None)]
    assert stage.emotion == -1.0  # mean of -2 and 0; unknown emotions are left out
    assert stage.emotion_to_be == 1.0  # mean of 1, 0 and 2
    empty = report.journeys[0].stages[1]
    assert (empty.emotion, empty.emotion_to_be) == (None, None)


def test_mean_rounds_to_two_decimals() -> None:
    assert mean([-1, -1, 0]) == -0.67
    assert mean([None, None]) is None


def test_touchpoints_show_their_pain_points_opportunities_and_researched_evidence() -> None:
    report = PlanAnalysis(loaded(journey(
        touchpoints=[touchpoint("a"), touchpoint("b", evidence="assumed")],
        pain_points=[{"id": "pp1", "touchpoint": "a", "description": "Slow"}],
        opportunities=[{"id": "op1", "description": "Faster", "touchpoint": "a",
                        "pain_point": "pp1", "owner": "Lee"}]))).journeys
    a, b = report.journeys[0].touchpoints
    assert (a.pain_points, a.opportunities, a.researched) == (("pp1",), ("op1",), True)
    assert (b.pain_points, b.evidence, b.researched) == ((), "assumed", False)
    assert report.journeys[0].pain_points[0].opportunities == ("op1",)


# -- coverage gaps -----------------------------------------------------------------------


def test_a_complete_journey_has_no_gap() -> None:
    assert rules_found(PlanAnalysis(loaded(complete())).journeys) == []


def test_each_coverage_rule_names_what_is_missing() -> None:
    report = PlanAnalysis(loaded(journey(
        persona=None,
        touchpoints=[touchpoint("no_owner", owner=None), touchpoint("no_kpi", kpis=None),
                     touchpoint("no_evidence", evidence=None),
                     touchpoint("assumed", evidence="assumed"),
                     touchpoint("no_emotion", emotion=None, emotion_to_be=1),
                     touchpoint("t2", "consideration"), touchpoint("t3", "purchase"),
                     touchpoint("t4", "retention")],
        pain_points=[{"id": "pp_open", "touchpoint": "no_owner", "description": "x"},
                     {"id": "pp_done", "touchpoint": "no_kpi", "description": "y"}],
        opportunities=[{"id": "op_fix", "description": "fix", "pain_point": "pp_done"},
                       {"id": "op_done", "description": "d", "status": "done"},
                       {"id": "op_dropped", "description": "d", "status": "dropped"}]))).journeys
    assert rules_found(report) == [
        ("journey_without_customer", "j"),
        ("stage_without_touchpoints", "advocacy"),
        ("touchpoint_without_owner", "no_owner"),
        ("touchpoint_without_kpi", "no_kpi"),
        ("touchpoint_without_evidence", "no_evidence"),
        ("touchpoint_assumed", "assumed"),
        ("touchpoint_without_emotion", "no_emotion"),
        ("pain_point_without_opportunity", "pp_open"),
        ("opportunity_without_owner", "op_fix"),  # done and dropped need no driver
        ("persona_without_journey", "p1"),
    ]
    assert [f.message for f in report.all_findings][:3] == [
        "journey 'j' names neither a persona nor a segment",
        "stage 'advocacy' (Advocacy) has no touchpoint",
        "touchpoint 'no_owner' (Touchpoint no_owner) has no owner"]


def test_a_segment_alone_is_enough_for_a_journey() -> None:
    plan = loaded(complete(persona=None, segment="vip"), personas=[],
                  segments=[{"id": "vip", "name": "VIP", "definition": "Top spenders"}])
    report = PlanAnalysis(plan).journeys
    assert rules_found(report) == []
    assert report.journeys[0].segment is not None
    assert report.journeys[0].segment.name == "VIP"


def test_gaps_point_at_the_plan_lines() -> None:
    text = """\
schema_version: 1
client: {name: Acme}
personas:
  - {id: p1, name: One}
  - {id: p2, name: Two}
journeys:
  - id: j
    name: J
    persona: p1
    stages:
      - {id: s1, name: First}
      - {id: s2, name: Second}
    touchpoints:
      - {id: t1, name: Call, stage: s1, channel: phone, emotion: 1, evidence: staff,
         kpis: []}
"""
    report = PlanAnalysis(load_bytes(text.encode(), "plan.yaml")).journeys
    assert [(f.location, f.rule.name) for f in report.all_findings] == [
        ("plan.yaml:12:9", "stage_without_touchpoints"),
        ("plan.yaml:14:9", "touchpoint_without_owner"),
        ("plan.yaml:14:9", "touchpoint_without_kpi"),
        ("plan.yaml:5:5", "persona_without_journey")]


def test_default_stages_without_touchpoints_point_at_the_journey() -> None:
    report = PlanAnalysis(loaded(journey(touchpoints=[]))).journeys
    where = report.journeys[0].location
    assert where == "plan.yaml:35:5"
    assert [(f.subject, f.location) for f in report.all_findings] == [
        (stage, where) for stage in DEFAULT_IDS]


def test_coverage_can_be_asked_without_building_the_map() -> None:
    plan = loaded(complete(), journey("k", touchpoints=[touchpoint("x", owner=None)]))
    assert coverage(plan) == PlanAnalysis(plan).journeys.all_findings
    # 4 stages, 1 owner, all of journey k
    assert [f.path.split(".")[0] for f in coverage(plan, [1])] == ["journeys[k]"] * 5


# -- personas and several journeys --------------------------------------------------------


def test_personas_link_to_their_journeys() -> None:
    personas = [{"id": "p1", "name": "One", "goals": ["g"], "needs": ["n"],
                 "pain_points": ["pp"], "decision_process": "compares",
                 "evidence": ["assumed", "interview"]},
                {"id": "p2", "name": "Two", "evidence": ["assumed"]},
                {"id": "p3", "name": "Three"}]
    plan = loaded(complete(), complete(j_id="k"), complete(j_id="m", persona="p2"),
                  personas=personas)
    report = PlanAnalysis(plan).journeys
    assert [(p.id, p.journeys, p.researched) for p in report.personas] == [
        ("p1", ("j", "k"), True), ("p2", ("m",), False), ("p3", (), False)]
    assert report.personas[0].decision_process == "compares"
    assert [j.persona.id for j in report.journeys if j.persona] == ["p1", "p1", "p2"]
    assert rules_found(report) == [("persona_without_journey", "p3")]


def test_one_journey_chosen_keeps_its_persona_and_leaves_out_plan_wide_gaps() -> None:
    plan = loaded(complete(), complete(j_id="k", persona=None),
                  personas=[{"id": "p1", "name": "One"}, {"id": "p9", "name": "Nine"}])
    report = only(plan, PlanAnalysis(plan).journeys, "j")
    assert [j.id for j in report.journeys] == ["j"]
    assert [p.id for p in report.personas] == ["p1"]
    assert report.findings == () and report.selected == "j"
    assert [f.rule.name for f in only(plan, PlanAnalysis(plan).journeys, "k").all_findings] == [
        "journey_without_customer"]


def test_an_unknown_journey_is_a_usage_error_with_a_hint() -> None:
    plan = loaded(complete(j_id="vip_journey"), complete(j_id="new_journey"))
    with pytest.raises(UsageError) as caught:
        only(plan, PlanAnalysis(plan).journeys, "vip_jurney")
    assert caught.value.message == "plan.yaml: no journey 'vip_jurney' in this plan"
    assert caught.value.hint == "did you mean 'vip_journey'?"
    with pytest.raises(UsageError) as caught:
        only(plan, PlanAnalysis(plan).journeys, "zzz")
    assert caught.value.hint == "its journeys: vip_journey, new_journey"
    with pytest.raises(UsageError) as caught:
        only(loaded(), PlanAnalysis(loaded()).journeys, "zzz")
    assert caught.value.hint == "it has no journey yet"


# -- pain points ---------------------------------------------------------------------------


def pain_plan(kpis: list[dict[str, Any]] | None = None) -> LoadedPlan:
    return loaded(journey(
        touchpoints=[touchpoint("calm", emotion=1, kpis=[]),
                     touchpoint("angry", emotion=-2, barriers=["a", "b", "c", "d"]),
                     touchpoint("sad", emotion=-1, barriers=["a"])],
        pain_points=[{"id": "mild_calm", "touchpoint": "calm", "description": "x",
                      "severity": 2},
                     {"id": "severe_calm", "touchpoint": "calm", "description": "x",
                      "severity": 5},
                     {"id": "mild_angry", "touchpoint": "angry", "description": "x",
                      "severity": 2},
                     {"id": "mid_sad", "touchpoint": "sad", "description": "x"}]),
        kpis=kpis)


def test_pain_points_rank_by_severity_emotion_barriers_and_kpi() -> None:
    pains = PlanAnalysis(pain_plan()).journeys.journeys[0].pain_points
    # nps: at 20 of 40 two months after its quarterly baseline: too early to judge, which
    # counts as no data (1), and 100% to go (2)
    assert [(p.rank, p.id, p.score.severity, p.score.emotion, p.score.barriers, p.score.kpi,
             p.score.total) for p in pains] == [
        (1, "mild_angry", 4, 4, 3, 3, 14),  # four barriers count as three
        (2, "mid_sad", 6, 2, 1, 3, 12),
        (3, "severe_calm", 10, 0, 0, 1, 11),  # no KPI counts as no data
        (4, "mild_calm", 4, 0, 0, 1, 5)]


def test_a_kpi_off_track_raises_the_pain_points_it_measures() -> None:
    behind = {**NPS, "snapshots": [{"date": "2026-11-01", "value": 11}]}
    pains = PlanAnalysis(pain_plan([behind])).journeys.journeys[0].pain_points
    link = pains[0].touchpoint.kpis[0]
    assert (link.status, round(link.remaining_pct or 0), link.points) == (
        TrackStatus.OFF_TRACK, 264, 5)
    assert [(p.id, p.score.kpi, p.score.total) for p in pains] == [
        ("mild_angry", 5, 16), ("mid_sad", 5, 14), ("severe_calm", 1, 11), ("mild_calm", 1, 5)]


def test_a_reached_kpi_adds_nothing() -> None:
    done = {**NPS, "snapshots": [{"date": "2026-03-01", "value": 45}]}
    angry = PlanAnalysis(pain_plan([done])).journeys.journeys[0].touchpoints[1]
    link = angry.kpis[0]
    assert (link.status, link.remaining_pct, link.points) == (TrackStatus.ON_TRACK, 0.0, 0)


def test_lower_is_better_kpis_count_the_gap_the_right_way() -> None:
    response = {"id": "avg_response_time",
                "baseline": {"value": 5.0, "as_of": "2026-01-01", "source": "logs"},
                "target": {"value": 2.0, "by": "2026-12-31"}}
    plan = loaded(journey(touchpoints=[touchpoint("t", kpis=["avg_response_time"])]),
                  kpis=[response])
    link = PlanAnalysis(plan).journeys.journeys[0].touchpoints[0].kpis[0]
    assert (link.status, link.remaining_pct) == (TrackStatus.BASELINE_ONLY, 60.0)
    assert link.points == 1 + 2
    assert link.name == "Average response time"  # the catalogue's name, translated


@pytest.mark.parametrize(("remaining", "points"), [
    (None, 0), (0.0, 0), (9.99, 0), (10.0, 1), (24.9, 1), (25.0, 2), (300.0, 2)])
def test_gap_points(remaining: float | None, points: int) -> None:
    assert rules.gap_points(remaining) == points


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 5), st.one_of(st.none(), st.integers(-2, 2)), st.integers(0, 9),
       st.lists(st.integers(0, 5), max_size=4))
def test_a_worse_emotion_or_more_severity_never_lowers_the_score(
        severity: int, emotion: int | None, barriers: int, kpis: list[int]) -> None:
    score = rules.pain_score(severity, emotion, barriers, kpis)
    if severity < 5:
        assert rules.pain_score(severity + 1, emotion, barriers, kpis).total > score.total
    if emotion is not None and emotion > -2:
        assert rules.pain_score(severity, emotion - 1, barriers, kpis).total >= score.total
    assert rules.pain_score(severity, emotion, barriers + 1, kpis).total >= score.total


# -- opportunities ----------------------------------------------------------------------


def test_opportunities_rank_quick_wins_first_and_closed_ones_last() -> None:
    def opp(o_id: str, impact: int, effort: int, status: str = "idea") -> dict[str, Any]:
        return {"id": o_id, "description": o_id, "impact": impact, "effort": effort,
                "owner": "Kim", "status": status}

    plan = loaded(journey(touchpoints=[touchpoint("t")], opportunities=[
        opp("reconsider", 3, 3), opp("fill_in", 2, 1), opp("major", 5, 5),
        opp("done_win", 5, 1, "done"), opp("quick_4_2", 4, 2), opp("quick_5_2", 5, 2),
        opp("quick_5_1", 5, 1, "in_progress"), opp("major_5_3", 5, 3),
        opp("dropped", 1, 1, "dropped"), opp("quick_4_2_again", 4, 2, "planned")]))
    ranked = PlanAnalysis(plan).journeys.journeys[0].opportunities
    assert [(o.rank, o.id, o.quadrant.id, o.open) for o in ranked] == [
        (1, "quick_5_1", "quick_win", True),
        (2, "quick_5_2", "quick_win", True),
        (3, "quick_4_2", "quick_win", True),
        (4, "quick_4_2_again", "quick_win", True),  # a tie keeps the plan's order
        (5, "major_5_3", "major_project", True),
        (6, "major", "major_project", True),
        (7, "fill_in", "fill_in", True),
        (8, "reconsider", "reconsider", True),
        (9, "done_win", "quick_win", False),
        (10, "dropped", "fill_in", False)]


@pytest.mark.parametrize(("impact", "effort", "cell"), [
    (5, 1, "quick_win"), (4, 2, "quick_win"), (4, 3, "major_project"), (5, 5, "major_project"),
    (3, 2, "fill_in"), (1, 1, "fill_in"), (3, 3, "reconsider"), (1, 5, "reconsider")])
def test_quadrants(impact: int, effort: int, cell: str) -> None:
    assert rules.quadrant(impact, effort).id == cell


# -- outputs built from the same data -------------------------------------------------------


def test_json_has_the_schema_and_the_render_data_in_order() -> None:
    data = to_data(PlanAnalysis(pain_plan()).journeys)
    assert data["schema"] == SCHEMA == "crmplan.journey/1"
    assert set(data) == {"schema", "plan", "journey", "journeys", "personas", "findings",
                         "summary"}
    stage = data["journeys"][0]["stages"][0]
    assert [(t["id"], t["emotion"], t["emotion_to_be"]) for t in stage["touchpoints"]] == [
        ("calm", 1, None), ("angry", -2, None), ("sad", -1, None)]
    assert data["journeys"][0]["pain_points"][0]["score"] == {
        "total": 14, "severity": 4, "emotion": 4, "barriers": 3, "kpi": 3}
    assert data["summary"] == {"journeys": 1, "touchpoints": 3, "findings": 9,
                               "findings_by_rule": {"stage_without_touchpoints": 4,
                                                    "touchpoint_without_kpi": 1,
                                                    "pain_point_without_opportunity": 4}}
    json.dumps(data)  # plain data only


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir()))
def test_every_output_of_each_example_is_the_same_twice(example: str) -> None:
    plan = load_plan(EXAMPLES / example)
    first = PlanAnalysis(plan).journeys
    second = PlanAnalysis(load_plan(EXAMPLES / example)).journeys
    assert to_data(first) == to_data(second)
    assert to_markdown(first) == to_markdown(second)
    assert report_lines(first) == report_lines(second)
    assert all(isinstance(j, JourneyMap) for j in first.journeys)


def test_markdown_escapes_plan_text_and_embeds_the_diagram() -> None:
    plan = loaded(journey(name="VIP | <b>journey</b>", touchpoints=[
        touchpoint("t", name="# Call | <img src=x onerror=alert(1)>")]))
    text = to_markdown(PlanAnalysis(plan).journeys)
    assert "<img" not in text.replace("```mermaid", "") and "<b>" not in text
    assert "## Journey: VIP \\| &lt;b&gt;journey&lt;/b&gt; (`j`)" in text.splitlines()
    assert "```mermaid" in text
    assert "      ＃ Call | ＜img src=x onerror=alert(1)＞: 3: As-is" in text.splitlines()
