"""crmplan init: the scaffold, its languages, and its refusal to overwrite."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crmplan.cli import app
from crmplan.languages import CODES
from crmplan.model.engagement import Industry
from crmplan.plan.load import load_plan
from crmplan.scaffold import ScaffoldRequest, scaffold
from crmplan.validation import validate_file

runner = CliRunner()
FILES = ["plan.yaml", "README.md", ".gitignore", "data/README.md", ".crmplan/plan.schema.json"]


def init(*args: str) -> object:
    return runner.invoke(app, ["init", *args])


@pytest.mark.parametrize("lang", CODES)
def test_init_writes_a_valid_commented_plan(tmp_path: Path, lang: str) -> None:
    folder = tmp_path / "client"
    result = init(str(folder), "--client", "Acme: \"Seoul\" #1", "--lang", lang)
    assert result.exit_code == 0, result.output
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) == sorted(
        FILES)
    text = (folder / "plan.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=.crmplan/plan.schema.json\n")
    loaded = load_plan(folder / "plan.yaml")
    assert loaded.plan.client.name == 'Acme: "Seoul" #1'
    assert loaded.plan.client.language.value == lang
    result = validate_file(folder)
    assert not result.errors
    # all ten steps are still empty, the activity plan is not written yet, and without a
    # start date no review is scheduled
    assert sorted(i.code for i in result.warnings) == ["CRM401"] * 10 + ["CRM440", "CRM802"]


def test_init_comments_follow_the_language(tmp_path: Path) -> None:
    init(str(tmp_path / "ko"), "--client", "서하", "--lang", "ko")
    init(str(tmp_path / "zh"), "--client", "恒锐", "--lang", "zh")
    ko = (tmp_path / "ko" / "plan.yaml").read_text(encoding="utf-8")
    zh = (tmp_path / "zh" / "plan.yaml").read_text(encoding="utf-8")
    assert "currency: KRW" in ko and "channel: kakaotalk" in ko and "regimes: [pipa]" in ko
    assert "currency: CNY" in zh and "channel: wechat" in zh and "regimes: [pipl]" in zh
    assert "Step 1. Define goals" not in ko
    assert "Step 1. Define goals" not in zh


def _outline(lang: str = "en") -> str:
    files = scaffold(ScaffoldRequest("Acme", lang, "retail", today=dt.date(2026, 1, 31)))
    text = files["plan.yaml"].decode("utf-8")
    lines = [line[2:] if line.startswith("# ") and not line.startswith("# yaml") else line
             for line in text.splitlines()]
    return "\n".join(line for line in lines if not _is_prose(line))


def test_uncommented_outline_is_a_valid_plan() -> None:
    from crmplan.plan.load import load_bytes

    loaded = load_bytes(_outline().encode("utf-8"), "outline.yaml")
    assert loaded.plan.kpis[0].target is not None
    assert loaded.plan.kpis[0].target.by == dt.date(2027, 1, 28)
    assert loaded.plan.journeys[0].touchpoints[0].emotion == -1
    assert loaded.plan.data is not None and loaded.plan.data.orders.file == "data/orders.csv"


@pytest.mark.parametrize("lang", CODES)
def test_the_outlines_data_section_reads_exports_with_those_headers(tmp_path: Path,
                                                                   lang: str) -> None:
    pytest.importorskip("duckdb")
    (tmp_path / "plan.yaml").write_text(_outline(lang), encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "orders.csv").write_text(
        "customer_id,order_date,amount,order_id,status\n"
        + "".join(f"c{i % 12},2025-{1 + i % 12:02d}-15,{10 + i},o{i},paid\n" for i in range(60)),
        encoding="utf-8")
    (tmp_path / "data" / "customers.csv").write_text(
        "customer_id,marketing_consent,email,phone\n"
        + "".join(f"c{i},yes,c{i}@example.com,\n" for i in range(12)), encoding="utf-8")
    for command in (["baseline", "compute"], ["segment", "compute"]):
        result = CliRunner().invoke(app, [*command, str(tmp_path)])
        assert result.exit_code == 0, result.output


def _is_prose(line: str) -> bool:
    """Comment lines that explain rather than outline: capitalised, or not a ``key:`` line."""
    stripped = line.strip()
    if not stripped or line.startswith(" "):
        return False
    return re.match(r"[a-z_]+:", stripped) is None


@pytest.mark.parametrize("lang", CODES)
@pytest.mark.parametrize("command", ["assess", "baseline", "segment", "journey", "review"])
def test_every_command_accepts_the_uncommented_outline(tmp_path: Path, lang: str,
                                                       command: str) -> None:
    """A consultant who uncomments the outline gets reports, not errors."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(_outline(lang), encoding="utf-8")
    result = CliRunner().invoke(app, [command, str(plan)])
    assert result.exit_code == 0, result.output


