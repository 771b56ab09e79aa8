"""``crmplan validate`` as data: the problems of a plan and a summary of what it holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from crmplan import rules
from crmplan.analysis import PlanAnalysis
from crmplan.errors import Issue, PlanError, Severity, UsageError
from crmplan.findings import kept
from crmplan.i18n import N_, _
from crmplan.method import method_warnings
from crmplan.model.engagement import Industry
from crmplan.plan.load import LoadedPlan, load_text, resolve_plan_path
from crmplan.plan.reader import PlanText, read_plan
from crmplan.plan.sections import SectionCache
from crmplan.steps import TEN_STEPS


@dataclass(frozen=True)
class StepStatus:
    """Whether one of the ten steps has content in the plan."""

    number: int
    name: str
    section: str
    filled: bool


@dataclass(frozen=True)
class PlanSummary:
    """What a valid plan holds."""

    client: str
    language: str
    counts: dict[str, int]
    steps: list[StepStatus]


@dataclass
class ValidationResult:
    """The outcome of validating one plan file; ``analysis`` holds the analyses of a plan
    that loaded (an editor reads them again for hover)."""

    file: str
    issues: list[Issue] = field(default_factory=list)
    summary: PlanSummary | None = None
    unreadable: UsageError | None = None
    analysis: PlanAnalysis | None = field(default=None, compare=False, repr=False)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.WARNING]

    def passed(self, strict: bool) -> bool:
        """Readable, no errors, and under ``strict`` no warnings either."""
        return self.unreadable is None and not self.errors and not (strict and self.warnings)


Check = Callable[[LoadedPlan], list[Issue]]


def validate_file(path: Path, ignore: frozenset[str] = frozenset(),
                  more: Check | None = None) -> ValidationResult:
    """Validate one plan; problems come back as data, never raised. The rules in
    ``ignore`` (codes), and those the plan's ``checks.ignore`` names, are not reported.
    Besides the plan's own problems, every finding a report would make (and ``more``'s)."""
    try:
        name = str(resolve_plan_path(path))
        text = read_plan(Path(name), name)
    except PlanError as exc:  # not UTF-8, a forbidden character
        return ValidationResult(name, list(kept(exc.issues, ignore)))
    except UsageError as exc:  # one unreadable path does not hide the others' results
        return ValidationResult(str(path), unreadable=exc)
    return validate_text(text, ignore, more)


def validate_text(text: PlanText, ignore: frozenset[str] = frozenset(),
                  more: Check | None = None, sections: SectionCache | None = None
                  ) -> ValidationResult:
    """:func:`validate_file` of a plan's text, read from a file or not (an editor's
    unsaved buffer, read with the ``sections`` of its last versions): the same findings,
    in the same order."""
    try:
        loaded = load_text(text, sections)
    except PlanError as exc:  # a plan that does not load cannot say what it silences
        return ValidationResult(text.name, list(kept(exc.issues, ignore)))
    analysis = PlanAnalysis(loaded)
    found = loaded.warnings + plan_warnings(loaded) + report_findings(analysis)
    found += more(loaded) if more else []
    # a stable sort: warnings at one position keep their order (step 2 before step 10)
    issues = kept(sorted(_not_repeated(loaded, found), key=lambda i: (i.line, i.column)),
                  ignore | loaded.ignored)
    return ValidationResult(text.name, list(issues), summarize(loaded), analysis=analysis)


def _not_repeated(loaded: LoadedPlan, issues: list[Issue]) -> list[Issue]:
    """Without what only says again that a step is empty: a document's part that would be
    a to-do for a whole empty step, segment's "no segments yet". The empty step's own
    warning (CRM401) says it, and silencing CRM401 silences the step's emptiness."""
    empty = {s.section for s in TEN_STEPS if not s.filled(loaded.plan)}
    return [i for i in issues
            if not (i.rule is rules.PART_TO_DO and i.path in empty)
            and not (i.rule is rules.NO_SEGMENTS and "segments" in empty)]


def report_findings(analysis: PlanAnalysis) -> list[Issue]:
    """What the reports find, on the plan's own day (:func:`~crmplan.kpi.progress.plan_day`,
    as render judges): segment's errors and warnings (an error makes it exit 1), journey's
    coverage gaps, the SMART check and the groundwork of steps 1 and 2 of baseline, and the
    review's findings (each makes its command exit 1 under --strict). Notes make no command
    fail and are left to the reports. The data commands' problems need the client's
    exports, which validate never reads."""
    found = [*analysis.segments.findings, *analysis.journeys.all_findings,
             *(f for goal in analysis.goals for f in goal.findings),
             *analysis.baseline.findings, *analysis.review.findings]
    return [f for f in found if f.severity is not Severity.NOTE]


def summarize(loaded: LoadedPlan) -> PlanSummary:
    """Counts of what the plan holds and the state of the ten steps."""
    plan = loaded.plan
    counts = {  # keys are labels: N_ marks them for translation
        N_("goals"): len(plan.goals.smart) if plan.goals else 0,
        N_("kpis"): len(plan.kpis),
        N_("personas"): len(plan.personas),
        N_("segments"): len(plan.segments),
        N_("journeys"): len(plan.journeys),
        N_("touchpoints"): sum(len(j.touchpoints) for j in plan.journeys),
        N_("campaigns"): len(plan.campaigns),
        N_("sops"): len(plan.sops),
        N_("reviews"): len(plan.reviews.log) if plan.reviews else 0,
    }
    steps = [StepStatus(s.number, s.name, s.section, s.filled(plan)) for s in TEN_STEPS]
    return PlanSummary(plan.client.name, plan.client.language.value, counts, steps)


def plan_warnings(loaded: LoadedPlan) -> list[Issue]:
    """Things a valid plan should still fix: empty steps, a missing disclaimer, values that
    fit their type but are most likely mistakes (:mod:`crmplan.plausibility`)."""
    from crmplan.plausibility import plausibility_warnings

    warnings = [_empty_step_warning(loaded, s.number, s.name, s.section)
                for s in TEN_STEPS if not s.filled(loaded.plan)]
    warnings += plausibility_warnings(loaded)
    plan = loaded.plan
    disclaimer = plan.engagement.disclaimer if plan.engagement else None
    if plan.client.industry is Industry.HEALTHCARE and not disclaimer:
        mark = loaded.source.key(("client", "industry"))
        warnings.append(Issue(loaded.name, mark.line, mark.column, _(
            "a healthcare client needs a disclaimer that the consultant performs no "
            "medical acts and guarantees no outcome"), path="engagement.disclaimer",
            hint=_("write it under engagement.disclaimer"), rule=rules.MISSING_DISCLAIMER))
    return warnings + method_warnings(loaded)


def _empty_step_warning(loaded: LoadedPlan, number: int, name: str, section: str) -> Issue:
    top = section.split(".")[0].split("[")[0]
    mark = loaded.source.key((top,))
    return Issue(loaded.name, mark.line, mark.column, _(
        "step {number} ({name}) is still empty").format(number=number, name=_(name)),
        path=section, hint=_("fill '{section}' in the plan").format(section=section),
        rule=rules.EMPTY_STEP)
