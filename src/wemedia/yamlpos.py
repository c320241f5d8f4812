"""YAML with positions, read the way a librarian means it.

PyYAML's C composer (libyaml) builds the node tree fast; we construct the Python values ourselves so
that (1) every value keeps its 1-based line and column, keyed by its path (`("channels", 0, "url")`),
and (2) plain scalars follow YAML 1.2's core schema instead of 1.1's surprises: `no`/`on` stay
strings, `0123` and `12:30` stay strings, dates and times stay ISO strings (the schemas check their
form). A duplicate key is an error, never a silent overwrite.
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


_Loader.yaml_implicit_resolvers = {}

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))
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


def _plain(value: str):
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


def load(text: str) -> tuple[object, Positions]:
    """Parse one YAML document; return (data, positions). Raises YamlError."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        context = exc.context_mark.line + 1 if exc.context_mark and exc.context_mark.line + 1 != line else None
        raise YamlError(line, col, str(exc.problem or exc.context or "YAML syntax error"),
                        context_line=context) from None
    except yaml.YAMLError as exc:  # e.g. multiple documents, reader errors
        raise YamlError(1, 1, str(exc)) from None
    positions: Positions = {}
    if node is None:
        return None, positions
    return _build(node, (), positions), positions


def _build(node, path: tuple, positions: Positions):
    mark = node.start_mark
    positions[path] = (mark.line + 1, mark.column + 1)
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        if tag == _STR:
            return _plain(node.value) if not node.style else node.value  # C composer: "" for plain
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:int" and _INT.match(node.value):
            return int(node.value)
        if tag == "tag:yaml.org,2002:bool" and node.value in _TRUE | _FALSE:
            return node.value in _TRUE
        return node.value  # other explicit tags (!!timestamp, custom): keep the text as written
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), positions) for i, item in enumerate(node.value)]
    result: dict = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            m = key_node.start_mark
            raise YamlError(m.line + 1, m.column + 1, "a key must be plain text, not a list or mapping")
        key = key_node.value
        if key in result:
            m = key_node.start_mark
            raise YamlError(m.line + 1, m.column + 1, f"duplicate key {key!r}", duplicate_key=key)
        result[key] = _build(value_node, path + (key,), positions)
        # the key's own position is where a "missing field" or "unknown field" message points
        positions[path + (key, None)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
    return result
