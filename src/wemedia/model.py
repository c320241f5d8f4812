"""Typed views over loaded documents: what rules, the site and reports talk about.

Each view wraps its `Document`, so every value can still say where it came from (`where`).
Accessors return plain values and never raise on data the schema rejected: rules run on broken
files too, and must not crash on them.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from posixpath import dirname, join, normpath

from wemedia import body, clock
from wemedia.body import MediaRef
from wemedia.documents import Document

__all__ = ["Account", "Library", "MediaRef", "Person", "Post", "View", "items", "mapping", "missing", "text"]


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
    @property
    def roles(self) -> list[str]:
        roles = self.get("roles", [])
        return [r for r in roles if isinstance(r, str)] if isinstance(roles, list) else []

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

    def key_valid_on(self, key: str, day: date) -> bool:
        """Whether the public key `key` (`ssh-ed25519 AAAA…`; a trailing comment is ignored) is one of
        this person's `keys` and valid on `day`: from `valid_from` through `valid_until`, both included.
        `valid_from` is required: a key without a readable one is never valid."""
        wanted = _key_material(key)
        keys = self.get("keys", [])
        for entry in keys if isinstance(keys, list) and wanted else ():
            if not isinstance(entry, dict) or _key_material(entry.get("key")) != wanted:
                continue
            if entry.get("valid_from") is not None and _within(day, entry.get("valid_from"), entry.get("valid_until")):
                return True
        return False


def _within(day: date, start: object, end: object) -> bool:
    """`start <= day <= end` for dates as the data writes them; an absent end is open, an unreadable one fails."""
    for bound, inside in ((start, lambda d: d <= day), (end, lambda d: day <= d)):
        if bound is None:
            continue
        parsed = clock.day_of(bound)
        if parsed is None or not inside(parsed):
            return False
    return True


def _key_material(key: object) -> tuple[str, str] | None:
    """(type, base64) of an OpenSSH public key line, without its comment."""
    parts = key.split() if isinstance(key, str) else []
    return (parts[0], parts[1]) if len(parts) >= 2 else None


class Account(View):
    pass


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
