"""What every page of the site writes the same way: escaped cells, links, times in Asia/Shanghai, the
names of people and accounts, which posts are published, and where each page lives."""

from __future__ import annotations

import datetime as dt
import html
import re
from urllib.parse import quote
from zoneinfo import ZoneInfo

from wemedia import labels
from wemedia.model import PUBLISHED, Post

SHANGHAI = ZoneInfo("Asia/Shanghai")
PAGE_SIZE = 100  # entries per page of a view: a page's size does not grow with the archive
KEYS_PER_PAGE = 200  # keys (tags, months …) per page of a dimension's index


_MARKUP = str.maketrans({c: f"&#{ord(c)};" for c in "|*_`[]\\{}~#\"'"})


def cell(value: object) -> str:
    """Text safe inside HTML, a Markdown table cell or a link's text: escaped, Markdown's own characters
    (pipes, emphasis, brackets, backslashes, attribute lists) as character references, line breaks as
    spaces — a title `a*b*|c` is shown as written, never as markup."""
    escaped = html.escape(str(value if value is not None else ""), quote=False)  # & < > (no '#' in them)
    return escaped.translate(_MARKUP).replace("\n", " ")


def link(url: object, label: object = None) -> str:
    """A URL from the data as a link: escaped, and linked only when it is http(s) — a `javascript:`
    address or markup smuggled into a URL is shown as text, never run. Long URLs wrap (CSS)."""
    target = str(url or "")
    if not target:
        return "—"
    shown = cell(label if label is not None else target)
    if re.match(r"https?://", target, re.I):
        return f'<a class="wm-url" href="{cell(target)}">{shown}</a>'
    return f'<span class="wm-url">{cell(target)}</span>'


def moment(value: object) -> dt.datetime | None:
    try:
        parsed = dt.datetime.fromisoformat(str(value or "").replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.astimezone(SHANGHAI) if parsed.tzinfo is not None else parsed


def when(value: object) -> str:
    """An ISO time as a reader in Asia/Shanghai reads it: 2026-09-03 08:00."""
    parsed = moment(value)
    return parsed.strftime("%Y-%m-%d %H:%M") if parsed else (cell(value) or "—")


def on_site(post: Post) -> bool:
    """Whether a post is a page of the archive: published, corrected or withdrawn — or a channel already
    carries its publication time or URL (whatever its status says: a status must not hide a publication)."""
    if not post.doc.ok:
        return False
    return post.status in PUBLISHED or any(c.get("published") or c.get("url") for _, c in post.list_of("channels"))


def published_on(post: Post) -> str:
    """The day a post first went out (YYYY-MM-DD), or '' when no channel says."""
    times = [m for m in (moment(c.get("published")) for _, c in post.list_of("channels")) if m is not None]
    return min(times).strftime("%Y-%m-%d") if times else ""


def shown_day(post: Post) -> tuple[str, str]:
    """(label, day) for lists: 发布于 the first publication, else 创建于 the creation date."""
    day = published_on(post)
    return ("发布于", day) if day else ("创建于", str(post.get("created") or ""))


def person(archive, pid: object) -> str:
    """A team member's name, or the id as written when the register has none."""
    who = archive.people.get(pid) if isinstance(pid, str) else None
    return cell(who.get("name") if who is not None and who.get("name") else pid or "—")


def account_name(archive, aid: object) -> str:
    """An account as people tell them apart: 微信公众号·南湖市图书馆 (platform · name)."""
    account = archive.accounts.get(aid) if isinstance(aid, str) else None
    if account is None:
        return cell(aid or "—")
    return cell(account.shown)


def label(field: str, value: object) -> str:
    return cell(labels.label(field, value) if value is not None else "—")


def page_uri(post: Post) -> str:
    return f"posts/{post.id}.md"


def href(from_uri: str, to_uri: str) -> str:
    """A relative link from one generated page to another, percent-encoded (a file name with a space or
    a bracket would otherwise end the link); `.md` targets, which MkDocs turns into page links."""
    here, there = from_uri.split("/")[:-1], to_uri.split("/")
    same = 0  # folders the two share (posixpath.relpath, ~10x slower, was most of a 10,000-post build)
    while same < len(here) and same < len(there) - 1 and here[same] == there[same]:
        same += 1
    return quote("/".join([".."] * (len(here) - same) + there[same:]))


def html_href(from_uri: str, to_uri: str) -> str:
    """`href` for a link written as HTML (the record card): the built page's name, `.html`."""
    target = to_uri[: -len(".md")] + ".html" if to_uri.endswith(".md") else to_uri
    return href(from_uri, target)


def library_name(archive, lid: object) -> str:
    library = archive.libraries.get(lid) if isinstance(lid, str) else None
    return cell(library.get("name") if library is not None else lid or "—")
