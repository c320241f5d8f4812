"""The body of a post, parsed once the way a browser will see it: every medium and linked file it
uses, each with the line and column where it is written.

Markdown goes through markdown-it-py (CommonMark), so code spans, fenced and indented code and HTML
comments are what CommonMark says they are, and destinations are read by CommonMark's own rules
(`<古籍 修复.png>`, titles in any quotes, balanced parentheses). Raw HTML — blocks and inline tags —
goes through the standard library's HTML tokenizer (`html.parser`), which reads unquoted attribute
values, comments and `<script>`/`<style>` text as a browser does; `srcset` candidates and CSS
`url(…)` are split by their own grammars.

markdown-it keeps line ranges for blocks only, so positions inside a line come from wrapping the
inline rules that make images, links and inline HTML: each records the offset where it matched, and
that offset is mapped back through the block's lines to the original text.
"""

from __future__ import annotations

import posixpath
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from html import unescape
from html.parser import HTMLParser
from urllib.parse import unquote

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp", ".tif", ".tiff", ".avif", ".ico")
VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v", ".webm", ".avi", ".mkv", ".flv")
AUDIO_SUFFIXES = (".mp3", ".m4a", ".wav", ".ogg", ".aac", ".flac", ".amr")
DOCUMENT_SUFFIXES = (
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".ppt",
    ".pptx",
    ".wps",
    ".odt",
    ".ods",
    ".odp",
    ".txt",
    ".csv",
    ".zip",
    ".rar",
    ".7z",
    ".epub",
    ".mobi",
)
# A link to one of these publishes the file; any other link (a page, `v1.2`, `downloads/`) is navigation.
FILE_SUFFIXES = IMAGE_SUFFIXES + VIDEO_SUFFIXES + AUDIO_SUFFIXES + DOCUMENT_SUFFIXES

# Which attributes of which elements load a file into the page (what a browser fetches). html.parser
# lowercases names; `<image>` is read as `<img>` by browsers; SVG's image, feImage and use load by href.
_LOADS = {
    "img": ("src", "srcset"),
    "image": ("src", "href", "xlink:href"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "feimage": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "mglyph": ("src",),
}
# SVG animation that sets an element's href (`<set attributeName="href" to="…">`) loads what it names.
_ANIMATES = ("set", "animate")
_ANIMATED_VALUES = ("to", "from", "by", "values")
_LOADS_ANYWHERE = ("background",)  # the old background attribute of body, table, td …
_LINKS = {"a": "href", "area": "href"}
# Elements a post has no use for that load or run things from anywhere (a stylesheet, a script, a base
# address for every relative link, a refresh): reported, not interpreted.
FORBIDDEN_TAGS = ("script", "style", "link", "base", "meta")
_FORBIDDEN_ATTRS = ("srcdoc",)
# Their content is text to the browser (or never shown), so nothing inside loads.
_INERT = ("textarea", "xmp", "template", "noscript", "title", "plaintext")
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""", re.I)
_CSS_IMAGE_SET = re.compile(r"image-set\(([^()]*(?:\([^()]*\)[^()]*)*)\)", re.I)
_CSS_STRING = re.compile(r""""([^"]*)"|'([^']*)'""")
_CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})\s?|(.))", re.S)
_URL_INVISIBLE = re.compile(r"[\t\n\r]")  # what a browser's URL parser removes anywhere in an address
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_WINDOWS_PATH = re.compile(r"[A-Za-z]:[\\/]|\\\\")
_PREFIX = re.compile(r"[\s>#*+\-\d.)|]*\Z")  # container markers that may stand before a block's text