def test_step_comments_are_single_comments() -> None:
    text = scaffold(ScaffoldRequest("Acme", "en", None))["plan.yaml"].decode("utf-8")
    assert "# # " not in text


def test_healthcare_gets_the_no_medical_acts_disclaimer(tmp_path: Path) -> None:
    init(str(tmp_path / "c"), "--client", "Clinic", "--lang", "en", "--industry", "healthcare")
    loaded = load_plan(tmp_path / "c")
    assert loaded.plan.engagement is not None
    assert "no medical acts" in (loaded.plan.engagement.disclaimer or "")


def test_init_refuses_to_overwrite_and_names_what_exists(tmp_path: Path) -> None:
    folder = tmp_path / "client"
    folder.mkdir()
    (folder / "plan.yaml").write_text("mine\n", encoding="utf-8")
    result = init(str(folder), "--client", "Acme", "--lang", "en")
    assert result.exit_code == 2
    assert "plan.yaml" in result.output and "nothing was written" in result.output
    assert (folder / "plan.yaml").read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in folder.iterdir()) == ["plan.yaml"]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("lang", CODES)
def test_gitignore_keeps_crmplans_temporary_files_out_of_git(tmp_path: Path, lang: str) -> None:
    folder = tmp_path / "client"
    assert init(str(folder), "--client", "Acme", "--lang", lang).exit_code == 0
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    temporary = [".plan.yaml.k2x9_a7q.tmp", "deliverables/.strategy.md.0f3a9c1e.tmp"]
    kept = ["plan.yaml", "notes.tmp", "README.md", ".crmplan/plan.schema.json"]
    found = subprocess.run(["git", "-C", str(folder), "check-ignore", "--no-index",
                            *temporary, *kept], capture_output=True, text=True,
                           check=False).stdout.split()
    assert found == temporary


def test_init_into_an_empty_existing_folder(tmp_path: Path) -> None:
    result = init(str(tmp_path), "--client", "Acme", "--lang", "en")
    assert result.exit_code == 0, result.output


def test_init_on_a_file_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    result = init(str(target), "--client", "Acme", "--lang", "en")
    assert result.exit_code == 2
    assert "not a folder" in result.output


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--industry", "helthcare"], "unknown industry"),
        (["--example", "nope"], "no bundled example"),
        (["--client", ""], "client's name"),
    ],
)
def test_init_bad_options_exit_2(tmp_path: Path, args: list[str], words: str) -> None:
    base = ["--client", "Acme", "--lang", "en"]
    result = init(str(tmp_path / "c"), *base, *args)
    assert result.exit_code == 2
    assert words in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "c").exists()


def test_init_bad_language_is_a_usage_error(tmp_path: Path) -> None:
    result = init(str(tmp_path / "c"), "--client", "Acme", "--lang", "fr")
    assert result.exit_code == 2


@pytest.mark.slow
@pytest.mark.parametrize("example", ["aesthetic-clinic-ko", "online-retailer-en",
                                     "b2b-manufacturer-zh"])
