"""`wemedia report monthly YYYY-MM` and `wemedia report annual YYYY` — the assessment reports (6.1, 6.2):
a Markdown page and an XLSX workbook, written to `reports/` (or `--output`) together or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from wemedia import archive as archive_mod
from wemedia.assessment import documents
from wemedia.cli.common import EXIT_OK, NO_REPOSITORY, fail, lang_of, repository, today_of
from wemedia.i18n import Text


def add(sub) -> None:
    p = sub.add_parser("report", help="月报与年报：Markdown 和 Excel 工作簿 / monthly and annual reports")
    p.add_argument("--lang", choices=("zh", "en"), help="消息语言 / message language")
    kinds = p.add_subparsers(dest="kind", metavar="monthly|annual")
    for name, arg, zh, en in (
        ("monthly", "YYYY-MM", "月报：某月各馆各账号的发布、阅读、关注、留言和年度目标进度", "a month's report"),
        ("annual", "YYYY", "年报：各月数字、全年合计与年度目标、满意度调查及调整", "a year's report"),
    ):
        k = kinds.add_parser(name, help=f"{zh} / {en}", description=f"{zh}。写出 .md 和 .xlsx 两个文件。 / {en}.")
        k.add_argument(
            "period", metavar=arg, help="月份，如 2026-10 / the month" if name == "monthly" else "年份，如 2026"
        )
        k.add_argument(
            "--output", metavar="DIR", help="输出文件夹（默认仓库中的 reports/）/ output folder (default reports/)"
        )
        k.add_argument("--today", metavar="YYYY-MM-DD", help="按这一天计算（默认今天，北京时间）/ as of this day")
        k.add_argument("--root", metavar="DIR", help="编辑仓库所在目录 / the editorial repository")
        k.add_argument("--lang", choices=("zh", "en"), help="消息语言 / message language")
        k.set_defaults(run=run)


def run(args) -> int:
    today = today_of(args)
    if isinstance(today, Text):
        return fail(args, today)
    root = repository(args)
    if root is None:
        return fail(args, NO_REPOSITORY)
    folder = Path(args.output).resolve() if args.output else root / "reports"
    loaded = archive_mod.load(root)
    try:
        if args.kind == "monthly":
            written = documents.monthly(loaded, documents.parse_month(args.period, today), today)
        else:
            written = documents.annual(loaded, documents.parse_year(args.period, today), today)
        paths = save(folder, written)
    except documents.Refused as refused:
        return fail(args, refused.message)
    except OSError as exc:
        return fail(
            args,
            Text(
                f"无法写入 {folder}（{exc.strerror or exc}）；报告没有写出任何文件。请用 --output 指定一个可以写入的文件夹。",
                f"cannot write to {folder} ({exc.strerror or exc}); no report file was written. Choose a folder "
                "you can write to with --output.",
            ),
        )
    lang = lang_of(args)
    for path in paths:
        print(Text(f"已写出 {path}", f"wrote {path}").get(lang))
    return EXIT_OK


def save(folder: Path, written: documents.Written) -> list[Path]:
    """Both files or neither: each is written to a temporary file in the folder first, and only when
    both are complete are they renamed into place (an existing report of the period is replaced); if
    the second rename fails, the first file is taken away again."""
    folder.mkdir(parents=True, exist_ok=True)
    contents = {f"{written.stem}.md": written.markdown.encode("utf-8"), f"{written.stem}.xlsx": written.xlsx}
    temporary: dict[str, str] = {}
    try:
        for name, data in contents.items():
            handle, temp = tempfile.mkstemp(prefix=".wemedia-", suffix=".part", dir=folder)
            temporary[name] = temp
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temp, 0o644 & ~_umask())
        placed: list[Path] = []
        try:
            for name, temp in temporary.items():
                os.replace(temp, folder / name)
                placed.append(folder / name)
        except OSError:  # the pair goes in together or not at all
            for path in placed:
                path.unlink(missing_ok=True)
            raise
    finally:
        for temp in temporary.values():
            if os.path.exists(temp):
                os.unlink(temp)
    return [folder / name for name in contents]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
