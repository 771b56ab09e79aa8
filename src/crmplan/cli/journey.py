"""``crmplan journey``: the options; the work is in :mod:`crmplan.commands.journey`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crmplan.cli.common import LangOpt, PlanArg, one_of
from crmplan.cli.help import N_, described

JOURNEY_FORMATS = ("text", "json", "md", "mermaid")


@described(N_("The customer journey map: stages, touchpoints, emotions, pain points, "
              "opportunities and coverage gaps."))
def journey(
    path: PlanArg = Path(),
    journey_id: Annotated[
        str | None, typer.Option("--journey", "-j", show_default=False, metavar="ID",
                                 help=N_("Show only the journey with this id."))
    ] = None,
    output: Annotated[
        str, typer.Option("--format", "-f", callback=one_of(*JOURNEY_FORMATS),
                          metavar="|".join(JOURNEY_FORMATS), help=N_("Output format."))
    ] = "text",
    strict: Annotated[
        bool, typer.Option("--strict", help=N_("Exit 1 when the map has coverage gaps."))
    ] = False,
    lang: LangOpt = None,
) -> None:
    from crmplan.commands.journey import run

    raise typer.Exit(run(path, fmt=output, lang=lang, journey=journey_id, strict=strict))
