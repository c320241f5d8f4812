"""WM90x — assessment (clause 6): each year's targets for items, reads and followers per library and
account (6.1, `content/targets/YYYY.yml`), and satisfaction surveys with what was changed after them
(6.2, `content/surveys/*.yml`). A missing file has no line of its own, so what it leaves undone is
reported at the entry of the library it concerns in content/libraries.yml: a file a person can act on,
and one no deletion makes disappear."""

from __future__ import annotations

from wemedia import clock
from wemedia.findings import Problem
from wemedia.i18n import Text
from wemedia.rules.registry import rule

LIBRARIES = "content/libraries.yml"
FIGURES = {"items": "发布量", "reads": "阅读量", "followers": "关注量"}
SURVEY_REMINDER_MONTH = 12  # the current year's survey is asked for from December on: there is still time


def target_path(year: int) -> str:
    return f"content/targets/{year}.yml"


def operating(archive) -> dict[str, list[str]]:
    """library id -> its operating accounts (status `active`), for every registered library that has one."""
    out: dict[str, list[str]] = {}
    for account in archive.accounts.values():
        library = account.text("library")
        if account.text("status") == "active" and library in archive.libraries:
            out.setdefault(library, []).append(account.id)
    return out


def library_name(archive, library: str) -> str:
    lib = archive.libraries.get(library)
    name = lib.get("name") if lib is not None else None
    return f"{name}（{library}）" if isinstance(name, str) else library


def _at_library(archive, library: str, message: Text) -> Problem:
    return Problem(message, path=LIBRARIES, at=archive.libraries[library].path)


@rule(
    "WM901",
    "6.1",
    "今年的年度目标文件必须存在",
    "this year's targets file exists",
    scope="archive",
    registers=("libraries", "accounts"),
)
def targets_file(archive):
    """规则: 今年（北京时间的今天所在年份）要有 `content/targets/今年.yml`，为每个有在运营账号的图书馆设定发布量、阅读量、关注量目标。
      文件不存在时，问题标在 content/libraries.yml 中该馆的一项上（删掉目标文件不会让问题消失）。
    原因: 6.1 要求设置年度发布量、阅读量、关注量等指标并进行考核；没有目标，就无从考核，月报和年报也算不出完成进度。
    示例: 2027 年 1 月还没有 content/targets/2027.yml → `wemedia new targets 2027` 新建（上一年的目标写在注释里），填写各项目标。
    """
    year = clock.today().year
    if LIBRARIES not in archive.selected or year in archive.target_files:
        return  # reported at content/libraries.yml, which every full check and register change selects
    path = target_path(year)
    for library in sorted(operating(archive)):
        name = library_name(archive, library)
        yield _at_library(
            archive,
            library,
            Text(
                f"{name}有在运营的账号，但没有 {year} 年的年度目标：{path} 不存在（6.1）；请运行 wemedia new targets {year} "
                "新建这个文件，写上该馆的 items 发布量、reads 阅读量、followers 关注量目标。",
                f"{library} operates accounts but has no targets for {year}: {path} does not exist (6.1); run wemedia "
                f"new targets {year} to create it and write the library's items, reads and followers targets.",
            ),
        )


def _entries(archive, year: int):
    """(index, entry) of each readable item of the year's targets file."""
    return [(t.path[-1], t) for t in archive.targets(year)]


def _years(archive):
    """Each year with a readable targets file, and that file's path."""
    for year, doc in sorted(archive.target_files.items()):
        if doc.ok and isinstance(doc.data, dict):
            yield year, doc.path


