"""`wemedia hook` — turn on the check before every commit in this clone of an editorial repository.

`.pre-commit-config.yaml` travels with the repository, but the git hook and the place where wemedia
is installed belong to each computer: after cloning, a colleague runs this once. It installs the
real pre-commit hook and records this Python in the clone's own git config (`wemedia.python`), so
the hook finds wemedia even when a commit is made from a shell or a Git program that never
activated the environment.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from wemedia.cli.common import EXIT_OK, NO_REPOSITORY, fail, lang_of, repository
from wemedia.i18n import Text

PYTHON_KEY = "wemedia.python"  # read by the entry in .pre-commit-config.yaml


def add(sub) -> None:
    p = sub.add_parser(
        "hook",
        help="开启提交前检查（克隆仓库后运行一次）/ turn on the pre-commit check",
        description="在本仓库安装 pre-commit 钩子：每次 git commit 前自动运行 wemedia check。"
        "克隆到新电脑后运行一次即可。 / Install the pre-commit hook in this clone: "
        "wemedia check runs before every commit. Run once after cloning.",
    )
    p.add_argument("--root", metavar="DIR", help="编辑仓库所在目录 / the editorial repository")
    p.add_argument("--lang", choices=("zh", "en"))
    p.set_defaults(run=run)


def install(root: Path) -> Text | None:
    """Install the hook in the git repository at `root`; None when done, else what went wrong."""
    if not (root / ".pre-commit-config.yaml").is_file():
        return Text(
            f"{root} 下没有 .pre-commit-config.yaml；用 `wemedia init` 新建的仓库会带上它。",
            f"there is no .pre-commit-config.yaml in {root}; repositories made by `wemedia init` have one.",
        )
    from wemedia import gitrepo  # GitPython costs ~45 ms of start-up: only commands that use git load it

    try:
        gitrepo.set_local_config(root, PYTHON_KEY, sys.executable)
    except gitrepo.GitProblem as problem:
        return problem.message
    done = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=root, capture_output=True, text=True)
    if done.returncode:
        reason = (done.stderr or done.stdout).strip()
        return Text(f"pre-commit 钩子未能安装：{reason}", f"the pre-commit hook was not installed: {reason}")
    return None


def run(args) -> int:
    root = repository(args)
    if root is None:
        return fail(args, NO_REPOSITORY)
    problem = install(root)
    if problem is not None:
        return fail(args, problem)
    print(
        Text(
            f"已开启提交前检查：在 {root} 中每次 git commit 前会自动运行 wemedia check。",
            f"the pre-commit check is on: wemedia check runs before every git commit in {root}.",
        ).get(lang_of(args))
    )
    return EXIT_OK
