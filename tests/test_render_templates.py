"""A consultant's templates: override one template or one block; hostile ones fail cleanly.

reliability.md case 40: ``{{ ''.__class__ }}`` and ``'a' * 10**9`` end in a
clean error within the limits, never a traceback or a gigabyte; case 41: a
template, or a file it includes, that is a link out of the folder is refused
unread. A template that includes itself or a macro that calls itself is a
template error with its file and line, not an internal error.
"""

from __future__ import annotations

import sys
import time
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
    ({"strategy.md.j2": "one\n{% macro f() %}\n{{ f() }}\n{% endmacro %}\n{{ f() }}"},
     ["strategy.md.j2:3"]),
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
