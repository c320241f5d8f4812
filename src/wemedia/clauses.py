"""The clauses of 自媒体运营管理规范 that rules point at, keyed as in standard/CLAUSES.md.

The modal verb decides a rule's severity (GB/T 1.1: 应 shall → error, 宜 should → warning). Where a
clause mixes modals ("shall / should"), each rule must say which part it enforces. `integrity` is
wemedia's own: the archive must be readable and its references must resolve before any clause of the
standard can be checked at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from wemedia.i18n import Text


@dataclass(frozen=True, slots=True)
class Clause:
    key: str
    modal: str  # "shall" | "shall not" | "should" | "shall / should" | "should / may"
    title: Text


_T = Text
CLAUSES: dict[str, Clause] = {
    c.key: c
    for c in (
        Clause(
            "integrity",
            "shall / should",
            _T(
                "数据完整性：文件可读、格式正确、引用可解析",
                "archive integrity: readable, well-formed, references resolve",
            ),
        ),
        Clause("4.1", "shall", _T("合规性：合法、合规使用素材", "compliance: use material lawfully")),
        Clause("4.2", "shall", _T("真实性：转载文章应考证真实性", "truthfulness: verify reprinted articles")),
        Clause("4.3", "shall not", _T("公益性：不开通营利权限", "public benefit: no for-profit permissions")),
        Clause(
            "5.1", "shall", _T("人员配置：运营管理岗、运营助理岗各至少 1 人", "staffing: a manager and an assistant")
        ),
        Clause(
            "5.2.1.1",
            "shall",
            _T("以相对固定人员注册账号并官方认证", "accounts registered by fixed staff and verified"),
        ),
        Clause("5.2.1.2", "shall", _T("定期资质认定，过期停止运营", "periodic qualification checks")),
        Clause("5.2.2.1", "shall", _T("专人管理账号密码", "one keeper per account password")),
        Clause("5.2.2.2", "shall", _T("及时更换失效二维码", "replace invalid QR codes")),
        Clause("5.3.1 a", "shall", _T("生产活动预告和馆藏揭示类内容", "activity previews and collection reveals")),
        Clause("5.3.1 b", "shall", _T("生产主题鲜明的系列内容", "themed series")),
        Clause("5.3.1 c", "should / may", _T("为不同平台生产差异化内容", "differentiated content per platform")),
        Clause("5.3.1 d", "should", _T("策划热点宣传内容", "hot-topic content")),
        Clause("5.3.2", "shall", _T("内容至少经过初审、复审", "first and second review")),
        Clause("5.3.2 a", "shall", _T("审核内容的真实性、准确性、完整性", "review: truth and accuracy")),
        Clause("5.3.2 b", "shall", _T("审核内容的授权，确保转载合法合规", "review: authorisation of reprints")),
        Clause("5.3.2 c", "shall", _T("审核素材的版权", "review: copyright of all material")),
        Clause("5.3.2 d", "shall", _T("审核是否存在不宜公开的信息", "review: nothing that must not be disclosed")),
        Clause("5.3.3.1", "shall", _T("内容发布经运营管理人员签发", "sign-off by operations management")),
        Clause("5.3.3.2", "shall", _T("保持一定的发布频率", "steady publishing frequency")),
        Clause("5.3.3.3", "should", _T("已发布信息分类、存档", "classify and archive published items")),
        Clause("5.4", "shall", _T("留言礼貌、及时回复", "reply to messages on time")),
        Clause("5.5.1", "shall", _T("信息监测与纠错", "monitor and correct errors")),
        Clause("5.5.2", "shall", _T("舆情监控", "moderate comments")),
        Clause(
            "5.6.1",
            "shall / should",
            _T("按月统计运营数据，宜截图保存关注量", "monthly statistics and follower screenshots"),
        ),
        Clause("5.6.2", "should", _T("分析运营情况", "analyse operations")),
        Clause("5.6.3", "should", _T("定期整理用户留言", "collate user messages")),
        Clause("6.1", "shall", _T("设定年度目标并考核", "annual targets")),
        Clause("6.2", "should", _T("开展满意度调查", "satisfaction surveys")),
    )
}

_SEVERITY = {"shall": "error", "shall not": "error", "should": "warning"}


def severity_for(key: str, chosen: str | None = None) -> str:
    """The severity a rule enforcing `key` must have; `chosen` picks a part of a mixed clause."""
    clause = CLAUSES[key]
    if clause.modal in _SEVERITY:
        expected = _SEVERITY[clause.modal]
        if chosen not in (None, expected):
            raise ValueError(f"clause {key} is '{clause.modal}', so its rules are {expected}s, not {chosen}s")
        return expected
    allowed = {_SEVERITY[m.strip()] for m in clause.modal.split("/") if m.strip() in _SEVERITY}
    if chosen not in allowed:
        raise ValueError(f"clause {key} is '{clause.modal}': a rule must choose one of {sorted(allowed)}")
    return chosen
