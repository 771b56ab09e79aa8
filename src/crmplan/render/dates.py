"""The date of a rendered document: what its title page shows and the day it is judged on.

:func:`document_date` is the one rule, for every format (the PDF's creation date comes from
it too): the date the user gives (``--date``); else, for a plan in a git repository, the
date of the last commit that changed the plan file; else the latest date the plan records
(:func:`~crmplan.kpi.progress.plan_day`). A commit date is never earlier than the plan's
latest dated entry: a plan with changes not yet committed, or an entry dated after its
commit, is dated by that entry, so no figure a document shows is later than the document.
Never the clock's date: the same plan gives the same documents on any day.

Git is asked read-only and quietly (``git log``, no lock taken, no hook, pager, signature
check or filter run); a folder outside a repository, a plan never committed, or no git at
all leaves the commit out.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

from crmplan.kpi.progress import plan_day
from crmplan.model.plan import Plan

GIT_TIMEOUT_S = 10
# what would make git read another repository than the plan's folder
_REDIRECTS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR",
              "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE",
              "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM")


def document_date(plan_path: Path | None, plan: Plan, given: dt.date | None = None
                  ) -> dt.date | None:
    """The date of every document rendered from ``plan``: ``given`` when the user names
    one, else the later of the last commit that changed ``plan_path`` (when it is in a git
    repository) and the plan's latest dated entry; None when nothing gives a date.
    ``plan_path`` None leaves git out."""
    if given is not None:
        return given
    latest = plan_day(plan)
    dates = [day for day in (last_commit_date(plan_path) if plan_path else None,
                             None if latest == dt.date.min else latest) if day is not None]
    return max(dates, default=None)


def last_commit_date(plan_path: Path) -> dt.date | None:
    """The committer's date of the last commit that changed ``plan_path``; None outside a
    repository, for a file never committed, or without git."""
    git = shutil.which("git")
    if git is None:
        return None
    real = Path(os.path.realpath(plan_path))
    env = {k: v for k, v in os.environ.items() if k not in _REDIRECTS}
    env.update(GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0", LC_ALL="C")
    command = [git, "--no-pager", "-c", "log.showSignature=false", "-C", str(real.parent),
               "log", "-1", "--format=%cI", "--no-show-signature", "--", real.name]
    try:
        done = subprocess.run(command, capture_output=True, stdin=subprocess.DEVNULL, env=env,
                              timeout=GIT_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = done.stdout.decode("ascii", "replace").strip()
    if done.returncode != 0 or not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
