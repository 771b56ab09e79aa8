"""``crmplan schema``: the options; the work is in :mod:`crmplan.commands.schema`."""

from __future__ import annotations

from typing import Annotated

import typer

from crmplan.cli.common import one_of
from crmplan.cli.help import N_, described

SCHEMA_FORMATS = ("json", "markdown", "md")


@described(N_("Print the plan format: its JSON Schema, or the Markdown reference of every "
              "field."))
def schema(
    output: Annotated[
        str, typer.Option("--format", "-f", callback=one_of(*SCHEMA_FORMATS),
                          metavar="|".join(SCHEMA_FORMATS),
                          help=N_("json (the JSON Schema), or markdown / md (the field "
                                  "reference)."))
    ] = "json",
) -> None:
    from crmplan.commands.schema import run

    raise typer.Exit(run(fmt=output))
