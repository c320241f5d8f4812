"""Chinese from the first keystroke to the last line: argparse's own words, `wemedia rules`, MkDocs's
log lines, the site footer and SARIF's rule help — Chinese by default, English with `--lang en`."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import unicodedata

import pytest

from wemedia.cli.site import mkdocs_line
from wemedia.resources import skeleton_file
from wemedia.rules import RULES

from conftest import DRAFT, PROJECT, write

CJK = re.compile(r"[\u4e00-\u9fff]")


def wemedia(*argv: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run(
        [sys.executable, "-m", "wemedia", *argv],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# -- argparse ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv, says",
    [
        (["check", "--foo"], "wemedia check：错误：未知的参数 --foo；运行 wemedia check --help 查看用法。"),
        (
            ["chek"],
            "没有“chek”这个命令（可选：check、new、review、messages、stats、report、init、hook、build、serve、rules、assets、team）；是否想输入 check？",
        ),
        (["check", "--format", "xml"], "“xml”不是 --format 可用的值（可选：github、json、sarif、text）"),
        (
            ["new", "post", "--title", "T"],
            "wemedia new post：错误：缺少必填的参数 --account、--category；运行 wemedia new post --help",
        ),
        (["serve", "--port", "八千"], "参数 --port 的值“八千”不是有效的整数"),
        (["check", "--root"], "参数 --root 后面缺少值"),
    ],
)
def test_usage_errors_are_chinese_say_what_to_do_and_exit_2(argv, says):
    done = wemedia(*argv)
    assert done.returncode == 2
    assert says in done.stderr, done.stderr
    assert done.stderr.startswith("用法：wemedia")
    assert not re.search(r"usage:|error:|unrecognized|invalid choice|required", done.stderr), done.stderr


def test_usage_errors_in_english_with_lang_en_before_or_after_the_error():
    done = wemedia("check", "--lang", "en", "--foo")
    assert done.returncode == 2 and done.stderr.startswith("usage: wemedia check")
    assert "wemedia check: error: unrecognized arguments: --foo; run `wemedia check --help`" in done.stderr
    done = wemedia("check", "--foo", env={"WEMEDIA_LANG": "en"})
    assert done.returncode == 2 and "unrecognized arguments: --foo" in done.stderr
    assert not CJK.search(done.stderr)


def test_usage_errors_in_process_keep_exit_code_2(run_cli):
    with pytest.raises(SystemExit) as usage:
        run_cli("check", "--bogus")
    assert usage.value.code == 2


def test_a_command_without_its_subcommand_shows_that_commands_help(run_cli):
    code, out, _ = run_cli("new")
    assert code == 2 and out.startswith("用法：wemedia new") and "新建一篇文章草稿" in out


# -- wemedia rules ------------------------------------------------------------------------------------


def test_rules_lists_chinese_severities_in_aligned_columns(run_cli):
    code, out, _ = run_cli("rules")
    lines = out.splitlines()
    assert code == 0 and len(lines) == len(RULES)
    assert all(("错误（应）" in line) != ("建议（宜）" in line) for line in lines)
    assert "error" not in out and "warning" not in out
    # every summary starts at the same display column, whatever the clause and severity widths
    starts = {_display_width(line[: line.index(RULES[line.split()[0]].summary.zh)]) for line in lines}
    assert len(starts) == 1, starts
    code, out, _ = run_cli("rules", "--lang", "en")
    assert "error (shall)" in out and "warning (should)" in out and not CJK.search(out)


def test_rules_explains_one_rule_like_ruff_rule(run_cli):
    code, out, _ = run_cli("rules", "WM210")
    assert code == 0
    rule = RULES["WM210"]
    assert out.startswith(f"WM210  {rule.summary.zh}")
    assert "条款：5.3.2 c  审核素材的版权" in out and "级别：错误（应）" in out
    for heading in ("规则：", "原因：", "示例："):
        assert heading in out
    assert "`assets` 中有 `file: img/guji.png`" in out
    code, out, _ = run_cli("rules", "wm210", "--lang", "en")
    assert code == 0 and "clause: 5.3.2 c" in out and "severity: error (shall)" in out and "why: " in out


def test_rules_with_an_unknown_id_says_so_and_suggests_close_ones(run_cli):
    code, out, err = run_cli("rules", "WM21")
    assert code == 2 and out == ""
    assert "没有编号为“WM21”的规则" in err and "WM211" in err and "运行 wemedia rules" in err
    code, _, err = run_cli("rules", "WM21", "--lang", "en")
    assert code == 2 and "there is no rule 'WM21'" in err and not CJK.search(err)


# -- SARIF ---------------------------------------------------------------------------------------------


def test_sarif_rule_help_follows_the_language(run_cli, repo):
    for lang, check in (("zh", lambda t: t.startswith("规则:")), ("en", lambda t: t.startswith("every medium"))):
        code, out, _ = run_cli("check", "--root", str(repo), "--format", "sarif", "--lang", lang)
        rules = {r["id"]: r for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
        assert code == 0 and check(rules["WM210"]["help"]["text"]), rules["WM210"]["help"]["text"]
        assert rules["WM210"]["fullDescription"] == rules["WM210"]["help"]


# -- MkDocs's log lines ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, said",
    [
        ("INFO    -  Cleaning site directory", None),
        ("INFO    -  Building documentation to directory: /x/site", "正在生成网站，写到 /x/site ……"),
        ("INFO    -  Documentation built in 0.52 seconds", "网站生成完毕，用时 0.52 秒。"),
        (
            "INFO    -  [10:01:02] Serving on http://127.0.0.1:8000/",
            "[10:01:02] 预览地址：http://127.0.0.1:8000/（用浏览器打开；按 Ctrl-C 停止预览）",
        ),
        (
            "INFO    -  [10:01:02] Watching paths for changes: 'docs', 'mkdocs.yml', 'content'",
            "[10:01:02] 保存这些文件夹中的文件后会自动刷新：docs、mkdocs.yml、content",
        ),
        (
            "WARNING -  Doc file 'posts/2026/09/a.md' contains a link 'b.md', but the target 'posts/2026/09/b.md' is not "
            "found among documentation files. Did you mean 'c.md'?",
            "警告：content/posts/2026/09/a.md 中的链接“b.md”指向的文件不存在（content/posts/2026/09/b.md）；是否想写“c.md”？",
        ),
        ("Aborted with 2 warnings in strict mode!", "有 2 个警告，按严格模式没有生成网站。"),
        (
            "WARNING -  Something MkDocs says that wemedia does not know",
            "警告：Something MkDocs says that wemedia does not know",
        ),
        ("ERROR   -  Something new went wrong", "错误：Something new went wrong"),
        ("INFO    -  A plugin's news", "提示：A plugin's news"),
        ("Traceback (most recent call last):", "Traceback (most recent call last):"),
    ],
)
def test_mkdocs_lines_are_said_in_chinese_and_unknown_ones_are_kept(line, said):
    assert mkdocs_line(line, "zh") == said
    assert mkdocs_line(line, "en") == line  # English: as MkDocs wrote it


@pytest.fixture
def site_repo(repo):
    for name in ("hooks", "docs", "overrides"):
        shutil.copytree(skeleton_file(name), repo / name)
    shutil.copy(skeleton_file("mkdocs.yml"), repo / "mkdocs.yml")
    write(repo, "content/posts/a.md", DRAFT)
    return repo


@pytest.mark.slow
def test_build_speaks_chinese_and_the_footer_is_chinese(run_cli, site_repo):
    code, _out, err = run_cli("build", "--root", str(site_repo))
    assert code == 0, err
    assert "INFO" not in err and "Cleaning site directory" not in err and "网站生成完毕" in err, err
    page = (site_repo / "site/index.html").read_text(encoding="utf-8")
    assert "Made with" not in page and "Material for MkDocs" not in page
    footer = page[page.index('<div class="md-copyright">') :]
    assert "由 wemedia 根据编辑仓库的 content/ 生成" in footer[:500]


@pytest.mark.slow
def test_a_failed_build_names_the_post_and_link_in_chinese(run_cli, site_repo):
    published = DRAFT.replace(
        "status: draft", "channels:\n  - {account: wx, published: 2026-09-03T08:00:00+08:00}\nstatus: published"
    )
    write(site_repo, "content/posts/a.md", published + "\n[上一篇](missing.md)\n")
    code, _, err = run_cli("build", "--root", str(site_repo))
    assert code != 0
    assert "警告：content/posts/a.md 中的链接“missing.md”指向的文章不在存档网站中" in err, err
    assert "有 1 个警告，按严格模式没有生成网站。" in err and "WARNING" not in err and "Aborted" not in err
    code, _, err = run_cli("build", "--root", str(site_repo), "--lang", "en")
    assert code != 0 and "WARNING" in err and "Aborted with 1 warnings in strict mode!" in err
    assert "the link 'missing.md' points to a post that is not on the archive site" in err


# -- YAML: libyaml's words ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "yaml_text, where, says",
    [
        ("tags:\n  - a\n  b: c\n", (4, 3), "这里应是列表项“- ”"),  # the front-matter starts on line 2
        ("title: 测试\nlibrary: lib\n  author: ed\n", (4, 9), "这里不能出现“冒号+空格”"),
        ("title: 测试\nlicence: |\n  a\n    b\n c\n", (6, 2), "这里应是“字段: 值”"),
        ('title: "测试\\q"\n', (2, 11), "双引号中的反斜杠"),
        ("title: 测试\nauthor: @ed\n", (3, 9), "值不能以这个字符开头"),
    ],
)
def test_libyaml_messages_are_translated(run_cli, repo, yaml_text, where, says):
    write(repo, "content/posts/a.md", f"---\n{yaml_text}---\n正文\n")
    code, out, _ = run_cli("check", "--root", str(repo))
    line = next(line for line in out.splitlines() if "WM002" in line)
    assert code == 1 and line.startswith(f"content/posts/a.md:{where[0]}:{where[1]}: WM002"), out
    assert says in line and not re.search(r"could not|not allowed|did not|found", line), line
    code, out, _ = run_cli("check", "--root", str(repo), "--lang", "en")
    assert "YAML syntax error (" in out


def test_the_language_may_come_before_the_command(run_cli):
    code, out, _ = run_cli("--lang", "en", "check", "--root", str(PROJECT))
    assert code == 0 and out.strip().endswith("no errors.") and "检查了" not in out
