"""The real `pre-commit` framework, in a repository made by `wemedia init`: a commit with an error is
refused, a clean one goes in."""

from __future__ import annotations

import os
import subprocess

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


def _commit(target, message):
    done = subprocess.run(["git", "commit", "-m", message], cwd=target, capture_output=True, text=True,
                          env={**os.environ, "LC_ALL": "C.UTF-8"})
    return done.returncode, done.stdout + done.stderr  # pre-commit reports on either stream


def test_clean_commit_goes_in_and_a_bad_one_is_refused(library):
    target, repo = library
    repo.git.add(A=True)
    code, output = _commit(target, "示例内容")
    assert code == 0, output
    assert "wemedia check" in output and "Passed" in output
    assert len(list(repo.iter_commits())) == 1

    post = next((target / "content/posts/2026/10").glob("*-qiuri-shige.md"))
    post.write_text(post.read_text(encoding="utf-8").replace("licence: CC-BY-NC-4.0", "licence: 随便用"),
                    encoding="utf-8")
    repo.git.add(A=True)
    code, output = _commit(target, "改坏的许可")
    assert code != 0
    assert "Failed" in output and "WM101 [4.1]" in output and post.name in output
    assert len(list(repo.iter_commits())) == 1  # nothing went in


def test_the_published_hook_definition_installs_and_runs(library):
    """`.pre-commit-hooks.yaml` as another library's repository uses it: pre-commit builds wemedia from
    this repository (language: python) and runs it on the library's files."""
    target, repo = library
    post = next((target / "content/posts/2026/10").glob("*-qiuri-shige.md"))
    post.write_text(post.read_text(encoding="utf-8").replace("licence: CC-BY-NC-4.0", "licence: 随便用"),
                    encoding="utf-8")
    repo.git.add(A=True)
    tried = subprocess.run(["pre-commit", "try-repo", str(PROJECT), "wemedia-check", "--files", str(post)],
                           cwd=target, capture_output=True, text=True)
    assert tried.returncode == 1, tried.stdout + tried.stderr
    assert "WM101 [4.1]" in tried.stdout
