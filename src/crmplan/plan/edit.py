"""Round-trip edits of a plan file by splicing text, never by dumping the document.

ruamel.yaml's composer tells where every node starts and ends (0-based line
and column). An edit replaces or inserts text at those positions, so
everything it does not touch (comments, key order, quoting, indentation, long
lines, flow style, CRLF line ends, a BOM) stays byte-identical. New fragments
come from a small deterministic emitter.

Every edit is verified before it is kept: the new text must reload (safe
loader) to the old data with exactly the intended change, and the text
outside the spliced region must be unchanged; otherwise
:class:`~crmplan.errors.WriteRefusedError` carries a unified diff and nothing
is written. Before it is saved, the new text is loaded as a whole plan
(schema, references, the size limit): a write after which a plan that loaded
would no longer load is refused, and nothing is written.

Where new things go:

* an item appended to a block list goes on the line after the last line
  holding content of the last item (after that line's trailing comment);
  comment and blank lines that follow the last item stay below the new item,
  since they usually introduce what comes next;
* a key added to a block mapping goes after the mapping's last content line,
  at the column of the mapping's keys, in the same way;
* an empty placeholder under a key (``log: []``, ``task_force: {}``) becomes
  block YAML on the lines below the key, indented like the file's other
  blocks: what a command adds is written in block style, never as one long
  flow line, whatever the placeholder looked like;
* in a non-empty flow collection (``[a, b]``, ``{a: 1}``) the new entry is
  written in flow style after the last entry (``[a, b, c]``): the user chose
  that style;
* an item added to a block list whose items are flow mappings is a flow
  mapping too, when it fits on a line of :data:`~crmplan.plan.emit.WIDTH`
  characters; otherwise it is written in block style;
* a text too long for such a line is written double-quoted over several
  lines (:func:`~crmplan.plan.emit.entry_lines`).
"""

from __future__ import annotations

import copy
import difflib
import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from crmplan.atomic import FileState, atomic_write, check_writable
from crmplan.errors import PlanError, UsageError, WriteRefusedError, os_reason
from crmplan.i18n import _, ngettext
from crmplan.plan.emit import (
    child_column,
    emit_block,
    emit_flow,
    emit_scalar,
    entry_lines,
    fits,
    inline,
    is_block,
    item_lines,
    plain_data,
)
from crmplan.plan.load import load_bytes
from crmplan.plan.reader import MAX_PLAN_BYTES, read_plan
from crmplan.plan.sections import SectionCache
from crmplan.plan.yamldoc import (
    Doc,
    KeyPath,
    Target,
    after_indicator,
    by_hand,
    checked_data,
    dash_offset,
    dotted,
    end_line,
    is_flow,
    is_implicit_null,
    is_null,
    locate,
    node_kind,
    not_a,
    parse_document,
    refuse_anchor,
    scalar_last_line,
    walk_nodes,
)
from crmplan.quoting import shown_path

__all__ = ["EditablePlan", "KeyPath", "Replacement"]

_Change = Callable[[Any], None]

_BOM = b"\xef\xbb\xbf"


# --------------------------------------------------------------------------- splicing


@dataclass(frozen=True)
class Replacement:
    """``text[start:end]`` of the text before an edit became ``new``."""

    start: int
    end: int
    new: str


@dataclass(frozen=True)
class _Splice:
    """Replace ``text[start:end]`` with ``new``."""

    start: int
    end: int
    new: str

    def apply(self, text: str) -> str:
        return text[: self.start] + self.new + text[self.end :]


def _insert_lines(doc: Doc, line: int, lines: list[str]) -> _Splice:
    """Insert ``lines`` before line ``line``, in the file's newline style."""
    nl = doc.newline
    if line < len(doc.starts):
        pos = doc.starts[line]
        return _Splice(pos, pos, "".join(text + nl for text in lines))
    return _Splice(len(doc.text), len(doc.text), nl + nl.join(lines))


def _append_splice(doc: Doc, target: Target, item: Any) -> _Splice:
    node = target.node
    if node is None:
        return _add_entry(doc, target, [item])
    if _is_placeholder(target):
        return _placeholder_to_block(doc, target, [item])
    if isinstance(node, SequenceNode):
        return _append_to_list(doc, node, item, target.path)
    if is_null(node):
        return _replace(doc, target, [item])
    raise not_a(doc, node, target.path, _("a list"))


