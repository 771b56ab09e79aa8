"""The deck's closing slides: the strategy, the software, the rollout, the activity plan,
the reviews and the disclaimer."""

from __future__ import annotations

import re

from crmplan.analysis import PlanAnalysis
from crmplan.i18n import _, aside, join, join_texts, labelled, ngettext
from crmplan.render.deck.spec import Chart, Series, Slide, Stop
from crmplan.render.model.base import Part
from crmplan.render.model.operations import Activity
from crmplan.render.model.top import RenderContext
from crmplan.render.parts import DASH

SENTENCE = re.compile(r"(?<=[.!?。！？])\s*")


def strategy(context: RenderContext) -> Slide | None:
    """Step 6 on one slide: its first sentence as the title, the approach per segment."""
    s = context.strategy
    if not (s.summary or s.approaches):
        return None
    first = SENTENCE.split(s.summary.strip(), maxsplit=1)[0] if s.summary else ""
    title = first or _("One approach per segment")
    bullets = tuple(
        labelled(a.segment, a.approach) + (aside(a.channels) if a.channels else "")
        for a in s.approaches
    )
    notes = (
        s.summary or "",
        *_parts(s.data_handling),
        *_parts(s.privacy),
        *_parts(s.resources),
        s.executive_buy_in or "",
    )
    return Slide("strategy", title, step=6, bullets=bullets, notes=tuple(n for n in notes if n))


def _parts(parts: tuple[Part, ...]) -> list[str]:
    return [labelled(p.label, p.text) for p in parts if p.text]


def software(context: RenderContext, analysis: PlanAnalysis) -> Slide | None:
    """Step 7: the weighted totals of the candidates as bars, and the decision."""
    comparison = analysis.software
    if comparison is None or not comparison.candidates:
        return None
    candidates = comparison.candidates
    shown = context.software
    chart = Chart(
        "bar",
        _("Weighted score of each candidate, out of {max}").format(
            max=shown.candidates[0].max_total
        ),
        tuple(c.name for c in candidates),
        (Series(_("Weighted score"), tuple(c.total for c in candidates)),),
        number_format="0.0",
        bounds=(0.0, candidates[0].max_total),
    )
    chosen = next((c for c in shown.candidates if c.chosen), None)
    ranked = comparison.ranked()
    if chosen is not None:
        title = _("{name} is chosen: weighted score {total} of {max}").format(
            name=chosen.name, total=chosen.total, max=chosen.max_total
        )
    elif ranked:
        title = _("{name} leads the weighted comparison; no decision yet").format(
            name=ranked[0].name
        )
    else:
        title = _("No candidate has every required capability")
    bullets = tuple(
        labelled(
            c.name,
            _("{total} of {max}").format(total=c.total, max=c.max_total)
            + (aside(c.missing) if c.missing else ""),
        )
        for c in shown.candidates
    )
    notes = (
        [labelled(_("Decision"), f"{shown.decision.date} · {shown.decision.rationale}")]
        if shown.decision
        else []
    )
    notes += [
        labelled(c.name, labelled(_("first-year cost"), c.first_year)) for c in shown.candidates
    ]
    return Slide("software", title, step=7, bullets=bullets, charts=(chart,), notes=tuple(notes))


def rollout(context: RenderContext) -> Slide | None:
    """Step 8: the phases as a timeline, what each brings, training and feedback."""
    r = context.rollout
    if not r.phases:
        return None
    title = _("Roll out in {count} phases, one department at a time").format(count=len(r.phases))
    stops = tuple(
        Stop(_("Phase {number}").format(number=p.number), p.department, p.period) for p in r.phases
    )
    bullets = tuple(
        labelled(_("Phase {number}").format(number=p.number), p.scope) for p in r.phases if p.scope
    )
    notes = [
        labelled(_("Phase {number}").format(number=p.number), b)
        for p in r.phases
        for b in p.benefits
    ]
    notes += [labelled(t.audience, f"{t.topic} · {t.date} · {t.owner}") for t in r.trainings]
    notes += [labelled(f.name, f"{f.frequency} · {f.owner}") for f in r.feedback]
    return Slide("rollout", title, step=8, bullets=bullets, timeline=stops, notes=tuple(notes))


