"""The deck reads as the documents do: the same figures in the same units, the software's
weighted totals out of the maximum as the strategy's table writes them, lines that never
break inside a Korean word, a quoted name or a date, paragraph bullets with a hanging
indent, content under every heading, and notes without doubled punctuation."""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from typing import Any

import pytest

pptx = pytest.importorskip("pptx")

from pptx.oxml.ns import qn  # noqa: E402

from crmplan.i18n import activate, format_money, money_unit  # noqa: E402
from crmplan.kpi.values import figures_size, value_text  # noqa: E402
from crmplan.model.units import Unit  # noqa: E402
from crmplan.render.deck.closing import _parts_under, gist  # noqa: E402
from crmplan.render.deck.spec import Slide  # noqa: E402
from crmplan.render.model.base import Part  # noqa: E402
from render_helpers import EXAMPLES  # noqa: E402
from test_render_deck import charts_of, deck, notes_of  # noqa: E402
from test_render_deck import opened as _opened  # noqa: E402

FORMAT = re.compile(
    r'^(?:"(?P<before>[^"]*)")?(?P<digits>General|#,##0(?:\.0+)?)(?:"(?P<after>[^"]*)")?$'
)
HANGUL = re.compile(r"[\uac00-\ud7a3]")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@cache
def opened(example: str) -> Any:
    """The client's deck of ``example`` read back, once."""
    return _opened(example)


@pytest.fixture(autouse=True, scope="module")
def built() -> None:
    """Every example's deck built and read before the tests that look at it run."""
    for example in EXAMPLES:
        opened(example)


def shown(value: float, number_format: str) -> str:
    """``value`` as PowerPoint shows it in ``number_format`` (the formats the deck writes)."""
    match = FORMAT.match(number_format)
    assert match, number_format
    digits = match["digits"]
    if digits == "General":
        number = f"{value:.10g}"
    else:
        decimals = len(digits.partition(".")[2])
        number = f"{value:,.{decimals}f}"
    return (match["before"] or "") + number + (match["after"] or "")


def index_of(slides: list[Slide], key: str) -> int:
    return [s.key for s in slides].index(key)


def kpi_charts(example: str) -> list[tuple[Any, int]]:
    """Each KPI chart of the deck (the KPI bars and the trends) with its KPI's index."""
    _data, slides, analysis = deck(example, "client")
    kpis = analysis.loaded.plan.kpis
    shown_kpis = [i for i, g in enumerate(analysis.baseline.gaps) if g.baseline is not None]
    found: list[tuple[Any, int]] = []
    bars = [
        c
        for i, s in enumerate(slides)
        if s.key.startswith("kpis-")
        for c in charts_of(opened(example).slides[i])
    ]
    found += list(zip(bars, shown_kpis, strict=True))
    for i, spec in enumerate(slides):
        if spec.key.startswith("trend-"):
            kpi = next(n for n, k in enumerate(kpis) if k.id == spec.key.removeprefix("trend-"))
            found.append((charts_of(opened(example).slides[i])[0], kpi))
    return found


@pytest.mark.parametrize("example", EXAMPLES)
def test_kpi_charts_show_each_figure_as_the_documents_write_it(example: str) -> None:
    _data, _slides, analysis = deck(example, "client")
    currency = analysis.loaded.plan.client.currency
    activate(analysis.loaded.plan.client.language.value)
    for chart, index in kpi_charts(example):
        gap = analysis.baseline.gaps[index]
        number_format = chart.plots[0].series[0]._element.xpath("./c:val//c:formatCode")[0].text
        axis = FORMAT.match(chart.value_axis.tick_labels.number_format)
        data = FORMAT.match(number_format)
        assert axis and data and (axis["before"], axis["after"]) == (data["before"], data["after"])
        divisor = 1.0
        if gap.spec.unit is Unit.CURRENCY:
            divisor = money_unit(currency, figures_size(gap) or 0.0).divisor
        for series in chart.plots[0].series:
            for value in series.values:
                written = _one_unit(value_text(value * divisor, gap.spec.unit, currency))
                assert shown(value, number_format).replace("\u00a0", " ") == written


def _one_unit(written: str) -> str:
    """A Korean amount in parts (3억 1,000만 원) as a chart writes it, in 만 원 alone."""
    parts = re.fullmatch(r"(?:(\d+)억 ?)?(?:([\d,]+)만 )?원", written)
    if not parts or not (parts[1] or parts[2]):
        return written
    ten_thousands = int(parts[1] or 0) * 10_000 + int((parts[2] or "0").replace(",", ""))
    return f"{ten_thousands:,}만 원"


