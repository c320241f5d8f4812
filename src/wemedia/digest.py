"""The digest of a post: exactly what a review attests, as one `sha256:<hex>` (README, "Digest").

The digest is the SHA-256 of a short line-oriented manifest. It is canonical: how the YAML is laid
out (key order, flow or block style, quoting, comments), trailing spaces, CRLF or LF and a BOM do not
change it; any change of meaning does — a value, a word of the body, a per-platform version file, the
bytes of an asset or evidence file. The workflow fields filled in around review (`reviews`, `status`,
`corrections`, and each channel's `published` and `url`) are left out: signing a review or recording a
publication must not change what the review signed.

The manifest reads values from the `Document` the archive already parsed (nothing is parsed twice) and
is kept per post in the archive's `memo`, with every file's hash, so a full check that asks for it from
several rules, and for posts sharing an image, hashes each file once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from wemedia import documents
from wemedia.documents import Document
from wemedia.textfile import MAX_BYTES, decode

if TYPE_CHECKING:
    from wemedia.archive import Archive
    from wemedia.model import Post

HEADER = "wemedia-digest v1"
WORKFLOW = ("reviews", "status", "corrections")  # front-matter fields left out of the digest
CHANNEL_WORKFLOW = ("published", "url")  # fields of each `channels[]` item left out

__all__ = [
    "CHANNEL_WORKFLOW",
    "HEADER",
    "WORKFLOW",
    "Files",
    "canonical_json",
    "canonical_text",
    "content_fields",
    "covered_files",
    "manifest",
    "manifest_with",
    "post_digest",
    "version_paths",
]


def canonical_text(text: str) -> str:
    """Text as the digest reads it: CRLF and CR become LF, spaces and tabs at the end of every line are
    dropped, and so are blank lines at the start and at the end. Nothing else changes (indentation,
    blank lines inside, full-width characters, Unicode normal form)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [line.rstrip(" \t") for line in lines]
    start, end = 0, len(lines)
    while start < end and not lines[start]:
        start += 1
    while end > start and not lines[end - 1]:
        end -= 1
    return "\n".join(lines[start:end])


def _plain(value: object) -> object:
    """A value of the data as JSON can hold it: every string canonical (`canonical_text`), dates and
    times as ISO 8601 text (a time keeps its offset). Our YAML reader keeps dates as the text written,
    so `2026-09-01` and `"2026-09-01"` are the same string; a `datetime` appears only from other loaders."""
    kind = type(value)
    if kind is str:  # most values are one line: the same result as canonical_text, faster
        return value.rstrip(" \t") if "\n" not in value and "\r" not in value else canonical_text(value)
    if kind is dict:
        return {k if type(k) is str else str(k): _plain(v) for k, v in value.items()}
    if kind is list:
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return canonical_text(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date | dt.time):  # datetime is a date: isoformat() keeps "+08:00"
        return value.isoformat()
    return value  # int, float, bool, None


def _iso(value: object) -> str:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    raise TypeError(type(value).__name__)


# In compact JSON these appear only where a string holds a line end or a tab (escaped) or ends in a space.
_SUSPECT = ("\\n", "\\r", "\\t", ' "')


