"""The executive deck read back with python-pptx: the slides, the native charts and their
figures against the analyses, the notes, the layout, the fonts, the bytes."""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache
from typing import Any

import pytest

pptx = pytest.importorskip("pptx")

from pptx import Presentation  # noqa: E402
from pptx.enum.chart import XL_CHART_TYPE  # noqa: E402

from crmplan.analysis import PlanAnalysis  # noqa: E402
from render_helpers import EXAMPLES, deck_loaded, loaded_example  # noqa: E402
from test_architecture import counted  # noqa: E402, F401 - the fixture that counts analyses

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
LOCATION = re.compile(r"plan\.yaml:\d+:\d+")


@cache
def deck(example: str, audience: str = "client") -> tuple[bytes, list[Any], PlanAnalysis]:
    return deck_loaded(loaded_example(example), audience)


def opened(example: str, audience: str = "client") -> Any:
    return Presentation(io.BytesIO(deck(example, audience)[0]))


def charts_of(slide: Any) -> list[Any]:
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def values(chart: Any) -> list[tuple[float | None, ...]]:
    return [tuple(s.values) for s in chart.plots[0].series]


def notes_of(slide: Any) -> str:
    return str(slide.notes_slide.notes_text_frame.text) if slide.has_notes_slide else ""


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
def test_the_slides_are_the_outline_in_order(example: str) -> None:
    _data, slides, _analysis = deck(example)
    shown = opened(example).slides
    assert len(shown) == len(slides)
    for slide, spec in zip(shown, slides, strict=True):
        title = slide.shapes.title.text_frame.text.replace("\v", "")  # lines as measured
        if title != spec.title:  # cut to its box: whole in the notes
            assert title.endswith("…") and spec.title.startswith(title[:-1].rstrip())
            assert spec.title in notes_of(slide)
    keys = [s.key for s in slides]
    assert keys[:3] == ["cover", "decision", "maturity"] and keys[-1] == "disclaimer"
    assert {
        "goals",
        "kpis-1",
        "matrix",
        "ranking",
        "problems",
        "software",
        "rollout",
        "activity-1",
        "activity-2",
        "reviews",
    } <= set(keys)


@pytest.mark.parametrize("example", EXAMPLES)
def test_readiness_bars_are_the_assessments_scores(example: str) -> None:
    _data, slides, analysis = deck(example)
    chart = charts_of(opened(example).slides[2])[0]
    report = analysis.assessment
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert values(chart) == [tuple(float(a.score) for a in report.areas)]
    numbers = sorted(re.findall(r"\d+", slides[2].title))
    assert numbers == sorted([str(report.stage), "4", str(report.readiness), "100"])


@pytest.mark.parametrize("example", EXAMPLES)
def test_kpi_bars_are_baseline_latest_and_target(example: str) -> None:
    _data, slides, analysis = deck(example)
    found = [
        c
        for i, s in enumerate(slides)
        if s.key.startswith("kpis-")
        for c in charts_of(opened(example).slides[i])
    ]
    shown = [g for g in analysis.baseline.gaps if g.baseline is not None]
    expected = [
        _rounded((g.baseline.value, g.current.value if g.current else None, g.target))
        for g in shown
    ]
    assert [
        _rounded(values(c)[0], _divisor(g, analysis)) for c, g in zip(found, shown, strict=True)
    ] == expected
    assert all(c.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED for c in found)


def _rounded(figures: tuple[float | None, ...], times: float = 1.0) -> tuple[float | None, ...]:
    return tuple(None if v is None else round(v * times, 6) for v in figures)


def _divisor(gap: Any, analysis: PlanAnalysis) -> float:
    """What a KPI's figures are divided by on its chart: 10,000 for money in 万元, 만 원."""
    from crmplan.i18n import money_unit
    from crmplan.kpi.values import figures_size
    from crmplan.model.units import Unit

    if gap.spec.unit is not Unit.CURRENCY:
        return 1.0
    plan = analysis.loaded.plan
    return money_unit(
        plan.client.currency, figures_size(gap) or 0.0, plan.client.language.value
    ).divisor


