"""The command line: one small Typer function per command, over a core that never prints.

Each function converts its options and calls the command's module, imported
inside the function so that ``crmplan --help`` does not load pydantic,
ruamel.yaml or jinja2. :class:`_Group` is the one place where errors become
exit codes: 0 clean, 1 the plan has problems, 2 bad usage or an unreadable
path or a refused overwrite, 3 an internal bug, 130 interrupted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from crmplan import __version__
from crmplan.cli.common import (
    LANGUAGES,
    FormatOpt,
    LangOpt,
    PlanArg,
    ReportFormatOpt,
    language,
    one_of,
    parse_date,
)
from crmplan.cli.journey import journey
from crmplan.cli.render import render

EXIT_INTERRUPTED = 130  # the other exit codes belong to the exceptions (crmplan.errors)


SCHEMA_FORMATS = ("json", "markdown", "md")


class _Group(TyperGroup):
    """Runs a command and turns crmplan's exceptions into messages and exit codes."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None,
                     **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except typer.TyperException as exc:  # an unknown option of crmplan itself
            raise _shortened(exc) from None

    def invoke(self, ctx: Any) -> Any:  # the framework's own Context class is private
        from crmplan import output

        output.use_format("text")  # until a command asks for another
        # options are checked before any command runs: their messages need the language now
        from crmplan.i18n import activate, language_asked

        activate(language_asked([*getattr(ctx, "protected_args", []), *ctx.args]))
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # the process's edge (crmplan.entry) says so
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Exception as exc:  # the single place that handles every error
            if isinstance(exc, typer.TyperException):
                raise _shortened(exc) from None  # the framework prints it (exit 2)
            if _from_cli_framework(exc):
                raise  # exits
            from crmplan.commands.errors import report_exception

            raise typer.Exit(report_exception(exc, _debug(ctx))) from None


def _shortened(exc: typer.TyperException) -> typer.TyperException:
    """The framework's own message, each value it quotes cut to a readable length."""
    from crmplan.quoting import shown_within

    exc.message = shown_within(exc.message)
    return exc


def _from_cli_framework(exc: Exception) -> bool:
    return isinstance(exc, (typer.Exit, typer.Abort)) or type(exc).__module__.startswith(
        ("typer.", "click."))


app = typer.Typer(
    cls=_Group,
    name="crmplan",
    help="Keep a client's CRM strategy as a plain YAML plan in git: scaffold and validate "
    "it, assess what to do first, track KPI baselines and segments (also computed from the "
    "client's exports), map the journey, review it twice a year and render the "
    "deliverables.",
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


def _debug(ctx: Any) -> bool:
    root = ctx.find_root()
    return bool(root.params.get("debug"))


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True,
                           help="Show the version and exit.")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of an internal error.")
    ] = False,
) -> None:
    """crmplan: CRM strategy plans for consultants and in-house CRM leads."""


PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(help="Plan files or client folders (default: plan.yaml here).",
                   show_default=False),
]


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="The client folder to create.")],
    client: Annotated[str, typer.Option("--client", help="The client's name.")],
    lang: Annotated[
        str, typer.Option("--lang", callback=one_of(*LANGUAGES),
                          help="Language of the plan and the deliverables: ko, en or zh.")
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

    run(directory, client=client, lang=lang, industry=industry, example=example)


@app.command()
def validate(
    paths: PathsArg = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", metavar="CODE", show_default=False,
        help="Do not report this rule, e.g. CRM401 (repeat, or separate codes with commas; "
        "docs/rules.md lists them).")] = None,
    output: FormatOpt = "text",
    lang: LangOpt = None,
) -> None:
    """Check plans: every problem at once, with file:line:col, then what each plan holds."""
    from crmplan.commands.validate import run

    code = run(paths or [Path()], strict=strict, ignore=ignore or [], output=output,
               lang=language(lang))
    raise typer.Exit(code)


@app.command()
def assess(
    path: PlanArg = Path(),
    output: ReportFormatOpt = "text",
    explain: Annotated[
        bool, typer.Option("--explain", help="Show every fact and the lines it rests on.")
    ] = False,
    record: Annotated[
        bool, typer.Option("--record", help="Log the recommendation in the plan's decisions.")
    ] = False,
    date: Annotated[
        str | None, typer.Option("--date", help="Date of the recorded decision, YYYY-MM-DD "
                                 "(default: today).", show_default=False)
    ] = None,
    lang: LangOpt = None,
) -> None:
    """What to do first (journey or CRM/KPI), the CRM maturity stage and journey readiness."""
    from crmplan.commands.assess import run

    run(path, output_format=output, explain=explain, record=record, day=parse_date(date),
        lang=lang)


app.command()(journey)
app.command()(render)


@app.command()
def schema(
    output: Annotated[
        str, typer.Option("--format", "-f", callback=one_of(*SCHEMA_FORMATS),
                          help="json (the JSON Schema), or markdown / md (the field reference).")
    ] = "json",
) -> None:
    """Print the plan format: its JSON Schema, or the Markdown reference of every field."""
    from crmplan.commands.schema import run

    run(output)


def _add_groups() -> None:
    from crmplan.cli import baseline, review, segment

    app.add_typer(baseline.app)
    app.add_typer(review.app)
    app.add_typer(segment.app)


_add_groups()


def main() -> int:
    """Run the command line as the process's arguments ask; return its exit code.

    The process starts in :mod:`crmplan.entry`, which handles Ctrl-C from the first line on.
    """
    try:
        app()
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    return 0
