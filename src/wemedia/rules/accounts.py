"""WM41x–WM42x — the accounts register (5.2): who registered each account and keeps its password, its
official verification and the QR code it shows. Findings stand at the account's own lines in
content/accounts.yml, except a post that went out on a stopped account, which stands at the post's
channel. A closed account only keeps its record: nobody operates it, so it needs no keeper, no
verification and no QR code; a suspended one has stopped operating, so its verification may lapse."""

from __future__ import annotations

import datetime as dt
import hashlib
from posixpath import normpath

from wemedia import clock, imagemeta
from wemedia.findings import Problem
from wemedia.i18n import Text
from wemedia.model import Account, items, mapping, text
from wemedia.rules.registry import rule

POLICY = "content/policy/publishing.yml"
QR_CHECK_DAYS = 180  # how old `qr_code.checked` may be, unless the policy's `qr_check_days` says otherwise
WARN_DAYS = 30  # a verification expiring within this many days is a reminder (WM413)
STATUS = {"suspended": Text("暂停", "suspended"), "closed": Text("已注销", "closed")}


def _accounts(doc) -> list[Account]:
    return items(doc, "accounts", Account)


def _label(account: Account) -> str:
    """How messages name an account: its id, or its place in the list when it has none."""
    return account.id or f"#{account.path[-1] + 1}"


def _absence(person, today: dt.date) -> Text:
    """Why someone in the register is not in post today, in words that name the day."""
    start, until = person.active_period
    if until and (end := clock.day_of(until)) is not None and end < today:
        return Text(f"已于 {until} 离岗", f"left on {until}")
    if start and (begin := clock.day_of(start)) is not None and begin > today:
        return Text(f"{start} 才到岗", f"starts only on {start}")
    return Text("在岗日期读不出", "has no readable active period")


def _not_in_post(archive, account: Account, field: str, role: Text, todo: Text):
    """A problem at `field` when the person it names is in the register but not in post today."""
    person = archive.people.get(account.text(field))
    today = clock.today()
    if person is None or person.active_on(today):
        return None  # an unknown id is WM010's
    why = _absence(person, today)
    name = person.get("name") if isinstance(person.get("name"), str) else person.id
    return Problem(
        Text(
            f"账号“{_label(account)}”的{role.zh}{name}（{person.id}）{why.zh}（team.yml 的 active）；{todo.zh}",
            f"the {role.en} of account '{_label(account)}', {person.id}, {why.en} (active in team.yml); {todo.en}",
        ),
        at=(*account.path, field),
    )


@rule(
    "WM410",
    "5.2.1.1",
    "运营中的账号已官方认证",
    "an operating account is officially verified",
    scope="document",
    kinds=("accounts",),
)
def verified(doc, archive):
    """规则: 运营中（`status: active`）的账号要有 `verification`，且 `verified: true`。暂停、已注销的账号不运营，不要求。
    原因: 5.2.1.1 要求账号进行官方认证；删掉 `verification` 或写 `verified: false` 都说明没有认证。
    示例: `verification: {verified: true, expires: 2027-03-31, last_checked: 2026-10-08}`
    """
    for account in _accounts(doc):
        if account.status != "active":
            continue
        block = account.get("verification")
        if not isinstance(block, dict):
            yield Problem(
                Text(
                    f"账号“{_label(account)}”没有官方认证记录；请完成平台的官方认证，并写上 "
                    "`verification: {verified: true, expires: 到期日, last_checked: 核查日}`。",
                    f"account '{_label(account)}' has no verification record; get it officially verified on the "
                    "platform and write `verification: {verified: true, expires: …, last_checked: …}`.",
                ),
                at=(*account.path, "verification") if "verification" in account.data else account.path,
            )
        elif block.get("verified") is not True:
            yield Problem(
                Text(
                    f"账号“{_label(account)}”未完成官方认证（verified 不是 true）；运营中的账号须官方认证，"
                    "认证前请把 status 改为 suspended 并写上 status_since。",
                    f"account '{_label(account)}' is not officially verified (verified is not true); an operating "
                    "account must be, so until it is, set status: suspended with status_since.",
                ),
                at=(*account.path, "verification", "verified"),
            )


