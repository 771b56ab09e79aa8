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
is written.

Where new things go:

* an item appended to a block list goes on the line after the last line
  holding content of the last item (after that line's trailing comment);
  comment and blank lines that follow the last item stay below the new item,
  since they usually introduce what comes next;
* a key added to a block mapping goes after the mapping's last content line,
  at the column of the mapping's keys, in the same way;
* in a flow collection (``[a, b]``, ``{a: 1}``) the new entry is written in
  flow style after the last entry (``[a, b, c]``), or inside empty brackets.
"""

from __future__ import annotations

import copy
import difflib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from crmplan.atomic import FileState, atomic_write
from crmplan.errors import UsageError, WriteRefusedError
from crmplan.i18n import _
from crmplan.plan.emit import (
    STR_TAG,
    Layout,
    child_column,
    emit_block,
    emit_flow,
    emit_scalar,
    entry_lines,
    inline,
    is_block,
    item_lines,
    plain_data,
)
from crmplan.plan.reader import read_plan

__all__ = ["EditablePlan", "KeyPath"]

KeyPath = tuple[str | int, ...]
_Change = Callable[[Any], None]

_BOM = b"\xef\xbb\xbf"
_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_ODD_LINE_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")
_COLON = re.compile(r"[ \t]*:")
_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#")


# --------------------------------------------------------------------------- document


@dataclass(frozen=True)
class _Doc:
    """The current text with its composed node tree, safe-loaded data and layout."""

    name: str
    text: str
    newline: str
    root: MappingNode
    data: Any
    layout: Layout
    starts: tuple[int, ...]

    def line(self, index: int) -> str:
        """Line ``index`` without its line end ('' past the end)."""
        if index >= len(self.starts):
            return ""
        return self.text[self.starts[index] : self.line_end(index)]

    def line_end(self, index: int) -> int:
        """Offset just before line ``index``'s ``\\n`` or ``\\r\\n``."""
        end = self.text.find("\n", self.starts[index])
        if end < 0:
            return len(self.text)
        return end - 1 if end > 0 and self.text[end - 1] == "\r" else end

    def offset(self, mark: Any) -> int:
        """The text offset of a ruamel mark (lines and columns match the CRLF text)."""
        return int(self.starts[mark.line] + mark.column)

    def where(self, node: Node) -> str:
        """``name:line:col`` (1-based) of ``node``."""
        return f"{self.name}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"


def _parse(name: str, text: str, newline: str) -> _Doc:
    """Compose and safe-load ``text``; refuse what this editor cannot handle."""
    odd = _ODD_LINE_BREAKS.search(text)
    if odd:
        raise UsageError(
            _("{name}: cannot edit a plan with a lone carriage return or U+{code:04X}").format(
                name=name, code=ord(odd.group())
            )
        )
    normal = text.replace("\r\n", "\n")
    root = _load(name, normal, "rt")
    if not isinstance(root, MappingNode):
        raise UsageError(_("{name}: cannot edit: the plan is not a mapping").format(name=name))
    starts = (0, *(m.end() for m in re.finditer("\n", text)))
    data = _load(name, normal, "safe")
    return _Doc(name, text, newline, root, data, _infer_layout(root), starts)


def _load(name: str, text: str, kind: str) -> Any:
    """The composed root node (``rt``) or the plain data (``safe``) of ``text``."""
    yaml = YAML(typ=kind, pure=True)
    try:
        return yaml.compose(text) if kind == "rt" else yaml.load(text)
    except (YAMLError, ValueError, RecursionError) as exc:
        raise UsageError(
            _("{name}: cannot edit: the plan is not valid YAML ({problem})").format(
                name=name, problem=getattr(exc, "problem", None) or exc
            ),
            hint=_("Run `crmplan validate` to see where."),
        ) from None


def _infer_layout(root: Node) -> Layout:
    """The indentation most used in the document, for new block YAML."""
    indents: Counter[int] = Counter()
    seq_indents: Counter[int] = Counter()
    offsets: Counter[int] = Counter()
    for node in _walk_nodes(root):
        if isinstance(node, MappingNode) and not node.flow_style:
            for key, value in node.value:
                if _is_block_collection(value) and value.start_mark.line > key.start_mark.line:
                    counter = indents if isinstance(value, MappingNode) else seq_indents
                    counter[value.start_mark.column - key.start_mark.column] += 1
        elif isinstance(node, SequenceNode) and not node.flow_style:
            for item in node.value:
                offsets[item.start_mark.column - node.start_mark.column] += 1
    return Layout(
        indent=_most_common(indents, 1, 2),
        sequence_indent=_most_common(seq_indents, 0, 2),
        dash_offset=_most_common(offsets, 2, 2),
    )


def _most_common(counter: Counter[int], minimum: int, default: int) -> int:
    usable = [(count, -n, n) for n, count in counter.items() if minimum <= n <= 8]
    return max(usable)[2] if usable else default


def _walk_nodes(root: Node) -> list[Node]:
    """Every node once (aliases may share nodes, even recursively)."""
    seen: dict[int, Node] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen[id(node)] = node
        if isinstance(node, MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return list(seen.values())


def _is_block_collection(node: Node) -> bool:
    return isinstance(node, MappingNode | SequenceNode) and not node.flow_style


def _is_flow(node: Node) -> bool:
    """True for a flow collection (``[a, b]``, ``{a: 1}``); scalars have no style."""
    return bool(getattr(node, "flow_style", False))


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _NULL_TAG


def _is_implicit_null(node: Node) -> bool:
    """``key:`` or ``-`` with nothing after it (ruamel marks it at the next token)."""
    return _is_null(node) and node.value == "" and node.start_mark.index == node.end_mark.index


def _dotted(path: KeyPath) -> str:
    """``kpis[2].snapshots``."""
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else key)
    return text or "(top)"


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return _("a mapping")
    if isinstance(node, SequenceNode):
        return _("a list")
    return _("empty") if _is_null(node) else _("a single value")


# --------------------------------------------------------------------------- finding


@dataclass(frozen=True)
class _Target:
    """Where an edit happens: the parent collection and the existing node, if any."""

    path: KeyPath
    parent: Node
    node: Node | None
    key_node: Node | None
    in_flow: bool


def _locate(doc: _Doc, path: KeyPath) -> _Target:
    """The node at ``path``; every key but the last must exist."""
    if not path:
        raise ValueError("an empty key path")
    node: Node = doc.root
    key_node: Node | None = None
    in_flow = False
    for depth, key in enumerate(path):
        _refuse_anchor(doc, node, path[:depth], at=key_node)
        in_flow = in_flow or _is_flow(node)
        key_node, child = _child(doc, node, key, path[: depth + 1])
        if depth == len(path) - 1:
            if child is not None:
                _refuse_anchor(doc, child, path, at=key_node)
            return _Target(path, node, child, key_node, in_flow)
        if child is None:
            raise UsageError(
                _("{where}: {path} does not exist").format(
                    where=doc.where(node), path=_dotted(path[: depth + 1])
                )
            )
        node = child
    raise AssertionError("unreachable")


def _child(doc: _Doc, node: Node, key: str | int, path: KeyPath) -> tuple[Node | None, Node | None]:
    """(key node, value node) of ``key`` in ``node``; (None, None) for a missing mapping key."""
    if isinstance(key, bool) or not isinstance(key, str | int):
        raise TypeError("key path parts must be str or int")
    if isinstance(key, str):
        return _mapping_child(doc, node, key, path)
    if not isinstance(node, SequenceNode):
        raise _not_a(doc, node, path[:-1], _("a list"))
    if not -len(node.value) <= key < len(node.value):
        raise UsageError(
            _("{where}: {path} has {count} item(s); there is no item {index}").format(
                where=doc.where(node), path=_dotted(path[:-1]), count=len(node.value), index=key
            )
        )
    return None, node.value[key]


def _mapping_child(
    doc: _Doc, node: Node, key: str, path: KeyPath
) -> tuple[Node | None, Node | None]:
    if not isinstance(node, MappingNode):
        raise _not_a(doc, node, path[:-1], _("a mapping"))
    for key_node, value in node.value:
        if key_node.tag == _MERGE_TAG:
            raise _anchor_error(doc, key_node, path[:-1])
        if isinstance(key_node, ScalarNode) and key_node.tag == STR_TAG and key_node.value == key:
            return key_node, value
    return None, None


def _not_a(doc: _Doc, node: Node, path: KeyPath, expected: str) -> UsageError:
    return UsageError(
        _("{where}: {path} is {kind}, not {expected}").format(
            where=doc.where(node), path=_dotted(path), kind=_kind(node), expected=expected
        )
    )


def _refuse_anchor(doc: _Doc, node: Node, path: KeyPath, at: Node | None = None) -> None:
    """Refuse ``node`` if it has an anchor (an alias is the anchored node itself)."""
    if getattr(node, "anchor", None):
        raise _anchor_error(doc, at or node, path)


def _anchor_error(doc: _Doc, node: Node, path: KeyPath) -> UsageError:
    message = _("cannot edit {path}: it uses a YAML anchor, alias or merge key")
    return _by_hand(doc, node, message.format(path=_dotted(path)))


def _by_hand(doc: _Doc, node: Node, message: str) -> UsageError:
    """A refusal located at ``node``, telling the user to make the change by hand."""
    return UsageError(
        f"{doc.where(node)}: {message}", hint=_("Edit this part of the plan by hand.")
    )


# --------------------------------------------------------------------------- positions


def _end_line(doc: _Doc, node: Node, path: KeyPath) -> int:
    """The index of the line after the last line holding ``node``'s content."""
    _refuse_anchor(doc, node, path)
    if isinstance(node, ScalarNode):
        return _scalar_last_line(doc, node, keep_blank=True) + 1
    if _is_flow(node):
        return int(node.end_mark.line) + 1
    last = node.value[-1][1] if isinstance(node, MappingNode) else node.value[-1]
    return _end_line(doc, last, path)


def _scalar_last_line(doc: _Doc, node: ScalarNode, *, keep_blank: bool) -> int:
    """The last line holding a scalar's text (its key or dash line for an empty value)."""
    if _is_implicit_null(node):
        return _significant_line(doc, node.end_mark)
    if node.style not in ("|", ">"):
        return int(node.end_mark.line)
    end = node.end_mark
    last = end.line if doc.line(end.line)[: end.column].strip() else end.line - 1
    if not (keep_blank and _keeps_trailing_lines(doc, node)):
        while last > node.start_mark.line and not doc.line(last).strip():
            last -= 1
    return int(last)


def _keeps_trailing_lines(doc: _Doc, node: ScalarNode) -> bool:
    """True for a ``|+`` or ``>+`` block scalar (trailing blank lines are content)."""
    header = doc.line(node.start_mark.line)[node.start_mark.column :].split()
    return any(part[0] in "|>" and "+" in part for part in header)


def _significant_line(doc: _Doc, mark: Any) -> int:
    """The nearest line at or before ``mark`` holding something other than a comment."""
    line = int(mark.line)
    if doc.line(line)[: mark.column].strip():
        return line
    line -= 1
    while line > 0 and doc.line(line).strip()[:1] in ("", "#"):
        line -= 1
    return line


def _after_indicator(doc: _Doc, target: _Target) -> int:
    """The offset just after the ``:`` (or ``-``) that introduces ``target``'s value."""
    if target.key_node is not None:
        found = _COLON.match(doc.text, doc.offset(target.key_node.end_mark))
        if found is None:
            message = _("cannot find the ':' after the key of {path}")
            raise _by_hand(doc, target.key_node, message.format(path=_dotted(target.path)))
        return found.end()
    assert target.node is not None
    line = _significant_line(doc, target.node.end_mark)
    content = _COMMENT.split(doc.line(line), maxsplit=1)[0].rstrip()
    return doc.starts[line] + len(content)


def _dash_offset(doc: _Doc, seq: SequenceNode) -> int | None:
    """Columns from ``-`` to the content of the list's last item, if on the dash line."""
    last, column = seq.value[-1], seq.start_mark.column
    text, item_column = doc.line(last.start_mark.line), last.start_mark.column
    if _is_implicit_null(last) or item_column - column < 2 or text[column : column + 1] != "-":
        return None
    return None if text[column + 1 : item_column].strip() else int(item_column - column)


# --------------------------------------------------------------------------- splicing


@dataclass(frozen=True)
class _Splice:
    """Replace ``text[start:end]`` with ``new``."""

    start: int
    end: int
    new: str

    def apply(self, text: str) -> str:
        return text[: self.start] + self.new + text[self.end :]


def _insert_lines(doc: _Doc, line: int, lines: list[str]) -> _Splice:
    """Insert ``lines`` before line ``line``, in the file's newline style."""
    nl = doc.newline
    if line < len(doc.starts):
        pos = doc.starts[line]
        return _Splice(pos, pos, "".join(text + nl for text in lines))
    return _Splice(len(doc.text), len(doc.text), nl + nl.join(lines))


def _append_splice(doc: _Doc, target: _Target, item: Any) -> _Splice:
    node = target.node
    if node is None:
        return _add_entry(doc, target, [item])
    if isinstance(node, SequenceNode):
        return _append_to_list(doc, node, item, target.path)
    if _is_null(node):
        return _replace(doc, target, [item])
    raise _not_a(doc, node, target.path, _("a list"))


def _set_splice(doc: _Doc, target: _Target, value: Any) -> _Splice:
    if target.node is None:
        return _add_entry(doc, target, value)
    return _replace(doc, target, value)


def _append_to_list(doc: _Doc, seq: SequenceNode, item: Any, path: KeyPath) -> _Splice:
    if _is_flow(seq):
        return _flow_append(doc, seq, emit_flow(item), path)
    offset = _dash_offset(doc, seq) or doc.layout.dash_offset
    lines = item_lines(item, seq.start_mark.column, replace(doc.layout, dash_offset=offset))
    return _insert_lines(doc, _end_line(doc, seq, path), lines)


def _add_entry(doc: _Doc, target: _Target, value: Any) -> _Splice:
    mapping, key = target.parent, target.path[-1]
    assert isinstance(key, str)
    if _is_flow(mapping):
        return _flow_append(
            doc, mapping, f"{emit_scalar(key, flow=True)}: {emit_flow(value)}", target.path
        )
    lines = entry_lines(key, value, mapping.start_mark.column, doc.layout)
    return _insert_lines(doc, _end_line(doc, mapping, target.path), lines)


def _flow_append(doc: _Doc, node: Node, text: str, path: KeyPath) -> _Splice:
    """Add ``text`` as the last entry of a flow list or mapping."""
    if not node.value:
        pos = doc.offset(node.start_mark) + 1
        return _Splice(pos, pos, text)
    last = node.value[-1][1] if isinstance(node, MappingNode) else node.value[-1]
    _refuse_anchor(doc, last, path)
    pos = doc.offset(last.end_mark)
    return _Splice(pos, pos, ", " + text)


def _replace(doc: _Doc, target: _Target, value: Any) -> _Splice:
    """Replace the existing value at ``target`` with ``value``."""
    node = target.node
    assert node is not None
    for inner in _walk_nodes(node):
        _refuse_anchor(doc, inner, target.path)
    if isinstance(node, ScalarNode):
        return _replace_scalar(doc, target, node, value)
    if _is_flow(node):
        return _Splice(doc.offset(node.start_mark), doc.offset(node.end_mark), emit_flow(value))
    message = _("cannot replace {path}: it is {kind} written in block style")
    raise _by_hand(doc, node, message.format(path=_dotted(target.path), kind=_kind(node)))


def _replace_scalar(doc: _Doc, target: _Target, node: ScalarNode, value: Any) -> _Splice:
    if target.in_flow or not is_block(value):
        text = emit_flow(value) if target.in_flow else inline(value)
        if _is_implicit_null(node):
            pos = _after_indicator(doc, target)
            return _Splice(pos, pos, " " + text)
        last = _scalar_last_line(doc, node, keep_blank=False)
        end = doc.line_end(last) if node.style in ("|", ">") else doc.offset(node.end_mark)
        return _Splice(doc.offset(node.start_mark), end, text)
    return _scalar_to_block(doc, target, node, value)


def _scalar_to_block(doc: _Doc, target: _Target, node: ScalarNode, value: Any) -> _Splice:
    """``key: old  # c`` becomes ``key:  # c`` followed by ``value`` as block lines."""
    key_node = target.key_node
    implicit = _is_implicit_null(node)
    single_line = node.start_mark.line == node.end_mark.line and node.style not in ("|", ">")
    on_key_line = key_node is not None and node.start_mark.line == key_node.start_mark.line
    if key_node is None or not (implicit or (single_line and on_key_line)):
        message = _("cannot replace {path} with a list or mapping here")
        raise _by_hand(doc, node, message.format(path=_dotted(target.path)))
    colon = _after_indicator(doc, target)
    line_end = doc.line_end(key_node.start_mark.line)
    tail = doc.text[colon if implicit else doc.offset(node.end_mark) : line_end]
    column = child_column(value, key_node.start_mark.column, doc.layout)
    lines = emit_block(value, column, doc.layout)
    return _Splice(colon, line_end, tail + doc.newline + doc.newline.join(lines))


# --------------------------------------------------------------------------- verifying


def _verified(doc: _Doc, splice: _Splice, change: _Change) -> str:
    """The edited text, after checking it says exactly what was meant; else refuse."""
    new_text = splice.apply(doc.text)
    expected = copy.deepcopy(doc.data)
    try:
        change(expected)
        actual = YAML(typ="safe", pure=True).load(new_text.replace("\r\n", "\n"))
    except (YAMLError, ValueError, RecursionError, LookupError, TypeError, AttributeError):
        raise _refused(doc, new_text) from None
    if not (_same(actual, expected) and _outside_unchanged(doc.text, new_text, splice)):
        raise _refused(doc, new_text)
    return new_text


def _outside_unchanged(old: str, new: str, splice: _Splice) -> bool:
    after = splice.start + len(splice.new)
    return new[: splice.start] == old[: splice.start] and new[after:] == old[splice.end :]


def _same(a: Any, b: Any) -> bool:
    """Deep equality that also compares types (``1 != True``) and key order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _refused(doc: _Doc, new_text: str) -> WriteRefusedError:
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
        if isinstance(parent, dict) and parent.get(key) is None:
            parent[key] = [copy.deepcopy(item)]
        else:
            parent[key].append(copy.deepcopy(item))

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
    ) -> None:
        self.file = file
        self.name = name or (str(file) if file is not None else "<plan>")
        self.has_bom = data.startswith(_BOM)
        self._saved = self._text = _decode(data[len(_BOM) :] if self.has_bom else data, self.name)
        self.newline = "\r\n" if 2 * self._text.count("\r\n") > self._text.count("\n") else "\n"
        self._state = state

    @classmethod
    def from_text(cls, text: str, *, name: str = "<plan>") -> EditablePlan:
        """A plan text not read from a file (it can be rendered, not saved)."""
        return cls(text.encode("utf-8"), name=name)

    @classmethod
    def read(cls, path: Path) -> EditablePlan:
        """Read ``path`` and remember its state, to detect changes before saving.

        The file goes through the plan reader's checks first (regular file,
        size cap, UTF-8, forbidden characters).
        """
        data = read_plan(path).raw
        try:
            state = FileState.of(path, data)
        except OSError as exc:
            raise UsageError(
                _("cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc)
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
        atomic_write(self.file, data, expected=self._state)
        self._saved, self._state = self._text, _state_after_write(self.file, data)
        return True

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

    def _edit(
        self,
        path: KeyPath,
        value: Any,
        make: Callable[[_Doc, _Target, Any], _Splice],
        change: Callable[[KeyPath, Any], _Change],
    ) -> None:
        """Parse, locate, splice, verify; keep the new text only if all of it succeeds."""
        doc = _parse(self.name, self._text, self.newline)
        target = _locate(doc, path)
        try:
            plain = plain_data(value)
            splice = make(doc, target, plain)
        except ValueError as exc:
            raise UsageError(
                _("{name}: cannot write {path}: {reason}").format(
                    name=self.name, path=_dotted(path), reason=exc
                )
            ) from None
        self._text = _verified(doc, splice, change(path, plain))


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(_("{name}: cannot edit: not valid UTF-8").format(name=name)) from None


def _state_after_write(path: Path, data: bytes) -> FileState | None:
    try:
        return FileState.of(path, data)
    except OSError:
        return None
