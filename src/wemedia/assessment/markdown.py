"""A report as a Markdown page: for the archive site (its 报告 section) and beside the workbook."""

from __future__ import annotations

from wemedia.assessment.figures import Report
from wemedia.assessment.tables import MISSING, Table


def value(cell: object, kind: str) -> str:
    """A cell as the page shows it: thousands separated, shares as percentages, missing as "—"."""
    if cell is None or cell == "":
        return MISSING if kind != "text" else ""
    if kind == "pct":
        return f"{cell:.1%}"
    if kind == "num":
        return f"{cell:,.1f}"
    if kind == "int":
        return f"{cell:,}"
    return str(cell).replace("|", "\\|").replace("\n", " ")


def table(t: Table) -> str:
    head = "| " + " | ".join(h for h, _ in t.columns) + " |"
    rule = "|" + "|".join("---:" if k != "text" else "---" for _, k in t.columns) + "|"
    body = ["| " + " | ".join(value(c, k) for c, (_, k) in zip(row, t.columns, strict=True)) + " |" for row in t.rows]
    if not t.rows:
        body = ["| " + " | ".join(["（无）", *[""] * (len(t.columns) - 1)]) + " |"]
    note = [t.note, ""] if t.note else []
    return "\n".join([f"## {t.title}", "", *note, head, rule, *body, ""])


def page(title: str, report: Report, tables: list[Table], remark: str = "") -> str:
    meta = f"生成日期：{report.today.isoformat()}（北京时间）。数据来自编辑仓库的 content/：文章、统计数据、留言记录、年度目标和满意度调查。"
    parts = [f"# {title}", "", meta, ""]
    if remark:
        parts += [remark, ""]
    return "\n".join(parts + [table(t) for t in tables])
