"""A journey as a Mermaid ``journey`` diagram, which GitHub draws inside Markdown.

The diagram has one statement per line: ``journey``, ``title NAME``,
``section NAME`` (one per stage) and task lines ``NAME: SCORE: ACTOR`` (one
per touchpoint and emotion). Mermaid's lexer reads ``#`` and ``%%`` as the
start of a comment, ``:`` and ``;`` as delimiters and a newline as the end of
a statement, and a task whose name starts with ``journey``, ``title``,
``section``, ``accTitle`` or ``accDescr`` as that keyword. So every name is
made safe first (:func:`safe`, :func:`task_name`): the characters Mermaid
reads are replaced by their full-width look-alikes, and so are ``<`` and ``>``
(a renderer could take them for HTML); any run of whitespace, newlines
included, becomes one space; a keyword at the start of a task name gets an
invisible word joiner after its first letter. Whatever the plan's names hold,
the diagram parses, and reads as the plan wrote it.

Scores are Mermaid's integers 1 to 5 (emotion -2 to 2, plus 3). A touchpoint
with today's emotion gets a task for the actor "As-is"; one with a to-be
emotion gets a second task, right after it, for the actor "To-be", so the two
curves are told apart by the actors' colours. A touchpoint without any emotion
has no score to draw and is left out (``crmplan journey`` lists it as a gap).
"""

from __future__ import annotations

import re

from crmplan.i18n import _
from crmplan.journey.data import JourneyMap, TouchpointView
from crmplan.journey.rules import mermaid_score

LOOK_ALIKES = str.maketrans({":": "：", ";": "；", "#": "＃", "%": "％", "<": "＜", ">": "＞"})
ACTOR_LOOK_ALIKES = str.maketrans({",": "，"})  # actors are a comma-separated list
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_KEYWORD = re.compile(r"(?i)(journey|title|section|acctitle|accdescr)")
WORD_JOINER = "\u2060"
TASK_INDENT = " " * 6
STATEMENT_INDENT = " " * 4


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


def diagram(journey: JourneyMap) -> str:
    """The Mermaid source of ``journey``, ending with a newline."""
    lines = ["journey", f"{STATEMENT_INDENT}title {safe(journey.name, journey.id)}"]
    as_is, to_be = actor(_("As-is")), actor(_("To-be"))
    for stage in journey.stages:
        lines.append(f"{STATEMENT_INDENT}section {safe(stage.name, stage.id)}")
        for touchpoint in stage.touchpoints:
            lines += _tasks(touchpoint, as_is, to_be)
    return "\n".join(lines) + "\n"


def _tasks(touchpoint: TouchpointView, as_is: str, to_be: str) -> list[str]:
    name = task_name(touchpoint.name, touchpoint.id)
    scored = ((touchpoint.emotion, as_is), (touchpoint.emotion_to_be, to_be))
    return [f"{TASK_INDENT}{name}: {mermaid_score(emotion)}: {who}"
            for emotion, who in scored if emotion is not None]
