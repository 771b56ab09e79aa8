"""What the system says when it refuses a path reaches the user in the user's language:
the common errors through the catalog (``errors.OS_REASONS``), the rare ones as the
system words them."""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path
from typing import Any

import pytest

from crmplan.cli import app
from crmplan.errors import OS_REASONS, os_reason
from crmplan.i18n import language

EXAMPLE = Path(__file__).parent.parent / "examples" / "aesthetic-clinic-ko"
COMMON = ("ENOENT", "EACCES", "EPERM", "EROFS", "ENOSPC", "EISDIR", "ENOTDIR", "EEXIST",
          "ELOOP", "ENAMETOOLONG", "EXDEV")
# the system's words, which a Korean or Chinese message must not carry
_ENGLISH_REASON = re.compile(r"No such file|Not a directory|Permission denied|File exists|"
                             r"Too many levels|File name too long|Read-only file system")


def test_the_table_covers_every_common_error_once() -> None:
    assert sorted(OS_REASONS) == sorted(getattr(errno, name) for name in COMMON)
    assert len(set(OS_REASONS.values())) == len(OS_REASONS)


@pytest.mark.parametrize("lang", ["ko", "zh"])
@pytest.mark.parametrize("name", COMMON)
def test_each_common_error_is_said_in_the_language(lang: str, name: str) -> None:
    number = getattr(errno, name)
    exc = OSError(number, os.strerror(number), "x")
    with language(lang):
        reason = os_reason(exc)
    assert reason != OS_REASONS[number]
    assert re.search(r"[\uac00-\ud7a3]" if lang == "ko" else r"[\u4e00-\u9fff]", reason)


def test_english_says_the_catalog_words_not_the_systems() -> None:
    exc = FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), "x")
    with language("en"):
        assert os_reason(exc) == "no such file or folder"


def test_a_rare_error_keeps_the_systems_words() -> None:
    exc = OSError(errno.EIO, "Input/output error", "x")
    with language("ko"):
        assert os_reason(exc) == "Input/output error"


def test_an_error_without_a_number_says_what_it_can() -> None:
    assert os_reason(OSError("the disk went away")) == "the disk went away"
    assert os_reason(ValueError()) == "ValueError"


def _under_a_file(tmp_path: Path) -> Path:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    return blocker / "inside"


PLAN = Path(__file__).parent.parent / "examples" / "online-retailer-en" / "plan.yaml"


@pytest.mark.parametrize(("lang", "reason"), [
    ("ko", "경로 중간에 폴더가 아닌 파일이 있습니다"),
    ("zh", "路径中有一部分是文件，而不是文件夹"),
])
def test_writing_under_a_file_says_why_in_the_language(runner: Any, tmp_path: Path, lang: str,
                                                        reason: str) -> None:
    out = _under_a_file(tmp_path)
    result = runner.invoke(app, ["baseline", "export", str(PLAN), "--out", str(out)],
                           env={"CRMPLAN_LANG": lang})
    assert result.exit_code == 2, result.output
    assert reason in result.output
    assert not _ENGLISH_REASON.search(result.output)
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("lang", "reason", "hint"), [
    ("ko", "해당 파일이나 폴더가 없습니다", "경로를 확인하세요"),
    ("zh", "文件或文件夹不存在", "请检查路径"),
])
def test_writing_into_a_missing_folder_says_why_and_to_check_the_path(
        runner: Any, tmp_path: Path, lang: str, reason: str, hint: str) -> None:
    out = tmp_path / "missing" / "figures.csv"
    result = runner.invoke(app, ["baseline", "export", str(PLAN), "--out", str(out)],
                           env={"CRMPLAN_LANG": lang})
    assert result.exit_code == 2, result.output
    assert reason in result.output and hint in result.output
    assert not _ENGLISH_REASON.search(result.output)
    assert not out.parent.exists()


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "reason"), [
    ("ko", "경로 중간에 폴더가 아닌 파일이 있습니다"),
    ("zh", "路径中有一部分是文件，而不是文件夹"),
])
def test_render_into_a_folder_under_a_file_says_why_in_the_language(
        runner: Any, tmp_path: Path, lang: str, reason: str) -> None:
    result = runner.invoke(app, ["render", str(EXAMPLE), "--out", str(_under_a_file(tmp_path)),
                                 "--lang", lang])
    assert result.exit_code == 2, result.output
    assert reason in result.output
    assert not _ENGLISH_REASON.search(result.output)


@pytest.mark.parametrize(("lang", "reason"), [
    ("ko", "이름이 너무 깁니다"),
    ("zh", "名称过长"),
])
def test_a_name_too_long_is_said_in_the_language(runner: Any, tmp_path: Path, lang: str,
                                                 reason: str) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / ("p" * 300 + ".yaml")),
                                 "--lang", lang])
    assert result.exit_code == 2, result.output
    assert reason in result.output
    assert not _ENGLISH_REASON.search(result.output)


@pytest.mark.parametrize(("lang", "reason"), [
    ("ko", "심볼릭 링크가 너무 여러 단계로 이어집니다"),
    ("zh", "符号链接的层级过多"),
])
def test_a_loop_of_links_is_said_in_the_language(runner: Any, tmp_path: Path, lang: str,
                                                 reason: str) -> None:
    loop = tmp_path / "plan.yaml"
    loop.symlink_to(loop)
    result = runner.invoke(app, ["validate", str(loop), "--lang", lang])
    assert result.exit_code == 2, result.output
    assert reason in result.output
    assert not _ENGLISH_REASON.search(result.output)
