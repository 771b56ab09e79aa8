"""The language server: pygls wired to the plain functions of :mod:`crmplan.lsp`.

Every request is answered, whatever the text: a handler that fails logs the failure to
the editor (``window/logMessage``) and answers with nothing, never with a crash. A change
is checked once the typing pauses (:data:`DEBOUNCE`), on the text as typed, saved or not.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import traceback
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException, JsonRpcInvalidRequest
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from crmplan import __version__
from crmplan.findings import Severity
from crmplan.i18n import _, language
from crmplan.languages import SOURCE_LANGUAGE
from crmplan.lsp.completion import Kind, suggestions
from crmplan.lsp.context import cursor_at
from crmplan.lsp.document import PlanDocument, Version, is_plan
from crmplan.lsp.hover import hover_text, subject_at
from crmplan.lsp.symbols import Index, Occurrence, RenameRefused
from crmplan.lsp.text import Span, Spot
from crmplan.plan import cache
from crmplan.plan.language import editor_language
from crmplan.plan.yamltree import ParsedYaml

DEBOUNCE = 0.03  # seconds without a change before the text is checked
SOURCE = "crmplan"
_SEVERITIES = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.NOTE: lsp.DiagnosticSeverity.Information,
}
_KINDS = {
    Kind.KEY: lsp.CompletionItemKind.Property,
    Kind.VALUE: lsp.CompletionItemKind.EnumMember,
    Kind.ID: lsp.CompletionItemKind.Reference,
}
_Result = TypeVar("_Result")


class _AnsweringProtocol(LanguageServerProtocol):
    """pygls's protocol, except that a request whose parameters cannot be read is answered
    (invalid params) instead of being dropped, which would leave the editor waiting."""

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "id" in data and "method" in data:
                self._send_response(data["id"], error=exc.to_response_error())
            raise


class PlanServer(LanguageServer):
    """The open plans and the checks waiting for the typing to pause."""

    def __init__(self, lang: str | None) -> None:
        super().__init__("crmplan", __version__, protocol_cls=_AnsweringProtocol)
        self.lang = lang
        self.speaks = SOURCE_LANGUAGE  # decided when the editor introduces itself
        self.documents: dict[str, PlanDocument] = {}
        self.waiting: dict[str, asyncio.Task[None]] = {}

    def log(self, message: str, kind: lsp.MessageType = lsp.MessageType.Error) -> None:
        self.window_log_message(lsp.LogMessageParams(type=kind, message=message))

    def text_of(self, uri: str) -> TextDocument:
        return self.workspace.get_text_document(uri)

    def check(self, uri: str) -> None:
        """Check the document's text as it is now and publish the findings."""
        document = self.text_of(uri)
        plan = self.documents.get(uri)
        if plan is None:
            if not is_plan(_name(uri), document.source):
                return  # another YAML file the editor opened: not crmplan's to judge
            plan = self.documents[uri] = PlanDocument(uri, _name(uri), document.source)
        else:
            plan.update(document.source)
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(
                uri=uri, version=document.version, diagnostics=diagnostics(plan.current, document)
            )
        )

    def check_later(self, uri: str) -> None:
        if uri not in self.waiting:
            self.waiting[uri] = asyncio.get_running_loop().create_task(self._check_later(uri))

    async def _check_later(self, uri: str) -> None:
        try:
            while True:
                await asyncio.sleep(DEBOUNCE)  # the changes sent meanwhile are applied now
                if uri not in self.workspace.text_documents:
                    break  # closed meanwhile
                checked = self.documents.get(uri)
                if checked is not None and self.text_of(uri).source == checked.current.text:
                    break
                guarded(self, lambda: self.check(uri), None)
                if uri not in self.documents:
                    break  # not a plan (yet): checked again at the next change
        finally:
            self.waiting.pop(uri, None)


def _name(uri: str) -> str:
    return to_fs_path(uri) or uri


def guarded(server: PlanServer, work: Callable[[], _Result], fallback: _Result) -> _Result:
    """``work()``, or ``fallback`` after logging why it failed: one bad request never stops
    the server."""
    try:
        with language(server.speaks):  # each message is handled in a context of its own
            return work()
    except Exception:  # any failure is logged, and the server goes on
        server.log(
            _("crmplan could not answer: {error}").format(error=traceback.format_exc(limit=8))
        )
        return fallback


