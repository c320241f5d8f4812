"""The history of released posts (WM230) in a pull request (`--base`) and at commit time (`--staged`),
against real git repositories (GitPython); the commit hook itself is in test_precommit.py."""

from __future__ import annotations

import re

import git
import signing

from wemedia import archive, gitrepo, history

from conftest import PROJECT
from conftest import write as _write


def write(root, rel: str, content):
    """Write a file, then sign what it leaves to sign (`@digest` / `@sign`), as a reviewer would have."""
    path = _write(root, rel, content)
    signing.sign_placeholders(root)
    return path


PUBLISHED = """---
title: 开放时间
library: lib
author: ed
created: 2026-09-01
category: news
channels:
  - {account: wx, published: "2026-09-03T08:00:00+08:00", url: "https://mp.weixin.qq.com/s/a"}
source:
  type: reprint
  origin: {title: 原文, publisher: 某馆, url: 'https://example.org/a', date: 2026-08-30}
  authorization: {granted_by: 某馆, date: 2026-08-31, evidence: evidence/grant.png}
  verification: {by: rv1, method: 核对原文, date: 2026-08-31}
licence: CC-BY-4.0
assets:
  - {file: img/a.png, kind: image, creator: ed, source: 自摄, licence: CC-BY-4.0}
reviews:
  - {stage: first, reviewer: rv1, at: "2026-09-02T10:00:00+08:00", checks: [facts, authorization, copyright, disclosure], digest: "@digest", signature: "@sign"}
  - {stage: second, reviewer: rv2, at: "2026-09-02T15:00:00+08:00", checks: [facts, authorization, copyright, disclosure], digest: "@digest", signature: "@sign"}
  - {stage: signoff, reviewer: mgr, at: "2026-09-02T17:00:00+08:00", checks: [facts, authorization, copyright, disclosure], digest: "@digest", signature: "@sign"}
status: published
---
开放时间为每天 9:00 至 21:00。

![馆舍](img/a.png)
"""
OTHER = """---
title: 讲座
library: lib
author: ed
created: 2026-09-01
category: news
channels:
  - {account: wx, published: "2026-09-03T08:00:00+08:00", url: "https://mp.weixin.qq.com/s/b"}
source: {type: original}
licence: CC-BY-4.0
reviews:
  - {stage: first, reviewer: rv1, at: "2026-09-02T10:00:00+08:00", checks: [facts, authorization, copyright, disclosure], digest: "@digest", signature: "@sign"}
  - {stage: second, reviewer: rv2, at: "2026-09-02T15:00:00+08:00", checks: [facts, authorization, copyright, disclosure], digest: "@digest", signature: "@sign"}
  - {stage: signoff, reviewer: mgr, at: "2026-09-02T17:00:00+08:00", checks: [facts, authorization, copyright, disclosure], digest: "@digest", signature: "@sign"}
status: published
---
讲座在周六下午举行。
"""
POST = "content/posts/2026/09/a.md"
IMAGE = "content/posts/2026/09/img/a.png"
EVIDENCE = "content/posts/2026/09/evidence/grant.png"
CORRECTION = (
    "status: corrected\ncorrections:\n  - {at: '2026-09-04T10:00:00+08:00', kind: correction, reason: 时间写错, "
    "department: 读者服务部, approved_by: mgr, "
    'checks: [facts, authorization, copyright, disclosure], digest: "@digest", signature: "@sign"}\n'
)


def _commit(repo: git.Repo, message: str) -> None:
    repo.git.add(A=True)
    who = git.Actor("测试", "test@example.invalid")
    repo.index.commit(message, author=who, committer=who)


def _library(root) -> git.Repo:
    r = git.Repo.init(root, initial_branch="main")
    _write(root, IMAGE, b"\x89PNG one")  # the files a post uses first: its digest covers their bytes
    _write(root, EVIDENCE, b"\x89PNG grant")
    write(root, POST, PUBLISHED)
    write(root, "content/posts/2026/09/b.md", OTHER)
    _commit(r, "main")
    r.git.checkout("-b", "feature")
    return r


def test_the_example_library_is_clean(run_cli, repo):
    _library(repo)
    assert run_cli("check", "--root", str(repo))[0] == 0


def test_a_pull_request_deleting_a_published_post_fails_and_annotates_the_old_path(run_cli, repo):
    r = _library(repo)
    r.git.rm(POST)
    _commit(r, "delete")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 1 and f"{POST}:1:1: WM230 [5.5.1] 已发布的文章《开放时间》被删除" in out, out
    assert f"git checkout main -- {POST}" in out
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main", "--format", "github")
    assert code == 1 and f"::error file={POST},line=1,col=1,title=WM230 [5.5.1]::" in out, out


