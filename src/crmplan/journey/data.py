"""The journey map as plain data: what ``crmplan journey`` prints and ``crmplan render`` draws.

Everything is in the plan's order: stages as the customer lives them, each
stage's touchpoints as the plan lists them. Names of default stages are
already translated; plan text is kept as written.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from crmplan.findings import Issue, kept
from crmplan.journey.rules import PainScore, Quadrant
from crmplan.kpi.progress import Progress, TrackStatus


@dataclass(frozen=True)
class KpiLink:
    """A KPI a touchpoint is measured by, and where it stands."""

    id: str
    name: str
    status: TrackStatus
    remaining_pct: float | None  # share of the current value still to improve; None: no data
    points: int  # what it adds to a pain point's score
    standing: Progress  # its figures, gap and pace, as the strategy's gap table gives them
    currency: str  # the plan's, for a KPI of money


@dataclass(frozen=True)
class TouchpointView:
    """A touchpoint, seen from the customer's side."""

    id: str
    name: str
    stage: str
    channel: str
    customer_goal: str | None
    thoughts: str | None
    emotion: int | None
    emotion_to_be: int | None
    barriers: tuple[str, ...]
    owner: str | None
    kpis: tuple[KpiLink, ...]
    evidence: str | None
    researched: bool
    evidence_note: str | None
    pain_points: tuple[str, ...]
    opportunities: tuple[str, ...]
    location: str

    @property
    def designed(self) -> int | None:
        """The emotion once redesigned: the to-be, or today's where nothing is redesigned."""
        return self.emotion if self.emotion_to_be is None else self.emotion_to_be


@dataclass(frozen=True)
class StageView:
    """A stage with its touchpoints and its mean emotions (None without any)."""

    id: str
    name: str
    description: str | None
    default: bool
    touchpoints: tuple[TouchpointView, ...]
    emotion: float | None
    emotion_to_be: float | None
    location: str


@dataclass(frozen=True)
class PainPointView:
    """A pain point with its rank and the score that gave it."""

    rank: int
    id: str
    description: str
    severity: int
    evidence: str | None
    touchpoint: TouchpointView
    stage_name: str
    score: PainScore
    opportunities: tuple[str, ...]
    location: str


@dataclass(frozen=True)
class OpportunityView:
    """An opportunity with its rank and its cell of the impact/effort matrix."""

    rank: int
    id: str
    description: str
    touchpoint: str | None
    pain_point: str | None
    impact: int
    effort: int
    quadrant: Quadrant
    status: str
    open: bool
    owner: str | None
    location: str


@dataclass(frozen=True)
class PersonaView:
    """A persona and the journeys drawn for it."""

    id: str
    name: str
    description: str | None
    segment: str | None
    goals: tuple[str, ...]
    needs: tuple[str, ...]
    pain_points: tuple[str, ...]
    decision_process: str | None
    channels: tuple[str, ...]
    evidence: tuple[str, ...]
    researched: bool
    journeys: tuple[str, ...]
    location: str


@dataclass(frozen=True)
class SegmentRef:
    id: str
    name: str


@dataclass(frozen=True)
class CurvePoint:
    """One touchpoint on the emotion curve, in journey order."""

    stage: str
    touchpoint: str
    name: str
    emotion: int | None
    emotion_to_be: int | None


@dataclass(frozen=True)
class JourneyMap:
    """One journey: its stages, ranked pain points and opportunities, and its gaps."""

    id: str
    name: str
    persona: PersonaView | None
    segment: SegmentRef | None
    stages: tuple[StageView, ...]
    pain_points: tuple[PainPointView, ...]
    opportunities: tuple[OpportunityView, ...]
    findings: tuple[Issue, ...]
    location: str

    @property
    def touchpoints(self) -> tuple[TouchpointView, ...]:
        return tuple(t for stage in self.stages for t in stage.touchpoints)

    def curve(self) -> tuple[CurvePoint, ...]:
        """The emotion curve, as-is and to-be, touchpoint by touchpoint in stage order."""
        return tuple(CurvePoint(s.id, t.id, t.name, t.emotion, t.emotion_to_be)
                     for s in self.stages for t in s.touchpoints)


@dataclass(frozen=True)
class JourneyReport:
    """The journeys of a plan (or the one chosen), its personas and plan-wide gaps."""

    plan: str
    selected: str | None
    journeys: tuple[JourneyMap, ...]
    personas: tuple[PersonaView, ...]
    findings: tuple[Issue, ...]

    @property
    def all_findings(self) -> tuple[Issue, ...]:
        return (*(f for j in self.journeys for f in j.findings), *self.findings)

    def without(self, ignored: frozenset[str]) -> JourneyReport:
        """The report without the findings of the rules in ``ignored`` (codes)."""
        return replace(self, journeys=tuple(replace(j, findings=kept(j.findings, ignored))
                                            for j in self.journeys),
                       findings=kept(self.findings, ignored))
