"""WM31x — publishing frequency (5.3.3.2 应保持一定的发布频率: a "shall", so errors): no account goes
silent for longer than its limit, between two publications or since the last one, unless a recorded
pause explains it. A gap belongs to no single post, so findings stand at the account in
content/accounts.yml (its `publishing.max_gap_days`, else its `id`) and name the posts around the gap.
These rules visit the accounts register: they run in a full check (CI) and whenever the register or the
policy changes (both widen the check to everything), never in a one-file check of a post (pre-commit),
which therefore reports exactly what a full check reports for that post."""

from __future__ import annotations

from wemedia import clock, labels
from wemedia.findings import Problem
from wemedia.frequency import POLICY, Gap, gaps, limit, pause_entries
from wemedia.i18n import Text
from wemedia.model import Account, items, mapping
from wemedia.rules.registry import rule

FIELDS = {"from": "开始日期", "until": "结束日期", "reason": "停更原因"}


def _accounts(doc) -> list[tuple[int, Account]]:
    return [(a.path[1], a) for a in items(doc, "accounts", Account)]


def _name(account: Account) -> Text:
    platform = account.text("platform")
    zh = f"{labels.label('account.platform', platform)}·{account.text('name') or account.id}"
    return Text(f"账号 {account.id}（{zh}）", f"the account {account.id}")


def _where(account: Account, i: int) -> tuple:
    """The account's own limit if it sets one, else its id."""
    own = "max_gap_days" in mapping(account.data, "publishing")
    return ("accounts", i, "publishing", "max_gap_days") if own else ("accounts", i, "id")


def _source(archive, account: Account) -> Text:
    _, own = limit(archive, account)
    return (
        Text("该账号 publishing.max_gap_days 的规定", "the account's publishing.max_gap_days")
        if own
        else Text(f"{POLICY} 中 max_gap_days 的规定", f"max_gap_days in {POLICY}")
    )


def _paused(gap: Gap) -> Text:
    if not gap.paused:
        return Text("", "")
    return Text(
        f"，其中 {gap.paused} 天在已记录的暂停期内不计，计 {gap.counted} 天",
        f"; {gap.paused} of them in recorded pauses do not count, leaving {gap.counted}",
    )


@rule(
    "WM310",
    "5.3.3.2",
    "同一账号两次发布的间隔不超过规定的最长间隔",
    "no gap between two publications of an account exceeds its longest allowed gap",
    scope="document",
    kinds=("accounts",),
    registers=("accounts",),
)
def steady(doc, archive):
    """规则: 同一账号相邻两个发布日（北京时间；文章 `channels` 中该账号有 `published` 时间的每一项都算，不论文章状态，
      撤回的文章也曾发出）之间相隔的天数，不能超过该账号 `publishing.max_gap_days`；账号没有写时用
      content/policy/publishing.yml 的 `max_gap_days`（两处都没有时不判断）。间隔正好等于最长间隔不算问题。
      账号在 `publishing.pauses` 中记录的暂停期（起止日期都算，写明原因）内的日子不计入间隔。
      问题标在 content/accounts.yml 中该账号的 `max_gap_days`（没有则 `id`）上，写出间隔前后两篇文章的路径和日期。
    原因: 5.3.3.2 规定“应保持一定的发布频率，保证账号有规律、长期更新”，是“应”，所以是错误；多长算“一定的频率”
      由本馆在政策和账号登记中规定。确有原因的停更（闭馆改造、平台封禁申诉）要写下来，让检查的人看到原因。
    示例: 最长间隔 10 天，10 月 1 日、10 月 11 日发布 → 间隔 10 天，没有问题；10 月 1 日、10 月 12 日 → 间隔 11 天，报告。
    """
    for i, account in _accounts(doc):
        for gap in gaps(archive, account):
            if gap.after is None or not gap.over:
                continue
            name, source, paused = _name(account), _source(archive, account), _paused(gap)
            before, after = gap.before, gap.after
            yield Problem(
                Text(
                    f"{name.zh}在 {before.day} 发布 {before.post.doc.path} 之后，直到 {after.day} 才发布 "
                    f"{after.post.doc.path}，相隔 {gap.days} 天{paused.zh}，超过最长间隔 {gap.limit} 天（{source.zh}，5.3.3.2）；"
                    "请保持有规律的更新；如果这段时间确因故停更，在该账号的 publishing.pauses 中记录暂停的起止日期和原因"
                    "（from、until、reason）。",
                    f"{name.en} published {before.post.doc.path} on {before.day} and nothing more until "
                    f"{after.post.doc.path} on {after.day}: {gap.days} days{paused.en}, more than the longest allowed "
                    f"gap of {gap.limit} days ({source.en}, 5.3.3.2); publish regularly, or if the account was paused "
                    "for a reason, record it under the account's publishing.pauses (from, until, reason).",
                ),
                at=_where(account, i),
            )


