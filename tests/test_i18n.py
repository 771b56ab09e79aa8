"""Localization: complete catalogs, compiled files in step, locale formatting."""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
from pathlib import Path
from typing import BinaryIO

import pytest
from babel.messages.catalog import Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from crmplan import i18n
from crmplan.languages import CODES, SOURCE_LANGUAGE
from model_walk import models

LOCALE = Path(i18n.__file__).parent / "locale"
TRANSLATED = [code for code in CODES if code != SOURCE_LANGUAGE]  # each has a catalog
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)s|%%")


def catalog(lang: str):  # type: ignore[no-untyped-def]
    with (LOCALE / lang / "LC_MESSAGES" / "crmplan.po").open("rb") as handle:
        return read_po(handle, locale=lang)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalog_is_complete(lang: str) -> None:
    untranslated = [m.id for m in catalog(lang) if m.id and not _translated(m.string)]
    assert untranslated == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalog_covers_the_template(lang: str) -> None:
    with (LOCALE / "crmplan.pot").open("rb") as handle:
        template = {_key(m) for m in read_po(handle) if m.id}
    ours = {_key(m) for m in catalog(lang) if m.id}
    assert template - ours == set(), "run pybabel update (docs/contributing.md)"


def _key(message: Message) -> tuple[str | None, str]:
    """A message as gettext finds it: its context and its (singular) English text."""
    return message.context, message.id if isinstance(message.id, str) else message.id[0]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_survive_translation(lang: str) -> None:
    wrong = []
    for message in catalog(lang):
        if not message.id:
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        targets = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        for target in targets:
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(target)):
                wrong.append((source, target))
    assert wrong == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_compiled_catalog_matches_its_source(lang: str) -> None:
    # Compare messages, not bytes: the header names the Babel version that compiled it.
    compiled = io.BytesIO()
    write_mo(compiled, catalog(lang))
    compiled.seek(0)
    shipped = (LOCALE / lang / "LC_MESSAGES" / "crmplan.mo").open("rb")
    with shipped:
        assert _messages(shipped) == _messages(compiled), (
            "run: pybabel compile -d src/crmplan/locale -D crmplan"
        )


def _messages(mo: BinaryIO) -> dict[object, str]:
    found = gettext.GNUTranslations(mo)._catalog  # type: ignore[attr-defined]
    return {key: text for key, text in found.items() if key != ""}


def test_messages_follow_the_active_language() -> None:
    with i18n.language("ko"):
        korean = i18n._("error")
    with i18n.language("zh"):
        chinese = i18n._("error")
    with i18n.language("en"):
        english = i18n._("error")
    assert english == "error"
    assert korean != english and chinese != english and korean != chinese


def test_unknown_language_falls_back_to_english() -> None:
    with i18n.language("fr"):
        assert i18n.active_language() == "en"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"CRMPLAN_LANG": "zh", "LANG": "ko_KR.UTF-8"}, "zh"),
        ({"LANG": "ko_KR.UTF-8"}, "ko"),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "ko_KR.UTF-8"}, "zh"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_language_from_environment(environ: dict[str, str], expected: str) -> None:
    assert i18n.language_from_environment(environ) == expected


def test_numbers_money_and_dates_per_locale() -> None:
    assert i18n.format_number(1234567.5, "en") == "1,234,567.5"
    assert i18n.format_number(1234567.5, "ko") == "1,234,567.5"
    assert i18n.format_money(1234.5, "USD", "en") == "$1,234.50"
    assert i18n.format_money(243_600_000, "USD", "en") == "$243,600,000"
    assert i18n.format_money(1500000, "USD", "ko") == "US$1,500,000"
    assert i18n.format_percent(12.5, "en") == "12.5%"
    day = dt.date(2026, 3, 1)
    assert i18n.format_date(day, "en") == "March 1, 2026"
    assert i18n.format_date(day, "ko") == "2026년 3월 1일"
    assert i18n.format_date(day, "zh") == "2026年3月1日"


@pytest.mark.parametrize(
    ("value", "korean", "chinese"),
    [
        (1_976_000_000, "19억 7,600만 원", "197,600万元"),
        (126_000_000, "1억 2,600만 원", "12,600万元"),
        (243_600_000, "2억 4,360만 원", "24,360万元"),
        (17_800_500, "1,780만 500원", "1,780.05万元"),
        (6_000_000, "600만 원", "600万元"),
        (9_800, "9,800원", "9,800元"),
        (1_922.33, "1,922.33원", "1,922.33元"),
        (-5_000_000, "-500만 원", "-500万元"),
        (0, "0원", "0元"),
    ],
)
def test_won_and_yuan_are_counted_in_myriads(value: float, korean: str, chinese: str) -> None:
    """As a Korean or Chinese consultant writes money: 억/만 원, 万元 (never 亿元 beside 万元 in
    one column), not ₩ or ¥."""
    assert i18n.format_money(value, "KRW", "ko") == korean
    assert i18n.format_money(value, "CNY", "zh") == chinese


