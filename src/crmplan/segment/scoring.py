"""The task force's ranking: pure arithmetic over score sheets, weights and the scale.

How a segment's total is computed:

1. per criterion, the **mean of the members who scored it** for the segment
   (a member without a sheet, or whose sheet skips the criterion, is left out
   of that mean, and reported as missing);
2. the total is the **weighted sum** of those means, ``sum(weight * mean)``;
3. when nobody scored a criterion for the segment, the total is the weighted
   mean of the criteria that were scored times the sum of all weights, so it
   stays on the same footing as complete totals, and the segment is marked
   incomplete.

Segments are ordered by total, highest first; totals equal to
:data:`~crmplan.segment.rules.TIE_DIGITS` decimals are ties, which share a
rank and stay in plan order. Nobody's segment is ranked without a score.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from crmplan.segment.rules import TIE_DIGITS
from crmplan.segment.views import (
    CriterionScore,
    Missing,
    Ranked,
    Sensitivity,
    WeightCheck,
)

Scores = dict[str, float]  # criterion id -> score


@dataclass(frozen=True)
class Sheet:
    """One member's scores for one segment, with its position under task_force.scores."""

    member: str
    segment: str
    scores: Scores
    index: int


@dataclass(frozen=True)
class Board:
    """What the ranking is computed from: ids in plan order, weights, and the sheets."""

    criteria: tuple[str, ...]
    weights: tuple[float, ...]
    segments: tuple[str, ...]
    members: tuple[str, ...]
    sheets: tuple[Sheet, ...]
    scale_max: int


Means = tuple[float | None, ...]  # one mean per criterion, None when nobody scored it


def weighted_total(means: Means, weights: Sequence[float]) -> float | None:
    """The weighted sum of the means; rescaled over the scored criteria when some are None."""
    scored = [(w, m) for w, m in zip(weights, means, strict=True) if m is not None]
    if not scored:
        return None
    total = sum(w * m for w, m in scored)
    if len(scored) == len(weights):
        return total
    scored_weight = sum(w for w, _m in scored)
    return sum(weights) * total / scored_weight if scored_weight else 0.0


def tie_key(total: float) -> float:
    return round(total, TIE_DIGITS)


def leaders(totals: dict[str, float | None]) -> tuple[str, ...]:
    """The segments sharing the highest total, in the order given (plan order)."""
    known = {s: tie_key(t) for s, t in totals.items() if t is not None}
    if not known:
        return ()
    best = max(known.values())
    return tuple(s for s, key in known.items() if key == best)


def ranks(totals: dict[str, float | None]) -> list[tuple[str, int | None, bool]]:
    """(segment, rank, tied), best first; ties share a rank and keep the order given."""
    keys = {s: tie_key(t) for s, t in totals.items() if t is not None}
    ordered = sorted(keys, key=lambda s: -keys[s])  # sorted() is stable: plan order in ties
    counts = Counter(keys.values())
    result: list[tuple[str, int | None, bool]] = []
    place = 0
    for position, segment in enumerate(ordered):
        if position == 0 or keys[segment] != keys[ordered[position - 1]]:
            place = position + 1  # competition ranking: 1, 2, 2, 4
        result.append((segment, place, counts[keys[segment]] > 1))
    return result + [(s, None, False) for s, t in totals.items() if t is None]


def criterion_scores(board: Board) -> dict[str, tuple[CriterionScore, ...]]:
    """Per segment, per criterion: the members' scores in member order, mean, low, high."""
    member_order = {m: i for i, m in enumerate(board.members)}
    collected: dict[str, list[list[tuple[str, float]]]] = {
        s: [[] for _c in board.criteria] for s in board.segments}
    position = {c: i for i, c in enumerate(board.criteria)}
    for sheet in sorted(board.sheets, key=lambda s: member_order.get(s.member, 0)):
        lists = collected[sheet.segment]
        for criterion, score in sheet.scores.items():
            lists[position[criterion]].append((sheet.member, score))
    return {s: tuple(_summary(c, pairs) for c, pairs in zip(board.criteria, lists, strict=True))
            for s, lists in collected.items()}


def _summary(criterion: str, pairs: list[tuple[str, float]]) -> CriterionScore:
    if not pairs:
        return CriterionScore(criterion, (), None, None, None)
    values = [score for _member, score in pairs]
    return CriterionScore(criterion, tuple(pairs), sum(values) / len(values), min(values),
                          max(values))


def means_of(scores: tuple[CriterionScore, ...]) -> Means:
    return tuple(s.mean for s in scores)


def rank(board: Board) -> tuple[Ranked, ...]:
    """Every segment with its total and place: ranked ones best first, then the unscored."""
    per_segment = criterion_scores(board)
    totals = {s: weighted_total(means_of(per_segment[s]), board.weights)
              for s in board.segments}
    members, first = _members_per_segment(board), _first_sheets(board)
    weight_sum = sum(board.weights)
    found = []
    for segment, place, tied in ranks(totals):
        total, scores = totals[segment], per_segment[segment]
        score = total / weight_sum if total is not None and weight_sum else None
        found.append(Ranked(segment, place, tied, total, weight_sum * board.scale_max, score,
                            members.get(segment, 0), all(c.mean is not None for c in scores),
                            scores, first.get(segment)))
    return tuple(found)


def _members_per_segment(board: Board) -> dict[str, int]:
    found: dict[str, set[str]] = {}
    for sheet in board.sheets:
        found.setdefault(sheet.segment, set()).add(sheet.member)
    return {segment: len(names) for segment, names in found.items()}


def _first_sheets(board: Board) -> dict[str, int]:
    first: dict[str, int] = {}
    for sheet in board.sheets:
        first.setdefault(sheet.segment, sheet.index)
    return first


def missing(board: Board) -> tuple[Missing, ...]:
    """Every member's missing sheet or criteria, member by member, segment by segment."""
    sheets = {(s.member, s.segment): s for s in board.sheets}
    found: list[Missing] = []
    for member in board.members:
        for segment in board.segments:
            sheet = sheets.get((member, segment))
            if sheet is None:
                found.append(Missing(member, segment, board.criteria, True))
                continue
            absent = tuple(c for c in board.criteria if c not in sheet.scores)
            if absent:
                found.append(Missing(member, segment, absent, False))
    return tuple(found)


def sensitivity(board: Board, ranking: tuple[Ranked, ...], step_pct: int) -> Sensitivity:
    """Move each weight up and down by ``step_pct`` percent, one at a time: who leads then?"""
    by_segment = {r.segment: r for r in ranking}
    means = {s: means_of(by_segment[s].criteria) for s in board.segments  # plan order
             if by_segment[s].total is not None}
    now = leaders({s: by_segment[s].total for s in board.segments})
    checks: list[WeightCheck] = []
    for index, criterion in enumerate(board.criteria):
        for change in (step_pct, -step_pct):
            weights = list(board.weights)
            weights[index] *= 1 + change / 100
            then = leaders({s: weighted_total(m, weights) for s, m in means.items()})
            checks.append(WeightCheck(criterion, change, weights[index], then, then != now))
    return Sensitivity(step_pct, now, tuple(checks) if now else ())
