"""The two computations: KPI figures (``baseline compute``) and segments (``segment compute``).

Both return data only; :mod:`crmplan.data.report` shows it and
:mod:`crmplan.data.record` writes it into the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from crmplan.data import kpis, rfm
from crmplan.data.engine import Engine
from crmplan.data.load import Columns, Dataset, Step
from crmplan.errors import UsageError
from crmplan.i18n import _, labelled
from crmplan.kpi.progress import Figure as Recorded
from crmplan.kpi.progress import figures as recorded_figures
from crmplan.model.customers import Segment
from crmplan.model.kpis import Kpi
from crmplan.plan.load import LoadedPlan
from crmplan.plan.source import PlanPath


@dataclass(frozen=True)
class KpiRow:
    """A computed figure beside the plan's latest recorded one."""

    figure: kpis.Figure
    kpi: Kpi | None
    recorded: Recorded | None


@dataclass
class KpiResult:
    """Every figure crmplan computed, and the plan KPIs it cannot compute."""

    dataset: Dataset
    rows: list[KpiRow] = field(default_factory=list)
    not_computable: list[tuple[str, PlanPath]] = field(default_factory=list)


def _requests(loaded: LoadedPlan, dataset: Dataset, only: list[str] | None
              ) -> tuple[list[kpis.Request], list[kpis.Request]]:
    wanted, others = kpis.requests(loaded.plan.kpis, dataset.data.period)
    if only:
        wanted = [r for r in wanted if r.kpi in only]
        others = [r for r in others if r.kpi in only]
    return wanted, others


def kpi_columns(loaded: LoadedPlan, only: list[str] | None = None) -> Columns:
    """What ``buyers`` needs for :func:`compute_kpis`: the columns of every period asked.
    Called before the data is read, so a KPI of ``only`` the plan lacks is refused first."""
    _check_only(loaded, only or [])
    return lambda dataset: kpis.buyer_columns(
        dataset.as_of, [r.period for r in _requests(loaded, dataset, only)[0]])


def _check_only(loaded: LoadedPlan, only: list[str]) -> None:
    from crmplan.baseline.record import unknown_kpi

    known = [k.id for k in loaded.plan.kpis]
    for kpi in only:
        if kpi not in known:
            message, hint = unknown_kpi(kpi, known)
            raise UsageError(labelled("--kpi", message), hint)


def compute_kpis(engine: Engine, loaded: LoadedPlan, dataset: Dataset, step: Step,
                 only: list[str] | None = None) -> KpiResult:
    """The plan's computable KPIs (or ``only`` those), then the extra figures; ``buyers``
    holds the columns of :func:`kpi_columns`."""
    wanted, others = _requests(loaded, dataset, only)
    result = KpiResult(dataset, not_computable=[(r.kpi or r.measure, r.path or ())
                                                 for r in others])
    step(_label_lifetime())
    life = kpis.lifetime_counts(engine)
    counts: dict[object, dict[str, Decimal]] = {}
    for request in wanted:
        w = kpis.window(dataset.as_of, request.period)
        if w.period not in counts:
            step(_label_period(w))
            counts[w.period] = kpis.period_counts(engine, w)
        found = kpis.figure(request, w, counts[w.period], life, dataset.first_day,
                            dataset.data.min_customers)
        kpi = loaded.plan.kpis[int(request.path[1])] if request.path else None
        result.rows.append(KpiRow(found, kpi, _latest(kpi, request.path)))
    return result


def _latest(kpi: Kpi | None, path: PlanPath | None) -> Recorded | None:
    if kpi is None or path is None:
        return None
    found = recorded_figures(kpi, int(path[1]))
    return found[-1] if found else None


def _label_lifetime() -> str:
    return _("computing customer lifetime figures")


def _label_period(w: kpis.Window) -> str:
    return _("computing the figures of {start} to {end}").format(
        start=w.start.isoformat(), end=w.end.isoformat())


@dataclass(frozen=True)
class SegmentRow:
    """A segment's figures (``group`` is None when it has no customer)."""

    key: str
    name: str
    group: rfm.Group | None
    suppressed: bool  # fewer customers than the threshold, or hidden with such a segment
    segment: Segment | None = None
    index: int | None = None
    complementary: bool = False  # hidden so that a smaller segment cannot be worked out


