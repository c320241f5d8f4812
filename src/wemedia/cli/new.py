"""`wemedia new post --title T --account A --category C [--series S] [--author ID]` — a new draft.

The draft has every field the checks will ask for, with Chinese comments saying what goes where, and
passes `wemedia check` as written. The new file's path is the last line printed, for scripts.
The category may be written as its value or its Chinese label (活动预告), the author as an id or the
name registered in content/team.yml (刘洋).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from wemedia import archive as archive_mod
from wemedia import clock, labels, writer
from wemedia.cli import new_targets, newversion
from wemedia.cli.common import EXIT_OK, NO_REPOSITORY, fail, repository
from wemedia.cli.parsing import pick
from wemedia.i18n import Text

SHANGHAI = ZoneInfo("Asia/Shanghai")
_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")


def add(sub) -> None:
    p = sub.add_parser("new", help="新建草稿 / create a draft")
    kinds = p.add_subparsers(dest="what", metavar="post|version|targets")
    post = kinds.add_parser(
        "post",
        help="新建一篇文章草稿 / create a draft post",
        raw=True,  # the epilog's table as written
        description="在 content/posts/年/月/ 下新建草稿，最后一行打印其路径。 / "
        "Write a draft under content/posts/YYYY/MM/ and print its path last.",
    )
    post.description = pick(post.description, post.lang)
    post.epilog = _epilog(post.lang)
    post.add_argument("--title", required=True, help="标题 / title")
    post.add_argument("--account", required=True, help="首发账号编号（accounts.yml）/ account id")
    post.add_argument(
        "--category",
        required=True,
        help="分类（5.3.1），写编号或中文名均可，见下表 / category (5.3.1): the value or its Chinese label, "
        "listed below",
    )
    post.add_argument("--series", help="系列编号 / series id (5.3.1 b)")
    post.add_argument(
        "--author",
        help="作者：团队名册（content/team.yml）中的编号或姓名，如 liu-yang 或 刘洋；默认按 git 的 user.name "
        "查找 / author: the id or the name in content/team.yml (default: git's user.name)",
    )
    post.add_argument("--slug", help="文件名（不含 .md，默认 日期-序号）/ file name without .md")
    post.add_argument("--date", help="创建日期 YYYY-MM-DD（默认今天，北京时间）/ creation date")
    post.add_argument("--root", metavar="DIR", help="编辑仓库所在目录 / the editorial repository")
    post.add_argument("--lang", choices=("zh", "en"), help="消息语言 / message language")
    post.set_defaults(run=run)
    newversion.add(kinds)
    new_targets.add(kinds)


def _epilog(lang: str) -> str:
    """The categories with their labels, and how to name the author, in the help's language."""
    choices = labels.choices("post.category")
    width = max(len(value) for value, _ in choices)
    if lang == "en":
        return "\n".join(
            [
                "categories (--category takes the value or its label):",
                *(f"  {value:<{width}}  {names.en}" for value, names in choices),
                "",
                "author (--author): the id (liu-yang) or the name registered in content/team.yml;",
                "  people who share a name are told apart by id. Left out, git's user.name is looked up.",
            ]
        )
    return "\n".join(
        [
            "分类（--category，写左列的编号或中文名均可）：",
            *(f"  {value:<{width}}  {names.zh}" for value, names in choices),
            "",
            "作者（--author）：团队名册 content/team.yml 中的编号（如 liu-yang）或姓名（如 刘洋）；",
            "  同名的人须写编号。省略时按 git 的 user.name 查找。",
        ]
    )


