"""The archive website, generated from the Archive inside MkDocs (hooks/wemedia_site.py is the glue).

Pages are added to MkDocs' file collection at build time — nothing generated is committed. Posts stay
out of the navigation (there will be thousands); the navigation holds the overview, the post list by
month and the rule catalogue, which is generated from the rule registry.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

from wemedia import archive as archive_mod
from wemedia import body
from wemedia.clauses import CLAUSES
from wemedia.i18n import Text
from wemedia.model import Post, mapping, text
from wemedia.rules import RULES

SHANGHAI = ZoneInfo("Asia/Shanghai")
STATUS = {
    "draft": "草稿",
    "in-review": "审核中",
    "approved": "已签发",
    "published": "已发布",
    "corrected": "已更正",
    "withdrawn": "已撤回",
}
CATEGORY = {
    "activity-preview": "活动预告",
    "collection-reveal": "馆藏揭示",
    "hot-topic": "热点",
    "reading-promotion": "阅读推广",
    "service-notice": "服务通知",
    "news": "新闻",
    "other": "其他",
}
STAGE = {"first": "初审", "second": "复审", "signoff": "签发"}
PLATFORM = {
    "wechat-official": "微信公众号",
    "wechat-channels": "微信视频号",
    "weibo": "微博",
    "douyin": "抖音",
    "xiaohongshu": "小红书",
    "bilibili": "哔哩哔哩",
    "other": "其他",
}
SOURCE = {"original": "原创", "reprint": "转载", "adapted": "改编"}


def cell(value: object) -> str:
    """Text safe inside a Markdown table cell: HTML-escaped, pipes and line breaks neutralised."""
    return html.escape(str(value if value is not None else "")).replace("|", "&#124;").replace("\n", " ")


def link(url: object) -> str:
    """A URL from the data as a link in a table cell: escaped, and linked only when it is http(s) —
    a `javascript:` address or markup smuggled into a URL is shown as text, never run."""
    text = str(url or "")
    if not text:
        return "—"
    return f'<a href="{cell(text)}">{cell(text)}</a>' if re.match(r"https?://", text, re.I) else cell(text)


def when(value: object) -> str:
    """An ISO time as a reader in Asia/Shanghai reads it: 2026-09-03 08:00."""
    text = str(value or "")
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return cell(text) or "—"
    if moment.tzinfo is not None:
        moment = moment.astimezone(SHANGHAI)
    return moment.strftime("%Y-%m-%d %H:%M")


def page_uri(post: Post) -> str:
    return f"posts/{post.id}.md"


def _when(post: Post) -> str:
    times = [when(c.get("published")) for _, c in post.list_of("channels") if c.get("published")]
    return min(times)[:10] if times else str(post.get("created", ""))


def overview(archive, posts: list[Post]) -> str:
    lines = [
        "# 自媒体存档",
        "",
        f"共 **{len(posts)}** 篇内容，来自 {len(archive.libraries)} 个图书馆、{len(archive.accounts)} 个账号。",
        "",
    ]
    for title, head, counter, names in (
        ("按状态", "状态", Counter(p.status for p in posts), STATUS),
        ("按分类", "分类", Counter(p.text("category") for p in posts), CATEGORY),
    ):
        lines += [f"## {title}", "", f"| {head} | 篇数 |", "|---|---:|"]
        lines += [
            f"| {cell(names.get(k, k or '未分类'))} | {n} |" for k, n in sorted(counter.items(), key=lambda kv: -kv[1])
        ]
        lines.append("")
    per_account = Counter(text(c, "account") for p in posts for _, c in p.list_of("channels") if c.get("published"))
    lines += ["## 各账号已发布", "", "| 账号 | 平台 | 篇数 |", "|---|---|---:|"]
    for aid, account in sorted(archive.accounts.items()):
        lines.append(
            f"| {cell(account.get('name'))} | {cell(PLATFORM.get(account.text('platform'), account.get('platform')))} | {per_account.get(aid, 0)} |"
        )
    return "\n".join(lines) + "\n"


def post_list(posts: list[Post]) -> str:
    by_month: dict[str, list[Post]] = defaultdict(list)
    for post in posts:
        by_month[_when(post)[:7]].append(post)
    lines = ["# 全部文章", ""]
    for month in sorted(by_month, reverse=True):
        lines += [f"## {month}", "", "| 日期 | 标题 | 分类 | 状态 |", "|---|---|---|---|"]
        for post in sorted(by_month[month], key=_when, reverse=True):
            # Percent-encoded: a file name with a space or a bracket would otherwise end the link.
            link = f"[{cell(post.title)}]({quote(page_uri(post).removeprefix('posts/'))})"
            lines.append(
                f"| {_when(post)} | {link} | {cell(CATEGORY.get(post.text('category'), '未分类'))} "
                f"| {cell(STATUS.get(post.status, post.status))} |"
            )
        lines.append("")
    return "\n".join(lines)


def post_page(archive, post: Post) -> str:
    people = archive.people
    name = lambda pid: cell(people[pid].get("name") if pid in people else pid)
    source = mapping(post.data, "source")
    library = archive.libraries.get(post.text("library"))
    rows = [
        ("状态", cell(STATUS.get(post.status, post.status))),
        ("分类", cell(CATEGORY.get(post.text("category"), "未分类"))),
        ("作者", name(post.text("author"))),
        ("图书馆", cell(library.get("name") if library else post.get("library"))),
        ("来源", cell(SOURCE.get(text(source, "type"), source.get("type")))),
        ("许可", cell(post.get("licence"))),
        ("创建日期", cell(post.get("created"))),
    ]
    if post.get("series"):
        rows.append(("系列", cell(post.get("series"))))
    origin = mapping(source, "origin")
    if origin:
        rows.append(("原始出处", cell(f"{origin.get('publisher', '')}《{origin.get('title', '')}》")))
    lines = [f"# {cell(post.title)}", "", "| 项目 | 内容 |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in rows]
    lines.append("")
    channels = post.list_of("channels")
    if channels:
        lines += ["**发布渠道**", "", "| 账号 | 发布时间 | 网址 |", "|---|---|---|"]
        for _, c in channels:
            account = archive.accounts.get(text(c, "account"))
            lines.append(
                f"| {cell(account.get('name') if account else c.get('account'))} | {when(c.get('published'))} "
                f"| {link(c.get('url'))} |"
            )
        lines.append("")
    reviews = post.list_of("reviews")
    if reviews:
        lines += ["**审核记录**", "", "| 阶段 | 审核人 | 时间 |", "|---|---|---|"]
        lines += [
            f"| {STAGE.get(text(r, 'stage'), cell(r.get('stage')))} | {name(text(r, 'reviewer'))} | {when(r.get('at'))} |"
            for _, r in reviews
        ]
        lines.append("")
    lines += ["---", "", BODY_MARK, ""]
    return "\n".join(lines)


# Where a post page's body goes. The body is rendered by `body.render` — the CommonMark parse the
# checks read — and put in place after MkDocs has rendered the page (hooks/wemedia_site.py), so
# Python-Markdown never reinterprets what was checked.
BODY_MARK = "<!-- wemedia:body -->"


def body_html(post: Post, pages: set[str]) -> tuple[str, list[Text]]:
    """The body's HTML, and a warning for each link to a page the archive does not have."""
    html_text, linked = body.render(_without_title(post.doc.body, post.title))
    missing = [target for target in linked if post.resolve(target) not in pages]
    return html_text, [
        Text(
            f"{post.doc.path} 中的链接“{target}”指向的文章不在存档中（应在 {post.resolve(target)}）；"
            "请改正链接，或先发布那篇文章。",
            f"{post.doc.path}: the link '{target}' points to a post that is not in the archive "
            f"(expected at {post.resolve(target)}); correct the link or publish that post first.",
        )
        for target in missing
    ]


