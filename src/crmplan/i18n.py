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
from typing import TYPE_CHECKING, NamedTuple

from crmplan.languages import CODES, SOURCE_LANGUAGE, Myriads, entry

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


class Message(str):
    """A translated message: formatting it settles Korean particles (``이(가)`` → 이 or 가).

    Catalogs write a particle after a placeholder as ``{name}이(가)``; once the value is
    in, :func:`crmplan.hangul.particles` keeps the form the word takes.
    """

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> str:
        return _settled(str.format(self, *args, **kwargs))

    def __mod__(self, values: object) -> str:
        return _settled(str.__mod__(self, values))


class Contextual(str):
    """A message marked with :func:`NP_`: one English word whose meaning the context says."""

    __slots__ = ("context",)
    context: str

    def __new__(cls, context: str, message: str) -> Contextual:
        marked = super().__new__(cls, message)
        marked.context = context
        return marked


def _settled(text: str) -> str:
    if not entry(_active.get()).particles:
        return text
    from crmplan.hangul import particles

    return particles(text)


def _(message: str) -> str:
    """Translate ``message`` into the active language (in its context if marked with NP_)."""
    if isinstance(message, Contextual):
        return pgettext(message.context, message)
    return Message(translations(_active.get()).gettext(message))


def N_(message: str) -> str:
    """Mark ``message`` for translation where it is defined; ``_()`` translates it when shown."""
    return message


