"""`wemedia check [PATH…] [--base REF] [--format …] [--lang …]` — run every rule, report findings."""

from __future__ import annotations

import sys
from pathlib import Path

from wemedia import archive, engine
from wemedia.cli.common import EXIT_FINDINGS, EXIT_OK, NO_REPOSITORY, fail, lang_of, repository
from wemedia.i18n import Text
from wemedia.report import FORMATS


def add(sub) -> None:
    p = sub.add_parser("check", help="检查内容是否符合规范 / check content against the standard",
                       description="检查 content/ 下的文章和登记册；没有错误时退出码为 0，有错误为 1，用法或配置问题为 2。"
                                   " / Check posts and registers; exit 0 without errors, 1 with errors, 2 on usage problems.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="要检查的文件或文件夹（默认全部）/ files or folders (default: all)")
    p.add_argument("--base", metavar="REF", help="只检查相对 REF 有改动的文件，如 origin/main / only files changed against REF")
    p.add_argument("--format", choices=sorted(FORMATS), default="text", help="输出格式 / output format")
    p.add_argument("--lang", choices=("zh", "en"), help="消息语言（默认中文）/ message language (default zh)")
    p.add_argument("--root", metavar="DIR", help="编辑仓库所在目录 / the editorial repository")
    p.set_defaults(run=run)


def run(args) -> int:
    paths = [Path(p) for p in args.paths]
    root = repository(args, paths[0] if paths else None)
    if root is None:
        return fail(args, NO_REPOSITORY)
    selection = None
    if paths:
        selection, missing, outside = archive.expand(root, paths)
        if missing:
            return fail(args, Text(f"找不到：{'、'.join(missing)}（或不在仓库 {root} 内）。",
                                   f"not found: {', '.join(missing)} (or outside the repository {root})."))
        if outside:
            note = Text(f"未检查（不在 content/ 下）：{'、'.join(outside)}",
                        f"not checked (not under content/): {', '.join(outside)}")
            print(f"wemedia: {note.get(lang_of(args))}", file=sys.stderr)
    if args.base:
        from wemedia import gitrepo  # only the pull-request view needs git

        try:
            changed = gitrepo.changed_files(root, args.base)
        except gitrepo.GitProblem as problem:
            return fail(args, problem.message)
        selection = sorted(set(changed) & set(selection)) if selection is not None else changed
    loaded = archive.load(root, selection)
    try:
        findings = engine.run(loaded)
    except engine.RuleCrash as crash:
        return fail(args, Text(
            f"内部错误：规则 {crash.rule} 检查 {crash.path} 时出错（{crash.error!r}）。文件未被改动；请把这条信息报告给维护者。",
            f"internal error: rule {crash.rule} failed on {crash.path} ({crash.error!r}). Nothing was changed; "
            "please report this message."))
    sys.stdout.write(FORMATS[args.format](findings, len(loaded.selected), lang_of(args)) + "\n")
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK
