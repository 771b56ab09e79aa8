"""Text fitted to a slide's box: shrunk first, then cut, never over the box, nothing lost."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmplan.render.deck.fit import ELLIPSIS, fit, height_of

WIDTH, HEIGHT = 4572000, 1828800  # 5 in by 2 in
SIZES = (18, 14, 12)
words = st.lists(
    st.sampled_from(
        [
            "customer",
            "journey",
            "고객",
            "여정을",
            "客户旅程",
            "KPI",
            "a",
            "repeat-purchase",
            "—",
            "지도",
        ]
    ),
    min_size=1,
    max_size=80,
).map(" ".join)


def test_short_text_keeps_the_largest_size() -> None:
    fitted = fit(["Map the VIP journey first"], WIDTH, HEIGHT, SIZES)
    assert fitted.size == 18 and fitted.rest == ()
    assert fitted.paragraphs == ("Map the VIP journey first",)


def test_longer_text_shrinks_before_it_is_cut() -> None:
    text = ["word " * 60]
    assert height_of(text, WIDTH, 18) > HEIGHT
    fitted = fit(text, WIDTH, HEIGHT, SIZES)
    assert fitted.size < 18 and fitted.rest == ()


def test_text_too_long_is_cut_with_the_rest_kept() -> None:
    paragraphs = [
        f"Problem {n}: the checkout asks for the shipping cost too late" for n in range(12)
    ]
    fitted = fit(paragraphs, WIDTH, HEIGHT, SIZES)
    assert fitted.size == 12 and fitted.rest
    assert len(fitted.paragraphs) + len(fitted.rest) - fitted.paragraphs[-1].endswith(
        ELLIPSIS
    ) == len(paragraphs)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(st.lists(words, min_size=1, max_size=8))
def test_what_is_kept_fits_and_nothing_is_lost(paragraphs: list[str]) -> None:
    fitted = fit(paragraphs, WIDTH, HEIGHT, SIZES)
    assert height_of(fitted.paragraphs, WIDTH, fitted.size) <= HEIGHT
    whole = [p for p in fitted.paragraphs if not p.endswith(ELLIPSIS) or p in paragraphs]
    cut = [p for p in fitted.paragraphs if p not in whole]
    assert (
        whole + list(fitted.rest[:1] if cut else []) + list(fitted.rest[1:] if cut else fitted.rest)
        == paragraphs
    )
    for head in cut:
        assert fitted.rest[0].startswith(head.removesuffix(ELLIPSIS))