def _set_splice(doc: Doc, target: Target, value: Any) -> _Splice:
    if target.node is None:
        return _add_entry(doc, target, value)
    if _is_placeholder(target) and is_block(value):
        return _placeholder_to_block(doc, target, value)
    return _replace(doc, target, value)


def _is_placeholder(target: Target) -> bool:
    """An empty flow collection (``[]``, ``{}``) written as a key's value in block YAML."""
    node = target.node
    return (node is not None and is_flow(node) and not node.value and not target.in_flow
            and target.key_node is not None
            and node.start_mark.line == target.key_node.start_mark.line)


def _placeholder_to_block(doc: Doc, target: Target, value: Any) -> _Splice:
    """``key: []  # c`` becomes ``key:  # c`` followed by ``value`` as block lines."""
    node, key_node = target.node, target.key_node
    assert node is not None and key_node is not None
    refuse_anchor(doc, node, target.path)
    colon = after_indicator(doc, target)
    line_end = doc.line_end(key_node.start_mark.line)
    tail = doc.text[doc.offset(node.end_mark) : line_end]
    lines = emit_block(value, child_column(value, key_node.start_mark.column, doc.layout),
                       doc.layout)
    return _Splice(colon, line_end, tail + doc.newline + doc.newline.join(lines))


def _append_to_list(doc: Doc, seq: SequenceNode, item: Any, path: KeyPath) -> _Splice:
    if is_flow(seq):
        return _flow_append(doc, seq, emit_flow(item), path)
    offset = dash_offset(doc, seq) or doc.layout.dash_offset
    flow_line = " " * seq.start_mark.column + "-" + " " * (offset - 1) + emit_flow(item)
    if seq.value and is_flow(seq.value[-1]) and is_block(item) and fits(flow_line):
        # the items before are written {a: 1, b: 2}: so is the new one, if it fits
        lines = [flow_line]
    else:
        lines = item_lines(item, seq.start_mark.column, replace(doc.layout, dash_offset=offset))
    return _insert_lines(doc, end_line(doc, seq, path), lines)


def _add_entry(doc: Doc, target: Target, value: Any) -> _Splice:
    mapping, key = target.parent, target.path[-1]
    assert isinstance(key, str)
    if len(target.path) > 1 and is_flow(mapping) and not mapping.value:
        parent = locate(doc, target.path[:-1])
        if _is_placeholder(parent):  # ``task_force: {}``: a block mapping from now on
            return _placeholder_to_block(doc, parent, {key: value})
    if is_flow(mapping):
        return _flow_append(
            doc, mapping, f"{emit_scalar(key, flow=True)}: {emit_flow(value)}", target.path
        )
    lines = entry_lines(key, value, mapping.start_mark.column, doc.layout)
    return _insert_lines(doc, end_line(doc, mapping, target.path), lines)


def _flow_append(doc: Doc, node: Node, text: str, path: KeyPath) -> _Splice:
    """Add ``text`` as the last entry of a flow list or mapping."""
    if not node.value:
        pos = doc.offset(node.start_mark) + 1
        return _Splice(pos, pos, text)
    last = node.value[-1][1] if isinstance(node, MappingNode) else node.value[-1]
    refuse_anchor(doc, last, path)
    pos = doc.offset(last.end_mark)
    return _Splice(pos, pos, ", " + text)


def _replace(doc: Doc, target: Target, value: Any) -> _Splice:
    """Replace the existing value at ``target`` with ``value``."""
    node = target.node
    assert node is not None
    for inner in walk_nodes(node):
        refuse_anchor(doc, inner, target.path)
    if isinstance(node, ScalarNode):
        return _replace_scalar(doc, target, node, value)
    if is_flow(node):
        start, end = doc.offset(node.start_mark), doc.offset(node.end_mark)
        if "#" in doc.text[start:end] and "\n" in doc.text[start:end]:  # would drop a comment
            raise by_hand(doc, node, _("cannot replace {path}: a comment is written inside it")
                          .format(path=dotted(target.path)))
        return _Splice(start, end, emit_flow(value))
    message = _("cannot replace {path}: it is {kind} written in block style")
    raise by_hand(doc, node, message.format(path=dotted(target.path), kind=node_kind(node)))


def _replace_scalar(doc: Doc, target: Target, node: ScalarNode, value: Any) -> _Splice:
    if target.in_flow or not is_block(value):
        text = emit_flow(value) if target.in_flow else inline(value)
        if is_implicit_null(node):
            pos = after_indicator(doc, target)
            return _Splice(pos, pos, " " + text)
        last = scalar_last_line(doc, node, keep_blank=False)
        end = doc.line_end(last) if node.style in ("|", ">") else doc.offset(node.end_mark)
        return _Splice(doc.offset(node.start_mark), end, text)
    return _scalar_to_block(doc, target, node, value)


