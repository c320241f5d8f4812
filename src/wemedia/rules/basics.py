"""WM1xx — basic requirements (4): lawful material under a known licence, verified reprints,
no for-profit permissions."""

from __future__ import annotations

import re
from functools import cache

from wemedia.findings import Problem
from wemedia.i18n import Text
from wemedia.model import missing
from wemedia.rules.registry import rule

LICENCE_REF = re.compile(r"LicenseRef-[A-Za-z0-9.\-]+\Z")  # SPDX: idstring = 1*(ALPHA / DIGIT / "-" / ".")
LICENCE_REF_EXAMPLE = "LicenseRef-nanhu-photo"  # what the hints suggest: it must pass LICENCE_REF
SPDX_CHARS = re.compile(r"[A-Za-z0-9.+\-() ]+\Z")  # what an SPDX expression can contain at all
ALL_RIGHTS_RESERVED = "all-rights-reserved"


@cache
def _spdx():
    from license_expression import get_spdx_licensing  # 50 ms: only when a licence is checked

    return get_spdx_licensing()


def licence_problem(value: object) -> Text | None:
    """Why `value` is not a licence we recognise, or None when it is."""
    if not isinstance(value, str) or not value.strip():
        return None  # absence and type are the schema's to report
    return _licence_verdict(value)


@cache
def _licence_verdict(value: str) -> Text | None:
    """An archive uses a handful of licences thousands of times: decide each once."""
    if value == ALL_RIGHTS_RESERVED or LICENCE_REF.match(value):
        return None
    if SPDX_CHARS.match(value):
        try:
            result = _spdx().validate(value)
        except Exception:
            result = None
        if result is not None:
            unknown = [s for s in result.invalid_symbols if not LICENCE_REF.match(str(s))]
            if not result.errors or (not unknown and all("Unknown license key" in e for e in result.errors)):
                return None
    if value.startswith("LicenseRef-") and not any(c.isspace() for c in value):
        return Text(
            f"自定义许可“{value}”不合规范：LicenseRef- 之后只能用英文字母、数字、. 和 -，不能用汉字或其他符号；"
            f"请写成如 {LICENCE_REF_EXAMPLE}。",
            f"the licence '{value}' is not a valid LicenseRef: after LicenseRef- only ASCII letters, digits, '.' "
            f"and '-' are allowed; write e.g. {LICENCE_REF_EXAMPLE}.",
        )
    return Text(
        f"许可“{value}”不是已知的 SPDX 标识；请写成如 CC-BY-4.0、CC-BY-NC-4.0、CC0-1.0，"
        f"馆内自定义许可写成如 {LICENCE_REF_EXAMPLE}（LicenseRef- 之后只能用英文字母、数字、. 和 -），"
        "保留所有权利写 all-rights-reserved。",
        f"the licence '{value}' is not a known SPDX identifier; write e.g. CC-BY-4.0, CC-BY-NC-4.0 or CC0-1.0, "
        f"e.g. {LICENCE_REF_EXAMPLE} for a licence of your own (only ASCII letters, digits, '.' and '-' after "
        "LicenseRef-), or all-rights-reserved.",
    )


@rule("WM101", "4.1", "文章及每个素材的许可必须是已知的许可标识", "the post and every asset carry a known licence")
def known_licence(post, archive):
    """规则: `licence` 和每个素材的 `licence` 必须是 SPDX 标识（或 SPDX 表达式，如 `CC-BY-4.0 OR MIT`）、
    `LicenseRef-…` 或 `all-rights-reserved`；`LicenseRef-` 之后只能用英文字母、数字、`.` 和 `-`。
    原因: 4.1 要求合法、合规使用素材；只有写清许可，审核人和读者才知道能否使用、如何署名。
    示例: `licence: CC-BY-4.0`；本馆自摄照片 `licence: LicenseRef-nanhu-photo`（不能写 `LicenseRef-南湖-摄影`）。
    """
    problem = licence_problem(post.get("licence"))
    if problem:
        yield Problem(problem, at=("licence",))
    for i, asset in post.list_of("assets"):
        problem = licence_problem(asset.get("licence"))
        if problem:
            yield Problem(problem, at=("assets", i, "licence"))


def derived(post) -> bool:
    source = post.get("source", {})
    return isinstance(source, dict) and source.get("type") in ("reprint", "adapted")


