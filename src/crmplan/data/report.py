"""What ``baseline compute`` and ``segment compute`` show: figures as data, words for people.

Only aggregates are shown. An example of an unreadable value is shown by its
row number and its shape (digits as 9, letters as a: ``31.07.2026`` is
``99.99.9999``), never as written, so a column mapped by mistake to e-mail
addresses cannot put one on the screen. A figure from fewer customers than
the plan's threshold is replaced by a mark.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from crmplan.data.clean import shape
from crmplan.data.compute import KpiResult, SegmentResult, SegmentRow
from crmplan.data.kpis import Figure, figure_format
from crmplan.data.load import Dataset
from crmplan.i18n import (
    N_,
    _,
    aside,
    format_money,
    format_number,
    format_percent,
    join,
    labelled,
    ngettext,
)
from crmplan.model.catalogue import Format
from crmplan.model.catalogue import measure as catalogue_measure
from crmplan.model.kpis import Period
from crmplan.plan.load import LoadedPlan

PROBLEMS = {
    "missing_customer": N_("rows without a customer id, left out"),
    "bad_date": N_("rows with a missing or unreadable date, left out"),
    "bad_amount": N_("rows with a missing or unreadable amount, left out"),
    "cancelled": N_("cancelled orders, left out"),
    "refunds": N_("refunds (negative amounts), taken off revenue"),
    "duplicate_rows": N_("duplicate rows (same order id, customer, date and amount), read once"),
    "order_lines": N_("orders made of several rows, added up"),
    "shared_order_ids": N_("order ids used by more than one customer, left out"),
    "after_as_of": N_("orders after the as-of date, left out"),
    "refunds_after_as_of": N_("refunds after the as-of date, left out"),
    "refunds_without_orders": N_("customers with refunds but no order in the data, their "
                                 "refunds left out"),
    "customer_without_id": N_("customer rows without an id, left out"),
    "duplicate_customers": N_("customer ids that appear more than once, merged"),
    "customers_without_orders": N_("customers without an order"),
    "unknown_customers": N_("buyers missing from the customer export (not contactable)"),
}
REASONS = {
    "no_orders": N_("no orders"),
    "before_data": N_("the data starts after the period's start"),
    "empty_period": N_("no customer in the period"),
}


# a period counted back from the as-of date, one phrase each (languages name them differently)
WINDOW_NAMES = {
    Period.DAY: N_("day to {end}"), Period.WEEK: N_("week to {end}"),
    Period.MONTH: N_("month to {end}"), Period.QUARTER: N_("quarter to {end}"),
    Period.HALF_YEAR: N_("half year to {end}"), Period.YEAR: N_("year to {end}"),
}


def four(value: Decimal | None) -> float | None:
    """A raw figure for JSON: four decimals, half up."""
    from crmplan.data.kpis import rounded

    return None if value is None else rounded(value, 4)


def problem_lines(dataset: Dataset, currency: str) -> list[str]:
    """One line per problem the rules dealt with, with its sum of money (refunds) and up to
    three example rows."""
    names = {s.role: s.name for s in dataset.sources}
    threshold = dataset.data.min_customers
    found = []
    for role, p in dataset.shown_problems:
        value = format_number(p.count, digits=0)
        if p.amount is not None:
            value = _("{count}, totalling {amount}").format(
                count=value, amount=format_money(float(p.amount), currency)) \
                if p.customers >= threshold else _(
                    "{count} (their sum is not shown: fewer than {threshold} customers)").format(
                    count=value, threshold=threshold)
        found.append(labelled(names.get(role, role), labelled(_(PROBLEMS[p.rule.name]), value))
                     + f"  [{p.rule.code}]")
        if p.examples:
            found.append("    " + _("e.g. {examples}").format(examples=join(
                _("row {row}: {shape}").format(row=row, shape=shape(text))
                for row, text in p.examples)))
    return found


def problem_data(dataset: Dataset) -> list[dict[str, Any]]:
    """The problems for JSON; a sum of fewer customers than the threshold is null."""
    threshold = dataset.data.min_customers
    return [{"source": role, "code": p.rule.code, "rule": p.rule.name, "count": p.count,
             "amount": four(p.amount) if p.customers >= threshold else None,
             "examples": [{"row": r, "shape": shape(t)} for r, t in p.examples]}
            for role, p in dataset.shown_problems]


def dataset_data(dataset: Dataset) -> dict[str, Any]:
    return {
        "as_of": dataset.as_of.isoformat() if dataset.first_day else None,
        "engine": dataset.engine,
        "first_date": dataset.first_day.isoformat() if dataset.first_day else None,
        "last_date": dataset.last_day.isoformat() if dataset.last_day else None,
        "min_customers": dataset.data.min_customers,
        "problems": problem_data(dataset),
        "sources": [{"role": s.role, "name": s.name, "sha256": s.sha256, "rows": s.rows}
                    for s in dataset.sources],
    }


def header_lines(dataset: Dataset) -> list[str]:
    """Sources, as-of date and the period the orders cover."""
    found = [_("source: {source}").format(source=ngettext(
        "{source} ({count} row)", "{source} ({count} rows)", s.rows).format(
            source=s.label, count=format_number(s.rows, digits=0)))
        for s in dataset.sources]
    found.append(_("engine: {engine}").format(engine=dataset.engine_text))
    if dataset.first_day and dataset.last_day:
        found.append(_("orders from {first} to {last}; figures as of {as_of}").format(
            first=dataset.first_day.isoformat(), last=dataset.last_day.isoformat(),
            as_of=dataset.as_of.isoformat()))
    else:
        found.append(_("no readable order"))
    return found


# -- KPIs -----------------------------------------------------------------------------------


def measure_name(figure: Figure, kpi_name: str | None) -> str:
    found = catalogue_measure(figure.measure)
    return kpi_name or (_(found.name) if found else figure.measure)


def kpi_label(figure: Figure, loaded: LoadedPlan) -> str:
    """``retention_rate（VIP 12개월 유지율）`` for a plan KPI with a name of its own; the
    measure's name for an extra figure."""
    from crmplan.kpi.progress import kpi_spec

    if figure.kpi is None or figure.path is None:
        return measure_name(figure, None)
    name = kpi_spec(loaded.plan.kpis[int(figure.path[1])]).name
    return figure.kpi if name == figure.kpi else figure.kpi + aside(_(name))


