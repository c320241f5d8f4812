"""`wemedia review sign PATH --stage first|second|signoff|correction` and `wemedia review status`.

Signing writes one review entry — stage, reviewer, time, the four checks attested, the post's digest
and an SSH signature made by `ssh-keygen -Y sign` with the reviewer's key (a key file, or the
ssh-agent) — and nothing else. It refuses, before asking for any signature, whatever the review rules
would reject, and refuses to write if the post changed while it was signing.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from wemedia import archive as archive_mod
from wemedia import clock, digest, labels, reviewing, signatures, writer
from wemedia.cli.common import EXIT_OK, NO_REPOSITORY, fail, lang_of, repository
from wemedia.i18n import Text
from wemedia.model import Post
from wemedia.rules import trail


def add(sub) -> None:
    p = sub.add_parser("review", help="签署审核、查看待审 / sign reviews, see what waits")
    p.add_argument("--lang", choices=("zh", "en"), help="消息语言 / message language")
    actions = p.add_subparsers(dest="action", metavar="sign | status")
    sign = actions.add_parser(
        "sign",
        help="用自己的 SSH 密钥签署初审、复审、签发或更正批准 / sign a review stage with your SSH key",
        description="对文章现在的内容（摘要）签名，写入 reviews 中的一条记录，文件其余部分一个字节都不改。"
        "签名即声明已审核 5.3.2 a–d 四项：真实准确、授权、版权、不宜公开信息。 / Sign the post's current "
        "digest into one review entry; signing attests the four checks of 5.3.2 a–d.",
    )
    sign.add_argument("path", metavar="PATH", help="文章文件 / the post file")
    sign.add_argument(
        "--stage",
        required=True,
        choices=("first", "second", "signoff", "correction"),
        help="first 初审 · second 复审 · signoff 签发 · correction 更正批准（最后一条更正记录）",
    )
    sign.add_argument("--reviewer", help="审核人编号（默认按密钥在团队名册中查找）/ reviewer id (default: by key)")
    sign.add_argument(
        "--key",
        metavar="FILE",
        help="SSH 私钥文件（默认用 ssh-agent 中登记过的密钥）/ private key file (default: the ssh-agent)",
    )
    sign.add_argument("--at", help="审核时间（默认现在，北京时间）/ time of the review (default: now)")
    sign.add_argument("--root", metavar="DIR", help="编辑仓库所在目录 / the editorial repository")
    sign.add_argument("--lang", choices=("zh", "en"), help="消息语言 / message language")
    sign.set_defaults(run=run_sign)
    status = actions.add_parser(
        "status",
        help="列出等待初审、复审、签发的文章，以及现在谁可以做 / what waits for which stage, and who may do it",
    )
    status.add_argument("--root", metavar="DIR", help="编辑仓库所在目录 / the editorial repository")
    status.add_argument("--lang", choices=("zh", "en"), help="消息语言 / message language")
    status.set_defaults(run=run_status)


def _refuse(args, message: Text) -> int:
    return fail(args, Text(message.zh + " 文件未改动。", message.en + " Nothing was changed."))


def run_sign(args) -> int:
    root = repository(args, Path(args.path).resolve().parent)
    if root is None:
        return fail(args, NO_REPOSITORY)
    path = Path(args.path).resolve()
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        rel = None
    if rel is None or not path.is_file():
        return fail(args, Text(f"找不到文章 {args.path}。", f"no such post: {args.path}."))
    loaded = archive_mod.load(root, [rel])
    doc = loaded.document(rel)
    if doc is None or doc.kind != "post" or not doc.ok:
        return _refuse(
            args,
            Text(
                f"{rel} 不是可读的文章；请先运行 wemedia check {rel} 并改正报告的错误。",
                f"{rel} is not a readable post; run wemedia check {rel} and fix what it reports first.",
            ),
        )
    post = Post(doc)
    now = dt.datetime.now(clock.SHANGHAI).replace(microsecond=0)
    if now.date() != clock.today():  # --today / WEMEDIA_TODAY: the day the checks judge by, at this hour
        now = dt.datetime.combine(clock.today(), now.timetz())
    moment = clock.moment_of(args.at) if args.at else now
    if moment is None:
        return _refuse(
            args,
            Text(
                f"--at 的值“{args.at}”不是时间；请写成 2026-09-01T10:05:00+08:00。",
                f"--at '{args.at}' is not a time; write it as 2026-09-01T10:05:00+08:00.",
            ),
        )
    if moment > now + dt.timedelta(minutes=5):  # a review is recorded once it is done
        return _refuse(
            args,
            Text(
                f"--at 的时间 {moment.isoformat()} 还没有到（现在是 {now.isoformat()}）：只能记录已经做过的审核。",
                f"--at {moment.isoformat()} has not come yet (it is {now.isoformat()}): record a review once done.",
            ),
        )
    at = moment.isoformat(timespec="seconds")  # as the schema writes a time: seconds and zone (+08:00)
    day = clock.day_of(at)
    try:
        key_file, public = _key(args, loaded, day)
    except signatures.SignatureError as bad:
        return _refuse(args, bad.message)
    reviewer = args.reviewer or _owner(loaded, public, day)
    if reviewer is None:
        holder = next((p for p in loaded.people.values() if public in p.key_materials), None)
        if holder is not None:  # registered, but not valid (or the person not in post) that day
            start, end = holder.active_period
            return _refuse(
                args,
                Text(
                    f"这把公钥登记给了{trail.named(loaded, holder.id)}，但在 {day} 无效：公钥的有效期或本人的在岗期间"
                    f"（{start or '…'} 至 {end or '…'}）不含这一天；请核对审核时间（--at），或由运营管理岗改正团队名册。",
                    f"this key is registered to '{holder.id}' but not valid on {day}: the key's dates or their time "
                    f"in post ({start or '…'} to {end or '…'}) do not include it; check --at, or have a manager "
                    "correct the team register.",
                ),
            )
        return _refuse(
            args,
            Text(
                f"这把公钥（{public[:40]}…）没有登记在团队名册中；请用 --key 指定本人登记的私钥，"
                "或由运营管理岗用 wemedia team add 登记。",
                f"this key ({public[:40]}…) is not in the team register; give your registered key with --key, "
                "or have a manager register it with wemedia team add.",
            ),
        )
    stage = args.stage
    correction = None
    if stage == "correction":
        records = post.list_of("corrections")
        if not records:
            return _refuse(
                args,
                Text(
                    "文章没有更正记录；请先在 corrections 中写明更正的时间、类型、原因、查证部门和批准人，再签名批准。",
                    "the post has no correction record; write one (at, kind, reason, department, approved_by) first.",
                ),
            )
        correction, record = records[-1]
        if record.get("approved_by") != reviewer:
            return _refuse(
                args,
                Text(
                    f"最后一条更正记录的批准人是“{record.get('approved_by')}”，不是 {reviewer}；更正须由记录中的批准人签名。",
                    f"the last correction is approved by '{record.get('approved_by')}', not '{reviewer}'.",
                ),
            )
        at = str(record.get("at"))
        day = clock.day_of(at) or day
    refused = reviewing.refusal(post, loaded, stage, reviewer, day, public)
    if refused:
        return _refuse(args, refused)
    current = digest.post_digest(post, loaded)
    message = signatures.message(stage, post.id, current, reviewer, at, list(signatures.CHECKS))
    try:
        armored = signatures.sign(message, signatures.NAMESPACES[stage], key_file, public)
    except signatures.SignatureError as bad:
        return _refuse(args, bad.message)
    entry = reviewing.Entry(stage, reviewer, at, current, armored)
    try:
        data = (
            reviewing.with_entry(doc, entry)
            if correction is None
            else reviewing.with_correction_signature(doc, correction, entry)
        )
        writer.replace(path, doc.raw, data)
    except reviewing.CannotEdit as cannot:
        return _refuse(args, cannot.message)
    except writer.Changed:
        return _refuse(
            args,
            Text(
                f"{rel} 在签名期间被改动；签名针对的是改动前的内容，未写入。请检查改动后重新签名。",
                f"{rel} changed while signing; the signature covers the old content and was not written. "
                "Check the change and sign again.",
            ),
        )
    zh = trail.STAGE[stage][0]
    checks = "、".join(labels.label("post.review.check", c) for c in signatures.CHECKS)
    print(
        Text(
            f"已写入{trail.named(loaded, reviewer)}的{zh}签名：{rel}（{at}，摘要 {current[:19]}…）。"
            f"签名即声明已审核：{checks}。请提交这次改动。",
            f"wrote the {trail.STAGE[stage][1]} signature of '{reviewer}' into {rel} ({at}, digest {current[:19]}…). "
            "Commit the change.",
        ).get(lang_of(args))
    )
    return EXIT_OK


def _key(args, loaded, day: dt.date) -> tuple[Path | None, str]:
    """(private key file or None for the agent, public key "type base64")."""
    if args.key:
        key = Path(args.key)
        if not key.is_file():
            raise signatures.SignatureError(Text(f"找不到密钥文件 {args.key}。", f"no such key file: {args.key}."))
        pub = Path(f"{key}.pub")
        if pub.is_file():
            return key, " ".join(pub.read_text(encoding="utf-8", errors="replace").split()[:2])
        return key, _derive_public(key)
    agent = _agent_keys()
    for public in agent:
        owner = _owner(loaded, public, day)
        if owner and (args.reviewer in (None, owner)):
            return None, public
    raise signatures.SignatureError(
        Text(
            "ssh-agent 中没有团队名册里登记的本人密钥；请用 --key 指定私钥文件，或先运行 ssh-add 添加密钥。",
            "the ssh-agent holds no key registered in the team register; give --key FILE or run ssh-add first.",
        )
    )


def _derive_public(key: Path) -> str:
    try:
        out = subprocess.run(
            ["ssh-keygen", "-y", "-f", str(key)], capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        out = None
    if out is None or out.returncode != 0:
        raise signatures.SignatureError(
            Text(
                f"无法从 {key} 读出公钥；请把公钥文件 {key}.pub 放在私钥旁边。",
                f"cannot read the public key of {key}; put {key}.pub next to it.",
            )
        )
    return " ".join(out.stdout.split()[:2])


def _agent_keys() -> list[str]:
    try:
        out = subprocess.run(["ssh-add", "-L"], capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return []
    return (
        [" ".join(line.split()[:2]) for line in out.stdout.splitlines() if line.strip()] if out.returncode == 0 else []
    )


def _owner(loaded, public: str, day: dt.date) -> str | None:
    return next((p.id for p in loaded.people.values() if p.key_valid_on(public, day)), None)


def run_status(args) -> int:
    root = repository(args)
    if root is None:
        return fail(args, NO_REPOSITORY)
    loaded = archive_mod.load(root)
    today = clock.today()
    lang = lang_of(args)
    waiting, drafts = reviewing.queue(loaded, today)
    rows = []
    for post, stage, may in waiting:
        zh, en = trail.STAGE[stage]
        who = "、".join(trail.named(loaded, p) for p in may) or "（今天没有人可以做：请检查团队名册）"
        rows.append(
            Text(
                f"{post.doc.path}\n  等待{zh}；今天可以{zh}的人：{who}",
                f"{post.doc.path}\n  waits for the {en}; who may do it today: {', '.join(may) or '(nobody: check the team register)'}",
            ).get(lang)
        )
    if not rows:
        print(Text("没有等待审核或签发的文章。", "no post waits for a review or sign-off.").get(lang))
    else:
        print("\n".join(rows))
        print(Text(f"共 {len(rows)} 篇等待审核或签发。", f"{len(rows)} posts wait.").get(lang))
    if drafts:
        print(
            Text(
                f"另有 {drafts} 篇草稿：作者写完后把 status 改为 in-review，才能开始审核。",
                f"{drafts} more are drafts: their authors set status: in-review when they are done.",
            ).get(lang)
        )
    return EXIT_OK
