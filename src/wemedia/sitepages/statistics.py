"""The statistics page (数据统计): each account's monthly figures as charts drawn at build time and as a
table (5.6.1), with links to the follower screenshots; and the month's inquiries and suggestions
collated by theme, each suggestion with what was done about it (5.6.3). Figures come from `figures`,
as the statistics rules read them; messages from `model.Message`."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from wemedia import figures
from wemedia.model import Message, items
from wemedia.sitepages import charts
from wemedia.sitepages.common import account_name, cell, href

URI = "dashboards/statistics.md"
COLUMNS = (
    ("followers_total", "关注总数"),
    ("followers_new", "新增"),
    ("followers_lost", "取消"),
    ("followers_net", "净增"),
    ("items", "发布条数"),
    ("reads", "阅读"),
    ("shares", "分享"),
    ("likes", "点赞"),
    ("comments", "评论"),
    ("favourites", "收藏"),
)
CHARTS = (
    ("followers_total", "关注总数", "人", True),
    ("reads", "阅读量", "次", False),
    ("items", "发布条数", "条", False),
)
NO_THEME = "（未写主题）"
CHART_MONTHS = 12  # a chart shows the last year, readable on a phone; the table holds every month
ROW = "display:flex;flex-wrap:wrap;gap:0 1.5rem"
FIGURE = "flex:1 1 9rem;max-width:16rem;margin:0 0 1rem 0"


def _shown(value: int | None, signed: bool = False) -> str:
    if value is None:
        return "—"  # the platform gave no figure: missing, not zero
    return f"{value:+,}" if signed else f"{value:,}"


def _months(archive, account) -> list[str]:
    """The months shown for an account: those with its row, and those it owes (shown as missing)."""
    table = figures.table(archive)
    have = {m for (a, m) in table if a == account.id}
    return sorted(have | set(figures.due_months(archive, account)))


def figures_section(archive, root: Path, assets: dict[str, Path]) -> list[str]:
    table = figures.table(archive)
    lines: list[str] = []
    for aid, account in sorted(archive.accounts.items()):
        months = _months(archive, account)
        if not months:
            continue
        lines += ["", f"## {account_name(archive, aid)}", ""]
        shown = []
        for key, name, unit, line in CHARTS:
            points = [(m, table[(aid, m)].figure(key) if (aid, m) in table else None) for m in months[-CHART_MONTHS:]]
            svg = charts.monthly(points, f"{account_name(archive, aid)} 每月{name}", unit, line=line)
            shown.append(f'<figure style="{FIGURE}"><figcaption>{name}</figcaption>{svg}</figure>')
        lines += [f'<div style="{ROW}">' + "".join(shown) + "</div>", ""]  # side by side; stacked on a phone
        lines.append("| 月份 | " + " | ".join(n for _, n in COLUMNS) + " | 关注量截图 |")
        lines.append("|---|" + "---:|" * len(COLUMNS) + "---|")
        for month in months:
            metric = table.get((aid, month))
            values = [_shown(metric.figure(k) if metric else None, signed=k == "followers_net") for k, _ in COLUMNS]
            shot = figures.screenshot(archive, month, aid)
            if shot:
                uri = shot.removeprefix("content/")
                assets[uri] = root / shot
                shot_cell = f"[截图]({href(URI, uri)})"
            else:
                shot_cell = "没有截图"
            lines.append(f"| {month} | " + " | ".join(values) + f" | {shot_cell} |")
    if not lines:
        lines = ["", "还没有月度数据。每月在 `content/metrics/YYYY-MM.csv` 中为每个账号写一行。"]
    return lines


def messages_section(archive) -> list[str]:
    """Per month: each theme with its inquiries and suggestions counted, then the suggestions with
    what was done about them."""
    lines = ["", "## 留言整理", "", "按主题（留言的 `theme`）整理每月的咨询和建议，了解读者的需求和建议（5.6.3）。"]
    found = False
    for doc in archive.of_kind("messages"):
        month = doc.path.rsplit("/", 1)[-1].removesuffix(".yml")
        wanted = [m for m in items(doc, "messages", Message) if m.kind in ("inquiry", "suggestion")]
        if not wanted:
            continue
        found = True
        themes: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"inquiry": [], "suggestion": []})
        for message in wanted:
            themes[message.text("theme") or NO_THEME][message.kind].append(message.label)
        lines += ["", f"### {cell(month)}", "", "| 主题 | 咨询 | 建议 | 留言编号 |", "|---|---:|---:|---|"]
        for theme, kinds in sorted(themes.items(), key=lambda kv: (kv[0] == NO_THEME, kv[0])):
            ids = kinds["inquiry"] + kinds["suggestion"]
            shown = "、".join(cell(i) for i in ids[:3]) + ("……" if len(ids) > 3 else "")
            lines.append(f"| {cell(theme)} | {len(kinds['inquiry'])} | {len(kinds['suggestion'])} | {shown} |")
        suggestions = [m for m in wanted if m.kind == "suggestion"]
        if suggestions:
            lines += ["", "| 建议 | 主题 | 摘要 | 登记 | 处理结果 |", "|---|---|---|---|---|"]
            for m in suggestions:
                lines.append(
                    f"| {cell(m.label)} | {cell(m.text('theme') or NO_THEME)} | {cell(m.text('summary') or '—')} "
                    f"| {cell(m.get('registered') or '尚未登记')} | {cell(m.text('outcome') or '尚未写明')} |"
                )
    if not found:
        lines += ["", "还没有咨询或建议的留言记录。"]
    return lines


def page(archive, root: Path, assets: dict[str, Path]) -> str:
    """The page's Markdown; the follower screenshots it links to are added to `assets`."""
    lines = [
        "# 数据统计",
        "",
        "各平台账号每月的运营数据（5.6.1），来自 `content/metrics/YYYY-MM.csv`。空着的数字是平台没有给出的，"
        "显示为“—”，不是 0；该有数据而没有的月份整行为“—”（规则 WM801 会报告）。图表画最近 12 个月，表格列出每个月。",
    ]
    lines += figures_section(archive, root, assets)
    lines += messages_section(archive)
    return "\n".join(lines) + "\n"
