"""Turn plan text into plain Python data, recording where every key and value stands.

crmplan builds the data from ruamel.yaml's event stream itself instead of using
a constructor, so that every trap is caught while parsing, with a position:
alias bombs and recursive aliases, deep nesting, tags, several documents,
``%YAML`` directives, duplicate and non-text keys, huge and non-finite
numbers. Scalars are resolved with YAML 1.2's rules (``no`` stays text).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

from crmplan import rules
from crmplan.errors import Issue, PlanError
from crmplan.findings import Rule
from crmplan.i18n import _, active_language
from crmplan.plan.libyaml import fast_events, fast_path_allowed
from crmplan.plan.reader import BIDI_CONTROLS, FORBIDDEN_CHARACTERS
from crmplan.plan.scalars import (
    CONVERTERS,
    BadScalar,
    non_text_key_message,
    scalar_kind,
    unfolded,
)
from crmplan.plan.source import Mark, PlanPath, SourceMap
from crmplan.plan.yamlspec import SpecCheck, YamlRefused
from crmplan.quoting import shown

MAX_DEPTH = 64
MAX_ALIASES = 200
MAX_NODES = 1_000_000

_NO_KEY = object()
_BAD_KEY = object()


# What ruamel.yaml says when a line is indented too far or not far enough.
_INDENTATION_PROBLEMS = (
    "expected <block end>",
    "mapping values are not allowed here",
    "did not find expected key",
    "could not find expected ':'",
)


class _Fatal(Exception):
    """Stop reading: nothing after this point can be trusted."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.message)
        self.issue = issue


@dataclass
class _Frame:
    value: dict[str, Any] | list[Any]
    path: PlanPath
    anchor: str | None
    start_count: int
    start: Mark
    in_key: bool = False  # part of a (complex) key: its positions are not recorded
    key: Any = _NO_KEY
    key_mark: Mark | None = None


@dataclass
class ParsedYaml:
    """The plain data of a YAML document and where each part of it stands."""

    data: Any
    source: SourceMap
    issues: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)


_RECENT: dict[tuple[str, str, str], ParsedYaml] = {}  # the last parses that succeeded
_RECENT_KEPT = 2


def parse_yaml(text: str, name: str) -> ParsedYaml:
    """Parse one YAML document; the same text, name and language parsed again is the
    same result, shared (a write-back reads its plan, then the editor, the check of the
    edit and the check before saving read the same two texts again). Nobody mutates it.

    Problems that leave the rest of the data trustworthy (a duplicate or
    non-text key, a scalar a plan cannot hold) come back in ``issues`` so the
    caller can report them with the schema's findings; anything else raises
    PlanError.
    """
    text = text.replace("\r\n", "\n")
    key = (text, name, active_language())
    if key in _RECENT:
        return _RECENT[key]
    parsed = _parse(text, name)
    if len(_RECENT) >= _RECENT_KEPT:
        del _RECENT[next(iter(_RECENT))]
    _RECENT[key] = parsed
    return parsed


def _parse(text: str, name: str) -> ParsedYaml:
    builder = _Builder(text, name, fast=fast_path_allowed(text))
    builder.run()
    if builder.issues and builder.fast:  # the pure parser's words and positions for errors
        builder = _Builder(text, name, fast=False)
        builder.run()
    elif builder.fast and os.environ.get(CHECK_FAST_PATH):
        _check_fast_path(builder, text, name)
    if builder.issues:
        raise PlanError(builder.issues + builder.soft)
    return ParsedYaml(builder.root, builder.source, builder.soft, builder.warnings)


@dataclass(frozen=True)
class CleanParse:
    """A text :func:`parse_yaml` reads without a problem, a warning, an anchor or an alias:
    its data and marks, and how many values it holds (the limit of :data:`MAX_NODES`)."""

    data: Any
    source: SourceMap
    nodes: int


def parse_clean(text: str, name: str) -> CleanParse | None:
    """``text`` read exactly as :func:`parse_yaml` reads it, or None if that reading finds
    anything to report or holds an anchor or an alias (a caller then reads the whole text
    with :func:`parse_yaml`, for its messages). Not kept among the recent parses."""
    text = text.replace("\r\n", "\n")
    builder = _Builder(text, name, fast=fast_path_allowed(text))
    builder.run()
    if builder.issues or builder.soft or builder.warnings:
        return None
    if builder.anchors or builder.aliases:
        return None
    if builder.fast and os.environ.get(CHECK_FAST_PATH):
        _check_fast_path(builder, text, name)
    return CleanParse(builder.root, builder.source, builder.count)


