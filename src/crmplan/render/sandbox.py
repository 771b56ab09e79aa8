"""Limits for templates: a sandbox that refuses huge values, and a time limit.

Jinja's :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` stops a
template from reaching Python internals (``''.__class__``) or changing the
data it is given, but it lets ``'a' * 10**9`` allocate a gigabyte and a
nested loop run for hours. :class:`LimitedSandbox` adds what is missing:

- operators that build big values (``*``, ``**``, ``%``, ``+``) are checked
  *before* they run: no string or list longer than :attr:`Limits.max_value`,
  no power with more than :data:`MAX_POWER_BITS` bits;
- every call and every filter refuses a whole-number argument above
  :attr:`Limits.max_value` (``center(10**9)``, ``'{:>999999999}'.format``)
  and a string result longer than it; ``replace`` and ``join`` are estimated
  before they run;
- :func:`time_limit` stops the render after :attr:`Limits.seconds`: a timer
  signal interrupts even a loop that calls nothing, and every operator, call
  and ``range`` step checks the clock as well (off the main thread, where no
  signal can be used);
- the output is counted as it is produced (:func:`checked_output`).

Each breach raises :class:`LimitExceeded`, which names the limit.
"""

from __future__ import annotations

import functools
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range

from crmplan.render.model.record import Record

MAX_POWER_BITS = 4096
_WIDE_FORMAT = re.compile(r"\d{7,}")  # a width or precision of a million or more


class LimitExceeded(Exception):
    """A template went past one of the limits."""


@dataclass(frozen=True)
class Limits:
    """What a render may take: wall time, output per document, size of any value, size of
    a template file of the user's."""

    seconds: float = 10.0
    output_chars: int = 32 * 1024 * 1024
    max_value: int = 2_000_000
    template_bytes: int = 1024 * 1024


class _Clock:
    """The render's deadline, checked by every guarded operation."""

    def __init__(self) -> None:
        self.deadline: float | None = None

    def tick(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise LimitExceeded("the render took longer than its time limit")


class LimitedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with size checks on operators, calls and filters."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, limits: Limits, **options: Any) -> None:
        super().__init__(**options)
        self.limits = limits
        self.clock = _Clock()
        self.globals["range"] = self._range
        self.filters = {name: self._guard_filter(f) for name, f in self.filters.items()}

    def add_filter(self, name: str, function: Callable[..., Any]) -> None:
        """Register a filter of crmplan's own, checked like the built-in ones."""
        self.filters[name] = self._guard_filter(function)

    # -- attributes --------------------------------------------------------------------------

    def getattr(self, obj: Any, attribute: str) -> Any:
        """``obj.attribute``; a field of the render context is data, read without the
        sandbox's checks (none starts with ``_``), anything else is checked as Jinja does."""
        if isinstance(obj, Record) and attribute in obj.__record_fields__:
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)

    # -- operators ---------------------------------------------------------------------------

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.clock.tick()
        if operator == "**":
            self._check_power(left, right)
        elif operator == "*":
            self._check_repeat(left, right)
        elif operator == "%" and isinstance(left, str):
            self._check_format(left)
        elif operator == "+":
            self._check_size(_length(left) + _length(right))
        return self._checked(super().call_binop(context, operator, left, right))

    def _check_power(self, base: Any, exponent: Any) -> None:
        if not (isinstance(base, int) and isinstance(exponent, int)) or abs(base) <= 1:
            return
        if exponent > 0 and exponent * abs(base).bit_length() > MAX_POWER_BITS:
            raise LimitExceeded(f"the power {base} ** {exponent} is too large")

    def _check_repeat(self, left: Any, right: Any) -> None:
        for sequence, count in ((left, right), (right, left)):
            if isinstance(count, int) and isinstance(sequence, (str, list, tuple)):
                self._check_size(len(sequence) * count)

    def _check_format(self, pattern: str) -> None:
        if _WIDE_FORMAT.search(pattern):
            raise LimitExceeded("a format width or precision is too large")

    # -- calls and filters -------------------------------------------------------------------

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.clock.tick()
        __self._check_arguments(args, kwargs)
        __self._check_method(__obj, args)
        return __self._checked(super().call(__context, __obj, *args, **kwargs))

    def _check_arguments(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and abs(
                    value) > self.limits.max_value:
                raise LimitExceeded(f"the argument {value} is too large")

    def _check_method(self, method: Any, args: tuple[Any, ...]) -> None:
        owner = getattr(method, "__self__", None)
        name = getattr(method, "__name__", "")
        if isinstance(owner, str):
            if name in ("format", "format_map"):
                self._check_format(owner)
            elif name == "replace" and len(args) >= 2:
                self._check_replace(owner, args[1])
            elif name == "join" and args:
                self._check_join(owner, args[0])

    def _check_replace(self, text: Any, new: Any) -> None:
        if isinstance(text, str) and isinstance(new, str):
            self._check_size((len(text) + 1) * max(1, len(new)))

    def _check_join(self, separator: Any, parts: Any) -> None:
        if isinstance(parts, (list, tuple)):
            self._check_size(len(str(separator)) * len(parts)
                             + sum(_length(p) for p in parts))

    def _guard_filter(self, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            self.clock.tick()
            values = [a for a in args if not _is_jinja_object(a)]
            self._check_arguments(tuple(values), kwargs)
            self._check_filter(function.__name__, values, kwargs)
            return self._checked(function(*args, **kwargs))

        return guarded

    def _check_filter(self, name: str, args: list[Any], kwargs: dict[str, Any]) -> None:
        if name == "do_replace" and len(args) >= 3:
            self._check_replace(args[0], args[2])
        elif name == "do_format" and args and isinstance(args[0], str):
            self._check_format(args[0])
        elif name in ("do_join", "sync_do_join") and args:
            parts = list(args[0]) if isinstance(args[0], (list, tuple)) else []
            separator = args[1] if len(args) > 1 else kwargs.get("d", "")
            self._check_join(separator, parts)

    # -- sizes -------------------------------------------------------------------------------

    def _check_size(self, size: int) -> None:
        if size > self.limits.max_value:
            raise LimitExceeded(f"a value of {size:,} characters or items is too large "
                                f"(the limit is {self.limits.max_value:,})")

    def _checked(self, value: Any) -> Any:
        if isinstance(value, (str, list, tuple)):
            self._check_size(len(value))
        return value

    def _range(self, *args: int) -> Iterator[int]:
        for number in safe_range(*args):
            self.clock.tick()
            yield number


def _length(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else 0


def _is_jinja_object(value: Any) -> bool:
    """The context or environment a filter receives first (pass_context and the like)."""
    from jinja2 import Environment

    return isinstance(value, Environment) or type(value).__module__.startswith("jinja2.")


@contextmanager
def time_limit(environment: LimitedSandbox) -> Iterator[None]:
    """Stop rendering once ``environment.limits.seconds`` have passed."""
    seconds = environment.limits.seconds
    environment.clock.deadline = time.monotonic() + seconds
    timer = threading.current_thread() is threading.main_thread() and hasattr(
        signal, "setitimer")
    previous: Any = None
    if timer:
        previous = signal.signal(signal.SIGALRM, _out_of_time)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        environment.clock.deadline = None
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _out_of_time(_signum: int, _frame: object) -> None:
    raise LimitExceeded("the render took longer than its time limit")


def checked_output(chunks: Iterator[str], limit: int) -> str:
    """The chunks joined, or :class:`LimitExceeded` as soon as they pass ``limit``."""
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise LimitExceeded(f"the document grew past {limit:,} characters")
        parts.append(chunk)
    return "".join(parts)