@pytest.mark.parametrize("example", EXAMPLES)
def test_trends_are_lines_of_the_figures_with_the_target(example: str) -> None:
    _data, slides, analysis = deck(example)
    trends = [(i, s) for i, s in enumerate(slides) if s.key.startswith("trend-")]
    assert trends
    kpis = {k.id: (index, k) for index, k in enumerate(analysis.loaded.plan.kpis)}
    for i, spec in trends:
        chart = charts_of(opened(example).slides[i])[0]
        index, kpi = kpis[spec.key.removeprefix("trend-")]
        gap = analysis.baseline.gaps[index]
        actual = [kpi.baseline.value] + [
            s.value for s in kpi.snapshots if s.date <= gap.current.date
        ]
        divisor = _divisor(gap, analysis)
        assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS and chart.has_legend
        assert sorted(_rounded(values(chart)[0], divisor)) == sorted(_rounded(tuple(actual)))
        assert set(_rounded(values(chart)[1], divisor)) == {round(gap.target, 6)}


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_matrix_is_a_scatter_of_ease_and_value(example: str) -> None:
    _data, slides, analysis = deck(example)
    index = [s.key for s in slides].index("matrix")
    chart = charts_of(opened(example).slides[index])[0]
    points = analysis.segments.analysis.matrix.points
    series = chart.plots[0].series[0]
    assert chart.chart_type == XL_CHART_TYPE.XY_SCATTER
    assert list(series.iter_values()) == [p.value for p in points]
    xml = chart._chartSpace.xml
    assert all(p.name.replace("&", "&amp;") in xml for p in points)


@pytest.mark.parametrize("example", EXAMPLES)
def test_each_journey_has_its_emotion_curve(example: str) -> None:
    _data, slides, analysis = deck(example)
    for journey in analysis.journeys.journeys:
        index = [s.key for s in slides].index(f"journey-{journey.id}")
        chart = charts_of(opened(example).slides[index])[0]
        curve = journey.curve()
        assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
        assert values(chart) == [
            tuple(None if p.emotion is None else float(p.emotion) for p in curve),
            tuple(None if p.emotion_to_be is None else float(p.emotion_to_be) for p in curve),
        ]


@pytest.mark.parametrize("example", EXAMPLES)
def test_software_bars_are_the_weighted_totals(example: str) -> None:
    _data, slides, analysis = deck(example)
    index = [s.key for s in slides].index("software")
    chart = charts_of(opened(example).slides[index])[0]
    assert analysis.software is not None
    assert values(chart) == [tuple(c.total for c in analysis.software.candidates)]


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_slide_but_the_disclaimer_has_notes(example: str) -> None:
    for slide in list(opened(example).slides)[:-1]:
        assert notes_of(slide).strip()


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
def test_plan_lines_are_in_the_teams_notes_only(example: str) -> None:
    client = " ".join(notes_of(s) for s in opened(example).slides)
    team = " ".join(notes_of(s) for s in opened(example, "team").slides)
    assert not LOCATION.search(client) and "plan.yaml" not in client and "kpis[" not in client
    assert LOCATION.search(team)


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_shape_is_inside_the_slide(example: str) -> None:
    deck_ = opened(example)
    width, height = deck_.slide_width, deck_.slide_height
    for slide in deck_.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.left + shape.width <= width, shape.name
            assert shape.top >= 0 and shape.top + shape.height <= height, shape.name


@pytest.mark.parametrize("example", ["aesthetic-clinic-ko", "b2b-manufacturer-zh"])
def test_east_asian_fonts_are_set(example: str) -> None:
    from crmplan.languages import entry

    data, _slides, analysis = deck(example)
    face = entry(analysis.loaded.plan.client.language.value).east_asian_face
    assert face
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        theme = package.read("ppt/theme/theme1.xml").decode()
        slides = [
            package.read(n).decode()
            for n in package.namelist()
            if re.fullmatch(r"ppt/(slides|charts)/\w+\.xml", n)
        ]
    assert theme.count(f'<a:ea typeface="{face}"/>') == 2
    for xml in slides:
        runs = re.findall(r"<a:rPr\b.*?(?:/>|</a:rPr>)", xml)
        assert runs and all(f'typeface="{face}"' in r for r in runs)


