"""Red-team cases for signed reviews (issue 12): each test is a way a careless or dishonest editor got a
post released, or changed after publication, without a valid review trail while `wemedia check`, the
commit hook (`--staged`) and `--base` all passed (found by a red-team pass over issue 12). Each asserts
what should happen; each failed before its fix."""

from __future__ import annotations

import git
import signing

from conftest import write as _write

CHECKS = "checks: [facts, authorization, copyright, disclosure]"


def _entry(stage: str, who: str, at: str) -> str:
    return f'  - {{stage: {stage}, reviewer: {who}, at: "{at}", {CHECKS}, digest: "@digest", signature: "@sign"}}\n'


TRAIL = (
    "reviews:\n"
    + _entry("first", "rv1", "2026-09-02T10:00:00+08:00")
    + _entry("second", "rv2", "2026-09-02T15:00:00+08:00")
    + _entry("signoff", "mgr", "2026-09-02T17:00:00+08:00")
)


def post(
    status: str,
    channel: str = "{account: wx}",
    body: str = "讲座在周六下午举行，免费参加。",
    extra: str = "",
    trail: str = TRAIL,
) -> str:
    return (
        "---\ntitle: 讲座预告\nlibrary: lib\nauthor: ed\ncreated: 2026-09-01\ncategory: news\n"
        f"channels:\n  - {channel}\nsource: {{type: original}}\nlicence: CC-BY-4.0\n{trail}{extra}"
        f"status: {status}\n---\n{body}\n"
    )


PATH = "content/posts/2026/09/a.md"
PUBLISHED = '{account: wx, published: "2026-09-03T08:00:00+08:00", url: "https://mp.weixin.qq.com/s/a"}'


def write(root, rel: str, content):
    """Write a file, then sign what it leaves to sign (`@digest` / `@sign`) with the test keys."""
    path = _write(root, rel, content)
    signing.sign_placeholders(root)
    return path


def _commit(repo: git.Repo, message: str) -> None:
    repo.git.add(A=True)
    who = git.Actor("测试", "test@example.invalid")
    repo.index.commit(message, author=who, committer=who)


def _main(root, content: str) -> git.Repo:
    r = git.Repo.init(root, initial_branch="main")
    write(root, PATH, content)
    _commit(r, "main")
    r.git.checkout("-b", "feature")
    return r


