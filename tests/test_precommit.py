"""The real `pre-commit` framework, in a repository made by `wemedia init`: a commit with an error is
refused, a clean one goes in."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import git
import pytest
import signing

from conftest import PROJECT

pytestmark = pytest.mark.slow


@pytest.fixture
def library(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-cache"))
    target = tmp_path / "library"
    assert run_cli("init", str(target))[0] == 0
    # A second key for the manager since 2026-11-21, made for this test: corrections need her signature,
    # and the example's own keys were thrown away once they had signed it.
    team = target / "content/team.yml"
    key = f"      - key: {signing.public_key('chen-jing')}\n        valid_from: 2026-11-21\n"
    text = team.read_text(encoding="utf-8")
    at = text.index("    keys:\n", text.index("  - id: chen-jing")) + len("    keys:\n")
    team.write_text(text[:at] + key + text[at:], encoding="utf-8")
    repo = git.Repo(target)
    with repo.config_writer() as config:
        config.set_value("user", "name", "测试编辑")
        config.set_value("user", "email", "editor@example.invalid")
    return target, repo


# A librarian's shell or Git program: the environment wemedia is installed in was never activated.
PLAIN_PATH = os.pathsep.join(
    d for d in os.environ["PATH"].split(os.pathsep) if Path(d).resolve() != Path(sys.executable).parent.resolve()
)


def _commit(target, message):
    """`git commit` as a librarian runs it; first the signatures an approver would have made for what is
    staged (`@digest` / `@sign` written by `_correct`), staged again."""
    assert shutil.which("wemedia", path=PLAIN_PATH) is None, "the test needs a PATH without wemedia"
    repo = git.Repo(target)
    staged = {e[0] for e in repo.index.entries}
    for path in signing.sign_placeholders(target):
        if path.relative_to(target).as_posix() in staged:
            repo.git.add(str(path))
    done = subprocess.run(
        ["git", "commit", "-m", message],
        cwd=target,
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C.UTF-8", "PATH": PLAIN_PATH},
    )
    return done.returncode, done.stdout + done.stderr  # pre-commit reports on either stream


def _break_a_licence(target):
    post = next((target / "content/posts/2026/10").glob("*-qiuri-shige.md"))
    post.write_text(
        post.read_text(encoding="utf-8").replace("licence: CC-BY-NC-4.0", "licence: 随便用"), encoding="utf-8"
    )
    return post


def test_clean_commit_goes_in_and_a_bad_one_is_refused(library):
    target, repo = library
    repo.git.add(A=True)
    code, output = _commit(target, "示例内容")
    assert code == 0, output
    assert "wemedia check" in output and "Passed" in output
    assert len(list(repo.iter_commits())) == 1

    post = _break_a_licence(target)
    repo.git.add(A=True)
    code, output = _commit(target, "改坏的许可")
    assert code != 0
    assert "Failed" in output and "WM101 [4.1]" in output and post.name in output
    assert len(list(repo.iter_commits())) == 1  # nothing went in


def test_a_colleagues_clone_is_checked_after_wemedia_hook(library, tmp_path, run_cli):
    """The hook and the place wemedia lives are per computer: a clone has neither until `wemedia hook`."""
    target, repo = library
    repo.git.add(A=True)
    assert _commit(target, "示例内容")[0] == 0
    clone = tmp_path / "colleague"
    git.Repo.clone_from(target, clone)
    with git.Repo(clone).config_writer() as config:
        config.set_value("user", "name", "同事")
        config.set_value("user", "email", "colleague@example.invalid")
    code, out, _ = run_cli("hook", "--root", str(clone))
    assert code == 0 and "已开启提交前检查" in out
    assert git.Repo(clone).config_reader("repository").get_value("wemedia", "python") == sys.executable
    _break_a_licence(clone)
    git.Repo(clone).git.add(A=True)
    code, output = _commit(clone, "改坏的许可")
    assert code != 0 and "WM101 [4.1]" in output


def test_without_wemedia_the_commit_is_refused_with_what_to_do(library):
    target, repo = library
    with repo.config_writer() as config:
        config.set_value("wemedia", "python", str(target / "no-such-python"))
    repo.git.add(A=True)
    code, output = _commit(target, "示例内容")
    assert code != 0
    assert "找不到 wemedia" in output and "wemedia hook" in output
    assert not repo.head.is_valid()  # nothing went in


def test_the_published_hook_definition_installs_and_runs(library):
    """`.pre-commit-hooks.yaml` as another library's repository uses it: pre-commit builds wemedia from
    this repository (language: python) and runs it on the library's files."""
    target, repo = library
    post = _break_a_licence(target)
    repo.git.add(A=True)
    tried = subprocess.run(
        ["pre-commit", "try-repo", str(PROJECT), "wemedia-check", "--files", str(post)],
        cwd=target,
        capture_output=True,
        text=True,
    )
    assert tried.returncode == 1, tried.stdout + tried.stderr
    assert "WM101 [4.1]" in tried.stdout