class _Builder:
    def __init__(self, text: str, name: str, fast: bool = False) -> None:
        self.fast = fast
        self._handlers: dict[type, Any] = {}
        self.text = text
        self.name = name
        self.keys: dict[PlanPath, Mark] = {}
        self.values: dict[PlanPath, Mark] = {}
        self.ends: dict[PlanPath, Mark] = {}
        self.source = SourceMap(name, text, self.keys, self.values, self.ends)
        self.issues: list[Issue] = []  # after these, nothing read can be trusted
        self.soft: list[Issue] = []  # these spoil one key or value only
        self.warnings: list[Issue] = []  # these spoil nothing, but a reader should know
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: list[str] = []
        self.root: Any = None
        self.count = 0
        self.aliases = 0
        self.documents = 0
        self.last_mark = Mark(1, 1, 0)
        self.last_end = Mark(1, 1, 0)
        self.spec = SpecCheck(text)

    # -- driving the parser -------------------------------------------------
    def run(self) -> None:
        from ruamel.yaml.error import MarkedYAMLError

        try:
            for event in _guarded(self._events(), self):
                self.last_mark = _mark(event.start_mark)
                self.spec.event(event, self.last_mark.offset, _mark(event.end_mark).offset)
                self._dispatch(event)
                self.last_end = _mark(event.end_mark)
        except _Fatal as fatal:
            self.issues.append(fatal.issue)
        except YamlRefused as refused:
            self.issues.append(self._refused_issue(refused))
        except MarkedYAMLError as exc:
            self.issues.append(self._syntax_issue(exc))
        except RecursionError:
            self.issues.append(self._issue(self.last_mark, _("nesting too deep"),
                                           rules.TOO_LARGE))

    def _events(self) -> Any:
        from ruamel.yaml import YAML

        if self.fast:
            return fast_events(self.text)
        return YAML(typ="safe", pure=True).parse(self.text)

    def _dispatch(self, event: Any) -> None:
        kind = type(event)
        handler = self._handlers.get(kind)
        if handler is None:
            handler = self._handlers[kind] = getattr(self, "_on_" + kind.__name__, _ignore)
        handler(event)

    # -- documents ----------------------------------------------------------
    def _on_DocumentStartEvent(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            raise _Fatal(self._issue(_mark(event.start_mark), _(
                "a second YAML document starts here; a plan file holds exactly one"),
                rules.SECOND_DOCUMENT))
        version = getattr(event, "version", None)
        if version is not None and tuple(version) != (1, 2):
            raise _Fatal(self._issue(self._directive_mark("YAML", event), _(
                "%YAML {version} directive: crmplan reads plans as YAML 1.2; "
                "remove the directive").format(version=".".join(map(str, version))),
                rules.YAML_DIRECTIVE))
        if getattr(event, "tags", None):
            raise _Fatal(self._issue(self._directive_mark("TAG", event), _(
                "%TAG directives are not allowed in a plan; remove the line"),
                rules.YAML_DIRECTIVE))

    def _directive_mark(self, name: str, event: Any) -> Mark:
        """Where the last ``%name`` line before the document's ``---`` starts."""
        before = self.text[: _mark(event.start_mark).offset]
        found = list(re.finditer(rf"^%{name}\b", before, re.MULTILINE))
        if not found:
            return _mark(event.start_mark)
        index = found[-1].start()
        return Mark(before.count("\n", 0, index) + 1, 1, index)

    # -- nodes --------------------------------------------------------------
    def _on_ScalarEvent(self, event: Any) -> None:
        start, end = self._scalar_marks(event)
        self._check_tag(event, start)
        self._count(1, start)
        value = self._scalar_value(event, start)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self._attach(value, start, end)

    def _scalar_marks(self, event: Any) -> tuple[Mark, Mark]:
        start, end = _mark(event.start_mark), _mark(event.end_mark)
        if event.value == "" and event.style is None and start.line > self.last_end.line:
            # ruamel places an empty value (`key:` then a newline) at the start of the
            # next line; it belongs right after the key
            return self.last_end, self.last_end
        return start, end

    def _on_AliasEvent(self, event: Any) -> None:
        start = _mark(event.start_mark)
        name = event.anchor
        if name in self.open_anchors:
            raise _Fatal(self._issue(start, _(
                "alias *{name} refers to a node that contains it (a recursive alias)").format(
                    name=shown(name)), rules.BAD_ALIAS))
        if name not in self.anchors:
            raise _Fatal(self._issue(start, _("alias *{name} has no anchor &{name} before it")
                                     .format(name=shown(name)), rules.BAD_ALIAS))
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            raise _Fatal(self._issue(start, _(
                "more than {limit} aliases; a plan does not need that many").format(
                    limit=MAX_ALIASES), rules.TOO_LARGE))
        value, size = self.anchors[name]
        self._count(size, start)
        self._attach(value, start, _mark(event.end_mark))

    def _on_MappingStartEvent(self, event: Any) -> None:
        self._start_collection(event, {})

    def _on_SequenceStartEvent(self, event: Any) -> None:
        self._start_collection(event, [])

    def _on_MappingEndEvent(self, event: Any) -> None:
        self._end_collection(event)

    def _on_SequenceEndEvent(self, event: Any) -> None:
        self._end_collection(event)

    def _start_collection(self, event: Any, value: dict[str, Any] | list[Any]) -> None:
        start = _mark(event.start_mark)
        self._check_tag(event, start)
        if len(self.stack) >= MAX_DEPTH:
            raise _Fatal(self._issue(start, _(
                "nesting too deep (more than {limit} levels)").format(limit=MAX_DEPTH),
                rules.TOO_LARGE))
        self._count(1, start)
        in_key = self._expects_key() or bool(self.stack and self.stack[-1].in_key)
        path = () if in_key else self._child_path()
        if not in_key:
            self.values[path] = start
        if event.anchor:
            self.open_anchors.append(event.anchor)
        self.stack.append(_Frame(value, path, event.anchor, self.count, start, in_key=in_key))

    def _end_collection(self, event: Any) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.open_anchors.remove(frame.anchor)
            self.anchors[frame.anchor] = (frame.value, self.count - frame.start_count + 1)
        self._attach(frame.value, frame.start, _mark(event.end_mark), collection=frame)

    # -- building the tree --------------------------------------------------
    def _expects_key(self) -> bool:
        return bool(self.stack) and isinstance(self.stack[-1].value, dict) and (
            self.stack[-1].key is _NO_KEY)

    def _child_path(self) -> PlanPath:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.value, list):
            return (*top.path, len(top.value))
        key = top.key if isinstance(top.key, str) else "?"
        return (*top.path, key)

    def _attach(self, value: Any, start: Mark, end: Mark, collection: _Frame | None = None) -> None:
        if not self.stack:
            self.root = value
            self.values.setdefault((), start)
            return
        top = self.stack[-1]
        if isinstance(top.value, list):
            path = (*top.path, len(top.value))
            top.value.append(value)
            if not top.in_key:
                self._record(path, start, end)
        elif top.key is _NO_KEY:
            top.key = self._check_key(top, value, start, collection)
            top.key_mark = start
        else:
            self._set_value(top, value, start, end)

    def _set_value(self, top: _Frame, value: Any, start: Mark, end: Mark) -> None:
        key = top.key
        top.key = _NO_KEY
        if key is _BAD_KEY or not isinstance(top.value, dict):
            return
        path = (*top.path, key)
        top.value[key] = value
        assert top.key_mark is not None
        if not top.in_key:
            self.keys[path] = top.key_mark
            self._record(path, start, end)

    def _record(self, path: PlanPath, start: Mark, end: Mark) -> None:
        self.values.setdefault(path, start)
        self.ends[path] = end

    def _check_key(self, top: _Frame, key: Any, start: Mark, collection: _Frame | None) -> Any:
        assert isinstance(top.value, dict)
        if collection is not None or isinstance(key, (dict, list)):  # also an alias of one
            self.soft.append(self._issue(start, _(
                "a key must be text, not a list or mapping"), rules.NON_TEXT_KEY))
            return _BAD_KEY
        if not isinstance(key, str):
            self.soft.append(self._issue(start, non_text_key_message(key), rules.NON_TEXT_KEY,
                                         _("put the key in quotes if it is meant as text")))
            return _BAD_KEY
        first = self.keys.get((*top.path, key))
        if key in top.value and first is not None:
            self.soft.append(self._issue(start, _(
                "duplicate key '{key}' (first written at line {line}); "
                "keep one of them").format(key=shown(key), line=first.line),
                rules.DUPLICATE_KEY))
            return _BAD_KEY
        return key

    # -- scalars ------------------------------------------------------------
    def _scalar_value(self, event: Any, start: Mark) -> Any:
        if event.style == ">":
            # ruamel's round-trip scanner marks folded line breaks with BEL; drop them
            return self._checked_text(unfolded(event.value.replace("\a", "")), start)
        text = event.value
        if event.style != "|" and _mark(event.end_mark).line > start.line:
            text = unfolded(text)  # a plain or quoted scalar folded over several lines
        if event.style is not None or not event.implicit[0]:
            return self._checked_text(text, start)
        kind = scalar_kind(text)
        convert = CONVERTERS.get(kind)
        if convert is None:
            raise _Fatal(self._issue(start, _(
                "'{text}' has a special meaning in YAML ({kind}) that plans do not use; "
                "put it in quotes").format(text=shown(text), kind=kind),
                rules.SPECIAL_VALUE))
        try:
            return convert(text)
        except BadScalar as bad:
            self.soft.append(self._issue(start, bad.message, rules.UNREADABLE_VALUE, bad.hint))
            return text

    def _checked_text(self, value: str, start: Mark) -> str:
        bad = FORBIDDEN_CHARACTERS.search(value)
        if bad is not None:
            self.soft.append(self._issue(start, _(
                "the text contains U+{code:04X}, a control character or lone surrogate "
                "that a plan cannot hold; remove the escape sequence").format(
                    code=ord(bad.group())), rules.CONTROL_CHARACTER))
        bidi = BIDI_CONTROLS.search(value)
        if bidi is not None:  # written as an escape: the character check of the file missed it
            self.warnings.append(self._issue(start, _(
                "bidirectional control character U+{code:04X} can make text display "
                "differently from what it says").format(code=ord(bidi.group())),
                rules.BIDI_CONTROL))
        return value

    def _check_tag(self, event: Any, start: Mark) -> None:
        tag = getattr(event, "tag", None)
        if tag is None:
            return
        raise _Fatal(self._issue(start, _(
            "YAML tags such as '{tag}' are not allowed in a plan; remove the tag").format(
                tag=shown(_short_tag(str(tag)))), rules.YAML_TAG))

    def _count(self, size: int, mark: Mark) -> None:
        self.count += size
        if self.count > MAX_NODES:
            raise _Fatal(self._issue(mark, _(
                "the plan expands to more than {limit:,} values (aliases repeating aliases); "
                "write the values out instead").format(limit=MAX_NODES), rules.TOO_LARGE))

    # -- messages -----------------------------------------------------------
    def _issue(self, mark: Mark, message: str, rule: Rule, hint: str = "") -> Issue:
        return Issue(file=self.name, line=mark.line, column=mark.column, message=message,
                     rule=rule,
                     hint=hint)

    def _refused_issue(self, refused: YamlRefused) -> Issue:
        line = self.text.count("\n", 0, refused.offset) + 1
        column = refused.offset - (self.text.rfind("\n", 0, refused.offset) + 1) + 1
        return self._issue(Mark(line, column, refused.offset), refused.message,
                           rules.YAML_SYNTAX, refused.hint)

    def _syntax_issue(self, exc: Any) -> Issue:
        if "quoted scalar" in str(exc.context or "") and exc.context_mark is not None and (
                "end of stream" in str(exc.problem or "")):
            return self._issue(_mark(exc.context_mark), _(
                "this quoted text is never closed"), rules.YAML_SYNTAX, _(
                "end it with the same quote it starts with, or remove the opening quote"))
        mark = exc.problem_mark or exc.context_mark
        where = _mark(mark) if mark is not None else self.last_mark
        problem = str(exc.problem or exc.context or "invalid YAML").strip()
        hint = ""
        if "\t" in problem or "'\\t'" in problem:
            hint = _("YAML does not allow tabs here (a tab pasted from a spreadsheet, or a "
                     "tab used for indentation): replace it with spaces")
        elif any(words in problem for words in _INDENTATION_PROBLEMS):
            hint = _("check the indentation here and on the lines above: the keys of one "
                     "mapping start in the same column, and a value's lines are indented "
                     "further than its key")
        return self._issue(where, _("YAML syntax error: {problem}").format(problem=problem),
                           rules.YAML_SYNTAX, hint)


