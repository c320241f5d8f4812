"""The figures of a monthly or annual report, computed once from the Archive (clause 6.1, 5.6.1, 5.4).

Items published come from the posts (a channel's `published` time on that account, Shanghai month);
reads and followers from the monthly statistics (`archive.metrics`) — a figure not there is None and is
shown as "—", never as 0, and named in the report's list of what is missing; messages from the message
logs, with overdue inquiries judged by the rules' own deadlines (`rules.messages.inquiry_due`). Markdown
and the workbook both render these same numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from wemedia import clock, frequency
from wemedia.model import Message
from wemedia.rules.assessment import library_name
from wemedia.rules.messages import inquiry_due, messages, working_days
from wemedia.workdays import Due

MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])\Z")
KINDS = ("inquiry", "complaint", "suggestion", "other", "spam", "advertising", "abuse", "illegal")


@dataclass
class Line:
    """One library or one account over one period (a month, or a year)."""

    library: str
    account: str | None  # None: the library as a whole (the sum of its accounts)
    name: str
    items: int = 0
    hot: int = 0
    reads: int | None = None
    followers: int | None = None  # the total at the period's end
    net: int | None = None
    messages: Counter = field(default_factory=Counter)
    overdue: int = 0


@dataclass
class Progress:
    """One figure of one target against the year so far."""

    target_name: str
    figure: str  # items | reads | followers
    target: int
    done: int | None  # year to date (followers: the latest total)
    share: float | None  # done / target
    expected: float | None  # what pro rata would have by now (followers: the target itself)
    on_track: bool | None  # None: too little data to say
    basis: str  # how it was judged, in words


@dataclass
class Report:
    period: str  # YYYY-MM or YYYY
    today: object
    lines: list[Line]  # per library, each followed by its accounts
    months: dict[str, list[Line]]  # annual: each month's lines
    progress: list[Progress]
    surveys: list
    missing: list[str]
    target_file: str | None
    names: dict[str, str] = field(default_factory=dict)  # library id -> how the report names it


def month_of(moment) -> str | None:
    day = clock.day_of(moment)
    return f"{day:%Y-%m}" if day is not None else None


def months_of(year: int, upto: str | None = None) -> list[str]:
    return [m for m in (f"{year}-{n:02d}" for n in range(1, 13)) if upto is None or m <= upto]


def account_label(archive, aid: str) -> str:
    account = archive.accounts.get(aid)
    return account.shown if account is not None else aid


def _publications(archive) -> dict[tuple[str, str], list]:
    """(account, month) -> the posts published on that account that month, each once per channel (from
    `frequency.publications`, the one list of each account's publications)."""
    key = "assessment.publications"
    if key not in archive.memo:
        out: dict[tuple[str, str], list] = {}
        for account, pubs in frequency.publications(archive).items():
            for publication in pubs:
                out.setdefault((account, f"{publication.day:%Y-%m}"), []).append(publication.post)
        archive.memo[key] = out
    return archive.memo[key]


def _messages(archive) -> dict[tuple[str, str], list[Message]]:
    """(account, month received) -> the messages."""
    key = "assessment.messages"
    if key not in archive.memo:
        out: dict[tuple[str, str], list[Message]] = {}
        for doc in archive.of_kind("messages"):
            for message in messages(doc) if doc.ok else ():
                account, received = message.text("account"), message.received
                if account and received is not None:
                    out.setdefault((account, month_of(received)), []).append(message)
        archive.memo[key] = out
    return archive.memo[key]


def overdue(archive, message: Message, today) -> bool:
    """An inquiry answered after its deadline, or still unanswered after it (as of `today`): WM701's
    verdict, from the same deadline; an `overdue_reason` records the lateness, it does not undo it."""
    if message.kind != "inquiry":
        return False
    due = inquiry_due(message, archive.calendar, working_days(archive))
    if not isinstance(due, Due):
        return False
    replied = clock.day_of(message.replied) if message.replied is not None else None
    return due.late(replied) if replied is not None else today > due.day


def accounts_of(archive, library: str, months: list[str]) -> list[str]:
    """The library's accounts that operate, or that published or have figures in the months."""
    pubs, metrics = _publications(archive), archive.metrics
    out = []
    for aid, account in sorted(archive.accounts.items()):
        if account.text("library") != library:
            continue
        active = account.text("status") == "active"
        if active or any((aid, m) in pubs or (aid, m) in metrics for m in months):
            out.append(aid)
    return out


def account_line(archive, library: str, aid: str, months: list[str], today) -> Line:
    """One account over `months`: figures summed, followers at the last month; None when any month of
    the period lacks the figure (the report names the month)."""
    line = Line(library, aid, account_label(archive, aid))
    pubs, mail = _publications(archive), _messages(archive)
    reads: list[int | None] = []
    for month in months:
        posts = pubs.get((aid, month), [])
        line.items += len(posts)
        line.hot += sum(1 for p in posts if p.text("category") == "hot-topic")
        metric = archive.metrics.get((aid, month))
        reads.append(metric.figure("reads") if metric is not None else None)
        for message in mail.get((aid, month), []):
            line.messages[message.kind or "other"] += 1
            line.overdue += overdue(archive, message, today)
    line.reads = sum(reads) if reads and None not in reads else None  # type: ignore[arg-type]
    last = archive.metrics.get((aid, months[-1]))
    line.followers = last.figure("followers_total") if last is not None else None
    nets = [(m.figure("followers_net") if (m := archive.metrics.get((aid, x))) else None) for x in months]
    line.net = sum(nets) if nets and None not in nets else None  # type: ignore[arg-type]
    return line


def library_line(archive, library: str, accounts: list[Line]) -> Line:
    """The library as the sum of its accounts: a figure is None when any account lacks it."""
    line = Line(library, None, library_name(archive, library))
    for part in accounts:
        line.items += part.items
        line.hot += part.hot
        line.messages.update(part.messages)
        line.overdue += part.overdue
    for name in ("reads", "followers", "net"):
        values = [getattr(a, name) for a in accounts]
        setattr(line, name, sum(values) if values and None not in values else None)
    return line


def lines(archive, months: list[str], today) -> list[Line]:
    out: list[Line] = []
    for library in sorted(archive.libraries):
        accounts = [account_line(archive, library, aid, months, today) for aid in accounts_of(archive, library, months)]
        if accounts:
            out.append(library_line(archive, library, accounts))
            out.extend(accounts)
    return out


def missing_metrics(archive, months: list[str]) -> list[str]:
    """Each account and month in the period without a statistics row, in words."""
    out = []
    for library in sorted(archive.libraries):
        for aid in accounts_of(archive, library, months):
            gaps = [m for m in months if (aid, m) not in archive.metrics]
            if gaps:
                out.append(f"{account_label(archive, aid)}（{aid}）缺少 {_ranges(gaps)} 的统计数据（content/metrics/）")
    return out


def _ranges(months: list[str]) -> str:
    """2026-01—2026-08、2026-10: consecutive months joined."""
    parts, start, prev = [], months[0], months[0]
    for month in months[1:] + [None]:
        if month is not None and clock.month_after(prev) == month:
            prev = month
            continue
        parts.append(start if start == prev else f"{start}—{prev}")
        if month is not None:
            start = prev = month
    return "、".join(parts)


def covered(archive, target_accounts: list[str], months: list[str], figure: str) -> list[str]:
    """The months of the period that the figure has data for: for items, from the first month anything
    was published on these accounts (the archive may start mid-year); for reads, months with a row for
    every account that gives the figure."""
    pubs = _publications(archive)
    if figure == "items":
        first = next((m for m in months if any((a, m) in pubs for a in target_accounts)), None)
        return [m for m in months if first is not None and m >= first]
    return [
        m
        for m in months
        if all(
            (row := archive.metrics.get((a, m))) is not None and row.figure(figure) is not None for a in target_accounts
        )
    ]


def progress(archive, year: int, upto: str, today) -> tuple[list[Progress], str | None]:
    """Each target of the year against the months up to `upto`."""
    doc = archive.target_files.get(year)
    months = months_of(year, upto)
    out: list[Progress] = []
    for target in archive.targets(year):
        if target.account:
            accounts, name = [target.account], account_label(archive, target.account)
        elif target.library:
            accounts, name = accounts_of(archive, target.library, months), library_name(archive, target.library)
        else:
            continue
        for figure in target.FIGURES:
            goal = target.figure(figure)
            if goal is None:
                continue
            out.append(_judge(archive, name, figure, goal, accounts, months, today))
    return out, doc.path if doc is not None else None


def _judge(archive, name, figure, goal, accounts, months, today) -> Progress:
    if figure == "followers":
        totals = [
            [archive.metrics[(a, m)].figure("followers_total") if (a, m) in archive.metrics else None for a in accounts]
            for m in months
        ]
        known = [(m, sum(t)) for m, t in zip(months, totals, strict=True) if t and None not in t]
        if not known:
            return Progress(name, figure, goal, None, None, None, None, "没有关注总数数据")
        month, done = known[-1]
        if done >= goal:
            return Progress(name, figure, goal, done, done / goal, goal, True, f"{month} 已达到")
        gains = [b - a for (_, a), (_, b) in pairwise(known)]
        left = 12 - int(month[5:7])
        if not gains:
            return Progress(name, figure, goal, done, done / goal, None, None, f"{month} 只有一个月的数据，无从推算")
        pace = sum(gains) / len(gains)
        projected = done + pace * left
        basis = f"按 {len(gains)} 个月平均净增 {pace:,.0f} 推算，年底约 {projected:,.0f}"
        return Progress(name, figure, goal, done, done / goal, None, projected >= goal, basis)
    have = covered(archive, accounts, months, figure)
    if not have:
        return Progress(name, figure, goal, None, None, None, None, "这些月份都没有数据")
    if figure == "items":
        pubs = _publications(archive)
        done = sum(len(pubs.get((a, m), [])) for a in accounts for m in have)
    else:
        done = sum(archive.metrics[(a, m)].figure(figure) for a in accounts for m in have)
    expected = goal * len(have) / 12
    basis = f"按有数据的 {len(have)} 个月（{_ranges(have)}）折算"
    return Progress(name, figure, goal, done, done / goal, expected, done >= expected, basis)


def has_data(archive, months: list[str]) -> bool:
    """Whether anything at all happened in the months: a publication, a statistics row or a message."""
    month_set = set(months)
    return (
        any(m in month_set for _, m in _publications(archive))
        or any(m in month_set for _, m in archive.metrics)
        or any(m in month_set for _, m in _messages(archive))
    )


def monthly(archive, month: str, today) -> Report:
    year = int(month[:4])
    months = [month]
    found, path = progress(archive, year, month, today)
    missing = missing_metrics(archive, months)
    if path is None:
        missing.append(f"没有 {year} 年的年度目标（content/targets/{year}.yml），无法计算完成进度")
    return Report(month, today, lines(archive, months, today), {}, found, [], missing, path)


def annual(archive, year: int, today) -> Report:
    last = min(f"{year}-12", f"{today:%Y-%m}")
    months = months_of(year, last)
    active = [m for m in months if has_data(archive, [m])]
    span = months[months.index(active[0]) :] if active else months
    found, path = progress(archive, year, last, today)
    missing = missing_metrics(archive, span)
    if active and active[0] != months[0]:
        before = months[: months.index(span[0])]
        missing.insert(0, f"{_ranges(before)} 仓库中没有任何记录（发布、统计、留言），年报从 {span[0]} 起")
    if path is None:
        missing.append(f"没有 {year} 年的年度目标（content/targets/{year}.yml），无法计算完成情况")
    per_month = {m: lines(archive, [m], today) for m in span}
    surveys = sorted(
        (s for s in archive.surveys if s.day is not None and s.day.year == year), key=lambda s: (s.day, s.doc.path)
    )
    names = {lib: library_name(archive, lib) for lib in archive.libraries}
    return Report(str(year), today, lines(archive, span, today), per_month, found, surveys, missing, path, names)
