"""``crmplan render``: the options; the work is in :mod:`crmplan.commands.render`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crmplan.cli.common import LangOpt, PlanArg, checked, one_of, parse_date
from crmplan.cli.help import N_, described


@described(N_("Write the ten-step CRM strategy, the assessment memo, the journey map and the "
              "review as Markdown and self-contained HTML, in the client's version or the "
              "team's."))
def render(
    path: PlanArg = Path(),
    out: Annotated[Path, typer.Option("--out", "-o", help=N_(
        "The folder to write the documents into (created if needed)."), metavar="DIR",
        show_default=False)] = Path("out"),
    output: Annotated[str, typer.Option("--format", "-f", help=N_(
        "Formats to write, comma-separated: md, html, and pptx for the executive deck "
        "(deck.pptx)."), metavar="md,html,pptx")] = "md,html",
    audience: Annotated[str, typer.Option(
        "--audience", callback=one_of("client", "team"), metavar="client|team", help=N_(
            "Who the documents are for: client (no to-dos, plan lines or internal ids; a "
            "step with no data is left out, with a warning) or team (the working version, "
            "with to-dos, plan lines and contradictions)."))] = "client",
    templates: Annotated[Path | None, typer.Option("--templates", help=N_(
        "A folder of templates that replace built-in ones, whole or block by block "
        "(docs/templates.md)."), metavar="DIR", show_default=False)] = None,
    strict: Annotated[bool, typer.Option("--strict", help=N_(
        "Exit 1, writing nothing, when a step has no data yet."))] = False,
    force: Annotated[bool, typer.Option("--force", help=N_(
        "Replace documents that exist already in the folder."))] = False,
    date: Annotated[str | None, typer.Option("--date", help=N_(
        "The date on the title pages and the day the documents are judged on (default: "
        "the date of the plan's last commit, or its latest dated entry if later; never "
        "today's)."), metavar="YYYY-MM-DD", show_default=False)] = None,
    deck_template: Annotated[Path | None, typer.Option("--deck-template", help=N_(
        "The firm's PowerPoint file (.pptx) whose masters, layouts, theme colours and "
        "fonts the deck uses (--format pptx); default: a built-in theme."), metavar="PATH",
        show_default=False)] = None,
    lang: LangOpt = None,
) -> None:
    from crmplan.commands.render import formats_of, run

    checked(formats_of, output, "--format")
    raise typer.Exit(run(path, fmt=output, lang=lang, out=out, templates=templates,
                         strict=strict, force=force, day=parse_date(date), audience=audience,
                         deck_template=deck_template))
