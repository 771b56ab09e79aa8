"""tools/mutation.py, the mutation driver, and tools/table_mutants.py, its mutator of
top-level tables: the mutants of a tiny module, the equivalent-mutant comments, the score
and the line printed. No mutmut run here: that is the tool's own job, run by hand."""

from __future__ import annotations

import ast
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import mutation  # noqa: E402
import table_mutants  # noqa: E402

TINY = '''\
"""A tiny rule table."""

LIMIT = 3
RATIO = 0.5
STRICT = False
WORDS = ("vip", "premium")
POINTS = {"high": 2, "low": 1}
RULES = (
    Rule("a", N_("first"), Status.YES),
    Rule("b", N_("second"), Status.NO),
)
PAIRS = (("x", "one"), ("y", "two"))
LABELS = (N_("only"),)
OPEN = [s for s in STATES if s not in CLOSED]


class Need:
    status: Status = Status.YES


def untouched(value):
    return value > LIMIT
'''


def descriptions() -> dict[str, str]:
    return {m.name: m.description for m in table_mutants.mutants(TINY)}


def test_every_kind_of_mutant_of_a_tiny_module() -> None:
    assert descriptions() == {
        "LIMIT__ast_1": "LIMIT: 3 -> 4",
        "LIMIT__ast_2": "LIMIT: 3 -> 2",
        "RATIO__ast_1": "RATIO: 0.5 -> 0.51",
        "RATIO__ast_2": "RATIO: 0.5 -> 0.49",
        "STRICT__ast_1": "STRICT: False -> True",
        "WORDS__ast_1": 'WORDS: drop "vip"',
        "WORDS__ast_2": 'WORDS: drop "premium"',
        "POINTS__ast_1": 'POINTS: drop "high": 2',
        "POINTS__ast_2": "POINTS: 2 -> 3",
        "POINTS__ast_3": "POINTS: 2 -> 1",
        "POINTS__ast_4": 'POINTS: drop "low": 1',
        "POINTS__ast_5": "POINTS: 1 -> 2",
        "POINTS__ast_6": "POINTS: 1 -> 0",
        "RULES__ast_1": 'RULES: drop Rule("a", N_("first"), Status.YES)',
        "RULES__ast_2": 'RULES: "a" -> "b"',
        "RULES__ast_3": 'RULES: "first" -> "second"',
        "RULES__ast_4": "RULES: Status.YES -> Status.NO",
        "RULES__ast_5": 'RULES: drop Rule("b", N_("second"), Status.NO)',
        "RULES__ast_6": 'RULES: "b" -> "a"',
        "RULES__ast_7": 'RULES: "second" -> "first"',
        "RULES__ast_8": "RULES: Status.NO -> Status.YES",
        "PAIRS__ast_1": 'PAIRS: drop ("x", "one")',
        "PAIRS__ast_2": 'PAIRS: "x" -> "y"',
        "PAIRS__ast_3": 'PAIRS: "one" -> "two"',
        "PAIRS__ast_4": 'PAIRS: drop ("y", "two")',
        "PAIRS__ast_5": 'PAIRS: "y" -> "x"',
        "PAIRS__ast_6": 'PAIRS: "two" -> "one"',
        "LABELS__ast_1": 'LABELS: drop N_("only")',
        "OPEN__ast_1": "OPEN: not in -> in",
    }


def test_a_function_body_is_left_to_mutmut() -> None:
    function = TINY.splitlines().index("def untouched(value):") + 1
    assert all(m.line < function for m in table_mutants.mutants(TINY))


def test_a_class_field_default_is_a_table_of_its_own_once_it_has_two_values() -> None:
    source = "class Need:\n    status: Status = Status.YES\n    strict: bool = False\n"
    assert [m.description for m in table_mutants.mutants(source)] == ["Need.strict: False -> True"]


def test_a_mutant_is_the_module_with_one_small_edit() -> None:
    mutant = next(m for m in table_mutants.mutants(TINY) if m.name == "RULES__ast_4")
    assert mutant.line == 9
    assert mutant.source == TINY.replace('N_("first"), Status.YES', 'N_("first"), Status.NO')
    assert mutant.diff(TINY, "src/crmplan/tiny.py").splitlines() == [
        "--- src/crmplan/tiny.py",
        "+++ src/crmplan/tiny.py",
        "@@ -8,3 +8,3 @@",
        " RULES = (",
        '-    Rule("a", N_("first"), Status.YES),',
        '+    Rule("a", N_("first"), Status.NO),',
        '     Rule("b", N_("second"), Status.NO),',
    ]


