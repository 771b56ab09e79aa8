"""One plan open in the editor: its text as typed, the findings of ``crmplan validate`` on
that text, and the last analysis of a version that loaded, kept for completion and hover
while the text is half-typed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePath
from typing import Any

from crmplan.analysis import PlanAnalysis
from crmplan.errors import Issue, PlanError, UsageError
from crmplan.lsp.symbols import Index
from crmplan.lsp.text import Span, lines_of, token_span
from crmplan.plan.load import PLAN_FILE
from crmplan.plan.reader import MAX_PLAN_BYTES, decode_plan, too_large
from crmplan.plan.sections import SectionCache
from crmplan.plan.yamltree import ParsedYaml
from crmplan.validation import validate_text


@dataclass(frozen=True)
class Finding:
    """A finding of validate, where the editor shows it."""

    issue: Issue
    span: Span


@dataclass(frozen=True)
class Refusal:
    """A text crmplan does not read at all (larger than a plan may be): the reason and the
    fix, shown at the top of the file."""

    message: str
    hint: str


class Version:
    """One version of a document's text and what crmplan finds in it."""

    def __init__(self, text: str, name: str, sections: SectionCache) -> None:
        self.text = text
        self.name = name
        self.sections = sections
        self.findings: list[Finding] = []
        self.refusal: Refusal | None = None
        self.analysis: PlanAnalysis | None = None
        self._check()

    def _check(self) -> None:
        raw = self.text.encode("utf-8", errors="surrogatepass")
        if len(raw) > MAX_PLAN_BYTES:
            refused: UsageError = too_large(self.name, len(raw))
            self.refusal = Refusal(refused.message, refused.hint or "")
            return
        try:
            plan_text = decode_plan(raw, self.name)
        except PlanError as exc:  # a forbidden character: the same findings as validate
            issues = list(exc.issues)
        else:
            result = validate_text(plan_text, sections=self.sections)
            issues, self.analysis = result.issues, result.analysis
        lines = lines_of(self.text)
        self.findings = [Finding(i, token_span(lines, i.line - 1, i.column - 1)) for i in issues]

    @cached_property
    def parsed(self) -> ParsedYaml | None:
        """The text read as YAML, whether or not it is a valid plan; None if it is not
        YAML (yet)."""
        if self.analysis is not None:
            loaded = self.analysis.loaded
            return ParsedYaml(loaded.data, loaded.source)
        if self.refusal is not None:
            return None
        try:
            return self.sections.parse(self.text, self.name)
        except PlanError:
            return None

    @cached_property
    def index(self) -> Index | None:
        """Where each id is defined and named in this version; None if it is not YAML."""
        parsed = self.parsed
        if parsed is None:
            return None
        return Index(self.text, parsed.data, parsed.source, self.sections)


_SAYS_PLAN = re.compile(r"^schema_version[ \t]*:|plan\.schema\.json", re.M)


def is_plan(name: str, text: str) -> bool:
    """Whether a file the editor opens is a crmplan plan: named plan.yaml, or saying so (a
    top-level ``schema_version``, or the modeline naming the plan's schema). Editors start
    the server for every YAML file; the others get no findings. Once checked, a document
    stays checked whatever is typed."""
    return PurePath(name).name == PLAN_FILE or _SAYS_PLAN.search(text) is not None


class PlanDocument:
    """A plan open in the editor, as it was last typed."""

    def __init__(self, uri: str, name: str, text: str) -> None:
        self.uri = uri
        self.name = name
        self.sections = SectionCache()  # what the last versions read, for the next one
        self.current = Version(text, name, self.sections)
        self.last_good: Version | None = self.current if self.current.analysis else None
        self._other: tuple[str, Index | None] | None = None  # an index of a newer text

    def update(self, text: str) -> Version:
        """Check ``text``, the document's new content; keep the last version that loaded."""
        self.current = Version(text, self.name, self.sections)
        if self.current.analysis is not None:
            self.last_good = self.current
        return self.current

    @property
    def analysis(self) -> PlanAnalysis | None:
        """The analyses of the current text, or of the last version that loaded."""
        return self.last_good.analysis if self.last_good else None

    def data(self) -> Any:
        """The plan's data as last read: this text's if it is YAML, else the last good."""
        parsed = self.current.parsed
        if parsed is not None and isinstance(parsed.data, dict):
            return parsed.data
        return (
            self.last_good.analysis.loaded.data
            if self.last_good and (self.last_good.analysis)
            else None
        )

    def index(self, text: str) -> Index | None:
        """Where each id is defined and named in ``text`` (the editor's text, which may be
        newer than the last check); None if it is not YAML."""
        if text == self.current.text:
            return self.current.index
        if self._other is None or self._other[0] != text:
            self._other = (text, _index_of(text, self.name, self.sections))
        return self._other[1]


def _index_of(text: str, name: str, sections: SectionCache) -> Index | None:
    try:
        parsed = sections.parse(text, name)
    except PlanError:
        return None
    return Index(text, parsed.data, parsed.source, sections)
