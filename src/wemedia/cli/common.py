"""What every command shares: finding the repository, saying an error, the language."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

from wemedia.archive import find_root
from wemedia.i18n import Text

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def lang_of(args) -> str:
    return getattr(args, "lang", None) or getattr(args, "top_lang", None) or os.environ.get("WEMEDIA_LANG", "zh")


def fail(args, message: Text) -> int:
    word = "error" if lang_of(args) == "en" else "错误"
    print(
        f"wemedia: {word}：{message.get(lang_of(args))}"
        if lang_of(args) != "en"
        else f"wemedia: {word}: {message.get('en')}",
        file=sys.stderr,
    )
    return EXIT_USAGE


def today_of(args) -> date | Text:
    """The day a command judges as of: `--today`, else today in Shanghai (or WEMEDIA_TODAY); a
    `--today` that is not a date is the message to fail with."""
    from wemedia import clock

    try:
        return clock.parse(args.today, "--today") if args.today else clock.today()
    except clock.BadDate as bad:
        return bad.message


def repository(args, hint: Path | None = None) -> Path | None:
    """The editorial repository: --root, else the nearest folder with content/ above cwd (or `hint`)."""
    if getattr(args, "root", None):
        root = Path(args.root).resolve()
        return root if (root / "content").is_dir() else None
    return find_root(Path.cwd()) or (find_root(hint) if hint else None)


NO_REPOSITORY = Text(
    "找不到 content/ 文件夹：请在编辑仓库里运行，或用 --root 指定仓库；新建仓库用 `wemedia init 目录`。",
    "no content/ folder found: run inside an editorial repository or give --root; create one with `wemedia init DIR`.",
)
