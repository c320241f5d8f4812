"""The archive website, generated from the Archive inside MkDocs (hooks/wemedia_site.py is the glue).

Pages are added to MkDocs' file collection at build time — nothing generated is committed. What goes
in: published, corrected and withdrawn posts (a withdrawn one behind its notice); drafts and posts in
review only when the site's settings ask for the review-queue section. Posts stay out of the navigation
(there will be thousands): they are reached through the views (`sitepages.views`), each page of which
holds at most PAGE_SIZE entries. The home page's figures link to the views; the dashboards and the rule
catalogue are generated from the same Archive and the rule registry.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from wemedia import ahead, body, clock, engine, search
from wemedia import archive as archive_mod
from wemedia.i18n import Text
from wemedia.model import Post
from wemedia.sitepages import charts, dashboards, postpage, reports, statistics, versions
from wemedia.sitepages.common import cell, href, label, on_site, page_uri, shown_day
from wemedia.sitepages.postpage import BODY_MARK
from wemedia.sitepages.views import BY_SLUG, Views, index_uri, key_uri, listing

__all__ = ["BODY_MARK", "Site", "pages", "site_identity"]


@dataclass
class Site:
    """What the MkDocs hook adds: generated pages and asset files by docs-relative URI, the rendered
    body of each post page, warnings (which fail the strict build) and what blocks the build outright."""

    generated: dict[str, str]
    assets: dict[str, Path]
    bodies: dict[str, str]
    warnings: list[Text]
    blocked: list[Text]  # disclosure errors in what would be published: the build stops before any page
    posts: list[Post] = field(default_factory=list)


def site_identity(archive) -> tuple[str, str | None]:
    """(site name, logo path under content/ or None) from content/libraries.yml: the central library's
    (or the only one's) name and logo; several libraries without a central one keep a general name."""
    libraries = list(archive.libraries.values())
    centrals = [lib for lib in libraries if lib.text("kind") == "central"]
    lib = centrals[0] if centrals else libraries[0] if len(libraries) == 1 else None
    if lib is None:
        return "图书馆自媒体存档", None
    logo = lib.text("logo")
    return f"{lib.get('name')}自媒体存档", logo if logo and archive.exists(f"content/{logo}") else None


def pages(root: Path, *, queue: bool = False, only: str | None = None) -> Site:
    """The archive's pages. `queue`: also posts in review, as the review-queue section; `only`: one
    post's page (and the home page), for `wemedia serve --post`."""
    if only is not None:  # one post: nothing else of the archive is read but the registers it names
        archive = archive_mod.load(root, [only])
        doc = archive.document(only)
        posts = [Post(doc)] if doc is not None and doc.kind == "post" and doc.ok else []
        return render(archive, root, posts=posts, findings=None)
    pool = ahead.start(root, sorted(archive_mod.walk(root)))  # as `wemedia check` does: one full check
    archive = archive_mod.load(root)
    ahead.attach(archive, pool)
    with clock.fixed(clock.today()):  # one "today" for the whole build, past midnight too
        findings = engine.run(archive)
    return render(archive, root, queue=queue, findings=findings)


def render(archive, root: Path, *, queue: bool = False, posts: list[Post] | None = None, findings=None) -> Site:
    """The pages of a loaded archive. `posts`: only these (one post's preview: no views or dashboards);
    `findings`: a full check's, for clause coverage and the disclosure stop (None: the guard is run
    over what the site shows)."""
    only = posts is not None
    if posts is None:
        everything = archive.posts
        posts = sorted((p for p in everything if on_site(p)), key=_newest, reverse=True)
        waiting = [p for p in everything if not on_site(p)] if queue else []
    else:
        waiting = []
    shown = posts + waiting
    views = Views(archive, posts)
    generated: dict[str, str] = {}
    bodies: dict[str, str] = {}
    warnings: list[Text] = []
    assets: dict[str, Path] = {}
    listed = {page_uri(p) for p in shown}
    paths = {p.doc.path for p in shown}
    for post in shown:
        uri = page_uri(post)
        generated[uri] = postpage.page(
            archive, post, views.neighbours(post), postpage.current_digest(archive, post), queued=post in waiting
        )
        bodies[uri], problems = body_html(post, paths)
        bodies[uri] = search.region(archive, post, bodies[uri])  # what the site's search indexes
        bodies[uri] += versions.section(archive, post)  # outside that region: shown, never indexed
        warnings += problems
        for _, asset in post.list_of("assets"):
            rel = post.resolve(str(asset.get("file", "")))
            if rel.startswith("content/posts/") and archive.exists(rel):
                assets[rel.removeprefix("content/")] = root / rel
    per_account = Counter(a for p in posts for a in BY_SLUG["account"].keys(archive, p))
    if not only:
        generated["index.md"] = home(archive, posts, views)
        generated.update(views.pages())
        generated["posts/index.md"] = all_posts(archive, posts, waiting)
        generated["dashboards/review-queue.md"] = dashboards.review_queue(archive, "dashboards/review-queue.md", listed)
        generated["dashboards/accounts.md"] = dashboards.accounts(archive, "dashboards/accounts.md", per_account)
        generated["dashboards/coverage.md"] = dashboards.coverage(findings or [])
        generated[statistics.URI] = statistics.page(archive, root, assets)
        generated["rules.md"] = dashboards.rule_catalogue()
        generated.update(reports.pages(archive))
        for account in archive.accounts.values():
            qr = account.get("qr_code", {}).get("file") if isinstance(account.get("qr_code"), dict) else None
            if isinstance(qr, str) and archive.exists(f"content/{qr}"):
                assets[qr] = root / "content" / qr
    else:  # a preview of one post: the navigation's pages say so instead of listing the archive
        for uri in ["index.md", "posts/index.md", "views/index.md", "rules.md", *NAV_PAGES]:
            shown_links = "".join(f"\n- [{cell(p.title)}]({href(uri, page_uri(p))})" for p in posts)
            generated[uri] = (
                "# 单篇预览\n\n这是 `wemedia serve --post` 的单篇预览，只生成了正在预览的文章：\n" + shown_links + "\n"
            )
    _, logo = site_identity(archive)
    if logo:
        assets[f"assets/logo{Path(logo).suffix}"] = root / "content" / logo
    return Site(generated, assets, bodies, warnings, _blocked(archive, findings, shown), shown)


# The generated pages mkdocs.yml's navigation names (besides the home page and the rule catalogue).
NAV_PAGES = (
    *(index_uri(d) for d in BY_SLUG.values()),
    "dashboards/review-queue.md",
    "dashboards/accounts.md",
    "dashboards/coverage.md",
    "dashboards/statistics.md",
    reports.INDEX,
)


def _newest(post: Post) -> str:
    return shown_day(post)[1]


def home(archive, posts: list[Post], views: Views) -> str:
    name, _ = site_identity(archive)
    here = "index.md"
    lines = [
        f"# {cell(name)}",
        "",
        f"存档共有 [**{len(posts)}** 篇已发布内容]({href(here, 'posts/index.md')})，来自 "
        f"[{len(archive.libraries)} 个图书馆]({href(here, index_uri(BY_SLUG['library']))})、"
        f"[{len(views.members['account'])} 个账号]({href(here, index_uri(BY_SLUG['account']))})。"
        f"按 [分类方式]({href(here, 'views/index.md')}) 浏览，或用右上角的搜索。",
        "",
    ]
    months = sorted(views.counts("month"))[-24:]
    if months:
        lines += [
            "## 每月发布",
            "",
            charts.bars(
                [(m, n, href(here, key_uri(BY_SLUG["month"], m)).removesuffix(".md") + ".html") for m, n in months],
                "每月发布篇数",
            ),
            "",
        ]
    statuses = Counter(p.status for p in posts)
    lines += ["## 按状态", "", "| 状态 | 篇数 |", "|---|---:|"]
    lines += [f"| {label('post.status', s)} | {n} |" for s, n in sorted(statuses.items(), key=lambda kv: -kv[1])]
    for slug, head in (
        ("platform", "平台"),
        ("account", "账号"),
        ("category", "分类"),
        ("library", "图书馆"),
        ("series", "系列"),
    ):
        dim = BY_SLUG[slug]
        counts = views.counts(slug)
        lines += ["", f"## [{dim.title}]({href(here, index_uri(dim))})", "", f"| {head} | 篇数 |", "|---|---:|"]
        lines += [f"| [{dim.name(archive, k)}]({href(here, key_uri(dim, k))}) | {n} |" for k, n in counts[:20]]
        if len(counts) > 20:
            lines.append(f"| [其余 {len(counts) - 20} 项……]({href(here, index_uri(dim))}) | |")
        if not counts:
            lines.append("| （暂无） | 0 |")
    lines += [
        "",
        "## 看板",
        "",
        f"- [待审队列]({href(here, 'dashboards/review-queue.md')})：等待审核或签发的文章，以及今天谁可以做",
        f"- [账号]({href(here, 'dashboards/accounts.md')})：各平台账号的认证、二维码和发布数",
        f"- [条款覆盖]({href(here, 'dashboards/coverage.md')})：标准的每一条款由哪些规则执行、现在还有多少问题",
        f"- [数据统计]({href(here, 'dashboards/statistics.md')})：各账号每月的关注、阅读和发布，留言按主题整理",
        f"- [规则目录]({href(here, 'rules.md')})",
    ]
    return "\n".join(lines) + "\n"


def all_posts(archive, posts: list[Post], waiting: list[Post]) -> str:
    """All posts by month: the months with their counts, each linked to its pages (the page does not
    grow with the posts, only with the months)."""
    here = "posts/index.md"
    dim = BY_SLUG["month"]
    by_month = Counter(k for p in posts for k in dim.keys(archive, p))
    lines = ["# 全部文章", "", f"共 {len(posts)} 篇已发布内容，按月份：", "", "| 月份 | 篇数 |", "|---|---:|"]
    lines += [
        f"| [{cell(m)}]({href(here, key_uri(dim, m))}) | {n} |" for m, n in sorted(by_month.items(), reverse=True)
    ]
    if waiting:
        lines += ["", "## 审核队列（尚未发布）", "", "网站设置了显示审核队列：以下文章还没有发布。", ""]
        lines += listing(archive, sorted(waiting, key=_newest, reverse=True), here)
    return "\n".join(lines) + "\n"


def body_html(post: Post, pages: set[str]) -> tuple[str, list[Text]]:
    """The body's HTML, and a warning for each link to a post that is not a page of the site."""
    html_text, linked = body.render(_without_title(post.doc.body, post.title))
    missing = [target for target in linked if post.resolve(target) not in pages]
    return html_text, [
        Text(
            f"{post.doc.path} 中的链接“{target}”指向的文章不在存档网站中（应在 {post.resolve(target)}，且已发布）；"
            "请改正链接，或先发布那篇文章。",
            f"{post.doc.path}: the link '{target}' points to a post that is not on the archive site "
            f"(expected at {post.resolve(target)}, published); correct the link or publish that post first.",
        )
        for target in missing
    ]


def _without_title(text: str, title: str) -> str:
    """The body minus a first-line `# title` that repeats the page's own heading."""
    first, _, rest = text.lstrip("\n").partition("\n")
    return rest if first.strip() == f"# {title}".strip() else text


def _blocked(archive, findings, posts: list[Post]) -> list[Text]:
    """The site never carries what the disclosure guard stops: each of its errors in anything the site
    would publish (a post, its per-platform versions, the policy itself) stops the build."""
    from wemedia import disclosure
    from wemedia.rules import RULES

    guard = [r for r in RULES.values() if r.check.__module__ == "wemedia.rules.disclosure"]
    shown = {p.doc.path for p in posts} | {v for p in posts for _, v in p.variants} | {disclosure.POLICY}
    if findings is None:  # no full check was run: the guard over what the site shows
        archive.selected = set(shown)
        findings = engine.run(archive, guard)
    guard_ids = {r.id for r in guard}
    return [
        Text(
            f"{f.path}:{f.line}:{f.column}: {f.rule} {f.message.zh} 网站不收录带有不宜公开信息的内容，请先改正。",
            f"{f.path}:{f.line}:{f.column}: {f.rule} {f.message.en} The site never carries what must not be "
            "published: fix it first.",
        )
        for f in findings
        if f.severity == "error" and f.rule in guard_ids and f.path in shown
    ]
