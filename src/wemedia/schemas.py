"""JSON Schema validation of every content type: validators built once, errors said in Chinese.

The schemas in `schemas/` are the contract (draft 2020-12); this module only loads them, checks the
`date` / `date-time` formats with the standard library (jsonschema's format extras cost ~3 s of
import), and turns a `ValidationError` into a message that names the field by its Chinese title.

Two validators read the same bundled schema with the same format checks: jsonschema-rs answers
"valid?" ~30× faster, and almost every document is valid; only a document it rejects goes through
jsonschema (the reference implementation), whose errors carry the paths and keywords the messages
need. A test holds the two to the same verdict on every fixture and on values of the wrong shape.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # jsonschema costs ~0.1 s to import: only a document with errors needs it
    from jsonschema import Draft202012Validator, FormatChecker, ValidationError

from wemedia.i18n import Text
from wemedia.resources import schemas_dir

MAX_ERRORS_PER_FILE = 20


def _date(value: object) -> bool:
    try:
        return not isinstance(value, str) or bool(dt.date.fromisoformat(value))
    except ValueError:
        return False


def _datetime(value: object) -> bool:
    try:
        return not isinstance(value, str) or bool(dt.datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return False


FORMATS = {"date": _date, "date-time": _datetime}  # the one definition both validators use


def _format_checker() -> FormatChecker:
    from jsonschema import FormatChecker

    checker = FormatChecker(formats=())
    for name, check in FORMATS.items():
        checker.checks(name)(check)
    return checker


@cache
def all_schemas() -> dict[str, dict]:
    schemas = {}
    for path in sorted(schemas_dir().glob("*.schema.json")):
        schemas[path.name.removesuffix(".schema.json")] = json.loads(path.read_text(encoding="utf-8"))
    return schemas


def _bundle(node: object, schemas: dict[str, dict]) -> object:
    """The schema with every `$ref` to another file inlined (the referring node's own keywords, such
    as its title, win). Resolving references costs more than validating: ~2/3 of check time otherwise."""
    if isinstance(node, list):
        return [_bundle(item, schemas) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _bundle(value, schemas) for key, value in node.items()}
    ref = node.get("$ref")
    if isinstance(ref, str) and not ref.startswith("#"):
        file, _, pointer = ref.partition("#")
        target: object = schemas[file.removesuffix(".schema.json")]
        for part in filter(None, pointer.split("/")):
            target = target[part]
        siblings = {k: v for k, v in node.items() if k != "$ref"}
        node = {**_bundle(target, schemas), **siblings}
    return node


@cache
def bundled(kind: str) -> dict:
    schemas = all_schemas()
    return _bundle(schemas[kind], schemas)


@cache
def validator(kind: str) -> Draft202012Validator:
    """The reference validator (jsonschema), whose errors the messages are made from."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in all_schemas().values())
    return Draft202012Validator(bundled(kind), registry=registry, format_checker=_format_checker())


@cache
def fast_validator(kind: str):
    """jsonschema-rs on the same bundled schema and format checks: the quick "valid?"."""
    import jsonschema_rs

    return jsonschema_rs.validator_for(bundled(kind), validate_formats=True, formats=FORMATS)


def valid(kind: str, data: object) -> bool:
    try:
        return fast_validator(kind).is_valid(data)
    except (ValueError, TypeError):  # a value JSON cannot hold: let the reference validator say what
        return False


@dataclass(frozen=True, slots=True)
class SchemaProblem:
    path: tuple  # data path of the offending value
    at_key: bool  # point at the key (unknown field) rather than the value
    message: Text


