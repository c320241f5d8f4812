"""Personal metadata in JPEG and PNG images — what a photo says about where it was taken and who took it
(5.3.2 d) — and removing it without touching the pixels.

`inspect(data)` names what an image carries: GPS coordinates (EXIF GPS IFD, XMP `exif:GPSLatitude` /
`GPSLongitude`, PNG text `GPS…`), a person's name (EXIF Artist, OwnerName, CameraOwnerName; XMP
`dc:creator`, `tiff:Artist`, `aux:OwnerName`, `exifEX:CameraOwnerName`; IPTC By-line; PNG text
`Author`/`Artist`), and whether it carries the implicit AI-generation label (a metadata field named
`AIGC`, 人工智能生成合成内容标识办法 / GB 45438-2025).

`strip(data)` works on the container, byte for byte: a JPEG's segments before the first scan and a
PNG's chunks are copied unchanged except the metadata ones. JPEG: APP1 Exif is dropped (a minimal Exif
with only the Orientation tag is written back when the photo is rotated, so it still shows upright),
APP1 XMP and extended XMP are dropped, APP13 (Photoshop/IPTC) is dropped. PNG: eXIf, the XMP text chunk,
ImageMagick's `Raw profile type …` chunks and text chunks with personal or GPS keywords are dropped. An
XMP packet carrying `AIGC` is rewritten to hold only that property; a PNG text chunk named `AIGC` is
kept as it is. Everything else — the compressed image data above all — stays byte-identical.

Nothing here raises on a damaged file except `NotAnImage` / `Damaged`, with the reason in both languages.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass, field
from xml.etree import ElementTree

from wemedia.i18n import Text

JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
EXIF_HEADER = b"Exif\x00\x00"
XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
XMP_EXTENSION = b"http://ns.adobe.com/xmp/extension/\x00"
PNG_XMP_KEYWORD = "XML:com.adobe.xmp"
AIGC = "AIGC"

GPS = Text("GPS 坐标", "GPS coordinates")


def _name(field_: str) -> Text:
    return Text(f"人名（{field_}）", f"a person's name ({field_})")


# EXIF tags holding a person's name: IFD0 Artist, ExifIFD CameraOwnerName, and OwnerName where tools put it.
_EXIF_NAMES = {0x013B: "EXIF Artist", 0xA430: "EXIF CameraOwnerName", 0xFDE8: "EXIF OwnerName"}
_EXIF_IFD, _GPS_IFD, _ORIENTATION = 0x8769, 0x8825, 0x0112
# XMP properties, by namespace URI and local name.
_NS_DC = "http://purl.org/dc/elements/1.1/"
_NS_EXIF = "http://ns.adobe.com/exif/1.0/"
_XMP_NAMES = {
    (_NS_DC, "creator"): "XMP dc:creator",
    ("http://ns.adobe.com/tiff/1.0/", "Artist"): "XMP tiff:Artist",
    ("http://ns.adobe.com/exif/1.0/aux/", "OwnerName"): "XMP aux:OwnerName",
    ("http://cipa.jp/exif/1.0/", "CameraOwnerName"): "XMP exifEX:CameraOwnerName",
    ("http://ns.adobe.com/photoshop/1.0/", "AuthorsPosition"): "XMP photoshop:AuthorsPosition",
}
_XMP_GPS = {(_NS_EXIF, "GPSLatitude"), (_NS_EXIF, "GPSLongitude")}
# PNG text keywords (case-insensitive) that name a person; keywords starting with these carry GPS.
_PNG_NAMES = {"author", "artist", "creator", "ownername", "cameraownername", "by-line"}
_PNG_GPS = ("gps", "exif:gps")
_PNG_RAW_PROFILES = ("raw profile type exif", "raw profile type app1", "raw profile type xmp", "raw profile type iptc")


class NotAnImage(ValueError):
    def __init__(self, message: Text):
        super().__init__(message.en)
        self.message = message


class Damaged(NotAnImage):
    pass


@dataclass
class Found:
    """What an image's metadata says about people and places."""

    format: str  # "jpeg" | "png"
    items: list[Text] = field(default_factory=list)  # GPS, names — each once, in the order found
    aigc: bool = False  # carries the implicit AI-generation label

    def add(self, item: Text) -> None:
        if item not in self.items:
            self.items.append(item)


@dataclass
class Stripped:
    data: bytes
    removed: list[Text]  # what was in the file and is gone
    aigc_kept: bool  # the AI-generation label was there and is still there
    note: Text | None = None  # something we could not remove, and why


def picture_format(data: bytes) -> str | None:
    """The picture format ("png", "jpeg", "gif", "webp") when the bytes begin as such a picture does (a PNG's first chunk
    is its header, a WebP is a RIFF file of kind WEBP); None otherwise, whatever the file is named: a
    text file renamed `.png` is not a QR code (WM421)."""
    if data.startswith(PNG_MAGIC) and data[12:16] == b"IHDR":
        return "png"
    if data.startswith(JPEG_MAGIC) and len(data) > 4:
        return "jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) > 13:
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def image_format(data: bytes) -> str | None:
    if data.startswith(JPEG_MAGIC):
        return "jpeg"
    if data.startswith(PNG_MAGIC):
        return "png"
    return None


# ── JPEG ────────────────────────────────────────────────────────────────────────────────────────────


def _jpeg_segments(data: bytes):
    """(marker, start, end, payload) for each segment before the first scan (SOS), then (0xDA, start,
    len(data), b"") for the rest, copied as it is. Raises Damaged where the structure breaks."""
    pos = 2
    while True:
        if pos >= len(data) or data[pos] != 0xFF:
            raise Damaged(Text(f"JPEG 结构在第 {pos} 字节处损坏", f"the JPEG structure breaks at byte {pos}"))
        start = pos
        while pos < len(data) and data[pos] == 0xFF:  # fill bytes
            pos += 1
        if pos >= len(data):
            raise Damaged(Text("JPEG 文件不完整", "the JPEG file is truncated"))
        marker = data[pos]
        pos += 1
        if marker == 0xD9 or 0xD0 <= marker <= 0xD7 or marker == 0x01:
            yield marker, start, pos, b""
            if marker == 0xD9:
                if pos < len(data):
                    yield 0xDA, pos, len(data), b""  # whatever follows the end, kept as it is
                return
            continue
        if pos + 2 > len(data):
            raise Damaged(Text("JPEG 文件不完整", "the JPEG file is truncated"))
        (length,) = struct.unpack(">H", data[pos : pos + 2])
        if length < 2 or pos + length > len(data):
            raise Damaged(Text(f"JPEG 段长度在第 {pos} 字节处不对", f"a JPEG segment length is wrong at byte {pos}"))
        if marker == 0xDA:
            yield 0xDA, start, len(data), b""
            return
        yield marker, start, pos + length, data[pos + 2 : pos + length]
        pos += length


def _exif(tiff: bytes, found: Found) -> int | None:
    """Look through an EXIF TIFF structure for GPS and names; return the Orientation value if any."""
    if len(tiff) < 8 or tiff[:2] not in (b"II", b"MM"):
        return None
    order = "<" if tiff[:2] == b"II" else ">"

    def ifd(offset: int):
        if offset < 8 or offset + 2 > len(tiff):
            return
        (count,) = struct.unpack(order + "H", tiff[offset : offset + 2])
        for i in range(min(count, 1000)):
            at = offset + 2 + 12 * i
            if at + 12 > len(tiff):
                return
            tag, kind, n = struct.unpack(order + "HHI", tiff[at : at + 8])
            yield tag, kind, n, tiff[at + 8 : at + 12]

    def long(raw: bytes) -> int:
        return struct.unpack(order + "I", raw)[0]

    def ascii(kind: int, n: int, raw: bytes) -> str:
        if kind not in (2, 7, 1) or n == 0:
            return ""
        value = raw[:n] if n <= 4 else tiff[long(raw) : long(raw) + n]
        return value.replace(b"\x00", b"").decode("latin-1").strip()

    orientation = None
    seen: set[int] = set()
    todo = [(struct.unpack(order + "I", tiff[4:8])[0], "ifd0")]
    while todo:
        offset, which = todo.pop()
        if offset in seen:  # a loop in the structure
            continue
        seen.add(offset)
        for tag, kind, n, raw in ifd(offset):
            if which == "gps":
                if tag in (2, 4) and n:
                    found.add(GPS)
            elif tag == _EXIF_IFD and which == "ifd0":
                todo.append((long(raw), "exif"))
            elif tag == _GPS_IFD and which == "ifd0":
                todo.append((long(raw), "gps"))
            elif tag in _EXIF_NAMES and ascii(kind, n, raw):
                found.add(_name(_EXIF_NAMES[tag]))
            elif tag == _ORIENTATION and which == "ifd0" and kind == 3:
                orientation = struct.unpack(order + "H", raw[:2])[0]
    return orientation


def _minimal_exif(orientation: int) -> bytes:
    """An APP1 Exif payload holding only the Orientation tag."""
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">HHHIHH", 1, _ORIENTATION, 3, 1, orientation, 0)
    return EXIF_HEADER + tiff + struct.pack(">I", 0)


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


# ── XMP ─────────────────────────────────────────────────────────────────────────────────────────────

_XMP_FALLBACK = re.compile(rb"(dc:creator|tiff:Artist|OwnerName|CameraOwnerName|GPSLatitude|GPSLongitude)\b")
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def _split(tag: str) -> tuple[str, str]:
    return tuple(tag[1:].split("}", 1)) if tag.startswith("{") else ("", tag)  # type: ignore[return-value]


def _xmp_tree(packet: bytes):
    start = packet.find(b"<x:xmpmeta")
    if start < 0:
        start = packet.find(b"<rdf:RDF")
    end_meta = packet.rfind(b"</x:xmpmeta>")
    body = packet[start : end_meta + len(b"</x:xmpmeta>")] if start >= 0 and end_meta > 0 else packet[max(start, 0) :]
    if b"<!DOCTYPE" in body or b"<!ENTITY" in body:  # XMP never needs them; refuse entity expansion
        return None
    try:
        return ElementTree.fromstring(body.rstrip(b"\x00 \r\n\t"))
    except ElementTree.ParseError:
        return None


def _xmp(packet: bytes, found: Found) -> None:
    root = _xmp_tree(packet)
    if root is None:
        for match in _XMP_FALLBACK.finditer(packet):
            word = match.group(1).decode()
            found.add(GPS if word.startswith("GPS") else _name(f"XMP {word}"))
        if AIGC.encode() in packet:
            found.aigc = True
        return
    for element in root.iter():
        names = [_split(element.tag)] + [_split(k) for k in element.attrib]
        for ns, local in names:
            if (ns, local) in _XMP_GPS:
                found.add(GPS)
            elif (ns, local) in _XMP_NAMES:
                found.add(_name(_XMP_NAMES[(ns, local)]))
            elif local == AIGC:
                found.aigc = True


def _aigc_only(packet: bytes) -> bytes | None:
    """A new XMP packet holding only the AIGC property of `packet`; b"" when it has none; None when it
    cannot be read."""
    root = _xmp_tree(packet)
    if root is None:
        return None
    attributes, elements = [], []
    for element in root.iter():
        for key, value in element.attrib.items():
            if _split(key)[1] == AIGC:
                attributes.append((_split(key)[0], value))
        if _split(element.tag)[1] == AIGC and element.tag.startswith("{"):
            elements.append(element)
    ns_decl, props = {}, []
    for ns, value in attributes:
        prefix = ns_decl.setdefault(ns, f"a{len(ns_decl)}")
        props.append(f' {prefix}:{AIGC}="{_escape(value)}"')
    children = []
    for element in elements:
        ns = _split(element.tag)[0]
        prefix = ns_decl.setdefault(ns, f"a{len(ns_decl)}")
        if len(element) == 0:
            props.append(f' {prefix}:{AIGC}="{_escape(element.text or "")}"')
        else:
            children.append(ElementTree.tostring(element, encoding="unicode"))
    if not props and not children:
        return b""
    xmlns = "".join(f' xmlns:{p}="{_escape(ns)}"' for ns, p in ns_decl.items())
    description = f'<rdf:Description rdf:about=""{xmlns}{"".join(props)}'
    description += f">{''.join(children)}</rdf:Description>" if children else "/>"
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="{_RDF}">{description}</rdf:RDF></x:xmpmeta>'
        '<?xpacket end="w"?>'
    ).encode()


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


