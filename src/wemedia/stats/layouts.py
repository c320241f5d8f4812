"""The export layouts wemedia knows, one entry per back-office page, found by their header row.

A layout is one or more `Part`s: a table in the sheet, recognised by the names in its header. Tables
may sit side by side in one sheet, separated by an empty column (the WeChat trend export), and the
header need not be on the first row (a title or banner row above it), so the header row is looked for
by content in the first rows of every sheet, never assumed. Each part names the column of its date and
the columns mapped to the monthly row (`content/metrics/YYYY-MM.csv`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from wemedia.i18n import Text


@dataclass(frozen=True)
class Part:
    date: str  # the header of the column that dates each row (a day, or an item's publication)
    figures: dict[str, tuple[str, ...]]  # metrics column -> header names (alternatives)
    only: tuple[str, str] | None = None  # keep rows whose column (header) holds this value (渠道 = 全部)
    title: str | None = None  # per-item exports: the item's title
    url: str | None = None
    also: tuple[str, ...] = ()  # headers that must be there too, to tell this export from a lookalike

    def headers(self) -> list[tuple[str, ...]]:
        named = [(self.date,), *self.figures.values(), *((h,) for h in (self.title, self.only and self.only[0]) if h)]
        return named + [(h,) for h in self.also]


@dataclass(frozen=True)
class Layout:
    id: str
    platform: str  # accounts.yml platform
    kind: str  # followers | content
    label: Text  # the back-office page, as the librarian finds it
    parts: tuple[Part, ...]
    per_item: bool = False  # one row per item (lifetime figures, filtered by publication month)
    last_day: tuple[str, ...] = field(default=())  # figures that are the month's last day, not a sum
    caveat: Text | None = None  # said when its figures conflict with recorded ones: why they may differ


LAYOUTS: tuple[Layout, ...] = (
    Layout(
        "wechat-user-growth",
        "wechat-official",
        "followers",
        Text("微信公众号后台 用户分析 → 用户增长（下载表格）", "WeChat Official Account: user analysis → user growth"),
        (
            Part(
                "时间",
                {
                    "followers_new": ("新关注人数",),
                    "followers_lost": ("取消关注人数",),
                    "followers_net": ("净增关注人数",),
                    "followers_total": ("累积关注人数", "累计关注人数"),
                },
            ),
        ),
        last_day=("followers_total",),
    ),
    Layout(
        "wechat-trend",
        "wechat-official",
        "content",
        Text("微信公众号后台 内容分析 → 数据趋势（下载表格）", "WeChat Official Account: content analysis → trends"),
        (
            Part("日期", {"reads": ("阅读人数",)}, only=("渠道", "全部")),
            Part("日期", {"items": ("发表篇数",)}, also=("分享人数",)),
        ),
        caveat=Text(
            "数据趋势的阅读人数是每天读过任何文章的人数（含旧文章），与“已通知内容”逐篇合计的口径不同；同一个月只导入其中一种。",
            "the trend export's readers are each day's readers of any article (old ones too), not the per-article "
            "total of 'notified content'; import only one of the two for a month.",
        ),
    ),
    Layout(
        "wechat-articles",
        "wechat-official",
        "content",
        Text(
            "微信公众号后台 内容分析 → 已通知内容（逐篇，下载表格）",
            "WeChat Official Account: content analysis → notified content (per article)",
        ),
        (
            Part(
                "发表时间",
                {"reads": ("总阅读人数",), "shares": ("总分享人数",)},
                title="内容标题",
                url="内容url",
            ),
        ),
        per_item=True,
    ),
    Layout(
        "channels-videos",
        "wechat-channels",
        "content",
        Text("视频号助手 数据中心 → 动态数据 → 数据明细（下载）", "WeChat Channels assistant: post data → details"),
        (
            Part(
                "发布时间",
                {"reads": ("播放量",), "likes": ("喜欢",), "comments": ("评论量",), "shares": ("分享量",)},
                title="视频描述",
                also=("视频ID",),
            ),
        ),
        per_item=True,
    ),
    Layout(
        "douyin-works",
        "douyin",
        "content",
        Text("抖音创作者中心 数据中心 → 作品数据 → 作品列表（导出）", "Douyin creator center: works list"),
        (
            Part(
                "发布时间",
                {
                    "reads": ("播放量",),
                    "likes": ("点赞量",),
                    "shares": ("分享量",),
                    "comments": ("评论量",),
                    "favourites": ("收藏量",),
                },
                title="作品名称",
                also=("体裁",),
            ),
        ),
        per_item=True,
    ),
    Layout(
        "douyin-net-followers",
        "douyin",
        "followers",
        Text(
            "抖音创作者中心 数据中心 → 数据表现 → 净增粉丝（导出）",
            "Douyin creator center: performance → net new followers",
        ),
        (Part("日期", {"followers_net": ("净增粉丝",)}),),
    ),
    Layout(
        "xhs-notes",
        "xiaohongshu",
        "content",
        Text(
            "小红书创作服务平台 数据中心 → 笔记数据 → 笔记列表明细表（导出）", "Xiaohongshu creator platform: note list"
        ),
        (
            Part(
                "首次发布时间",
                {
                    "reads": ("观看量",),
                    "likes": ("点赞",),
                    "comments": ("评论",),
                    "favourites": ("收藏",),
                    "shares": ("分享",),
                },
                title="笔记标题",
            ),
        ),
        per_item=True,
    ),
)

HEADER_ROWS = 30  # how far down a sheet the header row is looked for


@dataclass
class Found:
    layout: Layout
    sheet: int
    row: int  # 0-based index of the header row
    columns: list[dict[str, int]]  # per part: header name -> column index


def _blocks(row: list[object]) -> list[dict[str, int]]:
    """The header row cut at empty cells: one block of `name -> column` per table."""
    blocks: list[dict[str, int]] = []
    current: dict[str, int] = {}
    for i, cell in enumerate(row):
        name = "".join(str(cell).split()) if cell is not None else ""
        if not name:
            if current:
                blocks.append(current)
            current = {}
        else:
            current.setdefault(name, i)
    if current:
        blocks.append(current)
    return blocks


def _match(part: Part, block: dict[str, int]) -> dict[str, int] | None:
    columns = {}
    for names in part.headers():
        hit = next((n for n in names if n in block), None)
        if hit is None:
            return None
        columns[names[0]] = block[hit]
    if part.url and part.url in block:  # optional: older exports have no link column
        columns[part.url] = block[part.url]
    return columns


def find(sheets: list[list[list[object]]]) -> Found | None:
    """The first layout whose every part has a header block in one row of one sheet."""
    for s, rows in enumerate(sheets):
        for r, row in enumerate(rows[:HEADER_ROWS]):
            blocks = _blocks(list(row))
            if not blocks:
                continue
            for layout in LAYOUTS:
                used: list[int] = []
                columns = []
                for part in layout.parts:
                    hit = next(
                        ((b, c) for b, block in enumerate(blocks) if b not in used and (c := _match(part, block))),
                        None,
                    )
                    if hit is None:
                        break
                    used.append(hit[0])
                    columns.append(hit[1])
                else:
                    return Found(layout, s, r, columns)
    return None


def nearest(sheets: list[list[list[object]]]) -> tuple[Layout, list[str]] | None:
    """The known layout a header row comes closest to, and the headers it lacks: what to tell a person
    whose export has a renamed or missing column."""
    best: tuple[int, Layout, list[str]] | None = None
    for rows in sheets:
        for row in rows[:HEADER_ROWS]:
            names = {"".join(str(c).split()) for c in row if c is not None}
            if not names:
                continue
            for layout in LAYOUTS:
                wanted = [h for part in layout.parts for h in part.headers()]
                have = sum(1 for h in wanted if any(n in names for n in h))
                lacking = list(dict.fromkeys(h[0] for h in wanted if not any(n in names for n in h)))
                if have and (best is None or have > best[0]):
                    best = (have, layout, lacking)
    return (best[1], best[2]) if best else None
