"""The digest of a post (README, "Digest"): canonical — layout, comments, trailing spaces, line ends and a
BOM never change it — and complete: every change of meaning does, the workflow fields never do."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from wemedia import archive, digest
from wemedia.model import Post

from conftest import BASE, PROJECT, write

POST = "content/posts/2026/09/a.md"
VERSION = "content/posts/2026/09/versions/weibo.md"

# A released reprint with an image, a permission scan, an evidence scan and a Weibo version file.
TEXT = """---
title: 秋季开馆时间调整
summary: "自 9 月 1 日起延长开放。"
library: lib
author: ed
created: 2026-09-01
category: news
tags: [开放时间, 服务]
channels:
  - account: wx
    published: 2026-09-03T08:00:00+08:00
    url: https://mp.weixin.qq.com/s/x
  - account: wx
    title: 微博版标题
    file: versions/weibo.md
source:
  type: reprint
  origin: {title: 原文, publisher: 某馆, url: 'https://example.org/a', date: 2026-08-30}
  authorization: {granted_by: 某馆, date: 2026-08-31, evidence: evidence/grant.png}
licence: CC-BY-4.0
assets:
  - {file: img/a.png, kind: image, creator: 某馆, source: 某馆, licence: all-rights-reserved, permission: evidence/photo.png}
reviews:
  - {stage: first, reviewer: rv1, at: "2026-09-02T10:00:00+08:00"}
status: published
corrections: []
---

# 秋季开馆时间调整

自 9 月 1 日起，总馆每天开放至 21:00。

![馆舍](img/a.png)
"""

FILES = {
    POST: TEXT,
    VERSION: "---\ncover: 封面\n---\n微博版：开放时间延长。\n",
    "content/posts/2026/09/img/a.png": b"\x89PNG image one",
    "content/posts/2026/09/evidence/grant.png": b"\x89PNG grant scan",
    "content/posts/2026/09/evidence/photo.png": b"\x89PNG photo permission",
}


def _digest(tmp_path: Path, changes: dict | None = None, name: str = "r") -> str:
    root = tmp_path / name
    shutil.copytree(BASE, root)
    for rel, content in {**FILES, **(changes or {})}.items():
        if content is None:
            continue
        write(root, rel, content)
    loaded = archive.load(root)
    return digest.post_digest(Post(loaded.document(POST)), loaded)


def _replace(old: str, new: str, text: str = TEXT) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


@pytest.fixture
def original(tmp_path) -> str:
    return _digest(tmp_path, name="original")


def test_the_digest_is_sha256_of_the_manifest_and_the_manifest_is_as_the_readme_defines_it(tmp_path):
    """An independent computation of the README's definition, from the literal canonical JSON."""
    root = tmp_path / "r"
    shutil.copytree(BASE, root)
    for rel, content in FILES.items():
        write(root, rel, content)
    loaded = archive.load(root)
    post = Post(loaded.document(POST))
    fm = (
        '{"assets":[{"creator":"某馆","file":"img/a.png","kind":"image","licence":"all-rights-reserved",'
        '"permission":"evidence/photo.png","source":"某馆"}],"author":"ed","category":"news",'
        '"channels":[{"account":"wx"},{"account":"wx","file":"versions/weibo.md","title":"微博版标题"}],'
        '"created":"2026-09-01","library":"lib","licence":"CC-BY-4.0",'
        '"source":{"authorization":{"date":"2026-08-31","evidence":"evidence/grant.png","granted_by":"某馆"},'
        '"origin":{"date":"2026-08-30","publisher":"某馆","title":"原文","url":"https://example.org/a"},'
        '"type":"reprint"},"summary":"自 9 月 1 日起延长开放。","tags":["开放时间","服务"],"title":"秋季开馆时间调整"}'
    )
    body = "# 秋季开馆时间调整\n\n自 9 月 1 日起，总馆每天开放至 21:00。\n\n![馆舍](img/a.png)"
    version = '{"cover":"封面"}\n微博版：开放时间延长。'

    def sha(data: str | bytes) -> str:
        return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()

    expected = (
        "wemedia-digest v1\n"
        f"front-matter sha256:{sha(fm)}\n"
        f"body sha256:{sha(body)}\n"
        f'version "{VERSION}" sha256:{sha(version)}\n'
        f'file "content/posts/2026/09/evidence/grant.png" sha256:{sha(FILES["content/posts/2026/09/evidence/grant.png"])}\n'
        f'file "content/posts/2026/09/evidence/photo.png" sha256:{sha(FILES["content/posts/2026/09/evidence/photo.png"])}\n'
        f'file "content/posts/2026/09/img/a.png" sha256:{sha(FILES["content/posts/2026/09/img/a.png"])}\n'
    ).encode()
    assert digest.manifest(post, loaded) == expected
    assert digest.post_digest(post, loaded) == "sha256:" + sha(expected)
    assert json.loads(fm) == digest.content_fields(post.data) | {}  # the literal above is the data, canonical