def test_init_from_an_example(tmp_path: Path, example: str) -> None:
    folder = tmp_path / "c"
    lang = example.rsplit("-", 1)[1]
    result = init(str(folder), "--client", "New Client", "--lang", lang, "--example", example)
    assert result.exit_code == 0, result.output
    loaded = load_plan(folder)
    assert loaded.plan.client.name == "New Client"
    text = (folder / "plan.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=.crmplan/plan.schema.json\n")
    original = (Path(__file__).parents[1] / "examples" / example / "plan.yaml").read_text(
        encoding="utf-8")
    pairs = zip(original.splitlines(), text.splitlines(), strict=True)
    changed = [(a, b) for a, b in pairs if a != b]
    assert len(changed) == 2  # the modeline and the client's name, nothing else


@pytest.mark.slow
def test_init_from_an_example_takes_the_language_and_industry_asked_for(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    result = init(str(folder), "--client", "New Client", "--lang", "en", "--industry", "retail",
                  "--example", "aesthetic-clinic-ko")
    assert result.exit_code == 0, result.output
    client = load_plan(folder).plan.client
    assert (client.language.value, client.industry) == ("en", Industry.RETAIL)


@pytest.mark.parametrize("name", ["\udcff", "A\u2028B", "A\nB", "A\x85B"])
def test_init_refuses_a_client_name_a_plan_cannot_hold(tmp_path: Path, name: str) -> None:
    result = init(str(tmp_path / "c"), "--client", name, "--lang", "en")
    assert result.exit_code == 2
    assert not (tmp_path / "c").exists()


def test_init_writes_nothing_when_a_folder_it_needs_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("x", encoding="utf-8")
    result = init(str(tmp_path), "--client", "Acme", "--lang", "en")
    assert result.exit_code == 2
    assert "exists and is not a folder" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_init_quotes_a_name_that_yaml_would_misread(tmp_path: Path) -> None:
    init(str(tmp_path / "c"), "--client", "yes: no # 1", "--lang", "en")
    assert load_plan(tmp_path / "c").plan.client.name == "yes: no # 1"


@pytest.mark.parametrize("lang", CODES)
def test_scaffold_comments_fit_the_width_in_every_language(lang: str) -> None:
    from crmplan.scaffold import _display_width

    text = scaffold(ScaffoldRequest("Acme", lang, "retail"))["plan.yaml"].decode("utf-8")
    prose = [line for line in text.splitlines() if line.startswith("# ") and "  " not in line
             and not line.startswith("# yaml")]
    assert max(_display_width(line) for line in prose) <= 96


@pytest.mark.parametrize(("industry", "shown", "absent"), [
    (None, "Booking system", "ERP system"),
    ("b2b_manufacturing", "Restocking programme for distributors", "clinic"),
    ("ecommerce", "Early access to the new season", "clinic"),
    ("b2b_services", "Annual service review", "clinic"),
])
def test_the_outline_examples_follow_the_line_of_business(
        industry: str | None, shown: str, absent: str) -> None:
    """A B2B manufacturer's outline speaks of distributors and an ERP, not of a clinic."""
    text = scaffold(ScaffoldRequest("Acme", "en", industry,
                                    today=dt.date(2026, 1, 31)))["plan.yaml"].decode()
    assert shown in text
    assert absent not in text.lower() if absent == "clinic" else absent not in text


def test_the_outline_scaffolds_both_keys_of_an_exclusion_condition() -> None:
    text = scaffold(ScaffoldRequest("Acme", "en", today=dt.date(2026, 1, 31)))["plan.yaml"]
    assert b"#       confirmed: false" in text and b"#       applies: false" in text


def test_every_industry_has_outline_examples() -> None:
    from crmplan.scaffold import INDUSTRY_EXAMPLES

    assert set(INDUSTRY_EXAMPLES) == {None, *Industry}
