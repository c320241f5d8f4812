"""The commands people type: exit codes, help in both languages, `new post`, `init`, `rules`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import imagebytes
import pytest

from conftest import DRAFT, PROJECT, write


def test_exit_codes(run_cli, repo):
    assert run_cli("check", "--root", str(repo))[0] == 0
    write(repo, "content/posts/w.md", DRAFT.replace("category: news\n", ""))
    assert run_cli("check", "--root", str(repo))[0] == 0  # warnings alone do not fail
    write(repo, "content/posts/e.md", DRAFT.replace("licence: CC-BY-4.0", "licence: nonsense"))
    assert run_cli("check", "--root", str(repo))[0] == 1
    with pytest.raises(SystemExit) as usage:
        run_cli("check", "--format", "xml")
    assert usage.value.code == 2


def test_check_one_file_reads_registers_but_no_other_post(run_cli, repo):
    write(repo, "content/posts/good.md", DRAFT)
    write(repo, "content/posts/bad.md", DRAFT.replace("licence: CC-BY-4.0", "licence: nonsense"))
    code, out, _ = run_cli("check", "--root", str(repo), str(repo / "content/posts/good.md"))
    assert code == 0 and "检查了 1 个文件" in out
    code, out, _ = run_cli("check", "--root", str(repo), str(repo / "content/posts/bad.md"))
    assert code == 1 and "content/posts/bad.md:8:10: WM101" in out
    # an unknown author is still caught: the team register is read for context
    write(repo, "content/posts/stranger.md", DRAFT.replace("author: ed", "author: ghost"))
    code, out, _ = run_cli("check", "--root", str(repo), str(repo / "content/posts/stranger.md"))
    assert code == 1 and "“ghost”不在团队名册" in out


def test_a_register_change_is_checked_against_every_post(run_cli, repo):
    write(repo, "content/posts/by-ed.md", DRAFT)
    team = (repo / "content/team.yml").read_text(encoding="utf-8")
    write(repo, "content/team.yml", team.replace("  - id: ed\n", "  - id: ed-renamed\n"))
    code, out, _ = run_cli("check", "--root", str(repo), str(repo / "content/team.yml"))
    assert code == 1
    assert "content/posts/by-ed.md:4:9: WM010 [integrity] “ed”不在团队名册" in out


def test_paths_outside_content_are_named_not_silently_passed(run_cli, repo):
    write(repo, "notes.md", "# 备忘")
    code, out, err = run_cli("check", "--root", str(repo), str(repo / "notes.md"))
    assert code == 0 and "检查了 0 个文件" in out
    assert "未检查（不在 content/ 下）：notes.md" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["check", "--help"],
        ["new", "post", "--help"],
        ["init", "--help"],
        ["team", "--help"],
        ["team", "add", "--help"],
        ["team", "allowed-signers", "--help"],
    ],
)
def test_help_is_chinese_and_english_with_lang_en(argv):
    out = subprocess.run([sys.executable, "-m", "wemedia", *argv], capture_output=True, text=True, check=True).stdout
    assert out.startswith("用法：wemedia") and "显示本帮助并退出" in out and "选项：" in out
    assert not any(word in out for word in ("usage", "options", "show this help", " / "))
    out = subprocess.run(
        [sys.executable, "-m", "wemedia", *argv, "--lang", "en"], capture_output=True, text=True, check=True
    ).stdout
    assert out.startswith("usage: wemedia") and "show this help message and exit" in out
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in out), out


def test_rules_lists_every_registered_rule(run_cli):
    from wemedia.rules import RULES

    code, out, _ = run_cli("rules")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == sorted(RULES)


def test_new_post_writes_a_draft_that_passes_check(run_cli, repo):
    write(
        repo,
        "content/series.yml",
        "series:\n  - {id: jieqi, title: 节气, library: lib, cadence_days: 15, start: 2026-12-01}\n",
    )
    code, out, _ = run_cli(
        "new",
        "post",
        "--root",
        str(repo),
        "--title",
        "冬至: 一起来包饺子 #1",
        "--account",
        "wx",
        "--category",
        "activity-preview",
        "--series",
        "jieqi",
        "--author",
        "ed",
        "--date",
        "2026-12-21",
    )
    assert code == 0
    path = Path(out.strip().splitlines()[-1])
    assert path == repo / "content/posts/2026/12/2026-12-21-01.md"
    text = path.read_text(encoding="utf-8")
    assert (
        'title: "冬至: 一起来包饺子 #1"' in text
        and "series: {id: jieqi, position: 1}" in text
        and "status: draft" in text
    )
    code, out, _ = run_cli("check", "--root", str(repo), "--format", "json")
    assert code == 0 and json.loads(out)["findings"] == []
    # a second draft the same day gets the next number; nothing is overwritten
    code, out, _ = run_cli(
        "new",
        "post",
        "--root",
        str(repo),
        "--title",
        "另一篇",
        "--account",
        "wx",
        "--category",
        "news",
        "--author",
        "ed",
        "--date",
        "2026-12-21",
    )
    assert out.strip().endswith("2026-12-21-02.md")
    assert path.read_text(encoding="utf-8") == text


def test_new_post_refuses_what_it_cannot_know(run_cli, repo):
    code, _, err = run_cli(
        "new", "post", "--root", str(repo), "--title", "T", "--account", "nope", "--category", "news", "--author", "ed"
    )
    assert code == 2 and "账号“nope”不在 content/accounts.yml 中" in err and "wx" in err
    code, _, err = run_cli(
        "new", "post", "--root", str(repo), "--title", "T", "--account", "wx", "--category", "news", "--author", "ghost"
    )
    assert code == 2 and "ghost" in err and "ed（编辑甲）" in err  # the ids one may use, with names
    code, _, err = run_cli("new", "post", "--root", str(repo), "--title", "T", "--account", "wx", "--category", "news")
    assert code == 2 and "--author" in err and "rv1（审核乙）" in err  # the fixture repository has no git user
    write(repo, "content/posts/2026/12/mine.md", "原有内容")
    code, _, err = run_cli(
        "new",
        "post",
        "--root",
        str(repo),
        "--title",
        "T",
        "--account",
        "wx",
        "--category",
        "news",
        "--author",
        "ed",
        "--date",
        "2026-12-01",
        "--slug",
        "mine",
    )
    assert code == 2 and "已存在" in err
    assert (repo / "content/posts/2026/12/mine.md").read_text(encoding="utf-8") == "原有内容"


@pytest.mark.slow
@pytest.mark.parametrize("empty", [False, True])
def test_init_makes_a_repository_that_passes_its_own_check(run_cli, tmp_path, empty):
    target = tmp_path / "library"
    code, out, _ = run_cli("init", str(target), *(["--empty"] if empty else []))
    assert code == 0 and str(target) in out
    assert (target / ".git").is_dir() and (target / ".git/hooks/pre-commit").is_file()
    assert (target / "mkdocs.yml").is_file() and (target / "hooks/wemedia_site.py").is_file()
    written = (target / "README.md").read_text(encoding="utf-8")
    for command in (
        "new post",
        "check",
        "review status",
        "review sign",
        "team add",
        "messages due",
        "build",
        "serve --post",
        "rules",
        "hook",
    ):
        assert f"wemedia {command}" in written, command  # a new library's README names what its people run
    posts = list((target / "content/posts").rglob("*.md"))
    assert (len(posts) == 0) if empty else (len(posts) >= 40)
    for register in ("libraries.yml", "team.yml", "accounts.yml", "policy/disclosure.yml", "policy/calendar/2026.yml"):
        assert (target / "content" / register).is_file(), register
    code, out, _ = run_cli("check", "--root", str(target))
    assert code == 0, out


def _uncomment_example(path: Path) -> None:
    """Replace a template's `key: []` by the example entry written in its comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    example = [line[2:] for line in lines if line.startswith("#   ")]
    key = next(line for line in lines if line.endswith(": []")).removesuffix(" []")
    path.write_text(f"{key}\n" + "\n".join(example) + "\n", encoding="utf-8")


