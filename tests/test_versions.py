"""Per-platform versions (5.3.1 c): shown on their post's page and nowhere else, and written by
`wemedia new version` through the one writer. The rules are held by tests/rules/WM270–WM273.yml, the
digest's cover of versions by WM224.yml."""

from __future__ import annotations

import re
import shutil

import pytest

from wemedia.resources import skeleton_file

from conftest import DRAFT, write

ACCOUNTS = """accounts:
  - {id: wx, platform: wechat-official, name: 测试公众号, library: lib, registrant: mgr, verification: {verified: true, expires: 2099-12-31}, password_keeper: ed, monetization: {ad_revenue: false, content_revenue: false, paid_knowledge: false, tipping: false}, status: active, qr_code: {file: accounts/wx-qr.png, checked: 2026-10-01}}
  - {id: dy, platform: douyin, name: 测试抖音号, library: lib, registrant: mgr, verification: {verified: true, expires: 2099-12-31}, password_keeper: ed, monetization: {ad_revenue: false, content_revenue: false, paid_knowledge: false, tipping: false}, status: active, qr_code: {file: accounts/dy-qr.png, checked: 2026-10-01}}
"""
DY_QR = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR dy"  # a QR code of its own (WM421, WM422); wx's is the base's
ASSETS = (
    "assets:\n"
    "  - {file: img/ok.png, kind: image, creator: ed, source: 自摄, licence: CC-BY-4.0}\n"
    "  - {file: img/cover.png, kind: image, creator: ed, source: 自摄, licence: CC-BY-4.0}\n"
)
PUBLISHED = DRAFT.replace(
    "status: draft",
    ASSETS + "channels:\n"
    "  - {account: wx, published: 2026-09-03T08:00:00+08:00}\n"
    "  - {account: dy, file: versions/a-douyin.md, published: 2026-09-03T09:00:00+08:00}\n"
    "status: published",
)
VERSION = """---
title: "<b>抖音</b>标题"
summary: 一句话摘要
cover: ../img/cover.png
account: dy
---
抖音文案：独有的词语霜降笺。

![图](../img/ok.png)

<script>alert(1)</script>
"""


@pytest.fixture
def site_repo(repo):
    for name in ("hooks", "docs", "overrides"):
        shutil.copytree(skeleton_file(name), repo / name)
    shutil.copy(skeleton_file("mkdocs.yml"), repo / "mkdocs.yml")
    write(repo, "content/accounts.yml", ACCOUNTS)
    write(repo, "content/accounts/dy-qr.png", DY_QR)
    write(repo, "content/posts/2026/09/a.md", PUBLISHED + "\n![图](img/ok.png)\n")
    write(repo, "content/posts/2026/09/versions/a-douyin.md", VERSION)
    write(repo, "content/posts/2026/09/img/ok.png", b"\x89PNG")
    write(repo, "content/posts/2026/09/img/cover.png", b"\x89PNG")
    return repo


@pytest.mark.slow
def test_a_post_page_shows_its_versions_linked_escaped_and_unindexed(run_cli, site_repo):
    code, _, err = run_cli("build", "--root", str(site_repo))
    assert code == 0, err
    page = (site_repo / "site/posts/2026/09/a.html").read_text(encoding="utf-8")
    assert '<h2 class="wm-h" id="versions">各平台版本</h2>' in page
    section = page.split('id="versions"', 1)[1]
    # its platform, title (escaped), summary, cover and body; images relative to the page, not the version
    assert "抖音·测试抖音号" in section and "&lt;b&gt;抖音&lt;/b&gt;标题" in section and "<b>抖音</b>" not in page
    assert "一句话摘要" in section and 'src="img/cover.png"' in section
    assert '<img src="img/ok.png" alt="图" />' in section and "霜降笺" in section
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in section
    assert (site_repo / "site/posts/2026/09/img/cover.png").exists()
    # links both ways: the channels table and the section's own links
    assert '<a href="#version-1">平台版本</a>' in page and 'id="version-1"' in section
    assert 'href="#wm-body"' in section and 'id="wm-body"' in page
    # shown, never indexed: outside the region Pagefind reads, and marked to be ignored
    indexed = re.search(r"<div data-pagefind-body>(.*?)<p hidden>", page, re.S).group(1)
    assert "霜降笺" not in indexed and 'class="wm-versions" data-pagefind-ignore="all"' in page
    # not a page of its own: no HTML file, no link from the navigation or the lists
    assert not list((site_repo / "site").rglob("a-douyin*.html"))
    for listed in ("index.html", "posts/index.html", "views/month/2026-09.html"):
        assert "a-douyin" not in (site_repo / "site" / listed).read_text(encoding="utf-8"), listed