def diagnostics(version: Version, document: TextDocument) -> list[lsp.Diagnostic]:
    """validate's findings on the text, as the editor shows them."""
    if version.refusal is not None:
        refusal = version.refusal
        return [
            lsp.Diagnostic(
                range=lsp.Range(
                    start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=1)
                ),
                message=_joined(refusal.message, refusal.hint),
                severity=lsp.DiagnosticSeverity.Error,
                source=SOURCE,
            )
        ]
    lines = document.lines  # pygls splits the text at each reading: once for every finding
    return [
        lsp.Diagnostic(
            range=to_range(document, finding.span, lines),
            severity=_SEVERITIES[finding.issue.severity],
            code=finding.issue.code,
            source=SOURCE,
            message=_joined(finding.issue.message, finding.issue.hint),
            data={
                "message": finding.issue.message,
                "hint": finding.issue.hint,
                "path": finding.issue.path,
                "fix": finding.issue.fix,
            },
        )
        for finding in version.findings
    ]


def _joined(message: str, hint: str) -> str:
    return f"{message}\n{hint}" if hint else message


def to_range(document: TextDocument, span: Span, lines: Sequence[str] | None = None) -> lsp.Range:
    """A span (code points) in the client's units (UTF-16 unless agreed otherwise); the
    ``lines`` of the document, if the caller has them already."""
    codec = document.position_codec
    lines = document.lines if lines is None else lines
    return lsp.Range(
        start=codec.position_to_client_units(lines, _position(span.start)),
        end=codec.position_to_client_units(lines, _position(span.end)),
    )


def _position(spot: Spot) -> lsp.Position:
    return lsp.Position(line=spot.line, character=spot.character)


def to_spot(document: TextDocument, position: lsp.Position) -> Spot:
    at = document.position_codec.position_from_client_units(document.lines, position)
    return Spot(at.line, at.character)


def editor_language_of(lang: str | None, params: lsp.InitializeParams) -> str:
    """The language of the messages: see :func:`crmplan.plan.language.editor_language`;
    the editor's setting is the initialization option ``lang``."""
    options = params.initialization_options
    asked = options.get("lang") if isinstance(options, dict) else None
    editor = (params.locale or "").split("-")[0].lower()
    return editor_language(lang, asked if isinstance(asked, str) else None, editor)


def build(lang: str | None = None) -> PlanServer:
    """The server, every feature registered."""
    server = PlanServer(lang)
    _register_documents(server)
    _register_requests(server)
    return server


def _register_documents(server: PlanServer) -> None:
    @server.feature(lsp.INITIALIZE)
    def initialize(params: lsp.InitializeParams) -> None:
        server.speaks = editor_language_of(server.lang, params)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: lsp.DidOpenTextDocumentParams) -> None:
        guarded(server, lambda: server.check(params.text_document.uri), None)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: lsp.DidChangeTextDocumentParams) -> None:
        server.check_later(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: lsp.DidSaveTextDocumentParams) -> None:
        server.check_later(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        server.documents.pop(uri, None)
        server.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )


