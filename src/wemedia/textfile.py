"""Reading a content file safely: the one place that decides what bytes become text.

Nothing here rewrites a file. Problems come back as `FileProblem`s with a line and a remedy; the
loader turns them into findings. A BOM or CRLF line ends are read correctly (Windows editors produce
them) and reported as warnings; a file that is not UTF-8 is reported with the first bad line and,
when it decodes as GB18030/GBK, says so, because that is what Chinese Windows saves by default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from wemedia.i18n import Text

MAX_BYTES = 1024 * 1024  # a WeChat article is at most ~20,000 characters; 1 MiB of Markdown is a mistake
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class FileProblem:
    """Something about a file's bytes; `fatal` means its content could not be read at all."""

    code: str  # 'encoding' | 'too-large' | 'symlink' | 'unreadable' | 'bom' | 'crlf'
    line: int
    column: int
    message: Text
    fatal: bool


@dataclass(frozen=True, slots=True)
class TextFile:
    text: str | None  # None when a fatal problem stopped reading; CRLF folded to LF, BOM removed
    problems: tuple[FileProblem, ...]
    raw: bytes = b""  # the bytes exactly as on disk: what a surgical writer edits
    bom: bool = False
    newline: str = "\n"  # "\r\n" when the file uses Windows line ends


def _outside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return False
    except ValueError:
        return True


def read_text(path: Path, root: Path) -> TextFile:
    """Read `path` (inside repository `root`) as UTF-8 text, or say precisely why not."""
    if path.is_symlink() and _outside(path, root):
        target = os.readlink(path)
        return TextFile(
            None,
            (
                FileProblem(
                    "symlink",
                    1,
                    1,
                    Text(
                        f"这是一个指向仓库之外的符号链接（→ {target}），不会被读取；请把文件本身放进仓库。",
                        f"this is a symbolic link pointing outside the repository (→ {target}); it is not read: "
                        "put the file itself into the repository.",
                    ),
                    True,
                ),
            ),
        )
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return TextFile(
                None,
                (
                    FileProblem(
                        "too-large",
                        1,
                        1,
                        Text(
                            f"文件有 {size / 1048576:.1f} MB，超过 {MAX_BYTES // 1048576} MB 上限，未检查；"
                            "图片、视频请作为素材文件放在 assets 中引用，过长的正文请拆分成系列。",
                            f"the file is {size / 1048576:.1f} MB, over the {MAX_BYTES // 1048576} MB limit, and was "
                            "not checked: keep images and video as asset files and split a very long text into a series.",
                        ),
                        True,
                    ),
                ),
            )
        data = path.read_bytes()
    except OSError as exc:
        return TextFile(
            None,
            (
                FileProblem(
                    "unreadable",
                    1,
                    1,
                    Text(
                        f"无法读取文件：{exc.strerror}。请检查文件是否存在、是否有读取权限。",
                        f"cannot read the file: {exc.strerror}. Check that it exists and is readable.",
                    ),
                    True,
                ),
            ),
        )
    return decode(data)


def decode(raw: bytes) -> TextFile:
    problems: list[FileProblem] = []
    data, bom = raw, raw.startswith(BOM)
    if bom:
        data = data[len(BOM) :]
        problems.append(
            FileProblem(
                "bom",
                1,
                1,
                Text(
                    "文件以 UTF-8 BOM 开头；已正常读取，建议在编辑器中另存为“UTF-8（无 BOM）”。",
                    "the file starts with a UTF-8 byte-order mark; it was read normally, but please save it as "
                    "UTF-8 without BOM.",
                ),
                False,
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        try:
            data.decode("gb18030")
            guess = Text(
                "看起来是 GBK/GB18030 编码（中文 Windows 默认）",
                "it looks like GBK/GB18030 (the Chinese Windows default)",
            )
        except UnicodeDecodeError:
            guess = Text("编码无法识别", "the encoding is unknown")
        return TextFile(
            None,
            tuple(problems)
            + (
                FileProblem(
                    "encoding",
                    line,
                    column,
                    Text(
                        f"文件不是 UTF-8 编码（第 {line} 行第 {column} 列起的字节无法解码，{guess.zh}）；"
                        "请在编辑器中“另存为” UTF-8 编码后再提交。文件未被改动。",
                        f"the file is not UTF-8 (bytes from line {line}, column {column} cannot be decoded; {guess.en}); "
                        "save it as UTF-8 in your editor and commit again. The file was not changed.",
                    ),
                    True,
                ),
            ),
        )
    if "\r\n" in text:
        first = text.count("\n", 0, text.index("\r\n")) + 1
        problems.append(
            FileProblem(
                "crlf",
                first,
                1,
                Text(
                    "文件使用 Windows 换行符（CRLF）；已正常读取，建议在编辑器中改为 LF 换行，以免差异显示整文件改动。",
                    "the file uses Windows line ends (CRLF); it was read normally, but please switch your editor "
                    "to LF so that diffs do not show every line as changed.",
                ),
                False,
            )
        )
        text = text.replace("\r\n", "\n")
        return TextFile(text, tuple(problems), raw, bom, "\r\n")
    return TextFile(text, tuple(problems), raw, bom)