def _where(target, relpath, written):
    """`path:line:column` of the value `written` in a file, as findings name it."""
    for number, line in enumerate((target / relpath).read_text(encoding="utf-8").splitlines(), 1):
        if written in line:
            return f"{relpath}:{number}:{line.index(written) + 1}"
    raise AssertionError(f"{written} not in {relpath}")


@pytest.fixture
def committed(library):
    target, repo = library
    repo.git.add(A=True)
    code, output = _commit(target, "示例内容")
    assert code == 0, output
    return target, repo


IMAGE = "content/posts/2026/09/img/guji-xiufu-01-1.png"
EVIDENCE = "content/posts/2026/10/evidence/kepu-zhuanzai-authorization.png"
QR_CODE = "content/accounts/nanhu-weibo-qr.png"


@pytest.mark.parametrize(
    "change, referrer, written, rule",
    [
        (("rm", IMAGE), "content/posts/2026/09/2026-09-03-guji-xiufu-01.md", "img/guji-xiufu-01-1.png", "WM211"),
        (
            ("mv", EVIDENCE, EVIDENCE.replace("authorization", "shouquan")),
            "content/posts/2026/10/2026-10-16-kepu-zhuanzai.md",
            "evidence/kepu-zhuanzai-authorization.png",
            "WM202",
        ),
        (("rm", QR_CODE), "content/accounts.yml", "accounts/nanhu-weibo-qr.png", "WM012"),
    ],
    ids=["git-rm-image", "git-mv-evidence", "git-rm-qr-code"],
)
def test_a_commit_that_removes_a_file_in_use_is_refused(committed, change, referrer, written, rule):
    """pre-commit never passes a deleted file to a hook: the check finds what refers to it instead."""
    target, repo = committed
    where = _where(target, referrer, written)
    repo.git.execute(["git", *change])
    code, output = _commit(target, "删除文件")
    assert code != 0, output
    assert f"{where}: {rule}" in output and "不存在" in output
    assert len(list(repo.iter_commits())) == 1  # nothing went in


def test_a_deletion_nothing_uses_and_a_commit_outside_content_go_in(committed):
    target, repo = committed
    unused = target / "content/posts/2026/09/img/unused.png"
    unused.write_bytes((target / IMAGE).read_bytes())
    repo.git.add(A=True)
    assert _commit(target, "多传了一张图")[0] == 0
    repo.git.rm(str(unused.relative_to(target)))
    code, output = _commit(target, "删除没用到的图")
    assert code == 0 and "Passed" in output and "检查了 0 个文件" in output, output

    (target / "README.md").write_text("# 说明\n", encoding="utf-8")
    repo.git.add(A=True)
    code, output = _commit(target, "只改说明")
    assert code == 0 and "没有改动 content/" in output, output
    assert len(list(repo.iter_commits())) == 4