def NP_(context: str, message: str) -> str:
    """Mark ``message`` in ``context`` ("status", "KPI column"...); ``_()`` translates it so."""
    return Contextual(context, message)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` in ``context``: one English word, two meanings ("done")."""
    return Message(translations(_active.get()).pgettext(context, str(message)))


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on the count ``n``."""
    return Message(translations(_active.get()).ngettext(singular, plural, n))


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    """:func:`ngettext` in ``context``."""
    return Message(translations(_active.get()).npgettext(context, singular, plural, n))


def join(items: Iterable[str]) -> str:
    """Items one after another with the language's separator (``a, b`` or ``a、b``)."""
    return pgettext("a list of names", ", ").join(items)


SENTENCE_ENDS = (".", "。", "!", "?", "！", "？")


def join_texts(items: Iterable[str]) -> str:
    """Texts of a plan one after another: as a list (``a、b``) while they are phrases, as
    sentences (``a。b。``, ``a. b.``) once one of them is a sentence, so that a list never
    reads ``统计。、与用友U8``."""
    texts = [item.strip() for item in items]
    if not any(text.endswith(SENTENCE_ENDS) for text in texts):
        return join(texts)
    space = pgettext("after a sentence, before the next", ". ").lstrip(".。")
    return space.join(text if text.endswith(SENTENCE_ENDS) else sentence(text)
                      for text in texts)


def labelled(label: str, value: str) -> str:
    """``label: value`` with the language's colon (``标签：值`` in Chinese)."""
    return _("{label}: {value}").format(label=label, value=value)


def sentence(text: str) -> str:
    """``text`` ended as a sentence: ``text.`` (``text。`` in Chinese)."""
    return _("{sentence}.").format(sentence=text)


def colon() -> str:
    """The mark after a label, ``: `` (``：`` in Chinese), for text styled in parts."""
    return _("{label}: {value}").format(label="", value="")


def between() -> str:
    """The mark between facts on one line, `` · `` (``；`` in Chinese)."""
    return pgettext("between facts", " · ")


def aside(detail: str, after: str = "") -> str:
    """`` (detail)`` after a text, with the language's brackets (``（详情）`` in Chinese).

    In a language whose brackets touch the word, a text ``after`` that already closes one
    (``순추천지수(NPS)``), or a detail with brackets of its own, comes as a remark:
    ``순추천지수(NPS) — 주의``, never ``)(`` or a bracket inside another."""
    brackets = _(" ({detail})")
    if not brackets.startswith(" ") and nests(after, detail):
        return pgettext("before a remark", " — ") + detail
    return brackets.format(detail=detail)


def nests(after: str, detail: str) -> bool:
    """Whether ``detail`` in brackets after ``after`` would make brackets meet or nest:
    ``순추천지수(NPS)(주의)``, ``nps（净推荐值（NPS））``."""
    return after.rstrip().endswith((")", "）")) or any(b in detail for b in "()（）")


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


def format_money(value: float, currency: str, code: str | None = None,
                 among: float | None = None) -> str:
    """An amount of money in ``currency`` (ISO 4217), as a consultant of the language writes it.

    Korean won are counted in 억/만 (19억 7,600만 원); Chinese yuan in 万元 alone (24,360万元,
    197,600万元), so that a column or list never mixes 万元 and 亿元. Other amounts use the
    locale's pattern, in whole units from 10,000 on ($243,600,000) and with the currency's
    decimals below ($123.10).

    ``among`` is the size of the amounts this one is read with (a KPI's figures, beside its
    monthly change): from 10,000 on, a small amount is written as they are, in whole units
    and in 万元 (每月+0.2万元 beside 33.12万元, not 每月+1,965.43元).
    """
    language = entry(code or _active.get())
    size = max(abs(value), abs(among or 0))
    if language.myriads and language.currency == currency and size < 1e20:
        return _myriads(value, code, language.myriads, size)
    from babel.numbers import format_currency

    name = babel_locale(code)
    pattern = _whole_money_pattern(name) if size >= WHOLE_MONEY_FROM else None
    return _formatted(lambda: format_currency(value, currency, format=pattern,
                                              currency_digits=pattern is None,
                                              locale=_locale(name)), value)


class MoneyUnit(NamedTuple):
    """The unit a set of amounts is written in where each figure stands alone (a chart's
    axis and labels): the amount divided by ``divisor``, between ``before`` and ``after``
    (``$`` and nothing; nothing and ``万元``), with ``decimals`` (the currency's below
    10,000 and none from there, where the locale writes them so: $123.10, $243,600)."""

    divisor: float
    before: str
    after: str
    decimals: int | None = None  # None: as many as the amount has (31.6, 33.12)


def money_unit(currency: str, size: float, code: str | None = None) -> MoneyUnit:
    """How amounts of ``currency`` of about ``size`` are written in one unit: from 10,000
    on in 만 원 or 万元 where the language counts money in myriads (as
    :func:`format_money` writes Chinese yuan; Korean won, written in 억 and 만 in a
    sentence, come in 만 원 alone), else with the currency's symbol where the locale
    puts it."""
    language = entry(code or _active.get())
    if language.myriads and language.currency == currency:
        _hundred_million, ten_thousand, money, in_parts = language.myriads
        if abs(size) < WHOLE_MONEY_FROM:
            return MoneyUnit(1.0, "", money)
        return MoneyUnit(1e4, "", ten_thousand + ("\u00a0" if in_parts else "") + money)
    from babel.numbers import get_currency_precision, get_currency_symbol

    name = babel_locale(code)
    pattern = _whole_money_pattern(name)
    symbol = get_currency_symbol(currency, locale=_locale(name))
    decimals = get_currency_precision(currency) if abs(size) < WHOLE_MONEY_FROM else 0
    return MoneyUnit(1.0, pattern.prefix[0].replace("¤", symbol),
                     pattern.suffix[0].replace("¤", symbol), decimals)


def _myriads(value: float, code: str | None, units: Myriads, size: float) -> str:
    """``value`` in 억/만 (Korean: 19억 7,600만 원) or 万元/亿元 (Chinese: 24,360万元), read
    among amounts of ``size``."""
    hundred_million, ten_thousand, money, in_parts = units
    sign, amount = ("-" if value < 0 else ""), abs(value)
    if size < WHOLE_MONEY_FROM or amount == 0:  # no change is 0원, 0元 beside any amount
        return sign + format_number(amount, code, 0 if amount == int(amount) else 2) + money
    if not in_parts:  # one unit for every amount, so a column never mixes 万元 and 亿元
        unit = money_unit(entry(code or _active.get()).currency, size, code)
        return f"{sign}{unit.before}{format_number(amount / unit.divisor, code)}{unit.after}"
    whole = round(amount)  # in parts, spaced as they are read: 19억 7,600만 원
    parts = [f"{format_number(n, code, 0)}{unit}" for n, unit in (
        (whole // 100_000_000, hundred_million), (whole // 10_000 % 10_000, ten_thousand),
        (whole % 10_000, "")) if n]
    if not parts:  # under one won among amounts of 만 and 억
        return format_number(0, code, 0) + money
    spaced = " " if parts[-1][-1] in (hundred_million, ten_thousand) else ""
    return sign + " ".join(parts) + spaced + money


def span(start: str, end: str) -> str:
    """A range, ``start – end``, with the language's mark (``~`` in Korean, ``至`` in Chinese)."""
    return _("{start} – {end}").format(start=start, end=end)


def times(multiple: str) -> str:
    """A multiple, ``3.2×``, as the language writes it (``3.2배``, ``3.2倍``)."""
    return _("{multiple}×").format(multiple=multiple)


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
