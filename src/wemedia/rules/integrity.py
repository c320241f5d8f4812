"""WM0xx — the archive is readable, well-formed, and its references resolve (clause `integrity`)."""

from __future__ import annotations

from collections import Counter

from wemedia import schemas
from wemedia.documents import KINDS as ALL_KINDS
from wemedia.documents import REGISTER_LISTS, TEXT_KINDS
from wemedia.findings import Problem
from wemedia.i18n import Text
from wemedia.model import folded_name, key_material, text, told_apart
from wemedia.references import resolve
from wemedia.rules.missing import missing_file
from wemedia.rules.registry import rule


def _file_problems(doc, codes):
    for p in doc.problems:
        if p.code in codes:
            yield Problem(p.message, line=p.line, column=p.column)


@rule(
    "WM001",
    "integrity",
    "文件必须能以 UTF-8 读取",
    "a content file must be readable as UTF-8 text",
    scope="document",
    kinds=TEXT_KINDS,
    severity="error",
)
def unreadable(doc, archive):
    """规则: 文件不是 UTF-8、超过 1 MB、是指向仓库之外的符号链接，或无法读取。
    原因: 读不了的文件什么都检查不了；中文 Windows 常默认存成 GBK，会让网站和签名都出错。
    示例: 用“记事本”另存为时选择“UTF-8”编码。
    """
    yield from _file_problems(doc, {"encoding", "too-large", "symlink", "unreadable"})


@rule(
    "WM002",
    "integrity",
    "YAML / CSV 语法必须正确，字段不得重复",
    "YAML and CSV must parse, with no duplicate keys",
    scope="document",
    kinds=TEXT_KINDS,
    severity="error",
)
def syntax(doc, archive):
    """规则: YAML 或 CSV 语法错误，或同一字段写了两次。
    原因: 语法错误的文件无法归档；重复字段时后者会悄悄覆盖前者，审核人看到的与发布的不一致。
    示例: `title: 标题` 冒号后要有空格；同一层级的字段缩进要对齐。
    """
    yield from _file_problems(doc, {"yaml", "csv"})


@rule(
    "WM003",
    "integrity",
    "文章必须有“字段: 值”形式的 front-matter",
    "a post needs a front-matter mapping",
    scope="document",
    kinds=("post",),
    severity="error",
)
def front_matter(doc, archive):
    """规则: 文章缺少 front-matter、front-matter 为空，或不是“字段: 值”的映射。
    原因: 来源、许可、审核等记录都在 front-matter 里，没有它就无法审核与归档。
    示例: 文件以 `---` 开头，接着 `title: …` 等字段，再以 `---` 结束。
    """
    yield from _file_problems(doc, {"front-matter"})


@rule(
    "WM004",
    "integrity",
    "宜使用无 BOM 的 UTF-8 和 LF 换行",
    "prefer UTF-8 without BOM and LF line ends",
    scope="document",
    kinds=TEXT_KINDS,
    severity="warning",
)
def encoding_habits(doc, archive):
    """规则: 文件带 UTF-8 BOM，或使用 Windows 换行（CRLF）。内容照常读取。
    原因: BOM 和 CRLF 会让差异对比显示整文件改动，审核人难以看清真正改了什么。
    示例: 在编辑器中选择“UTF-8（无 BOM）”和“LF”换行。
    """
    yield from _file_problems(doc, {"bom", "crlf"})


@rule(
    "WM005",
    "integrity",
    "内容必须符合其 JSON Schema",
    "content must match its JSON Schema",
    scope="document",
    kinds=ALL_KINDS,
    severity="error",
)
def schema(doc, archive):
    """规则: 字段缺失、拼错、取值不在允许范围、日期格式不对等，以 `schemas/` 中的 JSON Schema 为准。
    原因: 统一的字段是分类、存档（5.3.3.3）和其余一切检查的前提。
    示例: `status: publised` → 改为 `published`；`created: 2026/9/1` → 改为 `2026-09-01`。
    """
    if not doc.ok:
        return
    for p in schemas.problems(doc.kind, doc.data):
        yield Problem(p.message, at=p.path, key=p.at_key)


