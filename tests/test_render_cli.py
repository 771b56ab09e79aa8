"""``crmplan render`` from the command line: files, exit codes, refusals, --strict."""

from __future__ import annotations

import errno
import os
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from crmplan.cli import app
from render_helpers import ROOT

ALL = ["assessment.html", "assessment.md", "journey-map.html", "journey-map.md",
       "review.html", "review.md", "strategy.html", "strategy.md"]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["render", *args])
    return result.exit_code, result.output


@pytest.fixture
def example(tmp_path: Path) -> Path:
    target = tmp_path / "clinic"
    shutil.copytree(ROOT / "examples" / "aesthetic-clinic-ko", target)
    return target


def test_writes_every_document_in_both_formats(example: Path, tmp_path: Path) -> None:
    code, output = run(str(example), "--out", str(tmp_path / "out"))
    assert code == 0, output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ALL
    assert '<html lang="ko-KR">' in (tmp_path / "out" / "strategy.html").read_text()


def test_one_format_only(example: Path, tmp_path: Path) -> None:
    code, _output = run(str(example), "--out", str(tmp_path / "out"), "--format", "md")
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [n for n in ALL
                                                                     if n.endswith(".md")]


def test_lang_changes_the_labels_not_the_plan(example: Path, tmp_path: Path) -> None:
    code, _output = run(str(example), "--out", str(tmp_path / "out"), "--lang", "en",
                        "--format", "html")
    text = (tmp_path / "out" / "strategy.html").read_text()
    assert code == 0 and '<html lang="en-US">' in text and "Define goals" in text


def test_date_appears_only_when_given(example: Path, tmp_path: Path) -> None:
    run(str(example), "--out", str(tmp_path / "a"), "--format", "md")
    run(str(example), "--out", str(tmp_path / "b"), "--format", "md", "--date", "2026-05-04")
    assert "2026년 5월 4일" not in (tmp_path / "a" / "strategy.md").read_text()
    assert "2026년 5월 4일" in (tmp_path / "b" / "strategy.md").read_text()


def test_existing_files_are_refused_without_force(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "strategy.md").write_text("mine", encoding="utf-8")
    code, output = run(str(example), "--out", str(out))
    assert code == 2 and "strategy.md" in output
    assert [p.name for p in out.iterdir()] == ["strategy.md"]
    assert (out / "strategy.md").read_text() == "mine"
    code, _output = run(str(example), "--out", str(out), "--force")
    assert code == 0 and (out / "strategy.md").read_text() != "mine"


