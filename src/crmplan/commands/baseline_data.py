"""``crmplan baseline record | import | export``: KPI figures in and out of the plan."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from crmplan import output
from crmplan.baseline.csvfile import baseline_rows, export_figures, read_figures
from crmplan.baseline.record import Batch, NewFigure, Refusal, plan_figures, write_figures
from crmplan.commands.common import load_in_language
from crmplan.errors import Issue, PlanError, UsageError
from crmplan.i18n import _
from crmplan.plan.edit import EditablePlan
from crmplan.plan.load import LoadedPlan, load_bytes


def record(path: Path, figure: NewFigure, *, replace: bool, lang: str | None) -> None:
    """Append one dated figure to a KPI's snapshots (or replace the one of that date)."""
    plan_path, editable, loaded = open_for_edit(path, lang)
    batch = plan_figures(loaded, [figure], replace=replace, today=dt.date.today())
    if batch.refusals:
        refusal = batch.refusals[0]
        raise UsageError(refusal.message, refusal.hint)
    if batch.unchanged:
        output.line(_("KPI '{kpi}' already has this figure for {date}; nothing to do").format(
            kpi=figure.kpi, date=figure.date.isoformat()))
        return
    write_figures(plan_path, editable, batch.writes)
    done = _("Replaced KPI '{kpi}' on {date} in {file}") if batch.writes[0].index is not None \
        else _("Recorded KPI '{kpi}' on {date} in {file}")
    output.line(done.format(kpi=figure.kpi, date=figure.date.isoformat(), file=plan_path),
                style="green")


def import_csv(csv_path: Path, path: Path, *, replace: bool, dry_run: bool,
               lang: str | None) -> None:
    """Record every snapshot of a CSV file, or none if any row is wrong."""
    plan_path, editable, loaded = open_for_edit(path, lang, writing=not dry_run)
    name = str(csv_path)
    parsed = read_figures(csv_path, name)
    issues = parsed.issues + baseline_rows(loaded, parsed, name)
    batch = plan_figures(loaded, [r.figure for r in parsed.rows if not r.baseline],
                         replace=replace, today=dt.date.today())
    issues += [_refusal_issue(name, r, parsed.column(r.field)) for r in batch.refusals]
    if issues:
        raise PlanError(issues)
    if batch.writes and not dry_run:
        write_figures(plan_path, editable, batch.writes)
    _print_outcome(batch, sum(r.baseline for r in parsed.rows), plan_path, dry_run)


def _refusal_issue(name: str, refusal: Refusal, column: int) -> Issue:
    return Issue(name, refusal.figure.row, column, refusal.message, hint=refusal.hint,
                 rule=refusal.rule)


def _print_outcome(batch: Batch, baselines: int, plan_path: Path, dry_run: bool) -> None:
    added = sum(1 for w in batch.writes if w.index is None)
    replaced = len(batch.writes) - added
    text = _("{added} added, {replaced} replaced, {same} already recorded, {baselines} "
             "baseline rows matching the plan").format(
        added=added, replaced=replaced, same=len(batch.unchanged), baselines=baselines)
    if dry_run:
        output.line(_("Dry run, nothing written: {outcome}").format(outcome=text))
    else:
        output.line(_("{file}: {outcome}").format(file=plan_path, outcome=text), style="green")


def export_csv(path: Path, out: Path | None, *, force: bool) -> None:
    """Write every baseline and snapshot as CSV to ``out`` or to standard output."""
    _path, loaded = load_in_language(path, None)
    data = export_figures(loaded.plan.kpis)
    if out is None:
        output.write_bytes(data)
        return
    from crmplan.atomic import write_new_file

    if os.path.lexists(out) and not force:
        raise UsageError(_("{path} exists; nothing was written").format(path=out),
                         _("use --force to replace it"))
    write_new_file(out, data, force=force)  # with --force a symlink is replaced, not followed
    output.line(_("Wrote {file}").format(file=out), style="green", stderr=True)


def open_for_edit(path: Path, lang: str | None, *, writing: bool = True,
                  ) -> tuple[Path, EditablePlan, LoadedPlan]:
    """The plan's file, its editable text, and the plan loaded from that very text; a plan
    that cannot be written is refused here, unless not ``writing`` (a dry run)."""
    plan_path, loaded = load_in_language(path, lang)  # every check of a plan
    editable = EditablePlan.read(plan_path, writing=writing)
    if editable.render_bytes() != loaded.text.raw:  # changed between the two reads
        loaded = load_bytes(editable.render_bytes(), str(plan_path))
    return plan_path, editable, loaded