def _reordered(text: str) -> str:
    """The same front-matter with keys in another order, flow and block styles swapped, other quoting."""
    return """---
status: published
corrections: []
reviews:
  - reviewer: rv1
    stage: first
    at: '2026-09-02T10:00:00+08:00'
assets:
  - permission: evidence/photo.png
    licence: all-rights-reserved
    source: 某馆
    creator: 某馆
    kind: image
    file: img/a.png
licence: "CC-BY-4.0"
source:
  authorization:
    evidence: "evidence/grant.png"
    date: "2026-08-31"
    granted_by: 某馆
  origin:
    url: https://example.org/a
    date: 2026-08-30
    publisher: '某馆'
    title: 原文
  type: reprint
channels: [{url: 'https://mp.weixin.qq.com/s/x', account: wx, published: '2026-09-03T08:00:00+08:00'},
  {file: versions/weibo.md, title: "微博版标题", account: wx}]
tags:
  - 开放时间
  - "服务"
category: news
created: "2026-09-01"
author: ed
library: 'lib'
summary: 自 9 月 1 日起延长开放。
title: "秋季开馆时间调整"
---
""" + text.split("---\n", 2)[2]


INVARIANT = {
    "key order, flow and block styles, quoting": {POST: _reordered(TEXT)},
    "comments": {
        POST: _replace("title: 秋季开馆时间调整\n", "# 标题\ntitle: 秋季开馆时间调整  # 馆长定的\n").replace(
            "licence: CC-BY-4.0\n", "licence: CC-BY-4.0 # 许可\n# 素材\n"
        )
    },
    "trailing spaces in the front-matter and the body": {
        POST: "\n".join(line + ("  " if i % 2 else " \t") for i, line in enumerate(TEXT.split("\n")))
    },
    "CRLF": {POST: {"text": TEXT}, "crlf": True},
    "a BOM": {POST: b"\xef\xbb\xbf" + TEXT.encode()},
    "a BOM and CRLF": {POST: b"\xef\xbb\xbf" + TEXT.replace("\n", "\r\n").encode()},
    "blank lines after the closing --- and at the end": {POST: _replace("---\n\n# ", "---\n\n\n\n# ") + "\n\n\n"},
    "no blank line after the closing ---": {POST: _replace("---\n\n# ", "---\n# ")},
    "a date quoted or not": {POST: _replace("created: 2026-09-01", 'created: "2026-09-01"')},
    "a literal block instead of a quoted summary": {
        POST: _replace('summary: "自 9 月 1 日起延长开放。"', "summary: |\n  自 9 月 1 日起延长开放。  ")
    },
    "the version file in CRLF with a BOM and trailing spaces": {
        VERSION: b"\xef\xbb\xbf---\r\ncover: '\xe5\xb0\x81\xe9\x9d\xa2'   \r\n---\r\n"
        + "微博版：开放时间延长。  \r\n\r\n".encode()
    },
    # The workflow fields: filled in around review and publication, never what was reviewed.
    "reviews added": {
        POST: _replace(
            "reviews:\n",
            "reviews:\n  - {stage: second, reviewer: rv2, at: '2026-09-02T15:00:00+08:00', digest: 'sha256:00', "
            "signature: x}\n",
        )
    },
    "status": {POST: _replace("status: published", "status: corrected")},
    "a correction recorded": {
        POST: _replace(
            "corrections: []",
            "corrections:\n  - {at: '2026-09-04T10:00:00+08:00', kind: correction, reason: 日期写错, approved_by: mgr}",
        )
    },
    "a channel's publication time and URL": {
        POST: _replace(
            "    published: 2026-09-03T08:00:00+08:00\n    url: https://mp.weixin.qq.com/s/x\n",
            "    published: 2026-09-03T09:30:00+08:00\n",
        ).replace("    file: versions/weibo.md\n", "    file: versions/weibo.md\n    url: https://weibo.com/1/2\n")
    },
}


def _expand(changes: dict) -> dict:
    """`{"crlf": True}` turns each `{"text": …}` into CRLF bytes; everything else is written as given."""
    crlf = changes.pop("crlf", False)
    out = {}
    for rel, content in changes.items():
        if isinstance(content, dict):
            content = content["text"].replace("\n", "\r\n").encode() if crlf else content["text"]
        out[rel] = content
    return out