def test_the_empty_repositorys_templates_show_records_that_pass(run_cli, tmp_path):
    """The commented examples in the empty registers are what a librarian copies: they must be valid."""
    target = tmp_path / "library"
    assert run_cli("init", str(target), "--empty", "--no-hook")[0] == 0
    for register in ("libraries.yml", "team.yml", "accounts.yml", "policy/disclosure.yml"):
        _uncomment_example(target / "content" / register)
    targets = (target / "content/targets/2026.yml").read_text(encoding="utf-8")  # this year's, with its year
    example = "\n".join(line[2:] for line in targets.splitlines() if line.startswith("#   "))
    write(target, "content/targets/2026.yml", targets.replace("targets: []", f"targets:\n{example}"))
    write(target, "content/accounts/nanhu-wechat-qr.png", imagebytes.png())  # a QR code is a real picture (WM421)
    team = (target / "content/team.yml").read_text(encoding="utf-8")
    assert "id: wang-fang" in team  # the example really was uncommented
    write(
        target,
        "content/team.yml",
        team + "  - {id: liu-yang, name: 刘洋, library: nanhu, roles: [assistant, editor]}\n",
    )
    code, out, _ = run_cli(
        "new",
        "post",
        "--root",
        str(target),
        "--title",
        "开馆通知",
        "--account",
        "nanhu-wechat",
        "--category",
        "service-notice",
        "--author",
        "liu-yang",
    )
    assert code == 0, out
    code, out, _ = run_cli("check", "--root", str(target))
    assert code == 0 and "检查了 11 个文件：0 个错误，0 个警告" in out, (
        out
    )  # 5 registers, 2 calendar years, 2 policies, post, QR


