"""``crmplan lsp``: the options; the work is in :mod:`crmplan.commands.lsp`."""

from __future__ import annotations

from typing import Annotated

import typer

from crmplan.cli.common import LangOpt
from crmplan.cli.help import N_, described


@described(N_("Run the language server an editor starts: the plan checked as it is typed "
              "(the findings of validate), completion, go to definition, references, "
              "rename, hover and quick fixes (docs/editor.md)."))
def lsp(
    stdio: Annotated[bool, typer.Option(
        "--stdio", help=N_("Speak on standard input and output (the only way; accepted "
                           "because editors pass it)."))] = False,
    lang: LangOpt = None,
) -> None:
    from crmplan.commands.lsp import run

    del stdio  # standard input and output are the only transport
    raise typer.Exit(run(fmt="text", lang=lang))
