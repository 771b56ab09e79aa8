"""A consultant's templates: override one template or one block; hostile ones fail cleanly.

reliability.md case 40: ``{{ ''.__class__ }}`` and ``'a' * 10**9`` end in a
clean error within the limits, never a traceback or a gigabyte; case 41: a
template, or a file it includes, that is a link out of the folder is refused
unread. A template that includes itself or a macro that calls itself is a
template error with its file and line, not an internal error.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from crmplan.cli import app
from crmplan.errors import UsageError
from crmplan.render.sandbox import Limits
from render_helpers import ROOT, loaded_example, render_loaded

EXAMPLE = "online-retailer-en"
SECRET = "not for the deliverable"
OPENED: list[str] = []  # every file opened while a test records them


def _record_opens(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and OPENED and isinstance(args[0], (str, Path)):
        OPENED.append(str(args[0]))


sys.addaudithook(_record_opens)


def templates(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "brand"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def render_with(folder: Path, formats: tuple[str, ...] = ("html",),
                limits: Limits | None = None) -> dict[str, str]:
    files = render_loaded(loaded_example(EXAMPLE), formats, folder, limits)
    return {name: data.decode("utf-8") for name, data in files.items()}


@pytest.mark.slow
def test_one_block_is_replaced_and_the_rest_stays(tmp_path: Path) -> None:
    folder = templates(tmp_path, {"strategy.html.j2": (
        '{% extends "builtin/strategy.html.j2" %}'
        "{% block step_7 %}<p>Our own software page for {{ client.name }}</p>{% endblock %}")})
    own = render_with(folder)["strategy.html"]
    builtin = render_loaded(loaded_example(EXAMPLE), ("html",))["strategy.html"].decode()
    assert "<p>Our own software page for Northwind Outdoor Supply</p>" in own
    assert "Weighted comparison" in builtin and "Weighted comparison" not in own
    assert own.count('<section class="part"') == builtin.count('<section class="part"') == 13


def test_a_shared_block_brands_every_document(tmp_path: Path) -> None:
    folder = templates(tmp_path, {"style.css.j2": (
        '{% extends "builtin/style.css.j2" %}'
        "{% block brand %}:root { --accent: #7b1fa2; }{% endblock %}")})
    for name, html in render_with(folder).items():
        assert ":root { --accent: #7b1fa2; }" in html, name
        assert "--ink: #1f2933" not in html, name


def test_one_whole_template_is_replaced(tmp_path: Path) -> None:
    folder = templates(tmp_path, {"review.md.j2": "# {{ client.name }} review\n"})
    files = render_with(folder, ("md",))
    assert files["review.md"] == "# Northwind Outdoor Supply review\n"
    assert files["strategy.md"].startswith("# The CRM strategy of")


@pytest.mark.parametrize(("source", "reason"), [
    ("{{ ''.__class__ }}", "unsafe"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "unsafe"),
    ("{{ cycler.__init__.__globals__ }}", "unsafe"),
    ("{{ 'a' * 10**9 }}", "too large"),
    ("{{ 'a' * 1000000 * 1000 }}", "too large"),
    ("{{ 2 ** 1000000 }}", "too large"),
    ("{{ (10 ** 1000) ** 1000 }}", "too large"),
    ("{{ 'x' | center(10**9) }}", "too large"),
    ("{{ 'x'.ljust(10**9) }}", "too large"),
    ("{{ '{:>999999999}'.format(1) }}", "too large"),
    ("{{ '%999999999d' % 1 }}", "too large"),
    ("{{ ('a' * 100000) | replace('a', 'a' * 1000) }}", "too large"),
    ("{{ steps.append(1) }}", "no attribute 'append'"),  # the context's lists are tuples
    ("{{ [1].append(2) }}", "unsafe"),
    ("{{ no_such_name }}", "undefined"),
    ("{% for x in %}", "expected an expression"),
    ("{% include 'nowhere.j2' %}", "not found"),
    ("{{ 1 / 0 }}", "division"),
    ("{% include 'strategy.html.j2' %}", "nested too deeply"),
    ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}", "nested too deeply"),
    ("{% macro f() %}{% set x = f() %}{% endmacro %}{{ f() }}", "nested too deeply"),
    ("{% if 1 %}" * 3000 + "{% endif %}" * 3000, "nested too deeply"),
    ("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}", "nested too deeply"),
])
def test_a_hostile_or_broken_template_is_a_clean_usage_error(
        tmp_path: Path, source: str, reason: str) -> None:
    folder = templates(tmp_path, {"strategy.html.j2": "line one\n" + source})
    started = time.monotonic()
    with pytest.raises(UsageError) as caught:
        render_with(folder)
    assert time.monotonic() - started < 5
    message = caught.value.message
    assert "strategy.html.j2" in message
    assert reason in message.lower()


def test_the_error_names_the_line(tmp_path: Path) -> None:
    folder = templates(tmp_path, {"strategy.html.j2": "one\ntwo\n{{ ''.__class__ }}\n"})
    with pytest.raises(UsageError) as caught:
        render_with(folder)
    assert "strategy.html.j2:3" in caught.value.message


@pytest.mark.parametrize("source", [
    "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
    "{% for a in 'x' * 100000 %}{% for b in 'x' * 100000 %}{{ '' }}{% endfor %}{% endfor %}",
])
@pytest.mark.slow
def test_a_template_that_runs_forever_is_stopped(tmp_path: Path, source: str) -> None:
    folder = templates(tmp_path, {"strategy.html.j2": source})
    started = time.monotonic()
    with pytest.raises(UsageError) as caught:
        render_with(folder, limits=Limits(seconds=1.0))
    assert time.monotonic() - started < 6
    assert "time limit" in caught.value.message


def test_output_is_limited(tmp_path: Path) -> None:
    folder = templates(tmp_path, {"strategy.html.j2": (
        "{% for a in range(5000) %}{{ 'x' * 1000 }}{% endfor %}")})
    with pytest.raises(UsageError) as caught:
        render_with(folder, limits=Limits(output_chars=1_000_000))
    assert "grew past" in caught.value.message


@pytest.mark.parametrize(("files", "lines"), [
    ({"strategy.md.j2": "one\n{% include 'strategy.md.j2' %}\n"}, ["strategy.md.j2:2"]),
    ({"strategy.md.j2": "{% include 'a.j2' %}", "a.j2": "{% include 'b.j2' %}",
      "b.j2": "x\n{% include 'a.j2' %}"}, ["a.j2:1", "b.j2:2"]),  # where the stack ran out
    # the macro's own lines: its head or its call to itself, wherever the stack ran out
    ({"strategy.md.j2": "one\n{% macro f() %}\n{{ f() }}\n{% endmacro %}\n{{ f() }}"},
     ["strategy.md.j2:2", "strategy.md.j2:3"]),
])
def test_endless_recursion_is_a_template_error_at_its_line(
        tmp_path: Path, runner: Any, files: dict[str, str], lines: list[str]) -> None:
    folder = templates(tmp_path, files)
    plan = ROOT / "examples" / EXAMPLE
    result = runner.invoke(app, ["render", str(plan), "--out", str(tmp_path / "out"),
                                 "--format", "md", "--templates", str(folder)])
    assert result.exit_code == 2, result.output
    message = " ".join(result.output.split())
    assert any(f"brand/{line}: the template cannot be rendered" in message for line in lines)
    assert "nested too deeply" in result.output and "internal error" not in result.output


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file next to the template folder, that no template may copy."""
    secret = tmp_path / "elsewhere" / "notes.txt"
    secret.parent.mkdir()
    secret.write_text(SECRET, encoding="utf-8")
    return secret


