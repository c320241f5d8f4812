"""The guard's normalisation and term matching for one large text, a whole array at a time (numpy).

`normalize.normalize` walks a text character by character at ~30 MB/s, which is what a post of a
few kilobytes needs. A long text (a year's message log, a transcript, a survey export of megabytes)
is worth the ~75 ms numpy import once: table lookups over the whole text give the same result, the
same characters and the same original offset for every one of them (tests compare both paths on
hostile texts), several times faster. A character outside the tables (a supplementary-plane
character) or whose form is longer than one character goes back to the careful path: `None`.
"""

from __future__ import annotations

import re
from functools import cache

# Texts from this many characters take this path; shorter ones are faster without numpy.
LARGE = 200_000
_SIZE = 0x32400  # the tables cover the BMP and the supplementary ideographic planes up to CJK extension H


# Bits of a character's class, of its folded form: one lookup answers every question about it.
_AWAY, _HIDDEN, _GAP, _CJK = 1, 2, 4, 8  # _AWAY: a longer form, or one beyond the tables


@cache
def _tables():
    """(folded code point, class bits) indexed by code point, from normalize's own definitions."""
    import numpy as np

    from wemedia import normalize

    lut = np.arange(_SIZE, dtype=np.uint32)
    away = np.zeros(_SIZE, dtype=bool)
    for code, form in normalize._fused().items():
        if code < _SIZE:
            if len(form) == 1 and ord(form) < _SIZE:
                lut[code] = ord(form)
            else:
                away[code] = True
    every = "".join(map(chr, range(_SIZE)))

    def marks(pattern: str) -> np.ndarray:
        found = np.zeros(_SIZE, dtype=bool)
        found[[m.start() for m in re.finditer(pattern, every)]] = True
        return found

    hidden = marks(normalize._INVISIBLE.pattern.rstrip("+"))
    gap, cjk = marks(r"[\W_]"), marks(f"[{normalize.CJK}]")
    of_folded = (hidden * _HIDDEN | gap * _GAP | cjk * _CJK).astype(np.uint8)[lut]
    return lut, (of_folded | away * _AWAY).astype(np.uint8)


def normalize(text: str, origin=None):
    """(normalised text, original offset of each of its characters as an array) as normalize's steps
    1–4 give them, or None when this text needs the careful path."""
    import numpy as np

    lut, classes = _tables()
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if codes.size == 0 or int(codes.max()) >= _SIZE:
        return None
    cls = classes[codes]
    if (cls & _AWAY).any():
        return None
    kept = None  # indices into `text` of the characters kept, when some go
    if (cls & _HIDDEN).any():
        kept = np.flatnonzero((cls & _HIDDEN) == 0)
        codes, cls = codes[kept], cls[kept]
    # Runs of gap characters whose neighbours on both sides are CJK characters go. Runs alternate
    # with the rest, so the changes of "is a gap" are start, end, start, end…
    between = (cls & _GAP).view(np.int8)
    changes = np.flatnonzero(np.diff(between, prepend=np.int8(0), append=np.int8(0)))
    if changes.size:
        starts, ends = changes[0::2], changes[1::2]
        inner = (starts > 0) & (ends < cls.size)
        starts, ends = starts[inner], ends[inner]
        closed = (cls[starts - 1] & cls[ends] & _CJK) != 0
        starts, ends = starts[closed], ends[closed]
        if starts.size:
            step = np.zeros(cls.size + 1, dtype=np.int8)
            step[starts], step[ends] = 1, -1  # no end is another run's start
            keep = np.flatnonzero(np.cumsum(step[:-1], dtype=np.int32) == 0)
            codes = codes[keep]
            kept = keep if kept is None else kept[keep]
    folded = lut[codes].tobytes().decode("utf-32-le", "surrogatepass")
    if kept is None:
        return folded, origin
    return folded, kept if origin is None else np.asarray(origin, dtype=np.int64)[kept]


def char_offsets(text: str, byte_offsets):
    """Character offsets in `text` of byte offsets in its UTF-8 form (each at a character's start)."""
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    width = 1 + (codes >= 0x80).astype(np.int64) + (codes >= 0x800) + (codes >= 0x10000)
    ends = np.cumsum(width)
    return np.searchsorted(ends, np.asarray(byte_offsets, dtype=np.int64), side="right")
