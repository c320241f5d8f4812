"""`wemedia check --base REF`: the pull-request view, against real git repositories (GitPython)."""

from __future__ import annotations

import git

from conftest import DRAFT, write


def _commit(repo: git.Repo, message: str) -> None:
    repo.git.add(A=True)
    repo.index.commit(
        message, author=git.Actor("测试", "test@example.invalid"), committer=git.Actor("测试", "test@example.invalid")
    )


def test_base_checks_only_what_the_branch_changes(run_cli, repo):
    r = git.Repo.init(repo, initial_branch="main")
    write(repo, "content/posts/old-bad.md", DRAFT.replace("licence: CC-BY-4.0", "licence: nonsense"))
    _commit(r, "main with an old problem")
    r.git.checkout("-b", "feature")
    write(repo, "content/posts/new.md", DRAFT.replace("licence: CC-BY-4.0", "licence: also-nonsense"))
    _commit(r, "feature adds a post")
    write(repo, "content/posts/untracked.md", DRAFT.replace("licence: CC-BY-4.0", "licence: 乱写"))
    write(repo, "content/posts/staged.md", DRAFT)
    r.git.add("content/posts/staged.md")  # staged, not committed: the pull request will carry it

    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 1
    assert "content/posts/new.md:8:10: WM101" in out
    assert "old-bad.md" not in out and "untracked.md" not in out  # never added: no part of the pull request
    assert "检查了 2 个文件" in out

    r.git.checkout("main")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 0 and "检查了 1 个文件" in out  # only the staged draft


def test_base_with_an_unknown_ref_is_a_usage_error(run_cli, repo):
    r = git.Repo.init(repo, initial_branch="main")
    _commit(r, "first")
    code, _out, err = run_cli("check", "--root", str(repo), "--base", "origin/nope")
    assert code == 2 and "找不到版本“origin/nope”" in err and "git fetch" in err


def test_base_outside_git_is_a_usage_error(run_cli, repo):
    code, _, err = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 2 and "不是 git 仓库" in err


ASSET = "    - {file: img/a.png, kind: image, creator: ed, source: 自摄, licence: CC-BY-4.0}\n"
WITH_ASSET = DRAFT.replace("status: draft\n", "status: draft\nassets:\n" + ASSET).replace(
    "正文。", "正文。\n\n![配图](img/a.png)"
)
REPRINT = DRAFT.replace(
    "source: {type: original}\n",
    (
        "source:\n  type: reprint\n  origin: {title: 原文, publisher: 某馆, url: 'https://example.org/a', date: 2026-08-30}\n"
        "  authorization: {granted_by: 某馆, date: 2026-08-31, evidence: evidence/grant.png}\n"
        "  verification: {by: rv1, method: 核对原文, date: 2026-08-31}\n"
    ),
)


def _library_with_files(repo) -> git.Repo:
    r = git.Repo.init(repo, initial_branch="main")
    write(repo, "content/posts/2026/09/with-asset.md", WITH_ASSET)
    write(repo, "content/posts/2026/09/img/a.png", b"\x89PNG")
    write(repo, "content/posts/2026/09/reprint.md", REPRINT)
    write(repo, "content/posts/2026/09/evidence/grant.png", b"\x89PNG")
    write(repo, "content/posts/2026/09/img/unused.png", b"\x89PNG")
    _commit(r, "main")
    return r


def test_base_sees_an_asset_the_branch_deletes(run_cli, repo):
    r = _library_with_files(repo)
    assert run_cli("check", "--root", str(repo))[0] == 0
    r.git.checkout("-b", "feature")
    r.git.rm("content/posts/2026/09/img/a.png")
    _commit(r, "delete an image")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 1, out
    assert "content/posts/2026/09/with-asset.md:11:14: WM211" in out
    assert "检查了 1 个文件" in out  # the post that uses it; the deleted image itself is gone


def test_base_sees_evidence_the_branch_renames_and_passes_an_unused_deletion(run_cli, repo):
    r = _library_with_files(repo)
    r.git.checkout("-b", "feature")
    r.git.mv("content/posts/2026/09/evidence/grant.png", "content/posts/2026/09/evidence/renamed.png")
    _commit(r, "rename the evidence")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 1 and "content/posts/2026/09/reprint.md:" in out and "WM202" in out, out

    r.git.checkout("main")
    r.git.checkout("-b", "tidy")
    r.git.rm("content/posts/2026/09/img/unused.png")
    _commit(r, "delete what nothing uses")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 0 and "检查了 0 个文件" in out, out


