"""Signing a review: who may sign which stage of a post on a day, what waits for whom, and the one edit
`wemedia review sign` makes to the post — its review entry, every other byte as it was.

The refusals here are the review rules (rules/trail.py) asked before signing rather than after: a
signature the rules would reject is never written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wemedia import clock, digest, labels, signatures
from wemedia.documents import Document
from wemedia.i18n import Text
from wemedia.model import Post, Review
from wemedia.rules import trail

STAGES = ("first", "second", "signoff")
NEEDS = {"first": (), "second": ("first",), "signoff": ("first", "second"), "correction": ()}


def current_entries(post: Post, archive, stage: str) -> list[Review]:
    """The entries of `stage` that count now: signed with a registered key valid that day, over the
    post's current digest."""
    key = ("current_entries", post.doc.path, stage)  # asked once per person by `review status`
    if key not in archive.memo:
        now = digest.post_digest(post, archive)
        entries = trail.signed_corrections(post) if stage == "correction" else post.reviews
        archive.memo[key] = [
            r
            for r in entries
            if r.stage == stage
            and r.get("digest") == now
            and trail.signature_problem(post, archive, r, stage) is None
            and trail.role_problem(post, archive, r, stage) is None
        ]
    return archive.memo[key]


def waiting_for(post: Post, archive) -> str | None:
    """The next stage a post in review waits for (None when nothing is missing)."""
    return next((s for s in STAGES if not current_entries(post, archive, s)), None)


def queue(archive, day: date) -> tuple[list[tuple[Post, str, list[str]]], int]:
    """What waits: (post, the stage it waits for, who may do it on `day`) for each post handed over for
    review and not released, by path; and how many drafts there are (not handed over: nobody may review
    them). `wemedia review status` and the site's review queue read it."""
    rows, drafts = [], 0
    for post in sorted(archive.posts, key=lambda p: p.doc.path):
        if post.released or not post.doc.ok:
            continue
        if post.status == "draft":
            drafts += 1
            continue
        stage = waiting_for(post, archive)
        if stage is None:
            continue
        may = [
            person.id
            for person in archive.people.values()
            if person.keys_on(day) and refusal(post, archive, stage, person.id, day) is None
        ]
        rows.append((post, stage, may))
    return rows, drafts


def refusal(post: Post, archive, stage: str, reviewer: str, day: date, key: str | None = None) -> Text | None:
    """Why `reviewer` may not sign `stage` of `post` on `day` (with public `key`), or None if they may."""
    person = archive.people.get(reviewer)
    zh = trail.STAGE[stage][0]
    if day > clock.today():
        return Text(
            f"{zh}时间（{day}）晚于今天（{clock.today()}）：只能记录已经做过的审核。",
            f"the time of the {trail.STAGE[stage][1]} ({day}) is later than today ({clock.today()}).",
        )
    created = clock.day_of(post.get("created"))
    if created is not None and day < created:
        return Text(
            f"{zh}时间（{day}）早于文章的创建日期（{created}）；请写实际的审核时间。",
            f"the time of the {trail.STAGE[stage][1]} ({day}) is before the post was created ({created}).",
        )
    if person is None:
        return Text(
            f"“{reviewer}”不在团队名册中；请先由运营管理岗用 wemedia team add 登记。",
            f"'{reviewer}' is not in the team register; a manager adds them with wemedia team add.",
        )
    library, role = post.text("library"), trail.ROLE[stage]
    if stage != "correction" and post.status == "draft":
        return Text(
            f"这篇文章还是草稿（status: draft）；作者写完后把 status 改为 in-review（待审），再{zh}。",
            "the post is still a draft (status: draft); once written, its author sets status: in-review.",
        )
    if stage != "correction" and post.first_published is not None:
        return Text(
            f"这篇文章已经发布，不能事后补{zh}；发布后的改动请记录为更正（corrections），由运营管理岗批准。",
            f"the post is already published and cannot get a {trail.STAGE[stage][1]} afterwards; record a "
            "correction approved by a manager instead.",
        )
    if not person.holds(role, library, day):
        role_zh = labels.label("team.role", role)
        return Text(
            f"{trail.named(archive, reviewer)}在 {day} 不是 {library} 的{role_zh}（{role}），不能{zh}；"
            f"请由该馆的{role_zh}签名。",
            f"'{reviewer}' does not hold the {role} role for library '{library}' on {day}; someone who does must sign.",
        )
    if stage in ("first", "second") and trail.same_person(archive, reviewer, post.text("author")):
        return Text(
            f"{trail.named(archive, reviewer)}是这篇文章的作者，不能审核自己的文章；请由其他审核人{zh}。",
            f"'{reviewer}' is the author and cannot review their own post; another reviewer must.",
        )
    other = {"first": "second", "second": "first"}.get(stage)
    if other and any(trail.same_person(archive, reviewer, r.reviewer) for r in post.reviews if r.stage == other):
        return Text(
            f"{trail.named(archive, reviewer)}已经做了{trail.STAGE[other][0]}；初审和复审须由两个不同的人完成。",
            f"'{reviewer}' already did the {trail.STAGE[other][1]}; two different people must review.",
        )
    valid = current_entries(post, archive, stage) if stage != "correction" else []
    if any(r.reviewer != reviewer for r in valid):
        other = next(r.reviewer for r in valid if r.reviewer != reviewer)
        return Text(
            f"这篇文章已有{trail.named(archive, other)}的有效{zh}，不需要再{zh}；签名会替换那条记录，所以没有写入。",
            f"the post already has a valid {trail.STAGE[stage][1]} by '{other}'; signing would replace it.",
        )
    for needed in NEEDS[stage]:
        if not current_entries(post, archive, needed):
            n = trail.STAGE[needed][0]
            return Text(
                f"这篇文章还没有有效的{n}（已签名、且之后内容没有改动）；请先完成{n}，再{zh}。",
                f"the post has no valid {trail.STAGE[needed][1]} yet (signed, with nothing changed since); "
                "complete it first.",
            )
    if key is not None and not person.key_valid_on(key, day):
        return Text(
            f"这把公钥不是{trail.named(archive, reviewer)}在 {day} 有效的登记公钥；请用本人登记的私钥签名，"
            "或由运营管理岗用 wemedia team add 登记新公钥。",
            f"this key is not a key of '{reviewer}' registered and valid on {day}; sign with their registered key, "
            "or have a manager register the new key with wemedia team add.",
        )
    return None