def test_dropping_the_last_and_the_only_entry_still_parses() -> None:
    by_name = {m.name: m.source for m in table_mutants.mutants(TINY)}
    assert 'WORDS = ("vip",)' in by_name["WORDS__ast_2"]
    assert "LABELS = ()" in by_name["LABELS__ast_1"]
    for source in by_name.values():
        ast.parse(source)


def test_the_names_a_comprehension_binds_are_not_mutated() -> None:
    assert descriptions_of("ORDER = {rule: n for n, rule in enumerate(RULES) if n < 3}\n") == {
        "ORDER__ast_1": "ORDER: < -> <=",
        "ORDER__ast_2": "ORDER: 3 -> 4",
        "ORDER__ast_3": "ORDER: 3 -> 2",
    }


def test_a_mutant_that_changes_nothing_is_left_out_and_its_number_not_reused() -> None:
    # "x" and 'x' are two spellings of one value: swapping them changes nothing
    assert descriptions_of("R = (f(\"x\"), f('x'))\n") == {
        "R__ast_1": 'R: drop f("x")',
        "R__ast_3": "R: drop f('x')",
    }


def descriptions_of(source: str) -> dict[str, str]:
    return {m.name: m.description for m in table_mutants.mutants(source)}


def test_korean_text_is_addressed_by_its_bytes() -> None:
    source = 'WORDS = ("프리미엄", "贵宾")\nLIMIT = 1\n'
    by_name = {m.name: m.source for m in table_mutants.mutants(source)}
    assert by_name["WORDS__ast_1"] == 'WORDS = ("贵宾")\nLIMIT = 1\n'
    assert by_name["LIMIT__ast_1"] == 'WORDS = ("프리미엄", "贵宾")\nLIMIT = 2\n'


def test_names_are_numbered_within_their_table_so_other_tables_do_not_shift_them() -> None:
    before = {m.name: m.description for m in table_mutants.mutants(TINY)}
    after = {
        m.name: m.description
        for m in table_mutants.mutants(TINY.replace("LIMIT = 3\n", "LIMIT = 3\nNEW = 9\n"))
    }
    assert {k: v for k, v in after.items() if not k.startswith("NEW")} == before


def test_the_mutants_of_a_module_are_the_same_on_every_run() -> None:
    first = [(m.name, m.source) for m in table_mutants.mutants(TINY)]
    assert first == [(m.name, m.source) for m in table_mutants.mutants(TINY)]
    assert len({name for name, _ in first}) == len(first)


# -- equivalent mutants ---------------------------------------------------------------------


def test_an_equivalent_mutant_is_read_with_its_reason() -> None:
    text = (
        "x = 1\n"
        "    # equivalent mutant: kpi/progress.py x_status__mutmut_7 — the clamp makes "
        "both sides 0\n"
        "# equivalent mutant: assess/rules.py STAGES__ast_3 -- the label is not shown\n"
    )
    found, malformed = mutation.parse_equivalents(text, "tests/test_x.py")
    assert malformed == []
    assert found == [
        mutation.Equivalent(
            "kpi/progress.py",
            "x_status__mutmut_7",
            "the clamp makes both sides 0",
            "tests/test_x.py:2",
        ),
        mutation.Equivalent(
            "assess/rules.py", "STAGES__ast_3", "the label is not shown", "tests/test_x.py:3"
        ),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "# equivalent mutant: kpi/progress.py x_status__mutmut_7",  # no reason
        "# equivalent mutant: kpi/progress.py x_status__mutmut_7 —",  # an empty reason
        "# equivalent mutant: x_status__mutmut_7 — no module named",
        "# equivalent mutant: kpi/progress.py x_status__mutmut_7: a colon is not the dash",
    ],
)
def test_a_malformed_equivalent_comment_is_reported_where_it_is(line: str) -> None:
    found, malformed = mutation.parse_equivalents(f"\n{line}\n", "tests/test_x.py")
    assert found == []
    assert malformed == [f"tests/test_x.py:2: {line}"]