def _without_title(body: str, title: str) -> str:
    """The body minus a first-line `# title` that repeats the page's own heading."""
    first, _, rest = body.lstrip("\n").partition("\n")
    return rest if first.strip() == f"# {title}".strip() else body


SEVERITY = {"error": "错误（应）", "warning": "建议（宜）"}


def rule_catalogue() -> str:
    lines = [
        "# 规则目录",
        "",
        "由规则注册表生成。“错误”对应标准中的“应”，阻止提交与合并；“建议”对应“宜”，只作提示。"
        "条款 integrity（数据完整性）是 wemedia 自己的前提：文件可读、格式正确、引用可解析。",
        "",
        "| 编号 | 条款 | 级别 | 说明 |",
        "|---|---|---|---|",
    ]
    rules = sorted(RULES.values(), key=lambda r: r.id)
    lines += [
        f"| [{r.id}](#{r.id.lower()}) | {r.clause} | {SEVERITY[r.severity]} | {cell(r.summary.zh)} |" for r in rules
    ]
    lines += ["", "## 条款覆盖", "", "| 条款 | 要求 | 规则 |", "|---|---|---|"]
    for key, clause in CLAUSES.items():
        ids = ", ".join(r.id for r in rules if r.clause == key) or "—"
        lines.append(f"| {key} | {cell(clause.title.zh)} | {ids} |")
    for r in rules:
        lines += [
            "",
            f"## {r.id} {{#{r.id.lower()}}}",
            "",
            f"**{cell(r.summary.zh)}**（条款 {r.clause} {cell(CLAUSES[r.clause].title.zh)}；{SEVERITY[r.severity]}）",
            "",
        ]
        for line in r.doc.splitlines():
            head, _, rest = line.partition(":")
            lines.append(f"- **{head}**：{rest.strip()}" if head in ("规则", "原因", "示例") else f"  {line.strip()}")
    return "\n".join(lines) + "\n"