def _add_people(root, text: str) -> None:
    team = root / "content/team.yml"
    team.write_text(team.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")
    signing.replace_keys(root)


# --- 1. a "correction" signed by anyone with a key re-validates an edited, signed-off post ----------


def test_redteam_self_signed_correction_on_a_signed_off_post_replaces_the_reviews(run_cli, repo):
    """rv1 (a reviewer, not a manager) rewrites the body of a post that is signed off but not yet
    published and adds a correction record approved and signed by rv1 itself. WM224 then judges only
    the last signed correction, WM223 checks only that rv1 signed it, and nothing checks that the
    approver held the manager role (WM230 judges corrections only of posts published *before* the
    change). The stale first review, second review and sign-off still count, and the post is then
    published with text none of them saw."""
    r = _main(repo, post("approved"))
    correction = (
        "corrections:\n  - {at: '2026-09-02T18:00:00+08:00', kind: correction, reason: 改正费用, department: 读者服务部, "
        f'approved_by: rv1, {CHECKS}, digest: "@digest", signature: "@sign"}}\n'
    )
    write(repo, PATH, post("approved", body="讲座在周六下午举行，收费 50 元。", extra=correction))
    r.git.add(A=True)
    code, out, _ = run_cli("check", "--root", str(repo), "--staged")
    assert code == 1, out
    code, out, _ = run_cli("check", "--root", str(repo))
    assert code == 1, out
    # and it can be published in the same pull request
    write(repo, PATH, post("published", channel=PUBLISHED, body="讲座在周六下午举行，收费 50 元。", extra=correction))
    _commit(r, "publish")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 1, out


# --- 2. a new correction record counts without its approver's signature -----------------------------

HANDOVER = """  - id: mgr2
    keys: [{key: "@key mgr2", valid_from: 2020-01-01}]
    name: 管理戊
    library: lib
    roles: [reviewer, {role: manager, from: 2026-11-21}]
"""


def test_redteam_an_unsigned_new_correction_and_a_re_signed_old_one_change_a_published_post(run_cli, repo):
    """A published post carries a correction approved and signed by mgr in October, when mgr was the
    manager (mgr hands the role to mgr2 on 2026-11-21). In December mgr, now no longer manager, changes
    the body, re-signs the *old* record over the new digest (its `digest` and `signature` are left out of
    WM230's comparison of old records, and its `at` is still October) and appends a new record naming
    mgr2 as approver — unsigned. WM230 accepts the new record (reason, time, and mgr2 is manager that
    day: a signature is not asked for), WM224 judges only the last *signed* record (the re-signed old
    one), WM223 never sees the unsigned one. mgr2 approved nothing."""
    team = repo / "content/team.yml"
    team.write_text(
        team.read_text(encoding="utf-8").replace(
            "roles: [manager, reviewer]", "roles: [reviewer, {role: manager, from: 2020-01-01, until: 2026-11-20}]"
        ),
        encoding="utf-8",
    )
    _add_people(repo, HANDOVER)
    old = (
        "corrections:\n  - at: '2026-10-01T10:00:00+08:00'\n    kind: correction\n    reason: 时间写错\n"
        "    department: 读者服务部\n    approved_by: mgr\n    "
        + CHECKS
        + '\n    digest: "@digest"\n    signature: "@sign"\n'
    )
    r = _main(repo, post("corrected", channel=PUBLISHED, body="讲座在周六下午举行，免费参加。", extra=old))
    assert run_cli("check", "--root", str(repo))[0] == 0
    new = (
        old
        + "  - {at: '2026-11-30T10:00:00+08:00', kind: correction, reason: 再次改正, department: 读者服务部, approved_by: mgr2}\n"
    )
    write(repo, PATH, post("corrected", channel=PUBLISHED, body="讲座在周六下午举行，收费 80 元。", extra=new))
    _commit(r, "re-sign the old record")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 1, out


# --- 3. review times are not checked against today -------------------------------------------------


def test_redteam_reviews_dated_in_the_future_by_someone_not_yet_in_post(run_cli, repo):
    """rv3 joins on 2027-01-01 (registered in advance, key valid from then). Today is 2026-12-01, but the
    first review is dated 2027-01-05, so rv3 'held the role on its day'; the other stages follow in
    2027. Nothing compares a review's `at` with today (`wemedia review sign --at 2027-…` accepts it too),
    so the post is released now — and published: with `status: published` and a channel URL but no
    publication time there is no "review after publication" either (WM302 is only a warning)."""
    _add_people(
        repo,
        '  - id: rv3\n    keys: [{key: "@key rv3", valid_from: 2027-01-01}]\n    name: 新人戊\n    library: lib\n'
        "    roles: [reviewer]\n    active: {from: 2027-01-01}\n",
    )
    trail = (
        "reviews:\n"
        + _entry("first", "rv3", "2027-01-05T10:00:00+08:00")
        + _entry("second", "rv2", "2027-01-06T10:00:00+08:00")
        + _entry("signoff", "mgr", "2027-01-07T10:00:00+08:00")
    )
    write(repo, PATH, post("published", channel='{account: wx, url: "https://mp.weixin.qq.com/s/n"}', trail=trail))
    code, out, _ = run_cli("check", "--root", str(repo))
    assert code == 1, out


# --- 4. removing a channel's publication record un-publishes a post silently -------------------------


def test_redteam_removing_the_publication_record_of_a_post_released_by_its_channel(run_cli, repo):
    """A post whose channel records a publication time and URL is published (README: status approved,
    or even draft, does not hide it). A pull request that deletes the channel's `published` and `url`
    passes: they are workflow fields, and WM230 compares only the status ranks (approved → approved).
    From then on the post is merely signed off, so the next pull requests may set it back to draft and
    `git rm` it — each passing on its own. The publication record must not disappear silently."""
    r = _main(repo, post("approved", channel=PUBLISHED))
    assert run_cli("check", "--root", str(repo))[0] == 0
    write(repo, PATH, post("approved"))
    _commit(r, "forget the publication")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 1, out


# --- 5. an external image the digest cannot cover ------------------------------------------------------


def test_redteam_an_svg_set_animation_loads_an_external_image(run_cli, repo):
    """`<svg><image><set attributeName="href" to="https://…">` makes Chromium load the external image
    (checked with Debian's chromium: the request arrives), and the archive site renders the tag as
    written; WM210 does not see it, so a reviewed, published post shows an image that its owner can
    replace at any time without changing the digest. `<animate attributeName="href" values=…>` and
    `attributeName="xlink:href"` do the same."""
    body = '讲座海报：\n\n<svg width="300" height="200"><image width="300" height="200"><set attributeName="href" to="https://e.example/poster.png"/></image></svg>'
    write(repo, PATH, post("draft", body=body, trail=""))
    code, out, _ = run_cli("check", "--root", str(repo), str(repo / PATH))
    assert code == 1 and "WM210" in out and "https://e.example/poster.png" in out, out


# --- 6. namesakes told apart by a trailing full stop -------------------------------------------------


def test_redteam_namesakes_whose_notes_differ_only_by_punctuation(run_cli, repo):
    """WM013 folds width, case, traditional characters, zero-width characters and spaces, but not
    punctuation at the ends: notes “古籍部” and “古籍部。” tell two entries of 审核乙 apart, so one person
    under two ids may do the first and the second review (same_person() says they are two people)."""
    team = repo / "content/team.yml"
    team.write_text(
        team.read_text(encoding="utf-8").replace("    name: 审核乙\n", "    name: 审核乙\n    note: 古籍部\n"),
        encoding="utf-8",
    )
    _add_people(
        repo,
        '  - id: rv1b\n    keys: [{key: "@key rv1b", valid_from: 2020-01-01}]\n    name: 审核乙\n    note: 古籍部。\n'
        "    library: lib\n    roles: [reviewer]\n",
    )
    code, out, _ = run_cli("check", "--root", str(repo))
    assert code == 1 and "WM013" in out, out


# --- 7. the register and its use in one change ----------------------------------------------------------


def test_redteam_a_key_added_to_someone_else_signs_in_the_same_change(run_cli, repo):
    """An editor adds their own key to rv1's entry (`wemedia team add rv1 --key mine.pub` accepts it)
    and signs rv1's first review with it in the same pull request. `--staged` says nothing at all about
    the register; `--base` passes with a notice only. A review signed with a key or a role that the
    change itself introduced should not count until the register change is merged on its own."""
    r = _main(repo, post("in-review", trail=""))
    team = repo / "content/team.yml"
    team.write_text(
        team.read_text(encoding="utf-8").replace(
            f'{signing.public_key("rv1")}", valid_from: 2020-01-01}}]',
            f'{signing.public_key("rv1")}", valid_from: 2020-01-01}}, {{key: "@key intruder", valid_from: 2026-01-01}}]',
        ),
        encoding="utf-8",
    )
    signing.replace_keys(repo)
    trail = (
        'reviews:\n  - {stage: first, reviewer: rv1, at: "2026-11-30T10:00:00+08:00", '
        + CHECKS
        + ', digest: "@digest", signature: "@sign intruder"}\n'
    )
    write(repo, PATH, post("in-review", trail=trail))
    _commit(r, "review as rv1")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 1 and f"{PATH}:" in out and "签名所用的公钥是这次改动才登记" in out, out


def test_redteam_a_role_added_to_oneself_reviews_in_the_same_change(run_cli, repo):
    """An editor with a registered key gives themselves the reviewer role in the team register and signs
    the first review in the same pull request: the role counts only once the register change is merged."""
    team = repo / "content/team.yml"
    team.write_text(
        team.read_text(encoding="utf-8").replace(
            "  - id: ed\n", '  - id: ed\n    keys: [{key: "@key ed", valid_from: 2020-01-01}]\n'
        ),
        encoding="utf-8",
    )
    signing.replace_keys(repo)
    r = _main(repo, post("in-review", trail=""))
    write(repo, PATH, post("in-review", trail=""))
    team.write_text(
        team.read_text(encoding="utf-8").replace("roles: [editor, assistant]", "roles: [editor, assistant, reviewer]"),
        encoding="utf-8",
    )
    author = post("in-review", trail="reviews:\n" + _entry("first", "ed", "2026-11-30T10:00:00+08:00"))
    write(repo, PATH, author.replace("author: ed", "author: rv2"))
    _commit(r, "review my way in")
    code, out, _ = run_cli("check", "--root", str(repo), "--base", "main")
    assert code == 1 and "的审核（reviewer）岗位是这次改动才写进团队名册的" in out, out
    line = next(
        n for n, text in enumerate((repo / PATH).read_text(encoding="utf-8").splitlines(), 1) if "reviewer: ed" in text
    )
    assert f"{PATH}:{line}:" in out, out
