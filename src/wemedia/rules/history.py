"""WM230 — what was published stays on record (5.5.1): at commit time and in a pull request, a released
post is not deleted, renamed or moved back, and what its digest covers changes only with a new
correction record approved by a manager."""

from __future__ import annotations

import json

from wemedia import clock, digest, history, labels
from wemedia.findings import Problem
from wemedia.i18n import Text
from wemedia.model import Post, text
from wemedia.rules.registry import rule

# How far along a post is; a published post (status or a channel's record) may not go back.
_RANK = {"draft": 0, "in-review": 1, "approved": 2, "published": 3, "corrected": 3, "withdrawn": 4}
_SIGNATURE_FIELDS = ("digest", "signature")  # may be added to a record later (signing): not a change of it


def _name(post: Post) -> str:
    title = post.get("title")
    return f"《{title}》" if isinstance(title, str) and title.strip() else f"“{post.id}”"


def _name_en(post: Post) -> str:
    title = post.get("title")
    return f"'{title}'" if isinstance(title, str) and title.strip() else f"'{post.id}'"


@rule(
    "WM230",
    "5.5.1",
    "已签发或发布的文章不能被删除、改名、退回，已发布的内容只能经更正记录修改",
    "a released post is never deleted, renamed or moved back; published content changes only with a correction record",
    scope="archive",
    registers=("team", "libraries"),
)
def released_history(archive):
    """规则: 提交时（`--staged`，提交前钩子）和合并请求中（`--base`），与改动之前的版本相比：
      已签发或发布的文章（状态为 approved、published、corrected、withdrawn，或任一渠道已有发布时间或网址）
      不得删除，不得改名或移动（文章的编号就是它在 content/posts/ 下的路径）；
      已发布的文章状态不得退回（published、corrected 不能改回 approved、in-review、draft；withdrawn 不能改为其他状态）；
      已有的更正记录不得删改；摘要覆盖的内容（正文、除流程字段外的 front-matter、平台版本文件、素材和凭据文件的内容）
      有改动时，须在 `corrections` 中追加一条新的更正记录：写明 `reason`，`at` 晚于首次发布、不晚于今天，
      `approved_by` 在 `at` 当日担任该馆运营管理岗（manager）；追加的每条记录都须如此。
    原因: 5.5.1 要求发现错误时查证并更正或删除，而已发布的内容不能无声无息地改动或消失：读者看到过的版本、
      谁批准了修改、为什么修改，都要留在存档中。
    示例: 更正正文中的日期：改正文，同时追加
      `{at: 2026-10-22T11:00:00+08:00, kind: correction, reason: 日期写错, department: 读者服务部, approved_by: wang-fang}`；
      下线：保留文件，改为 `status: withdrawn` 并追加 `kind: withdrawal` 的记录。
    """
    changes = archive.history
    if changes is None:
        return
    for path in history.judged(archive):
        before = history.before_post(archive, path)
        if before is None:
            continue
        if path in changes.renamed:
            yield _renamed(before, path, changes.renamed[path])
        elif not archive.exists(path):
            yield _deleted(before, path, changes.ref)
        else:
            doc = archive.documents.get(path) or archive.document(path)
            if doc is None or doc.kind != "post" or not doc.ok or not isinstance(doc.data, dict):
                continue  # unreadable now: WM002/WM003 say so, and block the change
            if before.published:
                yield from _published_changes(archive, before, Post(doc))


def _deleted(before: Post, path: str, ref: str) -> Problem:
    restore = f"git checkout {ref} -- {path}"
    if before.published:
        message = Text(
            f"已发布的文章{_name(before)}被删除：已发布内容不能无声删除；请恢复文件（{restore}），"
            "改为 status: withdrawn 并在 corrections 中记录撤回原因、日期和批准人（5.5.1）。",
            f"the published post {_name_en(before)} is deleted: published content is never removed silently; "
            f"restore the file ({restore}), set status: withdrawn and record the withdrawal's reason, date and "
            "approver in corrections (5.5.1).",
        )
    else:
        message = Text(
            f"已签发的文章{_name(before)}被删除：签发过的文章不能无声删除；请恢复文件（{restore}）；"
            "不再发布时改回 status: in-review 或 draft，或改为 status: withdrawn 并在 corrections 中记录原因和批准人（5.5.1）。",
            f"the signed-off post {_name_en(before)} is deleted: a signed-off post is never removed silently; "
            f"restore the file ({restore}); if it will not be published, set status back to in-review or draft, "
            "or set status: withdrawn and record the reason and approver in corrections (5.5.1).",
        )
    return Problem(message, path=path, line=1, column=1)


