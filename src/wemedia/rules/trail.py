"""WM220–WM224 — the review trail (5.3.2, 5.3.3.1): two reviews and a sign-off by the right people at
the right time, in order, each an SSH signature over the digest of exactly what was reviewed.

Nothing here trusts a field because it says so: every entry of every stage is judged, roles and keys
are those the signer held on the entry's day, and a signature counts only when it verifies against
the team register in its stage's namespace over the post's current digest.
"""

from __future__ import annotations

from wemedia import ahead, clock, digest, history, labels, model, signatures
from wemedia.findings import Problem
from wemedia.i18n import Text
from wemedia.model import Review
from wemedia.rules.registry import rule

STAGE = {
    "first": ("初审", "first review"),
    "second": ("复审", "second review"),
    "signoff": ("签发", "sign-off"),
    "correction": ("更正批准", "correction approval"),
}
ROLE = {"first": "reviewer", "second": "reviewer", "signoff": "manager", "correction": "manager"}


def named(archive, person_id: str | None) -> str:
    """“李娜（li-na）” for a registered person, the id as written otherwise."""
    person = archive.people.get(person_id) if person_id else None
    name = person.text("name") if person is not None else None
    note = person.text("note") if person is not None else None
    return f"{name}（{person_id}{'，' + note if note else ''}）" if name else f"“{person_id}”"


def same_person(archive, a: str | None, b: str | None) -> bool:
    """Whether two ids stand for one person (model.same_person); an id not in the register is only itself."""
    if not a or not b:
        return False
    return a == b or model.same_person(archive.people.get(a), archive.people.get(b))


def _stage_entries(post, stage: str) -> list[Review]:
    return [r for r in post.reviews if r.stage == stage]


def _missing_stage(post, stage: str, who: Text) -> Problem:
    zh, en = STAGE[stage]
    status = labels.labelled("post.status", post.status) if post.status else "（未写）"
    return Problem(
        Text(
            f"文章已签发或已发布（状态“{status}”或渠道已有发布时间、网址），但没有{zh}记录；请由{who.zh}{zh}"
            f"（wemedia review sign {post.doc.path} --stage {stage}）。",
            f"the post is released (status '{post.status}' or a channel's publication time or URL) but has no "
            f"{en}; {who.en} must do it (wemedia review sign {post.doc.path} --stage {stage}).",
        ),
        at=("reviews",) if post.get("reviews") else ("status",) if post.get("status") else ("title",),
        key=not post.get("reviews") and not post.get("status"),
    )


def role_problem(post, archive, review: Review, stage: str) -> Problem | None:
    """The entry's signer must hold the stage's role for the post's library on the entry's day; the
    message says which of the ways it failed: not in post, the role at another library only, outside
    the role's own dates, or no such role at all."""
    person = archive.people.get(review.reviewer)
    day, library, role = review.day, post.text("library"), ROLE[stage]
    field = "approved_by" if stage == "correction" else "reviewer"
    if person is None or day is None:
        return None
    zh, en = STAGE[stage]
    role_zh = f"{labels.label('team.role', role)}（{role}）"
    if person.holds(role, library, day):
        earlier = history.before_people(archive)
        was = earlier.get(review.reviewer) if earlier is not None else person
        if was is not None and was.holds(role, library, day):
            return None
        return Problem(
            Text(
                f"{zh}人{named(archive, review.reviewer)}的{role_zh}岗位是这次改动才写进团队名册的：审核只认改动之前名册中"
                "已有的岗位；请先把团队名册的改动单独提交，由运营管理岗审核合并后，再审核这篇文章。",
                f"the {role} role of '{review.reviewer}' is added to the team register by this very change: reviews "
                "count only roles the register held before it; merge the register change on its own first.",
            ),
            at=review.path + (field,),
        )
    if not person.active_on(day):
        start, end = person.active_period
        why = Text(
            f"不在岗（团队名册中在岗期间为 {start or '…'} 至 {end or '…'}）",
            f"was not in post (in post {start or '…'} to {end or '…'} in the team register)",
        )
    elif role in person.roles_on(day):
        elsewhere = "、".join(sorted(lib for lib in person.libraries if person.holds(role, lib, day)))
        why = Text(f"是 {elsewhere} 的{role_zh}，不是 {library} 的", f"held {role} at {elsewhere}, not at {library}")
    elif role in person.roles:
        why = Text(f"不在{role_zh}的任期内", f"was outside the dates of their {role} role")
    else:
        why = Text(f"在团队名册中没有{role_zh}岗位", f"holds no {role} role in the team register")
    return Problem(
        Text(
            f"{zh}人{named(archive, review.reviewer)}在{zh}当日（{day}）{why.zh}；{zh}须由当时在 {library} 担任"
            f"{role_zh}的人员完成：请由这样的人重新{zh}，或按实际任职改正团队名册中的岗位及日期。",
            f"the {en} is by '{review.reviewer}', who on its day ({day}) {why.en}; someone holding the {role} role "
            f"for '{library}' then must redo it, or correct the team register.",
        ),
        at=review.path + (field,),
    )


