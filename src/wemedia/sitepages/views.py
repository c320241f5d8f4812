"""The archive's views (5.3.3.3: published items classified and archived): by month, platform, account,
category, series, tag, library, author and reviewer, each with counts and each key's posts on pages of
at most PAGE_SIZE entries, so no page grows with the archive."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from wemedia.model import Post, text
from wemedia.sitepages import calendar
from wemedia.sitepages.common import (
    KEYS_PER_PAGE,
    PAGE_SIZE,
    account_name,
    cell,
    href,
    label,
    library_name,
    page_uri,
    person,
    published_on,
    shown_day,
)


@dataclass(frozen=True)
class Dimension:
    slug: str  # views/<slug>/
    title: str  # 按月份
    head: str  # the key's column: 月份
    keys: Callable[[object, Post], list[str]]  # (archive, post) -> its keys in this dimension
    name: Callable[[object, str], str]  # (archive, key) -> the key as people read it (escaped)
    oldest_first: bool = False  # a series is read in order


def _month(archive, post: Post) -> list[str]:
    day = published_on(post) or str(post.get("created") or "")
    return [day[:7]] if len(day) >= 7 else []


def _out(post: Post) -> list[dict]:
    return [c for _, c in post.list_of("channels") if c.get("published") or c.get("url")]


def _platforms(archive, post: Post) -> list[str]:
    found = []
    for c in _out(post):
        account = archive.accounts.get(text(c, "account"))
        platform = account.text("platform") if account is not None else None
        if platform and platform not in found:
            found.append(platform)
    return found


def _accounts(archive, post: Post) -> list[str]:
    return list(dict.fromkeys(a for a in (text(c, "account") for c in _out(post)) if a))


def _reviewers(archive, post: Post) -> list[str]:
    return list(dict.fromkeys(r.reviewer for r in post.reviews if r.reviewer))


def _one(key: str) -> Callable[[object, Post], list[str]]:
    return lambda archive, post: [post.text(key)] if post.text(key) else []


def _series(archive, post: Post) -> list[str]:
    return [post.series_id] if post.series_id else []


def series_name(archive, key: str) -> str:
    """A series by its declared title (content/series.yml), or its id when it is not declared."""
    declared = archive.series.get(key)
    return cell(declared.get("title") if declared is not None and declared.get("title") else key)


def _tags(archive, post: Post) -> list[str]:
    tags = post.get("tags", [])
    return [t for t in tags if isinstance(t, str) and t.strip()] if isinstance(tags, list) else []


DIMENSIONS = (
    Dimension("month", "按年月", "月份", _month, lambda a, k: cell(k)),
    Dimension("platform", "按平台", "平台", _platforms, lambda a, k: label("account.platform", k)),
    Dimension("account", "按账号", "账号", _accounts, account_name),
    Dimension("category", "按分类", "分类", _one("category"), lambda a, k: label("post.category", k)),
    Dimension("series", "按系列", "系列", _series, series_name, oldest_first=True),
    Dimension("tag", "按标签", "标签", _tags, lambda a, k: cell(k)),
    Dimension("library", "按图书馆", "图书馆", _one("library"), library_name),
    Dimension("author", "按作者", "作者", _one("author"), person),
    Dimension("reviewer", "按审核人", "审核人（初审、复审、签发）", _reviewers, person),
)
BY_SLUG = {d.slug: d for d in DIMENSIONS}


def slug(key: str) -> str:
    """A file name for a key: ids and months as they are; other text (tags) with anything that is not a
    letter, digit or ideograph replaced, plus a short hash when something was replaced (no two keys meet)."""
    safe = re.sub(r"[^\w-]+", "-", key, flags=re.UNICODE).strip("-")
    if safe == key and safe and not safe.startswith("index"):
        return safe
    return f"{safe or 'x'}-{hashlib.sha256(key.encode()).hexdigest()[:6]}"


def index_uri(dim: Dimension, page: int = 1) -> str:
    return f"views/{dim.slug}/index{'' if page == 1 else f'-p{page}'}.md"


def key_uri(dim: Dimension, key: str, page: int = 1) -> str:
    return f"views/{dim.slug}/{slug(key)}{'' if page == 1 else f'-p{page}'}.md"


class Views:
    """Every dimension's keys and their posts, worked out once for the pages and the home page."""

    def __init__(self, archive, posts: list[Post]):
        self.archive = archive
        self.members: dict[str, dict[str, list[Post]]] = {d.slug: defaultdict(list) for d in DIMENSIONS}
        for post in posts:  # newest first, as given
            for dim in DIMENSIONS:
                for key in dim.keys(archive, post):
                    self.members[dim.slug][key].append(post)
        for members in self.members["series"].values():  # in the series' order: by position, then by date
            members.reverse()
            members.sort(key=lambda p: p.series_position or 10**9)

    def counts(self, slug_: str) -> list[tuple[str, int]]:
        """(key, number of posts), most first (months: newest first)."""
        items = [(k, len(v)) for k, v in self.members[slug_].items()]
        if slug_ == "month":
            return sorted(items, reverse=True)
        return sorted(items, key=lambda kv: (-kv[1], kv[0]))

    def neighbours(self, post: Post) -> tuple[Post | None, Post | None]:
        """The previous and next post of the post's series, in order."""
        series = post.series_id
        members = self.members["series"].get(series, []) if series else []
        if post not in members:
            return None, None
        at = members.index(post)
        return (members[at - 1] if at else None), (members[at + 1] if at + 1 < len(members) else None)

    def pages(self) -> dict[str, str]:
        out = {"views/index.md": self._overview()}
        for dim in DIMENSIONS:
            out.update(self._index(dim))
            for key, posts in self.members[dim.slug].items():
                out.update(self._lists(dim, key, posts))
        return out

    def _overview(self) -> str:
        lines = ["# 存档分类", "", "| 分类方式 | 条目数 |", "|---|---:|"]
        for dim in DIMENSIONS:
            lines.append(f"| [{dim.title}]({href('views/index.md', index_uri(dim))}) | {len(self.members[dim.slug])} |")
        return "\n".join(lines) + "\n"

    def _index(self, dim: Dimension) -> dict[str, str]:
        """The dimension's keys with their counts, KEYS_PER_PAGE to a page (thousands of tags stay paged)."""
        counts = self.counts(dim.slug)
        total = max(1, (len(counts) + KEYS_PER_PAGE - 1) // KEYS_PER_PAGE)
        out = {}
        for page in range(1, total + 1):
            here = index_uri(dim, page)
            lines = [f"# {dim.title}", "", f"共 {len(counts)} 项。", "", f"| {dim.head} | 篇数 |", "|---|---:|"]
            for key, n in counts[(page - 1) * KEYS_PER_PAGE : page * KEYS_PER_PAGE]:
                lines.append(f"| [{dim.name(self.archive, key)}]({href(here, key_uri(dim, key))}) | {n} |")
            if not counts:
                lines.append("| （暂无） | 0 |")
            lines += ["", pager(lambda p, d=dim: index_uri(d, p), page, total, here)]
            out[here] = "\n".join(lines) + "\n"
        return out

    def _lists(self, dim: Dimension, key: str, posts: list[Post]) -> dict[str, str]:
        out = {}
        total = (len(posts) + PAGE_SIZE - 1) // PAGE_SIZE
        name = dim.name(self.archive, key)
        for page in range(1, total + 1):
            here = key_uri(dim, key, page)
            part = posts[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
            head = f"# {dim.title.removeprefix('按')}：{name}"
            lines = [head, "", f"共 **{len(posts)}** 篇。" + (f" 第 {page} / {total} 页。" if total > 1 else ""), ""]
            if dim.slug == "series":
                lines += [series_plan(self.archive, key, posts), ""]
            if dim.slug == "account" and page == 1:
                lines += calendar.section(self.archive, key)
            lines += listing(self.archive, part, here, numbered=dim.oldest_first, start=(page - 1) * PAGE_SIZE)
            lines += ["", pager(lambda p, k=key, d=dim: key_uri(d, k, p), page, total, here)]
            lines += ["", f"[返回{dim.title}]({href(here, index_uri(dim))})"]
            out[here] = "\n".join(lines) + "\n"
        return out


def series_plan(archive, key: str, posts: list[Post]) -> str:
    """A declared series' theme, cadence and next planned item (the last item's day + its cadence)."""
    import datetime as dt

    declared = archive.series.get(key)
    if declared is None:
        return "（这个系列没有在 content/series.yml 中声明。）"
    parts = [cell(declared.get("theme") or "")] if declared.get("theme") else []
    days = [d for d in (shown_day(p)[1] for p in posts) if d]
    from wemedia import clock

    end = clock.day_of(declared.get("end"))
    if end is not None and end <= clock.today():
        parts.append(f"已于 {end} 结束。")
    elif declared.cadence:
        if end is not None:
            parts.append(f"计划于 {end} 结束。")
        parts.append(f"计划每 {declared.cadence} 天一篇。")
        try:
            last = dt.date.fromisoformat(max(days) if days else str(declared.get("start")))
            parts.append(f"下一篇计划在 {last + dt.timedelta(days=declared.cadence)} 前发布。")
        except ValueError:
            pass
    return " ".join(parts)


def pager(uri: Callable[[int], str], page: int, total: int, here: str) -> str:
    """上一页 · 第 n / m 页 · 下一页, for pages named by `uri(number)`."""
    if total <= 1:
        return ""
    parts = []
    if page > 1:
        parts.append(f"[上一页]({href(here, uri(page - 1))})")
    parts.append(f"第 {page} / {total} 页")
    if page < total:
        parts.append(f"[下一页]({href(here, uri(page + 1))})")
    return " · ".join(parts)


def listing(archive, posts: list[Post], here: str, numbered: bool = False, start: int = 0) -> list[str]:
    """A table of posts: day (labelled), title, accounts, category, status."""
    lines = [
        ("| 序号 " if numbered else "") + "| 日期 | 标题 | 发布账号 | 分类 | 状态 |",
        ("|---:" if numbered else "") + "|---|---|---|---|---|",
    ]
    for i, post in enumerate(posts, start + 1):
        what, day = shown_day(post)
        accounts = "、".join(account_name(archive, a) for a in _accounts(archive, post)) or "—"
        lines.append(
            (f"| {i} " if numbered else "")
            + f"| {what} {cell(day)} | [{cell(post.title)}]({href(here, page_uri(post))}) | {accounts} "
            f"| {label('post.category', post.text('category'))} | {label('post.status', post.status)} |"
        )
    return lines


__all__ = ["BY_SLUG", "DIMENSIONS", "Views"]
