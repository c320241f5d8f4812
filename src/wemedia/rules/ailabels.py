"""WM280–WM284 — AI-generated content carries the label a reader sees (4.1: 人工智能生成合成内容标识办法, in
force 2025-09-01, and GB 45438-2025). What counts as a label and where it is looked for: `ailabels.py`."""

from __future__ import annotations

from urllib.parse import unquote

from wemedia import ailabels
from wemedia.findings import Problem
from wemedia.i18n import Text
from wemedia.model import text
from wemedia.rules.registry import rule

SAY = "“人工智能生成”“AI生成”“由AI辅助生成”等字样"
SAY_EN = "words such as '人工智能生成', 'AI生成' or '由AI辅助生成'"
SHORT_VIDEO = ("wechat-channels", "douyin")


def _what(kind: str) -> tuple[str, str]:
    return ("由 AI 生成", "AI-generated") if kind == "generated" else ("由 AI 辅助生成", "AI-assisted")


@rule("WM280", "4.1", "AI 生成或辅助生成的文字须有读者看得见的标识", "AI-generated text carries a visible label")
def text_label(post, archive):
    """规则: front-matter 写了 `ai: {text: generated|assisted}` 的文章，正文开头或结尾（前后 80 个字以内）须有
      “人工智能生成”“AI生成”“AI辅助”等标识；写了 `parts`（生成的段落开头几个字）时，标识写在该段之中或紧挨的前后
      80 个字以内也可以。只算读者看得见的文字：HTML 注释、链接的标题（title）不算；加粗拆开、全角、空格、零宽字符不影响识别。
    原因: 4.1 要求合法合规；《人工智能生成合成内容标识办法》（2025 年 9 月 1 日起施行）和 GB 45438-2025 要求在文本的
      起始、末尾或中间适当位置添加显式标识，让读者知道哪些内容由人工智能生成。
    示例: 正文最后一行写“（本文由AI辅助生成，经馆员核对）”。
    """
    kind = ailabels.post_text(post)
    if kind is None:
        return
    zh, en = _what(kind)
    _, view, spans = ailabels.body_view(post)
    labels = view.labels()
    named = ailabels.parts(post)
    if not named:
        body = view.text
        first = len(body) - len(body.lstrip())
        last = len(body.rstrip())
        if any(h.start - first < ailabels.EDGE or last - h.end < ailabels.EDGE for h in labels):
            return
        yield Problem(
            Text(
                f"文章声明正文{zh}（ai.text），但正文开头和结尾都没有读者看得见的标识；请在正文第一段或最后一段写上"
                f"{SAY}（HTML 注释和链接标题读者看不到，不算）。",
                f"the post declares its text {en} (ai.text), but neither the start nor the end of the body carries a "
                f"visible label: write {SAY_EN} in the first or last paragraph (comments and link titles are not seen).",
            ),
            line=post.doc.body_line,
            column=1,
        )
        return
    for i, excerpt in named:
        found = view.excerpt(excerpt)
        if not found:
            yield Problem(
                Text(
                    f"ai.parts 中的“{excerpt}”在正文中找不到；请照正文原样摘抄生成段落开头的几个字。",
                    f"'{excerpt}' of ai.parts is not in the body: copy the first words of the generated part as written.",
                ),
                at=("ai", "parts", i),
            )
            continue
        start, end = found[0].start, found[0].end
        block = next(((s, e) for s, e in spans if s <= start < e + 1), (start, end))
        near = [
            h
            for h in labels
            if block[0] <= h.start < block[1]
            or 0 <= block[0] - h.end < ailabels.EDGE
            or 0 <= h.start - block[1] < ailabels.EDGE
        ]
        if not near:
            yield Problem(
                Text(
                    f"“{excerpt}”开始的段落声明为{zh}（ai.parts），但这一段和前后 {ailabels.EDGE} 个字以内没有读者看得见的"
                    f"标识；请在这一段写上{SAY}。",
                    f"the part starting '{excerpt}' is declared {en} (ai.parts), but neither it nor the "
                    f"{ailabels.EDGE} characters around it carry a visible label: write {SAY_EN} there.",
                ),
                line=found[0].line,
                column=found[0].column,
            )


def _used(post, entry: dict) -> str | None:
    file = text(entry, "file")
    return post.resolve(file) if file else None


def _captions(blocks, index: int, picture) -> bool:
    """A label in the image's alt text, in its own short paragraph, or in the short paragraph right after."""
    if ailabels.has_label(picture.alt):
        return True
    own = blocks[index]
    if len(own.text.strip()) <= ailabels.CAPTION and ailabels.Visible(own.pieces).labels():
        return True
    if index + 1 < len(blocks):
        after = blocks[index + 1]
        if len(after.text.strip()) <= ailabels.CAPTION and ailabels.Visible(after.pieces).labels():
            return True
    return False