# ── PNG ─────────────────────────────────────────────────────────────────────────────────────────────


def _png_chunks(data: bytes):
    """(type, start, end, payload) for each chunk; raises Damaged where the structure breaks."""
    pos = len(PNG_MAGIC)
    while pos < len(data):
        if pos + 12 > len(data):
            raise Damaged(Text("PNG 文件不完整", "the PNG file is truncated"))
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        end = pos + 12 + length
        if end > len(data):
            raise Damaged(Text(f"PNG 数据块在第 {pos} 字节处不完整", f"a PNG chunk is truncated at byte {pos}"))
        yield kind, pos, end, data[pos + 8 : pos + 8 + length]
        pos = end
        if kind == b"IEND":
            if pos < len(data):
                yield b"", pos, len(data), b""  # whatever follows the end, kept as it is
            return


def _png_text(kind: bytes, payload: bytes) -> tuple[str, bytes | None]:
    """(keyword, text bytes or None when unreadable) of a tEXt/zTXt/iTXt chunk."""
    keyword, _, rest = payload.partition(b"\x00")
    name = keyword.decode("latin-1")
    try:
        if kind == b"tEXt":
            return name, rest
        if kind == b"zTXt":
            return name, zlib.decompressobj().decompress(rest[1:], 1 << 20)
        flag, _method, rest = rest[0], rest[1], rest[2:]
        _lang, _, rest = rest.partition(b"\x00")
        _translated, _, text = rest.partition(b"\x00")
        return name, zlib.decompressobj().decompress(text, 1 << 20) if flag else text
    except (IndexError, zlib.error):
        return name, None


def _png_verdict(keyword: str) -> Text | str | None:
    """What a text chunk's keyword is: GPS, a name, "drop" (XMP or raw profile), or None (kept)."""
    low = keyword.lower()
    if low in _PNG_NAMES:
        return _name(f"PNG {keyword}")
    if low.startswith(_PNG_GPS):
        return GPS
    if keyword == PNG_XMP_KEYWORD or low.startswith(_PNG_RAW_PROFILES):
        return "drop"
    return None


def _itxt(keyword: str, text: bytes) -> bytes:
    payload = keyword.encode("latin-1") + b"\x00\x00\x00\x00\x00" + text
    return struct.pack(">I", len(payload)) + b"iTXt" + payload + struct.pack(">I", zlib.crc32(b"iTXt" + payload))


# ── what the rule and the command use ───────────────────────────────────────────────────────────────


def inspect(data: bytes) -> Found | None:
    """What the image's metadata carries; None for a file that is not a JPEG or PNG, or is damaged."""
    try:
        return _inspect(data)
    except NotAnImage:
        return None


def _inspect(data: bytes) -> Found:
    kind = image_format(data)
    if kind is None:
        raise NotAnImage(Text("不是 JPEG 或 PNG 图片", "not a JPEG or PNG image"))
    found = Found(kind)
    if kind == "jpeg":
        for marker, _start, _end, payload in _jpeg_segments(data):
            if marker == 0xE1 and payload.startswith(EXIF_HEADER):
                _exif(payload[len(EXIF_HEADER) :], found)
            elif marker == 0xE1 and payload.startswith((XMP_HEADER, XMP_EXTENSION)):
                _xmp(payload, found)
            elif marker == 0xED and b"\x1c\x02\x50" in payload:  # IPTC By-line (2:80)
                found.add(_name("IPTC By-line"))
        return found
    for chunk, _start, _end, payload in _png_chunks(data):
        if chunk == b"eXIf":
            _exif(payload, found)
        elif chunk in (b"tEXt", b"zTXt", b"iTXt"):
            keyword, text = _png_text(chunk, payload)
            verdict = _png_verdict(keyword)
            if keyword == AIGC:
                found.aigc = True
            elif isinstance(verdict, Text):
                found.add(verdict)
            elif keyword == PNG_XMP_KEYWORD and text is not None:
                _xmp(text, found)
    return found