def test_english_runs_are_tagged_without_an_east_asian_face() -> None:
    with zipfile.ZipFile(io.BytesIO(deck("online-retailer-en")[0])) as package:
        xml = package.read("ppt/slides/slide2.xml").decode()
    assert 'lang="en-US"' in xml and "<a:ea " not in xml


@pytest.mark.slow
def test_the_same_plan_gives_the_same_bytes() -> None:
    again = deck_loaded(loaded_example("online-retailer-en"))[0]
    assert again == deck("online-retailer-en")[0]


def test_the_archive_and_its_workbooks_carry_the_document_date() -> None:
    data = deck("online-retailer-en")[0]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        stamps = {i.date_time for i in package.infolist()}
        assert package.namelist()[0] == "[Content_Types].xml"
        core = package.read("docProps/core.xml").decode()
        book = package.read(next(n for n in package.namelist() if n.endswith(".xlsx")))
    with zipfile.ZipFile(io.BytesIO(book)) as workbook:
        stamps |= {i.date_time for i in workbook.infolist()}
        book_core = workbook.read("docProps/core.xml").decode()
    assert stamps == {(2026, 4, 14, 0, 0, 0)}
    assert "2026-04-14T00:00:00Z" in core and "<cp:revision>1</cp:revision>" in core
    assert re.findall(r"<dcterms:\w+[^>]*>([^<]*)<", book_core) == ["2026-04-14T00:00:00Z"] * 2


def test_no_field_and_no_link_but_the_website() -> None:
    data, _slides, analysis = deck("online-retailer-en")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {
            n: package.read(n).decode() for n in package.namelist() if n.endswith((".xml", ".rels"))
        }
    ours = [
        xml
        for name, xml in parts.items()
        if name.startswith(("ppt/slides/", "ppt/notesSlides/", "ppt/charts/"))
    ]
    assert ours and not any("<a:fld " in xml for xml in ours)
    links = [
        t
        for xml in parts.values()
        for t in re.findall(
            r'Target="([^"]+)"\s+'
            r'TargetMode="External"',
            xml,
        )
    ]
    assert links == [analysis.loaded.plan.client.website]


@pytest.mark.slow
def test_a_step_without_data_leaves_its_slide_out_or_shows_a_to_do(
    tmp_path: Any, minimal_plan: str
) -> None:
    from crmplan.plan.load import load_plan

    path = tmp_path / "plan.yaml"
    path.write_text(minimal_plan, encoding="utf-8")
    _data, client, _a = deck_loaded(load_plan(path))
    _data, team, _a = deck_loaded(load_plan(path), "team")
    assert not any(s.kind == "todo" for s in client)
    todo = [s for s in team if s.kind == "todo"]
    assert todo and all(LOCATION.search(" ".join(s.notes)) for s in todo)
    assert {s.step for s in todo} >= {1, 2, 3}


@pytest.mark.slow
def test_the_deck_with_the_documents_runs_each_analysis_once(
    request: pytest.FixtureRequest,
) -> None:
    """The deck reads the analyses the documents read: building both runs each once."""
    calls: dict[str, int] = request.getfixturevalue("counted")
    from crmplan.i18n import activate
    from crmplan.render.context import build_context, in_plan_folder
    from crmplan.render.deck.build import build_deck
    from crmplan.render.engine import render_documents

    loaded = loaded_example("online-retailer-en")
    activate("en")
    plan_analysis = PlanAnalysis(in_plan_folder(loaded))
    context = build_context(plan_analysis, "en", None)
    render_documents(context, ("md",), "en", None)
    build_deck(context, plan_analysis, None, None)
    assert calls and set(calls.values()) == {1} | (
        {len(loaded.plan.kpis)} if "progress" in calls else set()
    )


@pytest.mark.slow
def test_the_teams_deck_ends_with_what_is_still_empty() -> None:
    _data, team, _a = deck("online-retailer-en", "team")
    _data, client, _a = deck("online-retailer-en")
    todo = team[-1]
    assert todo.key == "todo-parts" and todo.title == "To do: 3 parts of the plan are still empty"
    assert len(todo.bullets) == 3 and all(LOCATION.search(n) for n in todo.notes)
    assert not any(s.kind == "todo" for s in client)
