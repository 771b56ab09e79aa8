"""An editor starts ``crmplan lsp`` with the configuration docs/editor.md shows and receives
the plan's diagnostics: Neovim (Debian's, headless), and Helix (in a terminal that tmux
draws, read back as the screen a user sees). The VS Code extension (editors/vscode) runs
its own tests under Node with VS Code's API stood in for, and vsce packages it. Each is
skipped where its editor or tools are not installed, unless CRMPLAN_TEST_NEOVIM,
CRMPLAN_TEST_HELIX or CRMPLAN_TEST_VSCODE is ``required`` (CI installs them all, .ci/run)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
CHECK = """
vim.wait(90000, function() return #vim.diagnostic.get(0) > 0 end, 200)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(found, string.format("%d:%d %s %s", d.lnum + 1, d.col + 1, d.code or "",
                                    (d.message:gsub("\\n", " / "))))
end
io.stdout:write(table.concat(found, "\\n") .. "\\n")
vim.cmd("qa!")
"""


def _program(name: str, flag: str, install: str) -> str:
    """The program ``name`` on PATH; a skip where it is not, a failure where ``flag`` says
    the test must run."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get(flag) == "required":
            pytest.fail(f"{name} is required here ({install})")
        pytest.skip(f"{name} is not installed ({install})")
    return found


def _neovim() -> str:
    return _program("nvim", "CRMPLAN_TEST_NEOVIM", "apt-get install neovim")


def _configuration(marker: str = "neovim-0.7", language: str = "lua") -> str:
    """The configuration docs/editor.md shows under ``<!-- marker -->``."""
    page = (ROOT / "docs" / "editor.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- {marker} -->\n```{language}\n(.*?)```", page, re.S)
    assert match is not None
    return match.group(1)


def _broken_plan(folder: Path) -> tuple[Path, int]:
    """A copy of the retailer's plan with one persona's segment misspelt, and that line."""
    plan = folder / "plan.yaml"
    plan.write_text(
        (ROOT / "examples" / "online-retailer-en" / "plan.yaml")
        .read_text(encoding="utf-8")
        .replace("segment: one_time", "segment: one_tme", 1),
        encoding="utf-8",
    )
    line = next(
        n
        for n, text in enumerate(plan.read_text(encoding="utf-8").split("\n"), 1)
        if "one_tme" in text
    )
    return plan, line


def _environment(folder: Path) -> dict[str, str]:
    """The user's environment with crmplan on PATH and a home of the test's own."""
    environ = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "HOME": str(folder),
        "XDG_CONFIG_HOME": str(folder / ".config"),
    }
    environ.pop("CRMPLAN_CHECK_FAST_PATH", None)
    return environ


