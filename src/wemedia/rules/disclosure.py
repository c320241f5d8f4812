"""WM6xx — what must not be published (5.3.2 d, FSUL/Z 38) and account secrets (5.2.2.1), found in any
text under content/ by the disclosure guard (`wemedia.disclosure`)."""

from __future__ import annotations

from wemedia import clock, disclosure
from wemedia.disclosure import LABELS, PERSONAL, POLICY
from wemedia.documents import FILE_KINDS
from wemedia.findings import Problem
from wemedia.i18n import Text
from wemedia.rules.registry import rule

_ALLOW_ZH = "确属可以公开时，把 {key} 加入 content/policy/disclosure.yml 的 allow 列表。"
_ALLOW_EN = "if it may be published after all, add {key} to allow in content/policy/disclosure.yml."


def _allow(hit) -> tuple[str, str]:
    return _ALLOW_ZH.format(key=hit.key), _ALLOW_EN.format(key=hit.key)


@rule(
    "WM601",
    "5.3.2 d",
    "不得出现本馆词表中不宜公开的词语",
    "no term from the library's list of what must not be published",
    scope="document",
    kinds=FILE_KINDS,
)
def listed_terms(doc, archive):
    """规则: content/ 下任何文本（文章正文和 front-matter、平台版本、留言、登记册、统计表、问卷、YAML 注释、文件名）
    都不得出现 `content/policy/disclosure.yml` 的 `terms` 中的词，也不得出现环境变量
    `WEMEDIA_DISCLOSURE_TERMS` 指定的词表（多个文件用英文冒号分隔；`.txt` 每行一个词，`.yml` 为词的列表）中的词——
    敏感的词表不必提交进仓库。比较前先统一写法：全角半角、大小写、繁体简体，去掉零宽字符，去掉汉字之间的空格、
    标点、换行和 Markdown 标记，所以 `内 部·资料`、`內部資料`、`内*部*资料`、`[内部](x)资料` 都算。
    结果中词语只显示首尾字（如 `内**料`）。确属可以公开的，把结果给出的编号加入 `allow`。
    原因: 5.3.2 d 要求审核是否存在不宜公开的信息（FSUL/Z 38 列出不得公开的内容）；词表由本馆维护。
    示例: `terms: [{term: 内部资料, category: 内部文件}, 读者借阅记录]`
    """
    for hit in disclosure.scan(doc, archive):
        if hit.kind == "term":
            zh, en = _allow(hit)
            category = hit.category or "本馆词表"
            yield Problem(
                Text(
                    f"出现不宜公开的词“{hit.masked}”（{category}）；请删除或改写。{zh}",
                    f"a term that must not be published, '{hit.masked}' ({hit.category or 'library list'}); "
                    f"remove or rewrite it; {en}",
                ),
                line=hit.line,
                column=hit.column,
            )


@rule(
    "WM602",
    "5.3.2 d",
    "不得公开身份证号、手机号、银行卡号、个人邮箱等个人信息",
    "no resident ID, mobile, bank card number or personal e-mail is published",
    scope="document",
    kinds=FILE_KINDS,
)
def personal_data(doc, archive):
    """规则: content/ 下任何文本都不得出现：居民身份证号码（18 位、校验码正确、出生日期真实、省份代码存在，可用空格或
    短横线分段，6-8-4 位）、手机号码（1[3-9] 开头 11 位，可带 +86、空格、短横线、点、全角数字，前三位可加括号（`(1xx) xxxx-xxxx`），
    可紧跟在 `TEL` 后面）、银行卡号（16—19 位，Luhn 校验正确，且以
    常见卡号开头（含工行 9558）或前面写着“卡号”“银行卡”“工行卡”“建行卡”“农行卡”“中行卡”等）、个人邮箱（qq.com、163.com、gmail.com 等个人邮箱服务的地址；
    本馆自己域名的邮箱是公开的，不报告）。ISBN、条形码、长订单号、日期时间、座机号码（0757-…）不会被当作手机号
    或身份证号。每一项可在 `disclosure.yml` 的 `detectors` 中关闭（`id_number`、`phone`、`bank_card`、`email`）。
    结果中号码只显示一部分（如 `138****5678`）。确属可以公开的（如本馆公开的服务手机），把结果给出的编号加入 `allow`；
    只在一篇文章中公开的，在这篇的 `disclosure_exceptions` 中写明（由运营管理岗批准，见 WM605）。
    原因: 5.3.2 d 要求审核不宜公开的信息；读者和馆员的个人信息不得公开（《个人信息保护法》）。
    示例: 把“联系人：王老师（手机 138 开头的 11 位号码）”改为“联系电话：0757-8888 0000（总馆服务台）”。
    """
    for hit in disclosure.scan(doc, archive):
        if hit.kind in PERSONAL:
            zh, en = _allow(hit)
            label = LABELS[hit.kind]
            yield Problem(
                Text(
                    f"出现{label.zh}“{hit.masked}”；个人信息不得公开：请删除，或改用本馆的公开联系方式。{zh}",
                    f"{label.en} '{hit.masked}': personal data must not be published; remove it or use the "
                    f"library's public contact; {en}",
                ),
                line=hit.line,
                column=hit.column,
            )


