"""The site's 报告 section: the monthly and annual reports of every period with data, generated at build
time from the same tables as `wemedia report` (nothing generated is committed)."""

from __future__ import annotations

from wemedia import clock
from wemedia.assessment import documents, figures

INDEX = "reports/index.md"


def periods(archive, today) -> tuple[list[str], list[int]]:
    """The months (newest first) and years with any data, up to `today`."""
    seen = {m for _, m in figures._publications(archive)} | {m for _, m in archive.metrics}
    seen |= {m for _, m in figures._messages(archive)}
    months = sorted((m for m in seen if m and figures.MONTH.match(m) and m <= f"{today:%Y-%m}"), reverse=True)
    return months, sorted({int(m[:4]) for m in months}, reverse=True)


def pages(archive) -> dict[str, str]:
    today = clock.today()
    months, years = periods(archive, today)
    out: dict[str, str] = {}
    lines = [
        "# 报告",
        "",
        "月报和年报（6.1 年度目标的考核、6.2 满意度调查），按生成网站这一天的数据计算。"
        "要发送的 Excel 工作簿用 `wemedia report monthly 年-月` 或 `wemedia report annual 年份` 生成。",
        "",
    ]
    if not months:
        lines.append("还没有任何月份的数据。")
    if years:
        lines += ["## 年报", ""]
        for year in years:
            out[f"reports/{year}.md"] = documents.annual(archive, year, today).markdown
            lines.append(f"- [{year} 年]({year}.md)")
        lines.append("")
    if months:
        lines += ["## 月报", ""]
        for month in months:
            out[f"reports/{month}.md"] = documents.monthly(archive, month, today).markdown
            lines.append(f"- [{month[:4]} 年 {int(month[5:])} 月]({month}.md)")
        lines.append("")
    out[INDEX] = "\n".join(lines)
    return out