def _renamed(before: Post, path: str, new: str) -> Problem:
    state, state_en = ("已发布", "published") if before.published else ("已签发", "signed-off")
    if new.startswith("content/posts/"):
        where, where_en = f"被改名为 {new}", f"is renamed to {new}"
    else:
        where, where_en = f"被移出 content/posts/（到 {new}）", f"is moved out of content/posts/ (to {new})"
    return Problem(
        Text(
            f"{state}的文章{_name(before)}{where}：文章的编号就是它的路径，签名、链接和存档都按编号查找，"
            f"改名等于删除原文章；请改回原路径（git mv {new} {path}）（5.5.1）。",
            f"the {state_en} post {_name_en(before)} {where_en}: a post's id is its path, and signatures, links "
            f"and the archive find it by that id, so a rename deletes the original; move it back "
            f"(git mv {new} {path}) (5.5.1).",
        ),
        path=path,
        line=1,
        column=1,
    )


def _records(post: Post) -> list[dict]:
    """Each correction record of the previous version."""
    return [c for _, c in post.list_of("corrections")]


def _same_record(was: dict, now: dict) -> bool:
    """Whether `now` is the record `was`, unchanged. Signing adds `digest` and `signature` to a record
    that had none (not a change of it); once there, they are part of it like any other field."""
    signed = any(k in was for k in _SIGNATURE_FIELDS)
    drop = () if signed else _SIGNATURE_FIELDS
    return digest.canonical_json({k: v for k, v in was.items() if k not in drop}) == digest.canonical_json(
        {k: v for k, v in now.items() if k not in drop}
    )


def _published_changes(archive, before: Post, after: Post):
    """Status moved back, correction records removed, new records that do not hold, content changed
    without a valid new record — for a post that was published before the change."""
    old, new = before.status, after.status
    if old != new and (old == "withdrawn" or _RANK.get(new or "", -1) < _RANK.get(old or "", -1)):
        yield _moved_back(before, after)
    yield from _publication_records(before, after)
    kept = _records(before)
    fresh = []
    for i, record in after.list_of("corrections"):
        match = next((k for k in kept if _same_record(k, record)), None)
        if match is not None:
            kept.remove(match)
        elif not any(_same_record({k: v for k, v in k_.items() if k not in _SIGNATURE_FIELDS}, record) for k_ in kept):
            fresh.append(i)  # a re-signed old record is an altered one (reported below), never a new one
    if kept:
        yield Problem(
            Text(
                f"已发布的文章{_name(after)}原有的 {len(kept)} 条更正记录被删除或改动：更正记录是发布历史的一部分，"
                "不能删改；请恢复原记录，新的更正请追加一条（5.5.1）。",
                f"{len(kept)} earlier correction record(s) of the published post {_name_en(after)} were removed or "
                "altered: they are part of its history and are never edited; restore them and add a new record "
                "for a new correction (5.5.1).",
            ),
            at=("corrections",) if after.get("corrections") else (),
            path=after.doc.path,
        )
    valid = False
    records = dict(after.list_of("corrections"))
    for i in fresh:
        defects = _defects(archive, before, after, records[i])
        if defects:
            zh, en = zip(*defects, strict=True)
            yield Problem(
                Text(
                    f"追加的更正记录（corrections 第 {i + 1} 条）不成立：{'；'.join(zh)}（5.5.1）。",
                    f"the new correction record (corrections item {i + 1}) does not hold: {'; '.join(en)} (5.5.1).",
                ),
                at=("corrections", i),
                path=after.doc.path,
            )
        else:
            valid = True
    was, now = history.before_manifest(archive, before), digest.manifest(after, archive)
    if was != now and not valid:
        zh, en = _what_changed(before, after, was, now)
        record = "有效的新更正记录" if fresh else "新的更正记录"
        record_en = "a valid new correction record" if fresh else "a new correction record"
        yield Problem(
            Text(
                f"已发布的文章{_name(after)}的{zh}被改动，但没有{record}：已发布的内容不能无声修改；请在 corrections 中"
                "追加一条更正记录（kind: correction，写明 reason 原因、at 时间（首次发布之后）、approved_by 当日在岗的运营管理岗），"
                f"由批准人签名（wemedia review sign {after.doc.path} --stage correction），或撤销这次改动（5.5.1）。",
                f"{en} of the published post {_name_en(after)} changed without {record_en}: published content is "
                "never changed silently; add a record to corrections (kind: correction, with reason, at — after "
                "the first publication — and approved_by, a manager in post that day), signed by its approver "
                f"(wemedia review sign {after.doc.path} --stage correction), or undo the change (5.5.1).",
            ),
            at=("corrections",) if after.get("corrections") else (),
            path=after.doc.path,
        )


