"""WM5xx — monitoring and correction (5.5)."""

from __future__ import annotations

from wemedia import labels
from wemedia.findings import Problem
from wemedia.i18n import Text
from wemedia.model import missing, text
from wemedia.rules.registry import rule

_KIND = {"corrected": "correction", "withdrawn": "withdrawal"}


@rule("WM501", "5.5.1", "更正或撤回的文章必须有相应的更正记录", "a corrected or withdrawn post records the correction")
def correction_recorded(post, archive):
    """规则: 状态为 corrected 的文章须有 `kind: correction` 的更正记录，withdrawn 的须有 `kind: withdrawal` 的记录，
    并写明原因、联系查证的责任部门和批准人。
    原因: 5.5.1 要求发现疑似错误时联系责任部门查证，必要时修改或删除；已发布的内容不能无声无息地改动或消失。
    示例: `corrections: [{at: …, kind: correction, reason: 开放时间写错, department: 读者服务部, approved_by: wang-fang}]`
    """
    wanted = _KIND.get(post.status)
    if wanted is None:
        return
    records = [(i, c) for i, c in post.list_of("corrections") if text(c, "kind") == wanted]
    if not records:
        yield Problem(
            Text(
                f"状态为“{labels.labelled('post.status', post.status)}”，但没有 kind: {wanted} 的更正记录；请在 corrections 中说明原因、查证部门和批准人。",
                f"the status is '{post.status}' but there is no '{wanted}' record in corrections; state the "
                "reason, the department contacted and who approved it.",
            ),
            at=("status",),
        )
        return
    for i, record in records:
        lacking = missing(record, ("department", "approved_by"))
        if lacking:
            yield Problem(
                Text(f"更正记录缺少：{'、'.join(lacking)}。", f"the correction record lacks: {', '.join(lacking)}."),
                at=("corrections", i),
            )
