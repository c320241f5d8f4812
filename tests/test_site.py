"""A real `mkdocs build --strict` of a repository, and what the built site holds."""

from __future__ import annotations

import re
import shutil

import pytest

from wemedia.resources import skeleton_file
from wemedia.rules import RULES

from conftest import DRAFT, PROJECT, write

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
    missing = (target / "site/404.html").read_text(encoding="utf-8")
    assert "404 · 找不到这个页面" in missing and "Not found" not in missing
    assert f"用浏览器打开：{(target / 'site/index.html').as_uri()}" in out


def _example_statuses(target) -> dict[str, str]:
    """Each example post's status as its front-matter says (read here, independently of wemedia)."""
    import yaml

    out = {}
    for path in sorted((target / "content/posts").rglob("*.md")):
        data = yaml.safe_load(re.match(r"---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), re.S).group(1))
        if "status" not in data:
            continue  # a per-platform version of a post, not a post
        published = any(c.get("published") or c.get("url") for c in data.get("channels") or [])
        out[str(path.relative_to(target / "content")).removesuffix(".md")] = (
            "on-site" if data["status"] in ("published", "corrected", "withdrawn") or published else data["status"]
        )
    return out


def test_home_page_figures_lead_to_views_that_exist(built):
    """Every link of the home page (figures, chart bars, dashboards) opens a built page; the count is
    the example's published, corrected and withdrawn posts; the site carries the central library's name."""
    from urllib.parse import unquote

    target, _ = built
    index = (target / "site/index.html").read_text(encoding="utf-8")
    assert 'lang="zh"' in index and "<title>南湖市图书馆自媒体存档</title>" in index
    on_site = [p for p, s in _example_statuses(target).items() if s == "on-site"]
    assert re.search(rf"<strong>{len(on_site)}</strong> 篇已发布内容", index) and len(on_site) == 38
    main = index.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    links = set(re.findall(r'href="([^"#]+)"', main)) - {"."}
    assert len(links) > 25
    for href in links:
        assert (target / "site" / unquote(href)).is_file(), href
    for view in ("month", "platform", "account", "category", "series", "tag", "library", "author", "reviewer"):
        assert f"views/{view}/index.html" in index or (target / f"site/views/{view}/index.html").is_file(), view


def test_only_published_posts_are_pages(built):
    """Drafts, posts in review and approved-but-unpublished posts are not pages; a withdrawn one is,
    behind its notice."""
    target, _ = built
    for post, status in _example_statuses(target).items():
        assert (target / f"site/{post}.html").is_file() == (status == "on-site"), (post, status)
    withdrawn = (target / "site/posts/2026/09/2026-09-26-laozhaopian-02.html").read_text(encoding="utf-8")
    notice, rest = withdrawn.split("本文已撤回", 1)[1].split('<div class="wm-body"', 1)
    assert "原因：" in notice and "批准人：" in notice and "不得再次发布" in notice and rest


def test_accounts_are_told_apart_by_platform(built):
    target, _ = built
    accounts = (target / "site/views/account/index.html").read_text(encoding="utf-8")
    for shown in ("微信公众号·南湖市图书馆", "微博·南湖市图书馆", "抖音·南湖市图书馆", "微信视频号·南湖图书馆视频号"):
        assert shown in accounts, shown
    weibo = (target / "site/views/account/nanhu-weibo.html").read_text(encoding="utf-8")
    assert "关于周末延时开放的说明" in weibo and "发布于 2026-10-20" in weibo
    reviewer = (target / "site/views/reviewer/li-na.html").read_text(encoding="utf-8")
    assert "审核人" in reviewer and "关于周末延时开放的说明" in reviewer


def test_a_series_is_listed_in_order_with_previous_and_next(built):
    target, _ = built
    series = (target / "site/views/series/guji-xiufu.html").read_text(encoding="utf-8")
    order = [series.index(f"古籍修复手记（{n}）") for n in "一二三"]
    assert order == sorted(order)
    second = (target / "site/posts/2026/09/2026-09-12-guji-xiufu-02.html").read_text(encoding="utf-8")
    assert re.search(r'上一篇：<a href="2026-09-03-guji-xiufu-01.html">古籍修复手记（一）', second)
    assert re.search(r'下一篇：<a href="2026-09-22-guji-xiufu-03.html">古籍修复手记（三）', second)


def test_rule_catalogue_names_each_rule_in_its_table_of_contents(built):
    target, _ = built
    rules = (target / "site/rules.html").read_text(encoding="utf-8")
    toc = rules.split('class="md-nav md-nav--secondary"', 1)[1].split("</nav>", 1)[0]
    for rule in RULES.values():
        assert f'id="{rule.id.lower()}"' in rules
        assert re.search(rf'href="#{rule.id.lower()}"[^>]*>\s*<span[^>]*>\s*{rule.id} ', toc), rule.id
    assert "WM220 签发或发布的文章必须有两位不同审核人的初审和复审" in toc


def test_clause_coverage_counts_the_findings_that_stand(built):
    """Each clause with its rules and the findings of a full check now: the example has warnings, no errors."""
    from wemedia import archive, engine

    target, _ = built
    coverage = (target / "site/dashboards/coverage.html").read_text(encoding="utf-8")
    rows = {m.group(1): m.group(0) for m in re.finditer(r"<tr>\s*<td>([^<]+)</td>.*?</tr>", coverage, re.S)}
    assert "WM220" in rows["5.3.2"] and "WM221" in rows["5.3.3.1"]
    found = engine.run(archive.load(target))
    for clause in {f.clause for f in found}:
        n = sum(1 for f in found if f.clause == clause and f.severity == "warning")
        assert re.search(rf"<td[^>]*>{n}</td>\s*</tr>", rows[clause]), (clause, n)


def test_post_page_shows_metadata_review_trail_and_images(built):
    target, _ = built
    page = (target / "site/posts/2026/09/2026-09-03-guji-xiufu-01.html").read_text(encoding="utf-8")
    for text in (
        "馆藏揭示",
        "已发布",
        "赵磊",
        "初审",
        "复审",
        "签发",
        "李娜",
        "王芳",
        "修复的第一原则",
        "创建于",
        "发布于",
    ):
        assert text in page, text
    assert page.count("签名有效，与本页内容一致") == 3  # the example's signatures verify against the text shown
    assert "知识共享 署名—非商业性使用 4.0 国际" in page and "creativecommons.org/licenses/by-nc/4.0/" in page
    assert "微信公众号·南湖市图书馆" in page
    assert 'src="img/guji-xiufu-01-1.png"' in page
    assert page.count("<h1") == 1  # the body's own "# title" is not repeated under the page heading
    assert (target / "site/posts/2026/09/img/guji-xiufu-01-1.png").read_bytes()[:4] == b"\x89PNG"
    corrected = (target / "site/posts/2026/10/2026-10-20-kaifang-shijian-gengzheng.html").read_text(encoding="utf-8")
    assert "延时开放起始日期误写为 10 月 18 日" in corrected and "读者服务部" in corrected
    notice = corrected.index("本文已更正")
    assert notice < corrected.index('<div class="wm-body"') and "批准人：王芳" in corrected[notice : notice + 300]
    assert "本文已更正" not in page


# A post that went out (the site shows only those); the rules would want reviews, the site does not.
PUBLISHED = DRAFT.replace(
    "status: draft", "channels:\n  - {account: wx, published: 2026-09-03T08:00:00+08:00}\nstatus: published"
)


@pytest.fixture
def site_repo(repo):
    """The minimal repository with the site skeleton `wemedia init` ships (mkdocs.yml, hooks/, docs/)."""
    for name in ("hooks", "docs", "overrides"):
        shutil.copytree(skeleton_file(name), repo / name)
    shutil.copy(skeleton_file("mkdocs.yml"), repo / "mkdocs.yml")
    return repo


def test_titles_and_urls_are_escaped_not_executed(run_cli, site_repo):
    repo = site_repo
    hostile = DRAFT.replace("title: 测试文章", 'title: "<script>alert(1)</script>|x*y*"').replace(
        "status: draft",
        "channels:\n"
        "  - {account: wx, published: 2026-09-03T08:00:00+08:00, url: 'https://x.example/<img src=x onerror=alert(1)>'}\n"
        "  - {account: wx, url: 'javascript:alert(2)'}\n"
        "  - {account: wx, url: 'https://x.example/a|b'}\n"
        "status: published",
    )
    write(repo, "content/posts/x.md", hostile)
    code, _, err = run_cli("build", "--root", str(repo))
    assert code == 0, err
    listing = (repo / "site/views/month/2026-09.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in listing and "&lt;script&gt;" in listing
    assert "&#124;x&#42;y&#42;" in listing and "<em>y</em>" not in listing  # as written, never as markup
    page = (repo / "site/posts/x.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="javascript:' not in page and "javascript:alert(2)" in page
    assert 'href="https://x.example/a&#124;b"' in page  # the pipe, as an entity, stays inside its cell and link


def test_a_broken_link_in_a_post_fails_the_strict_build(run_cli, site_repo):
    repo = site_repo
    write(repo, "content/posts/x.md", PUBLISHED + "\n[上一篇](missing.md)\n")
    code, _, err = run_cli("build", "--root", str(repo))
    assert code != 0 and "网站生成失败" in err


@pytest.mark.parametrize("name", ["冬至活动(二.md", "冬至活动)二.md", "冬至 活动.md"])
def test_a_post_is_linked_whatever_its_file_name(run_cli, site_repo, name):
    """Librarians name files as they like; an unbalanced bracket must not end the post list's link."""
    from urllib.parse import unquote

    write(site_repo, f"content/posts/2026/11/{name}", PUBLISHED.replace("title: 测试文章", "title: 冬至活动"))
    code, _, err = run_cli("build", "--root", str(site_repo))
    assert code == 0, err
    listing = (site_repo / "site/views/month/2026-09.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<a href="([^"]+)"[^>]*>冬至活动</a>', listing)
    assert len(hrefs) == 1, "the title is not a link"
    assert (site_repo / "site/views/month" / unquote(hrefs[0])).resolve().is_file(), hrefs[0]


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
    write(
        site_repo,
        "content/posts/2026/11/a.md",
        PUBLISHED.replace("status: published\n", assets + "status: published\n") + body,
    )
    write(site_repo, "content/posts/2026/11/b.md", PUBLISHED.replace("title: 测试文章", "title: 另一篇"))
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
    write(site_repo, "content/posts/2026/11/a.md", PUBLISHED + "\n本文引用了内部资料，联系 13812345678。\n")
    code, _, err = run_cli("build", "--root", str(site_repo))
    assert code != 0
    assert "content/posts/2026/11/a.md:" in err and "WM601" in err and "WM602" in err and "网站不收录" in err, err
    assert "13812345678" not in err and "内部资料" not in err.split("terms")[0]
    assert not (site_repo / "site/posts/2026/11/a.html").exists()


def test_a_second_library_carries_its_own_name_and_logo(run_cli, site_repo):
    from imagebytes import png

    write(
        site_repo,
        "content/libraries.yml",
        "libraries:\n  - {id: lib, name: 清溪区图书馆, kind: district, logo: libraries/logo.png}\n",
    )
    write(site_repo, "content/libraries/logo.png", png())
    write(site_repo, "content/posts/2026/09/a.md", PUBLISHED)
    code, _, err = run_cli("build", "--root", str(site_repo))
    assert code == 0, err
    index = (site_repo / "site/index.html").read_text(encoding="utf-8")
    assert "<title>清溪区图书馆自媒体存档</title>" in index and "南湖" not in index
    assert re.search(r'<img src="assets/logo.png" alt="logo">', index)
    assert (site_repo / "site/assets/logo.png").read_bytes() == png()
    assert "清溪区图书馆自媒体存档 · 由 wemedia" in index  # the footer too


def test_posts_in_review_appear_only_when_the_settings_ask(run_cli, site_repo):
    write(site_repo, "content/posts/2026/09/a.md", PUBLISHED)
    write(site_repo, "content/posts/2026/09/b.md", DRAFT.replace("status: draft", "status: in-review"))
    assert run_cli("build", "--root", str(site_repo))[0] == 0
    assert (site_repo / "site/posts/2026/09/a.html").is_file()
    assert not (site_repo / "site/posts/2026/09/b.html").exists()
    config = site_repo / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("review_queue: false", "review_queue: true"), "utf-8")
    code, _, err = run_cli("build", "--root", str(site_repo))
    assert code == 0, err
    queued = (site_repo / "site/posts/2026/09/b.html").read_text(encoding="utf-8")
    assert "审核队列：尚未发布" in queued and "审核中" in queued
    listing = (site_repo / "site/posts/index.html").read_text(encoding="utf-8")
    assert "审核队列（尚未发布）" in listing and "b.html" in listing
    month = (site_repo / "site/views/month/2026-09.html").read_text(encoding="utf-8")
    assert "a.html" in month and "b.html" not in month  # the archive's views hold published posts only


def test_no_page_requests_anything_from_outside(built):
    """Parse every built page: no stylesheet, script, image, frame, @import or url() from another host
    outside a post's own content (links a reader clicks, <a href>, may point anywhere)."""
    from html.parser import HTMLParser

    target, _ = built
    outside = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
    css_url = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s]+)|url\(\s*['"]?([^'")\s]+)""", re.I)

    class Loads(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found, self.depth, self.in_style = [], 0, False

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if "wm-body" in (attrs.get("class") or ""):
                self.depth = 1
            elif self.depth and tag == "div":
                self.depth += 1
            if self.depth:
                return  # a post's own content: the checks judge it (WM-rules on media), not this test
            for name in ("src", "srcset", "data", "poster") + (("href",) if tag == "link" else ()):
                if attrs.get(name) and outside.match(attrs[name]):
                    self.found.append((tag, attrs[name]))
            for m in css_url.finditer(attrs.get("style") or ""):
                self.found.append((tag, m.group(1) or m.group(2)))
            self.in_style = tag == "style"

        def handle_endtag(self, tag):
            if self.depth and tag == "div":
                self.depth -= 1
            self.in_style = False

        def handle_data(self, data):
            if self.in_style:
                self.found += [("style", m.group(1) or m.group(2)) for m in css_url.finditer(data)]

    pages = sorted((target / "site").rglob("*.html"))
    assert len(pages) > 60
    for page in pages:
        parser = Loads()
        parser.feed(page.read_text(encoding="utf-8"))
        assert [f for f in parser.found if outside.match(f[1])] == [], page
    for sheet in (target / "site").rglob("*.css"):
        for m in css_url.finditer(sheet.read_text(encoding="utf-8")):
            assert not outside.match(m.group(1) or m.group(2)), (sheet, m.group(0))


def test_views_are_paginated(site_repo, monkeypatch):
    """A key with more posts than a page holds is split into pages linked to each other."""
    from wemedia import archive, website
    from wemedia.sitepages import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    monkeypatch.setattr(views, "KEYS_PER_PAGE", 2)
    for day in range(1, 6):
        write(
            site_repo,
            f"content/posts/2026/09/p{day}.md",
            PUBLISHED.replace("title: 测试文章", f"title: 第{day}篇")
            .replace("2026-09-03T08", f"2026-09-0{day}T08")
            .replace("status: published", f"tags: [标签{day}]\nstatus: published"),
        )
    site = website.render(archive.load(site_repo), site_repo, findings=[])
    pages = [site.generated.get(f"views/month/2026-09{suffix}.md") for suffix in ("", "-p2", "-p3")]
    assert all(pages) and "views/month/2026-09-p4.md" not in site.generated
    assert [p.count("](../../posts/2026/09/p") for p in pages] == [2, 2, 1]
    assert "第5篇" in pages[0] and "第1篇" in pages[2]  # newest first
    assert "[下一页](2026-09-p2.md)" in pages[0] and "[上一页](2026-09-p2.md)" in pages[2]
    assert "第 2 / 3 页" in pages[1]
    tags = [site.generated.get(f"views/tag/index{suffix}.md") for suffix in ("", "-p2", "-p3")]
    assert all(tags) and [t.count("| [标签") for t in tags] == [2, 2, 1] and "共 5 项" in tags[2]
    assert "[下一页](index-p2.md)" in tags[0]


@pytest.mark.parametrize(
    "here, there",
    [
        ("index.md", "posts/2026/09/a.md"),
        ("posts/2026/09/a.md", "posts/2026/09/b.md"),
        ("posts/2026/09/a.md", "views/tag/x.md"),
        ("views/month/2026-09.md", "views/month/2026-09-p2.md"),
        ("views/month/2026-09.md", "posts/2026/09/冬至 活动(二.md"),
        ("dashboards/accounts.md", "accounts/x.png"),
        ("posts/a.md", "posts/2026/a.md"),
        ("posts/2026/a.md", "posts/a.md"),
        ("posts/2026/a.md", "posts/2026/a.md"),
    ],
)
def test_page_links_are_relative_and_percent_encoded(here, there):
    import posixpath
    from urllib.parse import quote

    from wemedia.sitepages.common import href

    assert href(here, there) == quote(posixpath.relpath(there, posixpath.dirname(here) or "."))


def test_a_status_does_not_hide_a_publication_and_odd_tags_stay_in_their_folder(site_repo):
    """A post whose channel already carries a URL is on the site whatever its status says; a tag made
    of path characters names a page inside views/tag/, and two tags that differ only there do not meet."""
    from wemedia import archive, website

    hidden = DRAFT.replace(
        "status: draft", "channels:\n  - {account: wx, url: 'https://x.example/1'}\nstatus: in-review"
    )
    write(site_repo, "content/posts/2026/09/a.md", hidden)
    tagged = PUBLISHED.replace(
        "status: published", "tags: ['../../etc/passwd', '..-..-etc-passwd', 'a/b']\nstatus: published"
    )
    write(site_repo, "content/posts/2026/09/b.md", tagged)
    site = website.render(archive.load(site_repo), site_repo, findings=[])
    assert "posts/2026/09/a.md" in site.generated and "posts/2026/09/b.md" in site.generated
    tags = [uri for uri in site.generated if uri.startswith("views/tag/") and uri != "views/tag/index.md"]
    assert len(tags) == 3 and all(uri.count("/") == 2 and ".." not in uri.split("/")[2][:2] for uri in tags), tags


def test_a_withdrawn_post_without_its_record_still_says_it_was_withdrawn(site_repo):
    from wemedia import archive, website

    write(site_repo, "content/posts/2026/09/a.md", PUBLISHED.replace("status: published", "status: withdrawn"))
    page = website.render(archive.load(site_repo), site_repo, findings=[]).generated["posts/2026/09/a.md"]
    assert "本文已撤回" in page and "原因：（未写明）" in page


def test_search_indexes_titles_summaries_and_bodies_not_record_cards(built, run_cli):
    """Pagefind indexes the region search.region marks: the body (and the title and summary, hidden), with
    filters; the record card above it stays out. The lists of every post are not indexed at all."""
    target, _ = built
    assert '"zh"' in (target / "site/pagefind/pagefind-entry.json").read_text(encoding="utf-8")
    page = (target / "site/posts/2026/09/2026-09-03-guji-xiufu-01.html").read_text(encoding="utf-8")
    assert page.count("data-pagefind-body") == 1
    region = page.partition("data-pagefind-body")[2].split('<div class="wm-record"')[0]
    card = page.partition('<div class="wm-record"')[2].split("</article>")[0]
    for text in ("审核记录", "发布渠道", "李娜", "CC-BY-NC-4.0"):
        assert text in card and text not in region, text
    for text in ("书口霉斑明显", "修复师带你看一册清代家谱", "古籍修复手记（一）"):
        assert text in region, text
    for name, value in (
        ("分类", "馆藏揭示"),
        ("年份", "2026"),
        ("平台", "微信公众号"),
        ("账号", "微信公众号·南湖市图书馆"),
    ):
        assert f'data-pagefind-filter="{name}">{value}<' in region, name
    for listing in ("posts/index.html", "views/month/2026-09.html", "views/tag/index.html", "dashboards/accounts.html"):
        assert "data-pagefind-body" not in (target / "site" / listing).read_text(encoding="utf-8"), listing
    rules = (target / "site/rules.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in rules and 'data-pagefind-ignore class="headerlink"' in rules  # no ¶ in a result


def test_the_build_says_the_search_index_in_chinese_and_fails_clearly_without_a_site(built, tmp_path):
    from wemedia import search

    target, _ = built
    said: list[str] = []
    assert search.index(target / "site", "zh", said.append) is None
    marked = [p for p in (target / "site").rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert said[0] == "正在生成搜索索引……" and said[-1].startswith(f"搜索索引已生成：{len(marked)} 个页面"), said
    assert len(marked) == 38 + 2  # the published posts, the rule catalogue and the about page
    assert all(line.startswith(("正在", "搜索索引")) for line in said), said  # no English chatter
    problem = search.index(tmp_path / "nothing", "zh", said.append)
    assert problem is not None and "无法生成搜索索引" in problem.zh


def test_statistics_page_charts_each_account_and_collates_messages_by_theme(run_cli, site_repo):
    target = site_repo  # the example as it is in this checkout (`built` copies it as last committed)
    shutil.rmtree(target / "content")
    shutil.copytree(PROJECT / "content", target / "content")
    code, _, err = run_cli("build", "--root", str(target))
    assert code == 0, err
    page = (target / "site/dashboards/statistics.html").read_text(encoding="utf-8")
    assert "数据统计" in page and "<script" not in page.split("<article")[1].split("</article>")[0]
    assert page.count('<svg class="wm-chart"') == 3 * 5  # followers, reads, items for each of the 5 accounts
    assert "48,873" in page and "+510" in page  # the example's nanhu-wechat: November total, October net
    shots = re.findall(r'href="(\.\./metrics/[^"]+-followers\.png)"', page)
    assert len(shots) == 15 and all((target / "site/dashboards" / s).resolve().is_file() for s in shots)
    assert "开放时间" in page and "m2026-11-004" in page and "已提交馆务会讨论" in page
    home = (target / "site/index.html").read_text(encoding="utf-8")
    assert 'href="dashboards/statistics.html"' in home


def test_a_missing_figure_is_shown_as_a_dash_never_as_zero(run_cli, site_repo):
    repo = site_repo
    header = "account,month,followers_total,followers_new,followers_lost,followers_net,items,reads\n"
    write(repo, "content/metrics/2026-10.csv", header + "wx,2026-10,1000,30,10,20,3,\n")
    write(repo, "content/metrics/2026-11.csv", header + "wx,2026-11,,25,10,15,0,0\n")
    write(repo, "content/metrics/2026-11/wx-followers.png", b"png")
    write(
        repo,
        "content/messages/2026-11.yml",
        "messages:\n"
        "  - {id: q1, account: wx, kind: inquiry, received: 2026-11-02T10:00:00+08:00, summary: 问开放时间}\n"
        "  - {id: s1, account: wx, kind: suggestion, received: 2026-11-03T10:00:00+08:00, summary: 建议延时, theme: 开放时间}\n",
    )
    code, _, err = run_cli("build", "--root", str(repo))
    assert code == 0, err
    page = (repo / "site/dashboards/statistics.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>\s*<td>(2026-1[01])</td>(.*?)</tr>", page, re.S)
    cells = {month: re.findall(r"<td[^>]*>(.*?)</td>", rest) for month, rest in rows}
    assert cells["2026-10"][:6] == ["1,000", "30", "10", "+20", "3", "—"] and "没有截图" in cells["2026-10"][-1]
    assert cells["2026-11"][:6] == ["—", "25", "10", "+15", "0", "0"] and "截图" in cells["2026-11"][-1]
    assert "没有数据" in page  # the chart marks the missing month instead of drawing a zero
    assert "（未写主题）" in page and "尚未登记" in page and "尚未写明" in page


def test_an_account_page_shows_its_publishing_calendar(run_cli, site_repo):
    """A year heatmap per year with publications (a gap across the year's end shows in both), Monday on
    top, months in Chinese, a `<title>` per day, a gap over the limit outlined, a recorded pause listed
    with its reason; drawn as SVG at build time, nothing to run in the browser."""
    repo = site_repo
    write(repo, "content/policy/publishing.yml", "max_gap_days: 10\n")
    accounts = (repo / "content/accounts.yml").read_text(encoding="utf-8")
    write(
        repo,
        "content/accounts.yml",
        accounts + "    publishing:\n      pauses:\n      - {from: 2026-03-01, until: 2026-03-05, reason: 闭馆改造}\n",
    )
    for name, when in (
        ("a", "2025-12-28T09:00:00+08:00"),
        ("b", "2026-01-20T09:00:00+08:00"),
        ("c", "2026-01-20T20:00:00+08:00"),
    ):
        write(repo, f"content/posts/{name}.md", PUBLISHED.replace("2026-09-03T08:00:00+08:00", when))
    code, _, err = run_cli("build", "--root", str(repo))
    assert code == 0, err
    page = (repo / "site/views/account/wx.html").read_text(encoding="utf-8")
    svgs = re.findall(r'<svg class="wm-calendar".*?</svg>', page, re.S)
    assert len(svgs) == 2 and "<script" not in "".join(svgs)
    newest, oldest = svgs
    assert (
        'role="img"' in newest and 'aria-label="微信公众号·测试公众号 2026 年发布日历：1 天有发布，共 2 条；' in newest
    )
    assert "2025 年发布日历：1 天有发布，共 1 条；3 天处于超过最长间隔的空档中" in oldest
    assert re.findall(r">(\d+)月</text>", newest) == [str(n) for n in range(1, 13)]
    assert re.search(r">一</text>.*>三</text>.*>五</text>", newest)  # Monday first
    assert "<title>2026-01-20 星期二：发布 2 条</title>" in newest
    assert re.search(
        r'stroke="#d73a49"[^>]*><title>2026-01-05 星期一：未发布；空档 2025-12-28 到 2026-01-20，计 23 天', newest
    )
    assert "<title>2026-03-02 星期一：未发布；已记录暂停：闭馆改造；空档 2026-01-20 到今天" in newest
    assert "2026-03-01 至 2026-03-05" in page and "闭馆改造" in page and "最长发布间隔：10 天" in page
    assert '<div class="wm-scroll wm-heatmap">' in page