def test_warnings_reach_the_person_committing(committed):
    """A passing hook's output is normally hidden; a draft without a category is a warning (WM301), and
    the person committing must still read it, in Chinese. (A published post's record cannot lose its
    URL any more: WM230 refuses that.)"""
    target, repo = committed
    post = target / "content/posts/2026/11/2026-11-24-qingxi-dongji.md"
    text = post.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines(keepends=True) if line.startswith("category:"))
    post.write_text(text.replace(line, ""), encoding="utf-8")
    repo.git.add(A=True)
    code, output = _commit(target, "草稿还没分类")
    assert code == 0 and "Passed" in output, output
    assert "content/posts/2026/11/2026-11-24-qingxi-dongji.md:2:1: WM301 [5.3.3.3] 建议：" in output, output
    assert "文章没有分类" in output and "1 个警告" in output
    assert len(list(repo.iter_commits())) == 2


# The commit is what is checked, not the working tree: pre-commit stashes unstaged changes but leaves
# untracked files on disk, and a fresh clone will not have them.

POST = "content/posts/2026/09/2026-09-03-guji-xiufu-01.md"
VERSION = "content/posts/2026/09/versions/guji-xiufu-01-weibo.md"  # a per-platform version (no front-matter)
SECOND_ASSET = """  - file: img/guji-xiufu-01-2.png
    kind: image
    creator: zhao-lei
    source: 自摄
    licence: CC-BY-NC-4.0
    credit: 南湖市图书馆 活动现场
"""


def _edit(target, relpath, old, new):
    path = target / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _correct(target, relpath, reason, at="2026-11-30T10:00:00+08:00", approved_by="chen-jing"):
    """Record a correction in a published post, as every change to one needs (5.5.1, WM230): a reason,
    a time after the publication, approved by a manager of its library in post that day (王芳 handed
    the role to 陈静 on 2026-11-21), signed by the approver over the corrected post when committed."""
    path = target / relpath
    text = path.read_text(encoding="utf-8")
    head, close, body = text.partition("\n---\n")
    record = (
        f"  - {{at: {at}, kind: correction, reason: {reason}, department: 读者服务部, approved_by: {approved_by}, "
        'checks: [facts, authorization, copyright, disclosure], digest: "@digest", signature: "@sign"}'
    )
    head += "\n" + record if "\ncorrections:\n" in head else "\ncorrections:\n" + record
    path.write_text(head + close + body, encoding="utf-8")


def test_an_asset_left_untracked_is_missing_from_the_commit(committed):
    """The image is on disk, so the working tree is fine; but only the post was added, so the commit
    and every clone of it lack the image."""
    target, repo = committed
    image = target / "content/posts/2026/09/img/new.png"
    image.write_bytes((target / IMAGE).read_bytes())
    _edit(
        target,
        POST,
        "assets:\n",
        "assets:\n  - {file: img/new.png, kind: image, creator: zhao-lei, source: 自摄, licence: CC-BY-NC-4.0}\n",
    )
    _edit(target, POST, "“最少干预”", "“最少干预”\n\n![新图](img/new.png)")
    _correct(target, POST, "补充一张配图")
    repo.git.add(POST)
    where = _where(target, POST, "img/new.png")
    code, output = _commit(target, "加了一张图，图没加进来")
    assert code != 0, output
    assert f"{where}: WM211" in output and "img/new.png" in output and "没有加入这次提交；请运行 git add" in output
    assert len(list(repo.iter_commits())) == 1  # nothing went in

    repo.git.add(str(image.relative_to(target)))
    code, output = _commit(target, "图也加进来")
    assert code == 0 and "Passed" in output, output


def test_an_untracked_file_an_old_post_names_does_not_block_another_commit(committed):
    """A committed post that already names an untracked file is not this commit's fault: the absent
    file does not bring the post into the check (only a removal does)."""
    target, repo = committed
    repo.git.rm("--cached", IMAGE)  # the image stays on disk, untracked
    repo.index.commit("图片被误删（绕过了钩子）", skip_hooks=True)
    post = "content/posts/2026/11/2026-11-24-qingxi-dongji.md"  # a draft: edited freely
    _edit(target, post, "\n# ", "\n<!-- 修订 -->\n\n# ")
    repo.git.add(post)
    code, output = _commit(target, "无关的修改")
    assert code == 0 and "Passed" in output and "检查了 1 个文件" in output, output
    assert "guji-xiufu-01" not in output


