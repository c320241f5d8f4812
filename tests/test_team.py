"""The team register with history: roles held per library and per day (`Person.holds`, `roles_on`,
`libraries`, `keys_on`), `wemedia team add` changing only what it must, and `wemedia team
allowed-signers` giving a file that the real `ssh-keygen -Y verify` accepts exactly inside each key's days."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from wemedia import archive
from wemedia.cli import team

from conftest import write

D = dt.date

TEAM = """people:
  - {id: short, name: 甲, library: lib, roles: [reviewer, editor], active: {from: 2026-01-01, until: 2026-06-30}}
  - id: handed
    name: 乙
    library: lib
    roles:
      - reviewer
      - {role: manager, from: 2025-01-01, until: 2026-03-31}
  - id: taker
    name: 丙
    library: lib
    roles: [reviewer, {role: manager, from: 2026-04-01}]
    active: {from: 2024-01-01, until: 2026-09-30}
  - id: parttime
    name: 丁
    library: lib
    roles: [assistant, {role: reviewer, library: lib2, from: 2026-05-01, until: 2026-05-31}]
  - id: odd
    name: 戊
    library: lib
    roles:
      - {role: manager, from: 不详}
      - {role: reviewer, from: 2026-01-01, until: 不详}
      - {role: editor}
      - {role: assistant, library: [lib2], from: 2026-01-01}
      - {role: reviewer, library: lib2, from: 2026-01-01}
      - 7
  - {id: nolib, name: 己, roles: [editor]}
  - {id: notalist, name: 庚, library: lib, roles: editor}
  - id: keyed
    name: 辛
    library: lib
    roles: [reviewer]
    active: {from: 2025-06-01}
    keys:
      - {key: ssh-ed25519 AAAAold old-laptop, valid_from: 2025-01-01, valid_until: 2025-12-31}
      - {key: ssh-ed25519 AAAAnew, valid_from: 2026-01-01}
      - {key: ssh-ed25519 AAAAnew again, valid_from: 2026-01-01}
      - {key: ssh-ed25519 AAAAnofrom}
      - {key: ssh-ed25519, valid_from: 2026-01-01}
      - not a mapping
