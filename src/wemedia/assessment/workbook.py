"""A report as an XLSX workbook to send on (openpyxl): one sheet per table, Chinese sheet and column names,
numbers stored as numbers with number formats (shares in % format), the header row frozen and columns
wide enough for Chinese text."""

from __future__ import annotations

import io
import unicodedata

from wemedia.assessment.tables import MISSING, Table

FORMATS = {"int": "#,##0", "num": "#,##0.0", "pct": "0.0%"}
MAX_WIDTH = 60


def width(text: str) -> int:
    """Display width: a CJK character (wide or full-width) takes two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def sheet(book, t: Table) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill  # with numpy ~120 ms: only a report pays it

    ws = book.create_sheet(t.title[:31])
    ws.append([h for h, _ in t.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for row in t.rows:
        ws.append([MISSING if c is None and k != "text" else c for c, (_, k) in zip(row, t.columns, strict=True)])
    for col, (header, kind) in enumerate(t.columns, start=1):
        widest = width(header)
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            if kind in FORMATS and isinstance(cell.value, int | float):
                cell.number_format = FORMATS[kind]
                shown = f"{cell.value:,.1f}" if kind != "int" else f"{cell.value:,}"
            else:
                shown = "" if cell.value is None else str(cell.value)
                if cell.value == MISSING:
                    cell.alignment = Alignment(horizontal="right")
                elif width(shown) > MAX_WIDTH:  # a long sentence wraps inside its column
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            widest = max(widest, width(shown))
        ws.column_dimensions[ws.cell(1, col).column_letter].width = min(widest + 2, MAX_WIDTH)
    ws.freeze_panes = "A2"


def build(tables: list[Table]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for t in tables:
        sheet(book, t)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
