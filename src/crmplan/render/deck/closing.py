"""The deck's closing slides: the strategy, the software, the rollout, the activity plan,
the reviews and the disclaimer."""

from __future__ import annotations

import re

from crmplan.analysis import PlanAnalysis
from crmplan.i18n import _, aside, between, join, join_texts, labelled, ngettext, pgettext
from crmplan.render.deck.spec import Chart, Series, Slide, Stop
from crmplan.render.model.base import Part
from crmplan.render.model.operations import Activity
from crmplan.render.model.top import RenderContext
from crmplan.render.parts import DASH

SENTENCE = re.compile(r"(?<=[.!?。！？])\s*")
CLAUSE = re.compile(r"(?<=[.!?。！？;；])\s+|(?<=[。！？；])")
CLAUSE_ENDS = ".。;；,，、"


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
            pgettext("a weighted score", "{total} of {max}").format(total=c.total, max=c.max_total)
            + (aside(c.missing) if c.missing else ""),
        )
        for c in shown.candidates
    )
    notes = (
        [labelled(_("Decision"), between().join((shown.decision.date, shown.decision.rationale)))]
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
    notes += [labelled(t.audience, between().join((t.topic, t.date, t.owner))) for t in r.trainings]
    notes += [labelled(f.name, between().join((f.frequency, f.owner))) for f in r.feedback]
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
        _listed("activity-1", first, _people(a), _people_notes(a)),
        _listed("activity-2", second, _means(a), _means_notes(a)),
    ]


Lines = list[tuple[str, int]]  # a slide's bullets, each with its level


def _listed(key: str, title: str, lines: Lines, notes: tuple[str, ...]) -> Slide:
    return Slide(
        key,
        title,
        bullets=tuple(text for text, _level in lines),
        levels=tuple(level for _text, level in lines),
        notes=notes,
    )


def gist(text: str) -> str:
    """The first sentence or clause of ``text``, for a bullet (the whole is in the notes)."""
    return CLAUSE.split(text.strip(), maxsplit=1)[0].rstrip(CLAUSE_ENDS)


def _headed(label: str, texts: list[str]) -> Lines:
    """``label`` and, under it, the gist of each text; nothing when there is no text."""
    shown = [t for t in texts if t.strip()]
    return [(label, 0), *((gist(t), 1) for t in shown)] if shown else []


def _parts_under(label: str, parts: tuple[Part, ...]) -> Lines:
    """``label`` and, under it, each part with the gist of its text; nothing when no part
    has a text (a line of headings alone says nothing)."""
    shown = [p for p in parts if p.text]
    if not shown:
        return []
    return [(label, 0), *((labelled(p.label, gist(p.text or "")), 1) for p in shown)]


def _people(a: Activity) -> Lines:
    lines: Lines = (
        [(labelled(_("Organisation"), join(dict.fromkeys(x.who for x in a.organization))), 0)]
        if a.organization
        else []
    )
    if a.measurement_loop:
        lines.append((labelled(_("Measurement loop"), gist(a.measurement_loop)), 0))
    if a.communication:
        lines.append((labelled(_("Communication"), _channels(a)), 0))
    return lines + _parts_under(_("Response model"), a.response_model)


def _channels(a: Activity) -> str:
    """Each segment once, with the channels it is reached by: ``VIP (KakaoTalk, phone)``."""
    by_segment: dict[str, dict[str, None]] = {}
    for c in a.communication:
        by_segment.setdefault(c.segment, {})[c.channel] = None
    return join(segment + aside(join(channels)) for segment, channels in by_segment.items())


def _people_notes(a: Activity) -> tuple[str, ...]:
    notes = [labelled(x.who, between().join((x.what, x.by, x.role))) for x in a.organization]
    notes += [labelled(_("Measurement loop"), a.measurement_loop)] if a.measurement_loop else []
    notes += [labelled(c.segment, between().join((c.channel, c.message))) for c in a.communication]
    return tuple(notes + _parts(a.response_model))


def _means(a: Activity) -> Lines:
    lines = _headed(_("Systems"), [s.requirement for s in a.systems])
    lines += _parts_under(_("Change management"), a.change)
    if a.roi:
        back = _("{investment} in, {back} back").format(
            investment=a.roi.investment, back=a.roi.expected_return
        )
        lines.append((labelled(_("Return on investment"), back), 0))
    return lines + _parts_under(_("Data"), a.data)


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
    return Slide(
        "disclaimer",
        _("Precautions and disclaimer"),
        bullets=(d.text,),
        notes=(d.lead,),
        bulleted=False,
    )
