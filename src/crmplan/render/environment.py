"""The Jinja environments of ``crmplan render``: loaders, escaping, gettext, errors.

One environment per output format, both :class:`~crmplan.render.sandbox.LimitedSandbox`:

- HTML autoescapes everything (the templates end in ``.html.j2``, which
  ``select_autoescape`` would miss, so autoescape is simply on);
- Markdown cannot be autoescaped by Jinja, so its ``finalize`` hook passes
  every printed value through :func:`crmplan.markdown.cell` (pipes,
  newlines, raw HTML, leading marks), except :class:`MarkdownSafe` text that
  crmplan wrote itself (Mermaid diagrams, composed callouts).

Templates are found in the user's folder first (``--templates``, where no
template may be a link out of the folder: :mod:`crmplan.render.loader`), then
in the built-in ``templates/render``; the built-in ones are also reachable as
``builtin/NAME``, so a user's ``strategy.html.j2`` can extend
``builtin/strategy.html.j2`` and replace a single block.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    pass_context,
)
from jinja2.bccache import Bucket, BytecodeCache, FileSystemBytecodeCache
from markupsafe import Markup, escape

from crmplan.errors import UsageError
from crmplan.i18n import NP_, _, nests, translations
from crmplan.languages import entry
from crmplan.markdown import cell
from crmplan.quoting import shown
from crmplan.render.breaks import breakable
from crmplan.render.loader import FolderLoader, RefusedTemplate, TemplateOutsideFolder
from crmplan.render.model.record import Record
from crmplan.render.sandbox import (
    GENERATED_CODE,
    LimitedSandbox,
    LimitExceeded,
    Limits,
    checked_output,
    time_limit,
)
from crmplan.resources import templates_dir, user_cache_dir

BUILTIN = "builtin"


class MarkdownSafe(str):
    """Markdown that crmplan wrote itself and already escaped: printed as it is."""


def builtin_dir() -> Path:
    """The built-in templates of ``crmplan render``."""
    return templates_dir() / "render"


def markdown_value(value: Any) -> str:
    """What a ``{{ ... }}`` prints in a Markdown template: escaped, unless crmplan's own."""
    if isinstance(value, MarkdownSafe):
        return value
    return cell("" if value is None else value)


def _cell(value: Any) -> MarkdownSafe:
    """A table cell: ``|`` and raw HTML escaped; "1." at the start stays as it is."""
    return MarkdownSafe(cell("" if value is None else value, line_start=False))


def _loader(user_dir: Path | None, limits: Limits) -> BaseLoader:
    builtin = FileSystemLoader(str(builtin_dir()))
    loaders: list[BaseLoader] = [FolderLoader(user_dir, limits.template_bytes)
                                 ] if user_dir else []
    return ChoiceLoader([*loaders, builtin, PrefixLoader({BUILTIN: builtin})])


class _Cache(FileSystemBytecodeCache):
    """Compiled templates kept between runs; a cache that cannot be used is skipped."""

    def load_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError, ValueError, EOFError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache(output: str) -> BytecodeCache | None:
    """A per-user folder of compiled templates (compiling them all takes about a second).

    Jinja checks each entry against its template's source, so an edited template
    is compiled again; entries are kept apart per format and crmplan version (and
    version of the sandbox's generated code), since the two environments compile the
    same source differently.
    """
    from crmplan import __version__

    folder = user_cache_dir() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return _Cache(str(folder), f"{__version__}-{GENERATED_CODE}-{output}-%s.cache")


def environment(output: str, lang: str, user_dir: Path | None, limits: Limits
                ) -> LimitedSandbox:
    """The sandboxed environment for ``output`` (``html`` or ``md``) in ``lang``."""
    html = output == "html"
    env = LimitedSandbox(
        limits, loader=_loader(user_dir, limits), undefined=StrictUndefined, autoescape=html,
        bytecode_cache=_bytecode_cache(output),
        extensions=["jinja2.ext.i18n"], keep_trailing_newline=True, trim_blocks=True,
        lstrip_blocks=True, finalize=None if html else markdown_value)
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    if entry(lang).particles:
        _settle_particles(env)
    env.globals["html_lang"] = entry(lang).tag or entry(lang).code
    env.add_filter("cell", _cell)
    if html:
        env.add_filter("breakable", breakable)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "default": _plain}
    _add_punctuation(env, translations(lang), html)
    return env


def _settle_particles(env: LimitedSandbox) -> None:
    """Korean messages with ``{name}이(가)`` take the particle their value asks for."""
    from crmplan.hangul import particles

    def settling(func: Callable[..., Any]) -> Callable[..., Any]:
        @pass_context
        def settled(context: Any, *args: Any, **kwargs: Any) -> Any:
            text = func(context, *args, **kwargs)
            return type(text)(particles(str(text)))  # Markup stays Markup
        return settled

    for name in ("gettext", "_", "ngettext", "pgettext", "npgettext"):
        func = env.globals.get(name)
        if callable(func):
            env.globals[name] = settling(func)


