"""The render context as templates see it: a user's template written against the context
as it was documented before it had types still renders the same, reading fields by
attribute or by key, through filters and tests; and it reaches nothing more than before.

``DOCUMENTED`` is docs/templates.md's table of the context as it was when the context was
made of plain dicts (``where: fields``, a list marked ``[]``): every field of it must still
read the same.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

from conftest import MINIMAL_PLAN
from crmplan.analysis import PlanAnalysis
from crmplan.assess.report import fact_label, to_data
from crmplan.errors import UsageError
from crmplan.i18n import activate
from crmplan.plan.load import load_plan
from crmplan.render.context import build_context, collect_todos
from crmplan.render.environment import environment, render
from crmplan.render.model.base import Todo
from crmplan.render.model.record import Record
from crmplan.render.model.top import RenderContext
from crmplan.render.sandbox import Limits
from render_helpers import EXAMPLES, loaded_example

DOCUMENTED = """\
top level: date, lang, plan_file, todos[]
activity: lead, measurement_loop, todo
activity.change[]: label, text, todo
activity.communication[]: channel, creative, message, script, segment
activity.data[]: label, text, todo
activity.organization[]: by, role, what, who
activity.response_model[]: label, text, todo
activity.roi: assumptions[], expected_return, horizon, investment, multiple, tracking
activity.systems[]: notes, requirement, sourcing
assessment: contradictions[], lead, next_steps[], plan, schema, verification_questions[]
assessment.failure_causes[]: id, title
assessment.failure_causes[].evidence[]: location, text
assessment.inputs: bottlenecks[], essential[], materials[], optional[], recurring_questions[]
assessment.inputs.exclusions[]: description, excludes, note, state
assessment.maturity: stage
assessment.maturity.stages[]: met, name, number
assessment.maturity.stages[].checks[]: fact, label, met, status, status_text
assessment.maturity.stages[].checks[].evidence[]: location, text
assessment.readiness: overall
assessment.readiness.areas[]: id, name, score
assessment.readiness.areas[].checks[]: fact, label, met, status, status_text
assessment.readiness.areas[].checks[].evidence[]: location, text
assessment.recommendation: excluded_options[], id, title
assessment.recommendation.reasons[]: fact, label, met, status, status_text
assessment.recommendation.reasons[].evidence[]: location, text
assessment.selection_criteria[]: number, title
assessment.selection_criteria[].checks[]: fact, label, met, status, status_text
assessment.selection_criteria[].checks[].evidence[]: location, text
baseline: summary
baseline.kpis[]: baseline, definition, id, latest, name, notes, owner, source, status,
    status_key, target, todo
baseline.kpis[].trend: mermaid, svg
client: country, currency, industry, name, website
disclaimer: lead, text, todo
engagement: consultant, firm, manager, period, scope, sponsor
gaps: bars, summary
gaps.problems[]: location, priority, priority_key, source, text
gaps.rows[]: baseline, done, gap, kpi, latest, needed, pace, status, status_key, target
goals: vision_todo
goals.letters[]: letter, name
goals.obstacles[]: description, id, kind
goals.smart[]: business_goal, by, findings[], id, kpi, passed, scope, statement, target
goals.smart[].letters[]: letter, ok
goals.vision[]: label, text
journey_map: lead
journey_map.findings[]: count, title
journey_map.findings[].entries[]: location, message
journey_map.journeys[]: curve, diagram, id, name, persona, segment, stages, touchpoints
journey_map.journeys[].findings[]: count, title
journey_map.journeys[].findings[].entries[]: location, message
journey_map.journeys[].opportunities[]: description, effort, impact, owner, quadrant, rank,
    status
journey_map.journeys[].pains[]: description, opportunities, rank, score, severity, stage,
    touchpoint
journey_map.journeys[].persona_detail: decision_process, description, evidence, goals[], name,
    needs[], pain_points[]
