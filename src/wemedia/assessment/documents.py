"""The two reports as finished documents — title, file name, Markdown and workbook — and the reasons a
period is refused (a month that does not exist or has not begun, a period with no data at all)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from wemedia.assessment import figures, markdown, tables, workbook
from wemedia.i18n import Text


@dataclass
class Written:
    stem: str  # file name without suffix: 2026-10-月报, 2026-年报
    title: str
    markdown: str
    xlsx: bytes


class Refused(Exception):
    def __init__(self, message: Text):
        super().__init__(message.en)
        self.message = message


def parse_month(text: str, today: dt.date) -> str:
    match = figures.MONTH.match(text or "")
    if match is None:
        raise Refused(
            Text(
                f"“{text}”不是月份；请写成 年-月，如 2026-10（月份 01—12）。",
                f"'{text}' is not a month; write YYYY-MM, e.g. 2026-10 (month 01–12).",
            )
        )
    if text > f"{today:%Y-%m}":
        raise Refused(
            Text(f"{text} 还没有到（今天是 {today.isoformat()}）。", f"{text} has not begun (today is {today}).")
        )
    return text


def parse_year(text: str, today: dt.date) -> int:
    if not (text or "").isdigit() or len(text) != 4:
        raise Refused(
            Text(f"“{text}”不是年份；请写四位数的年份，如 2026。", f"'{text}' is not a year; write e.g. 2026.")
        )
    if int(text) > today.year:
        raise Refused(
            Text(f"{text} 年还没有到（今天是 {today.isoformat()}）。", f"{text} has not begun (today is {today}).")
        )
    return int(text)


def monthly(archive, month: str, today: dt.date) -> Written:
    if not figures.has_data(archive, [month]):
        raise Refused(_nothing(month, f"{month[:4]} 年 {int(month[5:])} 月", f"{month}"))
    report = figures.monthly(archive, month, today)
    title = f"{month[:4]} 年 {int(month[5:])} 月自媒体运营月报"
    remark = f"本月尚未结束：数据截至 {today.isoformat()}。" if month == f"{today:%Y-%m}" else ""
    found = tables.monthly(report)
    return Written(f"{month}-月报", title, markdown.page(title, report, found, remark), workbook.build(found))


def annual(archive, year: int, today: dt.date) -> Written:
    if not figures.has_data(archive, figures.months_of(year)):
        raise Refused(_nothing(str(year), f"{year} 年", str(year)))
    report = figures.annual(archive, year, today)
    title = f"{year} 年自媒体运营年报"
    remark = f"{year} 年尚未结束：数据截至 {today.isoformat()}。" if year == today.year else ""
    found = tables.annual(report)
    return Written(f"{year}-年报", title, markdown.page(title, report, found, remark), workbook.build(found))


def _nothing(period: str, zh: str, en: str) -> Text:
    return Text(
        f"{zh}没有任何数据：没有发布记录、统计数据（content/metrics/{period[:7]}…）或留言；请检查年月，或先导入这段时间的数据。",
        f"there is no data for {en}: no publication, statistics or message; check the period or import its data first.",
    )