@rule(
    "WM902",
    "6.1",
    "每个有在运营账号的图书馆都有发布量、阅读量、关注量目标",
    "every library that operates accounts has items, reads and followers targets",
    scope="archive",
    registers=("libraries", "accounts"),
)
def every_library(archive):
    """规则: 今年的目标文件中，每个有在运营（`status: active`）账号的图书馆都要有目标：一项 `library: 该馆`，
      或者该馆每个在运营的账号各有一项 `account:`；每一项都写明 `items` 发布量、`reads` 阅读量、`followers` 关注量。
    原因: 6.1 的考核对象是每个图书馆的自媒体；漏了一个馆，它全年的运营就没有考核依据。
    示例: 清溪区图书馆开通了公众号，2026.yml 中却只有南湖馆的目标 → 为清溪馆加上 `- {library: qingxi, items: 60, …}`。
    """
    for year, path in _years(archive):
        if year != clock.today().year:
            continue  # a closed year is not rewritten; next year's file is judged when its year comes
        entries = _entries(archive, year)
        for i, target in entries:
            lacking = [f for f in target.FIGURES if target.figure(f) is None]
            if lacking and (target.library or target.account):
                who = target.account or target.library
                yield Problem(
                    Text(
                        f"{who} 的 {year} 年目标缺少 {'、'.join(f'{f} {FIGURES[f]}' for f in lacking)}（6.1 要求发布量、阅读量、"
                        "关注量三项目标）；请补上。",
                        f"the {year} target of {who} lacks {', '.join(lacking)} (6.1 asks for items, reads and followers "
                        "targets); add them.",
                    ),
                    path=path,
                    at=("targets", i),
                )
        libraries = {t.library for _, t in entries if t.library and not t.account}
        accounts = {t.account for _, t in entries if t.account}
        for library, own in sorted(operating(archive).items()):
            if library in libraries or set(own) <= accounts:
                continue
            name = library_name(archive, library)
            yield Problem(
                Text(
                    f"{name}有在运营的账号（{'、'.join(sorted(own))}），但 {year} 年的目标中没有它（6.1）；请加上一项"
                    f" `library: {library}`，写明 items 发布量、reads 阅读量、followers 关注量目标。",
                    f"{library} operates accounts ({', '.join(sorted(own))}) but has no target for {year} (6.1); add "
                    f"an entry `library: {library}` with its items, reads and followers targets.",
                ),
                path=path,
                at=("targets",),
                key=True,
            )


@rule(
    "WM903",
    "6.1",
    "账号目标的账号属于所写的图书馆，且没有关闭",
    "an account's target names its own library and an account not closed",
    scope="archive",
    registers=("libraries", "accounts"),
)
def account_targets(archive):
    """规则: 目标中的 `account:` 是 content/accounts.yml 中没有关闭（`status` 不是 `closed`）的账号；同时写了 `library:` 的，
      必须是这个账号所属的图书馆。未登记的编号由 WM010 报告。
    原因: 已关闭账号的目标永远完成不了，别馆账号的目标会被算进错误的图书馆：考核（6.1）就失去了意义。
    示例: `- {library: qingxi, account: nanhu-douyin, …}` → 南湖馆的抖音号不属于清溪馆。
    """
    for year, path in _years(archive):
        for i, target in _entries(archive, year):
            account = archive.accounts.get(target.account) if target.account else None
            if account is None:
                continue
            owner = account.text("library")
            if target.library and owner and target.library != owner:
                yield Problem(
                    Text(
                        f"账号 {target.account} 属于{library_name(archive, owner)}，不属于这一项写的"
                        f"{library_name(archive, target.library)}；请改正 library 或 account。",
                        f"the account {target.account} belongs to {owner}, not to {target.library} named here; "
                        "correct library or account.",
                    ),
                    path=path,
                    at=("targets", i, "library"),
                )
            if account.text("status") == "closed":
                yield Problem(
                    Text(
                        f"账号 {target.account} 在 content/accounts.yml 中已关闭（status: closed），不能再为它设定 {year} 年的目标；"
                        "请删除这一项，把目标并入该馆或它的其他账号。",
                        f"the account {target.account} is closed (status: closed in content/accounts.yml): it cannot "
                        f"have targets for {year}; remove the entry and fold the target into the library's.",
                    ),
                    path=path,
                    at=("targets", i, "account"),
                )


@rule(
    "WM904",
    "6.1",
    "目标文件中的年份与文件名一致",
    "the year in a targets file is the year of its name",
    scope="document",
    kinds=("targets",),
)
def year_matches(doc, archive):
    """规则: `content/targets/2026.yml` 中写 `year: 2026`。
    原因: 复制上一年的文件时最容易忘记改年份；年份不一致，这一年就等于没有目标，或者上一年的目标被算了两次。
    示例: 2027.yml 中仍是 `year: 2026` → 改为 `year: 2027`。
    """
    named = int(doc.path.rsplit("/", 1)[1][:4])
    year = doc.data.get("year") if doc.ok and isinstance(doc.data, dict) else None
    if isinstance(year, int) and not isinstance(year, bool) and year != named:
        yield Problem(
            Text(
                f"文件名是 {named} 年，文件中却写着 year: {year}；请把 year 改为 {named}，或把文件改名为 {year}.yml。",
                f"the file is named for {named} but says year: {year}; write year: {named} or rename the file "
                f"to {year}.yml.",
            ),
            at=("year",),
        )


