"""The one place wemedia talks to git (GitPython): the pull-request view, new repositories, identity.

Errors come back as `GitProblem` with a message for people; nothing here prints or exits.
"""

from __future__ import annotations

from pathlib import Path

import git

from wemedia.i18n import Text


class GitProblem(Exception):
    def __init__(self, message: Text):
        super().__init__(message.en)
        self.message = message


def open_repo(root: Path) -> git.Repo:
    try:
        return git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise GitProblem(Text(f"{root} 不是 git 仓库；--base 只能在 git 仓库中使用。",
                              f"{root} is not a git repository; --base needs one.")) from None


def changed_files(root: Path, base: str) -> list[str]:
    """Files under content/ that differ from the merge base of `base` and HEAD — committed, staged,
    unstaged or untracked: what a pull request against `base` would change. Deleted files excluded."""
    repo = open_repo(root)
    try:
        bases = repo.merge_base(base, "HEAD")
    except git.GitCommandError:
        raise GitProblem(Text(f"找不到版本“{base}”；请确认分支名（如 origin/main）并先执行 git fetch。",
                              f"cannot find the revision '{base}'; check the branch name (e.g. origin/main) and "
                              "run git fetch first.")) from None
    if not bases:
        raise GitProblem(Text(f"“{base}”与当前分支没有共同的历史。", f"'{base}' shares no history with HEAD."))
    top = Path(repo.working_tree_dir).resolve()
    prefix = root.resolve().relative_to(top).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    names = repo.git.diff("--name-only", "--diff-filter=d", "-z", bases[0].hexsha, "--", ".").split("\0")
    names += repo.untracked_files
    out = set()
    for name in filter(None, names):
        if name.startswith(prefix):
            rel = name[len(prefix):]
            if rel.startswith("content/") and (root / rel).exists():
                out.add(rel)
    return sorted(out)


def init(folder: Path) -> git.Repo:
    return git.Repo.init(folder, initial_branch="main")


def set_local_config(root: Path, key: str, value: str) -> None:
    """Set `section.option` in this clone's own git config: machine-specific, never committed."""
    section, option = key.rsplit(".", 1)
    with open_repo(root).config_writer("repository") as config:
        config.set_value(section, option, value)


def user_name(root: Path) -> str | None:
    try:
        reader = git.Repo(root, search_parent_directories=True).config_reader()
        return reader.get_value("user", "name", default=None) or None
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