def test_a_rename_inside_content_posts_is_an_error_too(run_cli, repo):
    r = _library(repo)
    r.git.mv(POST, "content/posts/2026/09/kaifang.md")
    _commit(r, "rename")
    changes = gitrepo.changed_files(repo, "main")
    assert changes.renamed == {POST: "content/posts/2026/09/kaifang.md"}
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 1 and "被改名为 content/posts/2026/09/kaifang.md" in out, out
    assert f"git mv content/posts/2026/09/kaifang.md {POST}" in out


def test_a_pull_request_replacing_an_image_or_an_evidence_scan_of_an_unchanged_post_fails(run_cli, repo):
    r = _library(repo)
    write(repo, EVIDENCE, b"\x89PNG another grant")
    _commit(r, "replace the scan")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 1 and f"{POST}:2:1: WM230" in out and f"文件“{EVIDENCE}”被改动" in out, out
    assert "b.md" not in out  # the other post does not use it
    write(repo, IMAGE, b"\x89PNG two")
    r.git.add(A=True)  # staged, not committed: the pull request carries it
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 1 and f"文件“{EVIDENCE}”、“{IMAGE}”被改动" in out, out


def test_a_large_asset_is_hashed_from_git_without_being_read_as_text(run_cli, repo):
    """An asset over 1 MiB is compared by its hash, streamed from git."""
    r = _library(repo)
    write(repo, IMAGE, b"\x89PNG" + b"\0" * (3 << 20))
    _commit(r, "main with a large image")
    r.git.checkout("-b", "bigger")
    write(repo, IMAGE, b"\x89PNG" + b"\1" * (3 << 20))
    _commit(r, "replace it")
    changes = gitrepo.changed_files(repo, "feature")
    before = history.History.of(repo, changes, "feature")
    assert IMAGE in before.hashes and IMAGE not in before.texts
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "feature")
    assert code == 1 and f"文件“{IMAGE}”被改动" in out, out


def test_a_published_post_corrected_on_record_passes_and_workflow_fields_are_free(run_cli, repo):
    r = _library(repo)
    write(repo, POST, PUBLISHED.replace("21:00", "20:30").replace("status: published\n", CORRECTION))
    write(repo, "content/posts/2026/09/b.md", OTHER.replace("/s/b", "/s/b2"))
    _commit(r, "correct one, fix the other's URL")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 0 and "WM230" not in out, out

    write(repo, POST, PUBLISHED.replace("21:00", "20:00").replace("status: published\n", CORRECTION))
    _commit(r, "change it again, with the same record")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 0, out  # against main, the record is still new
    r.git.checkout("-b", "again")
    write(repo, POST, PUBLISHED.replace("21:00", "19:00").replace("status: published\n", CORRECTION))
    _commit(r, "a third change, no new record")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "feature")
    assert code == 1 and "的正文被改动，但没有新的更正记录" in out, out
    assert "原有的 1 条更正记录被删除或改动" in out, out  # the record re-signed over the new text: altered, not new


def test_a_version_file_rewritten_under_an_unchanged_post_fails(run_cli, repo):
    r = _library(repo)
    write(
        repo,
        POST,
        PUBLISHED.replace("  - {account: wx,", "  - {account: wx, file: versions/weibo.txt}\n  - {account: wx,"),
    )
    write(repo, "content/posts/2026/09/versions/weibo.txt", "微博版：开放时间为每天 9:00 至 21:00。\n")
    _commit(r, "main with a version")
    r.git.checkout("-b", "edit-version")
    write(repo, "content/posts/2026/09/versions/weibo.txt", "微博版：开放时间为每天 9:00 至 20:00。\n")
    _commit(r, "edit the version")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "feature")
    assert code == 1 and "平台版本“content/posts/2026/09/versions/weibo.txt”被改动" in out, out


