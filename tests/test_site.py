"""A real `mkdocs build --strict` of a repository, and what the built site holds."""

from __future__ import annotations

import re
import shutil

import pytest

from wemedia.resources import skeleton_file
from wemedia.rules import RULES

from conftest import DRAFT, write

pytestmark = pytest.mark.slow


@pytest.fixture
def built(run_cli, tmp_path):
    target = tmp_path / "library"
    assert run_cli("init", str(target), "--no-hook")[0] == 0
    code, out, err = run_cli("build", "--root", str(target))
    assert code == 0, err
    return target, out


def test_build_says_where_to_open_the_site(built):
    target, out = built
    assert f"用浏览器打开：{(target / 'site/index.html').as_uri()}" in out


def test_overview_post_list_and_rule_catalogue(built):
    target, _ = built
    index = (target / "site/index.html").read_text(encoding="utf-8")
    assert 'lang="zh"' in index and "自媒体存档" in index
    assert re.search(r"共 <strong>43</strong> 篇内容", index)
    listing = (target / "site/posts/index.html").read_text(encoding="utf-8")
    assert "古籍修复手记（一）：一册清代家谱的“体检”" in listing and "2026-09" in listing
    rules = (target / "site/rules.html").read_text(encoding="utf-8")
    for rule_id in RULES:
        assert f'id="{rule_id.lower()}"' in rules


def test_post_page_shows_metadata_review_trail_and_images(built):
    target, _ = built
    page = (target / "site/posts/2026/09/2026-09-03-guji-xiufu-01.html").read_text(encoding="utf-8")
    for text in ("馆藏揭示", "已发布", "赵磊", "初审", "复审", "签发", "李娜", "王芳", "修复的第一原则"):
        assert text in page, text
    assert 'src="img/guji-xiufu-01-1.png"' in page
    assert page.count("<h1") == 1  # the body's own "# title" is not repeated under the page heading
    assert (target / "site/posts/2026/09/img/guji-xiufu-01-1.png").read_bytes()[:4] == b"\x89PNG"


@pytest.fixture
def site_repo(repo):
    """The minimal repository with the site skeleton `wemedia init` ships (mkdocs.yml, hooks/, docs/)."""
    for name in ("hooks", "docs"):
        shutil.copytree(skeleton_file(name), repo / name)
    shutil.copy(skeleton_file("mkdocs.yml"), repo / "mkdocs.yml")
    return repo


def test_titles_and_urls_are_escaped_not_executed(run_cli, site_repo):
    repo = site_repo
    hostile = DRAFT.replace("title: 测试文章", 'title: "<script>alert(1)</script>|x"').replace(
        "status: draft",
        "channels:\n"
        "  - {account: wx, url: 'https://x.example/<img src=x onerror=alert(1)>'}\n"
        "  - {account: wx, url: 'javascript:alert(2)'}\n"
        "  - {account: wx, url: 'https://x.example/a|b'}\n"
        "status: draft",
    )
    write(repo, "content/posts/x.md", hostile)
    code, _, err = run_cli("build", "--root", str(repo))
    assert code == 0, err
    listing = (repo / "site/posts/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in listing and "&lt;script&gt;" in listing
    page = (repo / "site/posts/x.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="javascript:' not in page and "javascript:alert(2)" in page
    assert 'href="https://x.example/a&#124;b"' in page  # the pipe, as an entity, stays inside its cell and link


def test_a_broken_link_in_a_post_fails_the_strict_build(run_cli, site_repo):
    repo = site_repo
    write(repo, "content/posts/x.md", DRAFT + "\n[上一篇](missing.md)\n")
    code, _, err = run_cli("build", "--root", str(repo))
    assert code != 0 and "网站生成失败" in err


@pytest.mark.parametrize("name", ["冬至活动(二.md", "冬至活动)二.md", "冬至 活动.md"])
def test_a_post_is_linked_whatever_its_file_name(run_cli, site_repo, name):
    """Librarians name files as they like; an unbalanced bracket must not end the post list's link."""
    from urllib.parse import unquote

    write(site_repo, f"content/posts/2026/11/{name}", DRAFT.replace("title: 测试文章", "title: 冬至活动"))
    code, _, err = run_cli("build", "--root", str(site_repo))
    assert code == 0, err
    listing = (site_repo / "site/posts/index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<a href="([^"]+)"[^>]*>冬至活动</a>', listing)
    assert len(hrefs) == 1, "the title is not a link"
    assert (site_repo / "site/posts" / unquote(hrefs[0])).is_file(), hrefs[0]


def test_a_post_body_is_shown_as_the_checks_read_it(run_cli, site_repo):
    """The site renders bodies with the CommonMark parse the checks read: an attribute list cannot
    swap a declared image for an outside one, raw tags that load from anywhere are shown as text,
    a link to another post leads to its page, and a symlink leaving the repository is never copied."""
    import os

    write(site_repo, "content/posts/2026/11/img/ok.png", b"\x89PNG")
    os.symlink("/etc/passwd", site_repo / "content/posts/2026/11/img/link.png")
    assets = (
        "assets:\n  - {file: img/ok.png, kind: image, creator: ed, source: 自摄, licence: CC-BY-4.0}\n"
        "  - {file: img/link.png, kind: image, creator: ed, source: 自摄, licence: CC-BY-4.0}\n"
    )
    body = (
        '\n![图](img/ok.png){ src="https://evil.example/x.png" }\n\n<base href="https://evil.example/">\n\n'
        "[另一篇](b.md)\n"
    )
    write(site_repo, "content/posts/2026/11/a.md", DRAFT.replace("status: draft\n", assets + "status: draft\n") + body)
    write(site_repo, "content/posts/2026/11/b.md", DRAFT.replace("title: 测试文章", "title: 另一篇"))
    code, _, err = run_cli("build", "--root", str(site_repo))
    assert code == 0, err
    page = (site_repo / "site/posts/2026/11/a.html").read_text(encoding="utf-8")
    assert '<img src="img/ok.png" alt="图" />' in page and 'evil.example/x.png" }' in page.replace("&quot;", '"')
    assert '<img src="https://evil' not in page and "<base " not in page and "&lt;base href" in page
    assert '<a href="b.html">另一篇</a>' in page
    assert (site_repo / "site/posts/2026/11/img/ok.png").exists()
    assert not (site_repo / "site/posts/2026/11/img/link.png").exists()


def test_the_build_stops_on_what_the_disclosure_guard_stops(run_cli, site_repo):
    write(site_repo, "content/policy/disclosure.yml", "terms:\n  - {term: 内部资料, category: 内部文件}\n")
    write(site_repo, "content/posts/2026/11/a.md", DRAFT + "\n本文引用了内部资料，联系 13812345678。\n")
    code, _, err = run_cli("build", "--root", str(site_repo))
    assert code != 0
    assert "content/posts/2026/11/a.md:" in err and "WM601" in err and "WM602" in err and "网站不收录" in err, err
    assert "13812345678" not in err and "内部资料" not in err.split("terms")[0]
    assert not (site_repo / "site/posts/2026/11/a.html").exists()
