"""Bad input never produces a traceback, a silent pass or a rewritten file: each case gets a finding
(or a usage error) naming the file and line and saying what to do."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from conftest import DRAFT, write


def _digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def _check(run_cli, repo, *args):
    before = _digest(repo)
    code, out, err = run_cli("check", "--root", str(repo), *args)
    assert "Traceback" not in out + err
    assert _digest(repo) == before, "checking must never rewrite a file"
    return code, out, err


POST = "content/posts/2026/09/a.md"

CASES = {
    "broken YAML": (
        DRAFT.replace("author: ed", "author: [ed"),
        1,
        f"{POST}:4:9: WM002",
        "WM002",
        "这里开始的方括号 [ ] 没有闭合",
    ),  # at the bracket that opened, not where libyaml gave up
    "GBK encoding": (DRAFT.encode("gbk"), 1, f"{POST}:2:", "WM001", "GBK"),
    "BOM": (b"\xef\xbb\xbf" + DRAFT.encode(), 0, f"{POST}:1:1: WM004", "WM004", "BOM"),
    "CRLF": (DRAFT.replace("\n", "\r\n").encode(), 0, f"{POST}:1:1: WM004", "WM004", "CRLF"),
    "empty front-matter": ("---\n---\n正文\n", 1, f"{POST}:2:1: WM003", "WM003", "front-matter 是空的"),
    "list front-matter": ("---\n- a\n- b\n---\n正文\n", 1, f"{POST}:2:1: WM003", "WM003", "不是列表"),
    "no front-matter": ("# 标题\n正文\n", 1, f"{POST}:1:1: WM003", "WM003", "缺少 front-matter"),
    "missing asset file": (
        DRAFT.replace(
            "status: draft",
            "assets:\n  - {file: img/x.png, kind: image, creator: ed, source: 自摄, licence: CC-BY-4.0}\nstatus: draft",
        )
        + "![x](img/x.png)\n",
        1,
        f"{POST}:10:12: WM211",
        "WM211",
        "素材文件“img/x.png”不存在",
    ),
    "alias bomb": (
        "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=False))
        + "---\n",
        1,
        f"{POST}:2:",
        "WM002",
        "锚点（&）和引用（*）展开后超过",
    ),
    "deep nesting": ("---\na: " + "[" * 3000 + "]" * 3000 + "\n---\n", 1, f"{POST}:", "WM002", "嵌套层级过深"),
    "5 MB post": (DRAFT + "长" * (5 * 1024 * 1024 // 3), 1, f"{POST}:1:1: WM001", "WM001", "超过 1 MB 上限"),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_input_gets_a_clear_finding(run_cli, repo, name):
    content, exit_code, where, rule, message = CASES[name]
    write(repo, POST, content)
    code, out, _ = _check(run_cli, repo)
    assert code == exit_code, out
    line = next((row for row in out.splitlines() if row.startswith(where)), None)
    assert line is not None, out
    assert rule in line and message in line


def test_bom_and_crlf_keep_correct_line_numbers(run_cli, repo):
    text = DRAFT.replace("licence: CC-BY-4.0", "licence: CC-BY-4")
    write(repo, POST, b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    code, out, _ = _check(run_cli, repo)
    assert code == 1
    assert f"{POST}:8:10: WM101" in out  # the same line and column as in the plain LF file


def test_symlink_outside_the_repository_is_not_read(run_cli, repo, tmp_path):
    secret = tmp_path / "outside.md"
    secret.write_text(DRAFT, encoding="utf-8")
    (repo / "content/posts").mkdir(parents=True)
    os.symlink(secret, repo / POST.replace("2026/09/", ""))
    code, out, _ = _check(run_cli, repo)
    assert code == 1
    assert "content/posts/a.md:1:1: WM001" in out and "仓库之外的符号链接" in out


def test_missing_path_is_a_usage_error(run_cli, repo):
    code, out, err = _check(run_cli, repo, str(repo / "content/posts/nope.md"))
    assert code == 2 and out == ""
    assert "找不到" in err and "nope.md" in err


def test_outside_any_repository_is_a_usage_error(run_cli, tmp_path):
    code, _out, err = run_cli("check", cwd=tmp_path)
    assert code == 2 and "找不到 content/ 文件夹" in err and "wemedia init" in err


def test_hostile_text_does_not_break_the_output(run_cli, repo):
    hostile = DRAFT.replace("title: 测试文章", 'title: "<script>alert(1)</script>\\u202e|::error::%0A"').replace(
        "licence: CC-BY-4.0", 'licence: "x\\nfile=evil"'
    )
    write(repo, POST, hostile)
    code, out, _ = _check(run_cli, repo, "--format", "github")
    assert code == 1
    annotations = [row for row in out.splitlines() if row.startswith("::")]
    assert len(annotations) == 1 and "%0Afile=evil" in annotations[0]  # a newline cannot forge a second command


BROKEN_REGISTERS = {
    "a list instead of a mapping": "- ed\n- rev\n",
    "GBK bytes": "people:\n  - id: 编辑\n".encode("gbk"),
    "broken YAML": "people: [\n",
    "people is not a list": "people: ed\n",
}


@pytest.mark.parametrize("name", BROKEN_REGISTERS)
def test_a_broken_register_is_one_error_not_a_cascade(run_cli, repo, name):
    """Every post names people: a team register that cannot be read must not turn into one "not
    registered" error per post, burying the one line that says what to fix."""
    for n in range(3):
        write(repo, f"content/posts/p{n}.md", DRAFT)
    write(repo, "content/team.yml", BROKEN_REGISTERS[name])
    code, out, _ = _check(run_cli, repo, "--format", "json")
    findings = json.loads(out)["findings"]
    assert code == 1
    assert {f["path"] for f in findings} == {"content/team.yml"}, findings
    assert all(f["rule"] in ("WM001", "WM002", "WM005") for f in findings), findings


def test_checking_one_post_still_reports_a_broken_register(run_cli, repo):
    """pre-commit passes only the changed post; with the team register unreadable nothing about the
    post can be judged, so the register's own error must stop the commit."""
    write(repo, POST, DRAFT.replace("author: ed", "author: ghost"))
    write(repo, "content/team.yml", "- ed\n")
    code, out, _ = _check(run_cli, repo, str(repo / POST))
    assert code == 1
    assert "content/team.yml:1:1: WM005" in out and "检查了 2 个文件" in out


def test_a_register_with_a_bad_field_is_still_consulted(run_cli, repo):
    team = (repo / "content/team.yml").read_text(encoding="utf-8")
    write(repo, "content/team.yml", team.replace("roles: [reviewer]", "roles: reviewer", 1))
    write(repo, POST, DRAFT.replace("author: ed", "author: ghost"))
    code, out, _ = _check(run_cli, repo)
    assert code == 1
    assert "content/team.yml:" in out and "WM005" in out
    assert f"{POST}:4:9: WM010 [integrity] “ghost”不在团队名册" in out
