"""How the platforms write a figure: `1,234`, `1.2万`, `4.41%`, `0.0441`, `<0.1%`, `14.73秒`, and
`-`, `--` or an empty cell for "no figure" — which is missing, never zero (a zero would pass as data)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

MISSING = frozenset({"", "-", "--", "—", "——", "/", "N/A", "n/a"})
_UNITS = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1_000)}
_NUMBER = re.compile(r"(?P<sign>[-+−]?)(?P<digits>\d[\d,]*(?:\.\d+)?|\.\d+)(?P<unit>[万亿千]?)(?P<suffix>%|秒|s)?")


class NotANumber(ValueError):
    """A cell that should hold a count holds something else (a word, a date): refuse, never guess."""


def is_missing(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip() in MISSING)


def decimal(value: object) -> Decimal | None:
    """The number in a cell, or None for a missing one. `1.2万` → 12000; `4.41%` → 0.0441; `<0.1%` is
    a bound, not a value → None."""
    if is_missing(value):
        return None
    if isinstance(value, bool):
        raise NotANumber(str(value))
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = str(value).strip().replace("，", ",").replace("\u00a0", "")
    if text[:1] in "<>≤≥":
        return None
    m = _NUMBER.fullmatch(text)
    if m is None or (m["digits"].count(",") and not re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", m["digits"])):
        raise NotANumber(text)
    try:
        number = Decimal(m["digits"].replace(",", ""))
    except InvalidOperation:
        raise NotANumber(text) from None
    if m["unit"]:
        number *= _UNITS[m["unit"]]
    if m["suffix"] == "%":
        number /= 100
    return -number if m["sign"] in ("-", "−") else number


def count(value: object) -> int | None:
    """A count (reads, followers): a whole number, or None when missing. `1.2万` is an abbreviation the
    platform rounded — the exact count is not in the file — so it is refused where it would be summed."""
    number = decimal(value)
    if number is None:
        return None
    if number != number.to_integral_value() or (isinstance(value, str) and re.search(r"[万亿千]", value)):
        raise NotANumber(str(value).strip())
    return int(number)


_DATE_FORMS = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"),
    re.compile(r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?: \d{1,2}:\d{2}(?::\d{2})?)?"),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
    re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:\d{1,2}时\d{1,2}分(?:\d{1,2}秒)?)?"),
)


def day(value: object) -> dt.date | None:
    """The day a cell names: an Excel date cell, `2026-10-01`, `2026/9/30`, `20261006` (text or number),
    `2026年10月29日19时30分12秒`, with or without a time. None when it is not a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    for form in _DATE_FORMS:
        if m := form.fullmatch(text):
            try:
                return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                return None
    return None
