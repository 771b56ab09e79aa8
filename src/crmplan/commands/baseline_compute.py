"""``crmplan baseline compute``: KPIs computed from the exports, beside the recorded ones.

Nothing is written unless every step succeeded: the data is read, the rules
applied and every figure computed first (:mod:`crmplan.data.run`); only then
does ``--record`` check the figures against the plan and save them in one
atomic write.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from crmplan import output
from crmplan.baseline.record import plan_figures, write_figures
from crmplan.data import report
from crmplan.data.compute import KpiResult, compute_kpis, kpi_columns
from crmplan.data.record import kpi_figures
from crmplan.data.run import (
    Computed,
    DataRun,
    compute_from_data,
    header_lines,
    problem_section,
    problems_markdown,
)
from crmplan.data.run import checked_as_of as checked_as_of  # for the CLI
from crmplan.data.run import checked_memory_limit as checked_memory_limit  # for the CLI
from crmplan.errors import UsageError
from crmplan.i18n import _, join, labelled
from crmplan.markdown import cell, table
from crmplan.plan.load import LoadedPlan
from crmplan.quoting import shown_path


def run(path: Path, *, fmt: str, lang: str | None, as_of: dt.date | None, record: bool,
        replace: bool, kpis: list[str], engine: str | None, memory_limit: str | None) -> int:
    """Compute the KPIs (only ``kpis``, if any are named), show them beside the recorded
    figures, and with ``record`` record them in the plan."""
    output.use_format(fmt)  # a plan's problems too come as JSON under --format json
    only = kpis or None
    computed = compute_from_data(
        DataRun(path, lang, as_of, record, engine, memory_limit), 6, output.progress,
        lambda lp: kpi_columns(lp, only), lambda e, lp, d, s: compute_kpis(e, lp, d, s, only))
    result, loaded = computed.result, computed.loaded
    currency = loaded.plan.client.currency
    if fmt == "json":
        output.print_json(report.kpi_data(result))
    elif fmt == "md":
        output.write(_kpi_markdown(result, loaded, currency))
    else:
        _kpi_text(result, loaded, currency)
    if record:
        _record(computed, currency, replace=replace, stderr=fmt != "text")
    return 0


def _record(computed: Computed[KpiResult], currency: str, *, replace: bool,
            stderr: bool) -> None:
    assert computed.editable is not None  # opened for editing, as it records
    batch = plan_figures(computed.loaded, kpi_figures(computed.result, currency),
                         replace=replace, today=dt.date.today(), as_baseline=True)
    if batch.refusals:
        raise UsageError(_("nothing was written: {refusals}").format(
            refusals=_("; ").join(r.message for r in batch.refusals)), batch.refusals[0].hint)
    if batch.writes:
        write_figures(computed.plan_path, computed.editable, batch.writes)
    baselines = sum(1 for w in batch.writes if w.baseline)
    output.line(_("{file}: figures recorded (baselines: {baselines}, snapshots: {snapshots}, "
                  "already there: {same})").format(
                      file=shown_path(computed.plan_path), baselines=baselines,
                      snapshots=len(batch.writes) - baselines, same=len(batch.unchanged)),
                style="green", stderr=stderr)


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
    for text, style in header_lines(result.dataset):
        output.line(text, style=style)
    if result.rows:
        output.line()
        output.grid(_kpi_header(), _kpi_rows(result, loaded, currency))
        output.line()
        output.line(_standard_note(), style="dim")
    if result.not_computable:
        output.line()
        output.line(_("Not computable from these sources: {kpis}").format(
            kpis=join(k for k, _p in result.not_computable)))
    for text, style in problem_section(result.dataset, currency):
        output.line(text, style=style)


def _kpi_markdown(result: KpiResult, loaded: LoadedPlan, currency: str) -> str:
    lines = ["# " + labelled(_("Baseline from the data"), cell(loaded.name)), ""]
    lines += [f"- {cell(line)}" for line in report.header_lines(result.dataset)] + [""]
    lines += [*table(_kpi_header(), _kpi_rows(result, loaded, currency)), "",
              _standard_note(), ""]
    if result.not_computable:
        lines += [_("Not computable from these sources: {kpis}").format(
            kpis=join(k for k, _p in result.not_computable)), ""]
    return "\n".join(lines + problems_markdown(result.dataset, currency)) + "\n"