"""


@pytest.fixture
def people(repo):
    write(repo, "content/team.yml", TEAM)
    return archive.load(repo).people


@pytest.mark.parametrize(
    "who, role, library, day, held",
    [
        # the short form: at the person's own library, exactly while they are active (both ends count)
        ("short", "reviewer", "lib", D(2026, 1, 1), True),
        ("short", "reviewer", "lib", D(2026, 6, 30), True),
        ("short", "reviewer", "lib", D(2025, 12, 31), False),
        ("short", "reviewer", "lib", D(2026, 7, 1), False),
        ("short", "reviewer", None, D(2026, 3, 1), True),  # None: at any library
        ("short", "reviewer", "lib2", D(2026, 3, 1), False),  # another library
        ("short", "manager", "lib", D(2026, 3, 1), False),
        # the dated form: its own dates, both ends included; the manager role handed over on 1 April
        ("handed", "manager", "lib", D(2025, 1, 1), True),
        ("handed", "manager", "lib", D(2026, 3, 31), True),
        ("handed", "manager", "lib", D(2026, 4, 1), False),
        ("handed", "manager", "lib", D(2024, 12, 31), False),
        ("handed", "reviewer", "lib", D(2026, 4, 1), True),  # the rest of the entry stays
        ("taker", "manager", "lib", D(2026, 3, 31), False),
        ("taker", "manager", "lib", D(2026, 4, 1), True),
        ("taker", "manager", "lib", D(2026, 9, 30), True),  # an open end, bounded by `active`
        ("taker", "manager", "lib", D(2026, 10, 1), False),
        # part-time at another library: there only, and only in its dates
        ("parttime", "reviewer", "lib2", D(2026, 5, 1), True),
        ("parttime", "reviewer", "lib2", D(2026, 5, 31), True),
        ("parttime", "reviewer", "lib2", D(2026, 6, 1), False),
        ("parttime", "reviewer", "lib", D(2026, 5, 15), False),
        ("parttime", "reviewer", None, D(2026, 5, 15), True),
        ("parttime", "assistant", "lib2", D(2026, 5, 15), False),
        ("parttime", "assistant", "lib", D(2026, 5, 15), True),
        # what cannot be read grants nothing
        ("odd", "manager", "lib", D(2026, 3, 1), False),  # `from: 不详`
        ("odd", "reviewer", "lib", D(2026, 3, 1), False),  # `until: 不详`
        ("odd", "editor", "lib", D(2026, 3, 1), False),  # a dated role without `from`
        ("odd", "assistant", None, D(2026, 3, 1), False),  # a library that is not text
        ("odd", "reviewer", "lib2", D(2026, 3, 1), True),  # the readable item beside them still counts
        ("nolib", "editor", None, D(2026, 3, 1), False),  # a short role with no library of the person's
        ("notalist", "editor", "lib", D(2026, 3, 1), False),
    ],
)
def test_holds_a_role_at_a_library_on_a_day(people, who, role, library, day, held):
    assert people[who].holds(role, library, day) is held
    assert (role in people[who].roles_on(day, library)) is held


def test_roles_on_a_day_and_every_library(people):
    assert people["handed"].roles_on(D(2026, 3, 31)) == {"reviewer", "manager"}
    assert people["handed"].roles_on(D(2026, 4, 1)) == {"reviewer"}
    assert people["parttime"].roles_on(D(2026, 5, 15), "lib2") == {"reviewer"}
    assert people["short"].roles_on(D(2027, 1, 1)) == set()
    assert people["parttime"].libraries == {"lib", "lib2"}
    assert people["handed"].libraries == {"lib"}
    assert people["odd"].libraries == {"lib", "lib2"}
    assert people["nolib"].libraries == set()


def test_roles_keeps_its_meaning_every_role_the_entry_names(people):
    """Listings and "is it a role here at all" ask `roles`: every role in either form, once, as written;
    whether it was held on a day is `holds`."""
    assert people["handed"].roles == ["reviewer", "manager"]
    assert people["taker"].roles == ["reviewer", "manager"]
    assert people["odd"].roles == ["manager", "reviewer", "editor", "assistant"]
    assert people["notalist"].roles == []


def test_keys_on_a_day(people):
    keyed = people["keyed"]
    assert keyed.keys_on(D(2025, 6, 1)) == ["ssh-ed25519 AAAAold"]  # without the comment
    assert keyed.keys_on(D(2025, 12, 31)) == ["ssh-ed25519 AAAAold"]
    assert keyed.keys_on(D(2026, 1, 1)) == ["ssh-ed25519 AAAAnew"]  # once, though listed twice
    assert keyed.keys_on(D(2024, 12, 31)) == []
    assert people["short"].keys_on(D(2026, 1, 1)) == []


# -- wemedia team add -------------------------------------------------------------------------------


@pytest.fixture
def keys(tmp_path) -> dict[str, Path]:
    """Throw-away key pairs made by the real ssh-keygen: ed25519 a and b, RSA c."""
    if not shutil.which("ssh-keygen"):
        pytest.skip("needs ssh-keygen (apt-get install openssh-client)")
    out = {}
    for name, kind in (("a", "ed25519"), ("b", "ed25519"), ("c", "rsa")):
        path = tmp_path / "keys" / name
        path.parent.mkdir(exist_ok=True)
        subprocess.run(["ssh-keygen", "-q", "-t", kind, "-N", "", "-C", f"{name}@laptop", "-f", str(path)], check=True)
        out[name] = path
    return out


def _pub(path: Path) -> str:
    return " ".join(path.with_suffix(".pub").read_text().split()[:2])


def _add(run_cli, repo, *argv):
    return run_cli("team", "add", *argv, "--root", str(repo))


LIBRARIES = """libraries:
  - {id: lib, name: 测试图书馆, kind: central}
  - {id: lib2, name: 测试分馆, kind: district}
