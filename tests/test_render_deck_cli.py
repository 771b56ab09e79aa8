"""``crmplan render --format pptx`` from the command line: the file, the firm's template,
the refusals, and the message when python-pptx is missing."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from crmplan.cli import app
from render_helpers import ROOT

pptx = pytest.importorskip("pptx")

from pptx import Presentation  # noqa: E402
from pptx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: E402

MARK = "C0FFEE"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["render", *args])
    return result.exit_code, result.output


@pytest.fixture
def example(tmp_path: Path) -> Path:
    target = tmp_path / "shop"
    shutil.copytree(ROOT / "examples" / "online-retailer-en", target)
    return target


@pytest.fixture
def brand(tmp_path: Path) -> Path:
    """A firm's template: 4:3, a marked theme colour, a sample slide to be left out."""
    deck: Any = Presentation()
    theme = deck.slide_masters[0].part.part_related_by(RT.THEME)
    theme._blob = theme.blob.replace(
        b'<a:srgbClr val="4F81BD"/>', f'<a:srgbClr val="{MARK}"/>'.encode()
    )
    sample = deck.slides.add_slide(deck.slide_layouts[0])
    sample.shapes.title.text = "Sample slide of the firm"
    path = tmp_path / "brand.pptx"
    deck.save(str(path))
    return path


@pytest.mark.slow
def test_writes_the_deck_beside_the_documents(example: Path, tmp_path: Path) -> None:
    code, output = run(str(example), "--out", str(tmp_path / "out"), "--format", "pptx,md")
    assert code == 0, output
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "deck.pptx" in names and "strategy.md" in names and "strategy.html" not in names
    assert "wrote" in output and "deck.pptx" in output
    assert len(Presentation(str(tmp_path / "out" / "deck.pptx")).slides) > 10


@pytest.mark.slow
def test_the_firms_template_gives_its_size_layouts_and_theme(
    example: Path, brand: Path, tmp_path: Path
) -> None:
    code, output = run(
        str(example),
        "--out",
        str(tmp_path / "out"),
        "--format",
        "pptx",
        "--deck-template",
        str(brand),
    )
    assert code == 0, output
    deck: Any = Presentation(str(tmp_path / "out" / "deck.pptx"))
    assert (deck.slide_width, deck.slide_height) == (9144000, 6858000)
    theme = deck.slide_masters[0].part.part_related_by(RT.THEME).blob
    assert f'val="{MARK}"'.encode() in theme
    titles = [s.shapes.title.text_frame.text for s in deck.slides]
    assert "Sample slide of the firm" not in titles
    assert {s.slide_layout.name for s in deck.slides} == {"Title Slide", "Title Only"}
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.left + shape.width <= deck.slide_width
            assert shape.top >= 0 and shape.top + shape.height <= deck.slide_height


@pytest.mark.slow
def test_a_template_that_is_no_presentation_is_refused(example: Path, tmp_path: Path) -> None:
    bad = tmp_path / "brand.pptx"
    bad.write_text("not a zip", encoding="utf-8")
    code, output = run(
        str(example),
        "--out",
        str(tmp_path / "out"),
        "--format",
        "pptx",
        "--deck-template",
        str(bad),
    )
    assert code == 2
    assert "not a PowerPoint presentation" in output and "Traceback" not in output
    assert not (tmp_path / "out").exists()


def test_a_missing_template_is_refused(example: Path, tmp_path: Path) -> None:
    code, output = run(
        str(example),
        "--out",
        str(tmp_path / "out"),
        "--format",
        "pptx",
        "--deck-template",
        str(tmp_path / "none.pptx"),
    )
    assert code == 2 and "not a file" in output


def test_a_template_without_the_deck_is_a_usage_error(example: Path, tmp_path: Path) -> None:
    code, output = run(
        str(example),
        "--out",
        str(tmp_path / "out"),
        "--format",
        "md",
        "--deck-template",
        str(tmp_path / "brand.pptx"),
    )
    assert code == 2 and "add pptx to --format" in output


def test_without_python_pptx_it_says_what_to_install(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import crmplan.render.deck as deck

    monkeypatch.setattr(deck, "available", lambda: False)
    code, output = run(str(example), "--out", str(tmp_path / "out"), "--format", "pptx")
    assert code == 2
    assert "python-pptx" in output and "pip install 'crmplan[pptx]'" in output
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_an_existing_deck_is_kept_without_force(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "deck.pptx").write_bytes(b"the consultant's edited deck")
    code, output = run(str(example), "--out", str(out), "--format", "pptx")
    assert code == 2 and "deck.pptx" in output
    assert (out / "deck.pptx").read_bytes() == b"the consultant's edited deck"
    code, output = run(str(example), "--out", str(out), "--format", "pptx", "--force")
    assert code == 0 and (out / "deck.pptx").read_bytes()[:2] == b"PK"


@pytest.mark.slow
def test_client_deck_lists_what_it_leaves_out(tmp_path: Path, minimal_plan: str) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(minimal_plan, encoding="utf-8")
    code, output = run(str(plan), "--out", str(tmp_path / "out"), "--format", "pptx")
    assert code == 0, output
    assert "leaves it out" in output and "CRM404" in output


@pytest.mark.slow
def test_a_template_without_a_title_layout_is_refused(example: Path, tmp_path: Path) -> None:
    deck: Any = Presentation()
    for layout in deck.slide_layouts:
        for shape in list(layout.placeholders):
            if shape.placeholder_format.type in (1, 3):  # title, centred title
                shape._element.getparent().remove(shape._element)
    path = tmp_path / "untitled.pptx"
    deck.save(str(path))
    code, output = run(
        str(example),
        "--out",
        str(tmp_path / "out"),
        "--format",
        "pptx",
        "--deck-template",
        str(path),
    )
    assert code == 2 and "no layout with a title placeholder" in output
    assert "Title Only" in output and not (tmp_path / "out").exists()
