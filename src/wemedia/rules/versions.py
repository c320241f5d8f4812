"""WM270–WM273 — per-platform versions (5.3.1 c): a post's `channels[].file` names the text one platform
carries (its own title, summary, cover and body). What a version may be, what its front-matter holds,
that its cover is a registered asset, and a suggestion when one text goes unchanged to platforms of
different forms. Its body's media, the disclosure guard and the review digest cover versions elsewhere
(WM210, WM6xx, WM224)."""

from __future__ import annotations

import difflib
import posixpath
import re

from wemedia import normalize, platforms
from wemedia.archive import CONTENT
from wemedia.findings import Problem
from wemedia.i18n import Text
from wemedia.model import Post, text
from wemedia.rules.registry import rule

FIELDS = ("title", "summary", "description", "cover", "account")  # what a version's own front-matter may say
SUFFIXES = (".md", ".markdown", ".txt")  # a version is text a platform carries


@rule(
    "WM270",
    "integrity",
    "平台版本文件必须是本文章专用的、content/ 下的文本文件",
    "a version file is a text file under content/ that belongs to this post alone",
    severity="error",
)
def version_file(post, archive):
    """规则: `channels[].file` 指定的平台版本必须在 `content/` 下，是 .md 或 .txt 文本文件，不是这篇文章自己，
      也不是另一篇文章（有 status 的文件）；同一个版本文件不能由两篇文章指定（同一篇文章的两个渠道可以共用一个）。
      文件不存在由 WM012 报告。
    原因: 平台版本随文章一起审核、签名和存档（5.3.1 c、5.3.2）。`content/` 之外的文件不受检查，也不进网站；
      两篇文章共用一个版本时，为一篇改版本会悄悄改掉另一篇已签发的内容。
    示例: `channels: [{account: nanhu-douyin, file: 2026-11-19-douyin-yuyue.douyin.md}]`，文件放在文章旁边。
    """
    for i, channel in post.list_of("channels"):
        written = channel.get("file")
        if not isinstance(written, str):
            continue
        target = post.resolve(written)
        problem = _not_a_version(post, archive, written, target)
        if problem is not None:
            yield Problem(problem, at=("channels", i, "file"))


def _not_a_version(post: Post, archive, written: str, target: str) -> Text | None:
    if target == post.doc.path:
        return Text(
            f"平台版本“{written}”就是这篇文章自己；不需要单独版本时删去 file，需要时另建一个文件。",
            f"the version '{written}' is this post itself; remove 'file' if no separate version is "
            "needed, or write one in a file of its own.",
        )
    if not target.startswith(CONTENT + "/"):
        return Text(
            f"平台版本“{written}”在 content/ 之外（{target}）；content/ 之外的文件不受检查、不进存档，"
            "请把版本文件放在文章旁边。",
            f"the version '{written}' lies outside content/ ({target}); files there are neither checked "
            "nor archived: put the version file beside its post.",
        )
    if not target.lower().endswith(SUFFIXES):
        return Text(
            f"平台版本“{written}”不是文本文件；版本须是 .md 或 .txt（图片、视频请登记在 assets 中，在版本正文里引用）。",
            f"the version '{written}' is not a text file; a version is .md or .txt (list images and "
            "videos in assets and use them in the version's body).",
        )
    if archive.kind_of(target) == "post":
        return Text(
            f"平台版本“{written}”是另一篇文章（它有 status）；版本文件只写 title、summary、description、cover、account 和正文。",
            f"the version '{written}' is a post in its own right (it has a status); a version file holds "
            "only title, summary, description, cover, account and its body.",
        )
    others = [p for p in archive.variant_paths.get(target, ()) if p != post.doc.path]
    if others:
        return Text(
            f"平台版本“{written}”也被文章 {'、'.join(others)} 指定；一个版本只属于一篇文章，请为这篇另建一个文件。",
            f"the version '{written}' is also named by {', '.join(others)}; a version belongs to one post "
            "only: give this post a file of its own.",
        )
    return None


