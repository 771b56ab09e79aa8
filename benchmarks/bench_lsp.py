"""Speed target of the language server: diagnostics for the largest example within 100 ms
of a change, measured over standard input and output as an editor sees them.

    python benchmarks/bench_lsp.py [RUNS]

``crmplan lsp`` is started as an editor starts it and driven by pygls's own
LanguageClient. The largest bundled example is opened, then changed RUNS times (a
comment typed at its end: a new text each time, with the same findings); each figure is
the wall time from sending ``didChange`` to receiving the ``publishDiagnostics`` of that
version. It includes the server's
debounce (crmplan.lsp.server.DEBOUNCE) and the JSON-RPC round trip.

The reference, measured in the same run on the same machine: ``validate_text`` of the
same text in this process, the work the server does for one change (without the cache
of loaded plans, which the server does not use either). The ratio of the
two is what the protocol and the server add; the absolute figure moves with the
machine's load. Record the printed table in docs/performance.md.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

from crmplan.lsp.server import DEBOUNCE
from crmplan.plan import cache
from crmplan.plan.reader import decode_plan
from crmplan.validation import validate_text

ROOT = Path(__file__).parents[1]
TARGET = 0.100


def largest() -> Path:
    return max((ROOT / "examples").glob("*/plan.yaml"), key=lambda p: p.stat().st_size)


def edited(text: str, run: int) -> str:
    """The text with a comment typed at its end: each run's text is new (crmplan keeps
    recent conversions in memory, so a text seen before would be checked faster than
    anything typed is)."""
    return f"{text}# {run}\n"


async def over_stdio(path: Path, runs: int) -> list[float]:
    client = LanguageClient("crmplan-bench", "1")
    published: asyncio.Queue[lsp.PublishDiagnosticsParams] = asyncio.Queue()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        published.put_nowait(params)

    await client.start_io(sys.executable, "-m", "crmplan", "lsp", "--lang", "en")
    await client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities()))
    client.initialized(lsp.InitializedParams())
    text, uri = path.read_text(encoding="utf-8"), path.resolve().as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="yaml", version=0, text=text)))
    await published.get()
    times = []
    for run in range(1, runs + 1):
        start = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=run),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(
                text=edited(text, run))]))
        while (await published.get()).version != run:
            pass
        times.append(time.perf_counter() - start)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times


def in_process(path: Path, runs: int) -> list[float]:
    text = path.read_text(encoding="utf-8")
    times = []
    for run in range(1, runs + 1):
        raw = edited(text, run).encode("utf-8")
        start = time.perf_counter()
        validate_text(decode_plan(raw, str(path)))
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    os.environ[cache.NO_CACHE] = "1"  # the reference loads each text, as the server does
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    path = largest()
    in_process(path, 2)  # warm: imports, the models, the catalogs
    served = statistics.median(asyncio.run(over_stdio(path, runs)))
    reference = statistics.median(in_process(path, runs))
    print(f"plan: {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes), {runs} changes")
    print("| measure | median | target |")
    print("|---|---|---|")
    print(f"| change -> diagnostics over stdio | {served * 1000:.0f} ms | "
          f"{TARGET * 1000:.0f} ms: {'met' if served <= TARGET else 'missed'} |")
    print(f"| validate_text in process (reference) | {reference * 1000:.0f} ms | |")
    print(f"| ratio served / reference | {served / reference:.2f}x | |")
    print(f"| debounce included | {DEBOUNCE * 1000:.0f} ms | |")


if __name__ == "__main__":
    main()