@dataclass
class Site:
    """What the MkDocs hook adds: generated pages and asset files by docs-relative URI, the rendered
    body of each post page, warnings (which fail the strict build) and what blocks the build outright."""

    generated: dict[str, str]
    assets: dict[str, Path]
    bodies: dict[str, str]
    warnings: list[Text]
    blocked: list[Text]  # disclosure errors in what would be published: the build stops before any page


def pages(root: Path) -> Site:
    """The archive's pages, for the whole archive."""
    bodies: dict[str, str] = {}
    warnings: list[Text] = []
    archive = archive_mod.load(root)
    posts = sorted(archive.posts, key=_when, reverse=True)
    generated = {"index.md": overview(archive, posts), "posts/index.md": post_list(posts), "rules.md": rule_catalogue()}
    assets: dict[str, Path] = {}
    for post in posts:
        generated[page_uri(post)] = post_page(archive, post)
        bodies[page_uri(post)], problems = body_html(post, {p.doc.path for p in posts})
        warnings += problems
        for _, asset in post.list_of("assets"):
            rel = post.resolve(str(asset.get("file", "")))
            if rel.startswith("content/posts/") and archive.exists(rel):
                assets[rel.removeprefix("content/")] = root / rel
    return Site(generated, assets, bodies, warnings, _guarded(archive, posts))


def _guarded(archive, posts: list[Post]) -> list[Text]:
    """The site never carries what the disclosure guard stops: each of its errors in anything the site
    would publish (a post, its per-platform versions) is a warning, and the strict build stops on it."""
    from wemedia import disclosure, engine
    from wemedia.rules import RULES

    guard = [r for r in RULES.values() if r.check.__module__ == "wemedia.rules.disclosure"]
    archive.selected = {p.doc.path for p in posts} | {v for p in posts for _, v in p.variants} | {disclosure.POLICY}
    return [
        Text(
            f"{f.path}:{f.line}:{f.column}: {f.rule} {f.message.zh} 网站不收录带有不宜公开信息的内容，请先改正。",
            f"{f.path}:{f.line}:{f.column}: {f.rule} {f.message.en} The site never carries what must not be "
            "published: fix it first.",
        )
        for f in engine.run(archive, guard)
        if f.severity == "error"
    ]
