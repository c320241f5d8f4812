"""The archive site as a manager uses it, in real headless Chromium: from the home page's figures to a
view, an account's page, a post's record; a withdrawn post's notice, a draft's absence; the same pages
on a 390-px phone. Each step leaves a screenshot under the test's output directory."""

from __future__ import annotations

import shutil

import pytest
from test_browser import CHROMIUM_ARGS, built, site  # noqa: F401 — the same built example site and server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "scripts/setup --test installs Debian's chromium"
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def desk(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield page
    page.close()


@pytest.fixture
def phone(browser):
    page = browser.new_page(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    yield page
    page.close()


def shot(page, tmp_path, name: str) -> None:
    page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
    assert (tmp_path / f"{name}.png").stat().st_size > 1000


def test_a_manager_follows_a_figure_to_an_account_and_reads_a_record(site, desk, tmp_path):  # noqa: F811
    desk.goto(f"{site}/index.html")
    shot(desk, tmp_path, "1-home")
    desk.locator("article").get_by_role("link", name="微博·南湖市图书馆").first.click()
    desk.wait_for_url("**/views/account/nanhu-weibo.html")
    desk.wait_for_load_state()
    assert desk.locator("h1").inner_text().startswith("账号：微博·南湖市图书馆")
    shot(desk, tmp_path, "2-account")
    desk.get_by_role("link", name="关于周末延时开放的说明").click()
    desk.wait_for_url("**/posts/2026/10/2026-10-20-kaifang-shijian-gengzheng.html")
    desk.wait_for_load_state()
    record = desk.locator(".wm-record")
    trail = record.locator("table").filter(has_text="环节")
    assert trail.locator("tbody tr").count() == 3
    assert trail.get_by_text("签名有效，与本页内容一致").count() == 3
    corrections = record.locator("table").filter(has_text="批准人")
    assert "延时开放起始日期误写为" in corrections.inner_text() and "王芳" in corrections.inner_text()
    shot(desk, tmp_path, "3-post")
    desk.goto(f"{site}/posts/2026/09/2026-09-03-guji-xiufu-01.html")
    credits = desk.locator(".wm-record table").filter(has_text="创作者")
    assert credits.locator("tbody tr").count() == 2 and "img/guji-xiufu-01-1.png" in credits.inner_text()
    shot(desk, tmp_path, "4-credits")


def test_a_withdrawn_post_shows_its_notice_and_a_draft_is_absent(site, desk, tmp_path):  # noqa: F811
    desk.goto(f"{site}/posts/2026/09/2026-09-26-laozhaopian-02.html")
    notice = desk.locator(".wm-withdrawn")
    assert notice.is_visible() and "本文已撤回" in notice.inner_text()
    assert notice.bounding_box()["y"] < desk.locator(".wm-body").bounding_box()["y"]
    shot(desk, tmp_path, "5-withdrawn")
    response = desk.goto(f"{site}/posts/2026/11/2026-11-24-qingxi-dongji.html")
    assert response.status == 404
    for absent in ("2026-11-19-douyin-yuyue", "2026-11-20-dongri-zhuanzai"):  # approved; in review
        assert desk.goto(f"{site}/posts/2026/11/{absent}.html").status == 404
    desk.goto(f"{site}/dashboards/review-queue.html")
    queue = desk.locator("article").inner_text()
    assert "content/posts/2026/11/2026-11-20-dongri-zhuanzai.md" in queue and "复审" in queue
    assert "另有 3 篇草稿" in queue and "2026-11-24-qingxi-dongji" not in queue  # drafts are counted, not listed
    shot(desk, tmp_path, "6-queue")


@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "views/month/2026-10.html",
        "views/account/index.html",
        "posts/2026/10/2026-10-20-kaifang-shijian-gengzheng.html",
        "dashboards/accounts.html",
        "dashboards/statistics.html",
        "rules.html",
    ],
)
def test_nothing_is_cut_off_on_a_phone(site, phone, tmp_path, path):  # noqa: F811
    """At 390 px the page itself never scrolls sideways: tables scroll inside their own box and long
    URLs wrap."""
    phone.goto(f"{site}/{path}")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, (path, width)
    for url in phone.locator("a.wm-url").all():
        box = url.bounding_box()
        assert box is None or box["x"] + box["width"] <= 391, url.inner_text()
    shot(phone, tmp_path, "phone-" + path.replace("/", "-"))


def test_the_publishing_calendar_scrolls_inside_its_own_box_on_a_phone(site, phone, tmp_path):  # noqa: F811
    """An account's year heatmap keeps its size: on a 390-px phone its box scrolls sideways, the page not."""
    phone.goto(f"{site}/views/account/nanhu-douyin.html")
    box = phone.locator(".wm-heatmap").first
    assert box.locator("svg").get_attribute("role") == "img"
    assert box.evaluate("e => e.scrollWidth > e.clientWidth && e.clientWidth <= 390")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    box.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    shot(phone, tmp_path, "phone-calendar")