def strip(data: bytes) -> Stripped:
    """The image without its personal metadata; raises NotAnImage (or Damaged) with the reason."""
    found = _inspect(data)
    out, note, aigc_kept = [], None, False
    if found.format == "jpeg":
        out.append(data[:2])
        for marker, start, end, payload in _jpeg_segments(data):
            if marker == 0xE1 and payload.startswith(EXIF_HEADER):
                orientation = _exif(payload[len(EXIF_HEADER) :], Found("jpeg"))
                if orientation not in (None, 1):
                    out.append(_segment(0xE1, _minimal_exif(orientation)))
            elif marker == 0xE1 and payload.startswith((XMP_HEADER, XMP_EXTENSION)):
                if payload.startswith(XMP_HEADER) and AIGC.encode() in payload:
                    packet = _aigc_only(payload[len(XMP_HEADER) :])
                    if packet is None:  # unreadable: keep it rather than lose the legally required label
                        out.append(data[start:end])
                        note = Text(
                            "XMP 元数据无法解析，其中有 AI 生成标识（AIGC），为保留标识整段未删",
                            "the XMP could not be parsed and holds the AI-generation label (AIGC): it was kept whole",
                        )
                    elif packet:
                        out.append(_segment(0xE1, XMP_HEADER + packet))
                    aigc_kept = aigc_kept or bool(packet) or packet is None
            elif marker == 0xED:
                continue
            else:
                out.append(data[start:end])
    else:
        out.append(data[: len(PNG_MAGIC)])
        for chunk, start, end, payload in _png_chunks(data):
            if chunk == b"eXIf":
                continue
            if chunk in (b"tEXt", b"zTXt", b"iTXt"):
                keyword, text = _png_text(chunk, payload)
                if keyword == AIGC:
                    aigc_kept = True
                elif keyword == PNG_XMP_KEYWORD:
                    if text is not None and AIGC.encode() in text:
                        packet = _aigc_only(text)
                        if packet is None:
                            out.append(data[start:end])
                            note = Text(
                                "XMP 元数据无法解析，其中有 AI 生成标识（AIGC），为保留标识整段未删",
                                "the XMP could not be parsed and holds the AI-generation label (AIGC): it was kept whole",
                            )
                        elif packet:
                            out.append(_itxt(PNG_XMP_KEYWORD, packet))
                        aigc_kept = aigc_kept or bool(packet) or packet is None
                    continue
                elif _png_verdict(keyword) is not None:
                    continue
            out.append(data[start:end])
    new = b"".join(out)
    after = _inspect(new)
    removed = [item for item in found.items if item not in after.items]
    return Stripped(new, removed, aigc_kept and after.aigc, note)


def image_data(data: bytes) -> bytes:
    """The compressed pixels: a JPEG's bytes from the first scan on, a PNG's IDAT chunks joined (for tests
    and for the command's own check that nothing else changed)."""
    if image_format(data) == "jpeg":
        return b"".join(data[s:e] for m, s, e, _ in _jpeg_segments(data) if m == 0xDA)
    return b"".join(data[s:e] for k, s, e, _ in _png_chunks(data) if k == b"IDAT")


def aigc_value(data: bytes) -> str:
    """The content of the implicit AI-generation label (`AIGC` in a PNG text chunk or in XMP), as text,
    for the archive page; "" when there is none or it cannot be read."""
    try:
        if image_format(data) == "png":
            for chunk, _start, _end, payload in _png_chunks(data):
                if chunk in (b"tEXt", b"zTXt", b"iTXt"):
                    keyword, text = _png_text(chunk, payload)
                    if keyword == AIGC and text is not None:
                        return text.decode("utf-8", "replace")
                    if keyword == PNG_XMP_KEYWORD and text is not None and AIGC.encode() in text:
                        return _xmp_aigc(text)
        elif image_format(data) == "jpeg":
            for marker, _start, _end, payload in _jpeg_segments(data):
                if marker == 0xE1 and payload.startswith(XMP_HEADER) and AIGC.encode() in payload:
                    return _xmp_aigc(payload[len(XMP_HEADER) :])
    except NotAnImage:
        return ""
    return ""


def _xmp_aigc(packet: bytes) -> str:
    root = _xmp_tree(packet)
    for element in root.iter() if root is not None else ():
        for key, value in element.attrib.items():
            if _split(key)[1] == AIGC:
                return value
        if _split(element.tag)[1] == AIGC:
            return "".join(element.itertext()).strip()
    return ""