"""


def test_a_new_person_is_appended_and_nothing_else_changes(run_cli, repo, keys):
    write(repo, "content/libraries.yml", LIBRARIES)
    before = (repo / "content/team.yml").read_bytes()
    code, out, err = _add(
        run_cli, repo, "zhang-wei", "--name", "张伟", "--library", "lib", "--role", "reviewer", "--role", "编辑",
        "--from", "2026-11-01", "--until", "2027-10-31", "--key", str(keys["a"]) + ".pub", "--note", "少儿部",
    )  # fmt: skip
    assert code == 0, err
    assert "已登记 zhang-wei（张伟）" in out
    after = (repo / "content/team.yml").read_bytes()
    assert after.startswith(before)
    assert after[len(before) :].decode() == (
        "  - id: zhang-wei\n"
        "    name: 张伟\n"
        "    note: 少儿部\n"
        "    library: lib\n"
        "    roles: [reviewer, editor]\n"
        "    active: {from: 2026-11-01, until: 2027-10-31}\n"
        "    keys:\n"
        f"      - key: {_pub(keys['a'])}\n"  # the comment (a user and host name) is left out
        "        valid_from: 2026-11-01\n"
        "        valid_until: 2027-10-31\n"
    )
    person = archive.load(repo).people["zhang-wei"]
    assert person.holds("reviewer", "lib", D(2026, 11, 1)) and not person.holds("reviewer", "lib", D(2027, 11, 1))
    assert person.keys_on(D(2026, 12, 1)) == [_pub(keys["a"])]
    code, out, _ = run_cli("check", "--root", str(repo))
    assert code == 0, out


BLOCK_TEAM = """# 团队名册（注释要留下）
people:
  - id: ed
    name: 编辑甲   # 行尾注释
    library: lib
    roles: [editor, assistant]

  - id: rv1
    name: 审核乙
    library: lib
    roles:
      - reviewer
    keys:
      - key: {key_b}
        valid_from: 2026-01-01
    # 这条注释属于 rv1
  - {{id: rv2, name: 审核丙, library: lib, roles: [reviewer]}}
  - id: mgr
    name: 管理丁
    library: lib
    roles: [manager, reviewer]