@rule(
    "WM220",
    "5.3.2",
    "签发或发布的文章必须有两位不同审核人的初审和复审",
    "released posts carry first and second reviews by two people",
    registers=("team",),
)
def two_reviews(post, archive):
    """规则: 已签发或已发布的文章（状态为 approved、published、corrected、withdrawn，或任一渠道已有发布时间或网址）
      须有 `first`（初审）和 `second`（复审）记录。每一条初审、复审记录都要判断，不只看最后一条：审核人不是作者，
      初审人和复审人不是同一个人（名册中同名、同公钥的两个编号算同一个人），且在审核当日担任该馆的审核岗（reviewer）。
    原因: 5.3.2 要求内容至少经过初审、复审；自己审自己、一人审两次或由不在岗的人审核，都等于没有审核。
    示例: `reviews: [{stage: first, reviewer: li-na, …}, {stage: second, reviewer: chen-jing, …}]`
    """
    if post.released:
        for stage in ("first", "second"):
            if not _stage_entries(post, stage):
                yield _missing_stage(post, stage, Text("审核岗人员", "a reviewer"))
    author = post.text("author")
    firsts = _stage_entries(post, "first")
    for stage in ("first", "second"):
        zh, en = STAGE[stage]
        for review in _stage_entries(post, stage):
            if same_person(archive, review.reviewer, author):
                yield Problem(
                    Text(
                        f"{zh}人{named(archive, review.reviewer)}是作者{named(archive, author)}本人；审核须由他人完成。",
                        f"the {en} is by the author ('{review.reviewer}' is '{author}'); someone else must review.",
                    ),
                    at=review.path + ("reviewer",),
                )
                continue
            if stage == "second" and any(same_person(archive, review.reviewer, f.reviewer) for f in firsts):
                yield Problem(
                    Text(
                        f"初审和复审是同一个人（{named(archive, review.reviewer)}）；复审须由另一位审核人完成。",
                        f"the first and second review are by the same person ('{review.reviewer}'); another "
                        "reviewer must do the second.",
                    ),
                    at=review.path + ("reviewer",),
                )
                continue
            problem = role_problem(post, archive, review, stage)
            if problem:
                yield problem


@rule(
    "WM221",
    "5.3.3.1",
    "签发或发布的文章必须由运营管理岗签发",
    "released posts are signed off by a manager",
    registers=("team",),
)
def signed_off(post, archive):
    """规则: 已签发或已发布的文章须有 `signoff`（签发）记录；每一条签发记录的签发人在签发当日担任该馆的运营管理岗（manager）。
    原因: 5.3.3.1 要求内容发布经运营管理人员签发；岗位交接后，交接前的签发仍按当时的岗位判断。
    示例: `{stage: signoff, reviewer: wang-fang, at: 2026-09-03T10:00:00+08:00, …}`
    """
    if post.released and not _stage_entries(post, "signoff"):
        yield _missing_stage(post, "signoff", Text("运营管理岗", "an operations manager"))
    for review in _stage_entries(post, "signoff"):
        problem = role_problem(post, archive, review, "signoff")
        if problem:
            yield problem


_ORDER = ("first", "second", "signoff")