def _publication_records(before: Post, after: Post):
    """A channel's record of where and when the post went out stays: a publication time or URL, once
    written, is never removed (a value may be corrected). A withdrawn post keeps them too: the withdrawal
    is recorded beside them."""
    now = [c for _, c in after.list_of("channels")]
    for _, channel in before.list_of("channels"):
        had = [f for f in ("published", "url") if channel.get(f)]
        if not had:
            continue
        account = text(channel, "account")
        # the same account's channel still carrying what this one carried (a value may be corrected)
        same = [c for c in now if text(c, "account") == account]
        keeps = next((c for c in same if all(c.get(f) for f in had)), None)
        if keeps is not None:
            now.remove(keeps)
            continue
        lost = [f for f in had if not any(c.get(f) for c in same)] or had
        if lost:
            fields = "、".join(lost)
            yield Problem(
                Text(
                    f"已发布的文章{_name(after)}在渠道“{account}”的发布记录（{fields}）被删除：发布记录是发布历史的一部分，"
                    "不能删改，否则文章就像没有发布过；请恢复原记录；要下线请改为 status: withdrawn 并在 corrections 中记录撤回（5.5.1）。",
                    f"the publication record ({', '.join(lost)}) of the published post {_name_en(after)} on "
                    f"'{account}' was removed: it is part of the post's history; restore it; to take the "
                    "post down, set status: withdrawn and record the withdrawal in corrections (5.5.1).",
                ),
                at=("channels",) if after.get("channels") else (),
                path=after.doc.path,
            )


def _moved_back(before: Post, after: Post) -> Problem:
    old = labels.text("post.status", before.status)
    new = labels.text("post.status", after.status) if after.status else Text("（无）", "(none)")
    if before.status == "withdrawn":
        remedy = Text(
            "撤回的文章不能恢复；需要重新发布时请新建一篇文章，并在正文中说明",
            "a withdrawn post is not revived; to publish again, write a new post and say so in it",
        )
    else:
        remedy = Text(
            "需要更正请保留已发布状态并追加更正记录（status: corrected），需要下线请改为 status: withdrawn 并在 corrections 中记录撤回",
            "to correct it, keep it published and add a correction record (status: corrected); to take it "
            "down, set status: withdrawn and record the withdrawal in corrections",
        )
    return Problem(
        Text(
            f"已发布的文章{_name(after)}的状态从“{old.zh}”退回到“{new.zh}”：已发布的内容不能退回；{remedy.zh}（5.5.1）。",
            f"the published post {_name_en(after)} went back from status '{old.en}' to '{new.en}': published "
            f"content does not go back; {remedy.en} (5.5.1).",
        ),
        at=("status",),
        path=after.doc.path,
    )


