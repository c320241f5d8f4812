"""Entry point of the `wemedia` command."""

from __future__ import annotations

import argparse
import errno
import sys

from wemedia import __version__, clock
from wemedia.cli import assets, check, hook, init, messages, new, report, review, rules, site, stats, team
from wemedia.cli.common import fail
from wemedia.cli.parsing import Parser, language
from wemedia.i18n import Text


def parser(lang: str = "zh") -> argparse.ArgumentParser:
    p = Parser(
        prog="wemedia",
        lang=lang,
        description="图书馆自媒体编辑与合规仓库（自媒体运营管理规范）。/ The editorial and compliance repository "
        "for a library's self-media.",
        epilog=Text(
            "常用：wemedia check · wemedia new post --title … · wemedia build · wemedia init 目录。"
            "每个命令加 --help 查看用法；加 --lang en 显示英文。",
            "common: wemedia check · wemedia new post --title … · wemedia build · wemedia init DIR. "
            "Add --help to any command for its usage.",
        ).get(lang),
    )
    p.add_argument("--version", action="version", version=f"wemedia {__version__}")
    # `wemedia --lang en check` as well as `wemedia check --lang en`: the language before the command.
    p.add_argument("--lang", dest="top_lang", choices=("zh", "en"), help="消息语言（默认中文）/ message language")
    sub = p.add_subparsers(
        dest="command", title=Text("命令", "commands").get(lang), metavar=Text("命令", "command").get(lang)
    )
    for module in (check, new, review, messages, stats, report, init, hook, site, rules, assets, team):
        module.add(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = language(argv)
    p = parser(lang)
    p.command = _command_parser(p, argv)
    args = p.parse_args(argv)
    if not getattr(args, "run", None):
        p.command.print_help()
        return 2
    try:
        return args.run(args)
    except clock.BadDate as bad:  # WEMEDIA_TODAY set wrong: whichever command reads today says so
        return fail(args, bad.message)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a folder that cannot be made, a disk that is full: say which and why
        why = _REASONS.get(exc.errno, Text(str(exc.strerror or exc), str(exc.strerror or exc)))
        return fail(
            args,
            Text(
                f"无法读写 {exc.filename or ''}：{why.zh}。请检查路径和权限后重试。",
                f"cannot read or write {exc.filename or ''}: {why.en}. Check the path and permissions.",
            ),
        )


def _command_parser(p: argparse.ArgumentParser, argv: list[str]) -> argparse.ArgumentParser:
    """The parser of the command named in argv (`wemedia new` → its own help), else `p`."""
    for arg in argv:
        subs = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
        if arg.startswith("-") or not subs or arg not in subs[0].choices:
            break
        p = subs[0].choices[arg]
    return p


_REASONS = {
    errno.ENOENT: Text("路径中的文件夹不存在", "a folder on the path does not exist"),
    errno.ENOTDIR: Text("路径中有一段是文件而不是文件夹", "part of the path is a file, not a folder"),
    errno.EACCES: Text("没有权限", "permission denied"),
    errno.EPERM: Text("没有权限", "operation not permitted"),
    errno.EROFS: Text("磁盘是只读的", "the disk is read-only"),
    errno.ENOSPC: Text("磁盘已满", "the disk is full"),
}


if __name__ == "__main__":
    sys.exit(main())
