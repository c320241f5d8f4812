"""The one place wemedia talks to git (GitPython): the pull-request view, new repositories, identity.

Errors come back as `GitProblem` with a message for people; nothing here prints or exits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
        raise GitProblem(
            Text(
                f"{root} 不是 git 仓库；--base 和 --staged 只能在 git 仓库中使用。",
                f"{root} is not a git repository; --base and --staged need one.",
            )
        ) from None


@dataclass(frozen=True)
class Changes:
    """What a change does to content/: files added or modified (new names of renames included) that
    exist, and files it removes (deleted, and the old names of renames). `absent`: files on disk under
    content/ that git does not track (untracked or ignored) — the commit or pull request will not have
    them, so they count as missing, though nobody's change removed them. `before`: the commit the
    change is measured from (HEAD, or the merge base), None on a branch without commits. `renamed`:
    the new path of each file of content/ renamed away (a repository path; it may lie outside content/,
    or be a path from the top of the work tree when it leaves the editorial repository)."""

    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    before: str | None = None
    renamed: dict[str, str] = field(default_factory=dict)


def _prefix(repo: git.Repo, root: Path) -> str:
    """`root` as a path inside the git work tree, '' or ending in '/': git names files from the top."""
    top = Path(repo.working_tree_dir).resolve()
    prefix = root.resolve().relative_to(top).as_posix()
    return "" if prefix == "." else prefix + "/"


def _name_status(output: str) -> list[tuple[str, str, str | None]]:
    """`git diff --name-status -z` as (status letter, path, new path of a rename or copy)."""
    fields = output.split("\0")
    out = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i][0]
        if status in "RC":
            out.append((status, fields[i + 1], fields[i + 2]))
            i += 3
        else:
            out.append((status, fields[i + 1], None))
            i += 2
    return out


def _content(prefix: str, name: str) -> str | None:
    """A git path (from the top of the work tree) as a path of the editorial repository under content/."""
    rel = name[len(prefix) :] if name.startswith(prefix) else None
    return rel if rel is not None and rel.startswith("content/") else None


def _untracked(repo: git.Repo, prefix: str) -> list[str]:
    """Files under content/ that are on disk but not in the index: untracked, and ignored ones too
    (`--others` without `--exclude-standard`). pre-commit stashes unstaged changes but leaves these on
    disk, and a clone will not have them."""
    listed = repo.git.ls_files("--others", "-z", "--", prefix + "content/")
    return sorted(rel for name in listed.split("\0") if name and (rel := _content(prefix, name)) is not None)


def _changes(root: Path, prefix: str, entries, absent: list[str], before: str | None) -> Changes:
    """A file the diff deletes, or renames away, is removed even when a copy is still on disk: git does
    not track that copy (it is in `absent`), so the commit or pull request will not have it."""
    changed: set[str] = set()
    removed: set[str] = set()
    renamed: dict[str, str] = {}
    for status, path, new in entries:
        if status in "DR":
            rel = _content(prefix, path)
            if rel is not None:
                removed.add(rel)
                if status == "R" and new is not None:
                    renamed[rel] = new[len(prefix) :] if new.startswith(prefix) else new
        if status != "D":
            rel = _content(prefix, new or path)
            if rel is not None and (root / rel).exists():
                changed.add(rel)
    return Changes(sorted(changed - removed - set(absent)), sorted(removed), absent, before, renamed)


def changed_files(root: Path, base: str) -> Changes:
    """What a pull request against `base` would change under content/: the tracked files that differ
    from the merge base of `base` and HEAD — committed, staged or unstaged — and the files it removes
    (deleted or renamed away). Untracked files are no part of a pull request: they are `absent`."""
    repo = open_repo(root)
    try:
        bases = repo.merge_base(base, "HEAD")
    except git.GitCommandError:
        raise GitProblem(
            Text(
                f"找不到版本“{base}”；请确认分支名（如 origin/main）并先执行 git fetch。",
                f"cannot find the revision '{base}'; check the branch name (e.g. origin/main) and run git fetch first.",
            )
        ) from None
    if not bases:
        raise GitProblem(Text(f"“{base}”与当前分支没有共同的历史。", f"'{base}' shares no history with HEAD."))
    diff = repo.git.diff("--name-status", "-M", "-z", "--no-ext-diff", bases[0].hexsha, "--", ".")
    prefix = _prefix(repo, root)
    return _changes(root, prefix, _name_status(diff), _untracked(repo, prefix), bases[0].hexsha)


def staged_changes(root: Path) -> Changes:
    """What the next commit changes under content/: the index against HEAD (everything staged, in a
    repository without commits yet). A file whose deletion is staged counts as removed even when a
    copy is still on disk: the commit will not have it. Files not in the index are `absent`."""
    repo = open_repo(root)
    # Without a revision `--cached` compares with HEAD, or with nothing on an unborn branch.
    diff = repo.git.diff("--cached", "--name-status", "-M", "-z", "--no-ext-diff", "--", ".")
    prefix = _prefix(repo, root)
    before = repo.head.commit.hexsha if repo.head.is_valid() else None
    return _changes(root, prefix, _name_status(diff), _untracked(repo, prefix), before)


def snapshot(root: Path, before: str | None, paths: list[str], text_suffixes: frozenset[str]):
    """Each of `paths` as commit `before` held it: (SHA-256 hex of its bytes by path, the bytes of the
    text files among them — suffix in `text_suffixes`, at most 1 MiB). A path that was not a file there
    (new, a folder, a symbolic link) is in neither. Large files are hashed as they stream from git,
    never held whole: a pull request that replaces a hundred photographs costs their reading only."""
    import hashlib
    import posixpath

    from wemedia.textfile import MAX_BYTES

    hashes: dict[str, str] = {}
    texts: dict[str, bytes] = {}
    if before is None or not paths:
        return hashes, texts
    repo = open_repo(root)
    prefix = _prefix(repo, root)
    tree = repo.commit(before).tree
    for path in paths:
        try:
            blob = tree / (prefix + path)
        except KeyError:
            continue
        if blob.type != "blob" or blob.mode == blob.link_mode:
            continue
        text = posixpath.splitext(path)[1].lower() in text_suffixes and blob.size <= MAX_BYTES
        stream, sha, kept = blob.data_stream, hashlib.sha256(), []
        while chunk := stream.read(1 << 20):
            sha.update(chunk)
            if text:
                kept.append(chunk)
        hashes[path] = sha.hexdigest()
        if text:
            texts[path] = b"".join(kept)
    return hashes, texts


def committed_files(folder: Path) -> dict[str, bytes] | None:
    """Every file under `folder` as the last commit holds it (relative to `folder`), or None when
    `folder` is not in a git checkout with a commit. Uncommitted edits and untracked files are left out:
    what `wemedia init` copies from this checkout is the example as committed, not a work in progress."""
    try:
        repo = git.Repo(folder, search_parent_directories=True)
        tree = repo.head.commit.tree
        prefix = Path(folder).resolve().relative_to(Path(repo.working_tree_dir).resolve()).as_posix()
        sub = tree / prefix if prefix != "." else tree
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, ValueError, KeyError):
        return None
    return {
        blob.path[len(prefix) + 1 :] if prefix != "." else blob.path: blob.data_stream.read()
        for blob in sub.traverse()
        if blob.type == "blob" and blob.mode != blob.link_mode
    }


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
