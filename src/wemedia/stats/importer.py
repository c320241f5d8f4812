"""From an export's rows to one month's figures: which rows count, what is summed, what is refused.

Daily exports (followers, trends) must cover exactly the month: every day once, no day outside it —
a partial or wider file would give a wrong monthly sum without anyone noticing. Per-item exports
(articles, videos, works, notes) carry each item's lifetime figures at export time and usually a
wider range than the month: only items published in the month count. A count written as `1.2万`
(rounded by the platform) is refused where it would be summed; a missing cell (`-`, `--`, empty)
leaves the month's figure missing, never zero."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from wemedia import clock
from wemedia.i18n import Text
from wemedia.stats import numbers
from wemedia.stats.layouts import Found, Layout, Part
from wemedia.stats.tables import Table

_TOTAL_WORDS = {"合计", "总计", "汇总", "总量", "Total", "total"}


class Refused(Exception):
    """The export cannot be mapped as it is; `message` says where and what to do. Nothing is written."""

    def __init__(self, message: Text):
        super().__init__(message.en)
        self.message = message


@dataclass
class Row:
    line: int  # 1-based row as a spreadsheet program numbers it
    day: dt.date
    figures: dict[str, int | None]
    title: str = ""
    url: str = ""


@dataclass
class Result:
    layout: Layout
    month: str
    figures: dict[str, int | None]  # metrics column -> value (None: the export has no such figure)
    kept: list[Row] = field(default_factory=list)  # per-item exports: items published in the month
    excluded: list[Row] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)
    days: int = 0


def _cell(row: list[object], column: int) -> object:
    return row[column] if column < len(row) else None


def _title(value: object) -> str:
    """The first non-empty line of a title cell (videos and works carry their whole caption and tags)."""
    for line in str(value or "").splitlines():
        if line.strip():
            return line.strip()
    return ""


def rows_of(table: Table, found: Found, name: str) -> list[list[Row]]:
    """Each part's data rows, in file order; a row that cannot be read is refused with its place."""
    sheet = table.sheets[found.sheet].rows
    out: list[list[Row]] = []
    for part, columns in zip(found.layout.parts, found.columns, strict=True):
        rows: list[Row] = []
        for index in range(found.row + 1, len(sheet)):
            row = list(sheet[index])
            cells = [_cell(row, c) for c in columns.values()]
            if all(numbers.is_missing(c) for c in cells):
                continue  # this table is shorter than the one beside it, or a blank line
            rows_item = _row(part, columns, row, index + 1, name)
            if rows_item is not None:
                rows.append(rows_item)
        out.append(rows)
    return out


def _row(part: Part, columns: dict[str, int], row: list[object], line: int, name: str) -> Row | None:
    raw_day = _cell(row, columns[part.date])
    if isinstance(raw_day, str) and raw_day.strip() in _TOTAL_WORDS:
        return None  # a total row: the sums are made here, from the days
    if part.only is not None and str(_cell(row, columns[part.only[0]]) or "").strip() != part.only[1]:
        return None
    day = numbers.day(raw_day)
    if day is None:
        raise Refused(
            Text(
                f"{name} 第 {line} 行：“{part.date}”一列的“{raw_day if raw_day is not None else ''}”不是日期；"
                "请用平台导出的原文件，不要在表格软件中改动后再导入。",
                f"{name} row {line}: '{raw_day if raw_day is not None else ''}' in column '{part.date}' is not a "
                "date; import the file as the platform exported it.",
            )
        )
    figures: dict[str, int | None] = {}
    for figure, headers in part.figures.items():
        value = _cell(row, columns[headers[0]])
        try:
            figures[figure] = numbers.count(value)
        except numbers.NotANumber as bad:
            rounded = bool(re.search(r"[万亿千]", str(bad)))
            raise Refused(
                Text(
                    f"{name} 第 {line} 行：“{headers[0]}”是“{bad}”，"
                    + (
                        "这是平台四舍五入后的约数，准确数字不在文件中；请在平台后台查到准确数字，填进这一格后再导入。"
                        if rounded
                        else "不是一个整数；请检查这一格（缺数据时平台写“-”或留空，不是文字）。"
                    ),
                    f"{name} row {line}: '{headers[0]}' is '{bad}', "
                    + (
                        "a figure the platform rounded; the exact count is not in the file: look it up in the "
                        "back office and write it into this cell, then import again."
                        if rounded
                        else "not a whole number; check this cell (a missing figure is '-' or empty, not words)."
                    ),
                )
            ) from None
    title = _title(_cell(row, columns[part.title])) if part.title else ""
    url = str(_cell(row, columns[part.url]) or "").strip() if part.url in columns else ""
    return Row(line, day, figures, title, url)


