"""One content file, read once: its kind, raw text, data, positions and (for posts) body.

Every view — rules, site, reports, writers — works from these; none re-reads or re-parses a file.
The kind of a file follows from where it lives under `content/` (the README's layout table).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter

from wemedia import yamlpos
from wemedia.i18n import Text
from wemedia.textfile import BOM, FileProblem, read_text

# python-frontmatter's own boundary, so a file `frontmatter.load` reads splits the same way here.
FM_BOUNDARY: re.Pattern[str] = frontmatter.YAMLHandler.FM_BOUNDARY

REGISTER_PATHS = {
    "content/libraries.yml": "libraries",
    "content/team.yml": "team",
    "content/accounts.yml": "accounts",
    "content/series.yml": "series",
    "content/policy/disclosure.yml": "policy-disclosure",
    "content/policy/publishing.yml": "policy-publishing",
    "content/policy/messages.yml": "policy-messages",
}
_PATTERNS = (
    (re.compile(r"content/posts/.+\.md\Z"), "post"),
    (re.compile(r"content/messages/\d{4}-\d{2}\.ya?ml\Z"), "messages"),
    (re.compile(r"content/metrics/\d{4}-\d{2}\.csv\Z"), "metrics"),
    # Per-item lifetime figures of one account's posts published that month (5.6.2), from `wemedia stats import`.
    (re.compile(r"content/metrics/\d{4}-\d{2}/[a-z0-9][a-z0-9-]*-items\.csv\Z"), "metrics-items"),
    (re.compile(r"content/targets/\d{4}\.ya?ml\Z"), "targets"),
    (re.compile(r"content/surveys/[^/]+\.ya?ml\Z"), "surveys"),
    # One year of the official calendar (the State Council's holiday notice): working days for 5.4 a.
    (re.compile(r"content/policy/calendar/\d{4}\.yml\Z"), "policy-calendar"),
)
CALENDAR_FOLDER = "content/policy/calendar"
REGISTER_KINDS = tuple(REGISTER_PATHS.values())
# The registers that are lists of records with ids, and the key each list sits under.
REGISTER_LISTS = {"libraries": "libraries", "team": "people", "accounts": "accounts", "series": "series"}
KINDS = REGISTER_KINDS + tuple(kind for _, kind in _PATTERNS)  # every content type; each has a schema
# Text files that are not content types: a post's per-platform version (`channels[].file`) and a text
# file in no known place. They are read and checked for what applies to any text; they have no schema.
TEXT_KINDS = KINDS + ("variant", "stray")
# Every other file under content/ (an image, a PDF, a spreadsheet): never read, but its name is content
# too — the disclosure guard reads it.
FILE_KINDS = TEXT_KINDS + ("file",)
# Text files read under content/: besides the content types, anything a reader or a browser could open as
# text (a page, data, an SVG drawing), so the disclosure guard reads it and WM006 names its place.
TEXT_SUFFIXES = frozenset(
    (".md", ".markdown", ".yml", ".yaml", ".csv", ".txt", ".html", ".htm", ".json", ".svg", ".xml")
)


def kind_of(relpath: str) -> str | None:
    """The content type of a repository-relative path, or None for a file that is not a document."""
    if relpath in REGISTER_PATHS:
        return REGISTER_PATHS[relpath]
    for pattern, kind in _PATTERNS:
        if pattern.match(relpath):
            return kind
    return None


@dataclass(slots=True)
class Document:
    path: str  # repository-relative, POSIX
    kind: str
    text: str | None = None  # decoded text (BOM removed, CRLF folded to LF); None when unreadable
    raw: bytes = b""  # the bytes as on disk, BOM and line ends included: what a surgical edit changes
    bom: bool = False
    newline: str = "\n"  # "\r\n" for a file with Windows line ends
    data: object = None
    yaml_text: str | None = None  # the YAML this document's data came from (a post: its front-matter)
    yaml_offset: int = 0  # file lines before yaml_text's first line
    marks: dict | None = None  # data path -> (line, column) in file coordinates; see `positions`
    body: str = ""
    body_line: int = 1  # file line of the body's first line
    problems: list[FileProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.fatal for p in self.problems)

    @property
    def positions(self) -> dict:
        """Where each value is, computed on first use: only documents with findings ever need it."""
        if self.marks is None:
            marks = yamlpos.positions(self.yaml_text) if self.yaml_text is not None else {}
            self.marks = {k: (line + self.yaml_offset, col) for k, (line, col) in marks.items()}
        return self.marks

    def spans(self) -> dict:
        """(start line, start column, end line, end column) of every YAML value and key, in file
        coordinates; computed on each call, for writers that edit one value and keep the rest."""
        found = yamlpos.spans(self.yaml_text) if self.yaml_text is not None else {}
        return {k: (a + self.yaml_offset, b, c + self.yaml_offset, d) for k, (a, b, c, d) in found.items()}

    def byte_offset(self, line: int, column: int) -> int:
        """Offset in `raw` of a 1-based (line, column) of `text`: BOM, CRLF and UTF-8 accounted for."""
        at = len(BOM) if self.bom else 0
        for _ in range(line - 1):
            at = self.raw.index(b"\n", at) + 1
        end = self.raw.find(b"\n", at)
        current = self.raw[at:] if end == -1 else self.raw[at:end]
        return at + len(current.decode("utf-8")[: column - 1].encode("utf-8"))

    def where(self, path: tuple = (), key: bool = False) -> tuple[int, int]:
        """(line, column) of the value at `path`; for a missing value, its nearest present parent.

        With `key=True`, the position of the key itself (where "unknown field" should point)."""
        if key and path + (None,) in self.positions:
            return self.positions[path + (None,)]
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))


def read(root: Path, relpath: str, kind: str) -> Document:
    doc = Document(relpath, kind)
    if kind == "file":
        return doc  # only its name is read
    tf = read_text(root / relpath, root)
    doc.problems.extend(tf.problems)
    doc.raw, doc.bom, doc.newline = tf.raw, tf.bom, tf.newline
    if tf.text is not None:
        _parse(doc, tf.text)
    return doc


def from_text(relpath: str, kind: str, text: str) -> Document:
    """A document parsed from text that is not on disk — a file's previous version, from git — exactly
    as `read` parses the file's text (no raw bytes: nothing may write it back)."""
    doc = Document(relpath, kind)
    _parse(doc, text)
    return doc