@rule(
    "WM411",
    "5.2.1.1",
    "账号的注册人今天在岗",
    "an account's registrant is in post today",
    scope="document",
    kinds=("accounts",),
    registers=("team",),
)
def registrant_in_post(doc, archive):
    """规则: 未注销的账号，`registrant`（以其身份证、手机号注册账号的人）今天要在团队名册中在岗（`active` 含今天）。
      人员离岗后，名下的每个账号各报告一次，写明离岗日期。
    原因: 5.2.1.1 要求以相对固定人员的身份注册账号；注册人离开后，账号的找回、认证和申诉都要靠一个已经不在的人。
    示例: 何强 2026-06-30 离岗 → 在平台上把账号的运营者（管理员）变更为在岗人员，并把 `registrant` 改为其编号。
    """
    todo = Text(
        "请在平台上把账号的注册人/运营者变更为在岗的相对固定人员，并把 registrant 改为其编号。",
        "move the account's registration (operator) to a member of staff in post, and set registrant to them.",
    )
    for account in _accounts(doc):
        if account.status != "closed":
            found = _not_in_post(archive, account, "registrant", Text("注册人", "registrant"), todo)
            if found:
                yield found


@rule(
    "WM412",
    "5.2.1.2",
    "运营中的账号认证未过期",
    "an operating account's verification has not expired",
    scope="document",
    kinds=("accounts",),
)
def not_expired(doc, archive):
    """规则: 运营中且已认证的账号，`verification.expires`（认证到期日，当天仍有效）要写明，且不早于今天（北京时间）。
      已过期的账号要么重新认证并更新 `expires`，要么停止运营：`status: suspended` 并写 `status_since`。
    原因: 5.2.1.2 要求定期进行资质认定，资质过期的账号应停止运营；没有到期日就无从知道是否过期。
    示例: `expires: 2026-11-30`，今天 2026-12-01 → 错误；到期前 30 天起由 WM413 提醒。
    """
    today = clock.today()
    for account in _accounts(doc):
        block = mapping(account.data, "verification")
        if account.status != "active" or block.get("verified") is not True:
            continue  # not verified is WM410's
        if account.expires is None:
            yield Problem(
                Text(
                    f"账号“{_label(account)}”的认证没有写到期日（verification.expires）；请按平台上的认证有效期写上。",
                    f"account '{_label(account)}' has no verification expiry (verification.expires); write the date "
                    "the platform shows.",
                ),
                at=(*account.path, "verification", "expires"),
            )
        elif account.expires < today:
            yield Problem(
                Text(
                    f"账号“{_label(account)}”的官方认证已于 {account.expires} 到期；请重新认证并更新 expires，"
                    "或停止运营（status: suspended，写上 status_since）。",
                    f"the verification of account '{_label(account)}' expired on {account.expires}; renew it and update "
                    "expires, or stop operating it (status: suspended with status_since).",
                ),
                at=(*account.path, "verification", "expires"),
            )


@rule(
    "WM413",
    "5.2.1.2",
    "账号认证 30 天内到期时提醒",
    "a reminder when an account's verification expires within 30 days",
    scope="document",
    kinds=("accounts",),
    reminder=True,  # not expired yet: time to renew, not yet a breach
)
def expiring(doc, archive):
    """规则: 运营中且已认证的账号，`verification.expires` 在今天起 30 天之内（含今天和到期日当天）时提醒。
    原因: 认证续期要时间；过期后账号就要停止运营（WM412），提前一个月安排续期。
    示例: 今天 2026-12-01，`expires: 2026-12-20` → “19 天后到期”。
    """
    today = clock.today()
    for account in _accounts(doc):
        if account.status == "active" and account.expires is not None:
            left = (account.expires - today).days
            if 0 <= left <= WARN_DAYS:
                yield Problem(
                    Text(
                        f"账号“{_label(account)}”的官方认证 {account.expires} 到期（还有 {left} 天）；请及时办理续期，"
                        "完成后更新 expires。",
                        f"the verification of account '{_label(account)}' expires on {account.expires} (in {left} day(s)); "
                        "renew it in time and update expires.",
                    ),
                    at=(*account.path, "verification", "expires"),
                )


