"""Build small plans for the segment tests: segments, criteria, members and score sheets."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from crmplan.i18n import language
from crmplan.plan.load import LoadedPlan, load_bytes
from crmplan.segment.engine import analyse
from crmplan.segment.views import SegmentReport

Sheet = tuple[str, str, Mapping[str, float]]  # (member, segment, {criterion: score})


def flow(value: Any) -> str:
    """A value in YAML flow style; a key whose value is None is left out."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()
                               if v is not None) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def segment(ident: str, **fields: Any) -> dict[str, Any]:
    """A segment with a name, a definition and, unless given, size 1000, 80% contactable and
    a purchase timing."""
    base: dict[str, Any] = {"id": ident, "name": f"Segment {ident}", "definition": "Everyone",
                            "size": 1000, "contactable_pct": 80,
                            "purchase_timing": "Every spring"}
    return {**base, **fields}


def offer(ident: str, **fields: Any) -> dict[str, Any]:
    base = {"id": ident, "product": "A bundle", "payment_terms": "Pay later",
            "delivery_terms": "Next day"}
    return {**base, **fields}


def build(segments: Iterable[Mapping[str, Any]] = (), *,
          criteria: Iterable[tuple[str, float]] | None = (("p", 2), ("q", 1)),
          members: Iterable[str] = ("a", "b"), sheets: Iterable[Sheet] = (),
          scale: tuple[int, int] = (1, 5), campaigns: Iterable[Mapping[str, Any]] = (),
          kpis: Iterable[Mapping[str, Any]] = ()) -> str:
    """The text of a plan; ``criteria=None`` leaves the defaults in force."""
    lines = ["schema_version: 1", "client: {name: Acme, currency: USD, language: en}"]
    kpi_list = list(kpis) or [{"id": "repeat_purchase_rate"}]
    lines += ["kpis:", *[f"  - {flow(k)}" for k in kpi_list]]
    lines += ["segments:", *[f"  - {flow(s)}" for s in segments]] if segments else []
    lines += ["task_force:", f"  scale: {{min: {scale[0]}, max: {scale[1]}}}"]
    if criteria is not None:
        lines += ["  criteria:", *[f"    - {{id: {c}, name: Criterion {c}, weight: {w}}}"
                                   for c, w in criteria]]
    member_lines = [f"    - {{id: {m}, name: Member {m}}}" for m in members]
    lines += ["  members:", *member_lines] if member_lines else []
    sheet_lines = [f"    - {{member: {m}, segment: {s}, scores: {flow(dict(v))}}}"
                   for m, s, v in sheets]
    lines += ["  scores:", *sheet_lines] if sheet_lines else []
    lines += ["campaigns:", *[f"  - {flow(c)}" for c in campaigns]] if campaigns else []
    return "\n".join(lines) + "\n"


def campaign(ident: str, segment_id: str, **fields: Any) -> dict[str, Any]:
    """A measured campaign on ``segment_id`` (holdout on repeat purchases, within its dates),
    simulated before it runs."""
    base: dict[str, Any] = {
        "id": ident, "name": f"Campaign {ident}", "segment": segment_id,
        "start": "2026-01-05", "end": "2026-02-01", "cost": 100, "expected_return": 300,
        "simulation": {"response_rate_pct": 10, "conversion_rate_pct": 20},
        "measurement": {"metric": "repeat_purchase_rate", "method": "holdout",
                        "comparison_group": "Random 10% held out", "start": "2026-01-05",
                        "end": "2026-02-15", "revenue_conversion": "One point is 40 orders"}}
    merged = {**base, **fields}
    if "measurement" in fields:
        merged["measurement"] = {**base["measurement"], **fields["measurement"]}
    return merged


def load(text: str, name: str = "plan.yaml") -> LoadedPlan:
    return load_bytes(text.encode("utf-8"), name)


def report(text: str) -> SegmentReport:
    with language("en"):
        return analyse(load(text))


def rules_found(result: SegmentReport) -> list[str]:
    return [f.rule.name for f in result.findings]


def where(text: str, snippet: str, name: str = "plan.yaml") -> str:
    """``name:line:col`` (1-based) of the first occurrence of ``snippet`` in ``text``."""
    index = text.index(snippet)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"{name}:{line}:{column}"
