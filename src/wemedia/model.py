"""Typed views over loaded documents: what rules, the site and reports talk about.

Each view wraps its `Document`, so every value can still say where it came from (`where`).
Accessors return plain values and never raise on data the schema rejected: rules run on broken
files too, and must not crash on them.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cached_property, lru_cache
from posixpath import dirname, join, normpath

from wemedia import body, clock, labels
from wemedia.body import MediaRef
from wemedia.documents import Document

__all__ = [
    "PUBLISHED",
    "RELEASED",
    "Account",
    "Library",
    "MediaRef",
    "Message",
    "Person",
    "Post",
    "Review",
    "Survey",
    "Target",
    "View",
    "items",
    "mapping",
    "missing",
    "text",
]


def text(mapping: object, key: str) -> str | None:
    """`mapping[key]` when it is text, else None. Every lookup keyed by a value from the data (an id,
    a status, a stage) goes through here: data the schema rejects may hold a list where text belongs."""
    value = mapping.get(key) if isinstance(mapping, dict) else None
    return value if isinstance(value, str) else None


def mapping(parent: object, key: str) -> dict:
    """`parent[key]` when it is a mapping, else an empty one."""
    value = parent.get(key) if isinstance(parent, dict) else None
    return value if isinstance(value, dict) else {}


def missing(record: dict, required: tuple[str, ...], any_of: tuple[str, ...] = ()) -> list[str]:
    """The fields of `required` that `record` lacks (absent or empty), then `a / b` if it has none of
    `any_of`: what a record of origin, authorisation, verification or rights still needs."""
    lacking = [f for f in required if not record.get(f)]
    if any_of and not any(record.get(f) for f in any_of):
        lacking.append(" / ".join(any_of))
    return lacking


class View:
    def __init__(self, doc: Document, data: dict, path: tuple):
        self.doc, self.data, self.path = doc, data, path

    def get(self, key: str, default=None):
        value = self.data.get(key, default) if isinstance(self.data, dict) else default
        return default if value is None else value

    def where(self, *sub, key: bool = False) -> tuple[int, int]:
        return self.doc.where(self.path + sub, key=key)

    def text(self, key: str) -> str | None:
        return text(self.data, key)

    @property
    def id(self) -> str | None:
        return self.text("id")


class Library(View):
    pass


class Person(View):
    """One entry of the team register. `roles` items come in two forms, mixed freely:

    - short, `reviewer`: that role at the person's own `library`, throughout their `active` period;
    - dated, `{role: manager, library: qingxi, from: 2026-10-01, until: 2026-12-31}`: that role at
      `library` (default: the person's own) from `from` through `until` (both included, an absent
      `until` is open), and only while the person is `active` too.

    Whether someone may review or sign off is always asked for a day — `holds(role, library, day)` —
    so handing a role over on a date rewrites nothing that was done before it."""

    @property
    def roles(self) -> list[str]:
        """Every role this entry names, in either form, at any library and any time, in the order
        written: what the register says the person does or did (listings, "is manager a role here at
        all"). Whether they held it on a given day is `holds` / `roles_on`."""
        out: list[str] = []
        for role, _, _, _ in self._role_entries():
            if role not in out:
                out.append(role)
        return out

    @cached_property
    def _role_items(self) -> list[tuple[str, str | None, object, object]]:
        return self._read_roles()

    def _role_entries(self) -> list[tuple[str, str | None, object, object]]:
        return self._role_items

    def _read_roles(self) -> list[tuple[str, str | None, object, object]]:
        """(role, library, from, until) of each readable `roles` item. A short item runs without dates
        of its own (None, None: the `active` period alone bounds it). A dated item without a `from`
        gets the marker `_NO_DATE`, which no day is within, and a library that is not text (absent for
        a short item when the person has none) is None: an entry the schema rejects grants nothing."""
        roles = self.get("roles", [])
        home = self.text("library")
        out = []
        for item in roles if isinstance(roles, list) else ():
            if isinstance(item, str):
                out.append((item, home, None, None))
            elif isinstance(item, dict) and isinstance(item.get("role"), str):
                library = item.get("library", home)
                start = item.get("from")
                out.append(
                    (
                        item["role"],
                        library if isinstance(library, str) else None,
                        _NO_DATE if start is None else start,
                        item.get("until"),
                    )
                )
        return out

    def holds(self, role: str, library: str | None, day: date) -> bool:
        """Whether this person held `role` at `library` (None: at any library) on `day`: some `roles`
        item grants it there, its own dates include the day (both ends count) and the person is
        `active` that day. A date that cannot be read counts as not held."""
        return role in self.roles_on(day, library)

    def roles_on(self, day: date, library: str | None = None) -> set[str]:
        """The roles this person held on `day` at `library` (None: at any library)."""
        memo = self.__dict__.setdefault("_roles_on", {})  # a register is read once; days repeat a lot
        key = (day, library)
        if key not in memo:
            memo[key] = self._held(day, library)
        return memo[key]

    def _held(self, day: date, library: str | None) -> set[str]:
        if not self.active_on(day):
            return set()
        return {
            role
            for role, where, start, end in self._role_entries()
            if where is not None and library in (None, where) and _within(day, start, end)
        }

    @property
    def libraries(self) -> set[str]:
        """Every library this person has any role at, at any time (their own one for short roles)."""
        return {where for _, where, _, _ in self._role_entries() if where is not None}

    @property
    def active_period(self) -> tuple[str | None, str | None]:
        """`active.from` and `active.until` as written (text), for messages."""
        period = mapping(self.data, "active")
        return text(period, "from"), text(period, "until")

    def active_on(self, day: date) -> bool:
        """Whether this person is in post on `day`: the one meaning of "active" every rule uses.

        Both ends count (`until: 2026-06-30` is still in post that day); an end left out is open, and
        no `active` at all means in post throughout. An end that is not a date (the schema reports
        it) cannot show the person was in post, so it counts as not active."""
        period = mapping(self.data, "active")
        return _within(day, period.get("from"), period.get("until"))

    @cached_property
    def key_materials(self) -> list[str]:
        """Each registered public key as "type base64", without its comment: what a signature names."""
        keys = self.get("keys", [])
        found = (key_material(e.get("key")) for e in keys if isinstance(e, dict)) if isinstance(keys, list) else ()
        return [" ".join(k) for k in found if k]

    def key_valid_on(self, key: str, day: date) -> bool:
        """Whether the public key `key` (`ssh-ed25519 AAAA…`; a trailing comment is ignored) is one of
        this person's `keys` and valid on `day`: from `valid_from` through `valid_until`, both included.
        `valid_from` is required: a key without a readable one is never valid."""
        wanted = key_material(key)
        if wanted is None:
            return False
        known = self._key_days.get((wanted, day))
        if known is None:  # asked for each signature of a full check: answered once per key and day
            known = self._key_days[(wanted, day)] = any(
                isinstance(entry, dict)
                and key_material(entry.get("key")) == wanted
                and entry.get("valid_from") is not None
                and _within(day, entry.get("valid_from"), entry.get("valid_until"))
                for entry in (self.get("keys", []) if isinstance(self.get("keys", []), list) else ())
            )
        return known

    @cached_property
    def _key_days(self) -> dict:
        return {}

    def keys_on(self, day: date) -> list[str]:
        """This person's public keys valid on `day`, as `type base64` (no comment: what a verified
        signature names), in the order written, each once."""
        keys = self.get("keys", [])
        out: list[str] = []
        for entry in keys if isinstance(keys, list) else ():
            material = key_material(entry.get("key")) if isinstance(entry, dict) else None
            if material is not None and " ".join(material) not in out and self.key_valid_on(entry["key"], day):
                out.append(" ".join(material))
        return out


_NO_DATE = object()  # a dated role without `from`: within no period


def _within(day: date, start: object, end: object) -> bool:
    """`start <= day <= end` for dates as the data writes them; an absent (None) end is open, an
    unreadable one fails."""
    for bound, inside in ((start, lambda d: d <= day), (end, lambda d: day <= d)):
        if bound is None:
            continue
        parsed = clock.day_of(bound)
        if parsed is None or not inside(parsed):
            return False
    return True


def key_material(key: object) -> tuple[str, str] | None:
    """(type, base64) of an OpenSSH public key line, without its comment."""
    parts = key.split() if isinstance(key, str) else []
    return (parts[0], parts[1]) if len(parts) >= 2 else None


@lru_cache(maxsize=4096)
def _folded(value: str) -> str:
    from wemedia.normalize import compact

    return _NOT_A_LETTER.sub("", compact(value))


_NOT_A_LETTER = re.compile(r"[\W_]+")  # punctuation, symbols and spaces: “古籍部。” is “古籍部”


def folded_name(value: object) -> str:
    """A name or note as two entries of the team register are compared (WM013, "the same person" of the
    review rules): the disclosure guard's normalisation (NFKC, invisible characters, case, traditional →
    simplified) without any space, punctuation or symbol; "" for what is not text."""
    return _folded(value) if isinstance(value, str) else ""


def same_person(a: Person | None, b: Person | None) -> bool:
    """Whether two register entries stand for one person: the same id, a shared public key, or the same
    name with no note that tells them apart (WM013 reports such a register; reviews judge by this)."""
    if a is None or b is None:
        return False
    if a.id == b.id or set(a.key_materials) & set(b.key_materials):
        return True
    if not folded_name(a.get("name")) or folded_name(a.get("name")) != folded_name(b.get("name")):
        return False
    return not told_apart(a.get("note"), b.get("note"))


def told_apart(note: object, other: object) -> bool:
    """Whether the notes of two namesakes tell them apart: both written, and different once folded."""
    a, b = folded_name(note), folded_name(other)
    return bool(a) and bool(b) and a != b


class Account(View):
    """One entry of the accounts register (4.3, 5.2). `status` is the current status and `status_since`
    the day it began; before that day the account is taken to have been operating (`active`)."""

    @property
    def shown(self) -> str:
        """How people tell accounts apart — 微博·南湖市图书馆 (platform · name): several accounts of one
        library share its name. The site and the reports name accounts so."""
        return f"{labels.label('account.platform', self.text('platform'))}·{self.get('name') or self.id}"

    @property
    def status(self) -> str | None:
        return self.text("status")

    @property
    def since(self) -> date | None:
        """`status_since` as a day (None when absent or unreadable)."""
        return clock.day_of(self.get("status_since"))

    def stopped_on(self, day: date) -> bool:
        """Whether the account was suspended or closed on `day` by its dated status: only a status with
        a readable `status_since` on or before the day says so (one without a date is WM415's)."""
        return self.status in ("suspended", "closed") and self.since is not None and self.since <= day

    def operating_on(self, day: date) -> bool:
        """Whether the account was running on `day`: active now, or stopped only after that day."""
        return self.status == "active" or (
            self.status in ("suspended", "closed") and self.since is not None and day < self.since
        )

    @property
    def expires(self) -> date | None:
        """The day its official verification expires (valid through that day), when it is verified."""
        verification = mapping(self.data, "verification")
        return clock.day_of(verification.get("expires")) if verification.get("verified") is True else None


class Series(View):
    """A declared series (content/series.yml, 5.3.1 b): title, library, planned cadence, start, end."""

    @property
    def cadence(self) -> int | None:
        days = self.get("cadence_days")
        return days if isinstance(days, int) and not isinstance(days, bool) and days > 0 else None


RELEASED = ("approved", "published", "corrected", "withdrawn")
PUBLISHED = ("published", "corrected", "withdrawn")  # statuses that say the post went out


class Review(View):
    """One entry of a post's `reviews` (or a signed entry of `corrections`): who attested what, when,
    over which digest, with which signature."""

    @property
    def stage(self) -> str | None:
        return self.text("stage")

    @property
    def reviewer(self) -> str | None:
        return self.text("reviewer")

    @property
    def at(self) -> str | None:
        return self.text("at")

    @property
    def moment(self) -> datetime | None:
        return clock.moment_of(self.get("at"))

    @property
    def day(self) -> date | None:
        return clock.day_of(self.get("at"))

    @property
    def checks(self) -> list[str]:
        checks = self.get("checks", [])
        return [c for c in checks if isinstance(c, str)] if isinstance(checks, list) else []


class Message(View):
    """One entry of a month's message log (`content/messages/YYYY-MM.yml`, 5.4 and 5.5.2). `received`
    and `replied` are moments with their zone (a time without one is Shanghai time, as everywhere);
    `actions` is `action` as a list whichever way it is written."""

    MODERATED = ("spam", "advertising", "abuse", "illegal")  # comments dealt with under 5.5.2

    @property
    def kind(self) -> str | None:
        return self.text("kind")

    @property
    def received(self) -> datetime | None:
        return clock.moment_of(self.get("received"))

    @property
    def replied(self) -> datetime | None:
        return clock.moment_of(self.get("replied"))

    @property
    def actions(self) -> list[str]:
        value = self.get("action")
        values = value if isinstance(value, list) else [value]
        return [v for v in values if isinstance(v, str) and v.strip()]

    @property
    def label(self) -> str:
        """How messages name the entry: its id, or its place in the list when it has none."""
        return self.id or f"#{self.path[-1] + 1}"


class Metric(View):
    """One account's figures for one month (a row of `content/metrics/YYYY-MM.csv`, 5.6.1). A figure
    the platform did not give is None — missing, never zero."""

    FIGURES = (
        "followers_total",
        "followers_new",
        "followers_lost",
        "followers_net",
        "items",
        "reads",
        "shares",
        "likes",
        "comments",
        "favourites",
    )

    @property
    def account(self) -> str | None:
        return self.text("account")

    @property
    def month(self) -> str | None:
        return self.text("month")

    def figure(self, name: str) -> int | None:
        value = self.get(name)
        return value if isinstance(value, int) and not isinstance(value, bool) else None


def _count(value: object) -> int | None:
    """A whole number as the data writes it, else None (a boolean is not a count)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class Target(View):
    """One entry of a year's targets (`content/targets/YYYY.yml`, 6.1): a library's or an account's
    items, reads and year-end followers. A figure not set is None — no target, never zero."""

    FIGURES = ("items", "reads", "followers")

    @property
    def library(self) -> str | None:
        return self.text("library")

    @property
    def account(self) -> str | None:
        return self.text("account")

    def figure(self, name: str) -> int | None:
        return _count(self.get(name))


class Survey(View):
    """One satisfaction survey (`content/surveys/*.yml`, 6.2): when, whose, how many answered, the
    results and the adjustments decided after it."""

    @property
    def library(self) -> str | None:
        return self.text("library")

    @property
    def day(self) -> date | None:
        return clock.day_of(self.get("date"))

    @property
    def respondents(self) -> int | None:
        return _count(self.get("respondents"))

    @property
    def results(self) -> dict:
        return mapping(self.data, "results")

    @property
    def adjustments(self) -> list[str]:
        values = self.get("adjustments", [])
        return [v.strip() for v in values if isinstance(v, str) and v.strip()] if isinstance(values, list) else []


def items(doc: Document, key: str, cls):
    """The list under `key` of a register document, each item wrapped in `cls`."""
    data = doc.data if isinstance(doc.data, dict) else {}
    values = data.get(key)
    if not isinstance(values, list):
        return []
    return [cls(doc, v, (key, i)) for i, v in enumerate(values) if isinstance(v, dict)]


class Post(View):
    def __init__(self, doc: Document):
        super().__init__(doc, doc.data if isinstance(doc.data, dict) else {}, ())

    @property
    def id(self) -> str:
        """The post's stable id: its path under content/posts without the suffix."""
        return self.doc.path.removeprefix("content/posts/").removesuffix(".md")

    @property
    def title(self) -> str:
        return str(self.get("title", self.id))

    @property
    def status(self) -> str | None:
        return self.text("status")

    @property
    def released(self) -> bool:
        """Whether this post has left the review desk: its status says so, or any channel already
        carries a publication time or URL (a `status: draft` does not hide a publication)."""
        return self.status in RELEASED or self.published

    @property
    def published(self) -> bool:
        """Whether this post went out: its status says so, or any channel carries a publication time or
        URL. A post that is only `approved` (signed off, not yet out) is released but not published."""
        return self.status in PUBLISHED or any(c.get("published") or c.get("url") for _, c in self.list_of("channels"))

    @cached_property
    def first_published(self) -> datetime | None:
        """The earliest publication time any channel records (None when none is readable)."""
        moments = [clock.moment_of(c.get("published")) for _, c in self.list_of("channels")]
        return min((m for m in moments if m is not None), default=None)

    @property
    def series_id(self) -> str | None:
        """The series the post joins: `series: id` or `series: {id: …, position: N}`."""
        value = self.get("series")
        return text(value, "id") if isinstance(value, dict) else value if isinstance(value, str) else None

    @property
    def series_position(self) -> int | None:
        value = self.get("series")
        position = value.get("position") if isinstance(value, dict) else None
        return position if isinstance(position, int) and not isinstance(position, bool) else None

    @cached_property
    def reviews(self) -> tuple[Review, ...]:
        """Every entry of `reviews` (each judged, not only the last of a stage), in the order written;
        read once per post, though every trail rule asks."""
        return tuple(Review(self.doc, entry, ("reviews", i)) for i, entry in self.list_of("reviews"))

    def list_of(self, key: str) -> list[tuple[int, dict]]:
        """(index, item) of each mapping in the front-matter list `key`."""
        values = self.get(key, [])
        return [(i, v) for i, v in enumerate(values) if isinstance(v, dict)] if isinstance(values, list) else []

    def resolve(self, relative: str) -> str:
        """A path written in this post (relative to its folder, or from content/) as repository path."""
        if relative.startswith("content/"):
            return normpath(relative)
        return normpath(join(dirname(self.doc.path), relative))

    @cached_property
    def media(self) -> list[MediaRef]:
        """Every medium and linked file the body uses, from one CommonMark + HTML parse (`body`)."""
        return body.media(self.doc.body, self.doc.body_line)

    @property
    def variants(self) -> list[tuple[int, str]]:
        """(channel index, repository path) of each per-platform version file the channels name."""
        return [(i, self.resolve(c["file"])) for i, c in self.list_of("channels") if isinstance(c.get("file"), str)]