@rule(
    "WM222",
    "5.3.2",
    "审核按顺序进行：创建、初审、复审、签发、发布",
    "reviews happen in order: created, first, second, sign-off, publication",
)
def in_order(post, archive):
    """规则: 创建日期 ≤ 初审 ≤ 复审 ≤ 签发 ≤ 首次发布时间；每一条记录都要判断。没有初审就不能有复审，
      没有初审和复审就不能有签发。
    原因: 5.3.2、5.3.3.1 规定先审后发；复审早于初审、签发早于审核或发布后才补审核，都说明流程没有走完。
    示例: `created: 2026-09-01` → 初审 `2026-09-01T10:05+08:00` → 复审 `2026-09-02T16:40+08:00` → 签发 `…17:30` → 发布 `2026-09-03T08:00+08:00`
    """
    present = {stage: _stage_entries(post, stage) for stage in _ORDER}
    for later, needs in (("second", ("first",)), ("signoff", ("first", "second"))):
        lacking = [s for s in needs if not present[s]]
        for review in present[later] if lacking else ():
            names = "和".join(STAGE[s][0] for s in lacking)
            yield Problem(
                Text(
                    f"有{STAGE[later][0]}记录，却没有{names}；请先完成{names}，再{STAGE[later][0]}。",
                    f"there is a {STAGE[later][1]} but no {' or '.join(STAGE[s][1] for s in lacking)}; "
                    "complete them first.",
                ),
                at=review.path + ("stage",),
            )
    created = post.get("created")
    floor = clock.moment_of(created)
    if floor is not None:  # `created` is a day: a review that same day is in order
        floor_label, floor_day = Text(f"创建日期 {created}", f"the creation date {created}"), floor.date()
    earlier: list[tuple[str, Review]] = []
    published = post.first_published
    for stage in _ORDER:
        for review in present[stage]:
            moment = review.moment
            if moment is None:
                continue  # the schema reports an unreadable time
            zh, en = STAGE[stage]
            if floor is not None and review.day is not None and review.day < floor_day:
                yield Problem(
                    Text(
                        f"{zh}时间 {review.at} 早于{floor_label.zh}；请核对并改正时间（改动后须重新签名）。",
                        f"the {en} time {review.at} is before {floor_label.en}; check and correct it (then sign again).",
                    ),
                    at=review.path + ("at",),
                )
            for before_stage, before in earlier:
                if before.moment is not None and moment < before.moment:
                    yield Problem(
                        Text(
                            f"{zh}时间 {review.at} 早于{STAGE[before_stage][0]}时间 {before.at}；"
                            f"{zh}须在{STAGE[before_stage][0]}之后：请按实际顺序重新{zh}。",
                            f"the {en} time {review.at} is before the {STAGE[before_stage][1]} ({before.at}); "
                            f"redo the {en} after it.",
                        ),
                        at=review.path + ("at",),
                    )
                    break
            if review.day is not None and review.day > clock.today():
                yield Problem(
                    Text(
                        f"{zh}时间 {review.at} 晚于今天（{clock.today()}）：审核记录只能记已经做过的审核；请改正时间后重新签名。",
                        f"the {en} time {review.at} is later than today ({clock.today()}): a review is recorded "
                        "once it has been done; correct the time and sign again.",
                    ),
                    at=review.path + ("at",),
                )
            if published is not None and moment > published:
                yield Problem(
                    Text(
                        f"{zh}时间 {review.at} 晚于首次发布时间（{published.isoformat()}）；发布前必须完成审核和签发，"
                        "事后补记不能代替审核：请在 corrections 中如实记录，并由运营管理岗处理。",
                        f"the {en} time {review.at} is after the first publication ({published.isoformat()}); "
                        "reviews must come before publication and cannot be added afterwards: record it in "
                        "corrections and have a manager deal with it.",
                    ),
                    at=review.path + ("at",),
                )
        earlier.extend((stage, r) for r in present[stage])


@rule(
    "WM223",
    "5.3.2",
    "每条审核记录都须由审核人本人的登记公钥签名，并声明四项审核",
    "every review entry is signed with the reviewer's registered key and attests the four checks",
    registers=("team",),
)
def signature_valid(post, archive):
    """规则: `reviews` 中的每一条记录（以及带签名的更正记录）须有 `digest` 和 `signature`：签名须能用团队名册中
      审核人本人、在审核当日有效的公钥验证，使用该环节的签名命名空间，签名内容为环节、文章、摘要、审核人、时间和
      所声明的审核项；`checks` 须包含 5.3.2 a–d 四项（facts 真实准确、authorization 授权、copyright 版权、
      disclosure 不宜公开信息）。签名由 `wemedia review sign` 生成。
    原因: 审核记录只是 YAML 中的几行字，谁都能写；只有本人私钥做出的签名才能证明确实由此人审核了这份内容。
    示例: `wemedia review sign content/posts/2026/09/a.md --stage first` 会写入 `digest` 和 `signature`。
    """
    for review in [*post.reviews, *signed_corrections(post)]:
        stage = review.stage
        if stage not in signatures.NAMESPACES:
            continue  # the schema reports an unknown stage
        zh, en = STAGE[stage]
        lacking = [c for c in signatures.CHECKS if c not in review.checks]
        if lacking and review.get("signature") is not None:  # unsigned: signing writes all four
            yield Problem(
                Text(
                    f"{zh}记录没有声明审核项：{'、'.join(lacking)}；5.3.2 a–d 四项都须审核并声明，请审核后重新签名。",
                    f"the {en} does not attest: {', '.join(lacking)}; all four checks of 5.3.2 a–d must be "
                    "attested: review them and sign again.",
                ),
                at=review.path + (("checks",) if review.get("checks") is not None else ("stage",)),
            )
        problem = signature_problem(post, archive, review, stage)
        if problem:
            yield problem
        elif stage == "correction":
            problem = role_problem(post, archive, review, stage)
            if problem:
                yield problem