@rule(
    "WM414",
    "5.2.1.2",
    "不在认证过期、暂停或注销的账号上发布",
    "nothing goes out on an account that was expired, suspended or closed",
    registers=("accounts",),
)
def published_on_stopped(post, archive):
    """规则: 文章每个渠道的发布时间 `published`（按北京时间的日期）不得落在该账号停止运营的期间：`status` 为
      suspended/closed 且 `status_since` 不晚于发布那天，或认证到期日 `verification.expires` 早于发布那天。
      已按撤回流程下线的文章（`status: withdrawn`，且 `corrections` 中有 `kind: withdrawal` 的记录）不再报告。
    原因: 5.2.1.2 要求资质过期的账号停止运营；暂停、注销的账号上发出的内容没有人负责。
    示例: 账号 `status: closed, status_since: 2026-11-01`，渠道 `published: 2026-11-03T10:00:00+08:00` → 错误。
    """
    if post.status == "withdrawn" and any(c.get("kind") == "withdrawal" for _, c in post.list_of("corrections")):
        return  # taken down and recorded as such (5.5.1): the record keeps what happened
    for i, channel in post.list_of("channels"):
        account = archive.accounts.get(text(channel, "account"))
        day = clock.day_of(channel.get("published"))
        if account is None or day is None:
            continue
        if account.stopped_on(day):
            state = STATUS[account.status]
            why = Text(
                f"该账号自 {account.since} 起{state.zh}（{account.status}）",
                f"the account has been {state.en} since {account.since}",
            )
        elif account.expires is not None and account.expires < day:
            why = Text(f"该账号的官方认证已于 {account.expires} 到期", f"its verification expired on {account.expires}")
        else:
            continue
        yield Problem(
            Text(
                f"本渠道 {day} 在账号“{_label(account)}”上发布，而{why.zh}：停止运营的账号不得发布。发布时间或账号写错了"
                "就改正；确实发出了，请在平台上删除，并按撤回流程记录（status: withdrawn，corrections 中追加 kind: "
                "withdrawal 的记录）。",
                f"this channel went out on account '{_label(account)}' on {day}, but {why.en}: a stopped account "
                "publishes nothing. Correct the time or account if wrong; if it did go out, delete it on the "
                "platform and record the withdrawal (status: withdrawn and a correction of kind withdrawal).",
            ),
            at=("channels", i, "published"),
        )


@rule(
    "WM415",
    "5.2.1.2",
    "暂停或注销的账号写明从哪天起",
    "a suspended or closed account says since when",
    scope="document",
    kinds=("accounts",),
)
def status_dated(doc, archive):
    """规则: `status` 为 suspended（暂停）或 closed（已注销）的账号要写 `status_since`（从哪天起，北京时间）；
      `status_since` 不能晚于今天。
    原因: 5.2.1.2 要求资质过期的账号停止运营；没有日期就分不清哪些文章是停止运营之前发的、哪些是之后发的（WM414）。
    示例: `status: closed` 与 `status_since: 2026-11-01`
    """
    today = clock.today()
    for account in _accounts(doc):
        if account.status in STATUS and account.since is None:
            yield Problem(
                Text(
                    f"账号“{_label(account)}”的状态为{STATUS[account.status].zh}（{account.status}），但没有写从哪天起；"
                    "请写上 status_since（如 2026-11-01）。",
                    f"account '{_label(account)}' is {account.status} without a date; write status_since "
                    "(e.g. 2026-11-01).",
                ),
                at=(*account.path, "status"),
            )
        elif account.since is not None and account.since > today:
            yield Problem(
                Text(
                    f"账号“{_label(account)}”的 status_since {account.since} 晚于今天；请写状态实际开始的日期。",
                    f"account '{_label(account)}' has status_since {account.since}, after today; write the day the "
                    "status began.",
                ),
                at=(*account.path, "status_since"),
            )


