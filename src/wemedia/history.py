"""What a commit or a pull request does to released posts: the previous side of the history rule (WM230).

`History` holds the files a change touches under content/ as the commit it is measured from had them
(`gitrepo.snapshot`); every file it does not touch is the same on both sides, so the previous version
of a post — and its digest — is read from the history where the change touched it and from the
archive everywhere else. `judged` names the posts the rule looks at: every touched post that was
released, and every released post whose digest covers a touched file (an image replaced, a version
file rewritten, an evidence scan deleted) though the post itself is unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wemedia import digest, documents
from wemedia.archive import post_like
from wemedia.i18n import Text
from wemedia.model import Person, Post, items
from wemedia.textfile import decode

if TYPE_CHECKING:
    from pathlib import Path

    from wemedia.archive import Archive
    from wemedia.gitrepo import Changes


TEAM = "content/team.yml"


@dataclass
class History:
    """The touched files of a change, as the commit `commit` (HEAD, or the merge base) held them.

    `touched`: paths under content/ the change adds, modifies, deletes or renames away. `hashes`: the
    SHA-256 of each touched file that existed in `commit`. `texts`: the bytes of each touched text file
    that existed there (up to 1 MiB: posts, versions, registers). `renamed`: old path → new path of each
    rename (a repository path; it may lie outside content/)."""

    commit: str | None
    ref: str = "HEAD"  # how the person running the check names that commit: HEAD, or the --base REF
    touched: frozenset[str] = frozenset()
    hashes: dict[str, str] = field(default_factory=dict)
    texts: dict[str, bytes] = field(default_factory=dict)
    renamed: dict[str, str] = field(default_factory=dict)
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, root: Path, changes: Changes, ref: str = "HEAD", also: list[str] = ()) -> History:
        """The history of `changes` (`gitrepo.changed_files` or `staged_changes`): the touched files as
        their commit held them; `ref` names that commit for people (HEAD, or the --base REF); `also`:
        more paths whose previous bytes are wanted (they are not touched)."""
        from wemedia import gitrepo

        touched = sorted({*changes.changed, *changes.removed})
        wanted = sorted({*touched, *also})
        hashes, texts = gitrepo.snapshot(root, changes.before, wanted, documents.TEXT_SUFFIXES)
        return cls(changes.before, ref, frozenset(touched), hashes, texts, dict(changes.renamed))

    def document(self, path: str, kind: str = "post") -> documents.Document | None:
        """The previous version of a touched text file, parsed as `documents.read` parses it."""
        key = ("document", path, kind)
        if key not in self.memo:
            raw = self.texts.get(path)
            text = decode(raw).text if raw is not None else None
            self.memo[key] = documents.from_text(path, kind, text) if text is not None else None
        return self.memo[key]


def before_people(archive: Archive) -> dict | None:
    """The team register's people as the commit the change starts from held them, by id — when the
    change touches the register (None otherwise, or without a history): reviews in the same change
    count only keys and roles it held before (a register change is merged, and reviewed, on its own)."""
    history = archive.history
    if history is None or TEAM not in history.touched:
        return None
    if "people" not in history.memo:
        doc = history.document(TEAM, "team")  # None in a first commit: no register before it to hold to
        people = items(doc, "people", Person) if doc is not None and doc.ok else []
        history.memo["people"] = {p.id: p for p in people if p.id} if doc is not None else None
    return history.memo["people"]


def before_post(archive: Archive, path: str) -> Post | None:
    """The post at `path` as it was before the change: its previous version when the change touched
    it, else the post as it is. None when there was no readable post there."""
    history = archive.history
    if history is not None and path in history.touched:
        doc = history.document(path)
    else:
        doc = archive.documents.get(path) or (archive.document(path) if archive.exists(path) else None)
    return Post(doc) if doc is not None and post_like(doc) else None


def before_files(archive: Archive) -> digest.Files:
    """The files of the previous version: the history's copy of a touched file, the archive's otherwise."""
    history = archive.history
    files = archive.memo.get("history.files")
    if files is None:
        current = digest.Files.current(archive)

        def file_hash(path: str) -> str | None:
            if history is not None and path in history.touched:
                return history.hashes.get(path)
            return current.file_hash(path)

        def version(path: str) -> str:
            if history is not None and path in history.touched:
                if path not in history.hashes:
                    return "missing"
                raw = history.texts.get(path)
                if raw is None:  # too large to be text: as `version_entry` says of such a file
                    return f"bytes sha256:{history.hashes[path]}"
                return digest.version_entry(raw=raw)
            return current.version(path)

        files = archive.memo["history.files"] = digest.Files(file_hash, version)
    return files


def before_manifest(archive: Archive, post: Post) -> bytes:
    """The manifest of the previous version `post` (from `before_post`)."""
    return digest.manifest_with(post, before_files(archive))


def covered(post: Post) -> set[str]:
    """Every path the post's digest reads besides the post itself."""
    return set(digest.version_paths(post)) | set(digest.covered_files(post))


