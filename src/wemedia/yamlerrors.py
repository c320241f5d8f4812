"""What went wrong in a YAML text, said in Chinese at the line where the librarian made the mistake.

libyaml reports where *it* got stuck, in English, and often one line late: `category：news` (a
full-width colon) is reported on the next line as "could not find expected ':'". So when a text does
not parse, `explain` first looks at the lines up to the error for the typing mistakes a Chinese
keyboard makes — a full-width colon after a key, a key with no space after its colon, a tab used for
indentation, full-width quotes used as YAML quotes, a full-width comma between the items of `[…]` —
and names that line and column. Otherwise it translates libyaml's own words with a table of its
messages (the English original stays in the English text, and in the Chinese one when unknown).

Some of these mistakes parse without any error but mean something else than was typed:
`tags: [古籍，修复]` is one tag, `source:` followed by `  type：original` is a text, not a mapping.
`suspicious` finds those in a text that parsed; it costs a few regular expressions per file and a
second composition only when one of them matches.
"""

from __future__ import annotations

import re

import yaml

from wemedia import yamlpos
from wemedia.i18n import Text

# -- the typing mistakes ------------------------------------------------------------------------------

_KEY = r"[A-Za-z_][A-Za-z0-9_-]*"
_FW_COLON = re.compile(rf"(?:^[ \t]*(?:- +)?|[{{,][ \t]*)(?P<key>{_KEY})[ \t]*(?P<mark>：)")
_NO_SPACE = re.compile(rf"^[ \t]*(?:- +)?(?P<key>{_KEY})(?P<mark>:)(?P<rest>(?!//)[^\s#:][^\n]*)")
_TAB_INDENT = re.compile(r"^(?P<lead> *)(?P<mark>\t)")
_FW_QUOTE = re.compile(r"(?:^[ \t]*(?:- +)?[^\s\"'#][^\n]*?:[ \t]+|^[ \t]*- +|[\[{,][ \t]*)(?P<mark>[“‘])")
_BLOCK_SCALAR = re.compile(r"(?:^|[:\-][ \t]+)[|>][-+0-9]*[ \t]*(?:#.*)?$")
_FULL_WIDTH = frozenset("，“”‘’：")
# A colon with text glued to it (not a time, not a URL, not a review's `digest: sha256:…`).
_GLUED = re.compile(r"(?<!sha256):[^\s#:/\d]")


def _suspect(text: str) -> bool:
    """A cheap first look at a text that parsed (string methods: a regular expression that starts
    with a character class costs ~20 ns a character); only when it says yes is the text composed again."""
    wide = any(char in text for char in "，“”‘’：")  # `in` is a fast search; a set of the text is not
    for bracket in "[{" if wide else "":  # a full-width comma, quote or colon after an opening bracket
        i = text.find(bracket)
        while i >= 0:
            end = text.find("\n", i)
            end = len(text) if end < 0 else end
            if not _FULL_WIDTH.isdisjoint(text[i:end]):
                return True
            i = text.find(bracket, end)
    i = text.find("：")
    while i >= 0:  # a full-width colon right after a latin key
        j = i - 1
        while j >= 0 and text[j] in " \t":
            j -= 1
        before = text[j] if j >= 0 else ""
        if before.isascii() and (before.isalnum() or before in "_-") and before:
            return True
        i = text.find("：", i + 1)
    return _GLUED.search(text) is not None


def _fw_colon(key: str) -> Text:
    return Text(
        f"字段名“{key}”后面用了中文冒号“：”；YAML 只认英文冒号，请改成“{key}: ”（英文冒号后加一个空格）。",
        f"the key '{key}' is followed by a full-width colon '：'; YAML needs an ASCII colon and a space: '{key}: '.",
    )


def _no_space(key: str, rest: str) -> Text:
    rest = rest.strip()
    short = rest if len(rest) <= 20 else rest[:20] + "…"
    return Text(
        f"“{key}:”后面缺少空格，整行被当成了一段文字而不是字段；请在冒号后加一个空格：“{key}: {short}”。",
        f"there is no space after '{key}:', so the whole line is read as text, not as a key: add a "
        f"space after the colon: '{key}: {short}'.",
    )