def _yaml_str(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), safe for any title."""
    return json.dumps(value, ensure_ascii=False)


def _people_called(people: dict, written: str) -> list[str]:
    """The ids `written` may mean: that id itself, else everyone registered under that name."""
    written = written.strip()
    if written in people:
        return [written]
    return sorted(pid for pid, person in people.items() if written and person.get("name") == written)


def _author(args, root: Path, people: dict) -> str | Text:
    """The author's id: --author (an id or a registered name), else the one person whose name or id is
    git's user.name."""
    known_zh = "、".join(f"{pid}（{person.get('name')}）" for pid, person in sorted(people.items())) or "（无）"
    known_en = ", ".join(f"{pid} ({person.get('name')})" for pid, person in sorted(people.items())) or "(none)"
    if args.author:
        written = args.author.strip()
        matches = _people_called(people, written)
        if not matches:
            return Text(
                f"作者“{written}”不在团队名册 content/team.yml 中（按编号和姓名都没有找到）；已登记：{known_zh}。",
                f"the author '{written}' is not in content/team.yml (neither as an id nor as a name); "
                f"registered: {known_en}.",
            )
    else:
        from wemedia import gitrepo

        written = gitrepo.user_name(root) or ""
        matches = _people_called(people, written)
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        return Text(
            f"团队名册中有 {len(matches)} 人叫“{written}”：{'、'.join(matches)}；请用 --author 写上编号，"
            f"如 --author {matches[0]}。",
            f"{len(matches)} people in the team register are called '{written}': {', '.join(matches)}; "
            f"give --author with the id, e.g. --author {matches[0]}.",
        )
    return Text(
        f"请用 --author 写上你在团队名册中的编号，如 --author {next(iter(sorted(people)), 'zhang-wei')}；"
        f"已登记：{known_zh}。（git 的 user.name 设为你在名册中的姓名后，可省略 --author。）",
        f"give --author with your id in the team register; registered: {known_en}. (With git's user.name "
        "set to your name in the register, --author can be left out.)",
    )


