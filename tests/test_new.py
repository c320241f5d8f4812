"""`wemedia new post` as a librarian types it: the author by name, the category by its Chinese label,
help that lists both, and no limit on the drafts of a day — in a repository made by `wemedia init`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import DRAFT, write


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    from wemedia.cli.main import main

    target = tmp_path_factory.mktemp("new") / "library"
    assert main(["init", str(target), "--no-hook"]) == 0
    return target


@pytest.fixture
def library(example, tmp_path) -> Path:
    """A fresh copy of the example library (git history included) for each test."""
    target = tmp_path / "library"
    shutil.copytree(example, target, symlinks=True)
    return target


def _new(run_cli, root: Path, *more: str, title: str = "冬至：一起来包饺子", category: str = "活动预告"):
    return run_cli(
        "new",
        "post",
        "--root",
        str(root),
        "--title",
        title,
        "--account",
        "nanhu-wechat",
        "--category",
        category,
        "--date",
        "2026-12-21",
        *more,
    )


def _passes_check(run_cli, root: Path, path: Path) -> None:
    code, out, err = run_cli("check", "--root", str(root), str(path))
    assert code == 0 and "0 个错误，0 个警告" in out, out + err


def test_the_author_by_name_and_the_category_by_its_chinese_label(run_cli, library):
    code, out, err = _new(run_cli, library, "--author", "刘洋")
    assert code == 0, err
    path = Path(out.strip().splitlines()[-1])
    text = path.read_text(encoding="utf-8")
    assert "\nauthor: liu-yang\n" in text  # the id is written, whatever was typed
    assert "\ncategory: activity-preview   # 分类：活动预告（5.3.1）\n" in text
    _passes_check(run_cli, library, path)


@pytest.mark.parametrize(
    "author, category",
    [("liu-yang", "activity-preview"), (" 刘洋 ", "阅读推广"), ("liu-yang", "Reading Promotion")],
    ids=["id and value", "name with spaces and Chinese label", "English label"],
)
def test_ids_and_labels_are_both_understood(run_cli, library, author, category):
    code, out, err = _new(run_cli, library, "--author", author, category=category)
    assert code == 0, err
    text = Path(out.strip().splitlines()[-1]).read_text(encoding="utf-8")
    assert "\nauthor: liu-yang\n" in text
    assert f"\ncategory: {'activity-preview' if category == 'activity-preview' else 'reading-promotion'} " in text


def _second_liu_yang(library: Path) -> None:
    team = library / "content/team.yml"
    team.write_text(
        team.read_text(encoding="utf-8") + "  - {id: liu-yang-2, name: 刘洋, library: nanhu, roles: [editor]}\n",
        encoding="utf-8",
    )


def test_two_people_of_the_same_name_are_told_apart_by_id(run_cli, library):
    _second_liu_yang(library)
    code, out, err = _new(run_cli, library, "--author", "刘洋")
    assert code == 2 and out == ""
    assert "团队名册中有 2 人叫“刘洋”：liu-yang、liu-yang-2；请用 --author 写上编号" in err
    assert not (library / "content/posts/2026/12").exists()  # nothing written
    code, _, err = _new(run_cli, library, "--author", "刘洋", "--lang", "en")
    assert code == 2 and "2 people in the team register are called '刘洋': liu-yang, liu-yang-2" in err
    code, out, err = _new(run_cli, library, "--author", "liu-yang-2")
    assert code == 0, err
    path = Path(out.strip().splitlines()[-1])
    assert "\nauthor: liu-yang-2\n" in path.read_text(encoding="utf-8")
    _passes_check(run_cli, library, path)


def test_git_user_name_finds_the_author_unless_two_share_it(run_cli, library):
    subprocess.run(["git", "config", "user.name", "刘洋"], cwd=library, check=True)
    code, out, err = _new(run_cli, library)
    assert code == 0, err
    assert "\nauthor: liu-yang\n" in Path(out.strip().splitlines()[-1]).read_text(encoding="utf-8")
    _second_liu_yang(library)
    code, _, err = _new(run_cli, library)
    assert code == 2 and "liu-yang、liu-yang-2" in err


def test_unknown_author_and_category_are_refused_in_chinese_with_the_choices(run_cli, library):
    code, _, err = _new(run_cli, library, "--author", "刘阳")
    assert code == 2 and "作者“刘阳”不在团队名册 content/team.yml 中" in err and "liu-yang（刘洋）" in err
    code, _, err = _new(run_cli, library, "--author", "liu-yang", category="活动")
    assert code == 2 and err.startswith("wemedia: 错误：分类“活动”不认识；可选")
    assert "activity-preview 活动预告、collection-reveal 馆藏揭示" in err
    code, _, err = _new(run_cli, library, "--author", "liu-yang", "--lang", "en", category="event")
    assert code == 2 and "unknown category 'event'" in err and "activity-preview (event preview)" in err
    assert not (library / "content/posts/2026/12").exists()


def test_help_lists_categories_with_labels_and_says_the_author_may_be_a_name(capsys):
    from wemedia import labels
    from wemedia.cli.main import main

    with pytest.raises(SystemExit) as done:
        main(["new", "post", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    for value, names in labels.choices("post.category"):
        assert any(line.split()[:2] == [value, names.zh] for line in out.splitlines()), value
    assert "activity-preview   活动预告" in out and "event preview" not in out  # one language at a time
    assert "编号（如 liu-yang）或姓名（如 刘洋）" in out and "同名的人须写编号" in out
    with pytest.raises(SystemExit):
        main(["new", "post", "--help", "--lang", "en"])
    out = capsys.readouterr().out
    assert "activity-preview   event preview" in out
    assert "the id (liu-yang) or the name registered in content/team.yml" in out


def test_a_day_has_no_limit_of_drafts(run_cli, repo):
    """The 1000th draft of a day used to be an UnboundLocalError: there was a bound of 999."""
    folder = repo / "content/posts/2026/12"
    for n in range(1, 1001):
        write(repo, f"content/posts/2026/12/2026-12-21-{n:02d}.md", DRAFT)
    code, out, err = run_cli(
        "new",
        "post",
        "--root",
        str(repo),
        "--title",
        "第一千零一篇",
        "--account",
        "wx",
        "--category",
        "news",
        "--author",
        "ed",
        "--date",
        "2026-12-21",
    )
    assert code == 0, err
    path = Path(out.strip().splitlines()[-1])
    assert path == folder / "2026-12-21-1001.md"
    assert "第一千零一篇" in path.read_text(encoding="utf-8")
    assert len(list(folder.iterdir())) == 1001
    assert (folder / "2026-12-21-01.md").read_text(encoding="utf-8") == DRAFT
    _passes_check(run_cli, repo, path)


def test_a_gap_in_the_numbers_is_filled_first(run_cli, repo):
    for n in (1, 2, 4):
        write(repo, f"content/posts/2026/12/2026-12-21-{n:02d}.md", DRAFT)
    code, out, err = run_cli(
        "new",
        "post",
        "--root",
        str(repo),
        "--title",
        "补上",
        "--account",
        "wx",
        "--category",
        "news",
        "--author",
        "ed",
        "--date",
        "2026-12-21",
    )
    assert code == 0, err
    assert out.strip().endswith("2026-12-21-03.md")


def test_an_author_who_has_left_is_refused_and_one_in_post_that_day_is_not(run_cli, library):
    """何强 left on 2026-06-30 (content/team.yml): a draft in his name for December is refused, naming
    his time in post; a draft dated on his last day is his to write."""
    code, _, err = _new(run_cli, library, "--author", "何强")
    assert code == 2 and "作者 he-qiang（何强）2026-12-21 不在岗" in err and "2021-03-01 至 2026-06-30" in err
    assert not (library / "content/posts/2026/12").exists()
    code, out, err = run_cli(
        "new", "post", "--root", str(library), "--title", "夏至", "--account", "nanhu-wechat",
        "--category", "活动预告", "--date", "2026-06-30", "--author", "he-qiang",
    )  # fmt: skip
    assert code == 0, err
    assert (library / out.strip().splitlines()[-1]).is_file()
