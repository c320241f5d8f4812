"""An account's publishing calendar (5.3.3.2) on its page: one year heatmap per year with
publications, the longest allowed gap, the gaps over it and the recorded pauses — from the same
reading as WM310/WM311 (`wemedia.frequency`), so the page marks exactly what the check reports."""

from __future__ import annotations

import datetime as dt

from wemedia import clock, frequency
from wemedia.sitepages import charts
from wemedia.sitepages.common import account_name, cell


def _days(first: dt.date, last: dt.date):
    while first <= last:
        yield first
        first += dt.timedelta(days=1)


def section(archive, aid: str) -> list[str]:
    """Markdown lines: the heading, what the limit is, the pauses, and a heatmap per year."""
    account = archive.accounts.get(aid)
    counts = frequency.daily_counts(archive, aid)
    if account is None or not counts:
        return []
    today = clock.today()
    limit, own = frequency.limit(archive, account)
    over: dict[dt.date, str] = {}
    for gap in frequency.gaps(archive, account, today) if limit else []:
        if gap.over:
            to = f"到 {gap.end}" if gap.after is not None else f"到今天（{gap.end}）"
            note = f"空档 {gap.before.day} {to}，计 {gap.counted} 天，超过最长间隔 {gap.limit} 天"
            over.update((d, note) for d in _days(gap.before.day + dt.timedelta(days=1), gap.end - dt.timedelta(days=1)))
            if gap.after is None:
                over[gap.end] = note
    recorded = frequency.pauses(account)
    paused = {d: p.reason for p in recorded for d in _days(p.start, p.until)}
    name = account_name(archive, aid)
    where = "账号登记中的规定" if own else "发布规则（content/policy/publishing.yml）的规定"
    lines = ["## 发布日历", ""]
    lines.append(
        f"最长发布间隔：{limit} 天（{where}）；红框是超过最长间隔的空档，浅蓝是已记录的暂停（5.3.3.2）。"
        if limit
        else "没有规定最长发布间隔（content/policy/publishing.yml 或账号登记的 max_gap_days）。"
    )
    lines.append("")
    if recorded:
        lines += ["| 暂停 | 原因 |", "|---|---|"]
        lines += [f"| {p.start} 至 {p.until} | {cell(p.reason)} |" for p in recorded]
        lines.append("")
    for year in sorted({d.year for d in counts}, reverse=True):
        in_year = {d: n for d, n in counts.items() if d.year == year}
        marked = sum(1 for d in over if d.year == year)
        label = f"{name} {year} 年发布日历：{len(in_year)} 天有发布，共 {sum(in_year.values())} 条" + (
            f"；{marked} 天处于超过最长间隔的空档中" if marked else ""
        )
        lines += [f"### {year} 年", "", charts.heatmap(year, in_year, over, paused, label), ""]
    return lines
