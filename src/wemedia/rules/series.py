"""WM25x — declared series (5.3.1 b): posts join a series declared in content/series.yml, each at its
own position; a series that is still open and silent for longer than its planned cadence is noticed."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from wemedia import clock
from wemedia.findings import Problem
from wemedia.i18n import Text
from wemedia.rules.registry import rule

WHERE = "content/series.yml"


@rule(
    "WM250",
    "5.3.1 b",
    "文章所属的系列必须已声明，并写明是第几篇",
    "a post's series is declared and the post says which item it is",
    registers=("series",),
)
def declared(post, archive):
    """规则: 文章的 `series` 必须是 content/series.yml 中声明过的系列，写成 `series: {id: 系列编号, position: 第几篇}`，
      且文章与系列属于同一图书馆。
    原因: 5.3.1 b 要求有主题、有计划的系列；只写一个谁都没有声明的编号，系列就无从管理，也无法判断是否按计划更新。
    示例: `series: {id: guji-xiufu, position: 2}`，并在 content/series.yml 中声明 `id: guji-xiufu`。
    """
    sid = post.series_id
    if post.get("series") is None or sid is None:
        return
    series = archive.series.get(sid)
    if series is None:
        yield Problem(
            Text(
                f"系列“{sid}”没有在 {WHERE} 中声明；请先声明系列（名称、主题、图书馆、计划间隔、开始日期），或改正编号。",
                f"the series '{sid}' is not declared in {WHERE}; declare it (title, theme, library, cadence, "
                "start) or correct the id.",
            ),
            at=("series", "id") if isinstance(post.get("series"), dict) else ("series",),
        )
        return
    if post.series_position is None:
        yield Problem(
            Text(
                f"没有写明这是系列“{series.get('title') or sid}”的第几篇；请写成 series: {{id: {sid}, position: 第几篇}}。",
                f"the post does not say which item of the series '{sid}' it is; write series: "
                f"{{id: {sid}, position: N}}.",
            ),
            at=("series",),
        )
    library = series.text("library")
    if library and post.text("library") and library != post.text("library"):
        names = archive.libraries
        ours = names[library].get("name") if library in names else library
        theirs = names[post.text("library")].get("name") if post.text("library") in names else post.text("library")
        yield Problem(
            Text(
                f"系列“{series.get('title') or sid}”属于{ours}（{library}），而这篇文章属于{theirs}（{post.text('library')}）；"
                "请改正文章的图书馆或系列。",
                f"the series '{sid}' belongs to the library '{library}', this post to '{post.text('library')}'; "
                "correct one of them.",
            ),
            at=("series",),
        )


def _positions(archive) -> dict[tuple[str, int], list[str]]:
    """(series, position) -> the paths of the posts claiming it, in path order (once per check)."""
    if "series.positions" not in archive.memo:
        claims: dict[tuple[str, int], list[str]] = defaultdict(list)
        for post in sorted(archive.posts, key=lambda p: p.doc.path):
            if post.series_id and post.series_position is not None:
                claims[(post.series_id, post.series_position)].append(post.doc.path)
        archive.memo["series.positions"] = claims
    return archive.memo["series.positions"]


@rule(
    "WM251",
    "5.3.1 b",
    "同一系列中每一篇的位置不能重复",
    "no two posts claim the same position in a series",
)
def unique_position(post, archive):
    """规则: 同一系列中，两篇文章不能写同一个 `position`（第几篇）。
    原因: 系列按顺序阅读，网站按位置列出上一篇、下一篇；两篇都说自己是第 2 篇，顺序就乱了，也可能是复制文章时忘了改。
    示例: 古籍修复手记的第 2 篇和第 3 篇分别写 `position: 2`、`position: 3`。
    """
    sid, position = post.series_id, post.series_position
    if not sid or position is None:
        return
    others = [p for p in _positions(archive)[(sid, position)] if p != post.doc.path]
    if others:
        yield Problem(
            Text(
                f"系列“{sid}”的第 {position} 篇已经是 {'、'.join(others)}；请改正其中一篇的 position。",
                f"position {position} of the series '{sid}' is also claimed by {', '.join(others)}; correct one.",
            ),
            at=("series", "position"),
        )


@rule(
    "WM252",
    "5.3.1 b",
    "进行中的系列宜按计划更新",
    "an open series keeps to its planned cadence",
    scope="document",
    kinds=("series",),
    reminder=True,  # the cadence is the library's own plan: a reminder, not a breach of 5.3.1 b
)
def on_schedule(doc, archive):
    """规则: 已开始、未结束（没有 `end`，或 `end` 在今天之后）的系列，距最近一篇发布（还没有发布过则距开始日期）
      超过 `cadence_days` 天时提醒。“今天”为北京时间，可用 `--today` 指定。
    原因: 5.3.1 b 宜办有计划、持续更新的系列；长时间没有新的一篇，读者就会失去兴趣，计划也该调整或结束。
    示例: `cadence_days: 14`，最近一篇在 10 月 10 日 → 10 月 24 日之后提醒；系列结束时写上 `end`。
    """
    today = clock.today()
    latest: dict[str, dt.date] = {}
    for post in archive.posts:
        day = post.first_published
        if post.series_id and day is not None:
            shanghai = clock.day_of(day)
            if shanghai is not None and (post.series_id not in latest or shanghai > latest[post.series_id]):
                latest[post.series_id] = shanghai
    items = doc.data.get("series") if isinstance(doc.data, dict) else None
    for i, entry in enumerate(items if isinstance(items, list) else []):
        series = archive.series.get(entry.get("id")) if isinstance(entry, dict) else None
        if series is None or series.cadence is None:
            continue
        start, end = clock.day_of(series.get("start")), clock.day_of(series.get("end"))
        if start is None or start > today or (end is not None and end <= today):
            continue
        last = latest.get(series.id)
        silent = (today - (last or start)).days
        if silent > series.cadence:
            title = series.get("title") or series.id
            since = (
                Text(f"最近一篇发布于 {last}", f"last item {last}")
                if last
                else Text(f"自开始日期 {start} 起还没有发布过", f"nothing published since its start, {start}")
            )
            close = (
                Text(f"或调整计划间隔（系列计划于 {end} 结束）", f"or change the cadence (it is to end on {end})")
                if end is not None
                else Text("或调整计划间隔，或写上结束日期 end", "change the cadence, or set its end")
            )
            yield Problem(
                Text(
                    f"系列“{title}”已经 {silent} 天没有新的一篇（{since.zh}），计划每 {series.cadence} 天一篇；"
                    f"请安排下一篇，{close.zh}。",
                    f"the series '{series.id}' has had no new item for {silent} days ({since.en}); it plans one "
                    f"every {series.cadence} days: schedule the next, {close.en}.",
                ),
                at=("series", i, "cadence_days"),
            )
