"""`wemedia assets strip PATH…` — remove GPS coordinates and names from JPEG/PNG metadata, pixels untouched.

Every file is read and stripped in memory first; if any is not a JPEG or PNG (or is damaged, or is a
symbolic link) nothing is written and the command says which and why (exit 2). Then each changed file is
replaced atomically with its permissions kept (`writer.replace`)."""

from __future__ import annotations

import os
from pathlib import Path

from wemedia import imagemeta, writer
from wemedia.cli.common import EXIT_OK, fail, lang_of
from wemedia.i18n import Text


def add(sub) -> None:
    p = sub.add_parser(
        "assets",
        help="处理素材文件（去掉图片中的 GPS 坐标和人名）/ asset files (strip GPS and names from images)",
        description="wemedia assets strip 图片… ：去掉 JPEG、PNG 元数据中的 GPS 坐标和人名，像素不变，AI 生成标识保留。"
        " / wemedia assets strip IMAGE…: remove GPS coordinates and names from JPEG/PNG metadata.",
    )
    p.add_argument("--lang", choices=("zh", "en"), help="消息语言（默认中文）/ message language (default zh)")
    actions = p.add_subparsers(dest="action", metavar="strip")
    strip = actions.add_parser(
        "strip",
        help="去掉图片元数据中的 GPS 坐标和人名 / remove GPS coordinates and names from image metadata",
        description="去掉 JPEG、PNG 图片元数据中的 GPS 坐标和人名（EXIF、XMP、IPTC、PNG 文本块），像素数据一个字节都不改，"
        "AI 生成内容标识（AIGC）保留。任何一个文件不是图片时，什么都不改，退出码 2。"
        " / Remove GPS coordinates and names from JPEG/PNG metadata; pixels stay byte-identical and the "
        "AI-generation label (AIGC) is kept. If any file is not an image, nothing is changed (exit 2).",
    )
    strip.add_argument("paths", nargs="+", metavar="PATH", help="图片文件 / image files")
    strip.add_argument("--lang", choices=("zh", "en"), help="消息语言（默认中文）/ message language (default zh)")
    strip.set_defaults(run=run)


def run(args) -> int:
    lang = lang_of(args)
    planned: list[tuple[Path, bytes, imagemeta.Stripped]] = []
    for written in args.paths:
        path = Path(written)
        if path.is_symlink():
            return fail(
                args,
                Text(
                    f"{written} 是符号链接；请对它指向的文件运行。没有改动任何文件。",
                    f"{written} is a symbolic link; run this on the file it points to. Nothing was changed.",
                ),
            )
        if not path.is_file():
            return fail(
                args,
                Text(f"找不到文件 {written}。没有改动任何文件。", f"no such file: {written}. Nothing was changed."),
            )
        try:
            original = path.read_bytes()
            result = imagemeta.strip(original)
        except imagemeta.NotAnImage as refused:
            return fail(
                args,
                Text(
                    f"{written}：{refused.message.zh}；只能处理 JPEG、PNG 图片。没有改动任何文件。",
                    f"{written}: {refused.message.en}; only JPEG and PNG images can be stripped. Nothing was changed.",
                ),
            )
        planned.append((path, original, result))
    for path, original, result in planned:
        if result.data != original:
            try:
                writer.replace(path, original, result.data)
            except writer.Changed:
                return fail(
                    args,
                    Text(
                        f"{path} 在处理期间被其他程序改动，未写入；请重新运行。",
                        f"{path} was changed by another program meanwhile and was not written; run again.",
                    ),
                )
        print(_said(os.fspath(path), result).get(lang))
    return EXIT_OK


def _said(path: str, result: imagemeta.Stripped) -> Text:
    if result.removed:
        zh = f"{path}：已去掉{'、'.join(t.zh for t in result.removed)}，像素数据未改动。"
        en = f"{path}: removed {', '.join(t.en for t in result.removed)}; pixel data unchanged."
    else:
        zh = f"{path}：元数据中没有 GPS 坐标或人名，未改动。"
        en = f"{path}: no GPS coordinates or names in its metadata; unchanged."
    if result.aigc_kept:
        zh += "保留了 AI 生成标识（AIGC）。"
        en += " The AI-generation label (AIGC) was kept."
    if result.note:
        zh += f"注意：{result.note.zh}。"
        en += f" Note: {result.note.en}."
    return Text(zh, en)