def value_text(figure: Figure, value: Decimal | float | None, currency: str,
               threshold: int, first_day: dt.date | None = None) -> str:
    """The figure for people, the suppression mark, or the reason there is none (for data
    that starts too late, with its first order date)."""
    if figure.status == "suppressed":
        return _("(fewer than {count} customers)").format(count=threshold)
    if figure.status == "not_computable":
        reason = _(REASONS[figure.reason])
        if figure.reason == "before_data" and first_day is not None:
            reason = _("the data starts on {date}, after the period's start").format(
                date=first_day.isoformat())
        return _("not computable: {reason}").format(reason=reason)
    assert value is not None
    return measure_text(figure.measure, value, currency)


def measure_text(measure: str, value: Decimal | float, currency: str) -> str:
    """A value of ``measure`` in its unit: money, a percentage or a number."""
    number, fmt = float(value), figure_format(measure)
    if fmt is Format.MONEY:
        return format_money(number, currency)
    if fmt is Format.PERCENT:
        return format_percent(number, digits=2)
    return format_number(number, digits=0 if fmt is Format.WHOLE else 2)


def window_text(figure: Figure) -> str:
    if figure.reason == "no_orders":  # no date to count a period back from
        return "–"
    if figure.window is None:
        return _("whole history")
    w = figure.window
    return _(WINDOW_NAMES[w.period]).format(end=w.end.isoformat())


def kpi_data(result: KpiResult) -> dict[str, Any]:
    rows = []
    for row in result.rows:
        f, rec = row.figure, row.recorded
        window = f.window if f.reason != "no_orders" else None
        rows.append({
            "kpi": f.kpi, "measure": f.measure, "status": f.status, "reason": f.reason or None,
            "period": f.window.period.value if f.window else None,
            "start": window.start.isoformat() if window else None,
            "end": window.end.isoformat() if window else None,
            "value": four(f.value), "numerator": four(f.numerator),
            "denominator": four(f.denominator),
            "customers": f.population if f.status != "suppressed" else None,
            "recorded": {"value": rec.value, "date": rec.date.isoformat(),
                         "source": rec.source} if rec else None})
    return {"schema": "crmplan.baseline-compute/1", **dataset_data(result.dataset),
            "figures": rows, "not_computable": [k for k, _p in result.not_computable]}


# -- segments -------------------------------------------------------------------------------


MEANS = ("mean_orders", "mean_recency_days", "mean_r", "mean_f", "mean_m")


def segment_figures(row: SegmentRow, result: SegmentResult) -> dict[str, Decimal | int | None]:
    """A segment's figures, or only its key when it is suppressed or empty; without the
    means while a segment is hidden (:func:`means_shown`)."""
    g = row.group
    if g is None or row.suppressed:
        return {}
    n = Decimal(g.customers)
    share = (100 * g.recent_revenue / result.recent_revenue) if result.recent_revenue > 0 \
        else None
    found: dict[str, Decimal | int | None] = {
        "customers": g.customers,
        "customers_pct": 100 * n / result.customers,
        "revenue_share_pct": share,
        "annual_revenue": g.recent_revenue,
        "value_per_customer": g.net_revenue / n,
        "contactable_pct": None if g.contactable is None else 100 * g.contactable / n,
        "consented_pct": None if g.consented is None else 100 * g.consented / n,
        "mean_orders": g.orders / n,
        "mean_recency_days": g.recency_days / n,
        "mean_r": g.r / n, "mean_f": g.f / n, "mean_m": g.m / n,
    }
    return found if means_shown(result) else {k: v for k, v in found.items() if k not in MEANS}