TAB = Text(
    "这一行用 Tab 键缩进；YAML 只能用空格缩进，请把 Tab 换成空格，与同一层级的字段对齐。",
    "this line is indented with a tab; YAML allows only spaces: replace the tab with spaces, aligned with "
    "the keys of the same level.",
)
FW_QUOTE = Text(
    "中文引号“ ”不是 YAML 的引号，会被当成文字的一部分；值中有英文冒号或逗号时，请用英文双引号把整个值括起来，"
    '如 title: "冬至: 包饺子"。',
    "full-width quotes “ ” are not YAML quotes and become part of the text; when a value holds a "
    'colon or a comma, enclose the whole value in ASCII double quotes, e.g. title: "Winter: dumplings".',
)
FW_COMMA = Text(
    "方括号 [ ] 或花括号 { } 中用了中文逗号“，”；YAML 只认英文逗号，请改成“,”，如 tags: [古籍, 修复]。"
    "如果逗号确实是某一项文字的一部分，请给这一项加上英文双引号。",
    "a full-width comma '，' inside brackets [ ] or braces { }; YAML separates items only with an ASCII "
    "comma: write tags: [a, b]. If the comma belongs to the text of one item, quote that item.",
)


def _block_scalar_lines(lines: list[str]) -> set[int]:
    """0-based indexes of the lines inside `|` / `>` block texts, where anything may be written."""
    inside: set[int] = set()
    indent = None
    for i, line in enumerate(lines):
        stripped = line.strip()
        depth = len(line) - len(line.lstrip(" "))
        if indent is not None:
            if not stripped or depth > indent:
                inside.add(i)
                continue
            indent = None
        if _BLOCK_SCALAR.search(line.rstrip()) and not stripped.startswith("#"):
            indent = depth
    return inside


def _outside_quotes(line: str, index: int) -> bool:
    """Whether position `index` of `line` is outside ASCII quotes (a rough count, enough for one line)."""
    before = line[:index]
    return before.count('"') % 2 == 0 and before.count("'") % 2 == 0


def _mistakes(line: str, here: bool) -> list[tuple[int, Text]]:
    """(0-based column, message) of each typing mistake on one line of YAML. Full-width quotes and
    commas are legitimate in Chinese text, so they are mistakes only on the line libyaml stopped at
    (`here`); a tab indent or a key without its colon and space is a mistake wherever it is."""
    found: list[tuple[int, Text]] = []
    code = line.split(" #", 1)[0]
    if m := _TAB_INDENT.match(line):
        found.append((m.start("mark"), TAB))
    for m in _FW_COLON.finditer(code):
        if _outside_quotes(code, m.start("mark")):
            found.append((m.start("mark"), _fw_colon(m.group("key"))))
    if m := _NO_SPACE.match(code):
        found.append((m.start("mark"), _no_space(m.group("key"), m.group("rest"))))
    if not here:
        return sorted(found, key=lambda f: f[0])
    for m in _FW_QUOTE.finditer(code):
        if _outside_quotes(code, m.start("mark")):
            found.append((m.start("mark"), FW_QUOTE))
            break
    if "[" in code or "{" in code:
        depth = 0
        quote = None
        for i, char in enumerate(code):
            if quote:
                quote = None if char == quote else quote
            elif char in "\"'":
                quote = char
            elif char in "[{":
                depth += 1
            elif char in "]}":
                depth = max(0, depth - 1)
            elif char == "，" and depth:
                found.append((i, FW_COMMA))
                break
    return sorted(found, key=lambda f: f[0])


LOOK_BACK = 3  # lines above libyaml's error searched for the mistake (a plain text runs on a line or two)


def _typing_mistake(text: str, line: int) -> tuple[int, int, Text] | None:
    """The typing mistake nearest above (or on) 1-based `line`: (line, column, message)."""
    lines = text.split("\n")
    skip = _block_scalar_lines(lines)
    last = min(line, len(lines))
    for number in range(last, max(0, last - LOOK_BACK - 1), -1):
        if number - 1 in skip:
            continue
        found = _mistakes(lines[number - 1], here=number == line)
        if found:
            column, message = found[0]
            return number, column + 1, message
    return None


# -- libyaml's own words -----------------------------------------------------------------------------