@pytest.mark.parametrize("changes", INVARIANT.values(), ids=INVARIANT.keys())
def test_what_does_not_change_the_meaning_keeps_the_digest(tmp_path, original, changes):
    assert _digest(tmp_path, _expand(dict(changes))) == original


CHANGED = {
    "the title": {POST: _replace("title: 秋季开馆时间调整", "title: 秋季开馆时间调整！")},
    "a nested field": {POST: _replace("granted_by: 某馆, date: 2026-08-31", "granted_by: 另一馆, date: 2026-08-31")},
    "an asset's licence": {POST: _replace("licence: all-rights-reserved", "licence: CC-BY-4.0")},
    "a word of the body": {POST: _replace("开放至 21:00", "开放至 20:00")},
    "a space inside a body line": {POST: _replace("自 9 月 1 日起，总馆", "自9 月 1 日起，总馆")},
    "a blank line inside the body": {POST: _replace("21:00。\n\n![", "21:00。\n![")},
    "a line's indentation in the body": {POST: _replace("\n![馆舍]", "\n    ![馆舍]")},
    "a channel's account": {POST: _replace("  - account: wx\n    title:", "  - account: wb\n    title:")},
    "a channel's platform title": {POST: _replace("title: 微博版标题", "title: 微博版新标题")},
    "a channel added": {POST: _replace("source:\n", "  - {account: dy}\nsource:\n")},
    "a tag": {POST: _replace("tags: [开放时间, 服务]", "tags: [开放时间]")},
    "a number instead of text": {POST: _replace("licence: CC-BY-4.0\n", "licence: 4\n")},
    "the asset's bytes": {"content/posts/2026/09/img/a.png": b"\x89PNG image two"},
    "the evidence file's bytes": {"content/posts/2026/09/evidence/grant.png": b"\x89PNG another scan"},
    "the permission file's bytes": {"content/posts/2026/09/evidence/photo.png": b"\x89PNG another"},
    "the evidence file missing": {"content/posts/2026/09/evidence/grant.png": None},
    "the version file's body": {VERSION: "---\ncover: 封面\n---\n微博版：开放时间缩短。\n"},
    "the version file's front-matter": {VERSION: "---\ncover: 新封面\n---\n微博版：开放时间延长。\n"},
    "the version file missing": {VERSION: None},
    "an asset added": {
        POST: _replace(
            "reviews:\n",
            "  - {file: img/b.png, kind: image, creator: ed, source: 自摄, licence: CC-BY-4.0}\nreviews:\n",
        ),
        "content/posts/2026/09/img/b.png": b"\x89PNG b",
    },
    "the disclosure exceptions": {
        POST: _replace("status:", "disclosure_exceptions: [{text: 馆舍, reason: 公开, approved_by: mgr}]\nstatus:")
    },
}


@pytest.mark.parametrize("changes", CHANGED.values(), ids=CHANGED.keys())
def test_every_change_of_meaning_changes_the_digest(tmp_path, original, changes):
    assert _digest(tmp_path, changes) != original


def test_a_missing_file_enters_the_manifest_as_missing(tmp_path):
    root = tmp_path / "r"
    shutil.copytree(BASE, root)
    for rel, content in FILES.items():
        if rel not in (VERSION, "content/posts/2026/09/img/a.png"):
            write(root, rel, content)
    loaded = archive.load(root)
    text = digest.manifest(Post(loaded.document(POST)), loaded).decode()
    assert f'version "{VERSION}" missing\n' in text
    assert 'file "content/posts/2026/09/img/a.png" missing\n' in text


def test_files_outside_the_repository_never_count(tmp_path):
    """A path escaping the repository, or a symbolic link leaving it, is missing: never read."""
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"secret")
    root = tmp_path / "r"
    shutil.copytree(BASE, root)
    for rel, content in FILES.items():
        write(root, rel, content)
    (root / "content/posts/2026/09/img/a.png").unlink()
    (root / "content/posts/2026/09/img/a.png").symlink_to(outside)
    write(root, POST, _replace("evidence: evidence/grant.png", "evidence: ../../../../../secret.png"))
    loaded = archive.load(root)
    text = digest.manifest(Post(loaded.document(POST)), loaded).decode()
    assert 'file "content/posts/2026/09/img/a.png" missing\n' in text
    assert 'file "../secret.png" missing\n' in text
    assert loaded.read_bytes("../secret.png") is None and loaded.read_bytes("content/posts/2026/09/img") is None


