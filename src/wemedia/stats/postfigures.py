"""A post's own platform figures (5.6.2): the per-item rows `wemedia stats import` wrote into
`content/metrics/YYYY-MM/<account>-items.csv`, matched to the post's channels — by the channel's URL
when both have one, else by account, publication day (Asia/Shanghai) and title (the post's, or the
channel's own platform title). Lifetime totals as of the export day, never a month's increase."""

from __future__ import annotations

import re
from dataclasses import dataclass

from wemedia import clock
from wemedia.model import Post, text

_ITEMS = re.compile(r"content/metrics/(\d{4}-\d{2})/([a-z0-9][a-z0-9-]*)-items\.csv\Z")
FIGURES = ("reads", "likes", "shares", "comments", "favourites")


@dataclass(frozen=True)
class ItemFigures:
    account: str
    as_of: str
    figures: dict  # figure -> int | None
    path: str


def _index(archive) -> tuple[dict, dict]:
    """(by url, by (account, day, title)), built once per archive."""
    if "postfigures" not in archive.memo:
        by_url: dict = {}
        by_key: dict = {}
        for doc in archive.of_kind("metrics-items"):
            m = _ITEMS.match(doc.path)
            if m is None or not isinstance(doc.data, list):
                continue
            for row in doc.data:
                if not isinstance(row, dict):
                    continue
                found = ItemFigures(
                    m[2],
                    str(row.get("as_of") or ""),
                    {f: row.get(f) if isinstance(row.get(f), int) else None for f in FIGURES},
                    doc.path,
                )
                if isinstance(row.get("url"), str) and row["url"]:
                    by_url.setdefault(row["url"], found)
                title = row.get("title")
                if isinstance(title, str) and isinstance(row.get("published"), str):
                    by_key.setdefault((m[2], row["published"], title.strip()), found)
        archive.memo["postfigures"] = (by_url, by_key)
    return archive.memo["postfigures"]


def of_post(archive, post: Post) -> list[ItemFigures]:
    """The figures found for each of the post's channels, in channel order (channels without any are left out)."""
    by_url, by_key = _index(archive)
    out = []
    for _, channel in post.list_of("channels"):
        account, url = text(channel, "account"), text(channel, "url")
        found = by_url.get(url) if url else None
        if found is not None and found.account != account:
            found = None
        if found is None:
            day = clock.day_of(channel.get("published"))
            titles = {post.title.strip(), (text(channel, "title") or "").strip()} - {""}
            if account and day is not None:
                found = next((by_key[k] for t in titles if (k := (account, day.isoformat(), t)) in by_key), None)
        if found is not None:
            out.append(found)
    return out
