"""WM4xx — staffing (5.1)."""

from __future__ import annotations

import datetime as dt

from wemedia import clock, frequency
from wemedia.findings import Problem
from wemedia.i18n import Text
from wemedia.model import text
from wemedia.rules.registry import rule

ROLES = (("manager", "运营管理岗"), ("assistant", "运营助理岗"))  # what 5.1 asks of every operating library


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
        for role, zh in ROLES:
            if role not in roles:
                yield Problem(
                    Text(
                        f"图书馆“{library}”在运营账号，但团队名册中没有在岗的{zh}（{role}）；请补充人员或兼任。",
                        f"the library '{library}' runs accounts but has no active {role} in the team "
                        "register; add one (part-time is allowed).",
                    ),
                    at=("people",),
                )


def _first_publication(archive) -> dict[str, dt.date]:
    """library -> the Shanghai day of the first publication on any of its accounts: from that day on the
    library runs self-media, so from that day on it must be staffed."""
    first: dict[str, dt.date] = {}
    for aid, pubs in frequency.publications(archive).items():  # each account's in order: [0] is its first
        account = archive.accounts.get(aid)
        library = account.text("library") if account is not None else None
        if library is not None and (library not in first or pubs[0].day < first[library]):
            first[library] = pubs[0].day
    return first


def _recorded(doc, library: str, role: str, start: dt.date, end: dt.date) -> bool:
    """Whether `staffing_gaps` in the team register records this gap: same library and role, a period
    covering it and a reason."""
    gaps = doc.data.get("staffing_gaps") if isinstance(doc.data, dict) else None
    for gap in gaps if isinstance(gaps, list) else ():
        if not isinstance(gap, dict) or (text(gap, "library"), text(gap, "role")) != (library, role):
            continue
        low, high = clock.day_of(gap.get("from")), clock.day_of(gap.get("until"))
        if low and high and low <= start and end <= high and (text(gap, "reason") or "").strip():
            return True
    return False


def gaps(archive, library: str, start: dt.date, end: dt.date):
    """(role, first day, last day) of each run of days from `start` through `end` on which the library
    ran an account but no one in the team register held `role` there."""
    accounts = [a for a in archive.accounts.values() if a.text("library") == library]
    open_gap: dict[str, dt.date | None] = {role: None for role, _ in ROLES}
    last: dict[str, dt.date] = {}
    day = start
    while day <= end:
        held: set[str] | None = None
        if any(a.operating_on(day) for a in accounts):
            held = set()
            for person in archive.people.values():
                held |= person.roles_on(day, library)
        for role, _ in ROLES:
            if held is not None and role not in held:
                open_gap[role] = open_gap[role] or day
                last[role] = day
            elif open_gap[role] is not None:
                yield role, open_gap[role], last[role]
                open_gap[role] = None
        day += dt.timedelta(days=1)
    for role, _ in ROLES:
        if open_gap[role] is not None:
            yield role, open_gap[role], last[role]


@rule(
    "WM402",
    "5.1",
    "从第一次发布起的每一天都有运营管理岗和运营助理岗",
    "a manager and an assistant on every day since the library first published",
    scope="document",
    kinds=("team",),
    registers=("team", "accounts"),
)
def staffed_throughout(doc, archive):
    """规则: 从图书馆的账号第一次发布内容那天（北京时间）起到昨天，该馆有账号在运营的每一天，团队名册中都要有人按当天
      的岗位（`roles` 的日期和 `active` 都算）担任该馆的 manager（运营管理岗）和 assistant（运营助理岗）。每段空缺报告
      一次，写明第一天和最后一天。今天由 WM401 判断。账号的 `status` 为 suspended/closed 时，从 `status_since` 那天起不算在运营。
      名册的日期写错了（交接时前任 `until` 与接任者 `from` 之间空了几天），改正日期即可；确实空缺过的，在 team.yml 的
      `staffing_gaps` 中如实记录（`library`、`role`、`from`、`until`、`reason`），覆盖整段空缺的记录让这一段不再报告。
    原因: 5.1 要求至少设置运营管理岗、运营助理岗各 1 名人员，不只是今天；名册改一改日期就能让过去的空缺消失，
      所以检查的是整段运营期间。
    示例: 王芳的 manager 写到 2026-11-18，陈静从 2026-11-21 起 → “2026-11-19 至 2026-11-20（2 天）没有在岗的运营管理岗”。
    """
    today = clock.today()
    for library, start in sorted(_first_publication(archive).items()):
        for role, first, final in gaps(archive, library, start, today - dt.timedelta(days=1)):
            if _recorded(doc, library, role, first, final):
                continue
            zh = dict(ROLES)[role]
            days = (final - first).days + 1
            yield Problem(
                Text(
                    f"图书馆“{library}”{first} 至 {final}（{days} 天）没有在岗的{zh}（{role}），而该馆的账号在运营；"
                    "名册日期写错了就改正岗位或 active 的日期，确实空缺过的请在 team.yml 的 staffing_gaps 中"
                    "如实记录（library、role、from、until、reason）。",
                    f"the library '{library}' ran accounts with no {role} in post from {first} to {final} ({days} "
                    "day(s)); correct the dates of the roles or of active if they are wrong, or record the gap as it "
                    "was in staffing_gaps of team.yml (library, role, from, until, reason).",
                ),
                at=("people",),
            )