def test_init_never_overwrites(run_cli, tmp_path):
    target = tmp_path / "existing"
    write(target, "notes.txt", "keep me")
    code, _, err = run_cli("init", str(target))
    assert code == 2 and "不是空文件夹" in err
    assert (target / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_python_m_wemedia_matches_the_console_script(repo):
    a = subprocess.run([sys.executable, "-m", "wemedia", "check", "--root", str(repo)], capture_output=True, text=True)
    b = subprocess.run(["wemedia", "check", "--root", str(repo)], capture_output=True, text=True, cwd=PROJECT)
    assert a.returncode == b.returncode == 0 and a.stdout == b.stdout


def test_a_folder_that_cannot_be_made_is_named_without_a_traceback(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "wemedia", "init", str(blocker / "library")], capture_output=True, text=True
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"无法读写 {blocker / 'library'}：路径中有一段是文件而不是文件夹" in done.stderr


@pytest.mark.slow
def test_serve_on_a_busy_port_says_to_choose_another(tmp_path, run_cli):
    import socket

    target = tmp_path / "library"
    assert run_cli("init", str(target), "--empty", "--no-hook")[0] == 0
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "wemedia", "serve", "--root", str(target), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"端口 {port} 已被占用" in done.stderr and f"--port {port + 1}" in done.stderr


def test_checking_without_base_never_loads_git(repo):
    """pre-commit starts `wemedia check` for every commit: GitPython (~45 ms of imports) is loaded
    only by the commands that use git, never by a plain check."""
    probe = (
        "import sys; from wemedia.cli.main import main; code = main(['check', '--root', sys.argv[1]]); "
        "print(code, 'git' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(repo)], capture_output=True, text=True)
    assert done.stdout.splitlines()[-1] == "0 False", done.stdout + done.stderr


def test_new_post_joins_a_declared_series_at_its_next_position(run_cli, repo):
    write(
        repo,
        "content/series.yml",
        "series:\n  - {id: jieqi, title: 节气, library: lib, cadence_days: 15, start: 2026-12-01}\n",
    )
    argv = ["new", "post", "--root", str(repo), "--account", "wx", "--category", "news", "--author", "ed"]
    for n in (1, 2):
        code, out, err = run_cli(*argv, "--title", f"第{n}篇", "--series", "jieqi", "--date", "2026-12-0" + str(n))
        assert code == 0, err
        assert f"series: {{id: jieqi, position: {n}}}" in Path(out.strip().splitlines()[-1]).read_text(encoding="utf-8")
    code, _, err = run_cli(*argv, "--title", "无主", "--series", "chunjie", "--date", "2026-12-03")
    assert code == 2 and "系列“chunjie”没有在 content/series.yml 中声明；已声明：jieqi" in err
    assert not (repo / "content/posts/2026/12/2026-12-03-01.md").exists()


def test_new_post_refuses_an_ended_series_and_another_librarys(run_cli, repo):
    write(
        repo,
        "content/libraries.yml",
        "libraries:\n  - {id: lib, name: 测试图书馆, kind: central}\n  - {id: other, name: 另一馆, kind: district}\n",
    )
    write(
        repo,
        "content/series.yml",
        "series:\n  - {id: done, title: 已结束, library: lib, cadence_days: 15, start: 2026-09-01, end: 2026-10-01}\n"
        "  - {id: theirs, title: 别馆系列, library: other, cadence_days: 15, start: 2026-09-01}\n",
    )
    argv = [
        "new",
        "post",
        "--root",
        str(repo),
        "--account",
        "wx",
        "--category",
        "news",
        "--author",
        "ed",
        "--title",
        "x",
    ]
    code, _, err = run_cli(*argv, "--series", "done", "--date", "2026-11-02")
    assert code == 2 and "系列“已结束”已于 2026-10-01 结束" in err
    code, _, err = run_cli(*argv, "--series", "theirs", "--date", "2026-11-02")
    assert code == 2 and "系列“别馆系列”属于另一馆，账号“wx”属于测试图书馆" in err
    assert not list((repo / "content/posts").rglob("*.md"))
