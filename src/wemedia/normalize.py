"""Text as the disclosure guard compares it, with every normalised offset mapped back to the original.

A term hidden by typing habits or on purpose — full-width letters (`ＡＢＣ`), a zero-width space,
spaces, punctuation or a line break between Chinese characters (`内 部·资\n料`), capitals, traditional
characters (`內部資料`) — is still the term. `normalize` applies, in order:

1. Unicode NFKC (full-width forms, circled digits, compatibility ideographs);
2. invisible characters removed anywhere (zero-width, joiners, bidi controls, soft hyphen, variation
   selectors, tag characters);
3. letters case-folded and traditional characters mapped to simplified ones, one character to one
   (OpenCC's TSCharacters table, first candidate), so offsets do not move;
4. spaces, punctuation and line breaks *between two CJK characters* removed.

Terms go through the same function, so `內部資料` in a list finds `内部资料` in a post and the other way
round. `Normalized.span(start, end)` maps a match back to the original text, where it is reported.
"""

from __future__ import annotations

import os
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from wemedia import normalize_wide

CJK = "\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e0fff]+"
)
# Anything that is not a letter, digit or ideograph (\W) — spaces, punctuation, symbols, markup — when
# it stands between two CJK characters.
_GAP = re.compile(rf"(?<=[{CJK}])[\W_]+(?=[{CJK}])")
# Markdown emphasis or an escape between two digits (`138**1234**5678`, `138\-1234`): the reader sees
# one number.
_DIGIT_GAP = re.compile(r"(?<=[0-9])[*~\\]+(?=[0-9 -])")


@cache
def _t2s() -> dict[int, str]:
    """Traditional → simplified, one character to one: the first candidate of OpenCC's table."""
    import opencc  # opencc-python-reimplemented: the dictionaries as text files, nothing fetched

    path = os.path.join(os.path.dirname(opencc.__file__), "dictionary", "TSCharacters.txt")
    table: dict[int, str] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, _, values = line.rstrip("\n").partition("\t")
            first = values.split(" ")[0] if values else ""
            if len(key) == 1 and len(first) == 1 and first != key:
                table[ord(key)] = first
    return table


class _Map:
    """Offsets after a deletion step back to offsets before it: a sorted list of (from, shift), worked
    out from the text before the step only when a match asks for its place — most texts have none."""

    __slots__ = ("_before", "_pattern", "shifts", "starts")

    def __init__(self, before: str, pattern: re.Pattern[str]):
        self._before, self._pattern = before, pattern
        self.starts: list[int] | None = None
        self.shifts: list[int] = [0]

    def _build(self) -> None:
        self.starts, kept, removed, last = [0], 0, 0, 0
        for m in self._pattern.finditer(self._before):
            kept += m.start() - last
            removed += m.end() - m.start()
            self.starts.append(kept)
            self.shifts.append(removed)
            last = m.end()

    def __call__(self, i: int) -> int:
        if self.starts is None:
            self._build()
        return i + self.shifts[bisect_right(self.starts, i) - 1]


def _delete(text: str, pattern: re.Pattern[str]) -> tuple[str, _Map | None]:
    after = pattern.sub("", text)
    return (text, None) if len(after) == len(text) else (after, _Map(text, pattern))


@dataclass(slots=True)
class Normalized:
    text: str  # the normalised text
    _origin: object  # explicit original offset per character (a list or an array) before _steps, or None
    _steps: tuple  # deletion maps, last step first

    def offset(self, i: int) -> int:
        """Original offset of the normalised character at `i`."""
        for step in self._steps:
            i = step(i)
        return int(self._origin[i]) if self._origin is not None else i

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of the normalised [start, end) (end > start)."""
        return self.offset(start), self.offset(end - 1) + 1


def fold(text: str) -> str:
    """Case and script folded: lower case, traditional → simplified (length kept)."""
    low = text.lower()
    if len(low) != len(text):  # a rare letter whose lower case is longer (İ): keep it as it is
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if low.isascii() or _traditional().isdisjoint(low):  # most texts: nothing to map
        return low
    return low.translate(_t2s())


@cache
def _traditional() -> frozenset[str]:
    return frozenset(chr(code) for code in _t2s())


@cache
def _nfkc() -> dict[int, str]:
    """NFKC of each character that it changes, as one translation table (~30 ms, once). No form is
    empty, so a translated text is longer exactly when some character's form is longer."""
    table: dict[int, str] = {}
    for code in range(0x80, 0x30000):
        char = chr(code)
        form = unicodedata.normalize("NFKC", char)
        if form != char and form:
            table[code] = form
    return table


