"""``crmplan baseline record``: a dated KPI figure appended to the plan, the rest kept as is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from crmplan import output
from crmplan.baseline.record import NewFigure, figure_method, plan_figures, write_figures
from crmplan.errors import UsageError
from crmplan.i18n import _
from crmplan.plan.language import open_for_edit
from crmplan.quoting import shown_path


def run(path: Path, *, fmt: str, lang: str | None, kpi: str, value: float,
        day: dt.date | None, source: str | None, note: str | None, replace: bool,
        before_baseline: bool = False, method: str | None = None) -> int:
    """Append the figure of ``day`` (default today) to a KPI's snapshots (or, with
    ``replace``, replace the one of that date); one dated before the KPI's baseline only
    with ``before_baseline``. ``method`` says how it was obtained (model: FigureMethod)."""
    output.use_format(fmt)
    figure = NewFigure(kpi, day or dt.date.today(), value, source, note,
                       method=figure_method(method))
    plan_path, editable, loaded = open_for_edit(path, lang)
    batch = plan_figures(loaded, [figure], replace=replace, today=dt.date.today(),
                         before_baseline=before_baseline)
    if batch.refusals:
        refusal = batch.refusals[0]
        raise UsageError(refusal.message, refusal.hint)
    if batch.unchanged:
        output.line(_("KPI '{kpi}' already has this figure for {date}; nothing to do").format(
            kpi=figure.kpi, date=figure.date.isoformat()))
        return 0
    write_figures(plan_path, editable, batch.writes)
    done = _("Replaced KPI '{kpi}' on {date} in {file}") if batch.writes[0].index is not None \
        else _("Recorded KPI '{kpi}' on {date} in {file}")
    output.line(done.format(kpi=figure.kpi, date=figure.date.isoformat(),
                            file=shown_path(plan_path)),
                style="green")
    return 0
