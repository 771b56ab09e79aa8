"""Which documents ``crmplan render`` writes, and rendering them all before writing any."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crmplan.render.environment import environment, render
from crmplan.render.model.top import RenderContext
from crmplan.render.sandbox import Limits

FORMATS = ("md", "html")


@dataclass(frozen=True)
class Document:
    """A deliverable: its file name without extension, which is also its template's name."""

    name: str


DOCUMENTS = (Document("strategy"), Document("assessment"), Document("journey-map"),
             Document("review"))


def file_names(formats: tuple[str, ...]) -> list[str]:
    """``strategy.md``, ``strategy.html``, ... in document order."""
    return [f"{d.name}.{fmt}" for d in DOCUMENTS for fmt in formats]


def render_documents(context: RenderContext, formats: tuple[str, ...], lang: str,
                     user_dir: Path | None, limits: Limits | None = None) -> dict[str, bytes]:
    """Every document in every format, by file name; nothing is written here. Each template
    gets the context's fields as its names, and ``document``, the document's name."""
    limits = limits or Limits()
    names = dict(context)
    rendered: dict[str, bytes] = {}
    for fmt in formats:
        env = environment(fmt, lang, user_dir, limits)
        for document in DOCUMENTS:
            data = dict(names, document=document.name)
            text = render(env, f"{document.name}.{fmt}.j2", data, user_dir)
            rendered[f"{document.name}.{fmt}"] = text.encode("utf-8")
    return rendered
