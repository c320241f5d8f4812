"""What a file is, from its first bytes — never from its name: the platforms save an HTML table as
`.xls`, and a spreadsheet program may save a CSV under any name."""

from __future__ import annotations

import re

ZIP = b"PK\x03\x04"  # xlsx is a ZIP package
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # BIFF .xls lives in an OLE2 compound file
_HTML = re.compile(
    rb"\A\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|table|head|body|meta)\b", re.I | re.S
)


def format_of(head: bytes) -> str | None:
    """`xlsx`, `xls`, `html`, `csv`, or None (a PDF, an image, an empty or binary file)."""
    if head.startswith(ZIP):
        return "xlsx"
    if head.startswith(OLE2):
        return "xls"
    text = head.removeprefix(b"\xef\xbb\xbf")
    for bom in (b"\xff\xfe", b"\xfe\xff"):
        if text.startswith(bom):
            return None  # UTF-16 text: no platform exports it; say so rather than misread it
    if _HTML.match(text[:4096]):
        return "html"
    if not text.strip() or b"\x00" in text[:4096]:
        return None
    return "csv"
