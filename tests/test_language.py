"""Korean and Chinese that read as a native consultant writes them.

Checked on what a reader sees: the deliverables of the examples (the golden files,
which tests/test_render_golden.py keeps equal to what ``crmplan render`` writes) and
the reports of the commands. Code spans, Mermaid sources and HTML markup are not
prose and are left out. The terminology table of docs/contributing.md ("Terms") is
held by grepping the catalogs and the templates for the variants it replaced.
"""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from crmplan.cli import app
from crmplan.hangul import ending, particle, particles
from crmplan.plan.scalars import unfolded
from render_helpers import ROOT

GOLDEN = ROOT / "tests" / "golden"
# The documents as written (md, html). A PDF's text golden is the same HTML typeset, and
# its extraction joins the cells of a table row and the lines of a page with spaces that
# are not in the document.
CHINESE = sorted(p for p in (GOLDEN / "b2b-manufacturer-zh").glob("*/*.*")
                 if not p.name.endswith(".pdf.txt"))
KOREAN = sorted(p for p in (GOLDEN / "aesthetic-clinic-ko").glob("*/*.*")
                if not p.name.endswith(".pdf.txt"))
REPORTS = [["baseline"], ["baseline", "--format", "md"], ["journey"],
           ["journey", "--format", "md"], ["assess"], ["assess", "--format", "md"],
           ["segment"], ["segment", "--format", "md"], ["review"], ["review", "--format", "md"]]

HAN = "\u4e00-\u9fff"
# ASCII punctuation touching a Chinese character: "客户:", "计划.", "(阶段", "甲,乙"
ASCII_BY_HAN = re.compile(rf"[{HAN}][:.(),]|[:.(),][{HAN}]")
# a space after full-width punctuation, before more text: "触点， 每个"
SPACE_AFTER_FULL_WIDTH = re.compile(r"[，。：；、（）！？“”《》][ \t](?=[^\s|\x00])")
# a Korean particle left for the reader to choose: "고객이(가)", "{x}을(를)", "(으)로"
OPEN_PARTICLE = re.compile(r"[이가을를은는와과]\([이가을를은는와과]\)|\(으\)로|\(이\)")
ENGLISH_VALUES = ("yes", "no", "partly", "unknown", "open", "done", "dropped", "active",
                  "superseded", "idea", "planned", "in_progress", "on_track", "at_risk",
                  "off_track", "weekly", "monthly", "quarterly", "yearly", "daily")
ENGLISH_VALUE = re.compile(rf"(?<![\w/.-])({'|'.join(ENGLISH_VALUES)})(?![\w/.-])")


def prose(text: str, name: str) -> list[str]:
    """The runs of text a reader reads: no code, no Mermaid source, no HTML markup."""
    text = re.sub(r"```mermaid.*?```|<pre class=\"mermaid\">.*?</pre>", "", text, flags=re.S)
    text = re.sub(r"<(code|style|script)\b.*?</\1>", "\x00", text, flags=re.S)
    text = re.sub(r"`[^`\n]*`", "\x00", text)
    if name.endswith(".html"):
        return [html.unescape(run) for run in re.split(r"<[^>]*>", text)]
    return text.splitlines()


def offences(pattern: re.Pattern[str], texts: dict[str, str]) -> list[str]:
    return [f"{name}: {run[max(0, m.start() - 12):m.end() + 12]!r}"
            for name, text in texts.items() for run in prose(text, name)
            for m in pattern.finditer(run)]


def documents(paths: list[Path]) -> dict[str, str]:
    return {str(p.relative_to(GOLDEN)): p.read_text(encoding="utf-8") for p in paths}


def reports(example: str) -> dict[str, str]:
    found = {}
    for command in REPORTS:
        result = CliRunner().invoke(app, [*command, f"examples/{example}"])
        assert result.exit_code in (0, 1), result.output
        found[" ".join(command)] = result.output
    return found


def catalog_texts(lang: str) -> list[str]:
    """Every translation in the catalog of ``lang``, each plural form apart."""
    path = ROOT / "src" / "crmplan" / "locale" / lang / "LC_MESSAGES" / "crmplan.po"
    with path.open("rb") as handle:
        return [s for m in read_po(handle, locale=lang) if m.id
                for s in (m.string if isinstance(m.string, tuple) else (m.string,))
                if isinstance(s, str)]


# -- Chinese -----------------------------------------------------------------------------


