"""``crmplan baseline import``: the snapshots of a CSV file recorded in the plan, all or none."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from crmplan import output
from crmplan.baseline.csvfile import COLUMNS, REQUIRED, baseline_rows, read_figures
from crmplan.baseline.record import Batch, Refusal, plan_figures, write_figures
from crmplan.errors import Issue, PlanError
from crmplan.i18n import _, active_language
from crmplan.plan.language import open_for_edit
from crmplan.quoting import shown_path


def columns() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The CSV file's columns and those a row must fill in, as the help lists them."""
    return COLUMNS, REQUIRED


def run(path: Path, *, fmt: str, lang: str | None, file: Path, replace: bool,
        dry_run: bool, before_baseline: bool = False, encoding: str | None = None) -> int:
    """Record every snapshot of the CSV ``file`` in the plan at ``path``, or none if any row
    is wrong; with ``dry_run``, check and say what would change, writing nothing. A row
    dated before its KPI's baseline is wrong unless ``before_baseline``. The file is read
    as ``encoding`` (default UTF-8)."""
    output.use_format(fmt)
    plan_path, editable, loaded = open_for_edit(path, lang, writing=not dry_run)
    name = str(file)
    parsed = read_figures(file, name, encoding, active_language())
    issues = parsed.issues + baseline_rows(loaded, parsed, name)
    batch = plan_figures(loaded, [r.figure for r in parsed.rows if not r.baseline],
                         replace=replace, today=dt.date.today(),
                         before_baseline=before_baseline)
    issues += [_refusal_issue(name, r, parsed.column(r.field)) for r in batch.refusals]
    if issues:
        raise PlanError(issues)
    if batch.writes and not dry_run:
        write_figures(plan_path, editable, batch.writes)
    _print_outcome(batch, sum(r.baseline for r in parsed.rows), plan_path, dry_run)
    return 0


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
        output.line(_("{file}: {outcome}").format(file=shown_path(plan_path), outcome=text),
                    style="green")
