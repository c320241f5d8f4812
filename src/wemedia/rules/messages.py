"""WM7xx — messages and comments (5.4, 5.5.2), and the official calendar they are timed by.

Every rule reads a month's log (`content/messages/YYYY-MM.yml`) through `model.Message`, the reply
deadline through `workdays.Calendar` (`archive.calendar`: the State Council's notices in
`content/policy/calendar/`), and the limits through `content/policy/messages.yml`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from wemedia import clock, labels
from wemedia.findings import Problem
from wemedia.i18n import Text
from wemedia.model import Message, items
from wemedia.rules.registry import rule
from wemedia.workdays import Calendar, Due, Uncovered, notice_title, year_of_path

POLICY = "content/policy/messages.yml"
WORKING_DAYS = 2  # 5.4 a
REVIEW_DAYS = 30  # how long a suggestion may wait to be registered, unless the policy says otherwise
_WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


def policy_value(archive, key: str, default: int) -> int:
    """A limit from `content/policy/messages.yml`, or the default when it is absent or not a number
    the schema allows (the schema reports that)."""
    doc = archive.document(POLICY) if archive.exists(POLICY) else None
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    value = data.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else default


def working_days(archive) -> int:
    return min(policy_value(archive, "inquiry_working_days", WORKING_DAYS), WORKING_DAYS)


def messages(doc) -> list[Message]:
    return items(doc, "messages", Message)


def day_text(day: dt.date) -> Text:
    return Text(f"{day.isoformat()}（{_WEEKDAYS[day.weekday()]}）", f"{day.isoformat()} ({day:%a})")


def moment_text(moment: dt.datetime) -> str:
    """A moment as Shanghai wall time, `2026-10-09 20:14`."""
    return moment.astimezone(clock.SHANGHAI).strftime("%Y-%m-%d %H:%M")


def inquiry_due(message: Message, calendar: Calendar, days: int) -> Due | Uncovered | None:
    """The deadline of an inquiry, or why it cannot be computed; None when `received` is not a time."""
    received = message.received
    return calendar.due(received, days) if received is not None else None


@rule(
    "WM701",
    "5.4",
    "咨询留言须在收到后 2 个工作日内答复",
    "inquiries are answered within 2 working days of receipt",
    scope="document",
    kinds=("messages",),
)
def answered_in_time(doc, archive):
    """规则: 咨询（`kind: inquiry`）须在收到后第 2 个工作日结束（北京时间 23:59:59）前答复，`replied` 记录答复时间。
    收到当天不算（不论几点、是不是工作日）；工作日按国务院办公厅当年的节假日安排通知（`content/policy/calendar/年份.yml`）：
    放假的日子休息，调休上班的周末上班，其余周一至周五上班。答复晚于期限是错误；还没有答复、而今天已过了期限也是错误。
    已经晚了的答复无法补救：在这一条写上 `overdue_reason`，如实记录逾期的原因和改进措施，这条记录就不再报错（留作记录）；
    没有答复的咨询写了说明也仍然报错，直到答复。期限所需的年份没有日历文件时，由 WM706 提示，这里不作判断。
    原因: 5.4 a 规定咨询留言 2 个工作日内完成解答；`content/policy/messages.yml` 的 `inquiry_working_days` 可以更严（1）。
    示例: 2026-09-30（周三，国庆前最后一个工作日）23:50 收到的咨询，10 月 1—7 日放假，期限是 2026-10-09（周五）23:59:59；
    2026-10-09（周五）20:14 收到的，10-10 是调休上班的周六，期限是 2026-10-12（周一）。
    """
    calendar, days, today = archive.calendar, working_days(archive), clock.today()
    for message in messages(doc):
        if message.kind != "inquiry":
            continue
        due = inquiry_due(message, calendar, days)
        if not isinstance(due, Due):
            continue  # no time to count from (the schema says so), or a year without a calendar (WM706)
        received = Text(
            f"咨询 {message.label} 于 {moment_text(message.received)} 收到，",
            f"the inquiry {message.label} received {moment_text(message.received)} ",
        )
        deadline = day_text(due.day)
        replied = message.replied
        if replied is not None:
            if replied < message.received:
                continue  # a reply before receipt: WM702
            day = clock.day_of(replied)
            if not due.late(day) or message.text("overdue_reason"):
                continue
            late = calendar.between(due.day, day)
            by = (
                Text(f"，晚了 {late} 个工作日", f", {late} working day(s) late")
                if isinstance(late, int)
                else Text("", "")
            )
            yield Problem(
                Text(
                    f"{received.zh}应在 {deadline.zh} 23:59:59 前答复（收到当天不算，第 {days} 个工作日结束），"
                    f"{moment_text(replied)} 才答复{by.zh}。已晚的答复无法补救：请在这一条写上 overdue_reason，"
                    "如实说明逾期的原因和改进措施，留作记录。",
                    f"{received.en}was due by {deadline.en} 23:59:59 (the day of receipt does not count; the end of "
                    f"working day {days}) but was answered {moment_text(replied)}{by.en}. A late answer cannot "
                    "be undone: add overdue_reason to this entry saying why and what changes, for the record.",
                ),
                at=("messages", message.path[-1], "replied"),
            )
        elif today > due.day:
            late = calendar.between(due.day, today)
            by = (
                Text(f"，已逾期 {late} 个工作日", f", {late} working day(s) overdue")
                if isinstance(late, int)
                else Text("", "")
            )
            yield Problem(
                Text(
                    f"{received.zh}答复期限 {deadline.zh} 23:59:59 已过（今天 {today.isoformat()}{by.zh}），"
                    "还没有答复记录：请尽快答复，并把答复时间写在 replied；已经答复的，补上当时的答复时间。",
                    f"{received.en}was due by {deadline.en} 23:59:59 (today is {today.isoformat()}{by.en}) and has "
                    "no answer recorded: answer it now and write the time in replied; if it was answered, "
                    "record when.",
                ),
                at=("messages", message.path[-1]),
            )


@rule(
    "WM702",
    "5.4",
    "答复和登记不能早于收到留言",
    "a reply or registration never precedes the message",
    scope="document",
    kinds=("messages",),
)
def after_receipt(doc, archive):
    """规则: `replied`（答复时间）不能早于 `received`（收到时间）；建议的 `registered`（登记日期）不能早于收到的那一天
    （北京时间）。不同时区的时间按实际时刻比较（Z 表示世界时，北京时间要加 8 小时）。
    原因: 5.4 要求按时答复、登记，期限从收到时起算；答复早于收到，说明记录写错了（常见的是日期或时区写错），
    答复是否及时也就无从判断。
    示例: `received: 2026-10-09T20:14:00+08:00`、`replied: 2026-10-10T09:20:00+08:00`；
    `replied: 2026-10-09T12:00:00Z` 是北京时间 20:00，早于上面的收到时间。
    """
    for message in messages(doc):
        received = message.received
        if received is None:
            continue
        replied = message.replied
        if replied is not None and replied < received:
            yield Problem(
                Text(
                    f"留言 {message.label} 的答复时间 {moment_text(replied)} 早于收到时间 {moment_text(received)}"
                    "（北京时间）：请核对这两个时间和时区（Z 表示世界时，北京时间要加 8 小时）。",
                    f"the message {message.label} was answered {moment_text(replied)}, before it was received "
                    f"{moment_text(received)} (Shanghai time): check both times and their zones (Z is UTC).",
                ),
                at=("messages", message.path[-1], "replied"),
            )
        registered = clock.day_of(message.get("registered"))
        received_day = clock.day_of(received)
        if registered is not None and received_day is not None and registered < received_day:
            yield Problem(
                Text(
                    f"留言 {message.label} 的登记日期 {registered.isoformat()} 早于收到的日期 "
                    f"{received_day.isoformat()}：请核对 registered 和 received。",
                    f"the message {message.label} was registered {registered.isoformat()}, before it was "
                    f"received {received_day.isoformat()}: check registered and received.",
                ),
                at=("messages", message.path[-1], "registered"),
            )


@rule(
    "WM703",
    "5.4",
    "投诉须有按 FSUL/Z 53 受理的投诉编号",
    "a complaint carries its FSUL/Z 53 case reference",
    scope="document",
    kinds=("messages",),
)
def complaint_case(doc, archive):
    """规则: 投诉（`kind: complaint`）须写明 `complaint_ref`：按 FSUL/Z 53《投诉处理规范》受理时的投诉编号。
    原因: 5.4 b 规定投诉留言依据 FSUL/Z 53 处理；有了编号，留言记录和投诉处理记录才能互相查到。
    示例: `complaint_ref: TS-2026-031`
    """
    for message in messages(doc):
        if message.kind == "complaint" and not message.text("complaint_ref"):
            yield Problem(
                Text(
                    f"投诉 {message.label} 没有投诉编号：请按 FSUL/Z 53 受理登记，把投诉编号写在 complaint_ref"
                    "（如 TS-2026-031）。",
                    f"the complaint {message.label} has no case reference: register it under FSUL/Z 53 and "
                    "write its reference in complaint_ref (e.g. TS-2026-031).",
                ),
                at=("messages", message.path[-1]),
            )


@rule(
    "WM704",
    "5.4",
    "建议须在规定天数内整理登记",
    "suggestions are registered within the set number of days",
    scope="document",
    kinds=("messages",),
)
def suggestion_registered(doc, archive):
    """规则: 建议（`kind: suggestion`）收到后，须在 `content/policy/messages.yml` 的 `suggestion_review_days` 天内
    （没有写时为 30 天，按北京时间的日历日）整理登记，`registered` 写登记日期；今天已超过这个天数仍没有 `registered`
    是错误。还在期限内的建议不报告（`wemedia messages due` 列出它们）。
    原因: 5.4 c 规定建议留言定期整理、做好登记。
    示例: `received: 2026-10-15T12:40:00+08:00`、`registered: 2026-10-31`
    """
    limit, today = policy_value(archive, "suggestion_review_days", REVIEW_DAYS), clock.today()
    for message in messages(doc):
        received = clock.day_of(message.received) if message.received is not None else None
        if message.kind != "suggestion" or received is None or message.get("registered") is not None:
            continue
        by = received + dt.timedelta(days=limit)
        if today > by:
            yield Problem(
                Text(
                    f"建议 {message.label} 于 {received.isoformat()} 收到，应在 {limit} 天内（{by.isoformat()} 前）"
                    f"整理登记，今天（{today.isoformat()}）仍未登记：请登记后把日期写在 registered。",
                    f"the suggestion {message.label} received {received.isoformat()} was to be registered within "
                    f"{limit} days (by {by.isoformat()}) and still is not today ({today.isoformat()}): register "
                    "it and write the date in registered.",
                ),
                at=("messages", message.path[-1]),
            )


@rule(
    "WM705",
    "5.5.2",
    "垃圾信息、广告、无理取闹和违法违规评论须记录处置，违法违规的须上报",
    "spam, advertising, abuse and illegal comments record the action taken; illegal ones are reported",
    scope="document",
    kinds=("messages",),
)
def moderated(doc, archive):
    """规则: 垃圾信息（spam）、广告（advertising）、无理取闹（abuse）和违法违规（illegal）的留言或评论，须在 `action`
    记录采取的处置：deleted 删除评论、blocked 拉黑用户、reported 上报，可写一项或几项（`[deleted, reported]`）。
    违法违规的须上报：`action` 中要有 reported。
    原因: 5.5.2 要求评论出现垃圾信息、广告信息或无理取闹者，视情况删除评论或拉黑用户，发现违法、违规信息及时上报；
    没有处置记录，就无从证明已经处理。
    示例: `kind: advertising`、`action: deleted`；`kind: illegal`、`action: [deleted, reported]`
    """
    for message in messages(doc):
        if message.kind not in Message.MODERATED:
            continue
        kind = labels.text("message.kind", message.kind)
        actions = message.actions
        if not actions:
            yield Problem(
                Text(
                    f"{kind.zh}留言 {message.label} 没有记录处置：请在 action 写明采取的处置——deleted 删除评论、"
                    "blocked 拉黑用户或 reported 上报，可写几项，如 [deleted, blocked]"
                    + ("；违法违规的须上报（reported）。" if message.kind == "illegal" else "。"),
                    f"the {kind.en} message {message.label} records no action: write in action what was done — "
                    "deleted, blocked or reported, or several, e.g. [deleted, blocked]"
                    + ("; an illegal one must be reported." if message.kind == "illegal" else "."),
                ),
                at=("messages", message.path[-1]),
            )
        elif message.kind == "illegal" and "reported" not in actions:
            done = "、".join(labels.labelled("message.action", a) for a in actions)
            done_en = ", ".join(actions)
            yield Problem(
                Text(
                    f"违法违规留言 {message.label} 只记录了 {done}，没有上报：5.5.2 要求发现违法、违规信息及时上报；"
                    "请上报后在 action 加上 reported，如 [deleted, reported]。",
                    f"the illegal message {message.label} records only {done_en} and was not reported: 5.5.2 "
                    "requires reporting illegal content; report it and add reported to action, e.g. "
                    "[deleted, reported].",
                ),
                at=("messages", message.path[-1], "action"),
            )


@rule(
    "WM706",
    "integrity",
    "咨询的答复期限所需的年份须有工作日历",
    "the calendar covers the years an inquiry's deadline needs",
    scope="document",
    kinds=("messages",),
    severity="warning",
)
def calendar_covers(doc, archive):
    """规则: 计算咨询的答复期限要用到收到后的几天；其中任何一天所在的年份在 `content/policy/calendar/` 中没有
    日历文件时，期限算不出来，提示按国务院办公厅当年的《部分节假日安排的通知》添加这一年的文件（放假和调休上班的日期）。
    wemedia 不猜：不按“周一至周五上班”估计，也不用日历库的估计；在添加之前，这条咨询是否按时答复不作判断。
    原因: 5.4 a 的“工作日”取决于国务院每年的节假日安排（调休），事先无法推算。
    示例: 日历只有 2025、2026 年时，2026-12-31 收到的咨询需要 2027 年 1 月的日子：请按
    《国务院办公厅关于2027年部分节假日安排的通知》添加 `content/policy/calendar/2027.yml`。
    """
    calendar, days = archive.calendar, working_days(archive)
    for message in messages(doc):
        if message.kind != "inquiry":
            continue
        due = inquiry_due(message, calendar, days)
        if isinstance(due, Uncovered):
            reason = due.text()
            yield Problem(
                Text(
                    f"咨询 {message.label} 于 {moment_text(message.received)} 收到，答复期限算不出来：{reason.zh}；"
                    "添加之前，不检查这条是否按时答复。",
                    f"the deadline of the inquiry {message.label} received {moment_text(message.received)} "
                    f"cannot be computed: {reason.en}; until then, whether it was answered in time is not checked.",
                ),
                at=("messages", message.path[-1], "received"),
            )


@rule(
    "WM707",
    "integrity",
    "工作日历文件须与通知一致：年份、日期、调休上班的日子",
    "a calendar file is consistent: its year, its dates, weekend working days",
    scope="document",
    kinds=("policy-calendar",),
    severity="error",
)
def calendar_consistent(doc, archive):
    """规则: `content/policy/calendar/年份.yml` 的 `year` 与文件名相同；每个节日放假的 `from` 不晚于 `until`；
    日期都在这一年内（通知偶尔安排相邻年份的日子，如前一年 12 月 31 日调休上班，所以前后 14 天以内也可以）；
    调休上班（`workdays`）的日子是周六或周日，并且不在任何一个节日的放假日期之内。
    原因: 5.4 a 的工作日按这些文件计算；年份或日期抄错一个数字，答复期限就会悄悄算错。
    示例: `- {name: 国庆节, from: 2026-10-01, until: 2026-10-07, workdays: [2026-09-20, 2026-10-10]}`
    """
    year = year_of_path(doc.path)
    data = doc.data
    if year is None or not isinstance(data, dict):
        return
    written = data.get("year")
    if isinstance(written, int) and not isinstance(written, bool) and written != year:
        yield Problem(
            Text(
                f"文件名是 {year} 年，year 却写的是 {written}：一个文件只放一年，文件名和 year 要一致"
                f"（{year} 年的依据是《{notice_title(year)}》）。",
                f"the file is named for {year} but its year says {written}: one file per year, named for it.",
            ),
            at=("year",),
        )
    first, last = dt.date(year, 1, 1) - dt.timedelta(days=14), dt.date(year, 12, 31) + dt.timedelta(days=14)
    off: list[tuple[dt.date, dt.date]] = []
    festivals = data.get("holidays") if isinstance(data.get("holidays"), list) else []
    for i, festival in enumerate(festivals):
        if not isinstance(festival, dict):
            continue
        name = festival.get("name") if isinstance(festival.get("name"), str) else f"#{i + 1}"
        start, end = clock.day_of(festival.get("from")), clock.day_of(festival.get("until"))
        for key, day in (("from", start), ("until", end)):
            if day is not None and not first <= day <= last:
                yield _outside(year, name, day, ("holidays", i, key))
        if start is not None and end is not None:
            if start > end:
                yield Problem(
                    Text(
                        f"{name}的放假开始日期 {start.isoformat()} 晚于结束日期 {end.isoformat()}：请对照通知改正。",
                        f"'{name}': the days off start {start.isoformat()}, after they end {end.isoformat()}: "
                        "correct them from the notice.",
                    ),
                    at=("holidays", i, "from"),
                )
            else:
                off.append((start, end))
    for i, festival in enumerate(festivals):
        if not isinstance(festival, dict) or not isinstance(festival.get("workdays"), list):
            continue
        name = festival.get("name") if isinstance(festival.get("name"), str) else f"#{i + 1}"
        for j, value in enumerate(festival["workdays"]):
            day = clock.day_of(value)
            if day is None:
                continue
            where = ("holidays", i, "workdays", j)
            if not first <= day <= last:
                yield _outside(year, name, day, where)
            elif any(start <= day <= end for start, end in off):
                yield Problem(
                    Text(
                        f"{name}的调休上班日 {day_text(day).zh} 同时在放假日期之内：一天不能既放假又上班，请对照通知改正。",
                        f"'{name}': the working day {day_text(day).en} is also a day off: correct it from the notice.",
                    ),
                    at=where,
                )
            elif day.weekday() < 5:
                yield Problem(
                    Text(
                        f"{name}的调休上班日 {day_text(day).zh} 不是周末：调休上班的是周六或周日，"
                        "周一至周五本来就上班；请对照通知改正日期。",
                        f"'{name}': the adjusted working day {day_text(day).en} is not a weekend day; weekdays are "
                        "working days anyway: correct the date from the notice.",
                    ),
                    at=where,
                )


def _outside(year: int, name: str, day: dt.date, where: tuple) -> Problem:
    return Problem(
        Text(
            f"{name}的日期 {day.isoformat()} 不在 {year} 年：这个文件是 {year} 年的日历，请对照《{notice_title(year)}》"
            "改正年份。",
            f"'{name}': the date {day.isoformat()} is not in {year}, the year of this calendar file: correct it "
            "from the notice.",
        ),
        at=where,
    )


@dataclass(frozen=True, slots=True)
class Pending:
    """One thing `wemedia messages due` lists: what the entry still needs, and by when."""

    path: str
    line: int
    message: Message
    deadline: dt.datetime | None  # None: at once (moderation, a complaint's case) or not computable
    state: str  # "overdue" | "today" | "open" | "now" | "unknown"
    what: Text  # what is to be done, with the deadline in words


STATES = {
    "overdue": Text("已逾期", "overdue"),
    "now": Text("须立即处理", "at once"),
    "today": Text("今天到期", "due today"),
    "open": Text("未到期", "open"),
    "unknown": Text("期限不明", "no deadline"),
}


def pending(archive, today: dt.date) -> list[Pending]:
    """What the message logs still owe as of `today`, by deadline (overdue first, then today's, then
    the rest; entries needed at once by when they came; those whose deadline cannot be computed last):
    inquiries not answered, suggestions not registered, complaints without a case reference and
    moderated comments without an action. What the checks report is the same verdict: WM701, WM703–WM706.
    A reply or registration dated after `today` had not happened yet on that day: `--today` in the past
    shows what was pending then."""
    calendar, days = archive.calendar, working_days(archive)
    limit = policy_value(archive, "suggestion_review_days", REVIEW_DAYS)
    out: list[Pending] = []
    for doc in archive.of_kind("messages"):
        for message in messages(doc):
            received = message.received
            line = message.where()[0]
            if received is None:  # no time to count from: listed, not silently left out
                if message.kind == "inquiry" and message.replied is None:
                    what = Text(
                        f"{labels.label('message.kind', message.kind)} {message.label}：收到时间 received 读不了，"
                        "算不出答复期限；请改正（wemedia check 会指出位置）",
                        f"inquiry {message.label}: its received time cannot be read, so it has no deadline; "
                        "correct it (wemedia check shows where)",
                    )
                    out.append(Pending(doc.path, line, message, None, "unknown", what))
                continue
            if clock.day_of(received) > today:
                continue  # it had not come yet
            kind = labels.label("message.kind", message.kind)
            kind_en = labels.label("message.kind", message.kind, "en")
            head = Text(
                f"{kind} {message.label}（{message.text('account') or '?'}，{moment_text(received)} 收到）",
                f"{kind_en} {message.label} ({message.text('account') or '?'}, received {moment_text(received)})",
            )
            replied = message.replied
            if message.kind == "inquiry" and (replied is None or clock.day_of(replied) > today):  # as it stood then
                due = calendar.due(received, days)
                if isinstance(due, Due):
                    state = "overdue" if today > due.day else "today" if today == due.day else "open"
                    left = calendar.between(today, due.day) if state == "open" else calendar.between(due.day, today)
                    count = (
                        Text("", "")
                        if not isinstance(left, int) or state == "today"
                        else Text(f"，还有 {left} 个工作日", f", {left} working day(s) left")
                        if state == "open"
                        else Text(f"，已逾期 {left} 个工作日", f", {left} working day(s) overdue")
                    )
                    deadline = day_text(due.day)
                    what = Text(
                        f"{head.zh}：答复期限 {deadline.zh} 23:59:59{count.zh}",
                        f"{head.en}: answer by {deadline.en} 23:59:59{count.en}",
                    )
                    out.append(Pending(doc.path, line, message, due.by, state, what))
                elif isinstance(due, Uncovered):
                    reason = due.text()
                    what = Text(f"{head.zh}：答复期限算不出来，{reason.zh}", f"{head.en}: no deadline, {reason.en}")
                    out.append(Pending(doc.path, line, message, None, "unknown", what))
            elif message.kind == "suggestion" and (
                message.get("registered") is None or (clock.day_of(message.get("registered")) or today) > today
            ):
                by = clock.day_of(received) + dt.timedelta(days=limit)
                state = "overdue" if today > by else "today" if today == by else "open"
                deadline = day_text(by)
                what = Text(
                    f"{head.zh}：整理登记期限 {deadline.zh}（收到后 {limit} 天）",
                    f"{head.en}: register by {deadline.en} ({limit} days after receipt)",
                )
                at = dt.datetime.combine(by, dt.time(23, 59, 59), tzinfo=clock.SHANGHAI)
                out.append(Pending(doc.path, line, message, at, state, what))
            elif message.kind == "complaint" and not message.text("complaint_ref"):
                what = Text(
                    f"{head.zh}：按 FSUL/Z 53 受理登记，写上投诉编号（complaint_ref）",
                    f"{head.en}: register it under FSUL/Z 53 and write its case reference (complaint_ref)",
                )
                out.append(Pending(doc.path, line, message, None, "now", what))
            elif message.kind in Message.MODERATED and (
                not message.actions or (message.kind == "illegal" and "reported" not in message.actions)
            ):
                need = Text("上报并记录（reported）", "report it and record reported")
                if not message.actions:
                    need = Text(
                        "处置并记录（action：deleted 删除、blocked 拉黑、reported 上报）",
                        "act and record it (action: deleted, blocked, reported)",
                    )
                what = Text(f"{head.zh}：{need.zh}", f"{head.en}: {need.en}")
                out.append(Pending(doc.path, line, message, None, "now", what))
    order = {"now": 0, "overdue": 1, "today": 1, "open": 1, "unknown": 2}
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    out.sort(key=lambda p: (order[p.state], p.deadline or p.message.received or far, p.path, p.line))
    return out