@dataclass(frozen=True, slots=True)
class MediaRef:
    """A file the body makes the reader load or offers for download, as written, and where."""

    target: str  # as the browser reads it (Markdown and HTML unescaped, tabs and newlines removed)
    line: int
    column: int
    via: str = "markdown"  # markdown | link | html | css | tag (a forbidden element or attribute)

    @property
    def path(self) -> str:
        """The file it names: query and fragment dropped, percent-escapes decoded."""
        return unquote(self.target.split("#", 1)[0].split("?", 1)[0])

    @property
    def external(self) -> bool:
        """Loaded from outside the repository (`https://…`, `//cdn…`)."""
        return self.target.startswith("//") or bool(re.match(r"(?i)https?:", self.target))

    @property
    def embedded(self) -> bool:
        """The bytes are inside the text (`data:image/png;base64,…`)."""
        return self.target[:5].lower() == "data:"

    @property
    def on_own_computer(self) -> bool:
        """A path on the editor's own machine (`file:///C:/…`, `C:\\Users\\…`): nobody else can load it."""
        return self.target[:5].lower() == "file:" or bool(_WINDOWS_PATH.match(self.target))

    @property
    def kind(self) -> str:
        """image, video, audio or document, as the `assets` entry for it says."""
        base = self.path.lower()
        if base.endswith(VIDEO_SUFFIXES):
            return "video"
        if base.endswith(AUDIO_SUFFIXES):
            return "audio"
        if base.endswith(IMAGE_SUFFIXES) or self.via != "link":
            return "image"
        return "document"


def browser_url(value: str) -> str:
    """An address as a browser's URL parser takes it: surrounding spaces and controls dropped, tabs and
    newlines removed anywhere (`h&#9;ttps://…` is `https://…`)."""
    return _URL_INVISIBLE.sub("", value.strip(" \t\n\r\f\x00"))


def _is_material_link(target: str) -> bool:
    """A Markdown or HTML link that publishes a file (a PDF, a recording), not a page."""
    if not target or target.startswith("#"):
        return False
    if _SCHEME.match(target) and not _WINDOWS_PATH.match(target):
        return target[:5].lower() == "file:"
    if target.startswith("//"):
        return False  # a page elsewhere
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    return not path.endswith("/") and path.lower().endswith(FILE_SUFFIXES)


def _css_unescape(css: str) -> str:
    return _CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), css)


class _Lines:
    """Maps an offset in a block's text (markdown-it strips container markers and indentation) back
    to a 0-based line and column of the body."""

    def __init__(self, body_lines: list[str], first: int, content: str):
        self.first, self.starts, self.columns = first, [], []
        offset = 0
        for i, part in enumerate(content.split("\n")):
            source = body_lines[first + i] if first + i < len(body_lines) else ""
            self.starts.append(offset)
            self.columns.append(_column_of(source, part))
            offset += len(part) + 1

    def at(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.starts, offset) - 1
        return self.first + i, self.columns[i] + offset - self.starts[i]


def _column_of(source: str, part: str) -> int:
    """Where `part` (a line as markdown-it saw it) begins in the original line, 0-based."""
    if not part:
        return 0
    at = source.find(part)
    while at != -1 and not _PREFIX.match(source[:at]):
        at = source.find(part, at + 1)
    return max(at, 0)


