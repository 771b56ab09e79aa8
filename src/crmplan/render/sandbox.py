"""Limits for templates: a sandbox that refuses huge values, and a time limit.

Jinja's :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` stops a
template from reaching Python internals (``''.__class__``) or changing the
data it is given, but it lets ``'a' * 10**9`` allocate a gigabyte and a
nested loop run for hours. :class:`LimitedSandbox` adds what is missing:

- no value a template builds is longer than :attr:`Limits.max_value`
  characters or items, and every operation whose result can be a product of
  its inputs is refused *before* it runs, from the size it would have
  (:mod:`crmplan.render.bounds`): the operators ``*``, ``**``, ``%``, ``+``
  and ``~``; a string method or filter that puts an argument at every field,
  line, word, tab or character (``format``, ``%``, ``replace``, ``join``,
  ``indent``, ``wordwrap``, ``urlize``, ``expandtabs``, ``translate``,
  ``tojson`` with an indent, ``sum`` of lists, ``lipsum``, a translated label
  with variables); and turning a list, tuple or mapping into text (printing
  it, ``~``, ``string``, ``join``...), which prints a string as often as it
  is held. Any other result is checked once built: it is at most a few times
  the size of its inputs;
- a slice (a copy) is counted like any other value;
- the output of a macro, a call block, a filter block, a ``{% set %}``
  block, ``super()`` and an imported template is counted as it is produced,
  and so is the document's (:func:`checked_output`);
- what a document's template builds adds up to at most
  :attr:`Limits.built_chars`, so that a template cannot keep many values of
  the largest size (a list of them, a namespace that grows in a loop);
- whole-number arguments of calls and filters are at most
  :attr:`Limits.max_value`, a power or product at most :data:`MAX_POWER_BITS`
  bits;
- :func:`time_limit` stops the render after :attr:`Limits.seconds`: a timer
  signal interrupts even a loop that calls nothing, and every operator, call
  and ``range`` step checks the clock as well (off the main thread, where no
  signal can be used).

Nothing is worked out while a template compiles: filters run only when the
template does (every filter takes the context, so Jinja cannot fold it into a
constant), and so does what a template prints.

Each breach raises :class:`LimitExceeded`, which names the limit.
"""

from __future__ import annotations

import functools
import re
import signal
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.environment import Template, TemplateModule
from jinja2.filters import make_attrgetter
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range
from jinja2.utils import generate_lorem_ipsum, pass_context, pass_eval_context

from crmplan.i18n import _
from crmplan.quoting import shown
from crmplan.render import bounds
from crmplan.render.model.record import Record

MAX_POWER_BITS = 4096
GENERATED_CODE = 2  # goes into the names of cached compiled templates: raise it when the
# code generator below changes, so that templates compiled before are compiled again
_WIDE_FORMAT = re.compile(r"\d{7,}")  # a width or precision of a million or more
# filters that do not turn their value into text; every other one does
_STRUCTURAL = frozenset({
    "abs", "attr", "batch", "count", "d", "default", "dictsort", "filesizeformat", "first",
    "float", "groupby", "int", "items", "last", "length", "list", "map", "max", "min",
    "random", "reject", "rejectattr", "reverse", "round", "select", "selectattr", "slice",
    "sort", "sum", "unique"})
# filters whose result can be a product of their inputs: its size is worked out first
_ESTIMATED = frozenset({"format", "indent", "join", "replace", "sum", "tojson", "urlize",
                        "wordwrap"})
_GETTEXT = frozenset({"gettext", "ngettext", "pgettext", "npgettext", "_gettext_alias"})
_SEQUENCE = (str, bytes, bytearray, list, tuple)


class LimitExceeded(Exception):
    """A template went past one of the limits."""


@dataclass(frozen=True)
class Limits:
    """What a render may take: wall time, output per document, size of any value, all
    that a document's template builds, size of a template file of the user's."""

    seconds: float = 10.0
    output_chars: int = 32 * 1024 * 1024
    max_value: int = 2_000_000
    built_chars: int = 64 * 1024 * 1024
    template_bytes: int = 1024 * 1024