@rule(
    "WM311",
    "5.3.3.2",
    "运营中的账号距最近一次发布不超过最长间隔",
    "an active account has published within its longest allowed gap of today",
    scope="document",
    kinds=("accounts",),
    registers=("accounts",),
)
def still_publishing(doc, archive):
    """规则: 状态为 `active` 的账号，从最近一个发布日到今天（北京时间，可用 `--today` 指定）的天数超过最长间隔时报告
      （最长间隔和暂停期的算法同 WM310）。暂停（suspended）、已注销（closed）的账号不判断这一段；还没有发布过的账号不判断。
    原因: 5.3.3.2 要求账号长期更新；最近的空档还没有被下一篇“结束”，等到下一篇发出时才发现就晚了。
    示例: 最长间隔 10 天，最近一次发布在 11 月 12 日，今天 11 月 23 日 → 已 11 天没有发布，报告；账号已停用时把
      `status` 改为 `suspended` 或 `closed`，临时停更时在 `publishing.pauses` 记录。
    """
    today = clock.today()
    for i, account in _accounts(doc):
        for gap in gaps(archive, account, today):
            if gap.after is not None or not gap.over:
                continue
            name, source, paused = _name(account), _source(archive, account), _paused(gap)
            last = gap.before
            yield Problem(
                Text(
                    f"{name.zh}最近一次发布是 {last.day} 的 {last.post.doc.path}，到今天（{today}）已经 {gap.days} 天"
                    f"没有发布{paused.zh}，超过最长间隔 {gap.limit} 天（{source.zh}，5.3.3.2）；请尽快安排发布；如果账号"
                    "暂停更新，在 publishing.pauses 中记录暂停的起止日期和原因，停止运营的把 status 改为 suspended 或 closed。",
                    f"{name.en} last published {last.post.doc.path} on {last.day}: {gap.days} days without a publication "
                    f"by today ({today}){paused.en}, more than the longest allowed gap of {gap.limit} days "
                    f"({source.en}, 5.3.3.2); publish soon, record a pause under publishing.pauses (from, until, "
                    "reason), or set status to suspended or closed if the account is no longer run.",
                ),
                at=_where(account, i),
            )


@rule(
    "WM312",
    "5.3.3.2",
    "记录的暂停期须写明起止日期和原因",
    "a recorded pause has its dates in order and a reason",
    scope="document",
    kinds=("accounts",),
)
def pause_recorded(doc, archive):
    """规则: 账号 `publishing.pauses` 中的每一项都要写 `from`、`until`（年-月-日，两天都算在内，from 不晚于 until）和
      `reason`（停更原因）。写得不完整的暂停不抵消任何间隔。
    原因: 暂停让超过最长间隔的空档不再报告（5.3.3.2），所以它本身必须说得清楚：哪几天、为什么；没有原因的暂停，
      等于不加说明地关掉检查。
    示例: `pauses: [{from: 2026-10-01, until: 2026-10-20, reason: 闭馆改造，视频拍摄暂停}]`
    """
    for i, account in _accounts(doc):
        for k, entry in pause_entries(account):
            at = ("accounts", i, "publishing", "pauses", k)
            if not isinstance(entry, dict):
                continue  # the schema says what shape a pause has (WM005); it excuses nothing
            lacking = [f for f in ("from", "until", "reason") if not str(entry.get(f) or "").strip()]
            if lacking:
                zh = "、".join(f"{f}（{FIELDS[f]}）" for f in lacking)
                yield Problem(
                    Text(
                        f"账号 {account.id} 的第 {k + 1} 项暂停记录缺少 {zh}；请写明暂停的起止日期和原因，"
                        "不完整的暂停记录不抵消任何发布间隔（5.3.3.2）。",
                        f"pause {k + 1} of the account {account.id} lacks {', '.join(lacking)}; write its first and last "
                        "day and why — an incomplete pause excuses no gap (5.3.3.2).",
                    ),
                    at=at,
                )
            start, until = clock.day_of(entry.get("from")), clock.day_of(entry.get("until"))
            if start and until and start > until:
                yield Problem(
                    Text(
                        f"账号 {account.id} 的第 {k + 1} 项暂停记录开始日期 {start} 晚于结束日期 {until}；请改正起止日期，"
                        "日期颠倒的暂停记录不抵消任何发布间隔。",
                        f"pause {k + 1} of the account {account.id} starts ({start}) after it ends ({until}); correct the "
                        "dates — a pause with its dates reversed excuses no gap.",
                    ),
                    at=at + ("from",),
                )
