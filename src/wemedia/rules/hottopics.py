"""WM265–WM266 — hot-topic content names the event it responds to (5.3.1 d): what, when and where it was
reported, and a date that fits the post's first publication."""

from __future__ import annotations

from wemedia import clock
from wemedia.findings import Problem
from wemedia.i18n import Text
from wemedia.rules.registry import rule

FIELDS = {"what": ("事件", "what"), "when": ("日期", "when"), "url": ("网址", "url")}
STALE_DAYS = 30  # a hot topic older than this at publication is no longer hot


@rule("WM265", "5.3.1 d", "热点文章宜写明回应的事件", "a hot-topic post names the event it responds to")
def names_event(post, archive):
    """规则: 分类为热点（`category: hot-topic`）的文章宜写 `event: {what: 事件, when: 日期, url: 报道或公告的网址}`，
      三项都写；网址以 http:// 或 https:// 开头（写错由 WM005 报告）。
    原因: 5.3.1 d 宜围绕用户关注的热点策划内容；写明回应的是什么事件、何时发生、出处在哪，审核时能核对热点是否真实、
      是否及时，月报也能据此统计热点内容。
    示例: `event: {what: 2026 年立冬节气, when: 2026-11-07, url: https://www.example.org/lidong}`。
    """
    if post.text("category") != "hot-topic":
        return
    event = post.get("event")
    if not isinstance(event, dict):
        yield Problem(
            Text(
                "热点文章没有写明回应的事件；请添加 event: {what: 事件, when: 日期, url: 报道或公告的网址}。",
                "a hot-topic post does not name its event: add event: {what: …, when: date, url: …}.",
            ),
            at=("event",) if "event" in post.data else ("category",),
        )
        return
    absent = [name for name in FIELDS if event.get(name) in (None, "") or not isinstance(event.get(name), str)]
    if absent:
        yield Problem(
            Text(
                f"热点事件缺少：{'、'.join(f'{n} {FIELDS[n][0]}' for n in absent)}；请在 event 下补上。",
                f"the hot-topic event lacks: {', '.join(absent)}; add them under event.",
            ),
            at=("event",),
        )


@rule(
    "WM266",
    "5.3.1 d",
    "热点事件的日期宜在首次发布之前的 30 天内",
    "a hot topic's event comes shortly before publication",
)
def event_in_time(post, archive):
    """规则: 热点文章已发布时，`event.when` 不宜晚于首次发布（北京时间的日期），也不宜早于首次发布 30 天以上。
    原因: 热点内容回应的是刚发生的事；事件日期晚于发布，多半是日期写错（或写成了活动预告）；一个多月前的事已不再是热点，
      分类应改为其他，免得月报把它算作热点内容。
    示例: 11 月 7 日立冬，11 月 6 日至 12 月 7 日之间发布的文章都可以；11 月 1 日发布则事件在发布之后。
    """
    event = post.get("event")
    if post.text("category") != "hot-topic" or not isinstance(event, dict):
        return
    when, published = clock.day_of(event.get("when")), post.first_published
    if when is None or published is None:
        return
    day = clock.day_of(published)
    if when > day:
        yield Problem(
            Text(
                f"热点事件的日期 {when} 晚于文章首次发布（{day}）；请核对 event.when，或把分类改为活动预告等。",
                f"the event's date {when} is after the post's first publication ({day}): check event.when, or "
                "choose another category (an activity preview?).",
            ),
            at=("event", "when"),
        )
    elif (day - when).days > STALE_DAYS:
        yield Problem(
            Text(
                f"热点事件发生在 {when}，文章首次发布于 {day}，相隔 {(day - when).days} 天（超过 {STALE_DAYS} 天）；"
                "已不是热点，请核对日期或改用其他分类。",
                f"the event happened on {when}, {(day - when).days} days before the first publication ({day}; more "
                f"than {STALE_DAYS}): no longer a hot topic — check the date or choose another category.",
            ),
            at=("event", "when"),
        )