def test_no_ascii_punctuation_next_to_a_chinese_character_in_a_document() -> None:
    assert offences(ASCII_BY_HAN, documents(CHINESE)) == []


# A date written between Chinese words: 截止2026-05-31, 应于2026-09-20, never 截止 2026-05-31.
SPACED_DATE = re.compile(r"[\u4e00-\u9fff] \{(date|due|as_of|day|when)\}|"
                         r"\{(date|due|as_of|day|when)\} [\u4e00-\u9fff]")


def test_a_chinese_message_puts_no_space_around_a_date() -> None:
    assert [t for t in catalog_texts("zh") if SPACED_DATE.search(t)] == []


def test_no_space_after_full_width_punctuation_in_a_document() -> None:
    assert offences(SPACE_AFTER_FULL_WIDTH, documents(CHINESE)) == []


@pytest.mark.slow
def test_chinese_reports_use_full_width_punctuation_without_spaces() -> None:
    found = reports("b2b-manufacturer-zh")
    assert offences(ASCII_BY_HAN, found) == []
    assert offences(SPACE_AFTER_FULL_WIDTH, found) == []


NESTED = re.compile(r"（[^（）\n]*（[^（）\n]*）[^（）\n]*）|\([^()\n]*\([^()\n]*\)[^()\n]*\)")
REPEATED = re.compile(r"（([^（）\n]+)）（\1）|\(([^()\n]+)\)\(\2\)")


@pytest.mark.parametrize("paths", [CHINESE, KOREAN], ids=["zh", "ko"])
def test_no_bracket_inside_another_or_said_twice(paths: list[Path]) -> None:
    """"林晓岚（首席顾问（客户体验与CRM））" reads as a slip; so does
    "假设（未经调研）（未经调研）"."""
    client = documents([p for p in paths if p.parent.name == "client"])
    assert offences(NESTED, client) == []
    assert offences(REPEATED, client) == []


@pytest.mark.parametrize("paths", [CHINESE, KOREAN], ids=["zh", "ko"])
def test_no_bracket_opens_where_another_closes(paths: list[Path]) -> None:
    """"순추천지수(NPS)(주의)" and "净推荐值（NPS）（有风险）" read as a slip: after a closing
    bracket the detail comes as a remark, "순추천지수(NPS) — 주의"."""
    client = documents([p for p in paths if p.parent.name == "client"])
    assert offences(re.compile(r"\)\(|）（"), client) == []


def test_a_remark_follows_a_name_that_closes_a_bracket() -> None:
    from crmplan import i18n

    with i18n.language("ko"):
        assert "순추천지수(NPS)" + i18n.aside("주의", after="순추천지수(NPS)") == \
            "순추천지수(NPS) — 주의"
        assert "재방문율" + i18n.aside("주의", after="재방문율") == "재방문율(주의)"
    with i18n.language("zh"):
        assert i18n.aside("有风险", after="净推荐值（NPS）") == "——有风险"
    with i18n.language("en"):
        assert i18n.aside("at risk", after="Net promoter score (NPS)") == " (at risk)"


# -- Korean ------------------------------------------------------------------------------


def test_no_korean_document_leaves_a_particle_to_choose() -> None:
    assert offences(OPEN_PARTICLE, documents(KOREAN)) == []


@pytest.mark.slow
def test_no_korean_report_leaves_a_particle_to_choose() -> None:
    assert offences(OPEN_PARTICLE, reports("aesthetic-clinic-ko")) == []


@pytest.mark.parametrize(("word", "sound", "forms"), [
    ("재방문 고객", "consonant", ("재방문 고객이", "재방문 고객을", "재방문 고객은",
                                 "재방문 고객과", "재방문 고객으로")),
    ("휴면 회원", "consonant", ("휴면 회원이", "휴면 회원을", "휴면 회원은", "휴면 회원과",
                               "휴면 회원으로")),
    ("VIP 멤버십", "consonant", ("VIP 멤버십이", "VIP 멤버십을", "VIP 멤버십은",
                                "VIP 멤버십과", "VIP 멤버십으로")),
    ("상담실", "rieul", ("상담실이", "상담실을", "상담실은", "상담실과", "상담실로")),
    ("서울", "rieul", ("서울이", "서울을", "서울은", "서울과", "서울로")),
    ("데스크", "vowel", ("데스크가", "데스크를", "데스크는", "데스크와", "데스크로")),
    ("'VIP'", "vowel", ("'VIP'가", "'VIP'를", "'VIP'는", "'VIP'와", "'VIP'로")),
    ("CRM", "consonant", ("CRM이", "CRM을", "CRM은", "CRM과", "CRM으로")),
    ("URL", "rieul", ("URL이", "URL을", "URL은", "URL과", "URL로")),
    ("2026-07-01", "rieul", ("2026-07-01이", "2026-07-01을", "2026-07-01은",
                             "2026-07-01과", "2026-07-01로")),
    ("3", "consonant", ("3이", "3을", "3은", "3과", "3으로")),
])
def test_the_particle_follows_the_last_sound_of_the_word(
        word: str, sound: str, forms: tuple[str, ...]) -> None:
    """Vowel, consonant and ㄹ endings; after ㄹ, 으로/로 takes 로 (서울로, not 서울으로)."""
    assert ending(word) == sound
    pairs = ("이(가)", "을(를)", "은(는)", "와(과)", "(으)로")
    assert tuple(particle(word, pair) for pair in pairs) == forms


