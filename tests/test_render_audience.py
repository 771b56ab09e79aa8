"""The two versions of the deliverables (crmplan.render.audience): the client's shows none of
the team's working material, the team's keeps it; both are rendered from an absolute plan
path, and neither shows a path outside the plan's folder."""

from __future__ import annotations

import functools
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import MINIMAL_PLAN
from crmplan.analysis import PlanAnalysis
from crmplan.assess.rules import FACT_LABELS
from crmplan.cli import app
from crmplan.i18n import _, aside, language
from crmplan.plan.load import load_plan
from crmplan.rules import RULES
from gfm_helpers import github_html
from render_helpers import EXAMPLES, ROOT

pytestmark = pytest.mark.slow
LOCATION = re.compile(r"\.yaml:\d+:\d+|:\d+:\d+\b")


@functools.cache
def rendered(example: str, audience: str, workspace: Path) -> dict[str, str]:
    """Every document of ``example`` for ``audience``, rendered through the command line
    from the absolute path of a copy of the example (outside any git repository)."""
    folder = workspace / example
    if not folder.exists():
        shutil.copytree(ROOT / "examples" / example, folder)
    out = workspace / "out" / example / audience
    result = CliRunner().invoke(app, ["render", str((folder / "plan.yaml").resolve()),
                                      "--out", str(out), "--audience", audience, "--force"])
    assert result.exit_code == 0, result.output
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("audience").resolve()


def fact_ids(example: str) -> set[str]:
    """Every fact of the assessment's registry, and every fact the example's assessment
    derives."""
    loaded = load_plan(ROOT / "examples" / example / "plan.yaml")
    return set(FACT_LABELS) | set(PlanAnalysis(loaded).assessment.facts)


def plan_ids(example: str) -> set[str]:
    """The ids of the example's plan that cannot be a word of its prose (``tp_cart``)."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "id" and isinstance(item, str) and "_" in item:
                    found.add(item)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(load_plan(ROOT / "examples" / example / "plan.yaml").data)
    return found


def to_do_markers(lang: str) -> list[str]:
    """How a to-do shows in a document: the callout's label and the contents' mark."""
    with language(lang):
        return [f"**{_('To do')}**", f"<strong>{_('To do')}</strong>", _("to do") + ")",
                aside(_("to do")), 'class="todo"', 'class="todo-mark"']


def words(name: str, text: str) -> str:
    """What a reader sees of a document: the Markdown as GitHub shows it, the HTML's text."""
    reader = _Text()
    reader.feed(github_html(text) if name.endswith(".md") else text)
    return " ".join(reader.parts)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip += tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("style", "title")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


