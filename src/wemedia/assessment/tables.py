"""A report as titled tables of typed cells: the one layout that the Markdown page and the workbook both
render, so the site, the file sent on and the numbers checked in tests never disagree."""

from __future__ import annotations

from dataclasses import dataclass

from wemedia import labels
from wemedia.assessment.figures import KINDS, Line, Report

# Column kinds: "text"; "int" (a count, thousands separated); "num" (a count that may be fractional, as
# the pro-rata share of a target); "pct" (a share, 0.254 → 25.4%). A None cell is missing: "—".
MISSING = "—"
FIGURE_NAMES = {"items": "发布条数", "reads": "阅读量", "followers": "关注总数"}


@dataclass
class Table:
    title: str  # also the sheet's name (≤ 31 characters, none of []:*?/\)
    columns: list[tuple[str, str]]  # (header, kind)
    rows: list[list[object]]
    note: str = ""  # a sentence under the heading: what the numbers are


def _line_cells(line: Line) -> list[object]:
    return [
        line.items,
        line.hot,
        line.reads,
        line.followers,
        line.net,
        sum(line.messages.values()),
        line.overdue,
    ]


FIGURE_COLUMNS = [
    ("发布条数", "int"),
    ("其中热点", "int"),
    ("阅读量", "int"),
    ("关注总数", "int"),
    ("净增关注", "int"),
    ("留言", "int"),
    ("逾期咨询", "int"),
]


def _who(line: Line) -> list[object]:
    return [line.name if line.account is None else "", "合计" if line.account is None else line.name]


def overview(lines: list[Line], title: str, note: str) -> Table:
    return Table(
        title, [("图书馆", "text"), ("账号", "text"), *FIGURE_COLUMNS], [_who(x) + _line_cells(x) for x in lines], note
    )


def by_month(report: Report) -> Table:
    rows = [[month, *_who(x), *_line_cells(x)] for month, found in report.months.items() for x in found]
    return Table(
        "各月",
        [("月份", "text"), ("图书馆", "text"), ("账号", "text"), *FIGURE_COLUMNS],
        rows,
        "每月每个图书馆（合计）及其账号；关注总数为月末数。",
    )


def progress(report: Report) -> Table:
    verdict = {True: "达到进度", False: "落后", None: "无从判断"}
    rows = [
        [p.target_name, FIGURE_NAMES[p.figure], p.target, p.done, p.share, p.expected, verdict[p.on_track], p.basis]
        for p in report.progress
    ]
    return Table(
        "目标进度",
        [
            ("对象", "text"),
            ("指标", "text"),
            ("年度目标", "int"),
            ("累计完成", "int"),
            ("完成率", "pct"),
            ("按进度应完成", "num"),
            ("是否达到进度", "text"),
            ("依据", "text"),
        ],
        rows,
        f"年度目标取自 {report.target_file}；发布条数、阅读量为年初至本期累计，按有数据的月份数折算应完成的部分；"
        "关注总数为最新的月末数，按平均净增推算年底能否达到。"
        if report.target_file
        else "没有本年度的目标文件，无法计算完成进度。",
    )


def message_kinds(lines: list[Line]) -> Table:
    kinds = [k for k in KINDS if any(x.messages.get(k) for x in lines)]
    rows = [
        [*_who(x), *(x.messages.get(k, 0) for k in kinds), sum(x.messages.values()), x.overdue]
        for x in lines
        if x.messages or x.account is None
    ]
    return Table(
        "留言",
        [
            ("图书馆", "text"),
            ("账号", "text"),
            *((labels.label("message.kind", k), "int") for k in kinds),
            ("合计", "int"),
            ("逾期咨询", "int"),
        ],
        rows,
        "按收到时间（北京时间）计；逾期咨询：答复晚于期限（收到当天不算，第 2 个工作日结束），或至今未答复且已过期限，"
        "与 wemedia check（WM701）的判断相同，写了逾期说明的也计入。",
    )


def surveys(report: Report) -> Table:
    rows = []
    for s in report.surveys:
        results = "；".join(f"{RESULT_NAMES.get(k, k)}：{_result(k, v)}" for k, v in s.results.items())
        rows.append(
            [
                s.day.isoformat(),
                report.names.get(s.library or "", s.library or ""),
                s.respondents,
                results or MISSING,
                "；".join(s.adjustments) or MISSING,
            ]
        )
    return Table(
        "满意度调查",
        [("日期", "text"), ("图书馆", "text"), ("答卷数", "int"), ("结果", "text"), ("据此所做的调整", "text")],
        rows,
        "本年的满意度调查（6.2）及调查之后所做的调整。",
    )


# The usual result keys in words; any other key is shown as written.
RESULT_NAMES = {"satisfied_pct": "满意率", "content_useful_pct": "认为内容有用", "top_request": "最多的建议"}


def _result(key: str, value: object) -> str:
    return f"{value}%" if key.endswith("_pct") and isinstance(value, int | float) else str(value)


def missing(report: Report) -> Table:
    rows = [[m] for m in report.missing] or [["没有缺少的数据。"]]
    return Table("缺少的数据", [("说明", "text")], rows, "缺少的数字在表中显示为“—”，不当作 0。")


def monthly(report: Report) -> list[Table]:
    return [
        overview(
            report.lines, "概况", "本月发布（各渠道的发布时间在本月）、阅读量、月末关注总数、净增关注和本月收到的留言。"
        ),
        progress(report),
        message_kinds(report.lines),
        missing(report),
    ]


def annual(report: Report) -> list[Table]:
    return [
        overview(report.lines, "全年合计", "全年（至今）合计；关注总数为最后一个月的月末数。"),
        by_month(report),
        progress(report),
        surveys(report),
        message_kinds(report.lines),
        missing(report),
    ]
