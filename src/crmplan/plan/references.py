"""Checks that need the whole plan: ids unique, references resolvable, scores on scale.

The reference rules are data (:data:`REFERENCES`): each names where references
are written and which ids they may use, so the full list is readable at a glance.
They run on a plan that already passed the schema, so the data's shape is known.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from crmplan import rules
from crmplan.errors import Issue
from crmplan.findings import FixHint, Rule
from crmplan.i18n import N_, _
from crmplan.model.base import RULE_CODE_PATTERN
from crmplan.model.catalogue import KPI_CATALOGUE, possible_values
from crmplan.model.defaults import DEFAULT_CRITERIA, DEFAULT_STAGES, SOFTWARE_CRITERIA
from crmplan.model.kpis import Unit
from crmplan.plan.source import PlanPath, SourceMap, display_path
from crmplan.quoting import closest, shown

Data = dict[str, Any]
KEYS = "{keys}"  # pattern element: the keys of a mapping are the references


class Targets(Protocol):
    """The ids a reference may name, and where in the plan they are defined.

    Both depend on the first two parts of the reference's path at most (the journey or
    the campaign it is in)."""

    def __call__(self, data: Data, path: PlanPath) -> set[str] | None:
        """The ids the reference at ``path`` may name; None: it cannot be checked."""

    def where(self, data: Data, path: PlanPath) -> list[PlanPath]:
        """The paths of the items, with an id, that the reference at ``path`` may name."""


@dataclass(frozen=True)
class Ids:
    """The ids of the items of the list at ``pattern`` (``J``: the journey being checked);
    ``defaults`` when the plan writes none (a journey without stages has the default ones)."""

    pattern: tuple[str | int, ...]
    defaults: Callable[[], set[str]] | None = None

    def where(self, data: Data, path: PlanPath) -> list[PlanPath]:
        concrete = tuple(path[1] if p == "J" else p for p in self.pattern)
        return [found for found, item in walk(data, (*concrete, "*")) if _has_id(item)]

    def __call__(self, data: Data, path: PlanPath) -> set[str]:
        concrete = tuple(path[1] if p == "J" else p for p in self.pattern)
        found = {item["id"] for _, item in walk(data, (*concrete, "*")) if _has_id(item)}
        return found or (self.defaults() if self.defaults else found)


def ids(*pattern: str | int) -> Ids:
    """The ids of the items at ``pattern``; ``J`` stands for the journey being checked."""
    return Ids(pattern)


STAGES = Ids(("journeys", "J", "stages"), lambda: {stage.id for stage in DEFAULT_STAGES})
CRITERIA = Ids(("task_force", "criteria"),
               lambda: {criterion.id for criterion in DEFAULT_CRITERIA})
CAPABILITIES = Ids(("software", "capabilities"),
                   lambda: {criterion.id for criterion in SOFTWARE_CRITERIA})


@dataclass(frozen=True)
class AnyStage:
    """The stages of every journey (a journey without its own stages has the defaults)."""

    def where(self, data: Data, path: PlanPath) -> list[PlanPath]:
        return [found for journey_path, _journey in walk(data, ("journeys", "*"))
                for found in STAGES.where(data, journey_path)]

    def __call__(self, data: Data, path: PlanPath) -> set[str]:
        found: set[str] = set()
        for journey_path, _journey in walk(data, ("journeys", "*")):
            found |= STAGES(data, journey_path)
        return found or {stage.id for stage in DEFAULT_STAGES}


@dataclass(frozen=True)
class CampaignOffer:
    """The offers of the segment the campaign is aimed at."""

    def _offers(self, data: Data, path: PlanPath) -> Ids | None:
        campaign = data["campaigns"][path[1]]
        for segment_path, segment in walk(data, ("segments", "*")):
            if _has_id(segment) and segment["id"] == campaign.get("segment"):
                return ids(*segment_path, "offers")
        return None  # the campaign's segment is unknown: reported on its own

    def where(self, data: Data, path: PlanPath) -> list[PlanPath]:
        offers = self._offers(data, path)
        return offers.where(data, path) if offers else []

    def __call__(self, data: Data, path: PlanPath) -> set[str] | None:
        offers = self._offers(data, path)
        return offers(data, path) if offers else None


def _has_id(item: Any) -> bool:
    return isinstance(item, dict) and isinstance(item.get("id"), str)


@dataclass(frozen=True)
class Reference:
    """References written at ``pattern`` must name one of ``targets``.

    ``targets`` may depend on the first two parts of the reference's path (the
    journey or campaign it is in), never on more: the checker computes it once
    per such prefix, so 10,000 score sheets do not list the segments 10,000 times.
    """

    pattern: tuple[str, ...]
    targets: Targets
    what: str



REFERENCES: tuple[Reference, ...] = (
    Reference(("goals", "smart", "*", "kpi"), ids("kpis"), N_("KPI")),
    Reference(("goals", "smart", "*", "obstacles", "*"), ids("goals", "obstacles"),
              N_("obstacle")),
    Reference(("personas", "*", "segment"), ids("segments"), N_("segment")),
    Reference(("segments", "*", "personas", "*"), ids("personas"), N_("persona")),
    Reference(("task_force", "scores", "*", "member"), ids("task_force", "members"),
              N_("task-force member")),
    Reference(("task_force", "scores", "*", "segment"), ids("segments"), N_("segment")),
    Reference(("task_force", "scores", "*", "scores", KEYS), CRITERIA, N_("criterion")),
    Reference(("journeys", "*", "persona"), ids("personas"), N_("persona")),
    Reference(("journeys", "*", "segment"), ids("segments"), N_("segment")),
    Reference(("journeys", "*", "touchpoints", "*", "stage"), STAGES, N_("stage")),
    Reference(("journeys", "*", "touchpoints", "*", "kpis", "*"), ids("kpis"), N_("KPI")),
    Reference(("journeys", "*", "pain_points", "*", "touchpoint"),
              ids("journeys", "J", "touchpoints"), N_("touchpoint of this journey")),
    Reference(("journeys", "*", "opportunities", "*", "touchpoint"),
              ids("journeys", "J", "touchpoints"), N_("touchpoint of this journey")),
    Reference(("journeys", "*", "opportunities", "*", "pain_point"),
              ids("journeys", "J", "pain_points"), N_("pain point of this journey")),
    Reference(("campaigns", "*", "segment"), ids("segments"), N_("segment")),
    Reference(("campaigns", "*", "offer"), CampaignOffer(), N_("offer of this segment")),
    Reference(("campaigns", "*", "measurement", "metric"), ids("kpis"), N_("KPI")),
    Reference(("strategy", "segment_approaches", "*", "segment"), ids("segments"),
              N_("segment")),
    Reference(("software", "candidates", "*", "scores", KEYS), CAPABILITIES,
              N_("capability")),
    Reference(("software", "decision", "candidate"), ids("software", "candidates"),
              N_("candidate")),
    Reference(("activity_plan", "communication", "*", "segment"), ids("segments"),
              N_("segment")),
    Reference(("decisions", "*", "superseded_by"), ids("decisions"), N_("decision")),
    # the client as found, and organization and team
    Reference(("software", "candidates", "*", "keeps_system"), ids("systems"),
              N_("system in use")),
    Reference(("team", "working_groups", "*", "stage"), AnyStage(), N_("journey stage")),
)


def walk(
    data: Any, pattern: tuple[Any, ...], path: PlanPath = ()
) -> Iterator[tuple[PlanPath, Any]]:
    """Every (path, value) matching ``pattern``; ``*`` matches each list item."""
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*" and isinstance(data, list):
        for index, item in enumerate(data):
            yield from walk(item, rest, (*path, index))
    elif isinstance(head, int) and isinstance(data, list) and 0 <= head < len(data):
        yield from walk(data[head], rest, (*path, head))
    elif head == KEYS and isinstance(data, dict):
        for key in data:
            yield (*path, key), key
    elif isinstance(data, dict) and head in data:
        yield from walk(data[head], rest, (*path, head))


def check_plan(data: Data, source: SourceMap) -> list[Issue]:
    """Every consistency problem of a schema-valid plan."""
    checker = _Checker(data, source)
    checker.unique_ids(data, ())
    checker.references()
    checker.scores_on_scale("task_force", ("task_force", "scores", "*", "scores"), (1, 5))
    checker.scores_on_scale("software", ("software", "candidates", "*", "scores"), (0, 5))
    checker.duplicate_score_sheets()
    checker.custom_kpis()
    checker.kpi_bounds()
    checker.date_order()
    checker.target_after_baseline()
    checker.silenced_rules()
    return checker.issues


class _Checker:
    def __init__(self, data: Data, source: SourceMap) -> None:
        self.data = data
        self.source = source
        self.issues: list[Issue] = []

    def add(self, rule: Rule, path: PlanPath, message: str, hint: str = "",
            at_key: bool = False) -> None:
        mark = self.source.key(path) if at_key else self.source.value(path)
        self.issues.append(Issue(self.source.file, mark.line, mark.column, message,
                                 display_path(path, self.data), hint, rule=rule))

    def unique_ids(self, node: Any, path: PlanPath) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                self.unique_ids(value, (*path, key))
        elif isinstance(node, list):
            seen: dict[str, int] = {}
            for index, item in enumerate(node):
                ident = item.get("id") if isinstance(item, dict) else None
                if isinstance(ident, str):
                    if ident in seen:
                        first = self.source.value((*path, seen[ident], "id")).line
                        self.add(rules.DUPLICATE_ID, (*path, index, "id"), _(
                            "id '{id}' is used twice in this list (first at line {line})"
                        ).format(id=shown(ident), line=first), _("give each item its own id"))
                    seen.setdefault(ident, index)
                self.unique_ids(item, (*path, index))

    def references(self) -> None:
        for rule in REFERENCES:
            known: dict[PlanPath, set[str] | None] = {}
            for path, value in walk(self.data, rule.pattern):
                if not isinstance(value, str):
                    continue  # the schema reports a reference that is not text
                if path[:2] not in known:
                    known[path[:2]] = rule.targets(self.data, path)
                allowed = known[path[:2]]
                if allowed is not None and value not in allowed:
                    self._unknown(path, value, rule, allowed)

    def _unknown(self, path: PlanPath, value: str, rule: Reference, allowed: set[str]) -> None:
        close = closest(value, sorted(allowed))
        hint: str
        if close:
            hint = FixHint(_("did you mean '{id}'?").format(id=close), close)
        elif allowed:
            hint = _("known: {ids}").format(ids=", ".join(map(shown, sorted(allowed)[:12])))
        else:
            hint = _("none is defined yet")
        self.add(rules.UNKNOWN_REFERENCE, path, _("unknown {what} '{id}'").format(
            what=_(rule.what), id=shown(value)), hint, at_key=rule.pattern[-1] == KEYS)

    def scores_on_scale(self, owner: str, pattern: tuple[str, ...],
                        default: tuple[int, int]) -> None:
        low, high = _scale(self.data.get(owner), default)
        for path, scores in walk(self.data, pattern):
            if not isinstance(scores, dict):
                continue
            for key, score in scores.items():
                if _is_number(score) and not low <= score <= high:
                    self.add(rules.SCORE_OFF_SCALE, (*path, key), _(
                        "score {score} is outside the scale {low}-{high}").format(
                            score=_plain(score), low=low, high=high))

    def duplicate_score_sheets(self) -> None:
        seen: dict[tuple[Any, Any], int] = {}
        for path, sheet in walk(self.data, ("task_force", "scores", "*")):
            if not isinstance(sheet, dict):
                continue
            pair = (sheet.get("member"), sheet.get("segment"))
            if not all(isinstance(part, str) for part in pair):
                continue
            if pair in seen:
                self.add(rules.DUPLICATE_SCORE_SHEET, path, _(
                    "second score sheet of member '{member}' for segment '{segment}' "
                    "(first at line {line})").format(
                        member=shown(pair[0]), segment=shown(pair[1]),
                        line=self.source.value(("task_force", "scores", seen[pair])).line),
                    _("merge the two sheets"))
            seen.setdefault(pair, path[-1])  # type: ignore[arg-type]

    def custom_kpis(self) -> None:
        for path, kpi in walk(self.data, ("kpis", "*")):
            if not _has_id(kpi) or kpi.get("catalogue") or kpi["id"] in KPI_CATALOGUE:
                continue
            missing = [f"'{f}'" for f in ("unit", "direction") if kpi.get(f) is None]
            if missing:
                self.add(rules.INCOMPLETE_CUSTOM_KPI, path, _(
                    "KPI '{id}' is not in the catalogue, so it needs {fields}").format(
                        id=shown(kpi["id"]), fields=", ".join(missing)),
                    _("add 'unit:' and 'direction: higher|lower', or set 'catalogue:' "
                      "to a catalogue id"), at_key=True)

    def kpi_bounds(self) -> None:
        """Values a KPI cannot take at all: a rate above 100%, an NPS below -100."""
        limits = {}
        for path, kpi in walk(self.data, ("kpis", "*")):
            if _has_id(kpi):
                limits[kpi["id"]] = _kpi_limits(kpi)
                for where in (("baseline", "value"), ("target", "value")):
                    self._in_bounds((*path, *where), kpi["id"], limits[kpi["id"]])
                for snapshot_path, _snapshot in walk(kpi, ("snapshots", "*"), path):
                    self._in_bounds((*snapshot_path, "value"), kpi["id"], limits[kpi["id"]])
        for path, goal in walk(self.data, ("goals", "smart", "*")):
            if isinstance(goal, dict) and isinstance(goal.get("kpi"), str) and (
                    goal["kpi"] in limits):
                self._in_bounds((*path, "target"), goal["kpi"], limits[goal["kpi"]])

    def _in_bounds(self, path: PlanPath, kpi: str, limits: tuple[Any, Any]) -> None:
        value = _value_at(self.data, path)
        low, high = limits
        if not _is_number(value):
            return
        if (_is_number(low) and value < low) or (_is_number(high) and value > high):
            self.add(rules.IMPOSSIBLE_KPI_VALUE, path, _(
                "{value} is not a possible value of KPI '{kpi}' "
                             "({low} to {high})").format(
                value=_plain(value), kpi=shown(kpi), low=_limit_text(low),
                high=_limit_text(high)),
                _("check the figure and its unit (percentages are written 0-100)"))

    def date_order(self) -> None:
        pairs = (
            (("engagement",), "start", "end"),
            (("campaigns", "*"), "start", "end"),
            (("campaigns", "*", "measurement"), "start", "end"),
            (("rollout", "phases", "*"), "start", "end"),
        )
        for pattern, first, last in pairs:
            for path, item in walk(self.data, pattern):
                if not isinstance(item, dict):
                    continue
                start, end = item.get(first), item.get(last)
                if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
                    self.add(rules.DATES_OUT_OF_ORDER, (*path, last), _(
                        "'{last}' is before '{first}'").format(last=last, first=first))

    def target_after_baseline(self) -> None:
        """A KPI's target date after its baseline's: a target dated before the figure it
        improves on is a typing mistake (often the year)."""
        for path, kpi in walk(self.data, ("kpis", "*")):
            if not isinstance(kpi, dict):
                continue
            baseline, target = kpi.get("baseline"), kpi.get("target")
            if not (isinstance(baseline, dict) and isinstance(target, dict)):
                continue
            start, end = baseline.get("as_of"), target.get("by")
            if isinstance(start, dt.date) and isinstance(end, dt.date) and end <= start:
                self.add(rules.DATES_OUT_OF_ORDER, (*path, "target", "by"), _(
                    "KPI '{kpi}': the target's date {by} is not after the baseline's "
                    "{as_of}").format(kpi=shown(kpi.get("id", "")), by=end.isoformat(),
                                      as_of=start.isoformat()),
                    _("check the year of both dates"))

    def silenced_rules(self) -> None:
        """``checks.ignore``: codes of rules crmplan has, which may be silenced."""
        for path, code in walk(self.data, ("checks", "ignore", "*")):
            if not isinstance(code, str) or not re.match(RULE_CODE_PATTERN, code):
                continue  # the schema reports what is not a code at all
            rule = rules.RULES.get(code)
            if rule is None:
                self.add(rules.UNKNOWN_RULE, path, _("no rule has the code {code}").format(
                    code=code), rules.unknown_rule_hint(code))
            elif not rule.silenceable:
                self.add(rules.RULE_NOT_SILENCEABLE, path, _(
                    "rule {code} ({name}) cannot be silenced").format(
                        code=code, name=rule.name), rules.not_silenceable_hint())


def _kpi_limits(kpi: dict[str, Any]) -> tuple[Any, Any]:
    """The plan's own bounds, else the catalogue's, else what the unit allows."""
    bounds = kpi["bounds"] if isinstance(kpi.get("bounds"), dict) else {}
    return possible_values(str(_plain_enum(kpi.get("catalogue")) or kpi["id"]),
                           _unit(kpi.get("unit")), bounds.get("min"), bounds.get("max"))


def _plain_enum(value: Any) -> Any:
    """A validated plan holds enum members where the raw data holds their text."""
    return value.value if isinstance(value, enum.Enum) else value


def _unit(value: Any) -> Unit | None:
    try:
        return Unit(_plain_enum(value))
    except ValueError:
        return None  # no unit, or one the schema refuses


def _value_at(data: Any, path: PlanPath) -> Any:
    for key in path:
        if isinstance(key, int) and isinstance(data, list) and 0 <= key < len(data):
            data = data[key]
        elif isinstance(key, str) and isinstance(data, dict):
            data = data.get(key)
        else:
            return None
    return data


def _limit_text(limit: Any) -> str:
    return "…" if limit is None else _plain(limit)


def _scale(section: Any, default: tuple[int, int]) -> tuple[float, float]:
    scale = section.get("scale") if isinstance(section, dict) else None
    if not isinstance(scale, dict):
        return default
    low, high = scale.get("min", default[0]), scale.get("max", default[1])
    return (low, high) if _is_number(low) and _is_number(high) else default


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)