def canonical_json(value: object) -> str:
    """Canonical JSON: keys sorted by code point, no spaces, non-ASCII written as itself, every string
    canonical (`canonical_text`). Most front-matter has no string to change: the C encoder's output,
    checked for any sign of one, is then the answer without walking the data in Python."""
    try:
        fast = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_iso)
    except (TypeError, ValueError):
        fast = None
    if fast is not None and not any(sign in fast for sign in _SUSPECT):
        return fast
    return json.dumps(_plain(value), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def content_fields(data: object) -> object:
    """The front-matter without its workflow fields: what a review attests."""
    if not isinstance(data, dict):
        return data
    out = {k: v for k, v in data.items() if k not in WORKFLOW}
    channels = out.get("channels")
    if isinstance(channels, list):
        out["channels"] = [
            {k: v for k, v in c.items() if k not in CHANNEL_WORKFLOW} if isinstance(c, dict) else c for c in channels
        ]
    return out


def _sha(text: str | bytes) -> str:
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


def _quoted(path: str) -> str:
    return json.dumps(path, ensure_ascii=False)


def version_paths(post: Post) -> list[str]:
    """The per-platform version files the post's channels name (`channels[].file`), sorted, each once."""
    return sorted({path for _, path in post.variants if path != post.doc.path})


def covered_files(post: Post) -> list[str]:
    """The repository paths of every file whose bytes the digest covers: `assets[].file`,
    `assets[].permission` and `source.authorization.evidence`, sorted, each once."""
    named: set[str] = set()
    for _, asset in post.list_of("assets"):
        for key in ("file", "permission"):
            value = asset.get(key)
            if isinstance(value, str) and value:
                named.add(post.resolve(value))
    source = post.get("source")
    authorization = source.get("authorization") if isinstance(source, dict) else None
    evidence = authorization.get("evidence") if isinstance(authorization, dict) else None
    if isinstance(evidence, str) and evidence:
        named.add(post.resolve(evidence))
    return sorted(named)


def version_entry(doc: Document | None = None, raw: bytes | None = None) -> str:
    """The manifest's word for a version file: `sha256:<hex>` of its canonical front-matter and body,
    from a parsed `doc` when there is one, else from its `raw` bytes; `bytes sha256:<hex>` when it is not
    readable text (not UTF-8, or over 1 MiB); `missing` when it is not there."""
    if doc is not None and doc.text is not None:
        text = doc.text
        data = doc.data if doc.ok and doc.yaml_text is not None else None
        body = doc.body
    elif raw is None:
        return "missing"
    else:
        decoded = decode(raw).text if len(raw) <= MAX_BYTES else None
        if decoded is None:
            return f"bytes sha256:{_sha(raw)}"
        parsed = documents.from_text("version", "variant", decoded)
        text, data, body = decoded, parsed.data if parsed.ok and parsed.yaml_text is not None else None, parsed.body
    if not isinstance(data, dict):  # no front-matter, or one that does not read as a mapping: all is text
        return f"sha256:{_sha('null' + chr(10) + canonical_text(text))}"
    return f"sha256:{_sha(canonical_json(content_fields(data)) + chr(10) + canonical_text(body))}"


class Files:
    """Where a manifest gets the files it covers: the archive as it is (`current`), or a commit's view
    of it (`wemedia.history`). `file_hash` is the SHA-256 hex of a file's bytes (None: missing);
    `version` the manifest's word for a version file (`version_entry`). Both are cached."""

    def __init__(self, file_hash: Callable[[str], str | None], version: Callable[[str], str]):
        self._file_hash, self._version = file_hash, version
        self.hashes: dict[str, str | None] = {}
        self.versions: dict[str, str] = {}
        self.manifests: dict[str, tuple[Document, bytes]] = {}

    def file_hash(self, path: str) -> str | None:
        if path not in self.hashes:
            self.hashes[path] = self._file_hash(path)
        return self.hashes[path]

    def version(self, path: str) -> str:
        if path not in self.versions:
            self.versions[path] = self._version(path)
        return self.versions[path]

    @classmethod
    def current(cls, archive: Archive) -> Files:
        """The archive as it is, made once per archive (kept in its `memo`)."""
        files = archive.memo.get("digest.files")
        if files is None:

            def file_hash(path: str) -> str | None:
                data = archive.read_bytes(path)
                return None if data is None else _sha(data)

            def version(path: str) -> str:
                doc = archive.documents.get(path)  # already parsed (as a post or a version): not again
                if doc is not None and doc.kind in ("post", "variant") and doc.text is not None:
                    return version_entry(doc)
                return version_entry(raw=archive.read_bytes(path))

            files = archive.memo["digest.files"] = cls(file_hash, version)
        return files


def _lines(post: Post, files: Files) -> Iterator[str]:
    yield HEADER
    yield f"front-matter sha256:{_sha(canonical_json(content_fields(post.data)))}"
    yield f"body sha256:{_sha(canonical_text(post.doc.body))}"
    for path in version_paths(post):
        yield f"version {_quoted(path)} {files.version(path)}"
    for path in covered_files(post):
        found = files.file_hash(path)
        yield f"file {_quoted(path)} {'missing' if found is None else 'sha256:' + found}"


def manifest_with(post: Post, files: Files) -> bytes:
    """The manifest of `post` with its files read through `files` (cached per post document)."""
    cached = files.manifests.get(post.doc.path)
    if cached is not None and cached[0] is post.doc:
        return cached[1]
    text = ("\n".join(_lines(post, files)) + "\n").encode("utf-8")
    files.manifests[post.doc.path] = (post.doc, text)
    return text


def manifest(post: Post, archive: Archive) -> bytes:
    """The exact text the digest hashes (UTF-8, LF, ends with LF); the README defines it."""
    return manifest_with(post, Files.current(archive))


def post_digest(post: Post, archive: Archive) -> str:
    """`sha256:<64 hex>` of the post's manifest: what a review signs."""
    return "sha256:" + _sha(manifest(post, archive))