def test_a_post_without_versions_keeps_its_page_as_it_was(repo):
    from wemedia import archive
    from wemedia.model import Post
    from wemedia.sitepages import postpage, versions

    write(repo, "content/posts/a.md", DRAFT)
    loaded = archive.load(repo)
    post = Post(loaded.document("content/posts/a.md"))
    assert versions.section(loaded, post) == ""
    assert "内容</th>" not in postpage.record(loaded, post, "posts/a.md", (None, None), None)


def test_new_version_writes_the_file_and_names_it_in_the_channel(run_cli, repo):
    write(repo, "content/accounts.yml", ACCOUNTS)
    write(repo, "content/accounts/dy-qr.png", DY_QR)
    post = DRAFT.replace("status: draft", "channels:\n  - account: wx\n  # 抖音稍后发\n  - account: dy\nstatus: draft")
    path = write(repo, "content/posts/2026/11/a.md", post)
    code, out, err = run_cli("new", "version", str(path), "--account", "dy", cwd=repo)
    assert code == 0, err
    version = repo / "content/posts/2026/11/a.dy.md"
    assert out.strip().endswith("content/posts/2026/11/a.dy.md")
    text = version.read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "测试文章"\naccount: dy\n---\n') and "正文。" in text
    after = path.read_text(encoding="utf-8")
    assert after == post.replace("  - account: dy\n", "  - account: dy\n    file: a.dy.md\n")  # the comment stays
    code, out, _ = run_cli("check", str(path), cwd=repo)
    assert code == 0 and "WM273" in out  # the copy is the post's body again: rewrite it for the platform
    # once rewritten, nothing to suggest
    version.write_text(text.split("---\n", 2)[0] + "---\n" + text.split("---\n", 2)[1] + "---\n短文案。\n", "utf-8")
    code, out, _ = run_cli("check", str(path), cwd=repo)
    assert code == 0 and "WM27" not in out, out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--account", "wb"], "不在这篇文章的 channels 中"),
        (["--account", "dy"], "已经有平台版本"),
    ],
)
def test_new_version_refuses_what_it_cannot_do(run_cli, repo, argv, message):
    write(repo, "content/accounts.yml", ACCOUNTS)
    write(repo, "content/accounts/dy-qr.png", DY_QR)
    post = DRAFT.replace("status: draft", "channels:\n  - {account: wx}\n  - {account: dy, file: a.txt}\nstatus: draft")
    path = write(repo, "content/posts/a.md", post)
    write(repo, "content/posts/a.txt", "抖音文案\n")
    code, _, err = run_cli("new", "version", str(path), *argv, cwd=repo)
    assert code == 2 and message in err, err
    assert path.read_text(encoding="utf-8") == post


def test_new_version_refuses_a_post_already_signed(run_cli, repo):
    write(repo, "content/accounts.yml", ACCOUNTS)
    write(repo, "content/accounts/dy-qr.png", DY_QR)
    post = DRAFT.replace("status: draft", "channels:\n  - {account: wx}\n  - {account: dy}\nstatus: approved")
    path = write(repo, "content/posts/a.md", post)
    code, _, err = run_cli("new", "version", str(path), "--account", "dy", cwd=repo)
    assert code == 2 and "已签发" in err, err
    assert not (repo / "content/posts/a.dy.md").exists()


def test_a_version_cover_registered_but_missing_is_reported_on_the_post(repo):
    """WM272 asks for the cover in assets; once there, WM211 asks for the file itself."""
    from wemedia import archive, engine

    write(repo, "content/accounts.yml", ACCOUNTS)
    write(repo, "content/accounts/dy-qr.png", DY_QR)
    post = DRAFT.replace(
        "status: draft", ASSETS + "channels:\n  - {account: wx}\n  - {account: dy, file: a.dy.md}\nstatus: draft"
    )
    write(repo, "content/posts/a.md", post + "\n![图](img/ok.png)\n")
    write(repo, "content/posts/img/ok.png", b"\x89PNG")
    write(repo, "content/posts/a.dy.md", "---\ncover: img/cover.png\n---\n抖音短文案。\n")
    found = [(f.rule, f.path, f.message.zh) for f in engine.run(archive.load(repo))]
    assert [(r, p) for r, p, _ in found] == [("WM211", "content/posts/a.md")], found
    assert "img/cover.png" in found[0][2]
