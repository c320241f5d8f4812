"""A post's per-platform versions on its page, under "各平台版本": each with its platforms, title,
summary, cover and body, rendered as the post's body is (the checks' CommonMark parse, escaped), with
links between the post's text and each version.

Versions are part of their post's page, never pages of their own: they are not in the navigation, and
the search does not index them (the section stands outside the post's indexed region and says
`data-pagefind-ignore`), so a query finds the post once, by its own text."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from wemedia import body
from wemedia.documents import Document
from wemedia.model import Post, text
from wemedia.sitepages.common import account_name, cell

SECTION = "versions"  # the section's anchor
_ELSEWHERE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|//|\\")


@dataclass(frozen=True)
class Version:
    doc: Document
    accounts: tuple[str, ...]  # the accounts whose channels name it, in the post's order
    anchor: str


def of(archive, post: Post) -> list[Version]:
    """The post's readable version files, each once, in the order its channels first name them."""
    order: dict[str, list[str]] = {}
    for _, channel in post.list_of("channels"):
        written = channel.get("file")
        if isinstance(written, str):
            order.setdefault(post.resolve(written), []).append(text(channel, "account") or "—")
    out = []
    for path, accounts in order.items():
        doc = archive.document(path) if path != post.doc.path and archive.exists(path) else None
        if doc is not None and doc.kind == "variant" and doc.ok and doc.text is not None:
            out.append(Version(doc, tuple(accounts), f"version-{len(out) + 1}"))
    return out


def anchors(archive, post: Post) -> dict[str, str]:
    """Each account's version anchor (for the channels table's links)."""
    return {a: v.anchor for v in of(archive, post) for a in v.accounts}


def section(archive, post: Post) -> str:
    """The "各平台版本" section of a post page; empty when the post has no version."""
    versions = of(archive, post)
    if not versions:
        return ""
    folder = posixpath.dirname(post.doc.path)
    nav = ['<a href="#wm-body">文章正文</a>'] + [
        f'<a href="#{v.anchor}">{"、".join(account_name(archive, a) for a in v.accounts)}</a>' for v in versions
    ]
    parts = [
        f'<div class="wm-versions" data-pagefind-ignore="all"><h2 class="wm-h" id="{SECTION}">各平台版本</h2>',
        f'<p class="wm-version-nav">{" · ".join(nav)}</p>',
    ]
    for version in versions:
        parts.append(_one(archive, post, version, folder))
    parts.append("</div>")
    return "\n".join(parts)


def _one(archive, post: Post, version: Version, folder: str) -> str:
    data = version.doc.data if isinstance(version.doc.data, dict) else {}
    here = posixpath.dirname(version.doc.path)
    base = posixpath.relpath(here, folder) if folder else here
    rows = [f"<tr><th>平台·账号</th><td>{'、'.join(account_name(archive, a) for a in version.accounts)}</td></tr>"]
    title = text(data, "title") or _channel_title(post, version)
    rows.append(f"<tr><th>平台标题</th><td>{cell(title or post.title)}</td></tr>")
    if text(data, "summary"):
        rows.append(f"<tr><th>摘要</th><td>{cell(data['summary'])}</td></tr>")
    if text(data, "description"):
        rows.append(f"<tr><th>平台描述</th><td>{cell(data['description'])}</td></tr>")
    cover = text(data, "cover")
    if cover and not _ELSEWHERE.match(cover.strip()):  # an address elsewhere is never loaded (WM272 reports it)
        src = posixpath.normpath(posixpath.join(base, cover))
        rows.append(f'<tr><th>封面</th><td><img class="wm-cover" src="{cell(src)}" alt="封面"></td></tr>')
    rows.append(f"<tr><th>版本文件</th><td>{cell(version.doc.path)}</td></tr>")
    rendered, _ = body.render(version.doc.body or "", base)
    return (
        f'<section class="wm-version" id="{version.anchor}"><h3>{cell(title or post.title)}</h3>'
        f'<div class="wm-scroll"><table class="wm-table wm-card"><tbody>{"".join(rows)}</tbody></table></div>'
        f'<div class="wm-version-body">\n{rendered}\n</div>'
        f'<p class="wm-version-nav"><a href="#{SECTION}">各平台版本</a> · <a href="#wm-body">文章正文</a></p></section>'
    )


def _channel_title(post: Post, version: Version) -> str | None:
    """The title a channel naming this version gives, when the version has none of its own."""
    for _, channel in post.list_of("channels"):
        written = channel.get("file")
        if isinstance(written, str) and post.resolve(written) == version.doc.path and text(channel, "title"):
            return text(channel, "title")
    return None
