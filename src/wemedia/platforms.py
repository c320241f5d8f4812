"""What kind of platform an account publishes on, defined once: a WeChat article, a short-video
caption and a microblog post are different forms, and the same text rarely fits two of them (5.3.1 c).

`kind(platform)` is the form of an account's platform (`accounts.yml` `platform`), None for `other`
or an unknown value: a platform whose form is unknown is never compared."""

from __future__ import annotations

from wemedia.i18n import Text

KINDS: dict[str, str] = {
    "wechat-official": "article",
    "wechat-channels": "short-video",
    "douyin": "short-video",
    "weibo": "microblog",
    "xiaohongshu": "note",
    "bilibili": "video",
}

LABELS: dict[str, Text] = {
    "article": Text("图文文章", "article"),
    "short-video": Text("短视频", "short video"),
    "microblog": Text("微博", "microblog"),
    "note": Text("图文笔记", "illustrated note"),
    "video": Text("长视频", "video"),
}


def kind(platform: object) -> str | None:
    """The form of a platform (`article`, `short-video`, …), or None when it is not known."""
    return KINDS.get(platform) if isinstance(platform, str) else None