# problem (or its beginning) -> Chinese. libyaml's messages as its scanner, parser and PyYAML's
# composer say them, then the pure-Python loader's variants.
PROBLEMS: tuple[tuple[str, str], ...] = (
    ("could not find expected ':'", "找不到字段名后应有的冒号“:”（中文冒号“：”不算；冒号后要有空格）"),
    ("mapping values are not allowed", "这里不能出现“冒号+空格”：可能是缩进没有对齐，或者值中含有“: ”却没有加英文引号"),
    ("block sequence entries are not allowed", "这里不能出现列表项“- ”：可能是缩进没有对齐"),
    ("mapping keys are not allowed", "这里不能出现问号“? ”"),
    ("found character that cannot start any token", "值不能以这个字符开头（如 @、` 或 Tab）；以它开头的值请加英文引号"),
    ("found character '\\t' that cannot start any token", "这里有 Tab 字符；YAML 只能用空格缩进"),
    ("found character", "值不能以这个字符开头；以它开头的值请加英文引号"),
    ("found a tab character", "缩进中有 Tab 字符；YAML 只能用空格缩进"),
    ("found unexpected end of stream", "这里开始的引号没有闭合，读到结尾也没有找到另一半引号"),
    ("found unexpected document indicator", "这里开始的引号没有闭合，读到“---”也没有找到另一半引号"),
    ("did not find expected key", "这里应是“字段: 值”：可能是缩进没有对齐，或上一行的引号没有闭合"),
    ("did not find expected '-' indicator", "这里应是列表项“- ”：可能是缩进没有对齐"),
    ("did not find expected node content", "这里缺少值"),
    ("expected the node content", "这里缺少值"),
    ("did not find expected ',' or ']'", "这里开始的方括号 [ ] 没有闭合，或者两项之间缺少英文逗号“,”"),
    ("expected ',' or ']'", "方括号 [ ] 没有闭合，或者两项之间缺少英文逗号“,”"),
    ("did not find expected ',' or '}'", "这里开始的花括号 { } 没有闭合，或者两项之间缺少英文逗号“,”"),
    ("expected ',' or '}'", "花括号 { } 没有闭合，或者两项之间缺少英文逗号“,”"),
    ("did not find expected <document start>", "内容已经结束，后面却还有文字：可能是缩进没有对齐"),
    ("expected <document start>", "内容已经结束，后面却还有文字：可能是缩进没有对齐"),
    ("expected <block end>", "缩进没有对齐"),
    ("found undefined alias", "引用（*名字）找不到对应的锚点（&名字）"),
    ("second occurrence", "锚点（&名字）重复定义了"),
    ("but found another document", "一个文件只能有一份内容，这里的“---”开始了第二份"),
    ("found unknown escape character", "双引号中的反斜杠“\\”后面的字符无效；要写反斜杠本身请写“\\\\”，或改用单引号"),
    ("found invalid Unicode character escape code", "双引号中的 \\u 或 \\x 转义无效"),
    ("did not find expected hexdecimal number", "双引号中的 \\u 或 \\x 转义无效"),
    ("did not find expected alphabetic or numeric character", "锚点（&）或引用（*）后面应是字母或数字"),
    ("did not find expected comment or line break", "这里只能是注释（#）或换行"),
    ("found an indentation indicator equal to 0", "块文本（| 或 >）的缩进数字不能是 0"),
    ("found unexpected ':'", "这里不能出现冒号；含冒号的值请加英文引号"),
    ("found undefined tag handle", "以感叹号“!”开头的标签未定义；以“!”开头的值请加英文引号"),
    ("did not find expected tag URI", "以感叹号“!”开头的标签写法不正确；以“!”开头的值请加英文引号"),
    ("did not find the expected '>'", "以感叹号“!”开头的标签写法不正确；以“!”开头的值请加英文引号"),
    ("did not find expected '!'", "以感叹号“!”开头的标签写法不正确；以“!”开头的值请加英文引号"),
    ("did not find URI escaped octet", "以感叹号“!”开头的标签写法不正确；以“!”开头的值请加英文引号"),
    ("found an incorrect", "以感叹号“!”开头的标签写法不正确；以“!”开头的值请加英文引号"),
    ("found unknown directive name", "以“%”开头的行是 YAML 指令，这个指令不存在；以“%”开头的值请加英文引号"),
    ("found duplicate %", "以“%”开头的 YAML 指令重复了"),
    ("found incompatible YAML document", "“%YAML”指令的版本不受支持"),
    ("did not find expected", "以“%”开头的指令写法不正确；以“%”开头的值请加英文引号"),
    ("found extremely long version number", "“%YAML”指令的版本号太长"),
    ("control character", "这里有一个看不见的控制字符（常见于从网页或 Word 复制粘贴），请删除它"),
)
# Problems whose mistake is where the quote or bracket opened (libyaml's context mark), not where it gave up.
AT_OPENING = ("found unexpected end of stream", "found unexpected document indicator", "did not find expected ',' or")
CONTEXTS: dict[str, str] = {
    "while scanning a simple key": "读取字段名时",
    "while scanning a quoted scalar": "读取引号中的文字时",
    "while parsing a quoted scalar": "读取引号中的文字时",
    "while scanning a plain scalar": "读取文字时",
    "while scanning a block scalar": "读取块文本（| 或 >）时",
    "while parsing a block mapping": "读取“字段: 值”时",
    "while parsing a block collection": "读取列表时",
    "while parsing a flow sequence": "读取方括号 [ ] 时",
    "while parsing a flow mapping": "读取花括号 { } 时",
    "while parsing a block node": "读取值时",
    "while parsing a flow node": "读取值时",
    "while parsing a node": "读取值时",
    "while scanning an anchor": "读取锚点（&）时",
    "while scanning an alias": "读取引用（*）时",
    "while scanning a tag": "读取标签（!）时",
    "while parsing a tag": "读取标签（!）时",
    "found duplicate anchor; first occurrence": "锚点第一次出现",
    "expected a single document in the stream": "第一份内容",
}


