"""WM26x — the monthly mix (5.3.1 a): each library publishes activity previews and collection reveals
every calendar month (Asia/Shanghai), as many as `monthly_mix` in content/policy/publishing.yml asks
(one of each unless it says otherwise). A month that has ended without them is an error; the current
month, from the policy's reminder day on, a warning. A month before the library's first publication is
not judged. The requirement is the policy's: `wemedia init` and the example write `monthly_mix`; a
repository whose policy has none is not judged (a pull request that removes it is named in its output,
as every policy change is: see history.NOTED). A month is judged over all the library's posts, so
these rules run when the check reads the whole archive (a full check, CI) or the policy itself is
checked; a one-file check of a post (pre-commit) does not parse 10,000 posts for them — and reports
what a full check reports for that post, since the findings stand at the policy."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from wemedia import clock, labels
from wemedia.findings import Problem
from wemedia.i18n import Text
from wemedia.rules.registry import rule

POLICY = "content/policy/publishing.yml"
KINDS = ("activity-preview", "collection-reveal")


def _policy(archive) -> dict | None:
    """The policy's `monthly_mix` (an empty mapping asks for the defaults), or None when it has none."""
    doc = archive.document(POLICY)
    data = doc.data if doc is not None and doc.ok and isinstance(doc.data, dict) else {}
    mix = data.get("monthly_mix", None) if "monthly_mix" in data else None
    return mix if isinstance(mix, dict) else ({} if "monthly_mix" in data else None)


def _wanted(mix: dict, library: str) -> tuple[dict[str, int], str | None]:
    """(category -> at least, first month judged or None) for a library."""
    own = (mix.get("libraries") or {}).get(library) if isinstance(mix.get("libraries"), dict) else None
    own = own if isinstance(own, dict) else {}
    wanted = {}
    for kind in KINDS:
        n = own.get(kind, mix.get(kind, 1))
        wanted[kind] = n if isinstance(n, int) and not isinstance(n, bool) else 1
    start = own.get("from")
    return wanted, start if isinstance(start, str) else None


def _months(archive) -> dict[str, dict[str, list]]:
    """library -> month (YYYY-MM, Shanghai) -> its published posts, in order of first publication."""
    if "mix.months" not in archive.memo:
        found: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for post in sorted(archive.posts, key=lambda p: p.first_published or dt.datetime.max.replace(tzinfo=dt.UTC)):
            day = clock.day_of(post.first_published) if post.first_published is not None else None
            if day is not None and post.text("library"):
                found[post.text("library")][f"{day:%Y-%m}"].append(post)
        archive.memo["mix.months"] = found
    return archive.memo["mix.months"]


def _shortfalls(archive, current: bool):
    """(library, month, category, wanted, found, the month's posts) for each month judged."""
    mix = _policy(archive)
    if mix is None or POLICY not in archive.selected:
        return  # judged by a full check (CI) and whenever the policy changes, not by every one-file check
    today = clock.today()
    this_month = f"{today:%Y-%m}"
    remind_from = mix.get("remind_from_day", 15)
    remind_from = remind_from if isinstance(remind_from, int) and not isinstance(remind_from, bool) else 15
    for library, months in sorted(_months(archive).items()):
        wanted, start = _wanted(mix, library)
        month = min(months)  # the library's first month with a publication
        if start and start > month:
            month = start
        while month <= this_month:
            if (month == this_month) == current and (not current or today.day >= remind_from):
                posts = months.get(month, [])
                for kind in KINDS:
                    found = sum(1 for p in posts if p.text("category") == kind)
                    if found < wanted[kind]:
                        yield library, month, kind, wanted[kind], found, posts
            month = clock.month_after(month)


def _problem(archive, library, month, kind, wanted, found, posts, zh_when: str, en_when: str) -> Problem:
    """At the policy's `monthly_mix`, where the requirement is set: a finding of a month belongs to no
    single post, and a one-file check of a post reports exactly what a full check reports for it."""
    name = labels.label("post.category", kind)
    lib = archive.libraries.get(library)
    lib_name = lib.get("name") if lib is not None else library
    last = (
        Text(f"该月该馆最后发布的一篇是 {posts[-1].doc.path}", f"the month's last post is {posts[-1].doc.path}")
        if posts
        else Text("该月该馆没有发布任何内容", "the library published nothing that month")
    )
    message = Text(
        f"{lib_name}{zh_when}（{month}）发布的{name}类内容 {found} 篇，少于要求的 {wanted} 篇（5.3.1 a；{last.zh}）；"
        f"请安排{name}类内容，或在 {POLICY} 的 monthly_mix 中写明该馆的要求和理由。",
        f"{library} published {found} {kind} item(s) {en_when} ({month}), fewer than the {wanted} required "
        f"(5.3.1 a; {last.en}); plan one, or record the library's own requirement and why in {POLICY} (monthly_mix).",
    )
    return Problem(message, path=POLICY, at=("monthly_mix",), key=True)


@rule(
    "WM260",
    "5.3.1 a",
    "每个图书馆每月都有活动预告和馆藏揭示",
    "every library publishes activity previews and collection reveals each month",
    scope="archive",
    registers=("libraries",),
)
def monthly_mix(archive):
    """规则: 每个图书馆在每个已经结束的自然月（北京时间，按首次发布时间）至少发布 1 篇活动预告、1 篇馆藏揭示；
      要求写在 content/policy/publishing.yml 的 `monthly_mix` 中（`wemedia init` 会写好；篇数、提醒日、个别图书馆的起始月份
      和理由都可在此规定；政策中没有 `monthly_mix` 时不判断）。图书馆第一次发布之前的月份不判断。
      问题标在政策的 `monthly_mix` 上（一个月的问题不属于某一篇文章），说明中写出该月该馆最后发布的一篇。
    原因: 5.3.1 a 要求结合图书馆活动和馆藏，制作活动预告和馆藏揭示类内容；一个月都没有，就是没有做到。
    示例: 10 月只发了新闻和服务通知 → “南湖市图书馆 10 月（2026-10）发布的馆藏揭示类内容 0 篇，少于要求的 1 篇”。
    """
    for library, month, kind, wanted, found, posts in _shortfalls(archive, current=False):
        yield _problem(archive, library, month, kind, wanted, found, posts, "上月及以前", "in a past month")


@rule(
    "WM261",
    "5.3.1 a",
    "本月尚无活动预告或馆藏揭示时提醒",
    "a reminder when the current month has no activity preview or collection reveal yet",
    scope="archive",
    registers=("libraries",),
    reminder=True,  # the month is not over: a reminder, not yet a breach of 5.3.1 a
)
def this_month(archive):
    """规则: 当月（北京时间）从 `monthly_mix.remind_from_day`（默认 15 号）起，某馆还没有发布要求篇数的活动预告或馆藏揭示时提醒。
    原因: 月底才发现就来不及了；5.3.1 a 的要求在月末由 WM260 判断。
    示例: 11 月 20 日，清溪区图书馆本月尚无馆藏揭示类内容 → 提醒安排一篇。
    """
    for library, month, kind, wanted, found, posts in _shortfalls(archive, current=True):
        yield _problem(archive, library, month, kind, wanted, found, posts, "本月", "this month")