def _scalar_to_block(doc: Doc, target: Target, node: ScalarNode, value: Any) -> _Splice:
    """``key: old  # c`` becomes ``key:  # c`` followed by ``value`` as block lines."""
    key_node = target.key_node
    implicit = is_implicit_null(node)
    single_line = node.start_mark.line == node.end_mark.line and node.style not in ("|", ">")
    on_key_line = key_node is not None and node.start_mark.line == key_node.start_mark.line
    if key_node is None or not (implicit or (single_line and on_key_line)):
        message = _("cannot replace {path} with a list or mapping here")
        raise by_hand(doc, node, message.format(path=dotted(target.path)))
    colon = after_indicator(doc, target)
    line_end = doc.line_end(key_node.start_mark.line)
    tail = doc.text[colon if implicit else doc.offset(node.end_mark) : line_end]
    column = child_column(value, key_node.start_mark.column, doc.layout)
    lines = emit_block(value, column, doc.layout)
    return _Splice(colon, line_end, tail + doc.newline + doc.newline.join(lines))


def _rename_splice(doc: Doc, target: Target, new: Any) -> _Splice:
    """The key's own text replaced by ``new``, written as a scalar of its place."""
    key = target.key_node
    if key is None or target.node is None or not isinstance(key, ScalarNode):
        raise UsageError(_("{where}: {path} does not exist").format(
            where=doc.name, path=dotted(target.path)))
    refuse_anchor(doc, key, target.path)
    text = emit_flow(new) if target.in_flow else inline(new)
    return _Splice(doc.offset(key.start_mark), doc.offset(key.end_mark), text)


# --------------------------------------------------------------------------- verifying


def _start(splice: _Splice) -> int:
    return splice.start


def _scalar_target(doc: Doc, path: KeyPath) -> Target:
    target = locate(doc, path)
    if not isinstance(target.node, ScalarNode):
        raise by_hand(doc, target.node or target.parent, _(
            "cannot rename {path}: it is not a single value").format(path=dotted(path)))
    return target


def _verified_all(
    doc: Doc, splices: list[_Splice], changes: list[_Change], paths: list[KeyPath]
) -> str:
    """Several splices at once (none overlapping), checked as :func:`_verified` checks one:
    the new text reloads to the old data with exactly these changes (made at ``paths``)."""
    ordered = sorted(splices, key=_start)
    if any(a.end > b.start for a, b in itertools.pairwise(ordered)):
        raise _refused(doc, doc.text)
    new_text = doc.text
    for splice in reversed(ordered):
        new_text = splice.apply(new_text)
    try:
        expected = _copied_along(doc.data, paths)
        for change in changes:
            change(expected)
        actual = checked_data(doc.name, new_text.replace("\r\n", "\n"), doc.sections)
    except (PlanError, LookupError, TypeError, AttributeError):
        raise _refused(doc, new_text) from None
    if not _same(actual, expected):
        raise _refused(doc, new_text)
    return new_text


def _verified(doc: Doc, splice: _Splice, change: _Change) -> str:
    """The edited text, after checking it says exactly what was meant; else refuse."""
    new_text = splice.apply(doc.text)
    expected = copy.deepcopy(doc.data)
    try:
        change(expected)
        actual = checked_data(doc.name, new_text.replace("\r\n", "\n"), doc.sections)
    except (PlanError, LookupError, TypeError, AttributeError):
        raise _refused(doc, new_text) from None
    if not (_same(actual, expected) and _outside_unchanged(doc.text, new_text, splice)):
        raise _refused(doc, new_text)
    return new_text


def _copied_along(data: Any, paths: list[KeyPath]) -> Any:
    """``data`` with each list and mapping along ``paths`` copied, so that changes made
    there leave ``data`` as it was; the rest is shared with it, and never changed (a deep
    copy of a large plan would cost more than the edit). A value that appears at two
    places (an alias) is copied at the place changed only, so that a change through an
    alias is refused."""
    copies: dict[int, Any] = {}

    def copied(node: Any) -> Any:
        found = copies.get(id(node))
        if found is None:
            found = copies[id(node)] = copy.copy(node)
            copies[id(found)] = found  # already a copy
        return found

    root = copied(data)
    for path in paths:
        node = root
        for key in path:
            child = node[key]
            if not isinstance(child, dict | list):
                break
            node[key] = node = copied(child)
    return root


