"""`wemedia check --base REF`: the pull-request view, against real git repositories (GitPython)."""

from __future__ import annotations

import git

from conftest import DRAFT, write


def _commit(repo: git.Repo, message: str) -> None:
    repo.git.add(A=True)
    repo.index.commit(message, author=git.Actor("测试", "test@example.invalid"),
                      committer=git.Actor("测试", "test@example.invalid"))


def test_base_checks_only_what_the_branch_changes(run_cli, repo):
    r = git.Repo.init(repo, initial_branch="main")
    write(repo, "content/posts/old-bad.md", DRAFT.replace("licence: CC-BY-4.0", "licence: nonsense"))
    _commit(r, "main with an old problem")
    r.git.checkout("-b", "feature")
    write(repo, "content/posts/new.md", DRAFT.replace("licence: CC-BY-4.0", "licence: also-nonsense"))
    _commit(r, "feature adds a post")
    write(repo, "content/posts/untracked.md", DRAFT)  # not yet added: a pull request would still carry it

    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 1
    assert "content/posts/new.md:8:10: WM101" in out
    assert "old-bad.md" not in out
    assert "检查了 2 个文件" in out

    r.git.checkout("main")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 0 and "检查了 1 个文件" in out  # only the untracked draft


def test_base_with_an_unknown_ref_is_a_usage_error(run_cli, repo):
    r = git.Repo.init(repo, initial_branch="main")
    _commit(r, "first")
    code, out, err = run_cli("check", "--root", str(repo), "--base", "origin/nope")
    assert code == 2 and "找不到版本“origin/nope”" in err and "git fetch" in err


def test_base_outside_git_is_a_usage_error(run_cli, repo):
    code, _, err = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 2 and "不是 git 仓库" in err
