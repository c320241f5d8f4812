"""The Archive: every content file read once into typed, positioned documents.

`load(root)` reads the whole of `content/`; `load(root, selection)` reads the registers (libraries,
team, accounts, policy) for context plus only the selected files, which is what pre-commit and
`wemedia check PATH` need: one post checked against the whole repository's registers in a fraction
of a second. Everything downstream — rules, the site, reports — reads this object and nothing else.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from wemedia import documents
from wemedia.documents import Document
from wemedia.model import Account, Library, Person, Post, items

CONTENT = "content"


@dataclass
class Archive:
    root: Path
    complete: bool  # True when every file under content/ was read (archive-wide rules may run)
    documents: dict[str, Document] = field(default_factory=dict)  # by repository-relative path
    selected: set[str] = field(default_factory=set)  # paths whose findings are reported
    strays: list[str] = field(default_factory=list)  # text files under content/ of no known kind
    files: set[str] | None = None  # every file under content/, when the whole tree was walked

    def of_kind(self, kind: str) -> list[Document]:
        return [d for d in self.documents.values() if d.kind == kind]

    def _register(self, kind: str, cls) -> dict:
        out: dict = {}
        for doc in self.of_kind(kind):
            for item in items(doc, documents.REGISTER_LISTS[kind], cls):
                if item.id is not None:
                    out.setdefault(item.id, item)
        return out

    @cached_property
    def libraries(self) -> dict[str, Library]:
        return self._register("libraries", Library)

    @cached_property
    def people(self) -> dict[str, Person]:
        return self._register("team", Person)

    @cached_property
    def accounts(self) -> dict[str, Account]:
        return self._register("accounts", Account)

    @cached_property
    def unreadable_registers(self) -> frozenset[str]:
        """Kinds of the registers that exist but cannot be read as one: not decodable, not YAML, or not
        a mapping holding its list. Nothing can be judged against such a register (every reference
        would fail), so rules consulting it stand down while its own error blocks the change."""
        broken = set()
        for path, kind in documents.REGISTER_PATHS.items():
            doc = self.documents.get(path)
            if doc is None:
                continue
            key, data = documents.REGISTER_LISTS.get(kind), doc.data
            if not doc.ok or not isinstance(data, dict) or (key in data and not isinstance(data[key], list)):
                broken.add(kind)
        return frozenset(broken)

    @cached_property
    def posts(self) -> list[Post]:
        return [Post(d) for d in self.of_kind("post") if d.ok]

    def exists(self, relpath: str) -> bool:
        """Whether a repository file exists (inside the repository: `..` escapes never count)."""
        if relpath.startswith("../") or relpath == ".." or relpath.startswith("/"):
            return False
        if self.files is not None and relpath.startswith(CONTENT + "/"):
            return relpath in self.files
        return (self.root / relpath).is_file()


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds a `content/` folder."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONTENT).is_dir():
            return folder
    return None


def _walk(root: Path) -> list[str]:
    out: list[str] = []
    stack = [root / CONTENT]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
            else:
                out.append(Path(entry.path).relative_to(root).as_posix())
    return sorted(out)


def _classify(archive: Archive, relpath: str) -> None:
    kind = documents.kind_of(relpath)
    if kind is not None:
        archive.documents[relpath] = documents.read(archive.root, relpath, kind)
    elif os.path.splitext(relpath)[1].lower() in documents.TEXT_SUFFIXES:
        archive.strays.append(relpath)


def load(root: Path, selection: list[str] | None = None) -> Archive:
    """Read `content/` under `root`: all of it, or the registers plus the repository paths given.

    A selection that includes a register (team, accounts, libraries, policy) is widened to the whole
    archive: removing a person or an account can break every post that names them."""
    if selection is None or any(p in documents.REGISTER_PATHS for p in selection):
        archive = Archive(root, complete=True)
        archive.files = set(_walk(root))
        for relpath in sorted(archive.files):
            _classify(archive, relpath)
        archive.selected = set(archive.documents) | set(archive.strays)
        return archive
    archive = Archive(root, complete=False)
    for relpath, kind in _registers(root):
        archive.documents[relpath] = documents.read(root, relpath, kind)
    for relpath in selection:
        if relpath not in archive.documents:
            _classify(archive, relpath)
    archive.selected = {p for p in selection if p in archive.documents or p in archive.strays}
    # A register that cannot be read is reported with every selection: the rules that need it stand
    # down, and its own error must then stop the commit, or a broken register would pass anything.
    archive.selected |= {p for p, d in archive.documents.items() if d.kind in archive.unreadable_registers}
    return archive


def _registers(root: Path) -> list[tuple[str, str]]:
    return [(rel, kind) for rel, kind in documents.REGISTER_PATHS.items() if (root / rel).exists()]


def expand(root: Path, paths: list[Path]) -> tuple[list[str], list[str], list[str]]:
    """Command-line paths as repository-relative files under content/; also the paths not found, and
    those that exist but are not under content/ (nothing there is checked)."""
    chosen: list[str] = []
    missing: list[str] = []
    outside: list[str] = []
    all_files: list[str] | None = None
    for path in paths:
        absolute = Path(os.path.abspath(path))
        try:
            rel = absolute.relative_to(root).as_posix()
        except ValueError:
            missing.append(str(path))
            continue
        if absolute.is_dir():
            all_files = all_files if all_files is not None else _walk(root)
            prefix = "" if rel == "." else rel + "/"
            chosen.extend(f for f in all_files if f.startswith(prefix))
        elif absolute.exists() or absolute.is_symlink():
            (chosen if rel.startswith(CONTENT + "/") else outside).append(rel)
        else:
            missing.append(str(path))
    return sorted(set(chosen)), missing, outside
