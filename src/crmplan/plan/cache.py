"""Loaded plans kept between runs, keyed by what they were loaded from.

Reading, parsing and validating a plan gives the same :class:`LoadedPlan` for
the same bytes, so a plan that loaded without errors is kept in the user's
cache folder (:func:`crmplan.resources.user_cache_dir`, ``plans/``) and read
back the next time the same bytes are loaded. The key is a SHA-256 of

- the plan's bytes and the name it is shown under (messages name it),
- the language its warnings were written in,
- the versions of crmplan, Python, pydantic and pydantic-core (an entry written
  by another version is never read: the objects it holds may have changed).

Only a plan that loaded without errors is kept. Any problem with an entry
(missing, truncated, corrupt, unreadable, of another type, written for other
bytes) is a miss: the plan is loaded as if there were no cache. The folder is
kept under :data:`MAX_BYTES`, least recently used entries removed first.
``CRMPLAN_NO_CACHE=1`` (or the root option ``--no-cache``) turns it off.

The format is pickle, read by an unpickler that builds only the types a loaded
plan is made of (crmplan's own plan types, its models and enumerations,
``datetime.date``) and refuses every other global, so an entry someone else
wrote into the user's own cache folder cannot call a function of their choosing;
a SHA-256 of the content in the header catches a damaged file. A plan's
:class:`LoadedPlan` holds pydantic models, dates and the source map: a format
that cannot name types (JSON) would have to validate the plan again, which is
the work the cache saves.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from crmplan.i18n import active_language
from crmplan.resources import user_cache_dir

if TYPE_CHECKING:
    from crmplan.plan.reader import PlanText

Loaded = TypeVar("Loaded")

NO_CACHE = "CRMPLAN_NO_CACHE"
MAX_BYTES = 128 * 1024 * 1024  # about 16 of the largest plans a file may hold, 250 examples
FORMAT = b"crmplan-plan-cache 1\n"
_DIGEST = hashlib.sha256().digest_size
_SUFFIX = ".plan"


def enabled() -> bool:
    """Whether loaded plans are kept and read back (``CRMPLAN_NO_CACHE`` not set)."""
    return os.environ.get(NO_CACHE, "") in ("", "0")


def folder() -> Path:
    """Where the entries are: ``plans/`` in the user's cache folder for crmplan."""
    return user_cache_dir() / "plans"


def load(text: PlanText, loader: Callable[[PlanText], Loaded], kind: type[Loaded]) -> Loaded:
    """The plan of ``text`` from the cache, else ``loader(text)`` (a ``kind``, with the
    ``text`` it was loaded from), kept if it loads."""
    if not enabled():
        return loader(text)
    entry = folder() / (key(text) + _SUFFIX)
    found = _read(entry, text, kind)
    if found is not None:
        return found
    loaded = loader(text)  # raises PlanError for a plan with errors: nothing is kept
    _write(entry, loaded)
    return loaded


def key(text: PlanText) -> str:
    """The entry's name: what the loaded plan depends on, hashed."""
    import pydantic
    import pydantic_core

    from crmplan import __version__

    digest = hashlib.sha256()
    for part in (__version__, sys.version, pydantic.VERSION, pydantic_core.__version__,
                 active_language(), text.name):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(text.raw)
    return digest.hexdigest()


def _read(entry: Path, text: PlanText, kind: type[Loaded]) -> Loaded | None:
    """The entry's plan, or None on any problem with it."""
    try:
        data = entry.read_bytes()
        loaded = _unpickled(data)
        if not isinstance(loaded, kind) or loaded.text != text:  # type: ignore[attr-defined]
            return None
    except Exception:  # a cache is never a reason to fail: load the plan instead
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # recently used: pruned last
    return loaded


def _unpickled(data: bytes) -> Any:
    header = len(FORMAT) + _DIGEST
    if not data.startswith(FORMAT) or len(data) < header:
        raise ValueError("not a plan cache entry")
    payload = data[header:]
    if hashlib.sha256(payload).digest() != data[len(FORMAT):header]:
        raise ValueError("damaged plan cache entry")
    return _PlanUnpickler(io.BytesIO(payload)).load()


class _PlanUnpickler(pickle.Unpickler):
    """Builds only what a loaded plan is made of; any other global is refused."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in (("datetime", "date"), ("datetime", "datetime")):
            return super().find_class(module, name)
        if module.startswith("crmplan.") and not name.startswith("__"):
            found = super().find_class(module, name)
            if _plan_type(found):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a loaded plan")


def _plan_type(found: Any) -> bool:
    """A class of crmplan's plan (a dataclass, a model, an enumeration), or the one
    function that rebuilds a source map."""
    from pydantic import BaseModel

    from crmplan.plan.source import _source_map

    if found is _source_map:
        return True
    return isinstance(found, type) and (
        issubclass(found, (BaseModel, Enum)) or hasattr(found, "__dataclass_fields__")
        or found.__module__ == "crmplan.plan.source")


def _write(entry: Path, loaded: object) -> None:
    """Keep ``loaded`` at ``entry``, written whole or not at all; a failure is ignored."""
    import tempfile  # with shutil, bz2 and lzma: only a miss writes

    try:
        payload = pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL)
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, name = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
        temp = Path(name)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(FORMAT + hashlib.sha256(payload).digest() + payload)
            temp.replace(entry)
        except BaseException:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise
        prune(entry.parent)
    except (OSError, pickle.PicklingError, RecursionError):
        return


def prune(where: Path, limit: int = MAX_BYTES) -> None:
    """Remove the least recently used entries until the folder holds at most ``limit``."""
    entries = []
    for path in where.glob("*" + _SUFFIX):
        with contextlib.suppress(OSError):
            info = path.stat()
            entries.append((info.st_mtime, info.st_size, path))
    total = sum(size for _time, size, _path in entries)
    for _time, size, path in sorted(entries):
        if total <= limit:
            return
        with contextlib.suppress(OSError):
            path.unlink()
            total -= size
