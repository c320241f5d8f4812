"""Tiny JPEG and PNG files built byte by byte for the image-metadata tests (no imaging library): the
metadata is real EXIF/XMP/IPTC/PNG text, the names and coordinates fictional, the pixels a few bytes."""

from __future__ import annotations

import struct
import zlib

SCAN = b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" + bytes(range(1, 40)) + b"\xff\x00\x12\x34"  # SOS + data
FRAME = b"\xff\xdb\x00\x43\x00" + bytes(64) + b"\xff\xc0\x00\x0b\x08\x00\x01\x00\x01\x01\x01\x11\x00"


def exif(artist: str | None = "张三丰", gps: bool = True, owner: str | None = None, orientation: int = 1) -> bytes:
    """A big-endian TIFF structure: IFD0 (Artist, Orientation, pointers), Exif IFD, GPS IFD."""
    extra = b""

    def entries(items):
        return struct.pack(">H", len(items)) + b"".join(items) + struct.pack(">I", 0)

    ifd0_items = 1 + (artist is not None) + 1 + gps  # orientation, artist, exif pointer, gps pointer
    base = 8 + 2 + 12 * ifd0_items + 4
    exif_ifd_at = base
    exif_ifd_len = 2 + 12 * (owner is not None) + 4
    gps_at = exif_ifd_at + exif_ifd_len
    gps_len = 2 + 12 * 2 + 4
    data_at = gps_at + (gps_len if gps else 0)

    def ascii_entry(tag, text):
        nonlocal extra
        raw = text.encode("utf-8") + b"\x00"
        if len(raw) <= 4:
            return struct.pack(">HHI", tag, 2, len(raw)) + raw.ljust(4, b"\x00")
        at = data_at + len(extra)
        extra += raw
        return struct.pack(">HHII", tag, 2, len(raw), at)

    ifd0 = [struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0)]
    if artist is not None:
        ifd0.append(ascii_entry(0x013B, artist))
    ifd0.append(struct.pack(">HHII", 0x8769, 4, 1, exif_ifd_at))
    if gps:
        ifd0.append(struct.pack(">HHII", 0x8825, 4, 1, gps_at))
    ifd0.sort(key=lambda e: e[:2])
    exif_ifd = entries([ascii_entry(0xA430, owner)] if owner is not None else [])
    gps_ifd = b""
    if gps:
        lat_at = data_at + len(extra)
        extra += struct.pack(">6I", 23, 1, 1, 1, 4567, 100)  # 23° 1' 45.67" (fictional)
        gps_ifd = entries([struct.pack(">HHI", 1, 2, 2) + b"N\x00\x00\x00", struct.pack(">HHII", 2, 5, 3, lat_at)])
    return b"MM\x00\x2a" + struct.pack(">I", 8) + entries(ifd0) + exif_ifd + gps_ifd + extra


def xmp(creator: str | None = "李四", aigc: str | None = None, gps: bool = False) -> bytes:
    props = []
    if creator:
        props.append(f"<dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>")
    if gps:
        props.append("<exif:GPSLatitude>23,1.76N</exif:GPSLatitude>")
    attrs = ' TC260:AIGC="{}"'.format(aigc.replace('"', "&quot;")) if aigc else ""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:TC260="http://www.tc260.org.cn/ns/AIGC/1.0/"'
        f"{attrs}>{''.join(props)}</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    ).encode()


def segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def jpeg(*, tiff: bytes | None = None, packet: bytes | None = None, iptc: bool = False, comment: bytes = b"") -> bytes:
    out = b"\xff\xd8" + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    if tiff is not None:
        out += segment(0xE1, b"Exif\x00\x00" + tiff)
    if packet is not None:
        out += segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + packet)
    if iptc:
        record = b"\x1c\x02\x50\x00\x06" + "王五".encode()
        out += segment(0xED, b"Photoshop 3.0\x00" + b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(record)) + record)
    if comment:
        out += segment(0xFE, comment)
    return out + FRAME + SCAN + b"\xff\xd9"


def chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def itxt(keyword: str, text: bytes) -> bytes:
    return chunk(b"iTXt", keyword.encode("latin-1") + b"\x00\x00\x00\x00\x00" + text)


def png(*extra: bytes, after: tuple[bytes, ...] = ()) -> bytes:
    """A 1×1 grey PNG with `extra` chunks before IDAT and `after` chunks after it."""
    ihdr = chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    idat = chunk(b"IDAT", zlib.compress(b"\x00\x80"))
    return b"\x89PNG\r\n\x1a\n" + ihdr + b"".join(extra) + idat + b"".join(after) + chunk(b"IEND", b"")
