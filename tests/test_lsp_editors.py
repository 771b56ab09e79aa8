"""An editor starts ``crmplan lsp`` with the configuration docs/editor.md shows: Neovim
(Debian's, headless) receives the plan's diagnostics. Skipped where Neovim is not installed,
unless CRMPLAN_TEST_NEOVIM=required (CI installs it, .ci/run)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
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


def _neovim() -> str:
    found = shutil.which("nvim")
    if found is None:
        if os.environ.get("CRMPLAN_TEST_NEOVIM") == "required":
            pytest.fail("Neovim is required here (apt-get install neovim)")
        pytest.skip("Neovim is not installed")
    return found


def _configuration() -> str:
    page = (ROOT / "docs" / "editor.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- neovim-0.7 -->\n```lua\n(.*?)```", page, re.S)
    assert match is not None
    return match.group(1)


@pytest.mark.slow
def test_neovim_shows_the_plans_problems_with_the_documented_configuration(
        tmp_path: Path) -> None:
    nvim = _neovim()
    plan = tmp_path / "plan.yaml"
    plan.write_text((ROOT / "examples" / "online-retailer-en" / "plan.yaml").read_text(
        encoding="utf-8").replace("segment: one_time", "segment: one_tme", 1),
        encoding="utf-8")
    (tmp_path / "init.lua").write_text(_configuration(), encoding="utf-8")
    (tmp_path / "check.lua").write_text(CHECK, encoding="utf-8")
    environ = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
               "HOME": str(tmp_path)}
    environ.pop("CRMPLAN_CHECK_FAST_PATH", None)
    done = subprocess.run([nvim, "--headless", "-u", str(tmp_path / "init.lua"), str(plan),
                           "-c", f"luafile {tmp_path / 'check.lua'}"],
                          capture_output=True, text=True, timeout=180, env=environ,
                          cwd=tmp_path)
    line = next(n for n, text in enumerate(plan.read_text(encoding="utf-8").split("\n"), 1)
                if "one_tme" in text)
    assert (f"{line}:14 CRM302 unknown segment 'one_tme' / did you mean 'one_time'?"
            in done.stdout.splitlines()), done.stdout + done.stderr