def means_shown(result: SegmentResult) -> bool:
    """Whether the segments' mean orders, days since the last order and scores are shown:
    not while a segment is hidden. A mean times the customers is a sum of the segment; the
    RFM grid pins each named segment's R and F scores (Promising has F 1 only, Can't lose
    F 5), the score edges tie orders, days and net revenue to the scores, and a plan rule
    pins what it names; so the hidden segments' share of such a sum, which the visible ones
    give away, splits them apart (the suppression of :mod:`.suppress` protects their
    customers, not their scores)."""
    return not result.hides


SEGMENT_FIGURES = ("customers", "customers_pct", "revenue_share_pct", "annual_revenue",
                   "value_per_customer", "contactable_pct", "consented_pct", "mean_orders",
                   "mean_recency_days", "mean_r", "mean_f", "mean_m")


def segment_data(result: SegmentResult) -> dict[str, Any]:
    def one(row: SegmentRow) -> dict[str, Any]:
        found = segment_figures(row, result)
        figures = {k: (v if isinstance(v, int) else four(v)) if (v := found.get(k)) is not None
                   else (0 if k == "customers" and row.group is None else None)
                   for k in SEGMENT_FIGURES}
        return {"segment": row.key or None, "suppressed": row.suppressed,
                "suppression": _suppression(row), "empty": row.group is None, **figures}

    threshold = result.dataset.data.min_customers
    return {"schema": "crmplan.segment-compute/1", **dataset_data(result.dataset),
            "customers": result.customers if result.totals else None,
            "annual_revenue": four(result.recent_revenue) if result.totals else None,
            "rfm": [one(r) for r in result.rfm], "plan": [one(r) for r in result.plan],
            "unassigned": one(result.unassigned) if result.unassigned else None,
            "scores": {k: [{"score": s, "customers": n if counted(result, e) else None,
                            "from": four(v) if n >= threshold else None} for s, n, v in e]
                       for k, e in result.edges.items()}}


def _suppression(row: SegmentRow) -> str | None:
    """Why a segment is hidden: too few customers, or so that such a segment stays hidden."""
    if not row.suppressed:
        return None
    return "complementary" if row.complementary else "fewer_customers"


def counted(result: SegmentResult, edges: list[tuple[int, int, Decimal]]) -> bool:
    """Whether a score line may say how many customers have each score: not when a segment
    is hidden (with the segments' mean scores, the counts would give it away), nor when a
    score has too few customers (the total minus the others would)."""
    threshold = result.dataset.data.min_customers
    return not result.hides and all(n >= threshold for _s, n, _v in edges)


def segment_cells(row: SegmentRow, result: SegmentResult, currency: str) -> list[str]:
    """customers, share, revenue share, annual revenue, value, contactable, consented, R F M."""
    if row.group is None:
        return ["0"] + ["–"] * 8
    threshold = result.dataset.data.min_customers
    if row.suppressed:
        mark = _("hidden") if row.complementary else _("<{count}").format(count=threshold)
        return [mark] + ["–"] * 8
    f = segment_figures(row, result)

    def pct(key: str) -> str:
        value = f[key]
        return "–" if value is None else format_percent(float(value), digits=1)

    def money(key: str) -> str:
        return format_money(float(f[key] or 0), currency)

    means = means_shown(result)
    rfm = "/".join(format_number(float(f[k] or 0), digits=1) for k in (
        "mean_r", "mean_f", "mean_m")) if means else "–"
    orders = format_number(float(f["mean_orders"] or 0), digits=1) if means else "–"
    return [format_number(row.group.customers, digits=0), pct("customers_pct"),
            pct("revenue_share_pct"), money("annual_revenue"), money("value_per_customer"),
            pct("contactable_pct"), pct("consented_pct"), orders, rfm]


def segment_header() -> list[str]:
    return [_("segment"), _("customers"), _("share"), _("revenue share"),
            _("annual revenue"), _("value per customer"), _("contactable"), _("consented"),
            _("orders"), _("R/F/M")]


def edge_text(letter: str, edges: list[tuple[int, int, Decimal]], currency: str,
              result: SegmentResult) -> str:
    """Where each score starts, for scores of at least the threshold's customers, and how
    many customers have it when the counts may be shown (:func:`counted`)."""
    threshold = result.dataset.data.min_customers
    counts = counted(result, edges)

    def start(value: Decimal) -> str:
        if letter == "r":
            return _("≤{days} days").format(days=format_number(float(value), digits=0))
        if letter == "m":
            return "≥" + format_money(float(value), currency)
        return "≥" + format_number(float(value), digits=0)

    return join(labelled(str(score), start(value) + (aside(format_number(n, digits=0))
                                                     if counts else "")
                         if n >= threshold else f"<{threshold}")
                for score, n, value in edges)