class _Tags(HTMLParser):
    """The files an HTML fragment loads or links, each with its offset in the fragment."""

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []  # (offset, via, target)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", fragment)]
        self._inert: str | None = None  # inside <textarea> … nothing loads until it closes
        self.feed(fragment)
        self.close()

    def _here(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        if self._inert:
            return
        here, raw = self._here(), self.get_starttag_text() or ""
        if tag in FORBIDDEN_TAGS:
            self.found.append((here, "tag", f"<{tag}>"))
        if tag in _INERT:
            self._inert = tag
        loads = _LOADS.get(tag, ())
        if tag in _ANIMATES and any(
            n.lower() == "attributename" and (v or "").lower() in ("href", "xlink:href") for n, v in attrs
        ):
            loads = _ANIMATED_VALUES
        for m in _ATTR.finditer(raw, 1 + len(tag)):
            name = m.group(1).lower()
            group = next((g for g in (2, 3, 4) if m.group(g) is not None), None)
            if group is None:
                continue
            value, start = m.group(group), here + m.start(group)
            if name in _FORBIDDEN_ATTRS:
                self.found.append((start, "tag", name))
            elif name == "srcset" and name in loads:
                self.found += [(start + off, "html", browser_url(unescape(url))) for off, url in _srcset(value)]
            elif name == "values" and name in loads:  # `a.png; b.png`: each is loaded in turn
                at = 0
                for part in value.split(";"):
                    if browser_url(unescape(part)):
                        lead = len(part) - len(part.lstrip())
                        self.found.append((start + at + lead, "html", browser_url(unescape(part))))
                    at += len(part) + 1
            elif (name in loads or name in _LOADS_ANYWHERE) and browser_url(unescape(value)):
                lead = len(value) - len(value.lstrip())
                self.found.append((start + lead, "html", browser_url(unescape(value))))
            elif _LINKS.get(tag) == name and _is_material_link(browser_url(unescape(value))):
                self.found.append((start, "link", browser_url(unescape(value))))
            elif name == "style":
                self._css(unescape(value), start)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self._inert == tag:
            self._inert = None

    def handle_endtag(self, tag):
        if self._inert == tag:
            self._inert = None

    def _css(self, css: str, start: int) -> None:
        """Every address a style loads: url(…), image-set("…"), @import "…" — CSS escapes decoded."""
        plain = _css_unescape(css) if "\\" in css else css
        exact = plain == css  # with escapes, offsets no longer match: point at the attribute itself
        hits: list[tuple[int, str]] = []
        for m in _CSS_URL.finditer(plain):
            group = next(g for g in (1, 2, 3) if m.group(g) is not None)
            hits.append((m.start(group), m.group(group)))
        for m in _CSS_IMAGE_SET.finditer(plain):
            for q in _CSS_STRING.finditer(m.group(1)):
                group = 1 if q.group(1) is not None else 2
                hits.append((m.start(1) + q.start(group), q.group(group)))
        for m in _CSS_IMPORT.finditer(plain):
            group = 1 if m.group(1) is not None else 2
            hits.append((m.start(group), m.group(group)))
        for offset, url in sorted(set(hits)):
            if browser_url(url):
                self.found.append((start + (offset if exact else 0), "css", browser_url(url)))


def _srcset(value: str) -> list[tuple[int, str]]:
    """(offset, url) of each candidate of a `srcset` (`a.png 1x, b.png 2x`)."""
    out, pos = [], 0
    while pos < len(value):
        while pos < len(value) and (value[pos].isspace() or value[pos] == ","):
            pos += 1
        start = pos
        while pos < len(value) and not value[pos].isspace():
            pos += 1
        url = value[start:pos]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            while pos < len(value) and value[pos] != ",":  # the descriptor: 2x, 480w
                pos += 1
        if url:
            out.append((start, url))
    return out


def _new_parser():
    """CommonMark with GFM tables and strikethrough: one configuration for the checks and the site."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


@cache
def _parser():

    md = _new_parser()
    md.validateLink = lambda url: True  # see `file:` and `data:` destinations too: they are findings, not noise
    md.core.ruler.at("inline", _inline_where_needed)
    for name in ("image", "link", "html_inline", "autolink"):
        index = md.inline.ruler.__find__(name)
        md.inline.ruler.at(name, _recording(md.inline.ruler.__rules__[index].fn))
    return md


def _inline_where_needed(state) -> None:
    """markdown-it's core `inline` step, skipping blocks that cannot hold an image, a link, a tag or a
    character reference (no `[`, `<` or `&`): in a long article that is most paragraphs, and inline
    parsing is the cost."""
    for token in state.tokens:
        if token.type == "inline" and ("[" in token.content or "<" in token.content or "&" in token.content):
            if token.children is None:
                token.children = []
            state.md.inline.parse(token.content, state.md, state.env, token.children)


def _recording(fn):
    """Wrap an inline rule so the tokens it makes remember the offset where they matched."""

    def rule(state, silent):
        start, count = state.pos, len(state.tokens)
        matched = fn(state, silent)
        if matched and not silent:
            for token in state.tokens[count:]:
                if token.type in ("image", "link_open", "html_inline") and "offset" not in token.meta:
                    token.meta["offset"] = start
                    token.meta["src"] = state.src
                    if token.type == "image":
                        token.meta["target"] = _destination(state, start + 1)
                    elif token.type == "link_open":
                        token.meta["target"] = _destination(state, start)
        return matched

    return rule


def _destination(state, label_at: int) -> tuple[int, str] | None:
    """(offset, text) of an inline link's destination as written; None for reference links."""
    end = state.md.helpers.parseLinkLabel(state, label_at, False)
    pos = end + 1
    src = state.src
    if end < 0 or pos >= len(src) or src[pos] != "(":
        return None
    pos += 1
    while pos < len(src) and src[pos] in " \t\n":
        pos += 1
    result = state.md.helpers.parseLinkDestination(src, pos, len(src))
    if not result.ok:
        return None
    return (pos + 1 if src.startswith("<", pos) else pos), result.str


_SIMPLE_IMAGE = re.compile(r"!\[([^\[\]\n]*)\]\(([^\s()<>\\]+)\)\Z")
_SIMPLE_UNSAFE = re.compile(r"[`~<>&\\\t]|^[ >]", re.M)


def _simple_images(body: str) -> list[tuple[int, int, str]] | None:
    """(0-based line, column, target) of each image when the body's only brackets are whole lines of the
    form `![alt](path)` and nothing could change how CommonMark reads them (no code, HTML, entities,
    escapes, indentation or quotes); None otherwise, and then the full parse decides. Most posts are
    paragraphs of text and image lines: this is what they cost. A test holds it to the full parse."""
    if _SIMPLE_UNSAFE.search(body):
        return None
    out = []
    for i, line in enumerate(body.split("\n")):
        if "[" in line or "]" in line:
            m = _SIMPLE_IMAGE.match(line)
            if m is None:
                return None
            out.append((i, m.start(2) + 1, m.group(2)))
    return out


@lru_cache(maxsize=4)
def _parse(body: str) -> tuple[list, dict]:
    """The one parse of a body (tokens, references), shared by `media` and `visible`: the engine runs
    every rule on one document before the next, so the few most recent parses are all it asks again.
    Callers only read the tokens."""
    env: dict = {}
    return _parser().parse(body, env), env


def media(body: str, first_line: int) -> list[MediaRef]:
    """Every medium and linked file of `body`, whose first line is line `first_line` of its file."""
    if "[" not in body and "<" not in body:
        return []  # nothing can load or link a file: no parse needed
    simple = _simple_images(body)
    if simple is not None:
        return [MediaRef(target, first_line + line0, column, "markdown") for line0, column, target in simple]
    tokens, env = _parse(body)
    lines = body.split("\n")
    found: list[MediaRef] = []

    def add(line0: int, col0: int, target: str, via: str) -> None:
        found.append(MediaRef(target, first_line + line0, col0 + 1, via))

    for block in tokens:
        if block.type == "html_block" and block.map:
            _html(block.content, _Lines(lines, block.map[0], block.content.rstrip("\n")), add)
        elif block.type == "inline" and block.map:
            where = _Lines(lines, block.map[0], block.content)
            for token in block.children or []:  # an image's own children are its alt text: nothing loads
                _inline(token, where, lines, env, add)
    return sorted(set(found), key=lambda r: (r.line, r.column, r.target))


def _inline(token, where: _Lines, lines: list[str], env: dict, add) -> None:
    if token.type == "html_inline" and "offset" in token.meta:
        for offset, via, target in _Tags(token.content).found:
            add(*where.at(token.meta["offset"] + offset), target, via)
        return
    if token.type == "link_open" and token.info == "auto":  # <https://…>: a page, unless it is a local file
        target = browser_url(token.attrGet("href") or "")
        if target[:5].lower() == "file:" and "offset" in token.meta:
            add(*where.at(token.meta["offset"] + 1), target, "link")
        return
    if token.type not in ("image", "link_open"):
        return
    written = token.meta.get("target")
    if written is not None:
        line0, col0 = where.at(written[0])
        target = written[1]
    else:  # a reference: the destination is written in its definition
        href = token.attrGet("src" if token.type == "image" else "href") or ""
        line0, col0, target = _definition(token, lines, env, where, href)
    target = browser_url(target)
    if token.type == "image" and target:
        add(line0, col0, target, "markdown")
    elif token.type == "link_open" and _is_material_link(target):
        add(line0, col0, target, "link")


def _definition(token, lines: list[str], env: dict, where: _Lines, href: str) -> tuple[int, int, str]:
    """Where a reference-style image or link's definition writes its destination."""
    for ref in env.get("references", {}).values():
        if ref.get("href") == href and ref.get("map"):
            first, last = ref["map"]
            text = "\n".join(lines[first:last])
            m = re.search(r"\]:[ \t]*\n?[ \t]*(<)?", text)
            if m:
                before = text[: m.end()]
                rest = text[m.end() :]
                written = rest.split(">", 1)[0] if m.group(1) else re.split(r"\s", rest, maxsplit=1)[0]
                return first + before.count("\n"), m.end() - (before.rfind("\n") + 1), written
    line0, col0 = where.at(token.meta.get("offset", 0))
    return line0, col0, unquote(href)


def _html(content: str, where: _Lines, add) -> None:
    for offset, via, target in _Tags(content).found:
        add(*where.at(offset), target, via)


@cache
def _renderer():
    """The site's renderer of post bodies: the same CommonMark parser the checks read, so what the
    archive shows is exactly what was checked (Python-Markdown, which renders the rest of the site,
    reads raw HTML blocks and `{attr}` lists differently). Unsafe link schemes stay text."""
    md = _new_parser()
    default_link = md.renderer.rules.get("link_open")
    default_html_block, default_html_inline = md.renderer.rules["html_block"], md.renderer.rules["html_inline"]

    def link_open(self, tokens, idx, options, env):
        _rebase(tokens[idx], "href", env)
        href = tokens[idx].attrGet("href") or ""
        path, sep, rest = href.partition("#")
        if not _SCHEME.match(href) and not href.startswith("/") and path.lower().endswith((".md", ".markdown")):
            tokens[idx].attrSet("href", path.rsplit(".", 1)[0] + ".html" + sep + rest)  # the post's page
            env.setdefault("pages", []).append(unquote(path))
        return default_link(tokens, idx, options, env) if default_link else self.renderToken(tokens, idx, options, env)

    def guarded(default):
        def render(self, tokens, idx, options, env):
            if any(via == "tag" for _, via, _ in _Tags(tokens[idx].content).found):
                return escape_html(tokens[idx].content)  # shown as text, never run (the check reports it)
            return default(tokens, idx, options, env)

        return render

    default_image = md.renderer.rules["image"]

    def image(self, tokens, idx, options, env):
        _rebase(tokens[idx], "src", env)
        return default_image(tokens, idx, options, env)

    md.add_render_rule("link_open", link_open)
    md.add_render_rule("image", image)
    md.add_render_rule("html_block", guarded(default_html_block))
    md.add_render_rule("html_inline", guarded(default_html_inline))
    return md


def _rebase(token, attr: str, env: dict) -> None:
    """A relative address written in a file of another folder (a per-platform version beside its post,
    or in a sub-folder), made relative to the page that shows it: `env["base"]` is that file's folder
    as seen from the page's."""
    base, value = env.get("base"), token.attrGet(attr) or ""
    if base and value and not _SCHEME.match(value) and not value.startswith(("/", "#", "?")):
        token.attrSet(attr, posixpath.normpath(posixpath.join(base, value)))


def escape_html(text: str) -> str:
    from html import escape

    return escape(text, quote=False)


def render(text: str, base: str | None = None) -> tuple[str, list[str]]:
    """A post body as HTML for the archive website, and the pages (`.md`, as written) it links to.
    `base`: the folder the text was written in, relative to the page's (a version in a sub-folder):
    its images and links are made relative to the page."""
    env: dict = {"base": base} if base not in (None, "", ".") else {}
    return _renderer().render(text, env), env.get("pages", [])


def visible(body: str, first_line: int) -> list[tuple[int, int, str]]:
    """What a reader sees of the body's paragraphs that hold links, images or inline HTML — the text of
    link labels, alt text and the text between tags, without the markup that splits it — as pieces
    (file line, 0-based column, text); a piece with line 0 separates blocks. `[内部](x)资料` reads
    `内部资料` here. Blocks without `[` or `<` are left out: their text is the file's own, markup
    characters only (which the disclosure guard's normalisation removes between Chinese characters)."""
    if "[" not in body and "<" not in body and "&" not in body:
        return []
    if _simple_images(body) is not None:
        return []  # only alt text to read, and it stands in the file as written
    tokens, _ = _parse(body)
    lines = body.split("\n")
    out: list[tuple[int, int, str]] = []
    for block in tokens:
        if block.type != "inline" or not block.map or not block.children:
            continue
        where = _Lines(lines, block.map[0], block.content)
        src, cursor = block.content, 0

        def place(text: str, cursor: int, src: str = src, where: _Lines = where) -> int:
            at = src.find(text, cursor)
            if at != -1 and "\n" not in src[cursor:at]:
                line0, col0 = where.at(at)
                out.append((first_line + line0, col0, text))
                return at + len(text)
            for char in text:  # escapes and entities: the characters one by one, where they are written
                at = src.find(char, cursor)
                entity = _ENTITY.search(src, cursor)
                if entity is not None and (at == -1 or entity.start() < at) and unescape(entity.group()) == char:
                    at, end = entity.start(), entity.end()  # `&#20869;` is 内, written where the & is
                elif at == -1:
                    continue
                else:
                    end = at + 1
                line0, col0 = where.at(at)
                out.append((first_line + line0, col0, char))
                cursor = end
            return cursor

        for token in block.children:
            if "offset" in token.meta:
                cursor = max(cursor, token.meta["offset"])
            if token.type in ("text", "code_inline") and token.content:
                cursor = place(token.content, cursor)
            elif token.type == "image":
                for child in token.children or []:
                    if child.type in ("text", "code_inline") and child.content:
                        cursor = place(child.content, cursor)
            elif token.type in ("softbreak", "hardbreak"):
                out.append((0, 0, "\n"))
        out.append((0, 0, "\n"))
    for block in tokens:  # HTML blocks (pasted from a WeChat editor): the text between their tags
        if block.type == "html_block" and block.map:
            where = _Lines(lines, block.map[0], block.content.rstrip("\n"))
            for offset, text in _Text(block.content).pieces:
                line0, col0 = where.at(offset)
                out.append((first_line + line0, col0, text))
            out.append((0, 0, "\n"))
    return out


_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


class _Text(HTMLParser):
    """The text a reader sees in an HTML fragment, as (offset, text) pieces; script and style left out."""

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[int, str]] = []
        self._starts = [0] + [m.end() for m in re.finditer("\n", fragment)]
        self._hidden = 0
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._hidden -= tag in ("script", "style") and self._hidden > 0

    def handle_data(self, data):
        if not self._hidden and data:
            line, col = self.getpos()
            self.pieces.append((self._starts[line - 1] + col, data))


