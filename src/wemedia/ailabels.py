"""AI-generated content labels (人工智能生成合成内容标识办法, in force 2025-09-01; GB 45438-2025): what a
post declares in its front-matter, and where in what a reader sees the explicit label stands.

A label is one of `TERMS` in the visible text — Markdown and HTML markup, comments and link titles taken
away (`body.blocks`), then the disclosure guard's normalisation (`normalize.py`: full-width forms, case,
traditional characters, zero-width characters, separators between Chinese characters) and every
remaining space removed: `人工**智能**生成`, `ＡＩ 生成` and `A​I生成` are labels; `<!-- AI生成 -->` and a link
title `"AI生成"` are not, because no reader sees them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wemedia import body, imagemeta
from wemedia.normalize import normalize

# Normalised forms (lower case, no spaces). `AI` must not be the end of a longer Latin word (`Shanghai生成`).
TERMS = ("人工智能生成", "人工智能合成", "人工智能辅助", "ai生成", "ai合成", "ai辅助", "ai绘制")
EDGE = 80  # a label of the whole text stands within this many characters of the body's start or end
CAPTION = 120  # a caption (the image's own paragraph or the next) is at most this long
KINDS = ("generated", "assisted")
_MARKUP = re.compile(r"<[^>]*>|[\W_]+")
# Every label holds 智 (人工智能…) or the letters A, I standing alone, perhaps with marks or tags between.
_LIKELY = re.compile(r"智|(?<![a-z])[aａ](?:\W|_|<[^>]*>)*[iｉ](?![a-z])", re.I)


def declared(value: object) -> str | None:
    """`generated` / `assisted` as written, case and surrounding space aside (`Generated` is still a
    declaration: the schema reports the spelling, the label is owed all the same); None otherwise."""
    if isinstance(value, str) and value.strip().lower() in KINDS:
        return value.strip().lower()
    return None


def post_text(post) -> str | None:
    """What the post declares of its text: `ai: {text: …}` (or `ai: generated` written short)."""
    value = post.get("ai")
    return declared(value.get("text")) if isinstance(value, dict) else declared(value)


def parts(post) -> list[tuple[int, str]]:
    """(index, excerpt) of each generated part `ai.parts` names."""
    value = post.get("ai")
    items = value.get("parts") if isinstance(value, dict) else None
    if isinstance(items, str):
        items = [items]
    return [(i, p) for i, p in enumerate(items) if isinstance(p, str) and p.strip()] if isinstance(items, list) else []


def assets(post) -> list[tuple[int, dict, str]]:
    """(index, entry, declaration) of each asset declared AI-generated or AI-assisted."""
    out = []
    for i, entry in post.list_of("assets"):
        kind = declared(entry.get("ai"))
        if kind:
            out.append((i, entry, kind))
    return out


def anything_declared(post) -> bool:
    return bool(post_text(post) or assets(post) or post.get("ai") is not None)


@dataclass(frozen=True, slots=True)
class Hit:
    start: int  # offsets in `Visible.text`
    end: int
    line: int
    column: int  # 1-based


class Visible:
    """A run of visible text (pieces with their file positions) and where labels and excerpts are in it."""

    def __init__(self, pieces):
        chars, places = [], []
        for line, column, text in pieces:
            for k, char in enumerate(text):
                chars.append(char)
                places.append((line, column + k) if line else (0, 0))
        self.text = "".join(chars)
        self._places = places
        norm = normalize(self.text, list(range(len(self.text))))
        keep = [i for i, c in enumerate(norm.text) if not c.isspace()]
        self._flat = "".join(norm.text[i] for i in keep)
        self._back = [norm.offset(i) for i in keep]

    def find(self, needle: str) -> list[Hit]:
        """Every place `needle` (already normalised, no spaces) stands, as original offsets."""
        hits, at = [], self._flat.find(needle)
        while at != -1 and needle:
            start, end = self._back[at], self._back[at + len(needle) - 1] + 1
            if not (needle[0].isascii() and at and re.match(r"[a-z]", self._flat[at - 1])):
                line, column = self._places[start]
                hits.append(Hit(start, end, line, column + 1))
            at = self._flat.find(needle, at + 1)
        return hits

    def labels(self) -> list[Hit]:
        return sorted({h for term in TERMS for h in self.find(term)}, key=lambda h: h.start)

    def excerpt(self, text: str) -> list[Hit]:
        flat = "".join(normalize(text).text.split())
        return self.find(flat)


def has_label(text: str) -> bool:
    """A label in a plain text (alt text, a description): the same normalisation."""
    return bool(Visible([(1, 0, text)]).labels())


def mentions(raw: str) -> bool:
    """Cheap first look at a body as written: could a label stand in it at all?"""
    if not _LIKELY.search(raw):  # most posts: neither 智 nor a standalone "AI" — no normalisation needed
        return False
    flat = _MARKUP.sub("", normalize(raw).text)  # `<b>AI</b>辅助`, `A**I**生成`: tags and marks away
    return any(term in flat for term in TERMS)


def body_view(post) -> tuple[list[body.Block], Visible, list[tuple[int, int]]]:
    """The body's blocks, their text as one run (blocks separated by a line break), and each block's
    [start, end) in that run."""
    blocks = body.blocks(post.doc.body, post.doc.body_line)
    pieces, spans, length = [], [], 0
    for block in blocks:
        start = length
        pieces.extend(block.pieces)
        length += sum(len(p) for _, _, p in block.pieces)
        spans.append((start, length))
        pieces.append((0, 0, "\n"))
        length += 1
    return blocks, Visible(pieces), spans


def implicit(data: bytes | None) -> tuple[bool | None, str]:
    """(carries the implicit label AIGC, its content when short) of an image's bytes; None when the file
    is not a JPEG or PNG wemedia can read."""
    if data is None:
        return None, ""
    found = imagemeta.inspect(data)
    if found is None:
        return None, ""
    return found.aigc, imagemeta.aigc_value(data) if found.aigc else ""
