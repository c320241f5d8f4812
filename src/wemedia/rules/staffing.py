"""WM4xx — staffing (5.1)."""

from __future__ import annotations

from wemedia import clock
from wemedia.findings import Problem
from wemedia.i18n import Text
from wemedia.rules.registry import rule


@rule(
    "WM401",
    "5.1",
    "每个运营账号的图书馆至少有一名运营管理岗和一名运营助理岗",
    "each operating library has a manager and an assistant",
    scope="document",
    kinds=("team",),
    registers=("team", "accounts"),
)
def staffed(doc, archive):
    """规则: 在账号登记中有账号的每个图书馆，团队名册中至少有一人今天在该馆担任 manager（运营管理岗）、一人担任
    assistant（运营助理岗）；可以兼职，即同一人可兼任其他岗位，也可以在另一图书馆任岗（带日期的岗位写
    `library`）。只计今天在岗（`active` 的起止日期含今天，含首尾两天）且岗位本身的起止日期含今天的人员；
    “今天”为北京时间，可用 `wemedia check --today 2026-12-01` 或环境变量 WEMEDIA_TODAY 指定。
    原因: 5.1 要求至少设置运营管理岗、运营助理岗各 1 名人员。
    示例: `roles: [manager, reviewer]` 与 `roles: [assistant, {role: assistant, library: qingxi, from: 2026-10-01}]`
    """
    operating = {a.text("library") for a in archive.accounts.values() if a.text("status") in (None, "active")}
    today = clock.today()
    for library in sorted(x for x in operating if x is not None):
        roles = set()
        for person in archive.people.values():
            roles |= person.roles_on(today, library)
        for role, zh in (("manager", "运营管理岗"), ("assistant", "运营助理岗")):
            if role not in roles:
                yield Problem(
                    Text(
                        f"图书馆“{library}”在运营账号，但团队名册中没有在岗的{zh}（{role}）；请补充人员或兼任。",
                        f"the library '{library}' runs accounts but has no active {role} in the team "
                        "register; add one (part-time is allowed).",
                    ),
                    at=("people",),
                )