@rule(
    "WM006",
    "integrity",
    "content/ 下的文本文件宜放在约定的位置",
    "text files under content/ belong in known places",
    scope="document",
    kinds=("stray",),
    severity="warning",
)
def stray(doc, archive):
    """规则: `content/` 下有不属于任何内容类型的 .md / .yml / .csv / .txt 文件（例如文章没放在 posts/ 下），
    且没有文章在 `channels[].file` 中把它列为平台版本。
    原因: 放错位置的文件不会被检查，也不会出现在存档网站上。
    示例: 文章放在 `content/posts/2026/09/…md`；留言放在 `content/messages/2026-09.yml`；
    以前的 `content/policy/calendar.yml` 已改为每年一个文件 `content/policy/calendar/2026.yml`。
    """
    if doc.path == "content/policy/calendar.yml":  # the old single calendar file, before one file per year
        yield Problem(
            Text(
                "工作日历已改为每年一个文件：请按国务院办公厅当年的节假日安排通知写 content/policy/calendar/年份.yml"
                "（wemedia init 新建的仓库里有 2025、2026 年的，可以照抄），然后删除这个文件。",
                "the calendar is now one file per year: write content/policy/calendar/YYYY.yml from the State "
                "Council's holiday notice of that year (a repository made by wemedia init has 2025 and 2026), "
                "then delete this file.",
            ),
            line=1,
            column=1,
        )
        return
    yield Problem(
        Text(
            "这个文件不在任何约定位置，不会被检查或归档：文章放在 content/posts/ 下，留言放在 content/messages/YYYY-MM.yml，"
            "月度数据放在 content/metrics/YYYY-MM.csv；平台版本请在文章的 channels[].file 中写明。",
            "this file is in no known place and is neither checked nor archived: posts go under content/posts/, "
            "messages in content/messages/YYYY-MM.yml, statistics in content/metrics/YYYY-MM.csv; name a "
            "per-platform version in its post's channels[].file.",
        ),
        line=1,
        column=1,
    )


# Which fields of which kind name a person, an account or a library: (kind, list key, field path); the
# list key is None for a field of the document itself and "*" when the document is the list (metrics);
# "*" inside the field path stands for every item of a list there.
_REFS = {
    "people": [
        ("post", None, ("author",)),
        ("post", "reviews", ("reviewer",)),
        ("post", None, ("source", "verification", "by")),
        ("post", "corrections", ("verified_by",)),
        ("post", "corrections", ("approved_by",)),
        ("post", "disclosure_exceptions", ("approved_by",)),
        ("accounts", "accounts", ("registrant",)),
        ("accounts", "accounts", ("password_keeper",)),
        ("messages", "messages", ("handled_by",)),
    ],
    "accounts": [
        ("post", "channels", ("account",)),
        ("messages", "messages", ("account",)),
        ("targets", "targets", ("account",)),
        ("metrics", "*", ("account",)),
    ],
    "libraries": [
        ("post", None, ("library",)),
        ("team", "people", ("library",)),
        ("team", "people", ("roles", "*", "library")),  # a dated role at another library
        ("accounts", "accounts", ("library",)),
        ("targets", "targets", ("library",)),
        ("surveys", None, ("library",)),
        ("series", "series", ("library",)),
    ],
}
_REGISTER_NAME = {
    "people": ("团队名册 content/team.yml", "the team register content/team.yml"),
    "accounts": ("账号登记 content/accounts.yml", "the accounts register content/accounts.yml"),
    "libraries": ("图书馆列表 content/libraries.yml", "the library list content/libraries.yml"),
}


def _values(data, list_key, field):
    """(data path, value) of `field` in the document, or in each item of its list `list_key`."""
    if list_key is None:
        bases = [((), data)]
    elif list_key == "*":
        bases = [((i,), item) for i, item in enumerate(data)] if isinstance(data, list) else []
    else:
        seq = data.get(list_key) if isinstance(data, dict) else None
        bases = [((list_key, i), item) for i, item in enumerate(seq)] if isinstance(seq, list) else []
    for base, item in bases:
        yield from _field(item, base, field)


