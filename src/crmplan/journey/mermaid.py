"""A journey as a Mermaid ``journey`` diagram, which GitHub draws inside Markdown.

The diagram has one statement per line: an ``%%{init}%%`` directive (the
layout, :data:`INIT`), ``journey``, ``title NAME``, ``section NAME`` (one per
stage) and task lines ``NAME: SCORE: ACTOR`` (one per touchpoint). Mermaid's
lexer reads ``#`` and ``%%`` as the start of a comment, ``:`` and ``;`` as
delimiters and a newline as the end of a statement, and a task whose name
starts with ``journey``, ``title``, ``section``, ``accTitle`` or ``accDescr``
as that keyword. So every name is made safe first (:func:`safe`,
:func:`task_name`): the characters Mermaid reads are replaced by their
full-width look-alikes, and so are ``<`` and ``>`` (a renderer could take
them for HTML); any run of whitespace, newlines included, becomes one space; a
keyword at the start of a task name gets an invisible word joiner after its
first letter. Whatever the plan's names hold, the diagram parses, and reads as
the plan wrote it.

Scores are Mermaid's integers 1 to 5 (emotion -2 to 2, plus 3). Each
touchpoint is one task: today's emotion is its score, for the actor "As-is",
and the to-be emotion is written in its name ("Checkout · to-be +1"); a
touchpoint with a to-be emotion alone is scored with it, for the actor
"To-be". A touchpoint without any emotion has no score to draw and is left out
(``crmplan journey`` lists it as a gap).

Mermaid gives every task a box of the same width side by side, so a journey of
sixteen touchpoints would be some 2,500 pixels wide, shrunk on GitHub until
nothing can be read. :func:`rows` cuts the journey into diagrams of at most
:data:`ROW` touchpoints each, in order (a stage that runs on repeats its
section's name), every one as wide as GitHub's page; :func:`diagram` keeps the
whole journey in one, for ``crmplan journey --format mermaid``.
"""

from __future__ import annotations

import itertools
import re

from crmplan.i18n import _
from crmplan.journey.data import JourneyMap, StageView, TouchpointView
from crmplan.journey.rules import mermaid_score

LOOK_ALIKES = str.maketrans({":": "：", ";": "；", "#": "＃", "%": "％", "<": "＜", ">": "＞"})
ACTOR_LOOK_ALIKES = str.maketrans({",": "，"})  # actors are a comma-separated list
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_KEYWORD = re.compile(r"(?i)(journey|title|section|acctitle|accdescr)")
WORD_JOINER = "\u2060"
TASK_INDENT = " " * 6
STATEMENT_INDENT = " " * 4
ROW = 5  # the most touchpoints in one diagram of :func:`rows`
# Narrower gaps between the tasks and a left margin that just holds the actors' legend:
# five tasks make a diagram about 880 pixels wide, within GitHub's page.
INIT = ('%%{init: {"journey": {"width": 140, "height": 64, "taskMargin": 10, "leftMargin": 100, '
        '"diagramMarginX": 20}}}%%')


def safe(text: str, fallback: str = "-") -> str:
    """``text`` on one line, without a character Mermaid would read as syntax."""
    value = " ".join(_CONTROL.sub(" ", text).translate(LOOK_ALIKES).split())
    return value or fallback


def task_name(text: str, fallback: str = "-") -> str:
    """A safe name that Mermaid cannot take for a keyword at the start of a line."""
    value = safe(text, fallback)
    if _KEYWORD.match(value):
        value = value[0] + WORD_JOINER + value[1:]
    return value


def actor(text: str) -> str:
    """An actor's name: safe, and without the comma that separates actors."""
    return safe(text).translate(ACTOR_LOOK_ALIKES)


def signed(emotion: int) -> str:
    """An emotion as the charts write it: ``+1``, ``0``, ``-2``."""
    return f"{emotion:+d}" if emotion else "0"


def diagram(journey: JourneyMap) -> str:
    """The Mermaid source of ``journey`` in one diagram, ending with a newline."""
    lines = _head(journey, title=True)
    as_is, to_be = actor(_("As-is")), actor(_("To-be"))
    for stage in journey.stages:
        lines.append(f"{STATEMENT_INDENT}section {safe(stage.name, stage.id)}")
        for touchpoint in stage.touchpoints:
            lines += _task(touchpoint, as_is, to_be)
    return "\n".join(lines) + "\n"


def rows(journey: JourneyMap) -> list[str]:
    """The Mermaid sources of ``journey`` in diagrams of at most :data:`ROW` scored
    touchpoints each, as even as can be; the journey's name is the first one's title."""
    scored = [(stage, t) for stage in journey.stages for t in stage.touchpoints
              if t.emotion is not None or t.emotion_to_be is not None]
    if not scored:
        return [diagram(journey)]
    count = -(-len(scored) // ROW)
    cuts = [len(scored) * n // count for n in range(count + 1)]
    return [_row(journey, scored[start:end], title=start == 0)
            for start, end in itertools.pairwise(cuts)]


def _head(journey: JourneyMap, *, title: bool) -> list[str]:
    lines = [INIT, "journey"]
    if title:
        lines.append(f"{STATEMENT_INDENT}title {safe(journey.name, journey.id)}")
    return lines


def _row(journey: JourneyMap, tasks: list[tuple[StageView, TouchpointView]], *,
         title: bool) -> str:
    lines = _head(journey, title=title)
    as_is, to_be = actor(_("As-is")), actor(_("To-be"))
    current: StageView | None = None
    for stage, touchpoint in tasks:
        if stage is not current:
            lines.append(f"{STATEMENT_INDENT}section {safe(stage.name, stage.id)}")
            current = stage
        lines += _task(touchpoint, as_is, to_be)
    return "\n".join(lines) + "\n"


def _task(touchpoint: TouchpointView, as_is: str, to_be: str) -> list[str]:
    """The touchpoint's one task: scored today with the to-be in its name, or scored with
    the to-be alone; none without an emotion."""
    if touchpoint.emotion is None:
        if touchpoint.emotion_to_be is None:
            return []
        name, score, who = touchpoint.name, touchpoint.emotion_to_be, to_be
    else:
        name, score, who = touchpoint.name, touchpoint.emotion, as_is
        if touchpoint.emotion_to_be is not None:
            name = _("{touchpoint} · to-be {emotion}").format(
                touchpoint=safe(name, touchpoint.id), emotion=signed(touchpoint.emotion_to_be))
    return [f"{TASK_INDENT}{task_name(name, touchpoint.id)}: {mermaid_score(score)}: {who}"]