def test_the_repository_lists_no_malformed_equivalent() -> None:
    assert mutation.equivalents_in(ROOT)[1] == []


# -- the score and the line ---------------------------------------------------------------


def outcome(killed: int, survived: int, module: str = "assess/rules.py") -> mutation.Outcome:
    status = {f"k{n}": "killed" for n in range(killed)}
    status.update({f"s{n}": "survived" for n in range(survived)})
    return mutation.Outcome(module, status)


def listed(*names: str, module: str = "assess/rules.py") -> list[mutation.Equivalent]:
    return [mutation.Equivalent(module, name, "reason", "tests/test_x.py:1") for name in names]


def test_the_score_leaves_out_the_survivors_listed_as_equivalent() -> None:
    counts = mutation.tally(outcome(95, 6), listed("s0", "s1"))
    assert (counts.mutants, counts.killed, counts.survived, counts.equivalent) == (101, 95, 4, 2)
    assert counts.score == pytest.approx(100 * 95 / 99)
    assert counts.line() == "assess/rules.py 101 95 4 96.0% (2 equivalent)"
    assert counts.passes


def test_a_killed_or_unknown_mutant_listed_as_equivalent_changes_nothing() -> None:
    plain = mutation.tally(outcome(94, 6), [])
    assert mutation.tally(outcome(94, 6), listed("k0", "gone")) == plain
    assert mutation.tally(outcome(94, 6), listed("s0", module="kpi/progress.py")) == plain
    assert plain.line() == "assess/rules.py 100 94 6 94.0% under 95%"
    assert not plain.passes


def test_the_threshold_is_95_percent_inclusive() -> None:
    assert mutation.tally(outcome(95, 5), []).passes
    assert not mutation.tally(outcome(189, 11), []).passes  # 94.5%


def test_a_module_without_mutants_has_no_score_and_passes() -> None:
    counts = mutation.tally(outcome(0, 0), [])
    assert counts.score is None
    assert counts.line() == "assess/rules.py 0 0 0 n/a"
    assert counts.passes


def test_the_report_prints_a_line_per_module_and_fails_under_the_threshold(
    capsys: pytest.CaptureFixture[str],
) -> None:
    outcomes = [outcome(99, 1), outcome(90, 10, module="kpi/progress.py")]
    assert mutation.report(outcomes, [], show=False) == 1
    assert capsys.readouterr().out.splitlines() == [
        "assess/rules.py 100 99 1 99.0%",
        "kpi/progress.py 100 90 10 90.0% under 95%",
    ]
    assert mutation.report(outcomes[:1], [], show=False) == 0


def test_a_module_whose_tests_fail_unmutated_is_reported_not_counted(
    capsys: pytest.CaptureFixture[str],
) -> None:
    broken = mutation.Outcome("journey/rules.py", error="tests fail unmutated (pytest exit 1)")
    assert mutation.report([outcome(100, 0), broken], [], show=False) == 1
    assert capsys.readouterr().out.splitlines() == [
        "assess/rules.py 100 100 0 100.0%",
        "journey/rules.py not measured: tests fail unmutated (pytest exit 1)",
    ]