def test_force_replaces_a_symlinked_document_and_never_writes_its_target(
        example: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text("someone else's file", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "strategy.md").symlink_to(elsewhere)
    code, output = run(str(example), "--out", str(out), "--format", "md", "--force")
    assert code == 0, output
    assert elsewhere.read_text(encoding="utf-8") == "someone else's file"
    assert not (out / "strategy.md").is_symlink()
    assert (out / "strategy.md").read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_force_refuses_a_fifo_or_a_device_in_place_of_a_document(
        example: Path, tmp_path: Path, kind: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "review.md").write_text("mine", encoding="utf-8")
    special = out / "strategy.md"
    if kind == "fifo":
        os.mkfifo(special)
    elif os.geteuid() == 0:  # the null device's numbers, on a node made here
        os.mknod(special, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    else:
        pytest.skip("only root may make a device node")
    before = stat.S_IFMT(special.lstat().st_mode)
    code, output = run(str(example), "--out", str(out), "--format", "md", "--force",
                       "--lang", "en")
    assert code == 2, output
    assert "strategy.md is a" in output and "not a regular file; nothing was written" in output
    assert stat.S_IFMT(special.lstat().st_mode) == before
    assert sorted(p.name for p in out.iterdir()) == ["review.md", "strategy.md"]
    assert (out / "review.md").read_text(encoding="utf-8") == "mine"


def _full_disk_on(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """os.fsync fails with ENOSPC for the temporary file of the document ``name``."""
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if Path(f"/proc/self/fd/{fd}").readlink().name.startswith(f".{name}."):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def _files(folder: Path) -> dict[str, Any]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_a_full_disk_keeps_every_earlier_document(example: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    assert run(str(example), "--out", str(out), "--format", "md")[0] == 0
    before = _files(out)
    _full_disk_on(monkeypatch, "review.md")
    code, output = run(str(example), "--out", str(out), "--format", "md", "--lang", "en",
                       "--force")
    assert code == 2, output
    assert "review.md" in output and "no space left on the disk" in output
    assert "Nothing was changed" in output
    assert _files(out) == before  # the old documents, untouched; no temporary file left


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_a_full_disk_writes_no_document(example: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _full_disk_on(monkeypatch, "review.html")
    code, output = run(str(example), "--out", str(tmp_path / "new" / "out"), "--lang", "en")
    assert code == 2 and "Nothing was changed" in output
    assert not (tmp_path / "new").exists()


def test_a_failed_move_puts_every_document_back(example: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    assert run(str(example), "--out", str(out), "--format", "md")[0] == 0
    before = _files(out)
    real_replace, moved = os.replace, []

    def replace(src: Any, dst: Any) -> None:  # the third move fails; putting back works
        moved.append(dst)
        if len(moved) == 3:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    code, output = run(str(example), "--out", str(out), "--format", "md", "--lang", "en",
                       "--force")
    assert code == 2 and "Nothing was changed" in output, output
    assert _files(out) == before


@pytest.mark.parametrize("args", [["--format", "docx"], ["--format", ""], ["--lang", "fr"],
                                  ["--date", "May 4"]])
def test_bad_options_exit_2(example: Path, tmp_path: Path, args: list[str]) -> None:
    code, _output = run(str(example), "--out", str(tmp_path / "out"), *args)
    assert code == 2
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("value", "message"), [
    ("docx", "'docx' is not a format render writes; write one of md, html, pdf, pptx, or "
             "several separated by commas (md,html,pdf,pptx)"),
    ("md;html", "'md;html' is not a format render writes; write one of md, html, pdf, pptx, "
                "or several separated by commas (md,html,pdf,pptx)"),
    ("", "no format given; write one of md, html, pdf, pptx, or several separated by commas "
         "(md,html,pdf,pptx)"),
])
def test_a_format_render_does_not_write_is_told_with_what_to_write(
        example: Path, tmp_path: Path, value: str, message: str) -> None:
    """'pdf' was answered "'pdf' is not a list of: md, html"."""
    code, output = run(str(example), "--out", str(tmp_path / "out"), "--format", value,
                       "--lang", "en")
    assert code == 2 and message in " ".join(output.split()), output


@pytest.mark.parametrize("out", ["x" * 300, "y/" * 3000], ids=["long-name", "deep"])
def test_an_output_path_the_system_refuses_exits_2(example: Path, tmp_path: Path,
                                                   out: str) -> None:
    code, output = run(str(example), "--out", str(tmp_path / out), "--lang", "en")
    assert code == 2, output
    assert "internal error" not in output and "cannot use" in output
    assert len(output) < 1000  # the path is quoted short
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clinic"]


def test_unreadable_templates_folder_exits_2(example: Path, tmp_path: Path) -> None:
    code, output = run(str(example), "--out", str(tmp_path / "out"), "--templates",
                       str(tmp_path / "nowhere"))
    assert code == 2 and "--templates" in output


def test_a_broken_user_template_exits_2_and_writes_nothing(example: Path,
                                                            tmp_path: Path) -> None:
    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / "review.html.j2").write_text("{{ ''.__class__ }}", encoding="utf-8")
    code, output = run(str(example), "--out", str(tmp_path / "out"), "--templates", str(brand))
    assert code == 2
    assert "review.html.j2:1" in output and "Traceback" not in output
    assert not (tmp_path / "out").exists()


def test_a_plan_with_problems_exits_1(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text("schema_version: 1\nclient:\n  nmae: A\n",
                                        encoding="utf-8")
    code, output = run(str(tmp_path), "--out", str(tmp_path / "out"))
    assert code == 1 and "plan.yaml:3:3" in output
    assert not (tmp_path / "out").exists()


def test_empty_steps_are_visible_to_dos_for_the_team(tmp_path: Path, minimal_plan: str) -> None:
    (tmp_path / "plan.yaml").write_text(minimal_plan, encoding="utf-8")
    code, _output = run(str(tmp_path), "--out", str(tmp_path / "out"), "--audience", "team")
    assert code == 0
    md = (tmp_path / "out" / "strategy.md").read_text()
    assert "Step 7 has no data yet: fill `software.candidates` in `plan.yaml`." in md
    html = (tmp_path / "out" / "strategy.html").read_text()
    assert "fill <code>software.candidates</code> in <code>plan.yaml</code>" in html
    assert html.count('<aside class="todo"') >= 12


def test_strict_lists_every_empty_step_and_writes_nothing(tmp_path: Path,
                                                          minimal_plan: str) -> None:
    (tmp_path / "plan.yaml").write_text(minimal_plan, encoding="utf-8")
    code, output = run(str(tmp_path), "--out", str(tmp_path / "out"), "--strict")
    assert code == 1
    for number in range(1, 11):
        assert f"Step {number} has no data yet" in output
    assert "activity_plan" in output and "engagement.disclaimer" in output
    assert not (tmp_path / "out").exists()


def test_strict_passes_a_complete_plan(example: Path, tmp_path: Path) -> None:
    code, output = run(str(example), "--out", str(tmp_path / "out"), "--strict", "--format",
                       "md")
    assert code == 0, output


def test_strict_lists_each_to_do_with_its_code_unless_the_plan_silences_it(
        tmp_path: Path, minimal_plan: str) -> None:
    (tmp_path / "plan.yaml").write_text(minimal_plan, encoding="utf-8")
    code, output = run(str(tmp_path), "--out", str(tmp_path / "out"), "--strict")
    assert code == 1
    assert output.count("  [CRM403]") >= 12
    (tmp_path / "plan.yaml").write_text(minimal_plan + "checks:\n  ignore: [CRM403]\n",
                                        encoding="utf-8")
    code, output = run(str(tmp_path), "--out", str(tmp_path / "out"), "--strict")
    assert code == 0, output
    assert (tmp_path / "out" / "strategy.md").exists()


@pytest.mark.parametrize(("lang", "audience"), [
    ("ko", "문서를 받는 쪽: client"), ("zh", "文档的对象：client"),
    ("en", "Who the documents are for: client")])
def test_the_help_speaks_the_users_language(lang: str, audience: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRMPLAN_LANG", lang)
    code, output = run("--help")
    assert code == 0 and audience in " ".join(output.split())


@pytest.mark.parametrize("lang", ["ko", "zh"])
def test_every_line_of_the_help_is_translated(lang: str) -> None:
    """A new option of render needs its help in the catalogs too."""
    from typer.main import get_command

    from crmplan.cli.help import translated
    from crmplan.i18n import language

    command = get_command(app).commands["render"]  # type: ignore[attr-defined]
    texts = [command.help, *(p.help for p in command.params if getattr(p, "help", None))]
    with language(lang):
        untranslated = [t for t in texts if t and translated(t) == t]
    assert untranslated == []