@pytest.mark.parametrize(
    ("value", "among", "english", "korean", "chinese"),
    [
        # a monthly pace beside figures of 33万元: as they are written, without cents
        (1_965.43, 331_200, "$1,965", "1,965원", "0.2万元"),
        (-1_295.24, 360_000, "-$1,295", "-1,295원", "-0.13万元"),
        (48_000, 360_000, "$48,000", "4만 8,000원", "4.8万元"),
        (0.4, 360_000, "$0", "0원", "0万元"),
        (0, 360_000, "$0", "0원", "0元"),  # no change at all
        # beside small figures, or none, an amount keeps its cents
        (1_965.43, 9_999, "$1,965.43", "1,965.43원", "1,965.43元"),
        (1_965.43, None, "$1,965.43", "1,965.43원", "1,965.43元"),
        (1_965.43, -20_000, "$1,965", "1,965원", "0.2万元"),  # a size is a size, signed or not
    ],
)
def test_an_amount_is_written_as_the_amounts_it_is_read_with(
    value: float, among: float | None, english: str, korean: str, chinese: str
) -> None:
    """zh 42 of the language review: "每月+¥1,922.33" beside 31.6万元 → 0.19万元, no cents."""
    assert i18n.format_money(value, "USD", "en", among=among) == english
    assert i18n.format_money(value, "KRW", "ko", among=among) == korean
    assert i18n.format_money(value, "CNY", "zh", among=among) == chinese


def test_ranges_and_multiples_in_each_language() -> None:
    expected = {
        "en": ("2025-07-01 – 2026-06-30", "3.2×"),
        "ko": ("2025-07-01~2026-06-30", "3.2배"),
        "zh": ("2025-07-01至2026-06-30", "3.2倍"),
    }
    for code, (span, times) in expected.items():
        with i18n.language(code):
            assert (i18n.span("2025-07-01", "2026-06-30"), i18n.times("3.2")) == (span, times)


def test_one_english_word_translates_by_its_context() -> None:
    """ "done" is an action's status (완료, 已完成); a KPI's attainment is its own word,
    "achieved" (달성률, 完成度), so the two never share a translation."""
    expected = {"ko": ("완료", "달성률"), "zh": ("已完成", "完成度")}
    for code, (status, attainment) in expected.items():
        with i18n.language(code):
            assert i18n._(i18n.NP_("status", "done")) == status
            assert i18n.pgettext("status", "done") == status
            assert i18n._("achieved") == attainment


def _translated(string: object) -> bool:
    if isinstance(string, (list, tuple)):
        return all(string)
    return bool(string)


def test_no_message_is_written_inside_an_f_string() -> None:
    """Extraction cannot see ``f"{_('text')}"``: such a message is never translated."""
    source = Path(i18n.__file__).parent
    inside = re.compile(r"""f(["']).*\{[^}]*\b_\(\s*["']""")
    found = [
        f"{path.name}:{number}"
        for path in sorted(source.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if inside.search(line)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("environ", "option", "expected"),
    [
        ({}, [], "ko"),  # the plan's own language
        ({"LANG": "zh_CN.UTF-8"}, [], "ko"),  # the system's does not override the client's
        ({"CRMPLAN_LANG": "en"}, [], "en"),  # the user's choice for crmplan does
        ({"CRMPLAN_LANG": "en"}, ["--lang", "zh"], "zh"),  # and --lang wins over both
    ],
)
def test_reports_follow_lang_then_crmplan_lang_then_the_plan(
    monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], option: list[str], expected: str
) -> None:
    from typer.testing import CliRunner

    from crmplan.cli import app

    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    plan = str(Path(__file__).parents[1] / "examples" / "aesthetic-clinic-ko")
    result = CliRunner().invoke(app, ["baseline", plan, *option])
    first = {"ko": "기준선과 격차", "en": "Baseline and gaps", "zh": "基线与差距"}[expected]
    assert result.output.startswith(first)


KOREAN_PLAN = Path(__file__).parents[1] / "examples" / "aesthetic-clinic-ko"