@rule(
    "WM271",
    "integrity",
    "平台版本的 front-matter 只能写 title、summary、description、cover、account，且账号须是指定它的渠道的账号",
    "a version's front-matter holds title, summary, description, cover and account, the account its channel's",
    scope="document",
    kinds=("variant",),
    severity="error",
)
def version_fields(doc, archive):
    """规则: 平台版本文件可以没有 front-matter；有时须是“字段: 值”的映射，只能有 `title`（平台标题）、`summary`
      （摘要）、`description`（平台上的描述，如视频的文案）、`cover`（封面图）、`account`（账号），每项都是非空的文字；写了 `account` 时，它须是在 `channels`
      中指定这个文件的渠道的账号。
    原因: 拼错的字段（`titel`）会被悄悄忽略，平台上发出的标题就不是审核过的那个；写错的账号会让人把抖音版本发到
      别的平台（5.3.1 c）。
    示例: `title: 11月读书会预约开始`、`cover: img/yuyue-cover.png`、`account: nanhu-douyin`。
    """
    if not doc.ok or doc.data is None:
        return
    if not isinstance(doc.data, dict):
        yield Problem(
            Text(
                "平台版本的 front-matter 必须是“字段: 值”的映射（title、summary、description、cover、account）；请去掉行首的“- ”。",
                "a version's front-matter must be a mapping of 'field: value' (title, summary, description, cover, account); "
                "remove the leading '- '.",
            )
        )
        return
    for key, value in doc.data.items():
        if key not in FIELDS:
            near = difflib.get_close_matches(str(key), FIELDS, n=1)
            hint = Text(f"（是不是 {near[0]}？）", f" (did you mean {near[0]}?)") if near else Text("", "")
            yield Problem(
                Text(
                    f"平台版本不认识字段“{key}”{hint.zh}；只能写 title、summary、description、cover、account。",
                    f"a version has no field '{key}'{hint.en}; it may hold title, summary, description, cover and account.",
                ),
                at=(key,),
                key=True,
            )
        elif not isinstance(value, str) or not value.strip():
            yield Problem(
                Text(f"平台版本的 {key} 必须是非空的文字。", f"a version's {key} must be non-empty text."),
                at=(key,),
            )
    account = text(doc.data, "account")
    if account and account.strip():
        named_by = sorted(
            {
                a
                for owner in archive.owners(doc.path)
                for _, c in owner.list_of("channels")
                if isinstance(c.get("file"), str) and owner.resolve(c["file"]) == doc.path
                if (a := text(c, "account"))
            }
        )
        if named_by and account not in named_by:
            yield Problem(
                Text(
                    f"平台版本写的账号“{account}”不是指定它的渠道的账号（{'、'.join(named_by)}）；请改正 account，"
                    "或在文章的 channels 中把这个文件放到该账号的渠道下。",
                    f"the version names the account '{account}', but the channel naming it is on "
                    f"{', '.join(named_by)}; correct 'account' or move the file to that account's channel.",
                ),
                at=("account",),
            )


@rule(
    "WM272",
    "5.3.2 c",
    "平台版本的封面图必须登记在文章的 assets 中",
    "a version's cover image is listed in its post's assets",
    scope="document",
    kinds=("variant",),
)
def version_cover(doc, archive):
    """规则: 平台版本 front-matter 中的 `cover`（相对版本文件所在目录）必须是指定它的文章 `assets` 中登记的文件，
      不能是外部网址；登记后文件是否存在由 WM211 检查。
    原因: 封面和正文里的图片一样要审核版权（5.3.2 c）；未登记的封面没有创作者、来源和许可。
    示例: 版本写 `cover: img/yuyue-cover.png`，文章的 `assets` 中有 `{file: img/yuyue-cover.png, kind: image, …}`。
    """
    if not doc.ok or not isinstance(doc.data, dict) or not isinstance(doc.data.get("cover"), str):
        return
    written = doc.data["cover"].strip()
    if not written:
        return  # WM271 says it is empty
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", written) or written.startswith("//"):
        yield Problem(
            Text(
                f"封面“{written}”是外部网址；请取得授权后下载保存到仓库，在文章的 assets 中登记，再写它的相对路径。",
                f"the cover '{written}' is an external address; obtain permission, save it in the repository, "
                "list it in the post's assets and write its relative path.",
            ),
            at=("cover",),
        )
        return
    target = posixpath.normpath(posixpath.join(posixpath.dirname(doc.path), written))
    for owner in archive.owners(doc.path):
        listed = {owner.resolve(a["file"]) for _, a in owner.list_of("assets") if isinstance(a.get("file"), str)}
        if target not in listed:
            yield Problem(
                Text(
                    f"封面“{written}”没有在文章 {owner.doc.path} 的 assets 中登记；请在那里添加一项，如 "
                    f"{{file: {posixpath.relpath(target, posixpath.dirname(owner.doc.path))}, kind: image, "
                    "creator: …, source: …, licence: …}",
                    f"the cover '{written}' is not listed in the assets of {owner.doc.path}; add an entry there "
                    "with its creator, source and licence.",
                ),
                at=("cover",),
            )


