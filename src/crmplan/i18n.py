"""Localization: gettext catalogs for every label, Babel for numbers, dates and money.

Source strings are English. The catalogs of the other languages
(:mod:`crmplan.languages`) live in ``crmplan/locale/<lang>/LC_MESSAGES/crmplan.po``
and are compiled to ``.mo`` with ``pybabel compile`` (see docs/contributing.md).
The active language is a context variable: the CLI activates one per command,
and core code calls :func:`_` when it builds a message.
"""

from __future__ import annotations

import contextvars
import gettext as _gettext
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from crmplan.languages import CODES, SOURCE_LANGUAGE, entry

if TYPE_CHECKING:
    from babel import Locale
    from babel.numbers import NumberPattern

DOMAIN = "crmplan"

_active: contextvars.ContextVar[str] = contextvars.ContextVar(
    "crmplan_language", default=SOURCE_LANGUAGE
)


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """The compiled catalog for ``language`` (English needs none)."""
    if language not in CODES or language == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    from importlib import resources  # not needed for English (crmplan --help stays quick)

    localedir = resources.files("crmplan") / "locale"
    return _gettext.translation(
        DOMAIN, localedir=str(localedir), languages=[language], fallback=True
    )


def active_language() -> str:
    """The language messages are being written in."""
    return _active.get()


@contextmanager
def language(code: str) -> Iterator[None]:
    """Write messages in ``code`` inside the ``with`` block."""
    token = _active.set(code if code in CODES else SOURCE_LANGUAGE)
    try:
        yield
    finally:
        _active.reset(token)


def activate(code: str) -> None:
    """Write messages in ``code`` from now on (used once per CLI command)."""
    _active.set(code if code in CODES else SOURCE_LANGUAGE)


def _(message: str) -> str:
    """Translate ``message`` into the active language."""
    return translations(_active.get()).gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for translation where it is defined; ``_()`` translates it when shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on the count ``n``."""
    return translations(_active.get()).ngettext(singular, plural, n)


def join(items: Iterable[str]) -> str:
    """Items one after another with the language's separator (``a, b`` or ``a、b``)."""
    return _(", ").join(items)


def labelled(label: str, value: str) -> str:
    """``label: value`` with the language's colon (``标签：值`` in Chinese)."""
    return _("{label}: {value}").format(label=label, value=value)


def aside(detail: str) -> str:
    """`` (detail)`` after a text, with the language's brackets (``（详情）`` in Chinese)."""
    return _(" ({detail})").format(detail=detail)


def chosen_language(environ: os._Environ[str] | dict[str, str] | None = None) -> str | None:
    """The language the user chose for crmplan itself (``CRMPLAN_LANG``), if any."""
    code = (os.environ if environ is None else environ).get("CRMPLAN_LANG", "")[:2].lower()
    return code if code in CODES else None


def language_from_environment(environ: os._Environ[str] | dict[str, str] | None = None) -> str:
    """The user's language from CRMPLAN_LANG, then LC_ALL, LC_MESSAGES, LANG; else English."""
    env = os.environ if environ is None else environ
    for name in ("CRMPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        code = env.get(name, "")[:2].lower()
        if code in CODES:
            return code
    return SOURCE_LANGUAGE


def language_asked(args: list[str]) -> str:
    """``--lang`` as written on the command line ``args``, else the user's language."""
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return language_from_environment()


def babel_locale(code: str | None = None) -> str:
    """The Babel locale name used to format values in ``code``."""
    return entry(code or _active.get()).locale


@cache
def _locale(name: str) -> Locale:
    """Babel's locale, its data read once per run (``Locale.parse`` reads it per call)."""
    from babel import Locale

    return Locale.parse(name)


@cache
def _number_pattern(pattern: str) -> NumberPattern:
    """A number pattern, parsed once per run."""
    from babel.numbers import parse_pattern

    return parse_pattern(pattern)


def _digits_pattern(digits: int, suffix: str = "") -> NumberPattern:
    return _number_pattern("#,##0" + ("." + "#" * digits if digits else "") + suffix)


def format_number(value: float, code: str | None = None, digits: int = 2) -> str:
    """A number with the locale's grouping and decimal separators."""
    from babel.numbers import format_decimal

    pattern, locale = _digits_pattern(digits), _locale(babel_locale(code))
    return _formatted(lambda: format_decimal(value, format=pattern, locale=locale), value)


def format_percent(value: float, code: str | None = None, digits: int = 1) -> str:
    """A percentage given as 0-100 (not 0-1), formatted for the locale."""
    from babel.numbers import format_percent as babel_percent

    pattern, locale = _digits_pattern(digits, "%"), _locale(babel_locale(code))
    return _formatted(lambda: babel_percent(value / 100, format=pattern, locale=locale), value)


WHOLE_MONEY_FROM = 10_000


@cache
def _whole_money_pattern(name: str) -> NumberPattern:
    """The locale's own currency pattern without the decimals (¥243,600,000)."""
    return _number_pattern(_locale(name).currency_formats["standard"].pattern.replace(".00", ""))


def format_money(value: float, currency: str, code: str | None = None) -> str:
    """An amount of money in ``currency`` (ISO 4217), formatted for the locale.

    From 10,000 on, amounts are shown in whole units (¥243,600,000), as in a client
    document; smaller ones with the currency's decimals ($123.10).
    """
    from babel.numbers import format_currency

    name = babel_locale(code)
    pattern = _whole_money_pattern(name) if abs(value) >= WHOLE_MONEY_FROM else None
    return _formatted(lambda: format_currency(value, currency, format=pattern,
                                              currency_digits=pattern is None,
                                              locale=_locale(name)), value)


def _formatted(format_value: Callable[[], object], value: float) -> str:
    """Babel's text, or the plain number where Babel's decimal arithmetic gives up (1e26)."""
    from decimal import InvalidOperation

    try:
        return str(format_value())
    except (InvalidOperation, OverflowError, ValueError):
        return f"{value:g}"


def format_date(value: date, code: str | None = None) -> str:
    """A date in the locale's medium format (2026년 3월 1일, Mar 1, 2026, 2026年3月1日)."""
    from babel.dates import format_date as babel_date

    return str(babel_date(value, format="long", locale=_locale(babel_locale(code))))