def refused(folder: Path, outside: Path) -> str:
    """The message of a render refused for a link out of ``folder``; nothing read."""
    OPENED[:] = ["recording"]
    try:
        with pytest.raises(UsageError) as caught:
            render_with(folder, ("md",))
    finally:
        opened, OPENED[:] = OPENED[1:], []
    assert not [p for p in opened if Path(p).resolve() == outside.resolve()]
    message = " ".join(caught.value.message.split())
    assert SECRET not in message and str(outside.resolve()) in message
    assert "outside the template folder" in message and "not read" in message
    return message


def test_a_template_linked_out_of_the_folder_is_refused_unread(
        tmp_path: Path, outside: Path) -> None:
    folder = templates(tmp_path, {})
    (folder / "strategy.md.j2").symlink_to(outside)
    message = refused(folder, outside)
    assert message.startswith(f"{folder / 'strategy.md.j2'}: ")
    assert "'strategy.md.j2'" in message


def test_an_included_template_linked_out_of_the_folder_is_refused_unread(
        tmp_path: Path, outside: Path) -> None:
    folder = templates(tmp_path, {"strategy.md.j2": "one\n{% include 'notes.j2' %}\n"})
    (folder / "notes.j2").symlink_to(Path("..") / "elsewhere" / "notes.txt")
    message = refused(folder, outside)
    assert message.startswith(f"{folder / 'strategy.md.j2'}:2: ")
    assert "'notes.j2'" in message


