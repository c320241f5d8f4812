"""Work done ahead, in a worker process, during a full check: signature verification, the post's
digest and the disclosure guard's scan of each document.

A full check of 10,000 reviewed posts verifies 30,000 signatures (about 3.7 s of OpenSSL's Ed25519),
computes 10,000 digests (about 0.6 s) and scans 10,000 documents for what must not be disclosed (about
2.6 s). These depend on nothing but the files (and the disclosure policy), so a worker process started before the checking process
reads anything reads the same files itself, last document first, and does both; the checking process
reads and parses everything, then goes through the documents from the first, takes each result the
worker already has — for the very bytes it read itself — and does the rest on its own. The two meet in
the middle and neither waits. Every result is what the checking process would compute (a test holds
the findings equal); nothing is kept between runs. Where processes cannot be forked (Windows, macOS's
default), or for a small check, everything happens in the checking process.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from wemedia import signatures
from wemedia.i18n import Text

if TYPE_CHECKING:
    from concurrent.futures import Future

MINIMUM = 300  # fewer documents than this are checked in one process (a worker costs ~20 ms)
CHUNK = 100  # documents per task: small enough that the checking process soon finds results ready

_archive = None  # the worker's own Archive of the same files
_in_worker = False


def _worker(root: str) -> None:
    global _archive, _in_worker
    from wemedia import archive

    _in_worker = True
    _archive = archive.open_archive(Path(root))


def _work(paths: list[str]) -> dict[str, tuple]:
    """For each document: the SHA-256 of the bytes read, the guard's hits, the verdict of each signed
    entry (by its place in the document and its signature) and, for a reviewed post, its digest."""
    from wemedia import digest, disclosure
    from wemedia.model import Post
    from wemedia.rules import trail

    out = {}
    for path in paths:
        doc = _archive.document(path)
        if doc is None:
            continue
        verdicts: dict[tuple, tuple[str, ...]] = {}
        written = None
        if doc.kind == "post" and doc.ok:
            post = Post(doc)
            for review in trail.signed_entries(post):
                place = (review.path, review.get("signature"))
                try:
                    verdicts[place] = ("ok", trail.verify_entry(post, review))
                except signatures.SignatureError as bad:
                    verdicts[place] = ("bad", bad.message.zh, bad.message.en, bad.code)
            if any(r.get("digest") is not None for r in post.reviews) or trail.signed_corrections(post):
                written = digest.post_digest(post, _archive)
        out[path] = (hashlib.sha256(doc.raw).hexdigest(), disclosure.scan_all(doc, _archive), verdicts, written)
    return out


class Pool:
    def __init__(self, root: Path, paths: list[str]):
        import multiprocessing  # ~20 ms with concurrent.futures: only a large check pays it
        from concurrent.futures import ProcessPoolExecutor

        self._executor = ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("fork"), initializer=_worker, initargs=(str(root),)
        )
        self._futures: dict[str, Future] = {}
        chunks = [paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)]
        for chunk in reversed(chunks):  # from the last document: the checking process starts at the first
            future = self._executor.submit(_work, chunk)
            self._futures.update(dict.fromkeys(chunk, future))
        self._digests: dict[str, str] = {}

    def _result(self, doc):
        """The worker's result for `doc` if it has it already, for the same bytes; else None, and the task
        is dropped if the worker has not started it (the checking process does that work itself)."""
        future = self._futures.get(doc.path)
        if future is None:
            return None
        if not future.done():
            future.cancel()
            return None
        try:
            result = future.result().get(doc.path)
        except Exception:  # cancelled, or a worker that could not start or died
            return None
        if result is None:
            return None
        if doc.path not in self._digests:
            self._digests[doc.path] = hashlib.sha256(doc.raw).hexdigest()
        return result if result[0] == self._digests[doc.path] else None  # changed in between: not ours

    def scan(self, doc):
        """The guard's hits of `doc`, or None when the worker has not computed them."""
        result = self._result(doc)
        return result[1] if result is not None else None

    def verify(self, post, review, compute) -> str:
        """What `compute(post, review)` (trail.verify_entry) returns or raises for a signed entry: the
        worker read the same bytes, so the same entry signs the same text."""
        result = self._result(post.doc)
        signature = review.get("signature")
        verdict = result[2].get((review.path, signature)) if result is not None and isinstance(signature, str) else None
        if verdict is None:
            return compute(post, review)
        if verdict[0] == "ok":
            return verdict[1]
        raise signatures.SignatureError(Text(verdict[1], verdict[2]), verdict[3])

    def digest(self, doc) -> str | None:
        """The digest of the post `doc` as the worker computed it, or None."""
        result = self._result(doc)
        return result[3] if result is not None else None

    def close(self) -> None:
        """Stop the worker now: what it is still computing is no longer wanted, and a worker left running
        past the end of the check writes into a pipe the exiting process has closed (an "Exception
        ignored" traceback on stderr, seen once at the end of a check of 2,000 posts)."""
        processes = list((getattr(self._executor, "_processes", None) or {}).values())
        self._executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=5)


def start(root: Path, paths: list[str]) -> Pool | None:
    """A worker for a full check of the documents at `paths` (in the order the engine visits them), or
    None for a small check, where processes cannot be forked, or inside a worker."""
    if _in_worker or len(paths) < MINIMUM:
        return None
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    try:
        return Pool(root, paths)
    except (OSError, ValueError):
        return None


def attach(archive, pool: Pool | None) -> None:
    """Let the rules of `archive`'s check use `pool`; the engine closes it when the check ends."""
    if pool is not None:
        archive.memo["ahead"] = pool
        archive.memo.setdefault("on_close", []).append(pool.close)


def of(archive) -> Pool | None:
    """The worker of this check, if any (never inside a worker)."""
    return None if _in_worker else archive.memo.get("ahead")
