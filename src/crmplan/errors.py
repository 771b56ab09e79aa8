"""The one exception family of crmplan.

Exceptions carry data and never print: only the CLI edge
(:mod:`crmplan.cli`) turns them into text and exit codes.
"""

from __future__ import annotations

import errno

from crmplan.findings import Issue, Severity
from crmplan.i18n import N_, _

__all__ = ["OS_REASONS", "ChangedOnDiskError", "CrmplanError", "Issue", "OutputError",
           "PlanError", "Severity", "UsageError", "WriteRefusedError", "os_reason"]

# What the system says when it refuses a path, in the catalog's words: the operating
# system's own text is English whatever the user's language.
OS_REASONS: dict[int, str] = {
    errno.ENOENT: N_("no such file or folder"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("the operation is not permitted"),
    errno.EROFS: N_("the file system is read-only"),
    errno.ENOSPC: N_("no space left on the disk"),
    errno.EISDIR: N_("it is a folder, not a file"),
    errno.ENOTDIR: N_("a part of the path is a file, not a folder"),
    errno.EEXIST: N_("it exists already"),
    errno.ELOOP: N_("too many levels of symbolic links"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EXDEV: N_("it is on another file system"),
}


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


def os_reason(exc: BaseException) -> str:
    """Why the system refused, in the active language: the catalog's words for the
    common errors (:data:`OS_REASONS`), else the system's own text."""
    if isinstance(exc, OSError):
        if exc.errno in OS_REASONS:
            return _(OS_REASONS[exc.errno])
        if exc.strerror:
            return exc.strerror
    return str(exc) or type(exc).__name__
