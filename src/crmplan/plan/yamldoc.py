"""A plan's text as a composed YAML document: where each node is, and what it looks like.

The editor (:mod:`crmplan.plan.edit`) asks this module where a key path is
written, where a node's last line ends and how the file indents, so that it
can splice new text in without touching anything else.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from crmplan.errors import UsageError
from crmplan.i18n import _
from crmplan.plan.emit import STR_TAG, Layout
from crmplan.plan.sections import SectionCache
from crmplan.quoting import shown_path

KeyPath = tuple[str | int, ...]

_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_ODD_LINE_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")
_COLON = re.compile(r"[ \t]*:")
_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#")

@dataclass(frozen=True)
class Doc:
    """The current text with its composed node tree, safe-loaded data and layout."""

    name: str
    text: str
    newline: str
    root: MappingNode
    data: Any
    layout: Layout
    starts: tuple[int, ...]
    sections: SectionCache | None = None  # an editor's: the sections it read lately

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


def parse_document(
    name: str, text: str, newline: str, sections: SectionCache | None = None
) -> Doc:
    """Compose and safe-load ``text`` (reading again only the sections that changed since
    the ``sections`` were read); refuse what this editor cannot handle."""
    odd = _ODD_LINE_BREAKS.search(text)
    if odd:
        raise UsageError(
            _("{name}: cannot edit a plan with a lone carriage return or U+{code:04X}").format(
                name=name, code=ord(odd.group())
            )
        )
    normal = text.replace("\r\n", "\n")
    data = checked_data(name, normal, sections)  # the loader's guards run before composing
    root = _compose(name, normal)
    if not isinstance(root, MappingNode):
        raise UsageError(_("{name}: cannot edit: the plan is not a mapping").format(
            name=shown_path(name)))
    starts = (0, *(m.end() for m in re.finditer("\n", text)))
    return Doc(name, text, newline, root, data, _infer_layout(root), starts, sections)


def checked_data(name: str, text: str, sections: SectionCache | None = None) -> Any:
    """The plain data of ``text`` as the plan loader reads it; PlanError if it would refuse.
    With an editor's ``sections``, only the sections that changed are read again."""
    from crmplan.errors import PlanError, Severity
    from crmplan.plan.reader import check_characters
    from crmplan.plan.yamltree import parse_yaml

    problems = [i for i in check_characters(text, name) if i.severity is Severity.ERROR]
    # raises PlanError on what makes the text untrustworthy
    parsed = parse_yaml(text, name) if sections is None else sections.parse(text, name)
    problems += parsed.issues
    if problems:
        raise PlanError(problems)
    return parsed.data


# an anchor, an alias or a merge key may start here: libyaml's composer keeps no anchors
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,])[&*]\S|<<")


def fast_compose_allowed(text: str) -> bool:
    """Whether libyaml may compose ``text`` for the editor: where it reads the text as the
    pure parser does (:func:`crmplan.plan.libyaml.fast_path_allowed`), and nothing in it
    could be an anchor or an alias, whose names libyaml's composer drops."""
    from crmplan.plan.libyaml import fast_path_allowed

    return fast_path_allowed(text) and _MAYBE_ANCHOR.search(text) is None


def _compose(name: str, text: str) -> Any:
    """The composed root node of ``text``: libyaml's where it reads exactly as the pure
    composer does (the same nodes, tags and positions; a plain scalar's style is '' there,
    None in the pure composer), about eight times quicker; else the pure composer's."""
    if fast_compose_allowed(text):
        try:
            root = YAML(typ="safe", pure=False).compose(text)
        except (YAMLError, ValueError, RecursionError):
            root = None  # the pure composer says what is wrong
        if isinstance(root, Node):
            for node in walk_nodes(root):
                if isinstance(node, ScalarNode) and node.style == "":
                    node.style = None
            return root
    return _load(name, text, "rt")


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
    for node in walk_nodes(root):
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


def walk_nodes(root: Node) -> list[Node]:
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


def is_flow(node: Node) -> bool:
    """True for a flow collection (``[a, b]``, ``{a: 1}``); scalars have no style."""
    return bool(getattr(node, "flow_style", False))


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _NULL_TAG


def is_implicit_null(node: Node) -> bool:
    """``key:`` or ``-`` with nothing after it (ruamel marks it at the next token)."""
    return is_null(node) and node.value == "" and node.start_mark.index == node.end_mark.index


def dotted(path: KeyPath) -> str:
    """``kpis[2].snapshots``."""
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else key)
    return text or "(top)"


def node_kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return _("a mapping")
    if isinstance(node, SequenceNode):
        return _("a list")
    return _("empty") if is_null(node) else _("a single value")


# --------------------------------------------------------------------------- finding


@dataclass(frozen=True)
class Target:
    """Where an edit happens: the parent collection and the existing node, if any."""

    path: KeyPath
    parent: Node
    node: Node | None
    key_node: Node | None
    in_flow: bool


def locate(doc: Doc, path: KeyPath) -> Target:
    """The node at ``path``; every key but the last must exist."""
    if not path:
        raise ValueError("an empty key path")
    node: Node = doc.root
    key_node: Node | None = None
    in_flow = False
    for depth, key in enumerate(path):
        refuse_anchor(doc, node, path[:depth], at=key_node)
        in_flow = in_flow or is_flow(node)
        key_node, child = _child(doc, node, key, path[: depth + 1])
        if depth == len(path) - 1:
            if child is not None:
                refuse_anchor(doc, child, path, at=key_node)
            return Target(path, node, child, key_node, in_flow)
        if child is None:
            raise UsageError(
                _("{where}: {path} does not exist").format(
                    where=doc.where(node), path=dotted(path[: depth + 1])
                )
            )
        node = child
    raise AssertionError("unreachable")


