"""Working days on the official Chinese calendar, and when an inquiry must be answered (5.4 a).

The calendar is the State Council's holiday notice of each year (国务院办公厅关于YYYY年部分节假日安排的通知),
kept in the repository as `content/policy/calendar/YYYY.yml`: the notice's title and date, and for each
festival the days off (放假, `from`–`until`, both included) and the weekend days worked instead (调休上班,
`workdays`). A day is a working day when the notice makes it one, a rest day when the notice gives it
off, and otherwise Monday to Friday are working days and Saturday and Sunday rest days.

Nothing is guessed: a day in a year without a file is neither (`is_workday` → None), and a deadline
that needs such a day is `Uncovered`, naming the notice to add. Calendar libraries were not taken at
run time: `chinese-calendar` raises for a year it does not know and `holidays` silently estimates one
(with no adjusted working days); both check the files in the tests instead.

The counting (README, "留言答复期限"): times are read in Asia/Shanghai; the day of receipt does not count,
whatever the hour and whether or not it is a working day; the reply is due by the end (23:59:59) of the
second working day after it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from wemedia import clock
from wemedia.documents import CALENDAR_FOLDER, Document
from wemedia.i18n import Text

_FILE = re.compile(re.escape(CALENDAR_FOLDER) + r"/(\d{4})\.yml\Z")
DAY = dt.timedelta(days=1)


def notice_title(year: int) -> str:
    """The title the State Council gives its notice for `year`."""
    return f"国务院办公厅关于{year}年部分节假日安排的通知"


def calendar_path(year: int) -> str:
    return f"{CALENDAR_FOLDER}/{year}.yml"


def year_of_path(relpath: str) -> int | None:
    """The year a calendar file is for, from its name (`content/policy/calendar/2026.yml` → 2026)."""
    match = _FILE.match(relpath)
    return int(match.group(1)) if match else None


@dataclass(frozen=True, slots=True)
class Year:
    """One year's notice as the file records it."""

    year: int
    path: str
    title: str | None
    published: dt.date | None
    rest: frozenset[dt.date]  # days off (放假), weekend days included as the notice counts them
    work: frozenset[dt.date]  # weekend days worked (调休上班)


@dataclass(frozen=True, slots=True)
class Uncovered:
    """Why a deadline cannot be computed: `year` has no calendar file."""

    year: int

    @property
    def notice(self) -> str:
        return notice_title(self.year)

    @property
    def path(self) -> str:
        return calendar_path(self.year)

    def text(self) -> Text:
        return Text(
            f"日历中没有 {self.year} 年：请按《{self.notice}》添加 {self.path}（放假和调休上班的日期）",
            f"the calendar has no {self.year}: add {self.path} from the State Council's notice "
            f"'{self.notice}' (its days off and adjusted working days)",
        )


@dataclass(frozen=True, slots=True)
class Due:
    """An answer's deadline: by the end of `day` (a working day), Asia/Shanghai."""

    received: dt.date  # the Shanghai day of receipt (it does not count)
    day: dt.date  # the last working day to answer on

    @property
    def by(self) -> dt.datetime:
        """The last second of the deadline, 23:59:59 in Shanghai."""
        return dt.datetime.combine(self.day, dt.time(23, 59, 59), tzinfo=clock.SHANGHAI)

    def late(self, replied: dt.date) -> bool:
        """Whether an answer given on `replied` (a Shanghai day) comes after the deadline."""
        return replied > self.day


class Calendar:
    """The working days of the years the repository's notices cover."""

    def __init__(self, years: Mapping[int, Year] | Iterable[Year] = ()):
        found = years.values() if isinstance(years, Mapping) else years
        self.years: dict[int, Year] = {y.year: y for y in found}
        # A notice may arrange a day of the year next to it (the 2012 notice made 2011-12-31 a working
        # day), so the days are pooled; whether a day's year is covered at all is still its own file's.
        self.rest = frozenset().union(*(y.rest for y in self.years.values()))
        self.work = frozenset().union(*(y.work for y in self.years.values())) - self.rest

    def covers(self, year: int) -> bool:
        return year in self.years

    def is_workday(self, day: dt.date) -> bool | None:
        """True on a working day, False on a rest day, None when no notice covers the day's year."""
        if day.year not in self.years:
            return None
        if day in self.work:
            return True
        if day in self.rest:
            return False
        return day.weekday() < 5

    def after(self, day: dt.date, count: int) -> dt.date | Uncovered:
        """The `count`-th working day after `day` (`day` itself never counts)."""
        found = 0
        while found < count:
            day += DAY
            workday = self.is_workday(day)
            if workday is None:
                return Uncovered(day.year)
            found += workday
        return day

    def between(self, start: dt.date, end: dt.date) -> int | Uncovered:
        """How many working days lie after `start`, up to and including `end` (0 when end ≤ start)."""
        count, day = 0, start
        while day < end:
            day += DAY
            workday = self.is_workday(day)
            if workday is None:
                return Uncovered(day.year)
            count += workday
        return count

    def due(self, received: object, working_days: int = 2) -> Due | Uncovered | None:
        """When a message received at `received` (a time with its zone, as the data writes it, or a
        datetime) must be answered: the end of the `working_days`-th working day after the Shanghai day
        of receipt. Uncovered when a day it needs has no notice; None when `received` is not a time."""
        day = clock.day_of(received)
        if day is None:
            return None
        last = self.after(day, working_days)
        return last if isinstance(last, Uncovered) else Due(day, last)

    @classmethod
    def of(cls, docs: Iterable[Document]) -> Calendar:
        """The calendar of the files that can be read; a file that cannot is no year at all (its own
        errors say why), so the messages it would date are reported as uncovered, never guessed."""
        return cls(y for y in (read_year(d) for d in docs) if y is not None)


def read_year(doc: Document) -> Year | None:
    """One calendar file as a Year, keyed by its file name's year; None when it is unreadable. Dates
    that cannot be read are left out (the schema reports them; WM707 reports dates of another year)."""
    year = year_of_path(doc.path)
    data = doc.data
    if year is None or not doc.ok or not isinstance(data, dict):
        return None
    notice = data.get("notice") if isinstance(data.get("notice"), dict) else {}
    title = notice.get("title") if isinstance(notice.get("title"), str) else None
    rest: set[dt.date] = set()
    work: set[dt.date] = set()
    for festival in data.get("holidays") if isinstance(data.get("holidays"), list) else ():
        if not isinstance(festival, dict):
            continue
        start, end = _date(festival.get("from")), _date(festival.get("until"))
        if start is not None and end is not None:
            day = start
            while day <= end and (day - start).days <= 366:
                rest.add(day)
                day += DAY
        for value in festival.get("workdays") if isinstance(festival.get("workdays"), list) else ():
            if (day := _date(value)) is not None:
                work.add(day)
    return Year(year, doc.path, title, _date(notice.get("published")), frozenset(rest), frozenset(work - rest))


def _date(value: object) -> dt.date | None:
    """A date written as YYYY-MM-DD (our YAML reader keeps it as text), or None."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
