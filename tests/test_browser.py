"""The built site in a real headless Chromium (Debian's, driven by Playwright), served on localhost."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest

pytestmark = pytest.mark.slow

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The example library's site folder, as `wemedia build` leaves it."""
    from wemedia.cli.main import main

    target = tmp_path_factory.mktemp("browser") / "library"
    assert main(["init", str(target), "--no-hook"]) == 0
    assert main(["build", "--root", str(target)]) == 0
    return target / "site"


@pytest.fixture(scope="module")
def site(built):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def page(site):
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "scripts/setup --test installs Debian's chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        yield page
        browser.close()


def test_a_reader_finds_a_post_from_the_front_page(site, page):
    page.goto(f"{site}/index.html")
    assert "南湖市图书馆自媒体存档" in page.title()
    assert page.locator("article").get_by_text("38 篇已发布内容").is_visible()
    page.get_by_role("link", name="全部文章").first.click()
    page.wait_for_load_state()
    page.get_by_role("link", name="2026-09").first.click()
    page.wait_for_load_state()
    page.get_by_role("link", name="古籍修复手记（一）：一册清代家谱的“体检”").click()
    page.wait_for_url("**/posts/2026/09/2026-09-03-guji-xiufu-01.html")
    page.wait_for_load_state()
    article = page.locator("article")
    cells = [cell.inner_text().strip() for cell in article.locator("td").all()]
    assert "南湖市图书馆" in cells and "发布于 2026-09-03 08:00" in cells and "李娜" in cells
    images = article.locator("img")
    assert images.count() == 2
    for i in range(images.count()):
        assert images.nth(i).evaluate("img => img.complete && img.naturalWidth > 0"), "image did not load"


def test_rule_catalogue_links_to_each_rule(site, page):
    page.goto(f"{site}/rules.html")
    page.get_by_role("link", name="WM210").first.click()
    assert page.url.endswith("#wm210")
    assert page.locator("#wm210").is_visible()


def _type_with_an_input_method(page, pinyin: str, words: str) -> None:
    from wemedia.bench import ime_type

    ime_type(page, pinyin, words)


def _results(page, url: str, query: str, pinyin: str | None = None):
    """Pagefind's results for a query typed into the header's search box."""
    page.goto(url)
    box = page.locator("#wemedia-search input.pagefind-ui__search-input")
    box.click()
    if pinyin:
        _type_with_an_input_method(page, pinyin, query)
    else:
        page.keyboard.type(query)
    assert box.input_value() == query
    # Pagefind answers each keystroke: wait for its message about this very query, then for the first
    # result's title
    page.locator(".pagefind-ui__message", has_text=query).wait_for(timeout=15_000)
    results = page.locator(".pagefind-ui__result")
    page.wait_for_function(  # a result shows ". . ." until its fragment has loaded
        "() => { const t = document.querySelector('.pagefind-ui__result-title');"
        " return t !== null && t.textContent.trim() !== '' && !t.textContent.trim().startsWith('.'); }",
        timeout=15_000,
    )
    return results


def _first_result(page, url: str, query: str, pinyin: str | None = None) -> str:
    return _results(page, url, query, pinyin).first.inner_text().replace("\u200b", "")


def test_a_two_character_word_from_the_middle_of_one_body_leads_to_its_post(site, page):
    """霉斑 occurs once in the whole archive, mid-sentence in one post's body (“书口霉斑明显”). Typed with
    an input method it finds that post and no other; the snippet is the post's text with the word marked,
    not its record card; and the result leads to the post."""
    results = _results(page, f"{site}/posts/index.html", "霉斑", pinyin="meiban")
    assert results.count() == 1
    assert "古籍修复手记（一）" in results.first.locator(".pagefind-ui__result-title").inner_text()
    snippet = results.first.locator(".pagefind-ui__result-excerpt")
    assert snippet.locator("mark").inner_text() == "霉斑" and "书口霉斑明显" in snippet.inner_text()
    for card in ("已发布", "馆藏揭示", "李娜", "初审", "CC-BY-NC-4.0", "mp.weixin.qq.com"):
        assert card not in snippet.inner_text(), card
    results.first.locator("a.pagefind-ui__result-link").click()
    page.wait_for_url("**/posts/2026/09/2026-09-03-guji-xiufu-01.html")
    assert "书口霉斑明显" in page.locator("article").inner_text()


def test_search_finds_words_inside_sentences_and_the_summary(site, page):
    """“最少干预” occurs only mid-sentence in one body: found typed as one phrase with an input method,
    and with a space; a word of the summary finds the post too, and 家谱 (two posts) finds both."""
    assert "古籍修复手记（一）" in _first_result(page, f"{site}/index.html", "最少干预", pinyin="zuishaoganyu")
    assert "古籍修复手记（一）" in _first_result(page, f"{site}/index.html", "最少 干预")
    in_summary = _results(page, f"{site}/index.html", "入库", pinyin="ruku")  # only in the post's summary
    assert in_summary.count() == 1 and "古籍修复手记（一）" in in_summary.first.inner_text()
    titles = _results(page, f"{site}/index.html", "家谱", pinyin="jiapu").locator(".pagefind-ui__result-title")
    assert sorted(t.inner_text()[:8] for t in titles.all()) == ["古籍修复手记（一", "古籍修复手记（四"]


def test_search_finds_rule_codes_and_offers_filters(site, page):
    """The rule catalogue is indexed (a two-letter code finds it); the post list and the front page, which
    name every post, are not. Filters by account, platform, category and year narrow the results."""
    assert "规则目录" in _first_result(page, f"{site}/index.html", "WM")
    _results(page, f"{site}/index.html", "修复", pinyin="xiufu")
    names = [name.strip() for name in page.locator(".pagefind-ui__filter-name").all_inner_texts()]
    assert {"账号", "平台", "分类", "年份"} <= set(names), names
    page.locator(".pagefind-ui__filter-name", has_text="分类").click()
    page.get_by_label("馆藏揭示").check()
    page.wait_for_timeout(800)
    assert page.locator(".pagefind-ui__result").count() >= 1
    assert all("全部文章" not in t for t in page.locator(".pagefind-ui__result-title").all_inner_texts())


def test_from_the_folder_the_search_box_says_it_needs_a_server(built, page):
    """Opened from site/ (file://), browsers refuse Pagefind's module and fetches: the box says so in
    Chinese instead of failing silently; the pages themselves still work."""
    page.goto(built.joinpath("views/month/2026-09.html").as_uri())
    page.locator("#wemedia-search input").click()
    note = page.locator(".wemedia-search__note")
    note.wait_for()
    assert "wemedia serve" in note.inner_text() and "http://" in note.inner_text()
    page.get_by_role("link", name="古籍修复手记（一）：一册清代家谱的“体检”").click()
    assert "书口霉斑明显" in page.locator("article").inner_text()


@pytest.mark.parametrize("opened", ["served", "from the folder"])
def test_the_site_loads_nothing_from_outside(site, built, page, opened):
    """An internal archive must work offline and leak no visits: no fonts or scripts from the internet."""
    base = site if opened == "served" else built.as_uri()
    outside = []
    fresh = page.context.browser.new_page()  # its own page: no late request of an earlier test's page is counted
    try:
        fresh.on(
            "request",
            lambda r: outside.append(r.url) if not r.url.startswith((base, "data:", "blob:")) else None,
        )
        fresh.goto(f"{base}/posts/2026/09/2026-09-03-guji-xiufu-01.html")
        fresh.wait_for_load_state("networkidle")
    finally:
        fresh.close()
    assert outside == []