@pytest.fixture
def with_version(committed):
    """The example with a Weibo version of one post, in its own file, using the post's second image."""
    target, repo = committed
    _edit(
        target, POST, "channels:\n", "channels:\n  - account: nanhu-weibo\n    file: versions/guji-xiufu-01-weibo.md\n"
    )
    _correct(target, POST, "增加微博版")
    (target / VERSION).parent.mkdir()
    (target / VERSION).write_text(
        "微博版：修复的第一原则是“最少干预”。\n\n![活动现场](../img/guji-xiufu-01-2.png)\n", encoding="utf-8"
    )
    repo.git.add(A=True)
    code, output = _commit(target, "微博版")
    assert code == 0, output
    return target, repo


def test_a_commit_that_takes_from_a_post_what_its_version_uses_is_refused(with_version):
    """Only the post changes; the finding is on the version file, which the commit did not touch."""
    target, repo = with_version
    _edit(target, POST, SECOND_ASSET, "")
    _edit(target, POST, "\n\n![活动现场](img/guji-xiufu-01-2.png)", "")
    _correct(target, POST, "删去第二张图")
    repo.git.add(POST)
    code, output = _commit(target, "正文不再用第二张图")
    assert code != 0, output
    where = _where(target, VERSION, "../img/guji-xiufu-01-2.png")
    assert f"{where}: WM210" in output and f"（文章 {POST}）" in output, output
    assert "1 个错误" in output  # the post itself is fine
    assert len(list(repo.iter_commits())) == 2


def test_a_commit_that_points_a_channel_elsewhere_is_refused_for_the_old_version(with_version):
    """The old version file is named by nobody now: without a front-matter it is a broken post."""
    target, repo = with_version
    _edit(target, POST, "file: versions/guji-xiufu-01-weibo.md", "file: versions/weibo-v2.md")
    _correct(target, POST, "换微博版")
    (target / "content/posts/2026/09/versions/weibo-v2.md").write_text("微博版第二稿。\n", encoding="utf-8")
    repo.git.add(A=True)
    code, output = _commit(target, "换了微博版文件")
    assert code != 0, output
    assert f"{VERSION}:1:1: WM003" in output, output
    assert len(list(repo.iter_commits())) == 2

    repo.git.rm(VERSION)  # the old version goes too: nothing is left behind
    code, output = _commit(target, "换了微博版文件，删掉旧的")
    assert code == 0 and "Passed" in output, output


def test_git_rm_of_a_post_is_refused_while_its_version_stays(with_version):
    target, repo = with_version
    repo.git.rm(POST)
    code, output = _commit(target, "删除文章")
    assert code != 0, output
    assert f"{VERSION}:1:1: WM003" in output, output
    assert len(list(repo.iter_commits())) == 2


def test_a_commit_that_names_a_committed_file_as_a_version_checks_that_file(committed):
    """The file was committed earlier as a loose note (a warning); naming it in `channels[].file` makes
    it the post's version, so its media must be in the post's assets — though the commit only changes
    the post."""
    target, repo = committed
    note = "content/posts/2026/09/versions/douyin.txt"
    (target / note).parent.mkdir()
    (target / note).write_text("抖音文案：修复师的一天。\n![另一张图](../img/guji-xiufu-02-1.png)\n", encoding="utf-8")
    repo.git.add(note)
    code, output = _commit(target, "先存一份文案")
    assert code == 0 and f"{note}:1:1: WM006" in output, output  # a stray text file: only a warning

    _edit(target, POST, "channels:\n", "channels:\n  - account: nanhu-douyin\n    file: versions/douyin.txt\n")
    repo.git.add(POST)
    code, output = _commit(target, "文案作为抖音版")
    assert code != 0, output
    where = _where(target, note, "../img/guji-xiufu-02-1.png")
    assert f"{where}: WM210" in output and f"（文章 {POST}）" in output, output
    assert len(list(repo.iter_commits())) == 2


