"""The gate is exact: every finding points at the text it is about, and checking one file reports
exactly what the full check reports for that file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from wemedia import archive, bench, engine
from wemedia.documents import REGISTER_PATHS
from wemedia.findings import Problem
from wemedia.i18n import Text
from wemedia.model import Post
from wemedia.rules.registry import Rule

from conftest import PROJECT, write

QUOTED = re.compile(r"“([^”]+)”")


def _example_copy(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    shutil.copytree(PROJECT / "content", root / "content")
    return root


def _plant_in_example(root: Path) -> None:
    """Break the example the way an editor would: drop posts' asset lists, mistype a licence and an
    author — in real posts, which have a blank line after the closing `---`."""
    posts = sorted((root / "content" / "posts").rglob("*.md"))
    with_assets = [p for p in posts if "\nassets:\n" in p.read_text(encoding="utf-8")]
    assert len(with_assets) >= 3
    for path in with_assets[:3]:
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\nassets:\n(?:  .*\n)+", "\n", text)
        path.write_text(text, encoding="utf-8")
    text = posts[0].read_text(encoding="utf-8")
    text = re.sub(r"\nlicence: .*\n", "\nlicence: CC-BY-9.9\n", text, count=1)
    text = re.sub(r"\nauthor: .*\n", "\nauthor: nobody-here\n", text, count=1)
    posts[0].write_text(text, encoding="utf-8")


def test_every_finding_of_the_example_points_at_its_text(tmp_path):
    root = _example_copy(tmp_path)
    _plant_in_example(root)
    findings = engine.run(archive.load(root))
    assert {f.rule for f in findings} >= {"WM210", "WM101", "WM010"}
    checked = 0
    for finding in findings:
        lines = (root / finding.path).read_text(encoding="utf-8").split("\n")
        assert 1 <= finding.line <= len(lines), finding
        line = lines[finding.line - 1]
        assert 1 <= finding.column <= len(line) + 1, finding
        quoted = QUOTED.search(finding.message.zh)
        if finding.rule in ("WM210", "WM101", "WM010") and quoted:
            assert line[finding.column - 1 :].startswith(quoted.group(1)), (finding, line)
            checked += 1
    assert checked >= 5


def _planted_archive(root: Path) -> None:
    """A generated archive with a problem of every shape a partial check could miss."""
    bench.generate(root, 40)
    posts = sorted((root / "content" / "posts").rglob("*.md"))
    first = posts[0]
    text = first.read_text(encoding="utf-8")
    text = text.replace(
        "\nchannels:\n",
        "\nchannels:\n  - {account: nanhu-weibo, file: versions/weibo.md}\n"
        "  - {account: nanhu-douyin, file: versions/douyin.txt}\n",
        1,
    )
    first.write_text(text, encoding="utf-8")
    write(root, str(first.parent.relative_to(root) / "versions" / "weibo.md"), "微博版 ![新图](../img/none.png)\n")
    write(root, str(first.parent.relative_to(root) / "versions" / "douyin.txt"), "抖音文案\n")
    write(root, "content/posts/notes.txt", "随手记\n")  # a stray
    write(root, "content/posts/2016/01/orphan.md", "没有 front-matter\n")  # a broken post
    broken = posts[1]
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("status: published", "status: [published"), encoding="utf-8"
    )
    header = "account,month,followers_total,followers_new,followers_lost,followers_net,items,reads\n"
    write(root, "content/metrics/2026-03.csv", header + "nanhu-wechat,2026-03,100,10,0,10,1,5\n")
    write(
        root,
        "content/metrics/2026-05.csv",
        header + "nanhu-wechat,2026-04,90,10,0,9,1,5\nnanhu-wechat,2026-05,1,1,1,0,,\n",
    )
    missing_image = posts[2]
    missing_image.write_text(missing_image.read_text(encoding="utf-8") + "\n![缺图](img/gone.png)\n", encoding="utf-8")


@pytest.mark.parametrize("make", [_example_copy, "planted"])
def test_checking_one_file_reports_what_the_full_check_reports_for_it(tmp_path, make):
    if make == "planted":
        root = tmp_path / "gen"
        root.mkdir()
        _planted_archive(root)
    else:
        root = make(tmp_path)
    full = engine.run(archive.load(root))
    if make == "planted":
        assert {f.rule for f in full} >= {"WM210", "WM006", "WM003", "WM002", "WM801", "WM803", "WM805", "WM806"}
    files = sorted(p.relative_to(root).as_posix() for p in (root / "content").rglob("*") if p.is_file())
    for relpath in files:
        alone = engine.run(archive.load(root, [relpath]))
        assert [f for f in alone if f.path == relpath] == [f for f in full if f.path == relpath], relpath
        if relpath not in REGISTER_PATHS:  # a register's change is checked against everything
            # … and a post's against the per-platform versions it names (their media need its assets)
            doc = archive.load(root, []).document(relpath)
            versions = {v for _, v in Post(doc).variants} if doc is not None and doc.kind == "post" else set()
            assert all(f.path == relpath or f.path in versions for f in alone), relpath
            assert [f for f in alone if f.path in versions] == [f for f in full if f.path in versions], relpath


def test_an_archive_wide_problem_without_a_file_is_refused(repo):
    def nameless(archive_):
        yield Problem(Text("无处可报", "nowhere to report"))

    bad = Rule("WM999", "integrity", "error", Text("测试", "test"), "archive", (), nameless, ())
    with pytest.raises(engine.RuleContractError):
        engine.run(archive.load(repo), [bad])

    def named(archive_):
        yield Problem(Text("有文件", "has a file"), path="content/team.yml", line=1, column=1)

    good = Rule("WM998", "integrity", "error", Text("测试", "test"), "archive", (), named, ())
    assert [f.path for f in engine.run(archive.load(repo), [good])] == ["content/team.yml"]
    assert engine.run(archive.load(repo, ["content/accounts.yml"]), [good]) != []
    # a selection without the file the problem names reports nothing, because nothing of it is selected
    write(repo, "content/posts/a.md", "---\ntitle: x\nstatus: draft\n---\n")
    assert engine.run(archive.load(repo, ["content/posts/a.md"]), [good]) == []


def test_asking_for_one_file_agrees_with_the_walk(repo):
    """A one-file check asks `exists` without walking content/; the answer must be the walk's."""
    import os

    from wemedia.archive import _walkable, walk

    write(repo, "content/posts/img/a.png", b"png")
    write(repo, "content/posts/.hidden/b.png", b"png")
    write(repo, "content/.git-like/c.png", b"png")
    outside = repo.parent / "elsewhere"
    outside.mkdir()
    (outside / "d.png").write_bytes(b"png")
    os.symlink(outside, repo / "content/posts/linked")
    os.symlink(outside / "d.png", repo / "content/posts/e.png")
    listed = set(walk(repo))
    candidates = [
        "content/posts/img/a.png",
        "content/posts/.hidden/b.png",
        "content/.git-like/c.png",
        "content/posts/linked/d.png",
        "content/posts/e.png",
        "content/posts/img",
        "content/posts/none.png",
        "content/posts/../posts/img/a.png",
        "content/team.yml",
    ]
    for relpath in candidates:
        assert _walkable(repo, relpath) == (relpath in listed), relpath
    assert "content/posts/img/a.png" in listed and "content/posts/.hidden/b.png" not in listed
    loaded = archive.load(repo, ["content/posts/img/a.png"], removed=["content/posts/e.png"])
    assert loaded.exists("content/posts/img/a.png") and not loaded.exists("content/posts/e.png")
    assert "files" not in loaded.__dict__ or not loaded.exists("content/posts/e.png")