@rule("WM102", "4.2", "转载、改编的文章必须记录事实核验", "reprints and adaptations record who verified the facts")
def reprint_verified(post, archive):
    """规则: `source.type` 为 reprint 或 adapted 时，`source.verification` 须写明核验人 `by` 和方法 `method`。
    原因: 4.2 要求转载文章应考证其真实性；记录下来，出错时才能追溯。
    示例: `verification: {by: li-na, method: 致电原发布单位核对活动时间, date: 2026-09-02}`
    """
    if not derived(post):
        return
    verification = post.get("source", {}).get("verification")
    if not isinstance(verification, dict):
        yield Problem(
            Text(
                "转载或改编的内容必须记录事实核验：在 source 下添加 verification（核验人 by、方法 method、日期 date）。",
                "a reprint or adaptation must record fact verification: add source.verification (by, method, date).",
            ),
            at=("source",),
        )
        return
    names = {"by": "核验人", "method": "核验方法"}
    for field in missing(verification, ("by", "method")):
        yield Problem(
            Text(f"事实核验缺少{names[field]}（{field}）。", f"the fact verification lacks '{field}'."),
            at=("source", "verification"),
        )


# Every platform names its own; these four are what the standard's 4.3 lists (advertising revenue sharing,
# content revenue sharing, paid knowledge) plus tipping, which each of the four big platforms offers.
PERMISSIONS = {
    "ad_revenue": Text("广告分成", "advertising revenue sharing"),
    "content_revenue": Text("内容分成", "content revenue sharing"),
    "paid_knowledge": Text("知识付费", "paid knowledge"),
    "tipping": Text("赞赏（打赏）", "tips from readers"),
}


@rule(
    "WM103",
    "4.3",
    "账号不得开通任何营利权限",
    "no account may enable a for-profit permission",
    scope="document",
    kinds=("accounts",),
)
def no_monetization(doc, archive):
    """规则: 账号登记中每个未注销的账号都要有 `monetization`，其中 ad_revenue（广告分成）、content_revenue（内容分成）、
      paid_knowledge（知识付费）、tipping（赞赏/打赏）四项都要写明，平台的其他营利权限也可以加上；每一项都必须是
      false（不加引号）。删掉 `monetization` 或漏写一项，等于没有确认这项权限已关闭，与写 true 一样是错误；
      `"false"`、`no`、`0` 这类不是 true/false 的写法也是错误。已注销（closed）的账号可以不写，写了也必须是 false。
    原因: 4.3 要求坚持公益性，不应开通广告分成、内容分成、知识付费或其他营利权限；登记册要能证明每一项都已关闭。
    示例: `monetization: {ad_revenue: false, content_revenue: false, paid_knowledge: false, tipping: false}`
    """
    accounts = doc.data.get("accounts") if isinstance(doc.data, dict) else None
    for i, account in enumerate(accounts if isinstance(accounts, list) else []):
        if not isinstance(account, dict):
            continue
        flags = account.get("monetization")
        if "monetization" not in account or flags is None:
            if account.get("status") != "closed":
                yield Problem(
                    Text(
                        "账号没有 monetization（营利权限）记录；请确认各项营利权限已在平台上关闭，并写上 "
                        "`monetization: {ad_revenue: false, content_revenue: false, paid_knowledge: false, tipping: false}`。",
                        "the account has no monetization record; confirm on the platform that every for-profit "
                        "permission is off and write `monetization: {ad_revenue: false, content_revenue: false, "
                        "paid_knowledge: false, tipping: false}`.",
                    ),
                    at=("accounts", i),
                )
            continue
        if not isinstance(flags, dict):
            yield Problem(
                Text(
                    "monetization 应逐项写明营利权限及其值 false，如 `{ad_revenue: false, tipping: false}`。",
                    "monetization must name each for-profit permission with the value false, e.g. "
                    "`{ad_revenue: false, tipping: false}`.",
                ),
                at=("accounts", i, "monetization"),
            )
            continue
        lacking = [name for name in PERMISSIONS if name not in flags]
        if lacking:
            yield Problem(
                Text(
                    "monetization 没有写明："
                    + "、".join(f"{name}（{PERMISSIONS[name].zh}）" for name in lacking)
                    + "；没写明就无法确认已关闭，请在平台上核对后逐项写上 false。",
                    "monetization does not state "
                    + ", ".join(f"'{name}' ({PERMISSIONS[name].en})" for name in lacking)
                    + "; unstated is unconfirmed: check the platform and write each as false.",
                ),
                at=("accounts", i, "monetization"),
                key=True,
            )
        for name, on in flags.items():
            if on is True:
                yield Problem(
                    Text(
                        f"账号开通了营利权限“{name}”；公益性要求关闭它，并改为 false。",
                        f"the account has the for-profit permission '{name}' on; switch it off on the "
                        "platform and set it to false.",
                    ),
                    at=("accounts", i, "monetization", name),
                )
            elif on is not False:
                yield Problem(
                    Text(
                        f"营利权限“{name}”的值不是 true 或 false，无法确认已关闭；请在平台上关闭后写 false（不加引号）。",
                        f"the for-profit permission '{name}' is neither true nor false, so it is not confirmed "
                        "off; switch it off on the platform and write false (unquoted).",
                    ),
                    at=("accounts", i, "monetization", name),
                )