@pytest.mark.parametrize("statement", ["{% include 'parts/notes.txt' %}",
                                       "{% import 'parts/notes.txt' as n %}",
                                       "{% extends 'parts/notes.txt' %}"])
def test_a_linked_subfolder_leading_out_is_refused_unread(
        tmp_path: Path, outside: Path, statement: str) -> None:
    folder = templates(tmp_path, {"review.md.j2": statement})
    (folder / "parts").symlink_to(outside.parent, target_is_directory=True)
    assert "'parts/notes.txt'" in refused(folder, outside)


def test_a_dangling_link_out_of_the_folder_is_refused(tmp_path: Path, outside: Path) -> None:
    folder = templates(tmp_path, {})
    (folder / "strategy.md.j2").symlink_to(outside.parent / "gone.txt")
    with pytest.raises(UsageError) as caught:
        render_with(folder, ("md",))
    assert "gone.txt" in caught.value.message


def test_links_inside_the_folder_and_a_linked_folder_are_used(tmp_path: Path) -> None:
    folder = templates(tmp_path, {"own.j2": "# {{ client.name }} review\n"})
    (folder / "parts").mkdir()
    (folder / "parts" / "review.j2").symlink_to(Path("..") / "own.j2")
    (folder / "review.md.j2").write_text("{% include 'parts/review.j2' %}", encoding="utf-8")
    link = tmp_path / "brand-link"
    link.symlink_to(folder, target_is_directory=True)
    files = render_with(link, ("md",))
    assert files["review.md"] == "# Northwind Outdoor Supply review\n"


def test_a_template_link_out_exits_2_and_writes_nothing(
        tmp_path: Path, outside: Path, runner: Any) -> None:
    folder = templates(tmp_path, {})
    (folder / "strategy.md.j2").symlink_to(outside)
    result = runner.invoke(app, ["render", str(ROOT / "examples" / EXAMPLE), "--out",
                                 str(tmp_path / "out"), "--templates", str(folder)])
    assert result.exit_code == 2, result.output
    assert "copy the file into" in result.output and SECRET not in result.output
    assert not (tmp_path / "out").exists()


def render_cli(runner: Any, tmp_path: Path, folder: Path) -> Any:
    return runner.invoke(app, ["render", str(ROOT / "examples" / EXAMPLE), "--out",
                               str(tmp_path / "out"), "--format", "md",
                               "--templates", str(folder)])


@pytest.mark.parametrize(("links", "files", "named"), [
    ({"strategy.md.j2": "strategy.md.j2"}, {}, "brand/strategy.md.j2: "),
    ({"a.j2": "b.j2", "b.j2": "a.j2"}, {"strategy.md.j2": "one\n{% include 'a.j2' %}\n"},
     "brand/strategy.md.j2:2: "),
])
def test_a_loop_of_template_links_is_refused_naming_the_template(
        tmp_path: Path, runner: Any, links: dict[str, str], files: dict[str, str],
        named: str) -> None:
    folder = templates(tmp_path, files)
    for name, target in links.items():
        (folder / name).symlink_to(target)
    result = render_cli(runner, tmp_path, folder)
    assert result.exit_code == 2, result.output
    message = " ".join(result.output.split())
    assert named in message and "loop of symbolic links" in message
    assert "internal error" not in message and not (tmp_path / "out").exists()


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _dangling(path: Path) -> None:
    path.symlink_to("gone.j2")  # inside the folder, to nothing


def _folder(path: Path) -> None:
    path.mkdir()


@pytest.mark.parametrize(("make", "reason"), [
    (_dangling, "a symbolic link to nothing"),
    (_fifo, "not a regular file"),
    (_folder, "not a regular file"),
])
def test_a_template_name_that_is_no_file_is_refused_not_skipped(
        tmp_path: Path, runner: Any, make: Callable[[Path], None], reason: str) -> None:
    """The built-in template must not stand in silently for the user's own."""
    folder = templates(tmp_path, {})
    make(folder / "strategy.md.j2")
    started = time.monotonic()
    result = render_cli(runner, tmp_path, folder)
    assert time.monotonic() - started < 5  # a FIFO is never opened for reading
    assert result.exit_code == 2, result.output
    message = " ".join(result.output.split())
    assert "brand/strategy.md.j2: " in message and reason in message
    assert not (tmp_path / "out").exists()