def test_staged_changes_reads_the_index(repo):
    from wemedia import gitrepo

    r = git.Repo.init(repo, initial_branch="main")
    write(repo, "content/posts/2026/09/with-asset.md", WITH_ASSET)
    write(repo, "content/posts/2026/09/img/a.png", b"\x89PNG")
    write(repo, "content/posts/2026/09/img/b.png", b"\x89PNG")
    write(repo, "notes.txt", "not content")
    r.git.add(A=True)  # no commit yet: everything staged is new
    first = gitrepo.staged_changes(repo)
    assert first.removed == [] and "content/posts/2026/09/img/a.png" in first.changed
    assert "content/team.yml" in first.changed and "notes.txt" not in first.changed
    _commit(r, "first")
    nothing = gitrepo.staged_changes(repo)
    assert (nothing.changed, nothing.removed, nothing.absent) == ([], [], [])
    assert nothing.before == r.head.commit.hexsha

    r.git.mv("content/posts/2026/09/img/a.png", "content/posts/2026/09/img/c.png")
    r.git.rm("--cached", "content/posts/2026/09/img/b.png")  # still on disk, but not in the commit
    (repo / "notes.txt").unlink()
    r.git.add(A=False, u=True)
    staged = gitrepo.staged_changes(repo)
    assert staged.changed == ["content/posts/2026/09/img/c.png"]
    assert staged.removed == ["content/posts/2026/09/img/a.png", "content/posts/2026/09/img/b.png"]
    assert staged.absent == ["content/posts/2026/09/img/b.png"]


def test_staged_check_adds_what_refers_to_staged_deletions(run_cli, repo):
    r = _library_with_files(repo)
    code, out, _ = run_cli("check", "--root", str(repo), "--staged")
    assert code == 0 and "没有改动 content/" in out  # pre-commit passed no files and nothing is removed

    r.git.rm("content/posts/2026/09/img/unused.png")
    code, out, _ = run_cli("check", "--root", str(repo), "--staged")
    assert code == 0 and "检查了 0 个文件" in out, out

    r.git.rm("--cached", "content/posts/2026/09/img/a.png")  # the file stays on disk, untracked
    code, out, _ = run_cli("check", "--root", str(repo), "--staged")
    assert code == 1 and "with-asset.md:11:14: WM211" in out, out
    code, out, _ = run_cli(
        "check", "--root", str(repo), "--staged", "--lang", "en", str(repo / "content/posts/2026/09/reprint.md")
    )
    assert code == 1 and "with-asset.md:11:14: WM211" in out and "checked 2 file(s)" in out, out


def test_base_and_staged_cannot_be_combined(run_cli, repo):
    _library_with_files(repo)
    try:
        code = run_cli("check", "--root", str(repo), "--staged", "--base", "main")[0]
    except SystemExit as stop:  # argparse refuses the pair
        code = stop.code
    assert code == 2


def test_base_sees_a_deletion_behind_an_untracked_copy(run_cli, repo):
    """The branch deletes an image a post uses; a copy left on disk is not part of the pull request."""
    r = _library_with_files(repo)
    r.git.checkout("-b", "feature")
    r.git.rm("content/posts/2026/09/img/a.png")
    _commit(r, "delete an image")
    write(repo, "content/posts/2026/09/img/a.png", b"\x89PNG")  # untracked: the pull request lacks it
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 1, out
    assert "content/posts/2026/09/with-asset.md:11:14: WM211" in out


def test_base_and_staged_treat_untracked_and_ignored_files_as_missing(run_cli, repo):
    """A new post's image on disk but never added, or ignored by .gitignore, is not in the commit."""
    r = _library_with_files(repo)
    write(repo, "content/posts/2026/09/new.md", WITH_ASSET.replace("img/a.png", "img/new.png"))
    write(repo, "content/posts/2026/09/img/new.png", b"\x89PNG")
    r.git.add("content/posts/2026/09/new.md")
    for view in (["--staged", str(repo / "content/posts/2026/09/new.md")], ["--base", "main"]):
        code, out, _ = run_cli("check", "--root", str(repo), *view)
        assert code == 1 and "content/posts/2026/09/new.md:11:14: WM211" in out, (view, out)
    write(repo, ".gitignore", "*.png\n")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 1 and "content/posts/2026/09/new.md:11:14: WM211" in out, out
    r.git.add("-f", "content/posts/2026/09/img/new.png")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 0, out
    assert run_cli("check", "--root", str(repo))[0] == 0  # the full check still sees the working tree


def test_staged_changes_lists_what_git_does_not_track(repo):
    from wemedia import gitrepo

    r = _library_with_files(repo)
    write(repo, "content/posts/2026/09/img/loose.png", b"\x89PNG")
    write(repo, "content/posts/2026/09/img/ignored.png", b"\x89PNG")
    write(repo, ".gitignore", "ignored.png\n")
    write(repo, "elsewhere.png", b"\x89PNG")
    changes = gitrepo.staged_changes(repo)
    assert changes.absent == ["content/posts/2026/09/img/ignored.png", "content/posts/2026/09/img/loose.png"]
    assert changes.changed == [] and changes.before == r.head.commit.hexsha