journey_map.journeys[].stage_list[]: description, emotion, name, number
journey_map.journeys[].stage_list[].touchpoints[]: barriers[], channel, emotion, evidence, goal,
    kpis, name, owner, thoughts
journeys[]: curve, diagram, id, name, persona, segment, stages, touchpoints
journeys[].opportunities[]: description, owner, quadrant, rank
journeys[].pains[]: description, rank, severity, stage, touchpoint
review: as_of, lead, overdue, schedule
review.actions[]: due, id, overdue, owner, review, text
review.decisions[]: date, source, summary
review.findings[]: location, message
review.goals[]: goal, statement, status, where
review.kpis[]: change, kpi, latest, name, status, status_key, target, then
review.kpis[].trend: mermaid, svg
review.status_names: at_risk, no_data, off_track, on_track
reviews: schedule
reviews.decisions[]: date, evidence[], rationale, summary
reviews.log[]: date, decisions[], findings[], reviewers
reviews.log[].actions[]: due, owner, status, text
rollout.feedback[]: frequency, name, owner
rollout.phases[]: benefits[], department, number, period, scope
rollout.trainings[]: audience, date, owner, topic
segments: basis, ranking_todo, sensitivity
segments.criteria[]: name, weight
segments.matrix: mermaid, svg, unplaced[]
segments.matrix.placed[]: ease, name, quadrant, value
segments.offers[]: delivery, payment, product, segment, service
segments.personas[]: description, name, segment
segments.ranking[]: max_total, members, name, rank, score, total
segments.rows[]: annual_revenue, consented, contactable, definition, existing, id,
    long_term_value, name, reachable, revenue_share, size
software: scale
software.candidates[]: chosen, cost_note, excluded, first_year, licence, max_total, missing,
    name, rank, scores[], share, share_pct, total, vendor
