"""``crmplan render``: options in, the command module out (imported when it runs)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crmplan.cli.common import LangOpt, PlanArg, parse_date

RENDER_FORMATS = ("md", "html")


def formats_of(text: str) -> tuple[str, ...]:
    """``md,html`` as a tuple in the order given; an unknown or empty list is a usage error."""
    chosen = tuple(dict.fromkeys(p.strip() for p in text.split(",") if p.strip()))
    unknown = [p for p in chosen if p not in RENDER_FORMATS]
    if unknown or not chosen:
        from crmplan.i18n import _
        from crmplan.quoting import shown

        raise typer.BadParameter(_("'{value}' is not a list of: {choices}").format(
            value=shown(text), choices=", ".join(RENDER_FORMATS)), param_hint="'--format'")
    return chosen


def render(
    path: PlanArg = Path(),
    out: Annotated[Path, typer.Option("--out", "-o", help="The folder to write the "
                                      "documents into (created if needed).",
                                      show_default=False)] = Path("out"),
    output: Annotated[str, typer.Option("--format", "-f", help="Formats to write, "
                                        "comma-separated: md, html.")] = "md,html",
    templates: Annotated[Path | None, typer.Option(
        "--templates", help="A folder of templates that replace built-in ones, whole or "
        "block by block (docs/templates.md).", show_default=False)] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1, writing nothing, when a "
                                         "step has no data yet.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace documents that exist "
                                        "already in the folder.")] = False,
    date: Annotated[str | None, typer.Option(
        "--date", help="The date printed on the title page and the day the review is judged "
        "on, YYYY-MM-DD (default: none, and the plan's latest date for the review).",
        show_default=False)] = None,
    lang: LangOpt = None,
) -> None:
    """Write the ten-step CRM strategy, the assessment memo, the journey map and the review
    as Markdown and self-contained HTML."""
    from crmplan.commands.render import run

    run(path, out=out, formats=formats_of(output), lang=lang, templates=templates,
        strict=strict, force=force, day=parse_date(date))
