"""``crmplan segment``: reach and value, the task force's ranking, offers, measured campaigns."""

from __future__ import annotations

from pathlib import Path

from crmplan import output
from crmplan.analysis import PlanAnalysis
from crmplan.findings import Severity, severity_label
from crmplan.i18n import _, colon, join, labelled
from crmplan.plan.language import load_in_language
from crmplan.quoting import shown_path
from crmplan.segment import checks, labels
from crmplan.segment.report import to_data, to_markdown
from crmplan.segment.rules import AXES
from crmplan.segment.views import Analysis, CampaignView, SegmentReport


def run(path: Path, *, fmt: str, lang: str | None, strict: bool) -> int:
    """Print the report; 1 when it has errors (or warnings, under ``strict``), else 0."""
    output.use_format(fmt)
    _path, loaded = load_in_language(path, lang)
    report = PlanAnalysis(loaded).segments.without(loaded.ignored)
    if fmt == "json":
        output.print_json(to_data(report))
    elif fmt == "md":
        output.write(to_markdown(report))
    else:
        print_report(report)
    return report.exit_code(strict)


# -- the terminal report ------------------------------------------------------------------


def print_report(report: SegmentReport) -> None:
    a = report.analysis
    figures = labels.Figures(a.currency)
    output.line(_("Segments of {client} ({plan})").format(client=a.client, plan=shown_path(a.plan)),
                style="bold")
    for part in (_reach, _ranking, _sensitivity, _offers, _campaigns, _matrix):
        output.line()
        part(a, figures)
    output.line()
    _findings(report)


def _heading(text: str) -> None:
    output.line(text, style="bold")


def _reach(a: Analysis, f: labels.Figures) -> None:
    _heading(_("Reach and value"))
    for s in a.segments:
        output.line("  " + labelled(s.id, f"{s.name} — {s.definition}"))
    if not a.segments:
        output.line("  " + _("No segments yet."))
        return
    output.line()
    output.grid([_("segment"), _("customers"), _("contactable"), _("reachable"),
                 _("consented"), _("targetable")],
                [[s.id, f.count(s.size), f.pct(s.contactable_pct), f.count(s.reachable),
                  f.pct(s.consented_pct), labels.reach_label(s)] for s in a.segments],
                right=frozenset({1, 2, 3, 4}))
    output.line()
    output.grid([_("segment"), _("revenue share"), _("annual revenue"),
                 _("value per customer"), _("segment long-term value")],
                [[s.id, f.pct(s.revenue_share_pct), f.money(s.annual_revenue),
                  f.money(s.long_term_value), f.money(s.total_long_term_value)]
                 for s in a.segments], right=frozenset({1, 2, 3, 4}))
    _timing_and_programme(a, f)


def _timing_and_programme(a: Analysis, f: labels.Figures) -> None:
    """When each segment's customers buy, and whether it can pay for its programme."""
    shown = [s for s in a.segments if s.purchase_timing or s.programme]
    if shown:
        output.line()
    for s in shown:
        if s.purchase_timing:
            output.line("  " + labelled(s.id, _("buys {timing}").format(timing=s.purchase_timing)))
        if s.programme:
            output.line("  " + labelled(s.id, labels.programme_text(s.programme, f)),
                        style="yellow" if s.programme.pays is False else None)


def _ranking(a: Analysis, f: labels.Figures) -> None:
    _heading(_("Task-force ranking"))
    output.line("  " + labels.ranking_basis(a))
    for number, c in enumerate(a.criteria, 1):
        output.line(f"  C{number} {labels.criterion_name(c)} ×{f.number(c.weight)}",
                    style="dim")
    header = [_("rank"), _("segment"), _("total"), _("out of"), _("mean score"), _("members")]
    header += [f"C{n}" for n in range(1, len(a.criteria) + 1)]
    rows = [[labels.rank_label(r), r.segment, labels.total_cell(r, f), f.score(r.max_total),
             f.score(r.score), labels.members_cell(r, a)]
            + [f.score(s.mean) for s in r.criteria] for r in a.ranking]
    output.line()
    output.grid(header, rows, right=frozenset(range(2, len(header))))
    legend = labels.incomplete_legend(a)
    if legend:
        output.line("  " + legend, style="dim")
    _missing(a)