@rule(
    "WM281",
    "4.1",
    "AI 生成的图片须在说明中标识并带有画面上的标识",
    "an AI-generated image is labelled in its caption and on the picture",
)
def image_label(post, archive):
    """规则: `assets` 中写了 `ai: generated|assisted` 的图片，正文中每次出现时，说明文字——替代文字（`![说明](图)`、
      `<img alt>`）、图片所在的短段落或紧接图片的一段（不超过 120 字）——须有“AI生成”等标识；并且要写
      `ai_mark: true`，声明图片画面上带有读者看得见的标识。
    原因: 4.1 要求合法合规；《人工智能生成合成内容标识办法》和 GB 45438-2025 要求生成的图片在画面的适当位置添加显式标识，
      发布时提示读者。说明文字之外、远处一段里的字样，读者看图时看不到。
    示例: `![南湖读书节海报（AI生成）](img/haibao.png)`，素材登记 `ai: generated`、`ai_mark: true`。
    """
    declared = [(i, e, k) for i, e, k in ailabels.assets(post) if e.get("kind") == "image"]
    if not declared:
        return
    blocks = None
    for i, entry, kind in declared:
        zh, en = _what(kind)
        if entry.get("ai_mark") is not True:
            yield Problem(
                Text(
                    f"图片 {entry.get('file')} 登记为{zh}，但没有声明画面上带有显式标识；请在图片上加上“AI生成”等看得见的"
                    "字样，并在这一项写 ai_mark: true。",
                    f"the image {entry.get('file')} is declared {en} but not marked on the picture: put a visible "
                    "'AI生成' on it and write ai_mark: true.",
                ),
                at=("assets", i, "ai_mark") if "ai_mark" in entry else ("assets", i, "ai"),
            )
        path = _used(post, entry)
        if blocks is None:
            blocks = ailabels.body_view(post)[0]
        for index, block in enumerate(blocks):
            for picture in block.pictures:
                if not picture.target or post.resolve(unquote(picture.target.split("#")[0].split("?")[0])) != path:
                    continue
                if not _captions(blocks, index, picture):
                    yield Problem(
                        Text(
                            f"这张图片登记为{zh}（assets 第 {i + 1} 项），但说明文字里没有标识；请在替代文字或紧接图片的"
                            f"说明中写上{SAY}。",
                            f"this image is declared {en} (asset {i + 1}) but its caption carries no label: write "
                            f"{SAY_EN} in its alt text or the caption right after it.",
                        ),
                        line=picture.line,
                        column=picture.column,
                    )


def _variant_text(doc) -> str:
    """What a platform's version shows: its title, description or summary and its text."""
    values = [doc.data.get(k) for k in ("title", "description", "summary")] if isinstance(doc.data, dict) else []
    return "\n".join([v for v in values if isinstance(v, str)] + [doc.body or ""])


@rule("WM282", "4.1", "AI 生成的视频须在平台版本的简介中标识", "an AI-generated video is labelled in its description")
def video_label(post, archive):
    """规则: `assets` 中写了 `ai: generated|assisted` 的视频，发到视频号、抖音的每个渠道，其平台版本文件
      （`channels[].file`）的简介或正文须有“AI生成”等标识；没有平台版本文件时，文章正文就是简介，标识写在正文里。
      没有视频号、抖音渠道时，视频在正文中的说明（所在的短段落或紧接的一段）须有标识。
    原因: 4.1 要求合法合规；《人工智能生成合成内容标识办法》和 GB 45438-2025 要求生成的视频添加显式标识；短视频平台上
      读者看到的是视频和它的简介。
    示例: `channels: [{account: nanhu-douyin, file: douyin/haibao.md}]`，douyin/haibao.md 中写“本视频由AI生成”。
    """
    videos = [(i, e, k) for i, e, k in ailabels.assets(post) if e.get("kind") == "video"]
    if not videos:
        return
    short = []
    for c, channel in post.list_of("channels"):
        account = archive.accounts.get(text(channel, "account") or "")
        if account is not None and account.text("platform") in SHORT_VIDEO:
            short.append((c, channel, account))
    for i, entry, kind in videos:
        zh, en = _what(kind)
        for c, channel, account in short:
            file = text(channel, "file")
            doc = archive.document(post.resolve(file)) if file else None
            shown = _variant_text(doc) if doc is not None else post.doc.body
            if ailabels.Visible(_pieces(shown)).labels():
                continue
            yield Problem(
                Text(
                    f"视频 {entry.get('file')} 登记为{zh}，但发往“{account.get('name') or account.id}”的"
                    f"{f'版本 {file} 中' if file else '简介（没有平台版本文件，即文章正文）中'}没有标识；请在简介中写上{SAY}。",
                    f"the video {entry.get('file')} is declared {en}, but the "
                    f"{'version ' + file if file else 'body'} for {account.id} carries no label: write {SAY_EN} "
                    "in its description.",
                ),
                at=("channels", c, "file") if file else ("channels", c, "account"),
            )
        if short:
            continue
        path = _used(post, entry)
        blocks = ailabels.body_view(post)[0]
        for ref in post.media:
            if post.resolve(ref.path) != path:
                continue
            index = next((n for n, b in enumerate(blocks) if b.first <= ref.line <= b.last), None)
            near = [] if index is None else blocks[index : index + 2]
            if not any(len(b.text.strip()) <= ailabels.CAPTION and ailabels.Visible(b.pieces).labels() for b in near):
                yield Problem(
                    Text(
                        f"这段视频登记为{zh}（assets 第 {i + 1} 项），但它的说明里没有标识；请在视频所在或紧接的一段写上{SAY}。",
                        f"this video is declared {en} (asset {i + 1}) but its caption carries no label: write "
                        f"{SAY_EN} right beside it.",
                    ),
                    line=ref.line,
                    column=ref.column,
                )


