"""`wemedia serve` as a server: a real `wemedia serve` (and its real `mkdocs serve`) on a free localhost
port answers, reloads when a post is saved, and — stopped by SIGTERM or Ctrl-C — leaves neither a
process nor a busy port behind."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from wemedia.resources import skeleton_file

from conftest import DRAFT, write

pytestmark = pytest.mark.slow

WAIT = 60  # seconds: a first build on a slow machine; every wait below is a bounded poll


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> set[int]:
    """Every living descendant of `pid`, read from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if fields[0] != "Z":
                parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _until(predicate, what: str, server: subprocess.Popen, timeout: float = WAIT):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        assert server.poll() is None, f"wemedia serve exited while waiting for {what}"
        assert time.monotonic() < deadline, f"{what}: not within {timeout} s"
        time.sleep(0.3)


def _port_is_free(port: int) -> bool:
    with socket.socket() as s:
        if s.connect_ex(("127.0.0.1", port)) == 0:
            return False  # something still answers
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT of our own requests is not a listener
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.fixture
def site_repo(repo):
    for name in ("hooks", "docs", "overrides"):
        shutil.copytree(skeleton_file(name), repo / name)
    shutil.copy(skeleton_file("mkdocs.yml"), repo / "mkdocs.yml")
    published = "channels:\n  - {account: wx, published: 2026-09-03T08:00:00+08:00}\nstatus: published"
    write(repo, "content/posts/2026/09/a.md", DRAFT.replace("status: draft", published))
    return repo


@pytest.mark.parametrize("stop_with", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_serve_answers_reloads_on_a_saved_post_and_stops_with_its_mkdocs(site_repo, tmp_path, stop_with):
    port = _free_port()
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "wemedia", "serve", "--root", str(site_repo), "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    started: set[int] = set()
    try:
        page_url = f"http://127.0.0.1:{port}/posts/2026/09/a.html"
        page = _until(lambda: _get(page_url), "the post page", server)
        assert "测试文章" in page
        assert "自媒体存档" in _get(f"http://127.0.0.1:{port}/index.html")
        # the preview is searchable: the hook indexes each rebuild with Pagefind
        assert '"languages"' in _until(
            lambda: _get(f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json"), "the index", server
        )
        started = _children(server.pid)
        assert started, "wemedia serve runs mkdocs as a child process"

        post = site_repo / "content/posts/2026/09/a.md"
        post.write_text(
            post.read_text(encoding="utf-8").replace("title: 测试文章", "title: 改过的标题"), encoding="utf-8"
        )
        _until(lambda: "改过的标题" in (_get(page_url) or ""), "the page after saving the post", server)

        server.send_signal(stop_with)
        assert server.wait(timeout=30) == 0
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in started) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [pid for pid in started if _alive(pid)], "mkdocs outlived wemedia serve"
        assert _port_is_free(port), f"port {port} is still taken after wemedia serve stopped"
        log.seek(0)
        said = log.read()
        assert f"预览地址：http://127.0.0.1:{port}/" in said and "预览已停止" in said, said
        assert "搜索索引已生成" in said, said
        assert "INFO" not in said and "Traceback" not in said, said
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        for pid in started:  # only if the test failed: never leave them running
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        log.close()


def test_serve_one_post_shows_that_post_only(site_repo, tmp_path):
    """`wemedia serve --post PATH` builds only that post's page: another post is not read into the site."""
    other = (site_repo / "content/posts/2026/09/a.md").read_text(encoding="utf-8").replace("测试文章", "另一篇")
    write(site_repo, "content/posts/2026/09/b.md", other)
    port = _free_port()
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    argv = ["serve", "--root", str(site_repo), "--port", str(port), "--post", "content/posts/2026/09/a.md"]
    server = subprocess.Popen(
        [sys.executable, "-m", "wemedia", *argv], stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
    )
    try:
        page = _until(lambda: _get(f"http://127.0.0.1:{port}/posts/2026/09/a.html"), "the post page", server)
        assert "测试文章" in page
        assert _get(f"http://127.0.0.1:{port}/posts/2026/09/b.html") is None  # 404: not built
        assert "单篇预览" in (_get(f"http://127.0.0.1:{port}/views/index.html") or "")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    log.seek(0)
    assert f"单篇预览：http://127.0.0.1:{port}/posts/2026/09/a.html" in log.read()


def test_serve_one_post_refuses_a_path_that_is_not_a_post(run_cli, site_repo):
    code, _, err = run_cli("serve", "--root", str(site_repo), "--port", str(_free_port()), "--post", "content/team.yml")
    assert code == 2 and "找不到文章 content/team.yml" in err