def _outside_unchanged(old: str, new: str, splice: _Splice) -> bool:
    after = splice.start + len(splice.new)
    return new[: splice.start] == old[: splice.start] and new[after:] == old[splice.end :]


def _same(a: Any, b: Any) -> bool:
    """Deep equality that also compares types (``1 != True``) and key order."""
    if a is b:  # a part the edit did not touch, read again from the same section
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _refused(doc: Doc, new_text: str) -> WriteRefusedError:
    diff = difflib.unified_diff(
        doc.text.splitlines(keepends=True),
        new_text.splitlines(keepends=True),
        fromfile=f"{doc.name} (now)",
        tofile=f"{doc.name} (after the edit)",
    )
    return WriteRefusedError(
        _("{name}: the edit would change more than intended; nothing was written").format(
            name=doc.name
        ),
        diff="".join(diff),
        hint=_("Make this change by hand; the diff shows what crmplan would have written."),
    )


def _at(data: Any, path: KeyPath) -> Any:
    for key in path:
        data = data[key]
    return data


def _appending(path: KeyPath, item: Any) -> _Change:
    def change(data: Any) -> None:
        parent, key = _at(data, path[:-1]), path[-1]
        current = parent.get(key) if isinstance(parent, dict) else parent[key]
        if current is None:  # a missing key or an empty value, in a mapping or a list
            parent[key] = [copy.deepcopy(item)]
        else:
            current.append(copy.deepcopy(item))

    return change


def _renaming(path: KeyPath, new: Any) -> _Change:
    def change(data: Any) -> None:
        parent = _at(data, path[:-1])
        entries = list(parent.items())
        parent.clear()
        parent.update((new if key == path[-1] else key, value) for key, value in entries)

    return change


def _setting(path: KeyPath, value: Any) -> _Change:
    def change(data: Any) -> None:
        _at(data, path[:-1])[path[-1]] = copy.deepcopy(value)

    return change


# --------------------------------------------------------------------------- the plan text


