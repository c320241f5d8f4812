"""Entry point of the `wemedia` command."""

from __future__ import annotations

import argparse
import errno
import sys

from wemedia import __version__
from wemedia.cli import check, hook, init, new, rules, site
from wemedia.cli.common import fail
from wemedia.i18n import Text


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="wemedia",
        description="图书馆自媒体编辑与合规仓库（自媒体运营管理规范）。/ The editorial and compliance repository "
                    "for a library's self-media.",
        epilog="常用 / common: wemedia check · wemedia new post --title … · wemedia build · wemedia init 目录")
    p.add_argument("--version", action="version", version=f"wemedia {__version__}")
    sub = p.add_subparsers(dest="command", metavar="命令 / command")
    for module in (check, new, init, hook, site, rules):
        module.add(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not getattr(args, "run", None):
        parser().print_help()
        return 2
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a folder that cannot be made, a disk that is full: say which and why
        why = _REASONS.get(exc.errno, Text(str(exc.strerror or exc), str(exc.strerror or exc)))
        return fail(args, Text(f"无法读写 {exc.filename or ''}：{why.zh}。请检查路径和权限后重试。",
                               f"cannot read or write {exc.filename or ''}: {why.en}. Check the path and permissions."))


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
