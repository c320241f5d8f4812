"""WM80x — monthly statistics (5.6.1): every account has a row in every month's file, the follower
figures add up within a month and from one month to the next, and each row has its screenshot.

Rows are read through `figures` (filed under their file's month). Each finding stands at the CSV cell
to correct; a month with no file at all stands at the nearest monthly file (the one a person copies to
make it), or at the account in accounts.yml when no monthly file is left.
"""

from __future__ import annotations

from wemedia import clock, figures, labels
from wemedia.findings import Problem
from wemedia.i18n import Text
from wemedia.rules.registry import rule

ACCOUNTS = "content/accounts.yml"


def _n(value: int) -> str:
    return f"{value:,}"


def _who(archive, account: str) -> Text:
    known = archive.accounts.get(account)
    name = known.text("name") if known is not None else None
    if name and known.text("platform"):  # several accounts of one library share its name: 微博·南湖市图书馆
        name = f"{labels.label('account.platform', known.text('platform'))}·{name}"
    return Text(f"{name}（{account}）" if name else account, account)


def _file_month(doc) -> str:
    return figures.month_of(doc.path) or ""


def _nearest_file(months: dict, month: str) -> str | None:
    """The monthly file closest before `month`, else the first after it."""
    before = [m for m in months if m < month]
    after = [m for m in months if m > month]
    chosen = max(before) if before else min(after) if after else None
    return months[chosen].path if chosen else None


def _judged(archive) -> bool:
    """Missing months are computed when a check reports on a monthly file or the accounts register:
    a one-file check of a post never reads every post for them (and reports the same for that post)."""
    return any(figures.month_of(p) or p == ACCOUNTS for p in archive.selected)


@rule(
    "WM801",
    "5.6.1",
    "每个账号每月都有运营数据",
    "every account has figures for every month",
    scope="archive",
    registers=("accounts",),
    severity="error",
)
def missing_month(archive):
    """规则: 每个账号从第一次有活动的月份（第一次发布，或第一次出现在月度数据中）起，到今天（北京时间）之前最后一个完整的月份，
      每月在 `content/metrics/YYYY-MM.csv` 中都有一行。已注销（`status: closed`）的账号只要求到 `status_since` 写的注销月份
      （没写注销日期时，到它最后有活动的月份）。月份文件在但缺某个账号的一行，问题标在这个文件的第一行；整个月份文件不存在
      （没建或被删除），问题标在最近的另一个月份文件的第一行，一个月份文件都没有时标在 accounts.yml 中的账号上。
      仓库里还从来没有月度数据文件时不判断（新仓库）；删除月度数据文件的提交照样报告。
    原因: 5.6.1 要求按月统计各平台的运营数据；少了一个月，年度考核（6.1）和分析（5.6.2）就无从做起。
    示例: 删掉 content/metrics/2026-10.csv → 在 2026-09.csv 第 1 行报告“2026-10 的月度数据文件不存在”，列出应有数据的账号。
    """
    if not _judged(archive) or not figures.kept(archive):
        return
    months, table = figures.files(archive), figures.table(archive)
    absent: dict[str, list[str]] = {}  # month without a file -> accounts due
    for account in archive.accounts.values():
        for month in figures.due_months(archive, account):
            if month not in months:
                absent.setdefault(month, []).append(account.id)
            elif (account.id, month) not in table:
                who = _who(archive, account.id)
                yield Problem(
                    Text(
                        f"{month} 的月度数据中没有账号{who.zh}的一行（5.6.1 应按月统计）；"
                        f"请按平台导出的数据补上这一行，没有的数字留空，不要写 0。",
                        f"the figures for {month} have no row for account {who.en} (5.6.1: figures are kept "
                        f"monthly); add its row from the platform's export, leaving unknown figures empty, not 0.",
                    ),
                    path=months[month].path,
                )
    for month, accounts in sorted(absent.items()):
        names = Text("、".join(_who(archive, a).zh for a in accounts), ", ".join(_who(archive, a).en for a in accounts))
        message = Text(
            f"{month} 的月度数据文件 {figures.FOLDER}/{month}.csv 不存在，而这些账号该月应有数据：{names.zh}（5.6.1）；"
            f"请按平台导出的数据建立这个文件（表头与其他月份相同），被误删的请恢复（git restore）。",
            f"the monthly file {figures.FOLDER}/{month}.csv does not exist, yet these accounts need figures for "
            f"{month}: {names.en} (5.6.1); create it from the platforms' exports (same header as the other "
            f"months), or restore it if it was deleted (git restore).",
        )
        near = _nearest_file(months, month)
        if near is not None:
            yield Problem(message, path=near)
        else:
            for account in accounts:
                entry = archive.accounts[account]
                yield Problem(message, path=entry.doc.path, at=entry.path + ("id",))