def judged(archive: Archive) -> list[str]:
    """The paths (as before the change) of the posts whose history the change affects: each touched
    file that was a released post, and each unchanged released post whose digest covers a touched file.
    Finding the latter reads every post, so it is done only when the change modifies, deletes or renames
    a file that existed before and was not a post; a new file (a new post's images) costs nothing. A
    released post that named a file it lacked and now has it is left to the review rules (WM224)."""
    history = archive.history
    if history is None:
        return []
    if "judged" in archive.memo:
        return archive.memo["judged"]
    out: set[str] = set()
    others: set[str] = set()  # touched files that are not posts: a post may cover them
    for path in history.touched:
        if documents.kind_of(path) not in (None, "post"):
            continue  # a register, messages, metrics …: no digest covers them
        before = before_post(archive, path)
        if before is not None:
            if before.released:
                out.add(path)
        elif path in history.hashes:  # a file that was there: a released post may have covered it
            others.add(path)
    if others:
        for doc in archive._post_like_docs:
            if doc.path in history.touched:
                continue
            post = Post(doc)
            if post.released and covered(post) & others:
                out.add(doc.path)
    archive.memo["judged"] = sorted(out)
    return archive.memo["judged"]


NOTED = ("team", "policy-disclosure", "policy-calendar", "policy-publishing", "policy-messages")


def register_changes(archive: Archive) -> list[tuple[str, Text]]:
    """(path, what changed) for each team register or policy file the change touches: these decide who
    may review, sign off and approve corrections, and what may be published, so a pull request says so
    beside its findings (they are not findings: changing them is allowed, and reviewed as any change)."""
    changes = archive.history
    out: list[tuple[str, Text]] = []
    if changes is None:
        return out
    calendars = {p: "policy-calendar" for p in changes.touched if documents.kind_of(p) == "policy-calendar"}
    for path, kind in sorted({**documents.REGISTER_PATHS, **calendars}.items()):
        if kind not in NOTED or path not in changes.touched:
            continue
        now = archive.document(path) if archive.exists(path) else None
        was = changes.document(path, kind)
        if kind == "team":
            what, what_en = _people_changes(was, now)
            name, name_en = "团队名册", "the team register"
            reason = Text(
                "名册决定谁能审核、签发和批准更正，请确认这项改动已由运营管理岗核对（5.1）。",
                "it decides who may review, sign off and approve corrections: make sure a manager has checked "
                "this change (5.1).",
            )
        else:
            what, what_en = ("", "")
            name, name_en = "政策文件", "the policy file"
            reason = (
                Text(
                    "工作日历决定咨询留言的答复期限，请确认日期已由运营管理岗对照国务院办公厅的通知核对（5.4 a）。",
                    "it sets the working days that inquiries are answered within: make sure a manager has checked "
                    "the dates against the State Council's notice (5.4 a).",
                )
                if kind == "policy-calendar"
                else Text(
                    "政策决定哪些内容可以公开、怎样发布，请确认这项改动已由运营管理岗核对。",
                    "it decides what may be published and how: make sure a manager has checked this change.",
                )
            )
        if now is None:
            state, state_en = "被删除", "is deleted"
        elif was is None:
            state, state_en = "是新加的", "is new"
        else:
            state, state_en = "有改动", "changes"
        detail = f"（{what}）" if what else ""
        detail_en = f" ({what_en})" if what_en else ""
        out.append(
            (
                path,
                Text(
                    f"{name} {path} {state}{detail}：{reason.zh}",
                    f"{name_en} {path} {state_en}{detail_en}: {reason.en}",
                ),
            )
        )
    return out


def _people_changes(was: documents.Document | None, now: documents.Document | None) -> tuple[str, str]:
    """Who the team register adds, removes or changes (and which fields), in words."""

    def people(doc: documents.Document | None) -> dict[str, dict]:
        data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
        listed = data.get("people") if isinstance(data.get("people"), list) else []
        return {p["id"]: p for p in listed if isinstance(p, dict) and isinstance(p.get("id"), str)}

    old, new = people(was), people(now)
    zh, en = [], []
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    if added:
        zh.append(f"新增 {'、'.join(added)}")
        en.append(f"adds {', '.join(added)}")
    if removed:
        zh.append(f"删除 {'、'.join(removed)}")
        en.append(f"removes {', '.join(removed)}")
    for pid in sorted(set(old) & set(new)):
        fields = sorted(
            k
            for k in set(old[pid]) | set(new[pid])
            if digest.canonical_json(old[pid].get(k)) != digest.canonical_json(new[pid].get(k))
        )
        if fields:
            zh.append(f"修改 {pid} 的 {'、'.join(fields)}")
            en.append(f"changes {', '.join(fields)} of {pid}")
    return "；".join(zh), "; ".join(en)
