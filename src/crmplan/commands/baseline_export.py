"""``crmplan baseline export``: every baseline and snapshot as CSV, safe in a spreadsheet."""

from __future__ import annotations

import os
from pathlib import Path

from crmplan import output
from crmplan.baseline.csvfile import export_figures
from crmplan.errors import UsageError
from crmplan.i18n import _
from crmplan.plan.language import load_in_language
from crmplan.quoting import shown_path


def run(path: Path, *, fmt: str, lang: str | None, out: Path | None, force: bool) -> int:
    """Write the CSV to ``out`` (replaced only with ``force``) or to standard output."""
    output.use_format(fmt)
    _path, loaded = load_in_language(path, lang)
    data = export_figures(loaded.plan.kpis)
    if out is None:
        output.write_bytes(data)
        return 0
    from crmplan.atomic import write_new_file

    if os.path.lexists(out) and not force:
        raise UsageError(_("{path} exists; nothing was written").format(path=shown_path(out)),
                         _("use --force to replace it"))
    write_new_file(out, data, force=force)  # with --force a symlink is replaced, not followed
    output.line(_("Wrote {file}").format(file=shown_path(out)), style="green", stderr=True)
    return 0