@rule(
    "WM802",
    "5.6.1",
    "每个账号每月的关注量截图",
    "a screenshot of each account's followers each month",
    scope="document",
    kinds=("metrics",),
    severity="warning",
)
def follower_screenshot(doc, archive):
    """规则: 月度数据中的每个账号，在 `content/metrics/YYYY-MM/账号编号-followers.png`（或 .jpg）保存该月平台关注量的截图。
    原因: 5.6.1 宜截图保存平台关注量数据：平台后台的数字以后可能改动或查不到，截图是当月数字的凭据。
    示例: 2026-10.csv 有 nanhu-weibo 的一行，content/metrics/2026-10/nanhu-weibo-followers.png 不存在 → 提示补上截图。
    """
    month = _file_month(doc)
    for metric in figures.rows(doc):
        if month and metric.account and figures.screenshot(archive, month, metric.account) is None:
            want = f"{figures.FOLDER}/{month}/{metric.account}-followers.png"
            yield Problem(
                Text(
                    f"没有账号 {metric.account} {month} 的关注量截图（5.6.1）；请把平台后台关注量页面的截图保存为 {want}。",
                    f"no follower screenshot of {metric.account} for {month} (5.6.1); save a screenshot of the "
                    f"platform's follower page as {want}.",
                ),
                at=metric.path + ("account",),
            )


@rule(
    "WM803",
    "5.6.1",
    "净增关注等于新增减取消",
    "net followers equal new minus lost",
    scope="document",
    kinds=("metrics",),
    severity="error",
)
def net_adds_up(doc, archive):
    """规则: 一行中新增关注（followers_new）、取消关注（followers_lost）、净增关注（followers_net）三项都有时，
      净增 = 新增 − 取消。有一项空着（平台没给）时不判断。
    原因: 5.6.1 的数据要能用：三个数对不上，至少有一个抄错了，年度考核（6.1）用的数字就不可信。
    示例: 新增 543、取消 33、净增 501 → 报告“543 − 33 = 510，不是 501”。
    """
    for metric in figures.rows(doc):
        new, lost, net = (metric.figure(k) for k in ("followers_new", "followers_lost", "followers_net"))
        if None not in (new, lost, net) and new - lost != net:
            yield Problem(
                Text(
                    f"账号 {metric.account or '？'} 的净增关注 {_n(net)} 与新增 {_n(new)}、取消 {_n(lost)} 对不上："
                    f"{_n(new)} − {_n(lost)} = {_n(new - lost)}；请对照平台导出的数据改正抄错的一项。",
                    f"net followers {_n(net)} of {metric.account or '?'} do not match new {_n(new)} and lost "
                    f"{_n(lost)}: {_n(new)} − {_n(lost)} = {_n(new - lost)}; correct the figure copied wrongly "
                    f"from the platform's export.",
                ),
                at=metric.path + ("followers_net",),
            )


@rule(
    "WM804",
    "5.6.1",
    "本月关注总数等于上月总数加本月净增",
    "this month's follower total is last month's plus this month's net",
    scope="document",
    kinds=("metrics",),
    severity="error",
)
def totals_carry_on(doc, archive):
    """规则: 账号某月的关注总数（followers_total）= 上月的关注总数 + 本月的净增关注（followers_net）；三个数都有时判断。
      问题标在本月的关注总数上，说明中写出上月的文件和数字。
    原因: 5.6.1 的月度数据是连续的：对不上说明某月的数字抄错了，或把别的月份的数据贴了进来。
    示例: 9 月总数 48,210，10 月净增 510，10 月总数却写 48,199 → “应为 48,210 + 510 = 48,720”。
    """
    month, table = _file_month(doc), figures.table(archive)
    if not month:
        return
    seen: set[str] = set()
    for metric in figures.rows(doc):
        if not metric.account or metric.account in seen:
            continue  # a second row of the account is WM806's
        seen.add(metric.account)
        before = table.get((metric.account, clock.month_before(month)))
        total, net = metric.figure("followers_total"), metric.figure("followers_net")
        last = before.figure("followers_total") if before is not None else None
        if None not in (total, net, last) and last + net != total:
            yield Problem(
                Text(
                    f"账号 {metric.account} {month} 的关注总数 {_n(total)} 与上月不衔接：上月（{before.doc.path}）"
                    f"关注总数 {_n(last)} + 本月净增 {_n(net)} = {_n(last + net)}；请对照平台数据改正本月或上月抄错的数字。",
                    f"the follower total {_n(total)} of {metric.account} for {month} does not follow from last "
                    f"month: {_n(last)} in {before.doc.path} + this month's net {_n(net)} = {_n(last + net)}; "
                    f"correct the figure copied wrongly, this month's or last month's.",
                ),
                at=metric.path + ("followers_total",),
            )