def _defects(archive, before: Post, after: Post, record: dict) -> list[tuple[str, str]]:
    """What keeps a new correction record from counting: its reason, its time, its approver."""
    out = []
    if not (isinstance(record.get("reason"), str) and record["reason"].strip()):
        out.append(("没有写明原因（reason）", "it gives no reason"))
    at = record.get("at")
    moment, first = clock.moment_of(at), before.first_published
    if moment is None:
        out.append(("没有可读的时间（at），应写成 2026-10-22T11:00:00+08:00", "it has no readable time (at)"))
    elif first is not None and moment <= first:
        out.append(
            (
                f"时间 {at} 不晚于首次发布（{first.isoformat()}）",
                f"its time {at} is not after the first publication ({first.isoformat()})",
            )
        )
    elif moment.astimezone(clock.SHANGHAI).date() > clock.today():
        out.append((f"时间 {at} 晚于今天（{clock.today()}）", f"its time {at} is later than today ({clock.today()})"))
    if record.get("signature") is None or record.get("digest") is None:
        out.append(
            (
                f"没有批准人的签名：请批准人运行 wemedia review sign {after.doc.path} --stage correction",
                f"its approver has not signed it: the approver runs wemedia review sign {after.doc.path} --stage correction",
            )
        )
    approver, library = text(record, "approved_by"), after.text("library")
    day = clock.day_of(at)
    person = archive.people.get(approver) if approver else None
    if approver is None:
        out.append(("没有批准人（approved_by）", "it names no approver (approved_by)"))
    elif person is None:
        out.append((f"批准人“{approver}”不在团队名册中", f"the approver '{approver}' is not in the team register"))
    elif day is not None and not person.holds("manager", library, day):
        known = archive.libraries.get(library) if library else None
        name = (
            f"{known.get('name')}（{library}）" if known is not None and known.get("name") else f"“{library or '本馆'}”"
        )
        out.append(
            (
                f"批准人“{approver}”在 {day} 不是{name}的运营管理岗（manager），更正须由当日在岗的运营管理岗批准",
                f"the approver '{approver}' did not hold the manager role at {library or 'the library'} on {day}; "
                "a manager in post that day must approve a correction",
            )
        )
    return out


def _what_changed(before: Post, after: Post, was: bytes, now: bytes) -> tuple[str, str]:
    """What differs between two manifests, in words: front-matter fields, the body, files."""
    zh, en = [], []
    old_fields, new_fields = digest.content_fields(before.data), digest.content_fields(after.data)
    names = sorted(
        k
        for k in set(old_fields) | set(new_fields)
        if digest.canonical_json(old_fields.get(k)) != digest.canonical_json(new_fields.get(k))
        or (k in old_fields) != (k in new_fields)
    )
    if names:
        zh.append("字段" + "、".join(f"“{n}”" for n in names))
        en.append(f"the field(s) {', '.join(names)}")
    if digest.canonical_text(before.doc.body) != digest.canonical_text(after.doc.body):
        zh.append("正文")
        en.append("the body")
    old_entries, new_entries = _entries(was), _entries(now)
    for kind, word, word_en in (("version", "平台版本", "the version"), ("file", "文件", "the file")):
        paths = sorted(
            path
            for k, path in set(old_entries) | set(new_entries)
            if k == kind and old_entries.get((k, path)) != new_entries.get((k, path))
        )
        if paths:
            zh.append(word + "、".join(f"“{p}”" for p in paths))
            en.append(f"{word_en} {', '.join(paths)}")
    if not zh:
        zh, en = ["内容"], ["the content"]
    return "、".join(zh), "; ".join(en)


def _entries(manifest: bytes) -> dict[tuple[str, str], str]:
    """(kind, path) → what the manifest says of each version and file line."""
    decoder, out = json.JSONDecoder(), {}
    for line in manifest.decode("utf-8").splitlines():
        kind, _, rest = line.partition(" ")
        if kind in ("version", "file"):
            path, end = decoder.raw_decode(rest)
            out[(kind, path)] = rest[end:].strip()
    return out
