"""How the journey map's values read in the active language (text and Markdown alike)."""

from __future__ import annotations

from crmplan import names
from crmplan.i18n import _, aside, join
from crmplan.journey.data import KpiLink, TouchpointView
from crmplan.journey.rules import PainScore
from crmplan.kpi.progress import STATUS_NAMES
from crmplan.kpi.values import change_text, figures_size
from crmplan.model.journey import OpportunityStatus

ARROW = "→"


def signed(value: float | None) -> str:
    """``+1``, ``0``, ``-1.5``; ``?`` when unknown."""
    if value is None:
        return "?"
    text = f"{value:+.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("+0", "-0") else text


def emotion(today: float | None, to_be: float | None) -> str:
    """``-1 → +1`` when a to-be is designed, else today's emotion alone."""
    if to_be is None:
        return signed(today)
    return f"{signed(today)} {ARROW} {signed(to_be)}"


def evidence(touchpoint: TouchpointView) -> str:
    """``analytics (researched)``, ``assumed (not researched)`` or ``not stated``."""
    if touchpoint.evidence is None:
        return _("not stated")
    kind = _("researched") if touchpoint.researched else _("not researched")
    return names.evidence(touchpoint.evidence) + aside(kind)


def kpi(link: KpiLink, by_name: bool = False) -> str:
    """``nps (at risk, +8 to go)``; ``by_name``: ``Net promoter score (at risk, ...)``. The gap
    is the strategy's: in the KPI's unit, a rate's in points."""
    state = _(STATUS_NAMES[link.status])
    standing = link.standing
    if link.remaining_pct and standing.gap:
        gap = change_text(standing.gap, standing.spec.unit, link.currency,
                          figures_size(standing))
        state = _("{status}, {gap} to go").format(status=state, gap=gap)
    label = link.name if by_name else link.id
    return label + aside(state, after=label)


def kpis(links: tuple[KpiLink, ...], by_name: bool = False) -> str:
    return join(kpi(k, by_name) for k in links) or _("none")


def score(parts: PainScore) -> str:
    """``20 = severity 10 + emotion 4 + barriers 2 + KPI 4``."""
    return _("{total} = severity {severity} + emotion {emotion} + barriers {barriers} + "
             "KPI {kpi}").format(total=parts.total, severity=parts.severity,
                                 emotion=parts.emotion, barriers=parts.barriers, kpi=parts.kpi)


def status(value: str) -> str:
    return names.name(OpportunityStatus(value))
