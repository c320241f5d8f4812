"""`wemedia messages due [--today D]` — what the message logs still owe, by deadline (5.4, 5.5.2).

The deadlines are the rules' own (`rules.messages.pending`): an inquiry's on the official calendar
(`content/policy/calendar/`), a suggestion's in calendar days, a complaint's case reference and a
moderated comment's action at once. Listing is not checking: the exit code is 0 whatever is overdue
(`wemedia check` is what blocks)."""

from __future__ import annotations

from wemedia import archive as archive_mod
from wemedia.cli.common import EXIT_FINDINGS, EXIT_OK, NO_REPOSITORY, fail, lang_of, repository, today_of
from wemedia.i18n import Text
from wemedia.rules.messages import STATES, day_text, pending


def add(sub) -> None:
    p = sub.add_parser(
        "messages",
        help="留言：列出待答复、待登记、待处置的留言和期限 / messages: what is due, by when",
    )
    p.add_argument("--lang", choices=("zh", "en"), help="消息语言 / message language")
    actions = p.add_subparsers(dest="action", metavar="due")
    due = actions.add_parser(
        "due",
        help="按期限列出到期和逾期的留言 / list what is due or overdue, by deadline",
        description="列出还没有答复的咨询（期限按国务院办公厅的节假日安排计算：收到当天不算，第 2 个工作日结束前）、"
        "还没有登记的建议、没有投诉编号的投诉、没有记录处置的垃圾信息、广告、无理取闹和违法违规评论，按期限排列。"
        "只列出，不检查：退出码总是 0。 / List unanswered inquiries (due by the end of the second working day "
        "after receipt, on the official calendar), unregistered suggestions, complaints without a case "
        "reference and moderated comments without an action, by deadline. Exit code 0.",
    )
    due.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        help="按这一天列出（默认今天，北京时间，或 WEMEDIA_TODAY）"
        " / list as of this date (default: today in Asia/Shanghai, or WEMEDIA_TODAY)",
    )
    due.add_argument("--root", metavar="DIR", help="编辑仓库所在目录 / the editorial repository")
    due.add_argument("--lang", choices=("zh", "en"), help="消息语言 / message language")
    due.set_defaults(run=run_due)


def run_due(args) -> int:
    lang = lang_of(args)
    today = today_of(args)
    if isinstance(today, Text):
        return fail(args, today)
    root = repository(args)
    if root is None:
        return fail(args, NO_REPOSITORY)
    loaded = archive_mod.load(root)
    items = pending(loaded, today)
    heading = day_text(today)
    unread = [d for d in loaded.of_kind("messages") if not d.ok]
    for doc in unread:  # what cannot be read is not "nothing due": say so first
        first = next((p for p in doc.problems if p.fatal), doc.problems[0] if doc.problems else None)
        where = f"{doc.path}:{first.line}" if first is not None else doc.path
        why = first.message.get(lang) if first is not None else ""
        print(
            Text(
                f"读不了 {where}：{why} 这个文件中的留言没有列出，下面的清单不完整；请先改正（运行 wemedia check）。",
                f"cannot read {where}: {why} Its messages are not listed, so the list below is incomplete; "
                "correct it first (run wemedia check).",
            ).get(lang)
        )
    if not items and not unread:
        print(
            Text(
                f"截至 {heading.zh}，没有待答复的咨询、待登记的建议或待处置的留言。",
                f"as of {heading.en}, nothing is due: no inquiry to answer, suggestion to register or comment "
                "to deal with.",
            ).get(lang)
        )
        return EXIT_OK
    if not items:
        print(
            Text(
                f"截至 {heading.zh}，能读到的记录中没有待处理的。",
                f"as of {heading.en}, nothing due in what could be read.",
            ).get(lang)
        )
        return EXIT_FINDINGS
    print(Text(f"截至 {heading.zh}，按期限排列：", f"as of {heading.en}, by deadline:").get(lang))
    for item in items:
        print(f"{STATES[item.state].get(lang)}  {item.path}:{item.line}  {item.what.get(lang)}")
    counts = {state: sum(1 for i in items if i.state == state) for state in STATES}
    print(
        Text(
            f"共 {len(items)} 条：须立即处理 {counts['now']} 条，已逾期 {counts['overdue']} 条，"
            f"今天到期 {counts['today']} 条，未到期 {counts['open']} 条，期限不明 {counts['unknown']} 条。",
            f"{len(items)} in all: {counts['now']} at once, {counts['overdue']} overdue, {counts['today']} due "
            f"today, {counts['open']} open, {counts['unknown']} without a deadline.",
        ).get(lang)
    )
    return EXIT_FINDINGS if unread else EXIT_OK