def test_a_version_file_that_is_not_text_enters_by_its_bytes(tmp_path):
    root = tmp_path / "r"
    shutil.copytree(BASE, root)
    for rel, content in FILES.items():
        write(root, rel, content)
    write(root, VERSION, "微博版：开放时间延长。\n".encode("gb18030"))
    loaded = archive.load(root)
    text = digest.manifest(Post(loaded.document(POST)), loaded).decode()
    expected = hashlib.sha256("微博版：开放时间延长。\n".encode("gb18030")).hexdigest()
    assert f'version "{VERSION}" bytes sha256:{expected}\n' in text


def test_a_version_without_front_matter_and_one_with_broken_yaml_are_text(tmp_path):
    plain = _digest(tmp_path, {VERSION: "微博版：开放时间延长。\n"}, "plain")
    assert _digest(tmp_path, {VERSION: "微博版：开放时间延长。  \r\n\r\n"}, "crlf") == plain
    broken = "---\ncover: [封面\n---\n微博版。\n"
    assert _digest(tmp_path, {VERSION: broken}, "broken") != plain
    assert _digest(tmp_path, {VERSION: broken.replace("\n", "  \n")}, "broken2") == _digest(
        tmp_path, {VERSION: broken}, "broken3"
    )


def test_canonical_text_and_json():
    assert digest.canonical_text("\n\n  a  \r\nb\t\r\n\r\n\n") == "  a\nb"
    assert digest.canonical_text("a\rb") == "a\nb"
    assert digest.canonical_text("全角空格\u3000") == "全角空格\u3000"  # only spaces and tabs are trailing
    import datetime as dt

    moment = dt.datetime(2026, 9, 1, 10, 5, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert digest.canonical_json({"b": moment, "a": dt.date(2026, 9, 1), "c": [1, 1.5, True, None, "x "]}) == (
        '{"a":"2026-09-01","b":"2026-09-01T10:05:00+08:00","c":[1,1.5,true,null,"x"]}'
    )


def test_the_digest_is_computed_once_per_post_and_each_file_hashed_once(tmp_path, monkeypatch):
    root = tmp_path / "r"
    shutil.copytree(BASE, root)
    for rel, content in FILES.items():
        write(root, rel, content)
    second = _replace("title: 秋季开馆时间调整", "title: 第二篇")
    write(root, "content/posts/2026/09/b.md", second)  # the same image, evidence and version
    loaded = archive.load(root)
    reads = []
    original_read = loaded.read_bytes
    monkeypatch.setattr(loaded, "read_bytes", lambda path: reads.append(path) or original_read(path))
    a, b = Post(loaded.document(POST)), Post(loaded.document("content/posts/2026/09/b.md"))
    first = digest.post_digest(a, loaded)
    assert digest.post_digest(a, loaded) == first and digest.post_digest(b, loaded) != first
    assert sorted(reads) == sorted(set(reads)), reads  # every file read once for both posts


def test_every_post_of_the_example_has_a_digest(tmp_path):
    loaded = archive.load(PROJECT)
    digests = {p.doc.path: digest.post_digest(p, loaded) for p in loaded.posts}
    assert len(digests) >= 40 and all(len(d) == len("sha256:") + 64 for d in digests.values())
    assert len(set(digests.values())) == len(digests)


WRONG_SHAPES = [
    "channels: 5",
    "channels: [5, {file: 7}, {file: [a]}, {account: wx, published: [x], url: {a: b}}]",
    "assets: {file: img/a.png}",
    "assets: [{file: 5, permission: [x]}, 3, {file: ''}]",
    "source: [reprint]",
    "source: {authorization: [x]}",
    "source: {authorization: {evidence: 5}}",
    "corrections: 5",
    "reviews: {a: b}",
    "tags: [1, 2.5, true, null, {a: [b]}]",
]


@pytest.mark.parametrize("line", WRONG_SHAPES)
def test_values_of_the_wrong_shape_still_give_a_digest(tmp_path, line):
    """The schema reports them; the digest must not crash on them (rules run on broken files too)."""
    key = line.split(":")[0]
    text = "---\ntitle: 测试\nlibrary: lib\n" + line + "\nstatus: published\n---\n正文\n"
    root = tmp_path / "r"
    shutil.copytree(BASE, root)
    write(root, POST, text)
    loaded = archive.load(root)
    value = digest.post_digest(Post(loaded.document(POST)), loaded)
    assert value.startswith("sha256:") and len(value) == 71, key