def _plain(value: Any) -> Any:
    """A part of the render context as ``| tojson`` writes it: the dict of its fields."""
    if isinstance(value, Record):
        return dict(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


# Separators whose English is the same mark as another's, told apart by their context.
SEPARATORS: dict[str, Any] = {
    "dash": NP_("before a remark", " — "),
    "dot": NP_("between facts", " · "),
    "list_comma": NP_("a list of names", ", "),
    "stop": NP_("after a sentence, before the next", ". "),
}


def _add_punctuation(env: LimitedSandbox, catalog: Any, html: bool) -> None:
    """The language's punctuation around plan text, from the same catalog entries as the
    terminal reports: ``colon``, ``comma``, ``semicolon``, ``dash`` (before a remark),
    ``dot`` (between facts on one line), ``list_comma`` (between the names of a list:
    ``、`` in Chinese) and the ``aside`` filter (`` (detail)``, ``（detail）`` in Chinese)."""
    own = Markup if html else MarkdownSafe  # crmplan's own text, printed as it is
    env.globals["colon"] = own(catalog.gettext("{label}: {value}").format(label="", value=""))
    env.globals["comma"] = own(catalog.gettext(", "))
    env.globals["semicolon"] = own(catalog.gettext("; "))
    for name, mark in SEPARATORS.items():
        env.globals[name] = own(catalog.pgettext(mark.context, mark))
    brackets = catalog.gettext(" ({detail})")
    remark = catalog.pgettext(SEPARATORS["dash"].context, SEPARATORS["dash"]) + "{detail}"

    def aside(value: Any, after: Any = None) -> Any:
        """`` (value)``, or `` — value`` where brackets would meet or nest (see
        :func:`crmplan.i18n.aside`)."""
        closed = not brackets.startswith(" ") and nests(str(after or ""), str(value or ""))
        pattern = remark if closed else brackets
        if html:
            return Markup(escape(pattern)).format(detail=value)
        if not isinstance(value, MarkdownSafe):
            value = cell("" if value is None else value, line_start=False)
        return MarkdownSafe(pattern.format(detail=value))

    env.add_filter("aside", aside)


def render(env: LimitedSandbox, name: str, context: dict[str, Any],
           user_dir: Path | None) -> str:
    """The template ``name`` rendered with ``context``, within the environment's limits.

    With a user's folder, a template that fails (syntax, a missing name, an
    unsafe attribute, a limit) is bad input: a :class:`UsageError` naming the
    file and line. Without one, a failure is crmplan's own bug and is raised.
    """
    try:
        with time_limit(env):
            template = env.get_template(name)
            return checked_output(template.generate(context), env.limits.output_chars)
    except Exception as exc:
        if user_dir is None or not isinstance(exc, (TemplateError, LimitExceeded, TypeError,
                                                     ValueError, ArithmeticError, LookupError,
                                                     AttributeError, RecursionError)):
            raise
        raise template_failure(exc, user_dir, name) from None


def template_failure(exc: Exception, user_dir: Path, name: str) -> UsageError:
    """A usage error that names the template file and line where ``exc`` happened."""
    refused = exc.path if isinstance(exc, RefusedTemplate) else None
    where = _where(exc, user_dir) or refused or name  # a refused template: where it is
    hint = (_("copy the file into {folder} instead of linking to it")
            if isinstance(exc, TemplateOutsideFolder)
            else _("fix the template in {folder}, or render without --templates"))
    return UsageError(_("{where}: the template cannot be rendered: {reason}").format(
        where=where, reason=" ".join(_reason(exc).split())), hint=hint.format(folder=user_dir))


def _reason(exc: Exception) -> str:
    if isinstance(exc, TemplateNotFound) and not isinstance(exc, TemplateSyntaxError):
        return _("template '{name}' not found").format(name=shown(exc.name))
    if isinstance(exc, RecursionError):
        return _("templates are nested too deeply: a template includes itself, a macro calls "
                 "itself without end, or tags or brackets are nested too deep")
    return str(getattr(exc, "message", None) or exc) or type(exc).__name__


def _where(exc: Exception, user_dir: Path) -> str:
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        return f"{_shown(exc.filename, user_dir)}:{exc.lineno}"
    found = ""
    tb: TracebackType | None = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = f"{_shown(filename, user_dir)}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found


def _shown(filename: str, user_dir: Path) -> str:
    """A template's file as the user knows it: in their folder, or ``builtin/NAME``."""
    path = Path(filename)
    for root, prefix in ((user_dir, str(user_dir)), (builtin_dir(), BUILTIN)):
        try:
            return str(Path(prefix) / path.resolve().relative_to(root.resolve()))
        except ValueError:
            continue
    return filename
