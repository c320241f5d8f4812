"""`wemedia new targets YYYY` — a year's targets file (6.1) to fill in: one entry per library that
operates accounts, and one per account that had its own target last year, each with last year's figures
as a comment and no figure of its own — so the check (WM902) asks for each until someone writes it."""

from __future__ import annotations

from wemedia import archive as archive_mod
from wemedia import writer
from wemedia.cli.common import EXIT_OK, NO_REPOSITORY, fail, lang_of, repository
from wemedia.i18n import Text
from wemedia.rules.assessment import operating, target_path


def add(kinds) -> None:
    k = kinds.add_parser(
        "targets",
        help="新建某年的年度目标文件（6.1）/ create a year's targets file",
        description="在 content/targets/ 下新建 年份.yml：每个有在运营账号的图书馆一项，上一年的目标写在注释里，"
        "数字由你填写。文件已存在时不改动。 / Write content/targets/YYYY.yml with one entry per operating library "
        "and last year's figures as comments; an existing file is never touched.",
    )
    k.add_argument("year", metavar="YYYY", help="年份，如 2027 / the year")
    k.add_argument("--root", metavar="DIR", help="编辑仓库所在目录 / the editorial repository")
    k.add_argument("--lang", choices=("zh", "en"), help="消息语言 / message language")
    k.set_defaults(run=run)


def run(args) -> int:
    if not (args.year.isdigit() and len(args.year) == 4):
        return fail(args, Text(f"“{args.year}”不是年份；请写四位数的年份，如 2027。", f"'{args.year}' is not a year."))
    root = repository(args)
    if root is None:
        return fail(args, NO_REPOSITORY)
    year = int(args.year)
    loaded = archive_mod.load(root, [])
    path = root / target_path(year)
    try:
        writer.create(path, text(loaded, year))
    except writer.AlreadyExists:
        return fail(
            args,
            Text(
                f"{target_path(year)} 已存在，没有改动；请直接编辑它。", f"{target_path(year)} exists; edit it instead."
            ),
        )
    print(
        Text(
            f"已新建 {target_path(year)}：请填写每一项的目标。", f"created {target_path(year)}: fill in each target."
        ).get(lang_of(args))
    )
    print(path)
    return EXIT_OK


def text(archive, year: int) -> str:
    before = {(t.library if not t.account else None, t.account): t for t in archive.targets(year - 1)}
    lines = [
        f"# {year} 年度目标（6.1）：每项写明全年发布条数 items、阅读量 reads、年末关注总数 followers。",
        "# 由 wemedia new targets 生成；注释中是上一年的目标，供参考。",
        f"year: {year}",
        "targets:",
    ]
    keys = [(library, None) for library in sorted(operating(archive))]
    keys += sorted(k for k in before if k[1] is not None and archive.accounts.get(k[1]) is not None)
    for library, account in keys:
        entry = f"{{library: {library}}}" if account is None else f"{{account: {account}}}"
        last = before.get((library, account))
        figures = "，".join(f"{f} {last.figure(f)}" for f in last.FIGURES if last.figure(f) is not None) if last else ""
        note = f"  # {year - 1} 年：{figures}" if figures else ""
        lines.append(f"  - {entry}{note}")
    if not keys:
        lines[-1] = "targets: []  # 还没有在运营账号的图书馆"
    return "\n".join(lines) + "\n"