def test_a_huge_template_is_refused_unread(tmp_path: Path, runner: Any) -> None:
    folder = templates(tmp_path, {})
    with (folder / "strategy.md.j2").open("wb") as huge:  # 64 MiB, sparse: no disk used
        huge.truncate(64 * 1024 * 1024)
    started = time.monotonic()
    result = render_cli(runner, tmp_path, folder)
    assert time.monotonic() - started < 5
    assert result.exit_code == 2, result.output
    message = " ".join(result.output.split())
    assert "brand/strategy.md.j2: " in message
    assert "67,108,864 bytes" in message and "at most 1,048,576 bytes" in message


def test_a_template_that_is_not_utf8_is_refused_at_its_line(
        tmp_path: Path, runner: Any) -> None:
    folder = templates(tmp_path, {})
    (folder / "strategy.md.j2").write_bytes(b"one\nt\xe9l\xe9phone\n")
    result = render_cli(runner, tmp_path, folder)
    assert result.exit_code == 2, result.output
    assert "not UTF-8 text (byte 0xE9 on line 2)" in " ".join(result.output.split())


SMALL = Limits(max_value=10_000, built_chars=500_000)  # a breach unrefused costs little
BIG = "{% set b = 'y' * 9999 %}"  # a value just under the small limit
PEAK = 2_000_000  # bytes: what a refused operation may take at most, compiling included
SOME = "{% set b = 'y' * 9000 %}"  # 100 of them pass the small total
MANY = "[" + ", ".join(f"b ~ {n}" for n in range(100)) + "]"


def sandboxed(tmp_path: Path, files: dict[str, str], limits: Limits = SMALL
              ) -> tuple[str | UsageError, int]:
    """``strategy.md.j2`` of ``files`` rendered alone, with no context: its text or its
    error, and the most memory the render took."""
    from crmplan.render.environment import environment, render

    folder = templates(tmp_path, files)
    env = environment("md", "en", folder, limits)
    with contextlib.suppress(UsageError):  # what is loaded once per process is not counted
        render(environment("md", "en", folder, limits), "strategy.md.j2", {}, folder)
    gc.collect()  # the collector's counts start from zero: the peak is the render's own
    tracemalloc.start()
    try:
        result: str | UsageError = render(env, "strategy.md.j2", {}, folder)
    except UsageError as exc:
        result = exc
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return result, peak


@pytest.mark.parametrize("source", [
    # ~ joins without a check: nine doublings of a value just under the limit
    BIG + "{% set b = b ~ b %}" * 9 + "{{ b | length }}",
    BIG + "{{ ((b,) * 999) ~ '' }}",
    # a filter that puts an argument at every line, word or field
    BIG + "{{ ('x ' * 4999) | wordwrap(1, wrapstring=b) }}",
    BIG + "{{ ('x\n' * 4999) | indent(b) }}",
    BIG + "{{ ('x\n' * 4999) | indent(9999, true, true) }}",
    BIG + "{{ ('a.example ' * 999) | urlize(target=b) }}",
    BIG + "{{ ('%s' * 999) | format(*((b,) * 999)) }}",
    BIG + "{{ ('x' * 999) | replace('x', b) }}",
    "{{ (range(999) | map('string') | join('y' * 9999)) | length }}",
    "{{ ([1] * 999) | tojson(9999) }}",
    "{{ (([1] * 9999,) * 99) | sum(start=[]) | length }}",
    # and a string method, operator or global that does
    BIG + "{{ ('%s' * 999) % ((b,) * 999) }}",
    BIG + "{{ ('%(b)s' * 999) % {'b': b} }}",
    BIG + "{{ ('{0}' * 999).format(b) }}",
    "{{ ('{0:{1}}' * 999).format('', 9999) }}",
    BIG + "{{ _('%(b)s' * 999, b=b) }}",
    "{{ ('\t' * 999).expandtabs(9999) }}",
    BIG + "{{ ('x' * 999).translate({120: b}) }}",
    BIG + "{{ ''.join((b,) * 999) }}",
    "{{ lipsum(999, min=999, max=999) | length }}",
    "{{ ('x'.encode() * 9999999) | length }}",
    # a list or tuple turned into text prints every string it holds
    BIG + "{{ (b,) * 999 }}",
    BIG + "{{ ((b,) * 999) | string | length }}",
    BIG + "{{ ((b,) * 999) | pprint | length }}",
    BIG + "{{ ((b,) * 999) | tojson | length }}",
    BIG + "{{ [(b,) * 999] | join | length }}",
    # the output of a block, a macro or an imported template grows without a check
    BIG + "{% set x %}{% for i in range(999) %}{{ b }}{% endfor %}{% endset %}{{ x | length }}",
    BIG + "{% macro m() %}{% for i in range(999) %}{{ b }}{% endfor %}{% endmacro %}{{ m() }}",
    BIG + "{% filter length %}{% for i in range(999) %}{{ b }}{% endfor %}{% endfilter %}",
    "{% set x %}{% for i in range(999) %}" + "z" * 9999 + "{% endfor %}{% endset %}{{ x }}",
    # what the template keeps adds up
    SOME + "{% set l = " + MANY + " %}{{ l | length }}",
    SOME + "{% set ns = namespace(l=[]) %}{% for i in range(200) %}"
          "{% set ns.l = ns.l + [b[i:]] %}{% endfor %}{{ ns.l | length }}",
])
def test_an_operation_that_would_build_a_value_too_large_is_refused_before_it_runs(
        tmp_path: Path, source: str) -> None:
    result, peak = sandboxed(tmp_path, {"strategy.md.j2": source})
    assert isinstance(result, UsageError), f"rendered {len(result):,} characters"
    assert any(reason in result.message for reason in (
        "too large", "grew past", "add up to more")), result.message
    assert peak < PEAK, f"{peak:,} bytes"


