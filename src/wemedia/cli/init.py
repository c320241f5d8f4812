"""`wemedia init DIR [--empty]` — a new editorial repository that passes its own check.

It holds the example content (or empty folders), the site (mkdocs.yml, hooks/, docs/), the
pre-commit configuration, and a git repository with the pre-commit hook installed.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from wemedia import clock, resources, writer
from wemedia.cli import hook
from wemedia.cli.common import EXIT_OK, fail, lang_of
from wemedia.i18n import Text

CONTENT_FOLDERS = ("posts", "messages", "metrics", "targets", "surveys", "policy")
SKELETON = ("mkdocs.yml", "hooks", "docs", "overrides", ".pre-commit-config.yaml")
GITIGNORE = "site/\n.venv/\n__pycache__/\n.cache/\nreports/\n"
README = """# 自媒体编辑仓库

本仓库按《自媒体运营管理规范》管理本馆的自媒体内容，由 wemedia 检查。

| 要做的事 | 命令 |
|---|---|
| 新建草稿（系列中的一篇加 `--series 系列编号`，自动排在下一篇） | `wemedia new post --title "标题" --account 账号编号 --category 分类 --author 你的编号` |
| 检查全部内容 | `wemedia check` |
| 看哪些文章在等审核、今天谁可以审 | `wemedia review status` |
| 签署初审（复审 `second`，签发 `signoff`，更正批准 `correction`） | `wemedia review sign 文章路径 --stage first` |
| 在团队名册中登记一人及其公钥（运营管理岗） | `wemedia team add 编号 --name 姓名 --library 馆编号 --role reviewer --key 公钥文件` |
| 看哪些留言待答复、待登记、待处置 | `wemedia messages due` |
| 生成存档网站 | `wemedia build`，然后用浏览器打开 `site/index.html`（搜索需用 `wemedia serve` 或网站服务器打开） |
| 本机预览网站；只预览一篇 | `wemedia serve`；`wemedia serve --post 文章路径` |
| 全部规则；一条规则的说明 | `wemedia rules`；`wemedia rules WM210` |
| 开启提交前检查（克隆到新电脑后运行一次） | `wemedia hook` |

- 文章在 `content/posts/年/月/`，图片放在文章旁的 `img/` 里并在 `assets` 中登记版权。
- 人员在 `content/team.yml`，账号在 `content/accounts.yml`，图书馆在 `content/libraries.yml`，系列在 `content/series.yml`；
  留言记录在 `content/messages/年-月.yml`，答复期限按 `content/policy/calendar/年.yml`（国务院节假日安排通知）计算；
  每月内容结构和发布频率在 `content/policy/publishing.yml`。
- 每次 `git commit` 前会自动运行 `wemedia check`（pre-commit 钩子）；有“错误”时提交会被拒绝，
  请按提示改正。把本仓库克隆到另一台电脑后，在仓库里运行一次 `wemedia hook` 开启这项检查。
"""


def add(sub) -> None:
    p = sub.add_parser(
        "init",
        help="新建编辑仓库 / create an editorial repository",
        description="新建一个编辑仓库：示例内容（或 --empty 不带内容）、网站配置、git 仓库和 pre-commit 钩子。"
        " / Make a repository: example content (none with --empty), site, git, pre-commit hook.",
    )
    p.add_argument(
        "dir", metavar="DIR", help="新仓库的目录（不存在或为空）/ the new repository's folder (absent or empty)"
    )
    p.add_argument("--empty", action="store_true", help="不带示例内容 / without the example content")
    p.add_argument("--no-hook", action="store_true", help="不安装 pre-commit 钩子 / do not install the pre-commit hook")
    p.add_argument("--lang", choices=("zh", "en"))
    p.set_defaults(run=run)


def _copy(src: Path, dest: Path) -> None:
    if src.is_dir():
        shutil.copytree(src, dest, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    else:
        writer.create(dest, src.read_bytes())


def _copy_example(dest: Path) -> None:
    """The bundled example: from the wheel as shipped, or from this checkout as last committed, so a
    draft or a broken file someone left in the checkout never lands in a new library's repository."""
    from wemedia import gitrepo

    source = resources.example_content()
    committed = gitrepo.committed_files(source)
    if committed is None:
        _copy(source, dest)
        return
    for relpath, data in sorted(committed.items()):
        writer.create(dest / relpath, data)


def _copy_calendar(dest: Path) -> None:
    """The official calendar (`policy/calendar/YYYY.yml`, the State Council's notices) is not example
    data: an empty repository starts with it too, or its first inquiry could not be timed (WM706)."""
    folder = resources.example_content() / "policy" / "calendar"
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else ():
        writer.create(dest / "policy" / "calendar" / path.name, path.read_bytes())


def targets_template(year: int) -> str:
    """This year's targets file of an empty repository (6.1, WM901): the year set, no entry yet, and an
    entry to copy in its comments, as the empty registers have."""
    return (
        f"# {year} 年度目标（6.1）：每个有在运营账号的图书馆一项，写明全年发布条数、阅读量和年末关注总数，例如：\n"
        "#\n"
        "#   - {library: nanhu, items: 260, reads: 900000, followers: 80000}\n"
        "#\n"
        "# 也可以为单个账号另设目标：{library: nanhu, account: nanhu-douyin, items: 24, reads: 200000, followers: 10000}。\n"
        "# 写好后把下面的 [] 换成这些项（去掉行首的 #）。下一年复制本文件，改名并改 year。\n"
        f"year: {year}\n"
        "targets: []\n"
    )


def run(args) -> int:
    target = Path(args.dir).resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        return fail(
            args,
            Text(
                f"{target} 已存在且不是空文件夹；为免覆盖已有文件，请换一个目录。",
                f"{target} exists and is not an empty folder; choose another, so nothing is overwritten.",
            ),
        )
    target.mkdir(parents=True, exist_ok=True)
    if args.empty:
        _copy(resources.empty_content(), target / "content")
        _copy_calendar(target / "content")
        writer.create(
            target / "content" / "targets" / f"{clock.today().year}.yml", targets_template(clock.today().year)
        )
        for folder in CONTENT_FOLDERS:
            if not any((target / "content" / folder).glob("*")):
                writer.create(target / "content" / folder / ".gitkeep", "")
    else:
        _copy_example(target / "content")
    for name in SKELETON:
        _copy(resources.skeleton_file(name), target / name)
    writer.create(target / ".gitignore", GITIGNORE)
    writer.create(target / "README.md", README)
    from wemedia import gitrepo

    gitrepo.init(target)
    lang = lang_of(args)
    if not args.no_hook:
        problem = hook.install(target)
        if problem is not None:
            print(
                Text("注意：", "note: ").get(lang)
                + problem.get(lang)
                + Text(
                    "稍后可在仓库中运行 `wemedia hook` 重试。", " Run `wemedia hook` in the repository to retry."
                ).get(lang),
                file=sys.stderr,
            )
    print(
        Text(
            f"已新建编辑仓库：{target}\n下一步：cd {target} && wemedia check && wemedia build\n"
            "每次 git commit 前会自动运行 wemedia check；同事克隆本仓库后，请在仓库中运行一次 `wemedia hook`。",
            f"created the editorial repository {target}\nnext: cd {target} && wemedia check && wemedia build\n"
            "wemedia check runs before every git commit; colleagues who clone the repository run "
            "`wemedia hook` once in it.",
        ).get(lang)
    )
    return EXIT_OK
