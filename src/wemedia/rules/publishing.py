"""WM3xx — publishing (5.3.3): published items are classified and archived with where and when."""

from __future__ import annotations

from wemedia import labels
from wemedia.findings import Problem
from wemedia.i18n import Text
from wemedia.model import missing
from wemedia.rules.registry import rule

OUT = ("published", "corrected", "withdrawn")


@rule("WM301", "5.3.3.3", "文章宜有分类", "a post should have a category")
def categorised(post, archive):
    """规则: 文章宜写明 `category`（活动预告、馆藏揭示、热点、阅读推广、服务通知、新闻、其他）。
    原因: 5.3.3.3 宜将已发布信息分类存档；5.3.1 的内容结构统计也依赖分类。
    示例: `category: collection-reveal`
    """
    if not post.get("category"):
        yield Problem(
            Text(
                f"文章没有分类；请添加 category，可选：{labels.listing('post.category')}。",
                f"the post has no category; add one of: {labels.listing('post.category', 'en')}.",
            ),
            at=("title",),
            key=True,
        )


@rule(
    "WM302",
    "5.3.3.3",
    "已发布的文章宜记录每个渠道的发布时间和网址",
    "a published post should record each channel's time and URL",
)
def publication_recorded(post, archive):
    """规则: 状态为 published、corrected、withdrawn 的文章，宜至少有一个渠道，且每个渠道都有 `published` 时间和 `url`。
    原因: 5.3.3.3 宜将已发布信息存档；有了时间和网址，监测纠错（5.5.1）才能找到原文。
    示例: `channels: [{account: fs-wechat, published: 2026-09-05T08:00:00+08:00, url: https://mp.weixin.qq.com/s/…}]`
    """
    if post.status not in OUT:
        return
    channels = post.list_of("channels")
    if not channels:
        yield Problem(
            Text(
                "已发布的文章没有发布渠道记录；请在 channels 中填写账号、发布时间和网址。",
                "the published post records no channel; fill in channels with account, time and URL.",
            ),
            at=("status",),
        )
    for i, channel in channels:
        lacking = missing(channel, ("published", "url"))
        if lacking:
            yield Problem(
                Text(
                    f"渠道“{channel.get('account')}”缺少：{'、'.join(lacking)}。",
                    f"the channel '{channel.get('account')}' lacks: {', '.join(lacking)}.",
                ),
                at=("channels", i),
            )