@rule(
    "WM805",
    "5.6.1",
    "行的月份与文件的月份一致",
    "a row's month is its file's month",
    scope="document",
    kinds=("metrics",),
    severity="error",
)
def month_matches_file(doc, archive):
    """规则: `content/metrics/2026-10.csv` 中每一行的 month 列都是 2026-10。
    原因: 把别的月份的数据整行贴进来，是最容易犯、也最难看出的错误；5.6.1 的月度数据要对应正确的月份。
    示例: 2026-10.csv 中一行写着 2026-09 → 报告，请换成 10 月的数据并把月份改为 2026-10。
    """
    month = _file_month(doc)
    for metric in figures.rows(doc):
        if month and metric.month and metric.month != month:
            yield Problem(
                Text(
                    f"这一行的月份是 {metric.month}，而文件是 {month} 的月度数据；若这一行是从 {metric.month} 贴过来的，"
                    f"请换成 {month} 的数字并把月份改为 {month}。",
                    f"this row's month is {metric.month} but the file holds the figures for {month}; if the row "
                    f"was pasted from {metric.month}, replace it with {month}'s figures and month.",
                ),
                at=metric.path + ("month",),
            )


@rule(
    "WM806",
    "5.6.1",
    "一个账号在一个月份文件中只写一行",
    "one row per account in a month's file",
    scope="document",
    kinds=("metrics",),
    severity="error",
)
def one_row_per_account(doc, archive):
    """规则: 同一个账号在一个月份文件中只能有一行；重复的行（第二行起）报告在账号一格。
    原因: 两行数字不同时不知道哪一行是真的（统计和网站只用第一行），5.6.1 的数据就不可靠。
    示例: 2026-10.csv 第 2 行和第 7 行都是 nanhu-wechat → 第 7 行报告。
    """
    first: dict[str, int] = {}
    for metric in figures.rows(doc):
        account = metric.account
        if not account:
            continue
        if account in first:
            line = first[account]
            yield Problem(
                Text(
                    f"账号 {account} 在这个文件中已经写过一行（第 {line} 行）；统计和网站只用第一行，请合并为一行，删除另一行。",
                    f"account {account} already has a row in this file (line {line}); figures and the site use "
                    f"only the first: keep one row and delete the other.",
                ),
                at=metric.path + ("account",),
            )
        else:
            first[account] = metric.where()[0]


@rule(
    "WM807",
    "5.6.1",
    "已注销账号在注销之后没有月度数据",
    "no figures for an account after it was closed",
    scope="document",
    kinds=("metrics",),
    registers=("accounts",),
    severity="error",
)
def closed_account_row(doc, archive):
    """规则: accounts.yml 中 `status: closed`、写了注销日期 `status_since` 的账号，注销月份之后的月份文件中不能有它的一行。
    原因: 注销了的账号不会再有关注和阅读；这样的一行多半是把别的账号或别的月份的数据贴错了地方（5.6.1 的数据要真实）。
    示例: qingxi-weibo 于 2026-09-30 注销，2026-10.csv 中却有它的一行 → 报告，请删除这一行或改为正确的账号。
    """
    month = _file_month(doc)
    for metric in figures.rows(doc):
        account = archive.accounts.get(metric.account) if metric.account else None
        closed = figures.closed_month(account) if account is not None else None
        if month and closed and month > closed:
            day = account.since
            yield Problem(
                Text(
                    f"账号 {metric.account} 已于 {day} 注销（{account.doc.path}），{month} 不应再有它的数据；"
                    f"这一行若是别的账号或月份的数据，请改到正确的位置，否则删除这一行。",
                    f"account {metric.account} was closed on {day} ({account.doc.path}), so it has no figures for "
                    f"{month}; if this row belongs to another account or month move it there, otherwise delete it.",
                ),
                at=metric.path + ("account",),
            )
