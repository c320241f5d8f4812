"""The Archive: every content file read once into typed, positioned documents.

`load(root)` reads the whole of `content/`; `load(root, selection)` reads the registers (libraries,
team, accounts, policy) for context plus only the selected files, which is what pre-commit and
`wemedia check PATH` need: one post checked against the whole repository's registers in a fraction
of a second. Everything downstream — rules, the site, reports — reads this object and nothing else.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from wemedia import documents
from wemedia.documents import Document
from wemedia.model import Account, Library, Metric, Person, Post, Series, Survey, Target, items
from wemedia.workdays import Calendar

if TYPE_CHECKING:
    from wemedia.history import History

CONTENT = "content"
TARGETS_FOLDER = "content/targets"


@dataclass
class Archive:
    """Every file under content/ is known (walked once, cheaply); documents are read when first asked
    for, so a rule that needs the whole archive gets it and one that needs a post reads one post.
    `selected` says only whose findings are reported: what a rule sees never depends on it, which is
    why `wemedia check F` reports exactly what the full check reports for F."""

    root: Path
    removed: frozenset[str] = frozenset()  # files a change deletes: absent even if still on disk
    absent: frozenset[str] = frozenset()  # files git does not track: missing, but nobody's change removed them
    selected: set[str] = field(default_factory=set)  # paths whose findings are reported
    documents: dict[str, Document] = field(default_factory=dict)  # read so far, by path
    # What a commit or pull request touches, as the commit it is measured from held it (`--staged`,
    # `--base`; None otherwise): the history rule (WM230) compares released posts with it.
    history: History | None = None
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # derived values (digests), by key

    @cached_property
    def files(self) -> set[str]:
        """Every file under content/, walked on first use: a one-post check never needs the list."""
        return set(walk(self.root)) - self.removed - self.absent

    def document(self, relpath: str) -> Document | None:
        """The document at `relpath`, read on first use; None for a file that is not a document."""
        doc = self.documents.get(relpath)
        if doc is not None and doc.kind != "post":
            return doc
        kind = self.kind_of(relpath)
        if kind is None:
            return None
        doc = self.documents.get(relpath)
        if doc is None or doc.kind != kind:  # read as the kind it turned out to be
            doc = self.documents[relpath] = documents.read(self.root, relpath, kind)
        return doc

    def kind_of(self, relpath: str) -> str | None:
        """The content type of a file. A per-platform version named by a post's `channels[].file` is a
        `variant`, not a post or a stray; a text file of no known place is a `stray`; any other file (an
        image, a PDF) is a `file`, never read, whose name the disclosure guard still reads. A file that
        is a post in its own right (front-matter with a status) stays a post whoever names it."""
        if not relpath.startswith(CONTENT + "/") or not self.listed(relpath):
            return None
        kind = documents.kind_of(relpath)
        if kind == "post":
            doc = self.documents.get(relpath) or documents.read(self.root, relpath, kind)
            self.documents[relpath] = doc
            return "variant" if not post_like(doc) and relpath in self.variant_paths else "post"
        if kind is not None:
            return kind
        if os.path.splitext(relpath)[1].lower() in documents.TEXT_SUFFIXES:
            return "variant" if relpath in self.variant_paths else "stray"
        return "file"

    def of_kind(self, kind: str) -> list[Document]:
        """Every document of a kind in the archive (read now if not yet)."""
        out = []
        for relpath in sorted(self.files):
            doc = self.document(relpath)
            if doc is not None and doc.kind == kind:
                out.append(doc)
        return out

    def _register(self, kind: str, cls) -> dict:
        out: dict = {}
        for doc in self.registers(kind):
            for item in items(doc, documents.REGISTER_LISTS[kind], cls):
                if item.id is not None:
                    out.setdefault(item.id, item)
        return out

    def registers(self, kind: str) -> list[Document]:
        return [d for p, k in documents.REGISTER_PATHS.items() if k == kind and (d := self.document(p)) is not None]

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
    def series(self) -> dict[str, Series]:
        return self._register("series", Series)

    @property
    def metrics(self) -> dict[tuple[str, str], Metric]:
        """Every account's monthly figures by (account, month of the file they are in): the one table
        the statistics rules, the site and the reports read (`figures.table`, read once per check)."""
        from wemedia import figures

        return figures.table(self)

    @cached_property
    def target_files(self) -> dict[int, Document]:
        """The year's targets file by the year its name says (`content/targets/2026.yml` → 2026, 6.1);
        `.yml` before `.yaml` when both are there (WM011's kind of mistake)."""
        if "files" in self.__dict__:
            paths = sorted(p for p in self.files if documents.kind_of(p) == "targets")
        else:  # a one-file check asks without walking the whole of content/
            try:
                names = os.listdir(os.path.join(self.root, TARGETS_FOLDER))
            except OSError:
                names = []
            paths = sorted(
                p
                for p in (f"{TARGETS_FOLDER}/{n}" for n in names)
                if documents.kind_of(p) == "targets" and self.listed(p)
            )
        out: dict[int, Document] = {}
        for path in sorted(paths, key=lambda p: p.endswith(".yaml")):
            doc = self.document(path)
            if doc is not None:
                out.setdefault(int(path.rsplit("/", 1)[1][:4]), doc)
        return out

    def targets(self, year: int) -> list[Target]:
        """Every readable entry of the year's targets file (none when it is missing or unreadable)."""
        doc = self.target_files.get(year)
        return items(doc, "targets", Target) if doc is not None and doc.ok else []

    @cached_property
    def surveys(self) -> tuple[Survey, ...]:
        """Every readable survey (`content/surveys/*.yml`, 6.2), in path order."""
        return tuple(Survey(d, d.data, ()) for d in self.of_kind("surveys") if d.ok and isinstance(d.data, dict))

    @cached_property
    def calendar_paths(self) -> list[str]:
        """The official calendar's files (`content/policy/calendar/YYYY.yml`), found without walking
        the whole of content/ when it has not been walked: a one-file check of messages needs them."""
        if "files" in self.__dict__:
            found = [p for p in self.files if documents.kind_of(p) == "policy-calendar"]
        else:
            try:
                names = os.listdir(os.path.join(self.root, documents.CALENDAR_FOLDER))
            except OSError:
                names = []
            found = [
                p
                for p in (f"{documents.CALENDAR_FOLDER}/{n}" for n in names)
                if documents.kind_of(p) == "policy-calendar" and self.listed(p)
            ]
        return sorted(found)

    @cached_property
    def calendar(self) -> Calendar:
        """Working days by the State Council's notices the repository holds (5.4 a)."""
        return Calendar.of(d for p in self.calendar_paths if (d := self.document(p)) is not None)

    @cached_property
    def unreadable_registers(self) -> frozenset[str]:
        """Kinds of the registers that exist but cannot be read as one: not decodable, not YAML, or not
        a mapping holding its list. Nothing can be judged against such a register (every reference
        would fail), so rules consulting it stand down while its own error blocks the change."""
        broken = set()
        for path, kind in documents.REGISTER_PATHS.items():
            doc = self.document(path)
            if doc is None:
                continue
            key, data = documents.REGISTER_LISTS.get(kind), doc.data
            if not doc.ok or not isinstance(data, dict) or (key in data and not isinstance(data[key], list)):
                broken.add(kind)
        return frozenset(broken)

    @cached_property
    def _post_like_docs(self) -> list[Document]:
        return [d for d in (self._read_post_path(p) for p in sorted(self.files)) if d is not None and post_like(d)]

    def _read_post_path(self, relpath: str) -> Document | None:
        if documents.kind_of(relpath) != "post":
            return None
        if relpath not in self.documents:
            self.documents[relpath] = documents.read(self.root, relpath, "post")
        return self.documents[relpath]

    @cached_property
    def variant_paths(self) -> dict[str, list[str]]:
        """Per-platform version files by path, each with the posts that name it."""
        out: dict[str, list[str]] = {}
        for doc in self._post_like_docs:
            for _, path in Post(doc).variants:
                if path != doc.path:
                    out.setdefault(path, []).append(doc.path)
        return out

    def owners(self, relpath: str) -> list[Post]:
        """The posts whose `channels[].file` names this version file."""
        return [Post(self.documents[p]) for p in self.variant_paths.get(relpath, ()) if self.documents[p].ok]

    @cached_property
    def posts(self) -> tuple[Post, ...]:
        """Every post of the archive, read once per check (the whole-archive rules and views all ask)."""
        return tuple(Post(d) for d in self.of_kind("post") if d.ok)

    def listed(self, relpath: str) -> bool:
        """Whether a path under content/ is one of `files` — asked without walking when not walked yet."""
        if "files" in self.__dict__:
            return relpath in self.files
        return relpath not in self.removed and relpath not in self.absent and _walkable(self.root, relpath)

    def uncommitted(self, relpath: str) -> bool:
        """On disk, but git does not have it (at commit time or in a pull request)."""
        return relpath in self.absent and os.path.lexists(os.path.join(self.root, relpath))

    def leaves(self, relpath: str) -> bool:
        """Whether the file is a symbolic link that leaves the repository (it never counts as there)."""
        path = os.path.join(self.root, relpath)
        return (
            relpath.startswith(CONTENT + "/")
            and os.path.islink(path)
            and not _inside(self.root, relpath)
            and os.path.exists(path)
        )

    def read_bytes(self, relpath: str) -> bytes | None:
        """The bytes of a repository file, or None when it does not count as there: removed by the
        change, not tracked by git, a symbolic link leaving the repository, a `..` escape, a folder."""
        if not self.exists(relpath):  # under content/ this already refuses a link leaving the repository
            return None
        if not relpath.startswith(CONTENT + "/") and not _inside(self.root, relpath):
            return None
        try:
            with open(os.path.join(self.root, relpath), "rb") as f:
                return f.read()
        except OSError:
            return None

    def exists(self, relpath: str) -> bool:
        """Whether a repository file exists (inside the repository: `..` escapes never count)."""
        if relpath.startswith(("../", "/")) or relpath == "..":
            return False
        if relpath.startswith(CONTENT + "/"):
            return self.listed(relpath) and (
                not os.path.islink(os.path.join(self.root, relpath)) or _inside(self.root, relpath)
            )
        return (self.root / relpath).is_file()


def post_like(doc: Document) -> bool:
    """A post in its own right: its front-matter reads as a mapping with a status."""
    return doc.ok and isinstance(doc.data, dict) and "status" in doc.data


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds a `content/` folder."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONTENT).is_dir():
            return folder
    return None


def walk(root: Path) -> list[str]:
    """Every file under content/ as a repository path: hidden names and symlinked folders skipped."""
    out: list[str] = []
    stack = [(os.path.join(root, CONTENT), CONTENT)]
    while stack:
        folder, rel = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, f"{rel}/{entry.name}"))
            else:
                out.append(f"{rel}/{entry.name}")
    return sorted(out)