def run(args) -> int:
    root = repository(args)
    if root is None:
        return fail(args, NO_REPOSITORY)
    registers = archive_mod.load(root, [])
    account = registers.accounts.get(args.account)
    if account is None:
        known = "、".join(sorted(registers.accounts)) or "（无）"
        return fail(
            args,
            Text(
                f"账号“{args.account}”不在 content/accounts.yml 中；已登记：{known}。",
                f"the account '{args.account}' is not in content/accounts.yml; registered: {known}.",
            ),
        )
    if args.series and not _ID.match(args.series):
        return fail(
            args,
            Text(
                "系列编号只能用小写字母、数字和连字符，如 guji-xiufu。",
                "a series id uses lowercase letters, digits and hyphens, e.g. guji-xiufu.",
            ),
        )
    position = None
    if args.series:
        if args.series not in registers.series:
            known = "、".join(sorted(registers.series)) or "（无）"
            return fail(
                args,
                Text(
                    f"系列“{args.series}”没有在 content/series.yml 中声明；已声明：{known}。请先声明系列再写文章。",
                    f"the series '{args.series}' is not declared in content/series.yml; declared: {known}. "
                    "Declare it first.",
                ),
            )
        series = registers.series[args.series]
        own, theirs = account.text("library"), series.text("library")
        if own and theirs and own != theirs:
            names = registers.libraries
            return fail(
                args,
                Text(
                    f"系列“{series.get('title') or args.series}”属于"
                    f"{names[theirs].get('name') if theirs in names else theirs}，账号“{args.account}”属于"
                    f"{names[own].get('name') if own in names else own}：请选该馆的账号或系列。",
                    f"the series '{args.series}' belongs to '{theirs}', the account '{args.account}' to '{own}': "
                    "choose that library's account or series.",
                ),
            )
        ended = clock.day_of(series.get("end"))
        try:
            on = dt.date.fromisoformat(args.date) if args.date else clock.today()
        except ValueError:
            on = clock.today()  # a --date that is not a date is refused below, with its own message
        if ended is not None and ended < on:
            return fail(
                args,
                Text(
                    f"系列“{series.get('title') or args.series}”已于 {ended} 结束；要续写请先在 content/series.yml "
                    "中改动或删去 end。",
                    f"the series '{args.series}' ended on {ended}; to continue it, change or remove its end in "
                    "content/series.yml first.",
                ),
            )
        # the next position: after every post already in the series, drafts included
        taken = [p.series_position or 0 for p in registers.posts if p.series_id == args.series]
        position = max(taken, default=0) + 1
    category = labels.lookup("post.category", args.category)
    if category is None:
        return fail(
            args,
            Text(
                f"分类“{args.category}”不认识；可选（写编号或中文名均可）：{labels.listing('post.category')}。",
                f"unknown category '{args.category}'; choose one of (the value or its Chinese label): "
                f"{labels.listing('post.category', 'en')}.",
            ),
        )
    author = _author(args, root, registers.people)
    if isinstance(author, Text):
        return fail(args, author)
    try:
        day = dt.date.fromisoformat(args.date) if args.date else dt.datetime.now(SHANGHAI).date()
    except ValueError:
        return fail(args, Text("--date 应写成 YYYY-MM-DD。", "--date must be YYYY-MM-DD."))
    person = registers.people[author]
    if not person.active_on(day):  # a draft by someone not in post that day would be signed off for nobody
        start, until = person.active_period
        return fail(
            args,
            Text(
                f"作者 {author}（{person.get('name')}）{day} 不在岗（团队名册 active：{start or '—'} 至 "
                f"{until or '—'}）；请写当时在岗的作者，或先在 content/team.yml 中更新其在岗时间。",
                f"the author {author} ({person.get('name')}) is not in post on {day} (active {start or '—'} to "
                f"{until or '—'} in the team register); name an author in post, or update content/team.yml first.",
            ),
        )
    if args.slug is not None and not _ID.match(args.slug):
        return fail(
            args, Text("--slug 只能用小写字母、数字和连字符。", "--slug uses lowercase letters, digits and hyphens.")
        )
    folder = root / "content" / "posts" / f"{day:%Y}" / f"{day:%m}"
    series = f"{{id: {args.series}, position: {position}}}" if args.series else None
    text = render(args.title, account.get("library"), author, day, category, series, args.account)
    # the day's next free number, without a bound: count past the drafts already there, then keep
    # counting should one appear meanwhile (another `new post` at the same moment)
    taken = {p.name for p in folder.glob(f"{day.isoformat()}-*.md")} if folder.is_dir() else set()
    first = next(n for n in itertools.count(1) if f"{day.isoformat()}-{n:02d}.md" not in taken)
    for n in itertools.count(first):
        slug = args.slug or f"{day.isoformat()}-{n:02d}"
        try:
            path = writer.create(folder / f"{slug}.md", text)
            break
        except writer.AlreadyExists:
            if args.slug:
                return fail(
                    args,
                    Text(
                        f"{folder / slug}.md 已存在，未改动；请换一个 --slug。",
                        f"{folder / slug}.md already exists and was left alone; choose another --slug.",
                    ),
                )
    print(path.relative_to(root).as_posix() if Path.cwd() == root else str(path))
    return EXIT_OK


def render(title: str, library: str, author: str, day: dt.date, category: str, series: str | None, account: str) -> str:
    series_line = f"series: {series}   # 系列及第几篇（5.3.1 b）\n" if series else ""
    sources = " / ".join(f"{value} {names.zh}" for value, names in labels.choices("post.source.type"))
    stages = "、".join(f"{names.zh} {value}" for value, names in labels.choices("post.review.stage"))
    flow = " → ".join(
        f"{value} {labels.label('post.status', value)}" for value in ("draft", "in-review", "approved", "published")
    )
    return f"""---
title: {_yaml_str(title)}
library: {library}
author: {author}
created: {day.isoformat()}
category: {category}   # 分类：{labels.label("post.category", category)}（5.3.1）
{series_line}tags: []
channels:               # 发布渠道；发布后补 published（时间）和 url（5.3.3.3）
  - account: {account}
source:
  type: original        # {sources}（后两者须补 origin、authorization、verification）
licence: all-rights-reserved   # 本文许可（4.1），如 CC-BY-4.0
assets: []              # 正文用到的每个图片、视频、音频：file、kind、creator、source、licence（5.3.2 c）
reviews: []             # {stages}（5.3.2、5.3.3.1）
status: draft           # {flow}
---

# {title}

正文从这里开始。图片放在本文件旁的 img/ 文件夹里，并在上面的 assets 中登记创作者、来源和许可。
"""