@dataclass(frozen=True, slots=True)
class Picture:
    """An image as a reader meets it in a block: where it is written and its alt text."""

    target: str
    line: int
    column: int
    alt: str


@dataclass(frozen=True, slots=True)
class Block:
    """One block a reader sees (a paragraph, a heading, a table cell row, an HTML block): its lines, the
    visible text as (line, 0-based column, text) pieces — markup, comments and link titles left out —
    and the images inside it. What the AI-label rules read: a label is visible text, nothing else."""

    first: int  # file line of the block's first line
    last: int  # file line of its last line
    pieces: tuple[tuple[int, int, str], ...]
    pictures: tuple[Picture, ...]

    @property
    def text(self) -> str:
        return "".join(piece for _, _, piece in self.pieces)


def blocks(body: str, first_line: int) -> list[Block]:
    """Every block of `body` with its visible text and images, in reading order (one full parse; only
    asked for posts that declare or mention AI generation)."""
    tokens, env = _parse(body)
    lines = body.split("\n")
    out: list[Block] = []
    for block in tokens:
        if not block.map:
            continue
        first, last = first_line + block.map[0], first_line + block.map[1] - 1
        if block.type == "html_block":
            where = _Lines(lines, block.map[0], block.content.rstrip("\n"))
            pieces = []
            for offset, text in _Text(block.content).pieces:
                line0, col0 = where.at(offset)
                pieces.append((first_line + line0, col0, text))
            pictures = [
                Picture(target, first_line + line0, col0 + 1, alt)
                for offset, target, alt in _Images(block.content).found
                for line0, col0 in (where.at(offset),)
            ]
            out.append(Block(first, last, tuple(pieces), tuple(pictures)))
        elif block.type == "inline":
            children = block.children
            if not children and block.content:
                children = []
                _parser().inline.parse(block.content, _parser(), env, children)
            out.append(_inline_block(block.content, first, last, lines, block.map[0], first_line, children))
    return out


