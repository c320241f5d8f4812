"""The edit an import makes to `content/metrics/YYYY-MM.csv` and the month's per-item file.

Only the account's row changes: other rows keep their bytes, the header keeps its column order (a
column the file lacks is added at the end), the BOM and line ends are kept. A figure already in the row
that differs from the import is a conflict — refused unless the caller replaces — so two exports of
one account and month (followers, then content) fill one row without either undoing the other."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from wemedia.model import Metric

COLUMNS = ("account", "month", *Metric.FIGURES)
ITEM_COLUMNS = ("published", "title", "url", "reads", "likes", "shares", "comments", "favourites", "as_of")


@dataclass
class Merge:
    text: str  # the whole new file, LF line ends (the caller restores the file's own)
    filled: dict[str, int] = field(default_factory=dict)
    same: dict[str, int] = field(default_factory=dict)
    conflicts: dict[str, tuple[object, int]] = field(default_factory=dict)  # column -> (old, new)
    added_row: bool = False
    duplicates: int = 0  # rows of this account and month beyond the first: which one to fill is unknowable


def _line(values: list[object]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(["" if v is None else v for v in values])
    return out.getvalue()


def _records(text: str) -> list[tuple[int, int, list[str]]]:
    """(first line, last line, fields) of each CSV record, 0-based lines: a quoted field may span lines."""
    lines = text.split("\n")
    out = []
    reader = csv.reader(io.StringIO(text))
    start = 0
    for fields in reader:
        end = reader.line_num - 1
        while start < end and not lines[start].strip():
            start += 1
        out.append((start, end, fields))
        start = end + 1
    return out


def merge(text: str | None, account: str, month: str, figures: dict[str, int | None], replace: bool) -> Merge:
    """The month file with `figures` written into the account's row. `text` None: a new file."""
    wanted = {k: v for k, v in figures.items() if v is not None}
    if not text or not text.strip():
        row = [account, month, *(wanted.get(c) for c in COLUMNS[2:])]
        return Merge(_line(list(COLUMNS)) + "\n" + _line(row) + "\n", filled=wanted, added_row=True)
    lines = text.rstrip("\n").split("\n")
    records = _records("\n".join(lines))
    header = [h.strip() for h in records[0][2]]
    extra = [c for c in COLUMNS if c not in header and c in wanted]
    if extra:
        header += extra
        lines[records[0][1]] = lines[records[0][1]] + "," + ",".join(extra)
        for _first, last, _fields in records[1:]:
            lines[last] += "," * len(extra)
    result = Merge("")
    target = None
    for first, last, fields in records[1:]:
        values = dict(zip(header, [f.strip() for f in fields], strict=False))
        if values.get("account") == account and values.get("month") == month:
            if target is not None:
                result.duplicates += 1
                continue
            target = (first, last, fields + [""] * (len(header) - len(fields)))
    if target is None:
        row = [account if c == "account" else month if c == "month" else wanted.get(c) for c in header]
        lines.append(_line(row))
        result.added_row, result.filled = True, wanted
    else:
        first, last, fields = target
        new = list(fields)
        for column, value in wanted.items():
            i = header.index(column)
            old = fields[i].strip().replace(",", "")
            if old == "":
                new[i] = str(value)
                result.filled[column] = value
            elif old == str(value):
                result.same[column] = value
            else:
                result.conflicts[column] = (fields[i].strip(), value)
                if replace:
                    new[i] = str(value)
        if new != fields:
            lines[first : last + 1] = [_line(new)]
    result.text = "\n".join(lines) + "\n"
    return result


def items_text(rows: list[dict[str, object]]) -> str:
    """The per-item file: one line per item published in the month, lifetime figures as of the export."""
    out = [_line(list(ITEM_COLUMNS))]
    out += [_line([row.get(c) for c in ITEM_COLUMNS]) for row in rows]
    return "\n".join(out) + "\n"