@dataclass(frozen=True)
class Entry:
    stage: str
    reviewer: str
    at: str
    digest: str
    signature: str
    checks: tuple[str, ...] = signatures.CHECKS

    def lines(self, indent: str) -> list[str]:
        """The entry as a block-style YAML list item at `indent` (the column of its dash)."""
        inner = indent + "  "
        out = [
            f"{indent}- stage: {self.stage}",
            f"{inner}reviewer: {self.reviewer}",
            f"{inner}at: {self.at}",
            f"{inner}checks: [{', '.join(self.checks)}]",
            f"{inner}digest: {self.digest}",
            f"{inner}signature: |",
        ]
        out += [f"{inner}  {line}" for line in self.signature.strip("\n").split("\n")]
        return out


class CannotEdit(Exception):
    def __init__(self, message: Text):
        super().__init__(message.en)
        self.message = message


def with_entry(doc: Document, entry: Entry) -> bytes:
    """The post's bytes with `entry` in its `reviews`: replacing the one entry of its stage, or added
    after the last entry (or as a new `reviews` list at the end of the front-matter). Every byte outside
    that entry — comments, quoting, other entries, the body, BOM and line ends — is kept."""
    lines = _lines(doc)
    spans = doc.spans()
    same = [i for i, r in Post(doc).list_of("reviews") if r.get("stage") == entry.stage]
    if len(same) > 1:
        z = trail.STAGE[entry.stage][0]
        raise CannotEdit(
            Text(
                f"reviews 中有 {len(same)} 条{z}记录；请先删除作废的记录，只留一条，再签名。",
                f"reviews holds {len(same)} {entry.stage} entries; delete the void ones first, then sign.",
            )
        )
    items = Post(doc).get("reviews")
    if ("reviews",) in spans and isinstance(items, list) and spans[("reviews",)][0] > spans[("reviews", None)][0]:
        # a block list: replace the stage's entry, or add after the last one
        start_line = spans[("reviews", 0)][0] if items else None
        indent = _dash_indent(lines[start_line - 1], spans[("reviews", 0)][1]) if items else "  "
        if same:
            first, last = _item_lines(spans, ("reviews", same[0]))
            lines[first - 1 : last] = entry.lines(indent)
        else:
            _, last = _item_lines(spans, ("reviews", len(items) - 1))
            lines[last:last] = entry.lines(indent)
    elif ("reviews",) in spans:
        # `reviews: []` or a flow list: the same entries, one per line, then the new one
        key_line = spans[("reviews", None)][0]
        a, b, c, d = spans[("reviews",)]
        if (a, c) != (key_line, key_line):
            raise CannotEdit(
                Text(
                    "reviews 写成了跨行的方括号格式，无法只改动其中一条；请改成每条一行的列表格式后再签名。",
                    "reviews is a bracketed list over several lines; write it one entry per line, then sign.",
                )
            )
        line = lines[key_line - 1]
        text = line[b - 1 : d - 1]
        kept = [
            f"  - {line[spans[('reviews', i)][1] - 1 : spans[('reviews', i)][3] - 1]}"
            for i in range(len(items) if isinstance(items, list) else 0)
            if i not in same
        ]
        lines[key_line - 1 : key_line] = [line[: b - 1].rstrip() + line[d - 1 :], *kept, *entry.lines("  ")]
        if not text.startswith("["):
            raise CannotEdit(Text("reviews 不是列表；请改正后再签名。", "reviews is not a list; fix it, then sign."))
    else:
        closing = doc.body_line - 1 if doc.body_line else None
        if closing is None or lines[closing - 1].strip() != "---":
            raise CannotEdit(
                Text("找不到 front-matter 的结束行 ---。", "cannot find the closing --- of the front-matter.")
            )
        lines[closing - 1 : closing - 1] = ["reviews:", *entry.lines("  ")]
    return _bytes(doc, lines)


