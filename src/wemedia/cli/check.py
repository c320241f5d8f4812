"""`wemedia check [PATH…] [--base REF | --staged] [--format …] [--lang …]` — run every rule, report findings.

A deleted or renamed file has nothing left to check in itself: `--base` and `--staged` (pre-commit)
check the documents that refer to it instead (`references.referrers`, through `archive.load`). Both
check what git will have: a file under content/ that git does not track counts as missing. A version
file that a changed or removed post named before (`channels[].file`) is checked too."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from wemedia import ahead, archive, clock, engine, select
from wemedia.cli.common import EXIT_FINDINGS, EXIT_OK, NO_REPOSITORY, fail, lang_of, repository, today_of
from wemedia.history import History
from wemedia.i18n import Text
from wemedia.report import FORMATS


def add(sub) -> None:
    p = sub.add_parser(
        "check",
        help="检查内容是否符合规范 / check content against the standard",
        description="检查 content/ 下的文章和登记册；没有错误时退出码为 0，有错误为 1，用法或配置问题为 2。"
        " / Check posts and registers; exit 0 without errors, 1 with errors, 2 on usage problems.",
    )
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="要检查的文件或文件夹（默认全部）/ files or folders (default: all)"
    )
    view = p.add_mutually_exclusive_group()
    view.add_argument(
        "--base",
        metavar="REF",
        help="只检查相对 REF 有改动的文件（及引用了被删除文件的文章），如 origin/main"
        " / only files changed against REF, and those referring to files it removes",
    )
    view.add_argument(
        "--staged",
        action="store_true",
        help="提交前检查（pre-commit 钩子使用）：另外检查引用了本次删除或改名的文件的文章"
        " / commit time (the pre-commit hook): also check what refers to files this commit"
        " deletes or renames",
    )
    p.add_argument("--format", choices=sorted(FORMATS), default="text", help="输出格式 / output format")
    p.add_argument("--lang", choices=("zh", "en"), help="消息语言（默认中文）/ message language (default zh)")
    p.add_argument("--root", metavar="DIR", help="编辑仓库所在目录 / the editorial repository")
    p.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        help="按这一天检查（默认今天，北京时间；也可设环境变量 WEMEDIA_TODAY）"
        " / judge as of this date (default: today in Asia/Shanghai, or WEMEDIA_TODAY)",
    )
    p.set_defaults(run=run)


def run(args) -> int:
    today = today_of(args)
    if isinstance(today, Text):
        return fail(args, today)
    paths = [Path(p) for p in args.paths]
    root = repository(args, paths[0] if paths else None)
    if root is None:
        return fail(args, NO_REPOSITORY)
    selection = None
    if paths:
        selection, missing, outside = select.expand(root, paths)
        if missing:
            return fail(
                args,
                Text(
                    f"找不到：{'、'.join(missing)}（或不在仓库 {root} 内）。",
                    f"not found: {', '.join(missing)} (or outside the repository {root}).",
                ),
            )
        if outside:
            note = Text(
                f"未检查（不在 content/ 下）：{'、'.join(outside)}",
                f"not checked (not under content/): {', '.join(outside)}",
            )
            print(f"wemedia: {note.get(lang_of(args))}", file=sys.stderr)
    removed: list[str] = []
    absent: list[str] = []  # on disk but not tracked: the commit or pull request will not have them
    before: History | None = None  # what the change touches, as it was (--base, --staged)
    if args.base or args.staged:
        from wemedia import documents, gitrepo  # only the pull-request and commit views need git

        try:
            changes = gitrepo.changed_files(root, args.base) if args.base else gitrepo.staged_changes(root)
        except gitrepo.GitProblem as problem:
            return fail(args, problem.message)
        removed, absent = changes.removed, changes.absent
        if args.base:
            selection = sorted(set(changes.changed) & set(selection)) if selection is not None else changes.changed
        elif selection is None:  # pre-commit gives the changed files; run by hand, the staged ones are checked
            selection = list(changes.changed)
            if not removed and not selection:  # the hook runs on every commit (always_run): say why it passed
                sys.stdout.write(
                    (
                        Text(
                            "本次提交没有改动 content/ 下的文件，无需检查。",
                            "this commit changes nothing under content/; nothing to check.",
                        ).get(lang_of(args))
                        if args.format == "text"
                        else FORMATS[args.format]([], 0, lang_of(args))
                    )
                    + "\n"
                )
                return EXIT_OK
        # What the change touches, as it was: the history of released posts (WM230) compares with it, and
        # a version file that a changed or removed post named before is checked too, though no longer named.
        posts = sorted(p for p in {*selection, *removed} if documents.kind_of(p) == "post")
        before = History.of(root, changes, args.base or "HEAD", also=posts)
        selection = sorted(
            set(selection) | select.named_before({p: before.texts[p] for p in posts if p in before.texts})
        )
    # A full check of many documents: a worker starts on the signatures and the guard's scans now,
    # from the last document, while this process reads everything (`ahead`).
    pool = ahead.start(root, sorted(archive.walk(root))) if selection is None and not removed else None
    gc.disable()  # reading builds millions of objects and no cycles: collecting meanwhile only costs time
    try:
        loaded = archive.load(root, selection, removed=removed, absent=absent, history=before)
    finally:
        gc.freeze()  # what was read lives until the end: later collections need not walk it again
        gc.enable()
    ahead.attach(loaded, pool)
    try:
        with clock.fixed(today):
            findings = engine.run(loaded)
    except engine.RuleCrash as crash:
        return fail(
            args,
            Text(
                f"内部错误：规则 {crash.rule} 检查 {crash.path} 时出错（{crash.error!r}）。文件未被改动；请把这条信息报告给维护者。",
                f"internal error: rule {crash.rule} failed on {crash.path} ({crash.error!r}). Nothing was changed; "
                "please report this message.",
            ),
        )
    sys.stdout.write(FORMATS[args.format](findings, len(loaded.selected), lang_of(args)) + "\n")
    if args.base:
        _note_register_changes(args, loaded)
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK


def _note_register_changes(args, loaded: archive.Archive) -> None:
    """A pull request that changes the team register or a policy file says so beside its findings: a
    notice, not a finding — the change is allowed, and a manager should look at it (CODEOWNERS). In
    `--format github` it is an annotation on the file; JSON and SARIF stay as they are (stderr)."""
    from wemedia.history import register_changes
    from wemedia.report import _escape_data, _escape_property

    lang = lang_of(args)
    for path, message in register_changes(loaded):
        if args.format == "github":
            title = "登记册改动" if lang != "en" else "register changed"
            print(f"::notice file={_escape_property(path)},line=1,title={title}::{_escape_data(message.get(lang))}")
        else:
            word = "注意：" if lang != "en" else "note: "
            print(f"{word}{message.get(lang)}", file=sys.stdout if args.format == "text" else sys.stderr)