VERSIONED = WITH_ASSET.replace("status: draft\n", "status: draft\nchannels:\n  - {account: wx, file: versions/wx.md}\n")
VERSION = "content/posts/2026/09/versions/wx.md"


def _library_with_a_version(repo) -> git.Repo:
    """A post whose WeChat version, in its own file without front-matter, uses the post's image."""
    r = git.Repo.init(repo, initial_branch="main")
    write(repo, "content/posts/2026/09/post.md", VERSIONED)
    write(repo, "content/posts/2026/09/img/a.png", b"\x89PNG")
    write(repo, VERSION, "公众号版。\n\n![配图](../img/a.png)\n")
    _commit(r, "main")
    return r


def test_base_checks_the_versions_of_a_changed_post(run_cli, repo):
    r = _library_with_a_version(repo)
    assert run_cli("check", "--root", str(repo))[0] == 0
    r.git.checkout("-b", "feature")
    write(
        repo,
        "content/posts/2026/09/post.md",
        DRAFT.replace("status: draft\n", "status: draft\nchannels:\n  - {account: wx, file: versions/wx.md}\n"),
    )
    _commit(r, "the post no longer lists the image")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 1, out
    assert f"{VERSION}:3:7: WM210" in out and "（文章 content/posts/2026/09/post.md）" in out
    code, out, _ = run_cli("check", "content/posts/2026/09/post.md", cwd=repo)  # and checking the post
    assert code == 1 and f"{VERSION}:3:7: WM210" in out, out


def test_base_checks_a_version_file_the_branch_stops_naming(run_cli, repo):
    r = _library_with_a_version(repo)
    write(repo, "content/posts/2026/09/versions/wx.txt", "公众号文案。\n")
    write(
        repo,
        "content/posts/2026/09/post.md",
        VERSIONED.replace("file: versions/wx.md}", "file: versions/wx.md}\n  - {account: wx, file: versions/wx.txt}"),
    )
    _commit(r, "main with two versions")
    r.git.checkout("-b", "feature")
    write(repo, "content/posts/2026/09/versions/wx2.md", "公众号版第二稿。\n\n![配图](../img/a.png)\n")
    write(repo, "content/posts/2026/09/post.md", VERSIONED.replace("versions/wx.md", "versions/wx2.md"))
    _commit(r, "point the channel at a new version")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 1, out
    assert f"{VERSION}:1:1: WM003" in out  # named by nobody: a post without front-matter
    assert "content/posts/2026/09/versions/wx.txt:1:1: WM006" in out  # named by nobody: a stray text file


def test_base_checks_the_versions_of_a_removed_post(run_cli, repo):
    r = _library_with_a_version(repo)
    r.git.checkout("-b", "feature")
    r.git.rm("content/posts/2026/09/post.md")
    _commit(r, "remove the post, forget its version")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 1 and f"{VERSION}:1:1: WM003" in out, out
    r.git.rm(VERSION)
    _commit(r, "remove the version too")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 0, out


def test_init_copies_the_example_as_committed_not_as_left_in_the_checkout(tmp_path):
    """`wemedia init` in a checkout copies content/ from the last commit: a draft or a broken file
    someone left there must not land in a new library's repository."""
    import git as gitpython

    from wemedia import gitrepo

    repo = gitpython.Repo.init(tmp_path / "tool", initial_branch="main")
    write(tmp_path / "tool", "content/posts/a.md", "committed\n")
    write(tmp_path / "tool", "content/img/p.png", b"\x89PNG")
    repo.git.add(A=True)
    repo.index.commit("example")
    write(tmp_path / "tool", "content/posts/a.md", "edited, not committed\n")
    write(tmp_path / "tool", "content/posts/broken.md", "title：坏\n")
    assert gitrepo.committed_files(tmp_path / "tool" / "content") == {
        "posts/a.md": b"committed\n",
        "img/p.png": b"\x89PNG",
    }
    assert gitrepo.committed_files(tmp_path / "elsewhere") is None


def test_staged_by_hand_checks_the_staged_files(run_cli, repo):
    """Run by hand (no paths, as pre-commit would give them), --staged checks what is staged."""
    r = _library_with_files(repo)
    write(repo, "content/posts/2026/09/new.md", DRAFT.replace("licence: CC-BY-4.0", "licence: CC-BY-9.9"))
    code, out, _ = run_cli("check", "--root", str(repo), "--staged")
    assert code == 0 and "没有改动 content/" in out  # written, not staged: not in the commit
    r.git.add("content/posts/2026/09/new.md")
    code, out, _ = run_cli("check", "--root", str(repo), "--staged")
    assert code == 1 and "new.md" in out and "WM101" in out and "检查了 1 个文件" in out, out