def _field(value, path, field):
    """(data path, text) of `field` under `value`; "*" in `field` walks every item of a list."""
    if not field:
        if isinstance(value, str):
            yield path, value
    elif field[0] == "*":
        for i, item in enumerate(value) if isinstance(value, list) else ():
            yield from _field(item, path + (i,), field[1:])
    elif isinstance(value, dict):
        yield from _field(value.get(field[0]), path + (field[0],), field[1:])


@rule(
    "WM010",
    "integrity",
    "引用的人员、账号、图书馆必须已登记",
    "referenced people, accounts and libraries must be registered",
    scope="document",
    kinds=ALL_KINDS,
    severity="error",
    registers=("team", "accounts", "libraries"),
)
def references(doc, archive):
    """规则: 作者、审核人、注册人、发布账号、图书馆等编号，必须能在团队名册、账号登记、图书馆列表中找到。
    原因: 只有登记过的人员才能担任岗位、签署审核（5.1、5.3.2）；只有登记过的账号才有注册人和密码保管人（5.2）。
    示例: `author: zhang-wei` 要求 `content/team.yml` 中有 `id: zhang-wei`。
    """
    if not doc.ok:
        return
    registers = {"people": archive.people, "accounts": archive.accounts, "libraries": archive.libraries}
    data = doc.data
    for register, uses in _REFS.items():
        known = registers[register]
        for kind, list_key, field in uses:
            if kind != doc.kind:
                continue
            for path, value in _values(data, list_key, field):
                if value not in known:
                    zh, en = _REGISTER_NAME[register]
                    yield Problem(
                        Text(
                            f"“{value}”不在{zh} 中；请检查拼写，或先登记。",
                            f"'{value}' is not in {en}; check the spelling or register it first.",
                        ),
                        at=path,
                    )


@rule(
    "WM012",
    "integrity",
    "引用的其他文件必须存在",
    "other referenced files exist",
    scope="document",
    kinds=("post", "accounts", "libraries"),
    severity="error",
)
def files_exist(doc, archive):
    """规则: 渠道的平台版本文件 `channels[].file`、账号的二维码 `qr_code.file`、图书馆的标志 `logo` 必须是仓库中
    存在的文件（文章里相对文章所在目录，登记册里相对 content/）。素材和授权凭据分别由 WM211、WM202 检查。
    原因: 存档要能找回每个平台实际发布的版本和仍在使用的二维码（5.3.1 c、5.2.2.2）。
    示例: `qr_code: {file: accounts/wechat-qr.png}` → `content/accounts/wechat-qr.png` 必须存在。
    """
    if not doc.ok:
        return
    uses = {"post": ("channels", ("file",)), "accounts": ("accounts", ("qr_code", "file"))}
    uses = [uses.get(doc.kind, ("libraries", ("logo",)))]
    for list_key, field in uses:
        for path, written in _values(doc.data, list_key, field):
            target = resolve(doc, written)
            if not archive.exists(target):
                yield Problem(
                    missing_file(
                        archive,
                        Text("文件", "the file"),
                        written,
                        target,
                        Text("请添加文件或改正路径。", "add it or correct the path."),
                    ),
                    at=path,
                )


@rule(
    "WM011",
    "integrity",
    "登记册中的编号不得重复",
    "ids in a register must be unique",
    scope="document",
    kinds=("libraries", "team", "accounts", "messages", "series"),
    severity="error",
)
def unique_ids(doc, archive):
    """规则: 同一登记册中两项使用了同一个编号。
    原因: 编号重复时，引用会指向错误的人或账号，审核签名也就无从核对。
    示例: 两位“张伟”分别写成 `zhang-wei` 和 `zhang-wei-2`。
    """
    key = {**REGISTER_LISTS, "messages": "messages"}[doc.kind]
    seq = doc.data.get(key) if isinstance(doc.data, dict) else None
    if not isinstance(seq, list):
        return
    ids = [(i, text(item, "id")) for i, item in enumerate(seq)]
    counts = Counter(v for _, v in ids if v is not None)
    seen = set()
    for i, value in ids:
        if counts.get(value, 0) > 1:
            if value in seen:
                yield Problem(
                    Text(
                        f"编号“{value}”在本文件中重复；请改成唯一的编号。",
                        f"the id '{value}' is used more than once in this file; make it unique.",
                    ),
                    at=(key, i, "id"),
                )
            seen.add(value)


