"""`wemedia new post --title T --account A --category C [--series S] [--author ID]` — a new draft.

The draft has every field the checks will ask for, with Chinese comments saying what goes where, and
passes `wemedia check` as written. The new file's path is the last line printed, for scripts.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from wemedia import archive as archive_mod
from wemedia import schemas, writer
from wemedia.cli.common import EXIT_OK, NO_REPOSITORY, fail, repository
from wemedia.i18n import Text

SHANGHAI = ZoneInfo("Asia/Shanghai")
CATEGORIES = schemas.all_schemas()["post"]["properties"]["category"]["enum"]
_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")


def add(sub) -> None:
    p = sub.add_parser("new", help="新建草稿 / create a draft")
    kinds = p.add_subparsers(dest="what", metavar="post")
    post = kinds.add_parser("post", help="新建一篇文章草稿 / create a draft post",
                            description="在 content/posts/年/月/ 下新建草稿，最后一行打印其路径。"
                                        " / Write a draft under content/posts/YYYY/MM/ and print its path last.")
    post.add_argument("--title", required=True, help="标题 / title")
    post.add_argument("--account", required=True, help="首发账号编号（accounts.yml）/ account id")
    post.add_argument("--category", required=True, choices=CATEGORIES, help="分类 / category (5.3.1)")
    post.add_argument("--series", help="系列编号 / series id (5.3.1 b)")
    post.add_argument("--author", help="作者编号（默认按 git user.name 在团队名册中查找）/ author id")
    post.add_argument("--slug", help="文件名（不含 .md，默认 日期-序号）/ file name without .md")
    post.add_argument("--date", help="创建日期 YYYY-MM-DD（默认今天，北京时间）/ creation date")
    post.add_argument("--root", metavar="DIR", help="编辑仓库所在目录 / the editorial repository")
    post.add_argument("--lang", choices=("zh", "en"), help="消息语言 / message language")
    post.set_defaults(run=run)


def _yaml_str(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), safe for any title."""
    return json.dumps(value, ensure_ascii=False)


def _author(args, root: Path, people: dict) -> str | Text:
    """The author's id: --author, else the one person whose name or id is git's user.name."""
    known_zh = "、".join(f"{pid}（{person.get('name')}）" for pid, person in sorted(people.items())) or "（无）"
    known_en = ", ".join(f"{pid} ({person.get('name')})" for pid, person in sorted(people.items())) or "(none)"
    if args.author:
        return args.author if args.author in people else Text(
            f"作者“{args.author}”不在团队名册 content/team.yml 中；已登记：{known_zh}。",
            f"the author '{args.author}' is not in content/team.yml; registered: {known_en}.")
    from wemedia import gitrepo

    name = gitrepo.user_name(root)
    matches = [pid for pid, person in people.items() if name and name in (pid, person.get("name"))]
    if len(matches) == 1:
        return matches[0]
    return Text(f"请用 --author 写上你在团队名册中的编号，如 --author {next(iter(sorted(people)), 'zhang-wei')}；"
                f"已登记：{known_zh}。（git 的 user.name 设为你在名册中的姓名后，可省略 --author。）",
                f"give --author with your id in the team register; registered: {known_en}. (With git's user.name "
                "set to your name in the register, --author can be left out.)")


def run(args) -> int:
    root = repository(args)
    if root is None:
        return fail(args, NO_REPOSITORY)
    registers = archive_mod.load(root, [])
    account = registers.accounts.get(args.account)
    if account is None:
        known = "、".join(sorted(registers.accounts)) or "（无）"
        return fail(args, Text(f"账号“{args.account}”不在 content/accounts.yml 中；已登记：{known}。",
                               f"the account '{args.account}' is not in content/accounts.yml; registered: {known}."))
    if args.series and not _ID.match(args.series):
        return fail(args, Text("系列编号只能用小写字母、数字和连字符，如 guji-xiufu。",
                               "a series id uses lowercase letters, digits and hyphens, e.g. guji-xiufu."))
    author = _author(args, root, registers.people)
    if isinstance(author, Text):
        return fail(args, author)
    try:
        day = dt.date.fromisoformat(args.date) if args.date else dt.datetime.now(SHANGHAI).date()
    except ValueError:
        return fail(args, Text("--date 应写成 YYYY-MM-DD。", "--date must be YYYY-MM-DD."))
    if args.slug is not None and not _ID.match(args.slug):
        return fail(args, Text("--slug 只能用小写字母、数字和连字符。", "--slug uses lowercase letters, digits and hyphens."))
    folder = root / "content" / "posts" / f"{day:%Y}" / f"{day:%m}"
    text = render(args.title, account.get("library"), author, day, args.category, args.series, args.account)
    for n in range(1, 1000):
        slug = args.slug or f"{day.isoformat()}-{n:02d}"
        try:
            path = writer.create(folder / f"{slug}.md", text)
            break
        except writer.AlreadyExists:
            if args.slug:
                return fail(args, Text(f"{folder / slug}.md 已存在，未改动；请换一个 --slug。",
                                       f"{folder / slug}.md already exists and was left alone; choose another --slug."))
    print(path.relative_to(root).as_posix() if Path.cwd() == root else str(path))
    return EXIT_OK


def render(title: str, library: str, author: str, day: dt.date, category: str, series: str | None,
           account: str) -> str:
    series_line = f"series: {series}            # 系列编号（5.3.1 b）\n" if series else ""
    return f"""---
title: {_yaml_str(title)}
library: {library}
author: {author}
created: {day.isoformat()}
category: {category}   # 分类（5.3.1）
{series_line}tags: []
channels:               # 发布渠道；发布后补 published（时间）和 url（5.3.3.3）
  - account: {account}
source:
  type: original        # original 原创 / reprint 转载 / adapted 改编（后两者须补 origin、authorization、verification）
licence: all-rights-reserved   # 本文许可（4.1），如 CC-BY-4.0
assets: []              # 正文用到的每个图片、视频、音频：file、kind、creator、source、licence（5.3.2 c）
reviews: []             # 初审 first、复审 second、签发 signoff（5.3.2、5.3.3.1）
status: draft           # draft → in-review → approved → published
---

# {title}

正文从这里开始。图片放在本文件旁的 img/ 文件夹里，并在上面的 assets 中登记创作者、来源和许可。
"""