# 文件末尾的注释
"""


def test_adding_to_registered_people_keeps_every_other_byte(run_cli, repo, keys):
    """Block and flow layouts, a person with and without keys, comments, CRLF line ends and a BOM: the
    roles go in dated (from today unless --from), the key valid from the same day, and a diff of the
    file shows exactly the additions."""
    write(repo, "content/libraries.yml", LIBRARIES)
    text = BLOCK_TEAM.format(key_b=_pub(keys["b"]))
    (repo / "content/team.yml").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert _add(run_cli, repo, "rv1", "--role", "manager", "--from", "2026-11-21", "--key", f"{keys['a']}.pub")[0] == 0
    assert _add(run_cli, repo, "rv2", "--library", "lib2", "--role", "reviewer", "--key", f"{keys['c']}.pub")[0] == 0
    assert _add(run_cli, repo, "mgr", "--role", "assistant", "--until", "2026-12-31")[0] == 0
    assert _add(run_cli, repo, "ed", "--key", f"{keys['b']}.pub")[0] == 2  # rv1's key
    expected = (
        BLOCK_TEAM.format(key_b=_pub(keys["b"]))
        .replace(
            "      - reviewer\n",
            "      - reviewer\n      - {role: manager, from: 2026-11-21}\n",
        )
        .replace(
            "        valid_from: 2026-01-01\n",
            f"        valid_from: 2026-01-01\n      - key: {_pub(keys['a'])}\n        valid_from: 2026-11-21\n",
        )
        .replace(
            "roles: [reviewer]}",
            "roles: [reviewer, {role: reviewer, library: lib2, from: 2026-12-01}], "
            f'keys: [{{key: {_pub(keys["c"])}, valid_from: 2026-12-01}}]}}',
        )
        .replace("roles: [manager, reviewer]\n", "roles: [manager, reviewer, {role: assistant, from: 2026-12-01, until: 2026-12-31}]\n")
    )  # fmt: skip
    assert (repo / "content/team.yml").read_bytes() == b"\xef\xbb\xbf" + expected.replace("\n", "\r\n").encode()
    people = archive.load(repo).people
    assert people["rv1"].holds("manager", "lib", D(2026, 11, 21)) and not people["rv1"].holds(
        "manager", "lib", D(2026, 11, 20)
    )
    assert people["rv2"].roles_on(D(2026, 12, 1), "lib2") == {"reviewer"}
    assert people["rv2"].keys_on(D(2026, 12, 1)) == [_pub(keys["c"])]
    code, out, _ = run_cli("check", "--root", str(repo))
    assert code == 0 and "0 个错误" in out, out


def test_a_block_person_without_keys_gets_a_keys_block(run_cli, repo, keys):
    text = "people:\n- id: ed\n  name: 编辑甲\n  library: lib\n  roles: [editor, assistant]\n- id: mgr\n  name: 管理丁\n  library: lib\n  roles: [manager, reviewer]"
    write(repo, "content/team.yml", text)  # indentless items, and no line end at the end of the file
    assert _add(run_cli, repo, "ed", "--key", f"{keys['a']}.pub", "--from", "2026-11-01")[0] == 0
    assert _add(run_cli, repo, "mgr", "--key", f"{keys['b']}.pub", "--from", "2026-11-01")[0] == 0
    assert (
        _add(run_cli, repo, "kong", "--name", "孔", "--library", "lib", "--role", "editor", "--from", "2026-11-01")[0]
        == 0
    )
    new = (repo / "content/team.yml").read_text()
    block = "  keys:\n    - key: {}\n      valid_from: 2026-11-01\n"
    assert new == (
        "people:\n- id: ed\n  name: 编辑甲\n  library: lib\n  roles: [editor, assistant]\n"
        + block.format(_pub(keys["a"]))
        + "- id: mgr\n  name: 管理丁\n  library: lib\n  roles: [manager, reviewer]\n"
        + block.format(_pub(keys["b"]))
        + "- id: kong\n  name: 孔\n  library: lib\n  roles: [editor]\n  active: {from: 2026-11-01}\n"
    )


def test_the_empty_register_of_init_takes_its_first_person(run_cli, tmp_path, keys):
    target = tmp_path / "library"
    assert run_cli("init", str(target), "--empty", "--no-hook")[0] == 0
    write(target, "content/libraries.yml", "libraries:\n  - {id: nanhu, name: 南湖市图书馆, kind: central}\n")
    before = (target / "content/team.yml").read_text()
    assert before.endswith("people: []\n")
    code, _, err = _add(
        run_cli,
        target,
        "wang-fang",
        "--name",
        "王芳",
        "--library",
        "nanhu",
        "--role",
        "manager",
        "--from",
        "2026-01-01",
    )
    assert code == 0, err
    after = (target / "content/team.yml").read_text()
    assert after == before.removesuffix(" []\n") + (
        "\n  - id: wang-fang\n    name: 王芳\n    library: nanhu\n    roles: [manager]\n    active: {from: 2026-01-01}\n"
    )
    assert list(archive.load(target).people) == ["wang-fang"]


def test_a_repository_without_a_team_register_gets_one(run_cli, repo):
    (repo / "content/team.yml").unlink()
    assert (
        _add(run_cli, repo, "ed", "--name", "编辑甲", "--library", "lib", "--role", "editor", "--from", "2026-01-01")[0]
        == 0
    )
    assert (repo / "content/team.yml").read_text() == (
        "people:\n  - id: ed\n    name: 编辑甲\n    library: lib\n    roles: [editor]\n    active: {from: 2026-01-01}\n"
    )


@pytest.mark.parametrize(
    "argv, message",
    [
        (["Zhang_Wei", "--name", "张伟"], "编号“Zhang_Wei”不合要求：只能用小写字母、数字和连字符"),
        (["zhang-wei", "--name", "张伟", "--role", "reviewer"], "zhang-wei 还没有登记；新登记须写 --library"),
        (["zhang-wei", "--library", "lib"], "新登记须写 --name、--role"),
        (
            ["zhang-wei", "--name", "张伟", "--library", "nowhere", "--role", "reviewer"],
            "图书馆“nowhere”不在 content/libraries.yml 中；已登记：lib",
        ),
        (
            ["zhang-wei", "--name", "张伟", "--library", "lib", "--role", "boss"],
            "岗位“boss”不认识；可选（写编号或中文名均可）：manager 运营管理岗",
        ),
        (
            ["zhang-wei", "--name", "张伟", "--library", "lib", "--role", "editor", "--from", "2026-9-1"],
            "--from 的值“2026-9-1”不是有效日期",
        ),
        (
            ["zhang-wei", "--name", "张伟", "--library", "lib", "--role", "editor", "--until", "2026-02-30"],
            "--until 的值“2026-02-30”不是有效日期",
        ),
        (
            [
                "zhang-wei",
                "--name",
                "张伟",
                "--library",
                "lib",
                "--role",
                "editor",
                "--from",
                "2026-12-01",
                "--until",
                "2026-11-30",
            ],
            "--until 2026-11-30 早于起始日期 2026-12-01",
        ),
        (
            ["rv9", "--name", "审核　乙", "--library", "lib", "--role", "reviewer"],
            "团队名册中已有同名的 rv1（审核乙）。若就是此人，要添加岗位或公钥请用 wemedia team add rv1 …",
        ),
        (["rv1", "--name", "别人", "--role", "manager"], "rv1 已登记为“审核乙”，与 --name“别人”不符"),
        (["rv1", "--note", "少儿部", "--role", "manager"], "rv1 已登记；说明（note）请直接在 content/team.yml 中修改"),
        (["rv1", "--from", "2026-12-01"], "rv1 已登记；请用 --role 写要添加的岗位，或用 --key 写要添加的公钥"),
        (["rv1", "--role", "审核"], "rv1 在 2026-12-01 已是图书馆“lib”的审核（reviewer），不必再加"),
        (["old", "--role", "reviewer"], "old 的在岗期间为 2020-01-01 至 2026-06-30，不含 2026-12-01"),
        (["rv1", "--key", "missing.pub"], "找不到公钥文件 missing.pub；请给出 ssh-keygen 生成的 .pub 文件"),
    ],
)
def test_what_it_refuses_it_says_and_writes_nothing(run_cli, repo, argv, message):
    write(
        repo,
        "content/team.yml",
        (repo / "content/team.yml").read_text()
        + "  - {id: old, name: 离任, library: lib, roles: [editor], active: {from: 2020-01-01, until: 2026-06-30}}\n",
    )
    before = (repo / "content/team.yml").read_bytes()
    code, out, err = _add(run_cli, repo, *argv)
    assert (code, out) == (2, "")
    assert err.startswith("wemedia: 错误：") and message in err, err
    assert (repo / "content/team.yml").read_bytes() == before


def test_a_namesake_with_a_note_that_tells_them_apart_is_registered(run_cli, repo):
    argv = ("rv9", "--name", "审核乙", "--note", "古籍部", "--library", "lib", "--role", "reviewer")
    code, _, err = _add(run_cli, repo, *argv)
    assert code == 2 and "已有同名的 rv1（审核乙），但没有写说明（note）" in err, err  # both namesakes say how
    team = repo / "content/team.yml"
    team.write_text(
        team.read_text(encoding="utf-8").replace("    name: 审核乙\n", "    name: 审核乙\n    note: 少儿部\n")
    )
    code, _, err = _add(run_cli, repo, *argv)
    assert code == 0, err
    code, out, _ = run_cli("check", "--root", str(repo))
    assert code == 0, out


def test_key_files_that_are_not_one_openssh_public_key(run_cli, repo, keys, tmp_path):
    pub = Path(f"{keys['a']}.pub").read_text()
    kind, blob = pub.split()[:2]
    cases = {
        "private": (keys["a"].read_text(), "是私钥，不能登记，也不要交给任何人；请给出同名的 .pub 文件"),
        "two": (pub + Path(f"{keys['b']}.pub").read_text(), "不是 OpenSSH 公钥文件"),
        "garbled": (f"{kind} {blob[:-8]}!!!!!!!!\n", "不是 OpenSSH 公钥文件"),
        "truncated": (f"{kind} {blob[:40]}\n", "不是 OpenSSH 公钥文件"),
        "other type": (f"ssh-rsa {blob}\n", "不是 OpenSSH 公钥文件"),  # the blob says ed25519
        "dsa": (f"ssh-dss {blob}\n", "不是 OpenSSH 公钥文件"),
        "options": (f"restrict {pub}", "不是 OpenSSH 公钥文件"),
        "binary": (b"\xff\xfe\x00", "不是 OpenSSH 公钥文件"),
        "empty": ("", "不是 OpenSSH 公钥文件"),
    }
    for name, (content, message) in cases.items():
        path = tmp_path / f"{name}.pub"
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        code, _, err = _add(run_cli, repo, "rv1", "--key", str(path))
        assert code == 2 and message in err, (name, err)
        assert "PRIVATE" not in err and "BEGIN" not in err
    assert team.read_public_key(Path(f"{keys['a']}.pub")) == " ".join(pub.split()[:2])
    assert team.read_public_key(Path(f"{keys['c']}.pub")).startswith("ssh-rsa AAAA")


def test_a_key_registered_to_someone_else_is_refused_whatever_its_comment(run_cli, repo, keys, tmp_path):
    assert _add(run_cli, repo, "rv1", "--key", f"{keys['a']}.pub")[0] == 0
    other = tmp_path / "same-key-other-comment.pub"
    other.write_text(_pub(keys["a"]) + " lina@home\n")
    before = (repo / "content/team.yml").read_bytes()
    code, _, err = _add(
        run_cli, repo, "lina", "--name", "李娜", "--library", "lib", "--role", "reviewer", "--key", str(other)
    )
    assert code == 2 and "中的公钥已登记给 rv1（审核乙）；同一把密钥不能登记给两个人" in err
    code, _, err = _add(run_cli, repo, "rv1", "--key", str(other))
    assert code == 2 and "已登记在 rv1 名下，不必再加" in err
    assert (repo / "content/team.yml").read_bytes() == before


def test_a_layout_it_cannot_edit_is_refused_with_what_to_add_by_hand(run_cli, repo):
    write(repo, "content/team.yml", "people: [{id: ed, name: 编辑甲, library: lib, roles: [editor, assistant]}]\n")
    before = (repo / "content/team.yml").read_bytes()
    code, _, err = _add(
        run_cli, repo, "kong", "--name", "孔", "--library", "lib", "--role", "editor", "--from", "2026-11-01"
    )
    assert code == 2 and "无法自动添加，文件没有改动；请手工添加：" in err and "  - id: kong\n" in err
    assert (repo / "content/team.yml").read_bytes() == before


def test_an_unreadable_register_is_not_edited(run_cli, repo):
    write(repo, "content/team.yml", "people:\n  - id: ed\n    name: 编辑甲\n   library: lib\n")
    code, _, err = _add(run_cli, repo, "kong", "--name", "孔", "--library", "lib", "--role", "editor")
    assert code == 2 and "content/team.yml 读不了，无法登记；请先运行 wemedia check content/team.yml 并改正" in err


def test_team_add_speaks_english_with_lang_en(run_cli, repo):
    code, _, err = run_cli("team", "add", "rv1", "--role", "boss", "--root", str(repo), "--lang", "en")
    assert code == 2 and err.startswith(
        "wemedia: error: unknown role 'boss'; choose one of: manager (operations manager)"
    )


# -- wemedia team allowed-signers, against the real ssh-keygen --------------------------------------


def _verify(allowed: Path, who: str, namespace: str, signature: Path, message: bytes, at: str) -> bool:
    done = subprocess.run(
        ["ssh-keygen", "-Y", "verify", "-f", str(allowed), "-I", who, "-n", namespace, "-s", str(signature), f"-Overify-time={at}"],
        input=message,
        capture_output=True,
    )  # fmt: skip
    return done.returncode == 0


def test_ssh_keygen_verifies_with_the_generated_file_exactly_inside_the_days(run_cli, repo, keys, tmp_path):
    """A key registered by `team add`, a message signed by the real ssh-keygen, and `ssh-keygen -Y verify`
    with the generated allowed_signers: valid from 00:00:00 of the first day to 23:59:59 of the last, in
    Shanghai; in the wemedia namespaces and git's; for its own principal only."""
    write(repo, "content/libraries.yml", LIBRARIES)
    code, _, err = _add(
        run_cli, repo, "zhang-wei", "--name", "张伟", "--library", "lib", "--role", "reviewer",
        "--from", "2026-11-01", "--until", "2027-06-30", "--key", f"{keys['a']}.pub",
    )  # fmt: skip
    assert code == 0, err
    assert _add(run_cli, repo, "mgr", "--key", f"{keys['c']}.pub", "--from", "2026-01-01")[0] == 0
    allowed = tmp_path / "allowed_signers"
    code, out, err = run_cli("team", "allowed-signers", "--root", str(repo), "--output", str(allowed))
    assert code == 0 and "5 把公钥" in out, err  # the base register's three reviewers' keys, and these two
    text = allowed.read_text()
    assert (
        f'zhang-wei namespaces="wemedia-review-first,wemedia-review-second,wemedia-signoff,wemedia-correction,git",valid-after="20261031160000Z",valid-before="20270630155959Z" {_pub(keys["a"])}\n'
        in text
    )
    assert run_cli("team", "allowed-signers", "--root", str(repo))[1] == text  # stdout: the same
    message = b"wemedia-review v1\nstage: signoff\n"
    (tmp_path / "msg").write_bytes(message)
    subprocess.run(
        ["ssh-keygen", "-q", "-Y", "sign", "-n", "wemedia-signoff", "-f", str(keys["a"]), str(tmp_path / "msg")],
        check=True,
        capture_output=True,
    )
    signature = tmp_path / "msg.sig"
    for at, valid in (
        ("20261031155959Z", False),  # 23:59:59 on 31 October in Shanghai
        ("20261031160000Z", True),  # 00:00:00 on 1 November in Shanghai
        ("20261201", True),
        ("20270630155959Z", True),  # 23:59:59 on 30 June in Shanghai
        ("20270630160000Z", False),
    ):
        assert _verify(allowed, "zhang-wei", "wemedia-signoff", signature, message, at) is valid, at
    assert not _verify(allowed, "mgr", "wemedia-signoff", signature, message, "20261201")  # another principal
    assert not _verify(allowed, "zhang-wei", "wemedia-review-first", signature, message, "20261201")  # namespace
    assert not _verify(allowed, "zhang-wei", "wemedia-signoff", signature, message + b"x", "20261201")
    signature.unlink()
    subprocess.run(
        ["ssh-keygen", "-q", "-Y", "sign", "-n", "git", "-f", str(keys["c"]), str(tmp_path / "msg")],
        check=True,
        capture_output=True,
    )
    assert _verify(allowed, "mgr", "git", signature, message, "20300101")  # RSA; a git commit's namespace
    assert not _verify(allowed, "mgr", "git", signature, message, "20251231")