def _parse(doc: Document, text: str) -> None:
    doc.text = text
    if doc.kind == "post":
        _parse_post(doc)
    elif doc.kind == "variant":
        _parse_variant(doc)
    elif doc.kind == "stray":
        doc.body = text
    elif doc.kind == "metrics":
        _parse_csv(doc, ("account", "month"))
    elif doc.kind == "metrics-items":
        _parse_csv(doc, ("published", "title", "url", "as_of"))
    else:
        _parse_yaml(doc, text, 0)
        if doc.ok and doc.data is None:
            doc.data = {}


def _fatal(doc: Document, line: int, column: int, code: str, zh: str, en: str) -> None:
    doc.problems.append(FileProblem(code, line, column, Text(zh, en), True))


def _parse_yaml(doc: Document, text: str, line_offset: int) -> None:
    from wemedia import yamlerrors  # its messages: the typing mistakes a Chinese keyboard makes

    try:
        data = yamlpos.load(text)
    except yamlpos.YamlError as err:
        line = err.line + line_offset
        if err.kind == "too-many":
            _fatal(
                doc,
                line,
                err.column,
                "yaml",
                f"锚点（&）和引用（*）展开后超过 {yamlpos.MAX_VALUES} 个值，文件未被读取；请去掉层层引用，直接写出内容。",
                f"once anchors (&) and aliases (*) are expanded there are more than {yamlpos.MAX_VALUES} values; "
                "the file was not read: write the content out instead of nesting aliases.",
            )
        elif err.kind == "too-deep":
            _fatal(
                doc,
                line,
                err.column,
                "yaml",
                "嵌套层级过深，文件未被读取；内容文件不需要这么多层括号或缩进，请检查是否粘贴错误。",
                "nested too deeply; the file was not read. Content files never need this many levels: check "
                "for a paste error.",
            )
        elif err.duplicate_key is not None:
            _fatal(
                doc,
                line,
                err.column,
                "yaml",
                f"字段“{err.duplicate_key}”重复出现；后一个会悄悄覆盖前一个，请合并成一个。",
                f"the key '{err.duplicate_key}' appears twice; the second would silently replace the "
                "first: merge them into one.",
            )
        else:  # in Chinese, at the line of the typing mistake when it is a common one
            at, column, message = yamlerrors.explain(text, err, line_offset)
            _fatal(doc, at + line_offset, column, "yaml", message.zh, message.en)
        return
    for at, column, message in yamlerrors.suspicious(text):  # parsed, but not as typed: `[古籍，修复]`
        _fatal(doc, at + line_offset, column, "yaml", message.zh, message.en)
    doc.data, doc.yaml_text, doc.yaml_offset = data, text, line_offset