def _missing(a: Analysis) -> None:
    if not a.missing or not a.sheets:
        return
    output.line()
    _heading(_("Missing scores"))
    for member, _name in a.members:
        gaps = [m.segment if m.whole_sheet else f"{m.segment} ({', '.join(m.criteria)})"
                for m in a.missing if m.member == member]
        if gaps:
            output.line("  " + labelled(member, checks.listed(gaps)))


def _sensitivity(a: Analysis, f: labels.Figures) -> None:
    _heading(_("Sensitivity of the top"))
    output.line("  " + labels.sensitivity_summary(a))
    for c in a.sensitivity.checks:
        if c.changed:
            output.line("  " + _("{criterion} {change}% (weight {weight}): top becomes "
                                 "{top}").format(criterion=c.criterion,
                                                 change=f"{c.change_pct:+d}",
                                                 weight=f.number(c.weight),
                                                 top=", ".join(c.leaders)), style="yellow")


def _offers(a: Analysis, f: labels.Figures) -> None:
    _heading(_("Offers of the targeted segments"))
    targeted = checks.targeted(a)
    for s in targeted:
        if not s.offers:
            output.line("  " + labelled(s.id, _("no offer yet")), style="yellow")
        for o in s.offers:
            output.line(f"  {s.id} / {o.id}")
            for name, value in labels.offer_terms(o):
                output.line("    " + labelled(name, value))
    if not targeted:
        output.line("  " + _("No segment is targeted yet."))


def _campaigns(a: Analysis, f: labels.Figures) -> None:
    _heading(_("Campaigns"))
    for c in a.campaigns:
        _campaign(c, f)
    if not a.campaigns:
        output.line("  " + _("No campaign is planned yet."))


def _campaign(c: CampaignView, f: labels.Figures) -> None:
    kind = _("test campaign") if c.test else _("campaign")
    target = f"{c.segment} / {c.offer}" if c.offer else c.segment
    output.line("  " + labelled(c.id, _("{name} ({kind}; {target})").format(
        name=c.name, kind=kind, target=target)))
    covers = labels.covers_text(c)
    output.line("    " + _("cost {cost}, expected return {gain}, net {net}: {verdict}").format(
        cost=f.money(c.cost), gain=f.money(c.expected_return), net=f.money(c.net),
        verdict=covers), style=None if c.covers_cost else "yellow")
    output.line("    " + _("measured by {metric}, {method}, {period}").format(
        metric=c.metric, method=labels.method_label(c.method),
        period=labels.campaign_period(c)))
    output.line("    " + _("comparison group: {group}").format(group=c.comparison_group))
    if c.revenue_conversion:
        output.line("    " + _("revenue conversion: {text}").format(text=c.revenue_conversion))
    if c.simulated:
        output.line("    " + labels.simulation_text(c.simulated, f),
                    style=None if c.simulated.covers_cost is not False else "yellow")
    for r in c.results:
        output.line("    " + labels.result_text(r, f), style="dim")


def _matrix(a: Analysis, f: labels.Figures) -> None:
    _heading(_("Priority matrix (0 to 1)"))
    for axis, names in labels.axis_sources(a):
        output.line("  " + labelled(axis, names), style="dim")
    ease, value = AXES
    output.grid([_("segment"), _(ease.label), _(value.label), _("quadrant")],
                [[p.segment, f.number(p.ease), f.number(p.value),
                  labels.quadrant_label(p.quadrant)] for p in a.matrix.points],
                right=frozenset({1, 2}))
    if a.matrix.unplaced:
        output.line("  " + _("Not placed (nothing to place them by): {segments}").format(
            segments=join(a.matrix.unplaced)))


def _findings(report: SegmentReport) -> None:
    _heading(_("Findings"))
    for x in report.findings:
        output.line(f"  {x.location}: {severity_label(x.severity)}{colon()}{x.message}  [{x.code}]",
                    style=output.SEVERITY_STYLES[x.severity])
        if x.hint:
            output.line("      " + labelled(_("hint"), x.hint), style="dim")
    if not report.findings:
        output.line("  " + _("No findings."))
    output.line(f"{report.analysis.plan}: " + labels.counts_line(
        report.count(Severity.ERROR), report.count(Severity.WARNING),
        report.count(Severity.NOTE)),
        style="red bold" if report.count(Severity.ERROR) else "green")