@rule(
    "WM273",
    "5.3.1 c",
    "发往不同类型平台的内容宜各有版本",
    "a post going to platforms of different forms should have a version for each",
    severity="warning",
    registers=("accounts",),
)
def differentiated(post, archive):
    """规则: 尚未签发的文章发往两种以上类型的平台（图文：微信公众号；短视频：视频号、抖音；微博；图文笔记：小红书；
      长视频：哔哩哔哩），而其中不同类型的渠道用的是同一段正文——渠道没有 `file`，或平台版本的正文与文章正文只差
      空格、标点、换行、Markdown 标记或开头的标题——时提示。已签发、已发布的文章不再提示（改动会使签名作废）。
    原因: 5.3.1 c 建议为不同平台生产差异化内容：公众号长文原样贴成抖音文案、微博，读者读不完，平台也可能截断。
    示例: 文章发往 nanhu-wechat 和 nanhu-douyin：运行 `wemedia new version 文章路径 --account nanhu-douyin`，
      把生成的版本改写成短文案。
    """
    if post.released:
        return
    essence = None
    first: tuple[str, str] | None = None  # (account, kind) of the first channel carrying the post's body
    for i, channel in post.list_of("channels"):
        aid = text(channel, "account")
        account = archive.accounts.get(aid) if aid else None
        form = platforms.kind(account.text("platform")) if account is not None else None
        if form is None:
            continue
        written = channel.get("file")
        if isinstance(written, str):
            version = archive.document(post.resolve(written))
            if version is None or version.kind != "variant" or not version.ok:
                continue  # not a readable version: WM012 / WM270 say why
            if essence is None:
                essence = _essence(post.doc.body)
            if _essence(version.body) != essence:
                continue
        if first is None:
            first = (aid, form)
        elif form != first[1]:
            at = ("channels", i, "file") if isinstance(written, str) else ("channels", i)
            how = (
                Text(
                    "的平台版本与文章正文相同（只差空格、标点或标记）",
                    "has a version that is the post's body again (only spaces, punctuation or marks differ)",
                )
                if isinstance(written, str)
                else Text("没有平台版本", "has no version of its own")
            )
            kind_now, kind_first = platforms.LABELS[form], platforms.LABELS[first[1]]
            yield Problem(
                Text(
                    f"同一段正文原样发往不同类型的平台：{first[0]} 是{kind_first.zh}平台，{aid} 是{kind_now.zh}平台，"
                    f"而 {aid} {how.zh}。宜为 {aid} 写一个平台版本（wemedia new version {post.doc.path} --account {aid}），"
                    "按平台的形式改写。",
                    f"the same text goes unchanged to platforms of different forms: {first[0]} ({kind_first.en}) "
                    f"and {aid} ({kind_now.en}), and {aid} {how.en}. Write a version for {aid} "
                    f"(wemedia new version {post.doc.path} --account {aid}) in that platform's form.",
                ),
                at=at,
            )


_HEADING = re.compile(r"\A\s*#{1,6}[ \t][^\n]*\n?")


def _essence(text_: str | None) -> str:
    """A body as a reader tells two texts apart: a first heading dropped (a version often leaves out the
    title), then the disclosure guard's normalisation (width, case, script), then everything that is not
    a letter, digit or ideograph removed — spaces, punctuation, line breaks and Markdown marks."""
    stripped = _HEADING.sub("", text_ or "", count=1)
    return re.sub(r"[\W_]+", "", normalize.normalize(stripped).text)
