"""`wemedia stats import FILE --account ID [--month YYYY-MM]` — a platform's own statistics export
into the month's row of `content/metrics/YYYY-MM.csv` (5.6.1) and, for per-item exports, the month's
per-item file `content/metrics/YYYY-MM/<account>-items.csv` (5.6.2).

Everything is worked out and checked before anything is written: a file it cannot map, an account of
another platform, a month the file does not cover, a figure that differs from one already recorded
(unless `--replace`) — each is refused with what to do, and then no file changes. Writes go through
the one writer, which refuses if a file changed since it was read."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path

from wemedia import archive as archive_mod
from wemedia import clock, documents, schemas, writer
from wemedia.cli.common import EXIT_FINDINGS, EXIT_OK, NO_REPOSITORY, fail, lang_of, repository
from wemedia.i18n import Text
from wemedia.labels import label
from wemedia.stats import importer, layouts, monthfile, tables
from wemedia.textfile import BOM


def _epilog(lang: str) -> str:
    if lang == "en":
        head, labels = (
            "Known exports (recognised by their header, never by the file name):",
            [x.label.en for x in layouts.LAYOUTS],
        )
    else:
        head, labels = "认识的导出（按表头识别，不看文件名和扩展名）：", [x.label.zh for x in layouts.LAYOUTS]
    return head + "\n" + "\n".join(f"  {x}" for x in labels)


def add(sub) -> None:
    p = sub.add_parser("stats", help="月度数据：导入平台后台的数据导出 / monthly statistics: import a platform export")
    p.add_argument("--lang", choices=("zh", "en"), help="消息语言 / message language")
    actions = p.add_subparsers(dest="action", metavar="import")
    imp = actions.add_parser(
        "import",
        raw=True,
        help="把平台导出的数据表写入 content/metrics/ / write a platform export into content/metrics/",
        description=Text(
            "把平台后台导出的粉丝数据或内容数据写入 content/metrics/年-月.csv 中这个账号这个月的一行；\n"
            "逐条导出（文章、视频、作品、笔记）另写 content/metrics/年-月/账号-items.csv。\n"
            "读不懂、账号平台不符、月份不符、与已有数字不同（未加 --replace）时拒绝，并且不写任何文件。",
            "Writes a platform's follower or content export into the account's row of\n"
            "content/metrics/YYYY-MM.csv (per-item exports also into content/metrics/YYYY-MM/<account>-items.csv).\n"
            "Refuses, writing nothing, what it cannot map or what differs from figures already recorded.",
        ).get(p.lang),
        epilog=_epilog(p.lang),
    )
    imp.add_argument(
        "file",
        metavar="文件" if p.lang == "zh" else "FILE",
        help="平台导出的文件（xlsx、xls、csv、html）/ the export file",
    )
    imp.add_argument("--account", required=True, metavar="ID", help="accounts.yml 中的账号编号 / the account id")
    imp.add_argument(
        "--month",
        metavar="YYYY-MM",
        help="统计月份（默认按文件中的日期）；文件中的日期不在这个月就拒绝 / the month (default: from the file's dates)",
    )
    imp.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="逐条导出的数字截至哪天（默认今天，即导出那天）/ the day per-item figures were exported (default today)",
    )
    imp.add_argument(
        "--replace",
        action="store_true",
        help="已有的数字与导入的不同时，用导入的替换（默认拒绝）/ replace figures that differ (default: refuse)",
    )
    imp.add_argument("--dry-run", action="store_true", help="只显示将写入什么，不写文件 / show, write nothing")
    imp.add_argument("--root", metavar="DIR", help="编辑仓库所在目录 / the editorial repository")
    imp.add_argument("--lang", choices=("zh", "en"), help="消息语言 / message language")
    imp.set_defaults(run=run_import)


def refuse(args, message: Text) -> int:
    """An export that cannot be imported as it is: say why and what to do; nothing was written."""
    fail(args, Text(message.zh + "没有写入任何文件。", message.en + " Nothing was written."))
    return EXIT_FINDINGS


def column_label(column: str, lang: str) -> str:
    title = schemas.all_schemas()["metrics"]["items"]["properties"].get(column, {}).get("title")
    return f"{title}（{column}）" if lang == "zh" and title else column


def run_import(args) -> int:
    lang = lang_of(args)
    root = repository(args)
    if root is None:
        return fail(args, NO_REPOSITORY)
    if args.month is not None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", args.month):
        return fail(
            args,
            Text(
                f"--month 写作 YYYY-MM，如 2026-10（收到“{args.month}”）。",
                f"--month is YYYY-MM, e.g. 2026-10 (got '{args.month}').",
            ),
        )
    try:
        as_of = clock.parse(args.as_of, "--as-of") if args.as_of else clock.today()
    except clock.BadDate as bad:
        return fail(args, bad.message)
    source = Path(args.file)
    try:
        data = source.read_bytes()
    except OSError as exc:
        return fail(
            args,
            Text(
                f"读不了 {source}（{exc.strerror or exc}）；请检查文件路径。",
                f"cannot read {source} ({exc.strerror or exc}); check the path.",
            ),
        )
    loaded = archive_mod.load(root)
    if "accounts" in loaded.unreadable_registers:
        return refuse(
            args,
            Text(
                "content/accounts.yml 读不了，无法核对账号；请先运行 wemedia check 改正。",
                "content/accounts.yml cannot be read, so the account cannot be checked; run wemedia check and correct it.",
            ),
        )
    account = loaded.accounts.get(args.account)
    if account is None:
        close = difflib.get_close_matches(args.account, list(loaded.accounts), n=1)
        hint = Text(f"；是否想输入 {close[0]}？", f"; did you mean {close[0]}?") if close else Text("。", ".")
        return fail(
            args,
            Text(
                f"content/accounts.yml 中没有账号“{args.account}”（已登记：{'、'.join(sorted(loaded.accounts))}）{hint.zh}",
                f"no account '{args.account}' in content/accounts.yml (registered: {', '.join(sorted(loaded.accounts))}){hint.en}",
            ),
        )
    name = source.name
    try:
        table = tables.read(data, name)
    except tables.Unreadable as bad:
        return refuse(args, bad.message)
    found = layouts.find([s.rows for s in table.sheets])
    if found is None:
        return refuse(args, _unknown(table, name))
    platform = account.text("platform")
    if platform != found.layout.platform:
        return refuse(
            args,
            Text(
                f"{name} 是{label('account.platform', found.layout.platform, 'zh')}的导出（{found.layout.label.zh}），"
                f"而账号 {args.account} 是{label('account.platform', platform, 'zh') if platform else '没有写平台'}的账号；"
                "请确认 --account 和文件是否对应。",
                f"{name} is an export of {found.layout.label.en} ({found.layout.platform}), but account "
                f"{args.account} is on {platform or 'no platform'}; check that --account and the file belong together.",
            ),
        )
    try:
        result = importer.summarise(table, found, name, args.month)
    except importer.Refused as bad:
        return refuse(args, bad.message)
    elsewhere = _other_accounts(loaded, result, args.account)
    if elsewhere:
        (url, owner), count = next(iter(elsewhere.items())), len(elsewhere)
        return refuse(
            args,
            Text(
                f"{name} 中有 {count} 条内容的网址登记在别的账号的发布渠道中（如 {url} 属于 {owner}）："
                f"这是另一个账号的导出；请确认 --account（现在是 {args.account}）。",
                f"{count} items of {name} have URLs that posts record under another account (e.g. {url} is "
                f"{owner}'s): this is another account's export; check --account (now {args.account}).",
            ),
        )
    return _write(args, lang, root, loaded, result, as_of)


def _other_accounts(loaded, result: importer.Result, account: str) -> dict[str, str]:
    """URLs of the export's items that the archive's posts record under another account: the file of
    a sibling account on the same platform (another library's WeChat account) betrays itself here."""
    urls = {r.url for r in result.kept + result.excluded if r.url}
    if not urls:
        return {}
    owners: dict[str, str] = {}
    for post in loaded.posts:
        for _, channel in post.list_of("channels"):
            url, owner = channel.get("url"), channel.get("account")
            if isinstance(url, str) and url in urls and isinstance(owner, str) and owner != account:
                owners.setdefault(url, owner)
    return owners


def _unknown(table: tables.Table, name: str) -> Text:
    near = layouts.nearest([s.rows for s in table.sheets])
    if near is not None and near[1]:
        layout, lacking = near
        return Text(
            f"{name} 的表头不是认识的导出格式：最接近{layout.label.zh}，但缺少列 {'、'.join(lacking)}。"
            "请用平台导出的原文件，不要改列名或删列；运行 wemedia stats import --help 查看认识的导出。",
            f"{name} has no known export header: closest is {layout.label.en}, but the columns "
            f"{', '.join(lacking)} are missing. Import the file as the platform exported it (no renamed or "
            "deleted columns); wemedia stats import --help lists the known exports.",
        )
    return Text(
        f"{name} 的前 {layouts.HEADER_ROWS} 行中找不到认识的表头；它可能不是平台的数据导出。"
        "运行 wemedia stats import --help 查看认识的导出。",
        f"no known header in the first {layouts.HEADER_ROWS} rows of {name}; it may not be a platform export. "
        "wemedia stats import --help lists the known exports.",
    )


def _encode(text: str, like: documents.Document | None) -> bytes:
    if like is None:
        return text.encode("utf-8")
    return (BOM if like.bom else b"") + text.replace("\n", like.newline).encode("utf-8")


def _invalid(rel: str, kind: str, text: str) -> Text | None:
    """What the schema says of the text about to be written, or None: a bad figure is never written."""
    doc = documents.from_text(rel, kind, text)
    if not doc.ok:
        return doc.problems[0].message
    found = schemas.problems(kind, doc.data)
    if found:
        first = found[0]
        return Text(f"写入后 {rel} 不合格式：{first.message.zh}", f"{rel} would be invalid: {first.message.en}")
    return None


def _write(args, lang: str, root: Path, loaded, result: importer.Result, as_of: dt.date) -> int:
    rel = f"content/metrics/{result.month}.csv"
    doc = loaded.document(rel) if (root / rel).exists() else None
    if doc is not None and not doc.ok:
        return refuse(
            args,
            Text(
                f"{rel} 读不了；请先运行 wemedia check {rel} 改正。",
                f"{rel} cannot be read; run wemedia check {rel} and correct it first.",
            ),
        )
    merged = monthfile.merge(doc.text if doc else None, args.account, result.month, result.figures, args.replace)
    if merged.duplicates:
        return refuse(
            args,
            Text(
                f"{rel} 中 {args.account} {result.month} 有不止一行；请先合并成一行。",
                f"{rel} has more than one row for {args.account} {result.month}; merge them first.",
            ),
        )
    if merged.conflicts and not args.replace:
        lines = [f"  {column_label(c, lang)}：{old} → {new}" for c, (old, new) in merged.conflicts.items()]
        return refuse(
            args,
            Text(
                f"{rel} 中 {args.account} {result.month} 已有的数字与 {Path(args.file).name} 不同：\n"
                + "\n".join(lines)
                + (f"\n{result.layout.caveat.zh}" if result.layout.caveat else "")
                + "\n请核对哪个是对的；确认用导入的替换时加 --replace。",
                f"{rel} already holds other figures for {args.account} {result.month} than {Path(args.file).name}:\n"
                + "\n".join(lines)
                + (f"\n{result.layout.caveat.en}" if result.layout.caveat else "")
                + "\nCheck which is right; add --replace to take the imported ones.",
            ),
        )
    bad = _invalid(rel, "metrics", merged.text)
    if bad is not None:
        return refuse(args, bad)
    writes: list[tuple[str, documents.Document | None, bytes]] = []
    if doc is None or _encode(merged.text, doc) != doc.raw:
        writes.append((rel, doc, _encode(merged.text, doc)))
    if result.layout.per_item:
        item_write = _items(args, lang, root, loaded, result, as_of)
        if isinstance(item_write, int):
            return item_write
        if item_write is not None:
            writes.append(item_write)
    if args.dry_run:
        _report(args, lang, result, merged, [])
        return EXIT_OK
    for path, before, content in writes:
        try:
            if before is None:
                writer.create(root / path, content)
            else:
                writer.replace(root / path, before.raw, content)
        except (writer.Changed, writer.AlreadyExists):
            return refuse(
                args,
                Text(
                    f"{path} 在导入过程中被改动了；请重新运行这个命令。",
                    f"{path} changed while importing; run the command again.",
                ),
            )
    _report(args, lang, result, merged, [w[0] for w in writes])
    return EXIT_OK


def _items(args, lang, root, loaded, result, as_of):
    """The per-item file's write, None when it already holds these figures, or an exit code."""
    rel = f"content/metrics/{result.month}/{args.account}-items.csv"
    latest = max((r.day for r in result.kept + result.excluded), default=None)
    if latest is not None and as_of < latest:
        return refuse(
            args,
            Text(
                f"--as-of {as_of} 早于文件中最晚的发布日期 {latest}：导出不可能早于发布；请写导出那天。",
                f"--as-of {as_of} is before the latest publication in the file ({latest}): an export cannot "
                "precede a publication; give the day it was exported.",
            ),
        )
    if as_of > clock.today():
        return refuse(
            args,
            Text(
                f"--as-of {as_of} 在今天（{clock.today()}）之后；请写导出那天。",
                f"--as-of {as_of} is after today ({clock.today()}); give the day it was exported.",
            ),
        )
    rows = [
        {
            "published": r.day.isoformat(),
            "title": r.title,
            "url": r.url or None,
            **r.figures,
            "as_of": as_of.isoformat(),
        }
        for r in sorted(result.kept, key=lambda r: (r.day, r.line))
    ]
    text = monthfile.items_text(rows)
    bad = _invalid(rel, "metrics-items", text)
    if bad is not None:
        return refuse(args, bad)
    doc = loaded.document(rel) if (root / rel).exists() else None
    if doc is None:
        return (rel, None, text.encode("utf-8"))
    old = [{k: v for k, v in row.items() if k != "as_of"} for row in (doc.data or []) if isinstance(row, dict)]
    new = [
        {k: v for k, v in row.items() if k != "as_of"}
        for row in (documents.from_text(rel, "metrics-items", text).data or [])
    ]
    if old == new:
        return None
    if not args.replace:
        return refuse(
            args,
            Text(
                f"{rel} 已有这个月的逐条数据，与 {Path(args.file).name} 不同（较新的导出累计数字更大是正常的）；"
                "确认用这次导出替换时加 --replace。",
                f"{rel} already holds this month's per-item figures, and they differ from {Path(args.file).name} "
                "(a later export's lifetime totals are larger); add --replace to take this export.",
            ),
        )
    return (rel, doc, _encode(text, doc))


def _report(args, lang, result: importer.Result, merged: monthfile.Merge, paths: list[str]) -> None:
    zh = lang != "en"
    print(
        f"{result.layout.label.zh if zh else result.layout.label.en}：{args.account} {result.month}"
        if zh
        else f"{result.layout.label.en}: {args.account} {result.month}"
    )
    for column, value in merged.filled.items():
        print(("  写入 " if zh else "  wrote ") + f"{column_label(column, lang)} = {value}")
    for column, value in merged.same.items():
        print(("  已有且相同 " if zh else "  already recorded ") + f"{column_label(column, lang)} = {value}")
    for column, (old, new) in merged.conflicts.items():
        print(("  替换 " if zh else "  replaced ") + f"{column_label(column, lang)}：{old} → {new}")
    if result.layout.per_item:
        print(
            f"  计入 {len(result.kept)} 条当月发布的内容；不计入其他月份发布的 {len(result.excluded)} 条"
            if zh
            else f"  counted {len(result.kept)} items published in the month; left out {len(result.excluded)} of other months"
        )
        for row in result.excluded:
            print(
                f"    {'不计入' if zh else 'left out'}：{row.title}（{row.day}）"
                if zh
                else f"    left out: {row.title} ({row.day})"
            )
    for note in result.notes:
        print("  " + note.get(lang))
    if args.dry_run:
        print("（--dry-run：没有写入文件）" if zh else "(--dry-run: nothing written)")
    elif paths:
        print(("已写入：" if zh else "written: ") + ", ".join(paths))
    else:
        print("数字都已在文件中，没有改动。" if zh else "every figure was already there; nothing changed.")
