"""Korean particles chosen by the word they follow: 이/가, 을/를, 은/는, 와/과, 으로/로.

A Korean message whose placeholder is followed by a particle cannot know the
particle until the value is known: ``{name}이(가)`` is how catalogs write it, and
:func:`particles` turns every such pair into the one form the word before it
takes (``고객이``, ``VIP가``, ``서울로``), so no reader sees ``이(가)``.
"""

from __future__ import annotations

import re

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_RIEUL = 8  # the final consonant ㄹ, index in a syllable's 28 endings
# Digits as read in Korean (영 일 이 삼 사 오 육 칠 팔 구): 0 ends in ㅇ, 1, 7, 8 in ㄹ.
_DIGITS = {"0": "consonant", "1": "rieul", "2": "vowel", "3": "consonant", "4": "vowel",
           "5": "vowel", "6": "consonant", "7": "rieul", "8": "rieul", "9": "vowel"}
# Latin letters as read one by one at the end of an abbreviation (CRM 씨알엠, KPI
# 케이피아이, URL 유알엘).
_LATIN = {**dict.fromkeys("lr", "rieul"), **dict.fromkeys("mn", "consonant"),
          **dict.fromkeys("bcdfgjkpqstvxz", "vowel"), **dict.fromkeys("aehiouwy", "vowel")}
_CLOSING = "'\"’”)]}）」』》〉`* "
_LETTERS = re.compile(r"[A-Za-z]+$")
_VOWELS = frozenset("aeiou")
_SPELLED = 3  # a lower-case word this short is an abbreviation read letter by letter (vip)

# consonant form, vowel form: which one a word takes
PAIRS: dict[str, tuple[str, str]] = {
    "이(가)": ("이", "가"), "가(이)": ("이", "가"),
    "을(를)": ("을", "를"), "를(을)": ("을", "를"),
    "은(는)": ("은", "는"), "는(은)": ("은", "는"),
    "과(와)": ("과", "와"), "와(과)": ("과", "와"),
    "(으)로": ("으로", "로"), "(이)라는": ("이라는", "라는"), "(이)나": ("이나", "나"),
}
_PAIR = re.compile("|".join(re.escape(p) for p in sorted(PAIRS, key=len, reverse=True)))


def ending(word: str) -> str:
    """How ``word`` ends when read aloud: ``"vowel"``, ``"rieul"`` (ㄹ) or ``"consonant"``."""
    text = word.rstrip(_CLOSING)
    if not text:
        return "vowel"
    last = text[-1]
    if _HANGUL_FIRST <= ord(last) <= _HANGUL_LAST:
        final = (ord(last) - _HANGUL_FIRST) % 28
        return "vowel" if final == 0 else "rieul" if final == _RIEUL else "consonant"
    latin = _LETTERS.search(text)
    if latin:
        return _latin_ending(latin.group())
    return _DIGITS.get(last, "vowel")


def _latin_ending(word: str) -> str:
    """How a Latin word ends as Korean says it: an abbreviation (``CRM``, ``vip``) letter by
    letter, a word as its loanword sounds (returning 리터닝, pilot 파일럿, test 테스트)."""
    if word.isupper() or len(word) <= _SPELLED:
        return _LATIN[word[-1].lower()]
    w = word.lower()
    if w.endswith("e") and w[-2] not in _VOWELS:  # a silent e: time 타임, mobile 모바일
        w = w[:-1]
    if w.endswith(("ng", "m", "n", "ck")):  # 리터닝, 프리미엄, 윈백
        return "consonant"
    if w.endswith("l"):  # 이메일, 로열
        return "rieul"
    # p, t, k, b, c after one short vowel close the syllable (파일럿, 매직, 웹); after a
    # consonant or a long vowel they take a vowel of their own (테스트, 리스크, 리피트)
    if w[-1] in "ptkbc" and w[-2] in _VOWELS and w[-3] not in _VOWELS:
        return "consonant"
    return "vowel"


def particle(word: str, pair: str) -> str:
    """``word`` followed by the form of ``pair`` (``"이(가)"``, ``"(으)로"``...) it takes.

    After ㄹ, 으로/로 takes 로 (서울로), the other pairs take the consonant form (서울이).
    """
    consonant, vowel = PAIRS[pair]
    sound = ending(word)
    if sound == "rieul":
        sound = "vowel" if consonant == "으로" else "consonant"
    return word + (consonant if sound == "consonant" else vowel)


def particles(text: str) -> str:
    """``text`` with every ``이(가)``-style pair replaced by the form its word takes."""
    return _PAIR.sub(lambda m: particle(text[:m.start()], m.group())[m.start():], text)