def signed_corrections(post) -> list[Review]:
    """Correction records that carry a signature, read as entries of the stage `correction`."""
    out = []
    for i, record in post.list_of("corrections"):
        if record.get("signature") is not None or record.get("digest") is not None:
            entry = {**record, "stage": "correction", "reviewer": record.get("approved_by")}
            out.append(Review(post.doc, entry, ("corrections", i)))
    return out


def verify_entry(post, review: Review) -> str:
    """The key that made `review`'s signature, or SignatureError: the signed text rebuilt from the entry
    and checked in its stage's namespace. `ahead`'s worker calls it for every signed entry of a full
    check; a rule calls it for what the worker has not reached."""
    stage, written = review.stage, review.get("digest")
    message = signatures.message(stage, post.id, str(written), review.reviewer, review.at, review.checks)
    return signatures.verify(review.get("signature"), message, signatures.NAMESPACES[stage])


def entry_key(post, archive, review: Review) -> str:
    """`verify_entry`'s answer for an entry of this check, asked once: WM223 asks, and so does the
    site's record card; the worker of a full check may have it already."""
    memo = archive.memo.setdefault("trail.entry_key", {})
    place = repr(  # everything the signed text is made of (a previous version is another entry), as text:
        (  # a value of the wrong shape (a list for a signature) is a key like any other
            post.doc.path,
            review.path,
            review.stage,
            review.get("signature"),
            review.get("digest"),
            review.reviewer,
            review.at,
            tuple(review.checks),
        )
    )
    if place not in memo:
        pool = ahead.of(archive)
        try:
            memo[place] = pool.verify(post, review, verify_entry) if pool is not None else verify_entry(post, review)
        except signatures.SignatureError as bad:
            memo[place] = bad
    if isinstance(memo[place], signatures.SignatureError):
        raise memo[place]
    return memo[place]


def signed_entries(post) -> list[Review]:
    """The entries of `post` whose signature can be checked: a known stage, a signature and a digest,
    a reviewer and a time (the schema reports the rest)."""
    return [
        r
        for r in [*post.reviews, *signed_corrections(post)]
        if r.stage in signatures.NAMESPACES
        and isinstance(r.get("signature"), str)
        and r.get("digest") is not None
        and r.reviewer is not None
        and r.at is not None
    ]


def signature_problem(post, archive, review: Review, stage: str) -> Problem | None:
    zh, en = STAGE[stage]
    who = named(archive, review.reviewer)
    sign = f"wemedia review sign {post.doc.path} --stage {stage}"
    armored, written = review.get("signature"), review.get("digest")
    if armored is None or written is None:
        field = "signature" if armored is None else "digest"
        return Problem(
            Text(
                f"{who}的{zh}记录没有 {field}：审核记录须由本人签名才算数；请审核人运行 {sign}。",
                f"the {en} by '{review.reviewer}' has no {field}: a review counts only when its reviewer signs "
                f"it; the reviewer runs {sign}.",
            ),
            at=review.path + ("stage",),
        )
    where = review.path + ("signature",)
    if review.reviewer is None or review.at is None:
        return None  # the schema reports the missing reviewer or time
    try:
        key = entry_key(post, archive, review)
    except signatures.SignatureError as bad:
        moved = Text("", "")
        if bad.code == "invalid":  # a sound signature over other bytes: the post's id is one of them
            moved = Text(
                "若文章改名或移动过，签名中的文章编号（原来的路径）就不再相符：请改回原来的路径。",
                " If the post was renamed or moved, the post id in the signature (its old path) no longer "
                "matches: move it back.",
            )
        return Problem(
            Text(
                f"{who}的{zh}签名无效：{bad.message.zh}{moved.zh}",
                f"the {en} signature by '{review.reviewer}' is not valid: {bad.message.en}{moved.en}",
            ),
            at=where,
        )
    person = archive.people.get(review.reviewer)
    if person is None or review.day is None:
        return None  # WM010 reports an unknown person; the schema an unreadable time
    earlier = history.before_people(archive)
    was = earlier.get(review.reviewer) if earlier is not None else person
    if person.key_valid_on(key, review.day) and (was is None or not was.key_valid_on(key, review.day)):
        return Problem(
            Text(
                f"{who}的{zh}签名所用的公钥是这次改动才登记（或改了有效期）的：审核签名只认改动之前团队名册中已登记的公钥；"
                "请先把团队名册的改动单独提交，由运营管理岗审核合并后，再签名。",
                f"the {en} by '{review.reviewer}' is signed with a key this very change registers (or whose dates it "
                "changes): signatures count only keys the register held before; merge the register change on its own first.",
            ),
            at=where,
        )
    if not person.key_valid_on(key, review.day):
        owner = next((p.id for p in archive.people.values() if key in p.key_materials), None)
        if owner and owner != review.reviewer:
            why = Text(f"签名用的是{named(archive, owner)}的公钥", f"it was made with the key of '{owner}'")
        elif owner:
            why = Text(f"这把公钥在 {review.day} 不在有效期内", f"the key was not valid on {review.day}")
        else:
            why = Text("签名用的公钥不在团队名册中", "its key is not in the team register")
        return Problem(
            Text(
                f"{who}的{zh}签名不能证明是本人所签：{why.zh}；请用团队名册中登记的本人公钥重新签名（{sign}），"
                "或由运营管理岗用 wemedia team add 登记新公钥。",
                f"the {en} signature by '{review.reviewer}' does not prove it is theirs: {why.en}; sign again with "
                f"their registered key ({sign}), or have a manager register the new key with wemedia team add.",
            ),
            at=where,
        )
    return None