def test_chinese_lifetime_value_is_in_wan_yuan_as_in_the_documents() -> None:
    _data, _slides, analysis = deck("b2b-manufacturer-zh", "client")
    charts = [
        c for c, i in kpi_charts("b2b-manufacturer-zh") if analysis.loaded.plan.kpis[i].id == "cltv"
    ]
    assert charts
    chart = charts[0]
    assert tuple(chart.plots[0].series[0].values) == (31.6, 33.12, 36.0)
    assert chart.value_axis.tick_labels.number_format == 'General"万元"'
    assert chart.plots[0].data_labels.number_format == 'General"万元"'


def test_dollars_keep_their_cents_on_the_labels_but_not_on_the_axis() -> None:
    _data, _slides, analysis = deck("online-retailer-en", "client")
    kpis = analysis.loaded.plan.kpis
    chart = next(c for c, i in kpi_charts("online-retailer-en") if kpis[i].id == "avg_order_value")
    assert chart.plots[0].data_labels.number_format == '"$"#,##0.00'
    assert chart.value_axis.tick_labels.number_format == '"$"#,##0'
    assert shown(118.4, '"$"#,##0.00') == "$118.40"
    assert "31.6万元" in " ".join(notes_of(s) for s in opened("b2b-manufacturer-zh").slides)


def test_one_money_rule_for_the_documents_and_the_charts() -> None:
    assert money_unit("CNY", 316_000, "zh") == (1e4, "", "万元", None)
    assert format_money(316_000, "CNY", "zh") == "31.6万元"
    assert money_unit("KRW", 310_000_000, "ko") == (1e4, "", "만\u00a0원", None)
    assert format_money(310_000_000, "KRW", "ko") == "3억 1,000만 원"
    assert money_unit("USD", 118.4, "en") == (1.0, "$", "", 2)
    assert money_unit("USD", 243_600, "en") == (1.0, "$", "", 0)
    assert money_unit("KRW", 5_000, "ko") == (1.0, "", "원", None)


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_software_slide_gives_the_weighted_totals_out_of_the_maximum(example: str) -> None:
    _data, slides, analysis = deck(example, "client")
    index = index_of(slides, "software")
    spec, slide = slides[index], opened(example).slides[index]
    comparison = analysis.software
    assert comparison is not None
    chart = charts_of(slide)[0]
    assert tuple(chart.plots[0].series[0].values) == tuple(c.total for c in comparison.candidates)
    assert chart.value_axis.maximum_scale == comparison.candidates[0].max_total
    assert not any("%" in text for text in (spec.title, *spec.bullets))
    for candidate, bullet in zip(comparison.candidates, spec.bullets, strict=True):
        figures = [
            float(n.replace(",", ""))
            for n in re.findall(r"\d[\d,]*(?:\.\d+)?", bullet.split(candidate.name)[-1])
        ]
        assert figures[:2] == [candidate.total, candidate.max_total]


def test_the_chinese_software_slide_reads_as_the_strategys_table() -> None:
    _data, slides, _analysis = deck("b2b-manufacturer-zh", "client")
    spec = slides[index_of(slides, "software")]
    assert spec.title == "选定纷享销客CRM（专业版）：加权总分65分（满分77.5分）"
    assert spec.bullets[0] == "纷享销客CRM（专业版）：65分（满分77.5分）"


def paragraphs(example: str) -> list[tuple[str, Any]]:
    """Every paragraph of every text box and title of the deck, with its slide's key."""
    _data, slides, _analysis = deck(example, "client")
    found = []
    for spec, slide in zip(slides, opened(example).slides, strict=True):
        for shape in slide.shapes:
            if shape.has_text_frame:
                found += [(spec.key, p) for p in shape.text_frame.paragraphs]
    return found


def lines_of(paragraph: Any) -> list[str]:
    return str(paragraph.text).split("\v")


@pytest.mark.parametrize("example", EXAMPLES)
def test_no_line_breaks_inside_a_korean_word_a_quoted_name_or_a_date(example: str) -> None:
    for key, paragraph in paragraphs(example):
        lines = lines_of(paragraph)
        for before, after in pairwise(lines):
            assert not (HANGUL.search(before[-1:]) and HANGUL.match(after)), (key, lines)
            assert before.count("“") == before.count("”"), (key, lines)
        text = "".join(lines)
        for date in DATE.findall(text):
            assert any(date in line for line in lines), (key, lines)