def _inside(root: Path, relpath: str) -> bool:
    """Whether a symbolic link ends inside the repository: one that leaves it (`/etc/passwd`) must never
    count as the file, or the site would copy what lies outside into the archive."""
    real, top = os.path.realpath(os.path.join(root, relpath)), os.path.realpath(root)
    return real.startswith(top + os.sep) and os.path.isfile(real)


def _walkable(root: Path, relpath: str) -> bool:
    """Whether `walk` would list `relpath`, asked of that one file: the same answer without the walk."""
    parts = relpath.split("/")
    if any(part.startswith(".") or part in ("", "..") for part in parts):
        return False
    folder = str(root)
    for part in parts[:-1]:
        folder = os.path.join(folder, part)
        if os.path.islink(folder) or not os.path.isdir(folder):
            return False
    path = os.path.join(folder, parts[-1])
    return os.path.lexists(path) and not (os.path.isdir(path) and not os.path.islink(path))


def open_archive(root: Path, removed: Iterable[str] = (), absent: Iterable[str] = ()) -> Archive:
    """The archive under `root`, nothing selected yet; `removed` files count as absent even if still on
    disk (a commit or a pull request deletes them), and so do `absent` ones (on disk, but git does not
    track them: the commit will not have them). Only a removal brings the files that name it into a
    check; an absent file only does not exist."""
    return Archive(root, frozenset(removed), frozenset(absent))


def load(
    root: Path,
    selection: list[str] | None = None,
    *,
    removed: Iterable[str] = (),
    absent: Iterable[str] = (),
    history: History | None = None,
) -> Archive:
    """The archive under `root`, reporting on everything or on the repository paths given
    (`select.choose` decides what is reported); `history`: what the change touches, as it was before."""
    from wemedia import select

    archive = open_archive(root, removed, absent)
    archive.history = history
    archive.selected = select.choose(archive, selection, removed)
    return archive
