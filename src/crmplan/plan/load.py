"""The one way every command loads a plan."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from crmplan import rules
from crmplan.errors import Issue, PlanError, UsageError, os_reason
from crmplan.findings import Rule
from crmplan.i18n import _
from crmplan.model.plan import SCHEMA_VERSION, Plan
from crmplan.plan.reader import PlanText, decode_plan, read_plan
from crmplan.plan.sections import SectionCache
from crmplan.plan.source import Mark, PlanPath, SourceMap, display_path
from crmplan.plan.yamltree import parse_yaml
from crmplan.quoting import shown_path

PLAN_FILE = "plan.yaml"
MAX_ISSUES = 500  # a hostile plan can hold 100,000 mistakes; nobody reads past the first few


@dataclass
class LoadedPlan:
    """A validated plan with its source positions and any warnings."""

    plan: Plan
    data: dict[str, Any]
    source: SourceMap
    text: PlanText
    warnings: list[Issue] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.source.file

    def location(self, path: PlanPath) -> str:
        """``plan.yaml:12:5``: where the key of ``path`` is written."""
        mark = self.source.key(path)
        return f"{self.name}:{mark.line}:{mark.column}"

    @property
    def ignored(self) -> frozenset[str]:
        """The codes of the rules the plan silences (``checks.ignore``)."""
        checks = self.plan.checks
        return frozenset(checks.ignore) if checks else frozenset()

    def finding(self, rule: Rule, path: PlanPath, message: str, hint: str = "",
                subject: str = "") -> Issue:
        """A finding of ``rule`` about the plan at ``path``, located at its key."""
        mark = self.source.key(path)
        return Issue(self.name, mark.line, mark.column, message, display_path(path, self.data),
                     hint, rule=rule, subject=subject)


def resolve_plan_path(path: Path) -> Path:
    """A folder stands for the plan.yaml inside it; a folder without one is a usage error."""
    try:
        if not path.is_dir():
            return path
    except OSError as exc:  # a name too long, a loop of links
        raise UsageError(_("{name}: cannot read: {reason}").format(
            name=shown_path(path), reason=os_reason(exc))) from None
    plan = path / PLAN_FILE
    if plan.exists():
        return plan
    others = sorted(p.name for p in path.glob("*.y*ml") if p.is_file())
    hint = (_("name the plan file: {path}").format(path=shown_path(path / others[0])) if others
            else _("create one with: crmplan init {path} --client NAME --lang en").format(
                path=shown_path(path)))
    raise UsageError(_("{path}: this folder has no {file}").format(path=shown_path(path),
                                                                   file=PLAN_FILE), hint=hint)


def load_plan(path: Path, display_name: str | None = None) -> LoadedPlan:
    """Read, parse and validate the plan at ``path``; raise PlanError with every problem."""
    path = resolve_plan_path(path)
    text = read_plan(path, display_name or str(path))
    return load_text(text)


def load_bytes(raw: bytes, name: str) -> LoadedPlan:
    """Validate plan bytes that did not come from a file (tests, git revisions)."""
    return load_text(decode_plan(raw, name))


GC_FROM_BYTES = 64 * 1024  # below this, loading makes too few objects for a collection to cost
GC_THRESHOLD = 100_000  # young objects between collections while loading (Python's: 700)


@contextmanager
def _few_collections(size: int) -> Iterator[None]:
    """Fewer garbage collections while a large plan is loaded: it builds hundreds of
    thousands of objects that all live on, and each collection would scan them again.
    The objects made before (modules, classes) are frozen out of the scans; both
    settings are restored afterwards."""
    if size < GC_FROM_BYTES or not gc.isenabled():
        yield
        return
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold[0], GC_THRESHOLD), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def load_text(text: PlanText, sections: SectionCache | None = None) -> LoadedPlan:
    """Parse and validate already decoded plan text (or read the result back from the
    cache of loaded plans, :mod:`crmplan.plan.cache`). An editor that loads each version
    it is sent passes its ``sections``, and only the sections that changed are read again
    (:mod:`crmplan.plan.sections`): the same plan, the same problems."""
    from crmplan.plan import cache

    with _few_collections(len(text.raw)):  # reading an entry back builds as many objects
        if sections is None:
            return cache.load(text, _load_uncached, LoadedPlan)
        return cache.load(text, lambda t: _load_text(t, sections), LoadedPlan)


def _load_uncached(text: PlanText) -> LoadedPlan:
    return _load_text(text)


def _load_text(text: PlanText, sections: SectionCache | None = None) -> LoadedPlan:
    from crmplan.plan.reader import check_characters
    from crmplan.plan.references import check_plan

    warnings = check_characters(text.text, text.name)
    try:
        if sections is None:
            parsed = parse_yaml(text.text, text.name)
        else:
            parsed = sections.parse(text.text, text.name)
        data = _check_top(parsed.data, parsed.source)
    except PlanError as exc:  # keep the warnings next to the errors
        raise PlanError(_capped(exc.issues + warnings)) from None
    source = parsed.source
    warnings = sorted(warnings + parsed.warnings, key=lambda i: (i.line, i.column))
    found = _with_paths(parsed.issues, data, source)
    try:
        plan = _validate(data, source)
    except PlanError as exc:  # report the whole plan's problems too, all at once
        schema = _not_reported(exc.issues, found)
        raise PlanError(_capped(found + schema + check_plan(data, source) + warnings)) from None
    # on a valid plan the checks compare the values as the schema converted them
    # (a quoted '3' or '2025-01-01' is a number or a date there, text in ``data``)
    found += check_plan(plan.model_dump(exclude_unset=True), source)
    if found:
        raise PlanError(_capped(found + warnings))
    return LoadedPlan(plan, data, source, text, warnings)


def _with_paths(issues: list[Issue], data: Any, source: SourceMap) -> list[Issue]:
    """Each issue with the key path of the value it points at, when one is there."""
    if not issues:
        return []
    at = {(mark.line, mark.column): path for path, mark in source.values.items() if path}
    return [replace(issue, path=display_path(at[(issue.line, issue.column)], data))
            if (issue.line, issue.column) in at else issue for issue in issues]


def _not_reported(schema: list[Issue], found: list[Issue]) -> list[Issue]:
    """Schema issues about a value the YAML stage already refused (same place, same path)."""
    seen = {(i.line, i.column, i.path) for i in found if i.path}
    return [i for i in schema if (i.line, i.column, i.path) not in seen]


def _capped(issues: list[Issue]) -> list[Issue]:
    """At most MAX_ISSUES issues, the last one saying how many more there are."""
    if len(issues) <= MAX_ISSUES:
        return issues
    ordered = sorted(issues, key=lambda i: (i.line, i.column))
    last = ordered[MAX_ISSUES - 1]
    more = Issue(last.file, last.line, last.column, _(
        "{count} more problems are not listed; fix these first").format(
            count=len(issues) - MAX_ISSUES + 1), rule=rules.TOO_MANY_PROBLEMS)
    return [*ordered[: MAX_ISSUES - 1], more]


def _check_top(data: Any, source: SourceMap) -> dict[str, Any]:
    name = source.file
    if data is None:
        raise PlanError([Issue(name, 1, 1, _("empty plan: the file holds no data"), hint=_(
            "start from 'crmplan init' or write 'schema_version: 1' and a client"),
            rule=rules.EMPTY_PLAN)])
    if not isinstance(data, dict):
        raise PlanError([Issue(name, 1, 1, _("expected a mapping of sections at the top of "
                                             "the plan, found a list or a single value"),
                               rule=rules.NOT_A_MAPPING)])
    _check_version(data, source)
    return data


def _check_version(data: dict[str, Any], source: SourceMap) -> None:
    """schema_version first: a plan of another version cannot be read field by field."""
    if "schema_version" not in data:
        return  # the schema reports it missing, with the other problems
    version = data["schema_version"]
    is_int = isinstance(version, int) and not isinstance(version, bool)
    if is_int and version == SCHEMA_VERSION:
        return
    mark = source.value(("schema_version",))
    newer = is_int and version > SCHEMA_VERSION
    build = _newer_version if newer else _wrong_version
    raise PlanError([build(source.file, version, mark)])


def _newer_version(file: str, version: int, mark: Mark) -> Issue:
    return Issue(file, mark.line, mark.column, _(
        "this plan uses schema_version {found}, newer than this crmplan reads "
        "({supported})").format(found=version, supported=SCHEMA_VERSION),
        path="schema_version", hint=_("upgrade crmplan: pip install --upgrade crmplan"),
        rule=rules.NEWER_SCHEMA_VERSION)


def _wrong_version(file: str, version: Any, mark: Mark) -> Issue:
    from crmplan.plan.schema_errors import describe

    return Issue(file, mark.line, mark.column, _(
        "schema_version must be 1, got {value}").format(value=describe(version)),
        path="schema_version",
        hint=_("write 'schema_version: {supported}', a whole number without quotes").format(
            supported=SCHEMA_VERSION), rule=rules.BAD_SCHEMA_VERSION)


def _validate(data: dict[str, Any], source: SourceMap) -> Plan:
    from pydantic import ValidationError

    from crmplan.plan.schema_errors import issues_from_validation

    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        raise PlanError(issues_from_validation(exc, data, source, Plan)) from None
