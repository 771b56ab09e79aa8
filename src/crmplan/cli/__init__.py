"""The command line: the app, its root options, and the registration of every command.

Each command or command group has a module of its own here, ``cli/<command>.py``,
holding its options; its work is in ``crmplan.commands.<command>``, imported
inside the command function so that ``crmplan --help`` does not load pydantic,
ruamel.yaml or jinja2. Every command function ends in ``raise
typer.Exit(run(...))``: the command returns its exit code, and
:class:`crmplan.cli.errors.Group` turns whatever it raises into a message and
an exit code.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from crmplan import __version__
from crmplan.cli.errors import Group
from crmplan.cli.help import N_, HelpCommand

app = typer.Typer(
    cls=Group,
    name="crmplan",
    help=N_("Keep a client's CRM strategy as a plain YAML plan in git: scaffold and validate "
            "it, assess what to do first, track KPI baselines and segments (also computed "
            "from the client's exports), map the journey, review it twice a year and render "
            "the deliverables."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"crmplan {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True,
                           help=N_("Show the version and exit."))
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help=N_("Show the full traceback of an internal error."))
    ] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help=N_(
            "Read every plan afresh: do not use or keep loaded plans in the cache folder "
            "(the same as CRMPLAN_NO_CACHE=1; see docs/performance.md)."))
    ] = False,
) -> None:
    """crmplan: CRM strategy plans for consultants and in-house CRM leads."""
    if no_cache:  # read by crmplan.plan.cache, as when the user sets it
        os.environ[NO_CACHE] = "1"


NO_CACHE = "CRMPLAN_NO_CACHE"  # crmplan.plan.cache.NO_CACHE, which the CLI does not import


def _register() -> None:
    """Every command and command group; ``crmplan --help`` lists them in the order of the
    work (:data:`crmplan.cli.help.COMMAND_ORDER`)."""
    from crmplan.cli import (
        assess,
        baseline,
        init,
        journey,
        lsp,
        render,
        review,
        schema,
        segment,
        validate,
    )

    for command in (init.init, validate.validate, assess.assess, journey.journey,
                    render.render, schema.schema, lsp.lsp):
        app.command(cls=HelpCommand)(command)
    for group in (baseline.app, review.app, segment.app):
        app.add_typer(group)


_register()


def main() -> int:
    """Run the command line as the process's arguments ask; return its exit code.

    The process starts in :mod:`crmplan.entry`, which handles Ctrl-C from the first line on.
    """
    try:
        app()
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    return 0
