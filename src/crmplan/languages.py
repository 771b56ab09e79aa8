"""The languages crmplan writes in, defined once.

Everything else that depends on the list of languages is derived from
:data:`LANGUAGES`: the plan's ``client.language`` values (the model's
``Language`` enum and the JSON Schema), the ``--lang`` choices and help
texts, the Babel locales that format numbers, and the defaults of a new
plan. A language other than the source language also needs a gettext
catalog in ``crmplan/locale/<code>``; tests/test_registries.py fails until
every part is there.

The module imports nothing but the standard library, so that the command
line can build its help from it without slowing ``crmplan --help``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class Myriads(NamedTuple):
    """How a language's consultants count money in myriads (units of 10^4 and 10^8)."""

    hundred_million: str  # 억, 亿
    ten_thousand: str  # 만, 万
    currency_word: str  # 원, 元
    in_parts: bool  # 19억 7,600만 원 (Korean), or one unit: 24,360万元 (Chinese)


@dataclass(frozen=True)
class LanguageEntry:
    """A language crmplan writes messages and deliverables in."""

    code: str  # as written in a plan (client.language) and after --lang
    locale: str  # the Babel locale that formats numbers, money and dates
    english: str  # its name in English
    native: str  # its name in itself
    # what a new plan in this language starts with (crmplan init)
    currency: str
    country: str
    messenger: str  # a channel (model: Channel) for the outline's examples
    privacy: str  # a privacy regime (model: PrivacyRegime)
    # the encoding a spreadsheet program in this language saves "CSV" in, when not UTF-8
    excel_encoding: str
    # the deck (render --format pptx) and the HTML documents: the language tag of its
    # text, and the typeface PowerPoint sets its script in when it is East Asian (None:
    # the theme's Latin face)
    tag: str = ""
    east_asian_face: str | None = None
    # how its consultants count money in its currency (19억 7,600만 원, 24,360万元);
    # None: Babel's pattern for the locale ($243,600,000)
    myriads: Myriads | None = None
    # whether its messages choose a particle by the word before it (Korean 이(가))
    particles: bool = False


LANGUAGES: tuple[LanguageEntry, ...] = (
    LanguageEntry("ko", "ko_KR", "Korean", "한국어", "KRW", "KR", "kakaotalk", "pipa",
                  "cp949", "ko-KR", "Malgun Gothic",
                  myriads=Myriads("억", "만", "원", in_parts=True), particles=True),
    LanguageEntry("en", "en_US", "English", "English", "USD", "US", "email", "ccpa",
                  "cp1252", "en-US", None),
    LanguageEntry("zh", "zh_Hans_CN", "Chinese (Simplified)", "简体中文", "CNY", "CN", "wechat",
                  "pipl", "gb18030", "zh-CN", "Microsoft YaHei",
                  myriads=Myriads("亿", "万", "元", in_parts=False)),
)
BY_CODE = {entry.code: entry for entry in LANGUAGES}
CODES = tuple(BY_CODE)
# The language of the source strings (no catalog), and the one used when no other is known.
SOURCE_LANGUAGE = "en"

# How the choices are written in help texts: "ko, en or zh", and the metavar "ko|en|zh".
CHOICES_TEXT = ", ".join(CODES[:-1]) + " or " + CODES[-1]
METAVAR = "|".join(CODES)


def guess_encodings(raw: bytes, language: str | None = None) -> tuple[str, ...]:
    """The spreadsheet encodings that read ``raw`` (a file that is not UTF-8) without a
    single error, the likeliest first: the double-byte ones (Korean, Chinese: their bytes
    often read in both) before a single-byte one (cp1252 reads almost any bytes, so it
    is named only when nothing else reads the file), ``language``'s own first. A guess to
    suggest, never to apply: the user names the encoding."""
    preferred = BY_CODE[language].excel_encoding if language in BY_CODE else None
    found = []
    for encoding in sorted({e.excel_encoding for e in LANGUAGES}):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        found.append((len(text) == len(raw), encoding != preferred, encoding))
    wide = [f for f in sorted(found) if not f[0]]
    return tuple(f[2] for f in (wide or sorted(found)[:1]))


def entry(code: str) -> LanguageEntry:
    """The language of ``code``; the source language for a code crmplan does not know."""
    return BY_CODE.get(code, BY_CODE[SOURCE_LANGUAGE])