class EditablePlan:
    """A plan file's text, edited in place and saved atomically.

    The BOM and the newline style (CRLF when most line ends are CRLF) are kept;
    :meth:`save` refuses if the file changed on disk since :meth:`read`.
    """

    def __init__(
        self,
        data: bytes,
        *,
        file: Path | None = None,
        state: FileState | None = None,
        name: str | None = None,
        sections: SectionCache | None = None,
    ) -> None:
        self.file = file
        self.name = name or (str(file) if file is not None else "<plan>")
        self.has_bom = data.startswith(_BOM)
        self._saved = self._text = _decode(data[len(_BOM) :] if self.has_bom else data, self.name)
        self.newline = "\r\n" if 2 * self._text.count("\r\n") > self._text.count("\n") else "\n"
        self._state = state
        self._sections = sections  # an editor's: the sections of the texts it read lately

    @classmethod
    def from_text(
        cls, text: str, *, name: str = "<plan>", sections: SectionCache | None = None
    ) -> EditablePlan:
        """A plan text not read from a file (it can be rendered, not saved); an editor
        passes the ``sections`` it read lately, which are then not read again."""
        return cls(text.encode("utf-8"), name=name, sections=sections)

    @classmethod
    def read(cls, path: Path, *, writing: bool = True) -> EditablePlan:
        """Read ``path`` and remember its state, to detect changes before saving.

        The file goes through the plan reader's checks first (regular file,
        size cap, UTF-8, forbidden characters); unless ``writing`` is False (a
        dry run), a file crmplan may not write is refused now, before any work.
        """
        data = read_plan(path).raw
        if writing:
            check_writable(path)
        try:
            state = FileState.of(path, data)
        except OSError as exc:
            raise UsageError(
                _("cannot read {path}: {reason}").format(path=shown_path(path),
                                                          reason=os_reason(exc))
            ) from None
        return cls(data, file=path, state=state)

    @property
    def text(self) -> str:
        """The current text, without the BOM, in the file's own newlines."""
        return self._text

    @property
    def changed(self) -> bool:
        """True if an edit changed the text since it was read or saved."""
        return self._text != self._saved

    def render_bytes(self) -> bytes:
        """The bytes :meth:`save` writes (BOM included if the file had one)."""
        return (_BOM if self.has_bom else b"") + self._text.encode("utf-8")

    def save(self) -> bool:
        """Write the text back atomically; False (and nothing written) if unchanged."""
        if self.file is None:
            raise ValueError("this plan text was not read from a file")
        if not self.changed:
            return False
        data = self.render_bytes()
        self._check_whole(data)
        atomic_write(self.file, data, expected=self._state)
        self._saved, self._state = self._text, _state_after_write(self.file, data)
        return True

    def _check_whole(self, data: bytes) -> None:
        """Refuse a write after which the plan would not load, if it loaded before."""
        problem = _load_problem(data, self.name)
        if problem and not _load_problem(self._saved.encode("utf-8"), self.name):
            raise WriteRefusedError(problem, hint=_(
                "the plan is as it was; give values the plan can hold"))

    def append_item(self, path: KeyPath, item: Any) -> None:
        """Append ``item`` to the list at ``path`` (created if the key is missing or empty)."""
        self._edit(path, item, _append_splice, _appending)

    def set_value(self, path: KeyPath, value: Any) -> None:
        """Set the value at ``path``; a missing key is added at the end of its mapping.

        A scalar is replaced in place; a flow list or mapping is replaced in flow
        style; a non-empty list or mapping replacing a scalar (or an empty
        value) under a key is written as block YAML on the lines below it.
        Replacing a whole block list or mapping is refused.
        """
        self._edit(path, value, _set_splice, _setting)

    def rename(self, values: list[KeyPath], keys: list[KeyPath], new: str
               ) -> list[Replacement]:
        """Write ``new`` as the scalar at each of ``values`` and as the key at each of
        ``keys`` (an id and every reference to it), verified as one edit; the stretches of
        the text before the edit that were replaced, in the order of the text."""
        doc = parse_document(self.name, self._text, self.newline, self._sections)
        splices = [_set_splice(doc, _scalar_target(doc, path), new) for path in values]
        splices += [_rename_splice(doc, locate(doc, path), new) for path in keys]
        changes = [_setting(path, new) for path in values] + [
            _renaming(path, new) for path in keys]
        self._text = _verified_all(doc, splices, changes, [*values, *keys])
        return [Replacement(s.start, s.end, s.new) for s in sorted(splices, key=_start)]

    def rename_key(self, path: KeyPath, new: str) -> None:
        """Rename the mapping key at ``path`` to ``new``: its value, its place among the
        other keys and its comments stay as written."""
        self._edit(path, new, _rename_splice, _renaming)

    def _edit(
        self,
        path: KeyPath,
        value: Any,
        make: Callable[[Doc, Target, Any], _Splice],
        change: Callable[[KeyPath, Any], _Change],
    ) -> None:
        """Parse, locate, splice, verify; keep the new text only if all of it succeeds."""
        doc = parse_document(self.name, self._text, self.newline)
        target = locate(doc, path)
        try:
            plain = plain_data(value)
            splice = make(doc, target, plain)
        except ValueError as exc:
            raise UsageError(
                _("{name}: cannot write {path}: {reason}").format(
                    name=self.name, path=dotted(path), reason=exc
                )
            ) from None
        self._text = _verified(doc, splice, change(path, plain))


_PROBLEMS_SHOWN = 3


def _load_problem(data: bytes, name: str) -> str | None:
    """Why ``data`` would not load as a plan (the size limit, then the loader); None if it
    loads."""
    shown_name = shown_path(name)
    if len(data) > MAX_PLAN_BYTES:
        return _("{name}: the plan would grow to {size:,} bytes, over the {limit} MiB a plan "
                 "may hold; nothing was written").format(
            name=shown_name, size=len(data), limit=MAX_PLAN_BYTES // 2**20)
    try:
        load_bytes(data, name)
    except PlanError as exc:
        found = [f"{i.path}: {i.message}" if i.path else i.message for i in exc.issues]
        more = len(found) - _PROBLEMS_SHOWN
        listed = "; ".join(found[:_PROBLEMS_SHOWN]) + ("; " + ngettext(
            "and {count} more", "and {count} more", more).format(count=more) if more > 0 else "")
        return _("{name}: after this change the plan would not load ({problems}); nothing was "
                 "written").format(name=shown_name, problems=listed)
    return None


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(_("{name}: cannot edit: not valid UTF-8").format(
            name=shown_path(name))) from None


def _state_after_write(path: Path, data: bytes) -> FileState | None:
    try:
        return FileState.of(path, data)
    except OSError:
        return None