@pytest.mark.parametrize(("word", "sound"), [
    ("returning", "consonant"),  # 리터닝: the team's ranking says "1위는 returning으로"
    ("premium", "consonant"), ("one_time", "consonant"), ("winback", "consonant"),
    ("pilot", "consonant"), ("magic", "consonant"),
    ("email", "rieul"), ("mobile", "rieul"), ("Excel", "rieul"),
    ("test", "vowel"), ("risk", "vowel"), ("repeat", "vowel"), ("dormant", "vowel"),
    ("lapsed", "vowel"), ("store", "vowel"), ("value", "vowel"), ("purchase", "vowel"),
    ("vip", "vowel"), ("nps", "vowel"), ("crm", "consonant"),  # short: read letter by letter
    ("VIP", "vowel"), ("CRM", "consonant"), ("B2B", "vowel"), ("SMS", "vowel"),
])
def test_a_latin_word_takes_the_particle_of_its_loanword(word: str, sound: str) -> None:
    """An id is read as the word it is (리터닝), an abbreviation letter by letter (씨알엠)."""
    assert ending(word) == sound
    assert particle(word, "(으)로") == word + ("으로" if sound == "consonant" else "로")


def test_particles_settle_every_pair_in_a_message() -> None:
    text = "{top}이(가) 1위, {team}(으)로 넘기고 {value}을(를) 확인합니다"
    filled = text.format(top="재방문 고객", team="상담실", value="VIP")
    assert particles(filled) == "재방문 고객이 1위, 상담실로 넘기고 VIP를 확인합니다"


def test_a_korean_message_chooses_its_particle_when_formatted() -> None:
    from crmplan import i18n

    with i18n.language("ko"):
        message = i18n._("Moving any weight by {step}%, up or down, keeps {top} at the top.")
        assert message.format(step=10, top="재방문 고객").endswith(
            "1위는 재방문 고객으로 유지됩니다.")
        assert message.format(step=10, top="데스크").endswith("1위는 데스크로 유지됩니다.")


# -- every language ----------------------------------------------------------------------


@pytest.mark.parametrize("paths", [CHINESE, KOREAN], ids=["zh", "ko"])
def test_no_english_value_in_a_korean_or_chinese_document(paths: list[Path]) -> None:
    """Statuses, answers and periods are named in the reader's language, never ``partly``."""
    assert offences(ENGLISH_VALUE, documents(paths)) == []


def test_folded_chinese_lines_join_without_a_space_and_korean_keeps_its_spaces() -> None:
    assert unfolded("10个触点， 每个触点 都有负责人") == "10个触点，每个触点都有负责人"
    assert unfolded("CRM策略： KPI基线") == "CRM策略：KPI基线"
    assert unfolded("管理 KPI 与 CRM") == "管理 KPI 与 CRM"  # Latin words keep their spaces
    assert unfolded("접점 목록이 없었습니다") == "접점 목록이 없었습니다"


def test_a_folded_plan_value_reads_without_stray_spaces(tmp_path: Path) -> None:
    from crmplan.plan.load import load_bytes

    text = ("schema_version: 1\nclient:\n  name: 恒锐\nengagement:\n  scope: >-\n"
            "    覆盖OEM大客户的CRM战略：\n    KPI基线与目标、\n    客户细分\n")
    loaded = load_bytes(text.encode("utf-8"), "plan.yaml")
    assert loaded.plan.engagement is not None
    assert loaded.plan.engagement.scope == "覆盖OEM大客户的CRM战略：KPI基线与目标、客户细分"