def activity(context: RenderContext) -> list[Slide]:
    """The activity plan's eight parts on two slides."""
    a = context.activity
    if a.omitted or a.todo is not None:
        return []
    first = _("The activity plan: {count} tasks with an owner and a date").format(
        count=len(a.organization)
    )
    second = (
        _("The activity plan returns {multiple} over {horizon}").format(
            multiple=a.roi.multiple, horizon=a.roi.horizon
        )
        if a.roi
        else _("The activity plan: systems, change and data")
    )
    return [
        Slide("activity-1", first, bullets=_people(a), notes=_people_notes(a)),
        Slide("activity-2", second, bullets=_means(a), notes=_means_notes(a)),
    ]


def _people(a: Activity) -> tuple[str, ...]:
    lines = (
        [labelled(_("Organisation"), join(dict.fromkeys(x.who for x in a.organization)))]
        if a.organization
        else []
    )
    lines += [labelled(_("Measurement loop"), a.measurement_loop)] if a.measurement_loop else []
    lines += [labelled(_("Communication"), _channels(a))] if a.communication else []
    lines += (
        [labelled(_("Response model"), join_texts(p.label for p in a.response_model))]
        if a.response_model
        else []
    )
    return tuple(lines)


def _channels(a: Activity) -> str:
    """Each segment once, with the channels it is reached by: ``VIP (KakaoTalk, phone)``."""
    by_segment: dict[str, dict[str, None]] = {}
    for c in a.communication:
        by_segment.setdefault(c.segment, {})[c.channel] = None
    return join(segment + aside(join(channels)) for segment, channels in by_segment.items())


def _people_notes(a: Activity) -> tuple[str, ...]:
    notes = [labelled(x.who, f"{x.what} · {x.by} · {x.role}") for x in a.organization]
    notes += [labelled(c.segment, f"{c.channel} · {c.message}") for c in a.communication]
    return tuple(notes + _parts(a.response_model))


def _means(a: Activity) -> tuple[str, ...]:
    lines = (
        [labelled(_("Systems"), join_texts(s.requirement for s in a.systems))] if a.systems else []
    )
    lines += (
        [labelled(_("Change management"), join_texts(p.label for p in a.change))]
        if a.change
        else []
    )
    lines += (
        [
            labelled(
                _("Return on investment"),
                _("{investment} in, {back} back").format(
                    investment=a.roi.investment, back=a.roi.expected_return
                ),
            )
        ]
        if a.roi
        else []
    )
    lines += [labelled(_("Data"), join_texts(p.label for p in a.data))] if a.data else []
    return tuple(lines)


def _means_notes(a: Activity) -> tuple[str, ...]:
    notes = [
        labelled(s.sourcing, join_texts(t for t in (s.requirement, s.notes) if t != DASH))
        for s in a.systems
    ]
    notes += _parts(a.change) + _parts(a.data)
    notes += list(a.roi.assumptions) if a.roi else []
    return tuple(notes)


def reviews(context: RenderContext) -> Slide | None:
    """Step 10: the review schedule and the decisions in force."""
    r = context.reviews
    if not (r.decisions or r.log):
        return None
    title = ngettext(
        "{count} decision in force, reviewed on a fixed schedule",
        "{count} decisions in force, reviewed on a fixed schedule",
        len(r.decisions),
    ).format(count=len(r.decisions))
    bullets = (
        labelled(_("Review schedule"), r.schedule),
        *(labelled(d.date, d.summary) for d in r.decisions),
    )
    notes = tuple(labelled(d.date, d.rationale) for d in r.decisions if d.rationale)
    notes += tuple(labelled(entry.date, f) for entry in r.log for f in entry.findings)
    return Slide("reviews", title, step=10, bullets=bullets, notes=notes)


def disclaimer(context: RenderContext) -> Slide | None:
    """The precautions and disclaimer that close the deck."""
    d = context.disclaimer
    if d.text is None:
        return None
    return Slide("disclaimer", _("Precautions and disclaimer"), bullets=(d.text,), notes=(d.lead,))