# When set, every fast parse is checked against the pure one (the test suite sets it).
CHECK_FAST_PATH = "CRMPLAN_CHECK_FAST_PATH"


def _check_fast_path(fast: _Builder, text: str, name: str) -> None:
    pure = _Builder(text, name, fast=False)
    pure.run()
    same = (pure.issues, pure.root, pure.source.keys, pure.source.values, pure.source.ends,
            pure.soft, pure.warnings) == (fast.issues, fast.root, fast.source.keys,
                                          fast.source.values, fast.source.ends, fast.soft,
                                          fast.warnings)
    if not same:
        raise AssertionError(f"libyaml and the pure parser read this text differently: "
                             f"{text[:200]!r}")


def _ignore(_event: Any) -> None:
    """Stream start and end, document end: nothing to build."""


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _guarded(events: Any, builder: _Builder) -> Any:
    """The parser's events; a failure inside the parser itself becomes a located error.

    Only the parser is guarded: an exception in crmplan's own code still surfaces
    as an internal error (exit 3), as a bug should.
    """
    from ruamel.yaml.error import MarkedYAMLError

    iterator = iter(events)
    while True:
        try:
            event = next(iterator)
        except StopIteration:
            return
        except (MarkedYAMLError, RecursionError):
            raise
        except Exception as exc:  # ruamel's own failures on hostile input
            raise _Fatal(builder._issue(builder.last_mark, _(
                "cannot read the YAML here: {reason}").format(reason=exc), rules.YAML_SYNTAX)
            ) from None
        yield event


def _mark(mark: Any) -> Mark:
    if type(mark) is Mark:  # the fast path's, already 1-based
        return mark
    return Mark(mark.line + 1, mark.column + 1, mark.index)