@rule(
    "WM603",
    "5.2.2.1",
    "密码、私钥、接口密钥不得写进仓库",
    "no password, private key or API secret is written into the repository",
    scope="document",
    kinds=FILE_KINDS,
)
def secrets(doc, archive):
    """规则: content/ 下任何文本（包括 YAML 注释、CSV、平台版本）都不得写密码或密钥：`密码：…`、`口令`、`密钥`、
    `登录密码是 …`、`门禁密码 4321`、`password=…`、`-----BEGIN … PRIVATE KEY-----`、常见平台的接口 token、
    微信 AppID（wx 加 16 位十六进制）和 AppSecret（“AppSecret”“secret”附近的 32 位十六进制）。
    `密码由专人保管`、`密码：******`、`<密码>` 这类说明和占位不报告。结果中不显示密码本身。
    原因: 5.2.2.1 要求账号密码由专人管理，只有保管人知道；写进 git 的密码会永远留在历史里，任何能读仓库的人都能看到。
    示例: `accounts.yml` 中只写保管人 `keeper: zhao-lei`，不写 `# 后台密码：…`；已经提交过的密码请立即在平台上更换。
    """
    for hit in disclosure.scan(doc, archive):
        if hit.kind not in PERSONAL and hit.kind != "term":
            zh, en = _allow(hit)
            label = LABELS[hit.kind]
            yield Problem(
                Text(
                    f"这里写着{label.zh}（{hit.masked}）；密码和密钥只能由保管人掌握，不得写进仓库：请删除，并立即在平台上更换。{zh}",
                    f"{label.en} is written here ({hit.masked}); only the keeper may know it, never the "
                    f"repository: remove it and change it on the platform now; {en}",
                ),
                line=hit.line,
                column=hit.column,
            )


@rule(
    "WM604",
    "5.3.2 d",
    "信息公开政策与词表必须可读，否则不放行",
    "the disclosure policy and term lists must be readable, or nothing passes",
    scope="archive",
)
def policy_readable(archive):
    """规则: `content/policy/disclosure.yml` 必须能读（YAML 正确、`terms` 是词的列表、`detectors` 只写已知检测项、
    `allow` 是编号列表），环境变量 `WEMEDIA_DISCLOSURE_TERMS` 指定的每个词表文件都必须存在并能读。
    读不了时报告错误并阻止提交——不像依赖登记册的规则那样暂停，因为不宜公开信息的检查在缺少词表时放行，等于没有检查。
    无论检查哪些文件，这个错误都会报告。
    原因: 5.3.2 d 要求审核不宜公开的信息；词表读不了，检查就不可信。
    示例: `terms:` 下每一项写成 `- 内部资料` 或 `- {term: 内部资料, category: 内部文件}`。
    """
    for line, column, message in disclosure.policy(archive).problems:
        yield Problem(message, line=line, column=column, path=POLICY)