def test_the_fast_path_for_plain_image_lines_agrees_with_the_full_parse(tmp_path):
    """body._simple_images skips markdown-it for bodies whose only brackets are plain image lines; on
    every body of the example, of a generated archive and of the rule fixtures it must find exactly what
    the full parse finds — and take the fast path often enough to matter."""
    import yaml

    from wemedia import body

    from test_rules import FIXTURES

    def full(text: str, first: int):
        saved = body._simple_images
        body._simple_images = lambda _text: None
        try:
            return body.media(text, first)
        finally:
            body._simple_images = saved

    root = tmp_path / "gen"
    root.mkdir()
    bench.generate(root, 60)
    texts = [p.read_text(encoding="utf-8") for p in (root / "content/posts").rglob("*.md")]
    texts += [p.read_text(encoding="utf-8") for p in (PROJECT / "content/posts").rglob("*.md")]
    for path in FIXTURES.glob("WM*.yml"):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            texts += [v for k, v in case["files"].items() if k.endswith(".md") and isinstance(v, str)]
    texts += ["![a](img/a.png)\n![b](img/b.png 'title')\n", "文字\n![a](img/a.png)\n===\n", "![a](x.png)(y)\n"]
    fast = 0
    for text in texts:
        fast += body._simple_images(text) is not None
        assert body.media(text, 7) == full(text, 7), text
    assert fast >= 40
