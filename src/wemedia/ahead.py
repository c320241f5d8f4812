"""Work done ahead, in a worker process, while the check goes on: signature verification and the
disclosure guard's scan of each document.

A full check of 10,000 reviewed posts verifies 30,000 signatures (about 3.7 s of OpenSSL's Ed25519)
and scans 10,000 documents for what must not be disclosed (about 2.6 s); both are pure functions of
documents already read. Once the engine has read every selected document, they are handed to worker
processes forked from the checking process (each holds the same Archive, read once), last document
first; the rules go from the first, take each result the workers already have, and do the rest
themselves — so the two meet in the middle and nobody waits. Every result is what the checking process would have computed (a test
holds this); nothing is kept between runs. Where processes cannot be forked (Windows, macOS's default),
or for a small check, everything is computed in the checking process, as before.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor

from wemedia import signatures
from wemedia.i18n import Text

MINIMUM = 300  # fewer selected documents than this are checked in one process (a worker costs ~20 ms)
SCAN_CHUNK = 150  # documents per task, and signatures per task: small enough that results come early
VERIFY_CHUNK = 450

Item = tuple[str, bytes, str]  # (armoured signature, signed text, namespace)

_archive = None  # the Archive a forked worker inherits
_in_worker = False


def _worker() -> None:
    global _in_worker
    _in_worker = True


def _scan_chunk(paths: list[str]) -> list:
    from wemedia import disclosure

    return [disclosure.scan_all(_archive.documents[path], _archive) for path in paths]


def _verify_chunk(items: list[Item]) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for armored, message, namespace in items:
        try:
            out.append(("ok", signatures.verify(armored, message, namespace)))
        except signatures.SignatureError as bad:
            out.append(("bad", bad.message.zh, bad.message.en))
    return out


class Pool:
    def __init__(self, archive, paths: list[str], items: list[Item]):
        global _archive
        _archive = archive  # before the first task forks the workers: they inherit it
        # The collector of a forked worker would walk, and so copy, every object the check has read:
        # frozen, they are left alone (undone in `close`).
        gc.freeze()
        workers = max(1, min(4, (os.cpu_count() or 2) - 1))  # the checking process keeps a core
        self._executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("fork"), initializer=_worker
        )
        self._scans: dict[str, tuple[Future, int]] = {}
        self._verdicts: dict[Item, tuple[Future, int]] = {}
        scans = [paths[i : i + SCAN_CHUNK] for i in range(0, len(paths), SCAN_CHUNK)]
        checks = [items[i : i + VERIFY_CHUNK] for i in range(0, len(items), VERIFY_CHUNK)]
        # From the last document backwards, the two kinds interleaved: the checking process goes forwards
        # and does itself what the worker has not finished, so the two meet in the middle, neither waiting.
        for n in reversed(range(max(len(scans), len(checks)))):
            if n < len(scans):
                future = self._executor.submit(_scan_chunk, scans[n])
                self._scans.update({path: (future, j) for j, path in enumerate(scans[n])})
            if n < len(checks):
                future = self._executor.submit(_verify_chunk, checks[n])
                for j, item in enumerate(checks[n]):
                    self._verdicts.setdefault(item, (future, j))

    @staticmethod
    def _ready(at: tuple[Future, int] | None):
        """The result at `at` if the worker has it already; else None, and the task is dropped if the
        worker has not started it (the checking process does that work itself, now)."""
        if at is None:
            return None
        future, j = at
        if not future.done():
            future.cancel()
            return None
        try:
            return future.result()[j]
        except Exception:  # cancelled, or a worker that could not start or died: the caller does it here
            return None

    def scan(self, path: str):
        """The guard's hits of the document at `path`, or None when the worker has not computed them."""
        return self._ready(self._scans.get(path))

    def verify(self, armored: str, message: bytes, namespace: str) -> str:
        """What `signatures.verify(armored, message, namespace)` returns or raises."""
        result = self._ready(self._verdicts.get((armored, message, namespace)))
        if result is None:
            return signatures.verify(armored, message, namespace)
        if result[0] == "ok":
            return result[1]
        raise signatures.SignatureError(Text(result[1], result[2]))

    def close(self) -> None:
        global _archive
        self._executor.shutdown(wait=False, cancel_futures=True)
        _archive = None
        gc.unfreeze()


def start(archive, paths: list[str], items: list[Item]) -> Pool | None:
    """A pool for the selected documents at `paths` and the signatures `items`, or None when the
    check is small, processes cannot be forked here, or we are a worker already."""
    if _in_worker or len(paths) < MINIMUM or "fork" not in multiprocessing.get_all_start_methods():
        return None
    try:
        return Pool(archive, paths, items)
    except (OSError, ValueError):
        return None


def of(archive) -> Pool | None:
    """The pool the engine started for this check, if any (never inside a worker)."""
    return None if _in_worker else archive.memo.get("ahead")
