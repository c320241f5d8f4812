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
    assert page.locator("article").get_by_text("37 篇已发布内容").is_visible()
    page.get_by_role("link", name="全部文章").first.click()
    page.get_by_role("link", name="2026-09").first.click()
    page.get_by_role("link", name="古籍修复手记（一）：一册清代家谱的“体检”").click()
    assert page.url.endswith("/posts/2026/09/2026-09-03-guji-xiufu-01.html")
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
    """As a reader types Chinese with a pinyin input method: each letter is a key press composing the
    pinyin, the space bar commits the chosen words, and its key-up comes last — Material searches on
    key-up. (`page.keyboard.type("家谱")` only inserts the characters: no key-up after them, no search.)"""
    cdp = page.context.new_cdp_session(page)
    for i, letter in enumerate(pinyin, 1):
        cdp.send("Input.dispatchKeyEvent", {"type": "keyDown", "key": letter, "windowsVirtualKeyCode": 229})
        cdp.send("Input.imeSetComposition", {"text": pinyin[:i], "selectionStart": i, "selectionEnd": i})
        cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": letter, "windowsVirtualKeyCode": 229})
    cdp.send("Input.dispatchKeyEvent", {"type": "keyDown", "key": " ", "code": "Space", "windowsVirtualKeyCode": 229})
    cdp.send("Input.insertText", {"text": words})
    cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": " ", "code": "Space", "windowsVirtualKeyCode": 32})
    cdp.detach()


def _first_result(page, url: str, query: str, pinyin: str | None = None) -> str:
    page.goto(url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    # a query typed before the search index is ready is ignored: wait for the "type to search" prompt
    page.locator(".md-search-result__meta", has_text="键入以开始搜索").wait_for(timeout=15_000)
    if pinyin:
        _type_with_an_input_method(page, pinyin, query)
    else:
        page.keyboard.type(query)  # each Latin letter and space a real key press; Material listens to key-up
    assert page.locator(".md-search__input").input_value() == query
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    return results.first.inner_text().replace("\u200b", "")


def test_search_finds_chinese_words_inside_sentences(site, page):
    """“最少干预” occurs only mid-sentence in one body: found only if jieba segmented the index. Typed
    as one phrase with an input method it is found too: Material's search worker splits the query
    (lunr's TinySegmenter), so no space is needed here."""
    assert "古籍修复手记（一）" in _first_result(page, f"{site}/index.html", "最少 干预")
    assert "古籍修复手记（一）" in _first_result(page, f"{site}/index.html", "最少干预", pinyin="zuishaoganyu")


def test_search_works_when_the_site_is_opened_from_its_folder(built, page):
    """`scripts/run` and `wemedia build` say to open site/index.html directly (file://), where browsers
    refuse the search worker: the offline plugin and the local worker shim must make it work."""
    assert "古籍修复手记（一）" in _first_result(page, built.joinpath("index.html").as_uri(), "最少 干预")


@pytest.mark.parametrize("opened", ["served", "from the folder"])
def test_search_finds_two_character_words_typed_with_an_input_method(site, built, page, opened):
    """家谱 (two characters, typed as pinyin jiapu and committed with the space bar) finds the post about
    the family register, both over localhost and from file://; so does a two-letter code, WM."""
    base = site if opened == "served" else built.as_uri()
    assert "古籍修复手记（一）：一册清代家谱" in _first_result(page, f"{base}/index.html", "家谱", pinyin="jiapu")
    assert "规则目录" in _first_result(page, f"{base}/index.html", "WM")


@pytest.mark.parametrize("opened", ["served", "from the folder"])
def test_the_site_loads_nothing_from_outside(site, built, page, opened):
    """An internal archive must work offline and leak no visits: no fonts or scripts from the internet."""
    base = site if opened == "served" else built.as_uri()
    outside = []
    page.on(
        "request",
        lambda request: outside.append(request.url) if not request.url.startswith((base, "data:", "blob:")) else None,
    )
    page.goto(f"{base}/posts/2026/09/2026-09-03-guji-xiufu-01.html")
    page.wait_for_load_state("networkidle")
    assert outside == []