@rule(
    "WM224",
    "5.3.2",
    "审核后文章未被修改：签名所覆盖的摘要就是文章现在的摘要",
    "nothing changed after review: the signed digest is the post's current digest",
)
def digest_current(post, archive):
    """规则: 每条审核记录的 `digest` 须等于文章现在的摘要（正文、除流程字段外的全部 front-matter、各平台版本文件、
      每个素材和凭据文件的内容）。发布后经更正的文章，以最后一条带签名的更正记录为准：其 `digest` 须是现在的摘要。
    原因: 审核之后再改动正文或素材，审核就不再覆盖发布的内容；摘要不符时审核自动作废，须重新审核。
    示例: 李娜初审后改了一个字 → “正文或素材在李娜（li-na）初审后被修改：请重新申请初审”。
    """
    entries = [r for r in post.reviews if r.get("digest") is not None]
    corrections = signed_corrections(post)
    if not entries and not corrections:
        return
    pool = ahead.of(archive)  # the worker of a full check may have computed it already
    current = (pool.digest(post.doc) if pool is not None else None) or digest.post_digest(post, archive)
    first = post.first_published
    after = [c for c in corrections if first is not None and c.moment is not None and c.moment > first]
    judged = after[-1:] if after else entries  # before publication a change needs new reviews, not a correction
    for review in judged:
        if review.get("digest") == current:
            continue
        stage = review.stage or "first"
        zh, en = STAGE.get(stage, STAGE["first"])
        sign = f"wemedia review sign {post.doc.path} --stage"
        if stage != "correction" and post.first_published is not None:
            what = Text(
                "文章已发布，发布后的改动须作为更正：请在 corrections 中新增一条记录（时间、原因、查证部门、批准人），"
                f"由批准人签名（{sign} correction），或撤销这次改动",
                "the post is published, so a change is a correction: add a record to corrections (at, reason, "
                f"department, approved_by) signed by its approver ({sign} correction), or undo the change",
            )
        elif stage == "correction":
            what = Text(
                f"请新增一条更正记录并由运营管理岗签名批准（{sign} correction）",
                f"add a new correction record signed by a manager ({sign} correction)",
            )
        else:
            what = Text(f"请重新申请{zh}（{sign} {stage}）", f"ask for it again ({sign} {stage})")
        yield Problem(
            Text(
                f"正文或素材在{named(archive, review.reviewer)}{zh}后被修改：签名覆盖的摘要与文章现在的内容不符"
                f"（审核之后正文、字段、平台版本或素材文件改动过，或这个摘要本就不是这篇文章的），这次{zh}已作废；{what.zh}。",
                f"the post changed after the {en} by '{review.reviewer}': the signed digest no longer matches "
                f"its content (the body, a field, a version or an asset file changed since, or the digest was never "
                f"this post's), so that {en} no longer counts; {what.en}.",
            ),
            at=review.path + ("digest",),
        )
