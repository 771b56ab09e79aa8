"""Step 7: the weighted comparison of CRM candidates; pure arithmetic over the plan.

How a candidate's score is computed:

1. each capability's score is the candidate's score for it on the software
   scale; a capability the candidate was not scored on counts as the scale's
   minimum (nothing shown, nothing credited);
2. the total is the weighted sum ``sum(weight * score)``, out of
   ``sum(weight) * scale.max``; the share is the total over that maximum;
3. a candidate without a **required** capability (no score, or a score at
   the scale's minimum) is excluded: it keeps its total but takes no rank.

Candidates that are not excluded are ranked by total, highest first; equal
totals share a rank and keep the plan's order. A plan that lists no capability is
compared on the built-in criteria (:data:`crmplan.model.defaults.SOFTWARE_CRITERIA`),
each weighing 1; a candidate may stand for keeping a system in use (``keeps_system``).
"""

from __future__ import annotations

from dataclasses import dataclass

from crmplan.model.defaults import SOFTWARE_CRITERIA
from crmplan.model.strategy import Candidate, Capability, Costs, Software

TIE_DIGITS = 6


BUILT_IN = {c.id: c for c in SOFTWARE_CRITERIA}


@dataclass(frozen=True)
class CapabilityInfo:
    """A capability the candidates are compared on: the plan's, or a built-in criterion
    (``name`` then is an English default to pass through ``_()``)."""

    id: str
    name: str
    weight: float
    required: bool
    built_in: bool  # one of the built-in criteria, by its id
    default: bool  # taken from the built-in criteria because the plan lists none


@dataclass(frozen=True)
class CandidateResult:
    """One candidate in the comparison."""

    id: str
    name: str
    vendor: str | None
    scores: tuple[float | None, ...]  # one per capability, in the plan's order
    total: float
    max_total: float
    share_pct: float  # total / max_total, in percent (0 when max_total is 0)
    missing_required: tuple[str, ...]  # ids of required capabilities it lacks
    rank: int | None  # None: excluded
    first_year_cost: float | None  # licence + implementation + training + extras
    chosen: bool
    keeps_system: str | None = None  # the id of the system in use it would keep

    @property
    def excluded(self) -> bool:
        return bool(self.missing_required)


@dataclass(frozen=True)
class Comparison:
    """Every candidate, in the plan's order, with its weighted total and rank."""

    scale: tuple[int, int]
    candidates: tuple[CandidateResult, ...]
    capabilities: tuple[CapabilityInfo, ...] = ()

    def ranked(self) -> list[CandidateResult]:
        """The candidates that are not excluded, best first (ties in plan order)."""
        return sorted((c for c in self.candidates if c.rank is not None),
                      key=lambda c: c.rank or 0)


def compare(software: Software) -> Comparison:
    """The weighted comparison of ``software.candidates`` on its capabilities."""
    low, high = software.scale.min, software.scale.max
    capabilities = capabilities_of(software)
    weights = [c.weight for c in capabilities]
    max_total = sum(weights) * high
    chosen = software.decision.candidate if software.decision else None
    results = [_result(software, capabilities, c, weights, max_total, chosen)
               for c in software.candidates]
    ranks = _ranks([r for r in results if not r.missing_required])
    ranked = tuple(_with_rank(r, ranks.get(r.id)) for r in results)
    return Comparison((low, high), ranked, capabilities)


def capabilities_of(software: Software) -> tuple[CapabilityInfo, ...]:
    """The plan's capabilities, or the built-in criteria when it lists none."""
    if software.capabilities:
        return tuple(_capability(c) for c in software.capabilities)
    return tuple(CapabilityInfo(c.id, c.name, 1.0, False, True, True)
                 for c in SOFTWARE_CRITERIA)


def _capability(capability: Capability) -> CapabilityInfo:
    return CapabilityInfo(capability.id, capability.name, capability.weight,
                          capability.required, capability.id in BUILT_IN, False)


def _result(software: Software, capabilities: tuple[CapabilityInfo, ...],
            candidate: Candidate, weights: list[float], max_total: float,
            chosen: str | None) -> CandidateResult:
    low = software.scale.min
    scores = tuple(candidate.scores.get(c.id) for c in capabilities)
    total = sum(w * (low if s is None else s) for w, s in zip(weights, scores, strict=True))
    missing = tuple(c.id for c, s in zip(capabilities, scores, strict=True)
                    if c.required and (s is None or s <= low))
    share = 100 * total / max_total if max_total else 0.0
    return CandidateResult(candidate.id, candidate.name, candidate.vendor, scores, total,
                           max_total, share, missing, None, first_year_cost(candidate.costs),
                           candidate.id == chosen, candidate.keeps_system)


def first_year_cost(costs: Costs | None) -> float | None:
    """Licence, implementation, training and extras added up; None when none is given."""
    if costs is None:
        return None
    parts = [costs.license_per_year, costs.implementation, costs.training, costs.extras]
    known = [p for p in parts if p is not None]
    return sum(known) if known else None


def _ranks(results: list[CandidateResult]) -> dict[str, int]:
    """Competition ranking (1, 2, 2, 4) by total; ``sorted`` keeps plan order in ties."""
    ordered = sorted(results, key=lambda r: -round(r.total, TIE_DIGITS))
    ranks: dict[str, int] = {}
    for position, result in enumerate(ordered):
        previous = ordered[position - 1] if position else None
        same = previous is not None and round(previous.total, TIE_DIGITS) == round(
            result.total, TIE_DIGITS)
        ranks[result.id] = ranks[previous.id] if same and previous else position + 1
    return ranks


def _with_rank(result: CandidateResult, rank: int | None) -> CandidateResult:
    from dataclasses import replace

    return replace(result, rank=rank)
