"""``crmplan baseline compute`` and ``crmplan segment compute``: figures from the exports.

Nothing is written unless every step succeeded: the data is read, the rules
applied and every figure computed first; only then does ``--record`` check
the figures against the plan and save them in one atomic write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from crmplan import output
from crmplan.commands.baseline_data import open_for_edit
from crmplan.commands.common import load_in_language
from crmplan.data import report
from crmplan.data.compute import (
    KpiResult,
    SegmentResult,
    compute_kpis,
    compute_segments,
    kpi_columns,
    segment_columns,
)
from crmplan.data.engine import Engine, connect
from crmplan.data.load import Columns, Dataset, Step, explained, open_dataset
from crmplan.errors import UsageError
from crmplan.i18n import _, format_number, join, labelled
from crmplan.markdown import table
from crmplan.plan.edit import EditablePlan
from crmplan.plan.load import LoadedPlan

T = TypeVar("T")


@dataclass(frozen=True)
class Options:
    """What both commands take."""

    path: Path
    as_of: dt.date | None
    record: bool
    replace: bool
    engine: str | None
    memory_limit: str | None
    output_format: str
    lang: str | None


def _run(options: Options, steps: int, columns: Callable[[LoadedPlan], Columns],
         compute: Callable[[Engine, LoadedPlan, Dataset, Step], T]
         ) -> tuple[Path, EditablePlan | None, LoadedPlan, T]:
    editable = None
    if options.record:
        plan_path, editable, loaded = open_for_edit(options.path, options.lang)
    else:
        plan_path, loaded = load_in_language(options.path, options.lang)
    with output.progress(steps) as step, connect(options.engine, options.memory_limit) as engine:
        dataset = open_dataset(engine, loaded, plan_path, options.as_of, step,
                               columns(loaded))
        with explained(engine, loaded, dataset):  # a warehouse casts a column when it is read
            result = compute(engine, loaded, dataset, step)
    return plan_path, editable, loaded, result


def run_baseline(options: Options, only: list[str]) -> None:
    """Compute the KPIs, show them beside the recorded figures, record them if asked."""
    from crmplan.baseline.record import plan_figures, write_figures
    from crmplan.data.record import kpi_figures

    plan_path, editable, loaded, result = _run(
        options, 6, lambda lp: kpi_columns(lp, only or None),
        lambda e, lp, d, s: compute_kpis(e, lp, d, s, only or None))
    currency = loaded.plan.client.currency
    _show(options.output_format, lambda: report.kpi_data(result),
          lambda: _kpi_markdown(result, loaded, currency),
          lambda: _kpi_text(result, loaded, currency))
    if not options.record or editable is None:
        return
    figures = kpi_figures(result, currency)
    batch = plan_figures(loaded, figures, replace=options.replace, today=dt.date.today(),
                         as_baseline=True)
    if batch.refusals:
        raise UsageError(_("nothing was written: {refusals}").format(
            refusals=_("; ").join(r.message for r in batch.refusals)), batch.refusals[0].hint)
    if batch.writes:
        write_figures(plan_path, editable, batch.writes)
    baselines = sum(1 for w in batch.writes if w.baseline)
    output.line(_("{file}: figures recorded (baselines: {baselines}, snapshots: {snapshots}, "
                  "already there: {same})").format(file=plan_path, baselines=baselines,
                                          snapshots=len(batch.writes) - baselines,
                                          same=len(batch.unchanged)),
                style="green", stderr=options.output_format != "text")


def run_segments(options: Options) -> None:
    """Compute the RFM and plan segments, show them, record the plan segments if asked."""
    from crmplan.data.record import segment_writes, write_segments

    plan_path, editable, loaded, result = _run(options, 6, lambda lp: segment_columns,
                                               compute_segments)
    currency = loaded.plan.client.currency
    _show(options.output_format, lambda: report.segment_data(result),
          lambda: _segment_markdown(result, loaded, currency),
          lambda: _segment_text(result, loaded, currency))
    if not options.record or editable is None:
        return
    if not result.plan:
        raise UsageError(_("no segment of the plan has a rule; nothing to record"),
                         _("give a segment a rule: (see docs/data.md)"))
    writes = segment_writes(result, currency, options.replace)
    if writes.conflicts:
        raise UsageError(_("the plan already holds other figures (nothing was written): "
                           "{changes}").format(changes="; ".join(writes.conflicts)),
                         _("use --replace to overwrite them"))
    if writes.values:
        write_segments(editable, writes)
    output.line(_("{file}: {count} segment figures recorded").format(
        file=plan_path, count=len(writes.values)), style="green",
        stderr=options.output_format != "text")
    if writes.skipped:
        output.line(_("not recorded (no customer, or not shown: fewer than {count} customers, "
                      "or hidden with such a segment): {segments}").format(
            count=result.dataset.data.min_customers, segments=", ".join(writes.skipped)),
            style="yellow", stderr=options.output_format != "text")


def _show(output_format: str, data: Callable[[], object], markdown: Callable[[], str],
          text: Callable[[], None]) -> None:
    if output_format == "json":
        output.print_json(data())
    elif output_format == "md":
        output.write(markdown())
    else:
        text()


# -- text --------------------------------------------------------------------------------------


def _common_text(dataset: Dataset) -> None:
    for line in report.header_lines(dataset):
        output.line(line, style="dim")


def _problems_text(dataset: Dataset, currency: str) -> None:
    lines = report.problem_lines(dataset, currency)
    output.line()
    output.line(_("Data"), style="bold")
    for line in lines or [_("no problem found in the data")]:
        output.line("  " + line)


def _kpi_rows(result: KpiResult, loaded: LoadedPlan, currency: str) -> list[list[str]]:
    threshold = result.dataset.data.min_customers
    rows = []
    for row in result.rows:
        f, rec = row.figure, row.recorded
        name = report.kpi_label(f, loaded)
        recorded = _("{value} on {date}").format(
            value=report.measure_text(f.measure, rec.value, currency),
            date=rec.date.isoformat()) if rec else "–"
        rows.append([name, report.window_text(f), report.value_text(
            f, f.value, currency, threshold, result.dataset.first_day), recorded])
    return rows


def _standard_note() -> str:
    return _("Computed with crmplan's standard definitions (docs/data.md) over each KPI's "
             "period; the plan's own definition texts are not read.")


def _kpi_header() -> list[str]:
    return [_("figure"), _("period"), _("computed"), _("recorded")]


def _kpi_text(result: KpiResult, loaded: LoadedPlan, currency: str) -> None:
    output.line(labelled(_("Baseline from the data"), loaded.name), style="bold")
    _common_text(result.dataset)
    if result.rows:
        output.line()
        output.grid(_kpi_header(), _kpi_rows(result, loaded, currency))
        output.line()
        output.line(_standard_note(), style="dim")
    if result.not_computable:
        output.line()
        output.line(_("Not computable from these sources: {kpis}").format(
            kpis=join(k for k, _p in result.not_computable)))
    _problems_text(result.dataset, currency)


def _kpi_markdown(result: KpiResult, loaded: LoadedPlan, currency: str) -> str:
    lines = ["# " + labelled(_("Baseline from the data"), loaded.name), ""]
    lines += [f"- {line}" for line in report.header_lines(result.dataset)] + [""]
    lines += [*table(_kpi_header(), _kpi_rows(result, loaded, currency)), "",
              _standard_note(), ""]
    if result.not_computable:
        lines += [_("Not computable from these sources: {kpis}").format(
            kpis=join(k for k, _p in result.not_computable)), ""]
    return "\n".join(lines + _problems_markdown(result.dataset, currency)) + "\n"


def _problems_markdown(dataset: Dataset, currency: str) -> list[str]:
    lines = report.problem_lines(dataset, currency) or [_("no problem found in the data")]
    return ["## " + _("Data"), "", *(f"- {line.strip()}" for line in lines)]


def _segment_rows(result: SegmentResult, currency: str, plan: bool) -> list[list[str]]:
    rows = [[r.key if plan else _(r.name), *report.segment_cells(r, result, currency)]
            for r in (result.plan if plan else result.rfm)]
    if plan and result.unassigned is not None:
        rows.append([_("(no segment)"), *report.segment_cells(result.unassigned, result, currency)])
    return rows


def _segment_text(result: SegmentResult, loaded: LoadedPlan, currency: str) -> None:
    output.line(labelled(_("Segments from the data"), loaded.name), style="bold")
    _common_text(result.dataset)
    right = frozenset(range(1, 10))
    output.line()
    output.line(_("RFM segments"), style="bold")
    output.grid(report.segment_header(), _segment_rows(result, currency, False), right=right)
    for letter, edges in result.edges.items():
        output.line("  " + f"{letter.upper()} " + report.edge_text(
            letter, edges, currency, result), style="dim")
    if result.plan:
        output.line()
        output.line(_("Segments of the plan (by their rules)"), style="bold")
        output.grid(report.segment_header(), _segment_rows(result, currency, True),
                    right=right)
    output.line()
    for line in [_notice(result), *_hidden_notice(result)]:
        output.line(line, style="dim")
    _problems_text(result.dataset, currency)


def _notice(result: SegmentResult) -> str:
    threshold = result.dataset.data.min_customers
    if not result.totals:
        notice = _("Figures of fewer than {threshold} customers are not shown, nor the number "
                   "of customers with an order, which would give them away").format(
                       threshold=threshold)
    else:
        notice = _("{count} customers with an order; figures of fewer than {threshold} "
                   "customers are not shown").format(
                       count=format_number(result.customers, digits=0), threshold=threshold)
    return notice


def _hidden_notice(result: SegmentResult) -> list[str]:
    """A line that says why segments are marked hidden, when some are."""
    if not any(r.complementary for _t, r in result.rows):
        return []
    return [_("Segments marked hidden are not shown either, as their figures would give the "
              "smaller ones away.")]


def _segment_markdown(result: SegmentResult, loaded: LoadedPlan, currency: str) -> str:
    lines = ["# " + labelled(_("Segments from the data"), loaded.name), ""]
    lines += [f"- {line}" for line in report.header_lines(result.dataset)] + [""]
    lines += ["## " + _("RFM segments"), ""]
    lines += [*table(report.segment_header(), _segment_rows(result, currency, False)), ""]
    lines += [f"- {letter.upper()} " + report.edge_text(letter, edges, currency, result)
              for letter, edges in result.edges.items()]
    lines += [""] if result.edges else []
    if result.plan:
        lines += ["## " + _("Segments of the plan (by their rules)"), ""]
        lines += [*table(report.segment_header(), _segment_rows(result, currency, True)), ""]
    for line in [_notice(result), *_hidden_notice(result)]:
        lines += [line, ""]
    return "\n".join(lines + _problems_markdown(result.dataset, currency)) + "\n"
