"""``crmplan lsp``: the language server, on standard input and output until the editor
closes it."""

from __future__ import annotations

from crmplan.data.engine import require


def run(*, fmt: str, lang: str | None) -> int:
    """Serve the editor that started the process; 0 once it says exit. Needs the ``lsp``
    extra (pygls): without it, a usage error that says what to install."""
    del fmt  # the protocol's JSON-RPC is the only output
    require("pygls", "lsp")
    from crmplan.lsp.server import serve

    serve(lang)
    return 0