def _child(doc: Doc, node: Node, key: str | int, path: KeyPath) -> tuple[Node | None, Node | None]:
    """(key node, value node) of ``key`` in ``node``; (None, None) for a missing mapping key."""
    if isinstance(key, bool) or not isinstance(key, str | int):
        raise TypeError("key path parts must be str or int")
    if isinstance(key, str):
        return _mapping_child(doc, node, key, path)
    if not isinstance(node, SequenceNode):
        raise not_a(doc, node, path[:-1], _("a list"))
    if not -len(node.value) <= key < len(node.value):
        raise UsageError(
            _("{where}: {path} has {count} item(s); there is no item {index}").format(
                where=doc.where(node), path=dotted(path[:-1]), count=len(node.value), index=key
            )
        )
    return None, node.value[key]


def _mapping_child(
    doc: Doc, node: Node, key: str, path: KeyPath
) -> tuple[Node | None, Node | None]:
    if not isinstance(node, MappingNode):
        raise not_a(doc, node, path[:-1], _("a mapping"))
    for key_node, value in node.value:
        if key_node.tag == _MERGE_TAG:
            raise _anchor_error(doc, key_node, path[:-1])
        if isinstance(key_node, ScalarNode) and key_node.tag == STR_TAG and key_node.value == key:
            return key_node, value
    return None, None


def not_a(doc: Doc, node: Node, path: KeyPath, expected: str) -> UsageError:
    return UsageError(
        _("{where}: {path} is {kind}, not {expected}").format(
            where=doc.where(node), path=dotted(path), kind=node_kind(node), expected=expected
        )
    )


def refuse_anchor(doc: Doc, node: Node, path: KeyPath, at: Node | None = None) -> None:
    """Refuse ``node`` if it has an anchor (an alias is the anchored node itself)."""
    if getattr(node, "anchor", None):
        raise _anchor_error(doc, at or node, path)


def _anchor_error(doc: Doc, node: Node, path: KeyPath) -> UsageError:
    message = _("cannot edit {path}: it uses a YAML anchor, alias or merge key")
    return by_hand(doc, node, message.format(path=dotted(path)))


def by_hand(doc: Doc, node: Node, message: str) -> UsageError:
    """A refusal located at ``node``, telling the user to make the change by hand."""
    return UsageError(
        f"{doc.where(node)}: {message}", hint=_("Edit this part of the plan by hand.")
    )


# --------------------------------------------------------------------------- positions


def end_line(doc: Doc, node: Node, path: KeyPath) -> int:
    """The index of the line after the last line holding ``node``'s content."""
    refuse_anchor(doc, node, path)
    if isinstance(node, ScalarNode):
        return scalar_last_line(doc, node, keep_blank=True) + 1
    if is_flow(node):
        return int(node.end_mark.line) + 1
    last = node.value[-1][1] if isinstance(node, MappingNode) else node.value[-1]
    return end_line(doc, last, path)


def scalar_last_line(doc: Doc, node: ScalarNode, *, keep_blank: bool) -> int:
    """The last line holding a scalar's text (its key or dash line for an empty value)."""
    if is_implicit_null(node):
        return _significant_line(doc, node.end_mark)
    if node.style not in ("|", ">"):
        return int(node.end_mark.line)
    end = node.end_mark
    last = end.line if doc.line(end.line)[: end.column].strip() else end.line - 1
    if not (keep_blank and _keeps_trailing_lines(doc, node)):
        while last > node.start_mark.line and not doc.line(last).strip():
            last -= 1
    return int(last)


def _keeps_trailing_lines(doc: Doc, node: ScalarNode) -> bool:
    """True for a ``|+`` or ``>+`` block scalar (trailing blank lines are content)."""
    header = doc.line(node.start_mark.line)[node.start_mark.column :].split()
    return any(part[0] in "|>" and "+" in part for part in header)


def _significant_line(doc: Doc, mark: Any) -> int:
    """The nearest line at or before ``mark`` holding something other than a comment."""
    line = int(mark.line)
    if doc.line(line)[: mark.column].strip():
        return line
    line -= 1
    while line > 0 and doc.line(line).strip()[:1] in ("", "#"):
        line -= 1
    return line


def after_indicator(doc: Doc, target: Target) -> int:
    """The offset just after the ``:`` (or ``-``) that introduces ``target``'s value."""
    if target.key_node is not None:
        found = _COLON.match(doc.text, doc.offset(target.key_node.end_mark))
        if found is None:
            message = _("cannot find the ':' after the key of {path}")
            raise by_hand(doc, target.key_node, message.format(path=dotted(target.path)))
        return found.end()
    assert target.node is not None
    line = _significant_line(doc, target.node.end_mark)
    content = _COMMENT.split(doc.line(line), maxsplit=1)[0].rstrip()
    return doc.starts[line] + len(content)


def dash_offset(doc: Doc, seq: SequenceNode) -> int | None:
    """Columns from ``-`` to the content of the list's last item, if on the dash line."""
    last, column = seq.value[-1], seq.start_mark.column
    text, item_column = doc.line(last.start_mark.line), last.start_mark.column
    if is_implicit_null(last) or item_column - column < 2 or text[column : column + 1] != "-":
        return None
    return None if text[column + 1 : item_column].strip() else int(item_column - column)
