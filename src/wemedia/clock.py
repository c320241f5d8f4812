"""Today's date, from one place, and the calendar day of a date or time written in the data.

Every rule that depends on the date asks `today()`: the date in Asia/Shanghai (the standard's
libraries are in China, whatever the server's zone), unless someone fixed it — `wemedia check
--today 2026-12-01`, or the environment variable `WEMEDIA_TODAY` (CI, the test suite), so that a
check gives the same answer tomorrow as today.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from zoneinfo import ZoneInfo

from wemedia.i18n import Text

SHANGHAI = ZoneInfo("Asia/Shanghai")
ENV = "WEMEDIA_TODAY"
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")  # what the schemas call a date; not 20261201 or 2026-W48-1

_fixed: list[dt.date] = []  # innermost `fixed(...)` last


class BadDate(ValueError):
    """A date given by the user (option or environment) that is not YYYY-MM-DD."""

    def __init__(self, message: Text):
        super().__init__(message.en)
        self.message = message


def parse(value: str, where: str) -> dt.date:
    """`value` (YYYY-MM-DD, given as `where`: an option or variable name) as a date; BadDate if it is not one."""
    try:
        if not _DATE.match(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadDate(
            Text(
                f"{where} 的值“{value}”不是有效日期；请写成 年-月-日，如 2026-12-01。",
                f"{where} '{value}' is not a valid date; write it as YYYY-MM-DD, e.g. 2026-12-01.",
            )
        ) from None


def today() -> dt.date:
    """The date the checks judge by: a fixed one if set, else `WEMEDIA_TODAY`, else today in Asia/Shanghai.

    Raises BadDate when `WEMEDIA_TODAY` is set but is not a date."""
    if _fixed:
        return _fixed[-1]
    value = os.environ.get(ENV, "").strip()
    if value:
        return parse(value, ENV)
    return dt.datetime.now(SHANGHAI).date()


@contextmanager
def fixed(day: dt.date) -> Iterator[dt.date]:
    """Within the block, `today()` is `day` (what `--today` does for one run)."""
    _fixed.append(day)
    try:
        yield day
    finally:
        _fixed.pop()


def moment_of(value: object) -> dt.datetime | None:
    """The moment a date or time written in the data stands for, with its zone: a time without a zone
    is Shanghai time, a bare date is the start of that day in Shanghai; None when it is neither.
    What orders events of different precision (created ≤ first review ≤ … ≤ publication)."""
    if isinstance(value, str):
        return _moment_of_text(value)  # the same few dates and times, asked for again and again
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    else:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=SHANGHAI)


@lru_cache(maxsize=65536)
def _moment_of_text(value: str) -> dt.datetime | None:
    text = value.strip()
    if not _DATE.match(text[:10]) or (len(text) > 10 and text[10:11] not in ("T", " ")):
        return None
    try:
        moment = dt.datetime.fromisoformat(text if len(text) > 10 else text + "T00:00:00")
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=SHANGHAI)


def day_of(value: object) -> dt.date | None:
    """The calendar day, in Asia/Shanghai, of a date (`2026-09-01`) or a time with its zone
    (`2026-09-01T23:30:00Z` is 2 September there) as the data writes it; None when it is neither.
    Our YAML reader keeps dates as text; a `datetime.date` is taken as it is. A time without a zone
    is read as Shanghai time."""
    if isinstance(value, str):
        return _day_of_text(value)
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        return value
    else:
        return None
    return moment.date() if moment.tzinfo is None else moment.astimezone(SHANGHAI).date()


@lru_cache(maxsize=65536)
def _day_of_text(value: str) -> dt.date | None:
    """The Shanghai day of the moment `_moment_of_text` reads (a time without a zone is Shanghai time)."""
    moment = _moment_of_text(value)
    return moment.astimezone(SHANGHAI).date() if moment is not None else None


def month_after(month: str) -> str:
    """`2027-01` for `2026-12`: the calendar month after a `YYYY-MM`."""
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + number // 12}-{number % 12 + 1:02d}"


def month_before(month: str) -> str:
    """`2026-12` for `2027-01`: the calendar month before a `YYYY-MM`."""
    year, number = int(month[:4]), int(month[5:7])
    return f"{year - 1}-12" if number == 1 else f"{year}-{number - 1:02d}"
