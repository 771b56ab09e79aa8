"""Which documents ``crmplan render`` writes, and rendering them all before writing any."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crmplan.render.environment import environment, render
from crmplan.render.model.top import RenderContext
from crmplan.render.sandbox import Limits

FORMATS = ("md", "html", "pdf")


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
    gets the context's fields as its names, and ``document``, the document's name. A PDF is
    its HTML typeset (:mod:`crmplan.render.pdf`), the HTML rendered once for both."""
    limits = limits or Limits()
    names = dict(context)
    texts: dict[str, dict[str, str]] = {}
    for fmt in dict.fromkeys("html" if f == "pdf" else f for f in formats):
        env = environment(fmt, lang, user_dir, limits)
        texts[fmt] = {d.name: render(env, f"{d.name}.{fmt}.j2", dict(names, document=d.name),
                                     user_dir) for d in DOCUMENTS}
    rendered: dict[str, bytes] = {}
    for fmt in formats:
        for document in DOCUMENTS:
            rendered[f"{document.name}.{fmt}"] = _output(texts, fmt, document.name)
    return rendered


def _output(texts: dict[str, dict[str, str]], fmt: str, name: str) -> bytes:
    if fmt == "pdf":
        from crmplan.render.pdf import to_pdf

        return to_pdf(texts["html"][name])
    return texts[fmt][name].encode("utf-8")
