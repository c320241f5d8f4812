"""`wemedia review sign` / `status` end to end, and the review trail tried as a careless or dishonest
editor would: real keys (made at run time), the real `ssh-keygen -Y sign`, the real checker."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import signing

from conftest import write

POST = """---
title: 测试文章
library: lib
author: ed
created: 2026-09-01
category: news
channels:
  - {account: wx, file: a.weibo.md}
source: {type: original}
licence: CC-BY-4.0
assets:
  - {file: img/p.png, kind: image, creator: ed, source: 自摄, licence: CC-BY-4.0}
status: in-review
---

# 测试文章

正文第一段。

![配图](img/p.png)
"""
VERSION = "---\ntitle: 微博版\n---\n微博版正文。\n"
TIMES = {
    "first": "2026-09-02T10:00:00+08:00",
    "second": "2026-09-02T15:00:00+08:00",
    "signoff": "2026-09-02T17:00:00+08:00",
}
WHO = {"first": "rv1", "second": "rv2", "signoff": "mgr"}


@pytest.fixture
def post(repo) -> Path:
    write(repo, "content/posts/a.weibo.md", VERSION)
    write(repo, "content/posts/img/p.png", b"\x89PNG\r\n\x1a\nfirst version")
    return write(repo, "content/posts/a.md", POST)


def sign(run_cli, repo, path, stage, who=None, at=None, key=None):
    who = who or WHO[stage]
    return run_cli(
        "review", "sign", str(path), "--stage", stage, "--reviewer", who,
        "--key", str(key or signing.private_key(who)), "--at", at or TIMES[stage], "--root", str(repo),
    )  # fmt: skip


def check(run_cli, repo, *paths):
    code, out, _ = run_cli("check", "--root", str(repo), *map(str, paths))
    return code, [line for line in out.splitlines() if re.search(r": WM\d{3} ", line)]


def signed_all(run_cli, repo, post):
    for stage in ("first", "second", "signoff"):
        code, out, err = sign(run_cli, repo, post, stage)
        assert code == 0, err
        assert "签名" in out
    return post


def test_three_signatures_make_a_clean_approved_post_and_touch_nothing_else(run_cli, repo, post):
    before = post.read_bytes()
    signed_all(run_cli, repo, post)
    after = post.read_text(encoding="utf-8")
    head, _, tail = before.decode().partition("---\n\n# 测试文章")
    assert after.startswith(head + "reviews:\n  - stage: first\n    reviewer: rv1\n")  # every field as it was
    assert after.endswith("-----END SSH SIGNATURE-----\n---\n\n# 测试文章" + tail)  # and the body
    assert after.count("-----BEGIN SSH SIGNATURE-----") == 3
    post.write_text(after.replace("status: in-review", "status: approved"), encoding="utf-8")
    assert check(run_cli, repo) == (0, [])


@pytest.mark.parametrize(
    "change, path",
    [
        (lambda root: (root / "content/posts/a.md").write_text(
            (root / "content/posts/a.md").read_text().replace("正文第一段。", "正文第一段！"), encoding="utf-8"), "body"),
        (lambda root: (root / "content/posts/a.md").write_text(
            (root / "content/posts/a.md").read_text().replace("title: 测试文章", "title: 测试文章（修订）"), encoding="utf-8"), "title"),
        (lambda root: (root / "content/posts/img/p.png").write_bytes(b"\x89PNG\r\n\x1a\nswapped"), "asset"),
        (lambda root: (root / "content/posts/a.weibo.md").write_text(VERSION.replace("微博版正文", "改过的微博版正文"),
                                                                      encoding="utf-8"), "version"),
    ],
    ids=["body", "front-matter", "asset bytes", "per-platform version"],
)  # fmt: skip
def test_a_change_after_signing_voids_every_review(run_cli, repo, post, change, path):
    signed_all(run_cli, repo, post)
    assert check(run_cli, repo) == (0, [])
    change(repo)
    code, lines = check(run_cli, repo)
    assert code == 1
    stale = [line for line in lines if " WM224 " in line]
    assert len(stale) == 3, lines
    assert "正文或素材在审核乙（rv1）初审后被修改" in stale[0] and "--stage first" in stale[0]


def test_layout_comments_and_line_ends_do_not_void_a_review(run_cli, repo, post):
    signed_all(run_cli, repo, post)
    text = post.read_text(encoding="utf-8")
    text = text.replace("licence: CC-BY-4.0\n", "licence: CC-BY-4.0   # 许可\n", 1).replace(
        "正文第一段。", "正文第一段。  "
    )
    post.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    code, lines = check(run_cli, repo)
    assert code == 0 and [line for line in lines if " WM004 " not in line] == []  # CRLF: only its own warning


def _entries(post: Path) -> list[str]:
    text = post.read_text(encoding="utf-8")
    start = text.index("reviews:\n")
    block = text[start : text.index("\n---\n", start) + 1]
    return re.split(r"(?m)^(?=  - stage:)", block)[1:]


def test_a_signature_copied_from_another_post_does_not_verify(run_cli, repo, post):
    signed_all(run_cli, repo, post)
    other = write(repo, "content/posts/b.md", POST.replace("测试文章", "另一篇"))
    text = other.read_text(encoding="utf-8").replace(
        "status: in-review\n", "status: approved\nreviews:\n" + "".join(_entries(post))
    )
    other.write_text(text, encoding="utf-8")
    code, lines = check(run_cli, repo, other)
    assert code == 1
    assert sum(" WM223 " in line and "签名无效" in line and "若文章改名或移动过" in line for line in lines) == 3, lines


def test_a_first_review_signature_presented_as_second_review_or_signoff(run_cli, repo, post):
    assert sign(run_cli, repo, post, "first")[0] == 0
    first = _entries(post)[0]
    forged = first.replace("stage: first", "stage: second")
    post.write_text(post.read_text(encoding="utf-8").replace(first, first + forged), encoding="utf-8")
    code, lines = check(run_cli, repo, post)
    assert code == 1
    assert any(" WM223 " in line and "复审签名无效" in line for line in lines), lines
    assert any(" WM220 " in line and "初审和复审是同一个人" in line for line in lines), lines


def test_a_truncated_or_garbled_signature(run_cli, repo, post):
    signed_all(run_cli, repo, post)
    entries = _entries(post)
    text = post.read_text(encoding="utf-8")
    lines = entries[0].splitlines(keepends=True)
    truncated = "".join(lines[:-3] + lines[-1:])  # two lines of the armour gone
    garbled = entries[1].replace("U1NIU0lH", "U1NIU0lI", 1)
    text = text.replace(entries[0], truncated).replace(entries[1], garbled)
    post.write_text(text.replace("status: in-review", "status: approved"), encoding="utf-8")
    code, found = check(run_cli, repo, post)
    assert code == 1
    assert [line.split(": ", 1)[1][:5] for line in found if " WM223 " in line] == ["WM223", "WM223"], found


def test_a_key_outside_its_validity(run_cli, repo, post):
    team = repo / "content/team.yml"
    team.write_text(
        team.read_text(encoding="utf-8").replace(
            f'{{key: "{signing.public_key("rv1")}", valid_from: 2020-01-01}}',
            f'{{key: "{signing.public_key("rv1")}", valid_from: 2020-01-01, valid_until: 2026-08-31}}',
        ),
        encoding="utf-8",
    )
    code, _, err = sign(run_cli, repo, post, "first")
    assert code == 2 and "不是审核乙（rv1）在 2026-09-02 有效的登记公钥" in err
    assert "reviews" not in post.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "stage, who, key, refused",
    [
        ("first", "ed", None, "不是 lib 的审核（reviewer），不能初审"),
        ("second", "rv2", None, "还没有有效的初审"),
        ("signoff", "mgr", None, "还没有有效的初审"),
        ("first", "rv1", "stranger", "不是审核乙（rv1）在 2026-09-02 有效的登记公钥"),
        ("signoff", "rv1", None, "不是 lib 的运营管理岗（manager），不能签发"),
    ],
)
def test_what_may_not_be_signed_is_refused_before_signing(run_cli, repo, post, stage, who, key, refused):
    before = post.read_bytes()
    code, _, err = sign(run_cli, repo, post, stage, who=who, key=signing.private_key(key) if key else None)
    assert code == 2 and refused in err and "文件未改动" in err, err
    assert post.read_bytes() == before


def test_the_author_and_the_same_person_twice_are_refused(run_cli, repo, post):
    post.write_text(post.read_text(encoding="utf-8").replace("author: ed", "author: rv2"), encoding="utf-8")
    code, _, err = sign(run_cli, repo, post, "first", who="rv2")
    assert code == 2 and "是这篇文章的作者" in err
    post.write_text(post.read_text(encoding="utf-8").replace("author: rv2", "author: ed"), encoding="utf-8")
    assert sign(run_cli, repo, post, "first")[0] == 0
    code, _, err = sign(run_cli, repo, post, "second", who="rv1")
    assert code == 2 and "已经做了初审" in err


def test_a_second_id_for_the_same_person_is_the_same_person(run_cli, repo, post):
    team = repo / "content/team.yml"
    alias = f'  - id: rv1-alias\n    name: 审核乙\n    library: lib\n    roles: [reviewer]\n    keys: [{{key: "{signing.public_key("rv1b")}", valid_from: 2020-01-01}}]\n'
    team.write_text(team.read_text(encoding="utf-8") + alias, encoding="utf-8")
    assert sign(run_cli, repo, post, "first")[0] == 0
    code, _, err = sign(run_cli, repo, post, "second", who="rv1-alias", key=signing.private_key("rv1b"))
    assert code == 2 and "已经做了初审" in err


def test_signing_keeps_crlf_bom_and_a_flow_list(run_cli, repo, post):
    text = POST.replace("status: in-review\n", "reviews: []  # 待审\nstatus: in-review\n")
    post.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert sign(run_cli, repo, post, "first")[0] == 0
    raw = post.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf---\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert "reviews:  # 待审\r\n  - stage: first\r\n" in raw.decode("utf-8")
    assert sign(run_cli, repo, post, "second")[0] == 0
    code, lines = check(run_cli, repo, post)
    assert code == 0 and [line for line in lines if " WM004 " not in line] == []


def test_signing_again_replaces_the_stage_entry(run_cli, repo, post):
    assert sign(run_cli, repo, post, "first")[0] == 0
    post.write_text(post.read_text(encoding="utf-8").replace("正文第一段。", "正文第一段（改）。"), encoding="utf-8")
    assert check(run_cli, repo, post)[0] == 1
    assert sign(run_cli, repo, post, "first", at="2026-09-02T11:00:00+08:00")[0] == 0
    assert len(_entries(post)) == 1 and check(run_cli, repo, post) == (0, [])


def test_review_status_says_what_waits_and_who_may_do_it(run_cli, repo, post):
    write(repo, "content/posts/draft.md", POST.replace("status: in-review", "status: draft"))
    code, out, _ = run_cli("review", "status", "--root", str(repo))
    assert code == 0 and "content/posts/draft.md" not in out and "另有 1 篇草稿" in out, out
    assert "content/posts/a.md\n  等待初审；今天可以初审的人：审核乙（rv1）、审核丙（rv2）、管理丁（mgr）" in out
    signed_all(run_cli, repo, post)
    assert "没有等待审核或签发的文章" in run_cli("review", "status", "--root", str(repo))[1]


def test_work_done_ahead_in_a_worker_process_gives_the_same_findings(tmp_path, monkeypatch, run_cli):
    """A full check of many documents verifies signatures, computes digests and scans for disclosure
    partly in a worker process (`ahead`); with a garbled signature, a changed review time, a copied
    signature, a mobile number, a body changed after review and a moved post among the last documents
    (the worker's first), `wemedia check` reports exactly what it reports doing everything itself."""
    from wemedia import ahead, bench

    root = tmp_path / "many"
    posts = bench.generate(root, 300)  # 900 signatures, 360 documents: above ahead.MINIMUM
    tampered = posts[-6:]
    texts = [p.read_text(encoding="utf-8") for p in tampered]
    tampered[0].write_text(texts[0].replace("U1NIU0lH", "U1NIU0lI", 1), encoding="utf-8")
    tampered[1].write_text(re.sub(r"(\n    at: [0-9-]+)T08:00", r"\1T07:59", texts[1], count=1), "utf-8")
    block = re.compile(r"    signature: \|\n(?:      .*\n)+")
    copied = block.search(texts[0]).group(0)
    tampered[2].write_text(block.sub(lambda _: copied, texts[2], count=1), "utf-8")
    tampered[3].write_text(texts[3] + "\n联系电话 13812345678\n", "utf-8")
    tampered[4].write_text(texts[4] + "\n审核之后加的一句。\n", "utf-8")
    moved = tampered[5].with_name("moved-" + tampered[5].name)
    tampered[5].rename(moved)
    pools, taken = [], []
    real_start, real_result = ahead.start, ahead.Pool._result

    def result(self, doc):
        taken.append((doc.path, real_result(self, doc)))
        return taken[-1][1]

    monkeypatch.setattr(ahead, "start", lambda *args: pools.append(real_start(*args)) or pools[-1])
    monkeypatch.setattr(ahead.Pool, "_result", result)
    code, with_worker, _ = run_cli("check", "--root", str(root), "--format", "json")
    assert code == 1 and pools and pools[0] is not None
    rel = [str(p.relative_to(root)) for p in [*tampered[:5], moved]]
    assert {path for path, r in taken if r is not None} >= set(rel)  # the worker's results were used for these
    monkeypatch.setattr(ahead, "MINIMUM", 10**9)
    code, alone, _ = run_cli("check", "--root", str(root), "--format", "json")
    assert with_worker == alone
    found = json.loads(alone)["findings"]
    assert {f["path"] for f in found if f["rule"] == "WM223"} == {*rel[:3], rel[5]}
    assert [f["path"] for f in found if f["rule"] == "WM602"] == [rel[3]]
    assert {f["path"] for f in found if f["rule"] == "WM224"} == {rel[3], rel[4]}  # both bodies changed
    assert all("若文章改名或移动过" in f["message"] for f in found if f["path"] == rel[5] and f["rule"] == "WM223")


def test_signing_with_the_ssh_agent_finds_the_reviewer_by_key(run_cli, repo, post, agent):
    subprocess.run(["ssh-add", "-q", str(signing.private_key("stranger"))], check=True, capture_output=True)
    argv = ("review", "sign", str(post), "--stage", "first", "--at", TIMES["first"], "--root", str(repo))
    code, _, err = run_cli(*argv)
    assert code == 2 and "ssh-agent 中没有团队名册里登记的本人密钥" in err and "文件未改动" in err
    subprocess.run(["ssh-add", "-q", str(signing.private_key("rv1"))], check=True, capture_output=True)
    code, out, err = run_cli(*argv)
    assert code == 0 and "审核乙（rv1）的初审签名" in out, err
    assert check(run_cli, repo, post) == (0, [])


def test_a_valid_review_by_someone_else_is_not_replaced_and_times_must_be_real(run_cli, repo, post):
    assert sign(run_cli, repo, post, "first")[0] == 0
    before = post.read_bytes()
    code, _, err = sign(run_cli, repo, post, "first", who="rv2")
    assert code == 2 and "已有审核乙（rv1）的有效初审" in err and post.read_bytes() == before, err
    code, _, err = sign(run_cli, repo, post, "second", at="2026-12-02T10:00:00+08:00")  # today is 2026-12-01
    assert code == 2 and "还没有到" in err and post.read_bytes() == before, err
    code, _, err = sign(run_cli, repo, post, "second", at="2026-08-31T10:00:00+08:00")
    assert code == 2 and "早于文章的创建日期（2026-09-01）" in err and post.read_bytes() == before, err


def test_a_time_is_written_as_the_schema_writes_it_and_a_draft_is_not_reviewed(run_cli, repo, post):
    """`--at 2026-09-02T10:00` is written with its seconds and zone (what the check then accepts); a
    draft is refused until its author hands it over (status: in-review)."""
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("status: in-review", "status: draft"), encoding="utf-8")
    code, _, err = sign(run_cli, repo, post, "first")
    assert code == 2 and "这篇文章还是草稿" in err, err
    post.write_text(text, encoding="utf-8")
    assert sign(run_cli, repo, post, "first", at="2026-09-02T10:00")[0] == 0
    assert "    at: 2026-09-02T10:00:00+08:00\n" in post.read_text(encoding="utf-8")
    assert check(run_cli, repo, post) == (0, [])


def test_a_registered_key_outside_its_days_is_named_as_such(run_cli, repo, post):
    argv = ("review", "sign", str(post), "--stage", "first", "--key", str(signing.private_key("rv1")))
    code, _, err = run_cli(*argv, "--at", "2019-06-01T10:00:00+08:00", "--root", str(repo))
    assert code == 2 and "这把公钥登记给了审核乙（rv1），但在 2019-06-01 无效" in err, err


def test_a_digest_is_not_taken_for_a_typing_mistake():
    """`digest: sha256:c…` is not `key:value` typed without a space: a signed post is not parsed twice
    (half the digests start with a letter), and a real `title:abc` is still found."""
    from wemedia import yamlerrors

    assert not yamlerrors._suspect("digest: sha256:" + "c0" * 32 + "\n")
    assert [line for line, _, _ in yamlerrors.suspicious("title:abc\n")] == [1]
