"""Files that ship with crmplan: templates, example plans, the JSON Schema.

The repository keeps templates/, examples/ and schema/ at its top level; the
wheel carries them inside the package (``crmplan/templates``,
``crmplan/examples``, ``crmplan/schema``).
An editable install has no copy inside the package, so the top-level folders
of the source tree are used instead.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_SOURCE_TREE = _PACKAGE.parent.parent


def _shipped(name: str) -> Path:
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _SOURCE_TREE / name


def templates_dir() -> Path:
    """The built-in Jinja templates."""
    return _shipped("templates")


def examples_dir() -> Path:
    """The bundled example plans, one folder each."""
    return _shipped("examples")


def example_names() -> list[str]:
    """Names of the bundled examples (their folder names)."""
    folder = examples_dir()
    return sorted(p.name for p in folder.iterdir() if (p / "plan.yaml").is_file())


def schema_file() -> Path:
    """The plan's JSON Schema as shipped with the package."""
    return _shipped("schema") / "plan.schema.json"


def user_cache_dir() -> Path:
    """The user's cache folder for crmplan: ``$XDG_CACHE_HOME/crmplan``, else
    ``~/.cache/crmplan`` (compiled templates, loaded plans). Deleting it is always safe."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "crmplan"