def test_adding_files_does_not_read_every_post(repo):
    """A new post with new images (the common commit) judges nothing and reads no other post; only a
    change to a file that was there before (an image replaced) looks for the posts that use it."""
    r = _library(repo)
    write(repo, "content/posts/2026/10/new.md", PUBLISHED.replace("status: published", "status: draft"))
    write(repo, "content/posts/2026/10/img/a.png", b"\x89PNG new")
    r.git.add(A=True)
    changes = gitrepo.staged_changes(repo)
    loaded = archive.load(
        repo,
        list(changes.changed),
        removed=changes.removed,
        absent=changes.absent,
        history=history.History.of(repo, changes),
    )
    assert history.judged(loaded) == []
    assert POST not in loaded.documents and "content/posts/2026/09/b.md" not in loaded.documents
    write(repo, IMAGE, b"\x89PNG changed")
    r.git.add(A=True)
    changes = gitrepo.staged_changes(repo)
    loaded = archive.load(
        repo, list(changes.changed), removed=changes.removed, history=history.History.of(repo, changes)
    )
    assert history.judged(loaded) == [POST] and POST in loaded.selected


def test_staged_sees_a_status_moved_back(run_cli, repo):
    _library(repo)
    write(repo, POST, PUBLISHED.replace("status: published", "status: in-review"))
    git.Repo(repo).git.add(A=True)
    code, out, _ = run_cli("check", "--root", str(repo), "--staged", "--lang", "en")
    assert code == 1 and "went back from status 'published' to 'in-review'" in out, out


def test_a_pull_request_changing_the_team_register_or_a_policy_says_so(run_cli, repo):
    r = _library(repo)
    team = (repo / "content/team.yml").read_text(encoding="utf-8")
    write(repo, "content/team.yml", team.replace("roles: [reviewer]", "roles: [reviewer, manager]", 1))
    policy = (repo / "content/policy/disclosure.yml").read_text(encoding="utf-8")
    write(repo, "content/policy/disclosure.yml", policy + "\n# 新的说明\n")
    _commit(r, "give rv1 the manager role")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 0, out
    assert "注意：团队名册 content/team.yml 有改动（修改 rv1 的 roles）：名册决定谁能审核、签发和批准更正" in out
    assert "注意：政策文件 content/policy/disclosure.yml 有改动：" in out
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main", "--format", "github", "--lang", "en")
    assert "::notice file=content/team.yml,line=1,title=register changed::the team register content/team.yml " in out
    code, out, err = run_cli("check", "--root", str(repo), "--base", "main", "--format", "json")
    assert out.lstrip().startswith("{") and "团队名册" in err  # JSON stays machine-readable
    code, out, _ = run_cli("check", "--root", str(repo), "--staged")
    assert "团队名册" not in out  # at commit time the committer knows what they changed


def test_a_new_person_and_a_removed_one_are_named(run_cli, repo):
    r = _library(repo)
    team = (repo / "content/team.yml").read_text(encoding="utf-8")
    team = re.sub(r"  - id: rv2\n(    .*\n)*", "", team)
    write(repo, "content/team.yml", team + "  - id: rv3\n    name: 审核戊\n    library: lib\n    roles: [reviewer]\n")
    _commit(r, "replace a reviewer")
    _, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert "团队名册 content/team.yml 有改动（新增 rv3；删除 rv2）" in out, out


def test_values_of_the_wrong_shape_do_not_crash_the_history_rule(run_cli, repo):
    """Whatever shape the change leaves (the schema reports it), WM230 judges without crashing."""
    _library(repo)
    shapes = [
        ("status: published\n", "status: [published]\n"),
        ("status: published\n", "status: published\ncorrections: 5\n"),
        ("status: published\n", "status: corrected\ncorrections: [5, {at: [x], approved_by: {a: b}, reason: 7}]\n"),
        ("  - {account: wx, published:", "  - 5\n  - {account: wx, published:"),
        ("library: lib\n", "library: [lib]\n"),
        ("assets:\n", "assets: 5\nx:\n"),
    ]
    for old, new in shapes:
        write(repo, POST, PUBLISHED.replace(old, new, 1))
        git.Repo(repo).git.add(A=True)
        code, out, err = run_cli("check", "--root", str(repo), "--staged")
        assert code == 1 and "内部错误" not in err, (new, out, err)


def test_a_pull_request_adding_a_year_of_the_calendar_says_so(run_cli, repo):
    r = _library(repo)
    calendar = (PROJECT / "content/policy/calendar/2026.yml").read_text(encoding="utf-8")
    write(repo, "content/policy/calendar/2026.yml", calendar)
    _commit(r, "the 2026 notice")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 0, out
    assert (
        "注意：政策文件 content/policy/calendar/2026.yml 是新加的：工作日历决定咨询留言的答复期限，"
        "请确认日期已由运营管理岗对照国务院办公厅的通知核对（5.4 a）。"
    ) in out
