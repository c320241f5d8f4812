"""WM201–WM212 — what the review checks (5.3.2 b, c): authorisation of reprints and the copyright of
every asset. The review trail itself (who reviewed and signed what) is in `trail`."""

from __future__ import annotations

import posixpath

from wemedia import body
from wemedia.findings import Problem
from wemedia.i18n import Text
from wemedia.model import Post, missing, text
from wemedia.rules.basics import ALL_RIGHTS_RESERVED, LICENCE_REF, derived
from wemedia.rules.missing import missing_file
from wemedia.rules.registry import rule


@rule(
    "WM201",
    "5.3.2 b",
    "转载、改编的文章必须写明出处和授权",
    "reprints and adaptations name their origin and authorisation",
)
def reprint_authorised(post, archive):
    """规则: `source.type` 为 reprint 或 adapted 时，须有 `origin`（原标题、原发布方，以及原文网址或日期）和
    `authorization`（授权方、授权日期，以及凭据编号或凭据文件）。
    原因: 5.3.2 b 要求审核内容的授权，确保转载合法合规。
    示例: `authorization: {granted_by: 佛山市文化馆, date: 2026-09-01, reference: 邮件 2026-09-01}`
    """
    if not derived(post):
        return
    source = post.get("source", {})
    for key, required, any_of, absent, (zh, en) in _SOURCE_RECORDS:
        record = source.get(key)
        if not isinstance(record, dict):
            yield Problem(absent, at=("source",))
            continue
        lacking = missing(record, required, any_of)
        if lacking:
            named = "、".join(" / ".join(f"{f} {_FIELD_NAMES[f]}" for f in item.split(" / ")) for item in lacking)
            yield Problem(
                Text(
                    f"{zh}（source.{key}）缺少：{named}；请在 source.{key} 下补上。",
                    f"{en} (source.{key}) lacks: {', '.join(lacking)}; add them under source.{key}.",
                ),
                at=("source", key),
            )


_FIELD_NAMES = {
    "title": "原标题",
    "publisher": "原发布方",
    "url": "原文网址",
    "date": "日期",
    "granted_by": "授权方",
    "reference": "凭据编号",
    "evidence": "凭据文件",
}
_SOURCE_RECORDS = (
    (
        "origin",
        ("title", "publisher"),
        ("url", "date"),
        Text(
            "转载或改编的内容必须写明原始出处：在 source 下添加 origin（title、publisher、url 或 date）。",
            "a reprint or adaptation must name its origin: add source.origin (title, publisher, url or date).",
        ),
        ("原始出处", "the origin"),
    ),
    (
        "authorization",
        ("granted_by", "date"),
        ("reference", "evidence"),
        Text(
            "转载或改编的内容必须记录授权：在 source 下添加 authorization（granted_by、date，以及 reference 或 evidence）。",
            "a reprint or adaptation must record its authorisation: add source.authorization "
            "(granted_by, date, and reference or evidence).",
        ),
        ("授权记录", "the authorisation"),
    ),
)


@rule("WM202", "5.3.2 b", "授权和许可凭据文件必须存在", "authorisation and permission evidence files exist")
def evidence_exists(post, archive):
    """规则: `source.authorization.evidence` 和素材的 `permission` 指向的文件必须在仓库中。
    原因: 凭据只有存档在案，授权才可查证（5.3.2 b、c）。
    示例: `evidence: evidence/2026-09-wenhuaguan.pdf`（相对文章所在目录）。
    """
    candidates = []
    authorization = post.get("source", {}).get("authorization") if isinstance(post.get("source"), dict) else None
    if isinstance(authorization, dict) and isinstance(authorization.get("evidence"), str):
        candidates.append((("source", "authorization", "evidence"), authorization["evidence"]))
    for i, asset in post.list_of("assets"):
        if isinstance(asset.get("permission"), str):
            candidates.append((("assets", i, "permission"), asset["permission"]))
    for at, written in candidates:
        if not archive.exists(post.resolve(written)):
            yield Problem(
                missing_file(
                    archive,
                    Text("凭据文件", "the evidence file"),
                    written,
                    post.resolve(written),
                    Text("请上传扫描件或改正路径。", "add the scan or correct the path."),
                ),
                at=at,
            )


@rule(
    "WM210",
    "5.3.2 c",
    "正文用到的每个图片、视频、音频和供下载的文件都必须登记在 assets 中",
    "every medium and linked file the body uses is listed in assets",
    scope="document",
    kinds=("post", "variant"),
)
def media_listed(doc, archive):
    """规则: 正文（及 `channels[].file` 指定的平台版本）中浏览器会加载的每个图片、视频、音频——Markdown 图片、
      HTML 的 `src`、`srcset`、`poster`、样式中的 `url(…)`——以及链接到仓库中文件（PDF、录音等）的链接，
      都必须在 `assets` 中登记；不得直接引用外部网址的素材，也不得引用自己电脑上的路径或内嵌的 data 图片。
      代码块、行内代码和 HTML 注释中的内容不算；链接到外部网页或其他文章不算素材。
    原因: 5.3.2 c 要求审核素材的版权；未登记的素材没有创作者、来源和许可，无法审核。
    示例: 正文 `![馆藏古籍](img/guji.png)` 要求 `assets` 中有 `file: img/guji.png`；
      `img/古籍%20修复.png` 与登记的 `img/古籍 修复.png` 是同一个文件。
    """
    if doc.kind == "post":
        if doc.ok:
            yield from _undeclared(Post(doc), body.media(doc.body, doc.body_line))
        return
    refs = body.media(doc.body, doc.body_line)
    for owner in archive.owners(doc.path):
        yield from _undeclared(owner, refs, base=doc.path)


