"""Every export as rows of cells, whatever its format: openpyxl for xlsx, xlrd for BIFF .xls, the
standard library's HTML parser for an HTML table, csv with UTF-8 (BOM or not) then GB18030.

A `Sheet` is a list of rows, each a list of cell values (str, int, float, datetime or None); rows keep
their place (row 0 is the file's first), so a message can name the row a person sees in a spreadsheet."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser

from wemedia.i18n import Text
from wemedia.stats.sniff import format_of


class Unreadable(Exception):
    def __init__(self, message: Text):
        super().__init__(message.en)
        self.message = message


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]


@dataclass
class Table:
    format: str  # xlsx | xls | html | csv
    encoding: str | None
    sheets: list[Sheet]


def read(data: bytes, name: str) -> Table:
    kind = format_of(data[:8192])
    if kind is None:
        raise Unreadable(
            Text(
                f"{name} 不是表格文件（既不是 Excel、HTML 表格，也不是 CSV 文本）；请从平台后台重新下载数据导出。",
                f"{name} is not a table (not Excel, an HTML table or CSV text); download the export again "
                "from the platform's back office.",
            )
        )
    reader = {"xlsx": _xlsx, "xls": _xls, "html": _html, "csv": _csv}[kind]
    return reader(data, name)


def _broken(name: str, what: str, why: object) -> Unreadable:
    return Unreadable(
        Text(
            f"{name} 看起来是 {what} 文件，但读不出来（{why}）：文件可能没有下载完整或已损坏；请重新下载后再导入。",
            f"{name} looks like a {what} file but cannot be read ({why}): it may be truncated or damaged; "
            "download it again.",
        )
    )


def _xlsx(data: bytes, name: str) -> Table:
    import openpyxl  # only when an xlsx is imported

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheets = [Sheet(ws.title, [list(r) for r in ws.iter_rows(values_only=True)]) for ws in book.worksheets]
        book.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, TypeError) as exc:
        raise _broken(name, "xlsx", exc) from None
    except Exception as exc:  # openpyxl's XML errors come in many classes; all mean "cannot be read"
        raise _broken(name, "xlsx", type(exc).__name__) from None
    return Table("xlsx", None, sheets)


def _xls(data: bytes, name: str) -> Table:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data)
    except Exception as exc:  # xlrd.XLRDError, struct errors, IndexError on a truncated file
        raise _broken(name, "Excel 97-2003（.xls）", type(exc).__name__) from None
    sheets = []
    for sheet in book.sheets():
        rows = []
        for r in range(sheet.nrows):
            row: list[object] = []
            for c in range(sheet.ncols):
                kind, value = sheet.cell_type(r, c), sheet.cell_value(r, c)
                if kind == xlrd.XL_CELL_DATE:
                    value = dt.datetime(*xlrd.xldate_as_tuple(value, book.datemode))
                elif kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    value = None
                elif kind == xlrd.XL_CELL_NUMBER and float(value).is_integer():
                    value = int(value)
                row.append(value)
            rows.append(row)
        sheets.append(Sheet(sheet.name, rows))
    return Table("xls", None, sheets)


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding: UTF-8 (a BOM dropped), else GB18030 — what a spreadsheet program saves in China."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise Unreadable(
            Text(
                f"文本编码无法识别（既不是 UTF-8，也不是 GB18030/GBK；第 {exc.start} 个字节起）；请用平台导出的原文件。",
                f"unknown text encoding (neither UTF-8 nor GB18030/GBK, from byte {exc.start}); use the file "
                "as the platform exported it.",
            )
        ) from None


class _Cells(HTMLParser):
    """Rows of every `<table>` in the page, text of each `<td>`/`<th>`; colspan repeated as empty cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[object]]] = []
        self.row: list[object] | None = None
        self.cell: list[str] | None = None
        self.span = 1

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self._end_row()
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self._end_cell()
            self.cell = []
            span = dict(attrs).get("colspan") or "1"
            self.span = int(span) if span.isdigit() and 0 < int(span) < 1000 else 1

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._end_cell()
        elif tag in ("tr", "table"):
            self._end_row()

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)

    def _end_cell(self):
        if self.cell is not None and self.row is not None:
            text = " ".join("".join(self.cell).split())
            self.row.extend([text or None] + [None] * (self.span - 1))
        self.cell = None

    def _end_row(self):
        self._end_cell()
        if self.row is not None and self.tables:
            self.tables[-1].append(self.row)
        self.row = None


def _html(data: bytes, name: str) -> Table:
    text, encoding = decode(data)
    parser = _Cells()
    parser.feed(text)
    parser.close()
    sheets = [Sheet(f"table {i + 1}", rows) for i, rows in enumerate(parser.tables) if rows]
    if not sheets:
        raise Unreadable(
            Text(
                f"{name} 是网页（HTML），但里面没有表格：可能是平台的登录页或错误页，而不是数据导出；请登录后台重新导出。",
                f"{name} is a web page (HTML) without a table: probably the platform's login or error page, "
                "not an export; log in and export again.",
            )
        )
    return Table("html", encoding, sheets)


def _csv(data: bytes, name: str) -> Table:
    text, encoding = decode(data)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","  # some tools save "CSV" with tabs
    try:
        rows = [
            [cell if cell != "" else None for cell in row]
            for row in csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
        ]
    except csv.Error as exc:
        raise Unreadable(
            Text(
                f"{name} 是文本文件，但不是格式正确的 CSV 表格（{exc}）；请用平台导出的原文件。",
                f"{name} is a text file but not a well-formed CSV table ({exc}); use the file as the platform "
                "exported it.",
            )
        ) from None
    return Table("csv", encoding, [Sheet(name, rows)])