@pytest.mark.parametrize("files", [
    {"base.j2": "{% block x %}{% for i in range(999) %}{{ 'y' * 9999 }}{% endfor %}"
                "{% endblock %}",
     "strategy.md.j2": "{% extends 'base.j2' %}{% block x %}{{ super() | length }}"
                       "{% endblock %}"},
    {"big.j2": "{% for i in range(999) %}{{ 'y' * 9999 }}{% endfor %}",
     "strategy.md.j2": "{% import 'big.j2' as m %}{{ m | string | length }}"},
    {"strategy.md.j2": "{% macro m() %}{{ caller() | length }}{% endmacro %}"
                       "{% call m() %}{% for i in range(999) %}{{ 'y' * 9999 }}{% endfor %}"
                       "{% endcall %}"},
])
def test_the_output_of_a_block_or_an_import_is_refused_as_it_grows(
        tmp_path: Path, files: dict[str, str]) -> None:
    result, peak = sandboxed(tmp_path, files)
    assert isinstance(result, UsageError), f"rendered {len(result):,} characters"
    assert "grew past" in result.message, result.message
    assert peak < PEAK, f"{peak:,} bytes"


@pytest.mark.parametrize("source", [
    "{% set a = 2 ** 2000 %}{{ a * a * a > 0 }}",
    "{{ (('x' * 9999) ~ ('x' * 9999)) | length }}",
])
def test_a_product_or_a_concatenation_too_large_is_refused(tmp_path: Path, source: str) -> None:
    result, _peak = sandboxed(tmp_path, {"strategy.md.j2": source})
    assert isinstance(result, UsageError), result
    assert "too large" in result.message


def test_nothing_is_worked_out_while_a_template_compiles(tmp_path: Path) -> None:
    """Jinja folds constant expressions into the compiled template; a filter or a
    printed value worked out then would escape every check."""
    doubled = " ~ ".join(["('x' | center(9999))"] * 99)
    for source in ("{{ " + doubled + " }}", "{% autoescape " + doubled + " %}{% endautoescape %}"):
        (tmp_path / str(len(source))).mkdir()
        result, peak = sandboxed(tmp_path / str(len(source)), {"strategy.md.j2": source})
        assert isinstance(result, UsageError), f"rendered {len(result):,} characters"
        assert peak < PEAK, f"{peak:,} bytes"


def test_the_same_operations_within_the_limits_render(tmp_path: Path) -> None:
    source = """{% set b = 'y' * 99 %}{% macro m(x) %}<{{ x }}>{% endmacro %}\
{{ (b ~ '!') | length }} {{ ('x ' * 50) | wordwrap(10, wrapstring='/') | length }} \
{{ ('x\n' * 5) | indent('> ') | length }} {{ ('%s' * 3) | format(1, 2, 3) }} \
{{ ('{0}{1}' * 2).format('a', 'b') }} {{ _('%(n)s items', n=3) }} \
{{ (range(5) | map('string') | join(',')) }} {{ ([1, [2]] | tojson(2)) | length }} \
{{ ([[1], [2, 3]] | sum(start=[])) | length }} {{ ('\tx').expandtabs(4) | length }} \
{{ ((b,) * 3) | length }} {{ m(1) }}{% set s %}{{ m(2) }}{% endset %}{{ s }}"""
    result, _peak = sandboxed(tmp_path, {"strategy.md.j2": source})
    assert result == ("100 99 18 123 abab 3 items 0,1,2,3,4 22 3 5 3 &lt;1&gt;&amp;lt;2&amp;gt;"
                      ), result