def test_show_survivors_prints_each_unlisted_survivor_as_its_diff(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = outcome(98, 2)
    result.diffs = {"s0": "-A = 1\n+A = 2", "s1": "-B = 1\n+B = 2"}
    mutation.report([result], listed("s1"), show=True)
    out = capsys.readouterr().out
    assert "## assess/rules.py s0\n-A = 1\n+A = 2" in out
    assert "s1" not in out


def test_a_stale_equivalent_comment_is_pointed_out_and_fails_the_run(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The list of equivalents stays true: a comment whose mutant is killed or gone is named
    after the table, and the run exits 1 though the score passes."""
    assert mutation.report([outcome(100, 0)], listed("k0", "gone"), show=False) == 1
    assert capsys.readouterr().out.splitlines() == [
        "assess/rules.py 100 100 0 100.0%",
        "tests/test_x.py:1: equivalent mutant assess/rules.py k0 is killed: drop the comment",
        "tests/test_x.py:1: equivalent mutant assess/rules.py gone no longer exists: drop "
        "the comment",
    ]


def test_a_comment_for_no_decision_module_or_listed_twice_is_refused(tmp_path: Path) -> None:
    """A mistyped module (kpi/value.py) would list nothing, and two comments for one mutant
    would give it two reasons: both are named with their lines."""
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "test_a.py").write_text(
        "# equivalent mutant: kpi/value.py x_pace_text__mutmut_1 — typo\n"
        "# equivalent mutant: kpi/values.py x_pace_text__mutmut_2 — one\n", "utf-8")
    (tests / "test_b.py").write_text(
        "# equivalent mutant: kpi/values.py x_pace_text__mutmut_2 — two\n", "utf-8")
    found, refused = mutation.equivalents_in(tmp_path)
    assert len(found) == 3
    assert refused == [
        "tests/test_a.py:1: kpi/value.py is not a module of MODULES",
        "tests/test_b.py:1: kpi/values.py x_pace_text__mutmut_2 is listed already, at "
        "tests/test_a.py:2",
    ]


def test_a_module_may_be_named_by_its_path(capsys: pytest.CaptureFixture[str]) -> None:
    assert mutation.main(["src/crmplan/assess/nothing.py"]) == 2
    assert capsys.readouterr().err.startswith("unknown module: assess/nothing.py; one of: ")


# -- the table of modules and the command line ---------------------------------------------


def test_every_decision_module_is_in_the_table_with_test_files_that_exist() -> None:
    for module, tests in mutation.MODULES.items():
        assert (ROOT / "src/crmplan" / module).is_file(), module
        assert tests, module
        for test in tests:
            assert (ROOT / test).is_file(), (module, test)


def test_the_mutmut_configuration_mutates_one_module_with_its_tests(tmp_path: Path) -> None:
    for name in ("src", "tests", "templates", "examples", "README.md"):
        (tmp_path / name).mkdir() if "." not in name else (tmp_path / name).touch()
    assert mutation.mutmut_config(
        "kpi/progress.py", ("tests/test_kpi_progress.py",), tmp_path
    ).splitlines() == [
        "[tool.mutmut]",
        'source_paths = ["src"]',
        'only_mutate = ["src/crmplan/kpi/progress.py"]',
        'pytest_add_cli_args_test_selection = ["tests/test_kpi_progress.py"]',
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-m", "not slow"]',
        'also_copy = ["README.md", "examples", "templates"]',
    ]


def test_without_mutmut_the_run_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = mutation.importlib.util.find_spec
    monkeypatch.setattr(
        mutation.importlib.util, "find_spec", lambda name: None if name == "mutmut" else real(name)
    )
    assert mutation.main(["kpi/values.py"]) == 2
    assert "pip install '.[test]'" in capsys.readouterr().err


def test_an_unknown_module_is_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert mutation.main(["assess/nothing.py"]) == 2
    assert capsys.readouterr().err.startswith("unknown module: assess/nothing.py; one of: ")


def test_more_than_two_workers_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        mutation.main(["--workers", "3"])
    assert exit_.value.code == 2
    assert "invalid choice: 3" in capsys.readouterr().err


def test_a_function_is_found_and_a_table_module_has_none() -> None:
    assert mutation.has_functions("X = 1\n\ndef f():\n    pass\n")
    assert mutation.has_functions("class A:\n    async def f(self):\n        pass\n")
    assert not mutation.has_functions('X = 1\nDOC = """\ndef f(): not code\n"""\n')


def test_ctrl_c_stops_a_test_runner_without_a_traceback() -> None:
    """Ctrl-C in a terminal reaches the driver and its runners alike: each ends with 130
    and says nothing, the driver says the rest."""
    runner = subprocess.Popen(
        [sys.executable, str(ROOT / "tools" / "mutation_runner.py"), "tests/test_x.py"],
        stdin=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
    )
    time.sleep(0.5)  # past its imports or within them: either way it is interrupted
    runner.send_signal(signal.SIGINT)
    _, errors = runner.communicate(timeout=60)
    assert (runner.returncode, errors) == (130, b"")