# -- terminology ------------------------------------------------------------------------

# The variants the terminology table replaced (docs/contributing.md, "Terms").
REPLACED = {
    "ko": ("플랜", "경영진 후원자", "임원 스폰서", "TF 멤버", "멤버 ", "부서 횡단", "옹호",
           "조사됨", "기한 지남", "대표적 실패 원인", "고객 여정 맵", "홀드아웃 그룹", "비교 그룹",
           "다시 걸어"),
    "zh": ("回顾", "审阅", "专项小组", "优惠方案", "高管发起人", "项目发起人", "客户旅程图",
           "当前有效的决策", "已做出的决定", "准备度", "机会点", "必要标准", "冠军客户",
           "陈述答复",
           # measure words: a KPI, a goal, an SOP is counted as an item (项), never 个
           "个KPI", "个 KPI", "个SOP", "个 SOP", "个SMART", "个目标中",
           "客户版", "重走"),
}


@pytest.mark.parametrize("lang", sorted(REPLACED))
def test_the_catalog_holds_to_the_terminology(lang: str) -> None:
    texts = catalog_texts(lang)
    assert [(word, t) for t in texts for word in REPLACED[lang] if word in t] == []


def test_the_example_plans_call_readiness_as_the_catalog_does() -> None:
    """A plan's own text beside crmplan's: 数据就绪度 in both, never 数据准备度 in one."""
    plans = sorted((ROOT / "examples").glob("*/plan.yaml"))
    assert plans
    assert [p.parent.name for p in plans if "准备度" in p.read_text(encoding="utf-8")] == []


def test_the_templates_hold_to_the_terminology() -> None:
    words = [w for variants in REPLACED.values() for w in variants]
    found = [(p.name, w) for p in sorted((ROOT / "templates").rglob("*.j2"))
             for w in words if w in p.read_text(encoding="utf-8")]
    assert found == []


# -- register -----------------------------------------------------------------------------
# Korean messages (a finding, its hint, an error, the evidence assess lists under a
# criterion, a SMART goal's failure) are sentences in 합니다체: "…기준선이 없습니다",
# "…적으세요". The 개조식 ending ("…없음", "…확인됨", "…필요함") belongs to labels, table
# cells and statuses only; a message that ends in it reads as a note scribbled beside the
# others.
PLAIN_ENDING = re.compile(r"(음|함|임|됨|봄|짐|큼|냄|줌|둠|씀|옴|남|김|림|움|춤)$")
# A clause (a word with its particle, then the predicate) ending in 개조식: "…개가 개선됨".
PLAIN_CLAUSE = re.compile(r"(이|가|을|를|에서|으로|로|은|는|도|고|어|서|지|게|며|면|에)\s+"
                          r"(\S+\s+){0,3}?\S*(음|함|임|됨|봄|짐|큼|냄|남|움)$")
# Where a message is made: what these take is a message or a hint.
MESSAGE_CALLS = frozenset({"Issue", "finding", "UsageError", "PlanError", "FixHint",
                           "Failure", "Fact", "at", "_fact", "_presence", "_one"})
MAKES_MESSAGE = re.compile(rf"\b({'|'.join(MESSAGE_CALLS)})\(|\b(message|hint)=")


def _callee(node: ast.Call) -> str | None:
    func = node.func
    return func.id if isinstance(func, ast.Name) else \
        func.attr if isinstance(func, ast.Attribute) else None


def _marked(node: ast.AST) -> list[str]:
    return [sub.args[0].value for sub in ast.walk(node)
            if isinstance(sub, ast.Call) and _callee(sub) in ("_", "N_") and sub.args
            and isinstance(sub.args[0], ast.Constant) and isinstance(sub.args[0].value, str)]


def message_ids() -> set[str]:
    """Every msgid the code passes as a finding's message or hint, an error, or evidence."""
    found: set[str] = set()
    for path in (ROOT / "src" / "crmplan").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if not MAKES_MESSAGE.search(source):
            continue
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and _callee(node) in MESSAGE_CALLS:
                found.update(_marked(node))
            elif isinstance(node, ast.keyword) and node.arg in ("message", "hint"):
                found.update(_marked(node.value))
    return found