def test_the_chinese_journey_title_breaks_before_its_quoted_touchpoint() -> None:
    _data, slides, _analysis = deck("b2b-manufacturer-zh", "client")
    title = opened("b2b-manufacturer-zh").slides[index_of(slides, "journey-jr_oem")].shapes.title
    assert lines_of(title.text_frame.paragraphs[0]) == [
        "OEM大客户采购旅程：优先改进痛点最大的",
        "“交付跟踪与延期通知”",
    ]


def test_a_rollout_period_keeps_each_date_whole() -> None:
    found = [
        lines_of(p)
        for key, p in paragraphs("b2b-manufacturer-zh")
        if key == "rollout" and "至" in p.text
    ]
    assert ["2025-09-01至", "2025-10-31"] in found


@pytest.mark.parametrize("example", EXAMPLES)
def test_bullets_are_paragraph_bullets_with_a_hanging_indent(example: str) -> None:
    _data, slides, _analysis = deck(example, "client")
    for spec, slide in zip(slides, opened(example).slides, strict=True):
        if not spec.bullets or spec.kind == "cover" or not spec.bulleted:
            continue
        box = next(
            s
            for s in slide.shapes
            if s.has_text_frame
            and s != slide.shapes.title
            and spec.bullets[0][:8] in s.text_frame.text.replace("\v", "")
        )
        for level, paragraph in zip(
            spec.levels or [0] * len(spec.bullets), box.text_frame.paragraphs, strict=False
        ):
            properties = paragraph._p.pPr
            mark = properties.find(qn("a:buChar"))
            assert mark is not None and mark.get("char") == ("•" if level == 0 else "–")
            assert int(properties.get("indent")) < 0 < int(properties.get("marL"))
            assert int(properties.get("marL")) + int(properties.get("indent")) >= 0
            assert not paragraph.text.startswith("•")


def test_the_disclaimer_is_prose_without_a_bullet() -> None:
    _data, slides, _analysis = deck("online-retailer-en", "client")
    slide = opened("online-retailer-en").slides[index_of(slides, "disclaimer")]
    body = next(s for s in slide.shapes if s.has_text_frame and s != slide.shapes.title)
    properties = body.text_frame.paragraphs[0]._p.pPr
    assert properties is None or properties.find(qn("a:buChar")) is None


@pytest.mark.parametrize("example", EXAMPLES)
def test_a_heading_comes_with_what_is_under_it(example: str) -> None:
    _data, slides, _analysis = deck(example, "client")
    for key in ("activity-1", "activity-2"):
        spec = slides[index_of(slides, key)]
        levels = [*spec.levels, 0]
        for index, level in enumerate(spec.levels):
            if level == 0 and ":" not in spec.bullets[index] and "：" not in spec.bullets[index]:
                assert levels[index + 1] == 1, (key, spec.bullets[index])


def test_the_chinese_change_management_shows_each_parts_gist() -> None:
    _data, slides, _analysis = deck("b2b-manufacturer-zh", "client")
    spec = slides[index_of(slides, "activity-2")]
    start = spec.bullets.index("变革管理")
    assert spec.bullets[start + 1 : start + 4] == (
        "培训：按角色分批培训，每个部门上线前一周完成",
        "迁移：先清洗再迁移：客户主数据查重合并后导入，历史询价只迁移最近12个月",
        "变革推动者：华东区销售经理韩磊、技术服务部应用工程师郑涛、销售内勤主管许婷",
    )
    assert spec.levels[start : start + 4] == (0, 1, 1, 1)


def test_parts_without_text_leave_no_heading() -> None:
    empty = (
        Part(label="Training", text=None, todo=None),
        Part(label="Migration", text=None, todo=None),
    )
    assert _parts_under("Change management", empty) == []
    some = (Part(label="Training", text="By role. Then more.", todo=None), *empty)
    assert _parts_under("Change management", some) == [
        ("Change management", 0),
        ("Training: By role", 1),
    ]


def test_the_gist_is_the_first_clause() -> None:
    assert (
        gist("按角色分批培训，每个部门上线前一周完成；上线后第一个月每周一次答疑。")
        == "按角色分批培训，每个部门上线前一周完成"
    )
    assert gist("Train by role. Then answer questions weekly.") == "Train by role"
    assert gist("교육은 역할별로 진행한다. 이후 매주 질의응답.") == "교육은 역할별로 진행한다"


@pytest.mark.parametrize("example", EXAMPLES)
def test_notes_never_double_their_punctuation(example: str) -> None:
    for slide in opened(example).slides:
        notes = notes_of(slide)
        assert not re.search(r"[.。!?！？][:：]|[.。][)）]", notes), notes
