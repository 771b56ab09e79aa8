"""The KPI catalogue and the languages are each defined once, and every part agrees with them.

A KPI is added in crmplan/model/catalogue.py, a language in crmplan/languages.py;
these tests fail until everything that depends on one follows: translations,
the model's enums and the JSON Schema, the data package's formulas, the
scaffold, the help texts, the docs. The last test fails when a KPI id or a
list of languages is written out anywhere else in the source.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from babel import Locale
from babel.messages.pofile import read_po
from babel.numbers import is_currency

from crmplan.cli import app
from crmplan.languages import CHOICES_TEXT, CODES, LANGUAGES, METAVAR, SOURCE_LANGUAGE
from crmplan.model.base import Channel, Language
from crmplan.model.catalogue import (
    EXTRA_FIGURES,
    KPI_CATALOGUE,
    CatalogueKpi,
    Count,
    Format,
    measure,
)
from crmplan.model.kpis import Kpi, Period, Unit
from crmplan.model.strategy import PrivacyRegime
from crmplan.scaffold import ScaffoldRequest, scaffold

ROOT = Path(__file__).parents[1]
SRC = ROOT / "src" / "crmplan"
LOCALE = SRC / "locale"
TRANSLATED = [code for code in CODES if code != SOURCE_LANGUAGE]
REGISTRIES = {"src/crmplan/model/catalogue.py", "src/crmplan/languages.py"}


def _schema_enum(name: str) -> list[str]:
    schema = json.loads((ROOT / "schema" / "plan.schema.json").read_text(encoding="utf-8"))
    return list(schema["$defs"][name]["enum"])


def _catalog(lang: str) -> dict[str, str]:
    with (LOCALE / lang / "LC_MESSAGES" / "crmplan.po").open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if isinstance(m.id, str) and m.id}


def _plan_yaml(lang: str) -> str:
    files = scaffold(ScaffoldRequest("Acme", lang, today=dt.date(2026, 1, 31)))
    return files["plan.yaml"].decode("utf-8")


# -- the KPI catalogue -----------------------------------------------------------------------


def test_the_catalogue_enum_and_the_schema_are_the_registry() -> None:
    assert [k.value for k in CatalogueKpi] == list(KPI_CATALOGUE)
    assert _schema_enum("CatalogueKpi") == list(KPI_CATALOGUE)
    assert Kpi.model_validate({"id": "x", "catalogue": "cltv"}).catalogue is CatalogueKpi("cltv")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_catalogue_kpi_and_figure_has_its_name_translated(lang: str) -> None:
    catalog = _catalog(lang)
    texts = [t for e in KPI_CATALOGUE.values() for t in (e.name, e.meaning)]
    texts += [m.name for m in EXTRA_FIGURES.values()]
    assert [t for t in texts if not catalog.get(t)] == []


def test_every_catalogue_kpi_is_described_whole() -> None:
    for entry in KPI_CATALOGUE.values():
        assert entry.id == entry.id.lower() and entry.name and entry.meaning, entry.id
        assert (entry.fmt is Format.PERCENT) == (entry.unit is Unit.PERCENT), entry.id
        assert (entry.fmt is Format.MONEY) == (entry.unit is Unit.CURRENCY), entry.id
        low, high = entry.minimum, entry.maximum
        assert low is None or high is None or low < high, entry.id
        if entry.unit is Unit.PERCENT:
            assert (low, high) == (0, 100), entry.id
        assert entry.period is None or entry.period in Period, entry.id
    assert not set(KPI_CATALOGUE) & set(EXTRA_FIGURES)


def test_the_data_package_has_a_formula_for_every_count() -> None:
    from crmplan.data.kpis import REACH, count_values, window

    w = window(dt.date(2026, 3, 31), Period.YEAR)
    zero: dict[str, Decimal] = defaultdict(Decimal)  # every count of the data is 0
    assert set(REACH) == set(Count)
    assert set(count_values(w, zero, zero)) == set(Count)


def test_baseline_compute_computes_the_kpis_the_catalogue_says() -> None:
    from crmplan.data.kpis import requests

    kpis = [Kpi.model_validate({"id": kpi_id}) for kpi_id in KPI_CATALOGUE]
    found, others = requests(kpis, Period.YEAR)
    computable = [k for k, e in KPI_CATALOGUE.items() if e.computed is not None]
    assert [r.measure for r in found] == computable + list(EXTRA_FIGURES)
    assert [r.measure for r in others] == [k for k in KPI_CATALOGUE if k not in computable]
    assert all(measure(m) is not None for m in [*KPI_CATALOGUE, *EXTRA_FIGURES])


@pytest.mark.parametrize("lang", CODES)
def test_the_scaffold_lists_every_catalogue_kpi(lang: str) -> None:
    listed = next(line for line in _plan_yaml(lang).splitlines() if "retention_rate" in line)
    wrapped = _plan_yaml(lang).split(listed)[1].split("\n# kpis:")[0]
    text = listed + wrapped
    assert [k for k in KPI_CATALOGUE if k not in text] == []


def test_the_docs_describe_every_catalogue_kpi() -> None:
    concepts = (ROOT / "docs" / "concepts.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z_]+)` \| [^|]+ \| ([a-z]+) \| ([a-z]+) \|$", concepts,
                      re.MULTILINE)
    assert rows == [(e.id, e.unit.value, e.direction.value) for e in KPI_CATALOGUE.values()]
    data = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    computed = re.findall(r"^\| `([a-z_]+)` \| ", data, re.MULTILINE)
    assert sorted(computed) == sorted(k for k, e in KPI_CATALOGUE.items() if e.computed)


# -- the languages ---------------------------------------------------------------------------


def test_the_language_enum_and_the_schema_are_the_registry() -> None:
    assert [lang.value for lang in Language] == list(CODES)
    assert _schema_enum("Language") == list(CODES)
    assert SOURCE_LANGUAGE in CODES


def test_every_language_but_the_source_has_a_compiled_catalog() -> None:
    shipped = sorted(p.name for p in LOCALE.iterdir() if p.is_dir())
    assert shipped == sorted(TRANSLATED)
    for code in TRANSLATED:
        for suffix in ("po", "mo"):
            assert (LOCALE / code / "LC_MESSAGES" / f"crmplan.{suffix}").is_file(), code


def test_every_language_has_a_locale_names_and_plan_defaults() -> None:
    for entry in LANGUAGES:
        assert Locale.parse(entry.locale).language == entry.code
        assert entry.english and entry.native
        assert is_currency(entry.currency) and re.fullmatch("[A-Z]{2}", entry.country)
        assert Channel(entry.messenger) and PrivacyRegime(entry.privacy)


@pytest.mark.parametrize("lang", CODES)
def test_every_language_scaffolds_a_commented_plan(lang: str) -> None:
    text = _plan_yaml(lang)
    entry = next(e for e in LANGUAGES if e.code == lang)
    assert f"  language: {lang}\n  currency: {entry.currency}\n" in text
    if lang != SOURCE_LANGUAGE:  # the comments are in the plan's language
        assert "Step 2. Record the baseline" not in text


def test_the_lang_options_come_from_the_registry(runner: Any) -> None:
    assert f"--lang {METAVAR}" in runner.invoke(app, ["validate", "--help"]).output
    assert f"--lang {METAVAR}" in runner.invoke(app, ["init", "--help"]).output
    refused = runner.invoke(app, ["validate", "--lang", "xx"])
    assert refused.exit_code == 2 and ", ".join(CODES) in refused.output


def test_the_docs_and_the_package_name_every_language() -> None:
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        written = set(re.findall(r"--lang ([a-z]{2}(?:\|[a-z]{2})+)", page.read_text("utf-8")))
        assert written <= {METAVAR}, page.name
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    named = re.findall(r'^ *"Natural Language :: ([^"]+)",$', pyproject, re.MULTILINE)
    assert sorted(named) == sorted(e.english for e in LANGUAGES)


# -- nothing written out twice -----------------------------------------------------------------

# Where a KPI id or a language code in the source is data, not a second list.
ALLOWED = {
    ("src/crmplan/model/kpis.py", "retention_rate"),  # the id field's description: an example
    ("src/crmplan/model/kpis.py", "nps"),
    ("templates/init/plan.yaml.j2", "avg_response_time"),  # the outline's example KPI
}
_KPI_IDS = re.compile(r"(?<![\w])(" + "|".join([*KPI_CATALOGUE, *EXTRA_FIGURES]) + r")(?![\w])")
_LANGUAGE_TEXTS = {*CODES, *(e.locale for e in LANGUAGES)}


def _strings(path: Path) -> list[str]:
    """The string constants of a module, docstrings left out (they show examples)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                       ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
            and isinstance(node.value, str) and id(node) not in docstrings]


def hard_coded(root: Path) -> set[tuple[str, str]]:
    """Every KPI id, language code or list of languages written in the source under
    ``root`` outside the two registries, as (file, what)."""
    found: set[tuple[str, str]] = set()
    for path in sorted((root / "src" / "crmplan").rglob("*.py")):
        name = path.relative_to(root).as_posix()
        if name in REGISTRIES:
            continue
        for text in _strings(path):
            found |= {(name, kpi) for kpi in _KPI_IDS.findall(text)}
            if text in _LANGUAGE_TEXTS or CHOICES_TEXT in text or METAVAR in text:
                found.add((name, text))
    for path in sorted((root / "templates").rglob("*.j2")):
        name, text = path.relative_to(root).as_posix(), path.read_text(encoding="utf-8")
        found |= {(name, kpi) for kpi in _KPI_IDS.findall(text)}
        found |= {(name, t) for t in (CHOICES_TEXT, METAVAR) if t in text}
        found |= {(name, c) for c in CODES if f'"{c}"' in text or f"'{c}'" in text}
    return found


def test_no_kpi_id_or_language_is_written_outside_the_registries() -> None:
    assert hard_coded(ROOT) - ALLOWED == set()