class _Tables(HTMLParser):
    """The number of body rows of each table of an HTML text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[int] = []
        self.head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.rows.append(0)
        elif tag == "thead":
            self.head = True
        elif tag == "tr" and not self.head and self.rows:
            self.rows[-1] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self.head = False


def table_rows(name: str, text: str) -> list[int]:
    """The body rows of every table: of the Markdown as cmark-gfm reads it, of the HTML."""
    reader = _Tables()
    reader.feed(github_html(text) if name.endswith(".md") else text)
    return reader.rows


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_client_documents_show_no_working_material(example: str, workspace: Path) -> None:
    files = rendered(example, "client", workspace)
    lang = {"aesthetic-clinic-ko": "ko", "b2b-manufacturer-zh": "zh"}.get(example, "en")
    ids = fact_ids(example) | set(RULES) | plan_ids(example)
    for name, text in files.items():
        seen = words(name, text)
        assert "plan.yaml" not in text, name
        assert not LOCATION.search(seen), (name, LOCATION.search(seen))
        assert [m for m in to_do_markers(lang) if m in text] == [], name
        assert sorted(i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])",
                                                  seen)) == [], name
        assert 0 not in table_rows(name, text), name
        assert str(workspace) not in text and workspace.name not in text, name


def test_the_team_documents_keep_the_working_material(workspace: Path) -> None:
    files = rendered("online-retailer-en", "team", workspace)
    memo, strategy = files["assessment.md"], files["strategy.md"]
    assert "`criteria_separated` yes" in memo and "<code>criteria_<wbr>separated</code>" in \
        files["assessment.html"]  # an id may break after its "_" on a phone
    assert "**To do** This part has no data yet: fill `kpis[csat].baseline` in `plan.yaml`." \
        in strategy
    assert '<aside class="todo"' in files["strategy.html"]
    assert re.search(r"\(plan\.yaml:\d+:\d+\)", files["review.md"])
    assert re.search(r"plan\.yaml:\d+:\d+", files["journey-map.html"])
    assert "## For the team" in memo and "from the plan plan.yaml" in files["review.html"]
    for name, text in files.items():
        assert str(workspace) not in text and workspace.name not in text, name


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_team_documents_keep_the_fact_ids_and_the_plan_lines(example: str,
                                                                  workspace: Path) -> None:
    files = rendered(example, "team", workspace)
    assert re.search(r"`(criteria_separated|exclusions_confirmed)`", files["assessment.md"])
    assert any(LOCATION.search(text) for text in files.values())


def test_a_step_without_data_is_left_out_of_the_client_version_with_a_warning(
        tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL_PLAN, encoding="utf-8")
    result = CliRunner().invoke(app, ["render", str(plan), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "[CRM404]" in line]
    assert len(warnings) == 14  # ten steps, the vision, the ranking, the activity plan, ...
    assert "software.candidates: step 7 has no data yet: the client's version leaves it " \
           "out" in result.output
    strategy = (tmp_path / "out" / "strategy.md").read_text(encoding="utf-8")
    assert "Choose the CRM software" not in strategy and "## 7." not in strategy
    assert "Activity plan" not in strategy and "Precautions" not in strategy
    html = (tmp_path / "out" / "strategy.html").read_text(encoding="utf-8")
    assert 'id="step-7"' not in html and 'href="#step-7"' not in html


def test_a_step_not_filled_shows_what_it_has_without_the_to_do(tmp_path: Path) -> None:
    """The systems in use are step 7's too: without candidates the step is not filled, yet
    the client reads the systems, and no to-do."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL_PLAN + "systems:\n  - {id: sys_pos, name: Till, kind: pos}\n",
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["render", str(plan), "--out", str(tmp_path / "out"),
                                      "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "software.candidates: step 7 is not filled yet: the client's version shows what " \
           "it has, without the to-do" in result.output
    strategy = (tmp_path / "out" / "strategy.md").read_text(encoding="utf-8")
    assert "## 7. Choose the CRM software" in strategy and "| Till |" in strategy
    assert "- Step 7: Choose the CRM software" in strategy and "To do" not in strategy
    assert "## 8." not in strategy


def test_strict_refuses_what_the_client_version_would_leave_out(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL_PLAN, encoding="utf-8")
    result = CliRunner().invoke(app, ["render", str(plan), "--out", str(tmp_path / "out"),
                                      "--strict"])
    assert result.exit_code == 1
    assert "Step 7 has no data yet" in result.output and "[CRM403]" in result.output
    assert not (tmp_path / "out").exists()


def test_a_plan_can_silence_the_warnings_of_what_is_left_out(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL_PLAN + "checks:\n  ignore: [CRM404]\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["render", str(plan), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0 and "CRM404" not in result.output


def test_the_memo_tells_the_client_the_progress_in_short(workspace: Path) -> None:
    client = rendered("aesthetic-clinic-ko", "client", workspace)["assessment.md"]
    team = rendered("aesthetic-clinic-ko", "team", workspace)["assessment.md"]
    heading = "### 결정 이후의 진척"

    def moved(memo: str) -> list[str]:
        part = memo.split(heading, 1)[1].split("\n\n다음:", 1)[0]
        return [line for line in part.splitlines() if line.startswith("- ")]

    assert len(moved(team)) == 28
    assert moved(client) == [
        "- 개선 기준(KPI 기준선과 목표치): 결정 당시(2025년 7월 31일) 일부, 현재 예",
        "- 고객 여정 관리 준비도: 결정 당시(2025년 7월 31일) 38점, 현재 84점(100점 만점)",
        "- 그 밖에 진단 항목 26개가 개선되었습니다"]
