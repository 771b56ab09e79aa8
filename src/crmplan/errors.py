"""The one exception family of crmplan.

Exceptions carry data and never print: only the CLI edge
(:mod:`crmplan.cli`) turns them into text and exit codes.
"""

from __future__ import annotations

from crmplan.findings import Issue, Severity

__all__ = ["ChangedOnDiskError", "CrmplanError", "Issue", "OutputError", "PlanError",
           "Severity", "UsageError", "WriteRefusedError"]


class CrmplanError(Exception):
    """Base of every error crmplan raises on purpose."""

    exit_code = 3


class PlanError(CrmplanError):
    """The plan has problems; carries every issue found, sorted by position."""

    exit_code = 1

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = sorted(issues, key=_position)
        super().__init__(f"{len(self.issues)} problem(s) in the plan")


class UsageError(CrmplanError):
    """Bad usage, an unreadable path, or a refused overwrite (exit 2)."""

    exit_code = 2

    def __init__(self, message: str, hint: str = "") -> None:
        self.message = message
        self.hint = hint
        super().__init__(message)


class OutputError(UsageError):
    """The output could not be written (a full disk, a closed pipe)."""

    def __init__(self, message: str, broken_pipe: bool = False) -> None:
        super().__init__(message)
        self.broken_pipe = broken_pipe


class ChangedOnDiskError(UsageError):
    """The plan changed on disk between reading it and writing it back."""


class WriteRefusedError(UsageError):
    """A write-back would have changed more than it meant to; nothing was written."""

    def __init__(self, message: str, diff: str = "", hint: str = "") -> None:
        super().__init__(message, hint)
        self.diff = diff


def _position(issue: Issue) -> tuple[str, int, int, str]:
    return (issue.file, issue.line, issue.column, issue.message)