def _undeclared(post: Post, refs, base: str | None = None):
    """Problems for the media of `refs` (written in `base`, default the post itself) not in the post's assets."""
    listed = {post.resolve(a["file"]) for _, a in post.list_of("assets") if isinstance(a.get("file"), str)}
    folder = posixpath.dirname(base or post.doc.path)
    owner = "" if base is None else f"（文章 {post.doc.path}）"
    owner_en = "" if base is None else f" (post {post.doc.path})"
    for ref in refs:
        at = {"line": ref.line, "column": ref.column}
        if ref.via == "tag":
            yield Problem(
                Text(
                    f"正文不得使用 {ref.target}：它会从任意地址加载样式、脚本或页面，审核无法核对；"
                    "请删除它（样式写在元素的 style 属性里）。",
                    f"the body must not use {ref.target}: it loads styles, scripts or pages from anywhere, "
                    "beyond review; remove it (put styles in an element's style attribute).",
                ),
                **at,
            )
        elif ref.external:
            yield Problem(
                Text(
                    f"正文直接引用了外部素材“{ref.target}”；请取得授权后下载保存到仓库，并在 assets 中登记。",
                    f"the body uses the external medium '{ref.target}'; obtain permission, save it in "
                    "the repository and list it in assets.",
                ),
                **at,
            )
        elif ref.embedded:
            yield Problem(
                Text(
                    "正文内嵌了 data: 形式的素材；请把它保存为文件放进仓库，在 assets 中登记后再引用。",
                    "the body embeds a data: medium; save it as a file in the repository, list it in "
                    "assets and use the file.",
                ),
                **at,
            )
        elif ref.on_own_computer:
            yield Problem(
                Text(
                    f"“{ref.target}”是你自己电脑上的路径，读者打不开；请把文件放进仓库（如 img/ 下），"
                    "改用相对路径，并在 assets 中登记。",
                    f"'{ref.target}' is a path on your own computer that readers cannot open; put the file "
                    "in the repository (e.g. under img/), use a relative path and list it in assets.",
                ),
                **at,
            )
        elif posixpath.normpath(posixpath.join(folder, ref.path)) not in listed:  # relative, as the browser reads it
            entry = f"- {{file: {ref.path}, kind: {ref.kind}, creator: …, source: …, licence: …}}"
            yield Problem(
                Text(
                    f"素材“{ref.target}”没有在 assets 中登记{owner}；请在 assets 下添加一项，如 {entry}",
                    f"the medium '{ref.target}' is not listed in assets{owner_en}; add an entry such as {entry}",
                ),
                **at,
            )


@rule("WM211", "5.3.2 c", "assets 中登记的每个文件都必须存在", "every listed asset file exists")
def assets_exist(post, archive):
    """规则: `assets` 中每一项的 `file` 必须是仓库中存在的文件（相对文章所在目录）。
    原因: 存档要保留发布时用到的每个素材，供日后查证版权（5.3.2 c、5.3.3.3）。
    示例: `file: img/poster.png` → `content/posts/2026/09/img/poster.png` 必须存在。
    """
    for i, asset in post.list_of("assets"):
        written = asset.get("file")
        if isinstance(written, str) and archive.leaves(post.resolve(written)):
            yield Problem(
                Text(
                    f"素材文件“{written}”是指向仓库之外的符号链接；存档不会收录仓库外的文件，请把文件本身放进仓库。",
                    f"the asset file '{written}' is a symbolic link leaving the repository; the archive "
                    "never takes files from outside: put the file itself in the repository.",
                ),
                at=("assets", i, "file"),
            )
        elif isinstance(written, str) and not archive.exists(post.resolve(written)):
            yield Problem(
                missing_file(
                    archive,
                    Text("素材文件", "the asset file"),
                    written,
                    post.resolve(written),
                    Text("请添加文件或改正路径。", "add it or correct the path."),
                ),
                at=("assets", i, "file"),
            )


@rule(
    "WM212",
    "5.3.2 c",
    "每个素材必须写明创作者、来源和许可",
    "every asset names its creator, source and licence",
    registers=("team", "libraries"),
)
def asset_rights(post, archive):
    """规则: `assets` 中每一项须有 `creator`、`source`、`licence`；许可为 all-rights-reserved 或 LicenseRef-…
    且非本馆自有时，须有 `permission` 凭据。
    原因: 5.3.2 c 要求审核素材的版权，以降低版权风险。
    示例: `{file: img/a.png, kind: image, creator: 本馆摄影组, source: 自摄, licence: CC-BY-4.0}`
    """
    own = set(archive.people) | set(archive.libraries)
    for i, asset in post.list_of("assets"):
        lacking = missing(asset, ("creator", "source", "licence"))
        if lacking:
            yield Problem(
                Text(f"素材缺少版权信息：{'、'.join(lacking)}。", f"the asset lacks: {', '.join(lacking)}."),
                at=("assets", i),
            )
            continue
        licence = asset.get("licence")
        restricted = licence == ALL_RIGHTS_RESERVED or (isinstance(licence, str) and LICENCE_REF.match(licence))
        in_house = text(asset, "creator") in own or text(asset, "source") in ("自摄", "馆藏", "本馆", "in-house")
        if restricted and not in_house and not asset.get("permission"):
            yield Problem(
                Text(
                    f"素材许可为“{licence}”，且不是本馆自有；请在 permission 中附上授权凭据文件。",
                    f"the asset's licence is '{licence}' and it is not the library's own; attach the "
                    "permission evidence in 'permission'.",
                ),
                at=("assets", i, "licence"),
            )