@pytest.mark.slow
def test_neovim_shows_the_plans_problems_with_the_documented_configuration(tmp_path: Path) -> None:
    nvim = _neovim()
    plan, line = _broken_plan(tmp_path)
    (tmp_path / "init.lua").write_text(_configuration(), encoding="utf-8")
    (tmp_path / "check.lua").write_text(CHECK, encoding="utf-8")
    done = subprocess.run(
        [
            nvim,
            "--headless",
            "-u",
            str(tmp_path / "init.lua"),
            str(plan),
            "-c",
            f"luafile {tmp_path / 'check.lua'}",
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=_environment(tmp_path),
        cwd=tmp_path,
    )
    assert (
        f"{line}:14 CRM302 unknown segment 'one_tme' / did you mean 'one_time'?"
        in done.stdout.splitlines()
    ), done.stdout + done.stderr


class _Terminal:
    """A program in a terminal of 200 x 50 that tmux draws on a server of the test's own."""

    def __init__(
        self, tmux: str, folder: Path, command: list[str], environ: dict[str, str]
    ) -> None:
        self.tmux = tmux
        self.socket = str(folder / f"tmux-{len(list(folder.glob('tmux-*')))}.socket")
        self.environ = environ
        self._tmux(
            "new-session",
            "-d",
            "-x",
            "200",
            "-y",
            "50",
            "-c",
            str(folder),
            " ".join(_quoted(part) for part in command),
        )

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(
            [self.tmux, "-S", self.socket, *args],
            capture_output=True,
            text=True,
            timeout=30,
            env=self.environ,
            check=True,
        )
        return done.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p")

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", *keys)

    def wait_for(self, shows: Callable[[str], bool], seconds: float) -> str:
        """The screen once ``shows`` holds for it, or the last screen after ``seconds``."""
        deadline = time.monotonic() + seconds
        screen = self.screen()
        while not shows(screen) and time.monotonic() < deadline:
            time.sleep(0.25)
            screen = self.screen()
        return screen

    def close(self) -> None:
        subprocess.run(
            [self.tmux, "-S", self.socket, "kill-server"],
            capture_output=True,
            timeout=30,
            env=self.environ,
            check=False,
        )


def _quoted(part: str) -> str:
    return "'" + part.replace("'", "'\\''") + "'"


@pytest.mark.slow
def test_helix_shows_the_plans_problems_with_the_documented_configuration(tmp_path: Path) -> None:
    hx = _program("hx", "CRMPLAN_TEST_HELIX", "Debian 13: apt-get install hx; see .ci/run")
    tmux = _program("tmux", "CRMPLAN_TEST_HELIX", "apt-get install tmux")
    plan, line = _broken_plan(tmp_path)
    (tmp_path / ".config" / "helix").mkdir(parents=True)
    (tmp_path / ".config" / "helix" / "languages.toml").write_text(
        _configuration("helix", "toml"), encoding="utf-8"
    )
    health = subprocess.run(
        [hx, "--health", "yaml"],
        capture_output=True,
        text=True,
        timeout=60,
        env=_environment(tmp_path),
        check=True,
    )
    shown = re.sub(r"\x1b\[[0-9;]*m", "", health.stdout)  # without the colours
    crmplan = Path(sys.executable).parent / "crmplan"
    assert f"✓ crmplan: {crmplan}" in shown.splitlines()[1], shown  # as docs/editor.md shows
    terminal = _Terminal(tmux, tmp_path, [hx, str(plan), f"+{line}"], _environment(tmp_path))
    try:
        # the gutter marks the line, and the status line counts one error
        marked = terminal.wait_for(lambda s: re.search(rf"^●\s+{line}\s", s, re.M) is not None, 120)
        assert re.search(rf"^●\s+{line}\s+segment: one_tme", marked, re.M), marked
        terminal.keys("Space", "d")  # the diagnostics picker
        listed = terminal.wait_for(lambda s: "CRM302" in s, 30)
    finally:
        terminal.close()
    assert re.search(r"ERROR\s+CRM302\s+unknown segment 'one_tme'", listed), listed
    # the hover, on a plan without errors (the analyses need one)
    good = tmp_path / "good" / "plan.yaml"
    good.parent.mkdir()
    text = (ROOT / "examples" / "online-retailer-en" / "plan.yaml").read_text(encoding="utf-8")
    good.write_text(text, encoding="utf-8")
    rows = text.split("\n")
    line = next(n for n, row in enumerate(rows, 1) if "kpis: [cart_abandonment_rate" in row)
    column = rows[line - 1].index("cart_abandonment_rate") + 4
    # (a tmux server of its own: the first one may still be going away)
    terminal = _Terminal(tmux, tmp_path, [hx, f"{good}:{line}:{column}"], _environment(tmp_path))
    try:  # once the status line counts the plan's warnings, the server has read it
        terminal.wait_for(lambda s: re.search(r"[●▲]\s*\d+\s", s) is not None, 120)
        terminal.keys("Space", "k")
        hover = terminal.wait_for(lambda s: "status: at risk" in s, 30)
    finally:
        terminal.close()
    assert "baseline 71.8% (2025-03-31) → latest 67.6% (2026-03-31)" in hover, hover


VSCODE = ROOT / "editors" / "vscode"


def _extension_installed() -> str:
    """node, with the extension's packages installed (npm ci in editors/vscode)."""
    node = _program("node", "CRMPLAN_TEST_VSCODE", "apt-get install nodejs npm")
    if not (VSCODE / "node_modules" / "vscode-languageclient").is_dir():
        if os.environ.get("CRMPLAN_TEST_VSCODE") == "required":
            pytest.fail("the extension's packages are required here (npm ci in editors/vscode)")
        pytest.skip("the extension's packages are not installed (npm ci in editors/vscode)")
    return node


@pytest.mark.slow
def test_the_vscode_extension_starts_crmplan_lsp_for_yaml_documents() -> None:
    node = _extension_installed()
    done = subprocess.run(
        [node, "--test", "test/"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=VSCODE,
        env={**os.environ, "CRMPLAN_COMMAND": str(Path(sys.executable).parent / "crmplan")},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"^# pass 4$", done.stdout, re.M) and "# fail 0" in done.stdout


@pytest.mark.slow
def test_vsce_packages_the_vscode_extension(tmp_path: Path) -> None:
    """vsce, the tool that publishes VS Code extensions, checks the manifest as the
    Marketplace does (name, version, engines, activation, contributions) and packages it
    with its dependencies."""
    _extension_installed()
    vsix = tmp_path / "crmplan.vsix"
    done = subprocess.run(
        [
            str(VSCODE / "node_modules" / ".bin" / "vsce"),
            "package",
            "--skip-license",
            "--allow-missing-repository",
            "--out",
            str(vsix),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=VSCODE,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    with zipfile.ZipFile(vsix) as package:
        names = set(package.namelist())
        manifest = json.loads(package.read("extension/package.json"))
    assert {"extension/extension.js", "extension/package.json"} <= names
    assert "extension/node_modules/vscode-languageclient/node.js" in names
    assert not [name for name in names if name.startswith("extension/test/")]
    assert manifest["activationEvents"] == ["onLanguage:yaml"]
