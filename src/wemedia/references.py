"""Which documents refer to a file: how a deletion or a rename is checked.

pre-commit and `--base` see a removed file only as a name — there is nothing left to check in it.
What breaks is whatever refers to it: a post whose image, evidence scan or per-platform version is
gone, an account whose QR code is gone. `referrers` finds those documents, so the rules that report
a missing file (WM211, WM202, WM012) run on them in the same commit, not at the next full check.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from posixpath import dirname, join, normpath
from typing import TYPE_CHECKING

from wemedia import body
from wemedia.documents import Document

if TYPE_CHECKING:
    from wemedia.archive import Archive

CONTENT = "content/"


def resolve(doc: Document, written: str) -> str:
    """A path written in `doc` as a repository path: from the repository when it starts with
    `content/`, else relative to the document's folder (for the registers that is content/ itself),
    as WM012 and `Post.resolve` read it."""
    if written.startswith(CONTENT):
        return normpath(written)
    return normpath(join(dirname(doc.path), written))


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _named(doc: Document) -> Iterator[str]:
    """The repository paths the document names: every text value of its data that could be a path,
    then (posts and versions) the body's media, relative to the document as a browser reads them."""
    for value in _strings(doc.data):
        if value and "://" not in value and "\n" not in value:
            yield resolve(doc, value)
    if doc.kind in ("post", "variant") and doc.ok:
        for ref in body.media(doc.body, doc.body_line):
            if not (ref.external or ref.embedded or ref.via == "tag"):
                yield normpath(join(dirname(doc.path), ref.path))


def referrers(archive: Archive, removed: Iterable[str]) -> set[str]:
    """The paths of the documents in `archive` that name any of the `removed` repository paths.

    Every document of the archive is read for this: a deletion is rare, and anything may name it."""
    gone = set(removed)
    if not gone:
        return set()
    docs = [d for d in (archive.document(p) for p in sorted(archive.files)) if d is not None]
    return {doc.path for doc in docs if any(path in gone for path in _named(doc))}