def test_a_draft_with_a_resident_id_number_is_refused(library):
    """The disclosure guard at commit time: a planted (fictional, check digit valid) ID number blocks,
    and the hook's output never repeats it."""
    target, repo = library
    repo.git.add(A=True)
    assert _commit(target, "示例内容")[0] == 0
    post = next((target / "content/posts/2026/10").glob("*-qiuri-shige.md"))
    post.write_text(post.read_text(encoding="utf-8") + "\n获奖读者身份证：440602199001010007\n", encoding="utf-8")
    repo.git.add(A=True)
    code, output = _commit(target, "含身份证号的草稿")
    assert code != 0
    assert "WM602 [5.3.2 d]" in output and "4406**********0007" in output and post.name in output
    assert "440602199001010007" not in output
    assert len(list(repo.iter_commits())) == 1


# History of released posts (5.5.1, WM230): what was published stays on record, at commit time.


def _rewrite(target):
    _edit(target, POST, "修复的第一原则是", "修复工作的首要原则是")


def _asset_replaced(target):
    (target / IMAGE).write_bytes((target / "content/posts/2026/09/img/guji-xiufu-01-2.png").read_bytes())


@pytest.mark.parametrize(
    "change, where, expected",
    [
        (
            lambda t, r: r.git.rm(POST),
            f"{POST}:1:1",
            "被删除：已发布内容不能无声删除；请恢复文件（git checkout HEAD -- ",
        ),
        (
            lambda t, r: r.git.mv(POST, "content/2026-09-03-guji-xiufu-01.md"),
            f"{POST}:1:1",
            "被移出 content/posts/（到 content/2026-09-03-guji-xiufu-01.md）",
        ),
        (lambda t, r: _edit(t, POST, "status: published", "status: draft"), None, "退回到“草稿（draft）”"),
        (lambda t, r: _rewrite(t), None, "的正文被改动，但没有新的更正记录"),
        (
            lambda t, r: (_rewrite(t), _correct(t, POST, "措辞不准确", approved_by="li-na")),
            None,
            "批准人“li-na”在 2026-11-30 不是南湖市图书馆（nanhu）的运营管理岗（manager）",
        ),
        (
            lambda t, r: (_rewrite(t), _correct(t, POST, "措辞不准确", at="2026-09-02T10:00:00+08:00")),
            None,
            "时间 2026-09-02T10:00:00+08:00 不晚于首次发布（2026-09-03T08:00:00+08:00）",
        ),
        (
            lambda t, r: _asset_replaced(t),
            f"{POST}:2:1",
            "的文件“content/posts/2026/09/img/guji-xiufu-01-1.png”被改动，但没有新的更正记录",
        ),
    ],
    ids=[
        "git-rm-published",
        "git-mv-out-of-posts",
        "status-back-to-draft",
        "body-rewritten",
        "approved-by-a-reviewer",
        "dated-before-publication",
        "asset-bytes-replaced",
    ],
)
def test_a_commit_that_changes_a_published_post_silently_is_refused(committed, change, where, expected):
    target, repo = committed
    change(target, repo)
    repo.git.add(A=True)
    code, output = _commit(target, "改动已发布的文章")
    assert code != 0, output
    assert f"{where or POST}" in output and "WM230 [5.5.1]" in output and expected in output, output
    assert len(list(repo.iter_commits())) == 1  # nothing went in


def test_a_published_post_corrected_on_record_goes_in(committed):
    target, repo = committed
    _rewrite(target)
    _edit(target, POST, "status: published", "status: corrected")
    _correct(target, POST, "措辞不准确")
    repo.git.add(A=True)
    code, output = _commit(target, "更正已发布的文章")
    assert code == 0 and "Passed" in output and "WM230" not in output, output
    assert len(list(repo.iter_commits())) == 2
