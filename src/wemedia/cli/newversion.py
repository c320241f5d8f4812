"""`wemedia new version POST --account ID` — a per-platform version of a post (5.3.1 c).

Writes `<post>.<account>.md` beside the post — the post's title and body to rewrite in the platform's
form — and adds `file:` to that account's channel, changing no other byte of the post (comments,
layout, line ends kept). Both go through the one writer: the version is created only if absent, the
post replaced only if it still holds what was read. The new file's path is the last line printed."""

from __future__ import annotations

import json
import re
from pathlib import Path

from wemedia import archive as archive_mod
from wemedia import writer
from wemedia.cli.common import EXIT_OK, NO_REPOSITORY, fail, lang_of, repository
from wemedia.documents import Document
from wemedia.i18n import Text
from wemedia.model import Post, text
from wemedia.reviewing import _item_lines

_HEADING = re.compile(r"\A\s*#[ \t][^\n]*\n+")


def add(kinds) -> None:
    p = kinds.add_parser(
        "version",
        help="为文章新建一个平台版本 / write a per-platform version of a post",
        description="在文章旁新建 文章名.账号.md（标题和正文取自文章，请按平台改写），并在该账号的渠道下写上 file。 / "
        "Write <post>.<account>.md beside the post (its title and body, to rewrite for the platform) and "
        "name it in that account's channel.",
    )
    p.add_argument("path", metavar="POST", help="文章路径 / the post's path")
    p.add_argument("--account", required=True, help="渠道的账号编号（须已在文章的 channels 中）/ the channel's account")
    p.add_argument("--root", metavar="DIR", help="编辑仓库所在目录 / the editorial repository")
    p.add_argument("--lang", choices=("zh", "en"), help="消息语言 / message language")
    p.set_defaults(run=run)


def _refuse(args, message: Text) -> int:
    return fail(args, Text(message.zh + " 文件未改动。", message.en + " Nothing was changed."))


def run(args) -> int:
    path = Path(args.path).resolve()
    root = repository(args, path.parent)
    if root is None:
        return fail(args, NO_REPOSITORY)
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        rel = None
    loaded = archive_mod.load(root, [rel]) if rel else None
    doc = loaded.document(rel) if loaded is not None and path.is_file() else None
    if doc is None or doc.kind != "post" or not doc.ok or not isinstance(doc.data, dict):
        return _refuse(
            args,
            Text(
                f"{args.path} 不是可读的文章；请先运行 wemedia check {args.path} 并改正报告的错误。",
                f"{args.path} is not a readable post; run wemedia check {args.path} and fix what it reports first.",
            ),
        )
    post = Post(doc)
    if post.released:
        return _refuse(
            args,
            Text(
                f"{rel} 已签发或已发布：加上平台版本会使审核签名作废。已发布的文章须按更正流程修改。",
                f"{rel} is signed off or published: a new version would void its signatures. Change a published "
                "post through a correction.",
            ),
        )
    found = [(i, c) for i, c in post.list_of("channels") if text(c, "account") == args.account]
    if not found:
        accounts = "、".join(a for _, c in post.list_of("channels") if (a := text(c, "account"))) or "（无）"
        return _refuse(
            args,
            Text(
                f"账号“{args.account}”不在这篇文章的 channels 中（现有：{accounts}）；请先在 channels 中添加 "
                f"- account: {args.account}。",
                f"the account '{args.account}' is not in this post's channels ({accounts}); add "
                f"'- account: {args.account}' to channels first.",
            ),
        )
    index, channel = found[0]
    if channel.get("file") is not None:
        return _refuse(
            args,
            Text(
                f"账号“{args.account}”的渠道已经有平台版本：{channel.get('file')}；请直接编辑它。",
                f"the channel of '{args.account}' already has a version: {channel.get('file')}; edit that file.",
            ),
        )
    name = f"{path.stem}.{args.account}.md"
    changed = with_file(doc, index, name)
    if changed is None:
        return _refuse(
            args,
            Text(
                f"channels 中“{args.account}”这一项的写法无法只加一个字段；请手动加上 file: {name}，再新建这个文件。",
                f"the channel of '{args.account}' is written in a way one field cannot be added to; add "
                f"'file: {name}' by hand and create the file.",
            ),
        )
    target = path.parent / name
    try:
        writer.create(target, draft(post, args.account))
    except writer.AlreadyExists:
        return _refuse(args, Text(f"{target} 已存在。", f"{target} already exists."))
    try:
        writer.replace(path, doc.raw, changed)
    except writer.Changed:
        target.unlink()
        return _refuse(
            args, Text(f"{rel} 刚被别人改过；请重新运行。", f"{rel} changed meanwhile; run the command again.")
        )
    shown = target.relative_to(root).as_posix() if Path.cwd() == root else str(target)
    hint = Text(
        "已创建平台版本，并在文章的渠道下写上了 file。它现在是文章正文的副本：请按平台的形式改写（标题、长度、封面），"
        "再提交审核。",
        "the version is written and named in the post's channel. It is a copy of the post's body for now: "
        "rewrite it in the platform's form (title, length, cover) before review.",
    )
    print(hint.get(lang_of(args)))
    print(shown)
    return EXIT_OK


def draft(post: Post, account: str) -> str:
    """The new version: the post's title and account as its front-matter, the post's body (without a
    first heading: the version has its own title)."""
    content = _HEADING.sub("", post.doc.body or "", count=1)
    return f"---\ntitle: {json.dumps(post.title, ensure_ascii=False)}\naccount: {account}\n---\n{content}"


def with_file(doc: Document, index: int, written: str) -> bytes | None:
    """The post's bytes with `file: written` in its channel `index`; None when that channel is written
    in a shape one field cannot be added to without touching the rest (a flow mapping over lines)."""
    spans = doc.spans()
    key = ("channels", index)
    if key not in spans:
        return None
    lines = doc.raw.decode("utf-8-sig").split("\n")
    crlf = doc.newline == "\r\n"
    if crlf:
        lines = [line.removesuffix("\r") for line in lines]
    start_line, start_column, end_line, end_column = spans[key]
    line = lines[start_line - 1]
    if line[start_column - 1 : start_column] == "{":  # a flow mapping: before its closing brace
        close = end_column - 2
        if end_line != start_line or line[close : close + 1] != "}":
            return None
        lines[start_line - 1] = f"{line[:close].rstrip()}, file: {written}{line[close:]}"
    else:  # a block mapping: one more line at its indentation, after its last line
        _, last = _item_lines(spans, key)
        lines.insert(last, " " * (start_column - 1) + f"file: {written}")
    joined = "\n".join(lines)
    if crlf:
        joined = joined.replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if doc.bom else b"") + joined.encode("utf-8")