@rule(
    "WM420",
    "5.2.2.1",
    "每个账号有在岗的密码保管人",
    "each account has a password keeper in post",
    scope="document",
    kinds=("accounts",),
    registers=("team",),
)
def password_keeper(doc, archive):
    """规则: 未注销的账号要写 `password_keeper`（唯一的密码保管人，团队编号），且此人今天在岗。保管人离岗后，
      其保管的每个账号各报告一次，写明离岗日期。密码本身绝不写进仓库（WM603 会拦下）。
    原因: 5.2.2.1 要求由专人管理账号密码；保管人离开而密码没有更换，等于密码留在了团队之外。
    示例: 刘洋离岗 → 修改账号密码，交给在岗的保管人，并把 `password_keeper` 改为其编号。
    """
    todo = Text(
        "请立即修改该账号的密码，交接给在岗的保管人，并更新 password_keeper。",
        "change the account's password now, hand it to a keeper in post and update password_keeper.",
    )
    for account in _accounts(doc):
        if account.status == "closed":
            continue
        if not account.text("password_keeper"):
            yield Problem(
                Text(
                    f"账号“{_label(account)}”没有写密码保管人；请指定一名在岗人员保管密码，写上 password_keeper: 其编号。",
                    f"account '{_label(account)}' names no password keeper; name one member of staff in post "
                    "(password_keeper: their id).",
                ),
                at=(*account.path, "password_keeper") if "password_keeper" in account.data else account.path,
            )
            continue
        found = _not_in_post(archive, account, "password_keeper", Text("密码保管人", "password keeper"), todo)
        if found:
            yield found


def _qr(account: Account) -> str | None:
    """The QR code's file as a path under content/, written any way (`./a.png`, `accounts//a.png`)."""
    written = text(mapping(account.data, "qr_code"), "file")
    return normpath(written) if written and written.strip() else None


@rule(
    "WM421",
    "5.2.2.2",
    "每个账号的二维码是一张图片",
    "each account's QR code is a picture",
    scope="document",
    kinds=("accounts",),
)
def qr_present(doc, archive):
    """规则: 未注销的账号要有 `qr_code.file`（相对于 content/ 的图片文件），文件内容要真是 PNG、JPEG、GIF 或 WebP
      图片——按文件开头的字节判断，不看扩展名。文件不存在由 WM012 报告。
    原因: 5.2.2.2 要求及时更换失效、弃用的二维码；没有登记二维码，或登记的不是图片，就无从核对读者扫到的是什么。
    示例: `qr_code: {file: accounts/nanhu-wechat-qr.png, checked: 2026-10-08}`
    """
    for account in _accounts(doc):
        if account.status == "closed":
            continue
        path = _qr(account)
        if path is None:
            yield Problem(
                Text(
                    f"账号“{_label(account)}”没有登记二维码；请把平台上下载的二维码图片放在 content/accounts/，"
                    "写上 `qr_code: {file: accounts/文件名.png, checked: 核对日期}`。",
                    f"account '{_label(account)}' has no QR code; put the platform's QR image in content/accounts/ "
                    "and write `qr_code: {file: accounts/….png, checked: …}`.",
                ),
                at=(*account.path, "qr_code") if "qr_code" in account.data else account.path,
            )
            continue
        data = archive.read_bytes(f"content/{path}")
        if data is not None and imagemeta.picture_format(data) is None:
            yield Problem(
                Text(
                    f"二维码文件“{path}”不是图片（不是 PNG、JPEG、GIF 或 WebP，与扩展名无关）；请换成从平台下载的二维码图片。",
                    f"the QR code file '{path}' is not a picture (not PNG, JPEG, GIF or WebP, whatever its name); "
                    "replace it with the QR image downloaded from the platform.",
                ),
                at=(*account.path, "qr_code", "file"),
            )


