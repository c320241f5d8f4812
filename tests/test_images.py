"""Image metadata (WM620, `wemedia.imagemeta`) and `wemedia assets strip`: GPS and names go, the pixels
and the AI-generation label (AIGC) stay, byte for byte. The images are built here (`imagebytes`)."""

from __future__ import annotations

import os
import stat

import imagebytes as ib
import pytest

from wemedia import imagemeta

AIGC_JSON = '{"Label":"1","ContentProducer":"示例模型"}'


def _items(data: bytes) -> list[str]:
    return [t.zh for t in imagemeta.inspect(data).items]


def test_jpeg_gps_names_and_iptc_are_found_and_stripped_with_pixels_identical():
    photo = ib.jpeg(tiff=ib.exif(artist="张三丰", owner="赵六"), packet=ib.xmp(creator="李四", gps=True), iptc=True)
    assert _items(photo) == [
        "人名（EXIF Artist）",
        "GPS 坐标",
        "人名（EXIF CameraOwnerName）",
        "人名（XMP dc:creator）",
        "人名（IPTC By-line）",
    ]
    result = imagemeta.strip(photo)
    assert _items(result.data) == [] and not result.aigc_kept and result.note is None
    assert imagemeta.image_data(result.data) == imagemeta.image_data(photo) == ib.SCAN + b"\xff\xd9"
    for secret in ("张三丰", "赵六", "李四", "王五"):
        assert secret.encode() not in result.data
    assert ib.FRAME in result.data  # quantisation tables and frame header untouched
    assert result.data.startswith(b"\xff\xd8" + ib.segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"))


def test_jpeg_rotation_survives_and_aigc_xmp_is_rewritten_to_the_label_alone():
    photo = ib.jpeg(tiff=ib.exif(orientation=6), packet=ib.xmp(creator="李四", aigc=AIGC_JSON, gps=True))
    found = imagemeta.inspect(photo)
    assert found.aigc
    result = imagemeta.strip(photo)
    after = imagemeta.inspect(result.data)
    assert after.items == [] and after.aigc and result.aigc_kept
    assert "示例模型".encode() in result.data and "李四".encode() not in result.data
    assert imagemeta._exif(result.data[result.data.find(b"Exif\x00\x00") + 6 :], imagemeta.Found("jpeg")) == 6
    assert imagemeta.image_data(result.data) == imagemeta.image_data(photo)


def test_unreadable_xmp_with_aigc_is_kept_whole_and_said():
    broken = '<x:xmpmeta><dc:creator>李四</dc:creator><TC260:AIGC>{"Label":"1"}</x:xmpmeta>'.encode()
    result = imagemeta.strip(ib.jpeg(packet=broken))
    assert broken in result.data and result.aigc_kept and "AIGC" in result.note.zh


def test_png_keeps_aigc_chunk_and_idat_and_drops_exif_author_xmp():
    aigc = ib.chunk(b"tEXt", b"AIGC\x00" + AIGC_JSON.encode())
    title = ib.chunk(b"tEXt", b"Title\x00Lantern riddles")
    image = ib.png(
        ib.chunk(b"eXIf", ib.exif()),
        ib.chunk(b"tEXt", b"Author\x00Li Si"),
        aigc,
        title,
        after=(ib.itxt("XML:com.adobe.xmp", ib.xmp(creator="李四")), ib.chunk(b"tEXt", b"GPSLatitude\x0023.03")),
    )
    assert _items(image) == ["人名（EXIF Artist）", "GPS 坐标", "人名（PNG Author）", "人名（XMP dc:creator）"]
    result = imagemeta.strip(image)
    assert _items(result.data) == [] and result.aigc_kept
    assert aigc in result.data and title in result.data
    assert imagemeta.image_data(result.data) == imagemeta.image_data(image) != b""
    assert result.data.endswith(ib.chunk(b"IEND", b""))


def test_a_clean_image_comes_back_identical_and_a_non_image_is_refused():
    for clean in (ib.png(), ib.jpeg(comment=b"hello")):
        assert imagemeta.inspect(clean).items == []
        assert imagemeta.strip(clean).data == clean
    assert imagemeta.inspect(b"GIF89a...") is None
    with pytest.raises(imagemeta.NotAnImage) as refused:
        imagemeta.strip(b"%PDF-1.7")
    assert "不是 JPEG 或 PNG" in refused.value.message.zh
    with pytest.raises(imagemeta.Damaged):
        imagemeta.strip(ib.jpeg()[:30])
    assert imagemeta.inspect(ib.png()[:20]) is None  # damaged: the rule says nothing, it never crashes


def test_cli_strip_rewrites_atomically_keeps_mode_and_says_what_went(run_cli, tmp_path):
    photo = tmp_path / "活动.jpg"
    photo.write_bytes(ib.jpeg(tiff=ib.exif(), packet=ib.xmp(aigc=AIGC_JSON)))
    os.chmod(photo, 0o640)
    before = imagemeta.image_data(photo.read_bytes())
    code, out, err = run_cli("assets", "strip", str(photo))
    assert code == 0, err
    assert "已去掉人名（EXIF Artist）、GPS 坐标、人名（XMP dc:creator），像素数据未改动" in out
    assert "保留了 AI 生成标识（AIGC）" in out
    assert stat.S_IMODE(photo.stat().st_mode) == 0o640
    assert imagemeta.image_data(photo.read_bytes()) == before and imagemeta.inspect(photo.read_bytes()).aigc
    assert [p.name for p in tmp_path.iterdir()] == ["活动.jpg"]  # no temporary file left beside it
    code, out, _ = run_cli("assets", "strip", str(photo))
    assert code == 0 and "没有 GPS 坐标或人名，未改动" in out
    code, out, _ = run_cli("assets", "strip", str(photo), "--lang", "en")
    assert "no GPS coordinates or names" in out


def test_cli_refuses_a_non_image_and_then_changes_nothing(run_cli, tmp_path):
    photo = tmp_path / "a.png"
    original = ib.png(ib.chunk(b"tEXt", b"Author\x00Li Si"))
    photo.write_bytes(original)
    notes = tmp_path / "说明.txt"
    notes.write_text("不是图片", encoding="utf-8")
    code, out, err = run_cli("assets", "strip", str(photo), str(notes))
    assert code == 2 and out == ""
    assert "说明.txt：不是 JPEG 或 PNG 图片；只能处理 JPEG、PNG 图片。没有改动任何文件。" in err
    assert photo.read_bytes() == original
    code, _, err = run_cli("assets", "strip", str(tmp_path / "没有.jpg"))
    assert code == 2 and "找不到文件" in err
    os.symlink(photo, tmp_path / "link.png")
    code, _, err = run_cli("assets", "strip", str(tmp_path / "link.png"))
    assert code == 2 and "符号链接" in err and photo.read_bytes() == original


def test_check_reports_a_photo_and_passes_after_strip(run_cli, repo):
    from conftest import write

    write(
        repo,
        "content/posts/a.md",
        "---\ntitle: 测试\nlibrary: lib\nauthor: ed\ncreated: 2026-09-01\ncategory: news\n"
        "source: {type: original}\nlicence: CC-BY-4.0\nassets:\n"
        "  - {file: img/p.jpg, kind: image, creator: ed, source: 自摄, licence: CC-BY-4.0}\n"
        "status: draft\n---\n![图](img/p.jpg)\n",
    )
    write(repo, "content/posts/img/p.jpg", ib.jpeg(tiff=ib.exif()))
    code, out, _ = run_cli("check", "--root", str(repo))
    assert code == 1 and "content/posts/a.md:10:12: WM620 [5.3.2 d]" in out
    assert "wemedia assets strip content/posts/img/p.jpg" in out
    code, _, _ = run_cli("assets", "strip", "content/posts/img/p.jpg", cwd=repo)
    assert code == 0
    code, out, _ = run_cli("check", "--root", str(repo))
    assert code == 0, out
