"""Entry point of the `wemedia` command."""

from __future__ import annotations

import argparse
import sys

from wemedia import __version__
from wemedia.cli import check, hook, init, new, rules, site


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


if __name__ == "__main__":
    sys.exit(main())
