"""``crmplan init``: the options; the work is in :mod:`crmplan.commands.init`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from crmplan.cli.common import one_of
from crmplan.cli.help import CHOICES, N_, described
from crmplan.languages import CODES, METAVAR


def _industries() -> Sequence[str]:
    from crmplan.commands.init import industries

    return industries()


def _examples() -> Sequence[str]:
    from crmplan.commands.init import examples

    return examples()


CHOICES.update({"--industry": _industries, "--example": _examples})


@described(N_("Scaffold a client folder: a commented plan, README, .gitignore and data/."))
def init(
    directory: Annotated[Path, typer.Argument(help=N_("The client folder to create."),
                                              metavar="DIR", show_default=False)],
    client: Annotated[str, typer.Option("--client", help=N_("The client's name."),
                                        metavar="NAME", show_default=False)],
    lang: Annotated[
        str, typer.Option("--lang", callback=one_of(*CODES), metavar=METAVAR,
                          help=N_("Language of the plan and the deliverables."))
    ],
    industry: Annotated[
        str | None, typer.Option("--industry", help=N_("The client's industry."),
                                 metavar="INDUSTRY", show_default=False)
    ] = None,
    example: Annotated[
        str | None, typer.Option("--example", help=N_("Start from a bundled example plan."),
                                 metavar="EXAMPLE", show_default=False)
    ] = None,
) -> None:
    from crmplan.commands.init import run

    raise typer.Exit(run(directory, fmt="text", lang=lang, client=client, industry=industry,
                         example=example))