def month_text(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _days_of(month: str) -> list[dt.date]:
    year, mon = int(month[:4]), int(month[5:])
    return [dt.date(year, mon, d) for d in range(1, calendar.monthrange(year, mon)[1] + 1)]


_RANGE = re.compile(r"_(\d{9,11})_(\d{9,11})(?:\D|$)")


def name_range(name: str) -> tuple[dt.date, dt.date] | None:
    """The range a WeChat export names in its file name (`tendency_<start>_<end>.xls`: the Unix times of
    the first and last day's midnight in Beijing)."""
    m = _RANGE.search(name)
    if m is None:
        return None
    first, last = (clock.day_of(dt.datetime.fromtimestamp(int(t), dt.UTC)) for t in m.groups())
    return (first, last) if first <= last else None


def summarise(table: Table, found: Found, name: str, month: str | None) -> Result:
    parts = rows_of(table, found, name)
    if not any(parts):
        raise Refused(
            Text(
                f"{name} 有表头但没有数据行：可能导出时选的时间范围里没有数据；请在后台重新选择时间范围后导出。",
                f"{name} has a header but no data rows: the range chosen when exporting may hold no data; "
                "choose the range again in the back office and export.",
            )
        )
    if found.layout.per_item:
        return _items(found.layout, parts[0], name, month)
    return _daily(found.layout, parts, name, month)


def _daily(layout: Layout, parts: list[list[Row]], name: str, month: str | None) -> Result:
    days = sorted({r.day for rows in parts for r in rows})
    months = sorted({month_text(d) for d in days})
    named = name_range(name)
    if named is not None and (named[0] != days[0] or named[1] != days[-1]):
        raise Refused(
            Text(
                f"{name}：文件名中的时间范围（{named[0]} 至 {named[1]}）与表中的日期（{days[0]} 至 {days[-1]}）"
                "不一致；文件可能被改动或改名，请重新导出。",
                f"{name}: the range in the file name ({named[0]} to {named[1]}) differs from the dates in the "
                f"table ({days[0]} to {days[-1]}); the file may have been edited or renamed: export it again.",
            )
        )
    if month is None:
        if len(months) != 1:
            raise Refused(
                Text(
                    f"{name} 的日期从 {days[0]} 到 {days[-1]}，跨了 {len(months)} 个月；月度数据须一个月一个文件："
                    "请在后台只选这一个月（1 日至月末）重新导出。",
                    f"{name} runs from {days[0]} to {days[-1]}, over {len(months)} months; monthly figures need one "
                    "file per month: export again with only that month (the 1st to its last day).",
                )
            )
        month = months[0]
    outside = [d for d in days if month_text(d) != month]
    if outside:
        raise Refused(
            Text(
                f"{name} 中有不属于 {month} 的日期（{outside[0]}"
                + (f" 等 {len(outside)} 天" if len(outside) > 1 else "")
                + f"，表中日期为 {days[0]} 至 {days[-1]}）：这不是 {month} 的导出，或选的时间范围不对；"
                "请确认账号和月份，在后台只选这一个月重新导出。",
                f"{name} holds dates outside {month} ({outside[0]}"
                + (f" and {len(outside) - 1} more" if len(outside) > 1 else "")
                + f"; the table runs from {days[0]} to {days[-1]}): it is not {month}'s export or its range is "
                "wrong; check the account and month, and export that month only.",
            )
        )
    whole = _days_of(month)
    notes: list[Text] = []
    figures: dict[str, int | None] = {}
    for part, rows in zip(layout.parts, parts, strict=True):
        seen: dict[dt.date, Row] = {}
        for r in rows:
            if r.day in seen:
                raise Refused(
                    Text(
                        f"{name} 第 {r.line} 行：{r.day} 已在第 {seen[r.day].line} 行出现过；同一天只能有一行，"
                        "请用平台导出的原文件。",
                        f"{name} row {r.line}: {r.day} already appears on row {seen[r.day].line}; one row per day — "
                        "import the file as the platform exported it.",
                    )
                )
            seen[r.day] = r
            _check_net(r, name)
        lacking = [d for d in whole if d not in seen]
        if lacking:
            shown = "、".join(str(d) for d in lacking[:5]) + ("……" if len(lacking) > 5 else "")
            raise Refused(
                Text(
                    f"{name} 缺少 {month} 的 {len(lacking)} 天（{shown}）：月度数字须是整月各日之和；"
                    "请等这个月结束后，在后台选 1 日至月末重新导出。",
                    f"{name} lacks {len(lacking)} days of {month} ({', '.join(str(d) for d in lacking[:5])}"
                    f"{'…' if len(lacking) > 5 else ''}): a month's figure is the sum of all its days; export "
                    "again from the 1st to the last day once the month is over.",
                )
            )
        ordered = [seen[d] for d in whole]
        for figure in part.figures:
            values = [r.figures[figure] for r in ordered]
            if figure in layout.last_day:
                figures[figure] = values[-1]
                if values[-1] is None:
                    notes.append(_missing_note(figure, f"{whole[-1]}"))
            elif any(v is None for v in values):
                figures[figure] = None
                gaps = sum(1 for v in values if v is None)
                notes.append(_missing_note(figure, f"{gaps} 天 / {gaps} days"))
            else:
                figures[figure] = sum(v for v in values if v is not None)
    return Result(layout, month, figures, notes=notes, days=len(whole))


def _check_net(r: Row, name: str) -> None:
    new, lost, net = (r.figures.get(k) for k in ("followers_new", "followers_lost", "followers_net"))
    if new is None or lost is None or net is None or new - lost == net:
        return
    raise Refused(
        Text(
            f"{name} 第 {r.line} 行（{r.day}）：新关注 {new} − 取消关注 {lost} = {new - lost}，但净增写的是 {net}；"
            "文件可能被改动过，请重新导出。",
            f"{name} row {r.line} ({r.day}): new {new} − lost {lost} = {new - lost}, but net says {net}; "
            "the file may have been edited: export it again.",
        )
    )


def _missing_note(figure: str, where: str) -> Text:
    return Text(
        f"“{figure}”有 {where} 没有数据（-、-- 或空），这一项不填，留待手工补上（缺数据不是 0）。",
        f"'{figure}' has no figure for {where} (-, -- or empty); it is left unfilled, not zero.",
    )


def _items(layout: Layout, rows: list[Row], name: str, month: str | None) -> Result:
    months = sorted({month_text(r.day) for r in rows})
    if month is None:
        if len(months) != 1:
            raise Refused(
                Text(
                    f"{name} 中的内容发布于 {months[0]} 至 {months[-1]} 的几个月；逐条导出按发布时间计入月份，"
                    f"请用 --month 指定要导入的月份（如 --month {months[len(months) // 2]}）。",
                    f"{name} holds items published from {months[0]} to {months[-1]}; per-item exports count by "
                    f"publication month: say which month with --month (e.g. --month {months[len(months) // 2]}).",
                )
            )
        month = months[0]
    if not months[0] <= month <= months[-1]:
        raise Refused(
            Text(
                f"{name} 中的内容发布于 {min(r.day for r in rows)} 至 {max(r.day for r in rows)}，不包括 {month}："
                "这不是这个月的导出；请确认账号和月份，在后台选包括这个月的时间范围重新导出。",
                f"{name} holds items published from {min(r.day for r in rows)} to {max(r.day for r in rows)}, "
                f"not in {month}: it is not that month's export; check the account and month and export a "
                "range that includes it.",
            )
        )
    kept = [r for r in rows if month_text(r.day) == month]
    excluded = [r for r in rows if month_text(r.day) != month]
    notes: list[Text] = []
    figures: dict[str, int | None] = {"items": len(kept)}
    for figure in layout.parts[0].figures:
        values = [r.figures[figure] for r in kept]
        if any(v is None for v in values):
            figures[figure] = None
            gaps = sum(1 for v in values if v is None)
            notes.append(_missing_note(figure, f"{gaps} 条 / {gaps} items"))
        else:
            figures[figure] = sum(v for v in values if v is not None)
    return Result(layout, month, figures, kept, excluded, notes)
