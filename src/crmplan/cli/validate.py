"""``crmplan validate``: the options; the work is in :mod:`crmplan.commands.validate`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crmplan.cli.common import FormatOpt, LangOpt
from crmplan.cli.help import N_, described

PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(help=N_("Plan files or client folders (default: plan.yaml here)."),
                   metavar="PATH", show_default=False),
]


@described(N_("Check plans: every problem at once, with file:line:col, and whatever another "
              "command would refuse; then what each plan holds."))
def validate(
    paths: PathsArg = None,
    strict: Annotated[bool, typer.Option("--strict", help=N_("Fail on warnings too."))] = False,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", metavar="CODE", show_default=False,
        help=N_("Do not report this rule, e.g. CRM401 (repeat, or separate codes with commas; "
                "docs/rules.md lists them).")),
    ] = None,
    output: FormatOpt = "text",
    lang: LangOpt = None,
) -> None:
    from crmplan.commands.validate import run

    raise typer.Exit(run(paths or [Path()], fmt=output, lang=lang, strict=strict,
                         ignore=ignore or []))
