"""``crmplan init``: the options; the work is in :mod:`crmplan.commands.init`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crmplan.cli.common import one_of
from crmplan.languages import CHOICES_TEXT, CODES


def init(
    directory: Annotated[Path, typer.Argument(help="The client folder to create.")],
    client: Annotated[str, typer.Option("--client", help="The client's name.")],
    lang: Annotated[
        str, typer.Option("--lang", callback=one_of(*CODES),
                          help=f"Language of the plan and the deliverables: {CHOICES_TEXT}.")
    ],
    industry: Annotated[
        str | None, typer.Option("--industry", help="The client's industry, e.g. healthcare.")
    ] = None,
    example: Annotated[
        str | None, typer.Option("--example", help="Start from a bundled example plan.")
    ] = None,
) -> None:
    """Scaffold a client folder: a commented plan, README, .gitignore and data/."""
    from crmplan.commands.init import run

    raise typer.Exit(run(directory, fmt="text", lang=lang, client=client, industry=industry,
                         example=example))