def _nfkc_by_character(text: str, origin: list[int] | None) -> tuple[str, list[int]]:
    chars, where = [], []
    for i, c in enumerate(text):
        n = unicodedata.normalize("NFKC", c) if ord(c) > 0x7F else c
        chars.append(n)
        at = origin[i] if origin is not None else i
        where.extend([at] * len(n))
    return "".join(chars), where


@cache
def _fused() -> dict[int, str]:
    """NFKC, lower case and traditional → simplified of each character, composed into one translation
    table (~0.1 s, once): one pass over a text does all three. A text comes out longer exactly when
    some character's form is longer, and then the careful path below maps offsets one by one."""
    t2s, table = _t2s(), {}
    codes = (code for start, end in _CHANGING for code in range(start, end))
    for code in codes:
        char = chr(code)
        form = unicodedata.normalize("NFKC", char) if code > 0x7F else char
        folded = "".join(t2s.get(ord(c), c) for c in form.lower()) if form else form
        if folded != char and folded:
            table[code] = folded
    for code, simplified in t2s.items():  # the unified ideographs: only the script changes
        table.setdefault(code, simplified)
    return table


# Where NFKC or lower case changes anything (Unicode 15; a test checks this against every code point):
# all but the unified CJK ideographs and Hangul syllables of the BMP, and a few supplementary blocks.
_CHANGING = (
    (0x41, 0x3400),
    (0xA000, 0xAC00),
    (0xD7B0, 0x10000),
    (0x10400, 0x10600),
    (0x10700, 0x10800),
    (0x10C80, 0x10D00),
    (0x118A0, 0x11900),
    (0x16E40, 0x16EA0),
    (0x1D100, 0x1D200),
    (0x1D400, 0x1D800),
    (0x1E900, 0x1E950),
    (0x1EE00, 0x1EF00),
    (0x1F100, 0x1F300),
    (0x1FBF0, 0x1FC00),
    (0x2F800, 0x2FA20),
)


def normalize(text: str, origin: list[int] | None = None) -> Normalized:
    """`text` normalised (see the module); `origin`, when given, is each character's offset in the
    original file (a rendered view built from pieces of it). A large text takes the same steps a whole
    array at a time (normalize_wide)."""
    if len(text) >= normalize_wide.LARGE and (wide := normalize_wide.normalize(text, origin)) is not None:
        text, origin = wide
        return _digit_gaps(text, origin, [])
    if text.isascii():
        text = text.lower()
    else:
        once = text.translate(_fused())
        if len(once) == len(text):  # every change kept its length: offsets stay as they are
            text = once
        else:  # a form that is longer (`㈠` → `(一)`, `İ`): NFKC character by character, then fold
            if not unicodedata.is_normalized("NFKC", text):
                text, origin = _nfkc_by_character(text, origin)
            text = fold(text)
    steps = []
    if not text.isascii():
        text, invisible = _delete(text, _INVISIBLE)
        if invisible:
            steps.append(invisible)
        text, gaps = _delete(text, _GAP)
        if gaps:
            steps.append(gaps)
    return _digit_gaps(text, origin, steps)


def _digit_gaps(text: str, origin, steps: list) -> Normalized:
    if "*" in text or "~" in text or "\\" in text:
        text, marks = _delete(text, _DIGIT_GAP)
        if marks:
            steps.append(marks)
    return Normalized(text, origin, tuple(reversed(steps)))


def term(text: str) -> str:
    """A listed term as the text is compared: the same normalisation, gaps between CJK removed and
    surrounding space dropped."""
    return normalize(text.strip()).text


def compact(text: str) -> str:
    """`text` as two names (or the notes that tell namesakes apart) are compared — WM013, `wemedia team
    add`: the same normalisation, without any whitespace (`李　娜`, `李` U+200B `娜` and `李娜` are one name)."""
    return "".join(normalize(text).text.split())