@dataclass
class SegmentResult:
    """The RFM segments, the plan's segments with rules, and the score edges."""

    dataset: Dataset
    customers: int = 0
    recent_revenue: Decimal = Decimal(0)
    net_revenue: Decimal = Decimal(0)
    rfm: list[SegmentRow] = field(default_factory=list)
    plan: list[SegmentRow] = field(default_factory=list)
    unassigned: SegmentRow | None = None
    edges: dict[str, list[tuple[int, int, Decimal]]] = field(default_factory=dict)
    totals: bool = True  # whether the totals may be shown (see :mod:`.suppress`)

    @property
    def rows(self) -> list[tuple[int, SegmentRow]]:
        """Every row of the two tables: (0, an RFM segment) and (1, a plan segment)."""
        rest = [self.unassigned] if self.unassigned is not None else []
        return [(0, r) for r in self.rfm] + [(1, r) for r in [*self.plan, *rest]]

    @property
    def hides(self) -> bool:
        """Whether some segment is hidden."""
        return any(r.suppressed for _t, r in self.rows)


def segment_columns(dataset: Dataset) -> list[str]:
    """What ``buyers`` needs for :func:`compute_segments`."""
    return rfm.buyer_columns(dataset.as_of)


def compute_segments(engine: Engine, loaded: LoadedPlan, dataset: Dataset,
                     step: Step) -> SegmentResult:
    """RFM scores of every buying customer, aggregated per named and per plan segment;
    ``buyers`` holds the columns of :func:`segment_columns`."""
    step(_("scoring recency, frequency and monetary value"))
    rfm.define_scores(engine, dataset.as_of)
    result = SegmentResult(dataset)
    threshold = dataset.data.min_customers
    step(_("aggregating the segments"))
    named = {g.key: g for g in rfm.groups(engine, "rfm_segment", dataset.has_reach,
                                          dataset.has_consent)}
    result.customers = sum(g.customers for g in named.values())
    result.recent_revenue = sum((g.recent_revenue for g in named.values()), Decimal(0))
    result.net_revenue = sum((g.net_revenue for g in named.values()), Decimal(0))
    for name in rfm.ORDER:
        group = named.get(name.value)
        result.rfm.append(SegmentRow(name.value, rfm.SEGMENT_NAMES[name], group,
                                     group is not None and group.customers < threshold))
    if result.customers >= threshold:
        result.edges = rfm.score_edges(engine)
    case = rfm.rule_case(loaded.plan.segments)
    if case is not None:
        _plan_segments(engine, loaded, dataset, result, case)
    hide_segments(result, rfm.parts(engine, case) if case is not None else
          {(g.key, ""): g.customers for g in named.values()})
    return result


def hide_segments(result: SegmentResult, parts: dict[tuple[str, str], int]) -> None:
    """Hide the segments that would give a segment of too few customers away
    (:mod:`.suppress`)."""
    from dataclasses import replace

    from crmplan.data import suppress

    cells = [suppress.Cell(t, r.key, r.group.customers,
                           (r.group.recent_revenue, r.group.net_revenue))
             for t, r in result.rows if r.group is not None]
    hiding = suppress.hide(cells, parts, result.dataset.data.min_customers)

    def marked(table: int, row: SegmentRow) -> SegmentRow:
        extra = (table, row.key) in hiding.complementary
        return replace(row, suppressed=row.suppressed or extra, complementary=extra)

    result.rfm = [marked(0, r) for r in result.rfm]
    result.plan = [marked(1, r) for r in result.plan]
    result.unassigned = marked(1, result.unassigned) if result.unassigned else None
    result.totals = hiding.totals


def _plan_segments(engine: Engine, loaded: LoadedPlan, dataset: Dataset,
                   result: SegmentResult, case: str) -> None:
    found = {g.key: g for g in rfm.groups(engine, case, dataset.has_reach,
                                          dataset.has_consent)}
    threshold = dataset.data.min_customers
    for index, segment in enumerate(loaded.plan.segments):
        if segment.rule is not None:
            group = found.get(segment.id)
            result.plan.append(SegmentRow(segment.id, segment.name, group, group is not None
                                          and group.customers < threshold, segment, index))
    rest = found.get("")
    if rest is not None:
        result.unassigned = SegmentRow("", "", rest, rest.customers < threshold)
