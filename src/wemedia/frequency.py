"""Publishing frequency (5.3.3.2): each account's publication days, its longest allowed gap, its
recorded pauses and the gaps that break the limit — one reading, asked by the rules (WM310–WM312)
and by the site's calendar, so the two never disagree.

A publication is a post's `channels[]` entry for the account with a readable `published` moment,
whatever the post's `status` says (a withdrawn post still went out; a `draft` with a time is out too).
Days are Asia/Shanghai days. A day after today is not a publication yet."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass

from wemedia import clock
from wemedia.model import Account, Post, mapping

POLICY = "content/policy/publishing.yml"


@dataclass(frozen=True, slots=True)
class Publication:
    day: dt.date
    moment: dt.datetime
    post: Post


@dataclass(frozen=True, slots=True)
class Pause:
    """A recorded pause (`publishing.pauses[i]`): its days (both ends included) and why."""

    index: int
    start: dt.date
    until: dt.date
    reason: str


@dataclass(frozen=True, slots=True)
class Gap:
    """Days between two publication days (`after` is None for the open gap to today)."""

    before: Publication
    after: Publication | None
    end: dt.date  # the next publication day, or today
    days: int  # end - before.day
    paused: int  # days of it inside recorded pauses: they do not count
    limit: int

    @property
    def counted(self) -> int:
        return self.days - self.paused

    @property
    def over(self) -> bool:
        return self.counted > self.limit


def publications(archive) -> dict[str, list[Publication]]:
    """account id -> its publications in order (day, moment, path); once per check."""
    if "frequency.publications" not in archive.memo:
        found: dict[str, list[Publication]] = defaultdict(list)
        for post in archive.posts:
            for _, channel in post.list_of("channels"):
                account, moment = channel.get("account"), clock.moment_of(channel.get("published"))
                if isinstance(account, str) and moment is not None:
                    found[account].append(Publication(clock.day_of(moment), moment, post))
        for items in found.values():
            items.sort(key=lambda p: (p.day, p.moment, p.post.doc.path))
        archive.memo["frequency.publications"] = dict(found)
    return archive.memo["frequency.publications"]


def _days(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else None


def limit(archive, account: Account) -> tuple[int | None, bool]:
    """(longest allowed gap in days, whether the account sets it itself): the account's
    `publishing.max_gap_days`, else the policy's `max_gap_days`; None when neither is readable."""
    own = _days(mapping(account.data, "publishing").get("max_gap_days"))
    if own is not None:
        return own, True
    doc = archive.document(POLICY)
    data = doc.data if doc is not None and doc.ok and isinstance(doc.data, dict) else {}
    return _days(data.get("max_gap_days")), False


def pause_entries(account: Account) -> list[tuple[int, object]]:
    """(index, entry) of each item written under `publishing.pauses` (any shape)."""
    values = mapping(account.data, "publishing").get("pauses")
    return list(enumerate(values)) if isinstance(values, list) else []


def pauses(account: Account) -> list[Pause]:
    """The pauses that are valid records (dates readable, in order, a reason written): only those excuse
    a gap — an incomplete record is WM312's finding, never a silent excuse."""
    out = []
    for i, entry in pause_entries(account):
        if not isinstance(entry, dict):
            continue
        start, until = clock.day_of(entry.get("from")), clock.day_of(entry.get("until"))
        reason = entry.get("reason")
        if start and until and start <= until and isinstance(reason, str) and reason.strip():
            out.append(Pause(i, start, until, reason.strip()))
    return out


def _paused(first: dt.date, last: dt.date, recorded: list[Pause]) -> int:
    """Days from `first` to `last` (both included) inside any recorded pause."""
    days: set[dt.date] = set()
    for p in recorded:
        a, b = max(first, p.start), min(last, p.until)
        days.update(a + dt.timedelta(days=k) for k in range((b - a).days + 1))
    return len(days)


def gaps(archive, account: Account, today: dt.date | None = None) -> list[Gap]:
    """Every gap between consecutive publication days of the account, then the open gap from the last
    one to today (only while the account is `active`). Days inside a recorded pause are not counted."""
    today = today or clock.today()
    days_limit, _ = limit(archive, account)
    if days_limit is None or not account.id:
        return []
    recorded = pauses(account)
    items = [p for p in publications(archive).get(account.id, []) if p.day <= today]
    firsts: dict[dt.date, Publication] = {}
    lasts: dict[dt.date, Publication] = {}
    for p in items:
        firsts.setdefault(p.day, p)
        lasts[p.day] = p
    days = sorted(firsts)
    out = []
    for a, b in itertools.pairwise(days):
        paused = _paused(a + dt.timedelta(days=1), b - dt.timedelta(days=1), recorded)
        out.append(Gap(lasts[a], firsts[b], b, (b - a).days, paused, days_limit))
    if days and account.text("status") == "active":
        last = days[-1]
        paused = _paused(last + dt.timedelta(days=1), today, recorded)
        out.append(Gap(lasts[last], None, today, (today - last).days, paused, days_limit))
    return out


def daily_counts(archive, account_id: str) -> dict[dt.date, int]:
    """Publication day -> number of items the account published that day (the calendar's colours)."""
    counts: dict[dt.date, int] = defaultdict(int)
    for p in publications(archive).get(account_id, []):
        counts[p.day] += 1
    return dict(counts)