@pytest.mark.parametrize(
    "command",
    [["assess"], ["baseline"], ["journey"], ["segment"], ["review", "--as-of", "2025-06-01"]],
)
def test_crmplan_lang_chooses_the_language_of_every_report(
    monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """``CRMPLAN_LANG=en`` gives what ``--lang en`` gives, whichever report is asked."""
    from typer.testing import CliRunner

    from crmplan.cli import app

    asked = CliRunner().invoke(app, [*command, str(KOREAN_PLAN), "--lang", "en"])
    monkeypatch.setenv("CRMPLAN_LANG", "en")
    chosen = CliRunner().invoke(app, [*command, str(KOREAN_PLAN)])
    assert chosen.exit_code == asked.exit_code
    assert chosen.output == asked.output


def test_crmplan_lang_chooses_the_language_of_the_deliverables(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from crmplan.cli import app

    def render(out: Path, *option: str) -> bytes:
        result = CliRunner().invoke(
            app,
            [
                "render",
                str(KOREAN_PLAN),
                "--out",
                str(out),
                "--format",
                "md",
                "--date",
                "2025-06-01",
                *option,
            ],
        )
        assert result.exit_code == 0, result.output
        return (out / "strategy.md").read_bytes()

    asked = render(tmp_path / "asked", "--lang", "en")
    monkeypatch.setenv("CRMPLAN_LANG", "en")
    assert render(tmp_path / "chosen") == asked


@pytest.mark.slow
def test_crmplan_lang_chooses_the_language_of_a_score_written(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import shutil

    from typer.testing import CliRunner

    from crmplan.cli import app

    def score(folder: str, *option: str) -> str:
        plan = shutil.copytree(KOREAN_PLAN, tmp_path / folder)
        result = CliRunner().invoke(
            app,
            [
                "segment",
                "score",
                "dormant",
                "speed=1",
                "--member",
                "m_choi",
                "--replace",
                "--plan",
                str(plan),
                *option,
            ],
        )
        assert result.exit_code == 0, result.output
        return result.output.replace(str(plan), "PLAN")

    asked = score("asked", "--lang", "en")
    monkeypatch.setenv("CRMPLAN_LANG", "en")
    assert score("chosen") == asked
    assert "Scores of member 'm_choi' for segment 'dormant' updated in PLAN" in asked


# ASCII brackets or separators set between Chinese words: "阶段 (考虑)", "甲; 乙", "甲, 乙".
_ASCII_IN_CHINESE = re.compile(r" \((?=[\u4e00-\u9fff])|[\u4e00-\u9fff][;,] [\u4e00-\u9fff]")


@pytest.mark.parametrize(
    "command",
    [
        ["baseline"],
        ["baseline", "--format", "md"],
        ["journey"],
        ["journey", "--format", "md"],
        ["assess"],
        ["assess", "--format", "md"],
        ["segment"],
        ["review"],
        ["baseline", "compute"],
        ["segment", "compute"],
    ],
)
def test_chinese_reports_use_chinese_brackets_and_separators(command: list[str]) -> None:
    from typer.testing import CliRunner

    from crmplan.cli import app

    result = CliRunner().invoke(app, [*command, "examples/b2b-manufacturer-zh"])
    assert result.exit_code in (0, 1), result.output
    assert _ASCII_IN_CHINESE.findall(result.output) == []


def test_chinese_deliverables_use_chinese_brackets_and_separators(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from crmplan.cli import app

    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["render", "examples/b2b-manufacturer-zh", "--out", str(out)])
    assert result.exit_code == 0, result.output
    documents = sorted(out.glob("*.md")) + sorted(out.glob("*.html"))
    assert len(documents) >= 8
    for document in documents:
        text = document.read_text(encoding="utf-8")
        # Mermaid's journey syntax needs its ASCII colons ("task: 4: actor"): left out.
        text = re.sub(r"```mermaid\n.*?```", "", text, flags=re.DOTALL)
        assert _ASCII_IN_CHINESE.findall(text) == [], document.name
        assert re.findall(r"[\u4e00-\u9fff]\**: ", text) == [], document.name



@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_field_description_of_the_plan_format_is_translated(lang: str) -> None:
    """The editor shows them (crmplan lsp's completion): each is in the catalog, marked
    where it is written (``described``, ``required``, ``items``, or ``N_``)."""
    translated = {str(m.id) for m in catalog(lang) if m.id and _translated(m.string)}
    described = {
        info.description
        for model in models()
        for info in model.model_fields.values()
        if info.description
    }
    assert described - translated == set(), "run pybabel extract (Translations)"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("zh", "询价工单：响应时长统计。与用友U8同步订单。"),
        ("en", "询价工单：响应时长统计。 与用友U8同步订单."),
    ],
)
def test_plan_sentences_in_a_list_join_as_sentences(code: str, expected: str) -> None:
    """A list of requirements that are sentences never reads ``统计。、与用友U8``."""
    with i18n.language(code):
        assert i18n.join_texts(["询价工单：响应时长统计。", "与用友U8同步订单"]) == expected


def test_plan_phrases_in_a_list_join_as_a_list() -> None:
    with i18n.language("zh"):
        assert i18n.join_texts(["订单", "发货 "]) == "订单、发货"
    with i18n.language("en"):
        assert i18n.join_texts(["Orders.", "Shipping."]) == "Orders. Shipping."
