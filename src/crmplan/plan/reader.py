"""Reading a plan file safely: what file it is, how big, which bytes and characters.

Everything here happens before a YAML parser sees the text, so a FIFO, a
50 MB file, Latin-1 bytes or a stray control character are refused with a
position instead of being misread.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from crmplan import rules
from crmplan.errors import Issue, PlanError, Severity, UsageError, os_reason
from crmplan.findings import Rule
from crmplan.i18n import N_, _
from crmplan.quoting import shown_path

MAX_PLAN_BYTES = 1024 * 1024
MAX_ISSUES_PER_KIND = 20
BOM = b"\xef\xbb\xbf"

# C0 controls but tab, LF and CR; DEL; C1 controls (incl. U+0085 NEL); line and
# paragraph separators; a BOM inside the text; lone surrogates.
FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]"
)
_LONE_CR = re.compile("\r(?!\n)")
# Bidirectional overrides and isolates can make text display differently from what it is.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class PlanText:
    """A plan's text as read from disk, ready for the YAML parser."""

    name: str
    text: str
    had_bom: bool
    raw: bytes


def read_plan(path: Path, display_name: str | None = None) -> PlanText:
    """Read and decode a plan file; refuse anything that is not a small regular UTF-8 file."""
    name = display_name or str(path)
    raw = read_bytes(path, name)
    return decode_plan(raw, name)


def decode_plan(raw: bytes, name: str) -> PlanText:
    """Decode plan bytes as UTF-8 (BOM allowed) and check every character."""
    had_bom = raw.startswith(BOM)
    body = raw[len(BOM) :] if had_bom else raw
    encoding = _wide_encoding(body)
    if encoding:
        raise PlanError([_issue(name, 1, 1, _("the plan is {encoding}; save it as UTF-8").format(
            encoding=encoding), rules.NOT_UTF8)])
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PlanError([_decode_issue(name, body, exc)]) from None
    issues = check_characters(text, name)
    if any(i.severity is Severity.ERROR for i in issues):
        raise PlanError(issues)
    return PlanText(name=name, text=text, had_bom=had_bom, raw=raw)


# How YAML 1.2 (5.2) tells the encoding from the first bytes: a byte order mark, or the
# zero bytes around an ASCII first character. UTF-32's marks before UTF-16's, which
# they begin with.
_WIDE_ENCODINGS = (
    (re.compile(rb"\A(?:\x00\x00\xfe\xff|\xff\xfe\x00\x00|\x00\x00\x00[^\x00]|[^\x00]\x00\x00\x00)"),
     "UTF-32"),
    (re.compile(rb"\A(?:\xfe\xff|\xff\xfe|\x00[^\x00]|[^\x00]\x00)"), "UTF-16"),
)


def _wide_encoding(body: bytes) -> str:
    """``UTF-32`` or ``UTF-16`` when the bytes start as YAML says such a file does."""
    for pattern, encoding in _WIDE_ENCODINGS:
        if pattern.match(body):
            return encoding
    return ""


def check_characters(text: str, name: str) -> list[Issue]:
    """Errors for control characters and lone CRs, warnings for bidi controls."""
    issues = [
        _issue(name, *_line_col(text, m.start()), _forbidden_message(m.group()),
               rules.CONTROL_CHARACTER)
        for m in _limited(FORBIDDEN_CHARACTERS.finditer(text))
    ]
    issues += [
        _issue(name, *_line_col(text, m.start()), _("carriage return without a line feed; "
               "save the file with LF or CRLF line endings"), rules.LONE_CARRIAGE_RETURN)
        for m in _limited(_LONE_CR.finditer(text))
    ]
    issues += [
        _issue(
            name,
            *_line_col(text, m.start()),
            _("bidirectional control character U+{code:04X} can make text display "
              "differently from what it says").format(code=ord(m.group())),
            rules.BIDI_CONTROL,
        )
        for m in _limited(BIDI_CONTROLS.finditer(text))
    ]
    return issues


@dataclass(frozen=True)
class FileKind:
    """What kind of file is read, for its size limit and its messages."""

    what: str
    limit: int
    folder_hint: str
    size_hint: str


PLAN_FILE = FileKind(N_("a plan file"), MAX_PLAN_BYTES, N_("name the plan file, e.g. "
                                                          "{name}/plan.yaml"),
                     N_("keep data exports in the data/ folder, not in the plan"))


def read_bytes(path: Path, name: str, kind: FileKind = PLAN_FILE) -> bytes:
    """The bytes of a regular file no larger than the kind allows; UsageError otherwise."""
    check_file(path, name, kind)
    try:
        with path.open("rb") as handle:
            raw = handle.read(kind.limit + 1)
    except OSError as exc:
        raise UsageError(_("{name}: cannot read: {reason}").format(
            name=shown_path(name), reason=os_reason(exc))) from None
    if len(raw) > kind.limit:
        raise too_large(name, len(raw), kind)
    return raw


def check_file(path: Path, name: str, kind: FileKind) -> int:
    """Check that ``path`` is a regular file no larger than the kind allows; its size."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UsageError(_("{name}: no such file").format(name=shown_path(name))) from None
    except OSError as exc:  # a name too long, a loop of links
        raise UsageError(_("{name}: cannot read: {reason}").format(
            name=shown_path(name), reason=os_reason(exc))) from None
    _check_file_kind(info, name, kind)
    return info.st_size


def _check_file_kind(info: os.stat_result, name: str, kind: FileKind) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(
            _("{name}: is a folder, not {what}").format(name=shown_path(name),
                                                        what=_(kind.what)),
            hint=_(kind.folder_hint).format(name=shown_path(name)),
        )
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(_("{name}: not a regular file (a device, pipe or socket); "
                           "crmplan reads regular files only").format(name=shown_path(name)))
    if info.st_size > kind.limit:
        raise too_large(name, info.st_size, kind)


def too_large(name: str, size: int, kind: FileKind = PLAN_FILE) -> UsageError:
    """The refusal of a file larger than its kind may be."""
    return UsageError(
        _("{name}: too large ({size:,} bytes); {what} is at most {limit:,} bytes").format(
            name=shown_path(name), size=size, what=_(kind.what), limit=kind.limit),
        hint=_(kind.size_hint),
    )


def _decode_issue(name: str, body: bytes, exc: UnicodeDecodeError) -> Issue:
    before = body[: exc.start]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return _issue(
        name,
        line,
        column,
        _("invalid UTF-8 (byte 0x{byte:02X}); save the file as UTF-8").format(
            byte=body[exc.start]),
        rules.NOT_UTF8,
    )


def _forbidden_message(char: str) -> str:
    if char == "\ufeff":
        return _("byte order mark inside the text; remove it")
    return _("control character U+{code:04X} is not allowed in a plan; remove it").format(
        code=ord(char))


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _limited(matches: object) -> list[re.Match[str]]:
    found: list[re.Match[str]] = []
    for match in matches:  # type: ignore[attr-defined]
        found.append(match)
        if len(found) >= MAX_ISSUES_PER_KIND:
            break
    return found


def _issue(name: str, line: int, column: int, message: str, rule: Rule) -> Issue:
    return Issue(file=name, line=line, column=column, message=message, rule=rule)