software.capabilities[]: name, required, weight
software.decision: candidate, date, rationale
software.details[]: demo, name, notes, support, trial
sops[]: area, every, last_reviewed, next_review, owner, steps[], title
steps[]: anchor, lead, name, number, section, title, todo
strategy: budget_note, executive_buy_in, regimes[], single_customer_view, sponsor, summary
strategy.approaches[]: approach, channels, segment
strategy.data_handling[]: label, text, todo
strategy.privacy[]: label, text, todo
strategy.resources[]: label, text, todo
"""
TODO_FIELDS = {"todo", "vision_todo", "ranking_todo"}


def documented() -> list[tuple[list[str], list[str]]]:
    """Each row of ``DOCUMENTED``: the path to an object (``["goals", "smart[]"]``, empty
    for the top level) and its fields (``"letters[]"`` for a list)."""
    rows = []
    for line in DOCUMENTED.replace("\n    ", " ").splitlines():
        where, fields = line.split(": ")
        rows.append(([] if where == "top level" else where.split("."), fields.split(", ")))
    return rows


def reader(keyed: bool) -> str:
    """A template that prints every documented field, reading each by attribute
    (``row.name``) or by key (``row["name"]``), in a loop over every documented list."""
    get = (lambda e, n: f'{e}["{n}"]') if keyed else (lambda e, n: f"{e}.{n}")
    parts = []
    for number, (path, fields) in enumerate(documented()):
        head, tail, expr = "", "", ""
        for depth, step in enumerate(path):
            name = step.removesuffix("[]")
            expr = get(expr, name) if expr else name
            if step.endswith("[]"):
                head += f"{{% for x{number}_{depth} in {expr} %}}"
                tail = "{% endfor %}" + tail
                expr = f"x{number}_{depth}"
            else:
                head += f"{{% if {expr} is not none %}}"
                tail = "{% endif %}" + tail
        parts.append(head + "".join(_field(expr, f, get) for f in fields) + tail)
    return "\n".join(parts) + "\n"


def _field(expr: str, field: str, get: Any) -> str:
    name = field.removesuffix("[]")
    value = get(expr, name) if expr else name
    if field.endswith("[]"):
        item = "{{ y.section }}" if name == "todos" else \
            "{% if y is string %}{{ y }}{% else %}{{ y | length }}{% endif %}"
        return f"{name}=[{{% for y in {value} %}}{item};{{% endfor %}}]\n"
    if name in TODO_FIELDS:
        return (f"{name}={{% if {value} is none %}}-{{% else %}}{{{{ {get(value, 'location')} }}}}"
                f" {{{{ {get(value, 'md')} }}}}{{% endif %}}\n")
    return f"{name}={{{{ {value} }}}}\n"


FILTERS = """\
{{ client.name }}|{{ client["name"] }}|{{ client.get("nothing", "none") }}|{{ "name" in client }}
{{ client is mapping }} {{ client | length }} {{ client | list | join(",") }}
{% for key, value in client | dictsort %}{{ key }}:{{ value }} {% endfor %}
{% for key, value in engagement.items() %}{{ key }}={{ value is none }} {% endfor %}
steps {{ steps | length }}: to do {{ steps | selectattr("todo") | map(attribute="number")
  | join(",") }}; filled {{ steps | rejectattr("todo") | map(attribute="name") | join(", ") }}
{{ steps[0]["todo"] is none }} {{ steps | map(attribute="todo.section", default="-")
  | join(",") }} {{ (steps | first).title }} / {{ (steps | last)["anchor"] }}
{% for k in baseline.kpis | sort(attribute="name") %}{{ loop.index }}/{{ loop.length }}
 {{ k["name"] }} {{ k.status_key }}{% if k.trend is not none %} {{ k.trend.svg | length }}
{% endif %}
{% endfor %}
{% for key, rows in gaps.rows | groupby("status_key") %}{{ key }}={{ rows | length }} {% endfor %}
{{ review.status_names[review.kpis[0].status_key] if review.kpis else "-" }}
{{ review.status_names | dictsort | map("last") | join(",") }}
{{ disclaimer | tojson }}
{{ todos | map(attribute="section") | unique | list | length }} {{ todos | tojson | length }}
{{ software.candidates | selectattr("excluded") | list | length }}
{{ journeys | map(attribute="pains") | map("length") | list }}
{{ journey_map.journeys | map(attribute="stage_list") | map("length") | sum }}
{{ assessment.maturity.stages | selectattr("met") | list | length }}
 of {{ assessment.maturity.stages | length }}: {{ assessment.recommendation.title }}
{% for g in goals.smart %}{{ g.id }} {{ g.letters | rejectattr("ok") | map(attribute="letter")
  | join }} {{ g.findings | map(attribute="message") | join("; ") }}
{% endfor %}
{{ reviews.log | map(attribute="actions") | map("length") | sum }}
{{ activity.roi.multiple if activity.roi is not none else "-" }}
{{ segments.matrix.placed | map(attribute="quadrant") | unique | sort | join(",")
  if segments.matrix else "-" }}
{{ (sops | first).steps | join(" / ") if sops else "-" }} {{ document }}
"""


def plain(value: Any) -> Any:
    """The context as it was before it had types: dicts, lists, strings and numbers."""
    if isinstance(value, Record):
        return {name: plain(getattr(value, name)) for name in value.__record_fields__}
    if isinstance(value, tuple):
        return [plain(item) for item in value]
    return value


def _context(example: str, tmp_path: Path) -> RenderContext:
    """The context of a bundled example, or of the smallest plan (``minimal``)."""
    if example != "minimal":
        return _example_context(example)
    (tmp_path / "plan.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    activate("en")
    return build_context(PlanAnalysis(load_plan(tmp_path / "plan.yaml")), "en", None, "team")


@functools.cache
def _example_context(example: str) -> RenderContext:
    """The team's version (the whole context), built once for the module: nothing can
    change it (a test below checks)."""
    loaded = loaded_example(example)
    lang = loaded.plan.client.language.value
    return build_context(PlanAnalysis(loaded), lang, None, "team")


def _render(context: Any, folder: Path | None, *names: str) -> dict[str, str]:
    """The templates ``names`` (``strategy.md.j2``) rendered as ``crmplan render`` does,
    with ``context`` typed or plain."""
    data = dict(context)
    found = {}
    for name in names:
        document, fmt, _j2 = name.split(".")
        env = environment(fmt, data["lang"], folder, Limits())
        found[name] = render(env, name, dict(data, document=document), folder)
    return found


def _folder(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "brand"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("example", [*EXAMPLES, "minimal"])
def test_an_override_reads_every_documented_field(example: str, tmp_path: Path) -> None:
    """By attribute and by key, in a loop over every list: the same text as the same
    template gives with the context made of plain dicts and lists."""
    context = _context(example, tmp_path)
    folder = _folder(tmp_path, {"review.md.j2": reader(keyed=False),
                                "journey-map.md.j2": reader(keyed=True)})
    names = ("review.md.j2", "journey-map.md.j2")
    typed = _render(context, folder, *names)
    assert typed == _render(plain(context), folder, *names)
    assert typed["review.md.j2"] == typed["journey-map.md.j2"]
    shown = typed["review.md.j2"]
    assert f"plan_file={context.plan_file}\n" in shown
    assert shown.count("status_text=") == sum(
        len(c.checks) for c in (*context.assessment.selection_criteria,
                                *context.assessment.maturity.stages,
                                *context.assessment.readiness.areas)
    ) + len(context.assessment.recommendation.reasons)


@pytest.mark.parametrize("example", [*EXAMPLES, "minimal"])
def test_filters_tests_and_mapping_reads_work_as_on_plain_data(example: str,
                                                               tmp_path: Path) -> None:
    context = _context(example, tmp_path)
    folder = _folder(tmp_path, {"strategy.md.j2": FILTERS, "strategy.html.j2": FILTERS})
    names = ("strategy.md.j2", "strategy.html.j2")
    typed = _render(context, folder, *names)
    assert typed == _render(plain(context), folder, *names)
    shown = typed["strategy.md.j2"]
    name = context.client.name
    assert shown.startswith(f"{name}|{name}|none|True\nTrue 5 name,industry,website,country,")
    assert f"steps 10: to do {','.join(str(s.number) for s in context.steps if s.todo)};" \
        in shown


@pytest.mark.slow
def test_the_built_in_templates_render_the_same_from_plain_data(tmp_path: Path) -> None:
    context = _context("online-retailer-en", tmp_path)
    names = [f"{d}.{fmt}.j2" for d in ("strategy", "assessment", "journey-map", "review")
             for fmt in ("md", "html")]
    assert _render(context, None, *names) == _render(plain(context), None, *names)


def _without_status_text(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_status_text(v) for k, v in value.items() if k != "status_text"}
    if isinstance(value, list):
        return [_without_status_text(item) for item in value]
    return value


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_assessment_memo_has_the_fields_of_the_json_output(example: str) -> None:
    memo = plain(_example_context(example).assessment)
    analysis = PlanAnalysis(loaded_example(example))
    report = analysis.assessment
    assert memo.pop("lead") and memo.pop("inputs") and memo.pop("answer")
    data = to_data(report)
    # the day judged on: the memo is judged on the analysis's day, as the JSON says
    assert data.pop("judged_on") == analysis.on.isoformat()
    # what only the team's version shows: the findings, with their locations and codes
    team = memo.pop("team")
    assert [f["code"] for f in team["findings"]] == [f["code"] for f in data.pop("findings")]
    decision = data.pop("decision")
    assert team["today_differs"] is decision["differs"]
    # what the memo adds for its reader: the options by name, each criterion's fact by what
    # it is about (the JSON labels it by its id)
    assert memo["recommendation"].pop("excluded_names") is not None
    for criterion in [*memo["selection_criteria"], *data["selection_criteria"]]:
        for check in criterion["checks"]:
            assert check.pop("label") in (check["fact"], fact_label(check["fact"]))
    assert _without_status_text(memo) == data


# -- nothing more to reach than before -------------------------------------------------------


@pytest.mark.parametrize("source", [
    "{{ client.__class__ }}",
    "{{ client['__class__'] }}",
    "{{ client.__record_fields__ }}",
    "{{ client.__setattr__('name', 'x') }}",
    "{{ client.__getitem__('name') }}",
    "{{ client.keys.__self__ }}",
    "{{ client.get.__func__.__globals__ }}",
    "{{ client.items().__class__.__mro__ }}",
    "{{ steps[0].__class__.__init__.__globals__ }}",
    "{{ steps[0].todo.__reduce_ex__(2) }}",
    "{{ (client | list).__class__ }}",
    "{{ client.name.__class__.__mro__ }}",
    "{{ steps.__class__ }}",
])
def test_an_override_cannot_reach_python_through_the_context(tmp_path: Path,
                                                            source: str) -> None:
    context = _context("online-retailer-en", tmp_path)
    folder = _folder(tmp_path, {"strategy.md.j2": source})
    with pytest.raises(UsageError, match="unsafe"):
        _render(context, folder, "strategy.md.j2")


@pytest.mark.parametrize("source", [
    "{{ client.update(name='x') }}",
    "{{ client.pop('name') }}",
    "{{ client.setdefault('name', 'x') }}",
    "{{ client.clear() }}",
    "{{ steps.append(1) }}",
    "{{ steps.pop() }}",
    "{{ steps[0].todo.__delattr__('step') }}",
    "{% set client.name = 'x' %}",
    "{% set client['name'] = 'x' %}",
])
def test_an_override_cannot_change_the_context(tmp_path: Path, source: str) -> None:
    context = _context("online-retailer-en", tmp_path)
    before = plain(context)
    folder = _folder(tmp_path, {"strategy.md.j2": source + "{{ client.name }}"})
    with pytest.raises(UsageError):
        _render(context, folder, "strategy.md.j2")
    assert plain(context) == before


# -- to-dos ----------------------------------------------------------------------------------


def _every_todo(value: Any) -> list[Todo]:
    """Every to-do in ``value``, however deep, found without knowing the model."""
    if isinstance(value, Todo):
        return [value]
    if isinstance(value, Record):
        return [t for name in value if name != "todos" for t in _every_todo(value[name])]
    if isinstance(value, tuple):
        return [t for item in value for t in _every_todo(item)]
    return []


@pytest.mark.parametrize("example", [*EXAMPLES, "minimal"])
def test_todos_are_every_to_do_of_the_documents_once(example: str, tmp_path: Path) -> None:
    context = _context(example, tmp_path)
    every = _every_todo(context)
    assert set(context.todos) == set(every)
    keys = [(t.section, t.step) for t in context.todos]
    assert len(keys) == len(set(keys))
    assert list(dict.fromkeys((t.section, t.step) for t in every)) == keys


def test_the_todos_of_an_empty_plan_follow_the_documents(tmp_path: Path) -> None:
    context = _context("minimal", tmp_path)
    assert [(t.section, t.step) for t in context.todos] == [
        ("goals.smart", 1), ("kpis[].baseline", 2), ("segments", 3),
        ("journeys[].touchpoints", 4), ("kpis[].baseline + kpis[].target", 5),
        ("strategy", 6), ("software.candidates", 7), ("rollout", 8), ("sops", 9),
        ("reviews.log", 10), ("engagement.disclaimer", None), ("goals.vision", None),
        ("task_force.scores", None), ("activity_plan", None)]
    assert collect_todos(context.goals) == (context.goals.vision_todo,)
    assert collect_todos(context.strategy) == ()
    assert collect_todos(context.activity) == (context.activity.todo,)