def _parse_post(doc: Document) -> None:
    text = doc.text or ""
    first = FM_BOUNDARY.match(text)
    second = FM_BOUNDARY.search(text, first.end()) if first else None
    if first is None or second is None:
        _fatal(
            doc,
            1,
            1,
            "front-matter",
            "缺少 front-matter：文章必须以一行“---”开头、再以一行“---”结束元数据块。"
            "可用 `wemedia new post` 生成完整的模板。",
            "no front-matter: a post must begin with a line '---' and close its metadata with another "
            "'---'. `wemedia new post` writes a complete skeleton.",
        )
        return
    offset = text.count("\n", 0, first.end())
    _parse_yaml(doc, text[first.end() : second.start()], offset)
    # The boundary pattern's `\s*$` may run on over blank lines; the body starts on the line right
    # after the closing `---`, blank lines included, so every body position is the file's own.
    close_line = text.count("\n", 0, second.start()) + 1
    line_end = text.find("\n", second.start())
    doc.body = "" if line_end == -1 else text[line_end + 1 :]
    doc.body_line = close_line + 1
    if not doc.ok:
        return
    first_line = text.count("\n", 0, first.start()) + 2  # the line after the opening '---'
    if doc.data is None:
        _fatal(
            doc,
            first_line,
            1,
            "front-matter",
            "front-matter 是空的；请填写标题、作者、分类等字段（`wemedia new post` 可生成模板）。",
            "the front-matter is empty; fill in title, author, category … (`wemedia new post` writes a skeleton).",
        )
    elif not isinstance(doc.data, dict):
        _fatal(
            doc,
            first_line,
            1,
            "front-matter",
            "front-matter 必须是“字段: 值”的映射，而不是列表或单个值；请去掉行首的“- ”。",
            "the front-matter must be a mapping of 'field: value', not a list or a single value; remove "
            "the leading '- '.",
        )


def _parse_variant(doc: Document) -> None:
    """A per-platform version: its own front-matter (title, cover …) if it has one, then its text."""
    text = doc.text or ""
    first = FM_BOUNDARY.match(text)
    second = FM_BOUNDARY.search(text, first.end()) if first else None
    if first is None or second is None:
        doc.body, doc.body_line = text, 1
        return
    _parse_yaml(doc, text[first.end() : second.start()], text.count("\n", 0, first.end()))
    line_end = text.find("\n", second.start())
    doc.body = "" if line_end == -1 else text[line_end + 1 :]
    doc.body_line = text.count("\n", 0, second.start()) + 2


def _number(value: str):
    value = value.strip().replace(",", "")
    if re.fullmatch(r"-?\d+", value):
        return int(value)
    if re.fullmatch(r"-?\d+\.\d+", value):
        return float(value)
    return value or None


def _field_columns(line: str) -> list[int]:
    """1-based column where each comma-separated field of `line` starts (quotes respected)."""
    columns, quoted = [1], False
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            columns.append(i + 2)
    return columns


def _parse_csv(doc: Document, texts: tuple[str, ...]) -> None:
    """Metrics: one row per account per month (or per item); numbers as the platforms export them
    (thousands commas); the `texts` columns stay text (a title `1984` is not a number)."""
    reader = csv.DictReader(io.StringIO(doc.text or ""), strict=True)  # a stray quote is an error, not data
    lines = (doc.text or "").split("\n")
    rows = []
    doc.marks = {(): (1, 1)}
    start = 1  # the line where the record being read began: where an unclosed quote opened
    try:
        if reader.fieldnames is not None:  # reads the header, so a row's error is not put on line 1
            start = reader.line_num + 1
        for i, row in enumerate(reader):
            if None in row:
                _fatal(
                    doc,
                    reader.line_num,
                    1,
                    "csv",
                    "这一行的列数多于表头；请检查是否多了逗号。",
                    "this row has more columns than the header; look for a stray comma.",
                )
                return
            rows.append(  # an empty cell is a figure the platform did not give: absent, never zero
                {
                    k: _number(v) if k not in texts else (v or "").strip()
                    for k, v in row.items()
                    if k in texts or (v or "").strip()
                }
            )
            doc.marks[(i,)] = (reader.line_num, 1)
            columns = _field_columns(lines[reader.line_num - 1]) if reader.line_num <= len(lines) else []
            for name, column in zip(reader.fieldnames or (), columns, strict=False):
                doc.marks[(i, name)] = (reader.line_num, column)
            start = reader.line_num + 1
    except csv.Error as exc:
        while start < len(lines) and not lines[start - 1].strip():
            start += 1  # blank lines between records are skipped by the reader too
        _fatal(
            doc,
            start,
            1,
            "csv",
            f"CSV 格式错误：这一行的双引号没有成对出现，或引号后没有紧跟逗号（{exc}）；"
            '含逗号的数字请整个用双引号括起来，如 "1,200"。',
            f"CSV format error: the double quotes on this line are unbalanced or not followed by a comma "
            f'({exc}); quote a whole number that contains commas, e.g. "1,200".',
        )
        return
    doc.data = rows
