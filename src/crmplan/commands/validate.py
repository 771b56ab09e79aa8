"""``crmplan validate``: every problem of every plan, then a summary of each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crmplan import output
from crmplan.i18n import _, activate, join, labelled, ngettext
from crmplan.plan.language import user_language
from crmplan.quoting import shown_path
from crmplan.rules import silenced
from crmplan.validation import PlanSummary, ValidationResult, validate_file


def run(paths: list[Path], *, fmt: str, lang: str | None, strict: bool,
        ignore: list[str]) -> int:
    """Validate each plan, without the rules of ``ignore`` (codes): 0 if all passed, 2 if a
    path was unreadable or a code cannot be silenced, else 1. Under ``strict``, the parts
    of the documents that would be to-dos are problems too, as ``render --strict`` has
    them."""
    output.use_format(fmt)
    activate(user_language(lang))
    ignored = silenced(ignore)
    more = None
    if strict:  # the render command's module, imported only when its to-dos are asked for
        from crmplan.commands.render import todo_issues

        more = todo_issues
    results = [validate_file(path, ignored, more) for path in paths]
    if fmt == "json":
        _print_json(results, strict)
    else:
        for result in results:
            _print_text(result, strict)
    if any(r.unreadable is not None for r in results):
        return 2
    return 0 if all(r.passed(strict) for r in results) else 1


def _print_text(result: ValidationResult, strict: bool) -> None:
    if result.unreadable is not None:
        output.print_usage_error(result.unreadable.message, result.unreadable.hint)
        return
    output.print_issues(result.issues)
    if result.summary is not None:
        _print_summary(result.summary)
    errors, warnings = len(result.errors), len(result.warnings)
    counts = _("{errors}, {warnings}").format(
        errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
        warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings))
    if result.passed(strict):
        output.line(_("{file}: valid ({counts})").format(file=shown_path(result.file),
                                                         counts=counts),
                    style="green")
    else:
        output.line(_("{file}: not valid ({counts})").format(file=shown_path(result.file),
                                                              counts=counts),
                    style="red bold")


def _print_summary(summary: PlanSummary) -> None:
    output.line(_("Client: {name} ({language})").format(name=summary.client,
                                                        language=summary.language),
                style="bold")
    output.line("  " + join(labelled(_(k), str(v)) for k, v in summary.counts.items()))
    for step in summary.steps:
        mark = "✓" if step.filled else "·"
        state = _("filled") if step.filled else _("empty: fill {section}").format(
            section=step.section)
        output.line(f"  {mark} {step.number:>2}. {_(step.name)} — {state}",
                    style=None if step.filled else "dim")


def _print_json(results: list[ValidationResult], strict: bool) -> None:
    output.print_json({"files": [_result_json(r, strict) for r in results]})


def _result_json(result: ValidationResult, strict: bool) -> dict[str, Any]:
    summary = result.summary
    return {
        "file": result.file,
        "valid": result.passed(strict),
        "unreadable": None if result.unreadable is None else result.unreadable.message,
        "errors": len(result.errors),
        "warnings": len(result.warnings),
        "issues": [i.to_json() for i in result.issues],
        "summary": None if summary is None else {
            "client": summary.client,
            "language": summary.language,
            "counts": summary.counts,
            "steps": [{"number": s.number, "name": s.name, "section": s.section,
                       "filled": s.filled} for s in summary.steps],
        },
    }