@rule(
    "WM422",
    "5.2.2.2",
    "每个账号有自己的二维码",
    "each account has a QR code of its own",
    scope="document",
    kinds=("accounts",),
)
def qr_unique(doc, archive):
    """规则: 两个账号不能登记同一个二维码文件（写法不同的同一路径也算），也不能登记内容完全相同的两个文件；
      报告在后一个账号上。
    原因: 5.2.2.2 要求二维码有效；每个账号的二维码都不同，共用一个说明其中至少一个是错的，读者会扫进别的账号。
    示例: 微博账号照抄公众号的 `qr_code: {file: accounts/wechat-qr.png}` → 错误。
    """
    by_path: dict[str, str] = {}
    by_bytes: dict[str, tuple[str, str]] = {}
    for account in _accounts(doc):
        path = _qr(account)
        if path is None:
            continue
        if path in by_path:
            yield Problem(
                Text(
                    f"账号“{_label(account)}”与账号“{by_path[path]}”登记了同一个二维码文件“{path}”；"
                    "请换成本账号自己的二维码。",
                    f"account '{_label(account)}' names the same QR code file '{path}' as account '{by_path[path]}'; "
                    "use this account's own QR code.",
                ),
                at=(*account.path, "qr_code", "file"),
            )
            continue
        by_path[path] = _label(account)
        data = archive.read_bytes(f"content/{path}")
        if data is None:
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest in by_bytes:
            other, other_path = by_bytes[digest]
            yield Problem(
                Text(
                    f"账号“{_label(account)}”的二维码“{path}”与账号“{other}”的“{other_path}”内容完全相同；"
                    "请换成本账号自己的二维码。",
                    f"the QR code '{path}' of account '{_label(account)}' has the same bytes as '{other_path}' of "
                    f"account '{other}'; use this account's own QR code.",
                ),
                at=(*account.path, "qr_code", "file"),
            )
        else:
            by_bytes[digest] = (_label(account), path)


def check_days(archive) -> int:
    """`qr_check_days` of the publishing policy, else 180."""
    doc = archive.document(POLICY)
    days = doc.data.get("qr_check_days") if doc is not None and isinstance(doc.data, dict) else None
    return days if isinstance(days, int) and not isinstance(days, bool) and days > 0 else QR_CHECK_DAYS


@rule(
    "WM423",
    "5.2.2.2",
    "二维码在规定天数内核对过",
    "each QR code was checked within the policy's period",
    scope="document",
    kinds=("accounts",),
)
def qr_checked(doc, archive):
    """规则: 未注销账号的二维码要写 `qr_code.checked`（最近一次用手机扫码确认有效的日期），不晚于今天，且距今不超过
      content/policy/publishing.yml 的 `qr_check_days` 天（默认 180 天）。
    原因: 5.2.2.2 要求及时更换失效、弃用的二维码；只有定期扫码核对，才知道它是否已经失效。
    示例: `checked: 2023-05-01`，今天 2026-12-01 → 错误：扫码核对，失效就换新图片，再更新 checked。
    """
    today = clock.today()
    limit = check_days(archive)
    for account in _accounts(doc):
        block = account.get("qr_code")
        if account.status == "closed" or not isinstance(block, dict):
            continue  # no QR code at all is WM421's
        checked = clock.day_of(block.get("checked"))
        where = (*account.path, "qr_code", "checked")
        if block.get("checked") is None:
            yield Problem(
                Text(
                    f"账号“{_label(account)}”的二维码没有核对日期；请扫码确认有效后写上 checked: 今天的日期。",
                    f"the QR code of account '{_label(account)}' has no check date; scan it and write checked: today's date.",
                ),
                at=where,
            )
        elif checked is not None and checked > today:
            yield Problem(
                Text(
                    f"账号“{_label(account)}”的二维码核对日期 {checked} 晚于今天；请写实际扫码核对的日期。",
                    f"the QR code of account '{_label(account)}' has the check date {checked}, after today; write the day it "
                    "was scanned.",
                ),
                at=where,
            )
        elif checked is not None and (today - checked).days > limit:
            yield Problem(
                Text(
                    f"账号“{_label(account)}”的二维码 {checked} 以来 {(today - checked).days} 天没有核对（规定 {limit} 天内）；"
                    "请用手机扫码确认仍然有效，失效的换成新图片，再更新 checked。",
                    f"the QR code of account '{_label(account)}' was last checked on {checked}, {(today - checked).days} days "
                    f"ago (at most {limit}); scan it, replace it if it no longer works, then update checked.",
                ),
                at=where,
            )