def _pieces(raw: str):
    """A version file's text as one visible run (its Markdown read as the body is)."""
    from wemedia import body

    out = []
    for block in body.blocks(raw, 1):
        out.extend(block.pieces)
        out.append((0, 0, "\n"))
    return out


@rule(
    "WM283",
    "4.1",
    "没有登记 AI 生成的文章不宜写 AI 生成的标识",
    "a post declaring nothing AI-generated carries no AI label",
    reminder=True,  # 4.1 is a "shall"; a label too many misleads readers but breaks no law: a warning
)
def stray_label(post, archive):
    """规则: 文章的 front-matter 既没有 `ai`，也没有哪项素材写了 `ai`，正文中读者看得见的文字却有“AI生成”等标识时提醒。
    原因: 标识告诉读者内容由人工智能生成；没有生成却写了标识会误导读者。多半是忘了登记（那就补上 `ai`，让检查核对标识的位置），
      或是复制旧稿留下的字样。
    示例: 正文写“海报由AI生成”，却没有任何素材登记 `ai: generated` → 提醒；在海报那一项补上 `ai: generated`、`ai_mark: true`。
    """
    if ailabels.anything_declared(post) or not ailabels.mentions(post.doc.body):
        return
    _, view, _ = ailabels.body_view(post)
    for hit in view.labels()[:1]:
        yield Problem(
            Text(
                "正文有 AI 生成的标识，但文章没有登记任何 AI 生成的内容；如确有生成，请在 front-matter 写 ai: {text: "
                "generated 或 assisted}，或在对应素材写 ai；没有生成就删掉这句，以免误导读者。",
                "the body carries an AI label but the post declares nothing AI-generated: declare it (ai: {text: "
                "generated|assisted}, or ai on the asset), or remove the words so they do not mislead readers.",
            ),
            line=hit.line,
            column=hit.column,
        )


@rule(
    "WM284",
    "4.1",
    "AI 生成的图片宜带有隐式标识（元数据 AIGC）",
    "an AI-generated image carries the implicit label (AIGC metadata)",
    reminder=True,  # the generating service writes it; the library can only notice its absence
)
def implicit_label(post, archive):
    """规则: 登记为 `ai: generated` 的 JPEG、PNG 图片，文件元数据中宜有名为 AIGC 的字段（XMP 或 PNG 文字块）；没有时提醒。
    原因: GB 45438-2025 要求生成合成服务在文件元数据中写入隐式标识 AIGC（生成者、内容编号等）；它缺失，多半是图片被
      截图、另存或用会丢元数据的工具处理过。`wemedia assets strip` 去掉个人信息时保留 AIGC。
    示例: 用生成服务导出的原始 PNG（带 AIGC 文字块），不要截图后再上传。
    """
    for i, entry, kind in ailabels.assets(post):
        file = text(entry, "file")
        if kind != "generated" or entry.get("kind") != "image" or not file:
            continue
        carries, _ = ailabels.implicit(archive.read_bytes(post.resolve(file)))
        if carries is False:
            yield Problem(
                Text(
                    f"图片 {file} 登记为由 AI 生成，但文件元数据中没有隐式标识 AIGC；请使用生成服务导出的原始文件（不要截图或"
                    "另存），或向生成服务取得带标识的文件。",
                    f"the image {file} is declared AI-generated but its metadata has no implicit AIGC label: use the file "
                    "the generating service exported (not a screenshot or a re-save).",
                ),
                at=("assets", i, "ai"),
            )
