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

from conftest import PROJECT

pytestmark = pytest.mark.slow


@pytest.fixture
def library(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-cache"))
    target = tmp_path / "library"
    assert run_cli("init", str(target))[0] == 0
    repo = git.Repo(target)
    with repo.config_writer() as config:
        config.set_value("user", "name", "测试编辑")
        config.set_value("user", "email", "editor@example.invalid")
    return target, repo


# A librarian's shell or Git program: the environment wemedia is installed in was never activated.
PLAIN_PATH = os.pathsep.join(d for d in os.environ["PATH"].split(os.pathsep)
                             if Path(d).resolve() != Path(sys.executable).parent.resolve())


def _commit(target, message):
    assert shutil.which("wemedia", path=PLAIN_PATH) is None, "the test needs a PATH without wemedia"
    done = subprocess.run(["git", "commit", "-m", message], cwd=target, capture_output=True, text=True,
                          env={**os.environ, "LC_ALL": "C.UTF-8", "PATH": PLAIN_PATH})
    return done.returncode, done.stdout + done.stderr  # pre-commit reports on either stream


def _break_a_licence(target):
    post = next((target / "content/posts/2026/10").glob("*-qiuri-shige.md"))
    post.write_text(post.read_text(encoding="utf-8").replace("licence: CC-BY-NC-4.0", "licence: 随便用"),
                    encoding="utf-8")
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
    tried = subprocess.run(["pre-commit", "try-repo", str(PROJECT), "wemedia-check", "--files", str(post)],
                           cwd=target, capture_output=True, text=True)
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


@pytest.mark.parametrize("change, referrer, written, rule", [
    (("rm", IMAGE), "content/posts/2026/09/2026-09-03-guji-xiufu-01.md", "img/guji-xiufu-01-1.png", "WM211"),
    (("mv", EVIDENCE, EVIDENCE.replace("authorization", "shouquan")), "content/posts/2026/10/2026-10-16-kepu-zhuanzai.md",
     "evidence/kepu-zhuanzai-authorization.png", "WM202"),
    (("rm", QR_CODE), "content/accounts.yml", "accounts/nanhu-weibo-qr.png", "WM012"),
], ids=["git-rm-image", "git-mv-evidence", "git-rm-qr-code"])
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
    """A passing hook's output is normally hidden; a published post without its URL is a warning
    (WM302), and the person committing must still read it, in Chinese."""
    target, repo = committed
    post = target / "content/posts/2026/11/2026-11-07-lidong-jieqi.md"
    post.write_text(post.read_text(encoding="utf-8").replace("    url: https://weibo.com/7737116791/c0be1a027\n", ""),
                    encoding="utf-8")
    repo.git.add(A=True)
    code, output = _commit(target, "发布记录缺网址")
    assert code == 0 and "Passed" in output, output
    assert "content/posts/2026/11/2026-11-07-lidong-jieqi.md:10:5: WM302 [5.3.3.3] 建议：" in output
    assert "缺少：url" in output and "1 个警告" in output
    assert len(list(repo.iter_commits())) == 2