def last_words(text: str) -> str:
    """The words a Korean sentence ends on: no closing aside "(…)", no full stop, no
    trailing "label: {value}"."""
    text = text.strip()
    while True:
        shorter = re.sub(r"\s*(\([^()]*\)|[.。]|:\s*\S*\{[^{}]*\}\S*)$", "", text)
        if shorter == text:
            return text
        text = shorter


def korean_catalog() -> dict[str, str]:
    path = ROOT / "src" / "crmplan" / "locale" / "ko" / "LC_MESSAGES" / "crmplan.po"
    with path.open("rb") as handle:
        return {m.id: m.string for m in read_po(handle, locale="ko")
                if isinstance(m.id, str) and isinstance(m.string, str) and m.id}


@pytest.mark.slow
def test_korean_messages_are_written_in_the_formal_register() -> None:
    ids = message_ids()
    assert len(ids) > 300  # the walk found the messages
    catalog = korean_catalog()
    plain = {i: catalog[i] for i in sorted(ids & catalog.keys())
             if PLAIN_ENDING.search(last_words(catalog[i]))}
    assert plain == {}


@pytest.mark.parametrize(("text", "ends"), [
    ("KPI 'nps'에 기준선 없음", True), ("KPI 'nps'에 기준선이 없습니다", False),
    ("미래 날짜입니다: {date}", False), ("빠진 열: {columns}", False),
    ("목표치가 기준선보다 나아지지 않음({direction} 좋음)", True),
    ("첫 행에 열 이름을 쓰세요: {columns}", False),
])
def test_the_register_check_reads_the_last_words(text: str, ends: bool) -> None:
    assert bool(PLAIN_ENDING.search(last_words(text))) is ends


def test_korean_documents_write_sentences_in_the_formal_register() -> None:
    """Outside tables, a clause in a Korean deliverable ends in 합니다체; a label's value
    after its colon ("성과: 기록된 성과 없음") may stay a noun phrase."""
    found = [f"{name}: {line!r}" for name, text in documents(KOREAN).items()
             if name.endswith(".md") for line in prose(text, name)
             if not line.lstrip().startswith("|")
             and PLAIN_CLAUSE.search(last_words(re.split(r":\s", line)[-1]))]
    assert found == []


DOUBLED = re.compile(r"([가-힣]{2,}|[\u4e00-\u9fff]{2,})\1")


@pytest.mark.parametrize("lang", ["ko", "zh"])
def test_no_word_is_written_twice_in_a_row(lang: str) -> None:
    """A replacement applied twice leaves "의사의사결정"; a reader stops at it."""
    texts = catalog_texts(lang)
    assert [t for t in texts if DOUBLED.search(t)] == []


# "0-100", "{low}–{high}": a range written with the English hyphen or en dash
ENGLISH_RANGE = re.compile(r"(?<![\w{])(\d+|\{low\}|\{start\})\s*[-–]\s*"
                           r"(\d+|\{high\}|\{end\})(?!\w)")


@pytest.mark.parametrize(("lang", "mark"), [("ko", "~"), ("zh", "至")])
def test_a_range_in_the_catalog_takes_the_language_s_mark(lang: str, mark: str) -> None:
    texts = catalog_texts(lang)
    dates = re.compile(r"\d{4}-\d{2}(-\d{2})?|YYYY-MM(-DD)?")
    assert [t for t in texts if ENGLISH_RANGE.search(dates.sub("", t))] == []
    assert any(mark in t for t in texts)


@pytest.mark.parametrize(("example", "line"), [
    ("aesthetic-clinic-ko", "전 부서 통합 고객 뷰: 미구축"),
    ("b2b-manufacturer-zh", "统一客户视图（各部门共享同一客户档案）：已实现"),
])
def test_the_single_customer_view_reads_built_or_not(example: str, line: str) -> None:
    """Whether every department sees one record per customer is a state, not an answer:
    "미구축", not "아니요"."""
    text = (GOLDEN / example / "client" / "strategy.md").read_text(encoding="utf-8")
    assert line in text.splitlines()


# A particle written in one form after a placeholder: "'{driver}'가" reads "'pg'가" but
# "'mysql'가" too; the catalog writes both forms, "'{driver}'이(가)", for the value to choose.
FIXED_PARTICLE = re.compile(r"\}'?(은|는|이|가|을|를|와|과|으로|로)(?=[\s,.:;)]|$)")


def test_a_korean_particle_after_a_placeholder_is_left_to_the_value() -> None:
    catalog = korean_catalog()
    assert {i: t for i, t in catalog.items() if FIXED_PARTICLE.search(t)} == {}