def test_allowed_signers_judge_keys_as_the_rules_do(run_cli, repo):
    """A key's days meet the person's `active` period; a key without readable dates, or whose days the
    person was never in post, verifies nothing, as wemedia accepts nothing signed with it."""
    write(
        repo,
        "content/team.yml",
        """people:
  - id: left
    name: 离任
    library: lib
    roles: [reviewer]
    active: {from: 2024-01-01, until: 2026-06-30}
    keys:
      - {key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOmAVMQJQOV4wIjccpkFgu8CII4CsrZkBDiJOym7MZ0Q, valid_from: 2025-01-01}
      - {key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBRtHwIlGuuzavXEoOZ+J95J2so1XjZbTxvecN3zr92A, valid_from: 2026-07-01}
      - {key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIFBBVCdKidiAOhfFSUFt3UfXIetux5r0aaBdcBBi/I0}
      - {key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAID7qBLMH2UgmOZWCJnyFh2hEg6upujBCuO3h7VdLpBtE, valid_from: 2025-01-01, valid_until: 不详}
  - {id: nokeys, name: 无钥, library: lib, roles: [editor]}
""",
    )
    code, out, _ = run_cli("team", "allowed-signers", "--root", str(repo))
    assert code == 0
    lines = [line for line in out.splitlines() if not line.startswith("#")]
    assert lines == [
        'left namespaces="wemedia-review-first,wemedia-review-second,wemedia-signoff,wemedia-correction,git",'
        'valid-after="20241231160000Z",valid-before="20260630155959Z" '
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOmAVMQJQOV4wIjccpkFgu8CII4CsrZkBDiJOym7MZ0Q"
    ]