def _inline_block(src, first, last, lines, map0, first_line, children) -> Block:
    where = _Lines(lines, map0, src)
    pieces: list[tuple[int, int, str]] = []
    pictures: list[Picture] = []
    cursor = 0

    def place(text: str, cursor: int, into: list) -> int:
        at = src.find(text, cursor)
        if at == -1:  # an escape or an entity: at the cursor, as near as the text allows
            at = cursor
        line0, col0 = where.at(min(at, max(len(src) - 1, 0)))
        into.append((first_line + line0, col0, text))
        return at + len(text) if src.find(text, cursor) != -1 else cursor

    for token in children:
        if "offset" in token.meta:
            cursor = max(cursor, token.meta["offset"])
        if token.type in ("text", "code_inline") and token.content:
            cursor = place(token.content, cursor, pieces)
        elif token.type == "image":
            alt: list = []
            start = token.meta.get("offset", cursor)
            for child in token.children or []:
                if child.type in ("text", "code_inline") and child.content:
                    cursor = place(child.content, cursor, alt)
            pieces.extend(alt)
            written = token.meta.get("target")
            line0, col0 = where.at(written[0] if written else start)
            target = browser_url(written[1] if written else token.attrGet("src") or "")
            pictures.append(Picture(target, first_line + line0, col0 + 1, "".join(p for _, _, p in alt)))
        elif token.type == "html_inline" and "offset" in token.meta:
            for offset, target, alt_text in _Images(token.content).found:
                line0, col0 = where.at(token.meta["offset"] + offset)
                pictures.append(Picture(target, first_line + line0, col0 + 1, alt_text))
        elif token.type in ("softbreak", "hardbreak"):
            pieces.append((0, 0, "\n"))
    return Block(first, last, tuple(pieces), tuple(pictures))


class _Images(HTMLParser):
    """`<img src alt>` of an HTML fragment: (offset, src, alt) each."""

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []
        self._starts = [0] + [m.end() for m in re.finditer("\n", fragment)]
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag in ("img", "image"):
            values = {name: value or "" for name, value in attrs}
            line, col = self.getpos()
            self.found.append((self._starts[line - 1] + col, browser_url(values.get("src", "")), values.get("alt", "")))

    handle_startendtag = handle_starttag
