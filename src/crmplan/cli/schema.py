"""``crmplan schema``: the options; the work is in :mod:`crmplan.commands.schema`."""

from __future__ import annotations

from typing import Annotated

import typer

from crmplan.cli.common import one_of

SCHEMA_FORMATS = ("json", "markdown", "md")


def schema(
    output: Annotated[
        str, typer.Option("--format", "-f", callback=one_of(*SCHEMA_FORMATS),
                          help="json (the JSON Schema), or markdown / md (the field reference).")
    ] = "json",
) -> None:
    """Print the plan format: its JSON Schema, or the Markdown reference of every field."""
    from crmplan.commands.schema import run

    raise typer.Exit(run(fmt=output))
