"""Signatures verified ahead, in worker processes, while the check goes on.

A full check of 10,000 reviewed posts verifies 30,000 signatures: about 3.4 s of OpenSSL's Ed25519 at
~110 µs each, on top of the check's own work. Verification needs nothing but the signed text, which the
parsed front-matter gives, so once every selected post is read the signatures are handed, in the order
the engine will ask for them, to worker processes in chunks; the rule then asks for each result and
waits only if the workers have not reached it yet. The verdict is `signatures.verify`'s, computed in
another process: nothing is cached between runs, every check verifies every signature again.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor

from wemedia import signatures
from wemedia.i18n import Text

CHUNK = 400  # signatures per task: small enough that the first result comes early
MINIMUM = 300  # fewer signatures than this are verified in the process that asks (start-up ~20 ms)

Item = tuple[str, bytes, str]  # (armoured signature, signed text, namespace)


def _verify_chunk(items: list[Item]) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for armored, message, namespace in items:
        try:
            out.append(("ok", signatures.verify(armored, message, namespace)))
        except signatures.SignatureError as bad:
            out.append(("bad", bad.message.zh, bad.message.en))
    return out


class Pool:
    """Results of `signatures.verify` for `items`, computed ahead in worker processes."""

    def __init__(self, items: list[Item]):
        self._where: dict[Item, tuple[int, int]] = {}
        self._futures: list[Future] = []
        workers = max(1, min(4, (os.cpu_count() or 2) - 1))  # the checking process keeps a core
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self._executor = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        for start in range(0, len(items), CHUNK):
            chunk = items[start : start + CHUNK]
            self._futures.append(self._executor.submit(_verify_chunk, chunk))
            for j, item in enumerate(chunk):
                self._where.setdefault(item, (len(self._futures) - 1, j))

    def verify(self, armored: str, message: bytes, namespace: str) -> str:
        """What `signatures.verify(armored, message, namespace)` returns or raises."""
        at = self._where.get((armored, message, namespace))
        if at is None:
            return signatures.verify(armored, message, namespace)
        try:
            result = self._futures[at[0]].result()[at[1]]
        except Exception:  # a worker that could not start or died: verify here, the verdict is the same
            return signatures.verify(armored, message, namespace)
        if result[0] == "ok":
            return result[1]
        raise signatures.SignatureError(Text(result[1], result[2]))

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


def start(items: list[Item]) -> Pool | None:
    """A pool for `items`, or None when there are too few to be worth a process (or none can start)."""
    if len(items) < MINIMUM:
        return None
    try:
        return Pool(items)
    except (OSError, ValueError, NotImplementedError):
        return None