def problems(kind: str, data: object) -> list[SchemaProblem]:
    if valid(kind, data):
        return []
    errors = sorted(validator(kind).iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    # A malformed date fails both `pattern` and `format`: say it once.
    patterned = {tuple(e.absolute_path) for e in errors if e.validator == "pattern"}
    errors = [e for e in errors if not (e.validator == "format" and tuple(e.absolute_path) in patterned)]
    # jsonschema reports each missing field as an error of its own: name them all once, per place.
    incomplete: set[tuple] = set()
    kept = []
    for e in errors:
        if e.validator == "required":
            if tuple(e.absolute_path) in incomplete:
                continue
            incomplete.add(tuple(e.absolute_path))
        kept.append(e)
    root = validator(kind).schema
    out: list[SchemaProblem] = []
    for error in kept[:MAX_ERRORS_PER_FILE]:
        if error.context:  # oneOf/anyOf: the branch that came closest says the most
            from jsonschema.exceptions import best_match

            error = best_match(error.context) or error
        for problem in _explain(error, _title(root, error)):
            if problem not in out:  # two branches may say the same thing of the same value
                out.append(problem)
    return out


def _title(root: dict, error: ValidationError) -> str | None:
    """The title of the field as its own schema names it: `created` is 创建日期, not the 日期 of its $ref."""
    node, title = root, None
    for part in list(error.absolute_schema_path)[:-1]:  # a $ref hop leaves no trace in this path
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and "title" in node:
            title = node["title"]
    return title if title is not None else error.schema.get("title")


def _label(error: ValidationError, key: str | None = None, title: str | None = None) -> str:
    if key is not None:
        title = error.schema.get("properties", {}).get(key, {}).get("title")
        return f"“{key}”（{title}）" if title else f"“{key}”"
    name = error.absolute_path[-1] if error.absolute_path else None
    if isinstance(name, str):
        return f"“{name}”（{title}）" if title else f"“{name}”"
    return f"“{title}”" if title else "此值"


def _label_en(error: ValidationError, key: str | None = None) -> str:
    if key is not None:
        return f"'{key}'"
    name = error.absolute_path[-1] if error.absolute_path else None
    return f"'{name}'" if isinstance(name, str) else "this value"


_TYPES = {
    "string": ("文本", "text"),
    "integer": ("整数", "a whole number"),
    "number": ("数字", "a number"),
    "boolean": ("true 或 false", "true or false"),
    "array": ("列表（每项以“- ”开头）", "a list"),
    "object": ("“字段: 值”的映射", "a mapping of fields"),
    "null": ("空值", "empty"),
}


def _explain(error: ValidationError, title: str | None) -> list[SchemaProblem]:
    path = tuple(error.absolute_path)
    v, value, inst = error.validator, error.validator_value, error.instance
    if v == "required":
        missing = [k for k in value if isinstance(inst, dict) and k not in inst]
        if not missing:
            return []
        return [
            SchemaProblem(
                path,
                False,
                Text(
                    f"缺少必填字段 {'、'.join(_label(error, k) for k in missing)}；请补上。",
                    f"the required field(s) {', '.join(repr(k) for k in missing)} are missing; add them.",
                ),
            )
        ]
    if v == "additionalProperties" and isinstance(inst, dict):
        known = list(error.schema.get("properties", {}))
        out = []
        for k in [k for k in inst if k not in known]:
            near = difflib.get_close_matches(k, known, n=1)
            hint_zh = f"是不是想写“{near[0]}”？" if near else f"可用字段：{'、'.join(known)}。"
            hint_en = f"did you mean '{near[0]}'?" if near else f"known fields: {', '.join(known)}."
            out.append(
                SchemaProblem(
                    path + (k,), True, Text(f"不认识的字段“{k}”；{hint_zh}", f"unknown field '{k}'; {hint_en}")
                )
            )
        return out
    if v == "enum":
        desc = error.schema.get("description", "")
        allowed = "、".join(map(str, value))
        named = error.schema.get("x-labels")  # value -> {zh, en}: say the choices with their labels
        if named:
            meant = [c for c in value if inst in (named.get(c, {}).get("zh"), named.get(c, {}).get("en"))]
            allowed = "、".join(f"{c}（{named[c]['zh']}）" if c in named else str(c) for c in value)
            desc = f"“{inst}”请写作 {meant[0]}。" if meant else ""
        return [
            SchemaProblem(
                path,
                False,
                Text(
                    f"{_label(error, title=title)} 的值“{inst}”不在允许范围内；可选：{allowed}。{desc}",
                    f"{_label_en(error)} is '{inst}', which is not allowed; choose one of: {', '.join(map(str, value))}.",
                ),
            )
        ]
    if v == "type":
        expected = value if isinstance(value, str) else value[0]
        zh, en = _TYPES.get(expected, (expected, expected))
        hint = "；日期、时间、编号等若被读成数字，请加引号" if expected == "string" else ""
        return [
            SchemaProblem(
                path,
                False,
                Text(f"{_label(error, title=title)} 应为{zh}{hint}。", f"{_label_en(error)} should be {en}."),
            )
        ]
    if v in ("pattern", "format"):
        desc = error.schema.get("description", "")
        return [
            SchemaProblem(
                path,
                False,
                Text(
                    f"{_label(error, title=title)} 的写法不对：“{inst}”。{desc}",
                    f"{_label_en(error)} is not in the expected form: '{inst}'.",
                ),
            )
        ]
    if v in ("minLength", "minItems"):
        return [
            SchemaProblem(
                path, False, Text(f"{_label(error, title=title)} 不能为空。", f"{_label_en(error)} must not be empty.")
            )
        ]
    if v == "maxLength":
        return [
            SchemaProblem(
                path,
                False,
                Text(
                    f"{_label(error, title=title)} 太长（{len(inst)} 字，上限 {value} 字）。",
                    f"{_label_en(error)} is too long ({len(inst)} characters, at most {value}).",
                ),
            )
        ]
    if v in ("minimum", "maximum"):
        word = ("不能小于", "at least") if v == "minimum" else ("不能大于", "at most")
        return [
            SchemaProblem(
                path,
                False,
                Text(
                    f"{_label(error, title=title)} {word[0]} {value}（现为 {inst}）。",
                    f"{_label_en(error)} must be {word[1]} {value} (is {inst}).",
                ),
            )
        ]
    if v == "uniqueItems":
        return [
            SchemaProblem(
                path,
                False,
                Text(f"{_label(error, title=title)} 中有重复项。", f"{_label_en(error)} has duplicate items."),
            )
        ]
    return [
        SchemaProblem(
            path,
            False,
            Text(
                f"{_label(error, title=title)} 不符合格式要求：{error.message}",
                f"{_label_en(error)} is invalid: {error.message}",
            ),
        )
    ]