def _request(
    server: PlanServer, method: str, options: Any = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a request handler that never fails: a failure is logged, the answer empty."""

    def register(handler: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(handler)
        def answer(params: Any) -> Any:
            return guarded(server, lambda: handler(params), None)

        server.feature(method, options)(answer)
        return handler

    return register


def _register_requests(server: PlanServer) -> None:
    @_request(
        server,
        lsp.TEXT_DOCUMENT_COMPLETION,
        lsp.CompletionOptions(trigger_characters=[":", " ", "[", ",", "{", "-"]),
    )
    def completion(params: lsp.CompletionParams) -> lsp.CompletionList | None:
        return _completion(server, params)

    @_request(server, lsp.TEXT_DOCUMENT_HOVER)
    def hover(params: lsp.HoverParams) -> lsp.Hover | None:
        return _hover(server, params)

    @_request(server, lsp.TEXT_DOCUMENT_DEFINITION)
    def definition(params: lsp.DefinitionParams) -> lsp.Location | None:
        found = _occurrence(server, params.text_document.uri, params.position)
        if found is None:
            return None
        index, occurrence, document = found
        target = index.definition(occurrence)
        return _location(document, target) if target else None

    @_request(server, lsp.TEXT_DOCUMENT_REFERENCES)
    def references(params: lsp.ReferenceParams) -> list[lsp.Location] | None:
        found = _occurrence(server, params.text_document.uri, params.position)
        if found is None:
            return None
        index, occurrence, document = found
        return [
            _location(document, o)
            for o in index.same(occurrence)
            if params.context.include_declaration or not o.defines
        ]

    @_request(server, lsp.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(params: lsp.PrepareRenameParams) -> lsp.Range | None:
        found = _occurrence(server, params.text_document.uri, params.position)
        if found is None or found[1].entity is None:
            return None
        return to_range(found[2], found[1].span)

    @server.feature(lsp.TEXT_DOCUMENT_RENAME)
    def rename(params: lsp.RenameParams) -> lsp.WorkspaceEdit | None:
        refused: list[str] = []
        edit = guarded(server, lambda: _rename(server, params, refused), None)
        if refused:  # the editor shows why, and nothing changes
            raise JsonRpcInvalidRequest(refused[0])
        return edit

    @_request(
        server,
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
    )
    def code_action(params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        return quick_fixes(params.text_document.uri, params.context.diagnostics)


def _completion(server: PlanServer, params: lsp.CompletionParams) -> lsp.CompletionList | None:
    document = server.text_of(params.text_document.uri)
    plan = server.documents.get(params.text_document.uri)
    cursor = cursor_at(document.source, to_spot(document, params.position), _last_yaml(plan))
    data = plan.data() if plan is not None else None
    items = [
        lsp.CompletionItem(
            label=s.label,
            kind=_KINDS[s.kind],
            detail=s.detail or None,
            documentation=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=s.documentation)
            if s.documentation
            else None,
            insert_text=s.insert or s.label,
            sort_text=f"{s.order:05d}",
        )
        for s in suggestions(cursor, data)
    ]
    return lsp.CompletionList(is_incomplete=False, items=items)


def _hover(server: PlanServer, params: lsp.HoverParams) -> lsp.Hover | None:
    plan = server.documents.get(params.text_document.uri)
    if plan is None or plan.analysis is None:
        return None
    document = server.text_of(params.text_document.uri)
    found = subject_at(document.source, to_spot(document, params.position), _last_yaml(plan))
    if found is None:
        return None
    text = hover_text(plan.analysis, found[0])
    if text is None:
        return None
    return lsp.Hover(
        contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text),
        range=to_range(document, found[1]),
    )


def _last_yaml(plan: PlanDocument | None) -> ParsedYaml | None:
    """The parse of the last text of the plan that was YAML: where the cursor stands is
    read from it (:mod:`crmplan.lsp.context`)."""
    if plan is None:
        return None
    if plan.current.parsed is not None:
        return plan.current.parsed
    return plan.last_good.parsed if plan.last_good is not None else None


def _occurrence(
    server: PlanServer, uri: str, position: lsp.Position
) -> tuple[Index, Occurrence, TextDocument] | None:
    plan = server.documents.get(uri)
    if plan is None:
        return None
    document = server.text_of(uri)
    index = plan.index(document.source)
    if index is None:
        return None
    occurrence = index.at(to_spot(document, position))
    return (index, occurrence, document) if occurrence is not None else None


def _location(document: TextDocument, occurrence: Occurrence) -> lsp.Location:
    return lsp.Location(uri=document.uri, range=to_range(document, occurrence.span))


def _rename(
    server: PlanServer, params: lsp.RenameParams, refused: list[str]
) -> lsp.WorkspaceEdit | None:
    """The edits of a rename; a refused rename's reason goes into ``refused``."""
    found = _occurrence(server, params.text_document.uri, params.position)
    if found is None:
        return None
    index, occurrence, document = found
    try:
        renamed = index.rename(occurrence, params.new_name)
    except RenameRefused as exc:
        refused.append(str(exc))
        return None
    lines = document.lines
    edits = [lsp.TextEdit(range=to_range(document, e.span, lines), new_text=e.new) for e in renamed]
    return lsp.WorkspaceEdit(changes={document.uri: edits})


def quick_fixes(uri: str, shown: Sequence[lsp.Diagnostic]) -> list[lsp.CodeAction]:
    """A quick fix for each finding whose hint advises one replacement."""
    actions = []
    for diagnostic in shown:
        data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
        fix = data.get("fix")
        if diagnostic.source != SOURCE or not isinstance(fix, str) or not fix:
            continue
        actions.append(
            lsp.CodeAction(
                title=str(data.get("hint") or fix),
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=True,
                edit=lsp.WorkspaceEdit(
                    changes={uri: [lsp.TextEdit(range=diagnostic.range, new_text=fix)]}
                ),
            )
        )
    return actions


def serve(lang: str | None) -> None:
    """Speak the protocol on standard input and output until the editor says exit."""
    logging.getLogger("pygls").setLevel(logging.CRITICAL)  # stderr is the editor's log
    # the analyses stay in memory; a kept copy of each version typed would only fill the
    # user's cache folder (crmplan.plan.cache)
    os.environ[cache.NO_CACHE] = "1"
    build(lang).start_io()