def translate(problem: str) -> str | None:
    """libyaml's `problem` in Chinese, or None when the table does not know it."""
    for prefix, zh in PROBLEMS:
        if problem.startswith(prefix):
            return zh
    return None


def explain(text: str, err: yamlpos.YamlError, line_offset: int = 0) -> tuple[int, int, Text]:
    """(line, column, message) for a syntax error in `text`; line and column relative to the text,
    line numbers inside the message relative to the file (`line_offset` lines precede the text)."""
    mistake = _typing_mistake(text, err.line)
    if mistake is not None:
        return mistake
    problem_zh = translate(err.problem)
    line, column = err.line, err.column
    start = err.context_line + line_offset if err.context_line else None
    began_en = f"; it began on line {start}" if start else ""
    if problem_zh and err.context_line and err.context_column and err.problem.startswith(AT_OPENING):
        line, column, start = err.context_line, err.context_column, None
    began = f"从第 {start} 行开始" if start else ""
    if problem_zh is None:
        zh = f"YAML 语法错误（{err.problem}{'，' + began if began else ''}）；请检查这一行及上一行的缩进、冒号和引号。"
    else:
        where = "，".join(part for part in (CONTEXTS.get(err.context or "", "") if start else "", began) if part)
        advice = "" if "请" in problem_zh else "请检查这一行及上一行的缩进、冒号和引号。"
        zh = f"YAML 语法错误：{problem_zh}{f'（{where}）' if where else ''}。{advice}"
    context_en = f"{err.context}: " if err.context else ""
    en = (
        f"YAML syntax error ({context_en}{err.problem}{began_en}); check indentation, colons and quotes on this "
        "line and the one before."
    )
    return line, column, Text(zh, en)


# -- mistakes that parse -------------------------------------------------------------------------------


def suspicious(text: str) -> list[tuple[int, int, Text]]:
    """(line, column, message) of each typing mistake in a text that parsed but means something else:
    a full-width comma or quotes inside `[…]`/`{…}`, a `key：value` or `key:value` line read as text."""
    if not _suspect(text):
        return []
    try:
        node = yamlpos._compose(text)
    except yamlpos.YamlError:  # pragma: no cover - the text parsed a moment ago
        return []
    lines = text.split("\n")
    found: list[tuple[int, int, Text]] = []
    _walk(node, lines, found, flow=False, in_map_key=False)
    return sorted(set(found))


def _walk(node, lines: list[str], found: list, *, flow: bool, in_map_key: bool) -> None:
    if node is None:
        return
    if isinstance(node, yaml.ScalarNode):
        if not node.style:  # plain: written without quotes
            _plain(node, lines, found, flow=flow, in_map_key=in_map_key)
        return
    inner = flow or bool(node.flow_style)
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _walk(item, lines, found, flow=inner, in_map_key=False)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _walk(key, lines, found, flow=inner, in_map_key=inner)
            _walk(value, lines, found, flow=inner, in_map_key=False)


def _plain(node, lines: list[str], found: list, *, flow: bool, in_map_key: bool) -> None:
    value = node.value
    line, column = node.start_mark.line, node.start_mark.column
    source = lines[line] if line < len(lines) else ""
    if flow:
        if value[:1] in "“‘" and value[-1:] in "”’":
            found.append((line + 1, column + 1, FW_QUOTE))
        elif "，" in value and not in_map_key:
            at = source.find("，", column)
            found.append((line + 1, (at if at >= 0 else column) + 1, FW_COMMA))
        elif in_map_key and (m := re.match(rf"{_KEY}[ \t]*(：)", value)):
            found.append((line + 1, column + m.start(1) + 1, _fw_colon(value[: m.start(1)].strip())))
        return
    if source[:column].strip(" -") != "":  # only a text standing where a key belongs: alone on its line
        return
    if m := re.match(rf"({_KEY})[ \t]*(：)", value):
        found.append((line + 1, column + m.start(2) + 1, _fw_colon(m.group(1))))
    elif m := _NO_SPACE.match(value):
        found.append((line + 1, column + m.start("mark") + 1, _no_space(m.group("key"), m.group("rest"))))
