"""``crmplan segment compute``: RFM scores and segments computed from the order export.

Nothing is written unless every step succeeded: the data is read, the rules
applied and every figure computed first (:mod:`crmplan.data.run`); only then
does ``--record`` check the figures against the plan and save them in one
atomic write.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from crmplan import output
from crmplan.data import report
from crmplan.data.compute import SegmentResult, compute_segments, segment_columns
from crmplan.data.record import segment_writes, write_segments
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
from crmplan.i18n import _, format_number, labelled
from crmplan.markdown import cell, table
from crmplan.plan.load import LoadedPlan
from crmplan.quoting import shown_path


def run(path: Path, *, fmt: str, lang: str | None, as_of: dt.date | None, record: bool,
        replace: bool, engine: str | None, memory_limit: str | None) -> int:
    """Compute the RFM and plan segments, show them, and with ``record`` fill the plan
    segments' figures into the plan."""
    output.use_format(fmt)  # a plan's problems too come as JSON under --format json
    computed = compute_from_data(DataRun(path, lang, as_of, record, engine, memory_limit), 6,
                                 output.progress, lambda lp: segment_columns, compute_segments)
    result, loaded = computed.result, computed.loaded
    currency = loaded.plan.client.currency
    if fmt == "json":
        output.print_json(report.segment_data(result))
    elif fmt == "md":
        output.write(_segment_markdown(result, loaded, currency))
    else:
        _segment_text(result, loaded, currency)
    if record:
        _record(computed, currency, replace=replace, stderr=fmt != "text")
    return 0


def _record(computed: Computed[SegmentResult], currency: str, *, replace: bool,
            stderr: bool) -> None:
    assert computed.editable is not None  # opened for editing, as it records
    result = computed.result
    if not result.plan:
        raise UsageError(_("no segment of the plan has a rule; nothing to record"),
                         _("give a segment a rule: (see docs/data.md)"))
    writes = segment_writes(result, currency, replace)
    if writes.conflicts:
        raise UsageError(_("the plan already holds other figures (nothing was written): "
                           "{changes}").format(changes="; ".join(writes.conflicts)),
                         _("use --replace to overwrite them"))
    if writes.values:
        write_segments(computed.editable, writes)
    output.line(_("{file}: {count} segment figures recorded").format(
        file=shown_path(computed.plan_path), count=len(writes.values)), style="green",
        stderr=stderr)
    if writes.skipped:
        output.line(_("not recorded (no customer, or not shown: fewer than {count} customers, "
                      "or hidden with such a segment): {segments}").format(
            count=result.dataset.data.min_customers, segments=", ".join(writes.skipped)),
            style="yellow", stderr=stderr)


def _segment_rows(result: SegmentResult, currency: str, plan: bool) -> list[list[str]]:
    rows = [[r.key if plan else _(r.name), *report.segment_cells(r, result, currency)]
            for r in (result.plan if plan else result.rfm)]
    if plan and result.unassigned is not None:
        rows.append([_("(no segment)"), *report.segment_cells(result.unassigned, result, currency)])
    return rows


def _segment_text(result: SegmentResult, loaded: LoadedPlan, currency: str) -> None:
    output.line(labelled(_("Segments from the data"), loaded.name), style="bold")
    for text, style in header_lines(result.dataset):
        output.line(text, style=style)
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
    for text, style in problem_section(result.dataset, currency):
        output.line(text, style=style)


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
    """Lines that say why segments are marked hidden, and why no mean is shown, when some
    segment is hidden."""
    found = []
    if any(r.complementary for _t, r in result.rows):
        found.append(_("Segments marked hidden are not shown either, as their figures would "
                       "give the smaller ones away."))
    if result.hides:
        found.append(_("While a segment is hidden, no segment's mean orders, days since the "
                       "last order and R/F/M scores are shown: with the score edges they "
                       "would give it away."))
    return found


def _segment_markdown(result: SegmentResult, loaded: LoadedPlan, currency: str) -> str:
    lines = ["# " + labelled(_("Segments from the data"), cell(loaded.name)), ""]
    lines += [f"- {cell(line)}" for line in report.header_lines(result.dataset)] + [""]
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
    return "\n".join(lines + problems_markdown(result.dataset, currency)) + "\n"