@rule(
    "WM905",
    "6.1",
    "同一图书馆或账号在一年的目标中只写一项",
    "one entry per library or account in a year's targets",
    scope="document",
    kinds=("targets",),
)
def one_entry(doc, archive):
    """规则: 一年的目标中，同一个图书馆（`library:` 而没有 `account:` 的项）或同一个账号只能有一项。
    原因: 两项不同的目标，考核时用哪一项？报告会取第一项，后一项被悄悄忽略。
    示例: 两项 `library: nanhu`，发布量一项写 260、一项写 300 → 合并为一项。
    """
    seq = doc.data.get("targets") if doc.ok and isinstance(doc.data, dict) else None
    seen: dict[tuple[str, str], int] = {}
    for i, entry in enumerate(seq if isinstance(seq, list) else ()):
        if not isinstance(entry, dict):
            continue
        account, library = entry.get("account"), entry.get("library")
        key = ("account", account) if isinstance(account, str) else ("library", library)
        if not isinstance(key[1], str):
            continue
        if key in seen:
            what = Text(f"账号 {key[1]}", f"the account {key[1]}") if key[0] == "account" else None
            what = what or Text(f"图书馆 {key[1]}", f"the library {key[1]}")
            yield Problem(
                Text(
                    f"{what.zh} 在本文件中已有一项目标（第 {seen[key] + 1} 项）；请合并为一项，报告只用第一项。",
                    f"{what.en} already has an entry in this file (entry {seen[key] + 1}); merge them into one: "
                    "reports read the first.",
                ),
                at=("targets", i, key[0]),
            )
        else:
            seen[key] = i


@rule(
    "WM906",
    "6.2",
    "每个图书馆每年至少开展一次满意度调查",
    "every library runs a satisfaction survey each year",
    scope="archive",
    registers=("libraries", "accounts"),
)
def survey_each_year(archive):
    """规则: 每个有在运营账号的图书馆，在设有年度目标、并且发布过内容的年份，至少有一次满意度调查（`content/surveys/*.yml`，日期在该年）。
      已经过去的年份都判断；今年从 12 月起提醒（还来得及做）。问题标在 content/libraries.yml 中该馆的一项上。
    原因: 6.2 宜开展自媒体运营满意度调查，评估运营效果并进行调整；是“宜”，所以是建议。
    示例: 2026 年 12 月，清溪区图书馆今年还没有调查 → 安排一次，结果写入 content/surveys/2026-qingxi.yml。
    """
    if LIBRARIES not in archive.selected:
        return  # its findings stand there: a one-file check of a post does not read every post for them
    today = clock.today()
    held = {(s.library, s.day.year) for s in archive.surveys if s.library and s.day is not None}
    published = {
        (p.text("library"), day.year)
        for p in archive.posts
        if p.first_published is not None and (day := clock.day_of(p.first_published)) is not None
    }
    for year, _ in _years(archive):
        if year > today.year or (year == today.year and today.month < SURVEY_REMINDER_MONTH):
            continue
        for library in sorted(operating(archive)):
            if (library, year) in held or (library, year) not in published:
                continue  # surveyed, or nothing published that year: no operation to survey
            name = library_name(archive, library)
            yield _at_library(
                archive,
                library,
                Text(
                    f"{name} {year} 年没有满意度调查的记录（6.2）；请开展一次调查，在 content/surveys/ 中新建一个文件，"
                    "写上日期、答卷数、结果和据此所做的调整。",
                    f"{library} has no satisfaction survey recorded for {year} (6.2); run one and record its date, "
                    "respondents, results and the adjustments made in a new file under content/surveys/.",
                ),
            )


@rule(
    "WM907",
    "6.2",
    "有结果的调查要写明据此所做的调整",
    "a survey with results records the adjustments made after it",
    scope="document",
    kinds=("surveys",),
)
def adjusted(doc, archive):
    """规则: 调查写了 `results`（结果），就要在 `adjustments` 中写明据此决定的改进（至少一条非空的文字）；
      日期已过的调查没有结果，也提醒补上。
    原因: 6.2 要求评估运营效果并进行调整：只记结果、不记改了什么，调查就只是一个数字。
    示例: `results: {satisfied_pct: 91.5}` 而没有 `adjustments` → 加上 `adjustments: [活动预告至少提前一周发布]`。
    """
    if not doc.ok or not isinstance(doc.data, dict):
        return
    from wemedia.model import Survey

    survey = Survey(doc, doc.data, ())
    if survey.results and not survey.adjustments:
        yield Problem(
            Text(
                "调查有结果，却没有写据此所做的调整（adjustments）；请写明调查之后改进了什么（6.2），每条一行。",
                "the survey has results but no adjustments; record what was changed after it (6.2), one per line.",
            ),
            at=("adjustments",) if "adjustments" in doc.data else ("results",),
            key=True,
        )
    elif not survey.results and survey.day is not None and survey.day < clock.today():
        yield Problem(
            Text(
                f"调查日期 {survey.day.isoformat()} 已过，却没有结果（results）；请写上满意率等结果和据此所做的调整（6.2）。",
                f"the survey of {survey.day.isoformat()} has no results; record them and the adjustments (6.2).",
            ),
            at=("results",) if "results" in doc.data else (),
            key="results" in doc.data,
        )
