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
