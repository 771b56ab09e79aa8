"""Ctrl-C and a write: once a write has begun to put files in place, the command finishes.

Up to that moment Ctrl-C stops the command and the write removes its temporary
files: every file is as it was. From the moment a write commits (the rename
of a plan, the first move of a set of documents, the link of a new file),
:mod:`crmplan.atomic` calls :func:`commit`; from then on the process's
interrupt handler (:mod:`crmplan.entry`) notes a Ctrl-C without stopping
anything: the write completes, its backups are removed, the command says what
it wrote and ends with its own exit code. A second Ctrl-C still ends the
process at once, as a kill would (what that leaves, the next write removes).

Without crmplan's handler (crmplan used as a library, or in tests), Python's
own raises KeyboardInterrupt as always, and a set of files is put back.
"""

from __future__ import annotations

__all__ = ["commit", "committed"]


class _State:
    committed = False  # a write of this process has begun to put files in place


def commit() -> None:
    """A write is putting files in place: from now on Ctrl-C does not stop the command."""
    _State.committed = True


def committed() -> bool:
    """Whether a write of this process has begun to put files in place."""
    return _State.committed
