"""A usage error of the command-line framework, told in the language asked.

The framework writes its usage errors in English ("Try 'crmplan init -h' for
help.", "Error: Missing option '--client'."), around crmplan's own words when
crmplan refused the value. :func:`retold` tells each again through crmplan's
catalog, its parts taken from the exception (the option, the argument, the
command), every value the user wrote cut to a readable length; in English the
words are the framework's own. A message the framework writes in a form not
known here stays as it is.

Only typer is imported at the top, so that ``crmplan --help`` stays quick.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import IO, Any

import typer


class Told(typer.BadParameter):
    """A usage error told again: :meth:`show` writes the usage, where to find help and
    the message, each in the language asked."""

    def __init__(self, message: str, ctx: Any) -> None:
        super().__init__(message, ctx=ctx)

    def format_message(self) -> str:
        return self.message

    def show(self, file: IO[Any] | None = None) -> None:
        from crmplan.i18n import _

        ctx = self.ctx
        if ctx is not None:
            hint = ""
            if ctx.command.get_help_option(ctx) is not None:
                hint = _("Try '{command} {option}' for help.").format(
                    command=ctx.command_path, option=ctx.help_option_names[0]) + "\n"
            typer.echo(f"{ctx.get_usage()}\n{hint}", file=file, err=file is None,
                       color=ctx.color)
        typer.echo(_("Error: {message}").format(message=self.message), file=file,
                   err=file is None, color=ctx.color if ctx is not None else None)


def retold(exc: typer.TyperException) -> typer.TyperException:
    """A usage error (exit 2) in the language asked, each value it quotes cut short;
    any other exception of the framework only cut short."""
    from crmplan.quoting import shown_within

    own = getattr(exc, "crmplan_wrote_it", False)  # crmplan's own are cut already
    if getattr(exc, "exit_code", None) != 2 or not hasattr(exc, "ctx"):
        exc.message = exc.message if own else shown_within(exc.message)
        return exc
    message = _message(exc)
    return Told(message if own else shown_within(message), exc.ctx)


def _message(exc: Any) -> str:
    """What went wrong, in the language asked."""
    tell = _BY_KIND.get(type(exc).__name__)
    return tell(exc) if tell is not None else _plain(exc.message)


def _invalid_value(exc: Any) -> str:
    from crmplan.i18n import _

    hint = _hint(exc)
    if hint is None:
        return _("Invalid value: {message}").format(message=exc.message)
    return _("Invalid value for {param}: {message}").format(param=hint, message=exc.message)


def _missing(exc: Any) -> str:
    from crmplan.i18n import _

    hint = _hint(exc) or ""
    kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else None)
    text = {"argument": _("Missing argument {param}."), "option": _("Missing option {param}.")
            }.get(kind or "", _("Missing parameter {param}.")).format(param=hint)
    extra = [exc.message] if exc.message else []
    if exc.param is not None and (more := exc.param.get_missing_message(ctx=exc.ctx)):
        extra.append(more)
    return " ".join([text.replace(" .", "."), *extra])


def _no_such_option(exc: Any) -> str:
    from crmplan.i18n import _

    text = _("No such option: {option}").format(option=exc.option_name)
    if exc.possibilities:
        text += " " + _("(Possible options: {options})").format(
            options=", ".join(sorted(exc.possibilities)))
    return text


def _option_usage(exc: Any) -> str:
    from crmplan.i18n import _

    if exc.message.endswith(" requires an argument."):
        return _("Option '{option}' requires an argument.").format(option=exc.option_name)
    if exc.message.endswith(" does not take a value."):
        return _("Option '{option}' does not take a value.").format(option=exc.option_name)
    return str(exc.message)


def _plain(message: str) -> str:
    """A message given as text: the framework's few known forms, else as it is."""
    from crmplan.i18n import _

    if (extra := re.fullmatch(r"Got unexpected extra argument\(s\) \((.*)\)", message)):
        return _("Got unexpected extra argument(s) ({arguments})").format(
            arguments=extra.group(1))
    if (command := re.fullmatch(r"No such command '(.*)'\.", message)):
        return _("No such command '{name}'.").format(name=command.group(1))
    if message == "Missing command.":
        return _("Missing command.")
    return message


def _hint(exc: Any) -> str | None:
    """The parameter as the framework names it: ``'VALUE'``, ``'--format' / '-f'``."""
    hint: str | Sequence[str] | None = exc.param_hint
    if hint is None and exc.param is not None:
        hint = exc.param.get_error_hint()
    if hint is not None and not isinstance(hint, str):
        return " / ".join(repr(x) for x in hint)
    return hint


_BY_KIND: dict[str, Callable[[Any], str]] = {
    "BadParameter": _invalid_value,
    "MissingParameter": _missing,
    "NoSuchOption": _no_such_option,
    "BadOptionUsage": _option_usage,
}