class _Meter:
    """The render's deadline, and what its template has built so far."""

    def __init__(self) -> None:
        self.deadline: float | None = None
        self.built = 0
        self.budget: int | None = None

    def tick(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise LimitExceeded(_("the render took longer than its time limit"))

    def count(self, size: int) -> None:
        self.built += size
        if self.budget is not None and self.built > self.budget:
            raise LimitExceeded(_("the values the template built add up to more than "
                                  "{limit:,} characters or items").format(limit=self.budget))


class _Buffer(list):  # type: ignore[type-arg]
    """The output of a macro or a block, refused as soon as it grows past the limit."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.size = 0
        self.limit = limit

    def append(self, chunk: str) -> None:
        self.size += len(chunk)
        if self.size > self.limit:
            raise LimitExceeded(_("the output of a block or macro grew past {limit:,} "
                                  "characters").format(limit=self.limit))
        super().append(chunk)

    def extend(self, chunks: Iterable[str]) -> None:
        for chunk in chunks:
            self.append(chunk)


class _CodeGenerator(CodeGenerator):
    """Jinja's code, but every buffer counted, every ``~`` checked before it joins and
    every slice counted (Jinja slices without asking the environment)."""

    def buffer(self, frame: Frame) -> None:
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = environment.buffer()")

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        else:
            join = "markup_join" if frame.eval_ctx.autoescape else "str_join"
        self.write(f"environment.concat_values({join}, (")
        for part in node.nodes:
            self.visit(part, frame)
            self.write(", ")
        self.write("))")


    def visit_Getitem(self, node: nodes.Getitem, frame: Frame) -> None:
        if not isinstance(node.arg, nodes.Slice):
            super().visit_Getitem(node, frame)
            return
        self.write("environment.sliced(")
        self.visit(node.node, frame)
        self.write(", slice(")
        for part in (node.arg.start, node.arg.stop, node.arg.step):
            if part is None:
                self.write("None")
            else:
                self.visit(part, frame)
            self.write(", ")
        self.write("))")


class _Template(Template):
    """A template whose output, when imported, is counted as it is produced."""

    def make_module(self, vars: dict[str, Any] | None = None, shared: bool = False,
                    locals: Mapping[str, Any] | None = None) -> TemplateModule:
        context = self.new_context(vars, shared, locals)
        environment = self.environment
        body = (environment.collected(self.root_render_func(context))
                if isinstance(environment, LimitedSandbox) else None)
        return TemplateModule(self, context, body)


class LimitedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with size checks on operators, calls, filters and output."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = _CodeGenerator
    template_class = _Template

    def __init__(self, limits: Limits, **options: Any) -> None:
        self.limits = limits
        finalize = options.pop("finalize", None)
        super().__init__(finalize=self._printer(finalize), **options)
        self.meter = _Meter()
        self.globals["range"] = self._range
        self.filters = {name: self._guard_filter(name, f) for name, f in self.filters.items()}

    def add_filter(self, name: str, function: Callable[..., Any]) -> None:
        """Register a filter of crmplan's own, checked like the built-in ones."""
        self.filters[name] = self._guard_filter(name, function)

    # -- attributes and items ----------------------------------------------------------------

    def getattr(self, obj: Any, attribute: str) -> Any:
        """``obj.attribute``; a field of the render context is data, read without the
        sandbox's checks (none starts with ``_``), anything else is checked as Jinja does."""
        if isinstance(obj, Record) and attribute in obj.__record_fields__:
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)

    def sliced(self, obj: Any, part: slice) -> Any:
        """``obj[start:stop:step]`` (generated code calls it): a copy, counted with what the
        template built."""
        self.meter.tick()
        return self._checked(obj[part])

    # -- operators ---------------------------------------------------------------------------

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.meter.tick()
        if operator == "**":
            self._check_power(left, right)
        elif operator == "*":
            self._check_repeat(left, right)
        elif operator == "%" and isinstance(left, (str, bytes)):
            self._check_format(left)
            self._check_size(bounds.format_size(left, bounds.format_arguments(right),
                                                self.limits.max_value, "%"))
        elif operator == "+":
            self._check_size(_length(left) + _length(right))
        return self._checked(super().call_binop(context, operator, left, right))

    def concat_values(self, join: Callable[[Iterable[Any]], str], parts: tuple[Any, ...]
                      ) -> str:
        """``a ~ b ~ ...``: each part as text, refused if they would be too long together."""
        self.meter.tick()
        total = 0
        for part in parts:
            total += bounds.text_size(part, self.limits.max_value)
            self._check_size(total)
        return self._checked(join(parts))  # type: ignore[no-any-return]

    def _check_power(self, base: Any, exponent: Any) -> None:
        if not (isinstance(base, int) and isinstance(exponent, int)) or abs(base) <= 1:
            return
        if exponent > 0 and exponent * abs(base).bit_length() > MAX_POWER_BITS:
            raise LimitExceeded(_("the power {base} ** {exponent} is too large").format(
                base=shown(base), exponent=shown(exponent)))

    def _check_repeat(self, left: Any, right: Any) -> None:
        if _whole(left) and _whole(right):
            if abs(left).bit_length() + abs(right).bit_length() > MAX_POWER_BITS:
                raise LimitExceeded(_("the product of two numbers is too large"))
            return
        for sequence, count in ((left, right), (right, left)):
            if isinstance(count, int) and isinstance(sequence, _SEQUENCE):
                self._check_size(len(sequence) * count)

    def _check_format(self, pattern: str | bytes) -> None:
        text = pattern.decode("latin-1") if isinstance(pattern, bytes) else pattern
        if _WIDE_FORMAT.search(text):
            raise LimitExceeded(_("a format width or precision is too large"))

    # -- calls -------------------------------------------------------------------------------

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.meter.tick()
        __self._check_arguments(args, kwargs)
        args = __self._check_call(__obj, args, kwargs)
        return __self._checked(super().call(__context, __obj, *args, **kwargs))

    def _check_arguments(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        for value in (*args, *kwargs.values()):
            if _whole(value) and abs(value) > self.limits.max_value:
                raise LimitExceeded(_("the argument {value} is too large").format(
                    value=shown(value)))

    def _check_call(self, function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
                    ) -> tuple[Any, ...]:
        """The arguments (an iterator made a list, to be measured); refused if the result
        would be too large."""
        # the sandbox hands out str.format wrapped: the method is the wrapper's __wrapped__
        owner = getattr(getattr(function, "__wrapped__", function), "__self__", None)
        name = getattr(function, "__name__", "")
        if isinstance(owner, (str, bytes, bytearray)) and args:
            if name == "join":
                args = (_listed(args[0]), *args[1:])
            self._check_size(self._method_size(owner, name, args, kwargs))
        elif function is generate_lorem_ipsum:
            self._check_size(bounds.lipsum_size(*args, **kwargs))
        elif name in _GETTEXT and getattr(function, "__module__", "") == "jinja2.ext":
            variables = dict(kwargs, num=args[-1]) if name.startswith("n") else kwargs
            self._check_size(bounds.gettext_size(list(args), variables,
                                                 self.limits.max_value))
        return args

    def _method_size(self, text: str | bytes | bytearray, name: str,
                     args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
        limit = self.limits.max_value
        if name in ("format", "format_map") and isinstance(text, str):
            self._check_format(text)
            values = [*args, *kwargs.values()] if name == "format" else (
                bounds.format_arguments(args[0]))
            return bounds.format_size(text, values, limit, "{")
        if name == "replace" and len(args) >= 2 and not isinstance(text, bytearray):
            return bounds.replace_size(text, *args[:3])
        if name == "join":
            return bounds.join_size(text, args[0], limit)
        if name == "expandtabs" and not isinstance(text, bytearray):
            return bounds.expandtabs_size(text, *args)
        if name == "translate" and not isinstance(text, bytearray):
            return bounds.translate_size(text, args[0], limit)
        return 0

    # -- filters -----------------------------------------------------------------------------

    def _guard_filter(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """``function`` checked before it runs and after; it takes the context, so that
        Jinja runs it only when the template runs, never while compiling it."""
        takes = getattr(getattr(function, "jinja_pass_arg", None), "name", None)

        @pass_context
        @functools.wraps(function)
        def guarded(context: Any, *args: Any, **kwargs: Any) -> Any:
            self.meter.tick()
            self._check_arguments(args, kwargs)
            args = self._check_filter(name, args, kwargs)
            if takes == "eval_context":
                return self._checked(function(context.eval_ctx, *args, **kwargs))
            if takes == "environment":
                return self._checked(function(self, *args, **kwargs))
            if takes == "context":
                return self._checked(function(context, *args, **kwargs))
            return self._checked(function(*args, **kwargs))

        return guarded

    def _check_filter(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
                      ) -> tuple[Any, ...]:
        """The arguments (an iterator to join or add up made a list, to be measured);
        refused if the result would be too large."""
        if not args:
            return args
        if name in ("join", "sum"):
            args = (_listed(args[0]), *args[1:])
        elif name not in _STRUCTURAL and not isinstance(args[0], str):
            self._check_size(bounds.text_size(args[0], self.limits.max_value))
        if name in _ESTIMATED:
            self._check_size(self._filter_size(name, args, kwargs))
        return args

    def _filter_size(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
        limit, value = self.limits.max_value, args[0]
        if name == "join":
            return bounds.join_size(args[1] if len(args) > 1 else kwargs.get("d", ""), value,
                                    limit)
        if name == "sum":
            attribute = args[1] if len(args) > 1 else kwargs.get("attribute")
            pick = None if attribute is None else make_attrgetter(self, attribute)
            return bounds.sum_size(value, args[2] if len(args) > 2 else kwargs.get("start"),
                                   pick)
        if name == "tojson":
            return bounds.json_size(value, args[1] if len(args) > 1 else kwargs.get("indent"),
                                    limit)
        if name == "format" and isinstance(value, str):
            values = list(kwargs.values()) if kwargs else list(args[1:])
            return bounds.format_size(value, values, limit, "%")
        if not isinstance(value, str):
            return 0
        if name == "replace" and len(args) >= 3:
            return bounds.replace_size(value, *args[1:4])
        sizes: dict[str, Callable[..., int]] = {
            "indent": bounds.indent_size, "wordwrap": bounds.wordwrap_size,
            "urlize": bounds.urlize_size}
        return sizes[name](*args, **kwargs) if name in sizes else 0

    # -- output ------------------------------------------------------------------------------

    def _printer(self, finalize: Callable[[Any], Any] | None) -> Callable[..., Any]:
        """What ``{{ value }}`` prints: a list or mapping refused if its text is too long,
        then ``finalize``. It takes the evaluation context so that Jinja never prints a
        value while compiling the template."""

        @pass_eval_context
        def printed(_eval_ctx: Any, value: Any) -> Any:
            if not isinstance(value, str):
                self._check_size(bounds.text_size(value, self.limits.max_value))
            return value if finalize is None else finalize(value)

        return printed

    def buffer(self) -> list[str]:
        """A buffer for the output of a macro or block (generated code calls it)."""
        return _Buffer(self.limits.max_value)

    def collected(self, chunks: Iterable[str]) -> list[str]:
        """``chunks`` in a list, refused as soon as they are too long together."""
        found = self.buffer()
        found.extend(chunks)
        return found

    def concat(self, chunks: Iterable[str]) -> str:
        """The output of a macro or block joined (generated code calls it)."""
        if not isinstance(chunks, _Buffer):
            chunks = self.collected(chunks)
        return self._checked("".join(chunks))  # type: ignore[no-any-return]

    # -- sizes -------------------------------------------------------------------------------

    def _check_size(self, size: int) -> None:
        if size > self.limits.max_value:
            raise LimitExceeded(_("a value of {size:,} characters or items is too large "
                                  "(the limit is {limit:,})").format(
                size=size, limit=self.limits.max_value))

    def _checked(self, value: Any) -> Any:
        if isinstance(value, _SEQUENCE):
            self._check_size(len(value))
            self.meter.count(len(value))
        return value

    def _range(self, *args: int) -> Iterator[int]:
        for number in safe_range(*args):
            self.meter.tick()
            yield number


def _length(value: Any) -> int:
    return len(value) if isinstance(value, _SEQUENCE) else 0


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _listed(values: Any) -> Any:
    """``values``, or the list of an iterator's values, which can then be measured."""
    if isinstance(values, Collection) or not isinstance(values, Iterable):
        return values
    return list(values)


@contextmanager
def time_limit(environment: LimitedSandbox) -> Iterator[None]:
    """Render one document: stop once ``environment.limits.seconds`` have passed, and
    count what its template builds from nothing."""
    seconds = environment.limits.seconds
    meter = environment.meter
    meter.deadline = time.monotonic() + seconds
    meter.built, meter.budget = 0, environment.limits.built_chars
    timer = threading.current_thread() is threading.main_thread() and hasattr(
        signal, "setitimer")
    previous: Any = None
    if timer:
        previous = signal.signal(signal.SIGALRM, _out_of_time)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        meter.deadline = meter.budget = None
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _out_of_time(_signum: int, _frame: object) -> None:
    raise LimitExceeded(_("the render took longer than its time limit"))


def checked_output(chunks: Iterator[str], limit: int) -> str:
    """The chunks joined, or :class:`LimitExceeded` as soon as they pass ``limit``."""
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        if not chunk:
            continue
        size += len(chunk)
        if size > limit:
            raise LimitExceeded(_("the document grew past {limit:,} characters").format(
                limit=limit))
        parts.append(chunk)
    return "".join(parts)