def with_correction_signature(doc: Document, index: int, entry: Entry) -> bytes:
    """The post's bytes with `checks`, `digest` and `signature` added to correction record `index` (a
    block mapping); every other byte kept."""
    lines = _lines(doc)
    spans = doc.spans()
    path = ("corrections", index)
    record = Post(doc).get("corrections")[index]
    if any(k in record for k in ("checks", "digest", "signature")):
        raise CannotEdit(
            Text(
                "这条更正记录已经有 checks、digest 或 signature；更正内容有变化时，请新增一条更正记录再签名。",
                "this correction already has checks, digest or signature; add a new correction record to sign.",
            )
        )
    first_key = min((k for k in spans if k[:2] == path and len(k) == 4 and k[-1] is None), key=lambda k: spans[k][:2])
    line, column = spans[first_key][:2]
    if lines[line - 1][: column - 1].rstrip().endswith("{") or spans[path][0] == spans[path][2]:
        raise CannotEdit(
            Text(
                "这条更正记录写在一行的花括号里；请改成每个字段一行的格式后再签名。",
                "this correction is written in braces on one line; write one field per line, then sign.",
            )
        )
    inner = " " * (column - 1)
    _, last = _item_lines(spans, path)
    added = [f"{inner}checks: [{', '.join(entry.checks)}]", f"{inner}digest: {entry.digest}", f"{inner}signature: |"]
    added += [f"{inner}  {text}" for text in entry.signature.strip("\n").split("\n")]
    lines[last:last] = added
    return _bytes(doc, lines)


def _lines(doc: Document) -> list[str]:
    """The file's lines without their line ends (the BOM left out), to splice whole lines."""
    lines = doc.raw.decode("utf-8-sig").split("\n")
    return [line.removesuffix("\r") for line in lines] if doc.newline == "\r\n" else lines


def _bytes(doc: Document, lines: list[str]) -> bytes:
    """`lines` joined back with the file's own line ends and BOM."""
    text = "\n".join(lines)
    if doc.newline == "\r\n":
        text = text.replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if doc.bom else b"") + text.encode("utf-8")


def _dash_indent(line: str, column: int) -> str:
    dash = line.rfind("-", 0, column - 1)
    return " " * max(dash, 0)


def _item_lines(spans: dict, path: tuple) -> tuple[int, int]:
    """First and last line (1-based) that hold part of the list item at `path`: a node's end mark may
    sit at the start of the next line, which is not part of it."""
    first = spans[path][0]
    inside = [key for key in spans if key[: len(path)] == path]
    parents = {key[:-1] for key in inside if key[-1] is not None} | {key[:-2] for key in inside if key[-1] is None}
    last = first
    for key in inside:
        if key in parents:
            continue  # a block collection's end mark is where the next token starts
        _, _, end_line, end_column = spans[key]
        last = max(last, end_line if end_column > 1 else end_line - 1)
    return first, last