@rule(
    "WM605",
    "5.3.2 d",
    "公开例外须由当时在岗的运营管理岗批准",
    "a disclosure exception is approved by a manager in post at the time",
    registers=("team",),
)
def exception_approved(post, archive):
    """规则: 文章 front-matter 的 `disclosure_exceptions` 每一项允许本篇（及其平台版本）中的一处被标记文字公开：
    WM601、WM602、WM603 的结果中，被标记的文字与该项 `text` 相同（两者都按不宜公开信息检查的方式统一写法后比较，
    全角、繁体、号码中的空格和短横线都不影响）的，不再报告。前提是 `approved_by` 在文章创建当日（`created`）
    在岗（`active`），并担任文章所属图书馆（`library`）的 manager（运营管理岗；带日期的岗位按其起止日期和图书馆）；
    否则这一项无效，被标记的文字照常报告，
    并在 `approved_by` 处报告本错误。批准人未登记时由 WM010 报告。
    原因: 5.3.2 d 要求审核是否存在不宜公开的信息；允许公开是审核的决定，须由有权签发的运营管理人员作出。
    示例: `disclosure_exceptions: [{text: 0757-8888 0000, reason: 总馆服务台公开电话, approved_by: wang-fang}]`
    """
    waivers = disclosure.exceptions(post.doc, archive)
    if not waivers:
        return
    created = clock.day_of(post.get("created"))
    for waiver in waivers:
        person = archive.people.get(waiver.approver) if waiver.approver else None
        if waiver.approved or person is None or created is None:
            continue  # an unregistered approver is WM010's; a post without a readable created is the schema's
        if "manager" not in person.roles:
            why = Text("不是运营管理岗（manager）", "is not a manager")
        elif not person.active_on(created):
            start, end = person.active_period
            why = Text(
                f"在文章创建当日（{created}）不在岗（团队名册中在岗期间为 {start or '…'} 至 {end or '…'}）",
                f"was not in post on the day the post was created ({created}; in post {start or '…'} to "
                f"{end or '…'} in the team register)",
            )
        else:  # a manager at another library, or before or after the dates of that role
            library = post.text("library") or "…"
            why = Text(
                f"在文章创建当日（{created}）不是图书馆“{library}”的运营管理岗（团队名册中该岗位的日期或图书馆不符）",
                f"was not a manager of the library '{library}' on the day the post was created ({created}; the "
                "dates or library of that role in the team register do not cover it)",
            )
        yield Problem(
            Text(
                f"公开例外第 {waiver.index + 1} 项的批准人“{person.id}”{why.zh}，不是当时在岗的运营管理岗；"
                "这一项无效，被标记的文字照常报告。请由文章创建时在岗的运营管理岗批准，或删除这一项。",
                f"the approver of disclosure exception {waiver.index + 1}, '{person.id}', {why.en}: not a "
                "manager in post at the time, so the exception does not apply; have a manager in post when the "
                "post was created approve it, or remove it.",
            ),
            at=("disclosure_exceptions", waiver.index, "approved_by"),
        )


@rule(
    "WM606",
    "integrity",
    "公开例外应当仍有用处",
    "a disclosure exception still allows something",
    severity="warning",
)
def exception_needed(post, archive):
    """规则: `disclosure_exceptions` 的每一项都应仍有用处：本篇及其平台版本中，至少有一处 WM601、WM602 或 WM603
    的结果是这一项的文字（不算 `disclosure_exceptions` 中写下的文字本身）。文字已经删除或改写、已经加入
    `disclosure.yml` 的 `allow`、或者本来就不会被标记时，这一项不再需要，提示删除。
    原因: 不再需要的例外像一张空白的通行证：以后有人再写上这段文字，它会被直接放行而没人重新审核；
    删掉它，下一次需要时重新批准。
    示例: 正文删掉了服务台手机号后，也删掉 `disclosure_exceptions` 中对应的 `{text: 138…, …}`。
    """
    for waiver in disclosure.exceptions(post.doc, archive):
        if not disclosure.needed(post.doc, archive, waiver):
            yield Problem(
                Text(
                    f"公开例外第 {waiver.index + 1} 项已经没有用处：本篇及其平台版本中没有被标记的这段文字；"
                    "请删除这一项（以后需要时重新批准）。",
                    f"disclosure exception {waiver.index + 1} no longer allows anything: nothing flagged in this "
                    "post or its version files is this text; remove it (approve it again when needed).",
                ),
                at=("disclosure_exceptions", waiver.index, "text"),
            )
