"""Monthly figures (5.6.1): the rows of `content/metrics/YYYY-MM.csv` by account and by the month of
the *file* they are written in, and the months each account must have.

The statistics rules (WM80x) and the site's statistics page ask here, so both agree on what a month
holds. A row is filed under its file's month, not under its own `month` column: a row pasted from
another month stays where a person will look for it, and WM805 reports the column.
"""

from __future__ import annotations

import re

from wemedia import clock, frequency
from wemedia.documents import Document
from wemedia.model import Metric

FOLDER = "content/metrics"
_FILE = re.compile(r"content/metrics/(\d{4}-(?:0[1-9]|1[0-2]))\.csv\Z")
SHOT_SUFFIXES = (".png", ".jpg", ".jpeg")


def month_of(path: str) -> str | None:
    """`2026-10` for `content/metrics/2026-10.csv`; None for any other path."""
    found = _FILE.match(path)
    return found.group(1) if found else None


def rows(doc: Document) -> list[Metric]:
    """Every row of a metrics file that reads as a mapping (a broken file has none)."""
    data = doc.data if doc.ok and isinstance(doc.data, list) else []
    return [Metric(doc, row, (i,)) for i, row in enumerate(data) if isinstance(row, dict)]


def files(archive) -> dict[str, Document]:
    """month -> its metrics file, for every monthly file the archive holds (read once per check)."""
    if "figures.files" not in archive.memo:
        found = {}
        for path in sorted(archive.files):
            month = month_of(path)
            doc = archive.document(path) if month else None
            if doc is not None and doc.kind == "metrics":
                found[month] = doc
        archive.memo["figures.files"] = found
    return archive.memo["figures.files"]


def table(archive) -> dict[tuple[str, str], Metric]:
    """(account, file's month) -> the account's first row in that file."""
    if "figures.table" not in archive.memo:
        out: dict[tuple[str, str], Metric] = {}
        for month, doc in files(archive).items():
            for metric in rows(doc):
                if metric.account:
                    out.setdefault((metric.account, month), metric)
        archive.memo["figures.table"] = out
    return archive.memo["figures.table"]


def screenshot(archive, month: str, account: str) -> str | None:
    """The follower screenshot of an account for a month, if the archive has one."""
    for suffix in SHOT_SUFFIXES:
        path = f"{FOLDER}/{month}/{account}-followers{suffix}"
        if archive.exists(path):
            return path
    return None


def kept(archive) -> bool:
    """Whether this repository keeps monthly statistics at all: a monthly file exists, or the change
    being checked deletes one. Before its first file a repository is not judged for missing months
    (a new repository, a test archive); deleting the last one is caught by the change that does it."""
    return bool(files(archive)) or any(month_of(p) for p in archive.removed)


def published_months(archive) -> dict[str, set[str]]:
    """account -> the months (Shanghai) in which any post records a publication on it (read from
    `frequency.publications`, the one list of each account's publications)."""
    if "figures.published" not in archive.memo:
        archive.memo["figures.published"] = {
            account: {f"{p.day:%Y-%m}" for p in pubs} for account, pubs in frequency.publications(archive).items()
        }
    return archive.memo["figures.published"]


def closed_month(account) -> str | None:
    """The month an account was closed in (`status: closed` with a readable `status_since`, the day
    its status began — the accounts register's one date for it, WM415)."""
    if account.status != "closed" or account.since is None:
        return None
    return f"{account.since:%Y-%m}"


def due_months(archive, account) -> list[str]:
    """The months an account must have figures for: from its first month of activity (a publication or
    a row) through the last complete month before today; a closed account through the month it was
    closed (or, with no `status_since`, its last month of activity)."""
    active = set(published_months(archive).get(account.id, ()))
    active |= {month for (who, month) in table(archive) if who == account.id}
    if not active:
        return []
    last = clock.month_before(f"{clock.today():%Y-%m}")
    if account.text("status") == "closed":
        last = min(last, closed_month(account) or max(active))
    out, month = [], min(active)
    while month <= last:
        out.append(month)
        month = clock.month_after(month)
    return out
