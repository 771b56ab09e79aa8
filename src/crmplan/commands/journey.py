"""``crmplan journey``: the customer journey map, its rankings and its coverage gaps."""

from __future__ import annotations

from pathlib import Path

from crmplan import output
from crmplan.analysis import PlanAnalysis
from crmplan.errors import UsageError
from crmplan.i18n import _
from crmplan.journey.build import only
from crmplan.journey.data import JourneyReport
from crmplan.plan.language import load_in_language
from crmplan.quoting import shown_path

EXIT_GAPS = 1  # with --strict, a coverage gap fails like a plan problem


def run(path: Path, *, fmt: str, lang: str | None, journey: str | None, strict: bool) -> int:
    """Print the journey map; return 1 under ``strict`` when there are coverage gaps."""
    output.use_format(fmt)
    _path, loaded = load_in_language(path, lang)
    report = only(loaded, PlanAnalysis(loaded).journeys, journey).without(loaded.ignored)
    if fmt == "mermaid":
        output.write(_mermaid(report))
    elif fmt == "json":
        from crmplan.journey.report import to_data

        output.print_json(to_data(report))
    elif fmt == "md":
        from crmplan.journey.report import to_markdown

        output.write(to_markdown(report))
    else:
        from crmplan.journey.text import report_lines

        output.lines(report_lines(report))
    return EXIT_GAPS if strict and report.all_findings else 0


def _mermaid(report: JourneyReport) -> str:
    """One diagram: the plan's only journey, or the one chosen with --journey."""
    from crmplan.journey.mermaid import diagram

    if len(report.journeys) == 1:
        return diagram(report.journeys[0])
    if not report.journeys:
        raise UsageError(_("{file}: there is no journey to draw").format(
            file=shown_path(report.plan)),
                         hint=_("map one under 'journeys:' first"))
    ids = ", ".join(j.id for j in report.journeys)
    raise UsageError(_("{file}: a Mermaid diagram shows one journey, and this plan has "
                       "{count}").format(file=shown_path(report.plan), count=len(report.journeys)),
                     hint=_("choose one with --journey: {ids}").format(ids=ids))
