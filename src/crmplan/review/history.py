"""The plan as it was at a git revision, read through git itself."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from crmplan.errors import UsageError
from crmplan.i18n import _
from crmplan.plan.load import LoadedPlan, load_bytes
from crmplan.plan.reader import MAX_PLAN_BYTES
from crmplan.quoting import shown, shown_path
from crmplan.review.changes import Since, changes

GIT_TIMEOUT_S = 30


def since(plan_path: Path, ref: str, current: LoadedPlan) -> Since:
    """What changed in the strategy from the plan at ``ref`` to ``current``: the one
    changelog of ``review --since`` and ``render --since``."""
    old, commit = plan_at(plan_path, ref)
    return Since(ref, commit, tuple(changes(old.plan, current.plan)))


def plan_at(plan_path: Path, ref: str) -> tuple[LoadedPlan, str]:
    """The plan at ``ref`` and the commit ``ref`` names; UsageError when either is missing."""
    folder = Path(os.path.realpath(plan_path)).parent
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top is None:
        raise UsageError(_("{path} is not in a git repository, so --since has no history to "
                           "read").format(path=shown_path(plan_path)),
                         _("run 'git init' and commit the plan, or leave out --since"))
    commit = _git(folder, "rev-parse", "--verify", "--quiet", "--end-of-options",
                  f"{ref}^{{commit}}")
    if commit is None:
        raise UsageError(_("'{ref}' is not a commit, branch or tag of this repository").format(
            ref=shown(ref)), _("list them with 'git log --oneline' or 'git tag'"))
    relative = Path(os.path.realpath(plan_path)).relative_to(Path(top).resolve()).as_posix()
    raw = _show(folder, commit, relative)
    if raw is None:
        raise UsageError(_("{path} did not exist at {ref}").format(path=shown_path(relative),
                                                                   ref=shown(ref)),
                         _("name a later revision"))
    return load_bytes(raw, f"{ref}:{relative}"), commit


def _git(folder: Path, *args: str) -> str | None:
    """The first line git prints, or None when git fails (or is not installed)."""
    done = _run(folder, *args)
    if done is None or done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "replace").strip() or None


def _show(folder: Path, commit: str, relative: str) -> bytes | None:
    kind = _run(folder, "cat-file", "-t", f"{commit}:{relative}")
    if kind is None or kind.returncode != 0 or kind.stdout.strip() != b"blob":
        return None
    size = _run(folder, "cat-file", "-s", f"{commit}:{relative}")
    if size is not None and size.returncode == 0 and int(size.stdout) > MAX_PLAN_BYTES:
        raise UsageError(_("{path} at {ref} is larger than a plan file may be").format(
            path=relative, ref=commit[:12]))
    done = _run(folder, "cat-file", "blob", f"{commit}:{relative}")
    return done.stdout if done is not None and done.returncode == 0 else None


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    git = shutil.which("git")
    if git is None:
        raise UsageError(_("--since reads the plan's history with git, which is not "
                           "installed"), _("install git, or leave out --since"))
    try:
        return subprocess.run([git, "-C", str(folder), *args], capture_output=True,
                              timeout=GIT_TIMEOUT_S, check=False,
                              env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})
    except (OSError, subprocess.TimeoutExpired):
        return None
