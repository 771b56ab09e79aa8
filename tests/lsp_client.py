"""A small Language Server Protocol client for the tests: it starts ``crmplan lsp`` as an
editor does, speaks JSON-RPC with Content-Length framing over its standard input and
output, and keeps the notifications the server sends (diagnostics, log messages)."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

TIMEOUT = 60.0  # seconds: a loaded machine checks a large plan in well under this


class ServerGone(Exception):
    """The server closed its output or answered nothing in time."""


class LspClient:
    """``crmplan lsp`` in a child process, driven one message at a time."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        environ = {**os.environ, **(env or {})}
        environ.pop("CRMPLAN_CHECK_FAST_PATH", None)  # the server parses as users run it
        # a pipe nobody reads could fill and block the server: its standard error goes to a file
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 - open as long as the server
        self.process = subprocess.Popen(
            [sys.executable, "-m", "crmplan", "lsp", *args], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=self.errors, env=environ)
        self.inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.notifications: list[dict[str, Any]] = []
        self.requests_from_server: list[dict[str, Any]] = []
        self._next = 0
        threading.Thread(target=self._read, daemon=True).start()

    # -- the wire ---------------------------------------------------------------------
    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not line:
                self.inbox.put(None)
                return
            self.inbox.put(json.loads(stream.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> dict[str, Any]:
        """Send a request and wait for its answer (the whole response: result or error)."""
        self._next += 1
        ident = self._next
        self.send({"id": ident, "method": method, "params": params})
        return self._wait(lambda m: m.get("id") == ident and "method" not in m)

    def call(self, method: str, params: Any) -> Any:
        """A request's result; an error answer fails the test."""
        answer = self.request(method, params)
        assert "error" not in answer, answer
        return answer.get("result")

    def _wait(self, wanted: Any, timeout: float = TIMEOUT) -> dict[str, Any]:
        while True:
            try:
                message = self.inbox.get(timeout=timeout)
            except queue.Empty:
                raise ServerGone(f"no answer in {timeout} s") from None
            if message is None:
                raise ServerGone(self.stderr())
            if "method" in message and "id" in message:  # a request of the server's
                self.requests_from_server.append(message)
                self.send({"id": message["id"], "result": None})
            elif "method" in message:
                self.notifications.append(message)
            if wanted(message):
                return message

    def diagnostics(self, uri: str, version: int | None = None,
                    timeout: float = TIMEOUT) -> list[dict[str, Any]]:
        """The next diagnostics published for ``uri`` (for ``version``, if given)."""
        message = self._wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                             and m["params"]["uri"] == uri and (
                                 version is None or m["params"].get("version") == version),
                             timeout)
        return list(message["params"]["diagnostics"])

    def logged(self) -> list[str]:
        return [m["params"]["message"] for m in self.notifications
                if m["method"] == "window/logMessage"]

    def stderr(self) -> str:
        """What the server wrote on its standard error so far."""
        self.errors.seek(0)
        return self.errors.read().decode("utf-8", "replace")

    # -- the protocol's steps -----------------------------------------------------------
    def initialize(self, **options: Any) -> dict[str, Any]:
        result = self.call("initialize", {"processId": os.getpid(), "rootUri": None,
                                          "capabilities": {}, **options})
        self.notify("initialized", {})
        return dict(result)

    def open(self, path: Path, text: str | None = None, version: int = 1) -> str:
        uri = path.resolve().as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": version,
            "text": path.read_text(encoding="utf-8") if text is None else text}})
        return uri

    def change(self, uri: str, version: int, text: str) -> None:
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}]})

    def at(self, method: str, uri: str, line: int, character: int, **more: Any) -> Any:
        return self.call(method, {"textDocument": {"uri": uri},
                                  "position": {"line": line, "character": character}, **more})

    def close(self) -> int:
        """shutdown, exit: the exit code of the server."""
        self.call("shutdown", None)
        self.notify("exit", None)
        return self.process.wait(timeout=30)
