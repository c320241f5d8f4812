"""YAML with positions, read the way a librarian means it.

PyYAML's C composer (libyaml) builds the node tree fast; we construct the Python values ourselves so
that plain scalars follow YAML 1.2's core schema instead of 1.1's surprises: `no`/`on` stay strings,
`0123` and `12:30` stay strings, dates and times stay ISO strings (the schemas check their form). A
duplicate key is an error, never a silent overwrite.

Positions — the 1-based line and column of every value, keyed by its path (`("channels", 0, "url")`)
— come from `positions(text)`, a second composition asked for only when a finding needs a place: an
archive of 10,000 clean posts never pays for them in time or memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

try:  # libyaml is present in every PyYAML wheel we install; the pure loader is the fallback.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

Path_ = tuple  # a path into the data: keys and list indexes
Positions = dict  # Path_ -> (line, column), both 1-based


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Composer only: no implicit resolvers, so every plain scalar arrives tagged `str` and we decide."""

    def resolve(self, kind, value, implicit):
        """What BaseResolver answers when there are no resolvers, without its lookups (once per node)."""
        return _STR if kind is yaml.ScalarNode else _SEQ if kind is yaml.SequenceNode else _MAP


_Loader.yaml_implicit_resolvers = {}

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))
MAX_VALUES = 100_000  # far above any real content file; an alias bomb ("billion laughs") goes far beyond
_NUMERIC_START = frozenset("+-.0123456789")
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")


@dataclass(frozen=True, slots=True)
class YamlError(Exception):
    """A YAML text that cannot be read; line and column are 1-based, relative to the text given."""

    line: int
    column: int
    problem: str
    duplicate_key: str | None = None
    context_line: int | None = None  # where the construct that went wrong began, when elsewhere
    kind: str = "syntax"  # "syntax" | "duplicate" | "too-many" (alias expansion) | "too-deep"
    context: str | None = None  # libyaml's "while scanning …" beside `problem`; yamlerrors translates both
    context_column: int | None = None  # with context_line: where an unclosed quote or bracket opened


def _plain(value: str):
    if value and value[0] not in _NUMERIC_START:  # most values: text that no rule below reads otherwise
        return None if value in _NULLS else True if value in _TRUE else False if value in _FALSE else value
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


def _compose(text: str):
    try:
        return _compose_unguarded(text)
    except RecursionError:
        raise YamlError(1, 1, "nested too deeply", kind="too-deep") from None


def _compose_unguarded(text: str):
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        context = exc.context_mark.line + 1 if exc.context_mark and exc.context_mark.line + 1 != line else None
        problem = str(exc.problem or exc.context or "YAML syntax error")
        kind = "too-deep" if "nesting depth" in problem else "syntax"
        raise YamlError(
            line,
            col,
            problem,
            context_line=context,
            kind=kind,
            context=str(exc.context) if exc.problem and exc.context else None,
            context_column=exc.context_mark.column + 1 if context else None,
        ) from None
    except yaml.reader.ReaderError as exc:  # a control character: libyaml counts its position in UTF-8 bytes
        before = text.encode("utf-8", "surrogatepass")[: exc.position].decode("utf-8", "ignore")
        line, col = before.count("\n") + 1, len(before) - before.rfind("\n")
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        raise YamlError(line, col, f"control character #x{code:04x}: {exc.reason}") from None
    except yaml.YAMLError as exc:  # anything else libyaml may raise
        raise YamlError(1, 1, str(exc)) from None
    return node


def load(text: str) -> object:
    """Parse one YAML document into plain values. Raises YamlError."""
    node = _compose(text)
    if node is None:
        return None
    budget = [MAX_VALUES]
    try:
        return _value(node, budget)
    except RecursionError:
        raise YamlError(1, 1, "nested too deeply", kind="too-deep") from None


def _spend(node, budget: list[int]) -> None:
    budget[0] -= 1
    if budget[0] < 0:
        m = node.start_mark
        raise YamlError(
            m.line + 1,
            m.column + 1,
            f"more than {MAX_VALUES} values once anchors (&) and aliases (*) are expanded",
            kind="too-many",
        )


def positions(text: str) -> Positions:
    """(line, column) of every value by its path, and of every key at `path + (key, None)` — where a
    "missing field" or "unknown field" message points. For a text `load` accepted."""
    return {path: span[:2] for path, span in spans(text).items()}


def spans(text: str) -> dict:
    """(start line, start column, end line, end column) of every value and key, keyed as in
    `positions`; the end is just past the node (1-based, exclusive). What a writer that edits one
    value in place, and nothing else, needs."""
    out: dict = {}
    node = _compose(text)
    if node is not None:
        _marks(node, (), out, [MAX_VALUES])
    return out


def _scalar(node):
    tag = node.tag
    if tag == _STR:
        return _plain(node.value) if not node.style else node.value  # C composer: "" for plain
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:int" and _INT.match(node.value):
        return int(node.value)
    if tag == "tag:yaml.org,2002:bool" and node.value in _TRUE | _FALSE:
        return node.value in _TRUE
    return node.value  # other explicit tags (!!timestamp, custom): keep the text as written


def _value(node, budget: list[int]):
    _spend(node, budget)
    kind = node.__class__
    if kind is yaml.ScalarNode:
        if node.tag == _STR:
            return node.value if node.style else _plain(node.value)  # C composer: "" style for plain
        return _scalar(node)
    if kind is yaml.SequenceNode:
        return [_value(item, budget) for item in node.value]
    result: dict = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            m = key_node.start_mark
            raise YamlError(m.line + 1, m.column + 1, "a key must be plain text, not a list or mapping")
        key = key_node.value
        if key in result:
            m = key_node.start_mark
            raise YamlError(m.line + 1, m.column + 1, f"duplicate key {key!r}", duplicate_key=key, kind="duplicate")
        result[key] = _value(value_node, budget)
    return result


def _span(node) -> tuple[int, int, int, int]:
    start, end = node.start_mark, node.end_mark
    return start.line + 1, start.column + 1, end.line + 1, end.column + 1


def _marks(node, path: tuple, out: dict, budget: list[int]) -> None:
    _spend(node, budget)
    out[path] = _span(node)
    if isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _marks(item, path + (i,), out, budget)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            out[path + (key_node.value, None)] = _span(key_node)
            _marks(value_node, path + (key_node.value,), out, budget)