@rule(
    "WM013",
    "5.3.2",
    "团队名册中同一把公钥、同一个姓名不得登记为两个人",
    "one public key or one name is not registered as two people",
    scope="document",
    kinds=("team",),
    registers=("team",),
)
def one_person_one_entry(doc, archive):
    """规则: 团队名册中两人登记了同一把公钥（只比较类型和密钥本身，末尾的注释不算），或两人姓名相同而没有用 `note`
    （说明）区分开——两人都不写，或写得一样。姓名和说明比较前先统一写法：全角半角、繁简、大小写，去掉空格（含全角空格）、
    零宽字符和汉字间的标点。错误报在后一项上。编号重复由 WM011 报告。
    原因: 5.3.2 要求初审、复审两道审核；同一个人用两个编号（`li-na` 与 `lina`）就能一人审两道，或审自己的稿件，
    签名也无从区分是谁。真有同名的两人时，写上 `note` 即可。
    示例: 两位“张伟”写成 `{id: zhang-wei, name: 张伟, note: 少儿部}` 和 `{id: zhang-wei-2, name: 张伟, note: 古籍部}`。
    """
    people = doc.data.get("people") if isinstance(doc.data, dict) else None
    if not isinstance(people, list):
        return
    owners: dict[tuple[str, str], int] = {}  # key material -> index of the first person who has it
    names: dict[str, list[int]] = {}  # folded name -> indexes of the people with it
    for i, person in enumerate(people):
        if not isinstance(person, dict):
            continue
        keys = person.get("keys")
        for j, entry in enumerate(keys if isinstance(keys, list) else ()):
            material = key_material(entry.get("key")) if isinstance(entry, dict) else None
            if material is None:
                continue
            first = owners.setdefault(material, i)
            if first != i:
                yield Problem(
                    Text(
                        f"这把公钥已登记给 {_who(people[first])}（末尾注释不同也是同一把）；同一把密钥不能登记给两个人，"
                        "否则一人用两个编号就能审两道。若是同一个人，请合并为一项；若是两个人，请本人另生成一把密钥"
                        "（ssh-keygen -t ed25519）登记。",
                        f"this public key is already registered to {_who(people[first], 'en')} (the key itself is "
                        "compared, not its comment); one key cannot belong to two people, or one person could do "
                        "both reviews. Merge the entries if they are one person; otherwise have this person "
                        "generate a key of their own (ssh-keygen -t ed25519).",
                    ),
                    at=("people", i, "keys", j, "key"),
                )
        name = person.get("name")
        if not isinstance(name, str) or not folded_name(name):
            continue
        same = names.setdefault(folded_name(name), [])
        note = folded_name(person.get("note"))
        for k in same:
            other = folded_name(people[k].get("note"))
            if not told_apart(person.get("note"), people[k].get("note")):
                yield Problem(
                    Text(
                        f"姓名与 {_who(people[k])} 相同，{'两人的说明（note）也相同' if note and note == other else '两人并非都写了说明（note）'}"
                        "，无法区分；同一个人不能登记两次，否则一人用两个编号就能审两道。"
                        "若是同一个人，请合并为一项；若确是两个人，请在两人的 note 中写明区别（如所在部门）。",
                        f"the same name as {_who(people[k], 'en')}, and "
                        f"{'the same note, which tells nobody apart' if note and note == other else 'not both have a note to tell them apart'}; one "
                        "person cannot be registered twice (or they could do both reviews). Merge the entries if they "
                        "are one person; otherwise write what tells them apart (e.g. their department) in each note.",
                    ),
                    at=("people", i, "name"),
                )
                break
        same.append(i)


def _who(person: dict, lang: str = "zh") -> str:
    """`“li-na”（李娜）` / `'li-na' (李娜)` for messages."""
    pid, name = text(person, "id") or "…", text(person, "name") or "…"
    return f"“{pid}”（{name}）" if lang == "zh" else f"'{pid}' ({name})"
